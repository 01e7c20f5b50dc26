// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: the guard, a netfilter netdev hook in each direction of each
 * port.
 *
 * A hook classifies the packet (classify.c), counts it in the port's
 * per-CPU counters and, on ingress, applies the port's verdict for its
 * policy class.  It runs under RCU, allocates nothing and never sleeps;
 * a packet that is none of ours costs a classification and nothing more.
 * The hooks sit at ingress before a bridge or the stack sees the packet,
 * and at egress in dev_queue_xmit() (on kernels built with
 * CONFIG_NETFILTER_EGRESS, as Debian's are), so both bridged and routed
 * ports are covered.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter_netdev.h>
#include <linux/rtnetlink.h>
#include <linux/udp.h>

#include "apedge.h"

/* Before nftables' netdev chains at their usual priority 0. */
#define APEDGE_HOOK_PRIORITY	-500

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
 * apedge_policy_init - set a port's verdicts from its role
 * @port: the port, not yet visible to the hooks
 */
void apedge_policy_init(struct apedge_port *port)
{
	int i;

	memset(port->verdict, APEDGE_VERDICT_PASS, sizeof(port->verdict));
	if (port->role != APEDGE_PORT_ROLE_UNTRUSTED)
		return;
	for (i = 0; i < ARRAY_SIZE(apedge_untrusted_drops); i++)
		port->verdict[apedge_untrusted_drops[i] - 1] = APEDGE_VERDICT_DROP;
}

/* An IPv6 address the source guard checks: neither :: nor link-local. */
static bool apedge_sg_ip6_checked(const u8 *a)
{
	static const u8 any[16];

	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return false;
	return memcmp(a, any, sizeof(any)) != 0;
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
			    u8 family, const void *addr, const u8 *mac, u64 now)
{
	struct apedge_bkey key;

	apedge_bkey_init(&key, family, addr);
	return apedge_binding_match(bt, &key, ifindex, mac, now);
}

/* ARP over Ethernet for IPv4: hardware and protocol types and lengths. */
#define APEDGE_ARP_FIXED	8
#define APEDGE_ARP_LEN		(APEDGE_ARP_FIXED + 2 * (ETH_ALEN + 4))

/**
 * apedge_sg_check - the source guard's decision on a received frame
 * @bt: the binding table
 * @ifindex: the port's device
 * @skb: the frame, its MAC header set
 * @cls: the classifier's result for it
 * @pclass: its policy class
 * @now: the present time, get_jiffies_64()
 *
 * Whether the frame's source address (for ARP the sender's, for a
 * Neighbor Advertisement also the target) is bound to the port and the
 * frame's source MAC.  Unspecified and link-local sources pass, as do
 * DHCPv4 client messages from 0.0.0.0 (apedge_sg_dhcp_client()).
 * Bindings carry no
 * VLAN: a tagged frame is judged by the addresses behind its tags.
 *
 * Pure: reads the frame and the table, writes nothing.  Under RCU.
 *
 * Return: APEDGE_SG_PASS, or why the frame is to be dropped.
 */
enum apedge_sg apedge_sg_check(struct apedge_bindings *bt, int ifindex,
			       const struct sk_buff *skb,
			       const struct apedge_cls *cls, u8 pclass,
			       u64 now)
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
		if (apedge_sg_bound(bt, ifindex, AF_INET, &iph->saddr, mac, now))
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
		    apedge_sg_bound(bt, ifindex, AF_INET,
				    b + APEDGE_ARP_FIXED + ETH_ALEN, mac, now))
			return APEDGE_SG_PASS;
		return APEDGE_SG_DROP_ARP;
	case htons(ETH_P_IPV6):
		ip6 = skb_header_pointer(skb, cls->l3off, sizeof(*ip6), _b);
		if (!ip6)
			return APEDGE_SG_PASS;
		if (apedge_sg_ip6_checked(ip6->saddr.s6_addr) &&
		    !apedge_sg_bound(bt, ifindex, AF_INET6, ip6->saddr.s6_addr,
				     mac, now))
			return APEDGE_SG_DROP_IPV6;
		if (pclass != APEDGE_POLICY_CLASS_ND_NA)
			return APEDGE_SG_PASS;
		/* The target of the advertisement, after type..reserved. */
		b = skb_header_pointer(skb, cls->l4off + 8, 16, _b);
		if (!b || !apedge_sg_ip6_checked(b) ||
		    apedge_sg_bound(bt, ifindex, AF_INET6, b, mac, now))
			return APEDGE_SG_PASS;
		return APEDGE_SG_DROP_ND;
	}
	return APEDGE_SG_PASS;
}

