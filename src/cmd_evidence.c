/*
 * The evidence command: add, list, edit and rm, one table entry whose handler
 * dispatches the sub-verb.
 *
 * Fields come from options (scripts, or anyone who prefers typing them) or,
 * at a terminal when no option is given, from a guided prompt that asks for
 * each field in turn, re-asks a bad date or grade with the reason, offers the
 * keywords of kind and origin, and is cancelled whole by Ctrl-C. Every field
 * is validated with the library's own checks (evidence.h) before anything
 * changes, so a failed command leaves the case as it was.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "legitcheck/ui.h"

enum field_type { FIELD_TEXT, FIELD_DATE, FIELD_KIND, FIELD_GRADE, FIELD_ORIGIN, FIELD_FLAG };

struct field {
	const char *option; /* its option in the command table */
	const char *prompt; /* for the guided entry */
	enum field_type type;
	bool required;
	size_t offset; /* of the char * in struct evidence, for text and dates */
};

#define TEXT_AT(f) offsetof(struct evidence, f)

/* In the order of the guided entry (and of the case format). */
static const struct field fields[] = {
	{"--source", "source, who published it", FIELD_TEXT, true, TEXT_AT(source)},
	{"--title", "title", FIELD_TEXT, false, TEXT_AT(title)},
	{"--date", "date published (YYYY-MM-DD, or YYYY-MM, YYYY)", FIELD_DATE, false,
	 TEXT_AT(date)},
	{"--event-date", "date of the event it reports (YYYY-MM-DD)", FIELD_DATE, false,
	 TEXT_AT(event_date)},
	{"--url", "url", FIELD_TEXT, false, TEXT_AT(url)},
	{"--citation", "citation, as a document number or page", FIELD_TEXT, false,
	 TEXT_AT(citation)},
	{"--quote", "quote, the exact words in the original language", FIELD_TEXT, false,
	 TEXT_AT(quote)},
	{"--kind", "kind", FIELD_KIND, false, 0},
	{"--grade", "grade, reliability A-F then credibility 1-6 (as B2)", FIELD_GRADE, false, 0},
	{"--origin", "origin, who produced it", FIELD_ORIGIN, false, 0},
	{"--disputed", "disputed by other sources (yes/no)", FIELD_FLAG, false, 0},
	{"--note", "note", FIELD_TEXT, false, TEXT_AT(note)},
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static const char *const usage_add =
	"evidence add [QID] [--source TEXT] [--title TEXT] [--date YYYY-MM-DD]\n"
	"         [--event-date YYYY-MM-DD] [--url URL] [--citation TEXT] [--quote TEXT]\n"
	"         [--kind KIND] [--grade B2] [--origin host|intervening|third_party]\n"
	"         [--disputed|--undisputed] [--note TEXT]";
static const char *const usage_list = "evidence list [QID]";
static const char *const usage_edit = "evidence edit QID N [--FIELD VALUE...]";
static const char *const usage_rm = "evidence rm QID N";

static char **text_field(struct evidence *ev, const struct field *f)
{
	return (char **)(void *)((char *)ev + f->offset);
}

static int verb_usage(struct session *s, const char *verb, const char *usage, const char *fmt,
		      const char *arg)
{
	struct strbuf sb;
	int rc;

	strbuf_init(&sb);
	strbuf_addf(&sb, fmt, arg);
	rc = session_fail(s, LC_ERR_USAGE, "evidence %s: %s\nusage: %s", verb, sb.buf, usage);
	strbuf_release(&sb);
	return rc;
}

static bool any_option(const struct args *a)
{
	size_t i;

	for (i = 0; i < CMD_MAX_OPTIONS; i++)
		if (a->opt[i])
			return true;
	return false;
}

/* Exact keyword or unique prefix among names (n of them); -1 otherwise. */
static int pick_word(const char *word, const char *const *names, int n)
{
	size_t len = strlen(word);
	int i, found = -1, count = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(names[i], word) == 0)
			return i;
		if (len && strncmp(names[i], word, len) == 0) {
			found = i;
			count++;
		}
	}
	return count == 1 ? found : -1;
}

