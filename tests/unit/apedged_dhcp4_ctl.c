// SPDX-License-Identifier: GPL-2.0
/*
 * The dhcp4 control words: their arguments and the JSON of "dhcp4 show"
 * and "dhcp4 stats", read back with apedgectl's JSON reader.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "apedged/config.h"
#include "dhcp4/ctl.h"
#include "dhcp4/dhcp4.h"
#include "lib/jsonv.h"
#include "lib/loop.h"
#include "lib/netif.h"
#include "ut.h"

struct fix {
	struct loop *loop;
	struct netif *nf;
	struct dhcp4 *e;
	struct config cfg;
};

static int fix_init(struct fix *f, const char *text)
{
	struct config_error err;

	memset(f, 0, sizeof(*f));
	f->loop = loop_new();
	f->nf = f->loop ? netif_new(f->loop, NULL, NULL, 0) : NULL;
	f->e = f->nf ? dhcp4_new(f->loop, f->nf, NULL, NULL) : NULL;
	if (!f->e || config_parse(text, strlen(text), &f->cfg, &err) < 0)
		return -1;
	return dhcp4_configure(f->e, &f->cfg.dhcp4, f->cfg.dhcp4s,
			       f->cfg.n_dhcp4s);
}

static void fix_free(struct fix *f)
{
	dhcp4_free(f->e);
	netif_free(f->nf);
	loop_free(f->loop);
	config_free(&f->cfg);
}

/* The client's machine, to give it a lease as the tests want. */
static struct dhcp4_sm *sm_of(struct fix *f, const char *ifname)
{
	return (struct dhcp4_sm *)dhcp4_client_sm(
		dhcp4_client_find(f->e, ifname));
}

static struct in_addr a4(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a;
}

UT_CASE(dev_words)
{
	char ifname[IFNAMSIZ], err[80];
	char *ok[] = { "dev", "eth0" };
	char *bad1[] = { "dev" };
	char *bad2[] = { "ifindex", "3" };
	char *bad3[] = { "dev", "a/b" };

	UT_EXPECT(dhcp4_ctl_dev(0, NULL, ifname, sizeof(ifname), err,
				sizeof(err)) == 0 && !ifname[0]);
	UT_EXPECT(dhcp4_ctl_dev(2, ok, ifname, sizeof(ifname), err,
				sizeof(err)) == 0);
	UT_EXPECT_STR(ifname, "eth0");
	UT_EXPECT(dhcp4_ctl_dev(1, bad1, ifname, sizeof(ifname), err,
				sizeof(err)) == -EINVAL);
	UT_EXPECT(dhcp4_ctl_dev(2, bad2, ifname, sizeof(ifname), err,
				sizeof(err)) == -EINVAL);
	UT_EXPECT(dhcp4_ctl_dev(2, bad3, ifname, sizeof(ifname), err,
				sizeof(err)) == -EINVAL);
	UT_EXPECT(strstr(err, "interface name"));
}

