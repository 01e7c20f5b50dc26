// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: relay mac80211's own Layer-2 Update to the uplinks.
 *
 * When mac80211 authorizes a station on an access point interface
 * (sta_info_move_state() to IEEE80211_STA_AUTHORIZED), it builds an XID
 * Layer-2 Update with the station's address as source and hands it to the
 * interface as if received (cfg80211_send_layer2_update(), netif_rx()).
 * On a port with l2update-relay, the ingress hook recognises that frame
 * (apedge_l2relay_match()) and queues its source, with the port, on a
 * ring of the namespace: no allocation and no lock but the ring's.  A
 * work then, in process context:
 *
 *   1. asks cfg80211 whether the source is a station of the interface and
 *      authorized there (cfg80211_get_station() takes the wiphy mutex, so
 *      it cannot run in the hook);
 *   2. if so, sends apedge's Layer-2 Update for it on every port of the
 *      namespace with l2update set, tagged with the relay port's
 *      l2update-vlan, and counts it relayed on the relay port;
 *   3. tells the events group (sta-authorized-ntf), so that apedged's
 *      IAPP ADD-notify and kick follow the same event;
 *
 * and otherwise counts the frame refused.  The check is what keeps a
 * station from moving another station's address in the switches: a
 * station may send the same bytes with any source address it can get
 * onto the air (a four-address station can choose any), and only
 * cfg80211's own station table says whom the interface has authorized.
 *
 * The frame itself is passed on untouched: the guard decides on it as on
 * any other (a bridge above the port floods it as before).
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/cfg80211.h>

#include "apedge.h"

/*
 * The Layer-2 Update after the Ethernet header (see xid.c): DSAP, SSAP,
 * control, XID format, LLC class; the receive window is any (mac80211
 * sends 0).
 */
static const u8 apedge_l2u_llc[] = { 0x00, 0x01, 0xaf, 0x81, 0x01 };
#define APEDGE_L2U_PAYLOAD	6

/**
 * apedge_l2relay_match - whether a received frame is a Layer-2 Update
 * @skb: the frame as the ingress hook has it: MAC header set, skb->data
 *	 at the network header, skb->protocol from eth_type_trans()
 *
 * An 802.3 frame (a length, not a type, which eth_type_trans() turns
 * into ETH_P_802_2) to the broadcast address, with a length of 6, from
 * a unicast source, carrying an XID response of the null SAP with the
 * basic format and Type 1 LLC: what cfg80211_send_layer2_update()
 * builds.  Untagged only: mac80211's frame carries no tag.
 * Pure; any context.
 */
bool apedge_l2relay_match(const struct sk_buff *skb)
{
	const struct ethhdr *eth;
	u8 _p[APEDGE_L2U_PAYLOAD];
	const u8 *p;

	if (skb->protocol != htons(ETH_P_802_2) || skb_vlan_tag_present(skb) ||
	    !skb_mac_header_was_set(skb) || skb_mac_header_len(skb) != ETH_HLEN)
		return false;
	eth = eth_hdr(skb);
	if (eth->h_proto != htons(APEDGE_L2U_PAYLOAD) ||
	    !is_broadcast_ether_addr(eth->h_dest) ||
	    !is_valid_ether_addr(eth->h_source))
		return false;
	p = skb_header_pointer(skb, 0, sizeof(_p), _p);
	return p && !memcmp(p, apedge_l2u_llc, sizeof(apedge_l2u_llc));
}

/**
 * apedge_l2relay_seen - queue a received frame's source if it is a
 *	Layer-2 Update
 * @port: the port, with l2update-relay
 * @skb: the frame, as for apedge_l2relay_match()
 *
 * From the ingress hook, under RCU: takes only the ring's lock, allocates
 * nothing.  A source already queued for the port is not queued twice; a
 * full ring is counted on the port (l2update-overflow).
 */
void apedge_l2relay_seen(struct apedge_port *port, const struct sk_buff *skb)
{
	struct apedge_l2relay *r = port->an->relay;
	const u8 *sta = eth_hdr(skb)->h_source;
	int ifindex = port->dev->ifindex;
	struct apedge_l2relay_ev *ev;
	bool full = false;
	unsigned int i;

	if (!apedge_l2relay_match(skb))
		return;
	spin_lock_bh(&r->lock);
	for (i = 0; i < r->count; i++) {
		ev = &r->ring[(r->head + i) % APEDGE_L2RELAY_SLOTS];
		if (ev->ifindex == ifindex && ether_addr_equal(ev->sta, sta))
			goto unlock;
	}
	if (r->count == APEDGE_L2RELAY_SLOTS) {
		full = true;
		goto unlock;
	}
	ev = &r->ring[(r->head + r->count++) % APEDGE_L2RELAY_SLOTS];
	ev->ifindex = ifindex;
	ether_addr_copy(ev->sta, sta);
unlock:
	spin_unlock_bh(&r->lock);
	if (full)
		apedge_count(port, APEDGE_CTR_L2RELAY_OVERFLOW);
	else
		queue_work(system_highpri_wq, &r->work);
}

