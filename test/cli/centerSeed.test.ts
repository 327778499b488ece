/**
 * `hisops center seed --from-his`: the demo's SQLite HIS copied into a sandbox ledger with N
 * planted differences; reconcile against a sandbox serving that ledger finds exactly them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { registerCenter } from '../../src/commands/center.js';
import { registerReconcile } from '../../src/commands/reconcile.js';
import { startSandbox, type Sandbox } from '../../src/core/center/sandbox/index.js';
import { connect } from '../../src/core/db/index.js';
import { seedHis, type SeedManifest } from '../../src/core/demo/index.js';
import { runCommands } from '../helpers/runCommands.js';

let dir: string;
let manifest: SeedManifest;
const NOW = new Date(2025, 2, 10, 9, 30, 0);

async function run(argv: string[]) {
  const io = memoryIo({ cwd: dir, env: { HISOPS_LANG: 'en' }, now: () => NOW });
  return runCommands(io, argv, { center: registerCenter, reconcile: registerReconcile });
}

function writeConfig(url: string): void {
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    `journal:
  url: sqlite:journal.db
institutions:
  - name: main
    fixmedins_code: H43010000001
    fixmedins_name: 示例医院
    his:
      url: sqlite:his.db
      profile: builtin:reference
    center:
      url: ${url}
      setl_optins: "430100"
      mdtrtarea_admvs: "430100"
      insuplc_admdvs: "430100"
      timeoutMs: 4000
`,
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-center-seed-'));
  const his = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
  manifest = (await seedHis({ db: his, size: 'small', seed: 3 })).manifest;
  await his.close();
  writeConfig('http://127.0.0.1:9');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function reconcileAgainst(ledger: string) {
  let sb: Sandbox | undefined;
  try {
    sb = await startSandbox({ dataFile: path.join(dir, ledger), admdvs: '430100' });
    writeConfig(sb.url);
    return await run(['reconcile', '--from', manifest.startDate, '--to', manifest.endDate, '--json']);
  } finally {
    await sb?.close();
  }
}

describe('hisops center seed --from-his', () => {
  it('copies the HIS so that reconcile balances', async () => {
    const r = await run([
      'center',
      'seed',
      '--from-his',
      '--from',
      manifest.startDate,
      '--to',
      manifest.endDate,
      '--ledger',
      'plain.db',
      '--json',
    ]);
    expect(r.code, r.err + r.out).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.data.copied).toBeGreaterThan(20);
    expect(doc.data.planted).toEqual([]);
    const rec = await reconcileAgainst('plain.db');
    const res = JSON.parse(rec.out);
    expect(res.data.findings, rec.err).toEqual([]);
    expect(rec.code).toBe(0);
  });

  it('plants N differences, lists them, and reconcile finds exactly those', async () => {
    const r = await run([
      'center',
      'seed',
      '--from-his',
      '--from',
      manifest.startDate,
      '--to',
      manifest.endDate,
      '--plant',
      '8',
      '--ledger',
      'rehearsal.db',
      '--json',
    ]);
    expect(r.code, r.err + r.out).toBe(0);
    const planted = JSON.parse(r.out).data.planted as Array<{
      kind: string;
      finding: string;
      setl_id: string;
      mdtrt_id: string;
      center_setl_id: string | null;
    }>;
    expect(planted.map((p) => p.kind)).toEqual([
      'amount_differs',
      'center_only',
      'his_only',
      'cancelled_at_center',
      'amount_differs',
      'center_only',
      'his_only',
      'cancelled_at_center',
    ]);

    const rec = await reconcileAgainst('rehearsal.db');
    expect(rec.code, rec.err).toBe(3);
    const findings = JSON.parse(rec.out).data.findings as Array<{
      kind: string;
      cause: string;
      setl_id: string | null;
      mdtrt_id: string | null;
    }>;
    expect(findings).toHaveLength(planted.length);
    const matched = new Set<unknown>();
    for (const p of planted) {
      const f = findings.find(
        (x) => x.setl_id === p.setl_id || x.setl_id === p.center_setl_id || x.mdtrt_id === p.mdtrt_id,
      );
      expect(f, `${p.kind} ${p.setl_id}`).toBeDefined();
      expect(f!.kind, `${p.kind} ${p.setl_id}`).toBe(p.finding);
      if (p.kind === 'cancelled_at_center') expect(f!.cause).toBe('cancelled_at_center');
      matched.add(f);
    }
    expect(matched.size).toBe(planted.length);
  });

  it('refuses to overwrite a ledger without --force, and lists the plan for people', async () => {
    const again = await run(['center', 'seed', '--from-his', '--date', manifest.startDate, '--ledger', 'rehearsal.db']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('CENTER_SEED_LEDGER_EXISTS');
    const forced = await run([
      'center',
      'seed',
      '--from-his',
      '--date',
      manifest.startDate,
      '--plant',
      '2',
      '--ledger',
      'rehearsal.db',
      '--force',
    ]);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toContain('amount differs');
    expect(forced.out).toContain('center only');
    expect(forced.out).toMatch(/Next: hisops center serve --data rehearsal\.db/);
    expect((await run(['center', 'seed', '--date', manifest.startDate, '--ledger', 'x.db'])).err).toContain(
      'CENTER_SEED_SOURCE',
    );
    expect(
      (
        await run([
          'center',
          'seed',
          '--from-his',
          '--date',
          manifest.startDate,
          '--plant',
          '100000',
          '--ledger',
          'x.db',
        ])
      ).code,
    ).toBe(2);
    const tooMany = await run([
      'center',
      'seed',
      '--from-his',
      '--date',
      manifest.startDate,
      '--plant',
      '5000',
      '--ledger',
      'x.db',
    ]);
    expect(tooMany.err).toContain('CENTER_SEED_PLANT');
    expect(
      (await run(['center', 'seed', '--from-his', '--from', '2025-01-01', '--to', '2025-03-05', '--ledger', 'x.db']))
        .err,
    ).toContain('CENTER_SEED_RANGE');
    expect(fs.existsSync(path.join(dir, 'x.db'))).toBe(false);
  });
});