/* The source guard in a hook: decide, and count a drop by its kind. */
static bool apedge_sg_allow(struct apedge_port *port,
			    const struct sk_buff *skb,
			    const struct apedge_cls *cls, u8 pclass)
{
	static const u8 ctr[] = {
		[APEDGE_SG_DROP_IPV4] = APEDGE_CTR_SG_IPV4,
		[APEDGE_SG_DROP_IPV6] = APEDGE_CTR_SG_IPV6,
		[APEDGE_SG_DROP_ARP] = APEDGE_CTR_SG_ARP,
		[APEDGE_SG_DROP_ND] = APEDGE_CTR_SG_ND,
	};
	enum apedge_sg r;

	r = apedge_sg_check(port->an->bt, port->dev->ifindex, skb, cls,
			    pclass, get_jiffies_64());
	if (likely(r == APEDGE_SG_PASS))
		return true;
	apedge_count(port, ctr[r]);
	return false;
}

/* DHCP messages that make or end bindings, on an untrusted port. */
static void apedge_hook_snoop(struct apedge_port *port, struct sk_buff *skb,
			      const struct apedge_cls *cls, u8 dir, u8 pclass)
{
	u8 _mac[ETH_ALEN];
	const u8 *mac;

	if (dir == APEDGE_DIRECTION_EGRESS) {
		/* A server's message leaving: the port is the client's. */
		if (pclass != APEDGE_POLICY_CLASS_DHCPV4_SERVER &&
		    pclass != APEDGE_POLICY_CLASS_DHCPV6_SERVER)
			return;
		mac = skb_header_pointer(skb, 0, ETH_ALEN, _mac);
	} else {
		/* A client's REQUEST, RELEASE or DECLINE arriving. */
		if (pclass != APEDGE_POLICY_CLASS_DHCPV4_CLIENT &&
		    pclass != APEDGE_POLICY_CLASS_DHCPV6_CLIENT)
			return;
		mac = eth_hdr(skb)->h_source;
	}
	apedge_snoop(port, skb, cls, mac, dir);
}

/*
 * What an untrusted port does before its policy: frames the guard cannot
 * see into are malformed unless the port allows them, and with
 * verify-chaddr a DHCPv4 client message must come from its chaddr.
 * Return: false to drop.
 */
static bool apedge_hook_untrusted(struct apedge_port *port,
				  const struct sk_buff *skb,
				  struct apedge_cls *cls)
{
	if (!READ_ONCE(port->allow_opaque))
		apedge_cls_strict(cls);
	if (READ_ONCE(port->verify_chaddr) &&
	    apedge_policy_class(cls) == APEDGE_POLICY_CLASS_DHCPV4_CLIENT &&
	    !apedge_snoop_chaddr_is(skb, cls, eth_hdr(skb)->h_source)) {
		apedge_count(port, APEDGE_CTR_DHCP_CHADDR);
		return false;
	}
	return true;
}

