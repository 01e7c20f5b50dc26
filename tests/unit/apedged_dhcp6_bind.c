// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6/bind.c: the leases as the module's bindings.  The pure server
 * (server.c) answers real client messages (built with wire.c and parsed
 * back); the records its REPLYs acknowledge, its expiries and an admin's
 * delete go through dhcp6_bind_apply() as the engine sends them, into ops
 * that record what the root would send the module.  Then the resync diff
 * of a module dump against the lease table.  The clock is the server's
 * wall-clock argument, set by the test.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/bind.h"
#include "dhcp6/io.h"
#include "dhcp6/server.h"
#include "ut.h"

static const uint8_t mac1[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t mac2[6] = { 0x02, 0, 0, 0, 0, 0x02 };

static struct in6_addr ip6(const char *s)
{
	struct in6_addr a;

	inet_pton(AF_INET6, s, &a);
	return a;
}

/* What the ops were asked, in order. */
#define CALLS_MAX 64
struct call {
	bool add;
	struct dhcp6_bind b;
};
static struct call calls[CALLS_MAX];
static unsigned int n_calls;
static const char *port_name = "eth0";

static bool t_is_port(void *data, const char *ifname)
{
	return port_name && !strcmp(ifname, port_name);
}

static void t_add(void *data, const struct dhcp6_bind *b)
{
	if (n_calls < CALLS_MAX)
		calls[n_calls++] = (struct call){ .add = true, .b = *b };
}

static void t_del(void *data, const struct in6_addr *a, uint8_t plen)
{
	if (n_calls < CALLS_MAX)
		calls[n_calls++] = (struct call){
			.add = false, .b = { .addr = *a, .plen = plen } };
}

static const struct dhcp6_bind_ops ops = {
	.is_port = t_is_port, .add = t_add, .del = t_del,
};

static struct dhcp6_link_cfg cfg;
static struct dhcp6_server srv;
static struct dhcp6_bind_stats st;

static void setup(void)
{
	static const uint8_t sduid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 0x99 };

	memset(&cfg, 0, sizeof(cfg));
	strcpy(cfg.ifname, "eth0");
	cfg.n_ranges = 1;
	cfg.ranges[0].first = ip6("2001:db8:1::1000");
	cfg.ranges[0].last = ip6("2001:db8:1::1fff");
	cfg.n_pools = 1;
	cfg.pools[0].prefix = ip6("2001:db8:100::");
	cfg.pools[0].plen = 48;
	cfg.pools[0].dlen = 56;
	cfg.preferred = 3600;
	cfg.valid = 7200;
	dhcp6_server_init(&srv, sduid, sizeof(sduid), 7);
	memset(&st, 0, sizeof(st));
	n_calls = 0;
	port_name = "eth0";
}

static void teardown(void)
{
	dhcp6_server_fini(&srv);
}

/* A client with DUID-LL n, and its last exchange. */
struct cl {
	uint8_t duid[10];
	struct dhcp6_msg m, in, r;
	struct dhcp6_out out;
	uint8_t buf[2048], rbuf[2048];
};

static void cl_msg(struct cl *c, uint8_t n, uint8_t type, bool ia)
{
	static const uint8_t sduid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 0x99 };
	struct dhcp6_msg keep = c->r;

	memcpy(c->duid, "\x00\x03\x00\x01\x02\x00\x00\x00\x00", 9);
	c->duid[9] = n;
	memset(&c->m, 0, sizeof(c->m));
	c->m.type = type;
	c->m.xid = 0x4242;
	c->m.has_client_id = true;
	c->m.client_id.type = DHCP6_DUID_LL;
	c->m.client_id.bytes.p = c->duid;
	c->m.client_id.bytes.len = sizeof(c->duid);
	if (type != DHCP6_SOLICIT) {
		c->m.has_server_id = true;
		c->m.server_id.type = DHCP6_DUID_LL;
		c->m.server_id.bytes.p = sduid;
		c->m.server_id.bytes.len = sizeof(sduid);
	}
	if (ia) {
		c->m.n_ia = 2;
		c->m.ia[0].kind = DHCP6_OPT_IA_NA;
		c->m.ia[0].iaid = 1;
		c->m.ia[1].kind = DHCP6_OPT_IA_PD;
		c->m.ia[1].iaid = 2;
	} else {
		unsigned int i;

		c->m.n_ia = keep.n_ia;
		for (i = 0; i < keep.n_ia; i++)
			c->m.ia[i] = keep.ia[i];
	}
}

