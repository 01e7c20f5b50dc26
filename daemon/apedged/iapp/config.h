/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IAPP engine's configuration: the [iapp] section and the BSSID map
 * ([bssid MAC] sections), as key tables (lib/ini.h) that the daemon's
 * root binds into its struct config.  The engine only reads these
 * structs, so it needs nothing of the root.
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
 *	replay_window_s = 30		# with a key: signed messages further
 *					# than this from our clock, or seen
 *					# before, are refused; 1..3600
 *
 *	[bssid 02:00:00:00:02:00]	# the BSSID map: AP of a BSSID
 *	address = 192.0.2.2		# its IAPP (IPv4) address
 */
#ifndef APEDGED_IAPP_CONFIG_H
#define APEDGED_IAPP_CONFIG_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/un.h>

#include "iapp/wire.h"
#include "lib/ini.h"
#include "lib/mac.h"

#define CONFIG_PATH_MAX sizeof(((struct sockaddr_un *)0)->sun_path)
#define CONFIG_BSSIDS_MAX 256

enum config_kick {
	CONFIG_KICK_NONE,	/* log only */
	CONFIG_KICK_HOSTAPD,	/* DEAUTHENTICATE over hostapd's ctrl iface */
	CONFIG_KICK_NL80211,	/* nl80211 DEL_STATION */
};

struct config_iapp {
	bool enabled;		/* [iapp] with an interface given */
	char ifname[IFNAMSIZ];
	unsigned int ttl;
	struct iapp_key key;	/* len 0: no authentication */
	uint16_t port;
	unsigned int move_timeout_ms;
	enum config_kick kick;
	char hostapd_ctrl[CONFIG_PATH_MAX];
	bool has_bssid;
	uint8_t bssid[MAC_LEN];
	bool cache_notify;
	unsigned int cache_timeout_s;
	unsigned int replay_window_s;	/* signed messages: how old, at most */
};

#define IAPP_REPLAY_WINDOW_S		30	/* replay_window_s's default */
#define IAPP_REPLAY_WINDOW_S_MAX	3600

/* One entry of the BSSID map: which AP (IPv4 address) serves a BSSID. */
struct config_bssid {
	uint8_t bssid[MAC_LEN];
	struct in_addr addr;
	unsigned int line;	/* of its section header */
};

/* [iapp], bound to a struct config_iapp. */
extern const struct ini_section iapp_section;
/* [bssid MAC], repeated: bound to an array of struct config_bssid. */
extern const struct ini_section iapp_bssid_section;

const char *config_kick_name(enum config_kick kick);

#endif
