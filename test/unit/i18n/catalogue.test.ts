/**
 * The one message catalogue is complete in both languages: every key registered by any command
 * has English and Simplified Chinese words, the Chinese is Chinese, and both name the same
 * {placeholders}.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogEntries } from '../../../src/cli/i18n.js';

/** Commands load some of their modules (and messages) only when they run: load every one. */
const COMMANDS = path.resolve(__dirname, '../../../src/commands');

const CJK = /[\u4e00-\u9fff]/;
/** A label that is the same in both languages: an acronym or code such as HIS or setl_id. */
const SAME_IN_BOTH = /^[A-Z0-9_ .\-/]+$/;
/** A message with no words (a mark and placeholders, e.g. "✗ {n}") reads the same in both languages. */
const noWords = (t: string): boolean => !/[A-Za-z\u4e00-\u9fff]/.test(t.replace(/\{\w+\}/g, ''));
const vars = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('message catalogue', () => {
  let entries: ReturnType<typeof catalogEntries> = [];
  beforeAll(async () => {
    await import('../../../src/main.js');
    for (const f of fs.readdirSync(COMMANDS).filter((n) => n.endsWith('.ts'))) await import(path.join(COMMANDS, f));
    entries = catalogEntries();
  });

  it('holds the messages of every command (loading main registers them)', () => {
    expect(entries.length).toBeGreaterThan(200);
  });

  it('every key has non-empty English and Chinese, and the Chinese has Chinese characters', () => {
    const bad = entries
      .filter(
        ([, m]) =>
          !m.en?.trim() ||
          !m.zh?.trim() ||
          (!CJK.test(m.zh) && !SAME_IN_BOTH.test(m.zh) && !(noWords(m.en) && m.en === m.zh)),
      )
      .map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('both languages use the same placeholders', () => {
    const bad = entries
      .filter(([, m]) => vars(m.en).join() !== vars(m.zh).join())
      .map(([k, m]) => `${k}: ${vars(m.en).join()} / ${vars(m.zh).join()}`);
    expect(bad).toEqual([]);
  });
});
