// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: the guard, a netfilter netdev hook in each direction of each
 * port.
 *
 * A hook first asks the inline fast path (guard.h,
 * apedge_guard_ingress_none()) whether the packet is, at a glance, none
 * of ours: the common packets that are leave after a few loads and
 * compares.  The others go to apedge_hook_slow(), where the guard decides
 * (guard.c: the class, the source guard, the port's verdict for the
 * policy class) and the hook counts the packet in the port's per-CPU
 * counters and applies the verdict.  It runs under RCU, allocates nothing
 * and never sleeps.  tests/bench/kcost.sh counts the instructions of both
 * paths per packet.
 *
 * The hooks sit at ingress before a bridge or the stack sees the packet,
 * and at egress in dev_queue_xmit() (on kernels built with
 * CONFIG_NETFILTER_EGRESS, as Debian's are), so both bridged and routed
 * ports are covered.
 *
 * Not every frame that leaves a port has entered through one: mac80211
 * forwards a frame from one station of an access point to another
 * itself (unless hostapd's ap_isolate is set), straight to
 * dev_queue_xmit() on the same interface, and a bridge forwards from
 * member devices that are no port.  The egress hook judges those as if
 * its port had received them (apedge_hook_egress_dir()), so a station's
 * rogue router advertisement, DHCP offer or spoofed source is dropped
 * on its way to the other stations as it is on its way to the uplink.
 *
 * A port in 802.1X mode (auth.c) is checked first, in both hooks: one
 * load and a branch (port->auth.check) for a port without 802.1X or an
 * authorized port in port mode, the table's lookup in mac mode.  The
 * egress hook is where frames to an unauthorized station are dropped,
 * whether the bridge, the stack or mac80211 sends them.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netfilter_netdev.h>
#include <linux/rtnetlink.h>

#include "apedge.h"

/* Before nftables' netdev chains at their usual priority 0. */
#define APEDGE_HOOK_PRIORITY	-500

/* DHCP messages that make or end bindings, on an untrusted port. */
static void apedge_hook_snoop(struct apedge_port *port, struct sk_buff *skb,
			      const struct apedge_cls *cls, u8 dir, u8 pclass)
{
	u8 _mac[ETH_ALEN];
	const u8 *mac;

	if (dir == APEDGE_DIRECTION_EGRESS) {
		/* A server's message leaving: the port is the client's. */
		if (pclass != APEDGE_POLICY_CLASS_DHCPV4_SERVER &&
		    pclass != APEDGE_POLICY_CLASS_DHCPV6_SERVER)
			return;
		mac = skb_header_pointer(skb, 0, ETH_ALEN, _mac);
	} else if (dir == APEDGE_DIRECTION_INGRESS) {
		/* A client's REQUEST, RELEASE or DECLINE arriving. */
		if (pclass != APEDGE_POLICY_CLASS_DHCPV4_CLIENT &&
		    pclass != APEDGE_POLICY_CLASS_DHCPV6_CLIENT)
			return;
		mac = eth_hdr(skb)->h_source;
	} else {
		/*
		 * Forwarded between stations: no server of ours sent it, and
		 * a client's broadcast copy was snooped on its way in.
		 */
		return;
	}
	apedge_snoop(port, skb, cls, mac, dir);
}

/* Queue a link-local claim the guard asked for (binding.c applies it). */
static void apedge_hook_learn(struct apedge_port *port,
			      const struct sk_buff *skb,
			      const struct apedge_learn *learn,
			      const struct apedge_bdom *dom)
{
	struct apedge_snoop sn = {
		.op = learn->op,
		.family = AF_INET6,
		.naddr = 1,
	};

	ether_addr_copy(sn.mac, eth_hdr(skb)->h_source);
	memcpy(sn.addr[0].addr, learn->addr, sizeof(sn.addr[0].addr));
	sn.addr[0].lifetime = APEDGE_LL_LIFETIME_SECS;
	apedge_snoop_queue(port, &sn, port->dev->ifindex, dom);
}

/*
 * Whether a link-local claim the guard asked for on a frame is bound to
 * the port.  A forwarded frame that came in through a device (skb_iif:
 * a bridge member that is no port) was sent from beyond that device, not
 * by a station of this port: its claim would bind the sender's address
 * here, and then refuse it on the port where the sender is.  mac80211's
 * frames between stations (skb_iif 0) come from a station of the port,
 * and so do received ones.
 */
static bool apedge_hook_claims(const struct sk_buff *skb, u8 dir)
{
	return dir != APEDGE_DIRECTION_FORWARD || !skb->skb_iif;
}

/* Act on the guard's decision (guard.c) on a frame it has to act on. */
static unsigned int apedge_hook_act(struct apedge_port *port,
				    struct sk_buff *skb, u8 dir,
				    const struct apedge_decision *d)
{
	static const u8 sg_ctr[] = {
		[APEDGE_SG_DROP_IPV4] = APEDGE_CTR_SG_IPV4,
		[APEDGE_SG_DROP_IPV6] = APEDGE_CTR_SG_IPV6,
		[APEDGE_SG_DROP_ARP] = APEDGE_CTR_SG_ARP,
		[APEDGE_SG_DROP_ND] = APEDGE_CTR_SG_ND,
		[APEDGE_SG_DROP_LL] = APEDGE_CTR_SG_LL,
		[APEDGE_SG_DROP_LLA] = APEDGE_CTR_SG_LLA,
		[APEDGE_SG_DROP_CHADDR] = APEDGE_CTR_DHCP_CHADDR,
	};

	if (d->sg != APEDGE_SG_PASS) {
		apedge_count(port, sg_ctr[d->sg]);
		return NF_DROP;
	}
	apedge_count_pkt(port, dir, d->pclass, d->verdict, d->cls.reason);
	if (d->learn.op && d->verdict != APEDGE_VERDICT_DROP &&
	    apedge_hook_claims(skb, dir))
		apedge_hook_learn(port, skb, &d->learn, &d->dom);
	if (port->role == APEDGE_PORT_ROLE_UNTRUSTED &&
	    d->verdict != APEDGE_VERDICT_DROP)
		apedge_hook_snoop(port, skb, &d->cls, dir, d->pclass);

	switch (d->verdict) {
	case APEDGE_VERDICT_DROP:
		return NF_DROP;
	case APEDGE_VERDICT_COPY:
		apedge_punt(port, skb, d->off, dir, d->pclass, d->verdict);
		return NF_ACCEPT;
	case APEDGE_VERDICT_REDIRECT:
		/* The copy in the ring is the packet now; over the rate, gone. */
		apedge_punt(port, skb, d->off, dir, d->pclass, d->verdict);
		return NF_DROP;
	}
	return NF_ACCEPT;
}

/*
 * The frames the fast path leaves to the full decision: out of line, so
 * that the hooks themselves need no stack for a decision.
 */
static noinline unsigned int apedge_hook_slow(struct apedge_port *port,
					      struct sk_buff *skb, u8 dir)
{
	struct apedge_decision d;
	bool act;

	/*
	 * mac80211's Layer-2 Update, an 802.2 frame: never on the fast path,
	 * so IP traffic pays nothing for this test.
	 */
	if (unlikely(skb->protocol == htons(ETH_P_802_2)) &&
	    dir == APEDGE_DIRECTION_INGRESS && READ_ONCE(port->l2relay))
		apedge_l2relay_seen(port, skb);
	if (dir == APEDGE_DIRECTION_INGRESS)
		act = apedge_guard_ingress(&port->guard, skb, &d);
	else
		act = apedge_guard_egress(&port->guard, skb, dir, &d);
	if (likely(!act))
		return NF_ACCEPT;
	return apedge_hook_act(port, skb, dir, &d);
}

/*
 * Ingress: skb->data is at the network header, skb->protocol its type.
 * tests/bench/kcost runs the same two lines; keep them alike.
 */
static unsigned int apedge_hook_ingress(void *priv, struct sk_buff *skb,
					const struct nf_hook_state *state)
{
	struct apedge_port *port = priv;

	if (unlikely(READ_ONCE(port->auth.check)) &&
	    apedge_auth_ingress(port, skb) == NF_DROP)
		return NF_DROP;
	if (likely(apedge_guard_ingress_none(&port->guard, skb)))
		return NF_ACCEPT;
	return apedge_hook_slow(port, skb, APEDGE_DIRECTION_INGRESS);
}

/* Whether ifindex is a port, or a VLAN device on one; under RCU. */
static bool apedge_hook_from_port(struct apedge_port *port, int ifindex)
{
	struct net_device *dev;

	if (apedge_port_find_rcu(port->an, ifindex))
		return true;
	dev = dev_get_by_index_rcu(dev_net(port->dev), ifindex);
	return dev && is_vlan_dev(dev) &&
	       apedge_port_find_rcu(port->an, vlan_dev_real_dev(dev)->ifindex);
}

/*
 * Which way a frame leaving the port goes, for the guard: out of this
 * host (its source address the port's or its master's: the local stack,
 * a local server, a routed packet) or through it from a port (received
 * and guarded there; skb_iif is the device it came in through), both
 * APEDGE_DIRECTION_EGRESS; or else forwarded, APEDGE_DIRECTION_FORWARD:
 * mac80211's frames from one station to another never went through
 * netif_receive_skb(), so their skb_iif is 0, and their source is the
 * sending station.  Out of the fast path; under RCU.
 */
static u8 apedge_hook_egress_dir(struct apedge_port *port,
				 const struct sk_buff *skb)
{
	const struct net_device *master;
	const struct ethhdr *eth;
	struct ethhdr _eth;

	eth = skb_header_pointer(skb, 0, sizeof(_eth), &_eth);
	if (!eth || ether_addr_equal(eth->h_source, port->dev->dev_addr))
		return APEDGE_DIRECTION_EGRESS;
	master = netdev_master_upper_dev_get_rcu(port->dev);
	if (master && ether_addr_equal(eth->h_source, master->dev_addr))
		return APEDGE_DIRECTION_EGRESS;
	if (skb->skb_iif && apedge_hook_from_port(port, skb->skb_iif))
		return APEDGE_DIRECTION_EGRESS;
	return APEDGE_DIRECTION_FORWARD;
}

/* Egress: skb->data is at the Ethernet header. */
static unsigned int __maybe_unused
apedge_hook_egress(void *priv, struct sk_buff *skb,
		   const struct nf_hook_state *state)
{
	struct apedge_port *port = priv;

	if (unlikely(READ_ONCE(port->auth.check)) &&
	    apedge_auth_egress(port, skb, apedge_hook_egress_dir(port, skb)) ==
	    NF_DROP)
		return NF_DROP;
	if (likely(apedge_guard_egress_none(&port->guard, skb)))
		return NF_ACCEPT;
	return apedge_hook_slow(port, skb, apedge_hook_egress_dir(port, skb));
}

#if IS_ENABLED(CONFIG_APEDGE_KUNIT_TEST)
void (*apedge_test_hooked)(struct apedge_port *port, enum nf_dev_hooks num);
#endif

/**
 * apedge_hooks_register - start guarding a port
 * @port: the port
 * @extack: for error messages
 *
 * The ingress hook goes first.  On failure the hooks registered so far
 * stay, and are live: the caller unregisters them and waits for the
 * packets in them (apedge_port_unhook()) before it frees the port.
 * Process context, RTNL held.
 */
int apedge_hooks_register(struct apedge_port *port,
			  struct netlink_ext_ack *extack)
{
	static const struct {
		nf_hookfn *fn;
		enum nf_dev_hooks num;
	} hook[] = {
		{ apedge_hook_ingress, NF_NETDEV_INGRESS },
#if IS_ENABLED(CONFIG_NETFILTER_EGRESS)
		{ apedge_hook_egress, NF_NETDEV_EGRESS },
#endif
	};
	struct net *net = dev_net(port->dev);
	int i, err;

	for (i = 0; i < ARRAY_SIZE(hook); i++) {
		struct nf_hook_ops *ops = &port->hooks[i];

		ops->hook = hook[i].fn;
		ops->pf = NFPROTO_NETDEV;
		ops->hooknum = hook[i].num;
		ops->priority = APEDGE_HOOK_PRIORITY;
		ops->dev = port->dev;
		ops->priv = port;
		err = nf_register_net_hook(net, ops);
		if (err) {
			NL_SET_ERR_MSG(extack, "cannot hook the device");
			return err;
		}
		port->nhooks++;
#if IS_ENABLED(CONFIG_APEDGE_KUNIT_TEST)
		/* A test sends packets through the hook before the next. */
		if (apedge_test_hooked)
			apedge_test_hooked(port, hook[i].num);
#endif
	}
	return 0;
}

/*
 * Unregister the hooks that are registered.  Hooks in flight may still
 * run until a grace period has passed.
 */
void apedge_hooks_unregister(struct apedge_port *port)
{
	struct net *net = dev_net(port->dev);

	while (port->nhooks)
		nf_unregister_net_hook(net, &port->hooks[--port->nhooks]);
}
