// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: dhcp6/io.c's reader of the kernel's answer to
 * RTM_GETNEIGH (dhcp6_io_neigh_parse()), which gives the DHCPv6 server
 * its clients' MAC addresses for the module's bindings.
 *
 * The first 4 bytes are the sequence number asked for, the rest the
 * datagram.  Properties checked (abort() on failure): it ends without
 * reading past the input (ASan), its result is 0, -EIO, -ENOENT or a
 * negative error, and it fills the MAC only when it returns 0.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t fill[6] = { 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5 };
	uint8_t mac[6], *copy;
	uint32_t seq;
	int r;

	if (size < 4)
		return 0;
	memcpy(&seq, data, 4);
	/* An exact-size copy, so that ASan sees any read past the end. */
	copy = malloc(size - 4 ? size - 4 : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + 4, size - 4);
	memcpy(mac, fill, 6);
	r = dhcp6_io_neigh_parse(copy, size - 4, seq, mac);
	free(copy);
	if (r > 0)
		abort();
	if (r && memcmp(mac, fill, 6))
		abort();
	return 0;
}
