// SPDX-License-Identifier: GPL-2.0
/*
 * The interface watcher without a socket: the parsers on real kernel
 * messages (netif_vec.h) and every truncation of them, then the table, its
 * events, the subscribers and the dumps, fed through netif_input() with
 * messages built here.  lib_netif_kernel.c runs it against the kernel.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/if.h>		/* before <linux/if.h> */
#include <net/if_arp.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "lib/loop.h"
#include "lib/netif.h"
#include "lib/netif_wire.h"
#include "netif_vec.h"
#include "nlmb.h"
#include "ut.h"

#define IFF_LOWER 0x10000u
#define PORTID 4242

static size_t unhex(const char *hex, uint8_t *out, size_t size)
{
	size_t n = strlen(hex) / 2, i;

	if (n > size)
		abort();
	for (i = 0; i < n; i++) {
		unsigned int b;

		if (sscanf(hex + 2 * i, "%2x", &b) != 1)
			abort();
		out[i] = (uint8_t)b;
	}
	return n;
}

/* ---- the parsers on real messages ----------------------------------------- */

UT_CASE(wire_link_veth)
{
	static const uint8_t mac[] = { 2, 0, 0, 0, 0, 1 };
	uint8_t buf[2048];
	size_t len = unhex(vec_newlink_v0, buf, sizeof(buf));
	struct netif_wire_link m;

	UT_ASSERT(netif_wire_link(buf, len, &m) == NETIF_WIRE_OK);
	UT_EXPECT(!m.del);
	UT_EXPECT(m.index == 3);
	UT_EXPECT_STR(m.name, "v0");
	UT_EXPECT(m.type == ARPHRD_ETHER);
	UT_EXPECT(m.flags == 0x1002);		/* BROADCAST|MULTICAST, down */
	UT_EXPECT(m.has_hwaddr && m.hwaddr_len == 6 &&
		  !memcmp(m.hwaddr, mac, 6));
	UT_EXPECT(m.has_mtu && m.mtu == 1500);
	UT_EXPECT(m.has_operstate && m.operstate == IF_OPER_DOWN);
	UT_EXPECT(!m.has_master);
	UT_EXPECT(m.has_link && m.link == 2);	/* its peer, v1 */
	UT_EXPECT_STR(m.kind, "veth");
	UT_EXPECT(!m.wireless);
}

UT_CASE(wire_link_bridge_and_port)
{
	uint8_t buf[2048];
	size_t len = unhex(vec_newlink_br0, buf, sizeof(buf));
	struct netif_wire_link m;

	UT_ASSERT(netif_wire_link(buf, len, &m) == NETIF_WIRE_OK);
	UT_EXPECT(m.index == 4);
	UT_EXPECT_STR(m.name, "br0");
	UT_EXPECT_STR(m.kind, "bridge");
	UT_EXPECT(!m.has_link);

	len = unhex(vec_newlink_v1_port, buf, sizeof(buf));
	UT_ASSERT(netif_wire_link(buf, len, &m) == NETIF_WIRE_OK);
	UT_EXPECT(m.index == 2);
	UT_EXPECT_STR(m.name, "v1");
	UT_EXPECT(m.has_master && m.master == 4);
	UT_EXPECT((m.flags & (IFF_UP | IFF_LOWER)) == (IFF_UP | IFF_LOWER));
	UT_EXPECT(m.operstate == IF_OPER_UP);
}

/* A bridge's port events are AF_BRIDGE: its DELLINK is no link going. */
UT_CASE(wire_link_bridge_family_ignored)
{
	uint8_t buf[2048];
	struct netif_wire_link m;
	size_t len;

	len = unhex(vec_newlink_bridge_af, buf, sizeof(buf));
	UT_EXPECT(netif_wire_link(buf, len, &m) == NETIF_WIRE_IGNORED);
	len = unhex(vec_dellink_bridge_af, buf, sizeof(buf));
	UT_EXPECT(netif_wire_link(buf, len, &m) == NETIF_WIRE_IGNORED);
	/* Nor is an address message a link message, or the reverse. */
	len = unhex(vec_newaddr_v4, buf, sizeof(buf));
	UT_EXPECT(netif_wire_link(buf, len, &m) == NETIF_WIRE_IGNORED);
}

UT_CASE(wire_dellink)
{
	uint8_t buf[2048];
	size_t len = unhex(vec_dellink_w0, buf, sizeof(buf));
	struct netif_wire_link m;

	UT_ASSERT(netif_wire_link(buf, len, &m) == NETIF_WIRE_OK);
	UT_EXPECT(m.del);
	UT_EXPECT(m.index == 3);
	UT_EXPECT_STR(m.name, "w0");
}

UT_CASE(wire_addr_v4)
{
	uint8_t buf[256];
	size_t len = unhex(vec_newaddr_v4, buf, sizeof(buf));
	struct netif_wire_addr m;
	struct in_addr want;

	inet_pton(AF_INET, "192.0.2.1", &want);
	UT_ASSERT(netif_wire_addr(buf, len, &m) == NETIF_WIRE_OK);
	UT_EXPECT(!m.del);
	UT_EXPECT(m.family == AF_INET);
	UT_EXPECT(m.index == 3);
	UT_EXPECT(m.prefixlen == 24);
	UT_EXPECT(m.scope == RT_SCOPE_UNIVERSE);
	UT_EXPECT(m.flags == IFA_F_PERMANENT);
	UT_EXPECT(m.addr.v4.s_addr == want.s_addr);

	len = unhex(vec_deladdr_v4, buf, sizeof(buf));
	UT_ASSERT(netif_wire_addr(buf, len, &m) == NETIF_WIRE_OK);
	UT_EXPECT(m.del);
	UT_EXPECT(m.addr.v4.s_addr == want.s_addr);
}

UT_CASE(wire_addr_v6)
{
	uint8_t buf[256];
	size_t len = unhex(vec_newaddr_v6_tentative, buf, sizeof(buf));
	struct netif_wire_addr m;
	struct in6_addr want;

	inet_pton(AF_INET6, "2001:db8::1", &want);
	UT_ASSERT(netif_wire_addr(buf, len, &m) == NETIF_WIRE_OK);
	UT_EXPECT(m.family == AF_INET6);
	UT_EXPECT(m.prefixlen == 64);
	UT_EXPECT(m.flags == (IFA_F_PERMANENT | IFA_F_TENTATIVE));
	UT_EXPECT(!memcmp(&m.addr.v6, &want, 16));

	len = unhex(vec_newaddr_v6, buf, sizeof(buf));
	UT_ASSERT(netif_wire_addr(buf, len, &m) == NETIF_WIRE_OK);
	UT_EXPECT(m.flags == IFA_F_PERMANENT);

	len = unhex(vec_newaddr_v6_ll, buf, sizeof(buf));
	UT_ASSERT(netif_wire_addr(buf, len, &m) == NETIF_WIRE_OK);
	UT_EXPECT(m.scope == RT_SCOPE_LINK);
	UT_EXPECT(IN6_IS_ADDR_LINKLOCAL(&m.addr.v6));
}

static const char *const all_vectors[] = {
	vec_newlink_v0, vec_newlink_br0, vec_newlink_v1_port,
	vec_newlink_bridge_af, vec_dellink_bridge_af, vec_newaddr_v4,
	vec_newaddr_v6_tentative, vec_newaddr_v6, vec_newaddr_v6_ll,
	vec_deladdr_v4, vec_dellink_w0,
};

static enum netif_wire_err parse_any(const void *buf, size_t len)
{
	struct netif_wire_link l;
	struct netif_wire_addr a;
	enum netif_wire_err e = netif_wire_link(buf, len, &l);

