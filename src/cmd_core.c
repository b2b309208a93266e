/* Commands that work on files: new, validate, score, whatif, checklists, test, upgrade, help. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "handlers.h"
#include "legitcheck/journal.h"
#include "legitcheck/json.h"
#include "legitcheck/lock.h"
#include "legitcheck/render.h"
#include "legitcheck/score.h"
#include "legitcheck/ui.h"
#include "legitcheck/storage.h"
#include "legitcheck/version.h"

int load_case_for_command(struct session *s, const char *path, struct casefile **out)
{
	struct error err;
	int rc;

	error_init(&err);
	rc = casefile_load_file(path, catalog_resolve, &s->catalog, 0, out, &err);
	if (rc)
		session_fail_error(s, &err);
	error_release(&err);
	return rc;
}

int cmd_new(struct session *s, struct args *a)
{
	const char *path = a->argv[0];
	const char *title = args_opt(a, "--title");
	const char *name = args_opt(a, "--checklist");
	const struct checklist *cl;
	struct casefile *cf;
	struct error err;
	int rc;

	if (storage_exists(path))
		return session_fail(s, LC_ERR_CANTCREAT,
				    "'%s' already exists (open it with 'legitcheck %s')", path,
				    path);
	error_init(&err);
	rc = catalog_get(&s->catalog, name ? name : s->default_checklist, &cl, &err);
	if (!rc) {
		cf = casefile_new(cl, title);
		rc = casefile_save(cf, path, &err);
		casefile_free(cf);
		if (!rc)
			session_say(s, "created '%s' (checklist %s %s, %zu questions)\n", path,
				    cl->id, cl->version, cl->nquestions);
	}
	if (rc)
		session_fail_error(s, &err);
	error_release(&err);
	return rc;
}

static size_t count_answered(const struct casefile *cf)
{
	size_t n = 0, i;

	for (i = 0; i < cf->checklist->nquestions; i++)
		n += cf->answers[i].choice >= 0;
	return n;
}

/* Reads the "format" member to tell a checklist from a case file. */
static int validate_one(struct session *s, const char *path)
{
	struct error err;
	char *text = NULL;
	size_t len;
	cJSON *root = NULL;
	const cJSON *format;
	int rc;

	error_init(&err);
	rc = storage_read_file(path, &text, &len, &err);
	if (rc)
		goto out;
	rc = json_parse(text, len, path, &root, &err);
	if (rc)
		goto out;
	format = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "format") : NULL;
	if (format && cJSON_IsString(format) && strcmp(format->valuestring, CASEFILE_FORMAT) == 0) {
		struct casefile *cf;

		rc = casefile_load_buffer(text, len, path, catalog_resolve, &s->catalog, 0, &cf,
					  &err);
		if (!rc)
			session_say(s, "%s: valid case file (checklist %s %s, %zu answers)\n", path,
				    cf->checklist->id, cf->checklist->version, count_answered(cf));
		casefile_free(cf);
	} else {
		struct checklist *cl;

		rc = checklist_load_buffer(text, len, path, &cl, &err);
		if (!rc)
			session_say(s,
				    "%s: valid checklist %s %s (%zu questions, %zu frameworks, "
				    "%zu tests)\n",
				    path, cl->id, cl->version, cl->nquestions, cl->nframeworks,
				    cl->ntests);
		checklist_free(cl);
	}
out:
	if (rc)
		session_fail_error(s, &err);
	cJSON_Delete(root);
	free(text);
	error_release(&err);
	return rc;
}

int cmd_validate(struct session *s, struct args *a)
{
	int i, rc = LC_OK;

	for (i = 0; i < a->argc; i++) {
		int r = validate_one(s, a->argv[i]);

		if (r && !rc)
			rc = r;
	}
	return rc;
}

/* JSON is data, written as it is (its strings are escaped); text is for a
 * person and goes through session_write. */
static void emit(struct session *s, struct strbuf *sb, bool json)
{
	if (json)
		fwrite(sb->buf, 1, sb->len, s->out);
	else
		ui_say_lines(s, sb);
}

