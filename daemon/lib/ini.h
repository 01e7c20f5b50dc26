/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A declarative reader of INI-like configuration text.
 *
 * The text is lines of at most INI_LINE_MAX characters (a final "\r" is
 * dropped), each one of:
 *
 *	# a comment, or ; a comment	(on a line of its own: a '#' after a
 *					 value is part of the value)
 *	[name]  or  [name ARG]		a section header
 *	key = value			in the section above it
 *
 * Blanks (spaces and tabs) around names, keys, values and arguments do not
 * count.  A NUL byte or another control character than tab is an error.
 *
 * What the sections and keys are is data: a section table (struct
 * ini_section) names its keys (struct ini_key: name, type, range or
 * length, offset of the field in the section's struct, default), and a
 * binding (struct ini_bind) says where its struct lives in the caller's
 * ("root") struct: in place, for a section given at most once, or as an
 * array and its count, which ini grows, for a repeated one.  One name may
 * be bound twice, to a section that takes no ARG and to one that does
 * ([dhcp4] and [dhcp4 IFNAME]): the header's form chooses.  The reader
 * refuses, in one place and with the line and a message, an unknown
 * section or key, a key given twice in one section, a section given twice
 * (or, for a repeated section, the same argument twice), more instances
 * than the section's maximum, and any value its key's type refuses.
 *
 * Pure: no I/O, no globals; it allocates the arrays of repeated sections
 * only, which ini_free() releases.
 */
#ifndef APEDGE_LIB_INI_H
#define APEDGE_LIB_INI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INI_LINE_MAX 255	/* longest line, not counting its newline */
#define INI_MSG_MAX 160		/* of an error message, with its NUL */
#define INI_KEYS_MAX 64		/* keys of one section */
#define INI_SECTIONS_MAX 32	/* bindings of one root */

struct ini;			/* a parse in progress */

struct ini_error {
	unsigned int line;	/* 1-based; 0 when not about a line */
	char msg[INI_MSG_MAX];
};

enum ini_type {
	INI_BOOL,	/* on/off, yes/no, true/false, into a bool */
	INI_UINT,	/* decimal, min..max, into 1, 2, 4 or 8 bytes */
	INI_STRING,	/* at most max characters, into char[size] */
	INI_PATH,	/* an absolute path, at most max characters */
	INI_ENUM,	/* a name of names[], its value stored as INI_UINT */
	INI_MAC,	/* xx:xx:xx:xx:xx:xx (or with '-'), 6 bytes */
	INI_IPV4,	/* dotted quad, into a struct in_addr */
	INI_HEX,	/* 1..max bytes as an even count of hex digits, their
			   count into the size_t at len_offset */
	INI_IFNAME,	/* a name the kernel takes for an interface
			   (lib/ifname.h), into char[IFNAMSIZ] */
	INI_CUSTOM,	/* parse(ini, section's struct, value) */
};

#define INI_F_UNICAST	(1u << 0)	/* MAC: unicast and not zero */
#define INI_F_SECRET	(1u << 1)	/* never quoted in a message;
					   cleansed by ini_free() */

/* A name of an INI_ENUM and its value; a NULL name ends the table. */
struct ini_name {
	const char *name;
	unsigned long long value;
};

struct ini_key {
	const char *name;	/* NULL ends a key table */
	enum ini_type type;
	unsigned int flags;
	size_t offset;		/* of the field in the section's struct */
	size_t size;		/* of the field */
	unsigned long long min, max;	/* INI_UINT: range; INI_STRING,
					   INI_PATH: max characters; INI_HEX:
					   max bytes */
	const struct ini_name *names;	/* INI_ENUM */
	size_t len_offset;	/* INI_HEX */
	bool has_set;		/* the bool at set_offset becomes true
				   when the key is given */
	size_t set_offset;
	/* INI_CUSTOM: value may be changed; 0 or ini_fail()'s return. */
	int (*parse)(struct ini *ini, void *obj, char *value);
	const char *def;	/* the default, as in a file; NULL: zero */
};

/*
 * Table entries: INI_KEY_UINT(struct port, "count", count, 1, 32, "1").
 * Anything after the fixed arguments is added to the entry, such as
 * INI_SET(struct port, count_set).
 */
#define INI_FIELD_(st, field)						\
	.offset = offsetof(st, field), .size = sizeof(((st *)0)->field)

#define INI_KEY_BOOL(st, key, field, dflt, ...)				\
	{ .name = (key), .type = INI_BOOL, INI_FIELD_(st, field),	\
	  .def = (dflt), __VA_ARGS__ }
#define INI_KEY_UINT(st, key, field, lo, hi, dflt, ...)			\
	{ .name = (key), .type = INI_UINT, INI_FIELD_(st, field),	\
	  .min = (lo), .max = (hi), .def = (dflt), __VA_ARGS__ }
#define INI_KEY_STRING(st, key, field, maxlen, dflt, ...)		\
	{ .name = (key), .type = INI_STRING, INI_FIELD_(st, field),	\
	  .max = (maxlen), .def = (dflt), __VA_ARGS__ }
#define INI_KEY_PATH(st, key, field, maxlen, dflt, ...)			\
	{ .name = (key), .type = INI_PATH, INI_FIELD_(st, field),	\
	  .max = (maxlen), .def = (dflt), __VA_ARGS__ }
#define INI_KEY_ENUM(st, key, field, table, dflt, ...)			\
	{ .name = (key), .type = INI_ENUM, INI_FIELD_(st, field),	\
	  .names = (table), .def = (dflt), __VA_ARGS__ }
#define INI_KEY_MAC(st, key, field, fl, ...)				\
	{ .name = (key), .type = INI_MAC, .flags = (fl),		\
	  INI_FIELD_(st, field), __VA_ARGS__ }
#define INI_KEY_IPV4(st, key, field, ...)				\
	{ .name = (key), .type = INI_IPV4, INI_FIELD_(st, field),	\
	  __VA_ARGS__ }
#define INI_KEY_HEX(st, key, field, lenfield, fl, ...)			\
	{ .name = (key), .type = INI_HEX, .flags = (fl),		\
	  INI_FIELD_(st, field), .max = sizeof(((st *)0)->field),	\
	  .len_offset = offsetof(st, lenfield), __VA_ARGS__ }
#define INI_KEY_IFNAME(st, key, field, ...)				\
	{ .name = (key), .type = INI_IFNAME, INI_FIELD_(st, field),	\
	  __VA_ARGS__ }
#define INI_KEY_CUSTOM(st, key, field, fn, ...)				\
	{ .name = (key), .type = INI_CUSTOM, INI_FIELD_(st, field),	\
	  .parse = (fn), __VA_ARGS__ }
/* The bool field becomes true when the key is given. */
#define INI_SET(st, field)						\
	.has_set = true, .set_offset = offsetof(st, field)

struct ini_section {
	const char *name;		/* [name] or [name ARG] */
	const struct ini_key *keys;	/* ends with a NULL name */
	size_t size;			/* of the section's struct */
	/*
	 * [name ARG]: how ARG is read and where it goes; its name is what
	 * messages call it ("BSSID").  NULL: the section takes none.
	 */
	const struct ini_key *arg;
	const char *arg_what;		/* "an interface name" */
	const char *arg_meta;		/* "IFNAME" */
	/*
	 * A repeated section (max > 0) is bound to an array; ARG tells its
	 * instances apart: "duplicate <noun> ARG (first on line N)", "too
	 * many <plural> (at most <max>)".  The unsigned int at line_offset
	 * gets the line of each instance's header.
	 */
	unsigned int max;
	const char *noun, *plural;
	size_t line_offset;
	/*
	 * What only the whole section can tell, such as a key it needs.
	 * Called for each instance once the whole text is read, section by
	 * section in binding order: a later line's error comes first.  A
	 * failure is reported on the section's header line unless
	 * ini_fail_at() says other.
	 */
	int (*end)(struct ini *ini, void *obj);
};

/* Where a section's struct, or array of them, is in the root struct. */
struct ini_bind {
	const struct ini_section *section;	/* NULL ends a binding list */
	size_t offset;	/* of the struct; repeated: of the array pointer */
	size_t count;	/* repeated: of the size_t count */
};

#define INI_BIND_ONE(sec, type, member)					\
	{ .section = &(sec), .offset = offsetof(type, member) }
#define INI_BIND_ROOT(sec)	{ .section = &(sec), .offset = 0 }
#define INI_BIND_ARRAY(sec, type, array, n)				\
	{ .section = &(sec), .offset = offsetof(type, array),		\
	  .count = offsetof(type, n) }

/*
 * Parse len bytes of text into root, whose sections given at most once
 * hold their defaults already (ini_defaults()).  Returns 0, or -EINVAL
 * (-ENOMEM) with err filled in; either way, ini_free() releases root.
 */
int ini_parse(const char *text, size_t len, const struct ini_bind *binds,
	      void *root, struct ini_error *err);

/* Give each key of the sections bound in place its default. */
int ini_defaults(const struct ini_bind *binds, void *root);

/*
 * Free the arrays of the repeated sections (count 0, pointer NULL) after
 * cleansing their INI_F_SECRET fields, and cleanse those of the others.
 */
void ini_free(const struct ini_bind *binds, void *root);

/*
 * Whether the tables are sound: names unique, fields within their struct
 * and of a size their type can fill, defaults accepted by their type.
 * For the unit tests of each user: 0, or -EINVAL with err->msg.
 */
int ini_check(const struct ini_bind *binds, struct ini_error *err);

/* For hooks and INI_CUSTOM parsers: fail on this line, or on line. */
int ini_fail(struct ini *ini, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ini_fail_at(struct ini *ini, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* APEDGE_LIB_INI_H */
