// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: the guard's decision on one frame.
 *
 * What a port's hook decides about a frame before it acts: its class
 * (classify.c), its policy class, whether the source guard drops it and
 * the port's verdict for it.  Pure: it reads the frame with
 * skb_header_pointer(), the port's struct apedge_guard and the binding
 * table under RCU, and writes nothing but its result, so that hooks.c
 * acts on it (counts, drops, snoops, punts) and the same code builds in
 * userspace against tests/fuzz/kshim, where tests/bench/kcost counts its
 * instructions per frame.
 *
 * The hooks call it only for what their inline fast path
 * (apedge_guard_ingress_none() in guard.h) does not settle: frames that
 * may be ours, odd ones, and every frame while the source guard is on.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jiffies.h>
#include <linux/socket.h>
#include <linux/udp.h>

#include "guard.h"
#include "snoop.h"

/* What an untrusted port drops of what it receives. */
static const u8 apedge_untrusted_drops[] = {
	APEDGE_POLICY_CLASS_DHCPV4_SERVER,
	APEDGE_POLICY_CLASS_DHCPV6_SERVER,
	APEDGE_POLICY_CLASS_DHCPV6_RELAY_REPL,
	APEDGE_POLICY_CLASS_ND_RA,
	APEDGE_POLICY_CLASS_ND_REDIRECT,
	APEDGE_POLICY_CLASS_MALFORMED,
};

/**
 * apedge_guard_policy - set a port's verdicts from its role
 * @g: the port's guard, not yet visible to the hooks
 * @role: enum apedge_port_role
 */
void apedge_guard_policy(struct apedge_guard *g, u32 role)
{
	int i;

	memset(g->verdict, APEDGE_VERDICT_PASS, sizeof(g->verdict));
	g->trusted = role == APEDGE_PORT_ROLE_TRUSTED;
	if (role != APEDGE_PORT_ROLE_UNTRUSTED)
		return;
	for (i = 0; i < ARRAY_SIZE(apedge_untrusted_drops); i++)
		g->verdict[apedge_untrusted_drops[i] - 1] = APEDGE_VERDICT_DROP;
}

static bool apedge_ip6_any(const u8 *a)
{
	static const u8 any[16];

	return !memcmp(a, any, sizeof(any));
}

static bool apedge_ip6_ll(const u8 *a)
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

/*
 * A DHCPv4 client's message before it has an address, exempt from the
 * guard: from 0.0.0.0 and port 68, to the limited broadcast (or a relay
 * or server the client was given, unicast) and port 67, a BOOTREQUEST
 * whose chaddr is the frame's source and whose ciaddr is 0.  Nothing
 * else a station sends is exempt: a client that has an address sends
 * from it, and it is bound; DHCPv6 clients send from their link-local
 * address.
 */
static bool apedge_sg_dhcp_client(const struct sk_buff *skb,
				  const struct apedge_cls *cls, u8 pclass)
{
	const struct iphdr *iph;
	struct iphdr _iph;

	if (pclass != APEDGE_POLICY_CLASS_DHCPV4_CLIENT ||
	    cls->proto != htons(ETH_P_IP))
		return false;
	iph = skb_header_pointer(skb, cls->l3off, sizeof(_iph), &_iph);
	if (!iph || iph->saddr || ipv4_is_multicast(iph->daddr) ||
	    ipv4_is_zeronet(iph->daddr))
		return false;
	return apedge_snoop_dhcpv4_client(skb, cls, eth_hdr(skb)->h_source);
}

/* Whether addr is bound to the port and the MAC at now; under RCU. */
static bool apedge_sg_bound(struct apedge_bindings *bt, int ifindex,
			    const struct apedge_bdom *dom, u8 family,
			    const void *addr, const u8 *mac, u64 now)
{
	struct apedge_bkey key;

	apedge_bkey_init(&key, family, addr);
	apedge_bkey_dom(&key, dom);
	return apedge_binding_match(bt, &key, ifindex, mac, now);
}

/* ND options: source and target link-layer address (RFC 4861 4.6.1). */
#define APEDGE_ND_OPT_SLLA	1
#define APEDGE_ND_OPT_TLLA	2

/* Who the link-local address is bound to, for the frame's port and MAC. */
static u8 apedge_ll_owner(struct apedge_bindings *bt, int ifindex,
			  const struct apedge_bdom *dom, const u8 *addr,
			  const u8 *mac, u64 now)
{
	struct apedge_bkey key;

	apedge_bkey_init(&key, AF_INET6, addr);
	apedge_bkey_dom(&key, dom);
	return apedge_binding_owner(bt, &key, ifindex, mac, now);
}