static unsigned int apedge_hook(struct apedge_port *port, struct sk_buff *skb,
				u8 dir, __be16 proto, unsigned int off)
{
	struct apedge_cls cls;
	u8 pclass, verdict;

	apedge_classify(skb, proto, off, &cls);
	if (port->role == APEDGE_PORT_ROLE_UNTRUSTED &&
	    dir == APEDGE_DIRECTION_INGRESS &&
	    !apedge_hook_untrusted(port, skb, &cls))
		return NF_DROP;
	pclass = apedge_policy_class(&cls);
	if (unlikely(READ_ONCE(port->source_guard)) &&
	    dir == APEDGE_DIRECTION_INGRESS &&
	    !apedge_sg_allow(port, skb, &cls, pclass))
		return NF_DROP;
	if (likely(!pclass))
		return NF_ACCEPT;

	verdict = APEDGE_VERDICT_PASS;
	if (dir == APEDGE_DIRECTION_INGRESS)
		verdict = READ_ONCE(port->verdict[pclass - 1]);
	apedge_count_pkt(port, dir, pclass, verdict, cls.reason);
	if (port->role == APEDGE_PORT_ROLE_UNTRUSTED &&
	    verdict != APEDGE_VERDICT_DROP)
		apedge_hook_snoop(port, skb, &cls, dir, pclass);

	switch (verdict) {
	case APEDGE_VERDICT_DROP:
		return NF_DROP;
	case APEDGE_VERDICT_COPY:
		apedge_punt(port, skb, off, dir, pclass, verdict);
		return NF_ACCEPT;
	case APEDGE_VERDICT_REDIRECT:
		/* The copy in the ring is the packet now; over the rate, gone. */
		apedge_punt(port, skb, off, dir, pclass, verdict);
		return NF_DROP;
	}
	return NF_ACCEPT;
}

/* Ingress: skb->data is at the network header, skb->protocol its type. */
static unsigned int apedge_hook_ingress(void *priv, struct sk_buff *skb,
					const struct nf_hook_state *state)
{
	return apedge_hook(priv, skb, APEDGE_DIRECTION_INGRESS,
			   skb->protocol, 0);
}

/* Egress: skb->data is at the Ethernet header. */
static unsigned int __maybe_unused
apedge_hook_egress(void *priv, struct sk_buff *skb,
		   const struct nf_hook_state *state)
{
	const struct ethhdr *eth;
	struct ethhdr _eth;

	eth = skb_header_pointer(skb, 0, sizeof(_eth), &_eth);
	if (!eth || !eth_proto_is_802_3(eth->h_proto))
		return NF_ACCEPT;
	return apedge_hook(priv, skb, APEDGE_DIRECTION_EGRESS, eth->h_proto,
			   ETH_HLEN);
}

#if IS_ENABLED(CONFIG_APEDGE_KUNIT_TEST)
void (*apedge_test_hooked)(struct apedge_port *port, enum nf_dev_hooks num);
#endif

/**
 * apedge_hooks_register - start guarding a port
 * @port: the port
 * @extack: for error messages
 *
 * The ingress hook goes first.  On failure the hooks registered so far
 * stay, and are live: the caller unregisters them and waits for the
 * packets in them (apedge_port_unhook()) before it frees the port.
 * Process context, RTNL held.
 */
int apedge_hooks_register(struct apedge_port *port,
			  struct netlink_ext_ack *extack)
{
	static const struct {
		nf_hookfn *fn;
		enum nf_dev_hooks num;
	} hook[] = {
		{ apedge_hook_ingress, NF_NETDEV_INGRESS },
#if IS_ENABLED(CONFIG_NETFILTER_EGRESS)
		{ apedge_hook_egress, NF_NETDEV_EGRESS },
#endif
	};
	struct net *net = dev_net(port->dev);
	int i, err;

	for (i = 0; i < ARRAY_SIZE(hook); i++) {
		struct nf_hook_ops *ops = &port->hooks[i];

		ops->hook = hook[i].fn;
		ops->pf = NFPROTO_NETDEV;
		ops->hooknum = hook[i].num;
		ops->priority = APEDGE_HOOK_PRIORITY;
		ops->dev = port->dev;
		ops->priv = port;
		err = nf_register_net_hook(net, ops);
		if (err) {
			NL_SET_ERR_MSG(extack, "cannot hook the device");
			return err;
		}
		port->nhooks++;
#if IS_ENABLED(CONFIG_APEDGE_KUNIT_TEST)
		/* A test sends packets through the hook before the next. */
		if (apedge_test_hooked)
			apedge_test_hooked(port, hook[i].num);
#endif
	}
	return 0;
}

/*
 * Unregister the hooks that are registered.  Hooks in flight may still
 * run until a grace period has passed.
 */
void apedge_hooks_unregister(struct apedge_port *port)
{
	struct net *net = dev_net(port->dev);

	while (port->nhooks)
		nf_unregister_net_hook(net, &port->hooks[--port->nhooks]);
}
