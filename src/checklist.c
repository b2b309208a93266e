/*
 * Reading and validating checklist files (JSON to struct checklist). Every
 * problem is reported, not just the first, so an author fixes a file in one
 * pass; see checklist.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "legitcheck/checklist.h"
#include "legitcheck/evidence.h"
#include "legitcheck/json.h"
#include "legitcheck/sha256.h"
#include "legitcheck/storage.h"

const char *const result_names[RESULT_COUNT] = {"met", "not_met", "unknown", "not_applicable"};
const char *const verdict_names[VERDICT_COUNT] = {"satisfied", "not_satisfied", "undetermined",
						  "not_applicable"};

struct loader {
	struct json_ctx ctx;
	struct checklist *cl;
};

#define PUSHK(L, k) json_path_push_key(&(L)->ctx.path, (k))
#define PUSHI(L, i) json_path_push_index(&(L)->ctx.path, (i))
#define POP(L)      json_path_pop(&(L)->ctx.path)

static bool valid_id(const char *s, bool dots)
{
	const char *p = s;

	if (!s || !islower((unsigned char)*p))
		return false;
	for (; *p; p++) {
		if (islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_')
			continue;
		if (*p == '-' && dots)
			continue;
		if (*p == '.' && dots && p[1] && p[1] != '.' && p[-1] != '.')
			continue;
		return false;
	}
	return true;
}

/* Reports keys of obj that are not in known, with a suggestion for typos. */
static void check_keys(struct loader *L, cJSON *obj, const char *const *known)
{
	cJSON *it;
	size_t n = 0;

	while (known[n])
		n++;
	for (it = obj->child; it; it = it->next) {
		size_t k;
		const char *hint;

		for (k = 0; k < n; k++)
			if (strcmp(known[k], it->string) == 0)
				break;
		if (k < n)
			continue;
		hint = util_suggest(it->string, known, n);
		PUSHK(L, it->string);
		if (hint)
			json_ctx_error(&L->ctx, "unknown key \"%s\" (did you mean \"%s\"?)",
				       it->string, hint);
		else
			json_ctx_error(&L->ctx, "unknown key \"%s\"", it->string);
		POP(L);
	}
}

/* A required non-empty string member. */
static bool need_text(struct loader *L, cJSON *obj, const char *key, char **out)
{
	if (!json_take_string(&L->ctx, obj, key, true, out))
		return false;
	if (**out == '\0') {
		PUSHK(L, key);
		json_ctx_error(&L->ctx, "must not be empty");
		POP(L);
		return false;
	}
	return true;
}

static void opt_text(struct loader *L, cJSON *obj, const char *key, char **out)
{
	json_take_string(&L->ctx, obj, key, false, out);
}

static bool need_id(struct loader *L, cJSON *obj, const char *key, bool dots, char **out)
{
	if (!need_text(L, obj, key, out))
		return false;
	if (!valid_id(*out, dots)) {
		PUSHK(L, key);
		json_ctx_error(&L->ctx,
			       "invalid identifier \"%s\" (use lowercase letters, digits and "
			       "underscores%s, starting with a letter)",
			       *out, dots ? ", parts separated by dots" : "");
		POP(L);
		return false;
	}
	return true;
}

long checklist_question_index(const struct checklist *cl, const char *id)
{
	size_t i;

	for (i = 0; id && i < cl->nquestions; i++)
		if (cl->questions[i].id && strcmp(cl->questions[i].id, id) == 0)
			return (long)i;
	return -1;
}

long checklist_framework_index(const struct checklist *cl, const char *id)
{
	size_t i;

	for (i = 0; id && i < cl->nframeworks; i++)
		if (cl->frameworks[i].id && strcmp(cl->frameworks[i].id, id) == 0)
			return (long)i;
	return -1;
}

long checklist_finding_index(const struct checklist *cl, const char *id)
{
	size_t i;

	for (i = 0; id && i < cl->nfindings; i++)
		if (cl->findings[i].id && strcmp(cl->findings[i].id, id) == 0)
			return (long)i;
	return -1;
}

long question_choice_index(const struct question *q, const char *keyword)
{
	size_t i;

	for (i = 0; keyword && i < q->nchoices; i++)
		if (strcmp(q->choices[i].keyword, keyword) == 0)
			return (long)i;
	return -1;
}

bool checklist_overall_verdict_exists(const struct checklist *cl, const char *verdict)
{
	size_t i;

	for (i = 0; i < cl->overall.nrules; i++)
		if (util_streq(cl->overall.rules[i].verdict, verdict))
			return true;
	return util_streq(cl->overall.otherwise_verdict, verdict);
}

const char *checklist_suggest_question(const struct checklist *cl, const char *id)
{
	const char **ids = xmalloc((cl->nquestions + 1) * sizeof(*ids));
	const char *hint;
	size_t i, n = 0;

	for (i = 0; i < cl->nquestions; i++)
		if (cl->questions[i].id)
			ids[n++] = cl->questions[i].id;
	hint = util_suggest(id, ids, n);
	free(ids);
	return hint;
}

const char *question_suggest_choice(const struct question *q, const char *keyword)
{
	const char **kw = xmalloc((q->nchoices + 1) * sizeof(*kw));
	const char *hint;
	size_t i;

	for (i = 0; i < q->nchoices; i++)
		kw[i] = q->choices[i].keyword;
	hint = util_suggest(keyword, kw, q->nchoices);
	free(kw);
	return hint;
}

static void report_no_question(struct loader *L, const char *id)
{
	const char *hint = checklist_suggest_question(L->cl, id);

	if (hint)
		json_ctx_error(&L->ctx, "no question \"%s\" (did you mean \"%s\"?)", id, hint);
	else
		json_ctx_error(&L->ctx, "no question \"%s\" in this checklist", id);
}

