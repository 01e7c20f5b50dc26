// SPDX-License-Identifier: GPL-2.0
/*
 * Reply parsers; see reply.h.
 */
#include <errno.h>
#include <sys/socket.h>
#include <stdio.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/apedge.h>

#include "apedgectl/reply.h"

bool actl_nlmsg_ok(const struct nlmsghdr *nlh, int len)
{
	/* libmnl reads attributes up to the aligned end: it must be there. */
	return len >= (int)NLMSG_HDRLEN && nlh->nlmsg_len >= NLMSG_HDRLEN &&
	       nlh->nlmsg_len <= (unsigned int)len &&
	       NLMSG_ALIGN(nlh->nlmsg_len) <= (unsigned int)len;
}

int actl_genl_cmd(const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -1;
	g = mnl_nlmsg_get_payload(nlh);
	return g->cmd;
}

/* Collect the attributes of a genetlink message up to max, by type. */
struct attrs {
	const struct nlattr *tb[32];
	unsigned int max;
};

static int collect(const struct nlattr *a, void *data)
{
	struct attrs *at = data;
	unsigned int type = mnl_attr_get_type(a);

	/* Unknown (newer) attributes are skipped, not errors. */
	if (type <= at->max)
		at->tb[type] = a;
	return MNL_CB_OK;
}

static int parse(const struct nlmsghdr *nlh, struct attrs *at,
		 unsigned int max)
{
	memset(at, 0, sizeof(*at));
	at->max = max;
	if (actl_genl_cmd(nlh) < 0)
		return -1;
	if (mnl_attr_parse(nlh, GENL_HDRLEN, collect, at) != MNL_CB_OK)
		return -1;
	return 0;
}

static int get_u32(const struct nlattr *a, uint32_t *v)
{
	if (!a)
		return 0;
	if (mnl_attr_get_payload_len(a) != sizeof(uint32_t))
		return -1;
	*v = mnl_attr_get_u32(a);
	return 0;
}

static int get_u64(const struct nlattr *a, uint64_t *v)
{
	if (!a)
		return 0;
	if (mnl_attr_get_payload_len(a) != sizeof(uint64_t))
		return -1;
	*v = mnl_attr_get_u64(a);
	return 0;
}

/* A NUL-terminated string that fits in buf. */
static int get_str(const struct nlattr *a, char *buf, size_t len)
{
	const char *s;
	size_t n;

	if (!a)
		return 0;
	n = mnl_attr_get_payload_len(a);
	s = mnl_attr_get_payload(a);
	if (!n || s[n - 1] != '\0' || strlen(s) >= len)
		return -1;
	strcpy(buf, s);
	return 0;
}

int actl_parse_info(const struct nlmsghdr *nlh, struct actl_info *info)
{
	struct attrs at;

	memset(info, 0, sizeof(*info));
	if (parse(nlh, &at, APEDGE_A_INFO_MAX) ||
	    !at.tb[APEDGE_A_INFO_VERSION] ||
	    get_str(at.tb[APEDGE_A_INFO_VERSION], info->version,
		    sizeof(info->version)) ||
	    get_u32(at.tb[APEDGE_A_INFO_FEATURES], &info->features))
		return -1;
	return 0;
}

/* The attributes of one nest, by type up to max. */
static int parse_nest(const struct nlattr *nest, struct attrs *at,
		      unsigned int max)
{
	memset(at, 0, sizeof(*at));
	at->max = max;
	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0 ||
	    mnl_attr_parse_nested(nest, collect, at) != MNL_CB_OK)
		return -1;
	return 0;
}

struct multi {
	uint16_t type;
	int (*one)(const struct nlattr *nest, void *out);
	void *out;
	int bad;
};

static int multi_one(const struct nlattr *a, void *data)
{
	struct multi *m = data;

	if (mnl_attr_get_type(a) == m->type && m->one(a, m->out))
		m->bad = 1;
	return MNL_CB_OK;
}

/* Call one() for every top-level attribute of the given type. */
static int parse_multi(const struct nlmsghdr *nlh, uint16_t type,
		       int (*one)(const struct nlattr *, void *), void *out)
{
	struct multi m = { type, one, out, 0 };

	if (mnl_attr_parse(nlh, GENL_HDRLEN, multi_one, &m) != MNL_CB_OK)
		return -1;
	return m.bad ? -1 : 0;
}

