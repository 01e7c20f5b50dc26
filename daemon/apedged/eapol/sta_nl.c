// SPDX-License-Identifier: GPL-2.0
/*
 * A WPA2 station's nl80211 I/O.  See wsta_nl.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include <linux/if_ether.h>
#include <linux/nl80211.h>

#include "eapol/sta_nl.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/nlsock.h"

enum req { REQ_NONE, REQ_CONNECT, REQ_OTHER, REQ_SCAN };

#define PENDING_MAX 16

struct wsta_nl {
	char ifname[16];
	const struct wsta_nl_ops *ops;
	void *data;
	struct nlsock *sock;
	int family;
	int ifindex;
	struct {
		uint32_t seq;
		enum req kind;
		const char *what;
	} pending[PENDING_MAX];
	unsigned int next;
	/* the GET_SCAN dump in flight */
	uint32_t scan_seq;
	uint8_t scan_bssid[6];
	bool scan_found;
	uint8_t scan_ie[257];
	size_t scan_ie_len;
	uint32_t scan_freq;
};

static void remember(struct wsta_nl *nl, uint32_t seq, enum req kind,
		     const char *what)
{
	unsigned int i = nl->next++ % PENDING_MAX;

	nl->pending[i].seq = seq;
	nl->pending[i].kind = kind;
	nl->pending[i].what = what;
}

static struct nl_msg *start(struct wsta_nl *nl, uint8_t cmd, int flags)
{
	struct nl_msg *m = nlmsg_alloc();

	if (!m)
		return NULL;
	if (!genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags,
			 cmd, 0) ||
	    nla_put_u32(m, NL80211_ATTR_IFINDEX, (uint32_t)nl->ifindex) < 0) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

static int request(struct wsta_nl *nl, struct nl_msg *m, enum req kind,
		const char *what, bool ok)
{
	uint32_t seq = 0;
	int r;

	if (!ok) {
		nlmsg_free(m);
		return -EMSGSIZE;
	}
	if (!m)
		return -ENOMEM;
	r = nlsock_send(nl->sock, m, &seq);
	if (r == 0)
		remember(nl, seq, kind, what);
	return r;
}

int wsta_nl_connect(struct wsta_nl *nl, const struct wsta_connect *c)
{
	struct nl_msg *m;
	bool ok;

	if (!nl->ifindex)
		return -ENODEV;
	m = start(nl, NL80211_CMD_CONNECT, 0);
	if (!m)
		return -ENOMEM;
	ok = nla_put(m, NL80211_ATTR_SSID, (int)c->ssid_len, c->ssid) >= 0 &&
	     nla_put_u32(m, NL80211_ATTR_AUTH_TYPE,
			 NL80211_AUTHTYPE_OPEN_SYSTEM) >= 0 &&
	     nla_put_flag(m, NL80211_ATTR_PRIVACY) >= 0 &&
	     nla_put_u32(m, NL80211_ATTR_WPA_VERSIONS,
			 NL80211_WPA_VERSION_2) >= 0 &&
	     nla_put(m, NL80211_ATTR_CIPHER_SUITES_PAIRWISE, 4,
		     &c->pairwise) >= 0 &&
	     nla_put_u32(m, NL80211_ATTR_CIPHER_SUITE_GROUP, c->group) >= 0 &&
	     nla_put(m, NL80211_ATTR_AKM_SUITES, 4, &c->akm) >= 0 &&
	     nla_put(m, NL80211_ATTR_IE, (int)c->ie_len, c->ie) >= 0 &&
	     nla_put_flag(m, NL80211_ATTR_CONTROL_PORT) >= 0 &&
	     nla_put_u16(m, NL80211_ATTR_CONTROL_PORT_ETHERTYPE,
			 ETH_P_PAE) >= 0 &&
	     nla_put_flag(m, NL80211_ATTR_CONTROL_PORT_OVER_NL80211) >= 0 &&
	     nla_put_flag(m, NL80211_ATTR_SOCKET_OWNER) >= 0;
	if (ok && c->bssid)
		ok = nla_put(m, NL80211_ATTR_MAC, 6, c->bssid) >= 0;
	if (ok && c->freq)
		ok = nla_put_u32(m, NL80211_ATTR_WIPHY_FREQ, c->freq) >= 0;
	return request(nl, m, REQ_CONNECT, "CONNECT", ok);
}

