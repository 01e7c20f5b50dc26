// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: relay mac80211's own Layer-2 Update to the uplinks.
 *
 * When mac80211 authorizes a station on an access point interface
 * (sta_info_move_state() to IEEE80211_STA_AUTHORIZED), it builds an XID
 * Layer-2 Update with the station's address as source and hands it to the
 * interface as if received (cfg80211_send_layer2_update(), netif_rx()).
 * On a port with l2update-relay, the ingress hook recognises that frame
 * (apedge_l2relay_match()) and, allocating nothing, either relays it at
 * once or queues its source, with the port, on a ring of the namespace
 * (the two paths below).  Then:
 *
 *   1. it is checked that the source may be relayed (below);
 *   2. if so, apedge's Layer-2 Update for it is sent on every port of the
 *      namespace with l2update set, tagged with the relay port's
 *      l2update-vlan, and counted relayed on the relay port;
 *   3. the events group is told (sta-authorized-ntf), so that apedged's
 *      IAPP ADD-notify and kick follow the same event;
 *
 * and otherwise the frame is counted refused.  The check is what keeps a
 * station from moving another station's address in the switches: a
 * station may send the same bytes with any source address it can get
 * onto the air (a four-address station can choose any).
 *
 * There are two paths to the check, chosen per port when the relay is
 * turned on (apedge_l2relay_is_mac80211()):
 *
 *  - fast, on a mac80211 interface in access point mode: the hook itself
 *    asks mac80211 under RCU whether the source is a station of the
 *    interface (ieee80211_find_sta_by_ifaddr()) and sends the updates in
 *    empty skbs it keeps in stock (refilled by a work), so that they
 *    leave before mac80211's frame goes on; the events group is told
 *    from a tasklet, which also does the whole of it when the stock
 *    cannot serve every port.  That station is authorized, or
 *    the frame would not be here: on an AP interface mac80211 hands up
 *    non-EAPOL data only from an authorized station
 *    (ieee80211_802_1x_port_control()), drops four-address frames, and
 *    requires the source of every frame and A-MSDU subframe to be the
 *    transmitter (check_sa); its own frame is built after the station is
 *    authorized.  So the relay leaves in the softirq that received
 *    mac80211's frame, while hostapd is still in the
 *    NL80211_CMD_SET_STATION that authorized the station;
 *  - slow, on every other cfg80211 device (an AP_VLAN, whose four-address
 *    stations may send any source, a full-MAC driver, a module built
 *    without mac80211): a work, in process context, asks cfg80211
 *    whether the source is a station of the interface and authorized
 *    there (cfg80211_get_station() takes the wiphy mutex, so it cannot
 *    run in softirq).
 *
 * The frame itself is passed on untouched: the guard decides on it as on
 * any other (a bridge above the port floods it as before).
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/kallsyms.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/cfg80211.h>
#include <net/mac80211.h>

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

/*
 * Queue @sta seen on @ifindex on @q, unless it is queued already.
 * Return: false if the ring is full.
 */
static bool apedge_l2relay_push(struct apedge_l2relay_ring *q, int ifindex,
				const u8 *sta, bool relayed)
{
	struct apedge_l2relay_ev *ev;
	bool ok = true;
	unsigned int i;

	spin_lock_bh(&q->lock);
	for (i = 0; i < q->count; i++) {
		ev = &q->ev[(q->head + i) % APEDGE_L2RELAY_SLOTS];
		if (ev->ifindex == ifindex && ether_addr_equal(ev->sta, sta))
			goto unlock;
	}
	if (q->count == APEDGE_L2RELAY_SLOTS) {
		ok = false;
		goto unlock;
	}
	ev = &q->ev[(q->head + q->count++) % APEDGE_L2RELAY_SLOTS];
	ev->ifindex = ifindex;
	ether_addr_copy(ev->sta, sta);
	ev->relayed = relayed;
unlock:
	spin_unlock_bh(&q->lock);
	return ok;
}

static bool apedge_l2relay_pop(struct apedge_l2relay_ring *q,
			       struct apedge_l2relay_ev *ev)
{
	bool got;

	spin_lock_bh(&q->lock);
	got = q->count;
	if (got) {
		*ev = q->ev[q->head];
		q->head = (q->head + 1) % APEDGE_L2RELAY_SLOTS;
		q->count--;
	}
	spin_unlock_bh(&q->lock);
	return got;
}

