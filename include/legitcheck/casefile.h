/*
 * Case files: one user's answers to a checklist, with the evidence behind each
 * answer and the history of changes (docs/formats.md, "Case file").
 *
 * A case refers to its checklist by id, version and content digest; loading
 * finds the checklist through a resolver callback and refuses, with a clear
 * message, a case answered against a different version or content, unless the
 * caller accepts the change (CASEFILE_ACCEPT_CHECKLIST_CHANGE).
 *
 * Ownership: the casefile owns every string and evidence item in it; it does
 * not own its checklist, which must outlive it. Free with casefile_free().
 * Serialisation is deterministic, and unknown keys are written back where
 * they were found, so a file loaded and saved unchanged is byte-identical.
 */
#ifndef LEGITCHECK_CASEFILE_H
#define LEGITCHECK_CASEFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "legitcheck/checklist.h"
#include "legitcheck/error.h"
#include "legitcheck/evidence.h"
#include "legitcheck/util.h"

#define CASEFILE_FORMAT         "legitcheck-case"
#define CASEFILE_FORMAT_VERSION 1

struct json_extras;

struct answer {
	int choice;     /* index into the question's choices, -1 when unanswered */
	char *note;     /* NULL when none */
	char *answered; /* UTC time of the last choice, NULL when never */
	struct evidence *evidence;
	size_t nevidence;
	size_t aevidence;
	/* Which state of the evidence this is: every change to it takes a new
	 * stamp from the case (0: as loaded), and copies keep it, so an equal
	 * stamp means the same evidence without comparing it item by item. */
	unsigned long evidence_stamp;
	struct json_extras *extras;
};

struct history_entry {
	char *time;
	char *question;
	char *from; /* NULL: was unanswered */
	char *to;   /* NULL: answer withdrawn */
	struct json_extras *extras;
};

struct casefile {
	const struct checklist *checklist; /* not owned */
	char *title;
	char *description;
	char *created;
	char *modified;
	char *checklist_id;
	char *checklist_version;
	char *checklist_digest;
	struct json_extras *checklist_extras;
	struct answer *answers; /* one per question of the checklist */
	struct history_entry *history;
	size_t nhistory;
	size_t ahistory;
	struct json_extras *extras;
	/* Set when loading accepted a checklist that changed since the case was
	 * written; the next save records the new version and digest. */
	bool checklist_changed;
	unsigned long evidence_stamps; /* the last stamp given (answer.evidence_stamp) */
};

/* Finds the checklist a case names. *out stays owned by the resolver's caller. */
typedef int (*casefile_resolver)(const char *id, const char *version, void *ctx,
				 const struct checklist **out, struct error *err);

enum casefile_load_flags {
	CASEFILE_ACCEPT_CHECKLIST_CHANGE = 1,
};

/* A new, empty case for cl, created now. The caller frees it (casefile_free). */
struct casefile *casefile_new(const struct checklist *cl, const char *title);
void casefile_free(struct casefile *cf);

int casefile_load_buffer(const char *text, size_t len, const char *name, casefile_resolver resolve,
			 void *ctx, unsigned flags, struct casefile **out, struct error *err);
int casefile_load_file(const char *path, casefile_resolver resolve, void *ctx, unsigned flags,
		       struct casefile **out, struct error *err);

/* Appends the canonical JSON of the case to sb. */
void casefile_serialize(const struct casefile *cf, struct strbuf *sb);
/* Serialises and replaces path atomically (storage_write_atomic). */
int casefile_save(const struct casefile *cf, const char *path, struct error *err);

/*
 * Edits. Each records the modification time; casefile_set_choice also records
 * the change in the history. They return true if anything changed.
 */
bool casefile_set_choice(struct casefile *cf, size_t question, int choice);
bool casefile_set_note(struct casefile *cf, size_t question, const char *note);
bool casefile_set_title(struct casefile *cf, const char *title);
/* Takes over *ev (which is re-initialised). */
void casefile_add_evidence(struct casefile *cf, size_t question, struct evidence *ev);
/* Replaces item n (0-based) with *ev, taken over. */
void casefile_replace_evidence(struct casefile *cf, size_t question, size_t n, struct evidence *ev);
void casefile_remove_evidence(struct casefile *cf, size_t question, size_t n);

/* Deep copies for undo; dst needs no initialisation and is freed with
 * answer_release. answer_copy_fields copies all but the evidence (dst has
 * none, but src's stamp), which costs the same however long the list. */
void answer_copy(struct answer *dst, const struct answer *src);
void answer_copy_fields(struct answer *dst, const struct answer *src);
void answer_release(struct answer *a);
/* Puts back a saved answer (taken over), leaving the history as it is. A
 * saved answer made by answer_copy_fields keeps the live evidence, which must
 * be the state it was copied with (LC_ERR_SOFTWARE, and nothing changes,
 * when the stamps differ). */
int casefile_restore_answer(struct casefile *cf, size_t question, struct answer *saved,
			    bool keep_evidence);

/*
 * Deltas: what a session changed, as members of a compact JSON object, for
 * the journal of confirmed changes (journal.h). A delta carries the full new
 * state of what changed, so that applying it is "set this to that":
 * "modified", then "title" and "description" if they changed, "answers"
 * with the whole state of each changed answer ({} for one now empty; its
 * evidence replaced by "evidence_kept": true when only the rest changed, so
 * that answering a question with a long list of evidence stays cheap), and
 * "history" with the entries added since history_from.
 */
struct json_writer;
struct casefile_delta {
	const bool *answers;       /* per question: changed; NULL for none */
	const bool *evidence_kept; /* per question: its evidence did not change */
	bool title;
	bool description;
	size_t history_from; /* history entries from this one on are new */
};

/* Writes the delta's members into the object w is in. */
void casefile_write_delta(const struct casefile *cf, const struct casefile_delta *d,
			  struct json_writer *w);
/* Parses a delta (other members, such as the journal's own, are ignored) and
 * applies all of it, or nothing when any of it is invalid (LC_ERR_DATA with
 * the reasons in err, located as NAME:LINE:COL). */
int casefile_apply_delta(struct casefile *cf, const char *text, size_t len, const char *name,
			 struct error *err);

/* Validates one evidence item as the loader would; adds "FIELD: why" messages. */
bool casefile_check_evidence(const struct evidence *ev, struct error *err);

#endif
