// SPDX-License-Identifier: GPL-2.0
/*
 * Station events from nl80211.  See nl80211.h.
 *
 * lib/nlsock.c provides the socket, which libnl's message building feeds;
 * what comes back is taken apart by the pure parsers of wifi/wire.c and
 * lib/amsg.c.  Each station's life is the state machine of wifi/sta_sm.c:
 * this file turns messages and the clock into its events and carries out
 * its actions (reports, GET_STATION, dumps); it is the only one of the
 * two that sends anything or arms a timer.
 *
 * Stations are kept by (watched ifindex, MAC).  The same MAC may have an
 * entry on two watched interfaces while it moves between two local
 * radios: a NEW_STATION on one makes the others MOVED, which report
 * nothing, so that the old interface's late DEL_STATION does not remove
 * the association on the new one.  A station that hostapd moved to an
 * AP_VLAN interface is removed by the kernel with a DEL_STATION carrying
 * the AP_VLAN's ifindex, not the AP's: a DEL_STATION on an interface we
 * do not watch goes to the entry of that MAC on that AP_VLAN, else on an
 * AP of the same wiphy, else to a MOVED one, else to the only one.
 *
 * One dump runs at a time per netlink socket, so the watched interfaces
 * are dumped one after the other.  Each dump sequence of an interface has
 * a number; a station listed in it, or announced by NEW_STATION while it
 * runs, is marked with that number.  Those not marked when it ends are
 * not gone yet: a dump of an AP interface leaves out the stations on its
 * AP_VLANs (mac80211 lists a station under the interface it is on), while
 * GET_STATION on the AP finds them.  So each is asked for once more
 * (sta_sm's "verifying"), and gone only when the kernel says ENOENT or
 * does not answer in WIFI_STA_VERIFY_MS.
 *
 * The VLAN: the kernel names a station's AP_VLAN in no station message,
 * but a dump of an AP_VLAN interface lists exactly the stations on it.
 * So "dumping a watched interface" is a sequence: the AP interface, then
 * every other interface of the same wiphy (its AP_VLANs; the others list
 * none of our stations, or refuse).  An entry from the dump of another
 * interface puts the station on that VLAN.  A station seen authorized in
 * a dump is reported so only at the end of the sequence, with its VLAN;
 * one that a poll finds authorized starts a sequence when its AP has
 * other interfaces on the wiphy, and is reported at once when it has
 * none.
 *
 * Interface names, indexes and wiphys are looked up through struct
 * nl80211_if_ops: the rtnetlink watcher's table (lib/netif.c), which also
 * says when a watched name comes, goes or is renamed; without one (tools)
 * if_nametoindex(), retried every NL80211_RETRY_MS; the wiphy from sysfs.
 */
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/errno.h>
#include <netlink/msg.h>

#include <linux/nl80211.h>

#include "lib/amsg.h"
#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/mac.h"
#include "lib/netif.h"
#include "lib/nlsock.h"
#include "wifi/nl80211.h"
#include "wifi/sta_sm.h"
#include "wifi/wire.h"

#define REQ_TIMEOUT_MS 2000	/* a dump that got no answer */

struct watched {
	struct list node;
	char name[IFNAMSIZ];
	int ifindex;		/* 0 while the name does not exist */
	bool dump_queued;
	bool missing_logged;
	/* The dump sequence: this interface, then its wiphy's others. */
	int targets[1 + NL80211_SIBLINGS_MAX];
	unsigned int n_targets, next_target;
	unsigned int gen;	/* sequences started */
};

struct sta {
	struct list node;
	struct wifi_sta_sm sm;
	uint32_t req_seq;	/* its GET_STATION in flight, or 0 */
};

struct del_req {
	struct list node;
	uint32_t seq;
	int ifindex;
	uint8_t mac[MAC_LEN];
};

struct nl80211 {
	struct loop *loop;
	struct netif *netif;		/* interface names; NULL: libc */
	struct netif_sub *netif_sub;
	const struct nl80211_sta_ops *ops;
	void *data;
	const struct nl80211_if_ops *if_ops;
	void *if_data;

	struct nlsock *sock;
	struct loop_timer *retry;	/* lookup, names: NL80211_RETRY_MS */
	struct loop_timer *tick;	/* the next station or dump deadline */

	bool present;
	bool absent_logged;
	uint16_t family_id;
	uint32_t mlme_group;		/* joined while present */
	uint32_t notify_group;		/* nlctrl's */

	bool looking;
	unsigned int lookup_ticks;
	uint32_t lookup_seq;
	bool lookup_found;
	struct amsg_family found;

	struct watched *dumping;	/* the dump sequence in flight, or NULL */
	int dump_ifindex;		/* the interface its dump is of */
	uint32_t dump_seq;
	uint64_t dump_sent_ms;

	struct list watched;
	struct list stas;
	struct list dels;
	unsigned int n_stas;
	bool leaving;			/* every station goes: none revives */
	uint64_t gets;			/* GET_STATION sent for stations */
};

static void start_lookup(struct nl80211 *nl);
static void schedule(struct nl80211 *nl);
static struct watched *watched_find(const struct nl80211 *nl,
				    const char *name, int ifindex);
static void find_targets(struct nl80211 *nl, struct watched *w);

static const char *ifname_of(const struct nl80211 *nl, int ifindex)
{
	const char *name = nl80211_ifname(nl, ifindex);

	return name ? name : "?";
}

