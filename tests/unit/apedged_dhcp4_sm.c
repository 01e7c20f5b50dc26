// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp4/sm.c: the client's state machine driven by virtual time and a
 * deterministic random source: every state and transition of RFC 2131
 * figure 5, the retransmission intervals and their bounds, T1/T2,
 * RENEWING -> REBINDING -> expiry, a NAK's delay, RFC 5227 probing,
 * conflicts, MAX_CONFLICTS, defence, INIT-REBOOT and release.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp4/sm.h"
#include "lib/log.h"
#include "ut.h"

#define S	1000ull

static const uint8_t MAC[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t OTHER[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };

struct h {
	struct dhcp4_sm sm;
	struct dhcp4_sm_config cfg;
	struct dhcp4_actions out;
	uint64_t now;
	uint32_t seed;
	bool fixed;		/* random() returns fixed_val */
	uint32_t fixed_val;
	unsigned int fires;
};

static uint32_t h_random(void *ctx)
{
	struct h *h = ctx;

	if (h->fixed)
		return h->fixed_val;
	/* xorshift32 */
	h->seed ^= h->seed << 13;
	h->seed ^= h->seed >> 17;
	h->seed ^= h->seed << 5;
	return h->seed;
}

static uint32_t ip(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a.s_addr;
}

static void h_init(struct h *h, bool acd)
{
	memset(h, 0, sizeof(*h));
	dhcp4_sm_config_default(&h->cfg);
	h->cfg.acd = acd;
	h->cfg.client_id[0] = 1;
	memcpy(h->cfg.client_id + 1, MAC, 6);
	h->cfg.client_id_len = 7;
	h->seed = 0x12345678;
	h->now = 1000 * S;
	dhcp4_sm_init(&h->sm, &h->cfg, "eth0", MAC, h_random, h);
	log_set_level(getenv("UT_VERBOSE") ? LOG_DEBUG : LOG_WARNING);
}

static const struct dhcp4_action *find(const struct h *h,
				       enum dhcp4_action_type t, unsigned int k)
{
	unsigned int i;

	for (i = 0; i < h->out.n; i++)
		if (h->out.a[i].type == t && !k--)
			return &h->out.a[i];
	return NULL;
}

/* As find(), for chained reads: a blank action when there is none. */
static const struct dhcp4_action *get(const struct h *h,
				      enum dhcp4_action_type t, unsigned int k)
{
	static const struct dhcp4_action none = { .type = -1 };
	const struct dhcp4_action *a = find(h, t, k);

	return a ? a : &none;
}

static unsigned int count(const struct h *h, enum dhcp4_action_type t)
{
	unsigned int i, n = 0;

	for (i = 0; i < h->out.n; i++)
		n += h->out.a[i].type == t;
	return n;
}

static const struct dhcp4_build *sent(const struct h *h)
{
	const struct dhcp4_action *a = find(h, DHCP4_ACT_SEND, 0);

	return a ? &a->send.msg : NULL;
}

static enum dhcp4_type sent_type(const struct h *h)
{
	const struct dhcp4_build *b = sent(h);

	return b ? b->type : DHCP4_NONE;
}

/* Advance to the deadline and fire it. */
static void fire(struct h *h)
{
	/* A test waiting for what never comes stops here. */
	if (dhcp4_sm_deadline(&h->sm) == UINT64_MAX || ++h->fires > 10000)
		abort();
	h->now = dhcp4_sm_deadline(&h->sm);
	dhcp4_sm_timeout(&h->sm, h->now, &h->out);
}

static void reply(struct h *h, enum dhcp4_type type, const char *yiaddr,
		  const char *server, uint32_t lease, struct dhcp4_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->op = 2;
	m->htype = 1;
	m->hlen = 6;
	m->xid = h->sm.xid;
	memcpy(m->chaddr, MAC, 6);
	m->type = type;
	m->yiaddr.s_addr = yiaddr ? ip(yiaddr) : 0;
	if (server) {
		m->has_server_id = true;
		m->server_id.s_addr = ip(server);
	}
	if (lease) {
		m->has_lease = true;
		m->lease_s = lease;
	}
	m->has_mask = true;
	m->mask.s_addr = ip("255.255.255.0");
}

static void rx(struct h *h, enum dhcp4_type type, const char *yiaddr,
	       const char *server, uint32_t lease)
{
	struct dhcp4_msg m;
	struct in_addr src = { server ? ip(server) : 0 };

	reply(h, type, yiaddr, server, lease, &m);
	dhcp4_sm_rx(&h->sm, h->now, &m, src, &h->out);
}

static void arp(struct h *h, uint16_t op, const uint8_t *sha,
		const char *spa, const char *tpa)
{
	struct dhcp4_arp a = { .op = op };

	memcpy(a.sha, sha, 6);
	a.spa.s_addr = ip(spa);
	a.tpa.s_addr = ip(tpa);
	dhcp4_sm_arp(&h->sm, h->now, &a, &h->out);
}

/* Started, DISCOVER, OFFER: REQUESTING 192.0.2.10 from 192.0.2.1. */
static void to_requesting(struct h *h)
{
	dhcp4_sm_start(&h->sm, h->now, NULL, &h->out);
	h->now += 500;
	rx(h, DHCP4_OFFER, "192.0.2.10", "192.0.2.1", 3600);
}

/* Bound to 192.0.2.10 with a lease of lease_s, acquired at h->now. */
static void to_bound(struct h *h, uint32_t lease_s)
{
	to_requesting(h);
	rx(h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", lease_s);
	while (h->sm.state == DHCP4_PROBING)
		fire(h);
}

UT_CASE(config_defaults)
{
	struct dhcp4_sm_config c;

	dhcp4_sm_config_default(&c);
	UT_EXPECT(c.retrans_min_ms == 4000 && c.retrans_max_ms == 64000);
	UT_EXPECT(c.probe_wait_ms == 1000 && c.probe_num == 3);
	UT_EXPECT(c.probe_min_ms == 1000 && c.probe_max_ms == 2000);
	UT_EXPECT(c.announce_wait_ms == 2000 && c.announce_num == 2);
	UT_EXPECT(c.max_conflicts == 10 && c.rate_limit_interval_ms == 60000);
	UT_EXPECT(c.defend_interval_ms == 10000 && c.acd);
	UT_EXPECT(c.nak_delay_min_ms > 0);
}

UT_CASE(names)
{
	int i;

	for (i = 0; i < DHCP4_STATE_MAX; i++)
		UT_EXPECT(strcmp(dhcp4_state_name(i), "?"));
	for (i = 0; i < DHCP4_DROP_MAX; i++)
		UT_EXPECT(strcmp(dhcp4_drop_name(i), "?"));
	UT_EXPECT_STR(dhcp4_state_name(DHCP4_INIT_REBOOT), "INIT_REBOOT");
	UT_EXPECT_STR(dhcp4_drop_name(DHCP4_DROP_XID), "xid");
}

/* RFC 2131 §4.1: 4, 8, 16, 32, 64, 64 s, each +-1 s. */
UT_CASE(discover_backoff)
{
	static const uint64_t base[] = { 4, 8, 16, 32, 64, 64, 64 };
	struct h h;
	const struct dhcp4_build *b;
	uint32_t xid;
	size_t i;
	int run;

	for (run = 0; run < 50; run++) {
		h_init(&h, false);
		h.seed += run * 7919;
		dhcp4_sm_start(&h.sm, h.now, NULL, &h.out);
		UT_ASSERT(h.sm.state == DHCP4_SELECTING);
		UT_ASSERT(count(&h, DHCP4_ACT_STATE) == 2);
		UT_EXPECT(get(&h, DHCP4_ACT_STATE, 0)->state.to == DHCP4_INIT);
		b = sent(&h);
		UT_ASSERT(b && b->type == DHCP4_DISCOVER);
		UT_EXPECT(!get(&h, DHCP4_ACT_SEND, 0)->send.unicast);
		UT_EXPECT(!b->ciaddr.s_addr && !b->server_id.s_addr);
		UT_EXPECT(!memcmp(b->mac, MAC, 6) && b->client_id_len == 7);
		UT_EXPECT(b->prl_len == h.cfg.prl_len && b->max_size);
		xid = b->xid;
		UT_EXPECT(xid == h.sm.xid);
		for (i = 0; i < sizeof(base) / sizeof(base[0]); i++) {
			uint64_t d = dhcp4_sm_deadline(&h.sm) - h.now;

			UT_EXPECT(d >= base[i] * S - S && d <= base[i] * S + S);
			fire(&h);
			UT_ASSERT(sent_type(&h) == DHCP4_DISCOVER);
			UT_EXPECT(sent(&h)->xid == xid);
			UT_EXPECT(sent(&h)->secs ==
				  (h.now - 1000 * S) / S);
		}
		UT_EXPECT(h.sm.stats.tx[DHCP4_DISCOVER] == 8);
	}
	/* the bounds themselves: random 0 gives -1 s, the top +1 s */
	h_init(&h, false);
	h.fixed = true;
	dhcp4_sm_start(&h.sm, h.now, NULL, &h.out);
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) - h.now == 3 * S);
	h.fixed_val = 2000;
	fire(&h);
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) - h.now == 9 * S);
}

