// SPDX-License-Identifier: GPL-2.0
/*
 * The WPA2 stations of [station IFNAME].  See station.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "eapol/sta_nl.h"
#include "eapol/sta_sm.h"
#include "eapol/station.h"
#include "lib/json.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/mac.h"
#include "lib/netif.h"

struct station {
	struct stations *s;
	struct config_station cfg;
	struct netif_sub *sub;
	struct wsta_nl *nl;
	struct loop_timer *timer;
	struct wsta_sm sm;
	int ifindex;
};

struct stations {
	struct loop *loop;
	struct netif *netif;
	const struct stations_ops *ops;
	void *data;
	struct station **v;
	size_t n;
};

static bool rng(void *ctx, uint8_t *buf, size_t len)
{
	return RAND_bytes(buf, (int)len) == 1;
}

static void arm(struct station *st)
{
	uint64_t now = loop_now_ms(), dl = wsta_sm_deadline(&st->sm);

	if (dl == UINT64_MAX)
		loop_timer_disarm(st->timer);
	else
		loop_timer_rearm(st->timer, dl > now ? dl - now : 0, 0);
}

/* ---- wsta_sm's actions, onto nl80211 ------------------------------------- */

static int op_connect(void *ctx, const struct wsta_connect *c)
{
	struct station *st = ctx;

	return st->nl ? wsta_nl_connect(st->nl, c) : -ENODEV;
}

static int op_disconnect(void *ctx)
{
	struct station *st = ctx;

	return st->nl ? wsta_nl_disconnect(st->nl) : -ENODEV;
}

static int op_get_bss(void *ctx, const uint8_t bssid[6])
{
	struct station *st = ctx;

	return st->nl ? wsta_nl_get_bss(st->nl, bssid) : -ENODEV;
}

static int op_tx(void *ctx, const uint8_t dst[6], const uint8_t *frame,
		 size_t len, bool no_encrypt)
{
	struct station *st = ctx;

	return st->nl ? wsta_nl_tx_eapol(st->nl, dst, frame, len, no_encrypt) :
			-ENODEV;
}

static int op_new_key(void *ctx, const struct wsta_key *k)
{
	struct station *st = ctx;

	return st->nl ? wsta_nl_new_key(st->nl, k) : -ENODEV;
}

static int op_authorize(void *ctx, const uint8_t bssid[6])
{
	struct station *st = ctx;

	return st->nl ? wsta_nl_authorize(st->nl, bssid) : -ENODEV;
}

static void op_state(void *ctx, enum wsta_state from, enum wsta_state to,
		     const char *why)
{
	struct station *st = ctx;
	struct strbuf sb;
	struct json j;

	log_info("station %s: %s -> %s (%s)", st->cfg.ifname,
		 wsta_state_name(from), wsta_state_name(to), why);
	if (!st->s->ops || !st->s->ops->event)
		return;
	sb_init(&sb);
	json_init(&j, &sb, JSON_COMPACT);
	json_obj_begin(&j);
	json_kstr(&j, "ifname", st->cfg.ifname);
	json_kstr(&j, "from", wsta_state_name(from));
	json_kstr(&j, "state", wsta_state_name(to));
	json_kstr(&j, "reason", why);
	json_obj_end(&j);
	if (json_ok(&j) && !sb.oom)
		st->s->ops->event("station-state", sb_str(&sb), st->s->data);
	sb_free(&sb);
}

static const struct wsta_sm_ops sm_ops = {
	.connect = op_connect,
	.disconnect = op_disconnect,
	.get_bss = op_get_bss,
	.tx_eapol = op_tx,
	.new_key = op_new_key,
	.authorize = op_authorize,
	.state = op_state,
};

/* ---- nl80211's events, into wsta_sm -------------------------------------- */

static void nl_connected(void *data, const uint8_t *bssid, uint16_t status)
{
	struct station *st = data;

	wsta_sm_connected(&st->sm, bssid, status, loop_now_ms());
	arm(st);
}

static void nl_disconnected(void *data, uint16_t reason, bool by_ap)
{
	struct station *st = data;

	wsta_sm_disconnected(&st->sm, reason, by_ap, loop_now_ms());
	arm(st);
}

static void nl_bss(void *data, const uint8_t *ie, size_t len, uint32_t freq)
{
	struct station *st = data;

	wsta_sm_bss(&st->sm, ie, len, freq, loop_now_ms());
	arm(st);
}

