// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 server's message logic: see server.h.
 */
#include <errno.h>
#include <string.h>

#include "dhcp6/server.h"

static const char *const drop_names[DHCP6_DROP_MAX] = {
	[DHCP6_DROP_NOT_CLIENT] = "not-client",
	[DHCP6_DROP_SERVER_ID] = "server-id",
	[DHCP6_DROP_UNICAST] = "unicast",
	[DHCP6_DROP_NO_ADDRS] = "no-addrs",
	[DHCP6_DROP_NOT_SERVED] = "not-served",
};

const char *dhcp6_drop_name(enum dhcp6_drop d)
{
	return (unsigned int)d < DHCP6_DROP_MAX && drop_names[d] ?
	       drop_names[d] : "?";
}

int dhcp6_server_init(struct dhcp6_server *s, const uint8_t *duid,
		      size_t duid_len, uint64_t seed)
{
	memset(s, 0, sizeof(*s));
	if (!dhcp6_duid_valid(duid, duid_len))
		return -1;
	s->leases = dhcp6_leases_new(seed);
	if (!s->leases)
		return -1;
	s->seed = seed;
	s->duid_len = (uint8_t)duid_len;
	memcpy(s->duid, duid, duid_len);
	return 0;
}

void dhcp6_server_fini(struct dhcp6_server *s)
{
	dhcp6_leases_free(s->leases);
	s->leases = NULL;
}

/* Addresses: the low 64 bits of a range, a pool's delegations. */
static uint64_t lo64(const struct in6_addr *a)
{
	uint64_t v = 0;
	int i;

	for (i = 8; i < 16; i++)
		v = v << 8 | a->s6_addr[i];
	return v;
}

static void set_lo64(struct in6_addr *a, uint64_t v)
{
	int i;

	for (i = 15; i >= 8; i--) {
		a->s6_addr[i] = (uint8_t)v;
		v >>= 8;
	}
}

static bool same_hi64(const struct in6_addr *a, const struct in6_addr *b)
{
	return !memcmp(a, b, 8);
}

static bool prefix_has(const struct in6_addr *p, uint8_t plen,
		       const struct in6_addr *a)
{
	unsigned int full = plen / 8, rest = plen % 8;

	if (memcmp(p, a, full))
		return false;
	if (rest) {
		uint8_t m = (uint8_t)(0xff << (8 - rest));

		return (p->s6_addr[full] & m) == (a->s6_addr[full] & m);
	}
	return true;
}

static bool range_has(const struct dhcp6_range *r, const struct in6_addr *a)
{
	uint64_t v = lo64(a);

	return same_hi64(&r->first, a) && v >= lo64(&r->first) &&
	       v <= lo64(&r->last);
}

/* The n-th delegation of a pool: bits plen..dlen-1 hold n. */
static void pool_nth(const struct dhcp6_pool *p, uint64_t n,
		     struct in6_addr *out)
{
	unsigned int b;

	*out = p->prefix;
	for (b = 0; b < (unsigned int)(p->dlen - p->plen); b++) {
		unsigned int bit = p->dlen - 1 - b;
		uint8_t m = (uint8_t)(0x80 >> (bit % 8));

		if (n >> b & 1)
			out->s6_addr[bit / 8] |= m;
	}
}

static uint64_t pool_size(const struct dhcp6_pool *p)
{
	unsigned int d = (unsigned int)(p->dlen - p->plen);

	return d >= 63 ? (1ull << 63) : (1ull << d);
}

static bool pool_has(const struct dhcp6_pool *p, const struct in6_addr *a,
		     uint8_t plen)
{
	struct in6_addr x = *a;
	unsigned int b;

	if (plen != p->dlen || !prefix_has(&p->prefix, p->plen, a))
		return false;
	/* Bits past the delegation's length must be zero. */
	for (b = plen; b < 128; b++)
		x.s6_addr[b / 8] &= (uint8_t)~(0x80 >> (b % 8));
	return !memcmp(&x, a, 16);
}

