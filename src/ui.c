/* Presentation helpers of the session: colour, wrapping, progress; see ui.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "legitcheck/ui.h"

const char *ui_color(const struct session *s, enum ui_color c)
{
	static const char *const codes[] = {
		"\033[0m", "\033[1m", "\033[2m", "\033[32m", "\033[33m", "\033[31m", "\033[36m",
	};

	if (!s->color || (size_t)c >= sizeof(codes) / sizeof(codes[0]))
		return "";
	return codes[c];
}

/*
 * Appends the words of [p, end) from column *col on: a word that would pass
 * width starts a new line at column hang, except the first, which stays
 * where it is. keep_gaps keeps the spaces between words as they are (text
 * laid out in columns); otherwise one space separates them.
 */
static void add_words(struct strbuf *sb, const char *p, const char *end, size_t *col, size_t width,
		      size_t hang, bool keep_gaps)
{
	size_t start = *col, c = *col;

	while (p < end) {
		const char *gap = p, *w = p, *q;
		size_t ww, glen;

		while (w < end && *w == ' ')
			w++;
		if (w == end)
			break;
		for (q = w; q < end && *q != ' ';)
			q++;
		ww = util_utf8_width(w, (size_t)(q - w));
		glen = keep_gaps ? (size_t)(w - gap) : 1;
		if (c > start && c + glen + ww > width) {
			strbuf_addf(sb, "\n%*s", (int)hang, "");
			c = hang;
		} else if (c > start) {
			if (keep_gaps)
				strbuf_add(sb, gap, glen);
			else
				strbuf_addc(sb, ' ');
			c += glen;
		}
		strbuf_add(sb, w, (size_t)(q - w));
		c += ww;
		p = q;
	}
	*col = c;
}

static void wrap_paragraph(struct strbuf *sb, const char *p, const char *end, size_t indent,
			   size_t width, const char *first)
{
	size_t col = indent;

	/* A paragraph of no words is an empty line, without its bullet. */
	if (p + strspn(p, " ") < end) {
		if (first)
			strbuf_addf(sb, "%-*s", (int)indent, first);
		else
			strbuf_addf(sb, "%*s", (int)indent, "");
		add_words(sb, p, end, &col, width, indent, false);
	}
	strbuf_addc(sb, '\n');
}

void ui_wrap_item(struct strbuf *sb, const char *bullet, const char *text, size_t indent,
		  size_t width)
{
	const char *p = text;

	if (width < indent + 20)
		width = indent + 20;
	for (;;) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);

		wrap_paragraph(sb, p, end, indent, width, bullet);
		bullet = NULL;
		if (!nl)
			break;
		p = nl + 1;
	}
}

void ui_wrap(struct strbuf *sb, const char *text, size_t indent, size_t width)
{
	ui_wrap_item(sb, NULL, text, indent, width);
}

/* One line (without its newline), broken between words where it is wider
 * than width; continuations are indented extra columns more than it. */
static void put_line(struct strbuf *sb, const char *line, const char *end, size_t width,
		     size_t extra)
{
	size_t lead = strspn(line, " "), hang = lead + extra, col = lead;

	if (util_utf8_width(line, (size_t)(end - line)) <= width) {
		strbuf_add(sb, line, (size_t)(end - line));
		return;
	}
	/* An indentation that leaves no room is not kept on continuations. */
	if (hang > width / 2)
		hang = 2;
	strbuf_add(sb, line, lead);
	add_words(sb, line + lead, end, &col, width, hang, true);
}

void ui_wrap_lines(struct strbuf *sb, const char *text, size_t width)
{
	const char *line = text;

	while (*line) {
		const char *end = strchr(line, '\n');

		if (!end)
			end = line + strlen(line);
		put_line(sb, line, end, width, 2);
		if (!*end)
			break;
		strbuf_addc(sb, '\n');
		line = end + 1;
	}
}

static bool is_prose_line(const char *line, const char *end)
{
	const char *p;

	if (line == end || *line == ' ')
		return false;
	for (p = line; p + 1 < end; p++)
		if (p[0] == ' ' && p[1] == ' ')
			return false;
	return true;
}

/* Where the second column of a line laid out in columns starts (after the
 * first two or more spaces that follow its text), in columns from the
 * line's own indentation; 2 when it has none. */
static size_t second_column(const char *line, const char *end)
{
	size_t lead = strspn(line, " ");
	const char *p = line + lead, *gap;

	gap = p;
	while (gap + 1 < end && !(gap[0] == ' ' && gap[1] == ' '))
		gap++;
	if (gap + 1 >= end)
		return 2;
	while (gap < end && *gap == ' ')
		gap++;
	return util_utf8_width(p, (size_t)(gap - p));
}

