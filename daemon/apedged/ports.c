// SPDX-License-Identifier: GPL-2.0
/* The configured ports, kept attached to the module (ports.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedged/events.h"
#include "apedged/ports.h"
#include "eapol/authsm.h"
#include "eapol/config.h"
#include "kernel/genl.h"
#include "lib/amsg.h"
#include "lib/json.h"
#include "lib/log.h"
#include "lib/netif.h"
#include "lib/strbuf.h"

struct port_state *ports_find(const struct ports *ps, const char *ifname)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (!strcmp(ps->v[i].ifname, ifname))
			return &ps->v[i];
	return NULL;
}

/* Port states for cfg, carrying "attached" over from the current ones. */
/* Whether two states of a port ask the module for the same port. */
static bool same_kernel_state(const struct port_state *a,
			      const struct port_state *b)
{
	return a->role == b->role && a->l2update == b->l2update &&
	       a->l2update_relay == b->l2update_relay &&
	       a->l2update_vlan == b->l2update_vlan;
}

static bool same_auth(const struct port_state *a, const struct port_state *b)
{
	return a->auth_mode == b->auth_mode && a->auth_allow == b->auth_allow;
}

/* An [auth IF] section's mode for the module. */
static uint8_t auth_mode_of(const struct config_auth *c)
{
	return c->mode == AUTH_MODE_MAC ? APEDGE_AUTH_MODE_MAC :
					  APEDGE_AUTH_MODE_PORT;
}

struct port_state *ports_plan(const struct ports *ps,
			      const struct config_port *cfg, size_t n,
			      const struct config_auth *auths, size_t n_auths,
			      size_t *n_out)
{
	struct port_state *ports;
	size_t i, j, k;

	ports = calloc(n + n_auths ? n + n_auths : 1, sizeof(*ports));
	if (!ports)
		return NULL;
	for (i = 0; i < n; i++) {
		struct port_state *old = ports_find(ps, cfg[i].ifname);

		snprintf(ports[i].ifname, sizeof(ports[i].ifname), "%s",
			 cfg[i].ifname);
		ports[i].role = cfg[i].role;
		ports[i].l2update = cfg[i].l2update;
		ports[i].l2update_relay = cfg[i].l2update_relay;
		ports[i].l2update_vlan = (uint16_t)cfg[i].l2update_vlan;
		ports[i].attached = old && same_kernel_state(old, &ports[i]) &&
				    old->attached;
	}
	k = n;
	for (j = 0; j < n_auths; j++) {
		struct port_state *p = NULL, *old;

		for (i = 0; i < k; i++)
			if (!strcmp(ports[i].ifname, auths[j].ifname))
				p = &ports[i];
		if (!p) {
			p = &ports[k++];
			snprintf(p->ifname, sizeof(p->ifname), "%s",
				 auths[j].ifname);
			p->role = APEDGE_PORT_ROLE_UNTRUSTED;
			p->from_auth = true;
			old = ports_find(ps, p->ifname);
			p->attached = old && same_kernel_state(old, p) &&
				      old->attached;
		}
		p->auth_mode = auth_mode_of(&auths[j]);
		p->auth_allow = auths[j].unauth_allow;
	}
	*n_out = k;
	return ports;
}

/*
 * port-set of the port's 802.1X mode and guest policy.  The module keeps
 * a port's authorization when the mode is the one it has, and starts it
 * unauthorized when the mode changes.
 */
static void port_set_auth(const struct ports *ps, const struct port_state *p)
{
	struct amsg_port a = {
		.has_auth_mode = true,
		.auth_mode = p->auth_mode,
		.has_auth_allow = true,
		.auth_allow = p->auth_allow,
	};
	int r;

	snprintf(a.ifname, sizeof(a.ifname), "%s", p->ifname);
	r = agenl_port_set(ps->nl, &a);
	if (r < 0 && r != -ENOTCONN)
		log_err("port %s: cannot send port-set: %s", p->ifname,
			strerror(-r));
}

static void port_add(const struct ports *ps, const struct port_state *p)
{
	struct amsg_port a = {
		.role = p->role,
		/* Only what is on: an older module refuses what it lacks. */
		.has_l2update = p->l2update != 0,
		.l2update = p->l2update,
		.has_l2update_relay = p->l2update_relay,
		.l2update_relay = p->l2update_relay,
		.has_l2update_vlan = p->l2update_vlan != 0,
		.l2update_vlan = p->l2update_vlan,
		.has_auth_mode = p->auth_mode != 0,
		.auth_mode = p->auth_mode,
		.has_auth_allow = p->auth_mode != 0,
		.auth_allow = p->auth_allow,
	};
	int r;

	snprintf(a.ifname, sizeof(a.ifname), "%s", p->ifname);
	r = agenl_port_add_port(ps->nl, &a);

	if (r < 0 && r != -ENOTCONN)
		log_err("port %s: cannot send port-add: %s", p->ifname,
			strerror(-r));
	/* already attached (EEXIST): the mode still has to be ours */
	if (!r && p->auth_mode)
		port_set_auth(ps, p);
}

void ports_connected(struct ports *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		port_add(ps, &ps->v[i]);
}

void ports_disconnected(struct ports *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		ps->v[i].attached = false;
}

/*
 * A configured port's interface appeared (created, or renamed to its
 * name) after its port-add failed: add it now.  The module detaches a
 * port whose interface goes, so nothing is done then.
 */
