// SPDX-License-Identifier: GPL-2.0
/*
 * The nl80211 station message parser and request builders
 * (nl80211_msg.c), on hand-built messages: good ones, every truncation of
 * them, and malformed ones.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <linux/nl80211.h>

#include "wifi/wire.h"
#include "nlmb.h"
#include "ut.h"

#define FAM 0x1c

static const uint8_t MAC1[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };

/* Messages of this family start with genetlink version 0. */
static void mb_start(struct mb *m, uint16_t type, uint16_t flags,
		     uint32_t seq, uint8_t cmd)
{
	mb_genl(m, type, flags, seq, cmd, 0);
}

static void mb_flags(struct mb *m, uint32_t mask, uint32_t set)
{
	struct nl80211_sta_flag_update fl = { .mask = mask, .set = set };
	uint32_t u = 1234;

	mb_nest_start(m, NL80211_ATTR_STA_INFO);
	mb_u32(m, NL80211_STA_INFO_INACTIVE_TIME, u);
	mb_attr(m, NL80211_STA_INFO_STA_FLAGS, &fl, sizeof(fl));
	mb_u32(m, NL80211_STA_INFO_CONNECTED_TIME, u);
	mb_nest_end(m);
}

#define AUTH (1u << NL80211_STA_FLAG_AUTHORIZED)
#define WME (1u << NL80211_STA_FLAG_WME)

/* A GET_STATION reply as the kernel sends it (same command as the event). */
static void reply_msg(struct mb *m, uint32_t mask, uint32_t set)
{
	mb_start(m, FAM, NLM_F_MULTI, 77, NL80211_CMD_NEW_STATION);
	mb_u32(m, NL80211_ATTR_IFINDEX, 5);
	mb_attr(m, NL80211_ATTR_MAC, MAC1, 6);
	mb_u32(m, NL80211_ATTR_GENERATION, 9);
	mb_flags(m, mask, set);
	mb_end(m);
}