/* A timeout before the deadline does nothing. */
UT_CASE(early_timeout)
{
	struct h h;
	uint64_t d;

	h_init(&h, false);
	dhcp4_sm_start(&h.sm, h.now, NULL, &h.out);
	d = dhcp4_sm_deadline(&h.sm);
	dhcp4_sm_timeout(&h.sm, d - 1, &h.out);
	UT_EXPECT(h.out.n == 0 && dhcp4_sm_deadline(&h.sm) == d);
	h_init(&h, false);
	dhcp4_sm_timeout(&h.sm, h.now, &h.out);
	UT_EXPECT(h.out.n == 0 && h.sm.state == DHCP4_STOPPED);
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) == UINT64_MAX);
}

/* RFC 2131 §4.4.1: INIT waits 1..10 s when configured to. */
UT_CASE(init_delay)
{
	struct h h;

	h_init(&h, false);
	h.cfg.init_delay_max_ms = 10000;
	dhcp4_sm_start(&h.sm, h.now, NULL, &h.out);
	UT_EXPECT(h.sm.state == DHCP4_INIT && count(&h, DHCP4_ACT_SEND) == 0);
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) <= h.now + 10000);
	fire(&h);
	UT_EXPECT(h.sm.state == DHCP4_SELECTING &&
		  sent_type(&h) == DHCP4_DISCOVER);
}

UT_CASE(select_request_bound)
{
	struct h h;
	const struct dhcp4_action *a;
	const struct dhcp4_build *b;
	uint64_t req_at;

	h_init(&h, false);
	to_requesting(&h);
	UT_ASSERT(h.sm.state == DHCP4_REQUESTING);
	b = sent(&h);
	UT_ASSERT(b && b->type == DHCP4_REQUEST);
	/* RFC 2131 table 5, SELECTING: the OFFER's xid, option 50 and 54,
	 * ciaddr 0, broadcast */
	UT_EXPECT(b->xid == h.sm.xid);
	UT_EXPECT(b->requested.s_addr == ip("192.0.2.10"));
	UT_EXPECT(b->server_id.s_addr == ip("192.0.2.1"));
	UT_EXPECT(!b->ciaddr.s_addr);
	UT_EXPECT(!get(&h, DHCP4_ACT_SEND, 0)->send.unicast);
	UT_EXPECT(h.sm.stats.rx[DHCP4_OFFER] == 1);
	req_at = h.now;
	h.now += 300;
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 3600);
	UT_ASSERT(h.sm.state == DHCP4_BOUND);
	UT_ASSERT(h.out.n == 3);
	UT_EXPECT(h.out.a[0].type == DHCP4_ACT_APPLY);
	UT_EXPECT(h.out.a[1].type == DHCP4_ACT_STORE);
	a = &h.out.a[2];
	UT_EXPECT(a->type == DHCP4_ACT_STATE && a->state.from ==
		  DHCP4_REQUESTING && a->state.to == DHCP4_BOUND);
	UT_EXPECT_STR(a->state.reason, "BOUND");
	UT_EXPECT(h.out.a[0].lease->ack.yiaddr.s_addr == ip("192.0.2.10"));
	UT_EXPECT(h.sm.lease.plen == 24);
	/* times count from the REQUEST */
	UT_EXPECT(h.sm.lease.acquired_ms == req_at);
	UT_EXPECT(h.sm.lease.t1_s == 1800 && h.sm.lease.t2_s == 3150);
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) == req_at + 1800 * S);
	UT_EXPECT(h.sm.stats.rx[DHCP4_ACK] == 1);
	UT_EXPECT(!dhcp4_sm_wants_raw(&h.sm));
}

