/*
 * error.h — throwing exceptions, building error objects and backtraces.
 *
 * Errors propagate as return values: a function that fails sets the
 * runtime's pending exception and returns JS_EXCEPTION (or -1 / NULL where
 * it returns a status or a pointer).
 */
#ifndef WEFT_ERROR_H
#define WEFT_ERROR_H

#include "internal.h"

/* error_class: JS_NATIVE_ERROR_* or JS_PLAIN_ERROR */
JSValue __attribute__((format(printf, 3, 4)))
js_throw_error(JSContext *ctx, int error_class, const char *fmt, ...);
JSValue js_throw_error_va(JSContext *ctx, int error_class, const char *fmt, va_list ap);
/* fmt contains one %s, replaced by the atom's text */
JSValue js_throw_type_error_atom(JSContext *ctx, const char *fmt, JSAtom atom);
JSValue js_throw_syntax_error_atom(JSContext *ctx, const char *fmt, JSAtom atom);
JSValue js_throw_reference_error_not_defined(JSContext *ctx, JSAtom name);
JSValue js_throw_reference_error_tdz(JSContext *ctx, JSAtom name);
JSValue js_throw_type_error_not_object(JSContext *ctx);
JSValue js_throw_type_error_not_function(JSContext *ctx);
/* For [[Set]]/[[DefineOwnProperty]] failures: throws when flags ask for it
   (JS_PROP_THROW, or JS_PROP_THROW_STRICT in strict code) and returns -1,
   else returns 0 (the "false" result). fmt may contain one %s (atom). */
int js_throw_type_error_or_false(JSContext *ctx, int flags, const char *fmt, JSAtom atom);
/* true when the running code is strict (for JS_PROP_THROW_STRICT) */
bool js_is_strict_mode(JSContext *ctx);

/* a new error object of the class with a message (and a stack) */
JSValue js_new_error(JSContext *ctx, int error_class, JSValueConst message);
/* the "    at f (file:line:col)" lines of the current stack as a string,
   skipping the first `skip` frames */
JSValue js_build_backtrace(JSContext *ctx, int skip);
/* captures the stack of an error object (JS_CLASS_ERROR) into its
   [[ErrorData]] slot: "Name: message" + backtrace */
int js_error_set_stack(JSContext *ctx, JSValueConst error, int skip);
/* replaces the captured stack string of an error object (frees stack;
   does nothing else when `error` is not one) */
void js_error_store_stack(JSContext *ctx, JSValueConst error, JSValue stack);

/* "TypeError", "RangeError", ... (JS_PLAIN_ERROR: "Error") */
const char *js_native_error_name(int error_class);

/* sets the pending exception to an "interrupted" uncatchable error */
JSValue js_throw_interrupted(JSContext *ctx);

#endif /* WEFT_ERROR_H */
