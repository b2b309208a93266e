/*
 * Strict JSON reading on top of libcjson, error positions by JSON path, and the
 * canonical JSON writer. See json.h for why the text is checked before cJSON
 * sees it.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "legitcheck/json.h"

struct checker {
	const char *t;
	size_t len;
	size_t pos;
	size_t err_at;
	char msg[256];
	/* Keys of the objects being read, for the duplicate check. */
	struct key_span {
		size_t start, len;
		bool escaped; /* holds a backslash: compare decoded */
	} * keys;
	size_t nkeys, akeys;
	bool escaped; /* the string just checked holds a backslash */
	/* Sparse reading (json_parse_sparse): the keys of the arrays left out of
	 * the tree, the keys on the way to the value being checked, and what was
	 * left out. */
	const char *const *pattern;
	struct key_span path[JSON_MAX_DEPTH + 1];
	struct json_sparse *sparse;
};

struct json_sparse_array {
	char **keys; /* the array's path, one key per pattern element */
	struct json_span *elements;
	size_t n, alloc;
	struct json_span hole; /* the text between the brackets */
};

struct json_sparse {
	size_t depth; /* keys per path */
	struct json_sparse_array *arrays;
	size_t n, alloc;
};

static int fail(struct checker *c, size_t at, const char *fmt, ...) LC_PRINTF(3, 4);

