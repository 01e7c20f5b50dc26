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
#include "lib/json.h"

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

static void put_addrs(struct json *j, const struct iapp_ctx *ctx)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	json_karr_begin(j, "ipv4");
	for (i = 0; i < ctx->n_ipv4 && i < IAPP_CTX_ADDRS_MAX; i++)
		json_str(j, inet_ntop(AF_INET, ctx->ipv4[i].addr, buf,
				      sizeof(buf)));
	json_arr_end(j);
	json_karr_begin(j, "ipv6");
	for (i = 0; i < ctx->n_ipv6 && i < IAPP_CTX_ADDRS_MAX; i++)
		json_str(j, inet_ntop(AF_INET6, ctx->ipv6[i].addr, buf,
				      sizeof(buf)));
	json_arr_end(j);
}

void sta_format_list(struct sta_table *t, uint64_t now_ms,
		     struct strbuf *sb)
{
	char m[MAC_STR_LEN];
	struct list *pos;
	struct json j;

	json_init(&j, sb, JSON_SPACED);
	json_obj_begin(&j);
	json_karr_begin(&j, "stations");
	list_for_each(pos, &t->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->state == STA_GONE)
			continue;
		json_obj_begin(&j);
		json_kstr(&j, "mac", mac_format(s->mac, m));
		json_kstr(&j, "ifname", s->ifname);
		json_kstr(&j, "state", sta_state_name(s->state));
		json_ku64(&j, "vlan", s->vlan);
		json_ku64(&j, "seq", s->seq);
		json_ku64(&j, "age_ms", now_ms - s->assoc_ms);
		json_kstr(&j, "prev_ap",
			  s->has_prev_ap ? mac_format(s->prev_ap, m) : NULL);
		put_addrs(&j, &s->ctx);
		json_kbool(&j, "context_fetched", s->ctx_fetched);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
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

void iapp_format_show(const struct iapp *ia, struct strbuf *sb)
{
	const struct iapp_stats *st = iapp_get_stats(ia);
	const struct config_iapp *cfg = iapp_get_config(ia);
	struct json j;
	int i;

	json_init(&j, sb, JSON_SPACED);
	json_obj_begin(&j);
	json_kbool(&j, "enabled", cfg->enabled);
	json_kstr(&j, "interface", cfg->enabled ? cfg->ifname : NULL);
	json_kbool(&j, "listening", iapp_listening(ia));
	json_ku64(&j, "port", cfg->port);
	json_ku64(&j, "ttl", cfg->ttl);
	json_kbool(&j, "auth", cfg->key.len);
	json_kstr(&j, "kick-method", config_kick_name(cfg->kick));
	json_ku64(&j, "bssids", iapp_n_bssids(ia));
	json_ku64(&j, "stations", iapp_n_stations(ia));
	json_ku64(&j, "cached", iapp_n_cached(ia));
	json_ku64(&j, "connections", iapp_n_conns(ia));
	json_kobj_begin(&j, "sent");
	for (i = 0; i <= IAPP_CMD_MAX; i++)
		if (i != IAPP_CMD_SEND_SECURITY_BLOCK &&
		    i != IAPP_CMD_ACK_SECURITY_BLOCK)
			json_ku64(&j, iapp_cmd_str((uint8_t)i), st->tx[i]);
	json_obj_end(&j);
	json_kobj_begin(&j, "received");
	for (i = 0; i <= IAPP_CMD_MAX; i++)
		if (i != IAPP_CMD_SEND_SECURITY_BLOCK &&
		    i != IAPP_CMD_ACK_SECURITY_BLOCK)
			json_ku64(&j, iapp_cmd_str((uint8_t)i), st->rx[i]);
	json_obj_end(&j);
	json_kobj_begin(&j, "add");
	json_ku64(&j, "kicked", st->add_kicked);
	json_ku64(&j, "ignored-own", st->add_ignored_own);
	json_ku64(&j, "ignored-not-here", st->add_ignored_not_here);
	json_ku64(&j, "ignored-stale", st->add_ignored_stale);
	json_ku64(&j, "unauthorized", st->add_unauthorized);
	json_obj_end(&j);
	json_kobj_begin(&j, "move");
	json_ku64(&j, "successful", st->move_successful);
	json_ku64(&j, "denied", st->move_denied);
	json_ku64(&j, "stale", st->move_stale);
	json_ku64(&j, "timeout", st->move_timeout);
	json_ku64(&j, "error", st->move_error);
	json_ku64(&j, "unmapped", st->move_unmapped);
	json_obj_end(&j);
	json_kobj_begin(&j, "move-answered");
	json_ku64(&j, "successful", st->move_answered[IAPP_MOVE_SUCCESSFUL]);
	json_ku64(&j, "denied", st->move_answered[IAPP_MOVE_DENIED]);
	json_ku64(&j, "stale", st->move_answered[IAPP_MOVE_STALE]);
	json_obj_end(&j);
	json_kobj_begin(&j, "cache");
	json_ku64(&j, "stored", st->cache_stored);
	json_ku64(&j, "stale", st->cache_stale);
	json_ku64(&j, "used", st->cache_used);
	json_ku64(&j, "acked", st->cache_acked[IAPP_CACHE_SUCCESSFUL]);
	json_ku64(&j, "acked-stale", st->cache_acked[IAPP_CACHE_STALE]);
	json_ku64(&j, "error", st->cache_error);
	json_obj_end(&j);
	json_kobj_begin(&j, "context");
	json_ku64(&j, "from-module", st->ctx_filled);
	json_ku64(&j, "module-absent", st->ctx_fill_absent);
	json_ku64(&j, "module-failed", st->ctx_fill_failed);
	json_ku64(&j, "module-timeout", st->ctx_fill_timeout);
	json_obj_end(&j);
	json_kobj_begin(&j, "bindings");
	json_ku64(&j, "added", st->bindings_added);
	json_ku64(&j, "failed", st->bindings_failed);
	json_ku64(&j, "skipped", st->bindings_skipped);
	json_ku64(&j, "conflict", st->bindings_conflict);
	json_obj_end(&j);
	json_kobj_begin(&j, "context-refused");
	json_ku64(&j, "invalid", st->ctx_refused_invalid);
	json_ku64(&j, "ours", st->ctx_refused_ours);
	json_ku64(&j, "over-limit", st->ctx_refused_over);
	json_obj_end(&j);
	json_kobj_begin(&j, "malformed");
	for (i = IAPP_OK + 1; i < IAPP_ERR_MAX; i++)
		json_ku64(&j, err_keys[i], st->malformed[i]);
	json_obj_end(&j);
	json_kobj_begin(&j, "l2update");
	json_ku64(&j, "requested", st->l2update_requested);
	json_ku64(&j, "module-absent", st->l2update_absent);
	json_ku64(&j, "failed", st->l2update_failed);
	json_obj_end(&j);
	json_kobj_begin(&j, "kick");
	json_ku64(&j, "hostapd", st->kick_hostapd);
	json_ku64(&j, "hook", st->kick_hook);
	json_ku64(&j, "none", st->kick_none);
	json_ku64(&j, "failed", st->kick_failed);
	json_obj_end(&j);
	json_kobj_begin(&j, "tcp");
	json_ku64(&j, "accepted", st->tcp_accepted);
	json_ku64(&j, "refused", st->tcp_refused);
	json_ku64(&j, "timeout", st->tcp_timeout);
	json_ku64(&j, "closed-early", st->tcp_closed_early);
	json_ku64(&j, "unmapped", st->tcp_unmapped);
	json_obj_end(&j);
	json_kobj_begin(&j, "replay");
	json_ku64(&j, "stale", st->replay_stale);
	json_ku64(&j, "replayed", st->replay_seen);
	json_ku64(&j, "full", st->replay_full);
	json_obj_end(&j);
	json_ku64(&j, "auth-failures", st->auth_failures);
	json_ku64(&j, "send-errors", st->send_errors);
	json_obj_end(&j);
}
