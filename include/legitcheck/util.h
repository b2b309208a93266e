/*
 * Small shared helpers: allocation that cannot return NULL, a growable string
 * buffer, UTC time stamps and "did you mean" suggestions.
 *
 * Allocation failure aborts: there is nothing useful the program can do
 * without memory, and checking every small allocation would bury the logic.
 */
#ifndef LEGITCHECK_UTIL_H
#define LEGITCHECK_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#if defined(__GNUC__)
#define LC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define LC_PRINTF(f, a)
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *array (of *alloc elements of size) to hold at least need elements. */
void xgrow(void *array_ptr, size_t *alloc, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a malloc'd formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) LC_PRINTF(1, 2);

/* A growable NUL-terminated byte buffer. buf is never NULL after init. */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

void strbuf_init(struct strbuf *sb);
/* Frees the contents; the strbuf may be reused after strbuf_init. */
void strbuf_release(struct strbuf *sb);
/* Hands the buffer to the caller (who frees it) and re-initialises sb. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) LC_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Writes the current UTC time as YYYY-MM-DDTHH:MM:SSZ into out (21 bytes).
 * LEGITCHECK_NOW, when set, replaces the clock so outputs can be reproduced. */
void util_now_iso(char out[21]);

/* The candidate closest to word by edit distance, or NULL if none is close
 * enough to be a plausible typo. */
const char *util_suggest(const char *word, const char *const *candidates, size_t n);

/* Number of user-perceived columns of a UTF-8 string (code points, not bytes). */
size_t util_utf8_width(const char *s, size_t len);

bool util_streq(const char *a, const char *b);

/* Appends len bytes of text to sb as a terminal may show them: control
 * characters (C0 but newline and tab, DEL, C1) become U+FFFD, so that text
 * from a case file cannot move the cursor, retitle the window or hide what
 * follows; colour sequences (ESC [ digits and ; m) are kept. */
void util_add_terminal_text(struct strbuf *sb, const char *text, size_t len);

#endif
