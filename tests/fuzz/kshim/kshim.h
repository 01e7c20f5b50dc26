/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough of the kernel's headers to build the module's pure code
 * (kmod/classify.c, kmod/snoop.c, kmod/guard.c) in userspace, for
 * libFuzzer and callgrind.  Every kernel header that code includes
 * resolves to a file here that includes this one.  skb_header_pointer()
 * always copies, as it does for a non-linear skb, so that the sanitizers
 * see every out-of-bounds read; with KSHIM_LINEAR (tests/bench/kcost) it
 * returns a pointer into the data, as it does for a linear skb, so that
 * instruction counts are the kernel's.
 */
#ifndef APEDGE_KSHIM_H
#define APEDGE_KSHIM_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;
typedef uint16_t __be16;
typedef uint32_t __be32;

/*
 * The kernel's htons() folds constants, so that it may stand in a case
 * label; glibc's may be a function.
 */
#undef htons
#define htons(x)		((__be16)__builtin_bswap16((u16)(x)))

#define BIT(n)			(1UL << (n))
#ifndef __always_inline
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define min_t(t, a, b)		((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c)		_Static_assert(!(c), #c)
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))

/*
 * data, len and data_len (always 0: all is linear) as the kernel's;
 * mac_header points at the Ethernet header (eth_hdr()), protocol is the
 * EtherType an ingress hook sees.
 */
struct sk_buff {
	const unsigned char *data;
	unsigned int len;
	unsigned int data_len;
	const unsigned char *mac_header;
	__be16 protocol;
};

static inline void *skb_header_pointer(const struct sk_buff *skb, int off,
				       int len, void *buf)
{
#ifdef KSHIM_LINEAR
	(void)buf;
	if (likely((int)skb->len - off >= len))
		return (void *)(skb->data + off);
	return NULL;
#else
	if (off < 0 || len < 0 || (unsigned int)off > skb->len ||
	    (unsigned int)len > skb->len - off)
		return NULL;
	memcpy(buf, skb->data + off, len);
	return buf;
#endif
}

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len - skb->data_len;
}

/* The present time in jiffies: tests/bench/kcost sets it. */
extern u64 kshim_jiffies;

static inline u64 get_jiffies_64(void)
{
	return kshim_jiffies;
}

#define ETH_ALEN		6
#define ETH_HLEN		14
#define ETH_P_IP		0x0800
#define ETH_P_ARP		0x0806
#define ETH_P_802_3_MIN		0x0600
#define ETH_P_IPV6		0x86DD
#define ETH_P_8021Q		0x8100
#define ETH_P_8021AD		0x88A8
#define ETH_P_802_2		0x0004
#define VLAN_HLEN		4

struct ethhdr {
	u8 h_dest[ETH_ALEN];
	u8 h_source[ETH_ALEN];
	__be16 h_proto;
} __attribute__((packed));

static inline const struct ethhdr *eth_hdr(const struct sk_buff *skb)
{
	return (const struct ethhdr *)skb->mac_header;
}

static inline bool eth_proto_is_802_3(__be16 proto)
{
	return ntohs(proto) >= ETH_P_802_3_MIN;
}

/* As the kernel's: one 32-bit and one 16-bit comparison. */
static inline bool ether_addr_equal(const u8 *a, const u8 *b)
{
	u32 a0, b0;
	u16 a4, b4;

	memcpy(&a0, a, 4);
	memcpy(&b0, b, 4);
	memcpy(&a4, a + 4, 2);
	memcpy(&b4, b + 4, 2);
	return ((a0 ^ b0) | (u16)(a4 ^ b4)) == 0;
}

#define ARPHRD_ETHER		1
#define ARPHRD_IEEE802		6

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
	struct in6_addr saddr;
	struct in6_addr daddr;
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

static inline bool ipv4_is_multicast(__be32 addr)
{
	return (addr & htonl(0xf0000000)) == htonl(0xe0000000);
}

static inline bool ipv4_is_zeronet(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x00000000);
}

#define NDISC_ROUTER_SOLICITATION	133
#define NDISC_ROUTER_ADVERTISEMENT	134
#define NDISC_NEIGHBOUR_SOLICITATION	135
#define NDISC_NEIGHBOUR_ADVERTISEMENT	136
#define NDISC_REDIRECT			137

#endif
