// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon object: it owns the loop, the engines and the control
 * sockets, wires the engines together, and reloads the configuration.
 *
 * The configured ports are kept attached by ports.c, whose plan a reload
 * makes before anything can fail and commits after.
 *
 * The [ap] interfaces are watched by the wifi engine (wifi/wifi.h), whose
 * station events station.c hands to the IAPP engine: associated ->
 * iapp_sta_add() (unauthorized), authorized -> iapp_sta_set_vlan() and
 * iapp_sta_authorize(), gone -> iapp_sta_del(); IAPP's kicks go back to
 * the wifi engine.  A reload watches the new ones and unwatches the
 * dropped ones.
 *
 * The DHCPv4 clients (dhcp4/dhcp4.h) stand alone: they publish their
 * state changes to the monitors and answer the dhcp4 words; the module's
 * port events tell them whether their interface is an untrusted port.
 * The 802.1X supplicants (eapol/eapol.h) stand alone as well, with the
 * eapol words, and so does the DHCPv6 server (dhcp6/dhcp6.h) with the
 * dhcp6 words.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <grp.h>
#include <net/if.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/apedge.h>

#include "apedged/daemon.h"
#include "apedged/config_file.h"
#include "apedged/ctl.h"
#include "apedged/ctxbind.h"
#include "apedged/events.h"
#include "apedged/ports.h"
#include "apedged/station.h"
#include "dhcp4/ctl.h"
#include "dhcp4/dhcp4.h"
#include "eapol/ctl.h"
#include "eapol/auth.h"
#include "eapol/eapol.h"
#include "eapol/station.h"
#include "dhcp6/ctl.h"
#include "dhcp6/dhcp6.h"
#include "kernel/genl.h"
#include "iapp/iapp.h"
#include "iapp/ctl.h"
#include "lib/ctrl.h"
#include "lib/json.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"
#include "lib/sdnotify.h"
#include "wifi/wifi.h"
#include "apedged/status.h"
#include "lib/version.h"

struct apedged {
	struct apedged_opts opts;
	struct config cfg;
	struct ports ports;		/* [port]s, kept attached */

	struct loop *loop;
	struct netif *netif;		/* links and addresses, for all */
	struct events *bus;		/* for the monitors */
	struct ctrl *ctl;		/* the control sockets' commands */
	struct ctrl_server *ctrl;	/* the admin socket */
	struct ctrl_server *ctrl_ro;	/* the read-only one, or NULL */
	struct ctrl_server *old_ctrl;	/* replaced by a reload */
	struct ctrl_server *old_ctrl_ro;
	struct loop_timer *old_ctrl_timer;
	struct agenl *nl;
	struct iapp *iapp;
	struct wifi *wifi;
	struct dhcp4 *dhcp4;		/* the [dhcp4 IF] clients */
	struct eapol *eapol;		/* the [eapol IF] supplicants */
	struct stations *stations;	/* the [station IF] WPA2 stations */
	struct eapol_auth *auth;	/* the [auth IF] authenticators */
	struct dhcp6 *dhcp6;		/* the [dhcp6 IF] servers */
	struct station_wiring sw;	/* wifi <-> iapp */
	char hapd_client[108];		/* our hostapd client socket */
	struct ctxbind ctxb;		/* stations waiting for a dump */
	bool d6_resync;			/* dhcp6's bindings: a dump wanted */
	bool d6_collecting;		/* the running dump is dhcp6's too */
	struct loop_timer *dump_retry;	/* after a dump refused (EBUSY) */
	uint64_t start_ms;
};

static const char *effective_ctrl_path(const struct apedged *d,
				       const struct config *cfg)
{
	return d->opts.ctrl_path ? d->opts.ctrl_path : cfg->ctrl_socket;
}

static void apply_log_level(const struct apedged *d)
{
	log_set_level(d->opts.debug ? LOG_DEBUG : d->cfg.log_level);
}

static int d6_resync_dump(struct apedged *d);

static void nl_connected(void *data)
{
	struct apedged *d = data;

	ports_connected(&d->ports);
	/* After the port-adds, which the module takes in order. */
	d->d6_resync = true;
	d6_resync_dump(d);
	sdnotify_status("connected to the apedge module");
}

static void nl_disconnected(void *data)
{
	struct apedged *d = data;

	ports_disconnected(&d->ports);
	dhcp4_port_role(d->dhcp4, NULL, false);
	sdnotify_status("waiting for the apedge module");
}

static void nl_port_event(const struct amsg_port *ev, void *data)
{
	struct apedged *d = data;

	ports_event(&d->ports, ev);
	/* Any port, configured or added by hand: see dhcp4_port_role(). */
	if (ev->ifname[0])
		dhcp4_port_role(d->dhcp4, ev->ifname,
				ev->cmd == APEDGE_CMD_PORT_ADD_NTF &&
				ev->role == APEDGE_PORT_ROLE_UNTRUSTED);
}

/* The ports the module had when we connected, attached by anyone. */
static void nl_port_listed(const struct amsg_port *port, void *data)
{
	struct apedged *d = data;

	if (port->ifname[0])
		dhcp4_port_role(d->dhcp4, port->ifname,
				port->role == APEDGE_PORT_ROLE_UNTRUSTED);
}

static void nl_port_result(uint8_t cmd, const char *ifname, int error,
			   const char *ext_msg, void *data)
{
	struct apedged *d = data;

	ports_result(&d->ports, cmd, ifname, error, ext_msg);
}

/* Events for the monitors */

static void publish_reload(struct apedged *d, const char *error)
{
	struct strbuf f;
	struct json j;

	sb_init(&f);
	json_init(&j, &f, JSON_SPACED);
	json_obj_begin(&j);
	json_kbool(&j, "ok", !error);
	if (error)
		json_kstr(&j, "error", error);
	else
		json_ku64(&j, "ports", d->ports.n);
	json_obj_end(&j);
	events_publish(d->bus, "reload", json_ok(&j) ? f.buf : NULL);
	sb_free(&f);
}

static void ctx_filled(const uint8_t mac[MAC_LEN], const struct iapp_ctx *ctx,
		       void *data)
{
	struct apedged *d = data;

	iapp_ctx_filled(d->iapp, mac, ctx);
}

/* Dump the bindings for the stations waiting; 0 or -errno. */
static int ctx_dump(struct apedged *d)
{
	int r = agenl_binding_dump(d->nl);

	if (!r)
		ctxbind_start(&d->ctxb);
	else if (r != -EBUSY) {
		/* They would wait for ever: their answers go without. */
		ctxbind_start(&d->ctxb);
		ctxbind_finish(&d->ctxb, r, ctx_filled, d);
	}
	return r == -EBUSY ? 0 : r;
}

/*
 * The DHCPv6 server's leases as the module's bindings (dhcp6/bind.h):
 * on the [port]s of the configuration; resynced from a dump of the
 * module's bindings on every connection (a daemon or module restart).
 */
