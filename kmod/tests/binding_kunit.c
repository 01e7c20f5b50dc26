// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the binding table (binding.c): expiry as a pure function of the
 * binding and the time, add, replace, lookup, delete, the limit, the
 * collector and the flush of a port; snooping as the hooks do it: whom
 * it believes, the REQUEST an ACK or NAK answers, FORGETs for nothing,
 * and the two rings; prefix bindings: their keys, the longest match,
 * the lengths in use, expiry, move and flush.
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

/*
 * The (port, MAC) index follows a binding that changes port by replacement,
 * and a port's flush touches only what the index holds for it.
 */
static void bind_index_replace(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k1, k2;

	key4(&k1, 1);
	key4(&k2, 2);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k1, mac_a, 3, 0,
						 APEDGE_BINDING_ORIGIN_STATIC,
						 NULL), 0);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k2, mac_a, 3, 0,
						 APEDGE_BINDING_ORIGIN_STATIC,
						 NULL), 0);
	/* k1 moves to port 4 and another MAC by replacement. */
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k1, mac_b, 4, 0,
						 APEDGE_BINDING_ORIGIN_STATIC,
						 NULL), 0);
	KUNIT_EXPECT_EQ(test, bt->count, 2U);
	KUNIT_EXPECT_EQ(test, atomic_read(&bt->clients.nelems), 2);
	apedge_binding_flush_port(bt, 3);
	KUNIT_EXPECT_EQ(test, bt->count, 1U);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k1, 4, mac_b));
	KUNIT_EXPECT_FALSE(test, bound(bt, &k2, 3, mac_a));
	KUNIT_EXPECT_NULL(test, xa_load(&bt->ports, 3));
	/* Deleting the last binding empties the index. */
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &k1, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&bt->clients.nelems), 0);
	KUNIT_EXPECT_NULL(test, xa_load(&bt->ports, 4));
}

/*
 * A port's flush among many stations and ports: only its own go, and the
 * index holds nothing of it afterwards.
 */
static void bind_index_flush_many(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k;
	u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0 };
	u32 i;

	for (i = 0; i < 1000; i++) {
		key4(&k, i);
		mac[5] = i % 50;
		KUNIT_ASSERT_EQ(test,
				apedge_binding_set(bt, &k, mac, 10 + i % 7, 0,
						   APEDGE_BINDING_ORIGIN_STATIC,
						   NULL), 0);
	}
	apedge_binding_flush_port(bt, 13);
	/* 1000 / 7: 143 of the 1000 were on port 13 (i % 7 == 3). */
	KUNIT_EXPECT_EQ(test, bt->count, 1000U - 143U);
	KUNIT_EXPECT_NULL(test, xa_load(&bt->ports, 13));
	for (i = 0; i < 1000; i++) {
		key4(&k, i);
		mac[5] = i % 50;
		KUNIT_EXPECT_EQ(test, bound(bt, &k, 10 + i % 7, mac), i % 7 != 3);
	}
}

/*
 * The collector goes by chunks: each step looks at most at its budget,
 * and the walk goes on where the last step left it until the end.
 */
static void bind_gc_chunks(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k;
	u64 now = get_jiffies_64();
	unsigned int steps = 0, before;
	u32 i;

	for (i = 0; i < 200; i++) {
		key4(&k, i);
		KUNIT_ASSERT_EQ(test,
				apedge_binding_set(bt, &k, mac_a, 3, i ? 1 : 0,
						   i ? APEDGE_BINDING_ORIGIN_SNOOPED :
						   APEDGE_BINDING_ORIGIN_STATIC,
						   NULL), 0);
	}
	for (;;) {
		bool more;

		before = bt->count;
		more = apedge_binding_gc_step(bt, now + 10 * HZ, 16);
		steps++;
		KUNIT_EXPECT_LE(test, before - bt->count, 16U);
		if (!more)
			break;
		KUNIT_ASSERT_LT(test, steps, 100U);
	}
	KUNIT_EXPECT_GE(test, steps, 200U / 16U);
	KUNIT_EXPECT_EQ(test, bt->count, 1U);
	KUNIT_EXPECT_FALSE(test, bt->gc_walking);
	key4(&k, 0);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k, 3, mac_a));
}

