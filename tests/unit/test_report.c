/* Reports: dates in order, the bibliography, the timeline, open questions, wrapping and escaping.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "legitcheck/report.h"
#include "tap.h"

static struct checklist *cl, *cl2;

static int resolve(const char *id, const char *version, void *ctx, const struct checklist **out,
		   struct error *err)
{
	(void)version;
	(void)ctx;
	if (strcmp(id, cl->id) == 0) {
		*out = cl;
		return LC_OK;
	}
	if (cl2 && strcmp(id, cl2->id) == 0) {
		*out = cl2;
		return LC_OK;
	}
	return error_add(err, LC_ERR_DATA, "no checklist '%s'", id);
}

static struct casefile *load_case(const char *json)
{
	struct casefile *cf = NULL;
	struct error err;

	error_init(&err);
	if (casefile_load_buffer(json, strlen(json), "test.json", resolve, NULL, 0, &cf, &err))
		bail("cannot load the test case: %s", error_message(&err, 0));
	error_release(&err);
	return cf;
}

#define CASE_HEAD                                                                           \
	"{\"format\": \"legitcheck-case\", \"format_version\": 1, \"checklist\": {\"id\": " \
	"\"mini\", "                                                                        \
	"\"version\": \"1\"}, \"title\": \"T\", \"created\": \"2026-01-01T00:00:00Z\", "    \
	"\"modified\": \"2026-01-01T00:00:00Z\", \"history\": [], \"answers\": {"

/* Dates scrambled, one source cited twice (same source, title and url), one
 * cited with another url, one item undated. */
static const char timeline_case[] = CASE_HEAD
	"\"s.a\": {\"choice\": \"yes\", \"evidence\": ["
	"  {\"source\": \"Paper\", \"title\": \"One\", \"url\": \"https://a.example/1\", "
	"   \"date\": \"2022-01-06\", \"event_date\": \"2022-01-05T10:00\", \"grade\": \"B2\", "
	"   \"origin\": \"third_party\"},"
	"  {\"source\": \"Agency\", \"date\": \"2022\", \"grade\": \"C3\", \"origin\": \"host\"},"
	"  {\"source\": \"Undated\"}]},"
	"\"s.b\": {\"choice\": \"no\", \"evidence\": ["
	"  {\"source\": \"Paper\", \"title\": \"One\", \"url\": \"https://a.example/1\", "
	"   \"event_date\": \"2022-01-05T10:00\", \"grade\": \"A1\", \"disputed\": true},"
	"  {\"source\": \"Paper\", \"title\": \"One\", \"url\": \"https://a.example/other\", "
	"   \"date\": \"2022-01\"},"
	"  {\"source\": \"Agency\", \"date\": \"2021-12-31\", \"event_date\": \"2022-01-05\"}]},"
	"\"s.c\": {\"choice\": \"unknown\"}"
	"}}";

static void dates_sort_chronologically(void)
{
	static const char *const in_order[] = {
		"2021",
		"2021-12",
		"2021-12-31",
		"2022",
		"2022-01",
		"2022-01-05",
		"2022-01-05T08:00",
		"2022-01-05T08:00:30",
		"2022-01-05T09:59",
		"2022-01-05T10:00",
		"2022-01-05T23:59Z",
		"2022-01-06",
		"2022-02",
		"2022-10",
		"2023",
	};
	size_t n = sizeof(in_order) / sizeof(in_order[0]), i, j;
	bool good = true;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			int c = report_date_compare(in_order[i], in_order[j]);

			if ((i < j && c >= 0) || (i > j && c <= 0) || (i == j && c != 0)) {
				diag("%s vs %s gave %d", in_order[i], in_order[j], c);
				good = false;
			}
		}
	ok(good, "dates order chronologically, a partial date before the precise ones of its "
		 "period");
	ok(report_date_compare("2022-01-05T10:00+03:00", "2022-01-05T10:00+01:00") < 0,
	   "the same wall-clock time further east comes first");
	ok(report_date_compare("2022-01-05T10:00Z", "2022-01-05T10:00") != 0 &&
		   report_date_compare("2022-01-05T10:00Z", "2022-01-05T10:00") ==
			   -report_date_compare("2022-01-05T10:00", "2022-01-05T10:00Z"),
	   "equal times with different spellings still order one way, deterministically");
}