bool dhcp6_link_onlink(const struct dhcp6_link_cfg *c,
		       const struct in6_addr *a)
{
	unsigned int i;

	for (i = 0; i < c->n_ranges; i++)
		if (same_hi64(&c->ranges[i].first, a))
			return true;
	for (i = 0; i < c->n_onlink; i++)
		if (same_hi64(&c->onlink[i], a))
			return true;
	for (i = 0; i < c->n_resv; i++)
		if (c->resv[i].plen == 128 && same_hi64(&c->resv[i].addr, a))
			return true;
	return false;
}

void dhcp6_link_times(const struct dhcp6_link_cfg *c, uint32_t *t1,
		      uint32_t *t2)
{
	*t1 = c->t1 ? c->t1 : c->preferred / 2;
	*t2 = c->t2 ? c->t2 : (uint32_t)((uint64_t)c->preferred * 4 / 5);
	if (*t1 > *t2)
		*t1 = *t2;
}

/* A reservation of this address/prefix for a DUID other than duid? */
static bool reserved_other(const struct dhcp6_link_cfg *c,
			   const struct in6_addr *a, uint8_t plen,
			   const uint8_t *duid, size_t duid_len)
{
	unsigned int i;

	for (i = 0; i < c->n_resv; i++) {
		const struct dhcp6_resv *r = &c->resv[i];

		if (r->plen == plen && !memcmp(&r->addr, a, 16) &&
		    (r->duid_len != duid_len || memcmp(r->duid, duid,
						       duid_len)))
			return true;
	}
	return false;
}

static bool usable(struct dhcp6_server *s, const struct dhcp6_link_cfg *c,
		   const struct in6_addr *a, uint8_t plen,
		   const uint8_t *duid, size_t duid_len)
{
	return !dhcp6_lease_by_addr(s->leases, a, plen) &&
	       !reserved_other(c, a, plen, duid, duid_len);
}

/* Is a/plen one this link hands out (to anyone)? */
static bool link_gives(const struct dhcp6_link_cfg *c,
		       const struct in6_addr *a, uint8_t plen)
{
	unsigned int i;

	for (i = 0; i < c->n_resv; i++)
		if (c->resv[i].plen == plen && !memcmp(&c->resv[i].addr, a, 16))
			return true;
	if (plen == 128) {
		for (i = 0; i < c->n_ranges; i++)
			if (range_has(&c->ranges[i], a))
				return true;
	} else {
		for (i = 0; i < c->n_pools; i++)
			if (pool_has(&c->pools[i], a, plen))
				return true;
	}
	return false;
}

/*
 * Choose an address or prefix for a new binding: a reservation, the
 * client's hint, else the first usable one from a keyed hash of the
 * binding into each range or pool in turn.
 */
static bool choose(struct dhcp6_server *s, const struct dhcp6_link_cfg *c,
		   const struct dhcp6_msg *m, const struct dhcp6_ia *ia,
		   struct in6_addr *out, uint8_t *plen)
{
	const uint8_t *duid = m->client_id.bytes.p;
	size_t dl = m->client_id.bytes.len;
	bool na = ia->kind == DHCP6_OPT_IA_NA;
	uint8_t hk[DHCP6_DUID_MAX + 5];
	uint64_t h;
	unsigned int i;

	for (i = 0; i < c->n_resv; i++) {
		const struct dhcp6_resv *r = &c->resv[i];

		if ((r->plen == 128) != na || r->duid_len != dl ||
		    memcmp(r->duid, duid, dl))
			continue;
		if (dhcp6_lease_by_addr(s->leases, &r->addr, r->plen))
			continue;	/* another IA of the client has it */
		*out = r->addr;
		*plen = r->plen;
		return true;
	}
	for (i = 0; i < ia->n_addrs; i++) {
		const struct dhcp6_iaaddr *h6 = &ia->addrs[i];
		uint8_t pl = na ? 128 : h6->plen;

		if (link_gives(c, &h6->addr, pl) &&
		    usable(s, c, &h6->addr, pl, duid, dl)) {
			*out = h6->addr;
			*plen = pl;
			return true;
		}
	}
	memcpy(hk, duid, dl);
	hk[dl] = (uint8_t)(ia->iaid >> 24);
	hk[dl + 1] = (uint8_t)(ia->iaid >> 16);
	hk[dl + 2] = (uint8_t)(ia->iaid >> 8);
	hk[dl + 3] = (uint8_t)ia->iaid;
	hk[dl + 4] = (uint8_t)ia->kind;
	h = dhcp6_hash(s->seed, hk, dl + 5);

