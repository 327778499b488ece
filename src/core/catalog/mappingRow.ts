/**
 * The hospital's mapping sheets (目录对照): which columns hold what, and one row → a mapping or
 * the problems that stop it. Headers may be the national field names of 3301, the Chinese
 * headers HIS exports use, or anything else named with `--columns`. Pure.
 */
import { DAY_FORMS, isOpenEnd, parseDay, type Day } from './day.js';
import { KINDS, kindOfListType, LIST_TYPES, normalizeListType } from './kinds.js';
import type { Problem } from './problems.js';
import { columnIndex } from './read/xlsx.js';

export const MAPPING_FIELDS = [
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'list_type',
  'med_list_codg',
  'begndate',
  'enddate',
] as const;
/** Optional 3301 fields carried along when present. */
export const MAPPING_OPTIONAL = [
  'aprvno',
  'dosform',
  'exct_cont',
  'item_cont',
  'prcunt',
  'spec',
  'pacspec',
  'memo',
] as const;
type MappingField = (typeof MAPPING_FIELDS)[number] | (typeof MAPPING_OPTIONAL)[number];

const ALIASES: Record<string, MappingField> = {
  院内编码: 'fixmedins_hilist_id',
  医院项目编码: 'fixmedins_hilist_id',
  院内项目编码: 'fixmedins_hilist_id',
  医院编码: 'fixmedins_hilist_id',
  医药机构目录编码: 'fixmedins_hilist_id',
  定点医药机构目录编号: 'fixmedins_hilist_id',
  院内代码: 'fixmedins_hilist_id',
  项目编码: 'fixmedins_hilist_id',
  his编码: 'fixmedins_hilist_id',
  项目名称: 'fixmedins_hilist_name',
  院内名称: 'fixmedins_hilist_name',
  医院项目名称: 'fixmedins_hilist_name',
  院内项目名称: 'fixmedins_hilist_name',
  医药机构目录名称: 'fixmedins_hilist_name',
  定点医药机构目录名称: 'fixmedins_hilist_name',
  名称: 'fixmedins_hilist_name',
  目录类别: 'list_type',
  目录类型: 'list_type',
  目录类别代码: 'list_type',
  医保编码: 'med_list_codg',
  医保目录编码: 'med_list_codg',
  医疗目录编码: 'med_list_codg',
  国家编码: 'med_list_codg',
  国家医保编码: 'med_list_codg',
  医保代码: 'med_list_codg',
  开始日期: 'begndate',
  生效日期: 'begndate',
  开始时间: 'begndate',
  起始日期: 'begndate',
  结束日期: 'enddate',
  失效日期: 'enddate',
  结束时间: 'enddate',
  终止日期: 'enddate',
  批准文号: 'aprvno',
  剂型: 'dosform',
  除外内容: 'exct_cont',
  项目内涵: 'item_cont',
  计价单位: 'prcunt',
  规格: 'spec',
  包装规格: 'pacspec',
  备注: 'memo',
};

const ALL_FIELDS: readonly string[] = [...MAPPING_FIELDS, ...MAPPING_OPTIONAL];

function norm(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, '')
    .replace(/[（(].*?[）)]$/, '');
}

/** A header cell → field, or undefined. */
function mappingHeaderField(h: string): MappingField | undefined {
  const n = norm(h);
  const lower = n.toLowerCase();
  if (ALL_FIELDS.includes(lower)) return lower as MappingField;
  return ALIASES[n] ?? ALIASES[lower];
}

interface MappingLayout {
  /** Field → cell index. */
  at: Partial<Record<MappingField, number>>;
  header: string[];
}

/**
 * `--columns fixmedins_hilist_id=ITEM_CODE,med_list_codg=YB_CODE` (header names), or positions
 * (`=3` for the third column, `=C` for column C).
 */
