/*
 * The HTML rendering of reports and comparisons: one self-contained HTML5
 * page (inline stylesheet, no script, no external request) that reads on a
 * screen and prints like a filed document: a page break before each major
 * section, table headers repeated, and verdicts in colour that always carry
 * their words, so a black-and-white print still says them.
 *
 * Every piece of text from a case or a checklist is escaped (& < > " ') and
 * control characters are replaced; text from a case is isolated in <bdi> or
 * a dir="auto" block, so right-to-left text and U+202E cannot reorder the
 * page around it. Only http and https addresses become links.
 */
#include <string.h>

#include "legitcheck/render.h"
#include "legitcheck/report.h"
#include "legitcheck/version.h"

/* In pieces: C11 compilers need not take string literals over 4095 bytes. */
static const char *const stylesheet[] = {
	":root{--ink:#1a1a1a;--muted:#555;--rule:#c8c8c8;--paper:#fff;--shade:#f4f4f1}\n"
	"html{background:#e9e9e4}\n"
	"body{margin:0 auto;max-width:60rem;padding:2.5rem 3rem 3rem;background:var(--paper);"
	"color:var(--ink);font:16px/1.5 Georgia,'Times New Roman',Times,serif}\n"
	"h1,h2,h3,h4,.badge,.kicker,th,.facts dt,.verdict-label,.mark,footer{font-family:"
	"'Helvetica Neue',Arial,'Liberation Sans',sans-serif}\n"
	"h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .6rem}\n"
	"h2{font-size:1.3rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem;"
	"margin:2.2rem 0 .8rem}\n"
	"h3{font-size:1.1rem;margin:1.6rem 0 .5rem}\n"
	"h4{font-size:1rem;margin:1.3rem 0 .3rem}\n"
	".kicker{text-transform:uppercase;letter-spacing:.12em;font-size:.75rem;color:var(--muted);"
	"margin:0}\n"
	".meta{color:var(--muted);font-size:.9em;margin:0}\n"
	".strict-banner{border:2px solid var(--ink);background:var(--shade);padding:.6rem .9rem;"
	"margin:1rem 0}\n"
	".facts{display:grid;grid-template-columns:9rem 1fr;gap:.25rem 1rem;margin:1rem 0}\n"
	".facts dt{font-weight:700;font-size:.85rem;padding-top:.15rem}\n"
	".facts dd{margin:0}\n"
	".verdict-box{border:3px double var(--ink);padding:1rem 1.2rem;margin:1rem 0;"
	"background:var(--shade)}\n"
	".verdict-label{font-size:1.5rem;font-weight:700;text-transform:uppercase;"
	"letter-spacing:.04em;margin:0 0 .4rem}\n"
	".verdict-sentence{font-size:1.08rem;margin:0}\n"
	"table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.9rem}\n"
	"th,td{border:1px solid var(--rule);padding:.35rem .5rem;text-align:left;"
	"vertical-align:top;overflow-wrap:break-word}\n"
	"table.criteria,table.timeline{table-layout:fixed}\n"
	".w-crit{width:25%}.w-q{width:19%}.w-ans{width:12%}.w-res{width:12%}.w-nec{width:11%}"
	".w-src{width:21%}.w-date{width:16%}.w-supp{width:34%}\n"
	"th{background:var(--shade);font-size:.9em}\n"
	"thead{display:table-header-group}\n",
	"code{font-family:'DejaVu Sans Mono',Consolas,monospace;font-size:.85em}\n"
	".why{display:block;color:var(--muted);font-size:.92em;margin-top:.2rem}\n"
	".badge{display:inline-block;border:1.5px solid;border-radius:3px;padding:0 .4rem;"
	"font-size:.8em;font-weight:700;text-transform:uppercase;letter-spacing:.03em;"
	"white-space:nowrap}\n"
	".v-satisfied,.r-met{color:#14532d;background:#dcfce7;border-color:#15803d}\n"
	".v-not_satisfied,.r-not_met{color:#7f1d1d;background:#fee2e2;border-color:#b91c1c;"
	"border-width:2.5px}\n"
	".v-undetermined,.r-unknown{color:#713f12;background:#fef3c7;border-color:#b45309;"
	"border-style:dashed}\n"
	".v-not_applicable,.r-not_applicable{color:#374151;background:#f3f4f6;"
	"border-color:#6b7280;border-style:dotted}\n"
	".g-disputed{color:#7f1d1d;font-weight:700}\n"
	".evidence{padding-left:1.4rem}\n"
	".evidence li{margin:.5rem 0}\n"
	".evidence .src{font-weight:700}\n"
	".evidence .info{color:var(--muted);font-size:.9em}\n"
	"blockquote{margin:.3rem 0 .3rem .2rem;padding:.1rem .8rem;border-left:3px solid "
	"var(--rule);font-style:italic}\n"
	".question{border-top:1px solid var(--rule);padding-top:.2rem}\n"
	".question .text{font-style:italic;margin:.2rem 0 .4rem}\n"
	".answer{margin:.3rem 0}\n"
	".ref{font-size:.8em;vertical-align:super;text-decoration:none}\n"
	".bibliography li{margin:.4rem 0}\n"
	".cited{color:var(--muted);font-size:.9em}\n"
	".url{word-break:break-all}\n"
	"tr.differs td{background:#fff7e0}\n"
	"tr.group th{background:none;border-left:0;border-right:0;font-size:.95em;"
	"padding-top:.8rem}\n"
	".mark{font-weight:700;white-space:nowrap}\n"
	"footer{margin-top:3rem;border-top:1px solid var(--rule);padding-top:.6rem;"
	"font-size:.8rem;color:var(--muted)}\n"
	"a{color:#1d4ed8}\n",
	"@media print{\n"
	"@page{size:A4;margin:15mm 15mm 17mm;"
	"@bottom-right{content:'Page ' counter(page) ' of ' counter(pages);"
	"font:8pt Arial,'Liberation Sans',sans-serif;color:#555}}\n"
	"html{background:none}\n"
	"body{max-width:none;padding:0;font-size:10pt;line-height:1.4}\n"
	"h1{font-size:18pt}h2{font-size:13pt;margin:1.2rem 0 .5rem}h3{font-size:11pt}\n"
	".verdict-box{padding:.6rem .9rem}.verdict-label{font-size:15pt}"
	".verdict-sentence{font-size:11pt}.description{font-size:9.5pt}\n"
	"table.summary td,table.summary th{padding:.2rem .5rem}\n"
	"table{font-size:8.5pt}th,td{padding:.25rem .35rem}\n"
	".facts{margin:.6rem 0}\n"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"section.major{break-before:page}\n"
	"h2,h3,h4{break-after:avoid}\n"
	"tr,li,blockquote,.verdict-box,.facts{break-inside:avoid}\n"
	"a{color:inherit;text-decoration:none}\n"
	"tr.differs td{background:#f0f0f0}\n"
	"}\n",
	NULL};