/* A walk left in the middle is let go of by the table's destruction. */
static void bind_gc_left_walking(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k;
	u32 i;

	for (i = 0; i < 40; i++) {
		key4(&k, i);
		KUNIT_ASSERT_EQ(test,
				apedge_binding_set(bt, &k, mac_a, 3, 0,
						   APEDGE_BINDING_ORIGIN_STATIC,
						   NULL), 0);
	}
	KUNIT_EXPECT_TRUE(test, apedge_binding_gc_step(bt, get_jiffies_64(),
						       4));
	KUNIT_EXPECT_TRUE(test, bt->gc_walking);
	/* bind_exit() destroys the table with the walk entered. */
}

/*
 * A station's move takes all its bindings, whatever their origin, to the
 * new port and leaves other stations' alone; the index follows.
 */
static void bind_move(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k1, k2, k3;

	key4(&k1, 1);
	key4(&k2, 2);
	key4(&k3, 3);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k1, mac_a, 3, 600,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k2, mac_a, 3, 0,
						 APEDGE_BINDING_ORIGIN_STATIC,
						 NULL), 0);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k3, mac_b, 3, 600,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	KUNIT_EXPECT_EQ(test, apedge_binding_move(bt, mac_a, 3, 5, NULL), 2);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k1, 5, mac_a));
	KUNIT_EXPECT_TRUE(test, bound(bt, &k2, 5, mac_a));
	KUNIT_EXPECT_FALSE(test, bound(bt, &k1, 3, mac_a));
	KUNIT_EXPECT_TRUE(test, bound(bt, &k3, 3, mac_b));
	KUNIT_EXPECT_EQ(test, bt->count, 3U);
	/* Nothing left to move, the same port: nothing moves. */
	KUNIT_EXPECT_EQ(test, apedge_binding_move(bt, mac_a, 3, 5, NULL), 0);
	KUNIT_EXPECT_EQ(test, apedge_binding_move(bt, mac_a, 5, 5, NULL), 0);
	/* The index follows: port 3's flush leaves the moved ones. */
	apedge_binding_flush_port(bt, 3);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k1, 5, mac_a));
	KUNIT_EXPECT_FALSE(test, bound(bt, &k3, 3, mac_b));
	apedge_binding_flush_port(bt, 5);
	KUNIT_EXPECT_EQ(test, bt->count, 0U);
	KUNIT_EXPECT_EQ(test, atomic_read(&bt->clients.nelems), 0);
}

/* A DHCPv4 message, from IPv4 on: its fields; returns its length. */
struct msg4 {
	u8 op;
	u8 type;
	u16 sport;
	u16 dport;
	u32 xid;
	u32 ciaddr;		/* host part in 192.168.0.0/24, or 0 */
	u32 yiaddr;		/* likewise */
	u32 reqaddr;		/* option 50, likewise; 0 for none */
	u32 lease;		/* option 51; 0 for none */
	const u8 *chaddr;
};

static unsigned int msg4(u8 *b, const struct msg4 *m4)
{
	unsigned int plen = 240 + 3 + 12 + 1, tot = 28 + plen, o = 243;
	u8 *m = b + 28;

	memset(b, 0, tot);
	b[0] = 0x45;
	put_unaligned_be16(tot, b + 2);
	b[8] = 64;
	b[9] = IPPROTO_UDP;
	put_unaligned_be16(m4->sport, b + 20);
	put_unaligned_be16(m4->dport, b + 22);
	put_unaligned_be16(8 + plen, b + 24);
	m[0] = m4->op;
	m[1] = 1;
	m[2] = ETH_ALEN;
	put_unaligned_be32(m4->xid, m + 4);
	if (m4->ciaddr)
		put_unaligned_be32(0xc0a80000 | m4->ciaddr, m + 12);
	if (m4->yiaddr)
		put_unaligned_be32(0xc0a80000 | m4->yiaddr, m + 16);
	memcpy(m + 28, m4->chaddr, ETH_ALEN);
	put_unaligned_be32(0x63825363, m + 236);
	m[240] = 53;
	m[241] = 1;
	m[242] = m4->type;
	if (m4->reqaddr) {
		m[o++] = 50;
		m[o++] = 4;
		put_unaligned_be32(0xc0a80000 | m4->reqaddr, m + o);
		o += 4;
	}
	if (m4->lease) {
		m[o++] = 51;
		m[o++] = 4;
		put_unaligned_be32(m4->lease, m + o);
		o += 4;
	}
	memset(m + o, 0, 243 + 12 - o);		/* pad */
	m[243 + 12] = 255;
	return tot;
}

