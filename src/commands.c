/*
 * The command table and its dispatcher. Adding a command is one entry here and
 * one handler: help, usage errors and completion follow from the entry.
 */
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "legitcheck/commands.h"
#include "legitcheck/ui.h"

static const char *const evidence_kinds[] = {
	"official_document", "official_statement", "news_report", "expert_analysis", "other", NULL};
static const char *const evidence_origins[] = {"host", "intervening", "third_party", NULL};
static const char *const score_formats[] = {"text", "json", NULL};
static const char *const report_formats[] = {"text", "md", "html", "json", NULL};

const struct command commands[] = {
	{"answer",
	 cmd_answer,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 1,
	 2,
	 "answer [QID] CHOICE",
	 "answer a question (the one at hand unless QID is given)",
	 "Records CHOICE as the answer to QID, or to the question at hand. The change is\n"
	 "recorded in the case's history and saved at once. 'unknown' means the evidence\n"
	 "does not settle the question; it is never the same as 'no'.",
	 {{0}}},
	{"checklists",
	 cmd_checklists,
	 CMD_CLI | CMD_SESSION,
	 0,
	 0,
	 "checklists [--ids]",
	 "list the checklists found, with id, version, title and place",
	 "Searches $LEGITCHECK_PATH, ./checklists, $XDG_DATA_HOME/legitcheck/checklists and\n"
	 "the installed data directory (beside the executable, then where it was built\n"
	 "to be installed), in that order; a build that is not installed also finds the\n"
	 "checklists of its source tree. A checklist shadowed by one of the same id\n"
	 "earlier in the path is marked as such. --ids prints only the ids, one a line.",
	 {{"--ids", NULL, NULL, "print only the ids of the valid checklists, one a line", false}}},
	{"compare",
	 cmd_compare,
	 CMD_CLI | CMD_SESSION,
	 1,
	 -1,
	 "compare CASE... [--format text|md|html|json] [-o FILE]",
	 "cases side by side, question by question, with the differences marked",
	 "Lines up two or more cases (in a session, the open case and the CASEs given):\n"
	 "the overall verdicts, each framework's verdict and score, the findings, and\n"
	 "every question's answer and best evidence, marking the rows that differ, then\n"
	 "every answer with its note side by side. Cases on different checklists are\n"
	 "compared on the questions and frameworks they share, and the output says so.",
	 {{"--format", "FORMAT", report_formats, "text (default), md, html or json", false},
	  {"--output", "FILE", NULL, "write to FILE, replaced atomically, not standard output",
	   false}}},
	{"evidence",
	 cmd_evidence,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 1,
	 3,
	 "evidence add|list|edit|rm [QID] [N] [OPTIONS]",
	 "add, list, edit or remove the evidence behind an answer",
	 "evidence add [QID] [OPTIONS]   a new item for QID (or the question at hand)\n"
	 "evidence list [QID]            the items of QID, or of every question\n"
	 "evidence edit QID N [OPTIONS]  change item N of QID (the given fields only)\n"
	 "evidence rm QID N              remove item N of QID\n"
	 "At a terminal, 'evidence add' and 'evidence edit' without options ask for each\n"
	 "field in turn (Enter skips or keeps one, Ctrl-C cancels). In a script, 'add'\n"
	 "needs --source. An empty value removes a field in 'edit'. Every answer but\n"
	 "'unknown' needs at least one item, or it is listed as unsupported.",
	 {{"--source", "TEXT", NULL, "who published it (required)", false},
	  {"--title", "TEXT", NULL, "the title of the document or article", false},
	  {"--date", "YYYY-MM-DD", NULL, "when it was published (or YYYY-MM, YYYY)", false},
	  {"--event-date", "YYYY-MM-DD", NULL, "when the event it reports happened", false},
	  {"--url", "URL", NULL, "where to find it", false},
	  {"--citation", "TEXT", NULL, "document number, page, for print or official sources",
	   false},
	  {"--quote", "TEXT", NULL, "the exact words, in the original language", false},
	  {"--kind", "KIND", evidence_kinds, "what it is", true},
	  {"--grade", "B2", NULL, "Admiralty grade: reliability A-F, credibility 1-6", false},
	  {"--origin", "ORIGIN", evidence_origins, "who produced it, relative to the dispute",
	   true},
	  {"--disputed", NULL, NULL, "other sources contradict it", false},
	  {"--undisputed", NULL, NULL, "no other source contradicts it (the default)", false},
	  {"--note", "TEXT", NULL, "a note on the item", false}}},
	{"goto",
	 cmd_goto,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 1,
	 1,
	 "goto QID",
	 "make QID the question at hand and show it",
	 NULL,
	 {{0}}},
	{"help",
	 cmd_help,
	 CMD_CLI | CMD_SESSION,
	 0,
	 1,
	 "help [COMMAND]",
	 "list the commands, or explain one",
	 NULL,
	 {{0}}},
	{"list",
	 cmd_list,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 0,
	 0,
	 "list",
	 "every question with its answer and evidence: the review screen",
	 NULL,
	 {{0}}},
	{"new",
	 cmd_new,
	 CMD_CLI,
	 1,
	 1,
	 "new CASE [--checklist ID|FILE] [--title TEXT]",
	 "create a new case file",
	 "Creates CASE, answered against the default checklist (five-questions) or the one\n"
	 "named. Refuses to overwrite an existing file.",
	 {{"--checklist", "ID|FILE", NULL, "checklist id or file", false},
	  {"--title", "TEXT", NULL, "the case's title", false}}},
	{"next",
	 cmd_next,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 0,
	 0,
	 "next",
	 "go to the next question that applies, answered or not",
	 NULL,
	 {{0}}},
	{"note",
	 cmd_note,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 1,
	 2,
	 "note [QID] TEXT",
	 "attach a note to an answer (an empty TEXT removes it)",
	 NULL,
	 {{0}}},
	{"open",
	 cmd_open,
	 CMD_SESSION,
	 1,
	 1,
	 "open FILE",
	 "open another case (a new one if FILE does not exist and ends in .json)",
	 NULL,
	 {{0}}},
	{"prev",
	 cmd_prev,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 0,
	 0,
	 "prev",
	 "go back to the previous question that applies",
	 NULL,
	 {{0}}},
	{"quit",
	 cmd_quit,
	 CMD_SESSION,
	 0,
	 0,
	 "quit",
	 "leave (asking first if changes would be lost)",
	 NULL,
	 {{0}}},
	{"report",
	 cmd_report,
	 CMD_CLI | CMD_SESSION,
	 0,
	 1,
	 "report [CASE] [--format text|md|html|json] [--strict] [-o FILE]",
	 "a report to file or print: verdicts, reasons, evidence, timeline and sources",
	 "Writes the report on CASE (or the open case): the case, the overall verdict in\n"
	 "a sentence with its reasons, each framework's criteria with their legal\n"
	 "sources, the findings, the open questions (unanswered, unknown, unsupported,\n"
	 "disputed and pivotal answers), every answer with its note and evidence, a\n"
	 "timeline of the dated events, and a numbered bibliography. Text is wrapped to\n"
	 "$COLUMNS or the terminal (else 80 columns); md is GitHub-flavoured Markdown;\n"
	 "html is one self-contained printable page; json is documented in\n"
	 "docs/report-json.md. --strict applies the proof standards and shows what they\n"
	 "downgrade. -o FILE replaces FILE atomically: on any failure it is left as it was.",
	 {{"--format", "FORMAT", report_formats, "text (default), md, html or json", false},
	  {"--strict", NULL, NULL, "apply the proof standards", false},
	  {"--output", "FILE", NULL, "write to FILE, replaced atomically, not standard output",
	   false}}},
	{"save",
	 cmd_save,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 0,
	 1,
	 "save [FILE]",
	 "save the case (to FILE, which becomes the case's file)",
	 NULL,
	 {{0}}},
	{"score",
	 cmd_score,
	 CMD_CLI | CMD_SESSION,
	 0,
	 -1,
	 "score [CASE...] [--format text|json] [--strict]",
	 "the verdicts, criterion by criterion, with their legal sources",
	 "Scores each CASE (or the open case) against its checklist: every framework's\n"
	 "verdict and score, each criterion's result and source, the overall verdict with\n"
	 "its reasons, the consistency findings, unsupported answers and the pivotal\n"
	 "answers (those whose change would change the overall verdict).\n"
	 "--strict counts an answer whose evidence does not meet its criterion's proof\n"
	 "standard as unknown, and says so. With several cases, --format json prints one\n"
	 "JSON object per line. The exit status is 0 whatever the verdict.",
	 {{"--format", "FORMAT", score_formats, "text (default) or json", false},
	  {"--strict", NULL, NULL, "apply the proof standards", false}}},
	{"set",
	 cmd_set,
	 CMD_SESSION,
	 2,
	 2,
	 "set autosave on|off",
	 "turn saving after every change on or off",
	 "With autosave on (the default), every change is on disk before the next prompt.\n"
	 "With it off, only 'save' writes the case, and leaving asks first.",
	 {{0}}},
	{"show",
	 cmd_show,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 0,
	 1,
	 "show [QID]",
	 "show a question: text, help, sources, choices, answer and evidence",
	 NULL,
	 {{0}}},
	{"status",
	 cmd_status,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 0,
	 0,
	 "status",
	 "where you are: the file, the question at hand and the progress",
	 NULL,
	 {{0}}},
	{"test",
	 cmd_test,
	 CMD_CLI,
	 1,
	 -1,
	 "test CHECKLIST...",
	 "run the self-tests a checklist carries, printing TAP",
	 "Each test gives answers and the verdicts and findings expected for them. A\n"
	 "failing test prints what was expected and what the engine gave. Exits 1 if any\n"
	 "test fails.",
	 {{0}}},
	{"title",
	 cmd_title,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 1,
	 1,
	 "title TEXT",
	 "set the case's title",
	 NULL,
	 {{0}}},
	{"undo",
	 cmd_undo,
	 CMD_SESSION | CMD_NEEDS_CASE,
	 0,
	 0,
	 "undo",
	 "revert the last change of this session",
	 NULL,
	 {{0}}},
	{"upgrade",
	 cmd_upgrade,
	 CMD_CLI,
	 1,
	 1,
	 "upgrade CASE",
	 "accept a changed checklist for a case",
	 "A case records the version and digest of its checklist. When the checklist\n"
	 "changes, loading the case fails so that no answer is silently mis-scored.\n"
	 "After reviewing the answers, 'upgrade' records the checklist as it is now.",
	 {{0}}},
	{"validate",
	 cmd_validate,
	 CMD_CLI | CMD_SESSION,
	 1,
	 -1,
	 "validate FILE...",
	 "check checklists and case files, listing every problem",
	 "Each problem is reported as FILE:LINE:COLUMN: JSON.PATH: message. Exits 65 if\n"
	 "any file is invalid.",
	 {{0}}},
	{"version",
	 cmd_version,
	 CMD_CLI | CMD_SESSION,
	 0,
	 0,
	 "version",
	 "print the version",
	 NULL,
	 {{0}}},
	{"whatif",
	 cmd_whatif,
	 CMD_CLI | CMD_SESSION,
	 2,
	 3,
	 "whatif [CASE] QID CHOICE",
	 "the verdicts as they would be with one answer changed",
	 "Scores the case as if QID were answered CHOICE, and shows what would change.\n"
	 "The case itself is not modified.",
	 {{"--strict", NULL, NULL, "apply the proof standards", false}}},
};

