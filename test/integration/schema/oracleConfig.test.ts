/**
 * schema.oracle.maxIdentifier through the CLI: the default (30) shortens generated names, 128
 * keeps them whole, anything else is refused (exit 2, in both languages) before anything is read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { registerSchema } from '../../../src/commands/schema.js';
import { runCommands } from '../../helpers/runCommands.js';
import { SNAPSHOT_FIXTURES } from './helpers.js';

let dir: string;

const run = (argv: string[], env: Record<string, string> = {}) =>
  runCommands(memoryIo({ cwd: dir, env }), argv, { schema: registerSchema });

const hashed = (sql: string) => (sql.match(/\b[A-Z0-9_]+_[0-9A-F]{8}\b/g) ?? []).length;

describe('schema.oracle.maxIdentifier', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-oramax-'));
    for (const v of ['openhospital-1.12.0', 'openhospital-1.14.2'])
      fs.writeFileSync(
        path.join(dir, `${v}.json`),
        zlib.gunzipSync(fs.readFileSync(path.join(SNAPSHOT_FIXTURES, `${v}.snapshot.json.gz`))),
      );
  });
  const args = [
    'schema',
    'diff',
    'openhospital-1.12.0.json',
    'openhospital-1.14.2.json',
    '--format',
    'sql',
    '--dialect',
    'oracle',
  ];

  it('defaults to 30 and takes 128 from the environment or hisops.yaml', async () => {
    const def = await run(args);
    expect(def.code).toBe(3);
    expect(hashed(def.out)).toBeGreaterThan(0);
    expect(def.out).toMatch(/index and constraint names shortened to 30 characters \(schema\.oracle\.maxIdentifier\)/);
    const env = await run(args, { HISOPS_SCHEMA_ORACLE_MAX_IDENTIFIER: '128' });
    expect(hashed(env.out)).toBe(0);
    fs.writeFileSync(path.join(dir, 'hisops.yaml'), 'schema:\n  oracle:\n    maxIdentifier: 128\n');
    try {
      const file = await run(args);
      expect(file.code).toBe(3);
      const body = (t: string) => t.slice(t.indexOf('SAFE PART'));
      expect(body(file.out)).toBe(body(env.out));
    } finally {
      fs.rmSync(path.join(dir, 'hisops.yaml'));
    }
  });

  it('refuses any other value, in English and Chinese', async () => {
    const en = await run(args, { HISOPS_SCHEMA_ORACLE_MAX_IDENTIFIER: '64' });
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/SCHEMA_ORACLE_MAX_IDENTIFIER/);
    expect(en.err).toMatch(/30 or 128/);
    const zh = await run(['--lang', 'zh-CN', ...args], { HISOPS_SCHEMA_ORACLE_MAX_IDENTIFIER: '64' });
    expect(zh.code).toBe(2);
    expect(zh.err).toMatch(/请把 schema\.oracle\.maxIdentifier 设为 30 或 128/);
  });
});
