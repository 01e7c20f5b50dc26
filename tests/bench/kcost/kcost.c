// SPDX-License-Identifier: GPL-2.0
/*
 * kcost: run frames of one kind through the guard's per-frame decision
 * (kmod/guard.c, kmod/classify.c: the code the module's hooks run), built
 * in userspace against tests/fuzz/kshim with the kernel's -O2, for
 * tests/bench/kcost.sh to count the instructions per frame under
 * callgrind.
 *
 *   kcost -l            the kinds, one a line: NAME TARGET DESCRIPTION
 *                       (TARGET 1: held to the non-matching target)
 *   kcost KIND N        check the decision on each of KIND's frames, then
 *                       run N frames through the hook in kcost_run()
 *
 * A kind is 16 prebuilt Ethernet frames (different sources and ports),
 * cycled.  The hook is what kmod/hooks.c's are: the inline fast path
 * (apedge_guard_ingress_none(), _egress_none()), then for what it does
 * not settle the full decision, apedge_guard_ingress() (or _egress()),
 * and only when that says so, the action.  The action here
 * counts in a plain array and returns the verdict; the kernel's also
 * counts per CPU, snoops DHCP on untrusted ports and punts, which kcost
 * does not measure.  "detached" calls a hook that returns at once: the
 * port without apedge, the baseline the others are read against.
 *
 * kcost checks each kind's decision (policy class, verdict, source guard)
 * before it measures, and exits 1 when one is not what the kind says:
 * a figure for the wrong path is no figure.
 */
#include <stdio.h>
#include <stdlib.h>

#include "kcost.h"

#define NF_DROP		0
#define NF_ACCEPT	1

#define FRAMES		16
#define FRAME_MAX	600
#define IFX		7
/* Bindings besides the frames' own, so that the table is not empty. */
#define FILLER		1000

enum { IN = APEDGE_DIRECTION_INGRESS, OUT = APEDGE_DIRECTION_EGRESS };

struct kc_port {
	struct apedge_guard guard;
	u32 role;
	u64 pkt[OUT + 1][APEDGE_PCLASS_MAX + 1][APEDGE_VERDICT_REDIRECT + 1];
	u64 sg_drops;
};

typedef unsigned int (*kc_hook)(struct kc_port *port, struct sk_buff *skb);

static u8 frames[FRAMES][FRAME_MAX];
static struct sk_buff skbs[FRAMES];

/* Addresses: frame i comes from station i, 02:00:5e:00:53:(0x10 + i). */
static void sta_mac(u8 *m, int i)
{
	static const u8 base[ETH_ALEN] = { 0x02, 0x00, 0x5e, 0x00, 0x53, 0x10 };

	memcpy(m, base, ETH_ALEN);
	m[5] += i;
}

/* 192.0.2.(16 + i) */
static void sta_ip4(u8 *a, int i)
{
	a[0] = 192;
	a[1] = 0;
	a[2] = 2;
	a[3] = 16 + i;
}

/* 2001:db8::(16 + i), or fe80::(16 + i) */
static void sta_ip6(u8 *a, int i, bool ll)
{
	memset(a, 0, 16);
	a[0] = ll ? 0xfe : 0x20;
	a[1] = ll ? 0x80 : 0x01;
	if (!ll) {
		a[2] = 0x0d;
		a[3] = 0xb8;
	}
	a[15] = 16 + i;
}

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* The Ethernet header; returns its length. */
static unsigned int eth(u8 *p, int i, const u8 *dst, u16 proto)
{
	memcpy(p, dst, ETH_ALEN);
	sta_mac(p + ETH_ALEN, i);
	put16(p + 12, proto);
	return ETH_HLEN;
}

static const u8 mac_ap[ETH_ALEN] = { 0x02, 0x00, 0x5e, 0x00, 0x53, 0x01 };
static const u8 mac_bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 mac_ip6mc[ETH_ALEN] = { 0x33, 0x33, 0x00, 0x00, 0x00, 0x02 };

/* An IPv4 header of a packet of payload bytes; returns its length. */
static unsigned int ip4(u8 *p, const u8 *src, const u8 *dst, u8 proto,
			unsigned int payload)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	put16(p + 2, 20 + payload);
	p[8] = 64;
	p[9] = proto;
	memcpy(p + 12, src, 4);
	memcpy(p + 16, dst, 4);
	return 20;
}

