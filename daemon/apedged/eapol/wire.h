/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The EAPOL header (IEEE 802.1X-2010 §11.3) and the EAP packet (RFC 3748
 * §4): pure codecs, no allocation, direction-neutral (the supplicant uses
 * them now, the authenticator of issue 13 later).
 *
 *  EAPOL:  Protocol Version (1) | Packet Type (1) | Packet Body Length (2)
 *          | Packet Body
 *  EAP:    Code (1) | Identifier (1) | Length (2) | Type (1, Request and
 *          Response only) | Type-Data
 *
 * Octets after the EAPOL body (Ethernet padding) and after the EAP Length
 * are ignored, as both standards ask.  A parse returns the reason of a
 * refusal; the reasons index the "malformed" counters (eapol_err_name()).
 * The parsed structs point into the caller's buffer.
 */
#ifndef APEDGED_EAPOL_WIRE_H
#define APEDGED_EAPOL_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ETH_P_PAE_ 0x888e
#define EAPOL_HDR_LEN 4
#define EAP_HDR_LEN 4
/* 802.1X-2010 §11.3.1: the version this code writes */
#define EAPOL_VERSION 2

/* 802.1X-2010 Table 11-3 */
enum eapol_type {
	EAPOL_EAP = 0,
	EAPOL_START = 1,
	EAPOL_LOGOFF = 2,
	EAPOL_KEY = 3,
	EAPOL_ASF_ALERT = 4,
	EAPOL_MKA = 5,
	EAPOL_ANNOUNCE_GENERIC = 6,
	EAPOL_ANNOUNCE_SPECIFIC = 7,
	EAPOL_ANNOUNCE_REQ = 8,
};

/* RFC 3748 §4 */
enum eap_code {
	EAP_CODE_REQUEST = 1,
	EAP_CODE_RESPONSE = 2,
	EAP_CODE_SUCCESS = 3,
	EAP_CODE_FAILURE = 4,
};

enum eapol_err {
	EAPOL_OK,
	EAPOL_ERR_SHORT,	/* fewer than the 4 octets of the EAPOL header */
	EAPOL_ERR_BODY_LEN,	/* Body Length past the end of the frame */
	EAPOL_ERR_VERSION,	/* Protocol Version 0 */
	EAP_ERR_SHORT,		/* fewer than the 4 octets of the EAP header */
	EAP_ERR_LEN,		/* Length below 4 or past the end */
	EAP_ERR_CODE,		/* a Code not in RFC 3748 §4 */
	EAP_ERR_NO_TYPE,	/* a Request or Response of Length 4 */
	EAP_ERR_RESULT_LEN,	/* a Success or Failure of Length other than 4 */
	EAP_ERR_EXPANDED,	/* an Expanded Type shorter than its 8 octets */
	EAPOL_ERR_COUNT,
};

struct eapol_frame {
	uint8_t version;
	uint8_t type;			/* enum eapol_type */
	const uint8_t *body;
	uint16_t body_len;
};

struct eap_pkt {
	uint8_t code;			/* enum eap_code */
	uint8_t id;
	uint16_t len;			/* the Length field */
	uint8_t type;			/* Request and Response; else 0 */
	const uint8_t *data;		/* Type-Data */
	size_t data_len;
};

const char *eapol_err_name(enum eapol_err e);
const char *eapol_type_name(uint8_t type);
const char *eap_code_name(uint8_t code);

enum eapol_err eapol_parse(const uint8_t *buf, size_t len,
			   struct eapol_frame *f);
enum eapol_err eap_parse(const uint8_t *buf, size_t len, struct eap_pkt *p);

/* The EAPOL header and body into buf; the length, 0 when it does not fit. */
size_t eapol_build(uint8_t *buf, size_t cap, uint8_t version, uint8_t type,
		   const uint8_t *body, size_t body_len);
/*
 * An EAP packet into buf: Success and Failure take no type and data;
 * Request and Response take both.  The length, 0 when it does not fit or
 * the length would not fit 16 bits.
 */
size_t eap_build(uint8_t *buf, size_t cap, uint8_t code, uint8_t id,
		 uint8_t type, const uint8_t *data, size_t data_len);

#endif
