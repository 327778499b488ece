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

/** Throws (exit 2) when two policies of one insutype are in force on the same day. */
export function checkOverlaps(policies: Policy[]): void {
  const issues: Issue[] = [];
  for (let i = 0; i < policies.length; i++) {
    for (let j = i + 1; j < policies.length; j++) {
      const a = policies[i]!;
      const b = policies[j]!;
      const shared = a.insutypes.filter((t) => b.insutypes.includes(t));
      if (shared.length === 0) continue;
      const aEnd = a.effective.to ?? '9999-12-31';
      const bEnd = b.effective.to ?? '9999-12-31';
      if (a.effective.from <= bEnd && b.effective.from <= aEnd) {
        const aLine = lineOf(a.source.lines, 'effective');
        const later = a.effective.from <= b.effective.from ? b : a;
        const earlier = later === b ? a : b;
        issues.push({
          file: b.source.file, line: lineOf(b.source.lines, 'effective'), field: 'effective',
          message: `effective period ${period(b)} overlaps ${period(a)} of ${where({ file: a.source.file, line: aLine, field: 'effective' })} for insutype ${shared.join(', ')}`,
          fix: `end ${earlier.source.file} the day before ${later.source.file} begins (effective.to: ${dayBefore(later.effective.from)}), or load only one of them`,
          zh: {
            message: `有效期 ${period(b)} 与 ${where({ file: a.source.file, line: aLine, field: 'effective' })} 的 ${period(a)} 重叠（险种 ${shared.join('、')}）`,
            fix: `请让 ${earlier.source.file} 在 ${later.source.file} 开始的前一天结束（effective.to: ${dayBefore(later.effective.from)}），或只加载其中一个`,
          },
        });
      }
    }
  }
  if (issues.length > 0) throw issuesError('POLICY_OVERLAP', 'policies overlap in time', issues);
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
  const loaded = policies.map((p) => `${p.source.file}: insutype ${p.insutypes.join('/')} ${period(p)}`).join('; ') || 'none';
  if (found.length > 1) checkOverlaps(found);
  throw inputError(
    'POLICY_NOT_FOUND',
    `${at}no policy for insutype ${insutype} on ${date.slice(0, 10)}`,
    `load the policy in force on ${date.slice(0, 10)} for insutype ${insutype} (a policy file whose effective period covers it), or correct the date/insutype`,
    `loaded policies: ${loaded}`,
    { insutype, date, ...(place ? { place } : {}) },
  ).zh(`${at}险种 ${insutype} 在 ${date.slice(0, 10)} 没有适用的政策`, `请加载 ${date.slice(0, 10)} 对险种 ${insutype} 有效的政策（有效期覆盖该日的政策文件），或更正日期/险种`, `已加载的政策：${loaded}`);
}

function dayBefore(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}
