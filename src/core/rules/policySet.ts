/**
 * A set of policies: versions of the same insurance type must not overlap in time, and a
 * settlement picks the one in force on its date.
 */
import { inputError } from '../errors.js';
import { issuesError, lineOf, where, type Issue } from './issues.js';
import { parsePolicy } from './parsePolicy.js';
import type { Policy } from './types.js';

export interface PolicyText {
  text: string;
  fileName: string;
}

/** Parse several policy files and check that their effective periods do not overlap. */
export function parsePolicies(sources: PolicyText[]): Policy[] {
  const policies = sources.map((s) => parsePolicy(s.text, s.fileName));
  checkOverlaps(policies);
  return policies;
}

function period(p: Policy): string {
  return `${p.effective.from}..${p.effective.to ?? 'open'}`;
}

export function covers(p: Policy, date: string): boolean {
  const d = date.slice(0, 10);
  return p.effective.from <= d && (p.effective.to === null || d <= p.effective.to);
}

const OPEN = '9999-12-31';

/**
 * One overlap as an issue whose fix is itself valid: applying it leaves the two files neither
 * overlapping nor with a gap between them (test: apply the fix, check again → clean).
 *   - different starts, the later file runs at least as long: end the earlier one the day before
 *     the later begins;
 *   - the later file lies inside the earlier one: end the earlier before it and let the later run
 *     to the earlier's end;
 *   - same start: the longer one starts the day after the shorter ends; same period: load one.
 */
function overlapIssue(a: Policy, b: Policy, shared: string[]): Issue {
  const aEnd = a.effective.to ?? OPEN;
  const bEnd = b.effective.to ?? OPEN;
  const both = `${a.effective.from > b.effective.from ? a.effective.from : b.effective.from}..${aEnd < bEnd ? (a.effective.to ?? 'open') : (b.effective.to ?? 'open')}`;
  const aWhere = where({ file: a.source.file, line: lineOf(a.source.lines, 'effective'), field: 'effective' });
  const bWhere = where({ file: b.source.file, line: lineOf(b.source.lines, 'effective'), field: 'effective' });
  const message = `effective period ${period(b)} of ${bWhere} overlaps ${period(a)} of ${aWhere} for insutype ${shared.join(', ')}: both are in force ${both}, so a bill dated then has two policies`;
  const messageZh = `${bWhere} 的有效期 ${period(b)} 与 ${aWhere} 的 ${period(a)} 重叠（险种 ${shared.join('、')}）：两者在 ${both} 同时有效，这期间的账单有两个政策`;
  const at = (p: Policy, field: string): Pick<Issue, 'file' | 'line' | 'field'> => ({
    file: p.source.file,
    line: lineOf(p.source.lines, field) ?? lineOf(p.source.lines, 'effective'),
    field,
  });
  if (a.effective.from === b.effective.from) {
    if (aEnd === bEnd) {
      return {
        ...at(b, 'effective'),
        message,
        fix: `the two files have the same period: load only one of them (remove ${b.source.file} or ${a.source.file} from the list)`,
        zh: {
          message: messageZh,
          fix: `两个文件的有效期相同：只加载其中一个（从列表中去掉 ${b.source.file} 或 ${a.source.file}）`,
        },
        edits: [],
      };
    }
    const short = aEnd < bEnd ? a : b;
    const long = short === a ? b : a;
    const from = dayAfter(short.effective.to!);
    return {
      ...at(long, 'effective.from'),
      message,
      fix: `start ${long.source.file} the day after ${short.source.file} ends (effective.from: ${from})`,
      zh: {
        message: messageZh,
        fix: `请让 ${long.source.file} 在 ${short.source.file} 结束的次日开始（effective.from: ${from}）`,
      },
      edits: [{ file: long.source.file, field: 'effective.from', value: from }],
    };
  }
  const later = a.effective.from < b.effective.from ? b : a;
  const earlier = later === b ? a : b;
  const to = dayBefore(later.effective.from);
  const eEnd = earlier.effective.to ?? OPEN;
  const lEnd = later.effective.to ?? OPEN;
  if (lEnd >= eEnd) {
    return {
      ...at(earlier, 'effective.to'),
      message,
      fix: `end ${earlier.source.file} the day before ${later.source.file} begins (effective.to: ${to})`,
      zh: {
        message: messageZh,
        fix: `请让 ${earlier.source.file} 在 ${later.source.file} 开始的前一天结束（effective.to: ${to}）`,
      },
      edits: [{ file: earlier.source.file, field: 'effective.to', value: to }],
    };
  }
  // The later file lies inside the earlier one: ending the earlier alone would leave a gap after it.
  const runTo = earlier.effective.to === null ? 'remove its effective.to' : `effective.to: ${earlier.effective.to}`;
  const runToZh = earlier.effective.to === null ? '删除其 effective.to' : `effective.to: ${earlier.effective.to}`;
  return {
    ...at(earlier, 'effective.to'),
    message,
    fix: `${later.source.file} lies inside ${earlier.source.file}: end ${earlier.source.file} the day before (effective.to: ${to}) and let ${later.source.file} run to its end (${runTo})`,
    zh: {
      message: messageZh,
      fix: `${later.source.file} 位于 ${earlier.source.file} 的有效期之内：请让 ${earlier.source.file} 在其前一天结束（effective.to: ${to}），并让 ${later.source.file} 一直有效到原结束日（${runToZh}）`,
    },
    edits: [
      { file: earlier.source.file, field: 'effective.to', value: to },
      { file: later.source.file, field: 'effective.to', value: earlier.effective.to },
    ],
  };
}

