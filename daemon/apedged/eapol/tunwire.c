// SPDX-License-Identifier: GPL-2.0
/*
 * TTLS AVPs, PEAP TLVs and EAP-MSCHAPv2 packets.  See tunwire.h.
 */
#include <string.h>

#include "eapol/tunwire.h"

const char *tun_err_name(enum tun_err e)
{
	switch (e) {
	case TUN_OK: return "ok";
	case TUN_ERR_SHORT: return "short";
	case TUN_ERR_LEN: return "bad_length";
	case TUN_ERR_VALUE: return "bad_value";
	default: return "?";
	}
}

static enum tun_err spend(struct cur *c, enum tun_err e)
{
	cur_take(c, cur_left(c));
	return e;
}

enum tun_err ttls_avp_next(struct cur *c, struct ttls_avp *avp)
{
	uint32_t w, len;
	size_t hdr = TTLS_AVP_HDR, pad;

	if (cur_left(c) < TTLS_AVP_HDR)
		return spend(c, TUN_ERR_SHORT);
	avp->code = cur_be32(c);
	w = cur_be32(c);
	avp->flags = (uint8_t)(w >> 24);
	len = w & TTLS_AVP_LEN_MAX;
	avp->vendor = 0;
	if (avp->flags & TTLS_AVP_FLAG_V) {
		hdr = TTLS_AVP_VHDR;
		if (cur_left(c) < 4)
			return spend(c, TUN_ERR_SHORT);
		avp->vendor = cur_be32(c);
	}
	if (len < hdr || len - hdr > cur_left(c))
		return spend(c, TUN_ERR_LEN);
	avp->len = len - hdr;
	avp->data = cur_take(c, avp->len);
	pad = (4 - (len & 3)) & 3;
	cur_take(c, pad < cur_left(c) ? pad : cur_left(c));
	return TUN_OK;
}

bool ttls_avp_put(uint8_t *buf, size_t cap, size_t *off, uint32_t code,
		  uint32_t vendor, bool mandatory, const void *data,
		  size_t len)
{
	size_t hdr = vendor ? TTLS_AVP_VHDR : TTLS_AVP_HDR;
	size_t total = hdr + len, pad = (4 - (total & 3)) & 3;
	uint8_t flags = (vendor ? TTLS_AVP_FLAG_V : 0) |
			(mandatory ? TTLS_AVP_FLAG_M : 0);
	uint8_t *p;

	if (len > TTLS_AVP_LEN_MAX - hdr || *off > cap ||
	    total + pad > cap - *off)
		return false;
	p = buf + *off;
	put_be32(p, code);
	put_be32(p + 4, (uint32_t)flags << 24 | (uint32_t)total);
	if (vendor)
		put_be32(p + 8, vendor);
	if (len)
		memcpy(p + hdr, data, len);
	memset(p + total, 0, pad);
	*off += total + pad;
	return true;
}

enum tun_err peap_tlv_next(struct cur *c, struct peap_tlv *t)
{
	uint16_t ty, len;

	if (cur_left(c) < 4)
		return spend(c, TUN_ERR_SHORT);
	ty = cur_be16(c);
	len = cur_be16(c);
	if (len > cur_left(c))
		return spend(c, TUN_ERR_LEN);
	t->type = ty & PEAP_TLV_TYPE_MASK;
	t->mandatory = ty & PEAP_TLV_M;
	t->len = len;
	t->val = cur_take(c, len);
	return TUN_OK;
}

size_t peap_tlv_result(uint8_t *buf, size_t cap, uint16_t status)
{
	if (cap < 6)
		return 0;
	put_be16(buf, PEAP_TLV_M | PEAP_TLV_RESULT);
	put_be16(buf + 2, 2);
	put_be16(buf + 4, status);
	return 6;
}

enum tun_err mschapv2_pkt_parse(const uint8_t *p, size_t n,
				struct mschapv2_pkt *m)
{
	struct cur c = cur_init(p, n);

	memset(m, 0, sizeof(*m));
	if (n < 1)
		return TUN_ERR_SHORT;
	m->op = cur_u8(&c);
	if (m->op != MSCHAPV2_OP_CHALLENGE && m->op != MSCHAPV2_OP_SUCCESS &&
	    m->op != MSCHAPV2_OP_FAILURE)
		return TUN_ERR_VALUE;
	if (cur_left(&c) < 3)
		return TUN_ERR_SHORT;
	m->id = cur_u8(&c);
	m->ms_len = cur_be16(&c);
	/* MS-Length counts from the OpCode; it may not claim more than
	 * came, and what follows it is not the packet's. */
	if (m->ms_len < 4 || m->ms_len > n)
		return TUN_ERR_LEN;
	c = cur_init(p + 4, m->ms_len - 4u);
	if (m->op == MSCHAPV2_OP_CHALLENGE) {
		uint8_t vs;

		if (cur_left(&c) < 1)
			return TUN_ERR_SHORT;
		vs = cur_u8(&c);
		if (vs != 16)
			return TUN_ERR_VALUE;
		if (cur_left(&c) < 16)
			return TUN_ERR_SHORT;
		m->chal = cur_take(&c, 16);
	}
	m->text_len = cur_left(&c);
	m->text = cur_take(&c, m->text_len);
	return TUN_OK;
}

size_t mschapv2_pkt_response(uint8_t *out, size_t cap, uint8_t id,
			     const uint8_t peer_chal[16],
			     const uint8_t nt_resp[24],
			     const char *name, size_t name_len)
{
	size_t n = 4 + 1 + 49 + name_len;

	if (n > cap || n > 0xffff)
		return 0;
	out[0] = MSCHAPV2_OP_RESPONSE;
	out[1] = id;
	put_be16(out + 2, (uint16_t)n);
	out[4] = 49;			/* Value-Size */
	memcpy(out + 5, peer_chal, 16);
	memset(out + 21, 0, 8);		/* Reserved */
	memcpy(out + 29, nt_resp, 24);
	out[53] = 0;			/* Flags */
	memcpy(out + 54, name, name_len);
	return n;
}
