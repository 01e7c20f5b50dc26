// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: dhcp6/wire.c's client/server messages.
 *
 * Properties checked (abort() on failure):
 * - a parsed message's counts are within their maxima, its pointers lie
 *   inside the input, its domain names are NUL-terminated and hold only
 *   letters, digits, '-', '_' and '.';
 * - parse -> build -> parse: the message rebuilt from a parse parses
 *   again to the same fields (the options wire.c keeps; unknown ones and
 *   DNS servers past DHCP6_DNS_MAX are dropped), and building it again
 *   gives the same bytes;
 * - a build into a buffer one byte short returns 0;
 * - a message with a reconfigure HMAC, signed (dhcp6/auth.c), verifies
 *   with the key it was signed with and not with another.
 */
#include <stdlib.h>
#include <string.h>

#include "dhcp6/auth.h"
#include "dhcp6/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void inside(const struct dhcp6_bytes *b, const uint8_t *data,
		   size_t size)
{
	if (b->len && (b->p < data || b->p + b->len > data + size))
		abort();
}

static void check_name(const char *s)
{
	size_t n = strnlen(s, DHCP6_NAME_MAX + 1), i;

	if (!n || n > DHCP6_NAME_MAX)
		abort();
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			abort();
	}
}

static void check(const struct dhcp6_msg *m, const uint8_t *data, size_t size)
{
	unsigned int i, j;

	if (m->type < DHCP6_SOLICIT || m->type > DHCP6_INFORMATION_REQUEST ||
	    m->xid > 0xffffff || m->n_ia > DHCP6_IA_MAX ||
	    m->n_oro > DHCP6_ORO_MAX || m->n_dns > DHCP6_DNS_MAX ||
	    m->n_domains > DHCP6_DOMAINS_MAX)
		abort();
	if (m->has_client_id &&
	    !dhcp6_duid_valid(m->client_id.bytes.p, m->client_id.bytes.len))
		abort();
	inside(&m->client_id.bytes, data, size);
	inside(&m->server_id.bytes, data, size);
	inside(&m->status.text, data, size);
	inside(&m->auth.info, data, size);
	inside(&m->domains_raw, data, size);
	for (i = 0; i < m->n_ia; i++) {
		const struct dhcp6_ia *x = &m->ia[i];

		if (x->n_addrs > DHCP6_ADDRS_PER_IA_MAX)
			abort();
		inside(&x->status.text, data, size);
		for (j = 0; j < x->n_addrs; j++) {
			if (x->addrs[j].plen > 128)
				abort();
			inside(&x->addrs[j].status.text, data, size);
		}
		for (j = 0; j < i; j++)
			if (m->ia[j].kind == x->kind &&
			    m->ia[j].iaid == x->iaid)
				abort();
	}
	for (i = 0; i < m->n_domains; i++)
		check_name(m->domains[i]);
}

static bool same_bytes(const struct dhcp6_bytes *a, const struct dhcp6_bytes *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->p, b->p, a->len));
}

static bool same_status(const struct dhcp6_status *a,
			const struct dhcp6_status *b)
{
	return a->present == b->present && a->code == b->code &&
	       same_bytes(&a->text, &b->text);
}

