// SPDX-License-Identifier: GPL-2.0
/*
 * The IAPP engine: what is done with each message and station event.  See
 * iapp.h; the sockets and timers are io.c's, the decisions logic.c's, the
 * messages wire.c's, the tables sta.c's, cache.c's and replay.c's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <openssl/crypto.h>

#include "iapp/iapp.h"
#include "lib/json.h"
#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"

enum rl_reason {
	RL_MALFORMED,				/* + enum iapp_err */
	RL_REPLAY = RL_MALFORMED + IAPP_ERR_MAX, /* + enum iapp_replay_verdict */
	RL_L2UPDATE_ABSENT = RL_REPLAY + IAPP_REPLAY_FULL + 1,
	RL_TCP_REFUSED,
	RL_TCP_UNMAPPED,
	RL_CTX_REFUSED,
	RL_SEND,
	RL_MAX
};

struct iapp {
	struct loop *loop;
	const struct iapp_ops *ops;
	void *data;
	struct iapp_io *io;
	struct sta_table stas;
	struct iapp_stats st;

	struct config_iapp cfg;
	struct config_bssid *map;
	size_t n_map;
	uint16_t next_id;

	uint64_t rl_last[RL_MAX];
	struct iapp_cache cache;
	struct iapp_replay replay;
};

/* Log at most once per window per reason. */
__attribute__((format(printf, 4, 5)))
static void rl_log(struct iapp *ia, enum rl_reason r, int level,
		   const char *fmt, ...)
{
	uint64_t now = loop_now_ms();
	va_list ap;

	if (ia->rl_last[r] && now - ia->rl_last[r] < IAPP_LOG_WINDOW_MS)
		return;
	ia->rl_last[r] = now;
	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}

static uint64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint16_t clock_seq(void)
{
	return (uint16_t)(wall_ms() / 1000);
}

static const char *macstr(const uint8_t mac[MAC_LEN], char buf[MAC_STR_LEN])
{
	return mac_format(mac, buf);
}

static const struct iapp_key *key(const struct iapp *ia)
{
	return &ia->cfg.key;
}

/* What our messages are signed with: the key (if any) and the time now. */
static struct iapp_auth auth_now(const struct iapp *ia)
{
	return (struct iapp_auth){ .key = key(ia), .time_ms = wall_ms() };
}

static void count_bad(struct iapp *ia, enum iapp_err e, const char *from,
		      const char *what)
{
	if (e <= IAPP_OK || e >= IAPP_ERR_MAX)
		return;
	ia->st.malformed[e]++;
	if (e == IAPP_ERR_AUTH_MISSING || e == IAPP_ERR_AUTH_BAD)
		ia->st.auth_failures++;
	rl_log(ia, RL_MALFORMED + e, LOG_WARNING,
	       "iapp: %s from %s dropped: %s (logged once per %d s)", what,
	       from, iapp_err_str(e), IAPP_LOG_WINDOW_MS / 1000);
}

/*
 * A signed message is taken only when its time is within the window of
 * ours and it was not taken before (replay.h); false when refused, which
 * is counted.  Without a key there is no trailer and nothing to check.
 */
static bool fresh(struct iapp *ia, const struct iapp_msg *m,
		  const char *from)
{
	uint64_t now = wall_ms(), window = ia->cfg.replay_window_s * 1000ull;
	enum iapp_replay_verdict v;

	if (!m->has_auth)
		return true;
	v = iapp_replay_check(&ia->replay, m->auth_tag, m->auth_time_ms, now,
			      window);
	switch (v) {
	case IAPP_REPLAY_FRESH:
		return true;
	case IAPP_REPLAY_STALE:
		ia->st.replay_stale++;
		break;
	case IAPP_REPLAY_SEEN:
		ia->st.replay_seen++;
		break;
	case IAPP_REPLAY_FULL:
		ia->st.replay_full++;
		break;
	}
	rl_log(ia, RL_REPLAY + v, LOG_WARNING, "iapp: %s from %s refused: "
	       "%s (signed %+lld ms from now, window %u s; logged once per "
	       "%d s)", iapp_cmd_str(m->cmd), from,
	       iapp_replay_verdict_name(v),
	       (long long)(m->auth_time_ms - now), ia->cfg.replay_window_s,
	       IAPP_LOG_WINDOW_MS / 1000);
	return false;
}

static const struct config_bssid *map_by_addr(const struct iapp *ia,
					      const struct in_addr *a)
{
	size_t i;

	for (i = 0; i < ia->n_map; i++)
		if (ia->map[i].addr.s_addr == a->s_addr)
			return &ia->map[i];
	return NULL;
}

/* An address of this host, or of an AP of the map: no station's. */
static bool ours(int af, const uint8_t *addr, void *data)
{
	struct iapp *ia = data;
	struct in_addr a;

	if (af == AF_INET) {
		memcpy(&a, addr, 4);
		if (map_by_addr(ia, &a))
			return true;
	}
	return iapp_io_addr_is_own(ia->io, af, addr);
}

