// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6/server.c: every message flow and status code.  Client messages
 * are built with wire.c's builder and parsed back (so the server sees
 * what it would see off the wire); the replies are built and parsed
 * again, and a captured dhcpcd SOLICIT gets a byte-exact ADVERTISE.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/auth.h"
#include "dhcp6/server.h"
#include "ut.h"

#define CLIENT_DUID "0001000132a1564d525400123456"
#define SERVER_DUID "0001000132a1564c26794bc1983d"

static struct in6_addr ip6(const char *s)
{
	struct in6_addr a;

	inet_pton(AF_INET6, s, &a);
	return a;
}

static bool addr_is(const struct in6_addr *a, const char *s)
{
	struct in6_addr b = ip6(s);

	return !memcmp(a, &b, 16);
}

static struct dhcp6_link_cfg cfg;
static struct dhcp6_server srv;
static uint8_t sduid[32];
static size_t sduid_len;

static void setup(void)
{
	const char *dom[] = { "example.com" };

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
	cfg.n_dns = 1;
	cfg.dns[0] = ip6("2001:db8::53");
	cfg.domains_len = (uint16_t)dhcp6_domains_encode(
		cfg.domains, sizeof(cfg.domains), dom, 1);
	cfg.rapid_commit = true;
	cfg.sol_max_rt = 3600;
	cfg.inf_max_rt = 7200;
	sduid_len = ut_hex(sduid, SERVER_DUID);
	dhcp6_server_init(&srv, sduid, sduid_len, 42);
}

static void teardown(void)
{
	dhcp6_server_fini(&srv);
}

/* A client: its DUID, and the message it builds. */
struct cl {
	uint8_t duid[32];
	size_t duid_len;
	struct dhcp6_msg m;
	uint8_t buf[2048];		/* its message's bytes */
	struct dhcp6_msg in;		/* ...as the server parses them */
	struct dhcp6_out out;
	uint8_t rbuf[2048];		/* the reply's bytes */
	size_t rlen;
	struct dhcp6_msg r;		/* ...as the client parses them */
};

static void cl_init(struct cl *c, uint8_t n)
{
	memset(c, 0, sizeof(*c));
	c->duid_len = ut_hex(c->duid, "00030001020000000000");
	c->duid[9] = n;
}

static void cl_msg(struct cl *c, uint8_t type)
{
	memset(&c->m, 0, sizeof(c->m));
	c->m.type = type;
	c->m.xid = 0x123456;
	c->m.has_client_id = true;
	c->m.client_id.type = DHCP6_DUID_LL;
	c->m.client_id.bytes.p = c->duid;
	c->m.client_id.bytes.len = (uint16_t)c->duid_len;
	if (type != DHCP6_SOLICIT && type != DHCP6_REBIND &&
	    type != DHCP6_CONFIRM && type != DHCP6_INFORMATION_REQUEST) {
		c->m.has_server_id = true;
		c->m.server_id.type = DHCP6_DUID_LLT;
		c->m.server_id.bytes.p = sduid;
		c->m.server_id.bytes.len = (uint16_t)sduid_len;
	}
	c->m.has_oro = true;
	c->m.n_oro = 4;
	c->m.oro[0] = DHCP6_OPT_DNS_SERVERS;
	c->m.oro[1] = DHCP6_OPT_DOMAIN_LIST;
	c->m.oro[2] = DHCP6_OPT_SOL_MAX_RT;
	c->m.oro[3] = DHCP6_OPT_INF_MAX_RT;
}

static struct dhcp6_ia *cl_ia(struct cl *c, uint16_t kind, uint32_t iaid)
{
	struct dhcp6_ia *ia = &c->m.ia[c->m.n_ia++];

	memset(ia, 0, sizeof(*ia));
	ia->kind = kind;
	ia->iaid = iaid;
	return ia;
}

static void ia_put(struct dhcp6_ia *ia, const char *a, uint8_t plen)
{
	struct dhcp6_iaaddr *x = &ia->addrs[ia->n_addrs++];

	memset(x, 0, sizeof(*x));
	x->addr = ip6(a);
	x->plen = plen;
	x->preferred = 3600;
	x->valid = 7200;
}

/* Copy the IAs the server gave into the next message (a RENEW...). */
static void cl_keep(struct cl *c)
{
	unsigned int i;

	c->m.n_ia = c->r.n_ia;
	for (i = 0; i < c->r.n_ia; i++)
		c->m.ia[i] = c->r.ia[i];
}

/* Send it; true when the server answered (its reply in c->r). */
/* What the engine gives with each message: a fresh key, a replay
 * counter, the source address (NULL, 0, NULL unless a case sets them). */
static const uint8_t *cl_rkey;
static uint64_t cl_replay;
static const struct in6_addr *cl_peer;

static bool cl_send(struct cl *c, bool unicast, uint64_t now)
{
	struct dhcp6_in in = { .rkey_new = cl_rkey, .replay = cl_replay,
			       .peer = cl_peer };
	size_t n = dhcp6_msg_build(c->buf, sizeof(c->buf), &c->m);

	if (!n || dhcp6_msg_parse(c->buf, n, &c->in) != DHCP6_OK)
		return false;
	in.msg = &c->in;
	in.link = &cfg;
	in.unicast = unicast;
	in.now = now;
	dhcp6_server_handle(&srv, &in, &c->out);
	if (!c->out.send)
		return false;
	c->rlen = dhcp6_msg_build(c->rbuf, sizeof(c->rbuf), &c->out.msg);
	if (!c->rlen)
		return false;
	return dhcp6_msg_parse(c->rbuf, c->rlen, &c->r) == DHCP6_OK;
}

static bool has_status(const struct dhcp6_status *s, uint16_t code)
{
	return code == DHCP6_STATUS_SUCCESS ? (!s->present || !s->code) :
	       (s->present && s->code == code);
}

