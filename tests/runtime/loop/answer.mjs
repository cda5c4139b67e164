// a module for loop_modules.mjs: imported through engine.importModule
import * as engine from "quickjs:engine";
export const value = 42;
export const isMain = engine.isMainModule();
export const sawMainFromHere = engine.isMainModule("../loop_modules.mjs");
