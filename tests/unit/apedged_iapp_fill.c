// SPDX-License-Identifier: GPL-2.0
/*
 * The IAPP engine's MOVE answer waiting for ops.ctx_fill (the module's
 * bindings): over real TCP on lo, the test plays the new access point.
 * The answer carries the filled addresses; without a fill in time it
 * carries the station table's; with the module absent it goes at once.
 * A cached context (CACHE-notify) goes to ops.ctx_applied only once the
 * station is authorized.  An answer given from within ops.ctx_fill is
 * taken, and acted on only once the call has returned: the engine is
 * never re-entered (with ASan, the re-entered engine of before used a
 * freed connection).
 * Skipped (passes) when the IAPP sockets cannot be opened on lo.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "apedged/config.h"
#include "iapp/iapp.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"
#include "ut.h"

#define PORT 35170

static const uint8_t mac1[MAC_LEN] = { 2, 0, 0, 0, 0, 0x50 };
static const uint8_t mac3[MAC_LEN] = { 2, 0, 0, 0, 0, 0x51 };
static int fill_calls, fill_ret;
static struct iapp *the_ia;

/* How ctx_fill answers, from within the call. */
static enum {
	FILL_LATER,		/* not now: fill_ret */
	FILL_NOW,		/* with sync_ctx, and 0 */
	FILL_FAIL_MAC3,		/* mac3: NULL, and -EIO; others later */
} fill_mode;
static struct iapp_ctx sync_ctx;
static bool in_fill;

static int ctx_fill(const struct sta *s, void *data)
{
	fill_calls++;
	if (fill_mode == FILL_NOW) {
		in_fill = true;
		iapp_ctx_filled(the_ia, s->mac, &sync_ctx);
		in_fill = false;
		return 0;
	}
	if (fill_mode == FILL_FAIL_MAC3 && !memcmp(s->mac, mac3, MAC_LEN)) {
		in_fill = true;
		iapp_ctx_filled(the_ia, s->mac, NULL);
		in_fill = false;
		return -EIO;
	}
	return fill_ret;
}

static int kicks, kicks_in_fill;

/* The answer removes the station: this sees whether that was within. */
static int kick(const struct sta *s, void *data)
{
	kicks++;
	if (in_fill)
		kicks_in_fill++;
	return 0;
}

static int applied_calls;
static struct iapp_ctx applied;

static void ctx_applied(const struct sta *s, const struct iapp_ctx *ctx,
			void *data)
{
	applied_calls++;
	applied = *ctx;
}

static const struct iapp_ops ops = {
	.ctx_fill = ctx_fill,
	.ctx_applied = ctx_applied,
	.kick = kick,
};

static void quiet(void)
{
	static FILE *null;

	if (!null)
		null = fopen("/dev/null", "w");
	log_set_stream(null);
}

static struct netif *netif;

static struct iapp *engine(struct loop **loop, struct config *cfg)
{
	/* The test is the AP at 127.0.0.1: only the map's may connect. */
	static const char text[] = "[iapp]\ninterface = lo\nport = 35170\n"
		"[bssid 02:00:00:00:02:00]\naddress = 127.0.0.1\n";
	struct config_error err;
	struct iapp *ia;

	quiet();
	if (config_parse(text, sizeof(text) - 1, cfg, &err) < 0)
		return NULL;
	*loop = loop_new();
	if (!*loop)
		return NULL;
	netif = netif_open(*loop);
	if (!netif)
		return NULL;
	ia = iapp_new(*loop, netif, &ops, NULL);
	if (ia && iapp_configure(ia, &cfg->iapp, cfg->bssids, cfg->n_bssids) < 0) {
		iapp_free(ia);
		return NULL;
	}
	the_ia = ia;
	fill_mode = FILL_LATER;
	return ia;
}

static bool listening(struct iapp *ia)
{
	struct strbuf sb;
	bool yes;

	sb_init(&sb);
	iapp_format_show(ia, &sb);
	yes = strstr(sb_str(&sb), "\"listening\": true") != NULL;
	sb_free(&sb);
	return yes;
}

