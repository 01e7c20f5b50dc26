// SPDX-License-Identifier: GPL-2.0
/* The control socket's station and IAPP words.  See iapp_ctl.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iapp/ctl.h"
#include "iapp/iapp.h"
#include "lib/ctrl.h"
#include "lib/ifname.h"

/* A station's addresses from "sta add" fit its context. */
_Static_assert(APEDGE_STA_ADD_IPS_MAX <= IAPP_CTX_ADDRS_MAX,
	       "sta add's addresses must fit a context");

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
	int i, n_ips = 0;

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

			/* The limit apedgectl checks too: lib/ctrl.h. */
			if (++n_ips > APEDGE_STA_ADD_IPS_MAX)
				return fail(err, errlen, "too many addresses "
					    "(at most %d)",
					    APEDGE_STA_ADD_IPS_MAX);
			if (inet_pton(AF_INET, v, a4) == 1) {
				sta_ctx_add_ipv4(c, a4, 0);
			} else if (inet_pton(AF_INET6, v, a6) == 1) {
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

/* The malformed counters' names in "iapp show" (stable, unlike texts). */
static const char *const err_keys[IAPP_ERR_MAX] = {
	[IAPP_OK] = "ok",
	[IAPP_ERR_SHORT] = "short",
	[IAPP_ERR_VERSION] = "version",
	[IAPP_ERR_LENGTH] = "length",
	[IAPP_ERR_ADDR_LEN] = "addr-len",
	[IAPP_ERR_COMMAND] = "command",
	[IAPP_ERR_CTX] = "context",
	[IAPP_ERR_TOO_BIG] = "too-big",
	[IAPP_ERR_AUTH_MISSING] = "auth-missing",
	[IAPP_ERR_AUTH_BAD] = "auth-bad",
};

static void put(struct strbuf *sb, bool *first, const char *name,
		uint64_t v)
{
	sb_printf(sb, "%s\"%s\": %llu", *first ? "" : ", ", name,
		  (unsigned long long)v);
	*first = false;
}

void iapp_format_show(const struct iapp *ia, struct strbuf *sb)
{
	const struct iapp_stats *st = iapp_get_stats(ia);
	const struct config_iapp *cfg = iapp_get_config(ia);
	bool f;
	int i;

	sb_printf(sb, "{\"enabled\": %s, \"interface\": ",
		  cfg->enabled ? "true" : "false");
	sb_json_string(sb, cfg->enabled ? cfg->ifname : NULL);
	sb_printf(sb, ", \"listening\": %s, \"port\": %u, \"ttl\": %u, "
		  "\"auth\": %s, \"kick-method\": \"%s\", \"bssids\": %zu, "
		  "\"stations\": %zu, \"cached\": %zu, \"connections\": %zu",
		  iapp_listening(ia) ? "true" : "false", cfg->port,
		  cfg->ttl, cfg->key.len ? "true" : "false",
		  config_kick_name(cfg->kick), iapp_n_bssids(ia),
		  iapp_n_stations(ia), iapp_n_cached(ia),
		  iapp_n_conns(ia));
	sb_puts(sb, ", \"sent\": {");
	for (f = true, i = 0; i <= IAPP_CMD_MAX; i++)
		if (i != IAPP_CMD_SEND_SECURITY_BLOCK &&
		    i != IAPP_CMD_ACK_SECURITY_BLOCK)
			put(sb, &f, iapp_cmd_str((uint8_t)i), st->tx[i]);
	sb_puts(sb, "}, \"received\": {");
	for (f = true, i = 0; i <= IAPP_CMD_MAX; i++)
		if (i != IAPP_CMD_SEND_SECURITY_BLOCK &&
		    i != IAPP_CMD_ACK_SECURITY_BLOCK)
			put(sb, &f, iapp_cmd_str((uint8_t)i), st->rx[i]);
	sb_puts(sb, "}, \"add\": {");
	f = true;
	put(sb, &f, "kicked", st->add_kicked);
	put(sb, &f, "ignored-own", st->add_ignored_own);
	put(sb, &f, "ignored-not-here", st->add_ignored_not_here);
	put(sb, &f, "ignored-stale", st->add_ignored_stale);
	put(sb, &f, "unauthorized", st->add_unauthorized);
	sb_puts(sb, "}, \"move\": {");
	f = true;
	put(sb, &f, "successful", st->move_successful);
	put(sb, &f, "denied", st->move_denied);
	put(sb, &f, "stale", st->move_stale);
	put(sb, &f, "timeout", st->move_timeout);
	put(sb, &f, "error", st->move_error);
	put(sb, &f, "unmapped", st->move_unmapped);
	sb_puts(sb, "}, \"move-answered\": {");
	f = true;
	put(sb, &f, "successful", st->move_answered[IAPP_MOVE_SUCCESSFUL]);
	put(sb, &f, "denied", st->move_answered[IAPP_MOVE_DENIED]);
	put(sb, &f, "stale", st->move_answered[IAPP_MOVE_STALE]);
	sb_puts(sb, "}, \"cache\": {");
	f = true;
	put(sb, &f, "stored", st->cache_stored);
	put(sb, &f, "stale", st->cache_stale);
	put(sb, &f, "used", st->cache_used);
	put(sb, &f, "acked", st->cache_acked[IAPP_CACHE_SUCCESSFUL]);
	put(sb, &f, "acked-stale", st->cache_acked[IAPP_CACHE_STALE]);
	put(sb, &f, "error", st->cache_error);
	sb_puts(sb, "}, \"context\": {");
	f = true;
	put(sb, &f, "from-module", st->ctx_filled);
	put(sb, &f, "module-absent", st->ctx_fill_absent);
	put(sb, &f, "module-failed", st->ctx_fill_failed);
	put(sb, &f, "module-timeout", st->ctx_fill_timeout);
	sb_puts(sb, "}, \"bindings\": {");
	f = true;
	put(sb, &f, "added", st->bindings_added);
	put(sb, &f, "failed", st->bindings_failed);
	put(sb, &f, "skipped", st->bindings_skipped);
	put(sb, &f, "conflict", st->bindings_conflict);
	sb_puts(sb, "}, \"context-refused\": {");
	f = true;
	put(sb, &f, "invalid", st->ctx_refused_invalid);
	put(sb, &f, "ours", st->ctx_refused_ours);
	put(sb, &f, "over-limit", st->ctx_refused_over);
	sb_puts(sb, "}, \"malformed\": {");
	for (f = true, i = IAPP_OK + 1; i < IAPP_ERR_MAX; i++)
		put(sb, &f, err_keys[i], st->malformed[i]);
	sb_puts(sb, "}, \"l2update\": {");
	f = true;
	put(sb, &f, "requested", st->l2update_requested);
	put(sb, &f, "module-absent", st->l2update_absent);
	put(sb, &f, "failed", st->l2update_failed);
	sb_puts(sb, "}, \"kick\": {");
	f = true;
	put(sb, &f, "hostapd", st->kick_hostapd);
	put(sb, &f, "hook", st->kick_hook);
	put(sb, &f, "none", st->kick_none);
	put(sb, &f, "failed", st->kick_failed);
	sb_puts(sb, "}, \"tcp\": {");
	f = true;
	put(sb, &f, "accepted", st->tcp_accepted);
	put(sb, &f, "refused", st->tcp_refused);
	put(sb, &f, "timeout", st->tcp_timeout);
	put(sb, &f, "closed-early", st->tcp_closed_early);
	put(sb, &f, "unmapped", st->tcp_unmapped);
	sb_puts(sb, "}, \"replay\": {");
	f = true;
	put(sb, &f, "stale", st->replay_stale);
	put(sb, &f, "replayed", st->replay_seen);
	put(sb, &f, "full", st->replay_full);
	sb_printf(sb, "}, \"auth-failures\": %llu, \"send-errors\": %llu}",
		  (unsigned long long)st->auth_failures,
		  (unsigned long long)st->send_errors);
}
