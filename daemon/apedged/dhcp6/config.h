/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv6 server's configuration, as key tables (lib/ini.h) that the
 * daemon's root binds into its struct config:
 *
 *	[dhcp6]					# global, optional
 *	state_dir = /var/lib/apedge/dhcp6	# the lease file, server-duid
 *	server_duid = auto			# auto | hex:0003000102...
 *
 *	[dhcp6 IFNAME]				# one per served interface
 *	mode = server				# server | relay | off
 *	range = 2001:db8:1::1000-2001:db8:1::1fff[, A-B ...]
 *	pd_pool = 2001:db8:100::/48 56[, P/L L ...]
 *	reservation = DUIDHEX 2001:db8:1::5[, DUIDHEX 2001:db8:100:ab00::/56]
 *	onlink = 2001:db8:2::/64[, ...]		# more on-link /64s (CONFIRM)
 *	preferred_lifetime = 3600   valid_lifetime = 7200
 *	t1 = 0   t2 = 0				# 0: 0.5 and 0.8 of preferred
 *	dns = 2001:db8::53[, ...]
 *	domain_search = example.com[, ...]
 *	rapid_commit = no
 *	sol_max_rt = 0   inf_max_rt = 0		# 0: not sent; else 60..86400
 *	reconfigure = no			# keys for RECONFIGURE (§20.4)
 *
 *	[dhcp6 IFNAME]				# a client link, relayed
 *	mode = relay
 *	upstream = 2001:db8::547[, ff05::1:3%eth1, fe80::1%eth1 ...]
 *	interface_id = IFNAME			# TEXT | hex:XX.. (default: IFNAME)
 *	remote_id = 9:0a0b0c			# ENTERPRISE:HEX (RFC 4649), none
 *	subscriber_id = TEXT			# | hex:XX.. (RFC 4580), none
 *	link_address = auto			# auto | ADDRESS | ::
 *	trust_relay = no			# take RELAY-FORW from a relay below
 *	hop_limit = 8				# 1..8 (RFC 8415 HOP_COUNT_LIMIT)
 *
 * Lists are comma-separated on one line (a key is given once).  An
 * upstream is a server's unicast address, or a multicast (ff05::1:3,
 * All_DHCP_Servers) or link-local one with %IFNAME, the interface it is
 * sent out of.  link_address auto is the first global address of the
 * interface, :: while it has none.
 */
#ifndef APEDGED_DHCP6_CONFIG_H
#define APEDGED_DHCP6_CONFIG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6/relay.h"
#include "dhcp6/server.h"
#include "lib/ini.h"

#define DHCP6_CONFIG_PATH_MAX	108
#define DHCP6_SERVERS_MAX	64	/* [dhcp6 IF] sections */
#define DHCP6_STATE_DIR		"/var/lib/apedge/dhcp6"
#define DHCP6_UPSTREAMS_MAX	8	/* upstream servers of one relay link */

enum dhcp6_mode {
	DHCP6_MODE_SERVER = 0,
	DHCP6_MODE_RELAY,
	DHCP6_MODE_OFF,
};

struct config_dhcp6_global {
	char state_dir[DHCP6_CONFIG_PATH_MAX];
	uint8_t server_duid[DHCP6_DUID_MAX];
	size_t server_duid_len;		/* 0: auto (DUID-LLT, kept) */
};

/* Where a relay sends: a server, or a multicast group out of ifname. */
struct dhcp6_upstream {
	struct in6_addr addr;
	char ifname[IFNAMSIZ];		/* "" for a routed unicast one */
};

struct config_dhcp6_relay {
	unsigned int n_upstreams;
	struct dhcp6_upstream up[DHCP6_UPSTREAMS_MAX];
	bool interface_id_set;		/* else the interface's name */
	bool link_auto;			/* rif.link follows the interface */
	struct dhcp6_relay_if rif;	/* IDs, limits, trust, link */
};

struct config_dhcp6 {
	char ifname[IFNAMSIZ];
	unsigned int line;
	uint32_t mode;			/* enum dhcp6_mode */
	struct dhcp6_link_cfg link;
	struct config_dhcp6_relay relay;	/* mode relay */
};

extern const struct ini_section dhcp6_global_section;
extern const struct ini_section dhcp6_section;

/* Parsers of one list item each, for the tests: 0 or -1. */
int dhcp6_config_range(const char *s, struct dhcp6_range *r);
int dhcp6_config_pool(const char *s, struct dhcp6_pool *p);
int dhcp6_config_resv(const char *s, struct dhcp6_resv *r);
int dhcp6_config_upstream(const char *s, struct dhcp6_upstream *u);
/* TEXT or hex:XX..: the byte count (1..max) or -1. */
int dhcp6_config_id(const char *s, uint8_t *out, size_t max);

#endif
