/**
 * Output for people and for scripts. With --json exactly one document goes to stdout (the
 * envelope); otherwise a command renders tables and lines through `Out`. Progress, logs and
 * warnings go to stderr.
 *
 * --quiet is one rule here, not in each command: only the verdict lines (`ok`, `bad`) reach
 * stdout; tables, key/value blocks, headings, notes and plain lines are dropped, so a cron job
 * mails a line or two (and its problems, on stderr) instead of its tables.
 */
import { createRequire } from 'node:module';
import type { Colors } from './color.js';
import { EXIT, HisopsError, type ErrorCode } from '../core/errors.js';
import type { OutStream } from './io.js';

const require = createRequire(import.meta.url);

export interface Envelope {
  ok: boolean;
  command: string;
  runId: string;
  data?: unknown;
  warnings?: string[];
  error?: ReturnType<HisopsError['toJSON']>;
  /** Exit 3: what needs attention (the data stays in `data`). */
  findings?: Findings;
}

export interface Findings {
  summary: string;
  count?: number;
}

/** The error a non-zero exit reports when the command did not name one. */
const FALLBACK: Record<number, { code: ErrorCode; summary: string; fix: string }> = {
  [EXIT.internal]: {
    code: 'INTERNAL',
    summary: 'The command failed (exit 1).',
    fix: 'This is a bug in hisops: report it with the command and `hisops --version`.',
  },
  [EXIT.usage]: {
    code: 'INPUT_INVALID',
    summary: 'The input or the configuration stopped the command (exit 2).',
    fix: 'Read data for what was wrong, correct it and run again.',
  },
  [EXIT.needsConfirmation]: {
    code: 'NEEDS_CONFIRMATION',
    summary: 'The command needs confirmation (exit 4).',
    fix: 'Read the plan and run again with --yes.',
  },
  [EXIT.external]: {
    code: 'EXTERNAL_FAILED',
    summary: 'An external system failed (exit 5).',
    fix: 'Retry later; run hisops doctor to see which system.',
  },
};

/**
 * The one rule of --json results: `ok` is true exactly when the exit code is 0. Exit 3 carries
 * `findings` (and the data); any other non-zero exit carries an `error` with code, summary and fix
 * (and the data, when the command produced some).
 */
export function resultEnvelope(r: {
  command: string;
  runId: string;
  exit: number;
  data?: unknown;
  warnings: string[];
  error?: HisopsError;
  findings?: Findings;
}): Envelope {
  const base = { command: r.command, runId: r.runId };
  if (r.exit === EXIT.ok) return { ok: true, ...base, data: r.data, warnings: r.warnings };
  if (r.exit === EXIT.findings) {
    return {
      ok: false,
      ...base,
      data: r.data,
      findings: r.findings ?? { summary: 'Done; findings need attention (exit 3).' },
      warnings: r.warnings,
    };
  }
  // The JSON envelope is English by contract; the Chinese words are there for text output.
  const error =
    r.error ??
    new HisopsError({ ...(FALLBACK[r.exit] ?? FALLBACK[EXIT.internal]!), exit: r.exit as never }).zh(
      `命令失败（退出码 ${r.exit}）`,
    );
  return {
    ok: false,
    ...base,
    ...(r.data === undefined ? {} : { data: r.data }),
    error: error.toJSON(),
    warnings: r.warnings,
  };
}

export interface TableOptions {
  align?: Array<'left' | 'right' | 'center'>;
  title?: string;
}

export interface Out {
  c: Colors;
  line(s?: string): void;
  heading(s: string): void;
  table(head: string[], rows: Array<Array<string | number | null | undefined>>, opts?: TableOptions): void;
  kv(rows: Array<[string, string | number | null | undefined]>): void;
  ok(s: string): void;
  bad(s: string): void;
  note(s: string): void;
  /** How many verdict lines (`ok`/`bad`) were written: under --quiet the caller adds one when none was. */
  verdicts(): number;
}

/** Tables wider than this go to a file or a pipe as one record per line instead. */
const PLAIN_TABLE_WIDTH = 120;

type TableCtor = new (opts: Record<string, unknown>) => { push(...rows: unknown[]): void; toString(): string };
let TableClass: TableCtor | undefined;

/**
 * Column widths that fit `maxWidth` terminal columns: narrow columns keep their natural width,
 * the wide ones share what is left and wrap. Undefined when the table fits as it is.
 */
function fitWidths(head: string[], rows: string[][], maxWidth: number): number[] | undefined {
  const natural = head.map(
    (h, i) =>
      Math.max(
        displayWidth(h),
        ...rows.map((r) =>
          Math.max(
            0,
            ...String(r[i] ?? '')
              .split('\n')
              .map(displayWidth),
          ),
        ),
      ) + 2,
  );
  const total = natural.reduce((a, b) => a + b, 0) + head.length + 1;
  if (total <= maxWidth) return undefined;
  const budget = maxWidth - head.length - 1;
  const widths = [...natural];
  let fixed = 0;
  const flexible: number[] = [];
  const share = budget / head.length;
  natural.forEach((w, i) => (w <= share ? (fixed += w) : flexible.push(i)));
  const each = Math.max(12, Math.floor((budget - fixed) / Math.max(1, flexible.length)));
  for (const i of flexible) widths[i] = Math.min(natural[i]!, each);
  return widths;
}

