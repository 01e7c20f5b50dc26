// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: the packet classifier.
 *
 * A pure function over an skb: it reads headers with skb_header_pointer()
 * only, allocates nothing, takes no lock and writes nothing but its result,
 * so any hook may call it.  It tells DHCPv4, DHCPv6 and IPv6 Neighbor
 * Discovery apart from everything else, with the message type and how the
 * message was reached (VLAN tags, IPv6 extension headers, fragments).
 * Anything else leaves after one read of its IP header, or none.
 *
 * A frame that claims to be one of ours but cannot be read to the end of
 * the headers that say so is APEDGE_CLS_MALFORMED, with a reason, so that
 * policy can treat it apart (RFC 7113, RFC 7112).
 */
#include <linux/icmpv6.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "classify.h"

#define BOOTP_SERVER_PORT	67
#define BOOTP_CLIENT_PORT	68
#define DHCPV6_CLIENT_PORT	546
#define DHCPV6_SERVER_PORT	547

/* op, htype, hlen, hops, xid, secs, flags, 4 addresses, chaddr, sname, file */
#define BOOTP_FIXED_LEN		236
#define DHCP_MAGIC_COOKIE	0x63825363
#define DHCP_OPT_PAD		0
#define DHCP_OPT_MSG_TYPE	53
#define DHCP_OPT_END		255
/* Bytes of options scanned for option 53: a bound on work, not on DHCP. */
#define DHCP_OPTS_SCAN_MAX	1500

#define ICMPV6_ND_FIRST		NDISC_ROUTER_SOLICITATION
#define ICMPV6_ND_LAST		NDISC_REDIRECT

static void apedge_cls_bad(struct apedge_cls *cls, u8 reason)
{
	cls->class = APEDGE_CLS_MALFORMED;
	cls->type = 0;
	cls->reason = reason;
}

/*
 * The guard cannot see past it: why, or 0 for an upper-layer protocol
 * it knows is none of ours.  Extension headers apedge does not walk
 * (Mobility, HIP, Shim6, experimental) are unknown too (RFC 7610 5).
 */
static u8 apedge_cls_nexthdr_opaque(u8 nexthdr)
{
	switch (nexthdr) {
	case IPPROTO_TCP:
	case NEXTHDR_NONE:
	case IPPROTO_IPIP:
	case IPPROTO_IPV6:
	case IPPROTO_GRE:
	case IPPROTO_DCCP:
	case IPPROTO_SCTP:
	case IPPROTO_UDPLITE:
	case IPPROTO_ETHERNET:
	case 115:	/* L2TP */
	case IPPROTO_PIM:
	case IPPROTO_MPLS:
	case 89:	/* OSPF */
	case 112:	/* VRRP */
		return 0;
	case IPPROTO_ESP:
		return APEDGE_BAD_ESP;
	}
	return APEDGE_BAD_NEXTHDR;
}

static void apedge_cls_opaque(struct apedge_cls *cls, u8 reason)
{
	if (!reason)
		return;
	cls->flags |= APEDGE_CLSF_OPAQUE;
	cls->reason = reason;
}

static bool apedge_port_is(const struct udphdr *uh, u16 a, u16 b)
{
	return uh->source == htons(a) || uh->source == htons(b) ||
	       uh->dest == htons(a) || uh->dest == htons(b);
}

/* The BOOTP message at off, len bytes long: op and option 53. */
static void apedge_cls_dhcpv4(const struct sk_buff *skb, unsigned int off,
			      unsigned int len, struct apedge_cls *cls)
{
	unsigned int p, end;
	__be32 _cookie;
	const __be32 *cookie;
	u8 _b[2];
	const u8 *b;

	if (len < BOOTP_FIXED_LEN) {
		apedge_cls_bad(cls, APEDGE_BAD_DHCPV4);
		return;
	}
	b = skb_header_pointer(skb, off, 1, _b);
	if (!b) {
		apedge_cls_bad(cls, APEDGE_BAD_DHCPV4);
		return;
	}
	cls->class = APEDGE_CLS_DHCPV4;
	cls->op = b[0];

	/* Without the cookie it is plain BOOTP: type 0. */
	cookie = skb_header_pointer(skb, off + BOOTP_FIXED_LEN,
				    sizeof(_cookie), &_cookie);
	if (!cookie || *cookie != htonl(DHCP_MAGIC_COOKIE))
		return;

	p = off + BOOTP_FIXED_LEN + sizeof(_cookie);
	end = off + min_t(unsigned int, len, BOOTP_FIXED_LEN +
			  sizeof(_cookie) + DHCP_OPTS_SCAN_MAX);
	while (p < end) {
		b = skb_header_pointer(skb, p, 1, _b);
		if (!b)
			break;
		if (b[0] == DHCP_OPT_PAD) {
			p++;
			continue;
		}
		if (b[0] == DHCP_OPT_END)
			return;
		b = skb_header_pointer(skb, p, 2, _b);
		if (!b || p + 2 + b[1] > off + len)
			break;
		if (b[0] == DHCP_OPT_MSG_TYPE) {
			if (b[1] != 1)
				break;
			b = skb_header_pointer(skb, p + 2, 1, _b);
			if (!b)
				break;
			cls->type = b[0];
			return;
		}
		p += 2 + b[1];
	}
	if (p < end)
		apedge_cls_bad(cls, APEDGE_BAD_DHCPV4);
}

