/*
 * legitcheck: the command-line entry point. It only decides between a
 * one-off command (`legitcheck score CASE`) and a session on a case
 * (`legitcheck [CASE]`), then maps the result to an exit status.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "legitcheck/commands.h"
#include "legitcheck/config.h"
#include "legitcheck/shell.h"
#include "legitcheck/storage.h"
#include "legitcheck/ui.h"
#include "legitcheck/version.h"

/* The user's settings: defaults, the configuration file, the environment, then
 * the options of the command line, each overriding the one before. */
static struct config settings;

static void apply_settings(struct session *s)
{
	if (settings.default_checklist)
		s->default_checklist = settings.default_checklist;
	s->autosave = settings.autosave;
	s->color = config_use_color(&settings, isatty(STDOUT_FILENO));
	s->history = settings.history;
}

/* A bad setting is reported and ignored: it must not lock anyone out. */
static void load_settings(struct session *s)
{
	struct error warnings;
	char *path = config_file_path();
	size_t i;

	config_init(&settings);
	error_init(&warnings);
	if (path)
		config_read_file(&settings, path, &warnings);
	config_read_env(&settings, &warnings);
	for (i = 0; i < warnings.count; i++)
		fprintf(stderr, "legitcheck: %s\n", error_message(&warnings, i));
	error_release(&warnings);
	free(path);
	apply_settings(s);
}

/* A setting given as --name=VALUE or --name VALUE: 0 when argv[*i] is not one,
 * -1 once it is applied, a status after a usage error. */
static int setting_option(int argc, char **argv, int *i, const char *name, const char *key)
{
	size_t n = strlen(name);
	const char *value;
	struct error err;
	int rc;

	if (strncmp(argv[*i], name, n) != 0 || (argv[*i][n] != '=' && argv[*i][n] != '\0'))
		return 0;
	if (argv[*i][n] == '=') {
		value = argv[*i] + n + 1;
	} else if (*i + 1 < argc) {
		value = argv[++*i];
	} else {
		fprintf(stderr, "legitcheck: option '%s' needs a value\n", name);
		return LC_ERR_USAGE;
	}
	error_init(&err);
	rc = config_set(&settings, key, value, &err);
	if (rc)
		fprintf(stderr, "legitcheck: %s\n", error_message(&err, 0));
	error_release(&err);
	return rc ? rc : -1;
}

/* A question asked at start-up, before readline is set up: a plain line. */
static int ask_before_prompt(struct session *s, const char *prompt, const char *initial,
			     const char *const *words, char **answer)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	(void)initial;
	(void)words;
	session_write(s, s->err, prompt, strlen(prompt));
	fflush(s->err);
	n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		fputc('\n', s->err);
		*answer = NULL;
		return SESSION_ASK_CANCELLED;
	}
	line[strcspn(line, "\n")] = '\0';
	*answer = line;
	return SESSION_ASK_OK;
}

static int session_main(struct session *s, int argc, char **argv)
{
	const char *checklist = NULL, *path = NULL;
	int i, rc;

	for (i = 0; i < argc; i++) {
		if ((rc = setting_option(argc, argv, &i, "--color", "color")) ||
		    (rc = setting_option(argc, argv, &i, "--history", "history"))) {
			if (rc > 0)
				return rc;
		} else if (strcmp(argv[i], "--no-color") == 0) {
			settings.color = CONFIG_COLOR_NEVER;
		} else if (strcmp(argv[i], "--no-history") == 0) {
			free(settings.history);
			settings.history = NULL;
		} else if (strcmp(argv[i], "--autosave") == 0) {
			settings.autosave = true;
		} else if (strcmp(argv[i], "--checklist") == 0 && i + 1 < argc) {
			checklist = argv[++i];
		} else if (strncmp(argv[i], "--checklist=", 12) == 0) {
			checklist = argv[i] + 12;
		} else if (strcmp(argv[i], "--bail") == 0) {
			s->bail = true;
		} else if (strcmp(argv[i], "--read-only") == 0) {
			s->read_only = true;
		} else if (strcmp(argv[i], "--no-autosave") == 0) {
			settings.autosave = false;
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			fprintf(stderr,
				"legitcheck: unknown option '%s'\nusage: legitcheck [CASE] "
				"[--checklist ID|FILE] [--bail] [--[no-]autosave] [--read-only]\n"
				"       [--color WHEN] [--no-color] [--history FILE] "
				"[--no-history]\n",
				argv[i]);
			return LC_ERR_USAGE;
		} else if (!path) {
			path = argv[i];
		} else {
			const char *hint = command_suggest(path, CMD_CLI);

			if (hint)
				fprintf(stderr,
					"legitcheck: unknown command '%s' (did you mean '%s'?)\n",
					path, hint);
			else
				fprintf(stderr,
					"legitcheck: unknown command '%s' (see 'legitcheck "
					"help')\n",
					path);
			return LC_ERR_USAGE;
		}
	}
	apply_settings(s);
	/* A typo of a command must not silently become a new case file. */
	if (path && !storage_exists(path) &&
	    (strlen(path) < 5 || strcmp(path + strlen(path) - 5, ".json") != 0)) {
		const char *hint = command_suggest(path, CMD_CLI);

		if (hint)
			fprintf(stderr, "legitcheck: unknown command '%s' (did you mean '%s'?)\n",
				path, hint);
		else
			fprintf(stderr,
				"legitcheck: unknown command '%s' (see 'legitcheck help'; a new "
				"case file needs a name ending in .json)\n",
				path);
		return LC_ERR_USAGE;
	}
	/* At a terminal, a case another process edits may be opened read-only:
	 * the person is asked (session_open), before the prompt exists. */
	if (isatty(STDIN_FILENO))
		s->ask = ask_before_prompt;
	rc = path ? session_open(s, path, checklist, true) : session_new_unsaved(s, checklist);
	s->ask = NULL;
	if (rc)
		return rc;
	if (isatty(STDIN_FILENO)) {
		rc = repl_run(s);
	} else {
		rc = shell_run_script(s, stdin, "script");
	}
	/* Journaled changes into the case file, and the lock let go. */
	i = session_close(s);
	return rc ? rc : i;
}

/* Text for a terminal is wrapped to it, as at the prompt; text for a file
 * or a pipe keeps its lines whole. */
static void terminal_width(struct session *s)
{
	unsigned cols = ui_terminal_columns(s->out);

	if (cols < 20)
		return;
	s->wrap = true;
	s->width = cols > 100 ? 100 : cols - 1;
}

int main(int argc, char **argv)
{
	struct session s;
	const struct command *cmd = NULL;
	int rc;

	/* The user's character set (UTF-8 at the prompt) and the language of
	 * system error messages; nothing else: numbers in JSON must not follow
	 * the user's decimal separator, times are UTC in ISO 8601, and loading
	 * the other categories costs a file each at every start. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	session_init(&s);
	load_settings(&s);
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		argv[1] = "help";
	if (argc > 1 && strcmp(argv[1], "--version") == 0)
		argv[1] = "version";
	if (argc > 1)
		cmd = command_find(argv[1], CMD_CLI, false, NULL);
	if (cmd) {
		terminal_width(&s);
		rc = command_run(&s, argc - 1, argv + 1, CMD_CLI);
	} else
		rc = session_main(&s, argc - 1, argv + 1);
	session_release(&s);
	config_release(&settings);
	/* A full disk on `legitcheck score CASE > memo.txt` is an error, not silence. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "legitcheck: error writing to standard output\n");
		return LC_ERR_IO;
	}
	return rc;
}
