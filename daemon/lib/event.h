/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events for the daemon's monitors ("apedgectl monitor daemon"): the
 * callback an engine is given to publish them, without knowing who
 * listens.
 *
 * An engine keeps an event_fn (and its data) in its ops and calls it with
 * the event's name, kebab-case and prefixed with the engine ("iapp-move"),
 * and its fields as one JSON object ("{\"mac\": \"02:...\"}", or NULL for
 * none).  The root's bus (apedged/events.c) adds the name and the time
 * and hands the line to every monitor; it never calls back into the
 * engine, so an engine may publish from anywhere, callbacks included.
 */
#ifndef APEDGE_EVENT_H
#define APEDGE_EVENT_H

typedef void (*event_fn)(const char *name, const char *fields, void *data);

#endif
