/*
 * worker_pipe.c — JSWorkerMessagePipe and JSWorkerMessage (see
 * worker_pipe.h for the invariant between the queue and the wake-up
 * byte).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eventloop.h"
#include "worker_pipe.h"

JSWorkerMessagePipe *js_worker_pipe_new(void)
{
    JSWorkerMessagePipe *p = malloc(sizeof(*p));
    int fds[2];
    if (!p)
        return NULL;
    /* non-blocking: the invariant says a read or write never has to wait,
       and a broken invariant must not hang a thread */
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) < 0) {
        free(p);
        return NULL;
    }
    p->ref_count = 1;
    pthread_mutex_init(&p->mutex, NULL);
    init_list_head(&p->msg_queue);
    p->error_count = 0;
    p->read_fd = fds[0];
    p->write_fd = fds[1];
    return p;
}

JSWorkerMessagePipe *js_worker_pipe_dup(JSWorkerMessagePipe *p)
{
    __atomic_add_fetch(&p->ref_count, 1, __ATOMIC_RELAXED);
    return p;
}

void js_worker_pipe_free(JSWorkerMessagePipe *p)
{
    struct list_head *el, *el1;
    if (!p || __atomic_sub_fetch(&p->ref_count, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    list_for_each_safe(el, el1, &p->msg_queue) {
        js_worker_message_free(list_entry(el, JSWorkerMessage, link));
    }
    pthread_mutex_destroy(&p->mutex);
    close(p->read_fd);
    close(p->write_fd);
    free(p);
}

/* EINTR aside, these cannot fail while the invariant holds: the pipe
   holds at most one byte */
static void js_worker_pipe_wake(JSWorkerMessagePipe *p)
{
    uint8_t b = 0;
    while (write(p->write_fd, &b, 1) < 0 && errno == EINTR)
        continue;
}

static void js_worker_pipe_unwake(JSWorkerMessagePipe *p)
{
    uint8_t b;
    while (read(p->read_fd, &b, 1) < 0 && errno == EINTR)
        continue;
}

bool js_worker_pipe_post(JSWorkerMessagePipe *p, JSWorkerMessage *msg)
{
    bool first_error = false;
    pthread_mutex_lock(&p->mutex);
    if (list_empty(&p->msg_queue))
        js_worker_pipe_wake(p);
    list_add_tail(&msg->link, &p->msg_queue);
    if (msg->kind == JS_WORKER_MSG_ERROR)
        first_error = p->error_count++ == 0;
    pthread_mutex_unlock(&p->mutex);
    return first_error;
}

JSWorkerMessage *js_worker_pipe_take(JSWorkerMessagePipe *p, bool errors_only)
{
    JSWorkerMessage *msg = NULL;
    struct list_head *el;
    pthread_mutex_lock(&p->mutex);
    list_for_each(el, &p->msg_queue) {
        JSWorkerMessage *m = list_entry(el, JSWorkerMessage, link);
        if (!errors_only || m->kind == JS_WORKER_MSG_ERROR) {
            msg = m;
            break;
        }
    }
    if (msg) {
        list_del(&msg->link);
        if (msg->kind == JS_WORKER_MSG_ERROR)
            p->error_count--;
        if (list_empty(&p->msg_queue))
            js_worker_pipe_unwake(p);
    }
    pthread_mutex_unlock(&p->mutex);
    return msg;
}

JSWorkerMessage *js_worker_message_new(JSWorkerMessageKind kind, const uint8_t *data, size_t len,
                                       uint8_t *owned_data, uint8_t **sab_tab, size_t sab_tab_len,
                                       JSTransferredBuffer *transfer_tab, size_t transfer_len)
{
    const JSSharedArrayBufferFunctions *sf = js_sab_functions();
    /* a copied message is one block: the header and the bytes */
    JSWorkerMessage *msg = malloc(sizeof(*msg) + (owned_data ? 0 : len));
    if (msg && sab_tab_len > 0) {
        msg->sab_tab = malloc(sab_tab_len * sizeof(msg->sab_tab[0]));
        if (!msg->sab_tab) {
            free(msg);
            msg = NULL;
        }
    }
    if (!msg) {
        free(owned_data);
        JS_FreeTransferredBuffers(transfer_tab, transfer_len);
        return NULL;
    }
    msg->kind = kind;
    msg->owns_data = owned_data != NULL;
    msg->data = owned_data ? owned_data : (uint8_t *)(msg + 1);
    if (!owned_data && len > 0)
        memcpy(msg->data, data, len);
    msg->data_len = len;
    if (sab_tab_len == 0)
        msg->sab_tab = NULL;
    for (size_t i = 0; i < sab_tab_len; i++) {
        sf->sab_dup(sf->sab_opaque, sab_tab[i]);
        msg->sab_tab[i] = sab_tab[i];
    }
    msg->sab_tab_len = sab_tab_len;
    msg->transfer_tab = transfer_tab;
    msg->transfer_len = transfer_len;
    return msg;
}

void js_worker_message_free(JSWorkerMessage *msg)
{
    const JSSharedArrayBufferFunctions *sf = js_sab_functions();
    for (size_t i = 0; i < msg->sab_tab_len; i++)
        sf->sab_free(sf->sab_opaque, msg->sab_tab[i]);
    free(msg->sab_tab);
    if (msg->owns_data)
        free(msg->data);
    if (msg->transfer_tab)
        JS_FreeTransferredBuffers(msg->transfer_tab, msg->transfer_len);
    free(msg);
}
