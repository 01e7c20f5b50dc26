/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Station events from nl80211: which stations associate with, are
 * authorized on, and leave the AP interfaces we watch, whoever runs them
 * (hostapd on any mac80211 driver).
 *
 * One non-blocking generic netlink socket, watched by the loop, joined to
 * nlctrl's "notify" group (to see cfg80211 come and go) and to nl80211's
 * "mlme" group, which carries NL80211_CMD_NEW_STATION and
 * NL80211_CMD_DEL_STATION events.  The family is looked up with a dump of
 * nlctrl's families (which never loads a module); while it is absent
 * (cfg80211 not loaded) the lookup is repeated every NL80211_RETRY_MS.
 *
 * Authorization has no event: hostapd opens the station's 802.1X port with
 * NL80211_CMD_SET_STATION (flag AUTHORIZED) once the 4-way handshake or
 * 802.1X is done, and mac80211 tells nobody.  So every new station that is
 * not yet authorized is polled with GET_STATION, with a backoff (see
 * wifi/sta_sm.h), until its flags show NL80211_STA_FLAG_AUTHORIZED, for at
 * most WIFI_STA_POLL_GIVEUP_MS; then it is logged and left unauthorized.
 * nl80211_sta_hint() (hostapd's AP-STA-CONNECTED) asks at once.  Nothing
 * is reported authorized before the kernel says so (CVE-2019-5108 was
 * acting on association).
 *
 * Stations are kept by (watched interface, MAC).  When a MAC associates on
 * a second watched interface (a station moving between two local radios),
 * the entry on the first one is silently retired: its late DEL_STATION
 * removes nothing, and the callbacks see one association, the new one.
 *
 * At start, when an interface is watched, and whenever events may have been
 * lost (ENOBUFS on the socket), the stations of each watched interface are
 * dumped: new ones are reported, those no longer there are reported gone.
 */
#ifndef APEDGED_NL80211_H
#define APEDGED_NL80211_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;
struct netif;
struct nl80211;

#define NL80211_RETRY_MS 2000		/* family lookup, interface names */
#define NL80211_STAS_MAX 4096		/* stations followed; more ignored */
#define NL80211_SIBLINGS_MAX 16		/* other interfaces of a wiphy dumped */

/*
 * The callbacks; any may be NULL.  ifindex is that of the watched AP
 * interface.  Each station is reported associated once, then authorized
 * at most once, then gone once (gone also without authorized).
 * vlan_ifindex is the AP_VLAN interface the station is on, else 0.  The
 * kernel names it in no station message (NL80211_ATTR_STA_VLAN is taken
 * if it ever comes); it is found by dumping the stations of the other
 * interfaces of the AP's wiphy, so when the AP has AP_VLANs, authorized()
 * comes a dump or two after the kernel flagged the station.  A callback
 * may call nl80211_del_station(), but not nl80211_unwatch() or
 * nl80211_free().
 */
struct nl80211_sta_ops {
	void (*associated)(void *data, int ifindex, const uint8_t mac[6]);
	void (*authorized)(void *data, int ifindex, const uint8_t mac[6],
			   uint32_t vlan_ifindex);
	void (*gone)(void *data, int ifindex, const uint8_t mac[6]);
};

/*
 * netif names the interfaces and tells when a watched one comes, goes or
 * is renamed; NULL (tools, tests) looks names up with libc every
 * NL80211_RETRY_MS instead.
 */
struct nl80211 *nl80211_new(struct loop *loop, struct netif *netif,
			    const struct nl80211_sta_ops *ops, void *data);
/* Open the socket and start looking for the family; 0 or -errno. */
int nl80211_start(struct nl80211 *nl);
/* Also forgets the stations, without calling gone(). */
void nl80211_free(struct nl80211 *nl);

/*
 * Watch or stop watching an AP interface by name.  A name that does not
 * (yet) exist is followed through netif's events (without netif, looked
 * up again every NL80211_RETRY_MS).  Unwatching
 * reports its stations gone.  0, -EEXIST / -ENOENT, -EINVAL or -ENOMEM.
 */
int nl80211_watch(struct nl80211 *nl, const char *ifname);
int nl80211_unwatch(struct nl80211 *nl, const char *ifname);

/* The ifindex of a watched interface's name, 0 if not (yet) known. */
int nl80211_ifindex(const struct nl80211 *nl, const char *ifname);
/* The name of a watched interface, NULL if ifindex is not watched. */
const char *nl80211_ifname(const struct nl80211 *nl, int ifindex);

/*
 * Where interface facts come from, in one place (for tests, and for an
 * rtnetlink watcher to take over): index() is the ifindex of a name, 0
 * when there is none; siblings() writes the ifindexes of the other
 * interfaces on the same wiphy as (name, ifindex), at most max, and
 * returns how many.  By default if_nametoindex() and sysfs's phy80211.
 * NULL restores those.  Call before nl80211_start().
 */
struct nl80211_if_ops {
	int (*index)(void *data, const char *name);
	unsigned int (*siblings)(void *data, const char *name, int ifindex,
				 int *out, unsigned int max);
};

void nl80211_set_if_ops(struct nl80211 *nl, const struct nl80211_if_ops *ops,
			void *data);

/*
 * hostapd announced mac connected (AP-STA-CONNECTED) on the watched
 * interface ifname: ask the kernel for its flags now rather than at the
 * poll's next turn.  Believes nothing itself.
 */
void nl80211_sta_hint(struct nl80211 *nl, const char *ifname,
		      const uint8_t mac[6]);

/* The family is known and its station events are followed. */
bool nl80211_present(const struct nl80211 *nl);

/*
 * List the stations of every watched interface again, as after ENOBUFS:
 * new ones are reported, those no longer there reported gone.
 */
void nl80211_resync(struct nl80211 *nl);

/*
 * Remove a station from the kernel: DEL_STATION with reason code reason
 * (0: none) and the deauthentication subtype.  mac80211 takes its entry
 * away but sends the station no frame (hostapd sends its own before it
 * removes one), so the station and hostapd notice later; use hostapd's
 * control interface where the frame matters.  The result is logged when
 * the kernel answers; gone() follows from the event.  0, -ENOTCONN when
 * nl80211 is absent, -EINVAL, or -errno.
 */
int nl80211_del_station(struct nl80211 *nl, int ifindex,
			const uint8_t mac[6], uint16_t reason);

/*
 * Act on one datagram received from the kernel.  The socket's callback
 * calls it; tests call it to play the kernel's part.
 */
void nl80211_handle_datagram(struct nl80211 *nl, const uint8_t *buf,
			     size_t len);
/*
 * The sequence number of the request in flight for a station (its
 * GET_STATION poll) or, with mac NULL, for an interface (its station
 * dump); 0 when there is none.  For tests and debugging.
 */
uint32_t nl80211_request_seq(const struct nl80211 *nl, int ifindex,
			     const uint8_t *mac);

#endif