/* Keep in ctx, from peer, only what a station may be bound to. */
static void check_ctx(struct iapp *ia, struct iapp_ctx *ctx,
		      const uint8_t mac[MAC_LEN], const char *from)
{
	struct iapp_ctx_refusals r = { 0 };
	char m[MAC_STR_LEN];

	iapp_ctx_sanitize(ctx, ours, ia, &r);
	ia->st.ctx_refused_invalid += r.invalid;
	ia->st.ctx_refused_ours += r.ours;
	ia->st.ctx_refused_over += r.over;
	if (r.invalid || r.ours || r.over)
		rl_log(ia, RL_CTX_REFUSED, LOG_WARNING, "iapp: context for %s "
		       "from %s: %u address(es) refused (%u no station's, %u "
		       "ours, %u over %d; logged once per %d s)",
		       macstr(mac, m), from, r.invalid + r.ours + r.over,
		       r.invalid, r.ours, r.over, IAPP_STA_ADDRS_MAX,
		       IAPP_LOG_WINDOW_MS / 1000);
}

/* An event for the daemon's monitors; see iapp_ops.event. */
static void publish(struct iapp *ia, const char *name,
		    const uint8_t mac[MAC_LEN], const char *direction,
		    const char *peer, const char *result)
{
	char m[MAC_STR_LEN];
	struct strbuf f;
	struct json j;

	if (!ia->ops->event)
		return;
	sb_init(&f);
	json_init(&j, &f, JSON_SPACED);
	json_obj_begin(&j);
	json_kstr(&j, "mac", macstr(mac, m));
	if (direction)
		json_kstr(&j, "direction", direction);
	if (peer)
		json_kstr(&j, "peer", peer);
	if (result)
		json_kstr(&j, "result", result);
	json_obj_end(&j);
	if (json_ok(&j))
		ia->ops->event(name, f.buf, ia->data);
	sb_free(&f);
}

/* Stations */

/*
 * Remove s from its radio through the kick hook, which does what [iapp]
 * kick says (the wifi engine's DEL_STATION or hostapd's DEAUTHENTICATE);
 * -EOPNOTSUPP, or no hook, is kick = none.
 */
static void do_kick(struct iapp *ia, struct sta *s, const char *why)
{
	char m[MAC_STR_LEN];
	int r = -EOPNOTSUPP;

	macstr(s->mac, m);
	if (ia->ops->kick)
		r = ia->ops->kick(s, ia->data);
	if (!r && ia->cfg.kick == CONFIG_KICK_HOSTAPD) {
		ia->st.kick_hostapd++;
		log_notice("iapp: station %s removed through hostapd on %s "
			   "(%s)", m, s->ifname, why);
		publish(ia, "iapp-kick", s->mac, NULL, NULL, "hostapd");
	} else if (!r) {
		ia->st.kick_hook++;
		log_notice("iapp: station %s removed (%s)", m, why);
		publish(ia, "iapp-kick", s->mac, NULL, NULL, "nl80211");
	} else if (r == -EOPNOTSUPP) {
		ia->st.kick_none++;
		log_notice("iapp: station %s is to be removed (%s); kick = "
			   "none: left to the radio", m, why);
		publish(ia, "iapp-kick", s->mac, NULL, NULL, "none");
	} else {
		ia->st.kick_failed++;
		log_err("iapp: station %s: cannot remove it%s%s: %s", m,
			ia->cfg.kick == CONFIG_KICK_HOSTAPD ? " through hostapd on "
			: "", ia->cfg.kick == CONFIG_KICK_HOSTAPD ? s->ifname :
			"", strerror(-r));
		publish(ia, "iapp-kick", s->mac, NULL, NULL, "failed");
	}
	sta_set_gone(s, loop_now_ms());
}

void iapp_kick_result(struct iapp *ia, int error)
{
	if (error)
		ia->st.kick_failed++;
}

static void ctx_merge(struct iapp_ctx *dst, const struct iapp_ctx *src)
{
	unsigned int i, j;

	for (i = 0; i < src->n_ipv4 && i < IAPP_CTX_ADDRS_MAX; i++)
		sta_ctx_add_ipv4(dst, src->ipv4[i].addr, src->ipv4[i].lease);
	for (i = 0; i < src->n_ipv6 && i < IAPP_CTX_ADDRS_MAX; i++) {
		for (j = 0; j < dst->n_ipv6; j++)
			if (!memcmp(dst->ipv6[j].addr, src->ipv6[i].addr, 16))
				break;
		if (j == dst->n_ipv6) {
			if (dst->n_ipv6 >= IAPP_CTX_ADDRS_MAX)
				break;
			dst->n_ipv6++;
		}
		dst->ipv6[j] = src->ipv6[i];
	}
	if (src->ssid_len && !dst->ssid_len) {
		dst->ssid_len = src->ssid_len;
		memcpy(dst->ssid, src->ssid, sizeof(dst->ssid));
	}
}

