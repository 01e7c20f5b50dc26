// SPDX-License-Identifier: GPL-2.0
/*
 * DHCPv6 messages and relay messages: parsing and building.  See wire.h.
 *
 * Every option list (a message's, an IA's, an IAADDR's, a relay's) is
 * walked with the bounded cursor of lib/bytes.h by opt_next(): a header
 * or value that runs past its container is "opt-trunc".  The nesting
 * inside a message is fixed (message, IA, IAADDR/IAPREFIX, Status Code)
 * and each level has its own function; the nesting of relay messages is
 * unbounded on the wire and is walked by dhcp6_packet_parse() in a loop
 * with a depth counter.
 *
 * RFC 8415 §21: "Unless otherwise noted, each option may appear only in
 * the options area of a DHCP message and may appear only once."  The
 * options we decode that may come once are tracked in a bitmap per
 * option list; a second one is "dup".  Options found where they do not
 * belong (an IAADDR at the top, an Interface-ID in a client's message)
 * are ignored, as §16 asks ("it SHOULD ignore those options"), and so
 * are options we do not know.
 */
#include <string.h>

#include "dhcp6/wire.h"
#include "lib/bytes.h"

#define OPT_HDR_LEN	4
#define IA_NA_FIXED	12	/* IAID, T1, T2 */
#define IA_TA_FIXED	4	/* IAID */
#define IAADDR_FIXED	24	/* address, preferred, valid */
#define IAPREFIX_FIXED	25	/* preferred, valid, length, prefix */
#define REMOTE_ID_MIN	5	/* enterprise number and one byte */
#define NAME_WIRE_MAX	255

static const char *const err_names[DHCP6_ERR_MAX] = {
	[DHCP6_OK] = "ok",
	[DHCP6_ERR_SHORT] = "short",
	[DHCP6_ERR_LONG] = "long",
	[DHCP6_ERR_TYPE] = "type",
	[DHCP6_ERR_OPT_TRUNC] = "opt-trunc",
	[DHCP6_ERR_OPT_LEN] = "opt-len",
	[DHCP6_ERR_OPT_VALUE] = "opt-value",
	[DHCP6_ERR_DUP] = "dup",
	[DHCP6_ERR_DUID] = "duid",
	[DHCP6_ERR_IA_DUP] = "ia-dup",
	[DHCP6_ERR_TOO_MANY] = "too-many",
	[DHCP6_ERR_AUTH] = "auth",
	[DHCP6_ERR_DOMAIN] = "domain",
	[DHCP6_ERR_NO_CLIENT_ID] = "no-client-id",
	[DHCP6_ERR_NO_SERVER_ID] = "no-server-id",
	[DHCP6_ERR_SERVER_ID] = "server-id",
	[DHCP6_ERR_IA_FORBIDDEN] = "ia-forbidden",
	[DHCP6_ERR_NO_RECONF_MSG] = "no-reconf-msg",
	[DHCP6_ERR_NO_AUTH] = "no-auth",
	[DHCP6_ERR_NO_RELAY_MSG] = "no-relay-msg",
	[DHCP6_ERR_RELAY_INNER] = "relay-inner",
	[DHCP6_ERR_DEPTH] = "depth",
};

const char *dhcp6_err_name(enum dhcp6_err e)
{
	if ((unsigned int)e >= DHCP6_ERR_MAX)
		return "unknown";
	return err_names[e];
}

static const char *const type_names[DHCP6_TYPE_MAX + 1] = {
	[DHCP6_NONE] = "NONE",
	[DHCP6_SOLICIT] = "SOLICIT",
	[DHCP6_ADVERTISE] = "ADVERTISE",
	[DHCP6_REQUEST] = "REQUEST",
	[DHCP6_CONFIRM] = "CONFIRM",
	[DHCP6_RENEW] = "RENEW",
	[DHCP6_REBIND] = "REBIND",
	[DHCP6_REPLY] = "REPLY",
	[DHCP6_RELEASE] = "RELEASE",
	[DHCP6_DECLINE] = "DECLINE",
	[DHCP6_RECONFIGURE] = "RECONFIGURE",
	[DHCP6_INFORMATION_REQUEST] = "INFORMATION-REQUEST",
	[DHCP6_RELAY_FORW] = "RELAY-FORW",
	[DHCP6_RELAY_REPL] = "RELAY-REPL",
};

const char *dhcp6_type_name(unsigned int t)
{
	if (t > DHCP6_TYPE_MAX)
		return "unknown";
	return type_names[t];
}

/* ---- walking options ---- */

struct opt {
	uint16_t code;
	uint16_t len;
	const uint8_t *v;
};

/*
 * The next option of a list: true with *o filled; false at the end of
 * the list (*e untouched) or when the option runs past it (*e set).
 */
