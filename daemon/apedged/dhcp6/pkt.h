/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lightweight relay's output: one AF_PACKET socket that sends whole
 * Ethernet frames out of one interface (a bridge port), bypassing the
 * bridge.  Protocol 0: it receives nothing.
 */
#ifndef APEDGED_DHCP6_PKT_H
#define APEDGED_DHCP6_PKT_H

#include <stddef.h>
#include <stdint.h>

/* The socket, or -errno. */
int dhcp6_pkt_open(void);
int dhcp6_pkt_send(int fd, int ifindex, const uint8_t *frame, size_t len);
/* The interface's own MAC address (SIOCGIFHWADDR on fd): 0 or -errno. */
int dhcp6_pkt_hwaddr(int fd, int ifindex, uint8_t mac[6]);

#endif
