/**
 * One row of a hospital's mapping sheet (目录对照) → a mapping or the problems that stop it; the
 * sheet's columns come from mappingLayout.ts. Pure.
 */
import { DAY_FORMS, isOpenEnd, parseDay, type Day } from './day.js';
import { KINDS, kindOfListType, LIST_TYPES, normalizeListType } from './kinds.js';
import { MAPPING_OPTIONAL, type MappingField, type MappingLayout } from './mappingLayout.js';
import type { Problem } from './problems.js';

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

/** One line being read: its cells, where it sits, and the problems found so far. */
interface LineSite {
  cells: readonly string[];
  line: number;
  file: string;
  layout: MappingLayout;
  colName: (i: number) => string;
  problems: Problem[];
}

/** The trimmed cell of a field; empty and `null` read as null. */
function cellOf(site: LineSite, f: MappingField): string | null {
  const i = site.layout.at[f];
  if (i === undefined) return null;
  const v = (site.cells[i] ?? '').trim();
  return v === '' || v.toLowerCase() === 'null' ? null : v;
}

/** How a problem names its column: the field, the sheet's own header, the column's letter. */
function whereOf(site: LineSite, f: MappingField): string {
  const i = site.layout.at[f];
  if (i === undefined) return f;
  const h = site.layout.header[i];
  return `${f}${h && h !== f ? ' / ' + h : ''} (${site.colName(i)})`;
}

function bad(
  site: LineSite,
  code: Problem['code'],
  f: MappingField,
  message: string,
  fix: string,
  value?: string | null,
): void {
  site.problems.push({
    code,
    file: site.file,
    line: site.line,
    column: whereOf(site, f),
    message,
    fix,
    value: value ?? undefined,
  });
}

/** Cells of one line → a mapping, or every problem of the line. */
export function mappingRow(
  cells: readonly string[],
  line: number,
  file: string,
  layout: MappingLayout,
  colName: (i: number) => string,
): { ok: true; row: MappingRow } | { ok: false; problems: Problem[] } {
  const site: LineSite = { cells, line, file, layout, colName, problems: [] };
  const id = checkHisCode(site);
  const name = checkName(site);
  const lt = checkListType(site);
  const code = checkNationalCode(site, lt);
  const begn = checkBegin(site);
  const end = checkEnd(site);
  if (begn && end && end < begn)
    bad(
      site,
      'BAD_INTERVAL',
      'enddate',
      `the mapping ends (${end}) before it starts (${begn})`,
      'The end must be on or after the start: correct one of them.',
      cellOf(site, 'enddate'),
    );
  if (site.problems.length) return { ok: false, problems: site.problems };
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
      extra: optionalFields(site),
    },
  };
}

const EXCEL_NUMBER = /E\+\d+$/i;
const EXCEL_FIX = 'Excel turned the code into a number: format the column as text and export again.';

function checkHisCode(site: LineSite): string | null {
  const id = cellOf(site, 'fixmedins_hilist_id');
  if (id === null)
    bad(
      site,
      'MISSING_VALUE',
      'fixmedins_hilist_id',
      'the HIS item code (院内编码) is empty',
      'Fill in the item code, or delete the line.',
    );
  else if (!HIS_CODE.test(id))
    bad(
      site,
      'CODE_SHAPE',
      'fixmedins_hilist_id',
      `"${id}" is not a usable HIS item code (1–30 visible ASCII characters, no spaces)`,
      EXCEL_NUMBER.test(id) ? EXCEL_FIX : 'Use the code as the HIS stores it.',
      id,
    );
  return id;
}

function checkName(site: LineSite): string | null {
  const name = cellOf(site, 'fixmedins_hilist_name');
  if (name !== null && name.length > 200)
    bad(
      site,
      'BAD_CODE',
      'fixmedins_hilist_name',
      `the name is ${name.length} characters; 3301 accepts 200`,
      'Shorten the name.',
      name.slice(0, 40),
    );
  return name;
}

