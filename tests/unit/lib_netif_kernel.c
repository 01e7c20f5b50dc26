// SPDX-License-Identifier: GPL-2.0
/*
 * The interface watcher against the real kernel: each case moves the test
 * into a fresh network namespace (unshare(CLONE_NEWNET), so it needs root
 * and says so when skipped), opens the watcher there, changes links and
 * addresses with ip(8) and checks the events, in order.  Also: a forged
 * message from an unprivileged local user is dropped, and a receive
 * buffer overrun is repaired by a dump whose difference the subscribers
 * are told.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <net/if.h>		/* before <linux/...> */
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "lib/loop.h"
#include "lib/netif.h"
#include "ut.h"

#define IFF_LOWER 0x10000u

/* The events as text, and a view of the link names built from them. */
struct rec {
	char log[65536];
	char names[1024][IFNAMSIZ];
	int n_names;
	int events;
};

static void rec_add(struct rec *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void rec_add(struct rec *r, const char *fmt, ...)
{
	size_t len = strlen(r->log);
	va_list ap;

	if (len + 256 > sizeof(r->log))
		return;
	if (len)
		len += (size_t)snprintf(r->log + len, sizeof(r->log) - len,
					"; ");
	va_start(ap, fmt);
	vsnprintf(r->log + len, sizeof(r->log) - len, fmt, ap);
	va_end(ap);
}

static int view_find(const struct rec *r, const char *name)
{
	int i;

	for (i = 0; i < r->n_names; i++)
		if (!strcmp(r->names[i], name))
			return i;
	return -1;
}

static void view_del(struct rec *r, const char *name)
{
	int i = view_find(r, name);

	if (i >= 0)
		memcpy(r->names[i], r->names[--r->n_names], IFNAMSIZ);
}

static void view_add(struct rec *r, const char *name)
{
	if (view_find(r, name) < 0 && r->n_names < 1024)
		memcpy(r->names[r->n_names++], name, IFNAMSIZ);
}

static void rec_cb(const struct netif_event *ev, void *data)
{
	struct rec *r = data;
	char a[INET6_ADDRSTRLEN], extra[64] = "";
	const char *mark = ev->replay ? "*" : ev->renamed ? "^" : "";

	r->events++;
	switch (ev->type) {
	case NETIF_LINK_NEW:
		view_add(r, ev->link->name);
		break;
	case NETIF_LINK_DEL:
		view_del(r, ev->link->name);
		break;
	case NETIF_LINK_RENAME:
		view_del(r, ev->old->name);
		view_add(r, ev->link->name);
		snprintf(extra, sizeof(extra), " was %s", ev->old->name);
		break;
	case NETIF_LINK_CHANGE:
	case NETIF_ADDR_CHANGE:
		snprintf(extra, sizeof(extra), " %#x", ev->changed);
		break;
	default:
		break;
	}
	if (ev->addr) {
		inet_ntop(ev->addr->family, &ev->addr->addr, a, sizeof(a));
		rec_add(r, "%s%s %s %s/%u%s%s", mark,
			netif_event_name(ev->type), ev->link->name, a,
			ev->addr->prefixlen,
			ev->addr->flags & IFA_F_TENTATIVE ? " tentative" : "",
			extra);
	} else {
		rec_add(r, "%s%s %s%s", mark, netif_event_name(ev->type),
			ev->link->name, extra);
	}
}

/*
 * Whether each of the NULL-terminated items occurs in log, in this order
 * (others may come between).  Says which one did not.
 */
static bool in_order(const char *log, ...)
{
	const char *at = log, *item;
	va_list ap;
	bool ok = true;

	va_start(ap, log);
	while ((item = va_arg(ap, const char *))) {
		const char *hit = strstr(at, item);

		if (!hit) {
			fprintf(stderr, "  \"%s\" missing (or out of order) "
				"in: %s\n", item, log);
			ok = false;
			break;
		}
		at = hit + strlen(item);
	}
	va_end(ap);
	return ok;
}

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	if (rc)
		fprintf(stderr, "  \"%s\": status %d\n", cmd, rc);
	return rc;
}

