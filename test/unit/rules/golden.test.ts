/**
 * Golden bills (test/golden/rules): each bill file is settled with the shipped template its
 * expected file names; the expected amounts were worked by hand (see worked_by_hand in each file).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile, parseBill, resultToJson, settleBill } from '../../../src/core/rules/index.js';

const DIR = 'test/golden/rules';
const bills = readdirSync(DIR).filter((f) => /\.bill\.(json|csv)$/.test(f));

describe('golden bills', () => {
  it('has cases', () => expect(bills.length).toBeGreaterThanOrEqual(2));
  for (const f of bills) {
    it(f, async () => {
      const expected = JSON.parse(
        readFileSync(join(DIR, f.replace(/\.bill\.(json|csv)$/, '.expected.json')), 'utf8'),
      ) as {
        policy: string;
        setlinfo: Record<string, string>;
        accumulators: Record<string, string>;
      };
      const policy = await loadPolicyFile(`templates/policies/${expected.policy}`, (p) => readFileSync(p, 'utf8'));
      const bill = parseBill(readFileSync(join(DIR, f), 'utf8'), f, { policies: [policy] });
      const out = resultToJson(settleBill(bill, [policy])) as {
        setlinfo: Record<string, string>;
        accumulators: Record<string, string>;
      };
      expect(out.setlinfo).toEqual(expected.setlinfo);
      for (const [k, v] of Object.entries(expected.accumulators))
        expect(`${k} ${out.accumulators[k]}`).toBe(`${k} ${v}`);
    });
  }
});
