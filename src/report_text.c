/*
 * The plain-text rendering of reports and comparisons, for a terminal or a
 * plain-text filing: wrapped to a given width counted in code points, tables
 * whose cells wrap within their columns, control characters replaced so that
 * user text cannot drive the terminal, and right-to-left text isolated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "legitcheck/render.h"
#include "legitcheck/report.h"
#include "legitcheck/version.h"

#define FSI 0x2068UL /* first strong isolate */
#define PDI 0x2069UL /* pop directional isolate */

/* Appends s for a terminal: control characters become U+FFFD, tabs and
 * carriage returns spaces, and text that could reorder its line is isolated. */
static void add_clean(struct strbuf *sb, const char *s)
{
	size_t i = 0, len;
	bool isolate;

	if (!s)
		return;
	len = strlen(s);
	isolate = report_needs_isolation(s);
	if (isolate)
		report_utf8_put(sb, FSI);
	while (i < len) {
		unsigned long cp = report_utf8_next(s, len, &i);

		if (cp == '\t' || cp == '\r')
			strbuf_addc(sb, ' ');
		else if (report_is_control(cp))
			report_utf8_put(sb, 0xFFFD);
		else
			report_utf8_put(sb, cp);
	}
	if (isolate)
		report_utf8_put(sb, PDI);
}

static size_t columns(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len)
		n += !report_is_zero_width(report_utf8_next(s, len, &i));
	return n;
}

/* Byte length of the longest prefix of s[0..len) that fits in cols columns
 * (at least one code point, so that progress is always made). */
static size_t fit(const char *s, size_t len, size_t cols)
{
	size_t i = 0, n = 0, last = 0;

	while (i < len) {
		size_t before = i;
		unsigned long cp = report_utf8_next(s, len, &i);

		if (!report_is_zero_width(cp) && ++n > cols)
			return before ? before : i;
		last = i;
	}
	return last;
}

/* Whether the word s[0..len) holds "://". */
static bool memmem_url(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 3 <= len; i++)
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return true;
	return false;
}

static void spaces(struct strbuf *sb, size_t n)
{
	while (n--)
		strbuf_addc(sb, ' ');
}

/*
 * Appends text (already clean) wrapped to width columns, the current line
 * already holding col columns (indentation or a label); continuation lines
 * start after indent spaces. Newlines in text start new lines at indent. No
 * line ends in a space.
 */
static void wrap_at(struct strbuf *sb, const char *text, size_t col, size_t indent, size_t width)
{
	const char *p = text;
	size_t used = col;

	if (width <= indent)
		width = indent + 1;
	do {
		const char *end = strchr(p, '\n');
		size_t plen = end ? (size_t)(end - p) : strlen(p);
		size_t pos = 0;
		bool fresh = true;

		while (pos < plen) {
			size_t wstart, wlen, wcols;

			while (pos < plen && p[pos] == ' ')
				pos++;
			if (pos >= plen)
				break;
			wstart = pos;
			while (pos < plen && p[pos] != ' ')
				pos++;
			wlen = pos - wstart;
			wcols = columns(p + wstart, wlen);
			if (!fresh && used + 1 + wcols > width) {
				strbuf_addc(sb, '\n');
				spaces(sb, indent);
				used = indent;
				fresh = true;
			}
			if (!fresh) {
				strbuf_addc(sb, ' ');
				used++;
			}
			/* A word longer than a line is cut at the line's end, but
			 * not a web address, which must stay whole to be copied. */
			while (wcols > 0 && used + wcols > width && !memmem_url(p + wstart, wlen)) {
				size_t take =
					fit(p + wstart, wlen, used < width ? width - used : 1);

				strbuf_add(sb, p + wstart, take);
				strbuf_addc(sb, '\n');
				spaces(sb, indent);
				used = indent;
				wstart += take;
				wlen -= take;
				wcols = columns(p + wstart, wlen);
			}
			strbuf_add(sb, p + wstart, wlen);
			used += wcols;
			fresh = false;
		}
		while (sb->len && sb->buf[sb->len - 1] == ' ')
			sb->len--;
		sb->buf[sb->len] = '\0';
		strbuf_addc(sb, '\n');
		p = end ? end + 1 : NULL;
		if (p) {
			spaces(sb, indent);
			used = indent;
		}
	} while (p);
}

static void wrap_clean(struct strbuf *sb, const char *text, size_t first_indent, size_t indent,
		       size_t width)
{
	spaces(sb, first_indent);
	wrap_at(sb, text, first_indent, indent, width);
}

/* Cleans text, then wraps it. */
static void wrap(struct strbuf *sb, const char *text, size_t first_indent, size_t indent,
		 size_t width)
{
	struct strbuf clean;

	strbuf_init(&clean);
	add_clean(&clean, text);
	wrap_clean(sb, clean.buf, first_indent, indent, width);
	strbuf_release(&clean);
}

