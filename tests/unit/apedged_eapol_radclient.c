// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of eapol/radclient.c on the virtual clock: the packets the
 * client sends are kept, and the tests play the servers (replies signed
 * here with OpenSSL) and the attackers (replies with a wrong secret, none
 * at all, from another server).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "eapol/radclient.h"
#include "lib/json.h"
#include "lib/loop.h"
#include "lib/strbuf.h"
#include "ut.h"

#define MAXPKT 600

struct sent {
	unsigned int server;
	uint64_t at;
	uint8_t pkt[RAD_MAX_LEN];
	size_t len;
};

static struct sent sent[MAXPKT];
static unsigned int n_sent;

struct result {
	int calls;
	enum rad_result res;
	uint8_t code;
	uint16_t vlan;
	uint8_t state[RAD_ATTR_MAX];
	size_t state_len;
	size_t eap_len;
};

static int fake_send(void *ctx, unsigned int server, const uint8_t *pkt,
		     size_t len)
{
	if (n_sent < MAXPKT) {
		sent[n_sent].server = server;
		sent[n_sent].at = loop_now_ms();
		memcpy(sent[n_sent].pkt, pkt, len);
		sent[n_sent].len = len;
		n_sent++;
	}
	return 0;
}

static const struct rad_client_ops ops = { .send = fake_send };

static void on_result(void *user, enum rad_result res,
		      const struct rad_reply *r)
{
	struct result *o = user;

	o->calls++;
	o->res = res;
	if (r) {
		o->code = r->code;
		o->vlan = r->vlan;
		memcpy(o->state, r->state, r->state_len);
		o->state_len = r->state_len;
		o->eap_len = r->eap_len;
	}
}

static void cfg_init(struct rad_client_cfg *cfg, unsigned int n)
{
	unsigned int i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->n_servers = n;
	for (i = 0; i < n; i++) {
		snprintf(cfg->server[i].name, RAD_NAME_MAX, "192.0.2.%u:1812",
			 i + 1);
		snprintf((char *)cfg->server[i].secret, RAD_SECRET_MAX,
			 "secret-%u", i);
		cfg->server[i].secret_len = 8;
	}
	cfg->max_tries = 3;
	cfg->retry_ms = 2000;
	cfg->retry_max_ms = 16000;
	cfg->dead_ms = 60000;
	strcpy(cfg->nas_identifier, "ap1");
}

static struct loop *setup(void)
{
	n_sent = 0;
	loop_clock_virtual(1000000);
	return loop_new();
}

static const struct rad_access mab = {
	.user_name = "02-00-00-00-00-01",
	.user_password = "02-00-00-00-00-01",
	.calling_station = { 2, 0, 0, 0, 0, 1 },
	.nas_port = 7,
	.nas_port_type = 15,
	.service_type = 10,
};

/* The server's reply to sent packet k, signed with secret (a NULL
 * secret: server k's own), with a Message-Authenticator unless no_ma. */
static size_t reply(uint8_t *out, unsigned int k, uint8_t code,
		    const char *secret, bool no_ma, const uint8_t *state,
		    size_t state_len)
{
	char own[16];
	const uint8_t *s;
	struct rad_msg m;
	EVP_MD_CTX *x;
	unsigned int dl;
	size_t n, sl;

	if (!secret) {
		snprintf(own, sizeof(own), "secret-%u", sent[k].server);
		secret = own;
	}
	s = (const uint8_t *)secret;
	sl = strlen(secret);
	rad_msg_init(&m, code, sent[k].pkt[1], sent[k].pkt + 4);
	if (state_len)
		rad_put(&m, RAD_A_STATE, state, state_len);
	if (code == RAD_ACCESS_CHALLENGE) {
		static const uint8_t eap[] = { 1, 2, 0, 6, 4, 0 };

		rad_put(&m, RAD_A_EAP_MESSAGE, eap, sizeof(eap));
	}
	if (code == RAD_ACCESS_ACCEPT) {
		static const uint8_t tt[] = { 0, 0, 0, 13 }, mt[] = { 0, 0, 0, 6 };

		rad_put(&m, RAD_A_TUNNEL_TYPE, tt, 4);
		rad_put(&m, RAD_A_TUNNEL_MEDIUM_TYPE, mt, 4);
		rad_put_str(&m, RAD_A_TUNNEL_PRIVATE_GROUP_ID, "20");
	}
	if (!no_ma)
		rad_put_msgauth(&m);
	n = rad_msg_finish(&m, s, sl);
	x = EVP_MD_CTX_new();
	EVP_DigestInit_ex(x, EVP_md5(), NULL);
	EVP_DigestUpdate(x, m.buf, n);
	EVP_DigestUpdate(x, s, sl);
	EVP_DigestFinal_ex(x, m.buf + 4, &dl);
	EVP_MD_CTX_free(x);
	memcpy(out, m.buf, n);
	return n;
}