/* Appends s with & < > " ' escaped and control characters replaced; with br,
 * newlines become <br>. */
static void esc(struct strbuf *sb, const char *s, bool br)
{
	size_t i = 0, len;

	if (!s)
		return;
	len = strlen(s);
	while (i < len) {
		unsigned long cp = report_utf8_next(s, len, &i);

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
		case '"':
			strbuf_adds(sb, "&quot;");
			break;
		case '\'':
			strbuf_adds(sb, "&#39;");
			break;
		case '\r':
			if (i < len && s[i] == '\n')
				break;
			/* fall through */
		case '\n':
			strbuf_adds(sb, br ? "<br>" : " ");
			break;
		default:
			if (report_is_control(cp))
				report_utf8_put(sb, 0xFFFD);
			else
				report_utf8_put(sb, cp);
		}
	}
}

/* Checklist text: escaped. */
static void h(struct strbuf *sb, const char *s)
{
	esc(sb, s, false);
}

/* Case text inline: escaped and isolated. */
static void u(struct strbuf *sb, const char *s)
{
	strbuf_adds(sb, "<bdi>");
	esc(sb, s, true);
	strbuf_adds(sb, "</bdi>");
}

/* Case text as a block of its own: escaped, its direction its own. */
static void ublock(struct strbuf *sb, const char *tag, const char *cls, const char *s)
{
	strbuf_addf(sb, "<%s dir=\"auto\"%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "",
		    cls ? "\"" : "");
	esc(sb, s, true);
	strbuf_addf(sb, "</%s>\n", tag);
}

static void words(struct strbuf *sb, const char *keyword)
{
	report_add_words(sb, keyword);
}

static void verdict_badge(struct strbuf *sb, enum framework_verdict v)
{
	strbuf_addf(sb, "<span class=\"badge v-%s\">", verdict_names[v]);
	words(sb, verdict_names[v]);
	strbuf_adds(sb, "</span>");
}

static void result_badge(struct strbuf *sb, enum criterion_result res)
{
	strbuf_addf(sb, "<span class=\"badge r-%s\">", result_names[res]);
	words(sb, result_names[res]);
	strbuf_adds(sb, "</span>");
}

static void url_link(struct strbuf *sb, const char *url)
{
	if (report_is_web_url(url)) {
		strbuf_adds(sb, "<a class=\"url\" href=\"");
		h(sb, url);
		strbuf_adds(sb, "\">");
		h(sb, url);
		strbuf_adds(sb, "</a>");
	} else {
		strbuf_adds(sb, "<span class=\"url\">");
		u(sb, url);
		strbuf_adds(sb, "</span>");
	}
}

static void qlink(struct strbuf *sb, const char *qid)
{
	strbuf_addf(sb, "<a href=\"#q-%s\"><code>%s</code></a>", qid, qid);
}

