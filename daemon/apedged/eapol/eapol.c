// SPDX-License-Identifier: GPL-2.0
/*
 * The 802.1X supplicant engine: see eapol.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "lib/json.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"
#include "lib/strbuf.h"
#include "eapol/eapol.h"
#include "eapol/io.h"
#include "eapol/wire.h"

struct eapol_client {
	struct eapol *e;
	struct config_eapol cfg;
	struct netif_sub *sub;
	int ifindex;
	struct eapol_io *io;
	struct loop_timer *timer;
	struct eapol_pae pae;
	enum eapol_pae_state published;
	uint8_t peer[6];
	bool have_peer;
	struct eapol_client_stats st;
};

struct eapol {
	struct loop *loop;
	struct netif *netif;
	const struct eapol_ops *ops;
	void *data;
	struct eapol_client **v;
	size_t n;
};

static void publish(struct eapol_client *c)
{
	struct strbuf sb;
	struct json j;

	enum eapol_pae_state from = c->published;

	if (from == c->pae.state)
		return;
	c->published = c->pae.state;
	if (!c->e->ops || !c->e->ops->event)
		return;
	sb_init(&sb);
	json_init(&j, &sb, JSON_COMPACT);
	json_obj_begin(&j);
	json_kstr(&j, "ifname", c->cfg.ifname);
	json_kstr(&j, "from", eapol_pae_state_name(from));
	json_kstr(&j, "state", eapol_pae_state_name(c->pae.state));
	json_kbool(&j, "authorized", eapol_pae_authorized(&c->pae));
	json_kstr(&j, "reason", c->pae.last_why);
	json_obj_end(&j);
	if (json_ok(&j) && !sb.oom)
		c->e->ops->event("eapol-state", sb_str(&sb), c->e->data);
	sb_free(&sb);
}

/* Carry out what the PAE asks, then arm the timer at its deadline. */
static void run(struct eapol_client *c, const struct eapol_pae_out *o)
{
	uint64_t now = loop_now_ms(), dl;

	if (o->tx && c->io) {
		uint8_t fr[EAPOL_HDR_LEN + EAP_PEER_RESP_MAX];
		size_t n = eapol_build(fr, sizeof(fr), EAPOL_VERSION, o->type,
				       o->body, o->body_len);
		int r = n ? eapol_io_send(c->io, fr, n) : -EMSGSIZE;

		if (r < 0) {
			c->st.send_errors++;
			log_rl(LOG_WARNING, "eapol %s: cannot send: %s",
			       c->cfg.ifname, strerror(-r));
		}
	}
	publish(c);
	dl = eapol_pae_deadline(&c->pae);
	if (dl == UINT64_MAX)
		loop_timer_disarm(c->timer);
	else
		loop_timer_rearm(c->timer, dl > now ? dl - now : 0, 0);
}

static void timer_cb(struct loop_timer *t, void *data)
{
	struct eapol_client *c = data;
	struct eapol_pae_out o;

	eapol_pae_timeout(&c->pae, loop_now_ms(), &o);
	run(c, &o);
}

static void rx(void *data, const uint8_t src[6], const uint8_t *buf,
	       size_t len)
{
	struct eapol_client *c = data;
	struct eapol_pae_out o;
	struct eapol_frame f;
	enum eapol_err e = eapol_parse(buf, len, &f);

	if (e != EAPOL_OK) {
		c->st.malformed[e]++;
		log_rl(LOG_INFO, "eapol %s: a malformed frame (%s)",
		       c->cfg.ifname, eapol_err_name(e));
		return;
	}
	c->st.rx[f.type]++;
	if (f.type != EAPOL_EAP) {
		/* Start and Logoff are a supplicant's; Key is wpa's */
		c->st.rx_ignored++;
		return;
	}
	memcpy(c->peer, src, 6);
	c->have_peer = true;
	eapol_pae_rx_eap(&c->pae, f.body, f.body_len, loop_now_ms(), &o);
	run(c, &o);
}

static bool link_usable(const struct netif_link *l)
{
	return l && netif_link_is_up(l) && netif_link_has_carrier(l);
}

static void link_event(const struct netif_event *ev, void *data)
{
	struct eapol_client *c = data;
	const struct netif_link *l = ev->link;
	struct eapol_pae_out o;

	switch (ev->type) {
	case NETIF_LINK_DEL:
		eapol_pae_link(&c->pae, false, loop_now_ms(), &o);
		eapol_io_free(c->io);
		c->io = NULL;
		c->ifindex = 0;
		run(c, &o);
		return;
	case NETIF_LINK_NEW:
	case NETIF_LINK_UP:
	case NETIF_LINK_CARRIER_ON:
	case NETIF_LINK_CARRIER_OFF:
	case NETIF_LINK_DOWN:
		break;
	default:
		return;
	}
	if (!c->io) {
		c->ifindex = l->index;
		c->io = eapol_io_new(c->e->loop, c->cfg.ifname, l->index, rx, c);
		if (!c->io)
			return;
	}
	eapol_pae_link(&c->pae, link_usable(l), loop_now_ms(), &o);
	run(c, &o);
}

