/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv4 client's state machine (RFC 2131 §4.4, figure 5) with
 * conflict detection (RFC 5227 §2): pure.  Time (now, in monotonic
 * milliseconds), randomness (the random callback) and input (a parsed
 * message, an ARP packet, a command) go in; actions come out in a
 * struct dhcp4_actions for the engine to carry out, in order.  The
 * machine never reads a clock, opens a socket or allocates.
 *
 *  STOPPED --start--> INIT (no lease) or INIT_REBOOT (a stored lease)
 *  INIT         --DISCOVER-->                      SELECTING
 *  SELECTING    --OFFER, REQUEST-->                REQUESTING
 *  REQUESTING   --ACK--> PROBING (acd) or BOUND;  --NAK--> INIT
 *  PROBING      --no conflict--> BOUND;     --conflict, DECLINE--> INIT
 *  BOUND        --T1-->                            RENEWING
 *  RENEWING     --ACK--> BOUND;  --T2--> REBINDING;  --NAK--> INIT
 *  REBINDING    --ACK--> BOUND;  --expiry--> INIT;   --NAK--> INIT
 *  INIT_REBOOT  --REQUEST-->                       REBOOTING
 *  REBOOTING    --ACK--> BOUND (probed first when acd);  --NAK--> INIT;
 *               --no answer--> INIT
 *  any          --stop / link down--> STOPPED (a RELEASE when asked)
 *
 * The one function that writes sm->state logs the transition
 * ("dhcp4 eth0: REQUESTING -> BOUND (ACK from 192.0.2.1)") and emits
 * DHCP4_ACT_STATE.  INIT also waits there: after a NAK a short random
 * delay, after a DECLINE RFC 5227's rate limit.
 *
 * The engine arms one timer at dhcp4_sm_deadline() and calls
 * dhcp4_sm_timeout() when it fires; every entry point may move the
 * deadline.
 */
#ifndef APEDGED_DHCP4_SM_H
#define APEDGED_DHCP4_SM_H

#include <stdbool.h>
#include <stdint.h>

#include "dhcp4/wire.h"

enum dhcp4_state {
	DHCP4_STOPPED = 0,
	DHCP4_INIT,
	DHCP4_SELECTING,
	DHCP4_REQUESTING,
	DHCP4_PROBING,		/* RFC 5227 §2.1: ACKed, not yet used */
	DHCP4_BOUND,
	DHCP4_RENEWING,
	DHCP4_REBINDING,
	DHCP4_INIT_REBOOT,
	DHCP4_REBOOTING,
	DHCP4_STATE_MAX
};

const char *dhcp4_state_name(enum dhcp4_state s);	/* "BOUND" */

/* Why a well-formed message was not taken: indexes counters. */
enum dhcp4_drop {
	DHCP4_DROP_OP = 0,	/* not a BOOTREPLY */
	DHCP4_DROP_XID,		/* not our transaction */
	DHCP4_DROP_CHADDR,	/* not our hardware address */
	DHCP4_DROP_STATE,	/* a type this state does not expect */
	DHCP4_DROP_SERVER,	/* no server identifier, or not our server */
	DHCP4_DROP_ADDR,	/* yiaddr unusable (0, multicast, ...) */
	DHCP4_DROP_STOPPED,	/* arrived while stopped */
	DHCP4_DROP_MAX
};

const char *dhcp4_drop_name(enum dhcp4_drop d);	/* "xid", ... */

/*
 * A lease: the ACK that granted it, decoded, and when.  acquired_ms is
 * when the REQUEST that got it was sent (RFC 2131 §4.4.1: times count
 * from then), in the machine's clock.
 */
struct dhcp4_lease {
	struct dhcp4_msg ack;	/* yiaddr, server_id, options */
	uint8_t plen;		/* from the mask, or the class's */
	uint32_t lease_s, t1_s, t2_s;	/* the server's or the defaults */
	uint64_t acquired_ms;
};

