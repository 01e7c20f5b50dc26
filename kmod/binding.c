// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: the binding table, IP address <-> MAC address <-> port.
 *
 * One rhashtable per network namespace, keyed by address family and
 * address.  The hooks look entries up under RCU, allocate nothing and
 * take no lock; an expired entry is absent to them.  Writers (netlink,
 * the snoop work, the collector, port removal) hold the table's mutex
 * and replace an entry rather than change it, so that a reader never
 * sees half of an update; old entries are freed after a grace period.
 *
 * Snooping happens in the hooks, which may not allocate: they parse a
 * DHCP message (snoop.c) into a slot of one of two fixed per-namespace
 * rings (what binds, what unbinds) and wake a work item that applies
 * them in process context, in the order they were queued.  What the
 * hooks refuse, a full ring, and a new snooped binding over the table's
 * limit are counted.
 *
 * Whom snooping believes (Documentation/admin-guide/guard.rst):
 *  - a server's ACK, NAK or REPLY only if it entered through a trusted
 *    port, or was sent by a socket of this host (no ingress device, a
 *    socket attached: a DHCP server's port is privileged);
 *  - a DHCPv4 ACK binds on the port where its REQUEST (same xid and
 *    chaddr, sent from that chaddr) arrived, whichever ports the ACK
 *    leaves by; a NAK unbinds the address that REQUEST asked for;
 *  - a RELEASE, DECLINE (DHCPv4: of option 50's address; DHCPv6: of its
 *    IAADDRs) or NAK unbinds only a snooped binding of the
 *    address to the client's MAC on the client's port, and one that
 *    does not exist is not queued at all.
 *
 * Beside the table by address, writers keep an index by (port, MAC):
 * each station's bindings on a port hang off one struct apedge_bclient
 * (an rhashtable), and each port's stations off one struct apedge_bport
 * (an xarray by ifindex).  Removing a port's bindings, or moving a
 * station's to another port, touches those bindings only, never the
 * whole table.  The hooks never see the index.
 *
 * Prefix bindings (a delegated IPv6 prefix, bound to the station and
 * port it was delegated to) live in the same table, keyed by the prefix
 * and its length (apedge_bkey.plen, 0 for an address): they share the
 * limit, the (port, MAC) index, the collector and dumps.  A bitmap of the
 * lengths in use lets the source guard look a source up once per length
 * present, longest first, when it has no binding of its own: the cost of
 * a few hashes however many prefixes are bound, never a scan.
 *
 * A deferrable delayed work collects expired entries every
 * APEDGE_BINDING_GC_SECS seconds, APEDGE_BINDING_GC_CHUNK entries at a
 * time: its walk's cursor is kept between chunks, the lock is dropped and
 * the work requeued at once, so that a million bindings never hold the
 * lock or a CPU for long.
 */
#include <linux/etherdevice.h>
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/sock.h>

#include "apedge.h"

#define APEDGE_BINDING_GC_SECS	5
/* Entries the collector looks at before it lets go of the lock and CPU. */
#define APEDGE_BINDING_GC_CHUNK	1024

static const struct rhashtable_params apedge_binding_params = {
	.key_len = sizeof(struct apedge_bkey),
	.key_offset = offsetof(struct apedge_binding, key),
	.head_offset = offsetof(struct apedge_binding, node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params apedge_bclient_params = {
	.key_len = sizeof(struct apedge_ckey),
	.key_offset = offsetof(struct apedge_bclient, key),
	.head_offset = offsetof(struct apedge_bclient, node),
	.automatic_shrinking = true,
};

/**
 * apedge_binding_expired - whether a binding has expired
 * @b: the binding
 * @now: the present time, get_jiffies_64()
 *
 * Pure: the one place that decides it.
 */
bool apedge_binding_expired(const struct apedge_binding *b, u64 now)
{
	return b->expires && time_after_eq64(now, b->expires);
}

/**
 * apedge_binding_expiry - when a binding made now for lifetime ends
 * @lifetime: seconds; 0 or APEDGE_SNOOP_INFINITE for never
 * @now: the present time, get_jiffies_64()
 *
 * Return: the expiry in jiffies, or 0 for never.  Pure.
 */
u64 apedge_binding_expiry(u32 lifetime, u64 now)
{
	u64 t;

	if (!lifetime || lifetime == APEDGE_SNOOP_INFINITE)
		return 0;
	t = now + (u64)lifetime * HZ;
	return t ? t : 1;
}

void apedge_bkey_init(struct apedge_bkey *key, u8 family, const void *addr)
{
	memset(key, 0, sizeof(*key));
	key->family = family;
	memcpy(key->addr, addr, family == AF_INET ? 4 : 16);
}

/**
 * apedge_bkey_prefix - the key of an IPv6 prefix
 * @key: filled
 * @addr: the prefix, 16 bytes
 * @plen: its length, 1 to 128
 *
 * Return: 0, or -EINVAL if @plen is out of range or @addr has bits set
 * past it.  Pure.
 */
int apedge_bkey_prefix(struct apedge_bkey *key, const u8 *addr, u8 plen)
{
	unsigned int i;

	if (!plen || plen > 128)
		return -EINVAL;
	apedge_bkey_init(key, AF_INET6, addr);
	key->plen = plen;
	for (i = plen / 8; i < 16; i++) {
		u8 keep = i == plen / 8 ? (u8)(0xff00 >> (plen % 8)) : 0;

		if (key->addr[i] & ~keep)
			return -EINVAL;
	}
	return 0;
}

/*
 * Whether a binding was made by an administrator or a local DHCPv6 server
 * (netlink): nothing snooped or claimed replaces it.
 */
static bool apedge_binding_origin_managed(u8 origin)
{
	return origin == APEDGE_BINDING_ORIGIN_STATIC ||
	       origin == APEDGE_BINDING_ORIGIN_DHCP6_SERVER;
}

/* Bit of @plens for a length: longest first. */
static unsigned int apedge_plen_bit(u8 plen)
{
	return 128 - plen;
}

/**
 * apedge_prefix_match - whether an IPv6 address lies in a prefix bound
 *	to the port and the MAC
 * @bt: the table
 * @addr: the address, 16 bytes
 * @ifindex: the port a frame came in on
 * @mac: its source MAC
 * @now: the present time, get_jiffies_64()
 *
 * The longest live prefix holding @addr decides.  One lookup per prefix
 * length in use.  Under RCU; never allocates.
 */
bool apedge_prefix_match(struct apedge_bindings *bt, const u8 *addr,
			 int ifindex, const u8 *mac, u64 now)
{
	const struct apedge_binding *b;
	unsigned long word, bits;
	struct apedge_bkey key;
	unsigned int w, bit;
	u8 plen;
	int i;

	for (w = 0; w < ARRAY_SIZE(bt->plens); w++) {
		bits = READ_ONCE(bt->plens[w]);
		while (bits) {
			word = __ffs(bits);
			bits &= bits - 1;
			bit = w * BITS_PER_LONG + word;
			if (bit >= APEDGE_PLEN_BITS)
				return false;
			plen = 128 - bit;
			apedge_bkey_init(&key, AF_INET6, addr);
			key.plen = plen;
			for (i = plen / 8; i < 16; i++)
				key.addr[i] &= i == plen / 8 ?
					(u8)(0xff00 >> (plen % 8)) : 0;
			b = rhashtable_lookup(&bt->ht, &key,
					      apedge_binding_params);
			if (b && !apedge_binding_expired(b, now))
				return b->ifindex == ifindex &&
				       ether_addr_equal(b->mac, mac);
		}
	}
	return false;
}

/* A prefix binding comes or goes: the lengths in use (under bt->lock). */
static void apedge_plen_count(struct apedge_bindings *bt, u8 plen, int d)
{
	unsigned int bit = apedge_plen_bit(plen);

	if (!plen)
		return;
	bt->plen_count[bit] += d;
	if (d > 0 && bt->plen_count[bit] == 1)
		set_bit(bit, bt->plens);
	else if (d < 0 && !bt->plen_count[bit])
		clear_bit(bit, bt->plens);
}

/**
 * apedge_binding_lookup - the live binding of an address
 * @bt: the table
 * @key: the address
 *
 * Under rcu_read_lock() (the hooks' own); the result is valid until it
 * is dropped.  Never allocates.
 */
const struct apedge_binding *
apedge_binding_lookup(struct apedge_bindings *bt, const struct apedge_bkey *key)
{
	const struct apedge_binding *b;

	b = rhashtable_lookup(&bt->ht, key, apedge_binding_params);
	if (b && apedge_binding_expired(b, get_jiffies_64()))
		return NULL;
	return b;
}

/*
 * Whether the address is bound to the port and the MAC at now
 * (get_jiffies_64()); under RCU.  An IPv6 address without a binding of
 * its own may lie in a bound prefix.
 */
bool apedge_binding_match(struct apedge_bindings *bt,
			  const struct apedge_bkey *key, int ifindex,
			  const u8 *mac, u64 now)
{
	const struct apedge_binding *b;

	b = rhashtable_lookup(&bt->ht, key, apedge_binding_params);
	if (b && !apedge_binding_expired(b, now))
		return b->ifindex == ifindex && ether_addr_equal(b->mac, mac);
	return key->family == AF_INET6 && !key->plen &&
	       apedge_prefix_match(bt, key->addr, ifindex, mac, now);
}

/**
 * apedge_binding_owner - who an address is bound to, as the link-local
 *	guard asks
 * @bt: the table
 * @key: the address
 * @ifindex: the port a frame came in on
 * @mac: its source MAC
 * @now: the present time, get_jiffies_64()
 *
 * Under RCU; never allocates.
 *
 * Return: enum apedge_owner.  APEDGE_OWNER_SELF_OLD when the binding is
 * the port's and the MAC's but ends within APEDGE_LL_REFRESH_SECS, so
 * that the frame's sender refreshes it.
 */
u8 apedge_binding_owner(struct apedge_bindings *bt,
			const struct apedge_bkey *key, int ifindex,
			const u8 *mac, u64 now)
{
	const struct apedge_binding *b;

	b = rhashtable_lookup(&bt->ht, key, apedge_binding_params);
	if (!b || apedge_binding_expired(b, now))
		return APEDGE_OWNER_NONE;
	if (b->ifindex != ifindex || !ether_addr_equal(b->mac, mac))
		return b->tentative && time_before64(now, b->tentative) ?
		       APEDGE_OWNER_OTHER_TENTATIVE : APEDGE_OWNER_OTHER;
	if (b->expires &&
	    time_before64(b->expires, now + APEDGE_LL_REFRESH_SECS * HZ))
		return APEDGE_OWNER_SELF_OLD;
	return APEDGE_OWNER_SELF;
}

/* A dump in progress sees the table change (under bt->lock). */
static void apedge_binding_changed(struct apedge_bindings *bt)
{
	lockdep_assert_held(&bt->lock);
	WRITE_ONCE(bt->gen, bt->gen + 1);
}

static void apedge_ckey_init(struct apedge_ckey *ck, int ifindex,
			     const u8 *mac)
{
	memset(ck, 0, sizeof(*ck));
	ck->ifindex = ifindex;
	ether_addr_copy(ck->mac, mac);
}

static struct apedge_bclient *apedge_bclient_find(struct apedge_bindings *bt,
						  int ifindex, const u8 *mac)
{
	struct apedge_ckey ck;

	lockdep_assert_held(&bt->lock);
	apedge_ckey_init(&ck, ifindex, mac);
	return rhashtable_lookup_fast(&bt->clients, &ck, apedge_bclient_params);
}

/*
 * The index entry of (ifindex, mac), made if there is none; NULL if it
 * cannot be.  An entry made here and left empty is dropped by
 * apedge_bclient_put().  Under bt->lock, process context.
 */
static struct apedge_bclient *apedge_bclient_get(struct apedge_bindings *bt,
						 int ifindex, const u8 *mac)
{
	struct apedge_bclient *c;
	struct apedge_bport *bp;

	c = apedge_bclient_find(bt, ifindex, mac);
	if (c)
		return c;
	bp = xa_load(&bt->ports, ifindex);
	if (!bp) {
		bp = kzalloc(sizeof(*bp), GFP_KERNEL);
		if (!bp)
			return NULL;
		INIT_LIST_HEAD(&bp->clients);
		if (xa_err(xa_store(&bt->ports, ifindex, bp, GFP_KERNEL))) {
			kfree(bp);
			return NULL;
		}
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		goto out_port;
	apedge_ckey_init(&c->key, ifindex, mac);
	INIT_LIST_HEAD(&c->bindings);
	if (rhashtable_insert_fast(&bt->clients, &c->node,
				   apedge_bclient_params))
		goto out_free;
	list_add_tail(&c->port_node, &bp->clients);
	return c;

out_free:
	kfree(c);
out_port:
	if (list_empty(&bp->clients)) {
		xa_erase(&bt->ports, ifindex);
		kfree(bp);
	}
	return NULL;
}

/* Drop an index entry left without bindings, and its port's if empty. */
static void apedge_bclient_put(struct apedge_bindings *bt,
			       struct apedge_bclient *c)
{
	struct apedge_bport *bp;

	lockdep_assert_held(&bt->lock);
	if (!list_empty(&c->bindings))
		return;
	rhashtable_remove_fast(&bt->clients, &c->node, apedge_bclient_params);
	list_del(&c->port_node);
	bp = xa_load(&bt->ports, c->key.ifindex);
	if (bp && list_empty(&bp->clients)) {
		xa_erase(&bt->ports, c->key.ifindex);
		kfree(bp);
	}
	kfree_rcu(c, rcu);
}

/* Put b, new in the table, under its index entry c. */
static void apedge_binding_index(struct apedge_binding *b,
				 struct apedge_bclient *c)
{
	b->client = c;
	list_add_tail(&b->client_node, &c->bindings);
}

/* Take b out of the table; its index entry stays, maybe empty. */
static void __apedge_binding_unlink(struct apedge_bindings *bt,
				    struct apedge_binding *b)
{
	rhashtable_remove_fast(&bt->ht, &b->node, apedge_binding_params);
	list_del(&b->client_node);
	apedge_plen_count(bt, b->key.plen, -1);
	WRITE_ONCE(bt->count, bt->count - 1);
	apedge_binding_changed(bt);
	kfree_rcu(b, rcu);
}

static void apedge_binding_unlink(struct apedge_bindings *bt,
				  struct apedge_binding *b)
{
	struct apedge_bclient *c = b->client;

	__apedge_binding_unlink(bt, b);
	apedge_bclient_put(bt, c);
}

/* b takes old's place in the table and leaves old's index entry. */
static int apedge_binding_replace(struct apedge_bindings *bt,
				  struct apedge_binding *old,
				  struct apedge_binding *b,
				  struct apedge_bclient *c)
{
	struct apedge_bclient *oc = old->client;
	int err;

	err = rhashtable_replace_fast(&bt->ht, &old->node, &b->node,
				      apedge_binding_params);
	if (err)
		return err;
	list_del(&old->client_node);
	apedge_binding_index(b, c);
	apedge_binding_changed(bt);
	kfree_rcu(old, rcu);
	apedge_bclient_put(bt, oc);
	return 0;
}

/* Insert b, a new address, under c; counts it. */
static int apedge_binding_insert(struct apedge_bindings *bt,
				 struct apedge_binding *b,
				 struct apedge_bclient *c)
{
	int err;

	err = rhashtable_insert_fast(&bt->ht, &b->node, apedge_binding_params);
	if (err)
		return err;
	apedge_binding_index(b, c);
	apedge_plen_count(bt, b->key.plen, 1);
	WRITE_ONCE(bt->count, bt->count + 1);
	apedge_binding_changed(bt);
	return 0;
}

/**
 * apedge_binding_set - bind an address
 * @bt: the table
 * @key: the address
 * @mac: the station's MAC address
 * @ifindex: its port
 * @lifetime: seconds, 0 or APEDGE_SNOOP_INFINITE for ever
 * @origin: enum apedge_binding_origin
 * @extack: for error messages, or NULL
 *
 * A static or dhcp6-server binding replaces any binding of the key; a
 * snooped one replaces neither.  Over the table's limit a new binding is
 * refused (a snooped one is counted).  Process context.
 */
int apedge_binding_set(struct apedge_bindings *bt,
		       const struct apedge_bkey *key, const u8 *mac,
		       int ifindex, u32 lifetime, u8 origin,
		       struct netlink_ext_ack *extack)
{
	struct apedge_binding *b, *old;
	struct apedge_bclient *c;
	int err = 0;

	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->key = *key;
	ether_addr_copy(b->mac, mac);
	b->ifindex = ifindex;
	b->origin = origin;
	b->expires = apedge_binding_expiry(lifetime, get_jiffies_64());

	mutex_lock(&bt->lock);
	old = rhashtable_lookup_fast(&bt->ht, key, apedge_binding_params);
	if (old && origin == APEDGE_BINDING_ORIGIN_SNOOPED &&
	    apedge_binding_origin_managed(old->origin)) {
		err = -EEXIST;
		goto out_free;
	}
	if (!old && bt->count >= READ_ONCE(bt->limit)) {
		if (origin == APEDGE_BINDING_ORIGIN_SNOOPED)
			atomic64_inc(&bt->refused);
		NL_SET_ERR_MSG(extack, "binding table is full");
		err = -ENOSPC;
		goto out_free;
	}
	c = apedge_bclient_get(bt, ifindex, mac);
	if (!c) {
		err = -ENOMEM;
		goto out_free;
	}
	if (old)
		err = apedge_binding_replace(bt, old, b, c);
	else
		err = apedge_binding_insert(bt, b, c);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot insert the binding");
		apedge_bclient_put(bt, c);
		goto out_free;
	}
	goto out;

out_free:
	kfree(b);
out:
	mutex_unlock(&bt->lock);
	return err;
}

/**
 * apedge_binding_del - unbind an address
 * @bt: the table
 * @key: the address
 * @ifindex: only if bound to this port, or 0 for any
 * @mac: only if bound to this MAC, or NULL for any
 *
 * Return: 0, or -ENOENT if the address was not so bound.  Process
 * context.
 */
int apedge_binding_del(struct apedge_bindings *bt,
		       const struct apedge_bkey *key, int ifindex,
		       const u8 *mac)
{
	struct apedge_binding *b;
	int err = -ENOENT;

	mutex_lock(&bt->lock);
	b = rhashtable_lookup_fast(&bt->ht, key, apedge_binding_params);
	if (b && (!ifindex || b->ifindex == ifindex) &&
	    (!mac || ether_addr_equal(b->mac, mac))) {
		apedge_binding_unlink(bt, b);
		err = 0;
	}
	mutex_unlock(&bt->lock);
	return err;
}

/* Unbind a snooped binding of the address to the port and MAC. */
static void apedge_binding_forget(struct apedge_bindings *bt,
				  const struct apedge_bkey *key, int ifindex,
				  const u8 *mac)
{
	struct apedge_binding *b;

	mutex_lock(&bt->lock);
	b = rhashtable_lookup_fast(&bt->ht, key, apedge_binding_params);
	if (b && b->origin == APEDGE_BINDING_ORIGIN_SNOOPED &&
	    b->ifindex == ifindex && ether_addr_equal(b->mac, mac))
		apedge_binding_unlink(bt, b);
	mutex_unlock(&bt->lock);
}

/**
 * apedge_binding_claim - claim a link-local address
 * @bt: the table
 * @key: the address
 * @mac: the claimant's MAC address
 * @ifindex: its port
 * @op: APEDGE_SNOOP_LL, APEDGE_SNOOP_LL_DAD or APEDGE_SNOOP_ROUTER
 *
 * For a station, first come first served (RFC 6620), or for a router
 * seen on a trusted port.  A station's claim never takes an address bound
 * elsewhere and alive; it refreshes its own, keeping the end of its
 * tentative time.  A router's claim takes any address but a static or
 * dhcp6-server one: routers on trusted ports come first.  Process context.
 */
void apedge_binding_claim(struct apedge_bindings *bt,
			  const struct apedge_bkey *key, const u8 *mac,
			  int ifindex, u8 op)
{
	struct apedge_binding *b, *old;
	struct apedge_bclient *c;
	u64 now = get_jiffies_64();
	int err;

	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return;
	b->key = *key;
	ether_addr_copy(b->mac, mac);
	b->ifindex = ifindex;
	b->origin = op == APEDGE_SNOOP_ROUTER ? APEDGE_BINDING_ORIGIN_ROUTER :
						APEDGE_BINDING_ORIGIN_LINK_LOCAL;
	b->expires = apedge_binding_expiry(APEDGE_LL_LIFETIME_SECS, now);
	if (op == APEDGE_SNOOP_LL_DAD)
		b->tentative = (now + APEDGE_LL_TENTATIVE_MS * HZ / 1000) | 1;

	mutex_lock(&bt->lock);
	old = rhashtable_lookup_fast(&bt->ht, key, apedge_binding_params);
	if (old && !apedge_binding_expired(old, now)) {
		bool self = old->ifindex == ifindex &&
			    ether_addr_equal(old->mac, mac);

		if (apedge_binding_origin_managed(old->origin) ||
		    (op != APEDGE_SNOOP_ROUTER && !self))
			goto out_free;
		if (self && old->origin == b->origin)
			b->tentative = old->tentative;
	}
	if (!old && bt->count >= READ_ONCE(bt->limit)) {
		atomic64_inc(&bt->refused);
		goto out_free;
	}
	c = apedge_bclient_get(bt, ifindex, mac);
	if (!c)
		goto out_free;
	if (old)
		err = apedge_binding_replace(bt, old, b, c);
	else
		err = apedge_binding_insert(bt, b, c);
	if (err) {
		apedge_bclient_put(bt, c);
		goto out_free;
	}
	goto out;

out_free:
	kfree(b);
out:
	mutex_unlock(&bt->lock);
}

/**
 * apedge_binding_conflict - a tentative link-local claim defended
 * @bt: the table
 * @key: the address
 * @ifindex: the port the defence came in on
 * @mac: the defender's MAC address
 *
 * A Neighbor Advertisement for a link-local address still tentative, from
 * someone else on a trusted port: the address is in use there, the
 * station's DAD fails, and its claim goes.  Process context.
 */
void apedge_binding_conflict(struct apedge_bindings *bt,
			     const struct apedge_bkey *key, int ifindex,
			     const u8 *mac)
{
	struct apedge_binding *b;

	mutex_lock(&bt->lock);
	b = rhashtable_lookup_fast(&bt->ht, key, apedge_binding_params);
	if (b && b->origin == APEDGE_BINDING_ORIGIN_LINK_LOCAL &&
	    b->tentative && time_before64(get_jiffies_64(), b->tentative) &&
	    (b->ifindex != ifindex || !ether_addr_equal(b->mac, mac)))
		apedge_binding_unlink(bt, b);
	mutex_unlock(&bt->lock);
}

/**
 * apedge_binding_gc_step - one chunk of the collector's walk
 * @bt: the table
 * @now: the present time, get_jiffies_64()
 * @budget: most entries to look at
 *
 * Removes the expired entries among the next @budget of the walk, which
 * starts anew when the last one ended.  The lock is held for the chunk
 * only; entries added or removed between chunks by others may be missed
 * or seen twice, to be collected next time.  The chunk's own last entry
 * stays in the table until the next chunk has walked past it: the walk
 * finds its place again by that entry.  Process context.
 *
 * Return: true if the walk has more to do.
 */
bool apedge_binding_gc_step(struct apedge_bindings *bt, u64 now,
			    unsigned int budget)
{
	struct apedge_binding *b = NULL, *last = NULL, *old;
	unsigned int n;

	mutex_lock(&bt->lock);
	if (!bt->gc_walking) {
		rhashtable_walk_enter(&bt->ht, &bt->gc_iter);
		bt->gc_walking = true;
		bt->gc_has_last = false;
	}
	rhashtable_walk_start(&bt->gc_iter);
	for (n = 0; n < budget; n++) {
		b = rhashtable_walk_next(&bt->gc_iter);
		if (!b)
			break;
		if (IS_ERR(b))
			continue;	/* -EAGAIN: a resize; go on */
		/*
		 * The last chunk's last entry, kept for the walk to find its
		 * place again (rhashtable_walk_start() looks for it), can go
		 * now that the walk is past it.
		 */
		if (bt->gc_has_last) {
			bt->gc_has_last = false;
			old = rhashtable_lookup_fast(&bt->ht, &bt->gc_last,
						     apedge_binding_params);
			if (old && old != b && apedge_binding_expired(old, now))
				apedge_binding_unlink(bt, old);
		}
		if (last)
			apedge_binding_unlink(bt, last);
		last = apedge_binding_expired(b, now) ? b : NULL;
	}
	if (last && b) {
		/* Where the next chunk starts: removed then. */
		bt->gc_last = last->key;
		bt->gc_has_last = true;
	} else if (last) {
		apedge_binding_unlink(bt, last);
	}
	rhashtable_walk_stop(&bt->gc_iter);
	if (!b) {
		rhashtable_walk_exit(&bt->gc_iter);
		bt->gc_walking = false;
	}
	mutex_unlock(&bt->lock);
	return bt->gc_walking;
}

/**
 * apedge_binding_gc - remove the expired bindings, the whole walk at once
 * @bt: the table
 * @now: the present time, get_jiffies_64()
 *
 * For tests and teardown; the collector's work goes by chunks.
 */
void apedge_binding_gc(struct apedge_bindings *bt, u64 now)
{
	/* A walk in progress ends first; then a whole one. */
	while (apedge_binding_gc_step(bt, now, APEDGE_BINDING_GC_CHUNK))
		cond_resched();
	while (apedge_binding_gc_step(bt, now, APEDGE_BINDING_GC_CHUNK))
		cond_resched();
}

/**
 * apedge_binding_flush_port - remove the bindings of a port
 * @bt: the table
 * @ifindex: the port's device
 *
 * Called when the port is detached, after its hooks are gone and the
 * snoop work has run.  Touches the port's bindings only (the port index).
 */
void apedge_binding_flush_port(struct apedge_bindings *bt, int ifindex)
{
	struct apedge_binding *b, *bn;
	struct apedge_bclient *c, *cn;
	struct apedge_bport *bp;

	flush_work(&bt->snoop_work);
	mutex_lock(&bt->lock);
	bp = xa_load(&bt->ports, ifindex);
	if (!bp)
		goto out;
	list_for_each_entry_safe(c, cn, &bp->clients, port_node) {
		list_for_each_entry_safe(b, bn, &c->bindings, client_node)
			__apedge_binding_unlink(bt, b);
		rhashtable_remove_fast(&bt->clients, &c->node,
				       apedge_bclient_params);
		list_del(&c->port_node);
		kfree_rcu(c, rcu);
	}
	xa_erase(&bt->ports, ifindex);
	kfree(bp);
out:
	mutex_unlock(&bt->lock);
}

/**
 * apedge_binding_move - a station's bindings follow it to another port
 * @bt: the table
 * @mac: the station
 * @from: the port it was on
 * @to: the port it is on now
 * @extack: for error messages, or NULL
 *
 * Every binding of @mac on @from, whatever its origin, is rebound to @to
 * with the same address, expiry and origin; found through the (port, MAC)
 * index.  Process context.
 *
 * Return: the number of bindings moved, or a negative error.
 */
int apedge_binding_move(struct apedge_bindings *bt, const u8 *mac,
			int from, int to, struct netlink_ext_ack *extack)
{
	struct apedge_binding *b, *bn, *nb;
	struct apedge_bclient *c, *tc;
	int n = 0, err = 0;

	if (from == to)
		return 0;
	mutex_lock(&bt->lock);
	c = apedge_bclient_find(bt, from, mac);
	if (!c)
		goto out;
	tc = apedge_bclient_get(bt, to, mac);
	if (!tc) {
		NL_SET_ERR_MSG(extack, "out of memory for the index");
		err = -ENOMEM;
		goto out;
	}
	list_for_each_entry_safe(b, bn, &c->bindings, client_node) {
		nb = kmemdup(b, sizeof(*b), GFP_KERNEL);
		if (!nb) {
			err = -ENOMEM;
			break;
		}
		nb->ifindex = to;
		/* Not the last: c stays until the loop has left it. */
		err = rhashtable_replace_fast(&bt->ht, &b->node, &nb->node,
					      apedge_binding_params);
		if (err) {
			kfree(nb);
			break;
		}
		list_del(&b->client_node);
		apedge_binding_index(nb, tc);
		kfree_rcu(b, rcu);
		n++;
	}
	if (n)
		apedge_binding_changed(bt);
	apedge_bclient_put(bt, c);
	apedge_bclient_put(bt, tc);
	if (err)
		NL_SET_ERR_MSG(extack, "cannot move every binding");
out:
	mutex_unlock(&bt->lock);
	return err ? err : n;
}

static void apedge_binding_gc_work(struct work_struct *work)
{
	struct apedge_bindings *bt = container_of(to_delayed_work(work),
						  struct apedge_bindings, gc);
	bool more;

	more = apedge_binding_gc_step(bt, get_jiffies_64(),
				      APEDGE_BINDING_GC_CHUNK);
	queue_delayed_work(system_power_efficient_wq, &bt->gc,
			   more ? 1 : APEDGE_BINDING_GC_SECS * HZ);
}

/* Apply one snooped message.  Process context. */
static void apedge_snoop_apply(struct apedge_bindings *bt,
			       const struct apedge_snoop_ev *ev)
{
	const struct apedge_snoop *sn = &ev->sn;
	struct apedge_bkey key;
	unsigned int i;

	if (sn->op == APEDGE_SNOOP_LL_CONFLICT) {
		apedge_bkey_init(&key, AF_INET6, sn->addr[0].addr);
		apedge_binding_conflict(bt, &key, ev->ifindex, sn->mac);
		return;
	}
	if (sn->op >= APEDGE_SNOOP_LL) {
		apedge_bkey_init(&key, AF_INET6, sn->addr[0].addr);
		apedge_binding_claim(bt, &key, sn->mac, ev->ifindex, sn->op);
		return;
	}
	for (i = 0; i < sn->naddr && i < APEDGE_SNOOP_ADDRS; i++) {
		apedge_bkey_init(&key, sn->family, sn->addr[i].addr);
		if (sn->op == APEDGE_SNOOP_LEARN && sn->addr[i].lifetime) {
			apedge_binding_set(bt, &key, sn->mac, ev->ifindex,
					   sn->addr[i].lifetime,
					   APEDGE_BINDING_ORIGIN_SNOOPED, NULL);
			continue;
		}
		/* A zero lifetime, a RELEASE, a DECLINE or a NAK: only the
		 * client's own snooped binding goes.
		 */
		apedge_binding_forget(bt, &key, ev->ifindex, sn->mac);
	}
}

/* The oldest message of the two rings, taken out; under ring_lock. */
static bool apedge_snoop_take(struct apedge_bindings *bt,
			      struct apedge_snoop_ev *ev)
{
	struct apedge_snoop_ring *l = &bt->learn, *f = &bt->forget, *r;

	lockdep_assert_held(&bt->ring_lock);
	if (!l->count && !f->count)
		return false;
	if (!f->count)
		r = l;
	else if (!l->count)
		r = f;
	else
		r = (s32)(l->ev[l->head].seq - f->ev[f->head].seq) < 0 ? l : f;
	*ev = r->ev[r->head];
	r->head = (r->head + 1) % r->size;
	r->count--;
	return true;
}

static void apedge_snoop_work(struct work_struct *work)
{
	struct apedge_bindings *bt = container_of(work, struct apedge_bindings,
						  snoop_work);
	struct apedge_snoop_ev ev;
	bool more;

	for (;;) {
		spin_lock_bh(&bt->ring_lock);
		more = apedge_snoop_take(bt, &ev);
		spin_unlock_bh(&bt->ring_lock);
		if (!more)
			break;
		apedge_snoop_apply(bt, &ev);
	}
}

/**
 * apedge_snoop_origin - whether a frame leaving a port comes from a place
 *			 that may speak for a DHCP server
 * @port: the port it leaves by
 * @skb: the frame
 *
 * A frame that entered through a port of this namespace whose role is
 * trusted, or that no device received (skb_iif 0) and a socket of this
 * host sent: binding a DHCP server's UDP port (67, 547) takes
 * CAP_NET_BIND_SERVICE.  A frame a driver forwards without receiving it
 * (mac80211 between the stations of one BSS) has neither.  Under RCU.
 */
bool apedge_snoop_origin(struct apedge_port *port, const struct sk_buff *skb)
{
	struct apedge_port *from;

	if (!skb->skb_iif)
		return skb->sk && sk_fullsock(skb->sk);
	from = apedge_port_find_rcu(port->an, skb->skb_iif);
	return from && from->role == APEDGE_PORT_ROLE_TRUSTED;
}

static struct apedge_snoop_req_slot *
apedge_snoop_req_slot(struct apedge_bindings *bt, u32 xid, const u8 *mac)
{
	u32 h = jhash(mac, ETH_ALEN, xid);

	return &bt->reqs[h & (APEDGE_SNOOP_REQ_SLOTS - 1)];
}

/* Remember a client's REQUEST, arrived on ifindex.  From the hooks. */
static void apedge_snoop_req_note(struct apedge_bindings *bt,
				  const struct apedge_snoop_req *req,
				  int ifindex)
{
	struct apedge_snoop_req_slot *slot;

	slot = apedge_snoop_req_slot(bt, req->xid, req->mac);
	write_seqlock_bh(&slot->lock);
	slot->req = *req;
	slot->ifindex = ifindex;
	slot->stamp = jiffies;
	write_sequnlock_bh(&slot->lock);
}

/*
 * The REQUEST (xid, mac) that arrived in the last APEDGE_SNOOP_REQ_SECS:
 * its port, and the address it asked for.  From the hooks; never waits.
 */
static bool apedge_snoop_req_find(struct apedge_bindings *bt, u32 xid,
				  const u8 *mac, int *ifindex, __be32 *addr)
{
	struct apedge_snoop_req_slot *slot;
	unsigned long stamp;
	unsigned int seq;
	bool hit;

	slot = apedge_snoop_req_slot(bt, xid, mac);
	do {
		seq = read_seqbegin(&slot->lock);
		hit = slot->ifindex && slot->req.xid == xid &&
		      ether_addr_equal(slot->req.mac, mac);
		*ifindex = slot->ifindex;
		*addr = slot->req.addr;
		stamp = slot->stamp;
	} while (read_seqretry(&slot->lock, seq));
	return hit && time_before(jiffies, stamp + APEDGE_SNOOP_REQ_SECS * HZ);
}

/*
 * Keep, of a FORGET's addresses, those snooped bindings of the MAC on
 * the port that exist: a FORGET for nothing is not queued.  Under RCU.
 */
static void apedge_snoop_bound_only(struct apedge_bindings *bt,
				    struct apedge_snoop *sn, int ifindex)
{
	const struct apedge_binding *b;
	struct apedge_bkey key;
	unsigned int i, n = 0;

	for (i = 0; i < sn->naddr && i < APEDGE_SNOOP_ADDRS; i++) {
		apedge_bkey_init(&key, sn->family, sn->addr[i].addr);
		b = apedge_binding_lookup(bt, &key);
		if (!b || b->origin != APEDGE_BINDING_ORIGIN_SNOOPED ||
		    b->ifindex != ifindex || !ether_addr_equal(b->mac, sn->mac))
			continue;
		sn->addr[n++] = sn->addr[i];
	}
	sn->naddr = n;
}

/* Messages snooping reads: 1 a server's, 2 a client's, 0 neither. */
static int apedge_snoop_kind(const struct apedge_cls *cls)
{
	if (cls->class == APEDGE_CLS_DHCPV4) {
		switch (cls->type) {
		case 5:		/* ACK */
		case 6:		/* NAK */
			return 1;
		case 3:		/* REQUEST */
		case 4:		/* DECLINE */
		case 7:		/* RELEASE */
			return 2;
		}
	} else if (cls->class == APEDGE_CLS_DHCPV6) {
		switch (cls->type) {
		case 7:		/* REPLY */
			return 1;
		case 8:		/* RELEASE */
		case 9:		/* DECLINE */
			return 2;
		}
	}
	return 0;
}

/* Queue sn for the snoop work, or count its loss.  From the hooks. */
void apedge_snoop_queue(struct apedge_port *port,
			const struct apedge_snoop *sn, int ifindex)
{
	struct apedge_bindings *bt = port->an->bt;
	struct apedge_snoop_ring *r;
	struct apedge_snoop_ev *ev;

	/* Link-local claims learn. */
	r = sn->op == APEDGE_SNOOP_FORGET ? &bt->forget : &bt->learn;
	spin_lock_bh(&bt->ring_lock);
	if (r->count == r->size) {
		spin_unlock_bh(&bt->ring_lock);
		atomic64_inc(&bt->snoop_overflow);
		apedge_count(port, APEDGE_CTR_SNOOP_OVERFLOW);
		return;
	}
	ev = &r->ev[(r->head + r->count) % r->size];
	ev->sn = *sn;
	ev->ifindex = ifindex;
	ev->seq = bt->seq++;
	r->count++;
	spin_unlock_bh(&bt->ring_lock);
	atomic64_inc(&bt->snooped);
	schedule_work(&bt->snoop_work);
}

/**
 * apedge_snoop - learn from a DHCP message crossing an untrusted port
 * @port: the port
 * @skb: the message
 * @cls: the classifier's result
 * @mac: the client's MAC: the frame's destination on egress, its source
 *	 on ingress
 * @dir: APEDGE_DIRECTION_EGRESS for a server's message to a client on
 *	 the port, APEDGE_DIRECTION_INGRESS for a client's message
 *
 * From the hooks, under RCU: parses, checks, and queues what it found
 * for the snoop work; counts what it refuses.  No allocation, no wait.
 */
void apedge_snoop(struct apedge_port *port, const struct sk_buff *skb,
		  const struct apedge_cls *cls, const u8 *mac, u8 dir)
{
	struct apedge_bindings *bt = port->an->bt;
	bool server = dir == APEDGE_DIRECTION_EGRESS;
	int ifindex = port->dev->ifindex;
	struct apedge_snoop_req req;
	struct apedge_snoop sn;
	__be32 addr;
	int kind;

	kind = apedge_snoop_kind(cls);
	if (kind != (server ? 1 : 2))
		return;
	if (!apedge_snoop_ports(skb, cls, server)) {
		apedge_count(port, APEDGE_CTR_SNOOP_PORTS);
		return;
	}
	if (server && !apedge_snoop_origin(port, skb)) {
		apedge_count(port, APEDGE_CTR_SNOOP_UNTRUSTED);
		return;
	}

	if (apedge_snoop_dhcpv4_request(skb, cls, &req)) {
		/* Only the client itself: or a station could take another's
		 * ACK to its own port.
		 */
		if (!mac || !ether_addr_equal(req.mac, mac))
			apedge_count(port, APEDGE_CTR_SNOOP_CHADDR);
		else
			apedge_snoop_req_note(bt, &req, ifindex);
		return;
	}

	if (cls->class == APEDGE_CLS_DHCPV4) {
		if (!apedge_snoop_dhcpv4(skb, cls, &sn))
			return;
		if (server) {
			if (!apedge_snoop_req_find(bt, sn.xid, sn.mac,
						   &ifindex, &addr) ||
			    (sn.nak && !addr)) {
				apedge_count(port, APEDGE_CTR_SNOOP_NO_REQUEST);
				return;
			}
			if (sn.nak) {
				memcpy(sn.addr[0].addr, &addr, 4);
				sn.naddr = 1;
			}
		} else if (!mac || !ether_addr_equal(sn.mac, mac)) {
			/* A RELEASE ends the binding of its chaddr: only the
			 * client itself may send it.
			 */
			apedge_count(port, APEDGE_CTR_SNOOP_CHADDR);
			return;
		}
	} else if (!mac || !apedge_snoop_dhcpv6(skb, cls, mac, &sn)) {
		return;
	}

	if (sn.op == APEDGE_SNOOP_FORGET) {
		apedge_snoop_bound_only(bt, &sn, ifindex);
		if (!sn.naddr) {
			apedge_count(port, APEDGE_CTR_SNOOP_UNBOUND);
			return;
		}
	}
	apedge_snoop_queue(port, &sn, ifindex);
}

/**
 * apedge_bindings_init - set up an empty table
 * @bt: the table, zeroed
 */
int apedge_bindings_init(struct apedge_bindings *bt)
{
	int err, i;

	err = rhashtable_init(&bt->ht, &apedge_binding_params);
	if (err)
		return err;
	err = rhashtable_init(&bt->clients, &apedge_bclient_params);
	if (err) {
		rhashtable_destroy(&bt->ht);
		return err;
	}
	xa_init(&bt->ports);
	mutex_init(&bt->lock);
	spin_lock_init(&bt->ring_lock);
	bt->learn.size = APEDGE_SNOOP_LEARN_SLOTS;
	bt->learn.ev = bt->learn_ev;
	bt->forget.size = APEDGE_SNOOP_FORGET_SLOTS;
	bt->forget.ev = bt->forget_ev;
	for (i = 0; i < APEDGE_SNOOP_REQ_SLOTS; i++)
		seqlock_init(&bt->reqs[i].lock);
	bt->limit = APEDGE_BINDINGS_DEFAULT;
	/* Never 0, which a dump takes for "no generation yet". */
	bt->gen = 1;
	INIT_WORK(&bt->snoop_work, apedge_snoop_work);
	INIT_DEFERRABLE_WORK(&bt->gc, apedge_binding_gc_work);
	queue_delayed_work(system_power_efficient_wq, &bt->gc,
			   APEDGE_BINDING_GC_SECS * HZ);
	return 0;
}

static void apedge_binding_free(void *ptr, void *arg)
{
	kfree(ptr);
}

/**
 * apedge_bindings_destroy - free a table and every binding in it
 * @bt: the table; no hook may use it any more
 */
void apedge_bindings_destroy(struct apedge_bindings *bt)
{
	struct apedge_bport *bp;
	unsigned long i;

	cancel_delayed_work_sync(&bt->gc);
	cancel_work_sync(&bt->snoop_work);
	if (bt->gc_walking)
		rhashtable_walk_exit(&bt->gc_iter);
	/* Entries unlinked before are freed by kfree_rcu(). */
	rhashtable_free_and_destroy(&bt->ht, apedge_binding_free, NULL);
	rhashtable_free_and_destroy(&bt->clients, apedge_binding_free, NULL);
	xa_for_each(&bt->ports, i, bp)
		kfree(bp);
	xa_destroy(&bt->ports);
	mutex_destroy(&bt->lock);
}

/**
 * apedge_binding_dump - fill a dump from a walk of the table
 * @bt: the table
 * @iter: the walk, entered in the dump's start
 * @fill: puts one binding into the message; non-zero when it is full
 * @arg: for @fill
 * @pending: where the binding that did not fit is copied
 *
 * Return: 0 at the end of the table, 1 when the message is full; the
 * binding that did not fit is returned in @pending, copied, to be sent
 * first next time.
 */
int apedge_binding_dump(struct apedge_bindings *bt,
			struct rhashtable_iter *iter,
			int (*fill)(const struct apedge_binding *b, void *arg),
			void *arg, struct apedge_binding *pending)
{
	struct apedge_binding *b;
	u64 now = get_jiffies_64();
	int ret = 0;

	rhashtable_walk_start(iter);
	while ((b = rhashtable_walk_next(iter))) {
		if (IS_ERR(b))
			continue;
		if (apedge_binding_expired(b, now))
			continue;
		if (fill(b, arg)) {
			*pending = *b;
			ret = 1;
			break;
		}
	}
	rhashtable_walk_stop(iter);
	return ret;
}

void apedge_binding_walk_enter(struct apedge_bindings *bt,
			       struct rhashtable_iter *iter)
{
	rhashtable_walk_enter(&bt->ht, iter);
}
