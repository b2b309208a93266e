/*
 * One writer per case: a lock taken by the process that edits a case file
 * (the interactive session or a script), so that a second one is told who
 * holds the case instead of overwriting its changes.
 *
 * The lock is a sidecar file beside the case (".case.json.lock", beside the
 * file a symlinked case points to), holding "PID SINCE HOST", with an fcntl
 * write lock on it. The case file itself is never locked: a save renames a
 * new file over it, which would drop a lock on the old inode. The kernel
 * releases an fcntl lock when its process dies, so a crashed session never
 * blocks the next one; its lock file, left behind, names a process that is
 * gone (kill(pid, 0) fails with ESRCH) and is taken over. On a file system
 * without fcntl locks, the pid in the file alone decides.
 *
 * One-off commands (score, report, validate) read without locking.
 *
 * Calling sequence: lock_acquire(); keep the lock while the case is open;
 * lock_release() (which removes the lock file). A process must not open the
 * lock file of a case it holds in any other way: closing any descriptor of
 * it would drop the fcntl lock.
 */
#ifndef LEGITCHECK_LOCK_H
#define LEGITCHECK_LOCK_H

#include <stdbool.h>

#include "legitcheck/error.h"

struct case_lock;

/* Who holds (or held) a lock, as its file says. */
struct lock_holder {
	long pid;       /* 0 when the lock file says nothing readable */
	char since[32]; /* UTC time it was taken, "" when unknown */
	char host[64];  /* host name of the holder, "" when unknown */
	bool stale;     /* the holder no longer runs: its lock was taken over */
};

/*
 * Takes the lock of the case at path. On success *out is the held lock (free
 * it with lock_release) and holder describes a stale lock that was taken
 * over, if any (holder->stale). Errors: LC_ERR_TEMPFAIL when another process
 * holds it (holder says which; the message names it and suggests
 * --read-only); LC_ERR_CANTCREAT when the lock file cannot be created.
 */
int lock_acquire(const char *path, struct case_lock **out, struct lock_holder *holder,
		 struct error *err);

/* The resolved case file a lock is for (owned by the lock). */
const char *lock_case_path(const struct case_lock *lk);

/* Removes the lock file and frees lk. NULL is allowed. */
void lock_release(struct case_lock *lk);

#endif