/* "label  text" with the text wrapped under itself. */
static void field(struct strbuf *sb, size_t indent, const char *label, size_t label_width,
		  const char *text, size_t width)
{
	struct strbuf clean;
	size_t n = strlen(label);

	strbuf_init(&clean);
	add_clean(&clean, text);
	spaces(sb, indent);
	strbuf_adds(sb, label);
	spaces(sb, label_width > n ? label_width - n : 1);
	wrap_at(sb, clean.buf, indent + (label_width > n ? label_width : n + 1),
		indent + label_width, width);
	strbuf_release(&clean);
}

static void heading(struct strbuf *sb, const char *text, size_t width)
{
	size_t n = columns(text, strlen(text));

	strbuf_addc(sb, '\n');
	wrap(sb, text, 0, 0, width);
	if (n > width)
		n = width;
	while (n--)
		strbuf_addc(sb, '=');
	strbuf_addc(sb, '\n');
}

static void upper_words(struct strbuf *sb, const char *keyword)
{
	for (; *keyword; keyword++)
		strbuf_addc(sb, *keyword == '_'                        ? ' '
				: (*keyword >= 'a' && *keyword <= 'z') ? (char)(*keyword - 32)
								       : *keyword);
}

/*
 * Tables whose cells wrap within their columns. Cells are clean text and may
 * hold newlines.
 */
struct text_table {
	size_t ncols;
	char **cells; /* row-major, header row first */
	size_t ncells;
	size_t acells;
	bool spaced;  /* a blank line between body rows */
	char **notes; /* per row: a line printed before it, or NULL */
	size_t anotes;
};

static void table_init(struct text_table *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

/* Adds one cell (a clean copy of s); rows fill left to right. */
static void table_cell(struct text_table *t, const char *s)
{
	struct strbuf sb;

	strbuf_init(&sb);
	add_clean(&sb, s);
	xgrow(&t->cells, &t->acells, t->ncells + 1, sizeof(*t->cells));
	t->cells[t->ncells++] = strbuf_detach(&sb, NULL);
	strbuf_release(&sb);
}

/* A line of text printed before the next row (a group's title). */
static void table_note(struct text_table *t, const char *s)
{
	size_t row = t->ncells / t->ncols, i, old = t->anotes;

	xgrow(&t->notes, &t->anotes, row + 1, sizeof(*t->notes));
	for (i = old; i < t->anotes; i++)
		t->notes[i] = NULL;
	free(t->notes[row]);
	t->notes[row] = xstrdup(s);
}

static size_t natural_width(const char *s)
{
	size_t best = 0;

	while (*s) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		size_t w = columns(s, len);

		if (w > best)
			best = w;
		s += len + (end ? 1 : 0);
	}
	return best;
}

/* Wraps s into lines of at most w columns (an array of malloc'd lines). */
static char **cell_lines(const char *s, size_t w, size_t *nlines)
{
	struct strbuf wrapped;
	char **lines = NULL, *p, *nl;
	size_t n = 0, alloc = 0;

	strbuf_init(&wrapped);
	wrap_clean(&wrapped, s, 0, 0, w);
	p = wrapped.buf;
	while ((nl = strchr(p, '\n'))) {
		xgrow(&lines, &alloc, n + 1, sizeof(*lines));
		lines[n++] = xstrndup(p, (size_t)(nl - p));
		p = nl + 1;
	}
	strbuf_release(&wrapped);
	*nlines = n;
	return lines;
}

static size_t longest_word(const char *s)
{
	size_t best = 0;

	while (*s) {
		size_t len = strcspn(s, " \n"), w = columns(s, len);

		if (w > best)
			best = w;
		s += len + (s[len] ? 1 : 0);
	}
	return best;
}

/*
 * Column widths, as browsers lay out tables: each column gets at least its
 * longest word (its whole content if narrower), and the room left goes to the
 * columns in proportion to how much more they would take.
 */
