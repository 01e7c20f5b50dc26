// SPDX-License-Identifier: GPL-2.0
/*
 * eapol/sta_sm.c with key_mgmt WPA-EAP: the station machine driven on a
 * virtual clock, its transmit injected.  The AP's side is an OpenSSL
 * EAP-TLS server (tests/unit/eaptls_peer.h, its own framer) whose
 * Requests are wrapped here in EAP and EAPOL; the 4-way handshake's
 * message 1 is the real one of tests/unit/wpa_real_vectors.h (AA
 * 02:00:00:00:00:00, SPA 02:00:00:00:01:00), and message 2's MIC is
 * checked with a KCK derived here from the server's own MSK: the PMK
 * must be its first 32 octets (802.11-2016 12.7.1.3).
 */
#include "ut.h"
#include "eaptls_peer.h"
#include "eapol/sta_sm.h"
#include "eapol/wire.h"
#include "lib/log.h"
#include "wpa_real_vectors.h"

#define NAME "radius.example.org"

static struct pki pki;
static struct eap_peer_cfg pcfg;
static uint8_t snonce[32];

static bool rng(void *ctx, uint8_t *buf, size_t len)
{
	memcpy(buf, snonce, len);
	return true;
}

/* The recorder: every frame sent, the last one kept. */
static struct {
	unsigned int connects, disconnects, get_bss, tx, keys, authorize;
	uint8_t ie[64];
	size_t ie_len;
	uint8_t frame[2048];
	size_t frame_len;
	bool no_encrypt;
} R;

static int r_connect(void *ctx, const struct wsta_connect *c)
{
	R.connects++;
	memcpy(R.ie, c->ie, c->ie_len);
	R.ie_len = c->ie_len;
	return c->akm == WSTA_AKM_8021X ? 0 : -EINVAL;
}

static int r_disconnect(void *ctx)
{
	R.disconnects++;
	return 0;
}

static int r_get_bss(void *ctx, const uint8_t b[6])
{
	R.get_bss++;
	return 0;
}

static int r_tx(void *ctx, const uint8_t dst[6], const uint8_t *f,
		size_t len, bool no_encrypt)
{
	R.tx++;
	if (len > sizeof(R.frame))
		len = 0;
	memcpy(R.frame, f, len);
	R.frame_len = len;
	R.no_encrypt = no_encrypt;
	return 0;
}

static int r_new_key(void *ctx, const struct wsta_key *k)
{
	R.keys++;
	return 0;
}

static int r_authorize(void *ctx, const uint8_t b[6])
{
	R.authorize++;
	return 0;
}

static const struct wsta_sm_ops ops = {
	.connect = r_connect, .disconnect = r_disconnect,
	.get_bss = r_get_bss, .tx_eapol = r_tx, .new_key = r_new_key,
	.authorize = r_authorize,
};

static const uint8_t AA[6] = { 2, 0, 0, 0, 0, 0 };
static const uint8_t SPA[6] = { 2, 0, 0, 0, 1, 0 };

static void setup(struct wsta_sm *sm)
{
	struct wsta_sm_cfg c;

	log_set_level(0);
	memset(&R, 0, sizeof(R));
	memset(&c, 0, sizeof(c));
	snprintf(c.ifname, sizeof(c.ifname), "wlan1");
	memcpy(c.ssid, "corp", 4);
	c.ssid_len = 4;
	c.key_mgmt = WSTA_KM_EAP;
	c.eap = &pcfg;
	c.held_ms = 7000;
	memcpy(c.own_addr, SPA, 6);
	c.rng = rng;
	ut_hex(snonce, h2_snonce);
	memset(&pcfg, 0, sizeof(pcfg));
	snprintf(pcfg.identity, sizeof(pcfg.identity), "client");
	snprintf(pcfg.ca_file, sizeof(pcfg.ca_file), "%s", pki.ca);
	snprintf(pcfg.domain, sizeof(pcfg.domain), NAME);
	snprintf(pcfg.client_cert, sizeof(pcfg.client_cert), "%s",
		 pki.client_cert);
	snprintf(pcfg.private_key, sizeof(pcfg.private_key), "%s",
		 pki.client_key);
	pcfg.method = EAP_TYPE_TLS;
	wsta_sm_init(sm, &c, &ops, NULL, 0);
}

