/*
 * Commands that walk through, edit or show the open case: answer, note,
 * title, save, open, quit, show, list, status, next, prev, goto, set, undo.
 *
 * The walk: answering the question at hand moves on to the next unanswered
 * question that applies, saying which questions were skipped because their
 * condition is false; once every question is answered it gives the verdict.
 * At a terminal the answer is followed by an offer to add evidence.
 */
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "legitcheck/render.h"
#include "legitcheck/score.h"
#include "legitcheck/storage.h"
#include "legitcheck/ui.h"

/* The question a command names (first word) or the one at hand. */
static long target_question(struct session *s, struct args *a, int nargs_with_qid)
{
	if (a->argc == nargs_with_qid)
		return session_find_question(s, a->argv[0]);
	return (long)s->current;
}

static void score_plain(const struct session *s, struct score_result *r)
{
	struct score_options o;

	score_options_init(&o);
	score_compute(s->cf, &o, r);
}

/* Whether the ", "-separated list in sb has the item id. */
static bool list_has(const struct strbuf *sb, const char *id)
{
	size_t n = strlen(id);
	const char *p = sb->buf;

	while ((p = strstr(p, id))) {
		if ((p == sb->buf || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}

/* The questions a condition looks at, as "q3.organ" or "q3.organ, q1.timing". */
static void condition_inputs(const struct checklist *cl, const struct expr *e, struct strbuf *sb)
{
	size_t i;

	if (e->kind == EXPR_ANSWER_IN || e->kind == EXPR_ANSWER_NOT_IN) {
		const char *id = cl->questions[e->target].id;

		if (!list_has(sb, id))
			strbuf_addf(sb, "%s%s", sb->len ? ", " : "", id);
		return;
	}
	for (i = 0; i < e->nitems; i++)
		condition_inputs(cl, &e->items[i], sb);
}

static void show_question(struct session *s, size_t qi)
{
	const struct checklist *cl = s->cf->checklist;
	const struct question *q = &cl->questions[qi];
	const struct answer *ans = &s->cf->answers[qi];
	struct score_result r;
	struct strbuf sb;
	size_t i, kw = 0;

	score_plain(s, &r);
	strbuf_init(&sb);
	ui_progress(s, &r, qi, &sb);
	session_say(s, "%s%s%s\n\n", ui_color(s, UI_DIM), sb.buf, ui_color(s, UI_RESET));
	session_say(s, "%s%s — %s%s\n", ui_color(s, UI_BOLD), q->id, q->title,
		    ui_color(s, UI_RESET));
	ui_say_wrapped(s, q->text, 0);
	if (!r.applicable[qi] && q->condition) {
		char *why;

		strbuf_reset(&sb);
		condition_inputs(cl, q->condition, &sb);
		why = xasprintf("Not applicable given the answers so far (it depends on %s): "
				"skipped in the interview and not scored.",
				sb.buf);
		session_say(s, "\n%s", ui_color(s, UI_YELLOW));
		ui_say_wrapped(s, why, 0);
		session_say(s, "%s", ui_color(s, UI_RESET));
		free(why);
	}
	session_say(s, "\n");
	ui_say_wrapped(s, q->help, 2);
	session_say(s, "\n  Sources:\n");
	for (i = 0; i < q->nsources; i++) {
		strbuf_reset(&sb);
		ui_wrap_item(&sb, "  - ", q->sources[i], 4, s->width);
		session_say(s, "%s", sb.buf);
	}
	for (i = 0; i < q->nchoices; i++)
		if (strlen(q->choices[i].keyword) > kw)
			kw = strlen(q->choices[i].keyword);
	session_say(s, "\nChoices:\n");
	for (i = 0; i < q->nchoices; i++) {
		bool chosen = ans->choice == (int)i;

		session_say(s, "  %s%s %-*s  %s%s\n", chosen ? ui_color(s, UI_GREEN) : "",
			    chosen ? "*" : " ", (int)kw, q->choices[i].keyword, q->choices[i].label,
			    chosen ? ui_color(s, UI_RESET) : "");
	}
	if (ans->choice >= 0)
		session_say(s, "\nAnswer: %s%s%s%s%s%s\n", ui_color(s, UI_GREEN),
			    q->choices[ans->choice].keyword, ui_color(s, UI_RESET),
			    ans->answered ? " (answered " : "", ans->answered ? ans->answered : "",
			    ans->answered ? ")" : "");
	if (ans->note)
		session_say(s, "Note: %s\n", ans->note);
	if (ans->nevidence) {
		session_say(s, "\nEvidence:\n");
		ui_say_evidence(s, ans->evidence, ans->nevidence);
	} else if (r.unsupported[qi]) {
		session_say(s,
			    "\n%sNo evidence yet: the answer is unsupported ('evidence add')."
			    "%s\n",
			    ui_color(s, UI_YELLOW), ui_color(s, UI_RESET));
	}
	strbuf_release(&sb);
	score_result_release(&r);
}

/* Every question answered: the verdict, and where to read the reasons. At the
 * end of the walk (offer), a terminal is asked whether to see the report. */
static void say_finished(struct session *s, bool offer)
{
	struct score_result r;
	struct strbuf sb;
	size_t i;

	score_plain(s, &r);
	strbuf_init(&sb);
	session_say(s, "\n%sEvery question that applies is answered (%zu of %zu).%s\n",
		    ui_color(s, UI_BOLD), r.answered, r.applicable_count, ui_color(s, UI_RESET));
	session_say(s, "Overall: %s%s%s\n", ui_color(s, UI_BOLD), r.overall_verdict,
		    ui_color(s, UI_RESET));
	for (i = 0; i < s->cf->checklist->nframeworks; i++) {
		strbuf_reset(&sb);
		render_framework_reason(&r, i, &sb);
		session_say(s, "  - %s\n", sb.buf);
	}
	if (r.unsupported_count)
		session_say(s, "%zu answer%s no evidence yet ('list' shows which).\n",
			    r.unsupported_count, r.unsupported_count == 1 ? " has" : "s have");
	strbuf_release(&sb);
	score_result_release(&r);
	if (!command_find("report", CMD_SESSION, false, NULL)) {
		session_say(s, "Type 'score' for the reasons and their sources.\n");
		return;
	}
	if (offer && s->ask && session_confirm(s, "see the report now? [y/N] ")) {
		char *argv[] = {"report", NULL};

		command_run(s, 1, argv, CMD_SESSION);
		return;
	}
	session_say(s, "Type 'report' for the report ('report -o FILE' writes it to a file), or "
		       "'score' for the reasons and their sources.\n");
}

/* After the question at hand was answered: on to the next unanswered question
 * that applies, naming the ones skipped on the way because they do not. */
static void walk_on(struct session *s, size_t from)
{
	const struct checklist *cl = s->cf->checklist;
	size_t n = cl->nquestions, i;
	long next = session_next_unanswered(s, (from + 1) % n);
	struct score_result r;
	struct strbuf skipped;

	if (next >= 0)
		s->current = (size_t)next;
	if (!s->interactive)
		return;
	score_plain(s, &r);
	strbuf_init(&skipped);
	for (i = from + 1; i < n && (next < 0 || i != (size_t)next); i++)
		if (!r.applicable[i])
			strbuf_addf(&skipped, "%s%s", skipped.len ? ", " : "", cl->questions[i].id);
	if (skipped.len)
		session_say(s, "%sskipped, not applicable given the answers so far: %s%s\n",
			    ui_color(s, UI_DIM), skipped.buf, ui_color(s, UI_RESET));
	strbuf_release(&skipped);
	score_result_release(&r);
	if (next < 0) {
		say_finished(s, true);
		return;
	}
	session_say(s, "\n");
	show_question(s, (size_t)next);
}

/* Names the answered questions that an answer change made irrelevant, and the
 * ones it brought into play. */
static void say_applicability_change(struct session *s, const struct score_result *before,
				     const struct score_result *after)
{
	const struct checklist *cl = s->cf->checklist;
	struct strbuf gone, added;
	size_t i;

	strbuf_init(&gone);
	strbuf_init(&added);
	for (i = 0; i < cl->nquestions; i++) {
		const struct answer *ans = &s->cf->answers[i];

		if (before->applicable[i] && !after->applicable[i] && ans->choice >= 0)
			strbuf_addf(&gone, "%s%s (%s)", gone.len ? ", " : "", cl->questions[i].id,
				    cl->questions[i].choices[ans->choice].keyword);
		else if (!before->applicable[i] && after->applicable[i])
			strbuf_addf(&added, "%s%s", added.len ? ", " : "", cl->questions[i].id);
	}
	if (gone.len) {
		char *msg = xasprintf("warning: these answers no longer apply and are not scored "
				      "(they are kept, and count again if the answer changes "
				      "back): %s",
				      gone.buf);

		session_say(s, "%s", ui_color(s, UI_YELLOW));
		ui_say_wrapped(s, msg, 0);
		session_say(s, "%s", ui_color(s, UI_RESET));
		free(msg);
	}
	if (added.len && s->interactive)
		session_say(s, "now applies: %s\n", added.buf);
	strbuf_release(&gone);
	strbuf_release(&added);
}

static int no_such_choice(struct session *s, const struct question *q, const char *kw)
{
	const char *hint = question_suggest_choice(q, kw);
	struct strbuf sb;
	size_t i;
	int rc;

	strbuf_init(&sb);
	for (i = 0; i < q->nchoices; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", q->choices[i].keyword);
	if (hint)
		rc = session_fail(s, LC_ERR_USAGE,
				  "answer: %s has no choice '%s' (did you mean '%s'?)", q->id, kw,
				  hint);
	else
		rc = session_fail(s, LC_ERR_USAGE, "answer: %s has no choice '%s' (one of %s)",
				  q->id, kw, sb.buf);
	strbuf_release(&sb);
	return rc;
}

/* At a terminal: "add evidence now?", then the guided entry, as often as wanted. */
static void offer_evidence(struct session *s, size_t qi)
{
	const char *question = "add evidence now? [y/N] ";

	while (session_confirm(s, question)) {
		if (!evidence_prompt_add(s, qi))
			break;
		question = "add another item? [y/N] ";
	}
}

static bool current_applies(const struct session *s)
{
	struct score_result r;
	bool applies;

	score_plain(s, &r);
	applies = r.applicable[s->current];
	score_result_release(&r);
	return applies;
}

int cmd_answer(struct session *s, struct args *a)
{
	const struct checklist *cl = s->cf->checklist;
	const struct question *q;
	const char *kw = a->argv[a->argc - 1];
	long qi = target_question(s, a, 2), ci;
	struct score_result before, after;
	char *what;
	int old, rc;

	if (qi < 0)
		return LC_ERR_USAGE;
	q = &cl->questions[qi];
	ci = question_choice_index(q, kw);
	if (ci < 0)
		return no_such_choice(s, q, kw);
	old = s->cf->answers[qi].choice;
	if (old == (int)ci) {
		if (s->interactive)
			session_say(s, "%s is already %s\n", q->id, kw);
		return LC_OK;
	}
	score_plain(s, &before);
	what = xasprintf("answer to %s", q->id);
	session_push_undo_answer(s, (size_t)qi, what, false);
	free(what);
	casefile_set_choice(s->cf, (size_t)qi, (int)ci);
	score_plain(s, &after);
	if (s->interactive) {
		session_say(s, "%s%s = %s%s", ui_color(s, UI_GREEN), q->id, kw,
			    ui_color(s, UI_RESET));
		if (old >= 0)
			session_say(s, " (was %s)", q->choices[old].keyword);
		session_say(s, "\n");
	}
	say_applicability_change(s, &before, &after);
	score_result_release(&before);
	score_result_release(&after);
	/* On disk before anything else is asked. */
	rc = session_changed(s);
	if (rc)
		return rc;
	if (s->ask && (size_t)ci != q->unknown_choice)
		offer_evidence(s, (size_t)qi);
	if ((size_t)qi == s->current) {
		walk_on(s, (size_t)qi);
	} else if (!current_applies(s)) {
		/* The question at hand no longer applies: the walk goes on from it. */
		if (s->interactive)
			session_say(s, "%s no longer applies\n", cl->questions[s->current].id);
		walk_on(s, s->current);
	}
	return LC_OK;
}

int cmd_note(struct session *s, struct args *a)
{
	long qi = target_question(s, a, 2);
	const char *text = a->argv[a->argc - 1];
	const struct answer *ans;
	char *what;

	if (qi < 0)
		return LC_ERR_USAGE;
	ans = &s->cf->answers[qi];
	if (util_streq(ans->note, text) || (!ans->note && !*text))
		return LC_OK;
	what = xasprintf("note on %s", s->cf->checklist->questions[qi].id);
	session_push_undo_answer(s, (size_t)qi, what, false);
	free(what);
	casefile_set_note(s->cf, (size_t)qi, text);
	return session_changed(s);
}

int cmd_title(struct session *s, struct args *a)
{
	if (util_streq(s->cf->title, a->argv[0]))
		return LC_OK;
	session_push_undo_title(s, "title");
	casefile_set_title(s->cf, a->argv[0]);
	return session_changed(s);
}

int cmd_save(struct session *s, struct args *a)
{
	int rc = session_save(s, a->argc ? a->argv[0] : NULL);

	if (!rc && s->interactive)
		session_say(s, "saved '%s'%s\n", s->path,
			    s->autosave ? " (every change is now saved to it)" : "");
	return rc;
}

int cmd_quit(struct session *s, struct args *a)
{
	(void)a;
	if (session_unsaved(s) && s->ask &&
	    !session_confirm(s, s->read_only ? "the case is open read-only and your changes are "
					       "not in it ('save FILE' keeps them); quit anyway? "
					       "[y/N] "
				: s->path    ? "the case has unsaved changes ('save' keeps them); "
					       "quit anyway? [y/N] "
					     : "this new case has no file ('save FILE' keeps it); "
					       "quit anyway? [y/N] "))
		return LC_OK;
	s->quit = true;
	return LC_OK;
}

static void say_position(struct session *s)
{
	if (s->cf->answers[s->current].choice < 0 || session_next_unanswered(s, s->current) >= 0) {
		show_question(s, s->current);
		return;
	}
	say_finished(s, false);
}

int cmd_open(struct session *s, struct args *a)
{
	const char *path = a->argv[0];
	size_t len = strlen(path);
	int rc;

	if (session_unsaved(s)) {
		if (!s->ask)
			return session_fail(
				s, LC_ERR_USAGE,
				"open: the open case has unsaved changes: 'save%s' first",
				s->path && !s->read_only ? "" : " FILE");
		if (!session_confirm(s, "the open case has unsaved changes; discard them? [y/N] "))
			return LC_OK;
	}
	/* As on the command line: a typo must not silently become a new case. */
	if (!storage_exists(path) && (len < 5 || strcmp(path + len - 5, ".json") != 0))
		return session_fail(s, LC_ERR_NOINPUT,
				    "open: no file '%s' (a new case file needs a name ending in "
				    ".json)",
				    path);
	rc = session_open(s, path, NULL, true);
	if (rc)
		return rc;
	if (s->interactive) {
		session_say(s, "opened '%s'\n\n", s->path);
		say_position(s);
	}
	return LC_OK;
}

int cmd_status(struct session *s, struct args *a)
{
	const struct question *q = &s->cf->checklist->questions[s->current];
	struct score_result r;
	struct strbuf sb;

	(void)a;
	score_plain(s, &r);
	strbuf_init(&sb);
	if (s->path)
		session_say(s, "case '%s'%s · checklist %s %s · %s\n", s->path,
			    s->dirty ? " (unsaved changes)" : "", s->cf->checklist->id,
			    s->cf->checklist->version,
			    s->read_only  ? "read-only"
			    : s->autosave ? "autosave on"
					  : "autosave off");
	else
		session_say(s, "new case, no file yet ('save FILE' names it) · checklist %s %s\n",
			    s->cf->checklist->id, s->cf->checklist->version);
	if (s->cf->title && *s->cf->title)
		session_say(s, "title: %s\n", s->cf->title);
	ui_progress(s, &r, s->current, &sb);
	session_say(s, "%s\n", sb.buf);
	session_say(s, "at %s — %s (%s)\n", q->id, q->title, render_answer_word(&r, s->current));
	strbuf_release(&sb);
	score_result_release(&r);
	return LC_OK;
}

static int move_to(struct session *s, long qi, const char *none)
{
	if (qi < 0) {
		session_say(s, "%s\n", none);
		return LC_OK;
	}
	s->current = (size_t)qi;
	show_question(s, (size_t)qi);
	return LC_OK;
}

int cmd_next(struct session *s, struct args *a)
{
	(void)a;
	return move_to(s, session_step_question(s, s->current, 1),
		       "this is the last question that applies ('list' shows them all)");
}

int cmd_prev(struct session *s, struct args *a)
{
	(void)a;
	return move_to(s, session_step_question(s, s->current, -1), "this is the first question");
}

int cmd_goto(struct session *s, struct args *a)
{
	long qi = session_find_question(s, a->argv[0]);

	if (qi < 0)
		return LC_ERR_USAGE;
	return move_to(s, qi, "");
}

int cmd_set(struct session *s, struct args *a)
{
	bool on;

	if (strcmp(a->argv[0], "autosave") != 0)
		return session_fail(s, LC_ERR_USAGE,
				    "set: no setting '%s' (there is: autosave)\n"
				    "usage: %s",
				    a->argv[0], a->cmd->usage);
	if (strcmp(a->argv[1], "on") != 0 && strcmp(a->argv[1], "off") != 0)
		return session_fail(s, LC_ERR_USAGE,
				    "set: autosave is 'on' or 'off', not '%s'\n"
				    "usage: %s",
				    a->argv[1], a->cmd->usage);
	on = strcmp(a->argv[1], "on") == 0;
	s->autosave = on;
	if (on && s->dirty && s->path) {
		int rc = session_save(s, NULL);

		if (rc)
			return rc;
	}
	if (s->interactive)
		session_say(s, "autosave is %s%s\n", on ? "on" : "off",
			    on ? (s->path ? "" : " (from the first 'save FILE')")
			       : ": 'save' writes the case");
	return LC_OK;
}

int cmd_show(struct session *s, struct args *a)
{
	long qi = target_question(s, a, 1);

	if (qi < 0)
		return LC_ERR_USAGE;
	show_question(s, (size_t)qi);
	return LC_OK;
}

int cmd_list(struct session *s, struct args *a)
{
	const struct checklist *cl = s->cf->checklist;
	struct score_result r;
	struct strbuf sb;
	size_t i, last_section = SIZE_MAX, idw = 0, aw = 0;

	(void)a;
	score_plain(s, &r);
	strbuf_init(&sb);
	for (i = 0; i < cl->nquestions; i++) {
		size_t w = strlen(render_answer_word(&r, i));

		if (strlen(cl->questions[i].id) > idw)
			idw = strlen(cl->questions[i].id);
		if (w > aw)
			aw = w;
	}
	for (i = 0; i < cl->nquestions; i++) {
		const struct question *q = &cl->questions[i];
		const struct answer *ans = &s->cf->answers[i];
		const char *word = render_answer_word(&r, i);
		char grade[16];
		enum ui_color c = !r.applicable[i] || ans->choice < 0 ? UI_DIM : UI_RESET;

		if (q->section != last_section) {
			const char *p;

			last_section = q->section;
			strbuf_reset(&sb);
			for (p = cl->sections[q->section].id; *p; p++)
				strbuf_addc(&sb, (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p));
			session_say(s, "%s%s%s %s%s\n", i ? "\n" : "", ui_color(s, UI_BOLD), sb.buf,
				    cl->sections[q->section].title, ui_color(s, UI_RESET));
		}
		session_say(s, "%c %s%-*s  %-*s", i == s->current ? '>' : ' ', ui_color(s, c),
			    (int)idw, q->id, (int)aw, word);
		if (ans->nevidence)
			session_say(s, "  %zu item%s · best %s", ans->nevidence,
				    ans->nevidence == 1 ? "" : "s",
				    ui_best_grade(ans->evidence, ans->nevidence, grade));
		else if (r.applicable[i] && ans->choice >= 0)
			session_say(s, "  no evidence");
		if (ans->note)
			session_say(s, " · note");
		session_say(s, "%s", ui_color(s, UI_RESET));
		if (r.unsupported[i])
			session_say(s, " %s· unsupported%s", ui_color(s, UI_YELLOW),
				    ui_color(s, UI_RESET));
		session_say(s, "\n");
	}
	session_say(s, "\n%zu of %zu answered · %zu unknown · %zu unsupported", r.answered,
		    r.applicable_count, r.unknown, r.unsupported_count);
	if (r.total > r.applicable_count)
		session_say(s, " · %zu not applicable", r.total - r.applicable_count);
	session_say(s, "\n");
	strbuf_release(&sb);
	score_result_release(&r);
	return LC_OK;
}

int cmd_undo(struct session *s, struct args *a)
{
	struct undo_record *u;

	(void)a;
	if (!s->nundo)
		return session_fail(s, LC_ERR_USAGE, "undo: nothing to undo in this session");
	u = &s->undo[--s->nundo];
	if (u->question >= 0) {
		const struct question *q = &s->cf->checklist->questions[u->question];
		int now = s->cf->answers[u->question].choice, before = u->saved.choice;

		/* Changes are undone last first, so the evidence an answer-only record
		 * left out is the evidence it was taken with. */
		if (!u->with_evidence &&
		    u->saved.evidence_stamp != s->cf->answers[u->question].evidence_stamp) {
			answer_release(&u->saved);
			free(u->title);
			free(u->what);
			return session_fail(
				s, LC_ERR_SOFTWARE,
				"undo: the evidence of %s changed since; nothing undone", q->id);
		}
		/* Through set_choice, so the history also records the reversal. */
		if (now != before)
			casefile_set_choice(s->cf, (size_t)u->question, before);
		casefile_restore_answer(s->cf, (size_t)u->question, &u->saved, !u->with_evidence);
		if (now != before)
			session_say(s, "undone: %s (%s is %s)\n", u->what, q->id,
				    before >= 0 ? q->choices[before].keyword : "unanswered again");
		else
			session_say(s, "undone: %s\n", u->what);
		s->current = (size_t)u->question;
	} else {
		casefile_set_title(s->cf, u->title);
		session_say(s, "undone: title\n");
	}
	free(u->title);
	free(u->what);
	return session_changed(s);
}
