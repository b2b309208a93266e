/* The checklist search path and a cache of loaded checklists. */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "legitcheck/catalog.h"
#include "legitcheck/util.h"

#ifndef LEGITCHECK_DATADIR
#define LEGITCHECK_DATADIR "/usr/local/share/legitcheck"
#endif
/* The data directory relative to the directory of the executable. */
#ifndef LEGITCHECK_BIN_TO_DATADIR
#define LEGITCHECK_BIN_TO_DATADIR "../share/legitcheck"
#endif

static void add_dir(struct catalog *cat, const char *dir, size_t len, size_t *alloc)
{
	if (!len)
		return;
	xgrow(&cat->dirs, alloc, cat->ndirs + 1, sizeof(*cat->dirs));
	cat->dirs[cat->ndirs++] = xstrndup(dir, len);
}

/*
 * The checklists installed beside the running executable. An installed tree
 * may have been moved, or installed with a prefix other than the one it was
 * configured for (`make install PREFIX=...`): the compiled-in data directory
 * would then name the wrong place, or another installation's data.
 * NULL when the directory does not exist or is the compiled-in one.
 */
static char *exe_checklist_dir(void)
{
	char *exe = NULL, *slash, *dir, *real_dir, *real_builtin;
	size_t size = 256;
	ssize_t n;

	for (;;) {
		exe = xrealloc(exe, size);
		n = readlink("/proc/self/exe", exe, size);
		if (n < 0) {
			free(exe);
			return NULL;
		}
		if ((size_t)n < size)
			break;
		size *= 2;
	}
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash) {
		free(exe);
		return NULL;
	}
	*slash = '\0';
	dir = xasprintf("%s/" LEGITCHECK_BIN_TO_DATADIR "/checklists", exe);
	free(exe);
	real_dir = realpath(dir, NULL);
	free(dir);
	if (!real_dir)
		return NULL;
	real_builtin = realpath(LEGITCHECK_DATADIR "/checklists", NULL);
	if (real_builtin && strcmp(real_builtin, real_dir) == 0) {
		free(real_dir);
		real_dir = NULL;
	}
	free(real_builtin);
	return real_dir;
}

void catalog_init(struct catalog *cat)
{
	const char *env = getenv("LEGITCHECK_PATH");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	size_t alloc = 0;
	bool beside_exe = false;
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
	if ((p = exe_checklist_dir())) {
		add_dir(cat, p, strlen(p), &alloc);
		free(p);
		beside_exe = true;
	}
	add_dir(cat, LEGITCHECK_DATADIR "/checklists", strlen(LEGITCHECK_DATADIR "/checklists"),
		&alloc);
#ifdef LEGITCHECK_SOURCE_CHECKLISTS
	/* A build run from its build tree, with nothing installed, still finds
	 * the checklists it was built with, from any directory. */
	if (!beside_exe && access(LEGITCHECK_DATADIR "/checklists", F_OK) != 0 &&
	    access(LEGITCHECK_SOURCE_CHECKLISTS, F_OK) == 0)
		add_dir(cat, LEGITCHECK_SOURCE_CHECKLISTS, strlen(LEGITCHECK_SOURCE_CHECKLISTS),
			&alloc);
#endif
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
	/* An array of pointers: the size of one is meant. */
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
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
