// SPDX-License-Identifier: GPL-2.0
/*
 * The supplicant PAE (eapol/pae.c) with the EAP peer (eapol/peer.c)
 * inside, driven on a virtual clock by a scripted authenticator.
 */
#include <string.h>

#include "ut.h"
#include "eapol/md5.h"
#include "eapol/pae.h"

static const struct eapol_pae_timers timers = {
	.start_period_ms = 30000, .max_start = 3,
	.held_period_ms = 60000, .auth_period_ms = 30000,
};

struct rig {
	struct eap_peer_cfg cfg;
	struct eapol_pae pae;
	struct eapol_pae_out out;
	uint64_t now;
};

static void rig_init(struct rig *r, const char *password)
{
	memset(r, 0, sizeof(*r));
	strcpy(r->cfg.identity, "alice");
	strcpy(r->cfg.password, password);
	r->cfg.method = EAP_TYPE_MD5;
	r->now = 1000;
	eapol_pae_init(&r->pae, "veth0", &r->cfg, &timers, r->now);
	eapol_pae_link(&r->pae, true, r->now, &r->out);
}

static void rx(struct rig *r, const char *hex)
{
	uint8_t b[256];
	size_t n = ut_hex(b, hex);

	eapol_pae_rx_eap(&r->pae, b, n, r->now, &r->out);
}

static void tick(struct rig *r, uint64_t ms)
{
	r->now += ms;
	eapol_pae_timeout(&r->pae, r->now, &r->out);
}

static bool sent(const struct rig *r, const char *hex)
{
	uint8_t b[256];
	size_t n = ut_hex(b, hex);

	return r->out.tx && r->out.type == EAPOL_EAP && r->out.body_len == n &&
	       !memcmp(r->out.body, b, n);
}

/* Identity and the MD5 challenge of id 2; leaves the Response sent. */
static void md5_exchange(struct rig *r)
{
	rx(r, "01 01 0005 01");
	rx(r, "01 02 0016 04 10 00112233445566778899aabbccddeeff");
}

static bool md5_ok(const struct rig *r, uint8_t id, const char *pw)
{
	uint8_t chal[16], want[16];

	ut_hex(chal, "00112233445566778899aabbccddeeff");
	eap_md5_response(id, (const uint8_t *)pw, strlen(pw), chal, 16, want);
	return r->out.tx && r->out.body_len == 4 + 1 + 17 &&
	       r->out.body[0] == EAP_CODE_RESPONSE && r->out.body[1] == id &&
	       r->out.body[4] == EAP_TYPE_MD5 && r->out.body[5] == 16 &&
	       !memcmp(r->out.body + 6, want, 16);
}

/*
 * After two Starts: the third startPeriod later, then, that one unanswered
 * too, HELD and never AUTHENTICATED.
 */
static void last_start_then_held(struct rig *r, int *ut_failed)
{
	tick(r, 30000);
	UT_EXPECT(r->out.tx && r->out.type == EAPOL_START);
	UT_EXPECT(r->pae.stats.tx_start == 3);
	tick(r, 30000);
	UT_EXPECT(!r->out.tx && r->pae.state == EAPOL_PAE_HELD);
	UT_EXPECT(!eapol_pae_authorized(&r->pae));
}

UT_CASE(start_max_held)
{
	struct rig r;

	rig_init(&r, "pw");
	UT_EXPECT(r.pae.state == EAPOL_PAE_CONNECTING);
	UT_EXPECT(r.out.tx && r.out.type == EAPOL_START);
	UT_EXPECT(eapol_pae_deadline(&r.pae) == r.now + 30000);
	tick(&r, 29999);
	UT_EXPECT(!r.out.tx);
	tick(&r, 1);
	UT_EXPECT(r.out.tx && r.out.type == EAPOL_START);
	last_start_then_held(&r, ut_failed);
	tick(&r, 60000);
	UT_EXPECT(r.pae.state == EAPOL_PAE_CONNECTING && r.out.tx);
	UT_EXPECT(r.pae.start_count == 1);
	eapol_pae_fini(&r.pae);
}

/*
 * first_start_ms (a wireless link, where the AP speaks first): link up
 * enters CONNECTING with no Start; a Request then is answered, and no
 * Start is ever sent.  With the AP silent, the first Start goes after
 * first_start_ms, and maxStart of them are sent before HELD.
 */
