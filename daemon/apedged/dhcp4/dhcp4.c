// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv4 client engine: the clients, their interfaces, and the
 * actions of their state machines carried out.  See dhcp4.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dhcp4/apply.h"
#include "dhcp4/dhcp4.h"
#include "dhcp4/hook.h"
#include "dhcp4/io.h"
#include "dhcp4/store.h"
#include "lib/bytes.h"
#include "lib/json.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"

#define RESOLVCONF "/sbin/resolvconf"

struct dhcp4_client {
	struct dhcp4 *e;
	struct config_dhcp4 cfg;
	struct dhcp4_sm_config smcfg;
	struct dhcp4_sm sm;
	bool sm_inited;
	struct netif_sub *sub;
	int ifindex;
	uint8_t mac[6];
	bool running;
	struct dhcp4_io *io;

	uint8_t ack[DHCP4_MSG_MAX];	/* the last ACK the machine took */
	size_t ack_len;

	bool applied;			/* what APPLY configured */
	struct dhcp4_lease applied_lease;
	bool mtu_changed;
	uint32_t old_mtu;
	char *dns_text;			/* what DNS was given, or NULL */
	bool dns_resolvconf;
	char dns_path[DHCP4_CONFIG_PATH_MAX];

	bool hook_has_old;		/* the lease the hook was told of */
	struct dhcp4_lease hook_old;

	struct dhcp4_client_stats st;
	bool untrusted_port;		/* its interface is an untrusted port */
};

struct dhcp4 {
	struct loop *loop;
	struct netif *netif;
	const struct dhcp4_ops *ops;
	void *data;
	struct dhcp4_apply *apply;
	struct dhcp4_hooks *hooks;
	struct config_dhcp4_global g;
	struct dhcp4_client **v;
	size_t n;
};

static uint32_t rnd(void *ctx)
{
	uint32_t v;

	if (getrandom(&v, sizeof(v), 0) != sizeof(v))
		v = (uint32_t)random();
	return v;
}

static uint64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void run(struct dhcp4_client *c, struct dhcp4_actions *a);

/* Events */

static void publish_state(struct dhcp4_client *c, enum dhcp4_state from,
			  enum dhcp4_state to, const char *reason)
{
	char a[INET_ADDRSTRLEN];
	struct strbuf sb;
	struct json j;

	if (!c->e->ops || !c->e->ops->event)
		return;
	sb_init(&sb);
	json_init(&j, &sb, JSON_SPACED);
	json_obj_begin(&j);
	json_kstr(&j, "ifname", c->cfg.ifname);
	json_kstr(&j, "from", dhcp4_state_name(from));
	json_kstr(&j, "to", dhcp4_state_name(to));
	json_kstr(&j, "reason", reason);
	if (c->sm.have_lease)
		json_kstr(&j, "address", inet_ntop(AF_INET,
						   &c->sm.lease.ack.yiaddr,
						   a, sizeof(a)));
	json_obj_end(&j);
	if (json_ok(&j))
		c->e->ops->event("dhcp4-state", sb.buf, c->e->data);
	sb_free(&sb);
}

static void publish_blocked(struct dhcp4_client *c)
{
	struct strbuf sb;
	struct json j;

	if (!c->e->ops || !c->e->ops->event)
		return;
	sb_init(&sb);
	json_init(&j, &sb, JSON_SPACED);
	json_obj_begin(&j);
	json_kstr(&j, "ifname", c->cfg.ifname);
	json_kstr(&j, "blocked", dhcp4_client_blocked(c));
	json_obj_end(&j);
	if (json_ok(&j))
		c->e->ops->event("dhcp4-blocked", sb.buf, c->e->data);
	sb_free(&sb);
}

/* The hook */

static void run_hook(struct dhcp4_client *c, const char *reason,
		     enum dhcp4_state to)
{
	static struct dhcp4_hook_env env;
	const struct dhcp4_lease *now = NULL;
	char *argv[] = { c->cfg.hook, NULL };
	char what[IFNAMSIZ + 16];

