/**
 * `hisops settle calc` over many bills: several files, a folder (its bill files, sorted), NDJSON
 * files or NDJSON on stdin. Policies are loaded once; each bill gives one NDJSON line on stdout in
 * input order — the result (`ok: true`, the data of a single `--json` run plus `file` and `line`) or
 * the error (`ok: false`, code, message, fix, issues) — and the run goes on after a bad bill.
 * Explanations are built only with --explain. Output is written in chunks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Ctx } from '../cli/context.js';
import { EXIT, type HisopsError, inputError, isHisopsError, type ExitCode } from '../core/errors.js';
import type { Policy, SettleInput } from '../core/rules/index.js';

type Rules = typeof import('../core/rules/index.js');

/** A bill source: a bill file, an NDJSON file, or stdin (NDJSON). */
type BillSource = { kind: 'file'; file: string } | { kind: 'ndjson'; file: string } | { kind: 'stdin' };

const BILL_FILE = /\.(json|ya?ml|csv)$/i;
const NDJSON_FILE = /\.(ndjson|jsonl)$/i;

/** True when the arguments ask for more than the one-bill run. */
export function isBatch(ctx: Ctx, args: string[], ndjson: boolean): boolean {
  if (ndjson || args.length !== 1) return true;
  const a = args[0]!;
  if (a === '-' || NDJSON_FILE.test(a)) return true;
  try {
    return fs.statSync(path.resolve(ctx.cwd, a)).isDirectory();
  } catch {
    return false;
  }
}

/** The sources in the order given; a folder gives its bill files sorted by name. */
export function billSources(ctx: Ctx, args: string[], ndjson: boolean): BillSource[] {
  if (args.length === 0) {
    if (!ndjson)
      throw inputError(
        'BILL_UNREADABLE',
        'No bill named',
        'Name a bill file or folder, or pass `-` (or --ndjson) to read NDJSON bills from stdin.',
      ).zh('未指定账单', '请给出账单文件或文件夹，或用 `-`（或 --ndjson）从标准输入读取 NDJSON 账单。');
    return [{ kind: 'stdin' }];
  }
  const out: BillSource[] = [];
  for (const a of args) {
    if (a === '-') {
      out.push({ kind: 'stdin' });
      continue;
    }
    const file = path.resolve(ctx.cwd, a);
    let dir = false;
    try {
      dir = fs.statSync(file).isDirectory();
    } catch {
      // Unreadable: reported as that bill's error line.
    }
    if (!dir) {
      out.push({ kind: ndjson || NDJSON_FILE.test(file) ? 'ndjson' : 'file', file });
      continue;
    }
    const names = fs
      .readdirSync(file)
      .filter((n) => BILL_FILE.test(n) || NDJSON_FILE.test(n))
      .sort();
    for (const n of names) {
      const f = path.join(file, n);
      if (!fs.statSync(f).isFile()) continue;
      out.push({ kind: NDJSON_FILE.test(n) ? 'ndjson' : 'file', file: f });
    }
  }
  return out;
}

/**
 * Buffered writes to stdout; waits for 'drain' when the stream asks to. A Node stream (the
 * binary's stdout) gets the UTF-8 bytes of each line as it comes, written into a buffer that is
 * handed over a chunk at a time: the line's text is flattened and encoded while it is fresh,
 * rather than many lines joined into one string and encoded again. Other streams (tests') get text.
 */
