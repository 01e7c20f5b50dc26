/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration of apedged, parsed from an INI-like text:
 *
 *	# comment (also ';'), on a line of its own
 *	[general]
 *	log_level = info		# debug|info|notice|warning|error
 *	ctrl_socket = /run/apedge/apedged.sock
 *
 *	[port eth0]
 *	role = trusted			# trusted|untrusted (default)
 *	l2update = transmit		# transmit|inject|off (default)
 *	l2update_count = 1		# frames per Layer-2 Update, 1..32
 *	l2update_interval_ms = 0	# spacing of the burst, 0..10000
 *
 *	[iapp]				# IAPP (802.11F); off without it
 *	interface = br-mgmt		# where ADD-notify is multicast
 *	ttl = 1				# multicast TTL, 1..255
 *	key = 00112233...		# HMAC key, hex (optional)
 *	port = 3517			# UDP and TCP port (tests)
 *	move_timeout_ms = 1000		# MOVE-response wait, 100..60000
 *	kick = none			# none|hostapd|nl80211: how to remove
 *					# a station that moved
 *	hostapd_ctrl = /var/run/hostapd	# hostapd's control directory
 *	bssid = 02:00:00:00:01:00	# our own BSSID (CACHE-notify)
 *	cache_notify = off		# off|all: CACHE-notify the map
 *	cache_timeout_s = 60		# lifetime of a CACHE-notify, 1..65535
 *
 *	[bssid 02:00:00:00:02:00]	# the BSSID map: AP of a BSSID
 *	address = 192.0.2.2		# its IAPP (IPv4) address
 *
 *	[ap wlan0]			# an AP interface: its stations are
 *					# followed through nl80211
 *	vlan_map = wlan0.sta7:70 guest:20	# AP_VLAN name -> 802.1Q VLAN
 *					# ID, for names that do not say it
 *
 * config_parse() is pure: it reads a buffer and fills a struct, and on
 * error reports the line and what is wrong with it.  Reading the file is
 * the caller's business (config_load() in apedged.c).
 */
#ifndef APEDGED_CONFIG_H
#define APEDGED_CONFIG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/un.h>

#include <linux/apedge.h>
#include <netinet/in.h>
#include <stdint.h>

#include "iapp/config.h"
#include "lib/ifname.h"

#define CONFIG_LINE_MAX 255	/* longest line, not counting its newline */
#define CONFIG_PORTS_MAX 256
#define CONFIG_BSSIDS_MAX 256
#define CONFIG_APS_MAX 64
#define CONFIG_AP_VLANS_MAX 16	/* vlan_map entries of one AP */

struct config_port {
	char ifname[IFNAMSIZ];
	enum apedge_port_role role;
	uint32_t l2update;	/* enum apedge_xid_mode; 0: off */
	uint32_t l2update_count;	/* 1..APEDGE_XID_COUNT_MAX */
	uint32_t l2update_interval_ms;
	unsigned int line;	/* of its section header */
};

/* An AP_VLAN interface name and the 802.1Q VLAN ID it carries. */
struct config_ap_vlan {
	char ifname[IFNAMSIZ];
	uint16_t vid;		/* 1..4094 */
};

/* An AP interface ([ap IFNAME]) whose stations nl80211 reports. */
struct config_ap {
	char ifname[IFNAMSIZ];
	struct config_ap_vlan vlans[CONFIG_AP_VLANS_MAX];
	size_t n_vlans;
	unsigned int line;	/* of its section header */
};

struct config {
	int log_level;		/* LOG_ERR .. LOG_DEBUG */
	bool log_level_set;	/* given in the file */
	char ctrl_socket[CONFIG_PATH_MAX];
	bool ctrl_socket_set;
	struct config_port *ports;
	size_t n_ports;
	struct config_iapp iapp;
	struct config_bssid *bssids;
	size_t n_bssids;
	struct config_ap *aps;
	size_t n_aps;
};

struct config_error {
	unsigned int line;	/* 1-based; 0 when not about a line */
	char msg[160];
};

/* Defaults: log level info, APEDGE_CTRL_PATH, no ports. */
void config_init(struct config *cfg);
void config_free(struct config *cfg);

/*
 * Parse len bytes of text into cfg, which is initialised first.  Returns 0,
 * or -EINVAL (-ENOMEM) with err filled in and cfg left empty.
 */
int config_parse(const char *text, size_t len, struct config *cfg,
		 struct config_error *err);

const struct config_port *config_find_port(const struct config *cfg,
					   const char *ifname);
const char *config_role_name(enum apedge_port_role role);
const struct config_bssid *config_find_bssid(const struct config *cfg,
					     const uint8_t bssid[MAC_LEN]);

const struct config_ap *config_find_ap(const struct config *cfg,
				       const char *ifname);

/*
 * The 802.1Q VLAN ID of the AP_VLAN interface vlan_ifname of the AP ap:
 * the one ap's vlan_map gives it, else the one its name says in hostapd's
 * naming ("<ap>.<vid>" with vlan_naming=1, "vlan<vid>" with 0), else 0
 * (unknown: untagged).  A number is decimal, 1..4094, without a leading
 * zero.  ap may be NULL (no map).
 */
uint16_t config_ap_vlan_id(const struct config_ap *ap, const char *ap_ifname,
			   const char *vlan_ifname);

/* Whether name is acceptable to the kernel as an interface name. */
#define config_ifname_valid ifname_valid

#endif