/* Run the loop until nothing happened for quiet_ms, at most max_ms. */
static void pump(struct loop *loop, struct netif *nf, struct rec *r,
		 int quiet_ms, int max_ms)
{
	uint64_t start = loop_now_ms(), last = start;
	int seen = -1;

	while (loop_now_ms() - start < (uint64_t)max_ms) {
		loop_iterate(loop, 20);
		if (r->events != seen || netif_dumping(nf)) {
			seen = r->events;
			last = loop_now_ms();
		} else if (loop_now_ms() - last >= (uint64_t)quiet_ms) {
			return;
		}
	}
}

/* Run the loop until text shows in the log, at most max_ms. */
static bool pump_for(struct loop *loop, struct rec *r, const char *text,
		     int max_ms)
{
	uint64_t start = loop_now_ms();

	while (!strstr(r->log, text)) {
		if (loop_now_ms() - start > (uint64_t)max_ms) {
			fprintf(stderr, "  no \"%s\" in: %s\n", text, r->log);
			return false;
		}
		loop_iterate(loop, 20);
	}
	return true;
}

/* A fresh network namespace for this process; false (and why) if not. */
static bool fresh_netns(void)
{
	if (geteuid() != 0 || unshare(CLONE_NEWNET) < 0) {
		printf("  skipped: a network namespace needs root (%s)\n",
		       geteuid() ? "not root" : strerror(errno));
		return false;
	}
	return true;
}

static size_t kernel_link_count(void)
{
	struct if_nameindex *all = if_nameindex(), *i;
	size_t n = 0;

	for (i = all; i && i->if_index; i++)
		n++;
	if_freenameindex(all);
	return n;
}

UT_CASE(kernel_events_in_order)
{
	struct loop *loop;
	struct netif *nf;
	static struct rec all, named;
	const struct netif_link *l;
	struct in_addr a4;
	uint8_t ip[16];

	if (!fresh_netns())
		return;
	loop = loop_new();
	nf = netif_open(loop);
	UT_ASSERT(nf);
	/* The first dump is there before anyone asks. */
	l = netif_link_by_name(nf, "lo");
	UT_ASSERT(l && l->index == 1 && !netif_link_is_up(l));
	UT_ASSERT(netif_subscribe(nf, NULL, rec_cb, &all));
	UT_ASSERT(netif_subscribe(nf, "v0", rec_cb, &named));
	UT_EXPECT(!all.events);
	pump(loop, nf, &all, 50, 1000);
	UT_EXPECT_STR(all.log, "*link-new lo");
	UT_EXPECT_STR(named.log, "");

	UT_ASSERT(!sh("ip link add v0 type veth peer name v1"));
	UT_ASSERT(!sh("ip link set v0 address 02:00:00:00:00:01"));
	UT_ASSERT(!sh("ip link set v0 up"));
	pump(loop, nf, &all, 100, 2000);
	l = netif_link_by_name(nf, "v0");
	UT_ASSERT(l);
	UT_EXPECT(l->hwaddr_len == 6 && l->hwaddr[5] == 1);
	UT_EXPECT_STR(l->kind, "veth");
	UT_EXPECT(netif_link_is_up(l) && !netif_link_has_carrier(l));
	UT_ASSERT(!sh("ip link set v1 up"));
	/* v0's carrier comes through linkwatch, up to a second later. */
	UT_EXPECT(pump_for(loop, &all, "carrier-on v0", 3000));
	UT_ASSERT(!sh("ip addr add 192.0.2.1/24 dev v0"));
	UT_ASSERT(!sh("ip addr add 2001:db8::1/64 dev v0"));
	/* Duplicate address detection takes a second or two. */
	UT_EXPECT(pump_for(loop, &all, "addr-change v0 2001:db8::1/64", 5000));
	UT_EXPECT(netif_addr4_first(nf, l->index, &a4) &&
		  a4.s_addr == htonl(0xc0000201));
	inet_pton(AF_INET6, "2001:db8::1", ip);
	UT_EXPECT(netif_has_addr(nf, 0, AF_INET6, ip));

	UT_ASSERT(!sh("ip link add br0 type bridge"));
	UT_ASSERT(!sh("ip link set v1 master br0"));
	pump(loop, nf, &all, 100, 2000);
	UT_EXPECT(netif_link_by_name(nf, "v1")->master ==
		  netif_link_by_name(nf, "br0")->index);
	/* Leaving the bridge sends an AF_BRIDGE DELLINK: v1 stays. */
	UT_ASSERT(!sh("ip link set v1 nomaster"));
	pump(loop, nf, &all, 100, 2000);
	UT_ASSERT(netif_link_by_name(nf, "v1"));
	UT_EXPECT(netif_link_by_name(nf, "v1")->master == 0);
	UT_EXPECT(!strstr(all.log, "link-del v1"));

	UT_ASSERT(!sh("ip link set v0 down"));
	UT_ASSERT(!sh("ip link set v0 name w0"));
	UT_ASSERT(!sh("ip addr del 192.0.2.1/24 dev w0"));
	UT_ASSERT(!sh("ip link del w0"));
	pump(loop, nf, &all, 100, 2000);

	UT_EXPECT(in_order(all.log, "*link-new lo", "link-new v1",
			   "link-new v0", "link-change v0 0x1", "link-up v0",
			   "link-up v1", "carrier-on v1", NULL));
	UT_EXPECT(in_order(all.log, "link-up v1", "carrier-on v0",
			   "addr-new v0 192.0.2.1/24",
			   "addr-new v0 2001:db8::1/64 tentative",
			   "addr-change v0 2001:db8::1/64 0x40",
			   "link-new br0", "link-change v1 0x4",
			   "link-change v1 0x4", "carrier-off v0",
			   "link-down v0", "addr-del v0 2001:db8::1/64",
			   "link-rename w0 was v0",
			   "addr-del w0 192.0.2.1/24", "link-del w0", NULL));
	UT_EXPECT(in_order(all.log, "link-del w0", "link-del v1", NULL));
	UT_EXPECT(in_order(named.log, "link-new v0", "link-up v0",
			   "carrier-on v0", "addr-new v0 192.0.2.1/24",
			   "carrier-off v0", "link-down v0",
			   "^addr-del w0 192.0.2.1/24", "^link-del w0", NULL));
	UT_EXPECT(!strstr(named.log, "v1"));
	UT_EXPECT(!strstr(named.log, "br0"));
	/* The kernel's own DELADDR came after the rename: not for "v0". */
	UT_EXPECT(!strstr(strstr(named.log, "^link-del w0"), "addr-del"));

	/* What is left: lo and br0, as the kernel says. */
	UT_EXPECT(netif_link_count(nf) == 2);
	UT_EXPECT(kernel_link_count() == 2);
	UT_EXPECT(netif_get_stats(nf)->foreign == 0);
	UT_EXPECT(netif_get_stats(nf)->overruns == 0);
	netif_free(nf);
	loop_free(loop);
}