/* Whether the port's device is, now, a mac80211 access point interface. */
static bool apedge_l2relay_fast(const struct apedge_port *port)
{
#if IS_REACHABLE(CONFIG_MAC80211)
	const struct wireless_dev *wdev = port->dev->ieee80211_ptr;

	return READ_ONCE(port->l2relay_mac80211) && wdev &&
	       READ_ONCE(wdev->iftype) == NL80211_IFTYPE_AP;
#else
	return false;
#endif
}

/**
 * apedge_l2relay_path - how a port's relay checks what it received
 * @port: the port, with l2update-relay
 *
 * Return: enum apedge_l2relay_path, as the hook would choose now.
 */
u8 apedge_l2relay_path(const struct apedge_port *port)
{
	return apedge_l2relay_fast(port) ? APEDGE_L2RELAY_PATH_MAC80211 :
					   APEDGE_L2RELAY_PATH_CFG80211;
}

/*
 * Whether @sta is a station of the mac80211 interface @dev; under RCU.
 * With the frame that brought it, that says authorized (see the top).
 */
static bool apedge_l2relay_station(struct net_device *dev, const u8 *sta)
{
#if IS_REACHABLE(CONFIG_MAC80211)
	struct ieee80211_hw *hw;

	hw = wiphy_to_ieee80211_hw(dev->ieee80211_ptr->wiphy);
	return ieee80211_find_sta_by_ifaddr(hw, sta, dev->dev_addr);
#else
	return false;
#endif
}

/*
 * Whether relayed updates go out on @up.  Injected into a relaying port,
 * an update would come back through its hook and be relayed again,
 * without end: such a port only transmits them.
 */
static bool apedge_l2relay_sends(const struct apedge_port *up)
{
	u32 mode = READ_ONCE(up->l2update);

	return mode && !(mode == APEDGE_XID_MODE_INJECT &&
			 READ_ONCE(up->l2relay));
}

/* Uplinks the hook relays to itself; more, and the tasklet does it. */
#define APEDGE_L2RELAY_NOW	4

/*
 * From the hook, on a mac80211 AP interface, under RCU: check @sta and,
 * if it is a station there, relay its update at once in skbs of the
 * stock, before the frame goes on (a tasklet would run only after the
 * softirq, or in ksoftirqd once hostapd leaves the kernel).  Either all
 * the ports' skbs come from the stock or none is used.
 *
 * Return: false if the stock cannot serve every port (short, more than
 * APEDGE_L2RELAY_NOW ports, or a device that needs more room): the
 * tasklet must check and relay.
 */
static bool apedge_l2relay_now(struct apedge_port *port, const u8 *sta)
{
	struct apedge_l2relay *r = port->an->relay;
	struct sk_buff *skbs[APEDGE_L2RELAY_NOW];
	unsigned int n = 0, i = 0;
	struct apedge_port *up;
	u16 vlan;

	if (!apedge_l2relay_station(port->dev, sta)) {
		apedge_count(port, APEDGE_CTR_L2RELAY_REFUSED);
		return true;
	}
	list_for_each_entry_rcu(up, &port->an->ports, list) {
		if (!apedge_l2relay_sends(up))
			continue;
		if (n == ARRAY_SIZE(skbs))
			goto back;
		skbs[n] = skb_dequeue(&r->stock);
		if (!skbs[n])
			goto back;
		if (!apedge_xid_room(skbs[n++], up->dev))
			goto back;
	}
	vlan = READ_ONCE(port->l2relay_vlan);
	list_for_each_entry_rcu(up, &port->an->ports, list) {
		if (!apedge_l2relay_sends(up))
			continue;
		/* A port that began to send since: it misses this one. */
		if (i == n)
			break;
		apedge_xid_relay(up, sta, READ_ONCE(up->l2update), vlan,
				 skbs[i++]);
	}
	while (i < n)
		skb_queue_head(&r->stock, skbs[--n]);
	apedge_count(port, APEDGE_CTR_L2RELAY_RELAYED);
	if (n)
		queue_work(system_wq, &r->refill);
	/* The events group is told from the tasklet (it allocates). */
	if (apedge_l2relay_push(&r->fast, port->dev->ifindex, sta, true))
		tasklet_schedule(&r->tasklet);
	else
		apedge_count(port, APEDGE_CTR_L2RELAY_OVERFLOW);
	return true;

back:
	while (n)
		skb_queue_head(&r->stock, skbs[--n]);
	queue_work(system_wq, &r->refill);
	return false;
}

