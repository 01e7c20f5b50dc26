// SPDX-License-Identifier: GPL-2.0
/*
 * The 802.1X authenticator engine: see auth.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "lib/json.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"
#include "eapol/auth.h"
#include "eapol/authsm.h"
#include "eapol/authvlan.h"
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

/* One accounting session (RFC 2866): from the authorization of an
 * auth_session to its end; at most one per auth_session. */
struct acct_sess {
	struct acct_sess *next;
	struct auth_iface *p;
	const struct auth_session *s;
	uint8_t mac[6];
	char id[24];			/* Acct-Session-Id */
	char user[AUTH_IDENTITY_MAX + 1];
	uint8_t class_[RAD_ATTR_MAX];
	size_t class_len;
	uint64_t start_ms;
	struct loop_timer *interim;	/* NULL: no Interim-Update */
};

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
	struct rad_client *ac;		/* accounting; NULL: none */
	struct rad_udp *au;
	struct acct_sess *acct;		/* the sessions being accounted */
	uint32_t term_cause;		/* 0: from the session */
	const struct rad_reply *accept;	/* during rad_done(): the reply */
	uint64_t send_errors;
	uint64_t vlan_refused;		/* authorized but kept shut */
};

struct eapol_auth {
	struct loop *loop;
	struct netif *netif;
	const struct eapol_auth_ops *ops;
	void *data;
	struct auth_iface **v;
	size_t n;
	uint32_t acct_seq;		/* Acct-Session-Ids, all ports */
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
	p->accept = res == RAD_ACCEPT ? rr : NULL;
	auth_port_aaa_reply(port, s, s->aaa_seq, ar, &r, loop_now_ms());
	p->accept = NULL;
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

/* --- accounting (RFC 2866) ----------------------------------------------- */

static void acct_send(struct acct_sess *as, uint32_t type, uint32_t cause)
{
	struct auth_iface *p = as->p;
	uint64_t now = loop_now_ms();
	struct rad_acct ra = {
		.status_type = type,
		.session_id = as->id,
		.user_name = as->user,
		.class_ = as->class_,
		.class_len = as->class_len,
		.called_station = p->cfg.nas_identifier[0] ?
				  p->cfg.nas_identifier : NULL,
		.nas_port_id = p->cfg.ifname,
		.nas_port = (uint32_t)p->ifindex,
		.nas_port_type = NAS_PORT_TYPE_ETHERNET,
		.event_time = (uint32_t)time(NULL),
		.session_time = (uint32_t)((now - as->start_ms) / 1000),
		.terminate_cause = cause,
	};
	int h;

	memcpy(ra.calling_station, as->mac, 6);
	h = rad_client_account(p->ac, &ra, NULL, NULL);
	if (h < 0)
		log_rl(LOG_WARNING, "auth %s: cannot send an "
		       "Accounting-Request: %s", p->cfg.ifname, strerror(-h));
}

static void acct_interim(struct loop_timer *t, void *data)
{
	acct_send(data, RAD_ACCT_INTERIM, 0);
}

static struct acct_sess **acct_find(struct auth_iface *p,
				    const struct auth_session *s)
{
	struct acct_sess **pp;

	for (pp = &p->acct; *pp; pp = &(*pp)->next)
		if ((*pp)->s == s)
			return pp;
	return NULL;
}

/* The session is authorized: a Start, unless it is accounted already. */
static void acct_start(struct auth_iface *p, const struct auth_session *s)
{
	const struct rad_reply *rr = p->accept;
	struct acct_sess *as;
	uint32_t iv = p->cfg.acct_interim_interval;
	char mac[18];

	if (!p->ac || acct_find(p, s))
		return;
	as = calloc(1, sizeof(*as));
	if (!as) {
		log_rl(LOG_WARNING, "auth %s: no memory for accounting",
		       p->cfg.ifname);
		return;
	}
	as->p = p;
	as->s = s;
	memcpy(as->mac, s->mac, 6);
	as->start_ms = loop_now_ms();
	/* unique for the NAS: the time it began and a counter of all
	 * the ports' sessions */
	snprintf(as->id, sizeof(as->id), "%08X-%08X",
		 (unsigned int)time(NULL), ++p->a->acct_seq);
	if (s->identity[0]) {
		snprintf(as->user, sizeof(as->user), "%s", s->identity);
	} else {
		rad_format_mac(mac, s->mac);
		snprintf(as->user, sizeof(as->user), "%s", mac);
	}
	if (rr && rr->class_len) {
		memcpy(as->class_, rr->class_, rr->class_len);
		as->class_len = rr->class_len;
	}
	/* RFC 2869 §5.16: not below 60 s from the server */
	if (!iv && rr && rr->acct_interim_interval)
		iv = rr->acct_interim_interval < 60 ? 60 :
		     rr->acct_interim_interval;
	if (iv) {
		as->interim = loop_timer_add(p->a->loop, iv * 1000ull,
					     iv * 1000ull, acct_interim, as);
		if (!as->interim)
			log_rl(LOG_WARNING, "auth %s: no Interim-Update timer",
			       p->cfg.ifname);
	}
	as->next = p->acct;
	p->acct = as;
	acct_send(as, RAD_ACCT_START, 0);
}

/* RFC 3580 §3.22's mapping, as far as the engine knows why. */
static uint32_t acct_cause(const struct auth_iface *p,
			   const struct auth_session *s)
{
	if (p->term_cause)
		return p->term_cause;
	if (s->logoff)
		return RAD_TERM_USER_REQUEST;
	if (s->last_why && !strcmp(s->last_why, "Session-Timeout"))
		return RAD_TERM_SESSION_TIMEOUT;
	return RAD_TERM_NAS_REQUEST;
}

static void acct_stop(struct auth_iface *p, const struct auth_session *s)
{
	struct acct_sess **pp = p->ac ? acct_find(p, s) : NULL;
	struct acct_sess *as;

	if (!pp)
		return;
	as = *pp;
	*pp = as->next;
	loop_timer_remove(as->interim);
	acct_send(as, RAD_ACCT_STOP, acct_cause(p, s));
	free(as);
}

/*
 * The machines' decision, as the module and the bridge must carry it out
 * (eapol/authvlan.h): a session kept shut by it stays authorized in the
 * machines (and shows so), the module is told to shut it.  Returns
 * whether the device is let in.
 */
static bool apply(struct auth_iface *p, struct auth_session *s, bool on,
		  uint16_t vlan)
{
	const struct eapol_auth_ops *ops = p->a->ops;
	struct auth_apply ap;

	auth_apply_decide(p->acfg.mode, on ? s->authz : AUTH_AZ_NONE, vlan,
			  &ap);
	if (ap.why) {
		p->vlan_refused++;
		log_rl(LOG_WARNING, "auth %s: %s VLAN %u not applied (%s): "
		       "the device stays shut", p->cfg.ifname,
		       auth_authz_name(s->authz), vlan, ap.why);
	}
	if (ops && ops->authorize)
		ops->authorize(p->cfg.ifname,
			       p->acfg.mode == AUTH_MODE_MAC ? s->mac : NULL,
			       ap.open, ap.vlan, p->a->data);
	return ap.open;
}

static void op_authorize(void *ctx, struct auth_session *s, bool on,
			 uint16_t vlan)
{
	struct auth_iface *p = ctx;

	/* Accounted only while the device is let in. */
	if (apply(p, s, on, vlan))
		acct_start(p, s);
	else
		acct_stop(p, s);
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
		p->term_cause = RAD_TERM_LOST_CARRIER;
		auth_port_link_down(&p->port, loop_now_ms());
		p->term_cause = 0;
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

/*
 * A RADIUS client of the port (authentication or accounting): its
 * servers, one secret read from file, its UDP sockets in *ru and the
 * client in *c.  0 or -errno.
 */
static int rad_new(struct auth_iface *p, const struct config_auth_server *sv,
		   unsigned int n, const char *file, bool accounting,
		   struct rad_udp **ru, struct rad_client **c)
{
	const char *what = accounting ? "RADIUS accounting" : "RADIUS";
	struct sockaddr_storage dst[AUTH_RADIUS_SERVERS_MAX];
	socklen_t dst_len[AUTH_RADIUS_SERVERS_MAX];
	struct rad_client_cfg *rc = calloc(1, sizeof(*rc));
	uint8_t secret[RAD_SECRET_MAX];
	size_t slen = 0;
	unsigned int i;
	char name[RAD_NAME_MAX];
	int r;

	if (!rc)
		return -ENOMEM;
	r = rad_secret_read(file, secret, &slen);
	if (r) {
		log_err("auth %s: %s: cannot read the %s secret: %s",
			p->cfg.ifname, file, what, strerror(-r));
		goto out;
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), strchr(sv[i].addr, ':') ?
			 "[%s]:%u" : "%s:%u", sv[i].addr, sv[i].port);
		r = rad_addr_parse(name, accounting ? RAD_PORT_ACCT :
				   RAD_PORT_AUTH, &dst[i], &dst_len[i]);
		if (r)
			goto out;
		memcpy(rc->server[i].name, name, sizeof(name));
		memcpy(rc->server[i].secret, secret, slen);
		rc->server[i].secret_len = slen;
	}
	rc->n_servers = n;
	rc->accounting = accounting;
	snprintf(rc->nas_identifier, sizeof(rc->nas_identifier), "%.*s",
		 (int)sizeof(rc->nas_identifier) - 1, p->cfg.nas_identifier);
	*ru = rad_udp_new(p->a->loop, dst, dst_len, rc->n_servers, NULL, 0);
	if (!*ru) {
		r = -errno;
		log_err("auth %s: cannot open the %s sockets: %s",
			p->cfg.ifname, what, strerror(errno));
		goto out;
	}
	*c = rad_client_new(p->a->loop, rc, &rad_udp_ops, *ru);
	if (!*c) {
		r = -errno;
		goto out;
	}
	rad_udp_attach(*ru, *c);
	r = 0;
out:
	OPENSSL_cleanse(secret, sizeof(secret));
	OPENSSL_cleanse(rc, sizeof(*rc));
	free(rc);
	return r;
}

