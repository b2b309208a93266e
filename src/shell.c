/* Line execution and script mode; see shell.h. */
#include <stdlib.h>
#include <string.h>

#include "legitcheck/commands.h"
#include "legitcheck/shell.h"
#include "legitcheck/tokenize.h"

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

	s->script_name = name;
	s->script_line = 0;
	while (!s->quit && (n = getline(&line, &cap, in)) >= 0) {
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
	return s->failures ? s->first_failure : LC_OK;
}
