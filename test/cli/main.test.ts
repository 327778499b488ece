import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-cli-'));
}

async function run(argv: string[], opts: Parameters<typeof memoryIo>[0] = {}) {
  const io = memoryIo({ cwd: opts.cwd ?? tmpDir(), env: opts.env ?? {}, ...opts });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('the command frame', () => {
  it('lists every command group with its purpose and the exit-code table in --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const g of ['init', 'config', 'doctor']) expect(r.out).toMatch(new RegExp(`\\n\\s+${g}\\b`));
    expect(r.out).toContain('Exit codes:');
    for (const code of [0, 1, 2, 3, 4, 5]) expect(r.out).toMatch(new RegExp(`\\n  ${code}  `));
    expect(r.out).toContain('Examples:');
  });

  it('speaks Chinese with --lang zh-CN and with HISOPS_LANG', async () => {
    const a = await run(['--lang', 'zh-CN', '--help']);
    expect(a.out).toContain('退出码');
    const b = await run(['--help'], { env: { HISOPS_LANG: 'zh-CN' } });
    expect(b.out).toContain('医保对账');
    const c = await run(['--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(c.out).toContain('退出码');
  });

  it('answers an unknown command with the closest match and exit 2', async () => {
    const r = await run(['doctr']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'doctr'/);
    expect(r.err).toMatch(/Did you mean doctor\?/);
  });

  it('answers an unknown flag with exit 2, and as a JSON document under --json', async () => {
    const r = await run(['config', 'show', '--jsno']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option '--jsno'/);
    const j = await run(['config', 'show', '--json', '--bogus']);
    expect(j.code).toBe(2);
    const doc = JSON.parse(j.out);
    expect(doc.ok).toBe(false);
    expect(doc.error.code).toBe('USAGE');
  });

  it('prints the version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