static void apedge_cls_ip4(const struct sk_buff *skb, unsigned int off,
			   struct apedge_cls *cls)
{
	unsigned int ihl, tot, l4, ulen;
	struct udphdr _uh;
	const struct udphdr *uh;
	struct iphdr _iph;
	const struct iphdr *iph;

	iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
	if (!iph || iph->version != 4 || iph->ihl < 5) {
		apedge_cls_bad(cls, APEDGE_BAD_IP4);
		return;
	}
	if (iph->protocol != IPPROTO_UDP)
		return;

	ihl = iph->ihl * 4;
	tot = ntohs(iph->tot_len);
	if (tot < ihl || off + tot > skb->len) {
		apedge_cls_bad(cls, APEDGE_BAD_IP4);
		return;
	}
	if (ip_is_fragment(iph)) {
		cls->flags |= APEDGE_CLSF_FRAG;
		/* Only the first fragment carries the UDP header. */
		if (iph->frag_off & htons(IP_OFFSET))
			return;
	}

	l4 = off + ihl;
	uh = skb_header_pointer(skb, l4, sizeof(_uh), &_uh);
	if (!uh || l4 + sizeof(_uh) > off + tot) {
		apedge_cls_bad(cls, APEDGE_BAD_UDP);
		return;
	}
	if (!apedge_port_is(uh, BOOTP_SERVER_PORT, BOOTP_CLIENT_PORT))
		return;
	cls->l4off = l4;

	ulen = ntohs(uh->len);
	if (cls->flags & APEDGE_CLSF_FRAG) {
		/* A first fragment holds what it holds. */
		ulen = off + tot - l4;
	} else if (ulen < sizeof(_uh) || l4 + ulen > off + tot) {
		apedge_cls_bad(cls, APEDGE_BAD_UDP);
		return;
	}
	apedge_cls_dhcpv4(skb, l4 + sizeof(_uh), ulen - sizeof(_uh), cls);
}

/*
 * Something the chain promised is missing before end: in a first fragment
 * that is a fragment without its upper-layer header, otherwise reason.
 */
static void apedge_cls_short6(struct apedge_cls *cls, u8 reason)
{
	apedge_cls_bad(cls, cls->flags & APEDGE_CLSF_FRAG ?
		       APEDGE_BAD_FRAG_NOL4 : reason);
}

static void apedge_cls_icmp6(const struct sk_buff *skb, unsigned int p,
			     unsigned int end, struct apedge_cls *cls)
{
	u8 _h[4];
	const u8 *h;

	h = skb_header_pointer(skb, p, sizeof(_h), _h);
	if (!h || p + sizeof(_h) > end) {
		apedge_cls_short6(cls, APEDGE_BAD_ICMPV6);
		return;
	}
	cls->l4off = p;
	if (h[0] < ICMPV6_ND_FIRST || h[0] > ICMPV6_ND_LAST)
		return;
	cls->class = APEDGE_CLS_ND;
	cls->type = h[0];
}

static void apedge_cls_udp6(const struct sk_buff *skb, unsigned int p,
			    unsigned int end, struct apedge_cls *cls)
{
	struct udphdr _uh;
	const struct udphdr *uh;
	u8 _t;
	const u8 *t;

	uh = skb_header_pointer(skb, p, sizeof(_uh), &_uh);
	if (!uh || p + sizeof(_uh) > end) {
		apedge_cls_short6(cls, APEDGE_BAD_UDP);
		return;
	}
	if (!apedge_port_is(uh, DHCPV6_CLIENT_PORT, DHCPV6_SERVER_PORT))
		return;
	cls->l4off = p;
	t = skb_header_pointer(skb, p + sizeof(_uh), 1, &_t);
	if (!t || p + sizeof(_uh) + 1 > end) {
		apedge_cls_short6(cls, APEDGE_BAD_DHCPV6);
		return;
	}
	cls->class = APEDGE_CLS_DHCPV6;
	cls->type = *t;
}

