/* Splitting command lines into words: quotes, escapes, UTF-8, errors, partial lines. */
#include <string.h>

#include "legitcheck/tokenize.h"
#include "tap.h"

/* Splits line and joins the words with '|', or returns the error message. */
static const char *split(const char *line, bool partial, struct word_list *wl)
{
	static char out[1024];
	struct error err;
	int i;

	word_list_init(wl);
	error_init(&err);
	out[0] = '\0';
	if (tokenize(line, partial, wl, &err)) {
		snprintf(out, sizeof(out), "error: %s", error_message(&err, 0));
		error_release(&err);
		return out;
	}
	for (i = 0; i < wl->count; i++) {
		if (i)
			strncat(out, "|", sizeof(out) - strlen(out) - 1);
		strncat(out, wl->words[i], sizeof(out) - strlen(out) - 1);
	}
	error_release(&err);
	return out;
}

static void check(const char *line, const char *want, const char *name)
{
	struct word_list wl;

	is_string(want, split(line, false, &wl), "%s", name);
	word_list_release(&wl);
}

static void words_are_split_on_blanks(void)
{
	struct word_list wl;

	check("answer q1.timing before", "answer|q1.timing|before", "blanks separate words");
	check("  answer \t q1.timing   before  ", "answer|q1.timing|before",
	      "runs of spaces and tabs, leading and trailing, make no empty words");
	is_string("", split("", false, &wl), "an empty line has no words");
	is_int(0, wl.count, "and its count is 0");
	ok(wl.words && wl.words[0] == NULL, "and its list is still NULL-terminated");
	word_list_release(&wl);
	check("   \t ", "", "a blank line has no words");
}

static void quotes_keep_blanks_and_specials(void)
{
	check("note 'a b  c'", "note|a b  c", "single quotes keep blanks");
	check("note 'a\\b \"c\"'", "note|a\\b \"c\"",
	      "single quotes keep backslashes and double quotes");
	check("note \"it's\"", "note|it's", "double quotes keep a single quote");
	check("note \"say \\\"yes\\\" \\\\ no\"", "note|say \"yes\" \\ no",
	      "inside double quotes \\\" and \\\\ are escapes");
	check("note \"a\\nb\"", "note|a\\nb", "other backslashes inside double quotes stay");
	check("note ''", "note|", "an empty quoted string is an empty word");
	check("note \"\" x", "note||x", "an empty double-quoted word keeps its place");
	check("'a'\"b\"c", "abc", "quoted and unquoted parts of one word are joined");
}

static void backslash_escapes_outside_quotes(void)
{
	check("save my\\ case.json", "save|my case.json", "a backslash escapes a blank");
	check("note \\'x\\'", "note|'x'", "a backslash escapes a quote");
	check("note a\\\\b", "note|a\\b", "a backslash escapes a backslash");
	check("note end\\", "note|end", "a backslash at the end of the line is dropped");
}

static void utf8_round_trips(void)
{
	static const char *const texts[] = {
		"« Le Monde avec l'AFP »",
		"une force collective de maintien de la paix — décision n° 1",
		"Коллективные миротворческие силы ОДКБ",
		"Тоқаев ҰҚШҰ-ға көмек сұрады: әскер, қауіпсіздік, ұйым",
		"Ça, où, naïve, cœur, Œuvre, ÉTÉ",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct word_list wl;
		char line[512];

		snprintf(line, sizeof(line), "note q1.timing \"%s\"", texts[i]);
		split(line, false, &wl);
		ok(wl.count == 3 && strcmp(wl.words[2], texts[i]) == 0,
		   "double-quoted UTF-8 comes back byte for byte: %s", texts[i]);
		word_list_release(&wl);
		snprintf(line, sizeof(line), "note '%s'", texts[i]);
		if (!strchr(texts[i], '\'')) {
			split(line, false, &wl);
			ok(wl.count == 2 && strcmp(wl.words[1], texts[i]) == 0,
			   "single-quoted UTF-8 comes back byte for byte: %s", texts[i]);
			word_list_release(&wl);
		}
	}
	check("title Тоқаев", "title|Тоқаев", "unquoted Kazakh is one word");
	check("title Коллективные\\ силы", "title|Коллективные силы",
	      "an escaped blank between Cyrillic words joins them");
}

static void unterminated_quotes_are_errors(void)
{
	struct word_list wl;
	struct error err;

	check("note \"open", "error: unterminated double quote",
	      "an open double quote is an error");
	check("note 'open", "error: unterminated single quote", "an open single quote is an error");
	check("note \"a\\\"", "error: unterminated double quote",
	      "an escaped closing quote does not close");
	word_list_init(&wl);
	error_init(&err);
	is_int(LC_ERR_USAGE, tokenize("x 'y", false, &wl, &err), "the status is a usage error");
	error_release(&err);
	word_list_release(&wl);
}

static void partial_lines_for_completion(void)
{
	struct word_list wl;

	is_string("save|my fi", split("save \"my fi", true, &wl),
		  "partial: an open quote is no error and the word so far is returned");
	is_int('"', wl.open_quote, "partial: the open quote is reported");
	is_int(5, wl.last_start, "partial: the last word starts at the quote");
	word_list_release(&wl);
	is_string("answer|q1.ti", split("answer q1.ti", true, &wl), "partial: a word being typed");
	is_int(0, wl.open_quote, "partial: no open quote");
	is_int(7, wl.last_start, "partial: the last word's start is where it begins");
	word_list_release(&wl);
	split("answer ", true, &wl);
	is_int(7, wl.last_start, "partial: after a blank the next word starts at the end");
	is_int(1, wl.count, "partial: and there is no empty word");
	word_list_release(&wl);
	is_string("note|l'AF", split("note 'l'\\''AF", true, &wl),
		  "partial: quotes and escapes are applied to the word being typed");
	word_list_release(&wl);
	is_string("evidence|add|--kind=news", split("evidence add --kind=news", true, &wl),
		  "partial: an option with its value is one word");
	word_list_release(&wl);
}

int main(void)
{
	plan_lazy();
	words_are_split_on_blanks();
	quotes_keep_blanks_and_specials();
	backslash_escapes_outside_quotes();
	utf8_round_trips();
	unterminated_quotes_are_errors();
	partial_lines_for_completion();
	return 0;
}