static int fail(struct checker *c, size_t at, const char *fmt, ...)
{
	va_list ap;

	c->err_at = at;
	va_start(ap, fmt);
	/* The analyzer of clang 14 loses the va_start above on some paths. */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static void skip_ws(struct checker *c)
{
	while (c->pos < c->len) {
		char ch = c->t[c->pos];

		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
			break;
		c->pos++;
	}
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static int read_hex4(struct checker *c, size_t at, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	if (at + 4 > c->len)
		return fail(c, at, "truncated \\u escape");
	for (i = 0; i < 4; i++) {
		int h = hexval(c->t[at + i]);

		if (h < 0)
			return fail(c, at + i, "invalid hex digit in \\u escape");
		v = v * 16 + (unsigned)h;
	}
	*out = v;
	return 0;
}

/* Length of a valid UTF-8 sequence at p, or 0: shortest form, no surrogates,
 * nothing above U+10FFFF. */
static size_t utf8_seq(const unsigned char *p, size_t avail)
{
	unsigned char b = p[0];

	if (b < 0x80)
		return 1;
	if (b >= 0xC2 && b <= 0xDF)
		return avail >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (b >= 0xE0 && b <= 0xEF) {
		if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if (b == 0xE0 && p[1] < 0xA0)
			return 0; /* overlong */
		if (b == 0xED && p[1] >= 0xA0)
			return 0; /* UTF-16 surrogate */
		return 3;
	}
	if (b >= 0xF0 && b <= 0xF4) {
		if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		if (b == 0xF0 && p[1] < 0x90)
			return 0; /* overlong */
		if (b == 0xF4 && p[1] >= 0x90)
			return 0; /* above U+10FFFF */
		return 4;
	}
	return 0;
}

/* Bytes that stand for themselves in a string: printable ASCII but '"' and '\\'. */
static const unsigned char plain_byte[256] = {
	['\x20'] = 1,
	1,
	0,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1, /* '"' */
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1, /* 0x30 */
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1, /* 0x40 */
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	0,
	1,
	1,
	1, /* '\\' */
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1, /* 0x60 */
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1,
	1, /* 0x70 */
};

/* Checks a string starting at the opening quote; leaves pos after the closing one. */
static int check_string(struct checker *c)
{
	const unsigned char *t = (const unsigned char *)c->t;
	size_t start = c->pos++;

	c->escaped = false;
	while (c->pos < c->len) {
		unsigned char ch;
		size_t i = c->pos;

		/* The bulk of any text: ASCII and two-byte sequences (Cyrillic,
		 * accented Latin), skipped without a test per kind of byte. */
		for (;;) {
			while (i < c->len && plain_byte[t[i]])
				i++;
			if (i + 1 < c->len && t[i] >= 0xC2 && t[i] <= 0xDF &&
			    (t[i + 1] & 0xC0) == 0x80) {
				i += 2;
				continue;
			}
			break;
		}
		c->pos = i;
		if (i >= c->len)
			break;
		ch = t[i];
		if (ch == '"') {
			if (c->pos - start - 1 > JSON_MAX_STRING)
				return fail(c, start, "string too long (%zu bytes, at most %zu)",
					    c->pos - start - 1, JSON_MAX_STRING);
			c->pos++;
			return 0;
		}
		if (ch < 0x20)
			return fail(c, c->pos,
				    "raw control character 0x%02x in string (write it as an escape "
				    "such as \\n or \\t)",
				    ch);
		if (ch == '\\') {
			char e;

			c->escaped = true;
			if (c->pos + 1 >= c->len)
				break;
			e = c->t[c->pos + 1];
			if (e == 'u') {
				unsigned v = 0, lo = 0;

				if (read_hex4(c, c->pos + 2, &v))
					return -1;
				if (v == 0)
					return fail(c, c->pos, "\\u0000 is not allowed in strings");
				if (v >= 0xDC00 && v <= 0xDFFF)
					return fail(c, c->pos, "lone low surrogate \\u%04x", v);
				if (v >= 0xD800 && v <= 0xDBFF) {
					if (c->pos + 7 >= c->len || c->t[c->pos + 6] != '\\' ||
					    c->t[c->pos + 7] != 'u')
						return fail(c, c->pos,
							    "lone high surrogate \\u%04x", v);
					if (read_hex4(c, c->pos + 8, &lo))
						return -1;
					if (lo < 0xDC00 || lo > 0xDFFF)
						return fail(c, c->pos,
							    "lone high surrogate \\u%04x", v);
					c->pos += 12;
				} else {
					c->pos += 6;
				}
				continue;
			}
			if (!strchr("\"\\/bfnrt", e) || e == '\0')
				return fail(c, c->pos, "invalid escape '\\%c'", e);
			c->pos += 2;
			continue;
		}
		{
			size_t n = utf8_seq(t + c->pos, c->len - c->pos);

			if (!n)
				return fail(c, c->pos, "invalid UTF-8 byte 0x%02x in string", ch);
			c->pos += n;
		}
	}
	return fail(c, start, "unterminated string");
}

static int check_number(struct checker *c)
{
	size_t start = c->pos;
	bool integer = true;
	char buf[64];
	double v;

	if (c->t[c->pos] == '-')
		c->pos++;
	if (c->pos >= c->len || c->t[c->pos] < '0' || c->t[c->pos] > '9')
		return fail(c, start, "invalid number");
	if (c->t[c->pos] == '0' && c->pos + 1 < c->len && c->t[c->pos + 1] >= '0' &&
	    c->t[c->pos + 1] <= '9')
		return fail(c, start, "number with a leading zero");
	while (c->pos < c->len && c->t[c->pos] >= '0' && c->t[c->pos] <= '9')
		c->pos++;
	if (c->pos < c->len && c->t[c->pos] == '.') {
		integer = false;
		c->pos++;
		if (c->pos >= c->len || c->t[c->pos] < '0' || c->t[c->pos] > '9')
			return fail(c, start, "invalid number: digits must follow '.'");
		while (c->pos < c->len && c->t[c->pos] >= '0' && c->t[c->pos] <= '9')
			c->pos++;
	}
	if (c->pos < c->len && (c->t[c->pos] == 'e' || c->t[c->pos] == 'E')) {
		integer = false;
		c->pos++;
		if (c->pos < c->len && (c->t[c->pos] == '+' || c->t[c->pos] == '-'))
			c->pos++;
		if (c->pos >= c->len || c->t[c->pos] < '0' || c->t[c->pos] > '9')
			return fail(c, start, "invalid number: digits must follow the exponent");
		while (c->pos < c->len && c->t[c->pos] >= '0' && c->t[c->pos] <= '9')
			c->pos++;
	}
	if (c->pos - start >= sizeof(buf))
		return fail(c, start, "number too long to be represented exactly");
	memcpy(buf, c->t + start, c->pos - start);
	buf[c->pos - start] = '\0';
	errno = 0;
	v = strtod(buf, NULL);
	if (errno == ERANGE || !isfinite(v))
		return fail(c, start, "number %s is out of range", buf);
	/* Compared as text: 9007199254740993 reads as 2^53 and would pass as a double. */
	if (integer) {
		const char *digits = buf + (buf[0] == '-');
		size_t n = strlen(digits);

		if (n > 16 || (n == 16 && strcmp(digits, "9007199254740992") > 0))
			return fail(c, start, "integer %s cannot be represented exactly", buf);
	}
	return 0;
}

static bool key_equal(const struct checker *c, const struct key_span *a, const struct key_span *b)
{
	/* Keys with escapes are compared after decoding by cJSON-independent means:
	 * the raw forms are equal or the decoded ones are. Escaped keys are rare, so
	 * they are decoded only here. */
	if (a->len == b->len && memcmp(c->t + a->start, c->t + b->start, a->len) == 0)
		return true;
	if (!a->escaped && !b->escaped)
		return false;
	{
		cJSON *ka = cJSON_ParseWithLength(c->t + a->start - 1, a->len + 2);
		cJSON *kb = cJSON_ParseWithLength(c->t + b->start - 1, b->len + 2);
		bool eq = ka && kb && cJSON_IsString(ka) && cJSON_IsString(kb) &&
			  strcmp(ka->valuestring, kb->valuestring) == 0;

		cJSON_Delete(ka);
		cJSON_Delete(kb);
		return eq;
	}
}

static int compare_spans_ctx_text(const char *t, const struct key_span *a, const struct key_span *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int r = memcmp(t + a->start, t + b->start, n);

	if (r)
		return r;
	return a->len < b->len ? -1 : a->len > b->len;
}

static const char *sort_text;

static int cmp_spans(const void *x, const void *y)
{
	return compare_spans_ctx_text(sort_text, x, y);
}

/* The UTF-8 of a key as checked text (escapes decoded; \u0000 never occurs). */
static char *unescape_key(const char *p, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;
	size_t i = 0;

	while (i < len) {
		unsigned v, lo;

		if (p[i] != '\\') {
			*o++ = p[i++];
			continue;
		}
		switch (p[i + 1]) {
		case 'b':
			*o++ = '\b';
			break;
		case 'f':
			*o++ = '\f';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'u':
			v = (unsigned)strtoul((char[5]){p[i + 2], p[i + 3], p[i + 4], p[i + 5], 0},
					      NULL, 16);
			if (v >= 0xD800 && v <= 0xDBFF) {
				lo = (unsigned)strtoul(
					(char[5]){p[i + 8], p[i + 9], p[i + 10], p[i + 11], 0},
					NULL, 16);
				v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			}
			if (v < 0x80) {
				*o++ = (char)v;
			} else if (v < 0x800) {
				*o++ = (char)(0xC0 | v >> 6);
				*o++ = (char)(0x80 | (v & 0x3F));
			} else if (v < 0x10000) {
				*o++ = (char)(0xE0 | v >> 12);
				*o++ = (char)(0x80 | (v >> 6 & 0x3F));
				*o++ = (char)(0x80 | (v & 0x3F));
			} else {
				*o++ = (char)(0xF0 | v >> 18);
				*o++ = (char)(0x80 | (v >> 12 & 0x3F));
				*o++ = (char)(0x80 | (v >> 6 & 0x3F));
				*o++ = (char)(0x80 | (v & 0x3F));
			}
			i += 4;
			break;
		default: /* " \ / */
			*o++ = p[i + 1];
		}
		i += 2;
	}
	*o = '\0';
	return out;
}

struct decoded_key {
	char *key;
	size_t index;
};

static int cmp_decoded(const void *x, const void *y)
{
	const struct decoded_key *a = x, *b = y;
	int r = strcmp(a->key, b->key);

	if (r)
		return r;
	return a->index < b->index ? -1 : a->index > b->index;
}

/*
 * Keys written differently can be equal once decoded ("a\u0062" and "ab").
 * Each key is decoded once and the decoded keys sorted, so that a hostile
 * object with many escaped keys costs n log n, not n squared.
 */
static int check_decoded_duplicates(struct checker *c, const struct key_span *k, size_t n)
{
	struct decoded_key *d = xmalloc(n * sizeof(*d));
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		d[i].key = unescape_key(c->t + k[i].start, k[i].len);
		d[i].index = i;
	}
	qsort(d, n, sizeof(*d), cmp_decoded);
	for (i = 1; i < n && !rc; i++)
		if (strcmp(d[i].key, d[i - 1].key) == 0) {
			const struct key_span *later = &k[d[i].index];

			rc = fail(c, later->start - 1, "duplicate key \"%.*s\"",
				  (int)(later->len > 80 ? 80 : later->len), c->t + later->start);
		}
	for (i = 0; i < n; i++)
		free(d[i].key);
	free(d);
	return rc;
}

static int check_duplicates(struct checker *c, size_t first)
{
	size_t n = c->nkeys - first, i, j;
	struct key_span *k = c->keys + first;

	if (n <= 16) {
		for (i = 1; i < n; i++)
			for (j = 0; j < i; j++)
				if ((k[i].len == k[j].len || k[i].escaped || k[j].escaped) &&
				    key_equal(c, &k[i], &k[j]))
					return fail(c, k[i].start - 1, "duplicate key \"%.*s\"",
						    (int)(k[i].len > 80 ? 80 : k[i].len),
						    c->t + k[i].start);
		return 0;
	}
	{
		struct key_span *copy = xmalloc(n * sizeof(*copy));
		bool escaped = false;
		int rc = 0;

		memcpy(copy, k, n * sizeof(*copy));
		sort_text = c->t;
		qsort(copy, n, sizeof(*copy), cmp_spans);
		for (i = 1; i < n && !rc; i++)
			if (key_equal(c, &copy[i], &copy[i - 1])) {
				/* The second of the two in the file is the duplicate. */
				const struct key_span *later =
					copy[i].start > copy[i - 1].start ? &copy[i] : &copy[i - 1];

				rc = fail(c, later->start - 1, "duplicate key \"%.*s\"",
					  (int)(later->len > 80 ? 80 : later->len),
					  c->t + later->start);
			}
		for (i = 0; i < n; i++)
			escaped |= copy[i].escaped;
		free(copy);
		/* Escaped keys can collide with differently written ones. */
		if (!rc && escaped)
			rc = check_decoded_duplicates(c, k, n);
		return rc;
	}
}

static int check_value(struct checker *c, int depth, int match);

/* Whether the key just read is the pattern's element m ("*": any key). */
static bool pattern_key(const struct checker *c, const struct key_span *k, int m)
{
	const char *want = c->pattern[m];
	size_t n = strlen(want);

	if (strcmp(want, "*") == 0)
		return true;
	if (k->len == n && memcmp(c->t + k->start, want, n) == 0)
		return true;
	if (!k->escaped)
		return false;
	{
		char *key = unescape_key(c->t + k->start, k->len);
		bool eq = strcmp(key, want) == 0;

		free(key);
		return eq;
	}
}

/*
 * Checking an object: match is how many elements of the sparse pattern the
 * path to it follows, or -1 when it is off the pattern (or there is none).
 */
static int check_object(struct checker *c, int depth, int match)
{
	size_t first = c->nkeys;
	int rc = 0;

	c->pos++;
	skip_ws(c);
	if (c->pos < c->len && c->t[c->pos] == '}') {
		c->pos++;
		return 0;
	}
	for (;;) {
		size_t kstart;

		skip_ws(c);
		if (c->pos >= c->len)
			return fail(c, c->pos, "unexpected end of file inside an object");
		if (c->t[c->pos] != '"')
			return fail(c, c->pos, "expected a string key");
		kstart = c->pos;
		if (check_string(c))
			return -1;
		xgrow(&c->keys, &c->akeys, c->nkeys + 1, sizeof(*c->keys));
		c->keys[c->nkeys].start = kstart + 1;
		c->keys[c->nkeys].len = c->pos - kstart - 2;
		c->keys[c->nkeys].escaped = c->escaped;
		c->nkeys++;
		skip_ws(c);
		if (c->pos >= c->len || c->t[c->pos] != ':')
			return fail(c, c->pos, "expected ':' after key");
		c->pos++;
		{
			int m = -1;

			if (match >= 0 && c->pattern[match] &&
			    pattern_key(c, &c->keys[c->nkeys - 1], match)) {
				c->path[match] = c->keys[c->nkeys - 1];
				m = match + 1;
			}
			if (check_value(c, depth + 1, m))
				return -1;
		}
		skip_ws(c);
		if (c->pos >= c->len)
			return fail(c, c->pos, "unexpected end of file inside an object");
		if (c->t[c->pos] == ',') {
			c->pos++;
			continue;
		}
		if (c->t[c->pos] == '}') {
			c->pos++;
			break;
		}
		return fail(c, c->pos, "expected ',' or '}'");
	}
	rc = check_duplicates(c, first);
	c->nkeys = first;
	return rc;
}

/* A key of a sparse array's path, decoded. */
static char *decode_key(const struct checker *c, const struct key_span *k)
{
	if (!k->escaped)
		return xstrndup(c->t + k->start, k->len);
	return unescape_key(c->t + k->start, k->len);
}

/* Starts the record of an array left out of the tree, at the path just read. */
static struct json_sparse_array *sparse_begin(struct checker *c, int match)
{
	struct json_sparse *sp = c->sparse;
	struct json_sparse_array *a;
	int k;

	xgrow(&sp->arrays, &sp->alloc, sp->n + 1, sizeof(*sp->arrays));
	a = &sp->arrays[sp->n++];
	memset(a, 0, sizeof(*a));
	a->keys = xcalloc((size_t)match + 1, sizeof(*a->keys));
	for (k = 0; k < match; k++)
		a->keys[k] = decode_key(c, &c->path[k]);
	a->hole.start = c->pos + 1;
	return a;
}

static int check_array(struct checker *c, int depth, int match)
{
	/* At the end of the sparse pattern: elements are listed, not built. */
	struct json_sparse_array *sparse =
		match >= 0 && !c->pattern[match] ? sparse_begin(c, match) : NULL;

	c->pos++;
	skip_ws(c);
	if (c->pos < c->len && c->t[c->pos] == ']') {
		if (sparse)
			sparse->hole.end = c->pos;
		c->pos++;
		return 0;
	}
	for (;;) {
		size_t start;

		skip_ws(c);
		start = c->pos;
		if (check_value(c, depth + 1, -1))
			return -1;
		if (sparse) {
			xgrow(&sparse->elements, &sparse->alloc, sparse->n + 1,
			      sizeof(*sparse->elements));
			sparse->elements[sparse->n].start = start;
			sparse->elements[sparse->n].end = c->pos;
			sparse->n++;
		}
		skip_ws(c);
		if (c->pos >= c->len)
			return fail(c, c->pos, "unexpected end of file inside an array");
		if (c->t[c->pos] == ',') {
			c->pos++;
			continue;
		}
		if (c->t[c->pos] == ']') {
			if (sparse)
				sparse->hole.end = c->pos;
			c->pos++;
			return 0;
		}
		return fail(c, c->pos, "expected ',' or ']'");
	}
}

static int check_literal(struct checker *c, const char *word)
{
	size_t n = strlen(word);

	if (c->len - c->pos < n || memcmp(c->t + c->pos, word, n) != 0)
		return fail(c, c->pos, "invalid value");
	c->pos += n;
	return 0;
}

static int check_value(struct checker *c, int depth, int match)
{
	skip_ws(c);
	if (c->pos >= c->len)
		return fail(c, c->pos, "unexpected end of file (expected a value)");
	if (depth > JSON_MAX_DEPTH)
		return fail(c, c->pos, "nesting deeper than %d levels", JSON_MAX_DEPTH);
	switch (c->t[c->pos]) {
	case '{':
		return check_object(c, depth, match);
	case '[':
		return check_array(c, depth, match);
	case '"':
		return check_string(c);
	case 't':
		return check_literal(c, "true");
	case 'f':
		return check_literal(c, "false");
	case 'n':
		return check_literal(c, "null");
	default:
		if (c->t[c->pos] == '-' || (c->t[c->pos] >= '0' && c->t[c->pos] <= '9'))
			return check_number(c);
		if ((unsigned char)c->t[c->pos] >= 0x80 &&
		    !utf8_seq((const unsigned char *)c->t + c->pos, c->len - c->pos))
			return fail(c, c->pos, "invalid UTF-8 byte 0x%02x",
				    (unsigned char)c->t[c->pos]);
		return fail(c, c->pos, "invalid value");
	}
}

void json_offset_position(const char *text, size_t len, size_t offset, size_t *line, size_t *col)
{
	size_t i, l = 1, bol = 0;

	if (offset > len)
		offset = len;
	for (i = 0; i < offset; i++)
		if (text[i] == '\n') {
			l++;
			bol = i + 1;
		}
	*line = l;
	*col = util_utf8_width(text + bol, offset - bol) + 1;
}

int json_parse(const char *text, size_t len, const char *name, struct cJSON **out,
	       struct error *err)
{
	return json_parse_sparse(text, len, name, NULL, out, NULL, err);
}

void json_sparse_free(struct json_sparse *sp)
{
	size_t i, k;

	if (!sp)
		return;
	for (i = 0; i < sp->n; i++) {
		for (k = 0; k < sp->depth; k++)
			free(sp->arrays[i].keys[k]);
		free(sp->arrays[i].keys);
		free(sp->arrays[i].elements);
	}
	free(sp->arrays);
	free(sp);
}

const struct json_span *json_sparse_lookup(const struct json_sparse *sp,
					   const struct json_path *path, size_t *n)
{
	size_t i, k;

	*n = 0;
	if (!sp || path->depth != sp->depth)
		return NULL;
	for (i = 0; i < sp->n; i++) {
		for (k = 0; k < sp->depth; k++)
			if (!path->seg[k].key ||
			    strcmp(path->seg[k].key, sp->arrays[i].keys[k]) != 0)
				break;
		if (k == sp->depth) {
			*n = sp->arrays[i].n;
			return sp->arrays[i].elements;
		}
	}
	return NULL;
}

/* The text without the sparse arrays' elements, for cJSON. */
static char *without_holes(const char *text, size_t len, const struct json_sparse *sp,
			   size_t *out_len)
{
	struct strbuf sb;
	size_t i, from = 0;

	strbuf_init(&sb);
	for (i = 0; i < sp->n; i++) {
		strbuf_add(&sb, text + from, sp->arrays[i].hole.start - from);
		from = sp->arrays[i].hole.end;
	}
	strbuf_add(&sb, text + from, len - from);
	return strbuf_detach(&sb, out_len);
}

int json_parse_sparse(const char *text, size_t len, const char *name, const char *const *pattern,
		      struct cJSON **out, struct json_sparse **sparse, struct error *err)
{
	struct checker c;
	size_t line, col;
	int rc;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.t = text;
	c.len = len;
	if (pattern && sparse) {
		size_t depth = 0;

		while (pattern[depth])
			depth++;
		if (depth > JSON_MAX_DEPTH)
			depth = JSON_MAX_DEPTH;
		c.pattern = pattern;
		c.sparse = xcalloc(1, sizeof(*c.sparse));
		c.sparse->depth = depth;
	}
	if (sparse)
		*sparse = NULL;
	skip_ws(&c);
	if (c.pos >= len) {
		rc = fail(&c, c.pos, "empty file (expected a JSON object)");
	} else {
		if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
			rc = fail(&c, 0,
				  "byte order mark at the start of the file (save it as "
				  "UTF-8 without BOM)");
		else
			rc = check_value(&c, 1, c.pattern ? 0 : -1);
		if (!rc) {
			skip_ws(&c);
			if (c.pos < len)
				rc = fail(&c, c.pos, "trailing characters after the JSON value");
		}
	}
	free(c.keys);
	if (rc) {
		json_sparse_free(c.sparse);
		json_offset_position(text, len, c.err_at, &line, &col);
		return error_add(err, LC_ERR_DATA, "%s:%zu:%zu: %s", name, line, col, c.msg);
	}
	if (c.sparse && c.sparse->n) {
		size_t rlen;
		char *reduced = without_holes(text, len, c.sparse, &rlen);

		*out = cJSON_ParseWithLength(reduced, rlen);
		free(reduced);
	} else {
		*out = cJSON_ParseWithLength(text, len);
	}
	if (!*out) {
		json_sparse_free(c.sparse);
		return error_add(err, LC_ERR_DATA, "%s: JSON could not be parsed", name);
	}
	if (sparse)
		*sparse = c.sparse;
	return LC_OK;
}

/* ---- Locating a path in already-checked text ---- */

static size_t loc_ws(const char *t, size_t len, size_t i)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
		i++;
	return i;
}