export function parseColumnsOption(spec: string): { map: Record<string, string>; errors: string[] } {
  const map: Record<string, string> = {};
  const errors: string[] = [];
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 1) {
      errors.push(`"${part}" is not field=header`);
      continue;
    }
    const field = part.slice(0, eq).trim();
    const target = part.slice(eq + 1).trim();
    const f = ALL_FIELDS.includes(field) ? field : mappingHeaderField(field);
    if (!f) errors.push(`"${field}" is not a mapping field (${ALL_FIELDS.join(', ')})`);
    else if (!target) errors.push(`no header given for ${f}`);
    else map[f] = target;
  }
  return { map, errors };
}

type MappingLayoutResult =
  | { ok: true; layout: MappingLayout }
  | { ok: false; missing: string[]; message: string; fix: string };

/** The layout of a mapping sheet from its header row (line 1) and any --columns overrides. */
export function mappingLayout(header: readonly string[], overrides: Record<string, string> = {}): MappingLayoutResult {
  const at: Partial<Record<MappingField, number>> = {};
  header.forEach((h, i) => {
    const f = mappingHeaderField(h);
    if (f && at[f] === undefined) at[f] = i;
  });
  const notFound: string[] = [];
  for (const [f, target] of Object.entries(overrides)) {
    let i = header.findIndex((h) => norm(h) === norm(target));
    if (i < 0 && /^\d+$/.test(target)) i = Number(target) - 1;
    if (i < 0 && /^[A-Z]{1,3}$/.test(target)) i = columnIndex(target);
    if (i < 0 || i >= Math.max(header.length, 1) + 100) notFound.push(`${f}=${target}`);
    else at[f as MappingField] = i;
  }
  const missing = MAPPING_FIELDS.filter((f) => f !== 'enddate' && f !== 'fixmedins_hilist_name' && at[f] === undefined);
  if (notFound.length || missing.length) {
    return {
      ok: false,
      missing,
      message: notFound.length
        ? `--columns names columns the file does not have: ${notFound.join(', ')}`
        : `the header has no column for ${missing.join(', ')}`,
      fix: `Headers may be ${MAPPING_FIELDS.join(', ')} or 院内编码, 项目名称, 目录类别, 医保编码, 开始日期, 结束日期; for other names use --columns ${missing[0] ?? 'med_list_codg'}=<your header>.`,
    };
  }
  return { ok: true, layout: { at, header: header.map(norm) } };
}

export interface MappingRow {
  line: number;
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string | null;
  list_type: string;
  med_list_codg: string;
  begndate: Day;
  /** null = open (empty, or a far-future date such as 2099-12-31). */
  enddate: Day | null;
  extra: Partial<Record<(typeof MAPPING_OPTIONAL)[number], string>>;
}

const HIS_CODE = /^[\x21-\x7e]{1,30}$/;

