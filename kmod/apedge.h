/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedge: internal declarations shared by the module's files.
 */
#ifndef _APEDGE_H
#define _APEDGE_H

#include <linux/if_ether.h>
#include <linux/interrupt.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/rhashtable-types.h>
#include <linux/seqlock.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <linux/apedge.h>

#include "auth.h"
#include "classify.h"
#include "guard.h"
#include "netlink-gen.h"
#include "snoop.h"

#define APEDGE_VERSION "0.1.0"

/* counters (stats.c) */

enum apedge_ctr {
	APEDGE_CTR_XID_TRANSMIT,
	APEDGE_CTR_XID_INJECT,
	APEDGE_CTR_XID_ERRORS,
	APEDGE_CTR_PUNT_SENT,
	APEDGE_CTR_PUNT_RATELIMITED,
	APEDGE_CTR_PUNT_OVERFLOW,
	APEDGE_CTR_SG_IPV4,
	APEDGE_CTR_SG_IPV6,
	APEDGE_CTR_SG_ARP,
	APEDGE_CTR_SG_ND,
	APEDGE_CTR_SG_LL,
	APEDGE_CTR_SG_LLA,
	APEDGE_CTR_SNOOP_PORTS,
	APEDGE_CTR_SNOOP_UNTRUSTED,
	APEDGE_CTR_SNOOP_NO_REQUEST,
	APEDGE_CTR_SNOOP_CHADDR,
	APEDGE_CTR_SNOOP_UNBOUND,
	APEDGE_CTR_SNOOP_OVERFLOW,
	APEDGE_CTR_DHCP_CHADDR,
	APEDGE_CTR_L2RELAY_RELAYED,
	APEDGE_CTR_L2RELAY_REFUSED,
	APEDGE_CTR_L2RELAY_OVERFLOW,
	APEDGE_CTR_AUTH_RX_DROP,
	APEDGE_CTR_AUTH_TX_DROP,
	APEDGE_CTR_AUTH_RX_EAPOL,
	APEDGE_CTR_AUTH_TX_EAPOL,
	APEDGE_CTR_AUTH_RX_ALLOWED,
	APEDGE_CTR_AUTH_TX_ALLOWED,
	APEDGE_CTR_AUTH_SEEN,
	APEDGE_CTR_MAX
};

#define APEDGE_DIR_MAX		APEDGE_DIRECTION_FORWARD
/* A hook at ingress and one at egress. */
#define APEDGE_HOOKS_MAX	2
#define APEDGE_VERDICT_MAX	APEDGE_VERDICT_REDIRECT

/*
 * Per-CPU counters of a port.  The guard's are indexed by enum values
 * less one: direction, policy class, verdict; malformed packets are also
 * counted by reason.
 */
struct apedge_pcpu_stats {
	u64_stats_t ctr[APEDGE_CTR_MAX];
	u64_stats_t pkt[APEDGE_DIR_MAX][APEDGE_PCLASS_MAX][APEDGE_VERDICT_MAX];
	u64_stats_t bad[APEDGE_DIR_MAX][APEDGE_BAD_MAX];
	struct u64_stats_sync syncp;
};

/* A consistent sum of one port's per-CPU counters. */
struct apedge_stats {
	u64 ctr[APEDGE_CTR_MAX];
	u64 pkt[APEDGE_DIR_MAX][APEDGE_PCLASS_MAX][APEDGE_VERDICT_MAX];
	u64 bad[APEDGE_DIR_MAX][APEDGE_BAD_MAX];
};

/* ports (port.c) */

/**
 * struct apedge_port - a network device attached to apedge
 * @list: entry in &apedge_net.ports; RCU for readers, RTNL for writers
 * @dev: the device; a tracked reference is held while attached
 * @dev_tracker: tracker of that reference
 * @an: the namespace state the port belongs to
 * @role: enum apedge_port_role
 * @guard: what the hooks read per frame: the verdicts, the source guard
 * @hooks: the netfilter ingress and egress hooks
 * @nhooks: how many of @hooks are registered, ingress first
 * @punt: the queue of packets to the punt group (punt.c)
 * @punt_rate: most packets per second to punt; written under RTNL
 * @l2update: enum apedge_xid_mode of the relayed Layer-2 Updates this port
 *	      sends, 0 for none; written under RTNL, read locklessly
 * @l2relay: whether mac80211's Layer-2 Updates received on this port are
 *	     relayed (l2relay.c); written under RTNL, read locklessly
 * @l2relay_vlan: the VLAN ID they are relayed with, 0 untagged; ditto
 * @l2relay_mac80211: whether the device is a mac80211 interface, so that
 *	     its relay is decided in softirq (l2relay.c); set with @l2relay
 * @auth: its 802.1X mode and authorization (auth.c)
 * @stats: per-CPU counters
 * @base: what the counters were at the last reset, subtracted on reading
 * @base_lock: protects @base
 * @rcu: for freeing after a grace period
 */