static unsigned int ip6(u8 *p, const u8 *src, const u8 *dst, u8 nexthdr,
			unsigned int payload)
{
	memset(p, 0, 40);
	p[0] = 0x60;
	put16(p + 4, payload);
	p[6] = nexthdr;
	p[7] = 255;
	memcpy(p + 8, src, 16);
	memcpy(p + 24, dst, 16);
	return 40;
}

static unsigned int udp(u8 *p, u16 sport, u16 dport, unsigned int payload)
{
	put16(p, sport);
	put16(p + 2, dport);
	put16(p + 4, 8 + payload);
	put16(p + 6, 0);
	return 8;
}

static unsigned int tcp(u8 *p, u16 sport, u16 dport)
{
	memset(p, 0, 20);
	put16(p, sport);
	put16(p + 2, dport);
	p[12] = 0x50;
	p[13] = 0x10;		/* ACK */
	put16(p + 14, 512);
	return 20;
}

/* Frame builders: write frame i into p; return its length. */

#define PAYLOAD	258	/* pktgen's 300-byte frames of tests/bench/guard.sh */

static unsigned int f_ip4_udp(u8 *p, int i)
{
	static const u8 dst[4] = { 192, 0, 2, 2 };
	u8 src[4];
	unsigned int n;

	sta_ip4(src, i);
	n = eth(p, i, mac_ap, ETH_P_IP);
	n += ip4(p + n, src, dst, IPPROTO_UDP, 8 + PAYLOAD);
	n += udp(p + n, 4000 + i, 9, PAYLOAD);
	memset(p + n, 0x5a, PAYLOAD);
	return n + PAYLOAD;
}

static unsigned int f_ip4_tcp(u8 *p, int i)
{
	static const u8 dst[4] = { 192, 0, 2, 2 };
	u8 src[4];
	unsigned int n;

	sta_ip4(src, i);
	n = eth(p, i, mac_ap, ETH_P_IP);
	n += ip4(p + n, src, dst, 6, 20 + PAYLOAD);
	n += tcp(p + n, 40000 + i, 443);
	memset(p + n, 0x5a, PAYLOAD);
	return n + PAYLOAD;
}

static unsigned int f_ip6_udp(u8 *p, int i)
{
	u8 src[16], dst[16];
	unsigned int n;

	sta_ip6(src, i, false);
	sta_ip6(dst, -14, false);	/* 2001:db8::2 */
	n = eth(p, i, mac_ap, ETH_P_IPV6);
	n += ip6(p + n, src, dst, IPPROTO_UDP, 8 + PAYLOAD);
	n += udp(p + n, 4000 + i, 9, PAYLOAD);
	memset(p + n, 0x5a, PAYLOAD);
	return n + PAYLOAD;
}

static unsigned int f_ip6_tcp(u8 *p, int i)
{
	u8 src[16], dst[16];
	unsigned int n;

	sta_ip6(src, i, false);
	sta_ip6(dst, -14, false);
	n = eth(p, i, mac_ap, ETH_P_IPV6);
	n += ip6(p + n, src, dst, 6, 20 + PAYLOAD);
	n += tcp(p + n, 40000 + i, 443);
	memset(p + n, 0x5a, PAYLOAD);
	return n + PAYLOAD;
}

/* An ARP request from station i for 192.0.2.1. */
static unsigned int f_arp(u8 *p, int i)
{
	static const u8 fixed[8] = { 0, 1, 8, 0, 6, 4, 0, 1 };
	unsigned int n;

	n = eth(p, i, mac_bcast, ETH_P_ARP);
	memcpy(p + n, fixed, 8);
	sta_mac(p + n + 8, i);
	sta_ip4(p + n + 14, i);
	memset(p + n + 18, 0, 6);
	p[n + 24] = 192;
	p[n + 25] = 0;
	p[n + 26] = 2;
	p[n + 27] = 1;
	return n + 28;
}

/* A BOOTP message: op, then DHCP options in opts. */
static unsigned int bootp(u8 *p, int i, u8 op, const u8 *opts,
			  unsigned int optlen)
{
	memset(p, 0, 236);
	p[0] = op;
	p[1] = 1;
	p[2] = ETH_ALEN;
	p[4] = 0x3c;
	p[7] = i;			/* xid */
	sta_mac(p + 28, i);		/* chaddr */
	p[236] = 0x63;
	p[237] = 0x82;
	p[238] = 0x53;
	p[239] = 0x63;
	memcpy(p + 240, opts, optlen);
	return 240 + optlen;
}

