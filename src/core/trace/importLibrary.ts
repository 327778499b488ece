/**
 * `trace library import FILE` and `trace library download`: read the four-code library from a
 * file (CSV, xlsx, delimited TXT; UTF-8 or GBK) or page it from the center (ZSMCJ003, field names
 * from `trace.library`), check every entry, compare with the current library, and — with
 * `apply` — replace it whole as a new version. Any bad row stops the import with every problem
 * named (file, line, field, fix); nothing is written.
 */
import path from 'node:path';
import { withCenter, type CenterConfig, type CenterDeps, type Output } from '../center/index.js';
import { EXIT, externalError } from '../errors.js';
import type { Journal } from '../journal/index.js';
import type { EncodingChoice } from '../catalog/read/encoding.js';
import { issue, issuesError, type FileIssue } from './fileIssues.js';
import {
  entryKey,
  libraryEntry,
  libraryLayout,
  missingLibraryColumns,
  sameEntry,
  LIBRARY_FIELDS,
  type LibraryEntry,
  type LibraryLayout,
} from './libraryRow.js';
import type { LibraryDownloadSettings } from './librarySettings.js';
import {
  currentLibraryVersion,
  diffLibrary,
  replaceLibrary,
  type LibraryDiff,
  type LibraryVersion,
} from './libraryStore.js';
import { tableBatches, type TableRow } from './readTableFile.js';

type JournalLike = Pick<Journal, 'ensure' | 'knex'>;

export interface LibraryImportResult {
  /** `file`, or the transaction the library was downloaded with. */
  source: string;
  /** The file (as given), or the center's URL. */
  origin: string;
  apply: boolean;
  /** Data rows read (file) or entries received (download). */
  rows: number;
  entries: number;
  prefixes: number;
  /** Rows repeating an earlier row word for word (kept once). */
  repeated: number;
  /** Pages asked for (download). */
  pages?: number;
  diff: LibraryDiff;
  /** The library before this import. */
  before: LibraryVersion | null;
  /** The version written (apply). */
  version: LibraryVersion | null;
}

/** At most this many problems are collected: a wholly wrong file does not need a million lines of them. */
const MAX_ISSUES = 1000;

/** Entries from rows, with repeats merged and conflicting repeats reported. */
class EntryCollector {
  readonly entries = new Map<string, { entry: LibraryEntry; line: number }>();
  readonly issues: FileIssue[] = [];
  rows = 0;
  repeated = 0;

  add(cells: readonly string[], layout: LibraryLayout, file: string, line: number): void {
    const r = libraryEntry(cells, layout, file, line);
    if (!r.entry && !r.issues.length) return;
    this.rows++;
    if (r.issues.length) {
      if (this.issues.length < MAX_ISSUES) this.issues.push(...r.issues);
      return;
    }
    const e = r.entry!;
    const k = entryKey(e);
    const prior = this.entries.get(k);
    if (!prior) this.entries.set(k, { entry: e, line });
    else if (sameEntry(prior.entry, e)) this.repeated++;
    else if (this.issues.length < MAX_ISSUES) {
      const differs = LIBRARY_FIELDS.filter((f) => (prior.entry[f] ?? null) !== (e[f] ?? null));
      this.issues.push(
        issue(
          file,
          line,
          differs[0],
          [
            `product code ${e.trac_prefix} with ${e.med_list_codg} is on line ${prior.line} already, with other ${differs.join(', ')}`,
            'Keep one of the two rows.',
          ],
          [
            `药品标识码 ${e.trac_prefix} 与 ${e.med_list_codg} 已在第 ${prior.line} 行出现，但 ${differs.join('、')} 不同`,
            '请保留其中一行。',
          ],
        ),
      );
    }
  }

  list(): LibraryEntry[] {
    return [...this.entries.values()].map((x) => x.entry);
  }
}

const WHAT = { en: 'The four-code library', zh: '四码合一库' };

async function finish(
  journal: JournalLike,
  c: EntryCollector,
  o: { source: string; origin: string; apply: boolean; runId: string | null; now: Date; pages?: number },
): Promise<LibraryImportResult> {
  const entries = c.list();
  const before = await currentLibraryVersion(journal);
  const diff = await diffLibrary(journal, entries);
  const version = o.apply
    ? await replaceLibrary(journal, entries, {
        source: o.source,
        origin: o.origin,
        diff,
        at: o.now.toISOString(),
        runId: o.runId,
      })
    : null;
  return {
    source: o.source,
    origin: o.origin,
    apply: o.apply,
    rows: c.rows,
    entries: entries.length,
    prefixes: new Set(entries.map((e) => e.trac_prefix)).size,
    repeated: c.repeated,
    ...(o.pages !== undefined ? { pages: o.pages } : {}),
    diff,
    before,
    version,
  };
}