static void report_no_choice(struct loader *L, const struct question *q, const char *kw)
{
	const char *hint = question_suggest_choice(q, kw);

	if (hint)
		json_ctx_error(&L->ctx,
			       "question \"%s\" has no choice \"%s\" (did you mean \"%s\"?)", q->id,
			       kw, hint);
	else
		json_ctx_error(&L->ctx, "question \"%s\" has no choice \"%s\"", q->id, kw);
}

/* Iterates an array member's string items, calling fn for each with the path set. */
static bool string_items(struct loader *L, cJSON *arr, const char *what)
{
	cJSON *it;
	size_t i = 0;
	bool ok = true;

	for (it = arr ? arr->child : NULL; it; it = it->next, i++)
		if (!cJSON_IsString(it)) {
			PUSHI(L, i);
			json_ctx_error(&L->ctx, "expected %s (a string), found %s", what,
				       json_type_name(it));
			POP(L);
			ok = false;
		}
	return ok;
}

static void expr_release(struct expr *e)
{
	size_t i;

	for (i = 0; i < e->nitems; i++)
		expr_release(&e->items[i]);
	free(e->items);
	e->items = NULL;
	e->nitems = 0;
}

static bool parse_expr(struct loader *L, cJSON *node, struct expr *out, bool allow_framework);

static bool parse_expr_list(struct loader *L, cJSON *arr, struct expr *out, bool allow_framework)
{
	cJSON *it;
	size_t i = 0, n = (size_t)cJSON_GetArraySize(arr);
	bool ok = true;

	if (n == 0) {
		json_ctx_error(&L->ctx, "must list at least one expression");
		return false;
	}
	out->items = xcalloc(n, sizeof(*out->items));
	out->nitems = n;
	for (it = arr->child; it; it = it->next, i++) {
		PUSHI(L, i);
		ok &= parse_expr(L, it, &out->items[i], allow_framework);
		POP(L);
	}
	return ok;
}

static bool parse_expr(struct loader *L, cJSON *node, struct expr *out, bool allow_framework)
{
	static const char *const answer_keys[] = {"answer", "in", "not_in", NULL};
	static const char *const framework_keys[] = {"framework", "in", NULL};
	cJSON *in, *not_in, *list, *it;
	size_t i = 0;
	bool ok = true;

	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(node)) {
		json_ctx_error(&L->ctx, "expected an expression object, found %s",
			       json_type_name(node));
		return false;
	}
	if ((list = cJSON_GetObjectItemCaseSensitive(node, "all")) ||
	    (list = cJSON_GetObjectItemCaseSensitive(node, "any"))) {
		out->kind = strcmp(list->string, "all") == 0 ? EXPR_ALL : EXPR_ANY;
		if (cJSON_GetArraySize(node) != 1) {
			json_ctx_error(&L->ctx, "\"%s\" must be the only key of its expression",
				       list->string);
			return false;
		}
		PUSHK(L, list->string);
		if (!cJSON_IsArray(list)) {
			json_ctx_error(&L->ctx, "expected an array of expressions");
			ok = false;
		} else {
			ok = parse_expr_list(L, list, out, allow_framework);
		}
		POP(L);
		return ok;
	}
	if ((it = cJSON_GetObjectItemCaseSensitive(node, "not"))) {
		out->kind = EXPR_NOT;
		if (cJSON_GetArraySize(node) != 1) {
			json_ctx_error(&L->ctx, "\"not\" must be the only key of its expression");
			return false;
		}
		out->items = xcalloc(1, sizeof(*out->items));
		out->nitems = 1;
		PUSHK(L, "not");
		ok = parse_expr(L, it, &out->items[0], allow_framework);
		POP(L);
		return ok;
	}
	if ((it = cJSON_GetObjectItemCaseSensitive(node, "answer"))) {
		const struct question *q;
		long qi;

		check_keys(L, node, answer_keys);
		in = cJSON_GetObjectItemCaseSensitive(node, "in");
		not_in = cJSON_GetObjectItemCaseSensitive(node, "not_in");
		if (!!in == !!not_in) {
			json_ctx_error(&L->ctx, "an \"answer\" expression needs exactly one of "
						"\"in\" and \"not_in\"");
			return false;
		}
		out->kind = in ? EXPR_ANSWER_IN : EXPR_ANSWER_NOT_IN;
		list = in ? in : not_in;
		PUSHK(L, "answer");
		qi = cJSON_IsString(it) ? checklist_question_index(L->cl, it->valuestring) : -1;
		if (!cJSON_IsString(it))
			json_ctx_error(&L->ctx, "expected a question id");
		else if (qi < 0)
			report_no_question(L, it->valuestring);
		POP(L);
		if (qi < 0)
			return false;
		out->target = (size_t)qi;
		q = &L->cl->questions[qi];
		PUSHK(L, list->string);
		if (!cJSON_IsArray(list) || !cJSON_GetArraySize(list)) {
			json_ctx_error(&L->ctx, "expected a non-empty array of choices");
			ok = false;
		} else if (string_items(L, list, "a choice")) {
			for (it = list->child; it; it = it->next, i++) {
				long ci = question_choice_index(q, it->valuestring);

				PUSHI(L, i);
				if (ci < 0) {
					report_no_choice(L, q, it->valuestring);
					ok = false;
				} else {
					out->set |= UINT64_C(1) << ci;
				}
				POP(L);
			}
		} else {
			ok = false;
		}
		POP(L);
		return ok;
	}
	if ((it = cJSON_GetObjectItemCaseSensitive(node, "framework"))) {
		long fi;

		check_keys(L, node, framework_keys);
		out->kind = EXPR_FRAMEWORK_IN;
		if (!allow_framework) {
			json_ctx_error(&L->ctx, "a question's condition may only test answers, not "
						"framework verdicts");
			return false;
		}
		PUSHK(L, "framework");
		fi = cJSON_IsString(it) ? checklist_framework_index(L->cl, it->valuestring) : -1;
		if (fi < 0)
			json_ctx_error(&L->ctx, "no framework \"%s\"",
				       cJSON_IsString(it) ? it->valuestring : "?");
		POP(L);
		if (fi < 0)
			return false;
		out->target = (size_t)fi;
		list = json_get_typed(&L->ctx, node, "in", cJSON_Array, true);
		if (!list)
			return false;
		PUSHK(L, "in");
		if (!string_items(L, list, "a verdict")) {
			ok = false;
		} else {
			for (it = list->child; it; it = it->next, i++) {
				int v;

				for (v = 0; v < VERDICT_COUNT; v++)
					if (strcmp(verdict_names[v], it->valuestring) == 0)
						break;
				PUSHI(L, i);
				if (v == VERDICT_COUNT) {
					json_ctx_error(&L->ctx,
						       "unknown framework verdict \"%s\" (one of "
						       "satisfied, not_satisfied, undetermined, "
						       "not_applicable)",
						       it->valuestring);
					ok = false;
				} else {
					out->set |= UINT64_C(1) << v;
				}
				POP(L);
			}
		}
		POP(L);
		return ok;
	}
	json_ctx_error(&L->ctx, "an expression needs one of \"answer\", \"framework\", \"all\", "
				"\"any\" or \"not\"");
	return false;
}

