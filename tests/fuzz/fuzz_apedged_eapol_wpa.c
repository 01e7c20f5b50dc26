// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: eapol/wpa.c fed with sequences of EAPOL-Key frames.
 * An authenticator simulated here (from key.c and wpacrypto.c) makes the
 * valid frames a real AP would send, so the sequences reach every state;
 * the input chooses, step by step, between:
 *
 *	0  raw octets from the input as a frame
 *	1  message 1 (ANonce and counter jump from the input)
 *	2  message 3, 3  group message 1 (GTK id and bytes from the input)
 *	4  the last frame sent again, one octet flipped or not
 *	5  the clock moves (tick), 6  start again, 7  stop
 *
 * and feeds the supplicant's messages 2 back to the authenticator (which
 * then derives the PTK it uses for messages 3 and group messages 1).
 *
 * Properties (abort() on failure):
 * - KRACK: no INSTALL_PTK repeats the TK installed before it, and no
 *   INSTALL_GTK repeats the key installed under its id;
 * - AUTHORIZE at most once per start; COMPLETED means a PTK installed;
 * - every SEND parses back as an EAPOL-Key frame with a MIC;
 * - a step leaves the replay counter where it was or above it, unless
 *   the machine was started again or failed.
 */
#include <stdlib.h>
#include <string.h>

#include "eapol/wpa.h"
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

static const uint8_t rsne[] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00,
	0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02,
	0x00, 0x00,
};
static const uint8_t aa[6] = { 2, 0, 0, 0, 0xa, 1 };
static const uint8_t spa[6] = { 2, 0, 0, 0, 5, 1 };
static const uint8_t pmk[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };

static bool fuzz_rng(void *ctx, uint8_t *buf, size_t len)
{
	struct in *in = ctx;
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = u8(in);
	return true;
}

struct auth {
	uint8_t anonce[32];
	struct wpa_ptk ptk;
	uint64_t replay;
	uint8_t gtk[16], gtk_id;
};

