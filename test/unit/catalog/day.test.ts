import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatSpan, isOpenEnd, parseDay, uncovered } from '../../../src/core/catalog/day.js';

describe('parseDay', () => {
  it('reads yyyy-MM-dd (the fast path) as it reads yyyy/MM/dd (through a Date)', () => {
    const p2 = (n: number) => String(n).padStart(2, '0');
    let checked = 0;
    for (const y of [999, 1000, 1900, 1996, 2000, 2023, 2024, 2100, 2400, 9999])
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const slow = parseDay(`${y}/${p2(m)}/${p2(d)}`);
          expect(parseDay(`${y}-${p2(m)}-${p2(d)}`)).toBe(slow?.replace(/\//g, '-'));
          expect(parseDay(`${y}-${p2(m)}-${p2(d)} 12:30:00`)).toBe(slow);
          if (slow) checked++;
        }
    expect(checked).toBeGreaterThan(3000);
  });

  const ok: Array<[string, string, boolean?]> = [
    ['2024-03-01', '2024-03-01'],
    ['2024-03-01 00:00:00', '2024-03-01'],
    ['2024-03-01 8:05', '2024-03-01'],
    ['2024-03-01T08:05:00Z', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024.03.01', '2024-03-01'],
    ['20240301', '2024-03-01'],
    ['20240301120000', '2024-03-01'],
    ['2024年3月1日', '2024-03-01'],
    ['Fri Mar 01 00:00:00 CST 2024', '2024-03-01'],
    ['Wed Mar 03 00:00:00 CST 2021', '2021-03-03'],
    ['  2024-12-31  ', '2024-12-31'],
    ['45352', '2024-03-01', true],
    ['2024-02-29', '2024-02-29'],
  ];
  for (const [raw, day, excel] of ok)
    it(`reads ${JSON.stringify(raw)}`, () => expect(parseDay(raw, { excelSerial: excel })).toBe(day));
  const bad = [
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-03-32',
    'yesterday',
    '',
    '45352',
    '2024-03-01 25:00:00x',
    'Foo Bar 01 00:00:00 CST 2024',
    '1.5E+19',
  ];
  for (const raw of bad) it(`refuses ${JSON.stringify(raw)}`, () => expect(parseDay(raw)).toBeUndefined());
});

describe('day arithmetic', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
  it('treats no end and the far-future sentinels as open', () => {
    expect(isOpenEnd(null)).toBe(true);
    expect(isOpenEnd('2099-12-31')).toBe(true);
    expect(isOpenEnd('9999-12-31')).toBe(true);
    expect(isOpenEnd('2030-12-31')).toBe(false);
  });
});

describe('uncovered', () => {
  const cases: Array<
    [string, { begin: string; end: string | null }, Array<{ begin: string; end: string | null }>, string[]]
  > = [
    ['fully covered', { begin: '2024-01-01', end: '2024-12-31' }, [{ begin: '2020-01-01', end: null }], []],
    ['nothing covers', { begin: '2024-01-01', end: '2024-01-31' }, [], ['2024-01-01..2024-01-31']],
    [
      'covered until an end',
      { begin: '2024-01-01', end: null },
      [{ begin: '2020-01-01', end: '2024-06-30' }],
      ['from 2024-07-01 on'],
    ],
    [
      'starts too late',
      { begin: '2024-01-01', end: '2024-12-31' },
      [{ begin: '2024-03-01', end: null }],
      ['2024-01-01..2024-02-29'],
    ],
    [
      'a hole',
      { begin: '2024-01-01', end: '2024-12-31' },
      [
        { begin: '2024-01-01', end: '2024-03-31' },
        { begin: '2024-05-01', end: null },
      ],
      ['2024-04-01..2024-04-30'],
    ],
    [
      'adjacent periods leave no hole',
      { begin: '2024-01-01', end: null },
      [
        { begin: '2024-01-01', end: '2024-03-31' },
        { begin: '2024-04-01', end: null },
      ],
      [],
    ],
    [
      'overlapping periods in any order',
      { begin: '2024-01-01', end: '2024-12-31' },
      [
        { begin: '2024-06-01', end: '2024-12-31' },
        { begin: '2024-01-01', end: '2024-07-31' },
      ],
      [],
    ],
    [
      'one uncovered day',
      { begin: '2024-01-01', end: '2024-01-03' },
      [
        { begin: '2024-01-01', end: '2024-01-01' },
        { begin: '2024-01-03', end: '2024-01-03' },
      ],
      ['2024-01-02'],
    ],
  ];
  for (const [name, span, cover, want] of cases)
    it(name, () => expect(uncovered(span, cover).map(formatSpan)).toEqual(want));
});