/* A NEW_STATION event with IEs and a VLAN. */
static void event_msg(struct mb *m)
{
	static const uint8_t ies[] = { 0, 4, 't', 'e', 's', 't', 1, 1, 0x82 };

	mb_start(m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(m, NL80211_ATTR_IFINDEX, 7);
	mb_attr(m, NL80211_ATTR_MAC, MAC1, 6);
	mb_u32(m, NL80211_ATTR_STA_VLAN, 12);
	mb_attr(m, NL80211_ATTR_IE, ies, sizeof(ies));
	mb_nest_start(m, NL80211_ATTR_STA_INFO);
	mb_nest_end(m);
	mb_end(m);
}

static int parse_fails(const void *buf, size_t len, const char *what)
{
	struct nl80211_msg_sta sta;
	struct amsg_err err;
	int r = nl80211_msg_parse_station(buf, len, FAM, &sta, &err);

	if (r != -EBADMSG || !strstr(err.msg, what)) {
		fprintf(stderr, "  got %d \"%s\", want \"%s\"\n", r,
			r ? err.msg : "", what);
		return 0;
	}
	return 1;
}

UT_CASE(reply_authorized)
{
	struct nl80211_msg_sta sta;
	struct amsg_err err;
	struct mb m;

	reply_msg(&m, AUTH | WME, AUTH | WME);
	UT_ASSERT(nl80211_msg_parse_station(m.buf, m.len, FAM, &sta,
					    &err) == 0);
	UT_EXPECT(sta.cmd == NL80211_CMD_NEW_STATION);
	UT_EXPECT(sta.seq == 77 && (sta.nlmsg_flags & NLM_F_MULTI));
	UT_EXPECT(sta.ifindex == 5);
	UT_EXPECT(!memcmp(sta.mac, MAC1, 6));
	UT_EXPECT(sta.has_generation && sta.generation == 9);
	UT_EXPECT(sta.has_flags);
	UT_EXPECT(nl80211_msg_sta_authorized(&sta));
	UT_EXPECT(!sta.vlan_ifindex && !sta.ies && !sta.ies_len);
}

UT_CASE(reply_not_authorized)
{
	struct nl80211_msg_sta sta;
	struct amsg_err err;
	struct mb m;

	/* In the mask but not set: not authorized. */
	reply_msg(&m, AUTH | WME, WME);
	UT_ASSERT(nl80211_msg_parse_station(m.buf, m.len, 0, &sta, &err) == 0);
	UT_EXPECT(sta.has_flags && !nl80211_msg_sta_authorized(&sta));
	/* Set but not in the mask: the kernel says nothing of it. */
	reply_msg(&m, WME, AUTH | WME);
	UT_ASSERT(nl80211_msg_parse_station(m.buf, m.len, 0, &sta, &err) == 0);
	UT_EXPECT(!nl80211_msg_sta_authorized(&sta));
}

UT_CASE(event_new)
{
	struct nl80211_msg_sta sta;
	struct amsg_err err;
	struct mb m;

	event_msg(&m);
	UT_ASSERT(nl80211_msg_parse_station(m.buf, m.len, FAM, &sta,
					    &err) == 0);
	UT_EXPECT(sta.ifindex == 7 && sta.vlan_ifindex == 12);
	UT_EXPECT(!sta.has_flags && !nl80211_msg_sta_authorized(&sta));
	UT_EXPECT(!sta.has_generation);
	UT_ASSERT(sta.ies && sta.ies_len == 9);
	UT_EXPECT(sta.ies[0] == 0 && sta.ies[1] == 4 && sta.ies[8] == 0x82);
	UT_EXPECT(sta.ies >= m.buf && sta.ies + sta.ies_len <= m.buf + m.len);
}

UT_CASE(event_del)
{
	struct nl80211_msg_sta sta;
	struct amsg_err err;
	struct mb m;

	mb_start(&m, FAM, 0, 0, NL80211_CMD_DEL_STATION);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	/* Unknown and high attribute types are stepped over. */
	mb_u32(&m, NL80211_ATTR_MAX, 1);
	mb_u32(&m, 0x7fff, 1);
	mb_end(&m);
	UT_ASSERT(nl80211_msg_parse_station(m.buf, m.len, FAM, &sta,
					    &err) == 0);
	UT_EXPECT(sta.cmd == NL80211_CMD_DEL_STATION && sta.ifindex == 3);
	UT_EXPECT(!memcmp(sta.mac, MAC1, 6));

	/* Trailing bytes after nlmsg_len are not the message's. */
	m.buf[m.len] = 0xff;
	UT_EXPECT(nl80211_msg_parse_station(m.buf, m.len + 1, FAM, &sta,
					    &err) == 0);
}

/* Every proper prefix of a good message fails cleanly. */
static int all_truncations_fail(const struct mb *good)
{
	size_t n;

	for (n = 0; n < good->len; n++) {
		struct nl80211_msg_sta sta;
		struct amsg_err err;
		uint8_t *copy = malloc(n ? n : 1);
		uint32_t len = (uint32_t)n;
		int r;

		/* As cut off on the wire: the header still says full length. */
		memcpy(copy, good->buf, n);
		r = nl80211_msg_parse_station(copy, n, FAM, &sta, &err);
		if (r != -EBADMSG) {
			fprintf(stderr, "  prefix %zu parsed\n", n);
			free(copy);
			return 0;
		}
		/* As re-framed: nlmsg_len says the shorter length. */
		if (n >= sizeof(len)) {
			memcpy(copy, &len, sizeof(len));
			r = nl80211_msg_parse_station(copy, n, FAM, &sta,
						      &err);
			/*
			 * Cut at an attribute boundary, it may still parse
			 * when what is required is there: then whole.
			 */
			if (r == 0 && (!sta.ifindex ||
				       memcmp(sta.mac, MAC1, 6))) {
				free(copy);
				return 0;
			}
			if (r != 0 && r != -EBADMSG) {
				free(copy);
				return 0;
			}
		}
		free(copy);
	}
	return 1;
}

UT_CASE(truncations)
{
	struct mb m;

	reply_msg(&m, AUTH, AUTH);
	UT_EXPECT(all_truncations_fail(&m));
	event_msg(&m);
	UT_EXPECT(all_truncations_fail(&m));
	mb_start(&m, FAM, 0, 0, NL80211_CMD_DEL_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_end(&m);
	UT_EXPECT(all_truncations_fail(&m));
}

UT_CASE(reframed_prefix_needs_all)
{
	struct nl80211_msg_sta sta;
	struct amsg_err err;
	struct mb m;
	uint32_t len;

	/* Re-framed to end right after ifindex: the MAC is missing. */
	mb_start(&m, FAM, 0, 0, NL80211_CMD_DEL_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	len = (uint32_t)m.len;
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_end(&m);
	memcpy(m.buf, &len, sizeof(len));
	UT_EXPECT(parse_fails(m.buf, m.len, "missing attribute: mac"));
	UT_EXPECT(nl80211_msg_parse_station(m.buf, len, FAM, &sta, &err) ==
		  -EBADMSG);
}

UT_CASE(malformed)
{
	static const uint8_t mac5[5] = { 1, 2, 3, 4, 5 };
	static const uint8_t mac7[7] = { 1, 2, 3, 4, 5, 6, 7 };
	struct nl80211_sta_flag_update fl = { AUTH, AUTH };
	struct mb m = { .len = 0 };
	uint16_t u16 = 3;
	uint32_t bad;

	UT_EXPECT(parse_fails(m.buf, 0, "truncated message"));

	/* Wrong family, wrong command. */
	reply_msg(&m, AUTH, AUTH);
	m.buf[4] = FAM + 1;
	UT_EXPECT(parse_fails(m.buf, m.len, "not an nl80211 message"));
	mb_start(&m, FAM, 0, 0, NL80211_CMD_GET_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "not a station message"));

	/* Length below the headers; above the buffer. */
	reply_msg(&m, AUTH, AUTH);
	bad = NLMSG_HDRLEN + 1;
	memcpy(m.buf, &bad, sizeof(bad));
	UT_EXPECT(parse_fails(m.buf, m.len, "bad message length"));
	bad = (uint32_t)m.len + 4;
	memcpy(m.buf, &bad, sizeof(bad));
	UT_EXPECT(parse_fails(m.buf, m.len, "truncated message"));

	/* MAC of 5 and 7 bytes; none. */
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_attr(&m, NL80211_ATTR_MAC, mac5, sizeof(mac5));
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "attribute mac: length 5"));
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_attr(&m, NL80211_ATTR_MAC, mac7, sizeof(mac7));
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "attribute mac: length 7"));
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "missing attribute: mac"));

	/* ifindex: missing, 0, 2 bytes. */
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "missing attribute: ifindex"));
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 0);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "invalid value 0"));
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_attr(&m, NL80211_ATTR_IFINDEX, &u16, sizeof(u16));
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "attribute ifindex: length 2"));

	/* VLAN and generation of the wrong size. */
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_attr(&m, NL80211_ATTR_STA_VLAN, &u16, sizeof(u16));
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "attribute vlan: length 2"));
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_attr(&m, NL80211_ATTR_GENERATION, &u16, sizeof(u16));
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "attribute generation"));

	/* Station flags of 4 and 12 bytes. */
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_nest_start(&m, NL80211_ATTR_STA_INFO);
	mb_attr(&m, NL80211_STA_INFO_STA_FLAGS, &fl, 4);
	mb_nest_end(&m);
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "station flags: length 4"));
	{
		uint32_t f3[3] = { AUTH, AUTH, 0 };

		mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
		mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
		mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
		mb_nest_start(&m, NL80211_ATTR_STA_INFO);
		mb_attr(&m, NL80211_STA_INFO_STA_FLAGS, f3, sizeof(f3));
		mb_nest_end(&m);
		mb_end(&m);
		UT_EXPECT(parse_fails(m.buf, m.len,
				      "station flags: length 12"));
	}

	/* A nested attribute overrunning its parent. */
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_nest_start(&m, NL80211_ATTR_STA_INFO);
	mb_attr(&m, NL80211_STA_INFO_STA_FLAGS, &fl, sizeof(fl));
	mb_nest_end(&m);
	mb_end(&m);
	{
		/* The flags attribute claims 4 more bytes than the nest. */
		size_t at = m.len - NLA_HDRLEN - 8;
		uint16_t l = NLA_HDRLEN + 8 + 4;

		memcpy(m.buf + at, &l, sizeof(l));
		UT_EXPECT(parse_fails(m.buf, m.len, "station info: attribute"));
		l = 2;
		memcpy(m.buf + at, &l, sizeof(l));
		UT_EXPECT(parse_fails(m.buf, m.len,
				      "station info: bad attribute length 2"));
	}

	/* A top-level attribute of length 3; a stray 2-byte tail. */
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	{
		struct nlattr nla = { .nla_len = 3, .nla_type = 1 };

		mb_put(&m, &nla, sizeof(nla));
	}
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "station: bad attribute length 3"));
	mb_start(&m, FAM, 0, 0, NL80211_CMD_NEW_STATION);
	mb_u32(&m, NL80211_ATTR_IFINDEX, 3);
	mb_attr(&m, NL80211_ATTR_MAC, MAC1, 6);
	mb_put(&m, &u16, sizeof(u16));
	mb_end(&m);
	UT_EXPECT(parse_fails(m.buf, m.len, "truncated attribute header"));
}

