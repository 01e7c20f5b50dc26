// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: the "apedge" generic netlink family.
 *
 * The ABI is Documentation/netlink/specs/apedge.yaml; the policies below
 * carry its checks.  Every command validates strictly and says why it
 * refused in the extended ack.
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
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
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

const struct nla_policy apedge_policy_policy[APEDGE_A_POLICY_MAX + 1] = {
	[APEDGE_A_POLICY_CLASS] = NLA_POLICY_RANGE(NLA_U32, 1, APEDGE_PCLASS_MAX),
	[APEDGE_A_POLICY_VERDICT] = NLA_POLICY_RANGE(NLA_U32, 1,
						     APEDGE_VERDICT_MAX),
};

const struct nla_policy apedge_port_policy[APEDGE_A_PORT_MAX + 1] = {
	[APEDGE_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[APEDGE_A_PORT_ROLE] = NLA_POLICY_RANGE(NLA_U32,
						APEDGE_PORT_ROLE_UNTRUSTED,
						APEDGE_PORT_ROLE_TRUSTED),
	[APEDGE_A_PORT_POLICY] = NLA_POLICY_NESTED(apedge_policy_policy),
	[APEDGE_A_PORT_PUNT_RATE] = NLA_POLICY_MAX(NLA_U32, APEDGE_PUNT_RATE_MAX),
	[APEDGE_A_PORT_SOURCE_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
};

const struct nla_policy apedge_xid_policy[APEDGE_A_XID_MAX + 1] = {
	[APEDGE_A_XID_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_XID_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[APEDGE_A_XID_STA] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[APEDGE_A_XID_MODE] = NLA_POLICY_RANGE(NLA_U32, APEDGE_XID_MODE_TRANSMIT,
					       APEDGE_XID_MODE_INJECT),
	[APEDGE_A_XID_VLAN] = NLA_POLICY_RANGE(NLA_U16, 1, VLAN_N_VID - 2),
	[APEDGE_A_XID_COUNT] = NLA_POLICY_RANGE(NLA_U32, 1, APEDGE_XID_COUNT_MAX),
	[APEDGE_A_XID_INTERVAL] = NLA_POLICY_MAX(NLA_U32, APEDGE_XID_INTERVAL_MAX),
	[APEDGE_A_XID_RW] = { .type = NLA_U8 },
};

const struct nla_policy apedge_stats_policy[APEDGE_A_STATS_MAX + 1] = {
	[APEDGE_A_STATS_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_STATS_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
};

const struct nla_policy apedge_binding_policy[APEDGE_A_BINDING_MAX + 1] = {
	[APEDGE_A_BINDING_IPV4] = NLA_POLICY_EXACT_LEN(4),
	[APEDGE_A_BINDING_IPV6] = NLA_POLICY_EXACT_LEN(16),
	[APEDGE_A_BINDING_MAC] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[APEDGE_A_BINDING_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_BINDING_IFNAME] = { .type = NLA_NUL_STRING,
				      .len = IFNAMSIZ - 1 },
	[APEDGE_A_BINDING_LIFETIME] = { .type = NLA_U32 },
};

/* Not const: 6.1's policy takes a pointer to non-const. */
static struct netlink_range_validation apedge_binding_limit_range = {
	.min = 1,
	.max = APEDGE_BINDINGS_MAX_LIMIT,
};

static const struct nla_policy
apedge_binding_config_policy[APEDGE_A_BINDING_CONFIG_MAX + 1] = {
	[APEDGE_A_BINDING_CONFIG_LIMIT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &apedge_binding_limit_range),
};

static struct genl_family apedge_genl_family;

/* Room for one port's largest reply: every counter set, every policy. */
#define APEDGE_MSG_SIZE		(4 * NLMSG_GOODSIZE)

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
			APEDGE_FEATURES_SOURCE_GUARD))
		goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int apedge_nl_port_add(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nlattr **tb = info->attrs;
	struct net_device *dev;
	u32 role = APEDGE_PORT_ROLE_UNTRUSTED;
	bool sg = false;
	int err;

	if (tb[APEDGE_A_PORT_ROLE])
		role = nla_get_u32(tb[APEDGE_A_PORT_ROLE]);
	if (tb[APEDGE_A_PORT_SOURCE_GUARD])
		sg = nla_get_u8(tb[APEDGE_A_PORT_SOURCE_GUARD]);

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
		err = apedge_port_add(apedge_net(net), dev, role, sg,
				      info->extack);
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
				READ_ONCE(port->verdict[i])))
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

static int apedge_port_fill(struct sk_buff *msg, const struct apedge_port *port,
			    u32 portid, u32 seq, int flags, u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &apedge_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, APEDGE_A_PORT_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(msg, APEDGE_A_PORT_IFNAME, port->dev->name) ||
	    nla_put_u32(msg, APEDGE_A_PORT_ROLE, port->role) ||
	    apedge_policy_fill(msg, port) ||
	    nla_put_u32(msg, APEDGE_A_PORT_PUNT_RATE,
			READ_ONCE(port->punt_rate)) ||
	    nla_put_u8(msg, APEDGE_A_PORT_SOURCE_GUARD,
		       READ_ONCE(port->source_guard))) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

static int apedge_stats_put(struct sk_buff *msg,
			    const struct apedge_port *port,
			    const struct apedge_stats *st,
			    u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &apedge_genl_family, flags,
			  APEDGE_CMD_STATS_GET);
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
			      st->ctr[APEDGE_CTR_SG_ND], APEDGE_A_STATS_PAD)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

