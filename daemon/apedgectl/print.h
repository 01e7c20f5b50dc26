/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedgectl's one print path, in the manner of iproute2's print_*(): the
 * same calls write text in the manner of ip(8), or JSON with -j (indented
 * with -p), through lib/json.
 *
 * Each print_<type>() names what it prints in both forms: key is the JSON
 * member's name (NULL for an array's element), fmt the text's printf
 * format, which takes exactly the one value of that type (print_uint():
 * "%u"; print_u64(): "%" PRIu64; print_str(): "%s"; print_bool(): "%s"
 * of "yes" or "no"; a format without a conversion prints the text
 * alone).  PRINT_ANY prints in both forms,
 * PRINT_TEXT and PRINT_JSON in one; a NULL fmt prints no text.
 *
 * A string's control characters are printed as '?' in text: interface and
 * station names are bytes that whoever named them chose (the root of a
 * container, with -n), and must not drive the terminal.  JSON escapes
 * them.
 *
 * JSON is buffered and written to the stream when an element of the top
 * level list, or the whole document, is complete; a document ends with a
 * newline.  A dump of many objects is thus written as it comes.
 */
#ifndef APEDGECTL_PRINT_H
#define APEDGECTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/json.h"
#include "lib/strbuf.h"

enum print_type {
	PRINT_ANY,
	PRINT_TEXT,
	PRINT_JSON,
};

struct print {
	FILE *f;
	bool json;
	struct strbuf sb;
	struct json j;
};

/* pretty: indented JSON (-p); otherwise compact. */
void print_init(struct print *p, FILE *f, bool json, bool pretty);
/* Write out what is left and free the buffer. */
void print_free(struct print *p);
bool print_is_json(const struct print *p);

/* JSON objects and arrays (key NULL inside an array); no text. */
void print_obj_begin(struct print *p, const char *key);
void print_obj_end(struct print *p);
void print_arr_begin(struct print *p, const char *key);
void print_arr_end(struct print *p);

void print_str(struct print *p, enum print_type t, const char *key,
	       const char *fmt, const char *v);
void print_uint(struct print *p, enum print_type t, const char *key,
		const char *fmt, unsigned int v);
void print_u64(struct print *p, enum print_type t, const char *key,
	       const char *fmt, uint64_t v);
void print_bool(struct print *p, enum print_type t, const char *key,
		const char *fmt, bool v);

/* A copy of s (to free) with its control characters made '?'; NULL on OOM. */
char *print_safe(const char *s);

/* Text only. */
void print_text(struct print *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void print_nl(struct print *p);

#endif