static void link_cb(const struct netif_event *ev, void *data)
{
	struct ports *ps = data;
	struct port_state *p;

	if (ev->type != NETIF_LINK_NEW || ev->replay)
		return;
	p = ports_find(ps, ev->link->name);
	if (p && !p->attached &&
	    agenl_get_state(ps->nl) == APEDGED_NL_CONNECTED) {
		log_info("port %s: the interface is there; attaching",
			 p->ifname);
		port_add(ps, p);
	}
}

int ports_start(struct ports *ps, struct agenl *nl, struct netif *netif,
		struct events *bus)
{
	ps->nl = nl;
	ps->bus = bus;
	ps->sub = netif_subscribe(netif, NULL, link_cb, ps);
	return ps->sub ? 0 : -ENOMEM;
}

void ports_free(struct ports *ps)
{
	netif_unsubscribe(ps->sub);
	ps->sub = NULL;
	free(ps->v);
	ps->v = NULL;
	ps->n = 0;
}

/* Events for the monitors */

static void publish_port(struct ports *ps, const struct amsg_port *ev,
			 bool add)
{
	struct strbuf f;
	struct json j;

	sb_init(&f);
	json_init(&j, &f, JSON_SPACED);
	json_obj_begin(&j);
	json_kstr(&j, "ifname", ev->ifname[0] ? ev->ifname : NULL);
	json_ku64(&j, "ifindex", ev->ifindex);
	if (ev->role)
		json_kstr(&j, "role", config_role_name(ev->role));
	json_obj_end(&j);
	events_publish(ps->bus, add ? "port-attached" : "port-detached",
		       json_ok(&j) ? f.buf : NULL);
	sb_free(&f);
}

void ports_event(struct ports *ps, const struct amsg_port *ev)
{
	bool add = ev->cmd == APEDGE_CMD_PORT_ADD_NTF;
	struct port_state *p = ev->ifname[0] ? ports_find(ps, ev->ifname) : NULL;

	log_info("port %s (ifindex %u) %s%s%s%s",
		 ev->ifname[0] ? ev->ifname : "?", ev->ifindex,
		 add ? "attached" : "detached",
		 ev->role ? ", role " : "",
		 ev->role ? config_role_name(ev->role) : "",
		 p ? "" : " (not in the configuration)");
	publish_port(ps, ev, add);
	if (!p)
		return;
	p->attached = add;
	if (add && ev->role && ev->role != p->role)
		log_warn("port %s: attached as %s but configured as %s",
			 p->ifname, config_role_name(ev->role),
			 config_role_name(p->role));
}

void ports_result(struct ports *ps, uint8_t cmd, const char *ifname,
		  int error, const char *ext_msg)
{
	struct port_state *p = ports_find(ps, ifname);
	const char *sep = ext_msg[0] ? ": " : "";

	/* Only ours come here: the engines' requests have their own. */
	if (cmd == APEDGE_CMD_PORT_ADD) {
		if (!error || error == -EEXIST) {
			log_debug("port %s: %s", ifname, error ?
				  "already attached" : "attach acknowledged");
			if (p)
				p->attached = true;
			return;
		}
		log_err("port %s: cannot attach: %s%s%s", ifname,
			strerror(-error), sep, ext_msg);
		if (p)
			p->attached = false;
		return;
	}
	if (cmd == APEDGE_CMD_PORT_SET) {
		if (error)
			log_err("port %s: cannot set its 802.1X mode: %s%s%s",
				ifname, strerror(-error), sep, ext_msg);
		else
			log_debug("port %s: auth-mode %u acknowledged", ifname,
				  p ? p->auth_mode : 0);
		return;
	}
	if (!error || error == -ENOENT || error == -ENODEV) {
		log_debug("port %s: detach acknowledged", ifname);
		if (p && !error)
			p->attached = false;
		return;
	}
	log_err("port %s: cannot detach: %s%s%s", ifname, strerror(-error),
		sep, ext_msg);
}

void ports_commit(struct ports *ps, struct port_state *ports, size_t n_ports)
{
	bool connected = agenl_get_state(ps->nl) == APEDGED_NL_CONNECTED;
	size_t i, j;

	for (i = 0; i < ps->n; i++) {
		const struct port_state *old = &ps->v[i];

		for (j = 0; j < n_ports; j++)
			if (!strcmp(ports[j].ifname, old->ifname))
				break;
		if (j < n_ports && same_kernel_state(&ports[j], old)) {
			/* only the 802.1X mode changed: no detach */
			if (connected && !same_auth(&ports[j], old) &&
			    old->attached) {
				log_info("port %s: auth-mode %u allow %u",
					 old->ifname, ports[j].auth_mode,
					 ports[j].auth_allow);
				port_set_auth(ps, &ports[j]);
			}
			continue;
		}
		if (!connected)
			continue;	/* nothing to undo in the kernel */
		if (j == n_ports)
			log_info("port %s: removed from the configuration; "
				 "detaching", old->ifname);
		else
			log_info("port %s: role %s, l2update %u, relay %s, vlan "
				 "%u; re-attaching", old->ifname,
				 config_role_name(ports[j].role),
				 ports[j].l2update,
				 ports[j].l2update_relay ? "on" : "off",
				 ports[j].l2update_vlan);
		agenl_port_del(ps->nl, old->ifname);
	}
	if (connected)
		for (j = 0; j < n_ports; j++)
			if (!ports[j].attached)
				port_add(ps, &ports[j]);
	free(ps->v);
	ps->v = ports;
	ps->n = n_ports;
}
