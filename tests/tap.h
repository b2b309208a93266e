/*
 * A tiny TAP producer for the unit tests: plan, ok, is_int, is_string, diag,
 * bail. The program exits non-zero when a test failed or the plan was not
 * met, since CTest only reads the exit status. Header-only: each test program
 * is one translation unit.
 */
#ifndef LEGITCHECK_TAP_H
#define LEGITCHECK_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each test program uses only some of these. */
#define TAP_FN static __attribute__((unused))

static int tap_planned = -1, tap_run, tap_failed;

TAP_FN void tap_finish(void)
{
	if (tap_planned < 0) {
		printf("1..%d\n", tap_run);
		tap_planned = tap_run;
	}
	if (tap_run != tap_planned) {
		printf("# planned %d tests but ran %d\n", tap_planned, tap_run);
		fflush(stdout);
		_Exit(255);
	}
	if (tap_failed) {
		printf("# failed %d of %d tests\n", tap_failed, tap_run);
		fflush(stdout);
		_Exit(tap_failed > 254 ? 254 : tap_failed);
	}
}

TAP_FN void plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	atexit(tap_finish);
}

/* No plan up front: it is printed at the end, from the number run. */
TAP_FN void plan_lazy(void)
{
	atexit(tap_finish);
}

TAP_FN void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
TAP_FN void diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

TAP_FN bool tap_vresult(bool pass, const char *fmt, va_list ap)
{
	tap_run++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	fflush(stdout);
	return pass;
}

TAP_FN bool ok(bool pass, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
TAP_FN bool ok(bool pass, const char *fmt, ...)
{
	va_list ap;
	bool r;

	va_start(ap, fmt);
	r = tap_vresult(pass, fmt, ap);
	va_end(ap);
	return r;
}

TAP_FN bool is_int(long long want, long long seen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
TAP_FN bool is_int(long long want, long long seen, const char *fmt, ...)
{
	va_list ap;
	bool r;

	va_start(ap, fmt);
	r = tap_vresult(want == seen, fmt, ap);
	va_end(ap);
	if (!r) {
		diag("  wanted: %lld", want);
		diag("    seen: %lld", seen);
	}
	return r;
}

TAP_FN bool is_string(const char *want, const char *seen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
TAP_FN bool is_string(const char *want, const char *seen, const char *fmt, ...)
{
	va_list ap;
	bool r;

	va_start(ap, fmt);
	r = tap_vresult(want && seen ? strcmp(want, seen) == 0 : want == seen, fmt, ap);
	va_end(ap);
	if (!r) {
		diag("  wanted: %s", want ? want : "(null)");
		diag("    seen: %s", seen ? seen : "(null)");
	}
	return r;
}

/* Ok if needle occurs in haystack. */
TAP_FN bool contains(const char *haystack, const char *needle, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
TAP_FN bool contains(const char *haystack, const char *needle, const char *fmt, ...)
{
	va_list ap;
	bool r;

	va_start(ap, fmt);
	r = tap_vresult(haystack && strstr(haystack, needle) != NULL, fmt, ap);
	va_end(ap);
	if (!r) {
		diag("  wanted to contain: %s", needle);
		diag("                 in: %s", haystack ? haystack : "(null)");
	}
	return r;
}

TAP_FN void bail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
TAP_FN void bail(const char *fmt, ...)
{
	va_list ap;

	fputs("Bail out! ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	_Exit(255);
}

#endif
