/* Case files: canonical output, round trips, unknown keys, edits and history. */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "legitcheck/casefile.h"
#include "tap.h"

static struct checklist *cl;

static int resolve(const char *id, const char *version, void *ctx, const struct checklist **out,
		   struct error *err)
{
	(void)version;
	(void)ctx;
	if (strcmp(id, cl->id) != 0)
		return error_add(err, LC_ERR_NOINPUT, "no checklist \"%s\"", id);
	*out = cl;
	return LC_OK;
}

static char *serialize(const struct casefile *cf)
{
	struct strbuf sb;

	strbuf_init(&sb);
	casefile_serialize(cf, &sb);
	return strbuf_detach(&sb, NULL);
}

static struct casefile *parse(const char *text, struct error *err)
{
	struct casefile *cf = NULL;

	error_init(err);
	casefile_load_buffer(text, strlen(text), "c.json", resolve, NULL, 0, &cf, err);
	return cf;
}

static void canonical_output(void)
{
	struct casefile *cf;
	struct evidence ev;
	char *out;
	const char *want = "{\n"
			   "  \"format\": \"legitcheck-case\",\n"
			   "  \"format_version\": 1,\n"
			   "  \"checklist\": {\n"
			   "    \"id\": \"mini\",\n"
			   "    \"version\": \"1\",\n"
			   "    \"digest\": \"%s\"\n"
			   "  },\n"
			   "  \"title\": \"Affaire «Тест»\",\n"
			   "  \"created\": \"2026-01-02T03:04:05Z\",\n"
			   "  \"modified\": \"2026-01-02T03:04:05Z\",\n"
			   "  \"answers\": {\n"
			   "    \"s.a\": {\n"
			   "      \"choice\": \"yes\",\n"
			   "      \"note\": \"line 1\\nline \\\"2\\\"\",\n"
			   "      \"answered\": \"2026-01-02T03:04:05Z\",\n"
			   "      \"evidence\": [\n"
			   "        {\n"
			   "          \"source\": \"Қазақстан\",\n"
			   "          \"date\": \"2022-01-05\",\n"
			   "          \"grade\": \"B2\",\n"
			   "          \"disputed\": false\n"
			   "        }\n"
			   "      ]\n"
			   "    }\n"
			   "  },\n"
			   "  \"history\": [\n"
			   "    {\n"
			   "      \"time\": \"2026-01-02T03:04:05Z\",\n"
			   "      \"question\": \"s.a\",\n"
			   "      \"from\": null,\n"
			   "      \"to\": \"yes\"\n"
			   "    }\n"
			   "  ]\n"
			   "}\n";
	char expected[2048];

	setenv("LEGITCHECK_NOW", "2026-01-02T03:04:05Z", 1);
	cf = casefile_new(cl, "Affaire «Тест»");
	casefile_set_choice(cf, 0, 0);
	casefile_set_note(cf, 0, "line 1\nline \"2\"");
	evidence_init(&ev);
	ev.source = strdup("Қазақстан");
	ev.date = strdup("2022-01-05");
	evidence_parse_grade("B2", &ev.reliability, &ev.credibility);
	casefile_add_evidence(cf, 0, &ev);
	out = serialize(cf);
	snprintf(expected, sizeof(expected), want, cl->digest);
	is_string(expected, out,
		  "output is canonical: fixed key order, two-space indent, UTF-8 unescaped, final "
		  "newline");
	free(out);
	casefile_free(cf);
}