static int send_msg(struct nl80211 *nl, struct nl_msg *msg, uint32_t *seq)
{
	return nlsock_send(nl->sock, msg, seq);
}

/* ---- interface facts ----------------------------------------------------- */

static int default_index(void *data, const char *name)
{
	return (int)if_nametoindex(name);
}

/* The wiphy an interface is on ("phy0"), from sysfs; "" if none. */
static void wiphy_of(const char *ifname, char *phy, size_t size)
{
	char path[64], link[PATH_MAX];
	const char *slash, *name;
	size_t len;
	ssize_t n;

	phy[0] = '\0';
	snprintf(path, sizeof(path), "/sys/class/net/%s/phy80211", ifname);
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return;
	link[n] = '\0';
	slash = strrchr(link, '/');
	name = slash ? slash + 1 : link;
	len = strlen(name);
	if (len < size)
		memcpy(phy, name, len + 1);
}

static unsigned int default_siblings(void *data, const char *name,
				     int ifindex, int *out, unsigned int max)
{
	char phy[IF_NAMESIZE + 16], other[IF_NAMESIZE + 16];
	struct if_nameindex *all, *i;
	unsigned int n = 0;

	wiphy_of(name, phy, sizeof(phy));
	if (!phy[0])
		return 0;
	all = if_nameindex();
	if (!all)
		return 0;
	for (i = all; i->if_index && n < max; i++) {
		if ((int)i->if_index == ifindex)
			continue;
		wiphy_of(i->if_name, other, sizeof(other));
		if (!strcmp(other, phy))
			out[n++] = (int)i->if_index;
	}
	if_freenameindex(all);
	return n;
}

static const struct nl80211_if_ops default_if_ops = {
	.index = default_index,
	.siblings = default_siblings,
};

/* The same from the rtnetlink watcher's table (the wiphy from sysfs). */
static int netif_index(void *data, const char *name)
{
	const struct netif_link *l = netif_link_by_name(data, name);

	return l ? l->index : 0;
}

static unsigned int netif_siblings(void *data, const char *name,
				   int ifindex, int *out, unsigned int max)
{
	char phy[IF_NAMESIZE + 16], other[IF_NAMESIZE + 16];
	const struct netif_link *l;
	unsigned int n = 0;

	wiphy_of(name, phy, sizeof(phy));
	if (!phy[0])
		return 0;
	for (l = netif_link_next(data, NULL); l && n < max;
	     l = netif_link_next(data, l)) {
		if (l->index == ifindex)
			continue;
		wiphy_of(l->name, other, sizeof(other));
		if (!strcmp(other, phy))
			out[n++] = l->index;
	}
	return n;
}

static const struct nl80211_if_ops netif_if_ops = {
	.index = netif_index,
	.siblings = netif_siblings,
};

/* The name of an interface we may not watch (an AP_VLAN); NULL if none. */
static const char *any_ifname(struct nl80211 *nl, int ifindex, char *buf)
{
	const struct netif_link *l;

	if (!nl->netif)
		return if_indextoname((unsigned int)ifindex, buf);
	l = netif_link_by_index(nl->netif, ifindex);
	return l ? strcpy(buf, l->name) : NULL;
}

/* ---- stations ------------------------------------------------------------ */

/* The entry of (ifindex, mac), gone ones aside. */
static struct sta *sta_find(const struct nl80211 *nl, int ifindex,
			    const uint8_t *mac)
{
	struct list *pos;

	list_for_each(pos, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->sm.ifindex == ifindex && s->sm.state != WIFI_STA_GONE &&
		    !memcmp(s->sm.mac, mac, MAC_LEN))
			return s;
	}
	return NULL;
}

static bool is_target(const struct watched *w, int ifindex)
{
	unsigned int i;

	for (i = 0; w && i < w->n_targets; i++)
		if (w->targets[i] == ifindex)
			return true;
	return false;
}

/*
 * A DEL_STATION on an interface we do not watch (an AP_VLAN): the entry
 * of mac on that AP_VLAN, else on an AP of the same wiphy, else a MOVED
 * one, else the only one; NULL when that leaves more than one.
 */
static struct sta *sta_find_unwatched(struct nl80211 *nl, int ifindex,
				      const uint8_t *mac)
{
	struct sta *vlan = NULL, *sibling = NULL, *moved = NULL, *any = NULL;
	unsigned int n = 0;
	struct list *pos;

	list_for_each(pos, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->sm.state == WIFI_STA_GONE ||
		    memcmp(s->sm.mac, mac, MAC_LEN))
			continue;
		n++;
		any = s;
		if (s->sm.vlan_ifindex == (uint32_t)ifindex)
			vlan = s;
		else if (is_target(watched_find(nl, NULL, s->sm.ifindex),
				   ifindex))
			sibling = s;
		else if (s->sm.state == WIFI_STA_MOVED)
			moved = s;
	}
	if (vlan)
		return vlan;
	if (sibling)
		return sibling;
	if (moved)
		return moved;
	return n == 1 ? any : NULL;
}

static struct sta *sta_by_req(const struct nl80211 *nl, uint32_t seq,
			      const uint8_t *mac)
{
	struct list *pos;

	if (!seq)
		return NULL;
	list_for_each(pos, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->req_seq == seq &&
		    (!mac || !memcmp(s->sm.mac, mac, MAC_LEN)))
			return s;
	}
	return NULL;
}

