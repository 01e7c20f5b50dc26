// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: punting packets to userspace.
 *
 * A hook that copies or redirects a packet may neither sleep nor
 * allocate, so it copies the packet's first bytes into a slot of the
 * port's fixed ring and wakes a work item; the work builds the netlink
 * messages for the punt group in process context.  A per-port rate (a
 * budget per one-second window) bounds what reaches userspace; what is
 * over the rate, or finds the ring full, is counted and not punted.
 */
#include <kunit/test-bug.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "apedge.h"

/**
 * struct apedge_punt - a port's queue to the punt group
 * @lock: protects everything below but @work
 * @head: index of the oldest packet in @ring
 * @count: packets in @ring
 * @window: start of the present rate window, in jiffies
 * @used: packets punted in the present window
 * @work: sends the queued packets
 * @port: the port
 * @ring: the packets
 */
struct apedge_punt {
	spinlock_t lock;	/* protects the ring and the rate window */
	unsigned int head;
	unsigned int count;
	unsigned long window;
	u32 used;
	struct work_struct work;
	struct apedge_port *port;
	struct apedge_punt_pkt ring[APEDGE_PUNT_SLOTS];
};

static void apedge_punt_work(struct work_struct *work)
{
	struct apedge_punt *p = container_of(work, struct apedge_punt, work);
	struct apedge_punt_pkt *pkt;

	pkt = kmalloc(sizeof(*pkt), GFP_KERNEL);
	if (!pkt)
		return;
	for (;;) {
		spin_lock_bh(&p->lock);
		if (!p->count) {
			spin_unlock_bh(&p->lock);
			break;
		}
		memcpy(pkt, &p->ring[p->head], sizeof(*pkt));
		p->head = (p->head + 1) % APEDGE_PUNT_SLOTS;
		p->count--;
		spin_unlock_bh(&p->lock);
		apedge_notify_punt(p->port, pkt);
	}
	kfree(pkt);
}

struct apedge_punt *apedge_punt_alloc(struct apedge_port *port)
{
	struct apedge_punt *p;

	p = kvzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return NULL;
	spin_lock_init(&p->lock);
	INIT_WORK(&p->work, apedge_punt_work);
	p->port = port;
	p->window = jiffies;
	return p;
}

/*
 * Free a port's queue once apedge_punt_stop() has run.  Its work still
 * queued would run on freed memory: a hook ran after the port's last
 * grace period, which KUnit also reports as a failed test.
 */
void apedge_punt_free(struct apedge_punt *punt)
{
	if (WARN_ON_ONCE(work_pending(&punt->work)))
		kunit_fail_current_test("punt queue freed with its work queued");
	kvfree(punt);
}

/*
 * After the hooks are gone and a grace period has passed, nothing queues
 * work any more: wait for the last.
 */
void apedge_punt_stop(struct apedge_port *port)
{
	cancel_work_sync(&port->punt->work);
}

/**
 * apedge_punt - queue a packet for the punt group
 * @port: the port
 * @skb: the packet
 * @off: where its network header is, from skb->data
 * @dir: enum apedge_direction
 * @pclass: its policy class
 * @verdict: APEDGE_VERDICT_COPY or APEDGE_VERDICT_REDIRECT
 *
 * From the hooks: softirq, or BH disabled.  No allocation.
 *
 * Return: true if it was queued; otherwise it was counted as over the
 * rate or as an overflow.
 */
bool apedge_punt(struct apedge_port *port, const struct sk_buff *skb,
		 unsigned int off, u8 dir, u8 pclass, u8 verdict)
{
	struct apedge_punt *p = port->punt;
	struct apedge_punt_pkt *pkt;
	unsigned long now = jiffies;
	enum apedge_ctr why;
	unsigned int len;

	len = skb->len > off ? skb->len - off : 0;
	spin_lock(&p->lock);
	if (time_after_eq(now, p->window + HZ)) {
		p->window = now;
		p->used = 0;
	}
	if (p->used >= READ_ONCE(port->punt_rate)) {
		why = APEDGE_CTR_PUNT_RATELIMITED;
		goto refuse;
	}
	if (p->count == APEDGE_PUNT_SLOTS) {
		why = APEDGE_CTR_PUNT_OVERFLOW;
		goto refuse;
	}
	pkt = &p->ring[(p->head + p->count) % APEDGE_PUNT_SLOTS];
	pkt->dir = dir;
	pkt->pclass = pclass;
	pkt->verdict = verdict;
	pkt->len = len;
	/*
	 * The Ethernet addresses, where the frame has that header before
	 * its network header: both hooks see it (eth_type_trans() at
	 * ingress, the device's header at egress).
	 */
	pkt->has_mac = skb->dev && skb->dev->type == ARPHRD_ETHER &&
		       skb_mac_header_was_set(skb) &&
		       skb_mac_header_len(skb) >= ETH_HLEN;
	if (pkt->has_mac) {
		const struct ethhdr *eth = eth_hdr(skb);

		ether_addr_copy(pkt->src, eth->h_source);
		ether_addr_copy(pkt->dst, eth->h_dest);
	}
	pkt->caplen = min_t(unsigned int, len, APEDGE_PUNT_SNAPLEN);
	if (skb_copy_bits(skb, off, pkt->data, pkt->caplen)) {
		why = APEDGE_CTR_PUNT_OVERFLOW;
		goto refuse;
	}
	p->count++;
	p->used++;
	spin_unlock(&p->lock);
	schedule_work(&p->work);
	return true;

refuse:
	spin_unlock(&p->lock);
	apedge_count(port, why);
	return false;
}