static void parse_sections(struct loader *L, cJSON *arr)
{
	static const char *const keys[] = {"id", "title", "description", NULL};
	struct checklist *cl = L->cl;
	cJSON *it;
	size_t i = 0, j;

	cl->nsections = (size_t)cJSON_GetArraySize(arr);
	cl->sections = xcalloc(cl->nsections, sizeof(*cl->sections));
	PUSHK(L, "sections");
	for (it = arr->child; it; it = it->next, i++) {
		struct section *s = &cl->sections[i];

		PUSHI(L, i);
		if (!cJSON_IsObject(it)) {
			json_ctx_error(&L->ctx, "expected a section object");
			POP(L);
			continue;
		}
		check_keys(L, it, keys);
		need_id(L, it, "id", true, &s->id);
		need_text(L, it, "title", &s->title);
		opt_text(L, it, "description", &s->description);
		for (j = 0; s->id && j < i; j++)
			if (util_streq(cl->sections[j].id, s->id)) {
				PUSHK(L, "id");
				json_ctx_error(&L->ctx, "duplicate section id \"%s\"", s->id);
				POP(L);
			}
		POP(L);
	}
	POP(L);
}

static void parse_choices(struct loader *L, cJSON *q_obj, struct question *q)
{
	static const char *const keys[] = {"keyword", "label", NULL};
	cJSON *arr = json_get_typed(&L->ctx, q_obj, "choices", cJSON_Array, true), *it;
	size_t i = 0, j;

	q->unknown_choice = SIZE_MAX;
	if (!arr)
		return;
	PUSHK(L, "choices");
	q->nchoices = (size_t)cJSON_GetArraySize(arr);
	if (q->nchoices < 2)
		json_ctx_error(&L->ctx, "a question needs at least two choices");
	if (q->nchoices > CHECKLIST_MAX_CHOICES) {
		json_ctx_error(&L->ctx, "a question may have at most %d choices",
			       CHECKLIST_MAX_CHOICES);
		q->nchoices = 0;
		POP(L);
		return;
	}
	q->choices = xcalloc(q->nchoices, sizeof(*q->choices));
	for (it = arr->child; it; it = it->next, i++) {
		struct choice *c = &q->choices[i];

		PUSHI(L, i);
		if (!cJSON_IsObject(it)) {
			json_ctx_error(&L->ctx, "expected a choice object with keyword and label");
			POP(L);
			continue;
		}
		check_keys(L, it, keys);
		if (need_id(L, it, "keyword", false, &c->keyword)) {
			for (j = 0; j < i; j++)
				if (util_streq(q->choices[j].keyword, c->keyword)) {
					PUSHK(L, "keyword");
					json_ctx_error(&L->ctx, "duplicate choice \"%s\"",
						       c->keyword);
					POP(L);
				}
			if (strcmp(c->keyword, "unknown") == 0)
				q->unknown_choice = i;
		}
		need_text(L, it, "label", &c->label);
		POP(L);
	}
	/* A keyword that failed to load must not leave a NULL behind. */
	for (i = 0; i < q->nchoices; i++)
		if (!q->choices[i].keyword)
			q->choices[i].keyword = xstrdup("");
	if (q->unknown_choice == SIZE_MAX && q->nchoices)
		json_ctx_error(&L->ctx, "every question must offer the choice \"unknown\" (the "
					"evidence does not settle it)");
	POP(L);
}

