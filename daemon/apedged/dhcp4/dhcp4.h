/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv4 client engine: one client per [dhcp4 IFNAME] section, each a
 * state machine (sm.c) on its interface's sockets (io.c), whose actions
 * this file carries out in order: messages and ARP packets out, the
 * lease configured (apply.c) and stored (store.c), the hook run
 * (hook.c).
 *
 * The interfaces are followed through lib/netif: a client starts when its
 * link is up with a carrier (INIT-REBOOT with the stored lease, INIT
 * without), stops without a RELEASE when the carrier or the link goes
 * (its address stays: the next start verifies it), and follows a new
 * MAC address by starting again.  A reload adds and removes clients and
 * restarts those whose settings changed; on daemon stop each stops,
 * releasing its lease only with release_on_stop.
 */
#ifndef APEDGED_DHCP4_DHCP4_H
#define APEDGED_DHCP4_DHCP4_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp4/config.h"
#include "dhcp4/sm.h"
#include "lib/strbuf.h"

struct loop;
struct netif;
struct dhcp4;
struct dhcp4_client;

struct dhcp4_ops {
	/* An event for the monitors: "dhcp4-state", its JSON fields. */
	void (*event)(const char *name, const char *fields, void *data);
};

/* Counters of one client beyond the state machine's. */
struct dhcp4_client_stats {
	uint64_t malformed[DHCP4_ERR_MAX];
	uint64_t send_errors;
	uint64_t store_errors;		/* lease file not written or removed */
	uint64_t store_damaged;		/* lease file read but refused */
	uint64_t apply_errors;		/* requests not sent */
	uint64_t untrusted_port;	/* times found an untrusted port */
};

/* NULL with errno set. */
struct dhcp4 *dhcp4_new(struct loop *loop, struct netif *nf,
			const struct dhcp4_ops *ops, void *data);
/* Stops every client, without RELEASE unless release_on_stop. */
void dhcp4_free(struct dhcp4 *e);

/*
 * Run the clients of v (n of them) and no others; 0 or -ENOMEM (the
 * clients that could be made run).
 */
int dhcp4_configure(struct dhcp4 *e, const struct config_dhcp4_global *g,
		    const struct config_dhcp4 *v, size_t n);

enum dhcp4_cmd { DHCP4_CMD_RENEW, DHCP4_CMD_REBIND, DHCP4_CMD_RELEASE };
/* 0, -ENOENT (no client on ifname), -ENETDOWN (not running). */
int dhcp4_command(struct dhcp4 *e, const char *ifname, enum dhcp4_cmd cmd);

/*
 * The module attached ifname as a port (untrusted true: an untrusted
 * one), or detached it (untrusted false); ifname NULL: every interface
 * (the module went away).  The guard of an untrusted port drops every
 * server's reply coming in there, so a client on one never gets a
 * lease: the client says so (a warning, the counter untrusted_port, an
 * event, "blocked": "untrusted-port" in dhcp4 show) and keeps trying,
 * its lease running out as it would without a server.  The [port]
 * sections cannot make one (config.c refuses it); a port added at run
 * time (apedgectl port add) can.
 */
void dhcp4_port_role(struct dhcp4 *e, const char *ifname, bool untrusted);

/* Queries for ctl.c. */
size_t dhcp4_n_clients(const struct dhcp4 *e);
const struct dhcp4_client *dhcp4_client_at(const struct dhcp4 *e, size_t i);
const struct dhcp4_client *dhcp4_client_find(const struct dhcp4 *e,
					     const char *ifname);
const char *dhcp4_client_ifname(const struct dhcp4_client *c);
const struct dhcp4_sm *dhcp4_client_sm(const struct dhcp4_client *c);
const struct dhcp4_client_stats *
dhcp4_client_stats(const struct dhcp4_client *c);
/* Why the client cannot get a lease, or NULL: "untrusted-port". */
const char *dhcp4_client_blocked(const struct dhcp4_client *c);

#endif
