// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink link and address messages, bytes to structs (see netif_wire.h).
 *
 * Attributes are walked by hand over libmnl's bounds check (mnl_attr_ok),
 * so that an attribute that runs past its message, or bytes left over
 * after the last one, refuse the message instead of being skipped.  Nests
 * (IFLA_LINKINFO, then IFLA_INFO_DATA of a VLAN) are two fixed levels,
 * walked by name, never recursively.
 */
#include "lib/netif_wire.h"

#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

static const char *const err_names[NETIF_WIRE_ERR_MAX] = {
	[NETIF_WIRE_OK] = "ok",
	[NETIF_WIRE_IGNORED] = "ignored",
	[NETIF_WIRE_TRUNCATED] = "truncated",
	[NETIF_WIRE_BAD_ATTR] = "bad-attribute",
	[NETIF_WIRE_BAD_LEN] = "bad-length",
	[NETIF_WIRE_BAD_NAME] = "bad-name",
	[NETIF_WIRE_NO_INDEX] = "no-index",
	[NETIF_WIRE_NO_NAME] = "no-name",
	[NETIF_WIRE_NO_ADDRESS] = "no-address",
	[NETIF_WIRE_BAD_PREFIX] = "bad-prefix",
};

const char *netif_wire_err_name(enum netif_wire_err err)
{
	return (unsigned int)err < NETIF_WIRE_ERR_MAX ? err_names[err] :
							  "unknown";
}

typedef enum netif_wire_err (*attr_fn)(const struct nlattr *a, void *data);

/*
 * Call fn for each attribute of the len bytes at start.  Every attribute
 * must lie inside them, and what follows the last one may only be its
 * padding.
 */
static enum netif_wire_err walk(const void *start, size_t len, attr_fn fn,
				void *data)
{
	const struct nlattr *a = start;
	enum netif_wire_err err;

	if (len > INT32_MAX)
		return NETIF_WIRE_BAD_ATTR;
	while (len > 0) {
		size_t step;

		if (len < sizeof(*a) || !mnl_attr_ok(a, (int)len))
			return NETIF_WIRE_BAD_ATTR;
		err = fn(a, data);
		if (err != NETIF_WIRE_OK)
			return err;
		step = MNL_ALIGN(a->nla_len);
		if (step >= len)
			break;
		len -= step;
		a = (const struct nlattr *)((const uint8_t *)a + step);
	}
	return NETIF_WIRE_OK;
}

static bool u32_attr(const struct nlattr *a, uint32_t *v)
{
	if (mnl_attr_get_payload_len(a) != sizeof(*v))
		return false;
	memcpy(v, mnl_attr_get_payload(a), sizeof(*v));
	return true;
}

/*
 * A NUL-terminated string attribute into dst (size bytes with its NUL).
 * false when it has no NUL or is longer.
 */
static bool str_attr(const struct nlattr *a, char *dst, size_t size)
{
	const char *s = mnl_attr_get_payload(a);
	size_t n = mnl_attr_get_payload_len(a);
	const char *nul = memchr(s, '\0', n);

	if (!nul || (size_t)(nul - s) >= size)
		return false;
	memcpy(dst, s, (size_t)(nul - s) + 1);
	return true;
}

/* Check the netlink header and find the payload of one message. */
static enum netif_wire_err header(const void *buf, size_t len,
				  uint16_t new_type, uint16_t del_type,
				  size_t fixed, const struct nlmsghdr **out)
{
	const struct nlmsghdr *nlh = buf;

	if (len < sizeof(*nlh) || nlh->nlmsg_len > len)
		return NETIF_WIRE_TRUNCATED;
	if (nlh->nlmsg_type != new_type && nlh->nlmsg_type != del_type)
		return NETIF_WIRE_IGNORED;
	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + MNL_ALIGN(fixed))
		return NETIF_WIRE_TRUNCATED;
	*out = nlh;
	return NETIF_WIRE_OK;
}

/* ---- links ---------------------------------------------------------------- */

struct link_ctx {
	struct netif_wire_link *m;
	const struct nlattr *info_data;
};

static enum netif_wire_err vlan_attr(const struct nlattr *a, void *data)
{
	struct netif_wire_link *m = data;

