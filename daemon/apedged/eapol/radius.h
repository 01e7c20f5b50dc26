/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RADIUS codec (RFC 2865 §3-5, RFC 2866, RFC 2868, RFC 3579, RFC 2548):
 * requests are built into a bounded buffer, replies are checked and then
 * decoded.  Pure but for the randomness of a Request Authenticator, which
 * the caller passes in, and OpenSSL's MD5 and HMAC-MD5.
 *
 * A reply is believed in this order, and nothing of it before its turn:
 *  1. the header: Length within 20..4096 and within what was received
 *     (octets beyond Length are padding, RFC 2865 §3);
 *  2. the attributes: each at least 2 octets and inside Length;
 *  3. Message-Authenticator: present exactly once in an Access-Accept,
 *     -Reject or -Challenge (RFC 3579 §3.2), 16 octets, and the HMAC-MD5
 *     right (compared in constant time);
 *  4. the Response Authenticator: MD5(Code+ID+Length+RequestAuth+
 *     Attributes+Secret), in constant time;
 *  5. only then the attributes are decoded (rad_reply_decode()).
 */
#ifndef APEDGED_EAPOL_RADIUS_H
#define APEDGED_EAPOL_RADIUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RAD_HDR_LEN	20
#define RAD_AUTH_LEN	16
#define RAD_MIN_LEN	20
#define RAD_MAX_LEN	4096
#define RAD_ATTR_MAX	253	/* value octets of one attribute */
#define RAD_PASS_MAX	128	/* User-Password, RFC 2865 §5.2 */
#define RAD_SECRET_MAX	128
#define RAD_PORT_AUTH	1812
#define RAD_PORT_ACCT	1813

enum rad_code {
	RAD_ACCESS_REQUEST = 1,
	RAD_ACCESS_ACCEPT = 2,
	RAD_ACCESS_REJECT = 3,
	RAD_ACCOUNTING_REQUEST = 4,
	RAD_ACCOUNTING_RESPONSE = 5,
	RAD_ACCESS_CHALLENGE = 11,
};

enum rad_attr {
	RAD_A_USER_NAME = 1,
	RAD_A_USER_PASSWORD = 2,
	RAD_A_NAS_IP_ADDRESS = 4,
	RAD_A_NAS_PORT = 5,
	RAD_A_SERVICE_TYPE = 6,
	RAD_A_FRAMED_MTU = 12,
	RAD_A_REPLY_MESSAGE = 18,
	RAD_A_STATE = 24,
	RAD_A_CLASS = 25,
	RAD_A_VENDOR_SPECIFIC = 26,
	RAD_A_SESSION_TIMEOUT = 27,
	RAD_A_TERMINATION_ACTION = 29,
	RAD_A_CALLED_STATION_ID = 30,
	RAD_A_CALLING_STATION_ID = 31,
	RAD_A_NAS_IDENTIFIER = 32,
	RAD_A_ACCT_STATUS_TYPE = 40,
	RAD_A_ACCT_DELAY_TIME = 41,
	RAD_A_ACCT_INPUT_OCTETS = 42,
	RAD_A_ACCT_OUTPUT_OCTETS = 43,
	RAD_A_ACCT_SESSION_ID = 44,
	RAD_A_ACCT_SESSION_TIME = 46,
	RAD_A_ACCT_INPUT_PACKETS = 47,
	RAD_A_ACCT_OUTPUT_PACKETS = 48,
	RAD_A_ACCT_TERMINATE_CAUSE = 49,
	RAD_A_NAS_PORT_TYPE = 61,
	RAD_A_TUNNEL_TYPE = 64,
	RAD_A_TUNNEL_MEDIUM_TYPE = 65,
	RAD_A_EAP_MESSAGE = 79,
	RAD_A_MESSAGE_AUTHENTICATOR = 80,
	RAD_A_TUNNEL_PRIVATE_GROUP_ID = 81,
	RAD_A_NAS_PORT_ID = 87,
};

#define RAD_VENDOR_MICROSOFT	311
#define RAD_MS_MPPE_SEND_KEY	16
#define RAD_MS_MPPE_RECV_KEY	17
#define RAD_TUNNEL_TYPE_VLAN	13	/* RFC 3580 §3.31 */
#define RAD_TUNNEL_MEDIUM_802	6
#define RAD_TAG_MAX		0x1f	/* RFC 2868 §3.1 */

enum rad_acct_status {
	RAD_ACCT_START = 1,
	RAD_ACCT_STOP = 2,
	RAD_ACCT_INTERIM = 3,
};

/* Why a reply was refused; names in rad_err_name(). */
enum rad_err {
	RAD_OK,
	RAD_ERR_SHORT,		/* fewer than 20 octets, or than Length */
	RAD_ERR_LENGTH,		/* Length outside 20..4096 */
	RAD_ERR_ATTR,		/* an attribute shorter than 2 or past Length */
	RAD_ERR_NO_MSGAUTH,	/* Access-* reply without Message-Authenticator */
	RAD_ERR_MSGAUTH,	/* Message-Authenticator wrong, repeated or not 16 */
	RAD_ERR_AUTH,		/* Response Authenticator wrong */
	RAD_ERR_VALUE,		/* an attribute we decode has a bad value */
	RAD_ERR_COUNT,
};

const char *rad_err_name(enum rad_err e);
/* "Access-Accept", ..., or "?" */
const char *rad_code_name(uint8_t code);

