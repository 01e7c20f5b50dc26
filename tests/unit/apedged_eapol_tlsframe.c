// SPDX-License-Identifier: GPL-2.0
/*
 * The EAP-TLS framing of eapol/tls.c with byte vectors: the Flags octet,
 * the TLS Message Length, reassembly with hostile lengths (zero, over the
 * maximum, a lie either way, a total that changes), every truncation of
 * the length field, and our own fragmentation.
 */
#include <stdlib.h>

#include "ut.h"
#include "eapol/tls.h"

static enum eaptls_rx_res feed(struct eaptls_rx *rx, const char *hex,
			       enum eaptls_err *e)
{
	uint8_t b[256];
	size_t n = ut_hex(b, hex);

	return eaptls_rx_feed(rx, b, n, e);
}

UT_CASE(single_and_ack_and_start)
{
	struct eaptls_rx rx = { 0 };
	enum eaptls_err e;

	UT_EXPECT(feed(&rx, "20", &e) == EAPTLS_RX_START);
	UT_EXPECT(feed(&rx, "21", &e) == EAPTLS_RX_START); /* PEAP v1 bits */
	UT_EXPECT((rx.flags & EAPTLS_VER_MASK) == 1);
	UT_EXPECT(feed(&rx, "00", &e) == EAPTLS_RX_ACK);
	UT_EXPECT(feed(&rx, "00 16 03 03", &e) == EAPTLS_RX_MSG);
	UT_EXPECT(rx.len == 3 && rx.buf[0] == 0x16);
	eaptls_rx_done(&rx);
	/* L on an unfragmented message, matching */
	UT_EXPECT(feed(&rx, "80 00000002 aabb", &e) == EAPTLS_RX_MSG);
	UT_EXPECT(rx.len == 2);
	eaptls_rx_done(&rx);
	UT_EXPECT(feed(&rx, "", &e) == EAPTLS_RX_ERR && e == EAPTLS_ERR_EMPTY);
	eaptls_rx_free(&rx);
}

UT_CASE(fragments)
{
	struct eaptls_rx rx = { 0 };
	enum eaptls_err e;

	UT_EXPECT(feed(&rx, "c0 00000005 0102", &e) == EAPTLS_RX_MORE);
	UT_EXPECT(feed(&rx, "40 03", &e) == EAPTLS_RX_MORE);
	/* L again on a later fragment, with the same total: fine */
	UT_EXPECT(feed(&rx, "80 00000005 0405", &e) == EAPTLS_RX_MSG);
	UT_ASSERT(rx.len == 5);
	for (int i = 0; i < 5; i++)
		UT_EXPECT(rx.buf[i] == i + 1);
	eaptls_rx_done(&rx);
	/* an empty middle fragment is harmless */
	UT_EXPECT(feed(&rx, "c0 00000001", &e) == EAPTLS_RX_MORE);
	UT_EXPECT(feed(&rx, "00 ff", &e) == EAPTLS_RX_MSG && rx.len == 1);
	eaptls_rx_free(&rx);
}

