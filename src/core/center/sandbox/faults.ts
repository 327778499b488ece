/**
 * Fault injection for the sandbox: per-transaction rules parsed from a compact string (usable on
 * the command line), JSON or YAML, and a plan that decides, request by request, what goes wrong.
 *
 * Compact form — items separated by `,` `;` or new lines:
 *
 *   <infno|*|prefix*>:<kind>[=<param>][@<probability>]
 *
 *   2207:timeout-after-commit@0.2   commit the settlement, then never answer (hold the socket)
 *   2207:timeout-after-commit=reset commit, then destroy the socket
 *   3505:latency=50ms               add 50 ms (also `1s`, `20..80ms` for a uniform range)
 *   3201:error@1                    infcode -1 with a default message (`error=text` sets it)
 *   *:reset@0.05                    destroy the connection before doing anything
 *   2304:gateway=502                HTTP 502 with a non-envelope gateway body (default 500)
 *   1101:timeout                    hold the socket without doing anything (nothing committed)
 *
 * Probability defaults to 1; `@20%` is accepted. Every rule draws from its own seeded stream, one
 * draw per matching request, so a seed and the same sequence of requests reproduce the same faults
 * whatever other transactions do. Latency rules add up; among the other kinds the first rule (in
 * the order written) whose draw hits decides the outcome.
 */
import { parse as parseYaml } from 'yaml';
import { inputError } from '../../errors.js';
import { rngFor, type Rng } from './rng.js';

export const FAULT_KINDS = ['latency', 'error', 'reset', 'gateway', 'timeout', 'timeout-after-commit'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  /** A transaction code, `*` for every one, or a prefix ending in `*` (`35*`). */
  infno: string;
  kind: FaultKind;
  probability: number;
  /** latency: milliseconds (a range draws uniformly between latencyMs and latencyMaxMs). */
  latencyMs?: number;
  latencyMaxMs?: number;
  /** error: the err_msg; gateway: the gateway's message. */
  message?: string;
  /** gateway: the HTTP status (default 500). */
  status?: number;
  /** timeout kinds: keep the socket open until the client gives up (hold) or destroy it (reset). */
  socket?: 'hold' | 'reset';
  /** The rule as written, for reports. */
  text: string;
}

/** What the plan decided for one request. */
export interface FaultDecision {
  latencyMs: number;
  /** The non-latency rule that fires, if any. */
  outcome?: FaultRule;
}

const ALIASES: Record<string, FaultKind> = {
  latency: 'latency',
  delay: 'latency',
  error: 'error',
  reset: 'reset',
  gateway: 'gateway',
  http500: 'gateway',
  'http-500': 'gateway',
  timeout: 'timeout',
  'timeout-before-commit': 'timeout',
  'timeout-after-commit': 'timeout-after-commit',
  'commit-timeout': 'timeout-after-commit',
};

const FIX_ZH =
  '规则写成 <infno>:<kind>[=<param>][@<probability>]，例如 "2207:timeout-after-commit@0.2,3505:latency=50ms,*:reset@0.05"；kind 可为 ' +
  FAULT_KINDS.join('、') +
  '。见 docs/sandbox.md。';
const FIX =
  'Write rules as <infno>:<kind>[=<param>][@<probability>], e.g. "2207:timeout-after-commit@0.2,3505:latency=50ms,*:reset@0.05"; kinds: ' +
  FAULT_KINDS.join(', ') +
  '. See docs/sandbox.md.';

function bad(summary: string, zh: string, why?: string): never {
  throw inputError('SANDBOX_FAULT_SPEC', summary, FIX, why).zh(zh, FIX_ZH);
}

function parseDuration(s: string, rule: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/.exec(s.trim());
  if (!m)
    bad(
      `The fault rule "${rule}" has a duration "${s}" that is not like 50ms or 2s`,
      `故障规则 "${rule}" 的时长 "${s}" 不是 50ms 或 2s 这样的格式`,
    );
  return Math.round(Number(m[1]) * (m[2] === 's' ? 1000 : 1));
}

function parseProbability(s: string, rule: string): number {
  const t = s.trim();
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1) : t);
  const p = pct ? n / 100 : n;
  if (!Number.isFinite(p) || p < 0 || p > 1)
    bad(
      `The fault rule "${rule}" has a probability "${s}" outside 0..1`,
      `故障规则 "${rule}" 的概率 "${s}" 不在 0..1 之间`,
    );
  return p;
}

const INFNO_PATTERN = /^(\*|\d{1,4}\*|\d{4}[A-Z]?)$/;