static void parse_questions(struct loader *L, cJSON *arr)
{
	static const char *const keys[] = {"id",      "section", "title",     "text", "help",
					   "sources", "choices", "condition", NULL};
	struct checklist *cl = L->cl;
	cJSON *it;
	size_t i = 0, j;

	cl->nquestions = (size_t)cJSON_GetArraySize(arr);
	cl->questions = xcalloc(cl->nquestions, sizeof(*cl->questions));
	PUSHK(L, "questions");
	if (!cl->nquestions)
		json_ctx_error(&L->ctx, "a checklist needs at least one question");
	for (it = arr->child; it; it = it->next, i++) {
		struct question *q = &cl->questions[i];
		char *section = NULL;
		cJSON *sources;

		PUSHI(L, i);
		q->unknown_choice = SIZE_MAX;
		if (!cJSON_IsObject(it)) {
			json_ctx_error(&L->ctx, "expected a question object");
			POP(L);
			continue;
		}
		check_keys(L, it, keys);
		if (need_id(L, it, "id", true, &q->id))
			for (j = 0; j < i; j++)
				if (util_streq(cl->questions[j].id, q->id)) {
					PUSHK(L, "id");
					json_ctx_error(&L->ctx, "duplicate question id \"%s\"",
						       q->id);
					POP(L);
				}
		if (need_text(L, it, "section", &section)) {
			for (j = 0; j < cl->nsections; j++)
				if (util_streq(cl->sections[j].id, section))
					break;
			if (j == cl->nsections) {
				PUSHK(L, "section");
				json_ctx_error(&L->ctx, "no section \"%s\"", section);
				POP(L);
			}
			q->section = j < cl->nsections ? j : 0;
		}
		free(section);
		need_text(L, it, "title", &q->title);
		need_text(L, it, "text", &q->text);
		need_text(L, it, "help", &q->help);
		sources = json_get_typed(&L->ctx, it, "sources", cJSON_Array, true);
		if (sources) {
			cJSON *s;
			size_t k = 0;

			PUSHK(L, "sources");
			if (!cJSON_GetArraySize(sources))
				json_ctx_error(&L->ctx, "every question must cite at least one "
							"legal source");
			else if (string_items(L, sources, "a source")) {
				q->nsources = (size_t)cJSON_GetArraySize(sources);
				q->sources = xcalloc(q->nsources, sizeof(*q->sources));
				for (s = sources->child; s; s = s->next, k++)
					q->sources[k] = xstrdup(s->valuestring);
			}
			POP(L);
		}
		parse_choices(L, it, q);
		POP(L);
	}
	POP(L);
}

static void collect_refs(const struct expr *e, bool *refs)
{
	size_t i;

	if (e->kind == EXPR_ANSWER_IN || e->kind == EXPR_ANSWER_NOT_IN)
		refs[e->target] = true;
	for (i = 0; i < e->nitems; i++)
		collect_refs(&e->items[i], refs);
}

/* Depth-first search over "condition refers to" edges; reports each cycle once. */
static bool find_cycle(struct loader *L, size_t q, int *color, size_t *stack, size_t depth)
{
	struct checklist *cl = L->cl;
	bool *refs;
	size_t r;
	bool found = false;

	color[q] = 1;
	stack[depth] = q;
	if (!cl->questions[q].condition) {
		color[q] = 2;
		return false;
	}
	refs = xcalloc(cl->nquestions, sizeof(*refs));
	collect_refs(cl->questions[q].condition, refs);
	for (r = 0; r < cl->nquestions && !found; r++) {
		if (!refs[r])
			continue;
		if (color[r] == 1) {
			struct strbuf sb;
			size_t k, start = 0;

			for (k = 0; k <= depth; k++)
				if (stack[k] == r)
					start = k;
			strbuf_init(&sb);
			for (k = start; k <= depth; k++)
				strbuf_addf(&sb, "%s -> ", cl->questions[stack[k]].id);
			strbuf_adds(&sb, cl->questions[r].id);
			PUSHK(L, "questions");
			PUSHI(L, q);
			PUSHK(L, "condition");
			json_ctx_error(&L->ctx, "conditions form a cycle: %s", sb.buf);
			POP(L);
			POP(L);
			POP(L);
			strbuf_release(&sb);
			found = true;
		} else if (color[r] == 0) {
			found = find_cycle(L, r, color, stack, depth + 1);
		}
	}
	free(refs);
	color[q] = 2;
	return found;
}

static void parse_conditions(struct loader *L, cJSON *arr)
{
	struct checklist *cl = L->cl;
	cJSON *it;
	size_t i = 0;
	int *color;
	size_t *stack;

	PUSHK(L, "questions");
	for (it = arr->child; it; it = it->next, i++) {
		cJSON *cond = cJSON_IsObject(it) ? cJSON_GetObjectItemCaseSensitive(it, "condition")
						 : NULL;

		if (!cond)
			continue;
		PUSHI(L, i);
		PUSHK(L, "condition");
		cl->questions[i].condition = xcalloc(1, sizeof(struct expr));
		if (!parse_expr(L, cond, cl->questions[i].condition, false)) {
			expr_release(cl->questions[i].condition);
			free(cl->questions[i].condition);
			cl->questions[i].condition = NULL;
		}
		POP(L);
		POP(L);
	}
	POP(L);
	color = xcalloc(cl->nquestions, sizeof(*color));
	stack = xcalloc(cl->nquestions + 1, sizeof(*stack));
	for (i = 0; i < cl->nquestions; i++)
		if (!color[i])
			find_cycle(L, i, color, stack, 0);
	free(color);
	free(stack);
}

static void parse_standard(struct loader *L, cJSON *obj, const struct question *q,
			   struct proof_standard *st)
{
	static const char *const keys[] = {"applies_to", "min_grade", "independent_of",
					   "min_items",  "text",      NULL};
	cJSON *arr, *it;
	char *grade = NULL;
	long items = 1;
	size_t i = 0;

