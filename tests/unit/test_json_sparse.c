/*
 * Sparse reading: the arrays a large case is made of stay in the text and are
 * read item by item, and a case read that way is the case read from a tree.
 */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "fixture.h"
#include "legitcheck/casefile.h"
#include "legitcheck/json.h"
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

static char *span_text(const char *text, const struct json_span *s)
{
	return xstrndup(text + s->start, s->end - s->start);
}

static void sparse_arrays_should_stay_in_the_text(void)
{
	static const char *const pattern[] = {"a", "*", "list", NULL};
	const char *text =
		"{\"a\": {\"x\": {\"list\": [1, {\"k\": [2]} , \"s\\\"]\"], \"other\": [3]},\n"
		"       \"\\u0079\": {\"list\": []}, \"z\": {\"list\": 4}},\n"
		" \"list\": [5]}";
	struct json_sparse *sp = NULL;
	struct json_path path = {0};
	const struct json_span *items;
	cJSON *root = NULL, *x;
	struct error err;
	size_t n;
	char *s;

	error_init(&err);
	is_int(LC_OK, json_parse_sparse(text, strlen(text), "t.json", pattern, &root, &sp, &err),
	       "a valid text is read sparsely");
	x = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "a"), "x");
	is_int(0, cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(x, "list")),
	       "the array at the pattern is empty in the tree");
	is_int(1, cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(x, "other")),
	       "an array beside it is in the tree");
	is_int(1, cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "list")),
	       "an array of the same name elsewhere is in the tree");
	ok(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(
		   cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "a"),
						    "z"),
		   "list")),
	   "a value at the pattern that is not an array is in the tree");
	json_path_push_key(&path, "a");
	json_path_push_key(&path, "x");
	json_path_push_key(&path, "list");
	items = json_sparse_lookup(sp, &path, &n);
	is_int(3, (long long)n, "its elements are listed");
	if (items && n == 3) {
		s = span_text(text, &items[1]);
		is_string("{\"k\": [2]}", s, "an element's span is its text");
		free(s);
		s = span_text(text, &items[2]);
		is_string("\"s\\\"]\"", s,
			  "a string element with an escaped quote ends at its quote");
		free(s);
	}
	json_path_pop(&path);
	json_path_pop(&path);
	json_path_push_key(&path, "y");
	json_path_push_key(&path, "list");
	items = json_sparse_lookup(sp, &path, &n);
	ok(items == NULL && n == 0, "an empty array, under an escaped key, lists nothing");
	json_path_pop(&path);
	json_path_push_key(&path, "other");
	ok(json_sparse_lookup(sp, &path, &n) == NULL, "nothing is listed for another path");
	json_sparse_free(sp);
	cJSON_Delete(root);

	root = NULL;
	sp = NULL;
	is_int(LC_ERR_DATA,
	       json_parse_sparse("{\"a\": {\"x\": {\"list\": [1,]}}}", 27, "bad.json", pattern,
				 &root, &sp, &err),
	       "a sparse array is checked like the rest");
	ok(root == NULL && sp == NULL, "nothing is returned for an invalid text");
	ok(err.count && strstr(error_message(&err, 0), "bad.json:1:25:") != NULL,
	   "the problem is placed in the text");
	error_release(&err);
}

static void members_should_be_read_from_the_text(void)
{
	const char *text = "{ \"a\" : \"x\\\\\" , \"b\\\"\": [1, {\"c\": \"}\"}], \"d\": true }";
	const char *escaped_text = "\"L\\u2019\\ud83d\\ude00\"";
	struct json_span k, v, escaped = {0, 0};
	size_t pos = 0;
	char *s;

	ok(json_text_next_member(text, strlen(text), &pos, &k, &v), "a first member");
	s = json_text_string(text, &v);
	is_string("x\\", s, "a string ending in an escaped backslash is decoded");
	free(s);
	ok(json_text_next_member(text, strlen(text), &pos, &k, &v), "a second member");
	s = json_text_string(text, &k);
	is_string("b\"", s, "an escaped key is decoded");
	free(s);
	s = span_text(text, &v);
	is_string("[1, {\"c\": \"}\"}]", s, "a nested value is skipped whole");
	free(s);
	ok(json_text_next_member(text, strlen(text), &pos, &k, &v), "a third member");
	escaped.end = strlen(escaped_text);
	s = json_text_string(escaped_text, &escaped);
	is_string("L\xE2\x80\x99\xF0\x9F\x98\x80", s,
		  "\\u escapes and surrogate pairs are decoded");
	free(s);
	is_int('t', text[v.start], "a literal value");
	ok(!json_text_next_member(text, strlen(text), &pos, &k, &v), "then the end");
	pos = 0;
	ok(!json_text_next_member("{ }", 3, &pos, &k, &v), "an empty object has no members");
}

static struct casefile *load(const char *text, struct error *err)
{
	struct casefile *cf = NULL;

	error_init(err);
	casefile_load_buffer(text, strlen(text), "c.json", resolve, NULL, 0, &cf, err);
	return cf;
}

static char *serialize(const struct casefile *cf)
{
	struct strbuf sb;

	strbuf_init(&sb);
	casefile_serialize(cf, &sb);
	return strbuf_detach(&sb, NULL);
}

