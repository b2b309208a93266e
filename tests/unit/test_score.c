/* The scoring engine on a small checklist whose every result is worked out by hand. */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "legitcheck/casefile.h"
#include "legitcheck/score.h"
#include "tap.h"

static struct checklist *cl;

/* Choices by keyword for s.a, s.b, s.c; NULL leaves a question unanswered. */
static void choose(int *c, const char *a, const char *b, const char *cc)
{
	const char *kw[3] = {a, b, cc};
	int i;

	for (i = 0; i < 3; i++)
		c[i] = kw[i] ? (int)question_choice_index(&cl->questions[i], kw[i]) : -1;
}

static void check(const char *a, const char *b, const char *c, enum framework_verdict fv,
		  int fscore, enum framework_verdict gv, const char *overall, bool finding,
		  const char *name)
{
	int choices[3];
	struct score_result r;

	choose(choices, a, b, c);
	score_compute_choices(cl, choices, &r);
	ok(r.frameworks[0].verdict == fv && r.frameworks[0].score == fscore &&
		   r.frameworks[1].verdict == gv && strcmp(r.overall_verdict, overall) == 0 &&
		   r.findings[0] == finding,
	   "%s", name);
	if (r.frameworks[0].verdict != fv || r.frameworks[0].score != fscore ||
	    r.frameworks[1].verdict != gv || strcmp(r.overall_verdict, overall) != 0 ||
	    r.findings[0] != finding)
		diag("seen: f=%s/%d g=%s overall=%s finding=%d",
		     verdict_names[r.frameworks[0].verdict], r.frameworks[0].score,
		     verdict_names[r.frameworks[1].verdict], r.overall_verdict, r.findings[0]);
	score_result_release(&r);
}

static void verdicts_and_scores(void)
{
	check(NULL, NULL, NULL, VERDICT_UNDETERMINED, 0, VERDICT_UNDETERMINED, "open", false,
	      "nothing answered: undetermined, score 0, the otherwise verdict");
	check("yes", "yes", "good", VERDICT_SATISFIED, 100, VERDICT_SATISFIED, "ok", false,
	      "every criterion met: satisfied, 100, first rule");
	check("no", NULL, "good", VERDICT_NOT_SATISFIED, 25, VERDICT_SATISFIED, "bad", false,
	      "a necessary criterion not met defeats the framework; the follow-up is not "
	      "applicable");
	check("yes", "no", "bad", VERDICT_NOT_SATISFIED, 60, VERDICT_NOT_SATISFIED, "bad", false,
	      "weighted score: 3 of 5 met is 60");
	check("yes", "yes", "bad", VERDICT_SATISFIED, 80, VERDICT_NOT_SATISFIED, "ok", true,
	      "a factor not met lowers the score but cannot defeat; the finding fires");
	check("yes", "unknown", "na", VERDICT_UNDETERMINED, 75, VERDICT_NOT_APPLICABLE, "open",
	      false, "unknown is not no: undetermined; all-n/a framework is not_applicable");
	check("unknown", "yes", "good", VERDICT_UNDETERMINED, 40, VERDICT_SATISFIED, "open", false,
	      "unknown on a weighted necessary criterion");
}

static void not_applicable_score_is_absent(void)
{
	int choices[3];
	struct score_result r;

	choose(choices, "yes", "yes", "na");
	score_compute_choices(cl, choices, &r);
	is_int(-1, r.frameworks[1].score, "a not_applicable framework has no score");
	ok(!r.applicable[1] == false && r.applicable[2],
	   "questions stay applicable when conditions hold");
	score_result_release(&r);
	choose(choices, "no", "yes", "good");
	score_compute_choices(cl, choices, &r);
	ok(!r.applicable[1], "a condition on an earlier answer makes the follow-up not applicable");
	is_int(2, (long long)r.applicable_count, "and it leaves the count of applicable questions");
	is_int(RESULT_NOT_APPLICABLE, r.frameworks[0].criteria[1].result,
	       "and its criterion is not applicable, even though it was answered");
	score_result_release(&r);
}