/** The normalised catalog type, or undefined when it is empty or unknown. */
function checkListType(site: LineSite): string | undefined {
  const ltRaw = cellOf(site, 'list_type');
  const lt = ltRaw === null ? undefined : normalizeListType(ltRaw);
  if (ltRaw === null)
    bad(
      site,
      'MISSING_VALUE',
      'list_type',
      'the catalog type (目录类别) is empty',
      'Write 101 (西药中成药), 102 (中药饮片), 103 (医疗机构制剂), 201 (医疗服务项目) or 301 (医用耗材).',
    );
  else if (!lt)
    bad(
      site,
      'BAD_CODE',
      'list_type',
      `"${ltRaw}" is not a catalog type`,
      `Write one of ${Object.entries(LIST_TYPES)
        .map(([k, v]) => `${k} ${v.zh}`)
        .join(', ')}.`,
      ltRaw,
    );
  return lt;
}

/** The national code, checked against the shape of the catalog type's kind (when known). */
function checkNationalCode(site: LineSite, lt: string | undefined): string | null {
  const code = cellOf(site, 'med_list_codg');
  if (code === null) {
    bad(
      site,
      'MISSING_VALUE',
      'med_list_codg',
      'the national code (医保编码) is empty',
      'Fill in the national code, or delete the line.',
    );
    return code;
  }
  const kind = lt ? kindOfListType(lt) : undefined;
  const k = kind ? KINDS[kind] : undefined;
  const other = Object.values(KINDS).find((o) => o !== k && o.codeShape.test(code));
  if (k && !k.codeShape.test(code))
    bad(
      site,
      'CODE_SHAPE',
      'med_list_codg',
      `"${code}" is not shaped like a ${k.label.en} code (${k.codeShapeText})${other ? `; it looks like a ${other.kind} ${other.label.en} code (list_type ${other.list_type})` : ''}`,
      EXCEL_NUMBER.test(code)
        ? EXCEL_FIX
        : other
          ? `Set list_type to ${other.list_type} (${other.label.zh}), or correct the code.`
          : `Check the code and the catalog type (${lt}).`,
      code,
    );
  else if (!k && !/^[A-Za-z0-9.\-_]{1,50}$/.test(code))
    bad(
      site,
      'CODE_SHAPE',
      'med_list_codg',
      `"${code}" is not a national code (letters and digits)`,
      'Check the code.',
      code,
    );
  return code;
}

function checkBegin(site: LineSite): Day | undefined {
  const bRaw = cellOf(site, 'begndate');
  const begn = bRaw === null ? undefined : parseDay(bRaw, { excelSerial: true });
  if (bRaw === null)
    bad(
      site,
      'MISSING_VALUE',
      'begndate',
      'the start date (开始日期) is empty',
      `Write the day the mapping starts, as ${DAY_FORMS}.`,
    );
  else if (!begn)
    bad(site, 'BAD_DATE', 'begndate', `"${bRaw}" is not a date`, `Write the start date as ${DAY_FORMS}.`, bRaw);
  return begn;
}

/** The end day; null when the cell is empty, undefined when it is not a date. */
function checkEnd(site: LineSite): Day | null | undefined {
  const eRaw = cellOf(site, 'enddate');
  const end = eRaw === null ? null : parseDay(eRaw, { excelSerial: true });
  if (eRaw !== null && !end)
    bad(
      site,
      'BAD_DATE',
      'enddate',
      `"${eRaw}" is not a date`,
      `Write the end date as ${DAY_FORMS}, or leave it empty for "until further notice".`,
      eRaw,
    );
  return end;
}

function optionalFields(site: LineSite): MappingRow['extra'] {
  const extra: MappingRow['extra'] = {};
  for (const f of MAPPING_OPTIONAL) {
    const v = cellOf(site, f);
    if (v !== null) extra[f] = v;
  }
  return extra;
}
