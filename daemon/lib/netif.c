// SPDX-License-Identifier: GPL-2.0
/*
 * The interface watcher's table, its events and its subscribers (see
 * netif.h).  No I/O here: datagrams come in through netif_input() and dump
 * requests go out through the dump function, which netif_io.c provides in
 * the daemon and the tests provide in theirs.
 *
 * Dumps.  A dump (the first one, or a resync after lost messages) marks
 * every link and address stale, asks for the links, and on their
 * NLMSG_DONE removes the links still stale; then it asks for the addresses
 * and on their NLMSG_DONE removes the addresses still stale.  Each dumped
 * entry is applied like a notification, so the subscribers see exactly the
 * difference between what the table held and what the kernel has.
 * Notifications that come between the dump's parts are applied too (and
 * clear the stale mark): the kernel writes a dump's part when we read, so
 * a part is never older than the notifications queued before it.  A dump
 * the kernel flags NLM_F_DUMP_INTR, or that a new loss overtook, is done
 * again from the start instead of sweeping; one refused or not finished
 * within NETIF_DUMP_TIMEOUT_MS is asked again after NETIF_DUMP_RETRY_MS.
 */
#include "lib/netif.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <sys/types.h>
#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif_io.h"

#define NETIF_DUMP_TIMEOUT_MS 5000
#define NETIF_DUMP_RETRY_MS 1000

enum dump_state {
	DUMP_IDLE,
	DUMP_LINKS,
	DUMP_ADDRS,
};

struct netif_sub {
	struct list node;
	struct netif *nf;
	netif_event_fn fn;
	void *data;
	bool all;
	char name[IFNAMSIZ];
	bool dead;		/* unsubscribed while events were delivered */
	bool replay_pending;	/* gets nothing before its replay */
};

struct netif {
	struct loop *loop;
	struct netif_io *io;
	netif_dump_fn dump;
	void *dump_data;
	uint32_t portid;

	struct netif_link *links, **links_tail;
	size_t n_links;

	struct list subs;
	unsigned int depth;	/* events being delivered (nesting) */
	bool dead_subs;
	struct loop_defer *replay;

	enum dump_state dump_state;
	uint32_t seq;
	bool dump_intr;		/* NLM_F_DUMP_INTR seen: do it again */
	bool dump_again;	/* messages lost during the dump */
	bool dump_retry;	/* the timer retries; else it is a timeout */
	struct loop_timer *dump_timer;

	struct netif_stats st;
};

static const char *const event_names[NETIF_EVENT_MAX] = {
	[NETIF_LINK_NEW] = "link-new",
	[NETIF_LINK_DEL] = "link-del",
	[NETIF_LINK_RENAME] = "link-rename",
	[NETIF_LINK_UP] = "link-up",
	[NETIF_LINK_CARRIER_ON] = "carrier-on",
	[NETIF_LINK_CHANGE] = "link-change",
	[NETIF_LINK_CARRIER_OFF] = "carrier-off",
	[NETIF_LINK_DOWN] = "link-down",
	[NETIF_ADDR_NEW] = "addr-new",
	[NETIF_ADDR_CHANGE] = "addr-change",
	[NETIF_ADDR_DEL] = "addr-del",
};

const char *netif_event_name(enum netif_event_type type)
{
	if ((unsigned int)type < NETIF_EVENT_MAX && event_names[type])
		return event_names[type];
	return "unknown";
}

/* ---- subscribers ---------------------------------------------------------- */

static bool sub_follows(const struct netif_sub *s, const struct netif_link *l)
{
	return s->all || !strcmp(s->name, l->name);
}

static void deliver(struct netif_sub *s, const struct netif_event *ev)
{
	if (!s->dead)
		s->fn(ev, s->data);
}

/* Tell s of link l and its addresses as new, or of both as gone. */
static void deliver_whole(struct netif_sub *s, const struct netif_link *l,
			  bool add, bool replay, bool renamed)
{
	struct netif_event ev = {
		.type = NETIF_LINK_NEW, .link = l, .replay = replay,
		.renamed = renamed,
	};
	size_t i;

	if (add)
		deliver(s, &ev);
	ev.type = add ? NETIF_ADDR_NEW : NETIF_ADDR_DEL;
	for (i = 0; i < l->n_addrs && !s->dead; i++) {
		ev.addr = &l->addrs[i];
		deliver(s, &ev);
	}
	if (!add) {
		ev.type = NETIF_LINK_DEL;
		ev.addr = NULL;
		deliver(s, &ev);
	}
}

