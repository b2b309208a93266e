/* The open case and the user's channel to it; see session.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "legitcheck/journal.h"
#include "legitcheck/lock.h"
#include "legitcheck/score.h"
#include "legitcheck/session.h"
#include "legitcheck/storage.h"

void session_init(struct session *s)
{
	memset(s, 0, sizeof(*s));
	catalog_init(&s->catalog);
	s->out = stdout;
	s->err = stderr;
	s->autosave = true;
	s->default_checklist = DEFAULT_CHECKLIST;
	s->width = 80;
}

static void undo_release(struct undo_record *u)
{
	answer_release(&u->saved);
	free(u->title);
	free(u->what);
}

void session_release(struct session *s)
{
	size_t i;

	session_close(s);
	for (i = 0; i < s->nundo; i++)
		undo_release(&s->undo[i]);
	free(s->undo);
	casefile_free(s->cf);
	free(s->path);
	catalog_release(&s->catalog);
	memset(s, 0, sizeof(*s));
}

void session_write(struct session *s, FILE *f, const char *text, size_t len)
{
	struct strbuf sb;

	(void)s;
	strbuf_init(&sb);
	util_add_terminal_text(&sb, text, len);
	fwrite(sb.buf, 1, sb.len, f);
	strbuf_release(&sb);
}

static void say_to(struct session *s, FILE *f, const char *fmt, va_list ap)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_vaddf(&sb, fmt, ap);
	session_write(s, f, sb.buf, sb.len);
	strbuf_release(&sb);
}

void session_say(struct session *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say_to(s, s->out, fmt, ap);
	va_end(ap);
}

static void fail_prefix(struct session *s)
{
	if (s->script_name)
		fprintf(s->err, "%s:%ld: ", s->script_name, s->script_line);
	else if (!s->interactive)
		fputs("legitcheck: ", s->err);
}

static void count_failure(struct session *s, int status)
{
	if (!s->failures++)
		s->first_failure = status;
}

int session_fail(struct session *s, int status, const char *fmt, ...)
{
	va_list ap;

	fflush(s->out);
	fail_prefix(s);
	va_start(ap, fmt);
	say_to(s, s->err, fmt, ap);
	va_end(ap);
	fputc('\n', s->err);
	count_failure(s, status);
	return status;
}

int session_fail_error(struct session *s, const struct error *err)
{
	size_t i;

	fflush(s->out);
	for (i = 0; i < err->count; i++) {
		fail_prefix(s);
		session_write(s, s->err, err->messages[i], strlen(err->messages[i]));
		fputc('\n', s->err);
	}
	count_failure(s, err->status ? (int)err->status : LC_ERR_SOFTWARE);
	return err->status ? (int)err->status : LC_ERR_SOFTWARE;
}

static void reset_case(struct session *s, struct casefile *cf, const char *path)
{
	size_t i;

	for (i = 0; i < s->nundo; i++)
		undo_release(&s->undo[i]);
	s->nundo = 0;
	casefile_free(s->cf);
	free(s->path);
	s->cf = cf;
	s->path = path ? xstrdup(path) : NULL;
	s->dirty = false;
	s->current = 0;
	/* Start at the first question not yet answered. */
	for (i = 0; i < cf->checklist->nquestions; i++)
		if (cf->answers[i].choice < 0) {
			s->current = i;
			break;
		}
}

int session_new_unsaved(struct session *s, const char *checklist)
{
	const struct checklist *cl;
	struct error err;
	int rc;

	error_init(&err);
	rc = catalog_get(&s->catalog, checklist ? checklist : s->default_checklist, &cl, &err);
	if (rc) {
		session_fail_error(s, &err);
		error_release(&err);
		return rc;
	}
	error_release(&err);
	reset_case(s, casefile_new(cl, ""), NULL);
	return LC_OK;
}

/*
 * What keeps an open case safe on disk besides the file itself: the lock
 * that makes this process its one writer, and the journal that makes each
 * change durable without rewriting the whole case.
 */
struct session_store {
	struct case_lock *lock;  /* NULL when read-only */
	struct journal *journal; /* NULL when read-only */
	size_t case_bytes;       /* size of the case file when last read or written */
	bool told_read_only;
};

