// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 server engine: see dhcp6.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "dhcp6/auth.h"
#include "dhcp6/bind.h"
#include "dhcp6/dhcp6.h"
#include "dhcp6/io.h"
#include "dhcp6/relay.h"
#include "dhcp6/store.h"
#include "lib/file.h"
#include "lib/log.h"
#include "lib/loop.h"

#define EXPIRE_BATCH	64
#define TICK_MS		1000
/* RECONFIGURE's retransmission (RFC 8415 §7.6): REC_TIMEOUT, REC_MAX_RC */
#define REC_TIMEOUT_S	2
#define REC_MAX_RC	8
#define RECONF_MAX	64		/* RECONFIGUREs in flight */

/* A RECONFIGURE sent and not answered yet (by a RENEW, REBIND or
 * INFORMATION-REQUEST of its client). */
struct reconf {
	bool used;
	struct in6_addr addr;		/* the lease it was for */
	uint8_t plen, what, sent;
	uint64_t next_ms, rt_ms;	/* loop clock */
	uint8_t duid_len;
	uint8_t duid[DHCP6_DUID_MAX];
};

struct dhcp6_iface {
	struct config_dhcp6 cfg;	/* mode server or relay */
	int ifindex;			/* 0: not there (yet) */
	int up_ifindex[DHCP6_UPSTREAMS_MAX];	/* a relay's upstreams' */
};

struct dhcp6 {
	struct loop *loop;
	struct dhcp6_io *io;
	struct dhcp6_store *store;
	struct dhcp6_server srv;
	bool srv_ok;
	char state_dir[DHCP6_CONFIG_PATH_MAX];
	struct dhcp6_iface *ifs;
	size_t n_ifs, n_relays;
	struct loop_timer *tick;
	unsigned int pending;		/* replies waiting for a commit */
	uint64_t replay;		/* the last Auth replay counter */
	struct reconf reconf[RECONF_MAX];
	struct dhcp6_engine_stats st;
	/* the module's bindings (bind.h): the root's ops */
	const struct dhcp6_bind_ops *bops;
	void *bdata;
	struct dhcp6_bind_stats bst;
	struct dhcp6_bind *have;	/* a resync's dump so far */
	size_t n_have, cap_have;
	bool have_lost;			/* out of memory: no resync */
	uint8_t rbuf[DHCP6_MSG_MAX];
	uint8_t fbuf[DHCP6_MSG_MAX];	/* a RELAY-FORW */
};

/* A reply waiting for its records to be on disk. */
struct pending {
	struct dhcp6 *e;
	unsigned int left;
	int err;
	struct sockaddr_in6 dst;
	int ifindex;
	unsigned int n_recs;		/* for the module's bindings */
	struct dhcp6_jnl_rec *recs;
	size_t len;
	uint8_t msg[];
};

static uint64_t wall_now(void)
{
	return (uint64_t)time(NULL);
}

/* RFC 8415 §20.3: the replay counter only grows, also over restarts (it
 * starts from the wall clock in microseconds). */
static uint64_t next_replay(struct dhcp6 *e)
{
	struct timespec ts;
	uint64_t us;

	clock_gettime(CLOCK_REALTIME, &ts);
	us = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
	e->replay = us > e->replay ? us : e->replay + 1;
	return e->replay;
}

static struct dhcp6_iface *iface_by_index(struct dhcp6 *e, int ifindex)
{
	size_t i;

	for (i = 0; i < e->n_ifs; i++)
		if (e->ifs[i].ifindex == ifindex)
			return &e->ifs[i];
	return NULL;
}

static struct dhcp6_iface *iface_by_name(struct dhcp6 *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->n_ifs; i++)
		if (!strcmp(e->ifs[i].cfg.ifname, name))
			return &e->ifs[i];
	return NULL;
}

static void route(struct dhcp6 *e, bool add, const struct dhcp6_jnl_rec *r,
		  const struct in6_addr *gw)
{
	struct dhcp6_iface *f;

	if (r->kind != DHCP6_OPT_IA_PD)
		return;
	f = iface_by_name(e, r->ifname);
	if (!f || !f->ifindex || (add && !gw))
		return;
	if (dhcp6_io_route(e->io, add, &r->addr, r->plen, gw, f->ifindex))
		e->st.route_errors++;
}

