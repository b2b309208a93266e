/*
 * The comparison model: several cases lined up by question, framework and
 * finding id, with the rows that differ marked; see report.h. Ids, not
 * positions, line the cases up, so cases on different checklists are compared
 * on the ids every checklist has.
 */
#include <stdlib.h>
#include <string.h>

#include "legitcheck/report.h"

static char *base_name(const char *path)
{
	const char *slash;

	if (!path)
		return NULL;
	slash = strrchr(path, '/');
	return xstrdup(slash && slash[1] ? slash + 1 : path);
}

static long best_item(const struct answer *a)
{
	long best = -1;
	size_t i;

	for (i = 0; i < a->nevidence; i++)
		if (best < 0 || evidence_rank(&a->evidence[i]) < evidence_rank(&a->evidence[best]))
			best = (long)i;
	return best;
}

void compare_add_best_grade(const struct compare_case *c, size_t q, struct strbuf *sb)
{
	const struct answer *a = &c->cf->answers[q];

	if (c->best[q] < 0)
		strbuf_adds(sb, "none");
	else
		report_add_grade(sb, &a->evidence[c->best[q]]);
}

typedef long (*index_fn)(const struct checklist *cl, const char *id);

/* A row for id if every case's checklist has it; false otherwise. */
static bool make_row(struct comparison *cmp, const char *id, const char *title, const char *group,
		     index_fn find, struct compare_row *row)
{
	size_t k;

	memset(row, 0, sizeof(*row));
	row->index = xcalloc(cmp->ncases, sizeof(*row->index));
	for (k = 0; k < cmp->ncases; k++) {
		row->index[k] = find(cmp->cases[k].cf->checklist, id);
		if (row->index[k] < 0) {
			free(row->index);
			row->index = NULL;
			return false;
		}
	}
	row->id = id;
	row->title = title;
	row->group = group;
	return true;
}

static void question_rows(struct comparison *cmp)
{
	const struct checklist *cl = cmp->cases[0].cf->checklist;
	size_t i, k;

	cmp->questions = xcalloc(cl->nquestions + 1, sizeof(*cmp->questions));
	for (i = 0; i < cl->nquestions; i++) {
		const struct question *q = &cl->questions[i];
		struct compare_row *row = &cmp->questions[cmp->nquestions];
		struct strbuf first, other;

		if (!make_row(cmp, q->id, q->title, cl->sections[q->section].id,
			      checklist_question_index, row))
			continue;
		cmp->nquestions++;
		strbuf_init(&first);
		strbuf_init(&other);
		compare_add_best_grade(&cmp->cases[0], (size_t)row->index[0], &first);
		for (k = 1; k < cmp->ncases; k++) {
			const struct compare_case *a = &cmp->cases[0], *b = &cmp->cases[k];

			if (strcmp(report_answer_word(&a->score, (size_t)row->index[0]),
				   report_answer_word(&b->score, (size_t)row->index[k])) != 0)
				row->differs = true;
			strbuf_reset(&other);
			compare_add_best_grade(b, (size_t)row->index[k], &other);
			if (strcmp(first.buf, other.buf) != 0)
				row->grade_differs = true;
		}
		if (row->differs) {
			row->grade_differs = false;
			cmp->questions_differing++;
		}
		strbuf_release(&first);
		strbuf_release(&other);
	}
}

static void framework_rows(struct comparison *cmp)
{
	const struct checklist *cl = cmp->cases[0].cf->checklist;
	size_t i, k;

	cmp->frameworks = xcalloc(cl->nframeworks + 1, sizeof(*cmp->frameworks));
	for (i = 0; i < cl->nframeworks; i++) {
		const struct framework *f = &cl->frameworks[i];
		struct compare_row *row = &cmp->frameworks[cmp->nframeworks];

		if (!make_row(cmp, f->id, f->title, NULL, checklist_framework_index, row))
			continue;
		cmp->nframeworks++;
		for (k = 1; k < cmp->ncases; k++) {
			const struct framework_result *a =
				&cmp->cases[0].score.frameworks[row->index[0]];
			const struct framework_result *b =
				&cmp->cases[k].score.frameworks[row->index[k]];

			if (a->verdict != b->verdict || a->score != b->score)
				row->differs = true;
		}
	}
}

