// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: DHCP snooping, the parsing half.
 *
 * Pure functions over an skb the classifier has already looked at: they
 * read with skb_header_pointer() only, allocate nothing, take no lock and
 * write nothing but their result.  They say which bindings a DHCP message
 * makes or ends; binding.c decides what to do with that.
 *
 *  - DHCPv4 ACK (option 53 = 5), from UDP port 67 to 68: yiaddr is bound
 *    to chaddr for the lease time of option 51.  An ACK without a lease
 *    time (the answer to an INFORM) binds nothing.
 *  - DHCPv4 NAK, from 67 to 68: the address the client's REQUEST (same
 *    xid and chaddr) asked for is no longer its own.
 *  - DHCPv4 RELEASE, from 68 to 67: ciaddr is no longer the client's.
 *  - DHCPv4 DECLINE, from 68 to 67: the address of option 50 is in use
 *    by someone else, and no longer the client's.
 *  - DHCPv4 REQUEST, from 68 to 67: remembered (xid, chaddr, the address
 *    asked for), so that its ACK or NAK binds on the port it came from.
 *  - DHCPv6 REPLY, from 547 to 546: each IAADDR of each IA_NA or IA_TA
 *    is bound for its valid lifetime (0 ends the binding) to the MAC the
 *    caller gives, the frame's destination.  An IA_PD's prefixes are
 *    walked past and bind nothing (prefix bindings are to come).
 *  - DHCPv6 RELEASE and DECLINE, from 546 to 547: their IAADDRs end.
 *
 * DHCPv4 options are looked for in the options field, then, if option 52
 * (RFC 2131 4.1, "option overload") says so, in the file field and the
 * sname field, each walk bounded by its own field.
 *
 * The classifier takes a message to or from either DHCP port; only the
 * exact pair of a server's or a client's message says anything here, so
 * a local user's UDP to port 68 from some other port is not an ACK.
 */
#include <linux/if_ether.h>
#include <linux/socket.h>
#include <linux/udp.h>

#include "snoop.h"

#define BOOTP_FIXED_LEN		236
#define BOOTP_OPTS		240	/* after the magic cookie */
#define BOOTP_XID		4
#define BOOTP_CIADDR		12
#define BOOTP_YIADDR		16
#define BOOTP_CHADDR		28
#define BOOTP_SNAME		44
#define BOOTP_FILE		108
#define DHCP_MAGIC		0x63825363
#define DHCP_OPT_PAD		0
#define DHCP_OPT_REQ_ADDR	50
#define DHCP_OPT_LEASE		51
#define DHCP_OPT_OVERLOAD	52
#define DHCP_OVERLOAD_FILE	1
#define DHCP_OVERLOAD_SNAME	2
#define DHCP_OPT_END		255
#define BOOTP_SERVER_PORT	67
#define BOOTP_CLIENT_PORT	68
#define DHCPV6_CLIENT_PORT	546
#define DHCPV6_SERVER_PORT	547
/* Bytes of options walked: a bound on work, as in the classifier. */
#define DHCP_OPTS_SCAN_MAX	1500

#define DHCPV4_REQUEST		3
#define DHCPV4_DECLINE		4
#define DHCPV4_ACK		5
#define DHCPV4_NAK		6
#define DHCPV4_RELEASE		7

#define DHCPV6_REPLY		7
#define DHCPV6_RELEASE		8
#define DHCPV6_DECLINE		9
#define DHCPV6_OPT_IA_NA	3
#define DHCPV6_OPT_IA_TA	4
#define DHCPV6_OPT_IAADDR	5
#define DHCPV6_OPT_IA_PD	25
#define DHCPV6_IA_NA_LEN	12	/* IAID, T1, T2 */
#define DHCPV6_IA_TA_LEN	4	/* IAID */
#define DHCPV6_IAADDR_LEN	24	/* address, preferred, valid */
/* Most options looked at, at each of the two levels. */
#define DHCPV6_OPTS_MAX		32