/*
 * The client's MAC address as the kernel's neighbour table has it for its
 * source address on the link: only where bindings are wanted (a port).
 */
static bool client_mac(struct dhcp6 *e, const struct dhcp6_iface *f,
		       const struct in6_addr *src, int ifindex, uint8_t mac[6])
{
	if (!e->bops || !e->io || !e->bops->is_port(e->bdata, f->cfg.ifname))
		return false;
	return !dhcp6_io_neigh(e->io, ifindex, src, mac);
}

/* Acknowledged records become (or stop being) the module's bindings. */
static void bind_recs(struct dhcp6 *e, const struct dhcp6_jnl_rec *recs,
		      unsigned int n, const struct in6_addr *src, int ifindex)
{
	struct dhcp6_iface *f;
	uint8_t mac[6];
	bool have_mac = false, tried = false;
	unsigned int i;

	if (!e->bops)
		return;
	for (i = 0; i < n; i++) {
		const struct dhcp6_jnl_rec *r = &recs[i];

		/* Not known when the message came: the REPLY's ND may have
		 * taught it since. */
		if (src && !tried && r->lladdr_len != 6 &&
		    (r->type == DHCP6_JNL_ADD || r->type == DHCP6_JNL_RENEW)) {
			tried = true;
			f = iface_by_index(e, ifindex);
			have_mac = f && client_mac(e, f, src, ifindex, mac);
		}
		dhcp6_bind_apply(r, wall_now(), have_mac ? mac : NULL,
				 e->bops, e->bdata, &e->bst);
	}
}

static void noop_done(void *cookie, int err)
{
	struct dhcp6 *e = cookie;

	if (err)
		e->st.store_errors++;
}

static void pending_done(void *cookie, int err)
{
	struct pending *p = cookie;
	struct dhcp6 *e = p->e;

	if (err && !p->err)
		p->err = err;
	if (--p->left)
		return;
	e->pending--;
	if (p->err) {
		e->st.store_errors++;
		log_rl(LOG_WARNING, "dhcp6: lease not written (%s): reply "
		       "not sent", strerror(-p->err));
	} else if (dhcp6_io_send(e->io, &p->dst, p->ifindex, p->msg,
				 p->len)) {
		e->st.send_errors++;
	} else {
		e->st.committed++;
		bind_recs(e, p->recs, p->n_recs, &p->dst.sin6_addr,
			  p->ifindex);
	}
	free(p->recs);
	free(p);
}

/* A RENEW, REBIND or INFORMATION-REQUEST of a client answers the
 * RECONFIGUREs sent to it. */
static void reconf_answered(struct dhcp6 *e, const struct dhcp6_msg *m)
{
	unsigned int i;

	if (m->type != DHCP6_RENEW && m->type != DHCP6_REBIND &&
	    m->type != DHCP6_INFORMATION_REQUEST)
		return;
	for (i = 0; i < RECONF_MAX; i++) {
		struct reconf *r = &e->reconf[i];

		if (r->used && r->duid_len == m->client_id.bytes.len &&
		    !memcmp(r->duid, m->client_id.bytes.p, r->duid_len)) {
			r->used = false;
			e->st.reconf_answered++;
		}
	}
}

/* Build, sign and send one RECONFIGURE for r: 0 or -errno. */
static int reconf_send(struct dhcp6 *e, struct reconf *r)
{
	static struct dhcp6_out out;
	struct sockaddr_in6 dst = { .sin6_family = AF_INET6 };
	struct dhcp6_iface *f;
	size_t n;
	int err;

	err = dhcp6_server_reconfigure(&e->srv, &r->addr, r->plen, r->what,
				       next_replay(e), &out);
	if (err)
		goto out;
	f = iface_by_name(e, out.ifname);
	err = -ENETDOWN;
	if (!f || !f->ifindex)
		goto out;
	err = -EIO;
	n = dhcp6_msg_build(e->rbuf, sizeof(e->rbuf), &out.msg);
	if (!n || dhcp6_reconf_sign(e->rbuf, n, out.rkey))
		goto out;
	dst.sin6_addr = out.to;
	dst.sin6_port = htons(546);
	if (IN6_IS_ADDR_LINKLOCAL(&out.to))
		dst.sin6_scope_id = (uint32_t)f->ifindex;
	err = dhcp6_io_send(e->io, &dst, f->ifindex, e->rbuf, n) ? -EIO : 0;
	if (!err) {
		r->duid_len = out.msg.client_id.bytes.len;
		memcpy(r->duid, out.msg.client_id.bytes.p, r->duid_len);
		e->st.reconf_sent++;
	}
out:
	explicit_bzero(out.rkey, sizeof(out.rkey));
	return err;
}

