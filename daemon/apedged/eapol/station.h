/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The WPA2 stations of [station IFNAME]: each a wsta_sm.c machine on its
 * interface's nl80211 socket (wsta_nl.c) and a timer.  The interface is
 * followed through lib/netif: up (administratively) starts a connection,
 * down or gone ends it.  The PSK is derived from the passphrase once per
 * configuration (PBKDF2 through OpenSSL) and kept for every reconnect.
 *
 * Every state change is an event "station-state" (ifname, from, state,
 * reason) on the monitors.
 */
#ifndef APEDGED_EAPOL_STATION_H
#define APEDGED_EAPOL_STATION_H

#include <stddef.h>
#include <stdint.h>

#include "eapol/config.h"
#include "lib/strbuf.h"

struct loop;
struct netif;
struct stations;

struct stations_ops {
	void (*event)(const char *name, const char *fields, void *data);
};

struct stations *stations_new(struct loop *loop, struct netif *nf,
			      const struct stations_ops *ops, void *data);
void stations_free(struct stations *s);
/* Run the stations of v (n of them) and no others; 0 or -ENOMEM. */
int stations_configure(struct stations *s, const struct config_station *v,
		       size_t n);

/*
 * "station show [dev IF]": [{"ifname", "state", "reason", "ssid", "bssid",
 * "freq", "key_mgmt", "pairwise", "group", "in_state_s", "connected_s",
 * "attempts", "backoff_ms", "next_attempt_ms", "counters" {...}, "wpa" {"state", "rx", ..., "drops" {...}}}]
 * -ENOENT when ifname names no station.
 */
int stations_format_show(const struct stations *s, const char *ifname,
			 uint64_t now_ms, struct strbuf *sb);

#endif
