import { describe, expect, it } from 'vitest';
import type { CodeCoverage } from '../../../src/core/catalog/catalogCoverage.js';
import { planMappings, type StoredMapping } from '../../../src/core/catalog/intervals.js';
import type { MappingRow } from '../../../src/core/catalog/mappingRow.js';
import type { CatalogKind } from '../../../src/core/catalog/kinds.js';
import type { Span } from '../../../src/core/catalog/day.js';

const C1 = 'C0000000000000000001';
const C2 = 'C0000000000000000002';
const C3 = 'C0000000000000000003';
const X1 = 'XA01ABA0000000000000001';

function row(
  line: number,
  id: string,
  code: string,
  begndate: string,
  enddate: string | null = null,
  list_type = '301',
): MappingRow {
  return {
    line,
    fixmedins_hilist_id: id,
    fixmedins_hilist_name: `item ${id}`,
    list_type,
    med_list_codg: code,
    begndate,
    enddate,
    extra: {},
  };
}
function stored(
  id: string,
  code: string,
  begndate: string,
  enddate: string | null = null,
  list_type = '301',
): StoredMapping {
  return {
    fixmedins_hilist_id: id,
    fixmedins_hilist_name: `item ${id}`,
    list_type,
    med_list_codg: code,
    begndate,
    enddate,
    extra: {},
    source: 'old.csv:2',
  };
}

/** The catalog every case sees unless it brings its own. */
const CATALOG: Record<string, Partial<Record<CatalogKind, Span[]>>> = {
  [C1]: { '1306': [{ begin: '2020-01-01', end: null }] },
  [C2]: { '1306': [{ begin: '2020-01-01', end: '2024-12-31' }] },
  [C3]: {
    '1306': [
      { begin: '2024-01-01', end: '2024-03-31' },
      { begin: '2024-05-01', end: null },
    ],
  },
  [X1]: { '1301': [{ begin: '2020-01-01', end: null }] },
  C0000000000000000009: { '1306': [] },
};
const lookup = (code: string): CodeCoverage | undefined => (CATALOG[code] ? { periods: CATALOG[code]! } : undefined);

interface Case {
  name: string;
  rows: MappingRow[];
  stored?: StoredMapping[];
  added?: Array<[line: number, end: string | null]>;
  changed?: Array<[line: number, fields: string[]]>;
  closed?: Array<[id: string, begin: string, newEnd: string, from: 'stored' | 'file']>;
  unchanged?: number[];
  rejected?: Array<[line: number, codes: string[], otherLine?: number]>;
  messages?: Record<number, RegExp>;
}

