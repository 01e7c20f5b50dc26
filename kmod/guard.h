/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedge: the guard's decision on one frame.  See guard.c.
 */
#ifndef _APEDGE_GUARD_H
#define _APEDGE_GUARD_H

#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <linux/types.h>

#include <linux/apedge.h>

#include "classify.h"

/* The source guard's decision (apedge_sg_check()). */
enum apedge_sg {
	APEDGE_SG_PASS,
	APEDGE_SG_DROP_IPV4,	/* IPv4 source not bound */
	APEDGE_SG_DROP_IPV6,	/* IPv6 source not bound */
	APEDGE_SG_DROP_ARP,	/* ARP sender not bound, or not the frame's */
	APEDGE_SG_DROP_ND,	/* NA target not bound */
	APEDGE_SG_DROP_LL,	/* link-local address bound elsewhere */
	APEDGE_SG_DROP_LLA,	/* ND link-layer address option not ours */
	/* Not the source guard's: a DHCPv4 client message whose chaddr is
	 * not its source, on a port with verify-chaddr.
	 */
	APEDGE_SG_DROP_CHADDR,
};

/*
 * Link-local addresses, first come, first served (RFC 6620): a claim
 * lives APEDGE_LL_LIFETIME_SECS and is refreshed by its owner's Neighbor
 * Discovery in its second half; one made by a DAD probe is tentative for
 * APEDGE_LL_TENTATIVE_MS (RFC 4861's RetransTimer, what one probe of a
 * Linux host waits).  A router's address is bound as long, refreshed by
 * its Router Advertisements.
 */
#define APEDGE_LL_LIFETIME_SECS	1800
#define APEDGE_LL_REFRESH_SECS	(APEDGE_LL_LIFETIME_SECS / 2)
#define APEDGE_LL_TENTATIVE_MS	1000
/* Most ND options walked looking for a link-layer address option. */
#define APEDGE_ND_OPTS_MAX	16

/* Who an address is bound to, as a frame sees it (apedge_binding_owner()). */
enum apedge_owner {
	APEDGE_OWNER_NONE,		/* nobody, or expired */
	APEDGE_OWNER_SELF,		/* the frame's port and source MAC */
	APEDGE_OWNER_SELF_OLD,		/* the same, due to be refreshed */
	APEDGE_OWNER_OTHER,		/* another port or MAC */
	APEDGE_OWNER_OTHER_TENTATIVE,	/* the same, its claim tentative */
};

/**
 * struct apedge_learn - a link-local claim the guard asks for
 * @op: enum apedge_snoop_op, APEDGE_SNOOP_LL_CONFLICT and after; 0 none
 * @addr: the address; the port and MAC are the frame's
 */
struct apedge_learn {
	u8 op;
	u8 addr[16];
};

/* The binding table's lookup, as the guard uses it (binding.c). */
struct apedge_bindings;

/*
 * An address: AF_INET (in the first 4 bytes of addr) or AF_INET6; or,
 * with plen 1 to 128, an IPv6 prefix (addr masked to it).  plen is 0 for
 * an address, so an address and a prefix never share a key.
 */
struct apedge_bkey {
	u8 family;
	u8 plen;
	u8 pad[2];
	u8 addr[16];
};

void apedge_bkey_init(struct apedge_bkey *key, u8 family, const void *addr);
bool apedge_binding_match(struct apedge_bindings *bt,
			  const struct apedge_bkey *key, int ifindex,
			  const u8 *mac, u64 now);
u8 apedge_binding_owner(struct apedge_bindings *bt,
			const struct apedge_bkey *key, int ifindex,
			const u8 *mac, u64 now);