UT_CASE(show_without_lease)
{
	struct strbuf sb;
	struct jv_doc d;
	const struct jv *c;
	struct fix f;
	char s[64];

	UT_ASSERT(fix_init(&f, "[dhcp4 eth0]\n[dhcp4 eth1]\n") == 0);
	sb_init(&sb);
	UT_ASSERT(dhcp4_format_show(f.e, NULL, 0, &sb) == 0);
	UT_ASSERT(jv_parse(sb.buf, sb.len, &d) == 0);
	UT_EXPECT(jv_root(&d)->type == JV_ARR);
	c = jv_first(&d, jv_root(&d));
	UT_ASSERT(c);
	jv_str(jv_get(&d, c, "ifname"), s, sizeof(s));
	UT_EXPECT_STR(s, "eth0");
	jv_str(jv_get(&d, c, "state"), s, sizeof(s));
	UT_EXPECT_STR(s, "STOPPED");
	UT_EXPECT(!jv_get(&d, c, "address"));
	c = jv_next(&d, c);
	UT_ASSERT(c);
	jv_str(jv_get(&d, c, "ifname"), s, sizeof(s));
	UT_EXPECT_STR(s, "eth1");
	UT_EXPECT(!jv_next(&d, c));
	jv_free(&d);

	/* One interface, and one that has no client. */
	sb_reset(&sb);
	UT_EXPECT(dhcp4_format_show(f.e, "eth1", 0, &sb) == 0);
	UT_EXPECT(strstr(sb.buf, "eth1") && !strstr(sb.buf, "eth0"));
	sb_reset(&sb);
	UT_EXPECT(dhcp4_format_show(f.e, "eth9", 0, &sb) == -ENOENT);
	UT_EXPECT(dhcp4_format_stats(f.e, "eth9", &sb) == -ENOENT);
	UT_EXPECT(dhcp4_command(f.e, "eth9", DHCP4_CMD_RENEW) == -ENOENT);
	UT_EXPECT(dhcp4_command(f.e, "eth0", DHCP4_CMD_RENEW) == -ENETDOWN);
	sb_free(&sb);
	fix_free(&f);
}