function renderTable(
  head: string[],
  rows: Array<Array<string | number | null | undefined>>,
  opts: TableOptions & { color: boolean; maxWidth?: number } = { color: false },
): string {
  TableClass ??= require('cli-table3') as TableCtor;
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
  const widths = opts.maxWidth ? fitWidths(head, cells, opts.maxWidth) : undefined;
  // Wrapped here rather than by cli-table3, which cuts a Chinese run or a long token with "…":
  // every character stays, breaking at spaces, between CJK characters, or inside a long token.
  const shown = widths ? cells.map((r) => r.map((v, i) => wrapCell(v, (widths[i] ?? 14) - 2))) : cells;
  const t = new TableClass({
    head,
    style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: false },
    ...(opts.align ? { colAligns: opts.align } : {}),
    ...(widths ? { colWidths: widths, wordWrap: false } : { wordWrap: false }),
  });
  for (const r of shown) t.push(r);
  return (opts.title ? opts.title + '\n' : '') + t.toString();
}

/** A cell's text in lines of at most `width` terminal columns (CJK two wide); nothing is dropped. */
function wrapCell(text: string, width: number): string {
  const w = Math.max(4, width);
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let cur = '';
    let curW = 0;
    const chunks = line.match(/\s+|[\u2E80-\uFFFF]|[^\s\u2E80-\uFFFF]+/g) ?? [''];
    for (let chunk of chunks) {
      if (/^\s+$/.test(chunk)) {
        if (cur !== '' && curW + 1 <= w) {
          cur += ' ';
          curW += 1;
        }
        continue;
      }
      // A token wider than a whole line is cut into pieces that fit.
      while (displayWidth(chunk) > w) {
        if (cur.trim() !== '') out.push(cur.trimEnd());
        let piece = '';
        for (const ch of chunk) {
          if (displayWidth(piece + ch) > w) break;
          piece += ch;
        }
        out.push(piece);
        chunk = chunk.slice(piece.length);
        cur = '';
        curW = 0;
      }
      const cw = displayWidth(chunk);
      if (curW + cw > w && cur.trim() !== '') {
        out.push(cur.trimEnd());
        cur = '';
        curW = 0;
      }
      cur += chunk;
      curW += cw;
    }
    out.push(cur.trimEnd());
  }
  return out.join('\n');
}

/** The width a table takes when drawn with borders and no wrapping. */
function tableWidth(head: string[], rows: Array<Array<string | number | null | undefined>>): number {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
  const natural = head.map(
    (h, i) =>
      Math.max(
        displayWidth(h),
        ...cells.map((r) =>
          Math.max(
            0,
            ...String(r[i] ?? '')
              .split('\n')
              .map(displayWidth),
          ),
        ),
      ) + 2,
  );
  return natural.reduce((a, b) => a + b, 0) + head.length + 1;
}

/**
 * A table as plain lines, one record per line (`key: value · key: value`); empty cells are left
 * out, and a cell of a column without a header stands alone. For files and pipes, where a 300-column grid is unreadable and wrapping would split values.
 */
export function plainRows(
  head: string[],
  rows: Array<Array<string | number | null | undefined>>,
  title?: string,
): string {
  const lines = rows.map((r) =>
    head
      .map((h, i) => [h, r[i] === null || r[i] === undefined ? '' : String(r[i]).replace(/\s*\n\s*/g, ' ')] as const)
      .filter(([, v]) => v !== '')
      // A column without a header (e.g. the HIS / center labels of a side-by-side row) shows its value alone.
      .map(([h, v]) => (h ? `${h}: ${v}` : v))
      .join(' · '),
  );
  return [...(title ? [title] : []), ...lines].join('\n');
}

export function makeOut(stream: OutStream, c: Colors, color: boolean, opts: { quiet?: boolean } = {}): Out {
  const w = (s: string) => stream.write(s + '\n');
  const quiet = !!opts.quiet;
  const say = (f: (s: string) => void) => (quiet ? () => undefined : f);
  let verdicts = 0;
  return {
    c,
    line: say((s = '') => w(s)),
    heading: say((s) => w(c.bold(s))),
    table: (head, rows, o) => {
      if (quiet) return;
      // On a terminal: the grid, wrapped to its width. A file or a pipe: the grid when it is
      // narrow enough to read, otherwise one record per line (whole values, grep-able).
      if (stream.isTTY)
        return w(renderTable(head, rows, { ...o, color, maxWidth: stream.columns || PLAIN_TABLE_WIDTH }));
      if (tableWidth(head, rows) > PLAIN_TABLE_WIDTH) return w(plainRows(head, rows, o?.title));
      w(renderTable(head, rows, { ...o, color }));
    },
    kv: (rows) => {
      if (quiet) return;
      const width = Math.max(0, ...rows.map(([k]) => displayWidth(k)));
      for (const [k, v] of rows) w(`${k}${' '.repeat(width - displayWidth(k))}  ${v ?? ''}`);
    },
    ok: (s) => {
      verdicts++;
      w(`${c.green('✓')} ${s}`);
    },
    bad: (s) => {
      verdicts++;
      w(`${c.red('✗')} ${s}`);
    },
    note: say((s) => w(c.dim(s))),
    verdicts: () => verdicts,
  };
}

/** Terminal columns a string takes: CJK characters are two wide. */
export function displayWidth(s: string): number {
  let n = 0;
  for (const ch of s)
    n += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch)
      ? 2
      : 1;
  return n;
}
