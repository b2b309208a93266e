/*
 * The JSON rendering of reports and comparisons: everything the other formats
 * show, as data, in the stable schema of docs/report-json.md. Keys come in a
 * fixed order and absent values are null, never missing.
 */
#include <string.h>

#include "legitcheck/json.h"
#include "legitcheck/render.h"
#include "legitcheck/report.h"
#include "legitcheck/version.h"

static void key_string(struct json_writer *w, const char *key, const char *value)
{
	jw_key(w, key);
	jw_string_or_null(w, value);
}

static void key_int(struct json_writer *w, const char *key, long long value)
{
	jw_key(w, key);
	jw_int(w, value);
}

static void answer_or_null(struct json_writer *w, const struct score_result *r, size_t q)
{
	if (r->applicable[q] && r->choices[q] >= 0)
		jw_string(w, r->checklist->questions[q].choices[r->choices[q]].keyword);
	else
		jw_null(w);
}

static void generator(struct json_writer *w, const char *generated)
{
	jw_key(w, "generator");
	jw_begin_object(w);
	key_string(w, "name", "legitcheck");
	key_string(w, "version", LEGITCHECK_VERSION);
	key_string(w, "generated", generated);
	jw_end_object(w);
}

static void grade_or_null(struct json_writer *w, const struct evidence *ev)
{
	if (ev && ev->reliability) {
		char g[3] = {ev->reliability, ev->credibility, '\0'};

		jw_string(w, g);
	} else {
		jw_null(w);
	}
}

static void case_and_checklist(struct json_writer *w, const struct report *rep)
{
	const struct casefile *cf = rep->cf;
	const struct checklist *cl = cf->checklist;
	const struct score_result *r = &rep->score;

	jw_key(w, "case");
	jw_begin_object(w);
	key_string(w, "title", cf->title);
	key_string(w, "description", cf->description);
	key_string(w, "file", rep->file);
	key_string(w, "created", cf->created);
	key_string(w, "modified", cf->modified);
	jw_end_object(w);
	jw_key(w, "checklist");
	jw_begin_object(w);
	key_string(w, "id", cl->id);
	key_string(w, "version", cl->version);
	key_string(w, "title", cl->title);
	key_string(w, "digest", cl->digest);
	jw_end_object(w);
	jw_key(w, "progress");
	jw_begin_object(w);
	key_int(w, "questions", (long long)r->total);
	key_int(w, "applicable", (long long)r->applicable_count);
	key_int(w, "answered", (long long)r->answered);
	key_int(w, "unknown", (long long)r->unknown);
	key_int(w, "unsupported", (long long)r->unsupported_count);
	key_int(w, "disputed", (long long)report_count_open(rep, OPEN_DISPUTED));
	jw_end_object(w);
}

static void overall(struct json_writer *w, const struct report *rep)
{
	const struct checklist *cl = rep->cf->checklist;
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	jw_key(w, "overall");
	jw_begin_object(w);
	key_string(w, "verdict", rep->score.overall_verdict);
	key_string(w, "text", rep->score.overall_text);
	report_verdict_sentence(rep, &sb);
	key_string(w, "sentence", sb.buf);
	key_string(w, "title", cl->overall.title);
	key_string(w, "source", cl->overall.source);
	jw_key(w, "reasons");
	jw_begin_array(w);
	for (i = 0; i < cl->nframeworks; i++) {
		strbuf_reset(&sb);
		render_framework_reason(&rep->score, i, &sb);
		jw_string(w, sb.buf);
	}
	jw_end_array(w);
	key_string(w, "default_verdict", rep->strict ? rep->plain.overall_verdict : NULL);
	jw_end_object(w);
	strbuf_release(&sb);
}

static void frameworks(struct json_writer *w, const struct report *rep)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	size_t i, j;

	jw_key(w, "frameworks");
	jw_begin_array(w);
	for (i = 0; i < cl->nframeworks; i++) {
		const struct framework_result *fr = &r->frameworks[i];
		const struct framework *f = fr->framework;

		jw_begin_object(w);
		key_string(w, "id", f->id);
		key_string(w, "title", f->title);
		key_string(w, "source", f->source);
		key_string(w, "description", f->description);
		key_string(w, "verdict", verdict_names[fr->verdict]);
		jw_key(w, "score");
		if (fr->score >= 0)
			jw_int(w, fr->score);
		else
			jw_null(w);
		jw_key(w, "criteria");
		jw_begin_array(w);
		for (j = 0; j < f->ncriteria; j++) {
			const struct criterion_outcome *cr = &fr->criteria[j];
			const struct criterion *c = cr->criterion;

			jw_begin_object(w);
			key_string(w, "id", c->id);
			key_string(w, "title", c->title);
			key_string(w, "question", cl->questions[c->question].id);
			jw_key(w, "answer");
			answer_or_null(w, r, c->question);
			key_string(w, "result", result_names[cr->result]);
			key_string(w, "given", result_names[cr->given]);
			key_string(w, "strict",
				   cr->strict != STRICT_OK ? render_strict_reason(cr->strict)
							   : NULL);
			jw_key(w, "necessary");
			jw_bool(w, c->necessary);
			key_int(w, "weight", c->weight);
			key_string(w, "source", c->source);
			key_string(w, "explanation", c->explanation[cr->result]);
			jw_end_object(w);
		}
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_end_array(w);
}

