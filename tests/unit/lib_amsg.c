// SPDX-License-Identifier: GPL-2.0
/*
 * The apedge family's codec (lib/amsg.c), shared by apedged and apedgectl:
 * the parsers on hand-built messages, good ones and every way of being
 * malformed, and the builders byte for byte.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/apedge.h>

#include "lib/amsg.h"
#include "nlmb.h"
#include "ut.h"

#define FAM 0x1a

/* Messages of this family start with genetlink version 1. */
static void mb_start(struct mb *m, uint16_t type, uint16_t flags,
		     uint32_t seq, uint8_t cmd)
{
	mb_genl(m, type, flags, seq, cmd, 1);
}

static void port_msg(struct mb *m, uint8_t cmd, uint32_t ifindex,
		     const char *ifname, uint32_t role)
{
	mb_start(m, FAM, 0, 0, cmd);
	if (ifindex)
		mb_u32(m, APEDGE_A_PORT_IFINDEX, ifindex);
	if (ifname)
		mb_str(m, APEDGE_A_PORT_IFNAME, ifname);
	if (role)
		mb_u32(m, APEDGE_A_PORT_ROLE, role);
	mb_end(m);
}

/* Expect the event parser to fail with a message containing what. */
static int event_fails(const void *buf, size_t len, const char *what)
{
	struct amsg_port ev;
	struct amsg_err err;
	int r = amsg_parse_port_event(buf, len, FAM, &ev, &err);

	if (r != -EBADMSG || !strstr(err.msg, what)) {
		fprintf(stderr, "  got %d \"%s\", want \"%s\"\n", r,
			r ? err.msg : "", what);
		return 0;
	}
	return 1;
}

UT_CASE(port_event_good)
{
	struct amsg_port ev;
	struct amsg_err err;
	struct mb m;

	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 3, "eth0",
		 APEDGE_PORT_ROLE_TRUSTED);
	UT_ASSERT(amsg_parse_port_event(m.buf, m.len, FAM, &ev, &err) == 0);
	UT_EXPECT(ev.cmd == APEDGE_CMD_PORT_ADD_NTF);
	UT_EXPECT(ev.ifindex == 3);
	UT_EXPECT_STR(ev.ifname, "eth0");
	UT_EXPECT(ev.role == APEDGE_PORT_ROLE_TRUSTED);

	/* ifindex alone will do; family 0 accepts any type. */
	port_msg(&m, APEDGE_CMD_PORT_DEL_NTF, 9, NULL, 0);
	UT_ASSERT(amsg_parse_port_event(m.buf, m.len, 0, &ev, &err) == 0);
	UT_EXPECT(ev.cmd == APEDGE_CMD_PORT_DEL_NTF);
	UT_EXPECT(ev.ifindex == 9 && !ev.ifname[0] && !ev.role);

	/* So will ifname alone, 15 characters at most. */
	port_msg(&m, APEDGE_CMD_PORT_DEL_NTF, 0, "0123456789abcde", 0);
	UT_ASSERT(amsg_parse_port_event(m.buf, m.len, FAM, &ev, &err) == 0);
	UT_EXPECT_STR(ev.ifname, "0123456789abcde");
}

UT_CASE(port_event_extras)
{
	static const uint8_t junk[3] = { 1, 2, 3 };
	struct amsg_port ev;
	struct amsg_err err;
	struct mb m;
	uint8_t *shifted;

	/* Unknown attributes, the nested flag, and a later duplicate. */
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PORT_ADD_NTF);
	mb_attr(&m, 200, junk, sizeof(junk));
	mb_u32(&m, APEDGE_A_PORT_IFINDEX | NLA_F_NET_BYTEORDER, 4);
	mb_u32(&m, APEDGE_A_PORT_IFINDEX, 5);
	mb_attr(&m, 0, NULL, 0);
	mb_end(&m);
	UT_ASSERT(amsg_parse_port_event(m.buf, m.len, FAM, &ev, &err) == 0);
	UT_EXPECT(ev.ifindex == 5);

	/* Bytes after the message are not its business. */
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 3, "eth0", 0);
	UT_EXPECT(amsg_parse_port_event(m.buf, m.len + 64, FAM, &ev,
					&err) == 0);

	/* No alignment is assumed. */
	shifted = malloc(m.len + 1);
	UT_ASSERT(shifted);
	memcpy(shifted + 1, m.buf, m.len);
	UT_EXPECT(amsg_parse_port_event(shifted + 1, m.len, FAM, &ev,
					&err) == 0);
	UT_EXPECT(ev.ifindex == 3);
	free(shifted);
}

UT_CASE(port_event_truncated)
{
	struct mb m;
	size_t n;

	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 3, "eth0",
		 APEDGE_PORT_ROLE_UNTRUSTED);
	UT_EXPECT(event_fails(m.buf, 0, "truncated message"));
	UT_EXPECT(event_fails(m.buf, 15, "a netlink header needs 16"));
	UT_EXPECT(event_fails(m.buf, m.len - 1, "truncated message: length"));
	/* Every shorter buffer fails cleanly. */
	for (n = 0; n < m.len; n++) {
		struct amsg_port ev;
		struct amsg_err err;

		UT_EXPECT(amsg_parse_port_event(m.buf, n, FAM, &ev, &err) ==
			  -EBADMSG);
	}
}

UT_CASE(port_event_bad_lengths)
{
	uint32_t len;
	struct mb m;

	/* nlmsg_len too small for the genl header. */
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 3, NULL, 0);
	len = NLMSG_HDRLEN + 2;
	memcpy(m.buf, &len, sizeof(len));
	UT_EXPECT(event_fails(m.buf, m.len, "bad message length 18"));
	len = 0;
	memcpy(m.buf, &len, sizeof(len));
	UT_EXPECT(event_fails(m.buf, m.len, "bad message length 0"));

	/* nlmsg_len cuts the attribute short. */
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 3, NULL, 0);
	len = (uint32_t)m.len - 2;
	memcpy(m.buf, &len, sizeof(len));
	UT_EXPECT(event_fails(m.buf, m.len, "exceeds"));

	/* Trailing bytes too few for an attribute header. */
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 3, NULL, 0);
	m.len += 2;
	mb_end(&m);
	UT_EXPECT(event_fails(m.buf, m.len, "truncated attribute header"));

	/* An attribute shorter than its own header. */
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PORT_ADD_NTF);
	{
		struct nlattr nla = { .nla_len = 2, .nla_type = 1 };

		mb_put(&m, &nla, sizeof(nla));
	}
	mb_end(&m);
	UT_EXPECT(event_fails(m.buf, m.len, "bad attribute length 2"));

	/* An attribute longer than the message. */
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PORT_ADD_NTF);
	{
		struct nlattr nla = { .nla_len = 200, .nla_type = 1 };

		mb_put(&m, &nla, sizeof(nla));
		mb_put(&m, "abcd", 4);
	}
	mb_end(&m);
	UT_EXPECT(event_fails(m.buf, m.len, "length 200 exceeds"));
}

UT_CASE(port_event_bad_attributes)
{
	static const char unterminated[4] = { 'e', 't', 'h', '0' };
	uint16_t two = 2;
	struct mb m;

	/* Neither ifindex nor ifname. */
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 0, NULL,
		 APEDGE_PORT_ROLE_TRUSTED);
	UT_EXPECT(event_fails(m.buf, m.len, "missing attribute"));

	/* ifindex of the wrong size, or 0. */
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PORT_ADD_NTF);
	mb_attr(&m, APEDGE_A_PORT_IFINDEX, &two, sizeof(two));
	mb_end(&m);
	UT_EXPECT(event_fails(m.buf, m.len, "ifindex: length 2, expected 4"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PORT_ADD_NTF);
	mb_u32(&m, APEDGE_A_PORT_IFINDEX, 0);
	mb_end(&m);
	UT_EXPECT(event_fails(m.buf, m.len, "invalid value 0"));

	/* ifname unterminated, too long, empty, or with no payload. */
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PORT_ADD_NTF);
	mb_attr(&m, APEDGE_A_PORT_IFNAME, unterminated, sizeof(unterminated));
	mb_end(&m);
	UT_EXPECT(event_fails(m.buf, m.len, "not NUL-terminated"));
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 0, "0123456789abcdef", 0);
	UT_EXPECT(event_fails(m.buf, m.len, "16 characters, at most 15"));
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 0, "", 0);
	UT_EXPECT(event_fails(m.buf, m.len, "ifname: empty"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PORT_ADD_NTF);
	mb_attr(&m, APEDGE_A_PORT_IFNAME, NULL, 0);
	mb_end(&m);
	UT_EXPECT(event_fails(m.buf, m.len, "not NUL-terminated"));

	/* role unknown or of the wrong size. */
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 1, NULL, 7);
	UT_EXPECT(event_fails(m.buf, m.len, "unknown role 7"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PORT_ADD_NTF);
	mb_u32(&m, APEDGE_A_PORT_IFINDEX, 1);
	mb_attr(&m, APEDGE_A_PORT_ROLE, &two, 1);
	mb_end(&m);
	UT_EXPECT(event_fails(m.buf, m.len, "role: length 1"));
}

UT_CASE(port_event_wrong_message)
{
	struct mb m;

	port_msg(&m, APEDGE_CMD_PORT_ADD, 1, "eth0", 0);
	UT_EXPECT(event_fails(m.buf, m.len, "not a port event (command 2)"));
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 1, "eth0", 0);
	m.buf[4] = 0x1b;	/* nlmsg_type, little end */
	UT_EXPECT(event_fails(m.buf, m.len, "not an apedge message"));
}

static void family_msg(struct mb *m, uint8_t cmd, const char *name,
		       uint16_t id, bool groups)
{
	uint32_t version = 2;

	mb_start(m, GENL_ID_CTRL, 0, 0, cmd);
	if (name)
		mb_str(m, CTRL_ATTR_FAMILY_NAME, name);
	if (id)
		mb_attr(m, CTRL_ATTR_FAMILY_ID, &id, sizeof(id));
	mb_u32(m, CTRL_ATTR_VERSION, version);
	if (groups) {
		mb_nest_start(m, CTRL_ATTR_MCAST_GROUPS);
		mb_nest_start(m, 1);
		mb_str(m, CTRL_ATTR_MCAST_GRP_NAME, "config");
		mb_u32(m, CTRL_ATTR_MCAST_GRP_ID, 5);
		mb_nest_end(m);
		mb_nest_start(m, 2);
		mb_u32(m, CTRL_ATTR_MCAST_GRP_ID, 6);
		mb_str(m, CTRL_ATTR_MCAST_GRP_NAME, "events");
		mb_nest_end(m);
		mb_nest_end(m);
	}
	mb_end(m);
}

static int family_fails(const void *buf, size_t len, const char *what)
{
	struct amsg_family fam;
	struct amsg_err err;
	int r = amsg_parse_family(buf, len, &fam, &err);

	if (r != -EBADMSG || !strstr(err.msg, what)) {
		fprintf(stderr, "  got %d \"%s\", want \"%s\"\n", r,
			r ? err.msg : "", what);
		return 0;
	}
	return 1;
}

UT_CASE(family_good)
{
	struct amsg_family fam;
	struct amsg_err err;
	struct mb m;

	family_msg(&m, CTRL_CMD_NEWFAMILY, "apedge", 0x1a, true);
	UT_ASSERT(amsg_parse_family(m.buf, m.len, &fam, &err) == 0);
	UT_EXPECT(fam.cmd == CTRL_CMD_NEWFAMILY);
	UT_EXPECT_STR(fam.name, "apedge");
	UT_EXPECT(fam.id == 0x1a && fam.version == 2);
	UT_EXPECT(fam.n_groups == 2);
	UT_EXPECT(amsg_family_group(&fam, "events") == 6);
	UT_EXPECT(amsg_family_group(&fam, "config") == 5);
	UT_EXPECT(amsg_family_group(&fam, "notify") == 0);

	family_msg(&m, CTRL_CMD_DELFAMILY, "apedge", 0x1a, false);
	UT_ASSERT(amsg_parse_family(m.buf, m.len, &fam, &err) == 0);
	UT_EXPECT(fam.cmd == CTRL_CMD_DELFAMILY && fam.n_groups == 0);
}

