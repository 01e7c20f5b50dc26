// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration reader; see ini.h for the format and the tables.
 *
 * A line is copied out of the text, checked for control characters, and
 * is then a comment, blank, a section header or a "key = value" pair.
 * Every value goes through set_value(), the one switch on the key types,
 * whether it comes from a file or is a table's default.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bytes.h"
#include "lib/ifname.h"
#include "lib/ini.h"
#include "lib/mac.h"

struct ini {
	const struct ini_bind *binds;
	void *root;
	struct ini_error *err;
	unsigned int line;
	/* The open section: its binding and struct. */
	const struct ini_bind *bind;
	void *obj;
	uint64_t keys_seen;	/* bit i: keys[i] given in it */
	char arg[INI_LINE_MAX + 1];	/* its ARG, as written */
	/* Sections given at most once: the line of each one's header. */
	unsigned int seen[INI_SECTIONS_MAX];
};

static int vfail(struct ini *ini, unsigned int line, const char *fmt,
		 va_list ap)
{
	ini->err->line = line;
	vsnprintf(ini->err->msg, sizeof(ini->err->msg), fmt, ap);
	return -EINVAL;
}

int ini_fail(struct ini *ini, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfail(ini, ini->line, fmt, ap);
	va_end(ap);
	return r;
}

int ini_fail_at(struct ini *ini, unsigned int line, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfail(ini, line, fmt, ap);
	va_end(ap);
	return r;
}

static void *field_of(void *obj, size_t offset)
{
	return (char *)obj + offset;
}

static void store_uint(void *field, size_t size, unsigned long long v)
{
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;
	uint64_t u64 = v;

	switch (size) {
	case 1:
		memcpy(field, &u8, 1);
		break;
	case 2:
		memcpy(field, &u16, 2);
		break;
	case 4:
		memcpy(field, &u32, 4);
		break;
	case 8:
		memcpy(field, &u64, 8);
		break;
	}
}

static bool fits(unsigned long long v, size_t size)
{
	return size >= 8 || v <= (1ull << (8 * size)) - 1;
}

/* "invalid KEY 'VALUE' (expected WHAT)", the value left out if secret. */
static int bad_value(struct ini *ini, const struct ini_key *k,
		     const char *value, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int bad_value(struct ini *ini, const struct ini_key *k,
		     const char *value, const char *fmt, ...)
{
	char what[INI_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (k->flags & INI_F_SECRET)
		return ini_fail(ini, "invalid %s (expected %s)", k->name, what);
	return ini_fail(ini, "invalid %s '%s' (expected %s)", k->name, value,
			what);
}

static const struct ini_name bool_names[] = {
	{ "on", 1 }, { "off", 0 }, { "yes", 1 }, { "no", 0 },
	{ "true", 1 }, { "false", 0 }, { NULL, 0 },
};

static int set_enum(struct ini *ini, const struct ini_key *k, void *field,
		    const struct ini_name *names, const char *value)
{
	char list[INI_MSG_MAX];
	size_t i, n = 0, len = 0;

	for (i = 0; names[i].name; i++) {
		if (!strcmp(names[i].name, value)) {
			store_uint(field, k->size, names[i].value);
			return 0;
		}
		n++;
	}
	/* "a, b or c" */
	list[0] = '\0';
	for (i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
					!i ? "" : i + 1 < n ? ", " : " or ",
					names[i].name);
	return bad_value(ini, k, value, "%s", list);
}

static int set_uint(struct ini *ini, const struct ini_key *k, void *field,
		    const char *value)
{
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)value[0]))
		return bad_value(ini, k, value, "a number");
	errno = 0;
	v = strtoull(value, &end, 10);
	if (errno || *end || v < k->min || v > k->max)
		return bad_value(ini, k, value, "%llu..%llu", k->min, k->max);
	store_uint(field, k->size, v);
	return 0;
}