static size_t loc_string_end(const char *t, size_t len, size_t i)
{
	for (i++; i < len;) {
		const char *q = memchr(t + i, '"', len - i);
		size_t j, backslashes = 0;

		if (!q)
			return len;
		j = (size_t)(q - t);
		/* Escaped when an odd number of backslashes comes before it. */
		while (j - backslashes > i && t[j - backslashes - 1] == '\\')
			backslashes++;
		if (backslashes % 2 == 0)
			return j + 1;
		i = j + 1;
	}
	return len;
}

static size_t loc_skip(const char *t, size_t len, size_t i)
{
	int depth = 0;

	i = loc_ws(t, len, i);
	do {
		if (i >= len)
			return len;
		if (t[i] == '"') {
			i = loc_string_end(t, len, i);
			continue;
		}
		if (t[i] == '{' || t[i] == '[')
			depth++;
		else if (t[i] == '}' || t[i] == ']')
			depth--;
		else if (depth == 0) {
			while (i < len && !strchr(",]} \t\r\n", t[i]))
				i++;
			return i;
		}
		i++;
	} while (depth > 0);
	return i;
}

static bool loc_key_is(const char *t, size_t start, size_t end, const char *key)
{
	size_t n = strlen(key);

	if (end - start - 2 == n && memcmp(t + start + 1, key, n) == 0)
		return true;
	if (memchr(t + start, '\\', end - start)) {
		cJSON *k = cJSON_ParseWithLength(t + start, end - start);
		bool eq = k && cJSON_IsString(k) && strcmp(k->valuestring, key) == 0;

		cJSON_Delete(k);
		return eq;
	}
	return false;
}