function missingColumn(file: string, line: number, f: string): FileIssue {
  const zhName = f === 'trac_prefix' ? '药品标识码' : '医保编码';
  return issue(
    file,
    line,
    f,
    [
      `the header has no ${f} column (${zhName})`,
      `Name the column ${f} or ${zhName} (docs/trace.md lists the accepted names).`,
    ],
    [`表头中没有 ${f} 列（${zhName}）`, `请把该列命名为 ${f} 或 ${zhName}（可用的列名见 docs/trace.md）。`],
  );
}

export interface LibraryImportOptions {
  journal: JournalLike;
  /** The file to read. */
  file: string;
  /** How to name it in messages (default: its base name). */
  shown?: string;
  encoding?: EncodingChoice;
  apply: boolean;
  runId: string | null;
  now: Date;
}

export async function importLibrary(o: LibraryImportOptions): Promise<LibraryImportResult> {
  const shown = o.shown ?? path.basename(o.file);
  const { batches, issues } = await tableBatches(o.file, { encoding: o.encoding });
  const c = new EntryCollector();
  let header: TableRow | undefined;
  let layout: LibraryLayout = {};
  for await (const batch of batches) {
    for (const r of batch) {
      if (!header) {
        if (r.cells.every((x) => x.trim() === '')) continue;
        header = r;
        layout = libraryLayout(r.cells);
        const missing = missingLibraryColumns(layout);
        if (missing.length)
          throw issuesError(
            'TRACE_LIBRARY_FILE',
            WHAT,
            missing.map((f) => missingColumn(shown, r.line, f)),
          );
        continue;
      }
      c.add(r.cells, layout, shown, r.line);
    }
  }
  if (issues.length) throw issuesError('TRACE_LIBRARY_FILE', WHAT, issues);
  if (!header)
    throw issuesError('TRACE_LIBRARY_FILE', WHAT, [
      issue(
        shown,
        0,
        undefined,
        ['the file holds no rows', 'Export the library with its header row (药品标识码, 医保编码 …) and import that.'],
        ['文件中没有任何行', '请导出带表头行（药品标识码、医保编码等）的四码合一库后再导入。'],
      ),
    ]);
  if (c.issues.length) throw issuesError('TRACE_LIBRARY_FILE', WHAT, c.issues);
  if (c.entries.size === 0)
    throw issuesError('TRACE_LIBRARY_FILE', WHAT, [
      issue(
        shown,
        header.line,
        undefined,
        ['the file has a header but no entries', 'Export the library with its rows and import that.'],
        ['文件只有表头，没有条目', '请导出包含数据行的四码合一库后再导入。'],
      ),
    ]);
  return finish(o.journal, c, { source: 'file', origin: shown, apply: o.apply, runId: o.runId, now: o.now });
}

export interface LibraryDownloadOptions {
  journal: Journal;
  center: CenterConfig;
  centerDeps?: Omit<CenterDeps, 'journal' | 'runId'>;
  settings: LibraryDownloadSettings;
  apply: boolean;
  runId: string | null;
  now: Date;
  onPage?: (p: { page: number; rows: number }) => void;
}

/** A page can never be so many: a center that ignores page_num would otherwise be asked for ever. */
const MAX_PAGES = 100_000;

const num = (v: unknown): number | undefined =>
  v === undefined || v === null || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v);

export async function downloadLibrary(o: LibraryDownloadOptions): Promise<LibraryImportResult> {
  const s = o.settings;
  const answer = new LibraryAnswer(s);
  await withCenter(
    o.center,
    { ...(o.centerDeps ?? {}), journal: o.journal, runId: o.runId ?? undefined },
    async (center) => {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const input = { [s.inputNode]: { ...s.params, [s.pageNumField]: page, [s.pageSizeField]: s.pageSize } };
        const reply = await center.call(s.infno, input, { kind: 'query', skipValidation: true });
        answer.pages = page;
        const out = (reply.result ?? {}) as Output & Record<string, unknown>;
        const rows = pageRows(s, out);
        o.onPage?.({ page, rows: rows.length });
        if (answer.repeatsFirstPage(page, rows)) break;
        answer.read(rows, page);
        const total = num(out['pages']);
        if (rows.length < s.pageSize || (total !== undefined && page >= total)) break;
      }
    },
  );
  answer.checkFieldNames();
  answer.checkEntries();
  return finish(o.journal, answer.collector, {
    source: s.infno,
    origin: o.center.baseUrl.replace(/\/\/[^/@]*@/, '//').replace(/[?#].*$/, ''),
    apply: o.apply,
    runId: o.runId,
    now: o.now,
    pages: answer.pages,
  });
}

/** The list of one page of the answer, under the configured output node (absent: none). */
function pageRows(s: LibraryDownloadSettings, out: Output & Record<string, unknown>): Array<Record<string, unknown>> {
  const list = out[s.outputNode];
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    throw externalError(
      'TRACE_LIBRARY_ANSWER',
      `The center's ${s.infno} answer has no list under ${s.outputNode}`,
      `Check trace.library.outputNode in hisops.yaml against the answer (hisops -v shows the exchange), see docs/trace.md.`,
    ).zh(
      `医保中心的 ${s.infno} 应答中 ${s.outputNode} 下没有列表`,
      '请按应答内容核对 hisops.yaml 中的 trace.library.outputNode（hisops -v 显示交互过程），见 docs/trace.md。',
    );
  }
  return (list ?? []) as Array<Record<string, unknown>>;
}