UT_CASE(first_start_held_back)
{
	struct eapol_pae_timers t = timers;
	struct rig r;

	t.first_start_ms = 5000;
	rig_init(&r, "pw");
	eapol_pae_fini(&r.pae);
	eapol_pae_init(&r.pae, "wlan0", &r.cfg, &t, r.now);
	eapol_pae_link(&r.pae, true, r.now, &r.out);
	UT_EXPECT(r.pae.state == EAPOL_PAE_CONNECTING && !r.out.tx);
	UT_EXPECT(r.pae.stats.tx_start == 0 && r.pae.start_count == 0);
	UT_EXPECT(eapol_pae_deadline(&r.pae) == r.now + 5000);
	tick(&r, 4999);
	UT_EXPECT(!r.out.tx);
	rx(&r, "01 01 0005 01");
	UT_EXPECT(sent(&r, "02 01 000a 01 616c696365"));
	UT_EXPECT(r.pae.state == EAPOL_PAE_AUTHENTICATING);
	UT_EXPECT(r.pae.stats.tx_start == 0);
	/* the link again, and the AP silent: Starts after 5 s, 30 s, 30 s */
	eapol_pae_link(&r.pae, false, r.now, &r.out);
	eapol_pae_link(&r.pae, true, r.now, &r.out);
	UT_EXPECT(!r.out.tx);
	tick(&r, 5000);
	UT_EXPECT(r.out.tx && r.out.type == EAPOL_START);
	tick(&r, 30000);
	UT_EXPECT(r.out.tx && r.out.type == EAPOL_START);
	last_start_then_held(&r, ut_failed);
	eapol_pae_fini(&r.pae);
}

UT_CASE(md5_success)
{
	struct rig r;

	rig_init(&r, "apedge-secret");
	rx(&r, "01 01 0005 01");
	UT_EXPECT(sent(&r, "02 01 000a 01 616c696365"));
	UT_EXPECT(r.pae.state == EAPOL_PAE_AUTHENTICATING);
	rx(&r, "01 02 0016 04 10 00112233445566778899aabbccddeeff");
	UT_EXPECT(md5_ok(&r, 2, "apedge-secret"));
	UT_EXPECT(!eapol_pae_authorized(&r.pae));
	rx(&r, "03 02 0004");
	UT_EXPECT(!r.out.tx && eapol_pae_authorized(&r.pae));
	UT_EXPECT(r.pae.peer.state == EAP_PEER_SUCCESS);
	UT_EXPECT(!strcmp(eap_peer_method_name(&r.pae.peer), "md5"));
	UT_EXPECT(eapol_pae_deadline(&r.pae) == UINT64_MAX);
	/* a late Failure does not take it back */
	rx(&r, "04 02 0004");
	UT_EXPECT(eapol_pae_authorized(&r.pae));
	UT_EXPECT(r.pae.peer.stats.discard[EAP_DROP_RESULT_LATE] == 1);
	eapol_pae_fini(&r.pae);
}

/* Servers differ on the Identifier of the Success: last or last + 1. */
UT_CASE(success_id_plus_one)
{
	struct rig r;

	rig_init(&r, "pw");
	md5_exchange(&r);
	rx(&r, "03 05 0004");
	UT_EXPECT(!eapol_pae_authorized(&r.pae));
	UT_EXPECT(r.pae.peer.stats.discard[EAP_DROP_RESULT_ID] == 1);
	rx(&r, "03 03 0004");
	UT_EXPECT(eapol_pae_authorized(&r.pae));
	eapol_pae_fini(&r.pae);
}

UT_CASE(failure_held_retry)
{
	struct rig r;

	rig_init(&r, "bad");
	md5_exchange(&r);
	rx(&r, "04 02 0004");
	UT_EXPECT(r.pae.state == EAPOL_PAE_HELD && !eapol_pae_authorized(&r.pae));
	UT_EXPECT(r.pae.stats.auth_failure == 1);
	tick(&r, 59999);
	UT_EXPECT(r.pae.state == EAPOL_PAE_HELD);
	tick(&r, 1);
	UT_EXPECT(r.pae.state == EAPOL_PAE_CONNECTING);
	UT_EXPECT(r.out.tx && r.out.type == EAPOL_START);
	/* and the next conversation starts clean */
	md5_exchange(&r);
	UT_EXPECT(md5_ok(&r, 2, "bad"));
	eapol_pae_fini(&r.pae);
}

