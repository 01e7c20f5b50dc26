// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing and building of generic netlink messages.  See msg.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <sys/socket.h>
#include <stdio.h>
#include <string.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <linux/apedge.h>

#include "lib/amsg.h"

/* Attribute types, by family, we look at; larger types are skipped. */
#define ATTRS_MAX 16

struct attr {
	bool present;
	const uint8_t *data;	/* the payload */
	size_t len;
};

/* amsg_fail() is shared with nl80211_msg.c; here it goes by "fail". */
#define fail amsg_fail

int amsg_fail(struct amsg_err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EBADMSG;
}

void amsg_header(const void *buf, struct nlmsghdr *nlh)
{
	memcpy(nlh, buf, sizeof(*nlh));
}

int amsg_next(const uint8_t **pos, size_t *left, const uint8_t **msg,
	      size_t *msg_len, struct amsg_err *err)
{
	struct nlmsghdr nlh;
	size_t step;

	if (!*left)
		return 0;
	if (*left < NLMSG_HDRLEN)
		return fail(err, "truncated message: %zu bytes left, a netlink "
			    "header needs %d", *left, (int)NLMSG_HDRLEN);
	amsg_header(*pos, &nlh);
	if (nlh.nlmsg_len < NLMSG_HDRLEN)
		return fail(err, "bad message length %u (less than the "
			    "header)", nlh.nlmsg_len);
	if (nlh.nlmsg_len > *left)
		return fail(err, "truncated message: length %u but %zu bytes "
			    "left", nlh.nlmsg_len, *left);
	*msg = *pos;
	*msg_len = nlh.nlmsg_len;
	step = NLMSG_ALIGN(nlh.nlmsg_len);
	if (step > *left)
		step = *left;
	*pos += step;
	*left -= step;
	return 1;
}

int amsg_next_attr(struct amsg_span *rest, unsigned int *type,
		   struct amsg_span *val, const char *what,
		   struct amsg_err *err)
{
	struct nlattr nla;
	size_t step;

	if (!rest->len)
		return 0;
	if (rest->len < NLA_HDRLEN)
		return fail(err, "%s: truncated attribute header (%zu bytes)",
			    what, rest->len);
	memcpy(&nla, rest->data, sizeof(nla));
	if (nla.nla_len < NLA_HDRLEN)
		return fail(err, "%s: bad attribute length %u", what,
			    nla.nla_len);
	if (nla.nla_len > rest->len)
		return fail(err, "%s: attribute %u length %u exceeds the %zu "
			    "bytes left", what, nla.nla_type & NLA_TYPE_MASK,
			    nla.nla_len, rest->len);
	*type = nla.nla_type & NLA_TYPE_MASK;
	val->data = rest->data + NLA_HDRLEN;
	val->len = nla.nla_len - NLA_HDRLEN;
	step = NLA_ALIGN(nla.nla_len);
	if (step > rest->len)
		step = rest->len;
	rest->data += step;
	rest->len -= step;
	return 1;
}

/*
 * Index the attributes in data[0..len) by type into tb[0..maxtype].
 * Unknown (larger) types are skipped; a later duplicate wins.
 */
static int parse_attrs(const uint8_t *data, size_t len, struct attr *tb,
		       unsigned int maxtype, const char *what,
		       struct amsg_err *err)
{
	struct amsg_span rest = { data, len }, val;
	unsigned int type;
	int r;

	memset(tb, 0, (maxtype + 1) * sizeof(*tb));
	while ((r = amsg_next_attr(&rest, &type, &val, what, err)) > 0) {
		if (type > maxtype)
			continue;
		tb[type].present = true;
		tb[type].data = val.data;
		tb[type].len = val.len;
	}
	return r;
}

int amsg_get_u32(const struct amsg_span *a, const char *name, uint32_t *v,
		 struct amsg_err *err)
{
	if (a->len != sizeof(*v))
		return fail(err, "attribute %s: length %zu, expected %zu",
			    name, a->len, sizeof(*v));
	memcpy(v, a->data, sizeof(*v));
	return 0;
}