static void bibliography_dedupes_and_numbers_in_citation_order(void)
{
	struct casefile *cf = load_case(timeline_case);
	struct report rep;

	report_build(&rep, cf, "dir/case.json", false);
	is_int(4, (long long)rep.nsources, "4 sources: same source+title+url cited twice is one");
	is_string("Paper", rep.sources[0].ev->source, "numbered in the order first cited");
	is_string("https://a.example/1", rep.sources[0].ev->url, "the first Paper entry");
	is_int(2, (long long)rep.sources[0].nquestions, "which is cited for two questions");
	ok(rep.cite[1][0] == 0 && rep.cite[1][1] == 3,
	   "the same source again takes its number; another url is another entry");
	is_int(1, (long long)rep.sources[3].nquestions, "cited once");
	is_string("case.json", rep.file, "the file is shown by its base name");
	is_int(0, rep.best[0], "the best item of s.a is its B2 item");
	is_int(1, rep.best[1], "a disputed item ranks after an ungraded one, whatever its grade");
	report_release(&rep);
	casefile_free(cf);
}

static void timeline_is_sorted_and_merged(void)
{
	struct casefile *cf = load_case(timeline_case);
	struct report rep;
	struct strbuf sb;
	size_t i;
	bool sorted = true;

	report_build(&rep, cf, NULL, false);
	is_int(4, (long long)rep.nevents, "4 events: undated items are left out, one merged");
	for (i = 1; i < rep.nevents; i++)
		sorted = sorted &&
			 report_date_compare(rep.events[i - 1].date, rep.events[i].date) <= 0;
	ok(sorted, "events come in date order");
	is_string("2022", rep.events[0].date, "the year-only date first");
	is_string("2022-01", rep.events[1].date, "then the month");
	is_string("2022-01-05", rep.events[2].date, "the event date wins over the source's date");
	is_string("2022-01-05T10:00", rep.events[3].date, "then the time of that day");
	ok(rep.events[3].nquestions == 2 && rep.events[3].questions[0] == 0 &&
		   rep.events[3].questions[1] == 1,
	   "one source reporting one event for two questions is one entry citing both");
	strbuf_init(&sb);
	report_render_json(&rep, &sb);
	contains(sb.buf, "\"date\": \"2022-01-05T10:00\",\n      \"source_number\": 1",
		 "the JSON timeline carries the source number");
	strbuf_release(&sb);
	report_release(&rep);
	casefile_free(cf);
}

static void open_questions_and_strict_downgrades(void)
{
	struct casefile *cf = load_case(timeline_case);
	struct report rep;

	report_build(&rep, cf, NULL, true);
	ok(report_is_open(&rep, 2, OPEN_UNKNOWN) && !report_is_open(&rep, 0, OPEN_UNKNOWN),
	   "unknown answers are open questions");
	ok(report_is_open(&rep, 1, OPEN_DISPUTED) && !report_is_open(&rep, 0, OPEN_DISPUTED),
	   "an answer with a disputed item is listed as disputed");
	is_int(0, (long long)report_count_open(&rep, OPEN_UNANSWERED), "none unanswered");
	/* s.a = yes must meet B2 from a source independent of the intervening side:
	 * its B2 item is third-party, so no downgrade there. */
	is_int(0, (long long)report_count_downgrades(&rep),
	       "the B2 third-party item meets the "
	       "standard");
	report_release(&rep);
	casefile_free(cf);

	cf = load_case(CASE_HEAD
		       "\"s.a\": {\"choice\": \"yes\", \"evidence\": [{\"source\": "
		       "\"Ministry\", \"grade\": \"A1\", \"origin\": \"intervening\"}]},"
		       "\"s.b\": {\"choice\": \"yes\", \"evidence\": [{\"source\": \"Paper\", "
		       "\"grade\": \"B2\", \"origin\": \"third_party\"}]},"
		       "\"s.c\": {\"choice\": \"na\"}}}");
	report_build(&rep, cf, NULL, true);
	is_int(1, (long long)report_count_downgrades(&rep),
	       "strict: evidence only from the intervening side is downgraded");
	is_string("ok", rep.plain.overall_verdict, "the plain reading is kept for comparison");
	is_string("open", rep.score.overall_verdict, "and the strict verdict differs");
	ok(report_is_open(&rep, 2, OPEN_UNSUPPORTED), "an answer without evidence is unsupported");
	report_release(&rep);
	casefile_free(cf);

	cf = load_case(CASE_HEAD "}}");
	report_build(&rep, cf, NULL, false);
	is_int(3, (long long)report_count_open(&rep, OPEN_UNANSWERED),
	       "every applicable unanswered question is open");
	report_release(&rep);
	casefile_free(cf);
}

