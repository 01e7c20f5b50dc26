// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon object.
 *
 * The configured ports are the desired state: on every (re)connection to
 * the family each one is added (an "already attached" answer counts as
 * success), and a reload adds the new ones, removes the dropped ones and
 * re-adds those whose role changed.  Their "attached" flag follows the
 * answers to our requests and the family's port events.
 *
 * The [ap] interfaces are watched through nl80211 (nl80211.c), whose
 * station events feed the IAPP engine: associated -> iapp_sta_add()
 * (unauthorized), authorized -> iapp_sta_set_vlan() and
 * iapp_sta_authorize(), gone -> iapp_sta_del().  A reload watches the new
 * ones and unwatches the dropped ones.
 */
#include <errno.h>
#include <net/if.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/apedge.h>

#include "apedged/daemon.h"
#include "apedged/config_file.h"
#include "apedged/ctl.h"
#include "apedged/ctxbind.h"
#include "kernel/genl.h"
#include "iapp/iapp.h"
#include "iapp/ctl.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"
#include "lib/sdnotify.h"
#include "wifi/nl80211.h"
#include "apedged/status.h"
#include "lib/version.h"

struct port_state {
	char ifname[IFNAMSIZ];
	uint32_t role;
	bool attached;
};

struct apedged {
	struct apedged_opts opts;
	struct config cfg;
	struct port_state *ports;
	size_t n_ports;

	struct loop *loop;
	struct netif *netif;		/* links and addresses, for all */
	struct netif_sub *ports_sub;	/* configured ports that appear */
	struct ctrl_server *ctrl;
	struct ctrl_server *old_ctrl;	/* replaced by a reload */
	struct loop_timer *old_ctrl_timer;
	struct agenl *nl;
	struct iapp *iapp;
	struct nl80211 *wifi;
	bool wifi_started;	/* its socket opened, once an [ap] exists */
	struct ctxbind ctxb;		/* stations waiting for a dump */
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

static struct port_state *find_port(struct apedged *d, const char *ifname)
{
	size_t i;