/*
 * A namespace with three ports: 1 trusted, 3 and 4 untrusted, with
 * counters, as the hooks see them.
 */
struct snoop_bed {
	struct apedge_net an;
	struct apedge_port port[5];
	struct net_device dev[5];
};

static struct snoop_bed *snoop_bed(struct kunit *test)
{
	struct snoop_bed *sb = kunit_kzalloc(test, sizeof(*sb), GFP_KERNEL);
	static const int idx[] = { 1, 3, 4 };
	int i;

	KUNIT_ASSERT_NOT_NULL(test, sb);
	sb->an.bt = test->priv;
	INIT_LIST_HEAD(&sb->an.ports);
	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		struct apedge_port *port = &sb->port[idx[i]];

		sb->dev[idx[i]].ifindex = idx[i];
		port->dev = &sb->dev[idx[i]];
		port->an = &sb->an;
		port->role = idx[i] == 1 ? APEDGE_PORT_ROLE_TRUSTED :
					   APEDGE_PORT_ROLE_UNTRUSTED;
		port->stats = apedge_stats_alloc();
		KUNIT_ASSERT_NOT_NULL(test, port->stats);
		list_add_tail(&port->list, &sb->an.ports);
	}
	return sb;
}

static void snoop_bed_free(struct snoop_bed *sb)
{
	free_percpu(sb->port[1].stats);
	free_percpu(sb->port[3].stats);
	free_percpu(sb->port[4].stats);
}

static u64 snoop_ctr(struct apedge_port *port, enum apedge_ctr c)
{
	u64 n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += u64_stats_read(&per_cpu_ptr(port->stats, cpu)->ctr[c]);
	return n;
}

/*
 * Snoop m4 on port ifindex as its hook does: a client's message arriving
 * from src (ingress), or a server's leaving for dst after it entered
 * through iif (egress); the work is not waited for.
 */
static void snoop_msg(struct kunit *test, struct snoop_bed *sb, int ifindex,
		      u8 dir, const struct msg4 *m4, const u8 *mac, int iif)
{
	u8 *pkt = kunit_kzalloc(test, 512, GFP_KERNEL);
	struct apedge_cls cls;
	struct sk_buff *skb;
	unsigned int len;

	KUNIT_ASSERT_NOT_NULL(test, pkt);
	len = msg4(pkt, m4);
	skb = alloc_skb(len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, pkt, len);
	skb->skb_iif = iif;
	apedge_classify(skb, htons(ETH_P_IP), 0, &cls);
	KUNIT_EXPECT_EQ(test, cls.class, APEDGE_CLS_DHCPV4);
	/* As the hooks do, in softirq context, under RCU. */
	local_bh_disable();
	rcu_read_lock();
	apedge_snoop(&sb->port[ifindex], skb, &cls, mac, dir);
	rcu_read_unlock();
	local_bh_enable();
	kfree_skb(skb);
	kunit_kfree(test, pkt);
}

#define IN	APEDGE_DIRECTION_INGRESS
#define OUT	APEDGE_DIRECTION_EGRESS

static const struct msg4 release_a5 = {
	.op = 1, .type = 7, .sport = 68, .dport = 67, .xid = 1,
	.ciaddr = 5, .chaddr = mac_a,
};

