/* Allocation, string buffers, time stamps and suggestions shared by every module. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "legitcheck/util.h"

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		abort();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		abort();
	return q;
}

void xgrow(void *array_ptr, size_t *alloc, size_t need, size_t size)
{
	void **array = array_ptr;
	size_t n;

	if (need <= *alloc)
		return;
	n = *alloc ? *alloc : 4;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			abort();
		n *= 2;
	}
	*array = xrealloc(*array, n * size);
	*alloc = n;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	strbuf_init(&sb);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb, NULL);
}

void strbuf_init(struct strbuf *sb)
{
	sb->alloc = 64;
	sb->len = 0;
	sb->buf = xmalloc(sb->alloc);
	sb->buf[0] = '\0';
}

/* What a detached strbuf points to: empty, owned by nobody, so that a buffer
 * dropped after strbuf_detach() leaks nothing (alloc 0 marks it). */
static char strbuf_slop[1];

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *p = sb->buf;

	if (len)
		*len = sb->len;
	if (!sb->alloc)
		p = xstrdup("");
	sb->buf = strbuf_slop;
	sb->len = sb->alloc = 0;
	return p;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need < sb->len)
		abort();
	if (need <= sb->alloc)
		return;
	if (!sb->alloc) {
		sb->buf = NULL;
		sb->alloc = 64;
	}
	while (sb->alloc < need)
		sb->alloc = sb->alloc < SIZE_MAX / 2 ? sb->alloc * 2 : need;
	sb->buf = xrealloc(sb->buf, sb->alloc);
	sb->buf[sb->len] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	/* The analyzer of clang 14 loses the va_copy above on some paths. */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= sb->alloc - sb->len) {
		strbuf_grow(sb, (size_t)n);
		n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
		if (n < 0)
			return;
	}
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void util_now_iso(char out[21])
{
	const char *fixed = getenv("LEGITCHECK_NOW");
	time_t t;
	struct tm tm;

	if (fixed && strlen(fixed) == 20) {
		memcpy(out, fixed, 21);
		return;
	}
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row, result;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	row = xmalloc((lb + 1) * sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	result = row[lb];
	free(row);
	return result;
}

const char *util_suggest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, i;
	size_t limit = strlen(word) / 3 + 1;

	for (i = 0; i < n; i++) {
		size_t d = edit_distance(word, candidates[i]);

		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best_d <= limit && best_d > 0 ? best : NULL;
}

size_t util_utf8_width(const char *s, size_t len)
{
	size_t i, w = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

bool util_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void util_add_terminal_text(struct strbuf *sb, const char *text, size_t len)
{
	static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
	const unsigned char *p = (const unsigned char *)text, *end = p + len, *run = p;

	strbuf_grow(sb, len);
	while (p < end) {
		size_t skip;

		if (*p >= 0x20 && *p != 0x7F &&
		    !(*p == 0xC2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9F)) {
			p++;
			continue;
		}
		if (*p == '\n' || *p == '\t') {
			p++;
			continue;
		}
		if (*p == 0x1B && p + 1 < end && p[1] == '[') {
			const unsigned char *q = p + 2;

			while (q < end && ((*q >= '0' && *q <= '9') || *q == ';'))
				q++;
			if (q < end && *q == 'm') {
				p = q + 1;
				continue;
			}
		}
		skip = *p == 0xC2 ? 2 : 1;
		strbuf_add(sb, run, (size_t)(p - run));
		strbuf_add(sb, replacement, 3);
		p += skip;
		run = p;
	}
	strbuf_add(sb, run, (size_t)(p - run));
}
