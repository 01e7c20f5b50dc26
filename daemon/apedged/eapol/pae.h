/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The supplicant PAE (IEEE 802.1X-2010 §8.5, its state machine of the
 * supplicant side), with the EAP peer (eapol/peer.h) inside: pure.  Link
 * state, EAPOL frames, commands and time (monotonic ms) go in; at most
 * one EAPOL frame to send and the authorization come out.  The engine
 * arms one timer at eapol_pae_deadline() and calls eapol_pae_timeout().
 *
 *  any          --link down-->                      DISCONNECTED
 *  any          --logoff command, EAPOL-Logoff-->   LOGOFF
 *  LOGOFF       --reauth command-->                 DISCONNECTED
 *  DISCONNECTED --link up-->                        CONNECTING
 *  CONNECTING   --EAPOL-Start every startPeriod, maxStart times
 *               --EAP Request-->                    AUTHENTICATING
 *               --maxStart Starts unanswered-->     HELD
 *  AUTHENTICATING --EAP Success-->                  AUTHENTICATED
 *               --EAP Failure-->                    HELD
 *               --authPeriod with no Request-->     CONNECTING
 *  AUTHENTICATED --EAP Request-->     RESTART --> AUTHENTICATING
 *  HELD         --heldPeriod-->                     CONNECTING
 *               --EAP Request-->      RESTART --> AUTHENTICATING
 *  reauth command                     RESTART --> CONNECTING
 *
 * One departure from the standard: 802.1X lets a supplicant whose maxStart
 * Starts went unanswered call itself AUTHENTICATED (no authenticator, an
 * open port).  apedged never reports a port authorized without an EAP
 * Success: it waits heldPeriod in HELD and starts over.
 *
 * Timers (802.1X-2010 §8.5.x, defaults of Table 8-... kept):
 *   startPeriod 30 s  between EAPOL-Starts in CONNECTING
 *   maxStart     3    Starts before giving up for heldPeriod
 *   heldPeriod  60 s  after a failure
 *   authPeriod  30 s  with no Request while AUTHENTICATING
 */
#ifndef APEDGED_EAPOL_PAE_H
#define APEDGED_EAPOL_PAE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eapol/peer.h"

enum eapol_pae_state {
	EAPOL_PAE_LOGOFF,
	EAPOL_PAE_DISCONNECTED,
	EAPOL_PAE_CONNECTING,
	EAPOL_PAE_AUTHENTICATING,
	EAPOL_PAE_AUTHENTICATED,
	EAPOL_PAE_HELD,
	EAPOL_PAE_RESTART,
	EAPOL_PAE_STATE_COUNT,
};

struct eapol_pae_timers {
	uint32_t start_period_ms;
	uint32_t max_start;
	/*
	 * Link up: how long CONNECTING waits for the authenticator to speak
	 * before the first EAPOL-Start; 0 sends it at once (802.1X).  An
	 * access point starts EAP itself after the association, and hostapd
	 * takes a Start that crosses its Request/Identity for a request to
	 * authenticate again.
	 */
	uint32_t first_start_ms;
	uint32_t held_period_ms;
	uint32_t auth_period_ms;
};

#define EAPOL_START_PERIOD_MS 30000
#define EAPOL_MAX_START 3
#define EAPOL_HELD_PERIOD_MS 60000
#define EAPOL_AUTH_PERIOD_MS 30000

/* One EAPOL frame to send, the EAPOL body only (the engine frames it). */
struct eapol_pae_out {
	bool tx;
	uint8_t type;			/* enum eapol_type */
	const uint8_t *body;		/* points into the PAE (EAP Response) */
	size_t body_len;
};

struct eapol_pae_stats {
	uint64_t tx_start, tx_logoff, tx_eap;
	uint64_t auth_success, auth_failure, auth_timeout, start_timeout;
	uint64_t reauth;		/* Requests in AUTHENTICATED */
	uint64_t transitions;
};

struct eapol_pae {
	const char *ifname;
	struct eapol_pae_timers t;
	enum eapol_pae_state state;
	bool link;			/* portEnabled */
	bool user_logoff;
	uint32_t start_count;
	uint64_t deadline;		/* UINT64_MAX: none */
	uint64_t since;			/* when the state was entered */
	uint64_t authorized_at;		/* when AUTHENTICATED was entered */
	const char *last_why;		/* the reason of the last transition */
	struct eap_peer peer;
	struct eapol_pae_stats stats;
};

const char *eapol_pae_state_name(enum eapol_pae_state s);

/* DISCONNECTED, link down.  cfg and ifname are kept, not copied. */
void eapol_pae_init(struct eapol_pae *pae, const char *ifname,
		    const struct eap_peer_cfg *cfg,
		    const struct eapol_pae_timers *t, uint64_t now);
void eapol_pae_fini(struct eapol_pae *pae);

void eapol_pae_link(struct eapol_pae *pae, bool up, uint64_t now,
		    struct eapol_pae_out *out);
/* The body of an EAPOL-Packet (an EAP packet) from the authenticator. */
void eapol_pae_rx_eap(struct eapol_pae *pae, const uint8_t *eap, size_t len,
		      uint64_t now, struct eapol_pae_out *out);
void eapol_pae_logoff(struct eapol_pae *pae, uint64_t now,
		      struct eapol_pae_out *out);
/* Start over (and leave LOGOFF): a fresh EAPOL-Start. */
void eapol_pae_reauth(struct eapol_pae *pae, uint64_t now,
		      struct eapol_pae_out *out);
void eapol_pae_timeout(struct eapol_pae *pae, uint64_t now,
		       struct eapol_pae_out *out);
static inline uint64_t eapol_pae_deadline(const struct eapol_pae *pae)
{
	return pae->deadline;
}
static inline bool eapol_pae_authorized(const struct eapol_pae *pae)
{
	return pae->state == EAPOL_PAE_AUTHENTICATED;
}

#endif