static void nl_eapol(void *data, const uint8_t src[6], const uint8_t *frame,
		     size_t len)
{
	struct station *st = data;

	wsta_sm_eapol(&st->sm, src, frame, len, loop_now_ms());
	arm(st);
}

static void nl_error(void *data, const char *what, int err)
{
	struct station *st = data;

	st->sm.stats.op_errors++;
	if (st->sm.state == WSTA_DISCONNECTED)
		return;
	/* A key the kernel did not take, a port not authorized: start
	 * again rather than run without them. */
	if (!strcmp(what, "NEW_KEY") || !strcmp(what, "SET_STATION")) {
		wsta_nl_disconnect(st->nl);
		wsta_sm_disconnected(&st->sm, 0, false, loop_now_ms());
		arm(st);
	}
}

static const struct wsta_nl_ops nl_ops = {
	.connected = nl_connected,
	.disconnected = nl_disconnected,
	.bss = nl_bss,
	.eapol = nl_eapol,
	.error = nl_error,
};

static void timer_cb(struct loop_timer *t, void *data)
{
	struct station *st = data;

	wsta_sm_tick(&st->sm, loop_now_ms());
	arm(st);
}

static void link_event(const struct netif_event *ev, void *data)
{
	struct station *st = data;
	const struct netif_link *l = ev->link;
	bool up;

	switch (ev->type) {
	case NETIF_LINK_DEL:
		wsta_sm_link(&st->sm, false, loop_now_ms());
		st->ifindex = 0;
		if (st->nl)
			wsta_nl_set_ifindex(st->nl, 0);
		arm(st);
		return;
	case NETIF_LINK_NEW:
	case NETIF_LINK_UP:
	case NETIF_LINK_DOWN:
		break;
	default:
		return;
	}
	up = netif_link_is_up(l);
	if (l->hwaddr_len == 6)
		memcpy(st->sm.cfg.own_addr, l->hwaddr, 6);
	if (!st->nl && up) {
		st->nl = wsta_nl_new(st->s->loop, st->cfg.ifname, &nl_ops, st);
		if (!st->nl)
			up = false;
	}
	st->ifindex = l->index;
	if (st->nl)
		wsta_nl_set_ifindex(st->nl, l->index);
	wsta_sm_link(&st->sm, up, loop_now_ms());
	arm(st);
}

static void station_free(struct station *st)
{
	if (!st)
		return;
	netif_unsubscribe(st->sub);
	loop_timer_remove(st->timer);
	if (st->nl && st->sm.state != WSTA_DISCONNECTED)
		wsta_nl_disconnect(st->nl);
	wsta_nl_free(st->nl);
	wsta_sm_fini(&st->sm);
	OPENSSL_cleanse(&st->cfg, sizeof(st->cfg));
	free(st);
}

static struct station *station_new(struct stations *s,
				   const struct config_station *cfg)
{
	struct station *st = calloc(1, sizeof(*st));
	struct wsta_sm_cfg c;
	size_t n = strlen(cfg->psk);
	bool ok = true;

	if (!st)
		return NULL;
	st->s = s;
	st->cfg = *cfg;
	memset(&c, 0, sizeof(c));
	snprintf(c.ifname, sizeof(c.ifname), "%s", cfg->ifname);
	c.ssid_len = strlen(cfg->ssid);
	memcpy(c.ssid, cfg->ssid, c.ssid_len);
	c.key_mgmt = cfg->key_mgmt == STATION_KM_EAP ? WSTA_KM_EAP :
		     WSTA_KM_PSK;
	/* kept, not copied: st->cfg lives as long as the machine */
	c.eap = &st->cfg.peer;
	c.held_ms = cfg->held_period * 1000;
	if (c.key_mgmt == WSTA_KM_EAP) {
		/* the PMK comes from each EAP exchange's MSK */
	} else if (n == 64) {
		for (size_t i = 0; i < 32; i++) {
			unsigned int b;

			if (sscanf(cfg->psk + 2 * i, "%2x", &b) != 1)
				ok = false;
			c.pmk[i] = (uint8_t)b;
		}
	} else {
		/* PBKDF2-SHA1, 4096 rounds: once, kept for reconnects */
		ok = wpa_psk_from_passphrase(cfg->psk, c.ssid, c.ssid_len,
					     c.pmk);
	}
	c.have_bssid = cfg->have_bssid;
	memcpy(c.bssid, cfg->bssid, 6);
	c.freq = cfg->freq;
	c.rng = rng;
	if (!ok) {
		log_err("station %s: cannot derive the PSK", cfg->ifname);
		OPENSSL_cleanse(&c, sizeof(c));
		station_free(st);
		errno = EINVAL;
		return NULL;
	}
	wsta_sm_init(&st->sm, &c, &sm_ops, st, loop_now_ms());
	OPENSSL_cleanse(&c, sizeof(c));
	st->timer = loop_timer_add(s->loop, 0, 0, timer_cb, st);
	if (!st->timer) {
		station_free(st);
		return NULL;
	}
	loop_timer_disarm(st->timer);
	st->sub = netif_subscribe(s->netif, cfg->ifname, link_event, st);
	if (!st->sub) {
		station_free(st);
		return NULL;
	}
	return st;
}

