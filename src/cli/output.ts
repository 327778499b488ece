/**
 * Output for people and for scripts. With --json exactly one document goes to stdout (the
 * envelope); otherwise a command renders tables and lines through `Out`. Progress, logs and
 * warnings go to stderr.
 */
import { createRequire } from 'node:module';
import type { ChalkInstance } from 'chalk';
import type { HisopsError } from '../core/errors.js';
import type { OutStream } from './io.js';

const require = createRequire(import.meta.url);

export interface Envelope {
  ok: boolean;
  command: string;
  runId: string;
  data?: unknown;
  warnings?: string[];
  error?: ReturnType<HisopsError['toJSON']>;
}

export interface TableOptions {
  align?: Array<'left' | 'right' | 'center'>;
  title?: string;
}

export interface Out {
  c: ChalkInstance;
  line(s?: string): void;
  heading(s: string): void;
  table(head: string[], rows: Array<Array<string | number | null | undefined>>, opts?: TableOptions): void;
  kv(rows: Array<[string, string | number | null | undefined]>): void;
  ok(s: string): void;
  bad(s: string): void;
  note(s: string): void;
}

type TableCtor = new (opts: Record<string, unknown>) => { push(...rows: unknown[]): void; toString(): string };
let TableClass: TableCtor | undefined;

export function renderTable(head: string[], rows: Array<Array<string | number | null | undefined>>, opts: TableOptions & { color: boolean } = { color: false }): string {
  TableClass ??= require('cli-table3') as TableCtor;
  const t = new TableClass({
    head,
    style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: false },
    ...(opts.align ? { colAligns: opts.align } : {}),
    wordWrap: false,
  });
  for (const r of rows) t.push(r.map((v) => (v === null || v === undefined ? '' : String(v))));
  return (opts.title ? opts.title + '\n' : '') + t.toString();
}

export function makeOut(stream: OutStream, c: ChalkInstance, color: boolean): Out {
  const w = (s: string) => stream.write(s + '\n');
  return {
    c,
    line: (s = '') => w(s),
    heading: (s) => w(c.bold(s)),
    table: (head, rows, opts) => w(renderTable(head, rows, { ...opts, color })),
    kv: (rows) => {
      const width = Math.max(0, ...rows.map(([k]) => displayWidth(k)));
      for (const [k, v] of rows) w(`${k}${' '.repeat(width - displayWidth(k))}  ${v ?? ''}`);
    },
    ok: (s) => w(`${c.green('✓')} ${s}`),
    bad: (s) => w(`${c.red('✗')} ${s}`),
    note: (s) => w(c.dim(s)),
  };
}

/** Terminal columns a string takes: CJK characters are two wide. */
export function displayWidth(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return n;
}
