// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: the "apedge" generic netlink family.
 *
 * The ABI is Documentation/netlink/specs/apedge.yaml.  Each command has
 * its own policy, generated from the spec (netlink-gen.c), which admits
 * the attributes the command takes and nothing else; genetlink refuses
 * any other, and every value out of its range, with an extended ack.  A
 * command whose do and dump take different attributes has one policy for
 * both (6.1's struct genl_ops has one per command), and each half refuses
 * the other's attributes itself (apedge_nl_other_half()).  Every other
 * error also says why in the extended ack.
 *
 * Who may do what: the commands that change state, and binding-get,
 * whose bindings name stations, carry GENL_ADMIN_PERM: CAP_NET_ADMIN in
 * the initial user namespace, which no user namespace of one's own gives.
 * info-get, port-get, stats-get and binding-config-get name no station
 * and are open to every local user.  The events and punt groups carry
 * port changes and stations' DHCP and ND packets: joining one needs
 * CAP_NET_ADMIN over the user namespace that owns the network namespace
 * (GENL_MCAST_CAP_NET_ADMIN, checked by genetlink itself when the socket
 * joins; for a namespace created by root that is the initial one).
 */
#include <linux/bitfield.h>
#include <linux/etherdevice.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <net/sock.h>

#include "apedge.h"

/*
 * Linux 6.7 added it, and the 6.1 stable series has it since (Debian's
 * 6.1.0-57 does).  Without it any local user could join the groups, and
 * 6.1 has no family bind callback to check the joiner with.
 */
#ifndef GENL_MCAST_CAP_NET_ADMIN
#error "apedge needs GENL_MCAST_CAP_NET_ADMIN (Linux 6.7, or a 6.1 stable release that has it)"
#endif

static struct genl_family apedge_genl_family;

enum apedge_mcgrp {
	APEDGE_MCGRP_EVENTS_ID,
	APEDGE_MCGRP_PUNT_ID,
};

static const struct genl_multicast_group apedge_mcgrps[] = {
	[APEDGE_MCGRP_EVENTS_ID] = {
		.name = APEDGE_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
	[APEDGE_MCGRP_PUNT_ID] = {
		.name = APEDGE_MCGRP_PUNT,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

/*
 * Find the port a request names, by ifindex or else by ifname; when both
 * are given they must agree.  RTNL held.
 */
static struct apedge_port *apedge_port_from_attrs(struct genl_info *info,
						  int a_ifindex, int a_ifname)
{
	struct apedge_net *an = apedge_net(genl_info_net(info));
	struct nlattr **tb = info->attrs;
	struct apedge_port *port;
	struct net_device *dev;

	if (tb[a_ifindex]) {
		dev = __dev_get_by_index(genl_info_net(info),
					 nla_get_u32(tb[a_ifindex]));
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[a_ifindex],
					    "no such device");
			return ERR_PTR(-ENODEV);
		}
		if (tb[a_ifname] && nla_strcmp(tb[a_ifname], dev->name)) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[a_ifname],
					    "ifindex and ifname name different devices");
			return ERR_PTR(-EINVAL);
		}
	} else if (tb[a_ifname]) {
		dev = __dev_get_by_name(genl_info_net(info),
					nla_data(tb[a_ifname]));
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[a_ifname],
					    "no such device");
			return ERR_PTR(-ENODEV);
		}
	} else {
		NL_SET_ERR_MSG(info->extack, "ifindex or ifname required");
		return ERR_PTR(-EINVAL);
	}

	port = apedge_port_find(an, dev->ifindex);
	if (!port) {
		NL_SET_ERR_MSG(info->extack, "device is not an apedge port");
		return ERR_PTR(-ENOENT);
	}
	return port;
}

static int apedge_nl_info_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &apedge_genl_family, 0,
				APEDGE_CMD_INFO_GET);
	if (!hdr)
		goto nospace;
	if (nla_put_string(msg, APEDGE_A_INFO_VERSION, APEDGE_VERSION) ||
	    nla_put_u32(msg, APEDGE_A_INFO_FEATURES,
			APEDGE_FEATURES_XID_TRANSMIT |
			APEDGE_FEATURES_XID_INJECT |
			APEDGE_FEATURES_XID_VLAN |
			APEDGE_FEATURES_XID_BURST |
			APEDGE_FEATURES_GUARD |
			APEDGE_FEATURES_PUNT |
			APEDGE_FEATURES_BINDINGS |
			APEDGE_FEATURES_SOURCE_GUARD |
			APEDGE_FEATURES_AUTH |
			(IS_REACHABLE(CONFIG_CFG80211) ?
			 APEDGE_FEATURES_L2UPDATE_RELAY : 0)))
		goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* Whether a port-add or port-set may give dev the Layer-2 Update settings. */
static int apedge_nl_l2_check(struct genl_info *info, struct net_device *dev)
{
	struct nlattr *a = info->attrs[APEDGE_A_PORT_L2UPDATE_RELAY];

	if (a && nla_get_u8(a))
		return apedge_l2relay_check(dev, info->extack);
	return 0;
}

/* Apply the Layer-2 Update settings a request gives; RTNL held. */
static void apedge_nl_l2_set(struct genl_info *info, struct apedge_port *port)
{
	struct nlattr **tb = info->attrs;

	ASSERT_RTNL();
	if (tb[APEDGE_A_PORT_L2UPDATE])
		WRITE_ONCE(port->l2update,
			   nla_get_u32(tb[APEDGE_A_PORT_L2UPDATE]));
	if (tb[APEDGE_A_PORT_L2UPDATE_VLAN])
		WRITE_ONCE(port->l2relay_vlan,
			   nla_get_u16(tb[APEDGE_A_PORT_L2UPDATE_VLAN]));
	if (tb[APEDGE_A_PORT_L2UPDATE_RELAY]) {
		bool on = nla_get_u8(tb[APEDGE_A_PORT_L2UPDATE_RELAY]);

		/* Which path the hook takes; decided before it looks. */
		WRITE_ONCE(port->l2relay_mac80211,
			   on && apedge_l2relay_is_mac80211(port->dev));
		if (port->l2relay_mac80211)
			apedge_l2relay_prime(port->an->relay);
		WRITE_ONCE(port->l2relay, on);
	}
}

static int apedge_nl_port_add(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nlattr **tb = info->attrs;
	struct net_device *dev;
	u32 role = APEDGE_PORT_ROLE_UNTRUSTED;
	u32 flags = 0;
	int err;

	if (tb[APEDGE_A_PORT_ROLE])
		role = nla_get_u32(tb[APEDGE_A_PORT_ROLE]);
	if (tb[APEDGE_A_PORT_SOURCE_GUARD] &&
	    nla_get_u8(tb[APEDGE_A_PORT_SOURCE_GUARD]))
		flags |= APEDGE_PORTF_SOURCE_GUARD;
	if (tb[APEDGE_A_PORT_VERIFY_CHADDR] &&
	    nla_get_u8(tb[APEDGE_A_PORT_VERIFY_CHADDR]))
		flags |= APEDGE_PORTF_VERIFY_CHADDR;
	if (tb[APEDGE_A_PORT_ALLOW_OPAQUE] &&
	    nla_get_u8(tb[APEDGE_A_PORT_ALLOW_OPAQUE]))
		flags |= APEDGE_PORTF_ALLOW_OPAQUE;
	if (tb[APEDGE_A_PORT_AUTH_MODE])
		flags |= FIELD_PREP(APEDGE_PORTF_AUTH_MODE,
				    nla_get_u8(tb[APEDGE_A_PORT_AUTH_MODE]));
	if (tb[APEDGE_A_PORT_AUTH_ALLOW])
		flags |= FIELD_PREP(APEDGE_PORTF_AUTH_ALLOW,
				    nla_get_u32(tb[APEDGE_A_PORT_AUTH_ALLOW]));

	rtnl_lock();
	if (tb[APEDGE_A_PORT_IFINDEX])
		dev = __dev_get_by_index(net,
					 nla_get_u32(tb[APEDGE_A_PORT_IFINDEX]));
	else if (tb[APEDGE_A_PORT_IFNAME])
		dev = __dev_get_by_name(net, nla_data(tb[APEDGE_A_PORT_IFNAME]));
	else
		dev = ERR_PTR(-EINVAL);

	if (IS_ERR(dev)) {
		NL_SET_ERR_MSG(info->extack, "ifindex or ifname required");
		err = PTR_ERR(dev);
	} else if (!dev) {
		NL_SET_ERR_MSG(info->extack, "no such device");
		err = -ENODEV;
	} else if (tb[APEDGE_A_PORT_IFINDEX] && tb[APEDGE_A_PORT_IFNAME] &&
		   nla_strcmp(tb[APEDGE_A_PORT_IFNAME], dev->name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[APEDGE_A_PORT_IFNAME],
				    "ifindex and ifname name different devices");
		err = -EINVAL;
	} else {
		err = apedge_nl_l2_check(info, dev);
		if (!err)
			err = apedge_port_add(apedge_net(net), dev, role, flags,
					      info->extack);
		if (!err)
			apedge_nl_l2_set(info,
					 apedge_port_find(apedge_net(net),
							  dev->ifindex));
	}
	rtnl_unlock();
	return err;
}