static void evidence_should_read_as_from_a_tree(void)
{
	/* Each item takes another way through the loader: every field, escapes and
	 * an unknown key (kept), and the least an item can be. */
	char *text = xasprintf("{\n"
			       "  \"format\": \"legitcheck-case\",\n"
			       "  \"format_version\": 1,\n"
			       "  \"checklist\": {\n"
			       "    \"id\": \"mini\",\n"
			       "    \"version\": \"1\",\n"
			       "    \"digest\": \"%s\"\n"
			       "  },\n"
			       "  \"title\": \"T\",\n"
			       "  \"answers\": {\n"
			       "    \"s.a\": {\n"
			       "      \"choice\": \"yes\",\n"
			       "      \"evidence\": [\n"
			       "        {\n"
			       "          \"source\": \"Вестник\",\n"
			       "          \"title\": \"Заголовок\",\n"
			       "          \"date\": \"2022-01-05\",\n"
			       "          \"event_date\": \"2022-01-05T21:43+06:00\",\n"
			       "          \"url\": \"https://example.org/a\",\n"
			       "          \"citation\": \"№ 3, с. 2\",\n"
			       "          \"quote\": \"«Я обратился»\",\n"
			       "          \"kind\": \"news_report\",\n"
			       "          \"grade\": \"B2\",\n"
			       "          \"origin\": \"intervening\",\n"
			       "          \"disputed\": true,\n"
			       "          \"note\": \"n\"\n"
			       "        },\n"
			       "        {\n"
			       "          \"source\": \"L’Agence \\\"A\\\"\\n😀\",\n"
			       "          \"disputed\": false,\n"
			       "          \"archive\": {\n"
			       "            \"id\": [\n"
			       "              1,\n"
			       "              2\n"
			       "            ]\n"
			       "          }\n"
			       "        },\n"
			       "        {\n"
			       "          \"source\": \"S\",\n"
			       "          \"disputed\": false\n"
			       "        }\n"
			       "      ]\n"
			       "    }\n"
			       "  },\n"
			       "  \"history\": []\n"
			       "}\n",
			       cl->digest);
	struct casefile *cf;
	struct error err;
	char *out;

	cf = load(text, &err);
	ok(cf != NULL, "a case with every kind of evidence item loads");
	if (cf) {
		const struct answer *a = &cf->answers[0];

		is_int(3, (long long)a->nevidence, "every item is read");
		if (a->nevidence == 3) {
			is_string("«Я обратился»", a->evidence[0].quote, "a quote is read");
			ok(a->evidence[0].disputed && a->evidence[0].origin == ORIGIN_INTERVENING &&
				   a->evidence[0].kind == KIND_NEWS_REPORT &&
				   a->evidence[0].reliability == 'B',
			   "the vocabularies are read");
			is_string("L\xE2\x80\x99"
				  "Agence \"A\"\n\xF0\x9F\x98\x80",
				  a->evidence[1].source, "escapes are decoded");
		}
		out = serialize(cf);
		is_string(text, out,
			  "the case is written back byte for byte (the unknown key too)");
		free(out);
	}
	casefile_free(cf);
	error_release(&err);
	free(text);
}

static void evidence_problems_should_be_placed(void)
{
	char *text = xasprintf(
		"{\"format\": \"legitcheck-case\", \"format_version\": 1,\n"
		" \"checklist\": {\"id\": \"mini\", \"version\": \"1\", \"digest\": \"%s\"},\n"
		" \"answers\": {\"s.a\": {\"choice\": \"yes\", \"evidence\": [\n"
		"  {\"source\": \"ok\"},\n"
		"  {\"source\": \"\", \"grade\": \"Z9\"},\n"
		"  {\"source\": \"s\", \"date\": 2022},\n"
		"  {\"title\": \"no source\"},\n"
		"  [\"not an object\"]]}}}\n",
		cl->digest);
	struct casefile *cf;
	struct error err;

	cf = load(text, &err);
	ok(cf == NULL, "a case with bad evidence does not load");
	is_int(5, (long long)err.count, "every problem is reported");
	if (err.count == 5) {
		is_string(
			"c.json:5:14: answers.s.a.evidence[1].source: the source must not be empty "
			"(who published it?)",
			error_message(&err, 0), "an empty source, in place");
		contains(error_message(&err, 1),
			 "c.json:5:27: answers.s.a.evidence[1].grade: invalid grade",
			 "a bad grade, in place");
		contains(error_message(&err, 2),
			 "c.json:6:27: answers.s.a.evidence[2].date: expected a string, found a "
			 "number",
			 "a value of the wrong type, in place");
		contains(error_message(&err, 3),
			 "c.json:7:3: answers.s.a.evidence[3]: missing required key \"source\"",
			 "a missing source, in place");
		contains(error_message(&err, 4),
			 "c.json:8:3: answers.s.a.evidence[4]: expected an evidence object, found "
			 "an array",
			 "an item that is not an object, in place");
	}
	casefile_free(cf);
	error_release(&err);
	free(text);
}

int main(void)
{
	struct error err;

	plan_lazy();
	error_init(&err);
	if (checklist_load_buffer(fixture_checklist, strlen(fixture_checklist), "fixture", &cl,
				  &err))
		bail("fixture: %s", error_message(&err, 0));
	sparse_arrays_should_stay_in_the_text();
	members_should_be_read_from_the_text();
	evidence_should_read_as_from_a_tree();
	evidence_problems_should_be_placed();
	checklist_free(cl);
	error_release(&err);
	return 0;
}
