// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's station words: parsing, the request line sent to apedged,
 * and the text output of its replies (apedgectl/station.c).
 */
#include <stdlib.h>
#include <string.h>

#include "apedgectl/args.h"
#include "apedgectl/cmd.h"
#include "lib/jsonv.h"
#include "actl_line.h"
#include "ut.h"

UT_CASE(words)
{
	UT_EXPECT_STR(line_of("station"), "station show\n");
	UT_EXPECT_STR(line_of("station show"), "station show\n");
	UT_EXPECT_STR(line_of("-j station show dev wlan1"),
		      "station show dev wlan1\n");
	UT_EXPECT_STR(line_of("sta show"), "sta show\n");
	UT_EXPECT(!strncmp(line_of("station show dev"), "ERROR", 5));
	UT_EXPECT(!strncmp(line_of("station show dev a/b"), "ERROR", 5));
	UT_EXPECT(!strncmp(line_of("station connect dev wlan1"), "ERROR", 5));
	UT_EXPECT(!strncmp(line_of("stati show"), "ERROR", 5));
}

static char *text_of(const char *json)
{
	struct jv_doc d;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (jv_parse(json, strlen(json), &d) == 0) {
		station_print_text(f, &d);
		jv_free(&d);
	}
	fclose(f);
	return buf;
}

UT_CASE(text_output)
{
	char *t = text_of("[{\"ifname\": \"wlan1\", \"state\": \"COMPLETED\", "
		"\"reason\": \"4-way handshake done, keys installed\", "
		"\"ssid\": \"back\", \"bssid\": \"02:00:00:00:00:00\", "
		"\"freq\": 2412, \"key_mgmt\": \"WPA-PSK\", \"pairwise\": "
		"\"CCMP\", \"group\": \"CCMP\", \"in_state_s\": 5, "
		"\"connected_s\": 5, \"attempts\": 0, \"counters\": "
		"{\"connects\": 1, \"completed\": 1}, \"wpa\": {\"state\": "
		"\"COMPLETED\", \"msg3_retransmits\": 2, \"drops\": {\"mic\": 3, "
		"\"replay\": 4}}}]");

	UT_ASSERT(t != NULL);
	UT_EXPECT(strstr(t, "wlan1: COMPLETED (4-way handshake done, keys "
			 "installed)\n") != NULL);
	UT_EXPECT(strstr(t, "    ssid back, bssid 02:00:00:00:00:00, freq "
			 "2412\n") != NULL);
	UT_EXPECT(strstr(t, "    WPA-PSK, pairwise CCMP, group CCMP, "
			 "connected for 5s\n") != NULL);
	UT_EXPECT(strstr(t, "counters connects") != NULL);
	UT_EXPECT(strstr(t, "wpa      msg3_retransmits") != NULL);
	UT_EXPECT(strstr(t, "wpa drop mic") != NULL);
	UT_EXPECT(strstr(t, "wpa drop replay") != NULL);
	free(t);
	t = text_of("[]");
	UT_EXPECT(t && !t[0]);
	free(t);
}

UT_MAIN("apedgectl_station",
	UT_ENTRY(words),
	UT_ENTRY(text_output))
