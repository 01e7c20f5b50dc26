// SPDX-License-Identifier: GPL-2.0
/*
 * The wifi engine object.  See wifi.h.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/mac.h"
#include "wifi/hostapd.h"
#include "wifi/nl80211.h"
#include "wifi/wifi.h"

#define WATCH_MAX 64

struct wifi {
	const struct wifi_ops *ops;
	void *data;
	struct nl80211 *nl;
	bool nl_started;
	struct hostapd *hapd;
	bool use_hostapd;
	/* The watched names, for attaching to their hostapd. */
	char names[WATCH_MAX][IFNAMSIZ];
	unsigned int n_names;
};

/* ---- from nl80211 ------------------------------------------------------- */

static void nl_associated(void *data, int ifindex, const uint8_t mac[6])
{
	struct wifi *w = data;
	const char *ifname = nl80211_ifname(w->nl, ifindex);

	if (ifname && w->ops->associated)
		w->ops->associated(w->data, ifname, mac);
}

static void nl_authorized(void *data, int ifindex, const uint8_t mac[6],
			  uint32_t vlan_ifindex)
{
	struct wifi *w = data;
	const char *ifname = nl80211_ifname(w->nl, ifindex);

	if (ifname && w->ops->authorized)
		w->ops->authorized(w->data, ifname, mac, vlan_ifindex);
}

static void nl_gone(void *data, int ifindex, const uint8_t mac[6])
{
	struct wifi *w = data;
	const char *ifname = nl80211_ifname(w->nl, ifindex);

	if (ifname && w->ops->gone)
		w->ops->gone(w->data, ifname, mac);
}

static const struct nl80211_sta_ops nl_ops = {
	.associated = nl_associated,
	.authorized = nl_authorized,
	.gone = nl_gone,
};

/* ---- from hostapd ------------------------------------------------------- */

static void hapd_connected(void *data, const char *ifname,
			   const uint8_t mac[6])
{
	struct wifi *w = data;

	nl80211_sta_hint(w->nl, ifname, mac);
}

void wifi_sta_hint(struct wifi *w, const char *ifname, const uint8_t mac[6])
{
	if (w->nl)
		nl80211_sta_hint(w->nl, ifname, mac);
}

static void hapd_kicked(void *data, const char *ifname, const uint8_t mac[6],
			int error)
{
	struct wifi *w = data;

	if (w->ops->kick_result)
		w->ops->kick_result(w->data, ifname, mac, error);
}

static const struct hostapd_ops hapd_ops = {
	.connected = hapd_connected,
	.kicked = hapd_kicked,
};

/* ---- API ---------------------------------------------------------------- */

struct wifi *wifi_new(struct loop *loop, struct netif *netif,
		      const struct wifi_ops *ops, void *data)
{
	static const struct wifi_ops no_ops;
	struct wifi *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->ops = ops ? ops : &no_ops;
	w->data = data;
	w->nl = nl80211_new(loop, netif, &nl_ops, w);
	w->hapd = hostapd_new(loop, &hapd_ops, w);
	if (!w->nl || !w->hapd) {
		wifi_free(w);
		return NULL;
	}
	return w;
}

void wifi_free(struct wifi *w)
{
	if (!w)
		return;
	nl80211_free(w->nl);
	hostapd_free(w->hapd);
	free(w);
}

int wifi_configure(struct wifi *w, const struct wifi_settings *s)
{
	unsigned int i;
	int r = 0;

	if (s->hostapd_ctrl && s->client_path)
		r = hostapd_configure(w->hapd, s->hostapd_ctrl, s->client_path);
	if (r < 0)
		log_err("wifi: hostapd's control interface %s: %s",
			s->hostapd_ctrl, strerror(-r));
	if (s->hostapd == w->use_hostapd)
		return r;
	w->use_hostapd = s->hostapd;
	for (i = 0; i < w->n_names; i++) {
		if (w->use_hostapd)
			hostapd_attach(w->hapd, w->names[i]);
		else
			hostapd_detach(w->hapd, w->names[i]);
	}
	return r;
}

int wifi_watch(struct wifi *w, const char *ifname)
{
	int r;

	if (!w->nl_started) {
		r = nl80211_start(w->nl);
		if (r < 0) {
			log_err("nl80211: cannot start: %s; no station events",
				strerror(-r));
			return r;
		}
		w->nl_started = true;
	}
	if (w->n_names >= WATCH_MAX)
		return -ENOSPC;
	r = nl80211_watch(w->nl, ifname);
	if (r < 0)
		return r;
	snprintf(w->names[w->n_names++], IFNAMSIZ, "%s", ifname);
	if (w->use_hostapd && hostapd_attach(w->hapd, ifname) < 0)
		log_warn("wifi: %s: cannot follow its hostapd; authorization "
			 "is polled", ifname);
	return 0;
}

int wifi_unwatch(struct wifi *w, const char *ifname)
{
	unsigned int i;
	int r = nl80211_unwatch(w->nl, ifname);

	if (r < 0)
		return r;
	hostapd_detach(w->hapd, ifname);
	for (i = 0; i < w->n_names; i++) {
		if (strcmp(w->names[i], ifname))
			continue;
		memmove(w->names[i], w->names[i + 1],
			(w->n_names - i - 1) * sizeof(w->names[0]));
		w->n_names--;
		break;
	}
	return 0;
}

int wifi_kick(struct wifi *w, const char *ifname, const uint8_t mac[6],
	      enum wifi_kick_method how)
{
	int ifindex;

	if (!ifname || !mac)
		return -EINVAL;
	if (how == WIFI_KICK_HOSTAPD)
		return hostapd_deauth(w->hapd, ifname, mac);
	ifindex = nl80211_ifindex(w->nl, ifname);
	if (!ifindex)
		return -ENODEV;	/* not an [ap] interface (sta add) */
	return nl80211_del_station(w->nl, ifindex, mac,
				   1 /* unspecified reason */);
}

struct nl80211 *wifi_nl80211(struct wifi *w)
{
	return w->nl;
}

struct hostapd *wifi_hostapd(struct wifi *w)
{
	return w->hapd;
}
