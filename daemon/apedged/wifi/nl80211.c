// SPDX-License-Identifier: GPL-2.0
/*
 * Station events from nl80211.  See nl80211.h.
 *
 * nlsock.c provides the socket, which libnl's message building feeds;
 * what comes back is taken apart by the pure parsers of nl80211_msg.c and
 * msg.c.
 *
 * Stations are kept by (watched ifindex, MAC).  A station that hostapd
 * moved to an AP_VLAN interface is removed by the kernel with a
 * DEL_STATION event carrying the AP_VLAN's ifindex, not the AP's: a
 * DEL_STATION on an interface we do not watch is matched by MAC alone.
 *
 * One dump runs at a time per netlink socket, so the watched interfaces
 * are dumped one after the other.  Stations known when a dump starts are
 * marked stale; the dump and any NEW_STATION event clear the mark.  Those
 * still stale when the dump ends are not gone yet: a dump of an AP
 * interface leaves out the stations on its AP_VLANs (mac80211 lists a
 * station under the interface it is on), while GET_STATION on the AP
 * finds them.  So each is asked for once more ("verifying"), and gone
 * only when the kernel says ENOENT or does not answer in
 * VERIFY_TIMEOUT_MS.
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

#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/mac.h"
#include "lib/amsg.h"
#include "lib/netif.h"
#include "wifi/nl80211.h"
#include "wifi/wire.h"
#include "lib/nlsock.h"

#define REQ_TIMEOUT_MS 2000	/* a GET or a dump that got no answer */
#define VERIFY_TIMEOUT_MS 3000
#define MAX_SIBLINGS 16		/* other interfaces of a wiphy dumped */

struct watched {
	struct list node;
	char name[IFNAMSIZ];
	int ifindex;		/* 0 while the name does not exist */
	bool dump_queued;
	bool missing_logged;
	/* The dump sequence: this interface, then its wiphy's others. */
	int targets[1 + MAX_SIBLINGS];
	unsigned int n_targets, next_target;
	unsigned int gen;	/* sequences started */
};

struct sta {
	struct list node;
	int ifindex;		/* the watched interface's */
	uint8_t mac[MAC_LEN];
	bool authorized;	/* the kernel says so */
	bool auth_pending;	/* not reported yet: waits for the VLAN */
	unsigned int need_gen;	/* ... at the end of this sequence */
	uint32_t vlan_ifindex;	/* the AP_VLAN it was listed under, or 0 */
	bool polling;
	bool stale;		/* known before the dump in progress */
	bool verifying;		/* stale at the dump's end: still there? */
	uint64_t verify_since_ms;
	uint64_t since_ms;	/* when it was first seen */
	uint32_t poll_seq;	/* the GET_STATION in flight, or 0 */
	uint64_t poll_sent_ms;
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

	struct nlsock *sock;
	struct loop_timer *retry;	/* lookup, names: NL80211_RETRY_MS */
	struct loop_timer *tick;	/* polls and dumps, while any */

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
};

static void start_lookup(struct nl80211 *nl);
static void kick(struct nl80211 *nl);

/* The name of an interface we may not watch (an AP_VLAN); NULL if none. */
static const char *any_ifname(struct nl80211 *nl, int ifindex, char *buf)
{
	const struct netif_link *l;

	if (!nl->netif)
		return if_indextoname((unsigned int)ifindex, buf);
	l = netif_link_by_index(nl->netif, ifindex);
	return l ? strcpy(buf, l->name) : NULL;
}

/* The ifindex of a name, 0 when there is none. */
static int any_ifindex(struct nl80211 *nl, const char *name)
{
	const struct netif_link *l;

	if (!nl->netif)
		return (int)if_nametoindex(name);
	l = netif_link_by_name(nl->netif, name);
	return l ? l->index : 0;
}

static const char *ifname_of(const struct nl80211 *nl, int ifindex)
{
	const char *name = nl80211_ifname(nl, ifindex);

	return name ? name : "?";
}

static int send_msg(struct nl80211 *nl, struct nl_msg *msg, uint32_t *seq)
{
	return nlsock_send(nl->sock, msg, seq);
}

/* ---- stations ------------------------------------------------------------ */

