/**
 * Help in both languages: every command, option and argument has a description in English and in
 * Chinese; `--help --lang zh-CN` holds no English sentence; options are grouped and the global
 * options are shown under every command.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram, main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { walk } from '../../src/cli/helpText.js';

interface Described {
  where: string;
  en: string;
  zh: string;
}

/** Every description of the tree, in both languages, matched by command path and flag. */
async function descriptions(): Promise<Described[]> {
  const collect = async (lang: string): Promise<Map<string, string>> => {
    const m = new Map<string, string>();
    const { program } = await buildProgram(memoryIo(), ['--lang', lang]);
    walk(program, (c: Command) => {
      const at = pathOf(c);
      m.set(`${at} (command)`, c.description());
      for (const o of c.options) m.set(`${at} ${o.long ?? o.short}`, o.description);
      for (const a of c.registeredArguments) m.set(`${at} <${a.name()}>`, a.description);
    });
    return m;
  };
  const en = await collect('en');
  const zh = await collect('zh-CN');
  return [...en.keys()].map((where) => ({ where, en: en.get(where)!, zh: zh.get(where) ?? '' }));
}

function pathOf(c: Command): string {
  const names: string[] = [];
  for (let x: Command | null = c; x?.parent; x = x.parent) names.unshift(x.name());
  return names.join(' ') || 'hisops';
}

const FUNCTION_WORDS = new Set(
  'the a an of to and or for with in on is are be this that from by when not at as each what would will it its into than all any only every which whose after before until without unless'.split(
    ' ',
  ),
);

/** Runs of three or more English words holding a function word: a sentence, not an identifier. */
export function englishSentences(text: string): string[] {
  const runs = text.match(/[A-Za-z']+(?: [A-Za-z']+){2,}/g) ?? [];
  return runs.filter((r) =>
    r
      .toLowerCase()
      .split(' ')
      .some((w) => FUNCTION_WORDS.has(w)),
  );
}

const { program } = await buildProgram(memoryIo());
const paths: string[][] = [];
walk(program, (c) => {
  if (c !== program && c.name() !== 'help') paths.push(pathOf(c).split(' '));
});

const all = await descriptions();

describe('help text in both languages', () => {
  it('covers every command, option and argument', () => {
    expect(all.length).toBeGreaterThan(200);
  });

  it('has a description in English and in Chinese for each, and the Chinese is not the English', () => {
    const missing = all.filter(
      (d) => !d.en.trim() || !d.zh.trim() || (englishSentences(d.en).length > 0 && d.zh === d.en),
    );
    expect(missing.map((d) => d.where)).toEqual([]);
  });

  it('the sentence check itself catches English and lets identifiers pass', () => {
    expect(englishSentences('import the valid rows and set the bad ones aside')).not.toEqual([]);
    expect(englishSentences('hisops catalog import list.csv --encoding gbk --apply')).toEqual([]);
    expect(englishSentences('SET SESSION innodb_strict_mode=0')).toEqual([]);
  });

  it.each(paths.map((p) => [p.join(' ')]))('hisops %s --help --lang zh-CN has no English sentence', async (p) => {
    const io = memoryIo();
    expect(await main([...p.split(' '), '--help', '--lang', 'zh-CN'], io)).toBe(0);
    expect(englishSentences(io.out())).toEqual([]);
  });

  it('groups options (input, output, safety) and shows the global options', async () => {
    const io = memoryIo();
    await main(['catalog', 'import', '--help'], io);
    const out = io.out();
    for (const h of ['Input options:', 'Output options:', 'Safety options', 'Global options']) expect(out).toContain(h);
    expect(out.indexOf('  --apply ')).toBeGreaterThan(out.indexOf('Safety options'));
    expect(out.indexOf('  --reject-file ')).toBeGreaterThan(out.indexOf('Output options:'));
    expect(out.indexOf('  -q, --quiet ')).toBeGreaterThan(out.indexOf('Global options'));
    const zh = memoryIo();
    await main(['catalog', 'import', '--help', '--lang', 'zh-CN'], zh);
    for (const h of ['用法：', '输入选项：', '输出选项：', '安全选项', '全局选项', '示例：'])
      expect(zh.out()).toContain(h);
  });

  it('wraps Chinese help to the width between characters', async () => {
    const { wrapText } = await import('../../src/cli/helpText.js');
    const { displayWidth } = await import('../../src/cli/output.js');
    const text =
      '中心已结算、HIS 待确认：补记 HIS 记录（complete），或在中心撤销（cancel）（默认 stuck.centerOnly：complete）';
    const lines = wrapText(text, 40).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(42);
    for (const l of lines) expect(l).not.toMatch(/^[，。、；：）]|（$/);
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, '')); // nothing lost but spaces at breaks
  });

  it.each([
    [['reconcile', '--bogus'], '未知选项'],
    [['reconcil'], '未知命令'],
    [['catalog', 'import', 'a.csv', '--encoding', 'latin1'], '可选值'],
    [['demo', 'seed'], "未指定必需的选项 '--out <dir>'"],
    [['reconcile', '--date'], "选项 '--date <day>' 缺少取值"],
  ])('usage error of hisops %j is in Chinese under --lang zh-CN (exit 2)', async (argv, words) => {
    const io = memoryIo();
    expect(await main([...argv, '--lang', 'zh-CN'], io)).toBe(2);
    expect(io.err()).toContain(words);
    expect(englishSentences(io.err())).toEqual([]);
  });
});
