/*
 * list.h — intrusive circular doubly linked lists (the engine's GC lists,
 * context lists and job queues; the runtime's timers, handlers and message
 * queues). An empty list is a head that points at itself. Shared by the
 * engine and the runtime layer: it holds no engine type.
 */
#ifndef WEFT_LIST_H
#define WEFT_LIST_H

#include <stddef.h>

struct list_head {
    struct list_head *prev;
    struct list_head *next;
};

#define LIST_HEAD_INIT(el) {&(el), &(el)}
#define list_entry(el, type, member) ((type *)((char *)(el) - offsetof(type, member)))

static inline void init_list_head(struct list_head *head)
{
    head->prev = head;
    head->next = head;
}

static inline void list_link_between(struct list_head *el, struct list_head *prev,
                                     struct list_head *next)
{
    prev->next = el;
    el->prev = prev;
    el->next = next;
    next->prev = el;
}

static inline void list_add(struct list_head *el, struct list_head *head)
{
    list_link_between(el, head, head->next);
}

static inline void list_add_tail(struct list_head *el, struct list_head *head)
{
    list_link_between(el, head->prev, head);
}

static inline void list_del(struct list_head *el)
{
    el->prev->next = el->next;
    el->next->prev = el->prev;
    el->prev = NULL;
    el->next = NULL;
}

static inline int list_empty(const struct list_head *el) { return el->next == el; }

#define list_for_each(el, head) for (el = (head)->next; el != (head); el = el->next)
#define list_for_each_safe(el, el1, head) \
    for (el = (head)->next, el1 = el->next; el != (head); el = el1, el1 = el->next)

#endif /* WEFT_LIST_H */