static void findings(struct json_writer *w, const struct report *rep)
{
	const struct checklist *cl = rep->cf->checklist;
	size_t i;

	jw_key(w, "findings");
	jw_begin_array(w);
	for (i = 0; i < cl->nfindings; i++) {
		if (!rep->score.findings[i])
			continue;
		jw_begin_object(w);
		key_string(w, "id", cl->findings[i].id);
		key_string(w, "text", cl->findings[i].text);
		key_string(w, "source", cl->findings[i].source);
		jw_end_object(w);
	}
	jw_end_array(w);
}

static void open_questions(struct json_writer *w, const struct report *rep)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	size_t k, q, i, j;

	jw_key(w, "open_questions");
	jw_begin_object(w);
	for (k = 0; k < OPEN_COUNT; k++) {
		jw_key(w, report_open_names[k]);
		jw_begin_array(w);
		for (q = 0; q < cl->nquestions; q++)
			if (report_is_open(rep, q, (enum report_open)k))
				jw_string(w, cl->questions[q].id);
		jw_end_array(w);
	}
	jw_key(w, "strict_downgrades");
	jw_begin_array(w);
	for (i = 0; i < cl->nframeworks; i++)
		for (j = 0; j < cl->frameworks[i].ncriteria; j++) {
			const struct criterion_outcome *cr = &r->frameworks[i].criteria[j];

			if (cr->strict == STRICT_OK)
				continue;
			jw_begin_object(w);
			key_string(w, "framework", cl->frameworks[i].id);
			key_string(w, "criterion", cr->criterion->id);
			key_string(w, "question", cl->questions[cr->criterion->question].id);
			jw_key(w, "answer");
			answer_or_null(w, r, cr->criterion->question);
			key_string(w, "given", result_names[cr->given]);
			key_string(w, "reason", render_strict_reason(cr->strict));
			jw_end_object(w);
		}
	jw_end_array(w);
	jw_key(w, "pivotal");
	jw_begin_array(w);
	for (i = 0; i < r->npivotal; i++) {
		const struct pivotal_answer *p = &r->pivotal[i];

		jw_begin_object(w);
		key_string(w, "question", cl->questions[p->question].id);
		jw_key(w, "from");
		answer_or_null(w, r, p->question);
		key_string(w, "to", cl->questions[p->question].choices[p->choice].keyword);
		key_string(w, "verdict", p->verdict);
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_end_object(w);
}

static void evidence_item(struct json_writer *w, const struct report *rep, size_t q, size_t i)
{
	const struct evidence *ev = &rep->cf->answers[q].evidence[i];

	jw_begin_object(w);
	key_int(w, "source_number", (long long)rep->cite[q][i] + 1);
	key_string(w, "source", ev->source);
	key_string(w, "title", ev->title);
	key_string(w, "date", ev->date);
	key_string(w, "event_date", ev->event_date);
	key_string(w, "url", ev->url);
	key_string(w, "citation", ev->citation);
	key_string(w, "quote", ev->quote);
	key_string(w, "kind", ev->kind == KIND_UNSET ? NULL : evidence_kind_names[ev->kind]);
	jw_key(w, "grade");
	grade_or_null(w, ev);
	key_string(w, "origin",
		   ev->origin == ORIGIN_UNSET ? NULL : evidence_origin_names[ev->origin]);
	jw_key(w, "disputed");
	jw_bool(w, ev->disputed);
	key_string(w, "note", ev->note);
	jw_end_object(w);
}

