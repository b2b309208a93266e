/*
 * Running session commands from a line of text: the shared path of the
 * interactive prompt and of scripts read from standard input.
 */
#ifndef LEGITCHECK_SHELL_H
#define LEGITCHECK_SHELL_H

#include <signal.h>
#include <stdio.h>

#include "legitcheck/session.h"

/* Runs one line: a choice keyword of the question at hand answers it; anything
 * else is a command (a unique prefix is enough). Blank lines and lines starting
 * with '#' do nothing. Returns the command's status. */
int shell_execute_line(struct session *s, const char *line);

/* Reads commands from in until EOF or quit, reporting errors as NAME:LINE.
 * Returns 0 if every command succeeded, else the first failure's status. */
int shell_run_script(struct session *s, FILE *in, const char *name);

/* The interactive prompt (readline). Returns like shell_run_script, or
 * 128 + the signal's number after SIGTERM or SIGHUP. */
int repl_run(struct session *s);

/*
 * Signals. The handlers only set these flags; the loops act on them:
 * SIGINT cancels the line or prompt being typed (at a terminal), SIGTERM and
 * SIGHUP save the case and end the session, SIGWINCH resizes the prompt.
 */
extern volatile sig_atomic_t shell_got_interrupt;
extern volatile sig_atomic_t shell_got_terminate; /* the signal's number, or 0 */
extern volatile sig_atomic_t shell_got_resize;

/* Installs the handlers; SIGINT only when interactive (a script is stopped by
 * Ctrl-C as any program is). */
void shell_catch_signals(bool interactive);

/* Saves what is not yet on disk before leaving in a hurry: to the case's file,
 * or for a case without one to the state directory, saying where. */
void shell_rescue(struct session *s);
/* After SIGTERM or SIGHUP: shell_rescue() and 128 + the signal's number. */
int shell_terminated(struct session *s);

#endif
