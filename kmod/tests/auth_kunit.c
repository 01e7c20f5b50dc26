// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the 802.1X authorization table and check (auth.c).
 *
 * The table's add, lookup, removal and bound; a port's mode changes; the
 * check of frames from and to stations in port and mac mode, with and
 * without auth-allow; the rate limits of auth-unauth-seen.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/jiffies.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/udp.h>

#include "../apedge.h"

#define IFX	7
#define IFY	8

static const u8 mac_a[ETH_ALEN] = { 0x02, 0, 0x5e, 0, 0x53, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0, 0x5e, 0, 0x53, 0x0b };
static const u8 mac_port[ETH_ALEN] = { 0x02, 0, 0x5e, 0, 0x53, 0x01 };
static const u8 mac_pae[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0, 0, 0x03 };

enum frame { F_PING, F_EAPOL, F_ARP, F_DHCP_DISCOVER, F_DHCP_OFFER };

static int auth_init(struct kunit *test)
{
	struct apedge_auth_table *t = kunit_kzalloc(test, sizeof(*t),
						    GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, apedge_auth_init(t), 0);
	test->priv = t;
	return 0;
}

static void auth_exit(struct kunit *test)
{
	apedge_auth_destroy(test->priv);
}

/* A frame from src to dst, skb->data at its Ethernet header. */
static struct sk_buff *auth_frame(struct kunit *test, enum frame f,
				  const u8 *src, const u8 *dst)
{
	struct sk_buff *skb = alloc_skb(512, GFP_KERNEL);
	struct ethhdr *eth;
	struct udphdr *uh;
	struct iphdr *iph;
	u8 *bootp;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	eth = skb_put(skb, ETH_HLEN);
	ether_addr_copy(eth->h_source, src);
	ether_addr_copy(eth->h_dest, dst);
	skb_reset_mac_header(skb);
	switch (f) {
	case F_EAPOL:
		eth->h_proto = htons(APEDGE_ETH_P_PAE);
		/* version 2, EAPOL-Start, no body */
		skb_put_data(skb, "\x02\x01\x00\x00", 4);
		break;
	case F_ARP:
		eth->h_proto = htons(ETH_P_ARP);
		skb_put_zero(skb, 28);
		break;
	case F_PING:
	case F_DHCP_DISCOVER:
	case F_DHCP_OFFER:
		eth->h_proto = htons(ETH_P_IP);
		iph = skb_put_zero(skb, sizeof(*iph));
		iph->version = 4;
		iph->ihl = 5;
		iph->ttl = 64;
		if (f == F_PING) {
			iph->protocol = IPPROTO_ICMP;
			iph->tot_len = htons(sizeof(*iph) + 8);
			skb_put_data(skb, "\x08\x00\x00\x00\x00\x01\x00\x01", 8);
			break;
		}
		iph->protocol = IPPROTO_UDP;
		iph->tot_len = htons(sizeof(*iph) + sizeof(*uh) + 244);
		iph->daddr = htonl(0xffffffff);
		uh = skb_put_zero(skb, sizeof(*uh));
		uh->source = htons(f == F_DHCP_DISCOVER ? 68 : 67);
		uh->dest = htons(f == F_DHCP_DISCOVER ? 67 : 68);
		uh->len = htons(sizeof(*uh) + 244);
		bootp = skb_put_zero(skb, 244);
		bootp[0] = f == F_DHCP_DISCOVER ? 1 : 2;	/* op */
		bootp[1] = 1;					/* htype */
		bootp[2] = ETH_ALEN;				/* hlen */
		memcpy(bootp + 28, f == F_DHCP_DISCOVER ? src : dst, ETH_ALEN);
		memcpy(bootp + 236, "\x63\x82\x53\x63", 4);	/* cookie */
		bootp[240] = 53;				/* message type */
		bootp[241] = 1;
		bootp[242] = f == F_DHCP_DISCOVER ? 1 : 2;
		bootp[243] = 255;
		break;
	}
	return skb;
}

/* The check of a frame received on IFX, as the ingress hook makes it. */
static u8 auth_rx(struct kunit *test, const struct apedge_auth_port *ap,
		  enum frame f, const u8 *src, const u8 *dst)
{
	struct sk_buff *skb = auth_frame(test, f, src, dst);
	struct ethhdr *eth = eth_hdr(skb);
	u8 v;

	skb->protocol = eth->h_proto;
	skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);
	local_bh_disable();
	rcu_read_lock();
	v = apedge_auth_rx(ap, test->priv, IFX, mac_port, skb, eth,
			   skb->protocol, 0);
	rcu_read_unlock();
	local_bh_enable();
	kfree_skb(skb);
	return v;
}

