/* The scoring engine; see score.h. */
#include <stdlib.h>
#include <string.h>

#include "legitcheck/score.h"

void score_options_init(struct score_options *o)
{
	memset(o, 0, sizeof(*o));
	o->override_question = -1;
}

static bool eval(const struct expr *e, const int *choices, const bool *applicable,
		 const struct framework_result *fw)
{
	size_t i;
	int c;

	switch (e->kind) {
	case EXPR_ANSWER_IN:
	case EXPR_ANSWER_NOT_IN:
		c = applicable && !applicable[e->target] ? -1 : choices[e->target];
		if (e->kind == EXPR_ANSWER_IN)
			return c >= 0 && (e->set >> c & 1);
		return !(c >= 0 && (e->set >> c & 1));
	case EXPR_FRAMEWORK_IN:
		return fw && (e->set >> fw[e->target].verdict & 1);
	case EXPR_ALL:
		for (i = 0; i < e->nitems; i++)
			if (!eval(&e->items[i], choices, applicable, fw))
				return false;
		return true;
	case EXPR_ANY:
		for (i = 0; i < e->nitems; i++)
			if (eval(&e->items[i], choices, applicable, fw))
				return true;
		return false;
	case EXPR_NOT:
		return !eval(&e->items[0], choices, applicable, fw);
	}
	return false;
}

/*
 * Applicability: a question is asked when its condition holds. Conditions may
 * refer to later questions (the loader rejects cycles), so this iterates to a
 * fixed point; with n questions it settles within n rounds.
 */
static void compute_applicable(const struct checklist *cl, const int *choices, bool *applicable)
{
	size_t i, round;
	bool changed = true;

	for (i = 0; i < cl->nquestions; i++)
		applicable[i] = true;
	for (round = 0; changed && round <= cl->nquestions; round++) {
		changed = false;
		for (i = 0; i < cl->nquestions; i++) {
			bool a = !cl->questions[i].condition ||
				 eval(cl->questions[i].condition, choices, applicable, NULL);

			if (a != applicable[i]) {
				applicable[i] = a;
				changed = true;
			}
		}
	}
}

enum strict_reason score_check_standard(const struct proof_standard *st, int choice,
					const struct answer *a)
{
	size_t i;
	int undisputed = 0, graded = 0, good = 0;

	if (choice < 0 || (st->applies_to && !(st->applies_to >> choice & 1)))
		return STRICT_OK;
	for (i = 0; a && i < a->nevidence; i++) {
		const struct evidence *ev = &a->evidence[i];

		if (ev->disputed)
			continue;
		undisputed++;
		if (st->min_reliability &&
		    (!ev->reliability || ev->reliability > st->min_reliability ||
		     ev->credibility > st->min_credibility))
			continue;
		graded++;
		if (st->excluded_origins &&
		    (ev->origin == ORIGIN_UNSET || (st->excluded_origins >> ev->origin & 1)))
			continue;
		good++;
	}
	if (good >= st->min_items)
		return STRICT_OK;
	if (undisputed < st->min_items)
		return STRICT_NO_EVIDENCE;
	if (graded < st->min_items)
		return STRICT_GRADE;
	return STRICT_ORIGIN;
}

/* A result with its arrays, for compute() to fill. */
static void result_alloc(const struct checklist *cl, struct score_result *r)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->checklist = cl;
	r->choices = xmalloc((cl->nquestions + 1) * sizeof(*r->choices));
	r->applicable = xcalloc(cl->nquestions + 1, sizeof(*r->applicable));
	r->unsupported = xcalloc(cl->nquestions + 1, sizeof(*r->unsupported));
	r->frameworks = xcalloc(cl->nframeworks + 1, sizeof(*r->frameworks));
	for (i = 0; i < cl->nframeworks; i++)
		r->frameworks[i].criteria = xcalloc(cl->frameworks[i].ncriteria + 1,
						    sizeof(*r->frameworks[i].criteria));
	r->findings = xcalloc(cl->nfindings + 1, sizeof(*r->findings));
}

/*
 * Scores given (with o's what-if) into r, made by result_alloc() and filled
 * again on each call: the pivotal answers' what-ifs use one result for all.
 * base, when not NULL, is the result of the
 * same case without the what-if: a criterion whose question has the same
 * answer there is held to its proof standard the same way, so the strict
 * check, which reads every evidence item of the answer, is not done again for
 * each of the many what-ifs of the pivotal answers.
 */
static void compute(const struct checklist *cl, const struct casefile *cf, const int *given,
		    const struct score_options *o, const struct score_result *base,
		    struct score_result *r)
{
	size_t i, j;

