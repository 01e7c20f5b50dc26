// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the EAP-TLS framing and the codecs inside the tunnels.
 *
 * Input: byte 0 picks the target (mod 4), the rest is its input.
 *  0: a sequence of Requests for eaptls_rx_feed(), each prefixed by one
 *     length octet.  Checked: the buffer never holds more than
 *     EAPTLS_MSG_MAX, a whole message matches the announced total, an
 *     error resets the reassembly.
 *  1: TTLS AVPs walked to the end; each one re-encoded and parsed again
 *     to the same fields.
 *  2: PEAP TLVs walked to the end.
 *  3: an EAP-MSCHAPv2 packet; fields inside the input.  Then the input
 *     as a message framed with eaptls_frame_out() (fragment size from
 *     byte 1) and reassembled: the same octets come out.
 *  4, 5: PEAP, TTLS (ca_none_accept_mitm, no files): a Start, then
 *     Requests each prefixed by two length octets, through the whole
 *     method and OpenSSL; a Response never exceeds its cap, a method that
 *     failed never exports a key.
 * abort() on any broken property.
 */
#include <stdlib.h>
#include <string.h>

#include "eapol/method.h"
#include "eapol/tls.h"
#include "eapol/tunwire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_rx(const uint8_t *d, size_t n)
{
	struct eaptls_rx rx = { 0 };
	size_t i = 0;

	while (i < n) {
		size_t l = d[i++];
		enum eaptls_err e;
		enum eaptls_rx_res r;
		size_t total_before = rx.total;

		if (l > n - i)
			l = n - i;
		r = eaptls_rx_feed(&rx, d + i, l, &e);
		i += l;
		if (rx.len > EAPTLS_MSG_MAX || (rx.total && rx.len > rx.total))
			abort();
		if (r == EAPTLS_RX_ERR && (rx.busy || rx.len || e == EAPTLS_OK))
			abort();
		if (r == EAPTLS_RX_MSG) {
			if (total_before && rx.len != total_before &&
			    !(d[i - l] & EAPTLS_FLAG_L))
				abort();
			eaptls_rx_done(&rx);
		}
	}
	eaptls_rx_free(&rx);
}

static void fuzz_avp(const uint8_t *d, size_t n)
{
	struct cur c = cur_init(d, n);
	uint8_t buf[512];

	while (cur_left(&c)) {
		struct ttls_avp a, b;
		size_t off = 0;
		struct cur c2;

		if (ttls_avp_next(&c, &a) != TUN_OK) {
			if (cur_left(&c))
				abort();
			break;
		}
		if (a.len > sizeof(buf) - TTLS_AVP_VHDR - 3)
			continue;
		if (!ttls_avp_put(buf, sizeof(buf), &off, a.code, a.vendor,
				  a.flags & TTLS_AVP_FLAG_M, a.data, a.len))
			abort();
		c2 = cur_init(buf, off);
		if (ttls_avp_next(&c2, &b) != TUN_OK || b.code != a.code ||
		    b.len != a.len || memcmp(b.data, a.data, a.len) ||
		    cur_left(&c2))
			abort();
		/* a vendor of 0 with the V bit does not survive: fine */
		if (a.vendor && b.vendor != a.vendor)
			abort();
	}
}

static void fuzz_tlv(const uint8_t *d, size_t n)
{
	struct cur c = cur_init(d, n);

	while (cur_left(&c)) {
		struct peap_tlv t;

		if (peap_tlv_next(&c, &t) != TUN_OK)
			break;
		if (t.len && (t.val < d || t.val + t.len > d + n))
			abort();
	}
}

static void fuzz_ms(const uint8_t *d, size_t n)
{
	struct mschapv2_pkt m;
	struct eaptls_rx rx = { 0 };
	static uint8_t out[1400];
	size_t off = 0, frag;
	enum eaptls_rx_res r = EAPTLS_RX_ERR;

	if (mschapv2_pkt_parse(d, n, &m) == TUN_OK) {
		if (m.ms_len > n || (m.text_len && (m.text < d ||
		    m.text + m.text_len > d + n)))
			abort();
	}
	if (!n)
		return;
	frag = (size_t)d[0] * 4 + 1;
	while (off < n) {
		size_t k = eaptls_frame_out(d, n, &off, 0, frag, out,
					    sizeof(out));
		enum eaptls_err e;

		if (!k)
			abort();
		r = eaptls_rx_feed(&rx, out, k, &e);
		if (r == EAPTLS_RX_ERR)
			abort();
	}
	if (r != EAPTLS_RX_MSG || rx.len != n || memcmp(rx.buf, d, n))
		abort();
	eaptls_rx_free(&rx);
}

static void fuzz_method(const struct eap_method *m, const uint8_t *d,
			size_t n)
{
	static struct eap_peer_cfg cfg = {
		.identity = "alice", .password = "secret",
		.ca_none_accept_mitm = true, .phase2 = EAP_PHASE2_MSCHAPV2,
	};
	static uint8_t out[EAP_METHOD_OUT_MAX];
	const char *why = NULL;
	uint8_t start = 0x20, msk[64], emsk[64];
	size_t i = 0, out_len, cap;
	enum eap_mres r;
	void *st = m->new(&cfg, &why);

	if (!st)
		abort();
	cap = sizeof(out);
	r = m->process(st, 0, &start, 1, out, cap, &out_len);
	if (out_len > cap)
		abort();
	for (uint8_t id = 1; i + 2 <= n && r != EAP_MRES_FAIL; id++) {
		size_t l = (size_t)d[i] << 8 | d[i + 1];

		i += 2;
		if (l > n - i)
			l = n - i;
		r = m->process(st, id, d + i, l, out, cap, &out_len);
		if (out_len > cap)
			abort();
		i += l;
	}
	if (m->decision(st) == EAP_MDEC_FAIL && m->key(st, msk, emsk))
		abort();
	m->free(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if ((data[0] & 7) == 4) {
		fuzz_method(&eap_method_peap, data + 1, size - 1);
		return 0;
	}
	if ((data[0] & 7) == 5) {
		fuzz_method(&eap_method_ttls, data + 1, size - 1);
		return 0;
	}
	switch (data[0] & 3) {
	case 0:
		fuzz_rx(data + 1, size - 1);
		break;
	case 1:
		fuzz_avp(data + 1, size - 1);
		break;
	case 2:
		fuzz_tlv(data + 1, size - 1);
		break;
	case 3:
		fuzz_ms(data + 1, size - 1);
		break;
	}
	return 0;
}