static void depth_enter(struct netif *nf)
{
	nf->depth++;
}

static void depth_exit(struct netif *nf)
{
	struct list *pos, *tmp;

	if (--nf->depth || !nf->dead_subs)
		return;
	nf->dead_subs = false;
	list_for_each_safe(pos, tmp, &nf->subs) {
		struct netif_sub *s = list_entry(pos, struct netif_sub, node);

		if (s->dead) {
			list_del(&s->node);
			free(s);
		}
	}
}

static void log_event(const struct netif_event *ev)
{
	char ip[INET6_ADDRSTRLEN], a[INET6_ADDRSTRLEN + 8] = "";
	bool rename = ev->type == NETIF_LINK_RENAME;

	if (ev->addr) {
		inet_ntop(ev->addr->family, &ev->addr->addr, ip, sizeof(ip));
		snprintf(a, sizeof(a), " %s/%u", ip, ev->addr->prefixlen);
	}
	log_debug("netif: %s %s (%d)%s%s%s", netif_event_name(ev->type),
		  ev->link->name, ev->link->index, rename ? ", was " : "",
		  rename ? ev->old->name : "", a);
}

/*
 * Give ev to every subscriber that follows its link.  The list is walked
 * with the next pointer read after each callback: a callback may add a
 * subscriber (at the tail, waiting for its replay, so skipped here) or
 * unsubscribe any (marked dead and freed when the outermost delivery
 * ends), but nothing leaves the list while we walk it.
 */
static void emit(struct netif *nf, const struct netif_event *ev)
{
	struct list *pos;

	if (log_get_level() >= LOG_DEBUG)
		log_event(ev);
	depth_enter(nf);
	list_for_each(pos, &nf->subs) {
		struct netif_sub *s = list_entry(pos, struct netif_sub, node);
		bool now, before;

		if (s->dead || s->replay_pending)
			continue;
		if (s->all || ev->type != NETIF_LINK_RENAME) {
			if (sub_follows(s, ev->link))
				deliver(s, ev);
			continue;
		}
		/* A rename, to a subscriber of one name. */
		now = !strcmp(s->name, ev->link->name);
		before = !strcmp(s->name, ev->old->name);
		if (now != before)
			deliver_whole(s, ev->link, now, false, true);
	}
	depth_exit(nf);
}

static void replay_cb(void *data)
{
	struct netif *nf = data;
	struct list *pos;

	nf->replay = NULL;
	depth_enter(nf);
	list_for_each(pos, &nf->subs) {
		struct netif_sub *s = list_entry(pos, struct netif_sub, node);
		const struct netif_link *l;

		if (s->dead || !s->replay_pending)
			continue;
		s->replay_pending = false;
		for (l = nf->links; l && !s->dead; l = l->next)
			if (sub_follows(s, l))
				deliver_whole(s, l, true, true, false);
	}
	depth_exit(nf);
}