/** The fields every entry must carry. */
const REQUIRED = ['trac_prefix', 'med_list_codg'] as const;

/** The center's answer, page by page: its entries, and what is needed to judge its field names. */
class LibraryAnswer {
  readonly collector = new EntryCollector();
  // The answer's rows are read through the same checks as a file's, by position in LIBRARY_FIELDS.
  private readonly layout: LibraryLayout = Object.fromEntries(LIBRARY_FIELDS.map((f, i) => [f, i]));
  pages = 0;
  private firstKeys: string | undefined;
  // Whether any entry of the answer carries the required fields under their configured names: when
  // none does, the names are wrong, and one error saying so beats one refusal per entry.
  private readonly carried = new Set<string>();
  private readonly answerFields = new Set<string>();
  private answered = 0;

  constructor(private readonly s: LibraryDownloadSettings) {}

  /** A center that ignores the page number answers the first page again: stop rather than loop. */
  repeatsFirstPage(page: number, rows: Array<Record<string, unknown>>): boolean {
    const keys = rows
      .slice(0, 3)
      .map((r) => JSON.stringify(r))
      .join('|');
    if (page === 1) this.firstKeys = keys;
    else if (rows.length && keys === this.firstKeys) return true;
    return false;
  }

  read(rows: Array<Record<string, unknown>>, page: number): void {
    const s = this.s;
    rows.forEach((r, i) => {
      this.answered++;
      if (this.answerFields.size < 100 && r && typeof r === 'object')
        for (const k of Object.keys(r)) this.answerFields.add(k);
      for (const f of REQUIRED) if (r?.[s.fields[f]] !== undefined) this.carried.add(f);
      const cells = LIBRARY_FIELDS.map((f) => {
        const v = r[s.fields[f]];
        return v === undefined || v === null ? '' : String(v);
      });
      this.collector.add(cells, this.layout, `${s.infno} page ${page}`, i + 1);
    });
  }

  /** No entry carries a required field under its configured name: the names are wrong. */
  checkFieldNames(): void {
    const s = this.s;
    const missing = REQUIRED.filter((f) => !this.carried.has(f));
    if (!this.answered || !missing.length) return;
    const names = missing.map((f) => `${s.fields[f]} (trace.library.fields.${f})`).join(', ');
    const namesZh = missing.map((f) => `${s.fields[f]}（trace.library.fields.${f}）`).join('、');
    const has = [...this.answerFields].sort().join(', ') || '(none)';
    throw externalError(
      'TRACE_LIBRARY_ANSWER',
      `None of the ${this.answered} entries of the center's ${s.infno} answer has ${names}; its entries carry: ${has}`,
      `Set trace.library.fields in hisops.yaml to the answer's field names (hisops -v shows the exchange), see docs/trace.md; the current library is kept.`,
    ).zh(
      `医保中心 ${s.infno} 应答的 ${this.answered} 条记录都没有 ${namesZh}；应答记录中的字段为：${[...this.answerFields].sort().join('、') || '（无）'}`,
      '请按应答的字段名设置 hisops.yaml 中的 trace.library.fields（hisops -v 显示交互过程），见 docs/trace.md；当前的四码合一库保持不变。',
    );
  }

  /** Refused entries, or none at all, stop the download; the current library is kept. */
  checkEntries(): void {
    const s = this.s;
    const c = this.collector;
    if (c.issues.length)
      throw issuesError(
        'TRACE_LIBRARY_ANSWER',
        { en: `The ${s.infno} answer`, zh: `${s.infno} 应答` },
        c.issues.map((i) => ({
          ...i,
          fix: `${i.fix} If every entry is refused, the answer's field names differ from trace.library.fields in hisops.yaml.`,
          zh: {
            message: i.zh.message,
            fix: `${i.zh.fix} 如果每条都不通过，说明应答的字段名与 hisops.yaml 中的 trace.library.fields 不一致。`,
          },
        })),
        EXIT.external,
      );
    if (c.entries.size === 0) {
      throw externalError(
        'TRACE_LIBRARY_EMPTY',
        `The center's ${s.infno} answer held no library entries`,
        'Check trace.library in hisops.yaml (outputNode, fields) against the answer; the current library is kept.',
      ).zh(
        `医保中心的 ${s.infno} 应答中没有四码合一库条目`,
        '请按应答内容核对 hisops.yaml 中的 trace.library（outputNode、fields）；当前的四码合一库保持不变。',
      );
    }
  }
}
