/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv6 server's lease table: pure data, no I/O, no clock (times
 * are passed in, wall-clock seconds since the epoch, as the lease file
 * keeps them).
 *
 * A lease is one address (IA_NA, plen 128) or one prefix (IA_PD) held by
 * a binding, the triple (client DUID, IAID, IA kind).  Lookups are O(1):
 *
 *   - by binding: a chained hash of (DUID, IAID, kind); a binding may
 *     hold more than one lease (the replay of an old file can give it
 *     two), dhcp6_lease_by_key() returns the first, dhcp6_lease_next_key()
 *     the others;
 *   - by address or prefix: a chained hash of (address, plen);
 *   - by expiry: a binary min-heap, so the next lease to end is at its
 *     top and dhcp6_lease_expire_next() is O(log n).
 *
 * The hashes are keyed with a seed the caller draws at random: a client
 * chooses its DUID and IAID, and must not be able to pick values that
 * all land in one chain.  Slots live in one array that grows by
 * doubling up to DHCP6_LEASES_MAX; a lease's index is stable while it
 * lives.  Past the maximum, an add is refused and counted (the server
 * answers NoAddrsAvail / NoPrefixAvail).
 *
 * A DECLINED lease (RFC 8415 §18.3.8) is an address a client found in
 * use: it stays in the address index until its expiry, so it is not
 * handed out, but belongs to no binding any more.
 */
#ifndef APEDGED_DHCP6_LEASE_H
#define APEDGED_DHCP6_LEASE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6/journal.h"
#include "dhcp6/wire.h"

#define DHCP6_LEASES_MAX	262144u	/* leases and declined addresses */
#define DHCP6_LEASE_BUCKETS	131072u	/* per hash; a power of two */
#define DHCP6_LEASE_NONE	UINT32_MAX

enum dhcp6_lease_state {
	DHCP6_LEASE_FREE = 0,		/* a slot on the free list */
	DHCP6_LEASE_BOUND,
	DHCP6_LEASE_DECLINED,
};

struct dhcp6_lease {
	struct in6_addr addr;		/* bits past plen are zero */
	uint64_t expiry;		/* wall-clock s */
	uint32_t iaid;
	uint32_t preferred, valid;	/* as last given, s */
	uint32_t key_next, addr_next;	/* hash chains */
	uint32_t heap_pos;
	uint8_t state;			/* enum dhcp6_lease_state */
	uint8_t kind;			/* DHCP6_OPT_IA_NA or _IA_PD */
	uint8_t plen;
	uint8_t duid_len, lladdr_len;
	uint8_t duid[DHCP6_DUID_MAX];
	uint8_t lladdr[DHCP6_JNL_LLADDR_MAX];
	char ifname[DHCP6_JNL_IFNAME_MAX + 1];
	/*
	 * In memory only, not journalled: the client's reconfigure key
	 * (RFC 8415 §20.4), given in its last REPLY, and the source
	 * address of its last message (its link-local one, where a
	 * RECONFIGURE goes).  After a restart both come back with the
	 * client's next RENEW.
	 */
	bool has_rkey, has_peer;
	uint8_t rkey[DHCP6_RECONF_KEY_LEN];
	struct in6_addr peer;
};

struct dhcp6_lease_stats {
	uint64_t bound, declined;	/* now */
	uint64_t full;			/* adds refused: table full */
	uint64_t added, removed, expired;
};

struct dhcp6_leases;

/* A table, empty; NULL when out of memory. */
struct dhcp6_leases *dhcp6_leases_new(uint64_t seed);
void dhcp6_leases_free(struct dhcp6_leases *t);

/* The lease at an index (stable while it lives), or NULL. */
struct dhcp6_lease *dhcp6_lease_at(struct dhcp6_leases *t, uint32_t i);
uint32_t dhcp6_lease_index(const struct dhcp6_leases *t,
			   const struct dhcp6_lease *l);

/* The first BOUND lease of a binding, or NULL. */
struct dhcp6_lease *dhcp6_lease_by_key(struct dhcp6_leases *t,
				       const uint8_t *duid, size_t duid_len,
				       uint32_t iaid, uint8_t kind);
/* The next BOUND lease of the same binding as l, or NULL. */
struct dhcp6_lease *dhcp6_lease_next_key(struct dhcp6_leases *t,
					 const struct dhcp6_lease *l);
/* The lease (BOUND or DECLINED) of an address/prefix, or NULL. */
struct dhcp6_lease *dhcp6_lease_by_addr(struct dhcp6_leases *t,
					const struct in6_addr *a,
					uint8_t plen);
/* Does l belong to this binding? */
bool dhcp6_lease_is(const struct dhcp6_lease *l, const uint8_t *duid,
		    size_t duid_len, uint32_t iaid, uint8_t kind);

/*
 * Add a BOUND lease of (duid, iaid, kind) on addr/plen ending at expiry.
 * NULL when the table is full, or when addr/plen is already leased.
 */
struct dhcp6_lease *dhcp6_lease_add(struct dhcp6_leases *t,
				    const uint8_t *duid, size_t duid_len,
				    uint32_t iaid, uint8_t kind,
				    const struct in6_addr *addr, uint8_t plen,
				    uint32_t preferred, uint32_t valid,
				    uint64_t expiry);
/* Move a lease's expiry (and lifetimes). */
void dhcp6_lease_touch(struct dhcp6_leases *t, struct dhcp6_lease *l,
		       uint32_t preferred, uint32_t valid, uint64_t expiry);
/* Mark a lease DECLINED until expiry: out of its binding. */
void dhcp6_lease_decline(struct dhcp6_leases *t, struct dhcp6_lease *l,
			 uint64_t expiry);
void dhcp6_lease_del(struct dhcp6_leases *t, struct dhcp6_lease *l);

/* The lease that ends first if it ended at or before now, or NULL. */
struct dhcp6_lease *dhcp6_lease_expire_next(struct dhcp6_leases *t,
					    uint64_t now);
/* When the next lease ends; UINT64_MAX when none. */
uint64_t dhcp6_lease_next_expiry(const struct dhcp6_leases *t);

/* Walk the live leases: *pos starts at 0.  NULL at the end. */
struct dhcp6_lease *dhcp6_lease_iter(struct dhcp6_leases *t, uint64_t *pos);

/* A journal record of type type for l; and replaying one into t. */
void dhcp6_lease_to_rec(const struct dhcp6_lease *l, uint8_t type,
			struct dhcp6_jnl_rec *r);
/*
 * Replay a record as the lease file holds it: ADD and RENEW set the
 * binding (moving the address from another binding if it had one),
 * RELEASE and EXPIRE remove it, DECLINE marks the address.  A record
 * whose expiry is past is still replayed: the first expiry run after
 * the load ends it and journals it.  False when the table was full.
 */
bool dhcp6_lease_replay(struct dhcp6_leases *t,
			const struct dhcp6_jnl_rec *r);

const struct dhcp6_lease_stats *dhcp6_leases_stats(
	const struct dhcp6_leases *t);

/* Keyed hashes, for the pools' stable first choice too. */
uint64_t dhcp6_hash(uint64_t seed, const void *p, size_t n);

#endif
