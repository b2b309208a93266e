/*
 * The Markdown rendering of reports and comparisons: GitHub-flavoured
 * Markdown (pipe tables, footnotes for the bibliography) that pandoc and
 * GitHub render alike.
 *
 * User text is escaped so that it is only ever text: Markdown punctuation is
 * backslash-escaped, & < > become entities (pandoc and GitHub pass raw HTML
 * through), newlines become <br> (so no user line can start a list, a heading
 * or a table row, and a table cell stays one cell), control characters become
 * U+FFFD, and right-to-left text is isolated between U+2068 and U+2069.
 */
#include <string.h>

#include "legitcheck/render.h"
#include "legitcheck/report.h"
#include "legitcheck/version.h"

#define FSI 0x2068UL
#define PDI 0x2069UL

/* Appends s as Markdown text. */
static void md(struct strbuf *sb, const char *s)
{
	size_t i = 0, len, digits = 0;
	bool isolate;

	if (!s)
		return;
	len = strlen(s);
	isolate = report_needs_isolation(s);
	if (isolate)
		report_utf8_put(sb, FSI);
	/* What would start a block at the start of a line is escaped: a list
	 * item ("-", "+", "1." or "1)"), a setext underline ("="); "#", ">" and
	 * "*" are escaped wherever they are. */
	while (digits < len && s[digits] >= '0' && s[digits] <= '9')
		digits++;
	if (len && strchr("-+=", s[0]))
		strbuf_addc(sb, '\\');
	else if (digits && digits < 10 && digits < len && strchr(".)", s[digits]))
		digits++; /* the position after the marker to escape */
	else
		digits = 0;
	while (i < len) {
		unsigned long cp;

		if (digits && i == digits - 1)
			strbuf_addc(sb, '\\');
		cp = report_utf8_next(s, len, &i);
		switch (cp) {
		case '&':
			strbuf_adds(sb, "&amp;");
			break;
		case '<':
			strbuf_adds(sb, "&lt;");
			break;
		case '>':
			strbuf_adds(sb, "&gt;");
			break;
		case '\r':
			if (i < len && s[i] == '\n')
				break;
			/* fall through */
		case '\n':
			strbuf_adds(sb, "<br>");
			break;
		case '\t':
			strbuf_addc(sb, ' ');
			break;
		case '\\':
		case '`':
		case '*':
		case '_':
		case '[':
		case ']':
		case '|':
		case '#':
		case '~':
		case '$':
		case '^':
			strbuf_addc(sb, '\\');
			strbuf_addc(sb, (char)cp);
			break;
		default:
			if (report_is_control(cp))
				report_utf8_put(sb, 0xFFFD);
			else
				report_utf8_put(sb, cp);
		}
	}
	if (isolate)
		report_utf8_put(sb, PDI);
}

/* A checked web address as a link; anything else as text. */
static void md_url(struct strbuf *sb, const char *url)
{
	const char *p;

	if (!report_is_web_url(url)) {
		md(sb, url);
		return;
	}
	strbuf_addc(sb, '[');
	md(sb, url);
	strbuf_adds(sb, "](");
	/* Characters that end a destination or a table cell are percent-encoded. */
	for (p = url; *p; p++) {
		if (strchr("()|[]", *p))
			strbuf_addf(sb, "%%%02X", (unsigned char)*p);
		else
			strbuf_addc(sb, *p);
	}
	strbuf_addc(sb, ')');
}

static void md_words(struct strbuf *sb, const char *keyword)
{
	report_add_words(sb, keyword);
}

/* Code spans for ids: ids are [a-z0-9_.], so nothing in them needs escaping. */
static void md_id(struct strbuf *sb, const char *id)
{
	strbuf_addf(sb, "`%s`", id);
}

static const char *result_word(enum criterion_result res)
{
	switch (res) {
	case RESULT_MET:
		return "met";
	case RESULT_NOT_MET:
		return "**not met**";
	case RESULT_UNKNOWN:
		return "unknown";
	default:
		return "not applicable";
	}
}