static int apedge_nl_port_del(struct sk_buff *skb, struct genl_info *info)
{
	struct apedge_port *port;
	int err = 0;

	rtnl_lock();
	port = apedge_port_from_attrs(info, APEDGE_A_PORT_IFINDEX,
				      APEDGE_A_PORT_IFNAME);
	if (IS_ERR(port))
		err = PTR_ERR(port);
	else
		apedge_port_del(port);
	rtnl_unlock();
	return err;
}

/* Every class's verdict, one nest each. */
static int apedge_policy_fill(struct sk_buff *msg,
			      const struct apedge_port *port)
{
	struct nlattr *nest;
	int i;

	for (i = 0; i < APEDGE_PCLASS_MAX; i++) {
		nest = nla_nest_start(msg, APEDGE_A_PORT_POLICY);
		if (!nest ||
		    nla_put_u32(msg, APEDGE_A_POLICY_CLASS, i + 1) ||
		    nla_put_u32(msg, APEDGE_A_POLICY_VERDICT,
				READ_ONCE(port->guard.verdict[i])))
			return -EMSGSIZE;
		nla_nest_end(msg, nest);
	}
	return 0;
}

/* One counter nest; verdict or reason is 0 when it does not apply. */
static int apedge_counter_put(struct sk_buff *msg, int dir, int pclass,
			      int verdict, int reason, u64 packets)
{
	struct nlattr *nest;

	if (!packets)
		return 0;
	nest = nla_nest_start(msg, APEDGE_A_STATS_COUNTER);
	if (!nest ||
	    nla_put_u32(msg, APEDGE_A_COUNTER_DIRECTION, dir) ||
	    nla_put_u32(msg, APEDGE_A_COUNTER_CLASS, pclass) ||
	    (verdict && nla_put_u32(msg, APEDGE_A_COUNTER_VERDICT, verdict)) ||
	    (reason && nla_put_u32(msg, APEDGE_A_COUNTER_REASON, reason)) ||
	    nla_put_u64_64bit(msg, APEDGE_A_COUNTER_PACKETS, packets,
			      APEDGE_A_COUNTER_PAD))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* The guard's counters that are not zero. */
static int apedge_counters_fill(struct sk_buff *msg,
				const struct apedge_stats *st)
{
	int d, c, v, r;

	for (d = 0; d < APEDGE_DIR_MAX; d++) {
		for (c = 0; c < APEDGE_PCLASS_MAX; c++)
			for (v = 0; v < APEDGE_VERDICT_MAX; v++)
				if (apedge_counter_put(msg, d + 1, c + 1, v + 1,
						       0, st->pkt[d][c][v]))
					return -EMSGSIZE;
		for (r = 0; r < APEDGE_BAD_MAX; r++)
			if (apedge_counter_put(msg, d + 1,
					       APEDGE_POLICY_CLASS_MALFORMED,
					       0, r + 1, st->bad[d][r]))
				return -EMSGSIZE;
	}
	return 0;
}

static void *apedge_reply_put(struct apedge_reply *r, u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(r->msg, r->portid, r->seq, &apedge_genl_family,
			  r->flags, cmd);
	if (hdr && r->cb)
		genl_dump_check_consistent(r->cb, hdr);
	return hdr;
}

static int apedge_port_fill(struct apedge_reply *r,
			    const struct apedge_port *port, u8 cmd)
{
	struct sk_buff *msg = r->msg;
	void *hdr;

	hdr = apedge_reply_put(r, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, APEDGE_A_PORT_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(msg, APEDGE_A_PORT_IFNAME, port->dev->name) ||
	    nla_put_u32(msg, APEDGE_A_PORT_ROLE, port->role) ||
	    apedge_policy_fill(msg, port) ||
	    nla_put_u32(msg, APEDGE_A_PORT_PUNT_RATE,
			READ_ONCE(port->punt_rate)) ||
	    nla_put_u8(msg, APEDGE_A_PORT_SOURCE_GUARD,
		       READ_ONCE(port->guard.source_guard)) ||
	    nla_put_u8(msg, APEDGE_A_PORT_VERIFY_CHADDR,
		       READ_ONCE(port->guard.verify_chaddr)) ||
	    nla_put_u8(msg, APEDGE_A_PORT_ALLOW_OPAQUE,
		       READ_ONCE(port->guard.allow_opaque)) ||
	    nla_put_u32(msg, APEDGE_A_PORT_L2UPDATE, READ_ONCE(port->l2update)) ||
	    nla_put_u8(msg, APEDGE_A_PORT_L2UPDATE_RELAY,
		       READ_ONCE(port->l2relay)) ||
	    nla_put_u16(msg, APEDGE_A_PORT_L2UPDATE_VLAN,
			READ_ONCE(port->l2relay_vlan)) ||
	    nla_put_u8(msg, APEDGE_A_PORT_AUTH_MODE, READ_ONCE(port->auth.mode)) ||
	    nla_put_u32(msg, APEDGE_A_PORT_AUTH_ALLOW,
			READ_ONCE(port->auth.allow)) ||
	    (READ_ONCE(port->l2relay) &&
	     nla_put_u8(msg, APEDGE_A_PORT_L2UPDATE_RELAY_PATH,
			apedge_l2relay_path(port)))) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* Every counter a port can report: one nest each (apedge_counters_fill()). */
#define APEDGE_COUNTERS_MAX \
	(APEDGE_DIR_MAX * (APEDGE_PCLASS_MAX * APEDGE_VERDICT_MAX + APEDGE_BAD_MAX))

/**
 * apedge_stats_size - the largest stats message a port can have
 *
 * Its scalars and every counter, each nest with its direction, class,
 * verdict or reason, and 64-bit count.  The stats dump asks netlink for
 * buffers this large, so that the busiest port fits in one message.
 *
 * Return: the message's payload after the genetlink header.
 */
size_t apedge_stats_size(void)
{
	size_t counter = nla_total_size(3 * nla_total_size(sizeof(u32)) +
				       nla_total_size_64bit(sizeof(u64)));

	return nla_total_size(sizeof(u32)) +		/* ifindex */
	       nla_total_size(IFNAMSIZ) +		/* ifname */
	       APEDGE_CTR_MAX * nla_total_size_64bit(sizeof(u64)) +
	       APEDGE_COUNTERS_MAX * counter;
}

/* The counters of what snooping and verify-chaddr refused. */
static int apedge_snoop_stats_put(struct sk_buff *msg,
				  const struct apedge_stats *st)
{
	static const struct {
		u16 attr;
		u8 ctr;
	} c[] = {
		{ APEDGE_A_STATS_SNOOP_PORTS, APEDGE_CTR_SNOOP_PORTS },
		{ APEDGE_A_STATS_SNOOP_UNTRUSTED, APEDGE_CTR_SNOOP_UNTRUSTED },
		{ APEDGE_A_STATS_SNOOP_NO_REQUEST, APEDGE_CTR_SNOOP_NO_REQUEST },
		{ APEDGE_A_STATS_SNOOP_CHADDR, APEDGE_CTR_SNOOP_CHADDR },
		{ APEDGE_A_STATS_SNOOP_UNBOUND, APEDGE_CTR_SNOOP_UNBOUND },
		{ APEDGE_A_STATS_SNOOP_OVERFLOW, APEDGE_CTR_SNOOP_OVERFLOW },
		{ APEDGE_A_STATS_DHCP_CHADDR_DROP, APEDGE_CTR_DHCP_CHADDR },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(c); i++)
		if (nla_put_u64_64bit(msg, c[i].attr, st->ctr[c[i].ctr],
				      APEDGE_A_STATS_PAD))
			return -EMSGSIZE;
	return 0;
}

/**
 * apedge_stats_put - a port's stats message
 * @r: where it goes
 * @port: the port
 * @st: its counters
 *
 * Return: 0, or -EMSGSIZE if it did not fit; then nothing was added.
 */
int apedge_stats_put(struct apedge_reply *r, const struct apedge_port *port,
		     const struct apedge_stats *st)
{
	struct sk_buff *msg = r->msg;
	void *hdr;

	hdr = apedge_reply_put(r, APEDGE_CMD_STATS_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, APEDGE_A_STATS_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(msg, APEDGE_A_STATS_IFNAME, port->dev->name) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_XID_TRANSMIT,
			      st->ctr[APEDGE_CTR_XID_TRANSMIT],
			      APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_XID_INJECT,
			      st->ctr[APEDGE_CTR_XID_INJECT],
			      APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_XID_ERRORS,
			      st->ctr[APEDGE_CTR_XID_ERRORS],
			      APEDGE_A_STATS_PAD) ||
	    apedge_counters_fill(msg, st) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_PUNT_SENT,
			      st->ctr[APEDGE_CTR_PUNT_SENT],
			      APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_PUNT_RATELIMITED,
			      st->ctr[APEDGE_CTR_PUNT_RATELIMITED],
			      APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_PUNT_OVERFLOW,
			      st->ctr[APEDGE_CTR_PUNT_OVERFLOW],
			      APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_SG_DROP_IPV4,
			      st->ctr[APEDGE_CTR_SG_IPV4], APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_SG_DROP_IPV6,
			      st->ctr[APEDGE_CTR_SG_IPV6], APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_SG_DROP_ARP,
			      st->ctr[APEDGE_CTR_SG_ARP], APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_SG_DROP_ND,
			      st->ctr[APEDGE_CTR_SG_ND], APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_SG_DROP_LL,
			      st->ctr[APEDGE_CTR_SG_LL], APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_SG_DROP_LLA,
			      st->ctr[APEDGE_CTR_SG_LLA], APEDGE_A_STATS_PAD) ||
	    apedge_snoop_stats_put(msg, st) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_L2UPDATE_RELAYED,
			      st->ctr[APEDGE_CTR_L2RELAY_RELAYED],
			      APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_L2UPDATE_REFUSED,
			      st->ctr[APEDGE_CTR_L2RELAY_REFUSED],
			      APEDGE_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_STATS_L2UPDATE_OVERFLOW,
			      st->ctr[APEDGE_CTR_L2RELAY_OVERFLOW],
			      APEDGE_A_STATS_PAD)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* Fill one port's object into r->msg. */
typedef int (*apedge_fill_fn)(struct apedge_reply *r,
			      struct apedge_port *port);

static int apedge_port_fill_get(struct apedge_reply *r,
				struct apedge_port *port)
{
	return apedge_port_fill(r, port, APEDGE_CMD_PORT_GET);
}

/* Under RCU or RTNL; r->st is the caller's, so nothing is allocated. */
static int apedge_stats_fill(struct apedge_reply *r, struct apedge_port *port)
{
	apedge_stats_read(port, r->st);
	return apedge_stats_put(r, port, r->st);
}

/* A "do" that replies with one port's object, of at most size bytes. */
static int apedge_nl_get_one(struct genl_info *info, int a_ifindex,
			     int a_ifname, apedge_fill_fn fill, size_t size)
{
	struct apedge_reply r = {
		.portid = info->snd_portid,
		.seq = info->snd_seq,
	};
	struct apedge_port *port;
	int err;

	r.st = kmalloc(sizeof(*r.st), GFP_KERNEL);
	r.msg = genlmsg_new(size, GFP_KERNEL);
	if (!r.st || !r.msg) {
		err = -ENOMEM;
		goto out;
	}

	rtnl_lock();
	port = apedge_port_from_attrs(info, a_ifindex, a_ifname);
	if (IS_ERR(port))
		err = PTR_ERR(port);
	else
		err = fill(&r, port);
	rtnl_unlock();
	if (!err) {
		err = genlmsg_reply(r.msg, info);
		r.msg = NULL;
	}
out:
	nlmsg_free(r.msg);
	kfree(r.st);
	return err;
}

/*
 * The first of the attributes that this half of a command (its do or its
 * dump) does not take, which the command's one policy admits for the
 * other half; NULL if none is there.
 */
static struct nlattr *apedge_nl_other_half(struct nlattr **tb, const u8 *types,
					   unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (tb[types[i]])
			return tb[types[i]];
	return NULL;
}

/* A dump of every port takes no attribute: refuse the do's. */
static int apedge_nl_dump_no_attrs(struct netlink_callback *cb)
{
	if (!nlmsg_attrlen(cb->nlh, GENL_HDRLEN))
		return 0;
	NL_SET_ERR_MSG_ATTR(cb->extack, nlmsg_attrdata(cb->nlh, GENL_HDRLEN),
			    "a dump of every port takes no attribute");
	return -EINVAL;
}

/**
 * struct apedge_port_dump - a dump of one object per port, in progress
 * @idx: ports already sent
 * @checked: the request's attributes were checked, in the first part
 * @st: room for one port's counters, for stats-get
 */
struct apedge_port_dump {
	long idx;
	bool checked;
	struct apedge_stats st;
};

static int apedge_nl_port_dump_start(struct netlink_callback *cb)
{
	struct apedge_port_dump *d;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	cb->args[0] = (long)d;
	/* Buffers that hold the largest stats message (and any port's). */
	cb->min_dump_alloc = nlmsg_total_size(GENL_HDRLEN + apedge_stats_size());
	return 0;
}

static int apedge_nl_port_dump_done(struct netlink_callback *cb)
{
	kfree((void *)cb->args[0]);
	return 0;
}

/*
 * A dump of one object per port.  A part resumes at the index where the
 * last one stopped; a port added or removed between two parts shifts the
 * ports after it, so each part carries the namespace's port generation and
 * genl_dump_check_consistent() marks the dump NLM_F_DUMP_INTR when it
 * changed.  A port's object always fits in an empty message (the start's
 * min_dump_alloc), so a dump never fails for a busy port.
 */
static int apedge_nl_dump(struct sk_buff *skb, struct netlink_callback *cb,
			  apedge_fill_fn fill)
{
	struct apedge_net *an = apedge_net(sock_net(skb->sk));
	struct apedge_port_dump *d = (void *)cb->args[0];
	struct apedge_reply r = {
		.msg = skb,
		.portid = NETLINK_CB(cb->skb).portid,
		.seq = cb->nlh->nlmsg_seq,
		.flags = NLM_F_MULTI,
		.cb = cb,
		.st = &d->st,
	};
	struct apedge_port *port;
	long idx = 0;
	int err = 0;

	if (!d->checked) {
		/* Here, not in start: 6.1 gives start no extack. */
		err = apedge_nl_dump_no_attrs(cb);
		if (err)
			return err;
		d->checked = true;
	}

	rcu_read_lock();
	cb->seq = READ_ONCE(an->ports_gen);
	list_for_each_entry_rcu(port, &an->ports, list) {
		if (idx++ < d->idx)
			continue;
		err = fill(&r, port);
		if (err) {
			idx--;
			break;
		}
	}
	rcu_read_unlock();

	d->idx = idx;
	if (WARN_ON_ONCE(err && skb->len == 0))
		return err;
	return skb->len;
}

static int apedge_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return apedge_nl_get_one(info, APEDGE_A_PORT_IFINDEX,
				 APEDGE_A_PORT_IFNAME, apedge_port_fill_get,
				 NLMSG_GOODSIZE);
}

