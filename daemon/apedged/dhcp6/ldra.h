/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lightweight relay's packet path (RFC 6221), over relay.c's
 * decisions and frame.c's framing.  No socket of its own: the module
 * punts a client's message off a client port (dhcpv6-client redirect)
 * and the server's RELAY-REPL off the uplink (dhcpv6-relay-repl
 * redirect); the daemon's root hands each punt to dhcp6_ldra_punt(),
 * and the frames built go out through ops->send (an AF_PACKET socket on
 * one port, dhcp6/pkt.c), bypassing the bridge.
 *
 * Up: the client's message from port P, wrapped by dhcp6_ldra_up()
 * (link-address ::, P's Interface-ID, Remote-ID, Subscriber-ID and the
 * punted frame's source MAC as option 79), goes out of P's uplink in
 * an Ethernet frame from the client's MAC and IPv6 link-local address
 * to ff02::1:2 (33:33:00:01:00:02), UDP 547 to 547.
 *
 * Down: a RELAY-REPL punted off an uplink, unwrapped by
 * dhcp6_ldra_down(), goes out of the client port whose Interface-ID it
 * carries (a port of that uplink) to the punted frame's destination MAC
 * (the client's: the server resolved the peer-address), from the
 * port's own MAC (a frame from another source, with no ingress port, is
 * judged by the module's egress hook as if the untrusted port had
 * received it: a server's message, dropped) and the server's address,
 * UDP 547 to 546.
 */
#ifndef APEDGED_DHCP6_LDRA_H
#define APEDGED_DHCP6_LDRA_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp6/config.h"
#include "dhcp6/frame.h"
#include "dhcp6/relay.h"

/* Why a punt was not relayed, beyond relay.c's reasons. */
struct dhcp6_ldra_stats {
	uint64_t relayed_up, relayed_down;
	uint64_t not_ldra;		/* a punt from no LDRA port */
	uint64_t no_mac;		/* a punt without its MAC addresses */
	uint64_t not_dhcp;		/* not UDP to 547 */
	uint64_t frame_err[DHCP6_FRAME_ERR_MAX];
	uint64_t drop[DHCP6_RELAY_DROP_MAX];
};

struct dhcp6_ldra_ops {
	/* ifindex of name, 0 when none */
	int (*ifindex)(void *data, const char *name);
	/* send a whole Ethernet frame out of ifindex: 0 or -errno */
	int (*send)(void *data, int ifindex, const uint8_t *frame,
		    size_t len);
	/* the interface's own MAC: 0 or -errno */
	int (*hwaddr)(void *data, int ifindex, uint8_t mac[6]);
};

struct dhcp6_ldra;

struct dhcp6_ldra *dhcp6_ldra_new(const struct dhcp6_ldra_ops *ops,
				  void *data);
void dhcp6_ldra_free(struct dhcp6_ldra *l);
/* Take the mode ldra sections of v (n): 0 or -ENOMEM. */
int dhcp6_ldra_configure(struct dhcp6_ldra *l, const struct config_dhcp6 *v,
			 size_t n);
size_t dhcp6_ldra_count(const struct dhcp6_ldra *l);
const struct config_dhcp6 *dhcp6_ldra_port(const struct dhcp6_ldra *l,
					   size_t i);

/*
 * A punted packet (from its IPv6 header, len bytes) that came in on
 * ifindex, with the frame's MACs (NULL when the punt had none).
 */
void dhcp6_ldra_punt(struct dhcp6_ldra *l, int ifindex,
		     const uint8_t *src_mac, const uint8_t *dst_mac,
		     const uint8_t *pkt, size_t len);

const struct dhcp6_ldra_stats *dhcp6_ldra_stats(const struct dhcp6_ldra *l);

#endif
