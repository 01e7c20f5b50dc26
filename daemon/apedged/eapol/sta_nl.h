/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A WPA2 station's nl80211 I/O (station.c's): one generic netlink socket
 * per [station IFNAME], which owns the connection (NL80211_ATTR_SOCKET_OWNER:
 * the kernel tears it down when the socket closes) and so receives its
 * EAPOL frames as NL80211_CMD_CONTROL_PORT_FRAME.  It sends CONNECT (the
 * kernel's SME), DISCONNECT, GET_SCAN (the AP's RSNE), CONTROL_PORT_FRAME,
 * NEW_KEY, SET_KEY and SET_STATION, and hears the CONNECT and DISCONNECT
 * events of the "mlme" group for its interface.  Errors the kernel
 * returns to those commands come back through the ops.
 */
#ifndef APEDGED_EAPOL_STA_NL_H
#define APEDGED_EAPOL_STA_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eapol/sta_sm.h"

struct loop;
struct wsta_nl;

struct wsta_nl_ops {
	/* The CONNECT event (status 0: associated), or CONNECT refused
	 * (bssid NULL, status 0xffff). */
	void (*connected)(void *data, const uint8_t *bssid, uint16_t status);
	void (*disconnected)(void *data, uint16_t reason, bool by_ap);
	/* The AP's RSNE (NULL: not found) and frequency. */
	void (*bss)(void *data, const uint8_t *ie, size_t len, uint32_t freq);
	void (*eapol)(void *data, const uint8_t src[6], const uint8_t *frame,
		      size_t len);
	/* A command other than CONNECT failed. */
	void (*error)(void *data, const char *what, int err);
};

/* NULL with errno set (logged): no nl80211, no socket. */
struct wsta_nl *wsta_nl_new(struct loop *loop, const char *ifname,
			  const struct wsta_nl_ops *ops, void *data);
void wsta_nl_free(struct wsta_nl *nl);
void wsta_nl_set_ifindex(struct wsta_nl *nl, int ifindex);
/* Each 0 or -errno (sending failed). */
int wsta_nl_connect(struct wsta_nl *nl, const struct wsta_connect *c);
int wsta_nl_disconnect(struct wsta_nl *nl);
int wsta_nl_get_bss(struct wsta_nl *nl, const uint8_t bssid[6]);
int wsta_nl_tx_eapol(struct wsta_nl *nl, const uint8_t dst[6],
		    const uint8_t *frame, size_t len, bool no_encrypt);
int wsta_nl_new_key(struct wsta_nl *nl, const struct wsta_key *k);
int wsta_nl_authorize(struct wsta_nl *nl, const uint8_t bssid[6]);

#endif
