// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon's event bus.  See events.h.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apedged/events.h"
#include "lib/list.h"
#include "lib/strbuf.h"

struct events_sub {
	struct list node;
	struct events *ev;
	events_fn fn;		/* NULL: unsubscribed while publishing */
	void *data;
};

struct events {
	struct list subs;
	size_t n_subs;
	unsigned int depth;	/* publications in progress */
	bool dirty;		/* unsubscribed ones to free */
	uint64_t published;
	struct strbuf line;
};

static uint64_t realtime_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

uint64_t (*events_clock)(void) = realtime_ms;

struct events *events_new(void)
{
	struct events *ev = calloc(1, sizeof(*ev));

	if (!ev)
		return NULL;
	list_init(&ev->subs);
	sb_init(&ev->line);
	return ev;
}

void events_free(struct events *ev)
{
	struct list *pos, *tmp;

	if (!ev)
		return;
	list_for_each_safe(pos, tmp, &ev->subs)
		free(list_entry(pos, struct events_sub, node));
	sb_free(&ev->line);
	free(ev);
}

struct events_sub *events_subscribe(struct events *ev, events_fn fn,
				    void *data)
{
	struct events_sub *sub = calloc(1, sizeof(*sub));

	if (!sub)
		return NULL;
	sub->ev = ev;
	sub->fn = fn;
	sub->data = data;
	list_add_tail(&ev->subs, &sub->node);
	ev->n_subs++;
	return sub;
}

void events_unsubscribe(struct events_sub *sub)
{
	struct events *ev;

	if (!sub)
		return;
	ev = sub->ev;
	ev->n_subs--;
	if (ev->depth) {
		/* The publication in progress may be standing on it. */
		sub->fn = NULL;
		ev->dirty = true;
		return;
	}
	list_del(&sub->node);
	free(sub);
}

size_t events_subscribers(const struct events *ev)
{
	return ev->n_subs;
}

uint64_t events_published(const struct events *ev)
{
	return ev->published;
}

/* The fields' members, without their braces: "" for none. */
static void append_fields(struct strbuf *sb, const char *fields)
{
	size_t len;

	if (!fields)
		return;
	while (*fields == ' ')
		fields++;
	len = strlen(fields);
	while (len && (fields[len - 1] == ' ' || fields[len - 1] == '\n'))
		len--;
	if (len < 2 || fields[0] != '{' || fields[len - 1] != '}')
		return;		/* not an object: left out */
	fields++;
	len -= 2;
	while (len && *fields == ' ') {
		fields++;
		len--;
	}
	if (!len)
		return;
	sb_puts(sb, ", ");
	sb_append(sb, fields, len);
}

void events_publish(struct events *ev, const char *name, const char *fields)
{
	struct strbuf line;
	struct list *pos;
	uint64_t t;

	ev->published++;
	if (!ev->n_subs)
		return;
	/* Our own buffer, unless a subscriber publishes in turn. */
	line = ev->line;
	if (ev->depth)
		sb_init(&line);
	sb_reset(&line);
	t = events_clock();
	sb_puts(&line, "{\"event\": ");
	sb_json_string(&line, name);
	sb_printf(&line, ", \"time\": %llu.%03u",
		  (unsigned long long)(t / 1000), (unsigned int)(t % 1000));
	append_fields(&line, fields);
	sb_puts(&line, "}\n");

	if (!line.oom) {
		ev->depth++;
		list_for_each(pos, &ev->subs) {
			struct events_sub *sub = list_entry(pos,
							    struct events_sub,
							    node);

			if (sub->fn)
				sub->fn(line.buf, line.len, sub->data);
		}
		ev->depth--;
	}
	if (ev->depth) {
		sb_free(&line);
		return;
	}
	ev->line = line;
	if (ev->dirty) {
		struct list *tmp;

		list_for_each_safe(pos, tmp, &ev->subs) {
			struct events_sub *sub = list_entry(pos,
							    struct events_sub,
							    node);

			if (!sub->fn) {
				list_del(&sub->node);
				free(sub);
			}
		}
		ev->dirty = false;
	}
}

void events_publish_fn(const char *name, const char *fields, void *data)
{
	events_publish(data, name, fields);
}