/* ctx has been through check_ctx(). */
static void apply_ctx(struct iapp *ia, struct sta *s,
		      const struct iapp_ctx *ctx, const char *from)
{
	char m[MAC_STR_LEN];

	ctx_merge(&s->ctx, ctx);
	s->ctx_fetched = true;
	log_info("iapp: station %s: context from %s applied (%u IPv4, %u "
		 "IPv6 address(es))", macstr(s->mac, m), from, ctx->n_ipv4,
		 ctx->n_ipv6);
	if (ia->ops->ctx_applied)
		ia->ops->ctx_applied(s, ctx, ia->data);
}

/* TCP connections */

/* A client connection ended before its answer. */
static void conn_failed(struct iapp *ia, struct iapp_conn *c, bool timeout)
{
	char m[MAC_STR_LEN];

	if (c->kind == IAPP_CONN_SERVER || c->answered)
		return;
	macstr(c->mac, m);
	if (c->kind == IAPP_CONN_MOVE) {
		if (timeout)
			ia->st.move_timeout++;
		else
			ia->st.move_error++;
		log_warn("iapp: MOVE-notify for %s to %s: %s", m, c->peer,
			 timeout ? "no response in time" : "failed");
	} else {
		ia->st.cache_error++;
		log_info("iapp: CACHE-notify for %s to %s: %s", m, c->peer,
			 timeout ? "no response in time" : "failed");
	}
}

/*
 * Answer a MOVE-notify; the decision is taken (again) now.  fill: the
 * station's addresses as the module has them, or NULL for the table's.
 */
static bool answer_move(struct iapp *ia, struct iapp_conn *c,
			const struct iapp_msg *m, const struct iapp_ctx *fill)
{
	static const char *const names[] = { "successful", "denied", "stale" };
	struct sta *s = sta_find(&ia->stas, m->mac);
	enum iapp_move_status st = iapp_move_decide(s, m);
	struct iapp_auth auth = auth_now(ia);
	uint8_t out[IAPP_WIRE_MAX];
	char mstr[MAC_STR_LEN];
	struct iapp_ctx ctx;
	size_t len;

	macstr(m->mac, mstr);
	ia->st.move_answered[st]++;
	log_info("iapp: MOVE-notify for %s (seq %u) from %s: %s", mstr,
		 m->seq, c->peer, names[st]);
	publish(ia, "iapp-move", m->mac, "received", c->peer, names[st]);
	if (st == IAPP_MOVE_SUCCESSFUL) {
		ctx = s->ctx;
		if (fill) {
			/* The module's view of its addresses wins. */
			ctx.n_ipv4 = fill->n_ipv4;
			memcpy(ctx.ipv4, fill->ipv4, sizeof(ctx.ipv4));
			ctx.n_ipv6 = fill->n_ipv6;
			memcpy(ctx.ipv6, fill->ipv6, sizeof(ctx.ipv6));
			log_info("iapp: station %s: context carries %u IPv4, "
				 "%u IPv6 binding(s) of the module", mstr,
				 ctx.n_ipv4, ctx.n_ipv6);
		}
	}
	len = iapp_build_move_response(out, sizeof(out), ia->next_id++, st,
				       m->mac, m->seq,
				       st == IAPP_MOVE_SUCCESSFUL ? &ctx : NULL,
				       &auth);
	if (!iapp_io_conn_send(c, out, len))
		return false;
	if (st == IAPP_MOVE_SUCCESSFUL) {
		sta_note_seq(&ia->stas, m->mac, m->seq, loop_now_ms());
		if (s->state != STA_GONE)
			do_kick(ia, s, "moved, MOVE-notify");
	}
	return true;
}

/*
 * A MOVE-notify to be answered with the module's bindings of its station:
 * ask for them (ops.ctx_fill) and wait, at most IAPP_FILL_TIMEOUT_MS, with
 * c paused.  c is marked waiting before the call, so that an answer given
 * from within it (iapp_ctx_filled()) finds c; that answer, like any, is
 * acted on from a deferred call.
 */
static bool serve_move(struct iapp *ia, struct iapp_conn *c,
		       const struct iapp_msg *m)
{
	struct sta *s = sta_find(&ia->stas, m->mac);
	char mstr[MAC_STR_LEN];
	int r = -EOPNOTSUPP;

	if (iapp_move_decide(s, m) == IAPP_MOVE_SUCCESSFUL &&
	    ia->ops->ctx_fill) {
		c->filling = true;
		c->filled = false;
		c->req = *m;
		r = ia->ops->ctx_fill(s, ia->data);
	}
	if (r == -ENOTCONN)
		ia->st.ctx_fill_absent++;
	else if (r < 0 && r != -EOPNOTSUPP)
		ia->st.ctx_fill_failed++;
	if (r) {
		c->filling = c->filled = false;
		return answer_move(ia, c, m, NULL);
	}
	log_debug("iapp: MOVE-notify for %s from %s: asking the module for "
		  "its bindings", macstr(m->mac, mstr), c->peer);
	iapp_io_conn_pause(c);
	iapp_io_conn_deadline(c, IAPP_FILL_TIMEOUT_MS);
	return true;
}