	return e == NETIF_WIRE_IGNORED ? netif_wire_addr(buf, len, &a) : e;
}

/*
 * Every truncation of every vector, in a buffer of exactly that size (so
 * ASan sees any read past it): with the header's length kept, each is
 * refused as truncated; with the header's length cut to match, each is
 * refused or read without reading past the end.
 */
UT_CASE(wire_every_truncation)
{
	size_t v;

	for (v = 0; v < sizeof(all_vectors) / sizeof(all_vectors[0]); v++) {
		uint8_t full[2048];
		size_t len = unhex(all_vectors[v], full, sizeof(full)), cut;
		enum netif_wire_err whole = parse_any(full, len);

		UT_EXPECT(whole == NETIF_WIRE_OK ||
			  whole == NETIF_WIRE_IGNORED);
		for (cut = 0; cut < len; cut++) {
			uint8_t *b = malloc(cut ? cut : 1);
			enum netif_wire_err e;
			uint32_t nl = (uint32_t)cut;

			memcpy(b, full, cut);
			e = parse_any(b, cut);
			if (e != NETIF_WIRE_TRUNCATED) {
				fprintf(stderr, "  vector %zu cut at %zu: %s\n",
					v, cut, netif_wire_err_name(e));
				*ut_failed = 1;
			}
			if (cut >= sizeof(nl)) {
				memcpy(b, &nl, sizeof(nl));
				e = parse_any(b, cut);
				/* A cut between attributes loses them only. */
				UT_EXPECT(e < NETIF_WIRE_ERR_MAX);
			}
			free(b);
		}
	}
}

/* Cut just after an attribute: what came before is read. */
UT_CASE(wire_cut_between_attributes)
{
	uint8_t buf[2048];
	size_t len = unhex(vec_newaddr_v4, buf, sizeof(buf));
	struct netif_wire_addr m;
	uint32_t nl = 16 + 8 + 8;	/* headers and IFA_ADDRESS */

	memcpy(buf, &nl, sizeof(nl));
	UT_ASSERT(netif_wire_addr(buf, len, &m) == NETIF_WIRE_OK);
	UT_EXPECT(m.prefixlen == 24);
	nl = 16 + 8 + 6;		/* inside IFA_ADDRESS */
	memcpy(buf, &nl, sizeof(nl));
	UT_EXPECT(netif_wire_addr(buf, len, &m) == NETIF_WIRE_BAD_ATTR);
	nl = 16 + 8 + 2;		/* two bytes of an attribute header */
	memcpy(buf, &nl, sizeof(nl));
	UT_EXPECT(netif_wire_addr(buf, len, &m) == NETIF_WIRE_BAD_ATTR);
}

/* ---- building messages ---------------------------------------------------- */

static void mb_rt(struct mb *m, uint16_t type, uint16_t flags, uint32_t seq,
		  uint32_t pid, const void *fixed, size_t n)
{
	struct nlmsghdr nlh = {
		.nlmsg_type = type, .nlmsg_flags = flags, .nlmsg_seq = seq,
		.nlmsg_pid = pid,
	};

	memset(m, 0, sizeof(*m));
	mb_put(m, &nlh, sizeof(nlh));
	mb_put(m, fixed, n);
	mb_pad(m);
}

struct lk {
	uint16_t type;		/* RTM_NEWLINK (0) or RTM_DELLINK */
	int index;
	const char *name;
	unsigned int flags;
	uint8_t mac_last;	/* 02:00:00:00:00:xx; 0: none */
	uint32_t mtu;		/* 0: none (a partial message) */
	int master;
	const char *kind;
	int vlan_id;		/* > 0: IFLA_INFO_DATA/IFLA_VLAN_ID */
	bool wireless;
	uint16_t family;	/* AF_UNSPEC (0) or AF_BRIDGE */
};

static void build_link(struct mb *m, const struct lk *k, uint16_t flags,
		       uint32_t seq, uint32_t pid)
{
	struct ifinfomsg ifi = {
		.ifi_family = (uint8_t)k->family, .ifi_type = ARPHRD_ETHER,
		.ifi_index = k->index, .ifi_flags = k->flags,
	};

	mb_rt(m, k->type ? k->type : RTM_NEWLINK, flags, seq, pid, &ifi,
	      sizeof(ifi));
	if (k->name)
		mb_str(m, IFLA_IFNAME, k->name);
	if (k->mac_last) {
		uint8_t mac[6] = { 2, 0, 0, 0, 0, k->mac_last };

		mb_attr(m, IFLA_ADDRESS, mac, sizeof(mac));
	}
	if (k->mtu) {
		uint8_t op = k->flags & IFF_LOWER ? IF_OPER_UP :
						     IF_OPER_DOWN;

		mb_u32(m, IFLA_MTU, k->mtu);
		mb_attr(m, IFLA_OPERSTATE, &op, 1);
	}
	if (k->master)
		mb_u32(m, IFLA_MASTER, (uint32_t)k->master);
	if (k->kind) {
		mb_nest_start(m, IFLA_LINKINFO);
		mb_str(m, IFLA_INFO_KIND, k->kind);
		if (k->vlan_id > 0) {
			uint16_t id = (uint16_t)k->vlan_id;

			mb_nest_start(m, IFLA_INFO_DATA);
			mb_attr(m, IFLA_VLAN_ID, &id, sizeof(id));
			mb_nest_end(m);
		}
		mb_nest_end(m);
	}
	if (k->wireless)
		mb_attr(m, IFLA_WIRELESS, "\x08\x00\x1b\x8b\x00\x00\x00\x00",
			8);
	mb_end(m);
}

struct ad {
	uint16_t type;		/* RTM_NEWADDR (0) or RTM_DELADDR */
	int index;
	const char *addr;	/* "192.0.2.1" or "2001:db8::1" */
	uint8_t prefixlen;
	uint32_t flags;
	uint8_t scope;
};

static void build_addr(struct mb *m, const struct ad *a, uint16_t flags,
		       uint32_t seq, uint32_t pid)
{
	bool v6 = strchr(a->addr, ':') != NULL;
	struct ifaddrmsg ifa = {
		.ifa_family = v6 ? AF_INET6 : AF_INET,
		.ifa_prefixlen = a->prefixlen, .ifa_flags = (uint8_t)a->flags,
		.ifa_scope = a->scope, .ifa_index = (uint32_t)a->index,
	};
	uint8_t ip[16];

	inet_pton(ifa.ifa_family, a->addr, ip);
	mb_rt(m, a->type ? a->type : RTM_NEWADDR, flags, seq, pid, &ifa,
	      sizeof(ifa));
	mb_attr(m, IFA_ADDRESS, ip, v6 ? 16 : 4);
	if (!v6)
		mb_attr(m, IFA_LOCAL, ip, 4);
	mb_u32(m, IFA_FLAGS, a->flags);
	mb_end(m);
}

/* ---- the parsers on built messages ---------------------------------------- */