/* Columns of a line, counted in code points. */
static size_t line_columns(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len)
		n += !report_is_zero_width(report_utf8_next(s, len, &i));
	return n;
}

static void text_wraps_by_code_points(void)
{
	struct casefile *cf = load_case(
		CASE_HEAD
		"\"s.a\": {\"choice\": \"yes\", \"note\": \"Décision «Тоқаев» — "
		"ԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖ ééééé ééééé ééééé ééééé ééééé "
		"ééééé ééééé ééééé\\u001b[31m red\", \"evidence\": [{\"source\": \"S\", "
		"\"url\": \"https://example.org/a/very/long/address/that/must/stay/whole/to/"
		"be/copied\"}]}}}");
	struct report rep;
	struct strbuf sb;
	const char *p;
	size_t longest = 0;
	bool trailing = false, url_whole;

	report_build(&rep, cf, NULL, false);
	strbuf_init(&sb);
	report_render_text(&rep, 40, &sb);
	for (p = sb.buf; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		bool has_url = false;
		size_t k;

		for (k = 0; k + 3 <= len; k++)
			has_url = has_url || memcmp(p + k, "://", 3) == 0;
		if (!has_url && line_columns(p, len) > longest)
			longest = line_columns(p, len);
		if (len && p[len - 1] == ' ')
			trailing = true;
		p += len + (nl ? 1 : 0);
	}
	ok(longest <= 40, "every line fits in 40 columns, counted in code points (longest %zu)",
	   longest);
	ok(!trailing, "no line ends in a space");
	url_whole = strstr(sb.buf, "https://example.org/a/very/long/address/that/must/stay/whole/"
				   "to/be/copied") != NULL;
	ok(url_whole, "a web address is never cut");
	ok(strchr(sb.buf, 0x1b) == NULL && strstr(sb.buf, "\xEF\xBF\xBD[31m red"),
	   "a terminal escape in a note is replaced, not sent to the terminal");
	contains(sb.buf, "ԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌ\n            ՍՎՏ",
		 "a word longer than the line is cut between code points");
	strbuf_release(&sb);
	report_release(&rep);
	casefile_free(cf);
}

static void user_text_is_never_markup(void)
{
	struct casefile *cf = load_case(
		CASE_HEAD
		"\"s.a\": {\"choice\": \"yes\", \"note\": \"<script>alert(1)</script> "
		"| a | b |\\n# head\\n- item\", \"evidence\": [{\"source\": "
		"\"\\\"><img src=x onerror=alert(1)>\", \"url\": \"javascript:alert(1)\", "
		"\"quote\": \"\\u202eשלום\"}]}}}");
	struct report rep;
	struct strbuf sb;

	report_build(&rep, cf, NULL, false);
	strbuf_init(&sb);
	report_render_html(&rep, &sb);
	ok(!strstr(sb.buf, "<script") && !strstr(sb.buf, "<img"), "HTML: no tag from user text");
	contains(sb.buf, "<bdi>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</bdi>",
		 "HTML: user text escaped and isolated in <bdi>");
	ok(!strstr(sb.buf, "href=\"javascript"), "HTML: a javascript: address is not a link");
	contains(sb.buf, "<blockquote dir=\"auto\">\xE2\x80\xAE",
		 "HTML: a quote with U+202E "
		 "is a block of its own direction");
	strbuf_reset(&sb);
	report_render_md(&rep, &sb);
	contains(sb.buf,
		 "&lt;script&gt;alert(1)&lt;/script&gt; \\| a \\| b \\|<br>\\# head<br>- "
		 "item",
		 "Markdown: tags, pipes, headings and newlines escaped");
	contains(sb.buf, "\xE2\x81\xA8\xE2\x80\xAE",
		 "Markdown: right-to-left text isolated by "
		 "U+2068");
	strbuf_release(&sb);
	report_release(&rep);
	casefile_free(cf);

	ok(report_is_web_url("https://example.org/x?a=1&b=2") &&
		   report_is_web_url("HTTP://E.ORG/") &&
		   !report_is_web_url("javascript:alert(1)") && !report_is_web_url("https://") &&
		   !report_is_web_url("https://e.org/\"onmouseover=x") &&
		   !report_is_web_url("data:text/html,x"),
	   "only well-formed http and https addresses become links");
	ok(report_needs_isolation("שלום") && report_needs_isolation("abc\xE2\x80\xAE") &&
		   report_needs_isolation("\xD9\x85") && !report_needs_isolation("Тоқаев é"),
	   "right-to-left letters and bidi controls need isolation, Cyrillic does not");
}

