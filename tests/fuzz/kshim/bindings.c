// SPDX-License-Identifier: GPL-2.0
/*
 * A stand-in for the binding table's lookup side (kmod/binding.c), whose
 * rhashtable does not build in userspace, for tests/bench/kcost and
 * fuzz_kmod_guard.  A chained hash table of
 * the same keys, walked as rhashtable_lookup() walks a bucket: hash the
 * 24-byte key, pick the bucket, compare each entry's key with memcmp(),
 * then the checks of apedge_binding_match().  The hash is a simple
 * multiply-rotate over the key's six words, not jhash2(); the kernel's
 * lookup costs some tens of instructions more (tests/bench/kcost.sh says
 * so where it prints the figures).
 *
 * Like binding.c, it is a file of its own: the guard calls it, it is not
 * inlined into the guard.
 */
#include <stdlib.h>

#include "bindings.h"

u64 kshim_jiffies = 1000000;

struct kc_binding {
	struct kc_binding *next;
	struct apedge_bkey key;
	u8 mac[ETH_ALEN];
	int ifindex;
	u64 expires;
};

/* A power of two, as an rhashtable's size; the load stays below 1. */
#define KC_BUCKETS	2048

struct apedge_bindings {
	struct kc_binding *bucket[KC_BUCKETS];
};

static u32 kc_hash(const struct apedge_bkey *key)
{
	u32 w, h = 0x2545f491;
	unsigned int i;

	for (i = 0; i < sizeof(*key); i += 4) {
		memcpy(&w, (const u8 *)key + i, 4);
		h = (h ^ w) * 0x9e3779b1;
		h = (h << 13) | (h >> 19);
	}
	return h ^ (h >> 16);
}

/*
 * The layer-2 domain: userspace has no bridge, so every frame is in
 * domain 0, as kc_bind()'s bindings are.
 */
void apedge_bdom_of(struct net_device *dev, const struct sk_buff *skb,
		    struct apedge_bdom *dom)
{
	dom->ifindex = 0;
	dom->vlan = 0;
}

/* As binding.c's. */
void apedge_bkey_init(struct apedge_bkey *key, u8 family, const void *addr)
{
	memset(key, 0, sizeof(*key));
	key->family = family;
	memcpy(key->addr, addr, family == AF_INET ? 4 : 16);
}

/* As binding.c's, with the expiry check of apedge_binding_expired(). */
bool apedge_binding_match(struct apedge_bindings *bt,
			  const struct apedge_bkey *key, int ifindex,
			  const u8 *mac, u64 now)
{
	const struct kc_binding *b;

	for (b = bt->bucket[kc_hash(key) & (KC_BUCKETS - 1)]; b; b = b->next)
		if (!memcmp(&b->key, key, sizeof(*key)))
			break;
	return b && !(b->expires && (s64)(now - b->expires) >= 0) &&
	       b->ifindex == ifindex && ether_addr_equal(b->mac, mac);
}

/* As binding.c's, without tentative claims or refreshes. */
u8 apedge_binding_owner(struct apedge_bindings *bt,
			const struct apedge_bkey *key, int ifindex,
			const u8 *mac, u64 now)
{
	const struct kc_binding *b;

	for (b = bt->bucket[kc_hash(key) & (KC_BUCKETS - 1)]; b; b = b->next)
		if (!memcmp(&b->key, key, sizeof(*key)))
			break;
	if (!b || (b->expires && (s64)(now - b->expires) >= 0))
		return APEDGE_OWNER_NONE;
	if (b->ifindex != ifindex || !ether_addr_equal(b->mac, mac))
		return APEDGE_OWNER_OTHER;
	return APEDGE_OWNER_SELF;
}

struct apedge_bindings *kc_bindings_new(void)
{
	struct apedge_bindings *bt = calloc(1, sizeof(*bt));

	if (!bt)
		abort();
	return bt;
}

void kc_bind(struct apedge_bindings *bt, u8 family, const void *addr,
	     const u8 *mac, int ifindex)
{
	struct kc_binding *b = calloc(1, sizeof(*b));
	u32 i;

	if (!b)
		abort();
	apedge_bkey_init(&b->key, family, addr);
	memcpy(b->mac, mac, ETH_ALEN);
	b->ifindex = ifindex;
	i = kc_hash(&b->key) & (KC_BUCKETS - 1);
	b->next = bt->bucket[i];
	bt->bucket[i] = b;
}