/* A MOVE-notify or CACHE-notify on a server connection. */
static bool serve(struct iapp *ia, struct iapp_conn *c,
		  const struct iapp_msg *m)
{
	struct sta *s = sta_find(&ia->stas, m->mac);
	struct iapp_auth auth = auth_now(ia);
	uint8_t out[IAPP_WIRE_MAX];
	char mstr[MAC_STR_LEN];
	size_t len;

	macstr(m->mac, mstr);
	if (m->cmd == IAPP_CMD_MOVE_NOTIFY)
		return serve_move(ia, c, m);
	if (m->cmd == IAPP_CMD_CACHE_NOTIFY) {
		uint64_t now = loop_now_ms();
		struct iapp_cache_entry *e = iapp_cache_find(&ia->cache,
							     m->mac, now);
		enum iapp_cache_status st;

		st = iapp_cache_decide(s, e != NULL, e ? e->seq : 0, m);
		if (st == IAPP_CACHE_SUCCESSFUL) {
			struct iapp_ctx ctx = m->ctx;

			check_ctx(ia, &ctx, m->mac, c->peer);
			iapp_cache_store(&ia->cache, m->mac, m->seq, &ctx,
					 now + (uint64_t)m->timeout * 1000,
					 now);
			ia->st.cache_stored++;
		} else {
			ia->st.cache_stale++;
		}
		log_info("iapp: CACHE-notify for %s (seq %u, %u s) from %s: "
			 "%s", mstr, m->seq, m->timeout, c->peer,
			 st == IAPP_CACHE_SUCCESSFUL ? "stored" : "stale");
		len = iapp_build_cache_response(out, sizeof(out),
						ia->next_id++, st, m->mac,
						m->seq, &auth);
		return iapp_io_conn_send(c, out, len);
	}
	count_bad(ia, IAPP_ERR_COMMAND, c->peer, iapp_cmd_str(m->cmd));
	return false;
}

static void send_cache_notifies(struct iapp *ia, const struct sta *s);

/* The response on a client connection; false: close it. */
static bool answered(struct iapp *ia, struct iapp_conn *c,
		     const struct iapp_msg *m)
{
	char mstr[MAC_STR_LEN];
	struct iapp_ctx ctx;
	struct sta *s;

	macstr(c->mac, mstr);
	if ((c->kind == IAPP_CONN_MOVE &&
	     m->cmd != IAPP_CMD_MOVE_RESPONSE) ||
	    (c->kind == IAPP_CONN_CACHE &&
	     m->cmd != IAPP_CMD_CACHE_RESPONSE) ||
	    memcmp(m->mac, c->mac, MAC_LEN)) {
		count_bad(ia, IAPP_ERR_COMMAND, c->peer,
			  "unexpected response");
		return false;
	}
	c->answered = true;
	if (c->kind == IAPP_CONN_CACHE) {
		if (m->status <= IAPP_CACHE_STALE)
			ia->st.cache_acked[m->status]++;
		else
			ia->st.cache_error++;
		log_debug("iapp: CACHE-response for %s from %s: status %u",
			  mstr, c->peer, m->status);
		return false;
	}
	s = sta_find_here(&ia->stas, c->mac);
	switch (m->status) {
	case IAPP_MOVE_SUCCESSFUL:
		ia->st.move_successful++;
		log_info("iapp: MOVE-response for %s from %s: successful",
			 mstr, c->peer);
		if (s && m->has_ctx) {
			ctx = m->ctx;
			check_ctx(ia, &ctx, c->mac, c->peer);
			apply_ctx(ia, s, &ctx, c->peer);
			if (ia->cfg.cache_notify)
				send_cache_notifies(ia, s);
		}
		break;
	case IAPP_MOVE_DENIED:
		ia->st.move_denied++;
		log_info("iapp: MOVE-response for %s from %s: denied", mstr,
			 c->peer);
		break;
	case IAPP_MOVE_STALE:
		ia->st.move_stale++;
		log_info("iapp: MOVE-response for %s from %s: stale", mstr,
			 c->peer);
		break;
	default:
		ia->st.move_error++;
		log_warn("iapp: MOVE-response for %s from %s: unknown status "
			 "%u", mstr, c->peer, m->status);
	}
	return false;
}

/* The wait for ops.ctx_fill is over: answer, then read on. */
static void finish_fill(struct iapp *ia, struct iapp_conn *c)
{
	const struct iapp_ctx *fill = c->filled && c->fill_ok ?
				      &c->fill_ctx : NULL;

	c->filling = c->filled = false;
	iapp_io_conn_deadline(c, IAPP_TCP_TIMEOUT_MS);
	if (!answer_move(ia, c, &c->req, fill)) {
		iapp_io_conn_close(c);
		return;
	}
	iapp_io_conn_resume(c);
}

