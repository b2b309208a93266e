/*
 * libFuzzer harness for the checklist loader.
 *
 * Invariant: loading never crashes, hangs or leaks; a checklist that loads
 * has a digest that depends on its content only: its canonical compact form
 * loads too and has the same digest, and loading twice gives the same one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "legitcheck/checklist.h"
#include "legitcheck/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int load(const char *text, size_t len, struct checklist **cl)
{
	struct error err;
	int rc;

	error_init(&err);
	rc = checklist_load_buffer(text, len, "fuzz.json", cl, &err);
	if (rc && err.count == 0)
		abort();
	error_release(&err);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1);
	struct checklist *cl = NULL, *twice = NULL, *canon = NULL;
	struct json_writer w;
	struct strbuf sb;
	struct error err;
	cJSON *root = NULL;

	memcpy(text, data, size);
	if (load(text, size, &cl)) {
		free(text);
		return 0;
	}
	if (load(text, size, &twice) || strcmp(cl->digest, twice->digest) != 0) {
		fprintf(stderr, "fuzz_checklist: loading twice gives another result\n");
		abort();
	}
	error_init(&err);
	if (json_parse(text, size, "fuzz.json", &root, &err))
		abort();
	error_release(&err);
	strbuf_init(&sb);
	json_writer_init(&w, &sb, true);
	jw_tree(&w, root);
	cJSON_Delete(root);
	if (load(sb.buf, sb.len, &canon)) {
		fprintf(stderr, "fuzz_checklist: the canonical form does not load\n%s\n", sb.buf);
		abort();
	}
	if (strcmp(cl->digest, canon->digest) != 0) {
		fprintf(stderr, "fuzz_checklist: the digest depends on the layout\n");
		abort();
	}
	strbuf_release(&sb);
	checklist_free(canon);
	checklist_free(twice);
	checklist_free(cl);
	free(text);
	return 0;
}