void ui_reflow(struct strbuf *sb, const char *text, size_t width)
{
	struct strbuf para;
	const char *line = text;

	strbuf_init(&para);
	for (;;) {
		const char *end = strchr(line, '\n');
		bool prose;

		if (!end)
			end = line + strlen(line);
		prose = is_prose_line(line, end);
		if (prose)
			strbuf_addf(&para, "%s%.*s", para.len ? " " : "", (int)(end - line), line);
		/* A paragraph ends at a line that is not prose, or at the end. */
		if (para.len && (!prose || !*end || !*(end + 1))) {
			put_line(sb, para.buf, para.buf + para.len, width, 0);
			strbuf_reset(&para);
			if (!prose || *end)
				strbuf_addc(sb, '\n');
		}
		if (!prose) {
			put_line(sb, line, end, width, second_column(line, end));
			if (*end)
				strbuf_addc(sb, '\n');
		}
		if (!*end || !*(end + 1))
			break;
		line = end + 1;
	}
	strbuf_release(&para);
}

unsigned ui_terminal_columns(FILE *f)
{
	struct winsize ws;
	int fd = fileno(f);

	if (fd < 0 || !isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col;
}

void ui_say_lines(struct session *s, const struct strbuf *text)
{
	struct strbuf wrapped;

	if (!s->wrap) {
		session_write(s, s->out, text->buf, text->len);
		return;
	}
	strbuf_init(&wrapped);
	ui_wrap_lines(&wrapped, text->buf, s->width);
	session_write(s, s->out, wrapped.buf, wrapped.len);
	strbuf_release(&wrapped);
}

void ui_say_wrapped(struct session *s, const char *text, size_t indent)
{
	struct strbuf sb;

	strbuf_init(&sb);
	ui_wrap(&sb, text, indent, s->width);
	session_write(s, s->out, sb.buf, sb.len);
	strbuf_release(&sb);
}

void ui_progress(const struct session *s, const struct score_result *r, size_t question,
		 struct strbuf *sb)
{
	const struct checklist *cl = s->cf->checklist;
	const struct section *sec = &cl->sections[cl->questions[question].section];
	const char *p;

	for (p = sec->id; *p; p++)
		strbuf_addc(sb, (char)toupper((unsigned char)*p));
	strbuf_addf(sb, " %s · %zu of %zu answered · %zu unsupported", sec->title, r->answered,
		    r->applicable_count, r->unsupported_count);
}

void ui_evidence_summary(const struct evidence *ev, struct strbuf *sb)
{
	strbuf_adds(sb, ev->source ? ev->source : "(no source)");
	if (ev->title)
		strbuf_addf(sb, ", \"%s\"", ev->title);
	if (ev->date)
		strbuf_addf(sb, ", %s", ev->date);
	if (ev->reliability)
		strbuf_addf(sb, " · %c%c", ev->reliability, ev->credibility);
	if (ev->kind != KIND_UNSET)
		strbuf_addf(sb, " · %s", evidence_kind_names[ev->kind]);
	if (ev->origin != ORIGIN_UNSET)
		strbuf_addf(sb, " · %s", evidence_origin_names[ev->origin]);
	if (ev->disputed)
		strbuf_adds(sb, " · disputed");
}

const char *ui_best_grade(const struct evidence *items, size_t n, char buf[16])
{
	const struct evidence *best = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (!best || evidence_rank(&items[i]) < evidence_rank(best))
			best = &items[i];
	if (!best)
		return "-";
	if (!best->reliability)
		return best->disputed ? "ungraded, disputed" : "ungraded";
	snprintf(buf, 16, "%c%c%s", best->reliability, best->credibility,
		 best->disputed ? " disputed" : "");
	return buf;
}

void ui_say_evidence(struct session *s, const struct evidence *items, size_t n)
{
	struct strbuf sb, out;
	size_t i;

	strbuf_init(&sb);
	strbuf_init(&out);
	for (i = 0; i < n; i++) {
		const struct evidence *ev = &items[i];
		char bullet[32];

		strbuf_reset(&sb);
		strbuf_reset(&out);
		ui_evidence_summary(ev, &sb);
		snprintf(bullet, sizeof(bullet), "  [%zu]", i + 1);
		ui_wrap_item(&out, bullet, sb.buf, 6, s->width);
		if (ev->event_date) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "event: %s", ev->event_date);
			ui_wrap(&out, sb.buf, 6, s->width);
		}
		if (ev->quote) {
			static const char *const marks[] = {"«", "\"", "“", "„", "‘", "'", "‹"};
			bool marked = false;
			size_t m;

			/* A quote the user typed with its own marks gets no more. */
			for (m = 0; m < sizeof(marks) / sizeof(marks[0]); m++)
				marked = marked ||
					 strncmp(ev->quote, marks[m], strlen(marks[m])) == 0;
			strbuf_reset(&sb);
			strbuf_addf(&sb, marked ? "%s" : "«%s»", ev->quote);
			ui_wrap(&out, sb.buf, 6, s->width);
		}
		if (ev->url)
			ui_wrap(&out, ev->url, 6, s->width);
		if (ev->citation)
			ui_wrap(&out, ev->citation, 6, s->width);
		if (ev->note) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "note: %s", ev->note);
			ui_wrap(&out, sb.buf, 6, s->width);
		}
		session_write(s, s->out, out.buf, out.len);
	}
	strbuf_release(&sb);
	strbuf_release(&out);
}