const size_t ncommands = sizeof(commands) / sizeof(commands[0]);

const struct command *command_find(const char *name, unsigned context, bool prefix_ok,
				   bool *ambiguous)
{
	const struct command *match = NULL;
	size_t i, n = 0, len = strlen(name);

	if (ambiguous)
		*ambiguous = false;
	for (i = 0; i < ncommands; i++) {
		if (!(commands[i].flags & context))
			continue;
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
		if (prefix_ok && len && strncmp(commands[i].name, name, len) == 0) {
			match = &commands[i];
			n++;
		}
	}
	if (n > 1) {
		if (ambiguous)
			*ambiguous = true;
		return NULL;
	}
	return match;
}

const char *command_suggest(const char *word, unsigned context)
{
	const char *names[64];
	size_t i, n = 0;

	for (i = 0; i < ncommands && n < sizeof(names) / sizeof(names[0]); i++)
		if (commands[i].flags & context)
			names[n++] = commands[i].name;
	return util_suggest(word, names, n);
}

int command_option_index(const struct command *cmd, const char *name)
{
	int i;

	for (i = 0; i < CMD_MAX_OPTIONS && cmd->options[i].name; i++)
		if (strcmp(cmd->options[i].name, name) == 0)
			return i;
	return -1;
}

const char *args_opt(const struct args *a, const char *name)
{
	int i = command_option_index(a->cmd, name);

	return i < 0 ? NULL : a->opt[i];
}