static int apedge_nl_port_get_dumpit(struct sk_buff *skb,
				     struct netlink_callback *cb)
{
	return apedge_nl_dump(skb, cb, apedge_port_fill_get);
}

static int apedge_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return apedge_nl_get_one(info, APEDGE_A_STATS_IFINDEX,
				 APEDGE_A_STATS_IFNAME, apedge_stats_fill,
				 apedge_stats_size());
}

static int apedge_nl_stats_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	return apedge_nl_dump(skb, cb, apedge_stats_fill);
}

/**
 * apedge_xid_req_parse - turn validated XID attributes into a request
 * @tb: attributes, already checked against apedge_xid_send_nl_policy
 * @req: the request to fill, with defaults for what is absent
 * @extack: for error messages
 *
 * Checks what a policy cannot express: the station must be given and be a
 * unicast address, an interval needs a burst, and a burst lasts at most
 * APEDGE_XID_SPAN_MAX milliseconds.  Pure.
 */
int apedge_xid_req_parse(struct nlattr **tb, struct apedge_xid_req *req,
			 struct netlink_ext_ack *extack)
{
	memset(req, 0, sizeof(*req));
	req->mode = APEDGE_XID_MODE_TRANSMIT;
	req->count = 1;
	req->rw = APEDGE_XID_RW_DEFAULT;

	if (!tb[APEDGE_A_XID_STA]) {
		NL_SET_ERR_MSG(extack, "station address (sta) required");
		return -EINVAL;
	}
	memcpy(req->sta, nla_data(tb[APEDGE_A_XID_STA]), ETH_ALEN);
	if (!is_valid_ether_addr(req->sta)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[APEDGE_A_XID_STA],
				    "station address must be unicast and not zero");
		return -EINVAL;
	}
	if (tb[APEDGE_A_XID_MODE])
		req->mode = nla_get_u32(tb[APEDGE_A_XID_MODE]);
	if (tb[APEDGE_A_XID_VLAN])
		req->vlan = nla_get_u16(tb[APEDGE_A_XID_VLAN]);
	if (tb[APEDGE_A_XID_COUNT])
		req->count = nla_get_u32(tb[APEDGE_A_XID_COUNT]);
	if (tb[APEDGE_A_XID_INTERVAL]) {
		req->interval_ms = nla_get_u32(tb[APEDGE_A_XID_INTERVAL]);
		if (req->interval_ms && req->count < 2) {
			NL_SET_ERR_MSG_ATTR(extack, tb[APEDGE_A_XID_INTERVAL],
					    "interval needs a count of 2 or more");
			return -EINVAL;
		}
		/* Both at most 32 and 10000: no overflow. */
		if ((req->count - 1) * req->interval_ms > APEDGE_XID_SPAN_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, tb[APEDGE_A_XID_INTERVAL],
					    "a burst lasts at most "
					    __stringify(APEDGE_XID_SPAN_MAX)
					    " ms: (count - 1) * interval");
			return -ERANGE;
		}
	}
	if (tb[APEDGE_A_XID_RW])
		req->rw = nla_get_u8(tb[APEDGE_A_XID_RW]);
	return 0;
}

static int apedge_nl_xid_send(struct sk_buff *skb, struct genl_info *info)
{
	struct apedge_xid_req req;
	struct apedge_port *port;
	int err;

	err = apedge_xid_req_parse(info->attrs, &req, info->extack);
	if (err)
		return err;

	rtnl_lock();
	port = apedge_port_from_attrs(info, APEDGE_A_XID_IFINDEX,
				      APEDGE_A_XID_IFNAME);
	if (IS_ERR(port))
		err = PTR_ERR(port);
	else
		err = apedge_xid_send(port, &req, info->extack);
	rtnl_unlock();
	return err;
}