static struct sta *sta_find(const struct nl80211 *nl, int ifindex,
			    const uint8_t *mac)
{
	struct list *pos;

	list_for_each(pos, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if ((!ifindex || s->ifindex == ifindex) &&
		    !memcmp(s->mac, mac, MAC_LEN))
			return s;
	}
	return NULL;
}

static void sta_gone(struct nl80211 *nl, struct sta *s, const char *why)
{
	char buf[MAC_STR_LEN];

	log_info("nl80211: %s: station %s gone (%s)",
		 ifname_of(nl, s->ifindex), mac_format(s->mac, buf), why);
	list_del(&s->node);
	if (nl->ops->gone)
		nl->ops->gone(nl->data, s->ifindex, s->mac);
	free(s);
}

/* Every station of ifindex (0: all) gone. */
static void stas_gone(struct nl80211 *nl, int ifindex, const char *why)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (!ifindex || s->ifindex == ifindex)
			sta_gone(nl, s, why);
	}
}

static void sta_report_authorized(struct nl80211 *nl, struct sta *s)
{
	char buf[MAC_STR_LEN], vlan[IF_NAMESIZE] = "";

	s->auth_pending = false;
	if (s->vlan_ifindex && !any_ifname(nl, (int)s->vlan_ifindex, vlan))
		snprintf(vlan, sizeof(vlan), "%u", s->vlan_ifindex);
	log_info("nl80211: %s: station %s authorized after %llu ms%s%s",
		 ifname_of(nl, s->ifindex), mac_format(s->mac, buf),
		 (unsigned long long)(loop_now_ms() - s->since_ms),
		 vlan[0] ? ", on " : "", vlan);
	if (nl->ops->authorized)
		nl->ops->authorized(nl->data, s->ifindex, s->mac,
				    s->vlan_ifindex);
}

static struct watched *watched_find(const struct nl80211 *nl,
				    const char *name, int ifindex);
static void find_targets(struct nl80211 *nl, struct watched *w);


/*
 * The kernel says s is authorized.  Report it now, or at the end of a
 * dump sequence that may find its VLAN.
 */
static void sta_authorized(struct nl80211 *nl, struct sta *s, bool in_dump)
{
	struct watched *w = watched_find(nl, NULL, s->ifindex);

	s->authorized = true;
	s->polling = false;
	s->poll_seq = 0;
	if (in_dump) {
		s->auth_pending = true;
		s->need_gen = w ? w->gen : 0;
		return;
	}
	if (w && !s->vlan_ifindex) {
		find_targets(nl, w);
		if (w->n_targets > 1) {
			/* Not the sequence in flight: it may be past the VLAN. */
			s->auth_pending = true;
			s->need_gen = w->gen + 1;
			w->dump_queued = true;
			kick(nl);
			return;
		}
	}
	sta_report_authorized(nl, s);
}

/* A NEW_STATION: an event, a dump entry or the answer to a poll. */
static void station_seen(struct nl80211 *nl, const struct nl80211_msg_sta *m)
{
	bool in_dump = nl->dumping && m->seq && m->seq == nl->dump_seq;
	int ifindex = (int)m->ifindex;
	struct sta *s = NULL;
	char buf[MAC_STR_LEN];
	struct list *pos;

	/* An entry of a sibling's dump belongs to the AP being dumped. */
	if (in_dump) {
		if (ifindex != nl->dump_ifindex)
			return;		/* not what was asked for */
		ifindex = nl->dumping->ifindex;
	}
	/* A poll's answer is ours whatever ifindex it names. */
	if (m->seq) {
		list_for_each(pos, &nl->stas) {
			struct sta *p = list_entry(pos, struct sta, node);

			if (p->poll_seq == m->seq &&
			    !memcmp(p->mac, m->mac, MAC_LEN)) {
				s = p;
				s->poll_seq = 0;
				break;
			}
		}
	}
	if (!s && !in_dump) {
		if (!nl80211_ifname(nl, ifindex))
			return;		/* not an interface we watch */
		if (m->seq)
			return;		/* a poll's late answer */
	}
	if (!s)
		s = sta_find(nl, ifindex, m->mac);
	if (!s) {
		s = calloc(1, sizeof(*s));
		if (!s) {
			log_err("nl80211: out of memory; station %s ignored",
				mac_format(m->mac, buf));
			return;
		}
		s->ifindex = ifindex;
		memcpy(s->mac, m->mac, MAC_LEN);
		s->since_ms = loop_now_ms();
		list_add_tail(&nl->stas, &s->node);
		log_info("nl80211: %s: station %s associated",
			 ifname_of(nl, s->ifindex), mac_format(s->mac, buf));
		if (nl->ops->associated)
			nl->ops->associated(nl->data, s->ifindex, s->mac);
		s->polling = true;
	}
	s->stale = false;
	if (in_dump) {
		if (nl->dump_ifindex != nl->dumping->ifindex)
			s->vlan_ifindex = (uint32_t)nl->dump_ifindex;
		else if (m->vlan_ifindex)
			s->vlan_ifindex = m->vlan_ifindex;
	} else if (m->vlan_ifindex) {
		s->vlan_ifindex = m->vlan_ifindex;
	}
	if (s->verifying) {
		log_info("nl80211: %s: station %s is still there, though not "
			 "in the dump (on an AP_VLAN?)",
			 ifname_of(nl, s->ifindex), mac_format(s->mac, buf));
		s->verifying = false;
	}
	if (s->authorized)
		return;
	if (nl80211_msg_sta_authorized(m)) {
		sta_authorized(nl, s, in_dump);
		return;
	}
	if (s->polling)
		kick(nl);
}