UT_CASE(show_lease)
{
	struct dhcp4_sm *sm;
	struct dhcp4_lease *l;
	const struct jv *c, *v, *r;
	struct strbuf sb;
	struct jv_doc d;
	struct fix f;
	char s[300];

	UT_ASSERT(fix_init(&f, "[dhcp4 eth0]\n") == 0);
	sm = sm_of(&f, "eth0");
	UT_ASSERT(sm);
	sm->state = DHCP4_BOUND;
	sm->have_lease = true;
	l = &sm->lease;
	l->ack.yiaddr = a4("192.0.2.10");
	l->ack.server_id = a4("192.0.2.1");
	l->plen = 24;
	l->lease_s = 3600;
	l->t1_s = 1800;
	l->t2_s = 3150;
	l->acquired_ms = 1000000;
	l->ack.n_routers = 1;
	l->ack.routers[0] = a4("192.0.2.1");
	l->ack.n_dns = 2;
	l->ack.dns[0] = a4("192.0.2.53");
	l->ack.dns[1] = a4("192.0.2.54");
	strcpy(l->ack.domain, "example.test");
	l->ack.n_search = 1;
	strcpy(l->ack.search[0], "a\"b.test");
	l->ack.has_mtu = true;
	l->ack.mtu = 1400;
	l->ack.has_routes = true;
	l->ack.n_routes = 2;
	l->ack.routes[0].dst = a4("10.0.0.0");
	l->ack.routes[0].plen = 8;
	l->ack.routes[0].gw = a4("192.0.2.2");
	l->ack.routes[1].plen = 0;
	l->ack.routes[1].gw = a4("192.0.2.1");

	sb_init(&sb);
	/* 100.5 s after it was acquired. */
	UT_ASSERT(dhcp4_format_show(f.e, "eth0", 1100500, &sb) == 0);
	UT_ASSERT(jv_parse(sb.buf, sb.len, &d) == 0);
	c = jv_first(&d, jv_root(&d));
	UT_ASSERT(c);
	jv_str(jv_get(&d, c, "state"), s, sizeof(s));
	UT_EXPECT_STR(s, "BOUND");
	jv_str(jv_get(&d, c, "address"), s, sizeof(s));
	UT_EXPECT_STR(s, "192.0.2.10");
	jv_str(jv_get(&d, c, "server"), s, sizeof(s));
	UT_EXPECT_STR(s, "192.0.2.1");
	UT_EXPECT(jv_u64(jv_get(&d, c, "plen")) == 24);
	UT_EXPECT(jv_u64(jv_get(&d, c, "lease_s")) == 3600);
	UT_EXPECT(jv_u64(jv_get(&d, c, "t1_s")) == 1800);
	UT_EXPECT(jv_u64(jv_get(&d, c, "t2_s")) == 3150);
	UT_EXPECT(jv_u64(jv_get(&d, c, "acquired_s_ago")) == 100);
	UT_EXPECT(jv_u64(jv_get(&d, c, "renew_in_s")) == 1699);
	UT_EXPECT(jv_u64(jv_get(&d, c, "rebind_in_s")) == 3049);
	UT_EXPECT(jv_u64(jv_get(&d, c, "expires_in_s")) == 3499);
	v = jv_get(&d, c, "dns");
	UT_ASSERT(v && v->type == JV_ARR);
	jv_str(jv_next(&d, jv_first(&d, v)), s, sizeof(s));
	UT_EXPECT_STR(s, "192.0.2.54");
	jv_str(jv_first(&d, jv_get(&d, c, "routers")), s, sizeof(s));
	UT_EXPECT_STR(s, "192.0.2.1");
	jv_str(jv_get(&d, c, "domain"), s, sizeof(s));
	UT_EXPECT_STR(s, "example.test");
	jv_str(jv_first(&d, jv_get(&d, c, "search")), s, sizeof(s));
	UT_EXPECT_STR(s, "a\"b.test");
	UT_EXPECT(jv_u64(jv_get(&d, c, "mtu")) == 1400);
	r = jv_first(&d, jv_get(&d, c, "routes"));
	UT_ASSERT(r);
	jv_str(jv_get(&d, r, "dst"), s, sizeof(s));
	UT_EXPECT_STR(s, "10.0.0.0/8");
	jv_str(jv_get(&d, r, "gw"), s, sizeof(s));
	UT_EXPECT_STR(s, "192.0.2.2");
	r = jv_next(&d, r);
	jv_str(jv_get(&d, r, "dst"), s, sizeof(s));
	UT_EXPECT_STR(s, "0.0.0.0/0");
	jv_free(&d);

	/* Past its times: 0; an infinite lease: null; no domain, no MTU:
	 * null. */
	sb_reset(&sb);
	UT_ASSERT(dhcp4_format_show(f.e, NULL, 9000000, &sb) == 0);
	UT_EXPECT(strstr(sb.buf, "\"expires_in_s\": 0"));
	l->lease_s = l->t1_s = l->t2_s = 0xffffffffu;
	l->ack.domain[0] = '\0';
	l->ack.has_mtu = false;
	sb_reset(&sb);
	UT_ASSERT(dhcp4_format_show(f.e, NULL, 9000000, &sb) == 0);
	UT_EXPECT(strstr(sb.buf, "\"expires_in_s\": null"));
	UT_EXPECT(strstr(sb.buf, "\"renew_in_s\": null"));
	UT_EXPECT(strstr(sb.buf, "\"domain\": null"));
	UT_EXPECT(strstr(sb.buf, "\"mtu\": null"));
	sb_free(&sb);
	fix_free(&f);
}

UT_CASE(stats_keys)
{
	static const char *const keys[] = {
		"\"tx\": {\"DISCOVER\": 2, \"REQUEST\": 0, \"DECLINE\": 0, "
		"\"RELEASE\": 0, \"INFORM\": 0}",
		"\"rx\": {\"OFFER\": 0, \"ACK\": 3, \"NAK\": 0}",
		"\"drop\": {\"op\": 0, \"xid\": 4, \"chaddr\": 0, \"state\": 0, "
		"\"server\": 0, \"addr\": 0, \"stopped\": 0}",
		"\"malformed\": {\"short\": 0, \"htype\": 0, \"cookie\": 0, "
		"\"opt-trunc\": 0",
		"\"conflicts\": 5", "\"defended\": 0", "\"naks\": 0",
		"\"declines\": 0", "\"expiries\": 0", "\"send_errors\": 0",
		"\"store_errors\": 0", "\"store_damaged\": 0",
		"\"apply_errors\": 0", "\"untrusted_port\": 0",
	};
	struct dhcp4_sm *sm;
	struct strbuf sb;
	struct jv_doc d;
	struct fix f;
	size_t i;

	UT_ASSERT(fix_init(&f, "[dhcp4 eth0]\n") == 0);
	sm = sm_of(&f, "eth0");
	sm->stats.tx[DHCP4_DISCOVER] = 2;
	sm->stats.rx[DHCP4_ACK] = 3;
	sm->stats.drop[DHCP4_DROP_XID] = 4;
	sm->stats.conflicts = 5;
	sb_init(&sb);
	UT_ASSERT(dhcp4_format_stats(f.e, NULL, &sb) == 0);
	UT_EXPECT(jv_parse(sb.buf, sb.len, &d) == 0);
	jv_free(&d);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strstr(sb.buf, keys[i])) {
			fprintf(stderr, "  missing %s in %s\n", keys[i],
				sb.buf);
			UT_EXPECT(0);
		}
	sb_free(&sb);
	fix_free(&f);
}

