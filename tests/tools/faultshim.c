/*
 * An LD_PRELOAD library that makes chosen system calls fail, to prove that
 * every I/O error on the save path is reported and leaves the case intact.
 *
 * LEGITCHECK_FAULT=OP:ERRNO[:N][,OP:ERRNO[:N]...] makes the Nth call (every
 * call when N is absent, the Nth and every later one with N+) of OP fail with
 * ERRNO (a name: ENOSPC, EIO, EDQUOT, EROFS, EACCES, EPERM, EXDEV, EMFILE,
 * EINTR). The operations:
 *   open       open() that creates a file whose path matches
 *   write      write() to a file opened with a matching path
 *   shortwrite the same, but the first such write writes half, the next fails
 *   fsync      fsync() or fdatasync() of a file opened with a matching path
 *   close      close() of such a file (the descriptor is closed all the same)
 *   ftruncate  ftruncate() of such a file
 *   rename     rename() whose source path matches
 *   opendir    open() of a directory
 *   fsyncdir   fsync() of a directory
 * A path matches when it contains LEGITCHECK_FAULT_PATH (default ".tmp-",
 * the temporary file of a save). Test tool only: not part of legitcheck.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum op {
	OP_OPEN,
	OP_WRITE,
	OP_SHORTWRITE,
	OP_FSYNC,
	OP_CLOSE,
	OP_FTRUNCATE,
	OP_RENAME,
	OP_OPENDIR,
	OP_FSYNCDIR,
	OP_COUNT
};

static const char *const op_names[OP_COUNT] = {"open",   "write",   "shortwrite",
					       "fsync",  "close",   "ftruncate",
					       "rename", "opendir", "fsyncdir"};

static struct fault {
	bool active;
	int err;
	long nth;  /* 0: every call */
	bool from; /* the Nth and every later call */
	long calls;
} faults[OP_COUNT];

#define MAX_FD 4096
static bool watched[MAX_FD];
static bool configured;
static const char *pattern = ".tmp-";

static int errno_named(const char *name)
{
	static const struct {
		const char *name;
		int value;
	} table[] = {{"ENOSPC", ENOSPC}, {"EIO", EIO},       {"EDQUOT", EDQUOT}, {"EROFS", EROFS},
		     {"EACCES", EACCES}, {"EPERM", EPERM},   {"EXDEV", EXDEV},   {"EMFILE", EMFILE},
		     {"EINTR", EINTR},   {"ENOENT", ENOENT}, {"EFBIG", EFBIG}};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(table[i].name, name) == 0)
			return table[i].value;
	fprintf(stderr, "faultshim: unknown errno '%s'\n", name);
	abort();
}

static void configure(void)
{
	const char *spec = getenv("LEGITCHECK_FAULT");
	char buf[512], *item, *save = NULL;

	configured = true;
	if (getenv("LEGITCHECK_FAULT_PATH"))
		pattern = getenv("LEGITCHECK_FAULT_PATH");
	if (!spec)
		return;
	snprintf(buf, sizeof(buf), "%s", spec);
	for (item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(item, ':'), *count;
		int i;

		if (!colon) {
			fprintf(stderr, "faultshim: bad fault '%s' (OP:ERRNO[:N])\n", item);
			abort();
		}
		*colon = '\0';
		count = strchr(colon + 1, ':');
		if (count)
			*count++ = '\0';
		for (i = 0; i < OP_COUNT && strcmp(op_names[i], item) != 0; i++)
			;
		if (i == OP_COUNT) {
			fprintf(stderr, "faultshim: unknown operation '%s'\n", item);
			abort();
		}
		faults[i].active = true;
		faults[i].err = errno_named(colon + 1);
		faults[i].nth = count ? strtol(count, NULL, 10) : 0;
		faults[i].from = count && strchr(count, '+');
	}
}

/* True when this call of op is to fail (errno is then set). */
static bool trip(enum op op)
{
	struct fault *f;

	if (!configured)
		configure();
	f = &faults[op];
	if (!f->active)
		return false;
	f->calls++;
	if (f->nth && (f->from ? f->calls < f->nth : f->calls != f->nth))
		return false;
	if (getenv("LEGITCHECK_FAULT_LOG"))
		fprintf(stderr, "faultshim: %s fails with %s\n", op_names[op], strerror(f->err));
	errno = f->err;
	return true;
}

static bool matches(const char *path)
{
	if (!configured)
		configure();
	return path && strstr(path, pattern) != NULL;
}

static bool is_dir_fd(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
}

typedef int (*open_fn)(const char *, int, ...);

static int do_open(const char *name, const char *path, int flags, mode_t mode)
{
	static open_fn real[2];
	int slot = strcmp(name, "open") == 0 ? 0 : 1, fd;

	if (!real[slot])
		real[slot] = (open_fn)dlsym(RTLD_NEXT, name);
	if ((flags & O_DIRECTORY) && trip(OP_OPENDIR))
		return -1;
	if ((flags & O_CREAT) && matches(path) && trip(OP_OPEN))
		return -1;
	fd = real[slot](path, flags, mode);
	if (fd >= 0 && fd < MAX_FD)
		watched[fd] = matches(path);
	return fd;
}

int open(const char *path, int flags, ...);
int open64(const char *path, int flags, ...);

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return do_open("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return do_open("open64", path, flags, mode);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (!real)
		real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (fd >= 0 && fd < MAX_FD && watched[fd]) {
		if (trip(OP_WRITE))
			return -1;
		if (faults[OP_SHORTWRITE].active) {
			static bool short_done;

			if (!short_done && n > 1) {
				short_done = true;
				return real(fd, buf, n / 2);
			}
			if (short_done && trip(OP_SHORTWRITE))
				return -1;
		}
	}
	return real(fd, buf, n);
}

static int sync_common(int fd, const char *name)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, name);

	if (fd >= 0 && fd < MAX_FD && watched[fd] && trip(OP_FSYNC))
		return -1;
	if (is_dir_fd(fd) && trip(OP_FSYNCDIR))
		return -1;
	return real(fd);
}

int fsync(int fd)
{
	return sync_common(fd, "fsync");
}

int fdatasync(int fd)
{
	return sync_common(fd, "fdatasync");
}

int close(int fd)
{
	static int (*real)(int);
	bool was_watched = fd >= 0 && fd < MAX_FD && watched[fd];
	int rc;

	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	if (fd >= 0 && fd < MAX_FD)
		watched[fd] = false;
	rc = real(fd);
	if (rc == 0 && was_watched && trip(OP_CLOSE))
		return -1;
	return rc;
}

static int truncate_common(int fd, off_t size, const char *name)
{
	int (*real)(int, off_t) = (int (*)(int, off_t))dlsym(RTLD_NEXT, name);

	if (fd >= 0 && fd < MAX_FD && watched[fd] && trip(OP_FTRUNCATE))
		return -1;
	return real(fd, size);
}

int ftruncate(int fd, off_t size)
{
	return truncate_common(fd, size, "ftruncate");
}

int ftruncate64(int fd, off_t size);
int ftruncate64(int fd, off_t size)
{
	return truncate_common(fd, size, "ftruncate64");
}

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);

	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	if (matches(from) && trip(OP_RENAME))
		return -1;
	return real(from, to);
}
