// SPDX-License-Identifier: GPL-2.0
/* The station table and the IAPP engine's decisions. */
#include <errno.h>
#include <string.h>

#include "iapp/logic.h"
#include "iapp/sta.h"
#include "ut.h"

static const uint8_t mac1[MAC_LEN] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t mac2[MAC_LEN] = { 0x02, 0, 0, 0, 0, 0x02 };

static struct iapp_msg add_msg(const uint8_t mac[MAC_LEN], uint16_t seq)
{
	struct iapp_msg m;

	memset(&m, 0, sizeof(m));
	m.cmd = IAPP_CMD_ADD_NOTIFY;
	memcpy(m.mac, mac, MAC_LEN);
	m.seq = seq;
	return m;
}

UT_CASE(next_seq)
{
	UT_EXPECT(sta_next_seq(false, 0, 500) == 500);
	UT_EXPECT(sta_next_seq(true, 400, 500) == 500);
	/* Several roams in one second: one more than the newest. */
	UT_EXPECT(sta_next_seq(true, 500, 500) == 501);
	UT_EXPECT(sta_next_seq(true, 503, 500) == 504);
	/* Across the wrap. */
	UT_EXPECT(sta_next_seq(true, 0xffff, 0xffff) == 0);
	UT_EXPECT(sta_next_seq(true, 0xfff0, 3) == 3);
}

UT_CASE(associate_authorize_gone)
{
	struct sta_table t;
	struct sta *s;
	int err = 0;

	sta_table_init(&t);
	s = sta_associate(&t, mac1, "wlan0", 10, 1000, 77, &err);
	UT_ASSERT(s);
	UT_EXPECT(s->state == STA_ASSOCIATED);
	UT_EXPECT_STR(s->ifname, "wlan0");
	UT_EXPECT(s->vlan == 10 && s->seq == 77 && s->assoc_ms == 1000);
	UT_EXPECT(sta_find_here(&t, mac1) == s);
	UT_EXPECT(!sta_find(&t, mac2));
	UT_EXPECT(sta_authorize(s, 1100));
	UT_EXPECT(s->state == STA_AUTHORIZED && s->auth_ms == 1100);
	/* Authorizing again is not a new event. */
	UT_EXPECT(!sta_authorize(s, 1200));

	/* A reassociation in the same second gets a newer number. */
	s = sta_associate(&t, mac1, "wlan1", 0, 2000, 77, &err);
	UT_ASSERT(s);
	UT_EXPECT(s->seq == 78 && s->state == STA_ASSOCIATED);
	UT_EXPECT(t.n == 1);

	sta_set_gone(s, 3000);
	UT_EXPECT(s->state == STA_GONE && !sta_find_here(&t, mac1));
	UT_EXPECT(sta_find(&t, mac1) == s);
	/* A gone station cannot be authorized. */
	UT_EXPECT(!sta_authorize(s, 3100));
	sta_expire(&t, 3000 + STA_GONE_KEEP_MS - 1);
	UT_EXPECT(t.n == 1);
	sta_expire(&t, 3000 + STA_GONE_KEEP_MS);
	UT_EXPECT(t.n == 0);

	UT_EXPECT(!sta_associate(&t, (const uint8_t[]){ 1, 0, 0, 0, 0, 1 },
				 "wlan0", 0, 0, 0, &err) && err == -EINVAL);
	UT_EXPECT(!sta_associate(&t, (const uint8_t[]){ 0, 0, 0, 0, 0, 0 },
				 "wlan0", 0, 0, 0, &err) && err == -EINVAL);
	sta_table_free(&t);
}

UT_CASE(heard_seq_makes_ours_newer)
{
	struct sta_table t;
	struct sta *s;
	int err;

	sta_table_init(&t);
	/* Another AP announced it with 900; our clock says 890. */
	sta_note_seq(&t, mac1, 900, 10);
	s = sta_find(&t, mac1);
	UT_ASSERT(s && s->state == STA_GONE && !s->was_here);
	UT_EXPECT(!sta_find_here(&t, mac1));
	s = sta_associate(&t, mac1, "wlan0", 0, 20, 890, &err);
	UT_ASSERT(s);
	UT_EXPECT(s->seq == 901);
	/* An older number heard later changes nothing. */
	sta_note_seq(&t, mac1, 850, 30);
	UT_EXPECT(s->last_seq == 901 && s->state == STA_ASSOCIATED);
	sta_table_free(&t);
}