static int get_u32(const struct attr *a, const char *name, uint32_t *v,
		   struct amsg_err *err)
{
	const struct amsg_span span = { a->data, a->len };

	return amsg_get_u32(&span, name, v, err);
}

static int get_u16(const struct attr *a, const char *name, uint16_t *v,
		   struct amsg_err *err)
{
	if (a->len != sizeof(*v))
		return fail(err, "attribute %s: length %zu, expected %zu",
			    name, a->len, sizeof(*v));
	memcpy(v, a->data, sizeof(*v));
	return 0;
}

/* A NUL-terminated string of at most size - 1 characters. */
static int get_string(const struct attr *a, const char *name, char *dst,
		      size_t size, struct amsg_err *err)
{
	const uint8_t *nul = memchr(a->data, '\0', a->len);
	size_t n;

	if (!a->len || !nul)
		return fail(err, "attribute %s: string not NUL-terminated",
			    name);
	n = (size_t)(nul - a->data);
	if (n >= size)
		return fail(err, "attribute %s: string of %zu characters, at "
			    "most %zu allowed", name, n, size - 1);
	memcpy(dst, a->data, n);
	dst[n] = '\0';
	return 0;
}

/* Check the netlink and genl headers; the attributes follow them. */
static int genl_payload(const void *buf, size_t len, struct nlmsghdr *nlh,
			struct genlmsghdr *gh, const uint8_t **attrs,
			size_t *attrs_len, struct amsg_err *err)
{
	if (len < NLMSG_HDRLEN)
		return fail(err, "truncated message: %zu bytes, a netlink "
			    "header needs %d", len, (int)NLMSG_HDRLEN);
	amsg_header(buf, nlh);
	if (nlh->nlmsg_len > len)
		return fail(err, "truncated message: length %u but only %zu "
			    "bytes", nlh->nlmsg_len, len);
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return fail(err, "bad message length %u (a generic netlink "
			    "message needs %d)", nlh->nlmsg_len,
			    (int)(NLMSG_HDRLEN + GENL_HDRLEN));
	memcpy(gh, (const uint8_t *)buf + NLMSG_HDRLEN, sizeof(*gh));
	*attrs = (const uint8_t *)buf + NLMSG_HDRLEN + GENL_HDRLEN;
	*attrs_len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	return 0;
}

int amsg_parse_port(const void *buf, size_t len, uint16_t family_id,
		    struct amsg_port *port, struct amsg_err *err)
{
	struct attr tb[APEDGE_A_PORT_MAX + 1];
	const uint8_t *attrs;
	struct genlmsghdr gh;
	struct nlmsghdr nlh;
	size_t attrs_len;
	int r;

	memset(port, 0, sizeof(*port));
	r = genl_payload(buf, len, &nlh, &gh, &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	if (family_id && nlh.nlmsg_type != family_id)
		return fail(err, "not an apedge message (type %u, family %u)",
			    nlh.nlmsg_type, family_id);
	port->cmd = gh.cmd;
	r = parse_attrs(attrs, attrs_len, tb, APEDGE_A_PORT_MAX, "port", err);
	if (r < 0)
		return r;

	if (tb[APEDGE_A_PORT_IFINDEX].present) {
		r = get_u32(&tb[APEDGE_A_PORT_IFINDEX], "ifindex",
			    &port->ifindex, err);
		if (r < 0)
			return r;
		if (!port->ifindex)
			return fail(err, "attribute ifindex: invalid value 0");
	}
	if (tb[APEDGE_A_PORT_IFNAME].present) {
		r = get_string(&tb[APEDGE_A_PORT_IFNAME], "ifname",
			       port->ifname, sizeof(port->ifname), err);
		if (r < 0)
			return r;
		if (!port->ifname[0])
			return fail(err, "attribute ifname: empty");
	}
	if (!port->ifindex && !port->ifname[0])
		return fail(err, "missing attribute: neither ifindex nor "
			    "ifname");
	if (tb[APEDGE_A_PORT_ROLE].present) {
		r = get_u32(&tb[APEDGE_A_PORT_ROLE], "role", &port->role, err);
		if (r < 0)
			return r;
		if (port->role != APEDGE_PORT_ROLE_TRUSTED &&
		    port->role != APEDGE_PORT_ROLE_UNTRUSTED)
			return fail(err, "attribute role: unknown role %u",
				    port->role);
	}
	return 0;
}

int amsg_parse_port_event(const void *buf, size_t len, uint16_t family_id,
			  struct amsg_port *ev, struct amsg_err *err)
{
	int r = amsg_parse_port(buf, len, family_id, ev, err);

