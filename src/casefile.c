/* Case files: JSON to struct casefile and back, and the edits a session makes. */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "legitcheck/casefile.h"
#include "legitcheck/json.h"
#include "legitcheck/storage.h"

#define PUSHK(ctx, k) json_path_push_key(&(ctx)->path, (k))
#define PUSHI(ctx, i) json_path_push_index(&(ctx)->path, (i))
#define POP(ctx)      json_path_pop(&(ctx)->path)

static const char *const root_keys[] = {
	"format",  "format_version", "checklist", "title",   "description",
	"created", "modified",       "answers",   "history", NULL};
static const char *const checklist_keys[] = {"id", "version", "digest", NULL};
static const char *const answer_keys[] = {"choice", "note", "answered", "evidence", NULL};
static const char *const evidence_keys[] = {"source",   "title", "date", "event_date", "url",
					    "citation", "quote", "kind", "grade",      "origin",
					    "disputed", "note",  NULL};
static const char *const history_keys[] = {"time", "question", "from", "to", NULL};

static void stamp(char **field)
{
	char now[21];

	util_now_iso(now);
	free(*field);
	*field = xstrdup(now);
}

struct casefile *casefile_new(const struct checklist *cl, const char *title)
{
	struct casefile *cf = xcalloc(1, sizeof(*cf));
	size_t i;

	cf->checklist = cl;
	cf->title = xstrdup(title ? title : "");
	stamp(&cf->created);
	cf->modified = xstrdup(cf->created);
	cf->checklist_id = xstrdup(cl->id);
	cf->checklist_version = xstrdup(cl->version);
	cf->checklist_digest = xstrdup(cl->digest);
	cf->answers = xcalloc(cl->nquestions ? cl->nquestions : 1, sizeof(*cf->answers));
	for (i = 0; i < cl->nquestions; i++)
		cf->answers[i].choice = -1;
	return cf;
}

void answer_release(struct answer *a)
{
	size_t i;

	for (i = 0; i < a->nevidence; i++)
		evidence_release(&a->evidence[i]);
	free(a->evidence);
	free(a->note);
	free(a->answered);
	json_extras_free(a->extras);
	memset(a, 0, sizeof(*a));
	a->choice = -1;
}

void answer_copy(struct answer *dst, const struct answer *src)
{
	size_t i;

	memset(dst, 0, sizeof(*dst));
	dst->choice = src->choice;
	dst->note = src->note ? xstrdup(src->note) : NULL;
	dst->answered = src->answered ? xstrdup(src->answered) : NULL;
	dst->nevidence = dst->aevidence = src->nevidence;
	dst->evidence = xcalloc(src->nevidence ? src->nevidence : 1, sizeof(*dst->evidence));
	for (i = 0; i < src->nevidence; i++)
		evidence_copy(&dst->evidence[i], &src->evidence[i]);
	dst->evidence_stamp = src->evidence_stamp;
	/* Unknown keys stay with the live answer: an undo restores the known fields. */
}

void answer_copy_fields(struct answer *dst, const struct answer *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->choice = src->choice;
	dst->note = src->note ? xstrdup(src->note) : NULL;
	dst->answered = src->answered ? xstrdup(src->answered) : NULL;
	dst->evidence_stamp = src->evidence_stamp;
}

static void history_release(struct history_entry *h)
{
	free(h->time);
	free(h->question);
	free(h->from);
	free(h->to);
	json_extras_free(h->extras);
}

void casefile_free(struct casefile *cf)
{
	size_t i;

	if (!cf)
		return;
	for (i = 0; cf->answers && cf->checklist && i < cf->checklist->nquestions; i++)
		answer_release(&cf->answers[i]);
	free(cf->answers);
	for (i = 0; i < cf->nhistory; i++)
		history_release(&cf->history[i]);
	free(cf->history);
	free(cf->title);
	free(cf->description);
	free(cf->created);
	free(cf->modified);
	free(cf->checklist_id);
	free(cf->checklist_version);
	free(cf->checklist_digest);
	json_extras_free(cf->checklist_extras);
	json_extras_free(cf->extras);
	free(cf);
}

/* ---- Loading ---- */

static bool is_timestamp(const char *s)
{
	return s && strlen(s) == 20 && s[10] == 'T' && s[19] == 'Z' &&
	       evidence_date_problem(s) == NULL;
}

static void take_time(struct json_ctx *ctx, cJSON *obj, const char *key, char **out)
{
	if (json_take_string(ctx, obj, key, false, out) && !is_timestamp(*out)) {
		PUSHK(ctx, key);
		json_ctx_error(ctx, "invalid time \"%s\" (expected UTC as YYYY-MM-DDTHH:MM:SSZ)",
			       *out);
		POP(ctx);
	}
}