	memset(st, 0, sizeof(*st));
	st->min_items = 1;
	if (!cJSON_IsObject(obj)) {
		json_ctx_error(&L->ctx, "expected a proof standard object");
		return;
	}
	check_keys(L, obj, keys);
	if (json_take_string(&L->ctx, obj, "min_grade", false, &grade) &&
	    !evidence_parse_grade(grade, &st->min_reliability, &st->min_credibility)) {
		PUSHK(L, "min_grade");
		json_ctx_error(&L->ctx,
			       "invalid grade \"%s\" (a letter A-F and a digit 1-6, as B2)", grade);
		POP(L);
	}
	free(grade);
	if (json_get_int(&L->ctx, obj, "min_items", false, 1, 1000, &items))
		st->min_items = (int)items;
	opt_text(L, obj, "text", &st->text);
	if ((arr = json_get_typed(&L->ctx, obj, "independent_of", cJSON_Array, false))) {
		PUSHK(L, "independent_of");
		if (string_items(L, arr, "an origin"))
			for (it = arr->child, i = 0; it; it = it->next, i++) {
				int o = evidence_origin_parse(it->valuestring);

				PUSHI(L, i);
				if (o < 0)
					json_ctx_error(&L->ctx,
						       "unknown origin \"%s\" (one of host, "
						       "intervening, third_party)",
						       it->valuestring);
				else
					st->excluded_origins |= 1u << o;
				POP(L);
			}
		POP(L);
	}
	if ((arr = json_get_typed(&L->ctx, obj, "applies_to", cJSON_Array, false))) {
		PUSHK(L, "applies_to");
		if (!q)
			json_ctx_error(&L->ctx, "the default standard applies to every answer; "
						"\"applies_to\" belongs on a criterion");
		else if (string_items(L, arr, "a choice"))
			for (it = arr->child, i = 0; it; it = it->next, i++) {
				long ci = question_choice_index(q, it->valuestring);

				PUSHI(L, i);
				if (ci < 0)
					report_no_choice(L, q, it->valuestring);
				else
					st->applies_to |= UINT64_C(1) << ci;
				POP(L);
			}
		POP(L);
	}
	if (!st->applies_to && q)
		st->applies_to =
			((q->nchoices >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << q->nchoices) - 1)) &
			~(q->unknown_choice < 64 ? UINT64_C(1) << q->unknown_choice : 0);
}

static void parse_criterion(struct loader *L, cJSON *obj, struct framework *f, size_t ci)
{
	static const char *const keys[] = {
		"id",          "title",    "question", "necessary",      "weight",
		"met",         "not_met",  "unknown",  "not_applicable", "source",
		"explanation", "standard", NULL};
	struct criterion *c = &f->criteria[ci];
	char *qid = NULL;
	const struct question *q = NULL;
	long weight = 1, qi = -1;
	cJSON *ex, *st;
	size_t j;
	int r;

	c->weight = 1;
	if (!cJSON_IsObject(obj)) {
		json_ctx_error(&L->ctx, "expected a criterion object");
		return;
	}
	check_keys(L, obj, keys);
	if (need_id(L, obj, "id", false, &c->id))
		for (j = 0; j < ci; j++)
			if (util_streq(f->criteria[j].id, c->id)) {
				PUSHK(L, "id");
				json_ctx_error(&L->ctx, "duplicate criterion id \"%s\"", c->id);
				POP(L);
			}
	need_text(L, obj, "title", &c->title);
	need_text(L, obj, "source", &c->source);
	json_get_bool(&L->ctx, obj, "necessary", true, &c->necessary);
	if (json_get_int(&L->ctx, obj, "weight", false, 1, 1000, &weight))
		c->weight = (int)weight;
	if (need_text(L, obj, "question", &qid)) {
		qi = checklist_question_index(L->cl, qid);
		if (qi < 0) {
			PUSHK(L, "question");
			report_no_question(L, qid);
			POP(L);
		}
	}
	free(qid);
	if (qi < 0)
		return;
	c->question = (size_t)qi;
	q = &L->cl->questions[qi];
	c->results = xmalloc((q->nchoices ? q->nchoices : 1) * sizeof(*c->results));
	for (j = 0; j < q->nchoices; j++)
		c->results[j] = RESULT_COUNT;
	for (r = 0; r < RESULT_COUNT; r++) {
		cJSON *arr = json_get_typed(&L->ctx, obj, result_names[r], cJSON_Array, false), *it;
		size_t i = 0;

		if (!arr)
			continue;
		PUSHK(L, result_names[r]);
		if (string_items(L, arr, "a choice"))
			for (it = arr->child; it; it = it->next, i++) {
				long k = question_choice_index(q, it->valuestring);

				PUSHI(L, i);
				if (k < 0)
					report_no_choice(L, q, it->valuestring);
				else if (c->results[k] != RESULT_COUNT)
					json_ctx_error(
						&L->ctx,
						"choice \"%s\" is mapped twice (to %s and %s)",
						it->valuestring, result_names[c->results[k]],
						result_names[r]);
				else if ((size_t)k == q->unknown_choice && r != RESULT_UNKNOWN)
					json_ctx_error(
						&L->ctx,
						"choice \"unknown\" must yield unknown: unknown "
						"is never the same as an answer");
				else
					c->results[k] = (enum criterion_result)r;
				POP(L);
			}
		POP(L);
	}
	for (j = 0; j < q->nchoices; j++)
		if (c->results[j] == RESULT_COUNT) {
			json_ctx_error(&L->ctx,
				       "choice \"%s\" of question \"%s\" is not mapped to a result "
				       "(list it under met, not_met, unknown or not_applicable)",
				       q->choices[j].keyword, q->id);
			c->results[j] = RESULT_UNKNOWN;
		}
	if ((ex = json_get_typed(&L->ctx, obj, "explanation", cJSON_Object, false))) {
		static const char *const ekeys[] = {"met", "not_met", "unknown", "not_applicable",
						    NULL};

		PUSHK(L, "explanation");
		check_keys(L, ex, ekeys);
		for (r = 0; r < RESULT_COUNT; r++)
			opt_text(L, ex, result_names[r], &c->explanation[r]);
		POP(L);
	}
	if ((st = cJSON_GetObjectItemCaseSensitive(obj, "standard"))) {
		c->standard = xcalloc(1, sizeof(*c->standard));
		PUSHK(L, "standard");
		parse_standard(L, st, q, c->standard);
		POP(L);
	}
}