void iapp_ctx_filled(struct iapp *ia, const uint8_t mac[MAC_LEN],
		     const struct iapp_ctx *ctx)
{
	struct list *pos;
	bool any = false;

	/* Only noted here: acted on from a deferred call (on_deferred()). */
	list_for_each(pos, iapp_io_conns(ia->io)) {
		struct iapp_conn *c = list_entry(pos, struct iapp_conn, node);

		if (!c->filling || c->filled || memcmp(c->req.mac, mac, MAC_LEN))
			continue;
		c->filled = true;
		c->fill_ok = ctx != NULL;
		if (ctx)
			c->fill_ctx = *ctx;
		any = true;
	}
	if (any)
		iapp_io_defer(ia->io);
}

/* The first connection whose fill has come; NULL when none. */
static struct iapp_conn *next_filled(struct iapp *ia)
{
	struct list *pos;

	list_for_each(pos, iapp_io_conns(ia->io)) {
		struct iapp_conn *c = list_entry(pos, struct iapp_conn, node);

		if (c->filling && c->filled)
			return c;
	}
	return NULL;
}

static void on_deferred(void *data)
{
	struct iapp *ia = data;
	struct iapp_conn *c;

	/* Looked for again each time: answering may free any of them. */
	while ((c = next_filled(ia))) {
		if (c->fill_ok)
			ia->st.ctx_filled++;
		else
			ia->st.ctx_fill_failed++;
		finish_fill(ia, c);
	}
}

static bool on_deadline(void *data, struct iapp_conn *c)
{
	struct iapp *ia = data;

	if (!c->filling)
		return false;
	if (c->filled)
		return true;	/* answered from the deferred call, now due */
	ia->st.ctx_fill_timeout++;
	log_warn("iapp: no bindings from the module in %d ms; answering %s "
		 "with the station table's context", IAPP_FILL_TIMEOUT_MS,
		 c->peer);
	finish_fill(ia, c);
	return true;
}

static bool on_message(void *data, struct iapp_conn *c, const uint8_t *buf,
		       size_t len)
{
	struct iapp *ia = data;
	struct iapp_msg m;
	enum iapp_err e;

	e = iapp_parse_stream(buf, len, key(ia), &m);
	if (e) {
		count_bad(ia, e, c->peer, iapp_cmd_str(m.cmd));
		return false;
	}
	if (!fresh(ia, &m, c->peer))
		return false;
	ia->st.rx[m.cmd]++;
	if (c->kind != IAPP_CONN_SERVER)
		return answered(ia, c, &m);
	if (!serve(ia, c, &m))
		return false;
	if (!c->filling)
		iapp_io_conn_deadline(c, IAPP_TCP_TIMEOUT_MS);
	return true;
}

static void on_bad_stream(void *data, struct iapp_conn *c, enum iapp_err e)
{
	count_bad(data, e, c->peer, "TCP stream");
}

static void on_sent(void *data, struct iapp_conn *c, uint8_t cmd)
{
	struct iapp *ia = data;

	if (cmd <= IAPP_CMD_MAX)
		ia->st.tx[cmd]++;
}

static void on_ended(void *data, struct iapp_conn *c,
		     enum iapp_conn_end how)
{
	struct iapp *ia = data;

	if (how == IAPP_CONN_END_TIMEOUT) {
		ia->st.tcp_timeout++;
		if (c->kind == IAPP_CONN_SERVER)
			log_debug("iapp: TCP peer %s timed out%s", c->peer,
				  c->rx_len ? " mid-message" : "");
	}
	if (how == IAPP_CONN_END_EOF_MID ||
	    (how == IAPP_CONN_END_EOF && c->kind != IAPP_CONN_SERVER &&
	     !c->answered)) {
		ia->st.tcp_closed_early++;
		log_debug("iapp: TCP peer %s closed early", c->peer);
	}
	conn_failed(ia, c, how == IAPP_CONN_END_TIMEOUT);
}

/*
 * Only the APs of the BSSID map may connect: a MOVE-notify would have
 * us give away a station's context and remove it, a CACHE-notify would
 * put addresses into the source guard.
 */
static bool on_accept(void *data, const struct in_addr *peer)
{
	struct iapp *ia = data;
	char a[INET_ADDRSTRLEN];

	if (!map_by_addr(ia, peer)) {
		ia->st.tcp_unmapped++;
		inet_ntop(AF_INET, peer, a, sizeof(a));
		rl_log(ia, RL_TCP_UNMAPPED, LOG_WARNING, "iapp: TCP connection "
		       "from %s refused: not the address of an AP of the "
		       "BSSID map (logged once per %d s)", a,
		       IAPP_LOG_WINDOW_MS / 1000);
		return false;
	}
	if (iapp_io_n_served(ia->io) >= IAPP_TCP_CONNS_MAX) {
		ia->st.tcp_refused++;
		rl_log(ia, RL_TCP_REFUSED, LOG_WARNING,
		       "iapp: too many TCP connections (%d); refusing",
		       IAPP_TCP_CONNS_MAX);
		return false;
	}
	ia->st.tcp_accepted++;
	return true;
}

