// SPDX-License-Identifier: GPL-2.0
/*
 * What the IAPP engine refuses of its peers, as pure functions: signed
 * messages outside the replay window or seen before (iapp/replay.c), and
 * the addresses of a context that no station may be bound to
 * (iapp_ctx_sanitize(), iapp/logic.c).
 */
#include <string.h>
#include <sys/socket.h>

#include "iapp/logic.h"
#include "iapp/replay.h"
#include "ut.h"

#define NOW	1764547200000ull	/* 2025-12-01, in ms */
#define WIN	30000ull

static struct iapp_replay rp;

static void tag(uint8_t t[IAPP_AUTH_TAG_LEN], unsigned int n)
{
	memset(t, 0, IAPP_AUTH_TAG_LEN);
	memcpy(t, &n, sizeof(n));
}

UT_CASE(replay_window)
{
	uint8_t t[IAPP_AUTH_TAG_LEN];

	iapp_replay_init(&rp);
	/* The window's edges, both ways, are in; one more ms is not. */
	tag(t, 1);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW - WIN, NOW, WIN) ==
		  IAPP_REPLAY_FRESH);
	tag(t, 2);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW + WIN, NOW, WIN) ==
		  IAPP_REPLAY_FRESH);
	tag(t, 3);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW - WIN - 1, NOW, WIN) ==
		  IAPP_REPLAY_STALE);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW + WIN + 1, NOW, WIN) ==
		  IAPP_REPLAY_STALE);
	/* Hours old, as a captured message replayed later would be. */
	UT_EXPECT(iapp_replay_check(&rp, t, NOW - 9 * 3600 * 1000ull, NOW,
				    WIN) == IAPP_REPLAY_STALE);
	/* Times at the ends of the range do not wrap around. */
	UT_EXPECT(iapp_replay_check(&rp, t, 0, NOW, WIN) ==
		  IAPP_REPLAY_STALE);
	UT_EXPECT(iapp_replay_check(&rp, t, UINT64_MAX, NOW, WIN) ==
		  IAPP_REPLAY_STALE);
	UT_EXPECT(iapp_replay_check(&rp, t, UINT64_MAX, UINT64_MAX - 5,
				    WIN) == IAPP_REPLAY_FRESH);
	UT_EXPECT(iapp_replay_check(&rp, t, UINT64_MAX, UINT64_MAX - 5,
				    WIN) == IAPP_REPLAY_SEEN);
	/* Then, 1 and 2 had left the window: 3 took the room of one. */
	UT_EXPECT(iapp_replay_count(&rp, NOW) == 2);
}

UT_CASE(replay_once)
{
	uint8_t t[IAPP_AUTH_TAG_LEN], u[IAPP_AUTH_TAG_LEN];

	iapp_replay_init(&rp);
	tag(t, 7);
	tag(u, 8);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW, NOW, WIN) ==
		  IAPP_REPLAY_FRESH);
	/* The same message again, at once and until its time leaves. */
	UT_EXPECT(iapp_replay_check(&rp, t, NOW, NOW, WIN) ==
		  IAPP_REPLAY_SEEN);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW, NOW + WIN, WIN) ==
		  IAPP_REPLAY_SEEN);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW, NOW + WIN + 1, WIN) ==
		  IAPP_REPLAY_STALE);
	/* Another message of the same time is another. */
	UT_EXPECT(iapp_replay_check(&rp, u, NOW, NOW, WIN) ==
		  IAPP_REPLAY_FRESH);
	UT_EXPECT(iapp_replay_count(&rp, NOW) == 2);
	UT_EXPECT(iapp_replay_count(&rp, NOW + WIN + 1) == 0);
	UT_EXPECT_STR(iapp_replay_verdict_name(IAPP_REPLAY_SEEN),
		      "replayed");
}