int dhcp6_reconfigure(struct dhcp6 *e, const struct in6_addr *a, uint8_t plen,
		      uint8_t what)
{
	struct reconf *r = NULL;
	unsigned int i;
	int err;

	if (!e->srv_ok)
		return -ENOENT;
	for (i = 0; i < RECONF_MAX; i++) {
		if (e->reconf[i].used && e->reconf[i].plen == plen &&
		    !memcmp(&e->reconf[i].addr, a, sizeof(*a)))
			return -EALREADY;
		if (!e->reconf[i].used && !r)
			r = &e->reconf[i];
	}
	if (!r)
		return -EBUSY;
	memset(r, 0, sizeof(*r));
	r->addr = *a;
	r->plen = plen;
	r->what = what;
	err = reconf_send(e, r);
	if (err)
		return err;
	r->used = true;
	r->sent = 1;
	r->rt_ms = REC_TIMEOUT_S * 1000u;
	r->next_ms = loop_now_ms() + r->rt_ms;
	return 0;
}

/* §15: RT doubles (with -0.1..+0.1 of it at random); after REC_MAX_RC
 * sends, the server gives up. */
static void reconf_retransmit(struct dhcp6 *e)
{
	uint64_t now = loop_now_ms();
	unsigned int i;

	for (i = 0; i < RECONF_MAX; i++) {
		struct reconf *r = &e->reconf[i];
		uint32_t jitter;

		if (!r->used || now < r->next_ms)
			continue;
		if (r->sent >= REC_MAX_RC || reconf_send(e, r)) {
			r->used = false;
			e->st.reconf_given_up++;
			continue;
		}
		r->sent++;
		if (getrandom(&jitter, sizeof(jitter), 0) != sizeof(jitter))
			jitter = 0;
		r->rt_ms = 2 * r->rt_ms - r->rt_ms / 10 +
			   jitter % (r->rt_ms / 5 + 1);
		r->next_ms = now + r->rt_ms;
	}
}

/* ---- the relay: dhcp6/relay.c decides, this sends ---- */

static void relay_drop(struct dhcp6 *e, const struct dhcp6_iface *f,
		       enum dhcp6_relay_drop why,
		       const struct sockaddr_in6 *src)
{
	char a[INET6_ADDRSTRLEN];

	e->st.relay_drop[why]++;
	inet_ntop(AF_INET6, &src->sin6_addr, a, sizeof(a));
	log_rl(LOG_DEBUG, "dhcp6 %s: relay: dropped from %s (%s)",
	       f ? f->cfg.ifname : "?", a, dhcp6_relay_drop_name(why));
}

/* A client's (or a lower relay's) message: a RELAY-FORW to each
 * upstream. */
static void relay_up(struct dhcp6 *e, struct dhcp6_iface *f,
		     const uint8_t *buf, size_t len,
		     const struct sockaddr_in6 *src)
{
	const struct config_dhcp6_relay *rc = &f->cfg.relay;
	enum dhcp6_relay_drop why;
	unsigned int i, sent = 0;
	size_t n;

	n = dhcp6_relay_up(e->fbuf, sizeof(e->fbuf), buf, len,
			   &src->sin6_addr, &rc->rif, &why);
	if (!n) {
		relay_drop(e, f, why, src);
		return;
	}
	for (i = 0; i < rc->n_upstreams; i++) {
		struct sockaddr_in6 dst = {
			.sin6_family = AF_INET6,
			.sin6_port = htons(DHCP6_SERVER_PORT),
			.sin6_addr = rc->up[i].addr,
		};

		if (rc->up[i].ifname[0] && !f->up_ifindex[i])
			continue;	/* its interface is not there */
		if (dhcp6_io_send(e->io, &dst, f->up_ifindex[i], e->fbuf, n))
			e->st.send_errors++;
		else
			sent++;
	}
	if (sent) {
		e->st.relay_up++;
		log_rl(LOG_DEBUG, "dhcp6 %s: relay: %s up (hop-count %u, %zu "
		       "bytes)", f->cfg.ifname, dhcp6_type_name(buf[0]),
		       e->fbuf[1], n);
	} else
		relay_drop(e, f, DHCP6_RELAY_DROP_SEND, src);
}