static void head(struct strbuf *sb, const char *title_prefix, const char *title)
{
	size_t i = 0, len = title ? strlen(title) : 0;
	bool isolate = report_needs_isolation(title);

	strbuf_adds(sb,
		    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	strbuf_addf(sb, "<meta name=\"generator\" content=\"legitcheck %s\">\n<title>",
		    LEGITCHECK_VERSION);
	h(sb, title_prefix);
	/* No markup in a title: right-to-left text is isolated by U+2068..U+2069,
	 * and bidirectional controls inside it cannot escape them. */
	if (isolate)
		report_utf8_put(sb, 0x2068);
	while (i < len) {
		size_t start = i;
		unsigned long cp = report_utf8_next(title, len, &i);
		char one[5] = {0};

		memcpy(one, title + start, i - start);
		if (cp == '\n' || cp == '\r' || cp == '\t')
			strbuf_addc(sb, ' ');
		else if (report_is_control(cp))
			report_utf8_put(sb, 0xFFFD);
		else
			h(sb, one);
	}
	if (isolate)
		report_utf8_put(sb, 0x2069);
	strbuf_adds(sb, "</title>\n<style>\n");
	for (i = 0; stylesheet[i]; i++)
		strbuf_adds(sb, stylesheet[i]);
	strbuf_adds(sb, "</style>\n</head>\n<body>\n");
}

static void case_section(const struct report *rep, struct strbuf *sb)
{
	const struct casefile *cf = rep->cf;
	const struct checklist *cl = cf->checklist;
	struct strbuf v;

	strbuf_init(&v);
	strbuf_adds(sb, "<section id=\"case\">\n<h2>1. The case</h2>\n");
	if (cf->description && *cf->description)
		ublock(sb, "p", "description", cf->description);
	strbuf_adds(sb, "<dl class=\"facts\">\n<dt>Title</dt><dd>");
	u(sb, cf->title && *cf->title ? cf->title : "untitled");
	strbuf_adds(sb, "</dd>\n<dt>Checklist</dt><dd><code>");
	h(sb, cl->id);
	strbuf_adds(sb, "</code> version ");
	h(sb, cl->version);
	strbuf_adds(sb, ": ");
	h(sb, cl->title);
	strbuf_adds(sb, "</dd>\n");
	if (rep->file) {
		strbuf_adds(sb, "<dt>Case file</dt><dd>");
		u(sb, rep->file);
		strbuf_adds(sb, "</dd>\n");
	}
	strbuf_adds(sb, "<dt>Created</dt><dd>");
	u(sb, cf->created ? cf->created : "not recorded");
	strbuf_adds(sb, "</dd>\n<dt>Modified</dt><dd>");
	u(sb, cf->modified ? cf->modified : "not recorded");
	strbuf_adds(sb, "</dd>\n<dt>Progress</dt><dd>");
	report_progress_sentence(rep, &v);
	h(sb, v.buf);
	strbuf_adds(sb, "</dd>\n</dl>\n</section>\n");
	strbuf_release(&v);
}

static void summary_table(const struct score_result *r, struct strbuf *sb)
{
	size_t i;

	strbuf_adds(sb, "<table class=\"summary\">\n<thead><tr><th>Framework</th>"
			"<th>Verdict</th><th>Score</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < r->checklist->nframeworks; i++) {
		const struct framework_result *fr = &r->frameworks[i];

		strbuf_addf(sb, "<tr><td><a href=\"#fw-%s\">", fr->framework->id);
		h(sb, fr->framework->title);
		strbuf_adds(sb, "</a></td><td>");
		verdict_badge(sb, fr->verdict);
		if (fr->score >= 0)
			strbuf_addf(sb, "</td><td>%d/100</td></tr>\n", fr->score);
		else
			strbuf_adds(sb, "</td><td>n/a</td></tr>\n");
	}
	strbuf_adds(sb, "</tbody>\n</table>\n");
}

static void verdict_section(const struct report *rep, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	struct strbuf v;
	size_t i;

	strbuf_init(&v);
	strbuf_adds(sb, "<section id=\"verdict\">\n<h2>2. Overall verdict</h2>\n"
			"<div class=\"verdict-box\">\n<p class=\"verdict-label\">");
	words(sb, r->overall_verdict);
	strbuf_adds(sb, "</p>\n<p class=\"verdict-sentence\">");
	/* The title it quotes is isolated inside it by U+2068..U+2069. */
	report_verdict_sentence(rep, &v);
	esc(sb, v.buf, false);
	strbuf_adds(sb, "</p>\n</div>\n");
	if (rep->strict && strcmp(rep->plain.overall_verdict, r->overall_verdict) != 0) {
		strbuf_adds(sb,
			    "<p>Without the proof standards the overall verdict would be <strong>");
		words(sb, rep->plain.overall_verdict);
		strbuf_adds(sb, "</strong>.</p>\n");
	}
	summary_table(r, sb);
	strbuf_adds(sb, "<h3>Reasons</h3>\n<ul class=\"reasons\">\n");
	for (i = 0; i < cl->nframeworks; i++) {
		strbuf_reset(&v);
		render_framework_reason(r, i, &v);
		strbuf_adds(sb, "<li>");
		h(sb, v.buf);
		strbuf_adds(sb, "</li>\n");
	}
	strbuf_adds(sb, "</ul>\n<p class=\"meta\">Legal test: ");
	h(sb, cl->overall.title);
	strbuf_adds(sb, " (");
	h(sb, cl->overall.source);
	strbuf_adds(sb, ")</p>\n</section>\n");
	strbuf_release(&v);
}

static void frameworks_section(const struct report *rep, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	size_t i, j;

	strbuf_adds(sb, "<section id=\"frameworks\" class=\"major\">\n<h2>3. Frameworks</h2>\n");
	for (i = 0; i < cl->nframeworks; i++) {
		const struct framework_result *fr = &r->frameworks[i];
		const struct framework *f = fr->framework;

		strbuf_addf(sb, "<article class=\"framework\" id=\"fw-%s\">\n<h3>3.%zu ", f->id,
			    i + 1);
		h(sb, f->title);
		strbuf_addf(sb, " (<code>%s</code>)</h3>\n<p>Verdict: ", f->id);
		verdict_badge(sb, fr->verdict);
		if (fr->score >= 0)
			strbuf_addf(sb, " &middot; score <strong>%d/100</strong>", fr->score);
		strbuf_adds(sb, "<br><span class=\"meta\">Source: ");
		h(sb, f->source);
		strbuf_adds(sb, "</span></p>\n");
		if (f->description) {
			strbuf_adds(sb, "<p>");
			h(sb, f->description);
			strbuf_adds(sb, "</p>\n");
		}
		strbuf_adds(sb, "<table class=\"criteria\">\n<thead><tr>"
				"<th class=\"w-crit\">Criterion</th><th class=\"w-q\">Question</th>"
				"<th class=\"w-ans\">Answer</th><th class=\"w-res\">Result</th>"
				"<th class=\"w-nec\">Necessary or factor</th>"
				"<th class=\"w-src\">Legal source</th></tr></thead>\n<tbody>\n");
		for (j = 0; j < f->ncriteria; j++) {
			const struct criterion_outcome *cr = &fr->criteria[j];
			const struct criterion *c = cr->criterion;
			const char *why = c->explanation[cr->result];

			strbuf_adds(sb, "<tr><td>");
			h(sb, c->title);
			if (why) {
				strbuf_adds(sb, "<span class=\"why\">");
				h(sb, why);
				strbuf_adds(sb, "</span>");
			}
			strbuf_adds(sb, "</td><td>");
			qlink(sb, cl->questions[c->question].id);
			strbuf_adds(sb, "</td><td>");
			h(sb, report_answer_word(r, c->question));
			strbuf_adds(sb, "</td><td>");
			result_badge(sb, cr->result);
			if (cr->strict != STRICT_OK) {
				strbuf_adds(sb, "<span class=\"why\">strict: answered ");
				words(sb, result_names[cr->given]);
				strbuf_adds(sb, "; ");
				h(sb, render_strict_reason(cr->strict));
				strbuf_adds(sb, "</span>");
			}
			strbuf_addf(sb, "</td><td>%s</td><td>",
				    c->necessary ? "necessary" : "factor");
			h(sb, c->source);
			strbuf_adds(sb, "</td></tr>\n");
		}
		strbuf_adds(sb, "</tbody>\n</table>\n</article>\n");
	}
	strbuf_adds(sb, "</section>\n");
}

static void findings_section(const struct report *rep, struct strbuf *sb)
{
	const struct checklist *cl = rep->cf->checklist;
	size_t i;

	strbuf_adds(sb, "<section id=\"findings\" class=\"major\">\n<h2>4. Findings</h2>\n");
	if (!rep->score.nfindings_fired) {
		strbuf_adds(sb, "<p>None of the consistency checks applies.</p>\n</section>\n");
		return;
	}
	strbuf_adds(sb, "<ul class=\"findings\">\n");
	for (i = 0; i < cl->nfindings; i++) {
		if (!rep->score.findings[i])
			continue;
		strbuf_addf(sb, "<li><code>%s</code>: ", cl->findings[i].id);
		h(sb, cl->findings[i].text);
		strbuf_adds(sb, " <span class=\"meta\">(");
		h(sb, cl->findings[i].source);
		strbuf_adds(sb, ")</span></li>\n");
	}
	strbuf_adds(sb, "</ul>\n</section>\n");
}

static void open_list_item(struct strbuf *sb, const struct score_result *r, size_t q)
{
	strbuf_adds(sb, "<li>");
	qlink(sb, r->checklist->questions[q].id);
	strbuf_adds(sb, " = ");
	h(sb, report_answer_word(r, q));
	strbuf_adds(sb, ": ");
	h(sb, r->checklist->questions[q].title);
	strbuf_adds(sb, "</li>\n");
}

static void open_section(const struct report *rep, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	size_t k, q, i;

	strbuf_adds(sb, "<section id=\"open\" class=\"major\">\n<h2>5. Open questions</h2>\n");
	for (k = 0; k < OPEN_COUNT; k++) {
		strbuf_adds(sb, "<h3>");
		h(sb, report_open_titles[k]);
		strbuf_adds(sb, "</h3>\n");
		if (!report_count_open(rep, (enum report_open)k)) {
			strbuf_adds(sb, "<p>None.</p>\n");
			continue;
		}
		strbuf_adds(sb, "<ul>\n");
		for (q = 0; q < cl->nquestions; q++)
			if (report_is_open(rep, q, (enum report_open)k))
				open_list_item(sb, r, q);
		strbuf_adds(sb, "</ul>\n");
	}
	if (rep->strict) {
		size_t j;

		strbuf_adds(sb, "<h3>Strict downgrades: evidence below the proof standard, "
				"counted as unknown</h3>\n");
		if (!report_count_downgrades(rep))
			strbuf_adds(sb, "<p>None.</p>\n");
		else
			strbuf_adds(sb, "<ul>\n");
		for (i = 0; i < cl->nframeworks; i++)
			for (j = 0; j < cl->frameworks[i].ncriteria; j++) {
				const struct criterion_outcome *cr = &r->frameworks[i].criteria[j];

				if (cr->strict == STRICT_OK)
					continue;
				strbuf_addf(sb, "<li><code>%s</code>, ", cl->frameworks[i].id);
				h(sb, cr->criterion->title);
				strbuf_adds(sb, ": ");
				qlink(sb, cl->questions[cr->criterion->question].id);
				strbuf_adds(sb, " = ");
				h(sb, report_answer_word(r, cr->criterion->question));
				strbuf_adds(sb, ", answered ");
				words(sb, result_names[cr->given]);
				strbuf_adds(sb, ": ");
				h(sb, render_strict_reason(cr->strict));
				strbuf_adds(sb, "</li>\n");
			}
		if (report_count_downgrades(rep))
			strbuf_adds(sb, "</ul>\n");
	}
	strbuf_adds(sb, "<h3>Pivotal answers: a different answer would change the overall "
			"verdict</h3>\n");
	if (!r->npivotal)
		strbuf_adds(sb, "<p>None.</p>\n");
	else
		strbuf_adds(sb, "<ul>\n");
	for (i = 0; i < r->npivotal; i++) {
		const struct pivotal_answer *p = &r->pivotal[i];

		strbuf_adds(sb, "<li>");
		qlink(sb, cl->questions[p->question].id);
		strbuf_adds(sb, ": ");
		h(sb, report_answer_word(r, p->question));
		strbuf_adds(sb, " &rarr; ");
		h(sb, cl->questions[p->question].choices[p->choice].keyword);
		strbuf_adds(sb, " would give <strong>");
		words(sb, p->verdict);
		strbuf_adds(sb, "</strong></li>\n");
	}
	if (r->npivotal)
		strbuf_adds(sb, "</ul>\n");
	strbuf_adds(sb, "</section>\n");
}

static void grade(struct strbuf *sb, const struct evidence *ev)
{
	if (ev->reliability)
		strbuf_addf(sb, "<strong>%c%c</strong>", ev->reliability, ev->credibility);
	else
		strbuf_adds(sb, "ungraded");
	if (ev->disputed)
		strbuf_adds(sb, ", <span class=\"g-disputed\">disputed</span>");
}

static void evidence_html(const struct report *rep, size_t q, size_t i, struct strbuf *sb)
{
	const struct evidence *ev = &rep->cf->answers[q].evidence[i];
	size_t n = rep->cite[q][i] + 1;

	strbuf_adds(sb, "<li><span class=\"src\">");
	u(sb, ev->source);
	strbuf_adds(sb, "</span>");
	if (ev->title) {
		strbuf_adds(sb, ", \u201c");
		u(sb, ev->title);
		strbuf_adds(sb, "\u201d");
	}
	strbuf_addf(sb, " <a class=\"ref\" href=\"#src-%zu\">[%zu]</a><br>\n<span class=\"info\">",
		    n, n);
	if (ev->date) {
		strbuf_adds(sb, "dated ");
		u(sb, ev->date);
		strbuf_adds(sb, "; ");
	}
	if (ev->event_date) {
		strbuf_adds(sb, "event ");
		u(sb, ev->event_date);
		strbuf_adds(sb, "; ");
	}
	strbuf_adds(sb, "grade ");
	grade(sb, ev);
	if (ev->kind != KIND_UNSET) {
		strbuf_adds(sb, "; ");
		words(sb, evidence_kind_names[ev->kind]);
	}
	if (ev->origin != ORIGIN_UNSET) {
		strbuf_adds(sb, "; origin: ");
		words(sb, evidence_origin_names[ev->origin]);
	}
	strbuf_adds(sb, "</span>\n");
	if (ev->quote)
		ublock(sb, "blockquote", NULL, ev->quote);
	if (ev->url) {
		url_link(sb, ev->url);
		strbuf_adds(sb, "<br>\n");
	}
	if (ev->citation && *ev->citation) {
		u(sb, ev->citation);
		strbuf_adds(sb, "<br>\n");
	}
	if (ev->note && *ev->note) {
		strbuf_adds(sb, "<span class=\"info\">Note: ");
		u(sb, ev->note);
		strbuf_adds(sb, "</span>\n");
	}
	strbuf_adds(sb, "</li>\n");
}

static void questions_section(const struct report *rep, struct strbuf *sb)
{
	const struct score_result *r = &rep->score;
	const struct checklist *cl = r->checklist;
	size_t q, i, section = (size_t)-1;

	strbuf_adds(sb, "<section id=\"questions\" class=\"major\">\n"
			"<h2>6. Questions, answers and evidence</h2>\n");
	for (q = 0; q < cl->nquestions; q++) {
		const struct question *qu = &cl->questions[q];
		const struct answer *a = &rep->cf->answers[q];
		int c = r->choices[q];

		if (qu->section != section) {
			section = qu->section;
			strbuf_adds(sb, "<h3>");
			h(sb, cl->sections[section].id);
			strbuf_adds(sb, " ");
			h(sb, cl->sections[section].title);
			strbuf_adds(sb, "</h3>\n");
		}
		strbuf_addf(sb, "<article class=\"question\" id=\"q-%s\">\n<h4><code>%s</code> ",
			    qu->id, qu->id);
		h(sb, qu->title);
		strbuf_adds(sb, "</h4>\n<p class=\"text\">");
		h(sb, qu->text);
		strbuf_adds(sb, "</p>\n<p class=\"answer\"><strong>Answer:</strong> ");
		h(sb, report_answer_word(r, q));
		if (r->applicable[q] && c >= 0) {
			strbuf_adds(sb, " (");
			h(sb, qu->choices[c].label);
			strbuf_adds(sb, ")");
		}
		if (rep->best[q] >= 0) {
			strbuf_adds(sb, "; best evidence ");
			grade(sb, &a->evidence[rep->best[q]]);
		} else if (r->unsupported[q]) {
			strbuf_adds(sb, "; <strong>unsupported</strong>: no evidence");
		}
		strbuf_adds(sb, "</p>\n");
		if (a->note && *a->note) {
			strbuf_adds(sb, "<p class=\"note\"><strong>Note:</strong> ");
			u(sb, a->note);
			strbuf_adds(sb, "</p>\n");
		}
		if (a->nevidence) {
			strbuf_adds(sb, "<ol class=\"evidence\">\n");
			for (i = 0; i < a->nevidence; i++)
				evidence_html(rep, q, i, sb);
			strbuf_adds(sb, "</ol>\n");
		}
		strbuf_adds(sb, "</article>\n");
	}
	strbuf_adds(sb, "</section>\n");
}

static void question_refs(struct strbuf *sb, const struct score_result *r, const size_t *qs,
			  size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		strbuf_adds(sb, i ? ", " : "");
		qlink(sb, r->checklist->questions[qs[i]].id);
		strbuf_adds(sb, " = ");
		h(sb, report_answer_word(r, qs[i]));
	}
}