/* The policy entries of a request, checked all before any is applied. */
static int apedge_policy_parse(struct genl_info *info,
			       u8 verdict[APEDGE_PCLASS_MAX])
{
	struct nlattr *tb[APEDGE_A_POLICY_MAX + 1];
	struct nlattr *a;
	int rem, n = 0, err;

	memset(verdict, 0, APEDGE_PCLASS_MAX);
	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(a) != APEDGE_A_PORT_POLICY)
			continue;
		err = nla_parse_nested(tb, APEDGE_A_POLICY_MAX, a,
				       apedge_policy_nl_policy, info->extack);
		if (err)
			return err;
		if (!tb[APEDGE_A_POLICY_CLASS] || !tb[APEDGE_A_POLICY_VERDICT]) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "policy entry needs a class and a verdict");
			return -EINVAL;
		}
		verdict[nla_get_u32(tb[APEDGE_A_POLICY_CLASS]) - 1] =
			nla_get_u32(tb[APEDGE_A_POLICY_VERDICT]);
		n++;
	}
	if (!n && !info->attrs[APEDGE_A_PORT_PUNT_RATE]) {
		NL_SET_ERR_MSG(info->extack, "no policy entry or punt rate given");
		return -EINVAL;
	}
	return 0;
}

static int apedge_nl_policy_set(struct sk_buff *skb, struct genl_info *info)
{
	u8 verdict[APEDGE_PCLASS_MAX];
	struct apedge_port *port;
	int i, err;

	err = apedge_policy_parse(info, verdict);
	if (err)
		return err;

	rtnl_lock();
	port = apedge_port_from_attrs(info, APEDGE_A_PORT_IFINDEX,
				      APEDGE_A_PORT_IFNAME);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
	} else {
		for (i = 0; i < APEDGE_PCLASS_MAX; i++)
			if (verdict[i])
				WRITE_ONCE(port->guard.verdict[i],
					   verdict[i]);
		if (info->attrs[APEDGE_A_PORT_PUNT_RATE])
			WRITE_ONCE(port->punt_rate,
				   nla_get_u32(info->attrs[APEDGE_A_PORT_PUNT_RATE]));
	}
	rtnl_unlock();
	return err;
}

static int apedge_nl_stats_reset(struct sk_buff *skb, struct genl_info *info)
{
	struct apedge_net *an = apedge_net(genl_info_net(info));
	struct apedge_port *port;
	int err = 0;

	rtnl_lock();
	if (!info->attrs[APEDGE_A_STATS_IFINDEX] &&
	    !info->attrs[APEDGE_A_STATS_IFNAME]) {
		list_for_each_entry(port, &an->ports, list) {
			err = apedge_stats_reset(port);
			if (err)
				break;
		}
	} else {
		port = apedge_port_from_attrs(info, APEDGE_A_STATS_IFINDEX,
					      APEDGE_A_STATS_IFNAME);
		err = IS_ERR(port) ? PTR_ERR(port) : apedge_stats_reset(port);
	}
	rtnl_unlock();
	return err;
}

static int apedge_nl_port_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *sg = info->attrs[APEDGE_A_PORT_SOURCE_GUARD];
	struct nlattr *vc = info->attrs[APEDGE_A_PORT_VERIFY_CHADDR];
	struct nlattr *ao = info->attrs[APEDGE_A_PORT_ALLOW_OPAQUE];
	struct nlattr **tb = info->attrs;
	struct apedge_port *port;
	int err = 0;

	if (!sg && !vc && !ao && !tb[APEDGE_A_PORT_L2UPDATE] &&
	    !tb[APEDGE_A_PORT_L2UPDATE_RELAY] &&
	    !tb[APEDGE_A_PORT_L2UPDATE_VLAN] &&
	    !tb[APEDGE_A_PORT_AUTH_MODE] && !tb[APEDGE_A_PORT_AUTH_ALLOW]) {
		NL_SET_ERR_MSG(info->extack,
			       "nothing to set (source-guard, verify-chaddr, allow-opaque, l2update, l2update-relay, l2update-vlan, auth-mode, auth-allow)");
		return -EINVAL;
	}
	rtnl_lock();
	port = apedge_port_from_attrs(info, APEDGE_A_PORT_IFINDEX,
				      APEDGE_A_PORT_IFNAME);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	err = apedge_nl_l2_check(info, port->dev);
	if (err)
		goto out;
	if (sg)
		WRITE_ONCE(port->guard.source_guard, nla_get_u8(sg));
	if (vc)
		WRITE_ONCE(port->guard.verify_chaddr, nla_get_u8(vc));
	if (ao)
		WRITE_ONCE(port->guard.allow_opaque, nla_get_u8(ao));
	apedge_nl_l2_set(info, port);
	if (tb[APEDGE_A_PORT_AUTH_ALLOW])
		WRITE_ONCE(port->auth.allow,
			   nla_get_u32(tb[APEDGE_A_PORT_AUTH_ALLOW]));
	if (tb[APEDGE_A_PORT_AUTH_MODE])
		apedge_auth_port_set(&port->auth, port->an->auth,
				     port->dev->ifindex,
				     nla_get_u8(tb[APEDGE_A_PORT_AUTH_MODE]),
				     port->auth.authorized);
out:
	rtnl_unlock();
	return err;
}

/* The one address, or IPv6 prefix, of a binding request. */
static int apedge_bkey_parse(struct genl_info *info, struct apedge_bkey *key)
{
	struct nlattr *v4 = info->attrs[APEDGE_A_BINDING_IPV4];
	struct nlattr *v6 = info->attrs[APEDGE_A_BINDING_IPV6];
	struct nlattr *plen = info->attrs[APEDGE_A_BINDING_PREFIX_LEN];

	if (!v4 == !v6) {
		NL_SET_ERR_MSG(info->extack, "exactly one of ipv4 and ipv6 required");
		return -EINVAL;
	}
	if (plen && !v6) {
		NL_SET_ERR_MSG_ATTR(info->extack, plen,
				    "prefix-len is for an ipv6 prefix");
		return -EINVAL;
	}
	if (plen) {
		if (apedge_bkey_prefix(key, nla_data(v6), nla_get_u8(plen))) {
			NL_SET_ERR_MSG_ATTR(info->extack, v6,
					    "the prefix has bits set past prefix-len");
			return -EINVAL;
		}
	} else if (v4) {
		apedge_bkey_init(key, AF_INET, nla_data(v4));
	} else {
		apedge_bkey_init(key, AF_INET6, nla_data(v6));
	}
	return 0;
}

/*
 * The layer-2 domain of a del or get, into key: domain (and vlan) if
 * given; else the domain of an attached port (with vlan, if given, for
 * its VLAN) in which the address has a binding, if just one has.  Under
 * RTNL (the ports) and RCU (the table).
 */
static int apedge_bkey_find_dom(struct genl_info *info, struct apedge_net *an,
				struct apedge_bkey *key)
{
	struct nlattr *d = info->attrs[APEDGE_A_BINDING_DOMAIN];
	struct nlattr *v = info->attrs[APEDGE_A_BINDING_VLAN];
	const struct apedge_binding *b, *found = NULL;
	struct apedge_port *port;
	struct apedge_bdom dom;
	struct apedge_bkey k;

	ASSERT_RTNL();
	if (d) {
		dom.ifindex = nla_get_u32(d);
		dom.vlan = v ? nla_get_u16(v) : 0;
		apedge_bkey_dom(key, &dom);
		return 0;
	}
	list_for_each_entry_rcu(port, &an->ports, list) {
		apedge_bdom_of(port->dev, NULL, &dom);
		if (v)
			dom.vlan = nla_get_u16(v);
		k = *key;
		apedge_bkey_dom(&k, &dom);
		b = apedge_binding_lookup(an->bt, &k);
		if (!b || b == found)
			continue;
		if (found) {
			NL_SET_ERR_MSG(info->extack,
				       "the address is bound in several layer-2 domains: give domain");
			return -EINVAL;
		}
		found = b;
	}
	if (!found) {
		NL_SET_ERR_MSG(info->extack, "no binding of that address");
		return -ENOENT;
	}
	*key = found->key;
	return 0;
}

static int apedge_nl_binding_add(struct sk_buff *skb, struct genl_info *info)
{
	struct apedge_net *an = apedge_net(genl_info_net(info));
	struct nlattr **tb = info->attrs;
	struct apedge_port *port;
	struct apedge_bkey key;
	struct apedge_bdom dom;
	u8 origin = APEDGE_BINDING_ORIGIN_STATIC;
	u32 lifetime = 0;
	int ifindex, err;
	const u8 *mac;

	err = apedge_bkey_parse(info, &key);
	if (err)
		return err;
	if (!tb[APEDGE_A_BINDING_MAC]) {
		NL_SET_ERR_MSG(info->extack, "mac required");
		return -EINVAL;
	}
	mac = nla_data(tb[APEDGE_A_BINDING_MAC]);
	if (!is_valid_ether_addr(mac)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[APEDGE_A_BINDING_MAC],
				    "mac must be unicast and not zero");
		return -EINVAL;
	}
	if (tb[APEDGE_A_BINDING_LIFETIME])
		lifetime = nla_get_u32(tb[APEDGE_A_BINDING_LIFETIME]);
	if (tb[APEDGE_A_BINDING_ORIGIN]) {
		origin = nla_get_u32(tb[APEDGE_A_BINDING_ORIGIN]);
		if (origin != APEDGE_BINDING_ORIGIN_STATIC &&
		    origin != APEDGE_BINDING_ORIGIN_DHCP6_SERVER) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[APEDGE_A_BINDING_ORIGIN],
					    "origin must be static or dhcp6-server");
			return -EINVAL;
		}
	}

	rtnl_lock();
	port = apedge_port_from_attrs(info, APEDGE_A_BINDING_IFINDEX,
				      APEDGE_A_BINDING_IFNAME);
	if (IS_ERR(port)) {
		rtnl_unlock();
		return PTR_ERR(port);
	}
	ifindex = port->dev->ifindex;
	/* The port's layer-2 domain; the VLAN may be given (a trunk). */
	rcu_read_lock();
	apedge_bdom_of(port->dev, NULL, &dom);
	rcu_read_unlock();
	if (tb[APEDGE_A_BINDING_VLAN])
		dom.vlan = nla_get_u16(tb[APEDGE_A_BINDING_VLAN]);
	apedge_bkey_dom(&key, &dom);
	/*
	 * Under RTNL the port cannot be detached, and with it its bindings
	 * flushed, before this one is in.
	 */
	err = apedge_binding_set(an->bt, &key, mac, ifindex, lifetime,
				 origin, info->extack);
	rtnl_unlock();
	return err;
}