/* The case file is rewritten (and the journal emptied) after this many
 * changes, or once the journal outgrows the case (at least this many bytes).
 * A large case waits for a change per this many bytes of it, so that what a
 * rewrite costs, spread over the changes before it, stays the same for any
 * size of case. */
#define COMPACT_RECORDS          100
#define COMPACT_MIN_BYTES        (1u << 20)
#define COMPACT_BYTES_PER_CHANGE (16u << 10)

static void notice(struct session *s, const char *fmt, ...) LC_PRINTF(2, 3);

/* Says something the user must know that is not a failure. */
static void notice(struct session *s, const char *fmt, ...)
{
	va_list ap;

	fflush(s->out);
	fputs("legitcheck: ", s->err);
	va_start(ap, fmt);
	say_to(s, s->err, fmt, ap);
	va_end(ap);
	fputc('\n', s->err);
}

static void store_free(struct session_store *st)
{
	if (!st)
		return;
	journal_free(st->journal);
	lock_release(st->lock);
	free(st);
}

/* True when path is the file the session's lock is for. */
static bool is_open_case(const struct session *s, const char *path)
{
	struct error ignored;
	char *resolved;
	bool same;

	if (!s->store || !s->store->lock)
		return false;
	error_init(&ignored);
	resolved = storage_resolve(path, &ignored);
	error_release(&ignored);
	same = resolved && strcmp(resolved, lock_case_path(s->store->lock)) == 0;
	free(resolved);
	return same;
}

static void tell_recovery(struct session *s, const char *path, const struct journal_recovery *r,
			  bool read_only)
{
	if (read_only) {
		if (r->applied)
			notice(s,
			       "showing %zu change%s recorded in the journal of '%s' and not yet "
			       "saved into it",
			       r->applied, r->applied == 1 ? "" : "s", path);
		return;
	}
	if (r->applied)
		notice(s, "recovered %zu change%s from an interrupted session of '%s'", r->applied,
		       r->applied == 1 ? "" : "s", path);
	if (r->torn)
		notice(s,
		       "ignored an incomplete last record in the journal of '%s': the session "
		       "was interrupted while recording that change, which was never confirmed",
		       path);
	if (r->set_aside && r->ignored)
		notice(s,
		       "%zu record%s of the journal of '%s' %s damaged and %s not replayed; "
		       "the journal is kept as '%s'",
		       r->ignored, r->ignored == 1 ? "" : "s", path, r->ignored == 1 ? "is" : "are",
		       r->ignored == 1 ? "was" : "were", r->set_aside);
	else if (r->set_aside)
		notice(s,
		       "a journal of changes beside '%s' does not belong to it as it is now (the "
		       "file was replaced since); it is kept as '%s' and was not replayed",
		       path, r->set_aside);
}

/* Writes a new case file for path; it becomes the open case. */
static int create_case(struct session *s, const char *path, const char *checklist,
		       struct casefile **out, char digest[72], size_t *bytes, struct error *err)
{
	const struct checklist *cl;
	struct strbuf sb;
	int rc;