UT_CASE(family_bad)
{
	uint32_t wide = 0x1a;
	struct mb m;

	family_msg(&m, CTRL_CMD_NEWFAMILY, NULL, 0x1a, false);
	UT_EXPECT(family_fails(m.buf, m.len, "missing attribute: family name"));
	family_msg(&m, CTRL_CMD_NEWFAMILY, "apedge", 0, false);
	UT_EXPECT(family_fails(m.buf, m.len, "missing attribute: family id"));
	family_msg(&m, CTRL_CMD_NEWFAMILY, "apedge", 3, false);
	UT_EXPECT(family_fails(m.buf, m.len, "invalid id 3"));
	mb_start(&m, GENL_ID_CTRL, 0, 0, CTRL_CMD_NEWFAMILY);
	mb_str(&m, CTRL_ATTR_FAMILY_NAME, "apedge");
	mb_attr(&m, CTRL_ATTR_FAMILY_ID, &wide, sizeof(wide));
	mb_end(&m);
	UT_EXPECT(family_fails(m.buf, m.len, "family id: length 4"));
	family_msg(&m, CTRL_CMD_NEWFAMILY, "apedge", 0x1a, false);
	m.buf[4] = 0x1a;
	UT_EXPECT(family_fails(m.buf, m.len, "not a genl controller"));

	/* A group without its id. */
	mb_start(&m, GENL_ID_CTRL, 0, 0, CTRL_CMD_NEWFAMILY);
	mb_str(&m, CTRL_ATTR_FAMILY_NAME, "apedge");
	mb_attr(&m, CTRL_ATTR_FAMILY_ID, &wide, 2);
	mb_nest_start(&m, CTRL_ATTR_MCAST_GROUPS);
	mb_nest_start(&m, 1);
	mb_str(&m, CTRL_ATTR_MCAST_GRP_NAME, "events");
	mb_nest_end(&m);
	mb_nest_end(&m);
	mb_end(&m);
	UT_EXPECT(family_fails(m.buf, m.len, "without name or id"));

	/* A group entry whose length overruns the array. */
	mb_start(&m, GENL_ID_CTRL, 0, 0, CTRL_CMD_NEWFAMILY);
	mb_str(&m, CTRL_ATTR_FAMILY_NAME, "apedge");
	mb_attr(&m, CTRL_ATTR_FAMILY_ID, &wide, 2);
	mb_nest_start(&m, CTRL_ATTR_MCAST_GROUPS);
	{
		struct nlattr nla = { .nla_len = 40, .nla_type = 1 };

		mb_put(&m, &nla, sizeof(nla));
		mb_put(&m, "abcdefgh", 8);
	}
	mb_nest_end(&m);
	mb_end(&m);
	UT_EXPECT(family_fails(m.buf, m.len, "bad entry length 40"));

	/* A group array with a stray 2 bytes. */
	mb_start(&m, GENL_ID_CTRL, 0, 0, CTRL_CMD_NEWFAMILY);
	mb_str(&m, CTRL_ATTR_FAMILY_NAME, "apedge");
	mb_attr(&m, CTRL_ATTR_FAMILY_ID, &wide, 2);
	mb_attr(&m, CTRL_ATTR_MCAST_GROUPS, "xy", 2);
	mb_end(&m);
	UT_EXPECT(family_fails(m.buf, m.len, "truncated entry"));
}

static void ack_msg(struct mb *m, uint32_t seq, int32_t error,
		    uint16_t flags, const char *ext)
{
	struct nlmsghdr nlh = {
		.nlmsg_type = NLMSG_ERROR, .nlmsg_flags = flags,
		.nlmsg_seq = seq,
	};
	struct nlmsghdr orig = {
		.nlmsg_len = NLMSG_HDRLEN + 8, .nlmsg_type = FAM,
		.nlmsg_seq = seq,
	};

	memset(m, 0, sizeof(*m));
	mb_put(m, &nlh, sizeof(nlh));
	mb_put(m, &error, sizeof(error));
	mb_put(m, &orig, sizeof(orig));
	if (!(flags & NLM_F_CAPPED))
		mb_put(m, "\2\0\0\0\0\0\0\0", 8);	/* the request body */
	if (ext)
		mb_str(m, NLMSGERR_ATTR_MSG, ext);
	mb_end(m);
}

UT_CASE(ack)
{
	struct amsg_ack ack;
	struct amsg_err err;
	struct mb m;

	ack_msg(&m, 42, 0, 0, NULL);
	UT_ASSERT(amsg_parse_ack(m.buf, m.len, &ack, &err) == 0);
	UT_EXPECT(ack.seq == 42 && ack.error == 0 && !ack.ext_msg[0]);

	ack_msg(&m, 43, -EEXIST, NLM_F_CAPPED | NLM_F_ACK_TLVS,
		"port already attached");
	UT_ASSERT(amsg_parse_ack(m.buf, m.len, &ack, &err) == 0);
	UT_EXPECT(ack.seq == 43 && ack.error == -EEXIST);
	UT_EXPECT_STR(ack.ext_msg, "port already attached");

	/* Not capped: the TLVs follow the whole request. */
	ack_msg(&m, 44, -ENODEV, NLM_F_ACK_TLVS, "no such device");
	UT_ASSERT(amsg_parse_ack(m.buf, m.len, &ack, &err) == 0);
	UT_EXPECT(ack.error == -ENODEV);
	UT_EXPECT_STR(ack.ext_msg, "no such device");

	ack_msg(&m, 45, 5, 0, NULL);
	UT_EXPECT(amsg_parse_ack(m.buf, m.len, &ack, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "invalid code 5") != NULL);
	ack_msg(&m, 45, 0, 0, NULL);
	UT_EXPECT(amsg_parse_ack(m.buf, 24, &ack, &err) == -EBADMSG);
	{
		uint32_t len = 24;

		memcpy(m.buf, &len, sizeof(len));
		UT_EXPECT(amsg_parse_ack(m.buf, m.len, &ack, &err) ==
			  -EBADMSG);
		UT_EXPECT(strstr(err.msg, "too short") != NULL);
	}
	/* TLVs said to follow a request longer than the message. */
	ack_msg(&m, 46, -EINVAL, NLM_F_ACK_TLVS, NULL);
	{
		uint32_t big = 400;

		memcpy(m.buf + NLMSG_HDRLEN + 4, &big, sizeof(big));
		UT_EXPECT(amsg_parse_ack(m.buf, m.len, &ack, &err) ==
			  -EBADMSG);
		UT_EXPECT(strstr(err.msg, "past its end") != NULL);
	}
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 1, NULL, 0);
	UT_EXPECT(amsg_parse_ack(m.buf, m.len, &ack, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "not an error message") != NULL);
}

UT_CASE(info)
{
	struct amsg_info info;
	struct amsg_err err;
	struct mb m;

	mb_start(&m, FAM, 0, 7, APEDGE_CMD_INFO_GET);
	mb_str(&m, APEDGE_A_INFO_VERSION, "1.2.3");
	mb_u32(&m, APEDGE_A_INFO_FEATURES, APEDGE_FEATURES_XID_TRANSMIT |
	       APEDGE_FEATURES_XID_BURST);
	mb_end(&m);
	UT_ASSERT(amsg_parse_info(m.buf, m.len, FAM, &info, &err) == 0);
	UT_EXPECT_STR(info.version, "1.2.3");
	UT_EXPECT(info.features == 9);

	mb_start(&m, FAM, 0, 7, APEDGE_CMD_PORT_GET);
	mb_end(&m);
	UT_EXPECT(amsg_parse_info(m.buf, m.len, FAM, &info, &err) ==
		  -EBADMSG);
}

UT_CASE(datagram_walk)
{
	struct mb a, b;
	uint8_t dgram[2048];
	const uint8_t *pos = dgram, *msg;
	size_t left, msg_len, n = 0;
	struct amsg_err err;
	int r;

	/* Two messages, the first not a multiple of 4 long. */
	port_msg(&a, APEDGE_CMD_PORT_ADD_NTF, 1, "eth0", 0);
	a.len -= 1;	/* "eth0\0" padded to 8: drop one pad byte */
	mb_end(&a);
	port_msg(&b, APEDGE_CMD_PORT_DEL_NTF, 2, NULL, 0);
	memcpy(dgram, a.buf, a.len);
	memset(dgram + a.len, 0, NLMSG_ALIGN(a.len) - a.len);
	memcpy(dgram + NLMSG_ALIGN(a.len), b.buf, b.len);
	left = NLMSG_ALIGN(a.len) + b.len;

	while ((r = amsg_next(&pos, &left, &msg, &msg_len, &err)) > 0) {
		struct amsg_port ev;

		UT_EXPECT(amsg_parse_port_event(msg, msg_len, FAM, &ev,
						&err) == 0);
		UT_EXPECT(ev.ifindex == ++n);
	}
	UT_EXPECT(r == 0 && n == 2);

	/* Garbage after a message. */
	pos = dgram;
	left = NLMSG_ALIGN(a.len) + 7;
	UT_EXPECT(amsg_next(&pos, &left, &msg, &msg_len, &err) == 1);
	UT_EXPECT(amsg_next(&pos, &left, &msg, &msg_len, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "7 bytes left") != NULL);

	/* A length that runs past the datagram, or under a header. */
	pos = dgram;
	left = a.len - 1;
	UT_EXPECT(amsg_next(&pos, &left, &msg, &msg_len, &err) == -EBADMSG);
	memset(dgram, 0, 16);
	pos = dgram;
	left = 16;
	UT_EXPECT(amsg_next(&pos, &left, &msg, &msg_len, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "bad message length 0") != NULL);
}

/* A built request as bytes: its length, or 0. */
static uint32_t req[AMSG_REQ_SIZE / 4];

static const struct nlmsghdr *req_hdr(void)
{
	return (const struct nlmsghdr *)req;
}

/* The payload of attribute type in the built request, or NULL. */
static const uint8_t *req_attr(size_t len, unsigned int want, size_t *n)
{
	struct amsg_span rest = {
		(const uint8_t *)req + NLMSG_HDRLEN + GENL_HDRLEN,
		len - NLMSG_HDRLEN - GENL_HDRLEN,
	}, val;
	struct amsg_err err;
	unsigned int type;

	while (amsg_next_attr(&rest, &type, &val, "request", &err) > 0)
		if (type == want) {
			*n = val.len;
			return val.data;
		}
	return NULL;
}