/* A reload keeps a client whose settings are the same, with its state. */
UT_CASE(reconfigure)
{
	static const char text[] = "[dhcp4 eth0]\n[dhcp4 eth2]\nacd = no\n";
	struct config_error err;
	struct config cfg2;
	struct dhcp4_sm *sm;
	struct fix f;

	UT_ASSERT(fix_init(&f, "[dhcp4 eth0]\n[dhcp4 eth1]\n") == 0);
	sm = sm_of(&f, "eth0");
	sm->stats.tx[DHCP4_DISCOVER] = 7;
	UT_ASSERT(config_parse(text, strlen(text), &cfg2, &err) == 0);
	UT_ASSERT(dhcp4_configure(f.e, &cfg2.dhcp4, cfg2.dhcp4s,
				  cfg2.n_dhcp4s) == 0);
	UT_EXPECT(dhcp4_n_clients(f.e) == 2);
	UT_EXPECT(sm_of(&f, "eth0") == sm && sm->stats.tx[DHCP4_DISCOVER] == 7);
	UT_EXPECT(!dhcp4_client_find(f.e, "eth1"));
	UT_EXPECT(dhcp4_client_find(f.e, "eth2"));
	config_free(&cfg2);
	UT_ASSERT(dhcp4_configure(f.e, &f.cfg.dhcp4, NULL, 0) == 0);
	UT_EXPECT(dhcp4_n_clients(f.e) == 0);
	fix_free(&f);
}

/* The events the tests' ops hear. */
static char last_event[256];
static unsigned int n_events;

static void ev_cb(const char *name, const char *fields, void *data)
{
	snprintf(last_event, sizeof(last_event), "%s %s", name, fields);
	n_events++;
}

static const struct dhcp4_ops ev_ops = { .event = ev_cb };

/* "blocked" of ifname's client in dhcp4 show: "" for null. */
static void blocked_of(struct fix *f, const char *ifname, char *s,
		       size_t size)
{
	struct strbuf sb;
	struct jv_doc d;
	const struct jv *v;

	s[0] = '\0';
	sb_init(&sb);
	if (dhcp4_format_show(f->e, ifname, 0, &sb) == 0 &&
	    jv_parse(sb.buf, sb.len, &d) == 0) {
		v = jv_get(&d, jv_first(&d, jv_root(&d)), "blocked");
		if (!v)
			snprintf(s, size, "(missing)");
		else if (v->type != JV_NULL)
			jv_str(v, s, size);
		jv_free(&d);
	}
	sb_free(&sb);
}

/*
 * The module's port events: a client whose interface becomes an
 * untrusted port says it is blocked, counts it once per time, and is
 * unblocked when the port goes, is trusted, or the module goes; the
 * mark survives a reload that restarts the client.
 */
