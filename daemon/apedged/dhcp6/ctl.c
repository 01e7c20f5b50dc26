// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 server's control-socket objects: see ctl.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/ctl.h"
#include "dhcp6/store.h"
#include "lib/json.h"

int dhcp6_ctl_dev(int argc, char **argv, char *ifname, size_t size,
		  char *err, size_t errlen)
{
	ifname[0] = '\0';
	if (!argc)
		return 0;
	if (argc != 2 || strcmp(argv[0], "dev") || !argv[1][0] ||
	    strlen(argv[1]) >= size) {
		snprintf(err, errlen, "expected dev IFNAME");
		return -1;
	}
	snprintf(ifname, size, "%s", argv[1]);
	return 0;
}

int dhcp6_ctl_list(int argc, char **argv, char *ifname, size_t size,
		   uint64_t *from, char *err, size_t errlen)
{
	unsigned long long v;
	bool have_from = false;
	char *end;
	int i;

	ifname[0] = '\0';
	*from = 0;
	for (i = 0; i < argc; i += 2) {
		if (i + 1 >= argc)
			goto bad;
		if (!strcmp(argv[i], "dev") && !ifname[0] && argv[i + 1][0] &&
		    strlen(argv[i + 1]) < size) {
			snprintf(ifname, size, "%s", argv[i + 1]);
			continue;
		}
		if (!strcmp(argv[i], "from") && !have_from &&
		    argv[i + 1][0] >= '0' && argv[i + 1][0] <= '9') {
			errno = 0;
			v = strtoull(argv[i + 1], &end, 10);
			if (*end || errno)
				goto bad;
			*from = v;
			have_from = true;
			continue;
		}
		goto bad;
	}
	return 0;
bad:
	snprintf(err, errlen, "expected [dev IFNAME] [from N]");
	return -1;
}

int dhcp6_ctl_what(const char *w, uint8_t *what)
{
	static const struct {
		const char *word;
		uint8_t type;
	} whats[] = {
		{ "renew", DHCP6_RENEW },
		{ "rebind", DHCP6_REBIND },
		{ "info", DHCP6_INFORMATION_REQUEST },
	};
	size_t i;

	for (i = 0; i < sizeof(whats) / sizeof(whats[0]); i++)
		if (!strcmp(w, whats[i].word)) {
			*what = whats[i].type;
			return 0;
		}
	return -1;
}

int dhcp6_ctl_addr(const char *s, struct in6_addr *a, uint8_t *plen)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash, *end;
	unsigned long l = 128;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash) {
		*slash = '\0';
		l = strtoul(slash + 1, &end, 10);
		if (*end || end == slash + 1 || l > 128)
			return -1;
	}
	if (inet_pton(AF_INET6, buf, a) != 1)
		return -1;
	*plen = (uint8_t)l;
	return 0;
}

static void lease_json(struct json *j, const struct dhcp6_lease *l,
		       uint64_t now)
{
	char a[INET6_ADDRSTRLEN], d[2 * DHCP6_DUID_MAX + 1];
	unsigned int i;

	inet_ntop(AF_INET6, &l->addr, a, sizeof(a));
	for (i = 0; i < l->duid_len; i++)
		snprintf(d + 2 * i, 3, "%02x", l->duid[i]);
	d[2 * l->duid_len] = '\0';
	json_obj_begin(j);
	json_kstr(j, "ifname", l->ifname);
	json_kstr(j, "kind", l->kind == DHCP6_OPT_IA_PD ? "pd" : "na");
	json_kstr(j, "address", a);
	json_ku64(j, "plen", l->plen);
	json_kstr(j, "duid", d);
	json_ku64(j, "iaid", l->iaid);
	json_kstr(j, "state", l->state == DHCP6_LEASE_DECLINED ? "declined" :
		  "bound");
	json_ku64(j, "preferred", l->preferred);
	json_ku64(j, "valid", l->valid);
	json_ku64(j, "expires", l->expiry);
	json_ku64(j, "remaining", l->expiry > now ? l->expiry - now : 0);
	json_obj_end(j);
}

