/**
 * `hisops center seed --from-his --lang zh-CN`: what it copied, the planted differences and the next
 * step are told in Chinese (no English sentence); a second run without --force fails in Chinese.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { registerCenter } from '../../src/commands/center.js';
import { connect } from '../../src/core/db/index.js';
import { seedHis, type SeedManifest } from '../../src/core/demo/index.js';
import { englishSentences } from '../helpers/englishSentence.js';
import { runCommands } from '../helpers/runCommands.js';

let dir: string;
let manifest: SeedManifest;

async function run(argv: string[]) {
  const io = memoryIo({ cwd: dir, env: { HISOPS_LANG: 'zh-CN' }, now: () => new Date(2025, 2, 10, 9, 30, 0) });
  return runCommands(io, argv, { center: registerCenter });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-center-seed-zh-'));
  const his = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
  manifest = (await seedHis({ db: his, size: 'small', seed: 3 })).manifest;
  await his.close();
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    'journal:\n  url: sqlite:journal.db\ninstitutions:\n  - name: main\n    fixmedins_code: H43010000001\n    his:\n      url: sqlite:his.db\n      profile: builtin:reference\n    center:\n      url: http://127.0.0.1:9\n      setl_optins: "430100"\n      mdtrtarea_admvs: "430100"\n      insuplc_admdvs: "430100"\n',
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hisops center seed --from-his --lang zh-CN', () => {
  it('tells what it copied and planted in Chinese', async () => {
    const argv = [
      'center',
      'seed',
      '--from-his',
      '--from',
      manifest.startDate,
      '--to',
      manifest.endDate,
      '--plant',
      '4',
      '--ledger',
      'zh.db',
      '--lang',
      'zh-CN',
    ];
    const r = await run(argv);
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toContain('埋入差异 4 处');
    expect(r.out).toContain('中心单边账');
    expect(r.out).toContain('对账结果: 金额不符（amount_mismatch）');
    expect(englishSentences(r.out + r.err)).toEqual([]);
    const again = await run(argv);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/[\u4e00-\u9fff]/);
    expect(englishSentences(again.out + again.err)).toEqual([]);
  });
});