/*
 * The checks of an evidence item's values, once each is read: shared by the
 * reading from a tree (load_evidence) and from the text (load_evidence_text).
 */
static void check_source(struct json_ctx *ctx, const struct evidence *ev)
{
	if (!*ev->source) {
		PUSHK(ctx, "source");
		json_ctx_error(ctx, "the source must not be empty (who published it?)");
		POP(ctx);
	}
}

static void check_date(struct json_ctx *ctx, const char *key, const char *date)
{
	const char *why = evidence_date_problem(date);

	if (why) {
		PUSHK(ctx, key);
		json_ctx_error(ctx, "invalid date \"%s\": %s", date, why);
		POP(ctx);
	}
}

static void set_kind(struct json_ctx *ctx, struct evidence *ev, const char *kind)
{
	ev->kind = evidence_kind_parse(kind);
	if (ev->kind == KIND_UNSET) {
		const char *hint = util_suggest(kind, evidence_kind_names, KIND_COUNT);

		PUSHK(ctx, "kind");
		if (hint)
			json_ctx_error(ctx, "unknown kind \"%s\" (did you mean \"%s\"?)", kind,
				       hint);
		else
			json_ctx_error(ctx,
				       "unknown kind \"%s\" (one of official_document, "
				       "official_statement, news_report, expert_analysis, other)",
				       kind);
		POP(ctx);
	}
}

static void set_grade(struct json_ctx *ctx, struct evidence *ev, const char *grade)
{
	if (!evidence_parse_grade(grade, &ev->reliability, &ev->credibility)) {
		PUSHK(ctx, "grade");
		json_ctx_error(ctx,
			       "invalid grade \"%s\" (Admiralty code: reliability A-F then "
			       "credibility 1-6, as B2)",
			       grade);
		POP(ctx);
	}
}

static void set_origin(struct json_ctx *ctx, struct evidence *ev, const char *origin)
{
	ev->origin = evidence_origin_parse(origin);
	if (ev->origin == ORIGIN_UNSET) {
		PUSHK(ctx, "origin");
		json_ctx_error(ctx, "unknown origin \"%s\" (one of host, intervening, third_party)",
			       origin);
		POP(ctx);
	}
}

static void load_evidence(struct json_ctx *ctx, cJSON *obj, struct evidence *ev)
{
	char *kind = NULL, *grade = NULL, *origin = NULL;
	evidence_init(ev);
	if (!cJSON_IsObject(obj)) {
		json_ctx_error(ctx, "expected an evidence object, found %s", json_type_name(obj));
		return;
	}
	if (json_take_string(ctx, obj, "source", true, &ev->source))
		check_source(ctx, ev);
	json_take_string(ctx, obj, "title", false, &ev->title);
	json_take_string(ctx, obj, "url", false, &ev->url);
	json_take_string(ctx, obj, "citation", false, &ev->citation);
	json_take_string(ctx, obj, "quote", false, &ev->quote);
	json_take_string(ctx, obj, "note", false, &ev->note);
	json_get_bool(ctx, obj, "disputed", false, &ev->disputed);
	if (json_take_string(ctx, obj, "date", false, &ev->date))
		check_date(ctx, "date", ev->date);
	if (json_take_string(ctx, obj, "event_date", false, &ev->event_date))
		check_date(ctx, "event_date", ev->event_date);
	if (json_take_string(ctx, obj, "kind", false, &kind))
		set_kind(ctx, ev, kind);
	if (json_take_string(ctx, obj, "grade", false, &grade))
		set_grade(ctx, ev, grade);
	if (json_take_string(ctx, obj, "origin", false, &origin))
		set_origin(ctx, ev, origin);
	free(kind);
	free(grade);
	free(origin);
	ev->extras = json_extras_collect(obj, evidence_keys);
}

/* Where the key at k is in evidence_keys, or -1. Keys usually come in the
 * format's order, so the search starts after the one found last (*next). */
static int evidence_key_index(const char *t, const struct json_span *k, size_t *next)
{
	const size_t n = sizeof(evidence_keys) / sizeof(*evidence_keys) - 1;
	size_t klen = k->end - k->start - 2, i;

	for (i = 0; i < n; i++) {
		size_t f = (*next + i) % n;

		if (strlen(evidence_keys[f]) == klen &&
		    memcmp(t + k->start + 1, evidence_keys[f], klen) == 0) {
			*next = (f + 1) % n;
			return (int)f;
		}
	}
	return -1;
}

/*
 * An evidence item read straight from the text, without a tree: the way a
 * large case is loaded (json_parse_sparse). Only an item with known keys,
 * each of the right type, is read here; for anything else it returns false
 * and the item is read from a tree, which reports every problem in place.
 */
