/*
 * Files on disk: reading whole files safely (refusing directories, FIFOs and
 * devices instead of hanging on them) and crash-safe replacement.
 *
 * storage_write_atomic() never leaves a half-written file: it writes a
 * temporary file created with O_CREAT|O_EXCL beside the target, flushes and
 * fsyncs it, renames it over the target and fsyncs the directory. On any
 * failure the temporary file is removed and the target is byte-identical to
 * what it was. A symlinked target is replaced through the link, and the new
 * file keeps the old file's permission bits.
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
 * temporary file cannot be created, LC_ERR_IO when a write, fsync or rename
 * fails. "-" writes to standard output. */
int storage_write_atomic(const char *path, const void *data, size_t len, struct error *err);

/* True if path names an existing file (of any type). */
int storage_exists(const char *path);

#endif
