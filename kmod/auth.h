/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedge: IEEE 802.1X port authorization.  See auth.c.
 */
#ifndef _APEDGE_AUTH_H
#define _APEDGE_AUTH_H

#include <linux/etherdevice.h>
#include <linux/rhashtable-types.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>

#include <linux/apedge.h>

/* Most MAC entries of a namespace unless the auth_max parameter says. */
#define APEDGE_AUTH_MAX_DEFAULT		4096
/* Unauthorized sources queued from the hooks to the event work. */
#define APEDGE_AUTH_EV_SLOTS		32
/* Sources remembered for the per-MAC suppression; a power of 2. */
#define APEDGE_AUTH_SEEN_SLOTS		256
/* A source raises auth-unauth-seen at most once in this many seconds. */
#define APEDGE_AUTH_SEEN_SECS		10
/* The namespace's token bucket of auth-unauth-seen: per second, burst. */
#define APEDGE_AUTH_EV_RATE		20
#define APEDGE_AUTH_EV_BURST		20

/* The EAPOL EtherType and the PAE group address (802.1X-2010 11.1.1). */
#define APEDGE_ETH_P_PAE		0x888E

/**
 * struct apedge_auth_port - a port's 802.1X state, as the hooks read it
 * @check: whether the hooks must look at all: the port is in mac mode, or
 *	   in port mode and unauthorized.  A port without 802.1X and an
 *	   authorized port in port mode pay one load and one branch.
 * @mode: enum apedge_auth_mode
 * @authorized: in port mode, whether the port is authorized
 * @allow: enum apedge_auth_allow flags: what an unauthorized station may
 *	   still send and receive
 * @nentries: MAC entries of the port in the table
 *
 * Written under RTNL, read locklessly (READ_ONCE()) by the hooks.
 */
struct apedge_auth_port {
	u8 check;
	u8 mode;
	u8 authorized;
	u32 allow;
	unsigned int nentries;
};

/* The key of a MAC entry: the port and the station (apedge_ckey). */
struct apedge_auth_key {
	int ifindex;
	u8 mac[ETH_ALEN];
	u8 pad[2];
};

/* Per-CPU counters of a MAC entry: the hot ones, on every frame. */
struct apedge_auth_pcpu {
	u64_stats_t rx_pass;
	u64_stats_t tx_pass;
	struct u64_stats_sync syncp;
};

/**
 * struct apedge_auth_entry - an authorized station behind a mac-mode port
 * @node: in &apedge_auth_table.ht; RCU for readers, RTNL for writers
 * @key: the port and the MAC
 * @list: in &apedge_auth_table.entries, under RTNL
 * @st: its counters
 * @rcu: for freeing after a grace period
 */
struct apedge_auth_entry {
	struct rhash_head node;
	struct apedge_auth_key key;
	struct list_head list;
	struct apedge_auth_pcpu __percpu *st;
	struct rcu_head rcu;
};

/* A source that raised auth-unauth-seen, and when (jiffies). */
struct apedge_auth_seen {
	int ifindex;
	u8 mac[ETH_ALEN];
	unsigned long stamp;
};

/* An unauthorized source on its way from a hook to the event work. */
struct apedge_auth_ev {
	int ifindex;
	u8 mac[ETH_ALEN];
};

/**
 * struct apedge_auth_table - a namespace's authorization table and events
 * @ht: authorized (port, MAC) entries; RCU for readers, RTNL for writers
 * @entries: the same entries in the order they came, under RTNL (dumps,
 *	     flushes)
 * @count: entries in @ht, under RTNL
 * @gen: changes whenever an entry is added or removed, under RTNL
 * @refused: entries refused because the table was full
 * @ev_lock: protects @seen, @ring, @ev_head, @ev_count, @tokens, @refill
 * @seen: the per-MAC suppression of auth-unauth-seen, hashed
 * @ring: sources waiting for @ev_work
 * @ev_head: index of the oldest source of @ring
 * @ev_count: sources in @ring
 * @tokens: the token bucket of auth-unauth-seen
 * @refill: when @tokens was last refilled (jiffies)
 * @ev_sent: auth-unauth-seen events queued
 * @ev_suppressed: sources not reported again within APEDGE_AUTH_SEEN_SECS
 * @ev_ratelimited: sources not reported because the bucket was empty
 * @ev_overflow: sources not reported because @ring was full
 * @ev_work: sends the events of @ring
 * @notify: how @ev_work sends an event (netlink.c; a test's own)
 * @priv: for @notify
 */
struct apedge_auth_table {
	struct rhashtable ht;
	struct list_head entries;
	unsigned int count;
	unsigned int gen;
	atomic64_t refused;
	spinlock_t ev_lock;	/* protects the event state */
	struct apedge_auth_seen seen[APEDGE_AUTH_SEEN_SLOTS];
	struct apedge_auth_ev ring[APEDGE_AUTH_EV_SLOTS];
	unsigned int ev_head;
	unsigned int ev_count;
	unsigned int tokens;
	unsigned long refill;
	atomic64_t ev_sent;
	atomic64_t ev_suppressed;
	atomic64_t ev_ratelimited;
	atomic64_t ev_overflow;
	struct work_struct ev_work;
	void (*notify)(void *priv, int ifindex, const u8 *mac);
	void *priv;
};

/* What the check decided about a frame. */
enum apedge_auth_verdict {
	APEDGE_AUTH_PASS,	/* authorized, or no 802.1X */
	APEDGE_AUTH_EAPOL,	/* unauthorized, but EAPOL: passes */
	APEDGE_AUTH_ALLOWED,	/* unauthorized, but auth-allow lets it pass */
	APEDGE_AUTH_DROP,	/* unauthorized: dropped */
};

struct netlink_ext_ack;

extern unsigned int apedge_auth_max;

int apedge_auth_init(struct apedge_auth_table *t);
void apedge_auth_destroy(struct apedge_auth_table *t);
struct apedge_auth_entry *apedge_auth_lookup(struct apedge_auth_table *t,
					     int ifindex, const u8 *mac);
int apedge_auth_add(struct apedge_auth_table *t, int ifindex, const u8 *mac,
		    struct netlink_ext_ack *extack);
int apedge_auth_del(struct apedge_auth_table *t, int ifindex, const u8 *mac);
unsigned int apedge_auth_flush_port(struct apedge_auth_table *t, int ifindex);
void apedge_auth_entry_read(const struct apedge_auth_entry *e, u64 *rx,
			    u64 *tx);
void apedge_auth_port_set(struct apedge_auth_port *ap,
			  struct apedge_auth_table *t, int ifindex, u8 mode,
			  u8 authorized);
bool apedge_auth_allowed(const struct sk_buff *skb, __be16 proto,
			 unsigned int off, u32 allow, bool rx);
u8 apedge_auth_rx(const struct apedge_auth_port *ap,
		  struct apedge_auth_table *t, int ifindex,
		  const u8 *dev_addr, const struct sk_buff *skb,
		  const struct ethhdr *eth, __be16 proto, unsigned int off);
u8 apedge_auth_tx(const struct apedge_auth_port *ap,
		  struct apedge_auth_table *t, int ifindex,
		  const struct sk_buff *skb, const struct ethhdr *eth);
bool apedge_auth_seen(struct apedge_auth_table *t, int ifindex, const u8 *mac,
		      unsigned long now);

#endif /* _APEDGE_AUTH_H */
