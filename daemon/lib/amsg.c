// SPDX-License-Identifier: GPL-2.0
/*
 * The apedge family's codec; see amsg.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include <linux/apedge.h>

#include "lib/amsg.h"

struct attr {
	bool present;
	const uint8_t *data;	/* the payload */
	size_t len;
};

/* amsg_fail() is shared with wifi/wire.c; here it goes by "fail". */
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

static int get_u64(const struct attr *a, const char *name, uint64_t *v,
		   struct amsg_err *err)
{
	if (a->len != sizeof(*v))
		return fail(err, "attribute %s: length %zu, expected %zu",
			    name, a->len, sizeof(*v));
	memcpy(v, a->data, sizeof(*v));
	return 0;
}

static int get_u8(const struct attr *a, const char *name, uint8_t *v,
		  struct amsg_err *err)
{
	if (a->len != sizeof(*v))
		return fail(err, "attribute %s: length %zu, expected %zu",
			    name, a->len, sizeof(*v));
	*v = a->data[0];
	return 0;
}

/* The optional u32 and u64 attributes: 0 when absent. */
static int opt_u32(const struct attr *a, const char *name, uint32_t *v,
		   struct amsg_err *err)
{
	return a->present ? get_u32(a, name, v, err) : 0;
}

static int opt_u64(const struct attr *a, const char *name, uint64_t *v,
		   struct amsg_err *err)
{
	return a->present ? get_u64(a, name, v, err) : 0;
}

/*
 * Call fn for every attribute of the given type in data[0..len), for the
 * attributes that may repeat (policy entries, counters).
 */