static void parse_frameworks(struct loader *L, cJSON *arr)
{
	static const char *const keys[] = {"id",          "title",    "source",
					   "description", "criteria", NULL};
	struct checklist *cl = L->cl;
	cJSON *it;
	size_t i = 0, j;

	cl->nframeworks = (size_t)cJSON_GetArraySize(arr);
	cl->frameworks = xcalloc(cl->nframeworks, sizeof(*cl->frameworks));
	PUSHK(L, "frameworks");
	if (!cl->nframeworks)
		json_ctx_error(&L->ctx, "a checklist needs at least one framework");
	/* Ids first: expressions anywhere may refer to any framework. */
	for (it = arr->child; it; it = it->next, i++) {
		PUSHI(L, i);
		if (!cJSON_IsObject(it))
			json_ctx_error(&L->ctx, "expected a framework object");
		else if (need_id(L, it, "id", false, &cl->frameworks[i].id))
			for (j = 0; j < i; j++)
				if (util_streq(cl->frameworks[j].id, cl->frameworks[i].id)) {
					PUSHK(L, "id");
					json_ctx_error(&L->ctx, "duplicate framework id \"%s\"",
						       cl->frameworks[i].id);
					POP(L);
				}
		POP(L);
	}
	for (it = arr->child, i = 0; it; it = it->next, i++) {
		struct framework *f = &cl->frameworks[i];
		cJSON *crit, *c;
		size_t k = 0;
		bool any_necessary = false;

		if (!cJSON_IsObject(it))
			continue;
		PUSHI(L, i);
		check_keys(L, it, keys);
		need_text(L, it, "title", &f->title);
		need_text(L, it, "source", &f->source);
		opt_text(L, it, "description", &f->description);
		crit = json_get_typed(&L->ctx, it, "criteria", cJSON_Array, true);
		if (crit) {
			PUSHK(L, "criteria");
			f->ncriteria = (size_t)cJSON_GetArraySize(crit);
			f->criteria = xcalloc(f->ncriteria, sizeof(*f->criteria));
			for (c = crit->child; c; c = c->next, k++) {
				PUSHI(L, k);
				parse_criterion(L, c, f, k);
				any_necessary |= f->criteria[k].necessary;
				POP(L);
			}
			if (!any_necessary)
				json_ctx_error(
					&L->ctx,
					"a framework needs at least one necessary criterion");
			POP(L);
		}
		POP(L);
	}
	POP(L);
}

static void parse_overall(struct loader *L, cJSON *obj)
{
	static const char *const keys[] = {"title", "source", "rules", "otherwise", NULL};
	static const char *const rule_keys[] = {"verdict", "when", "text", NULL};
	static const char *const otherwise_keys[] = {"verdict", "text", NULL};
	struct overall *o = &L->cl->overall;
	cJSON *rules, *it, *other;
	size_t i = 0;

	PUSHK(L, "overall");
	check_keys(L, obj, keys);
	need_text(L, obj, "title", &o->title);
	need_text(L, obj, "source", &o->source);
	rules = json_get_typed(&L->ctx, obj, "rules", cJSON_Array, true);
	if (rules) {
		PUSHK(L, "rules");
		o->nrules = (size_t)cJSON_GetArraySize(rules);
		o->rules = xcalloc(o->nrules, sizeof(*o->rules));
		for (it = rules->child; it; it = it->next, i++) {
			struct overall_rule *r = &o->rules[i];
			cJSON *when;

			PUSHI(L, i);
			if (!cJSON_IsObject(it)) {
				json_ctx_error(&L->ctx, "expected a rule object");
				POP(L);
				continue;
			}
			check_keys(L, it, rule_keys);
			need_id(L, it, "verdict", false, &r->verdict);
			need_text(L, it, "text", &r->text);
			if ((when = json_get_typed(&L->ctx, it, "when", cJSON_Object, true))) {
				PUSHK(L, "when");
				parse_expr(L, when, &r->when, true);
				POP(L);
			}
			POP(L);
		}
		POP(L);
	}
	if ((other = json_get_typed(&L->ctx, obj, "otherwise", cJSON_Object, true))) {
		PUSHK(L, "otherwise");
		check_keys(L, other, otherwise_keys);
		need_id(L, other, "verdict", false, &o->otherwise_verdict);
		need_text(L, other, "text", &o->otherwise_text);
		POP(L);
	}
	POP(L);
}

static void parse_findings(struct loader *L, cJSON *arr)
{
	static const char *const keys[] = {"id", "when", "text", "source", NULL};
	struct checklist *cl = L->cl;
	cJSON *it, *when;
	size_t i = 0, j;

	cl->nfindings = (size_t)cJSON_GetArraySize(arr);
	cl->findings = xcalloc(cl->nfindings, sizeof(*cl->findings));
	PUSHK(L, "findings");
	for (it = arr->child; it; it = it->next, i++) {
		struct finding_rule *f = &cl->findings[i];

		PUSHI(L, i);
		if (!cJSON_IsObject(it)) {
			json_ctx_error(&L->ctx, "expected a finding object");
			POP(L);
			continue;
		}
		check_keys(L, it, keys);
		if (need_id(L, it, "id", false, &f->id))
			for (j = 0; j < i; j++)
				if (util_streq(cl->findings[j].id, f->id)) {
					PUSHK(L, "id");
					json_ctx_error(&L->ctx, "duplicate finding id \"%s\"",
						       f->id);
					POP(L);
				}
		need_text(L, it, "text", &f->text);
		need_text(L, it, "source", &f->source);
		if ((when = json_get_typed(&L->ctx, it, "when", cJSON_Object, true))) {
			PUSHK(L, "when");
			parse_expr(L, when, &f->when, true);
			POP(L);
		}
		POP(L);
	}
	POP(L);
}

