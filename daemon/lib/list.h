/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An intrusive, circular, doubly linked list.
 *
 * An entry that is not on any list points at itself, so list_del() is safe
 * to call on it and list_linked() tells whether it is on a list.
 */
#ifndef APEDGED_LIST_H
#define APEDGED_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list {
	struct list *next, *prev;
};

#define LIST_INIT(name) { &(name), &(name) }

#define list_entry(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

static inline void list_init(struct list *l)
{
	l->next = l;
	l->prev = l;
}

static inline bool list_empty(const struct list *l)
{
	return l->next == l;
}

static inline bool list_linked(const struct list *e)
{
	return e->next != e;
}

/* Insert e before pos (at the tail when pos is the head). */
static inline void list_add_before(struct list *pos, struct list *e)
{
	e->prev = pos->prev;
	e->next = pos;
	pos->prev->next = e;
	pos->prev = e;
}

static inline void list_add_tail(struct list *head, struct list *e)
{
	list_add_before(head, e);
}

static inline void list_del(struct list *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
	list_init(e);
}

/* Move every entry of from to the end of to; from is left empty. */
static inline void list_splice_init(struct list *from, struct list *to)
{
	if (list_empty(from))
		return;
	from->next->prev = to->prev;
	to->prev->next = from->next;
	from->prev->next = to;
	to->prev = from->prev;
	list_init(from);
}

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)

#define list_for_each_safe(pos, tmp, head) \
	for (pos = (head)->next, tmp = pos->next; pos != (head); \
	     pos = tmp, tmp = pos->next)

#endif