static bool d6_is_port(void *data, const char *ifname)
{
	struct apedged *d = data;

	return ports_find(&d->ports, ifname) != NULL;
}

static void d6_done(int error, const char *ext_msg, void *data)
{
	if (error && error != -ENOENT && error != -ENOTCONN)
		log_rl(LOG_WARNING, "dhcp6: a binding of a lease: %s%s%s",
		       strerror(-error), ext_msg && *ext_msg ? ": " : "",
		       ext_msg ? ext_msg : "");
}

static void d6_bind_add(void *data, const struct dhcp6_bind *b)
{
	struct apedged *d = data;
	struct amsg_binding m = {
		.af = AF_INET6, .plen = b->plen, .permanent = !b->lifetime,
		.lifetime = b->lifetime,
		.origin = APEDGE_BINDING_ORIGIN_DHCP6_SERVER,
	};

	memcpy(m.addr, &b->addr, 16);
	memcpy(m.mac, b->mac, sizeof(m.mac));
	snprintf(m.ifname, sizeof(m.ifname), "%s", b->ifname);
	agenl_binding_set(d->nl, &m, d6_done, d);
}

static void d6_bind_del(void *data, const struct in6_addr *addr,
			uint8_t plen)
{
	struct apedged *d = data;

	agenl_binding_del(d->nl, AF_INET6, addr->s6_addr, plen, d6_done, d);
}

static const struct dhcp6_bind_ops d6_bind_ops = {
	.is_port = d6_is_port,
	.add = d6_bind_add,
	.del = d6_bind_del,
};

/* A dump for dhcp6's resync, unless one runs (it follows that one). */
static int d6_resync_dump(struct apedged *d)
{
	int r;

	if (!d->d6_resync || d->d6_collecting || !dhcp6_server(d->dhcp6))
		return 0;
	r = agenl_binding_dump(d->nl);
	if (r == -EBUSY)
		return 0;
	d->d6_resync = false;
	if (r)
		return r;
	d->d6_collecting = true;
	dhcp6_resync_begin(d->dhcp6);
	return 0;
}

/* A binding dump refused: the waiting stations' first, then dhcp6's. */
static void dump_retry_fired(struct loop_timer *t, void *data)
{
	struct apedged *d = data;

	if (ctxbind_waiting(&d->ctxb))
		ctx_dump(d);	/* dhcp6's follows it */
	else
		d6_resync_dump(d);
}

static void dump_retry(struct apedged *d)
{
	if (!d->dump_retry)
		d->dump_retry = loop_timer_add(d->loop, 100, 0,
					       dump_retry_fired, d);
	else
		loop_timer_rearm(d->dump_retry, 100, 0);
}

static void nl_binding(const struct amsg_binding *b, void *data)
{
	struct apedged *d = data;
	struct dhcp6_bind x = { .lifetime = b->lifetime };

	ctxbind_binding(&d->ctxb, b);
	if (!d->d6_collecting || b->af != AF_INET6 ||
	    b->origin != APEDGE_BINDING_ORIGIN_DHCP6_SERVER)
		return;
	memcpy(&x.addr, b->addr, 16);
	x.plen = b->plen;
	memcpy(x.mac, b->mac, sizeof(x.mac));
	if (!if_indextoname(b->ifindex, x.ifname))
		snprintf(x.ifname, sizeof(x.ifname), "if%u", b->ifindex);
	dhcp6_resync_note(d->dhcp6, &x);
}

static void nl_binding_dump_done(int error, void *data)
{
	struct apedged *d = data;

	if (error == -EBUSY || error == -EAGAIN) {
		/*
		 * The socket's other dump (the ports', on connect) was
		 * still running, or the table changed during this one: the
		 * stations waiting for their bindings and dhcp6's resync
		 * ask again in a moment.
		 */
		if (d->d6_collecting) {
			d->d6_collecting = false;
			dhcp6_resync_end(d->dhcp6, error);
			d->d6_resync = true;
		}
		ctxbind_requeue(&d->ctxb);
		dump_retry(d);
		return;
	}
	if (d->d6_collecting) {
		d->d6_collecting = false;
		if (dhcp6_resync_end(d->dhcp6, error))
			log_warn("dhcp6: no resync of the module's bindings: "
				 "the dump failed (%s)", strerror(-error));
	}
	if (ctxbind_finish(&d->ctxb, error, ctx_filled, d))
		ctx_dump(d);
	else
		d6_resync_dump(d);
}

/*
 * The module relayed mac80211's Layer-2 Update of ev->sta: the wifi
 * engine asks nl80211 at once, and the IAPP ADD-notify and kick follow
 * its report, as they would a poll's.
 */
static void nl_sta_authorized(const struct amsg_sta_auth *ev, void *data)
{
	struct apedged *d = data;
	char m[MAC_STR_LEN];

	log_debug("port %s: the module relayed the Layer-2 Update of %s",
		  ev->ifname, mac_format(ev->sta, m));
	if (d->wifi && ev->ifname[0])
		wifi_sta_hint(d->wifi, ev->ifname, ev->sta);
}

/*
 * The module's 802.1X events: a frame of an unauthorized source starts
 * the authenticator's session for it (and MAB when the port has it).
 */
static void nl_auth_event(const struct amsg_auth *ev, void *data)
{
	struct apedged *d = data;

	if (ev->cmd == APEDGE_CMD_AUTH_UNAUTH_SEEN && ev->has_mac)
		eapol_auth_seen(d->auth, (int)ev->ifindex, ev->mac);
}

static const struct agenl_ops nl_ops = {
	.connected = nl_connected,
	.disconnected = nl_disconnected,
	.port_event = nl_port_event,
	.port_listed = nl_port_listed,
	.sta_authorized = nl_sta_authorized,
	.port_result = nl_port_result,
	.binding = nl_binding,
	.binding_dump_done = nl_binding_dump_done,
	.auth_event = nl_auth_event,
};

/* The module's answer to one of iapp_l2update()'s requests. */
static void xid_done(int error, const char *ext_msg, void *data)
{
	struct apedged *d = data;

	if (error)
		log_warn("Layer-2 Update refused: %s%s%s", strerror(-error),
			 ext_msg[0] ? ": " : "", ext_msg);
	iapp_l2update_result(d->iapp, error);
}

/* The Layer-2 Update of s on every port configured with l2update. */
static int iapp_l2update(const struct sta *s, void *data)
{
	struct apedged *d = data;
	int n = 0, r;
	size_t i;

	for (i = 0; i < d->cfg.n_ports; i++) {
		const struct config_port *p = &d->cfg.ports[i];

		if (!p->l2update)
			continue;
		r = agenl_xid_send(d->nl, p->ifname, s->mac, p->l2update,
				   s->vlan, p->l2update_count,
				   p->l2update_interval_ms, xid_done, d);
		if (r < 0)
			return r;
		n++;
	}
	return n;
}

/* kick = nl80211 or hostapd: through the wifi engine. */
static int iapp_kick(const struct sta *s, void *data)
{
	struct apedged *d = data;

	return station_kick(s, &d->sw);
}