static size_t *column_widths(const struct text_table *t, size_t avail)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w)), *nat = xcalloc(t->ncols, sizeof(*nat));
	size_t k, c, total_min = 0, total_nat = 0, want = 0, extra, given = 0, last = 0;

	for (k = 0; k < t->ncells; k++) {
		size_t n = natural_width(t->cells[k]), m = longest_word(t->cells[k]);

		c = k % t->ncols;
		if (n > nat[c])
			nat[c] = n;
		if (m > w[c])
			w[c] = m;
	}
	for (c = 0; c < t->ncols; c++) {
		if (w[c] > avail / 2)
			w[c] = avail / 2 ? avail / 2 : 1;
		if (w[c] > nat[c])
			w[c] = nat[c];
		total_min += w[c];
		total_nat += nat[c];
		want += nat[c] - w[c];
		if (nat[c] > w[c])
			last = c;
	}
	if (total_nat <= avail) {
		memcpy(w, nat, t->ncols * sizeof(*w));
	} else if (total_min > avail) {
		/* Too narrow even for the longest words: those get cut. */
		for (;;) {
			size_t widest = 0;

			for (c = 1; c < t->ncols; c++)
				if (w[c] > w[widest])
					widest = c;
			if (total_min <= avail || w[widest] <= 3)
				break;
			w[widest]--;
			total_min--;
		}
	} else if (want) {
		extra = avail - total_min;
		for (c = 0; c < t->ncols; c++) {
			size_t add = extra * (nat[c] - w[c]) / want;

			w[c] += add;
			given += add;
		}
		w[last] += extra - given;
	}
	free(nat);
	return w;
}

static void table_render(struct text_table *t, size_t indent, size_t width, struct strbuf *sb)
{
	const size_t gap = 2;
	size_t rows = t->ncells / t->ncols, c, r, k, l;
	size_t avail = width > indent + gap * (t->ncols - 1) ? width - indent - gap * (t->ncols - 1)
							     : t->ncols * 6;
	size_t *w = column_widths(t, avail);
	char ***lines = xcalloc(t->ncols, sizeof(*lines));
	size_t *nl = xcalloc(t->ncols, sizeof(*nl));

	for (r = 0; r < rows; r++) {
		size_t height = 0;

		if (r < t->anotes && t->notes[r]) {
			if (r > 1)
				strbuf_addc(sb, '\n');
			wrap(sb, t->notes[r], indent, indent + 2, width);
		}
		for (c = 0; c < t->ncols; c++) {
			lines[c] = cell_lines(t->cells[r * t->ncols + c], w[c] ? w[c] : 1, &nl[c]);
			if (nl[c] > height)
				height = nl[c];
		}
		for (l = 0; l < height; l++) {
			size_t start = sb->len, pending = 0;

			spaces(sb, indent);
			for (c = 0; c < t->ncols; c++) {
				const char *cell = l < nl[c] ? lines[c][l] : "";
				size_t used = columns(cell, strlen(cell));

				if (*cell) {
					spaces(sb, pending);
					strbuf_adds(sb, cell);
					pending = 0;
				}
				/* An empty column (say, no row marked) takes no room. */
				if (w[c])
					pending += (w[c] > used ? w[c] - used : 0) + gap;
			}
			/* No trailing spaces, and no line of spaces only. */
			while (sb->len > start && sb->buf[sb->len - 1] == ' ')
				sb->len--;
			sb->buf[sb->len] = '\0';
			strbuf_addc(sb, '\n');
		}
		/* Rows of several lines read apart with a blank line between them. */
		if (r > 0 && r + 1 < rows && t->spaced)
			strbuf_addc(sb, '\n');
		if (r == 0) {
			spaces(sb, indent);
			for (c = 0; c < t->ncols; c++) {
				for (k = 0; k < w[c]; k++)
					strbuf_addc(sb, '-');
				if (w[c])
					spaces(sb, gap);
			}
			while (sb->buf[sb->len - 1] == ' ')
				sb->len--;
			sb->buf[sb->len] = '\0';
			strbuf_addc(sb, '\n');
		}
		for (c = 0; c < t->ncols; c++) {
			for (l = 0; l < nl[c]; l++)
				free(lines[c][l]);
			free(lines[c]);
		}
	}
	free(lines);
	free(nl);
	free(w);
}

static void table_release(struct text_table *t)
{
	size_t k;

	for (k = 0; k < t->ncells; k++)
		free(t->cells[k]);
	free(t->cells);
	for (k = 0; k < t->anotes; k++)
		free(t->notes[k]);
	free(t->notes);
	memset(t, 0, sizeof(*t));
}

static const char *result_label(enum criterion_result res)
{
	switch (res) {
	case RESULT_MET:
		return "met";
	case RESULT_NOT_MET:
		return "NOT MET";
	case RESULT_UNKNOWN:
		return "unknown";
	default:
		return "n/a";
	}
}