static bool load_evidence_fast(struct json_ctx *ctx, const struct json_span *item,
			       struct evidence *ev)
{
	enum {
		SOURCE,
		TITLE,
		DATE,
		EVENT_DATE,
		URL,
		CITATION,
		QUOTE,
		KIND,
		GRADE,
		ORIGIN,
		DISPUTED,
		NOTE,
		NKEYS
	};
	const char *t = ctx->text;
	char *val[NKEYS] = {NULL};
	struct json_span k, v;
	size_t pos = item->start, next = 0;
	bool ok = t[pos] == '{';
	int f;

	evidence_init(ev);
	while (ok && json_text_next_member(t, ctx->len, &pos, &k, &v)) {
		f = evidence_key_index(t, &k, &next);
		if (f == DISPUTED && (t[v.start] == 't' || t[v.start] == 'f'))
			ev->disputed = t[v.start] == 't';
		else if (f >= 0 && f != DISPUTED && t[v.start] == '"')
			val[f] = json_text_string(t, &v);
		else
			ok = false; /* unknown key, or wrong type */
	}
	ev->source = val[SOURCE];
	ev->title = val[TITLE];
	ev->date = val[DATE];
	ev->event_date = val[EVENT_DATE];
	ev->url = val[URL];
	ev->citation = val[CITATION];
	ev->quote = val[QUOTE];
	ev->note = val[NOTE];
	if (ok && ev->source) {
		check_source(ctx, ev);
		if (ev->date)
			check_date(ctx, "date", ev->date);
		if (ev->event_date)
			check_date(ctx, "event_date", ev->event_date);
		if (val[KIND])
			set_kind(ctx, ev, val[KIND]);
		if (val[GRADE])
			set_grade(ctx, ev, val[GRADE]);
		if (val[ORIGIN])
			set_origin(ctx, ev, val[ORIGIN]);
	} else {
		evidence_release(ev);
		ok = false;
	}
	free(val[KIND]);
	free(val[GRADE]);
	free(val[ORIGIN]);
	return ok;
}

static void load_evidence_text(struct json_ctx *ctx, const struct json_span *item,
			       struct evidence *ev)
{
	cJSON *obj;

	if (load_evidence_fast(ctx, item, ev))
		return;
	obj = cJSON_ParseWithLength(ctx->text + item->start, item->end - item->start);
	load_evidence(ctx, obj, ev);
	cJSON_Delete(obj);
}

static void load_answer(struct json_ctx *ctx, const struct question *q, cJSON *obj,
			struct answer *a)
{
	char *choice = NULL;
	cJSON *ev, *it;
	size_t i = 0;

	if (!cJSON_IsObject(obj)) {
		json_ctx_error(ctx, "expected an answer object, found %s", json_type_name(obj));
		return;
	}
	if (json_take_string(ctx, obj, "choice", false, &choice)) {
		long ci = question_choice_index(q, choice);

		if (ci < 0) {
			const char *hint = question_suggest_choice(q, choice);

			PUSHK(ctx, "choice");
			if (hint)
				json_ctx_error(ctx, "unknown choice \"%s\" (did you mean \"%s\"?)",
					       choice, hint);
			else
				json_ctx_error(ctx, "unknown choice \"%s\" for %s", choice, q->id);
			POP(ctx);
		}
		a->choice = (int)ci;
		free(choice);
	}
	json_take_string(ctx, obj, "note", false, &a->note);
	take_time(ctx, obj, "answered", &a->answered);
	if ((ev = json_get_typed(ctx, obj, "evidence", cJSON_Array, false))) {
		const struct json_span *items;
		size_t n;

		PUSHK(ctx, "evidence");
		/* In a sparse reading the items are still in the text. */
		items = json_sparse_lookup(ctx->sparse, &ctx->path, &n);
		if (!items)
			n = (size_t)cJSON_GetArraySize(ev);
		a->evidence = xcalloc(n ? n : 1, sizeof(*a->evidence));
		a->aevidence = n ? n : 1;
		for (it = ev->child; i < n; i++) {
			PUSHI(ctx, i);
			if (items) {
				load_evidence_text(ctx, &items[i], &a->evidence[i]);
			} else {
				load_evidence(ctx, it, &a->evidence[i]);
				it = it->next;
			}
			POP(ctx);
		}
		a->nevidence = n;
		POP(ctx);
	}
	a->extras = json_extras_collect(obj, answer_keys);
}

static void load_history_entry(struct json_ctx *ctx, cJSON *it, struct history_entry *h)
{
	cJSON *v;

	if (!cJSON_IsObject(it)) {
		json_ctx_error(ctx, "expected a history object, found %s", json_type_name(it));
		return;
	}
	take_time(ctx, it, "time", &h->time);
	json_take_string(ctx, it, "question", true, &h->question);
	v = cJSON_GetObjectItemCaseSensitive(it, "from");
	if (v && !cJSON_IsNull(v))
		json_take_string(ctx, it, "from", true, &h->from);
	v = cJSON_GetObjectItemCaseSensitive(it, "to");
	if (v && !cJSON_IsNull(v))
		json_take_string(ctx, it, "to", true, &h->to);
	h->extras = json_extras_collect(it, history_keys);
}

