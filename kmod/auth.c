// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: IEEE 802.1X port authorization, the module's half.
 *
 * A port may be put in 802.1X mode (auth-mode): port mode, where one
 * authorization opens the whole port, or mac mode, where each station
 * (source MAC address) behind the port is authorized on its own.  The
 * authenticator itself runs in apedged; the module only enforces what it
 * is told over netlink (auth-set), in both controlled directions
 * (802.1X-2010 6.4, admin-control-direction "both"):
 *
 * - received on the port from an unauthorized source, only EAPOL
 *   (EtherType 0x888E) to the PAE group address or to the port's own
 *   address passes, and, if the port's auth-allow says so, DHCP client
 *   messages and ARP; the rest is dropped and counted;
 * - sent out of the port to an unauthorized destination (port mode: any;
 *   mac mode: a unicast destination without an entry), only EAPOL and
 *   what auth-allow admits (DHCP server messages, ARP) pass.  Broadcast
 *   and multicast frames leave a mac-mode port: they are for every
 *   station behind it, and one authorized station is enough to send
 *   them;
 * - mac80211's station-to-station frames (APEDGE_DIRECTION_FORWARD) are
 *   judged both ways: their source as received, their destination as
 *   sent.
 *
 * The authorized stations of mac-mode ports are in one table per
 * namespace, an rhashtable keyed by (ifindex, MAC), bounded by the
 * auth_max module parameter.  The hooks look entries up under RCU and
 * allocate nothing; writers (netlink, port removal, mode changes) hold
 * RTNL.
 *
 * The first frame of an unauthorized source raises auth-unauth-seen, so
 * that the daemon can start MAC authentication bypass for a device that
 * never speaks EAPOL.  A hook only queues the source (a ring, under a
 * spinlock); a work sends the event.  A source is reported at most once
 * in APEDGE_AUTH_SEEN_SECS (a small hashed memory of the last sources,
 * which a flood of new sources may push out early) and the namespace at
 * most APEDGE_AUTH_EV_RATE a second, in bursts of APEDGE_AUTH_EV_BURST
 * (a token bucket): a station that spoofs random source addresses costs
 * the daemon a bounded rate of events.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/udp.h>

#include "apedge.h"

unsigned int apedge_auth_max = APEDGE_AUTH_MAX_DEFAULT;
module_param_named(auth_max, apedge_auth_max, uint, 0644);
MODULE_PARM_DESC(auth_max,
		 "Most 802.1X MAC entries (authorized stations) per network namespace (default 4096)");

static const struct rhashtable_params apedge_auth_params = {
	.head_offset = offsetof(struct apedge_auth_entry, node),
	.key_offset = offsetof(struct apedge_auth_entry, key),
	.key_len = sizeof(struct apedge_auth_key),
	.automatic_shrinking = true,
};

static void apedge_auth_key_init(struct apedge_auth_key *k, int ifindex,
				 const u8 *mac)
{
	memset(k, 0, sizeof(*k));
	k->ifindex = ifindex;
	ether_addr_copy(k->mac, mac);
}

static void apedge_auth_ev_work(struct work_struct *work);

int apedge_auth_init(struct apedge_auth_table *t)
{
	INIT_LIST_HEAD(&t->entries);
	spin_lock_init(&t->ev_lock);
	t->tokens = APEDGE_AUTH_EV_BURST;
	t->refill = jiffies;
	INIT_WORK(&t->ev_work, apedge_auth_ev_work);
	return rhashtable_init(&t->ht, &apedge_auth_params);
}

static void apedge_auth_entry_free(struct apedge_auth_entry *e)
{
	free_percpu(e->st);
	kfree(e);
}

static void apedge_auth_entry_free_rcu(struct rcu_head *head)
{
	apedge_auth_entry_free(container_of(head, struct apedge_auth_entry,
					    rcu));
}

/* No port, so no hook, uses the table any more; the work is stopped. */
void apedge_auth_destroy(struct apedge_auth_table *t)
{
	struct apedge_auth_entry *e, *tmp;

	cancel_work_sync(&t->ev_work);
	list_for_each_entry_safe(e, tmp, &t->entries, list) {
		rhashtable_remove_fast(&t->ht, &e->node, apedge_auth_params);
		list_del(&e->list);
		apedge_auth_entry_free(e);
	}
	rhashtable_destroy(&t->ht);
}

