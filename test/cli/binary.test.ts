/**
 * A few tests through the real binary (built by `npm test` before vitest runs): the exit codes a
 * cron job sees, and that nothing prompts when there is no terminal.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin', 'hisops.js');

function hisops(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bin-')),
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), CI: 'true', ...(opts.env ?? {}) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the hisops binary', () => {
  it('is built (npm test builds before it runs the tests)', () => {
    expect(fs.existsSync(path.join(root, 'dist', 'main.js'))).toBe(true);
  });

  it('exits 0 for --help and --version', () => {
    expect(hisops(['--help']).code).toBe(0);
    const v = hisops(['--version']);
    expect(v.code).toBe(0);
    expect(v.out.trim()).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  });

  it('stops quietly when its reader goes away (hisops … | head)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" --help | head -n 1`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(r.stdout).toMatch(/^Usage: hisops/);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });

  it('exits 2 for an unknown command', () => {
    const r = hisops(['reconsile']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command');
  });

  it('exits 4 instead of prompting when nobody can answer', () => {
    const r = hisops(['init']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('--yes');
  });

  it('exits 5 with host and port when the HIS database cannot be reached, without echoing the password', () => {
    const r = hisops(['doctor', '--json', '--db', 'postgres://his:SuperSecret@127.0.0.1:1/his'], {
      env: { HISOPS_CENTER_URL: 'http://127.0.0.1:1' },
    });
    expect(r.code).toBe(5);
    const doc = JSON.parse(r.out);
    const his = doc.data.checks.find((c: { check: string }) => c.check === 'HIS database');
    expect(his.ok).toBe(false);
    expect(his.detail).toContain('127.0.0.1:1');
    expect(r.out + r.err).not.toContain('SuperSecret');
  });
});
