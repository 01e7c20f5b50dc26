// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: the JSON writer (lib/json.c), driven by the input as a list
 * of operations.  Whatever it writes must be valid UTF-8, and, when it
 * says all went well (json_ok()), one valid JSON document that the reader
 * (lib/jsonv.c) takes back; a misuse must never write past what it had
 * written.
 *
 * Each operation is one byte: its low 4 bits choose it, its high 4 bits
 * the length of a string taken from the bytes that follow.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"
#include "lib/jsonv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const unsigned char *p, size_t len)
{
	size_t i = 0, n, k;
	unsigned int cp;

	while (i < len) {
		if (p[i] < 0x80) {
			if (p[i] < 0x20 && p[i] != '\n')
				abort();
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf)
			n = 2, cp = p[i] & 0x1f;
		else if (p[i] >= 0xe0 && p[i] <= 0xef)
			n = 3, cp = p[i] & 0x0f;
		else if (p[i] >= 0xf0 && p[i] <= 0xf4)
			n = 4, cp = p[i] & 0x07;
		else
			abort();
		if (i + n > len)
			abort();
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				abort();
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			abort();
		i += n;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb;
	struct json j;
	struct jv_doc d;
	size_t i = 1, n, before, top = 0;
	char s[16];

	if (!size)
		return 0;
	sb_init(&sb);
	json_init(&j, &sb, data[0] % 3);
	while (i < size) {
		uint8_t op = data[i++];

		n = op >> 4;
		if (n > size - i)
			n = size - i;
		memcpy(s, data + i, n);
		s[n] = '\0';
		before = sb.len;
		/* Values begun at the top: a document is one. */
		if (!j.depth && !j.bad && (op & 15) != 1 && (op & 15) != 3 &&
		    (op & 15) != 4)
			top++;
		switch (op & 15) {
		case 0: json_obj_begin(&j); break;
		case 1: json_obj_end(&j); break;
		case 2: json_arr_begin(&j); break;
		case 3: json_arr_end(&j); break;
		case 4: json_key(&j, s); i += n; break;
		case 5: json_strn(&j, s, n); i += n; break;
		case 6: json_str(&j, n ? s : NULL); i += n; break;
		case 7: json_u64(&j, (uint64_t)op << 56 | size); break;
		case 8: json_i64(&j, -(int64_t)size); break;
		case 9: json_bool(&j, op & 16); break;
		case 10: json_null(&j); break;
		case 11: json_kstr(&j, s, s); i += n; break;
		case 12: json_kobj_begin(&j, s); i += n; break;
		case 13: json_karr_begin(&j, s); i += n; break;
		default: json_ku64(&j, s, op); i += n; break;
		}
		/* A misuse writes nothing, and nothing is written after. */
		if (j.bad && sb.len != before)
			abort();
	}
	check_utf8((const unsigned char *)sb_str(&sb), sb.len);
	/* One whole document reads back. */
	if (json_ok(&j) && top == 1) {
		if (jv_parse(sb_str(&sb), sb.len, &d) < 0)
			abort();
		jv_free(&d);
	}
	sb_free(&sb);
	return 0;
}
