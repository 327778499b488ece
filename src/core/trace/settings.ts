/**
 * The `trace:` section of hisops.yaml, validated here (the config module passes it through as
 * data), with command-line flags on top. Pure.
 *
 *   trace:
 *     concurrency: 4        # requests in flight at once
 *     rate: 10              # requests per second at most (0 = no limit); the center throttles at rush hours
 *     batchSize: 50         # records per 3505A/3502A/3501A request (1 = one record per 3505/3502/3501)
 *     retries: 4            # further attempts after a transient failure (timeout, reset, 5xx, busy)
 *     backoffMs: 500        # first wait before a retry, doubled each time (±25 % jitter)
 *     maxBackoffMs: 8000
 *     lookbackDays: 7       # default window: today and the 7 days before
 *     timeoutMs: 30000      # per request (default: center.timeoutMs)
 *     stockBatch: true      # stock-takes/stock changes as 3501A/3502A (false: one per 3501/3502)
 *     returnBatch: false    # returns as 3506A (true) or one per 3506 (default)
 *     defaults:             # values for required fields the HIS leaves empty
 *       prsc_dr_name: 无
 *       rx_circ_flag: "0"
 */
import { inputError } from '../errors.js';

export interface TraceSettings {
  concurrency: number;
  /** Requests per second (0: unlimited). */
  rate: number;
  batchSize: number;
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  lookbackDays: number;
  timeoutMs?: number;
  /** Stock-takes and stock changes in batches (3501A/3502A; default), or one record per 3501/3502. */
  stockBatch: boolean;
  /** Returns in batches as 3506A (node selinfoDetail, as 3505A), or one per 3506 (default). */
  returnBatch: boolean;
  /** Fill-ins for empty required fields, by national field name. */
  defaults: Record<string, string>;
}

/**
 * Built-in fill-ins. A walk-in sale of a non-prescription drug has no prescriber; the pharmacy
 * window commonly sends 无. rx_circ_flag 0: not a circulated (外配) prescription. hi_feesetl_type,
 * when neither the HIS nor the configuration gives it, follows mdtrt_setl_type (1 insured, 2 self-pay).
 */
export const DEFAULT_FILL: Readonly<Record<string, string>> = {
  prsc_dr_name: '无',
  rx_circ_flag: '0',
  psn_cert_type: '99',
  trdn_flag: '0',
};

export const DEFAULT_SETTINGS: TraceSettings = {
  concurrency: 4,
  rate: 10,
  batchSize: 50,
  retries: 4,
  backoffMs: 500,
  maxBackoffMs: 8000,
  lookbackDays: 7,
  stockBatch: true,
  returnBatch: false,
  defaults: { ...DEFAULT_FILL },
};

/** The settings that are yes/no: true/false, yes/no, 1/0. */
const SWITCHES = new Set(['stockBatch', 'returnBatch']);

function yesNo(key: string, v: unknown, label: string): boolean {
  if (typeof v === 'boolean') return v;
  const t = String(v ?? '')
    .trim()
    .toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(t)) return true;
  if (['false', 'no', '0', 'off'].includes(t)) return false;
  throw inputError(
    'TRACE_SETTING',
    `${label} is ${JSON.stringify(v)}`,
    `Give true or false for trace.${key} (see docs/trace.md).`,
  ).zh(`${label} 为 ${JSON.stringify(v)}`, `trace.${key} 请填写 true 或 false（见 docs/trace.md）。`);
}

const LIMITS: Record<string, { min: number; max: number; int: boolean }> = {
  concurrency: { min: 1, max: 64, int: true },
  rate: { min: 0, max: 10_000, int: false },
  batchSize: { min: 1, max: 1000, int: true },
  retries: { min: 0, max: 20, int: true },
  backoffMs: { min: 0, max: 600_000, int: true },
  maxBackoffMs: { min: 0, max: 3_600_000, int: true },
  lookbackDays: { min: 0, max: 366, int: true },
  timeoutMs: { min: 100, max: 3_600_000, int: true },
};

export type SettingOverrides = Partial<Record<keyof typeof LIMITS, number | string | undefined>>;

/** What a province's center takes (core/config provinces: trace variants), under hisops.yaml and flags. */
export interface TraceVariantDefaults {
  stockBatch?: boolean;
  returnBatch?: boolean;
}