UT_CASE(wire_link_refusals)
{
	struct netif_wire_link w;
	struct mb m;
	struct lk k = { .index = 5, .name = "eth0", .mtu = 1500 };

	build_link(&m, &k, 0, 0, 0);
	UT_EXPECT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_OK);

	k.index = 0;
	build_link(&m, &k, 0, 0, 0);
	UT_EXPECT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_NO_INDEX);
	k.index = -3;
	build_link(&m, &k, 0, 0, 0);
	UT_EXPECT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_NO_INDEX);
	k.index = 5;

	k.name = NULL;
	build_link(&m, &k, 0, 0, 0);
	UT_EXPECT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_NO_NAME);
	k.type = RTM_DELLINK;		/* a DELLINK needs only the index */
	build_link(&m, &k, 0, 0, 0);
	UT_EXPECT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_OK);
	UT_EXPECT(w.del && w.index == 5);
	k.type = 0;

	k.name = "";
	build_link(&m, &k, 0, 0, 0);
	UT_EXPECT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_BAD_NAME);
	k.name = "sixteen-chars-xx";	/* IFNAMSIZ with its NUL is 16 */
	build_link(&m, &k, 0, 0, 0);
	UT_EXPECT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_BAD_NAME);
	k.name = "fifteen-chars-x";
	build_link(&m, &k, 0, 0, 0);
	UT_EXPECT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_OK);
	UT_EXPECT_STR(w.name, "fifteen-chars-x");

	/* A name without its NUL. */
	{
		struct ifinfomsg ifi = { .ifi_index = 5 };

		mb_rt(&m, RTM_NEWLINK, 0, 0, 0, &ifi, sizeof(ifi));
		mb_attr(&m, IFLA_IFNAME, "eth0", 4);
		mb_end(&m);
		UT_EXPECT(netif_wire_link(m.buf, m.len, &w) ==
			  NETIF_WIRE_BAD_NAME);
	}
	/* An MTU of two bytes, a master of eight. */
	{
		struct ifinfomsg ifi = { .ifi_index = 5 };
		uint16_t two = 1500;
		uint64_t eight = 1;

		mb_rt(&m, RTM_NEWLINK, 0, 0, 0, &ifi, sizeof(ifi));
		mb_str(&m, IFLA_IFNAME, "eth0");
		mb_attr(&m, IFLA_MTU, &two, sizeof(two));
		mb_end(&m);
		UT_EXPECT(netif_wire_link(m.buf, m.len, &w) ==
			  NETIF_WIRE_BAD_LEN);
		mb_rt(&m, RTM_NEWLINK, 0, 0, 0, &ifi, sizeof(ifi));
		mb_str(&m, IFLA_IFNAME, "eth0");
		mb_attr(&m, IFLA_MASTER, &eight, sizeof(eight));
		mb_end(&m);
		UT_EXPECT(netif_wire_link(m.buf, m.len, &w) ==
			  NETIF_WIRE_BAD_LEN);
	}
	/* An attribute longer than its message. */
	{
		struct ifinfomsg ifi = { .ifi_index = 5 };
		uint16_t big = 200;

		mb_rt(&m, RTM_NEWLINK, 0, 0, 0, &ifi, sizeof(ifi));
		mb_str(&m, IFLA_IFNAME, "eth0");
		memcpy(m.buf + 32, &big, sizeof(big));
		mb_end(&m);
		UT_EXPECT(netif_wire_link(m.buf, m.len, &w) ==
			  NETIF_WIRE_BAD_ATTR);
	}
	/* Garbage after the last attribute. */
	build_link(&m, &(struct lk){ .index = 5, .name = "eth0" }, 0, 0, 0);
	mb_put(&m, "\x01\x02", 2);
	mb_end(&m);
	UT_EXPECT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_BAD_ATTR);
}

UT_CASE(wire_link_vlan_and_wireless)
{
	struct netif_wire_link w;
	struct mb m;

	build_link(&m, &(struct lk){ .index = 7, .name = "eth0.7",
				     .mtu = 1500, .kind = "vlan",
				     .vlan_id = 7 }, 0, 0, 0);
	UT_ASSERT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_OK);
	UT_EXPECT_STR(w.kind, "vlan");
	UT_EXPECT(w.has_vlan_id && w.vlan_id == 7);

	/* A VLAN ID of another kind is not read. */
	build_link(&m, &(struct lk){ .index = 7, .name = "x", .mtu = 1500,
				     .kind = "macvlan", .vlan_id = 7 },
		   0, 0, 0);
	UT_ASSERT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_OK);
	UT_EXPECT(!w.has_vlan_id);

	/* A kind too long to keep is left out, the link is not. */
	build_link(&m, &(struct lk){ .index = 7, .name = "x", .mtu = 1500,
				     .kind = "a-kind-of-20-chars!" }, 0, 0, 0);
	UT_ASSERT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_OK);
	UT_EXPECT_STR(w.kind, "");
	UT_EXPECT(w.has_linkinfo);

	/* A wireless extension event: name, flags, IFLA_WIRELESS. */
	build_link(&m, &(struct lk){ .index = 9, .name = "wlan0",
				     .flags = IFF_UP, .wireless = true },
		   0, 0, 0);
	UT_ASSERT(netif_wire_link(m.buf, m.len, &w) == NETIF_WIRE_OK);
	UT_EXPECT(w.wireless && !w.has_mtu && !w.has_hwaddr);
}

UT_CASE(wire_addr_refusals)
{
	struct netif_wire_addr w;
	struct mb m;
	struct ifaddrmsg ifa = { .ifa_family = AF_INET, .ifa_index = 3,
				 .ifa_prefixlen = 24 };

	/* Three bytes of IPv4 address. */
	mb_rt(&m, RTM_NEWADDR, 0, 0, 0, &ifa, sizeof(ifa));
	mb_attr(&m, IFA_LOCAL, "\xc0\x00\x02", 3);
	mb_end(&m);
	UT_EXPECT(netif_wire_addr(m.buf, m.len, &w) == NETIF_WIRE_BAD_LEN);
	/* No address at all. */
	mb_rt(&m, RTM_NEWADDR, 0, 0, 0, &ifa, sizeof(ifa));
	mb_end(&m);
	UT_EXPECT(netif_wire_addr(m.buf, m.len, &w) == NETIF_WIRE_NO_ADDRESS);
	/* A /33. */
	build_addr(&m, &(struct ad){ .index = 3, .addr = "192.0.2.1",
				     .prefixlen = 33 }, 0, 0, 0);
	UT_EXPECT(netif_wire_addr(m.buf, m.len, &w) == NETIF_WIRE_BAD_PREFIX);
	build_addr(&m, &(struct ad){ .index = 3, .addr = "2001:db8::1",
				     .prefixlen = 129 }, 0, 0, 0);
	UT_EXPECT(netif_wire_addr(m.buf, m.len, &w) == NETIF_WIRE_BAD_PREFIX);
	build_addr(&m, &(struct ad){ .index = 3, .addr = "2001:db8::1",
				     .prefixlen = 128 }, 0, 0, 0);
	UT_EXPECT(netif_wire_addr(m.buf, m.len, &w) == NETIF_WIRE_OK);
	/* Index 0. */
	build_addr(&m, &(struct ad){ .index = 0, .addr = "192.0.2.1",
				     .prefixlen = 24 }, 0, 0, 0);
	UT_EXPECT(netif_wire_addr(m.buf, m.len, &w) == NETIF_WIRE_NO_INDEX);
	/* Another family. */
	ifa.ifa_family = AF_PACKET;
	mb_rt(&m, RTM_NEWADDR, 0, 0, 0, &ifa, sizeof(ifa));
	mb_end(&m);
	UT_EXPECT(netif_wire_addr(m.buf, m.len, &w) == NETIF_WIRE_IGNORED);
	/* IFA_FLAGS of two bytes. */
	ifa.ifa_family = AF_INET;
	mb_rt(&m, RTM_NEWADDR, 0, 0, 0, &ifa, sizeof(ifa));
	mb_attr(&m, IFA_LOCAL, "\xc0\x00\x02\x01", 4);
	mb_attr(&m, IFA_FLAGS, "\x80\x00", 2);
	mb_end(&m);
	UT_EXPECT(netif_wire_addr(m.buf, m.len, &w) == NETIF_WIRE_BAD_LEN);
}

