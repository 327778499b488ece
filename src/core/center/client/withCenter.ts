/** Scoped use of the center: open, run, always close the HTTP agent. */
import type { CenterConfig } from './config.js';
import { Center } from './center.js';
import type { CenterDeps } from './centerClient.js';

export function openCenter(config: CenterConfig, deps: CenterDeps = {}): Center {
  return new Center(config, deps);
}

export async function withCenter<T>(config: CenterConfig, fn: (center: Center) => Promise<T>): Promise<T>;
export async function withCenter<T>(
  config: CenterConfig,
  deps: CenterDeps,
  fn: (center: Center) => Promise<T>,
): Promise<T>;
export async function withCenter<T>(
  config: CenterConfig,
  a: CenterDeps | ((center: Center) => Promise<T>),
  b?: (center: Center) => Promise<T>,
): Promise<T> {
  const deps = typeof a === 'function' ? {} : a;
  const fn = typeof a === 'function' ? a : b!;
  const center = openCenter(config, deps);
  try {
    return await fn(center);
  } finally {
    await center.close();
  }
}
