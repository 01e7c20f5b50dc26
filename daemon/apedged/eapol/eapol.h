/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 802.1X supplicant engine: one client per [eapol IFNAME] section,
 * each a supplicant PAE with its EAP peer (pae.c, peer.c) on the
 * interface's packet socket (io.c), whose output this file carries out.
 *
 * The interfaces are followed through lib/netif: the PAE's portEnabled is
 * "up with a carrier"; the socket is opened when the interface appears
 * and closed when it goes.  A reload adds and removes clients and starts
 * again those whose settings changed.
 *
 * Authorization is exposed, not enforced here: "authorized" in show and
 * the event "eapol-state" (ifname, from, state, authorized, reason) on
 * every change of the PAE's state seen between two calls (the passing
 * RESTART is not published).  Closing the port to other traffic until then is the
 * kernel module's part (issue 13).
 */
#ifndef APEDGED_EAPOL_EAPOL_H
#define APEDGED_EAPOL_EAPOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eapol/config.h"
#include "eapol/pae.h"

struct loop;
struct netif;
struct eapol;
struct eapol_client;

struct eapol_ops {
	/* An event for the monitors: "eapol-state", its JSON fields. */
	void (*event)(const char *name, const char *fields, void *data);
};

/* Frame counters of one client beyond the PAE's and the peer's. */
struct eapol_client_stats {
	uint64_t rx[256];		/* by EAPOL Packet Type */
	uint64_t malformed[EAPOL_ERR_COUNT];	/* EAPOL header refusals */
	uint64_t rx_ignored;		/* Start, Logoff, Key, ...: not ours */
	uint64_t send_errors;
};

struct eapol *eapol_new(struct loop *loop, struct netif *nf,
			const struct eapol_ops *ops, void *data);
void eapol_free(struct eapol *e);
/* Run the clients of v (n of them) and no others; 0 or -ENOMEM. */
int eapol_configure(struct eapol *e, const struct config_eapol *v, size_t n);

enum eapol_cmd { EAPOL_CMD_LOGOFF, EAPOL_CMD_REAUTH };
/* 0 or -ENOENT (no client on ifname). */
int eapol_command(struct eapol *e, const char *ifname, enum eapol_cmd cmd);

/* Queries for ctl.c. */
size_t eapol_n_clients(const struct eapol *e);
const struct eapol_client *eapol_client_at(const struct eapol *e, size_t i);
const struct eapol_client *eapol_client_find(const struct eapol *e,
					     const char *ifname);
const char *eapol_client_ifname(const struct eapol_client *c);
const struct eapol_pae *eapol_client_pae(const struct eapol_client *c);
const struct config_eapol *eapol_client_cfg(const struct eapol_client *c);
const struct eapol_client_stats *
eapol_client_stats(const struct eapol_client *c);
/* The authenticator's MAC address (the source of its last frame). */
bool eapol_client_peer(const struct eapol_client *c, uint8_t mac[6]);

#endif
