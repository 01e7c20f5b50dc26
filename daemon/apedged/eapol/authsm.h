/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 802.1X authenticator: the authenticator PAE, the backend
 * authentication state machine and the reauthentication timer (IEEE
 * 802.1X-2004 §8.2.4, §8.2.9, §8.2.5; 802.1X-2010 §8), per session, with
 * EAP pass-through to an AAA server, and MAC authentication bypass (MAB).
 * Pure: frames, AAA replies and time (monotonic ms) go in; everything that
 * leaves goes through struct auth_ops, called synchronously.  The engine
 * arms one timer at auth_port_deadline() and calls auth_port_timeout().
 *
 * A port holds one session (mode port: the whole port is authorized) or
 * one per supplicant MAC (mode mac), created by an EAPOL frame or by the
 * module's "unauthorized source seen" event, at most max_sessions, a
 * session that is not authorized reaped after AUTH_SESSION_IDLE_MS with
 * no frame.
 *
 * Authenticator PAE (per session; "portControl" Auto unless forced):
 *  INITIALIZE   --------------------------------->  DISCONNECTED
 *  DISCONNECTED --EAPOL-Start, first frame-->       RESTART
 *  RESTART      ---------------------------------> CONNECTING
 *  CONNECTING   sends EAP-Request/Identity every supp_timeout;
 *               --Response/Identity-->              AUTHENTICATING
 *               --more than max_req retries-->      DISCONNECTED
 *               --EAPOL-Logoff-->                   DISCONNECTED
 *  AUTHENTICATING --authSuccess-->                  AUTHENTICATED
 *               --authFail-->                       HELD
 *               --authTimeout, EAPOL-Start-->       ABORTING
 *               --EAPOL-Logoff-->                   ABORTING
 *  ABORTING     --(logoff)-->                       DISCONNECTED
 *               --else-->                           RESTART
 *  AUTHENTICATED --reAuthWhen, Start, reauth cmd--> RESTART (stays
 *               authorized until the new result)
 *               --EAPOL-Logoff, Session-Timeout-->  DISCONNECTED
 *  HELD         --quietWhile-->                     RESTART
 *  FORCE_AUTH, FORCE_UNAUTH: the port fixed (no EAP); answer a Start
 *               with a canned EAP-Success or -Failure.
 *
 * Backend authentication (per session, inside AUTHENTICATING):
 *  INITIALIZE --> IDLE --Response/Identity--> RESPONSE
 *  RESPONSE  (the Response went to the AAA; aWhile = server_timeout)
 *            --Access-Challenge-->           REQUEST
 *            --Access-Accept + EAP-Success--> SUCCESS --> IDLE
 *            --Access-Reject-->              FAIL --> IDLE
 *            --aWhile, AAA timeout-->        TIMEOUT --> IDLE
 *  REQUEST   (the Request went to the supplicant; aWhile = supp_timeout)
 *            --Response, same Identifier-->  RESPONSE
 *            --aWhile, reqCount < max_req--> REQUEST (the same again)
 *            --aWhile, reqCount = max_req--> TIMEOUT
 *
 * Rules kept beyond the diagrams:
 * - Authorized only by an Access-Accept that carries an EAP-Success with
 *   the Identifier of the last Response, and only once that Success has
 *   been sent to the supplicant.  An AAA reply to an earlier request (its
 *   sequence number) is dropped.
 * - From the wire the authenticator takes EAP Responses only; a Request,
 *   Success or Failure from a station is counted and dropped.
 * - MAB: a session that heard no EAPOL within mab_delay of its first frame
 *   asks the AAA with the MAC as user and password (Service-Type
 *   Call-Check).  Accept: authorized (its VLAN); Reject: the guest VLAN
 *   when one is set, else HELD for quiet_period.  An EAPOL frame during or
 *   after MAB switches the session to 802.1X: the query is cancelled, a
 *   MAB authorization withdrawn.
 * - A Reject of 802.1X puts the session in auth_fail_vlan when one is
 *   set (authorized, kind FAILVLAN), else HELD.
 */