/* Before a MOVE is answered: s's bindings, from a dump of the module's. */
static int iapp_ctx_fill(const struct sta *s, void *data)
{
	struct apedged *d = data;
	int r;

	if (agenl_get_state(d->nl) != APEDGED_NL_CONNECTED)
		return -ENOTCONN;
	r = ctxbind_want(&d->ctxb, s->mac);
	return r ? r : ctx_dump(d);
}

/*
 * A context's address becomes a binding in two requests, each completing
 * on its own: binding-get (is it bound, and to whom?), then binding-add
 * when ctxbind_may_add() says so.  q is the address's ctxbind_req.
 */
struct bind_ctx {
	struct apedged *d;
	const struct sta *s;
};

static void bind_result(struct apedged *d, struct ctxbind_req *q,
			enum iapp_binding_outcome o)
{
	ctxbind_req_free(q);
	iapp_binding_result(d->iapp, o);
}

static void bind_sent_error(struct apedged *d, struct ctxbind_req *q,
			    const char *what, int r)
{
	char m[MAC_STR_LEN];

	log_warn("station %s: cannot send %s on %s: %s",
		 mac_format(q->mac, m), what, q->ifname, strerror(-r));
	bind_result(d, q, r == -ENOTCONN ? IAPP_BINDING_SKIPPED :
		    IAPP_BINDING_FAILED);
}

static void bind_added(int error, const char *ext_msg, void *data)
{
	struct ctxbind_req *q = data;
	struct apedged *d = q->owner;

	if (error)
		log_warn("port %s: binding-add refused: %s%s%s", q->ifname,
			 strerror(-error), ext_msg[0] ? ": " : "", ext_msg);
	bind_result(d, q, error ? IAPP_BINDING_FAILED : IAPP_BINDING_ADDED);
}

static void bind_got(int error, const struct amsg_binding *b,
		     const char *ext_msg, void *data)
{
	struct ctxbind_req *q = data;
	struct apedged *d = q->owner;
	char m[MAC_STR_LEN], o[MAC_STR_LEN], a[INET6_ADDRSTRLEN];
	int r;

	if (error && error != -ENOENT) {
		log_warn("station %s: binding-get on %s failed: %s%s%s",
			 mac_format(q->mac, m), q->ifname, strerror(-error),
			 ext_msg[0] ? ": " : "", ext_msg);
		bind_result(d, q, error == -ENOTCONN ? IAPP_BINDING_SKIPPED :
			    IAPP_BINDING_FAILED);
		return;
	}
	if (!ctxbind_may_add(q, b)) {
		log_rl(LOG_WARNING, "station %s: its context's %s is bound to "
		       "%s: left to it", mac_format(q->mac, m),
		       inet_ntop(q->af, q->addr, a, sizeof(a)),
		       mac_format(b->mac, o));
		bind_result(d, q, IAPP_BINDING_CONFLICT);
		return;
	}
	r = agenl_binding_add(d->nl, q->af, q->addr, q->mac, q->ifname,
			      q->lifetime == IAPP_LEASE_INFINITE ? 0 :
			      q->lifetime, bind_added, q);
	if (r)
		bind_sent_error(d, q, "binding-add", r);
}

static void bind_addr(int af, const uint8_t *addr, uint32_t lifetime,
		      void *data)
{
	struct bind_ctx *bc = data;
	struct apedged *d = bc->d;
	struct ctxbind_req *q;
	char m[MAC_STR_LEN];
	int r;

	q = ctxbind_req_new(&d->ctxb, bc->s->mac, bc->s->ifname, af, addr,
			    lifetime);
	if (!q) {
		log_rl(LOG_WARNING, "station %s: %d bindings in flight: one "
		       "of its context's addresses skipped",
		       mac_format(bc->s->mac, m), CTXBIND_REQS_MAX);
		iapp_binding_result(d->iapp, IAPP_BINDING_SKIPPED);
		return;
	}
	q->owner = d;
	r = agenl_binding_get(d->nl, af, addr, bind_got, q);
	if (r)
		bind_sent_error(d, q, "binding-get", r);
}

/*
 * A fetched context's addresses become bindings on the port the station
 * is on: its interface (wlan0, an AP_VLAN), which must be an attached
 * apedge port; else they are skipped (logged and counted).
 */
static void iapp_ctx_applied(const struct sta *s, const struct iapp_ctx *ctx,
			     void *data)
{
	struct apedged *d = data;
	struct port_state *p = ports_find(&d->ports, s->ifname);
	unsigned int i, n = ctx->n_ipv4 + ctx->n_ipv6, skipped;
	struct bind_ctx bc = { d, s };
	char m[MAC_STR_LEN];

	if (!n)
		return;
	mac_format(s->mac, m);
	if (!p || !p->attached) {
		log_notice("station %s: %u address(es) of its context not "
			   "bound: %s", m, n,
			   agenl_get_state(d->nl) != APEDGED_NL_CONNECTED ?
			   "the kernel module is absent" :
			   p ? "its interface is not attached" :
			   "its interface is not an apedge port");
		for (i = 0; i < n; i++)
			iapp_binding_result(d->iapp, IAPP_BINDING_SKIPPED);
		return;
	}
	skipped = ctxbind_each_addr(ctx, bind_addr, &bc);
	if (skipped)
		log_info("station %s: %u address(es) of its context with no "
			 "lease left: no binding", m, skipped);
	for (i = 0; i < skipped; i++)
		iapp_binding_result(d->iapp, IAPP_BINDING_SKIPPED);
}

static void iapp_event(const char *name, const char *fields, void *data)
{
	struct apedged *d = data;

	events_publish(d->bus, name, fields);
}

static const struct iapp_ops iapp_ops = {
	.event = iapp_event,
	.l2update = iapp_l2update,
	.kick = iapp_kick,
	.ctx_fill = iapp_ctx_fill,
	.ctx_applied = iapp_ctx_applied,
};

/*
 * Watch the [ap] interfaces of cfg and no others (old: the current), and
 * give the wifi engine its hostapd settings.
 */
static void apply_aps(struct apedged *d, const struct config *old,
		      const struct config *cfg)
{
	struct wifi_settings ws;
	size_t i;
	int r;

	station_wifi_settings(cfg, effective_ctrl_path(d, cfg), &ws,
			      d->hapd_client, sizeof(d->hapd_client));
	wifi_configure(d->wifi, &ws);
	for (i = 0; old && i < old->n_aps; i++)
		if (!config_find_ap(cfg, old->aps[i].ifname)) {
			log_info("ap %s: removed from the configuration; no "
				 "longer watched", old->aps[i].ifname);
			wifi_unwatch(d->wifi, old->aps[i].ifname);
		}
	for (i = 0; i < cfg->n_aps; i++) {
		if (old && config_find_ap(old, cfg->aps[i].ifname))
			continue;
		r = wifi_watch(d->wifi, cfg->aps[i].ifname);
		if (r < 0 && r != -EEXIST)
			log_err("ap %s: cannot watch it: %s",
				cfg->aps[i].ifname, strerror(-r));
	}
}

