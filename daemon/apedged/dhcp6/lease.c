// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 server's lease table: see lease.h.
 */
#include <stdlib.h>
#include <string.h>

#include "dhcp6/lease.h"

struct dhcp6_leases {
	uint64_t seed;
	struct dhcp6_lease *slot;
	uint32_t cap, used;		/* slots allocated, ever handed out */
	uint32_t free_head;		/* chained through key_next */
	uint32_t *key_bucket, *addr_bucket;
	uint32_t *heap;			/* slot indices, min expiry first */
	uint32_t heap_n;
	struct dhcp6_lease_stats st;
};

/* A 64-bit FNV-1a over the bytes from a seed, then a final mix. */
uint64_t dhcp6_hash(uint64_t seed, const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = 0xcbf29ce484222325ull ^ seed;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

static uint32_t key_hash(const struct dhcp6_leases *t, const uint8_t *duid,
			 size_t duid_len, uint32_t iaid, uint8_t kind)
{
	uint64_t h = dhcp6_hash(t->seed, duid, duid_len);
	uint8_t tail[5] = { (uint8_t)(iaid >> 24), (uint8_t)(iaid >> 16),
			    (uint8_t)(iaid >> 8), (uint8_t)iaid, kind };

	h = dhcp6_hash(h, tail, sizeof(tail));
	return (uint32_t)h & (DHCP6_LEASE_BUCKETS - 1);
}

static uint32_t addr_hash(const struct dhcp6_leases *t,
			  const struct in6_addr *a, uint8_t plen)
{
	uint8_t b[17];

	memcpy(b, a, 16);
	b[16] = plen;
	return (uint32_t)dhcp6_hash(t->seed ^ 0x5a5a5a5a5a5a5a5aull, b,
				    sizeof(b)) & (DHCP6_LEASE_BUCKETS - 1);
}

struct dhcp6_leases *dhcp6_leases_new(uint64_t seed)
{
	struct dhcp6_leases *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->seed = seed;
	t->free_head = DHCP6_LEASE_NONE;
	t->key_bucket = malloc(DHCP6_LEASE_BUCKETS * sizeof(uint32_t));
	t->addr_bucket = malloc(DHCP6_LEASE_BUCKETS * sizeof(uint32_t));
	if (!t->key_bucket || !t->addr_bucket) {
		dhcp6_leases_free(t);
		return NULL;
	}
	memset(t->key_bucket, 0xff, DHCP6_LEASE_BUCKETS * sizeof(uint32_t));
	memset(t->addr_bucket, 0xff, DHCP6_LEASE_BUCKETS * sizeof(uint32_t));
	return t;
}

void dhcp6_leases_free(struct dhcp6_leases *t)
{
	if (!t)
		return;
	free(t->slot);
	free(t->heap);
	free(t->key_bucket);
	free(t->addr_bucket);
	free(t);
}

struct dhcp6_lease *dhcp6_lease_at(struct dhcp6_leases *t, uint32_t i)
{
	if (i >= t->used || t->slot[i].state == DHCP6_LEASE_FREE)
		return NULL;
	return &t->slot[i];
}

uint32_t dhcp6_lease_index(const struct dhcp6_leases *t,
			   const struct dhcp6_lease *l)
{
	return (uint32_t)(l - t->slot);
}

bool dhcp6_lease_is(const struct dhcp6_lease *l, const uint8_t *duid,
		    size_t duid_len, uint32_t iaid, uint8_t kind)
{
	return l->state == DHCP6_LEASE_BOUND && l->iaid == iaid &&
	       l->kind == kind && l->duid_len == duid_len &&
	       !memcmp(l->duid, duid, duid_len);
}

static struct dhcp6_lease *key_walk(struct dhcp6_leases *t, uint32_t i,
				    const uint8_t *duid, size_t duid_len,
				    uint32_t iaid, uint8_t kind)
{
	for (; i != DHCP6_LEASE_NONE; i = t->slot[i].key_next)
		if (dhcp6_lease_is(&t->slot[i], duid, duid_len, iaid, kind))
			return &t->slot[i];
	return NULL;
}

struct dhcp6_lease *dhcp6_lease_by_key(struct dhcp6_leases *t,
				       const uint8_t *duid, size_t duid_len,
				       uint32_t iaid, uint8_t kind)
{
	return key_walk(t, t->key_bucket[key_hash(t, duid, duid_len, iaid,
						  kind)],
			duid, duid_len, iaid, kind);
}

struct dhcp6_lease *dhcp6_lease_next_key(struct dhcp6_leases *t,
					 const struct dhcp6_lease *l)
{
	return key_walk(t, l->key_next, l->duid, l->duid_len, l->iaid,
			l->kind);
}

struct dhcp6_lease *dhcp6_lease_by_addr(struct dhcp6_leases *t,
					const struct in6_addr *a,
					uint8_t plen)
{
	uint32_t i;

	for (i = t->addr_bucket[addr_hash(t, a, plen)]; i != DHCP6_LEASE_NONE;
	     i = t->slot[i].addr_next)
		if (t->slot[i].plen == plen &&
		    !memcmp(&t->slot[i].addr, a, sizeof(*a)))
			return &t->slot[i];
	return NULL;
}

/* The heap: slot indices ordered by expiry. */
static bool heap_less(const struct dhcp6_leases *t, uint32_t a, uint32_t b)
{
	return t->slot[t->heap[a]].expiry < t->slot[t->heap[b]].expiry;
}

static void heap_swap(struct dhcp6_leases *t, uint32_t a, uint32_t b)
{
	uint32_t x = t->heap[a];

	t->heap[a] = t->heap[b];
	t->heap[b] = x;
	t->slot[t->heap[a]].heap_pos = a;
	t->slot[t->heap[b]].heap_pos = b;
}

static void heap_up(struct dhcp6_leases *t, uint32_t i)
{
	while (i > 0 && heap_less(t, i, (i - 1) / 2)) {
		heap_swap(t, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void heap_down(struct dhcp6_leases *t, uint32_t i)
{
	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < t->heap_n && heap_less(t, l, m))
			m = l;
		if (r < t->heap_n && heap_less(t, r, m))
			m = r;
		if (m == i)
			return;
		heap_swap(t, i, m);
		i = m;
	}
}

static void heap_fix(struct dhcp6_leases *t, uint32_t i)
{
	uint32_t s = t->heap[i];

	heap_up(t, i);
	heap_down(t, t->slot[s].heap_pos);
}

static void heap_remove(struct dhcp6_leases *t, uint32_t pos)
{
	uint32_t last = --t->heap_n;

	if (pos != last) {
		heap_swap(t, pos, last);
		heap_up(t, pos);
		heap_down(t, pos);
	}
}

static bool grow(struct dhcp6_leases *t)
{
	uint32_t cap = t->cap ? t->cap * 2 : 1024;
	struct dhcp6_lease *s;
	uint32_t *h;

	if (cap > DHCP6_LEASES_MAX)
		cap = DHCP6_LEASES_MAX;
	if (cap <= t->cap)
		return false;
	s = realloc(t->slot, (size_t)cap * sizeof(*s));
	if (!s)
		return false;
	t->slot = s;
	h = realloc(t->heap, (size_t)cap * sizeof(*h));
	if (!h)
		return false;
	t->heap = h;
	t->cap = cap;
	return true;
}

static uint32_t slot_get(struct dhcp6_leases *t)
{
	uint32_t i;

	if (t->free_head != DHCP6_LEASE_NONE) {
		i = t->free_head;
		t->free_head = t->slot[i].key_next;
		return i;
	}
	if (t->used == t->cap && !grow(t))
		return DHCP6_LEASE_NONE;
	return t->used++;
}

static void chain_unlink(struct dhcp6_leases *t, uint32_t *head, uint32_t i,
			 bool key)
{
	uint32_t *pp = head;

	while (*pp != DHCP6_LEASE_NONE) {
		struct dhcp6_lease *c = &t->slot[*pp];

		if (*pp == i) {
			*pp = key ? c->key_next : c->addr_next;
			return;
		}
		pp = key ? &c->key_next : &c->addr_next;
	}
}

struct dhcp6_lease *dhcp6_lease_add(struct dhcp6_leases *t,
				    const uint8_t *duid, size_t duid_len,
				    uint32_t iaid, uint8_t kind,
				    const struct in6_addr *addr, uint8_t plen,
				    uint32_t preferred, uint32_t valid,
				    uint64_t expiry)
{
	struct dhcp6_lease *l;
	uint32_t i, kh, ah;

	if (duid_len < DHCP6_DUID_MIN || duid_len > DHCP6_DUID_MAX ||
	    plen > 128 || dhcp6_lease_by_addr(t, addr, plen))
		return NULL;
	i = slot_get(t);
	if (i == DHCP6_LEASE_NONE) {
		t->st.full++;
		return NULL;
	}
	l = &t->slot[i];
	memset(l, 0, sizeof(*l));
	l->state = DHCP6_LEASE_BOUND;
	l->kind = kind;
	l->plen = plen;
	l->addr = *addr;
	l->iaid = iaid;
	l->duid_len = (uint8_t)duid_len;
	memcpy(l->duid, duid, duid_len);
	l->preferred = preferred;
	l->valid = valid;
	l->expiry = expiry;
	kh = key_hash(t, duid, duid_len, iaid, kind);
	ah = addr_hash(t, addr, plen);
	l->key_next = t->key_bucket[kh];
	t->key_bucket[kh] = i;
	l->addr_next = t->addr_bucket[ah];
	t->addr_bucket[ah] = i;
	l->heap_pos = t->heap_n;
	t->heap[t->heap_n++] = i;
	heap_up(t, l->heap_pos);
	t->st.bound++;
	t->st.added++;
	return l;
}

void dhcp6_lease_touch(struct dhcp6_leases *t, struct dhcp6_lease *l,
		       uint32_t preferred, uint32_t valid, uint64_t expiry)
{
	l->preferred = preferred;
	l->valid = valid;
	l->expiry = expiry;
	heap_fix(t, l->heap_pos);
}

static void key_unlink(struct dhcp6_leases *t, struct dhcp6_lease *l)
{
	uint32_t i = dhcp6_lease_index(t, l);

	chain_unlink(t, &t->key_bucket[key_hash(t, l->duid, l->duid_len,
						l->iaid, l->kind)], i, true);
	l->key_next = DHCP6_LEASE_NONE;
}

void dhcp6_lease_decline(struct dhcp6_leases *t, struct dhcp6_lease *l,
			 uint64_t expiry)
{
	if (l->state != DHCP6_LEASE_BOUND)
		return;
	key_unlink(t, l);
	l->state = DHCP6_LEASE_DECLINED;
	t->st.bound--;
	t->st.declined++;
	dhcp6_lease_touch(t, l, 0, 0, expiry);
}

void dhcp6_lease_del(struct dhcp6_leases *t, struct dhcp6_lease *l)
{
	uint32_t i = dhcp6_lease_index(t, l);

	if (l->state == DHCP6_LEASE_FREE)
		return;
	if (l->state == DHCP6_LEASE_BOUND) {
		key_unlink(t, l);
		t->st.bound--;
	} else {
		t->st.declined--;
	}
	chain_unlink(t, &t->addr_bucket[addr_hash(t, &l->addr, l->plen)], i,
		     false);
	heap_remove(t, l->heap_pos);
	l->state = DHCP6_LEASE_FREE;
	l->key_next = t->free_head;
	t->free_head = i;
	t->st.removed++;
}

struct dhcp6_lease *dhcp6_lease_expire_next(struct dhcp6_leases *t,
					    uint64_t now)
{
	struct dhcp6_lease *l;

	if (!t->heap_n)
		return NULL;
	l = &t->slot[t->heap[0]];
	return l->expiry <= now ? l : NULL;
}

uint64_t dhcp6_lease_next_expiry(const struct dhcp6_leases *t)
{
	return t->heap_n ? t->slot[t->heap[0]].expiry : UINT64_MAX;
}

struct dhcp6_lease *dhcp6_lease_iter(struct dhcp6_leases *t, uint64_t *pos)
{
	while (*pos < t->used) {
		struct dhcp6_lease *l = &t->slot[(*pos)++];

		if (l->state != DHCP6_LEASE_FREE)
			return l;
	}
	return NULL;
}

void dhcp6_lease_to_rec(const struct dhcp6_lease *l, uint8_t type,
			struct dhcp6_jnl_rec *r)
{
	memset(r, 0, sizeof(*r));
	r->type = type;
	if (l->state == DHCP6_LEASE_DECLINED && type != DHCP6_JNL_EXPIRE &&
	    type != DHCP6_JNL_RELEASE)
		r->type = DHCP6_JNL_DECLINE;
	r->kind = l->kind;
	r->plen = l->plen;
	r->iaid = l->iaid;
	r->addr = l->addr;
	r->preferred = l->preferred;
	r->valid = l->valid;
	r->expiry = (type == DHCP6_JNL_RELEASE || type == DHCP6_JNL_EXPIRE) ?
		    0 : l->expiry;
	r->duid_len = l->duid_len;
	memcpy(r->duid, l->duid, l->duid_len);
	r->lladdr_len = l->lladdr_len;
	memcpy(r->lladdr, l->lladdr, l->lladdr_len);
	memcpy(r->ifname, l->ifname, sizeof(r->ifname));
}

static void rec_extra(struct dhcp6_lease *l, const struct dhcp6_jnl_rec *r)
{
	l->lladdr_len = r->lladdr_len <= DHCP6_JNL_LLADDR_MAX ?
			r->lladdr_len : 0;
	memcpy(l->lladdr, r->lladdr, l->lladdr_len);
	memcpy(l->ifname, r->ifname, sizeof(l->ifname));
	l->ifname[DHCP6_JNL_IFNAME_MAX] = '\0';
}

bool dhcp6_lease_replay(struct dhcp6_leases *t,
			const struct dhcp6_jnl_rec *r)
{
	struct dhcp6_lease *l = dhcp6_lease_by_addr(t, &r->addr, r->plen);

	switch (r->type) {
	case DHCP6_JNL_ADD:
	case DHCP6_JNL_RENEW:
		if (l && !dhcp6_lease_is(l, r->duid, r->duid_len, r->iaid,
					 r->kind)) {
			dhcp6_lease_del(t, l);
			l = NULL;
		}
		if (l) {
			dhcp6_lease_touch(t, l, r->preferred, r->valid,
					  r->expiry);
		} else {
			l = dhcp6_lease_add(t, r->duid, r->duid_len, r->iaid,
					    r->kind, &r->addr, r->plen,
					    r->preferred, r->valid,
					    r->expiry);
			if (!l)
				return false;
		}
		rec_extra(l, r);
		return true;
	case DHCP6_JNL_RELEASE:
	case DHCP6_JNL_EXPIRE:
		if (l)
			dhcp6_lease_del(t, l);
		return true;
	case DHCP6_JNL_DECLINE:
		if (!l) {
			l = dhcp6_lease_add(t, r->duid, r->duid_len, r->iaid,
					    r->kind, &r->addr, r->plen, 0, 0,
					    r->expiry);
			if (!l)
				return false;
			rec_extra(l, r);
		}
		dhcp6_lease_decline(t, l, r->expiry);
		return true;
	default:
		return true;
	}
}

const struct dhcp6_lease_stats *dhcp6_leases_stats(
	const struct dhcp6_leases *t)
{
	return &t->st;
}