size_t json_path_offset(const char *text, size_t len, const struct json_path *p)
{
	size_t i = loc_ws(text, len, 0), d;

	for (d = 0; d < p->depth; d++) {
		const struct json_path_segment *s = &p->seg[d];
		size_t container = i, n = 0;
		bool found = false;

		if (i >= len || (s->key && text[i] != '{') || (!s->key && text[i] != '['))
			return container;
		i = loc_ws(text, len, i + 1);
		while (i < len && text[i] != '}' && text[i] != ']') {
			if (s->key) {
				size_t kend = loc_string_end(text, len, i);
				bool match = loc_key_is(text, i, kend, s->key);

				i = loc_ws(text, len, kend);
				i = loc_ws(text, len, i + 1); /* the colon */
				if (match) {
					found = true;
					break;
				}
			} else if (n++ == s->index) {
				found = true;
				break;
			}
			i = loc_ws(text, len, loc_skip(text, len, i));
			if (i < len && text[i] == ',')
				i = loc_ws(text, len, i + 1);
		}
		if (!found)
			return container;
	}
	return i;
}

bool json_text_next_member(const char *text, size_t len, size_t *pos, struct json_span *key,
			   struct json_span *value)
{
	size_t i = loc_ws(text, len, *pos);

	if (i < len && (text[i] == '{' || text[i] == ','))
		i = loc_ws(text, len, i + 1);
	if (i >= len || text[i] != '"') {
		*pos = i;
		return false;
	}
	key->start = i;
	key->end = loc_string_end(text, len, i);
	i = loc_ws(text, len, loc_ws(text, len, key->end) + 1);
	value->start = i;
	value->end = loc_skip(text, len, i);
	*pos = value->end;
	return true;
}