/* With a peer, IFA_LOCAL is our address and IFA_ADDRESS the peer's. */
UT_CASE(wire_addr_peer)
{
	struct netif_wire_addr w;
	struct mb m;
	struct ifaddrmsg ifa = { .ifa_family = AF_INET, .ifa_index = 3,
				 .ifa_prefixlen = 32 };

	mb_rt(&m, RTM_NEWADDR, 0, 0, 0, &ifa, sizeof(ifa));
	mb_attr(&m, IFA_ADDRESS, "\x0a\x00\x00\x02", 4);
	mb_attr(&m, IFA_LOCAL, "\x0a\x00\x00\x01", 4);
	mb_end(&m);
	UT_ASSERT(netif_wire_addr(m.buf, m.len, &w) == NETIF_WIRE_OK);
	UT_EXPECT(!memcmp(&w.addr.v4, "\x0a\x00\x00\x01", 4));
}

UT_CASE(wire_dump_requests)
{
	static const uint8_t link_req[] = {
		0x28, 0, 0, 0,  RTM_GETLINK, 0,  0x01, 0x03,
		0x07, 0, 0, 0,  0, 0, 0, 0,
		0, 0, 0, 0,  0, 0, 0, 0,  0, 0, 0, 0,  0, 0, 0, 0,
		0x08, 0, IFLA_EXT_MASK, 0,  RTEXT_FILTER_SKIP_STATS, 0, 0, 0,
	};
	static const uint8_t addr_req[] = {
		0x18, 0, 0, 0,  RTM_GETADDR, 0,  0x01, 0x03,
		0x08, 0, 0, 0,  0, 0, 0, 0,
		0, 0, 0, 0,  0, 0, 0, 0,
	};
	uint8_t buf[64];

	UT_EXPECT(netif_wire_dump_request(buf, sizeof(buf), RTM_GETLINK, 7) ==
		  sizeof(link_req));
	UT_EXPECT(!memcmp(buf, link_req, sizeof(link_req)));
	UT_EXPECT(netif_wire_dump_request(buf, sizeof(buf), RTM_GETADDR, 8) ==
		  sizeof(addr_req));
	UT_EXPECT(!memcmp(buf, addr_req, sizeof(addr_req)));
	UT_EXPECT(!netif_wire_dump_request(buf, sizeof(link_req) - 1,
					   RTM_GETLINK, 7));
	UT_EXPECT(!netif_wire_dump_request(buf, sizeof(addr_req) - 1,
					   RTM_GETADDR, 7));
	UT_EXPECT(!netif_wire_dump_request(buf, sizeof(buf), RTM_GETROUTE, 7));
}

/* ---- the table and its events --------------------------------------------- */

/* A recorder of events as text: "link-up v0; addr-new v0 192.0.2.1/24". */
struct rec {
	char log[4096];
	int n;
	struct netif *nf;
	struct netif_sub *sub;
	struct netif_sub *victim;	/* unsubscribed at the first event */
	bool unsub_self;
	bool free_self;
};

static void rec_add(struct rec *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void rec_add(struct rec *r, const char *fmt, ...)
{
	size_t len = strlen(r->log);
	va_list ap;

	if (len)
		len += (size_t)snprintf(r->log + len, sizeof(r->log) - len,
					"; ");
	va_start(ap, fmt);
	vsnprintf(r->log + len, sizeof(r->log) - len, fmt, ap);
	va_end(ap);
}

static void rec_cb(const struct netif_event *ev, void *data)
{
	struct rec *r = data;
	char a[INET6_ADDRSTRLEN], extra[64] = "";
	const char *mark = ev->replay ? "*" : ev->renamed ? "^" : "";

	r->n++;
	if (ev->type == NETIF_LINK_RENAME)
		snprintf(extra, sizeof(extra), " was %s", ev->old->name);
	if (ev->type == NETIF_LINK_CHANGE || ev->type == NETIF_ADDR_CHANGE)
		snprintf(extra, sizeof(extra), " %#x", ev->changed);
	if (ev->addr) {
		inet_ntop(ev->addr->family, &ev->addr->addr, a, sizeof(a));
		rec_add(r, "%s%s %s %s/%u%s%s", mark,
			netif_event_name(ev->type), ev->link->name, a,
			ev->addr->prefixlen,
			ev->addr->flags & IFA_F_TENTATIVE ? " tentative" : "",
			extra);
	} else {
		rec_add(r, "%s%s %s%s", mark, netif_event_name(ev->type),
			ev->link->name, extra);
	}
	if (r->victim) {
		netif_unsubscribe(r->victim);
		r->victim = NULL;
	}
	if (r->unsub_self) {
		netif_unsubscribe(r->sub);
		r->sub = NULL;
	}
	if (r->free_self) {
		netif_unsubscribe(r->sub);
		free(r);
	}
}

static void feed(struct netif *nf, const struct mb *m)
{
	netif_input(nf, m->buf, m->len);
}

static void feed_link(struct netif *nf, const struct lk *k)
{
	struct mb m;

	build_link(&m, k, 0, 0, 0);
	feed(nf, &m);
}

static void feed_addr(struct netif *nf, const struct ad *a)
{
	struct mb m;

	build_addr(&m, a, 0, 0, 0);
	feed(nf, &m);
}

static void feed_hex(struct netif *nf, const char *hex)
{
	uint8_t buf[2048];
	size_t len = unhex(hex, buf, sizeof(buf));

	netif_input(nf, buf, len);
}

/* The dump requests the table sent, for the tests of resync. */
struct dumps {
	uint16_t type[16];
	uint32_t seq[16];
	int n;
	int fail;		/* return -EBUSY this many times */
};

static int dump_fn(void *data, uint16_t type, uint32_t seq)
{
	struct dumps *d = data;

	if (d->fail) {
		d->fail--;
		return -EBUSY;
	}
	if (d->n < 16) {
		d->type[d->n] = type;
		d->seq[d->n] = seq;
	}
	d->n++;
	return 0;
}

static void feed_done(struct netif *nf, uint32_t seq, int32_t error)
{
	struct mb m;

	mb_rt(&m, NLMSG_DONE, NLM_F_MULTI, seq, PORTID, &error,
	      sizeof(error));
	mb_end(&m);
	feed(nf, &m);
}

struct fixture {
	struct loop *loop;
	struct netif *nf;
	struct dumps d;
};

static void fx_init(struct fixture *fx)
{
	memset(fx, 0, sizeof(*fx));
	fx->loop = loop_new();
	fx->nf = netif_new(fx->loop, dump_fn, &fx->d, PORTID);
}

static void fx_free(struct fixture *fx)
{
	netif_free(fx->nf);
	loop_free(fx->loop);
}

static struct netif_sub *rec_sub(struct fixture *fx, struct rec *r,
				 const char *name)
{
	r->nf = fx->nf;
	r->sub = netif_subscribe(fx->nf, name, rec_cb, r);
	loop_iterate(fx->loop, 0);	/* its replay */
	return r->sub;
}

#define V0 (&(struct lk){ .index = 3, .name = "v0", .mtu = 1500, \
			  .mac_last = 1, .kind = "veth" })

