/*
 * Checklists: the legal test as data. A checklist holds questions (with their
 * choices, help and sources, and an optional condition on other answers),
 * frameworks of criteria that map answers to met / not met / unknown, the
 * rule that turns framework verdicts into an overall verdict, consistency
 * findings, proof standards and self-tests. docs/formats.md is the format.
 *
 * Nothing in C knows any particular checklist: ids, choices and verdict words
 * all come from the file.
 *
 * Calling sequence: checklist_load_file() (or _buffer), read the structs,
 * checklist_free(). Loading validates the whole file and reports every
 * problem at once, each as FILE:LINE:COLUMN: JSON.PATH: message.
 */
#ifndef LEGITCHECK_CHECKLIST_H
#define LEGITCHECK_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "legitcheck/error.h"

#define CHECKLIST_FORMAT         "legitcheck-checklist"
#define CHECKLIST_FORMAT_VERSION 1
#define CHECKLIST_MAX_CHOICES    64

enum criterion_result {
	RESULT_MET,
	RESULT_NOT_MET,
	RESULT_UNKNOWN,
	RESULT_NOT_APPLICABLE,
	RESULT_COUNT
};

enum framework_verdict {
	VERDICT_SATISFIED,
	VERDICT_NOT_SATISFIED,
	VERDICT_UNDETERMINED,
	VERDICT_NOT_APPLICABLE,
	VERDICT_COUNT
};

/* "met", "not_met", ...; the words of the format. */
extern const char *const result_names[RESULT_COUNT];
extern const char *const verdict_names[VERDICT_COUNT];

enum expr_kind {
	EXPR_ANSWER_IN,
	EXPR_ANSWER_NOT_IN,
	EXPR_FRAMEWORK_IN,
	EXPR_ALL,
	EXPR_ANY,
	EXPR_NOT
};

struct expr {
	enum expr_kind kind;
	size_t target;      /* question or framework index */
	uint64_t set;       /* bit i: choice i, or verdict i */
	struct expr *items; /* for all, any (nitems >= 1) and not (nitems == 1) */
	size_t nitems;
};

struct choice {
	char *keyword;
	char *label;
};

struct section {
	char *id;
	char *title;
	char *description;
};

struct question {
	char *id;
	size_t section;
	char *title;
	char *text;
	char *help;
	char **sources;
	size_t nsources;
	struct choice *choices;
	size_t nchoices;
	size_t unknown_choice;  /* index of the "unknown" choice */
	struct expr *condition; /* NULL: always asked */
};

struct proof_standard {
	uint64_t applies_to;       /* choices the standard applies to */
	char min_reliability;      /* 'A'..'F', 0 for any */
	char min_credibility;      /* '1'..'6', 0 for any */
	unsigned excluded_origins; /* bit per enum evidence_origin */
	int min_items;
	char *text;
};

struct criterion {
	char *id;
	char *title;
	size_t question;
	bool necessary;
	int weight;
	enum criterion_result *results; /* one per choice of the question */
	char *source;
	char *explanation[RESULT_COUNT]; /* NULL where none is given */
	struct proof_standard *standard; /* NULL: the checklist's default */
};

struct framework {
	char *id;
	char *title;
	char *source;
	char *description;
	struct criterion *criteria;
	size_t ncriteria;
};

struct overall_rule {
	char *verdict;
	struct expr when;
	char *text;
};

struct overall {
	char *title;
	char *source;
	struct overall_rule *rules;
	size_t nrules;
	char *otherwise_verdict;
	char *otherwise_text;
};

struct finding_rule {
	char *id;
	struct expr when;
	char *text;
	char *source;
};

struct checklist_test {
	char *name;
	int *answers;         /* choice per question, -1 when unanswered */
	char *expect_overall; /* NULL when not checked */
	int *expect_verdicts; /* per framework, -1 when not checked */
	bool expect_findings_given;
	bool *expect_findings; /* per finding rule */
};

struct checklist {
	char *path; /* where it was loaded from */
	char *id;
	char *version;
	char *title;
	char *description;
	char digest[72]; /* "sha256:<hex>" of the canonical content */
	struct section *sections;
	size_t nsections;
	struct question *questions;
	size_t nquestions;
	struct framework *frameworks;
	size_t nframeworks;
	struct overall overall;
	struct finding_rule *findings;
	size_t nfindings;
	struct proof_standard default_standard;
	struct checklist_test *tests;
	size_t ntests;
};

/* Loads and validates. On success *out is owned by the caller (checklist_free). */
int checklist_load_file(const char *path, struct checklist **out, struct error *err);
int checklist_load_buffer(const char *text, size_t len, const char *name, struct checklist **out,
			  struct error *err);
void checklist_free(struct checklist *cl);

/* Index of the question, or -1. */
long checklist_question_index(const struct checklist *cl, const char *id);
long checklist_framework_index(const struct checklist *cl, const char *id);
long checklist_finding_index(const struct checklist *cl, const char *id);
/* Index of the choice keyword in q, or -1. */
long question_choice_index(const struct question *q, const char *keyword);
/* Every verdict word the overall rule can give, for validation of expectations. */
bool checklist_overall_verdict_exists(const struct checklist *cl, const char *verdict);
/* Adds "did you mean 'x'?" for a near miss among the question ids, if any. */
const char *checklist_suggest_question(const struct checklist *cl, const char *id);
const char *question_suggest_choice(const struct question *q, const char *keyword);

#endif