/**
 * apedge_auth_lookup - the entry of a station behind a port
 * @t: the table
 * @ifindex: the port
 * @mac: the station
 *
 * Under RCU (the hooks) or RTNL.  Allocates nothing.
 *
 * Return: the entry, or NULL if the station is not authorized.
 */
struct apedge_auth_entry *apedge_auth_lookup(struct apedge_auth_table *t,
					     int ifindex, const u8 *mac)
{
	struct apedge_auth_key k;

	apedge_auth_key_init(&k, ifindex, mac);
	return rhashtable_lookup(&t->ht, &k, apedge_auth_params);
}

/**
 * apedge_auth_add - authorize a station behind a port
 * @t: the table
 * @ifindex: the port
 * @mac: the station, a unicast address
 * @extack: for error messages
 *
 * RTNL held.  An entry that is there already stays, with its counters.
 *
 * Return: 0 or -EEXIST (already authorized), -ENOSPC beyond auth_max,
 * -ENOMEM.
 */
int apedge_auth_add(struct apedge_auth_table *t, int ifindex, const u8 *mac,
		    struct netlink_ext_ack *extack)
{
	struct apedge_auth_entry *e;
	int cpu, err;

	ASSERT_RTNL();
	if (apedge_auth_lookup(t, ifindex, mac))
		return -EEXIST;
	if (t->count >= READ_ONCE(apedge_auth_max)) {
		atomic64_inc(&t->refused);
		NL_SET_ERR_MSG(extack,
			       "802.1X table full (module parameter auth_max)");
		return -ENOSPC;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->st = alloc_percpu(struct apedge_auth_pcpu);
	if (!e->st) {
		kfree(e);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(e->st, cpu)->syncp);
	apedge_auth_key_init(&e->key, ifindex, mac);
	err = rhashtable_insert_fast(&t->ht, &e->node, apedge_auth_params);
	if (err) {
		apedge_auth_entry_free(e);
		return err;
	}
	list_add_tail(&e->list, &t->entries);
	t->count++;
	WRITE_ONCE(t->gen, t->gen + 1);
	return 0;
}

static void apedge_auth_unlink(struct apedge_auth_table *t,
			       struct apedge_auth_entry *e)
{
	rhashtable_remove_fast(&t->ht, &e->node, apedge_auth_params);
	list_del(&e->list);
	t->count--;
	WRITE_ONCE(t->gen, t->gen + 1);
	call_rcu(&e->rcu, apedge_auth_entry_free_rcu);
}

/**
 * apedge_auth_del - unauthorize a station behind a port
 * @t: the table
 * @ifindex: the port
 * @mac: the station
 *
 * RTNL held.  Hooks may still see the entry until a grace period ends.
 *
 * Return: 0, or -ENOENT if it had no entry.
 */
int apedge_auth_del(struct apedge_auth_table *t, int ifindex, const u8 *mac)
{
	struct apedge_auth_entry *e;

	ASSERT_RTNL();
	e = apedge_auth_lookup(t, ifindex, mac);
	if (!e)
		return -ENOENT;
	apedge_auth_unlink(t, e);
	return 0;
}

/**
 * apedge_auth_flush_port - remove every entry of a port
 * @t: the table
 * @ifindex: the port
 *
 * RTNL held: when the port goes, or leaves mac mode.
 *
 * Return: how many entries were removed.
 */
unsigned int apedge_auth_flush_port(struct apedge_auth_table *t, int ifindex)
{
	struct apedge_auth_entry *e, *tmp;
	unsigned int n = 0;

	ASSERT_RTNL();
	list_for_each_entry_safe(e, tmp, &t->entries, list) {
		if (e->key.ifindex != ifindex)
			continue;
		apedge_auth_unlink(t, e);
		n++;
	}
	return n;
}

/* The sums of an entry's per-CPU counters. */
void apedge_auth_entry_read(const struct apedge_auth_entry *e, u64 *rx, u64 *tx)
{
	int cpu;

	*rx = 0;
	*tx = 0;
	for_each_possible_cpu(cpu) {
		const struct apedge_auth_pcpu *s = per_cpu_ptr(e->st, cpu);
		unsigned int start;
		u64 r, x;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			r = u64_stats_read(&s->rx_pass);
			x = u64_stats_read(&s->tx_pass);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		*rx += r;
		*tx += x;
	}
}

/**
 * apedge_auth_port_set - change a port's mode or its port-mode authorization
 * @ap: the port's 802.1X state
 * @t: the namespace's table
 * @ifindex: the port
 * @mode: enum apedge_auth_mode
 * @authorized: in port mode, whether the port is authorized
 *
 * A port that changes mode starts unauthorized and loses its MAC
 * entries.  RTNL held.
 */
void apedge_auth_port_set(struct apedge_auth_port *ap,
			  struct apedge_auth_table *t, int ifindex, u8 mode,
			  u8 authorized)
{
	u8 check;

	ASSERT_RTNL();
	if (mode != ap->mode) {
		/* Closed first, so that no frame passes on the old mode. */
		WRITE_ONCE(ap->check, mode != APEDGE_AUTH_MODE_NONE);
		WRITE_ONCE(ap->authorized, 0);
		WRITE_ONCE(ap->mode, mode);
		apedge_auth_flush_port(t, ifindex);
		ap->nentries = 0;
	}
	if (mode != APEDGE_AUTH_MODE_PORT)
		authorized = 0;
	check = mode == APEDGE_AUTH_MODE_MAC ||
		(mode == APEDGE_AUTH_MODE_PORT && !authorized);
	/* Closing: check first; opening: the authorization first. */
	if (check)
		WRITE_ONCE(ap->check, 1);
	WRITE_ONCE(ap->authorized, authorized);
	WRITE_ONCE(ap->check, check);
}

/**
 * apedge_auth_allowed - whether auth-allow lets an unauthorized frame pass
 * @skb: the frame
 * @proto: its EtherType
 * @off: where its payload starts, from skb->data
 * @allow: the port's enum apedge_auth_allow flags
 * @rx: received from the station (a client's DHCP message), or sent to
 *	it (a server's)
 */
bool apedge_auth_allowed(const struct sk_buff *skb, __be16 proto,
			 unsigned int off, u32 allow, bool rx)
{
	const struct udphdr *uh;
	struct apedge_cls cls;
	struct udphdr _uh;

	if (!allow)
		return false;
	if (proto == htons(ETH_P_ARP) || proto == htons(ETH_P_RARP))
		return allow & APEDGE_AUTH_ALLOW_ARP;
	if (!(allow & APEDGE_AUTH_ALLOW_DHCP))
		return false;
	apedge_classify(skb, proto, off, &cls);
	if (cls.class != APEDGE_CLS_DHCPV4 && cls.class != APEDGE_CLS_DHCPV6)
		return false;
	uh = skb_header_pointer(skb, cls.l4off, sizeof(_uh), &_uh);
	if (!uh)
		return false;
	if (cls.class == APEDGE_CLS_DHCPV4)
		return uh->dest == htons(rx ? 67 : 68);
	return uh->dest == htons(rx ? 547 : 546);
}

static bool apedge_auth_is_eapol(__be16 proto)
{
	return proto == htons(APEDGE_ETH_P_PAE);
}

/* The PAE group address, 01:80:C2:00:00:03. */
static bool apedge_auth_pae_group(const u8 *a)
{
	static const u8 pae[ETH_ALEN] __aligned(2) = {
		0x01, 0x80, 0xc2, 0x00, 0x00, 0x03
	};

	return ether_addr_equal(a, pae);
}

/**
 * apedge_auth_rx - the check of a frame from a station behind the port
 * @ap: the port's 802.1X state
 * @t: the namespace's table
 * @ifindex: the port
 * @dev_addr: the port's own MAC address
 * @skb: the frame
 * @eth: its Ethernet header
 * @proto: its EtherType
 * @off: where its payload starts, from skb->data
 *
 * Under RCU; allocates nothing.  Counts an authorized station's frame in
 * its entry.
 *
 * Return: enum apedge_auth_verdict.
 */
u8 apedge_auth_rx(const struct apedge_auth_port *ap,
		  struct apedge_auth_table *t, int ifindex,
		  const u8 *dev_addr, const struct sk_buff *skb,
		  const struct ethhdr *eth, __be16 proto, unsigned int off)
{
	u8 mode = READ_ONCE(ap->mode);

	if (mode == APEDGE_AUTH_MODE_NONE)
		return APEDGE_AUTH_PASS;
	if (mode == APEDGE_AUTH_MODE_PORT) {
		if (READ_ONCE(ap->authorized))
			return APEDGE_AUTH_PASS;
	} else {
		struct apedge_auth_entry *e;

		e = apedge_auth_lookup(t, ifindex, eth->h_source);
		if (e) {
			struct apedge_auth_pcpu *s = this_cpu_ptr(e->st);

			u64_stats_update_begin(&s->syncp);
			u64_stats_inc(&s->rx_pass);
			u64_stats_update_end(&s->syncp);
			return APEDGE_AUTH_PASS;
		}
	}
	if (apedge_auth_is_eapol(proto) &&
	    (apedge_auth_pae_group(eth->h_dest) ||
	     ether_addr_equal(eth->h_dest, dev_addr)))
		return APEDGE_AUTH_EAPOL;
	if (apedge_auth_allowed(skb, proto, off, READ_ONCE(ap->allow), true))
		return APEDGE_AUTH_ALLOWED;
	return APEDGE_AUTH_DROP;
}

/**
 * apedge_auth_tx - the check of a frame to a station behind the port
 * @ap: the port's 802.1X state
 * @t: the namespace's table
 * @ifindex: the port
 * @skb: the frame, skb->data at its Ethernet header
 * @eth: its Ethernet header
 *
 * Under RCU; allocates nothing.
 *
 * Return: enum apedge_auth_verdict.
 */
u8 apedge_auth_tx(const struct apedge_auth_port *ap,
		  struct apedge_auth_table *t, int ifindex,
		  const struct sk_buff *skb, const struct ethhdr *eth)
{
	u8 mode = READ_ONCE(ap->mode);

	if (mode == APEDGE_AUTH_MODE_NONE)
		return APEDGE_AUTH_PASS;
	if (mode == APEDGE_AUTH_MODE_PORT) {
		if (READ_ONCE(ap->authorized))
			return APEDGE_AUTH_PASS;
	} else {
		struct apedge_auth_entry *e;

		if (is_multicast_ether_addr(eth->h_dest))
			return APEDGE_AUTH_PASS;
		e = apedge_auth_lookup(t, ifindex, eth->h_dest);
		if (e) {
			struct apedge_auth_pcpu *s = this_cpu_ptr(e->st);

			u64_stats_update_begin(&s->syncp);
			u64_stats_inc(&s->tx_pass);
			u64_stats_update_end(&s->syncp);
			return APEDGE_AUTH_PASS;
		}
	}
	if (apedge_auth_is_eapol(eth->h_proto))
		return APEDGE_AUTH_EAPOL;
	if (apedge_auth_allowed(skb, eth->h_proto, ETH_HLEN,
				READ_ONCE(ap->allow), false))
		return APEDGE_AUTH_ALLOWED;
	return APEDGE_AUTH_DROP;
}

/**
 * apedge_auth_seen - queue auth-unauth-seen for an unauthorized source
 * @t: the namespace's table
 * @ifindex: the port
 * @mac: the source
 * @now: jiffies
 *
 * From the hooks (BH off) or a test.  Rate-limited per source and per
 * namespace; allocates nothing.
 *
 * Return: whether it was queued.
 */
bool apedge_auth_seen(struct apedge_auth_table *t, int ifindex, const u8 *mac,
		      unsigned long now)
{
	struct apedge_auth_seen *s;
	struct apedge_auth_ev *ev;
	unsigned long add;
	u32 h;

	if (!is_valid_ether_addr(mac))
		return false;
	h = jhash(mac, ETH_ALEN, ifindex) & (APEDGE_AUTH_SEEN_SLOTS - 1);
	s = &t->seen[h];
	spin_lock_bh(&t->ev_lock);
	if (s->ifindex == ifindex && ether_addr_equal(s->mac, mac) &&
	    time_before(now, s->stamp + APEDGE_AUTH_SEEN_SECS * HZ)) {
		spin_unlock_bh(&t->ev_lock);
		atomic64_inc(&t->ev_suppressed);
		return false;
	}
	add = time_after(now, t->refill) ?
	      (now - t->refill) * APEDGE_AUTH_EV_RATE / HZ : 0;
	if (add) {
		t->tokens = min_t(unsigned long, APEDGE_AUTH_EV_BURST,
				  t->tokens + add);
		t->refill = now;
	}
	if (!t->tokens) {
		spin_unlock_bh(&t->ev_lock);
		atomic64_inc(&t->ev_ratelimited);
		return false;
	}
	if (t->ev_count == APEDGE_AUTH_EV_SLOTS) {
		spin_unlock_bh(&t->ev_lock);
		atomic64_inc(&t->ev_overflow);
		return false;
	}
	t->tokens--;
	s->ifindex = ifindex;
	ether_addr_copy(s->mac, mac);
	s->stamp = now;
	ev = &t->ring[(t->ev_head + t->ev_count++) % APEDGE_AUTH_EV_SLOTS];
	ev->ifindex = ifindex;
	ether_addr_copy(ev->mac, mac);
	spin_unlock_bh(&t->ev_lock);
	atomic64_inc(&t->ev_sent);
	if (t->notify)
		queue_work(apedge_wq, &t->ev_work);
	return true;
}

static void apedge_auth_ev_work(struct work_struct *work)
{
	struct apedge_auth_table *t = container_of(work,
						   struct apedge_auth_table,
						   ev_work);
	struct apedge_auth_ev ev;

	for (;;) {
		spin_lock_bh(&t->ev_lock);
		if (!t->ev_count) {
			spin_unlock_bh(&t->ev_lock);
			return;
		}
		ev = t->ring[t->ev_head];
		t->ev_head = (t->ev_head + 1) % APEDGE_AUTH_EV_SLOTS;
		t->ev_count--;
		spin_unlock_bh(&t->ev_lock);
		t->notify(t->priv, ev.ifindex, ev.mac);
	}
}

/* The hooks' part: the check, the port's counters, the event. */

static unsigned int apedge_auth_count(struct apedge_port *port, u8 v,
				      bool rx, const u8 *src)
{
	switch (v) {
	case APEDGE_AUTH_PASS:
		return NF_ACCEPT;
	case APEDGE_AUTH_EAPOL:
		apedge_count(port, rx ? APEDGE_CTR_AUTH_RX_EAPOL :
					APEDGE_CTR_AUTH_TX_EAPOL);
		return NF_ACCEPT;
	case APEDGE_AUTH_ALLOWED:
		apedge_count(port, rx ? APEDGE_CTR_AUTH_RX_ALLOWED :
					APEDGE_CTR_AUTH_TX_ALLOWED);
		break;
	default:
		apedge_count(port, rx ? APEDGE_CTR_AUTH_RX_DROP :
					APEDGE_CTR_AUTH_TX_DROP);
		break;
	}
	/* An unauthorized source's frame other than EAPOL. */
	if (src && apedge_auth_seen(port->an->auth, port->dev->ifindex, src,
				    jiffies))
		apedge_count(port, APEDGE_CTR_AUTH_SEEN);
	return v == APEDGE_AUTH_DROP ? NF_DROP : NF_ACCEPT;
}

/**
 * apedge_auth_ingress - the 802.1X check of a frame received on a port
 * @port: the port, with auth.check set
 * @skb: the frame, skb->data at its network header
 *
 * Return: NF_ACCEPT or NF_DROP.
 */
unsigned int apedge_auth_ingress(struct apedge_port *port, struct sk_buff *skb)
{
	const struct ethhdr *eth = eth_hdr(skb);
	u8 v;

	v = apedge_auth_rx(&port->auth, port->an->auth, port->dev->ifindex,
			   port->dev->dev_addr, skb, eth, skb->protocol, 0);
	return apedge_auth_count(port, v, true, eth->h_source);
}

/**
 * apedge_auth_egress - the 802.1X check of a frame leaving a port
 * @port: the port, with auth.check set
 * @skb: the frame, skb->data at its Ethernet header
 * @dir: APEDGE_DIRECTION_EGRESS, or APEDGE_DIRECTION_FORWARD for a frame
 *	 a station behind the port sent (hooks.c): its source is checked too
 *
 * Return: NF_ACCEPT or NF_DROP.
 */
unsigned int apedge_auth_egress(struct apedge_port *port, struct sk_buff *skb,
				u8 dir)
{
	const struct ethhdr *eth;
	struct ethhdr _eth;
	u8 v;

	eth = skb_header_pointer(skb, 0, sizeof(_eth), &_eth);
	if (!eth)
		return NF_ACCEPT;
	if (dir == APEDGE_DIRECTION_FORWARD) {
		v = apedge_auth_rx(&port->auth, port->an->auth,
				   port->dev->ifindex, port->dev->dev_addr, skb,
				   eth, eth->h_proto, ETH_HLEN);
		if (apedge_auth_count(port, v, true, eth->h_source) == NF_DROP)
			return NF_DROP;
	}
	v = apedge_auth_tx(&port->auth, port->an->auth, port->dev->ifindex,
			   skb, eth);
	return apedge_auth_count(port, v, false, NULL);
}