/* An EAP packet from the AP in an EAPOL-Packet frame. */
static void ap_eap(struct wsta_sm *sm, uint8_t code, uint8_t id,
		   uint8_t type, const uint8_t *data, size_t len,
		   uint64_t now)
{
	static uint8_t eap[SRV_BUF], fr[SRV_BUF];
	size_t n = eap_build(eap, sizeof(eap), code, id, type, data, len);
	size_t m = eapol_build(fr, sizeof(fr), 2, EAPOL_EAP, eap, n);

	wsta_sm_eapol(sm, AA, fr, m, now);
}

/* The EAP packet in the last frame sent, if it is an EAPOL-Packet. */
static bool sent_eap(struct eap_pkt *p)
{
	struct eapol_frame f;

	return eapol_parse(R.frame, R.frame_len, &f) == EAPOL_OK &&
	       f.type == EAPOL_EAP &&
	       eap_parse(f.body, f.body_len, p) == EAPOL_OK;
}

/* Up to AUTHENTICATING, the AP's Request/Identity arriving first. */
static void associate(struct wsta_sm *sm)
{
	static const uint8_t req_id[] = { 2, 0, 0, 5, 1, 1, 0, 5, 1 };
	uint8_t ie[32];
	size_t ie_len = wsta_rsn_ie(ie, sizeof(ie), WSTA_AKM_8021X);

	wsta_sm_link(sm, true, 0);
	wsta_sm_connected(sm, AA, 0, 10);
	/* held until the RSNE is known */
	wsta_sm_eapol(sm, AA, req_id, sizeof(req_id), 11);
	wsta_sm_bss(sm, ie, ie_len, 2412, 12);
}

/*
 * The EAP-TLS exchange from the AP's EAP-TLS Start with Identifier id;
 * the server's MSK into smsk.  Returns the number of Requests sent, 0
 * when the exchange broke.
 */
static int tls_exchange(struct wsta_sm *sm, uint8_t id, uint8_t smsk[64],
			uint64_t now)
{
	static struct srv s;
	static uint8_t req[SRV_BUF];
	struct eap_pkt p;
	size_t n = 1;
	int i;

	if (!srv_init(&s, &pki, TLS1_2_VERSION, true, 1000))
		return 0;
	req[0] = 0x20;			/* Start */
	for (i = 0; i < 50 && n; i++, id++) {
		unsigned int before = R.tx;

		ap_eap(sm, EAP_CODE_REQUEST, id, EAP_TYPE_TLS, req, n, now);
		/* unencrypted until the PTK is in */
		if (R.tx != before + 1 || !sent_eap(&p) ||
		    p.code != EAP_CODE_RESPONSE || p.id != id ||
		    p.type != EAP_TYPE_TLS ||
		    R.no_encrypt == sm->ptk_installed)
			break;
		n = srv_step(&s, p.data, p.data_len, req, NULL, NULL);
	}
	if (!s.hs_done || n) {
		srv_free(&s);
		return 0;
	}
	SSL_export_keying_material(s.ssl, smsk, 64, "client EAP encryption",
				   21, NULL, 0, 0);
	srv_free(&s);
	/* the Success has the last Response's Identifier */
	ap_eap(sm, EAP_CODE_SUCCESS, (uint8_t)(id - 1), 0, NULL, 0, now);
	return i;
}

UT_CASE(pki_setup)
{
	(void)srv_send_app;		/* the tunnel tests' */
	UT_ASSERT(pki_make(&pki, NAME, "serverAuth"));
}