static void apedge_learn_set(struct apedge_learn *learn, u8 op,
			     const u8 *addr)
{
	learn->op = op;
	memcpy(learn->addr, addr, sizeof(learn->addr));
}

/* Where the IPv6 payload of the frame (an ND message's end) ends. */
static unsigned int apedge_ip6_end(const struct sk_buff *skb,
				   const struct apedge_cls *cls,
				   const struct ipv6hdr *ip6)
{
	unsigned int end = cls->l3off + sizeof(*ip6) + ntohs(ip6->payload_len);

	if (!ip6->payload_len || end > skb->len)
		return skb->len;
	return end;
}

/*
 * Whether the first source (RS, NS) or target (NA) link-layer address
 * option of an ND message, if any, is the frame's source MAC: the first
 * is the one a receiver's neighbour cache takes (ndisc_parse_options()
 * ignores a second).  A message too short for its fixed part, an option
 * of length 0 or past the end, and more than APEDGE_ND_OPTS_MAX options
 * before it, are not: receivers discard the first three anyway.
 */
static bool apedge_nd_lla_ok(const struct sk_buff *skb,
			     const struct apedge_cls *cls, u8 pclass,
			     unsigned int end, const u8 *mac)
{
	unsigned int p, n;
	u8 want, _o[8];
	const u8 *o;

	switch (pclass) {
	case APEDGE_POLICY_CLASS_ND_RS:
		/* type, code, checksum, reserved */
		p = cls->l4off + 8;
		want = APEDGE_ND_OPT_SLLA;
		break;
	case APEDGE_POLICY_CLASS_ND_NS:
		/* and the target address */
		p = cls->l4off + 24;
		want = APEDGE_ND_OPT_SLLA;
		break;
	default:
		p = cls->l4off + 24;
		want = APEDGE_ND_OPT_TLLA;
		break;
	}
	if (p > end)
		return false;
	for (n = 0; p < end; n++) {
		o = skb_header_pointer(skb, p, 2, _o);
		if (n == APEDGE_ND_OPTS_MAX || !o || !o[1] ||
		    o[1] * 8 > end - p)
			return false;
		if (o[0] == want) {
			o = skb_header_pointer(skb, p, sizeof(_o), _o);
			return o && !memcmp(o + 2, mac, ETH_ALEN);
		}
		p += o[1] * 8;
	}
	return true;
}

/*
 * The source guard on an IPv6 packet whose header is ip6: global sources
 * must be bound to the port and MAC; link-local ones (RFC 6620) must not
 * be bound to another, and are claimed by the first station whose
 * Neighbor Discovery uses them; the targets of Neighbor Advertisements
 * likewise; a DAD probe claims its target, tentatively, and one for a
 * target another station has just claimed is dropped; the link-layer
 * address options of NS, NA and RS must be the frame's source MAC.
 */
