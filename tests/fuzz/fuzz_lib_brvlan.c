// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: lib/brvlan.c's parser of one message of the kernel's
 * AF_BRIDGE link dump, any bytes, in a buffer of exactly their size.  A
 * PVID found must be a bridge_vlan_info inside the message that carries
 * the PVID flag.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_bridge.h>

#include "lib/brvlan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *b = malloc(size ? size : 1);
	uint16_t vid = 0, flags = 0;
	int ifindex, r;

	if (!b)
		return 0;
	memcpy(b, data, size);
	/* the index of the message itself, so that its attributes are read */
	ifindex = size >= 24 ? (int)(b[20] | b[21] << 8 | b[22] << 16 |
				     (uint32_t)b[23] << 24) : 1;
	r = brvlan_parse_pvid(b, size, ifindex, &vid, &flags);
	if (r < -22 || r > 1)
		abort();
	if (r == 1 && !(flags & BRIDGE_VLAN_INFO_PVID))
		abort();
	free(b);
	return 0;
}
