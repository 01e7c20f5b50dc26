// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: an event line of the daemon, as apedgectl monitor
 * daemon prints it.  The text is one line without control characters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apedgectl/monitor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb;
	const char *c;

	sb_init(&sb);
	if (actl_event_text((const char *)data, size, &sb) == 0) {
		for (c = sb_str(&sb); *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				abort();
	} else if (sb.len) {
		abort();
	}
	sb_free(&sb);
	return 0;
}