struct stations *stations_new(struct loop *loop, struct netif *nf,
			      const struct stations_ops *ops, void *data)
{
	struct stations *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->loop = loop;
	s->netif = nf;
	s->ops = ops;
	s->data = data;
	return s;
}

void stations_free(struct stations *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		station_free(s->v[i]);
	free(s->v);
	free(s);
}

int stations_configure(struct stations *s, const struct config_station *v,
		       size_t n)
{
	struct station **nv = calloc(n ? n : 1, sizeof(*nv));
	size_t i, j, k = 0;
	int r = 0;

	if (!nv)
		return -ENOMEM;
	for (i = 0; i < s->n; i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(v[j].ifname, s->v[i]->cfg.ifname))
				break;
		if (j < n && station_config_equal(&s->v[i]->cfg, &v[j]))
			continue;
		log_info("station %s: %s", s->v[i]->cfg.ifname, j < n ?
			 "its settings changed: starting again" :
			 "removed from the configuration");
		station_free(s->v[i]);
		s->v[i] = NULL;
	}
	for (j = 0; j < n; j++) {
		struct station *st = NULL;

		for (i = 0; i < s->n; i++)
			if (s->v[i] && !strcmp(s->v[i]->cfg.ifname,
					       v[j].ifname)) {
				st = s->v[i];
				s->v[i] = NULL;
			}
		if (!st)
			st = station_new(s, &v[j]);
		if (!st) {
			log_err("station %s: cannot make it: %s", v[j].ifname,
				strerror(errno));
			r = -ENOMEM;
			continue;
		}
		nv[k++] = st;
	}
	free(s->v);
	s->v = nv;
	s->n = k;
	return r;
}

/* ---- station show -------------------------------------------------------- */