/* Did this come from an upstream of a relay link: a server's address,
 * or any address on the interface of a multicast upstream? */
static bool from_upstream(const struct dhcp6 *e,
			  const struct sockaddr_in6 *src, int ifindex)
{
	size_t i;
	unsigned int k;

	for (i = 0; i < e->n_ifs; i++) {
		const struct dhcp6_iface *f = &e->ifs[i];
		const struct config_dhcp6_relay *rc = &f->cfg.relay;

		if (f->cfg.mode != DHCP6_MODE_RELAY)
			continue;
		for (k = 0; k < rc->n_upstreams; k++) {
			const struct in6_addr *a = &rc->up[k].addr;

			if (IN6_IS_ADDR_MULTICAST(a)) {
				if (f->up_ifindex[k] == ifindex)
					return true;
				continue;
			}
			if (memcmp(a, &src->sin6_addr, sizeof(*a)))
				continue;
			if (!rc->up[k].ifname[0] ||
			    f->up_ifindex[k] == ifindex)
				return true;
		}
	}
	return false;
}

/* A RELAY-REPL: its inner message to the client or relay below. */
static void relay_down(struct dhcp6 *e, struct dhcp6_iface *in,
		       const uint8_t *buf, size_t len,
		       const struct sockaddr_in6 *src, int ifindex)
{
	struct dhcp6_relay_dest d;
	enum dhcp6_relay_drop why;
	struct dhcp6_iface *f = NULL;
	struct sockaddr_in6 dst = { .sin6_family = AF_INET6 };
	size_t i;

	if (!from_upstream(e, src, ifindex)) {
		relay_drop(e, in, in && in->cfg.mode == DHCP6_MODE_RELAY ?
			   DHCP6_RELAY_DROP_REPL_FROM_CLIENT :
			   DHCP6_RELAY_DROP_NOT_UPSTREAM, src);
		return;
	}
	why = dhcp6_relay_down(buf, len, &d);
	if (why != DHCP6_RELAY_OK) {
		relay_drop(e, in, why, src);
		return;
	}
	for (i = 0; i < e->n_ifs && !f; i++)
		if (e->ifs[i].cfg.mode == DHCP6_MODE_RELAY &&
		    e->ifs[i].ifindex &&
		    dhcp6_relay_if_match(&e->ifs[i].cfg.relay.rif, &d))
			f = &e->ifs[i];
	if (!f) {
		relay_drop(e, in, DHCP6_RELAY_DROP_NO_IFACE, src);
		return;
	}
	dst.sin6_addr = d.peer;
	dst.sin6_port = htons(d.port);
	if (dhcp6_io_send(e->io, &dst, f->ifindex, d.msg, d.len)) {
		e->st.send_errors++;
		relay_drop(e, f, DHCP6_RELAY_DROP_SEND, src);
		return;
	}
	e->st.relay_down++;
	log_rl(LOG_DEBUG, "dhcp6 %s: relay: %s down to port %u", f->cfg.ifname,
	       dhcp6_type_name(d.msg[0]), d.port);
}

/* link_address auto: the relay links' global addresses, again. */
static void relay_links(struct dhcp6 *e)
{
	const char *names[DHCP6_SERVERS_MAX];
	struct in6_addr addrs[DHCP6_SERVERS_MAX];
	size_t i, n = 0;

	for (i = 0; i < e->n_ifs; i++)
		if (e->ifs[i].cfg.mode == DHCP6_MODE_RELAY &&
		    e->ifs[i].cfg.relay.link_auto)
			names[n++] = e->ifs[i].cfg.ifname;
	if (!n || dhcp6_io_global_addrs(names, addrs, n))
		return;
	for (i = 0, n = 0; i < e->n_ifs; i++)
		if (e->ifs[i].cfg.mode == DHCP6_MODE_RELAY &&
		    e->ifs[i].cfg.relay.link_auto)
			e->ifs[i].cfg.relay.rif.link = addrs[n++];
}