static int policy_one(const struct nlattr *nest, void *out)
{
	struct actl_port *port = out;
	uint32_t class = 0, verdict = 0;
	struct attrs at;

	if (parse_nest(nest, &at, APEDGE_A_POLICY_MAX) ||
	    get_u32(at.tb[APEDGE_A_POLICY_CLASS], &class) ||
	    get_u32(at.tb[APEDGE_A_POLICY_VERDICT], &verdict) ||
	    !class || class >= ACTL_CLASS_MAX || !verdict || verdict > 255)
		return -1;
	if (!port->policy[class])
		port->npolicy++;
	port->policy[class] = verdict;
	return 0;
}

int actl_parse_port(const struct nlmsghdr *nlh, struct actl_port *port)
{
	struct attrs at;

	memset(port, 0, sizeof(*port));
	if (parse(nlh, &at, APEDGE_A_PORT_MAX) ||
	    !at.tb[APEDGE_A_PORT_IFINDEX] ||
	    get_u32(at.tb[APEDGE_A_PORT_IFINDEX], &port->ifindex) ||
	    get_str(at.tb[APEDGE_A_PORT_IFNAME], port->ifname,
		    sizeof(port->ifname)) ||
	    get_u32(at.tb[APEDGE_A_PORT_ROLE], &port->role) ||
	    get_u32(at.tb[APEDGE_A_PORT_PUNT_RATE], &port->punt_rate) ||
	    parse_multi(nlh, APEDGE_A_PORT_POLICY, policy_one, port))
		return -1;
	port->has_punt_rate = at.tb[APEDGE_A_PORT_PUNT_RATE] != NULL;
	if (at.tb[APEDGE_A_PORT_SOURCE_GUARD]) {
		if (mnl_attr_get_payload_len(at.tb[APEDGE_A_PORT_SOURCE_GUARD]) != 1)
			return -1;
		port->source_guard = mnl_attr_get_u8(at.tb[APEDGE_A_PORT_SOURCE_GUARD]);
		port->has_source_guard = true;
	}
	return 0;
}

static int counter_one(const struct nlattr *nest, void *out)
{
	struct actl_stats *st = out;
	struct actl_counter c = { 0 };
	struct attrs at;

	if (st->ncounters == ACTL_COUNTERS_MAX)
		return -1;
	if (parse_nest(nest, &at, APEDGE_A_COUNTER_MAX) ||
	    !at.tb[APEDGE_A_COUNTER_DIRECTION] ||
	    !at.tb[APEDGE_A_COUNTER_CLASS] ||
	    !at.tb[APEDGE_A_COUNTER_PACKETS] ||
	    get_u32(at.tb[APEDGE_A_COUNTER_DIRECTION], &c.direction) ||
	    get_u32(at.tb[APEDGE_A_COUNTER_CLASS], &c.class) ||
	    get_u32(at.tb[APEDGE_A_COUNTER_VERDICT], &c.verdict) ||
	    get_u32(at.tb[APEDGE_A_COUNTER_REASON], &c.reason) ||
	    get_u64(at.tb[APEDGE_A_COUNTER_PACKETS], &c.packets))
		return -1;
	st->counters[st->ncounters++] = c;
	return 0;
}

int actl_parse_stats(const struct nlmsghdr *nlh, struct actl_stats *st)
{
	struct attrs at;

	memset(st, 0, sizeof(*st));
	if (parse(nlh, &at, APEDGE_A_STATS_MAX) ||
	    !at.tb[APEDGE_A_STATS_IFINDEX] ||
	    get_u32(at.tb[APEDGE_A_STATS_IFINDEX], &st->ifindex) ||
	    get_str(at.tb[APEDGE_A_STATS_IFNAME], st->ifname,
		    sizeof(st->ifname)) ||
	    get_u64(at.tb[APEDGE_A_STATS_XID_TRANSMIT], &st->xid_transmit) ||
	    get_u64(at.tb[APEDGE_A_STATS_XID_INJECT], &st->xid_inject) ||
	    get_u64(at.tb[APEDGE_A_STATS_XID_ERRORS], &st->xid_errors) ||
	    get_u64(at.tb[APEDGE_A_STATS_PUNT_SENT], &st->punt_sent) ||
	    get_u64(at.tb[APEDGE_A_STATS_PUNT_RATELIMITED],
		    &st->punt_ratelimited) ||
	    get_u64(at.tb[APEDGE_A_STATS_PUNT_OVERFLOW], &st->punt_overflow) ||
	    get_u64(at.tb[APEDGE_A_STATS_SG_DROP_IPV4], &st->sg_ipv4) ||
	    get_u64(at.tb[APEDGE_A_STATS_SG_DROP_IPV6], &st->sg_ipv6) ||
	    get_u64(at.tb[APEDGE_A_STATS_SG_DROP_ARP], &st->sg_arp) ||
	    get_u64(at.tb[APEDGE_A_STATS_SG_DROP_ND], &st->sg_nd) ||
	    parse_multi(nlh, APEDGE_A_STATS_COUNTER, counter_one, st))
		return -1;
	return 0;
}

