/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The leases as the module's source guard knows them (issue 10 item 3):
 * pure.  Each lease of an address (IA_NA) becomes a binding of the
 * address, and each delegated prefix (IA_PD) a prefix binding, to the
 * client's MAC address and the port it was served on, with origin
 * dhcp6-server, for the lease's valid lifetime.  The engine (dhcp6.c)
 * calls the root through struct dhcp6_bind_ops, which sends them to the
 * module (the dhcp6 engine never includes the kernel engine):
 *
 *   a REPLY that grants or extends a lease, once sent   add
 *   RELEASE, DECLINE, expiry, "lease del"               del
 *   the daemon (re)connects to the module               resync
 *
 * Resync compares the module's dhcp6-server bindings (a dump) with the
 * leases (dhcp6_bind_diff()): a binding without a live lease is removed,
 * a lease without its binding (or with another MAC or port) added.
 * Snooped and static bindings are never touched.
 */
#ifndef APEDGED_DHCP6_BIND_H
#define APEDGED_DHCP6_BIND_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6/journal.h"

struct dhcp6_bind {
	struct in6_addr addr;
	uint8_t plen;			/* 0: the address; 1..128: a prefix */
	uint8_t mac[6];
	char ifname[IFNAMSIZ];		/* the port */
	uint32_t lifetime;		/* s left; 0: for ever */
};

/* The root's side; data is the root's. */
struct dhcp6_bind_ops {
	/* Whether ifname is one of the module's ports. */
	bool (*is_port)(void *data, const char *ifname);
	void (*add)(void *data, const struct dhcp6_bind *b);
	void (*del)(void *data, const struct in6_addr *addr, uint8_t plen);
};

/* What the bindings did, for dhcp6 stats. */
struct dhcp6_bind_stats {
	uint64_t added, removed;	/* binding-adds and -dels asked for */
	uint64_t no_mac;		/* a lease whose client's MAC is unknown */
	uint64_t resyncs, resync_kept, resync_added, resync_removed;
};

/* What a resync did. */
struct dhcp6_bind_diff_stats {
	uint64_t kept, added, removed;
};

/*
 * The binding a lease record (ADD, RENEW or a live lease) asks for at
 * wall-clock now: false when it cannot have one (no 6-byte link-layer
 * address, no interface, expired).  An IA_NA's is its address (plen 0),
 * an IA_PD's its prefix.
 */
bool dhcp6_bind_from_rec(const struct dhcp6_jnl_rec *r, uint64_t now,
			 struct dhcp6_bind *b);

/* The record ends its lease's binding (RELEASE, EXPIRE, DECLINE). */
bool dhcp6_bind_rec_ends(const struct dhcp6_jnl_rec *r);

/*
 * One acknowledged record, as the engine applies it once its REPLY went
 * out (or the lease expired, or was deleted): on a port (ops->is_port),
 * an ADD or RENEW is added (its MAC the record's link-layer address, or
 * mac when it has none; neither: counted in no_mac), a RELEASE, EXPIRE
 * or DECLINE removed.
 */
void dhcp6_bind_apply(const struct dhcp6_jnl_rec *r, uint64_t now,
		      const uint8_t *mac, const struct dhcp6_bind_ops *ops,
		      void *data, struct dhcp6_bind_stats *st);

struct dhcp6_leases;

/*
 * The bindings the live leases on ports ask for, at now: a malloc()ed
 * array in *out (NULL when none), its length returned; -1 when out of
 * memory.
 */
long dhcp6_bind_want(struct dhcp6_leases *t, uint64_t now,
		     const struct dhcp6_bind_ops *ops, void *data,
		     struct dhcp6_bind **out);

/* The module's binding for the same key (address or prefix). */
bool dhcp6_bind_same_key(const struct dhcp6_bind *a,
			 const struct dhcp6_bind *b);

/*
 * Resync: have, the module's dhcp6-server bindings; want, the live
 * leases' (both reordered in place).  ops->del for each key only in
 * have, ops->add for each only in want or bound to another MAC or port.
 * O((nh + nw) log(nh + nw)).
 */
void dhcp6_bind_diff(struct dhcp6_bind *have, size_t nh,
		     struct dhcp6_bind *want, size_t nw,
		     const struct dhcp6_bind_ops *ops, void *data,
		     struct dhcp6_bind_diff_stats *st);

#endif