static void add_evidence(struct casefile *cf, size_t q, const char *grade, const char *origin,
			 bool disputed)
{
	struct evidence ev;

	evidence_init(&ev);
	ev.source = strdup("A source");
	if (grade)
		evidence_parse_grade(grade, &ev.reliability, &ev.credibility);
	if (origin)
		ev.origin = evidence_origin_parse(origin);
	ev.disputed = disputed;
	casefile_add_evidence(cf, q, &ev);
}

static enum criterion_result strict_result(struct casefile *cf, size_t criterion,
					   enum strict_reason *why)
{
	struct score_options o;
	struct score_result r;
	enum criterion_result res;

	score_options_init(&o);
	o.strict = true;
	score_compute(cf, &o, &r);
	res = r.frameworks[0].criteria[criterion].result;
	*why = r.frameworks[0].criteria[criterion].strict;
	score_result_release(&r);
	return res;
}

static void strict_mode_applies_standards(void)
{
	struct casefile *cf = casefile_new(cl, "strict");
	struct score_options o;
	struct score_result r;
	enum strict_reason why;

	casefile_set_choice(cf, 0, 0); /* s.a = yes */
	casefile_set_choice(cf, 1, 0); /* s.b = yes */
	casefile_set_choice(cf, 2, 0); /* s.c = good */
	score_options_init(&o);
	score_compute(cf, &o, &r);
	is_int(3, (long long)r.unsupported_count, "answers without evidence are unsupported");
	is_string("ok", r.overall_verdict, "but the default mode counts them as given");
	score_result_release(&r);

	is_int(RESULT_UNKNOWN, strict_result(cf, 0, &why), "strict: no evidence counts as unknown");
	is_int(STRICT_NO_EVIDENCE, why, "and says there is no evidence");
	add_evidence(cf, 0, "C3", "third_party", false);
	strict_result(cf, 0, &why);
	is_int(STRICT_GRADE, why, "evidence graded C3 does not meet B2");
	add_evidence(cf, 0, "B2", "intervening", false);
	strict_result(cf, 0, &why);
	is_int(STRICT_ORIGIN, why, "B2 from the intervening side is not independent");
	add_evidence(cf, 0, "A1", "third_party", true);
	strict_result(cf, 0, &why);
	is_int(STRICT_ORIGIN, why, "disputed evidence does not count");
	add_evidence(cf, 0, "b2", "third_party", false);
	is_int(RESULT_MET, strict_result(cf, 0, &why),
	       "independent B2 evidence meets the standard");
	is_int(RESULT_UNKNOWN, strict_result(cf, 1, &why),
	       "the default standard still asks for one item on other criteria");
	add_evidence(cf, 1, NULL, NULL, false);
	is_int(RESULT_MET, strict_result(cf, 1, &why),
	       "any undisputed item meets the default standard");
	casefile_free(cf);
}

static void pivotal_and_whatif(void)
{
	struct casefile *cf = casefile_new(cl, "pivot");
	struct score_options o;
	struct score_result r;
	size_t i;
	char got[200] = "";

	casefile_set_choice(cf, 0, 0);
	casefile_set_choice(cf, 1, 0);
	casefile_set_choice(cf, 2, 0);
	score_options_init(&o);
	o.pivotal = true;
	score_compute(cf, &o, &r);
	for (i = 0; i < r.npivotal; i++) {
		const struct question *q = &cl->questions[r.pivotal[i].question];

		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s=%s:%s ", q->id,
			 q->choices[r.pivotal[i].choice].keyword, r.pivotal[i].verdict);
	}
	is_string("s.a=no:bad s.a=unknown:open s.b=no:bad s.b=unknown:open ", got,
		  "the pivotal answers are exactly the changes that flip the overall verdict");
	score_result_release(&r);

	score_options_init(&o);
	o.override_question = 0;
	o.override_choice = 1;
	score_compute(cf, &o, &r);
	is_string("bad", r.overall_verdict, "what-if scores the changed answer");
	is_int(0, cf->answers[0].choice, "without changing the case");
	score_result_release(&r);
	casefile_free(cf);
}