/* Timings in milliseconds.  dhcp4_sm_config_default() fills the RFCs'. */
struct dhcp4_sm_config {
	/* RFC 2131 §4.1: 4 s, doubled up to 64 s, each +-1 s at random. */
	uint32_t retrans_min_ms;
	uint32_t retrans_max_ms;
	uint32_t retrans_jitter_ms;
	uint32_t request_tries;		/* REQUESTs before back to INIT */
	uint32_t reboot_tries;		/* INIT-REBOOT REQUESTs before INIT */
	uint32_t nak_delay_min_ms;	/* INIT's wait after a NAK */
	uint32_t nak_delay_max_ms;
	uint32_t init_delay_max_ms;	/* RFC 2131 §4.4.1: 1..10 s; 0 off */

	/* RFC 5227 §1.1 constants.  acd false: no probe, no announce. */
	bool acd;
	uint32_t probe_wait_ms;		/* PROBE_WAIT 1 s */
	uint32_t probe_num;		/* PROBE_NUM 3 */
	uint32_t probe_min_ms;		/* PROBE_MIN 1 s */
	uint32_t probe_max_ms;		/* PROBE_MAX 2 s */
	uint32_t announce_wait_ms;	/* ANNOUNCE_WAIT 2 s */
	uint32_t announce_num;		/* ANNOUNCE_NUM 2 */
	uint32_t announce_interval_ms;	/* ANNOUNCE_INTERVAL 2 s */
	uint32_t max_conflicts;		/* MAX_CONFLICTS 10 */
	uint32_t rate_limit_interval_ms;	/* RATE_LIMIT_INTERVAL 60 s */
	uint32_t defend_interval_ms;	/* DEFEND_INTERVAL 10 s */

	/* What the client says of itself (copied into every message). */
	uint8_t client_id[DHCP4_CLIENT_ID_MAX];	/* type byte first */
	uint8_t client_id_len;			/* 0: none */
	char hostname[DHCP4_NAME_MAX + 1];	/* "": none */
	char vendor_class[DHCP4_NAME_MAX + 1];
	uint8_t prl[DHCP4_PRL_MAX];		/* requested options */
	uint8_t prl_len;
	uint32_t lease_hint_s;			/* 0: none */
};

void dhcp4_sm_config_default(struct dhcp4_sm_config *cfg);

enum dhcp4_action_type {
	DHCP4_ACT_SEND,		/* a message: broadcast or unicast to dst */
	DHCP4_ACT_ARP,		/* an ARP packet (probe, announce, defend) */
	DHCP4_ACT_APPLY,	/* configure the lease: address, routes, ... */
	DHCP4_ACT_UNAPPLY,	/* remove what APPLY configured */
	DHCP4_ACT_STORE,	/* keep the lease across restarts */
	DHCP4_ACT_FORGET,	/* drop the stored lease */
	DHCP4_ACT_STATE,	/* a transition: for the hook and events */
};

struct dhcp4_action {
	enum dhcp4_action_type type;
	union {
		struct {
			struct dhcp4_build msg;	/* pointers into the config */
			bool unicast;		/* UDP socket to dst:67 */
			struct in_addr dst;	/* else broadcast, raw */
		} send;
		struct dhcp4_arp arp;		/* sent to broadcast */
		const struct dhcp4_lease *lease;	/* APPLY, UNAPPLY,
							   STORE */
		struct {
			enum dhcp4_state from, to;
			const char *reason;	/* the hook's $reason: "BOUND",
						   "RENEW", "REBIND", "REBOOT",
						   "EXPIRE", "NAK", "DECLINE",
						   "RELEASE", "STOP", ... */
		} state;
	};
};

#define DHCP4_ACTIONS_MAX	16

struct dhcp4_actions {
	unsigned int n;
	struct dhcp4_action a[DHCP4_ACTIONS_MAX];
};