	if (na) {
		for (i = 0; i < c->n_ranges; i++) {
			const struct dhcp6_range *r = &c->ranges[i];
			uint64_t first = lo64(&r->first);
			uint64_t size = lo64(&r->last) - first + 1;
			uint64_t k, start, probes;

			if (size == 0)		/* the whole /64 */
				size = UINT64_MAX;
			start = h % size;
			probes = size < DHCP6_PROBES_MAX ? size :
				 DHCP6_PROBES_MAX;
			for (k = 0; k < probes; k++) {
				*out = r->first;
				set_lo64(out, first + (start + k) % size);
				if (usable(s, c, out, 128, duid, dl)) {
					*plen = 128;
					return true;
				}
			}
		}
		return false;
	}
	for (i = 0; i < c->n_pools; i++) {
		const struct dhcp6_pool *p = &c->pools[i];
		uint64_t size = pool_size(p), start = h % size, k, probes;

		probes = size < DHCP6_PROBES_MAX ? size : DHCP6_PROBES_MAX;
		for (k = 0; k < probes; k++) {
			pool_nth(p, (start + k) % size, out);
			if (usable(s, c, out, p->dlen, duid, dl)) {
				*plen = p->dlen;
				return true;
			}
		}
	}
	return false;
}

/* Reply building. */
static void status_set(struct dhcp6_status *st, uint16_t code,
		       const char *text)
{
	st->present = true;
	st->code = code;
	st->text.p = (const uint8_t *)text;
	st->text.len = (uint16_t)strlen(text);
}

static bool oro_has(const struct dhcp6_msg *m, uint16_t code)
{
	unsigned int i;

	for (i = 0; i < m->n_oro; i++)
		if (m->oro[i] == code)
			return true;
	return false;
}

/* Our Server Identifier, in a message we build. */
static void put_server_id(const struct dhcp6_server *s, struct dhcp6_msg *r)
{
	r->has_server_id = true;
	r->server_id.type = (uint16_t)(s->duid[0] << 8 | s->duid[1]);
	r->server_id.bytes.p = s->duid;
	r->server_id.bytes.len = s->duid_len;
}

static void reply_start(struct dhcp6_server *s, const struct dhcp6_in *in,
			struct dhcp6_out *out, uint8_t type)
{
	const struct dhcp6_msg *m = in->msg;
	struct dhcp6_msg *r = &out->msg;

	out->send = true;
	r->type = type;
	r->xid = m->xid;
	if (m->has_client_id) {
		r->has_client_id = true;
		r->client_id = m->client_id;
	}
	put_server_id(s, r);
}

static void reply_config(const struct dhcp6_in *in, struct dhcp6_out *out)
{
	const struct dhcp6_link_cfg *c = in->link;
	const struct dhcp6_msg *m = in->msg;
	struct dhcp6_msg *r = &out->msg;

	if (c->n_dns && oro_has(m, DHCP6_OPT_DNS_SERVERS)) {
		r->has_dns = true;
		r->n_dns = c->n_dns;
		memcpy(r->dns, c->dns, sizeof(r->dns[0]) * c->n_dns);
	}
	if (c->domains_len && oro_has(m, DHCP6_OPT_DOMAIN_LIST)) {
		r->has_domains = true;
		r->domains_raw.p = c->domains;
		r->domains_raw.len = c->domains_len;
	}
	if (c->sol_max_rt && m->type == DHCP6_SOLICIT &&
	    oro_has(m, DHCP6_OPT_SOL_MAX_RT)) {
		r->has_sol_max_rt = true;
		r->sol_max_rt = c->sol_max_rt;
	}
	if (c->inf_max_rt && m->type == DHCP6_INFORMATION_REQUEST &&
	    oro_has(m, DHCP6_OPT_INF_MAX_RT)) {
		r->has_inf_max_rt = true;
		r->inf_max_rt = c->inf_max_rt;
	}
}

