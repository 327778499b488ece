import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { makeOut, plainRows } from '../../../src/cli/output.js';
import type { OutStream } from '../../../src/cli/io.js';

function stream(o: { tty?: boolean; columns?: number } = {}): OutStream & { text: () => string } {
  let s = '';
  return { write: (x: string) => (s += x), isTTY: !!o.tty, columns: o.columns, text: () => s };
}

const c = new Chalk({ level: 0 });
const head = ['setl_id', 'mdtrt_id', 'psn_no', 'insutype', 'medfee_sumamt', 'what happened'];
const wide = [
  [
    'S0001',
    'M0001',
    'P0001',
    '310',
    '120.00',
    'the center holds this settlement and the HIS does not: it was settled at the window after the network came back',
  ],
  ['S0002', 'M0002', 'P0002', '390', '35.50', ''],
];

describe('Out under --quiet', () => {
  it('drops tables, key/value blocks, headings, notes and lines; keeps the verdict lines', () => {
    const s = stream();
    const out = makeOut(s, c, false, { quiet: true });
    out.heading('Reconcile');
    out.table(['a', 'b'], [['1', '2']]);
    out.kv([['from', '2025-03-03']]);
    out.note('run r1');
    out.line('details …');
    expect(s.text()).toBe('');
    expect(out.verdicts()).toBe(0);
    out.bad('2 groups do not balance');
    out.ok('uploaded 3 codes');
    expect(s.text()).toBe('✗ 2 groups do not balance\n✓ uploaded 3 codes\n');
    expect(out.verdicts()).toBe(2);
  });

  it('without --quiet everything is written', () => {
    const s = stream();
    const out = makeOut(s, c, false);
    out.table(['a', 'b'], [['1', '2']]);
    out.note('run r1');
    expect(s.text()).toContain('│ 1 │ 2 │');
    expect(s.text()).toContain('run r1');
  });
});

describe('tables on a pipe, a file and a terminal', () => {
  it('a table wider than 120 columns goes to a pipe as one record per line', () => {
    const s = stream();
    makeOut(s, c, false).table(head, wide, { title: 'Findings' });
    const lines = s.text().trimEnd().split('\n');
    expect(lines).toEqual([
      'Findings',
      'setl_id: S0001 · mdtrt_id: M0001 · psn_no: P0001 · insutype: 310 · medfee_sumamt: 120.00 · what happened: ' +
        wide[0]![5],
      'setl_id: S0002 · mdtrt_id: M0002 · psn_no: P0002 · insutype: 390 · medfee_sumamt: 35.50',
    ]);
    expect(s.text()).not.toMatch(/[│┌─]/);
  });

  it('a narrow table stays a grid on a pipe', () => {
    const s = stream();
    makeOut(s, c, false).table(['table', 'rows'], [['his_settlement', 902]]);
    expect(s.text()).toContain('│ his_settlement │ 902  │');
  });

  it('on a terminal the grid wraps to its width', () => {
    for (const columns of [80, 100]) {
      const s = stream({ tty: true, columns });
      makeOut(s, c, false).table(head, wide);
      const lines = s.text().trimEnd().split('\n');
      expect(lines[0]).toMatch(/^┌/);
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
    }
  });

  it('plain rows join multi-line cells and count CJK as values, not widths', () => {
    expect(plainRows(['医保区划', '说明'], [['430100', '第一行\n第二行']])).toBe(
      '医保区划: 430100 · 说明: 第一行 第二行',
    );
  });
});

describe('warnings under --quiet', () => {
  it('a warning is a problem: --quiet still writes it to stderr; with --json it stays in the envelope', async () => {
    const { Ctx } = await import('../../../src/cli/context.js');
    const { memoryIo } = await import('../../../src/cli/io.js');
    const quiet = memoryIo();
    new Ctx(quiet, { quiet: true }, 'en', c, false, 'r1', 'trace upload').warn('3 codes were held back');
    expect(quiet.err()).toBe('! 3 codes were held back\n');
    expect(quiet.out()).toBe('');
    const json = memoryIo();
    const ctx = new Ctx(json, { quiet: true, json: true }, 'en', c, false, 'r1', 'trace upload');
    ctx.warn('3 codes were held back');
    expect(json.err()).toBe('');
    expect(ctx.warnings).toEqual(['3 codes were held back']);
  });
});
