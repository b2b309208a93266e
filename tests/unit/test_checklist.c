/* Checklist loading: the shipped checklist loads; broken files report every problem with its place.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "legitcheck/checklist.h"
#include "tap.h"

static struct checklist *load(const char *text, struct error *err)
{
	struct checklist *cl = NULL;

	error_init(err);
	checklist_load_buffer(text, strlen(text), "t.json", &cl, err);
	return cl;
}

/* Returns the fixture with the first occurrence of from replaced by to. */
static char *patched(const char *from, const char *to)
{
	const char *at = strstr(fixture_checklist, from);
	size_t n = strlen(fixture_checklist) - strlen(from) + strlen(to);
	char *out = malloc(n + 1);

	if (!at)
		bail("fixture has no '%s'", from);
	sprintf(out, "%.*s%s%s", (int)(at - fixture_checklist), fixture_checklist, to,
		at + strlen(from));
	return out;
}

static void default_checklist_loads_with_the_domain_ids(void)
{
	struct checklist *cl = NULL;
	struct error err;
	static const char *const ids[] = {"q1.timing",
					  "q1.initiative",
					  "q1.freely",
					  "q1.authority",
					  "q1.control",
					  "q2.published",
					  "q2.purpose",
					  "q2.limits",
					  "q2.compliance",
					  "q3.organ",
					  "q3.consensus",
					  "q3.treaty_basis",
					  "q3.sc_authorization",
					  "q4.armed_attack",
					  "q4.victim_request",
					  "q4.necessity",
					  "q4.reported",
					  "q4.sc_measures",
					  "q5.published",
					  "q5.timing",
					  "q5.basis"};
	size_t i;
	bool all = true;

	error_init(&err);
	checklist_load_file(SOURCE_DIR "/checklists/five-questions.json", &cl, &err);
	if (!ok(cl != NULL, "the default checklist loads")) {
		diag("%s", error_message(&err, 0));
		bail("cannot continue without the default checklist");
	}
	is_int(21, (long long)cl->nquestions, "it has the 21 questions of the domain");
	for (i = 0; i < 21; i++)
		all &= checklist_question_index(cl, ids[i]) == (long)i;
	ok(all, "with exactly the domain's ids, in order");
	ok(checklist_framework_index(cl, "self_defence") >= 0 &&
		   checklist_framework_index(cl, "consent") >= 0 &&
		   checklist_framework_index(cl, "organisation") >= 0,
	   "and the three frameworks");
	ok(checklist_overall_verdict_exists(cl, "lawful_basis_established") &&
		   checklist_overall_verdict_exists(cl, "no_lawful_basis") &&
		   checklist_overall_verdict_exists(cl, "not_established"),
	   "and the three overall verdicts");
	for (i = 0, all = true; i < cl->nquestions; i++)
		all &= cl->questions[i].unknown_choice < cl->questions[i].nchoices;
	ok(all, "every question offers unknown");
	is_int(71, (long long)strlen(cl->digest), "the digest is sha256:<64 hex>");
	checklist_free(cl);
	error_release(&err);
}

static void fixture_loads_and_digest_ignores_layout(void)
{
	struct error err;
	struct checklist *a = load(fixture_checklist, &err), *b;
	char *spaced = patched("\"id\": \"mini\",", "\"id\":   \"mini\"  ,");

	ok(a != NULL, "the fixture loads");
	error_release(&err);
	b = load(spaced, &err);
	is_string(a->digest, b->digest, "reformatting does not change the digest");
	checklist_free(b);
	free(spaced);
	error_release(&err);
	spaced = patched("\"help\": \"h\"", "\"help\": \"changed\"");
	b = load(spaced, &err);
	ok(strcmp(a->digest, b->digest) != 0, "a content change changes the digest");
	checklist_free(a);
	checklist_free(b);
	free(spaced);
	error_release(&err);
}

