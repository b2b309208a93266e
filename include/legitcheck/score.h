/*
 * The scoring engine: applies a checklist's frameworks, overall rule and
 * findings to a case's answers. Pure and deterministic: no I/O, no clock, no
 * global state; the same checklist and answers always give the same result.
 *
 * Every criterion result keeps its trace (question, answer, result, necessary
 * or factor, source, and why a strict reading downgraded it), so a verdict can
 * always be explained and checked by hand.
 *
 * Calling sequence: score_compute() fills a struct score_result that the
 * caller releases with score_result_release().
 */
#ifndef LEGITCHECK_SCORE_H
#define LEGITCHECK_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "legitcheck/casefile.h"
#include "legitcheck/checklist.h"

enum strict_reason {
	STRICT_OK,
	STRICT_NO_EVIDENCE, /* fewer undisputed items than the standard asks */
	STRICT_GRADE,       /* items exist but none graded well enough */
	STRICT_ORIGIN,      /* items well graded but from an excluded origin */
};

struct criterion_outcome {
	const struct criterion *criterion;
	int choice;                   /* the answer, -1 when unanswered */
	enum criterion_result given;  /* result from the answer as given */
	enum criterion_result result; /* result used (differs in strict mode) */
	enum strict_reason strict;    /* why strict mode counted it as unknown */
};

struct framework_result {
	const struct framework *framework;
	enum framework_verdict verdict;
	int score; /* 0-100, -1 when not applicable */
	struct criterion_outcome *criteria;
};

struct pivotal_answer {
	size_t question;
	int choice;          /* the other choice */
	const char *verdict; /* the overall verdict it would give */
};

struct score_options {
	bool strict;
	/* What-if: treat question override_question as answered override_choice. */
	long override_question; /* -1 for none */
	int override_choice;
	bool pivotal; /* also compute the pivotal answers */
};

struct score_result {
	const struct checklist *checklist;
	struct framework_result *frameworks;
	long overall_rule; /* index of the matching rule, -1 for "otherwise" */
	const char *overall_verdict;
	const char *overall_text;
	bool *findings; /* per finding rule */
	size_t nfindings_fired;
	int *choices;      /* effective choice per question (-1 unanswered) */
	bool *applicable;  /* per question: its condition holds */
	bool *unsupported; /* per question: answered, not unknown, no evidence */
	size_t total, applicable_count, answered, unknown, unsupported_count;
	struct pivotal_answer *pivotal;
	size_t npivotal;
};

void score_options_init(struct score_options *o);

/* Scores the answers of cf (whose checklist is used). Cannot fail. */
void score_compute(const struct casefile *cf, const struct score_options *opts,
		   struct score_result *out);
/* Scores a bare set of answers (one choice per question, -1 unanswered), as the
 * checklist self-tests do; no evidence, so strict mode does not apply. */
void score_compute_choices(const struct checklist *cl, const int *choices,
			   struct score_result *out);
void score_result_release(struct score_result *r);

/* Whether an answer meets a proof standard, given its evidence. */
enum strict_reason score_check_standard(const struct proof_standard *st, int choice,
					const struct answer *a);

#endif
