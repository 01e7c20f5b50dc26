// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer: the three styles byte for byte, escaping and UTF-8
 * checking, and every misuse refused.
 */
#include <stdint.h>

#include "lib/json.h"
#include "ut.h"

static struct strbuf sb;

static struct json *start(enum json_style style)
{
	static struct json j;

	sb_free(&sb);
	json_init(&j, &sb, style);
	return &j;
}

/* The example document of json.h. */
static const char *example(enum json_style style)
{
	struct json *j = start(style);

	json_obj_begin(j);
	json_ku64(j, "a", 1);
	json_karr_begin(j, "b");
	json_u64(j, 1);
	json_u64(j, 2);
	json_arr_end(j);
	json_karr_begin(j, "c");
	json_obj_begin(j);
	json_kbool(j, "d", true);
	json_obj_end(j);
	json_arr_end(j);
	json_obj_end(j);
	return json_ok(j) ? sb_str(&sb) : "(not ok)";
}

UT_CASE(styles)
{
	UT_EXPECT_STR(example(JSON_COMPACT),
		      "{\"a\":1,\"b\":[1,2],\"c\":[{\"d\":true}]}");
	UT_EXPECT_STR(example(JSON_SPACED),
		      "{\"a\": 1, \"b\": [1, 2], \"c\": [{\"d\": true}]}");
	UT_EXPECT_STR(example(JSON_PRETTY),
		      "{\n  \"a\": 1,\n  \"b\": [1, 2],\n  \"c\": [\n    {\n"
		      "      \"d\": true\n    }\n  ]\n}");
}

UT_CASE(empty_containers)
{
	static const enum json_style styles[] = {
		JSON_COMPACT, JSON_SPACED, JSON_PRETTY
	};
	struct json *j;
	size_t i;

	for (i = 0; i < 3; i++) {
		j = start(styles[i]);
		json_arr_begin(j);
		json_obj_begin(j);
		json_obj_end(j);
		json_arr_begin(j);
		json_arr_end(j);
		json_arr_end(j);
		UT_EXPECT(json_ok(j));
		UT_EXPECT_STR(sb_str(&sb), styles[i] == JSON_PRETTY ?
			      "[\n  {},\n  []\n]" : styles[i] == JSON_SPACED ?
			      "[{}, []]" : "[{},[]]");
	}
	j = start(JSON_PRETTY);
	json_obj_begin(j);
	json_karr_begin(j, "none");
	json_arr_end(j);
	json_kobj_begin(j, "nothing");
	json_obj_end(j);
	json_obj_end(j);
	UT_EXPECT(json_ok(j));
	UT_EXPECT_STR(sb_str(&sb), "{\n  \"none\": [],\n  \"nothing\": {}\n}");
}

/* apedgectl -j -p stats: a list of objects holding a list of objects. */
UT_CASE(pretty_nesting)
{
	struct json *j = start(JSON_PRETTY);

	json_arr_begin(j);
	json_obj_begin(j);
	json_kstr(j, "ifname", "va");
	json_karr_begin(j, "counters");
	json_obj_begin(j);
	json_ku64(j, "packets", 7);
	json_obj_end(j);
	json_obj_begin(j);
	json_ku64(j, "packets", 1);
	json_obj_end(j);
	json_arr_end(j);
	json_obj_end(j);
	json_arr_end(j);
	UT_EXPECT(json_ok(j));
	UT_EXPECT_STR(sb_str(&sb),
		      "[\n  {\n    \"ifname\": \"va\",\n    \"counters\": [\n"
		      "      {\n        \"packets\": 7\n      },\n"
		      "      {\n        \"packets\": 1\n      }\n    ]\n  }\n]");
}