static int apedge_stats_fill(struct sk_buff *msg, struct apedge_port *port,
			     u32 portid, u32 seq, int flags)
{
	struct apedge_stats *st;
	int err;

	/* Too big for the stack; dumps hold RCU, so no sleeping. */
	st = kmalloc(sizeof(*st), GFP_ATOMIC);
	if (!st)
		return -ENOMEM;
	apedge_stats_read(port, st);
	err = apedge_stats_put(msg, port, st, portid, seq, flags);
	kfree(st);
	return err;
}

/* Fill one port's object; reading a port's counters takes its lock. */
typedef int (*apedge_fill_fn)(struct sk_buff *msg, struct apedge_port *port,
			      u32 portid, u32 seq, int flags);

static int apedge_port_fill_get(struct sk_buff *msg, struct apedge_port *port,
				u32 portid, u32 seq, int flags)
{
	return apedge_port_fill(msg, port, portid, seq, flags,
				APEDGE_CMD_PORT_GET);
}

/* A "do" that replies with one port's object. */
static int apedge_nl_get_one(struct genl_info *info, int a_ifindex,
			     int a_ifname, apedge_fill_fn fill)
{
	struct apedge_port *port;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(APEDGE_MSG_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rtnl_lock();
	port = apedge_port_from_attrs(info, a_ifindex, a_ifname);
	if (IS_ERR(port))
		err = PTR_ERR(port);
	else
		err = fill(msg, port, info->snd_portid, info->snd_seq, 0);
	rtnl_unlock();

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * A dump of one object per port.  cb->args[0] counts the ports already
 * sent; a port added or removed between two parts of a dump may shift
 * that count, which the sequence check below reports to the reader.
 */
static int apedge_nl_dump(struct sk_buff *skb, struct netlink_callback *cb,
			  apedge_fill_fn fill)
{
	struct apedge_net *an = apedge_net(sock_net(skb->sk));
	struct apedge_port *port;
	long idx = 0, start = cb->args[0];
	int err = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(port, &an->ports, list) {
		if (idx++ < start)
			continue;
		err = fill(skb, port, NETLINK_CB(cb->skb).portid,
			   cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err) {
			idx--;
			break;
		}
	}
	rcu_read_unlock();

	cb->args[0] = idx;
	if (err && skb->len == 0)
		return err;
	return skb->len;
}

static int apedge_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return apedge_nl_get_one(info, APEDGE_A_PORT_IFINDEX,
				 APEDGE_A_PORT_IFNAME, apedge_port_fill_get);
}

static int apedge_nl_port_get_dumpit(struct sk_buff *skb,
				     struct netlink_callback *cb)
{
	return apedge_nl_dump(skb, cb, apedge_port_fill_get);
}

static int apedge_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return apedge_nl_get_one(info, APEDGE_A_STATS_IFINDEX,
				 APEDGE_A_STATS_IFNAME, apedge_stats_fill);
}