static bool opt_next(struct cur *c, struct opt *o, enum dhcp6_err *e)
{
	if (!cur_left(c))
		return false;
	o->code = cur_be16(c);
	o->len = cur_be16(c);
	o->v = cur_take(c, o->len);
	if (!cur_ok(c)) {
		*e = DHCP6_ERR_OPT_TRUNC;
		return false;
	}
	return true;
}

/* The options we track once are all below 128. */
struct seen {
	uint64_t bits[2];
};

/* false when code was seen before in this list. */
static bool once(struct seen *s, uint16_t code)
{
	uint64_t bit = 1ull << (code & 63);

	if (code >= 128)
		return true;
	if (s->bits[code >> 6] & bit)
		return false;
	s->bits[code >> 6] |= bit;
	return true;
}

static struct dhcp6_bytes bytes_of(const struct opt *o, size_t skip)
{
	struct dhcp6_bytes b = { o->v + skip, (uint16_t)(o->len - skip) };

	return b;
}

/* ---- values ---- */

bool dhcp6_duid_valid(const uint8_t *p, size_t len)
{
	if (len < DHCP6_DUID_MIN || len > DHCP6_DUID_MAX)
		return false;
	switch (get_be16(p)) {
	case DHCP6_DUID_LLT:		/* hardware type, time, address */
		return len >= 2 + 2 + 4 + 1;
	case DHCP6_DUID_EN:		/* enterprise number, identifier */
		return len >= 2 + 4 + 1;
	case DHCP6_DUID_LL:		/* hardware type, address */
		return len >= 2 + 2 + 1;
	case DHCP6_DUID_UUID:		/* RFC 6355 */
		return len == 2 + 16;
	default:			/* §11: opaque to us */
		return true;
	}
}

static enum dhcp6_err duid(const struct opt *o, struct dhcp6_duid *d)
{
	if (!dhcp6_duid_valid(o->v, o->len))
		return DHCP6_ERR_DUID;
	d->type = get_be16(o->v);
	d->bytes = bytes_of(o, 0);
	return DHCP6_OK;
}

static enum dhcp6_err status(const struct opt *o, struct seen *s,
			     struct dhcp6_status *st)
{
	if (!once(s, o->code))
		return DHCP6_ERR_DUP;
	if (o->len < 2)
		return DHCP6_ERR_OPT_LEN;
	st->present = true;
	st->code = get_be16(o->v);
	st->text = bytes_of(o, 2);
	return DHCP6_OK;
}

/* The options inside an IAADDR or IAPREFIX: a Status Code. */
static enum dhcp6_err addr_options(struct cur *c, struct dhcp6_iaaddr *a)
{
	enum dhcp6_err e = DHCP6_OK;
	struct seen s = { { 0 } };
	struct opt o;

	while (opt_next(c, &o, &e)) {
		if (o.code != DHCP6_OPT_STATUS_CODE)
			continue;
		e = status(&o, &s, &a->status);
		if (e)
			return e;
	}
	return e;
}

static enum dhcp6_err iaaddr(const struct opt *o, struct dhcp6_ia *ia)
{
	struct cur c = cur_init(o->v, o->len);
	struct dhcp6_iaaddr *a;

	if (o->len < IAADDR_FIXED)
		return DHCP6_ERR_OPT_LEN;
	if (ia->n_addrs >= DHCP6_ADDRS_PER_IA_MAX)
		return DHCP6_ERR_TOO_MANY;
	a = &ia->addrs[ia->n_addrs++];
	cur_copy(&c, &a->addr, 16);
	a->plen = 128;
	a->preferred = cur_be32(&c);
	a->valid = cur_be32(&c);
	return addr_options(&c, a);
}

static enum dhcp6_err iaprefix(const struct opt *o, struct dhcp6_ia *ia)
{
	struct cur c = cur_init(o->v, o->len);
	struct dhcp6_iaaddr *a;

	if (o->len < IAPREFIX_FIXED)
		return DHCP6_ERR_OPT_LEN;
	if (ia->n_addrs >= DHCP6_ADDRS_PER_IA_MAX)
		return DHCP6_ERR_TOO_MANY;
	a = &ia->addrs[ia->n_addrs++];
	a->preferred = cur_be32(&c);
	a->valid = cur_be32(&c);
	a->plen = cur_u8(&c);
	cur_copy(&c, &a->addr, 16);
	if (a->plen > 128)
		return DHCP6_ERR_OPT_VALUE;
	return addr_options(&c, a);
}