	if (r < 0)
		return r;
	if (ev->cmd != APEDGE_CMD_PORT_ADD_NTF &&
	    ev->cmd != APEDGE_CMD_PORT_DEL_NTF)
		return fail(err, "not a port event (command %u)", ev->cmd);
	return 0;
}

static int parse_group(const struct attr *a, struct amsg_group *g,
		       struct amsg_err *err)
{
	struct attr tb[CTRL_ATTR_MCAST_GRP_MAX + 1];
	int r;

	r = parse_attrs(a->data, a->len, tb, CTRL_ATTR_MCAST_GRP_MAX,
			"multicast group", err);
	if (r < 0)
		return r;
	if (!tb[CTRL_ATTR_MCAST_GRP_NAME].present ||
	    !tb[CTRL_ATTR_MCAST_GRP_ID].present)
		return fail(err, "multicast group without name or id");
	r = get_string(&tb[CTRL_ATTR_MCAST_GRP_NAME], "group name", g->name,
		       sizeof(g->name), err);
	if (r < 0)
		return r;
	return get_u32(&tb[CTRL_ATTR_MCAST_GRP_ID], "group id", &g->id, err);
}

static int parse_groups(const struct attr *a, struct amsg_family *fam,
			struct amsg_err *err)
{
	const uint8_t *data = a->data;
	size_t len = a->len;

	/* An array: nested entries, each of any type. */
	while (len) {
		struct attr entry = { .present = true };
		struct amsg_group g;
		struct nlattr nla;
		size_t step;
		int r;

		if (len < NLA_HDRLEN)
			return fail(err, "multicast groups: truncated entry");
		memcpy(&nla, data, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || nla.nla_len > len)
			return fail(err, "multicast groups: bad entry length "
				    "%u", nla.nla_len);
		entry.data = data + NLA_HDRLEN;
		entry.len = nla.nla_len - NLA_HDRLEN;
		r = parse_group(&entry, &g, err);
		if (r < 0)
			return r;
		if (fam->n_groups < AMSG_GROUPS_MAX)
			fam->groups[fam->n_groups++] = g;
		step = NLA_ALIGN(nla.nla_len);
		if (step > len)
			step = len;
		data += step;
		len -= step;
	}
	return 0;
}

int amsg_parse_family(const void *buf, size_t len, struct amsg_family *fam,
		      struct amsg_err *err)
{
	struct attr tb[CTRL_ATTR_MCAST_GROUPS + 1];
	const uint8_t *attrs;
	struct genlmsghdr gh;
	struct nlmsghdr nlh;
	size_t attrs_len;
	int r;

