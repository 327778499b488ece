/**
 * A policy read from YAML with Chinese in it (the templates' comments) keeps its names in one-byte
 * strings, so a batch's output lines stay one-byte (half the copying, the fast UTF-8 path). Whether
 * a string is one-byte is V8's to say: a child node with --expose-externalize-string asks it, over
 * the build (dist/; build first, as the CLI tests).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const rules = pathToFileURL(path.join(root, 'dist/core/rules/index.js')).href;

function ask(script: string): unknown {
  const out = execFileSync(process.execPath, ['--expose-externalize-string', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('texts read from YAML', () => {
  it('are one-byte when they fit, whatever else the file holds', () => {
    const r = ask(`
      import { readFileSync } from 'node:fs';
      import { parsePolicy, parseBillLine, settleBill, resultJsonBody } from '${rules}';
      const text = readFileSync('templates/policies/employee.yaml', 'utf8');
      const p = parsePolicy(text, 'employee.yaml');
      const bill = readFileSync('test/golden/rules/employee-inpatient.bill.json', 'utf8');
      const b = parseBillLine(JSON.stringify(JSON.parse(bill)), 'bills.ndjson', 1, { policies: [p] });
      const body = resultJsonBody(settleBill(b, [p], { explain: false }));
      const keys = Object.keys(settleBill(b, [p], { explain: false }).accumulators);
      console.log(JSON.stringify({
        fileWide: !isOneByteString(text),
        name: isOneByteString(p.name),
        keys: keys.every((k) => isOneByteString(k)),
        body: isOneByteString(body + ''),
      }));
    `);
    // The file itself is two-byte (it holds Chinese), so the test would see a regression.
    expect(r).toEqual({ fileWide: true, name: true, keys: true, body: true });
  });

  it('keeps text beyond one byte as it is', () => {
    const r = ask(`
      import { parsePolicy } from '${rules}';
      import { readFileSync } from 'node:fs';
      const text = readFileSync('templates/policies/employee.yaml', 'utf8').replace(/^name: .*$/m, 'name: 职工医保');
      const p = parsePolicy(text, 'employee.yaml');
      console.log(JSON.stringify({ name: p.name, oneByte: isOneByteString(p.name) }));
    `);
    expect(r).toEqual({ name: '职工医保', oneByte: false });
  });
});