static void timeline_section(const struct report *rep, struct strbuf *sb)
{
	size_t i;

	strbuf_adds(sb, "<section id=\"timeline\" class=\"major\">\n<h2>7. Timeline</h2>\n");
	if (!rep->nevents) {
		strbuf_adds(sb, "<p>No evidence item carries a date.</p>\n</section>\n");
		return;
	}
	strbuf_adds(sb,
		    "<p>Dated events reported in the evidence (the event's date, else the "
		    "source's), in order; a partial date comes before the precise dates within "
		    "its period.</p>\n<table class=\"timeline\">\n<thead><tr><th class=\"w-date\">"
		    "Date</th><th>Source</th><th class=\"w-supp\">Supports</th></tr></thead>\n"
		    "<tbody>\n");
	for (i = 0; i < rep->nevents; i++) {
		const struct report_event *e = &rep->events[i];

		strbuf_adds(sb, "<tr><td>");
		u(sb, e->date);
		strbuf_adds(sb, "</td><td>");
		u(sb, e->ev->source);
		if (e->ev->title) {
			strbuf_adds(sb, ", \u201c");
			u(sb, e->ev->title);
			strbuf_adds(sb, "\u201d");
		}
		strbuf_addf(sb, " <a class=\"ref\" href=\"#src-%zu\">[%zu]</a></td><td>",
			    e->source + 1, e->source + 1);
		question_refs(sb, &rep->score, e->questions, e->nquestions);
		strbuf_adds(sb, "</td></tr>\n");
	}
	strbuf_adds(sb, "</tbody>\n</table>\n</section>\n");
}

