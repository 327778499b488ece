/**
 * The language of a run: --lang > HISOPS_LANG > `lang:` in hisops.yaml > the system locale, end to
 * end (help, tables and errors), and `hisops init` writing `lang:` (Chinese unless asked otherwise).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo, type Io } from '../../src/cli/io.js';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-lang-'));
}

async function run(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const io = memoryIo({ cwd, env });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** A folder whose hisops.yaml says `lang: <lang>`, below which commands run. */
function siteWith(lang: string): string {
  const dir = tmpDir();
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    `lang: ${lang}\ninstitutions:\n  - name: main\n    fixmedins_code: H43010000001\n`,
  );
  fs.mkdirSync(path.join(dir, 'sub'));
  return path.join(dir, 'sub');
}

describe('language default', () => {
  it('takes lang: zh-CN from hisops.yaml (found upward) for tables and help, over an English locale', async () => {
    const cwd = siteWith('zh-CN');
    const shown = await run(['config', 'show'], cwd, { LANG: 'en_US.UTF-8' });
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('来源');
    expect(shown.out).not.toContain('source');
    const help = await run(['reconcile', '--help'], cwd, { LANG: 'en_US.UTF-8' });
    expect(help.out).toContain('输入选项：');
  });

  it('lets HISOPS_LANG win over the file, and --lang over both', async () => {
    const cwd = siteWith('zh-CN');
    expect((await run(['config', 'show'], cwd, { HISOPS_LANG: 'en' })).out).toContain('source');
    const en = siteWith('en');
    expect((await run(['config', 'show'], en, { LANG: 'zh_CN.UTF-8' })).out).toContain('source');
    expect((await run(['config', 'show'], en, { HISOPS_LANG: 'zh_CN' })).out).toContain('来源');
    expect((await run(['config', 'show', '--lang', 'zh-CN'], en, { HISOPS_LANG: 'en' })).out).toContain('来源');
    // The spellings detectLang accepts are accepted by the configuration too (zh, zh_CN.UTF-8).
    const short = await run(['config', 'show', '--lang', 'zh'], en);
    expect(short.code).toBe(0);
    expect(short.out).toContain('来源');
    expect((await run(['config', 'show'], en, { HISOPS_LANG: 'zh_CN.UTF-8' })).code).toBe(0);
  });

  it('reads the file named by --config, and falls back to the locale when there is no lang:', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'site.yaml'), '# site\nlang: "zh-CN"   # 输出语言\n');
    expect((await run(['config', 'show', '--config', 'site.yaml'], dir)).out).toContain('来源');
    fs.writeFileSync(path.join(dir, 'hisops.yaml'), 'journal:\n  url: sqlite:j.db\n');
    expect((await run(['config', 'show'], dir, { LANG: 'zh_CN.UTF-8' })).out).toContain('来源');
    expect((await run(['config', 'show'], dir, { LANG: 'C' })).out).toContain('source');
  });

  it("keeps the file's language when the rest of the file or the chosen institution is wrong", async () => {
    const cwd = siteWith('zh-CN');
    const r = await run(['config', 'show'], cwd, { HISOPS_INSTITUTION: 'nowhere' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('处理');
  });

  it("shows errors in the file's language, and a broken file does not stop the error from being shown", async () => {
    const cwd = siteWith('zh-CN');
    const r = await run(['init', '--yes', '--dir', '.', '--fixmedins-code', 'bad code!'], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toContain('处理');
    const broken = tmpDir();
    fs.writeFileSync(
      path.join(broken, 'hisops.yaml'),
      'lang: zh-CN\ninstitutions:\n  - name: main\n    centre:\n      url: http://x\n',
    );
    const b = await run(['config', 'show'], broken);
    expect(b.code).toBe(2);
    expect(b.err).toContain('centre.url');
  });
});

describe('--json stays the same in every language', () => {
  it('doctor names its checks in English under lang: zh-CN', async () => {
    const cwd = siteWith('zh-CN');
    const r = await run(['doctor', '--json', '--db', 'sqlite:missing-dir/none.db'], cwd, {
      HISOPS_CENTER_URL: 'http://127.0.0.1:9',
      HISOPS_CENTER_TIMEOUT_MS: '500',
    });
    const doc = JSON.parse(r.out);
    expect(doc.data.checks.map((c: { check: string }) => c.check)).toContain('configuration');
    expect(doc.data.checks.map((c: { check: string }) => c.check)).toContain('HIS profile');
  });
});

describe('hisops init writes lang:', () => {
  it('Chinese by default when nobody is asked', async () => {
    const dir = tmpDir();
    const r = await run(['init', '--yes', '--json'], dir, { LANG: 'en_US.UTF-8' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).data.lang).toBe('zh-CN');
    expect(fs.readFileSync(path.join(dir, 'hisops.yaml'), 'utf8')).toMatch(/^lang: zh-CN$/m);
    // …and the next run in that folder speaks Chinese.
    expect((await run(['config', 'show'], dir, { LANG: 'en_US.UTF-8' })).out).toContain('来源');
  });

  it('the language asked for with --lang or HISOPS_LANG', async () => {
    const a = tmpDir();
    expect((await run(['init', '--yes', '--lang', 'en'], a)).code).toBe(0);
    expect(fs.readFileSync(path.join(a, 'hisops.yaml'), 'utf8')).toMatch(/^lang: en$/m);
    const b = tmpDir();
    expect((await run(['init', '--yes'], b, { HISOPS_LANG: 'en' })).code).toBe(0);
    expect(fs.readFileSync(path.join(b, 'hisops.yaml'), 'utf8')).toMatch(/^lang: en$/m);
  });

  /** init at a terminal: keys are typed one every 30 ms until the run ends. */
  async function initAtTerminal(dir: string, keys: string[]): Promise<{ code: number; screen: string }> {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    let screen = '';
    const stdout = Object.assign(new Writable({ write: (c, _e, cb) => ((screen += String(c)), cb()) }), {
      isTTY: true,
      columns: 100,
      rows: 40,
    });
    // A terminal outlives each prompt: the prompts end their output stream when they close.
    stdout.end = (() => stdout) as typeof stdout.end;
    const io: Io = {
      stdin,
      stdout,
      stderr: { write: () => true, isTTY: true },
      env: { LANG: 'en_US.UTF-8' },
      cwd: dir,
    };
    const queue = [...keys];
    const typing = setInterval(() => stdin.write(queue.shift() ?? '\r'), 30);
    try {
      return { code: await main(['init'], io), screen };
    } finally {
      clearInterval(typing);
    }
  }

  it('asks the language at a terminal, 中文 first and the default', async () => {
    const dir = tmpDir();
    const r = await initAtTerminal(dir, []);
    expect(r.code).toBe(0);
    expect(r.screen).toContain('中文 (zh-CN)');
    expect(fs.readFileSync(path.join(dir, 'hisops.yaml'), 'utf8')).toMatch(/^lang: zh-CN$/m);
    // The questions after it are in the language chosen.
    expect(r.screen).toContain('定点医药机构编号');
  });

  it('writes lang: en when English is chosen', async () => {
    const dir = tmpDir();
    const r = await initAtTerminal(dir, ['\x1b[B', '\r']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'hisops.yaml'), 'utf8')).toMatch(/^lang: en$/m);
    expect(r.screen).toContain('institution code issued by the center');
  });
});