static void sta_report_authorized(struct nl80211 *nl, struct sta *s)
{
	char buf[MAC_STR_LEN], vlan[IF_NAMESIZE] = "";
	uint32_t v = s->sm.vlan_ifindex;

	if (v && !any_ifname(nl, (int)v, vlan))
		snprintf(vlan, sizeof(vlan), "%u", v);
	log_info("nl80211: %s: station %s authorized after %llu ms%s%s",
		 ifname_of(nl, s->sm.ifindex), mac_format(s->sm.mac, buf),
		 (unsigned long long)(loop_now_ms() - s->sm.since_ms),
		 vlan[0] ? ", on " : "", vlan);
	if (nl->ops->authorized)
		nl->ops->authorized(nl->data, s->sm.ifindex, s->sm.mac, v);
}

static void sta_step(struct nl80211 *nl, struct sta *s,
		     const struct wifi_sta_input *in);

/* Send s's GET_STATION. */
static void sta_get(struct nl80211 *nl, struct sta *s)
{
	struct wifi_sta_input in = { .ev = WIFI_STA_EV_REQ_FAILED };

	if (send_msg(nl, nl80211_msg_build_get_station(nl->family_id,
						       (uint32_t)s->sm.ifindex,
						       s->sm.mac),
		     &s->req_seq) < 0) {
		s->req_seq = 0;
		sta_step(nl, s, &in);
		return;
	}
	nl->gets++;
}

/* Its live twin went away: the MOVED entries of its MAC may be live. */
static void sta_revive(struct nl80211 *nl, const uint8_t *mac)
{
	struct wifi_sta_input in = { .ev = WIFI_STA_EV_REVIVE };
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->sm.state == WIFI_STA_MOVED &&
		    !memcmp(s->sm.mac, mac, MAC_LEN)) {
			sta_step(nl, s, &in);
			return;		/* one is enough */
		}
	}
}

/*
 * Feed s an event and carry out what it says, in order.  s may be freed:
 * the caller must not use it after this.
 */
static void sta_step(struct nl80211 *nl, struct sta *s,
		     const struct wifi_sta_input *in)
{
	bool was_live = wifi_sta_sm_live(&s->sm);
	struct wifi_sta_out out;
	struct watched *w;

	wifi_sta_sm_step(&s->sm, in, loop_now_ms(), &out);
	if ((out.act & WIFI_STA_ACT_ASSOCIATED) && nl->ops->associated)
		nl->ops->associated(nl->data, s->sm.ifindex, s->sm.mac);
	if (out.act & WIFI_STA_ACT_AUTHORIZED)
		sta_report_authorized(nl, s);
	if ((out.act & WIFI_STA_ACT_GONE) && nl->ops->gone)
		nl->ops->gone(nl->data, s->sm.ifindex, s->sm.mac);
	if (out.act & WIFI_STA_ACT_DUMP) {
		w = watched_find(nl, NULL, s->sm.ifindex);
		if (w)
			w->dump_queued = true;
	}
	if (out.act & WIFI_STA_ACT_FREE) {
		uint8_t mac[MAC_LEN];

		memcpy(mac, s->sm.mac, MAC_LEN);
		list_del(&s->node);
		nl->n_stas--;
		free(s);
		if (was_live && !nl->leaving)
			sta_revive(nl, mac);
		return;
	}
	if (out.act & WIFI_STA_ACT_GET)
		sta_get(nl, s);
}

static struct sta *sta_new(struct nl80211 *nl, int ifindex,
			   const uint8_t *mac)
{
	char buf[MAC_STR_LEN];
	struct sta *s;

	if (nl->n_stas >= NL80211_STAS_MAX) {
		log_rl(LOG_WARNING, "nl80211: %s: %u stations known; station "
		       "%s ignored", ifname_of(nl, ifindex), nl->n_stas,
		       mac_format(mac, buf));
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		log_err("nl80211: out of memory; station %s ignored",
			mac_format(mac, buf));
		return NULL;
	}
	wifi_sta_sm_init(&s->sm, ifname_of(nl, ifindex), ifindex, mac,
			 loop_now_ms());
	list_add_tail(&nl->stas, &s->node);
	nl->n_stas++;
	return s;
}

/* The other entries of s's MAC that are live: they moved to s. */
static void sta_moved_here(struct nl80211 *nl, struct sta *s)
{
	struct wifi_sta_input in = { .ev = WIFI_STA_EV_MOVED };
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &nl->stas) {
		struct sta *o = list_entry(pos, struct sta, node);

		if (o != s && o->sm.state != WIFI_STA_MOVED &&
		    o->sm.state != WIFI_STA_GONE &&
		    !memcmp(o->sm.mac, s->sm.mac, MAC_LEN))
			sta_step(nl, o, &in);
	}
}

static bool mac_live_elsewhere(const struct nl80211 *nl, const struct sta *s)
{
	struct list *pos;

	list_for_each(pos, &nl->stas) {
		const struct sta *o = list_entry(pos, struct sta, node);

		if (o != s && wifi_sta_sm_live(&o->sm) &&
		    !memcmp(o->sm.mac, s->sm.mac, MAC_LEN))
			return true;
	}
	return false;
}

/* Every station of ifindex (0: all) gone. */
static void stas_gone(struct nl80211 *nl, int ifindex, const char *why)
{
	struct wifi_sta_input in = { .ev = WIFI_STA_EV_IFACE_GONE,
				     .why = why };
	struct list *pos, *tmp;

	if (!ifindex)
		nl->leaving = true;
	list_for_each_safe(pos, tmp, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (!ifindex || s->sm.ifindex == ifindex)
			sta_step(nl, s, &in);
	}
	nl->leaving = false;
	schedule(nl);
}

