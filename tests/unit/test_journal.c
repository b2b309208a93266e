/* Unit tests of journal.c and of the case deltas it records (casefile.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "legitcheck/journal.h"
#include "legitcheck/storage.h"
#include "tap.h"

static char dir[] = "/tmp/legitcheck-journal-XXXXXX";
static struct checklist *cl;

static int resolve(const char *id, const char *version, void *ctx, const struct checklist **out,
		   struct error *err)
{
	(void)id;
	(void)version;
	(void)ctx;
	(void)err;
	*out = cl;
	return LC_OK;
}

static char *serialize(const struct casefile *cf)
{
	struct strbuf sb;

	strbuf_init(&sb);
	casefile_serialize(cf, &sb);
	return strbuf_detach(&sb, NULL);
}

/* Writes cf to path and returns the digest of the bytes written. */
static void save(const struct casefile *cf, const char *path, char digest[72])
{
	char *text = serialize(cf);
	struct error err;

	error_init(&err);
	if (storage_write_atomic(path, text, strlen(text), &err))
		bail("cannot write %s", path);
	journal_digest(text, strlen(text), digest);
	error_release(&err);
	free(text);
}

static struct casefile *load(const char *path, char digest[72])
{
	struct casefile *cf = NULL;
	struct error err;
	char *text;
	size_t len;

	error_init(&err);
	if (storage_read_file(path, &text, &len, &err) ||
	    casefile_load_buffer(text, len, path, resolve, NULL, 0, &cf, &err))
		bail("cannot load %s: %s", path, error_message(&err, 0));
	journal_digest(text, len, digest);
	free(text);
	error_release(&err);
	return cf;
}

static void add_evidence(struct casefile *cf, size_t q, const char *source, const char *grade)
{
	struct evidence ev;

	evidence_init(&ev);
	ev.source = xstrdup(source);
	ev.quote = xstrdup("«Тоқаев» — \"quoted\"\n");
	evidence_parse_grade(grade, &ev.reliability, &ev.credibility);
	casefile_add_evidence(cf, q, &ev);
}

static void record(struct journal *j, const struct casefile *cf, const char *what)
{
	struct error err;
	bool recorded;

	error_init(&err);
	is_int(LC_OK, journal_record(j, cf, &recorded, &err), "%s is recorded", what);
	ok(recorded, "%s: something was written", what);
	error_release(&err);
}

static void replay_should_give_what_the_session_had(void)
{
	char *path = xasprintf("%s/case.json", dir), *live_text, *again_text;
	struct casefile *cf = casefile_new(cl, "Start"), *again;
	struct journal_recovery r;
	struct journal *j, *j2;
	char digest[72], digest2[72];
	struct error err;
	bool recorded;

	error_init(&err);
	save(cf, path, digest);
	j = journal_new(path);
	journal_track(j, cf, digest);
	is_int(LC_OK, journal_record(j, cf, &recorded, &err),
	       "recording without a change succeeds");
	ok(!recorded && !storage_exists(journal_path(j)), "and writes nothing, not even a file");

	casefile_set_choice(cf, 0, 0);
	record(j, cf, "an answer");
	ok(storage_exists(journal_path(j)), "the journal file exists beside the case");
	casefile_set_note(cf, 0, "a note");
	record(j, cf, "a note");
	add_evidence(cf, 2, "Le Monde", "B2");
	add_evidence(cf, 2, "TASS", "C3");
	record(j, cf, "two evidence items");
	casefile_set_choice(cf, 2, 1);
	record(j, cf, "an answer whose evidence stays");
	casefile_remove_evidence(cf, 2, 0);
	record(j, cf, "a removed item");
	casefile_set_title(cf, "Kazakhstan — «revised»");
	record(j, cf, "the title");
	casefile_set_choice(cf, 0, -1);
	casefile_set_note(cf, 0, "");
	record(j, cf, "an answer withdrawn");
	is_int(7, (long long)journal_records(j), "seven records");

	/* The process dies here: the case file is still the one saved first. */
	journal_free(j);
	again = load(path, digest2);
	is_string(digest, digest2, "the case file itself was not rewritten");
	j2 = journal_new(path);
	is_int(LC_OK, journal_recover(j2, again, digest2, false, &r, &err), "recovery succeeds");
	is_int(7, (long long)r.applied, "every record is replayed");
	ok(!r.torn && !r.set_aside && !r.already_saved, "nothing was torn, damaged or stale");
	live_text = serialize(cf);
	again_text = serialize(again);
	is_string(live_text, again_text, "the replayed case is byte-identical to the live one");
	is_int(7, (long long)journal_records(j2), "the journal goes on after its records");
	casefile_set_title(again, "After recovery");
	record(j2, again, "a change after recovery");
	is_int(LC_OK, journal_remove(j2, &err), "the journal is removed once saved");
	ok(!storage_exists(journal_path(j2)), "it is gone");
	free(live_text);
	free(again_text);
	journal_free(j2);
	casefile_free(again);
	casefile_free(cf);
	error_release(&err);
	free(path);
}