UT_CASE(table_full)
{
	struct sta_table t;
	uint8_t mac[MAC_LEN] = { 0x02, 0, 0, 0, 0, 0 };
	unsigned int i;
	int err = 0;

	sta_table_init(&t);
	for (i = 0; i < STA_MAX; i++) {
		mac[4] = (uint8_t)(i >> 8);
		mac[5] = (uint8_t)i;
		if (i == 5)
			sta_note_seq(&t, mac, 1, 5);	/* the one gone */
		else
			UT_ASSERT(sta_associate(&t, mac, "w", 0, i, 1, &err));
	}
	UT_EXPECT(t.n == STA_MAX);
	mac[3] = 1;
	/* Heard of: not kept when only live stations could make room... */
	sta_note_seq(&t, mac, 1, 10);
	/* ...it replaced the gone one. */
	UT_EXPECT(t.n == STA_MAX && sta_find(&t, mac));
	mac[3] = 2;
	UT_EXPECT(sta_associate(&t, mac, "w", 0, 0, 1, &err));
	UT_EXPECT(t.n == STA_MAX);
	mac[3] = 3;
	/* No gone entry left: a live station is never evicted. */
	UT_EXPECT(!sta_associate(&t, mac, "w", 0, 0, 1, &err));
	UT_EXPECT(err == -ENOSPC);
	sta_note_seq(&t, mac, 1, 10);
	UT_EXPECT(!sta_find(&t, mac));
	sta_table_free(&t);
}

UT_CASE(ctx_ipv4)
{
	struct iapp_ctx ctx;
	uint8_t a[4] = { 10, 0, 0, 50 };
	unsigned int i;

	memset(&ctx, 0, sizeof(ctx));
	UT_EXPECT(sta_ctx_add_ipv4(&ctx, a, 100) == 0);
	UT_EXPECT(sta_ctx_add_ipv4(&ctx, a, 200) == 0);
	UT_EXPECT(ctx.n_ipv4 == 1 && ctx.ipv4[0].lease == 200);
	for (i = 1; i < IAPP_CTX_ADDRS_MAX; i++) {
		a[3] = (uint8_t)(50 + i);
		UT_EXPECT(sta_ctx_add_ipv4(&ctx, a, 0) == 0);
	}
	a[3] = 1;
	UT_EXPECT(sta_ctx_add_ipv4(&ctx, a, 0) == -ENOSPC);
	UT_EXPECT_STR(sta_state_name(STA_AUTHORIZED), "authorized");
}

UT_CASE(add_decisions)
{
	struct sta_table t;
	struct iapp_msg m;
	struct sta *s;
	int err;

	sta_table_init(&t);
	m = add_msg(mac1, 100);
	UT_EXPECT(iapp_add_decide(NULL, &m) == IAPP_ADD_IGNORED_NOT_HERE);

	s = sta_associate(&t, mac1, "wlan0", 0, 0, 100, &err);
	UT_ASSERT(s);
	sta_authorize(s, 0);
	/* The same association (a duplicate, a replay of ours). */
	UT_EXPECT(iapp_add_decide(s, &m) == IAPP_ADD_IGNORED_STALE);
	/* A replayed, older ADD-notify never removes the newer one. */
	m.seq = 99;
	UT_EXPECT(iapp_add_decide(s, &m) == IAPP_ADD_IGNORED_STALE);
	m.seq = (uint16_t)(100 - 0x7fff);
	UT_EXPECT(iapp_add_decide(s, &m) == IAPP_ADD_IGNORED_STALE);
	/* A newer one: it moved. */
	m.seq = 101;
	UT_EXPECT(iapp_add_decide(s, &m) == IAPP_ADD_KICK);
	/* Also when not authorized here yet. */
	s->state = STA_ASSOCIATED;
	UT_EXPECT(iapp_add_decide(s, &m) == IAPP_ADD_KICK);
	sta_set_gone(s, 5);
	UT_EXPECT(iapp_add_decide(s, &m) == IAPP_ADD_IGNORED_NOT_HERE);

	/* Across the wrap: 2 is newer than 0xfffe. */
	s = sta_associate(&t, mac2, "wlan0", 0, 0, 0xfffe, &err);
	UT_ASSERT(s && s->seq == 0xfffe);
	m = add_msg(mac2, 2);
	UT_EXPECT(iapp_add_decide(s, &m) == IAPP_ADD_KICK);
	m.seq = 0xfffd;
	UT_EXPECT(iapp_add_decide(s, &m) == IAPP_ADD_IGNORED_STALE);
	UT_EXPECT_STR(iapp_add_verdict_name(IAPP_ADD_KICK), "kicked");
	sta_table_free(&t);
}

