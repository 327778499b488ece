/**
 * core/center: the only HTTP code of hisops. `protocol` is the shared, pure description of the
 * center's interface; `client` talks to a center (or the sandbox) over HTTP.
 */
export * from './protocol/index.js';
export * from './client/index.js';

/**
 * The sandbox center, loaded on demand: it brings better-sqlite3 with it, which the client does
 * not need (`hisops --help` and every other command stay fast).
 */
export function loadSandbox(): Promise<typeof import('./sandbox/index.js')> {
  return import('./sandbox/index.js');
}
export * from './health/index.js';
