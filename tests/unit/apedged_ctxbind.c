// SPDX-License-Identifier: GPL-2.0
/*
 * Station contexts from and to the module's bindings (ctxbind.c): which
 * waiters a dump serves, how lifetimes become leases and back.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "apedged/ctxbind.h"
#include "ut.h"

static const uint8_t mac1[MAC_LEN] = { 2, 0, 0, 0, 0, 0x50 };
static const uint8_t mac2[MAC_LEN] = { 2, 0, 0, 0, 0, 0x51 };

static struct amsg_binding bind4(const uint8_t mac[MAC_LEN], uint8_t last,
				 bool permanent, uint32_t lifetime)
{
	struct amsg_binding b = {
		.af = AF_INET, .addr = { 192, 0, 2, last }, .ifindex = 3,
		.permanent = permanent, .lifetime = lifetime,
	};

	memcpy(b.mac, mac, MAC_LEN);
	return b;
}

struct got {
	int calls;
	uint8_t mac[4][MAC_LEN];
	bool failed[4];
	struct iapp_ctx ctx[4];
	struct ctxbind *again;		/* ask again from the callback */
};

static void got_cb(const uint8_t mac[MAC_LEN], const struct iapp_ctx *ctx,
		   void *data)
{
	struct got *g = data;

	if (g->calls < 4) {
		memcpy(g->mac[g->calls], mac, MAC_LEN);
		g->failed[g->calls] = !ctx;
		if (ctx)
			g->ctx[g->calls] = *ctx;
	}
	g->calls++;
	if (g->again)
		ctxbind_want(g->again, mac);
}

UT_CASE(dump_serves_its_waiters)
{
	struct ctxbind cb = { 0 };
	struct amsg_binding b;
	struct got g = { 0 };
	uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

	UT_EXPECT(!ctxbind_start(&cb));		/* nobody waits */
	UT_EXPECT(ctxbind_want(&cb, mac1) == 0);
	UT_EXPECT(ctxbind_want(&cb, mac1) == 0);	/* one waiter */
	UT_EXPECT(ctxbind_start(&cb));
	/* mac2 asks while the dump runs: it waits for the next one. */
	UT_EXPECT(ctxbind_want(&cb, mac2) == 0);

	b = bind4(mac1, 50, false, 599);
	ctxbind_binding(&cb, &b);
	ctxbind_binding(&cb, &b);		/* a resize shows it twice */
	b = bind4(mac1, 51, true, 0);		/* permanent */
	ctxbind_binding(&cb, &b);
	b = bind4(mac1, 52, false, 0);		/* expiring: left out */
	ctxbind_binding(&cb, &b);
	b = bind4(mac2, 60, false, 100);	/* not in this dump */
	ctxbind_binding(&cb, &b);
	b = bind4(mac1, 0, false, 30);
	b.af = AF_INET6;
	memcpy(b.addr, v6, 16);
	ctxbind_binding(&cb, &b);

	UT_EXPECT(ctxbind_finish(&cb, 0, got_cb, &g));	/* mac2 waits */
	UT_ASSERT(g.calls == 1);
	UT_EXPECT(!memcmp(g.mac[0], mac1, MAC_LEN));
	UT_EXPECT(!g.failed[0]);
	UT_ASSERT(g.ctx[0].n_ipv4 == 2);
	UT_EXPECT(g.ctx[0].ipv4[0].addr[3] == 50);
	UT_EXPECT(g.ctx[0].ipv4[0].lease == 599);
	UT_EXPECT(g.ctx[0].ipv4[1].addr[3] == 51);
	UT_EXPECT(g.ctx[0].ipv4[1].lease == IAPP_LEASE_INFINITE);
	UT_ASSERT(g.ctx[0].n_ipv6 == 1);
	UT_EXPECT(!memcmp(g.ctx[0].ipv6[0].addr, v6, 16));
	UT_EXPECT(g.ctx[0].ipv6[0].lease == 30);

	/* The next dump serves mac2; it fails: NULL, and nobody is left. */
	UT_EXPECT(ctxbind_start(&cb));
	b = bind4(mac2, 60, false, 100);
	ctxbind_binding(&cb, &b);
	UT_EXPECT(!ctxbind_finish(&cb, -EIO, got_cb, &g));
	UT_ASSERT(g.calls == 2);
	UT_EXPECT(!memcmp(g.mac[1], mac2, MAC_LEN));
	UT_EXPECT(g.failed[1]);
	UT_EXPECT(!ctxbind_start(&cb));
}

/* A dump refused before it began (EBUSY) answers nobody: all wait on. */
UT_CASE(refused_dump_requeues)
{
	struct ctxbind cb = { 0 };
	struct amsg_binding b;
	struct got g = { 0 };

	UT_EXPECT(!ctxbind_requeue(&cb));
	UT_EXPECT(!ctxbind_waiting(&cb));
	UT_EXPECT(ctxbind_want(&cb, mac1) == 0);
	UT_EXPECT(ctxbind_waiting(&cb));
	UT_EXPECT(ctxbind_start(&cb));
	UT_EXPECT(!ctxbind_waiting(&cb));	/* in the dump */
	UT_EXPECT(ctxbind_want(&cb, mac2) == 0);
	b = bind4(mac1, 50, false, 599);	/* partial: forgotten */
	ctxbind_binding(&cb, &b);
	UT_EXPECT(ctxbind_requeue(&cb));
	UT_EXPECT(g.calls == 0);
	UT_EXPECT(ctxbind_waiting(&cb));

	/* The retry serves both, with only what it carries. */
	UT_EXPECT(ctxbind_start(&cb));
	b = bind4(mac2, 60, false, 100);
	ctxbind_binding(&cb, &b);
	UT_EXPECT(!ctxbind_finish(&cb, 0, got_cb, &g));
	UT_ASSERT(g.calls == 2);
	UT_EXPECT(!g.failed[0] && !g.failed[1]);
	UT_EXPECT(!memcmp(g.mac[0], mac1, MAC_LEN));
	UT_EXPECT(g.ctx[0].n_ipv4 == 0);
	UT_EXPECT(g.ctx[1].n_ipv4 == 1);
	UT_EXPECT(g.ctx[1].ipv4[0].addr[3] == 60);
}