const cases: Case[] = [
  { name: 'a new mapping with a valid code is added', rows: [row(2, 'A', C1, '2024-01-01')], added: [[2, null]] },
  {
    name: 'a mapping with an end is added with that end',
    rows: [row(2, 'A', C1, '2024-01-01', '2024-06-30')],
    added: [[2, '2024-06-30']],
  },
  {
    name: 'two rows of one item that overlap are both rejected, each naming the other',
    rows: [row(2, 'A', C1, '2024-01-01', '2024-06-30'), row(3, 'A', C3, '2024-06-01', '2024-12-31')],
    rejected: [
      [2, ['OVERLAP'], 3],
      [3, ['OVERLAP'], 2],
    ],
    messages: { 2: /overlaps line 3/, 3: /overlaps line 2/ },
  },
  {
    name: 'two rows starting the same day with different codes are both rejected',
    rows: [row(2, 'A', C1, '2024-01-01'), row(5, 'A', C3, '2024-01-01')],
    rejected: [
      [2, ['OVERLAP'], 5],
      [5, ['OVERLAP'], 2],
    ],
  },
  {
    name: 'the same row written twice: the second is a duplicate',
    rows: [row(2, 'A', C1, '2024-01-01'), row(3, 'A', C1, '2024-01-01')],
    added: [[2, null]],
    rejected: [[3, ['DUPLICATE_KEY'], 2]],
  },
  {
    name: 'a new mapping closes the open stored one the day before it starts',
    rows: [row(2, 'A', C1, '2025-03-01')],
    stored: [stored('A', C3, '2024-05-01')],
    added: [[2, null]],
    closed: [['A', '2024-05-01', '2025-02-28', 'stored']],
  },
  {
    name: 'a new mapping that overlaps a stored mapping with an end is rejected, naming it',
    rows: [row(2, 'A', C1, '2024-03-01')],
    stored: [stored('A', C1, '2024-01-01', '2024-06-30')],
    rejected: [[2, ['OVERLAP']]],
    messages: { 2: /stored mapping 2024-01-01\.\.2024-06-30 → C0000000000000000001 \(from old\.csv:2\)/ },
  },
  {
    name: 'an open row of the file followed by a later row of the file is an overlap, not a closing',
    rows: [row(2, 'A', C1, '2024-01-01'), row(3, 'A', C1, '2024-07-01', '2024-12-31')],
    rejected: [
      [2, ['OVERLAP'], 3],
      [3, ['OVERLAP'], 2],
    ],
  },
  {
    name: 'consecutive rows of the file are fine',
    rows: [row(2, 'A', C1, '2024-01-01', '2024-06-30'), row(3, 'A', C3, '2024-07-01')],
    added: [
      [2, '2024-06-30'],
      [3, null],
    ],
  },
  {
    name: 'same item and start as a stored mapping, new code: changed',
    rows: [row(2, 'A', C1, '2024-01-01')],
    stored: [stored('A', C2, '2024-01-01', '2024-12-31')],
    changed: [[2, ['med_list_codg', 'enddate']]],
  },
  {
    name: 'same item, start and content as stored: unchanged',
    rows: [row(2, 'A', C1, '2024-01-01')],
    stored: [stored('A', C1, '2024-01-01')],
    unchanged: [2],
  },
  {
    name: 'a code in no imported catalog is rejected',
    rows: [row(2, 'A', 'C0000000000000000404', '2024-01-01')],
    rejected: [[2, ['UNKNOWN_NATIONAL_CODE']]],
  },
  {
    name: 'a drug code mapped as a consumable is rejected with the right list_type',
    rows: [row(2, 'A', X1, '2024-01-01')],
    rejected: [[2, ['WRONG_LIST_TYPE']]],
    messages: { 2: /list_type 101/ },
  },
  {
    name: 'days after the code ended are named',
    rows: [row(2, 'A', C2, '2024-06-01', '2025-06-30')],
    rejected: [[2, ['UNCOVERED_DAYS']]],
    messages: { 2: /not valid in the catalog on 2025-01-01\.\.2025-06-30/ },
  },
  {
    name: 'an open mapping to an ended code is uncovered from the day after on',
    rows: [row(2, 'A', C2, '2024-06-01')],
    rejected: [[2, ['UNCOVERED_DAYS']]],
    messages: { 2: /from 2025-01-01 on/ },
  },
  {
    name: 'a gap in the catalog is named',
    rows: [row(2, 'A', C3, '2024-02-01')],
    rejected: [[2, ['UNCOVERED_DAYS']]],
    messages: { 2: /2024-04-01\.\.2024-04-30/ },
  },
  {
    name: 'a withdrawn code covers no day',
    rows: [row(2, 'A', 'C0000000000000000009', '2024-02-01', '2024-02-29')],
    rejected: [[2, ['UNCOVERED_DAYS']]],
    messages: { 2: /2024-02-01\.\.2024-02-29.*never/ },
  },
  {
    name: 'the stored mapping to an ended code is closed the day the new one takes over',
    rows: [row(3, 'A', C1, '2025-01-01')],
    stored: [stored('A', C2, '2024-01-01')],
    added: [[3, null]],
    closed: [['A', '2024-01-01', '2024-12-31', 'stored']],
  },
  {
    name: 'a stored mapping closed by two file rows: the earlier one closes it, the later one must not overlap',
    rows: [row(3, 'A', C1, '2025-01-01', '2025-06-30'), row(4, 'A', C3, '2025-07-01')],
    stored: [stored('A', C2, '2024-01-01')],
    added: [
      [3, '2025-06-30'],
      [4, null],
    ],
    closed: [['A', '2024-01-01', '2024-12-31', 'stored']],
  },
  {
    name: 'a rejected row closes nothing',
    rows: [row(2, 'A', 'C0000000000000000404', '2025-01-01')],
    stored: [stored('A', C1, '2024-01-01')],
    rejected: [[2, ['UNKNOWN_NATIONAL_CODE']]],
    closed: [],
  },
  {
    name: 'once overlapping rows are rejected, the closing they caused is undone',
    rows: [row(3, 'A', C1, '2025-01-01', '2025-06-30'), row(4, 'A', C1, '2025-03-01', '2025-12-31')],
    stored: [stored('A', C2, '2024-01-01')],
    rejected: [
      [3, ['OVERLAP'], 4],
      [4, ['OVERLAP'], 3],
    ],
    closed: [],
  },
  {
    name: 'a row rejected for its code closes nothing, and the next row closes instead',
    rows: [row(3, 'A', 'C0000000000000000404', '2025-01-01'), row(4, 'A', C1, '2025-03-01')],
    stored: [stored('A', C1, '2024-01-01')],
    // row 3 would overlap row 4 only if it stayed: it is rejected for its code first
    added: [[4, null]],
    closed: [['A', '2024-01-01', '2025-02-28', 'stored']],
    rejected: [[3, ['UNKNOWN_NATIONAL_CODE']]],
  },
  {
    name: 'items are independent',
    rows: [row(2, 'A', C1, '2024-01-01'), row(3, 'B', C1, '2024-01-01')],
    added: [
      [2, null],
      [3, null],
    ],
  },
  {
    name: 'a list type without a catalog is not checked',
    rows: [row(2, 'A', 'MZ0001', '2024-01-01', null, '104')],
    added: [[2, null]],
  },
  {
    name: 'an open file row starting before a stored mapping overlaps it',
    rows: [row(2, 'A', C1, '2024-01-01')],
    stored: [stored('A', C1, '2025-01-01')],
    rejected: [[2, ['OVERLAP']]],
    messages: { 2: /stored mapping from 2025-01-01 on/ },
  },
];

