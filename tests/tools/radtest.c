// SPDX-License-Identifier: GPL-2.0
/*
 * radtest: the RADIUS client (daemon/apedged/eapol/radclient.c and
 * radudp.c) on its own, against real servers, for tests/netns/t_radius.sh.
 *
 *   radtest [-v] [-b SRCADDR] [-t RETRY_MS] [-r TRIES] [-m MAC]
 *           -s ADDR[:PORT],SECRETFILE [-s ...] pap USER PASSWORD
 *   radtest ... eap-md5 IDENTITY PASSWORD
 *
 * pap sends one Access-Request with a User-Password (MAC authentication
 * bypass: USER and PASSWORD both the MAC, Service-Type Call-Check);
 * eap-md5 runs an EAP-MD5 exchange through Access-Challenges, State
 * echoed.  Each server's secret is read from its file (mode 0600 or
 * stricter).  On stdout, one JSON object: the result ("accept",
 * "reject", "timeout"), the reply's VLAN, Session-Timeout,
 * Reply-Message, the number of Access-Requests sent, and the client's
 * counters per server.  The exit status is 0 whatever the result; 1 on
 * a usage or set-up error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eapol/md5.h"
#include "eapol/radclient.h"
#include "eapol/radudp.h"
#include "eapol/wire.h"
#include "lib/json.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/mac.h"
#include "lib/strbuf.h"

#define EAP_T_IDENTITY	1
#define EAP_T_NAK	3
#define EAP_T_MD5	4
#define ROUNDS_MAX	10

struct run {
	struct loop *loop;
	struct rad_client *c;
	const char *user, *password;
	bool eap;
	uint8_t mac[6];
	uint8_t state[RAD_ATTR_MAX];
	size_t state_len;
	int rounds;
	enum rad_result res;
	uint16_t vlan;
	uint32_t session_timeout;
	char reply_message[RAD_ATTR_MAX + 1];
	uint8_t eap_code;	/* of the last EAP packet from the server */
};

static void usage(void)
{
	fprintf(stderr, "usage: radtest [-v] [-b SRCADDR] [-t RETRY_MS] "
		"[-r TRIES] [-m MAC]\n"
		"               -s ADDR[:PORT],SECRETFILE [-s ...] "
		"pap|eap-md5 USER PASSWORD\n");
	exit(1);
}

static void on_reply(void *user, enum rad_result res,
		     const struct rad_reply *r);

static int send_request(struct run *rn, const uint8_t *eap, size_t eap_len)
{
	struct rad_access a = {
		.user_name = rn->user,
		.nas_port = 1,
		.nas_port_type = 15,
		.called_station = "02-00-00-00-00-fe:apedge",
		.nas_port_id = "radtest",
		.framed_mtu = 1400,
	};
	int h;

	memcpy(a.calling_station, rn->mac, 6);
	if (rn->eap) {
		a.service_type = 2;
		a.eap = eap;
		a.eap_len = eap_len;
		a.state = rn->state;
		a.state_len = rn->state_len;
	} else {
		a.service_type = 10;
		a.user_password = rn->password;
	}
	rn->rounds++;
	h = rad_client_access(rn->c, &a, on_reply, rn);
	if (h < 0) {
		fprintf(stderr, "radtest: request: %s\n", strerror(-h));
		loop_quit(rn->loop, 1);
	}
	return h;
}

/* The EAP Response to the server's Request req. */
static size_t eap_answer(struct run *rn, const struct eap_pkt *req,
			 uint8_t *out, size_t cap)
{
	uint8_t data[1 + EAP_MD5_LEN + 64];
	size_t ul = strlen(rn->user);

	if (req->type == EAP_T_IDENTITY)
		return eap_build(out, cap, EAP_CODE_RESPONSE, req->id,
				 EAP_T_IDENTITY, (const uint8_t *)rn->user, ul);
	if (req->type != EAP_T_MD5) {
		data[0] = EAP_T_MD5;
		return eap_build(out, cap, EAP_CODE_RESPONSE, req->id,
				 EAP_T_NAK, data, 1);
	}
	if (req->data_len < 1 || req->data[0] == 0 ||
	    req->data[0] > req->data_len - 1 || ul > 64)
		return 0;
	data[0] = EAP_MD5_LEN;
	if (!eap_md5_response(req->id, (const uint8_t *)rn->password,
			      strlen(rn->password), req->data + 1,
			      req->data[0], data + 1))
		return 0;
	memcpy(data + 1 + EAP_MD5_LEN, rn->user, ul);
	return eap_build(out, cap, EAP_CODE_RESPONSE, req->id, EAP_T_MD5, data,
			 1 + EAP_MD5_LEN + ul);
}

