/*
 * Reports: what a lawyer files or prints about a case, and the side-by-side
 * comparison of several cases. One model, four renderings (text, Markdown,
 * HTML, JSON); docs/report-json.md is the JSON schema.
 *
 * The model gathers everything a rendering needs and that must read the same
 * in every format: the score (with pivotal answers), the open questions, the
 * bibliography (every source cited, numbered in the order first cited, one
 * entry per source+title+url) and the timeline of dated events. The renderers
 * only lay it out and escape it: user text is data, never markup, in every
 * format (HTML and Markdown escape it, isolate right-to-left text, and replace
 * control characters; text replaces control characters).
 *
 * Calling sequence: report_build(), report_render_FORMAT() any number of
 * times, report_release(). For comparisons: compare_build() over cases that
 * stay alive meanwhile, compare_render_FORMAT(), compare_release().
 * Nothing here prints, exits or fails: the caller writes the buffer.
 */
#ifndef LEGITCHECK_REPORT_H
#define LEGITCHECK_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "legitcheck/casefile.h"
#include "legitcheck/score.h"
#include "legitcheck/util.h"

#define REPORT_FORMAT         "legitcheck-report"
#define COMPARISON_FORMAT     "legitcheck-comparison"
#define REPORT_FORMAT_VERSION 1
#define REPORT_DEFAULT_WIDTH  80
#define REPORT_MIN_WIDTH      40

enum report_format { REPORT_TEXT, REPORT_MD, REPORT_HTML, REPORT_JSON, REPORT_FORMAT_COUNT };

extern const char *const report_format_names[REPORT_FORMAT_COUNT];

/* The open-question lists, in the order the report gives them. */
enum report_open {
	OPEN_UNANSWERED,  /* applicable, no choice yet */
	OPEN_UNKNOWN,     /* answered "unknown" */
	OPEN_UNSUPPORTED, /* answered, not unknown, no evidence */
	OPEN_DISPUTED,    /* some evidence item is marked disputed */
	OPEN_COUNT
};

extern const char *const report_open_names[OPEN_COUNT];  /* "unanswered", ... */
extern const char *const report_open_titles[OPEN_COUNT]; /* "Unanswered questions", ... */

/* One bibliography entry. Its strings belong to the first evidence item
 * citing it, which belongs to the case. */
struct report_source {
	const struct evidence *ev;
	size_t *questions; /* the questions citing it, in checklist order, unique */
	size_t nquestions;
	size_t aquestions;
};

/* One timeline entry: a dated event reported by one source, with every
 * question whose evidence reports it. */
struct report_event {
	const char *date; /* event_date, else date; owned by the case */
	const struct evidence *ev;
	size_t source; /* bibliography index, 0-based */
	size_t *questions;
	size_t nquestions;
	size_t aquestions;
};

struct report {
	const struct casefile *cf; /* not owned */
	char *file;                /* base name of the case file, or NULL */
	bool strict;
	char generated[21];        /* util_now_iso() at build time */
	struct score_result score; /* as asked, with the pivotal answers */
	struct score_result plain; /* strict only: the reading without proof standards */
	size_t **cite;             /* [question][item]: bibliography index of each item */
	long *best;                /* per question: index of its strongest item, -1 if none */
	struct report_source *sources;
	size_t nsources;
	struct report_event *events;
	size_t nevents;
};

/* Builds the report of cf (which must outlive it); file may be NULL. Cannot fail. */
void report_build(struct report *rep, const struct casefile *cf, const char *file, bool strict);
void report_release(struct report *rep);

/* Whether question q is in the open-question list kind. */
bool report_is_open(const struct report *rep, size_t q, enum report_open kind);
/* Number of questions in that list. */
size_t report_count_open(const struct report *rep, enum report_open kind);
/* Number of criterion outcomes that strict mode counted as unknown. */
size_t report_count_downgrades(const struct report *rep);

/* Renderings, appended to sb. width is the text format's line width (columns). */
void report_render_text(const struct report *rep, size_t width, struct strbuf *sb);
void report_render_md(const struct report *rep, struct strbuf *sb);
void report_render_html(const struct report *rep, struct strbuf *sb);
void report_render_json(const struct report *rep, struct strbuf *sb);
void report_render(const struct report *rep, enum report_format fmt, size_t width,
		   struct strbuf *sb);

/*
 * Shared wording, so every format says the same thing.
 */

/* "not satisfied" for "not_satisfied": a keyword in words (any [a-z0-9_]). */
void report_add_words(struct strbuf *sb, const char *keyword);
/* How a format writes text from the case and a web address. */
struct report_markup {
	void (*text)(struct strbuf *sb, const char *s);
	void (*url)(struct strbuf *sb, const char *url);
};
/* An item's entry in the bibliography, the same in every format:
 * Source. “Title.” Date. Kind. URL citation (what is missing left out). */