/* REQUESTING retransmits with backoff, then gives up to INIT. */
UT_CASE(request_timeout)
{
	struct h h;
	unsigned int i;
	uint32_t xid;

	h_init(&h, false);
	to_requesting(&h);
	xid = h.sm.xid;
	for (i = 1; i < h.cfg.request_tries; i++) {
		uint64_t d = dhcp4_sm_deadline(&h.sm) - h.now;
		uint64_t base = 4 * S << (i - 1);

		UT_EXPECT(d >= base - S && d <= base + S);
		fire(&h);
		UT_ASSERT(sent_type(&h) == DHCP4_REQUEST);
		UT_EXPECT(sent(&h)->xid == xid);
		UT_EXPECT(sent(&h)->server_id.s_addr == ip("192.0.2.1"));
	}
	fire(&h);
	UT_EXPECT(h.sm.state == DHCP4_SELECTING);
	UT_EXPECT(sent_type(&h) == DHCP4_DISCOVER);
	UT_EXPECT(get(&h, DHCP4_ACT_STATE, 0)->state.to == DHCP4_INIT);
}

UT_CASE(reply_checks)
{
	struct h h;
	struct dhcp4_msg m;
	struct in_addr src = { 0 };

	h_init(&h, false);
	dhcp4_sm_start(&h.sm, h.now, NULL, &h.out);

	reply(&h, DHCP4_OFFER, "192.0.2.10", "192.0.2.1", 60, &m);
	m.op = 1;
	dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
	UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_OP] == 1);
	m.op = 2;
	m.xid ^= 1;
	dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
	UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_XID] == 1);
	m.xid ^= 1;
	m.chaddr[5] ^= 1;
	dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
	UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_CHADDR] == 1);
	m.chaddr[5] ^= 1;
	m.has_server_id = false;
	dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
	UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_SERVER] == 1);
	m.has_server_id = true;
	m.yiaddr.s_addr = 0;
	dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
	m.yiaddr.s_addr = ip("224.0.0.1");
	dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
	m.yiaddr.s_addr = ip("127.0.0.1");
	dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
	UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_ADDR] == 3);
	m.yiaddr.s_addr = ip("192.0.2.10");
	m.type = DHCP4_ACK;		/* an ACK in SELECTING */
	dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
	m.type = DHCP4_REQUEST;		/* another client's message */
	dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
	UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_STATE] == 2);
	UT_EXPECT(h.sm.state == DHCP4_SELECTING && h.out.n == 0);
	UT_EXPECT(h.sm.stats.rx[DHCP4_OFFER] == 0);

	/* REQUESTING: the ACK must come from the chosen server */
	rx(&h, DHCP4_OFFER, "192.0.2.10", "192.0.2.1", 3600);
	UT_ASSERT(h.sm.state == DHCP4_REQUESTING);
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.2", 3600);
	rx(&h, DHCP4_NAK, NULL, "192.0.2.2", 0);
	UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_SERVER] == 3);
	/* another address than the one requested; no lease time */
	rx(&h, DHCP4_ACK, "192.0.2.11", "192.0.2.1", 3600);
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 0);
	UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_ADDR] == 5);
	/* a second OFFER */
	rx(&h, DHCP4_OFFER, "192.0.2.12", "192.0.2.3", 3600);
	UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_STATE] == 3);
	UT_EXPECT(h.sm.state == DHCP4_REQUESTING);

	/* stopped */
	dhcp4_sm_stop(&h.sm, h.now, false, &h.out);
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 3600);
	UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_STOPPED] == 1);
	UT_EXPECT(h.sm.state == DHCP4_STOPPED && h.out.n == 0);
}

/* RFC 2131 §4.4.5: T1/T2 defaults, the server's values when ordered. */
UT_CASE(t1_t2_values)
{
	static const struct {
		bool h1, h2;
		uint32_t t1, t2, want1, want2;
	} c[] = {
		{ false, false, 0, 0, 500, 875 },
		{ true, true, 100, 200, 100, 200 },
		{ true, false, 300, 0, 300, 875 },
		{ false, true, 0, 900, 500, 900 },
		{ true, true, 800, 600, 500, 875 },	/* T1 > T2 */
		{ true, true, 100, 1001, 500, 875 },	/* T2 > lease */
		{ true, false, 900, 0, 500, 875 },	/* T1 > default T2 */
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct h h;
		struct dhcp4_msg m;
		struct in_addr src = { ip("192.0.2.1") };

		h_init(&h, false);
		to_requesting(&h);
		reply(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 1000, &m);
		m.has_t1 = c[i].h1;
		m.t1_s = c[i].t1;
		m.has_t2 = c[i].h2;
		m.t2_s = c[i].t2;
		dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
		UT_ASSERT(h.sm.state == DHCP4_BOUND);
		UT_EXPECT(h.sm.lease.t1_s == c[i].want1);
		UT_EXPECT(h.sm.lease.t2_s == c[i].want2);
	}
}

