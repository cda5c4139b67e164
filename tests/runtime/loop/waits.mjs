// a module whose top-level await needs a timer: engine.importModule cannot
// finish it
import { sleepAsync } from "quickjs:timers";
await sleepAsync(1);
export const done = true;
