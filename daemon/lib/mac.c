// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "lib/bytes.h"
#include "lib/mac.h"

int mac_parse(const char *s, uint8_t mac[MAC_LEN])
{
	char sep = 0;
	int i;

	if (!s)
		return -1;
	for (i = 0; i < MAC_LEN; i++) {
		int hi, lo;

		hi = hex_digit(s[0]);
		if (hi < 0)
			return -1;
		lo = hex_digit(s[1]);
		if (lo < 0)
			return -1;
		mac[i] = (uint8_t)(hi << 4 | lo);
		s += 2;
		if (i == MAC_LEN - 1)
			break;
		if (*s != ':' && *s != '-')
			return -1;
		if (sep && *s != sep)
			return -1;
		sep = *s++;
	}
	return *s ? -1 : 0;
}

char *mac_format(const uint8_t mac[MAC_LEN], char buf[MAC_STR_LEN])
{
	snprintf(buf, MAC_STR_LEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

bool mac_is_unicast(const uint8_t mac[MAC_LEN])
{
	return !(mac[0] & 1) && !mac_is_zero(mac);
}

bool mac_is_zero(const uint8_t mac[MAC_LEN])
{
	int i;

	for (i = 0; i < MAC_LEN; i++)
		if (mac[i])
			return false;
	return true;
}
