/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface watcher: one rtnetlink socket that follows every link of
 * the network namespace and its IPv4 and IPv6 addresses, so that no engine
 * polls interfaces.  Engines subscribe to the links they care about (by
 * name, or all) and query the table.
 *
 * netif_open() joins RTMGRP_LINK, RTMGRP_IPV4_IFADDR and RTMGRP_IPV6_IFADDR,
 * then dumps the links and then the addresses before it returns, so the
 * table can be queried at once.  Notifications then keep it current.  When
 * the socket overruns (ENOBUFS) or the kernel interrupts a dump, the
 * watcher dumps everything again and tells its subscribers the difference,
 * as if the messages had not been lost.  Only the kernel is listened to:
 * a datagram from any other netlink socket is dropped and counted.
 *
 * Events reach a subscriber from the loop and never before
 * netif_subscribe() has returned: first, as a replay, a LINK_NEW for each
 * link it follows that exists then and an ADDR_NEW for each of its
 * addresses (ev->replay set), then the changes as they come.  The pointers
 * in an event, and those netif_link_by_*() return, are valid until the
 * callback returns or the loop runs again; copy what you keep.
 *
 * A callback may query the table, subscribe, and unsubscribe any
 * subscription (its own included) and free what it likes; it must not
 * call netif_free().
 *
 * Split: netif_wire.c reads the messages (pure), netif.c keeps the table,
 * computes the events and tells the subscribers (no I/O; the tests and the
 * fuzzer feed it with netif_input()), netif_io.c owns the socket.
 */
#ifndef APEDGE_LIB_NETIF_H
#define APEDGE_LIB_NETIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/netif_wire.h"

struct loop;
struct netif;
struct netif_sub;

/* Links kept; more are refused and counted (links_refused). */
#define NETIF_LINKS_MAX 4096
/*
 * Addresses kept per link; more are refused and counted (addrs_refused).
 * SLAAC lets routers on the link add IPv6 addresses, up to the kernel's
 * max_addresses (16) plus temporary ones.
 */
#define NETIF_ADDRS_MAX 64

struct netif_addr {
	int ifindex;
	uint8_t family;			/* AF_INET, AF_INET6 */
	uint8_t prefixlen;
	uint8_t scope;			/* RT_SCOPE_* (RT_SCOPE_LINK: fe80::/10) */
	uint32_t flags;			/* IFA_F_TENTATIVE, _DEPRECATED, ... */
	union netif_ip addr;		/* the local address */
	/* private: */
	bool stale;
};

struct netif_link {
	int index;
	char name[IFNAMSIZ];
	uint16_t type;			/* ARPHRD_* */
	/* IFF_*: IFF_UP is the administrative state, IFF_LOWER_UP the
	 * carrier (only ever set while IFF_UP is), IFF_RUNNING operational. */
	uint32_t flags;
	uint8_t operstate;		/* IF_OPER_* (RFC 2863) */
	uint8_t hwaddr[NETIF_HWADDR_MAX];
	uint8_t hwaddr_len;		/* 6 for Ethernet; 0 when none */
	uint32_t mtu;
	int master;			/* bridge or bond; 0 when none */
	int link;			/* VLAN's lower device, veth peer; 0 */
	char kind[NETIF_KIND_MAX];	/* "bridge", "vlan", "veth"; "" */
	uint16_t vlan_id;		/* kind "vlan" */
	/* Its addresses, in the kernel's order (IPv4 primary first). */
	struct netif_addr *addrs;
	size_t n_addrs;
	/* private: */
	size_t addrs_cap;
	bool stale;
	bool addrs_full_logged;
	struct netif_link *next;
};

/* <linux/if.h>'s IFF_LOWER_UP, which <net/if.h> does not define. */
#define NETIF_IFF_LOWER_UP 0x10000u

static inline bool netif_link_is_up(const struct netif_link *l)
{
	return l->flags & IFF_UP;
}

static inline bool netif_link_has_carrier(const struct netif_link *l)
{
	return l->flags & NETIF_IFF_LOWER_UP;
}

enum netif_event_type {
	NETIF_LINK_NEW = 1,	/* appeared, in whatever state it is */
	NETIF_LINK_DEL,		/* gone; its addresses went before it */
	NETIF_LINK_RENAME,	/* ev->old->name is the name it had */
	NETIF_LINK_UP,		/* IFF_UP set */
	NETIF_LINK_CARRIER_ON,	/* IFF_LOWER_UP set */
	NETIF_LINK_CHANGE,	/* ev->changed: NETIF_CHANGED_* */
	NETIF_LINK_CARRIER_OFF,	/* IFF_LOWER_UP cleared */
	NETIF_LINK_DOWN,	/* IFF_UP cleared */
	NETIF_ADDR_NEW,
	NETIF_ADDR_CHANGE,	/* flags, scope or prefix; ev->old_addr */
	NETIF_ADDR_DEL,
	NETIF_EVENT_MAX,
};

/* What a LINK_CHANGE or ADDR_CHANGE changed. */
enum {
	NETIF_CHANGED_HWADDR = 1 << 0,
	NETIF_CHANGED_MTU = 1 << 1,
	NETIF_CHANGED_MASTER = 1 << 2,
	NETIF_CHANGED_OPERSTATE = 1 << 3,
	NETIF_CHANGED_FLAGS = 1 << 4,	/* other than IFF_UP, IFF_LOWER_UP */
	NETIF_CHANGED_KIND = 1 << 5,	/* kind, VLAN ID, type, lower link */
	NETIF_CHANGED_ADDR_FLAGS = 1 << 6,
	NETIF_CHANGED_ADDR_SCOPE = 1 << 7,
	NETIF_CHANGED_ADDR_PREFIX = 1 << 8,
};

