/*
 * worker_pipe.h — the message pipes between a worker and its parent
 * (private to src/runtime; worker_pipe.c).
 *
 * Each worker has two pipes, one per direction. A JSWorkerMessagePipe is
 * shared by the two threads (each holds a reference): an intrusive queue
 * of JSWorkerMessage under a mutex, plus an OS pipe() used only to wake
 * the reader's poll(2). The invariant, kept under the mutex: the OS pipe
 * holds one byte exactly when the queue is not empty. The writer writes
 * the byte when it queues on an empty queue; the reader reads it back
 * when it takes the last message. Message data never goes through the OS
 * pipe, and a reader that dispatches many messages costs no syscall per
 * message.
 */
#ifndef WEFT_WORKER_PIPE_H
#define WEFT_WORKER_PIPE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "list.h"
#include "weft.h"

typedef enum JSWorkerMessageKind {
    JS_WORKER_MSG_DATA,  /* postMessage: delivered to onmessage */
    JS_WORKER_MSG_ERROR, /* an uncaught error of the worker: to onerror */
} JSWorkerMessageKind;

/* a posted value, serialized by the sender and owned by the queue until
   the reader takes it; everything in it is malloc()ed, so it can be freed
   on either thread */
typedef struct JSWorkerMessage {
    struct list_head link;
    JSWorkerMessageKind kind;
    uint8_t *data; /* the JS_WriteObject bytes */
    size_t data_len;
    bool owns_data; /* data is a malloc() block of its own (else inline) */
    uint8_t **sab_tab; /* SAB blocks the data refers to, one reference each */
    size_t sab_tab_len;
    JSTransferredBuffer *transfer_tab; /* ArrayBuffers moved by transferList */
    size_t transfer_len;
} JSWorkerMessage;

typedef struct JSWorkerMessagePipe {
    int ref_count; /* atomic: both threads hold a reference */
    pthread_mutex_t mutex;
    struct list_head msg_queue; /* JSWorkerMessage.link, oldest first */
    int error_count;            /* JS_WORKER_MSG_ERROR messages in the queue */
    int read_fd;                /* wake-up only: readable <=> queue not empty */
    int write_fd;
} JSWorkerMessagePipe;

/* a pipe with one reference, or NULL (out of memory or file descriptors) */
JSWorkerMessagePipe *js_worker_pipe_new(void);
JSWorkerMessagePipe *js_worker_pipe_dup(JSWorkerMessagePipe *p);
/* drops a reference; the last one frees the messages still queued */
void js_worker_pipe_free(JSWorkerMessagePipe *p);

/* queues msg (the pipe owns it now); returns true when msg is an error
   and the queue held no other error (the reader may need to be told) */
bool js_worker_pipe_post(JSWorkerMessagePipe *p, JSWorkerMessage *msg);
/* takes the oldest message, or with errors_only the oldest error; NULL
   when there is none */
JSWorkerMessage *js_worker_pipe_take(JSWorkerMessagePipe *p, bool errors_only);

/* a message over the serializer's output: the data (len bytes; taken as
   is when owned_data is a malloc() block, else copied) and a copy of the
   SAB table (each block dup'ed through js_sab_functions). transfer_tab
   (malloc()ed, may be NULL) is taken as is. NULL when out of memory
   (owned_data and transfer_tab are freed then). */
JSWorkerMessage *js_worker_message_new(JSWorkerMessageKind kind, const uint8_t *data, size_t len,
                                       uint8_t *owned_data, uint8_t **sab_tab, size_t sab_tab_len,
                                       JSTransferredBuffer *transfer_tab, size_t transfer_len);
/* frees msg with the buffers the reader did not take and the SAB
   references it holds */
void js_worker_message_free(JSWorkerMessage *msg);

#endif /* WEFT_WORKER_PIPE_H */