char *json_text_string(const char *text, const struct json_span *s)
{
	cJSON *item;
	char *out;

	if (!memchr(text + s->start + 1, '\\', s->end - s->start - 2))
		return xstrndup(text + s->start + 1, s->end - s->start - 2);
	/* Escapes are rare in prose: cJSON decodes them. */
	item = cJSON_ParseWithLength(text + s->start, s->end - s->start);
	out = xstrdup(cJSON_IsString(item) ? item->valuestring : "");
	cJSON_Delete(item);
	return out;
}

void json_path_push_key(struct json_path *p, const char *key)
{
	if (p->depth < JSON_MAX_DEPTH) {
		p->seg[p->depth].key = key;
		p->seg[p->depth].index = 0;
	}
	p->depth++;
}

void json_path_push_index(struct json_path *p, size_t index)
{
	if (p->depth < JSON_MAX_DEPTH) {
		p->seg[p->depth].key = NULL;
		p->seg[p->depth].index = index;
	}
	p->depth++;
}

void json_path_pop(struct json_path *p)
{
	if (p->depth)
		p->depth--;
}

void json_path_format(const struct json_path *p, struct strbuf *sb)
{
	size_t d, n = p->depth < JSON_MAX_DEPTH ? p->depth : JSON_MAX_DEPTH;

	if (!n) {
		strbuf_addc(sb, '$');
		return;
	}
	for (d = 0; d < n; d++) {
		if (p->seg[d].key)
			strbuf_addf(sb, "%s%s", d ? "." : "", p->seg[d].key);
		else
			strbuf_addf(sb, "[%zu]", p->seg[d].index);
	}
}

