// re-exports of every form
export * from "./counter.mjs";
export * as counterNs from "./counter.mjs";
export { label as renamed, default as counterDefault } from "./counter.mjs";
