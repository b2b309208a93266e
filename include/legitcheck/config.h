/*
 * User settings: the configuration file, the environment and the command
 * line, merged in that order so that the later one wins (command line >
 * environment > configuration file > defaults).
 *
 * The file is $XDG_CONFIG_HOME/legitcheck/config (default
 * ~/.config/legitcheck/config): `key = value` lines, blank lines and lines
 * starting with '#' ignored. Keys:
 *
 *   default_checklist = ID|FILE   the checklist of a new case (five-questions)
 *   autosave = yes|no             save after every change (yes)
 *   color = auto|always|never     colour on a terminal (auto)
 *   history = FILE|off            the prompt's history file
 *                                 ($XDG_STATE_HOME/legitcheck/history)
 *
 * Environment: LEGITCHECK_CHECKLIST, LEGITCHECK_AUTOSAVE, LEGITCHECK_COLOR,
 * NO_COLOR (any non-empty value means never; LEGITCHECK_COLOR wins over it)
 * and LEGITCHECK_HISTORY.
 *
 * Calling sequence: config_init(), config_read_file() on config_file_path(),
 * config_read_env(), config_set() for each command-line option, read the
 * struct, config_release().
 *
 * Error handling: a bad setting is never fatal. Each function that reads
 * settings adds one message per problem to warnings ("FILE:LINE: message" for
 * the file, "NAME: message" for the environment), keeps the earlier value and
 * goes on. The caller decides whether to show them.
 */
#ifndef LEGITCHECK_CONFIG_H
#define LEGITCHECK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "legitcheck/error.h"

enum config_color {
	CONFIG_COLOR_AUTO, /* colour when standard output is a terminal */
	CONFIG_COLOR_ALWAYS,
	CONFIG_COLOR_NEVER,
};

struct config {
	char *default_checklist; /* id or file; NULL: the built-in default */
	bool autosave;
	enum config_color color;
	char *history; /* the history file; NULL: no history is kept */
};

/* Sets the defaults. config_release() frees what it allocates. */
void config_init(struct config *cfg);
void config_release(struct config *cfg);

/* The configuration file's path from the environment, or NULL when neither
 * XDG_CONFIG_HOME nor HOME is set. The caller frees it. */
char *config_file_path(void);

/* Sets key to value, as written in the file. Returns LC_OK, or LC_ERR_USAGE
 * with a message in err (an unknown key, a value out of its range). */
int config_set(struct config *cfg, const char *key, const char *value, struct error *err);

/* Applies the `key = value` lines of text; name is the file's name in the
 * messages. Bad lines are reported in warnings and skipped. */
void config_parse(struct config *cfg, const char *text, size_t len, const char *name,
		  struct error *warnings);

/* Reads the file at path if it exists (a missing file is no problem). Returns
 * LC_OK, or the status of a file that exists but cannot be read (its message
 * in warnings). */
int config_read_file(struct config *cfg, const char *path, struct error *warnings);

/* Applies LEGITCHECK_CHECKLIST, LEGITCHECK_AUTOSAVE, NO_COLOR,
 * LEGITCHECK_COLOR and LEGITCHECK_HISTORY; empty variables are ignored. */
void config_read_env(struct config *cfg, struct error *warnings);

/* Whether to colour output, given whether it goes to a terminal. */
bool config_use_color(const struct config *cfg, bool to_terminal);

#endif
