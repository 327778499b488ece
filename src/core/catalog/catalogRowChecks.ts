/**
 * The checks of one catalog row's fields (catalogRow.ts reads the row): the key (national code,
 * validity period, vali_flag), the fed columns (name, specification, maker…) and the amounts
 * (category, price limit, self-pay ratio), each normalised to what is stored or a problem naming
 * the cell. Pure; called for every row of an import.
 */
import { parseMoney } from '../money.js';
import type { Reading, RowContext } from './catalogRow.js';
import { DAY_FORMS, NO_START, parseDay } from './day.js';
import { normalizeChrgitmLv } from './kinds.js';
import type { Problem } from './problems.js';
import { COL as C } from './storedColumns.js';

/** "begndate / 开始日期 (col 5)": a documented column and the cell it came from. */
function label(ctx: RowContext, field: string, d: number, cellOf: number[] | undefined): string {
  const cell = d < 0 ? -1 : cellOf ? cellOf[d]! : d;
  if (cell < 0) return field;
  const header = ctx.layout.header?.[cell];
  return `${field}${header && header !== field ? ' / ' + header : ''} (${ctx.colName(cell)})`;
}

export function problem(
  ctx: RowContext,
  code: Problem['code'],
  column: string,
  message: string,
  fix: string,
  value?: string | null,
): Problem {
  return { code, file: ctx.file, line: ctx.line, column, message, fix, value: value ?? undefined };
}

function fail(
  r: Reading,
  code: Problem['code'],
  column: string,
  message: string,
  fix: string,
  value?: string | null,
): void {
  (r.problems ??= []).push(problem(r.ctx, code, column, message, fix, value));
}

/**
 * The national code, the validity period and vali_flag; returns the start stored. The straight
 * path runs for every row; the wording of a problem is in the functions below it.
 */
export function readKey(r: Reading): string {
  const { ctx, values } = r;
  const { plan, layout } = ctx;
  const k = plan.k;
  const code = r.doc(0);
  if (code === null || !k.codeShape.test(code)) failCode(r, code);
  values[C.med_list_codg] = code;
  const excelSerial = layout.mode === 'header';
  let begn = r.doc(plan.iBegn);
  if (begn === null) begn = NO_START;
  else {
    const d = parseDay(begn, { excelSerial });
    if (!d) failDate(r, k.beginField, plan.iBegn, begn, `Write the start date as ${DAY_FORMS}.`);
    else begn = d;
  }
  values[C.begndate] = begn;
  const endRaw = r.doc(plan.iEnd);
  if (endRaw !== null) {
    const d = parseDay(endRaw, { excelSerial });
    if (!d)
      failDate(r, k.endField, plan.iEnd, endRaw, `Write the end date as ${DAY_FORMS}, or leave it empty for no end.`);
    else {
      values[C.enddate] = d;
      if (begn.length === 10 && begn[4] === '-' && d < begn)
        fail(
          r,
          'BAD_INTERVAL',
          label(ctx, k.endField, plan.iEnd, r.cellOf),
          `the entry ends (${d}) before it starts (${begn})`,
          'Correct the start or end date.',
          endRaw,
        );
    }
  }
  const vali = r.doc(plan.iVali);
  if (vali === null) values[C.vali_flag] = '1';
  else if (vali !== '0' && vali !== '1')
    fail(
      r,
      'BAD_CODE',
      label(ctx, 'vali_flag', plan.iVali, r.cellOf),
      `vali_flag "${vali}" is neither 1 (valid) nor 0 (not valid)`,
      'Write 1 or 0.',
      vali,
    );
  else values[C.vali_flag] = vali;
  return begn;
}

/** The national code is empty, or not shaped like a code of the kind. */
function failCode(r: Reading, code: string | null): void {
  const k = r.ctx.plan.k;
  if (code === null)
    fail(
      r,
      'MISSING_VALUE',
      label(r.ctx, 'med_list_codg', 0, r.cellOf),
      'the national code is empty',
      'Fill in the code, or delete the line.',
    );
  else
    fail(
      r,
      'CODE_SHAPE',
      label(r.ctx, 'med_list_codg', 0, r.cellOf),
      `"${code}" is not shaped like a ${k.kind} ${k.label.en} code (${k.codeShapeText})`,
      /E\+\d+$/i.test(code)
        ? 'Excel turned the code into a number: format the column as text and export again.'
        : `Check the code, or pass the right --kind if this is not a ${k.kind} file.`,
      code,
    );
}

/** A start or end that is not a date. */
function failDate(r: Reading, field: string, d: number, raw: string, fix: string): void {
  fail(r, 'BAD_DATE', label(r.ctx, field, d, r.cellOf), `"${raw}" is not a date`, fix, raw);
}

/** Name, specification, maker…: the first documented column that has a value feeds each stored one. */
export function readFeeds(r: Reading): void {
  for (const [to, from] of r.ctx.plan.feeds) {
    if (r.values[to] !== null) continue;
    for (const i of from) {
      const v = r.doc(i);
      if (v !== null) {
        r.values[to] = v;
        break;
      }
    }
  }
}

/** Category (A/B/C as 01/02/03), price limit and self-pay ratio, normalised. */
export function readAmounts(r: Reading): void {
  const { ctx, values } = r;
  // Category A/B/C: a chrgitm_lv column of a CSV, or the drug file's own column.
  const lvRaw = (values[C.chrgitm_lv] as string | null) ?? r.doc(ctx.plan.iLv);
  if (lvRaw !== null) {
    const lv = normalizeChrgitmLv(lvRaw);
    if (!lv)
      fail(
        r,
        'BAD_CODE',
        values[C.chrgitm_lv] !== null ? 'chrgitm_lv' : label(ctx, 'nat_hi_druglist_chrgitm_lv', ctx.plan.iLv, r.cellOf),
        `category "${lvRaw}" is not 01/甲类, 02/乙类 or 03/丙类`,
        'Write the category as 01, 02 or 03 (甲类, 乙类, 丙类).',
        lvRaw,
      );
    values[C.chrgitm_lv] = lv ?? null;
  }
  const price = values[C.pric_uplmt_amt] as string | null;
  if (price !== null) {
    const d = parseMoney(price.replace(/^[¥￥]/, ''));
    if (!d || d.lt(0))
      fail(
        r,
        'BAD_NUMBER',
        'pric_uplmt_amt',
        `price limit "${price}" is not a number`,
        'Write the limit as a plain number such as 12.50 (no units), or leave it empty.',
        price,
      );
    else values[C.pric_uplmt_amt] = d.toString();
  }
  const ratio = values[C.selfpay_prop] as string | null;
  if (ratio !== null) {
    const v = parseRatio(ratio);
    if (v === undefined)
      fail(
        r,
        'BAD_NUMBER',
        'selfpay_prop',
        `self-pay ratio "${ratio}" is not a fraction between 0 and 1`,
        'Write the ratio as 0.10 or 10%, or leave it empty.',
        ratio,
      );
    else values[C.selfpay_prop] = v;
  }
}

/** A self-pay ratio: 0.1, 0.10 or 10% → "0.1"; undefined when it is not a fraction between 0 and 1. */
function parseRatio(raw: string): string | undefined {
  const s = raw.trim();
  const pct = s.endsWith('%');
  const d = parseMoney(pct ? s.slice(0, -1) : s);
  if (!d) return undefined;
  const r = pct ? d.div(100) : d;
  if (r.lt(0) || r.gt(1)) return undefined;
  return r.toString();
}