struct netif_sub *netif_subscribe(struct netif *nf, const char *ifname,
				  netif_event_fn fn, void *data)
{
	struct netif_sub *s;

	if (!nf || !fn || (ifname && (!ifname[0] ||
				      strlen(ifname) >= IFNAMSIZ))) {
		errno = EINVAL;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->nf = nf;
	s->fn = fn;
	s->data = data;
	s->all = !ifname;
	if (ifname)
		memcpy(s->name, ifname, strlen(ifname) + 1);
	s->replay_pending = true;
	if (!nf->replay) {
		nf->replay = loop_defer(nf->loop, replay_cb, nf);
		if (!nf->replay) {
			free(s);
			return NULL;
		}
	}
	list_add_tail(&nf->subs, &s->node);
	return s;
}

void netif_unsubscribe(struct netif_sub *s)
{
	if (!s || s->dead)
		return;
	if (s->nf->depth) {
		s->dead = true;
		s->nf->dead_subs = true;
		return;
	}
	list_del(&s->node);
	free(s);
}

/* ---- the table ------------------------------------------------------------ */

static struct netif_link *link_find(const struct netif *nf, int index)
{
	struct netif_link *l;

	for (l = nf->links; l; l = l->next)
		if (l->index == index)
			return l;
	return NULL;
}

static size_t alen(uint8_t family)
{
	return family == AF_INET ? 4 : 16;
}

/*
 * An address is known by its family and bytes, and for IPv4 also by its
 * prefix length (the kernel lets 192.0.2.1/24 and 192.0.2.1/25 coexist).
 */
static ssize_t addr_index(const struct netif_link *l, uint8_t family,
			  const union netif_ip *ip, uint8_t prefixlen)
{
	size_t i;

	for (i = 0; i < l->n_addrs; i++) {
		const struct netif_addr *a = &l->addrs[i];

		if (a->family == family &&
		    !memcmp(a->addr.bytes, ip->bytes, alen(family)) &&
		    (family != AF_INET || a->prefixlen == prefixlen))
			return (ssize_t)i;
	}
	return -1;
}

static void addr_remove(struct netif *nf, struct netif_link *l, size_t i)
{
	struct netif_addr gone = l->addrs[i];
	struct netif_event ev = {
		.type = NETIF_ADDR_DEL, .link = l, .addr = &gone,
	};

	memmove(&l->addrs[i], &l->addrs[i + 1],
		(l->n_addrs - i - 1) * sizeof(l->addrs[0]));
	l->n_addrs--;
	emit(nf, &ev);
}

static void link_remove(struct netif *nf, struct netif_link *l)
{
	struct netif_event ev = { .type = NETIF_LINK_DEL, .link = l };
	struct netif_link **pp;

	while (l->n_addrs)
		addr_remove(nf, l, 0);
	for (pp = &nf->links; *pp != l; pp = &(*pp)->next)
		;
	*pp = l->next;
	if (nf->links_tail == &l->next)
		nf->links_tail = pp;
	nf->n_links--;
	emit(nf, &ev);
	free(l->addrs);
	free(l);
}

/*
 * Copy what the message says into l.  A message without IFLA_MTU is not
 * a full description (a wireless extension event carries only the name,
 * the flags and IFLA_WIRELESS), so what it leaves out stays as it was; in
 * a full one, a missing IFLA_MASTER, IFLA_LINK or IFLA_LINKINFO means
 * none.
 */
static void link_fill(struct netif_link *l, const struct netif_wire_link *m)
{
	bool full = m->has_mtu;

	memcpy(l->name, m->name, sizeof(l->name));
	l->type = m->type;
	l->flags = m->flags;
	if (m->has_hwaddr) {
		memcpy(l->hwaddr, m->hwaddr, sizeof(l->hwaddr));
		l->hwaddr_len = m->hwaddr_len;
	}
	if (m->has_mtu)
		l->mtu = m->mtu;
	if (m->has_operstate)
		l->operstate = m->operstate;
	if (m->has_master || full)
		l->master = m->master;
	if (m->has_link || full)
		l->link = m->link;
	if (m->has_linkinfo || full) {
		memcpy(l->kind, m->kind, sizeof(l->kind));
		l->vlan_id = m->vlan_id;
	}
}

static unsigned int link_diff(const struct netif_link *a,
			      const struct netif_link *b)
{
	unsigned int c = 0;

	if (a->hwaddr_len != b->hwaddr_len ||
	    memcmp(a->hwaddr, b->hwaddr, a->hwaddr_len))
		c |= NETIF_CHANGED_HWADDR;
	if (a->mtu != b->mtu)
		c |= NETIF_CHANGED_MTU;
	if (a->master != b->master)
		c |= NETIF_CHANGED_MASTER;
	if (a->operstate != b->operstate)
		c |= NETIF_CHANGED_OPERSTATE;
	if ((a->flags ^ b->flags) & ~(IFF_UP | NETIF_IFF_LOWER_UP))
		c |= NETIF_CHANGED_FLAGS;
	if (strcmp(a->kind, b->kind) || a->vlan_id != b->vlan_id ||
	    a->type != b->type || a->link != b->link)
		c |= NETIF_CHANGED_KIND;
	return c;
}

static void link_new(struct netif *nf, const struct netif_wire_link *m)
{
	struct netif_event ev = { .type = NETIF_LINK_NEW };
	struct netif_link *l;

	if (nf->n_links >= NETIF_LINKS_MAX) {
		nf->st.links_refused++;
		log_rl(LOG_WARNING, "netif: %s (%d) left out: already %d "
		       "links", m->name, m->index, NETIF_LINKS_MAX);
		return;
	}
	l = calloc(1, sizeof(*l));
	if (!l) {
		nf->st.links_refused++;
		return;
	}
	l->index = m->index;
	link_fill(l, m);
	*nf->links_tail = l;
	nf->links_tail = &l->next;
	nf->n_links++;
	ev.link = l;
	emit(nf, &ev);
}

static void link_msg(struct netif *nf, const struct netif_wire_link *m)
{
	struct netif_link *l = link_find(nf, m->index), old;
	struct netif_event ev = { .old = &old };
	uint32_t up, down;

	if (m->del) {
		if (l)
			link_remove(nf, l);
		return;
	}
	if (!l) {
		link_new(nf, m);
		return;
	}
	l->stale = false;
	old = *l;
	old.addrs = NULL;
	old.n_addrs = 0;
	old.next = NULL;
	link_fill(l, m);
	ev.link = l;
	up = l->flags & ~old.flags;
	down = old.flags & ~l->flags;

	if (strcmp(old.name, l->name)) {
		ev.type = NETIF_LINK_RENAME;
		emit(nf, &ev);
	}
	if (up & IFF_UP) {
		ev.type = NETIF_LINK_UP;
		emit(nf, &ev);
	}
	if (up & NETIF_IFF_LOWER_UP) {
		ev.type = NETIF_LINK_CARRIER_ON;
		emit(nf, &ev);
	}
	ev.changed = link_diff(&old, l);
	if (ev.changed) {
		ev.type = NETIF_LINK_CHANGE;
		emit(nf, &ev);
	}
	ev.changed = 0;
	if (down & NETIF_IFF_LOWER_UP) {
		ev.type = NETIF_LINK_CARRIER_OFF;
		emit(nf, &ev);
	}
	if (down & IFF_UP) {
		ev.type = NETIF_LINK_DOWN;
		emit(nf, &ev);
	}
}

static void addr_msg(struct netif *nf, const struct netif_wire_addr *m)
{
	struct netif_link *l = link_find(nf, m->index);
	struct netif_event ev = { .link = l };
	struct netif_addr *a, old;
	ssize_t i;

	if (!l) {
		if (!m->del)
			nf->st.addrs_orphan++;
		return;
	}
	i = addr_index(l, m->family, &m->addr, m->prefixlen);
	if (m->del) {
		if (i >= 0)
			addr_remove(nf, l, (size_t)i);
		return;
	}
	if (i < 0) {
		if (l->n_addrs >= NETIF_ADDRS_MAX) {
			nf->st.addrs_refused++;
			if (!l->addrs_full_logged)
				log_warn("netif: %s: more than %d addresses; "
					 "the others are left out", l->name,
					 NETIF_ADDRS_MAX);
			l->addrs_full_logged = true;
			return;
		}
		if (l->n_addrs == l->addrs_cap) {
			size_t cap = l->addrs_cap ? l->addrs_cap * 2 : 4;
			void *p = reallocarray(l->addrs, cap,
					       sizeof(l->addrs[0]));

			if (!p) {
				nf->st.addrs_refused++;
				return;
			}
			l->addrs = p;
			l->addrs_cap = cap;
		}
		a = &l->addrs[l->n_addrs++];
		memset(a, 0, sizeof(*a));
		a->ifindex = l->index;
		a->family = m->family;
		a->prefixlen = m->prefixlen;
		a->scope = m->scope;
		a->flags = m->flags;
		a->addr = m->addr;
		ev.type = NETIF_ADDR_NEW;
		ev.addr = a;
		emit(nf, &ev);
		return;
	}
	a = &l->addrs[i];
	a->stale = false;
	old = *a;
	a->prefixlen = m->prefixlen;
	a->scope = m->scope;
	a->flags = m->flags;
	if (old.flags != a->flags)
		ev.changed |= NETIF_CHANGED_ADDR_FLAGS;
	if (old.scope != a->scope)
		ev.changed |= NETIF_CHANGED_ADDR_SCOPE;
	if (old.prefixlen != a->prefixlen)
		ev.changed |= NETIF_CHANGED_ADDR_PREFIX;
	if (!ev.changed)
		return;
	ev.type = NETIF_ADDR_CHANGE;
	ev.addr = a;
	ev.old_addr = &old;
	emit(nf, &ev);
}

/* ---- dumps ---------------------------------------------------------------- */

static void mark_stale(struct netif *nf)
{
	struct netif_link *l;
	size_t i;

	for (l = nf->links; l; l = l->next) {
		l->stale = true;
		for (i = 0; i < l->n_addrs; i++)
			l->addrs[i].stale = true;
	}
}

static void sweep_links(struct netif *nf)
{
	struct netif_link *l, *next;

	for (l = nf->links; l; l = next) {
		next = l->next;
		if (l->stale)
			link_remove(nf, l);
	}
}

static void sweep_addrs(struct netif *nf)
{
	struct netif_link *l;
	size_t i;

	for (l = nf->links; l; l = l->next)
		for (i = l->n_addrs; i-- > 0;)
			if (l->addrs[i].stale)
				addr_remove(nf, l, i);
}

static void dump_request(struct netif *nf, uint16_t type)
{
	int err;

	if (!++nf->seq)
		nf->seq = 1;
	nf->dump_intr = false;
	nf->dump_retry = false;
	err = nf->dump ? nf->dump(nf->dump_data, type, nf->seq) : -ENOTCONN;
	if (err < 0) {
		nf->st.dump_errors++;
		nf->dump_retry = true;
		log_rl(LOG_WARNING, "netif: cannot ask for the %s: %s; again "
		       "in %d ms", type == RTM_GETLINK ? "links" :
		       "addresses", strerror(-err), NETIF_DUMP_RETRY_MS);
		loop_timer_rearm(nf->dump_timer, NETIF_DUMP_RETRY_MS, 0);
		return;
	}
	loop_timer_rearm(nf->dump_timer, NETIF_DUMP_TIMEOUT_MS, 0);
}

static void dump_start(struct netif *nf)
{
	nf->dump_again = false;
	mark_stale(nf);
	nf->dump_state = DUMP_LINKS;
	dump_request(nf, RTM_GETLINK);
}

/* The dump's timeout, or the retry after a refused request. */
static void dump_timer_cb(struct loop_timer *t, void *data)
{
	struct netif *nf = data;

	if (nf->dump_state == DUMP_IDLE)
		return;
	if (!nf->dump_retry) {
		nf->st.dump_errors++;
		log_rl(LOG_NOTICE, "netif: the dump did not end within %d "
		       "ms; again", NETIF_DUMP_TIMEOUT_MS);
	}
	dump_start(nf);
}

static void dump_failed(struct netif *nf, int err)
{
	nf->st.dump_errors++;
	log_rl(LOG_WARNING, "netif: the kernel refused the dump: %s; again in "
	       "%d ms", strerror(err > 0 ? err : -err), NETIF_DUMP_RETRY_MS);
	/* Its own messages are ignored from now on: seq moves on. */
	if (!++nf->seq)
		nf->seq = 1;
	nf->dump_retry = true;
	loop_timer_rearm(nf->dump_timer, NETIF_DUMP_RETRY_MS, 0);
}

static void dump_done(struct netif *nf)
{
	if (nf->dump_intr || nf->dump_again) {
		if (nf->dump_intr)
			log_debug("netif: dump interrupted; again");
		dump_start(nf);
		return;
	}
	if (nf->dump_state == DUMP_LINKS) {
		sweep_links(nf);
		nf->dump_state = DUMP_ADDRS;
		dump_request(nf, RTM_GETADDR);
		return;
	}
	sweep_addrs(nf);
	nf->dump_state = DUMP_IDLE;
	loop_timer_disarm(nf->dump_timer);
}

void netif_resync(struct netif *nf)
{
	nf->st.resyncs++;
	if (nf->dump_state != DUMP_IDLE) {
		nf->dump_again = true;
		return;
	}
	dump_start(nf);
}

bool netif_dumping(const struct netif *nf)
{
	return nf->dump_state != DUMP_IDLE;
}

uint32_t netif_portid(const struct netif *nf)
{
	return nf->portid;
}

int netif_set_rcvbuf(struct netif *nf, int bytes)
{
	return nf->io ? netif_io_set_rcvbuf(nf->io, bytes) : -ENOTCONN;
}

/* ---- input ---------------------------------------------------------------- */

static void malformed(struct netif *nf, enum netif_wire_err err,
		      const struct nlmsghdr *nlh)
{
	nf->st.malformed[err]++;
	log_rl(LOG_WARNING, "netif: rtnetlink message %u refused: %s",
	       nlh->nlmsg_type, netif_wire_err_name(err));
}

static void message(struct netif *nf, const struct nlmsghdr *nlh)
{
	bool ours = nf->dump_state != DUMP_IDLE &&
		    nlh->nlmsg_seq == nf->seq && nlh->nlmsg_pid == nf->portid;
	enum netif_wire_err err;

	if (ours && (nlh->nlmsg_flags & NLM_F_DUMP_INTR))
		nf->dump_intr = true;
	switch (nlh->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK: {
		struct netif_wire_link m;

		nf->st.messages++;
		err = netif_wire_link(nlh, nlh->nlmsg_len, &m);
		if (err == NETIF_WIRE_OK)
			link_msg(nf, &m);
		else if (err != NETIF_WIRE_IGNORED)
			malformed(nf, err, nlh);
		break;
	}
	case RTM_NEWADDR:
	case RTM_DELADDR: {
		struct netif_wire_addr m;

		nf->st.messages++;
		err = netif_wire_addr(nlh, nlh->nlmsg_len, &m);
		if (err == NETIF_WIRE_OK)
			addr_msg(nf, &m);
		else if (err != NETIF_WIRE_IGNORED)
			malformed(nf, err, nlh);
		break;
	}
	case NLMSG_DONE:
	case NLMSG_ERROR: {
		int32_t code = 0;

		if (!ours)
			break;
		if (nlh->nlmsg_len >= MNL_NLMSG_HDRLEN + sizeof(code))
			memcpy(&code, mnl_nlmsg_get_payload(nlh),
			       sizeof(code));
		if (code < 0)
			dump_failed(nf, code);
		else if (nlh->nlmsg_type == NLMSG_DONE)
			dump_done(nf);
		/* An NLMSG_ERROR of 0 is an ack; a dump ends with DONE. */
		break;
	}
	}
}

/*
 * Each message of a datagram in turn.  Not with mnl_nlmsg_ok(), which
 * takes an nlmsg_len above INT_MAX for a small one.
 */
void netif_input(struct netif *nf, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len >= sizeof(struct nlmsghdr)) {
		const struct nlmsghdr *nlh = (const void *)p;
		size_t step;

		if (nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > len)
			break;
		message(nf, nlh);
		step = NLMSG_ALIGN(nlh->nlmsg_len);
		if (step >= len) {
			len = 0;
			break;
		}
		p += step;
		len -= step;
	}
	if (len > 0) {
		nf->st.malformed[NETIF_WIRE_TRUNCATED]++;
		log_rl(LOG_WARNING, "netif: %zu bytes of a datagram are not a "
		       "message", len);
	}
}

