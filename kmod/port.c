// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: ports, the network devices apedge is attached to.
 *
 * Each namespace keeps its ports on a list that RTNL protects for writers
 * and RCU for readers.  A port holds a tracked reference on its device and
 * detaches itself when the device unregisters or leaves the namespace.
 */
#include <linux/bitfield.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "apedge.h"

struct apedge_port *apedge_port_find(struct apedge_net *an, int ifindex)
{
	struct apedge_port *port;

	ASSERT_RTNL();
	list_for_each_entry(port, &an->ports, list)
		if (port->dev->ifindex == ifindex)
			return port;
	return NULL;
}

struct apedge_port *apedge_port_find_rcu(struct apedge_net *an, int ifindex)
{
	struct apedge_port *port;

	list_for_each_entry_rcu(port, &an->ports, list)
		if (port->dev->ifindex == ifindex)
			return port;
	return NULL;
}

/*
 * Stop guarding a port and wait until nothing of its hooks is left: the
 * hooks are unregistered, the packets still in them have passed (a grace
 * period), the punt work they queued has stopped, and the bindings they
 * snooped for the port are applied and removed.  After this only the
 * caller uses the port.  Whatever hooks are registered, none to all.
 */
static void apedge_port_unhook(struct apedge_port *port)
{
	apedge_hooks_unregister(port);
	synchronize_net();
	apedge_punt_stop(port);
	apedge_binding_flush_port(port->an->bt, port->dev->ifindex);
}

int apedge_port_add(struct apedge_net *an, struct net_device *dev, u32 role,
		    u32 flags, struct netlink_ext_ack *extack)
{
	struct apedge_port *port;
	int err;

	ASSERT_RTNL();
	if (apedge_closing) {
		NL_SET_ERR_MSG(extack, "the module is being unloaded");
		return -ESHUTDOWN;
	}
	if (dev->reg_state != NETREG_REGISTERED) {
		NL_SET_ERR_MSG(extack, "device is going away");
		return -ENODEV;
	}
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG(extack, "device is not an Ethernet device");
		return -EOPNOTSUPP;
	}
	if (apedge_port_find(an, dev->ifindex)) {
		NL_SET_ERR_MSG(extack, "port already attached");
		return -EEXIST;
	}
	if (an->nports >= APEDGE_PORTS_MAX) {
		NL_SET_ERR_MSG(extack, "too many ports in this namespace");
		return -ENOSPC;
	}
	/* Rare: a port detached a moment ago; its flush goes by ifindex. */
	apedge_port_wait_dying(an);

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	err = -ENOMEM;
	port->stats = apedge_stats_alloc();
	if (!port->stats)
		goto err_port;
	port->base = kzalloc(sizeof(*port->base), GFP_KERNEL);
	if (!port->base)
		goto err_stats;
	port->punt = apedge_punt_alloc(port);
	if (!port->punt)
		goto err_base;
	port->punt_rate = APEDGE_PUNT_RATE_DEFAULT;
	spin_lock_init(&port->base_lock);
	port->an = an;
	port->role = role;
	port->dev = dev;
	apedge_guard_policy(&port->guard, role);
	port->guard.source_guard = !!(flags & APEDGE_PORTF_SOURCE_GUARD);
	port->guard.untrusted = role == APEDGE_PORT_ROLE_UNTRUSTED;
	port->guard.verify_chaddr = !!(flags & APEDGE_PORTF_VERIFY_CHADDR);
	port->guard.allow_opaque = !!(flags & APEDGE_PORTF_ALLOW_OPAQUE);
	port->guard.ifindex = dev->ifindex;
	port->guard.bt = an->bt;
	port->auth.mode = FIELD_GET(APEDGE_PORTF_AUTH_MODE, flags);
	port->auth.allow = FIELD_GET(APEDGE_PORTF_AUTH_ALLOW, flags);
	port->auth.check = port->auth.mode != APEDGE_AUTH_MODE_NONE;
	err = apedge_hooks_register(port, extack);
	if (err)
		goto err_hooks;
	netdev_hold(dev, &port->dev_tracker, GFP_KERNEL);

	list_add_tail_rcu(&port->list, &an->ports);
	an->nports++;
	WRITE_ONCE(an->ports_gen, an->ports_gen + 1);
	apedge_notify_port(port, APEDGE_CMD_PORT_ADD_NTF);
	return 0;

