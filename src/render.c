/* Text and JSON renderings of a score, and the explanation sentences. */
#include <string.h>

#include "legitcheck/json.h"
#include "legitcheck/render.h"

const char *render_answer_word(const struct score_result *r, size_t question)
{
	const struct question *q = &r->checklist->questions[question];
	int c = r->choices[question];

	if (!r->applicable[question])
		return "not applicable";
	if (c < 0)
		return "unanswered";
	return q->choices[c].keyword;
}

const char *render_strict_reason(enum strict_reason why)
{
	switch (why) {
	case STRICT_NO_EVIDENCE:
		return "no undisputed evidence";
	case STRICT_GRADE:
		return "no evidence graded well enough";
	case STRICT_ORIGIN:
		return "no well-graded evidence independent of the side that asserts it";
	default:
		return "meets the standard";
	}
}

static void list_criteria(const struct score_result *r, const struct framework_result *fr,
			  enum criterion_result want, bool necessary_only, struct strbuf *sb)
{
	size_t j, n = 0;

	for (j = 0; j < fr->framework->ncriteria; j++) {
		const struct criterion_outcome *cr = &fr->criteria[j];
		const struct criterion *c = cr->criterion;

		if (cr->result != want || (necessary_only && !c->necessary))
			continue;
		strbuf_addf(sb, "%s%s (%s = %s%s%s)", n++ ? "; " : "", c->title,
			    r->checklist->questions[c->question].id,
			    render_answer_word(r, c->question),
			    cr->strict != STRICT_OK ? ", counted as unknown: " : "",
			    cr->strict != STRICT_OK ? render_strict_reason(cr->strict) : "");
	}
}

void render_framework_reason(const struct score_result *r, size_t framework, struct strbuf *sb)
{
	const struct framework_result *fr = &r->frameworks[framework];

	strbuf_addf(sb, "%s is %s", fr->framework->id, verdict_names[fr->verdict]);
	switch (fr->verdict) {
	case VERDICT_NOT_SATISFIED:
		strbuf_adds(sb, ": not met: ");
		list_criteria(r, fr, RESULT_NOT_MET, true, sb);
		break;
	case VERDICT_UNDETERMINED:
		strbuf_adds(sb, ": not established: ");
		list_criteria(r, fr, RESULT_UNKNOWN, true, sb);
		break;
	case VERDICT_SATISFIED:
		strbuf_adds(sb, ": every necessary criterion is met");
		break;
	default:
		strbuf_adds(sb, ": none of its questions applies");
	}
}

static const char *mark(enum criterion_result res)
{
	switch (res) {
	case RESULT_MET:
		return "met    ";
	case RESULT_NOT_MET:
		return "NOT MET";
	case RESULT_UNKNOWN:
		return "unknown";
	default:
		return "n/a    ";
	}
}