/* BOUND -T1-> RENEWING -T2-> REBINDING -expiry-> INIT. */
UT_CASE(renew_rebind_expire)
{
	struct h h;
	const struct dhcp4_action *a;
	uint64_t t0, t1, t2, te, prev;
	uint32_t xid;

	h_init(&h, false);
	to_requesting(&h);
	t0 = h.now;
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 3600);
	t1 = t0 + 1800 * S;
	t2 = t0 + 3150 * S;
	te = t0 + 3600 * S;
	fire(&h);
	UT_ASSERT(h.now == t1 && h.sm.state == DHCP4_RENEWING);
	a = find(&h, DHCP4_ACT_SEND, 0);
	UT_ASSERT(a && a->send.msg.type == DHCP4_REQUEST);
	/* unicast to the server; ciaddr ours; no option 50 or 54 */
	UT_EXPECT(a->send.unicast && a->send.dst.s_addr == ip("192.0.2.1"));
	UT_EXPECT(a->send.msg.ciaddr.s_addr == ip("192.0.2.10"));
	UT_EXPECT(!a->send.msg.requested.s_addr &&
		  !a->send.msg.server_id.s_addr);
	UT_EXPECT(!dhcp4_sm_wants_raw(&h.sm));
	xid = a->send.msg.xid;
	/* half the time to T2 (675 s), then half again, down to 60 s */
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) == t1 + 675 * S);
	fire(&h);
	UT_EXPECT(sent_type(&h) == DHCP4_REQUEST && sent(&h)->xid == xid);
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) - h.now == (t2 - h.now) / 2);
	prev = h.now;
	while (h.sm.state == DHCP4_RENEWING) {
		uint64_t d;

		fire(&h);
		if (h.sm.state != DHCP4_RENEWING)
			break;
		d = dhcp4_sm_deadline(&h.sm) - h.now;
		UT_EXPECT(d >= 60 * S || dhcp4_sm_deadline(&h.sm) == t2);
		UT_EXPECT(h.now - prev >= 60 * S || h.now == t2);
		prev = h.now;
	}
	UT_ASSERT(h.sm.state == DHCP4_REBINDING);
	UT_EXPECT(h.now == t2);
	a = find(&h, DHCP4_ACT_SEND, 0);
	UT_ASSERT(a && a->send.msg.type == DHCP4_REQUEST);
	UT_EXPECT(!a->send.unicast);
	UT_EXPECT(a->send.msg.ciaddr.s_addr == ip("192.0.2.10"));
	UT_EXPECT(!a->send.msg.server_id.s_addr);
	UT_EXPECT(dhcp4_sm_wants_raw(&h.sm));
	/* half the lease left: 225 s, then 112.5 s, then 60 s, then expiry */
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) == t2 + 225 * S);
	while (h.sm.state == DHCP4_REBINDING)
		fire(&h);
	UT_EXPECT(h.now == te);
	UT_EXPECT(h.sm.stats.expiries == 1);
	UT_EXPECT(h.out.a[0].type == DHCP4_ACT_UNAPPLY);
	UT_EXPECT(h.out.a[1].type == DHCP4_ACT_FORGET);
	a = find(&h, DHCP4_ACT_STATE, 0);
	UT_EXPECT(a && a->state.to == DHCP4_INIT);
	UT_EXPECT_STR(a->state.reason, "EXPIRE");
	UT_EXPECT(h.sm.state == DHCP4_SELECTING &&
		  sent_type(&h) == DHCP4_DISCOVER);
	/* RFC 2131 §4.4.1: the last address suggested */
	UT_EXPECT(sent(&h)->requested.s_addr == ip("192.0.2.10"));
}

/* An ACK in RENEWING and in REBINDING: BOUND again, times from then. */
UT_CASE(renew_and_rebind_acked)
{
	struct h h;
	uint64_t t;

	h_init(&h, true);
	to_bound(&h, 3600);
	UT_ASSERT(h.sm.state == DHCP4_BOUND);
	while (h.sm.state == DHCP4_BOUND)
		fire(&h);
	UT_ASSERT(h.sm.state == DHCP4_RENEWING);
	t = h.now;
	h.now += 20;
	/* an ACK from another server is not taken in RENEWING */
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.9", 7200);
	UT_EXPECT(h.sm.state == DHCP4_RENEWING);
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 7200);
	UT_ASSERT(h.sm.state == DHCP4_BOUND);
	UT_EXPECT_STR(get(&h, DHCP4_ACT_STATE, 0)->state.reason, "RENEW");
	UT_EXPECT(count(&h, DHCP4_ACT_APPLY) == 1 &&
		  count(&h, DHCP4_ACT_STORE) == 1);
	UT_EXPECT(count(&h, DHCP4_ACT_ARP) == 0);	/* no announcing */
	UT_EXPECT(h.sm.lease.acquired_ms == t && h.sm.lease.lease_s == 7200);
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) == t + 3600 * S);

	dhcp4_sm_rebind(&h.sm, h.now, &h.out);
	UT_ASSERT(h.sm.state == DHCP4_REBINDING);
	t = h.now;
	/* any server may answer in REBINDING */
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.9", 600);
	UT_ASSERT(h.sm.state == DHCP4_BOUND);
	UT_EXPECT_STR(get(&h, DHCP4_ACT_STATE, 0)->state.reason, "REBIND");
	UT_EXPECT(h.sm.lease.ack.server_id.s_addr == ip("192.0.2.9"));
	/* and the next renewal goes to it */
	dhcp4_sm_renew(&h.sm, h.now, &h.out);
	UT_ASSERT(h.sm.state == DHCP4_RENEWING);
	UT_EXPECT(get(&h, DHCP4_ACT_SEND, 0)->send.dst.s_addr ==
		  ip("192.0.2.9"));
	/* a different address in a renewal is not taken */
	rx(&h, DHCP4_ACK, "192.0.2.11", "192.0.2.9", 600);
	UT_EXPECT(h.sm.state == DHCP4_RENEWING);
}

