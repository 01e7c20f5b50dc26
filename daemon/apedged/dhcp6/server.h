/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv6 server's message logic (RFC 8415 §18.3): pure.  A client
 * message, already parsed by wire.c, goes in with the link it came on,
 * whether it came by unicast, and the wall-clock time; out come a reply
 * to build (a struct dhcp6_msg for dhcp6_msg_build()) and the journal
 * records the reply acknowledges.  No clock, no socket, no file.
 *
 * The engine must commit out->recs to the lease file before it sends a
 * reply whose out->commit is set (REPLY to REQUEST, RENEW, REBIND,
 * RELEASE, DECLINE, or SOLICIT with Rapid Commit).  An ADVERTISE, and a
 * REPLY that changes no lease, go at once.  The lease table is changed
 * here, before the commit: if the commit fails the reply is not sent,
 * the client retransmits, and the same binding is found again (the
 * file then holds no lease the client was told of, and memory holds
 * one more it was not: the safe side).
 *
 * A SOLICIT changes nothing: the address it advertises is the binding's,
 * a reservation, or the first free one from a keyed hash of (DUID, IAID)
 * into the range, which a REQUEST that follows finds again.  A flood of
 * SOLICITs fills no table.
 *
 * Flows, and what the RFC asks of each:
 *
 *   SOLICIT      ADVERTISE; REPLY with Rapid Commit when both the client
 *                and the link allow it (§18.3.1)
 *   REQUEST      REPLY: the binding made or found (§18.3.2)
 *   CONFIRM      REPLY Success or NotOnLink; none without addresses
 *                (§18.3.3)
 *   RENEW        REPLY: lifetimes extended; NoBinding for an IA we do
 *                not know; 0 lifetimes for an address not its (§18.3.4)
 *   REBIND       REPLY like RENEW; an unknown IA whose addresses are not
 *                on the link: 0 lifetimes; else NoBinding (§18.3.5)
 *   INFORMATION-REQUEST  REPLY with DNS, domains, INF_MAX_RT (§18.3.6)
 *   RELEASE      REPLY Success; NoBinding per unknown IA (§18.3.7)
 *   DECLINE      REPLY Success; the address set aside (§18.3.8)
 *
 * UseMulticast (§18.4): we never send a Server Unicast option, so a
 * REQUEST, RENEW, RELEASE or DECLINE that came by unicast gets a REPLY
 * with UseMulticast and nothing else; a SOLICIT, CONFIRM, REBIND or
 * INFORMATION-REQUEST that came by unicast is dropped (§16).
 *
 * RECONFIGURE (with auth.c) is not sent yet.
 */
#ifndef APEDGED_DHCP6_SERVER_H
#define APEDGED_DHCP6_SERVER_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6/journal.h"
#include "dhcp6/lease.h"
#include "dhcp6/wire.h"

#define DHCP6_RANGES_MAX	16	/* per link */
#define DHCP6_POOLS_MAX		16	/* per link */
#define DHCP6_RESV_MAX		256	/* per link */
#define DHCP6_ONLINK_MAX	8	/* extra on-link prefixes per link */
#define DHCP6_DOMAINS_RAW_MAX	512
#define DHCP6_PROBES_MAX	65536	/* addresses tried per allocation */
#define DHCP6_DECLINE_HOLD	86400	/* s an address declined is kept */

/* Why a well-formed message was not answered: indexes counters. */
enum dhcp6_drop {
	DHCP6_DROP_NOT_CLIENT = 0,	/* a server's or relay's type */
	DHCP6_DROP_SERVER_ID,		/* a Server ID not ours */
	DHCP6_DROP_UNICAST,		/* SOLICIT/CONFIRM/REBIND/INFO by
					 * unicast (§16) */
	DHCP6_DROP_NO_ADDRS,		/* CONFIRM without addresses */
	DHCP6_DROP_NOT_SERVED,		/* no server on the link */
	DHCP6_DROP_MAX
};

const char *dhcp6_drop_name(enum dhcp6_drop d);

struct dhcp6_range {
	struct in6_addr first, last;	/* inclusive, one /64 or less */
};

struct dhcp6_pool {
	struct in6_addr prefix;		/* bits past plen zero */
	uint8_t plen;			/* the pool's: 48 */
	uint8_t dlen;			/* each delegation's: 56 */
};

struct dhcp6_resv {
	uint8_t duid_len;
	uint8_t duid[DHCP6_DUID_MAX];
	struct in6_addr addr;		/* an address, or a prefix */
	uint8_t plen;			/* 128: IA_NA; less: IA_PD */
};