UT_CASE(builders)
{
	struct amsg_port port = { .role = APEDGE_PORT_ROLE_TRUSTED };
	struct amsg_err err;
	struct amsg_port got;
	size_t len;

	strcpy(port.ifname, "eth7");
	len = amsg_build_port(req, sizeof(req), FAM, NLM_F_ACK,
			      APEDGE_CMD_PORT_ADD, &port);
	UT_ASSERT(len);
	UT_EXPECT(req_hdr()->nlmsg_len == len);
	UT_EXPECT(req_hdr()->nlmsg_type == FAM);
	UT_EXPECT(req_hdr()->nlmsg_flags == (NLM_F_REQUEST | NLM_F_ACK));
	UT_EXPECT(req_hdr()->nlmsg_seq == 0 && req_hdr()->nlmsg_pid == 0);
	UT_ASSERT(amsg_parse_port(req, len, FAM, &got, &err) == 0);
	UT_EXPECT(got.cmd == APEDGE_CMD_PORT_ADD);
	UT_EXPECT_STR(got.ifname, "eth7");
	UT_EXPECT(got.role == APEDGE_PORT_ROLE_TRUSTED);
	UT_EXPECT(got.ifindex == 0);

	port.role = 0;
	len = amsg_build_port(req, sizeof(req), FAM, NLM_F_ACK,
			      APEDGE_CMD_PORT_DEL, &port);
	UT_ASSERT(amsg_parse_port(req, len, FAM, &got, &err) == 0);
	UT_EXPECT(got.cmd == APEDGE_CMD_PORT_DEL && !got.role);

	/* nlctrl: a dump of every family, or one family by name. */
	len = amsg_build_family_get(req, sizeof(req), 0, NULL);
	UT_ASSERT(len == NLMSG_HDRLEN + GENL_HDRLEN);
	UT_EXPECT(req_hdr()->nlmsg_type == GENL_ID_CTRL);
	UT_EXPECT(req_hdr()->nlmsg_flags == (NLM_F_REQUEST | NLM_F_DUMP));
	UT_EXPECT(amsg_genl_cmd(req, len) == CTRL_CMD_GETFAMILY);
	len = amsg_build_family_get(req, sizeof(req), NLM_F_ACK, "apedge");
	UT_ASSERT(len == NLMSG_HDRLEN + GENL_HDRLEN + 12);
	UT_EXPECT(req_hdr()->nlmsg_flags == (NLM_F_REQUEST | NLM_F_ACK));
	{
		size_t n;
		const uint8_t *name = req_attr(len, CTRL_ATTR_FAMILY_NAME, &n);

		UT_EXPECT(name && n == 7 && !memcmp(name, "apedge", 7));
	}

	len = amsg_build_empty(req, sizeof(req), FAM, 0, APEDGE_CMD_INFO_GET);
	UT_ASSERT(len == NLMSG_HDRLEN + GENL_HDRLEN);
	UT_EXPECT(req_hdr()->nlmsg_type == FAM);
	UT_EXPECT(amsg_genl_cmd(req, len) == APEDGE_CMD_INFO_GET);
	UT_EXPECT(((const uint8_t *)req)[NLMSG_HDRLEN + 1] ==
		  APEDGE_FAMILY_VERSION);
}

UT_CASE(xid_send_builder)
{
	struct amsg_xid x = {
		.sta = { 2, 0x11, 0x22, 0x33, 0x44, 0x55 },
		.mode = APEDGE_XID_MODE_INJECT, .vlan = 10, .count = 3,
		.has_interval = true, .interval = 50,
	};
	const uint8_t *a;
	uint32_t v32;
	uint16_t v16;
	size_t len, n;

	strcpy(x.ifname, "eth0");
	len = amsg_build_xid_send(req, sizeof(req), FAM, NLM_F_ACK, &x);
	UT_ASSERT(len);
	UT_EXPECT(req_hdr()->nlmsg_flags & NLM_F_ACK);
	UT_EXPECT(amsg_genl_cmd(req, len) == APEDGE_CMD_XID_SEND);
	a = req_attr(len, APEDGE_A_XID_IFNAME, &n);
	UT_EXPECT(a && n == 5 && !strcmp((const char *)a, "eth0"));
	a = req_attr(len, APEDGE_A_XID_STA, &n);
	UT_EXPECT(a && n == 6 && !memcmp(a, x.sta, 6));
	a = req_attr(len, APEDGE_A_XID_MODE, &n);
	UT_ASSERT(a && n == 4);
	memcpy(&v32, a, 4);
	UT_EXPECT(v32 == APEDGE_XID_MODE_INJECT);
	a = req_attr(len, APEDGE_A_XID_VLAN, &n);
	UT_ASSERT(a && n == 2);
	memcpy(&v16, a, 2);
	UT_EXPECT(v16 == 10);
	a = req_attr(len, APEDGE_A_XID_COUNT, &n);
	UT_ASSERT(a && n == 4);
	memcpy(&v32, a, 4);
	UT_EXPECT(v32 == 3);
	a = req_attr(len, APEDGE_A_XID_INTERVAL, &n);
	UT_ASSERT(a && n == 4);
	memcpy(&v32, a, 4);
	UT_EXPECT(v32 == 50);
	UT_EXPECT(!req_attr(len, APEDGE_A_XID_RW, &n));
	UT_EXPECT(!req_attr(len, APEDGE_A_XID_IFINDEX, &n));

	/* Defaults are left to the module; an ifindex and rw 0 are sent. */
	memset(&x, 0, sizeof(x));
	x.ifindex = 4;
	x.has_rw = true;
	len = amsg_build_xid_send(req, sizeof(req), FAM, NLM_F_ACK, &x);
	UT_ASSERT(len);
	UT_EXPECT(req_attr(len, APEDGE_A_XID_STA, &n));
	UT_EXPECT(req_attr(len, APEDGE_A_XID_IFINDEX, &n));
	a = req_attr(len, APEDGE_A_XID_RW, &n);
	UT_EXPECT(a && n == 1 && a[0] == 0);
	UT_EXPECT(!req_attr(len, APEDGE_A_XID_IFNAME, &n));
	UT_EXPECT(!req_attr(len, APEDGE_A_XID_MODE, &n));
	UT_EXPECT(!req_attr(len, APEDGE_A_XID_VLAN, &n));
	UT_EXPECT(!req_attr(len, APEDGE_A_XID_COUNT, &n));
	UT_EXPECT(!req_attr(len, APEDGE_A_XID_INTERVAL, &n));
}

UT_CASE(binding_add_builder)
{
	static const uint8_t want[] = {
		/* genl header: binding-add, version 1 */
		APEDGE_CMD_BINDING_ADD, 1, 0, 0,
		/* ipv4 */
		8, 0, APEDGE_A_BINDING_IPV4, 0, 192, 0, 2, 50,
		/* mac, padded */
		10, 0, APEDGE_A_BINDING_MAC, 0, 2, 0, 0, 0, 0, 0x50, 0, 0,
		/* ifname "wlan0", padded */
		10, 0, APEDGE_A_BINDING_IFNAME, 0, 'w', 'l', 'a', 'n', '0', 0,
		0, 0,
		/* lifetime 600, host order */
		8, 0, APEDGE_A_BINDING_LIFETIME, 0,
	};
	struct amsg_binding b = {
		.af = AF_INET, .addr = { 192, 0, 2, 50 },
		.mac = { 2, 0, 0, 0, 0, 0x50 }, .ifname = "wlan0",
		.lifetime = 600,
	};
	uint32_t life = 600;
	const uint8_t *a;
	size_t len, n;

	len = amsg_build_binding(req, sizeof(req), FAM, NLM_F_ACK,
				 APEDGE_CMD_BINDING_ADD, &b);
	UT_EXPECT(req_hdr()->nlmsg_type == FAM);
	UT_EXPECT(req_hdr()->nlmsg_flags == (NLM_F_REQUEST | NLM_F_ACK));
	UT_ASSERT(len == NLMSG_HDRLEN + sizeof(want) + 4);
	UT_EXPECT(!memcmp((uint8_t *)req + NLMSG_HDRLEN, want, sizeof(want)));
	UT_EXPECT(!memcmp((uint8_t *)req + NLMSG_HDRLEN + sizeof(want), &life,
			  4));

	/* IPv6; permanent puts no lifetime (the module's "for ever"). */
	b.af = AF_INET6;
	memcpy(b.addr, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x50", 16);
	b.permanent = true;
	len = amsg_build_binding(req, sizeof(req), FAM, NLM_F_ACK,
				 APEDGE_CMD_BINDING_ADD, &b);
	a = req_attr(len, APEDGE_A_BINDING_IPV6, &n);
	UT_EXPECT(a && n == 16 && !memcmp(a, b.addr, 16));
	UT_EXPECT(!req_attr(len, APEDGE_A_BINDING_IPV4, &n));
	UT_EXPECT(!req_attr(len, APEDGE_A_BINDING_LIFETIME, &n));

	/* binding-del: the address alone; no family, no address. */
	memset(&b, 0, sizeof(b));
	b.af = AF_INET;
	b.permanent = true;
	len = amsg_build_binding(req, sizeof(req), FAM, NLM_F_ACK,
				 APEDGE_CMD_BINDING_DEL, &b);
	UT_EXPECT(len == NLMSG_HDRLEN + GENL_HDRLEN + 8);
	b.af = AF_UNIX;
	len = amsg_build_binding(req, sizeof(req), FAM, NLM_F_ACK,
				 APEDGE_CMD_BINDING_DEL, &b);
	UT_EXPECT(len == NLMSG_HDRLEN + GENL_HDRLEN);
}

UT_CASE(binding_dump_builder)
{
	static const uint8_t want[] = { APEDGE_CMD_BINDING_GET, 1, 0, 0 };
	size_t len = amsg_build_empty(req, sizeof(req), FAM, NLM_F_DUMP,
				      APEDGE_CMD_BINDING_GET);

	UT_ASSERT(len == NLMSG_HDRLEN + sizeof(want));
	UT_EXPECT(req_hdr()->nlmsg_type == FAM);
	UT_EXPECT(req_hdr()->nlmsg_flags == (NLM_F_REQUEST | NLM_F_DUMP));
	UT_EXPECT(!memcmp((uint8_t *)req + NLMSG_HDRLEN, want, sizeof(want)));
}

/* policy-set: nests of class and verdict, and the punt rate. */
UT_CASE(port_policy_builder)
{
	static const uint8_t want[] = {
		APEDGE_CMD_POLICY_SET, 1, 0, 0,
		8, 0, APEDGE_A_PORT_IFINDEX, 0, 3, 0, 0, 0,
		20, 0, APEDGE_A_PORT_POLICY, 0x80,
		8, 0, APEDGE_A_POLICY_CLASS, 0,
		APEDGE_POLICY_CLASS_ND_RA, 0, 0, 0,
		8, 0, APEDGE_A_POLICY_VERDICT, 0, APEDGE_VERDICT_DROP, 0, 0, 0,
		8, 0, APEDGE_A_PORT_PUNT_RATE, 0, 5, 0, 0, 0,
		5, 0, APEDGE_A_PORT_SOURCE_GUARD, 0, 1, 0, 0, 0,
		5, 0, APEDGE_A_PORT_VERIFY_CHADDR, 0, 1, 0, 0, 0,
		5, 0, APEDGE_A_PORT_ALLOW_OPAQUE, 0, 0, 0, 0, 0,
	};
	struct amsg_port port = {
		.ifindex = 3, .has_punt_rate = true, .punt_rate = 5,
		.has_source_guard = true, .source_guard = true,
		.has_verify_chaddr = true, .verify_chaddr = true,
		.has_allow_opaque = true, .allow_opaque = false,
	};
	struct amsg_port got;
	struct amsg_err err;
	size_t len;

	port.policy[APEDGE_POLICY_CLASS_ND_RA] = APEDGE_VERDICT_DROP;
	port.n_policy = 1;
	len = amsg_build_port(req, sizeof(req), FAM, NLM_F_ACK,
			      APEDGE_CMD_POLICY_SET, &port);
	UT_ASSERT(len == NLMSG_HDRLEN + sizeof(want));
	UT_EXPECT(!memcmp((uint8_t *)req + NLMSG_HDRLEN, want, sizeof(want)));
	/* And back. */
	UT_ASSERT(amsg_parse_port(req, len, FAM, &got, &err) == 0);
	port.cmd = APEDGE_CMD_POLICY_SET;
	UT_EXPECT(!memcmp(&got, &port, sizeof(got)));
}

/* A request that does not fit is 0 bytes long, whatever the cut. */
UT_CASE(builder_overflow)
{
	struct amsg_port port = { .ifindex = 3, .ifname = "eth0" };
	struct amsg_out o;
	size_t full, size;

	port.policy[1] = port.policy[2] = APEDGE_VERDICT_PASS;
	full = amsg_build_port(req, sizeof(req), FAM, 0, APEDGE_CMD_PORT_SET,
			       &port);
	UT_ASSERT(full);
	for (size = 0; size < full; size++)
		UT_EXPECT(amsg_build_port(req, size, FAM, 0,
					  APEDGE_CMD_PORT_SET, &port) == 0);
	UT_EXPECT(amsg_build_port(req, full, FAM, 0, APEDGE_CMD_PORT_SET,
				  &port) == full);

	/* A nest left open, one closed twice, too deep. */
	amsg_out_begin(&o, req, sizeof(req), FAM, 0, APEDGE_CMD_PORT_SET, 1);
	amsg_out_nest_begin(&o, APEDGE_A_PORT_POLICY);
	UT_EXPECT(amsg_out_end(&o) == 0);
	amsg_out_begin(&o, req, sizeof(req), FAM, 0, APEDGE_CMD_PORT_SET, 1);
	amsg_out_nest_end(&o);
	UT_EXPECT(amsg_out_end(&o) == 0);
	amsg_out_begin(&o, req, sizeof(req), FAM, 0, APEDGE_CMD_PORT_SET, 1);
	for (size = 0; size <= AMSG_NEST_MAX; size++)
		amsg_out_nest_begin(&o, 1);
	for (size = 0; size <= AMSG_NEST_MAX; size++)
		amsg_out_nest_end(&o);
	UT_EXPECT(amsg_out_end(&o) == 0);
	/* An attribute too long for its 16-bit length. */
	amsg_out_begin(&o, req, sizeof(req), FAM, 0, APEDGE_CMD_PORT_SET, 1);
	amsg_out_put(&o, 1, req, 0x10000);
	UT_EXPECT(amsg_out_end(&o) == 0);
}

static const uint8_t b_mac[6] = { 2, 0, 0, 0, 0, 0x50 };
static const uint8_t b_v4[4] = { 192, 0, 2, 50 };

/* A binding-get dump part as the module sends it; bits leave parts out. */
#define B_NO_ADDR	0x01
#define B_NO_MAC	0x02
#define B_NO_IFINDEX	0x04
#define B_NO_LIFETIME	0x08
#define B_NO_ORIGIN	0x10
#define B_V6		0x20
#define B_BOTH		0x40

static void binding_msg(struct mb *m, unsigned int bits)
{
	uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x50 };

	mb_start(m, FAM, NLM_F_MULTI, 7, APEDGE_CMD_BINDING_GET);
	if (!(bits & (B_NO_ADDR | B_V6)) || (bits & B_BOTH))
		mb_attr(m, APEDGE_A_BINDING_IPV4, b_v4, 4);
	if ((bits & (B_V6 | B_BOTH)) && !(bits & B_NO_ADDR))
		mb_attr(m, APEDGE_A_BINDING_IPV6, v6, 16);
	if (!(bits & B_NO_MAC))
		mb_attr(m, APEDGE_A_BINDING_MAC, b_mac, 6);
	if (!(bits & B_NO_IFINDEX))
		mb_u32(m, APEDGE_A_BINDING_IFINDEX, 3);
	if (!(bits & B_NO_ORIGIN))
		mb_u32(m, APEDGE_A_BINDING_ORIGIN,
		       APEDGE_BINDING_ORIGIN_SNOOPED);
	if (!(bits & B_NO_LIFETIME))
		mb_u32(m, APEDGE_A_BINDING_LIFETIME, 599);
	mb_end(m);
}