/* Send it with the client's MAC as the engine found it (or NULL). */
static bool cl_send(struct cl *c, const uint8_t *mac, uint64_t now)
{
	struct dhcp6_in in = { 0 };
	size_t n = dhcp6_msg_build(c->buf, sizeof(c->buf), &c->m);

	if (!n || dhcp6_msg_parse(c->buf, n, &c->in) != DHCP6_OK)
		return false;
	in.msg = &c->in;
	in.link = &cfg;
	in.now = now;
	in.lladdr = mac;
	in.lladdr_len = mac ? 6 : 0;
	dhcp6_server_handle(&srv, &in, &c->out);
	if (!c->out.send)
		return false;
	n = dhcp6_msg_build(c->rbuf, sizeof(c->rbuf), &c->out.msg);
	return n && dhcp6_msg_parse(c->rbuf, n, &c->r) == DHCP6_OK;
}

/* The engine's part once the REPLY went out. */
static void sent(struct cl *c, const uint8_t *mac, uint64_t now)
{
	unsigned int i;

	for (i = 0; i < c->out.n_recs; i++)
		dhcp6_bind_apply(&c->out.recs[i], now, mac, &ops, NULL, &st);
}

/* A REQUEST with IA_NA and IA_PD; true when both were granted. */
static bool lease(struct cl *c, uint8_t n, const uint8_t *mac, uint64_t now)
{
	cl_msg(c, n, DHCP6_REQUEST, true);
	return cl_send(c, mac, now) && c->out.commit && c->out.n_recs == 2 &&
	       c->r.n_ia == 2 && c->r.ia[0].n_addrs && c->r.ia[1].n_addrs;
}

/* The REPLY to a REQUEST binds its address and its prefix. */
UT_CASE(reply_binds)
{
	static struct cl c;
	struct in6_addr na, pd;

	setup();
	UT_ASSERT(lease(&c, 1, mac1, 1000));
	na = c.r.ia[0].addrs[0].addr;
	pd = c.r.ia[1].addrs[0].addr;
	UT_EXPECT(n_calls == 0);	/* not before the REPLY is sent */
	sent(&c, NULL, 1000);
	UT_ASSERT(n_calls == 2);
	UT_EXPECT(calls[0].add && !memcmp(&calls[0].b.addr, &na, 16) &&
		  calls[0].b.plen == 0 && !memcmp(calls[0].b.mac, mac1, 6) &&
		  !strcmp(calls[0].b.ifname, "eth0") &&
		  calls[0].b.lifetime == 7200);
	UT_EXPECT(calls[1].add && !memcmp(&calls[1].b.addr, &pd, 16) &&
		  calls[1].b.plen == 56 && !memcmp(calls[1].b.mac, mac1, 6) &&
		  calls[1].b.lifetime == 7200);
	UT_EXPECT(st.added == 2 && st.removed == 0 && st.no_mac == 0);

	/* A RENEW 100 s later: bound again, the lifetime from then. */
	n_calls = 0;
	cl_msg(&c, 1, DHCP6_RENEW, false);
	UT_ASSERT(cl_send(&c, mac1, 1100));
	UT_ASSERT(c.out.n_recs == 2 && c.out.recs[0].type == DHCP6_JNL_RENEW);
	sent(&c, NULL, 1100);
	UT_EXPECT(n_calls == 2 && calls[0].add &&
		  calls[0].b.lifetime == 7200 && calls[1].b.plen == 56);
	/* The same records 50 s after they were made: 50 s less. */
	n_calls = 0;
	sent(&c, NULL, 1150);
	UT_EXPECT(n_calls == 2 && calls[0].b.lifetime == 7150);
	teardown();
}