static void rx(void *data, const uint8_t *buf, size_t len,
	       const struct sockaddr_in6 *src, int ifindex, bool multicast)
{
	struct dhcp6 *e = data;
	static struct dhcp6_msg m;
	static struct dhcp6_out out;
	struct dhcp6_in in = { 0 };
	uint8_t rkey[DHCP6_RECONF_KEY_LEN];
	struct dhcp6_iface *f = iface_by_index(e, ifindex);
	enum dhcp6_err err;
	struct pending *p;
	uint8_t mac[6];
	size_t n;
	unsigned int i;

	if (len && buf[0] == DHCP6_RELAY_REPL && e->n_relays) {
		relay_down(e, f, buf, len, src, ifindex);
		return;
	}
	if (f && f->cfg.mode == DHCP6_MODE_RELAY) {
		relay_up(e, f, buf, len, src);
		return;
	}
	if (!f || f->cfg.mode != DHCP6_MODE_SERVER || !e->srv_ok) {
		e->st.not_served++;
		return;
	}
	if (len && buf[0] == DHCP6_RELAY_FORW) {
		e->st.relay_msgs++;
		return;
	}
	err = dhcp6_msg_parse(buf, len, &m);
	if (err != DHCP6_OK) {
		e->st.malformed[err]++;
		log_rl(LOG_DEBUG, "dhcp6 %s: malformed message (%s)",
		       f->cfg.ifname, dhcp6_err_name(err));
		return;
	}
	in.msg = &m;
	in.link = &f->cfg.link;
	in.unicast = !multicast;
	in.now = wall_now();
	if ((m.type == DHCP6_SOLICIT || m.type == DHCP6_REQUEST ||
	     m.type == DHCP6_RENEW || m.type == DHCP6_REBIND) &&
	    client_mac(e, f, &src->sin6_addr, ifindex, mac)) {
		in.lladdr = mac;
		in.lladdr_len = sizeof(mac);
	}
	in.peer = &src->sin6_addr;
	if (f->cfg.link.reconfigure && m.reconf_accept) {
		if (getrandom(rkey, sizeof(rkey), 0) == (ssize_t)sizeof(rkey))
			in.rkey_new = rkey;
		in.replay = next_replay(e);
	}
	if (m.has_client_id)
		reconf_answered(e, &m);
	dhcp6_server_handle(&e->srv, &in, &out);
	explicit_bzero(rkey, sizeof(rkey));
	for (i = 0; i < out.n_recs; i++) {
		const struct dhcp6_jnl_rec *r = &out.recs[i];

		route(e, r->type == DHCP6_JNL_ADD || r->type == DHCP6_JNL_RENEW,
		      r, &src->sin6_addr);
	}
	if (!out.send)
		return;
	n = dhcp6_msg_build(e->rbuf, sizeof(e->rbuf), &out.msg);
	if (!n) {
		e->st.send_errors++;
		return;
	}
	if (!out.commit || !e->store) {
		if (dhcp6_io_send(e->io, src, ifindex, e->rbuf, n))
			e->st.send_errors++;
		return;
	}
	p = malloc(sizeof(*p) + n);
	if (!p) {
		e->st.send_errors++;
		return;
	}
	p->e = e;
	p->left = 0;
	p->err = 0;
	p->dst = *src;
	p->ifindex = ifindex;
	p->n_recs = 0;
	p->recs = NULL;
	if (e->bops && out.n_recs) {
		p->recs = malloc(out.n_recs * sizeof(*p->recs));
		if (p->recs) {
			memcpy(p->recs, out.recs,
			       out.n_recs * sizeof(*p->recs));
			p->n_recs = out.n_recs;
		}
	}
	p->len = n;
	memcpy(p->msg, e->rbuf, n);
	for (i = 0; i < out.n_recs; i++) {
		int r = dhcp6_store_append(e->store, &out.recs[i],
					   pending_done, p);

		if (r)
			p->err = r;
		else
			p->left++;
	}
	if (!p->left) {
		e->st.store_errors++;
		free(p->recs);
		free(p);
		return;
	}
	e->pending++;
}