/* A NAK: INIT after a short random delay, never at once. */
UT_CASE(nak_delay)
{
	int run;

	for (run = 0; run < 30; run++) {
		struct h h;
		uint64_t d;

		h_init(&h, false);
		h.seed += run * 104729;
		to_requesting(&h);
		rx(&h, DHCP4_NAK, NULL, "192.0.2.1", 0);
		UT_ASSERT(h.sm.state == DHCP4_INIT);
		UT_EXPECT(h.sm.stats.naks == 1 && h.sm.stats.rx[DHCP4_NAK] == 1);
		UT_EXPECT(count(&h, DHCP4_ACT_SEND) == 0);
		UT_EXPECT(count(&h, DHCP4_ACT_UNAPPLY) == 0);
		UT_EXPECT_STR(get(&h, DHCP4_ACT_STATE, 0)->state.reason, "NAK");
		d = dhcp4_sm_deadline(&h.sm) - h.now;
		UT_EXPECT(d >= h.cfg.nak_delay_min_ms &&
			  d <= h.cfg.nak_delay_max_ms);
		fire(&h);
		UT_EXPECT(h.sm.state == DHCP4_SELECTING &&
			  sent_type(&h) == DHCP4_DISCOVER);
	}
}

UT_CASE(nak_while_renewing)
{
	struct h h;

	h_init(&h, false);
	to_bound(&h, 3600);
	dhcp4_sm_renew(&h.sm, h.now, &h.out);
	UT_ASSERT(h.sm.state == DHCP4_RENEWING);
	rx(&h, DHCP4_NAK, NULL, "192.0.2.1", 0);
	UT_ASSERT(h.sm.state == DHCP4_INIT);
	UT_EXPECT(h.out.a[0].type == DHCP4_ACT_UNAPPLY);
	UT_EXPECT(h.out.a[1].type == DHCP4_ACT_FORGET);
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) > h.now);
	/* the admin need not wait */
	dhcp4_sm_renew(&h.sm, h.now, &h.out);
	UT_EXPECT(h.sm.state == DHCP4_SELECTING);
	/* the address refused is not suggested again */
	UT_EXPECT(sent_type(&h) == DHCP4_DISCOVER &&
		  !sent(&h)->requested.s_addr);
}

/* RFC 5227 §2.1.1 and §2.3: probe and announce timing. */
UT_CASE(acd_timing)
{
	int run;

	for (run = 0; run < 30; run++) {
		struct h h;
		uint64_t ack_at, d;
		unsigned int i;
		const struct dhcp4_action *a;

		h_init(&h, true);
		h.seed += run * 31337;
		to_requesting(&h);
		rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 3600);
		UT_ASSERT(h.sm.state == DHCP4_PROBING);
		UT_EXPECT(count(&h, DHCP4_ACT_APPLY) == 0);
		UT_EXPECT(dhcp4_sm_wants_arp(&h.sm) &&
			  dhcp4_sm_wants_raw(&h.sm));
		ack_at = h.now;
		UT_EXPECT(dhcp4_sm_deadline(&h.sm) - ack_at <= 1000);
		for (i = 0; i < 3; i++) {
			fire(&h);
			a = find(&h, DHCP4_ACT_ARP, 0);
			UT_ASSERT(a && h.out.n == 1);
			UT_EXPECT(a->arp.op == DHCP4_ARP_REQUEST);
			UT_EXPECT(!a->arp.spa.s_addr);
			UT_EXPECT(a->arp.tpa.s_addr == ip("192.0.2.10"));
			UT_EXPECT(!memcmp(a->arp.sha, MAC, 6));
			d = dhcp4_sm_deadline(&h.sm) - h.now;
			if (i < 2)
				UT_EXPECT(d >= 1000 && d <= 2000);
			else
				UT_EXPECT(d == 2000);	/* ANNOUNCE_WAIT */
		}
		fire(&h);
		UT_ASSERT(h.sm.state == DHCP4_BOUND);
		UT_EXPECT(h.out.a[0].type == DHCP4_ACT_APPLY);
		UT_EXPECT(h.out.a[1].type == DHCP4_ACT_STORE);
		a = find(&h, DHCP4_ACT_ARP, 0);
		UT_ASSERT(a);
		UT_EXPECT(a->arp.spa.s_addr == ip("192.0.2.10") &&
			  a->arp.tpa.s_addr == ip("192.0.2.10"));
		UT_EXPECT(dhcp4_sm_deadline(&h.sm) - h.now == 2000);
		fire(&h);
		UT_EXPECT(h.sm.state == DHCP4_BOUND && h.out.n == 1 &&
			  h.out.a[0].type == DHCP4_ACT_ARP);
		/* ANNOUNCE_NUM is 2: next is T1 */
		fire(&h);
		UT_EXPECT(h.sm.state == DHCP4_RENEWING);
	}
}

/* A conflict while probing: DECLINE and INIT at once. */
UT_CASE(acd_conflict)
{
	struct h h;
	const struct dhcp4_build *b;
	int kind;

	for (kind = 0; kind < 3; kind++) {
		h_init(&h, true);
		to_requesting(&h);
		rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 3600);
		fire(&h);
		/* not conflicts: ours, another address, a probe from us */
		arp(&h, DHCP4_ARP_REPLY, MAC, "192.0.2.10", "192.0.2.10");
		arp(&h, DHCP4_ARP_REPLY, OTHER, "192.0.2.11", "192.0.2.10");
		arp(&h, DHCP4_ARP_REQUEST, OTHER, "0.0.0.0", "192.0.2.11");
		UT_EXPECT(h.sm.state == DHCP4_PROBING && h.out.n == 0);
		if (kind == 0)		/* an answer to our probe */
			arp(&h, DHCP4_ARP_REPLY, OTHER, "192.0.2.10",
			    "0.0.0.0");
		else if (kind == 1)	/* another host probing for it */
			arp(&h, DHCP4_ARP_REQUEST, OTHER, "0.0.0.0",
			    "192.0.2.10");
		else			/* a gratuitous request */
			arp(&h, DHCP4_ARP_REQUEST, OTHER, "192.0.2.10",
			    "192.0.2.10");
		b = sent(&h);
		UT_ASSERT(b && b->type == DHCP4_DECLINE);
		UT_EXPECT(b->requested.s_addr == ip("192.0.2.10"));
		UT_EXPECT(b->server_id.s_addr == ip("192.0.2.1"));
		UT_EXPECT(!b->ciaddr.s_addr);
		UT_EXPECT(h.sm.stats.conflicts == 1 &&
			  h.sm.stats.declines == 1);
		UT_EXPECT(h.sm.stats.tx[DHCP4_DECLINE] == 1);
		UT_EXPECT(count(&h, DHCP4_ACT_APPLY) == 0 &&
			  count(&h, DHCP4_ACT_UNAPPLY) == 0);
		UT_EXPECT_STR(get(&h, DHCP4_ACT_STATE, 0)->state.reason,
			      "DECLINE");
		UT_EXPECT(h.sm.state == DHCP4_SELECTING);
		UT_EXPECT(get(&h, DHCP4_ACT_SEND, 1)->send.msg.type ==
			  DHCP4_DISCOVER);
		/* the declined address is not suggested again */
		UT_EXPECT(!get(&h, DHCP4_ACT_SEND, 1)->send.msg.requested.s_addr);
	}
}