static void bibliography_section(const struct report *rep, struct strbuf *sb)
{
	static const struct report_markup markup = {u, url_link};
	size_t i;

	strbuf_adds(sb,
		    "<section id=\"bibliography\" class=\"major\">\n<h2>8. Bibliography</h2>\n");
	if (!rep->nsources) {
		strbuf_adds(sb, "<p>No source is cited.</p>\n</section>\n");
		return;
	}
	strbuf_addf(sb,
		    "<p>%zu sources, numbered in the order first cited; each entry lists the "
		    "answers that cite it.</p>\n<ol class=\"bibliography\">\n",
		    rep->nsources);
	for (i = 0; i < rep->nsources; i++) {
		const struct report_source *s = &rep->sources[i];

		strbuf_addf(sb, "<li id=\"src-%zu\">", i + 1);
		report_add_source_entry(sb, s->ev, &markup);
		strbuf_adds(sb, "<br><span class=\"cited\">Cited for: ");
		question_refs(sb, &rep->score, s->questions, s->nquestions);
		strbuf_adds(sb, "</span></li>\n");
	}
	strbuf_adds(sb, "</ol>\n</section>\n");
}

static void footer(struct strbuf *sb, const char *generated, const char *digest)
{
	strbuf_addf(sb, "<footer>Generated by legitcheck %s on %s.", LEGITCHECK_VERSION, generated);
	if (digest)
		strbuf_addf(sb, " Checklist digest <code>%s</code>.", digest);
	strbuf_adds(sb, "</footer>\n</body>\n</html>\n");
}

