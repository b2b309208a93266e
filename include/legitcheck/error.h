/*
 * Error reporting: a status that is also the process exit code (sysexits.h)
 * and a list of messages, so that a validator can report every problem in a
 * file at once.
 *
 * Calling sequence: error_init(), pass the struct to any function that can
 * fail, read error_message(err, i) for i < err->count, then error_release().
 * Messages are lowercase sentences without a final full stop, prefixed with
 * "FILE:LINE:COLUMN: PATH: " where a place in a file applies.
 */
#ifndef LEGITCHECK_ERROR_H
#define LEGITCHECK_ERROR_H

#include <stddef.h>

#include "legitcheck/util.h"

enum lc_status {
	LC_OK = 0,
	LC_ERR_USAGE = 64,     /* EX_USAGE: bad command line or command */
	LC_ERR_DATA = 65,      /* EX_DATAERR: invalid checklist or case */
	LC_ERR_NOINPUT = 66,   /* EX_NOINPUT: a file could not be opened */
	LC_ERR_SOFTWARE = 70,  /* EX_SOFTWARE: internal error */
	LC_ERR_CANTCREAT = 73, /* EX_CANTCREAT: an output could not be created */
	LC_ERR_IO = 74,        /* EX_IOERR: read or write failed */
	LC_ERR_TEMPFAIL = 75,  /* EX_TEMPFAIL: the case is locked by another process */
};

struct error {
	enum lc_status status; /* the first failure's status, LC_OK if none */
	char **messages;
	size_t count;
	size_t alloc;
};

void error_init(struct error *err);
/* Frees every message; the struct is left initialised and reusable. */
void error_release(struct error *err);
/* Appends a message and returns the error's status (the first one set wins). */
int error_add(struct error *err, enum lc_status status, const char *fmt, ...) LC_PRINTF(3, 4);
int error_vadd(struct error *err, enum lc_status status, const char *fmt, va_list ap);
/* Appends every message of src to dst. */
void error_merge(struct error *dst, const struct error *src);
const char *error_message(const struct error *err, size_t i);

#endif