UT_CASE(retransmit_same_id)
{
	struct rig r;
	uint8_t first[64];
	size_t n;

	rig_init(&r, "pw");
	md5_exchange(&r);
	UT_ASSERT(md5_ok(&r, 2, "pw"));
	n = r.out.body_len;
	memcpy(first, r.out.body, n);
	/* the same Request again: the same Response, the method not rerun */
	rx(&r, "01 02 0016 04 10 ffffffffffffffffffffffffffffffff");
	UT_EXPECT(r.out.tx && r.out.body_len == n && !memcmp(r.out.body, first, n));
	UT_EXPECT(r.pae.peer.stats.retransmit == 1);
	/* a new Identifier after the method is done: discarded */
	rx(&r, "01 03 0016 04 10 00112233445566778899aabbccddeeff");
	UT_EXPECT(!r.out.tx);
	UT_EXPECT(r.pae.peer.stats.discard[EAP_DROP_METHOD_DONE] == 1);
	eapol_pae_fini(&r.pae);
}

UT_CASE(nak_other_method)
{
	struct rig r;

	rig_init(&r, "pw");
	rx(&r, "01 01 0005 01");
	/* Request/TLS Start: Nak proposing MD5 (4) */
	rx(&r, "01 02 0006 0d 20");
	UT_EXPECT(sent(&r, "02 02 0006 03 04"));
	UT_EXPECT(r.pae.peer.stats.nak == 1);
	/* MD5 configured without a password: refused, Nak with 4 too */
	r.cfg.password[0] = 0;
	rx(&r, "01 03 0016 04 10 00112233445566778899aabbccddeeff");
	UT_EXPECT(sent(&r, "02 03 0006 03 04"));
	UT_EXPECT(r.pae.peer.stats.method_refused == 1);
	/* a method apedged lacks as the configured one: Nak 0 */
	r.cfg.method = 200;
	rx(&r, "01 04 0006 0d 20");
	UT_EXPECT(sent(&r, "02 04 0006 03 00"));
	eapol_pae_fini(&r.pae);
}

UT_CASE(early_success_discarded)
{
	struct rig r;

	rig_init(&r, "pw");
	/* before anything */
	rx(&r, "03 00 0004");
	UT_EXPECT(!eapol_pae_authorized(&r.pae) &&
		  r.pae.state == EAPOL_PAE_CONNECTING);
	/* after the Identity, before the method */
	rx(&r, "01 01 0005 01");
	rx(&r, "03 01 0004");
	UT_EXPECT(!eapol_pae_authorized(&r.pae) &&
		  r.pae.state == EAPOL_PAE_AUTHENTICATING);
	UT_EXPECT(r.pae.peer.stats.discard[EAP_DROP_SUCCESS_EARLY] == 1);
	UT_EXPECT(r.pae.peer.stats.discard[EAP_DROP_RESULT_ID] == 1);
	/* the exchange goes on */
	rx(&r, "01 02 0016 04 10 00112233445566778899aabbccddeeff");
	UT_EXPECT(md5_ok(&r, 2, "pw"));
	rx(&r, "03 02 0004");
	UT_EXPECT(eapol_pae_authorized(&r.pae));
	eapol_pae_fini(&r.pae);
}

UT_CASE(reauth_by_request)
{
	struct rig r;

	rig_init(&r, "pw");
	md5_exchange(&r);
	rx(&r, "03 02 0004");
	UT_ASSERT(eapol_pae_authorized(&r.pae));
	r.now += 3600000;
	rx(&r, "01 07 0005 01");
	UT_EXPECT(sent(&r, "02 07 000a 01 616c696365"));
	UT_EXPECT(r.pae.state == EAPOL_PAE_AUTHENTICATING);
	UT_EXPECT(r.pae.stats.reauth == 1);
	rx(&r, "01 08 0016 04 10 00112233445566778899aabbccddeeff");
	UT_EXPECT(md5_ok(&r, 8, "pw"));
	rx(&r, "03 08 0004");
	UT_EXPECT(eapol_pae_authorized(&r.pae) && r.pae.authorized_at == r.now);
	eapol_pae_fini(&r.pae);
}

UT_CASE(auth_period)
{
	struct rig r;

	rig_init(&r, "pw");
	rx(&r, "01 01 0005 01");
	tick(&r, 29999);
	UT_EXPECT(r.pae.state == EAPOL_PAE_AUTHENTICATING);
	tick(&r, 1);
	UT_EXPECT(r.pae.state == EAPOL_PAE_CONNECTING && r.out.type == EAPOL_START);
	UT_EXPECT(r.pae.stats.auth_timeout == 1);
	/* the peer was restarted: a Request with id 1 is new, not a retransmit */
	rx(&r, "01 01 0005 01");
	UT_EXPECT(sent(&r, "02 01 000a 01 616c696365"));
	UT_EXPECT(r.pae.peer.stats.retransmit == 0);
	eapol_pae_fini(&r.pae);
}