/* Not a port: nothing.  No MAC known: counted, unless found since. */
UT_CASE(port_and_mac)
{
	static struct cl c;

	setup();
	port_name = "wlan9";
	UT_ASSERT(lease(&c, 2, mac1, 1000));
	sent(&c, NULL, 1000);
	UT_EXPECT(n_calls == 0 && st.added == 0 && st.no_mac == 0);

	port_name = "eth0";
	UT_ASSERT(lease(&c, 3, NULL, 1000));
	UT_EXPECT(c.out.recs[0].lladdr_len == 0);
	sent(&c, NULL, 1000);
	UT_EXPECT(n_calls == 0 && st.no_mac == 2);
	/* The engine's second look (the neighbour table after the REPLY). */
	sent(&c, mac2, 1000);
	UT_EXPECT(n_calls == 2 && !memcmp(calls[0].b.mac, mac2, 6) &&
		  !memcmp(calls[1].b.mac, mac2, 6));
	/* The record's own MAC comes first. */
	n_calls = 0;
	UT_ASSERT(lease(&c, 4, mac1, 1000));
	sent(&c, mac2, 1000);
	UT_EXPECT(n_calls == 2 && !memcmp(calls[0].b.mac, mac1, 6));
	teardown();
}

/* RELEASE, DECLINE, expiry and the admin's delete unbind. */
UT_CASE(release_decline_expiry_del)
{
	static struct cl a, b, c;
	struct dhcp6_jnl_rec recs[8], r;
	struct in6_addr na, pd;
	unsigned int i, n;

	setup();
	UT_ASSERT(lease(&a, 5, mac1, 1000));
	na = a.r.ia[0].addrs[0].addr;
	pd = a.r.ia[1].addrs[0].addr;
	cl_msg(&a, 5, DHCP6_RELEASE, false);
	UT_ASSERT(cl_send(&a, mac1, 1010));
	UT_ASSERT(a.out.commit && a.out.n_recs == 2);
	sent(&a, NULL, 1010);
	UT_ASSERT(n_calls == 2);
	UT_EXPECT(!calls[0].add && !memcmp(&calls[0].b.addr, &na, 16) &&
		  calls[0].b.plen == 0);
	UT_EXPECT(!calls[1].add && !memcmp(&calls[1].b.addr, &pd, 16) &&
		  calls[1].b.plen == 56);

	/* DECLINE of the address. */
	n_calls = 0;
	UT_ASSERT(lease(&b, 6, mac1, 1020));
	na = b.r.ia[0].addrs[0].addr;
	cl_msg(&b, 6, DHCP6_DECLINE, false);
	b.m.n_ia = 1;
	UT_ASSERT(cl_send(&b, mac1, 1030));
	UT_ASSERT(b.out.n_recs == 1 && b.out.recs[0].type == DHCP6_JNL_DECLINE);
	sent(&b, NULL, 1030);
	UT_EXPECT(n_calls == 1 && !calls[0].add &&
		  !memcmp(&calls[0].b.addr, &na, 16));

	/* Expiry: the engine's tick. */
	n_calls = 0;
	UT_ASSERT(lease(&c, 7, mac2, 2000));
	UT_EXPECT(dhcp6_server_expire(&srv, 1020 + 7199, recs, 8) == 0);
	n = dhcp6_server_expire(&srv, 2000 + 7200, recs, 8);
	/* b's prefix (from 1020) and c's two leases */
	UT_EXPECT(n == 3);
	for (i = 0; i < n; i++)
		dhcp6_bind_apply(&recs[i], 2000 + 7200, NULL, &ops, NULL, &st);
	UT_EXPECT(n_calls == 3);
	for (i = 0; i < n_calls; i++)
		UT_EXPECT(!calls[i].add);

	/* lease del */
	n_calls = 0;
	UT_ASSERT(lease(&c, 8, mac2, 9500));
	pd = c.r.ia[1].addrs[0].addr;
	UT_ASSERT(dhcp6_server_lease_del(&srv, &pd, 56, &r));
	dhcp6_bind_apply(&r, 9501, NULL, &ops, NULL, &st);
	UT_EXPECT(n_calls == 1 && !calls[0].add && calls[0].b.plen == 56 &&
		  !memcmp(&calls[0].b.addr, &pd, 16));
	teardown();
}

