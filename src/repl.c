/* The interactive prompt, on GNU readline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "legitcheck/shell.h"

static char *make_prompt(const struct session *s)
{
	if (!s->cf)
		return xstrdup("legitcheck> ");
	return xasprintf("%s> ", s->cf->checklist->questions[s->current].id);
}

int repl_run(struct session *s)
{
	char *line, *prompt;

	s->interactive = true;
	session_say(s, "legitcheck: type a choice to answer, 'show' for the question, 'help' for "
		       "commands\n");
	while (!s->quit) {
		prompt = make_prompt(s);
		line = readline(prompt);
		free(prompt);
		if (!line) {
			session_say(s, "\n");
			break;
		}
		if (*line)
			add_history(line);
		shell_execute_line(s, line);
		free(line);
	}
	return LC_OK;
}
