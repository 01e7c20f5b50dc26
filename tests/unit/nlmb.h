/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building generic netlink messages byte by byte, for the tests of the
 * parsers (lib_amsg.c, apedged_nl80211_msg.c, apedgectl_print.c): the
 * tests decide every length, so they can also build what no library
 * would.
 *
 * mb_genl() starts a message with its netlink and genetlink headers,
 * mb_attr() and the others append attributes (padded), mb_nest_start()
 * and mb_nest_end() bracket a nest, and mb_end() sets nlmsg_len to what
 * was written.
 */
#ifndef APEDGE_NLMB_H
#define APEDGE_NLMB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

/* A message under construction. */
struct mb {
	uint8_t buf[1024];
	size_t len;
	size_t nest[4];
	int depth;
};

static inline void mb_put(struct mb *m, const void *data, size_t n)
{
	if (n)
		memcpy(m->buf + m->len, data, n);
	m->len += n;
}

static inline void mb_pad(struct mb *m)
{
	while (m->len % 4)
		m->buf[m->len++] = 0;
}

static inline void mb_genl(struct mb *m, uint16_t type, uint16_t flags,
			   uint32_t seq, uint8_t cmd, uint8_t version)
{
	struct nlmsghdr nlh = {
		.nlmsg_type = type, .nlmsg_flags = flags, .nlmsg_seq = seq,
	};
	struct genlmsghdr gh = { .cmd = cmd, .version = version };

	memset(m, 0, sizeof(*m));
	mb_put(m, &nlh, sizeof(nlh));
	mb_put(m, &gh, sizeof(gh));
}

/* Set nlmsg_len to what was written. */
static inline void mb_end(struct mb *m)
{
	uint32_t len = (uint32_t)m->len;

	memcpy(m->buf, &len, sizeof(len));
}

static inline void mb_attr(struct mb *m, uint16_t type, const void *data,
			   size_t n)
{
	struct nlattr nla = { .nla_len = (uint16_t)(NLA_HDRLEN + n),
			      .nla_type = type };

	mb_put(m, &nla, sizeof(nla));
	mb_put(m, data, n);
	mb_pad(m);
}

static inline void mb_u32(struct mb *m, uint16_t type, uint32_t v)
{
	mb_attr(m, type, &v, sizeof(v));
}

static inline void mb_u16(struct mb *m, uint16_t type, uint16_t v)
{
	mb_attr(m, type, &v, sizeof(v));
}

static inline void mb_str(struct mb *m, uint16_t type, const char *s)
{
	mb_attr(m, type, s, strlen(s) + 1);
}

static inline void mb_nest_start(struct mb *m, uint16_t type)
{
	struct nlattr nla = { .nla_type = type | NLA_F_NESTED };

	m->nest[m->depth++] = m->len;
	mb_put(m, &nla, sizeof(nla));
}

static inline void mb_nest_end(struct mb *m)
{
	size_t at = m->nest[--m->depth];
	uint16_t len = (uint16_t)(m->len - at);

	memcpy(m->buf + at, &len, sizeof(len));
}

#endif