static void apedge_cls_ip6(const struct sk_buff *skb, unsigned int off,
			   struct apedge_cls *cls)
{
	unsigned int p, end, hlen, n;
	struct ipv6hdr _ip6;
	const struct ipv6hdr *ip6;
	struct ipv6_opt_hdr _oh;
	const struct ipv6_opt_hdr *oh;
	struct frag_hdr _fh;
	const struct frag_hdr *fh;
	u8 nexthdr;

	ip6 = skb_header_pointer(skb, off, sizeof(_ip6), &_ip6);
	if (!ip6 || ip6->version != 6) {
		apedge_cls_bad(cls, APEDGE_BAD_IP6);
		return;
	}
	nexthdr = ip6->nexthdr;
	switch (nexthdr) {
	case IPPROTO_ICMPV6:
	case IPPROTO_UDP:
	case NEXTHDR_HOP:
	case NEXTHDR_ROUTING:
	case NEXTHDR_DEST:
	case NEXTHDR_FRAGMENT:
	case NEXTHDR_AUTH:
		break;
	case IPPROTO_TCP:
		return;		/* one read and out */
	default:
		apedge_cls_opaque(cls, apedge_cls_nexthdr_opaque(nexthdr));
		return;
	}

	p = off + sizeof(_ip6);
	end = p + ntohs(ip6->payload_len);
	if (!ip6->payload_len)		/* a jumbogram: to the end */
		end = skb->len;
	if (end > skb->len) {
		apedge_cls_bad(cls, APEDGE_BAD_IP6);
		return;
	}

	for (n = 0;; n++) {
		switch (nexthdr) {
		case IPPROTO_ICMPV6:
			apedge_cls_icmp6(skb, p, end, cls);
			return;
		case IPPROTO_UDP:
			apedge_cls_udp6(skb, p, end, cls);
			return;
		case NEXTHDR_HOP:
		case NEXTHDR_ROUTING:
		case NEXTHDR_DEST:
		case NEXTHDR_AUTH:
		case NEXTHDR_FRAGMENT:
			break;
		default:
			apedge_cls_opaque(cls, apedge_cls_nexthdr_opaque(nexthdr));
			return;
		}

		if (n == APEDGE_EXTHDR_MAX) {
			apedge_cls_bad(cls, APEDGE_BAD_EXTHDR_LIMIT);
			return;
		}
		cls->flags |= APEDGE_CLSF_EXTHDR;

		if (nexthdr == NEXTHDR_FRAGMENT) {
			fh = skb_header_pointer(skb, p, sizeof(_fh), &_fh);
			if (!fh || p + sizeof(_fh) > end) {
				apedge_cls_short6(cls, APEDGE_BAD_EXTHDR);
				return;
			}
			cls->flags |= APEDGE_CLSF_FRAG;
			/* Not the first fragment: nothing more to read. */
			if (fh->frag_off & htons(IP6_OFFSET))
				return;
			nexthdr = fh->nexthdr;
			p += sizeof(_fh);
			continue;
		}

		/* Hop-by-hop, routing, destination options and AH all start
		 * with a next header and a length byte.
		 */
		oh = skb_header_pointer(skb, p, sizeof(_oh), &_oh);
		if (!oh) {
			apedge_cls_short6(cls, APEDGE_BAD_EXTHDR);
			return;
		}
		hlen = nexthdr == NEXTHDR_AUTH ? ipv6_authlen(oh) :
						 ipv6_optlen(oh);
		if (p + hlen > end) {
			apedge_cls_short6(cls, APEDGE_BAD_EXTHDR);
			return;
		}
		nexthdr = oh->nexthdr;
		p += hlen;
	}
}

/* 802.2 LLC with a SNAP header of OUI 0: an EtherType, framed otherwise. */
static void apedge_cls_snap(const struct sk_buff *skb, unsigned int off,
			    struct apedge_cls *cls)
{
	static const u8 snap[6] = { 0xaa, 0xaa, 0x03, 0, 0, 0 };
	u8 _h[8];
	const u8 *h;
	__be16 type;

	h = skb_header_pointer(skb, off, sizeof(_h), _h);
	if (!h || memcmp(h, snap, sizeof(snap)))
		return;
	type = htons(h[6] << 8 | h[7]);
	if (type == htons(ETH_P_IP) || type == htons(ETH_P_IPV6) ||
	    type == htons(ETH_P_ARP) || eth_type_vlan(type))
		apedge_cls_opaque(cls, APEDGE_BAD_SNAP);
}

