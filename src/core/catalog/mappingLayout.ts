/**
 * The hospital's mapping sheets (目录对照): which columns hold what. Headers may be the national
 * field names of 3301, the Chinese headers HIS exports use, or anything else named with
 * `--columns`. Pure. One row of a sheet is read by mappingRow.ts.
 */
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
export type MappingField = (typeof MAPPING_FIELDS)[number] | (typeof MAPPING_OPTIONAL)[number];

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

export interface MappingLayout {
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