static void expect_error(const char *from, const char *to, const char *want, const char *what)
{
	struct error err;
	char *text = patched(from, to);
	struct checklist *cl = load(text, &err);
	size_t i;
	bool found = false;

	for (i = 0; i < err.count; i++)
		found |= strstr(err.messages[i], want) != NULL;
	ok(cl == NULL && found && err.status == LC_ERR_DATA, "%s", what);
	if (!found) {
		diag("wanted a message containing: %s", want);
		for (i = 0; i < err.count; i++)
			diag("seen: %s", err.messages[i]);
	}
	checklist_free(cl);
	error_release(&err);
	free(text);
}

static void broken_checklists_report_place_and_path(void)
{
	expect_error("\"question\": \"s.b\"", "\"question\": \"s.x\"",
		     "t.json:25:52: frameworks[0].criteria[1].question: no question \"s.x\"",
		     "a criterion naming a missing question: file:line:column and JSON path");
	expect_error(
		"\"not_met\": [\"no\"], \"unknown\": [\"unknown\"],\n       \"source\": \"Art A\"",
		"\"not_met\": [\"no\", \"yes\"], \"unknown\": [\"unknown\"],\n       \"source\": "
		"\"Art A\"",
		"choice \"yes\" is mapped twice (to met and not_met)", "a choice mapped twice");
	expect_error("\"not_met\": [\"bad\"], \"unknown\": [\"unknown\"],\n       "
		     "\"not_applicable\": [\"na\"], \"source\": \"Art C\"}\n    ]},",
		     "\"not_met\": [\"bad\"], \"unknown\": [\"unknown\"],\n       \"source\": "
		     "\"Art C\"}\n    ]},",
		     "choice \"na\" of question \"s.c\" is not mapped", "a choice left unmapped");
	expect_error("\"sources\": [\"src A\"]", "\"sources\": []", "at least one legal source",
		     "a question without a source");
	expect_error("{\"id\": \"s.b\"", "{\"id\": \"s.a\"", "duplicate question id \"s.a\"",
		     "a duplicate question id");
	expect_error(
		"\"help\": \"h\",\n     \"sources\": [\"src A\"]",
		"\"help\": \"h\", \"condition\": {\"answer\": \"s.b\", \"in\": [\"yes\"]},\n     "
		"\"sources\": [\"src A\"]",
		"conditions form a cycle: s.a -> s.b -> s.a", "a condition cycle");
	expect_error("\"necessary\": false", "\"necesary\": false",
		     "unknown key \"necesary\" (did you mean \"necessary\"?)",
		     "a misspelt key, with a suggestion");
	expect_error("\"format_version\": 1", "\"format_version\": 9", "newer than this legitcheck",
		     "a future format version");
	expect_error("{\"keyword\": \"unknown\", \"label\": \"U\"}]},\n    {\"id\": \"s.b\"",
		     "{\"keyword\": \"maybe\", \"label\": \"U\"}]},\n    {\"id\": \"s.b\"",
		     "must offer the choice \"unknown\"", "a question without unknown");
	expect_error("\"in\": [\"satisfied\"]}, \"text\": \"ok.\"",
		     "\"in\": [\"satisfied\", \"lawful\"]}, \"text\": \"ok.\"",
		     "unknown framework verdict \"lawful\"", "an unknown framework verdict");
}

static void many_problems_are_reported_at_once(void)
{
	struct error err;
	char *a = patched("\"question\": \"s.b\"", "\"question\": \"s.x\"");
	char *b;
	struct checklist *cl;

	b = malloc(strlen(a) + 32);
	strcpy(b, a);
	{
		char *at = strstr(b, "\"sources\": [\"src C\"]");

		memcpy(at, "\"sources\": [       ]", 20);
	}
	cl = load(b, &err);
	ok(cl == NULL && err.count >= 2, "two problems in one file are both reported (%zu)",
	   err.count);
	checklist_free(cl);
	error_release(&err);
	free(a);
	free(b);
}

int main(void)
{
	plan_lazy();
	default_checklist_loads_with_the_domain_ids();
	fixture_loads_and_digest_ignores_layout();
	broken_checklists_report_place_and_path();
	many_problems_are_reported_at_once();
	return 0;
}