/* Control characters from a file must not reach a terminal as such (an
 * escape sequence in a choice could retitle or clear the user's window):
 * C0, DEL and C1 (U+0080 to U+009F) are written as \uXXXX. */
static void add_printable(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			strbuf_addf(sb, "\\u%04x", *p);
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			strbuf_addf(sb, "\\u%04x", *++p);
		else
			strbuf_addc(sb, (char)*p);
	}
}

int json_ctx_error(struct json_ctx *ctx, const char *fmt, ...)
{
	struct strbuf sb, msg;
	size_t line, col, off;
	struct json_path shallow = ctx->path;
	va_list ap;

	/* Beyond a hundred problems a file is hostile or not the right file: more
	 * messages help nobody, and locating each one costs a pass over the text. */
	if (ctx->err->count >= JSON_MAX_ERRORS) {
		if (ctx->err->count == JSON_MAX_ERRORS)
			error_add(ctx->err, LC_ERR_DATA,
				  "%s: too many problems; only the first %d are shown", ctx->name,
				  JSON_MAX_ERRORS);
		return LC_ERR_DATA;
	}
	if (shallow.depth > JSON_MAX_DEPTH)
		shallow.depth = JSON_MAX_DEPTH;
	off = json_path_offset(ctx->text, ctx->len, &shallow);
	json_offset_position(ctx->text, ctx->len, off, &line, &col);
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s:%zu:%zu: ", ctx->name, line, col);
	json_path_format(&ctx->path, &sb);
	strbuf_adds(&sb, ": ");
	strbuf_init(&msg);
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	add_printable(&sb, msg.buf);
	error_add(ctx->err, LC_ERR_DATA, "%s", sb.buf);
	strbuf_release(&msg);
	strbuf_release(&sb);
	return LC_ERR_DATA;
}