struct dhcp4_sm_stats {
	uint64_t tx[DHCP4_TYPE_MAX + 1];	/* by message type */
	uint64_t rx[DHCP4_TYPE_MAX + 1];	/* taken, by type */
	uint64_t drop[DHCP4_DROP_MAX];
	uint64_t conflicts;		/* RFC 5227 conflicts seen */
	uint64_t defended;		/* defending ARPs sent */
	uint64_t naks, declines, expiries;
};

struct dhcp4_sm {
	enum dhcp4_state state;		/* written by one function only */
	const struct dhcp4_sm_config *cfg;
	const char *ifname;		/* for the log */
	uint8_t mac[6];
	uint32_t (*random)(void *ctx);	/* injected: tests set their own */
	void *random_ctx;

	uint32_t xid;
	uint64_t deadline_ms;		/* UINT64_MAX: none */
	uint64_t start_ms;		/* of this exchange, for secs */
	uint64_t sent_ms;		/* the last REQUEST, for the lease */
	uint32_t tries;
	uint32_t interval_ms;		/* the current retransmission */
	uint32_t conflicts;		/* RFC 5227 MAX_CONFLICTS window */
	uint64_t last_defend_ms;
	uint32_t probes_left, announces_left;

	struct in_addr offered, server;	/* of the exchange in progress */
	bool have_lease;
	struct dhcp4_lease lease;	/* the bound one (or the stored) */
	struct dhcp4_lease pending;	/* ACKed, being probed */
	struct in_addr hint;		/* last address, DISCOVER's option 50 */
	uint64_t announce_ms;		/* the next RFC 5227 announcement */
	bool defending;			/* last_defend_ms is set */
	bool renewed;			/* BOUND by RENEW/REBIND: no announce */
	bool from_reboot;		/* PROBING an INIT-REBOOT's ACK */

	struct dhcp4_sm_stats stats;
};

void dhcp4_sm_init(struct dhcp4_sm *sm, const struct dhcp4_sm_config *cfg,
		   const char *ifname, const uint8_t mac[6],
		   uint32_t (*random)(void *ctx), void *random_ctx);

/* Start (or restart after link-up), with the stored lease or NULL. */
void dhcp4_sm_start(struct dhcp4_sm *sm, uint64_t now,
		    const struct dhcp4_lease *stored, struct dhcp4_actions *out);

/* Stop: link down, or the daemon stopping; RELEASE first if release. */
void dhcp4_sm_stop(struct dhcp4_sm *sm, uint64_t now, bool release,
		   struct dhcp4_actions *out);

/* A parsed message that arrived from src (its IPv4 source). */
void dhcp4_sm_rx(struct dhcp4_sm *sm, uint64_t now, const struct dhcp4_msg *m,
		 struct in_addr src, struct dhcp4_actions *out);

/* An ARP packet seen on the interface (not one of ours). */
void dhcp4_sm_arp(struct dhcp4_sm *sm, uint64_t now, const struct dhcp4_arp *a,
		  struct dhcp4_actions *out);

/* The deadline passed. */
void dhcp4_sm_timeout(struct dhcp4_sm *sm, uint64_t now,
		      struct dhcp4_actions *out);

/* apedgectl dhcp4 renew / rebind / release. */
void dhcp4_sm_renew(struct dhcp4_sm *sm, uint64_t now,
		    struct dhcp4_actions *out);
void dhcp4_sm_rebind(struct dhcp4_sm *sm, uint64_t now,
		     struct dhcp4_actions *out);
void dhcp4_sm_release(struct dhcp4_sm *sm, uint64_t now,
		      struct dhcp4_actions *out);

/* When to call dhcp4_sm_timeout(): UINT64_MAX when nothing is due. */
uint64_t dhcp4_sm_deadline(const struct dhcp4_sm *sm);

/* Whether the machine needs the packet socket (no usable address yet). */
bool dhcp4_sm_wants_raw(const struct dhcp4_sm *sm);
/* Whether it wants ARP packets (probing or defending). */
bool dhcp4_sm_wants_arp(const struct dhcp4_sm *sm);

#endif