/*
 * A packet under construction.  Every put is bounded; one that does not
 * fit sets ->err, and rad_*_finish() then returns 0.
 */
struct rad_msg {
	uint8_t buf[RAD_MAX_LEN];
	size_t len;
	size_t msgauth;		/* offset of its value, 0: none */
	bool err;
};

/* Code, Identifier and the Request Authenticator (RAND_bytes for an
 * Access-Request; ignored for an Accounting-Request). */
void rad_msg_init(struct rad_msg *m, uint8_t code, uint8_t id,
		  const uint8_t auth[RAD_AUTH_LEN]);
void rad_put(struct rad_msg *m, uint8_t type, const void *val, size_t len);
void rad_put_str(struct rad_msg *m, uint8_t type, const char *s);
void rad_put_u32(struct rad_msg *m, uint8_t type, uint32_t v);
/* The octets split into as many attributes of at most 253 as needed
 * (EAP-Message, RFC 3579 §3.1); nothing for len 0. */
void rad_put_split(struct rad_msg *m, uint8_t type, const uint8_t *v,
		   size_t len);
/* User-Password hidden with the secret and the Request Authenticator
 * (RFC 2865 §5.2); at most 128 octets. */
void rad_put_password(struct rad_msg *m, const char *pw,
		      const uint8_t *secret, size_t secret_len);
/* A Message-Authenticator of zeros, filled in by the finish. */
void rad_put_msgauth(struct rad_msg *m);
/*
 * Set Length and, if there is one, the Message-Authenticator; for an
 * Accounting-Request also the Request Authenticator (RFC 2866 §3).  The
 * length of the packet, 0 if anything did not fit or OpenSSL failed.
 */
size_t rad_msg_finish(struct rad_msg *m, const uint8_t *secret,
		      size_t secret_len);

/* One attribute of a packet, as the walk gives it. */
struct rad_attr_it {
	const uint8_t *p, *end;
};
/* The attributes of a packet whose header rad_check_header() passed. */
void rad_attr_first(struct rad_attr_it *it, const uint8_t *pkt);
/* The next attribute, false at the end; the walk is bounded by Length. */
bool rad_attr_next(struct rad_attr_it *it, uint8_t *type,
		   const uint8_t **val, size_t *len);

/* Steps 1-2: header and attribute framing.  *plen is cut to Length. */
enum rad_err rad_check_header(const uint8_t *pkt, size_t *plen);
/*
 * Steps 1-4 for a reply to the request whose authenticator is req_auth:
 * Message-Authenticator (required when need_msgauth, checked whenever
 * present) and the Response Authenticator.
 */
enum rad_err rad_verify_reply(const uint8_t *pkt, size_t len,
			      const uint8_t req_auth[RAD_AUTH_LEN],
			      const uint8_t *secret, size_t secret_len,
			      bool need_msgauth);
/* An Accounting-Request's authenticator, and its Message-Authenticator
 * if present (the server's side; for the tests). */
enum rad_err rad_verify_acct_request(const uint8_t *pkt, size_t len,
				     const uint8_t *secret, size_t secret_len);

#define RAD_EAP_MAX	(RAD_MAX_LEN - RAD_HDR_LEN)
#define RAD_MSK_LEN	64

struct rad_reply {
	uint8_t code;
	uint8_t *eap;		/* reassembled EAP-Message, in eap_buf; NULL: none */
	size_t eap_len;
	uint8_t state[RAD_ATTR_MAX];
	size_t state_len;
	uint8_t class_[RAD_ATTR_MAX];	/* Class, for accounting */
	size_t class_len;
	uint32_t session_timeout;	/* 0: none */
	int termination_action;		/* -1: none */
	uint16_t vlan;			/* 0: none */
	uint8_t msk[RAD_MSK_LEN];	/* MS-MPPE-Recv-Key || -Send-Key */
	bool have_msk;
	char reply_message[RAD_ATTR_MAX + 1];	/* the first, NUL-ended */
	uint8_t eap_buf[RAD_EAP_MAX];
};

/*
 * Step 5: the attributes of a verified reply.  EAP-Message attributes are
 * concatenated in order (RFC 3579 §3.1); the VLAN is the
 * Tunnel-Private-Group-ID (a decimal 1..4094) of the tag whose Tunnel-Type
 * is VLAN and Tunnel-Medium-Type 802 (RFC 3580 §3.31, RFC 2868 tags);
 * MS-MPPE keys are decrypted with the secret and req_auth (RFC 2548 §2.4.2)
 * and ->msk cleansed by rad_reply_clear().  RAD_ERR_VALUE for an
 * attribute of ours with a bad length or value.
 */
enum rad_err rad_reply_decode(const uint8_t *pkt, size_t len,
			      const uint8_t req_auth[RAD_AUTH_LEN],
			      const uint8_t *secret, size_t secret_len,
			      struct rad_reply *r);
void rad_reply_clear(struct rad_reply *r);

/* Exposed for the tests: the RFC 2548 decryption of one key attribute's
 * value (Salt, String); the key's length, -1 when malformed. */
int rad_mppe_decrypt(const uint8_t *val, size_t len,
		     const uint8_t req_auth[RAD_AUTH_LEN],
		     const uint8_t *secret, size_t secret_len,
		     uint8_t *key, size_t key_size);

#endif
