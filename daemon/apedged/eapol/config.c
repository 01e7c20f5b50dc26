// SPDX-License-Identifier: GPL-2.0
/*
 * The [eapol IFNAME] section as a key table; see config.h for the keys.
 */
#include <stddef.h>
#include <string.h>

#include "eapol/config.h"

static const struct ini_name methods[] = {
	{ "md5", EAP_TYPE_MD5 },
	{ "tls", EAP_TYPE_TLS },
	{ "peap", EAP_TYPE_PEAP },
	{ "ttls", EAP_TYPE_TTLS },
	{ NULL, 0 },
};

static const struct ini_name phase2s[] = {
	{ "pap", EAP_PHASE2_PAP },
	{ "mschapv2", EAP_PHASE2_MSCHAPV2 },
	{ NULL, 0 },
};

static const struct ini_key client_arg =
	INI_KEY_IFNAME(struct config_eapol, "IFNAME", ifname);

#define C struct config_eapol
#define S (EAP_CFG_STR_MAX - 1)
static const struct ini_key client_keys[] = {
	INI_KEY_STRING(C, "identity", peer.identity, S, NULL),
	INI_KEY_STRING(C, "anonymous_identity", peer.anonymous_identity, S,
		       NULL),
	INI_KEY_STRING(C, "password", peer.password, S, NULL,
		       .flags = INI_F_SECRET),
	INI_KEY_ENUM(C, "method", peer.method, methods, "md5"),
	INI_KEY_ENUM(C, "phase2", peer.phase2, phase2s, "mschapv2"),
	INI_KEY_PATH(C, "ca_file", peer.ca_file, S, NULL),
	INI_KEY_STRING(C, "domain", peer.domain, S, NULL),
	INI_KEY_PATH(C, "client_cert", peer.client_cert, S, NULL),
	INI_KEY_PATH(C, "private_key", peer.private_key, S, NULL),
	INI_KEY_STRING(C, "private_key_password", peer.private_key_password,
		       S, NULL, .flags = INI_F_SECRET),
	INI_KEY_BOOL(C, "ca_none_accept_mitm", peer.ca_none_accept_mitm,
		     "no"),
	INI_KEY_UINT(C, "start_period", start_period, 1, 3600, "30"),
	INI_KEY_UINT(C, "max_start", max_start, 1, 100, "3"),
	INI_KEY_UINT(C, "held_period", held_period, 1, 3600, "60"),
	INI_KEY_UINT(C, "auth_period", auth_period, 1, 3600, "30"),
	{ NULL },
};
#undef S
#undef C

static int client_end(struct ini *ini, void *obj)
{
	const struct config_eapol *c = obj;
	const struct eap_peer_cfg *p = &c->peer;

	if (!p->identity[0])
		return ini_fail(ini, "[eapol %s]: identity is required",
				c->ifname);
	if (p->method == EAP_TYPE_MD5 && !p->password[0])
		return ini_fail(ini, "[eapol %s]: method md5 needs a "
				"password", c->ifname);
	if (p->method != EAP_TYPE_MD5 && !p->ca_file[0] &&
	    !p->ca_none_accept_mitm)
		return ini_fail(ini, "[eapol %s]: a TLS method needs ca_file "
				"(or, accepting any server, "
				"ca_none_accept_mitm = yes)", c->ifname);
	if (p->method == EAP_TYPE_TLS &&
	    (!p->client_cert[0] || !p->private_key[0]))
		return ini_fail(ini, "[eapol %s]: method tls needs "
				"client_cert and private_key", c->ifname);
	return 0;
}

const struct ini_section eapol_section = {
	.name = "eapol",
	.keys = client_keys,
	.size = sizeof(struct config_eapol),
	.arg = &client_arg,
	.arg_what = "an interface name",
	.arg_meta = "IFNAME",
	.max = EAPOL_CLIENTS_MAX,
	.noun = "802.1X supplicant",
	.plural = "802.1X supplicants",
	.line_offset = offsetof(struct config_eapol, line),
	.end = client_end,
};

bool eapol_config_equal(const struct config_eapol *a,
			const struct config_eapol *b)
{
	return !strcmp(a->ifname, b->ifname) &&
	       !memcmp(&a->peer, &b->peer, sizeof(a->peer)) &&
	       a->start_period == b->start_period &&
	       a->max_start == b->max_start &&
	       a->held_period == b->held_period &&
	       a->auth_period == b->auth_period;
}
