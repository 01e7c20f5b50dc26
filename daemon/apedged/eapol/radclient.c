// SPDX-License-Identifier: GPL-2.0
/*
 * The RADIUS client: identifiers, retransmission, failover and the
 * counters; see radclient.h.  A request keeps its attributes but for
 * User-Password and Message-Authenticator, which depend on the server's
 * secret and the Request Authenticator, and builds its packet again for
 * each server it goes to.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "eapol/radclient.h"
#include "lib/json.h"
#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"

#define ID_NONE (-1)

struct rad_req {
	struct list node;	/* c->reqs, in order of arrival */
	struct rad_client *c;
	int handle;
	rad_cb cb;
	void *user;
	uint8_t *attrs;		/* all but User-Password, Message-Authenticator */
	size_t attrs_len;
	char *password;		/* NULL: none; cleansed on free */
	int server;		/* where it is, or is queued */
	int id;			/* ID_NONE while queued */
	unsigned int tries;	/* sends to this server */
	uint32_t tried;		/* servers that had their tries */
	uint8_t auth[RAD_AUTH_LEN];
	uint8_t *pkt;
	size_t pkt_len;
	uint64_t sent_ms;
	struct loop_timer *timer;
};

struct rad_srv {
	struct rad_server_cfg cfg;
	struct rad_req *inflight[256];
	unsigned int n_inflight;
	uint8_t next_id;
	uint64_t dead_until;	/* 0: alive */
	struct rad_server_stats st;
};

struct rad_client {
	struct loop *loop;
	struct rad_client_ops ops;
	void *ctx;
	struct rad_srv srv[RAD_SERVERS_MAX];
	unsigned int n_srv;
	unsigned int max_tries, retry_ms, retry_max_ms, dead_ms;
	char nas_identifier[RAD_NAME_MAX];
	struct list reqs;
	unsigned int n_reqs;
	int next_handle;
};

const char *rad_result_name(enum rad_result r)
{
	switch (r) {
	case RAD_ACCEPT: return "accept";
	case RAD_REJECT: return "reject";
	case RAD_CHALLENGE: return "challenge";
	case RAD_TIMEOUT: return "timeout";
	}
	return "?";
}

void rad_format_mac(char buf[18], const uint8_t m[6])
{
	snprintf(buf, 18, "%02X-%02X-%02X-%02X-%02X-%02X", m[0], m[1], m[2],
		 m[3], m[4], m[5]);
}