/* A captured dhcpcd SOLICIT, a reservation: a byte-exact ADVERTISE. */
UT_CASE(advertise_bytes)
{
	static const char solicit_hex[] =
		"0193003a0001000e" CLIENT_DUID "0003000c00123456000000000000"
		"000000060004005200530008000200000010003c00009f0800366468637063"
		"642d392e342e313a4c696e75782d362e31382e34342d66632d763937333a78"
		"38365f36343a47656e75696e65496e74656c";
	static const char advertise_hex[] =
		"0293003a0001000e" CLIENT_DUID "0002000e" SERVER_DUID "00030028"
		"001234560000070800000c4e0005001820010db800010000000000000000"
		"017400000e1000000e10";
	uint8_t b[512], want[512], out[512];
	struct dhcp6_msg m;
	struct dhcp6_out o;
	struct dhcp6_in in = { 0 };
	size_t n, wn, on;

	setup();
	cfg.valid = 3600;
	cfg.t1 = 1800;
	cfg.t2 = 3150;
	cfg.sol_max_rt = 0;
	cfg.n_resv = 1;
	cfg.resv[0].duid_len = (uint8_t)ut_hex(cfg.resv[0].duid, CLIENT_DUID);
	cfg.resv[0].addr = ip6("2001:db8:1::174");
	cfg.resv[0].plen = 128;
	n = ut_hex(b, solicit_hex);
	wn = ut_hex(want, advertise_hex);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	in.msg = &m;
	in.link = &cfg;
	in.now = 1000;
	dhcp6_server_handle(&srv, &in, &o);
	UT_ASSERT(o.send && !o.commit && !o.n_recs);
	on = dhcp6_msg_build(out, sizeof(out), &o.msg);
	UT_EXPECT(on == wn && !memcmp(out, want, wn));
	UT_EXPECT(srv.st.in[DHCP6_SOLICIT] == 1 &&
		  srv.st.out[DHCP6_ADVERTISE] == 1);
	/* An ADVERTISE binds nothing. */
	UT_EXPECT(dhcp6_leases_stats(srv.leases)->bound == 0);
	teardown();
}

/* SOLICIT, ADVERTISE, REQUEST, REPLY: IA_NA and IA_PD, options. */
UT_CASE(four_way)
{
	static struct cl c;
	struct in6_addr adv_na, adv_pd;
	uint32_t t1, t2;

	setup();
	cl_init(&c, 1);
	cl_msg(&c, DHCP6_SOLICIT);
	cl_ia(&c, DHCP6_OPT_IA_NA, 1);
	cl_ia(&c, DHCP6_OPT_IA_PD, 2);
	UT_ASSERT(cl_send(&c, false, 1000));
	UT_EXPECT(c.r.type == DHCP6_ADVERTISE && c.r.xid == 0x123456);
	UT_EXPECT(c.r.has_server_id && c.r.server_id.bytes.len == sduid_len);
	UT_EXPECT(c.r.has_client_id &&
		  c.r.client_id.bytes.len == c.duid_len);
	UT_ASSERT(c.r.n_ia == 2);
	UT_ASSERT(c.r.ia[0].n_addrs == 1 && c.r.ia[1].n_addrs == 1);
	adv_na = c.r.ia[0].addrs[0].addr;
	adv_pd = c.r.ia[1].addrs[0].addr;
	UT_EXPECT(!memcmp(&adv_na, "\x20\x01\x0d\xb8\x00\x01\0\0\0\0\0\0", 12));
	UT_EXPECT(adv_na.s6_addr[14] >= 0x10 && adv_na.s6_addr[14] <= 0x1f);
	UT_EXPECT(c.r.ia[1].addrs[0].plen == 56);
	UT_EXPECT(!memcmp(&adv_pd, "\x20\x01\x0d\xb8\x01\x00", 6));
	UT_EXPECT(adv_pd.s6_addr[7] == 0 && adv_pd.s6_addr[8] == 0);
	UT_EXPECT(c.r.has_dns && c.r.n_dns == 1 &&
		  addr_is(&c.r.dns[0], "2001:db8::53"));
	UT_EXPECT(c.r.n_domains == 1 &&
		  !strcmp(c.r.domains[0], "example.com"));
	UT_EXPECT(c.r.has_sol_max_rt && c.r.sol_max_rt == 3600);
	UT_EXPECT(!c.r.has_inf_max_rt);
	dhcp6_link_times(&cfg, &t1, &t2);
	UT_EXPECT(t1 == 1800 && t2 == 2880);
	UT_EXPECT(c.r.ia[0].t1 == 1800 && c.r.ia[0].t2 == 2880);
	UT_EXPECT(c.r.ia[0].addrs[0].preferred == 3600 &&
		  c.r.ia[0].addrs[0].valid == 7200);

	cl_msg(&c, DHCP6_REQUEST);
	cl_keep(&c);
	UT_ASSERT(cl_send(&c, false, 1001));
	UT_EXPECT(c.r.type == DHCP6_REPLY);
	UT_EXPECT(c.out.commit && c.out.n_recs == 2);
	UT_EXPECT(c.out.recs[0].type == DHCP6_JNL_ADD &&
		  c.out.recs[0].kind == DHCP6_OPT_IA_NA &&
		  c.out.recs[0].plen == 128 && c.out.recs[0].iaid == 1 &&
		  c.out.recs[0].expiry == 1001 + 7200 &&
		  !strcmp(c.out.recs[0].ifname, "eth0"));
	UT_EXPECT(c.out.recs[1].kind == DHCP6_OPT_IA_PD &&
		  c.out.recs[1].plen == 56);
	UT_ASSERT(c.r.n_ia == 2);
	UT_EXPECT(!memcmp(&c.r.ia[0].addrs[0].addr, &adv_na, 16));
	UT_EXPECT(!memcmp(&c.r.ia[1].addrs[0].addr, &adv_pd, 16));
	UT_EXPECT(dhcp6_leases_stats(srv.leases)->bound == 2);
	/* A REQUEST again (a retransmission): the same, renewed. */
	UT_ASSERT(cl_send(&c, false, 1002));
	UT_EXPECT(c.out.n_recs == 2 && c.out.recs[0].type == DHCP6_JNL_RENEW);
	UT_EXPECT(!memcmp(&c.r.ia[0].addrs[0].addr, &adv_na, 16));
	UT_EXPECT(dhcp6_leases_stats(srv.leases)->bound == 2);
	teardown();
}

