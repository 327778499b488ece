/**
 * Whether one channel hears about one run: a pure function of the last state kept for
 * (institution, job, channel), the run's verdict and the clock. Repeat limit: a problem is sent
 * once per distinct fingerprint (period, verdict, findings); the same unbalanced day found again
 * every 15 minutes is not sent again. Once a problem was sent, the first clean run sends
 * "recovered" once. A delivery that fails leaves the state as it was, so the next run retries.
 * Quiet hours hold messages back; the next run after them sends what is still owed.
 */
import type { EventKind, Rule } from './settings.js';

export type Verdict = 'ok' | 'findings' | 'failure';

export interface ChannelState {
  /** Fingerprint of the problem last delivered on this channel; null when none is outstanding. */
  sent_fingerprint: string | null;
  last_verdict: Verdict | null;
}

export interface Decision {
  send: boolean;
  event?: EventKind;
  /** Why not (for --verbose and tests). */
  reason?: 'not-a-rule' | 'repeat' | 'quiet-hours' | 'nothing-to-say';
  /** The state to store once the message is delivered (or at once when nothing is sent). */
  next: ChannelState;
}

/** Is this moment inside quiet hours (minutes after local midnight, utcOffset minutes east of UTC)? */
export function inQuietHours(
  now: Date,
  quiet: { from: number; to: number } | undefined,
  utcOffsetMinutes: number,
): boolean {
  if (!quiet || quiet.from === quiet.to) return false;
  const m = (((now.getTime() / 60000 + utcOffsetMinutes) % 1440) + 1440) % 1440;
  return quiet.from < quiet.to ? m >= quiet.from && m < quiet.to : m >= quiet.from || m < quiet.to;
}

export function decide(
  prev: ChannelState | undefined,
  run: { verdict: Verdict; fingerprint: string },
  rule: Rule,
  quiet: boolean,
): Decision {
  const last: ChannelState = prev ?? { sent_fingerprint: null, last_verdict: null };
  if (run.verdict === 'ok') {
    const owed = last.sent_fingerprint !== null;
    const next: ChannelState = { sent_fingerprint: null, last_verdict: 'ok' };
    if (!owed) return { send: false, reason: 'nothing-to-say', next };
    if (!rule.on.includes('recovered')) return { send: false, reason: 'not-a-rule', next };
    if (quiet) return { send: false, reason: 'quiet-hours', next: last };
    return { send: true, event: 'recovered', next };
  }
  const event: EventKind = run.verdict;
  const next: ChannelState = { sent_fingerprint: run.fingerprint, last_verdict: run.verdict };
  if (!rule.on.includes(event))
    return { send: false, reason: 'not-a-rule', next: { ...last, last_verdict: run.verdict } };
  if (last.sent_fingerprint === run.fingerprint) return { send: false, reason: 'repeat', next };
  if (quiet) return { send: false, reason: 'quiet-hours', next: { ...last, last_verdict: run.verdict } };
  return { send: true, event, next };
}