/* Findings that fired in at least one case, in the first checklist's order. */
static void finding_rows(struct comparison *cmp)
{
	const struct checklist *cl = cmp->cases[0].cf->checklist;
	size_t i, k;

	cmp->findings = xcalloc(cl->nfindings + 1, sizeof(*cmp->findings));
	for (i = 0; i < cl->nfindings; i++) {
		const struct finding_rule *f = &cl->findings[i];
		struct compare_row *row = &cmp->findings[cmp->nfindings];
		bool any = false, all = true;

		if (!make_row(cmp, f->id, f->text, NULL, checklist_finding_index, row))
			continue;
		for (k = 0; k < cmp->ncases; k++) {
			bool fired = cmp->cases[k].score.findings[row->index[k]];

			any = any || fired;
			all = all && fired;
		}
		if (!any) {
			free(row->index);
			row->index = NULL;
			continue;
		}
		row->differs = !all;
		cmp->nfindings++;
	}
}

void compare_build(struct comparison *cmp, const struct casefile *const *cases,
		   const char *const *files, size_t n)
{
	struct score_options opts;
	size_t k, q;

	memset(cmp, 0, sizeof(*cmp));
	util_now_iso(cmp->generated);
	cmp->ncases = n;
	cmp->cases = xcalloc(n + 1, sizeof(*cmp->cases));
	cmp->same_checklist = true;
	score_options_init(&opts);
	for (k = 0; k < n; k++) {
		struct compare_case *c = &cmp->cases[k];
		const struct checklist *cl = cases[k]->checklist;

		c->cf = cases[k];
		c->file = base_name(files ? files[k] : NULL);
		score_compute(c->cf, &opts, &c->score);
		c->best = xcalloc(cl->nquestions + 1, sizeof(*c->best));
		for (q = 0; q < cl->nquestions; q++)
			c->best[q] = best_item(&c->cf->answers[q]);
		if (strcmp(cl->id, cases[0]->checklist->id) != 0 ||
		    strcmp(cl->version, cases[0]->checklist->version) != 0)
			cmp->same_checklist = false;
		if (k && strcmp(c->score.overall_verdict, cmp->cases[0].score.overall_verdict) != 0)
			cmp->overall_differs = true;
	}
	question_rows(cmp);
	framework_rows(cmp);
	finding_rows(cmp);
}

static void release_rows(struct compare_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].index);
	free(rows);
}

void compare_release(struct comparison *cmp)
{
	size_t k;

	for (k = 0; k < cmp->ncases; k++) {
		score_result_release(&cmp->cases[k].score);
		free(cmp->cases[k].best);
		free(cmp->cases[k].file);
	}
	free(cmp->cases);
	release_rows(cmp->questions, cmp->nquestions);
	release_rows(cmp->frameworks, cmp->nframeworks);
	release_rows(cmp->findings, cmp->nfindings);
	memset(cmp, 0, sizeof(*cmp));
}

const char *compare_section_title(const struct comparison *cmp, size_t i)
{
	const struct checklist *cl = cmp->cases[0].cf->checklist;

	return cl->sections[cl->questions[cmp->questions[i].index[0]].section].title;
}

void compare_scope_sentence(const struct comparison *cmp, struct strbuf *sb)
{
	const struct checklist *cl = cmp->cases[0].cf->checklist;
	size_t k;

	if (cmp->same_checklist) {
		if (cmp->ncases == 2)
			strbuf_adds(sb, "Both cases are");
		else
			strbuf_addf(sb, "All %zu cases are", cmp->ncases);
		strbuf_addf(sb,
			    " answered against checklist %s %s; %zu of its %zu questions are "
			    "answered differently.",
			    cl->id, cl->version, cmp->questions_differing, cmp->nquestions);
		return;
	}
	strbuf_adds(sb, "The cases are answered against different checklists (");
	for (k = 0; k < cmp->ncases; k++)
		strbuf_addf(sb, "%s%s %s", k ? ", " : "", cmp->cases[k].cf->checklist->id,
			    cmp->cases[k].cf->checklist->version);
	strbuf_addf(sb,
		    "), so only what they share is compared: %zu questions and %zu frameworks "
		    "with the same ids; %zu of those questions are answered differently.",
		    cmp->nquestions, cmp->nframeworks, cmp->questions_differing);
}

void compare_render(const struct comparison *cmp, enum report_format fmt, size_t width,
		    struct strbuf *sb)
{
	switch (fmt) {
	case REPORT_MD:
		compare_render_md(cmp, sb);
		break;
	case REPORT_HTML:
		compare_render_html(cmp, sb);
		break;
	case REPORT_JSON:
		compare_render_json(cmp, sb);
		break;
	default:
		compare_render_text(cmp, width, sb);
	}
}