#ifndef APEDGED_EAPOL_AUTHSM_H
#define APEDGED_EAPOL_AUTHSM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AUTH_MAC_LEN 6
#define AUTH_EAP_MAX 4096		/* an EAP packet kept to retransmit */
#define AUTH_STATE_MAX 253		/* RADIUS State */
#define AUTH_IDENTITY_MAX 253		/* User-Name */
#define AUTH_SESSIONS_MAX 4096		/* max_sessions' ceiling */
#define AUTH_SESSION_IDLE_MS (300 * 1000)

/* 802.1X-2004 §8.2.4.1 and Table 8-... defaults */
#define AUTH_QUIET_PERIOD_S 60
#define AUTH_REAUTH_PERIOD_S 3600
#define AUTH_SUPP_TIMEOUT_S 30
#define AUTH_SERVER_TIMEOUT_S 30
#define AUTH_MAX_REQ 2
#define AUTH_MAB_DELAY_S 30

enum auth_pae_state {
	AUTH_PAE_INITIALIZE,
	AUTH_PAE_DISCONNECTED,
	AUTH_PAE_RESTART,
	AUTH_PAE_CONNECTING,
	AUTH_PAE_AUTHENTICATING,
	AUTH_PAE_AUTHENTICATED,
	AUTH_PAE_ABORTING,
	AUTH_PAE_HELD,
	AUTH_PAE_FORCE_AUTH,
	AUTH_PAE_FORCE_UNAUTH,
	AUTH_PAE_STATE_COUNT,
};

enum auth_be_state {
	AUTH_BE_INITIALIZE,
	AUTH_BE_IDLE,
	AUTH_BE_REQUEST,
	AUTH_BE_RESPONSE,
	AUTH_BE_SUCCESS,
	AUTH_BE_FAIL,
	AUTH_BE_TIMEOUT,
	AUTH_BE_STATE_COUNT,
};

enum auth_mab_state {
	AUTH_MAB_OFF,		/* MAB not configured, or 802.1X heard */
	AUTH_MAB_WAITING,	/* mab_delay running */
	AUTH_MAB_QUERYING,	/* the AAA asked */
	AUTH_MAB_ACCEPTED,
	AUTH_MAB_REJECTED,
	AUTH_MAB_STATE_COUNT,
};

enum auth_mode { AUTH_MODE_PORT, AUTH_MODE_MAC };
enum auth_control { AUTH_CONTROL_AUTO, AUTH_CONTROL_FORCE_AUTH,
		    AUTH_CONTROL_FORCE_UNAUTH };
enum auth_mab_format {
	AUTH_MAB_FMT_PLAIN,	/* aabbccddeeff */
	AUTH_MAB_FMT_IETF,	/* AA-BB-CC-DD-EE-FF */
	AUTH_MAB_FMT_COLON,	/* aa:bb:cc:dd:ee:ff */
};

/* Why a session is authorized: AUTH_AZ_NONE means it is not. */
enum auth_authz {
	AUTH_AZ_NONE,
	AUTH_AZ_DOT1X,		/* Access-Accept + EAP-Success */
	AUTH_AZ_MAB,		/* Access-Accept of a MAB query */
	AUTH_AZ_GUEST,		/* guest_vlan after a MAB Reject */
	AUTH_AZ_FAILVLAN,	/* auth_fail_vlan after a 802.1X Reject */
	AUTH_AZ_FORCED,		/* FORCE_AUTH */
};

struct auth_cfg {
	enum auth_mode mode;
	enum auth_control control;
	uint32_t quiet_period_ms, reauth_period_ms;	/* reauth 0: none */
	uint32_t supp_timeout_ms, server_timeout_ms;
	uint32_t max_req;
	uint32_t max_sessions;
	bool mab;
	uint32_t mab_delay_ms;
	enum auth_mab_format mab_format;
	const char *mab_password;	/* NULL or "": the user name */
	uint16_t guest_vlan, auth_fail_vlan;	/* 0: none */
};

