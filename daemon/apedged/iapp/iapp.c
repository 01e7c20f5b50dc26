// SPDX-License-Identifier: GPL-2.0
/*
 * The IAPP engine.  See iapp.h; the decisions are in iapp_logic.c, the
 * messages in iapp_msg.c, the station table in sta.c.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "iapp/iapp.h"
#include "iapp/logic.h"
#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"

#define WIRE_MAX	(IAPP_MSG_MAX + IAPP_AUTH_LEN)

enum conn_kind {
	CONN_SERVER,		/* accepted: MOVE- and CACHE-notify come in */
	CONN_MOVE,		/* ours: MOVE-notify out, response in */
	CONN_CACHE,		/* ours: CACHE-notify out, response in */
};

struct conn {
	struct list node;
	struct iapp *ia;
	int fd;
	struct loop_watch *watch;
	struct loop_timer *timer;
	enum conn_kind kind;
	bool connecting;
	bool answered;		/* a client got its response */
	bool filling;		/* a server waits for ops.ctx_fill */
	struct iapp_msg req;	/* the MOVE-notify it waits to answer */
	uint8_t tx_cmd;		/* of the message in tx, counted once sent */
	uint8_t mac[MAC_LEN];	/* a client's station */
	char peer[INET_ADDRSTRLEN];
	size_t rx_len;
	size_t tx_len, tx_off;
	uint8_t rx[WIRE_MAX];
	uint8_t tx[WIRE_MAX];
};

struct cache_entry {
	bool used;
	uint8_t mac[MAC_LEN];
	uint16_t seq;
	uint64_t expires_ms;
	struct iapp_ctx ctx;
};

enum rl_reason {
	RL_MALFORMED,				/* + enum iapp_err */
	RL_L2UPDATE_ABSENT = RL_MALFORMED + IAPP_ERR_MAX,
	RL_TCP_REFUSED,
	RL_SEND,
	RL_MAX
};

struct iapp {
	struct loop *loop;
	struct netif *netif;		/* interface facts; may be NULL */
	struct netif_sub *link_sub;	/* the IAPP interface's events */
	const struct iapp_ops *ops;
	void *data;
	struct sta_table stas;
	struct iapp_stats st;

	struct config_iapp cfg;
	struct config_bssid *map;
	size_t n_map;

	int udp_fd, tcp_fd;
	struct loop_watch *udp_watch, *tcp_watch;
	int hapd_fd;			/* to hostapd's control sockets */
	struct loop_watch *hapd_watch;
	struct loop_timer *retry;
	struct loop_timer *expire;
	unsigned int ifindex;
	uint16_t next_id;

	struct list conns;
	size_t n_conns;
	size_t n_served;		/* of them, accepted ones */

	uint64_t rl_last[RL_MAX];
	struct cache_entry cache[IAPP_CACHE_MAX];
};

/* The malformed counters' names in "iapp show" (stable, unlike texts). */
static const char *const err_keys[IAPP_ERR_MAX] = {
	[IAPP_OK] = "ok",
	[IAPP_ERR_SHORT] = "short",
	[IAPP_ERR_VERSION] = "version",
	[IAPP_ERR_LENGTH] = "length",
	[IAPP_ERR_ADDR_LEN] = "addr-len",
	[IAPP_ERR_COMMAND] = "command",
	[IAPP_ERR_CTX] = "context",
	[IAPP_ERR_TOO_BIG] = "too-big",
	[IAPP_ERR_AUTH_MISSING] = "auth-missing",
	[IAPP_ERR_AUTH_BAD] = "auth-bad",
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

static uint16_t clock_seq(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint16_t)ts.tv_sec;
}

static const char *macstr(const uint8_t mac[MAC_LEN], char buf[MAC_STR_LEN])
{
	return mac_format(mac, buf);
}

static const struct iapp_key *key(const struct iapp *ia)
{
	return &ia->cfg.key;
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

/* Stations */

/* hostapd's answers to DEAUTHENTICATE: "OK" or "FAIL". */
static void hapd_cb(struct loop_watch *w, int fd, uint32_t events,
		    void *data)
{
	struct iapp *ia = data;
	char buf[128];
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT)) >= 0) {
		buf[n] = '\0';
		buf[strcspn(buf, "\r\n")] = '\0';
		if (!strcmp(buf, "OK")) {
			log_debug("iapp: hostapd: OK");
			continue;
		}
		ia->st.kick_failed++;
		log_warn("iapp: hostapd did not remove a station: %.32s", buf);
	}
}

/*
 * One datagram socket for all requests to hostapd, bound to an abstract
 * address of the kernel's choosing so that hostapd can answer.
 */
static int hapd_open(struct iapp *ia)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (ia->hapd_fd >= 0)
		return 0;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa_family_t)) < 0) {
		int r = -errno;

		close(fd);
		return r;
	}
	ia->hapd_watch = loop_watch_add(ia->loop, fd, EPOLLIN, hapd_cb, ia);
	if (!ia->hapd_watch) {
		close(fd);
		return -ENOMEM;
	}
	ia->hapd_fd = fd;
	return 0;
}