static int binding_fails(const void *buf, size_t len, const char *what)
{
	struct amsg_binding b;
	struct amsg_err err;
	int r = amsg_parse_binding(buf, len, FAM, &b, &err);

	if (r != -EBADMSG || !strstr(err.msg, what)) {
		fprintf(stderr, "  got %d \"%s\", want \"%s\"\n", r,
			r ? err.msg : "", what);
		return 0;
	}
	return 1;
}

UT_CASE(binding_good)
{
	struct amsg_binding b;
	struct amsg_err err;
	struct mb m;

	binding_msg(&m, 0);
	UT_ASSERT(amsg_parse_binding(m.buf, m.len, FAM, &b, &err) == 0);
	UT_EXPECT(b.af == AF_INET);
	UT_EXPECT(!memcmp(b.addr, b_v4, 4));
	UT_EXPECT(!memcmp(b.mac, b_mac, 6));
	UT_EXPECT(b.ifindex == 3);
	UT_EXPECT(!b.permanent);
	UT_EXPECT(b.lifetime == 599);
	UT_EXPECT(b.origin == APEDGE_BINDING_ORIGIN_SNOOPED);

	/* Any family id with 0; IPv6; permanent; no origin. */
	binding_msg(&m, B_V6 | B_NO_LIFETIME | B_NO_ORIGIN);
	UT_ASSERT(amsg_parse_binding(m.buf, m.len, 0, &b, &err) == 0);
	UT_EXPECT(b.af == AF_INET6);
	UT_EXPECT(b.addr[0] == 0x20 && b.addr[15] == 0x50);
	UT_EXPECT(b.permanent);
	UT_EXPECT(b.lifetime == 0);
	UT_EXPECT(b.origin == 0);

	/* Unknown attributes are skipped. */
	binding_msg(&m, 0);
	mb_u32(&m, APEDGE_A_BINDING_MAX + 1, 1);
	mb_end(&m);
	UT_EXPECT(amsg_parse_binding(m.buf, m.len, FAM, &b, &err) == 0);
}

UT_CASE(binding_bad)
{
	uint8_t v4_short[3] = { 1, 2, 3 };
	struct mb m;
	size_t cut;

	binding_msg(&m, B_NO_ADDR);
	UT_EXPECT(binding_fails(m.buf, m.len, "no address"));
	binding_msg(&m, B_BOTH);
	UT_EXPECT(binding_fails(m.buf, m.len, "both ipv4 and ipv6"));
	binding_msg(&m, B_NO_MAC);
	UT_EXPECT(binding_fails(m.buf, m.len, "missing attribute: mac"));
	binding_msg(&m, B_NO_IFINDEX);
	UT_EXPECT(binding_fails(m.buf, m.len, "missing attribute: ifindex"));

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_BINDING_GET);
	mb_attr(&m, APEDGE_A_BINDING_IPV4, v4_short, 3);
	mb_attr(&m, APEDGE_A_BINDING_MAC, b_mac, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 3);
	mb_end(&m);
	UT_EXPECT(binding_fails(m.buf, m.len, "attribute ipv4: length 3"));

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_BINDING_GET);
	mb_attr(&m, APEDGE_A_BINDING_IPV6, b_v4, 4);
	mb_attr(&m, APEDGE_A_BINDING_MAC, b_mac, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 3);
	mb_end(&m);
	UT_EXPECT(binding_fails(m.buf, m.len, "attribute ipv6: length 4"));

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_BINDING_GET);
	mb_attr(&m, APEDGE_A_BINDING_IPV4, b_v4, 4);
	mb_attr(&m, APEDGE_A_BINDING_MAC, b_mac, 5);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 3);
	mb_end(&m);
	UT_EXPECT(binding_fails(m.buf, m.len, "attribute mac: length 5"));

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_BINDING_GET);
	mb_attr(&m, APEDGE_A_BINDING_IPV4, b_v4, 4);
	mb_attr(&m, APEDGE_A_BINDING_MAC, b_mac, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 0);
	mb_end(&m);
	UT_EXPECT(binding_fails(m.buf, m.len, "attribute ifindex: 0"));

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_BINDING_GET);
	mb_attr(&m, APEDGE_A_BINDING_IPV4, b_v4, 4);
	mb_attr(&m, APEDGE_A_BINDING_MAC, b_mac, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 3);
	mb_attr(&m, APEDGE_A_BINDING_LIFETIME, b_v4, 2);
	mb_end(&m);
	UT_EXPECT(binding_fails(m.buf, m.len, "attribute lifetime: length 2"));

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_BINDING_GET);
	mb_attr(&m, APEDGE_A_BINDING_IPV4, b_v4, 4);
	mb_attr(&m, APEDGE_A_BINDING_MAC, b_mac, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 3);
	mb_u32(&m, APEDGE_A_BINDING_ORIGIN, 9);
	mb_end(&m);
	UT_EXPECT(binding_fails(m.buf, m.len, "unknown origin 9"));

	/* Wrong family, wrong command. */
	binding_msg(&m, 0);
	m.buf[4] = FAM + 1;
	UT_EXPECT(binding_fails(m.buf, m.len, "not an apedge message"));
	binding_msg(&m, 0);
	m.buf[NLMSG_HDRLEN] = APEDGE_CMD_BINDING_ADD;
	UT_EXPECT(binding_fails(m.buf, m.len, "not a binding reply"));

	/* Every truncation of the buffer fails cleanly. */
	binding_msg(&m, 0);
	for (cut = 0; cut < m.len; cut++) {
		struct amsg_binding b;
		struct amsg_err err;

		UT_EXPECT(amsg_parse_binding(m.buf, cut, FAM, &b, &err) ==
			  -EBADMSG);
	}
	/* An attribute running past the message's own length. */
	binding_msg(&m, 0);
	m.buf[0] = (uint8_t)(m.len - 2);
	UT_EXPECT(binding_fails(m.buf, m.len, "exceeds"));
}

static void mb_u64(struct mb *m, uint16_t type, uint64_t v)
{
	mb_attr(m, type, &v, sizeof(v));
}

static void mb_u8(struct mb *m, uint16_t type, uint8_t v)
{
	mb_attr(m, type, &v, sizeof(v));
}

/* A port-get reply as the module fills it (apedge_port_fill()). */
static void port_reply(struct mb *m)
{
	mb_start(m, FAM, 0, 0, APEDGE_CMD_PORT_GET);
	mb_u32(m, APEDGE_A_PORT_IFINDEX, 3);
	mb_str(m, APEDGE_A_PORT_IFNAME, "va");
	mb_u32(m, APEDGE_A_PORT_ROLE, APEDGE_PORT_ROLE_UNTRUSTED);
	mb_nest_start(m, APEDGE_A_PORT_POLICY);
	mb_u32(m, APEDGE_A_POLICY_CLASS, APEDGE_POLICY_CLASS_ND_RA);
	mb_u32(m, APEDGE_A_POLICY_VERDICT, APEDGE_VERDICT_DROP);
	mb_nest_end(m);
	mb_nest_start(m, APEDGE_A_PORT_POLICY);
	mb_u32(m, APEDGE_A_POLICY_CLASS, APEDGE_POLICY_CLASS_ND_RS);
	mb_u32(m, APEDGE_A_POLICY_VERDICT, APEDGE_VERDICT_PASS);
	mb_nest_end(m);
	mb_u32(m, APEDGE_A_PORT_PUNT_RATE, 100);
	mb_u8(m, APEDGE_A_PORT_SOURCE_GUARD, 1);
	mb_u8(m, APEDGE_A_PORT_ALLOW_OPAQUE, 1);
	mb_end(m);
}

static int port_fails(const void *buf, size_t len, const char *what)
{
	struct amsg_port p;
	struct amsg_err err;
	int r = amsg_parse_port(buf, len, FAM, &p, &err);

	if (r != -EBADMSG || !strstr(err.msg, what)) {
		fprintf(stderr, "  got %d \"%s\", want \"%s\"\n", r,
			r ? err.msg : "", what);
		return 0;
	}
	return 1;
}