static void client_free(struct eapol_client *c)
{
	if (!c)
		return;
	netif_unsubscribe(c->sub);
	loop_timer_remove(c->timer);
	eapol_io_free(c->io);
	eapol_pae_fini(&c->pae);
	OPENSSL_cleanse(&c->cfg, sizeof(c->cfg));
	free(c);
}

static struct eapol_client *client_new(struct eapol *e,
				       const struct config_eapol *cfg)
{
	struct eapol_client *c = calloc(1, sizeof(*c));
	/* A wired port: the first EAPOL-Start at link up (first_start_ms 0) */
	const struct eapol_pae_timers t = {
		.start_period_ms = cfg->start_period * 1000,
		.max_start = cfg->max_start,
		.held_period_ms = cfg->held_period * 1000,
		.auth_period_ms = cfg->auth_period * 1000,
	};

	if (!c)
		return NULL;
	c->e = e;
	c->cfg = *cfg;
	eapol_pae_init(&c->pae, c->cfg.ifname, &c->cfg.peer, &t,
		       loop_now_ms());
	c->published = c->pae.state;
	c->timer = loop_timer_add(e->loop, 0, 0, timer_cb, c);
	if (!c->timer) {
		client_free(c);
		return NULL;
	}
	loop_timer_disarm(c->timer);
	c->sub = netif_subscribe(e->netif, c->cfg.ifname, link_event, c);
	if (!c->sub) {
		client_free(c);
		return NULL;
	}
	return c;
}

struct eapol *eapol_new(struct loop *loop, struct netif *nf,
			const struct eapol_ops *ops, void *data)
{
	struct eapol *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->loop = loop;
	e->netif = nf;
	e->ops = ops;
	e->data = data;
	return e;
}

void eapol_free(struct eapol *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n; i++)
		client_free(e->v[i]);
	free(e->v);
	free(e);
}

static struct eapol_client *find(const struct eapol *e, const char *ifname)
{
	for (size_t i = 0; i < e->n; i++)
		if (!strcmp(e->v[i]->cfg.ifname, ifname))
			return e->v[i];
	return NULL;
}

int eapol_configure(struct eapol *e, const struct config_eapol *v, size_t n)
{
	struct eapol_client **nv = calloc(n ? n : 1, sizeof(*nv));
	size_t i, j, k = 0;
	int r = 0;

	if (!nv)
		return -ENOMEM;
	for (i = 0; i < e->n; i++) {
		struct eapol_client *c = e->v[i];

		for (j = 0; j < n; j++)
			if (!strcmp(v[j].ifname, c->cfg.ifname))
				break;
		if (j < n && eapol_config_equal(&c->cfg, &v[j]))
			continue;
		log_info("eapol %s: %s", c->cfg.ifname, j < n ?
			 "its settings changed: starting again" :
			 "removed from the configuration");
		client_free(c);
		e->v[i] = NULL;
	}
	for (j = 0; j < n; j++) {
		struct eapol_client *c = NULL;

		for (i = 0; i < e->n; i++)
			if (e->v[i] && !strcmp(e->v[i]->cfg.ifname,
					       v[j].ifname)) {
				c = e->v[i];
				e->v[i] = NULL;
			}
		if (!c)
			c = client_new(e, &v[j]);
		if (!c) {
			log_err("eapol %s: cannot make its supplicant: %s",
				v[j].ifname, strerror(errno));
			r = -ENOMEM;
			continue;
		}
		c->cfg.line = v[j].line;
		nv[k++] = c;
	}
	free(e->v);
	e->v = nv;
	e->n = k;
	return r;
}

int eapol_command(struct eapol *e, const char *ifname, enum eapol_cmd cmd)
{
	struct eapol_client *c = find(e, ifname);
	struct eapol_pae_out o;

	if (!c)
		return -ENOENT;
	if (cmd == EAPOL_CMD_LOGOFF)
		eapol_pae_logoff(&c->pae, loop_now_ms(), &o);
	else
		eapol_pae_reauth(&c->pae, loop_now_ms(), &o);
	run(c, &o);
	return 0;
}

size_t eapol_n_clients(const struct eapol *e)
{
	return e ? e->n : 0;
}

const struct eapol_client *eapol_client_at(const struct eapol *e, size_t i)
{
	return i < e->n ? e->v[i] : NULL;
}

const struct eapol_client *eapol_client_find(const struct eapol *e,
					     const char *ifname)
{
	return find(e, ifname);
}

const char *eapol_client_ifname(const struct eapol_client *c)
{
	return c->cfg.ifname;
}

const struct eapol_pae *eapol_client_pae(const struct eapol_client *c)
{
	return &c->pae;
}

const struct config_eapol *eapol_client_cfg(const struct eapol_client *c)
{
	return &c->cfg;
}

const struct eapol_client_stats *
eapol_client_stats(const struct eapol_client *c)
{
	return &c->st;
}

bool eapol_client_peer(const struct eapol_client *c, uint8_t mac[6])
{
	if (c->have_peer)
		memcpy(mac, c->peer, 6);
	return c->have_peer;
}
