// SPDX-License-Identifier: GPL-2.0
/*
 * The leases as the module's bindings: see bind.h.
 */
#include <stdlib.h>
#include <string.h>

#include "dhcp6/bind.h"
#include "dhcp6/lease.h"
#include "dhcp6/wire.h"

bool dhcp6_bind_from_rec(const struct dhcp6_jnl_rec *r, uint64_t now,
			 struct dhcp6_bind *b)
{
	memset(b, 0, sizeof(*b));
	if (r->lladdr_len != 6 || !r->ifname[0] ||
	    strlen(r->ifname) >= sizeof(b->ifname))
		return false;
	if (r->kind == DHCP6_OPT_IA_PD) {
		if (!r->plen || r->plen > 128)
			return false;
		b->plen = r->plen;
	} else if (r->kind != DHCP6_OPT_IA_NA) {
		return false;
	}
	if (r->valid == UINT32_MAX) {
		b->lifetime = 0;
	} else {
		if (r->expiry <= now)
			return false;
		b->lifetime = r->expiry - now > UINT32_MAX - 1 ?
			      UINT32_MAX - 1 : (uint32_t)(r->expiry - now);
	}
	b->addr = r->addr;
	memcpy(b->mac, r->lladdr, 6);
	strcpy(b->ifname, r->ifname);
	return true;
}

bool dhcp6_bind_rec_ends(const struct dhcp6_jnl_rec *r)
{
	return r->type == DHCP6_JNL_RELEASE || r->type == DHCP6_JNL_EXPIRE ||
	       r->type == DHCP6_JNL_DECLINE;
}

static int key_cmp(const struct dhcp6_bind *a, const struct dhcp6_bind *b)
{
	int c = memcmp(&a->addr, &b->addr, sizeof(a->addr));

	if (c)
		return c;
	return (int)a->plen - (int)b->plen;
}

static int key_cmp_q(const void *a, const void *b)
{
	return key_cmp(a, b);
}

bool dhcp6_bind_same_key(const struct dhcp6_bind *a,
			 const struct dhcp6_bind *b)
{
	return !key_cmp(a, b);
}

void dhcp6_bind_diff(struct dhcp6_bind *have, size_t nh,
		     struct dhcp6_bind *want, size_t nw,
		     const struct dhcp6_bind_ops *ops, void *data,
		     struct dhcp6_bind_diff_stats *st)
{
	size_t i = 0, j = 0;
	int c;

	if (nh)
		qsort(have, nh, sizeof(*have), key_cmp_q);
	if (nw)
		qsort(want, nw, sizeof(*want), key_cmp_q);
	while (i < nh || j < nw) {
		if (i == nh)
			c = 1;
		else if (j == nw)
			c = -1;
		else
			c = key_cmp(&have[i], &want[j]);
		if (c < 0) {
			/* Twice in a dump (a resize): removed once. */
			if (!i || key_cmp(&have[i - 1], &have[i])) {
				ops->del(data, &have[i].addr, have[i].plen);
				st->removed++;
			}
			i++;
		} else if (c > 0) {
			ops->add(data, &want[j]);
			st->added++;
			j++;
		} else {
			if (memcmp(have[i].mac, want[j].mac, 6) ||
			    strcmp(have[i].ifname, want[j].ifname)) {
				ops->add(data, &want[j]);
				st->added++;
			} else {
				st->kept++;
			}
			/* Skip duplicates of this key in have. */
			while (i < nh && !key_cmp(&have[i], &want[j]))
				i++;
			j++;
		}
	}
}

void dhcp6_bind_apply(const struct dhcp6_jnl_rec *r, uint64_t now,
		      const uint8_t *mac, const struct dhcp6_bind_ops *ops,
		      void *data, struct dhcp6_bind_stats *st)
{
	struct dhcp6_jnl_rec c;
	struct dhcp6_bind b;

	if (!ops || !r->ifname[0] || !ops->is_port(data, r->ifname))
		return;
	if (dhcp6_bind_rec_ends(r)) {
		ops->del(data, &r->addr,
			 r->kind == DHCP6_OPT_IA_PD ? r->plen : 0);
		st->removed++;
		return;
	}
	if (r->type != DHCP6_JNL_ADD && r->type != DHCP6_JNL_RENEW)
		return;
	if (r->lladdr_len != 6 && mac) {
		c = *r;
		c.lladdr_len = 6;
		memcpy(c.lladdr, mac, 6);
		r = &c;
	}
	if (r->lladdr_len != 6) {
		st->no_mac++;
		return;
	}
	if (!dhcp6_bind_from_rec(r, now, &b))
		return;
	ops->add(data, &b);
	st->added++;
}

long dhcp6_bind_want(struct dhcp6_leases *t, uint64_t now,
		     const struct dhcp6_bind_ops *ops, void *data,
		     struct dhcp6_bind **out)
{
	struct dhcp6_bind *v = NULL, *nv;
	size_t n = 0, cap = 0;
	struct dhcp6_jnl_rec r;
	struct dhcp6_lease *l;
	uint64_t pos = 0;

	while ((l = dhcp6_lease_iter(t, &pos))) {
		if (l->state != DHCP6_LEASE_BOUND ||
		    !ops->is_port(data, l->ifname))
			continue;
		dhcp6_lease_to_rec(l, DHCP6_JNL_ADD, &r);
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				free(v);
				*out = NULL;
				return -1;
			}
			v = nv;
		}
		if (dhcp6_bind_from_rec(&r, now, &v[n]))
			n++;
	}
	*out = v;
	return (long)n;
}