int wsta_nl_disconnect(struct wsta_nl *nl)
{
	struct nl_msg *m;

	if (!nl->ifindex)
		return -ENODEV;
	m = start(nl, NL80211_CMD_DISCONNECT, 0);
	if (!m)
		return -ENOMEM;
	/* 3: deauthenticated because the station is leaving */
	return request(nl, m, REQ_NONE, "DISCONNECT",
		    nla_put_u16(m, NL80211_ATTR_REASON_CODE, 3) >= 0);
}

int wsta_nl_get_bss(struct wsta_nl *nl, const uint8_t bssid[6])
{
	struct nl_msg *m = start(nl, NL80211_CMD_GET_SCAN, NLM_F_DUMP);
	uint32_t seq = 0;
	int r;

	if (!m)
		return -ENOMEM;
	r = nlsock_send(nl->sock, m, &seq);
	if (r < 0)
		return r;
	nl->scan_seq = seq;
	memcpy(nl->scan_bssid, bssid, 6);
	nl->scan_found = false;
	nl->scan_ie_len = 0;
	nl->scan_freq = 0;
	return 0;
}

int wsta_nl_tx_eapol(struct wsta_nl *nl, const uint8_t dst[6],
		    const uint8_t *frame, size_t len, bool no_encrypt)
{
	struct nl_msg *m = start(nl, NL80211_CMD_CONTROL_PORT_FRAME, 0);
	bool ok;

	if (!m)
		return -ENOMEM;
	ok = nla_put(m, NL80211_ATTR_FRAME, (int)len, frame) >= 0 &&
	     nla_put(m, NL80211_ATTR_MAC, 6, dst) >= 0 &&
	     nla_put_u16(m, NL80211_ATTR_CONTROL_PORT_ETHERTYPE,
			 ETH_P_PAE) >= 0;
	if (ok && no_encrypt)
		ok = nla_put_flag(m, NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT) >= 0;
	return request(nl, m, REQ_OTHER, "CONTROL_PORT_FRAME", ok);
}

int wsta_nl_new_key(struct wsta_nl *nl, const struct wsta_key *k)
{
	struct nl_msg *m = start(nl, NL80211_CMD_NEW_KEY, 0);
	struct nlattr *key;
	bool ok;
	int r;

	if (!m)
		return -ENOMEM;
	ok = !k->mac || nla_put(m, NL80211_ATTR_MAC, 6, k->mac) >= 0;
	key = nla_nest_start(m, NL80211_ATTR_KEY);
	ok = ok && key &&
	     nla_put(m, NL80211_KEY_DATA, (int)k->len, k->data) >= 0 &&
	     nla_put_u32(m, NL80211_KEY_CIPHER, k->cipher) >= 0 &&
	     nla_put_u8(m, NL80211_KEY_IDX, k->idx) >= 0 &&
	     nla_put_u32(m, NL80211_KEY_TYPE, k->pairwise ?
			 NL80211_KEYTYPE_PAIRWISE : NL80211_KEYTYPE_GROUP) >= 0;
	if (ok && k->seq_len)
		ok = nla_put(m, NL80211_KEY_SEQ, (int)k->seq_len, k->seq) >= 0;
	if (ok)
		nla_nest_end(m, key);
	r = request(nl, m, REQ_OTHER, "NEW_KEY", ok);
	if (r < 0 || !k->set_default)
		return r;
	m = start(nl, NL80211_CMD_SET_KEY, 0);
	if (!m)
		return -ENOMEM;
	key = nla_nest_start(m, NL80211_ATTR_KEY);
	ok = key && nla_put_u8(m, NL80211_KEY_IDX, k->idx) >= 0 &&
	     nla_put_flag(m, NL80211_KEY_DEFAULT) >= 0;
	if (ok)
		nla_nest_end(m, key);
	return request(nl, m, REQ_OTHER, "SET_KEY", ok);
}

int wsta_nl_authorize(struct wsta_nl *nl, const uint8_t bssid[6])
{
	struct nl_msg *m = start(nl, NL80211_CMD_SET_STATION, 0);
	struct nl80211_sta_flag_update u = {
		.mask = 1u << NL80211_STA_FLAG_AUTHORIZED,
		.set = 1u << NL80211_STA_FLAG_AUTHORIZED,
	};

	if (!m)
		return -ENOMEM;
	return request(nl, m, REQ_OTHER, "SET_STATION",
		    nla_put(m, NL80211_ATTR_MAC, 6, bssid) >= 0 &&
		    nla_put(m, NL80211_ATTR_STA_FLAGS2, sizeof(u), &u) >= 0);
}

