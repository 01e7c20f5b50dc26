/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one JSON writer of apedged and apedgectl, appending to a strbuf.
 *
 * The caller opens and closes objects and arrays and writes values; a
 * member of an object is a key and then its value.  The writer puts the
 * commas, the colons and, in the pretty style, the line breaks and the
 * indentation.  Strings are escaped (RFC 8259 section 7) and their UTF-8
 * checked: every byte that is not part of a well-formed UTF-8 sequence
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF) is
 * replaced by U+FFFD, written as the escape \ufffd, one per byte.  So the
 * output is valid JSON and valid UTF-8 whatever bytes the strings hold
 * (interface names and station names are bytes, not text).
 *
 * A misuse (a value without its key in an object, a key in an array, a
 * close that does not match, more than JSON_DEPTH_MAX levels) writes
 * nothing and is remembered: json_ok() is then false.  So is an
 * allocation failure of the strbuf.  A writer checks once, at the end.
 */
#ifndef APEDGE_LIB_JSON_H
#define APEDGE_LIB_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/strbuf.h"

enum json_style {
	/* {"a":1,"b":[1,2],"c":[{"d":true}]} */
	JSON_COMPACT,
	/* {"a": 1, "b": [1, 2], "c": [{"d": true}]}: one line, spaced */
	JSON_SPACED,
	/*
	 * {
	 *   "a": 1,
	 *   "b": [1, 2],
	 *   "c": [
	 *     {
	 *       "d": true
	 *     }
	 *   ]
	 * }
	 * Members one a line; arrays of scalars on one line, an array's
	 * objects and arrays one a line; two spaces a level.
	 */
	JSON_PRETTY,
};

/* Nesting deeper than this is a misuse. */
#define JSON_DEPTH_MAX 32

struct json_level {
	bool object;		/* else an array */
	bool nested;		/* an array holding an object or array */
	unsigned int n;		/* members or elements written */
};

struct json {
	struct strbuf *sb;
	enum json_style style;
	unsigned int depth;	/* containers open */
	bool key;		/* a key was written, its value is next */
	bool bad;		/* a misuse, see above */
	struct json_level level[JSON_DEPTH_MAX];
};

/* Start writing into sb (appending to what it holds). */
void json_init(struct json *j, struct strbuf *sb, enum json_style style);
/* Whether every container was closed, with no misuse and no OOM. */
bool json_ok(const struct json *j);

void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
/* The key of the next member of the object open. */
void json_key(struct json *j, const char *key);

/* A string; NULL is written as null. */
void json_str(struct json *j, const char *s);
/* len bytes of s, which may hold NULs (written as \u0000). */
void json_strn(struct json *j, const char *s, size_t len);
void json_u64(struct json *j, uint64_t v);
void json_i64(struct json *j, int64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/*
 * A value that is JSON already (what another writer wrote), inserted as
 * it is: the caller answers for it being one valid value.
 */
void json_raw(struct json *j, const char *text);

/* Members: json_key() and the value. */
void json_kstr(struct json *j, const char *key, const char *s);
void json_ku64(struct json *j, const char *key, uint64_t v);
void json_ki64(struct json *j, const char *key, int64_t v);
void json_kbool(struct json *j, const char *key, bool v);
void json_knull(struct json *j, const char *key);
void json_kobj_begin(struct json *j, const char *key);
void json_karr_begin(struct json *j, const char *key);

/*
 * len bytes of s as a quoted, escaped JSON string, as the writer writes
 * strings; for text that is not written through a struct json.
 */
void json_escape(struct strbuf *sb, const char *s, size_t len);

#endif