void report_render_html(const struct report *rep, struct strbuf *sb)
{
	const struct casefile *cf = rep->cf;
	const char *title = cf->title && *cf->title ? cf->title
			    : rep->file             ? rep->file
						    : "untitled case";

	head(sb, "Report: ", title);
	strbuf_adds(sb, "<header>\n<p class=\"kicker\">Legal assessment report</p>\n<h1>");
	u(sb, title);
	strbuf_adds(sb, "</h1>\n<p class=\"meta\">Assessed against checklist <code>");
	h(sb, cf->checklist->id);
	strbuf_adds(sb, "</code> ");
	h(sb, cf->checklist->version);
	strbuf_adds(sb, ".</p>\n");
	if (rep->strict)
		strbuf_adds(sb,
			    "<p class=\"strict-banner\"><strong>Strict proof standards "
			    "applied.</strong> An answer counts only when its evidence meets the "
			    "proof standard of the criterion; otherwise the criterion counts as "
			    "unknown, and each such downgrade is shown.</p>\n");
	strbuf_adds(sb, "</header>\n<main>\n");
	case_section(rep, sb);
	verdict_section(rep, sb);
	frameworks_section(rep, sb);
	findings_section(rep, sb);
	open_section(rep, sb);
	questions_section(rep, sb);
	timeline_section(rep, sb);
	bibliography_section(rep, sb);
	strbuf_adds(sb, "</main>\n");
	footer(sb, rep->generated, cf->checklist->digest);
}