struct rad_client *rad_client_new(struct loop *loop,
				  const struct rad_client_cfg *cfg,
				  const struct rad_client_ops *ops, void *ctx)
{
	struct rad_client *c;
	unsigned int i;

	if (!cfg->n_servers || cfg->n_servers > RAD_SERVERS_MAX || !ops->send) {
		errno = EINVAL;
		return NULL;
	}
	for (i = 0; i < cfg->n_servers; i++) {
		if (!cfg->server[i].secret_len ||
		    cfg->server[i].secret_len > RAD_SECRET_MAX) {
			errno = EINVAL;
			return NULL;
		}
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->loop = loop;
	c->ops = *ops;
	c->ctx = ctx;
	c->n_srv = cfg->n_servers;
	for (i = 0; i < c->n_srv; i++)
		c->srv[i].cfg = cfg->server[i];
	c->max_tries = cfg->max_tries ? cfg->max_tries : 3;
	c->retry_ms = cfg->retry_ms ? cfg->retry_ms : 2000;
	c->retry_max_ms = cfg->retry_max_ms ? cfg->retry_max_ms : 16000;
	c->dead_ms = cfg->dead_ms ? cfg->dead_ms : 60000;
	memcpy(c->nas_identifier, cfg->nas_identifier,
	       sizeof(c->nas_identifier));
	c->nas_identifier[sizeof(c->nas_identifier) - 1] = 0;
	list_init(&c->reqs);
	c->next_handle = 1;
	return c;
}

static void req_free(struct rad_req *r)
{
	loop_timer_remove(r->timer);
	if (r->password) {
		OPENSSL_cleanse(r->password, strlen(r->password));
		free(r->password);
	}
	free(r->attrs);
	if (r->pkt)
		OPENSSL_cleanse(r->pkt, RAD_MAX_LEN);
	free(r->pkt);
	free(r);
}

void rad_client_free(struct rad_client *c)
{
	struct list *pos, *tmp;

	if (!c)
		return;
	list_for_each_safe(pos, tmp, &c->reqs)
		req_free(list_entry(pos, struct rad_req, node));
	OPENSSL_cleanse(c, sizeof(*c));
	free(c);
}

unsigned int rad_client_servers(const struct rad_client *c)
{
	return c->n_srv;
}

const struct rad_server_stats *rad_client_stats(const struct rad_client *c,
						unsigned int server)
{
	return server < c->n_srv ? &c->srv[server].st : NULL;
}

static bool srv_dead(const struct rad_srv *s, uint64_t now)
{
	return s->dead_until && now < s->dead_until;
}

bool rad_client_server_dead(const struct rad_client *c, unsigned int server)
{
	return server < c->n_srv && srv_dead(&c->srv[server], loop_now_ms());
}

/* The first server not tried and not dead; else the first not tried. */
static int pick_server(const struct rad_client *c, uint32_t tried)
{
	uint64_t now = loop_now_ms();
	unsigned int i;

	for (i = 0; i < c->n_srv; i++)
		if (!(tried & 1u << i) && !srv_dead(&c->srv[i], now))
			return (int)i;
	for (i = 0; i < c->n_srv; i++)
		if (!(tried & 1u << i))
			return (int)i;
	return -1;
}

static int take_id(struct rad_srv *s)
{
	unsigned int i;

	if (s->n_inflight >= 256)
		return ID_NONE;
	for (i = 0; i < 256; i++) {
		uint8_t id = (uint8_t)(s->next_id + i);

		if (!s->inflight[id]) {
			s->next_id = (uint8_t)(id + 1);
			return id;
		}
	}
	return ID_NONE;
}

static void req_timeout(struct loop_timer *t, void *data);
static void req_send_first(struct rad_req *r);

/* Build the packet for r->server with r->id and a fresh authenticator. */
static bool req_build(struct rad_req *r)
{
	struct rad_srv *s = &r->c->srv[r->server];
	struct rad_msg *m = malloc(sizeof(*m));
	bool ok;

	if (!m)
		return false;
	if (r->c->ops.random ? !r->c->ops.random(r->c->ctx, r->auth, 16) :
	    RAND_bytes(r->auth, 16) != 1) {
		free(m);
		return false;
	}
	rad_msg_init(m, RAD_ACCESS_REQUEST, (uint8_t)r->id, r->auth);
	if (r->attrs_len + m->len > RAD_MAX_LEN) {
		m->err = true;
	} else {
		memcpy(m->buf + m->len, r->attrs, r->attrs_len);
		m->len += r->attrs_len;
	}
	if (r->password)
		rad_put_password(m, r->password, s->cfg.secret,
				 s->cfg.secret_len);
	rad_put_msgauth(m);
	r->pkt_len = rad_msg_finish(m, s->cfg.secret, s->cfg.secret_len);
	ok = r->pkt_len > 0;
	if (ok)
		memcpy(r->pkt, m->buf, r->pkt_len);
	OPENSSL_cleanse(m, sizeof(*m));
	free(m);
	return ok;
}

static void req_transmit(struct rad_req *r)
{
	struct rad_client *c = r->c;
	unsigned int d = c->retry_ms;
	unsigned int i;

	for (i = 1; i < r->tries && d < c->retry_max_ms; i++)
		d *= 2;
	if (d > c->retry_max_ms)
		d = c->retry_max_ms;
	r->sent_ms = loop_now_ms();
	if (c->ops.send(c->ctx, (unsigned int)r->server, r->pkt,
			r->pkt_len) < 0)
		log_rl(LOG_DEBUG, "radius %s: send failed",
		       c->srv[r->server].cfg.name);
	if (r->timer)
		loop_timer_rearm(r->timer, d, 0);
	else
		r->timer = loop_timer_add(c->loop, d, 0, req_timeout, r);
}

/* Give back r's identifier; a request queued for the server takes it. */
static void req_release(struct rad_req *r)
{
	struct rad_client *c = r->c;
	struct rad_srv *s;
	struct list *pos;

	if (r->server < 0 || r->id == ID_NONE)
		return;
	s = &c->srv[r->server];
	s->inflight[r->id] = NULL;
	s->n_inflight--;
	s->st.pending_requests--;
	r->id = ID_NONE;
	if (r->timer)
		loop_timer_disarm(r->timer);
	list_for_each(pos, &c->reqs) {
		struct rad_req *q = list_entry(pos, struct rad_req, node);

		if (q != r && q->server == r->server && q->id == ID_NONE) {
			req_send_first(q);
			break;
		}
	}
}

/* To r->server, with a new identifier if one is free; else wait. */
static void req_send_first(struct rad_req *r)
{
	struct rad_srv *s = &r->c->srv[r->server];
	int id = take_id(s);

	if (id == ID_NONE)
		return;	/* queued: req_release() sends it */
	r->id = id;
	s->inflight[id] = r;
	s->n_inflight++;
	s->st.pending_requests++;
	r->tries = 1;
	if (!req_build(r)) {
		/* OpenSSL failed: no packet, the timer moves it on */
		r->pkt_len = 0;
	}
	s->st.access_requests++;
	req_transmit(r);
}

static void req_finish(struct rad_req *r, enum rad_result res,
		       const struct rad_reply *reply)
{
	rad_cb cb = r->cb;
	void *user = r->user;

	req_release(r);
	list_del(&r->node);
	r->c->n_reqs--;
	req_free(r);
	if (cb)
		cb(user, res, reply);
}

static void req_timeout(struct loop_timer *t, void *data)
{
	struct rad_req *r = data;
	struct rad_client *c = r->c;
	struct rad_srv *s = &c->srv[r->server];
	int next;

	s->st.timeouts++;
	if (r->tries < c->max_tries && r->pkt_len) {
		r->tries++;
		s->st.retransmissions++;
		req_transmit(r);
		return;
	}
	if (!srv_dead(s, loop_now_ms()))
		log_rl(LOG_WARNING, "radius %s: no answer after %u tries, "
		       "marked dead for %u s", s->cfg.name, r->tries,
		       c->dead_ms / 1000);
	s->dead_until = loop_now_ms() + c->dead_ms;
	r->tried |= 1u << r->server;
	req_release(r);
	next = pick_server(c, r->tried);
	if (next < 0) {
		req_finish(r, RAD_TIMEOUT, NULL);
		return;
	}
	r->server = next;
	req_send_first(r);
}

/* The attributes but User-Password and Message-Authenticator. */
static bool build_attrs(struct rad_client *c, const struct rad_access *a,
			struct rad_msg *m)
{
	char mac[18];

	rad_msg_init(m, RAD_ACCESS_REQUEST, 0, NULL);
	if (!a->user_name || !*a->user_name)
		return false;
	rad_put_str(m, RAD_A_USER_NAME, a->user_name);
	if (c->nas_identifier[0])
		rad_put_str(m, RAD_A_NAS_IDENTIFIER, c->nas_identifier);
	rad_put_u32(m, RAD_A_NAS_PORT, a->nas_port);
	if (a->nas_port_type > 0)
		rad_put_u32(m, RAD_A_NAS_PORT_TYPE, (uint32_t)a->nas_port_type);
	if (a->service_type > 0)
		rad_put_u32(m, RAD_A_SERVICE_TYPE, (uint32_t)a->service_type);
	if (a->nas_port_id && *a->nas_port_id)
		rad_put_str(m, RAD_A_NAS_PORT_ID, a->nas_port_id);
	if (a->called_station && *a->called_station)
		rad_put_str(m, RAD_A_CALLED_STATION_ID, a->called_station);
	rad_format_mac(mac, a->calling_station);
	rad_put_str(m, RAD_A_CALLING_STATION_ID, mac);
	if (a->framed_mtu)
		rad_put_u32(m, RAD_A_FRAMED_MTU, a->framed_mtu);
	if (a->state_len)
		rad_put(m, RAD_A_STATE, a->state, a->state_len);
	if (a->eap_len)
		rad_put_split(m, RAD_A_EAP_MESSAGE, a->eap, a->eap_len);
	/* room for the rest: User-Password and Message-Authenticator */
	if (a->user_password &&
	    (strlen(a->user_password) > RAD_PASS_MAX ||
	     m->len + 2 + ((strlen(a->user_password) + 15) & ~15u) + 16 >
	     RAD_MAX_LEN))
		return false;
	return !m->err && m->len + 18 <= RAD_MAX_LEN;
}

int rad_client_access(struct rad_client *c, const struct rad_access *a,
		      rad_cb cb, void *user)
{
	struct rad_msg *m;
	struct rad_req *r;
	bool ok;

	if (c->n_reqs >= RAD_PENDING_MAX)
		return -ENOBUFS;
	if ((a->eap_len && !a->eap) || (a->state_len && !a->state) ||
	    a->state_len > RAD_ATTR_MAX)
		return -EINVAL;
	m = malloc(sizeof(*m));
	r = calloc(1, sizeof(*r));
	if (!m || !r) {
		free(m);
		free(r);
		return -ENOMEM;
	}
	ok = build_attrs(c, a, m);
	if (ok) {
		r->attrs_len = m->len - RAD_HDR_LEN;
		r->attrs = malloc(r->attrs_len ? r->attrs_len : 1);
		r->pkt = malloc(RAD_MAX_LEN);
		if (r->attrs)
			memcpy(r->attrs, m->buf + RAD_HDR_LEN, r->attrs_len);
		if (a->user_password)
			r->password = strdup(a->user_password);
	}
	free(m);
	if (!ok) {
		req_free(r);
		return -EINVAL;
	}
	if (!r->attrs || !r->pkt || (a->user_password && !r->password)) {
		req_free(r);
		return -ENOMEM;
	}
	r->c = c;
	r->cb = cb;
	r->user = user;
	r->id = ID_NONE;
	r->handle = c->next_handle;
	c->next_handle = c->next_handle == 0x7fffffff ? 1 : c->next_handle + 1;
	r->server = pick_server(c, 0);
	list_add_tail(&c->reqs, &r->node);
	c->n_reqs++;
	req_send_first(r);
	return r->handle;
}

void rad_client_cancel(struct rad_client *c, int handle)
{
	struct list *pos;

	list_for_each(pos, &c->reqs) {
		struct rad_req *r = list_entry(pos, struct rad_req, node);

		if (r->handle != handle)
			continue;
		req_release(r);
		list_del(&r->node);
		c->n_reqs--;
		req_free(r);
		return;
	}
}

void rad_client_input(struct rad_client *c, unsigned int server,
		      const uint8_t *pkt, size_t len)
{
	struct rad_reply *reply;
	struct rad_req *r;
	struct rad_srv *s;
	enum rad_result res;
	enum rad_err e;

	if (server >= c->n_srv)
		return;
	s = &c->srv[server];
	e = rad_check_header(pkt, &len);
	if (e) {
		s->st.malformed++;
		log_rl(LOG_DEBUG, "radius %s: malformed reply (%s)",
		       s->cfg.name, rad_err_name(e));
		return;
	}
	r = s->inflight[pkt[1]];
	if (!r) {
		s->st.packets_dropped++;
		log_rl(LOG_DEBUG, "radius %s: reply with id %u matches no "
		       "request", s->cfg.name, pkt[1]);
		return;
	}
	e = rad_verify_reply(pkt, len, r->auth, s->cfg.secret,
			     s->cfg.secret_len, true);
	if (e) {
		s->st.bad_authenticators++;
		log_rl(LOG_NOTICE, "radius %s: reply id %u dropped: %s",
		       s->cfg.name, pkt[1], rad_err_name(e));
		return;
	}
	switch (pkt[0]) {
	case RAD_ACCESS_ACCEPT:
		res = RAD_ACCEPT;
		break;
	case RAD_ACCESS_REJECT:
		res = RAD_REJECT;
		break;
	case RAD_ACCESS_CHALLENGE:
		res = RAD_CHALLENGE;
		break;
	default:
		s->st.unknown_types++;
		log_rl(LOG_DEBUG, "radius %s: reply of code %u", s->cfg.name,
		       pkt[0]);
		return;
	}
	reply = malloc(sizeof(*reply));
	if (!reply) {
		s->st.packets_dropped++;
		return;
	}
	e = rad_reply_decode(pkt, len, r->auth, s->cfg.secret,
			     s->cfg.secret_len, reply);
	if (e) {
		s->st.malformed++;
		log_rl(LOG_NOTICE, "radius %s: %s id %u dropped: %s",
		       s->cfg.name, rad_code_name(pkt[0]), pkt[1],
		       rad_err_name(e));
		free(reply);
		return;
	}
	if (res == RAD_ACCEPT)
		s->st.accepts++;
	else if (res == RAD_REJECT)
		s->st.rejects++;
	else
		s->st.challenges++;
	s->st.round_trip_ms = loop_now_ms() - r->sent_ms;
	s->dead_until = 0;
	req_finish(r, res, reply);
	rad_reply_clear(reply);
	free(reply);
}

void rad_client_json(const struct rad_client *c, struct json *j)
{
	uint64_t now = loop_now_ms();
	unsigned int i;

	json_arr_begin(j);
	for (i = 0; i < c->n_srv; i++) {
		const struct rad_srv *s = &c->srv[i];
		const struct rad_server_stats *st = &s->st;

		json_obj_begin(j);
		json_kstr(j, "server", s->cfg.name);
		json_kbool(j, "dead", srv_dead(s, now));
		json_ku64(j, "access_requests", st->access_requests);
		json_ku64(j, "retransmissions", st->retransmissions);
		json_ku64(j, "access_accepts", st->accepts);
		json_ku64(j, "access_rejects", st->rejects);
		json_ku64(j, "access_challenges", st->challenges);
		json_ku64(j, "malformed_responses", st->malformed);
		json_ku64(j, "bad_authenticators", st->bad_authenticators);
		json_ku64(j, "pending_requests", st->pending_requests);
		json_ku64(j, "timeouts", st->timeouts);
		json_ku64(j, "unknown_types", st->unknown_types);
		json_ku64(j, "packets_dropped", st->packets_dropped);
		json_ku64(j, "round_trip_ms", st->round_trip_ms);
		json_obj_end(j);
	}
	json_arr_end(j);
}
