// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: module and network-namespace life cycle.
 */
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "apedge.h"

unsigned int apedge_net_id __read_mostly;

/* Every namespace's state, for module exit to reach. */
static LIST_HEAD(apedge_nets);
static DEFINE_MUTEX(apedge_nets_lock);	/* protects apedge_nets */

/* Where detached ports finish their teardown (port.c). */
struct workqueue_struct *apedge_wq;

/* Set under RTNL when the module begins to go: no port is added after. */
bool apedge_closing;

static int __net_init apedge_net_init(struct net *net)
{
	struct apedge_net *an = apedge_net(net);
	int err;

	an->net = net;
	INIT_LIST_HEAD(&an->ports);
	/* Never 0, which a dump takes for "no generation yet". */
	an->ports_gen = 1;
	spin_lock_init(&an->burst_lock);
	INIT_LIST_HEAD(&an->bursts);
	an->bt = kzalloc(sizeof(*an->bt), GFP_KERNEL);
	if (!an->bt)
		return -ENOMEM;
	err = apedge_bindings_init(an->bt);
	if (err)
		goto err_bt;
	err = -ENOMEM;
	an->relay = apedge_l2relay_alloc(an);
	if (!an->relay)
		goto err_relay;
	an->auth = kzalloc(sizeof(*an->auth), GFP_KERNEL);
	if (!an->auth)
		goto err_auth;
	an->auth->notify = apedge_notify_auth_seen;
	an->auth->priv = an;
	err = apedge_auth_init(an->auth);
	if (err)
		goto err_auth_init;
	atomic_set(&an->dying, 0);
	mutex_lock(&apedge_nets_lock);
	list_add_tail(&an->all, &apedge_nets);
	mutex_unlock(&apedge_nets_lock);
	return 0;

err_auth_init:
	kfree(an->auth);
err_auth:
	apedge_l2relay_free(an->relay);
err_relay:
	apedge_bindings_destroy(an->bt);
err_bt:
	kfree(an->bt);
	an->bt = NULL;
	return err;
}

static void __net_exit apedge_net_exit(struct net *net)
{
	struct apedge_net *an = apedge_net(net);

	/*
	 * A dying namespace has lost its devices, and with them its ports,
	 * before its subsystems exit; at module unload apedge_stop() has
	 * detached the ports of live namespaces.  So RTNL is taken only if
	 * a port is somehow left.
	 */
	if (WARN_ON_ONCE(!list_empty(&an->ports))) {
		rtnl_lock();
		apedge_port_del_all(an);
		rtnl_unlock();
	}
	mutex_lock(&apedge_nets_lock);
	list_del(&an->all);
	mutex_unlock(&apedge_nets_lock);
	apedge_port_wait_dying(an);
	apedge_xid_cancel(an, NULL);
	WARN_ON_ONCE(!list_empty(&an->bursts));
	/* No port, so no hook, queues on the relay any more. */
	apedge_l2relay_free(an->relay);
	/* No port, so no hook, queues auth events or reads the table. */
	apedge_auth_destroy(an->auth);
	kfree(an->auth);
	/* No port, so no hook, uses the table any more. */
	apedge_bindings_destroy(an->bt);
	kfree(an->bt);
}

static struct pernet_operations apedge_net_ops = {
	.init = apedge_net_init,
	.exit = apedge_net_exit,
	.id = &apedge_net_id,
	.size = sizeof(struct apedge_net),
};

static int __init apedge_init(void)
{
	int err;

	apedge_wq = alloc_workqueue("apedge", WQ_UNBOUND, 0);
	if (!apedge_wq)
		return -ENOMEM;
	err = register_pernet_subsys(&apedge_net_ops);
	if (err)
		goto err_wq;
	err = apedge_port_notifier_register();
	if (err)
		goto err_pernet;
	err = apedge_genl_register();
	if (err)
		goto err_notifier;
	pr_info("apedge " APEDGE_VERSION " loaded\n");
	return 0;

err_notifier:
	apedge_port_notifier_unregister();
err_pernet:
	unregister_pernet_subsys(&apedge_net_ops);
err_wq:
	destroy_workqueue(apedge_wq);
	return err;
}

/*
 * Stop whatever still produces messages for the family: refuse new ports,
 * then detach the ports of every namespace.  With its hooks go its punt
 * work and its XID bursts; its port-del-ntf still reaches the listeners.
 */
static void apedge_stop(void)
{
	struct apedge_net *an;

	rtnl_lock();
	apedge_closing = true;
	mutex_lock(&apedge_nets_lock);
	list_for_each_entry(an, &apedge_nets, all)
		apedge_port_del_all(an);
	mutex_unlock(&apedge_nets_lock);
	rtnl_unlock();
}

/*
 * The reverse of init, with the producers stopped before the family goes:
 * a punt work or a notification must not use a family that is no longer
 * registered, whose groups' ids another family may already hold.  Until
 * the family is unregistered commands still run, but no port can be
 * added, and without a port no hook, punt or burst can start.  The pernet
 * exit then waits for its ports' teardown, stops each namespace's snoop
 * and collector works and frees its table; the workqueue goes last.
 */
static void __exit apedge_exit(void)
{
	apedge_stop();
	apedge_genl_unregister();
	apedge_port_notifier_unregister();
	unregister_pernet_subsys(&apedge_net_ops);
	destroy_workqueue(apedge_wq);
}

module_init(apedge_init);
module_exit(apedge_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The apedge developers");
MODULE_DESCRIPTION("Wi-Fi access point edge fast path");
MODULE_VERSION(APEDGE_VERSION);
MODULE_ALIAS_GENL_FAMILY(APEDGE_FAMILY_NAME);