/* An event for the daemon's monitors; see iapp_ops.event. */
static void publish(struct iapp *ia, const char *name,
		    const uint8_t mac[MAC_LEN], const char *direction,
		    const char *peer, const char *result)
{
	char m[MAC_STR_LEN];
	struct strbuf f;

	if (!ia->ops->event)
		return;
	sb_init(&f);
	sb_printf(&f, "{\"mac\": \"%s\"", macstr(mac, m));
	if (direction) {
		sb_puts(&f, ", \"direction\": ");
		sb_json_string(&f, direction);
	}
	if (peer) {
		sb_puts(&f, ", \"peer\": ");
		sb_json_string(&f, peer);
	}
	if (result) {
		sb_puts(&f, ", \"result\": ");
		sb_json_string(&f, result);
	}
	sb_puts(&f, "}");
	if (!f.oom)
		ia->ops->event(name, f.buf, ia->data);
	sb_free(&f);
}

static void do_kick(struct iapp *ia, struct sta *s, const char *why)
{
	char m[MAC_STR_LEN];
	int r = -EOPNOTSUPP;

	macstr(s->mac, m);
	if (ia->ops->kick) {
		r = ia->ops->kick(s, ia->data);
		if (!r) {
			ia->st.kick_hook++;
			log_notice("iapp: station %s removed (%s)", m, why);
			publish(ia, "iapp-kick", s->mac, NULL, NULL, "nl80211");
		}
	}
	if (r == -EOPNOTSUPP && ia->cfg.kick == CONFIG_KICK_HOSTAPD) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		char cmd[64];
		int n;

		/* config.c keeps room for "/" and an interface name. */
		if (snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/%s",
			     ia->cfg.hostapd_ctrl, s->ifname) >=
		    (int)sizeof(sa.sun_path))
			sa.sun_path[0] = '\0';
		n = snprintf(cmd, sizeof(cmd), "DEAUTHENTICATE %s", m);
		r = hapd_open(ia);
		if (!r && sendto(ia->hapd_fd, cmd, (size_t)n, MSG_DONTWAIT,
				 (struct sockaddr *)&sa, sizeof(sa)) < 0)
			r = -errno;
		if (r) {
			ia->st.kick_failed++;
			log_err("iapp: station %s: cannot ask hostapd (%s) to "
				"remove it: %s", m, sa.sun_path, strerror(-r));
		} else {
			ia->st.kick_hostapd++;
			log_notice("iapp: station %s removed through hostapd "
				   "on %s (%s)", m, s->ifname, why);
		}
		publish(ia, "iapp-kick", s->mac, NULL, NULL,
			r ? "failed" : "hostapd");
	} else if (r == -EOPNOTSUPP) {
		ia->st.kick_none++;
		log_notice("iapp: station %s is to be removed (%s); kick = "
			   "none: left to the radio", m, why);
		publish(ia, "iapp-kick", s->mac, NULL, NULL, "none");
	} else if (r) {
		ia->st.kick_failed++;
		log_err("iapp: station %s: cannot remove it: %s", m,
			strerror(-r));
		publish(ia, "iapp-kick", s->mac, NULL, NULL, "failed");
	}
	sta_set_gone(s, loop_now_ms());
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

static void conn_free(struct conn *c)
{
	struct iapp *ia = c->ia;

	list_del(&c->node);
	ia->n_conns--;
	if (c->kind == CONN_SERVER)
		ia->n_served--;
	loop_watch_remove(c->watch);
	loop_timer_remove(c->timer);
	close(c->fd);
	free(c);
}

