/**
 * Collects the explanation while the engine works: each amount with the rule that made it, the
 * policy line the rule comes from, and the inputs. The engine passes `null` instead of an
 * Explainer when no explanation is wanted, so the fast path builds no strings.
 */
import type { Decimal } from '../money.js';
import { lineOf } from './issues.js';
import type { ExplainEntry, Policy } from './types.js';

export class Explainer {
  readonly entries: ExplainEntry[] = [];
  constructor(private readonly policy: Policy) {}

  /**
   * `rule` is [English, Chinese]; `policyPath` is the policy clause that decided the amount
   * ('inpatient.ratio.by_level.3'), or several — the deciding one first, then the others that took
   * part (the bands, the deductible) —, or null when no policy line is involved.
   */
  add(
    field: string,
    amount: Decimal,
    rule: [string, string],
    policyPath: string | string[] | null,
    inputs: Record<string, string>,
  ): void {
    const paths = policyPath === null ? [] : typeof policyPath === 'string' ? [policyPath] : policyPath;
    const clauses = paths.map((p) => ({ clause: p, source: this.source(p) }));
    this.entries.push({
      field,
      amount,
      rule: rule[0],
      rule_zh: rule[1],
      source: clauses[0]?.source ?? null,
      ...(clauses.length > 0 ? { clauses } : {}),
      inputs,
    });
  }

  source(policyPath: string): string {
    const l = lineOf(this.policy.source.lines, policyPath);
    return `${this.policy.source.file}${l === null ? '' : `:${l}`}`;
  }
}