static int apedge_nl_binding_del(struct sk_buff *skb, struct genl_info *info)
{
	struct apedge_net *an = apedge_net(genl_info_net(info));
	struct apedge_bkey key;
	int err;

	err = apedge_bkey_parse(info, &key);
	if (err)
		return err;
	rtnl_lock();
	rcu_read_lock();
	err = apedge_bkey_find_dom(info, an, &key);
	rcu_read_unlock();
	rtnl_unlock();
	if (err)
		return err;
	err = apedge_binding_del(an->bt, &key, 0, NULL);
	if (err)
		NL_SET_ERR_MSG(info->extack, "no binding of that address");
	return err;
}

/*
 * An event of cmd for group grp of net, begun: its genetlink header in
 * *hdr.  NULL when nobody listens there, or without memory.
 */
static struct sk_buff *apedge_event_new(struct net *net, unsigned int grp,
					u8 cmd, size_t size, gfp_t gfp,
					void **hdr)
{
	struct sk_buff *msg;

	if (!genl_has_listeners(&apedge_genl_family, net, grp))
		return NULL;
	msg = genlmsg_new(size, gfp);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, 0, 0, &apedge_genl_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/*
 * Send what apedge_event_new() began, or drop it when an attribute did
 * not fit (@full).
 */
static void apedge_event_send(struct net *net, unsigned int grp,
			      struct sk_buff *msg, void *hdr, bool full,
			      gfp_t gfp)
{
	if (full) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&apedge_genl_family, net, msg, 0, grp, gfp);
}

/* Tell the events group that a station's bindings moved.  Under RTNL. */
static void apedge_notify_binding_moved(struct net *net, const u8 *mac,
					int from, int to,
					const struct apedge_bdom *dom, int n)
{
	struct sk_buff *msg;
	void *hdr;

	msg = apedge_event_new(net, APEDGE_MCGRP_EVENTS_ID,
			       APEDGE_CMD_BINDING_MOVED, NLMSG_GOODSIZE,
			       GFP_KERNEL, &hdr);
	if (!msg)
		return;
	apedge_event_send(net, APEDGE_MCGRP_EVENTS_ID, msg, hdr,
			  nla_put(msg, APEDGE_A_BINDING_MAC, ETH_ALEN, mac) ||
			  (from && nla_put_u32(msg, APEDGE_A_BINDING_IFINDEX,
					       from)) ||
			  nla_put_u32(msg, APEDGE_A_BINDING_TO_IFINDEX, to) ||
			  nla_put_u32(msg, APEDGE_A_BINDING_DOMAIN,
				      dom->ifindex) ||
			  nla_put_u16(msg, APEDGE_A_BINDING_VLAN, dom->vlan) ||
			  nla_put_u32(msg, APEDGE_A_BINDING_MOVED, n),
			  GFP_KERNEL);
}

/*
 * Every binding of a station on one port, or on any, moves to another:
 * the daemon's call when the station associates on another radio or
 * AP_VLAN.
 */
static int apedge_nl_binding_move(struct sk_buff *skb, struct genl_info *info)
{
	struct apedge_net *an = apedge_net(genl_info_net(info));
	struct nlattr **tb = info->attrs;
	struct apedge_port *from = NULL, *to;
	struct apedge_bdom dom;
	int err, ifrom = 0;
	const u8 *mac;

	if (!tb[APEDGE_A_BINDING_MAC]) {
		NL_SET_ERR_MSG(info->extack, "mac required");
		return -EINVAL;
	}
	mac = nla_data(tb[APEDGE_A_BINDING_MAC]);
	if (!is_valid_ether_addr(mac)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[APEDGE_A_BINDING_MAC],
				    "mac must be unicast and not zero");
		return -EINVAL;
	}
	if (!tb[APEDGE_A_BINDING_TO_IFINDEX] && !tb[APEDGE_A_BINDING_TO_IFNAME]) {
		NL_SET_ERR_MSG(info->extack, "to-ifindex or to-ifname required");
		return -EINVAL;
	}

	rtnl_lock();
	if (tb[APEDGE_A_BINDING_IFINDEX] || tb[APEDGE_A_BINDING_IFNAME]) {
		from = apedge_port_from_attrs(info, APEDGE_A_BINDING_IFINDEX,
					      APEDGE_A_BINDING_IFNAME);
		if (IS_ERR(from)) {
			err = PTR_ERR(from);
			goto out;
		}
		ifrom = from->dev->ifindex;
	}
	to = apedge_port_from_attrs(info, APEDGE_A_BINDING_TO_IFINDEX,
				    APEDGE_A_BINDING_TO_IFNAME);
	if (IS_ERR(to)) {
		err = PTR_ERR(to);
		goto out;
	}
	if (from == to) {
		NL_SET_ERR_MSG(info->extack, "the two ports are one");
		err = -EINVAL;
		goto out;
	}
	rcu_read_lock();
	apedge_bdom_of(to->dev, NULL, &dom);
	rcu_read_unlock();
	/*
	 * Under RTNL neither port can be detached, and its bindings flushed,
	 * before the move is done.
	 */
	err = apedge_binding_move(an->bt, mac, ifrom, to->dev->ifindex, &dom,
				  info->extack);
	if (err > 0)
		apedge_notify_binding_moved(genl_info_net(info), mac, ifrom,
					    to->dev->ifindex, &dom, err);
	if (err > 0)
		err = 0;
out:
	rtnl_unlock();
	return err;
}

/*
 * Seconds a binding has left.  It may have expired since it was looked
 * up (a doit's lookup reads the clock again; a dump's pending binding
 * waits for the next message): then 0, not an underflow.
 */
static u32 apedge_binding_left(const struct apedge_binding *b, u64 now)
{
	if (!time_after64(b->expires, now))
		return 0;
	return DIV_ROUND_UP_ULL(b->expires - now, HZ);
}

/* One binding's object; now is get_jiffies_64(). */
static int apedge_binding_put(struct apedge_reply *r,
			      const struct apedge_binding *b, u64 now)
{
	struct sk_buff *msg = r->msg;
	void *hdr;
	int err;

	hdr = apedge_reply_put(r, APEDGE_CMD_BINDING_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (b->key.family == AF_INET)
		err = nla_put(msg, APEDGE_A_BINDING_IPV4, 4, b->key.addr);
	else
		err = nla_put(msg, APEDGE_A_BINDING_IPV6, 16, b->key.addr);
	if (err ||
	    (b->key.plen &&
	     nla_put_u8(msg, APEDGE_A_BINDING_PREFIX_LEN, b->key.plen)) ||
	    nla_put(msg, APEDGE_A_BINDING_MAC, ETH_ALEN, b->mac) ||
	    nla_put_u32(msg, APEDGE_A_BINDING_IFINDEX, b->ifindex) ||
	    nla_put_u32(msg, APEDGE_A_BINDING_ORIGIN, b->origin) ||
	    nla_put_u32(msg, APEDGE_A_BINDING_DOMAIN, b->key.dom_ifindex) ||
	    nla_put_u16(msg, APEDGE_A_BINDING_VLAN, b->key.vlan) ||
	    (b->expires &&
	     nla_put_u32(msg, APEDGE_A_BINDING_LIFETIME,
			 apedge_binding_left(b, now)))) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* What one half of binding-get takes that the other does not. */
static const u8 apedge_binding_get_do_only[] = {
	APEDGE_A_BINDING_IPV4, APEDGE_A_BINDING_IPV6,
	APEDGE_A_BINDING_PREFIX_LEN, APEDGE_A_BINDING_DOMAIN,
	APEDGE_A_BINDING_VLAN,
};

static const u8 apedge_binding_get_dump_only[] = {
	APEDGE_A_BINDING_IFINDEX, APEDGE_A_BINDING_IFNAME,
};

static int apedge_nl_binding_get_doit(struct sk_buff *skb,
				      struct genl_info *info)
{
	struct apedge_net *an = apedge_net(genl_info_net(info));
	struct apedge_reply r = {
		.portid = info->snd_portid,
		.seq = info->snd_seq,
	};
	const struct apedge_binding *b;
	struct apedge_bkey key;
	struct nlattr *a;
	int err;

	a = apedge_nl_other_half(info->attrs, apedge_binding_get_dump_only,
				 ARRAY_SIZE(apedge_binding_get_dump_only));
	if (a) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "ifindex and ifname select the bindings of a dump");
		return -EINVAL;
	}
	err = apedge_bkey_parse(info, &key);
	if (err)
		return err;
	r.msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!r.msg)
		return -ENOMEM;
	rtnl_lock();
	rcu_read_lock();
	err = apedge_bkey_find_dom(info, an, &key);
	b = err ? NULL : apedge_binding_lookup(an->bt, &key);
	if (!err && !b) {
		NL_SET_ERR_MSG(info->extack, "no binding of that address");
		err = -ENOENT;
	} else if (b) {
		err = apedge_binding_put(&r, b, get_jiffies_64());
	}
	rcu_read_unlock();
	rtnl_unlock();
	if (err) {
		nlmsg_free(r.msg);
		return err;
	}
	return genlmsg_reply(r.msg, info);
}