/* Loads the entries of arr into a new array of *n entries (the caller frees). */
static struct history_entry *load_history_entries(struct json_ctx *ctx, cJSON *arr, size_t *n)
{
	struct history_entry *h;
	cJSON *it;
	size_t i = 0;

	*n = (size_t)cJSON_GetArraySize(arr);
	h = xcalloc(*n ? *n : 1, sizeof(*h));
	for (it = arr->child; it; it = it->next, i++) {
		PUSHI(ctx, i);
		load_history_entry(ctx, it, &h[i]);
		POP(ctx);
	}
	return h;
}

static void load_history(struct json_ctx *ctx, struct casefile *cf, cJSON *arr)
{
	PUSHK(ctx, "history");
	cf->history = load_history_entries(ctx, arr, &cf->nhistory);
	cf->ahistory = cf->nhistory ? cf->nhistory : 1;
	POP(ctx);
}

static int check_checklist_match(struct json_ctx *ctx, struct casefile *cf, unsigned flags)
{
	const struct checklist *cl = cf->checklist;
	bool version_differs =
		cf->checklist_version && strcmp(cf->checklist_version, cl->version) != 0;
	bool digest_differs = cf->checklist_digest && strcmp(cf->checklist_digest, cl->digest) != 0;

	if (!version_differs && !digest_differs)
		return LC_OK;
	if (flags & CASEFILE_ACCEPT_CHECKLIST_CHANGE) {
		cf->checklist_changed = true;
		return LC_OK;
	}
	PUSHK(ctx, "checklist");
	if (version_differs)
		json_ctx_error(ctx,
			       "the case was answered against checklist \"%s\" version %s, but "
			       "version %s was found (%s); review the answers, then accept the "
			       "new version with 'legitcheck upgrade'",
			       cl->id, cf->checklist_version, cl->version, cl->path);
	else
		json_ctx_error(ctx,
			       "checklist \"%s\" %s has changed since the case was written (its "
			       "digest differs; %s); review the answers, then accept it with "
			       "'legitcheck upgrade'",
			       cl->id, cl->version, cl->path);
	POP(ctx);
	return LC_ERR_DATA;
}

