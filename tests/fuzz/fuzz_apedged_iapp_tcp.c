// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: IAPP over TCP, framed with iapp_stream_need() and
 * parsed with iapp_parse_stream(), the input arriving in chunks.
 *
 * Input: byte 0 picks the key (bit 0) and how many chunk sizes follow
 * (bits 1..3, 1..8 of them); those bytes are the chunk sizes (each
 * 1..256, used in turn); the rest is the stream.
 *
 * Properties checked (abort() on failure): need is 0 exactly while the
 * header is incomplete, never exceeds IAPP_MSG_MAX + IAPP_AUTH_LEN, stays
 * the same for a message however many bytes come, and when negative is
 * the very error parsing the header gives; a message with fewer bytes
 * than its need never parses; a whole one parses as the same datagram
 * would, and when it parses, its length and trailer make up the need.
 */
#include <stdlib.h>
#include <string.h>

#include "iapp/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RX_MAX (IAPP_MSG_MAX + IAPP_AUTH_LEN)

static bool same(const struct iapp_msg *a, const struct iapp_msg *b)
{
	return a->cmd == b->cmd && a->id == b->id && a->len == b->len &&
	       a->seq == b->seq && !memcmp(a->mac, b->mac, MAC_LEN) &&
	       a->status == b->status && a->timeout == b->timeout &&
	       a->has_ctx == b->has_ctx && a->ctx.n_ipv4 == b->ctx.n_ipv4 &&
	       a->ctx.n_ipv6 == b->ctx.n_ipv6 && a->ctx.vlan == b->ctx.vlan &&
	       a->ctx.ssid_len == b->ctx.ssid_len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t rx[RX_MAX];
	static struct iapp_key key;
	const struct iapp_key *k = NULL;
	const uint8_t *chunks;
	size_t n_chunks, pos, have = 0, ci = 0;
	long need, prev = 0;
	struct iapp_msg m, m2;
	enum iapp_err e;

	if (size < 1)
		return 0;
	if (!key.len && iapp_key_parse_hex("00112233445566778899", &key))
		abort();
	if (data[0] & 1)
		k = &key;
	n_chunks = ((data[0] >> 1) & 7) + 1;
	if (size < 1 + n_chunks)
		return 0;
	chunks = data + 1;
	pos = 1 + n_chunks;

	while (pos < size) {
		size_t step = (size_t)chunks[ci++ % n_chunks] + 1;

		if (step > size - pos)
			step = size - pos;
		if (step > RX_MAX - have)
			step = RX_MAX - have;
		if (!step)
			abort();	/* rx full: need was not honoured */
		memcpy(rx + have, data + pos, step);
		pos += step;
		have += step;

		for (;;) {
			need = iapp_stream_need(rx, have, k);
			if (need < 0) {
				if (need != -IAPP_ERR_VERSION &&
				    need != -IAPP_ERR_TOO_BIG &&
				    need != -IAPP_ERR_LENGTH)
					abort();
				if (have < IAPP_HDR_LEN ||
				    iapp_parse_stream(rx, have, k, &m) !=
				    (enum iapp_err)-need)
					abort();
				return 0;	/* the connection is dropped */
			}
			if (need == 0) {
				if (have >= IAPP_HDR_LEN || prev)
					abort();
				break;
			}
			if (have < IAPP_HDR_LEN ||
			    need < IAPP_HDR_LEN + (k ? IAPP_AUTH_LEN : 0) ||
			    need > RX_MAX || (prev && need != prev))
				abort();
			prev = need;
			if ((size_t)need > have) {
				if (iapp_parse_stream(rx, have, k, &m) ==
				    IAPP_OK)
					abort();
				break;
			}
			e = iapp_parse_stream(rx, (size_t)need, k, &m);
			if (e == IAPP_ERR_SHORT ||
			    e == IAPP_ERR_AUTH_MISSING ||
			    (unsigned int)e >= IAPP_ERR_MAX)
				abort();
			if (iapp_parse_dgram(rx, (size_t)need, k, &m2) != e)
				abort();
			if (e == IAPP_OK &&
			    ((long)m.len + (k ? IAPP_AUTH_LEN : 0) != need ||
			     !same(&m, &m2)))
				abort();
			memmove(rx, rx + need, have - (size_t)need);
			have -= (size_t)need;
			prev = 0;
		}
	}
	return 0;
}