/* IA_NA, IA_TA (RFC 8415 §21.4, §21.5) and IA_PD (§21.21). */
static enum dhcp6_err ia(const struct opt *o, struct dhcp6_msg *m)
{
	size_t fixed = o->code == DHCP6_OPT_IA_TA ? IA_TA_FIXED : IA_NA_FIXED;
	uint16_t inner = o->code == DHCP6_OPT_IA_PD ? DHCP6_OPT_IAPREFIX :
						      DHCP6_OPT_IAADDR;
	struct cur c = cur_init(o->v, o->len);
	enum dhcp6_err e = DHCP6_OK;
	struct seen s = { { 0 } };
	struct dhcp6_ia *x;
	struct opt so;
	unsigned int i;

	if (o->len < fixed)
		return DHCP6_ERR_OPT_LEN;
	if (m->n_ia >= DHCP6_IA_MAX)
		return DHCP6_ERR_TOO_MANY;
	x = &m->ia[m->n_ia];
	memset(x, 0, sizeof(*x));
	x->kind = o->code;
	x->iaid = cur_be32(&c);
	if (o->code != DHCP6_OPT_IA_TA) {
		x->t1 = cur_be32(&c);
		x->t2 = cur_be32(&c);
	}
	for (i = 0; i < m->n_ia; i++)
		if (m->ia[i].kind == x->kind && m->ia[i].iaid == x->iaid)
			return DHCP6_ERR_IA_DUP;
	m->n_ia++;
	while (opt_next(&c, &so, &e)) {
		if (so.code == DHCP6_OPT_STATUS_CODE)
			e = status(&so, &s, &x->status);
		else if (so.code == inner && inner == DHCP6_OPT_IAADDR)
			e = iaaddr(&so, x);
		else if (so.code == inner)
			e = iaprefix(&so, x);
		if (e)
			return e;
	}
	return e;
}

static enum dhcp6_err auth(const struct opt *o, struct dhcp6_auth *a)
{
	struct cur c = cur_init(o->v, o->len);

	if (o->len < DHCP6_AUTH_FIXED_LEN)
		return DHCP6_ERR_OPT_LEN;
	a->proto = cur_u8(&c);
	a->algo = cur_u8(&c);
	a->rdm = cur_u8(&c);
	a->replay = cur_be64(&c);
	a->info = bytes_of(o, DHCP6_AUTH_FIXED_LEN);
	/* RFC 8415 §20.4: the reconfigure key protocol's only shape. */
	if (a->proto == DHCP6_AUTH_PROTO_RECONF &&
	    (a->algo != DHCP6_AUTH_ALGO_HMAC_MD5 ||
	     a->rdm != DHCP6_AUTH_RDM_COUNTER ||
	     a->info.len != 1 + DHCP6_RECONF_KEY_LEN ||
	     (a->info.p[0] != DHCP6_RECONF_KEY &&
	      a->info.p[0] != DHCP6_RECONF_HMAC)))
		return DHCP6_ERR_AUTH;
	return DHCP6_OK;
}

static bool name_char_ok(uint8_t ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
}

/*
 * RFC 8415 §10, RFC 3646 §4: a list of domain names in uncompressed wire
 * form.  A compression pointer or a reserved label type, a name longer
 * than 255 bytes or one cut short by the end of the option refuse the
 * option.  A name holding other than letters, digits, '-' and '_' in a
 * label, or the root alone, is skipped.
 */
static enum dhcp6_err domains(const struct opt *o, struct dhcp6_msg *m)
{
	size_t pos = 0, len = o->len;
	const uint8_t *v = o->v;

	if (!len)
		return DHCP6_ERR_OPT_LEN;
	m->domains_raw = bytes_of(o, 0);
	while (pos < len) {
		char name[NAME_WIRE_MAX + 1];
		size_t nlen = 0, start = pos;
		bool ok = true;

		for (;;) {
			uint8_t l;

			if (pos >= len)
				return DHCP6_ERR_DOMAIN;
			l = v[pos++];
			if (l == 0)
				break;
			if (l > 63 || l > len - pos)
				return DHCP6_ERR_DOMAIN;
			if (pos + l - start + 1 > NAME_WIRE_MAX)
				return DHCP6_ERR_DOMAIN;
			if (nlen)
				name[nlen++] = '.';
			for (size_t i = 0; i < l; i++) {
				if (!name_char_ok(v[pos + i]))
					ok = false;
				name[nlen++] = (char)v[pos + i];
			}
			pos += l;
		}
		name[nlen] = '\0';
		if (ok && nlen && m->n_domains < DHCP6_DOMAINS_MAX)
			memcpy(m->domains[m->n_domains++], name, nlen + 1);
	}
	return DHCP6_OK;
}

static enum dhcp6_err u32_opt(const struct opt *o, bool *has, uint32_t *x)
{
	if (o->len != 4)
		return DHCP6_ERR_OPT_LEN;
	*has = true;
	*x = get_be32(o->v);
	return DHCP6_OK;
}

