/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RADIUS client (RFC 2865, RFC 3579; counters of RFC 4668) on the
 * lib loop.  Sending is injected (ops->send): radudp.c gives the real
 * sockets, the tests a function that keeps the packets and feed replies
 * through rad_client_input().
 *
 * - Identifiers: 256 per server; one is never reused while a request
 *   holds it (requests beyond wait in a queue), and they are handed out
 *   round-robin, so a late reply rarely meets a new request of its id.
 * - Retransmission to the same server: the same packet (same Identifier
 *   and Request Authenticator), after retry_ms, then twice that each time
 *   up to retry_max_ms; after max_tries sends the server is marked dead
 *   for dead_ms and the request goes to the next server with a new
 *   Identifier and authenticator.  New requests go to the first server
 *   not dead (the first of all when all are).  When every server has had
 *   its tries, the callback gets RAD_TIMEOUT.
 * - A reply is matched by server (the socket it came from), Identifier and
 *   the Response Authenticator; it must carry a right
 *   Message-Authenticator.  A reply that fails is counted and dropped and
 *   the request goes on waiting.
 * - Callbacks run from rad_client_input() or a timer, never from
 *   rad_client_access(); a callback may start or cancel requests.
 */
#ifndef APEDGED_EAPOL_RADCLIENT_H
#define APEDGED_EAPOL_RADCLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eapol/radius.h"

struct loop;
struct json;

#define RAD_SERVERS_MAX		8
#define RAD_PENDING_MAX		4096	/* requests in flight or queued */
#define RAD_NAME_MAX		64

enum rad_result { RAD_ACCEPT, RAD_REJECT, RAD_CHALLENGE, RAD_TIMEOUT };

const char *rad_result_name(enum rad_result r);

struct rad_server_cfg {
	char name[RAD_NAME_MAX];	/* "192.0.2.1:1812", for the counters */
	uint8_t secret[RAD_SECRET_MAX];
	size_t secret_len;
};

struct rad_client_cfg {
	struct rad_server_cfg server[RAD_SERVERS_MAX];
	unsigned int n_servers;
	unsigned int max_tries;		/* sends per server, 0: 3 */
	unsigned int retry_ms;		/* first timeout, 0: 2000 */
	unsigned int retry_max_ms;	/* 0: 16000 */
	unsigned int dead_ms;		/* 0: 60000 */
	char nas_identifier[RAD_NAME_MAX];	/* "": none */
};

struct rad_client_ops {
	/* Send one packet to server; <0 on an error (counted as a send
	 * that went nowhere: the retransmission timer still runs). */
	int (*send)(void *ctx, unsigned int server, const uint8_t *pkt,
		    size_t len);
	/* Randomness for Request Authenticators; NULL: RAND_bytes. */
	bool (*random)(void *ctx, uint8_t *buf, size_t len);
};

/* One Access-Request. */
struct rad_access {
	const char *user_name;		/* EAP identity or, for MAB, the MAC */
	const char *user_password;	/* PAP (MAB); NULL for EAP */
	const uint8_t *eap;		/* EAP-Message, any length */
	size_t eap_len;
	const uint8_t *state;		/* State of the last Access-Challenge */
	size_t state_len;
	uint8_t calling_station[6];	/* Calling-Station-Id AA-BB-CC-DD-EE-FF */
	const char *called_station;	/* Called-Station-Id; NULL: none */
	const char *nas_port_id;	/* NAS-Port-Id (the interface); NULL: none */
	uint32_t nas_port;
	int nas_port_type;		/* 15 Ethernet, 19 802.11; <=0: none */
	int service_type;		/* 2 Framed, 10 Call-Check; <=0: none */
	uint32_t framed_mtu;		/* 0: none */
};

typedef void (*rad_cb)(void *user, enum rad_result res,
		       const struct rad_reply *reply);

/* RFC 4668's radiusAuthClientExt counters, per server. */
struct rad_server_stats {
	uint64_t access_requests, retransmissions, accepts, rejects,
		 challenges, malformed, bad_authenticators, timeouts,
		 unknown_types, packets_dropped;
	uint64_t pending_requests;	/* a gauge */
	uint64_t round_trip_ms;		/* the last */
};

struct rad_client;

/* NULL with errno set. */
struct rad_client *rad_client_new(struct loop *loop,
				  const struct rad_client_cfg *cfg,
				  const struct rad_client_ops *ops, void *ctx);
/* Cancels every request without calling back; cleanses the secrets. */
void rad_client_free(struct rad_client *c);

/* A handle (> 0) for rad_client_cancel(), or -errno (-EINVAL for an
 * Access-Request that cannot be built, -ENOBUFS beyond RAD_PENDING_MAX). */
int rad_client_access(struct rad_client *c, const struct rad_access *a,
		      rad_cb cb, void *user);
/* Forget the request: its callback never runs.  An unknown or finished
 * handle is ignored. */
void rad_client_cancel(struct rad_client *c, int handle);
/* A datagram from server. */
void rad_client_input(struct rad_client *c, unsigned int server,
		      const uint8_t *pkt, size_t len);

unsigned int rad_client_servers(const struct rad_client *c);
const struct rad_server_stats *rad_client_stats(const struct rad_client *c,
						unsigned int server);
bool rad_client_server_dead(const struct rad_client *c, unsigned int server);
/* The counters as an array of one object per server. */
void rad_client_json(const struct rad_client *c, struct json *j);

/* "AA-BB-CC-DD-EE-FF" (RFC 3580 §3.21) into buf[18]. */
void rad_format_mac(char buf[18], const uint8_t mac[6]);

#endif
