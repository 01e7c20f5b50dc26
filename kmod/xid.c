// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: IEEE 802.2 LLC XID "Layer-2 Update" frames.
 *
 * When a station associates, an unsolicited XID response with the
 * station's address as source makes every learning bridge on the way move
 * the station to the port the frame came in on (IEEE 802.11F, annex; IEEE
 * 802.2 5.4.1.2.1).  The frame is 802.3-framed with a length, not a type:
 *
 *   ff:ff:ff:ff:ff:ff  STA  00 06  00 01 af  81 01 RW
 *   DA                 SA   len    DSAP SSAP control  XID information
 *
 * DSAP is the null address, SSAP the null address with the C/R bit set
 * (a response), control 0xaf is XID with P/F clear, 0x81 is the basic XID
 * format, 0x01 says Type 1 LLC, and RW is the receive window.
 *
 * A frame is either transmitted on a port, for switches upstream, or
 * injected as if received from the station on the port, so that a bridge
 * above the port learns the station there and floods the frame onwards.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

#include "apedge.h"

#define LLC_NULL_SAP		0x00
#define LLC_NULL_SAP_RESPONSE	0x01
#define LLC_XID_RESPONSE	0xaf
#define LLC_XID_FMT_BASIC	0x81
#define LLC_XID_CLASS_TYPE1	0x01
/* Length field: the LLC header plus the XID information. */
#define APEDGE_XID_LLC_LEN	6

/**
 * apedge_xid_build - write an XID Layer-2 Update frame
 * @buf: APEDGE_XID_LEN bytes to write
 * @sta: the station's MAC address
 * @rw: the receive-window byte
 *
 * Pure: no allocation, no side effect but on @buf.
 */
void apedge_xid_build(u8 *buf, const u8 *sta, u8 rw)
{
	eth_broadcast_addr(buf);
	ether_addr_copy(buf + ETH_ALEN, sta);
	buf[12] = 0;
	buf[13] = APEDGE_XID_LLC_LEN;
	buf[14] = LLC_NULL_SAP;
	buf[15] = LLC_NULL_SAP_RESPONSE;
	buf[16] = LLC_XID_RESPONSE;
	buf[17] = LLC_XID_FMT_BASIC;
	buf[18] = LLC_XID_CLASS_TYPE1;
	buf[19] = rw;
}

/**
 * struct apedge_xid_burst - the rest of a spaced burst, sent from a work
 * @work: sends one frame and re-arms itself
 * @list: entry in &apedge_net.bursts, under &apedge_net.burst_lock; empty
 *	  once the burst is claimed by its work or by a canceller
 * @doomed: entry on a canceller's private list
 * @port: the port; apedge_port_del() cancels the burst before freeing it
 * @req: the request; @req.count is what remains to send
 */
struct apedge_xid_burst {
	struct delayed_work work;
	struct list_head list;
	struct list_head doomed;
	struct apedge_port *port;
	struct apedge_xid_req req;
};

/*
 * Fill @skb, which has room for the frame and the device's headers, with
 * the frame @req asks for, and send or inject it on @port; it is
 * consumed, and the outcome counted on the port.
 */
static int apedge_xid_fill_send(struct apedge_port *port,
				const struct apedge_xid_req *req,
				struct sk_buff *skb)
{
	struct net_device *dev = port->dev;
	int err;

	apedge_xid_build(skb_put(skb, APEDGE_XID_LEN), req->sta, req->rw);
	skb->dev = dev;
	skb_reset_mac_header(skb);
	if (req->vlan)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), req->vlan);

	if (req->mode == APEDGE_XID_MODE_INJECT) {
		skb->protocol = eth_type_trans(skb, dev);
		skb_reset_network_header(skb);
		if (netif_rx(skb) == NET_RX_DROP) {
			err = -ENOBUFS;
			goto fail;
		}
		apedge_count(port, APEDGE_CTR_XID_INJECT);
		return 0;
	}

	skb->protocol = htons(ETH_P_802_2);
	skb_set_network_header(skb, ETH_HLEN);
	/* Positive: a qdisc's verdict; congestion still sent the frame. */
	err = dev_queue_xmit(skb);
	if (err > 0)
		err = err == NET_XMIT_CN ? 0 : -ENOBUFS;
	if (err)
		goto fail;
	apedge_count(port, APEDGE_CTR_XID_TRANSMIT);
	return 0;

fail:
	apedge_count(port, APEDGE_CTR_XID_ERRORS);
	return err;
}

static int apedge_xid_one(struct apedge_port *port,
			  const struct apedge_xid_req *req, gfp_t gfp)
{
	struct net_device *dev = port->dev;
	struct sk_buff *skb;
	int err = -ENETDOWN;

	if (!netif_running(dev))
		goto fail;
	err = -ENOMEM;
	skb = alloc_skb(LL_RESERVED_SPACE(dev) + APEDGE_XID_LEN +
			dev->needed_tailroom, gfp);
	if (!skb)
		goto fail;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	return apedge_xid_fill_send(port, req, skb);

fail:
	apedge_count(port, APEDGE_CTR_XID_ERRORS);
	return err;
}

/* Take @b off the list, under burst_lock; true if the caller owns it now. */
static bool apedge_xid_unlist(struct apedge_net *an, struct apedge_xid_burst *b)
{
	lockdep_assert_held(&an->burst_lock);
	if (list_empty(&b->list))
		return false;
	list_del_init(&b->list);
	WRITE_ONCE(an->nbursts, an->nbursts - 1);
	return true;
}

static bool apedge_xid_claim(struct apedge_net *an, struct apedge_xid_burst *b)
{
	bool mine;

	spin_lock_bh(&an->burst_lock);
	mine = apedge_xid_unlist(an, b);
	spin_unlock_bh(&an->burst_lock);
	return mine;
}