/* Open a client connection and queue msg on it. */
static void connect_send(struct iapp *ia, enum iapp_conn_kind kind,
			 const struct in_addr *addr,
			 const uint8_t mac[MAC_LEN], const uint8_t *msg,
			 size_t len)
{
	char a[INET_ADDRSTRLEN];
	struct iapp_conn *c = NULL;
	int err = -EMSGSIZE;

	if (iapp_io_n_conns(ia->io) - iapp_io_n_served(ia->io) <
	    IAPP_TCP_CONNS_MAX && len)
		c = iapp_io_connect(ia->io, kind, addr, msg, len,
				    ia->cfg.move_timeout_ms, &err);
	else if (len)
		err = -EMFILE;
	if (!c) {
		ia->st.send_errors++;
		if (kind == IAPP_CONN_MOVE)
			ia->st.move_error++;
		else
			ia->st.cache_error++;
		log_warn("iapp: cannot connect to %s: %s",
			 inet_ntop(AF_INET, addr, a, sizeof(a)),
			 strerror(-err));
		return;
	}
	memcpy(c->mac, mac, MAC_LEN);
}

/*
 * The MOVE-notify for s to the AP it came from: the one its previous AP
 * (BSSID) maps to, else the one whose ADD-notify for it was the newest
 * heard, when that address is one of the map's (only the APs of the map
 * are asked over TCP).
 */
static void send_move(struct iapp *ia, struct sta *s)
{
	const struct config_bssid *b = NULL;
	struct iapp_auth auth = auth_now(ia);
	uint8_t out[IAPP_WIRE_MAX];
	char m[MAC_STR_LEN], p[MAC_STR_LEN];
	char a[INET_ADDRSTRLEN];
	struct in_addr ann;
	size_t i, len;

	macstr(s->mac, m);
	if (s->has_prev_ap) {
		for (i = 0; i < ia->n_map; i++)
			if (!memcmp(ia->map[i].bssid, s->prev_ap, MAC_LEN))
				b = &ia->map[i];
		macstr(s->prev_ap, p);
		if (!b) {
			ia->st.move_unmapped++;
			log_info("iapp: station %s came from %s, which is not "
				 "in the BSSID map: no MOVE-notify", m, p);
			return;
		}
	} else {
		memcpy(&ann, s->announcer, 4);
		b = map_by_addr(ia, &ann);
		inet_ntop(AF_INET, s->announcer, a, sizeof(a));
		if (!b) {
			ia->st.move_unmapped++;
			log_info("iapp: station %s was last announced by %s, "
				 "which is not in the BSSID map: no "
				 "MOVE-notify", m, a);
			return;
		}
		macstr(b->bssid, p);
	}
	inet_ntop(AF_INET, &b->addr, a, sizeof(a));
	log_info("iapp: station %s came from %s%s: MOVE-notify to %s", m, p,
		 s->has_prev_ap ? "" : " (its last ADD-notify)", a);
	publish(ia, "iapp-move", s->mac, "sent", a, NULL);
	len = iapp_build_move_notify(out, sizeof(out), ia->next_id++, s->mac,
				     s->seq, &s->ctx, &auth);
	connect_send(ia, IAPP_CONN_MOVE, &b->addr, s->mac, out, len);
}

static void send_cache_notifies(struct iapp *ia, const struct sta *s)
{
	static const uint8_t zero[MAC_LEN];
	struct iapp_auth auth = auth_now(ia);
	uint8_t out[IAPP_WIRE_MAX];
	size_t i, len;

	len = iapp_build_cache_notify(out, sizeof(out), ia->next_id++, s->mac,
				      s->seq, ia->cfg.has_bssid ?
				      ia->cfg.bssid : zero, &s->ctx,
				      (uint16_t)ia->cfg.cache_timeout_s,
				      &auth);
	for (i = 0; i < ia->n_map; i++) {
		if (ia->cfg.has_bssid &&
		    !memcmp(ia->map[i].bssid, ia->cfg.bssid, MAC_LEN))
			continue;
		connect_send(ia, IAPP_CONN_CACHE, &ia->map[i].addr, s->mac,
			     out, len);
	}
}

/* UDP */

static void handle_add(struct iapp *ia, const struct iapp_msg *m,
		       const struct in_addr *src, const char *from)
{
	struct sta *s = sta_find(&ia->stas, m->mac);
	enum iapp_add_verdict v = iapp_add_decide(s, m);
	char mstr[MAC_STR_LEN];

	macstr(m->mac, mstr);
	switch (v) {
	case IAPP_ADD_KICK:
		ia->st.add_kicked++;
		log_notice("iapp: ADD-notify for %s (seq %u, ours %u) from "
			   "%s: it moved", mstr, m->seq, s->seq, from);
		publish(ia, "iapp-add", m->mac, "received", from, "moved");
		do_kick(ia, s, "moved, ADD-notify");
		break;
	case IAPP_ADD_IGNORED_NOT_HERE:
		ia->st.add_ignored_not_here++;
		log_debug("iapp: ADD-notify for %s (seq %u) from %s: not "
			  "here", mstr, m->seq, from);
		break;
	case IAPP_ADD_IGNORED_STALE:
		ia->st.add_ignored_stale++;
		log_info("iapp: ADD-notify for %s (seq %u) from %s ignored: "
			 "not newer than ours (%u)", mstr, m->seq, from,
			 s->seq);
		return;		/* an old number teaches nothing */
	}
	sta_note_seq(&ia->stas, m->mac, m->seq, loop_now_ms());
	sta_note_announcer(&ia->stas, m->mac, m->seq,
			   (const uint8_t *)&src->s_addr);
}