struct apedge_port {
	struct list_head list;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct apedge_net *an;
	u32 role;
	struct apedge_guard guard;
	struct nf_hook_ops hooks[APEDGE_HOOKS_MAX];
	unsigned int nhooks;
	struct apedge_punt *punt;
	u32 punt_rate;
	u32 l2update;
	bool l2relay;
	bool l2relay_mac80211;
	u16 l2relay_vlan;
	struct apedge_auth_port auth;
	struct apedge_pcpu_stats __percpu *stats;
	struct apedge_stats *base;
	spinlock_t base_lock;	/* protects base */
	struct rcu_work free_rwork;
};

/**
 * struct apedge_net - per network namespace state
 * @net: the namespace
 * @ports: attached ports; written under RTNL, read under RCU
 * @nports: number of entries in @ports, under RTNL
 * @ports_gen: changes whenever a port is added or removed, under RTNL;
 *	       for the consistency of dumps
 * @burst_lock: protects @bursts
 * @bursts: XID bursts still in flight (struct apedge_xid_burst)
 * @nbursts: entries in @bursts, under @burst_lock
 * @bt: the binding table (binding.c)
 * @relay: the queue of Layer-2 Updates to relay (l2relay.c)
 * @auth: the 802.1X table of authorized stations and its events (auth.c)
 * @dying: ports detached whose teardown (port.c) has not finished
 * @all: entry in main.c's list of every namespace's state, under
 *	 apedge_nets_lock
 */
struct apedge_net {
	struct net *net;
	struct list_head ports;
	unsigned int nports;
	unsigned int ports_gen;
	spinlock_t burst_lock;	/* protects bursts */
	struct list_head bursts;
	unsigned int nbursts;
	struct apedge_bindings *bt;
	struct apedge_l2relay *relay;
	struct apedge_auth_table *auth;
	atomic_t dying;
	struct list_head all;
};

/* Most ports one namespace may have; a bound on memory, not a design limit. */
#define APEDGE_PORTS_MAX 4096

extern unsigned int apedge_net_id;
extern bool apedge_closing;
extern struct workqueue_struct *apedge_wq;

static inline struct apedge_net *apedge_net(const struct net *net)
{
	return net_generic(net, apedge_net_id);
}

struct apedge_port *apedge_port_find(struct apedge_net *an, int ifindex);
struct apedge_port *apedge_port_find_rcu(struct apedge_net *an, int ifindex);
/* apedge_port_add()'s flags: the port's switches */
#define APEDGE_PORTF_SOURCE_GUARD	BIT(0)
#define APEDGE_PORTF_VERIFY_CHADDR	BIT(1)
#define APEDGE_PORTF_ALLOW_OPAQUE	BIT(2)
/* The port's enum apedge_auth_mode and enum apedge_auth_allow flags. */
#define APEDGE_PORTF_AUTH_MODE		GENMASK(5, 4)
#define APEDGE_PORTF_AUTH_ALLOW		GENMASK(9, 8)

int apedge_port_add(struct apedge_net *an, struct net_device *dev, u32 role,
		    u32 flags, struct netlink_ext_ack *extack);
void apedge_port_del(struct apedge_port *port);
void apedge_port_del_all(struct apedge_net *an);
void apedge_port_wait_dying(struct apedge_net *an);
int apedge_port_notifier_register(void);
void apedge_port_notifier_unregister(void);

void apedge_stats_read(struct apedge_port *port, struct apedge_stats *st);
int apedge_stats_reset(struct apedge_port *port);

struct apedge_pcpu_stats __percpu *apedge_stats_alloc(void);

/* Count one event; callable from any context. */
static inline void apedge_count(struct apedge_port *port, enum apedge_ctr c)
{
	struct apedge_pcpu_stats *s;
	unsigned long flags;

	s = get_cpu_ptr(port->stats);
	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_inc(&s->ctr[c]);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(port->stats);
}

