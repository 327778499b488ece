/**
 * `hisops trace library import | download | show` and `trace relation import | show`: the
 * four-code library (四码合一库: product code → national code, 本位码, approval number, package
 * level) and the package relations (case → medium package → box) that `trace check` uses. Both
 * live in the journal database; the relations' commands are in traceRelation.ts. See docs/trace.md.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import { centerSettings } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { centerCallLog } from '../cli/verbose.js';
import { EXIT } from '../core/errors.js';
import { localDateTime } from '../core/time/index.js';
import type * as TraceModule from '../core/trace/index.js';

defineMessages({
  'tlib.describe': {
    en: 'the four-code library (四码合一): product code → national code, 本位码, approval number, package level',
    zh: '四码合一库：药品标识码 → 医保编码、本位码、批准文号、包装级别',
  },
  'tlib.import.describe': {
    en: 'import the library from a CSV, xlsx or TXT file (replaces it whole; a plan unless --apply)',
    zh: '从 CSV、xlsx 或 TXT 文件导入四码合一库（整体替换；不加 --apply 只显示计划）',
  },
  'tlib.download.describe': {
    en: 'download the library from the center (ZSMCJ003; replaces it whole; a plan unless --apply)',
    zh: '从医保中心下载四码合一库（ZSMCJ003；整体替换；不加 --apply 只显示计划）',
  },
  'tlib.show.describe': {
    en: 'look a traceability code, product code or national code up in the library and the package relations',
    zh: '在四码合一库和包装关联关系中查询追溯码、药品标识码或医保编码',
  },
  'tlib.source': { en: 'source', zh: '来源' },
  'tlib.rows': { en: 'rows read', zh: '读取行数' },
  'tlib.entries': { en: 'entries', zh: '条目数' },
  'tlib.prefixes': { en: 'product codes', zh: '药品标识码数' },
  'tlib.repeated': { en: 'repeated rows (kept once)', zh: '重复行（只保留一次）' },
  'tlib.pages': { en: 'pages', zh: '页数' },
  'tlib.current': { en: 'current library', zh: '当前的四码合一库' },
  'tlib.none': { en: 'none', zh: '无' },
  'tlib.versionLine': { en: 'version {v} ({source}, {n} entries, {at})', zh: '第 {v} 版（{source}，{n} 条，{at}）' },
  'tlib.col.change': { en: 'against the current library', zh: '与当前库相比' },
  'tlib.col.count': { en: 'entries', zh: '条目数' },
  'tlib.added': { en: 'added', zh: '新增' },
  'tlib.changed': { en: 'changed', zh: '变更' },
  'tlib.removed': { en: 'removed', zh: '删除' },
  'tlib.unchanged': { en: 'unchanged', zh: '未变' },
  'tlib.written': {
    en: 'The four-code library is now version {v}: {n} entries, {p} product codes.',
    zh: '四码合一库已更新为第 {v} 版：{n} 条，{p} 个药品标识码。',
  },
  'tlib.found': {
    en: '{code}: {n} library entr(ies), inside {p} package(s), holding {b} small package(s).',
    zh: '{code}：四码合一库中 {n} 条，所在包装 {p} 个，包含小包装 {b} 个。',
  },
  'tlib.notFound': {
    en: '{code} is in neither the four-code library nor the package relations.',
    zh: '四码合一库和包装关联关系中都没有 {code}。',
  },
  'tlib.noLibrary': {
    en: 'No four-code library was imported yet: hisops trace library import FILE, or trace library download.',
    zh: '尚未导入四码合一库：请运行 hisops trace library import FILE 或 trace library download。',
  },
  'tlib.col.prefix': { en: 'trac_prefix', zh: '药品标识码' },
  'tlib.col.codg': { en: 'med_list_codg', zh: '医保编码' },
  'tlib.col.name': { en: 'drug', zh: '药品名称' },
  'tlib.col.std': { en: 'drugstdcode', zh: '本位码' },
  'tlib.col.aprvno': { en: 'aprvno', zh: '批准文号' },
  'tlib.col.lv': { en: 'level', zh: '包装级别' },
  'tlib.col.ratio': { en: 'ratio', zh: '包装比例' },
  'tlib.parents': { en: 'inside', zh: '所在包装' },
  'tlib.boxes': { en: 'small packages inside', zh: '包含的小包装' },
});

const LEVEL_ZH: Record<string, string> = { '1': '1 小包装', '2': '2 中包装', '3': '3 大包装' };

function level(ctx: Ctx, lv: string | null): string {
  if (!lv) return '';
  return ctx.lang === 'zh-CN'
    ? (LEVEL_ZH[lv] ?? lv)
    : lv === '1'
      ? '1 small'
      : lv === '2'
        ? '2 medium'
        : lv === '3'
          ? '3 large'
          : lv;
}

function versionText(ctx: Ctx, v: TraceModule.LibraryVersion | null): string {
  return v
    ? ctx.t('tlib.versionLine', {
        v: v.version,
        source: v.source === 'file' ? (v.origin ?? 'file') : v.source,
        n: v.entries,
        at: localDateTime(v.imported_at, String(ctx.get('timezone'))),
      })
    : ctx.t('tlib.none');
}

function renderLibraryImport(out: Out, ctx: Ctx, r: TraceModule.LibraryImportResult): void {
  out.kv([
    [ctx.t('tlib.source'), r.source === 'file' ? r.origin : `${r.source} ${r.origin}`],
    ...(r.pages !== undefined ? ([[ctx.t('tlib.pages'), r.pages]] as Array<[string, number]>) : []),
    [ctx.t('tlib.rows'), r.rows],
    [ctx.t('tlib.entries'), r.entries],
    [ctx.t('tlib.prefixes'), r.prefixes],
    ...(r.repeated ? ([[ctx.t('tlib.repeated'), r.repeated]] as Array<[string, number]>) : []),
    [ctx.t('tlib.current'), versionText(ctx, r.before)],
  ]);
  out.table(
    [ctx.t('tlib.col.change'), ctx.t('tlib.col.count')],
    [
      [ctx.t('tlib.added'), r.diff.added],
      [ctx.t('tlib.changed'), r.diff.changed],
      [ctx.t('tlib.removed'), r.diff.removed],
      [ctx.t('tlib.unchanged'), r.diff.unchanged],
    ],
    { align: ['left', 'right'] },
  );
  if (r.version) out.ok(ctx.t('tlib.written', { v: r.version.version, n: r.version.entries, p: r.version.prefixes }));
  else out.note(ctx.t('common.dryRun'));
}

function entryRows(ctx: Ctx, entries: readonly TraceModule.LibraryEntry[]): Array<Array<string>> {
  return entries.map((e) => [
    e.trac_prefix,
    e.med_list_codg,
    e.drug_name ?? '',
    e.drugstdcode ?? '',
    e.aprvno ?? '',
    level(ctx, e.pac_lv),
    e.pac_ratio ?? '',
  ]);
}

function fileArg(ctx: Ctx, file: string): { full: string; shown: string } {
  const full = path.resolve(ctx.cwd, file);
  return { full, shown: path.relative(ctx.cwd, full) || full };
}

/** import's options: the file's encoding (commander checks the choice) and --apply. */
export interface ImportOpts {
  encoding: 'auto' | 'utf8' | 'gbk';
  apply?: boolean;
}