/* 802.11-2016 12.7.1.3: PMK = L(MSK, 0, 256). */
UT_CASE(pmk_from_msk)
{
	uint8_t msk[64], pmk[WPA_PMK_LEN], zero[WPA_PMK_LEN] = { 0 };

	for (int i = 0; i < 64; i++)
		msk[i] = (uint8_t)(0xa0 + i);
	memset(pmk, 0, sizeof(pmk));
	UT_EXPECT(wsta_pmk_from_msk(msk, 64, pmk));
	UT_EXPECT(pmk[0] == 0xa0 && pmk[31] == 0xa0 + 31);
	UT_EXPECT(!memcmp(pmk, msk, 32));
	memset(pmk, 0, sizeof(pmk));
	UT_EXPECT(wsta_pmk_from_msk(msk, 32, pmk));
	UT_EXPECT(!memcmp(pmk, msk, 32));
	/* a short MSK gives nothing, and writes nothing */
	memset(pmk, 0, sizeof(pmk));
	UT_EXPECT(!wsta_pmk_from_msk(msk, 31, pmk));
	UT_EXPECT(!wsta_pmk_from_msk(NULL, 64, pmk));
	UT_EXPECT(!memcmp(pmk, zero, sizeof(zero)));
}

/* AKM 00-0F-AC:1 in the RSNE the station sends. */
UT_CASE(rsn_ie_akm_8021x)
{
	uint8_t ie[32], want[32];
	size_t n = ut_hex(want, "30140100000fac040100000fac040100000fac010000");
	struct wsta_sm sm;

	UT_EXPECT(wsta_rsn_ie(ie, sizeof(ie), WSTA_AKM_8021X) == n);
	UT_EXPECT(!memcmp(ie, want, n));
	setup(&sm);
	wsta_sm_link(&sm, true, 0);
	UT_EXPECT(R.connects == 1 && R.ie_len == n && !memcmp(R.ie, want, n));
	wsta_sm_fini(&sm);
}

/*
 * The whole way: Identity answered from the held frame (no EAPOL-Start
 * when the AP spoke first), EAP-TLS, Success, then message 1 of the
 * 4-way gets a message 2 whose MIC is under the PMK from the MSK.
 */
UT_CASE(eap_tls_then_handshake)
{
	static const char ids[] = "client";
	uint8_t smsk[64], m1[256], anonce[32], mic[16], fr[256];
	struct wsta_ptk_check { struct wpa_ptk ptk; } pc;
	struct wsta_sm sm;
	struct eap_pkt p;
	size_t n;

	setup(&sm);
	associate(&sm);
	UT_ASSERT(sm.state == WSTA_AUTHENTICATING);
	/* one frame: the Response/Identity, no Start before it */
	UT_EXPECT(R.tx == 1);
	UT_ASSERT(sent_eap(&p));
	UT_EXPECT(p.code == EAP_CODE_RESPONSE && p.id == 1 &&
		  p.type == EAP_TYPE_IDENTITY);
	UT_EXPECT(p.data_len == strlen(ids) && !memcmp(p.data, ids, 6));
	UT_EXPECT(R.no_encrypt);
	UT_EXPECT(tls_exchange(&sm, 2, smsk, 100) >= 3);
	UT_ASSERT(sm.state == WSTA_HANDSHAKE);
	UT_EXPECT(sm.stats.eap_successes == 1);
	UT_EXPECT(!memcmp(sm.wpa.cfg.pmk, smsk, WPA_PMK_LEN));
	UT_EXPECT(R.keys == 0 && R.authorize == 0);
	/* message 1 of the real exchange, then message 2's MIC */
	n = ut_hex(m1, h2_msg1);
	memcpy(anonce, m1 + 17, 32);
	wsta_sm_eapol(&sm, AA, m1, n, 200);
	UT_ASSERT(R.frame_len > 97 && R.frame[1] == EAPOL_KEY);
	UT_ASSERT(wpa_ptk_derive(smsk, WPA_PMK_LEN, AA, SPA, anonce,
				 R.frame + 17, &pc.ptk));
	memcpy(fr, R.frame, R.frame_len);
	memset(fr + 81, 0, 16);
	UT_ASSERT(wpa_mic(2, pc.ptk.kck, fr, R.frame_len, mic));
	UT_EXPECT(!memcmp(mic, R.frame + 81, 16));
	wsta_sm_fini(&sm);
}

