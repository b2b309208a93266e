/* The one-writer lock of a case file; see lock.h for the protocol. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "legitcheck/lock.h"
#include "legitcheck/storage.h"
#include "legitcheck/util.h"

struct case_lock {
	char *case_path; /* the resolved case file */
	char *lock_path;
	int fd;
};

static void this_host(char host[64])
{
	if (gethostname(host, 64) != 0)
		host[0] = '\0';
	host[63] = '\0';
}

static void read_holder(int fd, struct lock_holder *h)
{
	char buf[256];
	ssize_t n;

	memset(h, 0, sizeof(*h));
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return;
	buf[n] = '\0';
	if (sscanf(buf, "%ld %31s %63s", &h->pid, h->since, h->host) < 1 || h->pid <= 0)
		memset(h, 0, sizeof(*h));
}

/* True when the holder certainly no longer runs: a process of this host
 * that kill() does not find. A holder on another host cannot be checked. */
static bool holder_gone(const struct lock_holder *h)
{
	char host[64];

	this_host(host);
	if (h->host[0] && strcmp(h->host, host) != 0)
		return false;
	return kill((pid_t)h->pid, 0) != 0 && errno == ESRCH;
}

static bool same_file(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

static int held_error(const char *path, const struct lock_holder *h, struct error *err)
{
	char host[64];
	struct strbuf who;
	int rc;

	this_host(host);
	strbuf_init(&who);
	if (h->pid > 0)
		strbuf_addf(&who, "process %ld", h->pid);
	else
		strbuf_adds(&who, "another process");
	if (h->host[0] && strcmp(h->host, host) != 0)
		strbuf_addf(&who, " on host %s", h->host);
	if (h->since[0])
		strbuf_addf(&who, " (since %s)", h->since);
	/* Two messages: the fact, which a question at the terminal also uses,
	 * and what to do about it on the command line. */
	error_add(err, LC_ERR_TEMPFAIL, "'%s' is being edited by %s", path, who.buf);
	rc = error_add(err, LC_ERR_TEMPFAIL,
		       "open it with --read-only to look at it without changing it");
	strbuf_release(&who);
	return rc;
}

static void write_holder(int fd)
{
	char now[21], host[64], *line;
	size_t len;

	util_now_iso(now);
	this_host(host);
	line = xasprintf("%ld %s %s\n", (long)getpid(), now, host[0] ? host : "-");
	len = strlen(line);
	/* Advisory only: a lock file that says nothing still locks. */
	if (ftruncate(fd, 0) != 0 || pwrite(fd, line, len, 0) != (ssize_t)len)
		errno = 0;
	free(line);
}

int lock_acquire(const char *path, struct case_lock **out, struct lock_holder *holder,
		 struct error *err)
{
	struct lock_holder prev;
	char *resolved, *lock_path;
	int fd = -1, attempt, rc = LC_OK;

	*out = NULL;
	memset(holder, 0, sizeof(*holder));
	memset(&prev, 0, sizeof(prev));
	resolved = storage_resolve(path, err);
	if (!resolved)
		return LC_ERR_CANTCREAT;
	lock_path = storage_sidecar(resolved, ".lock");
	for (attempt = 0; attempt < 20; attempt++) {
		struct flock fl;

		/* O_NOFOLLOW: a planted symlink must not make us truncate its target. */
		fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
		if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) {
			/* No such directory: no case can be created there either. */
			rc = error_add(err, LC_ERR_CANTCREAT, "cannot create '%s': %s", path,
				       strerror(errno));
			goto out;
		}
		if (fd < 0) {
			rc = error_add(err, LC_ERR_CANTCREAT,
				       "cannot lock '%s' for editing: cannot create its lock file "
				       "'%s': %s (a case in a directory you cannot write to can be "
				       "opened with --read-only)",
				       path, lock_path, strerror(errno));
			goto out;
		}
		read_holder(fd, &prev);
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(fd, F_SETLK, &fl) == 0) {
			/* The file may have been removed by its holder between our open and our
			 * lock: then the lock is on a file nobody else will look at. */
			if (same_file(fd, lock_path))
				break;
			close(fd);
			fd = -1;
			continue;
		}
		if (errno == EACCES || errno == EAGAIN) {
			*holder = prev;
			rc = held_error(path, &prev, err);
			goto out;
		}
		if (errno == ENOLCK || errno == EINVAL || errno == EOPNOTSUPP || errno == ENOSYS) {
			/* No fcntl locks on this file system: the pid in the file decides. */
			if (prev.pid > 0 && prev.pid != (long)getpid() && !holder_gone(&prev)) {
				*holder = prev;
				rc = held_error(path, &prev, err);
				goto out;
			}
			break;
		}
		rc = error_add(err, LC_ERR_CANTCREAT, "cannot lock '%s' for editing: %s", path,
			       strerror(errno));
		goto out;
	}
	if (fd < 0) {
		rc = error_add(err, LC_ERR_TEMPFAIL,
			       "cannot lock '%s' for editing: its lock file keeps changing", path);
		goto out;
	}
	/* We hold the lock, so whoever the file names does not: a crashed session. */
	if (prev.pid > 0 && prev.pid != (long)getpid()) {
		*holder = prev;
		holder->stale = true;
	}
	write_holder(fd);
	*out = xcalloc(1, sizeof(**out));
	(*out)->case_path = resolved;
	(*out)->lock_path = lock_path;
	(*out)->fd = fd;
	return LC_OK;
out:
	if (fd >= 0)
		close(fd);
	free(lock_path);
	free(resolved);
	return rc;
}

const char *lock_case_path(const struct case_lock *lk)
{
	return lk->case_path;
}

void lock_release(struct case_lock *lk)
{
	if (!lk)
		return;
	/* Unlink before closing: a process that opened the file meanwhile finds,
	 * once it has the lock, that the name no longer leads to it, and retries. */
	if (same_file(lk->fd, lk->lock_path))
		unlink(lk->lock_path);
	close(lk->fd);
	free(lk->lock_path);
	free(lk->case_path);
	free(lk);
}
