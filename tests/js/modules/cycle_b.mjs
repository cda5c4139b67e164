import { fromA } from "./cycle_a.mjs";
export function fromB() { return "B"; }
export const seenByB = fromA();
