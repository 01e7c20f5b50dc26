// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: dhcp6/frame.c, the LDRA's punted packets and frames.
 *
 * Properties checked (abort() on failure):
 * - dhcp6_udp6_parse() names a reason below DHCP6_FRAME_ERR_MAX; on OK
 *   the payload lies inside the input, after the 48 header bytes;
 * - rebuilt with dhcp6_udp6_build() into a frame, the packet after the
 *   Ethernet header parses back to the same addresses, ports, hop limit
 *   and payload, and its checksum is right.
 */
#include <stdlib.h>
#include <string.h>

#include "dhcp6/frame.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t buf[DHCP6_FRAME_HDRS + 65536];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t a[6] = { 2, 0, 0x5e, 0, 0x53, 1 };
	static const uint8_t b[6] = { 0x33, 0x33, 0, 1, 0, 2 };
	struct dhcp6_udp6 u, v;
	enum dhcp6_frame_err e;
	size_t n;

	e = dhcp6_udp6_parse(data, size, &u);
	if ((unsigned int)e >= DHCP6_FRAME_ERR_MAX)
		abort();
	(void)dhcp6_udp6_csum_ok(data, size);
	if (e != DHCP6_FRAME_OK)
		return 0;
	if (u.payload != data + DHCP6_IP6_HLEN + DHCP6_UDP_HLEN ||
	    u.payload + u.len > data + size)
		abort();
	n = dhcp6_udp6_build(buf, sizeof(buf), a, b, &u);
	if (n != DHCP6_FRAME_HDRS + u.len)
		abort();
	if (dhcp6_udp6_parse(buf + DHCP6_ETH_HLEN, n - DHCP6_ETH_HLEN, &v) !=
	    DHCP6_FRAME_OK ||
	    memcmp(&u.src, &v.src, 16) || memcmp(&u.dst, &v.dst, 16) ||
	    u.sport != v.sport || u.dport != v.dport ||
	    u.hop_limit != v.hop_limit || u.len != v.len ||
	    memcmp(u.payload, v.payload, u.len) ||
	    !dhcp6_udp6_csum_ok(buf + DHCP6_ETH_HLEN, n - DHCP6_ETH_HLEN))
		abort();
	return 0;
}
