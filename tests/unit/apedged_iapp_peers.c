// SPDX-License-Identifier: GPL-2.0
/*
 * What the IAPP engine takes from its peers over real TCP on lo, the test
 * playing the peer (127.0.0.1, the AP of the map) and the attacker
 * (127.0.0.2, a host on the IAPP VLAN that is no AP of the map):
 *
 * - TCP only from the addresses of the BSSID map;
 * - a CACHE-notify's context keeps only addresses a station may be bound
 *   to, at most IAPP_STA_ADDRS_MAX, none of ours or of the map's;
 * - with a key, a signed message outside the replay window, or one taken
 *   before, is refused and counted, and not answered.
 *
 * Skipped (passes) when the IAPP sockets cannot be opened on lo.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
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

#define PORT 35171
#define KEY "00112233445566778899aabbccddeeff"

static const uint8_t ap2[MAC_LEN] = { 2, 0, 0, 0, 2, 0 };
static struct netif *netif;		/* lo, and this host's addresses */
static int applied_calls;
static struct iapp_ctx applied;

static void ctx_applied(const struct sta *s, const struct iapp_ctx *ctx,
			void *data)
{
	applied_calls++;
	applied = *ctx;
}

static const struct iapp_ops ops = { .ctx_applied = ctx_applied };

static void quiet(void)
{
	static FILE *null;

	if (!null)
		null = fopen("/dev/null", "w");
	log_set_stream(null);
}

/* An engine on lo; the map: 127.0.0.1 and 192.0.2.99 (both APs). */
static struct iapp *engine(struct loop **loop, struct config *cfg,
			   bool with_key)
{
	static const char base[] =
		"[iapp]\ninterface = lo\nport = 35171\n%s"
		"[bssid 02:00:00:00:02:00]\naddress = 127.0.0.1\n"
		"[bssid 02:00:00:00:03:00]\naddress = 192.0.2.99\n";
	struct config_error err;
	char text[512];
	struct iapp *ia;
	int n;

	quiet();
	n = snprintf(text, sizeof(text), base, with_key ?
		     "key = " KEY "\nreplay_window_s = 5\n" : "");
	if (config_parse(text, (size_t)n, cfg, &err) < 0)
		return NULL;
	*loop = loop_new();
	if (!*loop)
		return NULL;
	netif = netif_open(*loop);
	if (!netif)
		return NULL;
	ia = iapp_new(*loop, netif, &ops, NULL);
	if (ia && iapp_configure(ia, &cfg->iapp, cfg->bssids,
				 cfg->n_bssids) < 0) {
		iapp_free(ia);
		return NULL;
	}
	applied_calls = 0;
	return ia;
}

static void done(struct iapp *ia, struct loop *loop, struct config *cfg)
{
	iapp_free(ia);
	netif_free(netif);
	netif = NULL;
	loop_free(loop);
	config_free(cfg);
}

/* A TCP connection to the engine from src (127.0.0.x); -1 on failure. */
static int dial_from(const char *src)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET, .sin_port = htons(PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct sockaddr_in me = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	inet_pton(AF_INET, src, &me.sin_addr);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&me, sizeof(me)) < 0 ||
	    (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
	     errno != EINPROGRESS)) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Send len bytes of msg from src and run the loop until the engine
 * answers (1, *m filled), closes the connection (0) or ms pass (-1).
 */
static int exchange(struct loop *loop, const char *src, const uint8_t *msg,
		    size_t len, const struct iapp_key *key, struct iapp_msg *m,
		    int ms)
{
	uint8_t buf[IAPP_WIRE_MAX];
	size_t have = 0;
	uint64_t end = loop_now_ms() + (uint64_t)ms;
	bool sent = false;
	int fd = dial_from(src), r = -1;

	if (fd < 0)
		return -1;
	/* By the clock: an iteration returns early when something is ready. */
	while (loop_now_ms() < end) {
		ssize_t n;
		long need;

		loop_iterate(loop, 5);
		if (!sent) {
			sent = send(fd, msg, len, MSG_NOSIGNAL) == (ssize_t)len;
			continue;
		}
		n = recv(fd, buf + have, sizeof(buf) - have, MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN)) {
			r = 0;
			break;
		}
		if (n > 0)
			have += (size_t)n;
		need = iapp_stream_need(buf, have, key);
		if (need > 0 && (size_t)need <= have) {
			r = iapp_parse_stream(buf, (size_t)need, key, m) ==
			    IAPP_OK;
			break;
		}
	}
	close(fd);
	return r;
}

static uint64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static size_t cache_notify(uint8_t *buf, const uint8_t mac[MAC_LEN],
			   uint16_t seq, const struct iapp_ctx *ctx,
			   const struct iapp_auth *auth)
{
	return iapp_build_cache_notify(buf, IAPP_WIRE_MAX, 9, mac, seq, ap2,
				       ctx, 60, auth);
}