enum auth_aaa_result { AUTH_AAA_ACCEPT, AUTH_AAA_REJECT, AUTH_AAA_CHALLENGE,
		       AUTH_AAA_TIMEOUT };

/* One Access-Request, as eapol/radclient.h's struct rad_access wants it. */
struct auth_aaa_req {
	uint32_t seq;			/* given back with the reply */
	const char *user_name;
	const char *user_password;	/* MAB only */
	const uint8_t *eap;		/* the supplicant's Response; NULL: MAB */
	size_t eap_len;
	const uint8_t *state;
	size_t state_len;
	uint8_t calling_station[AUTH_MAC_LEN];
	bool call_check;		/* Service-Type Call-Check (MAB) */
};

/* The parts of an Access-Accept/Reject/Challenge the machines use. */
struct auth_aaa_reply {
	const uint8_t *eap;		/* the reassembled EAP-Message */
	size_t eap_len;
	const uint8_t *state;
	size_t state_len;
	uint32_t session_timeout;	/* s; 0: none */
	int termination_action;		/* 1 RADIUS-Request; -1 none */
	uint16_t vlan;			/* 0: none */
};

struct auth_session;

/* All the machines' output; ctx is given to auth_port_init(). */
struct auth_ops {
	/* An EAPOL frame (the body of type type) to dst. */
	void (*tx)(void *ctx, const uint8_t dst[AUTH_MAC_LEN], uint8_t type,
		   const uint8_t *body, size_t len);
	/* Send an Access-Request; the reply comes to auth_port_aaa_reply()
	 * with req->seq, never from inside this call.  Nonzero: not sent
	 * (counted as an AAA timeout). */
	int (*aaa_send)(void *ctx, struct auth_session *s,
			const struct auth_aaa_req *req);
	/* Forget the request in flight for s (if any). */
	void (*aaa_cancel)(void *ctx, struct auth_session *s);
	/* The session's authorization changed; vlan 0: the port's own. */
	void (*authorize)(void *ctx, struct auth_session *s, bool on,
			  uint16_t vlan);
};

/* dot1xAuthStatsTable (frames) and dot1xAuthDiagTable (transitions) */
struct auth_stats {
	uint64_t eapol_frames_rx, eapol_frames_tx;
	uint64_t eapol_start_frames_rx, eapol_logoff_frames_rx;
	uint64_t eap_resp_id_frames_rx, eap_resp_frames_rx;
	uint64_t eap_req_id_frames_tx, eap_req_frames_tx;
	uint64_t invalid_eapol_frames_rx, eap_length_error_frames_rx;
	uint8_t last_eapol_frame_version;
	uint8_t last_eapol_frame_source[AUTH_MAC_LEN];
	/* diag */
	uint64_t enters_connecting, eap_logoffs_while_connecting;
	uint64_t enters_authenticating;
	uint64_t auth_success_while_authenticating;
	uint64_t auth_timeouts_while_authenticating;
	uint64_t auth_fail_while_authenticating;
	uint64_t auth_eap_starts_while_authenticating;
	uint64_t auth_eap_logoff_while_authenticating;
	uint64_t auth_reauths_while_authenticated;
	uint64_t auth_eap_starts_while_authenticated;
	uint64_t auth_eap_logoff_while_authenticated;
	uint64_t backend_responses, backend_access_challenges;
	uint64_t backend_others_requests_to_supplicant;
	uint64_t backend_auth_successes, backend_auth_fails;
	/* ours */
	uint64_t eap_from_station_dropped;	/* Request/Success/Failure */
	uint64_t eap_wrong_id;
	uint64_t aaa_stale_replies, aaa_bad_replies;
	uint64_t mab_queries, mab_accepts, mab_rejects, mab_to_dot1x;
	uint64_t sessions_created, sessions_reaped, sessions_refused;
};

