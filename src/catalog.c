/* The checklist search path and a cache of loaded checklists. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "legitcheck/catalog.h"
#include "legitcheck/util.h"

#ifndef LEGITCHECK_DATADIR
#define LEGITCHECK_DATADIR "/usr/local/share/legitcheck"
#endif

static void add_dir(struct catalog *cat, const char *dir, size_t len, size_t *alloc)
{
	if (!len)
		return;
	xgrow(&cat->dirs, alloc, cat->ndirs + 1, sizeof(*cat->dirs));
	cat->dirs[cat->ndirs++] = xstrndup(dir, len);
}

void catalog_init(struct catalog *cat)
{
	const char *env = getenv("LEGITCHECK_PATH");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	size_t alloc = 0;
	char *p;

	memset(cat, 0, sizeof(*cat));
	while (env && *env) {
		const char *colon = strchr(env, ':');
		size_t len = colon ? (size_t)(colon - env) : strlen(env);

		add_dir(cat, env, len, &alloc);
		env = colon ? colon + 1 : NULL;
	}
	add_dir(cat, "checklists", 10, &alloc);
	if (xdg && *xdg)
		p = xasprintf("%s/legitcheck/checklists", xdg);
	else if (home && *home)
		p = xasprintf("%s/.local/share/legitcheck/checklists", home);
	else
		p = NULL;
	if (p) {
		add_dir(cat, p, strlen(p), &alloc);
		free(p);
	}
	add_dir(cat, LEGITCHECK_DATADIR "/checklists", strlen(LEGITCHECK_DATADIR "/checklists"),
		&alloc);
}

void catalog_release(struct catalog *cat)
{
	size_t i;

	for (i = 0; i < cat->nloaded; i++)
		checklist_free(cat->loaded[i]);
	free(cat->loaded);
	for (i = 0; i < cat->ndirs; i++)
		free(cat->dirs[i]);
	free(cat->dirs);
	memset(cat, 0, sizeof(*cat));
}

bool catalog_is_path(const char *name)
{
	size_t n = strlen(name);

	return strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".json") == 0);
}

char *catalog_find_file(const struct catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; i < cat->ndirs; i++) {
		char *p = xasprintf("%s/%s.json", cat->dirs[i], id);

		if (access(p, F_OK) == 0)
			return p;
		free(p);
	}
	return NULL;
}

int catalog_get(struct catalog *cat, const char *name, const struct checklist **out,
		struct error *err)
{
	struct checklist *cl;
	char *path;
	size_t i;
	int rc;

	*out = NULL;
	if (catalog_is_path(name)) {
		path = xstrdup(name);
	} else {
		for (i = 0; i < cat->nloaded; i++)
			if (strcmp(cat->loaded[i]->id, name) == 0) {
				*out = cat->loaded[i];
				return LC_OK;
			}
		path = catalog_find_file(cat, name);
		if (!path) {
			struct strbuf sb;

			strbuf_init(&sb);
			for (i = 0; i < cat->ndirs; i++)
				strbuf_addf(&sb, "%s%s", i ? ", " : "", cat->dirs[i]);
			rc = error_add(err, LC_ERR_NOINPUT,
				       "no checklist \"%s\" (looked for %s.json in %s; see "
				       "'legitcheck checklists')",
				       name, name, sb.buf);
			strbuf_release(&sb);
			return rc;
		}
	}
	for (i = 0; i < cat->nloaded; i++)
		if (strcmp(cat->loaded[i]->path, path) == 0) {
			*out = cat->loaded[i];
			free(path);
			return LC_OK;
		}
	rc = checklist_load_file(path, &cl, err);
	free(path);
	if (rc)
		return rc;
	xgrow(&cat->loaded, &cat->aloaded, cat->nloaded + 1, sizeof(*cat->loaded));
	cat->loaded[cat->nloaded++] = cl;
	*out = cl;
	return LC_OK;
}

int catalog_resolve(const char *id, const char *version, void *ctx, const struct checklist **out,
		    struct error *err)
{
	(void)version;
	return catalog_get(ctx, id, out, err);
}
