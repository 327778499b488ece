/**
 * The human diff report (`--format text`): counts first, then what is missing, extra and changed
 * per object kind. Returns lines; the command prints them.
 */
import { DIALECT_LABEL } from './labels.js';
import { changeDirection, changeObject, changeTitle, type Change } from './changes.js';
import type { DiffResult } from './diff.js';

const ORDER = ['table', 'column', 'primary key', 'index', 'foreign key', 'check', 'view', 'routine', 'sequence', 'other'];
const HEAD: Record<string, string> = { missing: 'missing in current (target has them)', extra: 'extra in current (target does not have them)', changed: 'changed' };

function detail(c: Change): string {
  switch (c.kind) {
    case 'column.alter': {
      const bits: string[] = [];
      if (c.aspects.includes('type')) bits.push(`${c.from.type.native} → ${c.to.type.native}`);
      if (c.aspects.includes('nullable')) bits.push(c.to.nullable ? 'NOT NULL → NULL' : 'NULL → NOT NULL');
      if (c.aspects.includes('default')) bits.push('default');
      if (c.aspects.includes('charset')) bits.push(`charset ${c.from.charset ?? ''}/${c.from.collation ?? ''} → ${c.to.charset ?? ''}/${c.to.collation ?? ''}`);
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

export function formatDiffText(diff: DiffResult): string[] {
  const lines: string[] = [];
  lines.push(`current: ${diff.current.display} (${DIALECT_LABEL[diff.current.dialect]})`);
  lines.push(`target:  ${diff.target.display} (${DIALECT_LABEL[diff.target.dialect]})`);
  if (diff.equal) {
    lines.push('', 'The schemas are the same.');
    return lines;
  }
  lines.push('', `${diff.changes.length} difference(s):`);
  const objs = ORDER.filter((o) => diff.counts[o]);
  const w = Math.max(...objs.map((o) => o.length));
  for (const o of objs) {
    const c = diff.counts[o]!;
    lines.push(`  ${o.padEnd(w)}  missing ${String(c.missing).padStart(4)}  extra ${String(c.extra).padStart(4)}  changed ${String(c.changed).padStart(4)}`);
  }
  for (const dir of ['missing', 'extra', 'changed'] as const) {
    const cs = diff.changes.filter((c) => changeDirection(c) === dir);
    if (!cs.length) continue;
    lines.push('', `${HEAD[dir]}:`);
    for (const o of ORDER) {
      const list = cs.filter((c) => changeObject(c) === o);
      if (!list.length) continue;
      lines.push(`  ${o} (${list.length})`);
      for (const c of list) {
        const d = detail(c);
        const t = changeTitle(c);
        lines.push(`    ${t.startsWith(o + ' ') ? t.slice(o.length + 1) : t}${d ? `  ${d}` : ''}`);
      }
    }
  }
  return lines;
}