UT_CASE(rapid_commit)
{
	static struct cl c;

	setup();
	cl_init(&c, 2);
	cl_msg(&c, DHCP6_SOLICIT);
	c.m.rapid_commit = true;
	cl_ia(&c, DHCP6_OPT_IA_NA, 7);
	UT_ASSERT(cl_send(&c, false, 10));
	UT_EXPECT(c.r.type == DHCP6_REPLY && c.r.rapid_commit);
	UT_EXPECT(c.out.commit && c.out.n_recs == 1);
	UT_EXPECT(c.r.n_ia == 1 && c.r.ia[0].n_addrs == 1);
	/* The link does not allow it: an ADVERTISE. */
	cfg.rapid_commit = false;
	cl_init(&c, 3);
	cl_msg(&c, DHCP6_SOLICIT);
	c.m.rapid_commit = true;
	cl_ia(&c, DHCP6_OPT_IA_NA, 7);
	UT_ASSERT(cl_send(&c, false, 10));
	UT_EXPECT(c.r.type == DHCP6_ADVERTISE && !c.r.rapid_commit);
	UT_EXPECT(!c.out.commit && !c.out.n_recs);
	teardown();
}

/* Several IAs of each kind: different addresses and prefixes. */
UT_CASE(several_ias)
{
	static struct cl c;
	unsigned int i;

	setup();
	cl_init(&c, 4);
	cl_msg(&c, DHCP6_REQUEST);
	for (i = 0; i < 4; i++)
		cl_ia(&c, i < 2 ? DHCP6_OPT_IA_NA : DHCP6_OPT_IA_PD, i);
	UT_ASSERT(cl_send(&c, false, 10));
	UT_ASSERT(c.r.n_ia == 4);
	for (i = 0; i < 4; i++)
		UT_EXPECT(c.r.ia[i].n_addrs == 1 && c.r.ia[i].iaid == i);
	UT_EXPECT(memcmp(&c.r.ia[0].addrs[0].addr, &c.r.ia[1].addrs[0].addr,
			 16));
	UT_EXPECT(memcmp(&c.r.ia[2].addrs[0].addr, &c.r.ia[3].addrs[0].addr,
			 16));
	UT_EXPECT(c.out.n_recs == 4);
	UT_EXPECT(dhcp6_leases_stats(srv.leases)->bound == 4);
	teardown();
}

/* A small range runs out: NoAddrsAvail; a one-prefix pool: NoPrefixAvail. */
UT_CASE(no_addrs_no_prefix)
{
	static struct cl a, b;

	setup();
	cfg.ranges[0].last = ip6("2001:db8:1::1000");	/* one address */
	cfg.pools[0].dlen = 48;				/* one prefix */
	cl_init(&a, 5);
	cl_msg(&a, DHCP6_REQUEST);
	cl_ia(&a, DHCP6_OPT_IA_NA, 1);
	cl_ia(&a, DHCP6_OPT_IA_PD, 1);
	UT_ASSERT(cl_send(&a, false, 10));
	UT_ASSERT(a.r.n_ia == 2 && a.r.ia[0].n_addrs == 1);
	UT_EXPECT(addr_is(&a.r.ia[0].addrs[0].addr, "2001:db8:1::1000"));
	UT_EXPECT(a.r.ia[1].addrs[0].plen == 48);

	cl_init(&b, 6);
	cl_msg(&b, DHCP6_SOLICIT);
	cl_ia(&b, DHCP6_OPT_IA_NA, 1);
	cl_ia(&b, DHCP6_OPT_IA_PD, 1);
	UT_ASSERT(cl_send(&b, false, 10));
	UT_EXPECT(b.r.type == DHCP6_ADVERTISE);
	UT_ASSERT(b.r.n_ia == 2);
	UT_EXPECT(!b.r.ia[0].n_addrs &&
		  has_status(&b.r.ia[0].status, DHCP6_STATUS_NO_ADDRS_AVAIL));
	UT_EXPECT(!b.r.ia[1].n_addrs &&
		  has_status(&b.r.ia[1].status, DHCP6_STATUS_NO_PREFIX_AVAIL));
	cl_msg(&b, DHCP6_REQUEST);
	cl_ia(&b, DHCP6_OPT_IA_NA, 1);
	UT_ASSERT(cl_send(&b, false, 10));
	UT_EXPECT(has_status(&b.r.ia[0].status, DHCP6_STATUS_NO_ADDRS_AVAIL));
	UT_EXPECT(!b.out.commit);
	UT_EXPECT(srv.st.no_addrs == 2 && srv.st.no_prefix == 1);
	/* The first releases: the second gets it. */
	cl_msg(&a, DHCP6_RELEASE);
	cl_keep(&a);
	UT_ASSERT(cl_send(&a, false, 11));
	UT_EXPECT(has_status(&a.r.status, DHCP6_STATUS_SUCCESS));
	UT_EXPECT(a.out.commit && a.out.n_recs == 2 &&
		  a.out.recs[0].type == DHCP6_JNL_RELEASE &&
		  a.out.recs[0].expiry == 0);
	UT_ASSERT(cl_send(&b, false, 12));
	UT_EXPECT(b.r.ia[0].n_addrs == 1 &&
		  addr_is(&b.r.ia[0].addrs[0].addr, "2001:db8:1::1000"));
	teardown();
}

