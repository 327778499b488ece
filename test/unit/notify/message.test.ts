/**
 * The words of a notification for a reconciliation: verdict (平/不平, N 笔单边账), period, top
 * findings, report, in Chinese and English; the fingerprint changes with the findings only.
 */
import { describe, expect, it } from 'vitest';
import { buildMessage, fingerprintOf, type RunFacts } from '../../../src/commands/notifyMessage.js';

const data = {
  begndate: '2026-03-04',
  enddate: '2026-03-04',
  status: 'unbalanced',
  report: '对账-2026-03-04.html',
  findings: [
    { kind: 'center_only', setl_id: 'S1', medfee_sumamt: '268.40' },
    { kind: 'his_only', setl_id: 'S2', medfee_sumamt: '35.00' },
    { kind: 'amount_differs', setl_id: 'S3', medfee_sumamt: '12.00' },
  ],
};
const facts: RunFacts = {
  institution: 'east',
  fixmedins_code: 'H43010000001',
  fixmedins_name: '东院',
  job: 'reconcile',
  runId: '20260305-021000-a1b2c3',
  exit: 3,
  verdict: 'findings',
  event: 'findings',
  data,
  opts: {},
  now: new Date('2026-03-04T18:10:00Z'),
};

describe('buildMessage', () => {
  it('says 不平 and counts 单边账 in Chinese', () => {
    const m = buildMessage(facts, 'zh-CN');
    expect(m.title).toBe('【hisops 通知】东院 · reconcile：不平，2 笔单边账，1 条 amount_differs');
    expect(m.text).toContain('期间：2026-03-04');
    expect(m.text).toContain('- center_only setl_id=S1 268.40');
    expect(m.text).toContain('报告：对账-2026-03-04.html');
    expect(m.event).toMatchObject({
      event: 'findings',
      period: '2026-03-04',
      counts: { center_only: 1, his_only: 1, amount_differs: 1 },
      report: '对账-2026-03-04.html',
      exit_code: 3,
    });
  });
  it('English, a failure and a recovery', () => {
    expect(buildMessage(facts, 'en').title).toBe(
      '[hisops] 东院 · reconcile: unbalanced, 2 one-sided (单边账), 1 amount_differs',
    );
    expect(
      buildMessage(
        {
          ...facts,
          exit: 5,
          verdict: 'failure',
          event: 'failure',
          data: undefined,
          opts: { date: '2026-03-04' },
          errorSummary: 'The center did not answer',
        },
        'zh-CN',
      ).text,
    ).toContain('结论：失败（退出码 5）：The center did not answer');
    expect(
      buildMessage(
        { ...facts, exit: 0, verdict: 'ok', event: 'recovered', data: { ...data, status: 'balanced', findings: [] } },
        'zh-CN',
      ).title,
    ).toBe('【hisops 通知】东院 · reconcile：已恢复：平');
  });
  it('the fingerprint follows period and findings, not the clock or the run', () => {
    const a = fingerprintOf(facts);
    expect(fingerprintOf({ ...facts })).toBe(a);
    expect(fingerprintOf({ ...facts, data: { ...data, findings: data.findings.slice(1) } })).not.toBe(a);
    expect(fingerprintOf({ ...facts, data: { ...data, begndate: '2026-03-05', enddate: '2026-03-05' } })).not.toBe(a);
  });
});