static const struct dhcp6_io_ops io_ops = { .rx = rx };

static void join_all(struct dhcp6 *e)
{
	size_t i;

	for (i = 0; i < e->n_ifs; i++) {
		struct dhcp6_iface *f = &e->ifs[i];
		int idx = (int)if_nametoindex(f->cfg.ifname);
		unsigned int k;

		for (k = 0; k < f->cfg.relay.n_upstreams; k++)
			f->up_ifindex[k] = f->cfg.relay.up[k].ifname[0] ?
				(int)if_nametoindex(f->cfg.relay.up[k].ifname) :
				0;
		if (idx == f->ifindex)
			continue;
		f->ifindex = idx;
		if (!idx)
			continue;
		if (dhcp6_io_join(e->io, idx, true))
			log_rl(LOG_WARNING, "dhcp6 %s: cannot join ff02::1:2",
			       f->cfg.ifname);
		else
			log_info("dhcp6 %s: %s", f->cfg.ifname,
				 f->cfg.mode == DHCP6_MODE_RELAY ? "relaying" :
				 "serving");
	}
}

static void on_tick(struct loop_timer *t, void *data)
{
	struct dhcp6 *e = data;
	struct dhcp6_jnl_rec recs[EXPIRE_BATCH];
	unsigned int n, i;

	join_all(e);
	relay_links(e);
	if (!e->srv_ok)
		return;
	reconf_retransmit(e);
	while ((n = dhcp6_server_expire(&e->srv, wall_now(), recs,
					EXPIRE_BATCH))) {
		bind_recs(e, recs, n, NULL, 0);
		for (i = 0; i < n; i++) {
			route(e, false, &recs[i], NULL);
			if (e->store && dhcp6_store_append(e->store, &recs[i],
							   noop_done, e))
				e->st.store_errors++;
		}
		if (n < EXPIRE_BATCH)
			break;
	}
}

struct dhcp6 *dhcp6_new(struct loop *loop)
{
	struct dhcp6 *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->loop = loop;
	return e;
}

/* The server's half: its table and store. */
static void stop_server(struct dhcp6 *e)
{
	/* The store's close commits what is queued: the pending replies'
	 * done() run, and are sent. */
	dhcp6_store_close(e->store);
	e->store = NULL;
	if (e->srv_ok)
		dhcp6_server_fini(&e->srv);
	e->srv_ok = false;
}

static void stop(struct dhcp6 *e)
{
	stop_server(e);
	loop_timer_remove(e->tick);
	e->tick = NULL;
	dhcp6_io_free(e->io);
	e->io = NULL;
}

void dhcp6_free(struct dhcp6 *e)
{
	if (e)
		free(e->have);
	if (!e)
		return;
	stop(e);
	free(e->ifs);
	free(e);
}

/* The server DUID: configured, or read from state_dir, or made there. */
static int server_duid(const struct config_dhcp6_global *g,
		       const struct config_dhcp6 *v, size_t n, uint8_t *duid,
		       size_t *len)
{
	char path[DHCP6_CONFIG_PATH_MAX + 16], hex[2 * DHCP6_DUID_MAX + 2];
	struct ifreq ifr;
	uint32_t t;
	size_t i;
	FILE *f;
	int fd;

	if (g->server_duid_len) {
		memcpy(duid, g->server_duid, g->server_duid_len);
		*len = g->server_duid_len;
		return 0;
	}
	snprintf(path, sizeof(path), "%s/server-duid", g->state_dir);
	f = fopen(path, "re");
	if (f) {
		bool ok = fgets(hex, sizeof(hex), f) != NULL;

		fclose(f);
		for (i = 0; ok && i < DHCP6_DUID_MAX &&
		     sscanf(hex + 2 * i, "%2hhx", &duid[i]) == 1; i++)
			;
		if (ok && dhcp6_duid_valid(duid, i)) {
			*len = i;
			return 0;
		}
		log_warn("dhcp6: %s is not a DUID: a new one is made", path);
	}
	/* RFC 8415 §11.2: DUID-LLT, hardware type 1, time since 2000. */
	duid[0] = 0;
	duid[1] = DHCP6_DUID_LLT;
	duid[2] = 0;
	duid[3] = 1;
	t = (uint32_t)(wall_now() - 946684800u);
	duid[4] = (uint8_t)(t >> 24);
	duid[5] = (uint8_t)(t >> 16);
	duid[6] = (uint8_t)(t >> 8);
	duid[7] = (uint8_t)t;
	if (getrandom(duid + 8, 6, 0) != 6)
		memset(duid + 8, 0x5a, 6);
	duid[8] = (uint8_t)((duid[8] & ~1) | 2);	/* local, unicast */
	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	for (i = 0; fd >= 0 && i < n; i++) {
		memset(&ifr, 0, sizeof(ifr));
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s",
			 v[i].ifname);
		if (!ioctl(fd, SIOCGIFHWADDR, &ifr)) {
			memcpy(duid + 8, ifr.ifr_hwaddr.sa_data, 6);
			break;
		}
	}
	if (fd >= 0)
		close(fd);
	*len = 14;
	for (i = 0; i < *len; i++)
		snprintf(hex + 2 * i, 3, "%02x", duid[i]);
	hex[2 * *len] = '\n';
	if (file_write_atomic(path, hex, 2 * *len + 1, 0644))
		log_warn("dhcp6: %s not written: the DUID changes at the next "
			 "start", path);
	return 0;
}