/* One option of a client/server message. */
static enum dhcp6_err msg_option(const struct opt *o, struct seen *s,
				 struct dhcp6_msg *m)
{
	unsigned int i;

	switch (o->code) {
	case DHCP6_OPT_IA_NA:
	case DHCP6_OPT_IA_TA:
	case DHCP6_OPT_IA_PD:
		return ia(o, m);
	case DHCP6_OPT_STATUS_CODE:
		return status(o, s, &m->status);
	case DHCP6_OPT_CLIENTID:
	case DHCP6_OPT_SERVERID:
	case DHCP6_OPT_ORO:
	case DHCP6_OPT_PREFERENCE:
	case DHCP6_OPT_ELAPSED_TIME:
	case DHCP6_OPT_AUTH:
	case DHCP6_OPT_UNICAST:
	case DHCP6_OPT_RAPID_COMMIT:
	case DHCP6_OPT_RECONF_MSG:
	case DHCP6_OPT_RECONF_ACCEPT:
	case DHCP6_OPT_DNS_SERVERS:
	case DHCP6_OPT_DOMAIN_LIST:
	case DHCP6_OPT_SOL_MAX_RT:
	case DHCP6_OPT_INF_MAX_RT:
		if (!once(s, o->code))
			return DHCP6_ERR_DUP;
		break;
	default:
		return DHCP6_OK;	/* not ours, or not here: ignored */
	}

	switch (o->code) {
	case DHCP6_OPT_CLIENTID:
		m->has_client_id = true;
		return duid(o, &m->client_id);
	case DHCP6_OPT_SERVERID:
		m->has_server_id = true;
		return duid(o, &m->server_id);
	case DHCP6_OPT_ORO:
		if (o->len % 2)
			return DHCP6_ERR_OPT_LEN;
		if (o->len / 2 > DHCP6_ORO_MAX)
			return DHCP6_ERR_TOO_MANY;
		m->has_oro = true;
		m->n_oro = (uint8_t)(o->len / 2);
		for (i = 0; i < m->n_oro; i++)
			m->oro[i] = get_be16(o->v + 2 * i);
		return DHCP6_OK;
	case DHCP6_OPT_PREFERENCE:
		if (o->len != 1)
			return DHCP6_ERR_OPT_LEN;
		m->has_preference = true;
		m->preference = o->v[0];
		return DHCP6_OK;
	case DHCP6_OPT_ELAPSED_TIME:
		if (o->len != 2)
			return DHCP6_ERR_OPT_LEN;
		m->has_elapsed = true;
		m->elapsed = get_be16(o->v);
		return DHCP6_OK;
	case DHCP6_OPT_AUTH:
		m->has_auth = true;
		return auth(o, &m->auth);
	case DHCP6_OPT_UNICAST:
		if (o->len != 16)
			return DHCP6_ERR_OPT_LEN;
		m->has_unicast = true;
		memcpy(&m->unicast, o->v, 16);
		return DHCP6_OK;
	case DHCP6_OPT_RAPID_COMMIT:
	case DHCP6_OPT_RECONF_ACCEPT:
		if (o->len)
			return DHCP6_ERR_OPT_LEN;
		if (o->code == DHCP6_OPT_RAPID_COMMIT)
			m->rapid_commit = true;
		else
			m->reconf_accept = true;
		return DHCP6_OK;
	case DHCP6_OPT_RECONF_MSG:
		if (o->len != 1)
			return DHCP6_ERR_OPT_LEN;
		/* RFC 8415 §21.19: Renew, Rebind or Information-request. */
		if (o->v[0] != DHCP6_RENEW && o->v[0] != DHCP6_REBIND &&
		    o->v[0] != DHCP6_INFORMATION_REQUEST)
			return DHCP6_ERR_OPT_VALUE;
		m->has_reconf_msg = true;
		m->reconf_msg = o->v[0];
		return DHCP6_OK;
	case DHCP6_OPT_DNS_SERVERS:
		if (!o->len || o->len % 16)
			return DHCP6_ERR_OPT_LEN;
		m->has_dns = true;
		for (i = 0; i < o->len / 16u && i < DHCP6_DNS_MAX; i++)
			memcpy(&m->dns[i], o->v + 16 * i, 16);
		m->n_dns = (uint8_t)i;
		return DHCP6_OK;
	case DHCP6_OPT_DOMAIN_LIST:
		m->has_domains = true;
		return domains(o, m);
	case DHCP6_OPT_SOL_MAX_RT:
		return u32_opt(o, &m->has_sol_max_rt, &m->sol_max_rt);
	default:	/* DHCP6_OPT_INF_MAX_RT */
		return u32_opt(o, &m->has_inf_max_rt, &m->inf_max_rt);
	}
}

/* RFC 8415 §16.2-§16.12: what each type must and must not carry. */
static enum dhcp6_err check_type(const struct dhcp6_msg *m)
{
	bool client = true, server = true, no_server = false;

