// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer; see json.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/json.h"

void json_init(struct json *j, struct strbuf *sb, enum json_style style)
{
	memset(j, 0, sizeof(*j));
	j->sb = sb;
	j->style = style;
}

bool json_ok(const struct json *j)
{
	return !j->bad && !j->depth && !j->key && !j->sb->oom;
}

/* Length of the well-formed UTF-8 sequence at s[0..len), 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t len)
{
	unsigned int cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

void json_escape(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	size_t n;

	sb_append(sb, "\"", 1);
	while (p < end) {
		/* A run that needs no escape goes in one piece. */
		for (n = 0; p + n < end && p[n] >= 0x20 && p[n] < 0x7f &&
		     p[n] != '"' && p[n] != '\\'; n++)
			;
		if (n) {
			sb_append(sb, (const char *)p, n);
			p += n;
			continue;
		}
		n = 1;
		switch (*p) {
		case '"':
			sb_append(sb, "\\\"", 2);
			break;
		case '\\':
			sb_append(sb, "\\\\", 2);
			break;
		case '\n':
			sb_append(sb, "\\n", 2);
			break;
		case '\r':
			sb_append(sb, "\\r", 2);
			break;
		case '\t':
			sb_append(sb, "\\t", 2);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				sb_printf(sb, "\\u%04x", *p);
			} else if ((n = utf8_len(p, (size_t)(end - p)))) {
				sb_append(sb, (const char *)p, n);
			} else {
				/* Not UTF-8: U+FFFD for this byte. */
				sb_append(sb, "\\ufffd", 6);
				n = 1;
			}
		}
		p += n;
	}
	sb_append(sb, "\"", 1);
}

void sb_json_string(struct strbuf *sb, const char *s)
{
	if (!s)
		sb_puts(sb, "null");
	else
		json_escape(sb, s, strlen(s));
}

static void newline(struct json *j, unsigned int depth)
{
	unsigned int i;

	sb_append(j->sb, "\n", 1);
	for (i = 0; i < depth; i++)
		sb_append(j->sb, "  ", 2);
}

/*
 * Before a value: its separator and indentation in an array, nothing
 * after a key; a misuse in an object without the key.  container: the
 * value is an object or array.  false if it must not be written.
 */
static bool value(struct json *j, bool container)
{
	struct json_level *l;

	if (j->bad)
		return false;
	if (!j->depth)
		return true;
	l = &j->level[j->depth - 1];
	if (l->object) {
		if (!j->key) {
			j->bad = true;
			return false;
		}
		j->key = false;
		return true;
	}
	if (l->n++)
		sb_append(j->sb, ",", 1);
	if (container && j->style == JSON_PRETTY) {
		l->nested = true;
		newline(j, j->depth);
	} else if (l->n > 1 && j->style != JSON_COMPACT) {
		sb_append(j->sb, " ", 1);
	}
	return true;
}

void json_key(struct json *j, const char *key)
{
	struct json_level *l;

	if (j->bad)
		return;
	if (!j->depth || !j->level[j->depth - 1].object || j->key || !key) {
		j->bad = true;
		return;
	}
	l = &j->level[j->depth - 1];
	if (l->n++)
		sb_append(j->sb, ",", 1);
	if (j->style == JSON_PRETTY)
		newline(j, j->depth);
	else if (l->n > 1 && j->style == JSON_SPACED)
		sb_append(j->sb, " ", 1);
	json_escape(j->sb, key, strlen(key));
	if (j->style == JSON_COMPACT)
		sb_append(j->sb, ":", 1);
	else
		sb_append(j->sb, ": ", 2);
	j->key = true;
}

static void container_open(struct json *j, bool object)
{
	struct json_level *l;

	if (j->depth == JSON_DEPTH_MAX) {
		j->bad = true;
		return;
	}
	if (!value(j, true))
		return;
	l = &j->level[j->depth++];
	l->object = object;
	l->nested = false;
	l->n = 0;
	sb_append(j->sb, object ? "{" : "[", 1);
}

static void container_close(struct json *j, bool object)
{
	struct json_level *l;

	if (j->bad)
		return;
	if (!j->depth || j->level[j->depth - 1].object != object || j->key) {
		j->bad = true;
		return;
	}
	l = &j->level[--j->depth];
	if (j->style == JSON_PRETTY && (object ? l->n : l->nested))
		newline(j, j->depth);
	sb_append(j->sb, object ? "}" : "]", 1);
}

void json_obj_begin(struct json *j)
{
	container_open(j, true);
}

void json_obj_end(struct json *j)
{
	container_close(j, true);
}

void json_arr_begin(struct json *j)
{
	container_open(j, false);
}

void json_arr_end(struct json *j)
{
	container_close(j, false);
}

void json_strn(struct json *j, const char *s, size_t len)
{
	if (value(j, false))
		json_escape(j->sb, s, len);
}

void json_str(struct json *j, const char *s)
{
	if (!s)
		json_null(j);
	else
		json_strn(j, s, strlen(s));
}

void json_u64(struct json *j, uint64_t v)
{
	if (value(j, false))
		sb_printf(j->sb, "%" PRIu64, v);
}

void json_i64(struct json *j, int64_t v)
{
	if (value(j, false))
		sb_printf(j->sb, "%" PRId64, v);
}

void json_bool(struct json *j, bool v)
{
	if (value(j, false))
		sb_puts(j->sb, v ? "true" : "false");
}

void json_null(struct json *j)
{
	if (value(j, false))
		sb_puts(j->sb, "null");
}

void json_raw(struct json *j, const char *text)
{
	if (value(j, false))
		sb_puts(j->sb, text);
}

void json_kstr(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_ku64(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_u64(j, v);
}

void json_ki64(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	json_i64(j, v);
}

void json_kbool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_knull(struct json *j, const char *key)
{
	json_key(j, key);
	json_null(j);
}

/* A member that opens a container: nothing of it when too deep. */
static void kopen(struct json *j, const char *key, bool object)
{
	if (j->depth == JSON_DEPTH_MAX) {
		j->bad = true;
		return;
	}
	json_key(j, key);
	container_open(j, object);
}

void json_kobj_begin(struct json *j, const char *key)
{
	kopen(j, key, true);
}

void json_karr_begin(struct json *j, const char *key)
{
	kopen(j, key, false);
}
