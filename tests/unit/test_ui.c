/* Wrapping text to the terminal's width, and the one-line forms of evidence. */
#include <string.h>

#include "legitcheck/ui.h"
#include "tap.h"

/* The widest line of text, in code points. */
static size_t widest(const char *text)
{
	size_t w = 0;

	while (*text) {
		size_t n = strcspn(text, "\n"), lw = util_utf8_width(text, n);

		if (lw > w)
			w = lw;
		text += n + (text[n] == '\n');
	}
	return w;
}

static void wrapping(void)
{
	static const char *const text =
		"Le Conseil de sécurité collective de l'ОДКБ a décidé d'envoyer des forces "
		"collectives de maintien de la paix au Kazakhstan pour une durée limitée, à la "
		"demande du président Тоқаев.";
	struct strbuf sb;
	size_t width;

	for (width = 30; width <= 80; width += 25) {
		strbuf_init(&sb);
		ui_wrap(&sb, text, 2, width);
		ok(widest(sb.buf) <= width,
		   "no line is wider than %zu columns (UTF-8 counted once)", width);
		ok(strncmp(sb.buf, "  Le ", 5) == 0 && strstr(sb.buf, "\n  ") != NULL,
		   "every line is indented (%zu columns)", width);
		strbuf_release(&sb);
	}
	strbuf_init(&sb);
	ui_wrap(&sb, "a https://www.lemonde.fr/international/article/2022/01/06/kazakhstan.html b",
		0, 30);
	is_string("a\nhttps://www.lemonde.fr/international/article/2022/01/06/kazakhstan.html\nb\n",
		  sb.buf, "a word longer than a line stays whole on its own line");
	strbuf_reset(&sb);
	ui_wrap(&sb, "one\ntwo", 0, 40);
	is_string("one\ntwo\n", sb.buf, "newlines are kept");
	strbuf_reset(&sb);
	ui_wrap_item(&sb, "  - ", "ILC Articles on Responsibility of States (2001), Art 20", 4, 30);
	is_string("  - ILC Articles on\n    Responsibility of States\n    (2001), Art 20\n", sb.buf,
		  "an item has a hanging indent");
	strbuf_release(&sb);
}

static void evidence_lines(void)
{
	struct evidence items[3];
	struct strbuf sb;
	char buf[16];
	size_t i;

	for (i = 0; i < 3; i++)
		evidence_init(&items[i]);
	items[0].source = xstrdup("Le Monde avec l'AFP");
	items[0].date = xstrdup("2022-01-05");
	items[0].reliability = 'C';
	items[0].credibility = '3';
	items[0].kind = KIND_NEWS_REPORT;
	items[0].origin = ORIGIN_THIRD_PARTY;
	strbuf_init(&sb);
	ui_evidence_summary(&items[0], &sb);
	is_string("Le Monde avec l'AFP, 2022-01-05 · C3 · news_report · third_party", sb.buf,
		  "an item's summary names its source, date, grade, kind and origin");
	strbuf_release(&sb);
	is_string("-", ui_best_grade(items, 0, buf), "no items: no best grade");
	items[1].source = xstrdup("ТАСС");
	is_string("C3", ui_best_grade(items, 2, buf), "a graded item beats an ungraded one");
	items[2].source = xstrdup("Kremlin");
	items[2].reliability = 'A';
	items[2].credibility = '1';
	items[2].disputed = true;
	is_string("C3", ui_best_grade(items, 3, buf), "a disputed item ranks after the undisputed");
	is_string("A1 disputed", ui_best_grade(items + 2, 1, buf), "and says it is disputed");
	is_string("ungraded", ui_best_grade(items + 1, 1, buf), "an ungraded item says so");
	for (i = 0; i < 3; i++)
		evidence_release(&items[i]);
}