err_hooks:
	/*
	 * The ingress hook may have been live before the egress hook failed:
	 * packets may still be in it, and what it queued must not outlive
	 * the port.
	 */
	apedge_port_unhook(port);
	apedge_punt_free(port->punt);
err_base:
	kfree(port->base);
err_stats:
	free_percpu(port->stats);
err_port:
	kfree(port);
	return err;
}

/*
 * The second half of a port's teardown, a grace period after its hooks
 * were unregistered (queue_rcu_work()), in process context and without
 * RTNL: no packet is in the hooks any more, so the punt work they queued
 * can be stopped, the bindings they snooped applied and removed, and the
 * port freed.  Readers of the port list may have looked at port->dev
 * until the grace period ended; an unregistering device waits for this
 * reference (netdev_wait_allrefs(), outside RTNL).
 */
static void apedge_port_free_work(struct work_struct *work)
{
	struct apedge_port *port = container_of(to_rcu_work(work),
						struct apedge_port,
						free_rwork);
	struct apedge_net *an = port->an;

	apedge_punt_stop(port);
	apedge_binding_flush_port(an->bt, port->dev->ifindex);
	netdev_put(port->dev, &port->dev_tracker);
	apedge_punt_free(port->punt);
	kfree(port->base);
	free_percpu(port->stats);
	kfree(port);
	/* wake_up_var() only hashes the address: an may be gone by then. */
	if (atomic_dec_and_test(&an->dying))
		wake_up_var(&an->dying);
}

/*
 * Wait for the teardown of the ports detached so far: before a port is
 * attached (its device may be the one whose bindings are about to be
 * flushed, by ifindex) and before the namespace's table goes.
 */
void apedge_port_wait_dying(struct apedge_net *an)
{
	wait_var_event(&an->dying, !atomic_read(&an->dying));
}

/*
 * Detach a port.  The first half runs here, under RTNL and without
 * waiting for a grace period: the port leaves the list, its hooks are
 * unregistered, its XID bursts cancelled and listeners told.  The rest
 * runs from apedge_wq after a grace period, so that deleting many ports
 * at once (a namespace going, a daemon detaching all) costs one grace
 * period, not one per port under RTNL.
 */
void apedge_port_del(struct apedge_port *port)
{
	struct apedge_net *an = port->an;

	ASSERT_RTNL();
	list_del_rcu(&port->list);
	an->nports--;
	WRITE_ONCE(an->ports_gen, an->ports_gen + 1);
	apedge_hooks_unregister(port);
	/* Hooks still in flight find no entry, and drop: it is going. */
	apedge_auth_flush_port(an->auth, port->dev->ifindex);
	/* Bursts in flight use the port: stop them before it goes. */
	apedge_xid_cancel(an, port);
	apedge_notify_port(port, APEDGE_CMD_PORT_DEL_NTF);
	atomic_inc(&an->dying);
	INIT_RCU_WORK(&port->free_rwork, apedge_port_free_work);
	queue_rcu_work(apedge_wq, &port->free_rwork);
}

void apedge_port_del_all(struct apedge_net *an)
{
	struct apedge_port *port, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(port, tmp, &an->ports, list)
		apedge_port_del(port);
}

static int apedge_netdev_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct apedge_port *port;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;

	/* Also sent when the device moves to another namespace. */
	port = apedge_port_find(apedge_net(dev_net(dev)), dev->ifindex);
	if (port && port->dev == dev)
		apedge_port_del(port);
	return NOTIFY_DONE;
}

static struct notifier_block apedge_netdev_nb = {
	.notifier_call = apedge_netdev_event,
};

int apedge_port_notifier_register(void)
{
	return register_netdevice_notifier(&apedge_netdev_nb);
}

void apedge_port_notifier_unregister(void)
{
	unregister_netdevice_notifier(&apedge_netdev_nb);
}