/* A client connection failed before its answer. */
static void conn_failed(struct conn *c, bool timeout)
{
	struct iapp *ia = c->ia;
	char m[MAC_STR_LEN];

	if (c->kind == CONN_SERVER || c->answered)
		return;
	macstr(c->mac, m);
	if (c->kind == CONN_MOVE) {
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

static void finish_fill(struct conn *c, const struct iapp_ctx *ctx);

static void conn_timer_cb(struct loop_timer *t, void *data)
{
	struct conn *c = data;

	if (c->filling) {
		c->ia->st.ctx_fill_timeout++;
		log_warn("iapp: no bindings from the module in %d ms; "
			 "answering %s with the station table's context",
			 IAPP_FILL_TIMEOUT_MS, c->peer);
		finish_fill(c, NULL);
		return;
	}
	c->ia->st.tcp_timeout++;
	if (c->kind == CONN_SERVER)
		log_debug("iapp: TCP peer %s timed out%s", c->peer,
			  c->rx_len ? " mid-message" : "");
	conn_failed(c, true);
	conn_free(c);
}

/*
 * Wait to write, or to read; not both.  While writing, a peer that shut
 * down its side (EPOLLRDHUP, which stays ready) must not wake us until
 * it can take our bytes: we read what it sent once the write is done.
 */
static void conn_update_watch(struct conn *c)
{
	if (c->filling)
		loop_watch_modify(c->watch, EPOLLRDHUP);
	else if (c->connecting || c->tx_off < c->tx_len)
		loop_watch_modify(c->watch, EPOLLOUT);
	else
		loop_watch_modify(c->watch, EPOLLIN | EPOLLRDHUP);
}

static bool conn_queue(struct conn *c, const uint8_t *msg, size_t len)
{
	if (!len || c->tx_len - c->tx_off + len > sizeof(c->tx))
		return false;
	memmove(c->tx, c->tx + c->tx_off, c->tx_len - c->tx_off);
	c->tx_len -= c->tx_off;
	c->tx_off = 0;
	memcpy(c->tx + c->tx_len, msg, len);
	c->tx_len += len;
	c->tx_cmd = msg[1];
	return true;
}

/* false when the connection is to be closed. */
static bool conn_flush(struct conn *c)
{
	while (c->tx_off < c->tx_len) {
		ssize_t n = send(c->fd, c->tx + c->tx_off, c->tx_len - c->tx_off,
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			if (errno == EINTR)
				continue;
			log_debug("iapp: send to %s: %s", c->peer,
				  strerror(errno));
			return false;
		}
		c->tx_off += (size_t)n;
	}
	if (c->tx_len && c->tx_off == c->tx_len) {
		if (c->tx_cmd <= IAPP_CMD_MAX)
			c->ia->st.tx[c->tx_cmd]++;
		c->tx_off = c->tx_len = 0;
	}
	conn_update_watch(c);
	return true;
}

static void cache_store(struct iapp *ia, const struct iapp_msg *m)
{
	struct cache_entry *e = NULL, *victim = NULL;
	uint64_t now = loop_now_ms();
	unsigned int i;

	for (i = 0; i < IAPP_CACHE_MAX; i++) {
		struct cache_entry *c = &ia->cache[i];

		if (c->used && !memcmp(c->mac, m->mac, MAC_LEN)) {
			e = c;
			break;
		}
		if (!c->used || c->expires_ms <= now) {
			if (!victim || victim->used)
				victim = c;
		} else if (!victim || (victim->used &&
				       c->expires_ms < victim->expires_ms)) {
			victim = c;
		}
	}
	if (!e)
		e = victim;
	e->used = true;
	memcpy(e->mac, m->mac, MAC_LEN);
	e->seq = m->seq;
	e->expires_ms = now + (uint64_t)m->timeout * 1000;
	e->ctx = m->ctx;
}

static struct cache_entry *cache_find(struct iapp *ia,
				      const uint8_t mac[MAC_LEN])
{
	uint64_t now = loop_now_ms();
	unsigned int i;

	for (i = 0; i < IAPP_CACHE_MAX; i++) {
		struct cache_entry *c = &ia->cache[i];

		if (c->used && c->expires_ms <= now)
			c->used = false;
		if (c->used && !memcmp(c->mac, mac, MAC_LEN))
			return c;
	}
	return NULL;
}

static size_t cache_count(const struct iapp *ia)
{
	uint64_t now = loop_now_ms();
	size_t i, n = 0;

	for (i = 0; i < IAPP_CACHE_MAX; i++)
		if (ia->cache[i].used && ia->cache[i].expires_ms > now)
			n++;
	return n;
}

/*
 * Answer a MOVE-notify; the decision is taken (again) now.  fill: the
 * station's addresses as the module has them, or NULL for the table's.
 */
static bool answer_move(struct conn *c, const struct iapp_msg *m,
			const struct iapp_ctx *fill)
{
	static const char *const names[] = { "successful", "denied", "stale" };
	struct iapp *ia = c->ia;
	struct sta *s = sta_find(&ia->stas, m->mac);
	enum iapp_move_status st = iapp_move_decide(s, m);
	uint8_t out[WIRE_MAX];
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
				       key(ia));
	if (!conn_queue(c, out, len))
		return false;
	if (st == IAPP_MOVE_SUCCESSFUL) {
		sta_note_seq(&ia->stas, m->mac, m->seq, loop_now_ms());
		if (s->state != STA_GONE)
			do_kick(ia, s, "moved, MOVE-notify");
	}
	return true;
}

/* A MOVE-notify or CACHE-notify on a server connection. */
static bool serve(struct conn *c, const struct iapp_msg *m)
{
	struct iapp *ia = c->ia;
	struct sta *s = sta_find(&ia->stas, m->mac);
	uint8_t out[WIRE_MAX];
	char mstr[MAC_STR_LEN];
	size_t len;

	macstr(m->mac, mstr);
	if (m->cmd == IAPP_CMD_MOVE_NOTIFY) {
		int r = -EOPNOTSUPP;

		if (iapp_move_decide(s, m) == IAPP_MOVE_SUCCESSFUL &&
		    ia->ops->ctx_fill)
			r = ia->ops->ctx_fill(s, ia->data);
		if (r == -ENOTCONN)
			ia->st.ctx_fill_absent++;
		else if (r < 0 && r != -EOPNOTSUPP)
			ia->st.ctx_fill_failed++;
		if (r)
			return answer_move(c, m, NULL);
		/* The answer waits for the module's bindings, bounded. */
		log_debug("iapp: MOVE-notify for %s from %s: asking the module "
			  "for its bindings", mstr, c->peer);
		c->filling = true;
		c->req = *m;
		loop_timer_rearm(c->timer, IAPP_FILL_TIMEOUT_MS, 0);
		conn_update_watch(c);
		return true;
	}
	if (m->cmd == IAPP_CMD_CACHE_NOTIFY) {
		struct cache_entry *e = cache_find(ia, m->mac);
		enum iapp_cache_status st;

		st = iapp_cache_decide(s, e != NULL, e ? e->seq : 0, m);
		if (st == IAPP_CACHE_SUCCESSFUL) {
			cache_store(ia, m);
			ia->st.cache_stored++;
		} else {
			ia->st.cache_stale++;
		}
		log_info("iapp: CACHE-notify for %s (seq %u, %u s) from %s: "
			 "%s", mstr, m->seq, m->timeout, c->peer,
			 st == IAPP_CACHE_SUCCESSFUL ? "stored" : "stale");
		len = iapp_build_cache_response(out, sizeof(out),
						ia->next_id++, st, m->mac,
						m->seq, key(ia));
		return conn_queue(c, out, len);
	}
	count_bad(ia, IAPP_ERR_COMMAND, c->peer, iapp_cmd_str(m->cmd));
	return false;
}

static void send_cache_notifies(struct iapp *ia, const struct sta *s);

/* The response on a client connection; false: close it. */
static bool answered(struct conn *c, const struct iapp_msg *m)
{
	struct iapp *ia = c->ia;
	char mstr[MAC_STR_LEN];
	struct sta *s;

	macstr(c->mac, mstr);
	if ((c->kind == CONN_MOVE && m->cmd != IAPP_CMD_MOVE_RESPONSE) ||
	    (c->kind == CONN_CACHE && m->cmd != IAPP_CMD_CACHE_RESPONSE) ||
	    memcmp(m->mac, c->mac, MAC_LEN)) {
		count_bad(ia, IAPP_ERR_COMMAND, c->peer,
			  "unexpected response");
		return false;
	}
	c->answered = true;
	if (c->kind == CONN_CACHE) {
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
			apply_ctx(ia, s, &m->ctx, c->peer);
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

/* Take the whole messages off the front of rx; false: close. */
static bool conn_process(struct conn *c)
{
	struct iapp *ia = c->ia;

	while (c->tx_off == c->tx_len && !c->filling) {
		long need = iapp_stream_need(c->rx, c->rx_len, key(ia));
		struct iapp_msg m;
		enum iapp_err e;

		if (need < 0) {
			count_bad(ia, (enum iapp_err)-need, c->peer,
				  "TCP stream");
			return false;
		}
		if (!need || (size_t)need > c->rx_len)
			return true;
		e = iapp_parse_stream(c->rx, (size_t)need, key(ia), &m);
		if (e) {
			count_bad(ia, e, c->peer, iapp_cmd_str(m.cmd));
			return false;
		}
		ia->st.rx[m.cmd]++;
		memmove(c->rx, c->rx + need, c->rx_len - (size_t)need);
		c->rx_len -= (size_t)need;
		if (c->kind == CONN_SERVER) {
			if (!serve(c, &m))
				return false;
			if (c->filling)
				return true;
			loop_timer_rearm(c->timer, IAPP_TCP_TIMEOUT_MS, 0);
			if (!conn_flush(c))
				return false;
		} else {
			return answered(c, &m);
		}
	}
	return true;
}

/* The wait for ops.ctx_fill is over: answer, then read on. */
static void finish_fill(struct conn *c, const struct iapp_ctx *ctx)
{
	c->filling = false;
	loop_timer_rearm(c->timer, IAPP_TCP_TIMEOUT_MS, 0);
	if (!answer_move(c, &c->req, ctx) || !conn_flush(c) ||
	    !conn_process(c))
		conn_free(c);
}

void iapp_ctx_filled(struct iapp *ia, const uint8_t mac[MAC_LEN],
		     const struct iapp_ctx *ctx)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &ia->conns) {
		struct conn *c = list_entry(pos, struct conn, node);

		if (!c->filling || memcmp(c->req.mac, mac, MAC_LEN))
			continue;
		if (ctx)
			ia->st.ctx_filled++;
		else
			ia->st.ctx_fill_failed++;
		finish_fill(c, ctx);
	}
}

static void conn_cb(struct loop_watch *w, int fd, uint32_t events, void *data)
{
	struct conn *c = data;

	if (c->connecting) {
		int err = 0;
		socklen_t len = sizeof(err);

		if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
			return;
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err) {
			log_debug("iapp: connect to %s: %s", c->peer,
				  strerror(err));
			conn_failed(c, false);
			conn_free(c);
			return;
		}
		c->connecting = false;
	}
	if (c->tx_off < c->tx_len) {
		if (!conn_flush(c)) {
			conn_failed(c, false);
			conn_free(c);
			return;
		}
		if (c->tx_off < c->tx_len)
			return;
		/* What came meanwhile is still to be read. */
		if (!conn_process(c)) {
			conn_failed(c, false);
			conn_free(c);
		}
		return;
	}
	if (!(events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
		return;
	for (;;) {
		ssize_t n = recv(fd, c->rx + c->rx_len,
				 sizeof(c->rx) - c->rx_len, MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			if (c->rx_len || (c->kind != CONN_SERVER &&
					  !c->answered)) {
				c->ia->st.tcp_closed_early++;
				log_debug("iapp: TCP peer %s closed early",
					  c->peer);
			}
			conn_failed(c, false);
			conn_free(c);
			return;
		}
		c->rx_len += (size_t)n;
		if (!conn_process(c)) {
			conn_failed(c, false);
			conn_free(c);
			return;
		}
		if (c->rx_len == sizeof(c->rx) || c->tx_off < c->tx_len)
			break;
	}
}

static struct conn *conn_new(struct iapp *ia, int fd, enum conn_kind kind,
			     const struct in_addr *peer, uint64_t timeout_ms)
{
	struct conn *c = calloc(1, sizeof(*c));

	if (!c) {
		close(fd);
		return NULL;
	}
	c->ia = ia;
	c->fd = fd;
	c->kind = kind;
	inet_ntop(AF_INET, peer, c->peer, sizeof(c->peer));
	c->watch = loop_watch_add(ia->loop, fd, EPOLLIN | EPOLLRDHUP, conn_cb,
				  c);
	c->timer = loop_timer_add(ia->loop, timeout_ms, 0, conn_timer_cb, c);
	if (!c->watch || !c->timer) {
		loop_watch_remove(c->watch);
		loop_timer_remove(c->timer);
		close(fd);
		free(c);
		return NULL;
	}
	list_add_tail(&ia->conns, &c->node);
	ia->n_conns++;
	if (kind == CONN_SERVER)
		ia->n_served++;
	return c;
}

static void tcp_accept_cb(struct loop_watch *w, int fd, uint32_t events,
			  void *data)
{
	struct iapp *ia = data;
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int cfd;

	cfd = accept4(fd, (struct sockaddr *)&sa, &len,
		      SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0)
		return;
	if (ia->n_served >= IAPP_TCP_CONNS_MAX) {
		ia->st.tcp_refused++;
		rl_log(ia, RL_TCP_REFUSED, LOG_WARNING,
		       "iapp: too many TCP connections (%d); refusing",
		       IAPP_TCP_CONNS_MAX);
		close(cfd);
		return;
	}
	ia->st.tcp_accepted++;
	conn_new(ia, cfd, CONN_SERVER, &sa.sin_addr, IAPP_TCP_TIMEOUT_MS);
}

/* Open a client connection and queue msg on it. */
static void connect_send(struct iapp *ia, enum conn_kind kind,
			 const struct in_addr *addr,
			 const uint8_t mac[MAC_LEN], const uint8_t *msg,
			 size_t len)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons(ia->cfg.port),
		.sin_addr = *addr,
	};
	struct conn *c;
	int fd;

	if (ia->n_conns - ia->n_served >= IAPP_TCP_CONNS_MAX || !len) {
		ia->st.send_errors++;
		if (kind == CONN_MOVE)
			ia->st.move_error++;
		else
			ia->st.cache_error++;
		return;
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		ia->st.send_errors++;
		return;
	}
	c = conn_new(ia, fd, kind, addr, ia->cfg.move_timeout_ms);
	if (!c)
		return;
	memcpy(c->mac, mac, MAC_LEN);
	conn_queue(c, msg, len);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
	    errno != EINPROGRESS) {
		log_warn("iapp: cannot connect to %s: %s", c->peer,
			 strerror(errno));
		conn_failed(c, false);
		conn_free(c);
		return;
	}
	c->connecting = true;
	conn_update_watch(c);
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
	uint8_t out[WIRE_MAX];
	char m[MAC_STR_LEN], p[MAC_STR_LEN];
	char a[INET_ADDRSTRLEN];
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
		for (i = 0; i < ia->n_map; i++)
			if (!memcmp(&ia->map[i].addr, s->announcer, 4))
				b = &ia->map[i];
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
				     s->seq, &s->ctx, key(ia));
	connect_send(ia, CONN_MOVE, &b->addr, s->mac, out, len);
}

