/** The center's health: latency percentiles, the watch's thresholds and verdict. */
export { percentile } from './percentile.js';
export { parseWatchSettings, WATCH_DEFAULTS, type WatchSettings } from './watchSettings.js';
export { watchVerdict, type Probe, type WatchFinding, type WatchVerdict } from './watchVerdict.js';
export { hourlyStats, type HourStats } from './hourlyStats.js';
