/* The error list every fallible library function fills. */
#include <stdarg.h>
#include <stdlib.h>

#include "legitcheck/error.h"

void error_init(struct error *err)
{
	err->status = LC_OK;
	err->messages = NULL;
	err->count = 0;
	err->alloc = 0;
}

void error_release(struct error *err)
{
	size_t i;

	for (i = 0; i < err->count; i++)
		free(err->messages[i]);
	free(err->messages);
	error_init(err);
}

int error_vadd(struct error *err, enum lc_status status, const char *fmt, va_list ap)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_vaddf(&sb, fmt, ap);
	xgrow(&err->messages, &err->alloc, err->count + 1, sizeof(*err->messages));
	err->messages[err->count++] = strbuf_detach(&sb, NULL);
	if (err->status == LC_OK)
		err->status = status;
	return err->status;
}

int error_add(struct error *err, enum lc_status status, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = error_vadd(err, status, fmt, ap);
	va_end(ap);
	return rc;
}

void error_merge(struct error *dst, const struct error *src)
{
	size_t i;

	for (i = 0; i < src->count; i++)
		error_add(dst, src->status, "%s", src->messages[i]);
}

const char *error_message(const struct error *err, size_t i)
{
	return i < err->count ? err->messages[i] : "";
}