class ChunkWriter {
  private buf = '';
  private bytes: Buffer | null;
  private at = 0;
  /** The stream asked to wait for 'drain' after a chunk. */
  private full = false;
  constructor(private readonly stream: Ctx['io']['stdout']) {
    this.bytes = stream instanceof Writable ? Buffer.allocUnsafe(BYTES) : null;
  }
  line(s: string): void {
    if (this.bytes === null) {
      this.buf += s + '\n';
      return;
    }
    // At most 3 bytes of UTF-8 per UTF-16 unit: room for that is made before the line is written.
    const b = this.at + 3 * s.length + 1 > this.bytes.length ? this.grow(3 * s.length + 1) : this.bytes;
    this.at += b.write(s, this.at);
    b[this.at++] = 10;
    if (this.at >= CHUNK) this.handOver();
  }
  /** Write out what is buffered once it is a chunk's worth, and wait if the stream asked to. */
  async drain(): Promise<void> {
    if (this.bytes === null && this.buf.length >= CHUNK) await this.flush();
    else if (this.full) await this.drained();
  }
  async flush(): Promise<void> {
    if (this.bytes !== null) {
      if (this.at > 0) this.handOver();
    } else if (this.buf) {
      const s = this.buf;
      this.buf = '';
      if (this.stream.write(s) === false) this.full = true;
    }
    if (this.full) await this.drained();
  }
  /** The bytes so far to the stream. */
  private handOver(): void {
    const b = this.bytes!;
    const end = this.at;
    this.at = 0;
    const st = this.stream as Writable;
    if (st.write(b.subarray(0, end)) === false) this.full = true;
    // Written at once (a file, as Node writes stdout to one): the same buffer serves again. Kept
    // until written (a pipe that is full, a slow reader): the next lines go after those bytes, or
    // to a new buffer when little is left.
    if (st.writableLength > 0) this.bytes = b.length - end >= BYTES / 4 ? b.subarray(end) : Buffer.allocUnsafe(BYTES);
  }
  private async drained(): Promise<void> {
    this.full = false;
    const st = this.stream as unknown as NodeJS.WritableStream;
    if (typeof st.once === 'function') await new Promise<void>((r) => st.once('drain', () => r()));
  }
  /** Room for `n` more bytes: what is held so far moves to a larger buffer. */
  private grow(n: number): Buffer {
    const b = Buffer.allocUnsafe(Math.max(BYTES, this.at + n));
    this.bytes!.copy(b, 0, 0, this.at);
    this.bytes = b;
    return b;
  }
}
const CHUNK = 1 << 16;
/** The buffer lines are written into, chunk after chunk. */
const BYTES = 1 << 20;

/**
 * The lines of a stream as readline splits them (at \n, \r\n or a lone \r; a last line without a
 * break counts), given to `each` a read chunk at a time: no promise per line, and `after` runs
 * once per chunk (the output is written out there).
 */
async function eachLine(
  input: NodeJS.ReadableStream,
  each: (text: string) => void,
  after: () => Promise<void>,
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  // The chunk before ended in \r: a \n that opens this one is the same line break.
  let crEnded = false;
  for await (const chunk of input) {
    let s = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (s === '') continue;
    if (crEnded && s.charCodeAt(0) === 10) s = s.slice(1);
    const text = rest + s;
    crEnded = text.charCodeAt(text.length - 1) === 13;
    // Without a \r the breaks are the \n alone: a split at a character, not at the pattern.
    const lines = text.indexOf('\r') !== -1 ? text.split(BREAK) : text.split('\n');
    rest = lines.pop()!;
    for (const l of lines) each(l);
    await after();
  }
  rest += decoder.end();
  if (rest !== '') each(rest);
  await after();
}
const BREAK = /\r\n|\r|\n/;

interface BatchSummary {
  bills: number;
  settled: number;
  failed: number;
  feeLines: number;
  exit: ExitCode;
}

export async function settleBatch(
  ctx: Ctx,
  rules: Rules,
  policies: Policy[],
  sources: BillSource[],
  o: { explain: boolean },
): Promise<BatchSummary> {
  const run = new BatchRun(ctx, rules, policies, o.explain);
  for (const s of sources) await run.read(s);
  return run.finish();
}

/** One batch: each bill read, settled and written as its line; the summary kept as it goes. */
class BatchRun {
  private readonly w: ChunkWriter;
  private readonly sum: BatchSummary = { bills: 0, settled: 0, failed: 0, feeLines: 0, exit: EXIT.ok };

  constructor(
    private readonly ctx: Ctx,
    private readonly rules: Rules,
    private readonly policies: Policy[],
    private readonly explain: boolean,
  ) {
    this.w = new ChunkWriter(ctx.io.stdout);
  }

