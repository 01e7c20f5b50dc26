// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket's replies reassembled from their packets (pure):
 * one-packet replies, replies in parts, every truncation, and what breaks
 * the protocol.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ctrl.h"
#include "ut.h"

/* Feed packets (a NULL-terminated list); the last result. */
static int feed(struct ctrl_rx *rx, size_t max, const char *const *pkts)
{
	int r = -1;

	ctrl_rx_init(rx, max);
	for (; *pkts; pkts++) {
		r = ctrl_rx_feed(rx, *pkts, strlen(*pkts));
		if (r)
			break;
	}
	return r;
}

#define FEED(rx, max, ...) \
	feed(rx, max, (const char *const[]){ __VA_ARGS__, NULL })

UT_CASE(one_packet)
{
	struct ctrl_rx rx;

	UT_EXPECT(FEED(&rx, 1000, "ok\n{}\n") == 1);
	UT_EXPECT_STR(rx.buf, "ok\n{}\n");
	/* Nothing may follow a whole reply. */
	UT_EXPECT(ctrl_rx_feed(&rx, "x", 1) == -EPROTO);
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 1000, "ok\n") == 1);
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 1000, "error no such station\n") == 1);
	UT_EXPECT_STR(rx.buf, "error no such station\n");
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 1000, "error") == 1);
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 1000, "error\n") == 1);
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 3, "ok\n{}\n") == 1);
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 2, "ok\n{}\n") == -EMSGSIZE);
	ctrl_rx_free(&rx);
}

UT_CASE(parts)
{
	struct ctrl_rx rx;

	UT_EXPECT(FEED(&rx, 1000, "ok 9\n{\"a\": ", "1", "}\n") == 1);
	UT_EXPECT_STR(rx.buf, "ok\n{\"a\": 1}\n");
	UT_EXPECT(rx.len == 12);
	ctrl_rx_free(&rx);
	/* The first packet may hold only the line, or everything. */
	UT_EXPECT(FEED(&rx, 1000, "ok 3\n", "{}\n") == 1);
	UT_EXPECT_STR(rx.buf, "ok\n{}\n");
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 1000, "ok 3\n{}\n") == 1);
	ctrl_rx_free(&rx);
	/* Still waiting. */
	UT_EXPECT(FEED(&rx, 1000, "ok 9\n{\"a", "\": 1") == 0);
	UT_EXPECT(rx.len == 3 + 7);
	ctrl_rx_free(&rx);
	/* The length is checked against the bound before anything else. */
	UT_EXPECT(FEED(&rx, 1000, "ok 998\n") == 0);
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 1000, "ok 1000\n") == 0);
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 1000, "ok 1001\n") == -EMSGSIZE);
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, APEDGE_CTRL_REPLY_MAX + 10,
		       "ok 16777217\n") == -EMSGSIZE);
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 1000, "ok 99999999999999999999999\n") ==
		  -EPROTO);
	ctrl_rx_free(&rx);
}

UT_CASE(malformed)
{
	static const char *const bad[] = {
		"", "o", "ok", "okay\n", "ok 0\n", "ok 03\n{}\n", "ok -3\n",
		"ok 3", "ok 3x\n", "ok  3\n", "errors\n", "Error x\n", "{}\n",
	};
	struct ctrl_rx rx;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ctrl_rx_init(&rx, 1000);
		if (ctrl_rx_feed(&rx, bad[i], strlen(bad[i])) != -EPROTO) {
			fprintf(stderr, "  accepted: \"%s\"\n", bad[i]);
			UT_EXPECT(0);
		}
		ctrl_rx_free(&rx);
	}
	/* More than announced, in the first packet or a later one. */
	UT_EXPECT(FEED(&rx, 1000, "ok 2\n{}\n") == -EPROTO);
	ctrl_rx_free(&rx);
	UT_EXPECT(FEED(&rx, 1000, "ok 3\n{", "}\n\n") == -EPROTO);
	ctrl_rx_free(&rx);
	/* An empty part; a NUL. */
	UT_EXPECT(FEED(&rx, 1000, "ok 3\n", "") == -EPROTO);
	ctrl_rx_free(&rx);
	ctrl_rx_init(&rx, 1000);
	UT_EXPECT(ctrl_rx_feed(&rx, "ok\n{\0}", 6) == -EPROTO);
	ctrl_rx_free(&rx);
	ctrl_rx_init(&rx, 1000);
	UT_EXPECT(ctrl_rx_feed(&rx, "ok 3\n", 5) == 0);
	UT_EXPECT(ctrl_rx_feed(&rx, "{\0}", 3) == -EPROTO);
	ctrl_rx_free(&rx);
	/* A packet longer than a packet may be. */
	{
		char *big = malloc(APEDGE_CTRL_MAX + 1);

		UT_ASSERT(big);
		memset(big, 'a', APEDGE_CTRL_MAX + 1);
		memcpy(big, "ok\n", 3);
		ctrl_rx_init(&rx, APEDGE_CTRL_REPLY_MAX);
		UT_EXPECT(ctrl_rx_feed(&rx, big, APEDGE_CTRL_MAX + 1) ==
			  -EPROTO);
		ctrl_rx_free(&rx);
		ctrl_rx_init(&rx, APEDGE_CTRL_REPLY_MAX);
		UT_EXPECT(ctrl_rx_feed(&rx, big, APEDGE_CTRL_MAX) == 1);
		ctrl_rx_free(&rx);
		free(big);
	}
}

/* A reply cut anywhere into two packets reassembles the same. */
UT_CASE(every_split)
{
	static const char whole[] = "ok 21\n{\"stations\": [1, 2]}\n";
	static const char want[] = "ok\n{\"stations\": [1, 2]}\n";
	size_t cut, hdr = 6;
	struct ctrl_rx rx;
	int r;

	for (cut = hdr; cut < sizeof(whole) - 1; cut++) {
		ctrl_rx_init(&rx, 1000);
		r = ctrl_rx_feed(&rx, whole, cut);
		UT_EXPECT(r == 0);
		if (!r)
			r = ctrl_rx_feed(&rx, whole + cut,
					 sizeof(whole) - 1 - cut);
		UT_EXPECT(r == 1);
		UT_EXPECT(r == 1 && !strcmp(rx.buf, want));
		ctrl_rx_free(&rx);
	}
	/* Every truncation of the header line is refused. */
	for (cut = 1; cut < hdr; cut++) {
		ctrl_rx_init(&rx, 1000);
		UT_EXPECT(ctrl_rx_feed(&rx, whole, cut) == -EPROTO);
		ctrl_rx_free(&rx);
	}
}

UT_MAIN("lib_ctrl", UT_ENTRY(one_packet), UT_ENTRY(parts),
	UT_ENTRY(malformed), UT_ENTRY(every_split))
