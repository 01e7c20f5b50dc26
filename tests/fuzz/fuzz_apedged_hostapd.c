// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: a datagram on the daemon's hostapd client socket, as
 * hostapd (or anyone who reached the socket) would send it, given to the
 * control-interface parser.  A station event's MAC is built back into a
 * DEAUTHENTICATE and checked to round-trip.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wifi/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hostapd_msg m, again;
	char cmd[64], ev[80];
	size_t n;

	if (hostapd_msg_parse(data, size, &m) != HOSTAPD_OK)
		return 0;
	if (m.kind > HOSTAPD_MSG_EVENT)
		abort();
	if ((m.kind >= HOSTAPD_MSG_STA_CONNECTED) != (m.level >= 0) ||
	    m.level > 9)
		abort();
	if (m.kind != HOSTAPD_MSG_STA_CONNECTED &&
	    m.kind != HOSTAPD_MSG_STA_DISCONNECTED)
		return 0;
	n = hostapd_msg_build(cmd, sizeof(cmd), HOSTAPD_CMD_DEAUTH, m.mac);
	if (n != 32)
		abort();
	/* "DEAUTHENTICATE " + MAC, as an event's argument. */
	snprintf(ev, sizeof(ev), "<%d>AP-STA-CONNECTED %s", m.level,
		 cmd + strlen("DEAUTHENTICATE "));
	if (hostapd_msg_parse((const uint8_t *)ev, strlen(ev), &again) !=
	    HOSTAPD_OK || again.kind != HOSTAPD_MSG_STA_CONNECTED ||
	    memcmp(again.mac, m.mac, sizeof(m.mac)))
		abort();
	return 0;
}