static void parse_test(struct loader *L, cJSON *obj, struct checklist_test *t)
{
	static const char *const keys[] = {"name", "answers", "expect", NULL};
	static const char *const expect_keys[] = {"overall", "frameworks", "findings", NULL};
	struct checklist *cl = L->cl;
	cJSON *answers, *expect, *it, *fw, *fnd;
	size_t i;

	t->answers = xmalloc((cl->nquestions + 1) * sizeof(*t->answers));
	for (i = 0; i < cl->nquestions; i++)
		t->answers[i] = -1;
	t->expect_verdicts = xmalloc((cl->nframeworks + 1) * sizeof(*t->expect_verdicts));
	for (i = 0; i < cl->nframeworks; i++)
		t->expect_verdicts[i] = -1;
	t->expect_findings = xcalloc(cl->nfindings + 1, sizeof(*t->expect_findings));
	if (!cJSON_IsObject(obj)) {
		json_ctx_error(&L->ctx, "expected a test object");
		return;
	}
	check_keys(L, obj, keys);
	need_text(L, obj, "name", &t->name);
	if ((answers = json_get_typed(&L->ctx, obj, "answers", cJSON_Object, true))) {
		PUSHK(L, "answers");
		for (it = answers->child; it; it = it->next) {
			long qi = checklist_question_index(cl, it->string), ci;

			PUSHK(L, it->string);
			if (qi < 0) {
				report_no_question(L, it->string);
			} else if (!cJSON_IsString(it)) {
				json_ctx_error(&L->ctx, "expected a choice keyword");
			} else if ((ci = question_choice_index(&cl->questions[qi],
							       it->valuestring)) < 0) {
				report_no_choice(L, &cl->questions[qi], it->valuestring);
			} else {
				t->answers[qi] = (int)ci;
			}
			POP(L);
		}
		POP(L);
	}
	if (!(expect = json_get_typed(&L->ctx, obj, "expect", cJSON_Object, true)))
		return;
	PUSHK(L, "expect");
	check_keys(L, expect, expect_keys);
	if (json_take_string(&L->ctx, expect, "overall", false, &t->expect_overall) &&
	    !checklist_overall_verdict_exists(cl, t->expect_overall)) {
		PUSHK(L, "overall");
		json_ctx_error(&L->ctx, "the overall rule never gives \"%s\"", t->expect_overall);
		POP(L);
	}
	if ((fw = json_get_typed(&L->ctx, expect, "frameworks", cJSON_Object, false))) {
		PUSHK(L, "frameworks");
		for (it = fw->child; it; it = it->next) {
			long fi = checklist_framework_index(cl, it->string);
			int v = VERDICT_COUNT;

			PUSHK(L, it->string);
			if (cJSON_IsString(it))
				for (v = 0; v < VERDICT_COUNT; v++)
					if (strcmp(verdict_names[v], it->valuestring) == 0)
						break;
			if (fi < 0)
				json_ctx_error(&L->ctx, "no framework \"%s\"", it->string);
			else if (v == VERDICT_COUNT)
				json_ctx_error(&L->ctx,
					       "expected a framework verdict (satisfied, "
					       "not_satisfied, undetermined, not_applicable)");
			else
				t->expect_verdicts[fi] = v;
			POP(L);
		}
		POP(L);
	}
	if ((fnd = json_get_typed(&L->ctx, expect, "findings", cJSON_Array, false))) {
		PUSHK(L, "findings");
		t->expect_findings_given = true;
		if (string_items(L, fnd, "a finding id"))
			for (it = fnd->child, i = 0; it; it = it->next, i++) {
				long k = checklist_finding_index(cl, it->valuestring);

				PUSHI(L, i);
				if (k < 0)
					json_ctx_error(&L->ctx, "no finding \"%s\"",
						       it->valuestring);
				else
					t->expect_findings[k] = true;
				POP(L);
			}
		POP(L);
	}
	POP(L);
}

static void compute_digest(struct checklist *cl, const cJSON *root)
{
	struct strbuf sb;
	struct json_writer w;
	char hex[65];

	strbuf_init(&sb);
	json_writer_init(&w, &sb, true);
	jw_tree(&w, root);
	sha256_hex(sb.buf, sb.len, hex);
	snprintf(cl->digest, sizeof(cl->digest), "sha256:%s", hex);
	strbuf_release(&sb);
}

