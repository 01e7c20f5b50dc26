/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The wifi engine's wire: nl80211 station messages (pure parsers over raw
 * netlink bytes, builders of libnl requests) and hostapd's control
 * interface lines (a pure parser and builder; at the end).
 *
 * The parser takes one netlink message exactly as it came off the socket
 * (see amsg_next() in msg.h to walk a datagram), trusts none of its
 * lengths, and either fills in a struct or fails with -EBADMSG and a
 * message in struct amsg_err.  It reads with memcpy(), so the buffer need
 * not be aligned.  It accepts the three messages apedged needs:
 *
 *   NL80211_CMD_NEW_STATION  the event (a station was added to an AP
 *                            interface) and every GET_STATION reply or
 *                            dump entry, which the kernel sends with the
 *                            same command
 *   NL80211_CMD_DEL_STATION  the event (a station was removed)
 */
#ifndef APEDGED_NL80211_MSG_H
#define APEDGED_NL80211_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/amsg.h"

struct nl_msg;

#define NL80211_MSG_MAC_LEN 6

/* IEEE 802.11 management frame subtype of a deauthentication. */
#define NL80211_MSG_SUBTYPE_DEAUTH 12

struct nl80211_msg_sta {
	uint8_t cmd;			/* NL80211_CMD_NEW/DEL_STATION */
	uint32_t seq;			/* the netlink sequence number */
	uint16_t nlmsg_flags;
	uint32_t ifindex;		/* never 0 */
	uint8_t mac[NL80211_MSG_MAC_LEN];
	bool has_flags;			/* NL80211_STA_INFO_STA_FLAGS given */
	uint32_t flags_mask;		/* BIT(NL80211_STA_FLAG_*) */
	uint32_t flags_set;
	uint32_t vlan_ifindex;		/* NL80211_ATTR_STA_VLAN, 0 if absent */
	bool has_generation;
	uint32_t generation;		/* NL80211_ATTR_GENERATION */
	/* NL80211_ATTR_IE (the (re)association request's IEs), in buf. */
	const uint8_t *ies;		/* NULL when absent */
	size_t ies_len;
};

/*
 * A NEW_STATION or DEL_STATION message of family family_id (0: any type).
 * ifindex and a MAC of exactly 6 bytes are required; STA_INFO, when
 * present, must be well formed, and its STA_FLAGS exactly 8 bytes.
 */
int nl80211_msg_parse_station(const void *buf, size_t len, uint16_t family_id,
			      struct nl80211_msg_sta *sta,
			      struct amsg_err *err);

/* The flags say the station is authorized (its 802.1X port is open). */
bool nl80211_msg_sta_authorized(const struct nl80211_msg_sta *sta);

/*
 * Builders: a new libnl message (NULL when out of memory), with port and
 * sequence number left for nl_send_auto() to fill in.
 *
 * GET_STATION for one station, or with mac NULL a dump of every station
 * of the interface.  DEL_STATION with an acknowledgement asked for; a
 * reason code of 0 leaves reason and subtype to the kernel, any other is
 * sent with NL80211_ATTR_MGMT_SUBTYPE deauthentication.  DEL_STATION needs
 * a MAC (NULL otherwise): without one the kernel removes every station.
 */
struct nl_msg *nl80211_msg_build_get_station(uint16_t family_id,
					     uint32_t ifindex,
					     const uint8_t *mac);
struct nl_msg *nl80211_msg_build_del_station(uint16_t family_id,
					     uint32_t ifindex,
					     const uint8_t *mac,
					     uint16_t reason);

/*
 * hostapd's control interface: one text command per datagram to the
 * socket CTRL_DIR/IFNAME, one reply per command back to the sender's
 * address, and, to a client that sent ATTACH, unsolicited events
 * "<LEVEL>NAME ARGS" (LEVEL the message's debug level, 0 to 9).
 *
 * hostapd_msg_parse() takes one datagram as received (a trailing "\n"
 * or "\r\n" is allowed) and says what it is: a reply (OK, FAIL, PONG
 * or another), a station event (AP-STA-CONNECTED or AP-STA-DISCONNECTED
 * and the station's MAC, the first argument) or another event; or why it
 * is refused.  Bytes 0x00-0x1f other than the line end, and 0x7f, are
 * refused: hostapd sends text.
 */
#define HOSTAPD_MSG_MAX 4096		/* bytes of a datagram we take */

enum hostapd_msg_kind {
	HOSTAPD_MSG_OK,
	HOSTAPD_MSG_FAIL,
	HOSTAPD_MSG_PONG,
	HOSTAPD_MSG_REPLY,		/* another reply */
	HOSTAPD_MSG_STA_CONNECTED,	/* AP-STA-CONNECTED MAC ... */
	HOSTAPD_MSG_STA_DISCONNECTED,	/* AP-STA-DISCONNECTED MAC ... */
	HOSTAPD_MSG_EVENT,		/* another event */
};

enum hostapd_err {
	HOSTAPD_OK,
	HOSTAPD_ERR_EMPTY,		/* no bytes, or only a line end */
	HOSTAPD_ERR_TOO_LONG,		/* over HOSTAPD_MSG_MAX */
	HOSTAPD_ERR_BYTES,		/* a control byte */
	HOSTAPD_ERR_EVENT,		/* "<" not followed by "DIGIT>NAME" */
	HOSTAPD_ERR_MAC,		/* a station event without a MAC */
	HOSTAPD_ERR_MAX
};

struct hostapd_msg {
	enum hostapd_msg_kind kind;
	int level;			/* events: 0-9; replies: -1 */
	uint8_t mac[NL80211_MSG_MAC_LEN];	/* station events */
};

enum hostapd_err hostapd_msg_parse(const uint8_t *buf, size_t len,
				   struct hostapd_msg *msg);
/* "short" names of the errors, for counters and logs. */
const char *hostapd_err_str(enum hostapd_err e);

enum hostapd_cmd {
	HOSTAPD_CMD_ATTACH,		/* send me your events */
	HOSTAPD_CMD_DETACH,
	HOSTAPD_CMD_PING,		/* answered PONG */
	HOSTAPD_CMD_DEAUTH,		/* DEAUTHENTICATE MAC */
};

/*
 * The command's text (no line end, as hostapd's own client sends it)
 * into buf; its length, or 0 when it does not fit or mac is missing.
 */
size_t hostapd_msg_build(char *buf, size_t size, enum hostapd_cmd cmd,
			 const uint8_t *mac);

#endif