/* RFC 5227 §2.1.1: after MAX_CONFLICTS, one try per RATE_LIMIT_INTERVAL. */
UT_CASE(acd_rate_limit)
{
	struct h h;
	unsigned int i;

	h_init(&h, true);
	dhcp4_sm_start(&h.sm, h.now, NULL, &h.out);
	for (i = 1; i <= 11; i++) {
		if (h.sm.state == DHCP4_INIT)
			fire(&h);
		UT_ASSERT(h.sm.state == DHCP4_SELECTING);
		h.now += 100;
		rx(&h, DHCP4_OFFER, "192.0.2.10", "192.0.2.1", 3600);
		rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 3600);
		UT_ASSERT(h.sm.state == DHCP4_PROBING);
		arp(&h, DHCP4_ARP_REPLY, OTHER, "192.0.2.10", "0.0.0.0");
		UT_EXPECT(sent_type(&h) == DHCP4_DECLINE);
		if (i < 10) {
			UT_EXPECT(h.sm.state == DHCP4_SELECTING);
		} else {
			UT_EXPECT(h.sm.state == DHCP4_INIT);
			UT_EXPECT(count(&h, DHCP4_ACT_SEND) == 1);
			UT_EXPECT(dhcp4_sm_deadline(&h.sm) - h.now == 60000);
		}
	}
	UT_EXPECT(h.sm.stats.declines == 11 && h.sm.stats.conflicts == 11);
	/* a clean bind ends the limit */
	fire(&h);
	rx(&h, DHCP4_OFFER, "192.0.2.20", "192.0.2.1", 3600);
	rx(&h, DHCP4_ACK, "192.0.2.20", "192.0.2.1", 3600);
	while (h.sm.state == DHCP4_PROBING)
		fire(&h);
	UT_EXPECT(h.sm.state == DHCP4_BOUND && h.sm.conflicts == 0);
}

/* RFC 5227 §2.4 (b): defend once per DEFEND_INTERVAL, then give up. */
UT_CASE(acd_defend)
{
	struct h h;
	const struct dhcp4_action *a;

	h_init(&h, true);
	to_bound(&h, 3600);
	UT_ASSERT(h.sm.state == DHCP4_BOUND);
	UT_EXPECT(dhcp4_sm_wants_arp(&h.sm));
	h.now += 5 * S;
	/* a probe for our address is not a conflict once bound */
	arp(&h, DHCP4_ARP_REQUEST, OTHER, "0.0.0.0", "192.0.2.10");
	UT_EXPECT(h.out.n == 0);
	arp(&h, DHCP4_ARP_REPLY, OTHER, "192.0.2.10", "192.0.2.10");
	a = find(&h, DHCP4_ACT_ARP, 0);
	UT_ASSERT(a && h.out.n == 1);
	UT_EXPECT(a->arp.spa.s_addr == ip("192.0.2.10") &&
		  a->arp.tpa.s_addr == ip("192.0.2.10"));
	UT_EXPECT(h.sm.stats.defended == 1 && h.sm.state == DHCP4_BOUND);
	/* 10 s later: a new window, defended again */
	h.now += 10 * S;
	arp(&h, DHCP4_ARP_REPLY, OTHER, "192.0.2.10", "192.0.2.10");
	UT_EXPECT(h.sm.stats.defended == 2 && h.sm.state == DHCP4_BOUND);
	/* within 10 s: give up, no DECLINE for a bound lease */
	h.now += 9 * S;
	arp(&h, DHCP4_ARP_REPLY, OTHER, "192.0.2.10", "192.0.2.10");
	UT_EXPECT(h.sm.stats.defended == 2);
	UT_EXPECT(h.out.a[0].type == DHCP4_ACT_UNAPPLY);
	UT_EXPECT(h.out.a[1].type == DHCP4_ACT_FORGET);
	UT_EXPECT(h.sm.stats.tx[DHCP4_DECLINE] == 0);
	UT_EXPECT(h.sm.stats.conflicts == 3);
	UT_EXPECT(h.sm.state == DHCP4_SELECTING);
	UT_EXPECT(get(&h, DHCP4_ACT_STATE, 0)->state.to == DHCP4_INIT);
}

UT_CASE(acd_off)
{
	struct h h;

	h_init(&h, false);
	to_bound(&h, 3600);
	UT_EXPECT(count(&h, DHCP4_ACT_ARP) == 0);
	UT_EXPECT(!dhcp4_sm_wants_arp(&h.sm));
	arp(&h, DHCP4_ARP_REPLY, OTHER, "192.0.2.10", "192.0.2.10");
	UT_EXPECT(h.out.n == 0 && h.sm.state == DHCP4_BOUND);
}