/*
 * Sets one field of ev from text ("" clears an optional field). Returns NULL
 * when done, else why the value cannot be used (a static string, or one
 * written into why).
 */
static const char *set_field(struct evidence *ev, const struct field *f, const char *text,
			     char why[160])
{
	int k;

	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_DATE:
		if (!*text) {
			if (f->required)
				return "required: who published it?";
			free(*text_field(ev, f));
			*text_field(ev, f) = NULL;
			return NULL;
		}
		if (f->type == FIELD_DATE) {
			const char *problem = evidence_date_problem(text);

			if (problem) {
				snprintf(why, 160, "'%s': %s", text, problem);
				return why;
			}
		}
		free(*text_field(ev, f));
		*text_field(ev, f) = xstrdup(text);
		return NULL;
	case FIELD_KIND:
	case FIELD_ORIGIN: {
		const char *const *names =
			f->type == FIELD_KIND ? evidence_kind_names : evidence_origin_names;
		int n = f->type == FIELD_KIND ? KIND_COUNT : ORIGIN_COUNT;

		if (!*text)
			k = -1;
		else if ((k = pick_word(text, names, n)) < 0) {
			const char *hint = util_suggest(text, names, (size_t)n);
			struct strbuf sb;
			int i;

			strbuf_init(&sb);
			for (i = 0; i < n; i++)
				strbuf_addf(&sb, "%s%s", i ? ", " : "", names[i]);
			if (hint)
				snprintf(why, 160, "'%s' is not one of %s (did you mean '%s'?)",
					 text, sb.buf, hint);
			else
				snprintf(why, 160, "'%s' is not one of %s", text, sb.buf);
			strbuf_release(&sb);
			return why;
		}
		if (f->type == FIELD_KIND)
			ev->kind = (enum evidence_kind)k;
		else
			ev->origin = (enum evidence_origin)k;
		return NULL;
	}
	case FIELD_GRADE:
		if (!*text) {
			ev->reliability = ev->credibility = 0;
			return NULL;
		}
		if (!evidence_parse_grade(text, &ev->reliability, &ev->credibility)) {
			snprintf(why, 160,
				 "'%s': a letter A-F (how reliable the source is) then a digit 1-6 "
				 "(how credible the information is), as in B2",
				 text);
			return why;
		}
		return NULL;
	case FIELD_FLAG:
		if (!*text || text[0] == 'n' || text[0] == 'N')
			ev->disputed = false;
		else if (text[0] == 'y' || text[0] == 'Y')
			ev->disputed = true;
		else
			return "answer yes or no";
		return NULL;
	}
	return NULL;
}

/* The current value of a field as text for a prefilled prompt; NULL if unset. */
static const char *field_text(const struct evidence *ev, const struct field *f, char buf[4])
{
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_DATE:
		return *text_field((struct evidence *)ev, f);
	case FIELD_KIND:
		return ev->kind == KIND_UNSET ? NULL : evidence_kind_names[ev->kind];
	case FIELD_ORIGIN:
		return ev->origin == ORIGIN_UNSET ? NULL : evidence_origin_names[ev->origin];
	case FIELD_GRADE:
		if (!ev->reliability)
			return NULL;
		buf[0] = ev->reliability;
		buf[1] = ev->credibility;
		buf[2] = '\0';
		return buf;
	case FIELD_FLAG:
		return ev->disputed ? "yes" : "no";
	}
	return NULL;
}

static char *trim(char *text)
{
	size_t n;

	while (*text == ' ' || *text == '\t')
		text++;
	n = strlen(text);
	while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		text[--n] = '\0';
	return text;
}

/*
 * Asks for every field of ev in turn, prefilled with its current values.
 * Returns false when the person cancelled (ev is then partly filled).
 */
