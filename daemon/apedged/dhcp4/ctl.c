// SPDX-License-Identifier: GPL-2.0
/* The control socket's dhcp4 words.  See ctl.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dhcp4/ctl.h"
#include "lib/ifname.h"
#include "lib/json.h"

int dhcp4_ctl_dev(int argc, char **argv, char *ifname, size_t size,
		  char *err, size_t errlen)
{
	ifname[0] = '\0';
	if (argc == 0)
		return 0;
	if (argc != 2 || strcmp(argv[0], "dev")) {
		snprintf(err, errlen, "expected: dev IFNAME");
		return -EINVAL;
	}
	if (!ifname_valid(argv[1])) {
		snprintf(err, errlen, "invalid interface name");
		return -EINVAL;
	}
	snprintf(ifname, size, "%s", argv[1]);
	return 0;
}

static void kaddr(struct json *j, const char *key, struct in_addr a)
{
	char b[INET_ADDRSTRLEN];

	json_kstr(j, key, inet_ntop(AF_INET, &a, b, sizeof(b)));
}

static void addr_arr(struct json *j, const char *key,
		     const struct in_addr *v, unsigned int n)
{
	char b[INET_ADDRSTRLEN];
	unsigned int i;

	json_karr_begin(j, key);
	for (i = 0; i < n; i++)
		json_str(j, inet_ntop(AF_INET, &v[i], b, sizeof(b)));
	json_arr_end(j);
}

/* Seconds from now to acquired + s; 0 when past; null when infinite. */
static void kin(struct json *j, const char *key, const struct dhcp4_lease *l,
		uint32_t s, uint64_t now)
{
	uint64_t at;

	if (s == 0xffffffffu) {
		json_knull(j, key);
		return;
	}
	at = l->acquired_ms + (uint64_t)s * 1000;
	json_ku64(j, key, at > now ? (at - now) / 1000 : 0);
}

static void client_obj(struct json *j, const struct dhcp4_client *c,
		       uint64_t now)
{
	const struct dhcp4_sm *sm = dhcp4_client_sm(c);
	const struct dhcp4_lease *l = &sm->lease;
	const struct dhcp4_msg *m = &l->ack;
	char b[INET_ADDRSTRLEN + 4];
	unsigned int i;

	json_obj_begin(j);
	json_kstr(j, "ifname", dhcp4_client_ifname(c));
	json_kstr(j, "state", dhcp4_state_name(sm->state));
	json_kstr(j, "blocked", dhcp4_client_blocked(c));
	if (sm->have_lease) {
		kaddr(j, "address", m->yiaddr);
		json_ku64(j, "plen", l->plen);
		kaddr(j, "server", m->server_id);
		json_ku64(j, "lease_s", l->lease_s);
		json_ku64(j, "t1_s", l->t1_s);
		json_ku64(j, "t2_s", l->t2_s);
		json_ku64(j, "acquired_s_ago", now > l->acquired_ms ?
			  (now - l->acquired_ms) / 1000 : 0);
		kin(j, "renew_in_s", l, l->t1_s, now);
		kin(j, "rebind_in_s", l, l->t2_s, now);
		kin(j, "expires_in_s", l, l->lease_s, now);
		addr_arr(j, "routers", m->routers,
			 m->n_routers < DHCP4_ROUTERS_MAX ? m->n_routers :
			 DHCP4_ROUTERS_MAX);
		addr_arr(j, "dns", m->dns, m->n_dns < DHCP4_DNS_MAX ?
			 m->n_dns : DHCP4_DNS_MAX);
		json_kstr(j, "domain", m->domain[0] ? m->domain : NULL);
		json_karr_begin(j, "search");
		for (i = 0; i < m->n_search && i < DHCP4_SEARCH_MAX; i++)
			json_str(j, m->search[i]);
		json_arr_end(j);
		if (m->has_mtu)
			json_ku64(j, "mtu", m->mtu);
		else
			json_knull(j, "mtu");
		json_karr_begin(j, "routes");
		for (i = 0; m->has_routes && i < m->n_routes &&
		     i < DHCP4_ROUTES_MAX; i++) {
			char d[INET_ADDRSTRLEN];

			json_obj_begin(j);
			snprintf(b, sizeof(b), "%s/%u",
				 inet_ntop(AF_INET, &m->routes[i].dst, d,
					   sizeof(d)), m->routes[i].plen);
			json_kstr(j, "dst", b);
			kaddr(j, "gw", m->routes[i].gw);
			json_obj_end(j);
		}
		json_arr_end(j);
	}
	json_obj_end(j);
}

