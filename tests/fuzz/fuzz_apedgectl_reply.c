// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: apedgectl's parsers of netlink replies, errors and the
 * daemon's control replies, and the printing of what they accept.
 *
 * The first byte chooses how the rest is read:
 *   0  a receive buffer of netlink messages, as is;
 *   1  one genetlink message: the next byte is the command, the rest its
 *      attributes (so that the fuzzer need not find a valid header); of
 *      the controller if bit 3 of the first byte is set;
 *   2  one NLMSG_ERROR (or, with the next byte odd, NLMSG_DONE): the next
 *      byte's high bits are its flags, the rest its payload;
 *   3  a control socket reply.
 * Whatever a parser accepts must print as valid JSON.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "apedgectl/ctl.h"
#include "apedgectl/output.h"
#include "apedgectl/reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A strict JSON checker for what output.c writes. */
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
	}
	if (*r->p < '0' || *r->p > '9')
		return false;
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		r->p++;
	return true;
}

/* Every line of text is one JSON document. */
static void check_json(const char *text, size_t len)
{
	struct jr r = { text, text + len };

	while (r.p < r.end) {
		if (!jvalue(&r, 0))
			abort();
		ws(&r);
	}
}

static char *obuf;
static size_t olen;

static void print_all(const struct nlmsghdr *nlh, bool pretty)
{
	struct actl_binding_config bc;
	struct actl_binding b;
	struct actl_info info;
	struct actl_port port;
	static struct actl_stats st;
	struct out o;
	FILE *f = open_memstream(&obuf, &olen);

	if (!f)
		return;
	out_init(&o, f, true, pretty);
	if (!actl_parse_info(nlh, &info))
		out_info(&o, &info);
	if (!actl_parse_port(nlh, &port)) {
		out_list_begin(&o, NULL);
		out_port(&o, &port);
		out_port(&o, &port);
		out_list_end(&o);
		out_event(&o, "port-add", &port);
	}
	if (!actl_parse_stats(nlh, &st)) {
		out_list_begin(&o, NULL);
		out_stats(&o, &st);
		out_list_end(&o);
	}
	if (!actl_parse_binding(nlh, &b)) {
		out_list_begin(&o, NULL);
		out_binding(&o, &b, "va");
		out_binding(&o, &b, "");
		out_list_end(&o);
	}
	if (!actl_parse_binding_config(nlh, &bc))
		out_binding_config(&o, &bc);
	fclose(f);
	check_json(obuf, olen);
	free(obuf);
	obuf = NULL;

	/* And as text, which must not crash either. */
	f = fopen("/dev/null", "w");
	if (!f)
		return;
	out_init(&o, f, false, false);
	if (!actl_parse_info(nlh, &info))
		out_info(&o, &info);
	if (!actl_parse_port(nlh, &port))
		out_port(&o, &port);
	if (!actl_parse_stats(nlh, &st)) {
		out_stats(&o, &st);
		out_counters(&o, &st);
		out_sg(&o, &st);
	}
	if (!actl_parse_binding(nlh, &b))
		out_binding(&o, &b, "va");
	if (!actl_parse_binding_config(nlh, &bc))
		out_binding_config(&o, &bc);
	{
		static struct actl_punt punt;

		if (!actl_parse_punt(nlh, &punt)) {
			out_punt(&o, &punt, "va");
			o.json = true;
			out_punt(&o, &punt, "");
		}
	}
	fclose(f);
}

static void one_message(const struct nlmsghdr *nlh, bool pretty)
{
	uint32_t grp;
	uint16_t id;
	char msg[256];
	int err;

	print_all(nlh, pretty);
	actl_parse_family(nlh, "events", &id, &grp);
	if (actl_event_kind(nlh, 0x20) == ACTL_EV_GONE &&
	    nlh->nlmsg_type != GENL_ID_CTRL)
		abort();
	if (!actl_parse_error(nlh, &err, msg, sizeof(msg)))
		if (err > 0 || err < -4095 || strlen(msg) >= sizeof(msg))
			abort();
}

/* Wrap payload in a message of the given type, flags and extra header. */
static void wrapped(uint16_t type, uint16_t flags, const void *extra,
		    size_t extra_len, const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh;
	size_t len = NLMSG_HDRLEN + MNL_ALIGN(extra_len) + size;
	void *buf;

	if (len > 65536)
		return;
	buf = calloc(1, MNL_ALIGN(len));
	if (!buf)
		return;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	if (extra_len)
		memcpy(mnl_nlmsg_put_extra_header(nlh, extra_len), extra,
		       extra_len);
	memcpy((char *)buf + nlh->nlmsg_len, data, size);
	nlh->nlmsg_len += size;
	if (actl_nlmsg_ok(nlh, MNL_ALIGN(len)))
		one_message(nlh, flags & 1);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct nlmsghdr *nlh;
	struct genlmsghdr g = { .version = 1 };
	const char *body;
	char *copy;
	int len;
	void *buf;

	if (size < 2)
		return 0;
	switch (data[0] & 3) {
	case 0:
		/* Aligned, as a receive buffer is. */
		len = size - 1;
		buf = malloc(len);
		if (!buf)
			return 0;
		memcpy(buf, data + 1, len);
		for (nlh = buf; actl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len))
			one_message(nlh, data[0] & 4);
		free(buf);
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
