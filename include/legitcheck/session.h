/*
 * A session: the open case, its checklist, where it is saved, and how the
 * user talks to it (a terminal or a script). Command handlers act on it.
 *
 * The session layer is where output happens: handlers print results to
 * s->out and problems to s->err (both replaceable, so tests capture them).
 * The library below it never prints.
 */
#ifndef LEGITCHECK_SESSION_H
#define LEGITCHECK_SESSION_H

#include <stdbool.h>
#include <stdio.h>

#include "legitcheck/casefile.h"
#include "legitcheck/catalog.h"
#include "legitcheck/error.h"

#define DEFAULT_CHECKLIST "five-questions"

struct undo_record {
	long question; /* -1: the title changed */
	struct answer saved;
	char *title;
	char *what; /* what the undo reverts, for the message */
};

struct session {
	struct catalog catalog;
	struct casefile *cf; /* NULL until a case is open */
	char *path;          /* where cf is saved; NULL for a new unsaved case */
	bool dirty;          /* changes not yet on disk */
	bool autosave;       /* save after every change (when path is set) */
	bool interactive;    /* a person at a terminal */
	bool color;
	bool bail; /* scripts: stop at the first error */
	bool quit;
	size_t current; /* the question at hand */
	FILE *out;
	FILE *err;
	const char *script_name; /* non-NULL while reading a script */
	long script_line;
	int failures;      /* commands that failed in this session */
	int first_failure; /* status of the first failure */
	const char *default_checklist;
	struct undo_record *undo;
	size_t nundo;
	size_t aundo;
};

void session_init(struct session *s);
void session_release(struct session *s);

/* Prints to s->out. */
void session_say(struct session *s, const char *fmt, ...) LC_PRINTF(2, 3);
/* Reports a failed command on s->err, prefixed "script:LINE: " in scripts and
 * "legitcheck: " elsewhere, counts the failure and returns status. */
int session_fail(struct session *s, int status, const char *fmt, ...) LC_PRINTF(3, 4);
/* Reports every message of err and returns its status. */
int session_fail_error(struct session *s, const struct error *err);

/* Opens path as the session's case; a missing file becomes a new case with
 * checklist (or the default) that is saved at once. */
int session_open(struct session *s, const char *path, const char *checklist, bool create);
/* Starts a new unsaved case. */
int session_new_unsaved(struct session *s, const char *checklist);
/* Saves to path (or the session's path) atomically. */
int session_save(struct session *s, const char *path);
/* Called after every change: records it as dirty and autosaves. */
int session_changed(struct session *s);

/* Resolves a question id typed by the user (exact id, or a unique suffix such
 * as "timing" or a unique prefix); reports and returns -1 when none or many. */
long session_find_question(struct session *s, const char *word);

/* Undo records: push before a change, pop to revert it. */
void session_push_undo_answer(struct session *s, size_t question, const char *what);
void session_push_undo_title(struct session *s, const char *what);

#endif