/* Whether an authorized station of w waits for a dump sequence. */
static bool need_vlan(struct nl80211 *nl, struct watched *w)
{
	if (!w)
		return false;
	find_targets(nl, w);
	return w->n_targets > 1;
}

/* A NEW_STATION: an event, a dump entry or the answer to a poll. */
static void station_seen(struct nl80211 *nl, const struct nl80211_msg_sta *m)
{
	bool in_dump = nl->dumping && m->seq && m->seq == nl->dump_seq;
	struct wifi_sta_input in = {
		.authorized = nl80211_msg_sta_authorized(m),
		.vlan_ifindex = m->vlan_ifindex,
	};
	int ifindex = (int)m->ifindex;
	struct watched *w;
	struct sta *s = NULL;

	if (in_dump) {
		/* An entry of a sibling's dump belongs to the AP dumped. */
		if (ifindex != nl->dump_ifindex)
			return;		/* not what was asked for */
		ifindex = nl->dumping->ifindex;
		if (nl->dump_ifindex != ifindex)
			in.vlan_ifindex = (uint32_t)nl->dump_ifindex;
		in.ev = WIFI_STA_EV_DUMP;
	} else if (m->seq) {
		/* A poll's answer is ours whatever ifindex it names. */
		s = sta_by_req(nl, m->seq, m->mac);
		if (!s)
			return;		/* a late answer, or not ours */
		s->req_seq = 0;
		ifindex = s->sm.ifindex;
		in.ev = WIFI_STA_EV_REPLY;
	} else {
		if (!nl80211_ifname(nl, ifindex))
			return;		/* not an interface we watch */
		in.ev = WIFI_STA_EV_NEW;
	}
	w = in_dump ? nl->dumping : watched_find(nl, NULL, ifindex);
	in.gen = w ? w->gen : 0;
	if (!s)
		s = sta_find(nl, ifindex, m->mac);
	if (!s) {
		s = sta_new(nl, ifindex, m->mac);
		if (!s)
			return;
		/* Listed here while live elsewhere: the newer one stays. */
		if (in.ev == WIFI_STA_EV_DUMP && mac_live_elsewhere(nl, s)) {
			struct wifi_sta_input mv = { .ev = WIFI_STA_EV_MOVED };

			sta_step(nl, s, &mv);
		}
	}
	if (in.ev == WIFI_STA_EV_NEW)
		sta_moved_here(nl, s);
	if (in.authorized && !s->sm.vlan_ifindex && !in.vlan_ifindex &&
	    in.ev != WIFI_STA_EV_DUMP && s->sm.state != WIFI_STA_AUTHORIZED)
		in.need_vlan = need_vlan(nl, w);
	sta_step(nl, s, &in);
	schedule(nl);
}

static void station_del(struct nl80211 *nl, const struct nl80211_msg_sta *m)
{
	struct wifi_sta_input in = { .ev = WIFI_STA_EV_DEL };
	int ifindex = (int)m->ifindex;
	struct sta *s;

	if (nl80211_ifname(nl, ifindex))
		s = sta_find(nl, ifindex, m->mac);
	else
		s = sta_find_unwatched(nl, ifindex, m->mac);
	if (!s)
		return;
	sta_step(nl, s, &in);
	schedule(nl);
}

/* hostapd says mac connected on ifname: ask the kernel now. */
void nl80211_sta_hint(struct nl80211 *nl, const char *ifname,
		      const uint8_t mac[6])
{
	struct wifi_sta_input in = { .ev = WIFI_STA_EV_HINT };
	struct watched *w = ifname ? watched_find(nl, ifname, 0) : NULL;
	char buf[MAC_STR_LEN];
	struct sta *s;

	if (!w || !w->ifindex || !nl->present)
		return;
	s = sta_find(nl, w->ifindex, mac);
	if (!s)
		return;		/* its NEW_STATION is still to come */
	log_debug("nl80211: %s: station %s: hostapd says it is connected; "
		  "asking the kernel", w->name, mac_format(mac, buf));
	sta_step(nl, s, &in);
	schedule(nl);
}

/* ---- dumps ----------------------------------------------------------------- */

/* The interface itself, then the other interfaces of its wiphy. */
static void find_targets(struct nl80211 *nl, struct watched *w)
{
	w->n_targets = 0;
	w->next_target = 0;
	if (!w->ifindex)
		return;
	w->targets[w->n_targets++] = w->ifindex;
	if (nl->if_ops->siblings)
		w->n_targets += nl->if_ops->siblings(nl->if_data, w->name,
						     w->ifindex,
						     w->targets + 1,
						     NL80211_SIBLINGS_MAX);
}

/* Dump the next interface of the sequence in flight; false when none. */
static bool dump_target(struct nl80211 *nl)
{
	struct watched *w = nl->dumping;

	while (w->next_target < w->n_targets) {
		int ifindex = w->targets[w->next_target++];

		if (send_msg(nl, nl80211_msg_build_get_station(
					nl->family_id, (uint32_t)ifindex,
					NULL), &nl->dump_seq) < 0)
			continue;
		nl->dump_ifindex = ifindex;
		nl->dump_sent_ms = loop_now_ms();
		log_debug("nl80211: %s: dumping the stations of ifindex %d "
			  "(seq %u)", w->name, ifindex, nl->dump_seq);
		return true;
	}
	return false;
}

