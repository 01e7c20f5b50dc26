// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: module and network-namespace life cycle.
 */
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "apedge.h"

unsigned int apedge_net_id __read_mostly;

static int __net_init apedge_net_init(struct net *net)
{
	struct apedge_net *an = apedge_net(net);
	int err;

	an->net = net;
	INIT_LIST_HEAD(&an->ports);
	spin_lock_init(&an->burst_lock);
	INIT_LIST_HEAD(&an->bursts);
	an->bt = kzalloc(sizeof(*an->bt), GFP_KERNEL);
	if (!an->bt)
		return -ENOMEM;
	err = apedge_bindings_init(an->bt);
	if (err) {
		kfree(an->bt);
		an->bt = NULL;
	}
	return err;
}

static void __net_exit apedge_net_exit(struct net *net)
{
	struct apedge_net *an = apedge_net(net);

	/*
	 * A dying namespace has lost its devices already, and with them its
	 * ports; at module unload the ports of live namespaces go here.
	 */
	rtnl_lock();
	apedge_port_del_all(an);
	rtnl_unlock();
	apedge_xid_cancel(an, NULL);
	WARN_ON_ONCE(!list_empty(&an->bursts));
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

	err = register_pernet_subsys(&apedge_net_ops);
	if (err)
		return err;
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
	return err;
}

static void __exit apedge_exit(void)
{
	apedge_genl_unregister();
	apedge_port_notifier_unregister();
	unregister_pernet_subsys(&apedge_net_ops);
	/* Ports are freed after a grace period by our own callback. */
	rcu_barrier();
}

module_init(apedge_init);
module_exit(apedge_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The apedge developers");
MODULE_DESCRIPTION("Wi-Fi access point edge fast path");
MODULE_VERSION(APEDGE_VERSION);
MODULE_ALIAS_GENL_FAMILY(APEDGE_FAMILY_NAME);