/* The check of a frame sent out of IFX, as the egress hook makes it. */
static u8 auth_tx(struct kunit *test, const struct apedge_auth_port *ap,
		  enum frame f, const u8 *src, const u8 *dst)
{
	struct sk_buff *skb = auth_frame(test, f, src, dst);
	u8 v;

	local_bh_disable();
	rcu_read_lock();
	v = apedge_auth_tx(ap, test->priv, IFX, skb, eth_hdr(skb));
	rcu_read_unlock();
	local_bh_enable();
	kfree_skb(skb);
	return v;
}

static bool auth_has(struct kunit *test, int ifindex, const u8 *mac)
{
	bool r;

	rcu_read_lock();
	r = apedge_auth_lookup(test->priv, ifindex, mac);
	rcu_read_unlock();
	return r;
}

static void apedge_auth_table_add_del(struct kunit *test)
{
	struct apedge_auth_table *t = test->priv;

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFX, mac_a, NULL), 0);
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFX, mac_a, NULL), -EEXIST);
	KUNIT_EXPECT_EQ(test, t->count, 1U);
	KUNIT_EXPECT_TRUE(test, auth_has(test, IFX, mac_a));
	/* The key is the port and the MAC. */
	KUNIT_EXPECT_FALSE(test, auth_has(test, IFY, mac_a));
	KUNIT_EXPECT_FALSE(test, auth_has(test, IFX, mac_b));
	KUNIT_EXPECT_EQ(test, apedge_auth_del(t, IFX, mac_b), -ENOENT);
	KUNIT_EXPECT_EQ(test, apedge_auth_del(t, IFX, mac_a), 0);
	KUNIT_EXPECT_FALSE(test, auth_has(test, IFX, mac_a));
	KUNIT_EXPECT_EQ(test, t->count, 0U);
	KUNIT_EXPECT_TRUE(test, list_empty(&t->entries));
	rtnl_unlock();
}

static void apedge_auth_table_bound(struct kunit *test)
{
	struct apedge_auth_table *t = test->priv;
	unsigned int max = apedge_auth_max;
	u8 mac[ETH_ALEN];
	int i;

	apedge_auth_max = 3;
	ether_addr_copy(mac, mac_a);
	rtnl_lock();
	for (i = 0; i < 3; i++) {
		mac[5] = i + 1;
		KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFX, mac, NULL), 0);
	}
	mac[5] = 9;
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFX, mac, NULL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->refused), 1);
	KUNIT_EXPECT_FALSE(test, auth_has(test, IFX, mac));
	/* Room again once one goes. */
	mac[5] = 1;
	KUNIT_EXPECT_EQ(test, apedge_auth_del(t, IFX, mac), 0);
	mac[5] = 9;
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFX, mac, NULL), 0);
	rtnl_unlock();
	apedge_auth_max = max;
}

static void apedge_auth_table_flush(struct kunit *test)
{
	struct apedge_auth_table *t = test->priv;

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFX, mac_a, NULL), 0);
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFX, mac_b, NULL), 0);
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFY, mac_a, NULL), 0);
	KUNIT_EXPECT_EQ(test, apedge_auth_flush_port(t, IFX), 2U);
	KUNIT_EXPECT_FALSE(test, auth_has(test, IFX, mac_a));
	KUNIT_EXPECT_FALSE(test, auth_has(test, IFX, mac_b));
	KUNIT_EXPECT_TRUE(test, auth_has(test, IFY, mac_a));
	KUNIT_EXPECT_EQ(test, t->count, 1U);
	rtnl_unlock();
}

static void apedge_auth_mode_change(struct kunit *test)
{
	struct apedge_auth_table *t = test->priv;
	struct apedge_auth_port ap = {};

	rtnl_lock();
	apedge_auth_port_set(&ap, t, IFX, APEDGE_AUTH_MODE_PORT, 0);
	KUNIT_EXPECT_EQ(test, ap.check, 1);
	KUNIT_EXPECT_EQ(test, ap.authorized, 0);
	/* An authorized port in port mode costs the hooks nothing. */
	apedge_auth_port_set(&ap, t, IFX, APEDGE_AUTH_MODE_PORT, 1);
	KUNIT_EXPECT_EQ(test, ap.check, 0);
	KUNIT_EXPECT_EQ(test, ap.authorized, 1);
	/* A new mode starts unauthorized. */
	apedge_auth_port_set(&ap, t, IFX, APEDGE_AUTH_MODE_MAC, ap.authorized);
	KUNIT_EXPECT_EQ(test, ap.check, 1);
	KUNIT_EXPECT_EQ(test, ap.authorized, 0);
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFX, mac_a, NULL), 0);
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFY, mac_a, NULL), 0);
	/* Leaving mac mode frees the port's entries, not another's. */
	apedge_auth_port_set(&ap, t, IFX, APEDGE_AUTH_MODE_PORT, 0);
	KUNIT_EXPECT_FALSE(test, auth_has(test, IFX, mac_a));
	KUNIT_EXPECT_TRUE(test, auth_has(test, IFY, mac_a));
	KUNIT_EXPECT_EQ(test, ap.check, 1);
	apedge_auth_port_set(&ap, t, IFX, APEDGE_AUTH_MODE_NONE, 1);
	KUNIT_EXPECT_EQ(test, ap.check, 0);
	KUNIT_EXPECT_EQ(test, ap.authorized, 0);
	rtnl_unlock();
}

