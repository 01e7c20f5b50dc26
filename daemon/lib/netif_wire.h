/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtnetlink link and address messages, bytes to structs: the pure half of
 * the interface watcher (lib/netif.h).  No allocation, no I/O; every length
 * is checked against the buffer before it is believed.
 *
 * netif_wire_link() reads an RTM_NEWLINK or RTM_DELLINK, netif_wire_addr()
 * an RTM_NEWADDR or RTM_DELADDR, each one message with its netlink header.
 * netif_wire_dump_request() writes the dump request of either.
 */
#ifndef APEDGE_LIB_NETIF_WIRE_H
#define APEDGE_LIB_NETIF_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <net/if.h>
#include <netinet/in.h>

/* Longest link-layer address kept (the kernel's MAX_ADDR_LEN). */
#define NETIF_HWADDR_MAX 32
/* Longest IFLA_INFO_KIND kept, with its NUL ("bridge", "veth", "vlan"). */
#define NETIF_KIND_MAX 16

/* Why a message was refused; indexes the "malformed" counters. */
enum netif_wire_err {
	NETIF_WIRE_OK,
	/* Not ours to read: another family (AF_BRIDGE port events, AF_INET6
	 * RA information) or another message type.  Not an error. */
	NETIF_WIRE_IGNORED,
	NETIF_WIRE_TRUNCATED,	/* shorter than its headers or nlmsg_len */
	NETIF_WIRE_BAD_ATTR,	/* an attribute runs past its message */
	NETIF_WIRE_BAD_LEN,	/* an attribute of the wrong size */
	NETIF_WIRE_BAD_NAME,	/* empty, unterminated or too long a name */
	NETIF_WIRE_NO_INDEX,	/* no positive interface index */
	NETIF_WIRE_NO_NAME,	/* RTM_NEWLINK without IFLA_IFNAME */
	NETIF_WIRE_NO_ADDRESS,	/* an address message without an address */
	NETIF_WIRE_BAD_PREFIX,	/* prefix longer than the address */
	NETIF_WIRE_ERR_MAX,
};

const char *netif_wire_err_name(enum netif_wire_err err);

/* What a link message said; has_* tell which optional parts it had. */
struct netif_wire_link {
	bool del;			/* RTM_DELLINK */
	int index;
	uint16_t type;			/* ARPHRD_* */
	uint32_t flags;			/* IFF_* */
	char name[IFNAMSIZ];		/* "" when absent (allowed in DELLINK) */
	bool has_hwaddr, has_mtu, has_operstate, has_master, has_link,
	     has_linkinfo, has_vlan_id, wireless;
	uint8_t hwaddr[NETIF_HWADDR_MAX];
	uint8_t hwaddr_len;
	uint32_t mtu;
	uint8_t operstate;		/* IF_OPER_* */
	int master;			/* IFLA_MASTER */
	int link;			/* IFLA_LINK: lower device, veth peer */
	char kind[NETIF_KIND_MAX];	/* IFLA_LINKINFO/IFLA_INFO_KIND */
	uint16_t vlan_id;		/* kind "vlan": IFLA_VLAN_ID */
};

/* The local address of an address message (IFA_LOCAL, else IFA_ADDRESS). */
union netif_ip {
	struct in_addr v4;
	struct in6_addr v6;
	uint8_t bytes[16];
};

struct netif_wire_addr {
	bool del;			/* RTM_DELADDR */
	uint8_t family;			/* AF_INET or AF_INET6 */
	uint8_t prefixlen;
	uint8_t scope;			/* RT_SCOPE_* */
	uint32_t flags;			/* IFA_F_*, from IFA_FLAGS if there */
	int index;
	union netif_ip addr;
};

/*
 * Read one RTM_NEWLINK/RTM_DELLINK of len bytes at buf (netlink header
 * first).  NETIF_WIRE_IGNORED for another type or a family other than
 * AF_UNSPEC; *m is valid only on NETIF_WIRE_OK.
 */
enum netif_wire_err netif_wire_link(const void *buf, size_t len,
				    struct netif_wire_link *m);

/* The same for RTM_NEWADDR/RTM_DELADDR of AF_INET and AF_INET6. */
enum netif_wire_err netif_wire_addr(const void *buf, size_t len,
				    struct netif_wire_addr *m);

/*
 * Write the dump request of every link (RTM_GETLINK, statistics left out)
 * or every address of both families (RTM_GETADDR) with sequence number
 * seq.  Its length, or 0 when it does not fit in size.
 */
size_t netif_wire_dump_request(void *buf, size_t size, uint16_t type,
			       uint32_t seq);

#endif