interface ApplyOpts {
  apply?: boolean;
}

export function registerTraceLibrary(group: Command, app: App): void {
  const lib = group.command('library').description(app.t('tlib.describe'));

  const imp = lib
    .command('import')
    .description(app.t('tlib.import.describe'))
    .argument(
      '<file>',
      'the library as CSV, xlsx or TXT (columns: 药品标识码/trac_prefix, 医保编码/med_list_codg, 本位码, 批准文号, 包装级别 …)',
    )
    .addOption(new Option('--encoding <enc>', 'text encoding').choices(['auto', 'utf8', 'gbk']).default('auto'))
    .option('--apply', 'write, in one transaction (default: dry run)')
    .action(app.action(runLibraryImport, { record: true }));
  app.examples(imp, [
    'hisops trace library import 四码合一库.xlsx',
    'hisops trace library import library.csv --apply',
    'hisops trace library import library.txt --encoding gbk --apply',
  ]);

  const down = lib
    .command('download')
    .description(app.t('tlib.download.describe'))
    .option('--apply', 'write, in one transaction (default: dry run)')
    .action(app.action(runLibraryDownload, { record: true }));
  app.examples(down, ['hisops trace library download', 'hisops trace library download --apply']);

  const show = lib
    .command('show')
    .description(app.t('tlib.show.describe'))
    .argument('<code>', 'a 20-digit traceability code, a 7-digit product code, or a national code (med_list_codg)')
    .action(app.action(runLibraryShow));
  app.examples(show, [
    'hisops trace library show 81234560000012345678',
    'hisops trace library show 8123456',
    'hisops trace library show XA01ABA0123456789012 --json',
  ]);
  app.examples(lib, [
    'hisops trace library import 四码合一库.xlsx --apply',
    'hisops trace library download --apply',
    'hisops trace library show 81234560000012345678',
  ]);
}

