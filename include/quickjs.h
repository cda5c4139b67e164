/*
 * quickjs.h — lets embedding code written for the QuickJS family compile
 * against Weft unchanged, for the part of the API Weft covers: the names,
 * argument orders and ownership rules of include/weft.h are QuickJS's
 * (JS_NewClassID takes the runtime, as in quickjs-ng).
 */
#ifndef WEFT_QUICKJS_H
#define WEFT_QUICKJS_H

#include "weft.h"

#endif /* WEFT_QUICKJS_H */