int actl_parse_punt(const struct nlmsghdr *nlh, struct actl_punt *punt)
{
	const struct nlattr *pkt;
	struct attrs at;

	memset(punt, 0, sizeof(*punt));
	if (parse(nlh, &at, APEDGE_A_PUNT_MAX) ||
	    !at.tb[APEDGE_A_PUNT_IFINDEX] || !at.tb[APEDGE_A_PUNT_PACKET] ||
	    get_u32(at.tb[APEDGE_A_PUNT_IFINDEX], &punt->ifindex) ||
	    get_u32(at.tb[APEDGE_A_PUNT_DIRECTION], &punt->direction) ||
	    get_u32(at.tb[APEDGE_A_PUNT_CLASS], &punt->class) ||
	    get_u32(at.tb[APEDGE_A_PUNT_VERDICT], &punt->verdict) ||
	    get_u32(at.tb[APEDGE_A_PUNT_LEN], &punt->len))
		return -1;
	pkt = at.tb[APEDGE_A_PUNT_PACKET];
	punt->caplen = mnl_attr_get_payload_len(pkt);
	if (punt->caplen > ACTL_PUNT_SNAPLEN)
		return -1;
	memcpy(punt->packet, mnl_attr_get_payload(pkt), punt->caplen);
	return 0;
}

struct grp_find {
	const char *name;
	uint32_t id;
	int bad;
};

static int grp_one(const struct nlattr *grp, void *data)
{
	struct grp_find *f = data;
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { 0 };
	const struct nlattr *a;
	char name[GENL_NAMSIZ];

	if (mnl_attr_validate(grp, MNL_TYPE_NESTED) < 0) {
		f->bad = 1;
		return MNL_CB_OK;
	}
	mnl_attr_for_each_nested(a, grp) {
		if (mnl_attr_get_type(a) <= CTRL_ATTR_MCAST_GRP_MAX)
			tb[mnl_attr_get_type(a)] = a;
	}
	if (!tb[CTRL_ATTR_MCAST_GRP_NAME] || !tb[CTRL_ATTR_MCAST_GRP_ID] ||
	    get_str(tb[CTRL_ATTR_MCAST_GRP_NAME], name, sizeof(name))) {
		f->bad = 1;
		return MNL_CB_OK;
	}
	if (!strcmp(name, f->name) &&
	    get_u32(tb[CTRL_ATTR_MCAST_GRP_ID], &f->id))
		f->bad = 1;
	return MNL_CB_OK;
}