static void send_cache_notifies(struct iapp *ia, const struct sta *s)
{
	static const uint8_t zero[MAC_LEN];
	uint8_t out[WIRE_MAX];
	size_t i, len;

	len = iapp_build_cache_notify(out, sizeof(out), ia->next_id++, s->mac,
				      s->seq, ia->cfg.has_bssid ?
				      ia->cfg.bssid : zero, &s->ctx,
				      (uint16_t)ia->cfg.cache_timeout_s,
				      key(ia));
	for (i = 0; i < ia->n_map; i++) {
		if (ia->cfg.has_bssid &&
		    !memcmp(ia->map[i].bssid, ia->cfg.bssid, MAC_LEN))
			continue;
		connect_send(ia, CONN_CACHE, &ia->map[i].addr, s->mac, out,
			     len);
	}
}

/* UDP */

/* An address of this host, on any interface (our own multicast). */
static bool is_own(struct iapp *ia, struct in_addr a)
{
	return ia->netif && netif_has_addr(ia->netif, 0, AF_INET, &a);
}

static void handle_add(struct iapp *ia, const struct iapp_msg *m,
		       struct in_addr src, const char *from)
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
			   (const uint8_t *)&src.s_addr);
}

static void udp_cb(struct loop_watch *w, int fd, uint32_t events, void *data)
{
	struct iapp *ia = data;
	uint8_t buf[WIRE_MAX + 1];
	int i;

	for (i = 0; i < 64; i++) {
		struct sockaddr_in sa;
		socklen_t slen = sizeof(sa);
		char from[INET_ADDRSTRLEN];
		struct iapp_msg m;
		enum iapp_err e;
		ssize_t n;

		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC,
			     (struct sockaddr *)&sa, &slen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (slen < sizeof(sa) || sa.sin_family != AF_INET)
			continue;
		inet_ntop(AF_INET, &sa.sin_addr, from, sizeof(from));
		if (is_own(ia, sa.sin_addr)) {
			ia->st.add_ignored_own++;
			continue;
		}
		if ((size_t)n > WIRE_MAX) {
			count_bad(ia, IAPP_ERR_TOO_BIG, from, "datagram");
			continue;
		}
		e = iapp_parse_dgram(buf, (size_t)n, key(ia), &m);
		if (!e && m.cmd != IAPP_CMD_ADD_NOTIFY)
			e = IAPP_ERR_COMMAND;
		if (e) {
			count_bad(ia, e, from, "datagram");
			continue;
		}
		ia->st.rx[m.cmd]++;
		handle_add(ia, &m, sa.sin_addr, from);
	}
}