static void terminal_text(void)
{
	static const struct {
		const char *in, *out, *why;
	} cases[] = {
		{"Тоқаев, «été»\tok\n", "Тоқаев, «été»\tok\n", "UTF-8, tab and newline pass"},
		{"\033[1mbold\033[0m", "\033[1mbold\033[0m", "colour sequences pass"},
		{"a\033]0;title\007b",
		 "a\xEF\xBF\xBD]0;title\xEF\xBF\xBD"
		 "b",
		 "a window title sequence and a bell do not"},
		{"x\033[2Jy", "x\xEF\xBF\xBD[2Jy", "nor does clearing the screen"},
		{"r\rs\x7f", "r\xEF\xBF\xBDs\xEF\xBF\xBD", "nor a carriage return or DEL"},
		{"c1 \xC2\x9B"
		 "31m",
		 "c1 \xEF\xBF\xBD"
		 "31m",
		 "nor a C1 control (U+009B)"},
		{"\xC2\xA0nbsp", "\xC2\xA0nbsp", "U+00A0 is not a control"},
		{"end\033", "end\xEF\xBF\xBD", "an escape at the very end"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb;

		strbuf_init(&sb);
		util_add_terminal_text(&sb, cases[i].in, strlen(cases[i].in));
		is_string(cases[i].out, sb.buf, "%s", cases[i].why);
		strbuf_release(&sb);
	}
}

static void wrapping_lines(void)
{
	const char *text = "  [met    ] necessary Short line\n"
			   "            Il n'y a pas eu d'agression armée : l'article 51 ne "
			   "s'applique pas, selon «ТАСС».\n"
			   "\n"
			   "  - a_finding: one two\n";
	struct strbuf sb;
	const char *line;
	size_t longest = 0;

	strbuf_init(&sb);
	ui_wrap_lines(&sb, text, 40);
	is_string("  [met    ] necessary Short line\n"
		  "            Il n'y a pas eu d'agression\n"
		  "              armée : l'article 51 ne\n"
		  "              s'applique pas, selon\n"
		  "              «ТАСС».\n"
		  "\n"
		  "  - a_finding: one two\n",
		  sb.buf,
		  "a long line breaks between words, its continuation indented two more, "
		  "lines that fit are kept with their spacing");
	for (line = sb.buf; *line;) {
		const char *end = strchr(line, '\n');
		size_t w = util_utf8_width(line, (size_t)(end - line));

		longest = w > longest ? w : longest;
		line = end + 1;
	}
	ok(longest <= 40, "no line is wider than 40 columns (widest %zu), counting characters",
	   longest);
	strbuf_reset(&sb);
	ui_wrap_lines(&sb, "no newline at the end", 10);
	is_string("no newline\n  at the\n  end", sb.buf, "text without a final newline gets none");
	strbuf_release(&sb);
}

static void reflowing_prose(void)
{
	const char *text = "At a terminal, 'add' asks for each\n"
			   "field in turn.\n"
			   "\n"
			   "evidence add [QID]   a new item for QID or the one at hand\n"
			   "  an indented line is not prose either, and it goes on\n"
			   "Le 5 janvier, «Тоқаев» a demandé\n"
			   "l'aide de l'ОДКБ.\n";
	struct strbuf sb;

	strbuf_init(&sb);
	ui_reflow(&sb, text, 44);
	is_string("At a terminal, 'add' asks for each field in\n"
		  "turn.\n"
		  "\n"
		  "evidence add [QID]   a new item for QID or\n"
		  "                     the one at hand\n"
		  "  an indented line is not prose either, and\n"
		  "    it goes on\n"
		  "Le 5 janvier, «Тоқаев» a demandé l'aide de\n"
		  "l'ОДКБ.\n",
		  sb.buf,
		  "prose lines make paragraphs reflowed to the width; a blank line, a line in "
		  "columns and an indented line are kept, wrapped under their column");
	strbuf_reset(&sb);
	ui_reflow(&sb, "one\ntwo", 30);
	is_string("one two", sb.buf, "without a final newline, none is added");
	strbuf_release(&sb);
}

int main(void)
{
	plan_lazy();
	terminal_text();
	wrapping_lines();
	reflowing_prose();
	wrapping();
	evidence_lines();
	return 0;
}
