/**
 * The matcher of `profile draft` (pure): a schema snapshot (tables, columns, comments) in, a
 * proposed mapping out — which table holds settlements, fee lines, the call log, mappings,
 * dispensing, traceability codes …, and which column holds each canonical field, each with a
 * confidence and the reason. Names and comments are compared with the dictionary; the codes of a
 * status column are read from its comment ("0待确认 1已结算 …") where it lists them.
 */
import { CODE_WORDS, COLUMN_WORDS, ROLES, type Role } from './dictionary.js';

export interface DraftColumn {
  name: string;
  comment?: string;
}

export interface DraftTable {
  name: string;
  comment?: string;
  columns: DraftColumn[];
}

export type Confidence = 'high' | 'medium' | 'low';

export interface ColumnMatch {
  column: string;
  score: number;
  why: string;
  /** canonical value → the HIS's code, read from the column's comment. */
  codes?: Record<string, string>;
  /** Values the live column holds (coded columns only), when they were looked at. */
  observed?: string[];
}

export interface TableMatch {
  role: Role;
  table: string;
  comment?: string;
  score: number;
  confidence: Confidence;
  why: string;
  /** What `why` says, as data (for a localized rendering). */
  evidence: { keys: readonly string[]; keysFound: string[]; named: boolean; found: number; total: number };
  columns: Record<string, ColumnMatch>;
  /** Canonical columns of the role no column was found for. */
  missing: string[];
  /** The hospital-code column of a multi-tenant HIS. */
  tenant?: ColumnMatch;
}

export type ProposedMapping = Partial<Record<Role, TableMatch>>;

const CJK = /[\u4e00-\u9fff]/;
/** A comment without what follows its first bracket or colon: "结算状态（0待确认…）" → "结算状态". */
const headOf = (comment: string) => comment.split(/[（(:：,，;；\s]/)[0]!.trim();

/** How well one column stands for one canonical field (0 when not at all). */
export function columnScore(canonical: string, col: DraftColumn): { score: number; why: string } {
  const words = COLUMN_WORDS[canonical];
  const name = col.name.toLowerCase();
  if (name === canonical) return { score: 1, why: 'same name' };
  const [names = [], zh = []] = words ?? [];
  const head = col.comment ? headOf(col.comment) : '';
  if (head && zh.some((w) => w === head)) return { score: 0.95, why: `comment "${head}"` };
  if (names.some((n) => n.toLowerCase() === name)) {
    // A name that the comment contradicts (JSSJ "结束时间" is not 结算时间) counts for little.
    const contradicted = head !== '' && CJK.test(head) && !zh.some((w) => head.includes(w) || w.includes(head));
    return contradicted
      ? { score: 0.3, why: `name ${col.name}, but comment "${head}"` }
      : { score: 0.85, why: `name ${col.name}` };
  }
  const hit = col.comment
    ? zh.filter((w) => col.comment!.includes(w)).sort((a, b) => b.length - a.length)[0]
    : undefined;
  if (hit) return { score: hit.length >= 4 ? 0.75 : 0.6, why: `comment contains "${hit}"` };
  return { score: 0, why: '' };
}

/** "0待确认 1已结算 2已作废" → canonical word → code, by the dictionary of the coded column. */
export function codesOf(canonical: string, comment: string | undefined): Record<string, string> | undefined {
  const words = CODE_WORDS[canonical];
  if (!words || !comment) return undefined;
  const pairs = [...comment.matchAll(/([0-9A-Za-z]{1,2})\s*[=:：.、-]?\s*([\u4e00-\u9fff]+)/g)].map(
    (m) => [m[1]!, m[2]!] as const,
  );
  if (pairs.length < 2) return undefined;
  const out: Record<string, string> = {};
  for (const [code, label] of pairs) {
    const hit = words.find(([, re]) => re.test(label));
    if (hit && !(hit[0] in out)) out[hit[0]] = code;
  }
  return Object.keys(out).length ? out : undefined;
}

const MIN_COLUMN = 0.6;

/** Best column for each canonical field of a role in one table; one column serves one field. */
function matchColumns(role: Role, t: DraftTable): Record<string, ColumnMatch> {
  const cands: Array<{ canonical: string; col: DraftColumn; score: number; why: string }> = [];
  for (const canonical of [...ROLES[role].columns, 'tenant']) {
    for (const col of t.columns) {
      const s = columnScore(canonical, col);
      if (s.score >= MIN_COLUMN) cands.push({ canonical, col, ...s });
    }
  }
  cands.sort((a, b) => b.score - a.score);
  const out: Record<string, ColumnMatch> = {};
  const used = new Set<string>();
  for (const c of cands) {
    if (c.canonical in out || used.has(c.col.name)) continue;
    used.add(c.col.name);
    const codes = codesOf(c.canonical === 'trace_kind' ? role : c.canonical, c.col.comment);
    out[c.canonical] = { column: c.col.name, score: c.score, why: c.why, ...(codes ? { codes } : {}) };
  }
  return out;
}

/** How much a table looks like one role: its key columns, then its name and comment. */
function scoreTable(role: Role, t: DraftTable): TableMatch | undefined {
  const spec = ROLES[role];
  const columns = matchColumns(role, t);
  const keysFound = spec.keys.filter((k) => columns[k]);
  const keyShare = keysFound.length / spec.keys.length;
  if (keyShare < 0.5) return undefined;
  const label = `${t.name} ${t.comment ?? ''}`;
  const named = spec.words.test(label) && !(spec.not && spec.not.test(label));
  const score = keyShare * 0.7 + (named ? 0.3 : 0) + Object.keys(columns).length / 1000;
  const missing = spec.columns.filter((c) => c !== 'trace_kind' && !columns[c]);
  const confidence: Confidence = keyShare === 1 && named ? 'high' : keyShare >= 0.75 ? 'medium' : 'low';
  const { tenant, ...rest } = columns;
  const why = `${keysFound.length} of ${spec.keys.length} key columns (${spec.keys.join(', ')})${named ? `, name/comment says ${spec.what}` : ''}; ${spec.columns.length - missing.length} of ${spec.columns.length} columns found`;
  const evidence = {
    keys: spec.keys,
    keysFound,
    named,
    found: spec.columns.length - missing.length,
    total: spec.columns.length,
  };
  return {
    role,
    table: t.name,
    ...(t.comment ? { comment: t.comment } : {}),
    score,
    confidence,
    why,
    evidence,
    columns: rest,
    missing,
    ...(tenant ? { tenant } : {}),
  };
}

/** The proposed mapping: the best table per role, each table one role (the trace-code roles may share one). */
export function matchSchema(tables: readonly DraftTable[]): ProposedMapping {
  const cands: TableMatch[] = [];
  for (const role of Object.keys(ROLES) as Role[])
    for (const t of tables) {
      const m = scoreTable(role, t);
      if (m) cands.push(m);
    }
  cands.sort((a, b) => b.score - a.score);
  const out: ProposedMapping = {};
  const taken = new Map<string, Role>();
  const shared = (a: Role, b: Role) => a.endsWith('_trace') && b.endsWith('_trace');
  for (const m of cands) {
    if (out[m.role]) continue;
    const owner = taken.get(m.table);
    if (owner && !shared(owner, m.role)) continue;
    out[m.role] = m;
    taken.set(m.table, m.role);
  }
  return out;
}