const char *json_type_name(const struct cJSON *item)
{
	if (!item)
		return "nothing";
	if (cJSON_IsObject(item))
		return "an object";
	if (cJSON_IsArray(item))
		return "an array";
	if (cJSON_IsString(item))
		return "a string";
	if (cJSON_IsNumber(item))
		return "a number";
	if (cJSON_IsBool(item))
		return "a boolean";
	if (cJSON_IsNull(item))
		return "null";
	return "a value";
}

struct cJSON *json_get_typed(struct json_ctx *ctx, struct cJSON *obj, const char *key, int type,
			     bool required)
{
	cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	const char *want = type == cJSON_Object   ? "an object"
			   : type == cJSON_Array  ? "an array"
			   : type == cJSON_String ? "a string"
			   : type == cJSON_Number ? "a number"
						  : "a boolean";

	if (!item) {
		if (required)
			json_ctx_error(ctx, "missing required key \"%s\"", key);
		return NULL;
	}
	if (!(item->type & type)) {
		json_path_push_key(&ctx->path, key);
		json_ctx_error(ctx, "expected %s, found %s", want, json_type_name(item));
		json_path_pop(&ctx->path);
		return NULL;
	}
	return item;
}

bool json_take_string(struct json_ctx *ctx, struct cJSON *obj, const char *key, bool required,
		      char **out)
{
	cJSON *item = json_get_typed(ctx, obj, key, cJSON_String, required);

	if (!item)
		return false;
	free(*out);
	*out = item->valuestring;
	item->valuestring = NULL;
	item->type = cJSON_NULL; /* taken over: cJSON must not free it again */
	return true;
}

bool json_get_int(struct json_ctx *ctx, struct cJSON *obj, const char *key, bool required, long min,
		  long max, long *out)
{
	cJSON *item = json_get_typed(ctx, obj, key, cJSON_Number, required);
	double v;

	if (!item)
		return false;
	v = item->valuedouble;
	if (v != floor(v) || v < (double)min || v > (double)max) {
		json_path_push_key(&ctx->path, key);
		json_ctx_error(ctx, "expected a whole number from %ld to %ld", min, max);
		json_path_pop(&ctx->path);
		return false;
	}
	*out = (long)v;
	return true;
}

bool json_get_bool(struct json_ctx *ctx, struct cJSON *obj, const char *key, bool required,
		   bool *out)
{
	cJSON *item = json_get_typed(ctx, obj, key, cJSON_True | cJSON_False, required);

	if (!item)
		return false;
	*out = cJSON_IsTrue(item);
	return true;
}

struct json_extras {
	cJSON *members;
};

struct json_extras *json_extras_collect(struct cJSON *obj, const char *const *known)
{
	struct json_extras *x = NULL;
	cJSON *it = obj ? obj->child : NULL;

	while (it) {
		cJSON *next = it->next;
		size_t k;
		bool is_known = false;

		for (k = 0; known[k]; k++)
			if (strcmp(known[k], it->string) == 0) {
				is_known = true;
				break;
			}
		if (!is_known) {
			if (!x) {
				x = xmalloc(sizeof(*x));
				x->members = cJSON_CreateObject();
			}
			cJSON_AddItemToObject(x->members, it->string,
					      cJSON_DetachItemViaPointer(obj, it));
		}
		it = next;
	}
	return x;
}

