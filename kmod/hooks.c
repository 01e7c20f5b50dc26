// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: the guard, a netfilter netdev hook in each direction of each
 * port.
 *
 * A hook classifies the packet (classify.c), counts it in the port's
 * per-CPU counters and, on ingress, applies the port's verdict for its
 * policy class.  It runs under RCU, allocates nothing and never sleeps;
 * a packet that is none of ours costs a classification and nothing more.
 * The hooks sit at ingress before a bridge or the stack sees the packet,
 * and at egress in dev_queue_xmit() (on kernels built with
 * CONFIG_NETFILTER_EGRESS, as Debian's are), so both bridged and routed
 * ports are covered.
 */
#include <linux/etherdevice.h>
#include <linux/netfilter_netdev.h>
#include <linux/rtnetlink.h>

#include "apedge.h"

/* Before nftables' netdev chains at their usual priority 0. */
#define APEDGE_HOOK_PRIORITY	-500

/* What an untrusted port drops of what it receives. */
static const u8 apedge_untrusted_drops[] = {
	APEDGE_POLICY_CLASS_DHCPV4_SERVER,
	APEDGE_POLICY_CLASS_DHCPV6_SERVER,
	APEDGE_POLICY_CLASS_DHCPV6_RELAY_REPL,
	APEDGE_POLICY_CLASS_ND_RA,
	APEDGE_POLICY_CLASS_ND_REDIRECT,
	APEDGE_POLICY_CLASS_MALFORMED,
};

/**
 * apedge_policy_init - set a port's verdicts from its role
 * @port: the port, not yet visible to the hooks
 */
void apedge_policy_init(struct apedge_port *port)
{
	int i;

	memset(port->verdict, APEDGE_VERDICT_PASS, sizeof(port->verdict));
	if (port->role != APEDGE_PORT_ROLE_UNTRUSTED)
		return;
	for (i = 0; i < ARRAY_SIZE(apedge_untrusted_drops); i++)
		port->verdict[apedge_untrusted_drops[i] - 1] = APEDGE_VERDICT_DROP;
}

static unsigned int apedge_hook(struct apedge_port *port, struct sk_buff *skb,
				u8 dir, __be16 proto, unsigned int off)
{
	struct apedge_cls cls;
	u8 pclass, verdict;

	apedge_classify(skb, proto, off, &cls);
	pclass = apedge_policy_class(&cls);
	if (likely(!pclass))
		return NF_ACCEPT;

	verdict = APEDGE_VERDICT_PASS;
	if (dir == APEDGE_DIRECTION_INGRESS)
		verdict = READ_ONCE(port->verdict[pclass - 1]);
	apedge_count_pkt(port, dir, pclass, verdict, cls.reason);

	switch (verdict) {
	case APEDGE_VERDICT_DROP:
		return NF_DROP;
	case APEDGE_VERDICT_COPY:
		apedge_punt(port, skb, off, dir, pclass, verdict);
		return NF_ACCEPT;
	case APEDGE_VERDICT_REDIRECT:
		/* The copy in the ring is the packet now; over the rate, gone. */
		apedge_punt(port, skb, off, dir, pclass, verdict);
		return NF_DROP;
	}
	return NF_ACCEPT;
}

/* Ingress: skb->data is at the network header, skb->protocol its type. */
static unsigned int apedge_hook_ingress(void *priv, struct sk_buff *skb,
					const struct nf_hook_state *state)
{
	return apedge_hook(priv, skb, APEDGE_DIRECTION_INGRESS,
			   skb->protocol, 0);
}

/* Egress: skb->data is at the Ethernet header. */
static unsigned int __maybe_unused
apedge_hook_egress(void *priv, struct sk_buff *skb,
		   const struct nf_hook_state *state)
{
	const struct ethhdr *eth;
	struct ethhdr _eth;

	eth = skb_header_pointer(skb, 0, sizeof(_eth), &_eth);
	if (!eth || !eth_proto_is_802_3(eth->h_proto))
		return NF_ACCEPT;
	return apedge_hook(priv, skb, APEDGE_DIRECTION_EGRESS, eth->h_proto,
			   ETH_HLEN);
}

/**
 * apedge_hooks_register - start guarding a port
 * @port: the port
 * @extack: for error messages
 *
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
			apedge_hooks_unregister(port);
			return err;
		}
		port->nhooks++;
	}
	return 0;
}

/* Stop guarding; in-flight hooks may still run until a grace period. */
void apedge_hooks_unregister(struct apedge_port *port)
{
	struct net *net = dev_net(port->dev);

	while (port->nhooks)
		nf_unregister_net_hook(net, &port->hooks[--port->nhooks]);
}