static enum apedge_sg apedge_sg_ip6(struct apedge_bindings *bt, int ifindex,
				    const struct apedge_bdom *dom,
				    const struct sk_buff *skb,
				    const struct apedge_cls *cls, u8 pclass,
				    const struct ipv6hdr *ip6, const u8 *mac,
				    u64 now, struct apedge_learn *learn)
{
	const u8 *src = ip6->saddr.s6_addr;
	u8 own = APEDGE_OWNER_NONE, town;
	unsigned int end;
	u8 _t[16];
	const u8 *t;

	if (apedge_ip6_ll(src)) {
		own = apedge_ll_owner(bt, ifindex, dom, src, mac, now);
		if (own >= APEDGE_OWNER_OTHER)
			return APEDGE_SG_DROP_LL;
	} else if (!apedge_ip6_any(src) &&
		   !apedge_sg_bound(bt, ifindex, dom, AF_INET6, src, mac, now)) {
		return APEDGE_SG_DROP_IPV6;
	}
	if (pclass != APEDGE_POLICY_CLASS_ND_RS &&
	    pclass != APEDGE_POLICY_CLASS_ND_NS &&
	    pclass != APEDGE_POLICY_CLASS_ND_NA)
		return APEDGE_SG_PASS;

	end = apedge_ip6_end(skb, cls, ip6);
	if (!apedge_nd_lla_ok(skb, cls, pclass, end, mac))
		return APEDGE_SG_DROP_LLA;

	if (pclass != APEDGE_POLICY_CLASS_ND_RS) {
		/* The target, after type..reserved; in the message. */
		t = skb_header_pointer(skb, cls->l4off + 8, 16, _t);
		if (!t)
			return APEDGE_SG_DROP_LLA;
		town = APEDGE_OWNER_NONE;
		if (apedge_ip6_ll(t))
			town = apedge_ll_owner(bt, ifindex, dom, t, mac, now);
		if (pclass == APEDGE_POLICY_CLASS_ND_NA) {
			if (town >= APEDGE_OWNER_OTHER)
				return APEDGE_SG_DROP_LL;
			if (!apedge_ip6_ll(t) && !apedge_ip6_any(t) &&
			    !apedge_sg_bound(bt, ifindex, dom, AF_INET6, t, mac,
					     now))
				return APEDGE_SG_DROP_ND;
		} else if (apedge_ip6_any(src)) {
			/* A DAD probe: its sender has no address yet. */
			if (town == APEDGE_OWNER_OTHER_TENTATIVE)
				return APEDGE_SG_DROP_LL;
			if (apedge_ip6_ll(t) && (town == APEDGE_OWNER_NONE ||
						 town == APEDGE_OWNER_SELF_OLD))
				apedge_learn_set(learn, APEDGE_SNOOP_LL_DAD, t);
			return APEDGE_SG_PASS;
		}
	}
	/* Neighbor Discovery from a link-local source: first come. */
	if (own == APEDGE_OWNER_NONE || own == APEDGE_OWNER_SELF_OLD)
		if (apedge_ip6_ll(src))
			apedge_learn_set(learn, APEDGE_SNOOP_LL, src);
	return APEDGE_SG_PASS;
}

/**
 * apedge_ll_trusted - what a trusted port's Neighbor Discovery says of
 *	link-local addresses
 * @bt: the binding table
 * @ifindex: the port's device
 * @dom: the frame's layer-2 domain, where its addresses are looked up
 * @skb: a received frame, its MAC header set
 * @cls: the classifier's result for it
 * @pclass: its policy class
 * @now: the present time, get_jiffies_64()
 * @learn: set to the claim to queue, if any
 *
 * A Router Advertisement from a link-local source binds that address to
 * the router (the port and the frame's source MAC), so that no untrusted
 * port may use it.  A Neighbor Advertisement for a link-local address a
 * station claimed by its DAD probe moments ago defends it: the station's
 * tentative claim ends.  Pure; under RCU.
 */
void apedge_ll_trusted(struct apedge_bindings *bt, int ifindex,
		       const struct apedge_bdom *dom,
		       const struct sk_buff *skb, const struct apedge_cls *cls,
		       u8 pclass, u64 now, struct apedge_learn *learn)
{
	const u8 *mac = eth_hdr(skb)->h_source;
	const struct ipv6hdr *ip6;
	struct ipv6hdr _ip6;
	u8 _t[16];
	const u8 *t;

	if (cls->proto != htons(ETH_P_IPV6))
		return;
	if (pclass == APEDGE_POLICY_CLASS_ND_RA) {
		ip6 = skb_header_pointer(skb, cls->l3off, sizeof(_ip6), &_ip6);
		/* Not from a group address: no router sends from one. */
		if (!ip6 || !apedge_ip6_ll(ip6->saddr.s6_addr) || (mac[0] & 1))
			return;
		if (apedge_ll_owner(bt, ifindex, dom, ip6->saddr.s6_addr, mac,
				    now) != APEDGE_OWNER_SELF)
			apedge_learn_set(learn, APEDGE_SNOOP_ROUTER,
					 ip6->saddr.s6_addr);
		return;
	}
	if (pclass != APEDGE_POLICY_CLASS_ND_NA)
		return;
	t = skb_header_pointer(skb, cls->l4off + 8, 16, _t);
	if (t && apedge_ip6_ll(t) &&
	    apedge_ll_owner(bt, ifindex, dom, t, mac, now) ==
	    APEDGE_OWNER_OTHER_TENTATIVE)
		apedge_learn_set(learn, APEDGE_SNOOP_LL_CONFLICT, t);
}

/* ARP over Ethernet for IPv4: hardware and protocol types and lengths. */
#define APEDGE_ARP_FIXED	8
#define APEDGE_ARP_LEN		(APEDGE_ARP_FIXED + 2 * (ETH_ALEN + 4))

