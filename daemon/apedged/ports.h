/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configured ports, kept attached to the module.
 *
 * The [port] sections are the desired state: on every (re)connection to
 * the family each one is added (an "already attached" answer counts as
 * success), a reload adds the new ones, removes the dropped ones and
 * re-adds those whose role or relay settings changed, and a configured port whose interface
 * appears after its port-add failed is added then.
 *
 * An [auth IF] section makes its port one of these (attached role
 * untrusted when it has no [port IF]) and sets its 802.1X mode: sent with
 * port-add and, since a port already attached (a daemon restart) answers
 * port-add with EEXIST and keeps its old attributes, with a port-set
 * right after it; a reload that changes only the mode sends a port-set.
 * Dropping the section sets auth-mode none (or detaches the port it
 * alone attached).  The daemon's stop leaves the mode alone: the port
 * stays in 802.1X mode, shut (fail closed; see auth.rst).  A port's "attached"
 * flag follows the answers to our requests and the family's port events,
 * which are also published to the monitors.
 */
#ifndef APEDGED_PORTS_H
#define APEDGED_PORTS_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/config.h"

struct agenl;
struct amsg_port;
struct events;
struct netif;
struct netif_sub;

struct port_state {
	char ifname[IFNAMSIZ];
	uint32_t role;
	/* the module's Layer-2 Update relay: sent with port-add */
	uint32_t l2update;
	bool l2update_relay;
	uint16_t l2update_vlan;
	/*
	 * 802.1X (an [auth IF] section): the module's auth-mode (enum
	 * apedge_auth_mode, 0 none) and auth-allow; a port of an [auth]
	 * section that has no [port] section is attached for it
	 * (from_auth), role untrusted.
	 */
	uint8_t auth_mode;
	uint32_t auth_allow;
	bool from_auth;
	bool attached;
};

struct ports {
	struct port_state *v;
	size_t n;
	struct agenl *nl;		/* set by ports_start() */
	struct events *bus;
	struct netif_sub *sub;
};

/* The port states of cfg's n ports and of the n_auths [auth IF]
 * sections auths, "attached" carried over from ps (a reload's plan;
 * nothing is sent); their number in *n_out.  NULL when out of memory. */
struct config_auth;
struct port_state *ports_plan(const struct ports *ps,
			      const struct config_port *cfg, size_t n,
			      const struct config_auth *auths, size_t n_auths,
			      size_t *n_out);
/* Take a plan: detach what it dropped or changed, attach the rest. */
void ports_commit(struct ports *ps, struct port_state *plan, size_t n);

/* Follow the family (nl) and the interfaces (netif): 0 or -ENOMEM. */
int ports_start(struct ports *ps, struct agenl *nl, struct netif *netif,
		struct events *bus);
void ports_free(struct ports *ps);

struct port_state *ports_find(const struct ports *ps, const char *ifname);

/* From the family's connection (kernel/genl.h's ops). */
void ports_connected(struct ports *ps);
void ports_disconnected(struct ports *ps);
void ports_event(struct ports *ps, const struct amsg_port *ev);
void ports_result(struct ports *ps, uint8_t cmd, const char *ifname,
		  int error, const char *ext_msg);

#endif