/* DISCOVER from 0.0.0.0:68 to 255.255.255.255:67. */
static unsigned int f_dhcp4_client(u8 *p, int i)
{
	static const u8 opts[] = {
		53, 1, 1,			/* DISCOVER */
		61, 7, 1, 2, 0, 0x5e, 0, 0x53, 0x10,
		55, 4, 1, 3, 6, 15,
		255,
	};
	static const u8 any[4], bcast[4] = { 255, 255, 255, 255 };
	unsigned int n, m;

	n = eth(p, i, mac_bcast, ETH_P_IP);
	m = bootp(p + n + 28, i, 1, opts, sizeof(opts));
	n += ip4(p + n, any, bcast, IPPROTO_UDP, 8 + m);
	n += udp(p + n, 68, 67, m);
	return n + m;
}

/* OFFER from a rogue server on the station's side: 67 to 68. */
static unsigned int f_dhcp4_server(u8 *p, int i)
{
	static const u8 opts[] = {
		53, 1, 2,			/* OFFER */
		54, 4, 192, 0, 2, 66,
		51, 4, 0, 0, 0x0e, 0x10,
		1, 4, 255, 255, 255, 0,
		3, 4, 192, 0, 2, 66,
		255,
	};
	static const u8 bcast[4] = { 255, 255, 255, 255 };
	u8 src[4];
	unsigned int n, m;

	sta_ip4(src, i);
	n = eth(p, i, mac_bcast, ETH_P_IP);
	m = bootp(p + n + 28, i, 2, opts, sizeof(opts));
	n += ip4(p + n, src, bcast, IPPROTO_UDP, 8 + m);
	n += udp(p + n, 67, 68, m);
	return n + m;
}

/* A DHCPv6 message of type from fe80::(16 + i), sport to dport. */
static unsigned int dhcp6(u8 *p, int i, u8 type, u16 sport, u16 dport)
{
	static const u8 body[] = {
		0, 1, 0, 10, 0, 3, 0, 1, 2, 0, 0x5e, 0, 0x53, 0x10, /* DUID */
		0, 3, 0, 12, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,     /* IA_NA */
		0, 8, 0, 2, 0, 0,				      /* elapsed */
	};
	static const u8 dst[16] = { 0xff, 0x02, [13] = 1, [15] = 2 };
	u8 src[16];
	unsigned int n, m = 4 + sizeof(body);

	sta_ip6(src, i, true);
	n = eth(p, i, mac_ip6mc, ETH_P_IPV6);
	n += ip6(p + n, src, dst, IPPROTO_UDP, 8 + m);
	n += udp(p + n, sport, dport, m);
	p[n] = type;
	p[n + 1] = 0;
	p[n + 2] = 0x12;
	p[n + 3] = i;
	memcpy(p + n + 4, body, sizeof(body));
	return n + m;
}

static unsigned int f_dhcp6_client(u8 *p, int i)
{
	return dhcp6(p, i, 1, 546, 547);	/* SOLICIT */
}

static unsigned int f_dhcp6_server(u8 *p, int i)
{
	return dhcp6(p, i, 2, 547, 546);	/* ADVERTISE */
}

/*
 * ICMPv6 of type with body from src (link-local unless global), to the
 * all-routers or all-nodes group, or to the solicited-node group.
 */
static unsigned int icmp6(u8 *p, int i, bool global, const u8 *dst, u8 type,
			  const u8 *body, unsigned int blen)
{
	u8 src[16];
	unsigned int n;

	sta_ip6(src, i, !global);
	n = eth(p, i, mac_ip6mc, ETH_P_IPV6);
	n += ip6(p + n, src, dst, IPPROTO_ICMPV6, 4 + blen);
	p[n] = type;
	p[n + 1] = 0;
	p[n + 2] = 0;
	p[n + 3] = 0;
	memcpy(p + n + 4, body, blen);
	return n + 4 + blen;
}

static const u8 all_routers[16] = { 0xff, 0x02, [15] = 2 };
static const u8 all_nodes[16] = { 0xff, 0x02, [15] = 1 };

static unsigned int f_nd_rs(u8 *p, int i)
{
	u8 b[12] = { 0, 0, 0, 0, 1, 1 };

	sta_mac(b + 6, i);
	return icmp6(p, i, false, all_routers, 133, b, sizeof(b));
}

static unsigned int f_nd_ra(u8 *p, int i)
{
	u8 b[52] = { 64, 0, 0x07, 0x08, [12] = 1, 1 };

	sta_mac(b + 14, i);
	b[20] = 3;		/* a prefix information option */
	b[21] = 4;
	b[22] = 64;
	b[23] = 0xc0;
	memset(b + 24, 0xff, 8);
	sta_ip6(b + 36, 0, false);
	return icmp6(p, i, false, all_nodes, 134, b, sizeof(b));
}