static void questions(struct json_writer *w, const struct report *rep)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	size_t q, i;

	jw_key(w, "questions");
	jw_begin_array(w);
	for (q = 0; q < cl->nquestions; q++) {
		const struct question *qu = &cl->questions[q];
		const struct answer *a = &rep->cf->answers[q];
		int c = r->choices[q];

		jw_begin_object(w);
		key_string(w, "id", qu->id);
		key_string(w, "section", cl->sections[qu->section].id);
		key_string(w, "title", qu->title);
		key_string(w, "text", qu->text);
		jw_key(w, "applicable");
		jw_bool(w, r->applicable[q]);
		jw_key(w, "answer");
		answer_or_null(w, r, q);
		key_string(w, "label", r->applicable[q] && c >= 0 ? qu->choices[c].label : NULL);
		key_string(w, "note", a->note);
		key_string(w, "answered", a->answered);
		jw_key(w, "best_grade");
		grade_or_null(w, rep->best[q] >= 0 ? &a->evidence[rep->best[q]] : NULL);
		jw_key(w, "evidence");
		jw_begin_array(w);
		for (i = 0; i < a->nevidence; i++)
			evidence_item(w, rep, q, i);
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_end_array(w);
}

static void question_refs(struct json_writer *w, const struct score_result *r, const size_t *qs,
			  size_t n)
{
	size_t i;

	jw_begin_array(w);
	for (i = 0; i < n; i++) {
		jw_begin_object(w);
		key_string(w, "id", r->checklist->questions[qs[i]].id);
		jw_key(w, "answer");
		answer_or_null(w, r, qs[i]);
		jw_end_object(w);
	}
	jw_end_array(w);
}

static void timeline(struct json_writer *w, const struct report *rep)
{
	size_t i;

	jw_key(w, "timeline");
	jw_begin_array(w);
	for (i = 0; i < rep->nevents; i++) {
		const struct report_event *e = &rep->events[i];

		jw_begin_object(w);
		key_string(w, "date", e->date);
		key_int(w, "source_number", (long long)e->source + 1);
		key_string(w, "source", e->ev->source);
		key_string(w, "title", e->ev->title);
		jw_key(w, "questions");
		question_refs(w, &rep->score, e->questions, e->nquestions);
		jw_end_object(w);
	}
	jw_end_array(w);
}

static void bibliography(struct json_writer *w, const struct report *rep)
{
	size_t i;

	jw_key(w, "bibliography");
	jw_begin_array(w);
	for (i = 0; i < rep->nsources; i++) {
		const struct report_source *s = &rep->sources[i];

		jw_begin_object(w);
		key_int(w, "number", (long long)i + 1);
		key_string(w, "source", s->ev->source);
		key_string(w, "title", s->ev->title);
		key_string(w, "date", s->ev->date);
		key_string(w, "url", s->ev->url);
		key_string(w, "citation", s->ev->citation);
		key_string(w, "kind",
			   s->ev->kind == KIND_UNSET ? NULL : evidence_kind_names[s->ev->kind]);
		jw_key(w, "cited_by");
		question_refs(w, &rep->score, s->questions, s->nquestions);
		jw_end_object(w);
	}
	jw_end_array(w);
}

void report_render_json(const struct report *rep, struct strbuf *sb)
{
	struct json_writer w;

	json_writer_init(&w, sb, false);
	jw_begin_object(&w);
	key_string(&w, "format", REPORT_FORMAT);
	key_int(&w, "format_version", REPORT_FORMAT_VERSION);
	key_string(&w, "mode", rep->strict ? "strict" : "default");
	case_and_checklist(&w, rep);
	overall(&w, rep);
	frameworks(&w, rep);
	findings(&w, rep);
	open_questions(&w, rep);
	questions(&w, rep);
	timeline(&w, rep);
	bibliography(&w, rep);
	generator(&w, rep->generated);
	jw_end_object(&w);
	strbuf_addc(sb, '\n');
}

static void compare_cases(struct json_writer *w, const struct comparison *cmp)
{
	size_t k;

	jw_key(w, "cases");
	jw_begin_array(w);
	for (k = 0; k < cmp->ncases; k++) {
		const struct compare_case *c = &cmp->cases[k];
		const struct score_result *r = &c->score;

		jw_begin_object(w);
		key_string(w, "title", c->cf->title);
		key_string(w, "file", c->file);
		jw_key(w, "checklist");
		jw_begin_object(w);
		key_string(w, "id", c->cf->checklist->id);
		key_string(w, "version", c->cf->checklist->version);
		jw_end_object(w);
		jw_key(w, "progress");
		jw_begin_object(w);
		key_int(w, "questions", (long long)r->total);
		key_int(w, "applicable", (long long)r->applicable_count);
		key_int(w, "answered", (long long)r->answered);
		key_int(w, "unknown", (long long)r->unknown);
		key_int(w, "unsupported", (long long)r->unsupported_count);
		jw_end_object(w);
		jw_key(w, "overall");
		jw_begin_object(w);
		key_string(w, "verdict", r->overall_verdict);
		key_string(w, "text", r->overall_text);
		jw_end_object(w);
		jw_end_object(w);
	}
	jw_end_array(w);
}