/* Short spellings of long options, for every command that has the long one. */
static const struct {
	const char *short_name;
	const char *long_name;
} option_aliases[] = {{"-o", "--output"}};

/* The long option that arg spells short for cmd, or NULL. With name set, the
 * short spelling of the long option name instead. */
static const char *option_alias(const struct command *cmd, const char *arg, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(option_aliases) / sizeof(option_aliases[0]); i++) {
		if (command_option_index(cmd, option_aliases[i].long_name) < 0)
			continue;
		if (arg && strcmp(arg, option_aliases[i].short_name) == 0)
			return option_aliases[i].long_name;
		if (name && strcmp(name, option_aliases[i].long_name) == 0)
			return option_aliases[i].short_name;
	}
	return NULL;
}

static int usage_error(struct session *s, const struct command *cmd, const char *fmt,
		       const char *arg)
{
	struct strbuf sb;
	int rc;

	strbuf_init(&sb);
	strbuf_addf(&sb, fmt, arg);
	rc = session_fail(s, LC_ERR_USAGE, "%s: %s\nusage: %s", cmd->name, sb.buf, cmd->usage);
	strbuf_release(&sb);
	return rc;
}

int command_parse_args(struct session *s, const struct command *cmd, int argc, char **argv,
		       struct args *a)
{
	int i, k;
	bool options_done = false;

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	a->argv = xcalloc((size_t)argc + 1, sizeof(*a->argv));
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *eq;
		const char *alias = options_done ? NULL : option_alias(cmd, arg, NULL);
		char name[64];