static void on_datagram(void *data, const uint8_t *buf, size_t n,
			const struct in_addr *src)
{
	struct iapp *ia = data;
	char from[INET_ADDRSTRLEN];
	struct iapp_msg m;
	enum iapp_err e;

	inet_ntop(AF_INET, src, from, sizeof(from));
	if (iapp_io_addr_is_own(ia->io, AF_INET,
				(const uint8_t *)&src->s_addr)) {
		ia->st.add_ignored_own++;
		return;
	}
	if (n > IAPP_WIRE_MAX) {
		count_bad(ia, IAPP_ERR_TOO_BIG, from, "datagram");
		return;
	}
	e = iapp_parse_dgram(buf, n, key(ia), &m);
	if (!e && m.cmd != IAPP_CMD_ADD_NOTIFY)
		e = IAPP_ERR_COMMAND;
	if (e) {
		count_bad(ia, e, from, "datagram");
		return;
	}
	if (!fresh(ia, &m, from))
		return;
	ia->st.rx[m.cmd]++;
	handle_add(ia, &m, src, from);
}

static void send_add(struct iapp *ia, const struct sta *s)
{
	struct iapp_auth auth = auth_now(ia);
	uint8_t out[IAPP_WIRE_MAX];
	char m[MAC_STR_LEN];
	size_t len;
	int r;

	if (!iapp_io_listening(ia->io))
		return;
	len = iapp_build_add(out, sizeof(out), ia->next_id++, s->mac, s->seq,
			     &auth);
	r = len ? iapp_io_send_group(ia->io, out, len) : -EMSGSIZE;
	if (r < 0) {
		ia->st.send_errors++;
		rl_log(ia, RL_SEND, LOG_WARNING, "iapp: cannot send "
		       "ADD-notify: %s", strerror(-r));
		return;
	}
	ia->st.tx[IAPP_CMD_ADD_NOTIFY]++;
	log_info("iapp: ADD-notify for %s (seq %u) sent", macstr(s->mac, m),
		 s->seq);
	publish(ia, "iapp-add", s->mac, "sent", NULL, NULL);
}

static void on_tick(void *data)
{
	struct iapp *ia = data;

	sta_expire(&ia->stas, loop_now_ms());
}

static const struct iapp_io_ops io_ops = {
	.datagram = on_datagram,
	.accept = on_accept,
	.message = on_message,
	.bad_stream = on_bad_stream,
	.sent = on_sent,
	.deadline = on_deadline,
	.ended = on_ended,
	.tick = on_tick,
	.deferred = on_deferred,
};

struct iapp *iapp_new(struct loop *loop, struct netif *netif,
		      const struct iapp_ops *ops, void *data)
{
	struct iapp *ia = calloc(1, sizeof(*ia));

	if (!ia)
		return NULL;
	ia->loop = loop;
	ia->ops = ops;
	ia->data = data;
	ia->next_id = clock_seq();
	sta_table_init(&ia->stas);
	iapp_replay_init(&ia->replay);
	ia->io = iapp_io_new(loop, netif, &io_ops, ia);
	if (!ia->io) {
		free(ia);
		return NULL;
	}
	return ia;
}

void iapp_free(struct iapp *ia)
{
	if (!ia)
		return;
	iapp_io_free(ia->io);
	sta_table_free(&ia->stas);
	free(ia->map);
	OPENSSL_cleanse(&ia->cfg.key, sizeof(ia->cfg.key));
	free(ia);
}

int iapp_configure(struct iapp *ia, const struct config_iapp *n,
		   const struct config_bssid *bssids, size_t n_bssids)
{
	struct config_bssid *map = NULL;
	bool reopen;

	if (n_bssids) {
		map = malloc(n_bssids * sizeof(*map));
		if (!map)
			return -ENOMEM;
		memcpy(map, bssids, n_bssids * sizeof(*map));
	}
	free(ia->map);
	ia->map = map;
	ia->n_map = n_bssids;

	reopen = n->enabled != ia->cfg.enabled || n->port != ia->cfg.port ||
		 n->ttl != ia->cfg.ttl || strcmp(n->ifname, ia->cfg.ifname) ||
		 !iapp_io_listening(ia->io);
	ia->cfg = *n;
	if (reopen)
		iapp_io_open(ia->io, &ia->cfg);
	return 0;
}

/* Station events */

