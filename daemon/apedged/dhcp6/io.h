/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv6 server's sockets and routes: the only file of dhcp6/ that
 * opens a socket.
 *
 *  - one UDP socket on [::]:547 with IPV6_RECVPKTINFO, so each message
 *    comes with the interface it arrived on and whether its destination
 *    was a multicast address; joined to All_DHCP_Relay_Agents_and_Servers
 *    (ff02::1:2) on each served interface;
 *  - replies go to the client's source address and port, out of the
 *    interface the message came on (the scope of a link-local); the
 *    relay's RELAY-FORW to an upstream server's address, or to a
 *    multicast group out of a named interface with a Hop Limit of 8
 *    (RFC 8415 §19);
 *  - a route to a delegated prefix via the client's link-local address,
 *    added or removed with one rtnetlink request (no reply awaited: the
 *    kernel's refusal is counted, not waited for).
 */
#ifndef APEDGED_DHCP6_IO_H
#define APEDGED_DHCP6_IO_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;
struct dhcp6_io;

struct dhcp6_io_ops {
	/* A UDP payload from src (port in src->sin6_port) on ifindex. */
	void (*rx)(void *data, const uint8_t *msg, size_t len,
		   const struct sockaddr_in6 *src, int ifindex,
		   bool multicast);
};

/* NULL with errno set. */
struct dhcp6_io *dhcp6_io_new(struct loop *loop, const struct dhcp6_io_ops *ops,
			      void *data);
void dhcp6_io_free(struct dhcp6_io *io);

/* Join or leave ff02::1:2 on an interface: 0 or -errno. */
int dhcp6_io_join(struct dhcp6_io *io, int ifindex, bool join);

/* Send msg to dst out of ifindex: 0 or -errno. */
int dhcp6_io_send(struct dhcp6_io *io, const struct sockaddr_in6 *dst,
		  int ifindex, const uint8_t *msg, size_t len);

/*
 * The first global (or unique local) address of each interface named in
 * names[n] into addrs[i], :: for one that has none: one getifaddrs().
 * 0 or -errno.
 */
int dhcp6_io_global_addrs(const char *const *names, struct in6_addr *addrs,
			  size_t n);

/* Add (replace) or remove a route to prefix/plen via gw on ifindex. */
int dhcp6_io_route(struct dhcp6_io *io, bool add, const struct in6_addr *prefix,
		   uint8_t plen, const struct in6_addr *gw, int ifindex);

/*
 * The link-layer address the kernel's neighbour table has for addr on
 * ifindex (a client's link-local source: its NA to our Neighbor
 * Solicitation put it there): 0 and mac filled, -ENOENT when it has none
 * (or not yet: INCOMPLETE, FAILED), or -errno.  A blocking netlink round
 * trip to the kernel, answered at once.
 */
int dhcp6_io_neigh(struct dhcp6_io *io, int ifindex,
		   const struct in6_addr *addr, uint8_t mac[6]);
/*
 * The kernel's answer to that request (sequence number seq), pure: 0 and
 * mac filled from a usable entry's 6-byte NDA_LLADDR; -ENOENT for an
 * entry without one or not usable (INCOMPLETE, FAILED, NONE), or the
 * kernel's error; -EIO when buf holds no answer to seq.
 */
int dhcp6_io_neigh_parse(const uint8_t *buf, size_t len, uint32_t seq,
			 uint8_t mac[6]);

#endif