UT_CASE(replay_full)
{
	uint8_t t[IAPP_AUTH_TAG_LEN];
	unsigned int i;

	iapp_replay_init(&rp);
	for (i = 0; i < IAPP_REPLAY_MAX; i++) {
		tag(t, 1000 + i);
		UT_ASSERT(iapp_replay_check(&rp, t, NOW, NOW, WIN) ==
			  IAPP_REPLAY_FRESH);
	}
	/* Full of live tags: refused, none forgotten (no replay gets in). */
	tag(t, 99);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW, NOW, WIN) ==
		  IAPP_REPLAY_FULL);
	tag(t, 1000);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW, NOW, WIN) ==
		  IAPP_REPLAY_SEEN);
	tag(t, 1000 + IAPP_REPLAY_MAX - 1);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW, NOW, WIN) ==
		  IAPP_REPLAY_SEEN);
	/* Once they have left the window, there is room again. */
	tag(t, 99);
	UT_EXPECT(iapp_replay_check(&rp, t, NOW + WIN + 1, NOW + WIN + 1,
				    WIN) == IAPP_REPLAY_FRESH);
	UT_EXPECT(iapp_replay_count(&rp, NOW + WIN + 1) == 1);
}

static const uint8_t *v4(const char *s)
{
	static uint8_t a[4];

	memcpy(a, s, 4);
	return a;
}

UT_CASE(bindable_addresses)
{
	static const uint8_t any6[16], lo6[16] = { [15] = 1 };
	static const uint8_t ll6[16] = { 0xfe, 0x80, [15] = 1 };
	static const uint8_t ll6b[16] = { 0xfe, 0xbf, [15] = 1 };
	static const uint8_t mc6[16] = { 0xff, 0x02, [15] = 1 };
	static const uint8_t map6[16] = { [10] = 0xff, [11] = 0xff, 10, 0,
					  0, 1 };
	static const uint8_t ula6[16] = { 0xfd, 0x00, [15] = 1 };
	static const uint8_t gua6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t fec6[16] = { 0xfe, 0xc0, [15] = 1 };
	static const uint8_t two6[16] = { [15] = 2 };

	UT_EXPECT(iapp_addr_bindable(AF_INET, v4("\xc0\x00\x02\x32")));
	UT_EXPECT(iapp_addr_bindable(AF_INET, v4("\x0a\x00\x00\x01")));
	UT_EXPECT(iapp_addr_bindable(AF_INET, v4("\xdf\xff\xff\xfe")));
	UT_EXPECT(iapp_addr_bindable(AF_INET, v4("\xa9\xfd\x00\x01")));
	UT_EXPECT(!iapp_addr_bindable(AF_INET, v4("\x00\x00\x00\x00")));
	UT_EXPECT(!iapp_addr_bindable(AF_INET, v4("\x00\x01\x02\x03")));
	UT_EXPECT(!iapp_addr_bindable(AF_INET, v4("\x7f\x00\x00\x01")));
	UT_EXPECT(!iapp_addr_bindable(AF_INET, v4("\x7f\xff\xff\xff")));
	UT_EXPECT(!iapp_addr_bindable(AF_INET, v4("\xa9\xfe\x01\x02")));
	UT_EXPECT(!iapp_addr_bindable(AF_INET, v4("\xe0\x00\x01\xb2")));
	UT_EXPECT(!iapp_addr_bindable(AF_INET, v4("\xef\xff\xff\xff")));
	UT_EXPECT(!iapp_addr_bindable(AF_INET, v4("\xf0\x00\x00\x01")));
	UT_EXPECT(!iapp_addr_bindable(AF_INET, v4("\xff\xff\xff\xff")));
	UT_EXPECT(iapp_addr_bindable(AF_INET6, gua6));
	UT_EXPECT(iapp_addr_bindable(AF_INET6, ula6));
	UT_EXPECT(iapp_addr_bindable(AF_INET6, fec6));
	UT_EXPECT(iapp_addr_bindable(AF_INET6, two6));
	UT_EXPECT(!iapp_addr_bindable(AF_INET6, any6));
	UT_EXPECT(!iapp_addr_bindable(AF_INET6, lo6));
	UT_EXPECT(!iapp_addr_bindable(AF_INET6, ll6));
	UT_EXPECT(!iapp_addr_bindable(AF_INET6, ll6b));
	UT_EXPECT(!iapp_addr_bindable(AF_INET6, mc6));
	UT_EXPECT(!iapp_addr_bindable(AF_INET6, map6));
	UT_EXPECT(!iapp_addr_bindable(AF_UNIX, gua6));
}

/* 192.0.2.1 is "ours" (the AP's, or the gateway's on this AP). */
static bool ours(int af, const uint8_t *addr, void *data)
{
	(*(int *)data)++;
	return af == AF_INET && !memcmp(addr, "\xc0\x00\x02\x01", 4);
}