UT_CASE(untrusted_port)
{
	static const char text1[] = "[dhcp4 eth0]\n[dhcp4 eth1]\n";
	static const char text[] = "[dhcp4 eth0]\nacd = no\n[dhcp4 eth1]\n";
	struct config_error err;
	struct config cfg2;
	struct fix f;
	char s[64];

	memset(&f, 0, sizeof(f));
	f.loop = loop_new();
	f.nf = f.loop ? netif_new(f.loop, NULL, NULL, 0) : NULL;
	f.e = f.nf ? dhcp4_new(f.loop, f.nf, &ev_ops, NULL) : NULL;
	UT_ASSERT(f.e);
	UT_ASSERT(config_parse(text1, strlen(text1), &f.cfg, &err) == 0);
	UT_ASSERT(dhcp4_configure(f.e, &f.cfg.dhcp4, f.cfg.dhcp4s,
				  f.cfg.n_dhcp4s) == 0);
	blocked_of(&f, "eth0", s, sizeof(s));
	UT_EXPECT_STR(s, "");

	n_events = 0;
	dhcp4_port_role(f.e, "eth0", true);
	blocked_of(&f, "eth0", s, sizeof(s));
	UT_EXPECT_STR(s, "untrusted-port");
	blocked_of(&f, "eth1", s, sizeof(s));
	UT_EXPECT_STR(s, "");
	UT_EXPECT(dhcp4_client_stats(dhcp4_client_find(f.e, "eth0"))->
		  untrusted_port == 1);
	UT_EXPECT(n_events == 1);
	UT_EXPECT_STR(last_event, "dhcp4-blocked {\"ifname\": \"eth0\", "
		      "\"blocked\": \"untrusted-port\"}");
	/* Told again: nothing new. */
	dhcp4_port_role(f.e, "eth0", true);
	UT_EXPECT(n_events == 1);
	UT_EXPECT(dhcp4_client_stats(dhcp4_client_find(f.e, "eth0"))->
		  untrusted_port == 1);
	/* Another interface's port. */
	dhcp4_port_role(f.e, "eth5", true);
	UT_EXPECT(n_events == 1);

	/* A reload that restarts eth0's client keeps the mark. */
	UT_ASSERT(config_parse(text, strlen(text), &cfg2, &err) == 0);
	UT_ASSERT(dhcp4_configure(f.e, &cfg2.dhcp4, cfg2.dhcp4s,
				  cfg2.n_dhcp4s) == 0);
	blocked_of(&f, "eth0", s, sizeof(s));
	UT_EXPECT_STR(s, "untrusted-port");

	/* Detached (or attached trusted): unblocked, and said so. */
	dhcp4_port_role(f.e, "eth0", false);
	blocked_of(&f, "eth0", s, sizeof(s));
	UT_EXPECT_STR(s, "");
	UT_EXPECT(n_events == 2);
	UT_EXPECT_STR(last_event, "dhcp4-blocked {\"ifname\": \"eth0\", "
		      "\"blocked\": null}");

	/* The module goes: every client unblocked. */
	dhcp4_port_role(f.e, "eth0", true);
	dhcp4_port_role(f.e, "eth1", true);
	dhcp4_port_role(f.e, NULL, true);
	blocked_of(&f, "eth0", s, sizeof(s));
	UT_EXPECT_STR(s, "");
	blocked_of(&f, "eth1", s, sizeof(s));
	UT_EXPECT_STR(s, "");
	/* (the client the reload made counts from 0) */
	UT_EXPECT(dhcp4_client_stats(dhcp4_client_find(f.e, "eth0"))->
		  untrusted_port == 1);
	dhcp4_port_role(NULL, "eth0", true);
	config_free(&cfg2);
	fix_free(&f);
}

UT_MAIN("dhcp4_ctl",
	UT_ENTRY(dev_words),
	UT_ENTRY(show_without_lease),
	UT_ENTRY(show_lease),
	UT_ENTRY(stats_keys),
	UT_ENTRY(reconfigure),
	UT_ENTRY(untrusted_port),
)
