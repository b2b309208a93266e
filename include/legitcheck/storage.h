/*
 * Files on disk: reading whole files safely (refusing directories, FIFOs and
 * devices instead of hanging on them) and crash-safe replacement.
 *
 * storage_write_atomic() never leaves a half-written file. Calling sequence
 * inside it, each step checked:
 *   1. open the target's directory (its fsync makes the rename durable);
 *   2. create TARGET.tmp-PID beside the target with O_CREAT|O_EXCL|O_CLOEXEC
 *      (another name, TARGET.tmp-PID-N, if a dead process left that one);
 *   3. give it the old file's permission bits (and owner, when allowed);
 *   4. write, fsync, close;
 *   5. fsync the directory, so that a directory that cannot be flushed is
 *      found before anything is replaced;
 *   6. rename over the target, fsync the directory again.
 *
 * Error handling: on any failure up to the rename, the temporary file is
 * removed and the target is byte-identical to what it was; the message names
 * the step and the file and says the previous file is unchanged. If only the
 * final directory fsync fails, the new content is in place and the message
 * says its durability is in doubt. A symlinked target is replaced through
 * the link (the link itself survives); a dangling link is refused.
 *
 * A process killed in the middle of a save leaves its temporary file behind;
 * storage_remove_stale_temps() removes those of processes that are gone.
 */
#ifndef LEGITCHECK_STORAGE_H
#define LEGITCHECK_STORAGE_H

#include <stddef.h>

#include "legitcheck/error.h"

/* Reads a regular file (or "-" for standard input). *data is NUL-terminated and
 * owned by the caller. Errors: LC_ERR_NOINPUT (missing, unreadable, not a
 * regular file), LC_ERR_IO (read failed). */
int storage_read_file(const char *path, char **data, size_t *len, struct error *err);

/* Replaces path with data atomically. Errors: LC_ERR_CANTCREAT when the
 * temporary file cannot be created (or the target is not a regular file),
 * LC_ERR_IO when a write, fsync, close or rename fails. "-" writes to
 * standard output. errno is kept from the failing step. */
int storage_write_atomic(const char *path, const void *data, size_t len, struct error *err);

/* The file a write to path replaces: path itself, or where its symlink points.
 * NULL (with an error) for a dangling link. The caller frees the result. */
char *storage_resolve(const char *path, struct error *err);

/* The name of a sidecar file of path: ".NAME" + suffix in the directory of the
 * resolved target ("dir/.case.json.lock"). The caller frees the result. */
char *storage_sidecar(const char *resolved, const char *suffix);

/* Removes the temporary files (TARGET.tmp-PID[-N]) that processes which no
 * longer exist left beside path when they were killed in the middle of a
 * save. Call it only while holding the case's lock. Returns how many were
 * removed. */
size_t storage_remove_stale_temps(const char *path);

/* fsyncs the directory that contains path. 0 or -1 with errno. */
int storage_sync_dir_of(const char *path);

/* True if path names an existing file (of any type). */
int storage_exists(const char *path);

#endif
