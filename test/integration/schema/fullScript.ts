/**
 * Run a sync script whole, as a DBA who accepts every item would: the safe part, then each
 * needs-review statement uncommented, top to bottom. Statements are taken from the plan and
 * checked to appear in the rendered script exactly so (review ones commented out line by line).
 */
import { expect } from 'vitest';
import { connect } from '../../../src/core/db/index.js';
import {
  changeTitle,
  diffModels,
  introspect,
  makePlan,
  renderScript,
  type Plan,
} from '../../../src/core/schema/index.js';
import { execStatement } from '../../../src/core/schema/exec.js';
import { RENDERERS } from '../../../src/core/schema/sql/index.js';

function commented(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? '--' : `-- ${l}`))
    .join('\n');
}

export interface FullRun {
  plan: Plan;
  script: string;
  statements: number;
  review: number;
  /** Statements the server refused: `#seq section [titles] error` and the statement. */
  failures: string[];
  /** What a fresh diff of the result against the target still lists. */
  left: string[];
}

export async function runFullScript(oldUrl: string, newUrl: string): Promise<FullRun> {
  const oldDb = await connect(oldUrl);
  const newDb = await connect(newUrl);
  try {
    const target = (await introspect(newDb)).model;
    const plan = makePlan((await introspect(oldDb)).model, target, { now: new Date(), hisopsVersion: 'full' });
    const script = renderScript(plan);
    const r = RENDERERS[plan.dialect];
    const failures: string[] = [];
    const runnable = plan.statements.filter((s) => s.sql !== '');
    for (const s of runnable) {
      const text = r.terminate({ sql: s.sql, block: s.block });
      expect(script.includes(s.section === 'safe' ? text : commented(text)), `statement ${s.seq} in the script`).toBe(
        true,
      );
      try {
        await execStatement(oldDb, s.sql);
      } catch (e) {
        failures.push(
          `#${s.seq} ${s.section} [${s.titles.join('; ')}] ${String((e as { sqlMessage?: string }).sqlMessage ?? (e as Error).message).slice(0, 300)}\n    ${s.sql.slice(0, 400)}`,
        );
      }
    }
    const after = diffModels((await introspect(oldDb)).model, target);
    return {
      plan,
      script,
      statements: runnable.length,
      review: runnable.filter((s) => s.section === 'review').length,
      failures,
      left: after.changes.map((c) => changeTitle(c)),
    };
  } finally {
    await oldDb.close();
    await newDb.close();
  }
}