static bool ask_fields(struct session *s, struct evidence *ev)
{
	static const char *const yes_no[] = {"yes", "no", NULL};
	static const char *kinds[KIND_COUNT + 1], *origins[ORIGIN_COUNT + 1];
	size_t i;

	memcpy(kinds, evidence_kind_names, sizeof(evidence_kind_names));
	memcpy(origins, evidence_origin_names, sizeof(evidence_origin_names));
	for (i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		const char *const *words = NULL;
		char *prompt, *rejected, buf[4], why[160];
		const char *problem;

		if (f->type == FIELD_KIND)
			words = kinds;
		else if (f->type == FIELD_ORIGIN)
			words = origins;
		else if (f->type == FIELD_FLAG)
			words = yes_no;
		if (words && f->type != FIELD_FLAG) {
			struct strbuf sb;
			size_t k;

			strbuf_init(&sb);
			for (k = 0; words[k]; k++)
				strbuf_addf(&sb, "%s%s", k ? ", " : "", words[k]);
			prompt = xasprintf("  %s (%s): ", f->prompt, sb.buf);
			strbuf_release(&sb);
		} else {
			prompt = xasprintf("  %s%s: ", f->prompt, f->required ? " (required)" : "");
		}
		/* A rejected value comes back in the line, to be corrected. */
		rejected = NULL;
		do {
			char *answer;

			if (session_ask(s, prompt, rejected ? rejected : field_text(ev, f, buf),
					words, &answer) != SESSION_ASK_OK) {
				free(rejected);
				free(prompt);
				return false;
			}
			problem = set_field(ev, f, trim(answer), why);
			free(rejected);
			rejected = NULL;
			if (problem) {
				session_say(s, "  %s%s: %s%s\n", ui_color(s, UI_RED), f->option + 2,
					    problem, ui_color(s, UI_RESET));
				rejected = xstrdup(trim(answer));
			}
			free(answer);
		} while (problem);
		free(prompt);
	}
	return true;
}

/* Checks ev as the loader would, reporting "evidence VERB: field: why". */
static int check(struct session *s, const char *verb, const struct evidence *ev)
{
	struct error err;
	size_t i;
	int rc = LC_OK;

	error_init(&err);
	if (!casefile_check_evidence(ev, &err)) {
		for (i = 0; i < err.count; i++)
			rc = session_fail(s, LC_ERR_USAGE, "evidence %s: %s", verb,
					  err.messages[i]);
	}
	error_release(&err);
	return rc;
}

static void say_item(struct session *s, const char *what, size_t qi, size_t n,
		     const struct evidence *ev)
{
	struct strbuf sb;

	if (!s->interactive)
		return;
	strbuf_init(&sb);
	ui_evidence_summary(ev, &sb);
	session_say(s, "%s [%zu] %s %s: %s\n", what, n + 1,
		    strcmp(what, "added") == 0 ? "to" : "of", s->cf->checklist->questions[qi].id,
		    sb.buf);
	strbuf_release(&sb);
}

static int add_item(struct session *s, size_t qi, struct evidence *ev)
{
	char *what;
	size_t n = s->cf->answers[qi].nevidence;

	what = xasprintf("evidence [%zu] added to %s", n + 1, s->cf->checklist->questions[qi].id);
	session_push_undo_answer(s, qi, what, true);
	free(what);
	say_item(s, "added", qi, n, ev);
	casefile_add_evidence(s->cf, qi, ev);
	return session_changed(s);
}

bool evidence_prompt_add(struct session *s, size_t question)
{
	struct evidence ev;
	bool added = false;

	evidence_init(&ev);
	session_say(s, "New evidence for %s (Enter skips an optional field, Ctrl-C cancels)\n",
		    s->cf->checklist->questions[question].id);
	if (!ask_fields(s, &ev))
		session_say(s, "cancelled: nothing was added\n");
	else if (!check(s, "add", &ev))
		added = add_item(s, question, &ev) == LC_OK;
	evidence_release(&ev);
	return added;
}