static void factors_alone_do_not_satisfy(void)
{
	/* Two questions: the necessary criterion's question is asked only when the
	 * other is yes; the other feeds a factor. */
	static const char text[] =
		"{\"format\": \"legitcheck-checklist\", \"format_version\": 1, \"id\": \"f2\",\n"
		" \"version\": \"1\", \"title\": \"T\", \"sections\": [{\"id\": \"s\", \"title\": "
		"\"S\"}],\n"
		" \"questions\": [\n"
		"  {\"id\": \"s.n\", \"section\": \"s\", \"title\": \"N\", \"text\": \"N?\", "
		"\"help\": \"h\",\n"
		"   \"sources\": [\"x\"], \"condition\": {\"answer\": \"s.f\", \"in\": "
		"[\"yes\"]},\n"
		"   \"choices\": [{\"keyword\": \"yes\", \"label\": \"Y\"}, {\"keyword\": "
		"\"unknown\", \"label\": \"U\"}]},\n"
		"  {\"id\": \"s.f\", \"section\": \"s\", \"title\": \"F\", \"text\": \"F?\", "
		"\"help\": \"h\",\n"
		"   \"sources\": [\"x\"], \"choices\": [{\"keyword\": \"yes\", \"label\": \"Y\"},\n"
		"   {\"keyword\": \"no\", \"label\": \"N\"}, {\"keyword\": \"unknown\", \"label\": "
		"\"U\"}]}],\n"
		" \"frameworks\": [{\"id\": \"fw\", \"title\": \"FW\", \"source\": \"x\", "
		"\"criteria\": [\n"
		"  {\"id\": \"n\", \"title\": \"N\", \"question\": \"s.n\", \"necessary\": true, "
		"\"met\": [\"yes\"],\n"
		"   \"unknown\": [\"unknown\"], \"source\": \"x\"},\n"
		"  {\"id\": \"f\", \"title\": \"F\", \"question\": \"s.f\", \"necessary\": false, "
		"\"met\": [\"yes\"],\n"
		"   \"not_met\": [\"no\"], \"unknown\": [\"unknown\"], \"source\": \"x\"}]}],\n"
		" \"overall\": {\"title\": \"O\", \"source\": \"x\", \"rules\": [],\n"
		"  \"otherwise\": {\"verdict\": \"open\", \"text\": \"o\"}}}\n";
	struct checklist *c2 = NULL;
	struct score_result r;
	struct error err;
	int choices[2] = {-1, 0};

	error_init(&err);
	if (checklist_load_buffer(text, strlen(text), "f2", &c2, &err))
		bail("f2: %s", error_message(&err, 0));
	choices[1] = 1; /* s.f = no: s.n is not asked, only the factor applies */
	score_compute_choices(c2, choices, &r);
	is_string("not_applicable", verdict_names[r.frameworks[0].verdict],
		  "a framework whose only applicable criteria are factors does not apply");
	score_result_release(&r);
	choices[1] = 0;
	score_compute_choices(c2, choices, &r);
	is_string("undetermined", verdict_names[r.frameworks[0].verdict],
		  "once its necessary criterion applies, the framework is judged");
	score_result_release(&r);
	checklist_free(c2);
	error_release(&err);
}

int main(void)
{
	struct error err;

	plan_lazy();
	error_init(&err);
	if (checklist_load_buffer(fixture_checklist, strlen(fixture_checklist), "fixture", &cl,
				  &err))
		bail("fixture: %s", error_message(&err, 0));
	verdicts_and_scores();
	not_applicable_score_is_absent();
	strict_mode_applies_standards();
	pivotal_and_whatif();
	factors_alone_do_not_satisfy();
	checklist_free(cl);
	error_release(&err);
	return 0;
}
