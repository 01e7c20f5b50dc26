// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: apedgectl's printing of what the family's codec (lib/amsg.c)
 * accepts, as text and as JSON, and its reading of the daemon's control
 * replies.
 *
 * The first byte chooses how the rest is read:
 *   0  a receive buffer of netlink messages, as is;
 *   1  one genetlink message: the next byte is the command, the rest its
 *      attributes (so that the fuzzer need not find a valid header); of
 *      the controller if bit 3 of the first byte is set;
 *   2  one NLMSG_ERROR (or, with the next byte odd, NLMSG_DONE): the next
 *      byte's high bits are its flags, the rest its payload;
 *   3  a control socket reply.
 * Whatever a parser accepts must print as valid JSON, in valid UTF-8,
 * and as text without a control character (but the line ends).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "apedgectl/cmd.h"
#include "apedgectl/ctl.h"
#include "lib/amsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A strict JSON checker for what the print path writes. */
struct jr {
	const char *p, *end;
};

static void ws(struct jr *r)
{
	while (r->p < r->end && strchr(" \n", *r->p))
		r->p++;
}

static bool jvalue(struct jr *r, int depth);

static bool jstring(struct jr *r)
{
	if (r->p >= r->end || *r->p++ != '"')
		return false;
	while (r->p < r->end && *r->p != '"') {
		unsigned char c = *r->p++;

		if (c < 0x20)
			return false;
		if (c != '\\')
			continue;
		if (r->p >= r->end)
			return false;
		c = *r->p++;
		if (c == 'u') {
			int i;

			for (i = 0; i < 4; i++)
				if (r->p >= r->end || !strchr("0123456789abcdef", *r->p++))
					return false;
		} else if (!strchr("\"\\/bfnrt", c)) {
			return false;
		}
	}
	return r->p++ < r->end;
}

static bool jlist(struct jr *r, char close, bool members, int depth)
{
	r->p++;
	ws(r);
	if (r->p < r->end && *r->p == close)
		return r->p++, true;
	for (;;) {
		ws(r);
		if (members) {
			if (!jstring(r))
				return false;
			ws(r);
			if (r->p >= r->end || *r->p++ != ':')
				return false;
			ws(r);
		}
		if (!jvalue(r, depth + 1))
			return false;
		ws(r);
		if (r->p >= r->end)
			return false;
		if (*r->p == close)
			return r->p++, true;
		if (*r->p++ != ',')
			return false;
	}
}

static bool jvalue(struct jr *r, int depth)
{
	if (depth > 8 || r->p >= r->end)
		return false;
	switch (*r->p) {
	case '{':
		return jlist(r, '}', true, depth);
	case '[':
		return jlist(r, ']', false, depth);
	case '"':
		return jstring(r);
	case 't':
	case 'f':
	case 'n':
		while (r->p < r->end && *r->p >= 'a' && *r->p <= 'z')
			r->p++;
		return true;
	}
	if (*r->p < '0' || *r->p > '9')
		return false;
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		r->p++;
	return true;
}