/* A Success before any method: discarded, no 4-way, no keys. */
UT_CASE(early_success_ignored)
{
	struct wsta_sm sm;

	setup(&sm);
	associate(&sm);
	ap_eap(&sm, EAP_CODE_SUCCESS, 1, 0, NULL, 0, 50);
	UT_EXPECT(sm.state == WSTA_AUTHENTICATING);
	UT_EXPECT(sm.pae.peer.stats.discard[EAP_DROP_SUCCESS_EARLY] == 1);
	UT_EXPECT(sm.stats.eap_successes == 0 && !sm.wpa_started);
	wsta_sm_fini(&sm);
}

/* An EAPOL-Key frame before the EAP Success is no one's. */
UT_CASE(key_before_success_dropped)
{
	uint8_t m1[256];
	size_t n = ut_hex(m1, h2_msg1);
	struct wsta_sm sm;
	unsigned int tx;

	setup(&sm);
	associate(&sm);
	tx = R.tx;
	wsta_sm_eapol(&sm, AA, m1, n, 50);
	UT_EXPECT(R.tx == tx && sm.stats.eapol_dropped == 1);
	UT_EXPECT(sm.state == WSTA_AUTHENTICATING);
	wsta_sm_fini(&sm);
}

/* The AP silent after association: an EAPOL-Start after startPeriod. */
UT_CASE(start_when_ap_silent)
{
	uint8_t ie[32];
	size_t ie_len = wsta_rsn_ie(ie, sizeof(ie), WSTA_AKM_8021X);
	struct wsta_sm sm;

	setup(&sm);
	wsta_sm_link(&sm, true, 0);
	wsta_sm_connected(&sm, AA, 0, 10);
	wsta_sm_bss(&sm, ie, ie_len, 2412, 12);
	UT_ASSERT(sm.state == WSTA_AUTHENTICATING);
	/* the AP speaks first: nothing yet */
	UT_EXPECT(R.tx == 0);
	UT_EXPECT(wsta_sm_deadline(&sm) == 12 + WSTA_EAP_START_PERIOD_MS);
	wsta_sm_tick(&sm, 12 + WSTA_EAP_START_PERIOD_MS);
	UT_EXPECT(R.tx == 1 && R.frame_len == 4 && R.frame[1] == EAPOL_START);
	wsta_sm_tick(&sm, wsta_sm_deadline(&sm));
	UT_EXPECT(R.tx == 2 && R.frame[1] == EAPOL_START);
	wsta_sm_tick(&sm, wsta_sm_deadline(&sm));
	UT_EXPECT(R.tx == 3 && R.frame[1] == EAPOL_START);
	UT_EXPECT(sm.pae.stats.tx_start == 3);
	/* maxStart Starts unanswered: down, held */
	wsta_sm_tick(&sm, wsta_sm_deadline(&sm));
	UT_EXPECT(sm.state == WSTA_DISCONNECTED);
	UT_EXPECT(strstr(sm.why, "EAP authentication failed") != NULL);
	wsta_sm_fini(&sm);
}

/*
 * The AP's Request/Identity before the CONNECT event: held and answered
 * once the RSNE is known, with no EAPOL-Start; one from another address
 * than the BSSID is dropped.
 */
UT_CASE(request_before_connect_event)
{
	static const uint8_t req_id[] = { 2, 0, 0, 5, 1, 7, 0, 5, 1 };
	static const uint8_t other[6] = { 2, 0, 0, 0, 0, 9 };
	uint8_t ie[32];
	size_t ie_len = wsta_rsn_ie(ie, sizeof(ie), WSTA_AKM_8021X);
	struct wsta_sm sm;
	struct eap_pkt p;

	for (int from_other = 0; from_other < 2; from_other++) {
		setup(&sm);
		wsta_sm_link(&sm, true, 0);
		wsta_sm_eapol(&sm, from_other ? other : AA, req_id,
			      sizeof(req_id), 5);
		wsta_sm_connected(&sm, AA, 0, 10);
		wsta_sm_bss(&sm, ie, ie_len, 2412, 12);
		UT_ASSERT(sm.state == WSTA_AUTHENTICATING);
		if (from_other) {
			UT_EXPECT(R.tx == 0);
			UT_EXPECT(sm.stats.eapol_held_dropped == 1);
		} else {
			UT_EXPECT(R.tx == 1 && sent_eap(&p) && p.id == 7 &&
				  p.type == EAP_TYPE_IDENTITY);
		}
		wsta_sm_fini(&sm);
	}
}