static unsigned int f_nd_ns(u8 *p, int i)
{
	u8 b[28] = { 0 };
	u8 dst[16] = { 0xff, 0x02, [11] = 1, 0xff, 0, 0, 2 };

	sta_ip6(b + 4, -14, false);	/* target 2001:db8::2 */
	b[20] = 1;
	b[21] = 1;
	sta_mac(b + 22, i);
	return icmp6(p, i, true, dst, 135, b, sizeof(b));
}

/* An unsolicited NA from a station's global address for itself. */
static unsigned int f_nd_na(u8 *p, int i)
{
	u8 b[28] = { 0x20 };	/* override */

	sta_ip6(b + 4, i, false);
	b[20] = 2;
	b[21] = 1;
	sta_mac(b + 22, i);
	return icmp6(p, i, true, all_nodes, 136, b, sizeof(b));
}

/* Spoofed: station i claims station i + 1's address. */
static unsigned int f_ip4_spoof(u8 *p, int i)
{
	unsigned int n = f_ip4_udp(p, i);

	p[ETH_HLEN + 15] += 1;
	return n;
}

struct kc_kind {
	const char *name;
	unsigned int (*build)(u8 *p, int i);
	u8 dir;
	u32 role;
	bool sg;
	bool target;		/* non-matching: held to the target */
	bool detached;
	u8 pclass;		/* expected */
	u8 verdict;		/* expected, when pclass */
	u8 sgr;			/* expected enum apedge_sg */
	const char *what;
};

#define U APEDGE_PORT_ROLE_UNTRUSTED
#define PC(x) APEDGE_POLICY_CLASS_##x
#define PASS APEDGE_VERDICT_PASS
#define DROP APEDGE_VERDICT_DROP

static const struct kc_kind kinds[] = {
	{ "detached", f_ip4_udp, IN, U, .detached = true,
	  .what = "no hook: the baseline (IPv4 UDP frames)" },
	{ "ipv4-udp", f_ip4_udp, IN, U, .target = true,
	  .what = "IPv4 UDP 4000 -> 9" },
	{ "ipv4-tcp", f_ip4_tcp, IN, U, .target = true,
	  .what = "IPv4 TCP -> 443" },
	{ "ipv6-udp", f_ip6_udp, IN, U, .target = true,
	  .what = "IPv6 UDP 4000 -> 9" },
	{ "ipv6-tcp", f_ip6_tcp, IN, U, .target = true,
	  .what = "IPv6 TCP -> 443" },
	{ "arp", f_arp, IN, U, .target = true, .what = "ARP request" },
	{ "ipv4-udp-egress", f_ip4_udp, OUT, U, .target = true,
	  .what = "IPv4 UDP 4000 -> 9, leaving" },
	{ "ipv6-tcp-egress", f_ip6_tcp, OUT, U, .target = true,
	  .what = "IPv6 TCP -> 443, leaving" },
	{ "dhcpv4-client", f_dhcp4_client, IN, U, .pclass = PC(DHCPV4_CLIENT),
	  .verdict = PASS, .what = "DISCOVER 68 -> 67" },
	{ "dhcpv4-server", f_dhcp4_server, IN, U, .pclass = PC(DHCPV4_SERVER),
	  .verdict = DROP, .what = "OFFER 67 -> 68, dropped (untrusted)" },
	{ "dhcpv6-client", f_dhcp6_client, IN, U, .pclass = PC(DHCPV6_CLIENT),
	  .verdict = PASS, .what = "SOLICIT 546 -> 547" },
	{ "dhcpv6-server", f_dhcp6_server, IN, U, .pclass = PC(DHCPV6_SERVER),
	  .verdict = DROP, .what = "ADVERTISE 547 -> 546, dropped (untrusted)" },
	{ "nd-rs", f_nd_rs, IN, U, .pclass = PC(ND_RS), .verdict = PASS,
	  .what = "Router Solicitation" },
	{ "nd-ra", f_nd_ra, IN, U, .pclass = PC(ND_RA), .verdict = DROP,
	  .what = "Router Advertisement, dropped (untrusted)" },
	{ "nd-ns", f_nd_ns, IN, U, .pclass = PC(ND_NS), .verdict = PASS,
	  .what = "Neighbor Solicitation" },
	{ "nd-na", f_nd_na, IN, U, .pclass = PC(ND_NA), .verdict = PASS,
	  .what = "Neighbor Advertisement" },
	{ "sg-ipv4-udp", f_ip4_udp, IN, U, .sg = true,
	  .what = "source guard: IPv4 UDP, source bound" },
	{ "sg-ipv6-udp", f_ip6_udp, IN, U, .sg = true,
	  .what = "source guard: IPv6 UDP, source bound" },
	{ "sg-arp", f_arp, IN, U, .sg = true,
	  .what = "source guard: ARP request, sender bound" },
	{ "sg-ipv4-spoof", f_ip4_spoof, IN, U, .sg = true,
	  .sgr = APEDGE_SG_DROP_IPV4,
	  .what = "source guard: IPv4 UDP, source not bound: dropped" },
	{ "sg-dhcpv4-client", f_dhcp4_client, IN, U, .sg = true,
	  .pclass = PC(DHCPV4_CLIENT), .verdict = PASS,
	  .what = "source guard: DISCOVER from 0.0.0.0 (exempt)" },
	{ "sg-nd-na", f_nd_na, IN, U, .sg = true, .pclass = PC(ND_NA),
	  .verdict = PASS,
	  .what = "source guard: NA, source and target bound" },
};