static void stored_lease(struct dhcp4_lease *l, uint64_t at)
{
	memset(l, 0, sizeof(*l));
	l->ack.op = 2;
	l->ack.type = DHCP4_ACK;
	l->ack.yiaddr.s_addr = ip("192.0.2.10");
	l->ack.has_server_id = true;
	l->ack.server_id.s_addr = ip("192.0.2.1");
	l->plen = 24;
	l->lease_s = 3600;
	l->t1_s = 1800;
	l->t2_s = 3150;
	l->acquired_ms = at;
}

UT_CASE(init_reboot_ack)
{
	struct h h;
	struct dhcp4_lease l;
	const struct dhcp4_build *b;

	h_init(&h, false);
	stored_lease(&l, h.now - 100 * S);
	dhcp4_sm_start(&h.sm, h.now, &l, &h.out);
	UT_ASSERT(h.sm.state == DHCP4_REBOOTING);
	UT_EXPECT(get(&h, DHCP4_ACT_STATE, 0)->state.to == DHCP4_INIT_REBOOT);
	b = sent(&h);
	UT_ASSERT(b && b->type == DHCP4_REQUEST);
	/* RFC 2131 table 5, INIT-REBOOT: option 50, no 54, ciaddr 0 */
	UT_EXPECT(b->requested.s_addr == ip("192.0.2.10"));
	UT_EXPECT(!b->server_id.s_addr && !b->ciaddr.s_addr);
	UT_EXPECT(!get(&h, DHCP4_ACT_SEND, 0)->send.unicast);
	UT_EXPECT(dhcp4_sm_wants_raw(&h.sm));
	h.now += 50;
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.5", 3600);
	UT_ASSERT(h.sm.state == DHCP4_BOUND);
	UT_EXPECT_STR(get(&h, DHCP4_ACT_STATE, 0)->state.reason, "REBOOT");
	UT_EXPECT(h.sm.lease.ack.server_id.s_addr == ip("192.0.2.5"));

	/* with ACD: probed first */
	h_init(&h, true);
	dhcp4_sm_start(&h.sm, h.now, &l, &h.out);
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 3600);
	UT_ASSERT(h.sm.state == DHCP4_PROBING);
	while (h.sm.state == DHCP4_PROBING)
		fire(&h);
	UT_EXPECT(h.sm.state == DHCP4_BOUND);
	UT_EXPECT_STR(get(&h, DHCP4_ACT_STATE, 0)->state.reason, "REBOOT");
}

UT_CASE(init_reboot_nak)
{
	struct h h;
	struct dhcp4_lease l;

	h_init(&h, false);
	stored_lease(&l, h.now);
	dhcp4_sm_start(&h.sm, h.now, &l, &h.out);
	/* a reboot's NAK may come from any server */
	rx(&h, DHCP4_NAK, NULL, "192.0.2.7", 0);
	UT_ASSERT(h.sm.state == DHCP4_INIT);
	UT_EXPECT(h.out.a[0].type == DHCP4_ACT_UNAPPLY);
	UT_EXPECT(h.out.a[1].type == DHCP4_ACT_FORGET);
	UT_EXPECT(!h.sm.have_lease && h.sm.stats.naks == 1);
	/* an ACK for another address is not taken */
	h_init(&h, false);
	dhcp4_sm_start(&h.sm, h.now, &l, &h.out);
	rx(&h, DHCP4_ACK, "192.0.2.11", "192.0.2.1", 3600);
	UT_EXPECT(h.sm.state == DHCP4_REBOOTING &&
		  h.sm.stats.drop[DHCP4_DROP_ADDR] == 1);
}

UT_CASE(init_reboot_no_answer)
{
	struct h h;
	struct dhcp4_lease l;
	unsigned int sends = 1;

	h_init(&h, false);
	stored_lease(&l, h.now);
	dhcp4_sm_start(&h.sm, h.now, &l, &h.out);
	while (h.sm.state == DHCP4_REBOOTING) {
		fire(&h);
		if (h.sm.state == DHCP4_REBOOTING) {
			UT_EXPECT(sent_type(&h) == DHCP4_REQUEST);
			sends++;
		}
	}
	UT_EXPECT(sends == h.cfg.reboot_tries);
	UT_EXPECT(h.out.a[0].type == DHCP4_ACT_UNAPPLY);
	UT_EXPECT(h.out.a[1].type == DHCP4_ACT_FORGET);
	UT_EXPECT_STR(get(&h, DHCP4_ACT_STATE, 0)->state.reason, "TIMEOUT");
	UT_EXPECT(h.sm.state == DHCP4_SELECTING &&
		  sent_type(&h) == DHCP4_DISCOVER);
}

UT_CASE(release)
{
	struct h h;
	const struct dhcp4_action *a;

	h_init(&h, true);
	to_bound(&h, 3600);
	dhcp4_sm_release(&h.sm, h.now, &h.out);
	a = find(&h, DHCP4_ACT_SEND, 0);
	UT_ASSERT(a && a->send.msg.type == DHCP4_RELEASE);
	UT_EXPECT(a->send.unicast && a->send.dst.s_addr == ip("192.0.2.1"));
	UT_EXPECT(a->send.msg.ciaddr.s_addr == ip("192.0.2.10"));
	UT_EXPECT(a->send.msg.server_id.s_addr == ip("192.0.2.1"));
	UT_EXPECT(count(&h, DHCP4_ACT_UNAPPLY) == 1 &&
		  count(&h, DHCP4_ACT_FORGET) == 1);
	UT_EXPECT(h.sm.state == DHCP4_STOPPED);
	UT_EXPECT_STR(get(&h, DHCP4_ACT_STATE, 0)->state.reason, "RELEASE");
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) == UINT64_MAX);
	UT_EXPECT(!dhcp4_sm_wants_raw(&h.sm) && !dhcp4_sm_wants_arp(&h.sm));
	/* renew from STOPPED starts over in INIT */
	dhcp4_sm_renew(&h.sm, h.now, &h.out);
	UT_EXPECT(h.sm.state == DHCP4_SELECTING);
	/* stop(release) while selecting: nothing to release */
	dhcp4_sm_stop(&h.sm, h.now, true, &h.out);
	UT_EXPECT(h.sm.state == DHCP4_STOPPED &&
		  count(&h, DHCP4_ACT_SEND) == 0);
}

