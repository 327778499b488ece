/**
 * The one chalk instance. Colour only on a TTY, never with --json, and off with NO_COLOR or
 * --no-color.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export function makeChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

export function colorEnabled(opts: { tty: boolean; json: boolean; noColorFlag: boolean; env: Record<string, string | undefined> }): boolean {
  if (!opts.tty || opts.json || opts.noColorFlag) return false;
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return false;
  if (opts.env.TERM === 'dumb') return false;
  return true;
}
