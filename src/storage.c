/* Whole-file reads and crash-safe writes; see storage.h for the guarantees. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "legitcheck/storage.h"
#include "legitcheck/util.h"

static int read_fd(int fd, const char *name, char **data, size_t *len, struct error *err)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (;;) {
		ssize_t n;

		strbuf_grow(&sb, 65536);
		n = read(fd, sb.buf + sb.len, sb.alloc - sb.len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error_add(err, LC_ERR_IO, "cannot read '%s': %s", name, strerror(errno));
			strbuf_release(&sb);
			return LC_ERR_IO;
		}
		if (n == 0)
			break;
		sb.len += (size_t)n;
		sb.buf[sb.len] = '\0';
	}
	*data = strbuf_detach(&sb, len);
	return LC_OK;
}

int storage_read_file(const char *path, char **data, size_t *len, struct error *err)
{
	struct stat st;
	int fd, rc;

	*data = NULL;
	*len = 0;
	if (strcmp(path, "-") == 0)
		return read_fd(STDIN_FILENO, "standard input", data, len, err);
	/* O_NONBLOCK so that opening a FIFO cannot hang; it is refused below. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return error_add(err, LC_ERR_NOINPUT, "cannot open '%s': %s", path,
				 strerror(errno));
	if (fstat(fd, &st) != 0) {
		rc = error_add(err, LC_ERR_IO, "cannot read '%s': %s", path, strerror(errno));
		close(fd);
		return rc;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return error_add(err, LC_ERR_NOINPUT, "cannot read '%s': %s", path,
				 S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	rc = read_fd(fd, path, data, len, err);
	close(fd);
	return rc;
}

int storage_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Resolves a symlinked target so the link itself survives the rename. */
static char *resolve_target(const char *path)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		real = realpath(path, NULL);
		if (real)
			return real;
	}
	return xstrdup(path);
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int storage_write_atomic(const char *path, const void *data, size_t len, struct error *err)
{
	char *target, *dir_copy, *dir, *tmp = NULL;
	const char *step = NULL;
	struct stat st;
	mode_t mode;
	int fd = -1, saved = 0, rc = LC_OK;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return error_add(err, LC_ERR_IO, "cannot write to standard output: %s",
					 strerror(errno));
		return LC_OK;
	}
	target = resolve_target(path);
	dir_copy = xstrdup(target);
	dir = dirname(dir_copy);
	if (stat(target, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			rc = error_add(err, LC_ERR_CANTCREAT, "cannot write '%s': %s", path,
				       S_ISDIR(st.st_mode) ? "is a directory"
							   : "not a regular file");
			goto out;
		}
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
	}
	tmp = xasprintf("%s.tmp-%ld", target, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		saved = errno;
		free(tmp);
		tmp = NULL;
		rc = error_add(err, LC_ERR_CANTCREAT, "cannot create '%s': %s", path,
			       strerror(saved));
		goto out;
	}
	/* open() applied the umask; the replacement keeps the old file's mode. */
	if (fchmod(fd, mode) != 0) {
		step = "set the mode of";
		goto werr;
	}
	if (write_all(fd, data, len) != 0) {
		step = "write";
		goto werr;
	}
	if (fsync(fd) != 0) {
		step = "flush to disk";
		goto werr;
	}
	if (close(fd) != 0) {
		fd = -1;
		step = "close";
		goto werr;
	}
	fd = -1;
	if (rename(tmp, target) != 0) {
		step = "replace";
		goto werr;
	}
	free(tmp);
	tmp = NULL;
	if (fsync_dir(dir) != 0) {
		/* The new content is in place; only its durability is in doubt. */
		rc = error_add(err, LC_ERR_IO, "saved '%s' but could not flush its directory: %s",
			       path, strerror(errno));
	}
	goto out;
werr:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	rc = error_add(err, LC_ERR_IO, "cannot %s '%s': %s (the previous file is unchanged)", step,
		       path, strerror(saved));
out:
	free(tmp);
	free(dir_copy);
	free(target);
	if (saved)
		errno = saved;
	return rc;
}