static void parse_root(struct loader *L, cJSON *root)
{
	static const char *const keys[] = {
		"format",      "format_version",   "id",        "version",    "title",
		"description", "sections",         "questions", "frameworks", "overall",
		"findings",    "default_standard", "tests",     NULL};
	struct checklist *cl = L->cl;
	char *format = NULL;
	long fv = 0;
	cJSON *sections, *questions, *frameworks, *overall, *findings, *tests, *ds;

	if (!cJSON_IsObject(root)) {
		json_ctx_error(&L->ctx, "a checklist is a JSON object, found %s",
			       json_type_name(root));
		return;
	}
	/* Before any string is taken over from the tree. */
	compute_digest(cl, root);
	if (json_take_string(&L->ctx, root, "format", true, &format) &&
	    strcmp(format, CHECKLIST_FORMAT) != 0) {
		PUSHK(L, "format");
		json_ctx_error(&L->ctx, "not a checklist: format is \"%s\", expected \"%s\"",
			       format, CHECKLIST_FORMAT);
		POP(L);
		free(format);
		return;
	}
	free(format);
	if (json_get_int(&L->ctx, root, "format_version", true, 1, 1000000, &fv) &&
	    fv > CHECKLIST_FORMAT_VERSION) {
		PUSHK(L, "format_version");
		json_ctx_error(&L->ctx,
			       "format version %ld is newer than this legitcheck reads (%d); "
			       "upgrade legitcheck",
			       fv, CHECKLIST_FORMAT_VERSION);
		POP(L);
		return;
	}
	check_keys(L, root, keys);
	need_id(L, root, "id", true, &cl->id);
	need_text(L, root, "version", &cl->version);
	need_text(L, root, "title", &cl->title);
	opt_text(L, root, "description", &cl->description);
	if ((sections = json_get_typed(&L->ctx, root, "sections", cJSON_Array, true)))
		parse_sections(L, sections);
	if ((questions = json_get_typed(&L->ctx, root, "questions", cJSON_Array, true))) {
		parse_questions(L, questions);
		parse_conditions(L, questions);
	}
	if ((frameworks = json_get_typed(&L->ctx, root, "frameworks", cJSON_Array, true)))
		parse_frameworks(L, frameworks);
	if ((overall = json_get_typed(&L->ctx, root, "overall", cJSON_Object, true)))
		parse_overall(L, overall);
	if ((findings = json_get_typed(&L->ctx, root, "findings", cJSON_Array, false)))
		parse_findings(L, findings);
	cl->default_standard.min_items = 1;
	if ((ds = cJSON_GetObjectItemCaseSensitive(root, "default_standard"))) {
		PUSHK(L, "default_standard");
		parse_standard(L, ds, NULL, &cl->default_standard);
		POP(L);
	}
	if ((tests = json_get_typed(&L->ctx, root, "tests", cJSON_Array, false))) {
		cJSON *it;
		size_t i = 0;

		cl->ntests = (size_t)cJSON_GetArraySize(tests);
		cl->tests = xcalloc(cl->ntests, sizeof(*cl->tests));
		PUSHK(L, "tests");
		for (it = tests->child; it; it = it->next, i++) {
			PUSHI(L, i);
			parse_test(L, it, &cl->tests[i]);
			POP(L);
		}
		POP(L);
	}
}

int checklist_load_buffer(const char *text, size_t len, const char *name, struct checklist **out,
			  struct error *err)
{
	struct loader L;
	cJSON *root = NULL;
	struct error local;

	*out = NULL;
	error_init(&local);
	if (json_parse(text, len, name, &root, &local)) {
		error_merge(err, &local);
		error_release(&local);
		return LC_ERR_DATA;
	}
	memset(&L, 0, sizeof(L));
	L.ctx.name = name;
	L.ctx.text = text;
	L.ctx.len = len;
	L.ctx.err = &local;
	L.cl = xcalloc(1, sizeof(*L.cl));
	L.cl->path = xstrdup(name);
	parse_root(&L, root);
	cJSON_Delete(root);
	if (local.count) {
		error_merge(err, &local);
		error_release(&local);
		checklist_free(L.cl);
		return LC_ERR_DATA;
	}
	error_release(&local);
	*out = L.cl;
	return LC_OK;
}

int checklist_load_file(const char *path, struct checklist **out, struct error *err)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	rc = storage_read_file(path, &text, &len, err);
	if (rc)
		return rc;
	rc = checklist_load_buffer(text, len, path, out, err);
	free(text);
	return rc;
}

static void standard_release(struct proof_standard *st)
{
	free(st->text);
}

void checklist_free(struct checklist *cl)
{
	size_t i, j;
	int r;

	if (!cl)
		return;
	for (i = 0; i < cl->nsections; i++) {
		free(cl->sections[i].id);
		free(cl->sections[i].title);
		free(cl->sections[i].description);
	}
	free(cl->sections);
	for (i = 0; i < cl->nquestions; i++) {
		struct question *q = &cl->questions[i];

		free(q->id);
		free(q->title);
		free(q->text);
		free(q->help);
		for (j = 0; j < q->nsources; j++)
			free(q->sources[j]);
		free(q->sources);
		for (j = 0; j < q->nchoices; j++) {
			free(q->choices[j].keyword);
			free(q->choices[j].label);
		}
		free(q->choices);
		if (q->condition) {
			expr_release(q->condition);
			free(q->condition);
		}
	}
	free(cl->questions);
	for (i = 0; i < cl->nframeworks; i++) {
		struct framework *f = &cl->frameworks[i];

		for (j = 0; j < f->ncriteria; j++) {
			struct criterion *c = &f->criteria[j];

			free(c->id);
			free(c->title);
			free(c->results);
			free(c->source);
			for (r = 0; r < RESULT_COUNT; r++)
				free(c->explanation[r]);
			if (c->standard) {
				standard_release(c->standard);
				free(c->standard);
			}
		}
		free(f->criteria);
		free(f->id);
		free(f->title);
		free(f->source);
		free(f->description);
	}
	free(cl->frameworks);
	for (i = 0; i < cl->overall.nrules; i++) {
		free(cl->overall.rules[i].verdict);
		free(cl->overall.rules[i].text);
		expr_release(&cl->overall.rules[i].when);
	}
	free(cl->overall.rules);
	free(cl->overall.title);
	free(cl->overall.source);
	free(cl->overall.otherwise_verdict);
	free(cl->overall.otherwise_text);
	for (i = 0; i < cl->nfindings; i++) {
		free(cl->findings[i].id);
		free(cl->findings[i].text);
		free(cl->findings[i].source);
		expr_release(&cl->findings[i].when);
	}
	free(cl->findings);
	standard_release(&cl->default_standard);
	for (i = 0; i < cl->ntests; i++) {
		free(cl->tests[i].name);
		free(cl->tests[i].answers);
		free(cl->tests[i].expect_overall);
		free(cl->tests[i].expect_verdicts);
		free(cl->tests[i].expect_findings);
	}
	free(cl->tests);
	free(cl->id);
	free(cl->version);
	free(cl->title);
	free(cl->description);
	free(cl->path);
	free(cl);
}