static void a_torn_record_should_be_ignored(void)
{
	char *path = xasprintf("%s/torn.json", dir), *cmd;
	struct casefile *cf = casefile_new(cl, "Torn"), *again;
	struct journal_recovery r;
	struct journal *j;
	char digest[72];
	struct error err;
	FILE *f;

	error_init(&err);
	save(cf, path, digest);
	j = journal_new(path);
	journal_track(j, cf, digest);
	casefile_set_choice(cf, 1, 1);
	record(j, cf, "an answer");
	f = fopen(journal_path(j), "a");
	fputs("{\"seq\":2,\"kind\":\"change\",\"title\":\"half", f);
	fclose(f);
	journal_free(j);

	again = load(path, digest);
	j = journal_new(path);
	is_int(LC_OK, journal_recover(j, again, digest, true, &r, &err),
	       "a look-only recovery succeeds");
	is_int(1, (long long)r.applied, "it replays the whole record into memory");
	cmd = xasprintf("grep -q half '%s'", journal_path(j));
	is_int(0, system(cmd), "and leaves the file as it was");
	journal_free(j);
	casefile_free(again);

	again = load(path, digest);
	j = journal_new(path);
	is_int(LC_OK, journal_recover(j, again, digest, false, &r, &err), "recovery succeeds");
	is_int(1, (long long)r.applied, "the whole record is replayed");
	ok(r.torn, "the torn one is reported");
	is_int(1, again->answers[1].choice, "the answer is back");
	is_string("Torn", again->title, "the torn title is not");
	ok(system(cmd) != 0, "the torn end is cut off the journal");
	free(cmd);
	journal_free(j);
	casefile_free(again);
	casefile_free(cf);
	error_release(&err);
	free(path);
}

static void an_invalid_delta_should_change_nothing(void)
{
	struct casefile *cf = casefile_new(cl, "Whole");
	const char *bad = "{\"title\": \"Changed\", \"answers\": {\"s.a\": {\"choice\": \"yes\"}, "
			  "\"s.zz\": {\"choice\": \"no\"}}}";
	char *before, *after;
	struct error err;

	error_init(&err);
	before = serialize(cf);
	is_int(LC_ERR_DATA, casefile_apply_delta(cf, bad, strlen(bad), "j", &err),
	       "a change naming a question that does not exist is refused");
	contains(error_message(&err, 0), "no question \"s.zz\"", "saying which");
	after = serialize(cf);
	is_string(before, after, "and nothing of it is applied, not even the valid parts");
	free(before);
	free(after);
	casefile_free(cf);
	error_release(&err);
}

static void a_journal_of_another_file_should_be_kept_aside(void)
{
	char *path = xasprintf("%s/other.json", dir);
	struct casefile *cf = casefile_new(cl, "Other"), *again;
	struct journal_recovery r;
	struct journal *j;
	char digest[72];
	struct error err;

	error_init(&err);
	save(cf, path, digest);
	j = journal_new(path);
	journal_track(j, cf, digest);
	casefile_set_choice(cf, 0, 1);
	record(j, cf, "an answer");
	journal_free(j);
	/* The case is replaced by another version meanwhile. */
	casefile_set_title(cf, "Replaced");
	save(cf, path, digest);
	again = load(path, digest);
	j = journal_new(path);
	is_int(LC_OK, journal_recover(j, again, digest, false, &r, &err), "recovery succeeds");
	is_int(0, (long long)r.applied, "a journal of another version is not replayed");
	ok(r.set_aside && storage_exists(r.set_aside), "it is kept aside");
	ok(!storage_exists(journal_path(j)), "under another name");
	free(r.set_aside);
	journal_free(j);
	casefile_free(again);
	casefile_free(cf);
	error_release(&err);
	free(path);
}