/**
 * apedge_sg_check - the source guard's decision on a received frame
 * @bt: the binding table
 * @ifindex: the port's device
 * @dom: the frame's layer-2 domain, where its addresses are looked up
 * @skb: the frame, its MAC header set
 * @cls: the classifier's result for it
 * @pclass: its policy class
 * @now: the present time, get_jiffies_64()
 *
 * @learn: set to a link-local claim for the hook to queue, if any
 *
 * Whether the frame's source address (for ARP the sender's, for a
 * Neighbor Advertisement also the target) is bound to the port and the
 * frame's source MAC.  Unspecified sources pass, as do DHCPv4 client
 * messages from 0.0.0.0 (apedge_sg_dhcp_client()), but no other DHCPv4
 * from 0.0.0.0.  IPv6 link-local addresses are first come, first served
 * (apedge_sg_ip6()).  Bindings carry no VLAN: a tagged frame
 * is judged by the addresses behind its tags.
 *
 * Pure: reads the frame and the table, writes nothing but @learn.  Under
 * RCU.
 *
 * Return: APEDGE_SG_PASS, or why the frame is to be dropped.
 */
enum apedge_sg apedge_sg_check(struct apedge_bindings *bt, int ifindex,
			       const struct apedge_bdom *dom,
			       const struct sk_buff *skb,
			       const struct apedge_cls *cls, u8 pclass,
			       u64 now, struct apedge_learn *learn)
{
	const u8 *mac = eth_hdr(skb)->h_source;
	/* Room for the largest header read below: IPv6's. */
	u8 _b[sizeof(struct ipv6hdr)];
	const struct ipv6hdr *ip6;
	const struct iphdr *iph;
	const u8 *b;

	BUILD_BUG_ON(sizeof(_b) < APEDGE_ARP_LEN);
	if (apedge_sg_dhcp_client(skb, cls, pclass))
		return APEDGE_SG_PASS;

	switch (cls->proto) {
	case htons(ETH_P_IP):
		iph = skb_header_pointer(skb, cls->l3off, sizeof(*iph), _b);
		if (!iph)
			return APEDGE_SG_PASS;
		/*
		 * Unspecified: DHCP only as apedge_sg_dhcp_client() allows;
		 * anything else can draw no answer to anyone.
		 */
		if (!iph->saddr)
			return cls->class == APEDGE_CLS_DHCPV4 ?
			       APEDGE_SG_DROP_IPV4 : APEDGE_SG_PASS;
		if (apedge_sg_bound(bt, ifindex, dom, AF_INET, &iph->saddr,
				    mac, now))
			return APEDGE_SG_PASS;
		return APEDGE_SG_DROP_IPV4;
	case htons(ETH_P_ARP):
		b = skb_header_pointer(skb, cls->l3off, APEDGE_ARP_LEN, _b);
		/*
		 * What arp_process() accepts on an Ethernet device: hardware
		 * type Ethernet or IEEE 802, IPv4 over 6-byte addresses.
		 * Anything else no IPv4 stack takes as a claim.
		 */
		if (!b || b[0] != 0 ||
		    (b[1] != ARPHRD_ETHER && b[1] != ARPHRD_IEEE802) ||
		    b[2] != 0x08 || b[3] != 0x00 || b[4] != ETH_ALEN ||
		    b[5] != 4)
			return APEDGE_SG_PASS;
		/* A probe: the sender has no address yet. */
		if (!memcmp(b + APEDGE_ARP_FIXED + ETH_ALEN, "\0\0\0\0", 4))
			return APEDGE_SG_PASS;
		if (ether_addr_equal(b + APEDGE_ARP_FIXED, mac) &&
		    apedge_sg_bound(bt, ifindex, dom, AF_INET,
				    b + APEDGE_ARP_FIXED + ETH_ALEN, mac, now))
			return APEDGE_SG_PASS;
		return APEDGE_SG_DROP_ARP;
	case htons(ETH_P_IPV6):
		ip6 = skb_header_pointer(skb, cls->l3off, sizeof(*ip6), _b);
		if (!ip6)
			return APEDGE_SG_PASS;
		return apedge_sg_ip6(bt, ifindex, dom, skb, cls, pclass, ip6, mac,
				     now, learn);
	}
	return APEDGE_SG_PASS;
}

/*
 * What an untrusted port does before its policy: frames the guard cannot
 * see into are malformed unless the port allows them (RFC 7610 section
 * 5), and with verify-chaddr a DHCPv4 client message must come from its
 * chaddr.  Return: true to drop for the chaddr.
 */
