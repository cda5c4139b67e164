// helper.js — imported relatively by the overrideCode tests.
export const answer = 42;
export function where() { return import.meta.url; }
