// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: a netlink datagram as the nl80211 listener would
 * receive it, each message given to the station parser (and to the
 * acknowledgement and family parsers it also uses).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wifi/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_sta(const struct nl80211_msg_sta *sta, const uint8_t *buf,
		      size_t size)
{
	volatile uint8_t sink = 0;
	size_t i;

	if (!sta->ifindex)
		abort();
	if (sta->ies) {
		if (sta->ies < buf || sta->ies_len > size ||
		    sta->ies + sta->ies_len > buf + size)
			abort();
		for (i = 0; i < sta->ies_len; i++)
			sink ^= sta->ies[i];
	} else if (sta->ies_len) {
		abort();
	}
	if (nl80211_msg_sta_authorized(sta) && !sta->has_flags)
		abort();
	(void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *pos = data, *msg;
	size_t left = size, len;
	struct nl80211_msg_sta sta;
	struct amsg_err err;

	if (nl80211_msg_parse_station(data, size, 0, &sta, &err) == 0)
		check_sta(&sta, data, size);

	while (amsg_next(&pos, &left, &msg, &len, &err) > 0) {
		struct amsg_family fam;
		struct amsg_ack ack;

		if (len > size)
			abort();
		if (nl80211_msg_parse_station(msg, len, 0x1c, &sta, &err) == 0)
			check_sta(&sta, msg, len);
		if (amsg_parse_ack(msg, len, &ack, &err) == 0 &&
		    !memchr(ack.ext_msg, '\0', sizeof(ack.ext_msg)))
			abort();
		if (amsg_parse_family(msg, len, &fam, &err) == 0)
			amsg_family_group(&fam, "mlme");
	}
	return 0;
}