  /** Every bill of one source, in order. */
  async read(s: BillSource): Promise<void> {
    const { ctx, rules, policies } = this;
    if (s.kind === 'stdin') {
      if (!ctx.io.stdin)
        throw inputError(
          'BILL_UNREADABLE',
          'No standard input to read bills from',
          'Pipe NDJSON bills in, or name bill files.',
        ).zh('没有可读取账单的标准输入', '请通过管道输入 NDJSON 账单，或给出账单文件。');
      await this.ndjsonLines(ctx.io.stdin, '<stdin>');
    } else if (s.kind === 'ndjson') {
      let input: fs.ReadStream;
      try {
        fs.accessSync(s.file, fs.constants.R_OK);
        input = fs.createReadStream(s.file, { encoding: 'utf8' });
      } catch {
        this.one(this.rel(s.file), 1, () => {
          throw unreadable(s.file);
        });
        return;
      }
      await this.ndjsonLines(input, this.rel(s.file));
    } else {
      const name = this.rel(s.file);
      this.one(name, 1, () => {
        let text: string;
        try {
          text = fs.readFileSync(s.file, 'utf8');
        } catch {
          throw unreadable(s.file);
        }
        return rules.parseBill(text, name, { policies });
      });
      await this.w.drain();
    }
  }

  async finish(): Promise<BatchSummary> {
    await this.w.flush();
    return this.sum;
  }

  private rel(f: string): string {
    return path.relative(this.ctx.cwd, f) || f;
  }

  /** One bill: its result line, or its error line (the run goes on; the exit code is the worst so far). */
  private one(file: string, line: number, parse: () => SettleInput): void {
    const sum = this.sum;
    sum.bills++;
    let rec: string;
    try {
      const bill = parse();
      const result = this.rules.settleBill(bill, this.policies, { explain: this.explain });
      // The text of JSON.stringify({ file, line, ok: true, ...resultToJson(result) }), built directly.
      rec = `{"file":${JSON.stringify(file)},"line":${line},"ok":true,${this.rules.resultJsonBody(result)}}`;
      sum.settled++;
      sum.feeLines += bill.lines.length;
    } catch (caught) {
      rec = JSON.stringify(errorRecord(caught, file, line));
      sum.failed++;
      const exit = isHisopsError(caught) ? caught.exit : EXIT.internal;
      if (sum.exit === EXIT.ok || (sum.exit === EXIT.usage && exit !== EXIT.usage)) sum.exit = exit;
    }
    this.w.line(rec);
  }

  private async ndjsonLines(input: NodeJS.ReadableStream, name: string): Promise<void> {
    let n = 0;
    await eachLine(
      input,
      (text) => {
        const at = ++n;
        if (!text.trim()) return;
        this.one(name, at, () => this.rules.parseBillLine(text, name, at, { policies: this.policies }));
      },
      () => this.w.drain(),
    );
  }
}

function unreadable(file: string): HisopsError {
  return inputError(
    'BILL_UNREADABLE',
    `Cannot read the bill ${file}`,
    'Check the path; a bill is JSON, YAML or CSV as described in docs/rules.md.',
  ).zh(`无法读取账单 ${file}`, '请检查路径；账单为 JSON、YAML 或 CSV 格式，见 docs/rules.md。');
}

/** The error line of a bill: for a bill file, the line of its first problem. */
function errorRecord(caught: unknown, file: string, line: number): Record<string, unknown> {
  if (!isHisopsError(caught))
    return {
      file,
      line,
      ok: false,
      code: 'INTERNAL',
      message: caught instanceof Error ? caught.message : String(caught),
    };
  const issues = caught.details['issues'] as { line: number | null }[] | undefined;
  const at = line === 1 && issues?.[0]?.line ? issues[0].line : line;
  return {
    file,
    line: at,
    ok: false,
    code: caught.code,
    message: caught.summary,
    fix: caught.fix ?? null,
    ...(issues ? { issues } : {}),
  };
}