/** Build one rule from its parts (shared by the compact and the structured forms). */
function makeRule(
  infno: string,
  kindText: string,
  param: string | undefined,
  prob: string | number | undefined,
  text: string,
): FaultRule {
  if (!INFNO_PATTERN.test(infno))
    bad(
      `The fault rule "${text}" names "${infno}", which is not a transaction code, * or a prefix like 35*`,
      `故障规则 "${text}" 中的 "${infno}" 不是交易编号、* 或 35* 这样的前缀`,
    );
  const kind = ALIASES[kindText.trim().toLowerCase()];
  if (!kind)
    bad(`The fault rule "${text}" has an unknown kind "${kindText}"`, `故障规则 "${text}" 的类型 "${kindText}" 未知`);
  const probability =
    prob === undefined
      ? 1
      : typeof prob === 'number'
        ? parseProbability(String(prob), text)
        : parseProbability(prob, text);
  const rule: FaultRule = { infno, kind, probability, text };
  const p = param?.trim();
  switch (kind) {
    case 'latency': {
      if (!p)
        bad(`The fault rule "${text}" needs a duration: latency=50ms`, `故障规则 "${text}" 需要时长：latency=50ms`);
      const range = /^(.+?)\.\.(.+)$/.exec(p);
      if (range) {
        const unit = /(ms|s)$/.exec(range[2]!)?.[1] ?? '';
        rule.latencyMs = parseDuration(/(ms|s)$/.test(range[1]!) ? range[1]! : range[1]! + unit, text);
        rule.latencyMaxMs = parseDuration(range[2]!, text);
        if (rule.latencyMaxMs < rule.latencyMs)
          bad(
            `The fault rule "${text}" has a range whose end is below its start`,
            `故障规则 "${text}" 的范围终点小于起点`,
          );
      } else rule.latencyMs = parseDuration(p, text);
      break;
    }
    case 'error':
      rule.message = p || `sandbox fault: injected error for ${infno}`;
      break;
    case 'gateway': {
      const status = p ? Number(p) : 500;
      if (!Number.isInteger(status) || status < 400 || status > 599)
        bad(
          `The fault rule "${text}" needs an HTTP status 400–599, not "${p}"`,
          `故障规则 "${text}" 需要 400–599 的 HTTP 状态码，而不是 "${p}"`,
        );
      rule.status = status;
      rule.message = `sandbox fault: gateway error ${status}`;
      break;
    }
    case 'timeout':
    case 'timeout-after-commit':
      if (p && p !== 'hold' && p !== 'reset')
        bad(
          `The fault rule "${text}" takes =hold or =reset, not "${p}"`,
          `故障规则 "${text}" 只接受 =hold 或 =reset，而不是 "${p}"`,
        );
      rule.socket = (p as 'hold' | 'reset' | undefined) || 'hold';
      break;
    case 'reset':
      if (p) bad(`The fault rule "${text}" takes no parameter`, `故障规则 "${text}" 不接受参数`);
      break;
  }
  return rule;
}

const COMPACT = /^\s*(\*|[0-9A-Za-z]{1,6}\*?)\s*:\s*([A-Za-z0-9-]+)(?:\s*=\s*([^@]*?))?(?:\s*@\s*([0-9.]+%?))?\s*$/;

function parseCompactItem(item: string): FaultRule {
  const m = COMPACT.exec(item);
  if (!m)
    bad(
      `The fault rule "${item.trim()}" is not of the form <infno>:<kind>[=<param>][@<probability>]`,
      `故障规则 "${item.trim()}" 不是 <infno>:<kind>[=<param>][@<probability>] 格式`,
    );
  return makeRule(m[1]!, m[2]!, m[3], m[4], item.trim());
}

/** A rule written as an object: { infno, kind, probability?, latency?, message?, status?, socket? }. */
function parseObjectRule(o: Record<string, unknown>): FaultRule {
  const infno = String(o.infno ?? '*');
  const kind = String(o.kind ?? '');
  let param: string | undefined;
  if (o.latency !== undefined) param = typeof o.latency === 'number' ? `${o.latency}ms` : String(o.latency);
  else if (o.message !== undefined) param = String(o.message);
  else if (o.status !== undefined) param = String(o.status);
  else if (o.socket !== undefined) param = String(o.socket);
  else if (o.param !== undefined) param = String(o.param);
  const prob = o.probability as string | number | undefined;
  // Written back in the compact form so that formatFaults() round-trips.
  const text = `${infno}:${kind}${param !== undefined ? `=${param}` : ''}${prob !== undefined ? `@${prob}` : ''}`;
  return makeRule(infno, kind, param, prob, text);
}