/* The capture's story, from the table's side, event by event. */
UT_CASE(table_link_story)
{
	struct fixture fx;
	struct rec all = { 0 }, named = { 0 };
	struct lk k = *V0;

	fx_init(&fx);
	rec_sub(&fx, &all, NULL);
	rec_sub(&fx, &named, "v0");

	feed_link(fx.nf, &k);
	k.flags = IFF_UP;			/* up, no carrier */
	feed_link(fx.nf, &k);
	k.flags = IFF_UP | IFF_LOWER | IFF_RUNNING;	/* peer up */
	feed_link(fx.nf, &k);
	feed_link(fx.nf, &k);			/* the same again: nothing */
	k.mac_last = 9;
	feed_link(fx.nf, &k);
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "192.0.2.1",
				       .prefixlen = 24 });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "2001:db8::1",
				       .prefixlen = 64,
				       .flags = IFA_F_TENTATIVE });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "2001:db8::1",
				       .prefixlen = 64 });
	k.flags = 0;				/* down: carrier goes too */
	feed_link(fx.nf, &k);
	k.name = "w0";
	feed_link(fx.nf, &k);
	feed_addr(fx.nf, &(struct ad){ .type = RTM_DELADDR, .index = 3,
				       .addr = "192.0.2.1", .prefixlen = 24 });
	k.type = RTM_DELLINK;
	feed_link(fx.nf, &k);

	UT_EXPECT_STR(all.log,
		"link-new v0; link-up v0; carrier-on v0; "
		"link-change v0 0x18; link-change v0 0x1; "
		"addr-new v0 192.0.2.1/24; "
		"addr-new v0 2001:db8::1/64 tentative; "
		"addr-change v0 2001:db8::1/64 0x40; "
		"link-change v0 0x18; carrier-off v0; link-down v0; "
		"link-rename w0 was v0; addr-del w0 192.0.2.1/24; "
		"addr-del w0 2001:db8::1/64; link-del w0");
	/* The subscriber of "v0" saw w0 go when v0 was renamed. */
	UT_EXPECT_STR(named.log,
		"link-new v0; link-up v0; carrier-on v0; "
		"link-change v0 0x18; link-change v0 0x1; "
		"addr-new v0 192.0.2.1/24; "
		"addr-new v0 2001:db8::1/64 tentative; "
		"addr-change v0 2001:db8::1/64 0x40; "
		"link-change v0 0x18; carrier-off v0; link-down v0; "
		"^addr-del w0 192.0.2.1/24; ^addr-del w0 2001:db8::1/64; "
		"^link-del w0");
	UT_EXPECT(netif_link_count(fx.nf) == 0);
	fx_free(&fx);
}

/* The real messages of the capture go through the table as well. */
UT_CASE(table_real_messages)
{
	struct fixture fx;
	struct rec all = { 0 };
	const struct netif_link *l;
	struct in_addr a4;

	fx_init(&fx);
	rec_sub(&fx, &all, NULL);
	feed_hex(fx.nf, vec_newlink_v0);
	feed_hex(fx.nf, vec_newlink_br0);
	feed_hex(fx.nf, vec_newlink_v1_port);
	feed_hex(fx.nf, vec_newlink_bridge_af);
	feed_hex(fx.nf, vec_newaddr_v4);
	feed_hex(fx.nf, vec_newaddr_v6_tentative);
	feed_hex(fx.nf, vec_newaddr_v6);
	feed_hex(fx.nf, vec_newaddr_v6_ll);
	feed_hex(fx.nf, vec_dellink_bridge_af);
	UT_EXPECT_STR(all.log,
		"link-new v0; link-new br0; link-new v1; "
		"addr-new v0 192.0.2.1/24; "
		"addr-new v0 2001:db8::1/64 tentative; "
		"addr-change v0 2001:db8::1/64 0x40; "
		"addr-new v0 fe80::ff:fe00:1/64");
	l = netif_link_by_name(fx.nf, "v1");
	UT_ASSERT(l);
	UT_EXPECT(l->index == 2 && l->master == 4 && l->link == 3);
	UT_EXPECT(netif_link_is_up(l) && netif_link_has_carrier(l));
	l = netif_link_by_index(fx.nf, 4);
	UT_ASSERT(l);
	UT_EXPECT_STR(l->kind, "bridge");
	UT_EXPECT(netif_addr4_first(fx.nf, 3, &a4));
	UT_EXPECT(a4.s_addr == htonl(0xc0000201));

	all.log[0] = '\0';
	feed_hex(fx.nf, vec_deladdr_v4);
	feed_hex(fx.nf, vec_dellink_w0);
	UT_EXPECT_STR(all.log,
		"addr-del v0 192.0.2.1/24; addr-del v0 2001:db8::1/64; "
		"addr-del v0 fe80::ff:fe00:1/64; link-del v0");
	UT_EXPECT(netif_link_count(fx.nf) == 2);
	UT_EXPECT(!netif_get_stats(fx.nf)->malformed[NETIF_WIRE_TRUNCATED]);
	fx_free(&fx);
}

/* A wireless extension event leaves what it does not carry alone. */
UT_CASE(table_partial_message)
{
	struct fixture fx;
	struct rec all = { 0 };
	const struct netif_link *l;

	fx_init(&fx);
	feed_link(fx.nf, &(struct lk){ .index = 9, .name = "wlan0",
				       .mtu = 1500, .mac_last = 5,
				       .master = 4, .flags = IFF_UP });
	rec_sub(&fx, &all, NULL);
	feed_link(fx.nf, &(struct lk){ .index = 9, .name = "wlan0",
				       .flags = IFF_UP, .wireless = true });
	l = netif_link_by_index(fx.nf, 9);
	UT_ASSERT(l);
	UT_EXPECT(l->master == 4 && l->mtu == 1500 && l->hwaddr_len == 6 &&
		  l->hwaddr[5] == 5);
	UT_EXPECT_STR(all.log, "*link-new wlan0");
	/* A full message without IFLA_MASTER: it left the bridge. */
	feed_link(fx.nf, &(struct lk){ .index = 9, .name = "wlan0",
				       .mtu = 1500, .mac_last = 5,
				       .flags = IFF_UP });
	UT_EXPECT(l->master == 0);
	UT_EXPECT_STR(all.log, "*link-new wlan0; link-change wlan0 0x4");
	fx_free(&fx);
}

/* A name subscriber follows the name across renames both ways. */
UT_CASE(table_rename_to_followed_name)
{
	struct fixture fx;
	struct rec named = { 0 }, all = { 0 };

	fx_init(&fx);
	feed_link(fx.nf, &(struct lk){ .index = 5, .name = "tmp0",
				       .mtu = 1500 });
	feed_addr(fx.nf, &(struct ad){ .index = 5, .addr = "192.0.2.9",
				       .prefixlen = 24 });
	rec_sub(&fx, &named, "wan");
	rec_sub(&fx, &all, NULL);
	UT_EXPECT_STR(named.log, "");
	feed_link(fx.nf, &(struct lk){ .index = 5, .name = "wan",
				       .mtu = 1500 });
	UT_EXPECT_STR(named.log, "^link-new wan; ^addr-new wan 192.0.2.9/24");
	UT_EXPECT_STR(all.log, "*link-new tmp0; *addr-new tmp0 192.0.2.9/24; "
		      "link-rename wan was tmp0");
	fx_free(&fx);
}

