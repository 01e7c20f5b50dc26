// SPDX-License-Identifier: GPL-2.0
/*
 * The 802.1X authenticator engine: see auth.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "lib/json.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"
#include "eapol/auth.h"
#include "eapol/authsm.h"
#include "eapol/io.h"
#include "eapol/radclient.h"
#include "eapol/radudp.h"
#include "eapol/wire.h"

/* RFC 2865 §5.41 NAS-Port-Type, §5.6 Service-Type */
#define NAS_PORT_TYPE_ETHERNET 15
#define SERVICE_FRAMED 2
#define SERVICE_CALL_CHECK 10
/* RFC 3579 §2.2: the Framed-MTU an EAP method may fill */
#define AUTH_FRAMED_MTU 1400

struct auth_iface {
	struct eapol_auth *a;
	struct config_auth cfg;
	struct auth_cfg acfg;
	struct netif_sub *sub;
	int ifindex;
	struct eapol_io *io;
	struct loop_timer *timer;
	struct auth_port port;
	struct rad_client *rc;
	struct rad_udp *ru;
	uint64_t send_errors;
};

struct eapol_auth {
	struct loop *loop;
	struct netif *netif;
	const struct eapol_auth_ops *ops;
	void *data;
	struct auth_iface **v;
	size_t n;
};

/* Arm the timer at the machines' deadline: after every input. */
static void rearm(struct auth_iface *p)
{
	uint64_t now = loop_now_ms(), dl = auth_port_deadline(&p->port);

	if (dl == UINT64_MAX)
		loop_timer_disarm(p->timer);
	else
		loop_timer_rearm(p->timer, dl > now ? dl - now : 0, 0);
}

static void timer_cb(struct loop_timer *t, void *data)
{
	struct auth_iface *p = data;

	auth_port_timeout(&p->port, loop_now_ms());
	rearm(p);
}

/* --- the machines' ops ------------------------------------------------ */

static void op_tx(void *ctx, const uint8_t dst[6], uint8_t type,
		  const uint8_t *body, size_t len)
{
	struct auth_iface *p = ctx;
	uint8_t fr[EAPOL_HDR_LEN + AUTH_EAP_MAX];
	size_t n = eapol_build(fr, sizeof(fr), EAPOL_VERSION, type, body, len);
	int r;

	if (!p->io)
		return;
	r = n ? eapol_io_send_to(p->io, dst, fr, n) : -EMSGSIZE;
	if (r < 0) {
		p->send_errors++;
		log_rl(LOG_WARNING, "auth %s: cannot send: %s",
		       p->cfg.ifname, strerror(-r));
	}
}

static void rad_done(void *user, enum rad_result res,
		     const struct rad_reply *rr)
{
	struct auth_session *s = user;
	struct auth_port *port = s->port;
	struct auth_iface *p = port->ctx;
	struct auth_aaa_reply r = { .termination_action = -1 };
	enum auth_aaa_result ar;

	s->aaa_handle = 0;
	switch (res) {
	case RAD_ACCEPT:
		ar = AUTH_AAA_ACCEPT;
		break;
	case RAD_REJECT:
		ar = AUTH_AAA_REJECT;
		break;
	case RAD_CHALLENGE:
		ar = AUTH_AAA_CHALLENGE;
		break;
	default:
		ar = AUTH_AAA_TIMEOUT;
		break;
	}
	if (rr) {
		r.eap = rr->eap;
		r.eap_len = rr->eap_len;
		r.state = rr->state;
		r.state_len = rr->state_len;
		r.session_timeout = rr->session_timeout;
		r.termination_action = rr->termination_action;
		r.vlan = rr->vlan;
	}
	auth_port_aaa_reply(port, s, s->aaa_seq, ar, &r, loop_now_ms());
	rearm(p);
}

