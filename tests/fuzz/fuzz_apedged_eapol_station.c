// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: eapol/sta_sm.c (the WPA2 station) fed with sequences
 * of events chosen by the input, with raw octets from the input as the
 * scan cache's elements (through wsta_find_rsne()) and as EAPOL frames:
 *
 *	0 link up, 1 link down, 2 CONNECT event (status from the input),
 *	3 DISCONNECT event, 4 the scan cache's elements, 5 an EAPOL frame,
 *	6 the clock moves to the deadline (or by the input), 7 a failing op
 *
 * Properties (abort() on failure): the RSNE found lies inside the
 * elements and is an element 48 of its stated length; keys and the
 * authorization are asked for only in HANDSHAKE; a connect only from
 * DISCONNECTED; the state is one of the enum; a DISCONNECTED station with
 * its link up always has a deadline.
 */
#include <stdlib.h>
#include <string.h>

#include "eapol/sta_sm.h"
#include "lib/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct in {
	const uint8_t *p;
	size_t left;
};

static uint8_t u8(struct in *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static struct wsta_sm sm;
static int fail_ops;

static bool rng(void *ctx, uint8_t *buf, size_t len)
{
	memset(buf, 0x5a, len);
	return true;
}

static int f_connect(void *ctx, const struct wsta_connect *c)
{
	if (sm.state != WSTA_DISCONNECTED)
		abort();
	return fail_ops ? -5 : 0;
}

static int f_ok(void *ctx)
{
	return fail_ops ? -5 : 0;
}

static int f_get_bss(void *ctx, const uint8_t b[6])
{
	return fail_ops ? -5 : 0;
}

static int f_tx(void *ctx, const uint8_t d[6], const uint8_t *f, size_t n,
		bool ne)
{
	return 0;
}

static int f_key(void *ctx, const struct wsta_key *k)
{
	if (sm.state != WSTA_HANDSHAKE && sm.state != WSTA_COMPLETED)
		abort();
	return fail_ops ? -5 : 0;
}

static int f_auth(void *ctx, const uint8_t b[6])
{
	if (sm.state != WSTA_HANDSHAKE && sm.state != WSTA_COMPLETED)
		abort();
	return fail_ops ? -5 : 0;
}

static const struct wsta_sm_ops ops = {
	.connect = f_connect, .disconnect = f_ok, .get_bss = f_get_bss,
	.tx_eapol = f_tx, .new_key = f_key, .authorize = f_auth,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t aa[6] = { 2, 0, 0, 0, 0, 1 };
	struct in in = { data, size };
	struct wsta_sm_cfg c;
	uint64_t now = 0;

	log_set_level(0);
	memset(&c, 0, sizeof(c));
	memcpy(c.ssid, "fuzz", 4);
	c.ssid_len = 4;
	c.rng = rng;
	fail_ops = 0;
	wsta_sm_init(&sm, &c, &ops, NULL, 0);
	while (in.left) {
		uint8_t op = u8(&in) % 8, n = u8(&in);
		const uint8_t *p = in.p, *r;
		size_t len = n < in.left ? n : in.left, rl = 0;
		uint64_t dl;

		switch (op) {
		case 0:
		case 1:
			wsta_sm_link(&sm, op == 0, now);
			break;
		case 2:
			wsta_sm_connected(&sm, n & 1 ? NULL : aa, n >> 1, now);
			break;
		case 3:
			wsta_sm_disconnected(&sm, n, n & 1, now);
			break;
		case 4:
			r = wsta_find_rsne(p, len, &rl);
			if (r && (r < p || r + rl > p + len || r[0] != 48 ||
				  rl != 2u + r[1]))
				abort();
			wsta_sm_bss(&sm, r, rl, 2412, now);
			in.p += len;
			in.left -= len;
			break;
		case 5:
			wsta_sm_eapol(&sm, aa, p, len, now);
			in.p += len;
			in.left -= len;
			break;
		case 6:
			dl = wsta_sm_deadline(&sm);
			now = dl != UINT64_MAX && n & 1 ? dl : now + n * 100u;
			wsta_sm_tick(&sm, now);
			break;
		case 7:
			fail_ops = !fail_ops;
			break;
		}
		if (sm.state >= WSTA_STATE_MAX)
			abort();
		if (sm.state == WSTA_DISCONNECTED && sm.link &&
		    wsta_sm_deadline(&sm) == UINT64_MAX)
			abort();
	}
	wsta_sm_fini(&sm);
	return 0;
}
