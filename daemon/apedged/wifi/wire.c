// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing and building of nl80211 station messages and of hostapd's
 * control interface lines.  See wire.h.
 *
 * nl80211 has hundreds of attribute types; rather than index them all, the
 * walk below looks at the few it needs and steps over the others.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <linux/nl80211.h>

#include "wifi/wire.h"
#include "lib/bytes.h"

static int parse_sta_info(const struct amsg_span *info,
			  struct nl80211_msg_sta *sta, struct amsg_err *err)
{
	struct amsg_span rest = *info, val;
	unsigned int type;
	int r;

	while ((r = amsg_next_attr(&rest, &type, &val, "station info",
				   err)) > 0) {
		struct nl80211_sta_flag_update fl;

		if (type != NL80211_STA_INFO_STA_FLAGS)
			continue;
		if (val.len != sizeof(fl))
			return amsg_fail(err, "attribute station flags: "
					 "length %zu, expected %zu", val.len,
					 sizeof(fl));
		memcpy(&fl, val.data, sizeof(fl));
		sta->has_flags = true;
		sta->flags_mask = fl.mask;
		sta->flags_set = fl.set;
	}
	return r;
}

int nl80211_msg_parse_station(const void *buf, size_t len, uint16_t family_id,
			      struct nl80211_msg_sta *sta,
			      struct amsg_err *err)
{
	bool have_ifindex = false, have_mac = false;
	struct amsg_span rest, val;
	struct genlmsghdr gh;
	struct nlmsghdr nlh;
	unsigned int type;
	int r;