UT_CASE(port_reply_full)
{
	struct amsg_port p;
	struct amsg_err err;
	struct mb m;
	size_t cut;

	port_reply(&m);
	UT_ASSERT(amsg_parse_port(m.buf, m.len, FAM, &p, &err) == 0);
	UT_EXPECT(p.cmd == APEDGE_CMD_PORT_GET && p.ifindex == 3);
	UT_EXPECT_STR(p.ifname, "va");
	UT_EXPECT(p.role == APEDGE_PORT_ROLE_UNTRUSTED);
	UT_EXPECT(p.n_policy == 2);
	UT_EXPECT(p.policy[APEDGE_POLICY_CLASS_ND_RA] == APEDGE_VERDICT_DROP);
	UT_EXPECT(p.policy[APEDGE_POLICY_CLASS_ND_RS] == APEDGE_VERDICT_PASS);
	UT_EXPECT(p.policy[APEDGE_POLICY_CLASS_ND_NS] == 0);
	UT_EXPECT(p.has_punt_rate && p.punt_rate == 100);
	UT_EXPECT(p.has_source_guard && p.source_guard);
	UT_EXPECT(p.has_allow_opaque && p.allow_opaque);
	UT_EXPECT(!p.has_verify_chaddr && !p.verify_chaddr);

	/* A class given twice counts once; the last verdict wins. */
	port_reply(&m);
	mb_nest_start(&m, APEDGE_A_PORT_POLICY);
	mb_u32(&m, APEDGE_A_POLICY_CLASS, APEDGE_POLICY_CLASS_ND_RA);
	mb_u32(&m, APEDGE_A_POLICY_VERDICT, APEDGE_VERDICT_COPY);
	mb_nest_end(&m);
	mb_end(&m);
	UT_ASSERT(amsg_parse_port(m.buf, m.len, FAM, &p, &err) == 0);
	UT_EXPECT(p.n_policy == 2);
	UT_EXPECT(p.policy[APEDGE_POLICY_CLASS_ND_RA] == APEDGE_VERDICT_COPY);

	/* Every truncation fails. */
	port_reply(&m);
	for (cut = 0; cut < m.len; cut++)
		UT_EXPECT(amsg_parse_port(m.buf, cut, FAM, &p, &err) ==
			  -EBADMSG);
}

UT_CASE(port_reply_bad)
{
	struct mb m;

	/* A policy entry without its verdict, or its class. */
	port_msg(&m, APEDGE_CMD_PORT_GET, 3, "va", 1);
	mb_nest_start(&m, APEDGE_A_PORT_POLICY);
	mb_u32(&m, APEDGE_A_POLICY_CLASS, 1);
	mb_nest_end(&m);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "without class or verdict"));
	port_msg(&m, APEDGE_CMD_PORT_GET, 3, "va", 1);
	mb_nest_start(&m, APEDGE_A_PORT_POLICY);
	mb_u32(&m, APEDGE_A_POLICY_VERDICT, 1);
	mb_nest_end(&m);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "without class or verdict"));
	/* A class or verdict out of range. */
	port_msg(&m, APEDGE_CMD_PORT_GET, 3, "va", 1);
	mb_nest_start(&m, APEDGE_A_PORT_POLICY);
	mb_u32(&m, APEDGE_A_POLICY_CLASS, AMSG_CLASS_MAX);
	mb_u32(&m, APEDGE_A_POLICY_VERDICT, 1);
	mb_nest_end(&m);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "class 32 out of range"));
	port_msg(&m, APEDGE_CMD_PORT_GET, 3, "va", 1);
	mb_nest_start(&m, APEDGE_A_PORT_POLICY);
	mb_u32(&m, APEDGE_A_POLICY_CLASS, 1);
	mb_u32(&m, APEDGE_A_POLICY_VERDICT, 256);
	mb_nest_end(&m);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "verdict 256 out of range"));
	port_msg(&m, APEDGE_CMD_PORT_GET, 3, "va", 1);
	mb_nest_start(&m, APEDGE_A_PORT_POLICY);
	mb_u32(&m, APEDGE_A_POLICY_CLASS, 0);
	mb_u32(&m, APEDGE_A_POLICY_VERDICT, 1);
	mb_nest_end(&m);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "class 0 out of range"));
	/* A nest whose inside is not attributes. */
	port_msg(&m, APEDGE_CMD_PORT_GET, 3, "va", 1);
	mb_attr(&m, APEDGE_A_PORT_POLICY, "\x09\x00\x01", 3);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "policy: truncated attribute"));
	/* punt-rate and source-guard of the wrong size. */
	port_msg(&m, APEDGE_CMD_PORT_GET, 3, "va", 1);
	mb_u8(&m, APEDGE_A_PORT_PUNT_RATE, 1);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "punt-rate: length 1"));
	port_msg(&m, APEDGE_CMD_PORT_GET, 3, "va", 1);
	mb_u32(&m, APEDGE_A_PORT_SOURCE_GUARD, 1);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "source-guard: length 4"));
	port_msg(&m, APEDGE_CMD_PORT_GET, 3, "va", 1);
	mb_u32(&m, APEDGE_A_PORT_VERIFY_CHADDR, 1);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "verify-chaddr: length 4"));
	port_msg(&m, APEDGE_CMD_PORT_GET, 3, "va", 1);
	mb_u32(&m, APEDGE_A_PORT_ALLOW_OPAQUE, 1);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "allow-opaque: length 4"));
}

/* A stats-get reply as the module fills it, with two counters. */
static void stats_reply(struct mb *m)
{
	mb_start(m, FAM, NLM_F_MULTI, 0, APEDGE_CMD_STATS_GET);
	mb_u32(m, APEDGE_A_STATS_IFINDEX, 5);
	mb_str(m, APEDGE_A_STATS_IFNAME, "wlan0");
	mb_u64(m, APEDGE_A_STATS_XID_TRANSMIT, 1ULL << 40);
	mb_u64(m, APEDGE_A_STATS_XID_INJECT, 2);
	mb_u64(m, APEDGE_A_STATS_XID_ERRORS, 3);
	mb_nest_start(m, APEDGE_A_STATS_COUNTER);
	mb_u32(m, APEDGE_A_COUNTER_DIRECTION, APEDGE_DIRECTION_INGRESS);
	mb_u32(m, APEDGE_A_COUNTER_CLASS, APEDGE_POLICY_CLASS_DHCPV4_SERVER);
	mb_u32(m, APEDGE_A_COUNTER_VERDICT, APEDGE_VERDICT_DROP);
	mb_u64(m, APEDGE_A_COUNTER_PACKETS, 7);
	mb_nest_end(m);
	mb_nest_start(m, APEDGE_A_STATS_COUNTER);
	mb_u32(m, APEDGE_A_COUNTER_DIRECTION, APEDGE_DIRECTION_EGRESS);
	mb_u32(m, APEDGE_A_COUNTER_CLASS, APEDGE_POLICY_CLASS_MALFORMED);
	mb_u32(m, APEDGE_A_COUNTER_REASON, APEDGE_MALFORMED_REASON_FRAG_NOL4);
	mb_u64(m, APEDGE_A_COUNTER_PACKETS, 1);
	mb_nest_end(m);
	mb_u64(m, APEDGE_A_STATS_PUNT_SENT, 4);
	mb_u64(m, APEDGE_A_STATS_PUNT_RATELIMITED, 5);
	mb_u64(m, APEDGE_A_STATS_PUNT_OVERFLOW, 6);
	mb_u64(m, APEDGE_A_STATS_SG_DROP_IPV4, 7);
	mb_u64(m, APEDGE_A_STATS_SG_DROP_IPV6, 8);
	mb_u64(m, APEDGE_A_STATS_SG_DROP_ARP, 9);
	mb_u64(m, APEDGE_A_STATS_SG_DROP_ND, 10);
	mb_u64(m, APEDGE_A_STATS_SNOOP_PORTS, 11);
	mb_u64(m, APEDGE_A_STATS_SNOOP_UNTRUSTED, 12);
	mb_u64(m, APEDGE_A_STATS_SNOOP_NO_REQUEST, 13);
	mb_u64(m, APEDGE_A_STATS_SNOOP_CHADDR, 14);
	mb_u64(m, APEDGE_A_STATS_SNOOP_UNBOUND, 15);
	mb_u64(m, APEDGE_A_STATS_SNOOP_OVERFLOW, 16);
	mb_u64(m, APEDGE_A_STATS_DHCP_CHADDR_DROP, 17);
	mb_u64(m, APEDGE_A_STATS_SG_DROP_LL, 18);
	mb_u64(m, APEDGE_A_STATS_SG_DROP_LLA, 19);
	mb_end(m);
}

UT_CASE(stats)
{
	static struct amsg_stats st;
	struct amsg_err err;
	struct mb m;
	size_t cut;
	int i;

	stats_reply(&m);
	UT_ASSERT(amsg_parse_stats(m.buf, m.len, FAM, &st, &err) == 0);
	UT_EXPECT(st.ifindex == 5);
	UT_EXPECT_STR(st.ifname, "wlan0");
	UT_EXPECT(st.xid_transmit == 1ULL << 40 && st.xid_inject == 2 &&
		  st.xid_errors == 3);
	UT_EXPECT(st.punt_sent == 4 && st.punt_ratelimited == 5 &&
		  st.punt_overflow == 6);
	UT_EXPECT(st.sg_ipv4 == 7 && st.sg_ipv6 == 8 && st.sg_arp == 9 &&
		  st.sg_nd == 10 && st.sg_ll == 18 && st.sg_lla == 19);
	UT_EXPECT(st.snoop_ports == 11 && st.snoop_untrusted == 12 &&
		  st.snoop_no_request == 13 && st.snoop_chaddr == 14 &&
		  st.snoop_unbound == 15 && st.snoop_overflow == 16 &&
		  st.dhcp_chaddr_drop == 17);
	UT_ASSERT(st.n_counters == 2);
	UT_EXPECT(st.counters[0].direction == APEDGE_DIRECTION_INGRESS);
	UT_EXPECT(st.counters[0].class == APEDGE_POLICY_CLASS_DHCPV4_SERVER);
	UT_EXPECT(st.counters[0].verdict == APEDGE_VERDICT_DROP);
	UT_EXPECT(st.counters[0].reason == 0 && st.counters[0].packets == 7);
	UT_EXPECT(st.counters[1].verdict == 0);
	UT_EXPECT(st.counters[1].reason == APEDGE_MALFORMED_REASON_FRAG_NOL4);

	/* Every truncation fails. */
	for (cut = 0; cut < m.len; cut++)
		UT_EXPECT(amsg_parse_stats(m.buf, cut, FAM, &st, &err) ==
			  -EBADMSG);

	/* Only the ifindex is required; a PAD attribute is skipped. */
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_STATS_GET);
	mb_attr(&m, APEDGE_A_STATS_PAD, NULL, 0);
	mb_u32(&m, APEDGE_A_STATS_IFINDEX, 5);
	mb_end(&m);
	UT_ASSERT(amsg_parse_stats(m.buf, m.len, FAM, &st, &err) == 0);
	UT_EXPECT(st.ifindex == 5 && !st.ifname[0] && !st.n_counters);

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_STATS_GET);
	mb_str(&m, APEDGE_A_STATS_IFNAME, "wlan0");
	mb_end(&m);
	UT_EXPECT(amsg_parse_stats(m.buf, m.len, FAM, &st, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "missing attribute: ifindex") != NULL);
	/* A counter of the wrong size, or without its packets. */
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_STATS_GET);
	mb_u32(&m, APEDGE_A_STATS_IFINDEX, 5);
	mb_u32(&m, APEDGE_A_STATS_XID_INJECT, 2);
	mb_end(&m);
	UT_EXPECT(amsg_parse_stats(m.buf, m.len, FAM, &st, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "xid-inject: length 4, expected 8") != NULL);
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_STATS_GET);
	mb_u32(&m, APEDGE_A_STATS_IFINDEX, 5);
	mb_nest_start(&m, APEDGE_A_STATS_COUNTER);
	mb_u32(&m, APEDGE_A_COUNTER_DIRECTION, 1);
	mb_u32(&m, APEDGE_A_COUNTER_CLASS, 1);
	mb_nest_end(&m);
	mb_end(&m);
	UT_EXPECT(amsg_parse_stats(m.buf, m.len, FAM, &st, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "without direction, class or packets"));
	/* Not a stats reply. */
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PORT_GET);
	mb_u32(&m, APEDGE_A_STATS_IFINDEX, 5);
	mb_end(&m);
	UT_EXPECT(amsg_parse_stats(m.buf, m.len, FAM, &st, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "not a stats reply (command 4)"));

	/* AMSG_COUNTERS_MAX counters fit; one more does not. */
	{
		static uint8_t big[AMSG_COUNTERS_MAX * 48 + 128];
		size_t len;
		uint32_t l;

		mb_start(&m, FAM, 0, 0, APEDGE_CMD_STATS_GET);
		mb_u32(&m, APEDGE_A_STATS_IFINDEX, 5);
		memcpy(big, m.buf, m.len);
		len = m.len;
		for (i = 0; i <= AMSG_COUNTERS_MAX; i++) {
			if (i == AMSG_COUNTERS_MAX) {
				l = (uint32_t)len;
				memcpy(big, &l, 4);
				UT_ASSERT(amsg_parse_stats(big, len, FAM, &st,
							   &err) == 0);
				UT_EXPECT(st.n_counters == AMSG_COUNTERS_MAX);
				UT_EXPECT(st.counters[255].packets == 255);
			}
			/* One counter nest, built alone and appended. */
			memset(&m, 0, sizeof(m));
			mb_nest_start(&m, APEDGE_A_STATS_COUNTER);
			mb_u32(&m, APEDGE_A_COUNTER_DIRECTION, 1);
			mb_u32(&m, APEDGE_A_COUNTER_CLASS, 1);
			mb_u64(&m, APEDGE_A_COUNTER_PACKETS, (uint64_t)i);
			mb_nest_end(&m);
			memcpy(big + len, m.buf, m.len);
			len += m.len;
		}
		l = (uint32_t)len;
		memcpy(big, &l, 4);
		UT_EXPECT(amsg_parse_stats(big, len, FAM, &st, &err) ==
			  -EBADMSG);
		UT_EXPECT(strstr(err.msg, "more than 256 counters") != NULL);
	}
}