static int each_attr(const uint8_t *data, size_t len, unsigned int want,
		     int (*fn)(const struct attr *a, void *arg,
			       struct amsg_err *err),
		     void *arg, const char *what, struct amsg_err *err)
{
	struct amsg_span rest = { data, len }, val;
	unsigned int type;
	int r;

	while ((r = amsg_next_attr(&rest, &type, &val, what, err)) > 0) {
		struct attr a = { true, val.data, val.len };

		if (type != want)
			continue;
		r = fn(&a, arg, err);
		if (r < 0)
			return r;
	}
	return r;
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

int amsg_genl_cmd(const void *buf, size_t len)
{
	struct genlmsghdr gh;
	struct nlmsghdr nlh;

	if (len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -1;
	amsg_header(buf, &nlh);
	if (nlh.nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN || nlh.nlmsg_len > len)
		return -1;
	memcpy(&gh, (const uint8_t *)buf + NLMSG_HDRLEN, sizeof(gh));
	return gh.cmd;
}

/*
 * The attributes of a message of the family (family_id 0: any type) with
 * the command cmd (-1: any); what names the reply in the error.
 */
static int apedge_payload(const void *buf, size_t len, uint16_t family_id,
			  int cmd, const char *what, const uint8_t **attrs,
			  size_t *attrs_len, struct amsg_err *err)
{
	struct genlmsghdr gh;
	struct nlmsghdr nlh;
	int r;

	r = genl_payload(buf, len, &nlh, &gh, attrs, attrs_len, err);
	if (r < 0)
		return r;
	if (family_id && nlh.nlmsg_type != family_id)
		return fail(err, "not an apedge message (type %u, family %u)",
			    nlh.nlmsg_type, family_id);
	if (cmd >= 0 && gh.cmd != cmd)
		return fail(err, "not a%s %s reply (command %u)",
			    strchr("aeiou", what[0]) ? "n" : "", what, gh.cmd);
	return 0;
}

/* One policy entry of a port: a nest of class and verdict. */
static int policy_one(const struct attr *a, void *arg, struct amsg_err *err)
{
	struct attr tb[APEDGE_A_POLICY_MAX + 1];
	struct amsg_port *port = arg;
	uint32_t class = 0, verdict = 0;
	int r;

	r = parse_attrs(a->data, a->len, tb, APEDGE_A_POLICY_MAX, "policy",
			err);
	if (r < 0)
		return r;
	if (!tb[APEDGE_A_POLICY_CLASS].present ||
	    !tb[APEDGE_A_POLICY_VERDICT].present)
		return fail(err, "policy entry without class or verdict");
	r = get_u32(&tb[APEDGE_A_POLICY_CLASS], "policy class", &class, err);
	if (r < 0)
		return r;
	r = get_u32(&tb[APEDGE_A_POLICY_VERDICT], "policy verdict", &verdict,
		    err);
	if (r < 0)
		return r;
	if (!class || class >= AMSG_CLASS_MAX)
		return fail(err, "policy: class %u out of range", class);
	if (!verdict || verdict > 255)
		return fail(err, "policy: verdict %u out of range", verdict);
	if (!port->policy[class])
		port->n_policy++;
	port->policy[class] = (uint8_t)verdict;
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
	if (tb[APEDGE_A_PORT_PUNT_RATE].present) {
		r = get_u32(&tb[APEDGE_A_PORT_PUNT_RATE], "punt-rate",
			    &port->punt_rate, err);
		if (r < 0)
			return r;
		port->has_punt_rate = true;
	}
	if (tb[APEDGE_A_PORT_SOURCE_GUARD].present) {
		uint8_t on = 0;

		r = get_u8(&tb[APEDGE_A_PORT_SOURCE_GUARD], "source-guard",
			   &on, err);
		if (r < 0)
			return r;
		port->source_guard = on;
		port->has_source_guard = true;
	}
	if (tb[APEDGE_A_PORT_VERIFY_CHADDR].present) {
		uint8_t on = 0;

		r = get_u8(&tb[APEDGE_A_PORT_VERIFY_CHADDR], "verify-chaddr",
			   &on, err);
		if (r < 0)
			return r;
		port->verify_chaddr = on;
		port->has_verify_chaddr = true;
	}
	if (tb[APEDGE_A_PORT_ALLOW_OPAQUE].present) {
		uint8_t on = 0;

		r = get_u8(&tb[APEDGE_A_PORT_ALLOW_OPAQUE], "allow-opaque",
			   &on, err);
		if (r < 0)
			return r;
		port->allow_opaque = on;
		port->has_allow_opaque = true;
	}
	if (tb[APEDGE_A_PORT_L2UPDATE].present) {
		r = get_u32(&tb[APEDGE_A_PORT_L2UPDATE], "l2update",
			    &port->l2update, err);
		if (r < 0)
			return r;
		if (port->l2update > APEDGE_XID_MODE_INJECT)
			return fail(err, "attribute l2update: unknown mode %u",
				    port->l2update);
		port->has_l2update = true;
	}
	if (tb[APEDGE_A_PORT_L2UPDATE_RELAY].present) {
		uint8_t on = 0;

		r = get_u8(&tb[APEDGE_A_PORT_L2UPDATE_RELAY], "l2update-relay",
			   &on, err);
		if (r < 0)
			return r;
		if (on > 1)
			return fail(err, "attribute l2update-relay: %u", on);
		port->l2update_relay = on;
		port->has_l2update_relay = true;
	}
	if (tb[APEDGE_A_PORT_L2UPDATE_VLAN].present) {
		r = get_u16(&tb[APEDGE_A_PORT_L2UPDATE_VLAN], "l2update-vlan",
			    &port->l2update_vlan, err);
		if (r < 0)
			return r;
		if (port->l2update_vlan > 4094)
			return fail(err, "attribute l2update-vlan: %u",
				    port->l2update_vlan);
		port->has_l2update_vlan = true;
	}
	if (tb[APEDGE_A_PORT_L2UPDATE_RELAY_PATH].present) {
		r = get_u8(&tb[APEDGE_A_PORT_L2UPDATE_RELAY_PATH],
			   "l2update-relay-path", &port->l2update_relay_path,
			   err);
		if (r < 0)
			return r;
		if (port->l2update_relay_path < APEDGE_L2RELAY_PATH_CFG80211 ||
		    port->l2update_relay_path > APEDGE_L2RELAY_PATH_MAC80211)
			return fail(err,
				    "attribute l2update-relay-path: unknown path %u",
				    port->l2update_relay_path);
		port->has_l2update_relay_path = true;
	}
	if (tb[APEDGE_A_PORT_AUTH_MODE].present) {
		r = get_u8(&tb[APEDGE_A_PORT_AUTH_MODE], "auth-mode",
			   &port->auth_mode, err);
		if (r < 0)
			return r;
		if (port->auth_mode > APEDGE_AUTH_MODE_MAC)
			return fail(err, "attribute auth-mode: unknown mode %u",
				    port->auth_mode);
		port->has_auth_mode = true;
	}
	if (tb[APEDGE_A_PORT_AUTH_ALLOW].present) {
		r = get_u32(&tb[APEDGE_A_PORT_AUTH_ALLOW], "auth-allow",
			    &port->auth_allow, err);
		if (r < 0)
			return r;
		port->has_auth_allow = true;
	}
	return each_attr(attrs, attrs_len, APEDGE_A_PORT_POLICY, policy_one,
			 port, "port", err);
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

/* The extended ack's TLVs from off to the end: its message, cut to fit. */
static int ext_ack(const uint8_t *p, const struct nlmsghdr *nlh, size_t off,
		   struct amsg_ack *ack, struct amsg_err *err)
{
	struct attr tb[NLMSGERR_ATTR_MSG + 1];
	const struct attr *m = &tb[NLMSGERR_ATTR_MSG];
	size_t n;
	int r;

	if (off > nlh->nlmsg_len)
		return fail(err, "error message: attributes past its end");
	r = parse_attrs(p + off, nlh->nlmsg_len - off, tb, NLMSGERR_ATTR_MSG,
			"extended ack", err);
	if (r < 0 || !m->present)
		return r;
	if (!m->len || !memchr(m->data, '\0', m->len))
		return fail(err, "attribute extack message: string not "
			    "NUL-terminated");
	n = strnlen((const char *)m->data, m->len);
	if (n >= sizeof(ack->ext_msg))
		n = sizeof(ack->ext_msg) - 1;
	memcpy(ack->ext_msg, m->data, n);
	ack->ext_msg[n] = '\0';
	return 0;
}

/* An NLMSG_DONE: an int, 0 or a negative errno, and maybe an extack. */
static int parse_done(const uint8_t *p, const struct nlmsghdr *nlh,
		      struct amsg_ack *ack, struct amsg_err *err)
{
	int32_t error;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(error))
		return fail(err, "dump end too short: length %u, at least "
			    "%zu needed", nlh->nlmsg_len,
			    NLMSG_HDRLEN + sizeof(error));
	memcpy(&error, p + NLMSG_HDRLEN, sizeof(error));
	if (error > 0 || error < -4095)
		return fail(err, "dump end with invalid code %d", error);
	ack->seq = nlh->nlmsg_seq;
	ack->done = true;
	ack->error = error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	return ext_ack(p, nlh, NLMSG_HDRLEN + sizeof(error), ack, err);
}

int amsg_parse_ack(const void *buf, size_t len, struct amsg_ack *ack,
		   struct amsg_err *err)
{
	const uint8_t *p = buf;
	struct nlmsghdr nlh, orig;
	size_t need, tlv_off;
	int32_t error;

	memset(ack, 0, sizeof(*ack));
	if (len < NLMSG_HDRLEN)
		return fail(err, "truncated message: %zu bytes, a netlink "
			    "header needs %d", len, (int)NLMSG_HDRLEN);
	amsg_header(buf, &nlh);
	if (nlh.nlmsg_len > len)
		return fail(err, "truncated message: length %u but only %zu "
			    "bytes", nlh.nlmsg_len, len);
	if (nlh.nlmsg_type == NLMSG_DONE)
		return parse_done(buf, &nlh, ack, err);
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
		tlv_off += NLMSG_ALIGN((size_t)orig.nlmsg_len - NLMSG_HDRLEN);
	}
	return ext_ack(p, &nlh, tlv_off, ack, err);
}

int amsg_parse_info(const void *buf, size_t len, uint16_t family_id,
		    struct amsg_info *info, struct amsg_err *err)
{
	struct attr tb[APEDGE_A_INFO_MAX + 1];
	const uint8_t *attrs;
	size_t attrs_len;
	int r;

	memset(info, 0, sizeof(*info));
	r = apedge_payload(buf, len, family_id, APEDGE_CMD_INFO_GET, "info",
			   &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	r = parse_attrs(attrs, attrs_len, tb, APEDGE_A_INFO_MAX, "info", err);
	if (r < 0)
		return r;
	if (tb[APEDGE_A_INFO_VERSION].present) {
		r = get_string(&tb[APEDGE_A_INFO_VERSION], "version",
			       info->version, sizeof(info->version), err);
		if (r < 0)
			return r;
	}
	return opt_u32(&tb[APEDGE_A_INFO_FEATURES], "features",
		       &info->features, err);
}

int amsg_parse_binding(const void *buf, size_t len, uint16_t family_id,
		       struct amsg_binding *b, struct amsg_err *err)
{
	struct attr tb[APEDGE_A_BINDING_MAX + 1];
	const struct attr *v4, *v6, *mac;
	const uint8_t *attrs;
	size_t attrs_len;
	int r;

	memset(b, 0, sizeof(*b));
	r = apedge_payload(buf, len, family_id, APEDGE_CMD_BINDING_GET,
			   "binding", &attrs, &attrs_len, err);
	if (r < 0)
		return r;
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
	if (tb[APEDGE_A_BINDING_PREFIX_LEN].present) {
		r = get_u8(&tb[APEDGE_A_BINDING_PREFIX_LEN], "prefix-len",
			   &b->plen, err);
		if (r < 0)
			return r;
		if (b->af != AF_INET6 || !b->plen || b->plen > 128)
			return fail(err, "attribute prefix-len: %u", b->plen);
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
	if (tb[APEDGE_A_BINDING_IFNAME].present) {
		r = get_string(&tb[APEDGE_A_BINDING_IFNAME], "ifname",
			       b->ifname, sizeof(b->ifname), err);
		if (r < 0)
			return r;
	}
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
		if (b->origin < APEDGE_BINDING_ORIGIN_SNOOPED ||
		    b->origin > APEDGE_BINDING_ORIGIN_DHCP6_SERVER)
			return fail(err, "attribute origin: unknown origin %u",
				    b->origin);
	}
	r = opt_u32(&tb[APEDGE_A_BINDING_DOMAIN], "domain", &b->domain, err);
	if (r < 0)
		return r;
	b->has_vlan = tb[APEDGE_A_BINDING_VLAN].present;
	if (b->has_vlan) {
		r = get_u16(&tb[APEDGE_A_BINDING_VLAN], "vlan", &b->vlan, err);
		if (r < 0)
			return r;
		if (b->vlan > 4094)
			return fail(err, "attribute vlan: %u", b->vlan);
	}
	return 0;
}

int amsg_parse_binding_moved(const void *buf, size_t len, uint16_t family_id,
			     struct amsg_binding_moved *m,
			     struct amsg_err *err)
{
	struct attr tb[APEDGE_A_BINDING_MAX + 1];
	const struct attr *mac = &tb[APEDGE_A_BINDING_MAC];
	const uint8_t *attrs;
	size_t attrs_len;
	int r;

	memset(m, 0, sizeof(*m));
	r = apedge_payload(buf, len, family_id, APEDGE_CMD_BINDING_MOVED,
			   "binding-moved", &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	r = parse_attrs(attrs, attrs_len, tb, APEDGE_A_BINDING_MAX,
			"binding-moved", err);
	if (r < 0)
		return r;
	if (!mac->present)
		return fail(err, "missing attribute: mac");
	if (mac->len != sizeof(m->mac))
		return fail(err, "attribute mac: length %zu, expected %zu",
			    mac->len, sizeof(m->mac));
	memcpy(m->mac, mac->data, sizeof(m->mac));
	if (!tb[APEDGE_A_BINDING_TO_IFINDEX].present)
		return fail(err, "missing attribute: to-ifindex");
	if (!tb[APEDGE_A_BINDING_DOMAIN].present)
		return fail(err, "missing attribute: domain");
	if (!tb[APEDGE_A_BINDING_MOVED].present)
		return fail(err, "missing attribute: moved");
	if ((r = get_u32(&tb[APEDGE_A_BINDING_TO_IFINDEX], "to-ifindex",
			 &m->to, err)) < 0 ||
	    (r = get_u32(&tb[APEDGE_A_BINDING_DOMAIN], "domain",
			 &m->domain, err)) < 0 ||
	    (r = get_u32(&tb[APEDGE_A_BINDING_MOVED], "moved", &m->moved,
			 err)) < 0 ||
	    (r = opt_u32(&tb[APEDGE_A_BINDING_IFINDEX], "ifindex", &m->from,
			 err)) < 0)
		return r;
	if (!m->to)
		return fail(err, "attribute to-ifindex: 0");
	if (tb[APEDGE_A_BINDING_VLAN].present) {
		r = get_u16(&tb[APEDGE_A_BINDING_VLAN], "vlan", &m->vlan, err);
		if (r < 0)
			return r;
		if (m->vlan > 4094)
			return fail(err, "attribute vlan: %u", m->vlan);
	}
	return 0;
}

int amsg_parse_binding_config(const void *buf, size_t len,
			      uint16_t family_id,
			      struct amsg_binding_config *c,
			      struct amsg_err *err)
{
	struct attr tb[APEDGE_A_BINDING_CONFIG_MAX + 1];
	const uint8_t *attrs;
	size_t attrs_len;
	int r;

	memset(c, 0, sizeof(*c));
	r = apedge_payload(buf, len, family_id, APEDGE_CMD_BINDING_CONFIG_GET,
			   "binding-config", &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	r = parse_attrs(attrs, attrs_len, tb, APEDGE_A_BINDING_CONFIG_MAX,
			"binding-config", err);
	if (r < 0)
		return r;
	if (!tb[APEDGE_A_BINDING_CONFIG_LIMIT].present)
		return fail(err, "missing attribute: limit");
	if ((r = get_u32(&tb[APEDGE_A_BINDING_CONFIG_LIMIT], "limit",
			 &c->limit, err)) < 0 ||
	    (r = opt_u32(&tb[APEDGE_A_BINDING_CONFIG_COUNT], "count",
			 &c->count, err)) < 0 ||
	    (r = opt_u64(&tb[APEDGE_A_BINDING_CONFIG_REFUSED], "refused",
			 &c->refused, err)) < 0 ||
	    (r = opt_u64(&tb[APEDGE_A_BINDING_CONFIG_SNOOP_OVERFLOW],
			 "snoop-overflow", &c->snoop_overflow, err)) < 0 ||
	    (r = opt_u64(&tb[APEDGE_A_BINDING_CONFIG_SNOOPED], "snooped",
			 &c->snooped, err)) < 0 ||
	    (r = opt_u64(&tb[APEDGE_A_BINDING_CONFIG_MOVED], "moved",
			 &c->moved, err)) < 0 ||
	    (r = opt_u64(&tb[APEDGE_A_BINDING_CONFIG_MOVE_CONFLICTS],
			 "move-conflicts", &c->move_conflicts, err)) < 0)
		return r;
	return 0;
}

/* One guard counter of a port: a nest. */
static int counter_one(const struct attr *a, void *arg, struct amsg_err *err)
{
	struct attr tb[APEDGE_A_COUNTER_MAX + 1];
	struct amsg_stats *st = arg;
	struct amsg_counter c = { 0 };
	int r;

	if (st->n_counters == AMSG_COUNTERS_MAX)
		return fail(err, "stats: more than %d counters",
			    AMSG_COUNTERS_MAX);
	r = parse_attrs(a->data, a->len, tb, APEDGE_A_COUNTER_MAX, "counter",
			err);
	if (r < 0)
		return r;
	if (!tb[APEDGE_A_COUNTER_DIRECTION].present ||
	    !tb[APEDGE_A_COUNTER_CLASS].present ||
	    !tb[APEDGE_A_COUNTER_PACKETS].present)
		return fail(err, "counter without direction, class or "
			    "packets");
	if ((r = get_u32(&tb[APEDGE_A_COUNTER_DIRECTION], "direction",
			 &c.direction, err)) < 0 ||
	    (r = get_u32(&tb[APEDGE_A_COUNTER_CLASS], "class", &c.class,
			 err)) < 0 ||
	    (r = opt_u32(&tb[APEDGE_A_COUNTER_VERDICT], "verdict", &c.verdict,
			 err)) < 0 ||
	    (r = opt_u32(&tb[APEDGE_A_COUNTER_REASON], "reason", &c.reason,
			 err)) < 0 ||
	    (r = get_u64(&tb[APEDGE_A_COUNTER_PACKETS], "packets", &c.packets,
			 err)) < 0)
		return r;
	st->counters[st->n_counters++] = c;
	return 0;
}

int amsg_parse_stats(const void *buf, size_t len, uint16_t family_id,
		     struct amsg_stats *st, struct amsg_err *err)
{
	static const struct {
		unsigned int type;
		const char *name;
		size_t off;
	} u64s[] = {
#define C(a, n, f) { APEDGE_A_STATS_##a, n, offsetof(struct amsg_stats, f) }
		C(XID_TRANSMIT, "xid-transmit", xid_transmit),
		C(XID_INJECT, "xid-inject", xid_inject),
		C(XID_ERRORS, "xid-errors", xid_errors),
		C(PUNT_SENT, "punt-sent", punt_sent),
		C(PUNT_RATELIMITED, "punt-ratelimited", punt_ratelimited),
		C(PUNT_OVERFLOW, "punt-overflow", punt_overflow),
		C(SG_DROP_IPV4, "sg-drop-ipv4", sg_ipv4),
		C(SG_DROP_IPV6, "sg-drop-ipv6", sg_ipv6),
		C(SG_DROP_ARP, "sg-drop-arp", sg_arp),
		C(SG_DROP_ND, "sg-drop-nd", sg_nd),
		C(SG_DROP_LL, "sg-drop-ll", sg_ll),
		C(SG_DROP_LLA, "sg-drop-lla", sg_lla),
		C(SNOOP_PORTS, "snoop-ports", snoop_ports),
		C(SNOOP_UNTRUSTED, "snoop-untrusted", snoop_untrusted),
		C(SNOOP_NO_REQUEST, "snoop-no-request", snoop_no_request),
		C(SNOOP_CHADDR, "snoop-chaddr", snoop_chaddr),
		C(SNOOP_UNBOUND, "snoop-unbound", snoop_unbound),
		C(SNOOP_OVERFLOW, "snoop-overflow", snoop_overflow),
		C(DHCP_CHADDR_DROP, "dhcp-chaddr-drop", dhcp_chaddr_drop),
		C(L2UPDATE_RELAYED, "l2update-relayed", l2update_relayed),
		C(L2UPDATE_REFUSED, "l2update-refused", l2update_refused),
		C(L2UPDATE_OVERFLOW, "l2update-overflow", l2update_overflow),
#undef C
	};
	struct attr tb[APEDGE_A_STATS_MAX + 1];
	const uint8_t *attrs;
	size_t attrs_len, i;
	int r;

	memset(st, 0, sizeof(*st));
	r = apedge_payload(buf, len, family_id, APEDGE_CMD_STATS_GET, "stats",
			   &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	r = parse_attrs(attrs, attrs_len, tb, APEDGE_A_STATS_MAX, "stats", err);
	if (r < 0)
		return r;
	if (!tb[APEDGE_A_STATS_IFINDEX].present)
		return fail(err, "missing attribute: ifindex");
	r = get_u32(&tb[APEDGE_A_STATS_IFINDEX], "ifindex", &st->ifindex, err);
	if (r < 0)
		return r;
	if (tb[APEDGE_A_STATS_IFNAME].present) {
		r = get_string(&tb[APEDGE_A_STATS_IFNAME], "ifname",
			       st->ifname, sizeof(st->ifname), err);
		if (r < 0)
			return r;
	}
	for (i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++) {
		r = opt_u64(&tb[u64s[i].type], u64s[i].name,
			    (uint64_t *)((char *)st + u64s[i].off), err);
		if (r < 0)
			return r;
	}
	return each_attr(attrs, attrs_len, APEDGE_A_STATS_COUNTER,
			 counter_one, st, "stats", err);
}

int amsg_parse_punt(const void *buf, size_t len, uint16_t family_id,
		    struct amsg_punt *punt, struct amsg_err *err)
{
	struct attr tb[APEDGE_A_PUNT_MAX + 1];
	const struct attr *pkt = &tb[APEDGE_A_PUNT_PACKET];
	const uint8_t *attrs;
	size_t attrs_len;
	int r;

	memset(punt, 0, sizeof(*punt));
	r = apedge_payload(buf, len, family_id, APEDGE_CMD_PUNT_NTF, "punt",
			   &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	r = parse_attrs(attrs, attrs_len, tb, APEDGE_A_PUNT_MAX, "punt", err);
	if (r < 0)
		return r;
	if (!tb[APEDGE_A_PUNT_IFINDEX].present || !pkt->present)
		return fail(err, "missing attribute: ifindex or packet");
	if ((r = get_u32(&tb[APEDGE_A_PUNT_IFINDEX], "ifindex",
			 &punt->ifindex, err)) < 0 ||
	    (r = opt_u32(&tb[APEDGE_A_PUNT_DIRECTION], "direction",
			 &punt->direction, err)) < 0 ||
	    (r = opt_u32(&tb[APEDGE_A_PUNT_CLASS], "class", &punt->class,
			 err)) < 0 ||
	    (r = opt_u32(&tb[APEDGE_A_PUNT_VERDICT], "verdict",
			 &punt->verdict, err)) < 0 ||
	    (r = opt_u32(&tb[APEDGE_A_PUNT_LEN], "len", &punt->len, err)) < 0)
		return r;
	if (pkt->len > sizeof(punt->packet))
		return fail(err, "attribute packet: %zu bytes, at most %zu",
			    pkt->len, sizeof(punt->packet));
	punt->caplen = (uint32_t)pkt->len;
	memcpy(punt->packet, pkt->data, pkt->len);
	if (tb[APEDGE_A_PUNT_SRC_MAC].present !=
	    tb[APEDGE_A_PUNT_DST_MAC].present)
		return fail(err, "attributes src-mac and dst-mac: one alone");
	if (!tb[APEDGE_A_PUNT_SRC_MAC].present)
		return 0;
	if (tb[APEDGE_A_PUNT_SRC_MAC].len != sizeof(punt->src_mac) ||
	    tb[APEDGE_A_PUNT_DST_MAC].len != sizeof(punt->dst_mac))
		return fail(err, "attribute src-mac or dst-mac: not 6 bytes");
	memcpy(punt->src_mac, tb[APEDGE_A_PUNT_SRC_MAC].data, 6);
	memcpy(punt->dst_mac, tb[APEDGE_A_PUNT_DST_MAC].data, 6);
	punt->has_mac = true;
	return 0;
}

int amsg_parse_sta_auth(const void *buf, size_t len, uint16_t family_id,
			struct amsg_sta_auth *ev, struct amsg_err *err)
{
	static const uint8_t zero[6];
	struct attr tb[APEDGE_A_XID_MAX + 1];
	const struct attr *sta = &tb[APEDGE_A_XID_STA];
	const uint8_t *attrs;
	size_t attrs_len;
	int r;

	memset(ev, 0, sizeof(*ev));
	r = apedge_payload(buf, len, family_id, APEDGE_CMD_STA_AUTHORIZED_NTF,
			   "sta-authorized", &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	r = parse_attrs(attrs, attrs_len, tb, APEDGE_A_XID_MAX,
			"sta-authorized", err);
	if (r < 0)
		return r;
	if (!tb[APEDGE_A_XID_IFINDEX].present || !sta->present)
		return fail(err, "missing attribute: ifindex or sta");
	r = get_u32(&tb[APEDGE_A_XID_IFINDEX], "ifindex", &ev->ifindex, err);
	if (r < 0)
		return r;
	if (!ev->ifindex)
		return fail(err, "attribute ifindex: invalid value 0");
	if (tb[APEDGE_A_XID_IFNAME].present) {
		r = get_string(&tb[APEDGE_A_XID_IFNAME], "ifname", ev->ifname,
			       sizeof(ev->ifname), err);
		if (r < 0)
			return r;
	}
	if (sta->len != sizeof(ev->sta))
		return fail(err, "attribute sta: length %zu, expected %zu",
			    sta->len, sizeof(ev->sta));
	memcpy(ev->sta, sta->data, sizeof(ev->sta));
	if ((ev->sta[0] & 1) || !memcmp(ev->sta, zero, sizeof(zero)))
		return fail(err, "attribute sta: not a station's address");
	if (tb[APEDGE_A_XID_VLAN].present) {
		r = get_u16(&tb[APEDGE_A_XID_VLAN], "vlan", &ev->vlan, err);
		if (r < 0)
			return r;
		if (!ev->vlan || ev->vlan > 4094)
			return fail(err, "attribute vlan: %u", ev->vlan);
	}
	return 0;
}

int amsg_parse_auth(const void *buf, size_t len, uint16_t family_id,
		    struct amsg_auth *a, struct amsg_err *err)
{
#define C(attr, name, field) \
	{ APEDGE_A_AUTH_##attr, name, offsetof(struct amsg_auth, field) }
	static const struct {
		unsigned int type;
		const char *name;
		size_t off;
	} u64s[] = {
		C(RX_DROPPED, "rx-dropped", rx_dropped),
		C(TX_DROPPED, "tx-dropped", tx_dropped),
		C(RX_EAPOL, "rx-eapol", rx_eapol),
		C(TX_EAPOL, "tx-eapol", tx_eapol),
		C(RX_ALLOWED, "rx-allowed", rx_allowed),
		C(TX_ALLOWED, "tx-allowed", tx_allowed),
		C(UNAUTH_SEEN, "unauth-seen", unauth_seen),
		C(RX_PASSED, "rx-passed", rx_passed),
		C(TX_PASSED, "tx-passed", tx_passed),
	};
#undef C
	static const uint8_t zero[6];
	struct attr tb[APEDGE_A_AUTH_MAX + 1];
	const struct attr *mac = &tb[APEDGE_A_AUTH_MAC];
	const uint8_t *attrs;
	struct genlmsghdr gh;
	struct nlmsghdr nlh;
	size_t attrs_len, i;
	int r;

	memset(a, 0, sizeof(*a));
	r = genl_payload(buf, len, &nlh, &gh, &attrs, &attrs_len, err);
	if (r < 0)
		return r;
	if (family_id && nlh.nlmsg_type != family_id)
		return fail(err, "not an apedge message (type %u, family %u)",
			    nlh.nlmsg_type, family_id);
	if (gh.cmd != APEDGE_CMD_AUTH_GET &&
	    gh.cmd != APEDGE_CMD_AUTH_UNAUTH_SEEN &&
	    gh.cmd != APEDGE_CMD_AUTH_CHANGED)
		return fail(err, "not an auth message (command %u)", gh.cmd);
	a->cmd = gh.cmd;
	r = parse_attrs(attrs, attrs_len, tb, APEDGE_A_AUTH_MAX, "auth", err);
	if (r < 0)
		return r;
	if (!tb[APEDGE_A_AUTH_IFINDEX].present)
		return fail(err, "missing attribute: ifindex");
	r = get_u32(&tb[APEDGE_A_AUTH_IFINDEX], "ifindex", &a->ifindex, err);
	if (r < 0)
		return r;
	if (!a->ifindex)
		return fail(err, "attribute ifindex: invalid value 0");
	if (tb[APEDGE_A_AUTH_IFNAME].present) {
		r = get_string(&tb[APEDGE_A_AUTH_IFNAME], "ifname", a->ifname,
			       sizeof(a->ifname), err);
		if (r < 0)
			return r;
	}
	if (mac->present) {
		if (mac->len != sizeof(a->mac))
			return fail(err, "attribute mac: length %zu, expected %zu",
				    mac->len, sizeof(a->mac));
		memcpy(a->mac, mac->data, sizeof(a->mac));
		if ((a->mac[0] & 1) || !memcmp(a->mac, zero, sizeof(zero)))
			return fail(err, "attribute mac: not a station's address");
		a->has_mac = true;
	}
	if (tb[APEDGE_A_AUTH_AUTHORIZED].present) {
		r = get_u8(&tb[APEDGE_A_AUTH_AUTHORIZED], "authorized",
			   &a->authorized, err);
		if (r < 0)
			return r;
		if (a->authorized > 1)
			return fail(err, "attribute authorized: %u",
				    a->authorized);
		a->has_authorized = true;
	}
	if (tb[APEDGE_A_AUTH_MODE].present) {
		r = get_u8(&tb[APEDGE_A_AUTH_MODE], "mode", &a->mode, err);
		if (r < 0)
			return r;
		if (a->mode > APEDGE_AUTH_MODE_MAC)
			return fail(err, "attribute mode: unknown mode %u",
				    a->mode);
		a->has_mode = true;
	}
	if ((r = opt_u32(&tb[APEDGE_A_AUTH_ALLOW], "allow", &a->allow,
			 err)) < 0 ||
	    (r = opt_u32(&tb[APEDGE_A_AUTH_ENTRIES], "entries", &a->entries,
			 err)) < 0)
		return r;
	for (i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++) {
		r = opt_u64(&tb[u64s[i].type], u64s[i].name,
			    (uint64_t *)((char *)a + u64s[i].off), err);
		if (r < 0)
			return r;
	}
	if (a->cmd == APEDGE_CMD_AUTH_UNAUTH_SEEN && !a->has_mac)
		return fail(err, "missing attribute: mac");
	if (a->cmd == APEDGE_CMD_AUTH_CHANGED && !a->has_authorized)
		return fail(err, "missing attribute: authorized");
	return 0;
}

enum amsg_event_kind amsg_event_kind(const void *buf, size_t len,
				     uint16_t family_id)
{
	struct amsg_family fam;
	struct amsg_err err;
	struct nlmsghdr nlh;

	if (len < NLMSG_HDRLEN)
		return AMSG_EV_OTHER;
	amsg_header(buf, &nlh);
	if (nlh.nlmsg_type == family_id)
		return AMSG_EV_FAMILY;
	if (nlh.nlmsg_type != GENL_ID_CTRL ||
	    amsg_genl_cmd(buf, len) != CTRL_CMD_DELFAMILY ||
	    amsg_parse_family(buf, len, &fam, &err) < 0 ||
	    fam.id != family_id)
		return AMSG_EV_OTHER;
	return AMSG_EV_GONE;
}

/* ---- builders ----------------------------------------------------------- */

void amsg_out_begin(struct amsg_out *o, void *buf, size_t size,
		    uint16_t type, uint16_t flags, uint8_t cmd,
		    uint8_t version)
{
	struct nlmsghdr nlh = {
		.nlmsg_type = type,
		.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags),
	};
	struct genlmsghdr gh = { .cmd = cmd, .version = version };

	memset(o, 0, sizeof(*o));
	o->buf = buf;
	o->size = size;
	if (size < NLMSG_HDRLEN + GENL_HDRLEN) {
		o->full = true;
		return;
	}
	memset(buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	memcpy(o->buf, &nlh, sizeof(nlh));
	memcpy(o->buf + NLMSG_HDRLEN, &gh, sizeof(gh));
	o->len = NLMSG_HDRLEN + GENL_HDRLEN;
}

/* Room for n more bytes; else the request is marked as not fitting. */
static bool room(struct amsg_out *o, size_t n)
{
	if (o->full || n > o->size - o->len) {
		o->full = true;
		return false;
	}
	return true;
}

void amsg_out_put(struct amsg_out *o, uint16_t type, const void *data,
		  size_t len)
{
	struct nlattr nla;
	size_t pad = NLA_ALIGN(len) - len;

	if (len > 0xffff - NLA_HDRLEN) {
		o->full = true;
		return;
	}
	if (!room(o, NLA_HDRLEN + len + pad))
		return;
	nla.nla_len = (uint16_t)(NLA_HDRLEN + len);
	nla.nla_type = type;
	memcpy(o->buf + o->len, &nla, sizeof(nla));
	if (len)
		memcpy(o->buf + o->len + NLA_HDRLEN, data, len);
	memset(o->buf + o->len + NLA_HDRLEN + len, 0, pad);
	o->len += NLA_HDRLEN + len + pad;
}

void amsg_out_u8(struct amsg_out *o, uint16_t type, uint8_t v)
{
	amsg_out_put(o, type, &v, sizeof(v));
}

void amsg_out_u16(struct amsg_out *o, uint16_t type, uint16_t v)
{
	amsg_out_put(o, type, &v, sizeof(v));
}

void amsg_out_u32(struct amsg_out *o, uint16_t type, uint32_t v)
{
	amsg_out_put(o, type, &v, sizeof(v));
}

void amsg_out_u64(struct amsg_out *o, uint16_t type, uint64_t v)
{
	amsg_out_put(o, type, &v, sizeof(v));
}

void amsg_out_str(struct amsg_out *o, uint16_t type, const char *s)
{
	amsg_out_put(o, type, s, strlen(s) + 1);
}

void amsg_out_nest_begin(struct amsg_out *o, uint16_t type)
{
	struct nlattr nla = { .nla_type = type | NLA_F_NESTED };

	if (o->depth == AMSG_NEST_MAX) {
		o->full = true;
		return;
	}
	if (!room(o, NLA_HDRLEN))
		return;
	o->nest[o->depth++] = o->len;
	memcpy(o->buf + o->len, &nla, sizeof(nla));
	o->len += NLA_HDRLEN;
}

void amsg_out_nest_end(struct amsg_out *o)
{
	struct nlattr nla;
	size_t at;

	if (o->full || !o->depth) {
		o->full = true;
		return;
	}
	at = o->nest[--o->depth];
	if (o->len - at > 0xffff) {
		o->full = true;
		return;
	}
	memcpy(&nla, o->buf + at, sizeof(nla));
	nla.nla_len = (uint16_t)(o->len - at);
	memcpy(o->buf + at, &nla, sizeof(nla));
}

size_t amsg_out_end(struct amsg_out *o)
{
	uint32_t len = (uint32_t)o->len;

	if (o->full || o->depth)
		return 0;
	memcpy(o->buf, &len, sizeof(len));
	return o->len;
}

void amsg_put_port(struct amsg_out *o, const struct amsg_port *port)
{
	unsigned int c;

	if (port->ifindex)
		amsg_out_u32(o, APEDGE_A_PORT_IFINDEX, port->ifindex);
	if (port->ifname[0])
		amsg_out_str(o, APEDGE_A_PORT_IFNAME, port->ifname);
	if (port->role)
		amsg_out_u32(o, APEDGE_A_PORT_ROLE, port->role);
	for (c = 1; c < AMSG_CLASS_MAX; c++) {
		if (!port->policy[c])
			continue;
		amsg_out_nest_begin(o, APEDGE_A_PORT_POLICY);
		amsg_out_u32(o, APEDGE_A_POLICY_CLASS, c);
		amsg_out_u32(o, APEDGE_A_POLICY_VERDICT, port->policy[c]);
		amsg_out_nest_end(o);
	}
	if (port->has_punt_rate)
		amsg_out_u32(o, APEDGE_A_PORT_PUNT_RATE, port->punt_rate);
	if (port->has_source_guard)
		amsg_out_u8(o, APEDGE_A_PORT_SOURCE_GUARD, port->source_guard);
	if (port->has_verify_chaddr)
		amsg_out_u8(o, APEDGE_A_PORT_VERIFY_CHADDR, port->verify_chaddr);
	if (port->has_allow_opaque)
		amsg_out_u8(o, APEDGE_A_PORT_ALLOW_OPAQUE, port->allow_opaque);
	if (port->has_l2update)
		amsg_out_u32(o, APEDGE_A_PORT_L2UPDATE, port->l2update);
	if (port->has_l2update_relay)
		amsg_out_u8(o, APEDGE_A_PORT_L2UPDATE_RELAY,
			    port->l2update_relay);
	if (port->has_l2update_vlan)
		amsg_out_u16(o, APEDGE_A_PORT_L2UPDATE_VLAN,
			     port->l2update_vlan);
	if (port->has_auth_mode)
		amsg_out_u8(o, APEDGE_A_PORT_AUTH_MODE, port->auth_mode);
	if (port->has_auth_allow)
		amsg_out_u32(o, APEDGE_A_PORT_AUTH_ALLOW, port->auth_allow);
}

void amsg_put_binding(struct amsg_out *o, const struct amsg_binding *b)
{
	static const uint8_t zero[6];

	if (b->af == AF_INET)
		amsg_out_put(o, APEDGE_A_BINDING_IPV4, b->addr, 4);
	else if (b->af == AF_INET6)
		amsg_out_put(o, APEDGE_A_BINDING_IPV6, b->addr, 16);
	if (b->af == AF_INET6 && b->plen)
		amsg_out_u8(o, APEDGE_A_BINDING_PREFIX_LEN, b->plen);
	if (memcmp(b->mac, zero, sizeof(zero)))
		amsg_out_put(o, APEDGE_A_BINDING_MAC, b->mac, sizeof(b->mac));
	if (b->ifindex)
		amsg_out_u32(o, APEDGE_A_BINDING_IFINDEX, b->ifindex);
	if (b->ifname[0])
		amsg_out_str(o, APEDGE_A_BINDING_IFNAME, b->ifname);
	if (!b->permanent)
		amsg_out_u32(o, APEDGE_A_BINDING_LIFETIME, b->lifetime);
	if (b->origin)
		amsg_out_u32(o, APEDGE_A_BINDING_ORIGIN, b->origin);
	if (b->domain)
		amsg_out_u32(o, APEDGE_A_BINDING_DOMAIN, b->domain);
	if (b->has_vlan)
		amsg_out_u16(o, APEDGE_A_BINDING_VLAN, b->vlan);
}

void amsg_put_xid(struct amsg_out *o, const struct amsg_xid *x)
{
	if (x->ifindex)
		amsg_out_u32(o, APEDGE_A_XID_IFINDEX, x->ifindex);
	if (x->ifname[0])
		amsg_out_str(o, APEDGE_A_XID_IFNAME, x->ifname);
	amsg_out_put(o, APEDGE_A_XID_STA, x->sta, sizeof(x->sta));
	if (x->mode)
		amsg_out_u32(o, APEDGE_A_XID_MODE, x->mode);
	if (x->vlan)
		amsg_out_u16(o, APEDGE_A_XID_VLAN, x->vlan);
	if (x->count)
		amsg_out_u32(o, APEDGE_A_XID_COUNT, x->count);
	if (x->has_interval)
		amsg_out_u32(o, APEDGE_A_XID_INTERVAL, x->interval);
	if (x->has_rw)
		amsg_out_u8(o, APEDGE_A_XID_RW, x->rw);
}

void amsg_put_stats_dev(struct amsg_out *o, uint32_t ifindex,
			const char *ifname)
{
	if (ifindex)
		amsg_out_u32(o, APEDGE_A_STATS_IFINDEX, ifindex);
	if (ifname && ifname[0])
		amsg_out_str(o, APEDGE_A_STATS_IFNAME, ifname);
}

size_t amsg_build_family_get(void *buf, size_t size, uint16_t flags,
			     const char *name)
{
	struct amsg_out o;

	amsg_out_begin(&o, buf, size, GENL_ID_CTRL,
		       (uint16_t)(flags | (name ? 0 : NLM_F_DUMP)),
		       CTRL_CMD_GETFAMILY, 1);
	if (name)
		amsg_out_str(&o, CTRL_ATTR_FAMILY_NAME, name);
	return amsg_out_end(&o);
}

size_t amsg_build_empty(void *buf, size_t size, uint16_t family_id,
			uint16_t flags, uint8_t cmd)
{
	struct amsg_out o;

	amsg_out_begin(&o, buf, size, family_id, flags, cmd,
		       APEDGE_FAMILY_VERSION);
	return amsg_out_end(&o);
}

size_t amsg_build_port(void *buf, size_t size, uint16_t family_id,
		       uint16_t flags, uint8_t cmd,
		       const struct amsg_port *port)
{
	struct amsg_out o;

	amsg_out_begin(&o, buf, size, family_id, flags, cmd,
		       APEDGE_FAMILY_VERSION);
	amsg_put_port(&o, port);
	return amsg_out_end(&o);
}

size_t amsg_build_binding(void *buf, size_t size, uint16_t family_id,
			  uint16_t flags, uint8_t cmd,
			  const struct amsg_binding *b)
{
	struct amsg_out o;

	amsg_out_begin(&o, buf, size, family_id, flags, cmd,
		       APEDGE_FAMILY_VERSION);
	amsg_put_binding(&o, b);
	return amsg_out_end(&o);
}

size_t amsg_build_xid_send(void *buf, size_t size, uint16_t family_id,
			   uint16_t flags, const struct amsg_xid *x)
{
	struct amsg_out o;

	amsg_out_begin(&o, buf, size, family_id, flags, APEDGE_CMD_XID_SEND,
		       APEDGE_FAMILY_VERSION);
	amsg_put_xid(&o, x);
	return amsg_out_end(&o);
}

size_t amsg_build_auth_set(void *buf, size_t size, uint16_t family_id,
			   uint16_t flags, uint32_t ifindex,
			   const char *ifname, const uint8_t *mac,
			   bool authorized)
{
	struct amsg_out o;

	amsg_out_begin(&o, buf, size, family_id, flags, APEDGE_CMD_AUTH_SET,
		       APEDGE_FAMILY_VERSION);
	if (ifindex)
		amsg_out_u32(&o, APEDGE_A_AUTH_IFINDEX, ifindex);
	if (ifname && ifname[0])
		amsg_out_str(&o, APEDGE_A_AUTH_IFNAME, ifname);
	if (mac)
		amsg_out_put(&o, APEDGE_A_AUTH_MAC, mac, 6);
	amsg_out_u8(&o, APEDGE_A_AUTH_AUTHORIZED, authorized);
	return amsg_out_end(&o);
}

size_t amsg_build_auth_get(void *buf, size_t size, uint16_t family_id,
			   uint16_t flags, uint32_t ifindex,
			   const char *ifname)
{
	struct amsg_out o;

	amsg_out_begin(&o, buf, size, family_id,
		       (uint16_t)(flags | NLM_F_DUMP), APEDGE_CMD_AUTH_GET,
		       APEDGE_FAMILY_VERSION);
	if (ifindex)
		amsg_out_u32(&o, APEDGE_A_AUTH_IFINDEX, ifindex);
	if (ifname && ifname[0])
		amsg_out_str(&o, APEDGE_A_AUTH_IFNAME, ifname);
	return amsg_out_end(&o);
}