static struct dhcp6_bind mk(const char *a, uint8_t plen, const uint8_t *mac,
			    const char *ifname)
{
	struct dhcp6_bind b = { .addr = ip6(a), .plen = plen };

	memcpy(b.mac, mac, 6);
	strcpy(b.ifname, ifname);
	return b;
}

static bool called(bool add, const char *a, uint8_t plen)
{
	struct in6_addr x = ip6(a);
	unsigned int i;

	for (i = 0; i < n_calls; i++)
		if (calls[i].add == add && calls[i].b.plen == plen &&
		    !memcmp(&calls[i].b.addr, &x, 16))
			return true;
	return false;
}

/* The diff alone. */
UT_CASE(diff_pure)
{
	struct dhcp6_bind have[6], want[4];
	struct dhcp6_bind_diff_stats ds = { 0 };

	setup();
	have[0] = mk("2001:db8::1", 0, mac1, "eth0");	/* kept */
	have[1] = mk("2001:db8::2", 0, mac1, "eth0");	/* no lease */
	have[2] = mk("2001:db8:100::", 56, mac1, "eth0");	/* other MAC */
	have[3] = mk("2001:db8::1", 0, mac1, "eth0");	/* twice in a dump */
	have[4] = mk("2001:db8::2", 0, mac1, "eth0");	/* twice, no lease */
	have[5] = mk("2001:db8::5", 0, mac1, "eth0");	/* another port */
	want[0] = mk("2001:db8:100::", 56, mac2, "eth0");
	want[1] = mk("2001:db8::1", 0, mac1, "eth0");
	want[2] = mk("2001:db8::3", 0, mac2, "eth0");	/* missing */
	want[3] = mk("2001:db8::5", 0, mac1, "eth1");
	/* The address and the /128 of it would be two keys. */
	dhcp6_bind_diff(have, 6, want, 4, &ops, NULL, &ds);
	UT_EXPECT(ds.kept == 1 && ds.added == 3 && ds.removed == 1);
	UT_EXPECT(n_calls == 4);
	UT_EXPECT(called(false, "2001:db8::2", 0));
	UT_EXPECT(called(true, "2001:db8:100::", 56));
	UT_EXPECT(called(true, "2001:db8::3", 0));
	UT_EXPECT(called(true, "2001:db8::5", 0));
	UT_EXPECT(!called(true, "2001:db8::1", 0) &&
		  !called(false, "2001:db8::1", 0));
	/* Empty on either side. */
	n_calls = 0;
	memset(&ds, 0, sizeof(ds));
	dhcp6_bind_diff(NULL, 0, NULL, 0, &ops, NULL, &ds);
	UT_EXPECT(n_calls == 0);
	have[0] = mk("2001:db8::9", 64, mac1, "eth0");
	dhcp6_bind_diff(have, 1, NULL, 0, &ops, NULL, &ds);
	UT_EXPECT(n_calls == 1 && called(false, "2001:db8::9", 64));
	teardown();
}

/*
 * The daemon restarted: the module holds bindings of leases; one was
 * deleted while it was down, another added by hand.  The leases on the
 * port, as the table has them, are compared with the dump.
 */
