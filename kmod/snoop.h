/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedge: what a DHCP message says about bindings.  See snoop.c.
 */
#ifndef _APEDGE_SNOOP_H
#define _APEDGE_SNOOP_H

#include <linux/if_ether.h>
#include <linux/skbuff.h>
#include <linux/types.h>

#include "classify.h"

/* Most addresses taken from one DHCPv6 message. */
#define APEDGE_SNOOP_ADDRS	4
/* A lease time that never ends (RFC 2131 and RFC 8415: all ones). */
#define APEDGE_SNOOP_INFINITE	0xffffffffU

enum apedge_snoop_op {
	APEDGE_SNOOP_NONE,
	/* Bind each address to mac for its lifetime; 0 unbinds it. */
	APEDGE_SNOOP_LEARN,
	/*
	 * Unbind each address if it is bound to mac.  A DHCPv4 NAK names
	 * no address: the one its REQUEST asked for is filled in from the
	 * table of recent REQUESTs (binding.c).
	 */
	APEDGE_SNOOP_FORGET,
	/*
	 * Link-local addresses (guard.c), addr[0] only, sent by the guard
	 * rather than parsed from DHCP.  A tentative claim of a station's
	 * address defended by someone else on a trusted port ends.
	 */
	APEDGE_SNOOP_LL_CONFLICT,
	/* From here on, claims: a station's address, first come first served; */
	APEDGE_SNOOP_LL,
	/* the same, tentative: from its DAD probe; */
	APEDGE_SNOOP_LL_DAD,
	/* a router's, from its Router Advertisement on a trusted port. */
	APEDGE_SNOOP_ROUTER,
};

/**
 * struct apedge_snoop - the bindings a DHCP message makes or ends
 * @op: enum apedge_snoop_op
 * @family: AF_INET or AF_INET6
 * @naddr: entries in @addr
 * @nak: a DHCPv4 NAK (@naddr is 0)
 * @xid: the DHCPv4 transaction id, which ties an ACK or NAK to the
 *	 client's REQUEST
 * @mac: the client's MAC address
 * @addr: the addresses (IPv4 in the first four bytes) and their
 *	  lifetimes in seconds, APEDGE_SNOOP_INFINITE for ever
 */
struct apedge_snoop {
	u8 op;
	u8 family;
	u8 naddr;
	u8 nak;
	u32 xid;
	u8 mac[ETH_ALEN];
	struct {
		u8 addr[16];
		u32 lifetime;
	} addr[APEDGE_SNOOP_ADDRS];
};

/**
 * struct apedge_snoop_req - a DHCPv4 client's REQUEST, as remembered
 * @xid: its transaction id
 * @mac: its chaddr
 * @addr: the address it asks for (option 50, else ciaddr); 0 if none
 */
struct apedge_snoop_req {
	u32 xid;
	u8 mac[ETH_ALEN];
	__be32 addr;
};

bool apedge_snoop_ports(const struct sk_buff *skb,
			const struct apedge_cls *cls, bool from_server);
bool apedge_snoop_dhcpv4_request(const struct sk_buff *skb,
				 const struct apedge_cls *cls,
				 struct apedge_snoop_req *req);
bool apedge_snoop_chaddr_is(const struct sk_buff *skb,
			    const struct apedge_cls *cls, const u8 *mac);
bool apedge_snoop_dhcpv4_client(const struct sk_buff *skb,
				const struct apedge_cls *cls, const u8 *src);
bool apedge_snoop_dhcpv4(const struct sk_buff *skb,
			 const struct apedge_cls *cls,
			 struct apedge_snoop *sn);
bool apedge_snoop_dhcpv6(const struct sk_buff *skb,
			 const struct apedge_cls *cls, const u8 *mac,
			 struct apedge_snoop *sn);

#endif /* _APEDGE_SNOOP_H */
