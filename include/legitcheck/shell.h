/*
 * Running session commands from a line of text: the shared path of the
 * interactive prompt and of scripts read from standard input.
 */
#ifndef LEGITCHECK_SHELL_H
#define LEGITCHECK_SHELL_H

#include <stdio.h>

#include "legitcheck/session.h"

/* Runs one line: a choice keyword of the question at hand answers it; anything
 * else is a command (a unique prefix is enough). Blank lines and lines starting
 * with '#' do nothing. Returns the command's status. */
int shell_execute_line(struct session *s, const char *line);

/* Reads commands from in until EOF or quit, reporting errors as NAME:LINE.
 * Returns 0 if every command succeeded, else the first failure's status. */
int shell_run_script(struct session *s, FILE *in, const char *name);

/* The interactive prompt (readline). Returns like shell_run_script. */
int repl_run(struct session *s);

#endif
