// a cycle: cycle_b imports this module back; the hoisted function is
// callable from cycle_b before this module's body runs
import { fromB } from "./cycle_b.mjs";
export function fromA() { return "A"; }
export const seenByA = fromB();