int casefile_load_buffer(const char *text, size_t len, const char *name, casefile_resolver resolve,
			 void *rctx, unsigned flags, struct casefile **out, struct error *err)
{
	/* The evidence, the bulk of a large case, is read item by item from the
	 * text rather than built into one tree of the whole file. */
	static const char *const evidence_path[] = {"answers", "*", "evidence", NULL};
	struct json_ctx ctx;
	struct error local;
	struct casefile *cf = NULL;
	struct json_sparse *sparse = NULL;
	cJSON *root = NULL, *cl_obj, *answers, *history, *it;
	char *format = NULL;
	long fv = 0;
	size_t i;
	int rc = LC_OK;

	*out = NULL;
	error_init(&local);
	memset(&ctx, 0, sizeof(ctx));
	ctx.name = name;
	ctx.text = text;
	ctx.len = len;
	ctx.err = &local;
	if (json_parse_sparse(text, len, name, evidence_path, &root, &sparse, &local))
		goto out;
	ctx.sparse = sparse;
	if (!cJSON_IsObject(root)) {
		json_ctx_error(&ctx, "a case file is a JSON object, found %s",
			       json_type_name(root));
		goto out;
	}
	if (json_take_string(&ctx, root, "format", true, &format) &&
	    strcmp(format, CASEFILE_FORMAT) != 0) {
		PUSHK(&ctx, "format");
		json_ctx_error(&ctx, "not a case file: format is \"%s\", expected \"%s\"", format,
			       CASEFILE_FORMAT);
		POP(&ctx);
	}
	if (local.count)
		goto out;
	if (json_get_int(&ctx, root, "format_version", true, 1, 1000000, &fv) &&
	    fv > CASEFILE_FORMAT_VERSION) {
		PUSHK(&ctx, "format_version");
		json_ctx_error(&ctx,
			       "format version %ld is newer than this legitcheck reads (%d); "
			       "upgrade legitcheck",
			       fv, CASEFILE_FORMAT_VERSION);
		POP(&ctx);
	}
	cl_obj = json_get_typed(&ctx, root, "checklist", cJSON_Object, true);
	if (local.count)
		goto out;
	cf = xcalloc(1, sizeof(*cf));
	PUSHK(&ctx, "checklist");
	json_take_string(&ctx, cl_obj, "id", true, &cf->checklist_id);
	json_take_string(&ctx, cl_obj, "version", false, &cf->checklist_version);
	json_take_string(&ctx, cl_obj, "digest", false, &cf->checklist_digest);
	cf->checklist_extras = json_extras_collect(cl_obj, checklist_keys);
	POP(&ctx);
	if (local.count)
		goto out;
	{
		struct error rerr;

		error_init(&rerr);
		if (resolve(cf->checklist_id, cf->checklist_version, rctx, &cf->checklist, &rerr)) {
			PUSHK(&ctx, "checklist");
			PUSHK(&ctx, "id");
			json_ctx_error(&ctx, "%s", error_message(&rerr, 0));
			POP(&ctx);
			POP(&ctx);
			local.status = rerr.status == LC_ERR_DATA ? LC_ERR_DATA : rerr.status;
			error_release(&rerr);
			goto out;
		}
		error_release(&rerr);
	}
	if (check_checklist_match(&ctx, cf, flags))
		goto out;
	cf->answers = xcalloc(cf->checklist->nquestions ? cf->checklist->nquestions : 1,
			      sizeof(*cf->answers));
	for (i = 0; i < cf->checklist->nquestions; i++)
		cf->answers[i].choice = -1;
	if (!json_take_string(&ctx, root, "title", false, &cf->title))
		cf->title = xstrdup("");
	json_take_string(&ctx, root, "description", false, &cf->description);
	take_time(&ctx, root, "created", &cf->created);
	take_time(&ctx, root, "modified", &cf->modified);
	if ((answers = json_get_typed(&ctx, root, "answers", cJSON_Object, false))) {
		PUSHK(&ctx, "answers");
		for (it = answers->child; it; it = it->next) {
			long qi = checklist_question_index(cf->checklist, it->string);

			PUSHK(&ctx, it->string);
			if (qi < 0) {
				const char *hint =
					checklist_suggest_question(cf->checklist, it->string);

				if (hint)
					json_ctx_error(
						&ctx,
						"no question \"%s\" in checklist \"%s\" (did "
						"you mean \"%s\"?)",
						it->string, cf->checklist->id, hint);
				else
					json_ctx_error(&ctx,
						       "no question \"%s\" in checklist \"%s\"",
						       it->string, cf->checklist->id);
			} else {
				load_answer(&ctx, &cf->checklist->questions[qi], it,
					    &cf->answers[qi]);
			}
			POP(&ctx);
		}
		POP(&ctx);
	}
	if ((history = json_get_typed(&ctx, root, "history", cJSON_Array, false)))
		load_history(&ctx, cf, history);
	cf->extras = json_extras_collect(root, root_keys);
out:
	free(format);
	cJSON_Delete(root);
	json_sparse_free(sparse);
	if (local.count) {
		rc = local.status;
		error_merge(err, &local);
		err->status = err->status ? err->status : (enum lc_status)rc;
		casefile_free(cf);
		cf = NULL;
	}
	error_release(&local);
	*out = cf;
	return rc;
}

int casefile_load_file(const char *path, casefile_resolver resolve, void *ctx, unsigned flags,
		       struct casefile **out, struct error *err)
{
	char *text;
	size_t len;
	int rc;

	*out = NULL;
	rc = storage_read_file(path, &text, &len, err);
	if (rc)
		return rc;
	rc = casefile_load_buffer(text, len, path, resolve, ctx, flags, out, err);
	free(text);
	return rc;
}

/* ---- Writing ---- */

static void opt_string(struct json_writer *w, const char *key, const char *v)
{
	if (v) {
		jw_key(w, key);
		jw_string(w, v);
	}
}

static void write_evidence(struct json_writer *w, const struct evidence *ev)
{
	char grade[3];

	jw_begin_object(w);
	jw_key(w, "source");
	jw_string(w, ev->source ? ev->source : "");
	opt_string(w, "title", ev->title);
	opt_string(w, "date", ev->date);
	opt_string(w, "event_date", ev->event_date);
	opt_string(w, "url", ev->url);
	opt_string(w, "citation", ev->citation);
	opt_string(w, "quote", ev->quote);
	if (ev->kind != KIND_UNSET)
		opt_string(w, "kind", evidence_kind_names[ev->kind]);
	if (ev->reliability) {
		grade[0] = ev->reliability;
		grade[1] = ev->credibility;
		grade[2] = '\0';
		opt_string(w, "grade", grade);
	}
	if (ev->origin != ORIGIN_UNSET)
		opt_string(w, "origin", evidence_origin_names[ev->origin]);
	jw_key(w, "disputed");
	jw_bool(w, ev->disputed);
	opt_string(w, "note", ev->note);
	jw_extras(w, ev->extras);
	jw_end_object(w);
}