static void cmd_sta(struct apedged *d, int argc, char **argv,
		    struct strbuf *reply)
{
	char err[160], ifname[IFNAMSIZ];
	uint8_t mac[MAC_LEN];
	struct sta *s;
	int r;

	if (argc >= 2 && !strcmp(argv[1], "add")) {
		struct sta_add_req req;
		struct iapp_sta_args a;

		if (sta_add_parse(argc - 1, argv + 1, &req, err,
				  sizeof(err)) < 0) {
			ctrl_reply_error(reply, "%s", err);
			return;
		}
		a = (struct iapp_sta_args){
			.ifname = req.ifname,
			.mac = req.mac,
			.vlan = req.vlan,
			.authorized = req.authorized,
			.prev_ap = req.has_prev_ap ? req.prev_ap : NULL,
			.ctx = &req.ctx,
		};
		r = iapp_sta_add(d->iapp, &a);
		if (r < 0) {
			ctrl_reply_error(reply, "sta add: %s", r == -ENOSPC ?
					 "the station table is full" :
					 strerror(-r));
			return;
		}
		station_publish(&d->sw, "sta-associated", req.ifname,
				req.mac, -1);
		if (req.authorized)
			station_publish(&d->sw, "sta-authorized",
					req.ifname, req.mac, req.vlan);
		ctrl_reply_ok(reply);
		sb_puts(reply, "{}\n");
		return;
	}
	if (argc == 3 && (!strcmp(argv[1], "authorize") ||
			  !strcmp(argv[1], "del"))) {
		if (sta_mac_parse(argv[2], mac) < 0) {
			ctrl_reply_error(reply, "invalid station address");
			return;
		}
		s = sta_find_here(iapp_stas(d->iapp), mac);
		if (s)
			snprintf(ifname, sizeof(ifname), "%s", s->ifname);
		if (!strcmp(argv[1], "del"))
			r = iapp_sta_del(d->iapp, mac);
		else
			r = iapp_sta_authorize(d->iapp, mac);
		if (!r && s)
			station_publish(&d->sw, argv[1][0] == 'd' ?
					"sta-gone" : "sta-authorized", ifname,
					mac, argv[1][0] == 'd' ? -1 : s->vlan);
		if (r == -ENOENT) {
			ctrl_reply_error(reply, "no such station");
			return;
		}
		if (r == -EALREADY) {
			ctrl_reply_error(reply, "the station is already "
					 "authorized");
			return;
		}
		ctrl_reply_ok(reply);
		sb_puts(reply, "{}\n");
		return;
	}
	if (argc == 2 && !strcmp(argv[1], "show")) {
		ctrl_reply_ok(reply);
		sta_format_list(iapp_stas(d->iapp), loop_now_ms(), reply);
		sb_puts(reply, "\n");
		return;
	}
	ctrl_reply_error(reply, "usage: sta add|authorize|del|show ...");
}

static void cmd_status(struct apedged *d, struct strbuf *reply)
{
	struct status_port *sp;
	struct strbuf control;
	struct status_info si = {
		.version = APEDGED_VERSION,
		.module = agenl_state_name(agenl_get_state(d->nl)),
		.family_id = agenl_family_id(d->nl),
		.module_version = agenl_module_version(d->nl),
		.pid = (int)getpid(),
		.uptime_s = (loop_now_ms() - d->start_ms) / 1000,
		.log_level = log_level_name(log_get_level()),
		.config = d->opts.config_path,
		.n_ports = d->ports.n,
	};
	size_t i;

	sp = calloc(d->ports.n ? d->ports.n : 1, sizeof(*sp));
	if (!sp) {
		ctrl_reply_error(reply, "out of memory");
		return;
	}
	for (i = 0; i < d->ports.n; i++) {
		sp[i].ifname = d->ports.v[i].ifname;
		sp[i].role = d->ports.v[i].role;
		sp[i].attached = d->ports.v[i].attached;
	}
	si.ports = sp;
	sb_init(&control);
	ctrl_format_stats(d->ctl, &control);
	si.control = control.oom ? NULL : control.buf;
	ctrl_reply_ok(reply);
	status_format(reply, &si);
	sb_free(&control);
	sb_puts(reply, "\n");
	free(sp);
}

static void ctl_status(int argc, char **argv, struct strbuf *reply,
		       void *data)
{
	cmd_status(data, reply);
}

static void ctl_ping(int argc, char **argv, struct strbuf *reply, void *data)
{
	ctrl_reply_ok(reply);
	sb_puts(reply, "{\"pong\": true}\n");
}

static void ctl_reload(int argc, char **argv, struct strbuf *reply,
		       void *data)
{
	struct apedged *d = data;
	char err[256];

	if (apedged_reload(d, err, sizeof(err)) < 0) {
		ctrl_reply_error(reply, "reload failed: %s", err);
		return;
	}
	ctrl_reply_ok(reply);
	sb_printf(reply, "{\"reloaded\": true, \"ports\": %zu}\n",
		  d->ports.n);
}

static void ctl_iapp_show(int argc, char **argv, struct strbuf *reply,
			  void *data)
{
	struct apedged *d = data;

	ctrl_reply_ok(reply);
	iapp_format_show(d->iapp, reply);
	sb_puts(reply, "\n");
}

static void ctl_sta(int argc, char **argv, struct strbuf *reply, void *data)
{
	cmd_sta(data, argc, argv, reply);
}

static void dhcp4_event(const char *name, const char *fields, void *data)
{
	struct apedged *d = data;

	events_publish(d->bus, name, fields);
}

static const struct dhcp4_ops dhcp4_ops = {
	.event = dhcp4_event,
};

/* dhcp4 show|stats [dev IF], dhcp4 renew|rebind|release dev IF */
static void ctl_dhcp4(int argc, char **argv, struct strbuf *reply, void *data)
{
	struct apedged *d = data;
	char ifname[IFNAMSIZ], err[80];
	const char *verb = argv[1];
	struct strbuf out;
	int r;

	if (dhcp4_ctl_dev(argc - 2, argv + 2, ifname, sizeof(ifname), err,
			  sizeof(err)) < 0) {
		ctrl_reply_error(reply, "dhcp4 %s: %s", verb, err);
		return;
	}
	if (!strcmp(verb, "show") || !strcmp(verb, "stats")) {
		sb_init(&out);
		r = verb[1] == 'h' ?
			dhcp4_format_show(d->dhcp4, ifname, loop_now_ms(),
					  &out) :
			dhcp4_format_stats(d->dhcp4, ifname, &out);
		if (r < 0 || out.oom) {
			ctrl_reply_error(reply, "dhcp4 %s: %s", verb, r < 0 ?
					 "no DHCPv4 client on that interface" :
					 "out of memory");
		} else {
			ctrl_reply_ok(reply);
			sb_puts(reply, sb_str(&out));
			sb_puts(reply, "\n");
		}
		sb_free(&out);
		return;
	}
	if (!ifname[0]) {
		ctrl_reply_error(reply, "dhcp4 %s: dev IFNAME is required",
				 verb);
		return;
	}
	r = dhcp4_command(d->dhcp4, ifname, !strcmp(verb, "renew") ?
			  DHCP4_CMD_RENEW : !strcmp(verb, "rebind") ?
			  DHCP4_CMD_REBIND : DHCP4_CMD_RELEASE);
	if (r < 0) {
		ctrl_reply_error(reply, "dhcp4 %s: %s", verb, r == -ENOENT ?
				 "no DHCPv4 client on that interface" :
				 "the client is not running (link down?)");
		return;
	}
	ctrl_reply_ok(reply);
	sb_puts(reply, "{}\n");
}

