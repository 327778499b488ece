/**
 * The SQL writer of the draft (pure): `Draft` reads the proposed mapping and writes column
 * references, SELECT lists (codes decoded with CASE), hospital-code conditions and dialect-specific
 * time and day expressions; a builder turns it into one statement's SQL and its TODOs.
 */
import type { Dialect } from '../../db/index.js';
import { CODE_WORDS, ROLES, type Role } from './dictionary.js';
import type { ColumnMatch, ProposedMapping } from './matchSchema.js';

export interface Piece {
  sql: string;
  todos: string[];
}

/** One statement's draft from the mapping: its SQL, or why it must be written by hand. */
export type Builder = (d: Draft) => Piece | { unsupported: string };

export const ALIAS: Record<Role, string> = {
  settlement: 's',
  fee: 'f',
  visit: 'v',
  log: 'l',
  mapping: 'm',
  item: 'i',
  trace_prefix: 'p',
  dispense: 'd',
  stock: 'k',
  dispense_trace: 't',
  stock_trace: 't',
};

export class Draft {
  constructor(
    readonly m: ProposedMapping,
    readonly dialect: Dialect,
  ) {}

  col(role: Role, canonical: string): ColumnMatch | undefined {
    return this.m[role]?.columns[canonical];
  }

  /** `s.COL` for a canonical column of a role, or undefined. */
  ref(role: Role, canonical: string, alias = ALIAS[role]): string | undefined {
    const c = this.col(role, canonical);
    return c ? `${alias}.${c.column}` : undefined;
  }

  /** A SELECT list entry: the column AS the canonical name, decoded when the comment gave codes. */
  item(role: Role, canonical: string, todos: string[], alias = ALIAS[role]): string {
    const c = this.col(role, canonical);
    if (!c) {
      todos.push(`${canonical}: no column found in ${this.m[role]?.table ?? role}`);
      return `NULL AS ${canonical}`;
    }
    const ref = `${alias}.${c.column}`;
    if (CODE_WORDS[canonical]) {
      const words = CODE_WORDS[canonical]!.map(([w]) => w);
      const known = c.codes ? Object.values(c.codes) : words;
      const odd = (c.observed ?? []).filter((v) => !known.includes(v));
      if (odd.length)
        todos.push(
          `${canonical}: ${c.column} holds ${odd.map((v) => `'${v}'`).join(', ')}, which ${c.codes ? 'its comment does not explain' : `is not ${words.join('/')}`}; map it with CASE`,
        );
      if (!c.codes) {
        if (c.observed && c.observed.length && !odd.length)
          return c.column.toLowerCase() === canonical ? ref : `${ref} AS ${canonical}`;
        todos.push(
          `${canonical}: check that ${c.column} holds ${CODE_WORDS[canonical]!.map(([w]) => w).join('/')}; map other codes with CASE`,
        );
        return ref === `${alias}.${canonical}` ? ref : `${ref} AS ${canonical}`;
      }
      const whens = Object.entries(c.codes)
        .map(([w, code]) => `WHEN '${code}' THEN '${w}'`)
        .join(' ');
      const missing = CODE_WORDS[canonical]!.map(([w]) => w).filter((w) => !c.codes![w]);
      if (missing.length)
        todos.push(`${canonical}: no code found for ${missing.join(', ')} in the comment of ${c.column}`);
      return `CASE ${ref} ${whens} ELSE ${ref} END AS ${canonical}`;
    }
    return c.column.toLowerCase() === canonical ? ref : `${ref} AS ${canonical}`;
  }

  list(role: Role, canonicals: readonly string[], todos: string[], alias = ALIAS[role]): string {
    return canonicals.map((c) => this.item(role, c, todos, alias)).join(',\n       ');
  }

  /** The hospital-code condition of a role's table ("" when the HIS keeps none). */
  tenant(role: Role, alias = ALIAS[role]): string {
    const t = this.m[role]?.tenant;
    return t ? `${alias}.${t.column} = :fixmedins_code AND ` : '';
  }

  /** The code a canonical word is written as (for writes and WHERE clauses). */
  code(role: Role, canonical: string, word: string): string {
    const c = this.col(role, canonical);
    return `'${c?.codes?.[word] ?? word}'`;
  }

  time(bind: string): string {
    return this.dialect === 'oracle' ? `TO_TIMESTAMP(${bind}, 'YYYY-MM-DD HH24:MI:SS')` : bind;
  }

  day(expr: string): string {
    return this.dialect === 'sqlite'
      ? `date(${expr})`
      : this.dialect === 'oracle'
        ? `TRUNC(${expr})`
        : `CAST(${expr} AS DATE)`;
  }

  table(role: Role): string {
    return this.m[role]!.table;
  }
}

/** Why a statement cannot be drafted: the roles it needs that have no table (undefined when all have one). */
export const need = (d: Draft, ...roles: Role[]): string | undefined => {
  const gone = roles.filter((r) => !d.m[r]);
  return gone.length ? `no table found for ${gone.map((r) => ROLES[r].what).join(', ')}` : undefined;
};

/** `s.COL` for a canonical column, or a NULL marked TODO when the table has none. */
export const key = (d: Draft, role: Role, canonical: string, alias?: string) =>
  d.ref(role, canonical, alias) ?? `NULL /* TODO: ${canonical} */`;