static void case_section(const struct report *rep, size_t width, struct strbuf *sb)
{
	const struct casefile *cf = rep->cf;
	const struct checklist *cl = cf->checklist;
	struct strbuf v;

	strbuf_init(&v);
	heading(sb, "1. The case", width);
	if (cf->description && *cf->description) {
		wrap(sb, cf->description, 0, 0, width);
		strbuf_addc(sb, '\n');
	}
	strbuf_addf(&v, "%s %s: %s", cl->id, cl->version, cl->title);
	field(sb, 0, "Checklist", 11, v.buf, width);
	if (rep->file)
		field(sb, 0, "Case file", 11, rep->file, width);
	field(sb, 0, "Created", 11, cf->created ? cf->created : "not recorded", width);
	field(sb, 0, "Modified", 11, cf->modified ? cf->modified : "not recorded", width);
	strbuf_reset(&v);
	report_progress_sentence(rep, &v);
	field(sb, 0, "Progress", 11, v.buf, width);
	strbuf_release(&v);
}

static void verdict_section(const struct report *rep, size_t width, struct strbuf *sb)
{
	const struct checklist *cl = rep->cf->checklist;
	struct strbuf v;
	size_t i;

	strbuf_init(&v);
	strbuf_adds(&v, "2. Overall verdict: ");
	upper_words(&v, rep->score.overall_verdict);
	heading(sb, v.buf, width);
	strbuf_reset(&v);
	report_verdict_sentence(rep, &v);
	wrap(sb, v.buf, 0, 0, width);
	if (rep->strict && strcmp(rep->plain.overall_verdict, rep->score.overall_verdict) != 0) {
		strbuf_reset(&v);
		strbuf_adds(&v, "Without the proof standards the overall verdict would be ");
		report_add_words(&v, rep->plain.overall_verdict);
		strbuf_addc(&v, '.');
		wrap(sb, v.buf, 0, 0, width);
	}
	strbuf_adds(sb, "\nReasons:\n");
	for (i = 0; i < cl->nframeworks; i++) {
		strbuf_reset(&v);
		strbuf_adds(&v, "- ");
		render_framework_reason(&rep->score, i, &v);
		wrap(sb, v.buf, 0, 2, width);
	}
	strbuf_reset(&v);
	strbuf_addf(&v, "Legal test: %s (%s)", cl->overall.title, cl->overall.source);
	strbuf_addc(sb, '\n');
	wrap(sb, v.buf, 0, 0, width);
	strbuf_release(&v);
}

static void frameworks_section(const struct report *rep, size_t width, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	struct strbuf v;
	size_t i, j;

	strbuf_init(&v);
	heading(sb, "3. Frameworks", width);
	for (i = 0; i < cl->nframeworks; i++) {
		const struct framework_result *fr = &r->frameworks[i];
		const struct framework *f = fr->framework;
		struct text_table t;

		strbuf_reset(&v);
		strbuf_addf(&v, "3.%zu %s (%s)", i + 1, f->title, f->id);
		strbuf_addc(sb, '\n');
		wrap(sb, v.buf, 0, 4, width);
		strbuf_reset(&v);
		upper_words(&v, verdict_names[fr->verdict]);
		if (fr->score >= 0)
			strbuf_addf(&v, ", score %d/100", fr->score);
		field(sb, 4, "Verdict", 9, v.buf, width);
		field(sb, 4, "Source", 9, f->source, width);
		if (f->description)
			wrap(sb, f->description, 4, 4, width);
		strbuf_addc(sb, '\n');
		table_init(&t, 4);
		t.spaced = true;
		table_cell(&t, "Result");
		table_cell(&t, "Type");
		table_cell(&t, "Question = answer");
		table_cell(&t, "Criterion and legal source");
		for (j = 0; j < f->ncriteria; j++) {
			const struct criterion_outcome *cr = &fr->criteria[j];
			const struct criterion *c = cr->criterion;
			const char *why = c->explanation[cr->result];

			strbuf_reset(&v);
			strbuf_adds(&v, result_label(cr->result));
			if (cr->strict != STRICT_OK)
				strbuf_adds(&v, "\n(strict)");
			table_cell(&t, v.buf);
			table_cell(&t, c->necessary ? "necessary" : "factor");
			strbuf_reset(&v);
			strbuf_addf(&v, "%s\n= %s", cl->questions[c->question].id,
				    report_answer_word(r, c->question));
			table_cell(&t, v.buf);
			strbuf_reset(&v);
			strbuf_adds(&v, c->title);
			if (cr->strict != STRICT_OK)
				strbuf_addf(&v, "\nStrict: answered %s, counted as unknown: %s.",
					    result_names[cr->given],
					    render_strict_reason(cr->strict));
			if (why)
				strbuf_addf(&v, "\n%s", why);
			strbuf_addf(&v, "\nSource: %s", c->source);
			table_cell(&t, v.buf);
		}
		table_render(&t, 4, width, sb);
		table_release(&t);
	}
	strbuf_release(&v);
}