static void case_section(const struct report *rep, struct strbuf *sb)
{
	const struct casefile *cf = rep->cf;
	const struct checklist *cl = cf->checklist;
	struct strbuf v;

	strbuf_init(&v);
	strbuf_adds(sb, "\n## 1. The case\n\n");
	if (cf->description && *cf->description) {
		md(sb, cf->description);
		strbuf_adds(sb, "\n\n");
	}
	strbuf_adds(sb, "- **Title:** ");
	md(sb, cf->title && *cf->title ? cf->title : "untitled");
	strbuf_adds(sb, "\n- **Checklist:** ");
	md_id(sb, cl->id);
	strbuf_addf(sb, " version %s: ", cl->version);
	md(sb, cl->title);
	if (rep->file) {
		strbuf_adds(sb, "\n- **Case file:** ");
		md(sb, rep->file);
	}
	strbuf_adds(sb, "\n- **Created:** ");
	md(sb, cf->created ? cf->created : "not recorded");
	strbuf_adds(sb, "\n- **Modified:** ");
	md(sb, cf->modified ? cf->modified : "not recorded");
	report_progress_sentence(rep, &v);
	strbuf_adds(sb, "\n- **Progress:** ");
	md(sb, v.buf);
	strbuf_addc(sb, '\n');
	strbuf_release(&v);
}

static void verdict_section(const struct report *rep, struct strbuf *sb)
{
	const struct checklist *cl = rep->cf->checklist;
	struct strbuf v;
	size_t i;

	strbuf_init(&v);
	strbuf_adds(sb, "\n## 2. Overall verdict: ");
	md_words(sb, rep->score.overall_verdict);
	strbuf_adds(sb, "\n\n> ");
	report_verdict_sentence(rep, &v);
	md(sb, v.buf);
	strbuf_adds(sb, "\n\n");
	if (rep->strict && strcmp(rep->plain.overall_verdict, rep->score.overall_verdict) != 0) {
		strbuf_adds(sb, "Without the proof standards the overall verdict would be ");
		md_words(sb, rep->plain.overall_verdict);
		strbuf_adds(sb, ".\n\n");
	}
	strbuf_adds(sb, "Reasons:\n\n");
	for (i = 0; i < cl->nframeworks; i++) {
		strbuf_reset(&v);
		render_framework_reason(&rep->score, i, &v);
		strbuf_adds(sb, "- ");
		md(sb, v.buf);
		strbuf_addc(sb, '\n');
	}
	strbuf_adds(sb, "\nLegal test: ");
	md(sb, cl->overall.title);
	strbuf_adds(sb, " (");
	md(sb, cl->overall.source);
	strbuf_adds(sb, ")\n");
	strbuf_release(&v);
}

static void frameworks_section(const struct report *rep, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	size_t i, j;

	strbuf_adds(sb, "\n## 3. Frameworks\n");
	for (i = 0; i < cl->nframeworks; i++) {
		const struct framework_result *fr = &r->frameworks[i];
		const struct framework *f = fr->framework;

		strbuf_addf(sb, "\n### 3.%zu ", i + 1);
		md(sb, f->title);
		strbuf_adds(sb, " (");
		md_id(sb, f->id);
		strbuf_adds(sb, ")\n\n**Verdict: ");
		md_words(sb, verdict_names[fr->verdict]);
		strbuf_adds(sb, "**");
		if (fr->score >= 0)
			strbuf_addf(sb, ", score %d/100", fr->score);
		strbuf_adds(sb, ". Source: ");
		md(sb, f->source);
		strbuf_adds(sb, "\n\n");
		if (f->description) {
			md(sb, f->description);
			strbuf_adds(sb, "\n\n");
		}
		strbuf_adds(sb, "| Criterion | Question | Answer | Result | Necessary or factor | "
				"Legal source |\n|---|---|---|---|---|---|\n");
		for (j = 0; j < f->ncriteria; j++) {
			const struct criterion_outcome *cr = &fr->criteria[j];
			const struct criterion *c = cr->criterion;
			const char *why = c->explanation[cr->result];

			strbuf_adds(sb, "| ");
			md(sb, c->title);
			if (why) {
				strbuf_adds(sb, "<br>*");
				md(sb, why);
				strbuf_addc(sb, '*');
			}
			strbuf_adds(sb, " | ");
			md_id(sb, cl->questions[c->question].id);
			strbuf_adds(sb, " | ");
			md(sb, report_answer_word(r, c->question));
			strbuf_addf(sb, " | %s", result_word(cr->result));
			if (cr->strict != STRICT_OK) {
				strbuf_adds(sb, "<br>strict: answered ");
				md_words(sb, result_names[cr->given]);
				strbuf_adds(sb, "; ");
				md(sb, render_strict_reason(cr->strict));
			}
			strbuf_addf(sb, " | %s | ", c->necessary ? "necessary" : "factor");
			md(sb, c->source);
			strbuf_adds(sb, " |\n");
		}
	}
}

