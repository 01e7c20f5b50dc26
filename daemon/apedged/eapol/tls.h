/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The TLS-over-EAP layer shared by EAP-TLS (RFC 5216, RFC 9190), PEAPv0
 * and EAP-TTLS (RFC 5281): the Flags octet, fragment reassembly with a
 * bounded total, fragmentation of our output with the ACK rule, and an
 * OpenSSL client on memory BIOs (no sockets).
 *
 * Two parts:
 *  - the framing (struct eaptls_rx, eaptls_frame_*): pure, no OpenSSL,
 *    fuzzed on its own;
 *  - the connection (struct eaptls): the framing plus an SSL object.
 *
 * A method hands every Request's Type-Data to eaptls_process().  Until the
 * handshake is complete the layer answers by itself (ACKs, fragments, the
 * handshake flights).  Once it is, each whole message taken in returns
 * EAPTLS_EV_DATA: the application data it carried is in eaptls_app() and
 * the method writes its Response with eaptls_write() (data, or none: an
 * ACK, or the TLS records still pending such as a TLS 1.3 Finished).
 */
#ifndef APEDGED_EAPOL_TLS_H
#define APEDGED_EAPOL_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eapol/method.h"

/* Flags octet (RFC 5216 §3.1; the low three bits are the PEAP/TTLS
 * version). */
#define EAPTLS_FLAG_L		0x80	/* TLS Message Length included */
#define EAPTLS_FLAG_M		0x40	/* more fragments */
#define EAPTLS_FLAG_S		0x20	/* EAP-TLS start */
#define EAPTLS_VER_MASK		0x07

/* A TLS message reassembled from fragments, or ours before fragmenting. */
#define EAPTLS_MSG_MAX		65536
/* Fragment payload we send: at most this, and what fits in cap. */
#define EAPTLS_FRAG_MAX		1024
/* Application data one message may decrypt to (the inner methods). */
#define EAPTLS_APP_MAX		16384

enum eaptls_err {
	EAPTLS_OK = 0,
	EAPTLS_ERR_EMPTY,	/* no Flags octet */
	EAPTLS_ERR_SHORT_LEN,	/* L set, fewer than 4 length octets */
	EAPTLS_ERR_BAD_LEN,	/* TLS Message Length 0 or over the max */
	EAPTLS_ERR_LEN_CHANGED,	/* L on a later fragment with another total */
	EAPTLS_ERR_OVERRUN,	/* more data than the announced length */
	EAPTLS_ERR_UNDERRUN,	/* last fragment short of the length */
	EAPTLS_ERR_NO_L,	/* first of several fragments without L */
	EAPTLS_ERR_TOO_BIG,	/* over EAPTLS_MSG_MAX without L */
	EAPTLS_ERR_UNEXPECTED,	/* data while our fragments are pending, or
				 * an ACK with nothing to send */
	EAPTLS_ERR_START,	/* S flag in the middle of an exchange */
	EAPTLS_ERR_NOMEM,
	EAPTLS_ERR_MAX
};
const char *eaptls_err_name(enum eaptls_err e);

/* What one Request fragment did to the reassembly. */
enum eaptls_rx_res {
	EAPTLS_RX_MORE,		/* a fragment stored: answer with an ACK */
	EAPTLS_RX_MSG,		/* a whole message is in rx->buf, rx->len */
	EAPTLS_RX_ACK,		/* an empty Request: the server's ACK */
	EAPTLS_RX_START,	/* S flag (no data taken) */
	EAPTLS_RX_ERR,
};

struct eaptls_rx {
	uint8_t *buf;		/* grows up to total (or EAPTLS_MSG_MAX) */
	size_t len, cap;
	size_t total;		/* from L; 0 when not given */
	bool busy;		/* inside a fragmented message */
	uint8_t flags;		/* the last Request's Flags octet */
};

/* One Request's Type-Data (Flags first) into the reassembly. */
enum eaptls_rx_res eaptls_rx_feed(struct eaptls_rx *rx, const uint8_t *p,
				  size_t n, enum eaptls_err *err);
