// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's netlink I/O against this host's kernel: the generic netlink
 * controller (always there) stands in for the apedge family, which is
 * normally absent here.  Skipped where there is no generic netlink.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "apedgectl/nl.h"
#include "lib/amsg.h"
#include "ut.h"

static int have_genl(void)
{
	struct mnl_socket *s = mnl_socket_open(NETLINK_GENERIC);

	if (!s) {
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		return 0;
	}
	mnl_socket_close(s);
	return 1;
}

UT_CASE(open_controller)
{
	struct actl_nl nl;

	if (!have_genl())
		return;
	UT_ASSERT(actl_nl_open_family(&nl, "nlctrl", "notify") == 0);
	UT_EXPECT(nl.family == GENL_ID_CTRL);
	/* The controller's one group has the controller's id. */
	UT_EXPECT(nl.events_grp == GENL_ID_CTRL);
	actl_nl_close(&nl);

	UT_ASSERT(actl_nl_open_family(&nl, "nlctrl", "no-such-group") == 0);
	UT_EXPECT(nl.family == GENL_ID_CTRL && nl.events_grp == 0);
	actl_nl_close(&nl);
}

UT_CASE(absent_family)
{
	struct actl_nl nl;
	int err;

	if (!have_genl())
		return;
	err = actl_nl_open_family(&nl, "apedge-no-such", "events");
	UT_EXPECT(err == -ENOENT);
	UT_EXPECT(nl.err == -ENOENT);
	actl_nl_close(&nl);

	err = actl_nl_open(&nl);
	if (err == 0)
		fprintf(stderr, "  the apedge module is loaded\n");
	else
		UT_EXPECT(err == -ENOENT);
	actl_nl_close(&nl);
}

struct names {
	int n, nlctrl;
};

static int name_cb(const void *msg, size_t len, void *data)
{
	struct names *names = data;
	struct amsg_family fam;
	struct amsg_err err;

	if (amsg_parse_family(msg, len, &fam, &err))
		return -1;
	names->n++;
	if (fam.id == GENL_ID_CTRL)
		names->nlctrl++;
	return 0;
}

UT_CASE(dump_and_error)
{
	uint32_t req[AMSG_REQ_SIZE / 4];
	struct names names = { 0 };
	struct actl_nl nl;
	size_t len;

	if (!have_genl())
		return;
	UT_ASSERT(actl_nl_open_family(&nl, "nlctrl", NULL) == 0);
	/* A dump of every family, the controller among them, once. */
	len = amsg_build_family_get(req, sizeof(req), NLM_F_ACK, NULL);
	UT_EXPECT(actl_nl_talk(&nl, req, len, name_cb, &names) == 0);
	UT_EXPECT(names.n >= 1 && names.nlctrl == 1);

	/* Without a callback the replies are read and dropped. */
	len = amsg_build_family_get(req, sizeof(req), NLM_F_ACK, NULL);
	UT_EXPECT(actl_nl_talk(&nl, req, len, NULL, NULL) == 0);

	/* A request the kernel refuses: its errno, and the socket goes on. */
	len = amsg_build_family_get(req, sizeof(req), NLM_F_ACK,
				    "apedge-no-such");
	UT_EXPECT(actl_nl_talk(&nl, req, len, name_cb, &names) == -ENOENT);
	len = amsg_build_family_get(req, sizeof(req), NLM_F_ACK, "nlctrl");
	names.n = 0;
	UT_EXPECT(actl_nl_talk(&nl, req, len, name_cb, &names) == 0);
	UT_EXPECT(names.n == 1);
	/* A request that was not built (0 bytes) is not sent. */
	UT_EXPECT(actl_nl_talk(&nl, req, 0, name_cb, &names) == -EMSGSIZE);
	actl_nl_close(&nl);
}

static int refuse_cb(const void *msg, size_t len, void *data)
{
	return -1;
}

UT_CASE(refused_reply)
{
	uint32_t req[AMSG_REQ_SIZE / 4];
	struct actl_nl nl;
	size_t len;

	if (!have_genl())
		return;
	UT_ASSERT(actl_nl_open_family(&nl, "nlctrl", NULL) == 0);
	len = amsg_build_family_get(req, sizeof(req), NLM_F_ACK, "nlctrl");
	UT_EXPECT(actl_nl_talk(&nl, req, len, refuse_cb, NULL) == -EPROTO);
	actl_nl_close(&nl);
}

static int events;

static void on_usr1(int sig)
{
}

static int event_cb(const void *msg, size_t len, void *data)
{
	events++;
	return 0;
}

/*
 * A signal that arrived before the wait (while an event was printed, say)
 * still ends it: it stays pending until the wait lets it in.
 */
UT_CASE(listen_ends_on_pending_signal)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t block, old, wait;
	struct actl_nl nl;

	if (!have_genl())
		return;
	UT_ASSERT(actl_nl_open_family(&nl, "nlctrl", "notify") == 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	wait = old;
	sigdelset(&wait, SIGUSR1);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	UT_EXPECT(actl_nl_listen(&nl, event_cb, NULL, &wait) == 0);
	UT_EXPECT(events == 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	actl_nl_close(&nl);

	/* Without a group to join there is nothing to listen to. */
	UT_ASSERT(actl_nl_open_family(&nl, "nlctrl", NULL) == 0);
	UT_EXPECT(actl_nl_listen(&nl, event_cb, NULL, &wait) == -EOPNOTSUPP);
	actl_nl_close(&nl);
}

UT_MAIN("apedgectl_nl",
	UT_ENTRY(open_controller),
	UT_ENTRY(absent_family),
	UT_ENTRY(dump_and_error),
	UT_ENTRY(refused_reply),
	UT_ENTRY(listen_ends_on_pending_signal))