static int op_aaa_send(void *ctx, struct auth_session *s,
		       const struct auth_aaa_req *rq)
{
	struct auth_iface *p = ctx;
	struct rad_access ra = {
		.user_name = rq->user_name,
		.user_password = rq->user_password,
		.eap = rq->eap,
		.eap_len = rq->eap_len,
		.state = rq->state,
		.state_len = rq->state_len,
		.called_station = p->cfg.nas_identifier[0] ?
				  p->cfg.nas_identifier : NULL,
		.nas_port_id = p->cfg.ifname,
		.nas_port = (uint32_t)p->ifindex,
		.nas_port_type = NAS_PORT_TYPE_ETHERNET,
		.service_type = rq->call_check ? SERVICE_CALL_CHECK :
						 SERVICE_FRAMED,
		.framed_mtu = rq->call_check ? 0 : AUTH_FRAMED_MTU,
	};
	int h;

	memcpy(ra.calling_station, rq->calling_station, 6);
	if (!p->rc)
		return -1;
	h = rad_client_access(p->rc, &ra, rad_done, s);
	if (h < 0) {
		log_rl(LOG_WARNING, "auth %s: cannot ask RADIUS: %s",
		       p->cfg.ifname, strerror(-h));
		return -1;
	}
	s->aaa_handle = h;
	return 0;
}

static void op_aaa_cancel(void *ctx, struct auth_session *s)
{
	struct auth_iface *p = ctx;

	if (p->rc && s->aaa_handle > 0)
		rad_client_cancel(p->rc, s->aaa_handle);
	s->aaa_handle = 0;
}

static void op_authorize(void *ctx, struct auth_session *s, bool on,
			 uint16_t vlan)
{
	struct auth_iface *p = ctx;
	const struct eapol_auth_ops *ops = p->a->ops;

	/*
	 * A guest or auth-fail VLAN exists to keep the device apart; until
	 * the bridge VLAN is set, opening the port would let it into the
	 * port's own VLAN instead: it stays shut (fail closed).
	 */
	if (on && (s->authz == AUTH_AZ_GUEST || s->authz == AUTH_AZ_FAILVLAN)) {
		log_rl(LOG_WARNING, "auth %s: %s VLAN %u not applied (bridge "
		       "VLAN assignment is not implemented): the device stays "
		       "shut", p->cfg.ifname, auth_authz_name(s->authz), vlan);
		on = false;
		vlan = 0;
	}
	if (ops && ops->authorize)
		ops->authorize(p->cfg.ifname,
			       p->acfg.mode == AUTH_MODE_MAC ? s->mac : NULL,
			       on, vlan, p->a->data);
}

static const struct auth_ops machine_ops = {
	.tx = op_tx,
	.aaa_send = op_aaa_send,
	.aaa_cancel = op_aaa_cancel,
	.authorize = op_authorize,
};

/* --- the interface ---------------------------------------------------- */

static void rx(void *data, const uint8_t src[6], const uint8_t *buf,
	       size_t len)
{
	struct auth_iface *p = data;

	auth_port_rx(&p->port, src, buf, len, loop_now_ms());
	rearm(p);
}

static void link_event(const struct netif_event *ev, void *data)
{
	struct auth_iface *p = data;
	const struct netif_link *l = ev->link;

	switch (ev->type) {
	case NETIF_LINK_DEL:
	case NETIF_LINK_DOWN:
	case NETIF_LINK_CARRIER_OFF:
		auth_port_link_down(&p->port, loop_now_ms());
		if (ev->type == NETIF_LINK_DEL) {
			eapol_io_free(p->io);
			p->io = NULL;
			p->ifindex = 0;
		}
		rearm(p);
		return;
	case NETIF_LINK_NEW:
	case NETIF_LINK_UP:
		break;
	default:
		return;
	}
	if (!p->io) {
		p->ifindex = l->index;
		p->io = eapol_io_new(p->a->loop, p->cfg.ifname, l->index, rx,
				     p);
	}
}

