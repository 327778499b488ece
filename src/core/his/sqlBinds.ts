/**
 * Named binds in profile SQL. `:name` outside string literals, quoted identifiers and comments is
 * a bind; `::type` (a PostgreSQL cast) is not. The runner turns binds into knex positional `?`
 * placeholders with the values in order — values never enter the SQL text.
 */

export interface BindUse {
  name: string;
  /** Offset of the ':' in the SQL text. */
  offset: number;
}

export interface SqlScan {
  binds: BindUse[];
  /** Offsets of '?' characters: knex would take each for a placeholder, so profiles may not use them. */
  questionMarks: number[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

export function scanSql(sql: string): SqlScan {
  const binds: BindUse[] = [];
  const questionMarks: number[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const e = sql.indexOf('\n', i);
      // A '?' inside a comment still reaches knex, which counts it; report it too.
      const end = e < 0 ? n : e + 1;
      for (let k = i; k < end; k++) if (sql[k] === '?') questionMarks.push(k);
      i = end;
    } else if (c === '/' && next === '*') {
      const e = sql.indexOf('*/', i + 2);
      const end = e < 0 ? n : e + 2;
      for (let k = i; k < end; k++) if (sql[k] === '?') questionMarks.push(k);
      i = end;
    } else if (c === "'" || c === '"' || c === '`') {
      let k = i + 1;
      for (;;) {
        if (k >= n) break;
        if (sql[k] === c) {
          if (sql[k + 1] === c) {
            k += 2;
            continue;
          }
          break;
        }
        if (sql[k] === '?') questionMarks.push(k);
        k++;
      }
      i = k + 1;
    } else if (c === ':' && next === ':') {
      i += 2; // PostgreSQL cast
    } else if (c === ':' && next !== undefined && NAME_START.test(next) && !(i > 0 && NAME_CHAR.test(sql[i - 1]!))) {
      let k = i + 1;
      while (k < n && NAME_CHAR.test(sql[k]!)) k++;
      binds.push({ name: sql.slice(i + 1, k), offset: i });
      i = k;
    } else {
      if (c === '?') questionMarks.push(i);
      i++;
    }
  }
  return { binds, questionMarks };
}

export interface Positional {
  sql: string;
  /** Bind names in placeholder order (a name used twice appears twice). */
  order: string[];
}

/** Replace each `:name` with `?`; `order` says which value goes where. */
export function toPositional(sql: string, scan: SqlScan = scanSql(sql)): Positional {
  let out = '';
  let last = 0;
  const order: string[] = [];
  for (const b of scan.binds) {
    out += sql.slice(last, b.offset) + '?';
    last = b.offset + 1 + b.name.length;
    order.push(b.name);
  }
  out += sql.slice(last);
  return { sql: out, order };
}
