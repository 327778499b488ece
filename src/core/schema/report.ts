/**
 * The human diff report (`--format text`): counts first, then what is missing, extra and changed
 * per object kind. Returns lines; the command prints them.
 */
import { DIALECT_LABEL } from './labels.js';
import { changeDirection, changeObject, changeTitle, type Change } from './changes.js';
import type { DiffResult } from './diff.js';
import type { ColumnType, DefaultValue } from './model.js';
import { titleZh } from './scriptWords.js';

const ORDER = [
  'table',
  'column',
  'primary key',
  'index',
  'foreign key',
  'check',
  'view',
  'routine',
  'sequence',
  'other',
];
/** The report's words in each language; object kinds and SQL stay as they are. */
const WORDS = {
  en: {
    current: 'current: ',
    target: 'target:  ',
    same: 'The schemas are the same.',
    differences: (n: number) => `${n} difference(s):`,
    missing: 'missing',
    extra: 'extra',
    changed: 'changed',
    head: {
      missing: 'missing in current (target has them)',
      extra: 'extra in current (target does not have them)',
      changed: 'changed',
    },
    object: {} as Record<string, string>,
  },
  'zh-CN': {
    current: '当前：',
    target: '目标：',
    same: '两个表结构相同。',
    differences: (n: number) => `共 ${n} 处差异：`,
    missing: '缺少',
    extra: '多出',
    changed: '变更',
    head: { missing: '当前缺少（目标有）', extra: '当前多出（目标没有）', changed: '有变更' },
    object: {
      table: '表',
      column: '列',
      'primary key': '主键',
      index: '索引',
      'foreign key': '外键',
      check: '检查约束',
      view: '视图',
      routine: '例程',
      sequence: '序列',
      other: '其他',
    } as Record<string, string>,
  },
};

/** A default as SQL would spell it (`—`: none), so a changed default shows what it was and becomes. */
function defaultText(d: DefaultValue | undefined, t: ColumnType): string {
  if (!d) return '—';
  if (d.kind === 'null') return 'DEFAULT NULL';
  if (d.kind === 'expr') return `DEFAULT ${d.sql}`;
  if (d.hex) return `DEFAULT X'${d.value}'`;
  const numeric = /^-?\d+(\.\d+)?$/.test(d.value) && !/char|text|clob|enum|set|string/i.test(t.base);
  return `DEFAULT ${numeric ? d.value : `'${d.value.replace(/'/g, "''")}'`}`;
}

function detail(c: Change): string {
  switch (c.kind) {
    case 'column.alter': {
      const bits: string[] = [];
      if (c.aspects.includes('type')) bits.push(`${c.from.type.native} → ${c.to.type.native}`);
      if (c.aspects.includes('nullable')) bits.push(c.to.nullable ? 'NOT NULL → NULL' : 'NULL → NOT NULL');
      if (c.aspects.includes('default'))
        bits.push(`${defaultText(c.from.default, c.from.type)} → ${defaultText(c.to.default, c.to.type)}`);
      if (c.aspects.includes('charset'))
        bits.push(
          `charset ${c.from.charset ?? ''}/${c.from.collation ?? ''} → ${c.to.charset ?? ''}/${c.to.collation ?? ''}`,
        );
      for (const a of c.aspects) if (!['type', 'nullable', 'default', 'charset'].includes(a)) bits.push(a);
      return bits.join(', ');
    }
    case 'column.add':
      return c.column.type.native;
    case 'index.alter':
      return `(${c.from.columns.map((x) => x.name ?? x.expression).join(', ')}) → (${c.to.columns.map((x) => x.name ?? x.expression).join(', ')})`;
    case 'pk.alter':
      return `(${c.from.columns.join(', ')}) → (${c.to.columns.join(', ')})`;
    case 'table.options':
      return c.aspects.map((a) => (a === 'engine' ? `engine ${c.from.engine} → ${c.to.engine}` : a)).join(', ');
    default:
      return '';
  }
}

export function formatDiffText(diff: DiffResult, lang: 'en' | 'zh-CN' = 'en'): string[] {
  const W = WORDS[lang];
  const name = (o: string) => (W.object[o] ? `${W.object[o]}（${o}）` : o);
  const lines: string[] = [];
  lines.push(`${W.current}${diff.current.display} (${DIALECT_LABEL[diff.current.dialect]})`);
  lines.push(`${W.target}${diff.target.display} (${DIALECT_LABEL[diff.target.dialect]})`);
  if (diff.equal) {
    lines.push('', W.same);
    return lines;
  }
  lines.push('', W.differences(diff.changes.length));
  const objs = ORDER.filter((o) => diff.counts[o]);
  const w = Math.max(...objs.map((o) => name(o).length));
  for (const o of objs) {
    const c = diff.counts[o]!;
    lines.push(
      `  ${name(o).padEnd(w)}  ${W.missing} ${String(c.missing).padStart(4)}  ${W.extra} ${String(c.extra).padStart(4)}  ${W.changed} ${String(c.changed).padStart(4)}`,
    );
  }
  for (const dir of ['missing', 'extra', 'changed'] as const) {
    const cs = diff.changes.filter((c) => changeDirection(c) === dir);
    if (!cs.length) continue;
    lines.push('', `${W.head[dir]}${lang === 'zh-CN' ? '：' : ':'}`);
    for (const o of ORDER) {
      const list = cs.filter((c) => changeObject(c) === o);
      if (!list.length) continue;
      lines.push(`  ${name(o)} (${list.length})`);
      for (const c of list) {
        const d = detail(c);
        const t = changeTitle(c).replace(/^primary key of /, 'primary key ');
        const named = t.startsWith(o + ' ') ? t.slice(o.length + 1) : t;
        lines.push(`    ${lang === 'zh-CN' ? titleZh(named) : named}${d ? `  ${d}` : ''}`);
      }
    }
  }
  return lines;
}