/* ---- queries -------------------------------------------------------------- */

const struct netif_link *netif_link_by_name(const struct netif *nf,
					    const char *name)
{
	const struct netif_link *l;

	if (!name)
		return NULL;
	for (l = nf->links; l; l = l->next)
		if (!strcmp(l->name, name))
			return l;
	return NULL;
}

const struct netif_link *netif_link_by_index(const struct netif *nf,
					     int index)
{
	return link_find(nf, index);
}

const struct netif_link *netif_link_next(const struct netif *nf,
					 const struct netif_link *prev)
{
	return prev ? prev->next : nf->links;
}

size_t netif_link_count(const struct netif *nf)
{
	return nf->n_links;
}

bool netif_addr4_first(const struct netif *nf, int ifindex,
		       struct in_addr *out)
{
	const struct netif_link *l = link_find(nf, ifindex);
	const struct netif_addr *second = NULL;
	size_t i;

	for (i = 0; l && i < l->n_addrs; i++) {
		const struct netif_addr *a = &l->addrs[i];

		if (a->family != AF_INET ||
		    (a->flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED)))
			continue;
		if (!(a->flags & IFA_F_SECONDARY)) {
			*out = a->addr.v4;
			return true;
		}
		if (!second)
			second = a;
	}
	if (second)
		*out = second->addr.v4;
	return second != NULL;
}