static void findings_section(const struct report *rep, struct strbuf *sb)
{
	const struct checklist *cl = rep->cf->checklist;
	size_t i;

	strbuf_adds(sb, "\n## 4. Findings\n\n");
	if (!rep->score.nfindings_fired)
		strbuf_adds(sb, "None of the consistency checks applies.\n");
	for (i = 0; i < cl->nfindings; i++) {
		if (!rep->score.findings[i])
			continue;
		strbuf_adds(sb, "- ");
		md_id(sb, cl->findings[i].id);
		strbuf_adds(sb, ": ");
		md(sb, cl->findings[i].text);
		strbuf_adds(sb, " (");
		md(sb, cl->findings[i].source);
		strbuf_adds(sb, ")\n");
	}
}

static void open_section(const struct report *rep, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	size_t k, q, i;

	strbuf_adds(sb, "\n## 5. Open questions\n");
	for (k = 0; k < OPEN_COUNT; k++) {
		strbuf_adds(sb, "\n**");
		md(sb, report_open_titles[k]);
		strbuf_adds(sb, ":**");
		if (!report_count_open(rep, (enum report_open)k)) {
			strbuf_adds(sb, " none.\n");
			continue;
		}
		strbuf_adds(sb, "\n\n");
		for (q = 0; q < cl->nquestions; q++) {
			if (!report_is_open(rep, q, (enum report_open)k))
				continue;
			strbuf_adds(sb, "- ");
			md_id(sb, cl->questions[q].id);
			strbuf_adds(sb, " = ");
			md(sb, report_answer_word(r, q));
			strbuf_adds(sb, ": ");
			md(sb, cl->questions[q].title);
			strbuf_addc(sb, '\n');
		}
	}
	if (rep->strict) {
		size_t j;

		strbuf_adds(sb, "\n**Strict downgrades (answers whose evidence does not meet the "
				"proof standard, counted as unknown):**");
		if (!report_count_downgrades(rep))
			strbuf_adds(sb, " none.\n");
		else
			strbuf_adds(sb, "\n\n");
		for (i = 0; i < cl->nframeworks; i++)
			for (j = 0; j < cl->frameworks[i].ncriteria; j++) {
				const struct criterion_outcome *cr = &r->frameworks[i].criteria[j];

				if (cr->strict == STRICT_OK)
					continue;
				strbuf_adds(sb, "- ");
				md_id(sb, cl->frameworks[i].id);
				strbuf_adds(sb, ", ");
				md(sb, cr->criterion->title);
				strbuf_adds(sb, ": ");
				md_id(sb, cl->questions[cr->criterion->question].id);
				strbuf_adds(sb, " = ");
				md(sb, report_answer_word(r, cr->criterion->question));
				strbuf_adds(sb, ", answered ");
				md_words(sb, result_names[cr->given]);
				strbuf_adds(sb, ": ");
				md(sb, render_strict_reason(cr->strict));
				strbuf_addc(sb, '\n');
			}
	}
	strbuf_adds(sb, "\n**Pivotal answers (a different answer would change the overall "
			"verdict):**");
	if (!r->npivotal)
		strbuf_adds(sb, " none.\n");
	else
		strbuf_adds(sb, "\n\n");
	for (i = 0; i < r->npivotal; i++) {
		const struct pivotal_answer *p = &r->pivotal[i];

		strbuf_adds(sb, "- ");
		md_id(sb, cl->questions[p->question].id);
		strbuf_adds(sb, ": ");
		md(sb, report_answer_word(r, p->question));
		strbuf_adds(sb, " → ");
		md(sb, cl->questions[p->question].choices[p->choice].keyword);
		strbuf_adds(sb, " would give ");
		md_words(sb, p->verdict);
		strbuf_addc(sb, '\n');
	}
}