/* The message has been used: forget it (the buffer stays). */
void eaptls_rx_done(struct eaptls_rx *rx);
void eaptls_rx_free(struct eaptls_rx *rx);

/*
 * The next fragment of msg[*off..len) as Type-Data into out: Flags (with
 * ver), the TLS Message Length on the first fragment of several, at most
 * frag octets of data.  *off moves past what was written.  An empty msg
 * writes an ACK (just Flags).  Returns the length written, 0 when cap is
 * too small.
 */
size_t eaptls_frame_out(const uint8_t *msg, size_t len, size_t *off,
			uint8_t ver, size_t frag, uint8_t *out, size_t cap);

/* ---- the connection ---- */

struct eaptls;

enum eaptls_ev {
	EAPTLS_EV_SENT,		/* a Response is in out; go on */
	EAPTLS_EV_DATA,		/* handshake done, a message taken in: the
				 * method answers with eaptls_write() */
	EAPTLS_EV_FAIL,		/* give up (eaptls_why() says why) */
	EAPTLS_EV_IGNORE,	/* discard the Request silently */
};

/*
 * A client for EAP type `type` (13, 21, 25).  Refuses (NULL, *why) with
 * no ca_file unless cfg->ca_none_accept_mitm, and when the client
 * certificate or key (EAP-TLS) cannot be loaded.  max_version caps the
 * TLS version (0: cfg->tls_max_version, else the library's).
 */
struct eaptls *eaptls_new(const struct eap_peer_cfg *cfg, uint8_t type,
			  bool client_cert, int max_version,
			  const char **why);
void eaptls_free(struct eaptls *t);

enum eaptls_ev eaptls_process(struct eaptls *t, const uint8_t *req,
			      size_t len, uint8_t *out, size_t cap,
			      size_t *out_len);
/* Encrypt app (may be empty) and send it with any TLS records pending;
 * an ACK when there is nothing at all.  false: it does not fit. */
bool eaptls_write(struct eaptls *t, const uint8_t *app, size_t app_len,
		  uint8_t *out, size_t cap, size_t *out_len);
/* The application data of the last EAPTLS_EV_DATA message. */
const uint8_t *eaptls_app(const struct eaptls *t, size_t *len);

bool eaptls_handshake_done(const struct eaptls *t);
int eaptls_version(const struct eaptls *t);	/* TLS1_2_VERSION, ... */
/* The PEAP/TTLS version bits the server offered in its Start. */
uint8_t eaptls_peer_ver(const struct eaptls *t);
/* Set the version bits of our Responses (PEAP: 0). */
void eaptls_set_ver(struct eaptls *t, uint8_t ver);
/* Why the exchange failed, NULL while it has not. */
const char *eaptls_why(const struct eaptls *t);
void eaptls_fail(struct eaptls *t, const char *why);

/* TLS exporter (RFC 5705 / RFC 8446 §7.5); ctx NULL: no context. */
bool eaptls_export(struct eaptls *t, const char *label, const uint8_t *ctx,
		   size_t ctx_len, uint8_t *out, size_t len);
/* 128 bytes exported with label and ctx: the MSK, then the EMSK. */
bool eaptls_export_keys(struct eaptls *t, const char *label,
			const uint8_t *ctx, size_t ctx_len, uint8_t msk[64],
			uint8_t emsk[64]);
/* MSK and EMSK of EAP-TLS (RFC 5216 §2.3 or RFC 9190 §2.3). */
bool eaptls_keys(struct eaptls *t, uint8_t msk[64], uint8_t emsk[64]);

/* Counters for stats_json. */
struct eaptls_stats {
	uint64_t rx_frags, tx_frags, acks_sent, acks_rx;
	uint64_t err[EAPTLS_ERR_MAX];
};
const struct eaptls_stats *eaptls_stats(const struct eaptls *t);
struct json;
void eaptls_stats_json(const struct eaptls *t, struct json *j);

#endif /* APEDGED_EAPOL_TLS_H */
