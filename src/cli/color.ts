/**
 * The one chalk instance. Colour only on a TTY, never with --json, and off with NO_COLOR or
 * --no-color.
 */
import type { ChalkInstance } from 'chalk';

/** Loaded when a command runs, not at start-up: `hisops --help` does not need colour. */
export async function makeChalk(enabled: boolean): Promise<ChalkInstance> {
  const { Chalk } = await import('chalk');
  return new Chalk({ level: enabled ? 1 : 0 });
}

export function colorEnabled(opts: {
  tty: boolean;
  json: boolean;
  noColorFlag: boolean;
  env: Record<string, string | undefined>;
}): boolean {
  if (!opts.tty || opts.json || opts.noColorFlag) return false;
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return false;
  if (opts.env.TERM === 'dumb') return false;
  return true;
}
