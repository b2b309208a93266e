/*
 * Tab completion for the session's command line, worked out from the command
 * table alone: the first word completes to a command (or a choice keyword of
 * the question at hand), an option to the command's options, an option's value
 * to the values its spec lists, and positional arguments to what the usage
 * line names there: QID to question ids, CHOICE to the choices of the question
 * named (or at hand), N to evidence item numbers, COMMAND to commands, FILE
 * and CASE to file names, a lowercase word or a|b|c list to those words
 * (sub-verbs such as evidence add|list|edit|rm). No readline here: the prompt
 * turns the candidates into readline's matches, and the tests call it
 * directly.
 */
#ifndef LEGITCHECK_COMPLETE_H
#define LEGITCHECK_COMPLETE_H

#include <stdbool.h>

#include "legitcheck/session.h"
#include "legitcheck/tokenize.h"

struct completion {
	struct word_list words; /* candidates starting with word, sorted, unique */
	bool files;             /* file names are wanted here */
	char *word;             /* the partial word being completed (owned) */
};

void completion_init(struct completion *c);
void completion_release(struct completion *c);

/* Fills c with the candidates for the last word of line, the text before the
 * cursor (a line ending in a blank completes a new, empty word). */
void complete_line(const struct session *s, const char *line, struct completion *c);

/* Fills c with the words of list (NULL-terminated) that start with word. */
void complete_words(const char *const *list, const char *word, struct completion *c);

#endif