/**
 * apedge_classify - what a frame is
 * @skb: the frame
 * @proto: the EtherType of what starts at @off (skb->protocol in a hook)
 * @off: where that starts, from skb->data
 * @cls: the result
 *
 * In-band 802.1ad and 802.1Q tags are stepped over (a tag already taken
 * out into skb metadata is not in the way).  Pure; any context.
 */
void apedge_classify(const struct sk_buff *skb, __be16 proto,
		     unsigned int off, struct apedge_cls *cls)
{
	struct vlan_hdr _vh;
	const struct vlan_hdr *vh;
	int i;

	memset(cls, 0, sizeof(*cls));
	for (i = 0; eth_type_vlan(proto); i++) {
		vh = skb_header_pointer(skb, off, sizeof(_vh), &_vh);
		if (!vh || i == APEDGE_VLAN_MAX) {
			apedge_cls_bad(cls, APEDGE_BAD_VLAN);
			return;
		}
		cls->flags |= APEDGE_CLSF_VLAN;
		proto = vh->h_vlan_encapsulated_proto;
		off += VLAN_HLEN;
	}
	cls->proto = proto;
	cls->l3off = off;

	if (proto == htons(ETH_P_IP))
		apedge_cls_ip4(skb, off, cls);
	else if (proto == htons(ETH_P_IPV6))
		apedge_cls_ip6(skb, off, cls);
	else if (proto == htons(ETH_P_802_2))
		apedge_cls_snap(skb, off, cls);
}

/**
 * apedge_cls_strict - what a port that takes no opaque frame makes of one
 * @cls: the classifier's result, changed
 *
 * An opaque frame (APEDGE_CLSF_OPAQUE) or one behind an in-band VLAN tag
 * becomes malformed: a host behind an untrusted port has no need of
 * either, and the guard would not see a rogue message in them (RFC 7610
 * section 5).  A frame malformed already keeps its reason.  Pure.
 */
void apedge_cls_strict(struct apedge_cls *cls)
{
	if (cls->class == APEDGE_CLS_MALFORMED)
		return;
	if (cls->flags & APEDGE_CLSF_OPAQUE)
		apedge_cls_bad(cls, cls->reason);
	else if (cls->flags & APEDGE_CLSF_VLAN)
		apedge_cls_bad(cls, APEDGE_BAD_VLAN_TAG);
}

/* DHCPv6 messages only servers send (RFC 8415, 5007, 7341). */
static bool apedge_dhcpv6_from_server(u8 type)
{
	switch (type) {
	case 2:		/* ADVERTISE */
	case 7:		/* REPLY */
	case 10:	/* RECONFIGURE */
	case 15:	/* LEASEQUERY-REPLY */
	case 17:	/* LEASEQUERY-DATA */
	case 21:	/* DHCPV4-RESPONSE */
		return true;
	}
	return false;
}

/**
 * apedge_policy_class - the policy class of a classified frame
 * @cls: the classifier's result
 *
 * Return: an enum apedge_policy_class, or 0 for a frame that is none of
 * ours.  Pure.
 */
u8 apedge_policy_class(const struct apedge_cls *cls)
{
	switch (cls->class) {
	case APEDGE_CLS_DHCPV4:
		/* Whatever option 53 says, only servers send BOOTREPLY. */
		if (cls->op == 1)
			return APEDGE_POLICY_CLASS_DHCPV4_CLIENT;
		if (cls->op == 2)
			return APEDGE_POLICY_CLASS_DHCPV4_SERVER;
		return APEDGE_POLICY_CLASS_MALFORMED;
	case APEDGE_CLS_DHCPV6:
		if (cls->type == 12)
			return APEDGE_POLICY_CLASS_DHCPV6_RELAY_FORW;
		if (cls->type == 13)
			return APEDGE_POLICY_CLASS_DHCPV6_RELAY_REPL;
		if (apedge_dhcpv6_from_server(cls->type))
			return APEDGE_POLICY_CLASS_DHCPV6_SERVER;
		return APEDGE_POLICY_CLASS_DHCPV6_CLIENT;
	case APEDGE_CLS_ND:
		return APEDGE_POLICY_CLASS_ND_RS + cls->type -
		       NDISC_ROUTER_SOLICITATION;
	case APEDGE_CLS_MALFORMED:
		return APEDGE_POLICY_CLASS_MALFORMED;
	}
	return 0;
}
