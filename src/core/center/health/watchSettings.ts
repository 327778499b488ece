/**
 * The thresholds of `hisops center watch` (`watch:` in hisops.yaml): p95 latency over a window of
 * recent probes, and consecutive failed probes.
 */
import { inputError } from '../../errors.js';
import { parseDuration } from '../../settle/stuckConfig.js';

export interface WatchSettings {
  /** Alert when the p95 latency of the window's probe calls exceeds this (ms). */
  p95Ms: number;
  /** Alert after this many probe rounds failed in a row. */
  failures: number;
  /** The window p95 is taken over (ms). */
  windowMs: number;
}

export const WATCH_DEFAULTS: WatchSettings = { p95Ms: 3000, failures: 3, windowMs: 5 * 60_000 };

function bad(field: string, v: unknown, fix: string, fixZh: string): never {
  throw inputError('WATCH_CONFIG', `watch.${field} in hisops.yaml is "${String(v)}", which is not usable`, fix).zh(
    `hisops.yaml 中的 watch.${field} 为 "${String(v)}"，无法使用`,
    fixZh,
  );
}

function positive(v: unknown, field: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    bad(field, v, `Write a positive number, e.g. watch: { ${field}: 3 }.`, `请写正数，例如 watch: { ${field}: 3 }。`);
  return n;
}

export function parseWatchSettings(section: unknown): WatchSettings {
  const o = (section ?? {}) as Record<string, unknown>;
  if (typeof o !== 'object' || Array.isArray(o))
    bad(
      '',
      section,
      'Write watch: { p95Ms: 3000, failures: 3, window: 5m }.',
      '请写成 watch: { p95Ms: 3000, failures: 3, window: 5m }。',
    );
  return {
    p95Ms: o['p95Ms'] === undefined ? WATCH_DEFAULTS.p95Ms : positive(o['p95Ms'], 'p95Ms'),
    failures: o['failures'] === undefined ? WATCH_DEFAULTS.failures : Math.round(positive(o['failures'], 'failures')),
    windowMs: o['window'] === undefined ? WATCH_DEFAULTS.windowMs : parseDuration(String(o['window']), 'watch.window'),
  };
}
