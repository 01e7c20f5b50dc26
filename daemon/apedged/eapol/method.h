/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface between the EAP peer state machine (eapol/peer.c, RFC 4137)
 * and the EAP methods (md5.c, eaptls.c, peap.c, ttls.c).
 *
 * A method is a table of functions over an opaque state it allocates in
 * new() and releases in free().  The peer hands a method the Type-Data of
 * each Request of its type (the octets after the Type octet) with the
 * Request's Identifier; the method writes the Type-Data of its Response
 * into the buffer it is given (the peer prepends Code, Identifier, Length
 * and Type) and says what became of the exchange:
 *
 *  EAP_MRES_CONT    a Response is in out; more Requests are expected
 *  EAP_MRES_DONE    a Response is in out (possibly empty: out_len 0 still
 *                   sends a Response with just the Type); the method has
 *                   finished its side (RFC 4137 methodState DONE)
 *  EAP_MRES_FAIL    the method gives up; the peer sends nothing and
 *                   waits for the Failure (or its timeout)
 *  EAP_MRES_IGNORE  the Request was not acceptable (an integrity check, a
 *                   fragment out of order): silently discarded, the peer
 *                   keeps its last Response for a retransmission
 *                   (RFC 4137 ignore = TRUE)
 *
 * decision() is RFC 4137's methodState/decision pair folded into what the
 * peer needs when a Success or Failure arrives: FAIL refuses a Success,
 * COND_SUCC accepts either, UNCOND_SUCC accepts a Success and also a
 * lower-layer success (RFC 4137 §4.1 altAccept).
 *
 * Methods are pure with respect to I/O: no sockets, no clock, no timers.
 * They may read files named by the configuration in new() (certificates,
 * keys) and may allocate.  Secrets they hold are cleansed in free().
 * Every length in a Request is untrusted: a method bounds its reassembly
 * buffers by a named maximum and never writes past cap.
 *
 * The registry is eapol/methods.c: one line per method.  A method not in
 * it is answered with a Nak (RFC 3748 §5.3.1) proposing the configured
 * method.
 */
#ifndef APEDGED_EAPOL_METHOD_H
#define APEDGED_EAPOL_METHOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json;

/* EAP Types (RFC 3748 §5, IANA "Method Types"). */
enum eap_type {
	EAP_TYPE_IDENTITY = 1,
	EAP_TYPE_NOTIFICATION = 2,
	EAP_TYPE_NAK = 3,
	EAP_TYPE_MD5 = 4,
	EAP_TYPE_TLS = 13,
	EAP_TYPE_TTLS = 21,
	EAP_TYPE_PEAP = 25,
	EAP_TYPE_MSCHAPV2 = 26,
	EAP_TYPE_EXPANDED = 254,
};

/* TTLS inner methods (config key phase2). */
enum eap_phase2 {
	EAP_PHASE2_NONE = 0,
	EAP_PHASE2_PAP = 1,
	EAP_PHASE2_MSCHAPV2 = 2,
};

#define EAP_CFG_STR_MAX 256

/*
 * Parsed from [eapol IFNAME] (and later [station IFNAME]).  Strings are
 * NUL-terminated; an empty string is "not set".
 */
struct eap_peer_cfg {
	char identity[EAP_CFG_STR_MAX];
	/* outer identity of the tunnelled methods; identity when empty */
	char anonymous_identity[EAP_CFG_STR_MAX];
	char password[EAP_CFG_STR_MAX];
	/* server certificate checks */
	char ca_file[EAP_CFG_STR_MAX];
	char domain[EAP_CFG_STR_MAX];
	/* the client's own certificate (EAP-TLS) */
	char client_cert[EAP_CFG_STR_MAX];
	char private_key[EAP_CFG_STR_MAX];
	char private_key_password[EAP_CFG_STR_MAX];
	/*
	 * Config key "ca_none_accept_mitm = yes": the only way to run a TLS
	 * method without ca_file.  Its name says what it costs.
	 */
	bool ca_none_accept_mitm;
	uint8_t method;			/* enum eap_type wanted */
	uint8_t phase2;			/* enum eap_phase2, TTLS only */
	int tls_max_version;		/* 0: the library's maximum */
};

enum eap_mres {
	EAP_MRES_CONT,
	EAP_MRES_DONE,
	EAP_MRES_FAIL,
	EAP_MRES_IGNORE,
};

/* RFC 4137 §4.1 decision */
enum eap_mdecision {
	EAP_MDEC_FAIL,
	EAP_MDEC_COND_SUCC,
	EAP_MDEC_UNCOND_SUCC,
};

/* The largest Type-Data a method may write into one Response. */
#define EAP_METHOD_OUT_MAX 1400

struct eap_method {
	uint8_t type;			/* enum eap_type */
	const char *name;		/* "md5", "tls", "peap", "ttls" */
	/*
	 * A new exchange.  NULL: the method refuses to run with this
	 * configuration (*why, a static string, says why: "no ca_file").
	 */
	void *(*new)(const struct eap_peer_cfg *cfg, const char **why);
	void (*free)(void *st);
	/*
	 * One Request's Type-Data (req, len: after the Type octet) with its
	 * Identifier in; the Response's Type-Data out, at most cap octets,
	 * its length in *out_len.
	 */
	enum eap_mres (*process)(void *st, uint8_t id, const uint8_t *req,
				 size_t len, uint8_t *out, size_t cap,
				 size_t *out_len);
	enum eap_mdecision (*decision)(void *st);
	/* Keying material (RFC 5247), when the method derives it; else NULL. */
	bool (*key)(void *st, uint8_t msk[64], uint8_t emsk[64]);
	/* Method counters and facts for "apedgectl eapol show"; may be NULL. */
	void (*stats_json)(void *st, struct json *j);
};

/* The method of that type, NULL when apedged has none (eapol/methods.c). */
const struct eap_method *eap_method_find(uint8_t type);
/* By config name ("md5", "tls", "peap", "ttls"), NULL when unknown. */
const struct eap_method *eap_method_by_name(const char *name);

/* The methods; methods.c lists them. */
extern const struct eap_method eap_method_md5;
extern const struct eap_method eap_method_tls;
extern const struct eap_method eap_method_peap;
extern const struct eap_method eap_method_ttls;

#endif