/*
 * An EAP Failure (a wrong password, a refused certificate): down, no
 * key, the reason says so, and the next attempt after held_ms.
 */
UT_CASE(failure_disconnects_and_holds)
{
	struct wsta_sm sm;

	setup(&sm);
	associate(&sm);
	ap_eap(&sm, EAP_CODE_FAILURE, 1, 0, NULL, 0, 1000);
	UT_EXPECT(sm.state == WSTA_DISCONNECTED);
	UT_EXPECT(R.disconnects == 1 && R.keys == 0 && R.authorize == 0);
	UT_EXPECT(sm.stats.eap_failures == 1);
	UT_EXPECT(strstr(sm.why, "EAP authentication failed") != NULL);
	UT_EXPECT(strstr(sm.why, "EAP Failure") != NULL);
	UT_EXPECT(wsta_sm_deadline(&sm) == 1000 + 7000);
	wsta_sm_tick(&sm, 1000 + 6999);
	UT_EXPECT(R.connects == 1);
	wsta_sm_tick(&sm, 1000 + 7000);
	UT_EXPECT(R.connects == 2 && sm.state == WSTA_CONNECTING);
	/* the next association runs the whole EAP again */
	wsta_sm_connected(&sm, AA, 0, 9000);
	UT_EXPECT(sm.state == WSTA_ASSOCIATED);
	wsta_sm_fini(&sm);
}

/*
 * Reauthentication: a Request/Identity after the Success is answered
 * (encrypted once the PTK is in), and its MSK is the next PMK.
 */
UT_CASE(reauthentication)
{
	static const uint8_t id_req[] = { 0 };
	uint8_t smsk[64], smsk2[64];
	struct wsta_sm sm;
	struct eap_pkt p;

	setup(&sm);
	associate(&sm);
	UT_ASSERT(tls_exchange(&sm, 2, smsk, 100) >= 3);
	UT_ASSERT(sm.state == WSTA_HANDSHAKE);
	sm.ptk_installed = true;	/* as after message 3 */
	ap_eap(&sm, EAP_CODE_REQUEST, 40, EAP_TYPE_IDENTITY, id_req, 0, 500);
	UT_ASSERT(sent_eap(&p));
	UT_EXPECT(p.code == EAP_CODE_RESPONSE && p.id == 40 &&
		  p.type == EAP_TYPE_IDENTITY);
	UT_EXPECT(!R.no_encrypt);
	UT_EXPECT(sm.state == WSTA_HANDSHAKE);
	UT_ASSERT(tls_exchange(&sm, 41, smsk2, 600) >= 3);
	UT_EXPECT(sm.stats.reauths == 1 && sm.stats.eap_successes == 2);
	UT_EXPECT(memcmp(smsk, smsk2, 32) != 0);
	UT_EXPECT(!memcmp(sm.wpa.cfg.pmk, smsk2, WPA_PMK_LEN));
	UT_EXPECT(sm.state == WSTA_HANDSHAKE && R.disconnects == 0);
	/* a failed reauthentication ends the connection */
	ap_eap(&sm, EAP_CODE_REQUEST, 90, EAP_TYPE_IDENTITY, id_req, 0, 700);
	ap_eap(&sm, EAP_CODE_FAILURE, 90, 0, NULL, 0, 701);
	UT_EXPECT(sm.state == WSTA_DISCONNECTED && R.disconnects == 1);
	wsta_sm_fini(&sm);
}

UT_CASE(pki_teardown)
{
	pki_remove(&pki);
}

UT_MAIN("eapol_staeap",
	UT_ENTRY(pki_setup),
	UT_ENTRY(pmk_from_msk),
	UT_ENTRY(rsn_ie_akm_8021x),
	UT_ENTRY(eap_tls_then_handshake),
	UT_ENTRY(early_success_ignored),
	UT_ENTRY(key_before_success_dropped),
	UT_ENTRY(start_when_ap_silent),
	UT_ENTRY(request_before_connect_event),
	UT_ENTRY(failure_disconnects_and_holds),
	UT_ENTRY(reauthentication),
	UT_ENTRY(pki_teardown))
