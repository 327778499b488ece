import { describe, expect, it } from 'vitest';
import { REVERSIBLE_INFNOS } from '../../../src/core/center/index.js';
import {
  mergeCandidates,
  normalizeFinding,
  parseDuration,
  parseStuckSettings,
  selectCandidates,
  inPeriod,
} from '../../../src/core/settle/index.js';
import { call, cand, hisRow } from './fixtures.js';

describe('mergeCandidates', () => {
  it('joins the sources of one settlement call by msgid, and a reconciliation finding by setl_id', () => {
    const m = 'H43010000001202601051000000001';
    const cands = mergeCandidates({
      pending: [hisRow({ msgid: m })],
      orphans: [
        {
          msgid: 'M2',
          infno: '2304',
          his_setl_no: 'HS2',
          mdtrt_id: 'MD2',
          psn_no: 'P2',
          setl_id: null,
          request_time: '2026-01-05 11:00:00',
          response_time: null,
          log_status: 'sent',
          infcode: null,
        },
      ],
      calls: [call({ msgid: m, status: 'ok', output: JSON.stringify({ setlinfo: { setl_id: 'S1' } }) })],
      findings: [
        {
          side: 'center_only',
          setl_id: 'S1',
          msgid: null,
          mdtrt_id: 'MD1',
          psn_no: 'P1',
          infno: null,
          day: '2026-01-05',
        },
        {
          side: 'his_only',
          setl_id: 'S9',
          msgid: null,
          mdtrt_id: 'MD9',
          psn_no: 'P9',
          infno: '2207',
          day: '2026-01-04',
        },
      ],
    });
    expect(cands).toHaveLength(3);
    const [a, b, c] = cands;
    expect(a).toMatchObject({ id: m, setl_id: 'S1', sources: ['his_pending', 'client_journal', 'reconcile'] });
    expect(b).toMatchObject({
      id: 'M2',
      infno: '2304',
      his_setl_no: 'HS2',
      sources: ['his_log'],
      at: '2026-01-05 11:00:00',
    });
    expect(c).toMatchObject({ id: 'S9', msgid: null, sources: ['reconcile'], at: '2026-01-04 00:00:00' });
    expect(inPeriod(c!, '2026-01-05', '2026-01-05')).toBe(false);
    expect(inPeriod(b!, '2026-01-05', '2026-01-05')).toBe(true);
  });

  it("a cancellation's two findings (its original's day, its refund's day) are one candidate, in either order", () => {
    const orphan = {
      msgid: 'M7',
      infno: '2207',
      his_setl_no: 'HS7',
      mdtrt_id: 'MD7',
      psn_no: 'P7',
      setl_id: null,
      request_time: '2026-01-05 11:00:00',
      response_time: null,
      log_status: 'sent',
      infcode: null,
    };
    const refundDay = {
      side: 'center_only' as const,
      setl_id: 'S7',
      msgid: null,
      mdtrt_id: 'MD7',
      psn_no: 'P7',
      infno: null,
      day: '2026-01-09',
      cause: 'cancel_not_recorded',
      related_setl_id: 'R7',
    };
    const origDay = {
      side: 'center_only' as const,
      setl_id: 'S7',
      msgid: 'M7',
      mdtrt_id: 'MD7',
      psn_no: 'P7',
      infno: null,
      day: '2026-01-05',
      cause: 'cancel_not_recorded',
      related_setl_id: null,
    };
    for (const findings of [
      [refundDay, origDay],
      [origDay, refundDay],
    ]) {
      const cands = mergeCandidates({ pending: [], orphans: [orphan], calls: [], findings });
      expect(cands).toHaveLength(1);
      expect(cands[0]).toMatchObject({
        id: 'M7',
        setl_id: 'S7',
        refund_setl_id: 'R7',
        sources: ['his_log', 'reconcile'],
      });
    }
  });

  it('reads reconciliation rows tolerantly and drops the ones that are not one-sided', () => {
    expect(
      normalizeFinding({ kind: 'center_only', center: { setl_id: 'S', msgid: 'M', psn_no: 'P' }, day: '2026-01-05' }),
    ).toMatchObject({ side: 'center_only', setl_id: 'S', msgid: 'M', psn_no: 'P' });
    expect(
      normalizeFinding({ classification: 'his-only', setl_id: 'S2', setl_time: '2026-01-04 09:00:00' }),
    ).toMatchObject({ side: 'his_only', day: '2026-01-04' });
    expect(normalizeFinding({ kind: 'amount_mismatch', setl_id: 'S3' })).toBeNull();
    expect(normalizeFinding({ kind: 'center_only' })).toBeNull();
  });
});

