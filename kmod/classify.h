/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedge: the packet classifier.  See classify.c.
 */
#ifndef _APEDGE_CLASSIFY_H
#define _APEDGE_CLASSIFY_H

#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <linux/udp.h>

#include <linux/apedge.h>

/* What a frame is, as far as apedge cares. */
enum apedge_cls_class {
	APEDGE_CLS_OTHER,	/* none of ours: pass untouched */
	APEDGE_CLS_DHCPV4,	/* type: option 53, or 0 for plain BOOTP */
	APEDGE_CLS_DHCPV6,	/* type: msg-type (RFC 8415) */
	APEDGE_CLS_ND,		/* type: ICMPv6 type 133..137 */
	APEDGE_CLS_MALFORMED,	/* reason: enum apedge_cls_bad */
};

/* Why a frame is malformed: the family's enum apedge_malformed_reason. */
enum apedge_cls_bad {
	APEDGE_BAD_NONE,
	APEDGE_BAD_VLAN = APEDGE_MALFORMED_REASON_VLAN,
	APEDGE_BAD_IP4 = APEDGE_MALFORMED_REASON_IP4,
	APEDGE_BAD_IP6 = APEDGE_MALFORMED_REASON_IP6,
	APEDGE_BAD_EXTHDR = APEDGE_MALFORMED_REASON_EXTHDR,
	APEDGE_BAD_EXTHDR_LIMIT = APEDGE_MALFORMED_REASON_EXTHDR_LIMIT,
	APEDGE_BAD_FRAG_NOL4 = APEDGE_MALFORMED_REASON_FRAG_NOL4,
	APEDGE_BAD_UDP = APEDGE_MALFORMED_REASON_UDP,
	APEDGE_BAD_DHCPV4 = APEDGE_MALFORMED_REASON_DHCPV4,
	APEDGE_BAD_DHCPV6 = APEDGE_MALFORMED_REASON_DHCPV6,
	APEDGE_BAD_ICMPV6 = APEDGE_MALFORMED_REASON_ICMPV6,
	/* Opaque frames (APEDGE_CLSF_OPAQUE), malformed on strict ports. */
	APEDGE_BAD_VLAN_TAG = APEDGE_MALFORMED_REASON_VLAN_TAG,
	APEDGE_BAD_NEXTHDR = APEDGE_MALFORMED_REASON_NEXTHDR,
	APEDGE_BAD_ESP = APEDGE_MALFORMED_REASON_ESP,
	APEDGE_BAD_SNAP = APEDGE_MALFORMED_REASON_SNAP,
	APEDGE_BAD_MAX = APEDGE_BAD_SNAP
};

/* Flags: how the frame was reached. */
#define APEDGE_CLSF_VLAN	BIT(0)	/* behind one or two in-band tags */
#define APEDGE_CLSF_EXTHDR	BIT(1)	/* behind IPv6 extension headers */
#define APEDGE_CLSF_FRAG	BIT(2)	/* an IP fragment */
/*
 * The guard cannot see into it (reason says why): an unknown IPv6 next
 * header, ESP, LLC/SNAP-framed IP or ARP.  The class is OTHER;
 * apedge_cls_strict() makes it malformed for a port that says so.
 */
#define APEDGE_CLSF_OPAQUE	BIT(3)

/* Most IPv6 extension headers walked before giving up (RFC 7112, 8200). */
#define APEDGE_EXTHDR_MAX	8
/* Most in-band VLAN tags (802.1ad outer, 802.1Q inner). */
#define APEDGE_VLAN_MAX		2

/**
 * struct apedge_cls - the result of classifying a frame
 * @class: enum apedge_cls_class
 * @type: message type within the class
 * @reason: enum apedge_cls_bad, for APEDGE_CLS_MALFORMED or with
 *	    APEDGE_CLSF_OPAQUE
 * @flags: APEDGE_CLSF_*
 * @op: BOOTP op (1 request, 2 reply), for DHCPv4
 * @proto: the EtherType after any VLAN tags
 * @l3off: offset of the IP header from skb->data
 * @l4off: offset of the UDP or ICMPv6 header from skb->data
 */
struct apedge_cls {
	u8 class;
	u8 type;
	u8 reason;
	u8 flags;
	u8 op;
	__be16 proto;
	u16 l3off;
	u16 l4off;
};