	r->applicable_count = r->answered = r->unknown = r->unsupported_count = 0;
	r->nfindings_fired = 0;
	r->total = cl->nquestions;
	memset(r->unsupported, 0, (cl->nquestions + 1) * sizeof(*r->unsupported));
	memset(r->findings, 0, (cl->nfindings + 1) * sizeof(*r->findings));
	memcpy(r->choices, given, cl->nquestions * sizeof(*r->choices));
	if (o->override_question >= 0 && (size_t)o->override_question < cl->nquestions)
		r->choices[o->override_question] = o->override_choice;
	compute_applicable(cl, r->choices, r->applicable);
	for (i = 0; i < cl->nquestions; i++) {
		const struct question *q = &cl->questions[i];
		int c = r->choices[i];

		if (!r->applicable[i])
			continue;
		r->applicable_count++;
		if (c < 0)
			continue;
		r->answered++;
		if ((size_t)c == q->unknown_choice)
			r->unknown++;
		else if (cf && !cf->answers[i].nevidence) {
			r->unsupported[i] = true;
			r->unsupported_count++;
		}
	}
	for (i = 0; i < cl->nframeworks; i++) {
		const struct framework *f = &cl->frameworks[i];
		struct framework_result *fr = &r->frameworks[i];
		long met = 0, applicable = 0;
		bool necessary_applies = false, necessary_failed = false, necessary_open = false;

		fr->framework = f;
		for (j = 0; j < f->ncriteria; j++) {
			const struct criterion *c = &f->criteria[j];
			struct criterion_outcome *cr = &fr->criteria[j];
			int choice = r->choices[c->question];

			cr->criterion = c;
			cr->choice = choice;
			cr->strict = STRICT_OK;
			if (!r->applicable[c->question])
				cr->given = RESULT_NOT_APPLICABLE;
			else if (choice < 0)
				cr->given = RESULT_UNKNOWN;
			else
				cr->given = c->results[choice];
			cr->result = cr->given;
			if (o->strict && cf && choice >= 0 && cr->given != RESULT_NOT_APPLICABLE &&
			    cr->given != RESULT_UNKNOWN &&
			    !((long)c->question == o->override_question)) {
				const struct proof_standard *st =
					c->standard ? c->standard : &cl->default_standard;
				const struct criterion_outcome *was =
					base ? &base->frameworks[i].criteria[j] : NULL;

				if (was && was->choice == choice && was->given == cr->given)
					cr->strict = was->strict;
				else
					cr->strict = score_check_standard(
						st, choice, &cf->answers[c->question]);
				if (cr->strict != STRICT_OK)
					cr->result = RESULT_UNKNOWN;
			}
			if (cr->result == RESULT_NOT_APPLICABLE)
				continue;
			necessary_applies |= c->necessary;
			applicable += c->weight;
			if (cr->result == RESULT_MET)
				met += c->weight;
			if (c->necessary && cr->result == RESULT_NOT_MET)
				necessary_failed = true;
			if (c->necessary && cr->result == RESULT_UNKNOWN)
				necessary_open = true;
		}
		/* Factors alone cannot satisfy a framework: with no necessary criterion
		 * applicable, the framework does not apply to the case. */
		if (!necessary_applies) {
			fr->verdict = VERDICT_NOT_APPLICABLE;
			fr->score = -1;
			continue;
		}
		fr->score = (int)((met * 200 + applicable) / (applicable * 2));
		fr->verdict = necessary_failed ? VERDICT_NOT_SATISFIED
			      : necessary_open ? VERDICT_UNDETERMINED
					       : VERDICT_SATISFIED;
	}
	r->overall_rule = -1;
	r->overall_verdict = cl->overall.otherwise_verdict;
	r->overall_text = cl->overall.otherwise_text;
	for (i = 0; i < cl->overall.nrules; i++)
		if (eval(&cl->overall.rules[i].when, r->choices, r->applicable, r->frameworks)) {
			r->overall_rule = (long)i;
			r->overall_verdict = cl->overall.rules[i].verdict;
			r->overall_text = cl->overall.rules[i].text;
			break;
		}
	for (i = 0; i < cl->nfindings; i++)
		if (eval(&cl->findings[i].when, r->choices, r->applicable, r->frameworks)) {
			r->findings[i] = true;
			r->nfindings_fired++;
		}
}

static void compute_pivotal(const struct checklist *cl, const struct casefile *cf, const int *given,
			    const struct score_options *o, struct score_result *r)
{
	struct score_options alt = *o;
	struct score_result other;
	size_t i, alloc = 0;
	size_t c;

	alt.pivotal = false;
	result_alloc(cl, &other);
	for (i = 0; i < cl->nquestions; i++) {
		if (!r->applicable[i])
			continue;
		for (c = 0; c < cl->questions[i].nchoices; c++) {
			if ((int)c == r->choices[i])
				continue;
			alt.override_question = (long)i;
			alt.override_choice = (int)c;
			compute(cl, cf, given, &alt, r, &other);
			if (!util_streq(other.overall_verdict, r->overall_verdict)) {
				xgrow(&r->pivotal, &alloc, r->npivotal + 1, sizeof(*r->pivotal));
				r->pivotal[r->npivotal].question = i;
				r->pivotal[r->npivotal].choice = (int)c;
				r->pivotal[r->npivotal].verdict = other.overall_verdict;
				r->npivotal++;
			}
		}
	}
	score_result_release(&other);
}

void score_compute(const struct casefile *cf, const struct score_options *opts,
		   struct score_result *out)
{
	const struct checklist *cl = cf->checklist;
	int *given = xmalloc((cl->nquestions + 1) * sizeof(*given));
	size_t i;

	for (i = 0; i < cl->nquestions; i++)
		given[i] = cf->answers[i].choice;
	result_alloc(cl, out);
	compute(cl, cf, given, opts, NULL, out);
	if (opts->pivotal)
		compute_pivotal(cl, cf, given, opts, out);
	free(given);
}

void score_compute_choices(const struct checklist *cl, const int *choices, struct score_result *out)
{
	struct score_options o;

	score_options_init(&o);
	result_alloc(cl, out);
	compute(cl, NULL, choices, &o, NULL, out);
}

void score_result_release(struct score_result *r)
{
	size_t i;

	if (r->frameworks)
		for (i = 0; i < r->checklist->nframeworks; i++)
			free(r->frameworks[i].criteria);
	free(r->frameworks);
	free(r->findings);
	free(r->choices);
	free(r->applicable);
	free(r->unsupported);
	free(r->pivotal);
	memset(r, 0, sizeof(*r));
}