static bool apedge_l2relay_pop(struct apedge_l2relay *r,
			       struct apedge_l2relay_ev *ev)
{
	bool got;

	spin_lock_bh(&r->lock);
	got = r->count;
	if (got) {
		*ev = r->ring[r->head];
		r->head = (r->head + 1) % APEDGE_L2RELAY_SLOTS;
		r->count--;
	}
	spin_unlock_bh(&r->lock);
	return got;
}

/*
 * Whether @sta is a station of @dev that cfg80211 reports authorized.
 * Sleeps (the wiphy mutex): process context only.
 */
static bool apedge_l2relay_authorized(struct net_device *dev, const u8 *sta)
{
#if IS_REACHABLE(CONFIG_CFG80211)
	struct station_info *sinfo;
	bool ok;

	might_sleep();
	sinfo = kzalloc(sizeof(*sinfo), GFP_KERNEL);
	if (!sinfo)
		return false;
	ok = !cfg80211_get_station(dev, sta, sinfo) &&
	     (sinfo->filled & BIT_ULL(NL80211_STA_INFO_STA_FLAGS)) &&
	     (sinfo->sta_flags.mask & BIT(NL80211_STA_FLAG_AUTHORIZED)) &&
	     (sinfo->sta_flags.set & BIT(NL80211_STA_FLAG_AUTHORIZED));
	cfg80211_sinfo_release_content(sinfo);
	kfree(sinfo);
	return ok;
#else
	return false;
#endif
}

/* Check one queued source and relay its update; process context. */
static void apedge_l2relay_one(struct apedge_net *an,
			       const struct apedge_l2relay_ev *ev)
{
	struct apedge_port *port, *up;
	netdevice_tracker tracker;
	struct net_device *dev;
	bool ok;
	u32 mode;
	u16 vlan;

	rcu_read_lock();
	port = apedge_port_find_rcu(an, ev->ifindex);
	if (!port || !READ_ONCE(port->l2relay)) {
		rcu_read_unlock();
		return;
	}
	dev = port->dev;
	netdev_hold(dev, &tracker, GFP_ATOMIC);
	rcu_read_unlock();

	ok = apedge_l2relay_authorized(dev, ev->sta);

	rcu_read_lock();
	/* The port may have gone while cfg80211 was asked. */
	port = apedge_port_find_rcu(an, ev->ifindex);
	if (!port || port->dev != dev) {
		rcu_read_unlock();
		netdev_put(dev, &tracker);
		return;
	}
	if (!ok) {
		apedge_count(port, APEDGE_CTR_L2RELAY_REFUSED);
		rcu_read_unlock();
		netdev_put(dev, &tracker);
		return;
	}
	vlan = READ_ONCE(port->l2relay_vlan);
	list_for_each_entry_rcu(up, &an->ports, list) {
		mode = READ_ONCE(up->l2update);
		if (mode)
			apedge_xid_relay(up, ev->sta, mode, vlan);
	}
	apedge_count(port, APEDGE_CTR_L2RELAY_RELAYED);
	apedge_notify_sta_authorized(port, ev->sta, vlan);
	rcu_read_unlock();
	netdev_put(dev, &tracker);
}

static void apedge_l2relay_work(struct work_struct *work)
{
	struct apedge_l2relay *r = container_of(work, struct apedge_l2relay,
						work);
	struct apedge_l2relay_ev ev;

	while (apedge_l2relay_pop(r, &ev))
		apedge_l2relay_one(r->an, &ev);
}

/**
 * apedge_l2relay_check - whether a port may relay Layer-2 Updates
 * @dev: the port's device
 * @extack: for error messages
 *
 * Return: 0, or -EOPNOTSUPP for a device that is not a cfg80211 one or a
 * module built without cfg80211.
 */
int apedge_l2relay_check(const struct net_device *dev,
			 struct netlink_ext_ack *extack)
{
#if IS_REACHABLE(CONFIG_CFG80211)
	if (!dev->ieee80211_ptr) {
		NL_SET_ERR_MSG(extack, "l2update-relay needs a wireless device");
		return -EOPNOTSUPP;
	}
	return 0;
#else
	NL_SET_ERR_MSG(extack, "the module was built without cfg80211");
	return -EOPNOTSUPP;
#endif
}

struct apedge_l2relay *apedge_l2relay_alloc(struct apedge_net *an)
{
	struct apedge_l2relay *r;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return NULL;
	r->an = an;
	spin_lock_init(&r->lock);
	INIT_WORK(&r->work, apedge_l2relay_work);
	return r;
}

/* Once no port is left, so that no hook queues any more. */
void apedge_l2relay_free(struct apedge_l2relay *r)
{
	if (!r)
		return;
	cancel_work_sync(&r->work);
	kfree(r);
}