static void send_add(struct iapp *ia, const struct sta *s)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons(ia->cfg.port),
	};
	uint8_t out[WIRE_MAX];
	char m[MAC_STR_LEN];
	size_t len;

	if (ia->udp_fd < 0)
		return;
	inet_pton(AF_INET, IAPP_MCAST_ADDR, &sa.sin_addr);
	len = iapp_build_add(out, sizeof(out), ia->next_id++, s->mac, s->seq,
			     key(ia));
	if (!len || sendto(ia->udp_fd, out, len, MSG_DONTWAIT,
			   (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		ia->st.send_errors++;
		rl_log(ia, RL_SEND, LOG_WARNING, "iapp: cannot send "
		       "ADD-notify: %s", len ? strerror(errno) : "build");
		return;
	}
	ia->st.tx[IAPP_CMD_ADD_NOTIFY]++;
	log_info("iapp: ADD-notify for %s (seq %u) sent", macstr(s->mac, m),
		 s->seq);
	publish(ia, "iapp-add", s->mac, "sent", NULL, NULL);
}

/* Sockets */

static void close_sockets(struct iapp *ia)
{
	while (!list_empty(&ia->conns))
		conn_free(list_entry(ia->conns.next, struct conn, node));
	loop_watch_remove(ia->udp_watch);
	loop_watch_remove(ia->tcp_watch);
	ia->udp_watch = ia->tcp_watch = NULL;
	if (ia->udp_fd >= 0)
		close(ia->udp_fd);
	if (ia->tcp_fd >= 0)
		close(ia->tcp_fd);
	ia->udp_fd = ia->tcp_fd = -1;
}

/*
 * Bind fd to the IAPP interface, so that stations on other interfaces
 * (which may reach one of our addresses) can neither send ADD-notify nor
 * connect to the TCP port.
 */
static int bind_to_iface(struct iapp *ia, int fd)
{
	return setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ia->cfg.ifname,
			  (socklen_t)strlen(ia->cfg.ifname) + 1);
}