static struct dhcp6_ia *reply_ia(struct dhcp6_out *out,
				 const struct dhcp6_ia *ia,
				 const struct dhcp6_link_cfg *c)
{
	struct dhcp6_ia *r = &out->msg.ia[out->msg.n_ia++];

	memset(r, 0, sizeof(*r));
	r->kind = ia->kind;
	r->iaid = ia->iaid;
	dhcp6_link_times(c, &r->t1, &r->t2);
	return r;
}

static void ia_addr(struct dhcp6_ia *r, const struct in6_addr *a,
		    uint8_t plen, uint32_t preferred, uint32_t valid)
{
	struct dhcp6_iaaddr *x;

	if (r->n_addrs >= DHCP6_ADDRS_PER_IA_MAX)
		return;
	x = &r->addrs[r->n_addrs++];
	memset(x, 0, sizeof(*x));
	x->addr = *a;
	x->plen = plen;
	x->preferred = preferred;
	x->valid = valid;
}

static void rec_add(struct dhcp6_out *out, const struct dhcp6_lease *l,
		    uint8_t type)
{
	if (out->n_recs < DHCP6_RECS_MAX)
		dhcp6_lease_to_rec(l, type, &out->recs[out->n_recs++]);
}

static void lease_who(struct dhcp6_lease *l, const struct dhcp6_in *in)
{
	if (in->peer) {
		l->peer = *in->peer;
		l->has_peer = true;
	}
	if (in->lladdr && in->lladdr_len <= DHCP6_JNL_LLADDR_MAX) {
		l->lladdr_len = in->lladdr_len;
		memcpy(l->lladdr, in->lladdr, in->lladdr_len);
	}
	memcpy(l->ifname, in->link->ifname, sizeof(l->ifname));
}

static bool ia_served(const struct dhcp6_ia *ia)
{
	return ia->kind == DHCP6_OPT_IA_NA || ia->kind == DHCP6_OPT_IA_PD;
}

static uint16_t no_avail(const struct dhcp6_ia *ia)
{
	return ia->kind == DHCP6_OPT_IA_NA ? DHCP6_STATUS_NO_ADDRS_AVAIL :
					     DHCP6_STATUS_NO_PREFIX_AVAIL;
}

/*
 * SOLICIT (commit false: what would be given) and REQUEST or a Rapid
 * Commit SOLICIT (commit true: bind).
 */
static void assign(struct dhcp6_server *s, const struct dhcp6_in *in,
		   struct dhcp6_out *out, bool commit)
{
	const struct dhcp6_link_cfg *c = in->link;
	const struct dhcp6_msg *m = in->msg;
	const uint8_t *duid = m->client_id.bytes.p;
	size_t dl = m->client_id.bytes.len;
	uint64_t expiry = in->now + c->valid;
	unsigned int i;

	for (i = 0; i < m->n_ia; i++) {
		const struct dhcp6_ia *ia = &m->ia[i];
		struct dhcp6_lease *l;
		struct dhcp6_ia *r;
		struct in6_addr a;
		uint8_t plen;

		if (!ia_served(ia))
			continue;	/* IA_TA: not offered */
		r = reply_ia(out, ia, c);
		l = dhcp6_lease_by_key(s->leases, duid, dl, ia->iaid,
				       ia->kind);
		if (l) {
			for (; l; l = dhcp6_lease_next_key(s->leases, l)) {
				if (commit) {
					dhcp6_lease_touch(s->leases, l,
							  c->preferred,
							  c->valid, expiry);
					lease_who(l, in);
					rec_add(out, l, DHCP6_JNL_RENEW);
				}
				ia_addr(r, &l->addr, l->plen, c->preferred,
					c->valid);
			}
			continue;
		}
		if (!choose(s, c, m, ia, &a, &plen)) {
			status_set(&r->status, no_avail(ia),
				   ia->kind == DHCP6_OPT_IA_NA ?
				   "no addresses available" :
				   "no prefixes available");
			if (ia->kind == DHCP6_OPT_IA_NA)
				s->st.no_addrs++;
			else
				s->st.no_prefix++;
			continue;
		}
		if (commit) {
			l = dhcp6_lease_add(s->leases, duid, dl, ia->iaid,
					    (uint8_t)ia->kind, &a, plen,
					    c->preferred, c->valid, expiry);
			if (!l) {	/* the table is full */
				status_set(&r->status, no_avail(ia),
					   "lease table full");
				continue;
			}
			lease_who(l, in);
			rec_add(out, l, DHCP6_JNL_ADD);
		}
		ia_addr(r, &a, plen, c->preferred, c->valid);
	}
	out->commit = commit && out->n_recs;
}