void render_score_text(const struct casefile *cf, const char *file, const struct score_result *r,
		       bool strict, struct strbuf *sb)
{
	const struct checklist *cl = r->checklist;
	size_t i, j;

	strbuf_addf(sb, "%s\n",
		    cf->title && *cf->title ? cf->title
		    : file                  ? file
					    : "(untitled case)");
	strbuf_addf(sb,
		    "checklist %s %s · %zu of %zu answered · %zu unknown · %zu unsupported%s\n\n",
		    cl->id, cl->version, r->answered, r->applicable_count, r->unknown,
		    r->unsupported_count, strict ? " · strict proof standards" : "");
	strbuf_addf(sb, "Overall: %s\n  %s\n", r->overall_verdict, r->overall_text);
	for (i = 0; i < cl->nframeworks; i++) {
		strbuf_adds(sb, "  - ");
		render_framework_reason(r, i, sb);
		strbuf_addc(sb, '\n');
	}
	strbuf_addf(sb, "  (%s, %s)\n", cl->overall.title, cl->overall.source);
	for (i = 0; i < cl->nframeworks; i++) {
		const struct framework_result *fr = &r->frameworks[i];
		const struct framework *f = fr->framework;

		strbuf_addf(sb, "\n%s — %s (%s)\n", f->id, f->title, f->source);
		if (fr->score >= 0)
			strbuf_addf(sb, "  verdict: %s · score %d/100\n",
				    verdict_names[fr->verdict], fr->score);
		else
			strbuf_addf(sb, "  verdict: %s\n", verdict_names[fr->verdict]);
		for (j = 0; j < f->ncriteria; j++) {
			const struct criterion_outcome *cr = &fr->criteria[j];
			const struct criterion *c = cr->criterion;
			const char *why = c->explanation[cr->result];

			strbuf_addf(sb, "  [%s] %-9s %s: %s = %s\n", mark(cr->result),
				    c->necessary ? "necessary" : "factor", c->title,
				    cl->questions[c->question].id,
				    render_answer_word(r, c->question));
			if (cr->strict != STRICT_OK)
				strbuf_addf(
					sb,
					"            strict: answered %s, counted as unknown: %s\n",
					result_names[cr->given], render_strict_reason(cr->strict));
			if (why)
				strbuf_addf(sb, "            %s\n", why);
			strbuf_addf(sb, "            source: %s\n", c->source);
		}
	}
	strbuf_adds(sb, "\nFindings\n");
	if (!r->nfindings_fired)
		strbuf_adds(sb, "  none\n");
	for (i = 0; i < cl->nfindings; i++)
		if (r->findings[i])
			strbuf_addf(sb, "  - %s: %s (%s)\n", cl->findings[i].id,
				    cl->findings[i].text, cl->findings[i].source);
	if (r->unsupported_count) {
		strbuf_adds(sb, "\nUnsupported answers (no evidence; scored as given)\n");
		for (i = 0; i < cl->nquestions; i++)
			if (r->unsupported[i])
				strbuf_addf(sb, "  - %s = %s\n", cl->questions[i].id,
					    render_answer_word(r, i));
	}
	if (r->npivotal) {
		strbuf_adds(sb, "\nPivotal answers (a different answer would change the overall "
				"verdict)\n");
		for (i = 0; i < r->npivotal; i++) {
			const struct pivotal_answer *p = &r->pivotal[i];

			strbuf_addf(
				sb, "  - %s: %s -> %s gives %s\n", cl->questions[p->question].id,
				render_answer_word(r, p->question),
				cl->questions[p->question].choices[p->choice].keyword, p->verdict);
		}
	}
}