UT_CASE(binding_config)
{
	struct amsg_binding_config c;
	struct amsg_err err;
	struct mb m;
	size_t cut;

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_BINDING_CONFIG_GET);
	mb_u32(&m, APEDGE_A_BINDING_CONFIG_LIMIT, 65536);
	mb_u32(&m, APEDGE_A_BINDING_CONFIG_COUNT, 3);
	mb_u64(&m, APEDGE_A_BINDING_CONFIG_REFUSED, 1);
	mb_u64(&m, APEDGE_A_BINDING_CONFIG_SNOOP_OVERFLOW, 2);
	mb_u64(&m, APEDGE_A_BINDING_CONFIG_SNOOPED, 5);
	mb_end(&m);
	UT_ASSERT(amsg_parse_binding_config(m.buf, m.len, FAM, &c, &err) == 0);
	UT_EXPECT(c.limit == 65536 && c.count == 3 && c.refused == 1 &&
		  c.snoop_overflow == 2 && c.snooped == 5);
	for (cut = 0; cut < m.len; cut++)
		UT_EXPECT(amsg_parse_binding_config(m.buf, cut, FAM, &c,
						    &err) == -EBADMSG);

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_BINDING_CONFIG_GET);
	mb_u32(&m, APEDGE_A_BINDING_CONFIG_COUNT, 3);
	mb_end(&m);
	UT_EXPECT(amsg_parse_binding_config(m.buf, m.len, FAM, &c, &err) ==
		  -EBADMSG);
	UT_EXPECT(strstr(err.msg, "missing attribute: limit") != NULL);
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_BINDING_CONFIG_GET);
	mb_u32(&m, APEDGE_A_BINDING_CONFIG_LIMIT, 1);
	mb_u32(&m, APEDGE_A_BINDING_CONFIG_REFUSED, 1);
	mb_end(&m);
	UT_EXPECT(amsg_parse_binding_config(m.buf, m.len, FAM, &c, &err) ==
		  -EBADMSG);
	UT_EXPECT(strstr(err.msg, "refused: length 4") != NULL);
}

UT_CASE(punt)
{
	static struct amsg_punt pu;
	static uint8_t pkt[APEDGE_PUNT_SNAPLEN + 1];
	struct amsg_err err;
	struct mb m;
	size_t cut;

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PUNT_NTF);
	mb_u32(&m, APEDGE_A_PUNT_IFINDEX, 3);
	mb_u32(&m, APEDGE_A_PUNT_DIRECTION, APEDGE_DIRECTION_INGRESS);
	mb_u32(&m, APEDGE_A_PUNT_CLASS, APEDGE_POLICY_CLASS_ND_RA);
	mb_u32(&m, APEDGE_A_PUNT_VERDICT, APEDGE_VERDICT_REDIRECT);
	mb_u32(&m, APEDGE_A_PUNT_LEN, 1500);
	mb_attr(&m, APEDGE_A_PUNT_PACKET, "\x60\x00\xff", 3);
	mb_end(&m);
	UT_ASSERT(amsg_parse_punt(m.buf, m.len, FAM, &pu, &err) == 0);
	UT_EXPECT(pu.ifindex == 3 && pu.len == 1500 && pu.caplen == 3);
	UT_EXPECT(pu.verdict == APEDGE_VERDICT_REDIRECT);
	UT_EXPECT(!memcmp(pu.packet, "\x60\x00\xff", 3));
	for (cut = 0; cut < m.len; cut++)
		UT_EXPECT(amsg_parse_punt(m.buf, cut, FAM, &pu, &err) ==
			  -EBADMSG);

	/* More than the snap length; no packet. */
	{
		static uint8_t big[APEDGE_PUNT_SNAPLEN + 64];
		struct nlmsghdr nlh = { .nlmsg_type = FAM };
		struct genlmsghdr gh = { .cmd = APEDGE_CMD_PUNT_NTF };
		struct nlattr a1 = { 8, APEDGE_A_PUNT_IFINDEX };
		struct nlattr a2 = { NLA_HDRLEN + sizeof(pkt),
				     APEDGE_A_PUNT_PACKET };
		uint32_t one = 1;
		size_t len = 0;

		memcpy(big, &nlh, sizeof(nlh));
		len = NLMSG_HDRLEN;
		memcpy(big + len, &gh, sizeof(gh));
		len += GENL_HDRLEN;
		memcpy(big + len, &a1, 4);
		memcpy(big + len + 4, &one, 4);
		len += 8;
		memcpy(big + len, &a2, 4);
		len += 4 + NLA_ALIGN(sizeof(pkt));
		nlh.nlmsg_len = (uint32_t)len;
		memcpy(big, &nlh, 4);
		UT_EXPECT(amsg_parse_punt(big, len, FAM, &pu, &err) ==
			  -EBADMSG);
		UT_EXPECT(strstr(err.msg, "513 bytes, at most 512") != NULL);
	}
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PUNT_NTF);
	mb_u32(&m, APEDGE_A_PUNT_IFINDEX, 3);
	mb_end(&m);
	UT_EXPECT(amsg_parse_punt(m.buf, m.len, FAM, &pu, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "ifindex or packet") != NULL);
}

/* The frame's Ethernet addresses: both, 6 bytes each, or neither. */
UT_CASE(punt_mac)
{
	static struct amsg_punt pu;
	struct amsg_err err;
	struct mb m;
	size_t cut;

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PUNT_NTF);
	mb_u32(&m, APEDGE_A_PUNT_IFINDEX, 3);
	mb_attr(&m, APEDGE_A_PUNT_PACKET, "\x60\x00\xff", 3);
	mb_attr(&m, APEDGE_A_PUNT_SRC_MAC, "\x02\x00\x5e\x00\x53\x02", 6);
	mb_attr(&m, APEDGE_A_PUNT_DST_MAC, "\x33\x33\x00\x01\x00\x02", 6);
	mb_end(&m);
	UT_ASSERT(amsg_parse_punt(m.buf, m.len, FAM, &pu, &err) == 0);
	UT_EXPECT(pu.has_mac);
	UT_EXPECT(!memcmp(pu.src_mac, "\x02\x00\x5e\x00\x53\x02", 6));
	UT_EXPECT(!memcmp(pu.dst_mac, "\x33\x33\x00\x01\x00\x02", 6));
	for (cut = 0; cut < m.len; cut++)
		UT_EXPECT(amsg_parse_punt(m.buf, cut, FAM, &pu, &err) ==
			  -EBADMSG);

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PUNT_NTF);
	mb_u32(&m, APEDGE_A_PUNT_IFINDEX, 3);
	mb_attr(&m, APEDGE_A_PUNT_PACKET, "\x60", 1);
	mb_attr(&m, APEDGE_A_PUNT_SRC_MAC, "\x02\x00\x5e\x00\x53\x02", 6);
	mb_end(&m);
	UT_EXPECT(amsg_parse_punt(m.buf, m.len, FAM, &pu, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "one alone") != NULL);

	mb_start(&m, FAM, 0, 0, APEDGE_CMD_PUNT_NTF);
	mb_u32(&m, APEDGE_A_PUNT_IFINDEX, 3);
	mb_attr(&m, APEDGE_A_PUNT_PACKET, "\x60", 1);
	mb_attr(&m, APEDGE_A_PUNT_SRC_MAC, "\x02\x00\x5e\x00\x53", 5);
	mb_attr(&m, APEDGE_A_PUNT_DST_MAC, "\x33\x33\x00\x01\x00\x02", 6);
	mb_end(&m);
	UT_EXPECT(amsg_parse_punt(m.buf, m.len, FAM, &pu, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "not 6 bytes") != NULL);
}

static void mb_u16v(struct mb *m, uint16_t type, uint16_t v)
{
	mb_attr(m, type, &v, sizeof(v));
}

/* A sta-authorized-ntf as the module sends it. */
static void sta_auth_msg(struct mb *m, bool vlan)
{
	mb_start(m, FAM, 0, 0, APEDGE_CMD_STA_AUTHORIZED_NTF);
	mb_u32(m, APEDGE_A_XID_IFINDEX, 4);
	mb_str(m, APEDGE_A_XID_IFNAME, "wlan0");
	mb_attr(m, APEDGE_A_XID_STA, "\x02\x00\x00\x00\x02\x00", 6);
	if (vlan)
		mb_u16v(m, APEDGE_A_XID_VLAN, 7);
	mb_end(m);
}

static int sta_auth_fails(const void *buf, size_t len, const char *what)
{
	struct amsg_sta_auth ev;
	struct amsg_err err;
	int r = amsg_parse_sta_auth(buf, len, FAM, &ev, &err);

	if (r != -EBADMSG || !strstr(err.msg, what)) {
		fprintf(stderr, "  got %d \"%s\", want \"%s\"\n", r,
			r ? err.msg : "", what);
		return 0;
	}
	return 1;
}

