import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

describe('config show: the 国密 keys and the province profile', () => {
  it('redacts the SM4 and SM2 keys and names the province as the source of the settings it fills', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-config-gm-'));
    const sm4 = '0123456789abcdeffedcba9876543210';
    const sm2 = 'a'.repeat(63) + 'b';
    const io = memoryIo({
      cwd,
      env: {
        HISOPS_CENTER_PROVINCE: '43',
        HISOPS_CENTER_SM4_KEY: sm4,
        HISOPS_CENTER_SM2_KEY: sm2,
        HISOPS_CENTER_CRYPTO: 'sm4',
      },
    });
    expect(await main(['config', 'show', '--json'], io)).toBe(0);
    const text = io.out();
    expect(text).not.toContain(sm4);
    expect(text).not.toContain(sm2);
    const values = JSON.parse(text).data.values as Record<string, { value: unknown; source: string }>;
    const row = (k: string) => values[k]!;
    expect(row('center.sm4Key')).toMatchObject({ value: '***', source: 'env HISOPS_CENTER_SM4_KEY' });
    expect(row('center.sm2Key')).toMatchObject({ value: '***' });
    expect(row('center.gateway')).toMatchObject({ value: 'hsaf', source: 'province 43 (Hunan)' });
    expect(row('center.appendInfno').source).toBe('province 43 (Hunan)');
    expect(row('center.crypto')).toMatchObject({ value: 'sm4', source: 'env HISOPS_CENTER_CRYPTO' });
  });

  it('a secret key written in hisops.yaml is refused with the file and line', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-config-gm-'));
    fs.writeFileSync(
      path.join(cwd, 'hisops.yaml'),
      'institutions:\n  - name: a\n    center:\n      sm4Key: "0123456789abcdeffedcba9876543210"\n',
    );
    const io = memoryIo({ cwd, env: {} });
    expect(await main(['config', 'show', '--json'], io)).toBe(2);
    expect(io.out()).toMatch(/center\.sm4Key.*secret/);
    expect(io.out()).toMatch(/center\.sm4KeyFile/);
  });
});