/* What a link serves; filled by config.c. */
struct dhcp6_link_cfg {
	char ifname[DHCP6_JNL_IFNAME_MAX + 1];
	uint8_t n_ranges, n_pools, n_onlink;
	uint16_t n_resv;
	struct dhcp6_range ranges[DHCP6_RANGES_MAX];
	struct dhcp6_pool pools[DHCP6_POOLS_MAX];
	struct dhcp6_resv resv[DHCP6_RESV_MAX];
	struct in6_addr onlink[DHCP6_ONLINK_MAX];	/* /64s, CONFIRM */
	uint32_t preferred, valid;	/* s */
	uint32_t t1, t2;		/* s; 0: 0.5 and 0.8 of preferred */
	uint8_t n_dns;
	struct in6_addr dns[DHCP6_DNS_MAX];
	uint16_t domains_len;		/* the option's wire form */
	uint8_t domains[DHCP6_DOMAINS_RAW_MAX];
	bool rapid_commit;
	bool reconfigure;		/* keys for clients that accept them */
	uint32_t sol_max_rt, inf_max_rt;	/* 0: not sent */
};

struct dhcp6_server_stats {
	uint64_t in[DHCP6_TYPE_MAX + 1], out[DHCP6_TYPE_MAX + 1];
	uint64_t drop[DHCP6_DROP_MAX];
	uint64_t no_addrs, no_prefix, no_binding, not_on_link;
	uint64_t use_multicast, declined, released, expired;
};

struct dhcp6_server {
	struct dhcp6_leases *leases;
	uint64_t seed;
	uint8_t duid_len;
	uint8_t duid[DHCP6_DUID_MAX];
	struct dhcp6_server_stats st;
};

struct dhcp6_in {
	const struct dhcp6_msg *msg;
	const struct dhcp6_link_cfg *link;
	bool unicast;			/* its destination was not multicast */
	const uint8_t *lladdr;		/* the client's, or NULL */
	uint8_t lladdr_len;
	uint64_t now;			/* wall-clock s */
	const struct in6_addr *peer;	/* its source address, or NULL */
	/*
	 * Reconfigure keys: 16 random octets the caller drew, taken when a
	 * client that accepts RECONFIGURE has no key yet (NULL: none
	 * given), and the Auth option's replay counter, which only grows
	 * (RFC 8415 §20.3).
	 */
	const uint8_t *rkey_new;
	uint64_t replay;
};

#define DHCP6_RECS_MAX	(DHCP6_IA_MAX * DHCP6_ADDRS_PER_IA_MAX + DHCP6_IA_MAX)

struct dhcp6_out {
	bool send;			/* build and send msg */
	bool commit;			/* recs first, then send */
	enum dhcp6_drop drop;		/* when !send */
	struct dhcp6_msg msg;
	unsigned int n_recs;
	struct dhcp6_jnl_rec recs[DHCP6_RECS_MAX];
	uint8_t auth_info[1 + DHCP6_RECONF_KEY_LEN];	/* msg.auth's */
	uint8_t rkey[DHCP6_RECONF_KEY_LEN];	/* RECONFIGURE: to sign with */
	struct in6_addr to;			/* RECONFIGURE: where */
	char ifname[DHCP6_JNL_IFNAME_MAX + 1];	/* RECONFIGURE: whose link */
};

/* A server over a table; the DUID is ours (RFC 8415 §11). */
int dhcp6_server_init(struct dhcp6_server *s, const uint8_t *duid,
		      size_t duid_len, uint64_t seed);
void dhcp6_server_fini(struct dhcp6_server *s);

/*
 * Handle one message.  out->send: build out->msg and send it to the
 * client (after committing out->recs when out->commit); else it was
 * dropped for out->drop, counted.  out->msg's variable parts point into
 * in->msg, in->link and the server: they must live until it is built.
 */
void dhcp6_server_handle(struct dhcp6_server *s, const struct dhcp6_in *in,
			 struct dhcp6_out *out);

/*
 * End the leases whose expiry is at or before now: up to max EXPIRE
 * records into recs (for the lease file and the routes).  How many.
 */
unsigned int dhcp6_server_expire(struct dhcp6_server *s, uint64_t now,
				 struct dhcp6_jnl_rec *recs, unsigned int max);

/* Remove one lease as the admin asks: its RELEASE record. */
/*
 * A RECONFIGURE (RFC 8415 §18.3.11) for the client of the lease of a/plen,
 * asking it for what (DHCP6_RENEW, DHCP6_REBIND or
 * DHCP6_INFORMATION_REQUEST): out->msg to build, then sign with out->rkey
 * (dhcp6_reconf_sign) and send to out->to on out->ifname.  0, -ENOENT (no
 * such lease), -ENOKEY (its client has no reconfigure key), -EINVAL (a
 * bad what).
 */
int dhcp6_server_reconfigure(struct dhcp6_server *s, const struct in6_addr *a,
			     uint8_t plen, uint8_t what, uint64_t replay,
			     struct dhcp6_out *out);

bool dhcp6_server_lease_del(struct dhcp6_server *s, const struct in6_addr *a,
			    uint8_t plen, struct dhcp6_jnl_rec *rec);

/* T1 and T2 a link gives. */
void dhcp6_link_times(const struct dhcp6_link_cfg *c, uint32_t *t1,
		      uint32_t *t2);

/* Is a in one of the link's ranges, on-link prefixes or reservations? */
bool dhcp6_link_onlink(const struct dhcp6_link_cfg *c,
		       const struct in6_addr *a);

#endif