/*
 * Only the kernel is listened to.  The kernel itself lets no process
 * without CAP_NET_ADMIN send to our NETLINK_ROUTE port (netlink_sendmsg()
 * wants NL_CFG_F_NONROOT_SEND, which rtnetlink lacks): an unprivileged
 * user gets EPERM.  A process that has it (root, here) forges "lo went
 * down" and "lo was deleted", and neither is believed.
 */
static int forge(uint32_t portid, bool drop_privileges)
{
	struct {
		struct nlmsghdr nlh;
		struct ifinfomsg ifi;
		struct nlattr nla;
		char name[4];
	} m = {
		.nlh = { .nlmsg_len = sizeof(m), .nlmsg_type = RTM_NEWLINK },
		.ifi = { .ifi_index = 1, .ifi_flags = 0 },
		.nla = { .nla_len = 4 + 3, .nla_type = IFLA_IFNAME },
		.name = "lo",
	};
	struct sockaddr_nl to = { .nl_family = AF_NETLINK, .nl_pid = portid };
	int fd, sent = 0, refused = 0, i;

	if (drop_privileges &&
	    (setgid(65534) < 0 || setuid(65534) < 0 || getuid() != 65534))
		return 10;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return 11;
	for (i = 0; i < 2; i++) {
		m.nlh.nlmsg_type = i ? RTM_DELLINK : RTM_NEWLINK;
		if (sendto(fd, &m, sizeof(m), 0, (struct sockaddr *)&to,
			   sizeof(to)) == sizeof(m))
			sent++;
		else if (errno == EPERM)
			refused++;
	}
	close(fd);
	return sent * 4 + refused;	/* 8: both sent, 2: both refused */
}

