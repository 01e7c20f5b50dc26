// SPDX-License-Identifier: GPL-2.0
/*
 * The 802.1X supplicant's socket: see io.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/log.h"
#include "lib/loop.h"
#include "eapol/io.h"
#include "eapol/wire.h"

const uint8_t eapol_pae_group[6] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x03 };

struct eapol_io {
	struct loop *loop;
	int fd;
	int ifindex;
	struct loop_watch *w;
	eapol_io_rx_fn fn;
	void *data;
};

/* ETH_P_PAE, and at least the EAPOL header */
static struct sock_filter pae_filter[] = {
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_PAE_, 0, 3),
	BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),
	BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, EAPOL_HDR_LEN, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, 0xffff),
	BPF_STMT(BPF_RET | BPF_K, 0),
};

static void readable(struct loop_watch *w, int fd, uint32_t events,
		     void *data)
{
	struct eapol_io *io = data;
	uint8_t buf[4096];
	int budget = 64;

	while (budget--) {
		struct sockaddr_ll sll;
		socklen_t sl = sizeof(sll);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
				     (struct sockaddr *)&sll, &sl);

		if (n < 0)
			return;
		if (sll.sll_pkttype == PACKET_OUTGOING || sll.sll_halen != 6)
			continue;
		io->fn(io->data, sll.sll_addr, buf, (size_t)n);
	}
}

struct eapol_io *eapol_io_new(struct loop *loop, const char *ifname,
			      int ifindex, eapol_io_rx_fn fn, void *data)
{
	struct sock_fprog prog = {
		.len = sizeof(pae_filter) / sizeof(pae_filter[0]),
		.filter = pae_filter,
	};
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_PAE_),
		.sll_ifindex = ifindex,
	};
	struct packet_mreq mr = {
		.mr_ifindex = ifindex,
		.mr_type = PACKET_MR_MULTICAST,
		.mr_alen = 6,
	};
	struct eapol_io *io = calloc(1, sizeof(*io));
	int e;

	if (!io)
		return NULL;
	memcpy(mr.mr_address, eapol_pae_group, 6);
	io->loop = loop;
	io->ifindex = ifindex;
	io->fn = fn;
	io->data = data;
	/* protocol 0 first: nothing is queued before the filter is on */
	io->fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			0);
	if (io->fd < 0)
		goto fail;
	if (setsockopt(io->fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
		       sizeof(prog)) < 0 ||
	    bind(io->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0 ||
	    setsockopt(io->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
		       sizeof(mr)) < 0)
		goto fail;
	io->w = loop_watch_add(loop, io->fd, EPOLLIN, readable, io);
	if (!io->w)
		goto fail;
	return io;
fail:
	e = errno;
	log_err("eapol %s: cannot open its packet socket: %s", ifname,
		strerror(e));
	if (io->fd >= 0)
		close(io->fd);
	free(io);
	errno = e;
	return NULL;
}

void eapol_io_free(struct eapol_io *io)
{
	if (!io)
		return;
	loop_watch_remove(io->w);
	close(io->fd);
	free(io);
}

int eapol_io_send(struct eapol_io *io, const uint8_t *frame, size_t len)
{
	return eapol_io_send_to(io, eapol_pae_group, frame, len);
}

int eapol_io_send_to(struct eapol_io *io, const uint8_t dst[6],
		     const uint8_t *frame, size_t len)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_PAE_),
		.sll_ifindex = io->ifindex,
		.sll_halen = 6,
	};

	memcpy(sll.sll_addr, dst, 6);
	if (sendto(io->fd, frame, len, 0, (struct sockaddr *)&sll,
		   sizeof(sll)) < 0)
		return -errno;
	return 0;
}