	*out = NULL;
	rc = catalog_get(&s->catalog, checklist ? checklist : s->default_checklist, &cl, err);
	if (rc)
		return rc;
	*out = casefile_new(cl, "");
	strbuf_init(&sb);
	casefile_serialize(*out, &sb);
	journal_digest(sb.buf, sb.len, digest);
	*bytes = sb.len;
	rc = storage_write_atomic(path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	if (rc) {
		casefile_free(*out);
		*out = NULL;
	}
	return rc;
}

int session_open(struct session *s, const char *path, const char *checklist, bool create)
{
	struct session_store *st = xcalloc(1, sizeof(*st));
	struct journal_recovery rec;
	struct lock_holder holder;
	struct casefile *cf = NULL;
	struct error err;
	char digest[72], *text = NULL, *resolved = NULL;
	bool read_only = s->read_only, created = false;
	size_t len = 0;
	int rc;

	error_init(&err);
	memset(&rec, 0, sizeof(rec));
	/* Reopening the case this process holds: let go of it first. */
	if (!read_only && is_open_case(s, path))
		session_close(s);
	if (!read_only) {
		rc = lock_acquire(path, &st->lock, &holder, &err);
		if (rc == LC_ERR_TEMPFAIL && s->ask) {
			char *q =
				xasprintf("%s. Open it read-only? [y/N] ", error_message(&err, 0));

			read_only = session_confirm(s, q);
			free(q);
			if (read_only) {
				error_release(&err);
				rc = LC_OK;
			}
		}
		if (rc) {
			session_fail_error(s, &err);
			goto out;
		}
		if (holder.stale)
			notice(s,
			       "'%s' was left locked by process %ld%s%s, which no longer runs; "
			       "taking it over",
			       path, holder.pid, holder.since[0] ? " since " : "", holder.since);
		if (st->lock)
			storage_remove_stale_temps(path);
	}
	if (create && !storage_exists(path)) {
		if (read_only) {
			rc = session_fail(s, LC_ERR_NOINPUT,
					  "cannot open '%s' read-only: no such file", path);
			goto out;
		}
		rc = create_case(s, path, checklist, &cf, digest, &st->case_bytes, &err);
		if (rc) {
			session_fail_error(s, &err);
			goto out;
		}
		created = true;
	} else {
		rc = storage_read_file(path, &text, &len, &err);
		if (!rc)
			rc = casefile_load_buffer(text, len, path, catalog_resolve, &s->catalog, 0,
						  &cf, &err);
		if (rc) {
			session_fail_error(s, &err);
			goto out;
		}
		journal_digest(text, len, digest);
		st->case_bytes = len;
	}
	resolved = st->lock ? xstrdup(lock_case_path(st->lock)) : storage_resolve(path, &err);
	if (resolved) {
		st->journal = journal_new(resolved);
		rc = journal_recover(st->journal, cf, digest, read_only, &rec, &err);
		if (rc) {
			session_fail_error(s, &err);
			goto out;
		}
	}
	if (read_only) {
		/* Nothing of this case is written: no lock, no journal. */
		journal_free(st->journal);
		st->journal = NULL;
		lock_release(st->lock);
		st->lock = NULL;
	}
	session_close(s);
	reset_case(s, cf, path);
	cf = NULL;
	s->store = st;
	st = NULL;
	s->read_only = read_only;
	tell_recovery(s, path, &rec, read_only);
	if (!read_only && rec.applied && session_save(s, NULL) != LC_OK)
		notice(s, "the recovered changes are kept in the journal until the case can be "
			  "saved");
	if (created && s->interactive)
		session_say(s, "new case '%s' (checklist %s %s)\n", path, s->cf->checklist->id,
			    s->cf->checklist->version);
	if (read_only && s->interactive)
		session_say(s,
			    "'%s' is open read-only: changes are not saved to it ('save FILE' "
			    "keeps them in another file)\n",
			    path);
out:
	free(rec.set_aside);
	free(resolved);
	free(text);
	casefile_free(cf);
	store_free(st);
	error_release(&err);
	return rc;
}

/*
 * Rewrites the open case's own file with all that is in memory, then empties
 * its journal. Before the rewrite, the journal notes the digest of the new
 * file, so that dying between the rewrite and the journal's removal cannot
 * make the next open replay the changes a second time.
 */
static int rewrite_case(struct session *s, struct error *err)
{
	struct session_store *st = s->store;
	struct error ignored;
	struct strbuf sb;
	char digest[72];
	int rc;

	error_init(&ignored);
	strbuf_init(&sb);
	casefile_serialize(s->cf, &sb);
	journal_digest(sb.buf, sb.len, digest);
	if (st && st->journal)
		journal_commit(st->journal, digest, &ignored);
	rc = storage_write_atomic(s->path, sb.buf, sb.len, err);
	if (!rc && st && st->journal) {
		/* A journal left behind is recognised by its "saved" record. */
		journal_remove(st->journal, &ignored);
		journal_track(st->journal, s->cf, digest);
		st->case_bytes = sb.len;
	}
	strbuf_release(&sb);
	error_release(&ignored);
	return rc;
}

/* Saves to another file, which becomes the case's file (locked for us). */
static int save_as(struct session *s, const char *path, struct error *err)
{
	struct session_store *next = xcalloc(1, sizeof(*next));
	struct lock_holder holder;
	struct strbuf sb;
	char digest[72];
	int rc;

	strbuf_init(&sb);
	rc = lock_acquire(path, &next->lock, &holder, err);
	if (rc)
		goto out;
	casefile_serialize(s->cf, &sb);
	journal_digest(sb.buf, sb.len, digest);
	rc = storage_write_atomic(path, sb.buf, sb.len, err);
	if (rc)
		goto out;
	/* The file open before gets the changes it has only in its journal. */
	if (s->store && s->store->journal && journal_records(s->store->journal) && s->path &&
	    !s->read_only) {
		struct error ignored;

		error_init(&ignored);
		rewrite_case(s, &ignored);
		error_release(&ignored);
	}
	next->journal = journal_new(lock_case_path(next->lock));
	journal_track(next->journal, s->cf, digest);
	next->case_bytes = sb.len;
	store_free(s->store);
	s->store = next;
	next = NULL;
	free(s->path);
	s->path = xstrdup(path);
	s->read_only = false;
out:
	strbuf_release(&sb);
	store_free(next);
	return rc;
}

int session_save(struct session *s, const char *path)
{
	struct error err;
	bool same;
	int rc;

	if (!path)
		path = s->path;
	if (!path)
		return session_fail(s, LC_ERR_USAGE, "this case has no file yet: use 'save FILE'");
	same = s->path && (path == s->path || strcmp(path, s->path) == 0 || is_open_case(s, path));
	if (same && s->read_only)
		return session_fail(s, LC_ERR_TEMPFAIL,
				    "'%s' is open read-only, as another process edits it; 'save "
				    "FILE' keeps the changes in another file",
				    path);
	error_init(&err);
	rc = same ? rewrite_case(s, &err) : save_as(s, path, &err);
	if (rc)
		session_fail_error(s, &err);
	else
		s->dirty = false;
	error_release(&err);
	return rc;
}

int session_changed(struct session *s)
{
	struct session_store *st = s->store;
	struct error err;
	bool recorded;
	int rc;

	s->dirty = true;
	if (s->read_only) {
		if (st && !st->told_read_only && s->path)
			notice(s,
			       "'%s' is open read-only: this change is not saved to it ('save "
			       "FILE' keeps the changes in another file)",
			       s->path);
		if (st)
			st->told_read_only = true;
		return LC_OK;
	}
	if (!s->autosave || !s->path)
		return LC_OK;
	if (!st || !st->journal)
		return session_save(s, NULL);
	error_init(&err);
	rc = journal_record(st->journal, s->cf, &recorded, &err);
	error_release(&err);
	if (rc) {
		/* The journal cannot take it: the whole file is the other way to disk. */
		rc = session_save(s, NULL);
		if (rc)
			session_fail(s, rc,
				     "the last change is not saved: it is kept in memory only "
				     "until 'save' succeeds");
		return rc;
	}
	s->dirty = false;
	if (journal_records(st->journal) >=
		    (st->case_bytes / COMPACT_BYTES_PER_CHANGE > COMPACT_RECORDS
			     ? st->case_bytes / COMPACT_BYTES_PER_CHANGE
			     : COMPACT_RECORDS) ||
	    journal_bytes(st->journal) >=
		    (st->case_bytes > COMPACT_MIN_BYTES ? st->case_bytes : COMPACT_MIN_BYTES)) {
		/* Quietly: the change is safe in the journal whatever happens here. */
		error_init(&err);
		rewrite_case(s, &err);
		error_release(&err);
	}
	return LC_OK;
}

int session_close(struct session *s)
{
	struct session_store *st = s->store;
	int rc = LC_OK;

	if (!st)
		return LC_OK;
	/* Unsaved changes beyond the journal (autosave off) are not the user's
	 * choice to keep: the journal then stays, to be replayed next time. */
	if (st->journal && journal_records(st->journal) && !s->dirty && s->path && !s->read_only)
		rc = session_save(s, NULL);
	store_free(s->store);
	s->store = NULL;
	return rc;
}

long session_find_question(struct session *s, const char *word)
{
	const struct checklist *cl = s->cf->checklist;
	long idx = checklist_question_index(cl, word), match = -1;
	size_t i, n = 0, wl = strlen(word);
	const char *hint;

	if (idx >= 0)
		return idx;
	/* A unique prefix ("q1.ti") or the part after the dot ("timing"). */
	for (i = 0; i < cl->nquestions; i++) {
		const char *id = cl->questions[i].id;
		const char *dot = strrchr(id, '.');

		if (strncmp(id, word, wl) == 0 || (dot && strcmp(dot + 1, word) == 0)) {
			match = (long)i;
			n++;
		}
	}
	if (n == 1)
		return match;
	if (n > 1) {
		struct strbuf ids;

		strbuf_init(&ids);
		for (i = 0; i < cl->nquestions; i++) {
			const char *id = cl->questions[i].id, *dot = strrchr(id, '.');

			if (strncmp(id, word, wl) == 0 || (dot && strcmp(dot + 1, word) == 0))
				strbuf_addf(&ids, "%s%s", ids.len ? ", " : "", id);
		}
		session_fail(s, LC_ERR_USAGE,
			     "'%s' matches several questions (%s); type more of the id", word,
			     ids.buf);
		strbuf_release(&ids);
		return -1;
	}
	hint = checklist_suggest_question(cl, word);
	if (hint)
		session_fail(s, LC_ERR_USAGE, "no question '%s' (did you mean '%s'?)", word, hint);
	else
		session_fail(s, LC_ERR_USAGE, "no question '%s' (type 'list' to see them)", word);
	return -1;
}

static struct undo_record *push_undo(struct session *s, const char *what)
{
	struct undo_record *u;