bool netif_addr6_first(const struct netif *nf, int ifindex, bool link_local,
		       struct in6_addr *out)
{
	const struct netif_link *l = link_find(nf, ifindex);
	size_t i;

	for (i = 0; l && i < l->n_addrs; i++) {
		const struct netif_addr *a = &l->addrs[i];

		if (a->family != AF_INET6 ||
		    (a->flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED |
				 IFA_F_DEPRECATED)) ||
		    !!IN6_IS_ADDR_LINKLOCAL(&a->addr.v6) != link_local)
			continue;
		*out = a->addr.v6;
		return true;
	}
	return false;
}

const struct netif_addr *netif_addr_find(const struct netif *nf, int ifindex,
					 int family, const void *addr)
{
	const struct netif_link *l;
	size_t i;

	if (family != AF_INET && family != AF_INET6)
		return NULL;
	for (l = nf->links; l; l = l->next) {
		if (ifindex && l->index != ifindex)
			continue;
		for (i = 0; i < l->n_addrs; i++)
			if (l->addrs[i].family == family &&
			    !memcmp(l->addrs[i].addr.bytes, addr,
				    alen((uint8_t)family)))
				return &l->addrs[i];
	}
	return NULL;
}

const struct netif_stats *netif_get_stats(const struct netif *nf)
{
	return &nf->st;
}