void report_add_source_entry(struct strbuf *sb, const struct evidence *ev,
			     const struct report_markup *m);
/* The quotable sentence: "The overall verdict on “TITLE” under checklist ID
 * VERSION is not established: TEXT" (plain text; the caller escapes it). */
void report_verdict_sentence(const struct report *rep, struct strbuf *sb);
/* "21 of 21 applicable questions answered, 4 unknown, 0 unsupported, 1 with
 * disputed evidence". */
void report_progress_sentence(const struct report *rep, struct strbuf *sb);
/* The grade of item ev as "B2", "ungraded", with ", disputed" when so. */
void report_add_grade(struct strbuf *sb, const struct evidence *ev);
/* An answer as shown to a reader: "contested", "unanswered", "not applicable". */
const char *report_answer_word(const struct score_result *r, size_t q);

/*
 * Dates of evidence (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][zone]):
 * chronological order of the date as written, a partial date before the more
 * precise dates of its period (2022 < 2022-01 < 2022-01-05 < 2022-01-05T10:00).
 * Returns <0, 0 or >0.
 */
int report_date_compare(const char *a, const char *b);

/*
 * Text helpers shared by the renderers.
 */

/* Decodes the code point at s[*i] and advances *i; invalid bytes give U+FFFD. */
unsigned long report_utf8_next(const char *s, size_t len, size_t *i);
void report_utf8_put(struct strbuf *sb, unsigned long cp);
/* True for characters that must not reach a reader's screen raw: C0 and C1
 * controls other than newline and tab, and DEL. */
bool report_is_control(unsigned long cp);
/* True when s holds right-to-left letters or bidirectional controls, so that
 * it must be isolated (U+2068 ... U+2069, or <bdi>) not to reorder its
 * surroundings. */
bool report_needs_isolation(const char *s);
/* Appends s, between U+2068 and U+2069 when report_needs_isolation(s). */
void report_add_isolated(struct strbuf *sb, const char *s);
/* True for zero-width formatting characters that take no column. */
bool report_is_zero_width(unsigned long cp);
/* True when url starts with http:// or https:// (case-insensitive): the only
 * links a report makes active. */
bool report_is_web_url(const char *url);

/*
 * Comparison: cases side by side, question by question and framework by
 * framework. Cases on different checklists are compared on what they share
 * (question, framework and finding ids present in every checklist).
 */
struct compare_case {
	const struct casefile *cf; /* not owned */
	char *file;                /* base name, or NULL */
	struct score_result score;
	long *best; /* per question of its own checklist: strongest item, -1 if none */
};

struct compare_row {
	const char *id; /* from the first case's checklist */
	const char *title;
	const char *group;  /* section id for questions; NULL otherwise */
	long *index;        /* per case: its index in that case's checklist */
	bool differs;       /* answers, verdicts or scores differ */
	bool grade_differs; /* questions only: same answers, different best grades */
};

struct comparison {
	struct compare_case *cases;
	size_t ncases;
	bool same_checklist; /* every case on the same checklist id and version */
	char generated[21];
	struct compare_row *questions;
	size_t nquestions;
	struct compare_row *frameworks;
	size_t nframeworks;
	struct compare_row *findings;
	size_t nfindings;
	size_t questions_differing;
	bool overall_differs;
};

/* Compares cases[0..n) (n >= 1; they must outlive cmp). files[i] may be NULL. */
void compare_build(struct comparison *cmp, const struct casefile *const *cases,
		   const char *const *files, size_t n);
void compare_release(struct comparison *cmp);

/* The best grade of a case's answer to question q ("B2", "B2 disputed",
 * "ungraded", "none"). */
void compare_add_best_grade(const struct compare_case *c, size_t q, struct strbuf *sb);
/* The title of the section of question row i (of the first case's checklist). */
const char *compare_section_title(const struct comparison *cmp, size_t i);
/* One sentence on what was compared, e.g. that the checklists differ. */
void compare_scope_sentence(const struct comparison *cmp, struct strbuf *sb);

void compare_render_text(const struct comparison *cmp, size_t width, struct strbuf *sb);
void compare_render_md(const struct comparison *cmp, struct strbuf *sb);
void compare_render_html(const struct comparison *cmp, struct strbuf *sb);
void compare_render_json(const struct comparison *cmp, struct strbuf *sb);
void compare_render(const struct comparison *cmp, enum report_format fmt, size_t width,
		    struct strbuf *sb);

#endif
