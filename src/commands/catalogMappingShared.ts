/**
 * What the `hisops mapping` subcommands share: the column words of their tables, how a validity
 * span is written, how long lists are cut, and the --db option.
 */
import { Option } from 'commander';
import { defineMessages } from '../cli/i18n.js';

defineMessages({
  'mapping.col.line': { en: 'line', zh: '行' },
  'mapping.col.item': { en: 'fixmedins_hilist_id', zh: '院内编码' },
  'mapping.col.code': { en: 'med_list_codg', zh: '医保编码' },
  'mapping.col.valid': { en: 'valid', zh: '有效期' },
  'mapping.col.what': { en: 'what', zh: '内容' },
  'mapping.col.reason': { en: 'reason', zh: '原因' },
  'mapping.col.fix': { en: 'fix', zh: '处理' },
  'mapping.more': { en: '… and {n} more (--json lists them all)', zh: '… 另有 {n} 条（--json 列出全部）' },
});

/** A validity span: one day, begin..end, or begin.. when open-ended. */
export const span = (b: string, e: string | null) => (e ? (b === e ? b : `${b}..${e}`) : `${b}..`);

/** The first rows of a list that a table shows (--json has them all). */
export const first = <T>(xs: readonly T[], n = 30) => xs.slice(0, n);

/** --db of every mapping subcommand (a fresh Option each time: commander owns what it adds). */
export const mappingDbOption = () =>
  new Option(
    '--db <db>',
    'database for the mapping tables (URL or connection name; default: catalog.url, else the HIS)',
  );