static void score_one(struct session *s, const struct casefile *cf, const char *file, bool strict,
		      bool json, bool compact)
{
	struct score_options opts;
	struct score_result r;
	struct strbuf sb;

	score_options_init(&opts);
	opts.strict = strict;
	opts.pivotal = true;
	score_compute(cf, &opts, &r);
	strbuf_init(&sb);
	if (json)
		render_score_json(cf, file, &r, strict, compact, &sb);
	else
		render_score_text(cf, file, &r, strict, &sb);
	emit(s, &sb, json);
	strbuf_release(&sb);
	score_result_release(&r);
}

int cmd_score(struct session *s, struct args *a)
{
	const char *format = args_opt(a, "--format");
	bool json = format && strcmp(format, "json") == 0;
	bool strict = args_opt(a, "--strict") != NULL;
	int i, rc = LC_OK;

	if (a->argc == 0) {
		if (!s->cf)
			return session_fail(s, LC_ERR_USAGE, "score: no case given\nusage: %s",
					    a->cmd->usage);
		score_one(s, s->cf, s->path, strict, json, false);
		return LC_OK;
	}
	for (i = 0; i < a->argc; i++) {
		struct casefile *cf;
		int r = load_case_for_command(s, a->argv[i], &cf);

		if (r) {
			rc = rc ? rc : r;
			continue;
		}
		if (i && !json)
			session_say(s, "\n");
		score_one(s, cf, a->argv[i], strict, json, a->argc > 1);
		casefile_free(cf);
	}
	return rc;
}

