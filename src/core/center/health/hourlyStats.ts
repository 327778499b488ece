/**
 * Latency percentiles per local hour and infno from the latency journal: what `hisops center
 * stats` prints so an engineer can show the center's operator when and how slow it was.
 */
import { localDateTime } from '../../time/index.js';
import type { LatencyRow } from '../client/latencyJournal.js';
import { percentile } from './percentile.js';

export interface HourStats {
  /** "2026-03-04 08:00" in the institution's time zone. */
  hour: string;
  infno: string;
  count: number;
  /** Answered with a refusal (infcode -1): the center was up. */
  refused: number;
  /** No usable answer: timeouts, resets, HTTP and gateway errors. */
  failures: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
}

export function hourlyStats(rows: readonly LatencyRow[], tz: string): HourStats[] {
  const groups = new Map<string, LatencyRow[]>();
  for (const r of rows) {
    const key = `${localDateTime(r.at, tz).slice(0, 13)}:00\u0000${r.infno}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => {
      const [hour, infno] = key.split('\u0000') as [string, string];
      const d = g.map((r) => r.duration_ms);
      return {
        hour,
        infno,
        count: g.length,
        refused: g.filter((r) => r.status === 'refused').length,
        failures: g.filter((r) => r.status !== 'ok' && r.status !== 'refused').length,
        p50_ms: percentile(d, 50),
        p95_ms: percentile(d, 95),
        p99_ms: percentile(d, 99),
        max_ms: d.length ? Math.max(...d) : null,
      };
    });
}