static void eapol_event(const char *name, const char *fields, void *data)
{
	struct apedged *d = data;

	events_publish(d->bus, name, fields);
}

static const struct eapol_ops eapol_ops = {
	.event = eapol_event,
};

static const struct stations_ops stations_ops = {
	.event = eapol_event,
};

/* station show [dev IF] */
static void ctl_station(int argc, char **argv, struct strbuf *reply,
			void *data)
{
	struct apedged *d = data;
	char ifname[IFNAMSIZ], err[80];
	struct strbuf out;
	int r;

	if (eapol_ctl_dev(argc - 2, argv + 2, ifname, sizeof(ifname), err,
			  sizeof(err)) < 0) {
		ctrl_reply_error(reply, "station show: %s", err);
		return;
	}
	sb_init(&out);
	r = stations_format_show(d->stations, ifname, loop_now_ms(), &out);
	if (r < 0 || out.oom) {
		ctrl_reply_error(reply, "station show: %s", r < 0 ?
				 "no station on that interface" :
				 "out of memory");
	} else {
		ctrl_reply_ok(reply);
		sb_puts(reply, sb_str(&out));
		sb_puts(reply, "\n");
	}
	sb_free(&out);
}

static void auth_set_done(int error, const char *ext_msg, void *data)
{
	if (error)
		log_rl(LOG_WARNING, "auth: the module refused an auth-set: %s",
		       ext_msg && ext_msg[0] ? ext_msg : strerror(-error));
}

/* The authenticator's decision, carried out by the module. */
static void auth_authorize(const char *ifname, const uint8_t *mac, bool on,
			   uint16_t vlan, void *data)
{
	struct apedged *d = data;
	char m[MAC_STR_LEN];
	int r;

	r = agenl_auth_set(d->nl, ifname, mac, on, auth_set_done, d);
	if (r < 0)
		log_rl(LOG_WARNING, "auth %s%s%s: cannot ask the module to "
		       "%sauthorize: %s", ifname, mac ? " " : "",
		       mac ? mac_format(mac, m) : "", on ? "" : "un",
		       strerror(-r));
	if (on && vlan)
		log_rl(LOG_NOTICE, "auth %s: VLAN %u from RADIUS not applied "
		       "(bridge VLAN assignment is not implemented yet)",
		       ifname, vlan);
}

static const struct eapol_auth_ops auth_ops = {
	.authorize = auth_authorize,
};

/* eapol auth [dev IF]: the authenticators' counters and sessions */
static void ctl_eapol_auth(int argc, char **argv, struct strbuf *reply,
			   void *data)
{
	struct apedged *d = data;
	char ifname[IFNAMSIZ], err[80];
	struct strbuf out;
	struct json j;
	int r;

	if (eapol_ctl_dev(argc - 2, argv + 2, ifname, sizeof(ifname), err,
			  sizeof(err)) < 0) {
		ctrl_reply_error(reply, "eapol auth: %s", err);
		return;
	}
	sb_init(&out);
	json_init(&j, &out, JSON_COMPACT);
	r = eapol_auth_json(d->auth, ifname[0] ? ifname : NULL, &j);
	if (r < 0 || !json_ok(&j) || out.oom)
		ctrl_reply_error(reply, "eapol auth: %s", r < 0 ?
				 "no 802.1X authenticator on that interface" :
				 "out of memory");
	else {
		ctrl_reply_ok(reply);
		sb_puts(reply, sb_str(&out));
		sb_puts(reply, "\n");
	}
	sb_free(&out);
}

/* eapol show|stats [dev IF], eapol logoff|reauth dev IF */
static void ctl_eapol(int argc, char **argv, struct strbuf *reply, void *data)
{
	struct apedged *d = data;
	char ifname[IFNAMSIZ], err[80];
	const char *verb = argv[1];
	struct strbuf out;
	int r;

	if (eapol_ctl_dev(argc - 2, argv + 2, ifname, sizeof(ifname), err,
			  sizeof(err)) < 0) {
		ctrl_reply_error(reply, "eapol %s: %s", verb, err);
		return;
	}
	if (!strcmp(verb, "show") || !strcmp(verb, "stats")) {
		sb_init(&out);
		r = verb[1] == 'h' ?
			eapol_format_show(d->eapol, ifname, loop_now_ms(),
					  &out) :
			eapol_format_stats(d->eapol, ifname, &out);
		if (r < 0 || out.oom) {
			ctrl_reply_error(reply, "eapol %s: %s", verb, r < 0 ?
					 "no 802.1X supplicant on that "
					 "interface" : "out of memory");
		} else {
			ctrl_reply_ok(reply);
			sb_puts(reply, sb_str(&out));
			sb_puts(reply, "\n");
		}
		sb_free(&out);
		return;
	}
	if (!ifname[0]) {
		ctrl_reply_error(reply, "eapol %s: dev IFNAME is required",
				 verb);
		return;
	}
	r = eapol_command(d->eapol, ifname, !strcmp(verb, "logoff") ?
			  EAPOL_CMD_LOGOFF : EAPOL_CMD_REAUTH);
	/* reauth of an authenticator port: every session of it */
	if (r < 0 && !strcmp(verb, "reauth"))
		r = eapol_auth_reauth(d->auth, ifname, NULL);
	if (r < 0) {
		ctrl_reply_error(reply, "eapol %s: no 802.1X supplicant on "
				 "that interface", verb);
		return;
	}
	ctrl_reply_ok(reply);
	sb_puts(reply, "{}\n");
}

/* dhcp6 show [dev IF], dhcp6 leases [dev IF] [from N], dhcp6 stats,
 * dhcp6 lease del ADDRESS[/PLEN] */