	memset(fam, 0, sizeof(*fam));
	r = genl_payload(buf, len, &nlh, &gh, &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	if (nlh.nlmsg_type != GENL_ID_CTRL)
		return fail(err, "not a genl controller message (type %u)",
			    nlh.nlmsg_type);
	fam->cmd = gh.cmd;
	r = parse_attrs(attrs, attrs_len, tb, CTRL_ATTR_MCAST_GROUPS,
			"family", err);
	if (r < 0)
		return r;
	if (!tb[CTRL_ATTR_FAMILY_NAME].present)
		return fail(err, "missing attribute: family name");
	if (!tb[CTRL_ATTR_FAMILY_ID].present)
		return fail(err, "missing attribute: family id");
	r = get_string(&tb[CTRL_ATTR_FAMILY_NAME], "family name", fam->name,
		       sizeof(fam->name), err);
	if (r < 0)
		return r;
	r = get_u16(&tb[CTRL_ATTR_FAMILY_ID], "family id", &fam->id, err);
	if (r < 0)
		return r;
	if (fam->id < GENL_MIN_ID)
		return fail(err, "attribute family id: invalid id %u", fam->id);
	if (tb[CTRL_ATTR_VERSION].present) {
		r = get_u32(&tb[CTRL_ATTR_VERSION], "version", &fam->version,
			    err);
		if (r < 0)
			return r;
	}
	if (tb[CTRL_ATTR_MCAST_GROUPS].present)
		return parse_groups(&tb[CTRL_ATTR_MCAST_GROUPS], fam, err);
	return 0;
}

uint32_t amsg_family_group(const struct amsg_family *fam, const char *name)
{
	size_t i;

	for (i = 0; i < fam->n_groups; i++)
		if (!strcmp(fam->groups[i].name, name))
			return fam->groups[i].id;
	return 0;
}

int amsg_parse_ack(const void *buf, size_t len, struct amsg_ack *ack,
		   struct amsg_err *err)
{
	struct attr tb[NLMSGERR_ATTR_MSG + 1];
	const uint8_t *p = buf;
	struct nlmsghdr nlh, orig;
	size_t need, tlv_off;
	int32_t error;
	int r;

	memset(ack, 0, sizeof(*ack));
	if (len < NLMSG_HDRLEN)
		return fail(err, "truncated message: %zu bytes, a netlink "
			    "header needs %d", len, (int)NLMSG_HDRLEN);
	amsg_header(buf, &nlh);
	if (nlh.nlmsg_len > len)
		return fail(err, "truncated message: length %u but only %zu "
			    "bytes", nlh.nlmsg_len, len);
	if (nlh.nlmsg_type != NLMSG_ERROR)
		return fail(err, "not an error message (type %u)",
			    nlh.nlmsg_type);
	need = NLMSG_HDRLEN + sizeof(struct nlmsgerr);
	if (nlh.nlmsg_len < need)
		return fail(err, "error message too short: length %u, at least "
			    "%zu needed", nlh.nlmsg_len, need);
	memcpy(&error, p + NLMSG_HDRLEN, sizeof(error));
	memcpy(&orig, p + NLMSG_HDRLEN + sizeof(error), sizeof(orig));
	if (error > 0 || error < -4095)
		return fail(err, "error message with invalid code %d", error);
	ack->seq = nlh.nlmsg_seq;
	ack->error = error;