void render_score_json(const struct casefile *cf, const char *file, const struct score_result *r,
		       bool strict, bool compact, struct strbuf *sb)
{
	const struct checklist *cl = r->checklist;
	struct json_writer w;
	struct strbuf reason;
	size_t i, j;

	json_writer_init(&w, sb, compact);
	strbuf_init(&reason);
	jw_begin_object(&w);
	jw_key(&w, "case");
	jw_begin_object(&w);
	jw_key(&w, "title");
	jw_string(&w, cf->title ? cf->title : "");
	jw_key(&w, "file");
	jw_string_or_null(&w, file);
	jw_end_object(&w);
	jw_key(&w, "checklist");
	jw_begin_object(&w);
	jw_key(&w, "id");
	jw_string(&w, cl->id);
	jw_key(&w, "version");
	jw_string(&w, cl->version);
	jw_end_object(&w);
	jw_key(&w, "mode");
	jw_string(&w, strict ? "strict" : "default");
	jw_key(&w, "progress");
	jw_begin_object(&w);
	jw_key(&w, "answered");
	jw_int(&w, (long long)r->answered);
	jw_key(&w, "total");
	jw_int(&w, (long long)r->applicable_count);
	jw_key(&w, "questions");
	jw_int(&w, (long long)r->total);
	jw_key(&w, "unknown");
	jw_int(&w, (long long)r->unknown);
	jw_key(&w, "unsupported");
	jw_int(&w, (long long)r->unsupported_count);
	jw_end_object(&w);
	jw_key(&w, "frameworks");
	jw_begin_array(&w);
	for (i = 0; i < cl->nframeworks; i++) {
		const struct framework_result *fr = &r->frameworks[i];

		jw_begin_object(&w);
		jw_key(&w, "id");
		jw_string(&w, fr->framework->id);
		jw_key(&w, "title");
		jw_string(&w, fr->framework->title);
		jw_key(&w, "source");
		jw_string(&w, fr->framework->source);
		jw_key(&w, "verdict");
		jw_string(&w, verdict_names[fr->verdict]);
		jw_key(&w, "score");
		if (fr->score >= 0)
			jw_int(&w, fr->score);
		else
			jw_null(&w);
		jw_key(&w, "criteria");
		jw_begin_array(&w);
		for (j = 0; j < fr->framework->ncriteria; j++) {
			const struct criterion_outcome *cr = &fr->criteria[j];
			const struct criterion *c = cr->criterion;
			const char *why = c->explanation[cr->result];

			jw_begin_object(&w);
			jw_key(&w, "id");
			jw_string(&w, c->id);
			jw_key(&w, "title");
			jw_string(&w, c->title);
			jw_key(&w, "question");
			jw_string(&w, cl->questions[c->question].id);
			jw_key(&w, "answer");
			if (cr->choice >= 0 && r->applicable[c->question])
				jw_string(&w,
					  cl->questions[c->question].choices[cr->choice].keyword);
			else
				jw_null(&w);
			jw_key(&w, "result");
			jw_string(&w, result_names[cr->result]);
			jw_key(&w, "given");
			jw_string(&w, result_names[cr->given]);
			jw_key(&w, "necessary");
			jw_bool(&w, c->necessary);
			jw_key(&w, "weight");
			jw_int(&w, c->weight);
			jw_key(&w, "source");
			jw_string(&w, c->source);
			jw_key(&w, "explanation");
			jw_string_or_null(&w, why);
			jw_key(&w, "strict");
			if (cr->strict != STRICT_OK)
				jw_string(&w, render_strict_reason(cr->strict));
			else
				jw_null(&w);
			jw_end_object(&w);
		}
		jw_end_array(&w);
		jw_end_object(&w);
	}
	jw_end_array(&w);
	jw_key(&w, "overall");
	jw_begin_object(&w);
	jw_key(&w, "verdict");
	jw_string(&w, r->overall_verdict);
	jw_key(&w, "text");
	jw_string(&w, r->overall_text);
	jw_key(&w, "source");
	jw_string(&w, cl->overall.source);
	jw_key(&w, "reasons");
	jw_begin_array(&w);
	for (i = 0; i < cl->nframeworks; i++) {
		strbuf_reset(&reason);
		render_framework_reason(r, i, &reason);
		jw_string(&w, reason.buf);
	}
	jw_end_array(&w);
	jw_end_object(&w);
	jw_key(&w, "findings");
	jw_begin_array(&w);
	for (i = 0; i < cl->nfindings; i++) {
		if (!r->findings[i])
			continue;
		jw_begin_object(&w);
		jw_key(&w, "id");
		jw_string(&w, cl->findings[i].id);
		jw_key(&w, "text");
		jw_string(&w, cl->findings[i].text);
		jw_key(&w, "source");
		jw_string(&w, cl->findings[i].source);
		jw_end_object(&w);
	}
	jw_end_array(&w);
	jw_key(&w, "unsupported");
	jw_begin_array(&w);
	for (i = 0; i < cl->nquestions; i++)
		if (r->unsupported[i])
			jw_string(&w, cl->questions[i].id);
	jw_end_array(&w);
	jw_key(&w, "pivotal");
	jw_begin_array(&w);
	for (i = 0; i < r->npivotal; i++) {
		const struct pivotal_answer *p = &r->pivotal[i];

		jw_begin_object(&w);
		jw_key(&w, "question");
		jw_string(&w, cl->questions[p->question].id);
		jw_key(&w, "from");
		if (r->choices[p->question] >= 0)
			jw_string(&w, render_answer_word(r, p->question));
		else
			jw_null(&w);
		jw_key(&w, "to");
		jw_string(&w, cl->questions[p->question].choices[p->choice].keyword);
		jw_key(&w, "verdict");
		jw_string(&w, p->verdict);
		jw_end_object(&w);
	}
	jw_end_array(&w);
	jw_end_object(&w);
	strbuf_addc(sb, '\n');
	strbuf_release(&reason);
}