/* Count a packet of the guard; from the hooks, in softirq or BH-off. */
static inline void apedge_count_pkt(struct apedge_port *port, u8 dir,
				    u8 pclass, u8 verdict, u8 reason)
{
	struct apedge_pcpu_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->pkt[dir - 1][pclass - 1][verdict - 1]);
	if (reason)
		u64_stats_inc(&s->bad[dir - 1][reason - 1]);
	u64_stats_update_end(&s->syncp);
}

/* the guard: netfilter hooks on each port (hooks.c) */

int apedge_hooks_register(struct apedge_port *port,
			  struct netlink_ext_ack *extack);
void apedge_hooks_unregister(struct apedge_port *port);
#if IS_ENABLED(CONFIG_APEDGE_KUNIT_TEST)
/* KUnit only: called after each hook of a port is registered. */
extern void (*apedge_test_hooked)(struct apedge_port *port,
				  enum nf_dev_hooks num);
#endif

/* 802.1X enforcement in the hooks (auth.c) */

unsigned int apedge_auth_ingress(struct apedge_port *port, struct sk_buff *skb);
unsigned int apedge_auth_egress(struct apedge_port *port, struct sk_buff *skb,
				u8 dir);

/* punting packets to userspace (punt.c) */

#define APEDGE_PUNT_RATE_DEFAULT	100
#define APEDGE_PUNT_SLOTS		64

/**
 * struct apedge_punt_pkt - a punted packet on its way to the punt group
 * @dir: enum apedge_direction
 * @pclass: enum apedge_policy_class
 * @verdict: APEDGE_VERDICT_COPY or APEDGE_VERDICT_REDIRECT
 * @caplen: bytes in @data
 * @len: the packet's length from the network header on
 * @has_mac: @src and @dst hold the frame's Ethernet addresses
 * @src: its Ethernet source address
 * @dst: its Ethernet destination address
 * @data: the packet from the network header on, cut to the snap length
 */
struct apedge_punt_pkt {
	u8 dir;
	u8 pclass;
	u8 verdict;
	u16 caplen;
	u32 len;
	bool has_mac;
	u8 src[ETH_ALEN];
	u8 dst[ETH_ALEN];
	u8 data[APEDGE_PUNT_SNAPLEN];
};

struct apedge_punt *apedge_punt_alloc(struct apedge_port *port);
void apedge_punt_free(struct apedge_punt *punt);
void apedge_punt_stop(struct apedge_port *port);
bool apedge_punt(struct apedge_port *port, const struct sk_buff *skb,
		 unsigned int off, u8 dir, u8 pclass, u8 verdict);
void apedge_notify_punt(struct apedge_port *port,
			const struct apedge_punt_pkt *pkt);

/* the binding table (binding.c) */

#define APEDGE_BINDINGS_DEFAULT	65536
/* Prefix lengths a prefix binding may have; bit (128 - len) of plens. */
#define APEDGE_PLEN_BITS	129
/*
 * Snooped messages waiting for the snoop work, in two rings: what binds
 * (from trusted servers only) apart from what unbinds (which any client
 * can send), so that a flood of RELEASEs cannot push an ACK out.
 */
#define APEDGE_SNOOP_LEARN_SLOTS	256
#define APEDGE_SNOOP_FORGET_SLOTS	64
/* Recent DHCPv4 REQUESTs remembered per namespace; a power of 2. */
#define APEDGE_SNOOP_REQ_SLOTS		256
/* How long a REQUEST waits for its ACK or NAK. */
#define APEDGE_SNOOP_REQ_SECS		60

/* The (port, MAC) index's key. */
struct apedge_ckey {
	int ifindex;
	u8 mac[ETH_ALEN];
	u8 pad[2];
};

/**
 * struct apedge_bclient - a station's bindings on a port: the (port, MAC)
 *	index, seen by writers only (under &apedge_bindings.lock)
 * @node: in &apedge_bindings.clients
 * @key: the port and the MAC
 * @bindings: its bindings (&apedge_binding.client_node)
 * @port_node: in &apedge_bport.clients
 * @rcu: for freeing after a grace period (rhashtable's rule)
 */
struct apedge_bclient {
	struct rhash_head node;
	struct apedge_ckey key;
	struct list_head bindings;
	struct list_head port_node;
	struct rcu_head rcu;
};

/* The stations of a port that have bindings; in &apedge_bindings.ports. */
struct apedge_bport {
	struct list_head clients;
};