	if (c->sm.have_lease && (to == DHCP4_BOUND || to == DHCP4_RENEWING ||
				 to == DHCP4_REBINDING))
		now = &c->sm.lease;
	if (c->cfg.hook[0]) {
		dhcp4_hook_env(&env, reason, c->cfg.ifname, now,
			       c->hook_has_old ? &c->hook_old : NULL);
		snprintf(what, sizeof(what), "hook of %s", c->cfg.ifname);
		dhcp4_hooks_run(c->e->hooks, what, argv, env.envp, NULL, 0);
	}
	if (now) {
		c->hook_old = *now;
		c->hook_has_old = true;
	}
}

/* DNS */

static int make_parent(const char *path)
{
	char d[DHCP4_CONFIG_PATH_MAX], *s;

	snprintf(d, sizeof(d), "%s", path);
	s = strrchr(d, '/');
	if (!s || s == d)
		return 0;
	*s = '\0';
	if (mkdir(d, 0755) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static void resolvconf(struct dhcp4_client *c, bool add, const char *text)
{
	char name[IFNAMSIZ + 8], what[IFNAMSIZ + 24];
	char *argv[] = { RESOLVCONF, add ? "-a" : "-d", name, NULL };

	snprintf(name, sizeof(name), "%s.dhcp4", c->cfg.ifname);
	snprintf(what, sizeof(what), "resolvconf for %s", c->cfg.ifname);
	dhcp4_hooks_run(c->e->hooks, what, argv, NULL, text,
			text ? strlen(text) : 0);
}

static void dns_remove(struct dhcp4_client *c)
{
	if (!c->dns_text)
		return;
	if (c->dns_resolvconf)
		resolvconf(c, false, NULL);
	else if (unlink(c->dns_path) < 0 && errno != ENOENT)
		log_warn("dhcp4 %s: cannot remove %s: %s", c->cfg.ifname,
			 c->dns_path, strerror(errno));
	free(c->dns_text);
	c->dns_text = NULL;
}

static void dns_apply(struct dhcp4_client *c, const struct dhcp4_lease *l)
{
	struct strbuf sb;
	bool rc;
	int r;

	if (c->cfg.resolv_mode == DHCP4_RESOLV_NONE)
		return;
	sb_init(&sb);
	dhcp4_resolv_format(l, c->cfg.ifname, &sb);
	if (sb.oom || !sb_str(&sb)[0]) {
		sb_free(&sb);
		dns_remove(c);
		return;
	}
	if (c->dns_text && !strcmp(c->dns_text, sb_str(&sb))) {
		sb_free(&sb);
		return;
	}
	rc = c->cfg.resolv_mode == DHCP4_RESOLV_AUTO &&
		!access(RESOLVCONF, X_OK);
	/*
	 * resolvconf -a replaces the record: no -d before it, whose child
	 * would race the -a's (openresolv takes its lock in whichever
	 * order they come) and could remove the new record.
	 */
	if (!(rc && c->dns_resolvconf))
		dns_remove(c);
	free(c->dns_text);
	c->dns_text = NULL;
	if (rc) {
		resolvconf(c, true, sb_str(&sb));
	} else {
		dhcp4_config_resolv_file(&c->cfg, c->dns_path,
					 sizeof(c->dns_path));
		make_parent(c->dns_path);
		r = dhcp4_resolv_write(c->dns_path, sb_str(&sb));
		if (r < 0) {
			log_warn("dhcp4 %s: cannot write %s: %s",
				 c->cfg.ifname, c->dns_path, strerror(-r));
			sb_free(&sb);
			return;
		}
	}
	c->dns_resolvconf = rc;
	c->dns_text = strdup(sb_str(&sb));
	sb_free(&sb);
}

/* APPLY and UNAPPLY */

static void mtu_restore(struct dhcp4_client *c)
{
	if (!c->mtu_changed)
		return;
	dhcp4_apply_mtu(c->e->apply, c->ifindex, c->cfg.ifname, c->old_mtu);
	c->mtu_changed = false;
}

static void do_unapply(struct dhcp4_client *c, const struct dhcp4_lease *l)
{
	if (!l && c->applied)
		l = &c->applied_lease;
	if (l && c->ifindex &&
	    dhcp4_apply_unlease(c->e->apply, c->ifindex, c->cfg.ifname, l,
				c->cfg.route_metric) < 0)
		c->st.apply_errors++;
	mtu_restore(c);
	dns_remove(c);
	c->applied = false;
}

static void do_apply(struct dhcp4_client *c, const struct dhcp4_lease *l)
{
	const struct netif_link *link;

	if (c->applied &&
	    c->applied_lease.ack.yiaddr.s_addr != l->ack.yiaddr.s_addr)
		do_unapply(c, &c->applied_lease);
	if (dhcp4_apply_lease(c->e->apply, c->ifindex, c->cfg.ifname, l,
			      c->cfg.route_metric, loop_now_ms()) < 0) {
		c->st.apply_errors++;
		log_rl(LOG_WARNING, "dhcp4 %s: cannot configure the lease",
		       c->cfg.ifname);
	}
	link = netif_link_by_index(c->e->netif, c->ifindex);
	if (l->ack.has_mtu && l->ack.mtu >= 576) {
		if (!c->mtu_changed && link) {
			c->old_mtu = link->mtu;
			c->mtu_changed = true;
		}
		if (!link || link->mtu != l->ack.mtu)
			dhcp4_apply_mtu(c->e->apply, c->ifindex, c->cfg.ifname,
					l->ack.mtu);
	} else {
		mtu_restore(c);
	}
	dns_apply(c, l);
	c->applied_lease = *l;
	c->applied = true;
}

/* STORE and FORGET */

static void do_store(struct dhcp4_client *c, const struct dhcp4_lease *l)
{
	uint64_t now = loop_now_ms(), w = wall_ms(), age;
	int r;

	if (!c->ack_len || get_be32(c->ack + 4) != l->ack.xid ||
	    memcmp(c->ack + 16, &l->ack.yiaddr, 4)) {
		c->st.store_errors++;
		log_rl(LOG_WARNING, "dhcp4 %s: the lease's ACK is not at hand: "
		       "not stored", c->cfg.ifname);
		return;
	}
	age = now > l->acquired_ms ? now - l->acquired_ms : 0;
	r = dhcp4_store_save(c->e->g.state_dir, c->cfg.ifname,
			     w > age ? w - age : 0, c->ack, c->ack_len);
	if (r < 0) {
		c->st.store_errors++;
		log_rl(LOG_WARNING, "dhcp4 %s: cannot store the lease in %s: %s",
		       c->cfg.ifname, c->e->g.state_dir, strerror(-r));
	}
}

static void do_forget(struct dhcp4_client *c)
{
	int r = dhcp4_store_remove(c->e->g.state_dir, c->cfg.ifname);

	if (r < 0) {
		c->st.store_errors++;
		log_rl(LOG_WARNING, "dhcp4 %s: cannot remove its lease file: %s",
		       c->cfg.ifname, strerror(-r));
	}
}

/* SEND and ARP */

static void do_send(struct dhcp4_client *c, const struct dhcp4_action *a)
{
	uint8_t buf[DHCP4_MSG_MAX];
	size_t len;
	int r;

	len = dhcp4_msg_build(buf, sizeof(buf), &a->send.msg);
	if (!len) {
		c->st.send_errors++;
		log_rl(LOG_ERR, "dhcp4 %s: a %s does not fit a message",
		       c->cfg.ifname, dhcp4_type_name(a->send.msg.type));
		return;
	}
	if (!c->io)
		return;
	if (a->send.unicast)
		r = dhcp4_io_send_unicast(c->io, a->send.dst, buf, len);
	else
		r = dhcp4_io_send_broadcast(c->io, a->send.msg.ciaddr, buf,
					    len);
	if (r < 0) {
		c->st.send_errors++;
		log_rl(LOG_WARNING, "dhcp4 %s: cannot send a %s: %s",
		       c->cfg.ifname, dhcp4_type_name(a->send.msg.type),
		       strerror(-r));
	}
}

static void do_arp(struct dhcp4_client *c, const struct dhcp4_arp *arp)
{
	uint8_t buf[DHCP4_ARP_LEN];
	size_t len = dhcp4_arp_build(buf, sizeof(buf), arp);
	int r;

	if (!len || !c->io)
		return;
	r = dhcp4_io_send_arp(c->io, buf, len);
	if (r < 0) {
		c->st.send_errors++;
		log_rl(LOG_WARNING, "dhcp4 %s: cannot send an ARP packet: %s",
		       c->cfg.ifname, strerror(-r));
	}
}

/*
 * The sockets and the timer the machine wants now.  A socket that is
 * wanted is opened before one that is not is closed, so that no reply
 * falls in between.
 */
static void sync_io(struct dhcp4_client *c)
{
	bool on = c->running && c->sm.state != DHCP4_STOPPED;
	bool raw = on && dhcp4_sm_wants_raw(&c->sm);

	if (!c->io)
		return;
	if (raw) {
		dhcp4_io_set_raw(c->io, true);
		dhcp4_io_set_udp(c->io, false);
	} else {
		dhcp4_io_set_udp(c->io, on);
		dhcp4_io_set_raw(c->io, false);
	}
	dhcp4_io_set_arp(c->io, on && dhcp4_sm_wants_arp(&c->sm));
	dhcp4_io_arm(c->io, on ? dhcp4_sm_deadline(&c->sm) : UINT64_MAX);
}

/*
 * Carry out a step's actions.  The machine is already in its new state:
 * the sockets that state wants are opened first, so that they are there
 * before the message whose answer they must receive goes out (a server
 * on the same link answers within a fraction of a millisecond).  The
 * actions change neither the machine nor c->running, so that one sync
 * holds for the whole step.
 */
static void run(struct dhcp4_client *c, struct dhcp4_actions *acts)
{
	unsigned int i;

	sync_io(c);
	for (i = 0; i < acts->n && i < DHCP4_ACTIONS_MAX; i++) {
		const struct dhcp4_action *a = &acts->a[i];

		switch (a->type) {
		case DHCP4_ACT_SEND:
			do_send(c, a);
			break;
		case DHCP4_ACT_ARP:
			do_arp(c, &a->arp);
			break;
		case DHCP4_ACT_APPLY:
			do_apply(c, a->lease);
			break;
		case DHCP4_ACT_UNAPPLY:
			do_unapply(c, a->lease);
			break;
		case DHCP4_ACT_STORE:
			do_store(c, a->lease);
			break;
		case DHCP4_ACT_FORGET:
			do_forget(c);
			break;
		case DHCP4_ACT_STATE:
			run_hook(c, a->state.reason ? a->state.reason : "",
				 a->state.to);
			publish_state(c, a->state.from, a->state.to,
				      a->state.reason);
			break;
		}
	}
}

/* What comes in */

static void io_rx(void *data, const uint8_t *buf, size_t len,
		  struct in_addr src)
{
	struct dhcp4_client *c = data;
	struct dhcp4_actions acts = { 0 };
	struct dhcp4_msg m;
	enum dhcp4_err e;
	uint64_t acks;

	e = dhcp4_msg_parse(buf, len, &m);
	if (e != DHCP4_OK) {
		c->st.malformed[e < DHCP4_ERR_MAX ? e : 0]++;
		log_rl(LOG_DEBUG, "dhcp4 %s: a message refused: %s",
		       c->cfg.ifname, dhcp4_err_name(e));
		return;
	}
	acks = c->sm.stats.rx[DHCP4_ACK];
	dhcp4_sm_rx(&c->sm, loop_now_ms(), &m, src, &acts);
	/* The machine took this ACK: keep its bytes for STORE. */
	if (c->sm.stats.rx[DHCP4_ACK] != acks && len <= sizeof(c->ack)) {
		memcpy(c->ack, buf, len);
		c->ack_len = len;
	}
	run(c, &acts);
}

static void io_arp(void *data, const uint8_t *pkt, size_t len)
{
	struct dhcp4_client *c = data;
	struct dhcp4_actions acts = { 0 };
	struct dhcp4_arp a;
	enum dhcp4_err e;

	e = dhcp4_arp_parse(pkt, len, &a);
	if (e != DHCP4_OK) {
		c->st.malformed[e < DHCP4_ERR_MAX ? e : 0]++;
		return;
	}
	dhcp4_sm_arp(&c->sm, loop_now_ms(), &a, &acts);
	run(c, &acts);
}

static void io_malformed(void *data, enum dhcp4_err why)
{
	struct dhcp4_client *c = data;

	c->st.malformed[why < DHCP4_ERR_MAX ? why : 0]++;
}

static void io_timeout(void *data)
{
	struct dhcp4_client *c = data;
	struct dhcp4_actions acts = { 0 };

	dhcp4_sm_timeout(&c->sm, loop_now_ms(), &acts);
	run(c, &acts);
}

static const struct dhcp4_io_ops io_ops = {
	.rx = io_rx,
	.arp = io_arp,
	.malformed = io_malformed,
	.timeout = io_timeout,
};

/* Start and stop */

static bool load_lease(struct dhcp4_client *c, struct dhcp4_lease *out)
{
	static uint8_t buf[DHCP4_STORE_MAX];
	static struct dhcp4_store_rec rec;
	enum dhcp4_store_err err;
	int r;

	r = dhcp4_store_load(c->e->g.state_dir, c->cfg.ifname, buf, &rec,
			     &err);
	if (r == -ENOENT)
		return false;
	if (r == -EIO) {
		c->st.store_damaged++;
		log_warn("dhcp4 %s: its lease file is damaged (%s%s%s): "
			 "starting without it", c->cfg.ifname,
			 dhcp4_store_err_name(err),
			 err == DHCP4_STORE_ACK ? ": " : "",
			 err == DHCP4_STORE_ACK ?
			 dhcp4_err_name(rec.ack_err) : "");
		return false;
	}
	if (r < 0) {
		c->st.store_damaged++;
		log_warn("dhcp4 %s: cannot read its lease file: %s",
			 c->cfg.ifname, strerror(-r));
		return false;
	}
	if (dhcp4_store_to_lease(&rec, loop_now_ms(), wall_ms(), out) < 0) {
		log_info("dhcp4 %s: its stored lease has expired",
			 c->cfg.ifname);
		return false;
	}
	if (rec.ack_len <= sizeof(c->ack)) {
		memcpy(c->ack, rec.ack_raw, rec.ack_len);
		c->ack_len = rec.ack_len;
	}
	return true;
}

static void client_start(struct dhcp4_client *c,
			 const struct netif_link *link)
{
	static struct dhcp4_lease stored;
	struct dhcp4_actions acts = { 0 };
	struct dhcp4_sm_stats keep;
	bool have;

	if (!c->sm_inited || memcmp(c->mac, link->hwaddr, 6)) {
		keep = c->sm.stats;
		memcpy(c->mac, link->hwaddr, 6);
		dhcp4_config_sm(&c->cfg, c->mac, &c->smcfg);
		dhcp4_sm_init(&c->sm, &c->smcfg, c->cfg.ifname, c->mac, rnd,
			      c);
		if (c->sm_inited)
			c->sm.stats = keep;
		c->sm_inited = true;
	}
	if (c->io && c->ifindex != link->index) {
		dhcp4_io_free(c->io);
		c->io = NULL;
	}
	c->ifindex = link->index;
	if (!c->io)
		c->io = dhcp4_io_new(c->e->loop, c->ifindex, c->cfg.ifname,
				     &io_ops, c);
	if (!c->io)
		return;
	c->running = true;
	have = load_lease(c, &stored);
	dhcp4_sm_start(&c->sm, loop_now_ms(), have ? &stored : NULL, &acts);
	run(c, &acts);
}

static void client_stop(struct dhcp4_client *c, bool release)
{
	struct dhcp4_actions acts = { 0 };

	if (!c->running)
		return;
	dhcp4_sm_stop(&c->sm, loop_now_ms(), release, &acts);
	run(c, &acts);
	c->running = false;
	sync_io(c);
	dhcp4_io_free(c->io);
	c->io = NULL;
}

static bool link_usable(const struct netif_link *l)
{
	return l && netif_link_is_up(l) && netif_link_has_carrier(l) &&
		l->hwaddr_len == 6;
}

static void link_event(const struct netif_event *ev, void *data)
{
	struct dhcp4_client *c = data;
	const struct netif_link *l = ev->link;

	switch (ev->type) {
	case NETIF_LINK_DEL:
		if (c->running)
			log_info("dhcp4 %s: the interface is gone",
				 c->cfg.ifname);
		client_stop(c, false);
		dhcp4_io_free(c->io);
		c->io = NULL;
		c->ifindex = 0;
		c->applied = false;
		return;
	case NETIF_LINK_NEW:
	case NETIF_LINK_UP:
	case NETIF_LINK_CARRIER_ON:
	case NETIF_LINK_CARRIER_OFF:
	case NETIF_LINK_DOWN:
	case NETIF_LINK_CHANGE:
		break;
	default:
		return;
	}
	if (l->hwaddr_len != 6 && ev->type == NETIF_LINK_NEW) {
		log_err("dhcp4 %s: not an Ethernet interface: no client",
			c->cfg.ifname);
		return;
	}
	if (c->running && ev->type == NETIF_LINK_CHANGE &&
	    (ev->changed & NETIF_CHANGED_HWADDR)) {
		log_info("dhcp4 %s: its MAC address changed: starting again",
			 c->cfg.ifname);
		client_stop(c, false);
	}
	if (!c->running && link_usable(l))
		client_start(c, l);
	else if (c->running && !link_usable(l))
		client_stop(c, false);
}

/* Clients */

static void client_free(struct dhcp4_client *c, bool release)
{
	netif_unsubscribe(c->sub);
	client_stop(c, release);
	dhcp4_io_free(c->io);
	free(c->dns_text);
	free(c);
}

static struct dhcp4_client *client_new(struct dhcp4 *e,
				       const struct config_dhcp4 *cfg)
{
	struct dhcp4_client *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->e = e;
	c->cfg = *cfg;
	c->sm.state = DHCP4_STOPPED;
	c->sub = netif_subscribe(e->netif, c->cfg.ifname, link_event, c);
	if (!c->sub) {
		free(c);
		return NULL;
	}
	return c;
}

struct dhcp4 *dhcp4_new(struct loop *loop, struct netif *nf,
			const struct dhcp4_ops *ops, void *data)
{
	struct dhcp4 *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->loop = loop;
	e->netif = nf;
	e->ops = ops;
	e->data = data;
	snprintf(e->g.state_dir, sizeof(e->g.state_dir), "%s",
		 DHCP4_STATE_DIR);
	e->hooks = dhcp4_hooks_new(loop);
	if (!e->hooks) {
		free(e);
		return NULL;
	}
	return e;
}

void dhcp4_free(struct dhcp4 *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->n; i++)
		client_free(e->v[i], e->v[i]->cfg.release_on_stop);
	free(e->v);
	dhcp4_apply_free(e->apply);
	dhcp4_hooks_free(e->hooks);
	free(e);
}

static struct dhcp4_client *find(const struct dhcp4 *e, const char *ifname)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (!strcmp(e->v[i]->cfg.ifname, ifname))
			return e->v[i];
	return NULL;
}