/* Applies the options given to ev; reports each bad value. */
static int apply_options(struct session *s, const char *verb, const char *usage,
			 const struct args *a, struct evidence *ev)
{
	size_t i;
	int rc = LC_OK;

	for (i = 0; i < NFIELDS; i++) {
		const char *value = args_opt(a, fields[i].option);
		const char *problem;
		char why[160];

		if (!value)
			continue;
		problem = set_field(ev, &fields[i], fields[i].type == FIELD_FLAG ? "yes" : value,
				    why);
		if (problem) {
			struct strbuf sb;

			strbuf_init(&sb);
			strbuf_addf(&sb, "%s: %s", fields[i].option, problem);
			rc = verb_usage(s, verb, usage, "%s", sb.buf);
			strbuf_release(&sb);
		}
	}
	/* The way back from --disputed when other sources no longer contradict it. */
	if (args_opt(a, "--undisputed")) {
		if (args_opt(a, "--disputed"))
			rc = verb_usage(s, verb, usage, "%s",
					"--disputed and --undisputed: one or the other");
		ev->disputed = false;
	}
	return rc;
}

static int do_add(struct session *s, struct args *a, int argc, char **argv)
{
	struct evidence ev;
	long qi;
	int rc;

	if (argc > 1)
		return verb_usage(s, "add", usage_add, "too many arguments ('%s')", argv[1]);
	qi = argc ? session_find_question(s, argv[0]) : (long)s->current;
	if (qi < 0)
		return LC_ERR_USAGE;
	if (!any_option(a)) {
		if (!s->ask)
			return verb_usage(s, "add", usage_add, "%s",
					  "--source is required (the guided entry needs a "
					  "terminal)");
		evidence_prompt_add(s, (size_t)qi);
		return LC_OK;
	}
	if (!args_opt(a, "--source"))
		return verb_usage(s, "add", usage_add, "%s", "--source is required");
	evidence_init(&ev);
	rc = apply_options(s, "add", usage_add, a, &ev);
	if (!rc)
		rc = check(s, "add", &ev);
	if (!rc)
		rc = add_item(s, (size_t)qi, &ev);
	evidence_release(&ev);
	return rc;
}

/* QID N, or N alone for the question at hand. Returns false after reporting. */
static bool item_args(struct session *s, const char *verb, const char *usage, int argc, char **argv,
		      long *qi, size_t *n)
{
	const char *num;
	char *end;
	unsigned long v;
	size_t have;

	if (argc == 1 && argv[0][0] >= '0' && argv[0][0] <= '9') {
		*qi = (long)s->current;
		num = argv[0];
	} else if (argc == 2) {
		*qi = session_find_question(s, argv[0]);
		if (*qi < 0)
			return false;
		num = argv[1];
	} else {
		verb_usage(s, verb, usage, "%s",
			   argc < 2 ? "missing argument" : "too many arguments");
		return false;
	}
	v = strtoul(num, &end, 10);
	have = s->cf->answers[*qi].nevidence;
	if (*end || num[0] < '0' || num[0] > '9') {
		verb_usage(s, verb, usage, "'%s' is not an item number", num);
		return false;
	}
	if (v < 1 || v > have) {
		struct strbuf sb;

		strbuf_init(&sb);
		if (!have)
			strbuf_addf(&sb, "%s has no evidence yet",
				    s->cf->checklist->questions[*qi].id);
		else
			strbuf_addf(&sb, "%s has %zu item%s; there is no [%s]",
				    s->cf->checklist->questions[*qi].id, have, have == 1 ? "" : "s",
				    num);
		session_fail(s, LC_ERR_USAGE, "evidence %s: %s", verb, sb.buf);
		strbuf_release(&sb);
		return false;
	}
	*n = (size_t)v - 1;
	return true;
}

static int do_edit(struct session *s, struct args *a, int argc, char **argv)
{
	struct evidence ev;
	long qi;
	size_t n;
	char *what;
	int rc = LC_OK;

	if (!item_args(s, "edit", usage_edit, argc, argv, &qi, &n))
		return LC_ERR_USAGE;
	evidence_copy(&ev, &s->cf->answers[qi].evidence[n]);
	if (!any_option(a)) {
		if (!s->ask) {
			rc = verb_usage(s, "edit", usage_edit, "%s",
					"give the fields to change, as in --grade B2 (the guided "
					"entry needs a terminal)");
			goto out;
		}
		session_say(s,
			    "Editing [%zu] of %s (Enter keeps a value, an emptied field is "
			    "removed, Ctrl-C cancels)\n",
			    n + 1, s->cf->checklist->questions[qi].id);
		if (!ask_fields(s, &ev)) {
			session_say(s, "cancelled: [%zu] is unchanged\n", n + 1);
			goto out;
		}
	} else {
		rc = apply_options(s, "edit", usage_edit, a, &ev);
		if (rc)
			goto out;
	}
	rc = check(s, "edit", &ev);
	if (rc)
		goto out;
	what = xasprintf("evidence [%zu] of %s edited", n + 1, s->cf->checklist->questions[qi].id);
	session_push_undo_answer(s, (size_t)qi, what, true);
	free(what);
	say_item(s, "edited", (size_t)qi, n, &ev);
	casefile_replace_evidence(s->cf, (size_t)qi, n, &ev);
	rc = session_changed(s);
out:
	evidence_release(&ev);
	return rc;
}