/* ---- what comes back ----------------------------------------------------- */

/* An attribute's payload when it is at least min octets long. */
static const uint8_t *attr(struct nlattr **tb, int type, size_t min,
			   size_t *len)
{
	if (!tb[type] || (size_t)nla_len(tb[type]) < min)
		return NULL;
	if (len)
		*len = (size_t)nla_len(tb[type]);
	return nla_data(tb[type]);
}

static uint32_t u32_or(struct nlattr **tb, int type, uint32_t dflt)
{
	uint32_t v;
	const uint8_t *p = attr(tb, type, 4, NULL);

	if (!p)
		return dflt;
	memcpy(&v, p, 4);
	return v;
}

static uint16_t u16_or(struct nlattr **tb, int type, uint16_t dflt)
{
	uint16_t v;
	const uint8_t *p = attr(tb, type, 2, NULL);

	if (!p)
		return dflt;
	memcpy(&v, p, 2);
	return v;
}

static void scan_result(struct wsta_nl *nl, struct nlattr **tb)
{
	struct nlattr *bss[NL80211_BSS_MAX + 1];
	const uint8_t *b, *ies, *rsne = NULL;
	size_t ies_len, rlen;

	if (!tb[NL80211_ATTR_BSS] ||
	    nla_parse_nested(bss, NL80211_BSS_MAX, tb[NL80211_ATTR_BSS], NULL))
		return;
	b = attr(bss, NL80211_BSS_BSSID, 6, NULL);
	if (!b || memcmp(b, nl->scan_bssid, 6))
		return;
	ies = attr(bss, NL80211_BSS_BEACON_IES, 0, &ies_len);
	if (ies)
		rsne = wsta_find_rsne(ies, ies_len, &rlen);
	if (!rsne) {
		ies = attr(bss, NL80211_BSS_INFORMATION_ELEMENTS, 0, &ies_len);
		if (ies)
			rsne = wsta_find_rsne(ies, ies_len, &rlen);
	}
	nl->scan_freq = u32_or(bss, NL80211_BSS_FREQUENCY, 0);
	if (rsne && rlen <= sizeof(nl->scan_ie)) {
		memcpy(nl->scan_ie, rsne, rlen);
		nl->scan_ie_len = rlen;
		nl->scan_found = true;
	}
}

static void genl_msg(struct wsta_nl *nl, const uint8_t *msg, size_t len,
		     const struct nlmsghdr *h)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	const struct genlmsghdr *g;
	const uint8_t *p;
	size_t n;

	if (len < NLMSG_HDRLEN + GENL_HDRLEN)
		return;
	g = (const struct genlmsghdr *)(msg + NLMSG_HDRLEN);
	if (nla_parse(tb, NL80211_ATTR_MAX,
		      (struct nlattr *)(msg + NLMSG_HDRLEN + GENL_HDRLEN),
		      (int)(len - NLMSG_HDRLEN - GENL_HDRLEN), NULL) < 0)
		return;
	if ((int)u32_or(tb, NL80211_ATTR_IFINDEX, 0) != nl->ifindex ||
	    !nl->ifindex)
		return;
	switch (g->cmd) {
	case NL80211_CMD_CONNECT:
		nl->ops->connected(nl->data, attr(tb, NL80211_ATTR_MAC, 6,
						  NULL),
				   tb[NL80211_ATTR_TIMED_OUT] ? 0xffff :
				   u16_or(tb, NL80211_ATTR_STATUS_CODE, 0xffff));
		break;
	case NL80211_CMD_DISCONNECT:
		nl->ops->disconnected(nl->data,
				      u16_or(tb, NL80211_ATTR_REASON_CODE, 0),
				      tb[NL80211_ATTR_DISCONNECTED_BY_AP]);
		break;
	case NL80211_CMD_CONTROL_PORT_FRAME:
		p = attr(tb, NL80211_ATTR_FRAME, 4, &n);
		if (p && attr(tb, NL80211_ATTR_MAC, 6, NULL) &&
		    u16_or(tb, NL80211_ATTR_CONTROL_PORT_ETHERTYPE, 0) ==
		    ETH_P_PAE)
			nl->ops->eapol(nl->data,
				       attr(tb, NL80211_ATTR_MAC, 6, NULL),
				       p, n);
		break;
	case NL80211_CMD_NEW_SCAN_RESULTS:
		if (h->nlmsg_seq == nl->scan_seq && nl->scan_seq)
			scan_result(nl, tb);
		break;
	default:
		break;
	}
}

