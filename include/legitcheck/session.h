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
	bool with_evidence; /* saved holds the evidence too, not only its stamp */
	char *title;
	char *what; /* what the undo reverts, for the message */
};

/*
 * Asks the person at the terminal for one line: prompt is shown, initial is
 * the editable text already in the line (NULL for none), words are offered by
 * tab completion (NULL-terminated, or NULL). On SESSION_ASK_OK *answer is a
 * malloc'd string the caller frees; on SESSION_ASK_CANCELLED (Ctrl-C, end of
 * input, or nobody to ask) *answer is NULL.
 */
enum session_ask_status { SESSION_ASK_OK, SESSION_ASK_CANCELLED };
struct session;
typedef int (*session_ask_fn)(struct session *s, const char *prompt, const char *initial,
			      const char *const *words, char **answer);

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
	session_ask_fn ask;  /* NULL in scripts: nobody to ask */
	unsigned width;      /* columns for wrapped text */
	bool wrap;           /* text laid out in lines (score) is wrapped to width: a terminal */
	const char *history; /* the prompt's history file (not owned); NULL: none */
	bool read_only;      /* the case file is never written (another process edits it) */
	struct session_store *store; /* the open case's lock and journal (session.c) */
};

void session_init(struct session *s);
void session_release(struct session *s);

/* Prints to s->out, as text for a person: control characters from a case
 * file or the command line cannot reach the terminal
 * (util_add_terminal_text). Data (JSON, reports) is written as it is. */
void session_say(struct session *s, const char *fmt, ...) LC_PRINTF(2, 3);
/* Writes text for a person to f (s->out or s->err) the same way. */
void session_write(struct session *s, FILE *f, const char *text, size_t len);
/* Reports a failed command on s->err, prefixed "script:LINE: " in scripts and
 * "legitcheck: " elsewhere, counts the failure and returns status. */
int session_fail(struct session *s, int status, const char *fmt, ...) LC_PRINTF(3, 4);
/* Reports every message of err and returns its status. */
int session_fail_error(struct session *s, const struct error *err);

/*
 * Opens path as the session's case; a missing file becomes a new case with
 * checklist (or the default) that is saved at once. Unless s->read_only, the
 * case is locked for this process (lock.h): a case another process edits is
 * refused with LC_ERR_TEMPFAIL, naming it (at the prompt, the user may open
 * it read-only instead). Changes a crashed session journaled are replayed and
 * saved, and the user is told (journal.h). The case open before is closed.
 */
int session_open(struct session *s, const char *path, const char *checklist, bool create);
/* Starts a new unsaved case. */
int session_new_unsaved(struct session *s, const char *checklist);
/* Saves to path (or the session's path) atomically, then empties the journal.
 * Another path becomes the case's file (and is locked). */
int session_save(struct session *s, const char *path);
/* Called after every change. With autosave, the change is appended to the
 * case's journal and on disk before this returns (the case file itself is
 * rewritten only now and then); otherwise it is marked unsaved. */
int session_changed(struct session *s);
/* Leaves the open case: writes journaled changes into the case file, removes
 * the journal and releases the lock. If the save fails the changes stay in
 * the journal, to be recovered at the next open. */
int session_close(struct session *s);

/* Resolves a question id typed by the user (exact id, or a unique suffix such
 * as "timing" or a unique prefix); reports and returns -1 when none or many. */
long session_find_question(struct session *s, const char *word);

/* Asks through s->ask; SESSION_ASK_CANCELLED when there is nobody to ask. */
int session_ask(struct session *s, const char *prompt, const char *initial,
		const char *const *words, char **answer);
/* A yes/no question; true only for an answer starting with y (Enter: no). */
bool session_confirm(struct session *s, const char *question);
/* True when changes would be lost on leaving: not saved, and no autosave to
 * a file will save them (a case open read-only is never saved to). */
bool session_unsaved(const struct session *s);

/* Navigation. The next (step 1) or previous (step -1) question from 'from'
 * that applies given the answers so far, or -1 when there is none. */
long session_step_question(const struct session *s, size_t from, int step);
/* The first unanswered question that applies, searching forward from 'from'
 * (included) and wrapping around; -1 when every one is answered. */
long session_next_unanswered(const struct session *s, size_t from);

/* Undo records: push before a change, pop to revert it. A change that
 * leaves the evidence alone saves the rest of the answer only, so that it
 * costs the same whatever the length of the evidence. */
void session_push_undo_answer(struct session *s, size_t question, const char *what,
			      bool evidence_changes);
void session_push_undo_title(struct session *s, const char *what);

#endif