/* A RELEASE ends a binding only when its chaddr is the frame's source. */
static void bind_snoop_release(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct snoop_bed *sb = snoop_bed(test);
	struct apedge_bkey k;

	key4(&k, 5);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k, mac_a, 3, 600,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	/* From b, in a's name: a keeps its binding. */
	snoop_msg(test, sb, 3, IN, &release_a5, mac_b, 0);
	flush_work(&bt->snoop_work);
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->snooped), 0LL);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[3], APEDGE_CTR_SNOOP_CHADDR),
			1ULL);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k, 3, mac_a));
	/* From a, on another port: a's binding is on 3. */
	snoop_msg(test, sb, 4, IN, &release_a5, mac_a, 0);
	flush_work(&bt->snoop_work);
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->snooped), 0LL);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[4], APEDGE_CTR_SNOOP_UNBOUND),
			1ULL);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k, 3, mac_a));
	/* From a itself. */
	snoop_msg(test, sb, 3, IN, &release_a5, mac_a, 0);
	flush_work(&bt->snoop_work);
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->snooped), 1LL);
	KUNIT_EXPECT_FALSE(test, bound(bt, &k, 3, mac_a));
	KUNIT_EXPECT_EQ(test, bt->count, 0U);
	/* Again: there is nothing to forget, nothing is queued. */
	snoop_msg(test, sb, 3, IN, &release_a5, mac_a, 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->snooped), 1LL);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[3], APEDGE_CTR_SNOOP_UNBOUND),
			1ULL);
	snoop_bed_free(sb);
}

static const struct msg4 request_a7 = {
	.op = 1, .type = 3, .sport = 68, .dport = 67, .xid = 0xabcd,
	.reqaddr = 7, .chaddr = mac_a,
};

static const struct msg4 ack_a7 = {
	.op = 2, .type = 5, .sport = 67, .dport = 68, .xid = 0xabcd,
	.yiaddr = 7, .lease = 600, .chaddr = mac_a,
};

/*
 * An ACK binds on the port its REQUEST came from, whichever ports it
 * leaves by, and only when it entered through a trusted port.
 */
static void bind_snoop_ack(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct snoop_bed *sb = snoop_bed(test);
	struct msg4 m4 = ack_a7;
	struct apedge_bkey k;

	key4(&k, 7);
	/* No REQUEST yet. */
	snoop_msg(test, sb, 3, OUT, &ack_a7, mac_a, 1);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[3],
					APEDGE_CTR_SNOOP_NO_REQUEST), 1ULL);
	/* A REQUEST in a's name from b is not remembered. */
	snoop_msg(test, sb, 4, IN, &request_a7, mac_b, 0);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[4], APEDGE_CTR_SNOOP_CHADDR),
			1ULL);
	snoop_msg(test, sb, 4, OUT, &ack_a7, mac_a, 1);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[4],
					APEDGE_CTR_SNOOP_NO_REQUEST), 1ULL);
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->snooped), 0LL);

	snoop_msg(test, sb, 3, IN, &request_a7, mac_a, 0);
	/* Entered through an untrusted port, or no port and no socket. */
	snoop_msg(test, sb, 3, OUT, &ack_a7, mac_a, 4);
	snoop_msg(test, sb, 3, OUT, &ack_a7, mac_a, 0);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[3],
					APEDGE_CTR_SNOOP_UNTRUSTED), 2ULL);
	/* Through a device that is not a port. */
	snoop_msg(test, sb, 3, OUT, &ack_a7, mac_a, 99);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[3],
					APEDGE_CTR_SNOOP_UNTRUSTED), 3ULL);
	/* Not from 67 to 68. */
	m4.sport = 1234;
	snoop_msg(test, sb, 3, OUT, &m4, mac_a, 1);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[3], APEDGE_CTR_SNOOP_PORTS),
			1ULL);
	flush_work(&bt->snoop_work);
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->snooped), 0LL);
	KUNIT_EXPECT_EQ(test, bt->count, 0U);

	/* Flooded from the trusted port: a copy leaves by 4 last. */
	snoop_msg(test, sb, 3, OUT, &ack_a7, mac_a, 1);
	snoop_msg(test, sb, 4, OUT, &ack_a7, mac_a, 1);
	flush_work(&bt->snoop_work);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k, 3, mac_a));
	KUNIT_EXPECT_FALSE(test, bound(bt, &k, 4, mac_a));
	snoop_bed_free(sb);
}