/* stop without release keeps the lease; start verifies it. */
UT_CASE(stop_start)
{
	struct h h;

	h_init(&h, false);
	to_bound(&h, 3600);
	dhcp4_sm_stop(&h.sm, h.now, false, &h.out);
	UT_ASSERT(h.sm.state == DHCP4_STOPPED);
	UT_EXPECT(h.out.n == 1 && h.out.a[0].type == DHCP4_ACT_STATE);
	UT_EXPECT_STR(h.out.a[0].state.reason, "STOP");
	UT_EXPECT(h.sm.have_lease);
	dhcp4_sm_stop(&h.sm, h.now, false, &h.out);
	UT_EXPECT(h.out.n == 0);
	h.now += 30 * S;
	dhcp4_sm_start(&h.sm, h.now, NULL, &h.out);
	UT_EXPECT(h.sm.state == DHCP4_REBOOTING);
	UT_EXPECT(sent(&h)->requested.s_addr == ip("192.0.2.10"));
	/* stop(release) while bound */
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 3600);
	UT_ASSERT(h.sm.state == DHCP4_BOUND);
	dhcp4_sm_stop(&h.sm, h.now, true, &h.out);
	UT_EXPECT(sent_type(&h) == DHCP4_RELEASE &&
		  h.sm.state == DHCP4_STOPPED && !h.sm.have_lease);
}

UT_CASE(commands)
{
	struct h h;
	uint32_t xid;

	h_init(&h, false);
	/* renew and rebind do nothing where they mean nothing */
	dhcp4_sm_rebind(&h.sm, h.now, &h.out);
	UT_EXPECT(h.out.n == 0 && h.sm.state == DHCP4_STOPPED);
	to_requesting(&h);
	dhcp4_sm_renew(&h.sm, h.now, &h.out);
	dhcp4_sm_rebind(&h.sm, h.now, &h.out);
	UT_EXPECT(h.out.n == 0 && h.sm.state == DHCP4_REQUESTING);
	rx(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 3600);
	UT_ASSERT(h.sm.state == DHCP4_BOUND);
	xid = h.sm.xid;
	h.now += 10 * S;
	dhcp4_sm_renew(&h.sm, h.now, &h.out);
	UT_EXPECT(h.sm.state == DHCP4_RENEWING && sent(&h) &&
		  sent(&h)->xid != xid);
	dhcp4_sm_rebind(&h.sm, h.now, &h.out);
	UT_EXPECT(h.sm.state == DHCP4_REBINDING && sent(&h) &&
		  !get(&h, DHCP4_ACT_SEND, 0)->send.unicast);
	/* the old transaction's answer is not ours any more */
	{
		struct dhcp4_msg m;
		struct in_addr src = { 0 };

		reply(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 3600, &m);
		m.xid = xid;
		dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
		UT_EXPECT(h.sm.stats.drop[DHCP4_DROP_XID] == 1);
	}
}

/* An infinite lease (0xffffffff) never renews. */
UT_CASE(infinite_lease)
{
	struct h h;

	h_init(&h, false);
	to_bound(&h, UINT32_MAX);
	UT_EXPECT(h.sm.state == DHCP4_BOUND);
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) == UINT64_MAX);
}

/* A lease of 0 s: bound, then at once renewing... never a busy loop. */
UT_CASE(zero_lease)
{
	struct h h;
	unsigned int i;

	struct dhcp4_msg m;
	struct in_addr src = { ip("192.0.2.1") };

	h_init(&h, false);
	to_requesting(&h);
	reply(&h, DHCP4_ACK, "192.0.2.10", "192.0.2.1", 0, &m);
	m.has_lease = true;
	dhcp4_sm_rx(&h.sm, h.now, &m, src, &h.out);
	UT_EXPECT(h.sm.state == DHCP4_BOUND);
	UT_EXPECT(dhcp4_sm_deadline(&h.sm) >= h.now);
	fire(&h);
	UT_EXPECT(h.sm.stats.expiries == 1 && h.sm.state == DHCP4_SELECTING);
	for (i = 0; i < 5; i++) {
		uint64_t before = h.now;

		fire(&h);
		UT_EXPECT(h.now - before >= 3 * S);
	}
}

UT_CASE(wants)
{
	struct h h;

	h_init(&h, true);
	UT_EXPECT(!dhcp4_sm_wants_raw(&h.sm) && !dhcp4_sm_wants_arp(&h.sm));
	to_requesting(&h);
	UT_EXPECT(dhcp4_sm_wants_raw(&h.sm) && !dhcp4_sm_wants_arp(&h.sm));
}

UT_MAIN("dhcp4_sm",
	UT_ENTRY(config_defaults),
	UT_ENTRY(names),
	UT_ENTRY(discover_backoff),
	UT_ENTRY(early_timeout),
	UT_ENTRY(init_delay),
	UT_ENTRY(select_request_bound),
	UT_ENTRY(request_timeout),
	UT_ENTRY(reply_checks),
	UT_ENTRY(t1_t2_values),
	UT_ENTRY(renew_rebind_expire),
	UT_ENTRY(renew_and_rebind_acked),
	UT_ENTRY(nak_delay),
	UT_ENTRY(nak_while_renewing),
	UT_ENTRY(acd_timing),
	UT_ENTRY(acd_conflict),
	UT_ENTRY(acd_rate_limit),
	UT_ENTRY(acd_defend),
	UT_ENTRY(acd_off),
	UT_ENTRY(init_reboot_ack),
	UT_ENTRY(init_reboot_nak),
	UT_ENTRY(init_reboot_no_answer),
	UT_ENTRY(release),
	UT_ENTRY(stop_start),
	UT_ENTRY(commands),
	UT_ENTRY(infinite_lease),
	UT_ENTRY(zero_lease),
	UT_ENTRY(wants))
