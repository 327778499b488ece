/**
 * `hisops mapping import`: read a mapping sheet under the interval rules (dry run unless --apply),
 * optionally write the applied changes into the HIS's own mapping table, and show what was added,
 * changed, closed and rejected.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { EXIT, type ExitCode } from '../core/errors.js';
import type * as CatalogModule from '../core/catalog/index.js';
import type { Problem } from '../core/catalog/problems.js';
import { problemWords } from '../core/catalog/problemWords.js';
import { openCatalogDb, openHis, problemsError, renderProblems } from './catalogShared.js';
import { first, mappingDbOption, span } from './catalogMappingShared.js';

defineMessages({
  'mapping.import.describe': {
    en: 'import a mapping sheet (CSV/xlsx) under the interval rules; dry run unless --apply',
    zh: '按有效期规则导入对照表（CSV/xlsx）；不加 --apply 为演练',
  },
  'mapping.counts': {
    en: 'added {added} · changed {changed} · closed {closed} · unchanged {unchanged} · rejected {rejected}',
    zh: '新增 {added} · 变更 {changed} · 关闭 {closed} · 未变 {unchanged} · 校验不通过 {rejected}',
  },
  'mapping.added': { en: 'Added:', zh: '新增：' },
  'mapping.changed': { en: 'Changed:', zh: '变更：' },
  'mapping.closed': { en: 'Closed (a new mapping takes over the next day):', zh: '关闭（次日起由新对照接替）：' },
  'mapping.rejected': { en: 'Rejected:', zh: '校验不通过：' },
  'mapping.applied': { en: 'Written in one transaction (import {id}).', zh: '已在一个事务中写入（导入编号 {id}）。' },
  'mapping.toHis': {
    en: 'HIS mapping table: {inserted} row(s) added, {ended} end date(s) set.',
    zh: 'HIS 对照表：新增 {inserted} 行，设置结束日期 {ended} 行。',
  },
  'mapping.toHisSkipped': { en: 'Not written to the HIS: {list}', zh: '未写入 HIS：{list}' },
  'mapping.noCatalog': {
    en: 'No {kinds} catalog has been imported: every code of that kind is unknown. Import the catalog first (hisops catalog download).',
    zh: '尚未导入 {kinds} 目录：该类编码都会显示为未知。请先导入目录（hisops catalog download）。',
  },
  'mapping.next': {
    en: 'Next: hisops mapping upload (send the new and changed mappings to the center).',
    zh: '下一步：hisops mapping upload（把新增和变更的对照上传到医保中心）。',
  },
});

interface ImportOpts {
  columns?: string;
  encoding?: 'auto' | 'utf8' | 'gbk';
  sheet?: string;
  apply?: boolean;
  skipInvalid?: boolean;
  rejectFile?: string;
  catalogCheck?: boolean;
  toHis?: boolean;
  db?: string;
}

type ImportResult = CatalogModule.MappingImportResult;

export function registerMappingImport(mapping: Command, app: App): void {
  const imp = mapping
    .command('import')
    .description(app.t('mapping.import.describe'))
    .argument(
      '<file>',
      'CSV or xlsx with a header line (national field names or 院内编码, 项目名称, 目录类别, 医保编码, 开始日期, 结束日期)',
    )
    .option(
      '--columns <map>',
      'other headers: field=Header,… (fields fixmedins_hilist_id, fixmedins_hilist_name, list_type, med_list_codg, begndate, enddate)',
    )
    .addOption(new Option('--encoding <enc>', 'text encoding').choices(['auto', 'utf8', 'gbk']).default('auto'))
    .option('--sheet <name>', 'xlsx: the sheet to read (default: the first)')
    .option('--apply', 'write, in one transaction (default: dry run)')
    .option('--skip-invalid', 'write the good rows and set the rejected ones aside in a reject file')
    .option('--reject-file <file>', 'where --skip-invalid puts rejected rows (default: <file>.rejects.csv)')
    .option('--no-catalog-check', 'do not check national codes against the imported catalogs')
    .option(
      '--to-his',
      "also write the applied changes into the HIS's mapping table (profile statements insert_mapping, end_mapping)",
    )
    .addOption(mappingDbOption())
    .action(
      app.action<ImportOpts>((ctx, a, o) => runImport(ctx, a[0] as string, o), {
        record: true,
        lock: (o) => !!o.apply && 'mapping import',
      }),
    );
  app.examples(imp, [
    'hisops mapping import 对照.xlsx                       # dry run: added / changed / closed / rejected',
    'hisops mapping import mappings.csv --apply',
    'hisops mapping import export.csv --columns fixmedins_hilist_id=ITEM_CODE,med_list_codg=YB_CODE',
    'hisops mapping import mappings.csv --apply --skip-invalid --to-his',
  ]);
}

async function runImport(ctx: Ctx, file: string, o: ImportOpts) {
  const cat = await import('../core/catalog/index.js');
  const db = await openCatalogDb(ctx, o.db);
  const abs = path.resolve(ctx.cwd, file);
  const r = await cat.importMappings(db, {
    file: abs,
    columns: o.columns,
    encoding: o.encoding,
    sheet: o.sheet,
    apply: o.apply,
    skipInvalid: o.skipInvalid,
    rejectFile: o.skipInvalid ? path.resolve(ctx.cwd, o.rejectFile ?? `${abs}.rejects.csv`) : undefined,
    checkCatalog: o.catalogCheck !== false,
    now: ctx.now(),
    runId: ctx.runId,
  });
  let his: CatalogModule.HisWriteResult | undefined;
  if (o.toHis && r.applied) {
    const h = await openHis(ctx);
    his = await cat.writeMappingsToHis(h.db, h.profile, r, ctx.now());
  }
  const exit: ExitCode = r.blocked ? EXIT.usage : r.counts.rejected > 0 ? EXIT.findings : EXIT.ok;
  return {
    data: { ...r, his: his ?? null },
    exit,
    error: r.blocked ? problemsError(r.problems) : undefined,
    human: (out: Out) => renderImport(out, ctx, r, his),
  };
}

function renderImport(out: Out, ctx: Ctx, r: ImportResult, his: CatalogModule.HisWriteResult | undefined): void {
  out.line(ctx.t('mapping.counts', r.counts));
  if (r.missingCatalogs.length)
    out.line(out.c.yellow(ctx.t('mapping.noCatalog', { kinds: r.missingCatalogs.join(', ') })));
  renderChanges(out, ctx, r);
  if (r.rejected.length) renderRejected(out, ctx, r.rejected);
  else renderProblems(out, ctx, r.problems);
  if (r.rejectFile && r.counts.rejected)
    out.note(
      ctx.t('cat.rejectFile', { n: r.counts.rejected, file: path.relative(ctx.cwd, r.rejectFile) || r.rejectFile }),
    );
  if (r.blocked) out.line(out.c.red(ctx.t('cat.nothingWritten')));
  else if (r.applied) {
    out.ok(ctx.t('mapping.applied', { id: r.importId }));
    if (his) renderHisWrite(out, ctx, his);
    out.line(ctx.t('mapping.next'));
  } else out.note(ctx.t('common.dryRun'));
}

/** The added, changed and closed mappings, each a table of the first 30 under its title. */
function renderChanges(out: Out, ctx: Ctx, r: ImportResult): void {
  const head = [
    ctx.t('mapping.col.line'),
    ctx.t('mapping.col.item'),
    ctx.t('mapping.col.code'),
    ctx.t('mapping.col.valid'),
    ctx.t('mapping.col.what'),
  ];
  const section = (title: string, n: number, rows: Array<Array<string | number>>) => {
    if (!n) return;
    out.line(title);
    out.table(head, rows);
    if (n > 30) out.note(ctx.t('mapping.more', { n: n - 30 }));
  };
  section(
    ctx.t('mapping.added'),
    r.added.length,
    first(r.added).map((a) => [
      a.row.line,
      a.row.fixmedins_hilist_id,
      a.row.med_list_codg,
      span(a.row.begndate, a.enddate),
      a.row.fixmedins_hilist_name ?? '',
    ]),
  );
  section(
    ctx.t('mapping.changed'),
    r.changed.length,
    first(r.changed).map((c) => [
      c.row.line,
      c.row.fixmedins_hilist_id,
      c.before.med_list_codg === c.row.med_list_codg
        ? c.row.med_list_codg
        : `${c.before.med_list_codg} → ${c.row.med_list_codg}`,
      `${span(c.before.begndate, c.before.enddate)} → ${span(c.row.begndate, c.enddate)}`,
      c.fields.join(', '),
    ]),
  );
  section(
    ctx.t('mapping.closed'),
    r.closed.length,
    first(r.closed).map((c) => [
      c.byLine ?? '',
      c.fixmedins_hilist_id,
      c.med_list_codg,
      `${span(c.begndate, c.oldEnd)} → ${span(c.begndate, c.newEnd)}`,
      c.source ?? '',
    ]),
  );
}