static bool listening(struct iapp *ia)
{
	if (iapp_listening(ia))
		return true;
	fprintf(stderr, "  skipped: no IAPP sockets on lo\n");
	return false;
}

/* A host on the VLAN that is not an AP of the map gets nothing in. */
UT_CASE(tcp_only_from_the_map)
{
	static const uint8_t mac[MAC_LEN] = { 2, 0, 0, 0, 0, 0x70 };
	const struct iapp_stats *st;
	uint8_t buf[IAPP_WIRE_MAX];
	struct iapp_ctx ctx = { 0 };
	struct config cfg;
	struct loop *loop;
	struct iapp_msg m;
	struct iapp *ia;
	size_t len;

	ia = engine(&loop, &cfg, false);
	UT_ASSERT(ia);
	if (!listening(ia))
		goto out;
	st = iapp_get_stats(ia);
	ctx.n_ipv4 = 1;
	memcpy(ctx.ipv4[0].addr, "\xc0\x00\x02\x01", 4);	/* a gateway */
	ctx.ipv4[0].lease = 0xffffffff;
	len = cache_notify(buf, mac, 100, &ctx, NULL);
	UT_EXPECT(exchange(loop, "127.0.0.2", buf, len, NULL, &m, 1000) == 0);
	UT_EXPECT(st->tcp_unmapped == 1 && st->tcp_accepted == 0);
	UT_EXPECT(st->cache_stored == 0 && iapp_n_cached(ia) == 0);
	UT_EXPECT(st->rx[IAPP_CMD_CACHE_NOTIFY] == 0);
	/* The AP of the map, with the same message, is answered. */
	UT_EXPECT(exchange(loop, "127.0.0.1", buf, len, NULL, &m, 1000) == 1);
	UT_EXPECT(m.cmd == IAPP_CMD_CACHE_RESPONSE &&
		  m.status == IAPP_CACHE_SUCCESSFUL);
	UT_EXPECT(st->tcp_accepted == 1 && st->cache_stored == 1);
out:
	done(ia, loop, &cfg);
}

/* A cached context keeps only what a station may be bound to. */
UT_CASE(context_checked)
{
	static const uint8_t mac[MAC_LEN] = { 2, 0, 0, 0, 0, 0x71 };
	static const uint8_t mac_b[MAC_LEN] = { 2, 0, 0, 0, 0, 0x72 };
	static const char *const v4[] = {
		"\xc0\x00\x02\x3c",	/* 192.0.2.60: kept */
		"\x7f\x00\x00\x01",	/* loopback */
		"\x00\x00\x00\x00",	/* unspecified */
		"\xe0\x00\x00\x01",	/* multicast */
		"\xff\xff\xff\xff",	/* broadcast */
		"\xa9\xfe\x01\x01",	/* link-local */
		"\xc0\x00\x02\x63",	/* 192.0.2.99: an AP of the map */
	};
	static const uint8_t kept6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 5 };
	static const uint8_t ll6[16] = { 0xfe, 0x80, [15] = 5 };
	static const uint8_t lo6[16] = { [15] = 1 };
	struct iapp_sta_args a = { .ifname = "wlan0", .mac = mac };
	const struct iapp_stats *st;
	uint8_t buf[IAPP_WIRE_MAX];
	struct iapp_ctx ctx = { 0 };
	struct config cfg;
	struct loop *loop;
	struct iapp_msg m;
	struct iapp *ia;
	unsigned int i;
	size_t len;

	ia = engine(&loop, &cfg, false);
	UT_ASSERT(ia);
	if (!listening(ia))
		goto out;
	st = iapp_get_stats(ia);
	for (i = 0; i < sizeof(v4) / sizeof(v4[0]); i++) {
		memcpy(ctx.ipv4[i].addr, v4[i], 4);
		ctx.ipv4[i].lease = 600;
	}
	ctx.n_ipv4 = (uint8_t)i;
	memcpy(ctx.ipv6[0].addr, ll6, 16);
	memcpy(ctx.ipv6[1].addr, kept6, 16);
	memcpy(ctx.ipv6[2].addr, lo6, 16);
	ctx.ipv6[1].lease = 700;
	ctx.n_ipv6 = 3;
	len = cache_notify(buf, mac, 100, &ctx, NULL);
	UT_ASSERT(exchange(loop, "127.0.0.1", buf, len, NULL, &m, 1000) == 1);
	UT_EXPECT(st->cache_stored == 1);
	UT_EXPECT(st->ctx_refused_invalid == 7 && st->ctx_refused_ours == 1);

	/* Applied at authorization: only the two that may be bound. */
	UT_EXPECT(iapp_sta_add(ia, &a) == 0);
	UT_EXPECT(iapp_sta_authorize(ia, mac) == 0);
	UT_EXPECT(applied_calls == 1);
	UT_EXPECT(applied.n_ipv4 == 1 && applied.n_ipv6 == 1);
	UT_EXPECT(!memcmp(applied.ipv4[0].addr, v4[0], 4) &&
		  applied.ipv4[0].lease == 600);
	UT_EXPECT(!memcmp(applied.ipv6[0].addr, kept6, 16) &&
		  applied.ipv6[0].lease == 700);

	/* Sixteen good ones: IAPP_STA_ADDRS_MAX installed, no more. */
	memset(&ctx, 0, sizeof(ctx));
	for (i = 0; i < IAPP_CTX_ADDRS_MAX; i++) {
		memcpy(ctx.ipv4[i].addr, "\x0a\x01\x00", 3);
		ctx.ipv4[i].addr[3] = (uint8_t)(i + 1);
		ctx.ipv4[i].lease = 60;
		memcpy(ctx.ipv6[i].addr, kept6, 16);
		ctx.ipv6[i].addr[14] = (uint8_t)(i + 1);
		ctx.ipv6[i].lease = 60;
	}
	ctx.n_ipv4 = ctx.n_ipv6 = IAPP_CTX_ADDRS_MAX;
	len = cache_notify(buf, mac_b, 100, &ctx, NULL);
	UT_ASSERT(exchange(loop, "127.0.0.1", buf, len, NULL, &m, 1000) == 1);
	UT_EXPECT(st->ctx_refused_over ==
		  2 * IAPP_CTX_ADDRS_MAX - IAPP_STA_ADDRS_MAX);
	a.mac = mac_b;
	a.authorized = true;
	UT_EXPECT(iapp_sta_add(ia, &a) == 0);
	UT_EXPECT(applied_calls == 2);
	UT_EXPECT(applied.n_ipv4 + applied.n_ipv6 == IAPP_STA_ADDRS_MAX);
