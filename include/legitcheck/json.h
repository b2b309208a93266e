/*
 * The JSON edge: the only module, with the two format converters
 * (checklist.c and casefile.c), that sees cJSON.
 *
 * json_parse() first checks the text strictly (RFC 8259 plus the rules in
 * docs/formats.md: no duplicate keys, valid shortest-form UTF-8, no \u0000,
 * no lone surrogates, no leading zeros, numbers in range, bounded depth),
 * reporting line and column, then builds the cJSON tree. libcjson 1.7.15 alone
 * accepts `013` and raw control characters in strings; the check catches them.
 *
 * Positions of later, semantic errors are found again from the text by JSON
 * path (json_ctx_error), so a successful load pays nothing for them.
 *
 * json_writer produces the project's canonical output: two-space indent,
 * UTF-8 unescaped, keys in the order written.
 */
#ifndef LEGITCHECK_JSON_H
#define LEGITCHECK_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "legitcheck/error.h"
#include "legitcheck/util.h"

struct cJSON;
struct json_path;

#define JSON_MAX_DEPTH  64
#define JSON_MAX_STRING ((size_t)16 * 1024 * 1024)
#define JSON_MAX_ERRORS 100 /* problems reported per file, then one "too many" */

/* Parses text strictly. On success *out is a tree the caller frees with
 * cJSON_Delete(); on failure one message "NAME:LINE:COL: ..." is added. */
int json_parse(const char *text, size_t len, const char *name, struct cJSON **out,
	       struct error *err);

/* A value's place in a text: bytes start to end, end excluded. */
struct json_span {
	size_t start, end;
};

/*
 * Sparse reading, for files whose bulk is in arrays at one known place (the
 * evidence lists of a case file). json_parse_sparse() checks the text as
 * json_parse() does, but the arrays at paths matching pattern (object keys,
 * "*" for any key, NULL-terminated) come back empty in the tree: their
 * elements stay in the text, listed in *sparse, to be read one at a time.
 * Memory then holds the text, the tree of its small parts and one element.
 * The caller frees *sparse with json_sparse_free(); the text must outlive it.
 */
struct json_sparse;
int json_parse_sparse(const char *text, size_t len, const char *name, const char *const *pattern,
		      struct cJSON **out, struct json_sparse **sparse, struct error *err);
/* The elements of the array at path, left out of the tree, and their number;
 * NULL when no array at that path was left out (or it had no elements). */
const struct json_span *json_sparse_lookup(const struct json_sparse *sp,
					   const struct json_path *path, size_t *n);
void json_sparse_free(struct json_sparse *sp);

/* Line and column (1-based, columns in code points) of a byte offset. */
void json_offset_position(const char *text, size_t len, size_t offset, size_t *line, size_t *col);

struct json_path_segment {
	const char *key; /* NULL for an array index */
	size_t index;
};

struct json_path {
	size_t depth;
	struct json_path_segment seg[JSON_MAX_DEPTH];
};

/* Context for converting a parsed tree: where errors point and how many. */
struct json_ctx {
	const char *name; /* file name used in messages */
	const char *text; /* the parsed text, for locating errors */
	size_t len;
	struct json_path path;
	struct error *err;
	const struct json_sparse *sparse; /* arrays left in the text, or NULL */
};

/*
 * Reading text that json_parse() accepted, without a tree (the elements of a
 * sparse array). json_text_next_member() steps through the members of the
 * object at *pos (its '{' on the first call): it sets the spans of a key and
 * its value and returns true, or returns false after the last one.
 */
bool json_text_next_member(const char *text, size_t len, size_t *pos, struct json_span *key,
			   struct json_span *value);
/* The string at span (quotes included in the span), decoded; the caller frees it. */
char *json_text_string(const char *text, const struct json_span *s);

void json_path_push_key(struct json_path *p, const char *key);
void json_path_push_index(struct json_path *p, size_t index);
void json_path_pop(struct json_path *p);
/* Appends "a.b[2].c" (the root is "$"). */
void json_path_format(const struct json_path *p, struct strbuf *sb);
/* Byte offset of the value at path in text, or of the deepest container
 * found on the way when the path does not exist. */
size_t json_path_offset(const char *text, size_t len, const struct json_path *p);

/* Adds "NAME:LINE:COL: PATH: message" for the current path, with status
 * LC_ERR_DATA, control characters written as \uXXXX; after JSON_MAX_ERRORS
 * messages, one saying there are too many, then nothing. Returns LC_ERR_DATA. */
int json_ctx_error(struct json_ctx *ctx, const char *fmt, ...) LC_PRINTF(2, 3);

/*
 * Typed member access that reports errors at the member's place. Each returns
 * true when the member is present and of the right type; absent optional
 * members return false without an error. Strings are taken over from the tree
 * (the caller frees them) so large files are not copied twice.
 */
bool json_take_string(struct json_ctx *ctx, struct cJSON *obj, const char *key, bool required,
		      char **out);
bool json_get_int(struct json_ctx *ctx, struct cJSON *obj, const char *key, bool required, long min,
		  long max, long *out);
bool json_get_bool(struct json_ctx *ctx, struct cJSON *obj, const char *key, bool required,
		   bool *out);
/* Returns the member if it has the given cJSON type (cJSON_Object, ...). */
struct cJSON *json_get_typed(struct json_ctx *ctx, struct cJSON *obj, const char *key, int type,
			     bool required);
const char *json_type_name(const struct cJSON *item);

/*
 * Members of an object that the format does not know, kept to be written back
 * unchanged. json_extras_collect() detaches from obj every member whose key is
 * not in known (NULL-terminated) and returns them, or NULL if there are none.
 */
struct json_extras;
struct json_extras *json_extras_collect(struct cJSON *obj, const char *const *known);
void json_extras_free(struct json_extras *x);

struct json_writer {
	struct strbuf *out;
	int depth;
	bool has_items[JSON_MAX_DEPTH + 2];
	bool after_key;
	bool compact; /* one line, no spaces */
};

void json_writer_init(struct json_writer *w, struct strbuf *out, bool compact);
void jw_begin_object(struct json_writer *w);
void jw_end_object(struct json_writer *w);
void jw_begin_array(struct json_writer *w);
void jw_end_array(struct json_writer *w);
void jw_key(struct json_writer *w, const char *key);
void jw_string(struct json_writer *w, const char *s);
void jw_string_or_null(struct json_writer *w, const char *s);
void jw_int(struct json_writer *w, long long v);
void jw_bool(struct json_writer *w, bool v);
void jw_null(struct json_writer *w);
/* Writes a whole parsed tree (used for canonical digests). */
void jw_tree(struct json_writer *w, const struct cJSON *item);
/* Writes every member of x as key/value pairs of the current object. */
void jw_extras(struct json_writer *w, const struct json_extras *x);
/* Appends s as a JSON string literal, quotes included. */
void json_quote(struct strbuf *sb, const char *s);

#endif