static bool answer_is_empty(const struct answer *a)
{
	return a->choice < 0 && !a->note && !a->answered && !a->nevidence && !a->extras;
}

/* An answer; with evidence_kept (for a delta), its evidence, which may be
 * most of a large case and did not change, is replaced by
 * "evidence_kept": true. */
static void write_answer(struct json_writer *w, const struct question *q, const struct answer *a,
			 bool evidence_kept)
{
	size_t j;

	jw_begin_object(w);
	if (a->choice >= 0) {
		jw_key(w, "choice");
		jw_string(w, q->choices[a->choice].keyword);
	}
	opt_string(w, "note", a->note);
	opt_string(w, "answered", a->answered);
	if (evidence_kept) {
		jw_key(w, "evidence_kept");
		jw_bool(w, true);
	} else {
		jw_key(w, "evidence");
		jw_begin_array(w);
		for (j = 0; j < a->nevidence; j++)
			write_evidence(w, &a->evidence[j]);
		jw_end_array(w);
	}
	jw_extras(w, a->extras);
	jw_end_object(w);
}

static void write_history_entry(struct json_writer *w, const struct history_entry *h)
{
	jw_begin_object(w);
	opt_string(w, "time", h->time);
	jw_key(w, "question");
	jw_string(w, h->question ? h->question : "");
	jw_key(w, "from");
	jw_string_or_null(w, h->from);
	jw_key(w, "to");
	jw_string_or_null(w, h->to);
	jw_extras(w, h->extras);
	jw_end_object(w);
}

void casefile_serialize(const struct casefile *cf, struct strbuf *sb)
{
	const struct checklist *cl = cf->checklist;
	struct json_writer w;
	size_t i;

	json_writer_init(&w, sb, false);
	jw_begin_object(&w);
	jw_key(&w, "format");
	jw_string(&w, CASEFILE_FORMAT);
	jw_key(&w, "format_version");
	jw_int(&w, CASEFILE_FORMAT_VERSION);
	jw_key(&w, "checklist");
	jw_begin_object(&w);
	jw_key(&w, "id");
	jw_string(&w, cl->id);
	jw_key(&w, "version");
	jw_string(&w, cf->checklist_changed || !cf->checklist_version ? cl->version
								      : cf->checklist_version);
	jw_key(&w, "digest");
	jw_string(&w, cf->checklist_changed || !cf->checklist_digest ? cl->digest
								     : cf->checklist_digest);
	jw_extras(&w, cf->checklist_extras);
	jw_end_object(&w);
	jw_key(&w, "title");
	jw_string(&w, cf->title ? cf->title : "");
	opt_string(&w, "description", cf->description);
	opt_string(&w, "created", cf->created);
	opt_string(&w, "modified", cf->modified);
	jw_key(&w, "answers");
	jw_begin_object(&w);
	for (i = 0; i < cl->nquestions; i++) {
		const struct answer *a = &cf->answers[i];
		const struct question *q = &cl->questions[i];

		if (answer_is_empty(a))
			continue;
		jw_key(&w, q->id);
		write_answer(&w, q, a, false);
	}
	jw_end_object(&w);
	jw_key(&w, "history");
	jw_begin_array(&w);
	for (i = 0; i < cf->nhistory; i++)
		write_history_entry(&w, &cf->history[i]);
	jw_end_array(&w);
	jw_extras(&w, cf->extras);
	jw_end_object(&w);
	strbuf_addc(sb, '\n');
}