/* ---- life ----------------------------------------------------------------- */

struct netif *netif_new(struct loop *loop, netif_dump_fn dump, void *data,
			uint32_t portid)
{
	struct netif *nf = calloc(1, sizeof(*nf));

	if (!nf)
		return NULL;
	nf->loop = loop;
	nf->dump = dump;
	nf->dump_data = data;
	nf->portid = portid;
	nf->links_tail = &nf->links;
	list_init(&nf->subs);
	nf->dump_timer = loop_timer_add(loop, NETIF_DUMP_TIMEOUT_MS, 0,
					dump_timer_cb, nf);
	if (!nf->dump_timer) {
		free(nf);
		return NULL;
	}
	loop_timer_disarm(nf->dump_timer);
	return nf;
}

void netif_io_lost(struct netif *nf)
{
	nf->st.overruns++;
	log_rl(LOG_NOTICE, "netif: rtnetlink messages lost; dumping the "
	       "interfaces again");
	netif_resync(nf);
}

void netif_io_foreign(struct netif *nf)
{
	nf->st.foreign++;
}

struct netif *netif_open(struct loop *loop)
{
	uint64_t deadline = loop_now_ms() + NETIF_DUMP_TIMEOUT_MS;
	struct netif *nf = netif_new(loop, NULL, NULL, 0);
	int err;

