// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the supplicant PAE with the EAP peer inside
 * (eapol/pae.c, eapol/peer.c, eapol/md5.c), fed a sequence of events.
 *
 * The input is a list of records: one octet of kind, then for a frame two
 * octets of length and the EAP packet.  Kinds (low 3 bits): 0 an EAP
 * packet, 1 time passes (next octet * 1000 ms), 2 the timeout at the
 * deadline, 3 link down/up (next octet's low bit), 4 logoff, 5 reauth.
 *
 * Properties checked (abort() on failure):
 * - the PAE and the peer are always in a named state;
 * - authorized only in AUTHENTICATED, and only after a Success was
 *   received since the last restart of the peer (the peer is in SUCCESS);
 * - a frame to send is a Start, a Logoff or an EAP Response that parses,
 *   with a Type, inside the peer's buffer;
 * - the deadline is never in the past after a call.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "eapol/pae.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct eapol_pae *pae, const struct eapol_pae_out *o,
		  uint64_t now)
{
	struct eap_pkt p;

	if ((unsigned int)pae->state >= EAPOL_PAE_STATE_COUNT ||
	    (unsigned int)pae->peer.state >= EAP_PEER_STATE_COUNT)
		abort();
	if (eapol_pae_authorized(pae) && pae->peer.state != EAP_PEER_SUCCESS)
		abort();
	if (pae->deadline != UINT64_MAX && pae->deadline < now)
		abort();
	if (pae->start_count > pae->t.max_start)
		abort();
	if (!o->tx)
		return;
	switch (o->type) {
	case EAPOL_START:
	case EAPOL_LOGOFF:
		if (o->body_len)
			abort();
		return;
	case EAPOL_EAP:
		if (o->body != pae->peer.resp ||
		    o->body_len > sizeof(pae->peer.resp))
			abort();
		if (eap_parse(o->body, o->body_len, &p) != EAPOL_OK ||
		    p.code != EAP_CODE_RESPONSE || p.len != o->body_len)
			abort();
		return;
	default:
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eapol_pae_timers t = {
		.start_period_ms = 3000, .max_start = 3,
		.held_period_ms = 6000, .auth_period_ms = 3000,
	};
	struct eap_peer_cfg cfg = { .method = EAP_TYPE_MD5 };
	struct eapol_pae pae;
	struct eapol_pae_out o;
	uint64_t now = 1000;
	size_t i = 0;

	log_set_level(LOG_ERR);
	/* the first byte's top bit (no operation reads it): a wireless
	 * link's PAE, its first Start held back */
	if (size && data[0] & 0x80)
		t.first_start_ms = 2000;
	strcpy(cfg.identity, "fuzz");
	strcpy(cfg.password, "secret");
	eapol_pae_init(&pae, "fuzz0", &cfg, &t, now);
	eapol_pae_link(&pae, true, now, &o);
	check(&pae, &o, now);
	while (i < size) {
		uint8_t k = data[i++] & 7;
		size_t n;

		memset(&o, 0, sizeof(o));
		switch (k) {
		case 0:
			if (size - i < 2)
				goto out;
			n = (size_t)data[i] << 8 | data[i + 1];
			i += 2;
			if (n > size - i)
				n = size - i;
			eapol_pae_rx_eap(&pae, data + i, n, now, &o);
			i += n;
			break;
		case 1:
			if (i < size)
				now += (uint64_t)data[i++] * 1000;
			eapol_pae_timeout(&pae, now, &o);
			break;
		case 2:
			if (pae.deadline != UINT64_MAX)
				now = pae.deadline;
			eapol_pae_timeout(&pae, now, &o);
			break;
		case 3:
			if (i < size)
				eapol_pae_link(&pae, data[i++] & 1, now, &o);
			break;
		case 4:
			eapol_pae_logoff(&pae, now, &o);
			break;
		case 5:
			eapol_pae_reauth(&pae, now, &o);
			break;
		default:
			break;
		}
		check(&pae, &o, now);
	}
out:
	eapol_pae_fini(&pae);
	return 0;
}
