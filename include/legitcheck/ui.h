/*
 * How the session presents things to a person: colour (only on a terminal,
 * never with NO_COLOR: the session decides, s->color), text wrapped to the
 * terminal's width, the progress line and the one-line summary of an
 * evidence item. Shared by the command handlers and the prompt.
 *
 * ui_wrap() and ui_evidence_summary() only fill a strbuf; the ui_say_*
 * functions print to s->out.
 */
#ifndef LEGITCHECK_UI_H
#define LEGITCHECK_UI_H

#include <stddef.h>

#include "legitcheck/evidence.h"
#include "legitcheck/score.h"
#include "legitcheck/session.h"
#include "legitcheck/util.h"

enum ui_color { UI_RESET, UI_BOLD, UI_DIM, UI_GREEN, UI_YELLOW, UI_RED, UI_CYAN };

/* The escape sequence for c when s->color is set, else "". Never freed. */
const char *ui_color(const struct session *s, enum ui_color c);

/*
 * Appends text to sb, words wrapped so that no line is wider than width
 * columns (counting UTF-8 code points), each line starting with indent
 * spaces. A word longer than a line stays whole. Newlines in text are kept as
 * paragraph breaks. Ends with a newline.
 */
void ui_wrap(struct strbuf *sb, const char *text, size_t indent, size_t width);
/* The same with a hanging indent: the first line starts with bullet ("  - ",
 * padded to indent), the others with indent spaces. */
void ui_wrap_item(struct strbuf *sb, const char *bullet, const char *text, size_t indent,
		  size_t width);

/* Prints text wrapped to s->width with indent. */
void ui_say_wrapped(struct session *s, const char *text, size_t indent);
/* Appends text laid out in lines (such as score's) with every line wider
 * than width broken between words, its continuation indented two columns
 * more than the line; spacing within a line that fits is kept. */
void ui_wrap_lines(struct strbuf *sb, const char *text, size_t width);
/* Appends prose written in lines of about 80 columns, reflowed to width:
 * consecutive lines that start with a letter and hold no two spaces in a
 * row make one paragraph; blank lines separate paragraphs; other lines
 * (indented, or laid out in columns) are kept as in ui_wrap_lines. */
void ui_reflow(struct strbuf *sb, const char *text, size_t width);
/* The width in columns of the terminal f writes to; 0 when f is not a
 * terminal or its size is unknown. */
unsigned ui_terminal_columns(FILE *f);
/* Writes text laid out in lines to s->out, through ui_wrap_lines when the
 * output is a terminal (s->wrap), as it is otherwise. */
void ui_say_lines(struct session *s, const struct strbuf *text);

/* "Q2 The terms of the request · 7 of 21 answered · 3 unsupported": the
 * section of question and the progress of the case (no newline). r is a score
 * of the session's case. */
void ui_progress(const struct session *s, const struct score_result *r, size_t question,
		 struct strbuf *sb);

/* "Le Monde avec l'AFP, "title", 2022-01-05 · B2 · news_report · disputed"
 * (no newline). */
void ui_evidence_summary(const struct evidence *ev, struct strbuf *sb);

/* Prints items numbered from [1], each with its quote, address and note. */
void ui_say_evidence(struct session *s, const struct evidence *items, size_t n);

/* The grade of the strongest item (evidence_rank), "ungraded", or "-" when
 * there is none: points into buf or a literal. */
const char *ui_best_grade(const struct evidence *items, size_t n, char buf[16]);

#endif