/**
 * struct apedge_binding - an address bound to a station and a port
 * @node: in &apedge_bindings.ht
 * @client_node: in its &apedge_bclient.bindings, under the table's lock
 * @client: the (port, MAC) entry it is indexed under
 * @key: the address
 * @mac: the station's MAC address
 * @origin: enum apedge_binding_origin
 * @ifindex: the port's device
 * @expires: when it expires, in get_jiffies_64() time; 0 never
 * @tentative: for a link-local address claimed by its DAD probe, when
 *	       its tentative time ends (get_jiffies_64()); 0 for none
 * @rcu: for freeing after a grace period
 *
 * Never changed once in the table: writers replace it.
 */
struct apedge_binding {
	struct rhash_head node;
	struct list_head client_node;
	struct apedge_bclient *client;
	struct apedge_bkey key;
	u8 mac[ETH_ALEN];
	u8 origin;
	int ifindex;
	u64 expires;
	u64 tentative;
	struct rcu_head rcu;
};

/* A snooped DHCP message on its way from a hook to the table. */
struct apedge_snoop_ev {
	struct apedge_snoop sn;
	int ifindex;
	struct apedge_bdom dom;	/* the layer-2 domain of its addresses */
	u32 seq;	/* the order of the two rings' messages */
};

/* One ring of snooped messages, under &apedge_bindings.ring_lock. */
struct apedge_snoop_ring {
	unsigned int head;	/* index of the oldest message */
	unsigned int count;	/* messages in it */
	unsigned int size;
	struct apedge_snoop_ev *ev;
};

/*
 * A remembered REQUEST: written by the ingress hooks under @lock, read
 * locklessly by the egress hooks (a seqlock: no reader ever waits).
 */
struct apedge_snoop_req_slot {
	seqlock_t lock;
	struct apedge_snoop_req req;
	int ifindex;		/* the port it arrived on; 0 for an empty slot */
	struct apedge_bdom dom;	/* the domain it arrived in */
	unsigned long stamp;	/* jiffies when it arrived */
};

/**
 * struct apedge_bindings - a namespace's binding table
 * @ht: the bindings by address; RCU for readers, @lock for writers
 * @clients: the (port, MAC) index: struct apedge_bclient, under @lock
 * @ports: ifindex -> struct apedge_bport, the port index, under @lock
 * @lock: serializes writers
 * @gc_iter: the collector's cursor, kept from one chunk to the next
 * @gc_walking: whether @gc_iter is entered (a walk in progress)
 * @gc_last: the address of an expired entry the last chunk ended on,
 *	     removed by the next
 * @gc_has_last: whether @gc_last holds one
 * @count: entries in @ht; written under @lock, read locklessly
 * @gen: changes whenever an entry is added, replaced or removed; written
 *	 under @lock, read locklessly, for the consistency of dumps
 * @limit: most entries; written under @lock, read locklessly
 * @refused: snooped bindings refused over @limit
 * @snoop_overflow: snooped messages lost to a full ring
 * @snooped: snooped messages queued
 * @moved: bindings moved to another port (binding-move)
 * @move_conflicts: bindings not moved: their address is another station's
 *		    in the new port's layer-2 domain
 * @gc: collects expired entries
 * @snoop_work: applies the snooped messages of @learn and @forget, in the
 *		order they were queued
 * @ring_lock: protects @learn, @forget, their slots and @seq
 * @seq: the next message's place in that order
 * @learn: snooped LEARNs (from trusted servers)
 * @forget: snooped FORGETs (RELEASE, DECLINE, NAK)
 * @learn_ev: @learn's slots
 * @forget_ev: @forget's slots
 * @reqs: recent DHCPv4 REQUESTs, hashed by xid and chaddr
 * @plens: the prefix lengths in use by prefix bindings, bit (128 - len)
 *	   so that a walk from bit 0 finds the longest first; changed under
 *	   @lock with atomic bit operations, read locklessly by the hooks
 * @plen_count: prefix bindings of each length, under @lock
 */