/* Subscribing delivers nothing at once; the replay comes from the loop. */
UT_CASE(subscribe_replay_deferred)
{
	struct fixture fx;
	struct rec r = { 0 }, other = { 0 };

	fx_init(&fx);
	feed_link(fx.nf, V0);
	feed_link(fx.nf, &(struct lk){ .index = 4, .name = "br0",
				       .mtu = 1500, .kind = "bridge" });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "192.0.2.1",
				       .prefixlen = 24 });
	r.sub = netif_subscribe(fx.nf, NULL, rec_cb, &r);
	other.sub = netif_subscribe(fx.nf, "br0", rec_cb, &other);
	UT_ASSERT(r.sub && other.sub);
	UT_EXPECT(r.n == 0 && other.n == 0);
	/* A change before the replay is part of the replay, not an event. */
	feed_link(fx.nf, &(struct lk){ .index = 4, .name = "br0",
				       .mtu = 9000, .kind = "bridge" });
	UT_EXPECT(r.n == 0);
	loop_iterate(fx.loop, 0);
	UT_EXPECT_STR(r.log, "*link-new v0; *addr-new v0 192.0.2.1/24; "
		      "*link-new br0");
	UT_EXPECT_STR(other.log, "*link-new br0");
	UT_EXPECT(netif_link_by_name(fx.nf, "br0")->mtu == 9000);
	loop_iterate(fx.loop, 0);
	UT_EXPECT(r.n == 3 && other.n == 1);

	/* Invalid names are refused. */
	UT_EXPECT(!netif_subscribe(fx.nf, "", rec_cb, &r) && errno == EINVAL);
	UT_EXPECT(!netif_subscribe(fx.nf, "sixteen-chars-xx", rec_cb, &r));
	fx_free(&fx);
}

/* A subscriber that unsubscribes in its callback gets nothing more. */
UT_CASE(subscriber_unsubscribes_itself)
{
	struct fixture fx;
	struct rec a = { 0 }, b = { 0 };
	struct lk k = *V0;

	fx_init(&fx);
	rec_sub(&fx, &a, NULL);
	rec_sub(&fx, &b, NULL);
	a.unsub_self = true;
	k.flags = IFF_UP | IFF_LOWER;	/* new; then up and carrier */
	feed_link(fx.nf, V0);
	feed_link(fx.nf, &k);
	UT_EXPECT_STR(a.log, "link-new v0");
	UT_EXPECT_STR(b.log, "link-new v0; link-up v0; carrier-on v0; "
		      "link-change v0 0x8");
	fx_free(&fx);
}

/* One that unsubscribes another: that one gets nothing more, even of the
 * event being delivered. */
UT_CASE(subscriber_unsubscribes_another)
{
	struct fixture fx;
	struct rec a = { 0 }, b = { 0 }, c = { 0 };

	fx_init(&fx);
	rec_sub(&fx, &a, NULL);
	rec_sub(&fx, &b, NULL);
	rec_sub(&fx, &c, NULL);
	a.victim = b.sub;		/* after a in the list */
	c.victim = a.sub;		/* before c */
	feed_link(fx.nf, V0);
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "192.0.2.1",
				       .prefixlen = 24 });
	UT_EXPECT_STR(a.log, "link-new v0");
	UT_EXPECT_STR(b.log, "");
	UT_EXPECT_STR(c.log, "link-new v0; addr-new v0 192.0.2.1/24");
	fx_free(&fx);
}

/* One that frees itself in its callback (ASan would see a use after it). */
UT_CASE(subscriber_frees_itself)
{
	struct fixture fx;
	struct rec *r = calloc(1, sizeof(*r)), after = { 0 };
	struct lk k = *V0;

	fx_init(&fx);
	r->free_self = true;
	r->sub = netif_subscribe(fx.nf, NULL, rec_cb, r);
	rec_sub(&fx, &after, NULL);
	k.flags = IFF_UP | IFF_LOWER;
	feed_link(fx.nf, V0);		/* r is freed here */
	feed_link(fx.nf, &k);
	UT_EXPECT_STR(after.log, "link-new v0; link-up v0; carrier-on v0; "
		      "link-change v0 0x8");
	fx_free(&fx);
}

/* Freed during its own replay. */
UT_CASE(subscriber_frees_itself_in_replay)
{
	struct fixture fx;
	struct rec *r = calloc(1, sizeof(*r));

	fx_init(&fx);
	feed_link(fx.nf, V0);
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "192.0.2.1",
				       .prefixlen = 24 });
	r->free_self = true;
	r->sub = netif_subscribe(fx.nf, NULL, rec_cb, r);
	loop_iterate(fx.loop, 0);
	fx_free(&fx);
}

/* A subscriber added from a callback starts with its own replay. */
struct adder {
	struct netif *nf;
	struct rec *late;
};

static void adder_cb(const struct netif_event *ev, void *data)
{
	struct adder *ad = data;

	if (!ad->late->sub)
		ad->late->sub = netif_subscribe(ad->nf, NULL, rec_cb,
						ad->late);
}

UT_CASE(subscribe_from_callback)
{
	struct fixture fx;
	struct rec late = { 0 };
	struct adder ad = { .late = &late };
	struct lk k = *V0;

	fx_init(&fx);
	ad.nf = fx.nf;
	netif_subscribe(fx.nf, NULL, adder_cb, &ad);
	loop_iterate(fx.loop, 0);
	feed_link(fx.nf, V0);		/* adds late during link-new */
	k.flags = IFF_UP;
	feed_link(fx.nf, &k);
	UT_EXPECT_STR(late.log, "");
	loop_iterate(fx.loop, 0);
	UT_EXPECT_STR(late.log, "*link-new v0");
	k.flags = 0;
	feed_link(fx.nf, &k);
	UT_EXPECT_STR(late.log, "*link-new v0; link-down v0");
	fx_free(&fx);
}

UT_CASE(queries)
{
	struct fixture fx;
	struct in_addr a4;
	struct in6_addr a6, want6;
	uint8_t ip[16];

	fx_init(&fx);
	feed_link(fx.nf, V0);
	feed_link(fx.nf, &(struct lk){ .index = 4, .name = "br0",
				       .mtu = 1500 });
	UT_EXPECT(!netif_addr4_first(fx.nf, 3, &a4));
	UT_EXPECT(!netif_addr4_first(fx.nf, 99, &a4));
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "192.0.2.7",
				       .prefixlen = 24,
				       .flags = IFA_F_SECONDARY });
	UT_EXPECT(netif_addr4_first(fx.nf, 3, &a4) &&
		  a4.s_addr == htonl(0xc0000207));
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "192.0.2.5",
				       .prefixlen = 24,
				       .flags = IFA_F_TENTATIVE });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "192.0.2.1",
				       .prefixlen = 24 });
	UT_EXPECT(netif_addr4_first(fx.nf, 3, &a4) &&
		  a4.s_addr == htonl(0xc0000201));

	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "fe80::1",
				       .prefixlen = 64,
				       .flags = IFA_F_TENTATIVE,
				       .scope = RT_SCOPE_LINK });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "2001:db8::1",
				       .prefixlen = 64,
				       .flags = IFA_F_DEPRECATED });
	UT_EXPECT(!netif_addr6_first(fx.nf, 3, true, &a6));
	UT_EXPECT(!netif_addr6_first(fx.nf, 3, false, &a6));
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "fe80::1",
				       .prefixlen = 64,
				       .scope = RT_SCOPE_LINK });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "2001:db8::2",
				       .prefixlen = 64 });
	inet_pton(AF_INET6, "fe80::1", &want6);
	UT_EXPECT(netif_addr6_first(fx.nf, 3, true, &a6) &&
		  !memcmp(&a6, &want6, 16));
	inet_pton(AF_INET6, "2001:db8::2", &want6);
	UT_EXPECT(netif_addr6_first(fx.nf, 3, false, &a6) &&
		  !memcmp(&a6, &want6, 16));

	inet_pton(AF_INET, "192.0.2.5", ip);
	UT_EXPECT(netif_has_addr(fx.nf, 0, AF_INET, ip));
	UT_EXPECT(netif_has_addr(fx.nf, 3, AF_INET, ip));
	UT_EXPECT(!netif_has_addr(fx.nf, 4, AF_INET, ip));
	UT_EXPECT(!netif_has_addr(fx.nf, 0, AF_INET6, ip));
	UT_EXPECT(!netif_has_addr(fx.nf, 0, AF_PACKET, ip));
	inet_pton(AF_INET6, "2001:db8::2", ip);
	UT_EXPECT(netif_has_addr(fx.nf, 0, AF_INET6, ip));

	UT_EXPECT(netif_link_by_name(fx.nf, "br0")->index == 4);
	UT_EXPECT(!netif_link_by_name(fx.nf, "br1"));
	UT_EXPECT(!netif_link_by_name(fx.nf, NULL));
	UT_EXPECT(!netif_link_by_index(fx.nf, 5));
	UT_EXPECT(netif_link_next(fx.nf, NULL)->index == 3);
	UT_EXPECT(netif_link_next(fx.nf, netif_link_next(fx.nf, NULL))->index
		  == 4);
	UT_EXPECT(netif_link_count(fx.nf) == 2);
	fx_free(&fx);
}