static bool has_attr(unsigned int k, uint8_t type, const uint8_t **v,
		     size_t *vl)
{
	struct rad_attr_it it;
	const uint8_t *p;
	size_t n;
	uint8_t t;

	rad_attr_first(&it, sent[k].pkt);
	while (rad_attr_next(&it, &t, &p, &n)) {
		if (t == type) {
			if (v) {
				*v = p;
				*vl = n;
			}
			return true;
		}
	}
	return false;
}

UT_CASE(request_as_the_server_sees_it)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	struct rad_client *c;
	struct result o = { 0 };
	uint8_t tmp[RAD_MAX_LEN], mac[16], b[16], pw[16];
	const uint8_t *v;
	unsigned int ml, dl, i;
	size_t vl, off;
	EVP_MD_CTX *x;

	cfg_init(&cfg, 1);
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c);
	UT_ASSERT(rad_client_access(c, &mab, on_result, &o) > 0);
	UT_ASSERT(n_sent == 1);
	UT_EXPECT(sent[0].pkt[0] == RAD_ACCESS_REQUEST);
	UT_EXPECT(has_attr(0, RAD_A_CALLING_STATION_ID, &v, &vl) && vl == 17 &&
		  !memcmp(v, "02-00-00-00-00-01", 17));
	UT_EXPECT(has_attr(0, RAD_A_NAS_IDENTIFIER, &v, &vl) && vl == 3);
	UT_EXPECT(has_attr(0, RAD_A_SERVICE_TYPE, &v, &vl) && v[3] == 10);
	/* Message-Authenticator: HMAC-MD5 with the field zeroed */
	UT_ASSERT(has_attr(0, RAD_A_MESSAGE_AUTHENTICATOR, &v, &vl) &&
		  vl == 16);
	off = (size_t)(v - sent[0].pkt);
	memcpy(tmp, sent[0].pkt, sent[0].len);
	memset(tmp + off, 0, 16);
	HMAC(EVP_md5(), "secret-0", 8, tmp, sent[0].len, mac, &ml);
	UT_EXPECT(!memcmp(mac, v, 16));
	/* User-Password: the server recovers it */
	UT_ASSERT(has_attr(0, RAD_A_USER_PASSWORD, &v, &vl) && vl == 32);
	x = EVP_MD_CTX_new();
	EVP_DigestInit_ex(x, EVP_md5(), NULL);
	EVP_DigestUpdate(x, "secret-0", 8);
	EVP_DigestUpdate(x, sent[0].pkt + 4, 16);
	EVP_DigestFinal_ex(x, b, &dl);
	EVP_MD_CTX_free(x);
	for (i = 0; i < 16; i++)
		pw[i] = v[i] ^ b[i];
	UT_EXPECT(!memcmp(pw, "02-00-00-00-00-0", 16));
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_CASE(retransmit_timing_then_timeout)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	const struct rad_server_stats *st;
	struct rad_client *c;
	struct result o = { 0 };

	cfg_init(&cfg, 1);
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c);
	UT_ASSERT(rad_client_access(c, &mab, on_result, &o) > 0);
	UT_EXPECT(n_sent == 1 && o.calls == 0);
	loop_clock_advance(l, 1999);
	UT_EXPECT(n_sent == 1);
	loop_clock_advance(l, 1);
	UT_ASSERT(n_sent == 2);
	/* the same packet: same Identifier, same authenticator */
	UT_EXPECT(sent[1].len == sent[0].len &&
		  !memcmp(sent[1].pkt, sent[0].pkt, sent[0].len));
	loop_clock_advance(l, 3999);
	UT_EXPECT(n_sent == 2);
	loop_clock_advance(l, 1);
	UT_EXPECT(n_sent == 3);
	loop_clock_advance(l, 7999);
	UT_EXPECT(o.calls == 0);
	loop_clock_advance(l, 1);
	UT_EXPECT(o.calls == 1 && o.res == RAD_TIMEOUT);
	UT_EXPECT(n_sent == 3);
	st = rad_client_stats(c, 0);
	UT_EXPECT(st->access_requests == 1 && st->retransmissions == 2 &&
		  st->timeouts == 3 && st->pending_requests == 0);
	UT_EXPECT(rad_client_server_dead(c, 0));
	/* a late reply: matches nothing */
	{
		uint8_t p[RAD_MAX_LEN];
		size_t n = reply(p, 0, RAD_ACCESS_ACCEPT, NULL, false, NULL, 0);

		rad_client_input(c, 0, p, n);
		UT_EXPECT(st->packets_dropped == 1 && o.calls == 1);
	}
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_CASE(backoff_capped)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	struct rad_client *c;
	struct result o = { 0 };

	cfg_init(&cfg, 1);
	cfg.max_tries = 5;
	cfg.retry_max_ms = 5000;
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c && rad_client_access(c, &mab, on_result, &o) > 0);
	loop_clock_advance(l, 60000);
	UT_ASSERT(n_sent == 5 && o.res == RAD_TIMEOUT);
	UT_EXPECT(sent[1].at - sent[0].at == 2000);
	UT_EXPECT(sent[2].at - sent[1].at == 4000);
	UT_EXPECT(sent[3].at - sent[2].at == 5000);
	UT_EXPECT(sent[4].at - sent[3].at == 5000);
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_CASE(failover_and_dead_server_retried_later)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	struct rad_client *c;
	struct result o = { 0 }, o2 = { 0 };
	uint8_t p[RAD_MAX_LEN];
	size_t n;

	cfg_init(&cfg, 2);
	cfg.max_tries = 2;
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c && rad_client_access(c, &mab, on_result, &o) > 0);
	loop_clock_advance(l, 2000);
	UT_ASSERT(n_sent == 2 && sent[1].server == 0);
	loop_clock_advance(l, 4000);
	UT_ASSERT(n_sent == 3);
	UT_EXPECT(sent[2].server == 1);
	/* a new authenticator for the new server */
	UT_EXPECT(memcmp(sent[2].pkt + 4, sent[0].pkt + 4, 16));
	UT_EXPECT(rad_client_server_dead(c, 0) &&
		  !rad_client_server_dead(c, 1));
	n = reply(p, 2, RAD_ACCESS_ACCEPT, NULL, false, NULL, 0);
	rad_client_input(c, 1, p, n);
	UT_EXPECT(o.calls == 1 && o.res == RAD_ACCEPT && o.vlan == 20);
	UT_EXPECT(rad_client_stats(c, 0)->timeouts == 2 &&
		  rad_client_stats(c, 1)->access_requests == 1 &&
		  rad_client_stats(c, 1)->accepts == 1);
	/* while server 0 is dead, new requests go to server 1 */
	UT_ASSERT(rad_client_access(c, &mab, on_result, &o2) > 0);
	UT_EXPECT(n_sent == 4 && sent[3].server == 1);
	n = reply(p, 3, RAD_ACCESS_REJECT, NULL, false, NULL, 0);
	rad_client_input(c, 1, p, n);
	UT_EXPECT(o2.calls == 1 && o2.res == RAD_REJECT);
	/* dead_ms later, server 0 is tried again */
	loop_clock_advance(l, 60000);
	UT_EXPECT(!rad_client_server_dead(c, 0));
	UT_ASSERT(rad_client_access(c, &mab, on_result, &o2) > 0);
	UT_EXPECT(n_sent == 5 && sent[4].server == 0);
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_CASE(every_server_down)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	struct rad_client *c;
	struct result o = { 0 };

	cfg_init(&cfg, 3);
	cfg.max_tries = 1;
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c && rad_client_access(c, &mab, on_result, &o) > 0);
	loop_clock_advance(l, 6000);
	UT_EXPECT(n_sent == 3 && sent[0].server == 0 && sent[1].server == 1 &&
		  sent[2].server == 2);
	UT_EXPECT(o.calls == 1 && o.res == RAD_TIMEOUT);
	/* all dead: the next goes to the first again */
	UT_ASSERT(rad_client_access(c, &mab, on_result, &o) > 0);
	UT_EXPECT(n_sent == 4 && sent[3].server == 0);
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_CASE(ids_never_reused_in_flight)
{
	static struct result o[300];
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	struct rad_client *c;
	bool seen[256] = { false };
	uint8_t p[RAD_MAX_LEN];
	unsigned int i;
	int h[300];
	size_t n;

	memset(o, 0, sizeof(o));
	cfg_init(&cfg, 1);
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c);
	for (i = 0; i < 300; i++) {
		h[i] = rad_client_access(c, &mab, on_result, &o[i]);
		UT_ASSERT(h[i] > 0);
	}
	UT_ASSERT(n_sent == 256);
	for (i = 0; i < 256; i++) {
		UT_EXPECT(!seen[sent[i].pkt[1]]);
		seen[sent[i].pkt[1]] = true;
	}
	UT_EXPECT(rad_client_stats(c, 0)->pending_requests == 256);
	/* an answer frees its id: the first queued request takes it */
	n = reply(p, 10, RAD_ACCESS_ACCEPT, NULL, false, NULL, 0);
	rad_client_input(c, 0, p, n);
	UT_EXPECT(o[10].calls == 1);
	UT_ASSERT(n_sent == 257);
	UT_EXPECT(sent[256].pkt[1] == sent[10].pkt[1]);
	/* the duplicate of that answer: the new request's authenticator
	 * differs, so it is refused, and the new request goes on */
	rad_client_input(c, 0, p, n);
	UT_EXPECT(o[256].calls == 0 && o[10].calls == 1);
	/* a cancel frees one too */
	rad_client_cancel(c, h[20]);
	UT_EXPECT(n_sent == 258 && sent[257].pkt[1] == sent[20].pkt[1]);
	rad_client_cancel(c, h[20]);	/* twice: ignored */
	UT_EXPECT(n_sent == 258);
	/* the queued ones' first send starts their timers */
	loop_clock_advance(l, 2000);
	UT_EXPECT(rad_client_stats(c, 0)->retransmissions == 256);
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_CASE(forged_replies_ignored_and_counted)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	const struct rad_server_stats *st;
	struct rad_client *c;
	struct result o = { 0 };
	uint8_t p[RAD_MAX_LEN];
	size_t n;

	cfg_init(&cfg, 2);
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c && rad_client_access(c, &mab, on_result, &o) > 0);
	st = rad_client_stats(c, 0);
	/* the wrong secret */
	n = reply(p, 0, RAD_ACCESS_ACCEPT, "guessed", false, NULL, 0);
	rad_client_input(c, 0, p, n);
	UT_EXPECT(o.calls == 0 && st->bad_authenticators == 1);
	/* the right secret but no Message-Authenticator */
	n = reply(p, 0, RAD_ACCESS_ACCEPT, NULL, true, NULL, 0);
	rad_client_input(c, 0, p, n);
	UT_EXPECT(o.calls == 0 && st->bad_authenticators == 2);
	/* a right reply, one bit changed */
	n = reply(p, 0, RAD_ACCESS_ACCEPT, NULL, false, NULL, 0);
	p[n - 20] ^= 4;
	rad_client_input(c, 0, p, n);
	UT_EXPECT(o.calls == 0 && st->bad_authenticators == 3);
	p[n - 20] ^= 4;
	/* the right reply from the other server's socket */
	rad_client_input(c, 1, p, n);
	UT_EXPECT(o.calls == 0 &&
		  rad_client_stats(c, 1)->packets_dropped == 1);
	/* short, and a bad Length */
	rad_client_input(c, 0, p, 19);
	rad_client_input(c, 0, p, n - 1);
	UT_EXPECT(st->malformed == 2);
	/* and now the server's own */
	rad_client_input(c, 0, p, n);
	UT_EXPECT(o.calls == 1 && o.res == RAD_ACCEPT);
	UT_EXPECT(st->accepts == 1 && st->pending_requests == 0);
	/* its duplicate */
	rad_client_input(c, 0, p, n);
	UT_EXPECT(o.calls == 1 && st->packets_dropped == 1);
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_CASE(unknown_code_counted)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	struct rad_client *c;
	struct result o = { 0 };
	uint8_t p[RAD_MAX_LEN];
	size_t n;

	cfg_init(&cfg, 1);
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c && rad_client_access(c, &mab, on_result, &o) > 0);
	n = reply(p, 0, RAD_ACCOUNTING_RESPONSE, NULL, false, NULL, 0);
	rad_client_input(c, 0, p, n);
	UT_EXPECT(o.calls == 0 && rad_client_stats(c, 0)->unknown_types == 1);
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