static int set_string(struct ini *ini, const struct ini_key *k, void *field,
		      const char *value)
{
	if (k->type == INI_PATH && value[0] != '/')
		return ini_fail(ini, "%s must be an absolute path", k->name);
	if (strlen(value) > k->max)
		return ini_fail(ini, "%s is too long (at most %llu characters)",
				k->name, k->max);
	snprintf(field, k->size, "%s", value);
	return 0;
}

static int set_hex(struct ini *ini, const struct ini_key *k, void *obj,
		   const char *value)
{
	uint8_t bytes[INI_LINE_MAX / 2 + 1];
	size_t n = strlen(value), i, len;

	if (n < 2 || n / 2 > k->max || n % 2 || n / 2 > sizeof(bytes))
		goto bad;
	for (i = 0; i < n; i += 2) {
		int hi = hex_digit(value[i]), lo = hex_digit(value[i + 1]);

		if (hi < 0 || lo < 0)
			goto bad;
		bytes[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	len = n / 2;
	memset(field_of(obj, k->offset), 0, k->size);
	memcpy(field_of(obj, k->offset), bytes, len);
	memcpy(field_of(obj, k->len_offset), &len, sizeof(len));
	explicit_bzero(bytes, sizeof(bytes));
	return 0;
bad:
	explicit_bzero(bytes, sizeof(bytes));
	return bad_value(ini, k, value, "2 to %llu hex digits, an even count",
			 2 * k->max);
}

/* Parse value by k's type into the section's struct obj. */
static int set_value(struct ini *ini, const struct ini_key *k, void *obj,
		     char *value)
{
	void *field = field_of(obj, k->offset);
	uint8_t mac[MAC_LEN];
	struct in_addr in;

	switch (k->type) {
	case INI_BOOL:
		return set_enum(ini, k, field, bool_names, value);
	case INI_ENUM:
		return set_enum(ini, k, field, k->names, value);
	case INI_UINT:
		return set_uint(ini, k, field, value);
	case INI_STRING:
	case INI_PATH:
		return set_string(ini, k, field, value);
	case INI_MAC:
		if (mac_parse(value, mac) < 0 ||
		    ((k->flags & INI_F_UNICAST) && !mac_is_unicast(mac)))
			return bad_value(ini, k, value, "%sxx:xx:xx:xx:xx:xx",
					 k->flags & INI_F_UNICAST ?
					 "a unicast " : "");
		memcpy(field, mac, MAC_LEN);
		return 0;
	case INI_IPV4:
		if (inet_pton(AF_INET, value, &in) != 1)
			return bad_value(ini, k, value, "an IPv4 address");
		memcpy(field, &in, sizeof(in));
		return 0;
	case INI_HEX:
		return set_hex(ini, k, obj, value);
	case INI_IFNAME:
		if (!ifname_valid(value))
			return ini_fail(ini, "invalid interface name '%s'",
					value);
		snprintf(field, k->size, "%s", value);
		return 0;
	case INI_CUSTOM:
		return k->parse(ini, obj, value);
	}
	return ini_fail(ini, "%s: unknown type %d", k->name, (int)k->type);
}

static int set_defaults(struct ini *ini, const struct ini_section *sec,
			void *obj)
{
	char buf[INI_LINE_MAX + 1];
	const struct ini_key *k;
	int r;

	for (k = sec->keys; k->name; k++) {
		if (!k->def)
			continue;
		snprintf(buf, sizeof(buf), "%s", k->def);
		r = set_value(ini, k, obj, buf);
		if (r < 0)
			return r;
	}
	return 0;
}

int ini_defaults(const struct ini_bind *binds, void *root)
{
	struct ini_error err;
	struct ini ini = { .binds = binds, .root = root, .err = &err };
	const struct ini_bind *b;
	int r;

	for (b = binds; b->section; b++) {
		if (b->section->max)
			continue;
		r = set_defaults(&ini, b->section, field_of(root, b->offset));
		if (r < 0)
			return r;
	}
	return 0;
}

static bool has_secret(const struct ini_section *sec)
{
	const struct ini_key *k;

	for (k = sec->keys; k->name; k++)
		if (k->flags & INI_F_SECRET)
			return true;
	return false;
}

static void cleanse(const struct ini_section *sec, void *obj)
{
	const struct ini_key *k;

	for (k = sec->keys; k->name; k++) {
		if (!(k->flags & INI_F_SECRET))
			continue;
		explicit_bzero(field_of(obj, k->offset), k->size);
		if (k->type == INI_HEX)
			explicit_bzero(field_of(obj, k->len_offset),
				       sizeof(size_t));
	}
}

static void *array_get(void *root, const struct ini_bind *b)
{
	void *a;

	memcpy(&a, field_of(root, b->offset), sizeof(a));
	return a;
}

static void array_set(void *root, const struct ini_bind *b, void *a)
{
	memcpy(field_of(root, b->offset), &a, sizeof(a));
}

static size_t count_get(void *root, const struct ini_bind *b)
{
	size_t n;

	memcpy(&n, field_of(root, b->count), sizeof(n));
	return n;
}

static void count_set(void *root, const struct ini_bind *b, size_t n)
{
	memcpy(field_of(root, b->count), &n, sizeof(n));
}

void ini_free(const struct ini_bind *binds, void *root)
{
	const struct ini_bind *b;

	for (b = binds; b->section; b++) {
		const struct ini_section *sec = b->section;
		char *a;
		size_t i, n;

		if (!sec->max) {
			cleanse(sec, field_of(root, b->offset));
			continue;
		}
		a = array_get(root, b);
		n = count_get(root, b);
		if (a && has_secret(sec))
			for (i = 0; i < n; i++)
				cleanse(sec, a + i * sec->size);
		free(a);
		array_set(root, b, NULL);
		count_set(root, b, 0);
	}
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

/* A section's ARG as parsed, for "duplicate port 'eth0'". */
static const char *arg_format(const struct ini_key *k, const void *obj,
			      char *buf, size_t size)
{
	const void *field = (const char *)obj + k->offset;
	char s[INET_ADDRSTRLEN];

	switch (k->type) {
	case INI_MAC:
		return mac_format(field, buf);
	case INI_IPV4:
		inet_ntop(AF_INET, field, s, sizeof(s));
		snprintf(buf, size, "%s", s);
		return buf;
	case INI_STRING:
	case INI_PATH:
	case INI_IFNAME:
		snprintf(buf, size, "'%s'", (const char *)field);
		return buf;
	default:
		return "";
	}
}

static bool arg_equal(const struct ini_key *k, const void *a, const void *b)
{
	const char *x = a, *y = b;

	if (memcmp(x + k->offset, y + k->offset, k->size))
		return false;
	return k->type != INI_HEX ||
	       !memcmp(x + k->len_offset, y + k->len_offset, sizeof(size_t));
}

/* Each section's end(), in binding order, each instance in file order. */
static int sections_end(struct ini *ini)
{
	const struct ini_bind *b;
	size_t i, n;
	int r;

	for (b = ini->binds; b->section; b++) {
		const struct ini_section *sec = b->section;
		char *a;

		if (!sec->end)
			continue;
		if (!sec->max) {
			ini->line = ini->seen[b - ini->binds];
			if (!ini->line)
				continue;
			r = sec->end(ini, field_of(ini->root, b->offset));
			if (r < 0)
				return r;
			continue;
		}
		a = array_get(ini->root, b);
		n = count_get(ini->root, b);
		for (i = 0; i < n; i++) {
			char *obj = a + i * sec->size;

			memcpy(&ini->line, obj + sec->line_offset,
			       sizeof(ini->line));
			r = sec->end(ini, obj);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

/* A new instance of a repeated section, zeroed and with its defaults. */
static int section_new(struct ini *ini, const struct ini_bind *b,
		       const char *arg)
{
	const struct ini_section *sec = b->section;
	size_t n = count_get(ini->root, b), i;
	char *a = array_get(ini->root, b);
	char buf[INI_MSG_MAX];
	char *obj;
	int r;

	a = realloc(a, (n + 1) * sec->size);
	if (!a) {
		ini_fail(ini, "out of memory");
		return -ENOMEM;
	}
	array_set(ini->root, b, a);
	obj = a + n * sec->size;
	memset(obj, 0, sec->size);
	r = set_defaults(ini, sec, obj);
	if (r < 0)
		return r;
	if (sec->arg) {
		char value[INI_LINE_MAX + 1];

		snprintf(value, sizeof(value), "%s", arg);
		r = set_value(ini, sec->arg, obj, value);
		if (r < 0)
			return r;
		for (i = 0; i < n; i++) {
			const char *other = a + i * sec->size;
			unsigned int first;

			if (!arg_equal(sec->arg, other, obj))
				continue;
			memcpy(&first, other + sec->line_offset,
			       sizeof(first));
			return ini_fail(ini, "duplicate %s %s (first on line "
					"%u)", sec->noun,
					arg_format(sec->arg, obj, buf,
						   sizeof(buf)), first);
		}
	}
	if (n >= sec->max)
		return ini_fail(ini, "too many %s (at most %u)", sec->plural,
				sec->max);
	memcpy(obj + sec->line_offset, &ini->line, sizeof(ini->line));
	count_set(ini->root, b, n + 1);
	ini->obj = obj;
	return 0;
}

static int section_begin(struct ini *ini, char *s)
{
	char *close = strchr(s, ']');
	const struct ini_section *sec;
	const struct ini_bind *b, *found;
	char *name, *arg;
	size_t i;
	int r;

	if (!close)
		return ini_fail(ini, "section header without ']'");
	if (*trim(close + 1))
		return ini_fail(ini, "unexpected text after ']'");
	*close = '\0';
	name = trim(s + 1);
	arg = name + strcspn(name, " \t");
	if (*arg) {
		*arg++ = '\0';
		arg = trim(arg);
	}

	/*
	 * A name may be bound twice, once without ARG and once with it
	 * ([dhcp4] and [dhcp4 IF]): the header's form chooses.
	 */
	found = NULL;
	for (b = ini->binds, i = 0; b->section; b++, i++) {
		if (strcmp(b->section->name, name))
			continue;
		if (!found || !b->section->arg == !*arg)
			found = b;
		if (!b->section->arg == !*arg)
			break;
	}
	b = found ? found : b;
	i = (size_t)(b - ini->binds);
	if (!b->section) {
		if (!*name)
			return ini_fail(ini, "empty section name");
		return ini_fail(ini, "unknown section [%s]", name);
	}
	sec = b->section;
	if (!sec->arg && *arg)
		return ini_fail(ini, "section [%s] takes no name", name);
	if (sec->arg && !*arg)
		return ini_fail(ini, "section [%s] needs %s: [%s %s]", name,
				sec->arg_what, name, sec->arg_meta);
	if (sec->max) {
		r = section_new(ini, b, arg);
		if (r < 0)
			return r;
	} else {
		if (ini->seen[i])
			return ini_fail(ini, "duplicate section [%s]", name);
		ini->seen[i] = ini->line;
		ini->obj = field_of(ini->root, b->offset);
		if (sec->arg) {
			r = set_value(ini, sec->arg, ini->obj, arg);
			if (r < 0)
				return r;
		}
	}
	ini->bind = b;
	ini->keys_seen = 0;
	snprintf(ini->arg, sizeof(ini->arg), "%s", arg);
	return 0;
}

static int pair(struct ini *ini, char *s)
{
	char *eq = strchr(s, '=');
	const struct ini_section *sec;
	const struct ini_key *k;
	char *key, *value;
	unsigned int i;
	int r;

	if (!eq)
		return ini_fail(ini, "expected 'key = value' or '[section]'");
	*eq = '\0';
	key = trim(s);
	value = trim(eq + 1);
	if (!*key)
		return ini_fail(ini, "missing key before '='");
	if (!*value)
		return ini_fail(ini, "missing value for '%s'", key);
	if (!ini->bind)
		return ini_fail(ini, "key '%s' outside of any section", key);

	sec = ini->bind->section;
	for (i = 0, k = sec->keys; k->name; k++, i++)
		if (!strcmp(k->name, key))
			break;
	if (!k->name)
		return ini_fail(ini, "unknown key '%s' in section [%s%s%s]",
				key, sec->name, *ini->arg ? " " : "",
				ini->arg);
	if (ini->keys_seen & (1ull << i))
		return ini_fail(ini, "duplicate key '%s'", key);
	ini->keys_seen |= 1ull << i;
	r = set_value(ini, k, ini->obj, value);
	if (r < 0)
		return r;
	if (k->has_set)
		*(bool *)field_of(ini->obj, k->set_offset) = true;
	return 0;
}

static int line(struct ini *ini, char *s)
{
	const char *c;

	for (c = s; *c; c++)
		if ((unsigned char)*c < 0x20 && *c != '\t')
			return ini_fail(ini, "invalid control character "
					"0x%02x", (unsigned char)*c);
	s = trim(s);
	if (!*s || *s == '#' || *s == ';')
		return 0;
	if (*s == '[')
		return section_begin(ini, s);
	return pair(ini, s);
}

int ini_parse(const char *text, size_t len, const struct ini_bind *binds,
	      void *root, struct ini_error *err)
{
	struct ini ini = { .binds = binds, .root = root, .err = err };
	char buf[INI_LINE_MAX + 2];
	size_t pos = 0;
	int r = 0;

	memset(err, 0, sizeof(*err));
	while (pos < len) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - start) : len - pos;

		pos += n + (nl ? 1 : 0);
		ini.line++;
		if (n && start[n - 1] == '\r')
			n--;
		if (n > INI_LINE_MAX) {
			r = ini_fail(&ini, "line too long (more than %d "
				     "characters)", INI_LINE_MAX);
			break;
		}
		if (memchr(start, '\0', n)) {
			r = ini_fail(&ini, "NUL byte in line");
			break;
		}
		memcpy(buf, start, n);
		buf[n] = '\0';
		r = line(&ini, buf);
		if (r < 0)
			break;
	}
	if (!r)
		r = sections_end(&ini);
	explicit_bzero(buf, sizeof(buf));	/* it may have held a secret */
	return r;
}

/* ini_check(): one key's table entry, within a struct of size bytes. */
static int check_key(struct ini *ini, const struct ini_section *sec,
		     const struct ini_key *k)
{
	size_t size = sec->size;
	const struct ini_name *nm;

	if (!k->size || k->offset > size || k->size > size - k->offset)
		return ini_fail(ini, "[%s] %s: field outside the struct",
				sec->name, k->name);
	switch (k->type) {
	case INI_BOOL:
	case INI_UINT:
	case INI_ENUM:
		if (k->size != 1 && k->size != 2 && k->size != 4 &&
		    k->size != 8)
			return ini_fail(ini, "[%s] %s: size %zu", sec->name,
					k->name, k->size);
		if (k->type == INI_UINT &&
		    (k->min > k->max || !fits(k->max, k->size)))
			return ini_fail(ini, "[%s] %s: range", sec->name,
					k->name);
		if (k->type != INI_ENUM)
			break;
		if (!k->names || !k->names[0].name)
			return ini_fail(ini, "[%s] %s: no names", sec->name,
					k->name);
		for (nm = k->names; nm->name; nm++)
			if (!fits(nm->value, k->size))
				return ini_fail(ini, "[%s] %s: %s does not fit",
						sec->name, k->name, nm->name);
		break;
	case INI_STRING:
	case INI_PATH:
		if (k->max >= k->size)
			return ini_fail(ini, "[%s] %s: max %llu, size %zu",
					sec->name, k->name, k->max, k->size);
		break;
	case INI_MAC:
		if (k->size != MAC_LEN)
			return ini_fail(ini, "[%s] %s: size", sec->name,
					k->name);
		break;
	case INI_IPV4:
		if (k->size != sizeof(struct in_addr))
			return ini_fail(ini, "[%s] %s: size", sec->name,
					k->name);
		break;
	case INI_HEX:
		if (!k->max || k->max > k->size ||
		    k->len_offset > size - sizeof(size_t))
			return ini_fail(ini, "[%s] %s: max or length field",
					sec->name, k->name);
		break;
	case INI_IFNAME:
		if (k->size < IFNAMSIZ)
			return ini_fail(ini, "[%s] %s: size", sec->name,
					k->name);
		break;
	case INI_CUSTOM:
		if (!k->parse)
			return ini_fail(ini, "[%s] %s: no parser", sec->name,
					k->name);
		break;
	default:
		return ini_fail(ini, "[%s] %s: type", sec->name, k->name);
	}
	if (k->has_set && k->set_offset > size - sizeof(bool))
		return ini_fail(ini, "[%s] %s: set field outside the struct",
				sec->name, k->name);
	return 0;
}

static int check_section(struct ini *ini, const struct ini_section *sec)
{
	const struct ini_key *k, *j;
	unsigned int n = 0;
	void *obj;
	int r;

	if (!sec->name || !*sec->name || !sec->keys || !sec->size)
		return ini_fail(ini, "a section without name, keys or size");
	for (k = sec->keys; k->name; k++, n++) {
		for (j = sec->keys; j < k; j++)
			if (!strcmp(j->name, k->name))
				return ini_fail(ini, "[%s] %s: given twice",
						sec->name, k->name);
		r = check_key(ini, sec, k);
		if (r < 0)
			return r;
	}
	if (n > INI_KEYS_MAX)
		return ini_fail(ini, "[%s]: too many keys", sec->name);
	if (sec->arg) {
		if (!sec->arg->name || !sec->arg_what || !sec->arg_meta)
			return ini_fail(ini, "[%s]: argument undescribed",
					sec->name);
		r = check_key(ini, sec, sec->arg);
		if (r < 0)
			return r;
	}
	if (sec->max && (!sec->noun || !sec->plural ||
			 sec->line_offset > sec->size - sizeof(unsigned int)))
		return ini_fail(ini, "[%s]: repeated, but without noun, "
				"plural or line", sec->name);
	obj = calloc(1, sec->size);
	if (!obj)
		return ini_fail(ini, "out of memory");
	r = set_defaults(ini, sec, obj);
	free(obj);
	if (r < 0) {
		char why[INI_MSG_MAX];

		snprintf(why, sizeof(why), "%s", ini->err->msg);
		return ini_fail(ini, "[%s]: a default is refused: %s",
				sec->name, why);
	}
	return 0;
}

int ini_check(const struct ini_bind *binds, struct ini_error *err)
{
	struct ini ini = { .binds = binds, .err = err };
	const struct ini_bind *b, *c;
	int r;

	memset(err, 0, sizeof(*err));
	for (b = binds; b->section; b++) {
		if (b - binds >= INI_SECTIONS_MAX)
			return ini_fail(&ini, "too many sections");
		r = check_section(&ini, b->section);
		if (r < 0)
			return r;
		for (c = binds; c < b; c++)
			if (!strcmp(c->section->name, b->section->name) &&
			    !c->section->arg == !b->section->arg)
				return ini_fail(&ini, "[%s] bound twice",
						b->section->name);
		if (b->section->max && b->offset == b->count)
			return ini_fail(&ini, "[%s]: array and count at one "
					"place", b->section->name);
	}
	return 0;
}