static void handle(void *data, const uint8_t *msg, size_t len,
		   const struct nlmsghdr *h)
{
	struct wsta_nl *nl = data;
	int32_t err;

	if (h->nlmsg_type == NLMSG_DONE) {
		if (h->nlmsg_seq == nl->scan_seq && nl->scan_seq) {
			nl->scan_seq = 0;
			nl->ops->bss(nl->data, nl->scan_found ? nl->scan_ie :
				     NULL, nl->scan_ie_len, nl->scan_freq);
		}
		return;
	}
	if (h->nlmsg_type == NLMSG_ERROR) {
		if (len < NLMSG_HDRLEN + 4)
			return;
		memcpy(&err, msg + NLMSG_HDRLEN, 4);
		if (h->nlmsg_seq == nl->scan_seq && nl->scan_seq) {
			nl->scan_seq = 0;
			nl->ops->bss(nl->data, NULL, 0, 0);
			return;
		}
		if (!err)
			return;
		for (unsigned int i = 0; i < PENDING_MAX; i++) {
			if (nl->pending[i].seq != h->nlmsg_seq ||
			    nl->pending[i].kind == REQ_NONE)
				continue;
			nl->pending[i].seq = 0;
			log_warn("station %s: %s: %s", nl->ifname,
				 nl->pending[i].what, strerror(-err));
			if (nl->pending[i].kind == REQ_CONNECT)
				nl->ops->connected(nl->data, NULL, 0xffff);
			else
				nl->ops->error(nl->data, nl->pending[i].what,
					       err);
			return;
		}
		return;
	}
	if (h->nlmsg_type == nl->family)
		genl_msg(nl, msg, len, h);
}

static void datagram(void *data, const uint8_t *buf, size_t len)
{
	nlsock_walk("station", buf, len, handle, data);
}

static void resync(void *data)
{
	struct wsta_nl *nl = data;

	log_warn("station %s: nl80211 messages lost", nl->ifname);
}

static const struct nlsock_ops sock_ops = {
	.name = "station",
	.overrun_action = "carrying on",
	.datagram = datagram,
	.resync = resync,
};

struct wsta_nl *wsta_nl_new(struct loop *loop, const char *ifname,
			  const struct wsta_nl_ops *ops, void *data)
{
	struct wsta_nl *nl = calloc(1, sizeof(*nl));
	struct nl_sock *sk = nl_socket_alloc();
	int group = -1;

	if (!nl || !sk)
		goto nomem;
	snprintf(nl->ifname, sizeof(nl->ifname), "%s", ifname);
	nl->ops = ops;
	nl->data = data;
	/* The family's number and the group's, asked once, blocking. */
	if (genl_connect(sk) == 0) {
		nl->family = genl_ctrl_resolve(sk, "nl80211");
		group = genl_ctrl_resolve_grp(sk, "nl80211", "mlme");
	}
	nl_socket_free(sk);
	sk = NULL;
	if (nl->family < 0 || group < 0) {
		log_warn("station %s: no nl80211 in this kernel", ifname);
		free(nl);
		errno = ENOENT;
		return NULL;
	}
	nl->sock = nlsock_open(loop, &sock_ops, nl);
	if (!nl->sock) {
		free(nl);
		return NULL;
	}
	if (nlsock_join(nl->sock, (uint32_t)group) < 0) {
		log_warn("station %s: cannot join nl80211's mlme group",
			 ifname);
		wsta_nl_free(nl);
		errno = EIO;
		return NULL;
	}
	return nl;
nomem:
	nl_socket_free(sk);
	free(nl);
	errno = ENOMEM;
	return NULL;
}

void wsta_nl_free(struct wsta_nl *nl)
{
	if (!nl)
		return;
	nlsock_close(nl->sock);
	free(nl);
}

void wsta_nl_set_ifindex(struct wsta_nl *nl, int ifindex)
{
	nl->ifindex = ifindex;
}