UT_CASE(hostile_lengths)
{
	struct eaptls_rx rx = { 0 };
	enum eaptls_err e;

	UT_EXPECT(feed(&rx, "80 00000000", &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_BAD_LEN);
	UT_EXPECT(feed(&rx, "c0 00010001 00", &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_BAD_LEN);		/* 64 KiB + 1 */
	UT_EXPECT(feed(&rx, "c0 ffffffff 00", &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_BAD_LEN);
	/* the largest allowed is taken */
	UT_EXPECT(feed(&rx, "c0 00010000 00", &e) == EAPTLS_RX_MORE);
	eaptls_rx_done(&rx);
	/* a length that lies low: more data than it said */
	UT_EXPECT(feed(&rx, "80 00000001 aabb", &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_OVERRUN);
	UT_EXPECT(feed(&rx, "c0 00000002 aa", &e) == EAPTLS_RX_MORE);
	UT_EXPECT(feed(&rx, "40 bbcc", &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_OVERRUN);
	UT_EXPECT(!rx.busy && !rx.len);		/* reset after an error */
	/* a length that lies high: the last fragment comes short */
	UT_EXPECT(feed(&rx, "c0 00000004 aa", &e) == EAPTLS_RX_MORE);
	UT_EXPECT(feed(&rx, "00 bb", &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_UNDERRUN);
	UT_EXPECT(feed(&rx, "80 00000004", &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_UNDERRUN);
	/* a total that changes on the way */
	UT_EXPECT(feed(&rx, "c0 00000004 aa", &e) == EAPTLS_RX_MORE);
	UT_EXPECT(feed(&rx, "c0 00000005 bb", &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_LEN_CHANGED);
	/* fragmented without a length */
	UT_EXPECT(feed(&rx, "40 aa", &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_NO_L);
	/* a Start inside a fragmented message */
	UT_EXPECT(feed(&rx, "c0 00000004 aa", &e) == EAPTLS_RX_MORE);
	UT_EXPECT(feed(&rx, "20", &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_START);
	eaptls_rx_free(&rx);
}

UT_CASE(length_truncations)
{
	struct eaptls_rx rx = { 0 };
	enum eaptls_err e;
	uint8_t b[5] = { 0x80, 0, 0, 0, 1 };

	for (size_t n = 1; n < 5; n++) {
		UT_EXPECT(eaptls_rx_feed(&rx, b, n, &e) == EAPTLS_RX_ERR);
		UT_EXPECT(e == EAPTLS_ERR_SHORT_LEN);
	}
	UT_EXPECT(eaptls_rx_feed(&rx, b, 5, &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_UNDERRUN);
	eaptls_rx_free(&rx);
}

UT_CASE(too_big_without_length)
{
	struct eaptls_rx rx = { 0 };
	enum eaptls_err e;
	static uint8_t b[EAPTLS_MSG_MAX + 2];

	/* one unfragmented message over the maximum */
	UT_EXPECT(eaptls_rx_feed(&rx, b, sizeof(b), &e) == EAPTLS_RX_ERR &&
		  e == EAPTLS_ERR_TOO_BIG);
	UT_EXPECT(eaptls_rx_feed(&rx, b, sizeof(b) - 1, &e) == EAPTLS_RX_MSG);
	UT_EXPECT(rx.len == EAPTLS_MSG_MAX);
	eaptls_rx_free(&rx);
}

UT_CASE(frame_out)
{
	uint8_t msg[10], out[32], want[32];
	size_t off = 0, n;

	for (int i = 0; i < 10; i++)
		msg[i] = (uint8_t)i;
	/* an ACK, with the PEAP version bits */
	n = eaptls_frame_out(msg, 0, &off, 0, 4, out, sizeof(out));
	UT_EXPECT(n == 1 && out[0] == 0x00);
	n = eaptls_frame_out(msg, 0, &off, 1, 4, out, sizeof(out));
	UT_EXPECT(n == 1 && out[0] == 0x01);
	/* unfragmented: no L */
	n = eaptls_frame_out(msg, 3, &off, 0, 4, out, sizeof(out));
	UT_EXPECT(n == 4 && out[0] == 0 && off == 3);
	/* 10 octets in fragments of 4: L|M + length, M, last */
	off = 0;
	n = eaptls_frame_out(msg, 10, &off, 0, 4, out, sizeof(out));
	UT_EXPECT(n == 9 && !memcmp(out, want,
		  ut_hex(want, "c0 0000000a 00010203")));
	n = eaptls_frame_out(msg, 10, &off, 0, 4, out, sizeof(out));
	UT_EXPECT(n == 5 && !memcmp(out, want, ut_hex(want, "40 04050607")));
	n = eaptls_frame_out(msg, 10, &off, 0, 4, out, sizeof(out));
	UT_EXPECT(n == 3 && !memcmp(out, want, ut_hex(want, "00 0809")));
	UT_EXPECT(off == 10);
	/* the cap limits a fragment as the fragment size does */
	off = 0;
	n = eaptls_frame_out(msg, 10, &off, 0, 100, out, 7);
	UT_EXPECT(n == 7 && out[0] == 0xc0 && off == 2);
	n = eaptls_frame_out(msg, 10, &off, 0, 100, out, 7);
	UT_EXPECT(n == 7 && out[0] == 0x40 && off == 8);
	n = eaptls_frame_out(msg, 10, &off, 0, 100, out, 7);
	UT_EXPECT(n == 3 && out[0] == 0x00 && off == 10);
	/* too small a cap, an offset past the end */
	off = 0;
	UT_EXPECT(!eaptls_frame_out(msg, 10, &off, 0, 4, out, 5));
	UT_EXPECT(!eaptls_frame_out(msg, 0, &off, 0, 4, out, 0));
	off = 11;
	UT_EXPECT(!eaptls_frame_out(msg, 10, &off, 0, 4, out, sizeof(out)));
}

UT_CASE(frame_roundtrip)
{
	struct eaptls_rx rx = { 0 };
	enum eaptls_err e;
	static uint8_t msg[5000], out[300];
	enum eaptls_rx_res r = EAPTLS_RX_ERR;
	size_t off = 0;

	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7);
	while (off < sizeof(msg)) {
		size_t n = eaptls_frame_out(msg, sizeof(msg), &off, 0, 1024,
					    out, sizeof(out));

		UT_ASSERT(n);
		r = eaptls_rx_feed(&rx, out, n, &e);
		UT_ASSERT(r != EAPTLS_RX_ERR);
	}
	UT_EXPECT(r == EAPTLS_RX_MSG && rx.len == sizeof(msg) &&
		  !memcmp(rx.buf, msg, sizeof(msg)));
	eaptls_rx_free(&rx);
}

UT_MAIN("eapol_tlsframe",
	UT_ENTRY(single_and_ack_and_start),
	UT_ENTRY(fragments),
	UT_ENTRY(hostile_lengths),
	UT_ENTRY(length_truncations),
	UT_ENTRY(too_big_without_length),
	UT_ENTRY(frame_out),
	UT_ENTRY(frame_roundtrip))