static void round_trip_is_byte_identical(void)
{
	static const char text[] = "{\n"
				   "  \"format\": \"legitcheck-case\",\n"
				   "  \"format_version\": 1,\n"
				   "  \"checklist\": {\n"
				   "    \"id\": \"mini\",\n"
				   "    \"version\": \"1\",\n"
				   "    \"future\": [1, 2.5, {\"x\": null}]\n"
				   "  },\n"
				   "  \"title\": \"t\",\n"
				   "  \"answers\": {\n"
				   "    \"s.c\": {\"choice\": \"bad\", \"evidence\": [{\"source\": "
				   "\"s\", \"x-rank\": 3}],\n"
				   "            \"reviewer\": \"Ж\"}\n"
				   "  },\n"
				   "  \"history\": [],\n"
				   "  \"labels\": {\"a\": true}\n"
				   "}\n";
	struct error err;
	struct casefile *cf = parse(text, &err), *again;
	char *first, *second;

	if (!ok(cf != NULL, "a hand-written case with unknown keys loads"))
		bail("%s", error_message(&err, 0));
	first = serialize(cf);
	contains(first, "\"future\": [\n      1,\n      2.5,",
		 "unknown keys are kept where they were");
	contains(first, "\"reviewer\": \"Ж\"", "unknown keys of an answer are kept");
	contains(first, "\"x-rank\": 3", "unknown keys of an evidence item are kept");
	contains(first, "\"labels\": {\n    \"a\": true\n  }\n}\n",
		 "unknown top-level keys come last");
	error_release(&err);
	again = parse(first, &err);
	second = serialize(again);
	is_string(first, second, "loading and saving the output again is byte-identical");
	free(first);
	free(second);
	casefile_free(cf);
	casefile_free(again);
	error_release(&err);
}

static void edits_and_history(void)
{
	struct casefile *cf = casefile_new(cl, "h");
	struct answer saved;

	ok(casefile_set_choice(cf, 0, 0), "answering records a change");
	ok(!casefile_set_choice(cf, 0, 0), "the same answer again changes nothing");
	casefile_set_choice(cf, 0, 2);
	is_int(2, (long long)cf->nhistory, "each change is in the history");
	is_string("yes", cf->history[1].from, "with what it was");
	is_string("unknown", cf->history[1].to, "and what it became");
	answer_copy(&saved, &cf->answers[0]);
	casefile_set_note(cf, 0, "n");
	casefile_restore_answer(cf, 0, &saved, false);
	ok(cf->answers[0].note == NULL, "restoring a saved answer undoes a note");
	casefile_free(cf);
}

static void evidence_rules(void)
{
	struct evidence ev;
	struct error err;
	char r, c;

	ok(evidence_parse_grade("B2", &r, &c) && r == 'B' && c == '2', "B2 is a grade");
	ok(evidence_parse_grade("f6", &r, &c) && r == 'F', "grades are case-insensitive");
	ok(!evidence_parse_grade("G2", &r, &c) && !evidence_parse_grade("A7", &r, &c) &&
		   !evidence_parse_grade("B", &r, &c) && !evidence_parse_grade("B22", &r, &c),
	   "G2, A7, B and B22 are not grades");
	ok(!evidence_date_problem("1968") && !evidence_date_problem("1968-08") &&
		   !evidence_date_problem("1968-08-21") &&
		   !evidence_date_problem("2022-01-05T23:40") &&
		   !evidence_date_problem("2022-01-05T23:40:10+06:00") &&
		   !evidence_date_problem("2024-02-29"),
	   "year, month, day, time and zone forms are dates");
	ok(evidence_date_problem("2022-13-01") && evidence_date_problem("2023-02-29") &&
		   evidence_date_problem("5 January 2022") &&
		   evidence_date_problem("2022-01-05T25:00") && evidence_date_problem("2022-1-5"),
	   "impossible or free-form dates are refused");
	evidence_init(&ev);
	error_init(&err);
	ev.date = strdup("2022-02-30");
	ok(!casefile_check_evidence(&ev, &err) && err.count == 2,
	   "an item without source and with a bad date has two problems");
	evidence_release(&ev);
	error_release(&err);
}

static void bad_answers_are_placed(void)
{
	struct error err;
	struct casefile *cf = parse("{\"format\": \"legitcheck-case\", \"format_version\": 1,\n"
				    " \"checklist\": {\"id\": \"mini\"},\n"
				    " \"answers\": {\"s.a\": {\"choice\": \"yse\"},\n"
				    "             \"s.z\": {}}}",
				    &err);

	ok(cf == NULL && err.count == 2, "both bad answers are reported");
	is_string("c.json:3:32: answers.s.a.choice: unknown choice \"yse\" (did you mean \"yes\"?)",
		  error_message(&err, 0), "an unknown choice: place, path and suggestion");
	contains(error_message(&err, 1), "c.json:4:21: answers.s.z: no question \"s.z\"",
		 "an unknown question: place and path");
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
	canonical_output();
	round_trip_is_byte_identical();
	edits_and_history();
	evidence_rules();
	bad_answers_are_placed();
	checklist_free(cl);
	error_release(&err);
	return 0;
}