describe('planMappings (interval rules)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const plan = planMappings(c.rows, c.stored ?? [], lookup);
      expect(plan.added.map((a) => [a.row.line, a.enddate])).toEqual(c.added ?? []);
      expect(plan.changed.map((a) => [a.row.line, a.fields])).toEqual(c.changed ?? []);
      expect(plan.unchanged.map((r) => r.line)).toEqual(c.unchanged ?? []);
      if (c.closed)
        expect(plan.closed.map((x) => [x.fixmedins_hilist_id, x.begndate, x.newEnd, x.from])).toEqual(c.closed);
      else expect(plan.closed).toEqual([]);
      const rej = plan.rejected.map((r) => {
        const codes = r.reasons.map((x) => x.code);
        const other = r.reasons.find((x) => x.otherLine !== undefined)?.otherLine;
        return other === undefined ? [r.row.line, codes] : [r.row.line, codes, other];
      });
      expect(rej).toEqual(c.rejected ?? []);
      for (const [line, re] of Object.entries(c.messages ?? {})) {
        const r = plan.rejected.find((x) => x.row.line === Number(line));
        expect(r?.reasons.map((x) => x.message).join(' | ')).toMatch(re);
      }
      // Every row ends up in exactly one bucket.
      const lines = [
        ...plan.added.map((a) => a.row.line),
        ...plan.changed.map((a) => a.row.line),
        ...plan.unchanged.map((r) => r.line),
        ...plan.rejected.map((r) => r.row.line),
      ].sort();
      expect(lines).toEqual(c.rows.map((r) => r.line).sort());
    });
  }

  it('never leaves two accepted mappings of an item overlapping (random plans)', async () => {
    const fc = await import('fast-check');
    const day = fc
      .integer({ min: 0, max: 400 })
      .map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86400000).toISOString().slice(0, 10));
    const arbRow = fc.record({
      id: fc.constantFrom('A', 'B'),
      code: fc.constantFrom(C1, C3),
      begin: day,
      len: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 8 }), fc.array(arbRow, { maxLength: 3 }), (rs, ss) => {
        const rows = rs.map((r, i) =>
          row(
            i + 2,
            r.id,
            r.code,
            r.begin,
            r.len === null ? null : new Date(Date.parse(r.begin) + r.len * 86400000).toISOString().slice(0, 10),
          ),
        );
        // Stored mappings are consistent among themselves (as an earlier import left them).
        const st: StoredMapping[] = [];
        for (const s of ss) {
          const end =
            s.len === null ? null : new Date(Date.parse(s.begin) + s.len * 86400000).toISOString().slice(0, 10);
          if (st.some((o) => o.fixmedins_hilist_id === s.id)) continue;
          st.push(stored(s.id, s.code, s.begin, end));
        }
        const plan = planMappings(rows, st, lookup);
        const replaced = new Set(
          plan.changed
            .map((c) => c.before)
            .concat(
              plan.unchanged.map(
                (u) => st.find((s) => s.fixmedins_hilist_id === u.fixmedins_hilist_id && s.begndate === u.begndate)!,
              ),
            ),
        );
        const final = [
          ...st
            .filter((s) => !replaced.has(s))
            .map((s) => ({
              id: s.fixmedins_hilist_id,
              b: s.begndate,
              e:
                plan.closed.find(
                  (c) =>
                    c.from === 'stored' && c.fixmedins_hilist_id === s.fixmedins_hilist_id && c.begndate === s.begndate,
                )?.newEnd ?? s.enddate,
            })),
          ...plan.added.map((a) => ({ id: a.row.fixmedins_hilist_id, b: a.row.begndate, e: a.enddate })),
          ...plan.changed.map((a) => ({ id: a.row.fixmedins_hilist_id, b: a.row.begndate, e: a.enddate })),
          ...plan.unchanged.map((a) => ({ id: a.fixmedins_hilist_id, b: a.begndate, e: a.enddate })),
        ];
        for (const x of final)
          for (const y of final) {
            if (x === y || x.id !== y.id) continue;
            const overlap = x.b <= (y.e ?? '9999') && y.b <= (x.e ?? '9999');
            expect(overlap, JSON.stringify({ x, y, rows, st })).toBe(false);
          }
      }),
      { numRuns: 300 },
    );
  });
});