/* A NAK unbinds the address its REQUEST asked for, and nothing else. */
static void bind_snoop_nak(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct snoop_bed *sb = snoop_bed(test);
	struct msg4 nak = ack_a7, req_b = request_a7;
	struct apedge_bkey k7, k8;

	nak.type = 6;
	nak.yiaddr = 0;
	nak.lease = 0;
	key4(&k7, 7);
	key4(&k8, 8);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k7, mac_a, 3, 600,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k8, mac_a, 3, 600,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	/* No REQUEST: refused. */
	snoop_msg(test, sb, 3, OUT, &nak, mac_a, 1);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[3],
					APEDGE_CTR_SNOOP_NO_REQUEST), 1ULL);
	/* b's REQUEST for a's address, NAKed: a keeps it. */
	req_b.chaddr = mac_b;
	req_b.xid = 0x5555;
	snoop_msg(test, sb, 4, IN, &req_b, mac_b, 0);
	nak.chaddr = mac_b;
	nak.xid = 0x5555;
	snoop_msg(test, sb, 4, OUT, &nak, mac_b, 1);
	KUNIT_EXPECT_EQ(test, snoop_ctr(&sb->port[4], APEDGE_CTR_SNOOP_UNBOUND),
			1ULL);
	flush_work(&bt->snoop_work);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k7, 3, mac_a));
	/* a's own, from an untrusted port: refused. */
	snoop_msg(test, sb, 3, IN, &request_a7, mac_a, 0);
	nak.chaddr = mac_a;
	nak.xid = 0xabcd;
	snoop_msg(test, sb, 3, OUT, &nak, mac_a, 4);
	flush_work(&bt->snoop_work);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k7, 3, mac_a));
	/* From the trusted port: 7 goes, 8 stays. */
	snoop_msg(test, sb, 3, OUT, &nak, mac_a, 1);
	flush_work(&bt->snoop_work);
	KUNIT_EXPECT_FALSE(test, bound(bt, &k7, 3, mac_a));
	KUNIT_EXPECT_TRUE(test, bound(bt, &k8, 3, mac_a));
	KUNIT_EXPECT_EQ(test, atomic64_read(&bt->snooped), 1LL);
	snoop_bed_free(sb);
}

/*
 * A flood of RELEASEs fills the FORGET ring, not the LEARN ring: the ACK
 * that follows is applied, after the RELEASEs that came before it.
 */
static void bind_snoop_rings(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct snoop_bed *sb = snoop_bed(test);
	struct apedge_bkey k5, k7;
	int i;

	key4(&k5, 5);
	key4(&k7, 7);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(bt, &k5, mac_a, 3, 600,
						 APEDGE_BINDING_ORIGIN_SNOOPED,
						 NULL), 0);
	snoop_msg(test, sb, 3, IN, &request_a7, mac_a, 0);
	/* The work may take one message and then waits for the table. */
	mutex_lock(&bt->lock);
	for (i = 0; i < APEDGE_SNOOP_FORGET_SLOTS + 10; i++)
		snoop_msg(test, sb, 3, IN, &release_a5, mac_a, 0);
	KUNIT_EXPECT_GE(test, snoop_ctr(&sb->port[3],
					APEDGE_CTR_SNOOP_OVERFLOW), 9ULL);
	snoop_msg(test, sb, 3, OUT, &ack_a7, mac_a, 1);
	mutex_unlock(&bt->lock);
	flush_work(&bt->snoop_work);
	KUNIT_EXPECT_TRUE(test, bound(bt, &k7, 3, mac_a));
	KUNIT_EXPECT_FALSE(test, bound(bt, &k5, 3, mac_a));
	snoop_bed_free(sb);
}

/* apedge_binding_set() without an extack. */
static int bset(struct apedge_bindings *bt, const struct apedge_bkey *key,
		const u8 *mac, int ifindex, u32 lifetime, u8 origin)
{
	return apedge_binding_set(bt, key, mac, ifindex, lifetime, origin,
				  NULL);
}

/* 2001:db8:1:XY00::/56 style: the first six bytes, then byte 6 = b6. */
static void addr6(u8 *a, u8 b6, u8 b7, u8 last)
{
	static const u8 p[6] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01 };

	memset(a, 0, 16);
	memcpy(a, p, sizeof(p));
	a[6] = b6;
	a[7] = b7;
	a[15] = last;
}