/** Cells of one line → a mapping, or every problem of the line. */
export function mappingRow(
  cells: readonly string[],
  line: number,
  file: string,
  layout: MappingLayout,
  colName: (i: number) => string,
): { ok: true; row: MappingRow } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const cell = (f: MappingField): string | null => {
    const i = layout.at[f];
    if (i === undefined) return null;
    const v = (cells[i] ?? '').trim();
    return v === '' || v.toLowerCase() === 'null' ? null : v;
  };
  const where = (f: MappingField) => {
    const i = layout.at[f];
    if (i === undefined) return f;
    const h = layout.header[i];
    return `${f}${h && h !== f ? ' / ' + h : ''} (${colName(i)})`;
  };
  const bad = (code: Problem['code'], f: MappingField, message: string, fix: string, value?: string | null) =>
    problems.push({ code, file, line, column: where(f), message, fix, value: value ?? undefined });

  const id = cell('fixmedins_hilist_id');
  if (id === null)
    bad(
      'MISSING_VALUE',
      'fixmedins_hilist_id',
      'the HIS item code (院内编码) is empty',
      'Fill in the item code, or delete the line.',
    );
  else if (!HIS_CODE.test(id))
    bad(
      'CODE_SHAPE',
      'fixmedins_hilist_id',
      `"${id}" is not a usable HIS item code (1–30 visible ASCII characters, no spaces)`,
      /E\+\d+$/i.test(id)
        ? 'Excel turned the code into a number: format the column as text and export again.'
        : 'Use the code as the HIS stores it.',
      id,
    );
  const name = cell('fixmedins_hilist_name');
  if (name !== null && name.length > 200)
    bad(
      'BAD_CODE',
      'fixmedins_hilist_name',
      `the name is ${name.length} characters; 3301 accepts 200`,
      'Shorten the name.',
      name.slice(0, 40),
    );
  const ltRaw = cell('list_type');
  const lt = ltRaw === null ? undefined : normalizeListType(ltRaw);
  if (ltRaw === null)
    bad(
      'MISSING_VALUE',
      'list_type',
      'the catalog type (目录类别) is empty',
      'Write 101 (西药中成药), 102 (中药饮片), 103 (医疗机构制剂), 201 (医疗服务项目) or 301 (医用耗材).',
    );
  else if (!lt)
    bad(
      'BAD_CODE',
      'list_type',
      `"${ltRaw}" is not a catalog type`,
      `Write one of ${Object.entries(LIST_TYPES)
        .map(([k, v]) => `${k} ${v.zh}`)
        .join(', ')}.`,
      ltRaw,
    );
  const code = cell('med_list_codg');
  if (code === null)
    bad(
      'MISSING_VALUE',
      'med_list_codg',
      'the national code (医保编码) is empty',
      'Fill in the national code, or delete the line.',
    );
  else {
    const kind = lt ? kindOfListType(lt) : undefined;
    const k = kind ? KINDS[kind] : undefined;
    const other = Object.values(KINDS).find((o) => o !== k && o.codeShape.test(code));
    if (k && !k.codeShape.test(code))
      bad(
        'CODE_SHAPE',
        'med_list_codg',
        `"${code}" is not shaped like a ${k.label.en} code (${k.codeShapeText})${other ? `; it looks like a ${other.kind} ${other.label.en} code (list_type ${other.list_type})` : ''}`,
        /E\+\d+$/i.test(code)
          ? 'Excel turned the code into a number: format the column as text and export again.'
          : other
            ? `Set list_type to ${other.list_type} (${other.label.zh}), or correct the code.`
            : `Check the code and the catalog type (${lt}).`,
        code,
      );
    else if (!k && !/^[A-Za-z0-9.\-_]{1,50}$/.test(code))
      bad(
        'CODE_SHAPE',
        'med_list_codg',
        `"${code}" is not a national code (letters and digits)`,
        'Check the code.',
        code,
      );
  }
  const bRaw = cell('begndate');
  const begn = bRaw === null ? undefined : parseDay(bRaw, { excelSerial: true });
  if (bRaw === null)
    bad(
      'MISSING_VALUE',
      'begndate',
      'the start date (开始日期) is empty',
      `Write the day the mapping starts, as ${DAY_FORMS}.`,
    );
  else if (!begn) bad('BAD_DATE', 'begndate', `"${bRaw}" is not a date`, `Write the start date as ${DAY_FORMS}.`, bRaw);
  const eRaw = cell('enddate');
  const end = eRaw === null ? null : parseDay(eRaw, { excelSerial: true });
  if (eRaw !== null && !end)
    bad(
      'BAD_DATE',
      'enddate',
      `"${eRaw}" is not a date`,
      `Write the end date as ${DAY_FORMS}, or leave it empty for "until further notice".`,
      eRaw,
    );
  if (begn && end && end < begn)
    bad(
      'BAD_INTERVAL',
      'enddate',
      `the mapping ends (${end}) before it starts (${begn})`,
      'The end must be on or after the start: correct one of them.',
      eRaw,
    );
  if (problems.length) return { ok: false, problems };
  const extra: MappingRow['extra'] = {};
  for (const f of MAPPING_OPTIONAL) {
    const v = cell(f);
    if (v !== null) extra[f] = v;
  }
  return {
    ok: true,
    row: {
      line,
      fixmedins_hilist_id: id!,
      fixmedins_hilist_name: name,
      list_type: lt!,
      med_list_codg: code!,
      begndate: begn!,
      enddate: isOpenEnd(end) ? null : end!,
      extra,
    },
  };
}