static void ctl_dhcp6(int argc, char **argv, struct strbuf *reply, void *data)
{
	struct apedged *d = data;
	char ifname[IFNAMSIZ], err[80];
	const char *verb = argv[1];
	struct in6_addr a;
	struct strbuf out;
	uint64_t from;
	uint8_t plen;
	int r;

	if (!strcmp(verb, "reconfigure")) {
		uint8_t what;

		if (argc < 3 || argc > 4 ||
		    dhcp6_ctl_addr(argv[2], &a, &plen) ||
		    dhcp6_ctl_what(argc == 4 ? argv[3] : "renew", &what)) {
			ctrl_reply_error(reply, "dhcp6 reconfigure: expected "
					 "ADDRESS[/LEN] [renew|rebind|info]");
			return;
		}
		r = dhcp6_reconfigure(d->dhcp6, &a, plen, what);
		if (r < 0) {
			ctrl_reply_error(reply, "dhcp6 reconfigure: %s",
					 r == -ENOENT ? "no such lease" :
					 r == -ENOKEY ? "its client took no "
					 "reconfigure key (reconfigure = yes on "
					 "its interface, and a client that "
					 "accepts it)" :
					 r == -EALREADY ? "one is in flight" :
					 strerror(-r));
			return;
		}
		ctrl_reply_ok(reply);
		sb_puts(reply, "{}\n");
		return;
	}
	if (!strcmp(verb, "lease")) {
		if (argc != 4 || strcmp(argv[2], "del") ||
		    dhcp6_ctl_addr(argv[3], &a, &plen)) {
			ctrl_reply_error(reply, "dhcp6 lease: expected del "
					 "ADDRESS or del PREFIX/LEN");
			return;
		}
		if (dhcp6_lease_remove(d->dhcp6, &a, plen) < 0) {
			ctrl_reply_error(reply, "dhcp6 lease del: no such "
					 "lease");
			return;
		}
		ctrl_reply_ok(reply);
		sb_puts(reply, "{}\n");
		return;
	}
	if ((verb[0] == 'l' ?
	     dhcp6_ctl_list(argc - 2, argv + 2, ifname, sizeof(ifname), &from,
			    err, sizeof(err)) :
	     dhcp6_ctl_dev(argc - 2, argv + 2, ifname, sizeof(ifname), err,
			   sizeof(err))) < 0) {
		ctrl_reply_error(reply, "dhcp6 %s: %s", verb, err);
		return;
	}
	sb_init(&out);
	if (verb[0] == 'l')
		r = dhcp6_format_leases(d->dhcp6, ifname, (uint64_t)time(NULL),
					from, DHCP6_LEASES_PAGE, &out);
	else if (!strcmp(verb, "show"))
		r = dhcp6_format_show(d->dhcp6, ifname, &out);
	else
		r = dhcp6_format_stats(d->dhcp6, &out);
	if (r < 0 || out.oom) {
		ctrl_reply_error(reply, "dhcp6 %s: %s", verb, r < 0 ?
				 "no DHCPv6 server or relay (on that "
				 "interface)" : "out of memory");
	} else {
		ctrl_reply_ok(reply);
		sb_puts(reply, sb_str(&out));
		sb_puts(reply, "\n");
	}
	sb_free(&out);
}

/* The control sockets' commands; see Documentation/admin-guide/apedged.rst */
static const struct ctrl_cmd daemon_cmds[] = {
	{ "status", NULL, 0, 0, CTRL_READ, ctl_status },
	{ "ping", NULL, 0, 0, CTRL_READ, ctl_ping },
	{ "iapp show", NULL, 0, 0, CTRL_READ, ctl_iapp_show },
	{ "sta show", NULL, 0, 0, CTRL_STATIONS, ctl_sta },
	{ "dhcp4 show", "[dev IFNAME]", 0, 2, CTRL_READ, ctl_dhcp4 },
	{ "dhcp4 stats", "[dev IFNAME]", 0, 2, CTRL_READ, ctl_dhcp4 },
	{ "dhcp4 renew", "dev IFNAME", 2, 2, CTRL_ADMIN, ctl_dhcp4 },
	{ "dhcp4 rebind", "dev IFNAME", 2, 2, CTRL_ADMIN, ctl_dhcp4 },
	{ "dhcp4 release", "dev IFNAME", 2, 2, CTRL_ADMIN, ctl_dhcp4 },
	{ "eapol show", "[dev IFNAME]", 0, 2, CTRL_READ, ctl_eapol },
	{ "station show", "[dev IFNAME]", 0, 2, CTRL_READ, ctl_station },
	{ "eapol stats", "[dev IFNAME]", 0, 2, CTRL_READ, ctl_eapol },
	{ "eapol logoff", "dev IFNAME", 2, 2, CTRL_ADMIN, ctl_eapol },
	{ "eapol reauth", "dev IFNAME", 2, 2, CTRL_ADMIN, ctl_eapol },
	{ "eapol auth", "[dev IFNAME]", 0, 2, CTRL_READ, ctl_eapol_auth },
	{ "dhcp6 show", "[dev IFNAME]", 0, 2, CTRL_READ, ctl_dhcp6 },
	{ "dhcp6 leases", "[dev IFNAME] [from N]", 0, 4, CTRL_READ, ctl_dhcp6 },
	{ "dhcp6 reconfigure", "ADDRESS[/LEN] [renew|rebind|info]", 1, 2,
	  CTRL_ADMIN, ctl_dhcp6 },
	{ "dhcp6 stats", NULL, 0, 0, CTRL_READ, ctl_dhcp6 },
	{ "dhcp6 lease", "del ADDRESS[/PLEN]", 2, 2, CTRL_ADMIN, ctl_dhcp6 },
	{ "reload", NULL, 0, 0, CTRL_ADMIN, ctl_reload },
	{ "sta add", "IFNAME MAC [vlan N] [authorized|unauthorized] "
	  "[prev-ap BSSID] [ip ADDR]...", 2, CTRL_ARGS_MAX - 2, CTRL_ADMIN,
	  ctl_sta },
	{ "sta authorize", "MAC", 1, 1, CTRL_ADMIN, ctl_sta },
	{ "sta del", "MAC", 1, 1, CTRL_ADMIN, ctl_sta },
};

static void retire_ctrl(struct apedged *d)
{
	ctrl_server_free(d->old_ctrl);
	d->old_ctrl = NULL;
	ctrl_server_free(d->old_ctrl_ro);
	d->old_ctrl_ro = NULL;
}

/* The control sockets a configuration asks for. */
struct ctrl_want {
	char admin[CONFIG_PATH_MAX];
	char ro[CONFIG_PATH_MAX];	/* "": none */
	struct ctrl_policy policy;
};

/* A group's name or number; "" is none. */
static int resolve_group(const char *name, gid_t *gid)
{
	struct group gr, *res = NULL;
	char buf[4096], *end;
	unsigned long v;

	*gid = CTRL_NO_GID;
	if (!name[0])
		return 0;
	if (name[0] >= '0' && name[0] <= '9') {
		errno = 0;
		v = strtoul(name, &end, 10);
		if (*end || errno || v >= (unsigned long)CTRL_NO_GID)
			return -EINVAL;
		*gid = (gid_t)v;
		return 0;
	}
	if (getgrnam_r(name, &gr, buf, sizeof(buf), &res) || !res)
		return -ENOENT;
	*gid = res->gr_gid;
	return 0;
}