UT_CASE(scalars)
{
	struct json *j = start(JSON_COMPACT);

	json_arr_begin(j);
	json_u64(j, UINT64_MAX);
	json_i64(j, INT64_MIN);
	json_i64(j, -1);
	json_bool(j, false);
	json_null(j);
	json_str(j, NULL);
	json_str(j, "");
	json_arr_end(j);
	UT_EXPECT(json_ok(j));
	UT_EXPECT_STR(sb_str(&sb), "[18446744073709551615,"
		      "-9223372036854775808,-1,false,null,null,\"\"]");

	j = start(JSON_SPACED);
	json_obj_begin(j);
	json_knull(j, "x");
	json_ki64(j, "y", -5);
	json_kstr(j, "z", NULL);
	json_obj_end(j);
	UT_EXPECT_STR(sb_str(&sb), "{\"x\": null, \"y\": -5, \"z\": null}");
	/* Another writer's value, as is. */
	j = start(JSON_SPACED);
	json_obj_begin(j);
	json_key(j, "a");
	json_raw(j, "{\"b\": [1]}");
	json_ku64(j, "c", 2);
	json_obj_end(j);
	UT_EXPECT_STR(sb_str(&sb), "{\"a\": {\"b\": [1]}, \"c\": 2}");
	/* Several documents one after the other, as a monitor writes. */
	json_obj_begin(j);
	json_obj_end(j);
	UT_EXPECT(json_ok(j));
}

static const char *escaped(const char *s, size_t len)
{
	sb_free(&sb);
	json_escape(&sb, s, len);
	return sb_str(&sb);
}

#define ESC(lit) escaped(lit, sizeof(lit) - 1)

UT_CASE(escapes)
{
	UT_EXPECT_STR(ESC("a\"b\\c\n\x01\x7f"),
		      "\"a\\\"b\\\\c\\n\\u0001\\u007f\"");
	UT_EXPECT_STR(ESC("\r\t\b\f/"), "\"\\r\\t\\u0008\\u000c/\"");
	/* A NUL inside a counted string. */
	UT_EXPECT_STR(ESC("a\0b"), "\"a\\u0000b\"");
	UT_EXPECT_STR(ESC(""), "\"\"");
	/* Keys are escaped as strings are. */
	{
		struct json *j = start(JSON_COMPACT);

		json_obj_begin(j);
		json_kstr(j, "k\"\xff", "v");
		json_obj_end(j);
		UT_EXPECT_STR(sb_str(&sb), "{\"k\\\"\\ufffd\":\"v\"}");
	}
}

/* Well-formed UTF-8 passes as is; any other byte becomes \ufffd. */
UT_CASE(utf8)
{
	static const struct {
		const char *in, *out;
	} v[] = {
		{ "caf\xc3\xa9", "\"caf\xc3\xa9\"" },
		{ "\xe2\x82\xac\xf0\x9f\x93\xb6",
		  "\"\xe2\x82\xac\xf0\x9f\x93\xb6\"" },
		{ "\xef\xbf\xbf", "\"\xef\xbf\xbf\"" },
		{ "\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"" },
		{ "\xc2\x80\xdf\xbf", "\"\xc2\x80\xdf\xbf\"" },
		{ "a\xff" "b", "\"a\\ufffdb\"" },
		{ "\x80", "\"\\ufffd\"" },
		{ "\xfe\xf5\xf8", "\"\\ufffd\\ufffd\\ufffd\"" },
		/* Overlong, surrogate, above U+10FFFF, truncated. */
		{ "\xc0\xaf", "\"\\ufffd\\ufffd\"" },
		{ "\xc1\xbf", "\"\\ufffd\\ufffd\"" },
		{ "\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xf0\x8f\xbf\xbf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xed\xbf\xbf", "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "\xc3", "\"\\ufffd\"" },
		{ "\xe2\x82", "\"\\ufffd\\ufffd\"" },
		{ "\xe2\x82x", "\"\\ufffd\\ufffdx\"" },
		{ "\xf0\x9f\x93", "\"\\ufffd\\ufffd\\ufffd\"" },
	};
	struct json *j;
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		j = start(JSON_COMPACT);
		json_str(j, v[i].in);
		UT_EXPECT(json_ok(j));
		UT_EXPECT_STR(sb_str(&sb), v[i].out);
	}
	/* A sequence cut by the length given is not read past it. */
	UT_EXPECT_STR(escaped("\xe2\x82\xac", 2), "\"\\ufffd\\ufffd\"");
	UT_EXPECT_STR(escaped("\xe2\x82\xac", 3), "\"\xe2\x82\xac\"");
}