/* The authentication client: its servers, one secret. */
static int radius_new(struct auth_iface *p)
{
	return rad_new(p, p->cfg.servers, p->cfg.n_servers,
		       p->cfg.secret_file, false, &p->ru, &p->rc);
}

/* The accounting client: its servers, its secret (or the port's). */
static int acct_new(struct auth_iface *p)
{
	return rad_new(p, p->cfg.acct_servers, p->cfg.n_acct_servers,
		       p->cfg.acct_secret_file[0] ? p->cfg.acct_secret_file :
						    p->cfg.secret_file,
		       true, &p->au, &p->ac);
}

/* cause: the Acct-Terminate-Cause of the sessions it ends. */
static void iface_free(struct auth_iface *p, uint32_t cause)
{
	if (!p)
		return;
	netif_unsubscribe(p->sub);
	/* the module drops its state of the port with the port itself;
	 * each Stop goes out once, with no retransmission */
	p->term_cause = cause;
	auth_port_link_down(&p->port, loop_now_ms());
	auth_port_fini(&p->port);
	while (p->acct) {
		struct acct_sess *as = p->acct;

		p->acct = as->next;
		loop_timer_remove(as->interim);
		free(as);
	}
	rad_client_free(p->ac);
	rad_udp_free(p->au);
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
	if (p->cfg.n_acct_servers && acct_new(p))
		log_err("auth %s: no RADIUS accounting", p->cfg.ifname);
	p->timer = loop_timer_add(a->loop, 0, 0, timer_cb, p);
	if (!p->timer)
		goto fail;
	loop_timer_disarm(p->timer);
	p->sub = netif_subscribe(a->netif, p->cfg.ifname, link_event, p);
	if (!p->sub)
		goto fail;
	return p;
fail:
	iface_free(p, RAD_TERM_NAS_ERROR);
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
		iface_free(a->v[i], RAD_TERM_NAS_REBOOT);
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
		iface_free(p, RAD_TERM_ADMIN_RESET);
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

void eapol_auth_replay(struct eapol_auth *a)
{
	size_t i, k, n = 0;

	for (i = 0; a && i < a->n; i++) {
		struct auth_iface *p = a->v[i];

		for (k = 0; k < p->port.n_sessions; k++) {
			struct auth_session *s = p->port.sessions[k];

			if (!auth_session_authorized(s))
				continue;
			apply(p, s, true, s->vlan);
			n++;
		}
	}
	if (n)
		log_info("auth: %zu authorization%s sent to the module again",
			 n, n == 1 ? "" : "s");
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
		json_ku64(j, "vlan_refused", p->vlan_refused);
		json_key(j, "radius");
		if (p->rc)
			rad_client_json(p->rc, j);
		else
			json_null(j);
		json_key(j, "radius_accounting");
		if (p->ac)
			rad_client_json(p->ac, j);
		else
			json_null(j);
		json_obj_end(j);
	}
	json_arr_end(j);
	return ifname && !any ? -ENOENT : 0;
}