/* Look at a built request with the parser's own eyes. */
static int find_attr(struct nl_msg *msg, int type, struct nlattr **out)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	*out = nlmsg_find_attr(nlh, GENL_HDRLEN, type);
	return *out != NULL;
}

UT_CASE(build_get)
{
	struct nl_msg *msg = nl80211_msg_build_get_station(FAM, 5, MAC1);
	struct genlmsghdr *gh;
	struct nlattr *a;

	UT_ASSERT(msg);
	UT_EXPECT(nlmsg_hdr(msg)->nlmsg_type == FAM);
	UT_EXPECT(!(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP));
	gh = nlmsg_data(nlmsg_hdr(msg));
	UT_EXPECT(gh->cmd == NL80211_CMD_GET_STATION);
	UT_EXPECT(find_attr(msg, NL80211_ATTR_IFINDEX, &a) &&
		  nla_get_u32(a) == 5);
	UT_EXPECT(find_attr(msg, NL80211_ATTR_MAC, &a) && nla_len(a) == 6 &&
		  !memcmp(nla_data(a), MAC1, 6));
	nlmsg_free(msg);

	msg = nl80211_msg_build_get_station(FAM, 5, NULL);
	UT_ASSERT(msg);
	UT_EXPECT((nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP);
	UT_EXPECT(!find_attr(msg, NL80211_ATTR_MAC, &a));
	nlmsg_free(msg);
}

UT_CASE(build_del)
{
	struct nl_msg *msg = nl80211_msg_build_del_station(FAM, 5, MAC1, 0);
	struct genlmsghdr *gh;
	struct nlattr *a;

	UT_ASSERT(msg);
	gh = nlmsg_data(nlmsg_hdr(msg));
	UT_EXPECT(gh->cmd == NL80211_CMD_DEL_STATION);
	UT_EXPECT(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_ACK);
	UT_EXPECT(find_attr(msg, NL80211_ATTR_MAC, &a) &&
		  !memcmp(nla_data(a), MAC1, 6));
	UT_EXPECT(!find_attr(msg, NL80211_ATTR_REASON_CODE, &a));
	UT_EXPECT(!find_attr(msg, NL80211_ATTR_MGMT_SUBTYPE, &a));
	nlmsg_free(msg);

	msg = nl80211_msg_build_del_station(FAM, 5, MAC1, 3);
	UT_ASSERT(msg);
	UT_EXPECT(find_attr(msg, NL80211_ATTR_REASON_CODE, &a) &&
		  nla_len(a) == 2 && nla_get_u16(a) == 3);
	UT_EXPECT(find_attr(msg, NL80211_ATTR_MGMT_SUBTYPE, &a) &&
		  nla_len(a) == 1 && nla_get_u8(a) == 12);
	nlmsg_free(msg);

	/* Never a request that would remove every station. */
	UT_EXPECT(!nl80211_msg_build_del_station(FAM, 5, NULL, 3));
}

UT_CASE(datagram_walk)
{
	uint8_t dgram[2048];
	const uint8_t *pos = dgram, *msg;
	size_t left, len, off = 0;
	struct amsg_err err;
	struct mb m;
	int n = 0;

	reply_msg(&m, AUTH, AUTH);
	memcpy(dgram + off, m.buf, m.len);
	off += NLMSG_ALIGN(m.len);
	event_msg(&m);
	memcpy(dgram + off, m.buf, m.len);
	off += NLMSG_ALIGN(m.len);
	left = off;
	while (amsg_next(&pos, &left, &msg, &len, &err) > 0) {
		struct nl80211_msg_sta sta;

		if (nl80211_msg_parse_station(msg, len, FAM, &sta, &err) == 0)
			n++;
	}
	UT_EXPECT(n == 2);
}

UT_MAIN("apedged_nl80211_msg",
	UT_ENTRY(reply_authorized),
	UT_ENTRY(reply_not_authorized),
	UT_ENTRY(event_new),
	UT_ENTRY(event_del),
	UT_ENTRY(truncations),
	UT_ENTRY(reframed_prefix_needs_all),
	UT_ENTRY(malformed),
	UT_ENTRY(build_get),
	UT_ENTRY(build_del),
	UT_ENTRY(datagram_walk))