static void findings_section(const struct report *rep, size_t width, struct strbuf *sb)
{
	const struct checklist *cl = rep->cf->checklist;
	struct strbuf v;
	size_t i;

	strbuf_init(&v);
	heading(sb, "4. Findings", width);
	if (!rep->score.nfindings_fired)
		strbuf_adds(sb, "None of the consistency checks applies.\n");
	for (i = 0; i < cl->nfindings; i++) {
		if (!rep->score.findings[i])
			continue;
		strbuf_reset(&v);
		strbuf_addf(&v, "- %s: %s (%s)", cl->findings[i].id, cl->findings[i].text,
			    cl->findings[i].source);
		wrap(sb, v.buf, 0, 2, width);
	}
	strbuf_release(&v);
}

static void open_section(const struct report *rep, size_t width, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	struct strbuf v;
	size_t k, q, i;

	strbuf_init(&v);
	heading(sb, "5. Open questions", width);
	for (k = 0; k < OPEN_COUNT; k++) {
		size_t n = report_count_open(rep, (enum report_open)k);

		strbuf_reset(&v);
		strbuf_addf(&v, "%s: %s", report_open_titles[k], n ? "" : "none");
		wrap(sb, v.buf, 0, 2, width);
		for (q = 0; q < cl->nquestions; q++) {
			if (!report_is_open(rep, q, (enum report_open)k))
				continue;
			strbuf_reset(&v);
			strbuf_addf(&v, "- %s = %s: %s", cl->questions[q].id,
				    report_answer_word(r, q), cl->questions[q].title);
			wrap(sb, v.buf, 0, 2, width);
		}
	}
	if (rep->strict) {
		size_t j;

		size_t n = report_count_downgrades(rep);

		strbuf_reset(&v);
		strbuf_addf(&v,
			    "Strict downgrades (answers whose evidence does not meet the proof "
			    "standard, counted as unknown): %s",
			    n ? "" : "none");
		wrap(sb, v.buf, 0, 2, width);
		for (i = 0; i < cl->nframeworks; i++)
			for (j = 0; j < cl->frameworks[i].ncriteria; j++) {
				const struct criterion_outcome *cr = &r->frameworks[i].criteria[j];

				if (cr->strict == STRICT_OK)
					continue;
				strbuf_reset(&v);
				strbuf_addf(&v, "- %s, %s: %s = %s, answered %s: %s",
					    cl->frameworks[i].id, cr->criterion->title,
					    cl->questions[cr->criterion->question].id,
					    report_answer_word(r, cr->criterion->question),
					    result_names[cr->given],
					    render_strict_reason(cr->strict));
				wrap(sb, v.buf, 0, 2, width);
			}
	}
	strbuf_reset(&v);
	strbuf_addf(&v, "Pivotal answers (a different answer would change the overall verdict): %s",
		    r->npivotal ? "" : "none");
	wrap(sb, v.buf, 0, 2, width);
	for (i = 0; i < r->npivotal; i++) {
		const struct pivotal_answer *p = &r->pivotal[i];

		strbuf_reset(&v);
		strbuf_addf(&v, "- %s: %s -> %s would give ", cl->questions[p->question].id,
			    report_answer_word(r, p->question),
			    cl->questions[p->question].choices[p->choice].keyword);
		report_add_words(&v, p->verdict);
		wrap(sb, v.buf, 0, 2, width);
	}
	strbuf_release(&v);
}

static void evidence_text(const struct report *rep, size_t q, size_t i, size_t width,
			  struct strbuf *sb)
{
	const struct evidence *ev = &rep->cf->answers[q].evidence[i];
	struct strbuf v;

	size_t in;

	strbuf_init(&v);
	strbuf_addf(&v, "[%zu] ", rep->cite[q][i] + 1);
	in = 4 + v.len;
	add_clean(&v, ev->source);
	if (ev->title) {
		strbuf_adds(&v, ", \u201c");
		add_clean(&v, ev->title);
		strbuf_adds(&v, "\u201d");
	}
	wrap_clean(sb, v.buf, 4, in, width);
	strbuf_reset(&v);
	if (ev->date)
		strbuf_addf(&v, "dated %s; ", ev->date);
	if (ev->event_date)
		strbuf_addf(&v, "event %s; ", ev->event_date);
	strbuf_adds(&v, "grade ");
	report_add_grade(&v, ev);
	if (ev->kind != KIND_UNSET) {
		strbuf_adds(&v, "; ");
		report_add_words(&v, evidence_kind_names[ev->kind]);
	}
	if (ev->origin != ORIGIN_UNSET) {
		strbuf_adds(&v, "; origin: ");
		report_add_words(&v, evidence_origin_names[ev->origin]);
	}
	wrap(sb, v.buf, in, in, width);
	if (ev->quote) {
		strbuf_reset(&v);
		strbuf_adds(&v, "\u201c");
		add_clean(&v, ev->quote);
		strbuf_adds(&v, "\u201d");
		wrap_clean(sb, v.buf, in, in + 1, width);
	}
	if (ev->url)
		wrap(sb, ev->url, in, in, width);
	if (ev->citation && *ev->citation)
		wrap(sb, ev->citation, in, in, width);
	if (ev->note && *ev->note) {
		strbuf_reset(&v);
		strbuf_adds(&v, "Note: ");
		add_clean(&v, ev->note);
		wrap_clean(sb, v.buf, in, in, width);
	}
	strbuf_release(&v);
}

