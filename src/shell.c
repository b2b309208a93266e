/* Line execution, script mode and the signal flags; see shell.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "legitcheck/commands.h"
#include "legitcheck/shell.h"
#include "legitcheck/tokenize.h"

volatile sig_atomic_t shell_got_interrupt;
volatile sig_atomic_t shell_got_terminate;
volatile sig_atomic_t shell_got_resize;

static void on_signal(int sig)
{
	if (sig == SIGINT)
		shell_got_interrupt = 1;
	else if (sig == SIGWINCH)
		shell_got_resize = 1;
	else
		shell_got_terminate = sig;
}

void shell_catch_signals(bool interactive)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking read or select must return so that the loop
	 * sees the flag. */
	sa.sa_flags = 0;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (interactive) {
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGWINCH, &sa, NULL);
	}
}

/* mkdir -p for the directories of path, private to the user. */
static void make_parents(const char *path)
{
	char *dir = xstrdup(path), *p;

	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			break;
		*p = '/';
	}
	free(dir);
}

static char *rescue_path(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char now[21], *p;

	util_now_iso(now);
	for (p = now; *p; p++)
		if (*p == ':')
			*p = '-';
	if (state && *state == '/')
		return xasprintf("%s/legitcheck/unsaved-%s.json", state, now);
	if (home && *home)
		return xasprintf("%s/.local/state/legitcheck/unsaved-%s.json", home, now);
	return xasprintf("legitcheck-unsaved-%s.json", now);
}

void shell_rescue(struct session *s)
{
	if (s->cf && s->dirty) {
		if (s->path && !s->read_only) {
			if (session_save(s, NULL) == LC_OK)
				fprintf(s->err, "legitcheck: saved '%s' before leaving\n", s->path);
		} else {
			char *path = rescue_path();
			/* Saving elsewhere makes the new file the case's, no longer read-only. */
			const char *why = s->read_only ? "the case was open read-only; saved the "
							 "changes"
						       : "the new case had no file; saved it";

			make_parents(path);
			if (session_save(s, path) == LC_OK)
				fprintf(s->err, "legitcheck: %s as '%s'\n", why, path);
			free(path);
		}
	}
}

int shell_terminated(struct session *s)
{
	shell_rescue(s);
	return 128 + shell_got_terminate;
}

/*
 * One word that is not a choice of the question at hand: if it begins one, or
 * is no command at all, the user most likely meant to answer, so say what the
 * choices are instead of running a command it is a prefix of. Returns -1 when
 * the word is left to the command table.
 */
static int not_a_choice(struct session *s, const struct question *q, const char *word)
{
	bool ambiguous;
	const struct command *cmd = command_find(word, CMD_SESSION, true, &ambiguous);
	struct strbuf starts, all;
	const char *hint;
	size_t i, n = 0, len = strlen(word);
	int rc = -1;

	if (cmd && strcmp(cmd->name, word) == 0)
		return -1;
	strbuf_init(&starts);
	strbuf_init(&all);
	for (i = 0; i < q->nchoices; i++) {
		strbuf_addf(&all, "%s%s", i ? ", " : "", q->choices[i].keyword);
		if (strncmp(q->choices[i].keyword, word, len) == 0) {
			strbuf_addf(&starts, "%s'%s'", n ? " or " : "", q->choices[i].keyword);
			n++;
		}
	}
	if (n)
		rc = session_fail(s, LC_ERR_USAGE,
				  "'%s' is not a choice of %s: did you mean %s?%s%s%s", word, q->id,
				  starts.buf, cmd ? " (or '" : "", cmd ? cmd->name : "",
				  cmd ? "', a command)" : "");
	else if (!cmd && !ambiguous && (hint = question_suggest_choice(q, word)))
		rc = session_fail(
			s, LC_ERR_USAGE,
			"'%s' is neither a command nor a choice of %s (did you mean '%s'?)", word,
			q->id, hint);
	else if (!cmd && !ambiguous && (hint = command_suggest(word, CMD_SESSION)))
		rc = session_fail(s, LC_ERR_USAGE,
				  "'%s' is neither a command nor a choice of %s (did you mean the "
				  "command '%s'?)",
				  word, q->id, hint);
	else if (!cmd && !ambiguous)
		rc = session_fail(
			s, LC_ERR_USAGE,
			"'%s' is neither a command nor a choice of %s (%s; 'help' lists the "
			"commands)",
			word, q->id, all.buf);
	strbuf_release(&starts);
	strbuf_release(&all);
	return rc;
}

int shell_execute_line(struct session *s, const char *line)
{
	struct word_list wl;
	struct error err;
	const char *p = line;
	int rc = LC_OK;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#' || *p == '\n')
		return LC_OK;
	word_list_init(&wl);
	error_init(&err);
	if (tokenize(line, false, &wl, &err)) {
		rc = session_fail_error(s, &err);
		goto out;
	}
	if (!wl.count)
		goto out;
	/* An exact choice keyword of the question at hand answers it: 'no' answers,
	 * it does not start 'note'. */
	if (wl.count == 1 && s->cf &&
	    question_choice_index(&s->cf->checklist->questions[s->current], wl.words[0]) >= 0) {
		char *argv[3] = {"answer", wl.words[0], NULL};

		rc = command_run(s, 2, argv, CMD_SESSION);
		goto out;
	}
	if (wl.count == 1 && s->cf &&
	    (rc = not_a_choice(s, &s->cf->checklist->questions[s->current], wl.words[0])) >= 0)
		goto out;
	rc = command_run(s, wl.count, wl.words, CMD_SESSION);
out:
	error_release(&err);
	word_list_release(&wl);
	return rc;
}

int shell_run_script(struct session *s, FILE *in, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	/* A script has nobody to ask and nobody to show colours to. */
	s->interactive = false;
	s->ask = NULL;
	s->color = false;
	shell_catch_signals(false);
	s->script_name = name;
	s->script_line = 0;
	while (!s->quit && !shell_got_terminate && (n = getline(&line, &cap, in)) >= 0) {
		int rc;

		s->script_line++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		rc = shell_execute_line(s, line);
		if (rc && s->bail)
			break;
	}
	free(line);
	s->script_name = NULL;
	if (shell_got_terminate)
		return shell_terminated(s);
	return s->failures ? s->first_failure : LC_OK;
}
