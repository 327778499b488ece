/**
 * What the catalog and mapping commands share: where the catalog tables live, the HIS profile and
 * its items, day arguments, and how problems are printed.
 */
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { HisopsError, inputError, type ErrorCode, type ErrorText, type ExitCode } from '../core/errors.js';
import type { Db } from '../core/db/index.js';
import type * as CatalogModule from '../core/catalog/index.js';
import { problemWords, problemWordsZh } from '../core/catalog/problemWords.js';

export type Cat = typeof CatalogModule;

defineMessages({
  'cat.problems': {
    en: '{total} problem(s) on {lines} line(s); the first {shown}:',
    zh: '共 {total} 个问题，涉及 {lines} 行；前 {shown} 个：',
  },
  'cat.byCode': { en: 'by kind: {list}', zh: '按类型：{list}' },
  'cat.col.where': { en: 'file:line', zh: '文件:行' },
  'cat.col.column': { en: 'column', zh: '列' },
  'cat.col.problem': { en: 'problem', zh: '问题' },
  'cat.col.fix': { en: 'fix', zh: '处理' },
  'cat.nothingWritten': {
    en: 'Nothing was written: fix the lines above and run again, or add --skip-invalid to import the rest (the bad rows go to a reject file).',
    zh: '未写入任何内容：修正以上各行后重试，或加 --skip-invalid 导入其余行（校验不通过的行另存到单独文件）。',
  },
  'cat.rejectFile': { en: '{n} row(s) set aside in {file}', zh: '{n} 行校验不通过，已另存到 {file}' },
});

/** The catalog database as configured: --db, else catalog.url, else the HIS. */
export function catalogDbRef(ctx: Ctx, ref?: string) {
  const configured = ctx.get<string | undefined>('catalog.url');
  return ctx.resolveDb(ref ?? (configured ? String(configured) : undefined));
}

/** The database holding hisops's catalog tables: --db, else catalog.url, else the HIS database. */
export async function openCatalogDb(ctx: Ctx, ref?: string): Promise<Db> {
  const { connect } = await import('../core/db/index.js');
  const dbRef = catalogDbRef(ctx, ref);
  const db = await connect(dbRef.url, {
    password: dbRef.password,
    baseDir: dbRef.baseDir,
    create: dbRef.url.startsWith('sqlite:'),
  });
  ctx.onClose(() => db.close());
  return db;
}

/** The HIS database and its profile (for items, billing and the HIS's own mapping table). */
export async function openHis(ctx: Ctx) {
  const his = await import('../core/his/index.js');
  return { his, ...(await ctx.his()) };
}

/** A day argument: yyyy-MM-dd (other written forms accepted), today or yesterday. */
export function dayArg(cat: Cat, ctx: Ctx, v: string | undefined, flag: string): string {
  const today = cat.dayOf(ctx.now());
  if (v === undefined || v === 'today') return today;
  if (v === 'yesterday') return cat.addDays(today, -1);
  const d = cat.parseDay(v);
  if (!d)
    throw inputError('BAD_DATE', `${flag} "${v}" is not a date`, `Write ${flag} as yyyy-MM-dd, today or yesterday.`).zh(
      `${flag} "${v}" 不是日期`,
      `请将 ${flag} 写成 yyyy-MM-dd、today 或 yesterday。`,
    );
  return d;
}

/** The problems of a file: a table of the first ones, then counts by code. */
export function renderProblems(out: Out, ctx: Ctx, r: CatalogModule.ProblemReport): void {
  if (r.total === 0) return;
  out.line(out.c.red(ctx.t('cat.problems', { total: r.total, lines: r.badLines, shown: r.shown.length })));
  out.table(
    [ctx.t('cat.col.where'), ctx.t('cat.col.column'), ctx.t('cat.col.problem'), ctx.t('cat.col.fix')],
    r.shown.map((p) => {
      const w = problemWords(ctx.lang, p);
      return [p.line > 0 ? `${p.file}:${p.line}` : p.file, p.column ?? '', `${p.code}\n${w.message}`, w.fix];
    }),
  );
  if (r.total > r.shown.length || Object.keys(r.byCode).length > 1) {
    out.line(
      ctx.t('cat.byCode', {
        list: Object.entries(r.byCode)
          .map(([k, n]) => `${k} ${n}`)
          .join(', '),
      }),
    );
  }
}

export const collectList = (v: string, prev: string[] = []): string[] => [
  ...prev,
  ...v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
];

/** The error --json reports when a file's problems stopped an import: the first problem, all of them in details. */
export function problemsError(r: CatalogModule.ProblemReport): HisopsError {
  const p = r.shown[0];
  const more = r.total > 1 ? ` (and ${r.total - 1} more problem(s))` : '';
  return new HisopsError({
    code: p?.code ?? 'INPUT_INVALID',
    summary: p
      ? `${p.line > 0 ? `${p.file}:${p.line}` : p.file}${p.column ? ` ${p.column}` : ''}: ${p.message}${more}`
      : 'The input stopped the import.',
    fix: p?.fix ?? 'Correct the file and run again.',
    details: {
      issues: r.shown.map((x) => ({
        file: x.file,
        line: x.line,
        field: x.column,
        message: x.message,
        fix: x.fix,
        code: x.code,
        zh: problemWordsZh(x),
      })),
      byCode: r.byCode,
    },
  }).zh(
    p
      ? `${p.line > 0 ? `${p.file}:${p.line}` : p.file}${p.column ? ` ${p.column}` : ''}：${problemWordsZh(p).message}${r.total > 1 ? `（另有 ${r.total - 1} 个问题）` : ''}`
      : '输入问题中止了导入。',
    p ? problemWordsZh(p).fix : '请更正文件后再次运行。',
  );
}

/** The error of a run the center stopped (exit 5). */
export function stoppedError(
  s: { code: ErrorCode; summary: string; fix: string | undefined; zh?: ErrorText },
  exit: ExitCode,
): HisopsError {
  return new HisopsError({ code: s.code, summary: s.summary, fix: s.fix, exit, zh: s.zh });
}
