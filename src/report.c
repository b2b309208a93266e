/*
 * The report model: score, open questions, bibliography and timeline of a
 * case, and the wording and text helpers every rendering shares; see report.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "legitcheck/render.h"
#include "legitcheck/report.h"

const char *const report_format_names[REPORT_FORMAT_COUNT] = {"text", "md", "html", "json"};

const char *const report_open_names[OPEN_COUNT] = {"unanswered", "unknown", "unsupported",
						   "disputed"};

const char *const report_open_titles[OPEN_COUNT] = {
	"Unanswered questions",
	"Answered unknown: the evidence does not settle them",
	"Unsupported answers: no evidence recorded (scored as given)",
	"Answers resting on disputed evidence",
};

static char *base_name(const char *path)
{
	const char *slash;

	if (!path)
		return NULL;
	slash = strrchr(path, '/');
	return xstrdup(slash && slash[1] ? slash + 1 : path);
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static void add_question(size_t **list, size_t *n, size_t *alloc, size_t q)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*list)[i] == q)
			return;
	xgrow(list, alloc, *n + 1, sizeof(**list));
	(*list)[(*n)++] = q;
}

/*
 * The bibliography's index by source+title+url: open addressing over a table
 * at least twice the number of items, so that a case of 100,000 items is
 * numbered in linear time.
 */
struct source_index {
	size_t *slots; /* bibliography index + 1; 0 is empty */
	size_t mask;
};

static void hash_text(unsigned long long *h, const char *s)
{
	/* FNV-1a; a NUL separates the fields. */
	for (; s && *s; s++)
		*h = (*h ^ (unsigned char)*s) * 1099511628211ULL;
	*h = (*h ^ 0xFFu) * 1099511628211ULL;
}

static size_t source_hash(const struct evidence *ev)
{
	unsigned long long h = 14695981039346656037ULL;

	hash_text(&h, ev->source);
	hash_text(&h, ev->title);
	hash_text(&h, ev->url);
	return (size_t)(h ^ (h >> 29));
}

/* The bibliography index of ev, adding an entry when it is a new source. */
static size_t cite_source(struct report *rep, struct source_index *idx, size_t *alloc,
			  const struct evidence *ev, size_t q)
{
	size_t slot = source_hash(ev) & idx->mask, i;

	for (;; slot = (slot + 1) & idx->mask) {
		const struct evidence *s;

		if (!idx->slots[slot]) {
			i = rep->nsources;
			xgrow(&rep->sources, alloc, rep->nsources + 1, sizeof(*rep->sources));
			memset(&rep->sources[i], 0, sizeof(rep->sources[i]));
			rep->sources[i].ev = ev;
			rep->nsources++;
			idx->slots[slot] = i + 1;
			break;
		}
		i = idx->slots[slot] - 1;
		s = rep->sources[i].ev;
		if (same_text(s->source, ev->source) && same_text(s->title, ev->title) &&
		    same_text(s->url, ev->url))
			break;
	}
	add_question(&rep->sources[i].questions, &rep->sources[i].nquestions,
		     &rep->sources[i].aquestions, q);
	return i;
}

/* Raw timeline entries, one per dated item, before merging. */
struct raw_event {
	const char *date;
	const struct evidence *ev;
	size_t source, question, order;
};

