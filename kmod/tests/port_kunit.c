// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: attaching a port whose egress hook cannot be registered.
 *
 * The test device's egress chain is filled to netfilter's limit of hooks,
 * so the port's ingress hook registers and its egress hook fails, as it
 * would on a device that nftables already hooks that often.  In between,
 * a packet goes through the live ingress hook and is copied to the port's
 * punt queue.  The failed attach must wait that hook out and stop the
 * punt work before it frees the port: a punt queue freed with its work
 * still queued fails the test (apedge_punt_free()).
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/netfilter.h>
#include <linux/rtnetlink.h>

#include "../apedge.h"

/* netfilter's most hooks per device and hook point (MAX_HOOK_COUNT). */
#define FILL	1024

struct port_ctx {
	struct net_device *dev;
	struct nf_hook_ops *fill;
	unsigned int nfill;
	/* What the ingress hook did while the egress hook was pending. */
	bool hooked;
	u64 copied;
};

/* The test in which apedge_test_hooked() runs. */
static struct port_ctx *port_cur;

static netdev_tx_t port_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops port_netdev_ops = {
	.ndo_start_xmit = port_xmit,
};

static unsigned int port_accept(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	return NF_ACCEPT;
}

/* A truncated IPv4 header: the malformed class, received on dev. */
static void port_receive_malformed(struct net_device *dev)
{
	struct sk_buff *skb;
	struct ethhdr *eth;

	skb = alloc_skb(NET_IP_ALIGN + ETH_HLEN + 4, GFP_KERNEL);
	if (!skb)
		return;
	skb_reserve(skb, NET_IP_ALIGN);
	eth = skb_put(skb, ETH_HLEN);
	eth_broadcast_addr(eth->h_dest);
	eth_random_addr(eth->h_source);
	eth->h_proto = htons(ETH_P_IP);
	skb_put_data(skb, "\x45\x00\x00\x14", 4);
	skb->protocol = eth_type_trans(skb, dev);
	local_bh_disable();
	netif_receive_skb(skb);
	local_bh_enable();
}

/* After the ingress hook is live and before the egress hook is tried. */
static void port_hooked(struct apedge_port *port, enum nf_dev_hooks num)
{
	struct port_ctx *c = port_cur;
	struct apedge_stats *st;

	if (!c || num != NF_NETDEV_INGRESS)
		return;
	c->hooked = true;
	WRITE_ONCE(port->guard.verdict[APEDGE_POLICY_CLASS_MALFORMED - 1],
		   APEDGE_VERDICT_COPY);
	port_receive_malformed(port->dev);
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return;
	apedge_stats_read(port, st);
	c->copied = st->pkt[APEDGE_DIRECTION_INGRESS - 1]
			   [APEDGE_POLICY_CLASS_MALFORMED - 1]
			   [APEDGE_VERDICT_COPY - 1];
	kfree(st);
}

static int port_init(struct kunit *test)
{
	struct port_ctx *c;
	struct net_device *dev;
	unsigned int i;
	int err;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->fill = kunit_kcalloc(test, FILL, sizeof(*c->fill), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->fill);
	test->priv = c;

	dev = alloc_etherdev(0);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev->netdev_ops = &port_netdev_ops;
	eth_hw_addr_random(dev);
	strscpy(dev->name, "apt%d", sizeof(dev->name));
	err = register_netdev(dev);
	if (err)
		free_netdev(dev);
	KUNIT_ASSERT_EQ(test, err, 0);
	c->dev = dev;

	for (i = 0; i < FILL; i++) {
		struct nf_hook_ops *ops = &c->fill[i];

		ops->hook = port_accept;
		ops->pf = NFPROTO_NETDEV;
		ops->hooknum = NF_NETDEV_EGRESS;
		ops->priority = i;
		ops->dev = dev;
		err = nf_register_net_hook(dev_net(dev), ops);
		if (err)
			break;
		c->nfill++;
	}
	KUNIT_EXPECT_EQ(test, err, 0);

	port_cur = c;
	apedge_test_hooked = port_hooked;
	return 0;
}

static void port_exit(struct kunit *test)
{
	struct port_ctx *c = test->priv;

	apedge_test_hooked = NULL;
	port_cur = NULL;
	if (!c || !c->dev)
		return;
	while (c->nfill)
		nf_unregister_net_hook(dev_net(c->dev), &c->fill[--c->nfill]);
	/* Detaches a port a test left attached. */
	unregister_netdev(c->dev);
	free_netdev(c->dev);
}

static int port_add(struct port_ctx *c, struct netlink_ext_ack *extack)
{
	int err;

	rtnl_lock();
	err = apedge_port_add(apedge_net(dev_net(c->dev)), c->dev,
			      APEDGE_PORT_ROLE_UNTRUSTED, false, extack);
	rtnl_unlock();
	return err;
}

static bool port_attached(struct port_ctx *c)
{
	bool found;

	rtnl_lock();
	found = apedge_port_find(apedge_net(dev_net(c->dev)),
				 c->dev->ifindex);
	rtnl_unlock();
	return found;
}

/*
 * Egress fails with the ingress hook live and a punt queued: the attach
 * fails, says why, leaves no hook, and frees nothing still in use.
 */
static void apedge_port_egress_fails(struct kunit *test)
{
	struct port_ctx *c = test->priv;
	struct netlink_ext_ack extack = {};

	KUNIT_ASSERT_EQ(test, c->nfill, FILL);
	KUNIT_EXPECT_EQ(test, port_add(c, &extack), -E2BIG);
	KUNIT_EXPECT_STREQ(test, extack._msg, "cannot hook the device");
	KUNIT_EXPECT_TRUE(test, c->hooked);
	KUNIT_EXPECT_EQ(test, c->copied, 1ULL);
	KUNIT_EXPECT_FALSE(test, port_attached(c));
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(c->dev->nf_hooks_ingress));
	/* Would the punt work run on the freed queue, it would do so now. */
	msleep(20);
}

/* With room for one more egress hook the same device attaches. */
static void apedge_port_egress_room(struct kunit *test)
{
	struct port_ctx *c = test->priv;
	struct netlink_ext_ack extack = {};

	KUNIT_ASSERT_EQ(test, c->nfill, FILL);
	nf_unregister_net_hook(dev_net(c->dev), &c->fill[--c->nfill]);
	KUNIT_EXPECT_EQ(test, port_add(c, &extack), 0);
	KUNIT_EXPECT_TRUE(test, port_attached(c));
	KUNIT_EXPECT_NOT_NULL(test,
			      rcu_access_pointer(c->dev->nf_hooks_ingress));
}

static struct kunit_case apedge_port_cases[] = {
	KUNIT_CASE(apedge_port_egress_fails),
	KUNIT_CASE(apedge_port_egress_room),
	{}
};

static struct kunit_suite apedge_port_suite = {
	.name = "apedge_port",
	.init = port_init,
	.exit = port_exit,
	.test_cases = apedge_port_cases,
};

kunit_test_suite(apedge_port_suite);