UT_CASE(resync_from_table)
{
	static struct cl a, b;
	struct dhcp6_bind have[4], *want;
	struct dhcp6_bind_diff_stats ds = { 0 };
	struct dhcp6_jnl_rec r;
	char s[INET6_ADDRSTRLEN];
	struct in6_addr gone;
	long n;

	setup();
	UT_ASSERT(lease(&a, 10, mac1, 1000));
	UT_ASSERT(lease(&b, 11, mac2, 1000));
	/* What the module was told before the "restart". */
	sent(&a, NULL, 1000);
	sent(&b, NULL, 1000);
	UT_ASSERT(n_calls == 4);
	have[0] = calls[0].b;
	have[1] = calls[1].b;
	have[2] = calls[2].b;
	have[3] = calls[3].b;
	/* While the daemon was down: b's address was deleted. */
	gone = b.r.ia[0].addrs[0].addr;
	UT_ASSERT(dhcp6_server_lease_del(&srv, &gone, 128, &r));

	n_calls = 0;
	n = dhcp6_bind_want(srv.leases, 1500, &ops, NULL, &want);
	UT_ASSERT(n == 3);
	UT_EXPECT(want[0].lifetime == 6700);
	dhcp6_bind_diff(have, 4, want, (size_t)n, &ops, NULL, &ds);
	free(want);
	UT_EXPECT(ds.kept == 3 && ds.removed == 1 && ds.added == 0);
	inet_ntop(AF_INET6, &gone, s, sizeof(s));
	UT_EXPECT(n_calls == 1 && called(false, s, 0));

	/* The module was reloaded: an empty dump; everything is added. */
	n_calls = 0;
	memset(&ds, 0, sizeof(ds));
	n = dhcp6_bind_want(srv.leases, 1500, &ops, NULL, &want);
	dhcp6_bind_diff(NULL, 0, want, (size_t)n, &ops, NULL, &ds);
	free(want);
	UT_EXPECT(ds.added == 3 && n_calls == 3);

	/* Not a port any more: none wanted, all removed. */
	port_name = NULL;
	n = dhcp6_bind_want(srv.leases, 1500, &ops, NULL, &want);
	UT_EXPECT(n == 0);
	free(want);
	/* Expired in the table: not wanted. */
	port_name = "eth0";
	n = dhcp6_bind_want(srv.leases, 1000 + 7200, &ops, NULL, &want);
	UT_EXPECT(n == 0);
	free(want);
	teardown();
}

/* Records that cannot be a binding. */
UT_CASE(from_rec_edges)
{
	struct dhcp6_jnl_rec r = { 0 };
	struct dhcp6_bind b;

	r.type = DHCP6_JNL_ADD;
	r.kind = DHCP6_OPT_IA_NA;
	r.plen = 128;
	r.addr = ip6("2001:db8::1");
	r.valid = 100;
	r.expiry = 200;
	strcpy(r.ifname, "eth0");
	UT_EXPECT(!dhcp6_bind_from_rec(&r, 150, &b));	/* no MAC */
	r.lladdr_len = 6;
	memcpy(r.lladdr, mac1, 6);
	UT_EXPECT(dhcp6_bind_from_rec(&r, 150, &b) && b.lifetime == 50 &&
		  b.plen == 0);
	UT_EXPECT(!dhcp6_bind_from_rec(&r, 200, &b));	/* expired */
	r.valid = UINT32_MAX;				/* infinite */
	UT_EXPECT(dhcp6_bind_from_rec(&r, 500, &b) && b.lifetime == 0);
	r.kind = DHCP6_OPT_IA_PD;
	r.plen = 0;
	UT_EXPECT(!dhcp6_bind_from_rec(&r, 150, &b));
	r.plen = 60;
	UT_EXPECT(dhcp6_bind_from_rec(&r, 150, &b) && b.plen == 60);
	r.ifname[0] = 0;
	UT_EXPECT(!dhcp6_bind_from_rec(&r, 150, &b));
	r.lladdr_len = 8;	/* an EUI-64: not the module's */
	strcpy(r.ifname, "eth0");
	UT_EXPECT(!dhcp6_bind_from_rec(&r, 150, &b));
}

/*
 * The kernel's answer to RTM_GETNEIGH for fe80::1 on ifindex 3, sequence
 * 7: a REACHABLE entry with its NDA_DST and NDA_LLADDR (little-endian
 * headers, as on x86).
 */
