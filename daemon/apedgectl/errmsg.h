/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one line apedgectl prints for a request the kernel refused.  Pure.
 */
#ifndef APEDGECTL_ERRMSG_H
#define APEDGECTL_ERRMSG_H

#include <stddef.h>

#include "apedgectl/args.h"

/*
 * Write into buf, without the "apedgectl: " prefix and without a newline,
 * why command cmd failed with the negative errno err: the kernel's extended
 * ACK text ext when it gave one (ext may be NULL or ""), else what that
 * errno means for this command, with the system's text in parentheses.
 * EPERM always names the capability that is missing.
 */
void actl_error_line(char *buf, size_t len, enum actl_cmd cmd, int err,
		     const char *ext);

#endif
