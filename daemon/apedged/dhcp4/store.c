// SPDX-License-Identifier: GPL-2.0
/*
 * The lease file: a pure codec (dhcp4_store_parse/build, fuzzed) and its
 * reading and crash-safe writing.  See store.h for the format.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dhcp4/store.h"
#include "lib/file.h"
#include "lib/bytes.h"

const char *dhcp4_store_err_name(enum dhcp4_store_err e)
{
	static const char *const names[DHCP4_STORE_ERR_MAX] = {
		[DHCP4_STORE_OK] = "ok",
		[DHCP4_STORE_SHORT] = "short",
		[DHCP4_STORE_MAGIC_BAD] = "magic",
		[DHCP4_STORE_VERSION_BAD] = "version",
		[DHCP4_STORE_LENGTH] = "length",
		[DHCP4_STORE_CRC] = "crc",
		[DHCP4_STORE_ACK] = "ack",
		[DHCP4_STORE_NOT_ACK] = "not-ack",
	};

	return (unsigned int)e < DHCP4_STORE_ERR_MAX ? names[e] : "unknown";
}

/* CRC-32, the reflected polynomial 0xEDB88320, bit by bit: files are small. */
static uint32_t crc32_ieee(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xffffffffu;
	int k;

	while (n--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

enum dhcp4_store_err dhcp4_store_parse(const uint8_t *buf, size_t len,
				       struct dhcp4_store_rec *out)
{
	struct cur c = cur_init(buf, len);
	const uint8_t *magic;
	uint16_t version, n;

	memset(out, 0, sizeof(*out));
	magic = cur_take(&c, DHCP4_STORE_MAGIC_LEN);
	if (!magic)
		return len && memcmp(buf, DHCP4_STORE_MAGIC, len <
				     DHCP4_STORE_MAGIC_LEN ? len :
				     DHCP4_STORE_MAGIC_LEN) ?
			DHCP4_STORE_MAGIC_BAD : DHCP4_STORE_SHORT;
	if (memcmp(magic, DHCP4_STORE_MAGIC, DHCP4_STORE_MAGIC_LEN))
		return DHCP4_STORE_MAGIC_BAD;
	version = cur_be16(&c);
	if (!cur_ok(&c))
		return DHCP4_STORE_SHORT;
	if (version != DHCP4_STORE_VERSION)
		return DHCP4_STORE_VERSION_BAD;
	out->wall_ms = cur_be64(&c);
	n = cur_be16(&c);
	if (!cur_ok(&c))
		return DHCP4_STORE_SHORT;
	if (n < DHCP4_MIN_LEN || n > DHCP4_MSG_MAX)
		return DHCP4_STORE_LENGTH;
	out->ack_raw = cur_take(&c, n);
	if (!out->ack_raw || cur_left(&c) < 4)
		return DHCP4_STORE_SHORT;
	if (cur_left(&c) > 4)
		return DHCP4_STORE_LENGTH;
	out->ack_len = n;
	if (get_be32(buf + len - 4) != crc32_ieee(buf, len - 4))
		return DHCP4_STORE_CRC;
	out->ack_err = dhcp4_msg_parse(out->ack_raw, n, &out->ack);
	if (out->ack_err != DHCP4_OK)
		return DHCP4_STORE_ACK;
	if (out->ack.op != 2 || out->ack.type != DHCP4_ACK ||
	    !out->ack.yiaddr.s_addr || !out->ack.has_server_id)
		return DHCP4_STORE_NOT_ACK;
	return DHCP4_STORE_OK;
}

size_t dhcp4_store_build(uint8_t *buf, size_t size, uint64_t wall_ms,
			 const uint8_t *ack, size_t ack_len)
{
	size_t len = DHCP4_STORE_HDR_LEN + ack_len + 4;

	if (ack_len < DHCP4_MIN_LEN || ack_len > DHCP4_MSG_MAX || len > size)
		return 0;
	memcpy(buf, DHCP4_STORE_MAGIC, DHCP4_STORE_MAGIC_LEN);
	put_be16(buf + 18, DHCP4_STORE_VERSION);
	put_be64(buf + 20, wall_ms);
	put_be16(buf + 28, (uint16_t)ack_len);
	memcpy(buf + DHCP4_STORE_HDR_LEN, ack, ack_len);
	put_be32(buf + len - 4, crc32_ieee(buf, len - 4));
	return len;
}

/* The prefix of a mask; a mask that is not contiguous counts its ones. */
static uint8_t mask_plen(struct in_addr mask)
{
	uint32_t m = ntohl(mask.s_addr);
	uint8_t n = 0;

	while (m & 0x80000000u) {
		n++;
		m <<= 1;
	}
	return n;
}

static uint8_t class_plen(struct in_addr a)
{
	uint8_t top = (uint8_t)(ntohl(a.s_addr) >> 24);

	return top < 128 ? 8 : top < 192 ? 16 : 24;
}

void dhcp4_store_lease(const struct dhcp4_msg *ack, uint64_t acquired_ms,
		       struct dhcp4_lease *out)
{
	memset(out, 0, sizeof(*out));
	out->ack = *ack;
	out->plen = ack->has_mask ? mask_plen(ack->mask) :
		class_plen(ack->yiaddr);
	out->lease_s = ack->has_lease ? ack->lease_s : 0xffffffffu;
	if (out->lease_s == 0xffffffffu) {
		out->t1_s = out->t2_s = 0xffffffffu;
	} else {
		out->t1_s = ack->has_t1 ? ack->t1_s : out->lease_s / 2;
		out->t2_s = ack->has_t2 ? ack->t2_s :
			(uint32_t)((uint64_t)out->lease_s * 7 / 8);
	}
	out->acquired_ms = acquired_ms;
}

int dhcp4_store_to_lease(const struct dhcp4_store_rec *r, uint64_t now_mono,
			 uint64_t now_wall, struct dhcp4_lease *out)
{
	uint64_t elapsed = now_wall > r->wall_ms ? now_wall - r->wall_ms : 0;

	dhcp4_store_lease(&r->ack, 0, out);
	if (out->lease_s != 0xffffffffu &&
	    elapsed >= (uint64_t)out->lease_s * 1000)
		return -ESTALE;
	out->acquired_ms = now_mono > elapsed ? now_mono - elapsed : 0;
	return 0;
}

int dhcp4_store_path(const char *dir, const char *ifname, char *buf,
		     size_t size)
{
	int n = snprintf(buf, size, "%s/%s.lease", dir, ifname);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

int dhcp4_store_save(const char *dir, const char *ifname, uint64_t wall_ms,
		     const uint8_t *ack, size_t ack_len)
{
	uint8_t buf[DHCP4_STORE_MAX];
	char path[512];
	size_t len;
	int r;

	len = dhcp4_store_build(buf, sizeof(buf), wall_ms, ack, ack_len);
	if (!len)
		return -EINVAL;
	r = dhcp4_store_path(dir, ifname, path, sizeof(path));
	if (r < 0)
		return r;
	r = file_mkdir_p(dir, 0700);
	if (r < 0)
		return r;
	return file_write_atomic(path, buf, len, 0600);
}

int dhcp4_store_load(const char *dir, const char *ifname, uint8_t *buf,
		     struct dhcp4_store_rec *rec, enum dhcp4_store_err *err)
{
	char path[512];
	size_t len = 0;
	ssize_t n;
	int fd, r;

	*err = DHCP4_STORE_OK;
	r = dhcp4_store_path(dir, ifname, path, sizeof(path));
	if (r < 0)
		return r;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	/* One byte more than the largest file: a longer one is damaged. */
	for (;;) {
		uint8_t extra;

		if (len < DHCP4_STORE_MAX)
			n = read(fd, buf + len, DHCP4_STORE_MAX - len);
		else
			n = read(fd, &extra, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			close(fd);
			return r;
		}
		if (!n)
			break;
		if (len >= DHCP4_STORE_MAX) {
			close(fd);
			*err = DHCP4_STORE_LENGTH;
			return -EIO;
		}
		len += (size_t)n;
	}
	close(fd);
	*err = dhcp4_store_parse(buf, len, rec);
	return *err == DHCP4_STORE_OK ? 0 : -EIO;
}

int dhcp4_store_remove(const char *dir, const char *ifname)
{
	char path[512];
	int r = dhcp4_store_path(dir, ifname, path, sizeof(path));

	if (r < 0)
		return r;
	if (unlink(path) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}