static void stats_obj(struct json *j, const struct dhcp4_client *c)
{
	const struct dhcp4_sm *sm = dhcp4_client_sm(c);
	const struct dhcp4_sm_stats *s = &sm->stats;
	const struct dhcp4_client_stats *cs = dhcp4_client_stats(c);
	static const enum dhcp4_type rx_types[] = {
		DHCP4_OFFER, DHCP4_ACK, DHCP4_NAK,
	};
	static const enum dhcp4_type tx_types[] = {
		DHCP4_DISCOVER, DHCP4_REQUEST, DHCP4_DECLINE, DHCP4_RELEASE,
		DHCP4_INFORM,
	};
	unsigned int i;

	json_obj_begin(j);
	json_kstr(j, "ifname", dhcp4_client_ifname(c));
	json_kstr(j, "state", dhcp4_state_name(sm->state));
	json_kobj_begin(j, "tx");
	for (i = 0; i < sizeof(tx_types) / sizeof(tx_types[0]); i++)
		json_ku64(j, dhcp4_type_name(tx_types[i]), s->tx[tx_types[i]]);
	json_obj_end(j);
	json_kobj_begin(j, "rx");
	for (i = 0; i < sizeof(rx_types) / sizeof(rx_types[0]); i++)
		json_ku64(j, dhcp4_type_name(rx_types[i]), s->rx[rx_types[i]]);
	json_obj_end(j);
	json_kobj_begin(j, "drop");
	for (i = 0; i < DHCP4_DROP_MAX; i++)
		json_ku64(j, dhcp4_drop_name(i), s->drop[i]);
	json_obj_end(j);
	json_kobj_begin(j, "malformed");
	for (i = DHCP4_OK + 1; i < DHCP4_ERR_MAX; i++)
		json_ku64(j, dhcp4_err_name(i), cs->malformed[i]);
	json_obj_end(j);
	json_ku64(j, "conflicts", s->conflicts);
	json_ku64(j, "defended", s->defended);
	json_ku64(j, "naks", s->naks);
	json_ku64(j, "declines", s->declines);
	json_ku64(j, "expiries", s->expiries);
	json_ku64(j, "send_errors", cs->send_errors);
	json_ku64(j, "store_errors", cs->store_errors);
	json_ku64(j, "store_damaged", cs->store_damaged);
	json_ku64(j, "apply_errors", cs->apply_errors);
	json_ku64(j, "untrusted_port", cs->untrusted_port);
	json_obj_end(j);
}

void dhcp4_format_client(const struct dhcp4_client *c, uint64_t now_ms,
			 struct strbuf *sb)
{
	struct json j;

	json_init(&j, sb, JSON_SPACED);
	client_obj(&j, c, now_ms);
}

void dhcp4_format_client_stats(const struct dhcp4_client *c,
			       struct strbuf *sb)
{
	struct json j;

	json_init(&j, sb, JSON_SPACED);
	stats_obj(&j, c);
}

static int format(const struct dhcp4 *e, const char *ifname, uint64_t now,
		  bool stats, struct strbuf *sb)
{
	const struct dhcp4_client *c;
	struct json j;
	size_t i;

	if (ifname && ifname[0] && !dhcp4_client_find(e, ifname))
		return -ENOENT;
	json_init(&j, sb, JSON_SPACED);
	json_arr_begin(&j);
	for (i = 0; i < dhcp4_n_clients(e); i++) {
		c = dhcp4_client_at(e, i);
		if (ifname && ifname[0] &&
		    strcmp(dhcp4_client_ifname(c), ifname))
			continue;
		if (stats)
			stats_obj(&j, c);
		else
			client_obj(&j, c, now);
	}
	json_arr_end(&j);
	return 0;
}

int dhcp4_format_show(const struct dhcp4 *e, const char *ifname,
		      uint64_t now_ms, struct strbuf *sb)
{
	return format(e, ifname, now_ms, false, sb);
}

int dhcp4_format_stats(const struct dhcp4 *e, const char *ifname,
		       struct strbuf *sb)
{
	return format(e, ifname, 0, true, sb);
}