struct apedge_bindings {
	struct rhashtable ht;
	struct rhashtable clients;
	struct xarray ports;
	struct mutex lock;	/* serializes writers */
	struct rhashtable_iter gc_iter;
	bool gc_walking;
	bool gc_has_last;
	struct apedge_bkey gc_last;
	unsigned int count;
	unsigned int gen;
	u32 limit;
	atomic64_t refused;
	atomic64_t snoop_overflow;
	atomic64_t snooped;
	atomic64_t moved;
	atomic64_t move_conflicts;
	struct delayed_work gc;
	struct work_struct snoop_work;
	spinlock_t ring_lock;	/* protects the rings */
	u32 seq;
	struct apedge_snoop_ring learn;
	struct apedge_snoop_ring forget;
	struct apedge_snoop_ev learn_ev[APEDGE_SNOOP_LEARN_SLOTS];
	struct apedge_snoop_ev forget_ev[APEDGE_SNOOP_FORGET_SLOTS];
	struct apedge_snoop_req_slot reqs[APEDGE_SNOOP_REQ_SLOTS];
	unsigned long plens[BITS_TO_LONGS(APEDGE_PLEN_BITS)];
	unsigned int plen_count[APEDGE_PLEN_BITS];
};

int apedge_bindings_init(struct apedge_bindings *bt);
void apedge_bindings_destroy(struct apedge_bindings *bt);
int apedge_bkey_prefix(struct apedge_bkey *key, const u8 *addr, u8 plen);
bool apedge_prefix_match(struct apedge_bindings *bt,
			 const struct apedge_bkey *akey, int ifindex,
			 const u8 *mac, u64 now);
bool apedge_binding_expired(const struct apedge_binding *b, u64 now);
u64 apedge_binding_expiry(u32 lifetime, u64 now);
const struct apedge_binding *
apedge_binding_lookup(struct apedge_bindings *bt, const struct apedge_bkey *key);
int apedge_binding_set(struct apedge_bindings *bt,
		       const struct apedge_bkey *key, const u8 *mac,
		       int ifindex, u32 lifetime, u8 origin,
		       struct netlink_ext_ack *extack);
int apedge_binding_del(struct apedge_bindings *bt,
		       const struct apedge_bkey *key, int ifindex,
		       const u8 *mac);
void apedge_binding_claim(struct apedge_bindings *bt,
			  const struct apedge_bkey *key, const u8 *mac,
			  int ifindex, u8 op);
void apedge_binding_conflict(struct apedge_bindings *bt,
			     const struct apedge_bkey *key, int ifindex,
			     const u8 *mac);
void apedge_binding_gc(struct apedge_bindings *bt, u64 now);
bool apedge_binding_gc_step(struct apedge_bindings *bt, u64 now,
			    unsigned int budget);
int apedge_binding_move(struct apedge_bindings *bt, const u8 *mac,
			int from, int to, const struct apedge_bdom *dom,
			struct netlink_ext_ack *extack);
void apedge_binding_flush_port(struct apedge_bindings *bt, int ifindex);
void apedge_binding_walk_enter(struct apedge_bindings *bt,
			       struct rhashtable_iter *iter);
int apedge_binding_dump(struct apedge_bindings *bt,
			struct rhashtable_iter *iter,
			int (*fill)(const struct apedge_binding *b, void *arg),
			void *arg, struct apedge_binding *pending);
void apedge_snoop(struct apedge_port *port, const struct sk_buff *skb,
		  const struct apedge_cls *cls, const u8 *mac, u8 dir);
bool apedge_snoop_origin(struct apedge_port *port, const struct sk_buff *skb);
void apedge_snoop_queue(struct apedge_port *port,
			const struct apedge_snoop *sn, int ifindex,
			const struct apedge_bdom *dom);

/* XID Layer-2 Update frames (xid.c) */

/* DA, SA, length, DSAP, SSAP, control, three bytes of XID information */
#define APEDGE_XID_LEN		(2 * ETH_ALEN + 2 + 3 + 3)
#define APEDGE_XID_RW_DEFAULT	0x02
/* Most spaced bursts in flight in one namespace; more are refused. */
#define APEDGE_XID_BURSTS_MAX	256

/**
 * struct apedge_xid_req - a validated XID send request
 * @sta: station MAC address, the frame's source
 * @mode: enum apedge_xid_mode
 * @vlan: 802.1Q VLAN ID, or 0 for an untagged frame
 * @count: frames to send, 1..APEDGE_XID_COUNT_MAX
 * @interval_ms: spacing between frames
 * @rw: receive-window byte of the XID information field
 */
struct apedge_xid_req {
	u8 sta[ETH_ALEN];
	u32 mode;
	u16 vlan;
	u32 count;
	u32 interval_ms;
	u8 rw;
};