static void dump_next(struct nl80211 *nl)
{
	struct list *pos;

	if (nl->dumping || !nl->present)
		return;
	list_for_each(pos, &nl->watched) {
		struct watched *w = list_entry(pos, struct watched, node);

		if (!w->dump_queued || !w->ifindex)
			continue;
		find_targets(nl, w);
		nl->dumping = w;
		if (!dump_target(nl)) {
			nl->dumping = NULL;
			return;		/* the next tick tries again */
		}
		w->dump_queued = false;
		w->gen++;
		return;
	}
}

/*
 * One dump of the sequence is over (or failed): on to the next, or end
 * the sequence.  Stations not listed in it are verified; the authorized
 * ones waiting for their VLAN are reported.
 */
static void dump_done(struct nl80211 *nl)
{
	struct wifi_sta_input missed = { .ev = WIFI_STA_EV_DUMP_MISSED };
	struct watched *w = nl->dumping;
	struct wifi_sta_input done = { .ev = WIFI_STA_EV_SEQ_DONE,
				       .gen = w->gen };
	struct list *pos, *tmp;

	if (dump_target(nl))
		return;
	nl->dumping = NULL;
	log_debug("nl80211: %s: station dump done", w->name);
	list_for_each_safe(pos, tmp, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->sm.ifindex == w->ifindex &&
		    s->sm.seen_gen != w->gen)
			sta_step(nl, s, &missed);
	}
	list_for_each_safe(pos, tmp, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->sm.ifindex == w->ifindex)
			sta_step(nl, s, &done);
	}
	dump_next(nl);
	schedule(nl);
}

static void queue_dumps(struct nl80211 *nl)
{
	struct list *pos;

	list_for_each(pos, &nl->watched)
		list_entry(pos, struct watched, node)->dump_queued = true;
	dump_next(nl);
	schedule(nl);
}

static bool dumps_queued(struct nl80211 *nl)
{
	struct list *pos;

	list_for_each(pos, &nl->watched) {
		struct watched *w = list_entry(pos, struct watched, node);

		if (w->dump_queued && w->ifindex)
			return true;
	}
	return false;
}

/* ---- the clock ------------------------------------------------------------- */

static void tick_cb(struct loop_timer *t, void *data)
{
	struct wifi_sta_input in = { .ev = WIFI_STA_EV_TIMER };
	struct nl80211 *nl = data;
	uint64_t now = loop_now_ms(), next;
	struct list *pos, *tmp;

	if (!nl->present)
		return;
	list_for_each_safe(pos, tmp, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		next = wifi_sta_sm_next_ms(&s->sm);
		if (next && next <= now)
			sta_step(nl, s, &in);
	}
	if (nl->dumping && now - nl->dump_sent_ms >= REQ_TIMEOUT_MS) {
		log_warn("nl80211: %s: station dump got no answer; again",
			 nl->dumping->name);
		nl->dumping->dump_queued = true;
		nl->dumping = NULL;
	}
	dump_next(nl);
	schedule(nl);
}

/*
 * Arm the tick for the earliest deadline: a station's (a poll, a
 * verification), the dump in flight's timeout, or at once for a dump
 * waiting to start.
 */
static void schedule(struct nl80211 *nl)
{
	uint64_t now = loop_now_ms(), next = 0, t;
	struct list *pos;

	if (!nl->tick)
		return;
	if (!nl->present) {
		loop_timer_disarm(nl->tick);
		return;
	}
	list_for_each(pos, &nl->stas) {
		t = wifi_sta_sm_next_ms(&list_entry(pos, struct sta,
						    node)->sm);
		if (t && (!next || t < next))
			next = t;
	}
	if (nl->dumping) {
		t = nl->dump_sent_ms + REQ_TIMEOUT_MS;
		if (!next || t < next)
			next = t;
	} else if (dumps_queued(nl)) {
		next = now;
	}
	if (!next)
		loop_timer_disarm(nl->tick);
	else
		loop_timer_rearm(nl->tick, next > now ? next - now : 0, 0);
}

/* ---- the family ---------------------------------------------------------- */

static void go_absent(struct nl80211 *nl, bool unloaded)
{
	struct list *pos, *tmp;

	if (nl->present) {
		if (nl->mlme_group)
			nlsock_leave(nl->sock, nl->mlme_group);
		nl->mlme_group = 0;
		nl->family_id = 0;
		nl->present = false;
		nl->dumping = NULL;
		list_for_each_safe(pos, tmp, &nl->dels) {
			list_del(pos);
			free(list_entry(pos, struct del_req, node));
		}
		stas_gone(nl, 0, "nl80211 went away");
	}
	if (!nl->absent_logged) {
		if (unloaded)
			log_notice("nl80211: the generic netlink family "
				   "\"%s\" went away (cfg80211 unloaded?); "
				   "will retry", NL80211_GENL_NAME);
		else
			log_notice("nl80211: generic netlink family \"%s\" "
				   "not found (cfg80211 not loaded?); no "
				   "station events until it is; will retry",
				   NL80211_GENL_NAME);
		nl->absent_logged = true;
	}
}