/* RENEW and REBIND (§18.3.4, §18.3.5). */
static void extend(struct dhcp6_server *s, const struct dhcp6_in *in,
		   struct dhcp6_out *out, bool rebind)
{
	const struct dhcp6_link_cfg *c = in->link;
	const struct dhcp6_msg *m = in->msg;
	const uint8_t *duid = m->client_id.bytes.p;
	size_t dl = m->client_id.bytes.len;
	uint64_t expiry = in->now + c->valid;
	unsigned int i, k;

	for (i = 0; i < m->n_ia; i++) {
		const struct dhcp6_ia *ia = &m->ia[i];
		struct dhcp6_lease *l;
		struct dhcp6_ia *r;
		bool onlink = true;

		if (!ia_served(ia))
			continue;
		r = reply_ia(out, ia, c);
		l = dhcp6_lease_by_key(s->leases, duid, dl, ia->iaid,
				       ia->kind);
		if (!l && rebind) {
			struct dhcp6_ia one = *ia;

			/* Not ours: lifetimes 0 for what is not on the
			 * link; a free address of this link is bound
			 * again, as a REQUEST would. */
			for (k = 0; k < ia->n_addrs; k++) {
				const struct dhcp6_iaaddr *x = &ia->addrs[k];
				uint8_t pl = ia->kind == DHCP6_OPT_IA_NA ?
					     128 : x->plen;

				if (!link_gives(c, &x->addr, pl))
					onlink = false;
			}
			if (ia->n_addrs && onlink) {
				struct in6_addr a;
				uint8_t plen;

				one.n_addrs = 1;
				for (k = 0; k < ia->n_addrs; k++) {
					one.addrs[0] = ia->addrs[k];
					if (!choose(s, c, m, &one, &a, &plen) ||
					    memcmp(&a, &ia->addrs[k].addr, 16))
						continue;
					l = dhcp6_lease_add(s->leases, duid,
							    dl, ia->iaid,
							    (uint8_t)ia->kind,
							    &a, plen,
							    c->preferred,
							    c->valid, expiry);
					if (l) {
						lease_who(l, in);
						rec_add(out, l,
							DHCP6_JNL_ADD);
					}
					break;
				}
			}
			if (!l && ia->n_addrs && !onlink) {
				for (k = 0; k < ia->n_addrs; k++)
					ia_addr(r, &ia->addrs[k].addr,
						ia->addrs[k].plen ?
						ia->addrs[k].plen : 128, 0, 0);
				continue;
			}
			if (l) {
				ia_addr(r, &l->addr, l->plen, c->preferred,
					c->valid);
				continue;
			}
		}
		if (!l) {
			status_set(&r->status, DHCP6_STATUS_NO_BINDING,
				   "no binding");
			s->st.no_binding++;
			continue;
		}
		/* What the client holds that is not its binding's: 0. */
		for (k = 0; k < ia->n_addrs; k++) {
			const struct dhcp6_iaaddr *x = &ia->addrs[k];
			uint8_t pl = ia->kind == DHCP6_OPT_IA_NA ? 128 :
				     x->plen;
			struct dhcp6_lease *o = dhcp6_lease_by_addr(
				s->leases, &x->addr, pl);

			if (!o || !dhcp6_lease_is(o, duid, dl, ia->iaid,
						  (uint8_t)ia->kind))
				ia_addr(r, &x->addr, pl, 0, 0);
		}
		for (; l; l = dhcp6_lease_next_key(s->leases, l)) {
			dhcp6_lease_touch(s->leases, l, c->preferred, c->valid,
					  expiry);
			lease_who(l, in);
			rec_add(out, l, DHCP6_JNL_RENEW);
			ia_addr(r, &l->addr, l->plen, c->preferred, c->valid);
		}
	}
	out->commit = out->n_recs > 0;
}

