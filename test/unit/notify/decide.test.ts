/**
 * The repeat limit, "recovered" and quiet hours, with a fake clock: the pure decision per channel.
 */
import { describe, expect, it } from 'vitest';
import { decide, inQuietHours, type ChannelState } from '../../../src/core/notify/index.js';

const all = { on: ['findings', 'failure', 'recovered'] as Array<'findings' | 'failure' | 'recovered'> };

/** Runs in sequence, storing the next state only when delivered (or nothing was to be sent). */
function play(
  runs: Array<{ verdict: 'ok' | 'findings' | 'failure'; fp: string; quiet?: boolean; deliveryFails?: boolean }>,
  rule = all,
): string[] {
  let state: ChannelState | undefined;
  const sent: string[] = [];
  for (const r of runs) {
    const d = decide(state, { verdict: r.verdict, fingerprint: r.fp }, rule, !!r.quiet);
    if (d.send && r.deliveryFails) {
      sent.push(`x${d.event}`);
      continue; // state unchanged: retried next run
    }
    if (d.send) sent.push(d.event!);
    state = d.next;
  }
  return sent;
}

describe('decide', () => {
  it('sends an unbalanced day once, again when it changes, and once when it recovers', () => {
    expect(
      play([
        { verdict: 'findings', fp: 'a' },
        { verdict: 'findings', fp: 'a' },
        { verdict: 'findings', fp: 'a' },
        { verdict: 'findings', fp: 'b' },
        { verdict: 'ok', fp: 'z' },
        { verdict: 'ok', fp: 'z' },
      ]),
    ).toEqual(['findings', 'findings', 'recovered']);
  });
  it('a clean run with nothing outstanding says nothing', () => {
    expect(
      play([
        { verdict: 'ok', fp: 'z' },
        { verdict: 'ok', fp: 'z' },
      ]),
    ).toEqual([]);
  });
  it('a failed delivery is retried on the next run, then not repeated', () => {
    expect(
      play([
        { verdict: 'failure', fp: 'f', deliveryFails: true },
        { verdict: 'failure', fp: 'f' },
        { verdict: 'failure', fp: 'f' },
      ]),
    ).toEqual(['xfailure', 'failure']);
  });
  it('a failed "recovered" is retried too', () => {
    expect(
      play([
        { verdict: 'findings', fp: 'a' },
        { verdict: 'ok', fp: 'z', deliveryFails: true },
        { verdict: 'ok', fp: 'z' },
        { verdict: 'ok', fp: 'z' },
      ]),
    ).toEqual(['findings', 'xrecovered', 'recovered']);
  });
  it('quiet hours hold a message back; the first run after them sends it', () => {
    expect(
      play([
        { verdict: 'findings', fp: 'a', quiet: true },
        { verdict: 'findings', fp: 'a', quiet: true },
        { verdict: 'findings', fp: 'a' },
      ]),
    ).toEqual(['findings']);
  });
  it('only the events of the rule are sent; no recovered without a problem sent', () => {
    expect(
      play(
        [
          { verdict: 'findings', fp: 'a' },
          { verdict: 'failure', fp: 'f' },
          { verdict: 'ok', fp: 'z' },
        ],
        { on: ['failure'] },
      ),
    ).toEqual(['failure']);
    expect(
      play(
        [
          { verdict: 'findings', fp: 'a' },
          { verdict: 'ok', fp: 'z' },
        ],
        { on: ['findings'] },
      ),
    ).toEqual(['findings']);
  });
});

describe("inQuietHours (the center's clock, UTC+8)", () => {
  const at = (hhmmUtc: string) => new Date(`2026-03-04T${hhmmUtc}:00Z`);
  const night = { from: 22 * 60, to: 7 * 60 };
  it('wraps past midnight', () => {
    expect(inQuietHours(at('14:30'), night, 480)).toBe(true); // 22:30 in China
    expect(inQuietHours(at('22:59'), night, 480)).toBe(true); // 06:59
    expect(inQuietHours(at('23:00'), night, 480)).toBe(false); // 07:00
    expect(inQuietHours(at('13:59'), night, 480)).toBe(false); // 21:59
  });
  it('a same-day range and none', () => {
    expect(inQuietHours(at('04:00'), { from: 12 * 60, to: 13 * 60 + 30 }, 480)).toBe(true);
    expect(inQuietHours(at('04:00'), undefined, 480)).toBe(false);
  });
});