/**
 * struct apedge_binding_dump_ctx - a dump of the binding table in progress
 * @iter: the walk of the table
 * @pending: a binding that did not fit in the last message
 * @has_pending: whether @pending is to be sent first
 * @checked: the request was checked and @ifindex set, in the first part
 * @ifindex: only the bindings of this port, or 0 for all
 * @r: the message being filled
 * @now: get_jiffies_64() at this part of the dump
 */
struct apedge_binding_dump_ctx {
	struct rhashtable_iter iter;
	struct apedge_binding pending;
	bool has_pending;
	bool checked;
	int ifindex;
	struct apedge_reply r;
	u64 now;
};

static int apedge_binding_dump_one(const struct apedge_binding *b, void *arg)
{
	struct apedge_binding_dump_ctx *ctx = arg;

	if (ctx->ifindex && b->ifindex != ctx->ifindex)
		return 0;
	return apedge_binding_put(&ctx->r, b, ctx->now);
}

static int apedge_nl_binding_dump_start(struct netlink_callback *cb)
{
	struct apedge_net *an = apedge_net(sock_net(cb->skb->sk));
	struct apedge_binding_dump_ctx *ctx;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	apedge_binding_walk_enter(an->bt, &ctx->iter);
	/* cb->data is genetlink's own. */
	cb->args[0] = (long)ctx;
	return 0;
}

static int apedge_nl_binding_dump_done(struct netlink_callback *cb)
{
	struct apedge_binding_dump_ctx *ctx = (void *)cb->args[0];

	if (ctx) {
		rhashtable_walk_exit(&ctx->iter);
		kfree(ctx);
	}
	return 0;
}

/*
 * The dump's request, in its first part rather than in start, where 6.1
 * has no extack for the reason: no address, and an optional port.
 */
static int apedge_binding_dump_check(struct apedge_binding_dump_ctx *ctx,
				     struct netlink_callback *cb)
{
	/* Room for every attribute binding-get's policy knows. */
	struct nlattr *tb[ARRAY_SIZE(apedge_binding_get_nl_policy)];
	struct net_device *dev;
	struct nlattr *a;
	int err;

	/* Validated by genetlink already; parsed again for the table. */
	err = nlmsg_parse(cb->nlh, GENL_HDRLEN, tb, ARRAY_SIZE(tb) - 1,
			  apedge_binding_get_nl_policy, cb->extack);
	if (err)
		return err;
	a = apedge_nl_other_half(tb, apedge_binding_get_do_only,
				 ARRAY_SIZE(apedge_binding_get_do_only));
	if (a) {
		NL_SET_ERR_MSG_ATTR(cb->extack, a,
				    "a dump takes no address: ipv4, ipv6, prefix-len, domain and vlan get one binding");
		return -EINVAL;
	}
	if (tb[APEDGE_A_BINDING_IFINDEX]) {
		ctx->ifindex = nla_get_u32(tb[APEDGE_A_BINDING_IFINDEX]);
	} else if (tb[APEDGE_A_BINDING_IFNAME]) {
		rcu_read_lock();
		dev = dev_get_by_name_rcu(sock_net(cb->skb->sk),
					  nla_data(tb[APEDGE_A_BINDING_IFNAME]));
		if (dev)
			ctx->ifindex = dev->ifindex;
		rcu_read_unlock();
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(cb->extack,
					    tb[APEDGE_A_BINDING_IFNAME],
					    "no such device");
			return -ENODEV;
		}
	}
	ctx->checked = true;
	return 0;
}

/*
 * Each part carries the table's generation: a binding added, replaced or
 * removed between two parts marks the dump NLM_F_DUMP_INTR, as does the
 * resize it may cause, which can show a binding twice.
 */
static int apedge_nl_binding_get_dumpit(struct sk_buff *skb,
					struct netlink_callback *cb)
{
	struct apedge_net *an = apedge_net(sock_net(skb->sk));
	struct apedge_binding_dump_ctx *ctx = (void *)cb->args[0];
	int err;

	if (!ctx->checked) {
		err = apedge_binding_dump_check(ctx, cb);
		if (err)
			return err;
	}
	ctx->r = (struct apedge_reply) {
		.msg = skb,
		.portid = NETLINK_CB(cb->skb).portid,
		.seq = cb->nlh->nlmsg_seq,
		.flags = NLM_F_MULTI,
		.cb = cb,
	};
	ctx->now = get_jiffies_64();
	cb->seq = READ_ONCE(an->bt->gen);
	if (ctx->has_pending) {
		if (apedge_binding_dump_one(&ctx->pending, ctx))
			return skb->len ? skb->len : -EMSGSIZE;
		ctx->has_pending = false;
	}
	if (apedge_binding_dump(an->bt, &ctx->iter, apedge_binding_dump_one,
				ctx, &ctx->pending)) {
		ctx->has_pending = true;
		return skb->len ? skb->len : -EMSGSIZE;
	}
	return skb->len;
}

static int apedge_nl_binding_config_get(struct sk_buff *skb,
					struct genl_info *info)
{
	struct apedge_bindings *bt = apedge_net(genl_info_net(info))->bt;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &apedge_genl_family, 0,
				APEDGE_CMD_BINDING_CONFIG_GET);
	if (!hdr ||
	    nla_put_u32(msg, APEDGE_A_BINDING_CONFIG_LIMIT,
			READ_ONCE(bt->limit)) ||
	    nla_put_u32(msg, APEDGE_A_BINDING_CONFIG_COUNT,
			READ_ONCE(bt->count)) ||
	    nla_put_u64_64bit(msg, APEDGE_A_BINDING_CONFIG_REFUSED,
			      atomic64_read(&bt->refused),
			      APEDGE_A_BINDING_CONFIG_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_BINDING_CONFIG_SNOOP_OVERFLOW,
			      atomic64_read(&bt->snoop_overflow),
			      APEDGE_A_BINDING_CONFIG_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_BINDING_CONFIG_SNOOPED,
			      atomic64_read(&bt->snooped),
			      APEDGE_A_BINDING_CONFIG_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_BINDING_CONFIG_MOVED,
			      atomic64_read(&bt->moved),
			      APEDGE_A_BINDING_CONFIG_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_BINDING_CONFIG_MOVE_CONFLICTS,
			      atomic64_read(&bt->move_conflicts),
			      APEDGE_A_BINDING_CONFIG_PAD)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int apedge_nl_binding_config_set(struct sk_buff *skb,
					struct genl_info *info)
{
	struct apedge_bindings *bt = apedge_net(genl_info_net(info))->bt;
	struct nlattr *a = info->attrs[APEDGE_A_BINDING_CONFIG_LIMIT];

	if (!a) {
		NL_SET_ERR_MSG(info->extack, "limit required");
		return -EINVAL;
	}
	mutex_lock(&bt->lock);
	WRITE_ONCE(bt->limit, nla_get_u32(a));
	mutex_unlock(&bt->lock);
	return 0;
}

/* The 802.1X ops (auth.c enforces). */

static int apedge_nl_auth_set(struct sk_buff *skb, struct genl_info *info)
{
	struct apedge_net *an = apedge_net(genl_info_net(info));
	struct nlattr **tb = info->attrs;
	struct apedge_port *port;
	bool changed = false;
	const u8 *mac = NULL;
	u8 authorized;
	int err = 0;

	if (!tb[APEDGE_A_AUTH_AUTHORIZED]) {
		NL_SET_ERR_MSG(info->extack, "authorized required");
		return -EINVAL;
	}
	authorized = nla_get_u8(tb[APEDGE_A_AUTH_AUTHORIZED]);
	if (tb[APEDGE_A_AUTH_MAC]) {
		mac = nla_data(tb[APEDGE_A_AUTH_MAC]);
		if (!is_valid_ether_addr(mac)) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[APEDGE_A_AUTH_MAC],
					    "mac must be a unicast address");
			return -EINVAL;
		}
	}
	rtnl_lock();
	port = apedge_port_from_attrs(info, APEDGE_A_AUTH_IFINDEX,
				      APEDGE_A_AUTH_IFNAME);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	switch (port->auth.mode) {
	case APEDGE_AUTH_MODE_PORT:
		if (mac) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[APEDGE_A_AUTH_MAC],
					    "a port in port mode is authorized whole: no mac");
			err = -EINVAL;
			break;
		}
		changed = port->auth.authorized != authorized;
		apedge_auth_port_set(&port->auth, an->auth, port->dev->ifindex,
				     APEDGE_AUTH_MODE_PORT, authorized);
		break;
	case APEDGE_AUTH_MODE_MAC:
		if (!mac && authorized) {
			NL_SET_ERR_MSG(info->extack,
				       "mac required on a port in mac mode");
			err = -EINVAL;
		} else if (!mac) {
			changed = apedge_auth_flush_port(an->auth,
							 port->dev->ifindex);
			port->auth.nentries = 0;
		} else if (authorized) {
			err = apedge_auth_add(an->auth, port->dev->ifindex,
					      mac, info->extack);
			changed = !err;
			if (!err)
				port->auth.nentries++;
			else if (err == -EEXIST)
				err = 0;
		} else {
			changed = !apedge_auth_del(an->auth,
						   port->dev->ifindex, mac);
			if (changed)
				port->auth.nentries--;
		}
		break;
	default:
		NL_SET_ERR_MSG(info->extack,
			       "port is not in 802.1X mode (auth-mode)");
		err = -EINVAL;
		break;
	}
	if (changed)
		apedge_notify_auth_changed(port, mac, authorized);