/* IPv4 knows an address by its prefix length too, IPv6 by itself. */
UT_CASE(address_identity)
{
	struct fixture fx;
	struct rec r = { 0 };

	fx_init(&fx);
	feed_link(fx.nf, V0);
	rec_sub(&fx, &r, "v0");
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "192.0.2.1",
				       .prefixlen = 24 });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "192.0.2.1",
				       .prefixlen = 25 });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "2001:db8::1",
				       .prefixlen = 64 });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "2001:db8::1",
				       .prefixlen = 56 });
	feed_addr(fx.nf, &(struct ad){ .type = RTM_DELADDR, .index = 3,
				       .addr = "192.0.2.1", .prefixlen = 24 });
	UT_EXPECT_STR(r.log,
		"*link-new v0; addr-new v0 192.0.2.1/24; "
		"addr-new v0 192.0.2.1/25; addr-new v0 2001:db8::1/64; "
		"addr-change v0 2001:db8::1/56 0x100; "
		"addr-del v0 192.0.2.1/24");
	/* An address of a link we do not know is counted, not kept. */
	feed_addr(fx.nf, &(struct ad){ .index = 77, .addr = "192.0.2.1",
				       .prefixlen = 24 });
	UT_EXPECT(netif_get_stats(fx.nf)->addrs_orphan == 1);
	fx_free(&fx);
}

UT_CASE(limits)
{
	struct fixture fx;
	char name[IFNAMSIZ], a[32];
	int i;

	fx_init(&fx);
	for (i = 1; i <= NETIF_LINKS_MAX + 1; i++) {
		snprintf(name, sizeof(name), "d%d", i);
		feed_link(fx.nf, &(struct lk){ .index = i, .name = name,
					       .mtu = 1500 });
	}
	UT_EXPECT(netif_link_count(fx.nf) == NETIF_LINKS_MAX);
	UT_EXPECT(netif_get_stats(fx.nf)->links_refused == 1);
	UT_EXPECT(!netif_link_by_index(fx.nf, NETIF_LINKS_MAX + 1));
	for (i = 0; i <= NETIF_ADDRS_MAX; i++) {
		snprintf(a, sizeof(a), "2001:db8::%x", i + 1);
		feed_addr(fx.nf, &(struct ad){ .index = 1, .addr = a,
					       .prefixlen = 64 });
	}
	UT_EXPECT(netif_link_by_index(fx.nf, 1)->n_addrs == NETIF_ADDRS_MAX);
	UT_EXPECT(netif_get_stats(fx.nf)->addrs_refused == 1);
	fx_free(&fx);
}

UT_CASE(malformed_counted)
{
	struct fixture fx;
	struct mb m;
	uint8_t two[2 * 1024];
	size_t n;

	fx_init(&fx);
	build_link(&m, &(struct lk){ .index = 0, .name = "x", .mtu = 1 },
		   0, 0, 0);
	feed(fx.nf, &m);
	UT_EXPECT(netif_get_stats(fx.nf)->malformed[NETIF_WIRE_NO_INDEX] == 1);
	/* Two messages in a datagram, then three stray bytes. */
	build_link(&m, V0, 0, 0, 0);
	memcpy(two, m.buf, m.len);
	n = m.len;
	build_link(&m, &(struct lk){ .index = 4, .name = "br0", .mtu = 1 },
		   0, 0, 0);
	memcpy(two + n, m.buf, m.len);
	n += m.len;
	memcpy(two + n, "\x01\x02\x03", 3);
	netif_input(fx.nf, two, n + 3);
	UT_EXPECT(netif_link_count(fx.nf) == 2);
	UT_EXPECT(netif_get_stats(fx.nf)->malformed[NETIF_WIRE_TRUNCATED] ==
		  1);
	fx_free(&fx);
}

/* ---- dumps and resynchronisation ------------------------------------------ */

static void dump_link(struct fixture *fx, const struct lk *k, uint16_t flags)
{
	struct mb m;

	build_link(&m, k, NLM_F_MULTI | flags, fx->d.seq[fx->d.n - 1],
		   PORTID);
	feed(fx->nf, &m);
}

static void dump_addr(struct fixture *fx, const struct ad *a)
{
	struct mb m;

	build_addr(&m, a, NLM_F_MULTI, fx->d.seq[fx->d.n - 1], PORTID);
	feed(fx->nf, &m);
}

/*
 * After lost messages: a fresh dump, and the difference told as events.
 * Before: v0 (up, 192.0.2.1, 2001:db8::1 tentative), br0, old0 (with an
 * address).  The kernel now has: v0 down, 192.0.2.1 gone, 2001:db8::1
 * no longer tentative, 198.51.100.1 new; br0 as it was; new0; no old0.
 */
UT_CASE(resync_tells_the_difference)
{
	struct fixture fx;
	struct rec r = { 0 };
	struct lk v0 = *V0, br0 = { .index = 4, .name = "br0", .mtu = 1500,
				    .kind = "bridge" };

	fx_init(&fx);
	v0.flags = IFF_UP;
	feed_link(fx.nf, &v0);
	feed_link(fx.nf, &br0);
	feed_link(fx.nf, &(struct lk){ .index = 6, .name = "old0",
				       .mtu = 1500 });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "192.0.2.1",
				       .prefixlen = 24 });
	feed_addr(fx.nf, &(struct ad){ .index = 3, .addr = "2001:db8::1",
				       .prefixlen = 64,
				       .flags = IFA_F_TENTATIVE });
	feed_addr(fx.nf, &(struct ad){ .index = 6, .addr = "10.0.0.1",
				       .prefixlen = 8 });
	rec_sub(&fx, &r, NULL);
	r.log[0] = '\0';

	netif_resync(fx.nf);
	UT_ASSERT(fx.d.n == 1 && fx.d.type[0] == RTM_GETLINK);
	UT_EXPECT(netif_dumping(fx.nf));
	v0.flags = 0;
	dump_link(&fx, &v0, 0);
	dump_link(&fx, &br0, 0);
	dump_link(&fx, &(struct lk){ .index = 7, .name = "new0",
				     .mtu = 1500 }, 0);
	/* A notification between the parts is applied too. */
	feed_link(fx.nf, &(struct lk){ .index = 8, .name = "mid0",
				       .mtu = 1500 });
	UT_EXPECT_STR(r.log, "link-down v0; link-new new0; link-new mid0");
	r.log[0] = '\0';
	feed_done(fx.nf, fx.d.seq[0], 0);
	UT_EXPECT_STR(r.log, "addr-del old0 10.0.0.1/8; link-del old0");
	UT_ASSERT(fx.d.n == 2 && fx.d.type[1] == RTM_GETADDR);
	UT_EXPECT(fx.d.seq[1] != fx.d.seq[0]);

	r.log[0] = '\0';
	dump_addr(&fx, &(struct ad){ .index = 3, .addr = "2001:db8::1",
				     .prefixlen = 64 });
	dump_addr(&fx, &(struct ad){ .index = 3, .addr = "198.51.100.1",
				     .prefixlen = 24 });
	/* A DONE of another sequence number is not ours. */
	feed_done(fx.nf, fx.d.seq[1] + 100, 0);
	UT_EXPECT(netif_dumping(fx.nf));
	feed_done(fx.nf, fx.d.seq[1], 0);
	UT_EXPECT(!netif_dumping(fx.nf));
	UT_EXPECT_STR(r.log,
		"addr-change v0 2001:db8::1/64 0x40; "
		"addr-new v0 198.51.100.1/24; addr-del v0 192.0.2.1/24");
	UT_EXPECT(netif_link_count(fx.nf) == 4);
	UT_EXPECT(netif_get_stats(fx.nf)->resyncs == 1);
	fx_free(&fx);
}

