/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a lease configures, over rtnetlink (libmnl), and its DNS:
 *
 *  - the address, with the lease's remaining time as its valid and
 *    preferred lifetimes (IFA_CACHEINFO: the kernel drops it if we do
 *    not renew) and its broadcast; the prefix route gets route_metric
 *    (IFA_RT_PRIORITY);
 *  - the routes, protocol dhcp, route_metric, source the address: the
 *    option 121 set when given (RFC 3442 §2: it replaces option 3), else
 *    a default route via the first router; a gateway outside the
 *    address's subnet gets an on-link host route first;
 *  - the MTU (option 26) when it is at least 576 (RFC 2132 §5.1);
 *  - DNS: resolv.conf text (dhcp4_resolv_format), which dhcp4.c hands
 *    to resolvconf or writes to a file (dhcp4_resolv_write).
 *
 * The requests are sent without waiting; the kernel's acks are read from
 * the loop and a refusal is logged (rate-limited) and counted.  Removal
 * ignores what is already gone.
 */
#ifndef APEDGED_DHCP4_APPLY_H
#define APEDGED_DHCP4_APPLY_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp4/sm.h"
#include "lib/strbuf.h"

struct loop;
struct dhcp4_apply;

/* NULL with errno set (logged). */
struct dhcp4_apply *dhcp4_apply_new(struct loop *loop);
void dhcp4_apply_free(struct dhcp4_apply *a);

/* Address and routes of lease on ifindex, at machine time now; 0 or
 * -errno when a request could not be sent. */
int dhcp4_apply_lease(struct dhcp4_apply *a, int ifindex, const char *ifname,
		      const struct dhcp4_lease *l, uint32_t metric,
		      uint64_t now);
/* Remove them. */
int dhcp4_apply_unlease(struct dhcp4_apply *a, int ifindex,
			const char *ifname, const struct dhcp4_lease *l,
			uint32_t metric);
/* Set the interface's MTU. */
int dhcp4_apply_mtu(struct dhcp4_apply *a, int ifindex, const char *ifname,
		    uint32_t mtu);

/* Requests the kernel refused, since the start. */
uint64_t dhcp4_apply_errors(const struct dhcp4_apply *a);

/*
 * Pure: the routes a lease installs, in order (host routes to off-link
 * gateways first); at most max, their number returned.
 */
size_t dhcp4_apply_routes(const struct dhcp4_lease *l, struct dhcp4_route *out,
			  size_t max);

/* Pure: resolv.conf text for the lease; "" when it has no DNS at all. */
void dhcp4_resolv_format(const struct dhcp4_lease *l, const char *ifname,
			 struct strbuf *sb);
/* Write text to path: temporary file, fsync, rename; 0 or -errno. */
int dhcp4_resolv_write(const char *path, const char *text);

#endif
