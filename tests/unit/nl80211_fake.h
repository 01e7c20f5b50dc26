/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's side of nl80211 for unit tests: nlctrl's family
 * notifications, station events, dump entries, poll answers, DONE and
 * errors, built with nlmb.h and handed to nl80211_handle_datagram().  The
 * family is announced under an id no real family has.
 */
#ifndef APEDGE_TEST_NL80211_FAKE_H
#define APEDGE_TEST_NL80211_FAKE_H

#include <stdint.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/nl80211.h>

#include "wifi/nl80211.h"
#include "nlmb.h"

#define FAKE_ID 0x7ff1
#define FAKE_GROUP 0x7ff1
#define AUTH (1u << NL80211_STA_FLAG_AUTHORIZED)

static inline void start(struct mb *m, uint16_t type, uint16_t flags,
			 uint32_t seq, uint8_t cmd)
{
	mb_genl(m, type, flags, seq, cmd, 0);
}

static inline void feed(struct nl80211 *nl, struct mb *m)
{
	mb_end(m);
	nl80211_handle_datagram(nl, m->buf, m->len);
}

static inline void family_ntf(struct nl80211 *nl, uint8_t cmd,
			      uint16_t id)
{
	uint32_t group = FAKE_GROUP;
	struct mb m, grp = { .len = 0 }, entry = { .len = 0 };

	start(&m, GENL_ID_CTRL, 0, 0, cmd);
	mb_attr(&m, CTRL_ATTR_FAMILY_NAME, "nl80211", sizeof("nl80211"));
	mb_attr(&m, CTRL_ATTR_FAMILY_ID, &id, sizeof(id));
	mb_attr(&entry, CTRL_ATTR_MCAST_GRP_NAME, "mlme", sizeof("mlme"));
	mb_attr(&entry, CTRL_ATTR_MCAST_GRP_ID, &group, sizeof(group));
	mb_attr(&grp, 1 | NLA_F_NESTED, entry.buf, entry.len);
	mb_attr(&m, CTRL_ATTR_MCAST_GROUPS | NLA_F_NESTED, grp.buf, grp.len);
	feed(nl, &m);
}

static inline void mac_of(uint8_t last, uint8_t mac[6])
{
	static const uint8_t base[6] = { 0x02, 0, 0, 0, 0x01, 0 };

	memcpy(mac, base, 6);
	mac[5] = last;
}

/* A NEW_STATION (event: seq 0) or DEL_STATION; has_flags when set != -1. */
static inline void sta_msg(struct nl80211 *nl, uint8_t cmd,
			   uint16_t flags, uint32_t seq, uint32_t ifindex,
			   uint8_t last, int64_t set)
{
	struct nl80211_sta_flag_update fl = { AUTH, (uint32_t)set };
	struct mb m, info = { .len = 0 };
	uint8_t mac[6];

	mac_of(last, mac);
	start(&m, FAKE_ID, flags, seq, cmd);
	mb_attr(&m, NL80211_ATTR_IFINDEX, &ifindex, sizeof(ifindex));
	mb_attr(&m, NL80211_ATTR_MAC, mac, 6);
	if (set >= 0) {
		mb_attr(&info, NL80211_STA_INFO_STA_FLAGS, &fl, sizeof(fl));
		mb_attr(&m, NL80211_ATTR_STA_INFO | NLA_F_NESTED, info.buf,
		     info.len);
	}
	feed(nl, &m);
}

static inline void done_msg(struct nl80211 *nl, uint32_t seq)
{
	struct nlmsghdr nlh = { .nlmsg_len = NLMSG_HDRLEN + 4,
				.nlmsg_type = NLMSG_DONE,
				.nlmsg_flags = NLM_F_MULTI, .nlmsg_seq = seq };
	uint8_t buf[NLMSG_HDRLEN + 4] = { 0 };

	memcpy(buf, &nlh, sizeof(nlh));
	nl80211_handle_datagram(nl, buf, sizeof(buf));
}

static inline void error_msg(struct nl80211 *nl, uint32_t seq,
			     int error)
{
	struct nlmsghdr nlh = { .nlmsg_len = NLMSG_HDRLEN +
				sizeof(struct nlmsgerr),
				.nlmsg_type = NLMSG_ERROR,
				.nlmsg_flags = NLM_F_CAPPED, .nlmsg_seq = seq };
	struct nlmsgerr e = { .error = error };
	uint8_t buf[NLMSG_HDRLEN + sizeof(struct nlmsgerr)];

	e.msg.nlmsg_len = NLMSG_HDRLEN;
	e.msg.nlmsg_seq = seq;
	memcpy(buf, &nlh, sizeof(nlh));
	memcpy(buf + NLMSG_HDRLEN, &e, sizeof(e));
	nl80211_handle_datagram(nl, buf, sizeof(buf));
}

#endif