static void apedge_auth_port_mode(struct kunit *test)
{
	struct apedge_auth_port ap = {};
	const u8 *bc = mac_pae;

	rtnl_lock();
	apedge_auth_port_set(&ap, test->priv, IFX, APEDGE_AUTH_MODE_PORT, 0);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_PING, mac_a, mac_b),
			APEDGE_AUTH_DROP);
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_EAPOL, mac_a, mac_pae),
			APEDGE_AUTH_EAPOL);
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_EAPOL, mac_a, mac_port),
			APEDGE_AUTH_EAPOL);
	/* EAPOL to another station is not for the authenticator. */
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_EAPOL, mac_a, mac_b),
			APEDGE_AUTH_DROP);
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_ARP, mac_a, bc),
			APEDGE_AUTH_DROP);
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_DHCP_DISCOVER, mac_a, bc),
			APEDGE_AUTH_DROP);
	KUNIT_EXPECT_EQ(test, auth_tx(test, &ap, F_PING, mac_b, mac_a),
			APEDGE_AUTH_DROP);
	KUNIT_EXPECT_EQ(test, auth_tx(test, &ap, F_EAPOL, mac_port, mac_a),
			APEDGE_AUTH_EAPOL);

	/* The guest policy. */
	ap.allow = APEDGE_AUTH_ALLOW_DHCP;
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_DHCP_DISCOVER, mac_a, bc),
			APEDGE_AUTH_ALLOWED);
	KUNIT_EXPECT_EQ(test, auth_tx(test, &ap, F_DHCP_OFFER, mac_b, mac_a),
			APEDGE_AUTH_ALLOWED);
	/* A station does not serve DHCP, nor receive DHCP requests. */
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_DHCP_OFFER, mac_a, bc),
			APEDGE_AUTH_DROP);
	KUNIT_EXPECT_EQ(test, auth_tx(test, &ap, F_DHCP_DISCOVER, mac_b, mac_a),
			APEDGE_AUTH_DROP);
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_ARP, mac_a, bc),
			APEDGE_AUTH_DROP);
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_PING, mac_a, mac_b),
			APEDGE_AUTH_DROP);
	ap.allow = APEDGE_AUTH_ALLOW_ARP;
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_ARP, mac_a, bc),
			APEDGE_AUTH_ALLOWED);
	KUNIT_EXPECT_EQ(test, auth_tx(test, &ap, F_ARP, mac_b, mac_a),
			APEDGE_AUTH_ALLOWED);
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_DHCP_DISCOVER, mac_a, bc),
			APEDGE_AUTH_DROP);

	rtnl_lock();
	apedge_auth_port_set(&ap, test->priv, IFX, APEDGE_AUTH_MODE_PORT, 1);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_PING, mac_a, mac_b),
			APEDGE_AUTH_PASS);
	KUNIT_EXPECT_EQ(test, auth_tx(test, &ap, F_PING, mac_b, mac_a),
			APEDGE_AUTH_PASS);
}

