// SPDX-License-Identifier: GPL-2.0
/* The lightweight relay's packet path: see ldra.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/ldra.h"
#include "dhcp6/wire.h"
#include "lib/log.h"

#define LDRA_FRAME_MAX	(DHCP6_FRAME_HDRS + 65535)

struct dhcp6_ldra {
	const struct dhcp6_ldra_ops *ops;
	void *data;
	struct config_dhcp6 *v;
	size_t n;
	struct dhcp6_ldra_stats st;
	uint8_t buf[LDRA_FRAME_MAX];
};

static const uint8_t all_agents_mac[6] = { 0x33, 0x33, 0, 1, 0, 2 };

struct dhcp6_ldra *dhcp6_ldra_new(const struct dhcp6_ldra_ops *ops,
				  void *data)
{
	struct dhcp6_ldra *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->ops = ops;
	l->data = data;
	return l;
}

void dhcp6_ldra_free(struct dhcp6_ldra *l)
{
	if (!l)
		return;
	free(l->v);
	free(l);
}

int dhcp6_ldra_configure(struct dhcp6_ldra *l, const struct config_dhcp6 *v,
			 size_t n)
{
	struct config_dhcp6 *w = NULL;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += v[i].mode == DHCP6_MODE_LDRA;
	if (k) {
		w = calloc(k, sizeof(*w));
		if (!w)
			return -ENOMEM;
	}
	for (i = 0, k = 0; i < n; i++)
		if (v[i].mode == DHCP6_MODE_LDRA)
			w[k++] = v[i];
	free(l->v);
	l->v = w;
	l->n = k;
	return 0;
}

size_t dhcp6_ldra_count(const struct dhcp6_ldra *l)
{
	return l ? l->n : 0;
}

const struct config_dhcp6 *dhcp6_ldra_port(const struct dhcp6_ldra *l,
					   size_t i)
{
	return l && i < l->n ? &l->v[i] : NULL;
}

const struct dhcp6_ldra_stats *dhcp6_ldra_stats(const struct dhcp6_ldra *l)
{
	return &l->st;
}

static void drop(struct dhcp6_ldra *l, const char *ifname,
		 enum dhcp6_relay_drop why)
{
	l->st.drop[why]++;
	log_rl(LOG_DEBUG, "dhcp6 ldra %s: dropped (%s)", ifname,
	       dhcp6_relay_drop_name(why));
}

/* A client's message punted off client port c: up to c's uplink. */
static void up(struct dhcp6_ldra *l, const struct config_dhcp6 *c,
	       const uint8_t *src_mac, const struct dhcp6_udp6 *in)
{
	uint8_t *msg = l->buf + DHCP6_FRAME_HDRS;
	struct dhcp6_udp6 out = { .sport = 547, .dport = 547,
				  .hop_limit = 1 };
	enum dhcp6_relay_drop why;
	size_t n, f;
	int up_idx;

	n = dhcp6_ldra_up(msg, sizeof(l->buf) - DHCP6_FRAME_HDRS,
			  in->payload, in->len, &in->src, src_mac,
			  &c->relay.rif, &why);
	if (!n) {
		drop(l, c->ifname, why);
		return;
	}
	up_idx = l->ops->ifindex(l->data, c->relay.uplink);
	out.src = in->src;
	inet_pton(AF_INET6, "ff02::1:2", &out.dst);
	out.payload = msg;
	out.len = n;
	f = dhcp6_udp6_build(l->buf, sizeof(l->buf), src_mac, all_agents_mac,
			     &out);
	if (!up_idx || !f || l->ops->send(l->data, up_idx, l->buf, f) < 0) {
		drop(l, c->ifname, DHCP6_RELAY_DROP_SEND);
		return;
	}
	l->st.relayed_up++;
	log_rl(LOG_DEBUG, "dhcp6 ldra %s: %s up to %s (%zu bytes)", c->ifname,
	       dhcp6_type_name(in->payload[0]), c->relay.uplink, n);
}