	for (i = 0; i < d->n_ports; i++)
		if (!strcmp(d->ports[i].ifname, ifname))
			return &d->ports[i];
	return NULL;
}

/* Port states for cfg, carrying "attached" over from the current ones. */
static struct port_state *ports_from_config(struct apedged *d,
					    const struct config *cfg)
{
	struct port_state *ports;
	size_t i;

	ports = calloc(cfg->n_ports ? cfg->n_ports : 1, sizeof(*ports));
	if (!ports)
		return NULL;
	for (i = 0; i < cfg->n_ports; i++) {
		struct port_state *old = find_port(d, cfg->ports[i].ifname);

		snprintf(ports[i].ifname, sizeof(ports[i].ifname), "%s",
			 cfg->ports[i].ifname);
		ports[i].role = cfg->ports[i].role;
		ports[i].attached = old && old->role == ports[i].role &&
				    old->attached;
	}
	return ports;
}

static void port_add(struct apedged *d, const struct port_state *p)
{
	int r = agenl_port_add(d->nl, p->ifname, p->role);

	if (r < 0 && r != -ENOTCONN)
		log_err("port %s: cannot send port-add: %s", p->ifname,
			strerror(-r));
}

static void nl_connected(void *data)
{
	struct apedged *d = data;
	size_t i;

	for (i = 0; i < d->n_ports; i++)
		port_add(d, &d->ports[i]);
	sdnotify_status("connected to the apedge module");
}

/*
 * A configured port's interface appeared (created, or renamed to its
 * name) after its port-add failed: add it now.  The module detaches a
 * port whose interface goes, so nothing is done then.
 */
static void port_link_cb(const struct netif_event *ev, void *data)
{
	struct apedged *d = data;
	struct port_state *p;

	if (ev->type != NETIF_LINK_NEW || ev->replay)
		return;
	p = find_port(d, ev->link->name);
	if (p && !p->attached &&
	    agenl_get_state(d->nl) == APEDGED_NL_CONNECTED) {
		log_info("port %s: the interface is there; attaching",
			 p->ifname);
		port_add(d, p);
	}
}

static void nl_disconnected(void *data)
{
	struct apedged *d = data;
	size_t i;

	for (i = 0; i < d->n_ports; i++)
		d->ports[i].attached = false;
	sdnotify_status("waiting for the apedge module");
}

static void nl_port_event(const struct amsg_port *ev, void *data)
{
	struct apedged *d = data;
	bool add = ev->cmd == APEDGE_CMD_PORT_ADD_NTF;
	struct port_state *p = ev->ifname[0] ? find_port(d, ev->ifname) : NULL;

	log_info("port %s (ifindex %u) %s%s%s%s",
		 ev->ifname[0] ? ev->ifname : "?", ev->ifindex,
		 add ? "attached" : "detached",
		 ev->role ? ", role " : "",
		 ev->role ? config_role_name(ev->role) : "",
		 p ? "" : " (not in the configuration)");
	if (!p)
		return;
	p->attached = add;
	if (add && ev->role && ev->role != p->role)
		log_warn("port %s: attached as %s but configured as %s",
			 p->ifname, config_role_name(ev->role),
			 config_role_name(p->role));
}

static void nl_port_result(uint8_t cmd, const char *ifname, int error,
			   const char *ext_msg, void *data)
{
	struct apedged *d = data;
	struct port_state *p = find_port(d, ifname);
	const char *sep = ext_msg[0] ? ": " : "";

	if (cmd == APEDGE_CMD_BINDING_ADD) {
		if (error)
			log_warn("port %s: binding-add refused: %s%s%s",
				 ifname, strerror(-error), sep, ext_msg);
		iapp_binding_result(d->iapp, error ? IAPP_BINDING_FAILED :
				    IAPP_BINDING_ADDED);
		return;
	}
	if (cmd == APEDGE_CMD_XID_SEND) {
		if (error)
			log_warn("port %s: Layer-2 Update refused: %s%s%s",
				 ifname, strerror(-error), sep, ext_msg);
		iapp_l2update_result(d->iapp, error);
		return;
	}
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

static void nl_binding(const struct amsg_binding *b, void *data)
{
	struct apedged *d = data;

	ctxbind_binding(&d->ctxb, b);
}

static void nl_binding_dump_done(int error, void *data)
{
	struct apedged *d = data;

	if (ctxbind_finish(&d->ctxb, error, ctx_filled, d))
		ctx_dump(d);
}

static const struct agenl_ops nl_ops = {
	.connected = nl_connected,
	.disconnected = nl_disconnected,
	.port_event = nl_port_event,
	.port_result = nl_port_result,
	.binding = nl_binding,
	.binding_dump_done = nl_binding_dump_done,
};

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
				   p->l2update_interval_ms);
		if (r < 0)
			return r;
		n++;
	}
	return n;
}