	switch (m->type) {
	case DHCP6_SOLICIT:
	case DHCP6_CONFIRM:
	case DHCP6_REBIND:
		server = false;
		no_server = true;
		break;
	case DHCP6_ADVERTISE:
	case DHCP6_REQUEST:
	case DHCP6_RENEW:
	case DHCP6_RELEASE:
	case DHCP6_DECLINE:
		break;
	case DHCP6_REPLY:	/* a reply to an INFORMATION-REQUEST... */
		client = false;	/* ...without one has none */
		break;
	case DHCP6_RECONFIGURE:
		if (!m->has_client_id)
			return DHCP6_ERR_NO_CLIENT_ID;
		if (!m->has_server_id)
			return DHCP6_ERR_NO_SERVER_ID;
		if (!m->has_reconf_msg)
			return DHCP6_ERR_NO_RECONF_MSG;
		if (!m->has_auth)
			return DHCP6_ERR_NO_AUTH;
		return DHCP6_OK;
	default:		/* DHCP6_INFORMATION_REQUEST */
		if (m->n_ia)
			return DHCP6_ERR_IA_FORBIDDEN;
		return DHCP6_OK;
	}
	if (client && !m->has_client_id)
		return DHCP6_ERR_NO_CLIENT_ID;
	if (server && !m->has_server_id)
		return DHCP6_ERR_NO_SERVER_ID;
	if (no_server && m->has_server_id)
		return DHCP6_ERR_SERVER_ID;
	return DHCP6_OK;
}

enum dhcp6_err dhcp6_msg_parse(const uint8_t *buf, size_t len,
			       struct dhcp6_msg *m)
{
	enum dhcp6_err e = DHCP6_OK;
	struct seen s = { { 0 } };
	struct cur c;
	struct opt o;

	memset(m, 0, sizeof(*m));
	if (len < DHCP6_HDR_LEN)
		return DHCP6_ERR_SHORT;
	if (len > DHCP6_MSG_MAX)
		return DHCP6_ERR_LONG;
	if (buf[0] < DHCP6_SOLICIT || buf[0] > DHCP6_INFORMATION_REQUEST)
		return DHCP6_ERR_TYPE;
	m->type = buf[0];
	m->xid = get_be32(buf) & 0xffffff;
	c = cur_init(buf + DHCP6_HDR_LEN, len - DHCP6_HDR_LEN);
	while (opt_next(&c, &o, &e)) {
		e = msg_option(&o, &s, m);
		if (e)
			return e;
	}
	if (e)
		return e;
	return check_type(m);
}

/* ---- relay messages ---- */

enum dhcp6_err dhcp6_relay_parse(const uint8_t *buf, size_t len,
				 struct dhcp6_relay *r)
{
	enum dhcp6_err e = DHCP6_OK;
	struct seen s = { { 0 } };
	bool has_msg = false;
	struct cur c;
	struct opt o;

	memset(r, 0, sizeof(*r));
	if (len < 1)
		return DHCP6_ERR_SHORT;
	if (buf[0] != DHCP6_RELAY_FORW && buf[0] != DHCP6_RELAY_REPL)
		return DHCP6_ERR_TYPE;
	if (len < DHCP6_RELAY_HDR_LEN)
		return DHCP6_ERR_SHORT;
	if (len > DHCP6_MSG_MAX)
		return DHCP6_ERR_LONG;
	r->type = buf[0];
	r->hop_count = buf[1];
	memcpy(&r->link, buf + 2, 16);
	memcpy(&r->peer, buf + 18, 16);
	c = cur_init(buf + DHCP6_RELAY_HDR_LEN, len - DHCP6_RELAY_HDR_LEN);
	while (opt_next(&c, &o, &e)) {
		switch (o.code) {
		case DHCP6_OPT_RELAY_MSG:
		case DHCP6_OPT_INTERFACE_ID:
		case DHCP6_OPT_REMOTE_ID:
		case DHCP6_OPT_SUBSCRIBER_ID:
		case DHCP6_OPT_CLIENT_LLADDR:
			if (!once(&s, o.code))
				return DHCP6_ERR_DUP;
			break;
		default:
			continue;
		}
		switch (o.code) {
		case DHCP6_OPT_RELAY_MSG:
			has_msg = true;
			r->msg = bytes_of(&o, 0);
			break;
		case DHCP6_OPT_INTERFACE_ID:
			if (!o.len)
				return DHCP6_ERR_OPT_LEN;
			r->has_interface_id = true;
			r->interface_id = bytes_of(&o, 0);
			break;
		case DHCP6_OPT_REMOTE_ID:	/* RFC 4649 §3 */
			if (o.len < REMOTE_ID_MIN)
				return DHCP6_ERR_OPT_LEN;
			r->has_remote_id = true;
			r->remote_enterprise = get_be32(o.v);
			r->remote_id = bytes_of(&o, 4);
			break;
		case DHCP6_OPT_CLIENT_LLADDR:	/* RFC 6939 §4 */
			/* A type and at least one byte of address. */
			if (o.len < 3)
				return DHCP6_ERR_OPT_LEN;
			r->has_client_lladdr = true;
			r->client_lltype = get_be16(o.v);
			r->client_lladdr = bytes_of(&o, 2);
			break;
		default:			/* RFC 4580 §2 */
			if (!o.len)
				return DHCP6_ERR_OPT_LEN;
			r->has_subscriber_id = true;
			r->subscriber_id = bytes_of(&o, 0);
			break;
		}
	}
	if (e)
		return e;
	if (!has_msg)
		return DHCP6_ERR_NO_RELAY_MSG;
	return DHCP6_OK;
}