static bool bound6(struct apedge_bindings *bt, const u8 *a, int ifindex,
		   const u8 *mac, u64 now)
{
	struct apedge_bkey k;
	bool ok;

	apedge_bkey_init(&k, AF_INET6, a);
	rcu_read_lock();
	ok = apedge_binding_match(bt, &k, ifindex, mac, now);
	rcu_read_unlock();
	return ok;
}

static bool plen_in_use(struct apedge_bindings *bt, u8 plen)
{
	return test_bit(128 - plen, bt->plens);
}

static void bind_prefix_key_pure(struct kunit *test)
{
	struct apedge_bkey k, a;
	u8 p[16];

	addr6(p, 0x01, 0x00, 0);
	KUNIT_EXPECT_EQ(test, apedge_bkey_prefix(&k, p, 56), 0);
	KUNIT_EXPECT_EQ(test, k.family, AF_INET6);
	KUNIT_EXPECT_EQ(test, k.plen, 56);
	/* 0x01 in byte 6 is bit 55: inside a /56, past a /55 or a /50. */
	KUNIT_EXPECT_EQ(test, apedge_bkey_prefix(&k, p, 50), -EINVAL);
	KUNIT_EXPECT_EQ(test, apedge_bkey_prefix(&k, p, 55), -EINVAL);
	KUNIT_EXPECT_EQ(test, apedge_bkey_prefix(&k, p, 64), 0);
	KUNIT_EXPECT_EQ(test, apedge_bkey_prefix(&k, p, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, apedge_bkey_prefix(&k, p, 129), -EINVAL);
	/* A bit in the last byte: only /128 holds it. */
	addr6(p, 0, 0, 1);
	KUNIT_EXPECT_EQ(test, apedge_bkey_prefix(&k, p, 127), -EINVAL);
	KUNIT_EXPECT_EQ(test, apedge_bkey_prefix(&k, p, 128), 0);
	/* A /128 prefix and the address are two keys. */
	apedge_bkey_init(&a, AF_INET6, p);
	KUNIT_EXPECT_NE(test, memcmp(&a, &k, sizeof(k)), 0);
	addr6(p, 0x80, 0, 0);
	KUNIT_EXPECT_EQ(test, apedge_bkey_prefix(&k, p, 49), 0);
	KUNIT_EXPECT_EQ(test, apedge_bkey_prefix(&k, p, 48), -EINVAL);
}

static void bind_prefix_match(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	u64 now = get_jiffies_64();
	struct apedge_bkey p56, p64, x;
	u8 p[16], a[16];

	addr6(p, 0x01, 0x00, 0);
	KUNIT_ASSERT_EQ(test, apedge_bkey_prefix(&p56, p, 56), 0);
	addr6(a, 0x01, 0x42, 7);
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 3, mac_a, now));
	KUNIT_ASSERT_EQ(test, bset(bt, &p56, mac_a, 3, 0, APEDGE_BINDING_ORIGIN_DHCP6_SERVER), 0);
	KUNIT_EXPECT_TRUE(test, plen_in_use(bt, 56));
	KUNIT_EXPECT_EQ(test, bt->count, 1U);
	/* Any address in it, from its port and MAC only. */
	KUNIT_EXPECT_TRUE(test, bound6(bt, a, 3, mac_a, now));
	addr6(a, 0x01, 0xff, 0xff);
	KUNIT_EXPECT_TRUE(test, bound6(bt, a, 3, mac_a, now));
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 4, mac_a, now));
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 3, mac_b, now));
	/* Not next door. */
	addr6(a, 0x02, 0x00, 1);
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 3, mac_a, now));
	addr6(a, 0x00, 0xff, 1);
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 3, mac_a, now));

	/* A longer prefix inside it, another station's: longest wins. */
	addr6(p, 0x01, 0x42, 0);
	KUNIT_ASSERT_EQ(test, apedge_bkey_prefix(&p64, p, 64), 0);
	KUNIT_ASSERT_EQ(test, bset(bt, &p64, mac_b, 4, 0, APEDGE_BINDING_ORIGIN_STATIC), 0);
	addr6(a, 0x01, 0x42, 9);
	KUNIT_EXPECT_TRUE(test, bound6(bt, a, 4, mac_b, now));
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 3, mac_a, now));
	addr6(a, 0x01, 0x43, 9);
	KUNIT_EXPECT_TRUE(test, bound6(bt, a, 3, mac_a, now));
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 4, mac_b, now));

	/* An address's own binding comes before any prefix. */
	addr6(a, 0x01, 0x43, 5);
	apedge_bkey_init(&x, AF_INET6, a);
	KUNIT_ASSERT_EQ(test, bset(bt, &x, mac_b, 4, 0, APEDGE_BINDING_ORIGIN_STATIC), 0);
	KUNIT_EXPECT_TRUE(test, bound6(bt, a, 4, mac_b, now));
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 3, mac_a, now));
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &x, 0, NULL), 0);
	KUNIT_EXPECT_TRUE(test, bound6(bt, a, 3, mac_a, now));

	/* Deleting the /64 clears its length; the /56 takes its addresses. */
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &p64, 0, NULL), 0);
	KUNIT_EXPECT_FALSE(test, plen_in_use(bt, 64));
	KUNIT_EXPECT_TRUE(test, plen_in_use(bt, 56));
	addr6(a, 0x01, 0x42, 9);
	KUNIT_EXPECT_TRUE(test, bound6(bt, a, 3, mac_a, now));
	/* The address key of the prefix's first address is not the prefix. */
	addr6(a, 0x01, 0x00, 0);
	apedge_bkey_init(&x, AF_INET6, a);
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &x, 0, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &p56, 0, NULL), 0);
	KUNIT_EXPECT_FALSE(test, plen_in_use(bt, 56));
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 3, mac_a, now));
	KUNIT_EXPECT_EQ(test, bt->count, 0U);
}

