/*
 * Evidence items: the source behind an answer, with its date, exact quote and
 * Admiralty grade (source reliability A-F, information credibility 1-6,
 * graded independently). Also the vocabularies of the case format and the
 * date syntax, shared by the loader, the REPL's prompts and the reports.
 */
#ifndef LEGITCHECK_EVIDENCE_H
#define LEGITCHECK_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

enum evidence_kind {
	KIND_UNSET = -1,
	KIND_OFFICIAL_DOCUMENT,
	KIND_OFFICIAL_STATEMENT,
	KIND_NEWS_REPORT,
	KIND_EXPERT_ANALYSIS,
	KIND_OTHER,
	KIND_COUNT
};

/* Who produced the source, relative to the dispute. */
enum evidence_origin {
	ORIGIN_UNSET = -1,
	ORIGIN_HOST,
	ORIGIN_INTERVENING,
	ORIGIN_THIRD_PARTY,
	ORIGIN_COUNT
};

struct json_extras;

/* Every string is owned by the item (NULL when absent). */
struct evidence {
	char *source;
	char *title;
	char *date;
	char *event_date;
	char *url;
	char *citation;
	char *quote;
	enum evidence_kind kind;
	char reliability; /* 'A'..'F', or 0 when ungraded */
	char credibility; /* '1'..'6', or 0 when ungraded */
	enum evidence_origin origin;
	bool disputed;
	char *note;
	struct json_extras *extras; /* unknown keys, written back unchanged */
};

extern const char *const evidence_kind_names[KIND_COUNT];
extern const char *const evidence_origin_names[ORIGIN_COUNT];

void evidence_init(struct evidence *ev);
/* Frees what the item owns and re-initialises it. */
void evidence_release(struct evidence *ev);
/* Deep copy into dst (initialised by the call); unknown keys are not copied. */
void evidence_copy(struct evidence *dst, const struct evidence *src);

/* Parses "B2" (case-insensitive letter). Returns false on anything else. */
bool evidence_parse_grade(const char *s, char *reliability, char *credibility);
int evidence_kind_parse(const char *s);
int evidence_origin_parse(const char *s);

/*
 * Checks an evidence date: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
 * with an optional Z or +HH:MM. Returns NULL when valid, else why not.
 */
const char *evidence_date_problem(const char *s);

/*
 * Strength rank of an item for "best evidence" displays: lower is stronger.
 * Disputed and ungraded items rank after graded ones.
 */
int evidence_rank(const struct evidence *ev);

#endif