/** The rejected rows (the first 50), each reason and fix in the run's language. */
function renderRejected(out: Out, ctx: Ctx, rejected: ImportResult['rejected']): void {
  out.line(out.c.red(ctx.t('mapping.rejected')));
  out.table(
    [
      ctx.t('mapping.col.line'),
      ctx.t('mapping.col.item'),
      ctx.t('mapping.col.code'),
      ctx.t('mapping.col.reason'),
      ctx.t('mapping.col.fix'),
    ],
    first(rejected, 50).map((x) => [
      x.line,
      x.fixmedins_hilist_id ?? '',
      x.med_list_codg ?? '',
      x.reasons
        .map((y) => `${y.code}${y.column ? ` ${y.column}` : ''}\n${reasonWords(ctx.lang, x.line, y).message}`)
        .join('\n'),
      x.reasons.map((y) => reasonWords(ctx.lang, x.line, y).fix).join('\n'),
    ]),
  );
  if (rejected.length > 50) out.note(ctx.t('mapping.more', { n: rejected.length - 50 }));
}

/** What --to-his wrote into the HIS's mapping table, and what it left out. */
function renderHisWrite(out: Out, ctx: Ctx, his: CatalogModule.HisWriteResult): void {
  out.line(ctx.t('mapping.toHis', { inserted: his.inserted, ended: his.ended }));
  if (his.skipped.length)
    out.line(
      out.c.yellow(
        ctx.t('mapping.toHisSkipped', {
          list: his.skipped.map((s) => `${s.fixmedins_hilist_id} ${s.begndate} (${s.why})`).join('; '),
        }),
      ),
    );
}

/** A rejected row's reason in the run's language (the catalog problem words, by code). */
function reasonWords(
  lang: Ctx['lang'],
  line: number,
  y: { code: string; message: string; fix: string; column?: string },
): { message: string; fix: string } {
  return problemWords(lang, {
    code: y.code as Problem['code'],
    file: '',
    line,
    column: y.column,
    message: y.message,
    fix: y.fix,
  });
}
