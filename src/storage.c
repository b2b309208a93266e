/* Whole-file reads and crash-safe writes; see storage.h for the guarantees. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE, where the system has it */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "legitcheck/storage.h"
#include "legitcheck/util.h"

/*
 * Asks for huge pages behind a large buffer. A page fault is costly in a
 * virtual machine, and reading a 100 MB case otherwise takes 25,000 of them,
 * about a third of the time of `legitcheck score`. Only a hint: nothing
 * changes where the system does not have it.
 */
static void want_huge_pages(void *buf, size_t size)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t from = ((uintptr_t)buf + huge - 1) & ~(huge - 1);
	uintptr_t to = ((uintptr_t)buf + size) & ~(huge - 1);

	if (to > from)
		madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)buf;
	(void)size;
#endif
}

/* Reads fd to its end; size_hint (the file's size, or 0) sizes the buffer once. */
static int read_fd(int fd, const char *name, size_t size_hint, char **data, size_t *len,
		   struct error *err)
{
	struct strbuf sb;

	strbuf_init(&sb);
	if (size_hint) {
		strbuf_grow(&sb, size_hint + 65536);
		if (size_hint >= (size_t)8 << 20)
			want_huge_pages(sb.buf, sb.alloc);
	}
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
		return read_fd(STDIN_FILENO, "standard input", 0, data, len, err);
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
	rc = read_fd(fd, path, (size_t)st.st_size, data, len, err);
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
		if (n == 0) {
			/* No progress and no error: a full device that will not say so. */
			errno = ENOSPC;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

char *storage_resolve(const char *path, struct error *err)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return xstrdup(path);
	/* Through the link, so that the link itself survives the rename. */
	real = realpath(path, NULL);
	if (!real)
		error_add(err, LC_ERR_CANTCREAT, "cannot write through the link '%s': %s", path,
			  strerror(errno));
	return real;
}

char *storage_sidecar(const char *resolved, const char *suffix)
{
	const char *slash = strrchr(resolved, '/');

	if (!slash)
		return xasprintf(".%s%s", resolved, suffix);
	return xasprintf("%.*s/.%s%s", (int)(slash - resolved), resolved, slash + 1, suffix);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int storage_sync_dir_of(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
	int rc = -1, saved;

	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	saved = errno;
	if (close(fd) != 0 && rc == 0)
		return -1;
	errno = saved;
	return rc;
}

/*
 * Creates the temporary file beside target. A file of that name left by a
 * killed process (whose pid this process now has) must not block the save:
 * another name is tried.
 */
static int create_temp(const char *target, mode_t mode, char **tmp)
{
	int attempt, fd = -1;

	for (attempt = 0; attempt < 100; attempt++) {
		if (attempt == 0)
			*tmp = xasprintf("%s.tmp-%ld", target, (long)getpid());
		else
			*tmp = xasprintf("%s.tmp-%ld-%d", target, (long)getpid(), attempt);
		fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
		if (fd >= 0 || errno != EEXIST)
			break;
		free(*tmp);
		*tmp = NULL;
	}
	if (fd < 0) {
		int saved = errno;

		free(*tmp);
		*tmp = NULL;
		errno = saved;
	}
	return fd;
}

int storage_write_atomic(const char *path, const void *data, size_t len, struct error *err)
{
	char *target, *dir = NULL, *tmp = NULL;
	const char *step = NULL;
	struct stat st;
	bool existed = false;
	mode_t mode;
	int fd = -1, dirfd = -1, saved = 0, rc = LC_OK;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return error_add(err, LC_ERR_IO, "cannot write to standard output: %s",
					 strerror(errno));
		return LC_OK;
	}
	target = storage_resolve(path, err);
	if (!target)
		return LC_ERR_CANTCREAT;
	dir = dir_of(target);
	if (stat(target, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			rc = error_add(err, LC_ERR_CANTCREAT, "cannot write '%s': %s", path,
				       S_ISDIR(st.st_mode) ? "is a directory"
							   : "not a regular file");
			goto out;
		}
		existed = true;
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
	}
	dirfd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
	if (dirfd < 0) {
		saved = errno;
		rc = error_add(err, LC_ERR_CANTCREAT, "cannot create '%s': %s", path,
			       strerror(saved));
		goto out;
	}
	fd = create_temp(target, mode, &tmp);
	if (fd < 0) {
		saved = errno;
		rc = error_add(err, LC_ERR_CANTCREAT,
			       "cannot create '%s': cannot create a temporary file beside it: %s%s",
			       path, strerror(saved),
			       existed ? " (the previous file is unchanged)" : "");
		goto out;
	}
	/* open() applied the umask; the replacement keeps the old file's mode. */
	if (fchmod(fd, mode) != 0) {
		step = "set the permissions of";
		goto werr;
	}
	/* Keeps the owner when root saves someone else's case; failure is harmless. */
	if (existed && (st.st_uid != geteuid() || st.st_gid != getegid()) &&
	    fchown(fd, st.st_uid, st.st_gid) != 0)
		errno = 0;
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
	if (fsync(dirfd) != 0) {
		step = "flush the directory of";
		goto werr;
	}
	if (rename(tmp, target) != 0) {
		step = "replace";
		goto werr;
	}
	free(tmp);
	tmp = NULL;
	if (fsync(dirfd) != 0) {
		saved = errno;
		/* The new content is in place; only its durability is in doubt. */
		rc = error_add(err, LC_ERR_IO,
			       "saved '%s' but could not flush its directory to disk: %s (a "
			       "power cut now could bring back the previous version)",
			       path, strerror(saved));
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
	if (dirfd >= 0 && close(dirfd) != 0 && !rc) {
		saved = errno;
		rc = error_add(err, LC_ERR_IO, "saved '%s' but could not close its directory: %s",
			       path, strerror(saved));
	}
	free(tmp);
	free(dir);
	free(target);
	if (saved)
		errno = saved;
	return rc;
}

/* The pid in NAME.tmp-PID or NAME.tmp-PID-N, or 0 if entry is not one. */
static long temp_pid(const char *entry, const char *base)
{
	size_t n = strlen(base);
	const char *p;
	char *end;
	long pid;

	if (strncmp(entry, base, n) != 0 || strncmp(entry + n, ".tmp-", 5) != 0)
		return 0;
	p = entry + n + 5;
	if (*p < '1' || *p > '9')
		return 0;
	errno = 0;
	pid = strtol(p, &end, 10);
	if (errno || pid <= 0)
		return 0;
	if (*end == '-') {
		if (end[1] < '1' || end[1] > '9')
			return 0;
		strtol(end + 1, &end, 10);
	}
	return *end ? 0 : pid;
}

size_t storage_remove_stale_temps(const char *path)
{
	struct error err;
	char *target, *dir;
	const char *base;
	struct dirent *de;
	size_t removed = 0;
	DIR *d;

	error_init(&err);
	target = storage_resolve(path, &err);
	error_release(&err);
	if (!target)
		return 0;
	dir = dir_of(target);
	base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		long pid = temp_pid(de->d_name, base);
		char *name;

		/* Ours cannot be in flight (no save runs now); others only if gone. */
		if (!pid || (pid != (long)getpid() && (kill((pid_t)pid, 0) == 0 || errno != ESRCH)))
			continue;
		name = xasprintf("%s/%s", dir, de->d_name);
		if (unlink(name) == 0)
			removed++;
		free(name);
	}
	if (d)
		closedir(d);
	free(dir);
	free(target);
	return removed;
}