		if (!alias && (options_done || strncmp(arg, "--", 2) != 0 ||
			       strcmp(arg, "--") == 0 || arg[2] == '\0')) {
			if (!options_done && strcmp(arg, "--") == 0) {
				options_done = true;
				continue;
			}
			a->argv[a->argc++] = argv[i];
			continue;
		}
		/* A short alias ("-o FILE") stands for its long option. */
		eq = alias ? NULL : strchr(arg, '=');
		if (alias)
			snprintf(name, sizeof(name), "%s", alias);
		else
			snprintf(name, sizeof(name), "%.*s",
				 (int)(eq ? eq - arg : (long)strlen(arg)), arg);
		k = command_option_index(cmd, name);
		if (k < 0) {
			const char *names[CMD_MAX_OPTIONS];
			const char *hint;
			int n;

			for (n = 0; n < CMD_MAX_OPTIONS && cmd->options[n].name; n++)
				names[n] = cmd->options[n].name;
			hint = util_suggest(name, names, (size_t)n);
			if (hint) {
				struct strbuf sb;
				int rc;

				strbuf_init(&sb);
				strbuf_addf(&sb, "unknown option '%s' (did you mean '%s'?)", name,
					    hint);
				rc = usage_error(s, cmd, "%s", sb.buf);
				strbuf_release(&sb);
				free(a->argv);
				a->argv = NULL;
				return rc;
			}
			free(a->argv);
			a->argv = NULL;
			return usage_error(s, cmd, "unknown option '%s'", name);
		}
		if (!cmd->options[k].metavar) {
			if (eq) {
				free(a->argv);
				a->argv = NULL;
				return usage_error(s, cmd, "option '%s' takes no value", name);
			}
			a->opt[k] = "";
			continue;
		}
		if (eq) {
			a->opt[k] = eq + 1;
		} else if (i + 1 < argc) {
			a->opt[k] = argv[++i];
		} else {
			free(a->argv);
			a->argv = NULL;
			return usage_error(s, cmd, "option '%s' needs a value", name);
		}
		if (cmd->options[k].values && !(cmd->options[k].empty_ok && !*a->opt[k])) {
			const char *const *v = cmd->options[k].values;

			while (*v && strcmp(*v, a->opt[k]) != 0)
				v++;
			if (!*v) {
				struct strbuf sb;
				int rc;

				strbuf_init(&sb);
				strbuf_addf(&sb, "invalid value '%s' for %s (one of", a->opt[k],
					    name);
				for (v = cmd->options[k].values; *v; v++)
					strbuf_addf(&sb, " %s", *v);
				strbuf_addc(&sb, ')');
				rc = usage_error(s, cmd, "%s", sb.buf);
				strbuf_release(&sb);
				free(a->argv);
				a->argv = NULL;
				return rc;
			}
		}
	}
	if (a->argc < cmd->min_args || (cmd->max_args >= 0 && a->argc > cmd->max_args)) {
		int rc = usage_error(s, cmd, "%s",
				     a->argc < cmd->min_args ? "missing argument"
							     : "too many arguments");

		free(a->argv);
		a->argv = NULL;
		return rc;
	}
	return LC_OK;
}

