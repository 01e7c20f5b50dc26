// SPDX-License-Identifier: GPL-2.0
/*
 * The frames of a lightweight DHCPv6 relay: see frame.h.
 */
#include <string.h>

#include "dhcp6/frame.h"
#include "lib/bytes.h"

#define IPPROTO_UDP_NH	17
#define ETHERTYPE_IP6	0x86dd
#define UDP_MAX		(65535 - DHCP6_UDP_HLEN)

static const char *const err_names[DHCP6_FRAME_ERR_MAX] = {
	[DHCP6_FRAME_OK] = "ok",
	[DHCP6_FRAME_SHORT] = "short",
	[DHCP6_FRAME_VERSION] = "not-ipv6",
	[DHCP6_FRAME_NOT_UDP] = "not-udp",
	[DHCP6_FRAME_UDP_LEN] = "udp-length",
};

const char *dhcp6_frame_err_name(enum dhcp6_frame_err e)
{
	if ((unsigned int)e >= DHCP6_FRAME_ERR_MAX)
		return "?";
	return err_names[e];
}

enum dhcp6_frame_err dhcp6_udp6_parse(const uint8_t *p, size_t n,
				      struct dhcp6_udp6 *u)
{
	size_t plen, ulen;

	memset(u, 0, sizeof(*u));
	if (n < DHCP6_IP6_HLEN)
		return DHCP6_FRAME_SHORT;
	if (p[0] >> 4 != 6)
		return DHCP6_FRAME_VERSION;
	plen = get_be16(p + 4);
	if (n - DHCP6_IP6_HLEN < plen)
		return DHCP6_FRAME_SHORT;
	if (p[6] != IPPROTO_UDP_NH)
		return DHCP6_FRAME_NOT_UDP;
	if (plen < DHCP6_UDP_HLEN)
		return DHCP6_FRAME_SHORT;
	ulen = get_be16(p + DHCP6_IP6_HLEN + 4);
	if (ulen < DHCP6_UDP_HLEN || ulen > plen)
		return DHCP6_FRAME_UDP_LEN;
	u->hop_limit = p[7];
	memcpy(&u->src, p + 8, 16);
	memcpy(&u->dst, p + 24, 16);
	u->sport = get_be16(p + DHCP6_IP6_HLEN);
	u->dport = get_be16(p + DHCP6_IP6_HLEN + 2);
	u->payload = p + DHCP6_IP6_HLEN + DHCP6_UDP_HLEN;
	u->len = ulen - DHCP6_UDP_HLEN;
	return DHCP6_FRAME_OK;
}

/* The one's complement sum (RFC 1071) of n bytes, added to sum. */
static uint32_t sum16(uint32_t sum, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* RFC 8200 §8.1: the pseudo-header, then the UDP header and payload
 * (ulen bytes at udp, the checksum field as it is). */
static uint16_t udp6_csum(const uint8_t *src, const uint8_t *dst,
			  const uint8_t *udp, size_t ulen)
{
	uint32_t sum = 0;

	sum = sum16(sum, src, 16);
	sum = sum16(sum, dst, 16);
	sum += (uint32_t)ulen;
	sum += IPPROTO_UDP_NH;
	sum = sum16(sum, udp, ulen);
	return fold(sum);
}

int dhcp6_udp6_csum_ok(const uint8_t *p, size_t n)
{
	struct dhcp6_udp6 u;
	size_t ulen;

	if (dhcp6_udp6_parse(p, n, &u) != DHCP6_FRAME_OK)
		return 0;
	if (!get_be16(p + DHCP6_IP6_HLEN + 6))
		return 0;
	ulen = u.len + DHCP6_UDP_HLEN;
	return udp6_csum(p + 8, p + 24, p + DHCP6_IP6_HLEN, ulen) == 0;
}

size_t dhcp6_udp6_build(uint8_t *buf, size_t size, const uint8_t *src_mac,
			const uint8_t *dst_mac, const struct dhcp6_udp6 *u)
{
	size_t ulen = DHCP6_UDP_HLEN + u->len, total;
	uint8_t *ip = buf + DHCP6_ETH_HLEN, *udp = ip + DHCP6_IP6_HLEN;
	uint16_t c;

	if (u->len > UDP_MAX)
		return 0;
	total = DHCP6_FRAME_HDRS + u->len;
	if (total > size)
		return 0;
	/* The payload first: it may already lie in buf where it goes. */
	memmove(udp + DHCP6_UDP_HLEN, u->payload, u->len);
	memcpy(buf, dst_mac, 6);
	memcpy(buf + 6, src_mac, 6);
	put_be16(buf + 12, ETHERTYPE_IP6);
	put_be32(ip, 6u << 28);
	put_be16(ip + 4, (uint16_t)ulen);
	ip[6] = IPPROTO_UDP_NH;
	ip[7] = u->hop_limit;
	memcpy(ip + 8, &u->src, 16);
	memcpy(ip + 24, &u->dst, 16);
	put_be16(udp, u->sport);
	put_be16(udp + 2, u->dport);
	put_be16(udp + 4, (uint16_t)ulen);
	put_be16(udp + 6, 0);
	c = udp6_csum(ip + 8, ip + 24, udp, ulen);
	put_be16(udp + 6, c ? c : 0xffff);
	return total;
}
