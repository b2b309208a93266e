/* Evidence items and the vocabularies of the case format. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "legitcheck/evidence.h"
#include "legitcheck/json.h"
#include "legitcheck/util.h"

const char *const evidence_kind_names[KIND_COUNT] = {
	"official_document", "official_statement", "news_report", "expert_analysis", "other",
};

const char *const evidence_origin_names[ORIGIN_COUNT] = {"host", "intervening", "third_party"};

void evidence_init(struct evidence *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = KIND_UNSET;
	ev->origin = ORIGIN_UNSET;
}

void evidence_release(struct evidence *ev)
{
	free(ev->source);
	free(ev->title);
	free(ev->date);
	free(ev->event_date);
	free(ev->url);
	free(ev->citation);
	free(ev->quote);
	free(ev->note);
	json_extras_free(ev->extras);
	evidence_init(ev);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void evidence_copy(struct evidence *dst, const struct evidence *src)
{
	*dst = *src;
	dst->source = dup_or_null(src->source);
	dst->title = dup_or_null(src->title);
	dst->date = dup_or_null(src->date);
	dst->event_date = dup_or_null(src->event_date);
	dst->url = dup_or_null(src->url);
	dst->citation = dup_or_null(src->citation);
	dst->quote = dup_or_null(src->quote);
	dst->note = dup_or_null(src->note);
	dst->extras = NULL;
}

bool evidence_parse_grade(const char *s, char *reliability, char *credibility)
{
	char r;

	if (!s || strlen(s) != 2)
		return false;
	r = (char)toupper((unsigned char)s[0]);
	if (r < 'A' || r > 'F' || s[1] < '1' || s[1] > '6')
		return false;
	*reliability = r;
	*credibility = s[1];
	return true;
}

static int parse_word(const char *s, const char *const *names, int n)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int evidence_kind_parse(const char *s)
{
	return parse_word(s, evidence_kind_names, KIND_COUNT);
}

int evidence_origin_parse(const char *s)
{
	return parse_word(s, evidence_origin_names, ORIGIN_COUNT);
}

static bool digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

const char *evidence_date_problem(const char *s)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t n = strlen(s);
	int y, m, d;

	if (n < 4 || !digits(s, 4))
		return "expected a date as YYYY-MM-DD (or YYYY-MM, or YYYY)";
	y = num(s, 4);
	if (n == 4)
		return NULL;
	if (n < 7 || s[4] != '-' || !digits(s + 5, 2))
		return "expected a date as YYYY-MM-DD (or YYYY-MM, or YYYY)";
	m = num(s + 5, 2);
	if (m < 1 || m > 12)
		return "month must be 01 to 12";
	if (n == 7)
		return NULL;
	if (n < 10 || s[7] != '-' || !digits(s + 8, 2))
		return "expected a date as YYYY-MM-DD (or YYYY-MM, or YYYY)";
	d = num(s + 8, 2);
	if (d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return "no such day in that month";
	if (n == 10)
		return NULL;
	s += 10;
	if (s[0] != 'T' || strlen(s) < 6 || !digits(s + 1, 2) || s[3] != ':' || !digits(s + 4, 2))
		return "expected a time as YYYY-MM-DDTHH:MM";
	if (num(s + 1, 2) > 23 || num(s + 4, 2) > 59)
		return "no such time of day";
	s += 6;
	if (s[0] == ':') {
		if (!digits(s + 1, 2) || num(s + 1, 2) > 60)
			return "invalid seconds";
		s += 3;
	}
	if (s[0] == '\0' || strcmp(s, "Z") == 0)
		return NULL;
	if ((s[0] == '+' || s[0] == '-') && strlen(s) == 6 && digits(s + 1, 2) && s[3] == ':' &&
	    digits(s + 4, 2) && num(s + 1, 2) <= 14 && num(s + 4, 2) <= 59)
		return NULL;
	return "invalid time zone (use Z or +HH:MM)";
}

int evidence_rank(const struct evidence *ev)
{
	int rank;

	if (!ev->reliability)
		rank = 100;
	else
		rank = (ev->reliability - 'A') * 10 + (ev->credibility - '1');
	if (ev->disputed)
		rank += 200;
	return rank;
}
