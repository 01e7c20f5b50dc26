/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket's dhcp4 words and their JSON:
 *
 *	dhcp4 show [dev IF]		read
 *	dhcp4 stats [dev IF]		read
 *	dhcp4 renew|rebind|release dev IF	admin
 *
 * show: [{"ifname", "state", "blocked" (null, or "untrusted-port": see
 * dhcp4_port_role()), and with a lease "address", "plen",
 * "server", "lease_s", "t1_s", "t2_s", "acquired_s_ago", "renew_in_s",
 * "rebind_in_s", "expires_in_s" (null when infinite), "routers" [],
 * "dns" [], "domain" (or null), "search" [], "mtu" (or null), "routes"
 * [{"dst": "a.b.c.d/n", "gw"}]}, ...]
 *
 * stats: [{"ifname", "state", "tx" {DISCOVER..INFORM}, "rx" {OFFER, ACK,
 * NAK}, "drop" {op, xid, ...}, "malformed" {short, htype, ...},
 * "conflicts", "defended", "naks", "declines", "expiries",
 * "send_errors", "store_errors", "store_damaged", "apply_errors", "untrusted_port"},
 * ...]
 */
#ifndef APEDGED_DHCP4_CTL_H
#define APEDGED_DHCP4_CTL_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp4/dhcp4.h"
#include "lib/strbuf.h"

/*
 * The words after "dhcp4 VERB": none, or "dev IF".  0 with ifname ""
 * (none) or the name; -EINVAL with the reason in err.
 */
int dhcp4_ctl_dev(int argc, char **argv, char *ifname, size_t size,
		  char *err, size_t errlen);

/* One client's objects; the arrays are written by the callers below. */
void dhcp4_format_client(const struct dhcp4_client *c, uint64_t now_ms,
			 struct strbuf *sb);
void dhcp4_format_client_stats(const struct dhcp4_client *c,
			       struct strbuf *sb);

/* The arrays, of every client or of ifname's; -ENOENT if none such. */
int dhcp4_format_show(const struct dhcp4 *e, const char *ifname,
		      uint64_t now_ms, struct strbuf *sb);
int dhcp4_format_stats(const struct dhcp4 *e, const char *ifname,
		       struct strbuf *sb);

#endif
