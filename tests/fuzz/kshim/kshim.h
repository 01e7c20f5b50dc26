/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough of the kernel's headers to build the module's pure code
 * (kmod/classify.c, kmod/snoop.c) in userspace, for libFuzzer and callgrind.  Every
 * kernel header that code includes resolves to a file here that includes
 * this one.  skb_header_pointer() always copies, as it does for a
 * non-linear skb, so that the sanitizers see every out-of-bounds read.
 */
#ifndef APEDGE_KSHIM_H
#define APEDGE_KSHIM_H

#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef uint16_t __be16;
typedef uint32_t __be32;

#define BIT(n)			(1UL << (n))
#define likely(x)		__builtin_expect(!!(x), 1)
#define min_t(t, a, b)		((t)(a) < (t)(b) ? (t)(a) : (t)(b))

struct sk_buff {
	const unsigned char *data;
	unsigned int len;
};

static inline void *skb_header_pointer(const struct sk_buff *skb, int off,
				       int len, void *buf)
{
	if (off < 0 || len < 0 || (unsigned int)off > skb->len ||
	    (unsigned int)len > skb->len - off)
		return NULL;
	memcpy(buf, skb->data + off, len);
	return buf;
}

#define ETH_ALEN		6
#define ETH_HLEN		14
#define ETH_P_IP		0x0800
#define ETH_P_IPV6		0x86DD
#define ETH_P_8021Q		0x8100
#define ETH_P_8021AD		0x88A8
#define ETH_P_ARP		0x0806
#define ETH_P_802_2		0x0004
#define VLAN_HLEN		4

struct vlan_hdr {
	__be16 h_vlan_TCI;
	__be16 h_vlan_encapsulated_proto;
};

static inline bool eth_type_vlan(__be16 t)
{
	return t == htons(ETH_P_8021Q) || t == htons(ETH_P_8021AD);
}

#ifndef IPPROTO_UDP
#define IPPROTO_UDP		17
#endif
#ifndef IPPROTO_ICMPV6
#define IPPROTO_ICMPV6		58
#endif

struct iphdr {
	u8 ihl:4, version:4;	/* little-endian bit order, as on x86 */
	u8 tos;
	__be16 tot_len;
	__be16 id;
	__be16 frag_off;
	u8 ttl;
	u8 protocol;
	u16 check;
	__be32 saddr;
	__be32 daddr;
};

#define IP_MF			0x2000
#define IP_OFFSET		0x1FFF

static inline bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & htons(IP_MF | IP_OFFSET)) != 0;
}

struct udphdr {
	__be16 source;
	__be16 dest;
	__be16 len;
	u16 check;
};

struct ipv6hdr {
	u8 priority:4, version:4;
	u8 flow_lbl[3];
	__be16 payload_len;
	u8 nexthdr;
	u8 hop_limit;
	u8 saddr[16];
	u8 daddr[16];
};

struct ipv6_opt_hdr {
	u8 nexthdr;
	u8 hdrlen;
};

struct frag_hdr {
	u8 nexthdr;
	u8 reserved;
	__be16 frag_off;
	__be32 identification;
};

#define ipv6_optlen(p)		(((p)->hdrlen + 1) << 3)
#define ipv6_authlen(p)		(((p)->hdrlen + 2) << 2)
#define IP6_OFFSET		0xFFF8
#define NEXTHDR_HOP		0
#define NEXTHDR_ROUTING		43
#define NEXTHDR_FRAGMENT	44
#define NEXTHDR_AUTH		51
#define NEXTHDR_DEST		60
#define NEXTHDR_NONE		59

#define NDISC_ROUTER_SOLICITATION	133
#define NDISC_ROUTER_ADVERTISEMENT	134
#define NDISC_NEIGHBOUR_SOLICITATION	135
#define NDISC_NEIGHBOUR_ADVERTISEMENT	136
#define NDISC_REDIRECT			137

#endif