bool dhcp6_packet_client_mac(const struct dhcp6_packet *pk, uint8_t mac[6])
{
	const struct dhcp6_relay *r;

	if (!pk->n_relays || pk->n_relays > DHCP6_RELAY_DEPTH_MAX)
		return false;
	r = &pk->relays[pk->n_relays - 1];
	if (!r->has_client_lladdr || r->client_lltype != 1 ||
	    r->client_lladdr.len != 6)
		return false;
	memcpy(mac, r->client_lladdr.p, 6);
	return true;
}

static bool from_client(uint8_t t)
{
	return t == DHCP6_SOLICIT || t == DHCP6_REQUEST ||
	       t == DHCP6_CONFIRM || t == DHCP6_RENEW || t == DHCP6_REBIND ||
	       t == DHCP6_RELEASE || t == DHCP6_DECLINE ||
	       t == DHCP6_INFORMATION_REQUEST;
}

static bool from_server(uint8_t t)
{
	return t == DHCP6_ADVERTISE || t == DHCP6_REPLY ||
	       t == DHCP6_RECONFIGURE;
}

enum dhcp6_err dhcp6_packet_parse(const uint8_t *buf, size_t len,
				  struct dhcp6_packet *pk)
{
	const uint8_t *p = buf;
	size_t n = len;
	unsigned int depth;

	pk->n_relays = 0;
	pk->err_depth = 0;
	pk->inner.p = NULL;
	pk->inner.len = 0;
	if (len > DHCP6_MSG_MAX)
		return DHCP6_ERR_LONG;
	/*
	 * One level per turn: depth relay messages have been unwrapped,
	 * and (p, n) is the next one's bytes.  The bound is the counter,
	 * not the stack.
	 */
	for (depth = 0;; depth++) {
		uint8_t t;
		enum dhcp6_err e;

		pk->err_depth = (uint8_t)depth;
		if (n < 1)
			return DHCP6_ERR_SHORT;
		t = p[0];
		if (depth) {
			uint8_t outer = pk->relays[depth - 1].type;

			if ((t == DHCP6_RELAY_FORW || t == DHCP6_RELAY_REPL) ?
			    t != outer :
			    (outer == DHCP6_RELAY_FORW ? from_server(t) :
							 from_client(t)))
				return DHCP6_ERR_RELAY_INNER;
		}
		if (t != DHCP6_RELAY_FORW && t != DHCP6_RELAY_REPL)
			break;
		if (depth >= DHCP6_RELAY_DEPTH_MAX)
			return DHCP6_ERR_DEPTH;
		e = dhcp6_relay_parse(p, n, &pk->relays[depth]);
		if (e)
			return e;
		pk->n_relays = (uint8_t)(depth + 1);
		p = pk->relays[depth].msg.p;
		n = pk->relays[depth].msg.len;
	}
	pk->inner.p = p;
	pk->inner.len = (uint16_t)n;
	return dhcp6_msg_parse(p, n, &pk->msg);
}

/* ---- building ---- */

struct wbuf {
	uint8_t *p;
	size_t size, len;
	bool err;
};

static uint8_t *reserve(struct wbuf *w, size_t n)
{
	uint8_t *p;

	if (w->err || n > w->size - w->len) {
		w->err = true;
		return NULL;
	}
	p = w->p + w->len;
	w->len += n;
	return p;
}

static void put(struct wbuf *w, const void *v, size_t n)
{
	uint8_t *p = reserve(w, n);

	if (p && n)
		memcpy(p, v, n);
}

static void put8(struct wbuf *w, uint8_t x)
{
	put(w, &x, 1);
}

static void put16(struct wbuf *w, uint16_t x)
{
	uint8_t *p = reserve(w, 2);

	if (p)
		put_be16(p, x);
}