static size_t auth_frame(struct auth *a, uint8_t *buf, uint16_t info,
			 bool with_ie)
{
	uint8_t plain[128], wrapped[136];
	struct wpa_key k;
	size_t off = 0, n;

	memset(&k, 0, sizeof(k));
	k.eapol_version = 2;
	k.desc = WPA_DESC_RSN;
	k.info = (uint16_t)(info | 2);
	k.key_len = (info & WPA_INFO_PAIRWISE) ? 16 : 0;
	k.replay = a->replay;
	if (info & WPA_INFO_PAIRWISE)
		memcpy(k.nonce, a->anonce, 32);
	if (info & WPA_INFO_ENCDATA) {
		if (with_ie)
			wpa_kde_put_ie(plain, sizeof(plain), &off, rsne,
				       sizeof(rsne));
		wpa_kde_put_gtk(plain, sizeof(plain), &off, a->gtk_id, true,
				a->gtk, 16);
		wpa_kde_pad(plain, sizeof(plain), &off);
		wpa_aes_wrap(a->ptk.kek, plain, off, wrapped);
		k.data = wrapped;
		k.data_len = (uint16_t)(off + 8);
	}
	n = wpa_key_build(buf, WPA_KEY_FRAME_MAX, &k);
	if (info & WPA_INFO_MIC)
		wpa_mic(2, a->ptk.kck, buf, n, buf + WPA_KEY_MIC_OFF);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct wpa_sm sm;
	static struct wpa_out out;
	static uint8_t frame[WPA_KEY_FRAME_MAX];
	struct in in = { data, size };
	struct wpa_cfg cfg;
	struct auth au;
	size_t flen = 0, i, steps = 0;
	uint64_t now = 0;
	uint8_t last_tk[WPA_TK_MAX], gtks[4][32];
	bool have_tk = false, have_gtk[4] = { false }, authorized = false;

	log_set_level(0);
	memset(&cfg, 0, sizeof(cfg));
	memset(&au, 0, sizeof(au));
	memcpy(cfg.aa, aa, 6);
	memcpy(cfg.spa, spa, 6);
	memcpy(cfg.pmk, pmk, 32);
	cfg.key_ver = 2;
	cfg.group_key_len = 16;
	memcpy(cfg.own_ie, rsne, sizeof(rsne));
	cfg.own_ie_len = sizeof(rsne);
	memcpy(cfg.ap_ie, rsne, sizeof(rsne));
	cfg.ap_ie_len = sizeof(rsne);
	cfg.rng = fuzz_rng;
	cfg.rng_ctx = &in;
	if (!wpa_sm_init(&sm, &cfg))
		abort();
	wpa_sm_start(&sm, now);

	while (in.left && steps++ < 64) {
		uint8_t op = u8(&in) % 8, x;
		uint64_t replay_before = sm.replay;
		bool restarted = false;

		out.n = 0;
		switch (op) {
		case 0:
			flen = u8(&in);
			flen = flen * 2 < in.left ? flen * 2 : in.left;
			memcpy(frame, in.p, flen);
			in.p += flen;
			in.left -= flen;
			wpa_sm_rx(&sm, frame, flen, now, &out);
			break;
		case 1:
			x = u8(&in);
			if (x & 1)
				au.anonce[x % 32] ^= 0x5a;
			au.replay += x >> 6;
			au.replay++;
			flen = auth_frame(&au, frame, WPA_INFO_PAIRWISE |
					  WPA_INFO_ACK, false);
			wpa_sm_rx(&sm, frame, flen, now, &out);
			break;
		case 2:
			au.replay += u8(&in) & 1;
			flen = auth_frame(&au, frame, WPA_INFO_PAIRWISE |
					  WPA_INFO_ACK | WPA_INFO_MIC |
					  WPA_INFO_INSTALL | WPA_INFO_SECURE |
					  WPA_INFO_ENCDATA, true);
			wpa_sm_rx(&sm, frame, flen, now, &out);
			break;
		case 3:
			x = u8(&in);
			au.replay += x & 1;
			au.gtk_id = (x >> 1) & 3;
			if (x & 8)
				au.gtk[x % 16] ^= 0xa5;
			flen = auth_frame(&au, frame, WPA_INFO_ACK |
					  WPA_INFO_MIC | WPA_INFO_SECURE |
					  WPA_INFO_ENCDATA, false);
			wpa_sm_rx(&sm, frame, flen, now, &out);
			break;
		case 4:
			x = u8(&in);
			if (flen && (x & 1))
				frame[u8(&in) % flen] ^= (uint8_t)(x | 1);
			wpa_sm_rx(&sm, frame, flen, now, &out);
			break;
		case 5:
			now += (uint64_t)u8(&in) * 100;
			wpa_sm_tick(&sm, now, &out);
			break;
		case 6:
			wpa_sm_start(&sm, now);
			restarted = true;
			break;
		default:
			wpa_sm_stop(&sm);
			restarted = true;
			break;
		}
		if (out.n > WPA_OUT_MAX)
			abort();
		for (i = 0; i < out.n; i++) {
			const struct wpa_action *a = &out.a[i];
			struct wpa_key k;

			switch (a->type) {
			case WPA_ACT_SEND:
				if (wpa_key_parse(a->send.frame, a->send.len,
						  &k) != WPA_KEY_OK ||
				    !(k.info & WPA_INFO_MIC))
					abort();
				/* the authenticator takes message 2 */
				if (k.data_len && sm.have_anonce) {
					memcpy(au.anonce, sm.anonce, 32);
					wpa_ptk_derive(pmk, 32, aa, spa,
						       au.anonce, k.nonce,
						       &au.ptk);
				}
				break;
			case WPA_ACT_INSTALL_PTK:
				if (have_tk && !memcmp(last_tk, a->key.key, 16))
					abort();
				memcpy(last_tk, a->key.key, 16);
				have_tk = true;
				break;
			case WPA_ACT_INSTALL_GTK:
				if (a->key.id > 3 || a->key.len != 16)
					abort();
				if (have_gtk[a->key.id] &&
				    !memcmp(gtks[a->key.id], a->key.key, 16))
					abort();
				memcpy(gtks[a->key.id], a->key.key, 16);
				have_gtk[a->key.id] = true;
				break;
			case WPA_ACT_AUTHORIZE:
				if (authorized)
					abort();
				authorized = true;
				break;
			case WPA_ACT_FAIL:
				restarted = true;
				break;
			default:
				break;
			}
		}
		if (restarted || sm.state == WPA_DISCONNECTED) {
			have_tk = false;
			memset(have_gtk, 0, sizeof(have_gtk));
			authorized = false;
		} else if (sm.replay < replay_before) {
			abort();
		}
		if (sm.state >= WPA_STATE_MAX)
			abort();
		if (sm.state == WPA_COMPLETED && (!sm.have_ptk || !sm.authorized))
			abort();
	}
	wpa_sm_clear(&sm);
	return 0;
}
