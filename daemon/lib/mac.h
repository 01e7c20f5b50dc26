/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APEDGE_MAC_H
#define APEDGE_MAC_H

#include <stdbool.h>
#include <stdint.h>

#define MAC_LEN 6
#define MAC_STR_LEN 18	/* "xx:xx:xx:xx:xx:xx" plus NUL */

/* Parse "xx:xx:xx:xx:xx:xx" (or with '-'); returns 0, or -1 if malformed. */
int mac_parse(const char *s, uint8_t mac[MAC_LEN]);
/* Format into buf (MAC_STR_LEN bytes); returns buf. */
char *mac_format(const uint8_t mac[MAC_LEN], char buf[MAC_STR_LEN]);
bool mac_is_unicast(const uint8_t mac[MAC_LEN]);
bool mac_is_zero(const uint8_t mac[MAC_LEN]);

#endif