static int want_ctrl(const struct apedged *d, const struct config *cfg,
		     struct ctrl_want *w, char *err, size_t err_size)
{
	snprintf(w->admin, sizeof(w->admin), "%s", effective_ctrl_path(d, cfg));
	w->ro[0] = '\0';
	if (cfg->ctrl_socket_ro[0] && strcmp(cfg->ctrl_socket_ro, "none")) {
		snprintf(w->ro, sizeof(w->ro), "%s", cfg->ctrl_socket_ro);
	} else if (!cfg->ctrl_socket_ro[0] &&
		   ctrl_ro_path(w->admin, w->ro, sizeof(w->ro)) < 0) {
		snprintf(err, err_size, "the read-only control socket's path "
			 "beside %s is too long: set ctrl_socket_ro",
			 w->admin);
		return -ENAMETOOLONG;
	}
	if (!strcmp(w->ro, w->admin)) {
		snprintf(err, err_size, "ctrl_socket_ro is ctrl_socket");
		return -EINVAL;
	}
	if (resolve_group(cfg->ctrl_group, &w->policy.admin_gid) < 0) {
		snprintf(err, err_size, "ctrl_group: no group '%s'",
			 cfg->ctrl_group);
		return -ENOENT;
	}
	if (resolve_group(cfg->monitor_group, &w->policy.monitor_gid) < 0) {
		snprintf(err, err_size, "monitor_group: no group '%s'",
			 cfg->monitor_group);
		return -ENOENT;
	}
	return 0;
}

/*
 * The admin socket is 0600, or 0660 with ctrl_group its group; the
 * read-only one 0666.  cur, when at the same path, is kept (its mode set).
 */
static struct ctrl_server *open_ctrl(struct apedged *d, const char *path,
				     enum ctrl_access max,
				     const struct ctrl_policy *p,
				     struct ctrl_server *cur, int *err)
{
	bool group = max == CTRL_ADMIN && p->admin_gid != CTRL_NO_GID;
	struct ctrl_socket_opts o = {
		.path = path,
		.max = max,
		.mode = max != CTRL_ADMIN ? 0666 : group ? 0660 : 0600,
		.group = group ? p->admin_gid : CTRL_NO_GID,
	};

	if (cur && !strcmp(ctrl_server_path(cur), path)) {
		*err = ctrl_server_set_mode(cur, o.mode, o.group);
		return *err ? NULL : cur;
	}
	return ctrl_server_new(d->ctl, &o, err);
}

static void old_ctrl_cb(struct loop_timer *t, void *data)
{
	retire_ctrl(data);
}

static int reload(struct apedged *d, char *err, size_t err_size)
{
	struct ctrl_server *ctrl, *ro = NULL;
	struct port_state *plan;
	struct ctrl_want w;
	struct config cfg;
	int r;

	r = config_load(d->opts.config_path, &cfg, err, err_size);
	if (r < 0) {
		log_err("reload failed; keeping the old configuration: %s",
			err);
		return r;
	}

	r = want_ctrl(d, &cfg, &w, err, err_size);
	if (r < 0) {
		log_err("reload failed; keeping the old configuration: %s",
			err);
		config_free(&cfg);
		return r;
	}
	ctrl = open_ctrl(d, w.admin, CTRL_ADMIN, &w.policy, d->ctrl, &r);
	if (ctrl && w.ro[0]) {
		ro = open_ctrl(d, w.ro, CTRL_STATIONS, &w.policy, d->ctrl_ro,
			       &r);
		if (!ro && ctrl != d->ctrl)
			ctrl_server_free(ctrl);
	}
	if (!ctrl || (w.ro[0] && !ro)) {
		snprintf(err, err_size, "cannot set up the control socket "
			 "%s: %s", ctrl ? w.ro : w.admin, strerror(-r));
		log_err("reload failed; keeping the old configuration: %s",
			err);
		config_free(&cfg);
		return r;
	}
	plan = ports_plan(&d->ports, cfg.ports, cfg.n_ports);
	if (!plan) {
		snprintf(err, err_size, "out of memory");
		if (ctrl != d->ctrl)
			ctrl_server_free(ctrl);
		if (ro != d->ctrl_ro)
			ctrl_server_free(ro);
		config_free(&cfg);
		return -ENOMEM;
	}

	/* Nothing can fail from here on. */
	if (ctrl != d->ctrl || ro != d->ctrl_ro) {
		/*
		 * The request may have come over the old socket: close it
		 * only after this iteration, once the reply is sent.
		 */
		retire_ctrl(d);
		if (ctrl != d->ctrl) {
			log_notice("control socket moved from %s to %s",
				   ctrl_server_path(d->ctrl), w.admin);
			d->old_ctrl = d->ctrl;
			d->ctrl = ctrl;
		}
		if (ro != d->ctrl_ro) {
			log_notice("read-only control socket: %s",
				   ro ? ctrl_server_path(ro) : "none");
			d->old_ctrl_ro = d->ctrl_ro;
			d->ctrl_ro = ro;
		}
		if (d->old_ctrl_timer)
			loop_timer_rearm(d->old_ctrl_timer, 0, 0);
		else
			d->old_ctrl_timer = loop_timer_add(d->loop, 0, 0,
							   old_ctrl_cb, d);
		/* Without a timer the old one stays until shutdown. */
	}
	ctrl_set_policy(d->ctl, &w.policy);
	ports_commit(&d->ports, plan, cfg.n_ports);
	if (iapp_configure(d->iapp, &cfg.iapp, cfg.bssids, cfg.n_bssids) < 0)
		log_err("iapp: out of memory; keeping its old BSSID map");
	apply_aps(d, &d->cfg, &cfg);
	if (dhcp4_configure(d->dhcp4, &cfg.dhcp4, cfg.dhcp4s,
			    cfg.n_dhcp4s) < 0)
		log_err("dhcp4: not every client could be made");
	if (eapol_configure(d->eapol, cfg.eapols, cfg.n_eapols) < 0)
		log_err("eapol: not every supplicant could be made");
	if (stations_configure(d->stations, cfg.stations, cfg.n_stations) < 0)
		log_err("station: not every station could be made");
	if (eapol_auth_configure(d->auth, cfg.auths, cfg.n_auths) < 0)
		log_err("auth: not every authenticator could be made");
	if (dhcp6_configure(d->dhcp6, &cfg.dhcp6, cfg.dhcp6s,
			    cfg.n_dhcp6s) < 0)
		log_err("dhcp6: the server could not start");
	config_free(&d->cfg);
	d->cfg = cfg;
	apply_log_level(d);
	log_notice("configuration reloaded from %s (%zu port%s, log level %s)",
		   d->opts.config_path, d->ports.n, d->ports.n == 1 ? "" : "s",
		   log_level_name(log_get_level()));
	return 0;
}

/*
 * The monitors hear of every reload, and the service manager sees it from
 * its start to its end.
 */
int apedged_reload(struct apedged *d, char *err, size_t err_size)
{
	int r;

	sdnotify_reloading();
	r = reload(d, err, err_size);
	publish_reload(d, r < 0 ? err : NULL);
	sdnotify_ready(NULL);
	return r;
}

