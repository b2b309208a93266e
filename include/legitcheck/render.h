/*
 * Turning a score into words: the text and JSON forms of `score`, and the
 * sentences that explain a verdict (shared with the reports, so the tool gives
 * the same reasons wherever it shows them). Writes into a strbuf; never prints.
 */
#ifndef LEGITCHECK_RENDER_H
#define LEGITCHECK_RENDER_H

#include <stdbool.h>

#include "legitcheck/casefile.h"
#include "legitcheck/score.h"
#include "legitcheck/util.h"

/* One reason per framework: "consent is undetermined: competent authority is
 * unknown (q1.authority = contested)". Appends a line each, no bullet. */
void render_framework_reason(const struct score_result *r, size_t framework, struct strbuf *sb);

/* The answer keyword of a criterion result, or "unanswered" / "not applicable". */
const char *render_answer_word(const struct score_result *r, size_t question);

/* Why strict mode counted an answer as unknown, as a phrase. */
const char *render_strict_reason(enum strict_reason why);

void render_score_text(const struct casefile *cf, const char *file, const struct score_result *r,
		       bool strict, struct strbuf *sb);
void render_score_json(const struct casefile *cf, const char *file, const struct score_result *r,
		       bool strict, bool compact, struct strbuf *sb);

#endif