static void verdict_sentence_is_quotable(void)
{
	struct casefile *cf = load_case(timeline_case);
	struct report rep;
	struct strbuf sb;

	report_build(&rep, cf, NULL, false);
	strbuf_init(&sb);
	report_verdict_sentence(&rep, &sb);
	is_string(
		"The overall verdict on \xE2\x80\x9CT\xE2\x80\x9D (checklist mini 1) is bad: bad.",
		sb.buf, "one sentence: case, checklist, verdict in words, the rule's text");
	strbuf_release(&sb);
	report_release(&rep);
	casefile_free(cf);
}

static void comparison_marks_differences(void)
{
	struct casefile *a = load_case(timeline_case);
	struct casefile *b = load_case(CASE_HEAD "\"s.a\": {\"choice\": \"yes\", \"evidence\": "
						 "[{\"source\": \"X\", \"grade\": \"A1\"}]},"
						 "\"s.b\": {\"choice\": \"no\"}}}");
	const struct casefile *cases[2] = {a, b};
	const char *files[2] = {"a.json", NULL};
	struct comparison cmp;
	struct strbuf sb;

	compare_build(&cmp, cases, files, 2);
	ok(cmp.same_checklist, "two cases on one checklist");
	ok(!cmp.questions[0].differs && cmp.questions[0].grade_differs,
	   "same answer, different best grade: marked as a grade difference");
	ok(!cmp.questions[1].differs, "same answer: not marked");
	ok(cmp.questions[2].differs, "unknown against unanswered differs");
	is_int(1, (long long)cmp.questions_differing, "one question differs");
	strbuf_init(&sb);
	compare_render_json(&cmp, &sb);
	contains(sb.buf, "\"differing_questions\": [\n    \"s.c\"\n  ]", "JSON lists it");
	strbuf_release(&sb);
	compare_release(&cmp);

	/* A second checklist sharing s.a and s.b, but not s.c nor framework g. */
	{
		char *text = xstrdup(fixture_checklist), *p;
		struct error err;
		struct casefile *c;
		const struct casefile *mixed[2];

		p = strstr(text, "\"id\": \"mini\"");
		memcpy(p, "\"id\": \"minj\"", 12);
		p = strstr(text, "\"id\": \"g\"");
		memcpy(p, "\"id\": \"h\"", 9);
		error_init(&err);
		if (checklist_load_buffer(text, strlen(text), "minj", &cl2, &err))
			bail("cannot load the second checklist: %s", error_message(&err, 0));
		error_release(&err);
		c = load_case("{\"format\": \"legitcheck-case\", \"format_version\": 1, "
			      "\"checklist\": {\"id\": \"minj\", \"version\": \"1\"}, \"answers\": "
			      "{\"s.a\": {\"choice\": \"no\"}}}");
		mixed[0] = a;
		mixed[1] = c;
		compare_build(&cmp, mixed, NULL, 2);
		ok(!cmp.same_checklist, "cases on different checklists are told apart");
		is_int(3, (long long)cmp.nquestions, "the questions they share are compared");
		is_int(1, (long long)cmp.nframeworks, "only the framework both have is compared");
		strbuf_init(&sb);
		compare_scope_sentence(&cmp, &sb);
		contains(sb.buf, "different checklists (mini 1, minj 1), so only what they share",
			 "and the comparison says so");
		strbuf_release(&sb);
		compare_release(&cmp);
		casefile_free(c);
		free(text);
	}
	casefile_free(a);
	casefile_free(b);
}

int main(void)
{
	struct error err;

	plan_lazy();
	error_init(&err);
	if (checklist_load_buffer(fixture_checklist, strlen(fixture_checklist), "mini", &cl, &err))
		bail("cannot load the fixture: %s", error_message(&err, 0));
	error_release(&err);
	setenv("LEGITCHECK_NOW", "2026-01-01T00:00:00Z", 1);
	dates_sort_chronologically();
	bibliography_dedupes_and_numbers_in_citation_order();
	timeline_is_sorted_and_merged();
	open_questions_and_strict_downgrades();
	text_wraps_by_code_points();
	user_text_is_never_markup();
	verdict_sentence_is_quotable();
	comparison_marks_differences();
	checklist_free(cl);
	checklist_free(cl2);
	return 0;
}