static int apedge_nl_stats_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	return apedge_nl_dump(skb, cb, apedge_stats_fill);
}

/**
 * apedge_xid_req_parse - turn validated XID attributes into a request
 * @tb: attributes, already checked against apedge_xid_policy
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
				       apedge_policy_policy, info->extack);
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
				WRITE_ONCE(port->verdict[i], verdict[i]);
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
	struct nlattr *a = info->attrs[APEDGE_A_PORT_SOURCE_GUARD];
	struct apedge_port *port;
	int err = 0;

	if (!a) {
		NL_SET_ERR_MSG(info->extack, "nothing to set (source-guard)");
		return -EINVAL;
	}
	rtnl_lock();
	port = apedge_port_from_attrs(info, APEDGE_A_PORT_IFINDEX,
				      APEDGE_A_PORT_IFNAME);
	if (IS_ERR(port))
		err = PTR_ERR(port);
	else
		WRITE_ONCE(port->source_guard, nla_get_u8(a));
	rtnl_unlock();
	return err;
}

/* The one address of a binding request. */
static int apedge_bkey_parse(struct genl_info *info, struct apedge_bkey *key)
{
	struct nlattr *v4 = info->attrs[APEDGE_A_BINDING_IPV4];
	struct nlattr *v6 = info->attrs[APEDGE_A_BINDING_IPV6];

	if (!v4 == !v6) {
		NL_SET_ERR_MSG(info->extack, "exactly one of ipv4 and ipv6 required");
		return -EINVAL;
	}
	if (v4)
		apedge_bkey_init(key, AF_INET, nla_data(v4));
	else
		apedge_bkey_init(key, AF_INET6, nla_data(v6));
	return 0;
}