static int forge_in_child(uint32_t portid, bool drop_privileges)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(forge(portid, drop_privileges));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

UT_CASE(kernel_forged_message_dropped)
{
	struct loop *loop;
	struct netif *nf;
	static struct rec all;
	const char *replay = "*link-new lo; *addr-new lo 127.0.0.1/8; "
			     "*addr-new lo ::1/128";

	if (!fresh_netns())
		return;
	UT_ASSERT(!sh("ip link set lo up"));
	loop = loop_new();
	nf = netif_open(loop);
	UT_ASSERT(nf);
	UT_ASSERT(netif_subscribe(nf, NULL, rec_cb, &all));
	pump(loop, nf, &all, 50, 1000);
	UT_EXPECT_STR(all.log, replay);

	UT_EXPECT(forge_in_child(netif_portid(nf), true) == 2);
	UT_EXPECT(forge_in_child(netif_portid(nf), false) == 8);
	pump(loop, nf, &all, 100, 1000);
	UT_EXPECT_STR(all.log, replay);
	UT_EXPECT(netif_get_stats(nf)->foreign == 2);
	UT_ASSERT(netif_link_by_name(nf, "lo"));
	UT_EXPECT(netif_link_is_up(netif_link_by_name(nf, "lo")));
	netif_free(nf);
	loop_free(loop);
}

/*
 * Two hundred links made, then half of them deleted, while the loop
 * sleeps overrun the socket (its buffer shrunk to a few messages); the dump that follows brings the table, and the subscriber's
 * view built from events alone, to what the kernel has.
 */
UT_CASE(kernel_overrun_resync)
{
	static struct rec all;
	struct loop *loop;
	struct netif *nf;
	const struct netif_link *l;
	char path[] = "/tmp/netif-batch.XXXXXX";
	FILE *f;
	int fd, i, pairs = 100;

	if (!fresh_netns())
		return;
	loop = loop_new();
	nf = netif_open(loop);
	UT_ASSERT(nf);
	/* Room for a few messages only. */
	UT_ASSERT(!netif_set_rcvbuf(nf, 16384));
	UT_ASSERT(netif_subscribe(nf, NULL, rec_cb, &all));
	pump(loop, nf, &all, 50, 1000);

	fd = mkstemp(path);
	UT_ASSERT(fd >= 0);
	f = fdopen(fd, "w");
	for (i = 0; i < pairs; i++)
		fprintf(f, "link add d%d type veth peer name e%d\n", i, i);
	fclose(f);
	UT_EXPECT(!sh("ip -batch %s", path));
	pump(loop, nf, &all, 200, 20000);
	UT_EXPECT(netif_get_stats(nf)->overruns >= 1);
	UT_EXPECT(netif_get_stats(nf)->resyncs >= 1);
	UT_EXPECT(netif_link_count(nf) == kernel_link_count());
	UT_EXPECT(netif_link_count(nf) == (size_t)(1 + 2 * pairs));
	UT_EXPECT(all.n_names == 1 + 2 * pairs);

	/* Delete every other pair while the loop sleeps. */
	f = fopen(path, "w");
	for (i = 0; i < pairs; i += 2)
		fprintf(f, "link del d%d\n", i);
	fclose(f);
	UT_EXPECT(!sh("ip -batch %s", path));
	unlink(path);
	pump(loop, nf, &all, 200, 20000);
	UT_EXPECT(netif_link_count(nf) == kernel_link_count());
	UT_EXPECT(netif_link_count(nf) == (size_t)(1 + pairs));
	UT_EXPECT(all.n_names == 1 + pairs);
	for (l = netif_link_next(nf, NULL); l; l = netif_link_next(nf, l))
		UT_EXPECT(view_find(&all, l->name) >= 0);
	UT_EXPECT(netif_get_stats(nf)->foreign == 0);
	printf("  %llu overruns, %llu resyncs\n",
	       (unsigned long long)netif_get_stats(nf)->overruns,
	       (unsigned long long)netif_get_stats(nf)->resyncs);
	netif_free(nf);
	loop_free(loop);
}

UT_MAIN("lib_netif_kernel",
	UT_ENTRY(kernel_events_in_order),
	UT_ENTRY(kernel_forged_message_dropped),
	UT_ENTRY(kernel_overrun_resync),
)
