/*
 * serialize.h — the value serialization format shared by the writer
 * (serialize_write.c: JS_WriteObject, JS_WriteObject2,
 * JS_WriteObjectTransfer) and the reader (serialize_read.c: JS_ReadObject,
 * JS_ReadObjectTransfer). docs/SERIALIZATION.md describes the format for
 * readers of the bytes; this header is its single definition in code.
 *
 * A stream is one version byte (JS_SER_VERSION) followed by one value.
 * A value is a tag byte and the tag's payload. Unsigned integers (lengths,
 * counts, indexes, offsets) are LEB128, int32 values zigzag LEB128, doubles
 * 8 bytes little-endian. Objects are numbered in the order the writer
 * starts them (the reader numbers them at the same point), so a later
 * occurrence of the same object can be a JS_SER_TAG_OBJECT_REF to that
 * number when JS_WRITE_OBJ_REFERENCE is given: shared references and
 * cycles survive. Property keys are numbered too (per stream): the first
 * occurrence of a key is its string, later ones JS_SER_TAG_KEY_REF.
 */
#ifndef WEFT_SERIALIZE_H
#define WEFT_SERIALIZE_H

#include "internal.h"

/* bump on any incompatible change of the format */
#define JS_SER_VERSION 1

typedef enum JSSerTag {
    JS_SER_TAG_INVALID = 0,
    /* primitives */
    JS_SER_TAG_UNDEFINED = 1,
    JS_SER_TAG_NULL = 2,
    JS_SER_TAG_FALSE = 3,
    JS_SER_TAG_TRUE = 4,
    JS_SER_TAG_INT32 = 5,    /* zigzag LEB128 */
    JS_SER_TAG_FLOAT64 = 6,  /* 8 bytes LE (-0, NaN, non-int32 values) */
    JS_SER_TAG_STRING8 = 7,  /* length, Latin-1 bytes */
    JS_SER_TAG_STRING16 = 8, /* length, UTF-16 units LE (lone surrogates kept) */
    JS_SER_TAG_BIGINT = 9,   /* limb count * 2 + sign, 32-bit limbs LE, low first */
    /* references and structure */
    JS_SER_TAG_OBJECT_REF = 10, /* object number */
    JS_SER_TAG_KEY_REF = 11,    /* key number (only where a key is expected) */
    JS_SER_TAG_END = 12,        /* ends a property list */
    JS_SER_TAG_HOLE = 13,       /* a missing element in an array's dense part */
    /* objects */
    JS_SER_TAG_OBJECT = 16,              /* properties, END */
    JS_SER_TAG_ARRAY = 17,               /* length, dense count, dense values, properties, END */
    JS_SER_TAG_NUMBER_OBJECT = 18,       /* double */
    JS_SER_TAG_STRING_OBJECT = 19,       /* string value */
    JS_SER_TAG_BOOLEAN_OBJECT = 20,      /* byte 0 / 1 */
    JS_SER_TAG_BIGINT_OBJECT = 21,       /* bigint value */
    JS_SER_TAG_DATE = 22,                /* double (time value) */
    JS_SER_TAG_REGEXP = 23,              /* source string, flags string */
    JS_SER_TAG_MAP = 24,                 /* count, key value pairs */
    JS_SER_TAG_SET = 25,                 /* count, values */
    JS_SER_TAG_ERROR = 26,               /* class, field bits, fields */
    JS_SER_TAG_ARRAY_BUFFER = 27,        /* flags, length, [max length], bytes */
    JS_SER_TAG_SHARED_ARRAY_BUFFER = 28, /* flags, 8-byte block pointer, length, [max length] */
    JS_SER_TAG_TRANSFERRED_BUFFER = 29,  /* flags, transfer index, [max length] */
    JS_SER_TAG_TYPED_ARRAY = 30,         /* kind, flags, offset, [length], buffer value */
    JS_SER_TAG_DATAVIEW = 31,            /* flags, offset, [length], buffer value */
    JS_SER_TAG_COUNT
} JSSerTag;

/* flags of buffers */
#define JS_SER_BUFFER_RESIZABLE 1 /* resizable / growable: a max length follows */
/* flags of views */
#define JS_SER_VIEW_TRACKING 1 /* the length follows the (resizable) buffer */

/* JS_SER_TAG_ERROR: the class byte */
typedef enum JSSerErrorClass {
    JS_SER_ERROR_PLAIN = 0, /* Error */
    JS_SER_ERROR_EVAL,
    JS_SER_ERROR_RANGE,
    JS_SER_ERROR_REFERENCE,
    JS_SER_ERROR_SYNTAX,
    JS_SER_ERROR_TYPE,
    JS_SER_ERROR_URI,
    JS_SER_ERROR_AGGREGATE,
    JS_SER_ERROR_INTERNAL,
    JS_SER_ERROR_COUNT
} JSSerErrorClass;

/* JS_SER_TAG_ERROR: the fields present, written in this order */
#define JS_SER_ERROR_HAS_NAME 1    /* a string that differs from the class name */
#define JS_SER_ERROR_HAS_MESSAGE 2 /* a string */
#define JS_SER_ERROR_HAS_STACK 4   /* a string */
#define JS_SER_ERROR_HAS_CAUSE 8   /* any value */
#define JS_SER_ERROR_HAS_ERRORS 16 /* any value (AggregateError.errors) */
#define JS_SER_ERROR_FIELDS 31

/* the engine's error class (JS_NATIVE_ERROR_* or JS_PLAIN_ERROR) of a
   JS_SER_ERROR_* (the format keeps its own numbering, independent of the
   engine's enum) */
static inline int js_ser_error_class_to_native(int ser_class)
{
    static const uint8_t tab[JS_SER_ERROR_COUNT] = {
        [JS_SER_ERROR_PLAIN] = JS_PLAIN_ERROR,
        [JS_SER_ERROR_EVAL] = JS_NATIVE_ERROR_EVAL,
        [JS_SER_ERROR_RANGE] = JS_NATIVE_ERROR_RANGE,
        [JS_SER_ERROR_REFERENCE] = JS_NATIVE_ERROR_REFERENCE,
        [JS_SER_ERROR_SYNTAX] = JS_NATIVE_ERROR_SYNTAX,
        [JS_SER_ERROR_TYPE] = JS_NATIVE_ERROR_TYPE,
        [JS_SER_ERROR_URI] = JS_NATIVE_ERROR_URI,
        [JS_SER_ERROR_AGGREGATE] = JS_NATIVE_ERROR_AGGREGATE,
        [JS_SER_ERROR_INTERNAL] = JS_NATIVE_ERROR_INTERNAL,
    };
    return tab[ser_class];
}

static inline int js_ser_error_class_from_native(int native_class)
{
    for (int i = 0; i < JS_SER_ERROR_COUNT; i++) {
        if (js_ser_error_class_to_native(i) == native_class)
            return i;
    }
    return JS_SER_ERROR_PLAIN;
}

/* little-endian helpers (the format is little-endian on every host) */
static inline uint64_t js_ser_get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static inline void js_ser_put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

#endif /* WEFT_SERIALIZE_H */
