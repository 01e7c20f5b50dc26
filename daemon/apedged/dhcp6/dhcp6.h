/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv6 server engine: the object the daemon's root makes from the
 * [dhcp6] and [dhcp6 IFNAME] sections.  It owns the pure server
 * (server.c: the lease table and the message flows), the lease store
 * (store.c) and the sockets (io.c), and ties them:
 *
 *   message in (io.c) -> wire.c parse -> server.c -> reply
 *     no records: the reply is sent at once (ADVERTISE, CONFIRM, ...);
 *     records: each is appended to the store, and the reply is sent
 *     from the last done(cookie, 0): an acknowledged lease is on disk
 *     first.  A write error: the reply is not sent, and counted.
 *   every second: the leases past their expiry end, journalled.
 *   IA_PD: a route to the prefix via the client's link-local address on
 *     its interface when bound, removed at release, decline or expiry.
 *
 * The server DUID is <state_dir>/server-duid (hex), made once as a
 * DUID-LLT from the first served interface's MAC and kept, or given by
 * server_duid in [dhcp6].
 *
 *   the module's bindings (bind.h): a lease on one of the module's ports
 *     is bound (address or prefix, the client's MAC, the port) once its
 *     REPLY went out, unbound at release, decline, expiry or "lease del";
 *     the client's MAC is the kernel's neighbour entry for its source,
 *     looked up as the message comes and kept in the lease.
 * The relay (mode relay, RFC 8415 §19) shares the socket: a message on
 * a relay link goes up as a RELAY-FORW to each upstream (relay.c
 * decides), a RELAY-REPL from a configured upstream comes down to the
 * interface its Interface-ID or link-address names.  See
 * Documentation/dhcp6.rst.
 */
#ifndef APEDGED_DHCP6_DHCP6_H
#define APEDGED_DHCP6_DHCP6_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6/bind.h"
#include "dhcp6/config.h"
#include "dhcp6/relay.h"
#include "dhcp6/server.h"
#include "dhcp6/wire.h"

struct loop;
struct dhcp6;
struct dhcp6_store_stats;

/* The engine's counters beyond the server's. */
struct dhcp6_engine_stats {
	uint64_t malformed[DHCP6_ERR_MAX];
	uint64_t relay_msgs;		/* RELAY-FORW: no relay yet */
	uint64_t not_served;		/* on an interface not ours */
	uint64_t send_errors, store_errors, route_errors;
	uint64_t committed;		/* replies sent after a commit */
	/* RECONFIGUREs: each sending, those a client answered, those
	 * given up after REC_MAX_RC sendings */
	uint64_t reconf_sent, reconf_answered, reconf_given_up;
	/* The relay (mode relay): messages relayed up (one per message,
	 * whatever the count of upstreams) and down, and dropped. */
	uint64_t relay_up, relay_down;
	uint64_t relay_drop[DHCP6_RELAY_DROP_MAX];
};

/* NULL with errno set. */
struct dhcp6 *dhcp6_new(struct loop *loop);
void dhcp6_free(struct dhcp6 *e);

/*
 * Serve the [dhcp6 IF] sections in mode server and relay for those in
 * mode relay (a reload calls it again; the table and store stay).  0, or -errno when the store or
 * the socket could not be opened (logged): nothing is served then.
 */
int dhcp6_configure(struct dhcp6 *e, const struct config_dhcp6_global *g,
		    const struct config_dhcp6 *v, size_t n);

/* Queries for ctl.c. */
struct dhcp6_server *dhcp6_server(struct dhcp6 *e);	/* NULL: off */
const struct dhcp6_engine_stats *dhcp6_engine_stats(const struct dhcp6 *e);
const struct dhcp6_store_stats *dhcp6_store_stats_of(const struct dhcp6 *e);
bool dhcp6_serves(const struct dhcp6 *e, const char *ifname);
/* The i-th interface in mode server or relay (its link address kept
 * current), NULL past the last. */
const struct config_dhcp6 *dhcp6_iface(const struct dhcp6 *e, size_t i,
				       int *ifindex);
bool dhcp6_relays(const struct dhcp6 *e);	/* a link in mode relay */

/* The admin removes a lease: journalled, its route removed.  0 or
 * -ENOENT. */
int dhcp6_lease_remove(struct dhcp6 *e, const struct in6_addr *a,
		       uint8_t plen);

/*
 * The module's bindings of the leases (bind.h): the root's ops, set once
 * (NULL: none are made).
 */
void dhcp6_set_bind_ops(struct dhcp6 *e, const struct dhcp6_bind_ops *ops,
			void *data);
const struct dhcp6_bind_stats *dhcp6_bind_stats_of(const struct dhcp6 *e);
/*
 * Resync with the module: begin, note each of the module's bindings of
 * origin dhcp6-server from a dump, end with the dump's result (0: the
 * diff is applied through the ops; an error: nothing is done).  0 or
 * -errno.
 */
void dhcp6_resync_begin(struct dhcp6 *e);
void dhcp6_resync_note(struct dhcp6 *e, const struct dhcp6_bind *b);
int dhcp6_resync_end(struct dhcp6 *e, int error);
/*
 * The admin asks the client of a lease to come back (RFC 8415 §18.3.11):
 * a RECONFIGURE for what (DHCP6_RENEW, DHCP6_REBIND or
 * DHCP6_INFORMATION_REQUEST), sent again REC_MAX_RC times at most until
 * the client sends one.  0, -ENOENT (no such lease), -ENOKEY (its client
 * took no reconfigure key), -EALREADY (one is in flight), -EBUSY (too
 * many are), -ENETDOWN, -EIO.
 */
int dhcp6_reconfigure(struct dhcp6 *e, const struct in6_addr *a, uint8_t plen,
		      uint8_t what);

#endif
