// SPDX-License-Identifier: GPL-2.0
/* AF_PACKET output of the lightweight relay: see pkt.h. */
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "dhcp6/pkt.h"

int dhcp6_pkt_open(void)
{
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	return fd < 0 ? -errno : fd;
}

int dhcp6_pkt_send(int fd, int ifindex, const uint8_t *frame, size_t len)
{
	struct sockaddr_ll sll;

	if (fd < 0 || len < ETH_HLEN)
		return -EINVAL;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = ifindex;
	sll.sll_halen = ETH_ALEN;
	memcpy(sll.sll_addr, frame, ETH_ALEN);
	if (sendto(fd, frame, len, 0, (struct sockaddr *)&sll,
		   sizeof(sll)) < 0)
		return -errno;
	return 0;
}

int dhcp6_pkt_hwaddr(int fd, int ifindex, uint8_t mac[6])
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	if (fd < 0 || !if_indextoname((unsigned int)ifindex, ifr.ifr_name))
		return -ENODEV;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		return -errno;
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return 0;
}
