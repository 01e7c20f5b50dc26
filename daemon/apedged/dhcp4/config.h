/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv4 client's configuration, as key tables (lib/ini.h) that the
 * daemon's root binds into its struct config:
 *
 *	[dhcp4]				# global, optional
 *	state_dir = /var/lib/apedge/dhcp4	# <state_dir>/<ifname>.lease
 *
 *	[dhcp4 IFNAME]			# one per interface: a client on it
 *	acd = yes			# RFC 5227 probe, announce, defend
 *	client_id = mac			# mac | duid | hex:0102...
 *	hostname = NAME			# option 12; default none
 *	vendor_class = apedge		# option 60; "" sends none
 *	request = 1,3,6,...		# option 55, 1..254 each
 *	release_on_stop = no		# RELEASE when the daemon stops
 *	hook = /path/to/script		# run on each state change
 *	resolv = auto			# auto | none | /a/file
 *	resolv_file = /run/apedge/resolv.conf.IFNAME
 *	route_metric = 0
 *	retrans_min_ms = 4000		retrans_max_ms = 64000
 *	probe_wait_ms = 1000 probe_min_ms = 1000 probe_max_ms = 2000
 *	probe_num = 3 announce_wait_ms = 2000 announce_num = 2
 *	announce_interval_ms = 2000
 *
 * The engine only reads these structs; dhcp4_config_sm() turns one into
 * the state machine's configuration.
 */
#ifndef APEDGED_DHCP4_CONFIG_H
#define APEDGED_DHCP4_CONFIG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/un.h>

#include "dhcp4/sm.h"
#include "lib/ini.h"

#define DHCP4_CONFIG_PATH_MAX	sizeof(((struct sockaddr_un *)0)->sun_path)
#define DHCP4_CLIENTS_MAX	64	/* [dhcp4 IF] sections */
#define DHCP4_STATE_DIR		"/var/lib/apedge/dhcp4"
#define DHCP4_RESOLV_DIR	"/run/apedge"

enum dhcp4_cid_mode {
	DHCP4_CID_MAC,		/* type 1 and the interface's MAC */
	DHCP4_CID_DUID,		/* RFC 4361: 255, IAID, DUID-LL */
	DHCP4_CID_HEX,		/* the bytes given, type byte first */
};

enum dhcp4_resolv_mode {
	DHCP4_RESOLV_AUTO,	/* resolvconf if present, else the file */
	DHCP4_RESOLV_NONE,
	DHCP4_RESOLV_FILE,	/* resolv = /a/path: that file only */
};

struct config_dhcp4_global {
	char state_dir[DHCP4_CONFIG_PATH_MAX];
};

struct config_dhcp4 {
	char ifname[IFNAMSIZ];
	unsigned int line;		/* of its section header */
	bool acd;
	uint8_t cid_mode;		/* enum dhcp4_cid_mode */
	uint8_t client_id[DHCP4_CLIENT_ID_MAX];
	size_t client_id_len;		/* DHCP4_CID_HEX */
	char hostname[DHCP4_NAME_MAX + 1];
	char vendor_class[DHCP4_NAME_MAX + 1];
	uint8_t prl[DHCP4_PRL_MAX];
	size_t prl_len;
	bool release_on_stop;
	char hook[DHCP4_CONFIG_PATH_MAX];
	uint8_t resolv_mode;		/* enum dhcp4_resolv_mode */
	char resolv_path[DHCP4_CONFIG_PATH_MAX];	/* DHCP4_RESOLV_FILE */
	char resolv_file[DHCP4_CONFIG_PATH_MAX];	/* "": the default */
	uint32_t route_metric;
	uint32_t retrans_min_ms, retrans_max_ms;
	uint32_t probe_wait_ms, probe_min_ms, probe_max_ms, probe_num;
	uint32_t announce_wait_ms, announce_num, announce_interval_ms;
};

/* [dhcp4], bound to a struct config_dhcp4_global. */
extern const struct ini_section dhcp4_global_section;
/* [dhcp4 IFNAME], repeated: bound to an array of struct config_dhcp4. */
extern const struct ini_section dhcp4_section;

/*
 * The state machine's configuration for c on an interface of hardware
 * address mac (the client identifier of cid mac and duid is made from it).
 */
void dhcp4_config_sm(const struct config_dhcp4 *c, const uint8_t mac[6],
		     struct dhcp4_sm_config *out);

/* The file DNS goes to when there is no resolvconf: into buf. */
const char *dhcp4_config_resolv_file(const struct config_dhcp4 *c,
				     char *buf, size_t size);

/* Whether two clients' settings are the same (a reload keeps it). */
bool dhcp4_config_equal(const struct config_dhcp4 *a,
			const struct config_dhcp4 *b);

#endif
