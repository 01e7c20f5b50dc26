// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: DHCP snooping's parser (kmod/snoop.c) behind the classifier,
 * built in userspace against tests/fuzz/kshim.  The first byte picks the
 * EtherType the frame starts with; whatever the parsers report (a
 * message's bindings, a REQUEST, the client checks) must be consistent.
 * DHCPv4 option overload (options in file and sname) and DHCPv6 IA_TA
 * and IA_PD are walked too, each within its own bounds (ASan sees an
 * overread: the frame is a copy of exactly its length).
 */
#include <stdlib.h>

#include "snoop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u16 protos[] = {
		ETH_P_IP, ETH_P_IPV6, ETH_P_8021Q, ETH_P_8021AD,
	};
	static const u8 mac[ETH_ALEN] = { 0x02, 1, 2, 3, 4, 5 };
	struct apedge_snoop_req req;
	struct apedge_snoop sn;
	struct apedge_cls cls;
	struct sk_buff skb = { 0 };
	unsigned char *copy;
	bool found;

	if (!size)
		return 0;
	copy = malloc(size - 1 ? size - 1 : 1);
	memcpy(copy, data + 1, size - 1);
	skb.data = copy;
	skb.len = size - 1;

	apedge_classify(&skb, htons(protos[data[0] & 3]), 0, &cls);
	if (cls.class == APEDGE_CLS_DHCPV4) {
		found = apedge_snoop_dhcpv4(&skb, &cls, &sn);
		if (found && (sn.family != AF_INET || sn.naddr > 1 ||
			      (sn.mac[0] & 1)))
			abort();
		/* A NAK names no address; everything else one, not 0.0.0.0
		 * (an ACK's yiaddr, a RELEASE's ciaddr, a DECLINE's option
		 * 50, wherever option overload put it).
		 */
		if (found && sn.nak != !sn.naddr)
			abort();
		if (found && sn.naddr && !memcmp(sn.addr[0].addr, "\0\0\0", 4))
			abort();
		/* A DECLINE or RELEASE is a client's, and only forgets. */
		if (found && (cls.type == 4 || cls.type == 7) &&
		    (sn.op != APEDGE_SNOOP_FORGET || sn.nak ||
		     !apedge_snoop_ports(&skb, &cls, false)))
			abort();
		if (found && !apedge_snoop_ports(&skb, &cls,
						 sn.op == APEDGE_SNOOP_LEARN ||
						 sn.nak))
			abort();
		if (apedge_snoop_dhcpv4_request(&skb, &cls, &req) &&
		    ((req.mac[0] & 1) || !apedge_snoop_ports(&skb, &cls, false) ||
		     cls.op != 1))
			abort();
		/* The exemption implies the chaddr check. */
		if (apedge_snoop_dhcpv4_client(&skb, &cls, mac) &&
		    !apedge_snoop_chaddr_is(&skb, &cls, mac))
			abort();
	} else {
		found = apedge_snoop_dhcpv6(&skb, &cls, mac, &sn);
		if (found && (sn.family != AF_INET6 || !sn.naddr ||
			      memcmp(sn.mac, mac, ETH_ALEN)))
			abort();
	}
	if (sn.naddr > APEDGE_SNOOP_ADDRS || sn.op > APEDGE_SNOOP_FORGET)
		abort();
	if (found != (sn.op != APEDGE_SNOOP_NONE))
		abort();
	free(copy);
	return 0;
}