/* The RADIUS client of the port: its servers, one secret. */
static int radius_new(struct auth_iface *p)
{
	struct sockaddr_storage dst[AUTH_RADIUS_SERVERS_MAX];
	socklen_t dst_len[AUTH_RADIUS_SERVERS_MAX];
	struct rad_client_cfg *rc = calloc(1, sizeof(*rc));
	uint8_t secret[RAD_SECRET_MAX];
	size_t slen = 0;
	unsigned int i;
	char name[RAD_NAME_MAX];
	int r = -EINVAL;

	if (!rc)
		return -ENOMEM;
	r = rad_secret_read(p->cfg.secret_file, secret, &slen);
	if (r) {
		log_err("auth %s: %s: cannot read the RADIUS secret: %s",
			p->cfg.ifname, p->cfg.secret_file, strerror(-r));
		goto out;
	}
	for (i = 0; i < p->cfg.n_servers; i++) {
		const struct config_auth_server *sv = &p->cfg.servers[i];

		snprintf(name, sizeof(name), strchr(sv->addr, ':') ?
			 "[%s]:%u" : "%s:%u", sv->addr, sv->port);
		r = rad_addr_parse(name, RAD_PORT_AUTH, &dst[i], &dst_len[i]);
		if (r)
			goto out;
		memcpy(rc->server[i].name, name, sizeof(name));
		memcpy(rc->server[i].secret, secret, slen);
		rc->server[i].secret_len = slen;
	}
	rc->n_servers = p->cfg.n_servers;
	snprintf(rc->nas_identifier, sizeof(rc->nas_identifier), "%.*s",
		 (int)sizeof(rc->nas_identifier) - 1, p->cfg.nas_identifier);
	p->ru = rad_udp_new(p->a->loop, dst, dst_len, rc->n_servers, NULL, 0);
	if (!p->ru) {
		r = -errno;
		log_err("auth %s: cannot open the RADIUS sockets: %s",
			p->cfg.ifname, strerror(errno));
		goto out;
	}
	p->rc = rad_client_new(p->a->loop, rc, &rad_udp_ops, p->ru);
	if (!p->rc) {
		r = -errno;
		goto out;
	}
	rad_udp_attach(p->ru, p->rc);
	r = 0;
out:
	OPENSSL_cleanse(secret, sizeof(secret));
	OPENSSL_cleanse(rc, sizeof(*rc));
	free(rc);
	return r;
}

static void iface_free(struct auth_iface *p)
{
	if (!p)
		return;
	netif_unsubscribe(p->sub);
	/* the module drops its state of the port with the port itself */
	auth_port_link_down(&p->port, loop_now_ms());
	auth_port_fini(&p->port);
	rad_client_free(p->rc);
	rad_udp_free(p->ru);
	loop_timer_remove(p->timer);
	eapol_io_free(p->io);
	OPENSSL_cleanse(&p->cfg, sizeof(p->cfg));
	free(p);
}

static struct auth_iface *iface_new(struct eapol_auth *a,
				    const struct config_auth *cfg)
{
	struct auth_iface *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->a = a;
	p->cfg = *cfg;
	eapol_auth_cfg(&p->cfg, &p->acfg);
	if (auth_port_init(&p->port, p->cfg.ifname, &p->acfg, &machine_ops, p,
			   loop_now_ms())) {
		free(p);
		return NULL;
	}
	if (p->cfg.control == AUTH_CONTROL_AUTO && radius_new(p))
		log_err("auth %s: no RADIUS: every device stays shut",
			p->cfg.ifname);
	p->timer = loop_timer_add(a->loop, 0, 0, timer_cb, p);
	if (!p->timer)
		goto fail;
	loop_timer_disarm(p->timer);
	p->sub = netif_subscribe(a->netif, p->cfg.ifname, link_event, p);
	if (!p->sub)
		goto fail;
	return p;
fail:
	iface_free(p);
	return NULL;
}

struct eapol_auth *eapol_auth_new(struct loop *loop, struct netif *nf,
				  const struct eapol_auth_ops *ops, void *data)
{
	struct eapol_auth *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->loop = loop;
	a->netif = nf;
	a->ops = ops;
	a->data = data;
	return a;
}

