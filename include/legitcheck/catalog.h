/*
 * Finding checklists: by file path, or by id in the search path
 * $LEGITCHECK_PATH (colon-separated), ./checklists,
 * $XDG_DATA_HOME/legitcheck/checklists (default ~/.local/share/...) and the
 * installed data directory, in that order. A checklist with id X lives in a
 * file named X.json.
 *
 * The catalog owns every checklist it loads (so many cases can share one) and
 * frees them in catalog_release().
 */
#ifndef LEGITCHECK_CATALOG_H
#define LEGITCHECK_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "legitcheck/checklist.h"
#include "legitcheck/error.h"

struct catalog {
	struct checklist **loaded;
	size_t nloaded;
	size_t aloaded;
	char **dirs; /* the search path, resolved once */
	size_t ndirs;
};

void catalog_init(struct catalog *cat);
void catalog_release(struct catalog *cat);

/* True when name is to be read as a path rather than an id. */
bool catalog_is_path(const char *name);

/* Loads (once) the checklist named by id or path. *out stays owned by cat. */
int catalog_get(struct catalog *cat, const char *name, const struct checklist **out,
		struct error *err);

/* The file that id resolves to, or NULL (caller frees). */
char *catalog_find_file(const struct catalog *cat, const char *id);

/* A casefile_resolver over a catalog (ctx is the struct catalog). */
int catalog_resolve(const char *id, const char *version, void *ctx, const struct checklist **out,
		    struct error *err);

#endif