static void compare(const struct dhcp6_msg *a, const struct dhcp6_msg *b)
{
	unsigned int i, j;

	if (a->type != b->type || a->xid != b->xid ||
	    a->has_client_id != b->has_client_id ||
	    a->has_server_id != b->has_server_id ||
	    !same_bytes(&a->client_id.bytes, &b->client_id.bytes) ||
	    !same_bytes(&a->server_id.bytes, &b->server_id.bytes) ||
	    a->n_ia != b->n_ia || a->has_oro != b->has_oro ||
	    a->n_oro != b->n_oro ||
	    memcmp(a->oro, b->oro, sizeof(a->oro[0]) * a->n_oro) ||
	    a->has_preference != b->has_preference ||
	    a->preference != b->preference ||
	    a->has_elapsed != b->has_elapsed || a->elapsed != b->elapsed ||
	    a->rapid_commit != b->rapid_commit ||
	    a->reconf_accept != b->reconf_accept ||
	    a->has_reconf_msg != b->has_reconf_msg ||
	    a->reconf_msg != b->reconf_msg || a->has_auth != b->has_auth ||
	    a->auth.proto != b->auth.proto || a->auth.algo != b->auth.algo ||
	    a->auth.rdm != b->auth.rdm || a->auth.replay != b->auth.replay ||
	    !same_bytes(&a->auth.info, &b->auth.info) ||
	    a->has_unicast != b->has_unicast ||
	    memcmp(&a->unicast, &b->unicast, 16) ||
	    !same_status(&a->status, &b->status) ||
	    a->has_dns != b->has_dns || a->n_dns != b->n_dns ||
	    memcmp(a->dns, b->dns, 16u * a->n_dns) ||
	    a->has_domains != b->has_domains ||
	    !same_bytes(&a->domains_raw, &b->domains_raw) ||
	    a->n_domains != b->n_domains ||
	    a->has_sol_max_rt != b->has_sol_max_rt ||
	    a->sol_max_rt != b->sol_max_rt ||
	    a->has_inf_max_rt != b->has_inf_max_rt ||
	    a->inf_max_rt != b->inf_max_rt)
		abort();
	for (i = 0; i < a->n_domains; i++)
		if (strcmp(a->domains[i], b->domains[i]))
			abort();
	for (i = 0; i < a->n_ia; i++) {
		const struct dhcp6_ia *x = &a->ia[i], *y = &b->ia[i];

		if (x->kind != y->kind || x->iaid != y->iaid ||
		    x->t1 != y->t1 || x->t2 != y->t2 ||
		    x->n_addrs != y->n_addrs ||
		    !same_status(&x->status, &y->status))
			abort();
		for (j = 0; j < x->n_addrs; j++) {
			const struct dhcp6_iaaddr *p = &x->addrs[j];
			const struct dhcp6_iaaddr *q = &y->addrs[j];

			if (memcmp(&p->addr, &q->addr, 16) ||
			    p->plen != q->plen ||
			    p->preferred != q->preferred ||
			    p->valid != q->valid ||
			    !same_status(&p->status, &q->status))
				abort();
		}
	}
}

static uint8_t out[DHCP6_MSG_MAX], out2[DHCP6_MSG_MAX];
static struct dhcp6_msg m, m2;

static void reconf(const uint8_t *data, size_t size)
{
	static const uint8_t key[16] = { 1, 2, 3 }, other[16] = { 1, 2, 4 };
	bool has = m.has_auth && m.auth.proto == DHCP6_AUTH_PROTO_RECONF &&
		   m.auth.info.p[0] == DHCP6_RECONF_HMAC;

	(void)dhcp6_reconf_verify(data, size, &m, key);
	memcpy(out2, data, size);
	if ((dhcp6_reconf_sign(out2, size, key) == 0) != has)
		abort();
	if (!has)
		return;
	if (dhcp6_msg_parse(out2, size, &m2) != DHCP6_OK ||
	    !dhcp6_reconf_verify(out2, size, &m2, key) ||
	    dhcp6_reconf_verify(out2, size, &m2, other))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n;

	if (dhcp6_msg_parse(data, size, &m) != DHCP6_OK)
		return 0;
	check(&m, data, size);
	n = dhcp6_msg_build(out, sizeof(out), &m);
	if (!n || n > size)
		abort();	/* what we keep is never larger */
	if (dhcp6_msg_parse(out, n, &m2) != DHCP6_OK)
		abort();
	check(&m2, out, n);
	compare(&m, &m2);
	if (dhcp6_msg_build(out2, sizeof(out2), &m2) != n ||
	    memcmp(out, out2, n))
		abort();
	if (dhcp6_msg_build(out2, n - 1, &m2) != 0)
		abort();
	reconf(data, size);
	return 0;
}
