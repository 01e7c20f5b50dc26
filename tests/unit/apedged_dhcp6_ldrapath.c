// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6/ldra.c, the lightweight relay's packet path, driven as the
 * daemon drives it: punts in (an IPv6/UDP packet with the frame's MACs
 * and the port's ifindex), whole Ethernet frames out through a fake
 * send op that keeps them.  Ports: c1 (11) and c2 (12), client ports
 * of the uplink up (10); 99 is no LDRA port.
 *
 * Up: a SOLICIT punted off c1 leaves through up as a RELAY-FORW frame
 * from the client's MAC and link-local address to 33:33:00:01:00:02 /
 * ff02::1:2, 547 to 547, link-address ::, peer-address the client,
 * Interface-ID "c1" (18) and the client's MAC (79), its checksum right.
 * Down: a RELAY-REPL punted off up leaves through the port its
 * Interface-ID names, to the punt's destination MAC from the port's
 * own, 547 to 546, the
 * inner ADVERTISE byte for byte.  Refusals: a RELAY-REPL or RELAY-FORW
 * punted off a client port, a reply for no port, a reply off a client
 * port's name but from another uplink, no MACs, a port that is no
 * LDRA's, every truncation of both punts.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "apedged/config.h"
#include "dhcp6/ldra.h"
#include "config_bad.h"
#include "ut.h"

static const uint8_t client_mac[6] = { 0x02, 0, 0, 0, 0x66, 0xc1 };
static const uint8_t server_mac[6] = { 0x02, 0, 0, 0, 0x99, 0x01 };
static const uint8_t mcast_mac[6] = { 0x33, 0x33, 0, 1, 0, 2 };

/* SOLICIT, transaction-id abcdef, Client ID (DUID-LL 02:00:00:00:66:c1),
 * Elapsed Time 0 */
static const uint8_t solicit[] = {
	0x01, 0xab, 0xcd, 0xef, 0x00, 0x01, 0x00, 0x0a, 0x00, 0x03, 0x00, 0x01,
	0x02, 0x00, 0x00, 0x00, 0x66, 0xc1, 0x00, 0x08, 0x00, 0x02, 0x00, 0x00,
};
/* ADVERTISE, the same transaction-id and Client ID */
static const uint8_t advertise[] = {
	0x02, 0xab, 0xcd, 0xef, 0x00, 0x01, 0x00, 0x0a, 0x00, 0x03, 0x00, 0x01,
	0x02, 0x00, 0x00, 0x00, 0x66, 0xc1,
};

static struct {
	int n, ifindex;
	uint8_t f[4096];
	size_t len;
} sent;

static int fake_ifindex(void *data, const char *name)
{
	(void)data;
	if (!strcmp(name, "up"))
		return 10;
	if (!strcmp(name, "c1"))
		return 11;
	if (!strcmp(name, "c2"))
		return 12;
	if (!strcmp(name, "up2"))
		return 13;
	if (!strcmp(name, "c3"))
		return 14;
	return 0;
}

static int fake_send(void *data, int ifindex, const uint8_t *frame,
		     size_t len)
{
	(void)data;
	sent.n++;
	sent.ifindex = ifindex;
	if (len > sizeof(sent.f))
		return -1;
	memcpy(sent.f, frame, len);
	sent.len = len;
	return 0;
}

/* port n's own MAC: 02:00:00:00:00:n */
static int fake_hwaddr(void *data, int ifindex, uint8_t mac[6])
{
	(void)data;
	memcpy(mac, "\x02\0\0\0\0", 5);
	mac[5] = (uint8_t)ifindex;
	return 0;
}

static const struct dhcp6_ldra_ops ops = {
	.ifindex = fake_ifindex,
	.send = fake_send,
	.hwaddr = fake_hwaddr,
};

static struct in6_addr ip6(const char *s)
{
	struct in6_addr a;

	inet_pton(AF_INET6, s, &a);
	return a;
}

static struct dhcp6_ldra *make(struct config *cfg)
{
	struct config_error err;
	struct dhcp6_ldra *l;

	if (parse("[port up]\nrole = trusted\n[port up2]\nrole = trusted\n[port c1]\n"
		  "[port c2]\n[port c3]\n"
		  "[dhcp6 c1]\nmode = ldra\nuplink = up\n"
		  "[dhcp6 c2]\nmode = ldra\nuplink = up\n"
		  "[dhcp6 c3]\nmode = ldra\nuplink = up2\n",
		  cfg, &err))
		return NULL;
	l = dhcp6_ldra_new(&ops, NULL);
	if (l && dhcp6_ldra_configure(l, cfg->dhcp6s, cfg->n_dhcp6s)) {
		dhcp6_ldra_free(l);
		return NULL;
	}
	return l;
}

/* A punt: IPv6 and UDP around payload, from src to dst, sport to
 * dport (the frame builder's bytes past the Ethernet header). */
static size_t punt_of(uint8_t *out, size_t size, const char *src,
		      const char *dst, uint16_t sport, uint16_t dport,
		      const uint8_t *payload, size_t len)
{
	uint8_t f[4096];
	struct dhcp6_udp6 u = { .src = ip6(src), .dst = ip6(dst),
				.sport = sport, .dport = dport,
				.hop_limit = 1, .payload = payload,
				.len = len };
	size_t n = dhcp6_udp6_build(f, sizeof(f), client_mac, mcast_mac, &u);

	if (!n || n - DHCP6_ETH_HLEN > size)
		return 0;
	memcpy(out, f + DHCP6_ETH_HLEN, n - DHCP6_ETH_HLEN);
	return n - DHCP6_ETH_HLEN;
}

/* The value of option code among the options at p (n bytes). */
static const uint8_t *opt(const uint8_t *p, size_t n, uint16_t code,
			  size_t *len)
{
	while (n >= 4) {
		uint16_t c = (uint16_t)(p[0] << 8 | p[1]);
		size_t l = (size_t)(p[2] << 8 | p[3]);

		if (l > n - 4)
			return NULL;
		if (c == code) {
			*len = l;
			return p + 4;
		}
		p += 4 + l;
		n -= 4 + l;
	}
	return NULL;
}

/* A RELAY-REPL to fe80::1 with Interface-ID iid around advertise. */
static size_t relay_repl(uint8_t *out, const char *iid)
{
	size_t n = 0, il = strlen(iid);
	struct in6_addr peer = ip6("fe80::1");

	out[n++] = 13;
	out[n++] = 0;
	memset(out + n, 0, 16);
	n += 16;
	memcpy(out + n, &peer, 16);
	n += 16;
	out[n++] = 0;
	out[n++] = 18;
	out[n++] = 0;
	out[n++] = (uint8_t)il;
	memcpy(out + n, iid, il);
	n += il;
	out[n++] = 0;
	out[n++] = 9;
	out[n++] = 0;
	out[n++] = sizeof(advertise);
	memcpy(out + n, advertise, sizeof(advertise));
	return n + sizeof(advertise);
}

UT_CASE(up)
{
	struct config cfg;
	struct dhcp6_ldra *l = make(&cfg);
	uint8_t pkt[512];
	struct dhcp6_udp6 u;
	const uint8_t *v;
	size_t n, vl;
	struct in6_addr a;

	UT_ASSERT(l);
	n = punt_of(pkt, sizeof(pkt), "fe80::1", "ff02::1:2", 546, 547,
		    solicit, sizeof(solicit));
	UT_ASSERT(n);
	memset(&sent, 0, sizeof(sent));
	dhcp6_ldra_punt(l, 11, client_mac, mcast_mac, pkt, n);
	UT_ASSERT(sent.n == 1);
	UT_EXPECT(sent.ifindex == 10);
	UT_EXPECT(!memcmp(sent.f, mcast_mac, 6));
	UT_EXPECT(!memcmp(sent.f + 6, client_mac, 6));
	UT_ASSERT(dhcp6_udp6_parse(sent.f + DHCP6_ETH_HLEN,
				   sent.len - DHCP6_ETH_HLEN, &u) ==
		  DHCP6_FRAME_OK);
	UT_EXPECT(dhcp6_udp6_csum_ok(sent.f + DHCP6_ETH_HLEN,
				     sent.len - DHCP6_ETH_HLEN));
	a = ip6("fe80::1");
	UT_EXPECT(!memcmp(&u.src, &a, 16));
	a = ip6("ff02::1:2");
	UT_EXPECT(!memcmp(&u.dst, &a, 16));
	UT_EXPECT(u.sport == 547 && u.dport == 547);
	UT_ASSERT(u.len > 34);
	UT_EXPECT(u.payload[0] == 12 && u.payload[1] == 0);
	a = ip6("::");
	UT_EXPECT(!memcmp(u.payload + 2, &a, 16));		/* link */
	a = ip6("fe80::1");
	UT_EXPECT(!memcmp(u.payload + 18, &a, 16));		/* peer */
	v = opt(u.payload + 34, u.len - 34, 18, &vl);
	UT_EXPECT(v && vl == 2 && !memcmp(v, "c1", 2));
	v = opt(u.payload + 34, u.len - 34, 79, &vl);
	UT_EXPECT(v && vl == 8 && v[0] == 0 && v[1] == 1 &&
		  !memcmp(v + 2, client_mac, 6));
	v = opt(u.payload + 34, u.len - 34, 9, &vl);
	UT_EXPECT(v && vl == sizeof(solicit) &&
		  !memcmp(v, solicit, sizeof(solicit)));
	UT_EXPECT(dhcp6_ldra_stats(l)->relayed_up == 1);
	dhcp6_ldra_free(l);
	config_free(&cfg);
}

UT_CASE(down)
{
	struct config cfg;
	struct dhcp6_ldra *l = make(&cfg);
	uint8_t msg[256], pkt[512];
	struct dhcp6_udp6 u;
	size_t n, m;
	struct in6_addr a;

	UT_ASSERT(l);
	m = relay_repl(msg, "c2");
	n = punt_of(pkt, sizeof(pkt), "fe80::99", "fe80::1", 547, 547, msg,
		    m);
	UT_ASSERT(n);
	memset(&sent, 0, sizeof(sent));
	dhcp6_ldra_punt(l, 10, server_mac, client_mac, pkt, n);
	UT_ASSERT(sent.n == 1);
	UT_EXPECT(sent.ifindex == 12);
	UT_EXPECT(!memcmp(sent.f, client_mac, 6));
	/* from the port's own MAC: the module's egress hook would judge a
	 * frame from the server's as if c2 had received it */
	UT_EXPECT(!memcmp(sent.f + 6, "\x02\0\0\0\0\x0c", 6));
	UT_ASSERT(dhcp6_udp6_parse(sent.f + DHCP6_ETH_HLEN,
				   sent.len - DHCP6_ETH_HLEN, &u) ==
		  DHCP6_FRAME_OK);
	UT_EXPECT(dhcp6_udp6_csum_ok(sent.f + DHCP6_ETH_HLEN,
				     sent.len - DHCP6_ETH_HLEN));
	a = ip6("fe80::99");
	UT_EXPECT(!memcmp(&u.src, &a, 16));
	a = ip6("fe80::1");
	UT_EXPECT(!memcmp(&u.dst, &a, 16));
	UT_EXPECT(u.sport == 547 && u.dport == 546);
	UT_EXPECT(u.len == sizeof(advertise) &&
		  !memcmp(u.payload, advertise, sizeof(advertise)));
	UT_EXPECT(dhcp6_ldra_stats(l)->relayed_down == 1);

	/* a reply for no port; for c3, whose uplink is up2, off up */
	m = relay_repl(msg, "zz");
	n = punt_of(pkt, sizeof(pkt), "fe80::99", "fe80::1", 547, 547, msg,
		    m);
	dhcp6_ldra_punt(l, 10, server_mac, client_mac, pkt, n);
	m = relay_repl(msg, "c3");
	n = punt_of(pkt, sizeof(pkt), "fe80::99", "fe80::1", 547, 547, msg,
		    m);
	dhcp6_ldra_punt(l, 10, server_mac, client_mac, pkt, n);
	UT_EXPECT(sent.n == 1);
	UT_EXPECT(dhcp6_ldra_stats(l)->drop[DHCP6_RELAY_DROP_NO_IFACE] == 2);
	/* ... which its own uplink does send */
	dhcp6_ldra_punt(l, 13, server_mac, client_mac, pkt, n);
	UT_EXPECT(sent.n == 2 && sent.ifindex == 14);
	dhcp6_ldra_free(l);
	config_free(&cfg);
}

UT_CASE(refused)
{
	struct config cfg;
	struct dhcp6_ldra *l = make(&cfg);
	const struct dhcp6_ldra_stats *st;
	uint8_t msg[256], pkt[512];
	size_t n, m, k;

	UT_ASSERT(l);
	st = dhcp6_ldra_stats(l);
	memset(&sent, 0, sizeof(sent));
	/* a forged RELAY-REPL off a client port */
	m = relay_repl(msg, "c1");
	n = punt_of(pkt, sizeof(pkt), "fe80::66", "fe80::1", 547, 547, msg,
		    m);
	dhcp6_ldra_punt(l, 12, client_mac, client_mac, pkt, n);
	UT_EXPECT(st->drop[DHCP6_RELAY_DROP_REPL_UNTRUSTED] == 1);
	/* a RELAY-FORW off a client port */
	msg[0] = 12;
	dhcp6_ldra_punt(l, 12, client_mac, mcast_mac,
			pkt, punt_of(pkt, sizeof(pkt), "fe80::66",
				     "ff02::1:2", 547, 547, msg, m));
	UT_EXPECT(st->drop[DHCP6_RELAY_DROP_UNTRUSTED] == 1);
	/* a client's message off the uplink */
	n = punt_of(pkt, sizeof(pkt), "fe80::1", "ff02::1:2", 546, 547,
		    solicit, sizeof(solicit));
	dhcp6_ldra_punt(l, 10, client_mac, mcast_mac, pkt, n);
	UT_EXPECT(st->drop[DHCP6_RELAY_DROP_FORW_FROM_SERVER] == 1);
	/* no MACs, no LDRA port, not to 547 */
	dhcp6_ldra_punt(l, 11, NULL, NULL, pkt, n);
	UT_EXPECT(st->no_mac == 1);
	dhcp6_ldra_punt(l, 99, client_mac, mcast_mac, pkt, n);
	UT_EXPECT(st->not_ldra == 1);
	dhcp6_ldra_punt(l, 11, client_mac, mcast_mac, pkt,
			punt_of(pkt, sizeof(pkt), "fe80::1", "ff02::1:2", 546,
				546, solicit, sizeof(solicit)));
	UT_EXPECT(st->not_dhcp == 1);
	UT_EXPECT(sent.n == 0);

	/* every truncation of both punts: nothing sent (exact-size copies) */
	n = punt_of(pkt, sizeof(pkt), "fe80::1", "ff02::1:2", 546, 547,
		    solicit, sizeof(solicit));
	for (k = 0; k < n; k++) {
		uint8_t *c = malloc(k ? k : 1);

		UT_ASSERT(c);
		memcpy(c, pkt, k);
		dhcp6_ldra_punt(l, 11, client_mac, mcast_mac, c, k);
		free(c);
	}
	m = relay_repl(msg, "c1");
	n = punt_of(pkt, sizeof(pkt), "fe80::99", "fe80::1", 547, 547, msg,
		    m);
	for (k = 0; k < n; k++) {
		uint8_t *c = malloc(k ? k : 1);

		UT_ASSERT(c);
		memcpy(c, pkt, k);
		dhcp6_ldra_punt(l, 10, server_mac, client_mac, c, k);
		free(c);
	}
	UT_EXPECT(sent.n == 0);
	UT_EXPECT(st->relayed_up == 0 && st->relayed_down == 0);
	dhcp6_ldra_free(l);
	config_free(&cfg);
}

UT_MAIN("apedged_dhcp6_ldrapath",
	UT_ENTRY(up),
	UT_ENTRY(down),
	UT_ENTRY(refused));
