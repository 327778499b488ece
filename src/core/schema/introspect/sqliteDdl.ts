/**
 * SQLite keeps some facts only in the CREATE TABLE text (constraint names, CHECK expressions,
 * generated-column expressions, AUTOINCREMENT). This is a small scanner for that text: it splits
 * the body into top-level items, respecting quotes and parentheses.
 */

/** Split `a, b(c, d), 'x,y'` at top-level commas. */
function splitTopLevel(body: string, sep = ','): string[] {
  const out: string[] = [];
  let depth = 0;
  let q: string | null = null;
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (q) {
      cur += ch;
      if (ch === q) {
        if (body[i + 1] === q) cur += body[++i];
        else q = null;
      }
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') q = ch;
    else if (ch === '[') q = ']';
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (ch === sep && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The text between the first `(` and its matching `)`, starting at `from`. */
export function parenBody(s: string, from = 0): { body: string; end: number } | undefined {
  const open = s.indexOf('(', from);
  if (open < 0) return undefined;
  let depth = 0;
  let q: string | null = null;
  for (let i = open; i < s.length; i++) {
    const ch = s[i]!;
    if (q) {
      if (ch === q) q = null;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') q = ch;
    else if (ch === '[') q = ']';
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return { body: s.slice(open + 1, i), end: i };
  }
  return undefined;
}

function unquoteIdent(s: string): string {
  const t = s.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith('`') && t.endsWith('`')))
    return t.slice(1, -1).replace(/""/g, '"').replace(/``/g, '`');
  if (t.startsWith('[') && t.endsWith(']')) return t.slice(1, -1);
  return t;
}

const IDENT = /^("(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|[^\s(,]+)\s*/;

export interface SqliteTableText {
  /** Named table constraints: kind and the column list (lower-cased names joined by ,). */
  constraints: Array<{
    name?: string;
    kind: 'primary' | 'unique' | 'foreign' | 'check';
    columns: string[];
    body: string;
  }>;
  /** Per column: CHECK expressions, GENERATED expressions. */
  columns: Map<
    string,
    { checks: Array<{ name?: string; expr: string }>; generated?: { expr: string; stored: boolean } }
  >;
  autoincrement: boolean;
}

export function parseCreateTable(sql: string): SqliteTableText {
  const res: SqliteTableText = { constraints: [], columns: new Map(), autoincrement: /\bAUTOINCREMENT\b/i.test(sql) };
  const b = parenBody(sql);
  if (!b) return res;
  for (const item of splitTopLevel(b.body)) {
    let rest = item;
    let name: string | undefined;
    const named = /^CONSTRAINT\s+/i.exec(rest);
    if (named) {
      rest = rest.slice(named[0].length);
      const id = IDENT.exec(rest);
      if (id) {
        name = unquoteIdent(id[1]!);
        rest = rest.slice(id[0].length);
      }
    }
    const kw = /^(PRIMARY\s+KEY|UNIQUE|FOREIGN\s+KEY|CHECK)\b/i.exec(rest);
    if (kw) {
      const kind = /^PRIMARY/i.test(kw[1]!)
        ? 'primary'
        : /^UNIQUE/i.test(kw[1]!)
          ? 'unique'
          : /^FOREIGN/i.test(kw[1]!)
            ? 'foreign'
            : 'check';
      const pb = parenBody(rest);
      const cols =
        kind === 'check'
          ? []
          : pb
            ? splitTopLevel(pb.body).map((c) => unquoteIdent(c.split(/\s+/)[0]!).toLowerCase())
            : [];
      res.constraints.push({
        ...(name ? { name } : {}),
        kind,
        columns: cols,
        body: kind === 'check' ? (pb?.body.trim() ?? '') : rest,
      });
      continue;
    }
    // a column definition
    const id = IDENT.exec(item);
    if (!id) continue;
    const col = unquoteIdent(id[1]!).toLowerCase();
    const entry: { checks: Array<{ name?: string; expr: string }>; generated?: { expr: string; stored: boolean } } = {
      checks: [],
    };
    const defRest = item.slice(id[0].length);
    const re = /(?:CONSTRAINT\s+("(?:[^"]|"")*"|\S+)\s+)?(CHECK|GENERATED\s+ALWAYS\s+AS|\bAS)\s*\(/gi;
    let m: RegExpExecArray | null;
    while ((m = re.exec(defRest))) {
      const pb = parenBody(defRest, m.index + m[0].length - 1);
      if (!pb) break;
      if (/^CHECK/i.test(m[2]!))
        entry.checks.push({ ...(m[1] ? { name: unquoteIdent(m[1]) } : {}), expr: pb.body.trim() });
      else entry.generated = { expr: pb.body.trim(), stored: /^\s*STORED\b/i.test(defRest.slice(pb.end + 1)) };
      re.lastIndex = pb.end + 1;
    }
    res.columns.set(col, entry);
  }
  return res;
}