	if (!(nlh.nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	/* Extended ack: TLVs after the request, or its header if capped. */
	tlv_off = need;
	if (!(nlh.nlmsg_flags & NLM_F_CAPPED)) {
		if (orig.nlmsg_len < NLMSG_HDRLEN)
			return fail(err, "error message: bad request length %u",
				    orig.nlmsg_len);
		tlv_off += NLMSG_ALIGN(orig.nlmsg_len - NLMSG_HDRLEN);
	}
	if (tlv_off > nlh.nlmsg_len)
		return fail(err, "error message: attributes past its end");
	r = parse_attrs(p + tlv_off, nlh.nlmsg_len - tlv_off, tb,
			NLMSGERR_ATTR_MSG, "extended ack", err);
	if (r < 0)
		return r;
	if (tb[NLMSGERR_ATTR_MSG].present) {
		r = get_string(&tb[NLMSGERR_ATTR_MSG], "extack message",
			       ack->ext_msg, sizeof(ack->ext_msg), err);
		if (r < 0)
			return r;
	}
	return 0;
}

int amsg_parse_info(const void *buf, size_t len, uint16_t family_id,
		    struct amsg_info *info, struct amsg_err *err)
{
	struct attr tb[APEDGE_A_INFO_MAX + 1];
	const uint8_t *attrs;
	struct genlmsghdr gh;
	struct nlmsghdr nlh;
	size_t attrs_len;
	int r;

	memset(info, 0, sizeof(*info));
	r = genl_payload(buf, len, &nlh, &gh, &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	if (family_id && nlh.nlmsg_type != family_id)
		return fail(err, "not an apedge message (type %u, family %u)",
			    nlh.nlmsg_type, family_id);
	if (gh.cmd != APEDGE_CMD_INFO_GET)
		return fail(err, "not an info reply (command %u)", gh.cmd);
	r = parse_attrs(attrs, attrs_len, tb, APEDGE_A_INFO_MAX, "info", err);
	if (r < 0)
		return r;
	if (tb[APEDGE_A_INFO_VERSION].present) {
		r = get_string(&tb[APEDGE_A_INFO_VERSION], "version",
			       info->version, sizeof(info->version), err);
		if (r < 0)
			return r;
	}
	if (tb[APEDGE_A_INFO_FEATURES].present)
		return get_u32(&tb[APEDGE_A_INFO_FEATURES], "features",
			       &info->features, err);
	return 0;
}

int amsg_parse_binding(const void *buf, size_t len, uint16_t family_id,
		       struct amsg_binding *b, struct amsg_err *err)
{
	struct attr tb[APEDGE_A_BINDING_MAX + 1];
	const struct attr *v4, *v6, *mac;
	const uint8_t *attrs;
	struct genlmsghdr gh;
	struct nlmsghdr nlh;
	size_t attrs_len;
	int r;

	memset(b, 0, sizeof(*b));
	r = genl_payload(buf, len, &nlh, &gh, &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	if (family_id && nlh.nlmsg_type != family_id)
		return fail(err, "not an apedge message (type %u, family %u)",
			    nlh.nlmsg_type, family_id);
	if (gh.cmd != APEDGE_CMD_BINDING_GET)
		return fail(err, "not a binding reply (command %u)", gh.cmd);
	r = parse_attrs(attrs, attrs_len, tb, APEDGE_A_BINDING_MAX, "binding",
			err);
	if (r < 0)
		return r;
	v4 = &tb[APEDGE_A_BINDING_IPV4];
	v6 = &tb[APEDGE_A_BINDING_IPV6];
	if (v4->present == v6->present)
		return fail(err, "binding: %s", v4->present ?
			    "both ipv4 and ipv6" : "no address");
	if (v4->present) {
		if (v4->len != 4)
			return fail(err, "attribute ipv4: length %zu, expected "
				    "4", v4->len);
		b->af = AF_INET;
		memcpy(b->addr, v4->data, 4);
	} else {
		if (v6->len != 16)
			return fail(err, "attribute ipv6: length %zu, expected "
				    "16", v6->len);
		b->af = AF_INET6;
		memcpy(b->addr, v6->data, 16);
	}
	mac = &tb[APEDGE_A_BINDING_MAC];
	if (!mac->present)
		return fail(err, "missing attribute: mac");
	if (mac->len != sizeof(b->mac))
		return fail(err, "attribute mac: length %zu, expected %zu",
			    mac->len, sizeof(b->mac));
	memcpy(b->mac, mac->data, sizeof(b->mac));
	if (!tb[APEDGE_A_BINDING_IFINDEX].present)
		return fail(err, "missing attribute: ifindex");
	r = get_u32(&tb[APEDGE_A_BINDING_IFINDEX], "ifindex", &b->ifindex,
		    err);
	if (r < 0)
		return r;
	if (!b->ifindex)
		return fail(err, "attribute ifindex: 0");
	b->permanent = !tb[APEDGE_A_BINDING_LIFETIME].present;
	if (!b->permanent) {
		r = get_u32(&tb[APEDGE_A_BINDING_LIFETIME], "lifetime",
			    &b->lifetime, err);
		if (r < 0)
			return r;
	}
	if (tb[APEDGE_A_BINDING_ORIGIN].present) {
		r = get_u32(&tb[APEDGE_A_BINDING_ORIGIN], "origin", &b->origin,
			    err);
		if (r < 0)
			return r;
		if (b->origin != APEDGE_BINDING_ORIGIN_SNOOPED &&
		    b->origin != APEDGE_BINDING_ORIGIN_STATIC)
			return fail(err, "attribute origin: unknown origin %u",
				    b->origin);
	}
	return 0;
}

static struct nl_msg *build(uint16_t type, int flags, uint8_t cmd,
			    uint8_t version)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, type, 0, flags, cmd,
			 version)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *amsg_build_family_dump(void)
{
	return build(GENL_ID_CTRL, NLM_F_DUMP, CTRL_CMD_GETFAMILY, 1);
}

struct nl_msg *amsg_build_port_add(uint16_t family_id, const char *ifname,
				   uint32_t role)
{
	struct nl_msg *msg = build(family_id, NLM_F_ACK, APEDGE_CMD_PORT_ADD,
				   APEDGE_FAMILY_VERSION);

	if (!msg)
		return NULL;
	if (nla_put_string(msg, APEDGE_A_PORT_IFNAME, ifname) < 0 ||
	    nla_put_u32(msg, APEDGE_A_PORT_ROLE, role) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *amsg_build_port_del(uint16_t family_id, const char *ifname)
{
	struct nl_msg *msg = build(family_id, NLM_F_ACK, APEDGE_CMD_PORT_DEL,
				   APEDGE_FAMILY_VERSION);

	if (!msg)
		return NULL;
	if (nla_put_string(msg, APEDGE_A_PORT_IFNAME, ifname) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *amsg_build_info_get(uint16_t family_id)
{
	return build(family_id, 0, APEDGE_CMD_INFO_GET, APEDGE_FAMILY_VERSION);
}

struct nl_msg *amsg_build_xid_send(uint16_t family_id, const char *ifname,
				   const uint8_t sta[6], uint32_t mode,
				   uint16_t vlan, uint32_t count,
				   uint32_t interval_ms)
{
	struct nl_msg *msg = build(family_id, NLM_F_ACK, APEDGE_CMD_XID_SEND,
				   APEDGE_FAMILY_VERSION);

	if (!msg)
		return NULL;
	if (nla_put_string(msg, APEDGE_A_XID_IFNAME, ifname) < 0 ||
	    nla_put(msg, APEDGE_A_XID_STA, 6, sta) < 0 ||
	    (mode && nla_put_u32(msg, APEDGE_A_XID_MODE, mode) < 0) ||
	    (vlan && nla_put_u16(msg, APEDGE_A_XID_VLAN, vlan) < 0) ||
	    (count > 1 && nla_put_u32(msg, APEDGE_A_XID_COUNT, count) < 0) ||
	    (count > 1 && interval_ms &&
	     nla_put_u32(msg, APEDGE_A_XID_INTERVAL, interval_ms) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *amsg_build_binding_add(uint16_t family_id, int af,
				      const uint8_t *addr,
				      const uint8_t mac[6],
				      const char *ifname, uint32_t lifetime)
{
	struct nl_msg *msg;
	int r;

	if (af != AF_INET && af != AF_INET6)
		return NULL;
	msg = build(family_id, NLM_F_ACK, APEDGE_CMD_BINDING_ADD,
		    APEDGE_FAMILY_VERSION);
	if (!msg)
		return NULL;
	if (af == AF_INET)
		r = nla_put(msg, APEDGE_A_BINDING_IPV4, 4, addr);
	else
		r = nla_put(msg, APEDGE_A_BINDING_IPV6, 16, addr);
	if (r < 0 || nla_put(msg, APEDGE_A_BINDING_MAC, 6, mac) < 0 ||
	    nla_put_string(msg, APEDGE_A_BINDING_IFNAME, ifname) < 0 ||
	    (lifetime &&
	     nla_put_u32(msg, APEDGE_A_BINDING_LIFETIME, lifetime) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *amsg_build_binding_dump(uint16_t family_id)
{
	return build(family_id, NLM_F_DUMP, APEDGE_CMD_BINDING_GET,
		     APEDGE_FAMILY_VERSION);
}