/* The stand-in for hooks.c's apedge_hook_act(): count, apply. */
static unsigned int kc_act(struct kc_port *port, u8 dir,
			   const struct apedge_decision *d)
{
	if (d->sg != APEDGE_SG_PASS) {
		port->sg_drops++;
		return NF_DROP;
	}
	port->pkt[dir][d->pclass][d->verdict]++;
	switch (d->verdict) {
	case APEDGE_VERDICT_DROP:
	case APEDGE_VERDICT_REDIRECT:
		return NF_DROP;
	}
	return NF_ACCEPT;
}

/* hooks.c's apedge_hook_slow(): the full decision, then the action. */
__attribute__((noinline))
static unsigned int kc_hook_slow(struct kc_port *port, struct sk_buff *skb,
				 u8 dir)
{
	struct apedge_decision d;
	bool act;

	if (dir == IN)
		act = apedge_guard_ingress(&port->guard, skb, &d);
	else
		act = apedge_guard_egress(&port->guard, skb, &d);
	if (likely(!act))
		return NF_ACCEPT;
	return kc_act(port, dir, &d);
}

/* hooks.c's apedge_hook_ingress() and apedge_hook_egress(), line for line. */
__attribute__((noinline))
static unsigned int kc_hook_ingress(struct kc_port *port, struct sk_buff *skb)
{
	if (likely(apedge_guard_ingress_none(&port->guard, skb)))
		return NF_ACCEPT;
	return kc_hook_slow(port, skb, IN);
}

__attribute__((noinline))
static unsigned int kc_hook_egress(struct kc_port *port, struct sk_buff *skb)
{
	if (likely(apedge_guard_egress_none(skb)))
		return NF_ACCEPT;
	return kc_hook_slow(port, skb, OUT);
}

/* No apedge on the port: what is left is the loop and the call. */
__attribute__((noinline))
static unsigned int kc_hook_detached(struct kc_port *port, struct sk_buff *skb)
{
	return NF_ACCEPT;
}

/* What callgrind counts (--toggle-collect=kcost_run). */
__attribute__((noinline))
unsigned int kcost_run(kc_hook hook, struct kc_port *port, unsigned long n);
unsigned int kcost_run(kc_hook hook, struct kc_port *port, unsigned long n)
{
	unsigned int accepted = 0;
	unsigned long i;

	for (i = 0; i < n; i++)
		accepted += hook(port, &skbs[i % FRAMES]);
	return accepted;
}