static void show_obj(struct json *j, const struct station *st, uint64_t now)
{
	const struct wsta_sm *sm = &st->sm;
	const struct wpa_stats *w = &sm->wpa.stats;
	const struct wsta_stats *c = &sm->stats;
	bool assoc = sm->state >= WSTA_ASSOCIATED;
	char b[MAC_STR_LEN];

	json_obj_begin(j);
	json_kstr(j, "ifname", st->cfg.ifname);
	json_kstr(j, "state", wsta_state_name(sm->state));
	json_kstr(j, "reason", sm->why);
	json_kstr(j, "ssid", st->cfg.ssid);
	if (assoc)
		json_kstr(j, "bssid", mac_format(sm->bssid, b));
	else
		json_knull(j, "bssid");
	if (assoc && sm->freq)
		json_ku64(j, "freq", sm->freq);
	else
		json_knull(j, "freq");
	json_kstr(j, "key_mgmt", sm->cfg.key_mgmt == WSTA_KM_EAP ? "WPA-EAP" :
							       "WPA-PSK");
	json_kstr(j, "pairwise", "CCMP");
	json_kstr(j, "group", "CCMP");
	json_ku64(j, "in_state_s", now > sm->since ? (now - sm->since) / 1000
						     : 0);
	if (sm->state == WSTA_COMPLETED)
		json_ku64(j, "connected_s", now > sm->completed_at ?
			  (now - sm->completed_at) / 1000 : 0);
	else
		json_knull(j, "connected_s");
	json_ku64(j, "attempts", sm->attempts);
	/* the wait before the next attempt after a failure */
	json_ku64(j, "backoff_ms", sm->backoff_ms);
	if (sm->state == WSTA_DISCONNECTED && sm->link &&
	    sm->deadline != UINT64_MAX)
		json_ku64(j, "next_attempt_ms", sm->deadline > now ?
			  sm->deadline - now : 0);
	else
		json_knull(j, "next_attempt_ms");
	json_ku64(j, "last_reason_code", sm->last_reason);
	json_ku64(j, "last_status_code", sm->last_status);
	json_kobj_begin(j, "counters");
	json_ku64(j, "connects", c->connects);
	json_ku64(j, "connect_failures", c->connect_failures);
	json_ku64(j, "disconnects", c->disconnects);
	json_ku64(j, "completed", c->completed);
	json_ku64(j, "handshake_failures", c->handshake_failures);
	json_ku64(j, "timeouts", c->timeouts);
	json_ku64(j, "eapol_rx", c->eapol_rx);
	json_ku64(j, "eapol_tx", c->eapol_tx);
	json_ku64(j, "eapol_held_dropped", c->eapol_held_dropped);
	json_ku64(j, "key_installs", c->key_installs);
	json_ku64(j, "op_errors", c->op_errors);
	json_obj_end(j);
	if (sm->cfg.key_mgmt == WSTA_KM_EAP) {
		const struct eapol_pae *pae = &sm->pae;
		const char *m = eap_peer_method_name(&pae->peer);
		const struct eap_method *want =
			eap_method_find(st->cfg.peer.method);

		json_kobj_begin(j, "eap");
		json_kstr(j, "method", want ? want->name : "?");
		if (m)
			json_kstr(j, "method_running", m);
		else
			json_knull(j, "method_running");
		json_kstr(j, "pae_state", eapol_pae_state_name(pae->state));
		json_kstr(j, "pae_reason", pae->last_why ? pae->last_why : "");
		json_kstr(j, "peer_state",
			  eap_peer_state_name(pae->peer.state));
		json_kstr(j, "identity", st->cfg.peer.identity);
		json_ku64(j, "successes", c->eap_successes);
		json_ku64(j, "failures", c->eap_failures);
		json_ku64(j, "reauths", c->reauths);
		json_ku64(j, "starts", pae->stats.tx_start);
		json_ku64(j, "rx", c->eap_rx);
		json_ku64(j, "tx", c->eap_tx);
		json_ku64(j, "eapol_dropped", c->eapol_dropped);
		json_kobj_begin(j, "peer");
		eap_peer_stats_json(&pae->peer, j);
		json_obj_end(j);
		json_obj_end(j);
	} else {
		json_knull(j, "eap");
	}
	json_kobj_begin(j, "wpa");
	json_kstr(j, "state", wpa_state_name(sm->wpa.state));
	json_ku64(j, "rx", w->rx);
	json_ku64(j, "msg1", w->msg1);
	json_ku64(j, "msg3", w->msg3);
	json_ku64(j, "group1", w->group1);
	json_ku64(j, "sent", w->sent);
	json_ku64(j, "ptk_installs", w->ptk_installs);
	json_ku64(j, "gtk_installs", w->gtk_installs);
	json_ku64(j, "igtk_installs", w->igtk_installs);
	json_ku64(j, "msg3_retransmits", w->msg3_retransmits);
	json_ku64(j, "gtk_reinstalls_refused", w->gtk_reinstalls_refused);
	json_kobj_begin(j, "drops");
	for (int i = 0; i < WPA_DROP_MAX; i++)
		json_ku64(j, wpa_drop_name(i), w->drops[i]);
	json_obj_end(j);
	json_obj_end(j);
	json_obj_end(j);
}

int stations_format_show(const struct stations *s, const char *ifname,
			 uint64_t now_ms, struct strbuf *sb)
{
	struct json j;
	bool found = false;

	for (size_t i = 0; i < s->n; i++)
		if (!ifname || !ifname[0] || !strcmp(s->v[i]->cfg.ifname,
						     ifname))
			found = true;
	if (ifname && ifname[0] && !found)
		return -ENOENT;
	json_init(&j, sb, JSON_SPACED);
	json_arr_begin(&j);
	for (size_t i = 0; i < s->n; i++)
		if (!ifname || !ifname[0] ||
		    !strcmp(s->v[i]->cfg.ifname, ifname))
			show_obj(&j, s->v[i], now_ms);
	json_arr_end(&j);
	return 0;
}
