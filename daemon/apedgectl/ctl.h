/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The client side of apedged's control socket (see common/ctrl.h).
 */
#ifndef APEDGECTL_CTL_H
#define APEDGECTL_CTL_H

#include <stddef.h>

/*
 * Split a reply packet: 1 for "ok" with body pointing at the JSON after
 * the first line, 0 for "error" with body at its message, -1 if malformed.
 * Pure; reply must be NUL-terminated.
 */
int actl_ctl_split(char *reply, const char **body);

/*
 * Send one request and read the reply into buf (NUL-terminated).
 * Returns 0 or a negative errno.
 */
int actl_ctl_call(const char *path, const char *request, char *buf,
		  size_t len);

#endif
