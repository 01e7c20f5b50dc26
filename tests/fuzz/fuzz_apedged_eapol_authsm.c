// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the 802.1X authenticator (eapol/authsm.c) fed a
 * sequence of EAPOL frames from four stations, "frame seen" events, AAA
 * replies (to requests in flight, or stale ones), reauth commands, link
 * down and time.
 *
 * The first octet picks the set-up: bit 0 mac mode, bit 1 MAB, bit 2 a
 * guest VLAN, bit 3 an auth-fail VLAN, bit 4 max_sessions 2.  Then
 * records: one octet of kind (low 3 bits) and its arguments:
 *   0 station, length, EAPOL frame      1 station seen
 *   2 time passes (octet * 500 ms)      3 the timeout at the deadline
 *   4 AAA reply: request slot, result, EAP code, EAP id, vlan
 *   5 reauth (a station or all)         6 link down
 *   7 station, code: an EAP packet of that code with the Identifier of
 *     the last Request sent to it (a supplicant that answers, or one that
 *     injects a Success)
 *
 * Properties checked (abort() on failure):
 * - every session in a named state of each machine;
 * - an 802.1X authorization only while an Access-Accept for that very
 *   session and request is being handled, after an EAP-Success went to
 *   it; a MAB one only during a MAB Accept; a guest or auth-fail one only
 *   with the configured VLAN;
 * - what the engine was told (authorize callbacks) matches the sessions;
 * - frames sent parse as EAPOL carrying an EAP Request, Success or
 *   Failure; at most max_sessions sessions;
 * - after a timeout call nothing is left due.
 */
#include <stdlib.h>
#include <string.h>

#include "eapol/authsm.h"
#include "eapol/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SLOTS 8

static const uint8_t macs[4][6] = {
	{ 0x02, 0, 0, 0, 0, 1 }, { 0x02, 0, 0, 0, 0, 2 },
	{ 0x02, 0, 0, 0, 0, 3 }, { 0x01, 0x80, 0xc2, 0, 0, 3 },
};

static struct {
	struct auth_port port;
	struct auth_cfg cfg;
	struct { struct auth_session *s; uint32_t seq; bool mab; } slot[SLOTS];
	unsigned int next_slot;
	const struct auth_session *in_accept;	/* an Accept being handled */
	bool in_accept_mab;
	bool success_sent;
	bool on[4];
	int last_id[4], last_type[4];
} F;

static int key_of(const struct auth_session *s)
{
	int i;

	if (F.cfg.mode == AUTH_MODE_PORT)
		return 0;
	for (i = 0; i < 4; i++)
		if (!memcmp(s->mac, macs[i], 6))
			return i;
	abort();
}

static void f_tx(void *ctx, const uint8_t dst[6], uint8_t type,
		 const uint8_t *body, size_t len)
{
	struct eap_pkt e;

	if (type != EAPOL_EAP || eap_parse(body, len, &e) != EAPOL_OK ||
	    e.code == EAP_CODE_RESPONSE)
		abort();
	if (e.code == EAP_CODE_SUCCESS && F.in_accept)
		F.success_sent = true;
	if (e.code == EAP_CODE_REQUEST) {
		int k = 0;

		if (F.cfg.mode == AUTH_MODE_MAC)
			while (k < 3 && memcmp(dst, macs[k], 6))
				k++;
		F.last_id[k] = e.id;
		F.last_type[k] = e.type;
	}
}

static int f_aaa(void *ctx, struct auth_session *s,
		 const struct auth_aaa_req *rq)
{
	unsigned int i = F.next_slot++ % SLOTS;

	if (!rq->seq || !rq->user_name ||
	    memcmp(rq->calling_station, s->mac, 6))
		abort();
	F.slot[i].s = s;
	F.slot[i].seq = rq->seq;
	F.slot[i].mab = rq->call_check;
	return 0;
}

static void f_cancel(void *ctx, struct auth_session *s)
{
}

static void f_authz(void *ctx, struct auth_session *s, bool on, uint16_t vlan)
{
	if (on) {
		switch (s->authz) {
		case AUTH_AZ_DOT1X:
			if (F.in_accept != s || F.in_accept_mab ||
			    !F.success_sent)
				abort();
			break;
		case AUTH_AZ_MAB:
			if (F.in_accept != s || !F.in_accept_mab)
				abort();
			break;
		case AUTH_AZ_GUEST:
			if (!F.cfg.guest_vlan || vlan != F.cfg.guest_vlan)
				abort();
			break;
		case AUTH_AZ_FAILVLAN:
			if (!F.cfg.auth_fail_vlan ||
			    vlan != F.cfg.auth_fail_vlan)
				abort();
			break;
		default:
			abort();
		}
	} else if (s->authz != AUTH_AZ_NONE) {
		abort();
	}
	F.on[key_of(s)] = on;
}

static const struct auth_ops ops = {
	.tx = f_tx, .aaa_send = f_aaa, .aaa_cancel = f_cancel,
	.authorize = f_authz,
};