function num(key: string, v: unknown, label: string): number {
  const lim = LIMITS[key]!;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < lim.min || n > lim.max || (lim.int && !Number.isInteger(n))) {
    throw inputError(
      'TRACE_SETTING',
      `${label} is ${JSON.stringify(v)}`,
      `Give ${lim.int ? 'a whole number' : 'a number'} from ${lim.min} to ${lim.max} (see docs/trace.md).`,
    ).zh(
      `${label} 为 ${JSON.stringify(v)}`,
      `请给出 ${lim.min} 到 ${lim.max} 之间的${lim.int ? '整数' : '数'}（见 docs/trace.md）。`,
    );
  }
  return n;
}

/** Settings from the `trace:` section (or undefined) and flags (flags win). */
export function traceSettings(
  section: unknown,
  flags: SettingOverrides = {},
  province: TraceVariantDefaults = {},
): TraceSettings {
  const s: TraceSettings = { ...DEFAULT_SETTINGS, defaults: { ...DEFAULT_FILL } };
  if (province.stockBatch !== undefined) s.stockBatch = province.stockBatch;
  if (province.returnBatch !== undefined) s.returnBatch = province.returnBatch;
  if (section !== undefined && section !== null) {
    if (typeof section !== 'object' || Array.isArray(section)) {
      throw inputError(
        'TRACE_SETTING',
        'The trace: section of hisops.yaml is not a mapping',
        'Write it as keys under trace: (concurrency, rate, batchSize …; see docs/trace.md).',
      ).zh(
        'hisops.yaml 中的 trace: 部分不是映射',
        '请在 trace: 下写键（concurrency、rate、batchSize 等；见 docs/trace.md）。',
      );
    }
    for (const [k, v] of Object.entries(section as Record<string, unknown>)) {
      if (k === 'defaults') {
        if (v === null || v === undefined) continue;
        if (typeof v !== 'object' || Array.isArray(v))
          throw inputError(
            'TRACE_SETTING',
            'trace.defaults in hisops.yaml is not a mapping',
            'Write field: value pairs under trace.defaults, e.g. prsc_dr_name: 无.',
          ).zh(
            'hisops.yaml 中的 trace.defaults 不是映射',
            '请在 trace.defaults 下写 字段: 值，例如 prsc_dr_name: 无。',
          );
        for (const [f, x] of Object.entries(v as Record<string, unknown>)) {
          if (!/^[a-z][a-z0-9_]*$/.test(f))
            throw inputError(
              'TRACE_SETTING',
              `trace.defaults names "${f}", which is not a national field name`,
              'Use the field names of the 3505/3506/3502 inputs (prsc_dr_name, rx_circ_flag, hi_feesetl_type …).',
            ).zh(
              `trace.defaults 中的 "${f}" 不是国家标准字段名`,
              '请使用 3505/3506/3502 入参的字段名（prsc_dr_name、rx_circ_flag、hi_feesetl_type 等）。',
            );
          if (x === null || x === undefined || x === '') delete s.defaults[f];
          else s.defaults[f] = String(x);
        }
        continue;
      }
      if (SWITCHES.has(k)) {
        (s as unknown as Record<string, boolean>)[k] = yesNo(k, v, `hisops.yaml trace.${k}`);
        continue;
      }
      // trace.library (how the four-code library is downloaded) is read by librarySettings.
      if (k === 'library') continue;
      if (!(k in LIMITS)) {
        throw inputError(
          'TRACE_SETTING',
          `hisops.yaml trace.${k} is not a trace setting`,
          `Use ${[...Object.keys(LIMITS), ...SWITCHES].join(', ')} or defaults (see docs/trace.md).`,
        ).zh(
          `hisops.yaml 中的 trace.${k} 不是追溯码设置项`,
          `请使用 ${[...Object.keys(LIMITS), ...SWITCHES].join('、')} 或 defaults（见 docs/trace.md）。`,
        );
      }
      (s as unknown as Record<string, number>)[k] = num(k, v, `hisops.yaml trace.${k}`);
    }
  }
  for (const [k, v] of Object.entries(flags)) {
    if (v === undefined) continue;
    (s as unknown as Record<string, number>)[k] = num(k, v, `--${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`);
  }
  if (s.maxBackoffMs < s.backoffMs) s.maxBackoffMs = s.backoffMs;
  return s;
}