void apedge_xid_build(u8 *buf, const u8 *sta, u8 rw);
int apedge_xid_send(struct apedge_port *port, const struct apedge_xid_req *req,
		    struct netlink_ext_ack *extack);
void apedge_xid_cancel(struct apedge_net *an, struct apedge_port *port);
void apedge_xid_relay(struct apedge_port *port, const u8 *sta, u32 mode,
		      u16 vlan, struct sk_buff *skb);
bool apedge_xid_room(const struct sk_buff *skb, const struct net_device *dev);

/* relaying mac80211's Layer-2 Update (l2relay.c) */

/* Sources queued from the hooks to the relay, per namespace and path. */
#define APEDGE_L2RELAY_SLOTS	32

/* Empty skbs kept for relaying from the hook, per namespace. */
#define APEDGE_L2RELAY_STOCK	8

/**
 * struct apedge_l2relay_ev - a source queued for a relay path
 * @ifindex: the relay port's device
 * @sta: the source
 * @relayed: already relayed from the hook; only the events group is
 *	     still to be told
 */
struct apedge_l2relay_ev {
	int ifindex;
	u8 sta[ETH_ALEN];
	bool relayed;
};

/**
 * struct apedge_l2relay_ring - sources waiting for one of the relay's paths
 * @lock: protects @head, @count and @ev
 * @head: index of the oldest entry of @ev
 * @count: entries in @ev
 * @ev: the relay ports and sources the hooks saw
 */
struct apedge_l2relay_ring {
	spinlock_t lock;	/* protects the ring */
	unsigned int head;
	unsigned int count;
	struct apedge_l2relay_ev ev[APEDGE_L2RELAY_SLOTS];
};

/**
 * struct apedge_l2relay - a namespace's queues of Layer-2 Updates to relay
 * @an: the namespace state
 * @fast: sources on mac80211 access point interfaces, decided in softirq
 * @tasklet: checks and relays what @fast holds
 * @slow: sources on other cfg80211 devices, which cfg80211 must be asked
 *	  about in process context
 * @work: checks and relays what @slow holds
 * @stock: empty skbs, so that the hook relays without allocating
 * @refill: tops @stock up to APEDGE_L2RELAY_STOCK, in process context
 */
struct apedge_l2relay {
	struct apedge_net *an;
	struct apedge_l2relay_ring fast;
	struct tasklet_struct tasklet;
	struct apedge_l2relay_ring slow;
	struct work_struct work;
	struct sk_buff_head stock;
	struct work_struct refill;
};

bool apedge_l2relay_match(const struct sk_buff *skb);
void apedge_l2relay_seen(struct apedge_port *port, const struct sk_buff *skb);
int apedge_l2relay_check(const struct net_device *dev,
			 struct netlink_ext_ack *extack);
bool apedge_l2relay_is_mac80211(const struct net_device *dev);
u8 apedge_l2relay_path(const struct apedge_port *port);
void apedge_l2relay_prime(struct apedge_l2relay *r);
struct apedge_l2relay *apedge_l2relay_alloc(struct apedge_net *an);
void apedge_l2relay_free(struct apedge_l2relay *r);

/* generic netlink (netlink.c) */

int apedge_xid_req_parse(struct nlattr **tb, struct apedge_xid_req *req,
			 struct netlink_ext_ack *extack);
/**
 * struct apedge_reply - where a port's object goes, and for whom
 * @msg: the message
 * @portid: the requester's netlink port; 0 for a notification
 * @seq: its request's sequence number
 * @flags: NLM_F_MULTI in a dump
 * @cb: the dump, for its consistency check; NULL otherwise
 * @st: room to read the port's counters into, for a stats reply
 */
struct apedge_reply {
	struct sk_buff *msg;
	u32 portid;
	u32 seq;
	int flags;
	struct netlink_callback *cb;
	struct apedge_stats *st;
};

size_t apedge_stats_size(void);
int apedge_stats_put(struct apedge_reply *r, const struct apedge_port *port,
		     const struct apedge_stats *st);
int apedge_genl_register(void);
void apedge_genl_unregister(void);
void apedge_notify_port(struct apedge_port *port, u8 cmd);
void apedge_notify_sta_authorized(struct apedge_port *port, const u8 *sta,
				  u16 vlan);
void apedge_notify_auth_seen(void *priv, int ifindex, const u8 *mac);
void apedge_notify_auth_changed(struct apedge_port *port, const u8 *mac,
				u8 authorized);

#endif /* _APEDGE_H */
