/*
 * The journal of confirmed changes: what makes a change durable the moment
 * the prompt returns, without rewriting a large case file on every answer.
 *
 * Beside the case (".case.json.journal", beside the file a symlinked case
 * points to) lives one JSON object per line, each ending with a CRC-32 of
 * the line before it:
 *
 *   {"seq":0,"kind":"journal","version":1,"base":"sha256:...","crc":"..."}
 *   {"seq":1,"kind":"change","modified":"...","answers":{"q1.timing":{...}},
 *    "history":[...],"crc":"..."}
 *   {"seq":2,"kind":"saved","digest":"sha256:...","crc":"..."}
 *
 * The header binds the journal to the case file it applies to (the SHA-256
 * of its bytes). A change record carries the full new state of what changed
 * (casefile_write_delta), so replaying it is "set this to that". A "saved"
 * record is written just before the case is rewritten: if the process dies
 * between that rewrite and the removal of the journal, the next open sees
 * that the case file is the saved one and drops the journal instead of
 * replaying it twice.
 *
 * Calling sequence: journal_new() for the open case; journal_recover() once
 * after loading it (replays what a crashed session left) or journal_track()
 * when there is nothing to recover; journal_record() after each change (it
 * finds what changed by comparing with the state last recorded, appends one
 * record and fsyncs it); to save, journal_commit(), write the case,
 * journal_remove(), journal_track(); journal_free() at the end.
 *
 * Error handling: a failed append is cut off again, so a journal never holds
 * a partial record that later ones follow; the change is then reported as
 * not saved. A torn last record (the process died while writing it) is
 * detected by its missing newline or wrong CRC, ignored and reported.
 * Nothing here prints.
 */
#ifndef LEGITCHECK_JOURNAL_H
#define LEGITCHECK_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "legitcheck/casefile.h"
#include "legitcheck/error.h"

struct journal;

/* What journal_recover found. set_aside is owned by the caller (free). */
struct journal_recovery {
	size_t applied;     /* changes replayed into the case */
	bool torn;          /* an incomplete last record was ignored */
	size_t ignored;     /* records not replayed because one before them is damaged */
	bool already_saved; /* the journal's changes were already in the case file */
	char *set_aside;    /* a journal kept under this name: it does not match the case,
			       or part of it could not be replayed */
};

/* A journal for the case whose resolved file is case_path. No I/O. The
 * caller frees it with journal_free(). */
struct journal *journal_new(const char *case_path);
/* Closes and frees j; the journal file stays on disk. NULL is allowed. */
void journal_free(struct journal *j);

/* The journal file's name. */
const char *journal_path(const struct journal *j);

/*
 * Replays into cf (just loaded from a file whose bytes have case_digest,
 * "sha256:HEX") the changes a previous session journaled but did not save,
 * and fills r. Afterwards j records further changes after the replayed ones
 * (or starts afresh if there were none). With look_only, no file is
 * changed: the changes are replayed into cf alone (a read-only view).
 * Errors: LC_ERR_IO when the journal cannot be read or set aside.
 */
int journal_recover(struct journal *j, struct casefile *cf, const char *case_digest, bool look_only,
		    struct journal_recovery *r, struct error *err);

/* Starts afresh: cf, as it is now, is what the case file (with digest) holds. */
void journal_track(struct journal *j, const struct casefile *cf, const char *digest);

/* Appends a record of what changed in cf since the last record or
 * journal_track(), and fsyncs it. *recorded says whether anything had
 * changed. Errors: LC_ERR_IO or LC_ERR_CANTCREAT, and the change is not in
 * the journal. */
int journal_record(struct journal *j, const struct casefile *cf, bool *recorded, struct error *err);

/* Notes, before the case is rewritten, that the file with digest holds every
 * change so far. Does nothing when there is no journal file. */
int journal_commit(struct journal *j, const char *digest, struct error *err);

/* Removes the journal file once the case holds its changes. */
int journal_remove(struct journal *j, struct error *err);

/* Change records in the journal file, and its size in bytes. */
size_t journal_records(const struct journal *j);
size_t journal_bytes(const struct journal *j);

/* "sha256:HEX" of data, into out (72 bytes). */
void journal_digest(const void *data, size_t len, char out[72]);

#endif
