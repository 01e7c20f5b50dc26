/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedgectl monitor daemon: apedged's events, as they happen.
 */
#ifndef APEDGECTL_MONITOR_H
#define APEDGECTL_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lib/strbuf.h"

/*
 * One event line of the daemon (a JSON object) as text: its "event",
 * then each other member but "time" as "key value", strings bare (their
 * control characters as '?'), objects and arrays as "{...}" and "[...]":
 *
 *	sta-authorized ifname wlan0 mac 02:00:00:00:aa:01 vlan 0
 *
 * 0, or -1 when the line is not a JSON object with a string "event".
 */
int actl_event_text(const char *line, size_t len, struct strbuf *out);

/*
 * Ask apedged at path (or its read-only socket; see actl_ctl_connect())
 * for its events and print each on out, one line each (with json, the
 * daemon's JSON as it came), until SIGINT or SIGTERM (0) or until the
 * daemon closes the connection or refuses (1, with the reason on stderr).
 */
int actl_monitor_daemon(const char *path, bool json, FILE *out);

#endif