static void evidence_md(const struct report *rep, size_t q, size_t i, struct strbuf *sb)
{
	const struct evidence *ev = &rep->cf->answers[q].evidence[i];

	strbuf_adds(sb, "- ");
	md(sb, ev->source);
	if (ev->title) {
		strbuf_adds(sb, ", \u201c");
		md(sb, ev->title);
		strbuf_adds(sb, "\u201d");
	}
	strbuf_addf(sb, "[^%zu]<br>", rep->cite[q][i] + 1);
	if (ev->date)
		strbuf_addf(sb, "dated %s; ", ev->date);
	if (ev->event_date)
		strbuf_addf(sb, "event %s; ", ev->event_date);
	strbuf_adds(sb, "grade ");
	if (ev->reliability)
		strbuf_addf(sb, "**%c%c**", ev->reliability, ev->credibility);
	else
		strbuf_adds(sb, "ungraded");
	if (ev->disputed)
		strbuf_adds(sb, ", **disputed**");
	if (ev->kind != KIND_UNSET) {
		strbuf_adds(sb, "; ");
		md_words(sb, evidence_kind_names[ev->kind]);
	}
	if (ev->origin != ORIGIN_UNSET) {
		strbuf_adds(sb, "; origin: ");
		md_words(sb, evidence_origin_names[ev->origin]);
	}
	if (ev->quote) {
		strbuf_adds(sb, "<br>\u201c");
		md(sb, ev->quote);
		strbuf_adds(sb, "\u201d");
	}
	if (ev->url) {
		strbuf_adds(sb, "<br>");
		md_url(sb, ev->url);
	}
	if (ev->citation && *ev->citation) {
		strbuf_adds(sb, "<br>");
		md(sb, ev->citation);
	}
	if (ev->note && *ev->note) {
		strbuf_adds(sb, "<br>Note: ");
		md(sb, ev->note);
	}
	strbuf_addc(sb, '\n');
}

static void questions_section(const struct report *rep, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	size_t q, i, section = (size_t)-1;

	strbuf_adds(sb, "\n## 6. Questions, answers and evidence\n");
	for (q = 0; q < cl->nquestions; q++) {
		const struct question *qu = &cl->questions[q];
		const struct answer *a = &rep->cf->answers[q];
		int c = r->choices[q];

		if (qu->section != section) {
			section = qu->section;
			strbuf_adds(sb, "\n### ");
			md(sb, cl->sections[section].id);
			strbuf_addc(sb, ' ');
			md(sb, cl->sections[section].title);
			strbuf_addc(sb, '\n');
		}
		strbuf_adds(sb, "\n#### ");
		md(sb, qu->id);
		strbuf_adds(sb, ": ");
		md(sb, qu->title);
		strbuf_adds(sb, "\n\n*");
		md(sb, qu->text);
		strbuf_adds(sb, "*\n\n**Answer:** ");
		md(sb, report_answer_word(r, q));
		if (r->applicable[q] && c >= 0) {
			strbuf_adds(sb, " (");
			md(sb, qu->choices[c].label);
			strbuf_addc(sb, ')');
		}
		if (rep->best[q] >= 0) {
			strbuf_adds(sb, "; best evidence ");
			report_add_grade(sb, &a->evidence[rep->best[q]]);
		} else if (r->unsupported[q]) {
			strbuf_adds(sb, "; **unsupported**: no evidence");
		}
		strbuf_addc(sb, '\n');
		if (a->note && *a->note) {
			strbuf_adds(sb, "\n**Note:** ");
			md(sb, a->note);
			strbuf_addc(sb, '\n');
		}
		if (a->nevidence)
			strbuf_adds(sb, "\n**Evidence:**\n\n");
		for (i = 0; i < a->nevidence; i++)
			evidence_md(rep, q, i, sb);
	}
}

static void question_refs(struct strbuf *sb, const struct score_result *r, const size_t *qs,
			  size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		strbuf_adds(sb, i ? ", " : "");
		md_id(sb, r->checklist->questions[qs[i]].id);
		strbuf_adds(sb, " = ");
		md(sb, report_answer_word(r, qs[i]));
	}
}

static void timeline_section(const struct report *rep, struct strbuf *sb)
{
	size_t i;

	strbuf_adds(sb, "\n## 7. Timeline\n\n");
	if (!rep->nevents) {
		strbuf_adds(sb, "No evidence item carries a date.\n");
		return;
	}
	strbuf_adds(sb, "Dated events reported in the evidence (the event's date, else the "
			"source's), in order; a partial date comes before the precise dates within "
			"its period.\n\n| Date | Source | Supports |\n|---|---|---|\n");
	for (i = 0; i < rep->nevents; i++) {
		const struct report_event *e = &rep->events[i];

		strbuf_adds(sb, "| ");
		md(sb, e->date);
		strbuf_adds(sb, " | ");
		md(sb, e->ev->source);
		if (e->ev->title) {
			strbuf_adds(sb, ", \u201c");
			md(sb, e->ev->title);
			strbuf_adds(sb, "\u201d");
		}
		strbuf_addf(sb, "[^%zu] | ", e->source + 1);
		question_refs(sb, &rep->score, e->questions, e->nquestions);
		strbuf_adds(sb, " |\n");
	}
}