/** { "2207": "timeout-after-commit@0.2", "*": ["reset@0.05", "latency=5ms"] } */
function parseMap(o: Record<string, unknown>): FaultRule[] {
  const out: FaultRule[] = [];
  for (const [infno, v] of Object.entries(o)) {
    const items = Array.isArray(v) ? v : [v];
    for (const it of items) {
      if (typeof it === 'string') out.push(parseCompactItem(`${infno}:${it}`));
      else if (it && typeof it === 'object') out.push(parseObjectRule({ infno, ...(it as Record<string, unknown>) }));
      else
        bad(
          `The fault rules for "${infno}" hold ${JSON.stringify(it)}, which is not a rule`,
          `"${infno}" 的故障规则含 ${JSON.stringify(it)}，不是规则`,
        );
    }
  }
  return out;
}

function fromStructured(v: unknown): FaultRule[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) {
    return v.flatMap((it) =>
      typeof it === 'string'
        ? parseCompactList(it)
        : it && typeof it === 'object'
          ? [parseObjectRule(it as Record<string, unknown>)]
          : bad(
              `The fault rule ${JSON.stringify(it)} is not a string or an object`,
              `故障规则 ${JSON.stringify(it)} 既不是字符串也不是对象`,
            ),
    );
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.rules)) return fromStructured(o.rules);
    return parseMap(o);
  }
  if (typeof v === 'string') return parseCompactList(v);
  return bad(
    `The fault rules ${JSON.stringify(v)} are not a list, a map or a string`,
    `故障规则 ${JSON.stringify(v)} 不是列表、映射或字符串`,
  );
}

function parseCompactList(s: string): FaultRule[] {
  return s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== '' && !x.startsWith('#'))
    .map(parseCompactItem);
}

export type FaultSpecInput =
  | string
  | readonly (string | Record<string, unknown>)[]
  | Record<string, unknown>
  | readonly FaultRule[]
  | undefined
  | null;

/** Parse fault rules from the compact string form, JSON, YAML or already-structured values. */
export function parseFaults(spec: FaultSpecInput): FaultRule[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec !== 'string') {
    if (
      Array.isArray(spec) &&
      spec.every((r) => r && typeof r === 'object' && 'text' in r && 'kind' in r && 'probability' in r)
    )
      return (spec as FaultRule[]).map((r) => ({ ...r }));
    return fromStructured(spec);
  }
  const t = spec.trim();
  if (t === '' || t === 'none') return [];
  if (t.startsWith('[') || t.startsWith('{')) {
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch (e) {
      bad('The fault rules look like JSON but do not parse', '故障规则看似 JSON，但无法解析', (e as Error).message);
    }
    return fromStructured(v);
  }
  try {
    return parseCompactList(t);
  } catch (compactError) {
    if (!t.includes('\n')) throw compactError;
    let v: unknown;
    try {
      v = parseYaml(t);
    } catch {
      throw compactError;
    }
    return fromStructured(v);
  }
}

/** The compact text of a rule list (what `parseFaults` reads back). */
export function formatFaults(rules: readonly FaultRule[]): string {
  return rules.map((r) => r.text).join(',');
}

function matches(pattern: string, infno: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return infno.startsWith(pattern.slice(0, -1));
  return pattern === infno;
}

/**
 * Decides faults request by request. Each rule owns a stream seeded from (seed, position, text);
 * a matching request always takes exactly two draws from it (hit, and the value inside a latency
 * range), so decisions depend only on how many requests each rule has seen.
 */
export class FaultPlan {
  private readonly streams: Rng[];
  readonly counts: number[];

  constructor(
    readonly rules: readonly FaultRule[],
    readonly seed: number,
  ) {
    this.streams = rules.map((r, i) => rngFor(seed, `${i}:${r.text}`));
    this.counts = rules.map(() => 0);
  }

  decide(infno: string): FaultDecision {
    let latencyMs = 0;
    let outcome: FaultRule | undefined;
    this.rules.forEach((r, i) => {
      if (!matches(r.infno, infno)) return;
      const rng = this.streams[i]!;
      const hit = rng() < r.probability;
      const within = rng();
      if (!hit) return;
      this.counts[i]!++;
      if (r.kind === 'latency') {
        const lo = r.latencyMs ?? 0;
        const hi = r.latencyMaxMs ?? lo;
        latencyMs += Math.round(lo + (hi - lo) * within);
      } else if (!outcome) outcome = r;
    });
    return outcome ? { latencyMs, outcome } : { latencyMs };
  }
}