UT_CASE(renew_and_nobinding)
{
	static struct cl c;
	struct in6_addr got;

	setup();
	cl_init(&c, 7);
	cl_msg(&c, DHCP6_REQUEST);
	cl_ia(&c, DHCP6_OPT_IA_NA, 1);
	UT_ASSERT(cl_send(&c, false, 100));
	got = c.r.ia[0].addrs[0].addr;
	cl_msg(&c, DHCP6_RENEW);
	cl_keep(&c);
	UT_ASSERT(cl_send(&c, false, 2000));
	UT_EXPECT(c.r.type == DHCP6_REPLY && c.r.n_ia == 1);
	UT_EXPECT(c.r.ia[0].n_addrs == 1 &&
		  !memcmp(&c.r.ia[0].addrs[0].addr, &got, 16) &&
		  c.r.ia[0].addrs[0].valid == 7200);
	UT_EXPECT(c.out.commit && c.out.n_recs == 1 &&
		  c.out.recs[0].type == DHCP6_JNL_RENEW &&
		  c.out.recs[0].expiry == 2000 + 7200);
	UT_EXPECT(dhcp6_lease_next_expiry(srv.leases) == 2000 + 7200);
	/* An address that is not its binding's: lifetimes 0. */
	ia_put(&c.m.ia[0], "2001:db8:1::1", 128);
	UT_ASSERT(cl_send(&c, false, 2001));
	UT_ASSERT(c.r.ia[0].n_addrs == 2);
	UT_EXPECT(addr_is(&c.r.ia[0].addrs[0].addr, "2001:db8:1::1") &&
		  !c.r.ia[0].addrs[0].valid && !c.r.ia[0].addrs[0].preferred);
	UT_EXPECT(c.r.ia[0].addrs[1].valid == 7200);
	/* An IA the server never gave: NoBinding. */
	cl_msg(&c, DHCP6_RENEW);
	cl_ia(&c, DHCP6_OPT_IA_NA, 99);
	ia_put(&c.m.ia[0], "2001:db8:1::1234", 128);
	UT_ASSERT(cl_send(&c, false, 2002));
	UT_EXPECT(c.r.n_ia == 1 &&
		  has_status(&c.r.ia[0].status, DHCP6_STATUS_NO_BINDING));
	UT_EXPECT(!c.out.commit);
	cl_msg(&c, DHCP6_RENEW);
	cl_ia(&c, DHCP6_OPT_IA_PD, 99);
	UT_ASSERT(cl_send(&c, false, 2002));
	UT_EXPECT(has_status(&c.r.ia[0].status, DHCP6_STATUS_NO_BINDING));
	teardown();
}

UT_CASE(rebind)
{
	static struct cl c;
	struct in6_addr got;

	setup();
	cl_init(&c, 8);
	cl_msg(&c, DHCP6_REQUEST);
	cl_ia(&c, DHCP6_OPT_IA_PD, 3);
	UT_ASSERT(cl_send(&c, false, 100));
	got = c.r.ia[0].addrs[0].addr;
	cl_msg(&c, DHCP6_REBIND);
	cl_keep(&c);
	UT_EXPECT(!c.m.has_server_id);
	UT_ASSERT(cl_send(&c, false, 3000));
	UT_EXPECT(c.r.ia[0].n_addrs == 1 &&
		  !memcmp(&c.r.ia[0].addrs[0].addr, &got, 16) &&
		  c.r.ia[0].addrs[0].plen == 56);
	UT_EXPECT(c.out.commit && c.out.recs[0].type == DHCP6_JNL_RENEW);
	/* Unknown, not on the link: lifetimes 0. */
	cl_msg(&c, DHCP6_REBIND);
	cl_ia(&c, DHCP6_OPT_IA_NA, 50);
	ia_put(&c.m.ia[0], "2001:db8:77::5", 128);
	UT_ASSERT(cl_send(&c, false, 3001));
	UT_EXPECT(c.r.ia[0].n_addrs == 1 && !c.r.ia[0].addrs[0].valid);
	UT_EXPECT(!c.out.commit);
	/* Unknown, free and ours (the server lost it): bound again. */
	cl_msg(&c, DHCP6_REBIND);
	cl_ia(&c, DHCP6_OPT_IA_NA, 51);
	ia_put(&c.m.ia[0], "2001:db8:1::1abc", 128);
	UT_ASSERT(cl_send(&c, false, 3002));
	UT_EXPECT(c.r.ia[0].n_addrs == 1 && c.r.ia[0].addrs[0].valid == 7200 &&
		  addr_is(&c.r.ia[0].addrs[0].addr, "2001:db8:1::1abc"));
	UT_EXPECT(c.out.commit && c.out.recs[0].type == DHCP6_JNL_ADD);
	/* Unknown, without addresses: NoBinding. */
	cl_msg(&c, DHCP6_REBIND);
	cl_ia(&c, DHCP6_OPT_IA_NA, 52);
	UT_ASSERT(cl_send(&c, false, 3003));
	UT_EXPECT(has_status(&c.r.ia[0].status, DHCP6_STATUS_NO_BINDING));
	teardown();
}

UT_CASE(release_decline)
{
	static struct cl a, b;
	struct in6_addr got;

	setup();
	cl_init(&a, 9);
	cl_msg(&a, DHCP6_REQUEST);
	cl_ia(&a, DHCP6_OPT_IA_NA, 1);
	UT_ASSERT(cl_send(&a, false, 100));
	got = a.r.ia[0].addrs[0].addr;
	/* Another client's RELEASE of it: NoBinding, nothing removed. */
	cl_init(&b, 10);
	cl_msg(&b, DHCP6_RELEASE);
	cl_keep(&a);
	b.m.n_ia = a.r.n_ia;
	b.m.ia[0] = a.r.ia[0];
	UT_ASSERT(cl_send(&b, false, 101));
	UT_EXPECT(has_status(&b.r.status, DHCP6_STATUS_SUCCESS));
	UT_EXPECT(b.r.n_ia == 1 &&
		  has_status(&b.r.ia[0].status, DHCP6_STATUS_NO_BINDING));
	UT_EXPECT(!b.out.commit);
	UT_EXPECT(dhcp6_leases_stats(srv.leases)->bound == 1);
	/* Its own DECLINE: Success, the address set aside. */
	cl_msg(&a, DHCP6_DECLINE);
	cl_keep(&a);
	UT_ASSERT(cl_send(&a, false, 102));
	UT_EXPECT(has_status(&a.r.status, DHCP6_STATUS_SUCCESS) &&
		  a.r.status.present);
	UT_EXPECT(!a.r.n_ia);
	UT_EXPECT(a.out.commit && a.out.n_recs == 1 &&
		  a.out.recs[0].type == DHCP6_JNL_DECLINE &&
		  a.out.recs[0].expiry == 102 + DHCP6_DECLINE_HOLD);
	UT_EXPECT(dhcp6_leases_stats(srv.leases)->bound == 0 &&
		  dhcp6_leases_stats(srv.leases)->declined == 1);
	/* A new REQUEST of the same IA: another address. */
	cl_msg(&a, DHCP6_REQUEST);
	cl_ia(&a, DHCP6_OPT_IA_NA, 1);
	ia_put(&a.m.ia[0], "2001:db8:1::1000", 128);
	a.m.ia[0].addrs[0].addr = got;
	UT_ASSERT(cl_send(&a, false, 103));
	UT_EXPECT(a.r.ia[0].n_addrs == 1 &&
		  memcmp(&a.r.ia[0].addrs[0].addr, &got, 16));
	/* A DECLINE of what it does not hold: NoBinding. */
	cl_msg(&b, DHCP6_DECLINE);
	cl_ia(&b, DHCP6_OPT_IA_NA, 1);
	ia_put(&b.m.ia[0], "2001:db8:1::1001", 128);
	UT_ASSERT(cl_send(&b, false, 104));
	UT_EXPECT(has_status(&b.r.ia[0].status, DHCP6_STATUS_NO_BINDING));
	/* The declined address comes back after its hold. */
	{
		struct dhcp6_jnl_rec recs[8];
		unsigned int n = dhcp6_server_expire(&srv, 103 + 7200,
						     recs, 8);

		UT_EXPECT(n == 1 && memcmp(&recs[0].addr, &got, 16));
		n = dhcp6_server_expire(&srv, 102 + DHCP6_DECLINE_HOLD, recs,
					8);

		UT_EXPECT(n == 1 && recs[0].type == DHCP6_JNL_EXPIRE &&
			  !memcmp(&recs[0].addr, &got, 16));
		UT_EXPECT(dhcp6_leases_stats(srv.leases)->declined == 0);
	}
	teardown();
}

