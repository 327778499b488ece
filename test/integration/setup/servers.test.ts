/**
 * The foundation's commands against a real PostgreSQL and MariaDB HIS: init --yes, demo seed into
 * the server, config show, doctor (with the sandbox as the center) — through main() in-process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../../src/main.js';
import { memoryIo } from '../../../src/cli/io.js';
import { startSandbox } from '../../../src/core/center/sandbox/index.js';
import {
  createTempDatabase,
  describeWithMysql,
  describeWithPg,
  type ServerKind,
  type TempDatabase,
} from '../../helpers/servers.js';

function suite(kind: ServerKind) {
  return (baseUrl: string) => {
    let temp: TempDatabase;
    let dir: string;
    let sandbox: Awaited<ReturnType<typeof startSandbox>>;
    const run = async (argv: string[]) => {
      const io = memoryIo({ cwd: dir, env: { HISOPS_CENTER_URL: sandbox.url } });
      const code = await main(argv, io);
      return { code, out: io.out(), err: io.err() };
    };

    beforeAll(async () => {
      temp = await createTempDatabase(kind, baseUrl, 'hisops_t_setup');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), `hisops-setup-${kind}-`));
      sandbox = await startSandbox({ lenientVisits: true, dataFile: ':memory:', port: 0 });
    });
    afterAll(async () => {
      await sandbox?.close();
      await temp?.drop();
    });

    it('init --yes writes a configuration pointing at the server, and config show reads it back', async () => {
      const r = await run(['init', '--yes', '--his-url', temp.url, '--fixmedins-code', 'H43010000001']);
      expect(r.code, r.err).toBe(0);
      const shown = JSON.parse((await run(['config', 'show', '--json'])).out);
      expect(shown.data.values['his.url'].value).toBe(temp.url);
      expect(shown.data.values['his.url'].source).toMatch(/hisops\.yaml:\d+$/);
    });

    it('demo seed fills the reference HIS on the server', async () => {
      const r = await run(['demo', 'seed', '--db', temp.url, '--out', 'seed', '--no-center', '--json']);
      expect(r.code, r.err).toBe(0);
      const doc = JSON.parse(r.out);
      expect(doc.data.manifest.dialect).toBe(kind);
      expect(doc.data.manifest.counts['his_settlement']).toBeGreaterThan(100);
      expect(fs.existsSync(path.join(dir, 'seed', 'seed.json'))).toBe(true);
    });

    it('doctor passes every check against the server HIS and the sandbox center', async () => {
      const r = await run(['doctor', '--json']);
      const doc = JSON.parse(r.out);
      const failed = doc.data.checks.filter((c: { ok: boolean }) => !c.ok);
      expect(failed, JSON.stringify(failed)).toEqual([]);
      expect(r.code).toBe(0);
      expect(doc.data.checks.map((c: { check: string }) => c.check)).toEqual([
        'configuration',
        'HIS profile',
        'HIS database',
        'profile statements',
        'journal',
        'center',
      ]);
    });

    it('doctor reports a broken profile statement with exit 2 (the profile is to be corrected; retrying will not help)', async () => {
      const profile = path.join(dir, 'profiles', 'reference.yaml');
      const text = fs.readFileSync(profile, 'utf8');
      fs.writeFileSync(profile, text.replace(/FROM his_settlement\b/g, 'FROM his_settlement_missing'));
      try {
        const r = await run(['doctor', '--json']);
        expect(r.code).toBe(2);
        const doc = JSON.parse(r.out);
        expect(doc).toMatchObject({ ok: false, error: { code: 'PROFILE_PROBE', fix: expect.any(String) } });
        // One row per failing statement, each with its own error.
        const rows = doc.data.checks.filter((c: { check: string }) => c.check.startsWith('profile statement '));
        expect(rows.length).toBeGreaterThan(1);
        for (const st of rows) {
          expect(st.ok).toBe(false);
          expect(st.detail).toMatch(/his_settlement_missing|does not exist|doesn't exist/);
        }
        expect(rows.map((c: { check: string }) => c.check)).toContain('profile statement settlements_in_period');
      } finally {
        fs.writeFileSync(profile, text);
      }
    });
  };
}

describeWithPg('foundation commands on PostgreSQL', suite('postgres'));
describeWithMysql('foundation commands on MariaDB', suite('mysql'));