/**
 * apedge_l2relay_seen - queue a received frame's source if it is a
 *	Layer-2 Update
 * @port: the port, with l2update-relay
 * @skb: the frame, as for apedge_l2relay_match()
 *
 * From the ingress hook, under RCU: takes only a ring's and the stock's
 * locks, allocates nothing.  A source already queued for the port is not
 * queued twice; a full ring is counted on the port (l2update-overflow).
 */
void apedge_l2relay_seen(struct apedge_port *port, const struct sk_buff *skb)
{
	struct apedge_l2relay *r = port->an->relay;
	const u8 *sta = eth_hdr(skb)->h_source;
	int ifindex = port->dev->ifindex;

	if (!apedge_l2relay_match(skb))
		return;
	if (apedge_l2relay_fast(port)) {
		if (apedge_l2relay_now(port, sta))
			return;
		if (!apedge_l2relay_push(&r->fast, ifindex, sta, false))
			goto full;
		tasklet_schedule(&r->tasklet);
	} else {
		if (!apedge_l2relay_push(&r->slow, ifindex, sta, false))
			goto full;
		queue_work(system_highpri_wq, &r->work);
	}
	return;
full:
	apedge_count(port, APEDGE_CTR_L2RELAY_OVERFLOW);
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

/*
 * Relay @sta's update for the relay port @port if @ok, else count it
 * refused; under RCU.
 */
static void apedge_l2relay_send(struct apedge_port *port, const u8 *sta,
				bool ok)
{
	struct apedge_port *up;
	u16 vlan;

	if (!ok) {
		apedge_count(port, APEDGE_CTR_L2RELAY_REFUSED);
		return;
	}
	vlan = READ_ONCE(port->l2relay_vlan);
	list_for_each_entry_rcu(up, &port->an->ports, list)
		if (apedge_l2relay_sends(up))
			apedge_xid_relay(up, sta, READ_ONCE(up->l2update), vlan,
					 NULL);
	apedge_count(port, APEDGE_CTR_L2RELAY_RELAYED);
	apedge_notify_sta_authorized(port, sta, vlan);
}

/* Check one source of the slow ring and relay its update; process context. */
static void apedge_l2relay_one(struct apedge_net *an,
			       const struct apedge_l2relay_ev *ev)
{
	netdevice_tracker tracker;
	struct apedge_port *port;
	struct net_device *dev;
	bool ok;

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
	if (port && port->dev == dev)
		apedge_l2relay_send(port, ev->sta, ok);
	rcu_read_unlock();
	netdev_put(dev, &tracker);
}

static void apedge_l2relay_work(struct work_struct *work)
{
	struct apedge_l2relay *r = container_of(work, struct apedge_l2relay,
						work);
	struct apedge_l2relay_ev ev;

	while (apedge_l2relay_pop(&r->slow, &ev))
		apedge_l2relay_one(r->an, &ev);
}

/* Check one source of the fast ring and relay its update; softirq. */
static void apedge_l2relay_fast_one(struct apedge_net *an,
				    const struct apedge_l2relay_ev *ev)
{
	struct apedge_port *port;

	rcu_read_lock();
	port = apedge_port_find_rcu(an, ev->ifindex);
	if (!port || !READ_ONCE(port->l2relay))
		goto out;
	if (ev->relayed) {
		apedge_notify_sta_authorized(port, ev->sta,
					     READ_ONCE(port->l2relay_vlan));
		goto out;
	}
	if (apedge_l2relay_fast(port)) {
		apedge_l2relay_send(port, ev->sta,
				    apedge_l2relay_station(port->dev, ev->sta));
		goto out;
	}
	/* No longer an AP interface since the hook saw it: ask cfg80211. */
	if (apedge_l2relay_push(&an->relay->slow, ev->ifindex, ev->sta, false))
		queue_work(system_highpri_wq, &an->relay->work);
	else
		apedge_count(port, APEDGE_CTR_L2RELAY_OVERFLOW);
out:
	rcu_read_unlock();
}

static void apedge_l2relay_tasklet(struct tasklet_struct *t)
{
	struct apedge_l2relay *r = from_tasklet(r, t, tasklet);
	struct apedge_l2relay_ev ev;

	while (apedge_l2relay_pop(&r->fast, &ev))
		apedge_l2relay_fast_one(r->an, &ev);
}

/**
 * apedge_l2relay_is_mac80211 - whether a device is a mac80211 interface
 * @dev: a cfg80211 device
 *
 * mac80211 exports nothing that tells its interfaces from a full-MAC
 * driver's: its wiphy privid is not exported, and libipw marks its
 * wiphys with the same kind of self-pointing privid.  So kallsyms is
 * asked where the device's transmit function lives: it must be one of
 * mac80211's two (ieee80211_subif_start_xmit(), or its 802.3 variant)
 * and lie in the module of a function mac80211 exports (or, mac80211
 * built in, in no module).  Without kallsyms the answer is no, and the
 * slow path serves the port.
 *
 * Process context: allocates.
 */
bool apedge_l2relay_is_mac80211(const struct net_device *dev)
{
#if IS_REACHABLE(CONFIG_MAC80211) && IS_ENABLED(CONFIG_KALLSYMS)
	static const char * const names[] = {
		"ieee80211_subif_start_xmit",
		"ieee80211_subif_start_xmit_8023",
	};
	const char *mod_xmit, *mod_ours;
	char *xmit, *ours;
	bool named = false;
	unsigned int i;
	size_t n;

	if (!dev->ieee80211_ptr || !dev->netdev_ops->ndo_start_xmit)
		return false;
	xmit = kmalloc(2 * KSYM_SYMBOL_LEN, GFP_KERNEL);
	if (!xmit)
		return false;
	ours = xmit + KSYM_SYMBOL_LEN;
	/* "name+0xoff/0xsize", then " [module]" for a module's symbol. */
	sprint_symbol(xmit, (unsigned long)dev->netdev_ops->ndo_start_xmit);
	sprint_symbol(ours, (unsigned long)ieee80211_find_sta_by_ifaddr);
	n = strcspn(xmit, "+");
	for (i = 0; i < ARRAY_SIZE(names); i++)
		named |= n == strlen(names[i]) && !strncmp(xmit, names[i], n);
	mod_xmit = strchr(xmit, ' ');
	mod_ours = strchr(ours, ' ');
	named = named && strchr(ours, '+') &&
		(mod_xmit ? mod_ours && !strcmp(mod_xmit, mod_ours) : !mod_ours);
	kfree(xmit);
	return named;
#else
	return false;
#endif
}

/* Room for any usual device's headers before the frame, and after. */
#define APEDGE_L2RELAY_HEADROOM	192
#define APEDGE_L2RELAY_TAILROOM	(APEDGE_XID_LEN + 64)

static void apedge_l2relay_refill(struct work_struct *work)
{
	struct apedge_l2relay *r = container_of(work, struct apedge_l2relay,
						refill);
	struct sk_buff *skb;

	while (skb_queue_len(&r->stock) < APEDGE_L2RELAY_STOCK) {
		skb = alloc_skb(APEDGE_L2RELAY_HEADROOM + APEDGE_L2RELAY_TAILROOM,
				GFP_KERNEL);
		if (!skb)
			return;
		skb_reserve(skb, APEDGE_L2RELAY_HEADROOM);
		skb_queue_tail(&r->stock, skb);
	}
}

/**
 * apedge_l2relay_prime - fill the stock for a port that relays from the hook
 * @r: the namespace's relay
 *
 * Called when a port's relay is turned on; the stock is filled by a work.
 */
void apedge_l2relay_prime(struct apedge_l2relay *r)
{
	queue_work(system_wq, &r->refill);
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
	spin_lock_init(&r->fast.lock);
	tasklet_setup(&r->tasklet, apedge_l2relay_tasklet);
	spin_lock_init(&r->slow.lock);
	INIT_WORK(&r->work, apedge_l2relay_work);
	skb_queue_head_init(&r->stock);
	INIT_WORK(&r->refill, apedge_l2relay_refill);
	return r;
}

/* Once no port is left, so that no hook queues any more. */
void apedge_l2relay_free(struct apedge_l2relay *r)
{
	if (!r)
		return;
	/* The tasklet may queue the work: it goes first. */
	tasklet_kill(&r->tasklet);
	cancel_work_sync(&r->work);
	cancel_work_sync(&r->refill);
	skb_queue_purge(&r->stock);
	kfree(r);
}