static void station_del(struct nl80211 *nl, const struct nl80211_msg_sta *m)
{
	struct sta *s = sta_find(nl, (int)m->ifindex, m->mac);

	if (!s && !nl80211_ifname(nl, (int)m->ifindex))
		s = sta_find(nl, 0, m->mac);	/* off an AP_VLAN */
	if (s)
		sta_gone(nl, s, "removed");
}

/* ---- polls and dumps ----------------------------------------------------- */

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

static void add_sibling(struct watched *w, const char *phy, int ifindex,
			const char *name)
{
	char other[IF_NAMESIZE + 16];

	if (ifindex == w->ifindex || w->n_targets >= 1 + MAX_SIBLINGS)
		return;
	wiphy_of(name, other, sizeof(other));
	if (!strcmp(other, phy))
		w->targets[w->n_targets++] = ifindex;
}

/* The interface itself, then the other interfaces of its wiphy. */
static void find_targets(struct nl80211 *nl, struct watched *w)
{
	char phy[IF_NAMESIZE + 16];
	struct if_nameindex *all, *i;
	const struct netif_link *l;

	w->n_targets = 0;
	w->next_target = 0;
	if (!w->ifindex)
		return;
	w->targets[w->n_targets++] = w->ifindex;
	wiphy_of(w->name, phy, sizeof(phy));
	if (!phy[0])
		return;
	if (nl->netif) {
		for (l = netif_link_next(nl->netif, NULL); l;
		     l = netif_link_next(nl->netif, l))
			add_sibling(w, phy, l->index, l->name);
		return;
	}
	all = if_nameindex();
	if (!all)
		return;
	for (i = all; i->if_index; i++)
		add_sibling(w, phy, (int)i->if_index, i->if_name);
	if_freenameindex(all);
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
		struct list *sp;

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
		list_for_each(sp, &nl->stas) {
			struct sta *s = list_entry(sp, struct sta, node);

			if (s->ifindex == w->ifindex)
				s->stale = true;
		}
		return;
	}
}

/*
 * One dump of the sequence is over (or failed): on to the next, or end
 * the sequence.  Stations not seen in it are verified; the authorized
 * ones waiting for their VLAN are reported.
 */
static void dump_done(struct nl80211 *nl)
{
	struct watched *w = nl->dumping;
	struct list *pos, *tmp;

	if (dump_target(nl))
		return;
	nl->dumping = NULL;
	log_debug("nl80211: %s: station dump done", w->name);
	list_for_each_safe(pos, tmp, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->ifindex != w->ifindex)
			continue;
		if (s->stale) {
			s->stale = false;
			s->verifying = true;
			s->verify_since_ms = loop_now_ms();
			s->poll_seq = 0;
			kick(nl);
		}
		if (s->auth_pending && w->gen >= s->need_gen)
			sta_report_authorized(nl, s);
	}
	dump_next(nl);
}