UT_CASE(limits)
{
	struct ctxbind cb = { 0 };
	struct amsg_binding b;
	struct got g = { 0 };
	uint8_t mac[MAC_LEN] = { 2 };
	unsigned int i;

	for (i = 0; i < CTXBIND_WAITERS_MAX; i++) {
		mac[5] = (uint8_t)i;
		UT_EXPECT(ctxbind_want(&cb, mac) == 0);
	}
	mac[5] = 0xff;
	UT_EXPECT(ctxbind_want(&cb, mac) == -ENOSPC);

	/* At most IAPP_CTX_ADDRS_MAX addresses of a family are kept. */
	UT_EXPECT(ctxbind_start(&cb));
	mac[5] = 0;
	for (i = 0; i < IAPP_CTX_ADDRS_MAX + 3; i++) {
		b = bind4(mac, (uint8_t)i, false, 10);
		ctxbind_binding(&cb, &b);
	}
	/* A waiter asking from the callback waits for the next dump. */
	g.again = &cb;
	UT_EXPECT(ctxbind_finish(&cb, 0, got_cb, &g));
	UT_EXPECT(g.calls == CTXBIND_WAITERS_MAX);
	UT_EXPECT(g.ctx[0].n_ipv4 == IAPP_CTX_ADDRS_MAX);
	UT_EXPECT(g.ctx[1].n_ipv4 == 0);
}

static int n_added;
static uint32_t lifetimes[4];
static int afs[4];

static void added(int af, const uint8_t *addr, uint32_t lifetime,
		  void *data)
{
	if (n_added < 4) {
		afs[n_added] = af;
		lifetimes[n_added] = lifetime;
	}
	n_added++;
}

UT_CASE(each_addr)
{
	struct iapp_ctx ctx = { 0 };

	ctx.n_ipv4 = 2;
	ctx.ipv4[0].lease = 600;
	ctx.ipv4[1].lease = 0;		/* skipped, never permanent */
	ctx.n_ipv6 = 1;
	ctx.ipv6[0].lease = IAPP_LEASE_INFINITE;
	UT_EXPECT(ctxbind_each_addr(&ctx, added, NULL) == 1);
	UT_ASSERT(n_added == 2);
	UT_EXPECT(afs[0] == AF_INET && lifetimes[0] == 600);
	UT_EXPECT(afs[1] == AF_INET6 && lifetimes[1] == IAPP_LEASE_INFINITE);

	/* Counts past the array are not trusted. */
	n_added = 0;
	ctx.n_ipv4 = 200;
	ctx.n_ipv6 = 0;
	ctxbind_each_addr(&ctx, added, NULL);
	UT_EXPECT(n_added <= IAPP_CTX_ADDRS_MAX);
}

/*
 * A context's address is added only when the module has no binding of it
 * or one of the same station; the requests in flight are a bounded table.
 */
UT_CASE(bind_only_free_or_own)
{
	static const uint8_t sta[6] = { 2, 0, 0, 0, 0, 0x50 };
	static const uint8_t gw[4] = { 192, 0, 2, 1 };
	static struct ctxbind cb;
	struct amsg_binding b = { .af = AF_INET, .ifindex = 3 };
	struct ctxbind_req *q, *r;
	int i;

	memset(&cb, 0, sizeof(cb));
	q = ctxbind_req_new(&cb, sta, "wlan0", AF_INET, gw, 600);
	UT_ASSERT(q);
	UT_EXPECT(q->used && !memcmp(q->mac, sta, 6) && q->af == AF_INET);
	UT_EXPECT(!memcmp(q->addr, gw, 4) && q->lifetime == 600);
	UT_EXPECT_STR(q->ifname, "wlan0");
	memcpy(b.addr, gw, 4);
	UT_EXPECT(ctxbind_may_add(q, NULL));		/* unbound */
	memcpy(b.mac, sta, 6);
	UT_EXPECT(ctxbind_may_add(q, &b));		/* its own */
	b.mac[5] = 0x01;				/* the gateway's */
	UT_EXPECT(!ctxbind_may_add(q, &b));
	ctxbind_req_free(q);
	UT_EXPECT(!q->used);

	for (i = 0; i < CTXBIND_REQS_MAX; i++)
		UT_ASSERT(ctxbind_req_new(&cb, sta, "wlan0", AF_INET, gw, 1));
	UT_EXPECT(!ctxbind_req_new(&cb, sta, "wlan0", AF_INET, gw, 1));
	r = &cb.req[7];
	ctxbind_req_free(r);
	UT_EXPECT(ctxbind_req_new(&cb, sta, "wlan0", AF_INET6,
				  (const uint8_t *)"0123456789abcdef", 1) == r);
	UT_EXPECT(r->af == AF_INET6 && r->addr[15] == 'f');
}

UT_MAIN("apedged_ctxbind", UT_ENTRY(dump_serves_its_waiters),
	UT_ENTRY(refused_dump_requeues),
	UT_ENTRY(limits), UT_ENTRY(each_addr), UT_ENTRY(bind_only_free_or_own))
