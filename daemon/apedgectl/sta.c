// SPDX-License-Identifier: GPL-2.0
/*
 * sta (or station): the stations apedged follows, through its control
 * socket (apedged's iapp/ctl.c).
 *
 *   sta add dev IF mac MAC [vlan VID] [authorized|unauthorized]
 *           [prev-ap BSSID] [ip ADDR]...
 *   sta authorize|del mac MAC
 *   sta show
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "apedgectl/cmd.h"

static const char *const add_kws[] = {
	"dev", "mac", "vlan", "authorized", "unauthorized", "prev-ap", "ip",
	NULL
};
static const char *const mac_kws[] = { "mac", NULL };

/* An address as inet_pton() takes it: digits, hex, '.' and ':'. */
static bool addr_chars(const char *s)
{
	if (!*s || strlen(s) > 45)
		return false;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s) && *s != '.' && *s != ':')
			return false;
	return true;
}

static int parse_words(struct actl_parser *p, struct actl_req *req)
{
	bool add = req->cmd == ACTL_CMD_STA_ADD;
	const char *raw, *kw, *s;
	unsigned long n;

	while ((raw = actl_next(p))) {
		if (!(kw = actl_expand(p, raw, add ? add_kws : mac_kws)))
			return -1;
		if (!strcmp(kw, "mac")) {
			if (req->has_sta)
				return actl_fail(p, "the station is given twice");
			if (actl_mac_value(p, kw, req->sta))
				return -1;
			req->has_sta = true;
		} else if (!add) {
			return actl_fail(p, "%s: unexpected \"%s\"",
					 actl_cmd_name(req->cmd), raw);
		} else if (!strcmp(kw, "dev")) {
			if (actl_device(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "vlan")) {
			if (actl_number(p, kw, 1, 4094, &n))
				return -1;
			req->vlan = n;
		} else if (!strcmp(kw, "authorized")) {
			req->authorized = true;
		} else if (!strcmp(kw, "unauthorized")) {
			req->authorized = false;
		} else if (!strcmp(kw, "prev-ap")) {
			if (actl_mac_value(p, kw, req->prev_ap))
				return -1;
			req->has_prev_ap = true;
		} else if (!strcmp(kw, "ip")) {
			if (actl_value(p, kw, &s))
				return -1;
			if (!addr_chars(s))
				return actl_fail(p, "ip \"%s\": not an address", s);
			if (req->n_ips >= ACTL_IPS_MAX)
				return actl_fail(p, "sta add: at most %d addresses",
						 ACTL_IPS_MAX);
			req->ips[req->n_ips++] = s;
		} else {
			return actl_fail(p, "sta add: unexpected \"%s\"", raw);
		}
	}
	if (add && actl_need_device(p, req))
		return -1;
	if (!req->has_sta)
		return actl_fail(p, "%s: \"mac MAC\" is required",
				 actl_cmd_name(req->cmd));
	return 0;
}

/* Append to the line at buf; false when it does not fit. */
static bool append(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
	return n >= 0 && (size_t)n < size - len;
}

int sta_line(const struct actl_req *req, char *buf, size_t size)
{
	char mac[MAC_STR_LEN], prev[MAC_STR_LEN];
	unsigned int i;

	if (!size)
		return -1;
	buf[0] = '\0';
	switch (req->cmd) {
	case ACTL_CMD_STA_SHOW:
		return append(buf, size, "sta show\n") ? 0 : -1;
	case ACTL_CMD_STA_AUTHORIZE:
	case ACTL_CMD_STA_DEL:
		return append(buf, size, "sta %s %s\n",
			      req->cmd == ACTL_CMD_STA_DEL ? "del" : "authorize",
			      mac_format(req->sta, mac)) ? 0 : -1;
	case ACTL_CMD_STA_ADD:
		break;
	default:
		return -1;
	}
	if (!append(buf, size, "sta add %s %s %s", req->ifname,
		    mac_format(req->sta, mac),
		    req->authorized ? "authorized" : "unauthorized"))
		return -1;
	if (req->vlan && !append(buf, size, " vlan %u", req->vlan))
		return -1;
	if (req->has_prev_ap &&
	    !append(buf, size, " prev-ap %s", mac_format(req->prev_ap, prev)))
		return -1;
	for (i = 0; i < req->n_ips; i++)
		if (!append(buf, size, " ip %s", req->ips[i]))
			return -1;
	return append(buf, size, "\n") ? 0 : -1;
}

void sta_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *list = jv_get(d, jv_root(d), "stations"), *s, *c;
	char mac[32], ifn[32], st[32], vlan[16], seq[16], prev[32], a[64];

	fprintf(f, "%-17s  %-15s  %-10s  %4s  %5s  %-17s  %s\n", "STATION",
		"IFNAME", "STATE", "VLAN", "SEQ", "PREV-AP", "ADDRESSES");
	for (s = jv_first(d, list); s; s = jv_next(d, s)) {
		const struct jv *fetched = jv_get(d, s, "context_fetched");
		bool any = false;

		fprintf(f, "%-17s  %-15s  %-10s  %4s  %5s  %-17s  ",
			actl_jv_member(d, s, "mac", mac, sizeof(mac)),
			actl_jv_member(d, s, "ifname", ifn, sizeof(ifn)),
			actl_jv_member(d, s, "state", st, sizeof(st)),
			actl_jv_member(d, s, "vlan", vlan, sizeof(vlan)),
			actl_jv_member(d, s, "seq", seq, sizeof(seq)),
			actl_jv_member(d, s, "prev_ap", prev, sizeof(prev)));
		for (c = jv_first(d, jv_get(d, s, "ipv4")); c; c = jv_next(d, c)) {
			actl_jv_text(c, a, sizeof(a));
			fprintf(f, "%s%s", any ? " " : "", a);
			any = true;
		}
		for (c = jv_first(d, jv_get(d, s, "ipv6")); c; c = jv_next(d, c)) {
			actl_jv_text(c, a, sizeof(a));
			fprintf(f, "%s%s", any ? " " : "", a);
			any = true;
		}
		if (!any)
			fputc('-', f);
		if (fetched && fetched->type == JV_BOOL && fetched->b)
			fputs(" (fetched)", f);
		fputc('\n', f);
	}
}

