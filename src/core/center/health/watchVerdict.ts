/**
 * What `center watch` concludes after each probe round: a pure function of the recent probes and
 * the thresholds. The findings' words stay the same while the problem lasts (the measured values
 * are separate fields), so the notification repeat limit sends one alert, not one per round.
 */
import { percentile } from './percentile.js';
import type { WatchSettings } from './watchSettings.js';

export interface Probe {
  /** When the round ended (ms since epoch). */
  at: number;
  ok: boolean;
  /** Durations of the round's calls that got an answer (ms). */
  durations: number[];
  /** The failing call's error code. */
  code?: string;
}

export interface WatchFinding {
  kind: 'center_slow' | 'center_failing';
  message: string;
  p95_ms?: number;
  failures?: number;
  code?: string;
}

export interface WatchVerdict {
  p95_ms: number | null;
  consecutive_failures: number;
  findings: WatchFinding[];
}

export function watchVerdict(probes: readonly Probe[], s: WatchSettings, now: number): WatchVerdict {
  const recent = probes.filter((p) => p.at > now - s.windowMs);
  const p95 = percentile(
    recent.flatMap((p) => p.durations),
    95,
  );
  let failures = 0;
  for (let i = probes.length - 1; i >= 0 && !probes[i]!.ok; i--) failures++;
  const findings: WatchFinding[] = [];
  if (p95 !== null && p95 > s.p95Ms)
    findings.push({ kind: 'center_slow', message: `p95 > ${s.p95Ms} ms`, p95_ms: p95 });
  if (failures >= s.failures)
    findings.push({
      kind: 'center_failing',
      message: `${s.failures}+ failed probes in a row`,
      failures,
      code: probes[probes.length - 1]?.code,
    });
  return { p95_ms: p95, consecutive_failures: failures, findings };
}