static void go_present(struct nl80211 *nl, const struct amsg_family *fam)
{
	uint32_t group = amsg_family_group(fam, NL80211_MULTICAST_GROUP_MLME);
	int r;

	if (nl->present && fam->id == nl->family_id &&
	    group == nl->mlme_group)
		return;
	if (nl->present)
		go_absent(nl, true);	/* it came back under a new id */
	if (!group) {
		log_err("nl80211: family has no \"%s\" multicast group; no "
			"station events", NL80211_MULTICAST_GROUP_MLME);
	} else {
		r = nlsock_join(nl->sock, group);
		if (r < 0) {
			log_err("nl80211: cannot join the \"%s\" multicast "
				"group: %s; no station events",
				NL80211_MULTICAST_GROUP_MLME, nl_geterror(r));
			group = 0;
		}
	}
	nl->family_id = fam->id;
	nl->mlme_group = group;
	nl->present = true;
	nl->absent_logged = false;
	log_notice("nl80211: listening for station events (family id %u, "
		   "group %u)", fam->id, group);
	queue_dumps(nl);
}

static void start_lookup(struct nl80211 *nl)
{
	uint32_t req[AMSG_REQ_SIZE / 4];
	size_t len;

	if (nl->looking)
		return;
	nl->lookup_found = false;
	nl->lookup_ticks = 0;
	len = amsg_build_family_get(req, sizeof(req), 0, NULL);
	if (nlsock_send_bytes(nl->sock, req, len, &nl->lookup_seq) < 0)
		return;		/* the retry timer tries again */
	nl->looking = true;
}

static void join_notify(struct nl80211 *nl, const struct amsg_family *fam)
{
	uint32_t group = amsg_family_group(fam, "notify");
	int r;

	if (!group || group == nl->notify_group)
		return;
	r = nlsock_join(nl->sock, group);
	if (r < 0) {
		log_warn("nl80211: cannot join nlctrl's notify group: %s; "
			 "cfg80211 coming and going is seen only by polling",
			 nl_geterror(r));
		return;
	}
	nl->notify_group = group;
}

static void handle_ctrl(struct nl80211 *nl, const uint8_t *msg, size_t len,
			const struct nlmsghdr *nlh)
{
	struct amsg_family fam;
	struct amsg_err err;
	bool ours;

	if (amsg_parse_family(msg, len, &fam, &err) < 0) {
		log_warn("nl80211: bad nlctrl message: %s", err.msg);
		return;
	}
	ours = !strcmp(fam.name, NL80211_GENL_NAME);
	if (nl->looking && nlh->nlmsg_seq == nl->lookup_seq) {
		if (!strcmp(fam.name, "nlctrl"))
			join_notify(nl, &fam);
		if (ours) {
			nl->found = fam;
			nl->lookup_found = true;
		}
		return;
	}
	if (!ours)
		return;
	if (fam.cmd == CTRL_CMD_NEWFAMILY) {
		log_debug("nl80211: nlctrl: family registered (id %u)", fam.id);
		go_present(nl, &fam);
	} else if (fam.cmd == CTRL_CMD_DELFAMILY && nl->present &&
		   fam.id == nl->family_id) {
		go_absent(nl, true);
	}
}

static void handle_ack(struct nl80211 *nl, const uint8_t *msg, size_t len)
{
	char buf[MAC_STR_LEN];
	struct amsg_err err;
	struct amsg_ack ack;
	struct list *pos;
	struct sta *s;

	if (amsg_parse_ack(msg, len, &ack, &err) < 0) {
		log_warn("nl80211: bad netlink error message: %s", err.msg);
		return;
	}
	if (nl->looking && ack.seq == nl->lookup_seq) {
		nl->looking = false;
		log_warn("nl80211: family lookup failed: %s",
			 strerror(-ack.error));
		return;
	}
	if (nl->dumping && ack.seq == nl->dump_seq) {
		struct watched *w = nl->dumping;

		if (ack.error == -EBUSY) {
			/* An older dump still runs (after ENOBUFS). */
			nl->dumping = NULL;
			w->dump_queued = true;
			schedule(nl);
			return;
		}
		if (nl->dump_ifindex == w->ifindex)
			log_warn("nl80211: %s: cannot list its stations: "
				 "%s%s%s", w->name, strerror(-ack.error),
				 ack.ext_msg[0] ? ": " : "", ack.ext_msg);
		else		/* not an AP_VLAN: a monitor, a station... */
			log_debug("nl80211: %s: ifindex %d lists no "
				  "stations: %s", w->name, nl->dump_ifindex,
				  strerror(-ack.error));
		dump_done(nl);
		return;
	}
	s = sta_by_req(nl, ack.seq, NULL);
	if (s) {
		struct wifi_sta_input in = {
			.ev = ack.error == -ENOENT ? WIFI_STA_EV_ENOENT :
			      WIFI_STA_EV_REQ_FAILED,
		};

		s->req_seq = 0;
		if (ack.error != -ENOENT)
			log_debug("nl80211: station %s: GET_STATION failed: %s",
				  mac_format(s->sm.mac, buf),
				  strerror(-ack.error));
		sta_step(nl, s, &in);
		schedule(nl);
		return;
	}
	list_for_each(pos, &nl->dels) {
		struct del_req *d = list_entry(pos, struct del_req, node);

		if (d->seq != ack.seq)
			continue;
		if (ack.error)
			log_warn("nl80211: %s: cannot remove station %s: "
				 "%s%s%s", ifname_of(nl, d->ifindex),
				 mac_format(d->mac, buf), strerror(-ack.error),
				 ack.ext_msg[0] ? ": " : "", ack.ext_msg);
		else
			log_info("nl80211: %s: station %s removed on request",
				 ifname_of(nl, d->ifindex),
				 mac_format(d->mac, buf));
		list_del(pos);
		free(d);
		return;
	}
}

