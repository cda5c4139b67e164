// top-level await: importers wait for this module
export let ready = false;
await Promise.resolve();
await null;
ready = true;