struct chain {
	struct rad_client *c;
	struct result o;
	int again;
};

static void on_challenge(void *user, enum rad_result res,
			 const struct rad_reply *r)
{
	struct chain *ch = user;
	uint8_t eap[600];
	struct rad_access a = {
		.user_name = "alice",
		.eap = eap,
		.eap_len = sizeof(eap),
		.calling_station = { 2, 0, 0, 0, 0, 9 },
		.nas_port_type = 19,
	};

	on_result(&ch->o, res, r);
	if (res != RAD_CHALLENGE)
		return;
	/* from the callback: the next round, State echoed */
	memset(eap, 0x5a, sizeof(eap));
	a.state = r->state;
	a.state_len = r->state_len;
	ch->again = rad_client_access(ch->c, &a, on_result, &ch->o);
}

UT_CASE(challenge_state_echoed_from_callback)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	struct chain ch = { 0 };
	static const uint8_t state[] = { 0xde, 0xad, 0xbe, 0xef };
	const uint8_t *v;
	uint8_t p[RAD_MAX_LEN];
	struct rad_attr_it it;
	size_t n, vl, frags = 0;
	uint8_t t;
	struct rad_access a = {
		.user_name = "alice",
		.eap = (const uint8_t *)"\x02\x01\x00\x0a" "\x01" "alice",
		.eap_len = 10,
	};

	cfg_init(&cfg, 1);
	ch.c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(ch.c && rad_client_access(ch.c, &a, on_challenge, &ch) > 0);
	UT_EXPECT(!has_attr(0, RAD_A_USER_PASSWORD, NULL, NULL));
	UT_EXPECT(has_attr(0, RAD_A_EAP_MESSAGE, &v, &vl) && vl == 10);
	n = reply(p, 0, RAD_ACCESS_CHALLENGE, NULL, false, state, 4);
	rad_client_input(ch.c, 0, p, n);
	UT_EXPECT(ch.o.calls == 1 && ch.o.res == RAD_CHALLENGE &&
		  ch.o.state_len == 4 && ch.o.eap_len == 6);
	UT_ASSERT(ch.again > 0 && n_sent == 2);
	UT_EXPECT(has_attr(1, RAD_A_STATE, &v, &vl) && vl == 4 &&
		  !memcmp(v, state, 4));
	rad_attr_first(&it, sent[1].pkt);
	while (rad_attr_next(&it, &t, &v, &vl))
		frags += t == RAD_A_EAP_MESSAGE;
	UT_EXPECT(frags == 3);
	UT_EXPECT(rad_client_stats(ch.c, 0)->challenges == 1);
	rad_client_free(ch.c);
	loop_free(l);
	loop_clock_real();
}