static bool apedge_guard_untrusted(const struct apedge_guard *g,
				   const struct sk_buff *skb,
				   struct apedge_cls *cls)
{
	if (!READ_ONCE(g->allow_opaque))
		apedge_cls_strict(cls);
	return READ_ONCE(g->verify_chaddr) &&
	       apedge_policy_class(cls) == APEDGE_POLICY_CLASS_DHCPV4_CLIENT &&
	       !apedge_snoop_chaddr_is(skb, cls, eth_hdr(skb)->h_source);
}

/*
 * The decision on the frame whose EtherType is proto, from off on.
 * Return: whether the hook has to act on it.
 */
static bool apedge_guard_decide(const struct apedge_guard *g,
				const struct sk_buff *skb, u8 dir,
				__be16 proto, unsigned int off,
				struct apedge_decision *d)
{
	apedge_classify(skb, proto, off, &d->cls);
	d->off = off;
	d->sg = APEDGE_SG_PASS;
	d->learn.op = 0;
	if (g->untrusted && dir != APEDGE_DIRECTION_EGRESS &&
	    apedge_guard_untrusted(g, skb, &d->cls)) {
		d->pclass = apedge_policy_class(&d->cls);
		d->sg = APEDGE_SG_DROP_CHADDR;
		return true;
	}
	d->pclass = apedge_policy_class(&d->cls);
	if (dir == APEDGE_DIRECTION_EGRESS)
		goto verdict;
	if (unlikely(READ_ONCE(g->source_guard))) {
		apedge_bdom_of(g->dev, skb, &d->dom);
		d->sg = apedge_sg_check(g->bt, g->ifindex, &d->dom, skb,
					&d->cls, d->pclass, get_jiffies_64(),
					&d->learn);
		if (d->sg != APEDGE_SG_PASS)
			return true;
	}
	if (dir == APEDGE_DIRECTION_INGRESS && g->trusted &&
	    (d->pclass == APEDGE_POLICY_CLASS_ND_RA ||
	     d->pclass == APEDGE_POLICY_CLASS_ND_NA)) {
		apedge_bdom_of(g->dev, skb, &d->dom);
		apedge_ll_trusted(g->bt, g->ifindex, &d->dom, skb, &d->cls,
				  d->pclass, get_jiffies_64(), &d->learn);
	}
verdict:
	if (likely(!d->pclass))
		return false;
	d->verdict = APEDGE_VERDICT_PASS;
	if (dir != APEDGE_DIRECTION_EGRESS)
		d->verdict = READ_ONCE(g->verdict[d->pclass - 1]);
	return true;
}

/**
 * apedge_guard_ingress - the decision on a received frame
 * @g: the port's guard
 * @skb: the frame as the ingress hook has it: skb->data at the network
 *	 header, skb->protocol its type, the MAC header set
 * @d: the decision
 *
 * Under RCU (the hook's).
 *
 * Return: false for a frame to accept untouched and uncounted; true when
 * the hook is to act on @d: a source-guard drop (@d->sg), or a frame of a
 * policy class (@d->pclass) to count and apply @d->verdict to.
 */
bool apedge_guard_ingress(const struct apedge_guard *g,
			  const struct sk_buff *skb, struct apedge_decision *d)
{
	return apedge_guard_decide(g, skb, APEDGE_DIRECTION_INGRESS,
				   skb->protocol, 0, d);
}

/**
 * apedge_guard_egress - the decision on a frame leaving
 * @g: the port's guard
 * @skb: the frame as the egress hook has it: skb->data at the Ethernet
 *	 header, the MAC header set
 * @dir: APEDGE_DIRECTION_EGRESS for a frame of this host or one that
 *	 entered through a port, APEDGE_DIRECTION_FORWARD for one that
 *	 entered through none (hooks.c tells them apart)
 * @d: the decision
 *
 * A frame of this host, or one that entered through a port and was
 * guarded there, passes; the hook counts and snoops it.  A forwarded one
 * (mac80211's forwarding between the stations of one access point, or a
 * bridge's from a device that is no port) has not been guarded: it is
 * judged as if the port had received it, by the source guard and the
 * port's verdicts.  Under RCU (the hook's).
 *
 * Return: as apedge_guard_ingress().
 */
bool apedge_guard_egress(const struct apedge_guard *g,
			 const struct sk_buff *skb, u8 dir,
			 struct apedge_decision *d)
{
	const struct ethhdr *eth;
	struct ethhdr _eth;

	eth = skb_header_pointer(skb, 0, sizeof(_eth), &_eth);
	if (!eth || !eth_proto_is_802_3(eth->h_proto))
		return false;
	return apedge_guard_decide(g, skb, dir, eth->h_proto, ETH_HLEN, d);
}
