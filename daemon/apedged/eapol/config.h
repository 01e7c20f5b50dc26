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

/* [eapol IFNAME], repeated: bound to an array of struct config_eapol. */
extern const struct ini_section eapol_section;

/* Whether two supplicants' settings are the same (a reload keeps it). */
bool eapol_config_equal(const struct config_eapol *a,
			const struct config_eapol *b);

#endif