/* The journal learns what changed from the evidence's stamp: an undo that
 * puts back an earlier list must be recorded, and one that leaves the list
 * alone must not copy it. */
static void undone_changes_should_be_recorded(void)
{
	char *path = xasprintf("%s/undo.json", dir), *live_text, *again_text, *text;
	struct casefile *cf = casefile_new(cl, "Undo"), *again;
	struct journal_recovery r;
	struct answer saved, fields;
	struct journal *j;
	char digest[72];
	struct error err;
	size_t len;

	error_init(&err);
	add_evidence(cf, 2, "Le Monde", "B2");
	save(cf, path, digest);
	j = journal_new(path);
	journal_track(j, cf, digest);

	answer_copy(&saved, &cf->answers[2]);
	add_evidence(cf, 2, "TASS", "C3");
	record(j, cf, "an added item");
	is_int(LC_OK, casefile_restore_answer(cf, 2, &saved, false), "the addition is undone");
	is_int(1, (long long)cf->answers[2].nevidence, "one item again");
	record(j, cf, "the undone addition");

	answer_copy_fields(&fields, &cf->answers[2]);
	ok(fields.evidence == NULL && fields.nevidence == 0,
	   "a copy of the fields has no evidence");
	casefile_set_choice(cf, 2, 1);
	record(j, cf, "an answer");
	if (storage_read_file(journal_path(j), &text, &len, &err))
		bail("cannot read the journal");
	text[len - 1] = '\0'; /* the last record is the answer's */
	contains(strrchr(text, '\n'), "\"evidence_kept\":true",
		 "an answer alone is recorded without its evidence");
	ok(!strstr(strrchr(text, '\n'), "Le Monde"), "not even its one item");
	free(text);
	is_int(LC_OK, casefile_restore_answer(cf, 2, &fields, true),
	       "the answer is undone, keeping the evidence");
	ok(cf->answers[2].choice < 0 && cf->answers[2].nevidence == 1,
	   "unanswered again, with its item");
	record(j, cf, "the undone answer");

	answer_copy_fields(&fields, &cf->answers[2]);
	casefile_remove_evidence(cf, 2, 0);
	is_int(LC_ERR_SOFTWARE, casefile_restore_answer(cf, 2, &fields, true),
	       "keeping evidence that changed since the copy is refused");
	is_int(0, (long long)cf->answers[2].nevidence, "and changes nothing");
	answer_release(&fields);
	record(j, cf, "a removed item");

	journal_free(j);
	again = load(path, digest);
	j = journal_new(path);
	is_int(LC_OK, journal_recover(j, again, digest, false, &r, &err), "recovery succeeds");
	is_int(5, (long long)r.applied, "every record is replayed");
	live_text = serialize(cf);
	again_text = serialize(again);
	is_string(live_text, again_text, "the replayed case is the live one");
	free(live_text);
	free(again_text);
	journal_free(j);
	casefile_free(again);
	casefile_free(cf);
	error_release(&err);
	free(path);
}

int main(void)
{
	struct error err;
	char *cmd;

	plan_lazy();
	error_init(&err);
	if (checklist_load_buffer(fixture_checklist, strlen(fixture_checklist), "mini", &cl, &err))
		bail("fixture: %s", error_message(&err, 0));
	error_release(&err);
	if (!mkdtemp(dir))
		bail("mkdtemp: %s", strerror(errno));
	setenv("LEGITCHECK_NOW", "2026-11-28T09:00:00Z", 1);
	replay_should_give_what_the_session_had();
	a_torn_record_should_be_ignored();
	an_invalid_delta_should_change_nothing();
	a_journal_of_another_file_should_be_kept_aside();
	undone_changes_should_be_recorded();
	checklist_free(cl);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	free(cmd);
	return 0;
}
