/*
 * Splitting a command line into words, shell-like: blanks separate words,
 * 'single quotes' keep everything literally, "double quotes" allow \" and \\,
 * and outside quotes a backslash escapes the next character. Bytes are passed
 * through unchanged, so UTF-8 text (French, Russian, Kazakh) round-trips.
 */
#ifndef LEGITCHECK_TOKENIZE_H
#define LEGITCHECK_TOKENIZE_H

#include <stdbool.h>

#include "legitcheck/error.h"

struct word_list {
	char **words; /* NULL-terminated; owned by the list */
	int count;
	int alloc;
	/* For completion: whether the line ended inside an open quote, and where
	 * the last word starts in the input. */
	char open_quote;
	int last_start;
};

void word_list_init(struct word_list *wl);
void word_list_release(struct word_list *wl);

/* Splits line into wl (initialised by the caller). An unterminated quote is an
 * error unless partial is true (completion works on unfinished lines). */
int tokenize(const char *line, bool partial, struct word_list *wl, struct error *err);

#endif
