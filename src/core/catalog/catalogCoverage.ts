/**
 * What the imported catalogs say about a national code (the periods each catalog kind holds it
 * valid), and the reasons a mapping's code fails them over a span: not in any catalog, in
 * another catalog than its list_type's, or not valid on some of the days. Pure.
 */
import { describeDays, formatSpan, uncovered, type Span } from './day.js';
import type { Reason } from './intervals.js';
import { KINDS, kindOfListType, LIST_TYPES, type CatalogKind } from './kinds.js';
import type { MappingRow } from './mappingRow.js';

/** What the imported catalogs say about one national code. */
export interface CodeCoverage {
  /** Valid periods per catalog kind holding the code (a kind present with [] = known, never valid). */
  periods: Partial<Record<CatalogKind, Span[]>>;
}

/** undefined = the code is in no imported catalog. */
export type CatalogLookup = (med_list_codg: string) => CodeCoverage | undefined;

/** Reasons a code fails the catalog over a span (empty = fine). */
export function catalogReasons(
  row: Pick<MappingRow, 'list_type' | 'med_list_codg'>,
  span: Span,
  lookup: CatalogLookup,
): Reason[] {
  const kind = kindOfListType(row.list_type);
  if (!kind) return []; // a list type hisops has no catalog for (e.g. 104 民族药): nothing to check against
  const cov = lookup(row.med_list_codg);
  const k = KINDS[kind];
  if (!cov) {
    return [
      {
        code: 'UNKNOWN_NATIONAL_CODE',
        message: `${row.med_list_codg} is not in the imported ${kind} ${k.label.en} catalog (${k.label.zh})`,
        fix: `Check the national code; if it is new, import the latest catalog first (hisops catalog download --kind ${kind}, or catalog import).`,
      },
    ];
  }
  const periods = cov.periods[kind];
  if (!periods) {
    const actual = Object.keys(cov.periods) as CatalogKind[];
    const other = actual[0] ? KINDS[actual[0]] : undefined;
    return [
      {
        code: 'WRONG_LIST_TYPE',
        message:
          `${row.med_list_codg} is a ${other ? `${other.kind} ${other.label.en} code (list_type ${other.list_type})` : 'code of another catalog'}, not ${row.list_type} ${LIST_TYPES[row.list_type]?.zh ?? ''}`.trim(),
        fix: other
          ? `Set list_type to ${other.list_type} (${other.label.zh}) or correct the code.`
          : 'Correct the list_type or the code.',
      },
    ];
  }
  const gaps = uncovered(span, periods);
  if (gaps.length === 0) return [];
  const valid = periods.length ? periods.map(formatSpan).join(', ') : 'never (withdrawn)';
  return [
    {
      code: 'UNCOVERED_DAYS',
      message: `${row.med_list_codg} is not valid in the catalog ${describeDays(gaps)} (valid: ${valid})`,
      fix: 'Shorten the mapping to the days the code is valid, or map the item to the code that replaced it for the other days.',
      uncovered: gaps,
    },
  ];
}