static int apedge_nl_binding_add(struct sk_buff *skb, struct genl_info *info)
{
	struct apedge_net *an = apedge_net(genl_info_net(info));
	struct nlattr **tb = info->attrs;
	struct apedge_port *port;
	struct apedge_bkey key;
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

	rtnl_lock();
	port = apedge_port_from_attrs(info, APEDGE_A_BINDING_IFINDEX,
				      APEDGE_A_BINDING_IFNAME);
	if (IS_ERR(port)) {
		rtnl_unlock();
		return PTR_ERR(port);
	}
	ifindex = port->dev->ifindex;
	/*
	 * Under RTNL the port cannot be detached, and with it its bindings
	 * flushed, before this one is in.
	 */
	err = apedge_binding_set(an->bt, &key, mac, ifindex, lifetime,
				 APEDGE_BINDING_ORIGIN_STATIC, info->extack);
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
	err = apedge_binding_del(an->bt, &key, 0, NULL);
	if (err)
		NL_SET_ERR_MSG(info->extack, "no binding of that address");
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
static int apedge_binding_put(struct sk_buff *msg,
			      const struct apedge_binding *b, u64 now,
			      u32 portid, u32 seq, int flags)
{
	void *hdr;
	int err;

	hdr = genlmsg_put(msg, portid, seq, &apedge_genl_family, flags,
			  APEDGE_CMD_BINDING_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (b->key.family == AF_INET)
		err = nla_put(msg, APEDGE_A_BINDING_IPV4, 4, b->key.addr);
	else
		err = nla_put(msg, APEDGE_A_BINDING_IPV6, 16, b->key.addr);
	if (err ||
	    nla_put(msg, APEDGE_A_BINDING_MAC, ETH_ALEN, b->mac) ||
	    nla_put_u32(msg, APEDGE_A_BINDING_IFINDEX, b->ifindex) ||
	    nla_put_u32(msg, APEDGE_A_BINDING_ORIGIN, b->origin) ||
	    (b->expires &&
	     nla_put_u32(msg, APEDGE_A_BINDING_LIFETIME,
			 apedge_binding_left(b, now)))) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

static int apedge_nl_binding_get_doit(struct sk_buff *skb,
				      struct genl_info *info)
{
	struct apedge_net *an = apedge_net(genl_info_net(info));
	const struct apedge_binding *b;
	struct apedge_bkey key;
	struct sk_buff *msg;
	int err;

	err = apedge_bkey_parse(info, &key);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rcu_read_lock();
	b = apedge_binding_lookup(an->bt, &key);
	if (!b) {
		NL_SET_ERR_MSG(info->extack, "no binding of that address");
		err = -ENOENT;
	} else {
		err = apedge_binding_put(msg, b, get_jiffies_64(),
					 info->snd_portid, info->snd_seq, 0);
	}
	rcu_read_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/**
 * struct apedge_binding_dump_ctx - a dump of the binding table in progress
 * @iter: the walk of the table
 * @pending: a binding that did not fit in the last message
 * @has_pending: whether @pending is to be sent first
 * @ifindex: only the bindings of this port, or 0 for all
 * @skb: the message being filled
 * @cb: the dump
 * @now: get_jiffies_64() at this part of the dump
 */
struct apedge_binding_dump_ctx {
	struct rhashtable_iter iter;
	struct apedge_binding pending;
	bool has_pending;
	int ifindex;
	struct sk_buff *skb;
	struct netlink_callback *cb;
	u64 now;
};

static int apedge_binding_dump_one(const struct apedge_binding *b, void *arg)
{
	struct apedge_binding_dump_ctx *ctx = arg;

	if (ctx->ifindex && b->ifindex != ctx->ifindex)
		return 0;
	return apedge_binding_put(ctx->skb, b, ctx->now,
				  NETLINK_CB(ctx->cb->skb).portid,
				  ctx->cb->nlh->nlmsg_seq, NLM_F_MULTI);
}

static int apedge_nl_binding_dump_start(struct netlink_callback *cb)
{
	struct apedge_net *an = apedge_net(sock_net(cb->skb->sk));
	struct nlattr *tb[APEDGE_A_BINDING_MAX + 1];
	struct apedge_binding_dump_ctx *ctx;
	struct net_device *dev = NULL;
	int err;

	err = nlmsg_parse(cb->nlh, GENL_HDRLEN, tb, APEDGE_A_BINDING_MAX,
			  apedge_binding_policy, cb->extack);
	if (err)
		return err;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
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
			kfree(ctx);
			return -ENODEV;
		}
	}
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

static int apedge_nl_binding_get_dumpit(struct sk_buff *skb,
					struct netlink_callback *cb)
{
	struct apedge_net *an = apedge_net(sock_net(skb->sk));
	struct apedge_binding_dump_ctx *ctx = (void *)cb->args[0];

	ctx->skb = skb;
	ctx->cb = cb;
	ctx->now = get_jiffies_64();
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

static const struct genl_ops apedge_genl_ops[] = {
	{
		.cmd = APEDGE_CMD_INFO_GET,
		.doit = apedge_nl_info_get,
		/* No policy: genetlink rejects any attribute. */
	},
	{
		.cmd = APEDGE_CMD_PORT_ADD,
		.doit = apedge_nl_port_add,
		.policy = apedge_port_policy,
		.maxattr = APEDGE_A_PORT_SOURCE_GUARD,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_PORT_DEL,
		.doit = apedge_nl_port_del,
		.policy = apedge_port_policy,
		.maxattr = APEDGE_A_PORT_IFNAME,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_PORT_GET,
		.doit = apedge_nl_port_get_doit,
		.dumpit = apedge_nl_port_get_dumpit,
		.policy = apedge_port_policy,
		.maxattr = APEDGE_A_PORT_IFNAME,
	},
	{
		.cmd = APEDGE_CMD_XID_SEND,
		.doit = apedge_nl_xid_send,
		.policy = apedge_xid_policy,
		.maxattr = APEDGE_A_XID_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_STATS_GET,
		.doit = apedge_nl_stats_get_doit,
		.dumpit = apedge_nl_stats_get_dumpit,
		.policy = apedge_stats_policy,
		.maxattr = APEDGE_A_STATS_IFNAME,
	},
	{
		.cmd = APEDGE_CMD_POLICY_SET,
		.doit = apedge_nl_policy_set,
		.policy = apedge_port_policy,
		.maxattr = APEDGE_A_PORT_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_STATS_RESET,
		.doit = apedge_nl_stats_reset,
		.policy = apedge_stats_policy,
		.maxattr = APEDGE_A_STATS_IFNAME,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_PORT_SET,
		.doit = apedge_nl_port_set,
		.policy = apedge_port_policy,
		.maxattr = APEDGE_A_PORT_SOURCE_GUARD,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_BINDING_ADD,
		.doit = apedge_nl_binding_add,
		.policy = apedge_binding_policy,
		.maxattr = APEDGE_A_BINDING_LIFETIME,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_BINDING_DEL,
		.doit = apedge_nl_binding_del,
		.policy = apedge_binding_policy,
		.maxattr = APEDGE_A_BINDING_IPV6,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_BINDING_GET,
		.doit = apedge_nl_binding_get_doit,
		.start = apedge_nl_binding_dump_start,
		.dumpit = apedge_nl_binding_get_dumpit,
		.done = apedge_nl_binding_dump_done,
		.policy = apedge_binding_policy,
		.maxattr = APEDGE_A_BINDING_IFNAME,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = APEDGE_CMD_BINDING_CONFIG_GET,
		.doit = apedge_nl_binding_config_get,
	},
	{
		.cmd = APEDGE_CMD_BINDING_CONFIG_SET,
		.doit = apedge_nl_binding_config_set,
		.policy = apedge_binding_config_policy,
		.maxattr = APEDGE_A_BINDING_CONFIG_LIMIT,
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
	struct sk_buff *msg;

	if (!genl_has_listeners(&apedge_genl_family, net,
				APEDGE_MCGRP_EVENTS_ID))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	if (apedge_port_fill(msg, port, 0, 0, 0, cmd)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&apedge_genl_family, net, msg, 0,
				APEDGE_MCGRP_EVENTS_ID, GFP_KERNEL);
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

	if (!genl_has_listeners(&apedge_genl_family, net,
				APEDGE_MCGRP_PUNT_ID))
		return;
	msg = genlmsg_new(nla_total_size(pkt->caplen) + 128, GFP_KERNEL);
	if (!msg)
		goto fail;
	hdr = genlmsg_put(msg, 0, 0, &apedge_genl_family, 0,
			  APEDGE_CMD_PUNT_NTF);
	if (!hdr ||
	    nla_put_u32(msg, APEDGE_A_PUNT_IFINDEX, port->dev->ifindex) ||
	    nla_put_u32(msg, APEDGE_A_PUNT_DIRECTION, pkt->dir) ||
	    nla_put_u32(msg, APEDGE_A_PUNT_CLASS, pkt->pclass) ||
	    nla_put_u32(msg, APEDGE_A_PUNT_VERDICT, pkt->verdict) ||
	    nla_put_u32(msg, APEDGE_A_PUNT_LEN, pkt->len) ||
	    nla_put(msg, APEDGE_A_PUNT_PACKET, pkt->caplen, pkt->data)) {
		nlmsg_free(msg);
		goto fail;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&apedge_genl_family, net, msg, 0,
				APEDGE_MCGRP_PUNT_ID, GFP_KERNEL);
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
