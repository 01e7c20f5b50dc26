// SPDX-License-Identifier: GPL-2.0
/*
 * EAPOL and EAP codecs: see wire.h.
 */
#include <string.h>

#include "lib/bytes.h"
#include "eapol/method.h"
#include "eapol/wire.h"

static const char *const err_names[EAPOL_ERR_COUNT] = {
	[EAPOL_OK] = "ok",
	[EAPOL_ERR_SHORT] = "eapol_short",
	[EAPOL_ERR_BODY_LEN] = "eapol_body_len",
	[EAPOL_ERR_VERSION] = "eapol_version",
	[EAP_ERR_SHORT] = "eap_short",
	[EAP_ERR_LEN] = "eap_len",
	[EAP_ERR_CODE] = "eap_code",
	[EAP_ERR_NO_TYPE] = "eap_no_type",
	[EAP_ERR_RESULT_LEN] = "eap_result_len",
	[EAP_ERR_EXPANDED] = "eap_expanded",
};

const char *eapol_err_name(enum eapol_err e)
{
	return (unsigned int)e < EAPOL_ERR_COUNT ? err_names[e] : "?";
}

const char *eapol_type_name(uint8_t type)
{
	switch (type) {
	case EAPOL_EAP: return "eap";
	case EAPOL_START: return "start";
	case EAPOL_LOGOFF: return "logoff";
	case EAPOL_KEY: return "key";
	case EAPOL_ASF_ALERT: return "asf_alert";
	case EAPOL_MKA: return "mka";
	case EAPOL_ANNOUNCE_GENERIC:
	case EAPOL_ANNOUNCE_SPECIFIC:
	case EAPOL_ANNOUNCE_REQ: return "announcement";
	}
	return "other";
}

const char *eap_code_name(uint8_t code)
{
	switch (code) {
	case EAP_CODE_REQUEST: return "request";
	case EAP_CODE_RESPONSE: return "response";
	case EAP_CODE_SUCCESS: return "success";
	case EAP_CODE_FAILURE: return "failure";
	}
	return "?";
}

enum eapol_err eapol_parse(const uint8_t *buf, size_t len,
			   struct eapol_frame *f)
{
	struct cur c = cur_init(buf, len);

	memset(f, 0, sizeof(*f));
	if (len < EAPOL_HDR_LEN)
		return EAPOL_ERR_SHORT;
	f->version = cur_u8(&c);
	f->type = cur_u8(&c);
	f->body_len = cur_be16(&c);
	/*
	 * §11.4: any version above zero is processed as the version we
	 * know; zero was never assigned.
	 */
	if (f->version == 0)
		return EAPOL_ERR_VERSION;
	f->body = cur_take(&c, f->body_len);
	if (!f->body)
		return EAPOL_ERR_BODY_LEN;
	return EAPOL_OK;
}

enum eapol_err eap_parse(const uint8_t *buf, size_t len, struct eap_pkt *p)
{
	struct cur c = cur_init(buf, len);
	struct cur body;

	memset(p, 0, sizeof(*p));
	if (len < EAP_HDR_LEN)
		return EAP_ERR_SHORT;
	p->code = cur_u8(&c);
	p->id = cur_u8(&c);
	p->len = cur_be16(&c);
	if (p->len < EAP_HDR_LEN || p->len > len)
		return EAP_ERR_LEN;
	body = cur_sub(&c, p->len - EAP_HDR_LEN);
	switch (p->code) {
	case EAP_CODE_SUCCESS:
	case EAP_CODE_FAILURE:
		/* §4.2: Length 4; the Data field is absent */
		return p->len == EAP_HDR_LEN ? EAPOL_OK : EAP_ERR_RESULT_LEN;
	case EAP_CODE_REQUEST:
	case EAP_CODE_RESPONSE:
		break;
	default:
		return EAP_ERR_CODE;
	}
	if (!cur_left(&body))
		return EAP_ERR_NO_TYPE;
	p->type = cur_u8(&body);
	p->data_len = cur_left(&body);
	p->data = cur_take(&body, p->data_len);
	/* §5.7: Vendor-Id (3) and Vendor-Type (4) follow Type 254 */
	if (p->type == EAP_TYPE_EXPANDED && p->data_len < 7)
		return EAP_ERR_EXPANDED;
	return EAPOL_OK;
}

size_t eapol_build(uint8_t *buf, size_t cap, uint8_t version, uint8_t type,
		   const uint8_t *body, size_t body_len)
{
	if (body_len > 0xffff || cap < EAPOL_HDR_LEN ||
	    cap - EAPOL_HDR_LEN < body_len)
		return 0;
	buf[0] = version;
	buf[1] = type;
	put_be16(buf + 2, (uint16_t)body_len);
	if (body_len)
		memmove(buf + EAPOL_HDR_LEN, body, body_len);
	return EAPOL_HDR_LEN + body_len;
}

size_t eap_build(uint8_t *buf, size_t cap, uint8_t code, uint8_t id,
		 uint8_t type, const uint8_t *data, size_t data_len)
{
	size_t n = EAP_HDR_LEN;

	if (code == EAP_CODE_REQUEST || code == EAP_CODE_RESPONSE)
		n += 1 + data_len;
	else if (code != EAP_CODE_SUCCESS && code != EAP_CODE_FAILURE)
		return 0;
	if (n > 0xffff || n > cap)
		return 0;
	if (n > EAP_HDR_LEN) {
		if (data_len)
			memmove(buf + EAP_HDR_LEN + 1, data, data_len);
		buf[EAP_HDR_LEN] = type;
	}
	buf[0] = code;
	buf[1] = id;
	put_be16(buf + 2, (uint16_t)n);
	return n;
}