/** Throws (exit 2) when two policies of one insutype are in force on the same day. */
export function checkOverlaps(policies: Policy[]): void {
  const issues: Issue[] = [];
  for (let i = 0; i < policies.length; i++) {
    for (let j = i + 1; j < policies.length; j++) {
      const a = policies[i]!;
      const b = policies[j]!;
      const shared = a.insutypes.filter((t) => b.insutypes.includes(t));
      if (shared.length === 0) continue;
      const aEnd = a.effective.to ?? OPEN;
      const bEnd = b.effective.to ?? OPEN;
      if (a.effective.from <= bEnd && b.effective.from <= aEnd) issues.push(overlapIssue(a, b, shared));
    }
  }
  if (issues.length > 0) throw issuesError('POLICY_OVERLAP', 'policies overlap in time', issues);
}

/** A stretch of days between two versions of one insutype when neither is in force. */
export interface PolicyGap {
  insutype: string;
  from: string;
  to: string;
  /** The issue (on the earlier file's effective.to) with a fix that closes the gap. */
  issue: Issue;
}

/** Gaps between consecutive versions of each insutype (policies that do not overlap). */
export function policyGaps(policies: Policy[]): PolicyGap[] {
  const out: PolicyGap[] = [];
  const types = [...new Set(policies.flatMap((p) => p.insutypes))].sort();
  for (const t of types) {
    const list = policies
      .filter((p) => p.insutypes.includes(t))
      .sort((x, y) => (x.effective.from < y.effective.from ? -1 : 1));
    for (let i = 0; i + 1 < list.length; i++) {
      const p = list[i]!;
      const q = list[i + 1]!;
      if (p.effective.to === null || dayAfter(p.effective.to) >= q.effective.from) continue;
      const from = dayAfter(p.effective.to);
      const to = dayBefore(q.effective.from);
      const fixTo = dayBefore(q.effective.from);
      out.push({
        insutype: t,
        from,
        to,
        issue: {
          file: p.source.file,
          line: lineOf(p.source.lines, 'effective.to') ?? lineOf(p.source.lines, 'effective'),
          field: 'effective.to',
          message: `no policy for insutype ${t} from ${from} to ${to}: ${p.source.file} ends ${p.effective.to} and ${q.source.file} begins ${q.effective.from}; bills dated then cannot be settled`,
          fix: `extend ${p.source.file} to the day before ${q.source.file} begins (effective.to: ${fixTo}), or add a policy for those days`,
          zh: {
            message: `险种 ${t} 在 ${from} 至 ${to} 没有政策：${p.source.file} 于 ${p.effective.to} 结束，${q.source.file} 于 ${q.effective.from} 开始；这期间的账单无法试算`,
            fix: `请把 ${p.source.file} 延长到 ${q.source.file} 开始的前一天（effective.to: ${fixTo}），或为这几天添加政策`,
          },
          edits: [{ file: p.source.file, field: 'effective.to', value: fixTo }],
        },
      });
    }
  }
  return out;
}

export interface BillPlace {
  file: string;
  line: number | null;
  field: string;
}

/** The policy for an insurance type in force on a date; exit 2 naming what was loaded when none is. */
export function selectPolicy(policies: Policy[], insutype: string, date: string, place?: BillPlace): Policy {
  const found = policies.filter((p) => p.insutypes.includes(insutype) && covers(p, date));
  if (found.length === 1) return found[0]!;
  const at = place ? `${where(place)}: ` : '';
  const loaded =
    policies.map((p) => `${p.source.file}: insutype ${p.insutypes.join('/')} ${period(p)}`).join('; ') || 'none';
  if (found.length > 1) checkOverlaps(found);
  throw inputError(
    'POLICY_NOT_FOUND',
    `${at}no policy for insutype ${insutype} on ${date.slice(0, 10)}`,
    `load the policy in force on ${date.slice(0, 10)} for insutype ${insutype} (a policy file whose effective period covers it), or correct the date/insutype`,
    `loaded policies: ${loaded}`,
    { insutype, date, ...(place ? { place } : {}) },
  ).zh(
    `${at}险种 ${insutype} 在 ${date.slice(0, 10)} 没有适用的政策`,
    `请加载 ${date.slice(0, 10)} 对险种 ${insutype} 有效的政策（有效期覆盖该日的政策文件），或更正日期/险种`,
    `已加载的政策：${loaded}`,
  );
}

function dayAfter(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

function dayBefore(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}
