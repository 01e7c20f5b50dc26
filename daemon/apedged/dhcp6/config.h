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
 * Lists are comma-separated on one line (a key is given once).
 */
#ifndef APEDGED_DHCP6_CONFIG_H
#define APEDGED_DHCP6_CONFIG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6/server.h"
#include "lib/ini.h"

#define DHCP6_CONFIG_PATH_MAX	108
#define DHCP6_SERVERS_MAX	64	/* [dhcp6 IF] sections */
#define DHCP6_STATE_DIR		"/var/lib/apedge/dhcp6"

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

struct config_dhcp6 {
	char ifname[IFNAMSIZ];
	unsigned int line;
	uint32_t mode;			/* enum dhcp6_mode */
	struct dhcp6_link_cfg link;
};

extern const struct ini_section dhcp6_global_section;
extern const struct ini_section dhcp6_section;

/* Parsers of one list item each, for the tests: 0 or -1. */
int dhcp6_config_range(const char *s, struct dhcp6_range *r);
int dhcp6_config_pool(const char *s, struct dhcp6_pool *p);
int dhcp6_config_resv(const char *s, struct dhcp6_resv *r);

#endif