static int open_sockets(struct iapp *ia)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons(ia->cfg.port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	struct ip_mreqn mr = { 0 };
	int one = 1, zero = 0, ttl = (int)ia->cfg.ttl;
	const struct netif_link *l = ia->netif ?
		netif_link_by_name(ia->netif, ia->cfg.ifname) : NULL;
	const char *what;

	if (!l) {
		log_err("iapp: interface %s: %s", ia->cfg.ifname,
			strerror(ENODEV));
		return -ENODEV;
	}
	ia->ifindex = (unsigned int)l->index;
	mr.imr_ifindex = (int)ia->ifindex;
	inet_pton(AF_INET, IAPP_MCAST_ADDR, &mr.imr_multiaddr);

	what = "UDP socket";
	ia->udp_fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    0);
	if (ia->udp_fd < 0)
		goto fail;
	setsockopt(ia->udp_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* Only what arrives on the IAPP interface: see bind_to_iface(). */
	what = "SO_BINDTODEVICE";
	if (bind_to_iface(ia, ia->udp_fd) < 0)
		goto fail;
	what = "UDP bind";
	if (bind(ia->udp_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		goto fail;
	what = "IP_ADD_MEMBERSHIP";
	if (setsockopt(ia->udp_fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
		       sizeof(mr)) < 0)
		goto fail;
	what = "IP_MULTICAST_IF";
	if (setsockopt(ia->udp_fd, IPPROTO_IP, IP_MULTICAST_IF, &mr,
		       sizeof(mr)) < 0)
		goto fail;
	what = "IP_MULTICAST_TTL";
	if (setsockopt(ia->udp_fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl,
		       sizeof(ttl)) < 0 ||
	    setsockopt(ia->udp_fd, IPPROTO_IP, IP_MULTICAST_LOOP, &zero,
		       sizeof(zero)) < 0)
		goto fail;

	what = "TCP socket";
	ia->tcp_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    0);
	if (ia->tcp_fd < 0)
		goto fail;
	setsockopt(ia->tcp_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	what = "SO_BINDTODEVICE";
	if (bind_to_iface(ia, ia->tcp_fd) < 0)
		goto fail;
	what = "TCP bind";
	if (bind(ia->tcp_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(ia->tcp_fd, IAPP_TCP_CONNS_MAX) < 0)
		goto fail;
	what = "loop";
	ia->udp_watch = loop_watch_add(ia->loop, ia->udp_fd, EPOLLIN, udp_cb,
				       ia);
	ia->tcp_watch = loop_watch_add(ia->loop, ia->tcp_fd, EPOLLIN,
				       tcp_accept_cb, ia);
	if (!ia->udp_watch || !ia->tcp_watch)
		goto fail;
	log_info("iapp: listening on port %u, group %s on %s (ttl %u%s)",
		 ia->cfg.port, IAPP_MCAST_ADDR, ia->cfg.ifname, ia->cfg.ttl,
		 ia->cfg.key.len ? ", authenticated" : "");
	return 0;

fail:
	log_err("iapp: %s on %s: %s", what, ia->cfg.ifname, strerror(errno));
	close_sockets(ia);
	return -EIO;
}

static void retry_cb(struct loop_timer *t, void *data)
{
	struct iapp *ia = data;

	/* An absent interface is waited for in link_cb(), not polled. */
	if (ia->udp_fd >= 0 || !ia->cfg.enabled ||
	    open_sockets(ia) != -EIO)
		loop_timer_disarm(t);
}

/* The IAPP interface appeared (or took the name), or went away. */
static void link_cb(const struct netif_event *ev, void *data)
{
	struct iapp *ia = data;

	if (ev->replay || !ia->cfg.enabled)
		return;
	if (ev->type == NETIF_LINK_NEW && ia->udp_fd < 0) {
		loop_timer_disarm(ia->retry);
		if (open_sockets(ia) == -EIO)
			loop_timer_rearm(ia->retry, IAPP_RETRY_MS,
					 IAPP_RETRY_MS);
	} else if (ev->type == NETIF_LINK_DEL && ia->udp_fd >= 0) {
		log_notice("iapp: interface %s is gone; listening again "
			   "when it is back", ia->cfg.ifname);
		close_sockets(ia);
		loop_timer_disarm(ia->retry);
	}
}

static void expire_cb(struct loop_timer *t, void *data)
{
	struct iapp *ia = data;

	sta_expire(&ia->stas, loop_now_ms());
}

struct iapp *iapp_new(struct loop *loop, struct netif *netif,
		      const struct iapp_ops *ops, void *data)
{
	struct iapp *ia = calloc(1, sizeof(*ia));

	if (!ia)
		return NULL;
	ia->loop = loop;
	ia->netif = netif;
	ia->ops = ops;
	ia->data = data;
	ia->udp_fd = ia->tcp_fd = ia->hapd_fd = -1;
	ia->next_id = (uint16_t)clock_seq();
	sta_table_init(&ia->stas);
	list_init(&ia->conns);
	ia->retry = loop_timer_add(loop, IAPP_RETRY_MS, IAPP_RETRY_MS,
				   retry_cb, ia);
	ia->expire = loop_timer_add(loop, 60000, 60000, expire_cb, ia);
	if (!ia->retry || !ia->expire) {
		iapp_free(ia);
		return NULL;
	}
	loop_timer_disarm(ia->retry);
	return ia;
}

void iapp_free(struct iapp *ia)
{
	if (!ia)
		return;
	netif_unsubscribe(ia->link_sub);
	close_sockets(ia);
	loop_watch_remove(ia->hapd_watch);
	if (ia->hapd_fd >= 0)
		close(ia->hapd_fd);
	loop_timer_remove(ia->retry);
	loop_timer_remove(ia->expire);
	sta_table_free(&ia->stas);
	free(ia->map);
	memset(&ia->cfg.key, 0, sizeof(ia->cfg.key));
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
		 ia->udp_fd < 0;
	if (ia->netif && (!ia->link_sub || strcmp(n->ifname, ia->cfg.ifname))) {
		netif_unsubscribe(ia->link_sub);
		ia->link_sub = n->ifname[0] ?
			netif_subscribe(ia->netif, n->ifname, link_cb, ia) :
			NULL;
	}
	ia->cfg = *n;
	if (!reopen)
		return 0;
	close_sockets(ia);
	loop_timer_disarm(ia->retry);
	if (!n->enabled)
		return 0;
	switch (open_sockets(ia)) {
	case -ENODEV:
		log_notice("iapp: listening once %s is there", n->ifname);
		break;
	case -EIO:
		log_notice("iapp: retrying every %d s", IAPP_RETRY_MS / 1000);
		loop_timer_rearm(ia->retry, IAPP_RETRY_MS, IAPP_RETRY_MS);
		break;
	}
	return 0;
}

/* Station events */

static void act_authorized(struct iapp *ia, struct sta *s)
{
	struct cache_entry *e = cache_find(ia, s->mac);
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

static void put(struct strbuf *sb, bool *first, const char *name,
		uint64_t v)
{
	sb_printf(sb, "%s\"%s\": %llu", *first ? "" : ", ", name,
		  (unsigned long long)v);
	*first = false;
}

void iapp_format_show(const struct iapp *ia, struct strbuf *sb)
{
	const struct iapp_stats *st = &ia->st;
	bool f;
	int i;

	sb_printf(sb, "{\"enabled\": %s, \"interface\": ",
		  ia->cfg.enabled ? "true" : "false");
	sb_json_string(sb, ia->cfg.enabled ? ia->cfg.ifname : NULL);
	sb_printf(sb, ", \"listening\": %s, \"port\": %u, \"ttl\": %u, "
		  "\"auth\": %s, \"kick-method\": \"%s\", \"bssids\": %zu, "
		  "\"stations\": %zu, \"cached\": %zu, \"connections\": %zu",
		  ia->udp_fd >= 0 ? "true" : "false", ia->cfg.port,
		  ia->cfg.ttl, ia->cfg.key.len ? "true" : "false",
		  config_kick_name(ia->cfg.kick),
		  ia->n_map, ia->stas.n, cache_count(ia), ia->n_conns);
	sb_puts(sb, ", \"sent\": {");
	for (f = true, i = 0; i <= IAPP_CMD_MAX; i++)
		if (i != IAPP_CMD_SEND_SECURITY_BLOCK &&
		    i != IAPP_CMD_ACK_SECURITY_BLOCK)
			put(sb, &f, iapp_cmd_str((uint8_t)i), st->tx[i]);
	sb_puts(sb, "}, \"received\": {");
	for (f = true, i = 0; i <= IAPP_CMD_MAX; i++)
		if (i != IAPP_CMD_SEND_SECURITY_BLOCK &&
		    i != IAPP_CMD_ACK_SECURITY_BLOCK)
			put(sb, &f, iapp_cmd_str((uint8_t)i), st->rx[i]);
	sb_puts(sb, "}, \"add\": {");
	f = true;
	put(sb, &f, "kicked", st->add_kicked);
	put(sb, &f, "ignored-own", st->add_ignored_own);
	put(sb, &f, "ignored-not-here", st->add_ignored_not_here);
	put(sb, &f, "ignored-stale", st->add_ignored_stale);
	put(sb, &f, "unauthorized", st->add_unauthorized);
	sb_puts(sb, "}, \"move\": {");
	f = true;
	put(sb, &f, "successful", st->move_successful);
	put(sb, &f, "denied", st->move_denied);
	put(sb, &f, "stale", st->move_stale);
	put(sb, &f, "timeout", st->move_timeout);
	put(sb, &f, "error", st->move_error);
	put(sb, &f, "unmapped", st->move_unmapped);
	sb_puts(sb, "}, \"move-answered\": {");
	f = true;
	put(sb, &f, "successful", st->move_answered[IAPP_MOVE_SUCCESSFUL]);
	put(sb, &f, "denied", st->move_answered[IAPP_MOVE_DENIED]);
	put(sb, &f, "stale", st->move_answered[IAPP_MOVE_STALE]);
	sb_puts(sb, "}, \"cache\": {");
	f = true;
	put(sb, &f, "stored", st->cache_stored);
	put(sb, &f, "stale", st->cache_stale);
	put(sb, &f, "used", st->cache_used);
	put(sb, &f, "acked", st->cache_acked[IAPP_CACHE_SUCCESSFUL]);
	put(sb, &f, "acked-stale", st->cache_acked[IAPP_CACHE_STALE]);
	put(sb, &f, "error", st->cache_error);
	sb_puts(sb, "}, \"context\": {");
	f = true;
	put(sb, &f, "from-module", st->ctx_filled);
	put(sb, &f, "module-absent", st->ctx_fill_absent);
	put(sb, &f, "module-failed", st->ctx_fill_failed);
	put(sb, &f, "module-timeout", st->ctx_fill_timeout);
	sb_puts(sb, "}, \"bindings\": {");
	f = true;
	put(sb, &f, "added", st->bindings_added);
	put(sb, &f, "failed", st->bindings_failed);
	put(sb, &f, "skipped", st->bindings_skipped);
	sb_puts(sb, "}, \"malformed\": {");
	for (f = true, i = IAPP_OK + 1; i < IAPP_ERR_MAX; i++)
		put(sb, &f, err_keys[i], st->malformed[i]);
	sb_puts(sb, "}, \"l2update\": {");
	f = true;
	put(sb, &f, "requested", st->l2update_requested);
	put(sb, &f, "module-absent", st->l2update_absent);
	put(sb, &f, "failed", st->l2update_failed);
	sb_puts(sb, "}, \"kick\": {");
	f = true;
	put(sb, &f, "hostapd", st->kick_hostapd);
	put(sb, &f, "hook", st->kick_hook);
	put(sb, &f, "none", st->kick_none);
	put(sb, &f, "failed", st->kick_failed);
	sb_puts(sb, "}, \"tcp\": {");
	f = true;
	put(sb, &f, "accepted", st->tcp_accepted);
	put(sb, &f, "refused", st->tcp_refused);
	put(sb, &f, "timeout", st->tcp_timeout);
	put(sb, &f, "closed-early", st->tcp_closed_early);
	sb_printf(sb, "}, \"auth-failures\": %llu, \"send-errors\": %llu}",
		  (unsigned long long)st->auth_failures,
		  (unsigned long long)st->send_errors);
}