	memset(sta, 0, sizeof(*sta));
	if (len < NLMSG_HDRLEN)
		return amsg_fail(err, "truncated message: %zu bytes, a "
				 "netlink header needs %d", len,
				 (int)NLMSG_HDRLEN);
	amsg_header(buf, &nlh);
	if (nlh.nlmsg_len > len)
		return amsg_fail(err, "truncated message: length %u but only "
				 "%zu bytes", nlh.nlmsg_len, len);
	if (nlh.nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return amsg_fail(err, "bad message length %u (a generic "
				 "netlink message needs %d)", nlh.nlmsg_len,
				 (int)(NLMSG_HDRLEN + GENL_HDRLEN));
	if (family_id && nlh.nlmsg_type != family_id)
		return amsg_fail(err, "not an nl80211 message (type %u, "
				 "family %u)", nlh.nlmsg_type, family_id);
	memcpy(&gh, (const uint8_t *)buf + NLMSG_HDRLEN, sizeof(gh));
	if (gh.cmd != NL80211_CMD_NEW_STATION &&
	    gh.cmd != NL80211_CMD_DEL_STATION)
		return amsg_fail(err, "not a station message (command %u)",
				 gh.cmd);
	sta->cmd = gh.cmd;
	sta->seq = nlh.nlmsg_seq;
	sta->nlmsg_flags = nlh.nlmsg_flags;

	rest.data = (const uint8_t *)buf + NLMSG_HDRLEN + GENL_HDRLEN;
	rest.len = nlh.nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	while ((r = amsg_next_attr(&rest, &type, &val, "station", err)) > 0) {
		switch (type) {
		case NL80211_ATTR_IFINDEX:
			r = amsg_get_u32(&val, "ifindex", &sta->ifindex, err);
			if (r < 0)
				return r;
			if (!sta->ifindex)
				return amsg_fail(err, "attribute ifindex: "
						 "invalid value 0");
			have_ifindex = true;
			break;
		case NL80211_ATTR_MAC:
			if (val.len != NL80211_MSG_MAC_LEN)
				return amsg_fail(err, "attribute mac: length "
						 "%zu, expected %d", val.len,
						 NL80211_MSG_MAC_LEN);
			memcpy(sta->mac, val.data, NL80211_MSG_MAC_LEN);
			have_mac = true;
			break;
		case NL80211_ATTR_STA_VLAN:
			r = amsg_get_u32(&val, "vlan", &sta->vlan_ifindex, err);
			if (r < 0)
				return r;
			break;
		case NL80211_ATTR_GENERATION:
			r = amsg_get_u32(&val, "generation",
					 &sta->generation, err);
			if (r < 0)
				return r;
			sta->has_generation = true;
			break;
		case NL80211_ATTR_IE:
			sta->ies = val.len ? val.data : NULL;
			sta->ies_len = val.len;
			break;
		case NL80211_ATTR_STA_INFO:
			sta->has_flags = false;
			r = parse_sta_info(&val, sta, err);
			if (r < 0)
				return r;
			break;
		default:
			break;
		}
	}
	if (r < 0)
		return r;
	if (!have_ifindex)
		return amsg_fail(err, "missing attribute: ifindex");
	if (!have_mac)
		return amsg_fail(err, "missing attribute: mac");
	return 0;
}

bool nl80211_msg_sta_authorized(const struct nl80211_msg_sta *sta)
{
	uint32_t bit = 1u << NL80211_STA_FLAG_AUTHORIZED;

	return sta->has_flags && (sta->flags_mask & bit) &&
	       (sta->flags_set & bit);
}

static struct nl_msg *build(uint16_t family_id, int flags, uint8_t cmd,
			    uint32_t ifindex, const uint8_t *mac)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family_id, 0, flags,
			 cmd, 0) ||
	    nla_put_u32(msg, NL80211_ATTR_IFINDEX, ifindex) < 0 ||
	    (mac && nla_put(msg, NL80211_ATTR_MAC, NL80211_MSG_MAC_LEN,
			    mac) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *nl80211_msg_build_get_station(uint16_t family_id,
					     uint32_t ifindex,
					     const uint8_t *mac)
{
	return build(family_id, mac ? 0 : NLM_F_DUMP, NL80211_CMD_GET_STATION,
		     ifindex, mac);
}

struct nl_msg *nl80211_msg_build_del_station(uint16_t family_id,
					     uint32_t ifindex,
					     const uint8_t *mac,
					     uint16_t reason)
{
	struct nl_msg *msg;

	if (!mac)
		return NULL;	/* without a MAC it would remove them all */
	msg = build(family_id, NLM_F_ACK, NL80211_CMD_DEL_STATION, ifindex,
		    mac);
	if (!msg || !reason)
		return msg;
	if (nla_put_u16(msg, NL80211_ATTR_REASON_CODE, reason) < 0 ||
	    nla_put_u8(msg, NL80211_ATTR_MGMT_SUBTYPE,
		       NL80211_MSG_SUBTYPE_DEAUTH) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* ---- hostapd's control interface ------------------------------------------ */

static const char *const hostapd_errs[HOSTAPD_ERR_MAX] = {
	[HOSTAPD_OK] = "ok",
	[HOSTAPD_ERR_EMPTY] = "empty",
	[HOSTAPD_ERR_TOO_LONG] = "too-long",
	[HOSTAPD_ERR_BYTES] = "bytes",
	[HOSTAPD_ERR_EVENT] = "event",
	[HOSTAPD_ERR_MAC] = "mac",
};

const char *hostapd_err_str(enum hostapd_err e)
{
	return (unsigned int)e < HOSTAPD_ERR_MAX ? hostapd_errs[e] : "?";
}

/* Exactly "xx:xx:xx:xx:xx:xx" at p, n bytes. */
static bool parse_mac(const uint8_t *p, size_t n, uint8_t mac[6])
{
	unsigned int i;
	int hi, lo;

	if (n != 17)
		return false;
	for (i = 0; i < 6; i++) {
		hi = hex_digit(p[3 * i]);
		lo = hex_digit(p[3 * i + 1]);
		if (hi < 0 || lo < 0 || (i < 5 && p[3 * i + 2] != ':'))
			return false;
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

static bool word_is(const uint8_t *p, size_t n, const char *w)
{
	return n == strlen(w) && !memcmp(p, w, n);
}

enum hostapd_err hostapd_msg_parse(const uint8_t *buf, size_t len,
				   struct hostapd_msg *msg)
{
	const uint8_t *name, *arg;
	size_t i, name_len, arg_len;

	memset(msg, 0, sizeof(*msg));
	msg->level = -1;
	if (len > HOSTAPD_MSG_MAX)
		return HOSTAPD_ERR_TOO_LONG;
	if (len && buf[len - 1] == '\n')
		len--;
	if (len && buf[len - 1] == '\r')
		len--;
	if (!len)
		return HOSTAPD_ERR_EMPTY;
	for (i = 0; i < len; i++)
		if (buf[i] < 0x20 || buf[i] == 0x7f)
			return HOSTAPD_ERR_BYTES;

	if (buf[0] != '<') {
		if (word_is(buf, len, "OK"))
			msg->kind = HOSTAPD_MSG_OK;
		else if (word_is(buf, len, "FAIL"))
			msg->kind = HOSTAPD_MSG_FAIL;
		else if (word_is(buf, len, "PONG"))
			msg->kind = HOSTAPD_MSG_PONG;
		else
			msg->kind = HOSTAPD_MSG_REPLY;
		return HOSTAPD_OK;
	}

	/* "<N>NAME[ ARG[ ...]]" */
	if (len < 4 || buf[1] < '0' || buf[1] > '9' || buf[2] != '>' ||
	    buf[3] == ' ')
		return HOSTAPD_ERR_EVENT;
	msg->level = buf[1] - '0';
	name = buf + 3;
	for (name_len = 0; 3 + name_len < len && name[name_len] != ' ';
	     name_len++)
		;
	msg->kind = HOSTAPD_MSG_EVENT;
	if (word_is(name, name_len, "AP-STA-CONNECTED"))
		msg->kind = HOSTAPD_MSG_STA_CONNECTED;
	else if (word_is(name, name_len, "AP-STA-DISCONNECTED"))
		msg->kind = HOSTAPD_MSG_STA_DISCONNECTED;
	else
		return HOSTAPD_OK;

	/* The station's MAC, then the end or a space. */
	if (3 + name_len == len)
		return HOSTAPD_ERR_MAC;
	arg = name + name_len + 1;
	for (arg_len = 0; arg + arg_len < buf + len && arg[arg_len] != ' ';
	     arg_len++)
		;
	if (!parse_mac(arg, arg_len, msg->mac))
		return HOSTAPD_ERR_MAC;
	return HOSTAPD_OK;
}

size_t hostapd_msg_build(char *buf, size_t size, enum hostapd_cmd cmd,
			 const uint8_t *mac)
{
	int n;

	switch (cmd) {
	case HOSTAPD_CMD_ATTACH:
		n = snprintf(buf, size, "ATTACH");
		break;
	case HOSTAPD_CMD_DETACH:
		n = snprintf(buf, size, "DETACH");
		break;
	case HOSTAPD_CMD_PING:
		n = snprintf(buf, size, "PING");
		break;
	case HOSTAPD_CMD_DEAUTH:
		if (!mac)
			return 0;
		n = snprintf(buf, size,
			     "DEAUTHENTICATE %02x:%02x:%02x:%02x:%02x:%02x",
			     mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
		break;
	default:
		return 0;
	}
	return n > 0 && (size_t)n < size ? (size_t)n : 0;
}
