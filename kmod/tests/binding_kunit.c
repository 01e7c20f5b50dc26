// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the binding table (binding.c): expiry as a pure function of the
 * binding and the time, add, replace, lookup, delete, the limit, the
 * collector and the flush of a port.
 */
#include <kunit/test.h>
#include <linux/jiffies.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/ip.h>

#include "../apedge.h"

static const u8 mac_a[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0b };

static int bind_init(struct kunit *test)
{
	struct apedge_bindings *bt = kunit_kzalloc(test, sizeof(*bt),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, bt);
	KUNIT_ASSERT_EQ(test, apedge_bindings_init(bt), 0);
	test->priv = bt;
	return 0;
}

static void bind_exit(struct kunit *test)
{
	apedge_bindings_destroy(test->priv);
}

static void key4(struct apedge_bkey *key, u32 host)
{
	__be32 a = htonl(0xc0a80000 | host);

	apedge_bkey_init(key, AF_INET, &a);
}

static bool bound(struct apedge_bindings *bt, const struct apedge_bkey *key,
		  int ifindex, const u8 *mac)
{
	bool ok;

	rcu_read_lock();
	ok = apedge_binding_match(bt, key, ifindex, mac, get_jiffies_64());
	rcu_read_unlock();
	return ok;
}

static void bind_expired_pure(struct kunit *test)
{
	struct apedge_binding b = { .expires = 0 };
	u64 now = 1000;

	/* Permanent: never. */
	KUNIT_EXPECT_FALSE(test, apedge_binding_expired(&b, now));
	KUNIT_EXPECT_FALSE(test, apedge_binding_expired(&b, U64_MAX));
	b.expires = now + 1;
	KUNIT_EXPECT_FALSE(test, apedge_binding_expired(&b, now));
	KUNIT_EXPECT_TRUE(test, apedge_binding_expired(&b, now + 1));
	KUNIT_EXPECT_TRUE(test, apedge_binding_expired(&b, now + 2));
}

static void bind_expiry_pure(struct kunit *test)
{
	u64 now = 5000;

	KUNIT_EXPECT_EQ(test, apedge_binding_expiry(0, now), 0ULL);
	KUNIT_EXPECT_EQ(test, apedge_binding_expiry(APEDGE_SNOOP_INFINITE, now),
			0ULL);
	KUNIT_EXPECT_EQ(test, apedge_binding_expiry(1, now), now + HZ);
	KUNIT_EXPECT_EQ(test, apedge_binding_expiry(86400, now),
			now + 86400ULL * HZ);
	/* Never 0, which would mean "never", even at the wrap. */
	KUNIT_EXPECT_NE(test, apedge_binding_expiry(1, -(u64)HZ), 0ULL);
}

static void bind_add_lookup(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	const struct apedge_binding *b;
	struct apedge_bkey k, k6;
	u8 a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

	key4(&k, 10);
	KUNIT_EXPECT_FALSE(test, bound(bt, &k, 3, mac_a));
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k, mac_a, 3, 0,
						 APEDGE_BINDING_ORIGIN_STATIC,
						 NULL), 0);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k, 3, mac_a));
	KUNIT_EXPECT_FALSE(test, bound(bt, &k, 4, mac_a));
	KUNIT_EXPECT_FALSE(test, bound(bt, &k, 3, mac_b));
	KUNIT_EXPECT_EQ(test, bt->count, 1U);

	/* The same bytes as IPv6 are another key. */
	apedge_bkey_init(&k6, AF_INET6, a6);
	KUNIT_EXPECT_FALSE(test, bound(bt, &k6, 3, mac_a));
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k6, mac_b, 3, 60,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	rcu_read_lock();
	b = apedge_binding_lookup(bt, &k6);
	KUNIT_EXPECT_NOT_NULL(test, b);
	if (b) {
		KUNIT_EXPECT_EQ(test, b->origin, APEDGE_BINDING_ORIGIN_SNOOPED);
		KUNIT_EXPECT_NE(test, b->expires, 0ULL);
	}
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, bt->count, 2U);

	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &k, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &k, 0, NULL), -ENOENT);
	KUNIT_EXPECT_FALSE(test, bound(bt, &k, 3, mac_a));
	KUNIT_EXPECT_EQ(test, bt->count, 1U);
}