int dhcp6_format_leases(struct dhcp6 *e, const char *ifname, uint64_t now,
			uint64_t from, size_t max, struct strbuf *sb)
{
	struct dhcp6_server *s = dhcp6_server(e);
	struct dhcp6_lease *l;
	struct json j;
	uint64_t pos = from;
	size_t n = 0;
	bool more = false;

	if (!s || (ifname[0] && !dhcp6_serves(e, ifname)))
		return -ENOENT;
	json_init(&j, sb, JSON_COMPACT);
	json_obj_begin(&j);
	json_karr_begin(&j, "leases");
	while ((l = dhcp6_lease_iter(s->leases, &pos))) {
		if (ifname[0] && strcmp(l->ifname, ifname))
			continue;
		if (n == max) {
			/* l is the next page's first: from there */
			pos--;
			more = true;
			break;
		}
		lease_json(&j, l, now);
		n++;
	}
	json_arr_end(&j);
	if (more)
		json_ku64(&j, "next", pos);
	json_obj_end(&j);
	return 0;
}

static void counters(struct json *j, const char *key, const uint64_t *v,
		     unsigned int from, unsigned int n,
		     const char *(*name)(unsigned int))
{
	unsigned int i;

	json_kobj_begin(j, key);
	for (i = from; i < n; i++)
		json_ku64(j, name(i), v[i]);
	json_obj_end(j);
}

static const char *drop_name(unsigned int i)
{
	return dhcp6_drop_name((enum dhcp6_drop)i);
}

static const char *err_name(unsigned int i)
{
	return dhcp6_err_name((enum dhcp6_err)i);
}

static const char *relay_drop_name(unsigned int i)
{
	return dhcp6_relay_drop_name((enum dhcp6_relay_drop)i);
}

static void hex_json(struct json *j, const char *key, const uint8_t *p,
		     size_t n)
{
	char h[2 * DHCP6_RELAY_ID_MAX + 1];
	size_t i;

	for (i = 0; i < n && i < DHCP6_RELAY_ID_MAX; i++)
		snprintf(h + 2 * i, 3, "%02x", p[i]);
	h[2 * i] = '\0';
	json_kstr(j, key, h);
}

static void relay_json(struct json *j, const struct config_dhcp6_relay *rc)
{
	const struct dhcp6_relay_if *f = &rc->rif;
	char a[INET6_ADDRSTRLEN + IFNAMSIZ + 2];
	unsigned int i;

	json_karr_begin(j, "upstreams");
	for (i = 0; i < rc->n_upstreams; i++) {
		inet_ntop(AF_INET6, &rc->up[i].addr, a, INET6_ADDRSTRLEN);
		if (rc->up[i].ifname[0]) {
			strcat(a, "%");
			strcat(a, rc->up[i].ifname);
		}
		json_str(j, a);
	}
	json_arr_end(j);
	inet_ntop(AF_INET6, &f->link, a, sizeof(a));
	json_kstr(j, "link_address", a);
	json_kbool(j, "link_auto", rc->link_auto);
	hex_json(j, "interface_id", f->interface_id, f->interface_id_len);
	if (f->has_remote_id) {
		json_ku64(j, "remote_enterprise", f->remote_enterprise);
		hex_json(j, "remote_id", f->remote_id, f->remote_id_len);
	}
	if (f->subscriber_id_len)
		hex_json(j, "subscriber_id", f->subscriber_id,
			 f->subscriber_id_len);
	json_kbool(j, "trust_relay", f->trust_relay);
	json_ku64(j, "hop_limit", f->hop_limit);
}