static void put32(struct wbuf *w, uint32_t x)
{
	uint8_t *p = reserve(w, 4);

	if (p)
		put_be32(p, x);
}

/* An option's header with its length to come: where it starts. */
static size_t opt_begin(struct wbuf *w, uint16_t code)
{
	size_t at = w->len;

	put16(w, code);
	put16(w, 0);
	return at;
}

static void opt_end(struct wbuf *w, size_t at)
{
	size_t n = w->len - at - OPT_HDR_LEN;

	if (w->err)
		return;
	if (n > 0xffff) {
		w->err = true;
		return;
	}
	put_be16(w->p + at + 2, (uint16_t)n);
}

static void put_opt(struct wbuf *w, uint16_t code, const void *v, size_t n)
{
	size_t at = opt_begin(w, code);

	put(w, v, n);
	opt_end(w, at);
}

static void put_status(struct wbuf *w, const struct dhcp6_status *st)
{
	size_t at;

	if (!st->present)
		return;
	at = opt_begin(w, DHCP6_OPT_STATUS_CODE);
	put16(w, st->code);
	put(w, st->text.p, st->text.len);
	opt_end(w, at);
}

static void put_duid(struct wbuf *w, uint16_t code, const struct dhcp6_duid *d)
{
	if (!dhcp6_duid_valid(d->bytes.p, d->bytes.len)) {
		w->err = true;
		return;
	}
	put_opt(w, code, d->bytes.p, d->bytes.len);
}

static void put_ia(struct wbuf *w, const struct dhcp6_ia *x)
{
	size_t at, sub;
	unsigned int i;

	if ((x->kind != DHCP6_OPT_IA_NA && x->kind != DHCP6_OPT_IA_TA &&
	     x->kind != DHCP6_OPT_IA_PD) ||
	    x->n_addrs > DHCP6_ADDRS_PER_IA_MAX) {
		w->err = true;
		return;
	}
	at = opt_begin(w, x->kind);
	put32(w, x->iaid);
	if (x->kind != DHCP6_OPT_IA_TA) {
		put32(w, x->t1);
		put32(w, x->t2);
	}
	for (i = 0; i < x->n_addrs; i++) {
		const struct dhcp6_iaaddr *a = &x->addrs[i];

		if (x->kind == DHCP6_OPT_IA_PD) {
			if (a->plen > 128) {
				w->err = true;
				return;
			}
			sub = opt_begin(w, DHCP6_OPT_IAPREFIX);
			put32(w, a->preferred);
			put32(w, a->valid);
			put8(w, a->plen);
			put(w, &a->addr, 16);
		} else {
			sub = opt_begin(w, DHCP6_OPT_IAADDR);
			put(w, &a->addr, 16);
			put32(w, a->preferred);
			put32(w, a->valid);
		}
		put_status(w, &a->status);
		opt_end(w, sub);
	}
	put_status(w, &x->status);
	opt_end(w, at);
}

size_t dhcp6_msg_build(uint8_t *buf, size_t size, const struct dhcp6_msg *m)
{
	struct wbuf w = { .p = buf, .size = size };
	unsigned int i;
	size_t at;

	if (m->type < DHCP6_SOLICIT || m->type > DHCP6_INFORMATION_REQUEST ||
	    m->n_ia > DHCP6_IA_MAX || m->n_oro > DHCP6_ORO_MAX ||
	    m->n_dns > DHCP6_DNS_MAX)
		return 0;
	put32(&w, (uint32_t)m->type << 24 | (m->xid & 0xffffff));
	if (m->has_client_id)
		put_duid(&w, DHCP6_OPT_CLIENTID, &m->client_id);
	if (m->has_server_id)
		put_duid(&w, DHCP6_OPT_SERVERID, &m->server_id);
	for (i = 0; i < m->n_ia; i++)
		put_ia(&w, &m->ia[i]);
	put_status(&w, &m->status);
	if (m->has_oro) {
		at = opt_begin(&w, DHCP6_OPT_ORO);
		for (i = 0; i < m->n_oro; i++)
			put16(&w, m->oro[i]);
		opt_end(&w, at);
	}
	if (m->has_preference)
		put_opt(&w, DHCP6_OPT_PREFERENCE, &m->preference, 1);
	if (m->has_elapsed) {
		uint8_t v[2];

		put_be16(v, m->elapsed);
		put_opt(&w, DHCP6_OPT_ELAPSED_TIME, v, 2);
	}
	if (m->rapid_commit)
		put_opt(&w, DHCP6_OPT_RAPID_COMMIT, NULL, 0);
	if (m->has_auth) {
		uint8_t *p;

		at = opt_begin(&w, DHCP6_OPT_AUTH);
		put8(&w, m->auth.proto);
		put8(&w, m->auth.algo);
		put8(&w, m->auth.rdm);
		p = reserve(&w, 8);
		if (p)
			put_be64(p, m->auth.replay);
		put(&w, m->auth.info.p, m->auth.info.len);
		opt_end(&w, at);
	}
	if (m->has_unicast)
		put_opt(&w, DHCP6_OPT_UNICAST, &m->unicast, 16);
	if (m->has_reconf_msg)
		put_opt(&w, DHCP6_OPT_RECONF_MSG, &m->reconf_msg, 1);
	if (m->reconf_accept)
		put_opt(&w, DHCP6_OPT_RECONF_ACCEPT, NULL, 0);
	if (m->has_dns)
		put_opt(&w, DHCP6_OPT_DNS_SERVERS, m->dns, 16u * m->n_dns);
	if (m->has_domains)
		put_opt(&w, DHCP6_OPT_DOMAIN_LIST, m->domains_raw.p,
			m->domains_raw.len);
	if (m->has_sol_max_rt) {
		uint8_t v[4];

		put_be32(v, m->sol_max_rt);
		put_opt(&w, DHCP6_OPT_SOL_MAX_RT, v, 4);
	}
	if (m->has_inf_max_rt) {
		uint8_t v[4];

		put_be32(v, m->inf_max_rt);
		put_opt(&w, DHCP6_OPT_INF_MAX_RT, v, 4);
	}
	return w.err ? 0 : w.len;
}

