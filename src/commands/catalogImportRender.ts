/**
 * What `hisops catalog import` and `download` print of an import: one line per file and per
 * catalog, samples of each change, the problems, then whether it was written.
 */
import path from 'node:path';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import type * as CatalogModule from '../core/catalog/index.js';
import { renderProblems } from './catalogShared.js';

defineMessages({
  'catalog.col.kind': { en: 'catalog', zh: '目录' },
  'catalog.col.rows': { en: 'rows', zh: '行数' },
  'catalog.col.added': { en: 'added', zh: '新增' },
  'catalog.col.changed': { en: 'changed', zh: '变更' },
  'catalog.col.ended': { en: 'ended', zh: '终止' },
  'catalog.col.unchanged': { en: 'unchanged', zh: '未变' },
  'catalog.col.rejected': { en: 'rejected', zh: '校验不通过' },
  'catalog.col.ver': { en: 'version', zh: '版本' },
  'catalog.col.file': { en: 'file', zh: '文件' },
  'catalog.col.read': { en: 'read as', zh: '读取方式' },
  'catalog.col.code': { en: 'med_list_codg', zh: '医保编码' },
  'catalog.col.name': { en: 'name', zh: '名称' },
  'catalog.col.validity': { en: 'valid', zh: '有效期' },
  'catalog.col.fields': { en: 'what changed', zh: '变更内容' },
  'catalog.col.line': { en: 'line', zh: '行' },
  'catalog.samples': { en: 'Samples — {what}:', zh: '示例 — {what}：' },
  'catalog.fields': { en: 'changed fields: {list}', zh: '变更字段：{list}' },
  'catalog.applied': {
    en: 'Imported in one transaction (import {ids}).',
    zh: '已在一个事务中导入（导入编号 {ids}）。',
  },
  'catalog.next': {
    en: 'Next: hisops mapping check (are the mappings still valid with this catalog?).',
    zh: '下一步：hisops mapping check（对照在新目录下是否仍然有效？）。',
  },
});

type KindSummary = CatalogModule.KindImportSummary;

const span = (b: string, e: string | null) => (e ? `${b}..${e}` : `${b}..`);

function fieldText(f: Record<string, [string | null, string | null]>): string {
  return Object.entries(f)
    .map(([k, [a, b]]) => `${k}: ${a ?? '∅'} → ${b ?? '∅'}`)
    .join('\n');
}

/** Tables for people: one line per catalog, samples of each change, the problems. */
export function renderImport(out: Out, ctx: Ctx, r: CatalogModule.CatalogImportResult, apply: boolean): void {
  renderFiles(out, ctx, r.files);
  if (r.kinds.length) renderKinds(out, ctx, r.kinds);
  for (const k of r.kinds) renderSamples(out, ctx, k);
  renderProblems(out, ctx, r.problems);
  if (r.rejectFile && r.rejectedRows)
    out.note(
      ctx.t('cat.rejectFile', { n: r.rejectedRows, file: path.relative(ctx.cwd, r.rejectFile) || r.rejectFile }),
    );
  if (r.blocked) out.line(out.c.red(ctx.t('cat.nothingWritten')));
  else if (apply && r.applied) {
    out.ok(ctx.t('catalog.applied', { ids: r.kinds.map((k) => k.importId).join(', ') }));
    out.line(ctx.t('catalog.next'));
  } else out.note(ctx.t('common.dryRun'));
}

/** Each file read: its catalog, and how it was read (format, encoding, layout, where the kind came from). */
function renderFiles(out: Out, ctx: Ctx, files: CatalogModule.CatalogImportResult['files']): void {
  out.table(
    [ctx.t('catalog.col.file'), ctx.t('catalog.col.kind'), ctx.t('catalog.col.read'), ctx.t('catalog.col.rows')],
    files.map((f) => [
      f.file,
      f.kind ?? '?',
      [
        f.format,
        f.encoding ? `${f.encoding} (${f.encodingHow})` : '',
        f.layout ?? '',
        f.kindFrom ? (f.kindFrom === 'given' ? '--kind' : `kind from ${f.kindFrom}`) : '',
      ]
        .filter(Boolean)
        .join(' · '),
      f.rows,
    ]),
    { align: ['left', 'left', 'left', 'right'] },
  );
}

/** One line per catalog: rows read, added, changed, ended, unchanged, rejected, version. */
function renderKinds(out: Out, ctx: Ctx, kinds: readonly KindSummary[]): void {
  out.table(
    [
      ctx.t('catalog.col.kind'),
      ctx.t('catalog.col.rows'),
      ctx.t('catalog.col.added'),
      ctx.t('catalog.col.changed'),
      ctx.t('catalog.col.ended'),
      ctx.t('catalog.col.unchanged'),
      ctx.t('catalog.col.rejected'),
      ctx.t('catalog.col.ver'),
    ],
    kinds.map((k) => [
      `${k.kind} ${ctx.lang === 'zh-CN' ? k.label.zh : k.label.en}`,
      k.rowsRead,
      k.added,
      k.changed,
      k.ended,
      k.unchanged,
      k.rejected,
      k.ver_name ?? k.ver ?? '',
    ]),
    { align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'] },
  );
}

/** A catalog's changed fields, then samples of the rows added, changed and ended. */
function renderSamples(out: Out, ctx: Ctx, k: KindSummary): void {
  if (Object.keys(k.changedFields).length)
    out.line(
      ctx.t('catalog.fields', {
        list: Object.entries(k.changedFields)
          .map(([f, n]) => `${f} ${n}`)
          .join(', '),
      }),
    );
  if (k.samples.added.length) renderAddedSamples(out, ctx, k);
  for (const [what, list] of [
    [ctx.t('catalog.col.changed'), k.samples.changed],
    [ctx.t('catalog.col.ended'), k.samples.ended],
  ] as const) {
    if (!list.length) continue;
    out.line(ctx.t('catalog.samples', { what: `${k.kind} ${what}` }));
    out.table(
      [ctx.t('catalog.col.line'), ctx.t('catalog.col.code'), ctx.t('catalog.col.name'), ctx.t('catalog.col.fields')],
      list.map((s) => [
        s.line ?? '',
        `${s.med_list_codg}\n${s.begndate}`,
        s.hilist_name ?? '',
        fieldText(s.fields) + (s.reason ? `\n(${s.reason})` : ''),
      ]),
    );
  }
}

function renderAddedSamples(out: Out, ctx: Ctx, k: KindSummary): void {
  out.line(ctx.t('catalog.samples', { what: `${k.kind} ${ctx.t('catalog.col.added')}` }));
  out.table(
    [
      ctx.t('catalog.col.line'),
      ctx.t('catalog.col.code'),
      ctx.t('catalog.col.name'),
      ctx.t('catalog.col.validity'),
      'chrgitm_lv',
      'pric_uplmt_amt',
      'selfpay_prop',
    ],
    k.samples.added.map((s) => [
      s.line ?? '',
      s.med_list_codg,
      s.hilist_name ?? '',
      span(s.begndate, s.enddate) + (s.vali_flag === '0' ? ' (0)' : ''),
      s.chrgitm_lv ?? '',
      s.pric_uplmt_amt ?? '',
      s.selfpay_prop ?? '',
    ]),
  );
}
