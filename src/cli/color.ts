/**
 * Colour of human output: chalk, only on a TTY, never with --json, and off with NO_COLOR or
 * --no-color.
 */

/** The styles hisops writes with (one style per call). */
export interface Colors {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/**
 * Without colour every style gives its text back, as chalk does at level 0; chalk itself is then
 * not loaded (its four modules were ~15 ms of every start whose output is a file or a pipe, such
 * as a batch `settle calc > results.ndjson`).
 */
const PLAIN: Colors = { red: String, green: String, yellow: String, dim: String, bold: String };

/** Loaded when a command runs with colour, not at start-up: `hisops --help` does not need it. */
export async function makeChalk(enabled: boolean): Promise<Colors> {
  if (!enabled) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
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