static void bind_replace(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k;

	key4(&k, 20);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k, mac_a, 3, 60,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	/* A new lease moves it. */
	KUNIT_EXPECT_EQ(test, apedge_binding_set(bt, &k, mac_b, 4, 60,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k, 4, mac_b));
	KUNIT_EXPECT_FALSE(test, bound(bt, &k, 3, mac_a));
	/* A static binding replaces a snooped one ... */
	KUNIT_EXPECT_EQ(test, apedge_binding_set(bt, &k, mac_a, 3, 0,
						 APEDGE_BINDING_ORIGIN_STATIC,
						 NULL), 0);
	/* ... and a snooped one does not replace a static one. */
	KUNIT_EXPECT_EQ(test, apedge_binding_set(bt, &k, mac_b, 4, 60,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), -EEXIST);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k, 3, mac_a));
	KUNIT_EXPECT_EQ(test, bt->count, 1U);
	/* Deleting with the wrong port or MAC leaves it. */
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &k, 4, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &k, 3, mac_b), -ENOENT);
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &k, 3, mac_a), 0);
}

static void bind_limit(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k;
	u32 i;

	bt->limit = 8;
	for (i = 0; i < 8; i++) {
		key4(&k, 100 + i);
		KUNIT_ASSERT_EQ(test,
				apedge_binding_set(bt, &k, mac_a, 3, 60,
						   APEDGE_BINDING_ORIGIN_SNOOPED,
						   NULL), 0);
	}
	key4(&k, 200);
	KUNIT_EXPECT_EQ(test, apedge_binding_set(bt, &k, mac_a, 3, 60,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->refused), 1LL);
	/* A static one is refused too, but not counted as snooping's. */
	KUNIT_EXPECT_EQ(test, apedge_binding_set(bt, &k, mac_a, 3, 0,
						 APEDGE_BINDING_ORIGIN_STATIC,
						 NULL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->refused), 1LL);
	/* Renewing one already in does not need room. */
	key4(&k, 100);
	KUNIT_EXPECT_EQ(test, apedge_binding_set(bt, &k, mac_a, 3, 120,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	KUNIT_EXPECT_EQ(test, bt->count, 8U);
	KUNIT_EXPECT_FALSE(test, bound(bt, &k, 3, mac_b));
	KUNIT_EXPECT_TRUE(test, bound(bt, &k, 3, mac_a));
}

static void bind_gc(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k1, k2, k3;
	u64 now = get_jiffies_64();

	key4(&k1, 1);
	key4(&k2, 2);
	key4(&k3, 3);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k1, mac_a, 3, 1,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k2, mac_a, 3, 3600,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k3, mac_a, 3, 0,
						 APEDGE_BINDING_ORIGIN_STATIC,
						 NULL), 0);
	/* Now nothing has expired. */
	apedge_binding_gc(bt, now);
	KUNIT_EXPECT_EQ(test, bt->count, 3U);
	/* Ten seconds on, the 1 s one has. */
	apedge_binding_gc(bt, now + 10 * HZ);
	KUNIT_EXPECT_EQ(test, bt->count, 2U);
	KUNIT_EXPECT_FALSE(test, bound(bt, &k1, 3, mac_a));
	KUNIT_EXPECT_TRUE(test, bound(bt, &k2, 3, mac_a));
	/* Two hours on, only the permanent one is left. */
	apedge_binding_gc(bt, now + 7200ULL * HZ);
	KUNIT_EXPECT_EQ(test, bt->count, 1U);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k3, 3, mac_a));
}

static void bind_flush_port(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k;
	u32 i;

	for (i = 0; i < 100; i++) {
		key4(&k, i);
		KUNIT_ASSERT_EQ(test,
				apedge_binding_set(bt, &k, mac_a, 3 + (i & 1),
						   0,
						   APEDGE_BINDING_ORIGIN_STATIC,
						   NULL), 0);
	}
	apedge_binding_flush_port(bt, 4);
	KUNIT_EXPECT_EQ(test, bt->count, 50U);
	key4(&k, 1);
	KUNIT_EXPECT_FALSE(test, bound(bt, &k, 4, mac_a));
	key4(&k, 2);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k, 3, mac_a));
}

