/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IAPP engine (IEEE 802.11F between access points): one object on the
 * daemon's loop, all of its I/O non-blocking.
 *
 * Station events come in through iapp_sta_add() / _authorize() / _del(),
 * from nl80211 (the [ap] interfaces) and from the control socket.  Nothing is done for a station until it is authorized
 * (CVE-2019-5108).  On authorization the engine asks for the Layer-2 Update
 * (iapp_ops.l2update), multicasts an ADD-notify and, when the station
 * names a previous AP found in the BSSID map, fetches its context with a
 * MOVE-notify over TCP; after a successful MOVE it may CACHE-notify the
 * other APs of the map.
 *
 * It listens on UDP (ADD-notify, on the multicast group joined on the
 * configured interface) and TCP (MOVE-notify, CACHE-notify) on the IAPP
 * port, taking TCP only from the addresses of the BSSID map.  With a key,
 * a signed message is taken only within replay_window_s of its time, and
 * once (iapp/replay.h).  Addresses of the contexts other APs send are
 * checked before they are kept (iapp/logic.h).  Every decision is counted
 * (struct iapp_stats) and logged; malformed input is logged at most once
 * per IAPP_LOG_WINDOW_MS per reason.
 *
 * The files: iapp.c (this object: what is done with each message and
 * station event), io.c (its sockets and timers), wire.c (the messages),
 * logic.c (decisions), sta.c, cache.c, replay.c (tables), ctl.c (control
 * words and JSON), config.h (its configuration).
 *
 * No callback of iapp_ops, and nothing the engine does for an answer
 * (iapp_ctx_filled()), runs within the call that asked for it: answers
 * go out from a deferred call.
 */
#ifndef APEDGED_IAPP_H
#define APEDGED_IAPP_H

#include <stdbool.h>
#include <stdint.h>

#include "iapp/cache.h"
#include "iapp/config.h"
#include "iapp/io.h"
#include "iapp/logic.h"
#include "iapp/replay.h"
#include "iapp/sta.h"
#include "iapp/wire.h"
#include "lib/event.h"
#include "lib/strbuf.h"

struct loop;
struct iapp;
struct netif;

#define IAPP_LOG_WINDOW_MS	10000
#define IAPP_FILL_TIMEOUT_MS	250	/* ops.ctx_fill's bound: well
					   within a peer's MOVE timeout */

struct iapp_stats {
	uint64_t tx[IAPP_CMD_MAX + 1];		/* messages sent, by command */
	uint64_t rx[IAPP_CMD_MAX + 1];		/* well-formed ones received */
	uint64_t malformed[IAPP_ERR_MAX];	/* refused, by reason */
	uint64_t auth_failures;			/* unsigned or badly signed */
	uint64_t send_errors;

	uint64_t replay_stale;		/* signed, time outside the window */
	uint64_t replay_seen;		/* signed, the same within it */
	uint64_t replay_full;		/* signed, no room to remember it */

	uint64_t add_kicked;
	uint64_t add_ignored_own;
	uint64_t add_ignored_not_here;
	uint64_t add_ignored_stale;
	uint64_t add_unauthorized;	/* associations not acted upon (yet) */

	uint64_t move_successful;	/* our MOVE-notify's outcome */
	uint64_t move_denied;
	uint64_t move_stale;
	uint64_t move_timeout;
	uint64_t move_error;
	uint64_t move_unmapped;		/* previous AP not in the BSSID map */
	uint64_t move_answered[3];	/* our answers, by move status */

	uint64_t cache_stored;		/* CACHE-notify received */
	uint64_t cache_stale;
	uint64_t cache_used;		/* a cached context applied */
	uint64_t cache_acked[2];	/* CACHE-response, by status */
	uint64_t cache_error;

	uint64_t ctx_filled;		/* MOVE answered with the module's */
	uint64_t ctx_fill_absent;	/* ... with the table's: no module */
	uint64_t ctx_fill_failed;	/* ... the module's dump failed */
	uint64_t ctx_fill_timeout;	/* ... no answer within the bound */

	uint64_t bindings_added;	/* a context's address, as binding */
	uint64_t bindings_failed;	/* refused by the module */
	uint64_t bindings_skipped;	/* no lease left, no port, no module */
	uint64_t bindings_conflict;	/* bound to another station: kept */

	uint64_t ctx_refused_invalid;	/* a context's address: no station's */
	uint64_t ctx_refused_ours;	/* ... this host's or a mapped AP's */
	uint64_t ctx_refused_over;	/* ... over IAPP_STA_ADDRS_MAX */

	uint64_t l2update_requested;	/* xid-send requests sent */
	uint64_t l2update_absent;	/* not sent: module absent */
	uint64_t l2update_failed;	/* refused by the module */

	uint64_t kick_hostapd;		/* DEAUTHENTICATE sent */
	uint64_t kick_hook;		/* removed through the hook */
	uint64_t kick_none;		/* kick = none: logged only */
	uint64_t kick_failed;

	uint64_t tcp_accepted;
	uint64_t tcp_refused;		/* over IAPP_TCP_CONNS_MAX */
	uint64_t tcp_timeout;
	uint64_t tcp_closed_early;	/* peer closed mid-message */
	uint64_t tcp_unmapped;		/* refused: not an AP of the map */
};

