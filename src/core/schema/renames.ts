/**
 * Renames are decisions, never guesses. A decisions file (YAML or JSON) names them:
 *
 *   renames:
 *     tables:  { old_table: new_table }
 *     columns: { "patient.old_col": new_col }
 *
 * `renameCandidates` lists the drop+add pairs a person might want to call a rename (same table,
 * compatible type; or tables sharing most columns), for an interactive prompt to ask about.
 */
import YAML from 'yaml';
import { inputError } from '../errors.js';
import type { DiffResult, RenameMap } from './diff.js';
import { nameKey } from './model.js';
import { compareTypes } from './types.js';

export function parseRenames(text: string, file: string): RenameMap {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    throw inputError(
      'DECISIONS_BAD',
      `Cannot read the decisions file ${file}`,
      'Write it as YAML: renames: { tables: { old: new }, columns: { "table.old": new } }.',
      (e as Error).message,
      { file },
    ).zh(`无法读取决定文件 ${file}`, '请写成 YAML：renames: { tables: { old: new }, columns: { "table.old": new } }。');
  }
  const r = (doc as { renames?: unknown } | null)?.renames;
  if (r === undefined || r === null) return {};
  const bad = (what: string) =>
    inputError(
      'DECISIONS_BAD',
      `The decisions file ${file} has a bad "${what}" section`,
      'Each entry maps an old name to a new name: tables: { old: new }, columns: { "table.old": new }.',
      undefined,
      { file },
    ).zh(
      `决定文件 ${file} 的 "${what}" 部分有误`,
      '每项将旧名映射到新名：tables: { old: new }，columns: { "table.old": new }。',
    );
  if (typeof r !== 'object') throw bad('renames');
  const out: RenameMap = {};
  for (const key of ['tables', 'columns'] as const) {
    const m = (r as Record<string, unknown>)[key];
    if (m === undefined || m === null) continue;
    if (typeof m !== 'object' || Array.isArray(m)) throw bad(`renames.${key}`);
    const entries = Object.entries(m as Record<string, unknown>);
    for (const [k, v] of entries) {
      if (typeof v !== 'string' || !v) throw bad(`renames.${key}.${k}`);
      if (key === 'columns' && !k.includes('.')) throw bad(`renames.columns.${k} (write it as table.column)`);
    }
    out[key] = Object.fromEntries(entries) as Record<string, string>;
  }
  return out;
}

export interface RenameCandidate {
  kind: 'table' | 'column';
  table?: string;
  from: string;
  to: string;
  why: string;
}

export function renameCandidates(diff: DiffResult): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  const drops = diff.changes.filter((c) => c.kind === 'column.drop') as Array<
    Extract<DiffResult['changes'][number], { kind: 'column.drop' }>
  >;
  const adds = diff.changes.filter((c) => c.kind === 'column.add') as Array<
    Extract<DiffResult['changes'][number], { kind: 'column.add' }>
  >;
  for (const d of drops) {
    for (const a of adds) {
      if (nameKey(a.table) !== nameKey(d.table)) continue;
      const rel = compareTypes(d.column.type, a.column.type);
      if (rel === 'equal' || rel === 'widen')
        out.push({
          kind: 'column',
          table: d.table,
          from: d.column.name,
          to: a.column.name,
          why: `${d.column.type.native} → ${a.column.type.native}`,
        });
    }
  }
  const tdrops = diff.changes.filter((c) => c.kind === 'table.drop') as Array<
    Extract<DiffResult['changes'][number], { kind: 'table.drop' }>
  >;
  const tadds = diff.changes.filter((c) => c.kind === 'table.add') as Array<
    Extract<DiffResult['changes'][number], { kind: 'table.add' }>
  >;
  for (const d of tdrops) {
    const dc = new Set(d.table.columns.map((c) => nameKey(c.name)));
    for (const a of tadds) {
      const ac = a.table.columns.map((c) => nameKey(c.name));
      const shared = ac.filter((c) => dc.has(c)).length;
      const union = new Set([...dc, ...ac]).size;
      if (union > 0 && shared / union >= 0.6)
        out.push({
          kind: 'table',
          from: d.table.name,
          to: a.table.name,
          why: `${shared} of ${union} columns in common`,
        });
    }
  }
  return out;
}

/** Add a decision to a rename map (from a prompt's answer). */
export function addRename(map: RenameMap, c: RenameCandidate): RenameMap {
  if (c.kind === 'table') return { ...map, tables: { ...map.tables, [c.from]: c.to } };
  return { ...map, columns: { ...map.columns, [`${c.table}.${c.from}`]: c.to } };
}