UT_CASE(confirm)
{
	static struct cl c;

	setup();
	cl_init(&c, 11);
	cl_msg(&c, DHCP6_CONFIRM);
	cl_ia(&c, DHCP6_OPT_IA_NA, 1);
	ia_put(&c.m.ia[0], "2001:db8:1::1234", 128);
	UT_ASSERT(cl_send(&c, false, 10));
	UT_EXPECT(c.r.type == DHCP6_REPLY && c.r.status.present &&
		  c.r.status.code == DHCP6_STATUS_SUCCESS && !c.r.n_ia);
	ia_put(&c.m.ia[0], "2001:db8:2::1", 128);
	UT_ASSERT(cl_send(&c, false, 10));
	UT_EXPECT(has_status(&c.r.status, DHCP6_STATUS_NOT_ON_LINK));
	UT_EXPECT(srv.st.not_on_link == 1);
	/* No addresses: no reply (§18.3.3). */
	cl_msg(&c, DHCP6_CONFIRM);
	cl_ia(&c, DHCP6_OPT_IA_NA, 1);
	UT_EXPECT(!cl_send(&c, false, 10));
	UT_EXPECT(c.out.drop == DHCP6_DROP_NO_ADDRS &&
		  srv.st.drop[DHCP6_DROP_NO_ADDRS] == 1);
	teardown();
}

UT_CASE(information_request)
{
	static struct cl c;

	setup();
	cl_init(&c, 12);
	cl_msg(&c, DHCP6_INFORMATION_REQUEST);
	UT_ASSERT(cl_send(&c, false, 10));
	UT_EXPECT(c.r.type == DHCP6_REPLY && !c.r.n_ia);
	UT_EXPECT(c.r.has_dns && c.r.n_domains == 1);
	UT_EXPECT(c.r.has_inf_max_rt && c.r.inf_max_rt == 7200);
	UT_EXPECT(!c.r.has_sol_max_rt);
	UT_EXPECT(!c.out.commit);
	/* Without a Client ID too (it is optional here). */
	c.m.has_client_id = false;
	c.m.has_oro = false;
	c.m.n_oro = 0;
	UT_ASSERT(cl_send(&c, false, 10));
	UT_EXPECT(!c.r.has_client_id && !c.r.has_dns);
	/* Another server's ID: dropped. */
	c.m.has_server_id = true;
	c.m.server_id.bytes.p = c.duid;
	c.m.server_id.bytes.len = (uint16_t)c.duid_len;
	UT_EXPECT(!cl_send(&c, false, 10));
	UT_EXPECT(c.out.drop == DHCP6_DROP_SERVER_ID);
	teardown();
}

UT_CASE(use_multicast_and_unicast_drops)
{
	static struct cl c;
	static const uint8_t types[] = { DHCP6_REQUEST, DHCP6_RENEW,
					 DHCP6_RELEASE, DHCP6_DECLINE };
	static const uint8_t drops[] = { DHCP6_SOLICIT, DHCP6_CONFIRM,
					 DHCP6_REBIND,
					 DHCP6_INFORMATION_REQUEST };
	unsigned int i;

	setup();
	cl_init(&c, 13);
	for (i = 0; i < 4; i++) {
		cl_msg(&c, types[i]);
		cl_ia(&c, DHCP6_OPT_IA_NA, 1);
		ia_put(&c.m.ia[0], "2001:db8:1::1234", 128);
		UT_ASSERT(cl_send(&c, true, 10));
		UT_EXPECT(c.r.type == DHCP6_REPLY && !c.r.n_ia &&
			  has_status(&c.r.status,
				     DHCP6_STATUS_USE_MULTICAST));
		UT_EXPECT(!c.out.commit && !c.r.has_dns);
	}
	UT_EXPECT(srv.st.use_multicast == 4);
	UT_EXPECT(dhcp6_leases_stats(srv.leases)->bound == 0);
	for (i = 0; i < 4; i++) {
		cl_msg(&c, drops[i]);
		cl_ia(&c, DHCP6_OPT_IA_NA, 1);
		ia_put(&c.m.ia[0], "2001:db8:1::1234", 128);
		if (drops[i] == DHCP6_INFORMATION_REQUEST)
			c.m.n_ia = 0;
		UT_EXPECT(!cl_send(&c, true, 10));
		UT_EXPECT(c.out.drop == DHCP6_DROP_UNICAST);
	}
	UT_EXPECT(srv.st.drop[DHCP6_DROP_UNICAST] == 4);
	teardown();
}