static void questions_section(const struct report *rep, size_t width, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	const struct casefile *cf = rep->cf;
	size_t q, i, section = (size_t)-1;
	struct strbuf v;

	strbuf_init(&v);
	heading(sb, "6. Questions, answers and evidence", width);
	for (q = 0; q < cl->nquestions; q++) {
		const struct question *qu = &cl->questions[q];
		const struct answer *a = &cf->answers[q];
		int c = r->choices[q];

		if (qu->section != section) {
			section = qu->section;
			strbuf_reset(&v);
			strbuf_addf(&v, "%s %s", cl->sections[section].id,
				    cl->sections[section].title);
			strbuf_addc(sb, '\n');
			wrap(sb, v.buf, 0, 0, width);
		}
		strbuf_reset(&v);
		strbuf_addf(&v, "%s \u2014 %s", qu->id, qu->title);
		strbuf_addc(sb, '\n');
		wrap(sb, v.buf, 2, 4, width);
		wrap(sb, qu->text, 4, 4, width);
		strbuf_reset(&v);
		strbuf_adds(&v, report_answer_word(r, q));
		if (r->applicable[q] && c >= 0)
			strbuf_addf(&v, " (%s)", qu->choices[c].label);
		if (rep->best[q] >= 0) {
			strbuf_adds(&v, "; best evidence ");
			report_add_grade(&v, &a->evidence[rep->best[q]]);
		} else if (r->unsupported[q]) {
			strbuf_adds(&v, "; unsupported: no evidence");
		}
		field(sb, 4, "Answer:", 8, v.buf, width);
		if (a->note && *a->note)
			field(sb, 4, "Note:", 8, a->note, width);
		if (a->nevidence)
			strbuf_adds(sb, "    Evidence:\n");
		for (i = 0; i < a->nevidence; i++)
			evidence_text(rep, q, i, width, sb);
	}
	strbuf_release(&v);
}

static void add_question_refs(struct strbuf *v, const struct score_result *r, const size_t *qs,
			      size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		strbuf_addf(v, "%s%s = %s", i ? ", " : "", r->checklist->questions[qs[i]].id,
			    report_answer_word(r, qs[i]));
}

static void timeline_section(const struct report *rep, size_t width, struct strbuf *sb)
{
	struct text_table t;
	struct strbuf v;
	size_t i;

	heading(sb, "7. Timeline", width);
	if (!rep->nevents) {
		strbuf_adds(sb, "No evidence item carries a date.\n");
		return;
	}
	wrap(sb,
	     "Dated events reported in the evidence (the event's date, else the source's), in "
	     "order; a partial date comes before the precise dates within its period.",
	     0, 0, width);
	strbuf_addc(sb, '\n');
	strbuf_init(&v);
	table_init(&t, 3);
	table_cell(&t, "Date");
	table_cell(&t, "Source");
	table_cell(&t, "Supports");
	for (i = 0; i < rep->nevents; i++) {
		const struct report_event *e = &rep->events[i];

		table_cell(&t, e->date);
		strbuf_reset(&v);
		strbuf_addf(&v, "[%zu] ", e->source + 1);
		add_clean(&v, e->ev->source);
		if (e->ev->title) {
			strbuf_adds(&v, ", \u201c");
			add_clean(&v, e->ev->title);
			strbuf_adds(&v, "\u201d");
		}
		table_cell(&t, v.buf);
		strbuf_reset(&v);
		add_question_refs(&v, &rep->score, e->questions, e->nquestions);
		table_cell(&t, v.buf);
	}
	table_render(&t, 0, width, sb);
	table_release(&t);
	strbuf_release(&v);
}

static void bibliography_section(const struct report *rep, size_t width, struct strbuf *sb)
{
	static const struct report_markup markup = {add_clean, add_clean};
	struct strbuf v;
	size_t i;

	heading(sb, "8. Bibliography", width);
	if (!rep->nsources) {
		strbuf_adds(sb, "No source is cited.\n");
		return;
	}
	strbuf_init(&v);
	for (i = 0; i < rep->nsources; i++) {
		const struct report_source *s = &rep->sources[i];
		size_t in;

		strbuf_reset(&v);
		strbuf_addf(&v, "[%zu] ", i + 1);
		in = v.len;
		report_add_source_entry(&v, s->ev, &markup);
		wrap_clean(sb, v.buf, 0, in, width);
		strbuf_reset(&v);
		strbuf_adds(&v, "Cited for: ");
		add_question_refs(&v, &rep->score, s->questions, s->nquestions);
		wrap(sb, v.buf, in, in, width);
	}
	strbuf_release(&v);
}

