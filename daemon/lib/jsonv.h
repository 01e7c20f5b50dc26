/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small reader of the JSON that apedged sends (the control socket's
 * replies), for the text output of "sta show" and "iapp show".  Pure: it
 * parses a buffer into a tree of nodes pointing into that buffer.
 */
#ifndef APEDGECTL_JSONV_H
#define APEDGECTL_JSONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JV_DEPTH_MAX 32
#define JV_NODES_MAX 200000

enum jv_type { JV_NULL, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ };

struct jv {
	enum jv_type type;
	const char *key;	/* of an object's member, else NULL */
	size_t key_len;
	const char *s;		/* a string's body (escapes kept), a number,
				 * an object's or array's whole text */
	size_t len;
	bool b;
	int child;		/* first member or element; -1 if none */
	int next;		/* next sibling; -1 if none */
};

struct jv_doc {
	struct jv *nodes;	/* nodes[0] is the root */
	int n, cap;
};

/* Parse one JSON value (and white space around it); 0 or -1. */
int jv_parse(const char *text, size_t len, struct jv_doc *d);
void jv_free(struct jv_doc *d);

const struct jv *jv_root(const struct jv_doc *d);
/* An object's member called key; NULL when absent or not an object. */
const struct jv *jv_get(const struct jv_doc *d, const struct jv *obj,
			const char *key);
const struct jv *jv_first(const struct jv_doc *d, const struct jv *v);
const struct jv *jv_next(const struct jv_doc *d, const struct jv *v);
/* A string's text, unescaped (\uXXXX outside ASCII becomes '?'). */
void jv_str(const struct jv *v, char *buf, size_t size);
/* A member's key, as jv_str(). */
void jv_key(const struct jv *v, char *buf, size_t size);
/* A number as unsigned; 0 when not a non-negative integer. */
uint64_t jv_u64(const struct jv *v);

#endif