/* kick = nl80211: DEL_STATION on the station's AP interface. */
static int iapp_kick(const struct sta *s, void *data)
{
	struct apedged *d = data;
	int ifindex;

	if (d->cfg.iapp.kick != CONFIG_KICK_NL80211)
		return -EOPNOTSUPP;
	ifindex = nl80211_ifindex(d->wifi, s->ifname);
	if (!ifindex)
		return -ENODEV;	/* not an [ap] interface (sta add) */
	return nl80211_del_station(d->wifi, ifindex, s->mac,
				   1 /* unspecified reason */);
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

struct bind_req {
	struct apedged *d;
	const struct sta *s;
};

static void bind_addr(int af, const uint8_t *addr, uint32_t lifetime,
		      void *data)
{
	struct bind_req *q = data;
	char m[MAC_STR_LEN];
	int r;

	r = agenl_binding_add(q->d->nl, af, addr, q->s->mac, q->s->ifname,
			      lifetime == IAPP_LEASE_INFINITE ? 0 : lifetime);
	if (!r)
		return;
	log_warn("station %s: cannot send binding-add on %s: %s",
		 mac_format(q->s->mac, m), q->s->ifname, strerror(-r));
	iapp_binding_result(q->d->iapp, r == -ENOTCONN ?
			    IAPP_BINDING_SKIPPED : IAPP_BINDING_FAILED);
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
	struct port_state *p = find_port(d, s->ifname);
	unsigned int i, n = ctx->n_ipv4 + ctx->n_ipv6, skipped;
	struct bind_req q = { d, s };
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
	skipped = ctxbind_each_addr(ctx, bind_addr, &q);
	if (skipped)
		log_info("station %s: %u address(es) of its context with no "
			 "lease left: no binding", m, skipped);
	for (i = 0; i < skipped; i++)
		iapp_binding_result(d->iapp, IAPP_BINDING_SKIPPED);
}

static const struct iapp_ops iapp_ops = {
	.l2update = iapp_l2update,
	.kick = iapp_kick,
	.ctx_fill = iapp_ctx_fill,
	.ctx_applied = iapp_ctx_applied,
};

/* Station events from nl80211 */

static void wifi_associated(void *data, int ifindex, const uint8_t mac[6])
{
	struct apedged *d = data;
	const char *ifname = nl80211_ifname(d->wifi, ifindex);
	struct iapp_sta_args a = {
		.ifname = ifname,
		.mac = mac,
	};
	char m[MAC_STR_LEN];
	int r;

	if (!ifname)
		return;
	r = iapp_sta_add(d->iapp, &a);
	if (r < 0)
		log_err("station %s on %s: %s", mac_format(mac, m), ifname,
			r == -ENOSPC ? "the station table is full" :
			strerror(-r));
}

/* The 802.1Q VLAN ID of an AP_VLAN interface; 0 when it says none. */
static uint16_t wifi_vlan(struct apedged *d, const char *ap_ifname,
			  uint32_t vlan_ifindex, const uint8_t mac[6])
{
	const struct netif_link *l;
	char m[MAC_STR_LEN];
	uint16_t vid;

	if (!vlan_ifindex)
		return 0;
	l = netif_link_by_index(d->netif, (int)vlan_ifindex);
	if (!l) {
		log_warn("station %s: its AP_VLAN (ifindex %u) is gone: "
			 "untagged", mac_format(mac, m), vlan_ifindex);
		return 0;
	}
	vid = config_ap_vlan_id(config_find_ap(&d->cfg, ap_ifname), ap_ifname,
				l->name);
	if (!vid)
		log_warn("station %s: no VLAN ID for its AP_VLAN %s (add it "
			 "to vlan_map of [ap %s]): untagged",
			 mac_format(mac, m), l->name, ap_ifname);
	return vid;
}

static void wifi_authorized(void *data, int ifindex, const uint8_t mac[6],
			    uint32_t vlan_ifindex)
{
	struct apedged *d = data;
	const char *ifname = nl80211_ifname(d->wifi, ifindex);

	if (!ifname)
		return;
	iapp_sta_set_vlan(d->iapp, mac, wifi_vlan(d, ifname, vlan_ifindex,
						  mac));
	iapp_sta_authorize(d->iapp, mac);
}

static void wifi_gone(void *data, int ifindex, const uint8_t mac[6])
{
	struct apedged *d = data;

	/* -ENOENT: already removed by a kick. */
	iapp_sta_del(d->iapp, mac);
}

static const struct nl80211_sta_ops wifi_ops = {
	.associated = wifi_associated,
	.authorized = wifi_authorized,
	.gone = wifi_gone,
};

/* Watch the [ap] interfaces of cfg and no others (old: the current). */
static void apply_aps(struct apedged *d, const struct config *old,
		      const struct config *cfg)
{
	size_t i;
	int r;

	if (cfg->n_aps && !d->wifi_started) {
		r = nl80211_start(d->wifi);
		if (r < 0) {
			log_err("nl80211: cannot start: %s; no station events",
				strerror(-r));
			return;
		}
		d->wifi_started = true;
	}
	for (i = 0; old && i < old->n_aps; i++)
		if (!config_find_ap(cfg, old->aps[i].ifname)) {
			log_info("ap %s: removed from the configuration; no "
				 "longer watched", old->aps[i].ifname);
			nl80211_unwatch(d->wifi, old->aps[i].ifname);
		}
	for (i = 0; i < cfg->n_aps; i++) {
		if (old && config_find_ap(old, cfg->aps[i].ifname))
			continue;
		r = nl80211_watch(d->wifi, cfg->aps[i].ifname);
		if (r < 0 && r != -EEXIST)
			log_err("ap %s: cannot watch it: %s",
				cfg->aps[i].ifname, strerror(-r));
	}
}

static void cmd_sta(struct apedged *d, int argc, char **argv,
		    struct strbuf *reply)
{
	uint8_t mac[MAC_LEN];
	char err[160];
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
		if (!strcmp(argv[1], "del"))
			r = iapp_sta_del(d->iapp, mac);
		else
			r = iapp_sta_authorize(d->iapp, mac);
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
	struct status_info si = {
		.version = APEDGED_VERSION,
		.module = agenl_state_name(agenl_get_state(d->nl)),
		.family_id = agenl_family_id(d->nl),
		.module_version = agenl_module_version(d->nl),
		.pid = (int)getpid(),
		.uptime_s = (loop_now_ms() - d->start_ms) / 1000,
		.log_level = log_level_name(log_get_level()),
		.config = d->opts.config_path,
		.n_ports = d->n_ports,
	};
	size_t i;

	sp = calloc(d->n_ports ? d->n_ports : 1, sizeof(*sp));
	if (!sp) {
		ctrl_reply_error(reply, "out of memory");
		return;
	}
	for (i = 0; i < d->n_ports; i++) {
		sp[i].ifname = d->ports[i].ifname;
		sp[i].role = d->ports[i].role;
		sp[i].attached = d->ports[i].attached;
	}
	si.ports = sp;
	ctrl_reply_ok(reply);
	status_format(reply, &si);
	sb_puts(reply, "\n");
	free(sp);
}

static void ctrl_request(int argc, char **argv, struct strbuf *reply,
			 void *data)
{
	struct apedged *d = data;

	if (!strcmp(argv[0], "status")) {
		if (argc != 1) {
			ctrl_reply_error(reply, "usage: status");
			return;
		}
		cmd_status(d, reply);
	} else if (!strcmp(argv[0], "sta")) {
		cmd_sta(d, argc, argv, reply);
	} else if (!strcmp(argv[0], "iapp")) {
		if (argc != 2 || strcmp(argv[1], "show")) {
			ctrl_reply_error(reply, "usage: iapp show");
			return;
		}
		ctrl_reply_ok(reply);
		iapp_format_show(d->iapp, reply);
		sb_puts(reply, "\n");
	} else if (!strcmp(argv[0], "ping")) {
		if (argc != 1) {
			ctrl_reply_error(reply, "usage: ping");
			return;
		}
		ctrl_reply_ok(reply);
		sb_puts(reply, "{\"pong\": true}\n");
	} else if (!strcmp(argv[0], "reload")) {
		char err[256];

		if (argc != 1) {
			ctrl_reply_error(reply, "usage: reload");
			return;
		}
		if (apedged_reload(d, err, sizeof(err)) < 0) {
			ctrl_reply_error(reply, "reload failed: %s", err);
			return;
		}
		ctrl_reply_ok(reply);
		sb_printf(reply, "{\"reloaded\": true, \"ports\": %zu}\n",
			  d->n_ports);
	} else {
		char name[64];

		/* Quote at most a little of what we were sent. */
		snprintf(name, sizeof(name), "%s", argv[0]);
		ctrl_reply_error(reply, "unknown command '%s'", name);
	}
}

/* Bring the kernel in line with a new port list (old ones in d). */
static void apply_port_changes(struct apedged *d, struct port_state *ports,
			       size_t n_ports)
{
	bool connected = agenl_get_state(d->nl) == APEDGED_NL_CONNECTED;
	size_t i, j;

	for (i = 0; i < d->n_ports; i++) {
		const struct port_state *old = &d->ports[i];

		for (j = 0; j < n_ports; j++)
			if (!strcmp(ports[j].ifname, old->ifname))
				break;
		if (j < n_ports && ports[j].role == old->role)
			continue;
		if (!connected)
			continue;	/* nothing to undo in the kernel */
		if (j == n_ports)
			log_info("port %s: removed from the configuration; "
				 "detaching", old->ifname);
		else
			log_info("port %s: role changed to %s; re-attaching",
				 old->ifname, config_role_name(ports[j].role));
		agenl_port_del(d->nl, old->ifname);
	}
	if (!connected)
		return;
	for (j = 0; j < n_ports; j++)
		if (!ports[j].attached)
			port_add(d, &ports[j]);
}

static void retire_ctrl(struct apedged *d)
{
	ctrl_server_free(d->old_ctrl);
	d->old_ctrl = NULL;
}

static void old_ctrl_cb(struct loop_timer *t, void *data)
{
	retire_ctrl(data);
}

static int reload(struct apedged *d, char *err, size_t err_size)
{
	struct ctrl_server *ctrl = NULL;
	struct port_state *ports;
	struct config cfg;
	const char *path;
	int r;

	r = config_load(d->opts.config_path, &cfg, err, err_size);
	if (r < 0) {
		log_err("reload failed; keeping the old configuration: %s",
			err);
		return r;
	}

	path = effective_ctrl_path(d, &cfg);
	if (strcmp(path, ctrl_server_path(d->ctrl))) {
		ctrl = ctrl_server_new(d->loop, path, ctrl_request, d, &r);
		if (!ctrl) {
			snprintf(err, err_size, "cannot move the control "
				 "socket to %s: %s", path, strerror(-r));
			log_err("reload failed; keeping the old configuration: "
				"%s", err);
			config_free(&cfg);
			return r;
		}
	}
	ports = ports_from_config(d, &cfg);
	if (!ports) {
		snprintf(err, err_size, "out of memory");
		ctrl_server_free(ctrl);
		config_free(&cfg);
		return -ENOMEM;
	}

	/* Nothing can fail from here on. */
	if (ctrl) {
		log_notice("control socket moved from %s to %s",
			   ctrl_server_path(d->ctrl), path);
		/*
		 * The request may have come over the old socket: close it
		 * only after this iteration, once the reply is sent.
		 */
		retire_ctrl(d);
		d->old_ctrl = d->ctrl;
		d->ctrl = ctrl;
		if (d->old_ctrl_timer)
			loop_timer_rearm(d->old_ctrl_timer, 0, 0);
		else
			d->old_ctrl_timer = loop_timer_add(d->loop, 0, 0,
							   old_ctrl_cb, d);
		/* Without a timer the old one stays until shutdown. */
	}
	apply_port_changes(d, ports, cfg.n_ports);
	if (iapp_configure(d->iapp, &cfg.iapp, cfg.bssids, cfg.n_bssids) < 0)
		log_err("iapp: out of memory; keeping its old BSSID map");
	apply_aps(d, &d->cfg, &cfg);
	free(d->ports);
	d->ports = ports;
	d->n_ports = cfg.n_ports;
	config_free(&d->cfg);
	d->cfg = cfg;
	apply_log_level(d);
	log_notice("configuration reloaded from %s (%zu port%s, log level %s)",
		   d->opts.config_path, d->n_ports, d->n_ports == 1 ? "" : "s",
		   log_level_name(log_get_level()));
	return 0;
}

/* The service manager sees the reload from its start to its end. */
int apedged_reload(struct apedged *d, char *err, size_t err_size)
{
	int r;

	sdnotify_reloading();
	r = reload(d, err, err_size);
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
	d->ports = ports_from_config(d, &d->cfg);
	if (!d->ports) {
		config_free(&d->cfg);
		free(d);
		return NULL;
	}
	d->n_ports = d->cfg.n_ports;
	apply_log_level(d);
	return d;
}

int apedged_start(struct apedged *d)
{
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
	d->ctrl = ctrl_server_new(d->loop, effective_ctrl_path(d, &d->cfg),
				  ctrl_request, d, &r);
	if (!d->ctrl)
		return r;
	/* One rtnetlink watcher for every engine (logged if it fails). */
	d->netif = netif_open(d->loop);
	if (!d->netif)
		return -errno;
	d->ports_sub = netif_subscribe(d->netif, NULL, port_link_cb, d);
	if (!d->ports_sub)
		return -ENOMEM;
	d->nl = agenl_new(d->loop, &nl_ops, d);
	if (!d->nl)
		return -ENOMEM;
	r = agenl_start(d->nl);
	if (r < 0)
		return r;
	d->iapp = iapp_new(d->loop, d->netif, &iapp_ops, d);
	if (!d->iapp || iapp_configure(d->iapp, &d->cfg.iapp, d->cfg.bssids,
					     d->cfg.n_bssids) < 0)
		return -ENOMEM;
	d->wifi = nl80211_new(d->loop, d->netif, &wifi_ops, d);
	if (!d->wifi)
		return -ENOMEM;
	apply_aps(d, NULL, &d->cfg);
	log_info("apedged %s started (%zu port%s configured, control socket "
		 "%s)", APEDGED_VERSION, d->n_ports,
		 d->n_ports == 1 ? "" : "s", ctrl_server_path(d->ctrl));
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
	nl80211_free(d->wifi);
	iapp_free(d->iapp);
	agenl_free(d->nl);
	netif_unsubscribe(d->ports_sub);
	netif_free(d->netif);
	ctrl_server_free(d->ctrl);
	retire_ctrl(d);
	loop_timer_remove(d->old_ctrl_timer);
	loop_free(d->loop);
	free(d->ports);
	config_free(&d->cfg);
	free(d);
}