void json_extras_free(struct json_extras *x)
{
	if (!x)
		return;
	cJSON_Delete(x->members);
	free(x);
}

/* ---- Writer ---- */

void json_writer_init(struct json_writer *w, struct strbuf *out, bool compact)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->compact = compact;
}

static void jw_indent(struct json_writer *w, int depth)
{
	int i;

	strbuf_grow(w->out, (size_t)depth * 2 + 1);
	w->out->buf[w->out->len++] = '\n';
	for (i = 0; i < depth; i++) {
		w->out->buf[w->out->len++] = ' ';
		w->out->buf[w->out->len++] = ' ';
	}
	w->out->buf[w->out->len] = '\0';
}

/* Separator and indentation before a value or a key. */
static void jw_item(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->has_items[w->depth])
		strbuf_addc(w->out, ',');
	w->has_items[w->depth] = true;
	if (!w->compact)
		jw_indent(w, w->depth);
}

static void jw_open(struct json_writer *w, char ch)
{
	jw_item(w);
	strbuf_addc(w->out, ch);
	w->depth++;
	w->has_items[w->depth] = false;
}

static void jw_close(struct json_writer *w, char ch)
{
	if (w->has_items[w->depth] && !w->compact)
		jw_indent(w, w->depth - 1);
	w->depth--;
	strbuf_addc(w->out, ch);
}

void jw_begin_object(struct json_writer *w)
{
	jw_open(w, '{');
}

void jw_end_object(struct json_writer *w)
{
	jw_close(w, '}');
}

void jw_begin_array(struct json_writer *w)
{
	jw_open(w, '[');
}

void jw_end_array(struct json_writer *w)
{
	jw_close(w, ']');
}

/* Whether none of the eight bytes at p is a control character, '"' or '\\':
 * the common case, tested eight bytes at once. */
static bool plain8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	uint64_t v, q, b;

	memcpy(&v, p, 8);
	q = v ^ (ones * '"');
	b = v ^ (ones * '\\');
	return !((((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs);
}

void json_quote(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p, *end = p + strlen(s);

	strbuf_grow(sb, (size_t)(end - p) + 2);
	strbuf_addc(sb, '"');
	for (; p < end; p++) {
		const char *esc = NULL;
		char hex[8];

		while (end - p >= 8 && plain8(p))
			p += 8;
		if (p == end)
			break;
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		switch (*p) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\b':
			esc = "\\b";
			break;
		case '\f':
			esc = "\\f";
			break;
		default:
			snprintf(hex, sizeof(hex), "\\u%04x", *p);
			esc = hex;
		}
		strbuf_add(sb, run, (size_t)(p - run));
		strbuf_adds(sb, esc);
		run = p + 1;
	}
	strbuf_add(sb, run, (size_t)(p - run));
	strbuf_addc(sb, '"');
}

void jw_key(struct json_writer *w, const char *key)
{
	jw_item(w);
	json_quote(w->out, key);
	strbuf_adds(w->out, w->compact ? ":" : ": ");
	w->after_key = true;
}

void jw_string(struct json_writer *w, const char *s)
{
	jw_item(w);
	json_quote(w->out, s);
}

void jw_string_or_null(struct json_writer *w, const char *s)
{
	if (s)
		jw_string(w, s);
	else
		jw_null(w);
}

void jw_int(struct json_writer *w, long long v)
{
	jw_item(w);
	strbuf_addf(w->out, "%lld", v);
}

void jw_bool(struct json_writer *w, bool v)
{
	jw_item(w);
	strbuf_adds(w->out, v ? "true" : "false");
}

void jw_null(struct json_writer *w)
{
	jw_item(w);
	strbuf_adds(w->out, "null");
}

static void jw_number(struct json_writer *w, double v)
{
	char buf[40];
	int prec;

	jw_item(w);
	if (v == floor(v) && fabs(v) < 9007199254740992.0) {
		strbuf_addf(w->out, "%.0f", v);
		return;
	}
	/* The shortest form that reads back as the same double. */
	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	strbuf_adds(w->out, buf);
}

void jw_tree(struct json_writer *w, const cJSON *item)
{
	const cJSON *c;

	if (cJSON_IsObject(item)) {
		jw_begin_object(w);
		for (c = item->child; c; c = c->next) {
			jw_key(w, c->string);
			jw_tree(w, c);
		}
		jw_end_object(w);
	} else if (cJSON_IsArray(item)) {
		jw_begin_array(w);
		for (c = item->child; c; c = c->next)
			jw_tree(w, c);
		jw_end_array(w);
	} else if (cJSON_IsString(item)) {
		jw_string(w, item->valuestring);
	} else if (cJSON_IsNumber(item)) {
		jw_number(w, item->valuedouble);
	} else if (cJSON_IsBool(item)) {
		jw_bool(w, cJSON_IsTrue(item));
	} else {
		jw_null(w);
	}
}

void jw_extras(struct json_writer *w, const struct json_extras *x)
{
	const cJSON *c;

	if (!x)
		return;
	for (c = x->members->child; c; c = c->next) {
		jw_key(w, c->string);
		jw_tree(w, c);
	}
}