/* RELEASE (§18.3.7) and DECLINE (§18.3.8). */
static void give_back(struct dhcp6_server *s, const struct dhcp6_in *in,
		      struct dhcp6_out *out, bool decline)
{
	const struct dhcp6_msg *m = in->msg;
	const uint8_t *duid = m->client_id.bytes.p;
	size_t dl = m->client_id.bytes.len;
	unsigned int i, k;

	for (i = 0; i < m->n_ia; i++) {
		const struct dhcp6_ia *ia = &m->ia[i];
		bool found = false;

		if (!ia_served(ia) ||
		    (decline && ia->kind != DHCP6_OPT_IA_NA))
			continue;
		for (k = 0; k < ia->n_addrs; k++) {
			uint8_t pl = ia->kind == DHCP6_OPT_IA_NA ? 128 :
				     ia->addrs[k].plen;
			struct dhcp6_lease *l = dhcp6_lease_by_addr(
				s->leases, &ia->addrs[k].addr, pl);

			if (!l || !dhcp6_lease_is(l, duid, dl, ia->iaid,
						  (uint8_t)ia->kind))
				continue;
			found = true;
			if (decline) {
				dhcp6_lease_decline(s->leases, l, in->now +
						    DHCP6_DECLINE_HOLD);
				rec_add(out, l, DHCP6_JNL_DECLINE);
				s->st.declined++;
			} else {
				rec_add(out, l, DHCP6_JNL_RELEASE);
				dhcp6_lease_del(s->leases, l);
				s->st.released++;
			}
		}
		if (!found) {
			struct dhcp6_ia *r = reply_ia(out, ia, in->link);

			r->t1 = r->t2 = 0;
			status_set(&r->status, DHCP6_STATUS_NO_BINDING,
				   "no binding");
			s->st.no_binding++;
		}
	}
	status_set(&out->msg.status, DHCP6_STATUS_SUCCESS,
		   decline ? "decline received" : "release received");
	out->commit = out->n_recs > 0;
}

/* CONFIRM (§18.3.3). */
static void confirm(struct dhcp6_server *s, const struct dhcp6_in *in,
		    struct dhcp6_out *out)
{
	const struct dhcp6_msg *m = in->msg;
	unsigned int i, k, n = 0;
	bool onlink = true;

	for (i = 0; i < m->n_ia; i++)
		for (k = 0; k < m->ia[i].n_addrs; k++) {
			n++;
			if (!dhcp6_link_onlink(in->link,
					       &m->ia[i].addrs[k].addr))
				onlink = false;
		}
	if (!n) {
		out->drop = DHCP6_DROP_NO_ADDRS;
		return;
	}
	reply_start(s, in, out, DHCP6_REPLY);
	if (onlink) {
		status_set(&out->msg.status, DHCP6_STATUS_SUCCESS,
			   "all addresses on link");
	} else {
		status_set(&out->msg.status, DHCP6_STATUS_NOT_ON_LINK,
			   "not on link");
		s->st.not_on_link++;
	}
}

static void auth_set(struct dhcp6_out *out, uint8_t type, const uint8_t *key,
		     uint64_t replay)
{
	struct dhcp6_msg *r = &out->msg;

	out->auth_info[0] = type;
	if (key)
		memcpy(out->auth_info + 1, key, DHCP6_RECONF_KEY_LEN);
	else
		memset(out->auth_info + 1, 0, DHCP6_RECONF_KEY_LEN);
	r->has_auth = true;
	r->auth.proto = DHCP6_AUTH_PROTO_RECONF;
	r->auth.algo = 1;		/* HMAC-MD5 */
	r->auth.rdm = 0;		/* a monotonic counter */
	r->auth.replay = replay;
	r->auth.info.p = out->auth_info;
	r->auth.info.len = sizeof(out->auth_info);
}