/* Two prefixes of one length: the count keeps the length in use. */
static void bind_prefix_lengths(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	struct apedge_bkey k1, k2;
	u8 p[16];

	addr6(p, 0x01, 0, 0);
	KUNIT_ASSERT_EQ(test, apedge_bkey_prefix(&k1, p, 56), 0);
	addr6(p, 0x02, 0, 0);
	KUNIT_ASSERT_EQ(test, apedge_bkey_prefix(&k2, p, 56), 0);
	KUNIT_ASSERT_EQ(test, bset(bt, &k1, mac_a, 3, 0, APEDGE_BINDING_ORIGIN_STATIC), 0);
	KUNIT_ASSERT_EQ(test, bset(bt, &k2, mac_b, 3, 0, APEDGE_BINDING_ORIGIN_STATIC), 0);
	/* A replacement neither counts nor uncounts. */
	KUNIT_ASSERT_EQ(test, bset(bt, &k2, mac_a, 3, 0, APEDGE_BINDING_ORIGIN_DHCP6_SERVER), 0);
	KUNIT_EXPECT_EQ(test, bt->plen_count[128 - 56], 2U);
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &k1, 0, NULL), 0);
	KUNIT_EXPECT_TRUE(test, plen_in_use(bt, 56));
	KUNIT_EXPECT_EQ(test, apedge_binding_del(bt, &k2, 0, NULL), 0);
	KUNIT_EXPECT_FALSE(test, plen_in_use(bt, 56));
	/* /1 and /128, the ends of the bitmap. */
	memset(p, 0, sizeof(p));
	p[0] = 0x80;
	KUNIT_ASSERT_EQ(test, apedge_bkey_prefix(&k1, p, 1), 0);
	KUNIT_ASSERT_EQ(test, bset(bt, &k1, mac_a, 3, 0, APEDGE_BINDING_ORIGIN_STATIC), 0);
	p[15] = 1;
	KUNIT_EXPECT_TRUE(test, bound6(bt, p, 3, mac_a, get_jiffies_64()));
	KUNIT_ASSERT_EQ(test, apedge_bkey_prefix(&k2, p, 128), 0);
	KUNIT_ASSERT_EQ(test, bset(bt, &k2, mac_b, 4, 0, APEDGE_BINDING_ORIGIN_STATIC), 0);
	KUNIT_EXPECT_TRUE(test, bound6(bt, p, 4, mac_b, get_jiffies_64()));
	KUNIT_EXPECT_FALSE(test, bound6(bt, p, 3, mac_a, get_jiffies_64()));
}