static int show_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, sta_print_text, false);
}

/* sta add, authorize and del are quiet, unless -j. */
static int change_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, NULL, true);
}

/*
 * dev IF mac MAC vlan VID authorized prev-ap BSSID, and the addresses:
 * one more address than apedged takes still reaches the parser, which
 * says so.
 */
#define ADD_WORDS_MAX (9 + 2 * (ACTL_IPS_MAX + 1))

static const struct actl_verb sta_verbs[] = {
	{
		.name = "add", .cmd = ACTL_CMD_STA_ADD,
		.flags = ACTL_VERB_DAEMON, .min_args = 4,
		.max_args = ADD_WORDS_MAX, .parse = parse_words,
		.run = change_run,
		.args = "dev IF mac MAC [vlan VID] [authorized|unauthorized]\n"
			"[prev-ap BSSID] [ip ADDR]...",
	},
	{
		.name = "authorize", .cmd = ACTL_CMD_STA_AUTHORIZE,
		.flags = ACTL_VERB_DAEMON, .min_args = 2, .max_args = 2,
		.parse = parse_words, .run = change_run, .args = "mac MAC",
	},
	{
		.name = "del", .cmd = ACTL_CMD_STA_DEL,
		.flags = ACTL_VERB_DAEMON, .min_args = 2, .max_args = 2,
		.parse = parse_words, .run = change_run, .args = "mac MAC",
	},
	{
		.name = "show", .cmd = ACTL_CMD_STA_SHOW,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 0,
		.run = show_run,
	},
	{
		.name = "list", .cmd = ACTL_CMD_STA_SHOW,
		.flags = ACTL_VERB_DAEMON | ACTL_VERB_ALIAS, .min_args = 0,
		.max_args = 0, .run = show_run,
	},
	{
		.name = "delete", .cmd = ACTL_CMD_STA_DEL,
		.flags = ACTL_VERB_DAEMON | ACTL_VERB_ALIAS | ACTL_VERB_EXACT,
		.min_args = 2, .max_args = 2, .parse = parse_words,
		.run = change_run,
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_sta = {
	.name = "sta", .flags = ACTL_OBJ_EXACT,
	.default_verb = "show", .verbs = sta_verbs,
	.help = "the stations apedged follows (its IAPP station table)",
};
