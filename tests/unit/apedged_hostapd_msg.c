// SPDX-License-Identifier: GPL-2.0
/*
 * hostapd's control interface lines (wifi/wire.c): replies and events as
 * hostapd sends them, every truncation of them, and malformed ones; the
 * commands we send.
 */
#include <stdint.h>
#include <string.h>

#include "wifi/wire.h"
#include "ut.h"

static const uint8_t MAC[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

static enum hostapd_err parse(const char *s, struct hostapd_msg *m)
{
	return hostapd_msg_parse((const uint8_t *)s, strlen(s), m);
}

UT_CASE(replies)
{
	struct hostapd_msg m;

	UT_EXPECT(parse("OK\n", &m) == HOSTAPD_OK &&
		  m.kind == HOSTAPD_MSG_OK && m.level == -1);
	UT_EXPECT(parse("OK", &m) == HOSTAPD_OK && m.kind == HOSTAPD_MSG_OK);
	UT_EXPECT(parse("FAIL\n", &m) == HOSTAPD_OK &&
		  m.kind == HOSTAPD_MSG_FAIL);
	UT_EXPECT(parse("FAIL\r\n", &m) == HOSTAPD_OK &&
		  m.kind == HOSTAPD_MSG_FAIL);
	UT_EXPECT(parse("PONG\n", &m) == HOSTAPD_OK &&
		  m.kind == HOSTAPD_MSG_PONG);
	UT_EXPECT(parse("UNKNOWN COMMAND\n", &m) == HOSTAPD_OK &&
		  m.kind == HOSTAPD_MSG_REPLY);
	UT_EXPECT(parse("OKAY\n", &m) == HOSTAPD_OK &&
		  m.kind == HOSTAPD_MSG_REPLY);
	UT_EXPECT(parse("OK\n\n", &m) == HOSTAPD_ERR_BYTES);
	UT_EXPECT(parse("\n", &m) == HOSTAPD_ERR_EMPTY);
	UT_EXPECT(parse("", &m) == HOSTAPD_ERR_EMPTY);
	UT_EXPECT(hostapd_msg_parse((const uint8_t *)"OK\0", 3, &m) ==
		  HOSTAPD_ERR_BYTES);
	UT_EXPECT(parse("O\tK", &m) == HOSTAPD_ERR_BYTES);
	UT_EXPECT(parse("OK\x7f", &m) == HOSTAPD_ERR_BYTES);
	/* Bytes above 0x7f are text (an SSID in an event). */
	UT_EXPECT(parse("<3>AP-ENABLED caf\xc3\xa9", &m) == HOSTAPD_OK &&
		  m.kind == HOSTAPD_MSG_EVENT);
}

/* Each length of v: what the prefix of that length parses as. */
static int truncations(const char *v)
{
	size_t len = strlen(v), k;
	struct hostapd_msg m;
	enum hostapd_err e;
	int bad = 0;

	for (k = 0; k <= len; k++) {
		e = hostapd_msg_parse((const uint8_t *)v, k, &m);
		if (k == 0)
			bad |= e != HOSTAPD_ERR_EMPTY;
		else if (k < 4)
			bad |= e != HOSTAPD_ERR_EVENT;
		else if (k < 4 + strlen("AP-STA-CONNECTED") - 1)
			/* "<3>AP-STA-C": another event */
			bad |= e != HOSTAPD_OK || m.kind != HOSTAPD_MSG_EVENT;
		else if (k < 4 + strlen("AP-STA-CONNECTED ") - 1 + 17)
			bad |= e != HOSTAPD_ERR_MAC;
		else
			bad |= e != HOSTAPD_OK ||
			       m.kind != HOSTAPD_MSG_STA_CONNECTED ||
			       memcmp(m.mac, MAC, 6);
		if (bad) {
			fprintf(stderr, "  length %zu: %s\n", k,
				hostapd_err_str(e));
			return 0;
		}
	}
	return 1;
}

UT_CASE(events)
{
	struct hostapd_msg m;

	/* As hostapd 2.10 sends them to an attached client. */
	UT_EXPECT(parse("<3>AP-STA-CONNECTED 02:11:22:33:44:55", &m) ==
		  HOSTAPD_OK);
	UT_EXPECT(m.kind == HOSTAPD_MSG_STA_CONNECTED && m.level == 3 &&
		  !memcmp(m.mac, MAC, 6));
	UT_EXPECT(parse("<3>AP-STA-CONNECTED 02:11:22:33:44:55 "
			"keyid=guest\n", &m) == HOSTAPD_OK &&
		  m.kind == HOSTAPD_MSG_STA_CONNECTED &&
		  !memcmp(m.mac, MAC, 6));
	UT_EXPECT(parse("<3>AP-STA-DISCONNECTED 02:11:22:33:44:55", &m) ==
		  HOSTAPD_OK && m.kind == HOSTAPD_MSG_STA_DISCONNECTED &&
		  !memcmp(m.mac, MAC, 6));
	UT_EXPECT(parse("<3>AP-STA-CONNECTED 02:11:22:33:44:5A", &m) ==
		  HOSTAPD_OK && m.mac[5] == 0x5a);
	UT_EXPECT(parse("<2>CTRL-EVENT-EAP-STARTED 02:11:22:33:44:55", &m) ==
		  HOSTAPD_OK && m.kind == HOSTAPD_MSG_EVENT && m.level == 2);
	UT_EXPECT(parse("<3>AP-STA-CONNECTEDX 02:11:22:33:44:55", &m) ==
		  HOSTAPD_OK && m.kind == HOSTAPD_MSG_EVENT);
	UT_EXPECT(parse("<3>AP-ENABLED", &m) == HOSTAPD_OK &&
		  m.kind == HOSTAPD_MSG_EVENT);
	/* Malformed station events and headers. */
	UT_EXPECT(parse("<3>AP-STA-CONNECTED", &m) == HOSTAPD_ERR_MAC);
	UT_EXPECT(parse("<3>AP-STA-CONNECTED ", &m) == HOSTAPD_ERR_MAC);
	UT_EXPECT(parse("<3>AP-STA-CONNECTED 02:11:22:33:44:5", &m) ==
		  HOSTAPD_ERR_MAC);
	UT_EXPECT(parse("<3>AP-STA-CONNECTED 02:11:22:33:44:555", &m) ==
		  HOSTAPD_ERR_MAC);
	UT_EXPECT(parse("<3>AP-STA-CONNECTED 02-11-22-33-44-55", &m) ==
		  HOSTAPD_ERR_MAC);
	UT_EXPECT(parse("<3>AP-STA-CONNECTED 0g:11:22:33:44:55", &m) ==
		  HOSTAPD_ERR_MAC);
	UT_EXPECT(parse("<3>AP-STA-CONNECTED  02:11:22:33:44:55", &m) ==
		  HOSTAPD_ERR_MAC);
	UT_EXPECT(parse("<", &m) == HOSTAPD_ERR_EVENT);
	UT_EXPECT(parse("<3>", &m) == HOSTAPD_ERR_EVENT);
	UT_EXPECT(parse("<3> AP-STA-CONNECTED 02:11:22:33:44:55", &m) ==
		  HOSTAPD_ERR_EVENT);
	UT_EXPECT(parse("<x>AP-ENABLED", &m) == HOSTAPD_ERR_EVENT);
	UT_EXPECT(parse("<33>AP-ENABLED", &m) == HOSTAPD_ERR_EVENT);
	UT_EXPECT(truncations("<3>AP-STA-CONNECTED 02:11:22:33:44:55"));
}

UT_CASE(too_long)
{
	static uint8_t big[HOSTAPD_MSG_MAX + 1];
	struct hostapd_msg m;

	memset(big, 'A', sizeof(big));
	UT_EXPECT(hostapd_msg_parse(big, sizeof(big), &m) ==
		  HOSTAPD_ERR_TOO_LONG);
	UT_EXPECT(hostapd_msg_parse(big, HOSTAPD_MSG_MAX, &m) == HOSTAPD_OK &&
		  m.kind == HOSTAPD_MSG_REPLY);
}

UT_CASE(build)
{
	char buf[64];
	struct hostapd_msg m;

	UT_EXPECT(hostapd_msg_build(buf, sizeof(buf), HOSTAPD_CMD_ATTACH,
				    NULL) == 6);
	UT_EXPECT_STR(buf, "ATTACH");
	UT_EXPECT(hostapd_msg_build(buf, sizeof(buf), HOSTAPD_CMD_DETACH,
				    NULL) == 6);
	UT_EXPECT_STR(buf, "DETACH");
	UT_EXPECT(hostapd_msg_build(buf, sizeof(buf), HOSTAPD_CMD_PING,
				    NULL) == 4);
	UT_EXPECT_STR(buf, "PING");
	UT_EXPECT(hostapd_msg_build(buf, sizeof(buf), HOSTAPD_CMD_DEAUTH,
				    MAC) == 32);
	UT_EXPECT_STR(buf, "DEAUTHENTICATE 02:11:22:33:44:55");
	UT_EXPECT(hostapd_msg_build(buf, sizeof(buf), HOSTAPD_CMD_DEAUTH,
				    NULL) == 0);
	/* Does not fit: 0, whatever was written. */
	UT_EXPECT(hostapd_msg_build(buf, 32, HOSTAPD_CMD_DEAUTH, MAC) == 0);
	UT_EXPECT(hostapd_msg_build(buf, 33, HOSTAPD_CMD_DEAUTH, MAC) == 32);
	UT_EXPECT(hostapd_msg_build(buf, sizeof(buf), (enum hostapd_cmd)99,
				    NULL) == 0);
	/* What we send, hostapd's parser would take as no reply of ours. */
	UT_EXPECT(parse("DEAUTHENTICATE 02:11:22:33:44:55", &m) ==
		  HOSTAPD_OK && m.kind == HOSTAPD_MSG_REPLY);
	UT_EXPECT_STR(hostapd_err_str(HOSTAPD_ERR_MAC), "mac");
	UT_EXPECT_STR(hostapd_err_str(HOSTAPD_ERR_MAX), "?");
}

UT_MAIN("apedged_hostapd_msg",
	UT_ENTRY(replies),
	UT_ENTRY(events),
	UT_ENTRY(too_long),
	UT_ENTRY(build))