int actl_parse_family(const struct nlmsghdr *nlh, const char *group,
		      uint16_t *id, uint32_t *grp_id)
{
	struct attrs at;
	struct grp_find f = { group, 0, 0 };
	const struct nlattr *a, *g;

	if (parse(nlh, &at, CTRL_ATTR_MCAST_GROUPS) ||
	    !at.tb[CTRL_ATTR_FAMILY_ID] ||
	    mnl_attr_get_payload_len(at.tb[CTRL_ATTR_FAMILY_ID]) != 2)
		return -1;
	*id = mnl_attr_get_u16(at.tb[CTRL_ATTR_FAMILY_ID]);
	*grp_id = 0;
	a = at.tb[CTRL_ATTR_MCAST_GROUPS];
	if (a && group) {
		if (mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
			return -1;
		/* mnl_attr_for_each_nested stops at a short or bad attribute. */
		mnl_attr_for_each_nested(g, a)
			grp_one(g, &f);
		if (f.bad)
			return -1;
		*grp_id = f.id;
	}
	return 0;
}

enum actl_event_kind actl_event_kind(const struct nlmsghdr *nlh,
				     uint16_t family)
{
	uint16_t id;
	uint32_t grp;

	if (nlh->nlmsg_type == family)
		return ACTL_EV_FAMILY;
	if (nlh->nlmsg_type != GENL_ID_CTRL ||
	    actl_genl_cmd(nlh) != CTRL_CMD_DELFAMILY ||
	    actl_parse_family(nlh, NULL, &id, &grp) || id != family)
		return ACTL_EV_OTHER;
	return ACTL_EV_GONE;
}

struct ext {
	char *msg;
	size_t len;
};

static int ext_one(const struct nlattr *a, void *data)
{
	struct ext *e = data;
	const char *s;
	size_t n;

	if (mnl_attr_get_type(a) != NLMSGERR_ATTR_MSG)
		return MNL_CB_OK;
	n = mnl_attr_get_payload_len(a);
	s = mnl_attr_get_payload(a);
	if (!n || s[n - 1] != '\0')
		return MNL_CB_ERROR;
	snprintf(e->msg, e->len, "%s", s);
	return MNL_CB_OK;
}

int actl_parse_error(const struct nlmsghdr *nlh, int *err, char *msg,
		     size_t msglen)
{
	const struct nlmsgerr *e;
	struct ext x = { msg, msglen };
	unsigned int off;

	if (msglen)
		msg[0] = '\0';
	if (nlh->nlmsg_type == NLMSG_DONE) {
		/* A dump's end: an int, 0 or a negative errno. */
		if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(int))
			return -1;
		memcpy(err, mnl_nlmsg_get_payload(nlh), sizeof(int));
		off = sizeof(int);
	} else {
		if (nlh->nlmsg_type != NLMSG_ERROR ||
		    nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e))
			return -1;
		e = mnl_nlmsg_get_payload(nlh);
		*err = e->error;
		off = sizeof(*e);
		/* Without NLM_F_CAPPED the whole request is echoed first. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && e->error) {
			if (e->msg.nlmsg_len < NLMSG_HDRLEN ||
			    e->msg.nlmsg_len > nlh->nlmsg_len)
				return -1;
			off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
		}
	}
	if (*err > 0 || *err < -4095)
		return -1;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	if (NLMSG_HDRLEN + off > nlh->nlmsg_len)
		return -1;
	if (mnl_attr_parse(nlh, off, ext_one, &x) != MNL_CB_OK)
		return -1;
	return 0;
}

/* A binary attribute of exactly len bytes. */
static int get_bin(const struct nlattr *a, void *buf, size_t len)
{
	if (!a)
		return 0;
	if (mnl_attr_get_payload_len(a) != len)
		return -1;
	memcpy(buf, mnl_attr_get_payload(a), len);
	return 0;
}

int actl_parse_binding(const struct nlmsghdr *nlh, struct actl_binding *b)
{
	const struct nlattr *v4, *v6;
	struct attrs at;

	memset(b, 0, sizeof(*b));
	if (parse(nlh, &at, APEDGE_A_BINDING_MAX))
		return -1;
	v4 = at.tb[APEDGE_A_BINDING_IPV4];
	v6 = at.tb[APEDGE_A_BINDING_IPV6];
	/* Exactly one address, a MAC and a port. */
	if (!v4 == !v6 || !at.tb[APEDGE_A_BINDING_MAC] ||
	    !at.tb[APEDGE_A_BINDING_IFINDEX])
		return -1;
	b->family = v4 ? AF_INET : AF_INET6;
	if (get_bin(v4, b->addr, 4) || get_bin(v6, b->addr, 16) ||
	    get_bin(at.tb[APEDGE_A_BINDING_MAC], b->mac, sizeof(b->mac)) ||
	    get_u32(at.tb[APEDGE_A_BINDING_IFINDEX], &b->ifindex) ||
	    get_u32(at.tb[APEDGE_A_BINDING_LIFETIME], &b->lifetime) ||
	    get_u32(at.tb[APEDGE_A_BINDING_ORIGIN], &b->origin))
		return -1;
	b->has_lifetime = at.tb[APEDGE_A_BINDING_LIFETIME] != NULL;
	return 0;
}

int actl_parse_binding_config(const struct nlmsghdr *nlh,
			      struct actl_binding_config *c)
{
	struct attrs at;

	memset(c, 0, sizeof(*c));
	if (parse(nlh, &at, APEDGE_A_BINDING_CONFIG_MAX) ||
	    !at.tb[APEDGE_A_BINDING_CONFIG_LIMIT] ||
	    get_u32(at.tb[APEDGE_A_BINDING_CONFIG_LIMIT], &c->limit) ||
	    get_u32(at.tb[APEDGE_A_BINDING_CONFIG_COUNT], &c->count) ||
	    get_u64(at.tb[APEDGE_A_BINDING_CONFIG_REFUSED], &c->refused) ||
	    get_u64(at.tb[APEDGE_A_BINDING_CONFIG_SNOOP_OVERFLOW],
		    &c->snoop_overflow) ||
	    get_u64(at.tb[APEDGE_A_BINDING_CONFIG_SNOOPED], &c->snooped))
		return -1;
	return 0;
}
