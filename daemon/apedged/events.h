/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The daemon's event bus: engines and the root publish events (a name and
 * a JSON object of fields), subscribers (the control socket's monitors)
 * receive each as one line:
 *
 *	{"event": "sta-authorized", "time": 1767225600.123,
 *	 "ifname": "wlan0", "mac": "02:00:00:00:aa:01", "vlan": 0}
 *
 * (on one line, ending in a newline); "time" is the wall clock in seconds.
 * Publishing is synchronous and cheap when nobody listens; a subscriber
 * must not block (the control socket queues, and drops a slow monitor).
 * A subscriber may unsubscribe itself or another from its callback.
 */
#ifndef APEDGED_EVENTS_H
#define APEDGED_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/event.h"

struct events;
struct events_sub;

typedef void (*events_fn)(const char *line, size_t len, void *data);

struct events *events_new(void);
/* Frees the bus and whatever subscriptions are left. */
void events_free(struct events *ev);

/* NULL when out of memory. */
struct events_sub *events_subscribe(struct events *ev, events_fn fn,
				    void *data);
/* NULL is ignored. */
void events_unsubscribe(struct events_sub *sub);
size_t events_subscribers(const struct events *ev);

/*
 * Publish: name (kebab-case) and fields, a JSON object or NULL.  Events
 * published while nobody listens are only counted.
 */
void events_publish(struct events *ev, const char *name, const char *fields);
/* The same as an event_fn, for an engine's ops: data is the bus. */
void events_publish_fn(const char *name, const char *fields, void *data);

uint64_t events_published(const struct events *ev);

/* The wall clock used for "time", in milliseconds; tests may replace it. */
extern uint64_t (*events_clock)(void);

#endif