/*
 * The comparison in HTML.
 */

static void letter_head(struct strbuf *sb, const struct comparison *cmp, const char *first)
{
	size_t k;

	strbuf_addf(sb, "<thead><tr><th></th><th>%s</th>", first);
	for (k = 0; k < cmp->ncases; k++)
		strbuf_addf(sb, "<th>(%c)</th>", (int)('A' + k % 26));
	strbuf_adds(sb, "</tr></thead>\n<tbody>\n");
}

static void row_start(struct strbuf *sb, bool differs, bool minor)
{
	strbuf_addf(sb, "<tr%s><td class=\"mark\">%s</td><td>", differs ? " class=\"differs\"" : "",
		    differs ? "&ne; differs"
		    : minor ? "~ grade"
			    : "");
}

void compare_render_html(const struct comparison *cmp, struct strbuf *sb)
{
	const char *group = NULL;
	struct strbuf v;
	size_t i, k;

	strbuf_init(&v);
	head(sb, "Comparison of ", "cases");
	strbuf_adds(sb, "<header>\n<p class=\"kicker\">Legal assessment: comparison</p>\n"
			"<h1>Comparison of cases</h1>\n</header>\n<main>\n<section id=\"cases\">\n"
			"<ol class=\"cases\" type=\"A\">\n");
	for (k = 0; k < cmp->ncases; k++) {
		const struct compare_case *c = &cmp->cases[k];

		strbuf_adds(sb, "<li><strong>");
		u(sb, c->cf->title && *c->cf->title ? c->cf->title
		      : c->file                     ? c->file
						    : "untitled case");
		strbuf_adds(sb, "</strong>");
		if (c->file) {
			strbuf_adds(sb, " (");
			u(sb, c->file);
			strbuf_adds(sb, ")");
		}
		strbuf_adds(sb, ": checklist <code>");
		h(sb, c->cf->checklist->id);
		strbuf_adds(sb, "</code> ");
		h(sb, c->cf->checklist->version);
		strbuf_addf(sb, ", %zu of %zu answered</li>\n", c->score.answered,
			    c->score.applicable_count);
	}
	strbuf_adds(sb, "</ol>\n<p>");
	compare_scope_sentence(cmp, &v);
	h(sb, v.buf);
	strbuf_adds(sb, " Rows marked <strong>&ne; differs</strong> differ between the cases; rows "
			"marked ~ grade have the same answers but different best evidence.</p>\n"
			"</section>\n");

	strbuf_adds(sb, "<section id=\"overall\">\n<h2>1. Overall verdicts</h2>\n<table>\n");
	letter_head(sb, cmp, "");
	row_start(sb, cmp->overall_differs, false);
	strbuf_adds(sb, "overall</td>");
	for (k = 0; k < cmp->ncases; k++) {
		strbuf_adds(sb, "<td><strong>");
		words(sb, cmp->cases[k].score.overall_verdict);
		strbuf_adds(sb, "</strong></td>");
	}
	strbuf_adds(sb, "</tr>\n</tbody>\n</table>\n</section>\n");

	strbuf_adds(sb, "<section id=\"frameworks\">\n<h2>2. Frameworks</h2>\n");
	if (!cmp->nframeworks)
		strbuf_adds(sb, "<p>The checklists share no framework.</p>\n");
	else
		strbuf_adds(sb, "<table>\n");
	if (cmp->nframeworks)
		letter_head(sb, cmp, "Framework");
	for (i = 0; i < cmp->nframeworks; i++) {
		const struct compare_row *row = &cmp->frameworks[i];

		row_start(sb, row->differs, false);
		h(sb, row->title);
		strbuf_addf(sb, " (<code>%s</code>)</td>", row->id);
		for (k = 0; k < cmp->ncases; k++) {
			const struct framework_result *fr =
				&cmp->cases[k].score.frameworks[row->index[k]];

			strbuf_adds(sb, "<td>");
			verdict_badge(sb, fr->verdict);
			if (fr->score >= 0)
				strbuf_addf(sb, " %d/100", fr->score);
			strbuf_adds(sb, "</td>");
		}
		strbuf_adds(sb, "</tr>\n");
	}
	if (cmp->nframeworks)
		strbuf_adds(sb, "</tbody>\n</table>\n");
	strbuf_adds(sb, "</section>\n");

	strbuf_adds(sb, "<section id=\"findings\">\n<h2>3. Findings</h2>\n");
	if (!cmp->nfindings) {
		strbuf_adds(sb, "<p>No consistency check applies to any of the cases.</p>\n");
	} else {
		strbuf_adds(sb, "<table>\n");
		letter_head(sb, cmp, "Finding");
		for (i = 0; i < cmp->nfindings; i++) {
			const struct compare_row *row = &cmp->findings[i];

			row_start(sb, row->differs, false);
			strbuf_addf(sb, "<code>%s</code><span class=\"why\">", row->id);
			h(sb, row->title);
			strbuf_adds(sb, "</span></td>");
			for (k = 0; k < cmp->ncases; k++)
				strbuf_adds(sb, cmp->cases[k].score.findings[row->index[k]]
							? "<td>yes</td>"
							: "<td>no</td>");
			strbuf_adds(sb, "</tr>\n");
		}
		strbuf_adds(sb, "</tbody>\n</table>\n");
	}
	strbuf_adds(sb, "</section>\n");

	strbuf_adds(sb, "<section id=\"questions\" class=\"major\">\n"
			"<h2>4. Questions (answer; best evidence)</h2>\n");
	if (!cmp->nquestions)
		strbuf_adds(sb, "<p>The checklists share no question.</p>\n");
	else
		strbuf_adds(sb, "<table>\n");
	if (cmp->nquestions)
		letter_head(sb, cmp, "Question");
	for (i = 0; i < cmp->nquestions; i++) {
		const struct compare_row *row = &cmp->questions[i];

		if (!group || strcmp(group, row->group) != 0) {
			group = row->group;
			strbuf_addf(sb, "<tr class=\"group\"><th colspan=\"%zu\">",
				    cmp->ncases + 2);
			h(sb, group);
			strbuf_adds(sb, " ");
			h(sb, compare_section_title(cmp, i));
			strbuf_adds(sb, "</th></tr>\n");
		}
		row_start(sb, row->differs, row->grade_differs);
		strbuf_addf(sb, "<code>%s</code><span class=\"why\">", row->id);
		h(sb, row->title);
		strbuf_adds(sb, "</span></td>");
		for (k = 0; k < cmp->ncases; k++) {
			const struct compare_case *c = &cmp->cases[k];

			strbuf_adds(sb, row->differs ? "<td><strong>" : "<td>");
			h(sb, report_answer_word(&c->score, (size_t)row->index[k]));
			strbuf_adds(sb, row->differs ? "</strong>; " : "; ");
			strbuf_reset(&v);
			compare_add_best_grade(c, (size_t)row->index[k], &v);
			h(sb, v.buf);
			strbuf_adds(sb, "</td>");
		}
		strbuf_adds(sb, "</tr>\n");
	}
	if (cmp->nquestions)
		strbuf_adds(sb, "</tbody>\n</table>\n");
	strbuf_adds(sb, "</section>\n");

	strbuf_adds(sb, "<section id=\"notes\" class=\"major\">\n"
			"<h2>5. Answers and notes side by side</h2>\n");
	for (i = 0; i < cmp->nquestions; i++) {
		const struct compare_row *row = &cmp->questions[i];

		strbuf_addf(sb, "<h3>%s<code>%s</code> ", row->differs ? "&ne; " : "", row->id);
		h(sb, row->title);
		strbuf_addf(sb, " <span class=\"meta\">(%s)</span></h3>\n<ul>\n",
			    row->differs ? "answers differ" : "same answer");
		for (k = 0; k < cmp->ncases; k++) {
			const struct compare_case *c = &cmp->cases[k];
			const struct answer *a = &c->cf->answers[row->index[k]];

			strbuf_addf(sb, "<li><strong>(%c) ", (int)('A' + k % 26));
			h(sb, report_answer_word(&c->score, (size_t)row->index[k]));
			strbuf_adds(sb, "</strong>");
			if (a->note && *a->note) {
				strbuf_adds(sb, ": ");
				u(sb, a->note);
			}
			strbuf_adds(sb, "</li>\n");
		}
		strbuf_adds(sb, "</ul>\n");
	}
	strbuf_adds(sb, "</section>\n</main>\n");
	footer(sb, cmp->generated, NULL);
	strbuf_release(&v);
}
