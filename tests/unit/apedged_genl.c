// SPDX-License-Identifier: GPL-2.0
/*
 * The pure netlink message parsers and builders of apedged (msg.c), on
 * hand-built messages: good ones, and every way of being malformed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

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

UT_CASE(builders)
{
	struct nl_msg *msg;
	struct nlmsghdr *nlh;
	struct amsg_port port;
	struct amsg_err err;

	msg = amsg_build_port_add(FAM, "eth7", APEDGE_PORT_ROLE_TRUSTED);
	UT_ASSERT(msg);
	nlh = nlmsg_hdr(msg);
	UT_EXPECT(nlh->nlmsg_type == FAM);
	UT_EXPECT(nlh->nlmsg_flags & NLM_F_ACK);
	UT_ASSERT(amsg_parse_port(nlh, nlh->nlmsg_len, FAM, &port, &err) == 0);
	UT_EXPECT(port.cmd == APEDGE_CMD_PORT_ADD);
	UT_EXPECT_STR(port.ifname, "eth7");
	UT_EXPECT(port.role == APEDGE_PORT_ROLE_TRUSTED);
	UT_EXPECT(port.ifindex == 0);
	nlmsg_free(msg);

	msg = amsg_build_port_del(FAM, "eth7");
	UT_ASSERT(msg);
	nlh = nlmsg_hdr(msg);
	UT_ASSERT(amsg_parse_port(nlh, nlh->nlmsg_len, FAM, &port, &err) == 0);
	UT_EXPECT(port.cmd == APEDGE_CMD_PORT_DEL && !port.role);
	nlmsg_free(msg);

	msg = amsg_build_family_dump();
	UT_ASSERT(msg);
	nlh = nlmsg_hdr(msg);
	UT_EXPECT(nlh->nlmsg_type == GENL_ID_CTRL);
	UT_EXPECT((nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP);
	nlmsg_free(msg);

	msg = amsg_build_info_get(FAM);
	UT_ASSERT(msg);
	UT_EXPECT(nlmsg_hdr(msg)->nlmsg_type == FAM);
	nlmsg_free(msg);
}

/* The attributes of a built request, by type (0 when absent). */
static const struct nlattr *attr_of(struct nl_msg *msg, int type)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem)
		if (nla_type(a) == type)
			return a;
	return NULL;
}

UT_CASE(xid_send_builder)
{
	static const uint8_t sta[6] = { 2, 0x11, 0x22, 0x33, 0x44, 0x55 };
	struct genlmsghdr *gh;
	struct nl_msg *msg;

	msg = amsg_build_xid_send(FAM, "eth0", sta, APEDGE_XID_MODE_INJECT, 10,
				  3, 50);
	UT_ASSERT(msg);
	UT_EXPECT(nlmsg_hdr(msg)->nlmsg_type == FAM);
	UT_EXPECT(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_ACK);
	gh = nlmsg_data(nlmsg_hdr(msg));
	UT_EXPECT(gh->cmd == APEDGE_CMD_XID_SEND);
	UT_EXPECT_STR(nla_get_string((struct nlattr *)attr_of(msg,
				      APEDGE_A_XID_IFNAME)), "eth0");
	UT_ASSERT(attr_of(msg, APEDGE_A_XID_STA));
	UT_EXPECT(nla_len(attr_of(msg, APEDGE_A_XID_STA)) == 6);
	UT_EXPECT(!memcmp(nla_data(attr_of(msg, APEDGE_A_XID_STA)), sta, 6));
	UT_EXPECT(nla_get_u32((struct nlattr *)attr_of(msg, APEDGE_A_XID_MODE))
		  == APEDGE_XID_MODE_INJECT);
	UT_EXPECT(nla_get_u16((struct nlattr *)attr_of(msg, APEDGE_A_XID_VLAN))
		  == 10);
	UT_EXPECT(nla_get_u32((struct nlattr *)attr_of(msg,
				APEDGE_A_XID_COUNT)) == 3);
	UT_EXPECT(nla_get_u32((struct nlattr *)attr_of(msg,
				APEDGE_A_XID_INTERVAL)) == 50);
	nlmsg_free(msg);

	/* Defaults are left to the module: no mode, vlan, count, interval. */
	msg = amsg_build_xid_send(FAM, "eth0", sta, 0, 0, 1, 50);
	UT_ASSERT(msg);
	UT_EXPECT(attr_of(msg, APEDGE_A_XID_STA));
	UT_EXPECT(!attr_of(msg, APEDGE_A_XID_MODE));
	UT_EXPECT(!attr_of(msg, APEDGE_A_XID_VLAN));
	UT_EXPECT(!attr_of(msg, APEDGE_A_XID_COUNT));
	UT_EXPECT(!attr_of(msg, APEDGE_A_XID_INTERVAL));
	nlmsg_free(msg);
}

