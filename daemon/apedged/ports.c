// SPDX-License-Identifier: GPL-2.0
/* The configured ports, kept attached to the module (ports.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedged/events.h"
#include "apedged/ports.h"
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

struct port_state *ports_plan(const struct ports *ps,
			      const struct config_port *cfg, size_t n)
{
	struct port_state *ports;
	size_t i;

	ports = calloc(n ? n : 1, sizeof(*ports));
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
	return ports;
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
	};
	int r;

	snprintf(a.ifname, sizeof(a.ifname), "%s", p->ifname);
	r = agenl_port_add_port(ps->nl, &a);

	if (r < 0 && r != -ENOTCONN)
		log_err("port %s: cannot send port-add: %s", p->ifname,
			strerror(-r));
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
		if (j < n_ports && same_kernel_state(&ports[j], old))
			continue;
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