static int cmp_raw_event(const void *pa, const void *pb)
{
	const struct raw_event *a = pa, *b = pb;
	int c = report_date_compare(a->date, b->date);

	if (c)
		return c;
	if (a->source != b->source)
		return a->source < b->source ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void build_timeline(struct report *rep)
{
	const struct casefile *cf = rep->cf;
	struct raw_event *raw = NULL;
	size_t nraw = 0, araw = 0, aevents = 0, q, i;

	for (q = 0; q < cf->checklist->nquestions; q++)
		for (i = 0; i < cf->answers[q].nevidence; i++) {
			const struct evidence *ev = &cf->answers[q].evidence[i];
			const char *date = ev->event_date ? ev->event_date : ev->date;

			if (!date || !*date)
				continue;
			xgrow(&raw, &araw, nraw + 1, sizeof(*raw));
			raw[nraw].date = date;
			raw[nraw].ev = ev;
			raw[nraw].source = rep->cite[q][i];
			raw[nraw].question = q;
			raw[nraw].order = nraw;
			nraw++;
		}
	if (nraw)
		qsort(raw, nraw, sizeof(*raw), cmp_raw_event);
	for (i = 0; i < nraw; i++) {
		struct report_event *e;

		if (!rep->nevents || rep->events[rep->nevents - 1].source != raw[i].source ||
		    strcmp(rep->events[rep->nevents - 1].date, raw[i].date) != 0) {
			xgrow(&rep->events, &aevents, rep->nevents + 1, sizeof(*rep->events));
			e = &rep->events[rep->nevents++];
			memset(e, 0, sizeof(*e));
			e->date = raw[i].date;
			e->ev = raw[i].ev;
			e->source = raw[i].source;
		}
		e = &rep->events[rep->nevents - 1];
		add_question(&e->questions, &e->nquestions, &e->aquestions, raw[i].question);
	}
	/* Questions of one event in checklist order, whatever order they came in. */
	for (i = 0; i < rep->nevents; i++) {
		struct report_event *e = &rep->events[i];
		size_t a, b;

		for (a = 1; a < e->nquestions; a++)
			for (b = a; b > 0 && e->questions[b - 1] > e->questions[b]; b--) {
				size_t t = e->questions[b];

				e->questions[b] = e->questions[b - 1];
				e->questions[b - 1] = t;
			}
	}
	free(raw);
}

void report_build(struct report *rep, const struct casefile *cf, const char *file, bool strict)
{
	const struct checklist *cl = cf->checklist;
	struct score_options opts;
	struct source_index idx;
	size_t q, i, asources = 0, nitems;

	memset(rep, 0, sizeof(*rep));
	rep->cf = cf;
	rep->file = base_name(file);
	rep->strict = strict;
	util_now_iso(rep->generated);
	score_options_init(&opts);
	opts.strict = strict;
	opts.pivotal = true;
	score_compute(cf, &opts, &rep->score);
	if (strict) {
		score_options_init(&opts);
		score_compute(cf, &opts, &rep->plain);
	}
	rep->cite = xcalloc(cl->nquestions + 1, sizeof(*rep->cite));
	rep->best = xcalloc(cl->nquestions + 1, sizeof(*rep->best));
	for (q = 0, nitems = 0; q < cl->nquestions; q++)
		nitems += cf->answers[q].nevidence;
	for (idx.mask = 15; idx.mask < 2 * nitems; idx.mask = idx.mask * 2 + 1)
		;
	idx.slots = xcalloc(idx.mask + 1, sizeof(*idx.slots));
	for (q = 0; q < cl->nquestions; q++) {
		const struct answer *a = &cf->answers[q];

		rep->cite[q] = xcalloc(a->nevidence + 1, sizeof(**rep->cite));
		rep->best[q] = -1;
		for (i = 0; i < a->nevidence; i++) {
			rep->cite[q][i] = cite_source(rep, &idx, &asources, &a->evidence[i], q);
			if (rep->best[q] < 0 || evidence_rank(&a->evidence[i]) <
							evidence_rank(&a->evidence[rep->best[q]]))
				rep->best[q] = (long)i;
		}
	}
	free(idx.slots);
	build_timeline(rep);
}

void report_release(struct report *rep)
{
	size_t i;

	if (rep->cf && rep->cite)
		for (i = 0; i < rep->cf->checklist->nquestions; i++)
			free(rep->cite[i]);
	free(rep->cite);
	free(rep->best);
	for (i = 0; i < rep->nsources; i++)
		free(rep->sources[i].questions);
	free(rep->sources);
	for (i = 0; i < rep->nevents; i++)
		free(rep->events[i].questions);
	free(rep->events);
	score_result_release(&rep->score);
	if (rep->strict)
		score_result_release(&rep->plain);
	free(rep->file);
	memset(rep, 0, sizeof(*rep));
}

bool report_is_open(const struct report *rep, size_t q, enum report_open kind)
{
	const struct score_result *r = &rep->score;
	const struct answer *a = &rep->cf->answers[q];
	size_t i;

	if (!r->applicable[q])
		return false;
	switch (kind) {
	case OPEN_UNANSWERED:
		return r->choices[q] < 0;
	case OPEN_UNKNOWN:
		return r->choices[q] >= 0 &&
		       (size_t)r->choices[q] == r->checklist->questions[q].unknown_choice;
	case OPEN_UNSUPPORTED:
		return r->unsupported[q];
	case OPEN_DISPUTED:
		for (i = 0; i < a->nevidence; i++)
			if (a->evidence[i].disputed)
				return true;
		return false;
	default:
		return false;
	}
}

size_t report_count_open(const struct report *rep, enum report_open kind)
{
	size_t q, n = 0;

	for (q = 0; q < rep->cf->checklist->nquestions; q++)
		n += report_is_open(rep, q, kind);
	return n;
}

size_t report_count_downgrades(const struct report *rep)
{
	const struct checklist *cl = rep->cf->checklist;
	size_t f, c, n = 0;

	for (f = 0; f < cl->nframeworks; f++)
		for (c = 0; c < cl->frameworks[f].ncriteria; c++)
			n += rep->score.frameworks[f].criteria[c].strict != STRICT_OK;
	return n;
}

void report_render(const struct report *rep, enum report_format fmt, size_t width,
		   struct strbuf *sb)
{
	switch (fmt) {
	case REPORT_MD:
		report_render_md(rep, sb);
		break;
	case REPORT_HTML:
		report_render_html(rep, sb);
		break;
	case REPORT_JSON:
		report_render_json(rep, sb);
		break;
	default:
		report_render_text(rep, width, sb);
	}
}

void report_add_source_entry(struct strbuf *sb, const struct evidence *ev,
			     const struct report_markup *m)
{
	m->text(sb, ev->source);
	strbuf_addc(sb, '.');
	if (ev->title) {
		strbuf_adds(sb, " \u201c");
		m->text(sb, ev->title);
		strbuf_adds(sb, ".\u201d");
	}
	if (ev->date) {
		strbuf_addc(sb, ' ');
		m->text(sb, ev->date);
		strbuf_addc(sb, '.');
	}
	if (ev->kind != KIND_UNSET) {
		strbuf_addc(sb, ' ');
		report_add_words(sb, evidence_kind_names[ev->kind]);
		strbuf_addc(sb, '.');
	}
	if (ev->url) {
		strbuf_addc(sb, ' ');
		m->url(sb, ev->url);
	}
	if (ev->citation && *ev->citation) {
		strbuf_addc(sb, ' ');
		m->text(sb, ev->citation);
	}
}

void report_add_words(struct strbuf *sb, const char *keyword)
{
	for (; *keyword; keyword++)
		strbuf_addc(sb, *keyword == '_' ? ' ' : *keyword);
}

const char *report_answer_word(const struct score_result *r, size_t q)
{
	return render_answer_word(r, q);
}

void report_verdict_sentence(const struct report *rep, struct strbuf *sb)
{
	const struct casefile *cf = rep->cf;
	const struct checklist *cl = cf->checklist;
	const char *text = rep->score.overall_text;

	strbuf_adds(sb, "The overall verdict on ");
	/* The title is the case's text inside ours: isolated, a right-to-left
	 * title (or a stray U+202E in it) cannot reorder the rest of the sentence. */
	if (cf->title && *cf->title) {
		strbuf_adds(sb, "\u201c");
		report_add_isolated(sb, cf->title);
		strbuf_adds(sb, "\u201d");
	} else if (rep->file) {
		strbuf_adds(sb, "the case in ");
		report_add_isolated(sb, rep->file);
	} else {
		strbuf_adds(sb, "this case");
	}
	strbuf_addf(sb, " (checklist %s %s%s) is ", cl->id, cl->version,
		    rep->strict ? ", strict proof standards" : "");
	report_add_words(sb, rep->score.overall_verdict);
	if (!text || !*text) {
		strbuf_addc(sb, '.');
		return;
	}
	strbuf_adds(sb, ": ");
	/* "On the evidence" reads on after a colon as "on the evidence"; "UN" stays. */
	if (isupper((unsigned char)text[0]) && islower((unsigned char)text[1])) {
		strbuf_addc(sb, (char)tolower((unsigned char)text[0]));
		text++;
	}
	strbuf_adds(sb, text);
	if (sb->len && !strchr(".!?", sb->buf[sb->len - 1]))
		strbuf_addc(sb, '.');
}

void report_progress_sentence(const struct report *rep, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;

	strbuf_addf(sb, "%zu of %zu applicable questions answered", r->answered,
		    r->applicable_count);
	if (r->applicable_count != r->total)
		strbuf_addf(sb, " (%zu in the checklist)", r->total);
	strbuf_addf(sb, "; %zu unknown, %zu unsupported, %zu resting on disputed evidence",
		    r->unknown, r->unsupported_count, report_count_open(rep, OPEN_DISPUTED));
}

void report_add_grade(struct strbuf *sb, const struct evidence *ev)
{
	if (ev->reliability)
		strbuf_addf(sb, "%c%c", ev->reliability, ev->credibility);
	else
		strbuf_adds(sb, "ungraded");
	if (ev->disputed)
		strbuf_adds(sb, ", disputed");
}

/* Date fields; absent parts are -1 so that a partial date sorts first. */
struct date_key {
	int part[6]; /* year, month, day, hour, minute, second */
	int zone;    /* offset east of UTC in minutes; 0 when none */
};

static int digits_at(const char *s, size_t n, int *out)
{
	size_t i;
	int v = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static bool parse_date(const char *s, struct date_key *k)
{
	static const size_t width[6] = {4, 2, 2, 2, 2, 2};
	static const char lead[6] = {0, '-', '-', 'T', ':', ':'};
	size_t p;
	int i, h, m;

	for (i = 0; i < 6; i++)
		k->part[i] = -1;
	k->zone = 0;
	for (i = 0, p = 0; i < 6; i++) {
		if (lead[i]) {
			if (s[p] != lead[i])
				break;
			p++;
		}
		if (!digits_at(s + p, width[i], &k->part[i]))
			return false;
		p += width[i];
	}
	if (s[p] == '\0' || (s[p] == 'Z' && s[p + 1] == '\0'))
		return true;
	if ((s[p] == '+' || s[p] == '-') && digits_at(s + p + 1, 2, &h) && s[p + 3] == ':' &&
	    digits_at(s + p + 4, 2, &m) && s[p + 6] == '\0') {
		k->zone = (s[p] == '-' ? -1 : 1) * (h * 60 + m);
		return true;
	}
	return false;
}

int report_date_compare(const char *a, const char *b)
{
	struct date_key ka, kb;
	int i;

	if (!parse_date(a, &ka) || !parse_date(b, &kb))
		return strcmp(a, b);
	for (i = 0; i < 6; i++)
		if (ka.part[i] != kb.part[i])
			return ka.part[i] < kb.part[i] ? -1 : 1;
	/* The same wall-clock time further east happened earlier. */
	if (ka.zone != kb.zone)
		return ka.zone > kb.zone ? -1 : 1;
	return strcmp(a, b);
}

unsigned long report_utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	size_t left = len - *i, n, k;
	unsigned long cp;

	if (u[0] < 0x80) {
		(*i)++;
		return u[0];
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2;
		cp = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		cp = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		cp = u[0] & 0x07;
	} else {
		(*i)++;
		return 0xFFFD;
	}
	if (left < n) {
		(*i)++;
		return 0xFFFD;
	}
	for (k = 1; k < n; k++) {
		if ((u[k] & 0xC0) != 0x80) {
			(*i)++;
			return 0xFFFD;
		}
		cp = cp << 6 | (u[k] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF)) {
		(*i)++;
		return 0xFFFD;
	}
	*i += n;
	return cp;
}

void report_utf8_put(struct strbuf *sb, unsigned long cp)
{
	if (cp < 0x80) {
		strbuf_addc(sb, (char)cp);
	} else if (cp < 0x800) {
		strbuf_addc(sb, (char)(0xC0 | cp >> 6));
		strbuf_addc(sb, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addc(sb, (char)(0xE0 | cp >> 12));
		strbuf_addc(sb, (char)(0x80 | (cp >> 6 & 0x3F)));
		strbuf_addc(sb, (char)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addc(sb, (char)(0xF0 | cp >> 18));
		strbuf_addc(sb, (char)(0x80 | (cp >> 12 & 0x3F)));
		strbuf_addc(sb, (char)(0x80 | (cp >> 6 & 0x3F)));
		strbuf_addc(sb, (char)(0x80 | (cp & 0x3F)));
	}
}

bool report_is_control(unsigned long cp)
{
	return (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F);
}

static bool is_bidi_control(unsigned long cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

static bool is_rtl_letter(unsigned long cp)
{
	/* Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their
	 * presentation forms, and the RTL blocks of the supplementary planes. */
	return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
	       (cp >= 0xFE70 && cp <= 0xFEFF) || (cp >= 0x10800 && cp <= 0x10FFF) ||
	       (cp >= 0x1E800 && cp <= 0x1EFFF);
}

void report_add_isolated(struct strbuf *sb, const char *s)
{
	bool isolate = report_needs_isolation(s);

	if (isolate)
		report_utf8_put(sb, 0x2068);
	strbuf_adds(sb, s);
	if (isolate)
		report_utf8_put(sb, 0x2069);
}

bool report_needs_isolation(const char *s)
{
	size_t i = 0, len;

	if (!s)
		return false;
	len = strlen(s);
	while (i < len) {
		unsigned long cp = report_utf8_next(s, len, &i);

		if (is_bidi_control(cp) || is_rtl_letter(cp))
			return true;
	}
	return false;
}

bool report_is_zero_width(unsigned long cp)
{
	return is_bidi_control(cp) || (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF;
}

bool report_is_web_url(const char *url)
{
	char scheme[9];
	size_t i;

	if (!url)
		return false;
	for (i = 0; i < 8 && url[i]; i++)
		scheme[i] = (char)tolower((unsigned char)url[i]);
	scheme[i] = '\0';
	if (strncmp(scheme, "http://", 7) != 0 && strncmp(scheme, "https://", 8) != 0)
		return false;
	if (url[strncmp(scheme, "https://", 8) == 0 ? 8 : 7] == '\0')
		return false;
	/* Anything that could end an attribute or a Markdown link is refused. */
	for (i = 0; url[i]; i++)
		if ((unsigned char)url[i] <= 0x20 || url[i] == 0x7F || strchr("\"'<>`\\", url[i]))
			return false;
	return true;
}