static void act_authorized(struct iapp *ia, struct sta *s)
{
	struct iapp_cache_entry *e = iapp_cache_find(&ia->cache, s->mac,
						     loop_now_ms());
	char m[MAC_STR_LEN];
	int r = 0;

	/* Its bindings are added only now, as everything else. */
	if (e) {
		ia->st.cache_used++;
		e->used = false;
		apply_ctx(ia, s, &e->ctx, "the cache");
	}

	log_info("iapp: station %s authorized on %s (vlan %u, seq %u)",
		 macstr(s->mac, m), s->ifname, s->vlan, s->seq);
	if (ia->ops->l2update)
		r = ia->ops->l2update(s, ia->data);
	if (r == -ENOTCONN) {
		ia->st.l2update_absent++;
		rl_log(ia, RL_L2UPDATE_ABSENT, LOG_NOTICE, "iapp: the kernel "
		       "module is absent: no Layer-2 Update for %s", m);
	} else if (r < 0) {
		ia->st.l2update_failed++;
		log_err("iapp: Layer-2 Update for %s: %s", m, strerror(-r));
	} else {
		ia->st.l2update_requested += (unsigned int)r;
	}
	if (!ia->cfg.enabled)
		return;
	send_add(ia, s);
	if (s->has_prev_ap ?
	    !(ia->cfg.has_bssid && !memcmp(s->prev_ap, ia->cfg.bssid,
					   MAC_LEN)) : s->has_announcer)
		send_move(ia, s);
	s->has_announcer = false;	/* used, or superseded by prev_ap */
}

int iapp_sta_add(struct iapp *ia, const struct iapp_sta_args *a)
{
	char m[MAC_STR_LEN];
	struct sta *s;
	int err = 0;

	s = sta_associate(&ia->stas, a->mac, a->ifname, a->vlan,
			  loop_now_ms(), clock_seq(), &err);
	if (!s)
		return err;
	if (a->prev_ap) {
		s->has_prev_ap = true;
		memcpy(s->prev_ap, a->prev_ap, MAC_LEN);
	}
	if (a->ctx)
		s->ctx = *a->ctx;
	if (a->authorized) {
		sta_authorize(s, loop_now_ms());
		act_authorized(ia, s);
	} else {
		ia->st.add_unauthorized++;
		log_info("iapp: station %s associated on %s (seq %u); "
			 "waiting for its authorization", macstr(s->mac, m),
			 s->ifname, s->seq);
	}
	return 0;
}

int iapp_sta_set_vlan(struct iapp *ia, const uint8_t mac[MAC_LEN],
		      uint16_t vlan)
{
	struct sta *s = sta_find_here(&ia->stas, mac);

	if (!s)
		return -ENOENT;
	s->vlan = vlan;
	return 0;
}

int iapp_sta_authorize(struct iapp *ia, const uint8_t mac[MAC_LEN])
{
	struct sta *s = sta_find_here(&ia->stas, mac);

	if (!s)
		return -ENOENT;
	if (!sta_authorize(s, loop_now_ms()))
		return -EALREADY;
	act_authorized(ia, s);
	return 0;
}

int iapp_sta_del(struct iapp *ia, const uint8_t mac[MAC_LEN])
{
	struct sta *s = sta_find_here(&ia->stas, mac);
	char m[MAC_STR_LEN];

	if (!s)
		return -ENOENT;
	sta_set_gone(s, loop_now_ms());
	log_info("iapp: station %s left", macstr(mac, m));
	return 0;
}

void iapp_l2update_result(struct iapp *ia, int error)
{
	if (error) {
		ia->st.l2update_failed++;
		log_warn("iapp: the module refused a Layer-2 Update: %s",
			 strerror(-error));
	}
}

void iapp_binding_result(struct iapp *ia, enum iapp_binding_outcome o)
{
	switch (o) {
	case IAPP_BINDING_ADDED:
		ia->st.bindings_added++;
		break;
	case IAPP_BINDING_FAILED:
		ia->st.bindings_failed++;
		break;
	case IAPP_BINDING_SKIPPED:
		ia->st.bindings_skipped++;
		break;
	case IAPP_BINDING_CONFLICT:
		ia->st.bindings_conflict++;
		break;
	}
}

struct sta_table *iapp_stas(struct iapp *ia)
{
	return &ia->stas;
}

const struct iapp_stats *iapp_get_stats(const struct iapp *ia)
{
	return &ia->st;
}

const struct config_iapp *iapp_get_config(const struct iapp *ia)
{
	return &ia->cfg;
}

size_t iapp_n_bssids(const struct iapp *ia)
{
	return ia->n_map;
}

size_t iapp_n_stations(const struct iapp *ia)
{
	return ia->stas.n;
}

size_t iapp_n_cached(const struct iapp *ia)
{
	return iapp_cache_count(&ia->cache, loop_now_ms());
}

size_t iapp_n_conns(const struct iapp *ia)
{
	return iapp_io_n_conns(ia->io);
}

bool iapp_listening(const struct iapp *ia)
{
	return iapp_io_listening(ia->io);
}