int cmd_whatif(struct session *s, struct args *a)
{
	struct casefile *own = NULL, *cf = s->cf;
	const char *file = s->path;
	struct score_options opts;
	struct score_result now, then;
	const struct question *q;
	long qi, ci;
	size_t i;
	int rc, arg = 0, width = 7;

	if (a->argc == 3) {
		rc = load_case_for_command(s, a->argv[0], &own);
		if (rc)
			return rc;
		cf = own;
		file = a->argv[0];
		arg = 1;
	} else if (!cf) {
		return session_fail(s, LC_ERR_USAGE, "whatif: no case given\nusage: %s",
				    a->cmd->usage);
	}
	{
		struct session probe = *s;

		probe.cf = cf;
		qi = session_find_question(&probe, a->argv[arg]);
		s->failures = probe.failures;
		s->first_failure = probe.first_failure;
	}
	if (qi < 0) {
		casefile_free(own);
		return LC_ERR_USAGE;
	}
	q = &cf->checklist->questions[qi];
	ci = question_choice_index(q, a->argv[arg + 1]);
	if (ci < 0) {
		const char *hint = question_suggest_choice(q, a->argv[arg + 1]);

		casefile_free(own);
		return session_fail(s, LC_ERR_USAGE, "whatif: %s has no choice '%s'%s%s%s", q->id,
				    a->argv[arg + 1], hint ? " (did you mean '" : "",
				    hint ? hint : "", hint ? "'?)" : "");
	}
	score_options_init(&opts);
	opts.strict = args_opt(a, "--strict") != NULL;
	score_compute(cf, &opts, &now);
	opts.override_question = qi;
	opts.override_choice = (int)ci;
	score_compute(cf, &opts, &then);
	session_say(s, "what if %s = %s (now: %s)%s%s\n\n", q->id, q->choices[ci].keyword,
		    render_answer_word(&now, (size_t)qi), file ? " in " : "", file ? file : "");
	for (i = 0; i < cf->checklist->nframeworks; i++)
		if ((int)strlen(cf->checklist->frameworks[i].id) > width)
			width = (int)strlen(cf->checklist->frameworks[i].id);
	session_say(s, "  %-*s %-26s %s%s\n", width, "overall", then.overall_verdict,
		    util_streq(then.overall_verdict, now.overall_verdict) ? "unchanged" : "was ",
		    util_streq(then.overall_verdict, now.overall_verdict) ? ""
									  : now.overall_verdict);
	for (i = 0; i < cf->checklist->nframeworks; i++) {
		const struct framework_result *a1 = &now.frameworks[i], *b1 = &then.frameworks[i];

		char was[16], will[16];

		session_say(s, "  %-*s %-26s ", width, b1->framework->id,
			    verdict_names[b1->verdict]);
		snprintf(was, sizeof(was), a1->score < 0 ? "n/a" : "%d", a1->score);
		snprintf(will, sizeof(will), b1->score < 0 ? "n/a" : "%d", b1->score);
		if (a1->verdict == b1->verdict && a1->score == b1->score)
			session_say(s, "unchanged\n");
		else
			session_say(s, "was %s (score %s -> %s)\n", verdict_names[a1->verdict], was,
				    will);
	}
	for (i = 0; i < cf->checklist->nfindings; i++)
		if (now.findings[i] != then.findings[i])
			session_say(s, "  finding %s %s\n", cf->checklist->findings[i].id,
				    then.findings[i] ? "appears" : "disappears");
	session_say(s, "\nThe case is unchanged.\n");
	score_result_release(&now);
	score_result_release(&then);
	casefile_free(own);
	return LC_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_checklists(struct session *s, struct args *a)
{
	struct strbuf seen;
	size_t d, found = 0;
	/* --ids: one id per line, each once, for scripts and shell completion. */
	bool ids_only = args_opt(a, "--ids") != NULL;

	strbuf_init(&seen);
	strbuf_addc(&seen, '\n');
	for (d = 0; d < s->catalog.ndirs; d++) {
		DIR *dir = opendir(s->catalog.dirs[d]);
		struct dirent *de;
		char **names = NULL;
		size_t n = 0, alloc = 0, i;

		if (!dir)
			continue;
		while ((de = readdir(dir))) {
			size_t len = strlen(de->d_name);

			if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0) {
				xgrow(&names, &alloc, n + 1, sizeof(*names));
				names[n++] = xstrdup(de->d_name);
			}
		}
		closedir(dir);
		if (n)
			qsort(names, n, sizeof(*names), cmp_str);
		for (i = 0; i < n; i++) {
			char *path = xasprintf("%s/%s", s->catalog.dirs[d], names[i]);
			struct checklist *cl;
			struct error err;

			error_init(&err);
			if (checklist_load_file(path, &cl, &err)) {
				if (!ids_only)
					session_say(s, "%-20s %-8s %s\n%20s %-8s (invalid: %s)\n",
						    "?", "?", path, "", "", error_message(&err, 0));
			} else {
				char *key = xasprintf("\n%s\n", cl->id);
				bool shadowed = strstr(seen.buf, key) != NULL;

				if (ids_only && !shadowed)
					session_say(s, "%s\n", cl->id);
				else if (!ids_only)
					session_say(s, "%-20s %-8s %s\n%20s %-8s %s%s\n", cl->id,
						    cl->version, cl->title, "", "", path,
						    shadowed ? " (shadowed by an earlier one)"
							     : "");
				strbuf_addf(&seen, "%s\n", cl->id);
				free(key);
				checklist_free(cl);
				found++;
			}
			error_release(&err);
			free(path);
			free(names[i]);
		}
		free(names);
	}
	strbuf_release(&seen);
	if (!found && !ids_only)
		session_say(s, "no checklists found (set LEGITCHECK_PATH to a folder of "
			       "checklists)\n");
	return LC_OK;
}

static bool run_test(struct session *s, const struct checklist *cl, const struct checklist_test *t,
		     int n)
{
	struct score_result r;
	struct strbuf diff;
	size_t i;
	bool ok;

	strbuf_init(&diff);
	score_compute_choices(cl, t->answers, &r);
	if (t->expect_overall && !util_streq(t->expect_overall, r.overall_verdict))
		strbuf_addf(&diff, "#   overall: expected %s, got %s\n", t->expect_overall,
			    r.overall_verdict);
	for (i = 0; i < cl->nframeworks; i++)
		if (t->expect_verdicts[i] >= 0 &&
		    t->expect_verdicts[i] != (int)r.frameworks[i].verdict)
			strbuf_addf(&diff, "#   framework %s: expected %s, got %s\n",
				    cl->frameworks[i].id, verdict_names[t->expect_verdicts[i]],
				    verdict_names[r.frameworks[i].verdict]);
	if (t->expect_findings_given)
		for (i = 0; i < cl->nfindings; i++)
			if (t->expect_findings[i] != r.findings[i])
				strbuf_addf(&diff, "#   finding %s: %s\n", cl->findings[i].id,
					    t->expect_findings[i] ? "expected, but did not fire"
								  : "fired, but not expected");
	ok = diff.len == 0;
	session_say(s, "%sok %d - %s: %s\n%s", ok ? "" : "not ", n, cl->id, t->name, diff.buf);
	strbuf_release(&diff);
	score_result_release(&r);
	return ok;
}

