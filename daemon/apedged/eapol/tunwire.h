/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The codecs inside the TLS tunnels, pure and bounded:
 *  - TTLS AVPs (RFC 5281 §10.1): Code, Flags (V, M), 24-bit Length,
 *    optional Vendor-ID, Data, padded to four octets;
 *  - PEAP Extensions TLVs (the EAP-TLV payload of [MS-PEAP] §2.2.8):
 *    M and R bits and a 14-bit Type, 16-bit Length, Value;
 *  - EAP-MSCHAPv2 packets (draft-kamath-pppext-eap-mschapv2 §2): OpCode,
 *    MS-CHAPv2-ID, MS-Length and the op's fields.
 * Every parser walks a bounded cursor and names the reason it refuses.
 */
#ifndef APEDGED_EAPOL_TUNWIRE_H
#define APEDGED_EAPOL_TUNWIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/bytes.h"

enum tun_err {
	TUN_OK = 0,
	TUN_ERR_SHORT,		/* fewer octets than a header */
	TUN_ERR_LEN,		/* a length below the header or past the end */
	TUN_ERR_VALUE,		/* a field with a value it cannot have */
	TUN_ERR_MAX
};
const char *tun_err_name(enum tun_err e);

/* ---- TTLS AVPs ---- */
#define TTLS_AVP_FLAG_V		0x80
#define TTLS_AVP_FLAG_M		0x40
#define TTLS_AVP_HDR		8
#define TTLS_AVP_VHDR		12
#define TTLS_AVP_LEN_MAX	0xffffff

#define TTLS_AVP_USER_NAME	1
#define TTLS_AVP_USER_PASSWORD	2
#define TTLS_AVP_EAP_MESSAGE	79
#define TTLS_VENDOR_MS		311
#define TTLS_AVP_MS_CHAP_ERROR	2	/* vendor 311 */
#define TTLS_AVP_MS_CHAP_CHALLENGE 11
#define TTLS_AVP_MS_CHAP2_RESPONSE 25
#define TTLS_AVP_MS_CHAP2_SUCCESS 26

struct ttls_avp {
	uint32_t code;
	uint8_t flags;
	uint32_t vendor;		/* 0 without the V bit */
	const uint8_t *data;
	size_t len;
};

/* The next AVP at the cursor, its padding skipped (the last AVP may come
 * without it).  TUN_OK with avp set; the cursor is spent on an error. */
enum tun_err ttls_avp_next(struct cur *c, struct ttls_avp *avp);
/* Append one AVP at *off (padded).  false when it does not fit. */
bool ttls_avp_put(uint8_t *buf, size_t cap, size_t *off, uint32_t code,
		  uint32_t vendor, bool mandatory, const void *data,
		  size_t len);

/* ---- PEAP Extensions TLVs ---- */
#define PEAP_TLV_M		0x8000
#define PEAP_TLV_R		0x4000
#define PEAP_TLV_TYPE_MASK	0x3fff
#define PEAP_TLV_RESULT		3
#define PEAP_TLV_CRYPTO_BINDING	12
#define PEAP_RESULT_SUCCESS	1
#define PEAP_RESULT_FAILURE	2
#define EAP_TYPE_PEAP_TLV	33	/* the EAP Type carrying them */

struct peap_tlv {
	uint16_t type;			/* 14 bits */
	bool mandatory;
	const uint8_t *val;
	uint16_t len;
};

enum tun_err peap_tlv_next(struct cur *c, struct peap_tlv *t);
/* A Result TLV (mandatory, as [MS-PEAP] wants); 6 octets or 0. */
size_t peap_tlv_result(uint8_t *buf, size_t cap, uint16_t status);

/* ---- EAP-MSCHAPv2 packets ---- */
enum mschapv2_op {
	MSCHAPV2_OP_CHALLENGE = 1,
	MSCHAPV2_OP_RESPONSE = 2,
	MSCHAPV2_OP_SUCCESS = 3,
	MSCHAPV2_OP_FAILURE = 4,
	MSCHAPV2_OP_CHANGE_PASSWORD = 7,
};

struct mschapv2_pkt {
	uint8_t op, id;
	uint16_t ms_len;		/* as received */
	const uint8_t *chal;		/* Challenge: 16 octets */
	const uint8_t *text;		/* Challenge: Name; Success/Failure:
					 * Message */
	size_t text_len;
};

/* A Request's Type-Data (the peer side: Challenge, Success, Failure). */
enum tun_err mschapv2_pkt_parse(const uint8_t *p, size_t n,
				struct mschapv2_pkt *m);
/* The Response to a Challenge: 54 + name_len octets, 0 if no room. */
size_t mschapv2_pkt_response(uint8_t *out, size_t cap, uint8_t id,
			     const uint8_t peer_chal[16],
			     const uint8_t nt_resp[24],
			     const char *name, size_t name_len);

#endif /* APEDGED_EAPOL_TUNWIRE_H */