UT_CASE(wrong_server_id_and_types)
{
	static struct cl c;
	static const uint8_t types[] = { DHCP6_REQUEST, DHCP6_RENEW,
					 DHCP6_RELEASE, DHCP6_DECLINE };
	static const uint8_t server_types[] = { DHCP6_ADVERTISE, DHCP6_REPLY };
	unsigned int i;

	setup();
	cl_init(&c, 14);
	for (i = 0; i < 4; i++) {
		cl_msg(&c, types[i]);
		cl_ia(&c, DHCP6_OPT_IA_NA, 1);
		c.m.server_id.bytes.p = c.duid;
		c.m.server_id.bytes.len = (uint16_t)c.duid_len;
		UT_EXPECT(!cl_send(&c, false, 10));
		UT_EXPECT(c.out.drop == DHCP6_DROP_SERVER_ID);
		/* ...by unicast too: dropped, not UseMulticast. */
		UT_EXPECT(!cl_send(&c, true, 10));
	}
	UT_EXPECT(srv.st.drop[DHCP6_DROP_SERVER_ID] == 8);
	for (i = 0; i < 2; i++) {
		cl_msg(&c, server_types[i]);
		UT_EXPECT(!cl_send(&c, false, 10));
		UT_EXPECT(c.out.drop == DHCP6_DROP_NOT_CLIENT);
	}
	/* No served link. */
	{
		struct dhcp6_in in = { 0 };
		struct dhcp6_out o;

		cl_msg(&c, DHCP6_SOLICIT);
		in.msg = &c.m;
		dhcp6_server_handle(&srv, &in, &o);
		UT_EXPECT(!o.send && o.drop == DHCP6_DROP_NOT_SERVED);
	}
	UT_EXPECT_STR(dhcp6_drop_name(DHCP6_DROP_SERVER_ID), "server-id");
	UT_EXPECT_STR(dhcp6_drop_name(DHCP6_DROP_MAX), "?");
	teardown();
}

UT_CASE(reservations)
{
	static struct cl a, b;

	setup();
	cfg.n_resv = 2;
	cl_init(&a, 20);
	cl_init(&b, 21);
	cfg.resv[0].duid_len = (uint8_t)a.duid_len;
	memcpy(cfg.resv[0].duid, a.duid, a.duid_len);
	cfg.resv[0].addr = ip6("2001:db8:1::1500");
	cfg.resv[0].plen = 128;
	cfg.resv[1].duid_len = (uint8_t)a.duid_len;
	memcpy(cfg.resv[1].duid, a.duid, a.duid_len);
	cfg.resv[1].addr = ip6("2001:db8:100:ab00::");
	cfg.resv[1].plen = 56;
	/* Another client asking for the reserved address: not given. */
	cl_msg(&b, DHCP6_REQUEST);
	cl_ia(&b, DHCP6_OPT_IA_NA, 1);
	ia_put(&b.m.ia[0], "2001:db8:1::1500", 128);
	cl_ia(&b, DHCP6_OPT_IA_PD, 1);
	ia_put(&b.m.ia[1], "2001:db8:100:ab00::", 56);
	UT_ASSERT(cl_send(&b, false, 10));
	UT_EXPECT(b.r.ia[0].n_addrs == 1 &&
		  !addr_is(&b.r.ia[0].addrs[0].addr, "2001:db8:1::1500"));
	UT_EXPECT(b.r.ia[1].n_addrs == 1 &&
		  !addr_is(&b.r.ia[1].addrs[0].addr, "2001:db8:100:ab00::"));
	/* Its owner gets both; a second IA of its gets a range address. */
	cl_msg(&a, DHCP6_REQUEST);
	cl_ia(&a, DHCP6_OPT_IA_NA, 1);
	cl_ia(&a, DHCP6_OPT_IA_PD, 1);
	cl_ia(&a, DHCP6_OPT_IA_NA, 2);
	UT_ASSERT(cl_send(&a, false, 10));
	UT_ASSERT(a.r.n_ia == 3);
	UT_EXPECT(addr_is(&a.r.ia[0].addrs[0].addr, "2001:db8:1::1500"));
	UT_EXPECT(addr_is(&a.r.ia[1].addrs[0].addr, "2001:db8:100:ab00::") &&
		  a.r.ia[1].addrs[0].plen == 56);
	UT_EXPECT(a.r.ia[2].n_addrs == 1 &&
		  !addr_is(&a.r.ia[2].addrs[0].addr, "2001:db8:1::1500"));
	/* CONFIRM of a reserved address off the ranges' /64: on link. */
	UT_EXPECT(dhcp6_link_onlink(&cfg, &a.r.ia[0].addrs[0].addr));
	teardown();
}

/* The hint: a free address of the range the client asks for. */
UT_CASE(hint)
{
	static struct cl c;

	setup();
	cl_init(&c, 22);
	cl_msg(&c, DHCP6_REQUEST);
	cl_ia(&c, DHCP6_OPT_IA_NA, 1);
	ia_put(&c.m.ia[0], "2001:db8:1::1abc", 128);
	UT_ASSERT(cl_send(&c, false, 10));
	UT_EXPECT(addr_is(&c.r.ia[0].addrs[0].addr, "2001:db8:1::1abc"));
	/* Outside the range: ignored. */
	cl_msg(&c, DHCP6_REQUEST);
	cl_ia(&c, DHCP6_OPT_IA_NA, 2);
	ia_put(&c.m.ia[0], "2001:db8:1::2000", 128);
	UT_ASSERT(cl_send(&c, false, 10));
	UT_EXPECT(c.r.ia[0].n_addrs == 1 &&
		  !addr_is(&c.r.ia[0].addrs[0].addr, "2001:db8:1::2000"));
	teardown();
}

/* The virtual clock: leases end in order, and journal EXPIRE. */
UT_CASE(expiry)
{
	static struct cl c;
	struct dhcp6_jnl_rec recs[4];
	unsigned int i;

	setup();
	for (i = 0; i < 3; i++) {
		cl_init(&c, (uint8_t)(30 + i));
		cl_msg(&c, DHCP6_REQUEST);
		cl_ia(&c, DHCP6_OPT_IA_NA, 1);
		UT_ASSERT(cl_send(&c, false, 100 * (3 - i)));
	}
	UT_EXPECT(dhcp6_lease_next_expiry(srv.leases) == 100 + 7200);
	UT_EXPECT(dhcp6_server_expire(&srv, 100 + 7199, recs, 4) == 0);
	UT_EXPECT(dhcp6_server_expire(&srv, 200 + 7200, recs, 4) == 2);
	UT_EXPECT(recs[0].expiry == 0 && recs[0].type == DHCP6_JNL_EXPIRE);
	UT_EXPECT(recs[0].duid[9] == 32 && recs[1].duid[9] == 31);
	UT_EXPECT(dhcp6_leases_stats(srv.leases)->bound == 1);
	/* The renewed one lives on. */
	UT_EXPECT(dhcp6_server_expire(&srv, 300 + 7199, recs, 4) == 0);
	UT_EXPECT(dhcp6_server_expire(&srv, UINT64_MAX, recs, 1) == 1);
	UT_EXPECT(dhcp6_lease_next_expiry(srv.leases) == UINT64_MAX);
	UT_EXPECT(srv.st.expired == 3);
	teardown();
}

