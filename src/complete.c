/* Tab completion from the command table; see complete.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "legitcheck/commands.h"
#include "legitcheck/complete.h"

#define MAX_SLOTS 16

/* A positional argument of a usage line: "QID", "[N]", "add|list|edit|rm". */
struct slot {
	char text[64]; /* without brackets and dots */
	bool optional;
	bool repeat;
};

void completion_init(struct completion *c)
{
	memset(c, 0, sizeof(*c));
	word_list_init(&c->words);
	c->word = xstrdup("");
}

void completion_release(struct completion *c)
{
	word_list_release(&c->words);
	free(c->word);
	memset(c, 0, sizeof(*c));
}

static void add(struct completion *c, const char *w)
{
	size_t alloc = (size_t)c->words.alloc;

	if (strncmp(w, c->word, strlen(c->word)) != 0)
		return;
	xgrow(&c->words.words, &alloc, (size_t)c->words.count + 2, sizeof(*c->words.words));
	c->words.alloc = (int)alloc;
	c->words.words[c->words.count++] = xstrdup(w);
	c->words.words[c->words.count] = NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_unique(struct completion *c)
{
	int i, n = 0;

	if (c->words.count < 2)
		return;
	qsort(c->words.words, (size_t)c->words.count, sizeof(char *), cmp_str);
	for (i = 0; i < c->words.count; i++) {
		if (n && strcmp(c->words.words[n - 1], c->words.words[i]) == 0)
			free(c->words.words[i]);
		else
			c->words.words[n++] = c->words.words[i];
	}
	c->words.count = n;
	c->words.words[n] = NULL;
}

void complete_words(const char *const *list, const char *word, struct completion *c)
{
	free(c->word);
	c->word = xstrdup(word);
	for (; list && *list; list++)
		add(c, *list);
	sort_unique(c);
}

/* session_find_question without the messages: exact id, unique prefix or
 * unique part after the dot. */
static long find_question(const struct checklist *cl, const char *word)
{
	long idx = checklist_question_index(cl, word), match = -1;
	size_t i, n = 0, wl = strlen(word);

	if (idx >= 0 || !wl)
		return idx;
	for (i = 0; i < cl->nquestions; i++) {
		const char *id = cl->questions[i].id, *dot = strrchr(id, '.');

		if (strncmp(id, word, wl) == 0 || (dot && strcmp(dot + 1, word) == 0)) {
			match = (long)i;
			n++;
		}
	}
	return n == 1 ? match : -1;
}

/* Whether word is one of the '|'-separated alternatives of alts, or a unique
 * prefix of one. */
static bool is_alternative(const char *alts, const char *word)
{
	size_t wl = strlen(word);
	int prefixes = 0;
	const char *p = alts;

	while (*p) {
		size_t n = strcspn(p, "|");

		if (n == wl && strncmp(p, word, n) == 0)
			return true;
		if (wl && wl < n && strncmp(p, word, wl) == 0)
			prefixes++;
		p += n;
		if (*p == '|')
			p++;
	}
	return prefixes == 1;
}

static bool is_metavar(const char *t)
{
	return t[0] >= 'A' && t[0] <= 'Z';
}

/* Splits the positional arguments of cmd's usage line into slots, leaving
 * out the options and their values ("[--format text|json]"). */
static size_t parse_usage(const struct command *cmd, struct slot *slots)
{
	const char *p = cmd->usage;
	int depth = 0, skip_to = -1;
	bool skip_next = false;
	size_t n = 0;

	p += strcspn(p, " "); /* the command's name */
	for (;;) {
		char tok[64];
		const char *t = tok;
		size_t len, i;
		int before = depth;

		while (*p == ' ' || *p == '\n')
			p++;
		len = strcspn(p, " \n");
		if (!len)
			break;
		snprintf(tok, sizeof(tok), "%.*s", (int)len, p);
		p += len;
		for (i = 0; tok[i]; i++)
			depth += tok[i] == '[' ? 1 : tok[i] == ']' ? -1 : 0;
		if (skip_to >= 0) {
			if (depth <= skip_to)
				skip_to = -1;
			continue;
		}
		if (skip_next) {
			skip_next = false;
			continue;
		}
		while (*t == '[')
			t++;
		if (t[0] == '-') {
			if (depth > before)
				skip_to = before; /* "[--kind KIND]": up to the bracket */
			else if (t == tok)
				skip_next = true; /* "--format FORMAT" */
			continue;
		}
		if (strncmp(t, "OPTIONS", 7) == 0 || n == MAX_SLOTS)
			continue;
		snprintf(slots[n].text, sizeof(slots[n].text), "%.*s", (int)strcspn(t, "]."), t);
		slots[n].optional = before > 0 || t != tok;
		slots[n].repeat = strstr(t, "...") != NULL;
		n++;
	}
	return n;
}

static bool fits(const struct session *s, const struct slot *sl, const char *word, long context)
{
	(void)context;
	if (!is_metavar(sl->text))
		return is_alternative(sl->text, word);
	if (strcmp(sl->text, "QID") == 0)
		return s->cf && find_question(s->cf->checklist, word) >= 0;
	if (strcmp(sl->text, "CHOICE") == 0)
		return s->cf && context >= 0 &&
		       question_choice_index(&s->cf->checklist->questions[context], word) >= 0;
	if (strcmp(sl->text, "N") == 0)
		return word[0] >= '0' && word[0] <= '9';
	return true;
}

static void candidates(const struct session *s, const struct slot *sl, long context,
		       struct completion *c)
{
	const struct checklist *cl = s->cf ? s->cf->checklist : NULL;
	size_t i;

	if (!is_metavar(sl->text)) {
		const char *p = sl->text;

		while (*p) {
			size_t n = strcspn(p, "|");
			char *w = xstrndup(p, n);

			add(c, w);
			free(w);
			p += n;
			if (*p == '|')
				p++;
		}
	} else if (strcmp(sl->text, "QID") == 0 && cl) {
		for (i = 0; i < cl->nquestions; i++)
			add(c, cl->questions[i].id);
	} else if (strcmp(sl->text, "CHOICE") == 0 && cl && context >= 0) {
		const struct question *q = &cl->questions[context];

		for (i = 0; i < q->nchoices; i++)
			add(c, q->choices[i].keyword);
	} else if (strcmp(sl->text, "N") == 0 && cl && context >= 0) {
		for (i = 0; i < s->cf->answers[context].nevidence; i++) {
			char num[24];

			snprintf(num, sizeof(num), "%zu", i + 1);
			add(c, num);
		}
	} else if (strcmp(sl->text, "COMMAND") == 0) {
		for (i = 0; i < ncommands; i++)
			if (commands[i].flags & CMD_SESSION)
				add(c, commands[i].name);
	} else if (strstr(sl->text, "FILE") || strcmp(sl->text, "CASE") == 0) {
		c->files = true;
	}
}

static uint32_t closure(uint32_t st, const struct slot *slots, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((st & (1u << i)) && slots[i].optional)
			st |= 1u << (i + 1);
	return st;
}

static void complete_option_value(const struct option_spec *o, struct completion *c,
				  const char *prefix)
{
	const char *const *v;

	if (!o->values) {
		if (o->metavar && strstr(o->metavar, "FILE"))
			c->files = true;
		return;
	}
	for (v = o->values; *v; v++) {
		char *w = xasprintf("%s%s", prefix, *v);

		add(c, w);
		free(w);
	}
}

static void complete_arguments(const struct session *s, const struct command *cmd,
			       const struct word_list *wl, int nprev, struct completion *c)
{
	struct slot slots[MAX_SLOTS];
	size_t n = parse_usage(cmd, slots), i;
	uint32_t st = closure(1, slots, n);
	long context = s->cf ? (long)s->current : -1;
	int k, opt;

	/* The value of an option just typed. */
	if (nprev > 1 && strncmp(wl->words[nprev - 1], "--", 2) == 0 &&
	    !strchr(wl->words[nprev - 1], '=') &&
	    (opt = command_option_index(cmd, wl->words[nprev - 1])) >= 0 &&
	    cmd->options[opt].metavar) {
		complete_option_value(&cmd->options[opt], c, "");
		return;
	}
	if (c->word[0] == '-') {
		const char *eq = strchr(c->word, '=');

		if (eq) {
			char *name = xstrndup(c->word, (size_t)(eq - c->word) + 1);

			name[eq - c->word] = '\0';
			opt = command_option_index(cmd, name);
			name[eq - c->word] = '=';
			if (opt >= 0)
				complete_option_value(&cmd->options[opt], c, name);
			free(name);
			return;
		}
		for (k = 0; k < CMD_MAX_OPTIONS && cmd->options[k].name; k++)
			add(c, cmd->options[k].name);
		return;
	}
	for (k = 1; k < nprev; k++) {
		const char *w = wl->words[k];
		uint32_t next = 0;

		if (strncmp(w, "--", 2) == 0) {
			opt = strchr(w, '=') ? -1 : command_option_index(cmd, w);
			if (opt >= 0 && cmd->options[opt].metavar)
				k++;
			continue;
		}
		for (i = 0; i < n; i++) {
			if (!(st & (1u << i)) || !fits(s, &slots[i], w, context))
				continue;
			next |= 1u << (i + 1);
			if (slots[i].repeat)
				next |= 1u << i;
			if (strcmp(slots[i].text, "QID") == 0 && s->cf)
				context = find_question(s->cf->checklist, w);
		}
		if (!next)
			next = st << 1;
		st = closure(next, slots, n);
	}
	for (i = 0; i < n; i++)
		if (st & (1u << i))
			candidates(s, &slots[i], context, c);
}

void complete_line(const struct session *s, const char *line, struct completion *c)
{
	struct word_list wl;
	struct error err;
	const struct command *cmd;
	int nprev;
	size_t i;

	word_list_init(&wl);
	error_init(&err);
	tokenize(line, true, &wl, &err);
	free(c->word);
	/* The tokenizer says where the last word starts, or the end of the line
	 * when the line ends outside any word: then an empty word is typed. */
	if (wl.count && wl.last_start < (int)strlen(line)) {
		c->word = xstrdup(wl.words[wl.count - 1]);
		nprev = wl.count - 1;
	} else {
		c->word = xstrdup("");
		nprev = wl.count;
	}
	if (nprev == 0) {
		for (i = 0; i < ncommands; i++)
			if (commands[i].flags & CMD_SESSION)
				add(c, commands[i].name);
		if (s->cf) {
			const struct question *q = &s->cf->checklist->questions[s->current];

			for (i = 0; i < q->nchoices; i++)
				add(c, q->choices[i].keyword);
		}
	} else {
		cmd = command_find(wl.words[0], CMD_SESSION, true, NULL);
		if (cmd)
			complete_arguments(s, cmd, &wl, nprev, c);
	}
	sort_unique(c);
	error_release(&err);
	word_list_release(&wl);
}