static void apedge_auth_mac_mode(struct kunit *test)
{
	struct apedge_auth_table *t = test->priv;
	struct apedge_auth_port ap = {};
	struct apedge_auth_entry *e;
	u64 rx, tx;

	rtnl_lock();
	apedge_auth_port_set(&ap, t, IFX, APEDGE_AUTH_MODE_MAC, 0);
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFX, mac_a, NULL), 0);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_PING, mac_a, mac_port),
			APEDGE_AUTH_PASS);
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_PING, mac_b, mac_port),
			APEDGE_AUTH_DROP);
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_EAPOL, mac_b, mac_pae),
			APEDGE_AUTH_EAPOL);
	KUNIT_EXPECT_EQ(test, auth_tx(test, &ap, F_PING, mac_port, mac_a),
			APEDGE_AUTH_PASS);
	KUNIT_EXPECT_EQ(test, auth_tx(test, &ap, F_PING, mac_port, mac_b),
			APEDGE_AUTH_DROP);
	KUNIT_EXPECT_EQ(test, auth_tx(test, &ap, F_EAPOL, mac_port, mac_b),
			APEDGE_AUTH_EAPOL);
	/* Broadcast is for every station behind the port. */
	KUNIT_EXPECT_EQ(test, auth_tx(test, &ap, F_ARP, mac_port, mac_pae),
			APEDGE_AUTH_PASS);
	/* An entry on another port authorizes nobody here. */
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, apedge_auth_add(t, IFY, mac_b, NULL), 0);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_PING, mac_b, mac_port),
			APEDGE_AUTH_DROP);

	rtnl_lock();
	e = apedge_auth_lookup(t, IFX, mac_a);
	KUNIT_ASSERT_NOT_NULL(test, e);
	apedge_auth_entry_read(e, &rx, &tx);
	KUNIT_EXPECT_EQ(test, rx, 1ULL);
	KUNIT_EXPECT_EQ(test, tx, 1ULL);
	KUNIT_EXPECT_EQ(test, apedge_auth_del(t, IFX, mac_a), 0);
	rtnl_unlock();
	synchronize_rcu();
	KUNIT_EXPECT_EQ(test, auth_rx(test, &ap, F_PING, mac_a, mac_port),
			APEDGE_AUTH_DROP);
}

static void apedge_auth_seen_limits(struct kunit *test)
{
	struct apedge_auth_table *t = test->priv;
	unsigned long now = t->refill;
	u8 mac[ETH_ALEN];
	int i;

	KUNIT_EXPECT_TRUE(test, apedge_auth_seen(t, IFX, mac_a, now));
	/* The same source, soon after: suppressed. */
	KUNIT_EXPECT_FALSE(test, apedge_auth_seen(t, IFX, mac_a, now + 1));
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->ev_suppressed), 1);
	/* Another port's is another source. */
	KUNIT_EXPECT_TRUE(test, apedge_auth_seen(t, IFY, mac_a, now + 1));
	/* A multicast source is nobody's. */
	KUNIT_EXPECT_FALSE(test, apedge_auth_seen(t, IFX, mac_pae, now + 1));
	/* Reported again after APEDGE_AUTH_SEEN_SECS. */
	now += APEDGE_AUTH_SEEN_SECS * HZ;
	KUNIT_EXPECT_TRUE(test, apedge_auth_seen(t, IFX, mac_a, now));

	/* A flood of new sources: the bucket's burst, then nothing. */
	now += 10 * HZ;
	ether_addr_copy(mac, mac_b);
	for (i = 0; i < APEDGE_AUTH_EV_BURST; i++) {
		mac[4] = i;
		KUNIT_EXPECT_TRUE(test, apedge_auth_seen(t, IFY, mac, now));
		/* The work is not queued (no notify): drain the ring here. */
		t->ev_count = 0;
	}
	mac[4] = 0xff;
	KUNIT_EXPECT_FALSE(test, apedge_auth_seen(t, IFY, mac, now));
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->ev_ratelimited), 1);
	/* A second later, the rate's worth again. */
	KUNIT_EXPECT_TRUE(test, apedge_auth_seen(t, IFY, mac, now + HZ));
}

static void apedge_auth_seen_ring(struct kunit *test)
{
	struct apedge_auth_table *t = test->priv;
	unsigned long now = t->refill;
	u8 mac[ETH_ALEN];
	int i, ok = 0;

	/* Tokens to spare: the ring's bound is what stops the sources. */
	ether_addr_copy(mac, mac_a);
	for (i = 0; i < APEDGE_AUTH_EV_SLOTS + 1; i++) {
		t->tokens = APEDGE_AUTH_EV_BURST;
		mac[4] = i;
		ok += apedge_auth_seen(t, IFX, mac, now);
	}
	KUNIT_EXPECT_EQ(test, ok, APEDGE_AUTH_EV_SLOTS);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->ev_overflow), 1);
}

static struct kunit_case apedge_auth_cases[] = {
	KUNIT_CASE(apedge_auth_table_add_del),
	KUNIT_CASE(apedge_auth_table_bound),
	KUNIT_CASE(apedge_auth_table_flush),
	KUNIT_CASE(apedge_auth_mode_change),
	KUNIT_CASE(apedge_auth_port_mode),
	KUNIT_CASE(apedge_auth_mac_mode),
	KUNIT_CASE(apedge_auth_seen_limits),
	KUNIT_CASE(apedge_auth_seen_ring),
	{}
};

static struct kunit_suite apedge_auth_suite = {
	.name = "apedge_auth",
	.init = auth_init,
	.exit = auth_exit,
	.test_cases = apedge_auth_cases,
};

kunit_test_suite(apedge_auth_suite);
