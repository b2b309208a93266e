/*
 * The command table: one static table drives dispatch, option and argument
 * checks, `help` and tab completion, for the command line (`legitcheck score
 * CASE`) and the session (`score` at the prompt or in a script) alike.
 */
#ifndef LEGITCHECK_COMMANDS_H
#define LEGITCHECK_COMMANDS_H

#include <stdbool.h>

#include "legitcheck/session.h"

#define CMD_MAX_OPTIONS 16

enum command_flags {
	CMD_CLI = 1,        /* runs as `legitcheck NAME ...` */
	CMD_SESSION = 2,    /* runs at the prompt and in scripts */
	CMD_NEEDS_CASE = 4, /* in a session, needs an open case */
};

struct option_spec {
	const char *name;          /* "--format" */
	const char *metavar;       /* "FORMAT", or NULL for a flag */
	const char *const *values; /* allowed values, NULL-terminated, or NULL */
	const char *help;
	bool empty_ok; /* "" is accepted besides the values: it removes the field */
};

struct command;

struct args {
	const struct command *cmd;
	int argc; /* positional arguments */
	char **argv;
	const char *opt[CMD_MAX_OPTIONS]; /* option values ("" for flags), NULL if absent */
};

struct command {
	const char *name;
	int (*handler)(struct session *s, struct args *a);
	unsigned flags;
	int min_args;
	int max_args;        /* -1: any number */
	const char *usage;   /* "score [CASE...] [--format text|json] [--strict]" */
	const char *summary; /* one line for the help list */
	const char *help;    /* details for `help NAME` */
	const struct option_spec options[CMD_MAX_OPTIONS];
};

extern const struct command commands[];
extern const size_t ncommands;

/* The command named exactly name, or by a unique prefix when prefix_ok;
 * NULL otherwise. *ambiguous is set when several commands match. */
/* The name of the command of context closest to word, for "did you mean",
 * or NULL when none is close enough to be a plausible typo. */
const char *command_suggest(const char *word, unsigned context);
const struct command *command_find(const char *name, unsigned context, bool prefix_ok,
				   bool *ambiguous);

/* Parses options and checks the argument count; reports usage errors through
 * the session. a->argv points into argv. */
int command_parse_args(struct session *s, const struct command *cmd, int argc, char **argv,
		       struct args *a);

/* Runs one command line already split into words (argv[0] is the command). */
int command_run(struct session *s, int argc, char **argv, unsigned context);

/* Writes the command list, or the details of one command. */
void command_help(struct session *s, const char *name, unsigned context);

/* Index of option name in cmd's options, or -1. */
int command_option_index(const struct command *cmd, const char *name);
/* The value of option name, "" for a flag that was given, NULL if absent. */
const char *args_opt(const struct args *a, const char *name);

#endif
