/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A client of hostapd's control interface: DEAUTHENTICATE for a kick, and
 * ATTACH to follow a BSS's events (AP-STA-CONNECTED, a hint that a
 * station is authorized, which the nl80211 side then checks).
 *
 * hostapd listens on a Unix datagram socket per BSS, CTRL_DIR/IFNAME, and
 * answers each command, and sends the events of an attached client, to
 * the address the command came from.  We use one datagram socket for all
 * of them, bound to a path (sock_path) in a directory that only the
 * daemon's user may write, mode 0600, so that no other local user can
 * send to it; and what arrives on it is taken only from one of the
 * hostapd sockets we talk to (its address, compared as a path and as an
 * inode) and from uid 0 or the owner of that socket file
 * (SCM_CREDENTIALS).  Anything else is dropped, counted, and logged
 * through the rate limiter.
 *
 * hostapd forgets its attached clients when it restarts, and tells
 * nobody; its socket file is recreated then, so an attached BSS whose
 * socket's inode changed is attached again (checked every
 * HOSTAPD_CHECK_MS).  An ATTACH hostapd does not answer, or a socket that
 * is not there, is tried again every HOSTAPD_RETRY_MS.
 */
#ifndef APEDGED_WIFI_HOSTAPD_H
#define APEDGED_WIFI_HOSTAPD_H

#include <stdbool.h>
#include <stdint.h>

#include "wifi/wire.h"

struct loop;
struct hostapd;

#define HOSTAPD_REPLY_TIMEOUT_MS 2000	/* a command got no answer */
#define HOSTAPD_RETRY_MS 2000		/* attach again after a failure */
#define HOSTAPD_CHECK_MS 5000		/* an attached BSS's socket looked at */
#define HOSTAPD_TARGETS_MAX 128		/* hostapd sockets talked to */
#define HOSTAPD_PENDING_MAX 8		/* commands in flight per socket */

struct hostapd_ops {
	/* hostapd of ifname says mac is connected (authorized). */
	void (*connected)(void *data, const char *ifname,
			  const uint8_t mac[6]);
	/*
	 * hostapd's answer to our DEAUTHENTICATE: 0 (OK), -EPERM (FAIL or
	 * another reply) or -ETIMEDOUT (none).
	 */
	void (*kicked)(void *data, const char *ifname, const uint8_t mac[6],
		       int error);
};

struct hostapd_stats {
	uint64_t sent;			/* commands */
	uint64_t replies;		/* answers to them */
	uint64_t events;		/* events of attached BSSs */
	uint64_t connected;		/* AP-STA-CONNECTED among them */
	uint64_t attached;		/* ATTACH answered OK */
	uint64_t timeouts;		/* commands never answered */
	uint64_t unexpected;		/* answers nobody waited for */
	uint64_t refused_addr;		/* not from a hostapd socket of ours */
	uint64_t refused_cred;		/* from another uid */
	uint64_t malformed[HOSTAPD_ERR_MAX];
};

struct hostapd *hostapd_new(struct loop *loop, const struct hostapd_ops *ops,
			    void *data);
void hostapd_free(struct hostapd *h);

/*
 * hostapd's control directory (its ctrl_interface) and the path of our
 * socket.  The socket is (re)made on the next use; a change of either
 * closes the old one and forgets the BSSs' states (attached ones are
 * attached again).  0, -EINVAL or -ENAMETOOLONG.
 */
int hostapd_configure(struct hostapd *h, const char *ctrl_dir,
		      const char *sock_path);

/* Follow ifname's events, or stop; 0 or -errno (-ENOSPC: too many). */
int hostapd_attach(struct hostapd *h, const char *ifname);
void hostapd_detach(struct hostapd *h, const char *ifname);
/* ATTACH was answered OK and the socket has not changed since. */
bool hostapd_attached(const struct hostapd *h, const char *ifname);

/*
 * Ask ifname's hostapd to deauthenticate mac; the answer comes through
 * kicked().  0 once sent, else -errno (-ENOENT, -ECONNREFUSED: no
 * hostapd there; -EPERM: our socket cannot be made safely; -EBUSY: too
 * many commands in flight).
 */
int hostapd_deauth(struct hostapd *h, const char *ifname,
		   const uint8_t mac[6]);

const struct hostapd_stats *hostapd_get_stats(const struct hostapd *h);
/* Our socket's path, "" until it is bound. */
const char *hostapd_sock_path(const struct hostapd *h);

#endif
