/* Commands that write reports: report (one case) and compare (several, side by side). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handlers.h"
#include "legitcheck/report.h"
#include "legitcheck/storage.h"
#include "legitcheck/ui.h"

static enum report_format parse_format(const struct args *a)
{
	const char *name = args_opt(a, "--format");
	int f;

	for (f = 0; name && f < REPORT_FORMAT_COUNT; f++)
		if (strcmp(name, report_format_names[f]) == 0)
			return (enum report_format)f;
	return REPORT_TEXT;
}

/*
 * The text width: $COLUMNS when set, else the terminal's when the report goes
 * to one, else 80. Never below REPORT_MIN_WIDTH, where no layout reads well.
 */
static size_t text_width(struct session *s, const char *output)
{
	const char *env = getenv("COLUMNS");
	size_t width = REPORT_DEFAULT_WIDTH;
	unsigned cols;

	if (env && *env) {
		char *end;
		long v = strtol(env, &end, 10);

		if (*end == '\0' && v > 0 && v <= 10000)
			width = (size_t)v;
	} else if (!output && (cols = ui_terminal_columns(s->out)) > 0) {
		width = cols;
	}
	return width < REPORT_MIN_WIDTH ? REPORT_MIN_WIDTH : width;
}

/*
 * Writes the finished document: atomically to output (the old file stays
 * as it was on any failure), or to the session's output, where a failed
 * write (a closed descriptor, a full disk) is an error, not silence.
 */
static int write_document(struct session *s, const char *what, const char *output,
			  const struct strbuf *doc)
{
	if (output && strcmp(output, "-") != 0) {
		struct error err;
		int rc;

		error_init(&err);
		rc = storage_write_atomic(output, doc->buf, doc->len, &err);
		if (rc)
			session_fail_error(s, &err);
		else if (s->interactive)
			/* At the prompt nothing else shows that it worked, or where. */
			session_say(s, "%s: wrote '%s'\n", what, output);
		error_release(&err);
		return rc;
	}
	errno = 0;
	if (fwrite(doc->buf, 1, doc->len, s->out) != doc->len || fflush(s->out) != 0 ||
	    ferror(s->out)) {
		int saved = errno;

		clearerr(s->out);
		return session_fail(s, LC_ERR_IO, "%s: cannot write to standard output: %s", what,
				    saved ? strerror(saved) : "write error");
	}
	return LC_OK;
}

int cmd_report(struct session *s, struct args *a)
{
	const char *output = args_opt(a, "--output");
	enum report_format fmt = parse_format(a);
	struct casefile *own = NULL;
	const struct casefile *cf = s->cf;
	const char *file = s->path;
	struct report rep;
	struct strbuf doc;
	int rc;

	if (a->argc == 1) {
		rc = load_case_for_command(s, a->argv[0], &own);
		if (rc)
			return rc;
		cf = own;
		file = a->argv[0];
	} else if (!cf) {
		return session_fail(s, LC_ERR_USAGE, "report: no case given\nusage: %s",
				    a->cmd->usage);
	}
	report_build(&rep, cf, file, args_opt(a, "--strict") != NULL);
	strbuf_init(&doc);
	report_render(&rep, fmt, fmt == REPORT_TEXT ? text_width(s, output) : 0, &doc);
	rc = write_document(s, "report", output, &doc);
	strbuf_release(&doc);
	report_release(&rep);
	casefile_free(own);
	return rc;
}

int cmd_compare(struct session *s, struct args *a)
{
	const char *output = args_opt(a, "--output");
	enum report_format fmt = parse_format(a);
	size_t n = 0, i, loaded = 0;
	struct casefile **own;
	const struct casefile **cases;
	const char **files;
	struct comparison cmp;
	struct strbuf doc;
	int rc = LC_OK;

	if (!s->cf && a->argc < 2)
		return session_fail(s, LC_ERR_USAGE, "compare: needs at least two cases\nusage: %s",
				    a->cmd->usage);
	/* Arrays of pointers: the size of one is meant. */
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
	own = xcalloc((size_t)a->argc + 1, sizeof(*own));
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
	cases = xcalloc((size_t)a->argc + 2, sizeof(*cases));
	files = xcalloc((size_t)a->argc + 2, sizeof(*files));
	/* In a session, the open case comes first. */
	if (s->cf) {
		cases[n] = s->cf;
		files[n++] = s->path;
	}
	for (i = 0; i < (size_t)a->argc; i++) {
		int r = load_case_for_command(s, a->argv[i], &own[loaded]);

		if (r) {
			rc = rc ? rc : r;
			continue;
		}
		cases[n] = own[loaded++];
		files[n++] = a->argv[i];
	}
	if (!rc) {
		compare_build(&cmp, cases, files, n);
		strbuf_init(&doc);
		compare_render(&cmp, fmt, fmt == REPORT_TEXT ? text_width(s, output) : 0, &doc);
		rc = write_document(s, "compare", output, &doc);
		strbuf_release(&doc);
		compare_release(&cmp);
	}
	for (i = 0; i < loaded; i++)
		casefile_free(own[i]);
	free(own);
	free(cases);
	free(files);
	return rc;
}
