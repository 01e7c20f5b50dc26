// SPDX-License-Identifier: GPL-2.0
/* The control socket's eapol words.  See ctl.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "eapol/ctl.h"
#include "lib/ifname.h"
#include "lib/json.h"
#include "lib/mac.h"

int eapol_ctl_dev(int argc, char **argv, char *ifname, size_t size,
		  char *err, size_t errlen)
{
	ifname[0] = '\0';
	if (argc == 0)
		return 0;
	if (argc != 2 || strcmp(argv[0], "dev")) {
		snprintf(err, errlen, "expected: dev IFNAME");
		return -EINVAL;
	}
	if (!ifname_valid(argv[1])) {
		snprintf(err, errlen, "invalid interface name");
		return -EINVAL;
	}
	snprintf(ifname, size, "%s", argv[1]);
	return 0;
}

static void show_obj(struct json *j, const struct eapol_client *c,
		     uint64_t now)
{
	const struct eapol_pae *pae = eapol_client_pae(c);
	const struct config_eapol *cfg = eapol_client_cfg(c);
	const struct eap_method *m = eap_method_find(cfg->peer.method);
	char b[MAC_STR_LEN];
	uint8_t mac[6];

	json_obj_begin(j);
	json_kstr(j, "ifname", eapol_client_ifname(c));
	json_kstr(j, "state", eapol_pae_state_name(pae->state));
	json_kstr(j, "eap_state", eap_peer_state_name(pae->peer.state));
	json_kbool(j, "authorized", eapol_pae_authorized(pae));
	if (eapol_pae_authorized(pae))
		json_ku64(j, "authorized_s", now > pae->authorized_at ?
			  (now - pae->authorized_at) / 1000 : 0);
	else
		json_knull(j, "authorized_s");
	json_kstr(j, "method", m ? m->name : cfg->peer.method == EAP_TYPE_TLS ?
		  "tls" : cfg->peer.method == EAP_TYPE_PEAP ? "peap" :
		  cfg->peer.method == EAP_TYPE_TTLS ? "ttls" : "?");
	json_kstr(j, "method_active", eap_peer_method_name(&pae->peer));
	json_kstr(j, "identity", cfg->peer.identity);
	if (eapol_client_peer(c, mac))
		json_kstr(j, "peer", mac_format(mac, b));
	else
		json_knull(j, "peer");
	json_ku64(j, "in_state_s", now > pae->since ?
		  (now - pae->since) / 1000 : 0);
	json_kstr(j, "reason", pae->last_why);
	json_ku64(j, "start_count", pae->start_count);
	json_kstr(j, "method_refused", pae->peer.refused_why);
	json_obj_end(j);
}

static void stats_obj(struct json *j, const struct eapol_client *c)
{
	const struct eapol_pae *pae = eapol_client_pae(c);
	const struct eapol_client_stats *s = eapol_client_stats(c);
	uint64_t other = 0;

	for (int i = EAPOL_KEY + 1; i < 256; i++)
		other += s->rx[i];
	json_obj_begin(j);
	json_kstr(j, "ifname", eapol_client_ifname(c));
	json_kstr(j, "state", eapol_pae_state_name(pae->state));
	json_kobj_begin(j, "rx");
	json_ku64(j, "eap", s->rx[EAPOL_EAP]);
	json_ku64(j, "start", s->rx[EAPOL_START]);
	json_ku64(j, "logoff", s->rx[EAPOL_LOGOFF]);
	json_ku64(j, "key", s->rx[EAPOL_KEY]);
	json_ku64(j, "other", other);
	json_obj_end(j);
	json_kobj_begin(j, "tx");
	json_ku64(j, "start", pae->stats.tx_start);
	json_ku64(j, "logoff", pae->stats.tx_logoff);
	json_ku64(j, "eap", pae->stats.tx_eap);
	json_obj_end(j);
	json_kobj_begin(j, "malformed");
	for (int i = EAPOL_ERR_SHORT; i < EAP_ERR_SHORT; i++)
		json_ku64(j, eapol_err_name(i), s->malformed[i]);
	json_obj_end(j);
	json_kobj_begin(j, "auth");
	json_ku64(j, "success", pae->stats.auth_success);
	json_ku64(j, "failure", pae->stats.auth_failure);
	json_ku64(j, "auth_timeout", pae->stats.auth_timeout);
	json_ku64(j, "start_timeout", pae->stats.start_timeout);
	json_ku64(j, "reauth", pae->stats.reauth);
	json_obj_end(j);
	json_kobj_begin(j, "eap");
	eap_peer_stats_json(&pae->peer, j);
	json_obj_end(j);
	json_ku64(j, "rx_ignored", s->rx_ignored);
	json_ku64(j, "send_errors", s->send_errors);
	json_obj_end(j);
}

static int format(const struct eapol *e, const char *ifname, uint64_t now,
		  bool stats, struct strbuf *sb)
{
	struct json j;

	if (ifname && ifname[0] && !eapol_client_find(e, ifname))
		return -ENOENT;
	json_init(&j, sb, JSON_SPACED);
	json_arr_begin(&j);
	for (size_t i = 0; i < eapol_n_clients(e); i++) {
		const struct eapol_client *c = eapol_client_at(e, i);

		if (ifname && ifname[0] &&
		    strcmp(eapol_client_ifname(c), ifname))
			continue;
		if (stats)
			stats_obj(&j, c);
		else
			show_obj(&j, c, now);
	}
	json_arr_end(&j);
	return 0;
}

int eapol_format_show(const struct eapol *e, const char *ifname,
		      uint64_t now_ms, struct strbuf *sb)
{
	return format(e, ifname, now_ms, false, sb);
}

int eapol_format_stats(const struct eapol *e, const char *ifname,
		       struct strbuf *sb)
{
	return format(e, ifname, 0, true, sb);
}