void report_render_text(const struct report *rep, size_t width, struct strbuf *sb)
{
	const struct casefile *cf = rep->cf;
	struct strbuf v;
	size_t start = sb->len;

	if (width < REPORT_MIN_WIDTH)
		width = REPORT_MIN_WIDTH;
	strbuf_init(&v);
	strbuf_adds(&v, "Report: ");
	strbuf_adds(&v, cf->title && *cf->title ? cf->title
			: rep->file             ? rep->file
						: "untitled case");
	heading(sb, v.buf, width);
	/* heading() starts with a blank line; a document does not. */
	memmove(sb->buf + start, sb->buf + start + 1, sb->len - start);
	sb->len--;
	strbuf_reset(&v);
	strbuf_addf(&v, "Assessed against checklist %s %s. Generated by legitcheck %s on %s.",
		    cf->checklist->id, cf->checklist->version, LEGITCHECK_VERSION, rep->generated);
	wrap(sb, v.buf, 0, 0, width);
	if (rep->strict) {
		strbuf_addc(sb, '\n');
		wrap(sb,
		     "STRICT PROOF STANDARDS APPLIED: an answer counts only when its evidence "
		     "meets "
		     "the proof standard of the criterion; otherwise the criterion counts as "
		     "unknown, "
		     "and each such downgrade is shown.",
		     0, 0, width);
	}
	case_section(rep, width, sb);
	verdict_section(rep, width, sb);
	frameworks_section(rep, width, sb);
	findings_section(rep, width, sb);
	open_section(rep, width, sb);
	questions_section(rep, width, sb);
	timeline_section(rep, width, sb);
	bibliography_section(rep, width, sb);
	strbuf_reset(&v);
	strbuf_addf(&v, "Generated by legitcheck %s on %s.", LEGITCHECK_VERSION, rep->generated);
	strbuf_addc(sb, '\n');
	wrap(sb, v.buf, 0, 0, width);
	strbuf_release(&v);
}

/*
 * The comparison in text.
 */

static void compare_case_list(const struct comparison *cmp, size_t width, struct strbuf *sb)
{
	struct strbuf v;
	size_t k;

	strbuf_init(&v);
	for (k = 0; k < cmp->ncases; k++) {
		const struct compare_case *c = &cmp->cases[k];

		strbuf_reset(&v);
		strbuf_addf(&v, "(%c) ", (int)('A' + k % 26));
		add_clean(&v, c->cf->title && *c->cf->title ? c->cf->title
			      : c->file                     ? c->file
							    : "untitled case");
		if (c->file) {
			strbuf_adds(&v, " [");
			add_clean(&v, c->file);
			strbuf_addc(&v, ']');
		}
		strbuf_addf(&v, ", checklist %s %s, %zu of %zu answered", c->cf->checklist->id,
			    c->cf->checklist->version, c->score.answered,
			    c->score.applicable_count);
		wrap(sb, v.buf, 0, 4, width);
	}
	strbuf_release(&v);
}

static void case_header(struct text_table *t, const struct comparison *cmp, const char *first)
{
	char label[8];
	size_t k;

	table_cell(t, "");
	table_cell(t, first);
	for (k = 0; k < cmp->ncases; k++) {
		snprintf(label, sizeof(label), "(%c)", (int)('A' + k % 26));
		table_cell(t, label);
	}
}