describe('selectCandidates', () => {
  const a = cand({ id: 'MA', msgid: 'MA', setl_id: 'SA', mdtrt_id: 'V1', psn_no: 'P1', his_setl_no: 'HA' });
  const b = cand({ id: 'MB', msgid: 'MB', setl_id: null, mdtrt_id: 'V1', psn_no: 'P2', his_setl_no: 'HB' });
  const none = () => undefined;

  it('takes an id by msgid, setl_id, his_setl_no or a unique visit/person', () => {
    expect(selectCandidates([a, b], ['SA', 'HB'], none, REVERSIBLE_INFNOS).selected.map((c) => c.id)).toEqual([
      'MA',
      'MB',
    ]);
    expect(selectCandidates([a, b], ['P2'], none, REVERSIBLE_INFNOS).selected.map((c) => c.id)).toEqual(['MB']);
  });

  it('refuses an id that matches nothing, several, one already repaired, or a call the center does not allow to reverse', () => {
    const hist = (id: string) =>
      id === 'DONE'
        ? { repaired: { at: '2026-01-05T03:00:00Z', run_id: 'R1', what: 'reverse of a unconfirmed settlement' } }
        : id === 'M2208'
          ? { call: { infno: '2208', status: 'ok' } }
          : undefined;
    const s = selectCandidates([a, b], ['NOPE', 'V1', 'DONE', 'M2208', 'MA'], hist, REVERSIBLE_INFNOS);
    expect(s.selected.map((c) => c.id)).toEqual(['MA']);
    expect(s.problems.map((p) => [p.id, p.reason])).toEqual([
      ['NOPE', 'no_match'],
      ['V1', 'ambiguous'],
      ['DONE', 'already_repaired'],
      ['M2208', 'not_reversible'],
    ]);
    expect(s.problems[1]!.matches).toEqual(['MA', 'MB']);
    expect(s.problems[3]!.message).toMatch(/2601 reverses only 2102, 2207, 2304, 2401/);
  });
});

describe('settings', () => {
  it('parses durations', () => {
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('15')).toBe(900_000);
    expect(parseDuration('0')).toBe(0);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });

  it('validates the stuck section and refuses unknown keys', () => {
    expect(parseStuckSettings(undefined)).toMatchObject({
      concurrency: 4,
      olderThanMs: 600_000,
      centerOnly: 'complete',
      lockTimeoutMs: 5000,
    });
    const s = parseStuckSettings({
      concurrency: 8,
      olderThan: '30m',
      centerOnly: 'cancel',
      patterns: { absent: ['查无此单'] },
    });
    expect(s).toMatchObject({ concurrency: 8, olderThanMs: 1_800_000, centerOnly: 'cancel' });
    expect(s.patterns.absent[0]!.test('查无此单据')).toBe(true);
    expect(s.patterns.reversed.length).toBeGreaterThan(0);
    expect(() => parseStuckSettings({ concurency: 2 })).toThrow(/concurency/);
    const fixOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { fix?: string }).fix;
      }
      return undefined;
    };
    expect(fixOf(() => parseStuckSettings({ concurrency: 0 }))).toMatch(/1 to 64/);
    expect(fixOf(() => parseStuckSettings({ centerOnly: 'maybe' }))).toMatch(/complete/);
    expect(() => parseStuckSettings({ patterns: { absent: ['('] } })).toThrow(/regular expression/);
  });
});
