/**
 * `trace upload --help` names every transaction the upload sends — stock-takes (3501) and stock
 * changes (3502) as well as sales and returns — in both languages, so that a reader of the help
 * does not take stock-takes for something the command leaves out.
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
