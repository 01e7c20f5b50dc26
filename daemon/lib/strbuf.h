/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A growable string.
 *
 * An allocation failure is remembered (sb->oom) and makes every later
 * append a no-op, so a writer checks once at the end.
 */
#ifndef APEDGED_STRBUF_H
#define APEDGED_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *buf;		/* NUL-terminated once anything was added */
	size_t len;
	size_t cap;
	bool oom;
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
const char *sb_str(const struct strbuf *sb);	/* "" when empty */

void sb_append(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * s as a JSON string, quotes included; NULL becomes null.  For JSON still
 * written by hand: it is lib/json.c's json_escape() (defined there), the
 * one escaper; new code writes JSON with lib/json.h.
 */
void sb_json_string(struct strbuf *sb, const char *s);

#endif
