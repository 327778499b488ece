/**
 * The `stuck:` section of hisops.yaml, validated here (the config module passes it through as
 * data), and the duration syntax of `--older-than`.
 *
 *   stuck:
 *     concurrency: 4          # 5203 queries in flight at once
 *     olderThan: 10m          # a pending settlement younger than this may still be in flight
 *     centerOnly: complete    # center settled, HIS pending: complete the HIS row (or cancel)
 *     lockTimeoutMs: 5000     # how long to wait for an HIS row another session holds
 *     patterns:               # center messages (regular expressions) that mean …
 *       absent: ['未查询到', '不存在']
 *       reversed: ['已冲正']
 *       cancelled: ['已撤销']
 */
import { inputError } from '../errors.js';

export interface RefusalPatterns {
  /** The center has no such settlement or transaction. */
  absent: RegExp[];
  /** It was reversed (2601). */
  reversed: RegExp[];
  /** It was cancelled (2208/2305). */
  cancelled: RegExp[];
}

export interface StuckSettings {
  concurrency: number;
  olderThanMs: number;
  centerOnly: 'complete' | 'cancel';
  lockTimeoutMs: number;
  patterns: RefusalPatterns;
}

/**
 * Messages of the sandbox and of the provinces' centers seen in peers' code. A refusal that
 * matches none of them is a refusal: reported, nothing changed.
 */
export const DEFAULT_PATTERNS: RefusalPatterns = {
  absent: [/未查询到/, /不存在/, /无此结算/, /无结算信息/, /no such settlement/i, /not found/i],
  reversed: [/已冲正/, /已被冲正/, /already reversed/i],
  cancelled: [/已撤销/, /已作废/, /already cancelled/i],
};

export const DEFAULT_STUCK: StuckSettings = {
  concurrency: 4,
  olderThanMs: 10 * 60_000,
  centerOnly: 'complete',
  lockTimeoutMs: 5000,
  patterns: DEFAULT_PATTERNS,
};

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** `10m`, `30s`, `2h`, `1d`, `500ms`; a bare number is minutes. */
export function parseDuration(text: string, what = '--older-than'): number {
  const m = DURATION.exec(String(text).trim());
  if (!m)
    throw inputError(
      'STUCK_DURATION',
      `${what} "${text}" is not a duration`,
      'Write it as a number and a unit: 30s, 10m, 2h or 1d (a bare number is minutes).',
    ).zh(`${what} "${text}" 不是时长`, '请写成数字加单位：30s、10m、2h 或 1d（只写数字表示分钟）。');
  const unit = (m[2] ?? 'm').toLowerCase();
  return Math.round(Number(m[1]) * UNIT_MS[unit]!);
}

/** `zh` is the same problem and fix in Chinese: [problem, fix]. */
function fail(field: string, problem: string, fix: string, zh: [string, string]): never {
  throw inputError('STUCK_CONFIG', `stuck.${field} in hisops.yaml ${problem}`, fix).zh(
    `hisops.yaml 中的 stuck.${field} ${zh[0]}`,
    zh[1],
  );
}

function regexList(v: unknown, field: string): RegExp[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map((p) => {
    if (typeof p !== 'string' || p === '')
      fail(
        `patterns.${field}`,
        'must be a list of regular expressions (text)',
        'Write e.g. patterns: { absent: ["未查询到", "不存在"] }.',
        ['必须是正则表达式（文本）的列表', '例如 patterns: { absent: ["未查询到", "不存在"] }。'],
      );
    try {
      return new RegExp(p);
    } catch (e) {
      fail(
        `patterns.${field}`,
        `holds "${p}", which is not a regular expression (${(e as Error).message})`,
        'Correct the expression or quote it.',
        [`中的 "${p}" 不是正则表达式（${(e as Error).message}）`, '请更正该表达式或为其加引号。'],
      );
    }
  });
}

/** Validate the section (undefined → defaults). Unknown keys are refused so that typos show. */
export function parseStuckSettings(section: unknown): StuckSettings {
  if (section === undefined || section === null) return { ...DEFAULT_STUCK };
  if (typeof section !== 'object' || Array.isArray(section))
    fail(
      '',
      'must be a mapping',
      'Write stuck: with keys concurrency, olderThan, centerOnly, lockTimeoutMs, patterns.',
      ['必须是映射', '请在 stuck: 下写 concurrency、olderThan、centerOnly、lockTimeoutMs、patterns 等键。'],
    );
  const s = section as Record<string, unknown>;
  const known = ['concurrency', 'olderThan', 'centerOnly', 'lockTimeoutMs', 'patterns'];
  for (const k of Object.keys(s))
    if (!known.includes(k))
      fail(k, 'is not a known key', `Use one of ${known.join(', ')}.`, [
        '不是已知的键',
        `请使用 ${known.join('、')} 之一。`,
      ]);
  const out: StuckSettings = { ...DEFAULT_STUCK, patterns: { ...DEFAULT_PATTERNS } };
  if (s.concurrency !== undefined) {
    const n = Number(s.concurrency);
    if (!Number.isInteger(n) || n < 1 || n > 64)
      fail('concurrency', `is ${String(s.concurrency)}`, 'Use a whole number from 1 to 64 (default 4).', [
        `为 ${String(s.concurrency)}`,
        '请使用 1 到 64 之间的整数（默认 4）。',
      ]);
    out.concurrency = n;
  }
  if (s.olderThan !== undefined) out.olderThanMs = parseDuration(String(s.olderThan), 'stuck.olderThan');
  if (s.centerOnly !== undefined) {
    if (s.centerOnly !== 'complete' && s.centerOnly !== 'cancel')
      fail(
        'centerOnly',
        `is "${String(s.centerOnly)}"`,
        'Use complete (fill the HIS row from the center) or cancel (cancel at the center).',
        [`为 "${String(s.centerOnly)}"`, '请使用 complete（按医保中心补记 HIS 记录）或 cancel（在医保中心撤销）。'],
      );
    out.centerOnly = s.centerOnly;
  }
  if (s.lockTimeoutMs !== undefined) {
    const n = Number(s.lockTimeoutMs);
    if (!Number.isInteger(n) || n < 0 || n > 600_000)
      fail('lockTimeoutMs', `is ${String(s.lockTimeoutMs)}`, 'Use milliseconds from 0 to 600000 (default 5000).', [
        `为 ${String(s.lockTimeoutMs)}`,
        '请使用 0 到 600000 之间的毫秒数（默认 5000）。',
      ]);
    out.lockTimeoutMs = n;
  }
  if (s.patterns !== undefined) {
    if (typeof s.patterns !== 'object' || s.patterns === null)
      fail('patterns', 'must be a mapping', 'Write patterns: { absent: [...], reversed: [...], cancelled: [...] }.', [
        '必须是映射',
        '请写成 patterns: { absent: [...], reversed: [...], cancelled: [...] }。',
      ]);
    const p = s.patterns as Record<string, unknown>;
    for (const k of Object.keys(p)) {
      if (k !== 'absent' && k !== 'reversed' && k !== 'cancelled')
        fail(`patterns.${k}`, 'is not a known key', 'Use absent, reversed or cancelled.', [
          '不是已知的键',
          '请使用 absent、reversed 或 cancelled。',
        ]);
      out.patterns[k] = regexList(p[k], k);
    }
  }
  return out;
}
