/**
 * Bundled in place of the `whatwg-url` package: node-fetch 2 (used by jsforce) takes Node's own URL
 * when it exists (`Url.URL || whatwgUrl.URL`), which it always does on Node 22, so the package's
 * 280 KB of Unicode tables would only cost cold-start time.
 */
export const URL = globalThis.URL;