static void on_stop_signal(int signo, void *data)
{
	struct apedged *d = data;

	log_notice("received %s; shutting down",
		   signo == SIGINT ? "SIGINT" : "SIGTERM");
	loop_quit(d->loop, 0);
}

static void on_sighup(int signo, void *data)
{
	struct apedged *d = data;
	char err[256];

	log_info("received SIGHUP; reloading the configuration");
	apedged_reload(d, err, sizeof(err));
}

struct apedged *apedged_new(const struct apedged_opts *opts,
			    struct config *cfg)
{
	struct apedged *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->opts = *opts;
	d->cfg = *cfg;
	config_init(cfg);	/* it is ours now */
	d->ports.v = ports_plan(&d->ports, d->cfg.ports, d->cfg.n_ports);
	if (!d->ports.v) {
		config_free(&d->cfg);
		free(d);
		return NULL;
	}
	d->ports.n = d->cfg.n_ports;
	apply_log_level(d);
	return d;
}

int apedged_start(struct apedged *d)
{
	struct ctrl_want w;
	char err[256];
	int r;

	d->start_ms = loop_now_ms();
	d->loop = loop_new();
	if (!d->loop) {
		log_err("cannot create the event loop: %s", strerror(errno));
		return -errno;
	}
	if ((r = loop_signal_add(d->loop, SIGINT, on_stop_signal, d)) < 0 ||
	    (r = loop_signal_add(d->loop, SIGTERM, on_stop_signal, d)) < 0 ||
	    (r = loop_signal_add(d->loop, SIGHUP, on_sighup, d)) < 0) {
		log_err("cannot set up signal handling: %s", strerror(-r));
		return r;
	}
	d->bus = events_new();
	d->ctl = d->bus ? ctrl_new(d->loop, d->bus) : NULL;
	if (!d->ctl)
		return -ENOMEM;
	ctrl_add_table(d->ctl, daemon_cmds,
		       sizeof(daemon_cmds) / sizeof(daemon_cmds[0]), d);
	r = want_ctrl(d, &d->cfg, &w, err, sizeof(err));
	if (r < 0) {
		log_err("%s", err);
		return r;
	}
	ctrl_set_policy(d->ctl, &w.policy);
	d->ctrl = open_ctrl(d, w.admin, CTRL_ADMIN, &w.policy, NULL, &r);
	if (!d->ctrl)
		return r;
	if (w.ro[0]) {
		d->ctrl_ro = open_ctrl(d, w.ro, CTRL_STATIONS, &w.policy, NULL,
				       &r);
		if (!d->ctrl_ro)
			return r;
	}
	/* One rtnetlink watcher for every engine (logged if it fails). */
	d->netif = netif_open(d->loop);
	if (!d->netif)
		return -errno;
	d->nl = agenl_new(d->loop, &nl_ops, d);
	if (!d->nl)
		return -ENOMEM;
	if (ports_start(&d->ports, d->nl, d->netif, d->bus) < 0)
		return -ENOMEM;
	r = agenl_start(d->nl);
	if (r < 0)
		return r;
	d->iapp = iapp_new(d->loop, d->netif, &iapp_ops, d);
	if (!d->iapp || iapp_configure(d->iapp, &d->cfg.iapp, d->cfg.bssids,
					     d->cfg.n_bssids) < 0)
		return -ENOMEM;
	d->sw.iapp = d->iapp;
	d->sw.netif = d->netif;
	d->sw.bus = d->bus;
	d->sw.cfg = &d->cfg;
	d->sw.nl = d->nl;
	d->wifi = wifi_new(d->loop, d->netif, &station_wifi_ops, &d->sw);
	if (!d->wifi)
		return -ENOMEM;
	d->sw.wifi = d->wifi;
	apply_aps(d, NULL, &d->cfg);
	d->dhcp4 = dhcp4_new(d->loop, d->netif, &dhcp4_ops, d);
	if (!d->dhcp4)
		return -ENOMEM;
	if (dhcp4_configure(d->dhcp4, &d->cfg.dhcp4, d->cfg.dhcp4s,
			    d->cfg.n_dhcp4s) < 0)
		log_err("dhcp4: not every client could be made");
	d->eapol = eapol_new(d->loop, d->netif, &eapol_ops, d);
	if (!d->eapol)
		return -ENOMEM;
	if (eapol_configure(d->eapol, d->cfg.eapols, d->cfg.n_eapols) < 0)
		log_err("eapol: not every supplicant could be made");
	d->stations = stations_new(d->loop, d->netif, &stations_ops, d);
	if (!d->stations)
		return -ENOMEM;
	if (stations_configure(d->stations, d->cfg.stations,
			       d->cfg.n_stations) < 0)
		log_err("station: not every station could be made");
	d->auth = eapol_auth_new(d->loop, d->netif, &auth_ops, d);
	if (!d->auth)
		return -ENOMEM;
	if (eapol_auth_configure(d->auth, d->cfg.auths, d->cfg.n_auths) < 0)
		log_err("auth: not every authenticator could be made");
	d->dhcp6 = dhcp6_new(d->loop);
	if (!d->dhcp6)
		return -ENOMEM;
	dhcp6_set_bind_ops(d->dhcp6, &d6_bind_ops, d);
	if (dhcp6_configure(d->dhcp6, &d->cfg.dhcp6, d->cfg.dhcp6s,
			    d->cfg.n_dhcp6s) < 0)
		log_err("dhcp6: the server could not start");
	log_info("apedged %s started (%zu port%s configured, control socket "
		 "%s%s%s)", APEDGED_VERSION, d->ports.n,
		 d->ports.n == 1 ? "" : "s", ctrl_server_path(d->ctrl),
		 d->ctrl_ro ? ", read-only " : "",
		 d->ctrl_ro ? ctrl_server_path(d->ctrl_ro) : "");
	return 0;
}

int apedged_run(struct apedged *d)
{
	int r = loop_run(d->loop);

	if (r < 0)
		log_err("event loop failed: %s", strerror(-r));
	return r;
}

int apedged_iterate(struct apedged *d, int timeout_ms)
{
	return loop_iterate(d->loop, timeout_ms);
}

void apedged_free(struct apedged *d)
{
	if (!d)
		return;
	stations_free(d->stations);
	eapol_auth_free(d->auth);
	eapol_free(d->eapol);
	loop_timer_remove(d->dump_retry);
	dhcp6_free(d->dhcp6);
	dhcp4_free(d->dhcp4);
	d->dhcp4 = NULL;
	wifi_free(d->wifi);
	iapp_free(d->iapp);
	agenl_free(d->nl);
	ports_free(&d->ports);
	netif_free(d->netif);
	ctrl_server_free(d->ctrl);
	ctrl_server_free(d->ctrl_ro);
	retire_ctrl(d);
	ctrl_free(d->ctl);
	events_free(d->bus);
	loop_timer_remove(d->old_ctrl_timer);
	loop_free(d->loop);
	config_free(&d->cfg);
	free(d);
}