/* Expiry, the collector, a port's flush and a move take prefixes too. */
static void bind_prefix_expiry_flush(struct kunit *test)
{
	struct apedge_bindings *bt = test->priv;
	u64 now = get_jiffies_64();
	struct apedge_bkey k1, k2, s;
	u8 p[16], a[16];

	addr6(p, 0x01, 0, 0);
	KUNIT_ASSERT_EQ(test, apedge_bkey_prefix(&k1, p, 56), 0);
	addr6(p, 0x02, 0, 0);
	KUNIT_ASSERT_EQ(test, apedge_bkey_prefix(&k2, p, 60), 0);
	KUNIT_ASSERT_EQ(test, bset(bt, &k1, mac_a, 3, 10, APEDGE_BINDING_ORIGIN_DHCP6_SERVER), 0);
	KUNIT_ASSERT_EQ(test, bset(bt, &k2, mac_a, 5, 0, APEDGE_BINDING_ORIGIN_DHCP6_SERVER), 0);
	addr6(a, 0x01, 0x10, 1);
	KUNIT_EXPECT_TRUE(test, bound6(bt, a, 3, mac_a, now));
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 3, mac_a, now + 10 * HZ + 1));
	apedge_binding_gc(bt, now + 11 * HZ);
	KUNIT_EXPECT_FALSE(test, plen_in_use(bt, 56));
	KUNIT_EXPECT_EQ(test, bt->count, 1U);

	/* A snooped binding never replaces a dhcp6-server one. */
	KUNIT_EXPECT_EQ(test, bset(bt, &k2, mac_b, 5, 60, APEDGE_BINDING_ORIGIN_SNOOPED), -EEXIST);

	/* Moves with its station; goes with its port. */
	KUNIT_EXPECT_EQ(test, apedge_binding_move(bt, mac_a, 5, 6, NULL), 1);
	addr6(a, 0x02, 0x01, 1);
	KUNIT_EXPECT_TRUE(test, bound6(bt, a, 6, mac_a, now));
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 5, mac_a, now));
	apedge_bkey_init(&s, AF_INET6, a);
	KUNIT_ASSERT_EQ(test, bset(bt, &s, mac_a, 7, 0, APEDGE_BINDING_ORIGIN_STATIC), 0);
	apedge_binding_flush_port(bt, 6);
	KUNIT_EXPECT_FALSE(test, plen_in_use(bt, 60));
	KUNIT_EXPECT_EQ(test, bt->count, 1U);
	addr6(a, 0x02, 0x01, 2);
	KUNIT_EXPECT_FALSE(test, bound6(bt, a, 6, mac_a, now));
}

static struct kunit_case apedge_binding_cases[] = {
	KUNIT_CASE(bind_expired_pure),
	KUNIT_CASE(bind_expiry_pure),
	KUNIT_CASE(bind_add_lookup),
	KUNIT_CASE(bind_replace),
	KUNIT_CASE(bind_limit),
	KUNIT_CASE(bind_gc),
	KUNIT_CASE(bind_flush_port),
	KUNIT_CASE(bind_index_replace),
	KUNIT_CASE(bind_index_flush_many),
	KUNIT_CASE(bind_gc_chunks),
	KUNIT_CASE(bind_gc_left_walking),
	KUNIT_CASE(bind_move),
	KUNIT_CASE(bind_snoop_release),
	KUNIT_CASE(bind_snoop_ack),
	KUNIT_CASE(bind_snoop_nak),
	KUNIT_CASE(bind_snoop_rings),
	KUNIT_CASE(bind_prefix_key_pure),
	KUNIT_CASE(bind_prefix_match),
	KUNIT_CASE(bind_prefix_lengths),
	KUNIT_CASE(bind_prefix_expiry_flush),
	{}
};

static struct kunit_suite apedge_binding_suite = {
	.name = "apedge_binding",
	.init = bind_init,
	.exit = bind_exit,
	.test_cases = apedge_binding_cases,
};

kunit_test_suite(apedge_binding_suite);
