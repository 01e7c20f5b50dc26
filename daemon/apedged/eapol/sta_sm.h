/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A WPA2 station on a wireless uplink ([station IFNAME]), pure: the
 * connection's life around the key handshakes of wpa.c.  Events (link,
 * CONNECT and DISCONNECT results, the AP's RSNE from the scan cache,
 * EAPOL frames from the control port) and the time in; what to do goes
 * out through struct wsta_sm_ops, which the engine (station.c) maps onto
 * nl80211 (wsta_nl.c) and the tests onto a recorder.
 *
 *	DISCONNECTED --link up, backoff over--> CONNECTING (CMD_CONNECT sent)
 *	CONNECTING --CONNECT event, status 0--> ASSOCIATED (scan dump asked
 *		for the AP's RSNE; EAPOL frames held meanwhile, one kept)
 *	ASSOCIATED --RSNE known--> HANDSHAKE (wpa_sm_start)
 *	HANDSHAKE --wpa: PTK, GTK installed, authorized--> COMPLETED
 *	any --DISCONNECT, failure, link down--> DISCONNECTED, next attempt
 *		after the backoff: WSTA_BACKOFF_MIN_MS doubling to
 *		WSTA_BACKOFF_MAX_MS; reset by a COMPLETED connection.
 *
 * CONNECTING and ASSOCIATED have a deadline (WSTA_CONNECT_TIMEOUT_MS); the
 * handshake has wpa.c's.  A handshake that ends by the AP leaving after
 * message 1 (it never sent message 3) is reported as "4-way handshake
 * failed: no valid message 3 (wrong PSK?)".
 */
#ifndef APEDGED_EAPOL_STA_SM_H
#define APEDGED_EAPOL_STA_SM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eapol/wpa.h"

#define WSTA_SSID_MAX		32
#define WSTA_CONNECT_TIMEOUT_MS	15000
#define WSTA_BACKOFF_MIN_MS	1000
#define WSTA_BACKOFF_MAX_MS	60000

/* Suite selectors, OUI 00-0F-AC (802.11-2020 Table 9-149, 9-151). */
#define WSTA_SUITE_CCMP		0x000fac04u
#define WSTA_SUITE_BIP_CMAC	0x000fac06u
#define WSTA_AKM_8021X		0x000fac01u
#define WSTA_AKM_PSK		0x000fac02u

enum wsta_state {
	WSTA_DISCONNECTED,
	WSTA_CONNECTING,
	WSTA_ASSOCIATED,
	WSTA_HANDSHAKE,
	WSTA_COMPLETED,
	WSTA_STATE_MAX
};

enum wsta_key_mgmt { WSTA_KM_PSK, WSTA_KM_EAP };

struct wsta_sm_cfg {
	char ifname[16];
	uint8_t ssid[WSTA_SSID_MAX];
	size_t ssid_len;
	enum wsta_key_mgmt key_mgmt;
	uint8_t pmk[WPA_PMK_LEN];	/* the PSK (PBKDF2, computed once) */
	bool have_bssid;
	uint8_t bssid[6];
	uint32_t freq;			/* MHz; 0: any */
	uint8_t own_addr[6];		/* the interface's MAC (SPA) */
	wpa_rng_fn rng;
	void *rng_ctx;
};

/* What CMD_CONNECT carries. */
struct wsta_connect {
	const uint8_t *ssid;
	size_t ssid_len;
	const uint8_t *bssid;		/* NULL: any */
	uint32_t freq;			/* 0: any */
	uint32_t pairwise, group, akm;	/* suite selectors */
	const uint8_t *ie;		/* our RSNE */
	size_t ie_len;
};

/* One NL80211_CMD_NEW_KEY. */
struct wsta_key {
	bool pairwise;			/* else group (GTK) or IGTK */
	uint32_t cipher;		/* suite selector */
	uint8_t idx;
	const uint8_t *mac;		/* the AP for the pairwise key; NULL */
	const uint8_t *data;
	size_t len;
	uint8_t seq[6];			/* RSC / IPN, little endian */
	size_t seq_len;			/* 0 (PTK) or 6 */
	bool set_default;		/* then SET_KEY default (a tx GTK) */
};

struct wsta_sm_ops {
	/* Each returns 0 or -errno; a failure ends the connection. */
	int (*connect)(void *ctx, const struct wsta_connect *c);
	int (*disconnect)(void *ctx);
	int (*get_bss)(void *ctx, const uint8_t bssid[6]);
	/* no_encrypt: no pairwise key installed yet */
	int (*tx_eapol)(void *ctx, const uint8_t dst[6], const uint8_t *frame,
			size_t len, bool no_encrypt);
	int (*new_key)(void *ctx, const struct wsta_key *k);
	int (*authorize)(void *ctx, const uint8_t bssid[6]);
	/* State changes, for the log and the monitors. */
	void (*state)(void *ctx, enum wsta_state from, enum wsta_state to,
		      const char *why);
};

struct wsta_stats {
	uint64_t connects, connect_failures, disconnects, completed;
	uint64_t handshake_failures, timeouts, eapol_rx, eapol_tx;
	uint64_t eapol_held_dropped, key_installs, op_errors;
};

struct wsta_sm {
	struct wsta_sm_cfg cfg;
	const struct wsta_sm_ops *ops;
	void *ctx;
	enum wsta_state state;
	bool link;
	uint64_t since, deadline, completed_at;
	unsigned int backoff_ms;
	unsigned int attempts;		/* since the last COMPLETED */
	uint8_t own_ie[WPA_IE_MAX];
	size_t own_ie_len;
	uint8_t bssid[6];
	uint32_t freq;
	uint16_t last_status, last_reason;
	bool last_by_ap;
	char why[128];			/* of the last transition */
	struct wpa_sm wpa;
	bool wpa_started;
	bool ptk_installed;		/* in the driver, this connection */
	uint8_t held[WPA_KEY_FRAME_MAX];	/* a frame before the RSNE */
	size_t held_len;
	struct wsta_stats stats;
};

const char *wsta_state_name(enum wsta_state s);

/*
 * The RSNE a station sends in its Association Request: version 1, group
 * and one pairwise cipher CCMP-128, one AKM, RSN capabilities 0.  Its
 * length (22, header included), or 0 when cap is too small.
 */
size_t wsta_rsn_ie(uint8_t *buf, size_t cap, uint32_t akm);

/*
 * The RSNE (element ID 48, header included) among the elements
 * ies[0..len) of a Beacon or Probe Response, as the scan cache gives
 * them; NULL when there is none or an element before it runs past len.
 */
const uint8_t *wsta_find_rsne(const uint8_t *ies, size_t len, size_t *ie_len);

/* The NEW_KEY arguments for one of wpa.c's install actions. */
bool wsta_key_from_action(const struct wpa_action *a, const uint8_t bssid[6],
			 struct wsta_key *k);

void wsta_sm_init(struct wsta_sm *sm, const struct wsta_sm_cfg *cfg,
		 const struct wsta_sm_ops *ops, void *ctx, uint64_t now);
/* Wipes the keys (and the PMK). */
void wsta_sm_fini(struct wsta_sm *sm);

/* The interface exists and is up (or not). */
void wsta_sm_link(struct wsta_sm *sm, bool up, uint64_t now);
/* CONNECT event or an error answering CMD_CONNECT (status 0xffff). */
void wsta_sm_connected(struct wsta_sm *sm, const uint8_t *bssid, uint16_t status,
		      uint64_t now);
void wsta_sm_disconnected(struct wsta_sm *sm, uint16_t reason, bool by_ap,
			 uint64_t now);
/* The AP's RSNE (and frequency) from the scan cache; ie NULL: none. */
void wsta_sm_bss(struct wsta_sm *sm, const uint8_t *ie, size_t ie_len,
		uint32_t freq, uint64_t now);
/* One EAPOL frame (header and body) from src. */
void wsta_sm_eapol(struct wsta_sm *sm, const uint8_t src[6],
		  const uint8_t *frame, size_t len, uint64_t now);
uint64_t wsta_sm_deadline(const struct wsta_sm *sm);
void wsta_sm_tick(struct wsta_sm *sm, uint64_t now);

#endif