	if (mnl_attr_get_type(a) != IFLA_VLAN_ID)
		return NETIF_WIRE_OK;
	if (mnl_attr_get_payload_len(a) != sizeof(uint16_t))
		return NETIF_WIRE_BAD_LEN;
	memcpy(&m->vlan_id, mnl_attr_get_payload(a), sizeof(m->vlan_id));
	m->has_vlan_id = true;
	return NETIF_WIRE_OK;
}

static enum netif_wire_err linkinfo_attr(const struct nlattr *a, void *data)
{
	struct link_ctx *c = data;

	switch (mnl_attr_get_type(a)) {
	case IFLA_INFO_KIND:
		/* An unknown kind too long to keep is left out, not refused. */
		if (!str_attr(a, c->m->kind, sizeof(c->m->kind)))
			c->m->kind[0] = '\0';
		break;
	case IFLA_INFO_DATA:
		c->info_data = a;
		break;
	}
	return NETIF_WIRE_OK;
}

static enum netif_wire_err link_attr(const struct nlattr *a, void *data)
{
	struct link_ctx *c = data;
	struct netif_wire_link *m = c->m;
	size_t n = mnl_attr_get_payload_len(a);
	uint32_t v;

	switch (mnl_attr_get_type(a)) {
	case IFLA_IFNAME:
		if (!str_attr(a, m->name, sizeof(m->name)) || !m->name[0])
			return NETIF_WIRE_BAD_NAME;
		break;
	case IFLA_ADDRESS:
		if (n > sizeof(m->hwaddr))
			return NETIF_WIRE_BAD_LEN;
		memcpy(m->hwaddr, mnl_attr_get_payload(a), n);
		m->hwaddr_len = (uint8_t)n;
		m->has_hwaddr = true;
		break;
	case IFLA_MTU:
		if (!u32_attr(a, &m->mtu))
			return NETIF_WIRE_BAD_LEN;
		m->has_mtu = true;
		break;
	case IFLA_OPERSTATE:
		if (n != 1)
			return NETIF_WIRE_BAD_LEN;
		m->operstate = *(const uint8_t *)mnl_attr_get_payload(a);
		m->has_operstate = true;
		break;
	case IFLA_MASTER:
	case IFLA_LINK:
		if (!u32_attr(a, &v) || v > INT32_MAX)
			return NETIF_WIRE_BAD_LEN;
		if (mnl_attr_get_type(a) == IFLA_MASTER) {
			m->master = (int)v;
			m->has_master = true;
		} else {
			m->link = (int)v;
			m->has_link = true;
		}
		break;
	case IFLA_WIRELESS:
		m->wireless = true;
		break;
	case IFLA_LINKINFO:
		m->has_linkinfo = true;
		m->kind[0] = '\0';
		c->info_data = NULL;
		return walk(mnl_attr_get_payload(a), n, linkinfo_attr, c);
	}
	return NETIF_WIRE_OK;
}

enum netif_wire_err netif_wire_link(const void *buf, size_t len,
				    struct netif_wire_link *m)
{
	const struct nlmsghdr *nlh;
	const struct ifinfomsg *ifi;
	struct link_ctx c = { .m = m };
	enum netif_wire_err err;
	size_t off = MNL_ALIGN(sizeof(*ifi));

	err = header(buf, len, RTM_NEWLINK, RTM_DELLINK, sizeof(*ifi), &nlh);
	if (err != NETIF_WIRE_OK)
		return err;
	ifi = mnl_nlmsg_get_payload(nlh);
	if (ifi->ifi_family != AF_UNSPEC)
		return NETIF_WIRE_IGNORED;
	memset(m, 0, sizeof(*m));
	m->del = nlh->nlmsg_type == RTM_DELLINK;
	m->index = ifi->ifi_index;
	m->type = ifi->ifi_type;
	m->flags = ifi->ifi_flags;
	if (m->index <= 0)
		return NETIF_WIRE_NO_INDEX;
	err = walk((const uint8_t *)ifi + off,
		   nlh->nlmsg_len - MNL_NLMSG_HDRLEN - off, link_attr, &c);
	if (err != NETIF_WIRE_OK)
		return err;
	if (c.info_data && !strcmp(m->kind, "vlan")) {
		err = walk(mnl_attr_get_payload(c.info_data),
			   mnl_attr_get_payload_len(c.info_data), vlan_attr,
			   m);
		if (err != NETIF_WIRE_OK)
			return err;
	}
	if (!m->del && !m->name[0])
		return NETIF_WIRE_NO_NAME;
	return NETIF_WIRE_OK;
}

