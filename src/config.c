/* User settings from the configuration file and the environment; see config.h. */
#include <stdlib.h>
#include <string.h>

#include "legitcheck/config.h"
#include "legitcheck/storage.h"
#include "legitcheck/util.h"

static const char *const keys[] = {"default_checklist", "autosave", "color", "history"};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const char *const color_names[] = {"auto", "always", "never"};

static char *default_history(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (state && *state)
		return xasprintf("%s/legitcheck/history", state);
	if (home && *home)
		return xasprintf("%s/.local/state/legitcheck/history", home);
	return NULL;
}

void config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->autosave = true;
	cfg->color = CONFIG_COLOR_AUTO;
	cfg->history = default_history();
}

void config_release(struct config *cfg)
{
	free(cfg->default_checklist);
	free(cfg->history);
	memset(cfg, 0, sizeof(*cfg));
}

char *config_file_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg)
		return xasprintf("%s/legitcheck/config", xdg);
	if (home && *home)
		return xasprintf("%s/.config/legitcheck/config", home);
	return NULL;
}

/* yes/no in the spellings people write in configuration files. */
static int parse_bool(const char *v)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(v, yes[i]) == 0)
			return 1;
		if (strcmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

int config_set(struct config *cfg, const char *key, const char *value, struct error *err)
{
	if (strcmp(key, "default_checklist") == 0) {
		if (!*value)
			return error_add(err, LC_ERR_USAGE,
					 "default_checklist: expected a checklist id or file");
		free(cfg->default_checklist);
		cfg->default_checklist = xstrdup(value);
		return LC_OK;
	}
	if (strcmp(key, "autosave") == 0) {
		int b = parse_bool(value);

		if (b < 0)
			return error_add(err, LC_ERR_USAGE,
					 "autosave: invalid value \"%s\" (one of yes, no)", value);
		cfg->autosave = b;
		return LC_OK;
	}
	if (strcmp(key, "color") == 0) {
		size_t i;

		for (i = 0; i < sizeof(color_names) / sizeof(color_names[0]); i++)
			if (strcmp(value, color_names[i]) == 0) {
				cfg->color = (enum config_color)i;
				return LC_OK;
			}
		return error_add(err, LC_ERR_USAGE,
				 "color: invalid value \"%s\" (one of auto, always, never)", value);
	}
	if (strcmp(key, "history") == 0) {
		if (!*value)
			return error_add(err, LC_ERR_USAGE,
					 "history: expected a file, or off to keep no history");
		free(cfg->history);
		/* "0" or "off" turns history off, "on" keeps the default file; anything
		 * else is a file name. */
		switch (parse_bool(value)) {
		case 0:
			cfg->history = NULL;
			break;
		case 1:
			cfg->history = default_history();
			break;
		default:
			cfg->history = xstrdup(value);
		}
		return LC_OK;
	}
	{
		const char *hint = util_suggest(key, keys, NKEYS);

		if (hint)
			return error_add(err, LC_ERR_USAGE,
					 "unknown setting \"%s\" (did you mean \"%s\"?)", key,
					 hint);
		return error_add(err, LC_ERR_USAGE,
				 "unknown setting \"%s\" (one of default_checklist, autosave, "
				 "color, history)",
				 key);
	}
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trims [*start, *end) of blanks on both sides. */
static void trim(const char **start, const char **end)
{
	while (*start < *end && is_space(**start))
		(*start)++;
	while (*end > *start && is_space((*end)[-1]))
		(*end)--;
}

static void parse_line(struct config *cfg, const char *line, size_t len, const char *name,
		       size_t lineno, struct error *warnings)
{
	const char *start = line, *end = line + len, *eq, *kend, *vstart;
	struct error one;
	char *key, *value;

	trim(&start, &end);
	if (start == end || *start == '#')
		return;
	if (memchr(start, '\0', (size_t)(end - start))) {
		error_add(warnings, LC_ERR_DATA, "%s:%zu: a NUL byte in the line; line ignored",
			  name, lineno);
		return;
	}
	eq = memchr(start, '=', (size_t)(end - start));
	if (!eq) {
		error_add(warnings, LC_ERR_DATA, "%s:%zu: expected 'key = value'; line ignored",
			  name, lineno);
		return;
	}
	kend = eq;
	vstart = eq + 1;
	trim(&start, &kend);
	trim(&vstart, &end);
	if (start == kend) {
		error_add(warnings, LC_ERR_DATA,
			  "%s:%zu: a setting needs a name before '='; "
			  "line ignored",
			  name, lineno);
		return;
	}
	key = xstrndup(start, (size_t)(kend - start));
	value = xstrndup(vstart, (size_t)(end - vstart));
	error_init(&one);
	if (config_set(cfg, key, value, &one))
		error_add(warnings, LC_ERR_DATA, "%s:%zu: %s; line ignored", name, lineno,
			  error_message(&one, 0));
	error_release(&one);
	free(key);
	free(value);
}

void config_parse(struct config *cfg, const char *text, size_t len, const char *name,
		  struct error *warnings)
{
	const char *p = text, *end = text + len;
	size_t lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		parse_line(cfg, p, n, name, ++lineno, warnings);
		p += n + (nl != NULL);
	}
}

int config_read_file(struct config *cfg, const char *path, struct error *warnings)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (!storage_exists(path))
		return LC_OK;
	rc = storage_read_file(path, &text, &len, warnings);
	if (rc)
		return rc;
	config_parse(cfg, text, len, path, warnings);
	free(text);
	return LC_OK;
}

static void env_setting(struct config *cfg, const char *var, const char *key,
			struct error *warnings)
{
	const char *v = getenv(var);
	struct error one;

	if (!v || !*v)
		return;
	error_init(&one);
	if (config_set(cfg, key, v, &one))
		error_add(warnings, LC_ERR_USAGE, "%s: %s; ignored", var, error_message(&one, 0));
	error_release(&one);
}

void config_read_env(struct config *cfg, struct error *warnings)
{
	const char *no_color = getenv("NO_COLOR");

	env_setting(cfg, "LEGITCHECK_CHECKLIST", "default_checklist", warnings);
	env_setting(cfg, "LEGITCHECK_AUTOSAVE", "autosave", warnings);
	/* https://no-color.org: present and not empty means no colour. */
	if (no_color && *no_color)
		cfg->color = CONFIG_COLOR_NEVER;
	env_setting(cfg, "LEGITCHECK_COLOR", "color", warnings);
	env_setting(cfg, "LEGITCHECK_HISTORY", "history", warnings);
}

bool config_use_color(const struct config *cfg, bool to_terminal)
{
	switch (cfg->color) {
	case CONFIG_COLOR_ALWAYS:
		return true;
	case CONFIG_COLOR_NEVER:
		return false;
	default: {
		const char *term = getenv("TERM");

		return to_terminal && !(term && strcmp(term, "dumb") == 0);
	}
	}
}