struct auth_session {
	struct auth_port *port;
	int aaa_handle;			/* the engine's, for aaa_cancel */
	uint8_t mac[AUTH_MAC_LEN];
	enum auth_pae_state pae;
	enum auth_be_state be;
	enum auth_mab_state mab;
	enum auth_authz authz;
	uint16_t vlan;			/* while authorized */
	bool heard_eapol;
	bool logoff;			/* eapolLogoff, for ABORTING */
	uint32_t reauth_count;		/* reAuthCount */
	uint32_t req_count;		/* reqCount */
	uint8_t cur_id;			/* currentId */
	uint64_t created, last_rx, since;
	uint64_t a_while;		/* backend aWhile; UINT64_MAX: off */
	uint64_t tx_when;		/* CONNECTING's Request/Identity */
	uint64_t quiet_while;		/* HELD */
	uint64_t reauth_when;		/* AUTHENTICATED */
	uint64_t session_end;		/* Session-Timeout, terminate */
	uint64_t mab_when;		/* MAB_WAITING */
	uint32_t aaa_seq;		/* of the request in flight; 0: none */
	char identity[AUTH_IDENTITY_MAX + 1];
	uint8_t state[AUTH_STATE_MAX];
	size_t state_len;
	uint8_t last_req[AUTH_EAP_MAX];	/* the last Request, to resend */
	size_t last_req_len;
	const char *last_why;
};

struct auth_port {
	const char *ifname;
	struct auth_cfg cfg;
	const struct auth_ops *ops;
	void *ctx;
	struct auth_session **sessions;
	size_t n_sessions;
	uint32_t next_seq;
	uint8_t next_id;
	struct auth_stats stats;
};

const char *auth_pae_state_name(enum auth_pae_state s);
const char *auth_be_state_name(enum auth_be_state s);
const char *auth_mab_state_name(enum auth_mab_state s);
const char *auth_authz_name(enum auth_authz a);

/*
 * The user name of a MAB query: mac in format f into buf (at least 18
 * octets).
 */
void auth_mab_user(char *buf, size_t size, const uint8_t mac[AUTH_MAC_LEN],
		   enum auth_mab_format f);

/* cfg, ifname, ops kept, not copied.  -ENOMEM. */
int auth_port_init(struct auth_port *p, const char *ifname,
		   const struct auth_cfg *cfg, const struct auth_ops *ops,
		   void *ctx, uint64_t now);
/* Unauthorizes nothing: the engine drops the kernel state itself. */
void auth_port_fini(struct auth_port *p);

/* An EAPOL frame (the whole frame from the EAPOL header on) from src. */
void auth_port_rx(struct auth_port *p, const uint8_t src[AUTH_MAC_LEN],
		  const uint8_t *frame, size_t len, uint64_t now);
/* The module saw a frame of an unauthorized source (MAB's trigger). */
void auth_port_seen(struct auth_port *p, const uint8_t mac[AUTH_MAC_LEN],
		    uint64_t now);
/* The reply to request seq of session s (result TIMEOUT: none came). */
void auth_port_aaa_reply(struct auth_port *p, struct auth_session *s,
			 uint32_t seq, enum auth_aaa_result res,
			 const struct auth_aaa_reply *r, uint64_t now);
/* reAuthenticate for mac (NULL: every session). */
void auth_port_reauth(struct auth_port *p, const uint8_t *mac,
		      uint64_t now);
/* Link down: every session ends (unauthorized, freed). */
void auth_port_link_down(struct auth_port *p, uint64_t now);
void auth_port_timeout(struct auth_port *p, uint64_t now);
uint64_t auth_port_deadline(const struct auth_port *p);

struct auth_session *auth_port_find(const struct auth_port *p,
				    const uint8_t mac[AUTH_MAC_LEN]);
static inline bool auth_session_authorized(const struct auth_session *s)
{
	return s->authz != AUTH_AZ_NONE;
}

struct json;
/* The port's members (ifname, mode, stats, sessions) into the object
 * open in j. */
void auth_port_json(const struct auth_port *p, struct json *j, uint64_t now);

#endif
