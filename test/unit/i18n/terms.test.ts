/**
 * One label per concept (issue #17, docs/glossary.md): every Chinese text hisops shows — the
 * message catalogue, the help table, the errors' `.zh(…)` words and every other Chinese string in
 * src — avoids the variants the glossary rules out, and reconcile, stuck settlements and trace name
 * the same thing with the same words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogEntries } from '../../../src/cli/i18n.js';
import { HELP_ZH } from '../../../src/cli/helpZh.js';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');
const COMMANDS = path.join(SRC, 'commands');

/** Variants the glossary rules out, with the word to use instead. */
const BANNED: Array<[RegExp, string]> = [
  [/配置档/, '接口配置 (HIS profile) or 配置文件 (hisops.yaml)'],
  [/分割/, '试算/预结算 (settle calc) or 分担 (the fund/self-pay share)'],
  [/被拒(?![收绝])/, '拒收 (the center turned a record down) or 拒绝 (infcode -1)'],
  [/拒收文件/, '校验不通过 (rows set aside by hisops checks are not a center rejection)'],
  [/卡住的?结算/, '单边账'],
  [/单边帐|单边交易/, '单边账'],
  [/待传/, '待上传 (trace) or 待确认 (pending outcome)'],
  [/未决|待定/, '待确认'],
  [/撤消/, '撤销'],
  [/冲销/, '冲正'],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** `where: text` for each Chinese line of the given texts that uses a banned variant. */
function offences(texts: Array<[string, string]>): string[] {
  return texts.flatMap(([where, text]) =>
    BANNED.filter(([re]) => re.test(text)).map(([re, use]) => `${where}: ${re.source} → ${use}`),
  );
}

function linesOf(file: string): Array<[string, string]> {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l, i) => [`${path.relative(ROOT, file)}:${i + 1}`, l] as [string, string]);
}

describe('Chinese terms, one label per concept', () => {
  let entries: ReturnType<typeof catalogEntries> = [];
  beforeAll(async () => {
    await import('../../../src/main.js');
    for (const f of fs.readdirSync(COMMANDS).filter((n) => n.endsWith('.ts'))) await import(path.join(COMMANDS, f));
    entries = catalogEntries();
  });

  it('the scan catches a banned variant', () => {
    expect(
      offences([
        ['x', 'HIS 配置档'],
        ['y', '上传被拒'],
        ['z', '上传被中心拒收'],
        ['w', '预览分割'],
      ]),
    ).toHaveLength(3);
  });

  it('the message catalogue uses no banned variant', () => {
    expect(entries.length).toBeGreaterThan(200);
    expect(offences(entries.map(([k, m]) => [k, m.zh]))).toEqual([]);
  });

  it('the Chinese help table uses no banned variant', () => {
    expect(offences(Object.entries(HELP_ZH))).toEqual([]);
  });

  it('no Chinese text in src (errors’ .zh words, finding words, contract words) uses a banned variant', () => {
    const lines = sourceFiles(SRC)
      .flatMap(linesOf)
      .filter(([, l]) => /[\u4e00-\u9fff]/.test(l));
    expect(lines.length).toBeGreaterThan(500);
    expect(offences(lines)).toEqual([]);
  });

  it('README.zh-CN.md and the docs’ Chinese summaries use no banned variant', () => {
    const docs = fs
      .readdirSync(path.join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md') && f !== 'glossary.md')
      .map((f) => path.join(ROOT, 'docs', f));
    expect(offences([path.join(ROOT, 'README.zh-CN.md'), ...docs].flatMap(linesOf))).toEqual([]);
  });

  /** The catalogue entries of reconcile, stuck settlements and trace (and their summaries in status, demo, notify). */
  const jobs = (prefixes: string[]) => entries.filter(([k]) => prefixes.some((p) => k.startsWith(p)));
  const JOBS = ['rc.', 'stuck.', 'trace.', 'status.', 'demo.', 'notify.', 'verbose.'];

  it('reconcile, stuck and trace call a stuck settlement 单边账', () => {
    const bad = jobs(JOBS).filter(
      ([, m]) => /\bstuck settlements?\b|\bone-sided\b/i.test(m.en) && !m.zh.includes('单边账'),
    );
    expect(bad.map(([k, m]) => `${k}: ${m.zh}`)).toEqual([]);
  });

  it('a pending settlement is 待确认 in reconcile and stuck; trace records not yet sent are 待上传', () => {
    const settle = jobs(['rc.', 'stuck.']).filter(([, m]) => /\bpending\b/i.test(m.en));
    expect(settle.length).toBeGreaterThan(0);
    expect(settle.filter(([, m]) => !m.zh.includes('待确认')).map(([k]) => k)).toEqual([]);
    const trace = jobs(['trace.', 'status.trace']).filter(
      ([, m]) => /\bpending\b|\bdue\b/i.test(m.en) && !/could not be delivered/.test(m.en),
    );
    expect(trace.length).toBeGreaterThan(0);
    expect(trace.filter(([, m]) => !m.zh.includes('待上传')).map(([k, m]) => `${k}: ${m.zh}`)).toEqual([]);
  });

  it('records the center rejected are 拒收 in trace, status, demo and notify; rows hisops set aside are 校验不通过', () => {
    const center = jobs(['trace.', 'status.trace', 'demo.trace', 'notify.', 'mapping.upload']).filter(([, m]) =>
      /\brejected\b/i.test(m.en),
    );
    expect(center.length).toBeGreaterThan(3);
    expect(center.filter(([, m]) => !m.zh.includes('拒收')).map(([k, m]) => `${k}: ${m.zh}`)).toEqual([]);
    const local = jobs(['catalog.', 'cat.', 'mapping.']).filter(
      ([k, m]) => !k.startsWith('mapping.upload') && /\brejected\b|set aside/i.test(m.en),
    );
    expect(local.length).toBeGreaterThan(1);
    expect(local.filter(([, m]) => !m.zh.includes('校验不通过')).map(([k, m]) => `${k}: ${m.zh}`)).toEqual([]);
  });
});
