/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network byte order, read and written without alignment, and a bounded
 * read cursor for codecs: every read checks what is left, and a failed
 * read leaves the cursor in error with nothing more readable, so a codec
 * may read a whole header and test cur_ok() once at the end.
 */
#ifndef APEDGE_LIB_BYTES_H
#define APEDGE_LIB_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t get_be64(const uint8_t *p)
{
	return (uint64_t)get_be32(p) << 32 | get_be32(p + 4);
}

static inline void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, (uint32_t)(v >> 32));
	put_be32(p + 4, (uint32_t)v);
}

struct cur {
	const uint8_t *p;
	size_t left;
	bool err;
};

static inline struct cur cur_init(const void *buf, size_t len)
{
	struct cur c = { .p = buf, .left = len, .err = false };

	return c;
}

static inline bool cur_ok(const struct cur *c)
{
	return !c->err;
}

static inline size_t cur_left(const struct cur *c)
{
	return c->err ? 0 : c->left;
}

/* n bytes from the cursor, or NULL (and the cursor in error). */
static inline const uint8_t *cur_take(struct cur *c, size_t n)
{
	const uint8_t *p;

	if (c->err || n > c->left) {
		c->err = true;
		c->left = 0;
		return NULL;
	}
	p = c->p;
	c->p += n;
	c->left -= n;
	return p;
}

/* A sub-cursor over the next n bytes, which the parent skips. */
static inline struct cur cur_sub(struct cur *c, size_t n)
{
	const uint8_t *p = cur_take(c, n);
	struct cur s = { .p = p, .left = p ? n : 0, .err = !p };

	return s;
}

static inline uint8_t cur_u8(struct cur *c)
{
	const uint8_t *p = cur_take(c, 1);

	return p ? p[0] : 0;
}

static inline uint16_t cur_be16(struct cur *c)
{
	const uint8_t *p = cur_take(c, 2);

	return p ? get_be16(p) : 0;
}

static inline uint32_t cur_be32(struct cur *c)
{
	const uint8_t *p = cur_take(c, 4);

	return p ? get_be32(p) : 0;
}

static inline uint64_t cur_be64(struct cur *c)
{
	const uint8_t *p = cur_take(c, 8);

	return p ? get_be64(p) : 0;
}

/* Copy n bytes out; false (and dst zeroed) when they are not there. */
static inline bool cur_copy(struct cur *c, void *dst, size_t n)
{
	const uint8_t *p = cur_take(c, n);

	if (!p) {
		memset(dst, 0, n);
		return false;
	}
	memcpy(dst, p, n);
	return true;
}

/* The value of one hexadecimal digit, either case; -1 if c is not one. */
static inline int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