/* A RELAY-REPL punted off uplink (named up): down to its client port. */
static void down(struct dhcp6_ldra *l, const char *uplink,
		 const uint8_t *dst_mac,
		 const struct dhcp6_udp6 *in)
{
	struct dhcp6_udp6 out = { .sport = 547, .dport = 546,
				  .hop_limit = 255 };
	struct dhcp6_relay_dest d;
	enum dhcp6_relay_drop why;
	const struct config_dhcp6 *c = NULL;
	uint8_t port_mac[6];
	size_t i, f;
	int idx;

	why = dhcp6_ldra_down(in->payload, in->len, &d);
	if (why != DHCP6_RELAY_OK) {
		drop(l, uplink, why);
		return;
	}
	for (i = 0; i < l->n && !c; i++)
		if (!strcmp(l->v[i].relay.uplink, uplink) &&
		    dhcp6_relay_if_match(&l->v[i].relay.rif, &d))
			c = &l->v[i];
	if (!c) {
		drop(l, uplink, DHCP6_RELAY_DROP_NO_IFACE);
		return;
	}
	idx = l->ops->ifindex(l->data, c->ifname);
	if (!idx || l->ops->hwaddr(l->data, idx, port_mac) < 0) {
		drop(l, c->ifname, DHCP6_RELAY_DROP_SEND);
		return;
	}
	out.src = in->src;
	out.dst = d.peer;
	out.payload = d.msg;
	out.len = d.len;
	/* d.msg lies inside the punt, not in l->buf: no overlap */
	f = dhcp6_udp6_build(l->buf, sizeof(l->buf), port_mac, dst_mac, &out);
	if (!idx || !f || l->ops->send(l->data, idx, l->buf, f) < 0) {
		drop(l, c->ifname, DHCP6_RELAY_DROP_SEND);
		return;
	}
	l->st.relayed_down++;
	log_rl(LOG_DEBUG, "dhcp6 ldra %s: %s down to %s", uplink,
	       dhcp6_type_name(d.msg[0]), c->ifname);
}

void dhcp6_ldra_punt(struct dhcp6_ldra *l, int ifindex,
		     const uint8_t *src_mac, const uint8_t *dst_mac,
		     const uint8_t *pkt, size_t len)
{
	const struct config_dhcp6 *client = NULL;
	const char *uplink = NULL;
	struct dhcp6_udp6 u;
	enum dhcp6_frame_err fe;
	size_t i;

	if (!l || !l->n || ifindex <= 0)
		return;
	for (i = 0; i < l->n; i++) {
		if (l->ops->ifindex(l->data, l->v[i].ifname) == ifindex) {
			client = &l->v[i];
			break;
		}
		if (!uplink &&
		    l->ops->ifindex(l->data, l->v[i].relay.uplink) == ifindex)
			uplink = l->v[i].relay.uplink;
	}
	if (!client && !uplink) {
		l->st.not_ldra++;
		return;
	}
	if (!src_mac || !dst_mac) {
		l->st.no_mac++;
		return;
	}
	fe = dhcp6_udp6_parse(pkt, len, &u);
	if (fe != DHCP6_FRAME_OK) {
		l->st.frame_err[fe]++;
		return;
	}
	if (u.dport != 547 || !u.len) {
		l->st.not_dhcp++;
		return;
	}
	if (client) {
		if (u.payload[0] == DHCP6_RELAY_REPL)
			drop(l, client->ifname,
			     DHCP6_RELAY_DROP_REPL_UNTRUSTED);
		else
			up(l, client, src_mac, &u);
		return;
	}
	if (u.payload[0] != DHCP6_RELAY_REPL) {
		drop(l, uplink, DHCP6_RELAY_DROP_FORW_FROM_SERVER);
		return;
	}
	down(l, uplink, dst_mac, &u);
}