UT_CASE(logoff_and_back)
{
	struct rig r;

	rig_init(&r, "pw");
	md5_exchange(&r);
	rx(&r, "03 02 0004");
	eapol_pae_logoff(&r.pae, r.now, &r.out);
	UT_EXPECT(r.out.tx && r.out.type == EAPOL_LOGOFF);
	UT_EXPECT(r.pae.state == EAPOL_PAE_LOGOFF && !eapol_pae_authorized(&r.pae));
	rx(&r, "01 09 0005 01");
	UT_EXPECT(!r.out.tx && r.pae.state == EAPOL_PAE_LOGOFF);
	/* link flaps do not leave LOGOFF */
	eapol_pae_link(&r.pae, false, r.now, &r.out);
	eapol_pae_link(&r.pae, true, r.now, &r.out);
	UT_EXPECT(!r.out.tx && r.pae.state == EAPOL_PAE_LOGOFF);
	eapol_pae_reauth(&r.pae, r.now, &r.out);
	UT_EXPECT(r.out.tx && r.out.type == EAPOL_START);
	UT_EXPECT(r.pae.state == EAPOL_PAE_CONNECTING);
	eapol_pae_fini(&r.pae);
}

UT_CASE(notification_and_malformed)
{
	struct rig r;

	rig_init(&r, "pw");
	rx(&r, "01 01 0005 01");
	rx(&r, "01 05 0008 02 686579");
	UT_EXPECT(sent(&r, "02 05 0005 02"));
	/* truncated, wrong lengths, a Response, an unknown code */
	rx(&r, "01 06 00");
	rx(&r, "01 06 0040 04 10");
	rx(&r, "01 06 0004");
	rx(&r, "02 06 0005 01");
	rx(&r, "07 06 0004");
	UT_EXPECT(!r.out.tx && r.pae.state == EAPOL_PAE_AUTHENTICATING);
	UT_EXPECT(r.pae.peer.stats.discard[EAP_DROP_MALFORMED] == 4);
	UT_EXPECT(r.pae.peer.stats.discard[EAP_DROP_RESPONSE] == 1);
	UT_EXPECT(r.pae.peer.stats.malformed[EAP_ERR_SHORT] == 1);
	UT_EXPECT(r.pae.peer.stats.malformed[EAP_ERR_LEN] == 1);
	UT_EXPECT(r.pae.peer.stats.malformed[EAP_ERR_NO_TYPE] == 1);
	UT_EXPECT(r.pae.peer.stats.malformed[EAP_ERR_CODE] == 1);
	/* a bad MD5 Value-Size: the method ignores it, the next one goes */
	rx(&r, "01 06 0016 04 20 00112233445566778899aabbccddeeff");
	UT_EXPECT(!r.out.tx);
	UT_EXPECT(r.pae.peer.stats.discard[EAP_DROP_METHOD_IGNORE] == 1);
	rx(&r, "01 06 0016 04 10 00112233445566778899aabbccddeeff");
	UT_EXPECT(md5_ok(&r, 6, "pw"));
	eapol_pae_fini(&r.pae);
}

UT_CASE(link_down)
{
	struct rig r;

	rig_init(&r, "pw");
	md5_exchange(&r);
	rx(&r, "03 02 0004");
	eapol_pae_link(&r.pae, false, r.now, &r.out);
	UT_EXPECT(r.pae.state == EAPOL_PAE_DISCONNECTED && !r.out.tx);
	UT_EXPECT(!eapol_pae_authorized(&r.pae));
	UT_EXPECT(eapol_pae_deadline(&r.pae) == UINT64_MAX);
	rx(&r, "01 01 0005 01");
	UT_EXPECT(!r.out.tx);
	eapol_pae_link(&r.pae, true, r.now, &r.out);
	UT_EXPECT(r.out.tx && r.out.type == EAPOL_START);
	eapol_pae_fini(&r.pae);
}

UT_MAIN("apedged_eapol_sm",
	UT_ENTRY(start_max_held),
	UT_ENTRY(first_start_held_back),
	UT_ENTRY(md5_success),
	UT_ENTRY(success_id_plus_one),
	UT_ENTRY(failure_held_retry),
	UT_ENTRY(retransmit_same_id),
	UT_ENTRY(nak_other_method),
	UT_ENTRY(early_success_discarded),
	UT_ENTRY(reauth_by_request),
	UT_ENTRY(auth_period),
	UT_ENTRY(logoff_and_back),
	UT_ENTRY(notification_and_malformed),
	UT_ENTRY(link_down))