	if (!nf) {
		log_err("netif: %s", strerror(errno));
		return NULL;
	}
	nf->io = netif_io_open(loop, nf, &nf->portid);
	if (!nf->io) {
		err = errno;
		netif_free(nf);
		errno = err;
		return NULL;
	}
	nf->dump = netif_io_dump;
	nf->dump_data = nf->io;
	/* The first dump, before anyone asks. */
	dump_start(nf);
	while (nf->dump_state != DUMP_IDLE) {
		uint64_t now = loop_now_ms();

		if (nf->st.dump_errors)
			err = -EIO;	/* refused: said above */
		else if (now >= deadline)
			err = -ETIMEDOUT;
		else
			err = netif_io_wait(nf->io, (int)(deadline - now));
		if (err < 0) {
			log_err("netif: the first dump of the interfaces: %s",
				strerror(-err));
			netif_free(nf);
			errno = -err;
			return NULL;
		}
	}
	log_debug("netif: %zu links", nf->n_links);
	return nf;
}

void netif_free(struct netif *nf)
{
	struct netif_link *l, *next;
	struct list *pos, *tmp;

	if (!nf)
		return;
	assert(!nf->depth);
	list_for_each_safe(pos, tmp, &nf->subs) {
		list_del(pos);
		free(list_entry(pos, struct netif_sub, node));
	}
	for (l = nf->links; l; l = next) {
		next = l->next;
		free(l->addrs);
		free(l);
	}
	loop_defer_cancel(nf->replay);
	loop_timer_remove(nf->dump_timer);
	netif_io_close(nf->io);
	free(nf);
}