static void store_load(void *ctx, const struct dhcp6_jnl_rec *r)
{
	struct dhcp6 *e = ctx;

	if (!dhcp6_lease_replay(e->srv.leases, r))
		e->st.store_errors++;
}

static bool store_iter(void *ctx, uint64_t *pos, struct dhcp6_jnl_rec *r)
{
	struct dhcp6 *e = ctx;
	struct dhcp6_lease *l = dhcp6_lease_iter(e->srv.leases, pos);

	if (!l)
		return false;
	dhcp6_lease_to_rec(l, DHCP6_JNL_ADD, r);
	return true;
}

int dhcp6_configure(struct dhcp6 *e, const struct config_dhcp6_global *g,
		    const struct config_dhcp6 *v, size_t n)
{
	uint8_t duid[DHCP6_DUID_MAX];
	size_t i, k = 0, dl;
	uint64_t seed;
	int err;

	free(e->ifs);
	e->ifs = NULL;
	e->n_ifs = 0;
	e->n_relays = 0;
	for (i = 0; i < n; i++) {
		if (v[i].mode == DHCP6_MODE_SERVER)
			k++;
		else if (v[i].mode == DHCP6_MODE_RELAY)
			e->n_relays++;
	}
	if (!k && !e->n_relays) {
		stop(e);
		return 0;
	}
	e->ifs = calloc(k + e->n_relays, sizeof(*e->ifs));
	if (!e->ifs)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		if (v[i].mode != DHCP6_MODE_OFF)
			e->ifs[e->n_ifs++].cfg = v[i];
	if (!k || (e->srv_ok && strcmp(e->state_dir, g->state_dir)))
		stop_server(e);	/* none, or another state_dir: another table */
	if (k && !e->srv_ok) {
		snprintf(e->state_dir, sizeof(e->state_dir), "%s",
			 g->state_dir);
		err = file_mkdir_p(g->state_dir, 0750);
		if (err) {
			log_err("dhcp6: %s: %s", g->state_dir, strerror(-err));
			return err;
		}
		server_duid(g, v, n, duid, &dl);
		if (getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
			seed = wall_now() ^ (uint64_t)getpid() << 32;
		if (dhcp6_server_init(&e->srv, duid, dl, seed))
			return -ENOMEM;
		e->srv_ok = true;
		e->store = dhcp6_store_open(e->loop, g->state_dir, store_load,
					    store_iter, e, &err);
		if (!e->store) {
			log_err("dhcp6: lease store %s: %s", g->state_dir,
				strerror(-err));
			stop(e);
			return err;
		}
		log_info("dhcp6: %llu leases loaded from %s",
			 (unsigned long long)
			 dhcp6_leases_stats(e->srv.leases)->bound,
			 g->state_dir);
	}
	if (!e->io) {
		e->io = dhcp6_io_new(e->loop, &io_ops, e);
		if (!e->io) {
			err = -errno;
			log_err("dhcp6: port 547: %s", strerror(errno));
			stop(e);
			return err;
		}
	}
	if (!e->tick)
		e->tick = loop_timer_add(e->loop, 0, TICK_MS, on_tick, e);
	for (i = 0; i < e->n_ifs; i++)
		e->ifs[i].ifindex = 0;
	join_all(e);
	relay_links(e);
	return 0;
}

struct dhcp6_server *dhcp6_server(struct dhcp6 *e)
{
	return e->srv_ok ? &e->srv : NULL;
}

const struct dhcp6_engine_stats *dhcp6_engine_stats(const struct dhcp6 *e)
{
	return &e->st;
}

const struct dhcp6_store_stats *dhcp6_store_stats_of(const struct dhcp6 *e)
{
	return e->store ? dhcp6_store_stats(e->store) : NULL;
}

bool dhcp6_serves(const struct dhcp6 *e, const char *ifname)
{
	size_t i;

	for (i = 0; i < e->n_ifs; i++)
		if (e->ifs[i].cfg.mode == DHCP6_MODE_SERVER &&
		    !strcmp(e->ifs[i].cfg.ifname, ifname))
			return true;
	return false;
}

const struct config_dhcp6 *dhcp6_iface(const struct dhcp6 *e, size_t i,
				       int *ifindex)
{
	if (i >= e->n_ifs)
		return NULL;
	*ifindex = e->ifs[i].ifindex;
	return &e->ifs[i].cfg;
}

bool dhcp6_relays(const struct dhcp6 *e)
{
	return e->n_relays != 0;
}

int dhcp6_lease_remove(struct dhcp6 *e, const struct in6_addr *a,
		       uint8_t plen)
{
	struct dhcp6_jnl_rec r;

	if (!e->srv_ok || !dhcp6_server_lease_del(&e->srv, a, plen, &r))
		return -ENOENT;
	route(e, false, &r, NULL);
	bind_recs(e, &r, 1, NULL, 0);
	if (e->store && dhcp6_store_append(e->store, &r, noop_done, e))
		e->st.store_errors++;
	return 0;
}

void dhcp6_set_bind_ops(struct dhcp6 *e, const struct dhcp6_bind_ops *ops,
			void *data)
{
	e->bops = ops;
	e->bdata = data;
}

const struct dhcp6_bind_stats *dhcp6_bind_stats_of(const struct dhcp6 *e)
{
	return &e->bst;
}

void dhcp6_resync_begin(struct dhcp6 *e)
{
	e->n_have = 0;
	e->have_lost = false;
}

void dhcp6_resync_note(struct dhcp6 *e, const struct dhcp6_bind *b)
{
	struct dhcp6_bind *v;
	size_t cap;

	if (e->have_lost)
		return;
	if (e->n_have == e->cap_have) {
		cap = e->cap_have ? 2 * e->cap_have : 64;
		v = realloc(e->have, cap * sizeof(*v));
		if (!v) {
			e->have_lost = true;
			return;
		}
		e->have = v;
		e->cap_have = cap;
	}
	e->have[e->n_have++] = *b;
}

int dhcp6_resync_end(struct dhcp6 *e, int error)
{
	struct dhcp6_bind_diff_stats ds = { 0 };
	struct dhcp6_bind *want;
	long n;

	if (error || e->have_lost || !e->srv_ok || !e->bops) {
		e->n_have = 0;
		return error ? error : e->have_lost ? -ENOMEM : 0;
	}
	n = dhcp6_bind_want(e->srv.leases, wall_now(), e->bops, e->bdata,
			    &want);
	if (n < 0) {
		e->n_have = 0;
		return -ENOMEM;
	}
	dhcp6_bind_diff(e->have, e->n_have, want, (size_t)n, e->bops,
			e->bdata, &ds);
	free(want);
	e->bst.resyncs++;
	e->bst.resync_kept += ds.kept;
	e->bst.resync_added += ds.added;
	e->bst.resync_removed += ds.removed;
	log_info("dhcp6: the module's bindings resynced: %llu kept, %llu "
		 "added, %llu removed", (unsigned long long)ds.kept,
		 (unsigned long long)ds.added,
		 (unsigned long long)ds.removed);
	e->n_have = 0;
	return 0;
}
