/* The journal of confirmed changes beside a case file; see journal.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "legitcheck/journal.h"
#include "legitcheck/json.h"
#include "legitcheck/sha256.h"
#include "legitcheck/storage.h"

#define JOURNAL_VERSION 1

struct journal {
	char *case_path;
	char *path;
	int fd;            /* open for appending, or -1 when there is no file yet */
	unsigned long seq; /* of the last record in the file */
	size_t records;    /* change records in the file */
	size_t bytes;      /* size of the file */
	char base[72];     /* digest of the case file the journal applies to */
	/* The state last recorded, to find what the next change is: each answer
	 * without its evidence, whose stamp says whether it changed. */
	const struct checklist *cl;
	struct answer *snap;
	char *title;
	char *description;
	size_t nhistory;
	bool broken; /* a failed append could not be cut off: append nothing more */
};

static uint32_t crc32_of(const void *data, size_t len)
{
	static uint32_t table[256];
	const unsigned char *p = data;
	uint32_t c = 0xFFFFFFFFu;
	size_t i;

	if (!table[1])
		for (i = 0; i < 256; i++) {
			uint32_t v = (uint32_t)i;
			int k;

			for (k = 0; k < 8; k++)
				v = v & 1 ? 0xEDB88320u ^ (v >> 1) : v >> 1;
			table[i] = v;
		}
	for (i = 0; i < len; i++)
		c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

void journal_digest(const void *data, size_t len, char out[72])
{
	char hex[65];

	sha256_hex(data, len, hex);
	snprintf(out, 72, "sha256:%s", hex);
}

struct journal *journal_new(const char *case_path)
{
	struct journal *j = xcalloc(1, sizeof(*j));

	j->case_path = xstrdup(case_path);
	j->path = storage_sidecar(case_path, ".journal");
	j->fd = -1;
	return j;
}

static void release_snapshot(struct journal *j)
{
	size_t i;

	for (i = 0; j->snap && i < j->cl->nquestions; i++)
		answer_release(&j->snap[i]);
	free(j->snap);
	j->snap = NULL;
	free(j->title);
	free(j->description);
	j->title = j->description = NULL;
}

static void take_snapshot(struct journal *j, const struct casefile *cf)
{
	size_t i;

	release_snapshot(j);
	j->cl = cf->checklist;
	j->snap = xcalloc(j->cl->nquestions ? j->cl->nquestions : 1, sizeof(*j->snap));
	for (i = 0; i < j->cl->nquestions; i++)
		answer_copy_fields(&j->snap[i], &cf->answers[i]);
	j->title = cf->title ? xstrdup(cf->title) : NULL;
	j->description = cf->description ? xstrdup(cf->description) : NULL;
	j->nhistory = cf->nhistory;
}

static void close_file(struct journal *j)
{
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
	j->broken = false;
	j->seq = 0;
	j->records = 0;
	j->bytes = 0;
}

void journal_free(struct journal *j)
{
	if (!j)
		return;
	close_file(j);
	release_snapshot(j);
	free(j->path);
	free(j->case_path);
	free(j);
}

const char *journal_path(const struct journal *j)
{
	return j->path;
}

size_t journal_records(const struct journal *j)
{
	return j->records;
}

size_t journal_bytes(const struct journal *j)
{
	return j->bytes;
}

void journal_track(struct journal *j, const struct casefile *cf, const char *digest)
{
	close_file(j);
	snprintf(j->base, sizeof(j->base), "%s", digest);
	take_snapshot(j, cf);
}

/* Ends the record that begins at offset start of sb with the CRC of its
 * bytes and a newline. */
static void seal(struct strbuf *sb, struct json_writer *w, size_t start)
{
	char crc[9];

	snprintf(crc, sizeof(crc), "%08lx",
		 (unsigned long)crc32_of(sb->buf + start, sb->len - start));
	jw_key(w, "crc");
	jw_string(w, crc);
	jw_end_object(w);
	strbuf_addc(sb, '\n');
}

static void begin(struct strbuf *sb, struct json_writer *w, unsigned long seq, const char *kind)
{
	json_writer_init(w, sb, true);
	jw_begin_object(w);
	jw_key(w, "seq");
	jw_int(w, (long long)seq);
	jw_key(w, "kind");
	jw_string(w, kind);
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A name for a journal kept aside, beside it: ".case.json.journal-TIME". */
static char *aside_name(const struct journal *j)
{
	char now[21];
	int n;

	util_now_iso(now);
	for (n = 0; n < 1000; n++) {
		char *name = n ? xasprintf("%s-%s-%d", j->path, now, n)
			       : xasprintf("%s-%s", j->path, now);
		if (!storage_exists(name))
			return name;
		free(name);
	}
	return xasprintf("%s-%s-%ld", j->path, now, (long)getpid());
}

static int set_aside(struct journal *j, char **where, struct error *err)
{
	char *name = aside_name(j);

	if (rename(j->path, name) != 0) {
		int rc = error_add(err, LC_ERR_IO, "cannot keep the journal '%s' aside as '%s': %s",
				   j->path, name, strerror(errno));

		free(name);
		return rc;
	}
	storage_sync_dir_of(j->path);
	*where = name;
	return LC_OK;
}

/* Creates the journal file with its header. A file in the way (a journal that
 * could not be removed) is kept aside, never overwritten. */
static int create_file(struct journal *j, struct strbuf *head, struct error *err)
{
	struct json_writer w;
	struct stat st;
	mode_t mode = 0600;
	int attempt;

	/* The journal holds the case's content: no wider access than the case. */
	if (stat(j->case_path, &st) == 0)
		mode = st.st_mode & 0666;
	for (attempt = 0; attempt < 2; attempt++) {
		j->fd = open(j->path,
			     O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC | O_NOFOLLOW, mode);
		if (j->fd >= 0 || errno != EEXIST || attempt)
			break;
		{
			char *aside = NULL;
			struct error ignored;

			error_init(&ignored);
			set_aside(j, &aside, &ignored);
			error_release(&ignored);
			free(aside);
		}
	}
	if (j->fd < 0)
		return error_add(err, LC_ERR_CANTCREAT,
				 "cannot create the journal '%s': %s (the change is not saved)",
				 j->path, strerror(errno));
	begin(head, &w, 0, "journal");
	jw_key(&w, "version");
	jw_int(&w, JOURNAL_VERSION);
	jw_key(&w, "base");
	jw_string(&w, j->base);
	seal(head, &w, 0);
	j->seq = 0;
	j->records = 0;
	j->bytes = 0;
	return LC_OK;
}

/* Appends text (one or more whole records) and makes it durable. On failure
 * the file is cut back to where it was, so no partial record stays. */
static int append(struct journal *j, const struct strbuf *text, bool new_file, struct error *err)
{
	const char *step = "write";
	int saved;

	if (write_all(j->fd, text->buf, text->len) != 0)
		goto fail;
	step = "flush";
	if (fsync(j->fd) != 0)
		goto fail;
	/* A new file is durable only once its directory entry is. */
	if (new_file && storage_sync_dir_of(j->path) != 0)
		goto fail;
	j->bytes += text->len;
	return LC_OK;
fail:
	saved = errno;
	if (new_file) {
		/* It holds no confirmed change: as if it had never been. */
		close(j->fd);
		j->fd = -1;
		unlink(j->path);
	} else if (ftruncate(j->fd, (off_t)j->bytes) != 0 || fsync(j->fd) != 0) {
		/* Its records stay where recovery finds them (a torn end is ignored),
		 * but nothing may follow the partial one. */
		j->broken = true;
	}
	return error_add(err, LC_ERR_IO, "cannot %s the journal '%s': %s (the change is not saved)",
			 step, j->path, strerror(saved));
}

int journal_record(struct journal *j, const struct casefile *cf, bool *recorded, struct error *err)
{
	const struct checklist *cl = cf->checklist;
	struct casefile_delta d;
	struct json_writer w;
	struct strbuf sb;
	bool *changed, *kept, any = false, new_file = false;
	size_t i, start;
	int rc = LC_OK;

	*recorded = false;
	if (!j->snap || j->cl != cl)
		return error_add(err, LC_ERR_SOFTWARE, "journal: no state to compare with");
	if (j->broken)
		return error_add(
			err, LC_ERR_IO,
			"the journal '%s' ends with a partial record since an earlier error: "
			"the case must be saved whole",
			j->path);
	changed = xcalloc(cl->nquestions ? cl->nquestions : 1, 2 * sizeof(*changed));
	kept = changed + (cl->nquestions ? cl->nquestions : 1);
	memset(&d, 0, sizeof(d));
	d.answers = changed;
	d.evidence_kept = kept;
	for (i = 0; i < cl->nquestions; i++) {
		const struct answer *now = &cf->answers[i], *then = &j->snap[i];

		kept[i] = now->evidence_stamp == then->evidence_stamp;
		if (!kept[i] || now->choice != then->choice || !util_streq(now->note, then->note) ||
		    !util_streq(now->answered, then->answered))
			any = changed[i] = true;
	}
	d.title = !util_streq(cf->title, j->title);
	d.description = !util_streq(cf->description, j->description);
	d.history_from = j->nhistory;
	any = any || d.title || d.description || cf->nhistory > j->nhistory;
	if (!any) {
		free(changed);
		return LC_OK;
	}
	strbuf_init(&sb);
	if (j->fd < 0) {
		rc = create_file(j, &sb, err);
		if (rc)
			goto out;
		new_file = true;
	}
	start = sb.len;
	begin(&sb, &w, j->seq + 1, "change");
	casefile_write_delta(cf, &d, &w);
	seal(&sb, &w, start);
	rc = append(j, &sb, new_file, err);
	if (rc)
		goto out;
	j->seq++;
	j->records++;
	*recorded = true;
	for (i = 0; i < cl->nquestions; i++)
		if (changed[i]) {
			answer_release(&j->snap[i]);
			answer_copy_fields(&j->snap[i], &cf->answers[i]);
		}
	free(j->title);
	j->title = cf->title ? xstrdup(cf->title) : NULL;
	free(j->description);
	j->description = cf->description ? xstrdup(cf->description) : NULL;
	j->nhistory = cf->nhistory;
out:
	strbuf_release(&sb);
	free(changed);
	return rc;
}

int journal_commit(struct journal *j, const char *digest, struct error *err)
{
	struct json_writer w;
	struct strbuf sb;
	int rc;

	if (j->fd < 0 || j->broken)
		return LC_OK;
	strbuf_init(&sb);
	begin(&sb, &w, j->seq + 1, "saved");
	jw_key(&w, "digest");
	jw_string(&w, digest);
	seal(&sb, &w, 0);
	rc = append(j, &sb, false, err);
	if (!rc)
		j->seq++;
	strbuf_release(&sb);
	return rc;
}

int journal_remove(struct journal *j, struct error *err)
{
	bool existed = j->fd >= 0 || storage_exists(j->path);

	close_file(j);
	if (!existed)
		return LC_OK;
	if (unlink(j->path) != 0 && errno != ENOENT)
		return error_add(err, LC_ERR_IO, "cannot remove the journal '%s': %s", j->path,
				 strerror(errno));
	storage_sync_dir_of(j->path);
	return LC_OK;
}

/* ---- Recovery ---- */

struct line {
	const char *text; /* the record without its ",\"crc\":...}" */
	size_t len;
	unsigned long seq;
	char kind[16];
	size_t end; /* offset just after its newline */
};

/* Checks one line (without its newline): CRC and the framing prefix. */
static bool parse_line(const char *p, size_t len, struct line *l)
{
	static const char crc_key[] = ",\"crc\":\"";
	const size_t klen = sizeof(crc_key) - 1;
	const char *q;
	char want[9];
	size_t i, k;

	/* ,"crc":"XXXXXXXX"} closes every line. */
	if (len < klen + 10 || memcmp(p + len - 10 - klen, crc_key, klen) != 0 ||
	    memcmp(p + len - 2, "\"}", 2) != 0)
		return false;
	l->len = len - 10 - klen;
	l->text = p;
	snprintf(want, sizeof(want), "%08lx", (unsigned long)crc32_of(p, l->len));
	if (memcmp(p + len - 10, want, 8) != 0)
		return false;
	if (strncmp(p, "{\"seq\":", 7) != 0)
		return false;
	q = p + 7;
	l->seq = 0;
	for (i = 0; i < 12 && q[i] >= '0' && q[i] <= '9'; i++)
		l->seq = l->seq * 10 + (unsigned long)(q[i] - '0');
	if (!i || strncmp(q + i, ",\"kind\":\"", 9) != 0)
		return false;
	q += i + 9;
	for (k = 0; k < sizeof(l->kind) - 1 && q + k < p + l->len && q[k] != '"'; k++)
		l->kind[k] = q[k];
	l->kind[k] = '\0';
	return q[k] == '"';
}

/* The string value of "key":"..." in a verified line, into out. */
static bool line_string(const struct line *l, const char *key, char *out, size_t size)
{
	char *pat = xasprintf("\"%s\":\"", key);
	const char *at = NULL, *p;
	size_t n;

	for (p = l->text; p + strlen(pat) <= l->text + l->len; p++)
		if (memcmp(p, pat, strlen(pat)) == 0) {
			at = p + strlen(pat);
			break;
		}
	free(pat);
	if (!at)
		return false;
	for (n = 0; at + n < l->text + l->len && at[n] != '"'; n++)
		;
	if (n >= size)
		return false;
	memcpy(out, at, n);
	out[n] = '\0';
	return true;
}

int journal_recover(struct journal *j, struct casefile *cf, const char *case_digest, bool look_only,
		    struct journal_recovery *r, struct error *err)
{
	struct error local;
	char *data = NULL, base[72];
	size_t len = 0, pos = 0, good_end = 0, nlines = 0, alines = 0, i;
	struct line *lines = NULL;
	bool damaged = false;
	int rc = LC_OK;

	memset(r, 0, sizeof(*r));
	error_init(&local);
	journal_track(j, cf, case_digest);
	if (!storage_exists(j->path))
		goto out;
	rc = storage_read_file(j->path, &data, &len, &local);
	if (rc) {
		error_merge(err, &local);
		goto out;
	}
	/* Split into verified lines; stop at the first that is not whole and sound. */
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		struct line l;

		if (!nl) {
			r->torn = true; /* died while writing it */
			break;
		}
		memset(&l, 0, sizeof(l));
		if (!parse_line(data + pos, (size_t)(nl - (data + pos)), &l) || l.seq != nlines) {
			/* The last line may be torn by a crash; one inside is damage. */
			if ((size_t)(nl - data) + 1 == len)
				r->torn = true;
			else
				damaged = true;
			break;
		}
		l.end = (size_t)(nl - data) + 1;
		xgrow(&lines, &alines, nlines + 1, sizeof(*lines));
		lines[nlines++] = l;
		pos = l.end;
	}
	if (!nlines || strcmp(lines[0].kind, "journal") != 0 ||
	    !line_string(&lines[0], "base", base, sizeof(base))) {
		if (look_only)
			r->torn = false;
		else if (damaged || (nlines && strcmp(lines[0].kind, "journal") != 0)) {
			rc = set_aside(j, &r->set_aside, err);
		} else {
			/* Died while creating it: no change had been confirmed. */
			r->torn = false;
			rc = journal_remove(j, err);
		}
		goto out;
	}
	if (strcmp(base, case_digest) != 0) {
		char saved[72];

		/* Rewritten after a "saved" record: its changes are in the case. */
		for (i = 1; i < nlines; i++)
			if (strcmp(lines[i].kind, "saved") == 0 &&
			    line_string(&lines[i], "digest", saved, sizeof(saved)) &&
			    strcmp(saved, case_digest) == 0)
				break;
		r->torn = false;
		if (i < nlines) {
			r->already_saved = true;
			if (!look_only)
				rc = journal_remove(j, err);
		} else if (!look_only) {
			rc = set_aside(j, &r->set_aside, err);
		}
		goto out;
	}
	for (i = 1; i < nlines; i++) {
		char *text;
		int arc;

		if (strcmp(lines[i].kind, "change") != 0)
			continue;
		text = xasprintf("%.*s}", (int)lines[i].len, lines[i].text);
		arc = casefile_apply_delta(cf, text, strlen(text), j->path, &local);
		free(text);
		if (arc) {
			/* Sound on disk but not applicable (the checklist changed?). */
			damaged = true;
			pos = lines[i - 1].end;
			break;
		}
		r->applied++;
	}
	if (damaged) {
		/* What cannot be replayed is kept, whole, beside the case. The state
		 * recorded stays the one before the replay, so that the next record
		 * (if saving the case fails) carries the recovered changes too. */
		while (pos < len) {
			const char *nl = memchr(data + pos, '\n', len - pos);

			r->ignored++;
			pos = nl ? (size_t)(nl - data) + 1 : len;
		}
		r->torn = false;
		if (!look_only)
			rc = set_aside(j, &r->set_aside, err);
		goto out;
	}
	if (look_only)
		goto out;
	/* Keep appending after the last good record, the torn one cut off. */
	good_end = lines[nlines - 1].end;
	j->fd = open(j->path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
	if (j->fd < 0 || (good_end < len && ftruncate(j->fd, (off_t)good_end) != 0)) {
		rc = error_add(err, LC_ERR_IO, "cannot continue the journal '%s': %s", j->path,
			       strerror(errno));
		close_file(j);
		goto out;
	}
	j->seq = lines[nlines - 1].seq;
	j->bytes = good_end;
	for (i = 1; i < nlines; i++)
		j->records += strcmp(lines[i].kind, "change") == 0;
	take_snapshot(j, cf);
out:
	if (local.count && !rc)
		error_merge(err, &local);
	error_release(&local);
	free(lines);
	free(data);
	return rc;
}
