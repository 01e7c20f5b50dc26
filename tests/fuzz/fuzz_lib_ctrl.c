// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: a control socket reply reassembled from packets.  The
 * input is a sequence of packets, each a 2-byte big-endian length and its
 * bytes.  A whole reply is NUL-terminated, as long as it says, begins
 * "ok\n" or "error", and is within the bound.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ctrl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctrl_rx rx;
	int r = 0;

	ctrl_rx_init(&rx, MAX);
	while (size >= 2 && r == 0) {
		size_t n = (size_t)data[0] << 8 | data[1];

		data += 2;
		size -= 2;
		if (n > size)
			n = size;
		r = ctrl_rx_feed(&rx, data, n);
		data += n;
		size -= n;
		if (r < 0)
			break;
		if (rx.len > MAX + 3 || (rx.buf && strlen(rx.buf) != rx.len))
			abort();
	}
	if (r == 1) {
		if (rx.len != rx.want ||
		    (strncmp(rx.buf, "ok\n", 3) && strncmp(rx.buf, "error", 5)))
			abort();
		/* Nothing more is taken. */
		if (ctrl_rx_feed(&rx, "x", 1) != -EPROTO)
			abort();
	}
	ctrl_rx_free(&rx);
	return 0;
}