out:
	rtnl_unlock();
	return err;
}

/**
 * struct apedge_auth_dump - an auth-get dump in progress
 * @idx: objects already sent: the ports', then the stations'
 * @checked: the request was checked and @ifindex set, in the first part
 * @ifindex: only this port's objects, or 0 for all
 * @st: room for one port's counters
 */
struct apedge_auth_dump {
	long idx;
	bool checked;
	int ifindex;
	struct apedge_stats st;
};

static int apedge_nl_auth_dump_start(struct netlink_callback *cb)
{
	struct apedge_auth_dump *d;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	cb->args[0] = (long)d;
	return 0;
}

static int apedge_nl_auth_dump_check(struct apedge_auth_dump *d,
				     struct netlink_callback *cb)
{
	struct nlattr *tb[APEDGE_A_AUTH_IFNAME + 1];
	struct net_device *dev;
	int err;

	err = nlmsg_parse(cb->nlh, GENL_HDRLEN, tb, APEDGE_A_AUTH_IFNAME,
			  apedge_auth_get_nl_policy, cb->extack);
	if (err)
		return err;
	if (tb[APEDGE_A_AUTH_IFINDEX]) {
		d->ifindex = nla_get_u32(tb[APEDGE_A_AUTH_IFINDEX]);
	} else if (tb[APEDGE_A_AUTH_IFNAME]) {
		rcu_read_lock();
		dev = dev_get_by_name_rcu(sock_net(cb->skb->sk),
					  nla_data(tb[APEDGE_A_AUTH_IFNAME]));
		if (dev)
			d->ifindex = dev->ifindex;
		rcu_read_unlock();
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(cb->extack, tb[APEDGE_A_AUTH_IFNAME],
					    "no such device");
			return -ENODEV;
		}
	}
	d->checked = true;
	return 0;
}