/* Build a MOVE-notify for mac with seq into buf; its length. */
static size_t move_for(uint8_t *buf, size_t size, const uint8_t *mac,
		       uint16_t seq)
{
	struct iapp_ctx ctx = { 0 };

	return iapp_build_move_notify(buf, size, 1, mac, seq, &ctx, NULL);
}

/* A MOVE-notify for mac1 with seq, on a new connection to the engine. */
static int send_move(uint16_t seq)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET, .sin_port = htons(PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct iapp_ctx ctx = { 0 };
	uint8_t buf[IAPP_MSG_MAX];
	size_t len;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	len = iapp_build_move_notify(buf, sizeof(buf), 1, mac1, seq, &ctx,
				     NULL);
	if (fd < 0 || !len)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
	    errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The real clock, whichever the loop's is. */
static uint64_t real_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/*
 * Run the loop until the response is whole or ms pass on the real clock;
 * 1 when it is.  Under the virtual clock (move_waits_for_fill) no timer
 * fires meanwhile, however long the machine takes.
 */
static int read_response(struct loop *loop, int fd, bool sent,
			 uint16_t seq, int ms, struct iapp_msg *m)
{
	struct iapp_key key = { 0 };
	struct iapp_ctx ctx = { 0 };
	uint8_t buf[IAPP_MSG_MAX];
	uint64_t end = real_ms() + (uint64_t)ms;
	size_t have = 0;

	/* Bounded by the clock, not by a count of iterations: an iteration
	 * returns early whenever something is ready. */
	while (real_ms() < end) {
		ssize_t n;
		long need;

		loop_iterate(loop, 5);
		if (!sent) {
			uint8_t out[IAPP_MSG_MAX];
			size_t len = iapp_build_move_notify(out, sizeof(out),
							    1, mac1, seq, &ctx,
							    NULL);

			if (send(fd, out, len, MSG_NOSIGNAL) == (ssize_t)len)
				sent = true;
			continue;
		}
		n = recv(fd, buf + have, sizeof(buf) - have, MSG_DONTWAIT);
		if (n > 0)
			have += (size_t)n;
		need = iapp_stream_need(buf, have, &key);
		if (need > 0 && (size_t)need <= have)
			return iapp_parse_stream(buf, (size_t)need, &key, m) ==
			       IAPP_OK;
	}
	return 0;
}

/* Run the loop until *count is want, at most ms of the real clock. */
static bool run_until(struct loop *loop, const int *count, int want,
		      int ms)
{
	uint64_t end = real_ms() + (uint64_t)ms;

	while (*count != want && real_ms() < end)
		loop_iterate(loop, 5);
	return *count == want;
}

/*
 * On the virtual clock: the engine's wait for the fill (up to
 * IAPP_FILL_TIMEOUT_MS) ends only when the test moves the clock, so a
 * loaded machine that takes long to run the loop changes nothing.
 */
UT_CASE(move_waits_for_fill)
{
	struct iapp_sta_args a = {
		.ifname = "wlan0", .mac = mac1, .authorized = true,
	};
	const struct iapp_stats *st;
	struct iapp_ctx table = { 0 }, fill = { 0 };
	struct config cfg;
	struct loop *loop;
	struct iapp_msg m;
	struct iapp *ia;
	uint16_t seq;
	int fd;

	loop_clock_virtual(loop_now_ms());
	ia = engine(&loop, &cfg);
	UT_ASSERT(ia);
	if (!listening(ia)) {
		fprintf(stderr, "  skipped: no IAPP sockets on lo\n");
		goto out;
	}
	st = iapp_get_stats(ia);
	table.n_ipv4 = 1;
	memcpy(table.ipv4[0].addr, "\xc0\x00\x02\x33", 4);
	table.ipv4[0].lease = 100;
	a.ctx = &table;
	UT_ASSERT(iapp_sta_add(ia, &a) == 0);
	seq = sta_find(iapp_stas(ia), mac1)->seq;

	/* 1. Filled: the answer waits, then carries the module's. */
	fill_ret = 0;
	fd = send_move((uint16_t)(seq + 1));
	UT_ASSERT(fd >= 0);
	UT_EXPECT(!read_response(loop, fd, false, (uint16_t)(seq + 1), 100,
				 &m));
	UT_EXPECT(run_until(loop, &fill_calls, 1, 5000));
	/* Not answered before the fill, even with time gone by (short of
	 * the bound). */
	loop_clock_advance(loop, IAPP_FILL_TIMEOUT_MS - 1);
	UT_EXPECT(!read_response(loop, fd, true, 0, 100, &m));
	fill.n_ipv4 = 1;
	memcpy(fill.ipv4[0].addr, "\xc0\x00\x02\x32", 4);
	fill.ipv4[0].lease = 599;
	iapp_ctx_filled(ia, mac1, &fill);
	UT_ASSERT(read_response(loop, fd, true, 0, 1000, &m));
	UT_EXPECT(m.cmd == IAPP_CMD_MOVE_RESPONSE);
	UT_EXPECT(m.status == IAPP_MOVE_SUCCESSFUL);
	UT_EXPECT(m.has_ctx && m.ctx.n_ipv4 == 1);
	UT_EXPECT(m.ctx.ipv4[0].addr[3] == 0x32);
	UT_EXPECT(m.ctx.ipv4[0].lease == 599);
	UT_EXPECT(st->ctx_filled == 1);
	close(fd);
	/* A late fill for nobody is harmless. */
	iapp_ctx_filled(ia, mac1, &fill);
	UT_EXPECT(st->ctx_filled == 1);

	/* 2. No fill in time: the table's context, after the bound. */
	fd = send_move((uint16_t)(seq + 2));
	UT_ASSERT(fd >= 0);
	UT_EXPECT(!read_response(loop, fd, false, (uint16_t)(seq + 2), 100,
				 &m));
	UT_EXPECT(run_until(loop, &fill_calls, 2, 5000));
	loop_clock_advance(loop, IAPP_FILL_TIMEOUT_MS);
	UT_ASSERT(read_response(loop, fd, true, 0, 5000, &m));
	UT_EXPECT(fill_calls == 2);
	UT_EXPECT(st->ctx_fill_timeout == 1);
	UT_EXPECT(m.status == IAPP_MOVE_SUCCESSFUL);
	UT_EXPECT(m.has_ctx && m.ctx.n_ipv4 == 1 &&
		  m.ctx.ipv4[0].addr[3] == 0x33);
	close(fd);

	/* 3. Module absent: at once, the table's. */
	fill_ret = -ENOTCONN;
	fd = send_move((uint16_t)(seq + 3));
	UT_ASSERT(fd >= 0);
	UT_ASSERT(read_response(loop, fd, false, (uint16_t)(seq + 3), 1000,
				&m));
	UT_EXPECT(st->ctx_fill_absent == 1);
	UT_EXPECT(m.has_ctx && m.ctx.ipv4[0].addr[3] == 0x33);
	close(fd);

	/* 4. A stale MOVE is not filled: answered at once. */
	fd = send_move(seq);
	UT_ASSERT(fd >= 0);
	UT_ASSERT(read_response(loop, fd, false, seq, 1000, &m));
	UT_EXPECT(m.status == IAPP_MOVE_STALE);
	UT_EXPECT(fill_calls == 3);
	close(fd);

	/* 5. The peer goes away while we wait: nothing breaks. */
	fill_ret = 0;
	fd = send_move((uint16_t)(seq + 4));
	UT_ASSERT(fd >= 0);
	read_response(loop, fd, false, (uint16_t)(seq + 4), 50, &m);
	close(fd);
	loop_iterate(loop, 20);
	iapp_ctx_filled(ia, mac1, NULL);
	loop_iterate(loop, 20);
out:
	iapp_free(ia);
	netif_free(netif);
	loop_free(loop);
	config_free(&cfg);
	loop_clock_real();
}

/* A cached context is applied (its bindings added) once authorized. */
UT_CASE(cache_applied_when_authorized)
{
	static const uint8_t mac2[MAC_LEN] = { 2, 0, 0, 0, 0, 0x60 };
	static const uint8_t ap[MAC_LEN] = { 2, 0, 0, 0, 2, 0 };
	struct sockaddr_in sa = {
		.sin_family = AF_INET, .sin_port = htons(PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct iapp_sta_args a = { .ifname = "wlan0", .mac = mac2 };
	const struct iapp_stats *st;
	struct iapp_ctx ctx = { 0 };
	uint8_t buf[IAPP_MSG_MAX];
	struct config cfg;
	struct loop *loop;
	struct iapp *ia;
	size_t len;
	int fd, i;

	ia = engine(&loop, &cfg);
	UT_ASSERT(ia);
	if (!listening(ia)) {
		fprintf(stderr, "  skipped: no IAPP sockets on lo\n");
		goto out;
	}
	st = iapp_get_stats(ia);
	ctx.n_ipv4 = 1;
	memcpy(ctx.ipv4[0].addr, "\xc0\x00\x02\x3c", 4);
	ctx.ipv4[0].lease = 300;
	len = iapp_build_cache_notify(buf, sizeof(buf), 7, mac2, 100, ap, &ctx,
				      60, NULL);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	UT_ASSERT(fd >= 0);
	UT_ASSERT(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	UT_ASSERT(send(fd, buf, len, MSG_NOSIGNAL) == (ssize_t)len);
	for (i = 0; i < 100 && !st->cache_stored; i++)
		loop_iterate(loop, 10);
	close(fd);
	UT_ASSERT(st->cache_stored == 1);

	applied_calls = 0;
	UT_EXPECT(iapp_sta_add(ia, &a) == 0);
	UT_EXPECT(applied_calls == 0);		/* not authorized yet */
	UT_EXPECT(st->cache_used == 0);
	UT_EXPECT(iapp_sta_authorize(ia, mac2) == 0);
	UT_EXPECT(applied_calls == 1);
	UT_EXPECT(st->cache_used == 1);
	UT_EXPECT(applied.n_ipv4 == 1 && applied.ipv4[0].addr[3] == 0x3c &&
		  applied.ipv4[0].lease == 300);
	/* Used once. */
	UT_EXPECT(iapp_sta_add(ia, &a) == 0);
	UT_EXPECT(iapp_sta_authorize(ia, mac2) == 0);
	UT_EXPECT(applied_calls == 1);
out:
	iapp_free(ia);
	netif_free(netif);
	loop_free(loop);
	config_free(&cfg);
}

/* The engine's TCP connections, as "iapp show" counts them. */
static int conns(struct iapp *ia)
{
	struct strbuf sb;
	const char *p;
	int n = -1;

	sb_init(&sb);
	iapp_format_show(ia, &sb);
	p = strstr(sb_str(&sb), "\"connections\": ");
	if (p)
		n = atoi(p + strlen("\"connections\": "));
	sb_free(&sb);
	return n;
}

/* A connected TCP socket to the engine, blocking; -1 on failure. */
static int dial(void)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET, .sin_port = htons(PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Read whole responses off fd into m[] while the loop runs; how many. */
static int responses(struct loop *loop, int fd, int ms, struct iapp_msg *m,
		     int want)
{
	static uint8_t buf[4096];
	static size_t have;
	uint64_t end = loop_now_ms() + (uint64_t)ms;
	struct iapp_key key = { 0 };
	int got = 0;

	have = 0;
	/* By the clock: an iteration returns early when something is ready. */
	while (loop_now_ms() < end && got < want) {
		ssize_t n;
		long need;

		loop_iterate(loop, 5);
		n = recv(fd, buf + have, sizeof(buf) - have, MSG_DONTWAIT);
		if (n > 0)
			have += (size_t)n;
		while ((need = iapp_stream_need(buf, have, &key)) > 0 &&
		       (size_t)need <= have && got < want) {
			if (iapp_parse_stream(buf, (size_t)need, &key,
					      &m[got]) != IAPP_OK)
				return -1;
			got++;
			memmove(buf, buf + need, have - (size_t)need);
			have -= (size_t)need;
		}
	}
	return got;
}

/* UT_ASSERT, but through "out", where the engine is freed. */
#define UT_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "  %s:%d: assertion %s\n", __FILE__,	\
			__LINE__, #cond);				\
		*ut_failed = 1;						\
		goto out;						\
	}								\
} while (0)

/* An answer given from within ops.ctx_fill is the one sent. */
UT_CASE(fill_answered_within_the_call)
{
	struct iapp_sta_args a = {
		.ifname = "wlan0", .mac = mac1, .authorized = true,
	};
	const struct iapp_stats *st;
	uint8_t buf[IAPP_MSG_MAX];
	struct iapp_msg m;
	struct config cfg;
	struct loop *loop;
	struct iapp *ia;
	uint16_t seq;
	size_t len;
	int fd = -1;

	ia = engine(&loop, &cfg);
	UT_ASSERT(ia);
	if (!listening(ia)) {
		fprintf(stderr, "  skipped: no IAPP sockets on lo\n");
		goto out;
	}
	st = iapp_get_stats(ia);
	UT_CHECK(iapp_sta_add(ia, &a) == 0);
	seq = sta_find(iapp_stas(ia), mac1)->seq;
	memset(&sync_ctx, 0, sizeof(sync_ctx));
	sync_ctx.n_ipv4 = 1;
	memcpy(sync_ctx.ipv4[0].addr, "\xc0\x00\x02\x34", 4);
	sync_ctx.ipv4[0].lease = 77;
	fill_mode = FILL_NOW;
	kicks = kicks_in_fill = 0;

	fd = dial();
	UT_CHECK(fd >= 0);
	len = move_for(buf, sizeof(buf), mac1, (uint16_t)(seq + 1));
	UT_CHECK(send(fd, buf, len, MSG_NOSIGNAL) == (ssize_t)len);
	/* Well before IAPP_FILL_TIMEOUT_MS: it is not waited for. */
	UT_CHECK(responses(loop, fd, IAPP_FILL_TIMEOUT_MS / 2, &m, 1) == 1);
	UT_EXPECT(m.status == IAPP_MOVE_SUCCESSFUL);
	UT_EXPECT(m.has_ctx && m.ctx.n_ipv4 == 1 &&
		  m.ctx.ipv4[0].addr[3] == 0x34 && m.ctx.ipv4[0].lease == 77);
	UT_EXPECT(st->ctx_filled == 1 && st->ctx_fill_timeout == 0);
	/* The answer, and the kick with it, came after the call returned. */
	UT_EXPECT(kicks == 1 && kicks_in_fill == 0);
out:
	if (fd >= 0)
		close(fd);
	iapp_free(ia);
	netif_free(netif);
	loop_free(loop);
	config_free(&cfg);
}

/*
 * Connections B (a MOVE-notify for mac1, and one for mac3 behind it) and
 * C (one for mac3) wait for their fills; C's peer resets.  The fill for
 * mac1 answers B, which goes on to its MOVE-notify for mac3, whose fill
 * fails from within the call, answering C, whose send fails: C is freed.
 * The engine of before did all that within iapp_ctx_filled(), whose walk
 * of the connections then went on to C, freed under it.
 */
UT_CASE(fill_does_not_reenter)
{
	struct iapp_sta_args a = {
		.ifname = "wlan0", .mac = mac1, .authorized = true,
	};
	struct linger rst = { .l_onoff = 1, .l_linger = 0 };
	const struct iapp_stats *st;
	uint8_t buf[2 * IAPP_MSG_MAX];
	struct iapp_ctx fill = { 0 };
	struct iapp_msg m[2];
	uint16_t seq1, seq2;
	struct config cfg;
	struct loop *loop;
	struct iapp *ia;
	size_t len;
	uint64_t end;
	int b = -1, c;

	ia = engine(&loop, &cfg);
	UT_ASSERT(ia);
	if (!listening(ia)) {
		fprintf(stderr, "  skipped: no IAPP sockets on lo\n");
		goto out;
	}
	st = iapp_get_stats(ia);
	UT_CHECK(iapp_sta_add(ia, &a) == 0);
	a.mac = mac3;
	UT_CHECK(iapp_sta_add(ia, &a) == 0);
	seq1 = sta_find(iapp_stas(ia), mac1)->seq;
	seq2 = sta_find(iapp_stas(ia), mac3)->seq;
	fill_calls = 0;
	fill_ret = 0;
	fill_mode = FILL_LATER;

	b = dial();
	UT_CHECK(b >= 0);
	len = move_for(buf, sizeof(buf), mac1, (uint16_t)(seq1 + 1));
	len += move_for(buf + len, sizeof(buf) - len, mac3,
			(uint16_t)(seq2 + 1));
	UT_CHECK(send(b, buf, len, MSG_NOSIGNAL) == (ssize_t)len);
	for (end = loop_now_ms() + 1000; loop_now_ms() < end && fill_calls < 1;)
		loop_iterate(loop, 5);
	UT_CHECK(fill_calls == 1);
	c = dial();
	UT_CHECK(c >= 0);
	len = move_for(buf, sizeof(buf), mac3, (uint16_t)(seq2 + 1));
	UT_CHECK(send(c, buf, len, MSG_NOSIGNAL) == (ssize_t)len);
	for (end = loop_now_ms() + 1000; loop_now_ms() < end && fill_calls < 2;)
		loop_iterate(loop, 5);
	UT_CHECK(fill_calls == 2);
	/* C's peer resets; the engine does not look before it answers. */
	UT_CHECK(setsockopt(c, SOL_SOCKET, SO_LINGER, &rst,
			     sizeof(rst)) == 0);
	close(c);
	usleep(20000);

	fill_mode = FILL_FAIL_MAC3;
	fill.n_ipv4 = 1;
	memcpy(fill.ipv4[0].addr, "\xc0\x00\x02\x35", 4);
	fill.ipv4[0].lease = 55;
	iapp_ctx_filled(ia, mac1, &fill);
	UT_CHECK(responses(loop, b, 1000, m, 2) == 2);
	UT_EXPECT(!memcmp(m[0].mac, mac1, MAC_LEN));
	UT_EXPECT(m[0].status == IAPP_MOVE_SUCCESSFUL);
	UT_EXPECT(m[0].ctx.n_ipv4 == 1 && m[0].ctx.ipv4[0].addr[3] == 0x35);
	UT_EXPECT(!memcmp(m[1].mac, mac3, MAC_LEN));
	UT_EXPECT(m[1].status == IAPP_MOVE_SUCCESSFUL);
	UT_EXPECT(fill_calls == 3);
	UT_EXPECT(st->ctx_filled == 1);
	/*
	 * B's second (the call's -EIO); C's reset was seen by the loop
	 * before the deferred answers: it went unanswered.
	 */
	UT_EXPECT(st->ctx_fill_failed == 1);
	for (end = loop_now_ms() + 100; loop_now_ms() < end;)
		loop_iterate(loop, 5);
	UT_EXPECT(conns(ia) == 1);	/* B only */
out:
	if (b >= 0)
		close(b);
	iapp_free(ia);
	netif_free(netif);
	loop_free(loop);
	config_free(&cfg);
}

UT_MAIN("apedged_iapp_fill", UT_ENTRY(move_waits_for_fill),
	UT_ENTRY(cache_applied_when_authorized),
	UT_ENTRY(fill_answered_within_the_call),
	UT_ENTRY(fill_does_not_reenter))
