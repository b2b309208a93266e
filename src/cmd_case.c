/* Commands that edit or show the open case: answer, note, title, save, quit, show, list, undo. */
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "legitcheck/render.h"
#include "legitcheck/score.h"

/* The question a command names (first word) or the one at hand. */
static long target_question(struct session *s, struct args *a, int nargs_with_qid)
{
	if (a->argc == nargs_with_qid)
		return session_find_question(s, a->argv[0]);
	return (long)s->current;
}

/* Moves to the next unanswered applicable question after from, wrapping. */
static void advance(struct session *s, size_t from)
{
	const struct checklist *cl = s->cf->checklist;
	struct score_options o;
	struct score_result r;
	size_t i;

	score_options_init(&o);
	score_compute(s->cf, &o, &r);
	for (i = 1; i <= cl->nquestions; i++) {
		size_t q = (from + i) % cl->nquestions;

		if (r.applicable[q] && s->cf->answers[q].choice < 0) {
			s->current = q;
			break;
		}
	}
	score_result_release(&r);
}

int cmd_answer(struct session *s, struct args *a)
{
	const struct checklist *cl = s->cf->checklist;
	const struct question *q;
	const char *kw = a->argv[a->argc - 1];
	long qi = target_question(s, a, 2), ci;
	int old;

	if (qi < 0)
		return LC_ERR_USAGE;
	q = &cl->questions[qi];
	ci = question_choice_index(q, kw);
	if (ci < 0) {
		const char *hint = question_suggest_choice(q, kw);
		struct strbuf sb;
		size_t i;
		int rc;

		strbuf_init(&sb);
		for (i = 0; i < q->nchoices; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", q->choices[i].keyword);
		if (hint)
			rc = session_fail(s, LC_ERR_USAGE,
					  "answer: %s has no choice '%s' (did you mean '%s'?)", q->id,
					  kw, hint);
		else
			rc = session_fail(s, LC_ERR_USAGE, "answer: %s has no choice '%s' (one of %s)",
					  q->id, kw, sb.buf);
		strbuf_release(&sb);
		return rc;
	}
	old = s->cf->answers[qi].choice;
	if (old == (int)ci) {
		if (s->interactive)
			session_say(s, "%s is already %s\n", q->id, kw);
		return LC_OK;
	}
	session_push_undo_answer(s, (size_t)qi, q->id);
	casefile_set_choice(s->cf, (size_t)qi, (int)ci);
	if (s->interactive && old >= 0)
		session_say(s, "%s = %s (was %s)\n", q->id, kw, q->choices[old].keyword);
	else if (s->interactive)
		session_say(s, "%s = %s\n", q->id, kw);
	if ((size_t)qi == s->current)
		advance(s, (size_t)qi);
	return session_changed(s);
}

int cmd_note(struct session *s, struct args *a)
{
	long qi = target_question(s, a, 2);

	if (qi < 0)
		return LC_ERR_USAGE;
	session_push_undo_answer(s, (size_t)qi, "note");
	if (!casefile_set_note(s->cf, (size_t)qi, a->argv[a->argc - 1]))
		return LC_OK;
	return session_changed(s);
}

int cmd_title(struct session *s, struct args *a)
{
	session_push_undo_title(s, "title");
	if (!casefile_set_title(s->cf, a->argv[0]))
		return LC_OK;
	return session_changed(s);
}

int cmd_save(struct session *s, struct args *a)
{
	int rc = session_save(s, a->argc ? a->argv[0] : NULL);

	if (!rc && s->interactive)
		session_say(s, "saved '%s'\n", s->path);
	return rc;
}

int cmd_quit(struct session *s, struct args *a)
{
	(void)a;
	s->quit = true;
	return LC_OK;
}

static void show_evidence(struct session *s, const struct answer *ans)
{
	size_t i;

	for (i = 0; i < ans->nevidence; i++) {
		const struct evidence *ev = &ans->evidence[i];

		session_say(s, "    [%zu] %s", i + 1, ev->source);
		if (ev->title)
			session_say(s, ", \"%s\"", ev->title);
		if (ev->date)
			session_say(s, ", %s", ev->date);
		if (ev->reliability)
			session_say(s, " · %c%c", ev->reliability, ev->credibility);
		if (ev->kind != KIND_UNSET)
			session_say(s, " · %s", evidence_kind_names[ev->kind]);
		if (ev->disputed)
			session_say(s, " · disputed");
		session_say(s, "\n");
		if (ev->quote)
			session_say(s, "        «%s»\n", ev->quote);
		if (ev->url)
			session_say(s, "        %s\n", ev->url);
		else if (ev->citation)
			session_say(s, "        %s\n", ev->citation);
	}
}

int cmd_show(struct session *s, struct args *a)
{
	const struct checklist *cl = s->cf->checklist;
	const struct question *q;
	const struct answer *ans;
	long qi = target_question(s, a, 1);
	size_t i;

	if (qi < 0)
		return LC_ERR_USAGE;
	q = &cl->questions[qi];
	ans = &s->cf->answers[qi];
	session_say(s, "%s · %s\n%s — %s\n\n%s\n\n%s\n\nSources:\n", cl->sections[q->section].id,
		    cl->sections[q->section].title, q->id, q->title, q->text, q->help);
	for (i = 0; i < q->nsources; i++)
		session_say(s, "  - %s\n", q->sources[i]);
	session_say(s, "\nChoices:\n");
	for (i = 0; i < q->nchoices; i++)
		session_say(s, "  %s %-20s %s\n", ans->choice == (int)i ? "*" : " ",
			    q->choices[i].keyword, q->choices[i].label);
	if (ans->note)
		session_say(s, "\nNote: %s\n", ans->note);
	if (ans->nevidence) {
		session_say(s, "\nEvidence:\n");
		show_evidence(s, ans);
	}
	return LC_OK;
}

int cmd_list(struct session *s, struct args *a)
{
	const struct checklist *cl = s->cf->checklist;
	struct score_result r;
	struct score_options o;
	size_t i, last_section = SIZE_MAX;

	(void)a;
	score_options_init(&o);
	score_compute(s->cf, &o, &r);
	for (i = 0; i < cl->nquestions; i++) {
		const struct question *q = &cl->questions[i];
		const struct answer *ans = &s->cf->answers[i];

		if (q->section != last_section) {
			last_section = q->section;
			session_say(s, "%s%s %s\n", i ? "\n" : "", cl->sections[q->section].id,
				    cl->sections[q->section].title);
		}
		session_say(s, "  %c %-20s %-18s %zu evidence%s\n", i == s->current ? '>' : ' ',
			    q->id, render_answer_word(&r, i), ans->nevidence,
			    r.unsupported[i] ? " · unsupported" : "");
	}
	session_say(s, "\n%zu of %zu answered · %zu unknown · %zu unsupported\n", r.answered,
		    r.applicable_count, r.unknown, r.unsupported_count);
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
		int before = u->saved.choice;

		/* Through set_choice, so the history also records the reversal. */
		if (s->cf->answers[u->question].choice != before)
			casefile_set_choice(s->cf, (size_t)u->question, before);
		casefile_restore_answer(s->cf, (size_t)u->question, &u->saved);
		session_say(s, "undone: %s (%s is %s)\n", u->what, q->id,
			    before >= 0 ? q->choices[before].keyword : "unanswered again");
		s->current = (size_t)u->question;
	} else {
		casefile_set_title(s->cf, u->title);
		session_say(s, "undone: title\n");
	}
	free(u->title);
	free(u->what);
	return session_changed(s);
}
