// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: dhcp4/wire.c.  The input is tried as a DHCP message,
 * as an IPv4/UDP frame around one, and as an ARP packet.
 *
 * Properties checked (abort() on failure):
 * - a parsed message's lists are within their maxima, its strings are
 *   NUL-terminated, and the names that reach resolv.conf and a hook's
 *   environment (domain, search) hold only letters, digits, '-', '_'
 *   and '.';
 * - every client message type built from a parsed message's fields
 *   parses back with the same header, type, and the options RFC 2131
 *   table 5 lets that type carry;
 * - a parsed frame's payload lies inside the input; framed again it
 *   parses to the same payload and source;
 * - an ARP packet that parses builds back into the same 28 bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "dhcp4/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_name(const char *s, size_t max)
{
	size_t n = strnlen(s, max + 1), i;

	if (n > max)
		abort();
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			abort();
	}
}

static void check_msg(const struct dhcp4_msg *m)
{
	unsigned int i;

	if (m->n_routes > DHCP4_ROUTES_MAX || m->n_routers >
	    DHCP4_ROUTERS_MAX || m->n_dns > DHCP4_DNS_MAX ||
	    m->n_search > DHCP4_SEARCH_MAX)
		abort();
	if (m->type < DHCP4_DISCOVER || m->type > DHCP4_TYPE_MAX)
		abort();
	if (m->overload > 3)
		abort();
	for (i = 0; i < m->n_routes; i++)
		if (m->routes[i].plen > 32)
			abort();
	check_name(m->domain, DHCP4_NAME_MAX);
	for (i = 0; i < m->n_search; i++) {
		check_name(m->search[i], DHCP4_NAME_MAX);
		if (!m->search[i][0])
			abort();
	}
	if (strnlen(m->message, DHCP4_MESSAGE_MAX + 1) > DHCP4_MESSAGE_MAX)
		abort();
}

static const uint8_t prl[] = { 1, 3, 6, 15, 119, 121 };
static const uint8_t cid[] = { 1, 2, 3, 4, 5, 6, 7 };

static void rebuild(const struct dhcp4_msg *m)
{
	static uint8_t buf[DHCP4_MSG_MAX];
	enum dhcp4_type t;

	for (t = DHCP4_DISCOVER; t <= DHCP4_TYPE_MAX; t++) {
		struct dhcp4_build b = {
			.type = t, .xid = m->xid, .secs = m->secs,
			.broadcast = m->flags & 0x8000, .ciaddr = m->ciaddr,
			.requested = m->yiaddr, .server_id = m->server_id,
			.lease_s = m->lease_s, .client_id = cid,
			.client_id_len = sizeof(cid), .hostname = "h",
			.vendor_class = "apedge", .prl = prl,
			.prl_len = sizeof(prl), .max_size = DHCP4_MAX_MSG_SIZE,
			.message = m->message,
		};
		bool sid = t != DHCP4_DISCOVER && t != DHCP4_INFORM &&
			   m->server_id.s_addr;
		bool lease = (t == DHCP4_DISCOVER || t == DHCP4_REQUEST) &&
			     m->lease_s;
		struct dhcp4_msg p;
		size_t n;

		memcpy(b.mac, m->chaddr, 6);
		n = dhcp4_msg_build(buf, sizeof(buf), &b);
		if (!n)
			abort();	/* everything fits in 1,500 bytes */
		if (dhcp4_msg_parse(buf, n, &p) != DHCP4_OK)
			abort();
		check_msg(&p);
		if (p.op != 1 || p.type != t || p.xid != m->xid ||
		    p.secs != m->secs ||
		    (p.flags != 0) != !!(m->flags & 0x8000) ||
		    p.ciaddr.s_addr != m->ciaddr.s_addr ||
		    memcmp(p.chaddr, m->chaddr, 6) || p.overload)
			abort();
		if (p.has_server_id != sid ||
		    (sid && p.server_id.s_addr != m->server_id.s_addr))
			abort();
		if (p.has_lease != lease || (lease && p.lease_s != m->lease_s))
			abort();
		if ((t == DHCP4_DECLINE || t == DHCP4_RELEASE) &&
		    strcmp(p.message, m->message))
			abort();
	}
}

static void frame(const uint8_t *data, size_t size)
{
	static uint8_t buf[0x10000];
	const uint8_t *pl, *pl2;
	size_t plen, plen2, n;
	struct in_addr src, src2, dst = { 0xffffffff };
	struct dhcp4_msg m;

	if (dhcp4_frame_parse(data, size, 67, 68, &src, &pl, &plen))
		return;
	if (pl < data || pl + plen > data + size)
		abort();
	if (dhcp4_msg_parse(pl, plen, &m) == DHCP4_OK)
		check_msg(&m);
	n = dhcp4_frame_build(buf, sizeof(buf), src, dst, 67, 68, pl, plen);
	if (!n || n != plen + 28)
		abort();
	if (dhcp4_frame_parse(buf, n, 67, 68, &src2, &pl2, &plen2) ||
	    plen2 != plen || memcmp(pl2, pl, plen) ||
	    src2.s_addr != src.s_addr)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dhcp4_msg m;
	struct dhcp4_arp a;
	uint8_t arp[DHCP4_ARP_LEN];

	if (dhcp4_msg_parse(data, size, &m) == DHCP4_OK) {
		check_msg(&m);
		rebuild(&m);
	}
	frame(data, size);
	if (dhcp4_arp_parse(data, size, &a) == DHCP4_OK) {
		if (dhcp4_arp_build(arp, sizeof(arp), &a) != DHCP4_ARP_LEN ||
		    memcmp(arp, data, DHCP4_ARP_LEN))
			abort();
	}
	return 0;
}