int dhcp4_configure(struct dhcp4 *e, const struct config_dhcp4_global *g,
		    const struct config_dhcp4 *v, size_t n)
{
	struct dhcp4_client **nv;
	size_t i, j, k = 0;
	bool *untrusted;
	int r = 0;

	if (n && !e->apply) {
		e->apply = dhcp4_apply_new(e->loop);
		if (!e->apply)
			return -errno;
	}
	nv = calloc(n ? n : 1, sizeof(*nv));
	untrusted = calloc(n ? n : 1, sizeof(*untrusted));
	if (!nv || !untrusted) {
		free(nv);
		free(untrusted);
		return -ENOMEM;
	}
	e->g = *g;
	/* Gone or changed: stopped as on daemon stop. */
	for (i = 0; i < e->n; i++) {
		struct dhcp4_client *c = e->v[i];

		for (j = 0; j < n; j++)
			if (!strcmp(v[j].ifname, c->cfg.ifname))
				break;
		if (j < n && dhcp4_config_equal(&c->cfg, &v[j]))
			continue;
		/* The port stays what it is in the module. */
		if (j < n)
			untrusted[j] = c->untrusted_port;
		log_info("dhcp4 %s: %s", c->cfg.ifname, j < n ?
			 "its settings changed: starting again" :
			 "removed from the configuration");
		client_free(c, j == n && c->cfg.release_on_stop);
		e->v[i] = NULL;
	}
	for (j = 0; j < n; j++) {
		struct dhcp4_client *c = NULL;

		for (i = 0; i < e->n; i++)
			if (e->v[i] && !strcmp(e->v[i]->cfg.ifname,
					       v[j].ifname)) {
				c = e->v[i];
				e->v[i] = NULL;
			}
		if (!c) {
			c = client_new(e, &v[j]);
			if (c)
				c->untrusted_port = untrusted[j];
		}
		if (!c) {
			log_err("dhcp4 %s: cannot make its client: %s",
				v[j].ifname, strerror(errno));
			r = -ENOMEM;
			continue;
		}
		c->cfg.line = v[j].line;
		nv[k++] = c;
	}
	free(untrusted);
	free(e->v);
	e->v = nv;
	e->n = k;
	return r;
}

