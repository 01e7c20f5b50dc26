/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The supplicant's side of the RSN 4-way handshake and group key
 * handshake (IEEE 802.11-2020 §12.7.6, §12.7.7), pure: EAPOL-Key frames
 * and the time in, actions out.  No clock, no sockets, no rand(): the
 * nonce comes from the RNG in the configuration.
 *
 * The wireless engine drives it: after CONNECT (cfg80211's SME) it calls
 * wpa_sm_start(), feeds every EAPOL-Key frame from the control port to
 * wpa_sm_rx(), calls wpa_sm_tick() at wpa_sm_deadline(), and performs the
 * actions in order:
 *
 *	WPA_ACT_SEND		send the frame on the control port (to AA)
 *	WPA_ACT_INSTALL_PTK	NL80211_CMD_NEW_KEY, pairwise, key index 0,
 *				cipher CCMP-128, for the AA
 *	WPA_ACT_INSTALL_GTK	NL80211_CMD_NEW_KEY, group, key index id,
 *				with the RSC; then SET_KEY default if tx
 *	WPA_ACT_INSTALL_IGTK	NL80211_CMD_NEW_KEY, cipher BIP-CMAC-128
 *	WPA_ACT_AUTHORIZE	NL80211_CMD_SET_STATION, flag authorized
 *	WPA_ACT_FAIL		disconnect; reason says why
 *
 * The rules it enforces, whatever the order of frames (Documentation/
 * eapol.rst, "The key handshakes"):
 *  - a frame that does not parse, has bits that do not fit its message,
 *    a replay counter not above the last one accepted with a valid MIC,
 *    or a bad MIC is dropped and counted; the machine is untouched;
 *  - message 3 must carry message 1's ANonce and the AP's RSNE as seen in
 *    its Beacon/Probe Response (else WPA_ACT_FAIL: a downgrade);
 *  - a key (PTK, GTK, IGTK) equal to the one installed is never installed
 *    again (KRACK): a retransmitted message 3 gets a message 4 and no
 *    install; a new PTK (a rekey, with a new ANonce) is installed once.
 */
#ifndef APEDGED_EAPOL_WPA_H
#define APEDGED_EAPOL_WPA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eapol/key.h"
#include "eapol/wpacrypto.h"

#define WPA_IE_MAX		257		/* an element: 2 + 255 */
#define WPA_OUT_MAX		8
/* From wpa_sm_start() to the PTK and GTK installed. */
#define WPA_HANDSHAKE_TIMEOUT_MS	10000

enum wpa_state {
	WPA_DISCONNECTED,	/* not started or after a failure */
	WPA_PTK_START,		/* associated, waiting for message 1 */
	WPA_PTK_NEGOTIATING,	/* message 2 sent, waiting for message 3 */
	WPA_COMPLETED,		/* PTK and GTK installed, port authorized */
	WPA_STATE_MAX
};

/* Why a frame was dropped: the counters' index. */
enum wpa_drop {
	WPA_DROP_PARSE,		/* wpa_key_parse() failed */
	WPA_DROP_STATE,		/* no handshake running */
	WPA_DROP_VERSION,	/* descriptor version not the AKM's */
	WPA_DROP_BITS,		/* key information fits no message */
	WPA_DROP_KEY_LEN,	/* key length not the pairwise cipher's */
	WPA_DROP_REPLAY,	/* replay counter not above the last */
	WPA_DROP_MIC,		/* MIC check failed */
	WPA_DROP_ANONCE,	/* message 3's ANonce is not message 1's */
	WPA_DROP_UNWRAP,	/* key data does not unwrap */
	WPA_DROP_KDE,		/* key data elements malformed */
	WPA_DROP_NO_GTK,	/* message 3 / group 1 without a GTK */
	WPA_DROP_GTK_LEN,	/* GTK length not the group cipher's */
	WPA_DROP_MAX
};

enum wpa_fail {
	WPA_FAIL_NONE,
	WPA_FAIL_TIMEOUT,	/* no PTK within WPA_HANDSHAKE_TIMEOUT_MS */
	WPA_FAIL_RSNE,		/* message 3's RSNE differs: downgrade */
	WPA_FAIL_RNG,		/* no nonce */
	WPA_FAIL_CRYPTO,	/* libcrypto refused */
	WPA_FAIL_MAX
};

enum wpa_act_type {
	WPA_ACT_SEND,
	WPA_ACT_INSTALL_PTK,
	WPA_ACT_INSTALL_GTK,
	WPA_ACT_INSTALL_IGTK,
	WPA_ACT_AUTHORIZE,
	WPA_ACT_FAIL,
};

struct wpa_action {
	enum wpa_act_type type;
	union {
		struct {
			uint8_t frame[WPA_KEY_FRAME_MAX];
			size_t len;
		} send;
		struct {			/* PTK, GTK, IGTK */
			uint8_t key[WPA_TK_MAX];
			size_t len;
			uint16_t id;		/* 0 PTK; 0..3 GTK; 4, 5 IGTK */
			bool tx;		/* GTK: the AP sends with it */
			uint8_t rsc[WPA_RSC_LEN]; /* GTK RSC, IGTK IPN (6) */
		} key;
		enum wpa_fail fail;
	};
};

struct wpa_out {
	struct wpa_action a[WPA_OUT_MAX];
	size_t n;
};

/* Fills buf with len random octets; false when it cannot. */
typedef bool (*wpa_rng_fn)(void *ctx, uint8_t *buf, size_t len);

struct wpa_cfg {
	uint8_t aa[6];			/* the AP (BSSID) */
	uint8_t spa[6];			/* our address */
	uint8_t pmk[WPA_PMK_LEN];	/* PSK, or the first 32 octets of MSK */
	unsigned int key_ver;		/* 2 (AKM 1, 2); 3 (AKM 6) */
	size_t group_key_len;		/* 16: CCMP-128 group cipher */
	/* our RSNE as sent in the (Re)Association Request: message 2 */
	uint8_t own_ie[WPA_IE_MAX];
	size_t own_ie_len;
	/* the AP's RSNE from its Beacon or Probe Response: message 3 */
	uint8_t ap_ie[WPA_IE_MAX];
	size_t ap_ie_len;
	wpa_rng_fn rng;
	void *rng_ctx;
};

struct wpa_stats {
	uint64_t rx, msg1, msg3, group1, sent;
	uint64_t ptk_installs, gtk_installs, igtk_installs;
	uint64_t msg3_retransmits;	/* answered, keys not reinstalled */
	uint64_t gtk_reinstalls_refused;
	uint64_t drops[WPA_DROP_MAX];
	uint64_t parse_errors[WPA_KEY_ERR_MAX];
};

struct wpa_sm {
	struct wpa_cfg cfg;
	enum wpa_state state;
	enum wpa_fail fail;
	uint64_t deadline;		/* UINT64_MAX: none */
	bool replay_set;		/* a frame with a valid MIC seen */
	uint64_t replay;		/* the last such frame's counter */
	bool have_anonce;
	uint8_t anonce[WPA_NONCE_LEN];
	uint8_t snonce[WPA_NONCE_LEN];
	struct wpa_ptk tptk;		/* derived from message 1 */
	bool have_ptk;			/* ptk is installed */
	struct wpa_ptk ptk;
	/* the GTK installed under each key id 0..3 (len 0: none) */
	uint8_t gtk[4][WPA_GTK_MAX];
	size_t gtk_len[4];
	bool have_igtk;
	uint16_t igtk_id;
	uint8_t igtk[WPA_IGTK_MAX];
	size_t igtk_len;
	bool authorized;
	struct wpa_stats stats;
};

const char *wpa_state_name(enum wpa_state s);
const char *wpa_drop_name(enum wpa_drop d);
const char *wpa_fail_name(enum wpa_fail f);

/* false when the configuration cannot work (no RSNE, bad version, ...). */
bool wpa_sm_init(struct wpa_sm *sm, const struct wpa_cfg *cfg);
/* Wipes every key. */
void wpa_sm_clear(struct wpa_sm *sm);

/* Associated: wait for message 1 until now + WPA_HANDSHAKE_TIMEOUT_MS. */
void wpa_sm_start(struct wpa_sm *sm, uint64_t now_ms);
/* Disassociated: keys forgotten, back to WPA_DISCONNECTED. */
void wpa_sm_stop(struct wpa_sm *sm);

/* One EAPOL frame (header and Key body) from the AP. */
void wpa_sm_rx(struct wpa_sm *sm, const uint8_t *frame, size_t len,
	       uint64_t now_ms, struct wpa_out *out);
uint64_t wpa_sm_deadline(const struct wpa_sm *sm);
void wpa_sm_tick(struct wpa_sm *sm, uint64_t now_ms, struct wpa_out *out);

#endif /* APEDGED_EAPOL_WPA_H */