int dhcp6_format_show(struct dhcp6 *e, const char *ifname, struct strbuf *sb)
{
	const struct config_dhcp6 *c;
	struct json j;
	size_t i, n = 0;
	int idx;

	json_init(&j, sb, JSON_COMPACT);
	json_obj_begin(&j);
	json_karr_begin(&j, "interfaces");
	for (i = 0; (c = dhcp6_iface(e, i, &idx)); i++) {
		if (ifname[0] && strcmp(c->ifname, ifname))
			continue;
		n++;
		json_obj_begin(&j);
		json_kstr(&j, "ifname", c->ifname);
		json_kstr(&j, "mode", c->mode == DHCP6_MODE_RELAY ? "relay" :
			  "server");
		json_kbool(&j, "present", idx != 0);
		if (c->mode == DHCP6_MODE_RELAY)
			relay_json(&j, &c->relay);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	return ifname[0] && !n ? -ENOENT : 0;
}

int dhcp6_format_stats(struct dhcp6 *e, struct strbuf *sb)
{
	struct dhcp6_server *s = dhcp6_server(e);
	const struct dhcp6_engine_stats *es = dhcp6_engine_stats(e);
	const struct dhcp6_store_stats *ss = dhcp6_store_stats_of(e);
	const struct dhcp6_lease_stats *ls;
	struct json j;

	if (!s && !dhcp6_relays(e))
		return -ENOENT;
	json_init(&j, sb, JSON_SPACED);
	json_obj_begin(&j);
	if (dhcp6_relays(e)) {
		json_kobj_begin(&j, "relay");
		json_ku64(&j, "relayed_up", es->relay_up);
		json_ku64(&j, "relayed_down", es->relay_down);
		json_obj_end(&j);
		counters(&j, "relay_drop", es->relay_drop, 1,
			 DHCP6_RELAY_DROP_MAX, relay_drop_name);
	}
	if (!s) {
		json_kobj_begin(&j, "engine");
		json_ku64(&j, "send_errors", es->send_errors);
		json_obj_end(&j);
		json_obj_end(&j);
		return 0;
	}
	ls = dhcp6_leases_stats(s->leases);
	counters(&j, "in", s->st.in, 1, DHCP6_TYPE_MAX + 1, dhcp6_type_name);
	counters(&j, "out", s->st.out, 1, DHCP6_TYPE_MAX + 1,
		 dhcp6_type_name);
	counters(&j, "drop", s->st.drop, 0, DHCP6_DROP_MAX, drop_name);
	counters(&j, "malformed", es->malformed, 1, DHCP6_ERR_MAX, err_name);
	json_kobj_begin(&j, "status");
	json_ku64(&j, "NoAddrsAvail", s->st.no_addrs);
	json_ku64(&j, "NoPrefixAvail", s->st.no_prefix);
	json_ku64(&j, "NoBinding", s->st.no_binding);
	json_ku64(&j, "NotOnLink", s->st.not_on_link);
	json_ku64(&j, "UseMulticast", s->st.use_multicast);
	json_obj_end(&j);
	json_kobj_begin(&j, "leases");
	json_ku64(&j, "bound", ls->bound);
	json_ku64(&j, "declined", ls->declined);
	json_ku64(&j, "table_full", ls->full);
	json_ku64(&j, "released", s->st.released);
	json_ku64(&j, "expired", s->st.expired);
	json_obj_end(&j);
	json_kobj_begin(&j, "engine");
	json_ku64(&j, "relay_msgs", es->relay_msgs);
	json_ku64(&j, "not_served", es->not_served);
	json_ku64(&j, "committed", es->committed);
	json_ku64(&j, "reconf_sent", es->reconf_sent);
	json_ku64(&j, "reconf_answered", es->reconf_answered);
	json_ku64(&j, "reconf_given_up", es->reconf_given_up);
	json_ku64(&j, "send_errors", es->send_errors);
	json_ku64(&j, "store_errors", es->store_errors);
	json_ku64(&j, "route_errors", es->route_errors);
	json_obj_end(&j);
	{
		const struct dhcp6_bind_stats *bs = dhcp6_bind_stats_of(e);

		json_kobj_begin(&j, "bindings");
		json_ku64(&j, "added", bs->added);
		json_ku64(&j, "removed", bs->removed);
		json_ku64(&j, "no_mac", bs->no_mac);
		json_ku64(&j, "resyncs", bs->resyncs);
		json_ku64(&j, "resync_kept", bs->resync_kept);
		json_ku64(&j, "resync_added", bs->resync_added);
		json_ku64(&j, "resync_removed", bs->resync_removed);
	}
	json_obj_end(&j);
	if (ss) {
		json_kobj_begin(&j, "store");
		json_ku64(&j, "appends", ss->appends);
		json_ku64(&j, "commits", ss->commits);
		json_ku64(&j, "fsyncs", ss->fsyncs);
		json_ku64(&j, "write_errors", ss->write_errors);
		json_ku64(&j, "compactions", ss->compactions);
		json_ku64(&j, "journal_bytes", ss->journal_bytes);
		json_ku64(&j, "load_records", ss->load.good);
		json_ku64(&j, "load_damaged_bytes", ss->load.damaged_bytes);
		json_ku64(&j, "load_torn_tail", ss->load.torn_tail);
		json_ku64(&j, "load_ms", ss->load_ms);
		json_obj_end(&j);
	}
	json_obj_end(&j);
	return 0;
}