/* A DHCPv4 RELEASE of 192.168.0.host by chaddr, from IPv4 on; length. */
static unsigned int release4(u8 *b, u32 host, const u8 *chaddr)
{
	unsigned int plen = 240 + 4, tot = 28 + plen;
	u8 *m = b + 28;

	memset(b, 0, tot);
	b[0] = 0x45;
	put_unaligned_be16(tot, b + 2);
	b[8] = 64;
	b[9] = IPPROTO_UDP;
	put_unaligned_be32(0xc0a80000 | host, b + 12);
	put_unaligned_be32(0xc0a80001, b + 16);
	put_unaligned_be16(68, b + 20);
	put_unaligned_be16(67, b + 22);
	put_unaligned_be16(8 + plen, b + 24);
	m[0] = 1;
	m[1] = 1;
	m[2] = ETH_ALEN;
	put_unaligned_be32(0xc0a80000 | host, m + 12);	/* ciaddr */
	memcpy(m + 28, chaddr, ETH_ALEN);
	put_unaligned_be32(0x63825363, m + 236);
	m[240] = 53;
	m[241] = 1;
	m[242] = 7;	/* RELEASE */
	m[243] = 255;
	return tot;
}

/* Snoop a RELEASE for a's binding received from src on port 3. */
static void snoop_release(struct kunit *test, const u8 *src)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_net *an = kunit_kzalloc(test, sizeof(*an), GFP_KERNEL);
	struct apedge_port *port = kunit_kzalloc(test, sizeof(*port),
						 GFP_KERNEL);
	struct net_device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);
	u8 *pkt = kunit_kzalloc(test, 512, GFP_KERNEL);
	struct apedge_cls cls;
	struct sk_buff *skb;
	unsigned int len;

	KUNIT_ASSERT_NOT_NULL(test, an);
	KUNIT_ASSERT_NOT_NULL(test, port);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_ASSERT_NOT_NULL(test, pkt);
	an->bt = bt;
	dev->ifindex = 3;
	port->an = an;
	port->dev = dev;
	len = release4(pkt, 5, mac_a);
	skb = alloc_skb(len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, pkt, len);
	apedge_classify(skb, htons(ETH_P_IP), 0, &cls);
	KUNIT_EXPECT_EQ(test, cls.class, APEDGE_CLS_DHCPV4);
	/* As the ingress hook does, in softirq context. */
	local_bh_disable();
	apedge_snoop(port, skb, &cls, src);
	local_bh_enable();
	kfree_skb(skb);
	flush_work(&bt->snoop_work);
}

/* A RELEASE ends a binding only when its chaddr is the frame's source. */
static void bind_snoop_release(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k;

	key4(&k, 5);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k, mac_a, 3, 600,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	/* From b, in a's name: a keeps its binding. */
	snoop_release(test, mac_b);
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->snooped), 0LL);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k, 3, mac_a));
	/* From a itself. */
	snoop_release(test, mac_a);
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->snooped), 1LL);
	KUNIT_EXPECT_FALSE(test, bound(bt, &k, 3, mac_a));
	KUNIT_EXPECT_EQ(test, bt->count, 0U);
}

static struct kunit_case apedge_binding_cases[] = {
	KUNIT_CASE(bind_expired_pure),
	KUNIT_CASE(bind_expiry_pure),
	KUNIT_CASE(bind_add_lookup),
	KUNIT_CASE(bind_replace),
	KUNIT_CASE(bind_limit),
	KUNIT_CASE(bind_gc),
	KUNIT_CASE(bind_flush_port),
	KUNIT_CASE(bind_snoop_release),
	{}
};

static struct kunit_suite apedge_binding_suite = {
	.name = "apedge_binding",
	.init = bind_init,
	.exit = bind_exit,
	.test_cases = apedge_binding_cases,
};

kunit_test_suite(apedge_binding_suite);
