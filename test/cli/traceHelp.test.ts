/**
 * `trace upload --help` names every transaction the upload sends — stock-takes (3501) and stock
 * changes (3502) as well as sales and returns — in both languages, so that a reader of the help
 * does not take stock-takes for something the command leaves out; and a mistyped --kind names the
 * kind meant.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

describe('hisops trace upload --help', () => {
  for (const lang of ['en', 'zh-CN']) {
    it(`names 3501, 3502, 3505 and 3506 (${lang})`, async () => {
      const io = memoryIo({ env: { CI: 'true' } });
      await main(['--lang', lang, 'trace', 'upload', '--help'], io);
      const text = io.out() + io.err();
      for (const infno of ['3501', '3502', '3505', '3506']) expect(text).toContain(infno);
    });
  }
});

describe('hisops trace --kind with a mistyped kind', () => {
  it('names the kind meant (stock_count → stock-count), in both languages, exit 2', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-trace-kind-'));
    try {
      fs.writeFileSync(
        path.join(cwd, 'hisops.yaml'),
        'institutions:\n  - name: main\n    fixmedins_code: H43010000001\n    his:\n      url: sqlite:his.db\n',
      );
      fs.writeFileSync(path.join(cwd, 'his.db'), '');
      const en = memoryIo({ cwd, env: { CI: 'true' } });
      expect(await main(['trace', 'check', '--kind', 'stock_count'], en)).toBe(2);
      expect(en.err()).toContain('did you mean stock-count?');
      const zh = memoryIo({ cwd, env: { CI: 'true' } });
      expect(await main(['--lang', 'zh-CN', 'trace', 'upload', '--kind', 'sale,stockin'], zh)).toBe(2);
      expect(zh.err()).toContain('是否应为 stock-in');
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