/** What both imports (library, relations) take from the command line: the file, the journal, --apply. */
export async function importInput(ctx: Ctx, args: unknown[], o: ImportOpts) {
  const { full, shown } = fileArg(ctx, args[0] as string);
  return {
    journal: await ctx.journal(),
    file: full,
    shown,
    encoding: o.encoding,
    apply: !!o.apply,
    runId: ctx.runId,
    now: ctx.now(),
  };
}

async function runLibraryImport(ctx: Ctx, args: unknown[], o: ImportOpts): Promise<CommandResult> {
  const trace = await import('../core/trace/index.js');
  const r = await trace.importLibrary(await importInput(ctx, args, o));
  return { data: r, human: (out) => renderLibraryImport(out, ctx, r) };
}

async function runLibraryDownload(ctx: Ctx, _a: unknown[], o: ApplyOpts): Promise<CommandResult> {
  const trace = await import('../core/trace/index.js');
  const settings = trace.librarySettings(
    (ctx.config().sections['trace'] as Record<string, unknown> | undefined)?.['library'],
  );
  const journal = await ctx.journal();
  const r = await trace.downloadLibrary({
    journal,
    center: centerSettings(ctx),
    centerDeps: { onEvent: centerCallLog(ctx) },
    settings,
    apply: !!o.apply,
    runId: ctx.runId,
    now: ctx.now(),
  });
  return { data: r, human: (out) => renderLibraryImport(out, ctx, r) };
}

async function runLibraryShow(ctx: Ctx, args: unknown[]): Promise<CommandResult> {
  const trace = await import('../core/trace/index.js');
  const journal = await ctx.journal();
  const raw = String(args[0]).trim();
  const code = trace.normalizeCode(raw);
  const prefix = trace.prefixOf(raw);
  const version = await trace.currentLibraryVersion(journal);
  const entries = prefix
    ? ((await trace.libraryEntries(journal, [prefix])).get(prefix) ?? [])
    : await trace.libraryEntriesOfDrug(journal, raw);
  const parents = code.ok ? await trace.parentsOf(journal, code.code) : [];
  const boxes = code.ok ? await trace.expandPackage(journal, code.code) : [];
  const found = entries.length > 0 || parents.length > 0 || boxes.length > 0;
  const data = {
    code: raw,
    trac_prefix: prefix ?? null,
    library: version ? { version: version.version, source: version.source, imported_at: version.imported_at } : null,
    entries,
    parents,
    small_packages: boxes,
  };
  return {
    data,
    exit: found ? EXIT.ok : EXIT.findings,
    findings: { summary: `${raw} is in neither the four-code library nor the package relations`, count: found ? 0 : 1 },
    human: (out) => {
      if (!version) out.note(ctx.t('tlib.noLibrary'));
      else out.kv([[ctx.t('tlib.current'), versionText(ctx, version)]]);
      if (entries.length)
        out.table(
          [
            ctx.t('tlib.col.prefix'),
            ctx.t('tlib.col.codg'),
            ctx.t('tlib.col.name'),
            ctx.t('tlib.col.std'),
            ctx.t('tlib.col.aprvno'),
            ctx.t('tlib.col.lv'),
            ctx.t('tlib.col.ratio'),
          ],
          entryRows(ctx, entries),
        );
      if (parents.length || boxes.length) {
        out.kv([
          [ctx.t('tlib.parents'), parents.join(' → ')],
          [
            ctx.t('tlib.boxes'),
            boxes.length ? `${boxes.length}: ${boxes.slice(0, 10).join(', ')}${boxes.length > 10 ? ' …' : ''}` : '',
          ],
        ]);
      }
      if (found) out.ok(ctx.t('tlib.found', { code: raw, n: entries.length, p: parents.length, b: boxes.length }));
      else out.bad(ctx.t('tlib.notFound', { code: raw }));
    },
  };
}
