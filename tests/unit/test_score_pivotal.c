/*
 * Pivotal answers under strict proof standards: the what-ifs reuse the strict
 * checks of the case as it is, and must give what scoring each what-if on its
 * own gives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "legitcheck/casefile.h"
#include "legitcheck/score.h"
#include "tap.h"

static struct checklist *cl;

static void add_evidence(struct casefile *cf, size_t question, const char *grade,
			 const char *origin)
{
	struct evidence ev;

	evidence_init(&ev);
	ev.source = xstrdup("a source");
	if (grade)
		evidence_parse_grade(grade, &ev.reliability, &ev.credibility);
	ev.origin = origin ? evidence_origin_parse(origin) : ORIGIN_UNSET;
	casefile_add_evidence(cf, question, &ev);
}

/* The pivotal answers found by scoring every what-if on its own. */
static void pivotal_one_by_one(const struct casefile *cf, bool strict, char *out, size_t size)
{
	struct score_options o;
	struct score_result now, then;
	size_t q, c;

	out[0] = '\0';
	score_options_init(&o);
	o.strict = strict;
	score_compute(cf, &o, &now);
	for (q = 0; q < cl->nquestions; q++) {
		if (!now.applicable[q])
			continue;
		for (c = 0; c < cl->questions[q].nchoices; c++) {
			if ((int)c == now.choices[q])
				continue;
			o.override_question = (long)q;
			o.override_choice = (int)c;
			score_compute(cf, &o, &then);
			if (strcmp(then.overall_verdict, now.overall_verdict) != 0)
				snprintf(out + strlen(out), size - strlen(out), "%s=%s:%s ",
					 cl->questions[q].id, cl->questions[q].choices[c].keyword,
					 then.overall_verdict);
			score_result_release(&then);
		}
	}
	score_result_release(&now);
}

static void pivotal_together(const struct casefile *cf, bool strict, char *out, size_t size)
{
	struct score_options o;
	struct score_result r;
	size_t i;

	out[0] = '\0';
	score_options_init(&o);
	o.strict = strict;
	o.pivotal = true;
	score_compute(cf, &o, &r);
	for (i = 0; i < r.npivotal; i++) {
		const struct question *q = &cl->questions[r.pivotal[i].question];

		snprintf(out + strlen(out), size - strlen(out), "%s=%s:%s ", q->id,
			 q->choices[r.pivotal[i].choice].keyword, r.pivotal[i].verdict);
	}
	score_result_release(&r);
}

static void check(const struct casefile *cf, const char *what)
{
	char together[400], alone[400];
	int strict;

	for (strict = 0; strict <= 1; strict++) {
		pivotal_together(cf, strict, together, sizeof(together));
		pivotal_one_by_one(cf, strict, alone, sizeof(alone));
		is_string(alone, together,
			  "%s%s: the pivotal answers are the what-ifs that flip it", what,
			  strict ? ", strict" : "");
	}
}

static void strict_pivotal_answers_should_match_each_what_if(void)
{
	struct casefile *cf = casefile_new(cl, "strict pivot");
	struct score_options o;
	struct score_result r;

	casefile_set_choice(cf, 0, 0);
	casefile_set_choice(cf, 1, 0);
	casefile_set_choice(cf, 2, 0);
	check(cf, "no evidence");
	add_evidence(cf, 1, NULL, NULL);
	add_evidence(cf, 0, "C3", "third_party");
	check(cf, "evidence below the standard");
	score_options_init(&o);
	o.strict = true;
	score_compute(cf, &o, &r);
	is_string("open", r.overall_verdict, "the weak evidence leaves the case open when strict");
	score_result_release(&r);
	add_evidence(cf, 0, "B2", "third_party");
	check(cf, "evidence meeting the standard");
	casefile_set_choice(cf, 0, 1);
	check(cf, "a necessary criterion not met");
	casefile_free(cf);

	/* s.b applies only when s.a is not no: a what-if can bring in a question
	 * that the case as it is never checked. */
	cf = casefile_new(cl, "hidden question");
	casefile_set_choice(cf, 0, 1);
	casefile_set_choice(cf, 1, 0);
	casefile_set_choice(cf, 2, 0);
	check(cf, "an unsupported answer to a question that does not apply");
	casefile_free(cf);
}

int main(void)
{
	struct error err;

	plan_lazy();
	error_init(&err);
	if (checklist_load_buffer(fixture_checklist, strlen(fixture_checklist), "fixture", &cl,
				  &err))
		bail("fixture: %s", error_message(&err, 0));
	strict_pivotal_answers_should_match_each_what_if();
	checklist_free(cl);
	error_release(&err);
	return 0;
}
