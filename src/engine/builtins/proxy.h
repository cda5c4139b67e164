/*
 * proxy.h (builtins) — Proxy exotic objects (ECMA-262 §10.5): what the core
 * needs to see of them.
 *
 * Most internal methods of a proxy reach proxy.c through the class's
 * exotic hooks (get, set, has, delete, define, get own property) and its
 * call hook ([[Call]] / [[Construct]]). The methods below have no hook:
 * object.c and function.c call them when they meet an object of class
 * JS_CLASS_PROXY. Every one of them runs user code (the handler's traps)
 * and fails with a TypeError on a revoked proxy.
 */
#ifndef WEFT_BUILTINS_PROXY_H
#define WEFT_BUILTINS_PROXY_H

#include "../internal.h"

/* the Proxy constructor in a new context, and the class hooks (runtime) */
int js_init_proxy(JSContext *ctx);
void js_proxy_init_classes(JSRuntime *rt);

/* whether the proxy has a [[Call]] method: exactly when its target had one
   at creation (revocation does not change it) */
bool js_proxy_is_callable(const JSObject *p);

/* [[GetPrototypeOf]]: an object, JS_NULL or JS_EXCEPTION */
JSValue js_proxy_get_prototype(JSContext *ctx, JSObject *p);
/* [[SetPrototypeOf]]: -1 exception, 0 refused, 1 done */
int js_proxy_set_prototype(JSContext *ctx, JSObject *p, JSValueConst proto);
/* [[IsExtensible]] and [[PreventExtensions]]: -1, 0, 1 */
int js_proxy_is_extensible(JSContext *ctx, JSObject *p);
int js_proxy_prevent_extensions(JSContext *ctx, JSObject *p);
/* [[OwnPropertyKeys]] filtered by JS_GPN_* flags, in the trap's order (not
   re-sorted); with JS_GPN_ENUM_ONLY each key's enumerability is read with
   the proxy's [[GetOwnProperty]] */
int js_proxy_own_keys(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen, JSObject *p,
                      int flags);

/* IsArray(proxy): -1 (TypeError) when a proxy on the way is revoked */
int js_proxy_is_array(JSContext *ctx, JSObject *p);
/* the proxy's target (borrowed), or JS_EXCEPTION with a TypeError when the
   proxy is revoked (GetFunctionRealm) */
JSValue js_proxy_target_or_throw(JSContext *ctx, JSObject *p);

#endif /* WEFT_BUILTINS_PROXY_H */