static void add4(struct iapp_ctx *c, const char *a, uint32_t lease)
{
	memcpy(c->ipv4[c->n_ipv4].addr, a, 4);
	c->ipv4[c->n_ipv4++].lease = lease;
}

static void add6(struct iapp_ctx *c, uint8_t last, uint8_t first)
{
	memset(c->ipv6[c->n_ipv6].addr, 0, 16);
	c->ipv6[c->n_ipv6].addr[0] = first;
	c->ipv6[c->n_ipv6].addr[15] = last;
	c->ipv6[c->n_ipv6++].lease = last;
}

UT_CASE(sanitize_context)
{
	struct iapp_ctx_refusals r = { 0 };
	struct iapp_ctx c = { 0 };
	int calls = 0, i;

	add4(&c, "\xc0\x00\x02\x32", 600);	/* kept */
	add4(&c, "\xc0\x00\x02\x01", 600);	/* ours */
	add4(&c, "\x7f\x00\x00\x01", 600);	/* loopback */
	add4(&c, "\xff\xff\xff\xff", 600);	/* broadcast */
	add4(&c, "\xc0\x00\x02\x33", 0);	/* kept, lease and all */
	add6(&c, 1, 0x20);			/* kept */
	add6(&c, 1, 0xff);			/* multicast */
	add6(&c, 2, 0x20);			/* kept */
	c.vlan = 7;
	c.ssid_len = 1;
	c.ssid[0] = 's';
	UT_EXPECT(iapp_ctx_sanitize(&c, ours, &calls, &r) == 4);
	UT_EXPECT(r.invalid == 3 && r.ours == 1 && r.over == 0);
	UT_EXPECT(c.n_ipv4 == 2 && c.n_ipv6 == 2);
	UT_EXPECT(!memcmp(c.ipv4[0].addr, "\xc0\x00\x02\x32", 4) &&
		  c.ipv4[0].lease == 600);
	UT_EXPECT(!memcmp(c.ipv4[1].addr, "\xc0\x00\x02\x33", 4) &&
		  c.ipv4[1].lease == 0);
	UT_EXPECT(c.ipv6[0].addr[15] == 1 && c.ipv6[1].addr[15] == 2);
	/* What was dropped leaves nothing behind; the rest is untouched. */
	UT_EXPECT(c.ipv4[2].lease == 0 && c.ipv4[4].addr[0] == 0);
	UT_EXPECT(c.ipv6[2].addr[0] == 0);
	UT_EXPECT(c.vlan == 7 && c.ssid_len == 1);
	/* ours() is asked only of bindable addresses. */
	UT_EXPECT(calls == 5);

	/* A full context: at most IAPP_STA_ADDRS_MAX, the IPv4 first. */
	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	for (i = 0; i < IAPP_CTX_ADDRS_MAX; i++) {
		char a[4] = { 10, 0, 0, (char)(i + 1) };

		add4(&c, a, 100);
		add6(&c, (uint8_t)(i + 1), 0x20);
	}
	UT_EXPECT(iapp_ctx_sanitize(&c, NULL, NULL, &r) ==
		  IAPP_STA_ADDRS_MAX);
	UT_EXPECT(r.over == 2 * IAPP_CTX_ADDRS_MAX - IAPP_STA_ADDRS_MAX);
	UT_EXPECT(c.n_ipv4 + c.n_ipv6 == IAPP_STA_ADDRS_MAX);
	UT_EXPECT(c.n_ipv4 == IAPP_CTX_ADDRS_MAX);
	/* Counts beyond the arrays (never from the parser) are bounded. */
	memset(&r, 0, sizeof(r));
	c.n_ipv4 = 200;
	c.n_ipv6 = 0;
	UT_EXPECT(iapp_ctx_sanitize(&c, NULL, NULL, &r) == IAPP_CTX_ADDRS_MAX);
	UT_EXPECT(c.n_ipv4 == IAPP_CTX_ADDRS_MAX);
}

UT_MAIN("apedged_iapp_guard", UT_ENTRY(replay_window),
	UT_ENTRY(replay_once), UT_ENTRY(replay_full),
	UT_ENTRY(bindable_addresses), UT_ENTRY(sanitize_context))
