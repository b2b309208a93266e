/* The open case and the user's channel to it; see session.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

	for (i = 0; i < s->nundo; i++)
		undo_release(&s->undo[i]);
	free(s->undo);
	casefile_free(s->cf);
	free(s->path);
	catalog_release(&s->catalog);
	memset(s, 0, sizeof(*s));
}

void session_say(struct session *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(s->out, fmt, ap);
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
	vfprintf(s->err, fmt, ap);
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
		fprintf(s->err, "%s\n", err->messages[i]);
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

int session_open(struct session *s, const char *path, const char *checklist, bool create)
{
	struct casefile *cf = NULL;
	struct error err;
	int rc;

	error_init(&err);
	if (create && !storage_exists(path)) {
		rc = session_new_unsaved(s, checklist);
		if (rc)
			goto out;
		free(s->path);
		s->path = xstrdup(path);
		rc = casefile_save(s->cf, path, &err);
		if (rc) {
			session_fail_error(s, &err);
			goto out;
		}
		if (s->interactive)
			session_say(s, "new case '%s' (checklist %s %s)\n", path,
				    s->cf->checklist->id, s->cf->checklist->version);
		goto out;
	}
	rc = casefile_load_file(path, catalog_resolve, &s->catalog, 0, &cf, &err);
	if (rc) {
		session_fail_error(s, &err);
		goto out;
	}
	reset_case(s, cf, path);
out:
	error_release(&err);
	return rc;
}

int session_save(struct session *s, const char *path)
{
	struct error err;
	int rc;

	if (!path)
		path = s->path;
	if (!path)
		return session_fail(s, LC_ERR_USAGE, "this case has no file yet: use 'save FILE'");
	error_init(&err);
	rc = casefile_save(s->cf, path, &err);
	if (rc) {
		session_fail_error(s, &err);
	} else {
		if (path != s->path) {
			free(s->path);
			s->path = xstrdup(path);
		}
		s->dirty = false;
	}
	error_release(&err);
	return rc;
}

int session_changed(struct session *s)
{
	s->dirty = true;
	if (s->autosave && s->path)
		return session_save(s, NULL);
	return LC_OK;
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
		session_fail(s, LC_ERR_USAGE, "'%s' matches several questions; type more of the id",
			     word);
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

void session_push_undo_answer(struct session *s, size_t question, const char *what)
{
	struct undo_record *u = push_undo(s, what);

	u->question = (long)question;
	answer_copy(&u->saved, &s->cf->answers[question]);
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
	return s->cf && s->dirty && (!s->path || !s->autosave);
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
