// SPDX-License-Identifier: GPL-2.0
/*
 * The print path; see print.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "apedgectl/print.h"

void print_init(struct print *p, FILE *f, bool json, bool pretty)
{
	p->f = f;
	p->json = json;
	sb_init(&p->sb);
	json_init(&p->j, &p->sb, pretty ? JSON_PRETTY : JSON_COMPACT);
}

static void flush(struct print *p)
{
	if (p->sb.len)
		fwrite(sb_str(&p->sb), 1, p->sb.len, p->f);
	sb_reset(&p->sb);
}

void print_free(struct print *p)
{
	flush(p);
	sb_free(&p->sb);
}

bool print_is_json(const struct print *p)
{
	return p->json;
}

/* After a JSON value: write out a complete document or list element. */
static void written(struct print *p)
{
	if (p->j.depth > 1)
		return;
	if (!p->j.depth)
		sb_puts(&p->sb, "\n");
	flush(p);
}

void print_obj_begin(struct print *p, const char *key)
{
	if (!p->json)
		return;
	if (key)
		json_key(&p->j, key);
	json_obj_begin(&p->j);
}

void print_obj_end(struct print *p)
{
	if (!p->json)
		return;
	json_obj_end(&p->j);
	written(p);
}

void print_arr_begin(struct print *p, const char *key)
{
	if (!p->json)
		return;
	if (key)
		json_key(&p->j, key);
	json_arr_begin(&p->j);
}

void print_arr_end(struct print *p)
{
	if (!p->json)
		return;
	json_arr_end(&p->j);
	written(p);
}

/* Whether to write the JSON form, and its key. */
static bool want_json(struct print *p, enum print_type t, const char *key)
{
	if (!p->json || t == PRINT_TEXT)
		return false;
	if (key)
		json_key(&p->j, key);
	return true;
}

static bool want_text(const struct print *p, enum print_type t,
		      const char *fmt)
{
	return !p->json && t != PRINT_JSON && fmt;
}

char *print_safe(const char *s)
{
	char *copy = strdup(s), *c;

	for (c = copy; c && *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return copy;
}

/*
 * The text formats come from the callers, one conversion each of the
 * type print.h says; as iproute2's json_print.c, they are not literals.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

void print_str(struct print *p, enum print_type t, const char *key,
	       const char *fmt, const char *v)
{
	char *safe;

	if (want_json(p, t, key)) {
		json_str(&p->j, v);
	} else if (want_text(p, t, fmt)) {
		safe = print_safe(v ? v : "");
		fprintf(p->f, fmt, safe ? safe : "?");
		free(safe);
	}
}

void print_uint(struct print *p, enum print_type t, const char *key,
		const char *fmt, unsigned int v)
{
	if (want_json(p, t, key))
		json_u64(&p->j, v);
	else if (want_text(p, t, fmt))
		fprintf(p->f, fmt, v);
}

void print_u64(struct print *p, enum print_type t, const char *key,
	       const char *fmt, uint64_t v)
{
	if (want_json(p, t, key))
		json_u64(&p->j, v);
	else if (want_text(p, t, fmt))
		fprintf(p->f, fmt, v);
}

void print_bool(struct print *p, enum print_type t, const char *key,
		const char *fmt, bool v)
{
	if (want_json(p, t, key))
		json_bool(&p->j, v);
	else if (want_text(p, t, fmt))
		fprintf(p->f, fmt, v ? "yes" : "no");
}

#pragma GCC diagnostic pop

void print_text(struct print *p, const char *fmt, ...)
{
	va_list ap;

	if (p->json)
		return;
	va_start(ap, fmt);
	vfprintf(p->f, fmt, ap);
	va_end(ap);
}

void print_nl(struct print *p)
{
	if (!p->json)
		fputc('\n', p->f);
}