/* ---- addresses ------------------------------------------------------------ */

struct addr_ctx {
	struct netif_wire_addr *m;
	size_t alen;
	bool has_local, has_address;
	union netif_ip address;
	bool has_flags;
	uint32_t flags;
};

static enum netif_wire_err addr_attr(const struct nlattr *a, void *data)
{
	struct addr_ctx *c = data;
	size_t n = mnl_attr_get_payload_len(a);

	switch (mnl_attr_get_type(a)) {
	case IFA_LOCAL:
	case IFA_ADDRESS:
		if (n != c->alen)
			return NETIF_WIRE_BAD_LEN;
		if (mnl_attr_get_type(a) == IFA_LOCAL) {
			memcpy(c->m->addr.bytes, mnl_attr_get_payload(a), n);
			c->has_local = true;
		} else {
			memcpy(c->address.bytes, mnl_attr_get_payload(a), n);
			c->has_address = true;
		}
		break;
	case IFA_FLAGS:
		if (!u32_attr(a, &c->flags))
			return NETIF_WIRE_BAD_LEN;
		c->has_flags = true;
		break;
	}
	return NETIF_WIRE_OK;
}

enum netif_wire_err netif_wire_addr(const void *buf, size_t len,
				    struct netif_wire_addr *m)
{
	const struct nlmsghdr *nlh;
	const struct ifaddrmsg *ifa;
	struct addr_ctx c = { .m = m };
	enum netif_wire_err err;
	size_t off = MNL_ALIGN(sizeof(*ifa));

	err = header(buf, len, RTM_NEWADDR, RTM_DELADDR, sizeof(*ifa), &nlh);
	if (err != NETIF_WIRE_OK)
		return err;
	ifa = mnl_nlmsg_get_payload(nlh);
	if (ifa->ifa_family == AF_INET)
		c.alen = 4;
	else if (ifa->ifa_family == AF_INET6)
		c.alen = 16;
	else
		return NETIF_WIRE_IGNORED;
	memset(m, 0, sizeof(*m));
	m->del = nlh->nlmsg_type == RTM_DELADDR;
	m->family = ifa->ifa_family;
	m->prefixlen = ifa->ifa_prefixlen;
	m->scope = ifa->ifa_scope;
	m->flags = ifa->ifa_flags;
	if (!ifa->ifa_index || ifa->ifa_index > INT32_MAX)
		return NETIF_WIRE_NO_INDEX;
	m->index = (int)ifa->ifa_index;
	if (m->prefixlen > c.alen * 8)
		return NETIF_WIRE_BAD_PREFIX;
	err = walk((const uint8_t *)ifa + off,
		   nlh->nlmsg_len - MNL_NLMSG_HDRLEN - off, addr_attr, &c);
	if (err != NETIF_WIRE_OK)
		return err;
	/* IFA_LOCAL is ours; IFA_ADDRESS is the peer when both are there. */
	if (!c.has_local) {
		if (!c.has_address)
			return NETIF_WIRE_NO_ADDRESS;
		m->addr = c.address;
	}
	if (c.has_flags)
		m->flags = c.flags;
	return NETIF_WIRE_OK;
}

/* ---- requests ------------------------------------------------------------- */

size_t netif_wire_dump_request(void *buf, size_t size, uint16_t type,
			       uint32_t seq)
{
	struct nlmsghdr *nlh;
	size_t need;

	if (type == RTM_GETLINK)
		need = MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct ifinfomsg)) +
		       MNL_ATTR_HDRLEN + sizeof(uint32_t);
	else if (type == RTM_GETADDR)
		need = MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct ifaddrmsg));
	else
		return 0;
	if (size < need)
		return 0;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	if (type == RTM_GETLINK) {
		struct ifinfomsg *ifi;

		ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
		ifi->ifi_family = AF_UNSPEC;
		mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	} else {
		struct ifaddrmsg *ifa;

		ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
		ifa->ifa_family = AF_UNSPEC;
	}
	return nlh->nlmsg_len;
}
