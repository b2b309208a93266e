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
#include "legitcheck/shell.h"
#include "legitcheck/storage.h"
#include "legitcheck/version.h"

static int session_main(struct session *s, int argc, char **argv)
{
	const char *checklist = NULL, *path = NULL;
	int i, rc;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--checklist") == 0 && i + 1 < argc) {
			checklist = argv[++i];
		} else if (strncmp(argv[i], "--checklist=", 12) == 0) {
			checklist = argv[i] + 12;
		} else if (strcmp(argv[i], "--bail") == 0) {
			s->bail = true;
		} else if (strcmp(argv[i], "--no-autosave") == 0) {
			s->autosave = false;
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			fprintf(stderr,
				"legitcheck: unknown option '%s'\nusage: legitcheck [CASE] "
				"[--checklist ID|FILE] [--bail] [--no-autosave]\n",
				argv[i]);
			return LC_ERR_USAGE;
		} else if (!path) {
			path = argv[i];
		} else {
			fprintf(stderr, "legitcheck: unknown command '%s' (see 'legitcheck help')\n",
				path);
			return LC_ERR_USAGE;
		}
	}
	/* A typo of a command must not silently become a new case file. */
	if (path && !storage_exists(path) &&
	    (strlen(path) < 5 || strcmp(path + strlen(path) - 5, ".json") != 0)) {
		fprintf(stderr,
			"legitcheck: unknown command '%s' (see 'legitcheck help'; a new case file "
			"needs a name ending in .json)\n",
			path);
		return LC_ERR_USAGE;
	}
	rc = path ? session_open(s, path, checklist, true) : session_new_unsaved(s, checklist);
	if (rc)
		return rc;
	if (isatty(STDIN_FILENO)) {
		rc = repl_run(s);
	} else {
		rc = shell_run_script(s, stdin, "script");
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct session s;
	const struct command *cmd = NULL;
	int rc;

	setlocale(LC_ALL, "");
	/* Numbers in JSON must not follow the user's decimal separator. */
	setlocale(LC_NUMERIC, "C");
	session_init(&s);
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		argv[1] = "help";
	if (argc > 1 && strcmp(argv[1], "--version") == 0)
		argv[1] = "version";
	if (argc > 1)
		cmd = command_find(argv[1], CMD_CLI, false, NULL);
	if (cmd)
		rc = command_run(&s, argc - 1, argv + 1, CMD_CLI);
	else
		rc = session_main(&s, argc - 1, argv + 1);
	session_release(&s);
	/* A full disk on `legitcheck score CASE > memo.txt` is an error, not silence. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "legitcheck: error writing to standard output\n");
		return LC_ERR_IO;
	}
	return rc;
}