static void client_port_role(struct dhcp4_client *c, bool untrusted)
{
	if (c->untrusted_port == untrusted)
		return;
	c->untrusted_port = untrusted;
	if (untrusted) {
		c->st.untrusted_port++;
		log_warn("dhcp4 %s: the interface is now an untrusted apedge "
			 "port, whose guard drops every server's reply: this "
			 "client gets no lease until the port is trusted or "
			 "removed", c->cfg.ifname);
	} else {
		log_info("dhcp4 %s: the interface is no longer an untrusted "
			 "port", c->cfg.ifname);
	}
	publish_blocked(c);
}

void dhcp4_port_role(struct dhcp4 *e, const char *ifname, bool untrusted)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->n; i++)
		if (!ifname || !strcmp(e->v[i]->cfg.ifname, ifname))
			client_port_role(e->v[i], ifname && untrusted);
}

int dhcp4_command(struct dhcp4 *e, const char *ifname, enum dhcp4_cmd cmd)
{
	struct dhcp4_client *c = find(e, ifname);
	struct dhcp4_actions acts = { 0 };
	uint64_t now = loop_now_ms();

	if (!c)
		return -ENOENT;
	if (!c->running)
		return -ENETDOWN;
	/* Released: renew (or rebind) starts it again, from INIT. */
	if (c->sm.state == DHCP4_STOPPED && cmd != DHCP4_CMD_RELEASE) {
		const struct netif_link *l =
			netif_link_by_index(e->netif, c->ifindex);

		c->running = false;
		if (!link_usable(l))
			return -ENETDOWN;
		client_start(c, l);
		return 0;
	}
	switch (cmd) {
	case DHCP4_CMD_RENEW:
		dhcp4_sm_renew(&c->sm, now, &acts);
		break;
	case DHCP4_CMD_REBIND:
		dhcp4_sm_rebind(&c->sm, now, &acts);
		break;
	case DHCP4_CMD_RELEASE:
		dhcp4_sm_release(&c->sm, now, &acts);
		break;
	}
	run(c, &acts);
	return 0;
}

size_t dhcp4_n_clients(const struct dhcp4 *e)
{
	return e ? e->n : 0;
}

const struct dhcp4_client *dhcp4_client_at(const struct dhcp4 *e, size_t i)
{
	return i < e->n ? e->v[i] : NULL;
}

const struct dhcp4_client *dhcp4_client_find(const struct dhcp4 *e,
					     const char *ifname)
{
	return find(e, ifname);
}

const char *dhcp4_client_ifname(const struct dhcp4_client *c)
{
	return c->cfg.ifname;
}

const struct dhcp4_sm *dhcp4_client_sm(const struct dhcp4_client *c)
{
	return &c->sm;
}

const struct dhcp4_client_stats *
dhcp4_client_stats(const struct dhcp4_client *c)
{
	return &c->st;
}

const char *dhcp4_client_blocked(const struct dhcp4_client *c)
{
	return c->untrusted_port ? "untrusted-port" : NULL;
}