UT_CASE(binding_add_builder)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 0x50 };
	static const uint8_t v4[4] = { 192, 0, 2, 50 };
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
	uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8 };
	struct nlmsghdr *nlh;
	struct nl_msg *msg;
	uint32_t life = 600;

	v6[15] = 0x50;
	msg = amsg_build_binding_add(FAM, AF_INET, v4, mac, "wlan0", 600);
	UT_ASSERT(msg);
	nlh = nlmsg_hdr(msg);
	UT_EXPECT(nlh->nlmsg_type == FAM);
	UT_EXPECT(nlh->nlmsg_flags & NLM_F_ACK);
	UT_ASSERT(nlh->nlmsg_len == NLMSG_HDRLEN + sizeof(want) + 4);
	UT_EXPECT(!memcmp(nlmsg_data(nlh), want, sizeof(want)));
	UT_EXPECT(!memcmp((uint8_t *)nlmsg_data(nlh) + sizeof(want), &life,
			  4));
	nlmsg_free(msg);

	/* IPv6; lifetime 0 puts no attribute (the module's "for ever"). */
	msg = amsg_build_binding_add(FAM, AF_INET6, v6, mac, "wlan0", 0);
	UT_ASSERT(msg);
	UT_ASSERT(attr_of(msg, APEDGE_A_BINDING_IPV6));
	UT_EXPECT(nla_len(attr_of(msg, APEDGE_A_BINDING_IPV6)) == 16);
	UT_EXPECT(!memcmp(nla_data(attr_of(msg, APEDGE_A_BINDING_IPV6)), v6,
			  16));
	UT_EXPECT(!attr_of(msg, APEDGE_A_BINDING_IPV4));
	UT_EXPECT(!attr_of(msg, APEDGE_A_BINDING_LIFETIME));
	nlmsg_free(msg);

	UT_EXPECT(!amsg_build_binding_add(FAM, AF_UNIX, v4, mac, "wlan0", 1));
}

UT_CASE(binding_dump_builder)
{
	static const uint8_t want[] = { APEDGE_CMD_BINDING_GET, 1, 0, 0 };
	struct nlmsghdr *nlh;
	struct nl_msg *msg = amsg_build_binding_dump(FAM);

	UT_ASSERT(msg);
	nlh = nlmsg_hdr(msg);
	UT_EXPECT(nlh->nlmsg_type == FAM);
	UT_EXPECT((nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP);
	UT_EXPECT(!(nlh->nlmsg_flags & NLM_F_ACK));
	UT_ASSERT(nlh->nlmsg_len == NLMSG_HDRLEN + sizeof(want));
	UT_EXPECT(!memcmp(nlmsg_data(nlh), want, sizeof(want)));
	nlmsg_free(msg);
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

UT_MAIN("apedged_genl", UT_ENTRY(xid_send_builder), UT_ENTRY(port_event_good),
	UT_ENTRY(port_event_extras), UT_ENTRY(port_event_truncated),
	UT_ENTRY(port_event_bad_lengths), UT_ENTRY(port_event_bad_attributes),
	UT_ENTRY(port_event_wrong_message), UT_ENTRY(family_good),
	UT_ENTRY(family_bad), UT_ENTRY(ack), UT_ENTRY(info),
	UT_ENTRY(datagram_walk), UT_ENTRY(builders),
	UT_ENTRY(binding_add_builder), UT_ENTRY(binding_dump_builder),
	UT_ENTRY(binding_good), UT_ENTRY(binding_bad))
