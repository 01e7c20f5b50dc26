/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The EAP peer state machine of RFC 4137 §4: pure.  An EAP packet goes in,
 * what the lower layer must do comes out (send a Response, nothing,
 * success, failure).  No clock: the timeout of RFC 4137 (idleWhile) is the
 * supplicant PAE's authWhile (eapol/pae.c), which calls
 * eap_peer_restart() when it expires.
 *
 *  IDLE --rx--> RECEIVED, then by what arrived:
 *    Request, Identifier == lastId           RETRANSMIT -> IDLE
 *    Request/Identity                        IDENTITY -> SEND_RESPONSE
 *    Request/Notification                    NOTIFICATION -> SEND_RESPONSE
 *    Request, no method yet                  GET_METHOD -> METHOD or a Nak
 *    Request of the method selected          METHOD -> SEND_RESPONSE
 *                                            (or DISCARD: the method ignored
 *                                            it; FAILURE: it gave up)
 *    Success, decision != FAIL               SUCCESS
 *    Failure, decision != UNCOND_SUCC        FAILURE
 *    anything else                           DISCARD -> IDLE
 *  SUCCESS, FAILURE --eap_peer_restart()--> IDLE (INITIALIZE)
 *
 * The transient states are passed through in one call, each transition
 * logged at debug level by the one function that writes ->state; the
 * state a call leaves the machine in is IDLE, SUCCESS or FAILURE.
 *
 * Lower-layer rules (RFC 4137 §4.1 and RFC 3748 §4.2): a Success or
 * Failure is accepted with the Identifier of the last Response or one
 * above it (servers differ).  A Success while no method has reached a
 * decision (decision FAIL: before any method, or mid-method) is
 * discarded and counted ("success_early"), not taken as a failure: a
 * forged Success must neither authorize the port nor end a running
 * exchange.  A Failure in SUCCESS is discarded too (the lower layer
 * restarts the peer on a new Request).
 */
#ifndef APEDGED_EAPOL_PEER_H
#define APEDGED_EAPOL_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eapol/method.h"
#include "eapol/wire.h"

struct json;

enum eap_peer_state {
	EAP_PEER_DISABLED,
	EAP_PEER_INITIALIZE,
	EAP_PEER_IDLE,
	EAP_PEER_RECEIVED,
	EAP_PEER_GET_METHOD,
	EAP_PEER_METHOD,
	EAP_PEER_SEND_RESPONSE,
	EAP_PEER_DISCARD,
	EAP_PEER_IDENTITY,
	EAP_PEER_NOTIFICATION,
	EAP_PEER_RETRANSMIT,
	EAP_PEER_SUCCESS,
	EAP_PEER_FAILURE,
	EAP_PEER_STATE_COUNT,
};

/* What the lower layer does after eap_peer_rx() */
enum eap_peer_out {
	EAP_PEER_OUT_NONE,	/* eapNoResp: nothing to send */
	EAP_PEER_OUT_RESP,	/* eapResp: send the Response in resp */
	EAP_PEER_OUT_SUCCESS,	/* eapSuccess */
	EAP_PEER_OUT_FAIL,	/* eapFail */
};

/* Why a packet was discarded; indexes eap_peer_stats.discard */
enum eap_peer_drop {
	EAP_DROP_MALFORMED,	/* eap_parse() refused it (see malformed[]) */
	EAP_DROP_RESPONSE,	/* a Response: we are the peer */
	EAP_DROP_SUCCESS_EARLY,	/* a Success without a method decision */
	EAP_DROP_RESULT_ID,	/* a Success or Failure with a stray Identifier */
	EAP_DROP_RESULT_LATE,	/* a Success or Failure after the result */
	EAP_DROP_OTHER_TYPE,	/* a Request of another type mid-method */
	EAP_DROP_METHOD_IGNORE,	/* the method ignored the Request */
	EAP_DROP_METHOD_DONE,	/* a new Request after the method finished */
	EAP_DROP_COUNT,
};

/* The largest Response: EAP header, Type, Type-Data. */
#define EAP_PEER_RESP_MAX (EAP_HDR_LEN + 1 + EAP_METHOD_OUT_MAX)

struct eap_peer_stats {
	uint64_t rx_request, rx_success, rx_failure;
	uint64_t tx_response, retransmit, nak, identity, notification;
	uint64_t method_refused;	/* new() said no (see why) */
	uint64_t method_fail;		/* the method gave up */
	uint64_t discard[EAP_DROP_COUNT];
	uint64_t malformed[EAPOL_ERR_COUNT];
};

struct eap_peer {
	const char *ifname;		/* for the logs */
	const struct eap_peer_cfg *cfg;	/* owned by the caller */
	enum eap_peer_state state;
	int last_id;			/* -1: none (lastId NONE) */
	const struct eap_method *method;	/* selectedMethod; NULL: NONE */
	void *mst;			/* its state */
	bool method_done;		/* methodState DONE */
	enum eap_mdecision decision;
	const char *refused_why;	/* the last new() refusal */
	bool key_available;		/* eapKeyAvailable */
	uint8_t msk[64], emsk[64];
	uint8_t resp[EAP_PEER_RESP_MAX];	/* lastRespData */
	size_t resp_len;
	struct eap_peer_stats stats;
};

const char *eap_peer_state_name(enum eap_peer_state s);
const char *eap_peer_drop_name(enum eap_peer_drop d);

/* A peer in IDLE; cfg and ifname are kept, not copied. */
void eap_peer_init(struct eap_peer *p, const struct eap_peer_cfg *cfg,
		   const char *ifname);
/* Free the method and cleanse the keys (the struct may be reused). */
void eap_peer_fini(struct eap_peer *p);
/* eapRestart: back to IDLE through INITIALIZE; the stats are kept. */
void eap_peer_restart(struct eap_peer *p);
/*
 * One EAP packet from the authenticator.  With EAP_PEER_OUT_RESP the
 * Response is p->resp, p->resp_len octets.
 */
enum eap_peer_out eap_peer_rx(struct eap_peer *p, const uint8_t *buf,
			      size_t len);
/* The method name, or NULL when none was selected. */
const char *eap_peer_method_name(const struct eap_peer *p);
void eap_peer_stats_json(const struct eap_peer *p, struct json *j);

#endif