#define NEIGH_HDR "3c0000001c00000007000000cd000000"
#define NEIGH_ND "0a00000003000000020000" "01"
#define NEIGH_DST "14000100" "fe800000000000000000000000000001"
#define NEIGH_LL "0a000200" "020000008901" "0000"

UT_CASE(neigh_answer)
{
	static const uint8_t want[6] = { 0x02, 0, 0, 0, 0x89, 0x01 };
	uint8_t b[256], mac[6];
	size_t n, cut, m;

	n = ut_hex(b, NEIGH_HDR NEIGH_ND NEIGH_DST NEIGH_LL);
	UT_ASSERT(n == 60);
	memset(mac, 0, 6);
	UT_EXPECT(dhcp6_io_neigh_parse(b, n, 7, mac) == 0 &&
		  !memcmp(mac, want, 6));
	/* Not ours: another sequence number. */
	UT_EXPECT(dhcp6_io_neigh_parse(b, n, 8, mac) == -EIO);
	/* Every truncation: no answer, never a read past the end. */
	for (cut = 0; cut < n; cut++)
		UT_EXPECT(dhcp6_io_neigh_parse(b, cut, 7, mac) != 0);
	/* INCOMPLETE (0x01): not known yet. */
	b[16 + 8] = 0x01;
	UT_EXPECT(dhcp6_io_neigh_parse(b, n, 7, mac) == -ENOENT);
	b[16 + 8] = 0x04;	/* STALE: known */
	UT_EXPECT(dhcp6_io_neigh_parse(b, n, 7, mac) == 0);
	/* An 8-byte link-layer address (not Ethernet): none. */
	n = ut_hex(b, "3c000000" "1c00000007000000cd000000" NEIGH_ND NEIGH_DST
		   "0c000200" "0200000089010102");
	UT_EXPECT(dhcp6_io_neigh_parse(b, n, 7, mac) == -ENOENT);
	/* An attribute longer than the message: none, no overread. */
	n = ut_hex(b, NEIGH_HDR NEIGH_ND NEIGH_DST "40000200" "020000008901" "0000");
	UT_EXPECT(dhcp6_io_neigh_parse(b, n, 7, mac) == -ENOENT);
	/* A message longer than the datagram. */
	n = ut_hex(b, "ff000000" "1c00000007000000cd000000" NEIGH_ND);
	UT_EXPECT(dhcp6_io_neigh_parse(b, n, 7, mac) == -EIO);
	/* The kernel's error (no entry: -ENOENT), after a stray message. */
	n = ut_hex(b, NEIGH_HDR NEIGH_ND NEIGH_DST NEIGH_LL);
	b[8] = 6;	/* seq 6: skipped */
	m = ut_hex(b + n, "24000000" "0200" "0000" "07000000" "cd000000"
		   "feffffff" "28000000000000000000000000000000");
	UT_EXPECT(dhcp6_io_neigh_parse(b, n + m, 7, mac) == -ENOENT);
	b[n + 16] = 0xf3;	/* -13 */
	UT_EXPECT(dhcp6_io_neigh_parse(b, n + m, 7, mac) == -13);
	/* An error message too short for its code. */
	n = ut_hex(b, "12000000" "0200" "0000" "07000000" "cd000000" "fe00");
	UT_EXPECT(dhcp6_io_neigh_parse(b, n, 7, mac) == -EIO);
	/* A header length below a header's. */
	n = ut_hex(b, "08000000" "1c00000007000000cd000000");
	UT_EXPECT(dhcp6_io_neigh_parse(b, n, 7, mac) == -EIO);
}

UT_MAIN("apedged_dhcp6_bind",
	UT_ENTRY(neigh_answer),
	UT_ENTRY(reply_binds),
	UT_ENTRY(port_and_mac),
	UT_ENTRY(release_decline_expiry_del),
	UT_ENTRY(diff_pure),
	UT_ENTRY(resync_from_table),
	UT_ENTRY(from_rec_edges))