/* What the server journals replays into the same table. */
UT_CASE(replay_roundtrip)
{
	static struct cl c;
	struct dhcp6_leases *t = dhcp6_leases_new(7);
	struct dhcp6_lease *l;
	struct dhcp6_jnl_rec r;
	uint8_t b[DHCP6_JNL_REC_MAX];
	uint64_t pos = 0;
	unsigned int i, n = 0;

	UT_ASSERT(t);
	setup();
	for (i = 0; i < 20; i++) {
		unsigned int k;

		cl_init(&c, (uint8_t)(40 + i));
		cl_msg(&c, DHCP6_REQUEST);
		cl_ia(&c, DHCP6_OPT_IA_NA, 1);
		cl_ia(&c, DHCP6_OPT_IA_PD, 1);
		UT_ASSERT(cl_send(&c, false, 10));
		for (k = 0; k < c.out.n_recs; k++) {
			/* Through the journal codec, as the store does. */
			UT_ASSERT(dhcp6_jnl_rec_build(b, sizeof(b),
						      &c.out.recs[k]));
			UT_ASSERT(dhcp6_lease_replay(t, &c.out.recs[k]));
		}
		if (i % 3 == 0) {
			cl_msg(&c, DHCP6_RELEASE);
			cl_keep(&c);
			c.m.n_ia = 1;
			UT_ASSERT(cl_send(&c, false, 11));
			UT_ASSERT(c.out.n_recs == 1);
			UT_ASSERT(dhcp6_lease_replay(t, &c.out.recs[0]));
		}
	}
	UT_EXPECT(dhcp6_leases_stats(t)->bound ==
		  dhcp6_leases_stats(srv.leases)->bound);
	UT_EXPECT(dhcp6_leases_stats(t)->bound == 40 - 7);
	while ((l = dhcp6_lease_iter(srv.leases, &pos))) {
		struct dhcp6_lease *o = dhcp6_lease_by_addr(t, &l->addr,
							    l->plen);

		n++;
		UT_EXPECT(o && o->expiry == l->expiry &&
			  dhcp6_lease_is(o, l->duid, l->duid_len, l->iaid,
					 l->kind));
	}
	UT_EXPECT(n == 33);
	/* A replayed ADD moves an address to its new binding. */
	pos = 0;
	l = dhcp6_lease_iter(t, &pos);
	UT_ASSERT(l);
	dhcp6_lease_to_rec(l, DHCP6_JNL_ADD, &r);
	r.iaid = 77;
	UT_EXPECT(dhcp6_lease_replay(t, &r));
	UT_EXPECT(dhcp6_lease_by_addr(t, &r.addr, r.plen)->iaid == 77);
	UT_EXPECT(dhcp6_leases_stats(t)->bound == 33);
	dhcp6_leases_free(t);
	teardown();
}

/* The table: 100k leases, O(1) lookups, the heap's order. */
UT_CASE(table_100k)
{
	struct dhcp6_leases *t = dhcp6_leases_new(99);
	uint8_t duid[10] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 0 };
	struct in6_addr a = ip6("2001:db8::");
	struct dhcp6_lease *l;
	uint64_t prev = 0;
	unsigned int i, n = 0;

	UT_ASSERT(t);
	for (i = 0; i < 100000; i++) {
		memcpy(duid + 6, &i, 4);
		memcpy(a.s6_addr + 12, &i, 4);
		UT_ASSERT(dhcp6_lease_add(t, duid, sizeof(duid), i,
					  DHCP6_OPT_IA_NA, &a, 128, 1, 2,
					  (i * 7919u) % 100003u));
	}
	UT_EXPECT(dhcp6_leases_stats(t)->bound == 100000);
	/* The same address twice: refused. */
	UT_EXPECT(!dhcp6_lease_add(t, duid, sizeof(duid), 5, DHCP6_OPT_IA_NA,
				   &a, 128, 1, 2, 1));
	for (i = 0; i < 100000; i += 997) {
		memcpy(duid + 6, &i, 4);
		memcpy(a.s6_addr + 12, &i, 4);
		l = dhcp6_lease_by_key(t, duid, sizeof(duid), i,
				       DHCP6_OPT_IA_NA);
		UT_EXPECT(l && !memcmp(&l->addr, &a, 16));
		UT_EXPECT(dhcp6_lease_by_addr(t, &a, 128) == l);
		UT_EXPECT(!dhcp6_lease_by_key(t, duid, sizeof(duid), i,
					      DHCP6_OPT_IA_PD));
	}
	/* Delete every other one, then drain in expiry order. */
	for (i = 0; i < 100000; i += 2) {
		memcpy(a.s6_addr + 12, &i, 4);
		dhcp6_lease_del(t, dhcp6_lease_by_addr(t, &a, 128));
	}
	UT_EXPECT(dhcp6_leases_stats(t)->bound == 50000);
	while ((l = dhcp6_lease_expire_next(t, UINT64_MAX))) {
		if (l->expiry < prev)
			break;
		prev = l->expiry;
		dhcp6_lease_del(t, l);
		n++;
	}
	UT_EXPECT(n == 50000);
	UT_EXPECT(dhcp6_leases_stats(t)->bound == 0);
	dhcp6_leases_free(t);
}

UT_CASE(table_full)
{
	struct dhcp6_leases *t = dhcp6_leases_new(1);
	uint8_t duid[3] = { 0, 9, 1 };
	struct in6_addr a = ip6("2001:db8::");
	uint32_t i;

	UT_ASSERT(t);
	for (i = 0; i < DHCP6_LEASES_MAX; i++) {
		memcpy(a.s6_addr + 12, &i, 4);
		if (!dhcp6_lease_add(t, duid, 3, i, DHCP6_OPT_IA_NA, &a, 128,
				     1, 2, i))
			break;
	}
	UT_EXPECT(i == DHCP6_LEASES_MAX);
	i = DHCP6_LEASES_MAX;
	memcpy(a.s6_addr + 12, &i, 4);
	UT_EXPECT(!dhcp6_lease_add(t, duid, 3, i, DHCP6_OPT_IA_NA, &a, 128, 1,
				   2, i));
	UT_EXPECT(dhcp6_leases_stats(t)->full == 1);
	dhcp6_leases_free(t);
}