	/* A bounded stack: a long session must not grow without limit. */
	if (s->nundo == 100) {
		undo_release(&s->undo[0]);
		memmove(s->undo, s->undo + 1, (s->nundo - 1) * sizeof(*s->undo));
		s->nundo--;
	}
	xgrow(&s->undo, &s->aundo, s->nundo + 1, sizeof(*s->undo));
	u = &s->undo[s->nundo++];
	memset(u, 0, sizeof(*u));
	u->saved.choice = -1;
	u->what = xstrdup(what);
	return u;
}

void session_push_undo_answer(struct session *s, size_t question, const char *what,
			      bool evidence_changes)
{
	struct undo_record *u = push_undo(s, what);

	u->question = (long)question;
	u->with_evidence = evidence_changes;
	if (evidence_changes)
		answer_copy(&u->saved, &s->cf->answers[question]);
	else
		answer_copy_fields(&u->saved, &s->cf->answers[question]);
}

void session_push_undo_title(struct session *s, const char *what)
{
	struct undo_record *u = push_undo(s, what);

	u->question = -1;
	u->title = xstrdup(s->cf->title ? s->cf->title : "");
}

int session_ask(struct session *s, const char *prompt, const char *initial,
		const char *const *words, char **answer)
{
	*answer = NULL;
	if (!s->ask)
		return SESSION_ASK_CANCELLED;
	return s->ask(s, prompt, initial, words, answer);
}

bool session_confirm(struct session *s, const char *question)
{
	static const char *const yes_no[] = {"yes", "no", NULL};
	char *reply;
	bool yes;

	if (session_ask(s, question, NULL, yes_no, &reply) != SESSION_ASK_OK)
		return false;
	yes = reply[0] == 'y' || reply[0] == 'Y';
	free(reply);
	return yes;
}

bool session_unsaved(const struct session *s)
{
	return s->cf && s->dirty && (!s->path || !s->autosave || s->read_only);
}

static bool *applicable_now(const struct session *s)
{
	struct score_options o;
	struct score_result r;
	bool *app;

	score_options_init(&o);
	score_compute(s->cf, &o, &r);
	app = r.applicable;
	r.applicable = NULL;
	score_result_release(&r);
	return app;
}

long session_step_question(const struct session *s, size_t from, int step)
{
	size_t n = s->cf->checklist->nquestions;
	bool *app = applicable_now(s);
	long i, found = -1;

	for (i = (long)from + step; i >= 0 && (size_t)i < n; i += step)
		if (app[i]) {
			found = i;
			break;
		}
	free(app);
	return found;
}

long session_next_unanswered(const struct session *s, size_t from)
{
	size_t n = s->cf->checklist->nquestions, i;
	bool *app = applicable_now(s);
	long found = -1;

	for (i = 0; i < n; i++) {
		size_t q = (from + i) % n;

		if (app[q] && s->cf->answers[q].choice < 0) {
			found = (long)q;
			break;
		}
	}
	free(app);
	return found;
}
