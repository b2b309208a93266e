/*
 * libFuzzer harness for the command tokenizer.
 *
 * Invariant: tokenizing never crashes; quoting each word back (single quotes,
 * with ' written as '\'') and tokenizing the result gives the same words.
 * The partial mode used by completion must not crash either.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "legitcheck/tokenize.h"
#include "legitcheck/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quote_word(struct strbuf *sb, const char *w)
{
	strbuf_addc(sb, '\'');
	for (; *w; w++) {
		if (*w == '\'')
			strbuf_adds(sb, "'\\''");
		else
			strbuf_addc(sb, *w);
	}
	strbuf_addc(sb, '\'');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = xstrndup((const char *)data, size);
	struct word_list wl, again, partial;
	struct error err;
	struct strbuf sb;
	int i;

	word_list_init(&wl);
	word_list_init(&again);
	word_list_init(&partial);
	error_init(&err);
	strbuf_init(&sb);
	if (tokenize(line, true, &partial, &err) != LC_OK)
		abort(); /* partial mode accepts every line */
	if (partial.last_start < 0 || (size_t)partial.last_start > strlen(line))
		abort();
	if (tokenize(line, false, &wl, &err) != LC_OK) {
		if (err.count == 0)
			abort();
		goto out;
	}
	for (i = 0; i < wl.count; i++) {
		if (i)
			strbuf_addc(&sb, ' ');
		quote_word(&sb, wl.words[i]);
	}
	if (tokenize(sb.buf, false, &again, &err) != LC_OK || again.count != wl.count) {
		fprintf(stderr, "fuzz_tokenize: %d words, %d after quoting\n", wl.count,
			again.count);
		abort();
	}
	for (i = 0; i < wl.count; i++)
		if (strcmp(wl.words[i], again.words[i]) != 0) {
			fprintf(stderr, "fuzz_tokenize: word %d changed\n", i);
			abort();
		}
out:
	strbuf_release(&sb);
	error_release(&err);
	word_list_release(&partial);
	word_list_release(&again);
	word_list_release(&wl);
	free(line);
	return 0;
}