void compare_render_text(const struct comparison *cmp, size_t width, struct strbuf *sb)
{
	struct text_table t;
	struct strbuf v;
	size_t i, k, start = sb->len;
	const char *group = NULL;

	if (width < REPORT_MIN_WIDTH)
		width = REPORT_MIN_WIDTH;
	strbuf_init(&v);
	heading(sb, "Comparison of cases", width);
	memmove(sb->buf + start, sb->buf + start + 1, sb->len - start);
	sb->len--;
	compare_case_list(cmp, width, sb);
	strbuf_addc(sb, '\n');
	compare_scope_sentence(cmp, &v);
	wrap(sb, v.buf, 0, 0, width);
	wrap(sb,
	     "Rows marked * differ between the cases; rows marked ~ have the same answers "
	     "but different best evidence.",
	     0, 0, width);

	heading(sb, "1. Overall verdicts", width);
	table_init(&t, cmp->ncases + 2);
	case_header(&t, cmp, "");
	table_cell(&t, cmp->overall_differs ? "*" : "");
	table_cell(&t, "overall");
	for (k = 0; k < cmp->ncases; k++) {
		strbuf_reset(&v);
		report_add_words(&v, cmp->cases[k].score.overall_verdict);
		table_cell(&t, v.buf);
	}
	table_render(&t, 0, width, sb);
	table_release(&t);

	heading(sb, "2. Frameworks", width);
	if (!cmp->nframeworks)
		strbuf_adds(sb, "The checklists share no framework.\n");
	table_init(&t, cmp->ncases + 2);
	case_header(&t, cmp, "Framework");
	for (i = 0; i < cmp->nframeworks; i++) {
		const struct compare_row *row = &cmp->frameworks[i];

		table_cell(&t, row->differs ? "*" : "");
		table_cell(&t, row->id);
		for (k = 0; k < cmp->ncases; k++) {
			const struct framework_result *fr =
				&cmp->cases[k].score.frameworks[row->index[k]];

			strbuf_reset(&v);
			report_add_words(&v, verdict_names[fr->verdict]);
			if (fr->score >= 0)
				strbuf_addf(&v, ", %d/100", fr->score);
			table_cell(&t, v.buf);
		}
	}
	if (cmp->nframeworks)
		table_render(&t, 0, width, sb);
	table_release(&t);

	heading(sb, "3. Findings", width);
	if (!cmp->nfindings) {
		strbuf_adds(sb, "No consistency check applies to any of the cases.\n");
	} else {
		table_init(&t, cmp->ncases + 2);
		case_header(&t, cmp, "Finding");
		for (i = 0; i < cmp->nfindings; i++) {
			const struct compare_row *row = &cmp->findings[i];

			table_cell(&t, row->differs ? "*" : "");
			table_cell(&t, row->id);
			for (k = 0; k < cmp->ncases; k++)
				table_cell(&t, cmp->cases[k].score.findings[row->index[k]] ? "yes"
											   : "no");
		}
		table_render(&t, 0, width, sb);
		table_release(&t);
	}

	heading(sb, "4. Questions (answer; best evidence)", width);
	if (!cmp->nquestions)
		strbuf_adds(sb, "The checklists share no question.\n");
	table_init(&t, cmp->ncases + 2);
	case_header(&t, cmp, "Question");
	for (i = 0; i < cmp->nquestions; i++) {
		const struct compare_row *row = &cmp->questions[i];

		if (!group || strcmp(group, row->group) != 0) {
			group = row->group;
			strbuf_reset(&v);
			strbuf_addf(&v, "%s %s", group, compare_section_title(cmp, i));
			table_note(&t, v.buf);
		}
		table_cell(&t, row->differs ? "*" : row->grade_differs ? "~" : "");
		table_cell(&t, row->id);
		for (k = 0; k < cmp->ncases; k++) {
			const struct compare_case *c = &cmp->cases[k];

			strbuf_reset(&v);
			strbuf_addf(&v, "%s; ",
				    report_answer_word(&c->score, (size_t)row->index[k]));
			compare_add_best_grade(c, (size_t)row->index[k], &v);
			table_cell(&t, v.buf);
		}
	}
	if (cmp->nquestions)
		table_render(&t, 0, width, sb);
	table_release(&t);

	heading(sb, "5. Answers and notes side by side", width);
	if (!cmp->nquestions)
		strbuf_adds(sb, "The checklists share no question.\n");
	for (i = 0; i < cmp->nquestions; i++) {
		const struct compare_row *row = &cmp->questions[i];

		strbuf_reset(&v);
		strbuf_addf(&v, "%s%s \u2014 %s (%s)", row->differs ? "* " : "", row->id,
			    row->title, row->differs ? "answers differ" : "same answer");
		strbuf_addc(sb, '\n');
		wrap(sb, v.buf, 0, 4, width);
		for (k = 0; k < cmp->ncases; k++) {
			const struct compare_case *c = &cmp->cases[k];
			const struct answer *a = &c->cf->answers[row->index[k]];

			strbuf_reset(&v);
			strbuf_addf(&v, "(%c) %s", (int)('A' + k % 26),
				    report_answer_word(&c->score, (size_t)row->index[k]));
			if (a->note && *a->note) {
				strbuf_adds(&v, ": ");
				add_clean(&v, a->note);
			}
			wrap_clean(sb, v.buf, 2, 6, width);
		}
	}
	strbuf_reset(&v);
	strbuf_addf(&v, "Generated by legitcheck %s on %s.", LEGITCHECK_VERSION, cmp->generated);
	strbuf_addc(sb, '\n');
	wrap(sb, v.buf, 0, 0, width);
	strbuf_release(&v);
}