static void bibliography_section(const struct report *rep, struct strbuf *sb)
{
	static const struct report_markup markup = {md, md_url};
	size_t i;

	strbuf_adds(sb, "\n## 8. Bibliography\n\n");
	if (!rep->nsources) {
		strbuf_adds(sb, "No source is cited.\n");
		return;
	}
	strbuf_addf(sb,
		    "%zu sources, numbered in the order first cited above; each entry lists "
		    "the answers that cite it.\n\n",
		    rep->nsources);
	for (i = 0; i < rep->nsources; i++) {
		const struct report_source *s = &rep->sources[i];

		strbuf_addf(sb, "[^%zu]: ", i + 1);
		report_add_source_entry(sb, s->ev, &markup);
		strbuf_adds(sb, " Cited for: ");
		question_refs(sb, &rep->score, s->questions, s->nquestions);
		strbuf_adds(sb, ".\n");
	}
}

void report_render_md(const struct report *rep, struct strbuf *sb)
{
	const struct casefile *cf = rep->cf;

	strbuf_adds(sb, "# Report: ");
	md(sb, cf->title && *cf->title ? cf->title : rep->file ? rep->file : "untitled case");
	strbuf_addf(sb,
		    "\n\nAssessed against checklist `%s` %s. *Generated by legitcheck %s on "
		    "%s.*\n",
		    cf->checklist->id, cf->checklist->version, LEGITCHECK_VERSION, rep->generated);
	if (rep->strict)
		strbuf_adds(sb,
			    "\n> **Strict proof standards applied:** an answer counts only when "
			    "its evidence meets the proof standard of the criterion; otherwise the "
			    "criterion counts as unknown, and each such downgrade is shown.\n");
	case_section(rep, sb);
	verdict_section(rep, sb);
	frameworks_section(rep, sb);
	findings_section(rep, sb);
	open_section(rep, sb);
	questions_section(rep, sb);
	timeline_section(rep, sb);
	bibliography_section(rep, sb);
}

/*
 * The comparison in Markdown.
 */

static void case_letter_header(struct strbuf *sb, const struct comparison *cmp, const char *first)
{
	size_t k;

	strbuf_addf(sb, "| | %s |", first);
	for (k = 0; k < cmp->ncases; k++)
		strbuf_addf(sb, " (%c) |", (int)('A' + k % 26));
	strbuf_adds(sb, "\n|---|---|");
	for (k = 0; k < cmp->ncases; k++)
		strbuf_adds(sb, "---|");
	strbuf_addc(sb, '\n');
}

static const char *mark(bool differs, bool minor)
{
	return differs ? "**≠**" : minor ? "~" : "";
}