/*
 * One event.  A link message that changes several things gives several
 * events, in the order of enum netif_event_type: RENAME, UP, CARRIER_ON,
 * CHANGE, CARRIER_OFF, DOWN.
 *
 * A subscription to a name follows "the interface called NAME": when a
 * link is renamed away from NAME its subscribers get ADDR_DEL for each of
 * its addresses and LINK_DEL, and when a link is renamed to NAME they get
 * LINK_NEW and ADDR_NEW; ev->renamed is set on these.  A subscription to
 * all links gets LINK_RENAME instead.
 */
struct netif_event {
	enum netif_event_type type;
	/* The link now (LINK_DEL: as it was; no longer in the table). */
	const struct netif_link *link;
	/* The link before a RENAME, UP, DOWN, CARRIER or CHANGE (its addrs
	 * are not copied); NULL otherwise. */
	const struct netif_link *old;
	/* ADDR_*: the address (ADDR_DEL: as it was). */
	const struct netif_addr *addr;
	/* ADDR_CHANGE: the address before. */
	const struct netif_addr *old_addr;
	unsigned int changed;		/* NETIF_CHANGED_* */
	bool replay;			/* from the replay at subscription */
	bool renamed;			/* see above */
};

typedef void (*netif_event_fn)(const struct netif_event *ev, void *data);

/* "link-new", "addr-del", ... */
const char *netif_event_name(enum netif_event_type type);

struct netif_stats {
	uint64_t messages;		/* link and address messages read */
	uint64_t malformed[NETIF_WIRE_ERR_MAX];	/* by reason */
	uint64_t foreign;		/* datagrams not from the kernel */
	uint64_t overruns;		/* ENOBUFS and truncated datagrams */
	uint64_t resyncs;		/* full dumps after the first */
	uint64_t dump_errors;		/* dumps refused or timed out */
	uint64_t links_refused;		/* NETIF_LINKS_MAX reached */
	uint64_t addrs_refused;		/* NETIF_ADDRS_MAX reached */
	uint64_t addrs_orphan;		/* for a link not in the table */
};

/*
 * The watcher of the calling process's network namespace, dumped and on
 * the loop.  NULL with errno set (and logged) on failure.
 */
struct netif *netif_open(struct loop *loop);
/* Unsubscribes everyone (without events) and closes.  NULL is ignored. */
void netif_free(struct netif *nf);

/*
 * Call fn for the events of the link called ifname, or of every link when
 * ifname is NULL.  NULL with errno set on failure (EINVAL: a name that
 * cannot be an interface's).
 */
struct netif_sub *netif_subscribe(struct netif *nf, const char *ifname,
				  netif_event_fn fn, void *data);
/* fn is not called again, even for an event being delivered.  NULL is
 * ignored. */
void netif_unsubscribe(struct netif_sub *sub);

/* Queries.  NULL (false) when not found. */
const struct netif_link *netif_link_by_name(const struct netif *nf,
					    const char *name);
const struct netif_link *netif_link_by_index(const struct netif *nf,
					     int index);
/* Every link in turn: prev NULL for the first. */
const struct netif_link *netif_link_next(const struct netif *nf,
					 const struct netif_link *prev);
size_t netif_link_count(const struct netif *nf);

/*
 * The first usable IPv4 address of a link: not tentative nor failed
 * duplicate detection, a primary before a secondary.
 */
bool netif_addr4_first(const struct netif *nf, int ifindex,
		       struct in_addr *out);
/*
 * The first usable IPv6 address of a link of the given scope (link-local
 * or not): not tentative, failed or deprecated.
 */
bool netif_addr6_first(const struct netif *nf, int ifindex, bool link_local,
		       struct in6_addr *out);
/* The address (4 or 16 bytes by family) on ifindex, or on any link when
 * ifindex is 0; tentative ones count. */
const struct netif_addr *netif_addr_find(const struct netif *nf, int ifindex,
					 int family, const void *addr);
static inline bool netif_has_addr(const struct netif *nf, int ifindex,
				  int family, const void *addr)
{
	return netif_addr_find(nf, ifindex, family, addr) != NULL;
}

const struct netif_stats *netif_get_stats(const struct netif *nf);

/* ---- for netif_io.c, the tests and the fuzzer ------------------------------ */

/*
 * An empty table on loop, with no socket.  dump, when not NULL, is what
 * sends a dump request (RTM_GETLINK or RTM_GETADDR, with seq): 0 or
 * -errno.  The replies are recognized by seq and by portid.
 */
typedef int (*netif_dump_fn)(void *data, uint16_t type, uint32_t seq);
struct netif *netif_new(struct loop *loop, netif_dump_fn dump, void *data,
			uint32_t portid);
/* One datagram from the kernel. */
void netif_input(struct netif *nf, const void *buf, size_t len);
/*
 * Messages were lost: dump everything again and tell the difference.  A
 * dump already in flight is finished first, then started again.
 */
void netif_resync(struct netif *nf);
/* Whether a dump is in flight. */
bool netif_dumping(const struct netif *nf);
/* The netlink port ID the kernel's dump replies are addressed to. */
uint32_t netif_portid(const struct netif *nf);
/* Shrink the socket's receive buffer (SO_RCVBUF), so a test can overrun
 * it: 0 or -errno. */
int netif_set_rcvbuf(struct netif *nf, int bytes);

#endif
