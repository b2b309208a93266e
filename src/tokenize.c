/* Shell-like word splitting for commands typed at the prompt or read from scripts. */
#include <stdlib.h>
#include <string.h>

#include "legitcheck/tokenize.h"
#include "legitcheck/util.h"

void word_list_init(struct word_list *wl)
{
	memset(wl, 0, sizeof(*wl));
	wl->words = xcalloc(1, sizeof(*wl->words));
	wl->alloc = 1;
}

void word_list_release(struct word_list *wl)
{
	int i;

	for (i = 0; i < wl->count; i++)
		free(wl->words[i]);
	free(wl->words);
	memset(wl, 0, sizeof(*wl));
}

static void push(struct word_list *wl, struct strbuf *sb)
{
	size_t alloc = (size_t)wl->alloc;

	xgrow(&wl->words, &alloc, (size_t)wl->count + 2, sizeof(*wl->words));
	wl->alloc = (int)alloc;
	wl->words[wl->count++] = strbuf_detach(sb, NULL);
	wl->words[wl->count] = NULL;
}

int tokenize(const char *line, bool partial, struct word_list *wl, struct error *err)
{
	struct strbuf sb;
	const char *p = line;
	bool in_word = false;
	char quote = 0;

	strbuf_init(&sb);
	wl->open_quote = 0;
	wl->last_start = (int)strlen(line);
	for (; *p; p++) {
		char c = *p;

		if (quote == '\'') {
			if (c == '\'')
				quote = 0;
			else
				strbuf_addc(&sb, c);
			continue;
		}
		if (quote == '"') {
			if (c == '"')
				quote = 0;
			else if (c == '\\' && (p[1] == '"' || p[1] == '\\'))
				strbuf_addc(&sb, *++p);
			else
				strbuf_addc(&sb, c);
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (in_word) {
				push(wl, &sb);
				in_word = false;
			}
			continue;
		}
		if (!in_word) {
			in_word = true;
			wl->last_start = (int)(p - line);
		}
		if (c == '\'' || c == '"') {
			quote = c;
		} else if (c == '\\') {
			if (p[1])
				strbuf_addc(&sb, *++p);
		} else {
			strbuf_addc(&sb, c);
		}
	}
	if (quote && !partial) {
		strbuf_release(&sb);
		return error_add(err, LC_ERR_USAGE, "unterminated %s quote",
				 quote == '"' ? "double" : "single");
	}
	wl->open_quote = quote;
	if (in_word)
		push(wl, &sb);
	else
		wl->last_start = (int)strlen(line);
	strbuf_release(&sb);
	return LC_OK;
}
