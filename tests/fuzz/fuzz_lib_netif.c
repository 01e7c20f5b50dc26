// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the interface watcher's parsers and table.  The input
 * is a script of steps, each an op byte and, for datagrams, a 16-bit
 * length and that many bytes:
 *
 *   0  a datagram, to the parsers one message at a time and to the table
 *   1  netif_resync()
 *   2  NLMSG_DONE of the dump in flight
 *   3  the datagram again, as a part of the dump in flight (its
 *      messages' seq and port ID rewritten)
 *
 * Invariants checked after every step: what the parsers return is sane
 * (names terminated, prefixes in range); and a subscriber's view, built
 * from the events alone (link-new, -rename, -del, addr-new, -del), is the
 * table: the same links by index, with the same names and the same
 * number of addresses.  That is the watcher's promise, resync included.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "lib/loop.h"
#include "lib/netif.h"
#include "lib/netif_wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PORTID 77
#define VIEW_MAX 64

struct view_link {
	int index;
	char name[IFNAMSIZ];
	size_t n_addrs;
};

static struct {
	struct view_link links[VIEW_MAX];
	size_t n;
	bool overflow;		/* more links than the view keeps */
	uint32_t seq;
} v;

static struct view_link *view_find(int index)
{
	size_t i;

	for (i = 0; i < v.n; i++)
		if (v.links[i].index == index)
			return &v.links[i];
	return NULL;
}

static void event_cb(const struct netif_event *ev, void *data)
{
	struct view_link *vl = view_find(ev->link->index);

	if (ev->link->name[0] == '\0' ||
	    !memchr(ev->link->name, '\0', IFNAMSIZ))
		abort();
	switch (ev->type) {
	case NETIF_LINK_NEW:
		if (vl)
			abort();	/* new twice */
		if (v.n == VIEW_MAX) {
			v.overflow = true;
			return;
		}
		vl = &v.links[v.n++];
		memset(vl, 0, sizeof(*vl));
		vl->index = ev->link->index;
		memcpy(vl->name, ev->link->name, IFNAMSIZ);
		break;
	case NETIF_LINK_DEL:
		if (!vl)
			break;
		if (vl->n_addrs)
			abort();	/* its addresses go first */
		*vl = v.links[--v.n];
		break;
	case NETIF_LINK_RENAME:
		if (vl) {
			if (strcmp(vl->name, ev->old->name))
				abort();
			memcpy(vl->name, ev->link->name, IFNAMSIZ);
		}
		break;
	case NETIF_ADDR_NEW:
		if (vl)
			vl->n_addrs++;
		break;
	case NETIF_ADDR_DEL:
		if (vl) {
			if (!vl->n_addrs)
				abort();
			vl->n_addrs--;
		}
		break;
	case NETIF_ADDR_CHANGE:
		if (!ev->old_addr || !ev->changed)
			abort();
		break;
	case NETIF_LINK_CHANGE:
		if (!ev->changed)
			abort();
		break;
	default:
		if (!ev->old)
			abort();
		break;
	}
}

static void check_view(struct netif *nf)
{
	const struct netif_link *l;
	size_t n = 0;

	if (v.overflow)
		return;
	for (l = netif_link_next(nf, NULL); l; l = netif_link_next(nf, l)) {
		struct view_link *vl = view_find(l->index);

		if (!vl || strcmp(vl->name, l->name) ||
		    vl->n_addrs != l->n_addrs || l->n_addrs > NETIF_ADDRS_MAX)
			abort();
		n++;
	}
	if (n != v.n || n != netif_link_count(nf))
		abort();
}

static void check_parsers(const uint8_t *buf, size_t len)
{
	const struct nlmsghdr *nlh = (const void *)buf;
	int rem = (int)len;

	while (NLMSG_OK(nlh, rem)) {
		struct netif_wire_link l;
		struct netif_wire_addr a;

		if (netif_wire_link(nlh, nlh->nlmsg_len, &l) ==
		    NETIF_WIRE_OK) {
			if (l.index <= 0 || !memchr(l.name, '\0', IFNAMSIZ) ||
			    !memchr(l.kind, '\0', NETIF_KIND_MAX) ||
			    l.hwaddr_len > NETIF_HWADDR_MAX ||
			    (!l.del && !l.name[0]))
				abort();
		}
		if (netif_wire_addr(nlh, nlh->nlmsg_len, &a) ==
		    NETIF_WIRE_OK) {
			if (a.index <= 0 ||
			    a.prefixlen > (a.family == AF_INET ? 32 : 128))
				abort();
		}
		nlh = NLMSG_NEXT(nlh, rem);
	}
}

static int dump_fn(void *data, uint16_t type, uint32_t seq)
{
	v.seq = seq;
	return 0;
}

static void as_dump_part(uint8_t *buf, size_t len)
{
	struct nlmsghdr *nlh = (void *)buf;
	int rem = (int)len;

	while (NLMSG_OK(nlh, rem)) {
		nlh->nlmsg_seq = v.seq;
		nlh->nlmsg_pid = PORTID;
		nlh->nlmsg_flags |= NLM_F_MULTI;
		nlh = NLMSG_NEXT(nlh, rem);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct loop *loop;
	struct netif *nf;
	size_t at = 0;

	if (!loop)
		loop = loop_new();
	memset(&v, 0, sizeof(v));
	nf = netif_new(loop, dump_fn, NULL, PORTID);
	if (!nf || !netif_subscribe(nf, NULL, event_cb, NULL))
		abort();
	loop_iterate(loop, 0);		/* the (empty) replay */

	while (at < size) {
		uint8_t op = data[at++] & 3;
		size_t len;
		uint8_t *buf;

		switch (op) {
		case 1:
			netif_resync(nf);
			break;
		case 2: {
			struct {
				struct nlmsghdr nlh;
				int32_t err;
			} done = {
				.nlh = { .nlmsg_len = sizeof(done),
					 .nlmsg_type = NLMSG_DONE,
					 .nlmsg_flags = NLM_F_MULTI,
					 .nlmsg_seq = v.seq,
					 .nlmsg_pid = PORTID },
			};

			netif_input(nf, &done, sizeof(done));
			break;
		}
		default:
			if (size - at < 2)
				goto out;
			len = (size_t)data[at] | (size_t)data[at + 1] << 8;
			at += 2;
			if (len > size - at)
				len = size - at;
			/* Its own copy, so ASan sees a read past its end. */
			buf = malloc(len ? len : 1);
			memcpy(buf, data + at, len);
			at += len;
			check_parsers(buf, len);
			if (op == 3)
				as_dump_part(buf, len);
			netif_input(nf, buf, len);
			free(buf);
			break;
		}
		check_view(nf);
	}
out:
	netif_free(nf);
	return 0;
}