/*
 * RFC 8415 §20.4.1: a client that sent Reconfigure Accept, on a link that
 * reconfigures, gets the key of its binding (one for all its leases,
 * drawn when it has none) in the REPLY's Auth option, with Reconfigure
 * Accept.  Nothing when no lease is in the reply.
 */
static void reconf_key(struct dhcp6_server *s, const struct dhcp6_in *in,
		       struct dhcp6_out *out)
{
	const struct dhcp6_msg *m = in->msg;
	const uint8_t *duid = m->client_id.bytes.p, *key = NULL;
	size_t dl = m->client_id.bytes.len;
	struct dhcp6_lease *l;
	unsigned int i, pass;

	if (!in->link->reconfigure || !m->reconf_accept || !in->rkey_new ||
	    out->msg.type != DHCP6_REPLY)
		return;
	/* First the key the binding has; then give it to every lease. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < out->msg.n_ia; i++) {
			const struct dhcp6_ia *r = &out->msg.ia[i];

			for (l = dhcp6_lease_by_key(s->leases, duid, dl,
						    r->iaid, r->kind);
			     l; l = dhcp6_lease_next_key(s->leases, l)) {
				if (!pass && l->has_rkey && !key)
					key = l->rkey;
				if (pass && key) {
					memmove(l->rkey, key, sizeof(l->rkey));
					l->has_rkey = true;
				}
			}
		}
		if (!pass && !key) {
			for (i = 0; i < out->msg.n_ia; i++)
				if (dhcp6_lease_by_key(s->leases, duid, dl,
						       out->msg.ia[i].iaid,
						       out->msg.ia[i].kind))
					break;
			if (i == out->msg.n_ia)
				return;		/* no lease: no key */
			key = in->rkey_new;
		}
	}
	out->msg.reconf_accept = true;
	auth_set(out, DHCP6_RECONF_KEY, key, in->replay);
}

int dhcp6_server_reconfigure(struct dhcp6_server *s, const struct in6_addr *a,
			     uint8_t plen, uint8_t what, uint64_t replay,
			     struct dhcp6_out *out)
{
	struct dhcp6_lease *l = dhcp6_lease_by_addr(s->leases, a, plen);
	struct dhcp6_msg *r = &out->msg;

	memset(out, 0, sizeof(*out));
	if (what != DHCP6_RENEW && what != DHCP6_REBIND &&
	    what != DHCP6_INFORMATION_REQUEST)
		return -EINVAL;
	if (!l || l->state != DHCP6_LEASE_BOUND)
		return -ENOENT;
	if (!l->has_rkey)
		return -ENOKEY;
	/* The client's link-local address; after a restart, until it
	 * speaks again, the address it leased (an IA_NA's). */
	if (l->has_peer)
		out->to = l->peer;
	else if (l->kind == DHCP6_OPT_IA_NA)
		out->to = l->addr;
	else
		return -ENOKEY;
	memcpy(out->rkey, l->rkey, sizeof(out->rkey));
	memcpy(out->ifname, l->ifname, sizeof(out->ifname));
	out->send = true;
	r->type = DHCP6_RECONFIGURE;
	r->xid = 0;
	put_server_id(s, r);
	r->has_client_id = true;
	r->client_id.type = (uint16_t)(l->duid[0] << 8 | l->duid[1]);
	r->client_id.bytes.p = l->duid;
	r->client_id.bytes.len = l->duid_len;
	r->has_reconf_msg = true;
	r->reconf_msg = what;
	auth_set(out, DHCP6_RECONF_HMAC, NULL, replay);
	s->st.out[DHCP6_RECONFIGURE]++;
	return 0;
}

static bool our_server_id(const struct dhcp6_server *s,
			  const struct dhcp6_msg *m)
{
	return m->server_id.bytes.len == s->duid_len &&
	       !memcmp(m->server_id.bytes.p, s->duid, s->duid_len);
}