UT_CASE(cancel_stops_everything)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	struct rad_client *c;
	struct result o = { 0 };
	uint8_t p[RAD_MAX_LEN];
	size_t n;
	int h;

	cfg_init(&cfg, 1);
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c);
	h = rad_client_access(c, &mab, on_result, &o);
	UT_ASSERT(h > 0);
	rad_client_cancel(c, h);
	UT_EXPECT(rad_client_stats(c, 0)->pending_requests == 0);
	loop_clock_advance(l, 100000);
	UT_EXPECT(n_sent == 1 && o.calls == 0);
	n = reply(p, 0, RAD_ACCESS_ACCEPT, NULL, false, NULL, 0);
	rad_client_input(c, 0, p, n);
	UT_EXPECT(o.calls == 0 &&
		  rad_client_stats(c, 0)->packets_dropped == 1);
	rad_client_cancel(c, 12345);
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_CASE(bad_requests_refused)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	struct rad_client *c;
	struct rad_access a = mab;
	char big[200];
	static uint8_t eap[5000];

	cfg_init(&cfg, 1);
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c);
	a.user_name = "";
	UT_EXPECT(rad_client_access(c, &a, on_result, NULL) < 0);
	a = mab;
	memset(big, 'x', sizeof(big));
	big[199] = 0;
	a.user_password = big;
	UT_EXPECT(rad_client_access(c, &a, on_result, NULL) < 0);
	a = mab;
	a.user_password = NULL;
	a.eap = eap;
	a.eap_len = sizeof(eap);
	UT_EXPECT(rad_client_access(c, &a, on_result, NULL) < 0);
	a.eap_len = 3900;	/* fits with 16 attribute headers */
	UT_EXPECT(rad_client_access(c, &a, on_result, NULL) > 0);
	UT_EXPECT(n_sent == 1 && sent[0].len <= RAD_MAX_LEN);
	cfg.n_servers = 0;
	UT_EXPECT(!rad_client_new(l, &cfg, &ops, NULL));
	cfg_init(&cfg, 1);
	cfg.server[0].secret_len = 0;
	UT_EXPECT(!rad_client_new(l, &cfg, &ops, NULL));
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_CASE(json_counters)
{
	struct loop *l = setup();
	struct rad_client_cfg cfg;
	struct rad_client *c;
	struct strbuf sb;
	struct json j;

	cfg_init(&cfg, 2);
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c && rad_client_access(c, &mab, on_result, NULL) > 0);
	sb_init(&sb);
	json_init(&j, &sb, JSON_COMPACT);
	rad_client_json(c, &j);
	UT_ASSERT(json_ok(&j));
	UT_EXPECT(strstr(sb_str(&sb), "\"server\":\"192.0.2.2:1812\""));
	UT_EXPECT(strstr(sb_str(&sb), "\"access_requests\":1,"));
	UT_EXPECT(strstr(sb_str(&sb), "\"pending_requests\":1,"));
	UT_EXPECT(!strstr(sb_str(&sb), "secret"));
	sb_free(&sb);
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_MAIN("eapol_radclient",
	UT_ENTRY(request_as_the_server_sees_it),
	UT_ENTRY(retransmit_timing_then_timeout),
	UT_ENTRY(backoff_capped),
	UT_ENTRY(failover_and_dead_server_retried_later),
	UT_ENTRY(every_server_down),
	UT_ENTRY(ids_never_reused_in_flight),
	UT_ENTRY(forged_replies_ignored_and_counted),
	UT_ENTRY(unknown_code_counted),
	UT_ENTRY(challenge_state_echoed_from_callback),
	UT_ENTRY(cancel_stops_everything),
	UT_ENTRY(bad_requests_refused),
	UT_ENTRY(json_counters),
)