static int apedge_auth_port_put(struct apedge_reply *r,
				const struct apedge_port *port,
				const struct apedge_stats *st)
{
	static const struct {
		u16 attr;
		u8 ctr;
	} c[] = {
		{ APEDGE_A_AUTH_RX_DROPPED, APEDGE_CTR_AUTH_RX_DROP },
		{ APEDGE_A_AUTH_TX_DROPPED, APEDGE_CTR_AUTH_TX_DROP },
		{ APEDGE_A_AUTH_RX_EAPOL, APEDGE_CTR_AUTH_RX_EAPOL },
		{ APEDGE_A_AUTH_TX_EAPOL, APEDGE_CTR_AUTH_TX_EAPOL },
		{ APEDGE_A_AUTH_RX_ALLOWED, APEDGE_CTR_AUTH_RX_ALLOWED },
		{ APEDGE_A_AUTH_TX_ALLOWED, APEDGE_CTR_AUTH_TX_ALLOWED },
		{ APEDGE_A_AUTH_UNAUTH_SEEN, APEDGE_CTR_AUTH_SEEN },
	};
	struct sk_buff *msg = r->msg;
	void *hdr;
	int i;

	hdr = apedge_reply_put(r, APEDGE_CMD_AUTH_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, APEDGE_A_AUTH_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(msg, APEDGE_A_AUTH_IFNAME, port->dev->name) ||
	    nla_put_u8(msg, APEDGE_A_AUTH_MODE, port->auth.mode) ||
	    nla_put_u32(msg, APEDGE_A_AUTH_ALLOW, port->auth.allow) ||
	    nla_put_u8(msg, APEDGE_A_AUTH_AUTHORIZED, port->auth.authorized) ||
	    nla_put_u32(msg, APEDGE_A_AUTH_ENTRIES, port->auth.nentries))
		goto nospace;
	for (i = 0; i < ARRAY_SIZE(c); i++)
		if (nla_put_u64_64bit(msg, c[i].attr, st->ctr[c[i].ctr],
				      APEDGE_A_AUTH_PAD))
			goto nospace;
	genlmsg_end(msg, hdr);
	return 0;
nospace:
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

static int apedge_auth_entry_put(struct apedge_reply *r,
				 const struct apedge_auth_entry *e)
{
	struct sk_buff *msg = r->msg;
	void *hdr;
	u64 rx, tx;

	apedge_auth_entry_read(e, &rx, &tx);
	hdr = apedge_reply_put(r, APEDGE_CMD_AUTH_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, APEDGE_A_AUTH_IFINDEX, e->key.ifindex) ||
	    nla_put(msg, APEDGE_A_AUTH_MAC, ETH_ALEN, e->key.mac) ||
	    nla_put_u8(msg, APEDGE_A_AUTH_AUTHORIZED, 1) ||
	    nla_put_u64_64bit(msg, APEDGE_A_AUTH_RX_PASSED, rx,
			      APEDGE_A_AUTH_PAD) ||
	    nla_put_u64_64bit(msg, APEDGE_A_AUTH_TX_PASSED, tx,
			      APEDGE_A_AUTH_PAD)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/*
 * The ports in 802.1X mode, then the stations of the table, under RTNL
 * (which their writers hold).  Each part carries the sum of the port and
 * table generations, so that a change between parts marks the dump
 * NLM_F_DUMP_INTR.
 */
static int apedge_nl_auth_get_dumpit(struct sk_buff *skb,
				     struct netlink_callback *cb)
{
	struct apedge_net *an = apedge_net(sock_net(skb->sk));
	struct apedge_auth_dump *d = (void *)cb->args[0];
	struct apedge_reply r = {
		.msg = skb,
		.portid = NETLINK_CB(cb->skb).portid,
		.seq = cb->nlh->nlmsg_seq,
		.flags = NLM_F_MULTI,
		.cb = cb,
	};
	struct apedge_auth_entry *e;
	struct apedge_port *port;
	long idx = 0;
	int err = 0;

	if (!d->checked) {
		err = apedge_nl_auth_dump_check(d, cb);
		if (err)
			return err;
	}
	rtnl_lock();
	cb->seq = an->ports_gen + an->auth->gen;
	list_for_each_entry(port, &an->ports, list) {
		if (port->auth.mode == APEDGE_AUTH_MODE_NONE ||
		    (d->ifindex && port->dev->ifindex != d->ifindex))
			continue;
		if (idx++ < d->idx)
			continue;
		apedge_stats_read(port, &d->st);
		err = apedge_auth_port_put(&r, port, &d->st);
		if (err) {
			idx--;
			goto out;
		}
	}
	list_for_each_entry(e, &an->auth->entries, list) {
		if (d->ifindex && e->key.ifindex != d->ifindex)
			continue;
		if (idx++ < d->idx)
			continue;
		err = apedge_auth_entry_put(&r, e);
		if (err) {
			idx--;
			goto out;
		}
	}
out:
	rtnl_unlock();
	d->idx = idx;
	if (err && !skb->len)
		return err;
	return skb->len;
}

/* A command's policy from netlink-gen.c, and its largest attribute. */
#define APEDGE_POLICY(name) \
	.policy = apedge_##name##_nl_policy, \
	.maxattr = ARRAY_SIZE(apedge_##name##_nl_policy) - 1

/*
 * The flags are the spec's: admin-perm is GENL_ADMIN_PERM.  A command
 * without a policy takes no attribute (the family has no resv_start_op).
 */
static const struct genl_ops apedge_genl_ops[] = {
	{
		.cmd = APEDGE_CMD_INFO_GET,
		.doit = apedge_nl_info_get,
	},
	{
		.cmd = APEDGE_CMD_PORT_ADD,
		.doit = apedge_nl_port_add,
		APEDGE_POLICY(port_add),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_PORT_DEL,
		.doit = apedge_nl_port_del,
		APEDGE_POLICY(port_del),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_PORT_GET,
		.doit = apedge_nl_port_get_doit,
		.start = apedge_nl_port_dump_start,
		.dumpit = apedge_nl_port_get_dumpit,
		.done = apedge_nl_port_dump_done,
		APEDGE_POLICY(port_get),
	},
	{
		.cmd = APEDGE_CMD_XID_SEND,
		.doit = apedge_nl_xid_send,
		APEDGE_POLICY(xid_send),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_STATS_GET,
		.doit = apedge_nl_stats_get_doit,
		.start = apedge_nl_port_dump_start,
		.dumpit = apedge_nl_stats_get_dumpit,
		.done = apedge_nl_port_dump_done,
		APEDGE_POLICY(stats_get),
	},
	{
		.cmd = APEDGE_CMD_POLICY_SET,
		.doit = apedge_nl_policy_set,
		APEDGE_POLICY(policy_set),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_STATS_RESET,
		.doit = apedge_nl_stats_reset,
		APEDGE_POLICY(stats_reset),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_PORT_SET,
		.doit = apedge_nl_port_set,
		APEDGE_POLICY(port_set),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_BINDING_ADD,
		.doit = apedge_nl_binding_add,
		APEDGE_POLICY(binding_add),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_BINDING_DEL,
		.doit = apedge_nl_binding_del,
		APEDGE_POLICY(binding_del),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_BINDING_MOVE,
		.doit = apedge_nl_binding_move,
		APEDGE_POLICY(binding_move),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_BINDING_GET,
		.doit = apedge_nl_binding_get_doit,
		.start = apedge_nl_binding_dump_start,
		.dumpit = apedge_nl_binding_get_dumpit,
		.done = apedge_nl_binding_dump_done,
		APEDGE_POLICY(binding_get),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_BINDING_CONFIG_GET,
		.doit = apedge_nl_binding_config_get,
	},
	{
		.cmd = APEDGE_CMD_BINDING_CONFIG_SET,
		.doit = apedge_nl_binding_config_set,
		APEDGE_POLICY(binding_config_set),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_AUTH_SET,
		.doit = apedge_nl_auth_set,
		APEDGE_POLICY(auth_set),
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_AUTH_GET,
		.start = apedge_nl_auth_dump_start,
		.dumpit = apedge_nl_auth_get_dumpit,
		.done = apedge_nl_port_dump_done,
		APEDGE_POLICY(auth_get),
		.flags = GENL_ADMIN_PERM,
	},
};

static struct genl_family apedge_genl_family __ro_after_init = {
	.name = APEDGE_FAMILY_NAME,
	.version = APEDGE_FAMILY_VERSION,
	.netnsok = true,
	.parallel_ops = false,
	.module = THIS_MODULE,
	.ops = apedge_genl_ops,
	.n_ops = ARRAY_SIZE(apedge_genl_ops),
	/*
	 * No resv_start_op: a new family validates every command strictly,
	 * including the reserved header byte, and an op without a policy
	 * takes no attributes.
	 */
	.mcgrps = apedge_mcgrps,
	.n_mcgrps = ARRAY_SIZE(apedge_mcgrps),
};

/**
 * apedge_notify_port - tell the events group that a port came or went
 * @port: the port
 * @cmd: APEDGE_CMD_PORT_ADD_NTF or APEDGE_CMD_PORT_DEL_NTF
 */
void apedge_notify_port(struct apedge_port *port, u8 cmd)
{
	struct net *net = port->an->net;
	struct apedge_reply r = {};

	if (!genl_has_listeners(&apedge_genl_family, net,
				APEDGE_MCGRP_EVENTS_ID))
		return;
	r.msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!r.msg)
		return;
	if (apedge_port_fill(&r, port, cmd)) {
		nlmsg_free(r.msg);
		return;
	}
	genlmsg_multicast_netns(&apedge_genl_family, net, r.msg, 0,
				APEDGE_MCGRP_EVENTS_ID, GFP_KERNEL);
}

/**
 * apedge_notify_sta_authorized - tell the events group that a station was
 *	found authorized on a relay port
 * @port: the port (the AP interface)
 * @sta: the station
 * @vlan: the port's l2update-vlan, 0 for none
 *
 * From the relay's work, under RCU: allocates atomically.
 */
void apedge_notify_sta_authorized(struct apedge_port *port, const u8 *sta,
				  u16 vlan)
{
	struct net *net = port->an->net;
	struct sk_buff *msg;
	void *hdr;

	msg = apedge_event_new(net, APEDGE_MCGRP_EVENTS_ID,
			       APEDGE_CMD_STA_AUTHORIZED_NTF, NLMSG_GOODSIZE,
			       GFP_ATOMIC, &hdr);
	if (!msg)
		return;
	apedge_event_send(net, APEDGE_MCGRP_EVENTS_ID, msg, hdr,
			  nla_put_u32(msg, APEDGE_A_XID_IFINDEX,
				      port->dev->ifindex) ||
			  nla_put_string(msg, APEDGE_A_XID_IFNAME,
					 port->dev->name) ||
			  nla_put(msg, APEDGE_A_XID_STA, ETH_ALEN, sta) ||
			  (vlan && nla_put_u16(msg, APEDGE_A_XID_VLAN, vlan)),
			  GFP_ATOMIC);
}

/**
 * apedge_notify_auth_seen - tell the events group of an unauthorized source
 * @priv: the namespace's struct apedge_net
 * @ifindex: the port
 * @mac: the source
 *
 * From the table's event work (auth.c), in process context.
 */
void apedge_notify_auth_seen(void *priv, int ifindex, const u8 *mac)
{
	struct apedge_net *an = priv;
	struct net *net = an->net;
	struct net_device *dev;
	struct sk_buff *msg;
	void *hdr;
	bool full;

	msg = apedge_event_new(net, APEDGE_MCGRP_EVENTS_ID,
			       APEDGE_CMD_AUTH_UNAUTH_SEEN, NLMSG_GOODSIZE,
			       GFP_KERNEL, &hdr);
	if (!msg)
		return;
	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, ifindex);
	full = nla_put_u32(msg, APEDGE_A_AUTH_IFINDEX, ifindex) ||
	       (dev && nla_put_string(msg, APEDGE_A_AUTH_IFNAME, dev->name)) ||
	       nla_put(msg, APEDGE_A_AUTH_MAC, ETH_ALEN, mac);
	rcu_read_unlock();
	apedge_event_send(net, APEDGE_MCGRP_EVENTS_ID, msg, hdr, full,
			  GFP_KERNEL);
}

/**
 * apedge_notify_auth_changed - tell the events group of an auth-set
 * @port: the port
 * @mac: the station, or NULL for the port (or a flush in mac mode)
 * @authorized: its new state
 *
 * RTNL held.
 */
void apedge_notify_auth_changed(struct apedge_port *port, const u8 *mac,
				u8 authorized)
{
	struct net *net = port->an->net;
	struct sk_buff *msg;
	void *hdr;

	msg = apedge_event_new(net, APEDGE_MCGRP_EVENTS_ID,
			       APEDGE_CMD_AUTH_CHANGED, NLMSG_GOODSIZE,
			       GFP_KERNEL, &hdr);
	if (!msg)
		return;
	apedge_event_send(net, APEDGE_MCGRP_EVENTS_ID, msg, hdr,
			  nla_put_u32(msg, APEDGE_A_AUTH_IFINDEX,
				      port->dev->ifindex) ||
			  nla_put_string(msg, APEDGE_A_AUTH_IFNAME,
					 port->dev->name) ||
			  (mac && nla_put(msg, APEDGE_A_AUTH_MAC, ETH_ALEN,
					  mac)) ||
			  nla_put_u8(msg, APEDGE_A_AUTH_AUTHORIZED, authorized),
			  GFP_KERNEL);
}

/**
 * apedge_notify_punt - send a punted packet to the punt group
 * @port: the port it crossed
 * @pkt: the packet
 *
 * Process context (the port's punt work).
 */
void apedge_notify_punt(struct apedge_port *port,
			const struct apedge_punt_pkt *pkt)
{
	struct net *net = port->an->net;
	struct sk_buff *msg;
	void *hdr;

	/* Nobody listening is no overflow: that is checked apart. */
	if (!genl_has_listeners(&apedge_genl_family, net,
				APEDGE_MCGRP_PUNT_ID))
		return;
	msg = apedge_event_new(net, APEDGE_MCGRP_PUNT_ID, APEDGE_CMD_PUNT_NTF,
			       nla_total_size(pkt->caplen) +
			       2 * nla_total_size(ETH_ALEN) + 128,
			       GFP_KERNEL, &hdr);
	if (!msg)
		goto fail;
	if (nla_put_u32(msg, APEDGE_A_PUNT_IFINDEX, port->dev->ifindex) ||
	    nla_put_u32(msg, APEDGE_A_PUNT_DIRECTION, pkt->dir) ||
	    nla_put_u32(msg, APEDGE_A_PUNT_CLASS, pkt->pclass) ||
	    nla_put_u32(msg, APEDGE_A_PUNT_VERDICT, pkt->verdict) ||
	    nla_put_u32(msg, APEDGE_A_PUNT_LEN, pkt->len) ||
	    nla_put(msg, APEDGE_A_PUNT_PACKET, pkt->caplen, pkt->data) ||
	    (pkt->has_mac &&
	     (nla_put(msg, APEDGE_A_PUNT_SRC_MAC, ETH_ALEN, pkt->src) ||
	      nla_put(msg, APEDGE_A_PUNT_DST_MAC, ETH_ALEN, pkt->dst)))) {
		nlmsg_free(msg);
		goto fail;
	}
	apedge_event_send(net, APEDGE_MCGRP_PUNT_ID, msg, hdr, false,
			  GFP_KERNEL);
	apedge_count(port, APEDGE_CTR_PUNT_SENT);
	return;
fail:
	apedge_count(port, APEDGE_CTR_PUNT_OVERFLOW);
}

int __init apedge_genl_register(void)
{
	return genl_register_family(&apedge_genl_family);
}

void apedge_genl_unregister(void)
{
	genl_unregister_family(&apedge_genl_family);
}