static u32 apedge_be32(const u8 *b)
{
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static bool apedge_mac_ok(const u8 *mac)
{
	static const u8 zero[ETH_ALEN];

	return !(mac[0] & 1) && memcmp(mac, zero, ETH_ALEN);
}

/**
 * apedge_snoop_ports - whether a DHCP message has a server's or a client's
 *			UDP ports
 * @skb: the frame
 * @cls: the classifier's result for it, APEDGE_CLS_DHCPV4 or _DHCPV6
 * @from_server: a server's message to a client (67 to 68, 547 to 546)
 *		 rather than a client's to a server (68 to 67, 546 to 547)
 *
 * Relayed messages (67 to 67, 547 to 547) are neither.  Pure.
 */
bool apedge_snoop_ports(const struct sk_buff *skb,
			const struct apedge_cls *cls, bool from_server)
{
	struct udphdr _uh;
	const struct udphdr *uh;
	u16 server, client;

	if (cls->class == APEDGE_CLS_DHCPV4) {
		server = BOOTP_SERVER_PORT;
		client = BOOTP_CLIENT_PORT;
	} else if (cls->class == APEDGE_CLS_DHCPV6) {
		server = DHCPV6_SERVER_PORT;
		client = DHCPV6_CLIENT_PORT;
	} else {
		return false;
	}
	uh = skb_header_pointer(skb, cls->l4off, sizeof(_uh), &_uh);
	if (!uh)
		return false;
	if (from_server)
		return uh->source == htons(server) && uh->dest == htons(client);
	return uh->source == htons(client) && uh->dest == htons(server);
}

/* The UDP payload's bounds [*start, *end), within the skb. */
static bool apedge_snoop_udp(const struct sk_buff *skb,
			     const struct apedge_cls *cls,
			     unsigned int *start, unsigned int *end)
{
	struct udphdr _uh;
	const struct udphdr *uh;
	unsigned int ulen;

	if (cls->flags & APEDGE_CLSF_FRAG)
		return false;
	uh = skb_header_pointer(skb, cls->l4off, sizeof(_uh), &_uh);
	if (!uh)
		return false;
	ulen = ntohs(uh->len);
	if (ulen < sizeof(_uh) || cls->l4off + ulen > skb->len)
		return false;
	*start = cls->l4off + sizeof(_uh);
	*end = cls->l4off + ulen;
	return true;
}

/*
 * The value of DHCPv4 option code, of exactly len bytes (at most 4), in
 * the options [p, end): false if absent, of another length, or cut.
 */
static bool apedge_dhcpv4_opt_in(const struct sk_buff *skb, unsigned int p,
				 unsigned int end, u8 code, u8 *val,
				 unsigned int len)
{
	u8 _b[6];
	const u8 *b;

	while (p < end) {
		b = skb_header_pointer(skb, p, 1, _b);
		if (!b || b[0] == DHCP_OPT_END)
			return false;
		if (b[0] == DHCP_OPT_PAD) {
			p++;
			continue;
		}
		if (p + 2 > end)
			return false;
		b = skb_header_pointer(skb, p, 2, _b);
		if (!b || p + 2 + b[1] > end)
			return false;
		if (b[0] == code) {
			if (b[1] != len)
				return false;
			b = skb_header_pointer(skb, p, 2 + len, _b);
			if (!b)
				return false;
			memcpy(val, b + 2, len);
			return true;
		}
		p += 2 + b[1];
	}
	return false;
}

/*
 * The value of DHCPv4 option code of the message at m whose options end
 * at end: in the options field, else in file and sname if option 52
 * says they hold options (RFC 2131 4.1).
 */
static bool apedge_dhcpv4_opt(const struct sk_buff *skb, unsigned int m,
			      unsigned int end, u8 code, u8 *val,
			      unsigned int len)
{
	u8 ov;

	if (apedge_dhcpv4_opt_in(skb, m + BOOTP_OPTS, end, code, val, len))
		return true;
	if (!apedge_dhcpv4_opt_in(skb, m + BOOTP_OPTS, end, DHCP_OPT_OVERLOAD,
				  &ov, 1))
		return false;
	if ((ov & DHCP_OVERLOAD_FILE) &&
	    apedge_dhcpv4_opt_in(skb, m + BOOTP_FILE, m + BOOTP_FIXED_LEN,
				 code, val, len))
		return true;
	return (ov & DHCP_OVERLOAD_SNAME) &&
	       apedge_dhcpv4_opt_in(skb, m + BOOTP_SNAME, m + BOOTP_FILE,
				    code, val, len);
}

/* The 4-byte value of DHCPv4 option code, as apedge_dhcpv4_opt(). */
static bool apedge_dhcpv4_opt32(const struct sk_buff *skb, unsigned int m,
				unsigned int end, u8 code, u32 *val)
{
	u8 b[4];

	if (!apedge_dhcpv4_opt(skb, m, end, code, b, sizeof(b)))
		return false;
	*val = apedge_be32(b);
	return true;
}

/*
 * The fixed header of a BOOTP message of op with DHCP's cookie and an
 * Ethernet chaddr that can be a station's; its options are [*m + 240,
 * *end).  Reads the header into buf.
 */
static const u8 *apedge_bootp(const struct sk_buff *skb,
			      const struct apedge_cls *cls, u8 op,
			      unsigned int *m, unsigned int *end, u8 *buf)
{
	const __be32 *c;
	__be32 _c;
	const u8 *h;

	if (!apedge_snoop_ports(skb, cls, op == 2) ||
	    !apedge_snoop_udp(skb, cls, m, end) || *end - *m < BOOTP_OPTS)
		return NULL;
	h = skb_header_pointer(skb, *m, BOOTP_CHADDR + ETH_ALEN, buf);
	c = skb_header_pointer(skb, *m + BOOTP_FIXED_LEN, sizeof(_c), &_c);
	if (!h || !c || *c != htonl(DHCP_MAGIC))
		return NULL;
	/* Ethernet hardware addresses only. */
	if (h[0] != op || h[1] != 1 || h[2] != ETH_ALEN ||
	    !apedge_mac_ok(h + BOOTP_CHADDR))
		return NULL;
	*end = min_t(unsigned int, *end, *m + BOOTP_OPTS + DHCP_OPTS_SCAN_MAX);
	return h;
}

/**
 * apedge_snoop_dhcpv4_request - a DHCPv4 client's REQUEST
 * @skb: the frame
 * @cls: the classifier's result for it
 * @req: the result
 *
 * Return: true for a REQUEST from port 68 to 67.  Pure; any context.
 */
bool apedge_snoop_dhcpv4_request(const struct sk_buff *skb,
				 const struct apedge_cls *cls,
				 struct apedge_snoop_req *req)
{
	u8 _h[BOOTP_CHADDR + ETH_ALEN];
	unsigned int m, end;
	const u8 *h;
	u32 addr;

	memset(req, 0, sizeof(*req));
	if (cls->class != APEDGE_CLS_DHCPV4 || cls->type != DHCPV4_REQUEST)
		return false;
	h = apedge_bootp(skb, cls, 1, &m, &end, _h);
	if (!h)
		return false;
	req->xid = apedge_be32(h + BOOTP_XID);
	memcpy(req->mac, h + BOOTP_CHADDR, ETH_ALEN);
	if (!apedge_dhcpv4_opt32(skb, m, end, DHCP_OPT_REQ_ADDR, &addr))
		addr = apedge_be32(h + BOOTP_CIADDR);
	req->addr = htonl(addr);
	return true;
}

/**
 * apedge_snoop_chaddr_is - whether a DHCPv4 message's chaddr is mac
 * @skb: the frame
 * @cls: the classifier's result for it, APEDGE_CLS_DHCPV4
 * @mac: the MAC address, the frame's source
 *
 * False also for a hardware type other than Ethernet or a message too
 * short to hold chaddr.  Pure; any context.
 */
bool apedge_snoop_chaddr_is(const struct sk_buff *skb,
			    const struct apedge_cls *cls, const u8 *mac)
{
	u8 _h[BOOTP_CHADDR + ETH_ALEN];
	const u8 *h;

	if (cls->class != APEDGE_CLS_DHCPV4)
		return false;
	h = skb_header_pointer(skb, cls->l4off + sizeof(struct udphdr),
			       sizeof(_h), _h);
	return h && h[1] == 1 && h[2] == ETH_ALEN &&
	       !memcmp(h + BOOTP_CHADDR, mac, ETH_ALEN);
}

/**
 * apedge_snoop_dhcpv4_client - whether a frame is a DHCPv4 client's
 *				message from a client without an address
 * @skb: the frame
 * @cls: the classifier's result for it
 * @src: the frame's source MAC address
 *
 * From UDP port 68 to 67, a BOOTREQUEST with DHCP's cookie, an Ethernet
 * chaddr equal to @src and ciaddr 0; not a fragment.  The IP addresses
 * are the caller's to check.  Pure; any context.
 */
bool apedge_snoop_dhcpv4_client(const struct sk_buff *skb,
				const struct apedge_cls *cls, const u8 *src)
{
	u8 _h[BOOTP_CHADDR + ETH_ALEN];
	unsigned int m, end;
	const u8 *h;

	if (cls->class != APEDGE_CLS_DHCPV4)
		return false;
	h = apedge_bootp(skb, cls, 1, &m, &end, _h);
	return h && !apedge_be32(h + BOOTP_CIADDR) &&
	       !memcmp(h + BOOTP_CHADDR, src, ETH_ALEN);
}

/**
 * apedge_snoop_dhcpv4 - the bindings a DHCPv4 message makes or ends
 * @skb: the frame
 * @cls: the classifier's result for it
 * @sn: the result
 *
 * An ACK binds, a RELEASE or DECLINE unbinds what it names.
 * A NAK's result names no address (@sn->nak, @sn->naddr 0): the caller
 * takes it from the REQUEST the NAK answers.
 *
 * Return: true if @sn says something.  Pure; any context.
 */
bool apedge_snoop_dhcpv4(const struct sk_buff *skb,
			 const struct apedge_cls *cls,
			 struct apedge_snoop *sn)
{
	u8 _h[BOOTP_CHADDR + ETH_ALEN];
	unsigned int m, end;
	u32 lease, addr;
	__be32 baddr;
	const u8 *h;
	bool client;

	memset(sn, 0, sizeof(*sn));
	if (cls->class != APEDGE_CLS_DHCPV4)
		return false;
	if (cls->type != DHCPV4_ACK && cls->type != DHCPV4_NAK &&
	    cls->type != DHCPV4_RELEASE && cls->type != DHCPV4_DECLINE)
		return false;
	client = cls->type == DHCPV4_RELEASE || cls->type == DHCPV4_DECLINE;
	h = apedge_bootp(skb, cls, client ? 1 : 2, &m, &end, _h);
	if (!h)
		return false;
	memcpy(sn->mac, h + BOOTP_CHADDR, ETH_ALEN);
	sn->xid = apedge_be32(h + BOOTP_XID);
	sn->family = AF_INET;

	switch (cls->type) {
	case DHCPV4_ACK:
		if (!apedge_be32(h + BOOTP_YIADDR))
			return false;
		if (!apedge_dhcpv4_opt32(skb, m, end, DHCP_OPT_LEASE, &lease))
			return false;
		memcpy(sn->addr[0].addr, h + BOOTP_YIADDR, 4);
		sn->addr[0].lifetime = lease;
		sn->op = APEDGE_SNOOP_LEARN;
		break;
	case DHCPV4_NAK:
		sn->op = APEDGE_SNOOP_FORGET;
		sn->nak = 1;
		return true;
	case DHCPV4_DECLINE:
		/* RFC 2131 4.4.3: the address is in option 50, ciaddr 0. */
		if (!apedge_dhcpv4_opt32(skb, m, end, DHCP_OPT_REQ_ADDR,
					 &addr) || !addr)
			return false;
		baddr = htonl(addr);
		memcpy(sn->addr[0].addr, &baddr, 4);
		sn->op = APEDGE_SNOOP_FORGET;
		break;
	default:	/* RELEASE */
		if (!apedge_be32(h + BOOTP_CIADDR))
			return false;
		memcpy(sn->addr[0].addr, h + BOOTP_CIADDR, 4);
		sn->op = APEDGE_SNOOP_FORGET;
		break;
	}
	sn->naddr = 1;
	return true;
}

/*
 * The IAADDRs of the IA_NA or IA_TA whose options are [p, end), after
 * its fixed fields.
 */
static void apedge_dhcpv6_ia(const struct sk_buff *skb, unsigned int p,
			     unsigned int end, struct apedge_snoop *sn)
{
	u8 _o[4 + DHCPV6_IAADDR_LEN];
	const u8 *o;
	unsigned int len, n;

	for (n = 0; n < DHCPV6_OPTS_MAX && p + 4 <= end; n++) {
		o = skb_header_pointer(skb, p, 4, _o);
		if (!o)
			return;
		len = (o[2] << 8) | o[3];
		if (p + 4 + len > end)
			return;
		if (((o[0] << 8) | o[1]) == DHCPV6_OPT_IAADDR &&
		    len >= DHCPV6_IAADDR_LEN &&
		    sn->naddr < APEDGE_SNOOP_ADDRS) {
			o = skb_header_pointer(skb, p, sizeof(_o), _o);
			if (!o)
				return;
			memcpy(sn->addr[sn->naddr].addr, o + 4, 16);
			sn->addr[sn->naddr].lifetime = apedge_be32(o + 24);
			sn->naddr++;
		}
		p += 4 + len;
	}
}

/**
 * apedge_snoop_dhcpv6 - the bindings a DHCPv6 message makes or ends
 * @skb: the frame
 * @cls: the classifier's result for it
 * @mac: the client's MAC address: the frame's destination for a REPLY,
 *	 its source for a RELEASE or DECLINE
 * @sn: the result
 *
 * Return: true if @sn holds at least one address.  Pure; any context.
 */
bool apedge_snoop_dhcpv6(const struct sk_buff *skb,
			 const struct apedge_cls *cls, const u8 *mac,
			 struct apedge_snoop *sn)
{
	unsigned int p, end, len, n;
	u8 _o[4], op;
	const u8 *o;

	memset(sn, 0, sizeof(*sn));
	if (cls->class != APEDGE_CLS_DHCPV6 || !apedge_mac_ok(mac))
		return false;
	if (cls->type == DHCPV6_REPLY)
		op = APEDGE_SNOOP_LEARN;
	else if (cls->type == DHCPV6_RELEASE || cls->type == DHCPV6_DECLINE)
		op = APEDGE_SNOOP_FORGET;
	else
		return false;
	if (!apedge_snoop_ports(skb, cls, op == APEDGE_SNOOP_LEARN) ||
	    !apedge_snoop_udp(skb, cls, &p, &end))
		return false;

	p += 4;		/* msg-type, transaction-id */
	for (n = 0; n < DHCPV6_OPTS_MAX && p + 4 <= end; n++) {
		o = skb_header_pointer(skb, p, sizeof(_o), _o);
		if (!o)
			break;
		len = (o[2] << 8) | o[3];
		if (p + 4 + len > end)
			break;
		switch ((o[0] << 8) | o[1]) {
		case DHCPV6_OPT_IA_NA:
			if (len >= DHCPV6_IA_NA_LEN)
				apedge_dhcpv6_ia(skb, p + 4 + DHCPV6_IA_NA_LEN,
						 p + 4 + len, sn);
			break;
		case DHCPV6_OPT_IA_TA:
			if (len >= DHCPV6_IA_TA_LEN)
				apedge_dhcpv6_ia(skb, p + 4 + DHCPV6_IA_TA_LEN,
						 p + 4 + len, sn);
			break;
		case DHCPV6_OPT_IA_PD:
			/* Its IAPREFIXes: prefix bindings are to come. */
		default:
			break;
		}
		p += 4 + len;
	}
	if (!sn->naddr)
		return false;
	sn->op = op;
	sn->family = AF_INET6;
	memcpy(sn->mac, mac, ETH_ALEN);
	return true;
}
