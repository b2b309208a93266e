/*
 * libFuzzer harness for the case loader, against the default checklist.
 *
 * Invariant: whatever the input, loading never crashes, hangs or leaks; and a
 * case that loads serialises to a text that loads again and serialises to
 * the very same bytes (a file loaded and saved unchanged is byte-identical).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "legitcheck/casefile.h"
#include "legitcheck/checklist.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct checklist *checklist;

static int resolve(const char *id, const char *version, void *ctx, const struct checklist **out,
		   struct error *err)
{
	(void)version;
	(void)ctx;
	if (strcmp(id, checklist->id) != 0)
		return error_add(err, LC_ERR_NOINPUT, "no checklist \"%s\"", id);
	*out = checklist;
	return LC_OK;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct error err;

	(void)argc;
	(void)argv;
	error_init(&err);
	if (checklist_load_file(LEGITCHECK_SOURCE_DIR "/checklists/five-questions.json", &checklist,
				&err)) {
		fprintf(stderr, "fuzz_casefile: %s\n", error_message(&err, 0));
		abort();
	}
	error_release(&err);
	return 0;
}

static int load(const char *text, size_t len, struct casefile **cf)
{
	struct error err;
	int rc;

	error_init(&err);
	rc = casefile_load_buffer(text, len, "fuzz.json", resolve, NULL, 0, cf, &err);
	/* A failed load always says why. */
	if (rc && err.count == 0)
		abort();
	if (!rc && err.count != 0)
		abort();
	error_release(&err);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, not NUL-terminated, so a read past the end is caught. */
	char *text = malloc(size ? size : 1);
	struct casefile *cf = NULL, *again = NULL;
	struct strbuf first, second;

	memcpy(text, data, size);
	if (load(text, size, &cf)) {
		free(text);
		return 0;
	}
	strbuf_init(&first);
	strbuf_init(&second);
	casefile_serialize(cf, &first);
	if (load(first.buf, first.len, &again)) {
		fprintf(stderr, "fuzz_casefile: the serialised case does not load again\n");
		abort();
	}
	casefile_serialize(again, &second);
	if (first.len != second.len || memcmp(first.buf, second.buf, first.len) != 0) {
		fprintf(stderr,
			"fuzz_casefile: serialising is not stable\n--- first\n%s\n--- second\n%s\n",
			first.buf, second.buf);
		abort();
	}
	strbuf_release(&first);
	strbuf_release(&second);
	casefile_free(again);
	casefile_free(cf);
	free(text);
	return 0;
}
