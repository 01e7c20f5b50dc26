// SPDX-License-Identifier: GPL-2.0
/*
 * The IAPP engine's MOVE answer waiting for ops.ctx_fill (the module's
 * bindings): over real TCP on lo, the test plays the new access point.
 * The answer carries the filled addresses; without a fill in time it
 * carries the station table's; with the module absent it goes at once.
 * A cached context (CACHE-notify) goes to ops.ctx_applied only once the
 * station is authorized.
 * Skipped (passes) when the IAPP sockets cannot be opened on lo.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "apedged/config.h"
#include "iapp/iapp.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"
#include "ut.h"

#define PORT 35170

static const uint8_t mac1[MAC_LEN] = { 2, 0, 0, 0, 0, 0x50 };
static int fill_calls, fill_ret;

static int ctx_fill(const struct sta *s, void *data)
{
	fill_calls++;
	return fill_ret;
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
	static const char text[] = "[iapp]\ninterface = lo\nport = 35170\n";
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

/* A MOVE-notify for mac1 with seq, on a new connection to the engine. */
static int send_move(uint16_t seq)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET, .sin_port = htons(PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct iapp_key key = { 0 };
	struct iapp_ctx ctx = { 0 };
	uint8_t buf[IAPP_MSG_MAX];
	size_t len;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	len = iapp_build_move_notify(buf, sizeof(buf), 1, mac1, seq, &ctx,
				     &key);
	if (fd < 0 || !len)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
	    errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Run the loop until the response is whole or ms pass; 1 when it is. */
static int read_response(struct loop *loop, int fd, bool sent,
			 uint16_t seq, int ms, struct iapp_msg *m)
{
	struct iapp_key key = { 0 };
	struct iapp_ctx ctx = { 0 };
	uint8_t buf[IAPP_MSG_MAX];
	uint64_t end = loop_now_ms() + (uint64_t)ms;
	size_t have = 0;

	/* Bounded by the clock, not by a count of iterations: an iteration
	 * returns early whenever something is ready. */
	while (loop_now_ms() < end) {
		ssize_t n;
		long need;

		loop_iterate(loop, 5);
		if (!sent) {
			uint8_t out[IAPP_MSG_MAX];
			size_t len = iapp_build_move_notify(out, sizeof(out),
							    1, mac1, seq, &ctx,
							    &key);

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
	UT_EXPECT(fill_calls == 1);
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
	UT_ASSERT(read_response(loop, fd, false, (uint16_t)(seq + 2),
				IAPP_FILL_TIMEOUT_MS + 1000, &m));
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
	struct iapp_key key = { 0 };
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
				      60, &key);
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

UT_MAIN("apedged_iapp_fill", UT_ENTRY(move_waits_for_fill),
	UT_ENTRY(cache_applied_when_authorized))