static int do_rm(struct session *s, struct args *a, int argc, char **argv)
{
	long qi;
	size_t n;
	char *what;

	if (any_option(a))
		return verb_usage(s, "rm", usage_rm, "%s", "takes no options");
	if (!item_args(s, "rm", usage_rm, argc, argv, &qi, &n))
		return LC_ERR_USAGE;
	what = xasprintf("evidence [%zu] removed from %s", n + 1,
			 s->cf->checklist->questions[qi].id);
	session_push_undo_answer(s, (size_t)qi, what, true);
	free(what);
	casefile_remove_evidence(s->cf, (size_t)qi, n);
	if (s->interactive)
		session_say(s, "removed [%zu] from %s ('undo' brings it back)\n", n + 1,
			    s->cf->checklist->questions[qi].id);
	return session_changed(s);
}

static void list_one(struct session *s, size_t qi)
{
	const struct question *q = &s->cf->checklist->questions[qi];
	const struct answer *ans = &s->cf->answers[qi];

	session_say(s, "%s%s%s = %s · %zu item%s\n", ui_color(s, UI_BOLD), q->id,
		    ui_color(s, UI_RESET),
		    ans->choice >= 0 ? q->choices[ans->choice].keyword : "unanswered",
		    ans->nevidence, ans->nevidence == 1 ? "" : "s");
	ui_say_evidence(s, ans->evidence, ans->nevidence);
}

static int do_list(struct session *s, struct args *a, int argc, char **argv)
{
	size_t i, shown = 0;
	long qi;

	if (any_option(a))
		return verb_usage(s, "list", usage_list, "%s", "takes no options");
	if (argc > 1)
		return verb_usage(s, "list", usage_list, "too many arguments ('%s')", argv[1]);
	if (argc) {
		qi = session_find_question(s, argv[0]);
		if (qi < 0)
			return LC_ERR_USAGE;
		list_one(s, (size_t)qi);
		return LC_OK;
	}
	for (i = 0; i < s->cf->checklist->nquestions; i++) {
		if (!s->cf->answers[i].nevidence)
			continue;
		if (shown++)
			session_say(s, "\n");
		list_one(s, i);
	}
	if (!shown)
		session_say(s, "no evidence yet ('evidence add' adds some to the question at "
			       "hand)\n");
	return LC_OK;
}

int cmd_evidence(struct session *s, struct args *a)
{
	static const char *const verbs[] = {"add", "list", "edit", "rm"};
	int v = pick_word(a->argv[0], verbs, 4);
	int argc = a->argc - 1;
	char **argv = a->argv + 1;

	switch (v) {
	case 0:
		return do_add(s, a, argc, argv);
	case 1:
		return do_list(s, a, argc, argv);
	case 2:
		return do_edit(s, a, argc, argv);
	case 3:
		return do_rm(s, a, argc, argv);
	default: {
		const char *hint = util_suggest(a->argv[0], verbs, 4);

		if (hint)
			return session_fail(s, LC_ERR_USAGE,
					    "evidence: no sub-command '%s' (did you mean '%s'?)\n"
					    "usage: %s",
					    a->argv[0], hint, a->cmd->usage);
		return session_fail(s, LC_ERR_USAGE,
				    "evidence: no sub-command '%s' (add, list, edit or rm)\n"
				    "usage: %s",
				    a->argv[0], a->cmd->usage);
	}
	}
}