/**
 * struct apedge_guard - what the hooks read of a port, per frame
 * @verdict: enum apedge_verdict of each policy class, less one; written
 *	     under RTNL, read locklessly by the hooks
 * @source_guard: whether received sources must be bound; written under
 *		  RTNL, read locklessly by the hooks
 * @trusted: whether the port's role is trusted: routers' link-local
 *	     addresses are learnt from it; set before the hooks run
 * @untrusted: whether the port's role is untrusted; set before the hooks
 * @verify_chaddr: whether an untrusted port drops DHCPv4 client messages
 *		   whose chaddr is not their source; as @source_guard
 * @allow_opaque: whether an untrusted port passes frames the guard cannot
 *		  see into rather than take them as malformed; as
 *		  @source_guard
 * @ifindex: the port's device
 * @bt: the binding table of the port's namespace
 */
struct apedge_guard {
	u8 verdict[APEDGE_PCLASS_MAX];
	bool source_guard;
	bool untrusted;
	bool verify_chaddr;
	bool allow_opaque;
	bool trusted;
	int ifindex;
	struct apedge_bindings *bt;
};

/**
 * struct apedge_decision - what the guard decided about a frame
 * @cls: the classifier's result
 * @off: where the frame's EtherType's payload starts, from skb->data
 * @pclass: its policy class, 0 for none of ours
 * @verdict: enum apedge_verdict, for a frame of a policy class
 * @sg: enum apedge_sg: why the source guard (or verify-chaddr) drops it,
 *	or APEDGE_SG_PASS
 * @learn: a link-local claim for the hook to queue, if the frame passes
 */
struct apedge_decision {
	struct apedge_cls cls;
	u16 off;
	u8 pclass;
	u8 verdict;
	u8 sg;
	struct apedge_learn learn;
};

/**
 * apedge_guard_ingress_none - whether the guard leaves a received frame
 *	alone, at a glance
 * @g: the port's guard
 * @skb: the frame as the ingress hook has it
 *
 * The hooks' fast path, inlined into them: with the source guard off, a
 * frame that apedge_classify_none() finds none of ours is accepted
 * untouched and uncounted, which is what apedge_guard_ingress() would
 * decide, without its call.  False: ask apedge_guard_ingress().
 */
static __always_inline bool
apedge_guard_ingress_none(const struct apedge_guard *g,
			  const struct sk_buff *skb)
{
	return !READ_ONCE(g->source_guard) &&
	       apedge_classify_none(skb, skb->protocol, 0);
}

/**
 * apedge_guard_egress_none - whether the guard leaves a frame leaving
 *	alone, at a glance
 * @g: the port's guard
 * @skb: the frame as the egress hook has it, at its Ethernet header
 *
 * As apedge_guard_ingress_none(): with the source guard on, a frame that
 * leaves may be one mac80211 forwards from a station (hooks.c), whose
 * source the guard checks.  802.3 frames (a length, not an EtherType)
 * are rare enough to be left to apedge_guard_egress(), which passes
 * them.  False: ask apedge_guard_egress().
 */
static __always_inline bool
apedge_guard_egress_none(const struct apedge_guard *g, const struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;

	if (READ_ONCE(g->source_guard) || skb_headlen(skb) < ETH_HLEN)
		return false;
	return apedge_classify_none(skb, eth->h_proto, ETH_HLEN);
}

void apedge_guard_policy(struct apedge_guard *g, u32 role);
enum apedge_sg apedge_sg_check(struct apedge_bindings *bt, int ifindex,
			       const struct sk_buff *skb,
			       const struct apedge_cls *cls, u8 pclass,
			       u64 now, struct apedge_learn *learn);
void apedge_ll_trusted(struct apedge_bindings *bt, int ifindex,
		       const struct sk_buff *skb, const struct apedge_cls *cls,
		       u8 pclass, u64 now, struct apedge_learn *learn);
bool apedge_guard_ingress(const struct apedge_guard *g,
			  const struct sk_buff *skb, struct apedge_decision *d);
bool apedge_guard_egress(const struct apedge_guard *g,
			 const struct sk_buff *skb, u8 dir,
			 struct apedge_decision *d);

#endif /* _APEDGE_GUARD_H */