static void queue_dumps(struct nl80211 *nl)
{
	struct list *pos;

	list_for_each(pos, &nl->watched)
		list_entry(pos, struct watched, node)->dump_queued = true;
	kick(nl);
}

static bool dumps_pending(struct nl80211 *nl)
{
	struct list *pos;

	if (nl->dumping)
		return true;
	list_for_each(pos, &nl->watched) {
		struct watched *w = list_entry(pos, struct watched, node);

		if (w->dump_queued && w->ifindex)
			return true;
	}
	return false;
}

/* Ask for a station being polled or verified. */
static void poll_sta(struct nl80211 *nl, struct sta *s, uint64_t now)
{
	char buf[MAC_STR_LEN];

	if (s->polling && now - s->since_ms >= NL80211_AUTH_POLL_MAX_MS) {
		log_notice("nl80211: %s: station %s not authorized after %u "
			   "s; no longer polling (it stays unauthorized "
			   "until the next resynchronisation)",
			   ifname_of(nl, s->ifindex), mac_format(s->mac, buf),
			   NL80211_AUTH_POLL_MAX_MS / 1000);
		s->polling = false;
		if (!s->verifying) {
			s->poll_seq = 0;
			return;
		}
	}
	if (s->poll_seq && now - s->poll_sent_ms < REQ_TIMEOUT_MS)
		return;		/* the last one is still out */
	if (send_msg(nl, nl80211_msg_build_get_station(nl->family_id,
						       (uint32_t)s->ifindex,
						       s->mac),
		     &s->poll_seq) < 0) {
		s->poll_seq = 0;
		return;
	}
	s->poll_sent_ms = now;
}

static void tick_cb(struct loop_timer *t, void *data)
{
	struct nl80211 *nl = data;
	uint64_t now = loop_now_ms();
	struct list *pos, *tmp;
	bool busy = false;

	if (!nl->present) {
		loop_timer_disarm(t);
		return;
	}
	list_for_each_safe(pos, tmp, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->verifying &&
		    now - s->verify_since_ms >= VERIFY_TIMEOUT_MS) {
			sta_gone(nl, s, "not in the station dump, and no "
				 "answer about it");
			continue;
		}
		if (!s->polling && !s->verifying)
			continue;
		poll_sta(nl, s, now);
		busy |= s->polling || s->verifying;
	}
	if (nl->dumping && now - nl->dump_sent_ms >= REQ_TIMEOUT_MS) {
		log_warn("nl80211: %s: station dump got no answer; again",
			 nl->dumping->name);
		nl->dumping->dump_queued = true;
		nl->dumping = NULL;
	}
	dump_next(nl);
	if (!busy && !dumps_pending(nl))
		loop_timer_disarm(t);
}

/* There is polling or dumping to do: make sure the tick runs. */
static void kick(struct nl80211 *nl)
{
	if (!loop_timer_armed(nl->tick))
		loop_timer_rearm(nl->tick, 0, NL80211_AUTH_POLL_MS);
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
	if (nl->looking)
		return;
	nl->lookup_found = false;
	nl->lookup_ticks = 0;
	if (send_msg(nl, amsg_build_family_dump(), &nl->lookup_seq) < 0)
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
			kick(nl);
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
	list_for_each(pos, &nl->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->poll_seq != ack.seq)
			continue;
		/*
		 * Asked again on the next tick.  For a poll, ENOENT too: the
		 * station is going, and its DEL_STATION event (or, if that
		 * was lost, the dump that follows ENOBUFS) says so.
		 */
		s->poll_seq = 0;
		if (s->verifying && ack.error == -ENOENT) {
			sta_gone(nl, s, "not in the station dump");
			return;
		}
		log_debug("nl80211: station %s: GET_STATION failed: %s",
			  mac_format(s->mac, buf), strerror(-ack.error));
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
	struct list *pos, *tmp;

	list_for_each(pos, &nl->stas)
		list_entry(pos, struct sta, node)->poll_seq = 0;
	/* Their answers may be among what was lost. */
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
	int ifindex = any_ifindex(nl, w->name);

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
	if (ifindex && nl->present)
		kick(nl);
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
	return s ? s->poll_seq : 0;
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
	nl->tick = loop_timer_add(nl->loop, NL80211_AUTH_POLL_MS,
				  NL80211_AUTH_POLL_MS, tick_cb, nl);
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