void dhcp6_server_handle(struct dhcp6_server *s, const struct dhcp6_in *in,
			 struct dhcp6_out *out)
{
	const struct dhcp6_msg *m = in->msg;

	memset(out, 0, sizeof(*out));
	if (m->type <= DHCP6_TYPE_MAX)
		s->st.in[m->type]++;
	if (!in->link) {
		out->drop = DHCP6_DROP_NOT_SERVED;
		goto drop;
	}
	switch (m->type) {
	case DHCP6_SOLICIT:
	case DHCP6_CONFIRM:
	case DHCP6_REBIND:
	case DHCP6_INFORMATION_REQUEST:
		if (in->unicast) {
			out->drop = DHCP6_DROP_UNICAST;
			goto drop;
		}
		break;
	case DHCP6_REQUEST:
	case DHCP6_RENEW:
	case DHCP6_RELEASE:
	case DHCP6_DECLINE:
		break;
	default:
		out->drop = DHCP6_DROP_NOT_CLIENT;
		goto drop;
	}
	if (m->has_server_id && !our_server_id(s, m)) {
		out->drop = DHCP6_DROP_SERVER_ID;
		goto drop;
	}
	if (in->unicast) {
		/* §18.4: no Server Unicast option was sent. */
		reply_start(s, in, out, DHCP6_REPLY);
		status_set(&out->msg.status, DHCP6_STATUS_USE_MULTICAST,
			   "use multicast");
		s->st.use_multicast++;
		goto sent;
	}
	switch (m->type) {
	case DHCP6_SOLICIT:
		if (m->rapid_commit && in->link->rapid_commit) {
			reply_start(s, in, out, DHCP6_REPLY);
			out->msg.rapid_commit = true;
			assign(s, in, out, true);
		} else {
			reply_start(s, in, out, DHCP6_ADVERTISE);
			assign(s, in, out, false);
		}
		break;
	case DHCP6_REQUEST:
		reply_start(s, in, out, DHCP6_REPLY);
		assign(s, in, out, true);
		break;
	case DHCP6_RENEW:
	case DHCP6_REBIND:
		reply_start(s, in, out, DHCP6_REPLY);
		extend(s, in, out, m->type == DHCP6_REBIND);
		break;
	case DHCP6_RELEASE:
	case DHCP6_DECLINE:
		reply_start(s, in, out, DHCP6_REPLY);
		give_back(s, in, out, m->type == DHCP6_DECLINE);
		break;
	case DHCP6_CONFIRM:
		confirm(s, in, out);
		if (!out->send)
			goto drop;
		break;
	case DHCP6_INFORMATION_REQUEST:
		reply_start(s, in, out, DHCP6_REPLY);
		break;
	}
	if (m->type == DHCP6_REQUEST || m->type == DHCP6_RENEW ||
	    m->type == DHCP6_REBIND || m->type == DHCP6_SOLICIT)
		reconf_key(s, in, out);
	reply_config(in, out);
sent:
	s->st.out[out->msg.type]++;
	return;
drop:
	out->send = false;
	s->st.drop[out->drop]++;
}

unsigned int dhcp6_server_expire(struct dhcp6_server *s, uint64_t now,
				 struct dhcp6_jnl_rec *recs, unsigned int max)
{
	unsigned int n = 0;
	struct dhcp6_lease *l;

	while (n < max && (l = dhcp6_lease_expire_next(s->leases, now))) {
		dhcp6_lease_to_rec(l, DHCP6_JNL_EXPIRE, &recs[n++]);
		dhcp6_lease_del(s->leases, l);
		s->st.expired++;
	}
	return n;
}

bool dhcp6_server_lease_del(struct dhcp6_server *s, const struct in6_addr *a,
			    uint8_t plen, struct dhcp6_jnl_rec *rec)
{
	struct dhcp6_lease *l = dhcp6_lease_by_addr(s->leases, a, plen);

	if (!l)
		return false;
	dhcp6_lease_to_rec(l, DHCP6_JNL_RELEASE, rec);
	dhcp6_lease_del(s->leases, l);
	return true;
}