struct iapp_ops {
	/*
	 * Ask the module for the Layer-2 Update of s on the configured
	 * ports: the number of requests sent, -ENOTCONN when the module is
	 * absent, or -errno.  NULL: none.
	 */
	int (*l2update)(const struct sta *s, void *data);
	/*
	 * Remove s from its radio as [iapp] kick says (apedged's root: the
	 * wifi engine's DEL_STATION or hostapd's DEAUTHENTICATE): 0 once
	 * asked (counted as kick hostapd for kick = hostapd, else kick
	 * hook), -EOPNOTSUPP for kick = none, or -errno (kick failed).  A
	 * later refusal comes back through iapp_kick_result().  NULL: none.
	 */
	int (*kick)(const struct sta *s, void *data);
	/*
	 * A MOVE-notify for s is to be answered: refresh the addresses of
	 * its context from the module.  0: iapp_ctx_filled() follows, within
	 * IAPP_FILL_TIMEOUT_MS or the answer goes without it; -ENOTCONN
	 * (module absent) or -errno: answer now with the table's.  NULL: the
	 * table's.
	 */
	int (*ctx_fill)(const struct sta *s, void *data);
	/*
	 * ctx was fetched (MOVE) or taken from the cache for s, its
	 * addresses checked (at most IAPP_STA_ADDRS_MAX, each one a station
	 * may hold): add them to the module as bindings, unless one is bound
	 * to another station, and report each outcome with
	 * iapp_binding_result().
	 */
	void (*ctx_applied)(const struct sta *s, const struct iapp_ctx *ctx,
			    void *data);
	/*
	 * Events for the daemon's monitors (lib/event.h), each with the
	 * station's "mac": "iapp-add" and "iapp-move" ("direction": "sent"
	 * or "received", "peer": the other AP's address, "result" of a
	 * MOVE-notify answered), "iapp-kick" ("result": "nl80211",
	 * "hostapd", "none" or "failed").  NULL: none.
	 */
	event_fn event;
};

enum iapp_binding_outcome {
	IAPP_BINDING_ADDED,
	IAPP_BINDING_FAILED,
	IAPP_BINDING_SKIPPED,
	IAPP_BINDING_CONFLICT,	/* the address is another station's */
};

/*
 * netif tells the engine which addresses are its own and when the IAPP
 * interface comes and goes (it listens once it is there); NULL is for
 * tests that never open the sockets.
 */
struct iapp *iapp_new(struct loop *loop, struct netif *netif,
		      const struct iapp_ops *ops, void *data);
void iapp_free(struct iapp *ia);

/*
 * Apply cfg's [iapp], [bssid] and ports (the first call, and on reload):
 * the sockets are (re)opened when their settings changed.  A failure to
 * open them is logged and retried every IAPP_RETRY_MS.  0 or -ENOMEM.
 */
int iapp_configure(struct iapp *ia, const struct config_iapp *cfg,
		   const struct config_bssid *bssids, size_t n_bssids);

struct iapp_sta_args {
	const char *ifname;
	const uint8_t *mac;
	uint16_t vlan;
	bool authorized;
	const uint8_t *prev_ap;		/* NULL: unknown */
	const struct iapp_ctx *ctx;	/* NULL: none */
};

/* A station (re)associated; 0, -EINVAL, -ENOSPC or -ENOMEM. */
int iapp_sta_add(struct iapp *ia, const struct iapp_sta_args *a);
/*
 * Its VLAN became known (nl80211 finds the AP_VLAN only at
 * authorization); call it before iapp_sta_authorize().  0 or -ENOENT.
 */
int iapp_sta_set_vlan(struct iapp *ia, const uint8_t mac[MAC_LEN],
		      uint16_t vlan);
/* It completed 802.1X/WPA; 0, -ENOENT, or -EALREADY. */
int iapp_sta_authorize(struct iapp *ia, const uint8_t mac[MAC_LEN]);
/* It left; 0 or -ENOENT. */
int iapp_sta_del(struct iapp *ia, const uint8_t mac[MAC_LEN]);

/* The module's answer to an xid-send request. */
void iapp_l2update_result(struct iapp *ia, int error);
/* The radio's answer to a kick (hostapd's FAIL, or none): counted. */
void iapp_kick_result(struct iapp *ia, int error);

/*
 * The addresses ops.ctx_fill asked for (ctx: only n_ipv4, n_ipv6 and the
 * addresses are used), or NULL when they could not be had: the MOVE
 * answers waiting for mac go out, from a deferred call (also when this is
 * called from within ops.ctx_fill).
 */
void iapp_ctx_filled(struct iapp *ia, const uint8_t mac[MAC_LEN],
		     const struct iapp_ctx *ctx);
/* One outcome of ops.ctx_applied, counted. */
void iapp_binding_result(struct iapp *ia, enum iapp_binding_outcome o);

struct sta_table *iapp_stas(struct iapp *ia);
const struct iapp_stats *iapp_get_stats(const struct iapp *ia);
const struct config_iapp *iapp_get_config(const struct iapp *ia);
size_t iapp_n_bssids(const struct iapp *ia);
size_t iapp_n_stations(const struct iapp *ia);
size_t iapp_n_cached(const struct iapp *ia);
size_t iapp_n_conns(const struct iapp *ia);
bool iapp_listening(const struct iapp *ia);
/* The "iapp show" JSON object, on one line (iapp/ctl.c). */
void iapp_format_show(const struct iapp *ia, struct strbuf *sb);

#endif