int cmd_test(struct session *s, struct args *a)
{
	int i, n = 0, failed = 0, rc = LC_OK;
	size_t t;

	for (i = 0; i < a->argc; i++) {
		const struct checklist *cl;
		struct error err;

		error_init(&err);
		if (catalog_get(&s->catalog, a->argv[i], &cl, &err)) {
			session_fail_error(s, &err);
			session_say(s, "not ok %d - %s: could not be loaded\n", ++n, a->argv[i]);
			failed++;
			error_release(&err);
			continue;
		}
		error_release(&err);
		if (!cl->ntests)
			session_say(s, "ok %d - %s: # SKIP the checklist carries no tests\n", ++n,
				    cl->id);
		for (t = 0; t < cl->ntests; t++)
			failed += !run_test(s, cl, &cl->tests[t], ++n);
	}
	session_say(s, "1..%d\n", n);
	if (failed) {
		session_say(s, "# %d of %d failed\n", failed, n);
		fflush(s->out);
		rc = 1;
	}
	return rc;
}

int cmd_upgrade(struct session *s, struct args *a)
{
	struct case_lock *lk = NULL;
	struct lock_holder holder;
	struct casefile *cf;
	struct error err;
	int rc;

	error_init(&err);
	/* Rewriting the case must not race a session editing it, nor drop changes
	 * still in its journal: take the lock, and let the session recover first. */
	rc = lock_acquire(a->argv[0], &lk, &holder, &err);
	if (!rc) {
		struct journal *j = journal_new(a->argv[0]);

		if (storage_exists(journal_path(j)))
			rc = error_add(
				&err, LC_ERR_TEMPFAIL,
				"'%s' has changes in its journal from an interrupted "
				"session: open it with 'legitcheck %s' to recover them, then "
				"upgrade",
				a->argv[0], a->argv[0]);
		journal_free(j);
	}
	if (!rc)
		rc = casefile_load_file(a->argv[0], catalog_resolve, &s->catalog,
					CASEFILE_ACCEPT_CHECKLIST_CHANGE, &cf, &err);
	if (!rc) {
		if (!cf->checklist_changed) {
			session_say(s, "%s: already answered against %s %s; nothing to do\n",
				    a->argv[0], cf->checklist->id, cf->checklist->version);
		} else {
			rc = casefile_save(cf, a->argv[0], &err);
			if (!rc)
				session_say(s, "%s: now answered against %s %s (was %s)\n",
					    a->argv[0], cf->checklist->id, cf->checklist->version,
					    cf->checklist_version ? cf->checklist_version : "?");
		}
		casefile_free(cf);
	}
	lock_release(lk);
	if (rc)
		session_fail_error(s, &err);
	error_release(&err);
	return rc;
}

int cmd_help(struct session *s, struct args *a)
{
	unsigned context = s->cf ? CMD_SESSION : CMD_CLI;

	if (a->argc) {
		command_help(s, a->argv[0], context);
		return LC_OK;
	}
	if (context == CMD_CLI) {
		session_say(s,
			    "legitcheck: was this use of armed force on another state's territory "
			    "lawful?\n\n"
			    "usage: legitcheck [CASE]          open CASE (or a new case) and "
			    "answer its checklist\n"
			    "       legitcheck COMMAND [ARGS]  run one command\n\n"
			    "commands:\n");
		command_help(s, NULL, CMD_CLI);
		session_say(s, "\nAt the prompt, type 'help' for the session's commands, or "
			       "'help COMMAND'.\n");
	} else {
		session_say(s, "Type a choice keyword to answer the question at hand, or a "
			       "command:\n");
		command_help(s, NULL, CMD_SESSION);
	}
	return LC_OK;
}

int cmd_version(struct session *s, struct args *a)
{
	(void)a;
	session_say(s, "legitcheck %s\n", LEGITCHECK_VERSION);
	return LC_OK;
}