static void check(uint64_t now, bool after_timeout)
{
	bool seen[4] = { false };
	size_t i;
	int k;

	if (F.port.n_sessions > (F.cfg.mode == AUTH_MODE_PORT ? 1 :
				 F.cfg.max_sessions))
		abort();
	for (i = 0; i < F.port.n_sessions; i++) {
		const struct auth_session *s = F.port.sessions[i];

		if ((unsigned int)s->pae >= AUTH_PAE_STATE_COUNT ||
		    (unsigned int)s->be >= AUTH_BE_STATE_COUNT ||
		    (unsigned int)s->mab >= AUTH_MAB_STATE_COUNT ||
		    (unsigned int)s->authz > AUTH_AZ_FORCED)
			abort();
		k = key_of(s);
		seen[k] = true;
		if (F.on[k] != auth_session_authorized(s))
			abort();
	}
	for (k = 0; k < 4; k++)
		if (!seen[k] && F.on[k])
			abort();
	if (after_timeout && auth_port_deadline(&F.port) <= now)
		abort();
}

static void aaa_reply(const uint8_t *a, uint64_t now)
{
	unsigned int i = a[0] % SLOTS;
	enum auth_aaa_result res = (enum auth_aaa_result)(a[1] % 4);
	uint8_t eap[16];
	size_t n = 0;
	struct auth_aaa_reply r = { .termination_action = a[1] & 0x10 ? 1 : -1,
				    .session_timeout = (a[1] >> 5) * 60,
				    .vlan = a[4] & 7 };

	if (a[2] % 5) {
		uint8_t code = (uint8_t)(a[2] % 5);

		n = eap_build(eap, sizeof(eap), code, a[3], 4,
			      (const uint8_t *)"ab", code <= 2 ? 2 : 0);
		if (code > 2)
			n = eap_build(eap, sizeof(eap), code, a[3], 0, NULL, 0);
	}
	r.eap = n ? eap : NULL;
	r.eap_len = n;
	r.state = (const uint8_t *)"st";
	r.state_len = 2;
	F.in_accept = res == AUTH_AAA_ACCEPT ? F.slot[i].s : NULL;
	F.in_accept_mab = F.slot[i].mab;
	F.success_sent = false;
	auth_port_aaa_reply(&F.port, F.slot[i].s, F.slot[i].seq, res, &r, now);
	F.in_accept = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t now = 1000000;
	size_t off = 1, n;
	uint8_t k;

	if (size < 1)
		return 0;
	memset(&F, 0, sizeof(F));
	F.cfg = (struct auth_cfg){
		.mode = data[0] & 1 ? AUTH_MODE_MAC : AUTH_MODE_PORT,
		.quiet_period_ms = 60000, .reauth_period_ms = 3600000,
		.supp_timeout_ms = 30000, .server_timeout_ms = 30000,
		.max_req = 2, .max_sessions = data[0] & 16 ? 2 : 4,
		.mab = data[0] & 2, .mab_delay_ms = 5000,
		.guest_vlan = data[0] & 4 ? 100 : 0,
		.auth_fail_vlan = data[0] & 8 ? 200 : 0,
	};
	if (auth_port_init(&F.port, "fz0", &F.cfg, &ops, NULL, now))
		return 0;
	while (off < size) {
		k = data[off++] & 7;
		switch (k) {
		case 0:
			if (off + 2 > size)
				goto out;
			n = data[off + 1];
			if (off + 2 + n > size)
				n = size - off - 2;
			auth_port_rx(&F.port, macs[data[off] & 3],
				     data + off + 2, n, now);
			off += 2 + n;
			break;
		case 1:
			if (off >= size)
				goto out;
			auth_port_seen(&F.port, macs[data[off++] & 3], now);
			break;
		case 2:
			if (off >= size)
				goto out;
			now += (uint64_t)data[off++] * 500;
			break;
		case 3:
			if (auth_port_deadline(&F.port) != UINT64_MAX &&
			    auth_port_deadline(&F.port) > now)
				now = auth_port_deadline(&F.port);
			auth_port_timeout(&F.port, now);
			check(now, true);
			continue;
		case 4:
			if (off + 5 > size)
				goto out;
			aaa_reply(data + off, now);
			off += 5;
			break;
		case 5:
			if (off >= size)
				goto out;
			auth_port_reauth(&F.port, data[off] & 4 ? NULL :
					 macs[data[off] & 3], now);
			off++;
			break;
		case 6:
			auth_port_link_down(&F.port, now);
			break;
		case 7: {
			uint8_t fr[16], eap[12], code;
			int st, key;
			size_t m;

			if (off + 2 > size)
				goto out;
			st = data[off] & 3;
			key = F.cfg.mode == AUTH_MODE_MAC ? st : 0;
			code = (uint8_t)(data[off + 1] % 4 + 1);
			off += 2;
			m = eap_build(eap, sizeof(eap), code,
				      (uint8_t)F.last_id[key],
				      (uint8_t)F.last_type[key],
				      (const uint8_t *)"bob", code <= 2 ? 3 : 0);
			if (code > 2)
				m = eap_build(eap, sizeof(eap), code,
					      (uint8_t)F.last_id[key], 0, NULL,
					      0);
			m = eapol_build(fr, sizeof(fr), 2, EAPOL_EAP, eap, m);
			auth_port_rx(&F.port, macs[st], fr, m, now);
			break;
		}
		}
		check(now, false);
	}
out:
	auth_port_fini(&F.port);
	return 0;
}
