/* Unit tests of json.c: the strict checker in front of libcjson, and messages. */
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "legitcheck/json.h"
#include "tap.h"

/* Parses text; returns the status and copies the first message into msg. */
static int parse(const char *text, char *msg, size_t size)
{
	struct error err;
	cJSON *root = NULL;
	int rc;

	error_init(&err);
	rc = json_parse(text, strlen(text), "t.json", &root, &err);
	snprintf(msg, size, "%s", err.count ? error_message(&err, 0) : "");
	cJSON_Delete(root);
	error_release(&err);
	return rc;
}

static void refused(const char *text, const char *want, const char *what)
{
	char msg[512];

	is_int(LC_ERR_DATA, parse(text, msg, sizeof(msg)), "%s is refused", what);
	contains(msg, want, "%s: the message says why", what);
}

static void accepted(const char *text, const char *what)
{
	char msg[512];

	if (!is_int(LC_OK, parse(text, msg, sizeof(msg)), "%s is accepted", what))
		diag("%s", msg);
}

static void what_libcjson_accepts_should_be_refused(void)
{
	refused("{\"a\": 013}", "t.json:1:7: number with a leading zero", "a leading zero (013)");
	refused("{\"a\": \"x\ty\"}", "raw control character 0x09", "a raw tab in a string");
	refused("{\"a\": \"x\ny\"}", "raw control character 0x0a", "a raw newline in a string");
	refused("{\"a\": 1,}", "expected a string key", "a trailing comma");
	refused("{\"a\": 1} x", "trailing characters after the JSON value", "trailing garbage");
}

static void duplicate_keys_should_be_refused_however_written(void)
{
	refused("{\"ab\": 1, \"ab\": 2}", "duplicate key \"ab\"", "a duplicate key");
	refused("{\"ab\": 1, \"a\\u0062\": 2}", "duplicate key \"a\\u0062\"",
		"a key equal to another once its escape is decoded");
	refused("{\"\\ud83d\\ude00\": 1, \"\xf0\x9f\x98\x80\": 2}", "duplicate key",
		"a surrogate pair and the same character in UTF-8");
	refused("{\"k0\": 0, \"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, \"k6\": 6, "
		"\"k7\": 7, \"k8\": 8, \"k9\": 9, \"ka\": 10, \"kb\": 11, \"kc\": 12, \"kd\": 13, "
		"\"ke\": 14, \"kf\": 15, \"kg\": 16, \"k\\u0061\": 17}",
		"duplicate key \"k\\u0061\"", "an escaped duplicate among more than 16 keys");
	accepted("{\"a\\u0062\": 1, \"ac\": 2, \"a\\\\b\": 3, \"a/b\": 4, \"a\\/c\": 5}",
		 "keys that differ once decoded");
}

static void many_escaped_keys_should_not_take_long(void)
{
	struct strbuf sb;
	struct error err;
	cJSON *root = NULL;
	clock_t t0;
	double seconds;
	int i, rc;

	strbuf_init(&sb);
	strbuf_addc(&sb, '{');
	for (i = 0; i < 20000; i++)
		strbuf_addf(&sb, "\"k\\u0061%d\": 1, ", i);
	strbuf_adds(&sb, "\"z\": 2}");
	error_init(&err);
	t0 = clock();
	rc = json_parse(sb.buf, sb.len, "t.json", &root, &err);
	seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
	is_int(LC_OK, rc, "20,000 escaped keys, all different, are accepted");
	ok(seconds < 20, "in a bounded time (%.2f s; comparing every pair took hours)", seconds);
	cJSON_Delete(root);
	error_release(&err);
	strbuf_release(&sb);
}

static void numbers_that_do_not_round_trip_should_be_refused(void)
{
	refused("{\"a\": 1e400}", "number 1e400 is out of range", "1e400");
	refused("{\"a\": -1e400}", "number -1e400 is out of range", "-1e400");
	refused("{\"a\": 1e-400}", "number 1e-400 is out of range", "1e-400");
	refused("{\"a\": 9007199254740993}",
		"integer 9007199254740993 cannot be represented exactly",
		"9007199254740993, which reads as 2^53");
	refused("{\"a\": -9007199254740993}", "cannot be represented exactly", "its negative");
	refused("{\"a\": 12345678901234567}", "cannot be represented exactly", "17 digits");
	accepted("{\"a\": 9007199254740992, \"b\": -9007199254740992}", "2^53 and -2^53");
	accepted("{\"a\": 0.1, \"b\": -0, \"c\": 1e300, \"d\": 2.5E-3}", "ordinary numbers");
}