int casefile_save(const struct casefile *cf, const char *path, struct error *err)
{
	struct strbuf sb;
	int rc;

	strbuf_init(&sb);
	casefile_serialize(cf, &sb);
	rc = storage_write_atomic(path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	return rc;
}

/* ---- Edits ---- */

bool casefile_set_choice(struct casefile *cf, size_t question, int choice)
{
	const struct question *q = &cf->checklist->questions[question];
	struct answer *a = &cf->answers[question];
	struct history_entry *h;

	if (a->choice == choice)
		return false;
	xgrow(&cf->history, &cf->ahistory, cf->nhistory + 1, sizeof(*cf->history));
	h = &cf->history[cf->nhistory++];
	memset(h, 0, sizeof(*h));
	stamp(&h->time);
	h->question = xstrdup(q->id);
	h->from = a->choice >= 0 ? xstrdup(q->choices[a->choice].keyword) : NULL;
	h->to = choice >= 0 ? xstrdup(q->choices[choice].keyword) : NULL;
	a->choice = choice;
	if (choice >= 0)
		stamp(&a->answered);
	stamp(&cf->modified);
	return true;
}

bool casefile_set_note(struct casefile *cf, size_t question, const char *note)
{
	struct answer *a = &cf->answers[question];

	if (util_streq(a->note, note))
		return false;
	free(a->note);
	a->note = note && *note ? xstrdup(note) : NULL;
	stamp(&cf->modified);
	return true;
}

bool casefile_set_title(struct casefile *cf, const char *title)
{
	if (util_streq(cf->title, title))
		return false;
	free(cf->title);
	cf->title = xstrdup(title);
	stamp(&cf->modified);
	return true;
}

void casefile_add_evidence(struct casefile *cf, size_t question, struct evidence *ev)
{
	struct answer *a = &cf->answers[question];

	xgrow(&a->evidence, &a->aevidence, a->nevidence + 1, sizeof(*a->evidence));
	a->evidence[a->nevidence++] = *ev;
	evidence_init(ev);
	a->evidence_stamp = ++cf->evidence_stamps;
	stamp(&cf->modified);
}

void casefile_replace_evidence(struct casefile *cf, size_t question, size_t n, struct evidence *ev)
{
	struct answer *a = &cf->answers[question];

	if (n >= a->nevidence)
		return;
	if (!ev->extras) {
		ev->extras = a->evidence[n].extras;
		a->evidence[n].extras = NULL;
	}
	evidence_release(&a->evidence[n]);
	a->evidence[n] = *ev;
	evidence_init(ev);
	a->evidence_stamp = ++cf->evidence_stamps;
	stamp(&cf->modified);
}

void casefile_remove_evidence(struct casefile *cf, size_t question, size_t n)
{
	struct answer *a = &cf->answers[question];

	if (n >= a->nevidence)
		return;
	evidence_release(&a->evidence[n]);
	memmove(&a->evidence[n], &a->evidence[n + 1],
		(a->nevidence - n - 1) * sizeof(*a->evidence));
	a->nevidence--;
	a->evidence_stamp = ++cf->evidence_stamps;
	stamp(&cf->modified);
}

int casefile_restore_answer(struct casefile *cf, size_t question, struct answer *saved,
			    bool keep_evidence)
{
	struct answer *a = &cf->answers[question];

	if (keep_evidence) {
		if (saved->evidence_stamp != a->evidence_stamp || saved->evidence)
			return LC_ERR_SOFTWARE;
		saved->evidence = a->evidence;
		saved->nevidence = a->nevidence;
		saved->aevidence = a->aevidence;
		a->evidence = NULL;
		a->nevidence = a->aevidence = 0;
	} else {
		saved->evidence_stamp = ++cf->evidence_stamps;
	}
	saved->extras = a->extras;
	a->extras = NULL;
	answer_release(a);
	*a = *saved;
	memset(saved, 0, sizeof(*saved));
	saved->choice = -1;
	stamp(&cf->modified);
	return LC_OK;
}

bool casefile_check_evidence(const struct evidence *ev, struct error *err)
{
	size_t before = err->count;
	const char *why;

	if (!ev->source || !*ev->source)
		error_add(err, LC_ERR_USAGE, "source: required (who published it?)");
	if (ev->date && (why = evidence_date_problem(ev->date)))
		error_add(err, LC_ERR_USAGE, "date: '%s': %s", ev->date, why);
	if (ev->event_date && (why = evidence_date_problem(ev->event_date)))
		error_add(err, LC_ERR_USAGE, "event-date: '%s': %s", ev->event_date, why);
	return err->count == before;
}

/* ---- Deltas (the journal's records) ---- */

void casefile_write_delta(const struct casefile *cf, const struct casefile_delta *d,
			  struct json_writer *w)
{
	const struct checklist *cl = cf->checklist;
	size_t i;
	bool any = false;

	opt_string(w, "modified", cf->modified);
	if (d->title) {
		jw_key(w, "title");
		jw_string(w, cf->title ? cf->title : "");
	}
	if (d->description) {
		jw_key(w, "description");
		jw_string_or_null(w, cf->description);
	}
	for (i = 0; d->answers && i < cl->nquestions; i++) {
		if (!d->answers[i])
			continue;
		if (!any) {
			jw_key(w, "answers");
			jw_begin_object(w);
			any = true;
		}
		jw_key(w, cl->questions[i].id);
		if (answer_is_empty(&cf->answers[i])) {
			jw_begin_object(w);
			jw_end_object(w);
		} else {
			write_answer(w, &cl->questions[i], &cf->answers[i],
				     d->evidence_kept && d->evidence_kept[i] &&
					     cf->answers[i].nevidence);
		}
	}
	if (any)
		jw_end_object(w);
	if (d->history_from < cf->nhistory) {
		jw_key(w, "history");
		jw_begin_array(w);
		for (i = d->history_from; i < cf->nhistory; i++)
			write_history_entry(w, &cf->history[i]);
		jw_end_array(w);
	}
}

int casefile_apply_delta(struct casefile *cf, const char *text, size_t len, const char *name,
			 struct error *err)
{
	const struct checklist *cl = cf->checklist;
	struct json_ctx ctx;
	struct error local;
	struct answer *answers = NULL;
	struct history_entry *history = NULL;
	size_t nhistory = 0, i;
	char *title = NULL, *description = NULL, *modified = NULL;
	bool *has = NULL, *kept = NULL, has_title = false, has_description = false;
	cJSON *root = NULL, *obj, *it;
	int rc = LC_OK;

	error_init(&local);
	memset(&ctx, 0, sizeof(ctx));
	ctx.name = name;
	ctx.text = text;
	ctx.len = len;
	ctx.err = &local;
	if (json_parse(text, len, name, &root, &local))
		goto out;
	if (!cJSON_IsObject(root)) {
		json_ctx_error(&ctx, "a change is a JSON object, found %s", json_type_name(root));
		goto out;
	}
	take_time(&ctx, root, "modified", &modified);
	has_title = json_take_string(&ctx, root, "title", false, &title);
	obj = cJSON_GetObjectItemCaseSensitive(root, "description");
	if (obj && !cJSON_IsNull(obj))
		has_description = json_take_string(&ctx, root, "description", true, &description);
	else
		has_description = obj != NULL;
	answers = xcalloc(cl->nquestions ? cl->nquestions : 1, sizeof(*answers));
	has = xcalloc(cl->nquestions ? cl->nquestions : 1, sizeof(*has));
	kept = xcalloc(cl->nquestions ? cl->nquestions : 1, sizeof(*kept));
	for (i = 0; i < cl->nquestions; i++)
		answers[i].choice = -1;
	if ((obj = json_get_typed(&ctx, root, "answers", cJSON_Object, false))) {
		PUSHK(&ctx, "answers");
		for (it = obj->child; it; it = it->next) {
			long qi = checklist_question_index(cl, it->string);

			PUSHK(&ctx, it->string);
			if (qi < 0) {
				json_ctx_error(&ctx, "no question \"%s\" in checklist \"%s\"",
					       it->string, cl->id);
			} else {
				cJSON *k = cJSON_GetObjectItemCaseSensitive(it, "evidence_kept");

				answer_release(&answers[qi]);
				if (cJSON_IsObject(it) && cJSON_IsTrue(k)) {
					kept[qi] = true;
					cJSON_DeleteItemFromObjectCaseSensitive(it,
										"evidence_kept");
					if (cJSON_GetObjectItemCaseSensitive(it, "evidence"))
						json_ctx_error(&ctx,
							       "evidence both kept and given");
				}
				load_answer(&ctx, &cl->questions[qi], it, &answers[qi]);
				has[qi] = true;
			}
			POP(&ctx);
		}
		POP(&ctx);
	}
	if ((obj = json_get_typed(&ctx, root, "history", cJSON_Array, false))) {
		PUSHK(&ctx, "history");
		history = load_history_entries(&ctx, obj, &nhistory);
		POP(&ctx);
	}
	if (local.count)
		goto out;
	/* Everything is valid: apply it all. */
	for (i = 0; i < cl->nquestions; i++)
		if (has[i]) {
			if (kept[i]) {
				struct answer *a = &cf->answers[i], *n = &answers[i];

				free(n->evidence);
				n->evidence = a->evidence;
				n->nevidence = a->nevidence;
				n->aevidence = a->aevidence;
				n->evidence_stamp = a->evidence_stamp;
				a->evidence = NULL;
				a->nevidence = a->aevidence = 0;
			} else {
				answers[i].evidence_stamp = ++cf->evidence_stamps;
			}
			answer_release(&cf->answers[i]);
			cf->answers[i] = answers[i];
			memset(&answers[i], 0, sizeof(answers[i]));
			answers[i].choice = -1;
		}
	if (nhistory) {
		xgrow(&cf->history, &cf->ahistory, cf->nhistory + nhistory, sizeof(*cf->history));
		memcpy(cf->history + cf->nhistory, history, nhistory * sizeof(*history));
		cf->nhistory += nhistory;
		nhistory = 0;
	}
	if (has_title) {
		free(cf->title);
		cf->title = title;
		title = NULL;
	}
	if (has_description) {
		free(cf->description);
		cf->description = description;
		description = NULL;
	}
	if (modified) {
		free(cf->modified);
		cf->modified = modified;
		modified = NULL;
	}
out:
	for (i = 0; answers && i < cl->nquestions; i++)
		answer_release(&answers[i]);
	free(answers);
	free(has);
	free(kept);
	for (i = 0; i < nhistory; i++)
		history_release(&history[i]);
	free(history);
	free(title);
	free(description);
	free(modified);
	cJSON_Delete(root);
	if (local.count) {
		rc = local.status;
		error_merge(err, &local);
	}
	error_release(&local);
	return rc;
}
