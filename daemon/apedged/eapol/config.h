/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 802.1X supplicant's configuration, as key tables (lib/ini.h) that the
 * daemon's root binds into its struct config:
 *
 *	[eapol IFNAME]			# one per interface: a supplicant on it
 *	identity = NAME			# EAP Response/Identity (required)
 *	password = SECRET		# MD5, PEAP, TTLS
 *	method = md5			# md5 | tls | peap | ttls
 *	anonymous_identity = NAME	# outer identity of peap and ttls
 *	phase2 = mschapv2		# ttls: pap | mschapv2
 *	ca_file = /path			# server certificate checks (TLS methods)
 *	domain = radius.example.org	# the server certificate's name
 *	client_cert = /path		private_key = /path
 *	private_key_password = SECRET
 *	ca_none_accept_mitm = no	# yes: TLS methods without ca_file
 *	start_period = 30		# seconds between EAPOL-Starts
 *	max_start = 3			# Starts before heldPeriod
 *	held_period = 60		# seconds after a failure
 *	auth_period = 30		# seconds without a Request
 *
 * The engine only reads these structs.  A TLS method without ca_file and
 * without ca_none_accept_mitm is refused when the file is read.
 */
#ifndef APEDGED_EAPOL_CONFIG_H
#define APEDGED_EAPOL_CONFIG_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include "eapol/method.h"
#include "lib/ini.h"

#define EAPOL_CLIENTS_MAX 64		/* [eapol IF] sections */

struct config_eapol {
	char ifname[IFNAMSIZ];
	unsigned int line;		/* of its section header */
	struct eap_peer_cfg peer;
	uint32_t start_period, max_start, held_period, auth_period;
};

#define STATION_MAX 8			/* [station IFNAME] sections */

/*
 *	[station IFNAME]		# a WPA2 station on a wireless uplink
 *	ssid = NAME			# 1..32 octets (required)
 *	key_mgmt = WPA-PSK		# WPA-PSK (WPA-EAP: not yet)
 *	psk = PASSPHRASE		# 8..63 characters, or 64 hex digits
 *	bssid = 02:00:00:00:00:00	# only this AP (optional)
 *	freq = 2412			# MHz (optional)
 */
struct config_station {
	char ifname[IFNAMSIZ];
	unsigned int line;
	char ssid[33];
	uint8_t key_mgmt;		/* enum sta_key_mgmt */
	char psk[65];
	bool have_bssid;
	uint8_t bssid[6];
	uint32_t freq;
};

extern const struct ini_section station_section;
bool station_config_equal(const struct config_station *a,
			  const struct config_station *b);
/*
 * The 802.1X authenticator of a port (eapol/authsm.h); not on a port that
 * has an [eapol IF] supplicant:
 *
 *	[auth IFNAME]
 *	mode = port			# port | mac (a session per station)
 *	control = auto			# auto | force-authorized |
 *					# force-unauthorized
 *	radius_server = 192.0.2.10 192.0.2.11:1812	# ADDR[:PORT], [V6]:PORT,
 *					# at most 4, in order of preference
 *	radius_secret_file = /etc/apedge/radius.secret
 *	nas_identifier = ap1		# NAS-Identifier, Called-Station-Id
 *	mab = no			# MAC authentication bypass
 *	mab_delay = 30			# seconds of no EAPOL before MAB
 *	mab_format = plain		# plain aabbccddeeff | ietf
 *					# AA-BB-CC-DD-EE-FF | colon
 *					# aa:bb:cc:dd:ee:ff
 *	mab_password = SECRET		# default: the user name
 *	guest_vlan = 0			# after a MAB Reject (or no
 *					# supplicant and no MAB); 0: none
 *	auth_fail_vlan = 0		# after an 802.1X Reject; 0: none
 *	reauth_period = 3600		# seconds; 0: never
 *	quiet_period = 60		# seconds in HELD after a failure
 *	supp_timeout = 30		# seconds for a supplicant's Response
 *	server_timeout = 30		# seconds for the AAA's reply
 *	max_req = 2			# retransmissions of a Request
 *	max_sessions = 64		# mode mac: stations at once
 */
#define AUTH_PORTS_MAX 64		/* [auth IF] sections */
#define AUTH_RADIUS_SERVERS_MAX 4
#define AUTH_RADIUS_PORT 1812

struct config_auth_server {
	char addr[46];			/* INET6_ADDRSTRLEN, validated */
	uint16_t port;
};

struct config_auth {
	char ifname[IFNAMSIZ];
	unsigned int line;
	uint32_t mode;			/* enum auth_mode */
	uint32_t control;		/* enum auth_control */
	struct config_auth_server servers[AUTH_RADIUS_SERVERS_MAX];
	unsigned int n_servers;
	char secret_file[256];
	char nas_identifier[64];	/* radclient's RAD_NAME_MAX */
	bool mab;
	uint32_t mab_delay;
	uint32_t mab_format;		/* enum auth_mab_format */
	char mab_password[128];
	uint32_t guest_vlan, auth_fail_vlan;
	uint32_t reauth_period, quiet_period, supp_timeout, server_timeout;
	uint32_t max_req, max_sessions;
};

extern const struct ini_section auth_section;

struct auth_cfg;
/* The state machines' settings (ms) of a section; mab_password kept. */
void eapol_auth_cfg(const struct config_auth *c, struct auth_cfg *out);

/* [eapol IFNAME], repeated: bound to an array of struct config_eapol. */
extern const struct ini_section eapol_section;

/* Whether two supplicants' settings are the same (a reload keeps it). */
bool eapol_config_equal(const struct config_eapol *a,
			const struct config_eapol *b);

#endif
