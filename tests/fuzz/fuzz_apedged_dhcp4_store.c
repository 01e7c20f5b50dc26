// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the DHCPv4 lease file (dhcp4/store.c).
 *
 * The input is taken twice: as a whole file, and as an ACK that is
 * wrapped into a file first (so the fuzzer gets past the CRC).
 *
 * Properties checked (abort() on failure):
 * - a file that parses has its ACK inside the input, of the length its
 *   header gives, and rebuilds (dhcp4_store_build) byte for byte;
 * - any proper prefix of a file that parses is refused as short;
 * - an ACK wrapped into a file parses back with the same time and bytes,
 *   or is refused for its message alone (ack, not-ack), never for the
 *   file's frame;
 * - the lease of a parsed record has its times ordered as built:
 *   t1 and t2 never exceed the lease unless the server said so.
 */
#include <stdlib.h>
#include <string.h>

#include "dhcp4/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t again[DHCP4_STORE_MAX];

static void whole(const uint8_t *data, size_t size)
{
	struct dhcp4_store_rec r;
	struct dhcp4_lease l;
	size_t n;

	if (dhcp4_store_parse(data, size, &r) != DHCP4_STORE_OK)
		return;
	if (r.ack_raw != data + DHCP4_STORE_HDR_LEN ||
	    r.ack_len + DHCP4_STORE_HDR_LEN + 4 != size)
		abort();
	n = dhcp4_store_build(again, sizeof(again), r.wall_ms, r.ack_raw,
			      r.ack_len);
	if (n != size || memcmp(again, data, size))
		abort();
	if (dhcp4_store_parse(data, size - 1, &r) != DHCP4_STORE_SHORT)
		abort();
	if (dhcp4_store_parse(data, size, &r) != DHCP4_STORE_OK)
		abort();
	dhcp4_store_lease(&r.ack, 1000, &l);
	if (!r.ack.has_t1 && !r.ack.has_t2 && (l.t1_s > l.lease_s ||
					      l.t2_s > l.lease_s))
		abort();
	(void)dhcp4_store_to_lease(&r, 1000, r.wall_ms + 5000, &l);
}

static void wrapped(const uint8_t *data, size_t size)
{
	struct dhcp4_store_rec r;
	enum dhcp4_store_err e;
	size_t n;

	n = dhcp4_store_build(again, sizeof(again), 0x123456789abcull, data,
			      size);
	if (!n) {
		if (size >= DHCP4_MIN_LEN && size <= DHCP4_MSG_MAX)
			abort();
		return;
	}
	e = dhcp4_store_parse(again, n, &r);
	if (e != DHCP4_STORE_OK && e != DHCP4_STORE_ACK &&
	    e != DHCP4_STORE_NOT_ACK)
		abort();
	if (r.wall_ms != 0x123456789abcull || r.ack_len != size ||
	    memcmp(r.ack_raw, data, size))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	whole(data, size);
	wrapped(data, size);
	return 0;
}