static void strings_should_be_valid_unicode(void)
{
	refused("{\"a\": \"\\u0000\"}", "\\u0000 is not allowed", "\\u0000");
	refused("{\"a\": \"\\ud800\"}", "lone high surrogate", "a lone high surrogate");
	refused("{\"a\": \"\\udc00\"}", "lone low surrogate", "a lone low surrogate");
	refused("{\"a\": \"\\ud800\\u0041\"}", "lone high surrogate",
		"a high surrogate followed by no low one");
	refused("{\"a\": \"\xc0\xaf\"}", "invalid UTF-8 byte 0xc0", "overlong UTF-8 (2 bytes)");
	refused("{\"a\": \"\xe0\x80\xaf\"}", "invalid UTF-8 byte 0xe0", "overlong UTF-8 (3 bytes)");
	refused("{\"a\": \"\xed\xa0\x80\"}", "invalid UTF-8 byte 0xed", "an encoded surrogate");
	refused("{\"a\": \"\xf4\x90\x80\x80\"}", "invalid UTF-8 byte 0xf4", "above U+10FFFF");
	refused("{\"a\": \"\xff\"}", "invalid UTF-8 byte 0xff", "a byte that is never UTF-8");
	refused("\xef\xbb\xbf{}", "byte order mark", "a byte order mark");
	accepted("{\"a\": \"Тоқаев — «ОДКБ» \xf0\x9f\x98\x80 \\ud83d\\ude00\"}",
		 "Cyrillic, Kazakh, guillemets and emoji, raw or escaped");
}

static void nesting_should_be_bounded(void)
{
	struct strbuf sb;
	char msg[512];
	int i;

	strbuf_init(&sb);
	for (i = 0; i < 10000; i++)
		strbuf_addc(&sb, '[');
	for (i = 0; i < 10000; i++)
		strbuf_addc(&sb, ']');
	is_int(LC_ERR_DATA, parse(sb.buf, msg, sizeof(msg)), "10,000 nested arrays are refused");
	contains(msg, "nesting deeper than 64 levels", "at depth 64");
	strbuf_release(&sb);
}

/* An error at a path of a small document, through json_ctx_error. */
static void ctx_errors_should_be_bounded_and_printable(void)
{
	const char *text = "{\"a\": 1}";
	struct json_ctx ctx;
	struct error err;
	int i;

	error_init(&err);
	memset(&ctx, 0, sizeof(ctx));
	ctx.name = "t.json";
	ctx.text = text;
	ctx.len = strlen(text);
	ctx.err = &err;
	json_path_push_key(&ctx.path, "a");
	json_ctx_error(&ctx, "unknown choice \"%s\"", "\x1b]0;owned\x07\x1b[2J\xc2\x9b");
	is_string("t.json:1:7: a: unknown choice \"\\u001b]0;owned\\u0007\\u001b[2J\\u009b\"",
		  error_message(&err, 0),
		  "control characters in a message are written as \\uXXXX (C0, BEL, CSI)");
	for (i = 1; i < 500; i++)
		json_ctx_error(&ctx, "problem %d", i);
	is_int(JSON_MAX_ERRORS + 1, (long long)err.count,
	       "after %d problems one message says there are more, then nothing", JSON_MAX_ERRORS);
	is_string("t.json: too many problems; only the first 100 are shown",
		  error_message(&err, JSON_MAX_ERRORS), "and it says so");
	is_int(LC_ERR_DATA, err.status, "the status is still a data error");
	error_release(&err);
}

int main(void)
{
	plan_lazy();
	what_libcjson_accepts_should_be_refused();
	duplicate_keys_should_be_refused_however_written();
	many_escaped_keys_should_not_take_long();
	numbers_that_do_not_round_trip_should_be_refused();
	strings_should_be_valid_unicode();
	nesting_should_be_bounded();
	ctx_errors_should_be_bounded_and_printable();
	return 0;
}
