/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv6 server's control-socket objects, as JSON:
 *
 *   dhcp6 leases [dev IFNAME] [from N]
 *                               {"leases": [ {...}, ... ], "next": N}
 *   dhcp6 show [dev IFNAME]     {"interfaces": [ {"ifname", "mode",
 *                                "present", and for a relay "upstreams",
 *                                "link_address", "link_auto",
 *                                "interface_id" (hex), "remote_enterprise",
 *                                "remote_id", "subscriber_id" (hex, when
 *                                set), "trust_relay", "hop_limit"} ]}
 *   dhcp6 stats                 {"relay": {...}, "relay_drop": {...}
 *                                (with a relay link), "in": {...},
 *                                "out": {...}, "drop": {...},
 *                                "malformed": {...}, "status": {...},
 *                                "leases": {...}, "engine": {...},
 *                                "store": {...}}
 *   dhcp6 lease del ADDRESS[/PLEN]
 *
 * A lease: ifname, kind ("na" or "pd"), address, plen, duid (hex),
 * iaid, state ("bound" or "declined"), preferred, valid, expires (wall
 * clock, s since the epoch) and remaining (s).
 *
 * A listing comes in pages of at most DHCP6_LEASES_PAGE leases (about
 * 0.5 MB, so 262,144 leases never make one reply of 70 MB): "next" is
 * there when more follow, and is the "from" of the next page (a cursor
 * into the table, not a count).  apedgectl asks for page after page and
 * prints them as one list.  The pages are not a snapshot: a lease added
 * or removed meanwhile may or may not be listed, but none is listed
 * twice.
 */
#ifndef APEDGED_DHCP6_CTL_H
#define APEDGED_DHCP6_CTL_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6/dhcp6.h"
#include "lib/strbuf.h"

/* "dev IFNAME" or nothing: 0, or -1 with err. */
int dhcp6_ctl_dev(int argc, char **argv, char *ifname, size_t size,
		  char *err, size_t errlen);
/* What a RECONFIGURE asks for: "renew", "rebind" or "info" into the
 * message type: 0 or -1. */
int dhcp6_ctl_what(const char *w, uint8_t *what);
/* "ADDRESS" (an IA_NA's) or "PREFIX/LEN": 0 or -1. */
int dhcp6_ctl_addr(const char *s, struct in6_addr *a, uint8_t *plen);

#define DHCP6_LEASES_PAGE 2048

/* "[dev IFNAME] [from N]": 0, or -1 with err. */
int dhcp6_ctl_list(int argc, char **argv, char *ifname, size_t size,
		   uint64_t *from, char *err, size_t errlen);

/*
 * At most max leases from the cursor from on.  -ENOENT when no server
 * runs (or none on ifname).
 */
int dhcp6_format_leases(struct dhcp6 *e, const char *ifname, uint64_t now,
			uint64_t from, size_t max, struct strbuf *sb);
int dhcp6_format_stats(struct dhcp6 *e, struct strbuf *sb);
/* -ENOENT when ifname is given and is neither served nor relayed. */
int dhcp6_format_show(struct dhcp6 *e, const char *ifname, struct strbuf *sb);

#endif