static void setup(const struct kc_kind *k, struct kc_port *port)
{
	u8 mac[ETH_ALEN], a[16];
	unsigned int len;
	int i;

	memset(port, 0, sizeof(*port));
	port->role = k->role;
	apedge_guard_policy(&port->guard, k->role);
	port->guard.source_guard = k->sg;
	port->guard.untrusted = k->role == APEDGE_PORT_ROLE_UNTRUSTED;
	port->guard.ifindex = IFX;
	port->guard.bt = kc_bindings_new();
	for (i = 0; i < FRAMES; i++) {
		sta_mac(mac, i);
		sta_ip4(a, i);
		kc_bind(port->guard.bt, AF_INET, a, mac, IFX);
		sta_ip6(a, i, false);
		kc_bind(port->guard.bt, AF_INET6, a, mac, IFX);
	}
	for (i = 0; i < FILLER; i++) {
		mac[5] = i;
		a[0] = 198;
		a[1] = 51;
		a[2] = i >> 8;
		a[3] = i;
		kc_bind(port->guard.bt, AF_INET, a, mac, IFX + 1);
	}

	for (i = 0; i < FRAMES; i++) {
		len = k->build(frames[i], i);
		if (len > FRAME_MAX)
			abort();
		skbs[i].mac_header = frames[i];
		if (k->dir == OUT) {
			skbs[i].data = frames[i];
			skbs[i].len = len;
		} else {
			skbs[i].data = frames[i] + ETH_HLEN;
			skbs[i].len = len - ETH_HLEN;
			memcpy(&skbs[i].protocol, frames[i] + 12, 2);
		}
	}
}

/* Every frame the port counted. */
static u64 kc_counted(const struct kc_port *port)
{
	const u64 *c = &port->pkt[0][0][0];
	u64 sum = 0;
	size_t i;

	for (i = 0; i < sizeof(port->pkt) / sizeof(*c); i++)
		sum += c[i];
	return sum;
}

/*
 * Whether the guard decides on each frame what the kind says it does,
 * and the hook, fast path first, returns what that decision means.
 */
static bool check(const struct kc_kind *k, struct kc_port *port, kc_hook hook)
{
	struct apedge_decision d;
	bool act, ok = true;
	unsigned int want;
	int i;

	if (k->detached)
		return true;
	want = k->sgr || (k->pclass && k->verdict == APEDGE_VERDICT_DROP) ?
	       NF_DROP : NF_ACCEPT;
	for (i = 0; i < FRAMES; i++) {
		if (hook(port, &skbs[i]) != want) {
			fprintf(stderr, "kcost: %s frame %d: the hook does not return %s\n",
				k->name, i, want == NF_DROP ? "drop" : "accept");
			ok = false;
		}
	}
	/*
	 * And it acted on each: counted it, or dropped it for its source;
	 * or on none, for frames that are none of ours.
	 */
	if (port->sg_drops != (k->sgr ? FRAMES : 0) ||
	    kc_counted(port) != (k->pclass && !k->sgr ? FRAMES : 0) ||
	    (k->pclass && !k->sgr &&
	     port->pkt[k->dir][k->pclass][k->verdict] != FRAMES)) {
		fprintf(stderr, "kcost: %s: the hook did not count each frame\n",
			k->name);
		ok = false;
	}
	for (i = 0; i < FRAMES; i++) {
		memset(&d, 0, sizeof(d));
		act = k->dir == OUT ?
		      apedge_guard_egress(&port->guard, &skbs[i], &d) :
		      apedge_guard_ingress(&port->guard, &skbs[i], &d);
		if (act != (k->pclass || k->sgr) || d.sg != k->sgr ||
		    (!d.sg && d.pclass != k->pclass) ||
		    (k->pclass && !d.sg && d.verdict != k->verdict)) {
			fprintf(stderr,
				"kcost: %s frame %d: act %d pclass %u verdict %u sg %u reason %u, want act %d pclass %u verdict %u sg %u\n",
				k->name, i, act, d.pclass, d.verdict, d.sg,
				d.cls.reason, k->pclass || k->sgr, k->pclass,
				k->verdict, k->sgr);
			ok = false;
		}
	}
	return ok;
}

int main(int argc, char **argv)
{
	const struct kc_kind *k = NULL;
	struct kc_port *port;
	unsigned long n;
	unsigned int i;
	kc_hook hook;

	if (argc == 2 && !strcmp(argv[1], "-l")) {
		for (i = 0; i < ARRAY_SIZE(kinds); i++)
			printf("%s %d %s\n", kinds[i].name, kinds[i].target,
			       kinds[i].what);
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: kcost -l | kcost KIND N\n");
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(argv[1], kinds[i].name))
			k = &kinds[i];
	if (!k) {
		fprintf(stderr, "kcost: no kind %s (kcost -l)\n", argv[1]);
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);

	port = calloc(1, sizeof(*port));
	if (!port)
		abort();
	hook = k->detached ? kc_hook_detached :
	       k->dir == OUT ? kc_hook_egress : kc_hook_ingress;
	setup(k, port);
	if (!check(k, port, hook))
		return 1;
	i = kcost_run(hook, port, n);
	printf("%s %lu frames, %u accepted\n", k->name, n, i);
	return 0;
}