static void on_reply(void *user, enum rad_result res,
		     const struct rad_reply *r)
{
	struct run *rn = user;
	uint8_t out[512];
	struct eap_pkt p;
	size_t n;

	rn->res = res;
	if (r) {
		rn->vlan = r->vlan;
		rn->session_timeout = r->session_timeout;
		memcpy(rn->reply_message, r->reply_message,
		       sizeof(rn->reply_message));
		if (r->eap && eap_parse(r->eap, r->eap_len, &p) == EAPOL_OK)
			rn->eap_code = p.code;
	}
	if (res != RAD_CHALLENGE) {
		loop_quit(rn->loop, 0);
		return;
	}
	if (!rn->eap || !r->eap || rn->rounds >= ROUNDS_MAX ||
	    eap_parse(r->eap, r->eap_len, &p) != EAPOL_OK ||
	    p.code != EAP_CODE_REQUEST) {
		fprintf(stderr, "radtest: a challenge without an EAP Request\n");
		loop_quit(rn->loop, 0);
		return;
	}
	memcpy(rn->state, r->state, r->state_len);
	rn->state_len = r->state_len;
	n = eap_answer(rn, &p, out, sizeof(out));
	if (!n) {
		fprintf(stderr, "radtest: cannot answer EAP type %u\n", p.type);
		loop_quit(rn->loop, 0);
		return;
	}
	send_request(rn, out, n);
}

static void print(const struct run *rn, int rc)
{
	struct strbuf sb;
	struct json j;

	sb_init(&sb);
	json_init(&j, &sb, JSON_COMPACT);
	json_obj_begin(&j);
	json_kstr(&j, "result", rc ? "error" : rad_result_name(rn->res));
	json_ku64(&j, "vlan", rn->vlan);
	json_ku64(&j, "session_timeout", rn->session_timeout);
	json_kstr(&j, "reply_message", rn->reply_message);
	json_ku64(&j, "eap_code", rn->eap_code);
	json_ku64(&j, "rounds", (uint64_t)rn->rounds);
	json_key(&j, "servers");
	rad_client_json(rn->c, &j);
	json_obj_end(&j);
	printf("%s\n", sb_str(&sb));
	sb_free(&sb);
}

int main(int argc, char **argv)
{
	struct sockaddr_storage dst[RAD_SERVERS_MAX], src;
	socklen_t dst_len[RAD_SERVERS_MAX], src_len = 0;
	struct rad_client_cfg cfg = { 0 };
	struct run rn = { .res = RAD_TIMEOUT };
	struct rad_udp *u;
	bool have_src = false;
	uint8_t id_eap[300];
	size_t n;
	int o, rc;

	log_set_level(LOG_WARNING);
	while ((o = getopt(argc, argv, "vb:t:r:m:s:")) != -1) {
		char *comma;
		unsigned int i;

		switch (o) {
		case 'v':
			log_set_level(LOG_DEBUG);
			break;
		case 'b':
			if (rad_addr_parse(optarg, 0, &src, &src_len))
				usage();
			have_src = true;
			break;
		case 't':
			cfg.retry_ms = (unsigned int)atoi(optarg);
			break;
		case 'r':
			cfg.max_tries = (unsigned int)atoi(optarg);
			break;
		case 'm':
			if (mac_parse(optarg, rn.mac))
				usage();
			break;
		case 's':
			i = cfg.n_servers;
			comma = strchr(optarg, ',');
			if (i >= RAD_SERVERS_MAX || !comma)
				usage();
			*comma = 0;
			if (rad_addr_parse(optarg, RAD_PORT_AUTH, &dst[i],
					   &dst_len[i]))
				usage();
			snprintf(cfg.server[i].name, RAD_NAME_MAX, "%s", optarg);
			rc = rad_secret_read(comma + 1, cfg.server[i].secret,
					     &cfg.server[i].secret_len);
			if (rc) {
				fprintf(stderr, "radtest: %s: %s\n", comma + 1,
					strerror(-rc));
				return 1;
			}
			cfg.n_servers++;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 3 || !cfg.n_servers)
		usage();
	if (!strcmp(argv[optind], "eap-md5"))
		rn.eap = true;
	else if (strcmp(argv[optind], "pap"))
		usage();
	rn.user = argv[optind + 1];
	rn.password = argv[optind + 2];
	snprintf(cfg.nas_identifier, RAD_NAME_MAX, "apedge-radtest");

	rn.loop = loop_new();
	if (!rn.loop)
		return 1;
	u = rad_udp_new(rn.loop, dst, dst_len, cfg.n_servers,
			have_src ? &src : NULL, src_len);
	if (!u) {
		fprintf(stderr, "radtest: sockets: %s\n", strerror(errno));
		return 1;
	}
	rn.c = rad_client_new(rn.loop, &cfg, &rad_udp_ops, u);
	if (!rn.c)
		return 1;
	rad_udp_attach(u, rn.c);
	n = 0;
	if (rn.eap)
		n = eap_build(id_eap, sizeof(id_eap), EAP_CODE_RESPONSE, 0,
			      EAP_T_IDENTITY, (const uint8_t *)rn.user,
			      strlen(rn.user));
	if (send_request(&rn, id_eap, n) < 0)
		return 1;
	rc = loop_run(rn.loop);
	print(&rn, rc);
	rad_client_free(rn.c);
	rad_udp_free(u);
	loop_free(rn.loop);
	return rc ? 1 : 0;
}
