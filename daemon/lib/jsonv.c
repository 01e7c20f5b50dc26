// SPDX-License-Identifier: GPL-2.0
/* A small JSON reader; see jsonv.h. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lib/jsonv.h"

struct jp {
	const char *p, *end;
	struct jv_doc *d;
};

static void ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
				 *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int node(struct jp *j)
{
	struct jv_doc *d = j->d;

	if (d->n == d->cap) {
		int cap = d->cap ? d->cap * 2 : 64;
		struct jv *nn;

		if (cap > JV_NODES_MAX)
			return -1;
		nn = realloc(d->nodes, (size_t)cap * sizeof(*nn));
		if (!nn)
			return -1;
		d->nodes = nn;
		d->cap = cap;
	}
	memset(&d->nodes[d->n], 0, sizeof(d->nodes[0]));
	d->nodes[d->n].child = d->nodes[d->n].next = -1;
	return d->n++;
}

/* A string's body: p at the opening quote; *s, *len set. */
static int string(struct jp *j, const char **s, size_t *len)
{
	const char *q = ++j->p;

	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p;

		if (c < 0x20)
			return -1;
		if (c == '\\') {
			if (++j->p >= j->end)
				return -1;
			if (*j->p == 'u') {
				int i;

				for (i = 1; i <= 4; i++)
					if (j->p + i >= j->end ||
					    !isxdigit((unsigned char)j->p[i]))
						return -1;
				j->p += 4;
			} else if (!strchr("\"\\/bfnrt", *j->p)) {
				return -1;
			}
		}
		j->p++;
	}
	if (j->p >= j->end)
		return -1;
	*s = q;
	*len = (size_t)(j->p - q);
	j->p++;
	return 0;
}

static int value(struct jp *j, int depth);

/* Parse the elements or members of an array or object into node n. */
static int container(struct jp *j, int n, bool obj, int depth)
{
	char close = obj ? '}' : ']';
	int prev = -1;

	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 0;
	}
	for (;;) {
		const char *k = NULL;
		size_t klen = 0;
		int c;

		ws(j);
		if (obj) {
			if (j->p >= j->end || *j->p != '"' ||
			    string(j, &k, &klen) < 0)
				return -1;
			ws(j);
			if (j->p >= j->end || *j->p != ':')
				return -1;
			j->p++;
			ws(j);
		}
		c = value(j, depth + 1);
		if (c < 0)
			return -1;
		j->d->nodes[c].key = k;
		j->d->nodes[c].key_len = klen;
		if (prev < 0)
			j->d->nodes[n].child = c;
		else
			j->d->nodes[prev].next = c;
		prev = c;
		ws(j);
		if (j->p >= j->end)
			return -1;
		if (*j->p == close) {
			j->p++;
			return 0;
		}
		if (*j->p != ',')
			return -1;
		j->p++;
	}
}

static bool word(struct jp *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n))
		return false;
	j->p += n;
	return true;
}

static int value(struct jp *j, int depth)
{
	int n;
	struct jv *v;

	if (depth > JV_DEPTH_MAX || j->p >= j->end)
		return -1;
	n = node(j);
	if (n < 0)
		return -1;
	v = &j->d->nodes[n];
	switch (*j->p) {
	case '{':
	case '[': {
		const char *start = j->p;

		v->type = *j->p == '{' ? JV_OBJ : JV_ARR;
		if (container(j, n, v->type == JV_OBJ, depth) < 0)
			return -1;
		/* nodes may have moved: v is stale */
		j->d->nodes[n].s = start;
		j->d->nodes[n].len = (size_t)(j->p - start);
		return n;
	}
	case '"':
		v->type = JV_STR;
		return string(j, &v->s, &v->len) < 0 ? -1 : n;
	case 't':
		v->type = JV_BOOL;
		v->b = true;
		return word(j, "true") ? n : -1;
	case 'f':
		v->type = JV_BOOL;
		return word(j, "false") ? n : -1;
	case 'n':
		v->type = JV_NULL;
		return word(j, "null") ? n : -1;
	}
	if (*j->p != '-' && !isdigit((unsigned char)*j->p))
		return -1;
	v->type = JV_NUM;
	v->s = j->p;
	while (j->p < j->end && (isdigit((unsigned char)*j->p) ||
				 strchr("-+.eE", *j->p)))
		j->p++;
	v->len = (size_t)(j->p - v->s);
	return n;
}

int jv_parse(const char *text, size_t len, struct jv_doc *d)
{
	struct jp j = { text, text + len, d };

	memset(d, 0, sizeof(*d));
	ws(&j);
	if (value(&j, 0) < 0)
		goto fail;
	ws(&j);
	if (j.p != j.end)
		goto fail;
	return 0;
fail:
	jv_free(d);
	return -1;
}

void jv_free(struct jv_doc *d)
{
	free(d->nodes);
	memset(d, 0, sizeof(*d));
}

const struct jv *jv_root(const struct jv_doc *d)
{
	return d->n ? &d->nodes[0] : NULL;
}

const struct jv *jv_first(const struct jv_doc *d, const struct jv *v)
{
	return v && v->child >= 0 ? &d->nodes[v->child] : NULL;
}

const struct jv *jv_next(const struct jv_doc *d, const struct jv *v)
{
	return v && v->next >= 0 ? &d->nodes[v->next] : NULL;
}

const struct jv *jv_get(const struct jv_doc *d, const struct jv *obj,
			const char *key)
{
	const struct jv *c;
	size_t n = strlen(key);

	if (!obj || obj->type != JV_OBJ)
		return NULL;
	for (c = jv_first(d, obj); c; c = jv_next(d, c))
		if (c->key_len == n && !memcmp(c->key, key, n))
			return c;
	return NULL;
}

static void unescape(const char *s, size_t len, char *buf, size_t size)
{
	size_t i, o = 0;

	if (!size)
		return;
	for (i = 0; i < len && o + 1 < size; i++) {
		char c = s[i];

		if (c == '\\' && i + 1 < len) {
			c = s[++i];
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': {
				char hex[5] = { 0 };
				unsigned long u;

				memcpy(hex, s + i + 1, i + 4 < len ? 4 : 0);
				u = strtoul(hex, NULL, 16);
				c = u >= 0x20 && u < 0x7f ? (char)u : '?';
				i += 4;
				break;
			}
			default: break;
			}
		}
		buf[o++] = c;
	}
	buf[o] = '\0';
}

void jv_str(const struct jv *v, char *buf, size_t size)
{
	if (!v || v->type != JV_STR) {
		if (size)
			buf[0] = '\0';
		return;
	}
	unescape(v->s, v->len, buf, size);
}

void jv_key(const struct jv *v, char *buf, size_t size)
{
	if (!v || !v->key) {
		if (size)
			buf[0] = '\0';
		return;
	}
	unescape(v->key, v->key_len, buf, size);
}

uint64_t jv_u64(const struct jv *v)
{
	uint64_t n = 0;
	size_t i;

	if (!v || v->type != JV_NUM)
		return 0;
	for (i = 0; i < v->len; i++) {
		if (!isdigit((unsigned char)v->s[i]))
			return 0;
		n = n * 10 + (uint64_t)(v->s[i] - '0');
	}
	return n;
}