static void handle_nl80211(struct nl80211 *nl, const uint8_t *msg,
			   size_t len)
{
	struct nl80211_msg_sta m;
	struct genlmsghdr gh;
	struct amsg_err err;

	if (len < NLMSG_HDRLEN + GENL_HDRLEN)
		return;
	memcpy(&gh, msg + NLMSG_HDRLEN, sizeof(gh));
	if (gh.cmd != NL80211_CMD_NEW_STATION &&
	    gh.cmd != NL80211_CMD_DEL_STATION)
		return;		/* the mlme group carries much else */
	if (nl80211_msg_parse_station(msg, len, nl->family_id, &m, &err) < 0) {
		log_warn("nl80211: bad station message: %s", err.msg);
		return;
	}
	if (m.cmd == NL80211_CMD_NEW_STATION)
		station_seen(nl, &m);
	else
		station_del(nl, &m);
}

static void handle_msg(void *data, const uint8_t *msg, size_t msg_len,
		       const struct nlmsghdr *nlh)
{
	struct nl80211 *nl = data;

	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
		handle_ack(nl, msg, msg_len);
		break;
	case NLMSG_DONE:
		if (nl->looking && nlh->nlmsg_seq == nl->lookup_seq) {
			nl->looking = false;
			if (nl->lookup_found)
				go_present(nl, &nl->found);
			else
				go_absent(nl, nl->present);
		} else if (nl->dumping && nlh->nlmsg_seq == nl->dump_seq) {
			dump_done(nl);
		}
		break;
	case GENL_ID_CTRL:
		handle_ctrl(nl, msg, msg_len, nlh);
		break;
	default:
		if (nl->present && nlh->nlmsg_type == nl->family_id)
			handle_nl80211(nl, msg, msg_len);
	}
}

void nl80211_handle_datagram(struct nl80211 *nl, const uint8_t *buf,
			     size_t len)
{
	nlsock_walk("nl80211", buf, len, handle_msg, nl);
}

bool nl80211_present(const struct nl80211 *nl)
{
	return nl->present;
}

/* Messages were lost: ask again for everything. */
void nl80211_resync(struct nl80211 *nl)
{
	struct wifi_sta_input in = { .ev = WIFI_STA_EV_REQ_FAILED };
	struct list *pos, *tmp;

	/* Their answers may be among what was lost. */
	list_for_each_safe(pos, tmp, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->req_seq) {
			s->req_seq = 0;
			sta_step(nl, s, &in);
		}
	}
	list_for_each_safe(pos, tmp, &nl->dels) {
		list_del(pos);
		free(list_entry(pos, struct del_req, node));
	}
	nl->dumping = NULL;
	if (nl->looking) {
		nl->looking = false;
		start_lookup(nl);
	}
	if (nl->present)
		queue_dumps(nl);
}

static void datagram_cb(void *data, const uint8_t *buf, size_t len)
{
	nl80211_handle_datagram(data, buf, len);
}

static void resync_cb(void *data)
{
	nl80211_resync(data);
}

static const struct nlsock_ops sock_ops = {
	.name = "nl80211",
	.overrun_action = "events lost, listing the stations again",
	.datagram = datagram_cb,
	.resync = resync_cb,
};

/* ---- interfaces ---------------------------------------------------------- */

static struct watched *watched_find(const struct nl80211 *nl,
				    const char *name, int ifindex)
{
	struct list *pos;

	list_for_each(pos, &nl->watched) {
		struct watched *w = list_entry(pos, struct watched, node);

		if (name ? !strcmp(w->name, name) :
			   (ifindex && w->ifindex == ifindex))
			return w;
	}
	return NULL;
}

int nl80211_ifindex(const struct nl80211 *nl, const char *ifname)
{
	struct watched *w = watched_find(nl, ifname, 0);

	return w ? w->ifindex : 0;
}

const char *nl80211_ifname(const struct nl80211 *nl, int ifindex)
{
	struct watched *w = watched_find(nl, NULL, ifindex);

	return w ? w->name : NULL;
}

/* Follow the name to its current ifindex. */
static void resolve(struct nl80211 *nl, struct watched *w)
{
	int ifindex = nl->if_ops->index(nl->if_data, w->name);

	if (!ifindex && !w->missing_logged) {
		log_notice("nl80211: %s: no such interface; will look again",
			   w->name);
		w->missing_logged = true;
	}
	if (ifindex == w->ifindex)
		return;
	if (w->ifindex) {
		if (nl->dumping == w)
			nl->dumping = NULL;
		stas_gone(nl, w->ifindex, "interface went away");
	}
	if (ifindex) {
		log_info("nl80211: watching %s (ifindex %d)", w->name,
			 ifindex);
		w->missing_logged = false;
	}
	w->ifindex = ifindex;
	w->dump_queued = ifindex != 0;
	schedule(nl);
}

static void retry_cb(struct loop_timer *t, void *data)
{
	struct nl80211 *nl = data;
	struct list *pos;

	/* Without the interface watcher, names are looked up again here. */
	if (!nl->netif)
		list_for_each(pos, &nl->watched)
			resolve(nl, list_entry(pos, struct watched, node));
	if (nl->looking && ++nl->lookup_ticks >= 2) {
		log_debug("nl80211: family lookup got no answer; again");
		nl->looking = false;
	}
	if (!nl->present)
		start_lookup(nl);
}

