// SPDX-License-Identifier: GPL-2.0
/* The control socket's station and IAPP words.  See iapp_ctl.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ifname.h"
#include "iapp/ctl.h"

__attribute__((format(printf, 3, 4)))
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int sta_mac_parse(const char *s, uint8_t mac[MAC_LEN])
{
	if (mac_parse(s, mac) < 0 || s[17] || !mac_is_unicast(mac) ||
	    mac_is_zero(mac))
		return -EINVAL;
	return 0;
}

int sta_add_parse(int argc, char **argv, struct sta_add_req *req,
		  char *err, size_t errlen)
{
	static const char usage[] = "usage: sta add IFNAME MAC [vlan N] "
		"[authorized|unauthorized] [prev-ap BSSID] [ip ADDR]...";
	int i;

	memset(req, 0, sizeof(*req));
	if (argc < 3)
		return fail(err, errlen, "%s", usage);
	if (!ifname_valid(argv[1]))
		return fail(err, errlen, "invalid interface name");
	snprintf(req->ifname, sizeof(req->ifname), "%s", argv[1]);
	if (sta_mac_parse(argv[2], req->mac) < 0)
		return fail(err, errlen, "invalid station address (a unicast "
			    "xx:xx:xx:xx:xx:xx)");
	for (i = 3; i < argc; i++) {
		const char *kw = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(kw, "authorized")) {
			req->authorized = true;
			continue;
		}
		if (!strcmp(kw, "unauthorized")) {
			req->authorized = false;
			continue;
		}
		if (strcmp(kw, "vlan") && strcmp(kw, "prev-ap") &&
		    strcmp(kw, "ip"))
			return fail(err, errlen, "unexpected word; %s", usage);
		if (!v)
			return fail(err, errlen, "'%s' needs a value", kw);
		i++;
		if (!strcmp(kw, "vlan")) {
			char *end;
			unsigned long n;

			n = strtoul(v, &end, 10);
			if (v[0] < '0' || v[0] > '9' || *end || n < 1 ||
			    n > 4094)
				return fail(err, errlen, "invalid vlan "
					    "(1..4094)");
			req->vlan = (uint16_t)n;
		} else if (!strcmp(kw, "prev-ap")) {
			if (sta_mac_parse(v, req->prev_ap) < 0)
				return fail(err, errlen, "invalid prev-ap "
					    "BSSID");
			req->has_prev_ap = true;
		} else {
			struct iapp_ctx *c = &req->ctx;
			uint8_t a6[16];
			uint8_t a4[4];

			if (inet_pton(AF_INET, v, a4) == 1) {
				if (sta_ctx_add_ipv4(c, a4, 0) < 0)
					return fail(err, errlen, "too many "
						    "addresses");
			} else if (inet_pton(AF_INET6, v, a6) == 1) {
				if (c->n_ipv6 >= IAPP_CTX_ADDRS_MAX)
					return fail(err, errlen, "too many "
						    "addresses");
				memcpy(c->ipv6[c->n_ipv6++].addr, a6, 16);
			} else {
				return fail(err, errlen, "invalid ip address");
			}
		}
	}
	req->ctx.vlan = req->vlan;
	return 0;
}

static void put_addrs(struct strbuf *sb, const struct iapp_ctx *ctx)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	sb_puts(sb, ", \"ipv4\": [");
	for (i = 0; i < ctx->n_ipv4 && i < IAPP_CTX_ADDRS_MAX; i++) {
		inet_ntop(AF_INET, ctx->ipv4[i].addr, buf, sizeof(buf));
		sb_printf(sb, "%s\"%s\"", i ? ", " : "", buf);
	}
	sb_puts(sb, "], \"ipv6\": [");
	for (i = 0; i < ctx->n_ipv6 && i < IAPP_CTX_ADDRS_MAX; i++) {
		inet_ntop(AF_INET6, ctx->ipv6[i].addr, buf, sizeof(buf));
		sb_printf(sb, "%s\"%s\"", i ? ", " : "", buf);
	}
	sb_puts(sb, "]");
}

void sta_format_list(struct sta_table *t, uint64_t now_ms,
		     struct strbuf *sb)
{
	char m[MAC_STR_LEN];
	struct list *pos;
	bool first = true;

	sb_puts(sb, "{\"stations\": [");
	list_for_each(pos, &t->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->state == STA_GONE)
			continue;
		sb_printf(sb, "%s{\"mac\": \"%s\", \"ifname\": ",
			  first ? "" : ", ", mac_format(s->mac, m));
		first = false;
		sb_json_string(sb, s->ifname);
		sb_printf(sb, ", \"state\": \"%s\", \"vlan\": %u, \"seq\": %u, "
			  "\"age_ms\": %llu, \"prev_ap\": ",
			  sta_state_name(s->state), s->vlan, s->seq,
			  (unsigned long long)(now_ms - s->assoc_ms));
		if (s->has_prev_ap)
			sb_printf(sb, "\"%s\"", mac_format(s->prev_ap, m));
		else
			sb_puts(sb, "null");
		put_addrs(sb, &s->ctx);
		sb_printf(sb, ", \"context_fetched\": %s}",
			  s->ctx_fetched ? "true" : "false");
	}
	sb_puts(sb, "]}");
}