int command_run(struct session *s, int argc, char **argv, unsigned context)
{
	const struct command *cmd;
	const char *hint;
	struct args a;
	bool ambiguous;
	int rc;

	if (argc < 1)
		return LC_OK;
	cmd = command_find(argv[0], context, context == CMD_SESSION, &ambiguous);
	if (!cmd) {
		if (ambiguous) {
			struct strbuf sb;
			size_t i;

			strbuf_init(&sb);
			for (i = 0; i < ncommands; i++)
				if ((commands[i].flags & context) &&
				    strncmp(commands[i].name, argv[0], strlen(argv[0])) == 0)
					strbuf_addf(&sb, " %s", commands[i].name);
			rc = session_fail(s, LC_ERR_USAGE, "'%s' is ambiguous:%s", argv[0], sb.buf);
			strbuf_release(&sb);
			return rc;
		}
		if ((hint = command_suggest(argv[0], context)))
			return session_fail(s, LC_ERR_USAGE,
					    "unknown command '%s' (did you mean '%s'?)", argv[0],
					    hint);
		return session_fail(s, LC_ERR_USAGE, "unknown command '%s' (type 'help')", argv[0]);
	}
	if ((context & CMD_SESSION) && (cmd->flags & CMD_NEEDS_CASE) && !s->cf)
		return session_fail(s, LC_ERR_USAGE, "%s: no case is open", cmd->name);
	rc = command_parse_args(s, cmd, argc - 1, argv + 1, &a);
	if (rc)
		return rc;
	rc = cmd->handler(s, &a);
	free(a.argv);
	return rc;
}

/* Help prose is written for 80 columns: as it is through a pipe, reflowed
 * to a terminal's width. */
static void add_prose(struct session *s, struct strbuf *sb, const char *text)
{
	if (s->wrap)
		ui_reflow(sb, text, s->width);
	else
		strbuf_adds(sb, text);
}

/* An option and what it does, the latter in a column of its own. */
static void add_option(struct session *s, struct strbuf *sb, const char *left, const char *help)
{
	char *bullet;

	if (!s->wrap) {
		strbuf_addf(sb, "  %-22s %s\n", left, help);
		return;
	}
	bullet = xasprintf("  %s", left);
	if (strlen(bullet) > 24) {
		strbuf_addf(sb, "%s\n", bullet);
		ui_wrap_item(sb, NULL, help, 25, s->width);
	} else {
		ui_wrap_item(sb, bullet, help, 25, s->width);
	}
	free(bullet);
}

void command_help(struct session *s, const char *name, unsigned context)
{
	struct strbuf sb;
	size_t i;
	int k;

	if (name) {
		const struct command *cmd = command_find(name, CMD_CLI | CMD_SESSION, true, NULL);

		if (!cmd) {
			session_fail(s, LC_ERR_USAGE, "help: no command '%s'", name);
			return;
		}
		strbuf_init(&sb);
		strbuf_addf(&sb, "usage: %s\n\n", cmd->usage);
		add_prose(s, &sb, cmd->summary);
		strbuf_addc(&sb, '\n');
		if (cmd->help) {
			strbuf_addc(&sb, '\n');
			add_prose(s, &sb, cmd->help);
			strbuf_addc(&sb, '\n');
		}
		if (cmd->options[0].name) {
			strbuf_adds(&sb, "\noptions:\n");
			for (k = 0; k < CMD_MAX_OPTIONS && cmd->options[k].name; k++) {
				const char *short_name =
					option_alias(cmd, NULL, cmd->options[k].name);
				char left[64];

				snprintf(left, sizeof(left), "%s%s%s%s%s",
					 short_name ? short_name : "", short_name ? ", " : "",
					 cmd->options[k].name, cmd->options[k].metavar ? " " : "",
					 cmd->options[k].metavar ? cmd->options[k].metavar : "");
				add_option(s, &sb, left, cmd->options[k].help);
			}
		}
		strbuf_addf(&sb, "\n%s%s\n",
			    cmd->flags & CMD_CLI ? "on the command line: legitcheck " : "",
			    cmd->flags & CMD_CLI ? cmd->name : "at the prompt and in scripts");
		session_write(s, s->out, sb.buf, sb.len);
		strbuf_release(&sb);
		return;
	}
	strbuf_init(&sb);
	for (i = 0; i < ncommands; i++) {
		char *usage;

		if (!(commands[i].flags & context))
			continue;
		/* A long usage line gets a line of its own; at a terminal, a long
		 * summary goes on under itself. */
		usage = xasprintf("  %s", commands[i].usage);
		if (strlen(commands[i].usage) > 34) {
			strbuf_addf(&sb, "%s\n", usage);
			free(usage);
			usage = NULL;
		}
		if (s->wrap)
			ui_wrap_item(&sb, usage ? usage : "", commands[i].summary, 37, s->width);
		else
			strbuf_addf(&sb, "%-36s %s\n", usage ? usage : "", commands[i].summary);
		free(usage);
	}
	session_write(s, s->out, sb.buf, sb.len);
	strbuf_release(&sb);
}