/* A link came, went or was renamed: follow the watched names at once. */
static void link_cb(const struct netif_event *ev, void *data)
{
	struct nl80211 *nl = data;
	struct list *pos;

	if (ev->replay || (ev->type != NETIF_LINK_NEW &&
			   ev->type != NETIF_LINK_DEL &&
			   ev->type != NETIF_LINK_RENAME))
		return;
	list_for_each(pos, &nl->watched)
		resolve(nl, list_entry(pos, struct watched, node));
}

int nl80211_watch(struct nl80211 *nl, const char *ifname)
{
	struct watched *w;

	if (!ifname || !ifname[0] || strlen(ifname) >= IFNAMSIZ)
		return -EINVAL;
	if (watched_find(nl, ifname, 0))
		return -EEXIST;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	snprintf(w->name, sizeof(w->name), "%s", ifname);
	list_add_tail(&nl->watched, &w->node);
	if (nl->sock)
		resolve(nl, w);
	return 0;
}

int nl80211_unwatch(struct nl80211 *nl, const char *ifname)
{
	struct watched *w = ifname ? watched_find(nl, ifname, 0) : NULL;

	if (!w)
		return -ENOENT;
	if (nl->dumping == w)
		nl->dumping = NULL;	/* its answers are now ignored */
	if (w->ifindex)
		stas_gone(nl, w->ifindex, "no longer watched");
	list_del(&w->node);
	free(w);
	return 0;
}

int nl80211_del_station(struct nl80211 *nl, int ifindex,
			const uint8_t mac[6], uint16_t reason)
{
	char buf[MAC_STR_LEN];
	struct del_req *d;
	int r;

	if (ifindex <= 0 || !mac)
		return -EINVAL;
	if (!nl->present)
		return -ENOTCONN;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	r = send_msg(nl, nl80211_msg_build_del_station(nl->family_id,
						       (uint32_t)ifindex, mac,
						       reason), &d->seq);
	if (r < 0) {
		free(d);
		return r;
	}
	d->ifindex = ifindex;
	memcpy(d->mac, mac, MAC_LEN);
	list_add_tail(&nl->dels, &d->node);
	log_info("nl80211: %s: removing station %s (reason %u)",
		 ifname_of(nl, ifindex), mac_format(mac, buf), reason);
	return 0;
}

uint32_t nl80211_request_seq(const struct nl80211 *nl, int ifindex,
			     const uint8_t *mac)
{
	struct sta *s;

	if (!mac)
		return nl->dumping && nl->dumping->ifindex == ifindex ?
		       nl->dump_seq : 0;
	s = sta_find(nl, ifindex, mac);
	return s ? s->req_seq : 0;
}

void nl80211_set_if_ops(struct nl80211 *nl, const struct nl80211_if_ops *ops,
			void *data)
{
	if (ops) {
		nl->if_ops = ops;
		nl->if_data = data;
	} else {
		nl->if_ops = nl->netif ? &netif_if_ops : &default_if_ops;
		nl->if_data = nl->netif;
	}
}

/* ---- life ---------------------------------------------------------------- */

struct nl80211 *nl80211_new(struct loop *loop, struct netif *netif,
			    const struct nl80211_sta_ops *ops, void *data)
{
	static const struct nl80211_sta_ops no_ops;
	struct nl80211 *nl = calloc(1, sizeof(*nl));

	if (!nl)
		return NULL;
	nl->loop = loop;
	nl->netif = netif;
	nl->ops = ops ? ops : &no_ops;
	nl->data = data;
	nl->if_ops = netif ? &netif_if_ops : &default_if_ops;
	nl->if_data = netif;
	list_init(&nl->watched);
	list_init(&nl->stas);
	list_init(&nl->dels);
	return nl;
}

int nl80211_start(struct nl80211 *nl)
{
	struct list *pos;

	nl->sock = nlsock_open(nl->loop, &sock_ops, nl);
	if (!nl->sock)
		return -errno;
	nl->retry = loop_timer_add(nl->loop, NL80211_RETRY_MS,
				   NL80211_RETRY_MS, retry_cb, nl);
	nl->tick = loop_timer_add(nl->loop, 0, 0, tick_cb, nl);
	if (!nl->retry || !nl->tick)
		return -errno;
	if (nl->netif) {
		nl->netif_sub = netif_subscribe(nl->netif, NULL, link_cb, nl);
		if (!nl->netif_sub)
			return -errno;
	}
	loop_timer_disarm(nl->tick);
	list_for_each(pos, &nl->watched)
		resolve(nl, list_entry(pos, struct watched, node));
	start_lookup(nl);
	return 0;
}

void nl80211_free(struct nl80211 *nl)
{
	struct list *pos, *tmp;

	if (!nl)
		return;
	netif_unsubscribe(nl->netif_sub);
	list_for_each_safe(pos, tmp, &nl->stas) {
		list_del(pos);
		free(list_entry(pos, struct sta, node));
	}
	list_for_each_safe(pos, tmp, &nl->dels) {
		list_del(pos);
		free(list_entry(pos, struct del_req, node));
	}
	list_for_each_safe(pos, tmp, &nl->watched) {
		list_del(pos);
		free(list_entry(pos, struct watched, node));
	}
	nlsock_close(nl->sock);
	loop_timer_remove(nl->retry);
	loop_timer_remove(nl->tick);
	free(nl);
}