out:
	done(ia, loop, &cfg);
}

/* Signed messages: only recent ones, and each only once. */
UT_CASE(replays_refused)
{
	static const uint8_t mac[MAC_LEN] = { 2, 0, 0, 0, 0, 0x73 };
	const struct iapp_stats *st;
	struct iapp_key key;
	struct iapp_auth auth = { .key = &key };
	uint8_t buf[IAPP_WIRE_MAX];
	struct config cfg;
	struct loop *loop;
	struct iapp_msg m;
	struct iapp *ia;
	size_t len;

	UT_ASSERT(iapp_key_parse_hex(KEY, &key) == 0);
	ia = engine(&loop, &cfg, true);
	UT_ASSERT(ia);
	if (!listening(ia))
		goto out;
	st = iapp_get_stats(ia);

	/* Signed now: taken, answered (signed too). */
	auth.time_ms = wall_ms();
	len = cache_notify(buf, mac, 100, NULL, &auth);
	UT_EXPECT(exchange(loop, "127.0.0.1", buf, len, &key, &m, 1000) == 1);
	UT_EXPECT(m.cmd == IAPP_CMD_CACHE_RESPONSE && m.has_auth);
	UT_EXPECT(st->cache_stored == 1);
	/* The very same bytes again: a replay, not answered at all. */
	UT_EXPECT(exchange(loop, "127.0.0.1", buf, len, &key, &m, 1000) == 0);
	UT_EXPECT(st->replay_seen == 1);
	UT_EXPECT(st->rx[IAPP_CMD_CACHE_NOTIFY] == 1);
	UT_EXPECT(st->cache_stale == 0);
	/* A newer one, signed 6 s ago (the window is 5 s): stale. */
	auth.time_ms = wall_ms() - 6000;
	len = cache_notify(buf, mac, 200, NULL, &auth);
	UT_EXPECT(exchange(loop, "127.0.0.1", buf, len, &key, &m, 1000) == 0);
	UT_EXPECT(st->replay_stale == 1);
	/* Or 6 s ahead. */
	auth.time_ms = wall_ms() + 6000;
	len = cache_notify(buf, mac, 201, NULL, &auth);
	UT_EXPECT(exchange(loop, "127.0.0.1", buf, len, &key, &m, 1000) == 0);
	UT_EXPECT(st->replay_stale == 2);
	/* 3 s ago is within it. */
	auth.time_ms = wall_ms() - 3000;
	len = cache_notify(buf, mac, 202, NULL, &auth);
	UT_EXPECT(exchange(loop, "127.0.0.1", buf, len, &key, &m, 1000) == 1);
	UT_EXPECT(st->cache_stored == 2);
	UT_EXPECT(st->auth_failures == 0);
out:
	done(ia, loop, &cfg);
}

UT_MAIN("apedged_iapp_peers", UT_ENTRY(tcp_only_from_the_map),
	UT_ENTRY(context_checked), UT_ENTRY(replays_refused))