/* Well-formed UTF-8 (RFC 3629), as lib/json.c promises. */
static void check_utf8(const unsigned char *p, size_t len)
{
	size_t i = 0, n, k;
	unsigned int cp;

	while (i < len) {
		if (p[i] < 0x80) {
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

/* Every line of text is one JSON document. */
static void check_json(const char *text, size_t len)
{
	struct jr r = { text, text + len };

	check_utf8((const unsigned char *)text, len);
	while (r.p < r.end) {
		if (!jvalue(&r, 0))
			abort();
		ws(&r);
	}
}

static char *obuf;
static size_t olen;

/* Everything the parsers accept of one message, on the print path p. */
static void print_msg(struct print *p, const void *msg, size_t len)
{
	static struct amsg_stats st;
	static struct amsg_punt punt;
	struct amsg_binding_config bc;
	struct amsg_binding b;
	struct amsg_info info;
	struct amsg_port port;
	struct stats_text t;
	struct amsg_err err;

	if (!amsg_parse_info(msg, len, 0, &info, &err))
		info_print(p, &info);
	if (!amsg_parse_port(msg, len, 0, &port, &err)) {
		print_arr_begin(p, NULL);
		port_print(p, &port);
		port_print(p, &port);
		print_arr_end(p);
		port_event_print(p, "port-add", &port);
	}
	if (!amsg_parse_stats(msg, len, 0, &st, &err)) {
		stats_begin(p, &t);
		stats_print(p, &t, &st);
		stats_end(p, &t, true);
	}
	if (!amsg_parse_binding(msg, len, 0, &b, &err)) {
		print_arr_begin(p, NULL);
		binding_print(p, &b, "va");
		binding_print(p, &b, "");
		print_arr_end(p);
	}
	if (!amsg_parse_binding_config(msg, len, 0, &bc, &err))
		binding_config_print(p, &bc);
	if (!amsg_parse_punt(msg, len, 0, &punt, &err)) {
		punt_print(p, &punt, "va");
		punt_print(p, &punt, "");
	}
}

static void one_message(const void *msg, size_t len, bool pretty)
{
	struct print p;
	FILE *f = open_memstream(&obuf, &olen);

	if (!f)
		return;
	print_init(&p, f, true, pretty);
	print_msg(&p, msg, len);
	print_free(&p);
	fclose(f);
	check_json(obuf, olen);
	free(obuf);
	obuf = NULL;

	/* And as text, with no control character but the line ends. */
	f = open_memstream(&obuf, &olen);
	if (!f)
		return;
	print_init(&p, f, false, false);
	print_msg(&p, msg, len);
	print_free(&p);
	fclose(f);
	for (size_t i = 0; i < olen; i++)
		if (((unsigned char)obuf[i] < 0x20 && obuf[i] != '\n') ||
		    obuf[i] == 0x7f)
			abort();
	free(obuf);
	obuf = NULL;
}

/* Wrap payload in a message of the given type, flags and extra header. */
static void wrapped(uint16_t type, uint16_t flags, const void *extra,
		    size_t extra_len, const uint8_t *data, size_t size)
{
	struct nlmsghdr nlh = { .nlmsg_type = type, .nlmsg_flags = flags };
	size_t len = NLMSG_HDRLEN + NLMSG_ALIGN(extra_len) + size;
	uint8_t *buf;

	if (len > 65536)
		return;
	buf = calloc(1, len);
	if (!buf)
		return;
	nlh.nlmsg_len = (uint32_t)len;
	memcpy(buf, &nlh, sizeof(nlh));
	if (extra_len)
		memcpy(buf + NLMSG_HDRLEN, extra, extra_len);
	memcpy(buf + NLMSG_HDRLEN + NLMSG_ALIGN(extra_len), data, size);
	one_message(buf, len, flags & 1);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct genlmsghdr g = { .version = 1 };
	const uint8_t *pos, *msg;
	size_t left, len;
	struct amsg_err err;
	const char *body;
	char *copy;

	if (size < 2)
		return 0;
	switch (data[0] & 3) {
	case 0:
		/* A receive buffer, as it comes off the socket. */
		pos = data + 1;
		left = size - 1;
		while (amsg_next(&pos, &left, &msg, &len, &err) > 0)
			one_message(msg, len, data[0] & 4);
		break;
	case 1:
		g.cmd = data[1];
		/* As the module's message, or as the controller's. */
		wrapped(data[0] & 8 ? GENL_ID_CTRL : 0x20, data[0] >> 7, &g,
			sizeof(g), data + 2, size - 2);
		break;
	case 2:
		wrapped(data[1] & 1 ? NLMSG_DONE : NLMSG_ERROR,
			(data[1] & 0xfe) << 7, NULL, 0, data + 2, size - 2);
		break;
	case 3:
		copy = malloc(size);
		if (!copy)
			return 0;
		memcpy(copy, data + 1, size - 1);
		copy[size - 1] = '\0';
		if (actl_ctl_split(copy, &body) >= 0 && !body)
			abort();
		free(copy);
		break;
	}
	return 0;
}
