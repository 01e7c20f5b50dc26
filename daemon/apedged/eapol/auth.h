/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 802.1X authenticator engine: one port per [auth IFNAME] section,
 * each the state machines of eapol/authsm.h fed by the interface's
 * packet socket (eapol/io.h), talking to its RADIUS servers through the
 * RADIUS client (eapol/radclient.h on eapol/radudp.h), with a timer at
 * the machines' deadline.
 *
 * The interfaces are followed through lib/netif: the socket is opened
 * when the interface appears, and every session ends (unauthorized) when
 * it goes down or away.  A reload adds and removes ports and starts
 * again those whose settings changed.
 *
 * Authorization is not carried out here: ops->authorize tells the
 * daemon's root, which has the module open or shut the port (mode port,
 * mac NULL) or the station (mode mac) and puts it in the VLAN.  The
 * module's "auth-unauth-seen" events come in through eapol_auth_seen().
 */
#ifndef APEDGED_EAPOL_AUTH_H
#define APEDGED_EAPOL_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eapol/config.h"

struct loop;
struct netif;
struct json;
struct eapol_auth;

struct eapol_auth_ops {
	/* The port (mac NULL) or the station mac on ifname: authorized or
	 * not, in vlan (0: the port's own). */
	void (*authorize)(const char *ifname, const uint8_t *mac,
			  bool authorized, uint16_t vlan, void *data);
};

struct eapol_auth *eapol_auth_new(struct loop *loop, struct netif *nf,
				  const struct eapol_auth_ops *ops,
				  void *data);
void eapol_auth_free(struct eapol_auth *a);
/* Run the ports of v (n of them) and no others; 0 or -ENOMEM. */
int eapol_auth_configure(struct eapol_auth *a, const struct config_auth *v,
			 size_t n);
/* The module saw a frame of mac, unauthorized, on the port ifindex. */
void eapol_auth_seen(struct eapol_auth *a, int ifindex, const uint8_t mac[6]);
/* Reauthenticate on ifname (mac NULL: every session); 0 or -ENOENT. */
int eapol_auth_reauth(struct eapol_auth *a, const char *ifname,
		      const uint8_t *mac);
size_t eapol_auth_n_ports(const struct eapol_auth *a);
/* An array of the ports (ifname NULL: all), each auth_port_json() plus
 * its RADIUS servers' counters.  -ENOENT: no such port. */
int eapol_auth_json(const struct eapol_auth *a, const char *ifname,
		    struct json *j);

#endif