size_t dhcp6_relay_build(uint8_t *buf, size_t size,
			 const struct dhcp6_relay *r)
{
	size_t total = DHCP6_RELAY_HDR_LEN + OPT_HDR_LEN + r->msg.len;
	struct wbuf w = { .p = buf, .size = size };

	if (r->type != DHCP6_RELAY_FORW && r->type != DHCP6_RELAY_REPL)
		return 0;
	if (r->has_interface_id)
		total += OPT_HDR_LEN + r->interface_id.len;
	if (r->has_remote_id)
		total += OPT_HDR_LEN + 4 + r->remote_id.len;
	if (r->has_subscriber_id)
		total += OPT_HDR_LEN + r->subscriber_id.len;
	if (r->has_client_lladdr) {
		if (!r->client_lladdr.len)
			return 0;
		total += OPT_HDR_LEN + 2 + r->client_lladdr.len;
	}
	if (total > size || total > DHCP6_MSG_MAX)
		return 0;
	/* The inner message first: it may be in buf, where the header goes. */
	if (r->msg.len)
		memmove(buf + total - r->msg.len, r->msg.p, r->msg.len);
	put8(&w, r->type);
	put8(&w, r->hop_count);
	put(&w, &r->link, 16);
	put(&w, &r->peer, 16);
	if (r->has_interface_id)
		put_opt(&w, DHCP6_OPT_INTERFACE_ID, r->interface_id.p,
			r->interface_id.len);
	if (r->has_remote_id) {
		size_t at = opt_begin(&w, DHCP6_OPT_REMOTE_ID);

		put32(&w, r->remote_enterprise);
		put(&w, r->remote_id.p, r->remote_id.len);
		opt_end(&w, at);
	}
	if (r->has_subscriber_id)
		put_opt(&w, DHCP6_OPT_SUBSCRIBER_ID, r->subscriber_id.p,
			r->subscriber_id.len);
	if (r->has_client_lladdr) {
		size_t at = opt_begin(&w, DHCP6_OPT_CLIENT_LLADDR);

		put16(&w, r->client_lltype);
		put(&w, r->client_lladdr.p, r->client_lladdr.len);
		opt_end(&w, at);
	}
	put16(&w, DHCP6_OPT_RELAY_MSG);
	put16(&w, r->msg.len);
	if (w.err || w.len + r->msg.len != total)
		return 0;
	return total;
}

size_t dhcp6_domains_encode(uint8_t *buf, size_t size,
			    const char *const *names, unsigned int n)
{
	struct wbuf w = { .p = buf, .size = size };
	unsigned int i;

	for (i = 0; i < n; i++) {
		const char *s = names[i];
		size_t len = strlen(s), start = w.len, pos = 0;

		if (len && s[len - 1] == '.')
			len--;
		if (!len || len > DHCP6_NAME_MAX)
			return 0;
		while (pos < len) {
			size_t l = 0;

			while (pos + l < len && s[pos + l] != '.') {
				if (!name_char_ok((uint8_t)s[pos + l]))
					return 0;
				l++;
			}
			if (!l || l > 63)
				return 0;
			put8(&w, (uint8_t)l);
			put(&w, s + pos, l);
			pos += l + 1;
			if (pos == len)		/* "a." was cut; "a.." not */
				return 0;
		}
		put8(&w, 0);
		if (w.len - start > NAME_WIRE_MAX)
			return 0;
	}
	return w.err || !w.len ? 0 : w.len;
}