UT_CASE(misuse)
{
	struct json *j;

	/* A value without a key in an object. */
	j = start(JSON_COMPACT);
	json_obj_begin(j);
	json_u64(j, 1);
	json_obj_end(j);
	UT_EXPECT(!json_ok(j));
	UT_EXPECT_STR(sb_str(&sb), "{");
	/* A key in an array, at the top, twice in a row, or NULL. */
	j = start(JSON_COMPACT);
	json_arr_begin(j);
	json_key(j, "k");
	UT_EXPECT(!json_ok(j));
	j = start(JSON_COMPACT);
	json_key(j, "k");
	UT_EXPECT(!json_ok(j));
	j = start(JSON_COMPACT);
	json_obj_begin(j);
	json_key(j, "k");
	json_key(j, "l");
	UT_EXPECT(!json_ok(j));
	j = start(JSON_COMPACT);
	json_obj_begin(j);
	json_key(j, NULL);
	UT_EXPECT(!json_ok(j));
	/* A close that does not match, or of nothing. */
	j = start(JSON_COMPACT);
	json_obj_begin(j);
	json_arr_end(j);
	UT_EXPECT(!json_ok(j));
	j = start(JSON_COMPACT);
	json_obj_end(j);
	UT_EXPECT(!json_ok(j));
	UT_EXPECT_STR(sb_str(&sb), "");
	/* A key left without its value. */
	j = start(JSON_COMPACT);
	json_obj_begin(j);
	json_key(j, "k");
	json_obj_end(j);
	UT_EXPECT(!json_ok(j));
	/* Left open. */
	j = start(JSON_COMPACT);
	json_arr_begin(j);
	UT_EXPECT(!json_ok(j));
	json_arr_end(j);
	UT_EXPECT(json_ok(j));
}

UT_CASE(depth)
{
	struct json *j = start(JSON_COMPACT);
	unsigned int i, k;
	size_t len;

	for (i = 0; i < JSON_DEPTH_MAX; i++)
		json_arr_begin(j);
	UT_EXPECT(!j->bad);
	json_arr_begin(j);
	UT_EXPECT(j->bad);
	for (i = 0; i < JSON_DEPTH_MAX; i++)
		json_arr_end(j);
	UT_EXPECT(!json_ok(j));
	UT_EXPECT(sb.len == JSON_DEPTH_MAX);

	/* A member opening one level too many writes not even its key. */
	for (k = 0; k < 2; k++) {
		j = start(JSON_COMPACT);
		json_obj_begin(j);
		for (i = 1; i < JSON_DEPTH_MAX; i++)
			json_kobj_begin(j, "a");
		UT_EXPECT(!j->bad && j->depth == JSON_DEPTH_MAX);
		len = sb.len;
		if (k)
			json_kobj_begin(j, "k");
		else
			json_karr_begin(j, "k");
		UT_EXPECT(j->bad);
		UT_EXPECT(sb.len == len);
	}
}

UT_CASE(out_of_memory)
{
	struct json *j = start(JSON_COMPACT);

	json_obj_begin(j);
	sb.oom = true;
	json_kstr(j, "k", "v");
	json_obj_end(j);
	UT_EXPECT(!json_ok(j));
	sb_free(&sb);
}

UT_MAIN("lib_json",
	UT_ENTRY(styles),
	UT_ENTRY(empty_containers),
	UT_ENTRY(pretty_nesting),
	UT_ENTRY(scalars),
	UT_ENTRY(escapes),
	UT_ENTRY(utf8),
	UT_ENTRY(misuse),
	UT_ENTRY(depth),
	UT_ENTRY(out_of_memory))
