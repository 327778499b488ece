/** A missing golden file fails unless HISOPS_UPDATE_GOLDEN=1 writes it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readGolden } from '../../helpers/golden.js';

const saved = process.env.HISOPS_UPDATE_GOLDEN;
afterEach(() => {
  if (saved === undefined) delete process.env.HISOPS_UPDATE_GOLDEN;
  else process.env.HISOPS_UPDATE_GOLDEN = saved;
});

describe('readGolden', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-golden-'));

  it('fails on a missing golden file and writes nothing', () => {
    delete process.env.HISOPS_UPDATE_GOLDEN;
    const file = path.join(dir, 'missing.sql');
    expect(() => readGolden(file, 'SELECT 1;')).toThrow(/missing\.sql is missing.*HISOPS_UPDATE_GOLDEN=1/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('returns the kept text without rewriting it', () => {
    delete process.env.HISOPS_UPDATE_GOLDEN;
    const file = path.join(dir, 'kept.sql');
    fs.writeFileSync(file, 'old');
    expect(readGolden(file, 'new')).toBe('old');
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
  });

  it('writes the golden file under HISOPS_UPDATE_GOLDEN=1', () => {
    process.env.HISOPS_UPDATE_GOLDEN = '1';
    const file = path.join(dir, 'sub', 'new.sql');
    expect(readGolden(file, 'SELECT 2;')).toBe('SELECT 2;');
    expect(fs.readFileSync(file, 'utf8')).toBe('SELECT 2;');
  });
});