static void compare_questions(struct json_writer *w, const struct comparison *cmp)
{
	size_t i, k;

	jw_key(w, "questions");
	jw_begin_array(w);
	for (i = 0; i < cmp->nquestions; i++) {
		const struct compare_row *row = &cmp->questions[i];

		jw_begin_object(w);
		key_string(w, "id", row->id);
		key_string(w, "section", row->group);
		key_string(w, "title", row->title);
		jw_key(w, "differs");
		jw_bool(w, row->differs);
		jw_key(w, "grade_differs");
		jw_bool(w, row->grade_differs);
		jw_key(w, "cases");
		jw_begin_array(w);
		for (k = 0; k < cmp->ncases; k++) {
			const struct compare_case *c = &cmp->cases[k];
			size_t q = (size_t)row->index[k];
			const struct answer *a = &c->cf->answers[q];
			size_t j, disputed = 0;

			for (j = 0; j < a->nevidence; j++)
				disputed += a->evidence[j].disputed;
			jw_begin_object(w);
			jw_key(w, "answer");
			answer_or_null(w, &c->score, q);
			key_string(w, "shown", report_answer_word(&c->score, q));
			jw_key(w, "best_grade");
			grade_or_null(w, c->best[q] >= 0 ? &a->evidence[c->best[q]] : NULL);
			key_int(w, "evidence", (long long)a->nevidence);
			key_int(w, "disputed", (long long)disputed);
			key_string(w, "note", a->note);
			jw_end_object(w);
		}
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_end_array(w);
}

static void compare_frameworks(struct json_writer *w, const struct comparison *cmp)
{
	size_t i, k;

	jw_key(w, "frameworks");
	jw_begin_array(w);
	for (i = 0; i < cmp->nframeworks; i++) {
		const struct compare_row *row = &cmp->frameworks[i];

		jw_begin_object(w);
		key_string(w, "id", row->id);
		key_string(w, "title", row->title);
		jw_key(w, "differs");
		jw_bool(w, row->differs);
		jw_key(w, "cases");
		jw_begin_array(w);
		for (k = 0; k < cmp->ncases; k++) {
			const struct framework_result *fr =
				&cmp->cases[k].score.frameworks[row->index[k]];

			jw_begin_object(w);
			key_string(w, "verdict", verdict_names[fr->verdict]);
			jw_key(w, "score");
			if (fr->score >= 0)
				jw_int(w, fr->score);
			else
				jw_null(w);
			jw_end_object(w);
		}
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_end_array(w);
}

static void compare_findings(struct json_writer *w, const struct comparison *cmp)
{
	size_t i, k;

	jw_key(w, "findings");
	jw_begin_array(w);
	for (i = 0; i < cmp->nfindings; i++) {
		const struct compare_row *row = &cmp->findings[i];

		jw_begin_object(w);
		key_string(w, "id", row->id);
		key_string(w, "text", row->title);
		jw_key(w, "differs");
		jw_bool(w, row->differs);
		jw_key(w, "cases");
		jw_begin_array(w);
		for (k = 0; k < cmp->ncases; k++)
			jw_bool(w, cmp->cases[k].score.findings[row->index[k]]);
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_end_array(w);
}

void compare_render_json(const struct comparison *cmp, struct strbuf *sb)
{
	struct json_writer w;
	struct strbuf scope;
	size_t i;

	strbuf_init(&scope);
	compare_scope_sentence(cmp, &scope);
	json_writer_init(&w, sb, false);
	jw_begin_object(&w);
	key_string(&w, "format", COMPARISON_FORMAT);
	key_int(&w, "format_version", REPORT_FORMAT_VERSION);
	jw_key(&w, "same_checklist");
	jw_bool(&w, cmp->same_checklist);
	key_string(&w, "scope", scope.buf);
	compare_cases(&w, cmp);
	jw_key(&w, "overall_differs");
	jw_bool(&w, cmp->overall_differs);
	compare_frameworks(&w, cmp);
	compare_findings(&w, cmp);
	compare_questions(&w, cmp);
	jw_key(&w, "differing_questions");
	jw_begin_array(&w);
	for (i = 0; i < cmp->nquestions; i++)
		if (cmp->questions[i].differs)
			jw_string(&w, cmp->questions[i].id);
	jw_end_array(&w);
	generator(&w, cmp->generated);
	jw_end_object(&w);
	strbuf_addc(sb, '\n');
	strbuf_release(&scope);
}