/* RFC 8415 §20.4: the reconfigure key, given only to a client that
 * accepts it on a link that reconfigures, the same on RENEW; the
 * RECONFIGURE built for its lease verifies with it and no other. */
UT_CASE(reconfigure_key)
{
	static struct cl c;
	static struct dhcp6_out o;
	static const uint8_t k1[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
					13, 14, 15, 16 };
	static const uint8_t k2[16] = { 0xaa };
	struct in6_addr peer = ip6("fe80::1"), got;
	struct dhcp6_msg rm;
	uint8_t buf[512];
	size_t n;

	setup();
	cl_rkey = k1;
	cl_replay = 1000;
	cl_peer = &peer;
	cl_init(&c, 9);
	/* Without Reconfigure Accept: no key. */
	cl_msg(&c, DHCP6_REQUEST);
	cl_ia(&c, DHCP6_OPT_IA_NA, 1);
	cfg.reconfigure = true;
	UT_ASSERT(cl_send(&c, false, 100));
	UT_EXPECT(!c.r.has_auth && !c.r.reconf_accept);
	got = c.r.ia[0].addrs[0].addr;
	UT_EXPECT(dhcp6_server_reconfigure(&srv, &got, 128, DHCP6_RENEW, 5,
					   &o) == -ENOKEY);
	/* With it, on a link that does not reconfigure: none either. */
	cl_msg(&c, DHCP6_RENEW);
	cl_keep(&c);
	c.m.reconf_accept = true;
	cfg.reconfigure = false;
	UT_ASSERT(cl_send(&c, false, 101));
	UT_EXPECT(!c.r.has_auth && !c.r.reconf_accept);
	/* Both: the key, type 1, and Reconfigure Accept. */
	cfg.reconfigure = true;
	UT_ASSERT(cl_send(&c, false, 102));
	UT_ASSERT(c.r.has_auth && c.r.reconf_accept);
	UT_EXPECT(c.r.auth.proto == 3 && c.r.auth.algo == 1 &&
		  c.r.auth.rdm == 0 && c.r.auth.replay == 1000);
	UT_ASSERT(c.r.auth.info.len == 17);
	UT_EXPECT(c.r.auth.info.p[0] == DHCP6_RECONF_KEY &&
		  !memcmp(c.r.auth.info.p + 1, k1, 16));
	/* A RENEW keeps the key the binding has, not the new one offered. */
	cl_rkey = k2;
	cl_replay = 1001;
	UT_ASSERT(cl_send(&c, false, 103));
	UT_EXPECT(c.r.has_auth && !memcmp(c.r.auth.info.p + 1, k1, 16) &&
		  c.r.auth.replay == 1001);
	/* ADVERTISE never carries it. */
	cl_msg(&c, DHCP6_SOLICIT);
	cl_ia(&c, DHCP6_OPT_IA_NA, 2);
	c.m.reconf_accept = true;
	srv.st.out[DHCP6_ADVERTISE] = 0;
	UT_ASSERT(cl_send(&c, false, 104));
	UT_EXPECT(c.r.type == DHCP6_ADVERTISE && !c.r.has_auth);

	/* The RECONFIGURE: to the peer, signed with k1, RENEW asked. */
	UT_EXPECT(dhcp6_server_reconfigure(&srv, &got, 128, DHCP6_RENEW, 77,
					   &o) == 0);
	UT_EXPECT(o.send && o.msg.type == DHCP6_RECONFIGURE &&
		  o.msg.xid == 0 && o.msg.has_reconf_msg &&
		  o.msg.reconf_msg == DHCP6_RENEW && o.msg.auth.replay == 77);
	UT_EXPECT(!memcmp(&o.to, &peer, 16) && !strcmp(o.ifname, "eth0") &&
		  !memcmp(o.rkey, k1, 16));
	n = dhcp6_msg_build(buf, sizeof(buf), &o.msg);
	UT_ASSERT(n && dhcp6_reconf_sign(buf, n, o.rkey) == 0);
	UT_ASSERT(dhcp6_msg_parse(buf, n, &rm) == DHCP6_OK);
	UT_EXPECT(rm.type == DHCP6_RECONFIGURE && rm.has_client_id &&
		  rm.client_id.bytes.len == c.duid_len &&
		  !memcmp(rm.client_id.bytes.p, c.duid, c.duid_len));
	UT_EXPECT(dhcp6_reconf_verify(buf, n, &rm, k1));
	UT_EXPECT(!dhcp6_reconf_verify(buf, n, &rm, k2));
	/* Bad asks. */
	UT_EXPECT(dhcp6_server_reconfigure(&srv, &got, 128, DHCP6_REQUEST, 78,
					   &o) == -EINVAL);
	peer = ip6("2001:db8:1::1");
	UT_EXPECT(dhcp6_server_reconfigure(&srv, &peer, 128, DHCP6_RENEW, 78,
					   &o) == -ENOENT);
	cl_rkey = NULL;
	cl_replay = 0;
	cl_peer = NULL;
	cfg.reconfigure = false;
	teardown();
}

UT_MAIN("apedged_dhcp6_server",
	UT_ENTRY(advertise_bytes),
	UT_ENTRY(four_way),
	UT_ENTRY(rapid_commit),
	UT_ENTRY(several_ias),
	UT_ENTRY(no_addrs_no_prefix),
	UT_ENTRY(renew_and_nobinding),
	UT_ENTRY(rebind),
	UT_ENTRY(release_decline),
	UT_ENTRY(confirm),
	UT_ENTRY(information_request),
	UT_ENTRY(use_multicast_and_unicast_drops),
	UT_ENTRY(wrong_server_id_and_types),
	UT_ENTRY(reservations),
	UT_ENTRY(hint),
	UT_ENTRY(expiry),
	UT_ENTRY(replay_roundtrip),
	UT_ENTRY(table_100k),
	UT_ENTRY(table_full),
	UT_ENTRY(reconfigure_key))