void apedge_classify(const struct sk_buff *skb, __be16 proto,
		     unsigned int off, struct apedge_cls *cls);
void apedge_cls_strict(struct apedge_cls *cls);

/* Whether either port of a UDP header is 67 or 68. */
static __always_inline bool apedge_cls_udp_dhcpv4(const struct udphdr *uh)
{
	return uh->source == htons(67) || uh->source == htons(68) ||
	       uh->dest == htons(67) || uh->dest == htons(68);
}

/* Whether either port of a UDP header is 546 or 547: all but bit 0. */
static __always_inline bool apedge_cls_udp_dhcpv6(const struct udphdr *uh)
{
	return (uh->source & ~htons(1)) == htons(546) ||
	       (uh->dest & ~htons(1)) == htons(546);
}

/**
 * apedge_classify_none - whether a frame is, at a glance, none of ours
 * @skb: the frame
 * @proto: the EtherType of what starts at @off
 * @off: where that starts, from skb->data
 *
 * The common frames that apedge_classify() finds APEDGE_CLS_OTHER, told
 * in a few loads so that the hooks can run it on every frame first: an
 * EtherType (0x0600 and up, not the kernel's 802.2 and 802.3 values)
 * that is neither IP nor a VLAN tag; an IPv4 header without options in
 * the linear area, whose payload is not UDP or is UDP that fits the
 * packet and has no DHCP port; an IPv6 header in the linear area
 * followed by TCP, by UDP that fits the packet and has no DHCPv6 port,
 * or by ICMPv6 other than Neighbor Discovery.
 * False means "ask apedge_classify()", not "ours": whenever this says
 * true, apedge_classify() says APEDGE_CLS_OTHER (the KUnit suite and
 * the fuzz target check it).  Pure; any context.
 */
static __always_inline bool apedge_classify_none(const struct sk_buff *skb,
						 __be16 proto,
						 unsigned int off)
{
	const struct ipv6hdr *ip6;
	const struct iphdr *iph;
	unsigned int plen;

	if (proto == htons(ETH_P_IP)) {
		/* IPv4 without options, up to the UDP ports. */
		if (skb_headlen(skb) < off + sizeof(*iph) + 4)
			return false;
		iph = (const struct iphdr *)(skb->data + off);
		if (*(const u8 *)iph != 0x45)
			return false;
		if (iph->protocol != IPPROTO_UDP)
			return true;
		plen = ntohs(iph->tot_len);
		if (plen < sizeof(*iph) + sizeof(struct udphdr) ||
		    off + plen > skb->len)
			return false;
		return !apedge_cls_udp_dhcpv4((const struct udphdr *)(iph + 1));
	}
	if (proto == htons(ETH_P_IPV6)) {
		if (skb_headlen(skb) < off + sizeof(*ip6) + 4)
			return false;
		ip6 = (const struct ipv6hdr *)(skb->data + off);
		if (ip6->version != 6)
			return false;
		plen = ntohs(ip6->payload_len);
		/* UDP, the most common, first. */
		if (ip6->nexthdr == IPPROTO_UDP) {
			if (plen < sizeof(struct udphdr) ||
			    off + sizeof(*ip6) + plen > skb->len)
				return false;
			return !apedge_cls_udp_dhcpv6((const struct udphdr *)
						      (ip6 + 1));
		}
		if (ip6->nexthdr == IPPROTO_ICMPV6) {
			/* Type, code, checksum; then type 133..137 is ND. */
			if (plen < 4 || off + sizeof(*ip6) + plen > skb->len)
				return false;
			return (u8)(*(const u8 *)(ip6 + 1) - 133) > 137 - 133;
		}
		/* Extension headers and the rest: the long way. */
		return ip6->nexthdr == IPPROTO_TCP;
	}
	/* A real EtherType, not a tag: none of ours. */
	return ntohs(proto) >= ETH_P_802_3_MIN && !eth_type_vlan(proto);
}

/* Most policy class (enum apedge_policy_class); 0 is "none of ours". */
#define APEDGE_PCLASS_MAX	APEDGE_POLICY_CLASS_MALFORMED

u8 apedge_policy_class(const struct apedge_cls *cls);

#endif /* _APEDGE_CLASSIFY_H */