void compare_render_md(const struct comparison *cmp, struct strbuf *sb)
{
	const char *group = NULL;
	struct strbuf v;
	size_t i, k;

	strbuf_init(&v);
	strbuf_adds(sb, "# Comparison of cases\n\n");
	for (k = 0; k < cmp->ncases; k++) {
		const struct compare_case *c = &cmp->cases[k];

		strbuf_addf(sb, "- **(%c)** ", (int)('A' + k % 26));
		md(sb, c->cf->title && *c->cf->title ? c->cf->title
		       : c->file                     ? c->file
						     : "untitled case");
		if (c->file) {
			strbuf_adds(sb, " (");
			md(sb, c->file);
			strbuf_addc(sb, ')');
		}
		strbuf_adds(sb, ": checklist ");
		md_id(sb, c->cf->checklist->id);
		strbuf_addf(sb, " %s, %zu of %zu answered\n", c->cf->checklist->version,
			    c->score.answered, c->score.applicable_count);
	}
	compare_scope_sentence(cmp, &v);
	strbuf_adds(sb, "\n");
	md(sb, v.buf);
	strbuf_adds(sb, " Rows marked **≠** differ between the cases; rows marked ~ have the "
			"same answers but different best evidence.\n");

	strbuf_adds(sb, "\n## 1. Overall verdicts\n\n");
	case_letter_header(sb, cmp, "");
	strbuf_addf(sb, "| %s | overall |", mark(cmp->overall_differs, false));
	for (k = 0; k < cmp->ncases; k++) {
		strbuf_adds(sb, " **");
		md_words(sb, cmp->cases[k].score.overall_verdict);
		strbuf_adds(sb, "** |");
	}
	strbuf_addc(sb, '\n');

	strbuf_adds(sb, "\n## 2. Frameworks\n\n");
	if (cmp->nframeworks)
		case_letter_header(sb, cmp, "Framework");
	else
		strbuf_adds(sb, "The checklists share no framework.\n");
	for (i = 0; i < cmp->nframeworks; i++) {
		const struct compare_row *row = &cmp->frameworks[i];

		strbuf_addf(sb, "| %s | ", mark(row->differs, false));
		md_id(sb, row->id);
		strbuf_adds(sb, " |");
		for (k = 0; k < cmp->ncases; k++) {
			const struct framework_result *fr =
				&cmp->cases[k].score.frameworks[row->index[k]];

			strbuf_addc(sb, ' ');
			md_words(sb, verdict_names[fr->verdict]);
			if (fr->score >= 0)
				strbuf_addf(sb, ", %d/100", fr->score);
			strbuf_adds(sb, " |");
		}
		strbuf_addc(sb, '\n');
	}

	strbuf_adds(sb, "\n## 3. Findings\n\n");
	if (!cmp->nfindings) {
		strbuf_adds(sb, "No consistency check applies to any of the cases.\n");
	} else {
		case_letter_header(sb, cmp, "Finding");
		for (i = 0; i < cmp->nfindings; i++) {
			const struct compare_row *row = &cmp->findings[i];

			strbuf_addf(sb, "| %s | ", mark(row->differs, false));
			md_id(sb, row->id);
			strbuf_adds(sb, " |");
			for (k = 0; k < cmp->ncases; k++)
				strbuf_adds(sb, cmp->cases[k].score.findings[row->index[k]]
							? " yes |"
							: " no |");
			strbuf_addc(sb, '\n');
		}
	}

	strbuf_adds(sb, "\n## 4. Questions (answer; best evidence)\n\n");
	if (cmp->nquestions)
		case_letter_header(sb, cmp, "Question");
	else
		strbuf_adds(sb, "The checklists share no question.\n");
	for (i = 0; i < cmp->nquestions; i++) {
		const struct compare_row *row = &cmp->questions[i];

		if (!group || strcmp(group, row->group) != 0) {
			group = row->group;
			strbuf_adds(sb, "| | **");
			md(sb, group);
			strbuf_addc(sb, ' ');
			md(sb, compare_section_title(cmp, i));
			strbuf_adds(sb, "** |");
			for (k = 0; k < cmp->ncases; k++)
				strbuf_adds(sb, " |");
			strbuf_addc(sb, '\n');
		}
		strbuf_addf(sb, "| %s | ", mark(row->differs, row->grade_differs));
		md_id(sb, row->id);
		strbuf_adds(sb, "<br>");
		md(sb, row->title);
		strbuf_adds(sb, " |");
		for (k = 0; k < cmp->ncases; k++) {
			const struct compare_case *c = &cmp->cases[k];

			strbuf_addc(sb, ' ');
			if (row->differs)
				strbuf_adds(sb, "**");
			md(sb, report_answer_word(&c->score, (size_t)row->index[k]));
			if (row->differs)
				strbuf_adds(sb, "**");
			strbuf_adds(sb, "; ");
			strbuf_reset(&v);
			compare_add_best_grade(c, (size_t)row->index[k], &v);
			md(sb, v.buf);
			strbuf_adds(sb, " |");
		}
		strbuf_addc(sb, '\n');
	}

	strbuf_adds(sb, "\n## 5. Answers and notes side by side\n");
	for (i = 0; i < cmp->nquestions; i++) {
		const struct compare_row *row = &cmp->questions[i];

		strbuf_addf(sb, "\n### %s", row->differs ? "≠ " : "");
		md(sb, row->id);
		strbuf_adds(sb, ": ");
		md(sb, row->title);
		strbuf_addf(sb, " (%s)\n\n", row->differs ? "answers differ" : "same answer");
		for (k = 0; k < cmp->ncases; k++) {
			const struct compare_case *c = &cmp->cases[k];
			const struct answer *a = &c->cf->answers[row->index[k]];

			strbuf_addf(sb, "- **(%c) ", (int)('A' + k % 26));
			md(sb, report_answer_word(&c->score, (size_t)row->index[k]));
			strbuf_adds(sb, "**");
			if (a->note && *a->note) {
				strbuf_adds(sb, ": ");
				md(sb, a->note);
			}
			strbuf_addc(sb, '\n');
		}
	}
	strbuf_addf(sb, "\n*Generated by legitcheck %s on %s.*\n", LEGITCHECK_VERSION,
		    cmp->generated);
	strbuf_release(&v);
}