void eapol_auth_free(struct eapol_auth *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++)
		iface_free(a->v[i]);
	free(a->v);
	free(a);
}

static bool cfg_equal(const struct config_auth *x,
		      const struct config_auth *y)
{
	struct config_auth a = *x, b = *y;
	bool eq;

	a.line = b.line = 0;
	eq = !memcmp(&a, &b, sizeof(a));
	OPENSSL_cleanse(&a, sizeof(a));
	OPENSSL_cleanse(&b, sizeof(b));
	return eq;
}

int eapol_auth_configure(struct eapol_auth *a, const struct config_auth *v,
			 size_t n)
{
	struct auth_iface **nv = calloc(n ? n : 1, sizeof(*nv));
	size_t i, j, k = 0;
	int r = 0;

	if (!nv)
		return -ENOMEM;
	for (i = 0; i < a->n; i++) {
		struct auth_iface *p = a->v[i];

		for (j = 0; j < n; j++)
			if (!strcmp(v[j].ifname, p->cfg.ifname))
				break;
		if (j < n && cfg_equal(&p->cfg, &v[j]))
			continue;
		log_info("auth %s: %s", p->cfg.ifname, j < n ?
			 "its settings changed: starting again" :
			 "removed from the configuration");
		iface_free(p);
		a->v[i] = NULL;
	}
	for (j = 0; j < n; j++) {
		struct auth_iface *p = NULL;

		for (i = 0; i < a->n; i++)
			if (a->v[i] && !strcmp(a->v[i]->cfg.ifname,
					       v[j].ifname)) {
				p = a->v[i];
				a->v[i] = NULL;
			}
		if (!p)
			p = iface_new(a, &v[j]);
		if (!p) {
			log_err("auth %s: cannot make its authenticator: %s",
				v[j].ifname, strerror(errno));
			r = -ENOMEM;
			continue;
		}
		p->cfg.line = v[j].line;
		nv[k++] = p;
	}
	free(a->v);
	a->v = nv;
	a->n = k;
	return r;
}

static struct auth_iface *find(const struct eapol_auth *a, const char *ifname)
{
	for (size_t i = 0; a && i < a->n; i++)
		if (!strcmp(a->v[i]->cfg.ifname, ifname))
			return a->v[i];
	return NULL;
}

void eapol_auth_seen(struct eapol_auth *a, int ifindex, const uint8_t mac[6])
{
	for (size_t i = 0; a && i < a->n; i++)
		if (a->v[i]->ifindex == ifindex && ifindex > 0) {
			auth_port_seen(&a->v[i]->port, mac, loop_now_ms());
			rearm(a->v[i]);
			return;
		}
}

int eapol_auth_reauth(struct eapol_auth *a, const char *ifname,
		      const uint8_t *mac)
{
	struct auth_iface *p = find(a, ifname);

	if (!p)
		return -ENOENT;
	auth_port_reauth(&p->port, mac, loop_now_ms());
	rearm(p);
	return 0;
}

size_t eapol_auth_n_ports(const struct eapol_auth *a)
{
	return a ? a->n : 0;
}

int eapol_auth_json(const struct eapol_auth *a, const char *ifname,
		    struct json *j)
{
	bool any = false;

	json_arr_begin(j);
	for (size_t i = 0; a && i < a->n; i++) {
		const struct auth_iface *p = a->v[i];

		if (ifname && strcmp(ifname, p->cfg.ifname))
			continue;
		any = true;
		json_obj_begin(j);
		auth_port_json(&p->port, j, loop_now_ms());
		json_ku64(j, "send_errors", p->send_errors);
		json_key(j, "radius");
		if (p->rc)
			rad_client_json(p->rc, j);
		else
			json_null(j);
		json_obj_end(j);
	}
	json_arr_end(j);
	return ifname && !any ? -ENOENT : 0;
}
