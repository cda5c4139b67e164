// a module with live bindings, a hoisted function and a default export
export let count = 0;
export function increment() { count++; return count; }
export default function () { return "the default"; }
export const label = "counter";
export { count as "string name" };