UT_CASE(sta_authorized)
{
	struct amsg_sta_auth ev;
	struct amsg_err err;
	struct mb m;
	size_t cut;

	sta_auth_msg(&m, false);
	UT_ASSERT(amsg_parse_sta_auth(m.buf, m.len, FAM, &ev, &err) == 0);
	UT_EXPECT(ev.ifindex == 4 && ev.vlan == 0);
	UT_EXPECT_STR(ev.ifname, "wlan0");
	UT_EXPECT(!memcmp(ev.sta, "\x02\x00\x00\x00\x02\x00", 6));
	sta_auth_msg(&m, true);
	UT_ASSERT(amsg_parse_sta_auth(m.buf, m.len, FAM, &ev, &err) == 0);
	UT_EXPECT(ev.vlan == 7);
	for (cut = 0; cut < m.len; cut++)
		UT_EXPECT(amsg_parse_sta_auth(m.buf, cut, FAM, &ev, &err) ==
			  -EBADMSG);

	/* Another family, another command. */
	sta_auth_msg(&m, false);
	UT_EXPECT(amsg_parse_sta_auth(m.buf, m.len, FAM + 1, &ev, &err) ==
		  -EBADMSG);
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 4, "wlan0", 0);
	UT_EXPECT(sta_auth_fails(m.buf, m.len, "not a sta-authorized"));

	/* No station; a group address; a short one; ifindex 0; VLAN 4095. */
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_STA_AUTHORIZED_NTF);
	mb_u32(&m, APEDGE_A_XID_IFINDEX, 4);
	mb_end(&m);
	UT_EXPECT(sta_auth_fails(m.buf, m.len, "ifindex or sta"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_STA_AUTHORIZED_NTF);
	mb_u32(&m, APEDGE_A_XID_IFINDEX, 4);
	mb_attr(&m, APEDGE_A_XID_STA, "\x03\x00\x00\x00\x02\x00", 6);
	mb_end(&m);
	UT_EXPECT(sta_auth_fails(m.buf, m.len, "not a station"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_STA_AUTHORIZED_NTF);
	mb_u32(&m, APEDGE_A_XID_IFINDEX, 4);
	mb_attr(&m, APEDGE_A_XID_STA, "\0\0\0\0\0\0", 6);
	mb_end(&m);
	UT_EXPECT(sta_auth_fails(m.buf, m.len, "not a station"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_STA_AUTHORIZED_NTF);
	mb_u32(&m, APEDGE_A_XID_IFINDEX, 4);
	mb_attr(&m, APEDGE_A_XID_STA, "\x02\x00\x00\x00\x02", 5);
	mb_end(&m);
	UT_EXPECT(sta_auth_fails(m.buf, m.len, "sta: length 5"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_STA_AUTHORIZED_NTF);
	mb_u32(&m, APEDGE_A_XID_IFINDEX, 0);
	mb_attr(&m, APEDGE_A_XID_STA, "\x02\x00\x00\x00\x02\x00", 6);
	mb_end(&m);
	UT_EXPECT(sta_auth_fails(m.buf, m.len, "invalid value 0"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_STA_AUTHORIZED_NTF);
	mb_u32(&m, APEDGE_A_XID_IFINDEX, 4);
	mb_attr(&m, APEDGE_A_XID_STA, "\x02\x00\x00\x00\x02\x00", 6);
	mb_u16v(&m, APEDGE_A_XID_VLAN, 4095);
	mb_end(&m);
	UT_EXPECT(sta_auth_fails(m.buf, m.len, "vlan: 4095"));
}

/* The Layer-2 Update settings of a port: parsed, built, refused. */
UT_CASE(port_l2update)
{
	/* One attribute of a given size and value, and the error it draws. */
	static const struct {
		uint16_t type;
		uint8_t size;
		uint32_t v;
		const char *msg;
	} bad[] = {
		{ APEDGE_A_PORT_L2UPDATE, 4, 3, "l2update: unknown mode 3" },
		{ APEDGE_A_PORT_L2UPDATE_RELAY, 1, 2, "l2update-relay: 2" },
		{ APEDGE_A_PORT_L2UPDATE_RELAY, 4, 1, "l2update-relay: length 4" },
		{ APEDGE_A_PORT_L2UPDATE_VLAN, 2, 4095, "l2update-vlan: 4095" },
		{ APEDGE_A_PORT_L2UPDATE_RELAY_PATH, 1, 0,
		  "l2update-relay-path: unknown path 0" },
		{ APEDGE_A_PORT_L2UPDATE_RELAY_PATH, 1, 3,
		  "l2update-relay-path: unknown path 3" },
		{ APEDGE_A_PORT_L2UPDATE_RELAY_PATH, 2, 2,
		  "l2update-relay-path: length 2" },
	};
	struct amsg_port p, again;
	struct amsg_err err;
	struct mb m;
	size_t len;

	port_reply(&m);
	mb_u32(&m, APEDGE_A_PORT_L2UPDATE, APEDGE_XID_MODE_INJECT);
	mb_u8(&m, APEDGE_A_PORT_L2UPDATE_RELAY, 1);
	mb_u16v(&m, APEDGE_A_PORT_L2UPDATE_VLAN, 4094);
	mb_u8(&m, APEDGE_A_PORT_L2UPDATE_RELAY_PATH,
	      APEDGE_L2RELAY_PATH_MAC80211);
	mb_end(&m);
	UT_ASSERT(amsg_parse_port(m.buf, m.len, FAM, &p, &err) == 0);
	UT_EXPECT(p.has_l2update && p.l2update == APEDGE_XID_MODE_INJECT);
	UT_EXPECT(p.has_l2update_relay && p.l2update_relay);
	UT_EXPECT(p.has_l2update_vlan && p.l2update_vlan == 4094);
	UT_EXPECT(p.has_l2update_relay_path &&
		  p.l2update_relay_path == APEDGE_L2RELAY_PATH_MAC80211);
	/* Built again (a port-set) and parsed: the same, but the path,
	 * which only replies carry. */
	len = amsg_build_port(req, sizeof(req), FAM, NLM_F_ACK,
			      APEDGE_CMD_PORT_SET, &p);
	UT_ASSERT(len > 0);
	UT_ASSERT(amsg_parse_port(req, len, FAM, &again, &err) == 0);
	UT_EXPECT(again.has_l2update && again.l2update == p.l2update);
	UT_EXPECT(again.l2update_relay && again.l2update_vlan == 4094);
	UT_EXPECT(!again.has_l2update_relay_path);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		port_reply(&m);
		if (bad[i].size == 1)
			mb_u8(&m, bad[i].type, (uint8_t)bad[i].v);
		else if (bad[i].size == 2)
			mb_u16v(&m, bad[i].type, (uint16_t)bad[i].v);
		else
			mb_u32(&m, bad[i].type, bad[i].v);
		mb_end(&m);
		UT_EXPECT(port_fails(m.buf, m.len, bad[i].msg));
	}
}

UT_CASE(done_and_long_extack)
{
	char longmsg[400];
	struct amsg_ack ack;
	struct amsg_err err;
	int32_t e = -ENOBUFS;
	struct mb m;
	size_t cut;

	/* The end of a dump, without and with an error and its extack. */
	mb_start(&m, NLMSG_DONE, NLM_F_MULTI, 9, 0);
	m.len = NLMSG_HDRLEN;
	e = 0;
	mb_put(&m, &e, 4);
	mb_end(&m);
	UT_ASSERT(amsg_parse_ack(m.buf, m.len, &ack, &err) == 0);
	UT_EXPECT(ack.done && ack.error == 0 && ack.seq == 9);

	mb_start(&m, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, 9, 0);
	m.len = NLMSG_HDRLEN;
	e = -ENOBUFS;
	mb_put(&m, &e, 4);
	mb_str(&m, NLMSGERR_ATTR_MSG, "binding table changed");
	mb_end(&m);
	UT_ASSERT(amsg_parse_ack(m.buf, m.len, &ack, &err) == 0);
	UT_EXPECT(ack.done && ack.error == -ENOBUFS);
	UT_EXPECT_STR(ack.ext_msg, "binding table changed");
	for (cut = 0; cut < m.len; cut++)
		UT_EXPECT(amsg_parse_ack(m.buf, cut, &ack, &err) == -EBADMSG);

	/* Too short for its code; a code out of range. */
	mb_start(&m, NLMSG_DONE, 0, 9, 0);
	m.len = NLMSG_HDRLEN + 2;
	mb_end(&m);
	UT_EXPECT(amsg_parse_ack(m.buf, m.len, &ack, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "dump end too short") != NULL);
	mb_start(&m, NLMSG_DONE, 0, 9, 0);
	m.len = NLMSG_HDRLEN;
	e = 1;
	mb_put(&m, &e, 4);
	mb_end(&m);
	UT_EXPECT(amsg_parse_ack(m.buf, m.len, &ack, &err) == -EBADMSG);

	/* An extack longer than ours is cut, not refused. */
	memset(longmsg, 'x', sizeof(longmsg) - 1);
	longmsg[sizeof(longmsg) - 1] = '\0';
	ack_msg(&m, 47, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, longmsg);
	UT_ASSERT(amsg_parse_ack(m.buf, m.len, &ack, &err) == 0);
	UT_EXPECT(strlen(ack.ext_msg) == sizeof(ack.ext_msg) - 1);
	UT_EXPECT(!ack.done);
	/* But one without its NUL is. */
	ack_msg(&m, 47, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, NULL);
	mb_attr(&m, NLMSGERR_ATTR_MSG, "abc", 3);
	mb_end(&m);
	UT_EXPECT(amsg_parse_ack(m.buf, m.len, &ack, &err) == -EBADMSG);
	UT_EXPECT(strstr(err.msg, "not NUL-terminated") != NULL);
}

UT_CASE(event_kind)
{
	struct mb m;

	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 1, NULL, 0);
	UT_EXPECT(amsg_event_kind(m.buf, m.len, FAM) == AMSG_EV_FAMILY);
	UT_EXPECT(amsg_event_kind(m.buf, m.len, FAM + 1) == AMSG_EV_OTHER);
	UT_EXPECT(amsg_event_kind(m.buf, 8, FAM) == AMSG_EV_OTHER);

	family_msg(&m, CTRL_CMD_DELFAMILY, "apedge", FAM, false);
	UT_EXPECT(amsg_event_kind(m.buf, m.len, FAM) == AMSG_EV_GONE);
	/* Another family's end, or another command, is not ours. */
	UT_EXPECT(amsg_event_kind(m.buf, m.len, FAM + 1) == AMSG_EV_OTHER);
	family_msg(&m, CTRL_CMD_NEWFAMILY, "apedge", FAM, false);
	UT_EXPECT(amsg_event_kind(m.buf, m.len, FAM) == AMSG_EV_OTHER);
	/* A malformed one is ignored. */
	family_msg(&m, CTRL_CMD_DELFAMILY, NULL, FAM, false);
	UT_EXPECT(amsg_event_kind(m.buf, m.len, FAM) == AMSG_EV_OTHER);
	family_msg(&m, CTRL_CMD_DELFAMILY, "apedge", FAM, false);
	UT_EXPECT(amsg_event_kind(m.buf, NLMSG_HDRLEN + 2, FAM) ==
		  AMSG_EV_OTHER);
}

UT_CASE(genl_cmd)
{
	struct mb m;

	port_msg(&m, APEDGE_CMD_PORT_DEL_NTF, 1, NULL, 0);
	UT_EXPECT(amsg_genl_cmd(m.buf, m.len) == APEDGE_CMD_PORT_DEL_NTF);
	UT_EXPECT(amsg_genl_cmd(m.buf, NLMSG_HDRLEN + 3) == -1);
	m.buf[0] = NLMSG_HDRLEN + 2;
	UT_EXPECT(amsg_genl_cmd(m.buf, m.len) == -1);
}

/* The apedge family's id and groups, as apedgectl looks them up. */
UT_CASE(family_lookup)
{
	struct amsg_family fam;
	struct amsg_err err;
	struct mb m;

	family_msg(&m, CTRL_CMD_NEWFAMILY, "apedge", FAM, true);
	UT_ASSERT(amsg_parse_family(m.buf, m.len, &fam, &err) == 0);
	UT_EXPECT(fam.id == FAM);
	UT_EXPECT(amsg_family_group(&fam, APEDGE_MCGRP_EVENTS) == 6);
	UT_EXPECT(amsg_family_group(&fam, APEDGE_MCGRP_PUNT) == 0);
}

/* An auth-get port object, as the module dumps it. */
static void auth_port_msg(struct mb *m)
{
	mb_start(m, FAM, NLM_F_MULTI, 0, APEDGE_CMD_AUTH_GET);
	mb_u32(m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_str(m, APEDGE_A_AUTH_IFNAME, "eth1");
	mb_u8(m, APEDGE_A_AUTH_MODE, APEDGE_AUTH_MODE_MAC);
	mb_u32(m, APEDGE_A_AUTH_ALLOW, APEDGE_AUTH_ALLOW_DHCP);
	mb_u8(m, APEDGE_A_AUTH_AUTHORIZED, 0);
	mb_u32(m, APEDGE_A_AUTH_ENTRIES, 2);
	mb_u64(m, APEDGE_A_AUTH_RX_DROPPED, 17);
	mb_u64(m, APEDGE_A_AUTH_UNAUTH_SEEN, 3);
	mb_end(m);
}

static int auth_fails(const void *buf, size_t len, const char *what)
{
	struct amsg_auth a;
	struct amsg_err err;
	int r = amsg_parse_auth(buf, len, FAM, &a, &err);

	if (r != -EBADMSG || !strstr(err.msg, what)) {
		fprintf(stderr, "  got %d \"%s\", want \"%s\"\n", r,
			r ? err.msg : "", what);
		return 0;
	}
	return 1;
}

UT_CASE(auth_objects)
{
	static const uint8_t sta[6] = { 0x02, 0, 0x5e, 0, 0x53, 0x0a };
	struct amsg_auth a;
	struct amsg_err err;
	struct mb m;
	size_t cut;

	auth_port_msg(&m);
	UT_ASSERT(amsg_parse_auth(m.buf, m.len, FAM, &a, &err) == 0);
	UT_EXPECT(a.cmd == APEDGE_CMD_AUTH_GET && a.ifindex == 4);
	UT_EXPECT_STR(a.ifname, "eth1");
	UT_EXPECT(a.has_mode && a.mode == APEDGE_AUTH_MODE_MAC);
	UT_EXPECT(a.allow == APEDGE_AUTH_ALLOW_DHCP && a.entries == 2);
	UT_EXPECT(a.has_authorized && !a.authorized && !a.has_mac);
	UT_EXPECT(a.rx_dropped == 17 && a.unauth_seen == 3 && !a.tx_dropped);
	for (cut = 0; cut < m.len; cut++)
		UT_EXPECT(amsg_parse_auth(m.buf, cut, FAM, &a, &err) ==
			  -EBADMSG);

	/* A station of the dump. */
	mb_start(&m, FAM, NLM_F_MULTI, 0, APEDGE_CMD_AUTH_GET);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_attr(&m, APEDGE_A_AUTH_MAC, sta, 6);
	mb_u8(&m, APEDGE_A_AUTH_AUTHORIZED, 1);
	mb_u64(&m, APEDGE_A_AUTH_RX_PASSED, 5);
	mb_u64(&m, APEDGE_A_AUTH_TX_PASSED, 6);
	mb_end(&m);
	UT_ASSERT(amsg_parse_auth(m.buf, m.len, FAM, &a, &err) == 0);
	UT_EXPECT(a.has_mac && !memcmp(a.mac, sta, 6) && a.authorized);
	UT_EXPECT(a.rx_passed == 5 && a.tx_passed == 6 && !a.has_mode);

	/* The events: unauth-seen needs a mac, changed authorized. */
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_UNAUTH_SEEN);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_attr(&m, APEDGE_A_AUTH_MAC, sta, 6);
	mb_end(&m);
	UT_ASSERT(amsg_parse_auth(m.buf, m.len, FAM, &a, &err) == 0);
	UT_EXPECT(a.cmd == APEDGE_CMD_AUTH_UNAUTH_SEEN && a.has_mac);
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_UNAUTH_SEEN);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_end(&m);
	UT_EXPECT(auth_fails(m.buf, m.len, "missing attribute: mac"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_CHANGED);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_u8(&m, APEDGE_A_AUTH_AUTHORIZED, 1);
	mb_end(&m);
	UT_ASSERT(amsg_parse_auth(m.buf, m.len, FAM, &a, &err) == 0);
	UT_EXPECT(a.cmd == APEDGE_CMD_AUTH_CHANGED && a.authorized);
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_CHANGED);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_end(&m);
	UT_EXPECT(auth_fails(m.buf, m.len, "missing attribute: authorized"));

	/* Wrong command, family, values. */
	port_msg(&m, APEDGE_CMD_PORT_ADD_NTF, 4, "eth1", 0);
	UT_EXPECT(auth_fails(m.buf, m.len, "not an auth message"));
	auth_port_msg(&m);
	UT_EXPECT(amsg_parse_auth(m.buf, m.len, FAM + 1, &a, &err) ==
		  -EBADMSG);
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_GET);
	mb_end(&m);
	UT_EXPECT(auth_fails(m.buf, m.len, "missing attribute: ifindex"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_GET);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 0);
	mb_end(&m);
	UT_EXPECT(auth_fails(m.buf, m.len, "invalid value 0"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_GET);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_attr(&m, APEDGE_A_AUTH_MAC, "\x01\x80\xc2\0\0\x03", 6);
	mb_end(&m);
	UT_EXPECT(auth_fails(m.buf, m.len, "not a station"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_GET);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_attr(&m, APEDGE_A_AUTH_MAC, sta, 5);
	mb_end(&m);
	UT_EXPECT(auth_fails(m.buf, m.len, "mac: length 5"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_GET);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_u8(&m, APEDGE_A_AUTH_AUTHORIZED, 2);
	mb_end(&m);
	UT_EXPECT(auth_fails(m.buf, m.len, "authorized: 2"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_GET);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_u8(&m, APEDGE_A_AUTH_MODE, 3);
	mb_end(&m);
	UT_EXPECT(auth_fails(m.buf, m.len, "unknown mode 3"));
	mb_start(&m, FAM, 0, 0, APEDGE_CMD_AUTH_GET);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_u32(&m, APEDGE_A_AUTH_RX_DROPPED, 1);
	mb_end(&m);
	UT_EXPECT(auth_fails(m.buf, m.len, "rx-dropped: length 4"));
}

/* auth-set and auth-get requests, byte for byte. */
UT_CASE(auth_builders)
{
	static const uint8_t sta[6] = { 0x02, 0, 0x5e, 0, 0x53, 0x0a };
	struct mb m;
	size_t len;

	len = amsg_build_auth_set(req, sizeof(req), FAM, NLM_F_ACK, 4, NULL,
				  sta, true);
	mb_genl(&m, FAM, NLM_F_REQUEST | NLM_F_ACK, 0, APEDGE_CMD_AUTH_SET,
		APEDGE_FAMILY_VERSION);
	mb_u32(&m, APEDGE_A_AUTH_IFINDEX, 4);
	mb_attr(&m, APEDGE_A_AUTH_MAC, sta, 6);
	mb_u8(&m, APEDGE_A_AUTH_AUTHORIZED, 1);
	mb_end(&m);
	UT_ASSERT(len == m.len);
	UT_EXPECT(!memcmp(req, m.buf, len));

	len = amsg_build_auth_set(req, sizeof(req), FAM, NLM_F_ACK, 0, "eth1",
				  NULL, false);
	mb_genl(&m, FAM, NLM_F_REQUEST | NLM_F_ACK, 0, APEDGE_CMD_AUTH_SET,
		APEDGE_FAMILY_VERSION);
	mb_str(&m, APEDGE_A_AUTH_IFNAME, "eth1");
	mb_u8(&m, APEDGE_A_AUTH_AUTHORIZED, 0);
	mb_end(&m);
	UT_ASSERT(len == m.len);
	UT_EXPECT(!memcmp(req, m.buf, len));

	len = amsg_build_auth_get(req, sizeof(req), FAM, NLM_F_ACK, 0, NULL);
	mb_genl(&m, FAM, NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP, 0,
		APEDGE_CMD_AUTH_GET, APEDGE_FAMILY_VERSION);
	mb_end(&m);
	UT_ASSERT(len == m.len);
	UT_EXPECT(!memcmp(req, m.buf, len));
	UT_EXPECT(amsg_build_auth_set(req, 20, FAM, 0, 4, NULL, sta, 1) == 0);
}

/* A port's 802.1X settings: parsed, built, refused. */
UT_CASE(port_auth)
{
	struct amsg_port p, again;
	struct amsg_err err;
	struct mb m;
	size_t len;

	port_reply(&m);
	mb_u8(&m, APEDGE_A_PORT_AUTH_MODE, APEDGE_AUTH_MODE_PORT);
	mb_u32(&m, APEDGE_A_PORT_AUTH_ALLOW, APEDGE_AUTH_ALLOW_ARP);
	mb_end(&m);
	UT_ASSERT(amsg_parse_port(m.buf, m.len, FAM, &p, &err) == 0);
	UT_EXPECT(p.has_auth_mode && p.auth_mode == APEDGE_AUTH_MODE_PORT);
	UT_EXPECT(p.has_auth_allow && p.auth_allow == APEDGE_AUTH_ALLOW_ARP);
	len = amsg_build_port(req, sizeof(req), FAM, NLM_F_ACK,
			      APEDGE_CMD_PORT_SET, &p);
	UT_ASSERT(len > 0);
	UT_ASSERT(amsg_parse_port(req, len, FAM, &again, &err) == 0);
	UT_EXPECT(again.has_auth_mode && again.auth_mode == p.auth_mode);
	UT_EXPECT(again.has_auth_allow && again.auth_allow == p.auth_allow);
	port_reply(&m);
	mb_u8(&m, APEDGE_A_PORT_AUTH_MODE, 3);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "auth-mode: unknown mode 3"));
	port_reply(&m);
	mb_u32(&m, APEDGE_A_PORT_AUTH_MODE, 1);
	mb_end(&m);
	UT_EXPECT(port_fails(m.buf, m.len, "auth-mode: length 4"));
}

UT_MAIN("lib_amsg", UT_ENTRY(xid_send_builder), UT_ENTRY(port_event_good),
	UT_ENTRY(port_event_extras), UT_ENTRY(port_event_truncated),
	UT_ENTRY(port_event_bad_lengths), UT_ENTRY(port_event_bad_attributes),
	UT_ENTRY(port_event_wrong_message), UT_ENTRY(family_good),
	UT_ENTRY(family_bad), UT_ENTRY(ack), UT_ENTRY(info),
	UT_ENTRY(datagram_walk), UT_ENTRY(builders),
	UT_ENTRY(binding_add_builder), UT_ENTRY(binding_dump_builder),
	UT_ENTRY(port_policy_builder), UT_ENTRY(builder_overflow),
	UT_ENTRY(binding_good), UT_ENTRY(binding_bad),
	UT_ENTRY(port_reply_full), UT_ENTRY(port_reply_bad), UT_ENTRY(stats),
	UT_ENTRY(binding_config), UT_ENTRY(punt), UT_ENTRY(punt_mac),
	UT_ENTRY(done_and_long_extack), UT_ENTRY(event_kind),
	UT_ENTRY(genl_cmd), UT_ENTRY(family_lookup), UT_ENTRY(sta_authorized),
	UT_ENTRY(port_l2update), UT_ENTRY(auth_objects),
	UT_ENTRY(auth_builders), UT_ENTRY(port_auth))