static void apedge_xid_work(struct work_struct *work)
{
	struct apedge_xid_burst *b = container_of(to_delayed_work(work),
						  struct apedge_xid_burst,
						  work);
	struct apedge_net *an = b->port->an;

	apedge_xid_one(b->port, &b->req, GFP_KERNEL);
	if (--b->req.count) {
		schedule_delayed_work(&b->work,
				      msecs_to_jiffies(b->req.interval_ms));
		return;
	}
	/* Done; free it unless a canceller got there first and owns it. */
	if (apedge_xid_claim(an, b))
		kfree(b);
}

/**
 * apedge_xid_send - send an XID frame, or start a burst, on a port
 * @port: the port
 * @req: the validated request
 * @extack: for error messages
 *
 * The first frame is sent at once and its result returned; with an
 * interval, the rest of a burst follows from a delayed work, which sends
 * one frame each time it runs.  A burst lasts at most APEDGE_XID_SPAN_MAX
 * ms (apedge_xid_req_parse()), and a namespace has at most
 * APEDGE_XID_BURSTS_MAX in flight.  Counts every frame on the port.
 * Process context; RTNL held.
 */
int apedge_xid_send(struct apedge_port *port, const struct apedge_xid_req *req,
		    struct netlink_ext_ack *extack)
{
	struct apedge_net *an = port->an;
	struct apedge_xid_burst *b;
	u32 i;
	int err;

	if (!netif_running(port->dev)) {
		NL_SET_ERR_MSG(extack, "port is down");
		return -ENETDOWN;
	}

	if (req->count > 1 && req->interval_ms) {
		/* Bursts are added only under RTNL: none can come between. */
		if (READ_ONCE(an->nbursts) >= APEDGE_XID_BURSTS_MAX) {
			NL_SET_ERR_MSG(extack, "too many XID bursts in flight");
			return -EBUSY;
		}
		b = kzalloc(sizeof(*b), GFP_KERNEL);
		if (!b)
			return -ENOMEM;
	} else {
		b = NULL;
	}

	err = apedge_xid_one(port, req, GFP_KERNEL);
	if (err) {
		NL_SET_ERR_MSG(extack, "could not deliver the XID frame");
		kfree(b);
		return err;
	}

	if (!b) {
		/* Back to back; a later frame's failure is only counted. */
		for (i = 1; i < req->count; i++)
			apedge_xid_one(port, req, GFP_KERNEL);
		return 0;
	}

	b->port = port;
	b->req = *req;
	b->req.count--;
	INIT_DELAYED_WORK(&b->work, apedge_xid_work);
	spin_lock_bh(&an->burst_lock);
	list_add_tail(&b->list, &an->bursts);
	WRITE_ONCE(an->nbursts, an->nbursts + 1);
	spin_unlock_bh(&an->burst_lock);
	schedule_delayed_work(&b->work, msecs_to_jiffies(req->interval_ms));
	return 0;
}

/**
 * apedge_xid_cancel - stop the bursts of one port, or of all ports
 * @an: namespace state
 * @port: the port, or NULL for every port of @an
 *
 * Sleeps until the cancelled bursts' works have finished.
 */
void apedge_xid_cancel(struct apedge_net *an, struct apedge_port *port)
{
	struct apedge_xid_burst *b, *tmp;
	LIST_HEAD(doomed);

	spin_lock_bh(&an->burst_lock);
	list_for_each_entry_safe(b, tmp, &an->bursts, list) {
		if (port && b->port != port)
			continue;
		/* Claimed: the work will no longer free it. */
		apedge_xid_unlist(an, b);
		list_add_tail(&b->doomed, &doomed);
	}
	spin_unlock_bh(&an->burst_lock);

	list_for_each_entry_safe(b, tmp, &doomed, doomed) {
		cancel_delayed_work_sync(&b->work);
		kfree(b);
	}
}

/**
 * apedge_xid_relay - send one relayed Layer-2 Update on a port
 * @port: the port, with l2update set
 * @sta: the station
 * @mode: enum apedge_xid_mode
 * @vlan: the VLAN ID to tag it with, 0 for none
 * @skb: an empty skb with apedge_xid_room() for @port, consumed; or NULL
 *	 to allocate one atomically
 *
 * For l2relay.c, under RCU: never sleeps, and with @skb allocates
 * nothing (the hook's path).  The frame, or its failure, is counted on
 * the port as any other.
 */
void apedge_xid_relay(struct apedge_port *port, const u8 *sta, u32 mode,
		      u16 vlan, struct sk_buff *skb)
{
	struct apedge_xid_req req = {
		.mode = mode,
		.vlan = vlan,
		.count = 1,
		.rw = APEDGE_XID_RW_DEFAULT,
	};

	ether_addr_copy(req.sta, sta);
	if (!skb) {
		apedge_xid_one(port, &req, GFP_ATOMIC);
		return;
	}
	if (!netif_running(port->dev)) {
		kfree_skb(skb);
		apedge_count(port, APEDGE_CTR_XID_ERRORS);
		return;
	}
	apedge_xid_fill_send(port, &req, skb);
}

/**
 * apedge_xid_room - whether an skb fits a Layer-2 Update for a device
 * @skb: an empty skb
 * @dev: the device it would leave from
 */
bool apedge_xid_room(const struct sk_buff *skb, const struct net_device *dev)
{
	return skb_headroom(skb) >= LL_RESERVED_SPACE(dev) &&
	       skb_tailroom(skb) >= APEDGE_XID_LEN + dev->needed_tailroom;
}