UT_CASE(move_and_cache_decisions)
{
	struct sta_table t;
	struct iapp_msg m;
	struct sta *s;
	int err;

	sta_table_init(&t);
	m = add_msg(mac1, 200);
	m.cmd = IAPP_CMD_MOVE_NOTIFY;
	UT_EXPECT(iapp_move_decide(NULL, &m) == IAPP_MOVE_DENIED);
	sta_note_seq(&t, mac1, 150, 0);
	s = sta_find(&t, mac1);
	/* Only heard of: never here, no context to give. */
	UT_EXPECT(iapp_move_decide(s, &m) == IAPP_MOVE_DENIED);
	s = sta_associate(&t, mac1, "wlan0", 0, 0, 180, &err);
	UT_ASSERT(s && s->seq == 180);
	UT_EXPECT(iapp_move_decide(s, &m) == IAPP_MOVE_SUCCESSFUL);
	m.seq = 180;
	UT_EXPECT(iapp_move_decide(s, &m) == IAPP_MOVE_STALE);
	m.seq = 170;
	UT_EXPECT(iapp_move_decide(s, &m) == IAPP_MOVE_STALE);
	/* Already removed by the new AP's ADD-notify: context still given. */
	sta_note_seq(&t, mac1, 200, 1);
	sta_set_gone(s, 1);
	m.seq = 200;
	UT_EXPECT(iapp_move_decide(s, &m) == IAPP_MOVE_SUCCESSFUL);

	m.cmd = IAPP_CMD_CACHE_NOTIFY;
	UT_EXPECT(iapp_cache_decide(NULL, false, 0, &m) ==
		  IAPP_CACHE_SUCCESSFUL);
	UT_EXPECT(iapp_cache_decide(NULL, true, 199, &m) ==
		  IAPP_CACHE_SUCCESSFUL);
	UT_EXPECT(iapp_cache_decide(NULL, true, 200, &m) == IAPP_CACHE_STALE);
	UT_EXPECT(iapp_cache_decide(s, false, 0, &m) == IAPP_CACHE_SUCCESSFUL);
	s = sta_associate(&t, mac1, "wlan0", 0, 0, 100, &err);
	UT_ASSERT(s && s->seq == 201);
	UT_EXPECT(iapp_cache_decide(s, false, 0, &m) == IAPP_CACHE_STALE);
	sta_table_free(&t);
}

UT_CASE(announcer)
{
	static const uint8_t ap1[4] = { 10, 0, 0, 1 }, ap3[4] = { 10, 0, 0, 3 };
	struct sta_table t;
	struct sta *s;
	int err;

	sta_table_init(&t);
	/* Unknown station: nothing to note it on. */
	sta_note_announcer(&t, mac1, 100, ap1);
	UT_EXPECT(!sta_find(&t, mac1));
	/* Heard of: the announcer of the newest number is kept. */
	sta_note_seq(&t, mac1, 100, 1);
	sta_note_announcer(&t, mac1, 100, ap1);
	s = sta_find(&t, mac1);
	UT_ASSERT(s && s->has_announcer && !memcmp(s->announcer, ap1, 4));
	/* An older announcement (a replay) changes nothing. */
	sta_note_seq(&t, mac1, 90, 2);
	sta_note_announcer(&t, mac1, 90, ap3);
	UT_EXPECT(!memcmp(s->announcer, ap1, 4));
	/* A newer one does. */
	sta_note_seq(&t, mac1, 101, 3);
	sta_note_announcer(&t, mac1, 101, ap3);
	UT_EXPECT(!memcmp(s->announcer, ap3, 4));
	/* It survives an association here (that is where it came from). */
	s = sta_associate(&t, mac1, "wlan0", 0, 4, 50, &err);
	UT_ASSERT(s && s->seq == 102);
	UT_EXPECT(s->has_announcer && !memcmp(s->announcer, ap3, 4));
	sta_table_free(&t);
}

UT_MAIN("apedged_sta", UT_ENTRY(announcer), UT_ENTRY(next_seq), UT_ENTRY(associate_authorize_gone),
	UT_ENTRY(heard_seq_makes_ours_newer), UT_ENTRY(table_full),
	UT_ENTRY(ctx_ipv4), UT_ENTRY(add_decisions),
	UT_ENTRY(move_and_cache_decisions))