/* NLM_F_DUMP_INTR: the dump is done again, and nothing swept meanwhile. */
UT_CASE(resync_interrupted_dump)
{
	struct fixture fx;
	struct rec r = { 0 };

	fx_init(&fx);
	feed_link(fx.nf, V0);
	feed_link(fx.nf, &(struct lk){ .index = 4, .name = "br0",
				       .mtu = 1500 });
	rec_sub(&fx, &r, NULL);
	r.log[0] = '\0';
	netif_resync(fx.nf);
	dump_link(&fx, V0, NLM_F_DUMP_INTR);	/* br0 missed */
	feed_done(fx.nf, fx.d.seq[0], 0);
	UT_EXPECT_STR(r.log, "");
	UT_ASSERT(fx.d.n == 2 && fx.d.type[1] == RTM_GETLINK);
	dump_link(&fx, V0, 0);
	dump_link(&fx, &(struct lk){ .index = 4, .name = "br0",
				     .mtu = 1500 }, 0);
	feed_done(fx.nf, fx.d.seq[1], 0);
	UT_ASSERT(fx.d.n == 3 && fx.d.type[2] == RTM_GETADDR);
	feed_done(fx.nf, fx.d.seq[2], 0);
	UT_EXPECT(!netif_dumping(fx.nf));
	UT_EXPECT_STR(r.log, "");
	UT_EXPECT(netif_link_count(fx.nf) == 2);
	fx_free(&fx);
}

/* Lost again while dumping: this dump ends, then another starts. */
UT_CASE(resync_during_dump)
{
	struct fixture fx;

	fx_init(&fx);
	feed_link(fx.nf, V0);
	netif_resync(fx.nf);
	netif_resync(fx.nf);
	UT_EXPECT(fx.d.n == 1);		/* one dump at a time */
	dump_link(&fx, V0, 0);
	feed_done(fx.nf, fx.d.seq[0], 0);
	UT_ASSERT(fx.d.n == 2 && fx.d.type[1] == RTM_GETLINK);
	dump_link(&fx, V0, 0);
	feed_done(fx.nf, fx.d.seq[1], 0);
	UT_ASSERT(fx.d.n == 3 && fx.d.type[2] == RTM_GETADDR);
	feed_done(fx.nf, fx.d.seq[2], 0);
	UT_EXPECT(!netif_dumping(fx.nf));
	UT_EXPECT(netif_link_count(fx.nf) == 1);
	fx_free(&fx);
}

/* A refused dump (an error, or the request not sent) is asked again after
 * a second; one that never ends, after five. */
UT_CASE(resync_refused_and_timed_out)
{
	struct fixture fx;
	struct mb m;
	struct nlmsgerr e = { .error = -EBUSY };

	loop_clock_virtual(1000);
	fx_init(&fx);
	feed_link(fx.nf, V0);
	netif_resync(fx.nf);
	UT_ASSERT(fx.d.n == 1);
	e.msg.nlmsg_seq = fx.d.seq[0];
	mb_rt(&m, NLMSG_ERROR, 0, fx.d.seq[0], PORTID, &e, sizeof(e));
	mb_end(&m);
	feed(fx.nf, &m);
	UT_EXPECT(netif_get_stats(fx.nf)->dump_errors == 1);
	loop_clock_advance(fx.loop, 999);
	UT_EXPECT(fx.d.n == 1);
	loop_clock_advance(fx.loop, 1);
	UT_ASSERT(fx.d.n == 2 && fx.d.type[1] == RTM_GETLINK);

	/* This one is never answered. */
	loop_clock_advance(fx.loop, 4999);
	UT_EXPECT(fx.d.n == 2);
	loop_clock_advance(fx.loop, 1);
	UT_ASSERT(fx.d.n == 3 && fx.d.type[2] == RTM_GETLINK);
	UT_EXPECT(netif_get_stats(fx.nf)->dump_errors == 2);

	/* The request cannot be sent: again after a second. */
	fx.d.fail = 1;
	loop_clock_advance(fx.loop, 5000);
	UT_EXPECT(fx.d.n == 3);
	UT_EXPECT(netif_get_stats(fx.nf)->dump_errors == 4);
	loop_clock_advance(fx.loop, 1000);
	UT_ASSERT(fx.d.n == 4);
	dump_link(&fx, V0, 0);
	feed_done(fx.nf, fx.d.seq[3], 0);
	feed_done(fx.nf, fx.d.seq[4], 0);
	UT_EXPECT(!netif_dumping(fx.nf));
	UT_EXPECT(netif_link_count(fx.nf) == 1);
	fx_free(&fx);
	loop_clock_real();
}

UT_MAIN("lib_netif",
	UT_ENTRY(wire_link_veth),
	UT_ENTRY(wire_link_bridge_and_port),
	UT_ENTRY(wire_link_bridge_family_ignored),
	UT_ENTRY(wire_dellink),
	UT_ENTRY(wire_addr_v4),
	UT_ENTRY(wire_addr_v6),
	UT_ENTRY(wire_every_truncation),
	UT_ENTRY(wire_cut_between_attributes),
	UT_ENTRY(wire_link_refusals),
	UT_ENTRY(wire_link_vlan_and_wireless),
	UT_ENTRY(wire_addr_refusals),
	UT_ENTRY(wire_addr_peer),
	UT_ENTRY(wire_dump_requests),
	UT_ENTRY(table_link_story),
	UT_ENTRY(table_real_messages),
	UT_ENTRY(table_partial_message),
	UT_ENTRY(table_rename_to_followed_name),
	UT_ENTRY(subscribe_replay_deferred),
	UT_ENTRY(subscriber_unsubscribes_itself),
	UT_ENTRY(subscriber_unsubscribes_another),
	UT_ENTRY(subscriber_frees_itself),
	UT_ENTRY(subscriber_frees_itself_in_replay),
	UT_ENTRY(subscribe_from_callback),
	UT_ENTRY(queries),
	UT_ENTRY(address_identity),
	UT_ENTRY(limits),
	UT_ENTRY(malformed_counted),
	UT_ENTRY(resync_tells_the_difference),
	UT_ENTRY(resync_interrupted_dump),
	UT_ENTRY(resync_during_dump),
	UT_ENTRY(resync_refused_and_timed_out),
)
