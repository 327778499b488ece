/**
 * The text of a column type as databases spell it: split into name, arguments and trailing words
 * (`decimal(12,2) unsigned`), numeric arguments, and SQL string literals (enum values, defaults).
 * The dialects' parsers (types.ts, typeOracle.ts) read the parts.
 */

interface Parsed {
  name: string;
  args: string[];
  rest: string;
}

/** Split `decimal(12,2) unsigned` into name, arguments and trailing words. Quotes in enum lists are respected. */
export function splitType(native: string): Parsed {
  const s = native.trim();
  const open = s.indexOf('(');
  if (open < 0) return { name: s.toLowerCase().replace(/\s+/g, ' '), args: [], rest: '' };
  let depth = 0;
  let inQuote = false;
  let close = -1;
  const args: string[] = [];
  let cur = '';
  for (let i = open; i < s.length; i++) {
    const ch = s[i]!;
    if (inQuote) {
      cur += ch;
      if (ch === "'" && s[i + 1] === "'") {
        cur += "'";
        i++;
      } else if (ch === '\\' && i + 1 < s.length) {
        cur += s[++i];
      } else if (ch === "'") inQuote = false;
      continue;
    }
    if (ch === "'") {
      inQuote = true;
      cur += ch;
    } else if (ch === '(') {
      if (depth > 0) cur += ch;
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) {
        args.push(cur.trim());
        close = i;
        break;
      }
      cur += ch;
    } else if (ch === ',' && depth === 1) {
      args.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  const name = s.slice(0, open).trim().toLowerCase().replace(/\s+/g, ' ');
  const rest =
    close >= 0
      ? s
          .slice(close + 1)
          .trim()
          .toLowerCase()
          .replace(/\s+/g, ' ')
      : '';
  return { name, args: args.filter((a) => a !== ''), rest };
}

/** Unquote a MySQL/standard SQL string literal: 'it''s' → it's, with MySQL backslash escapes. */
export function unquoteSqlString(lit: string, backslashEscapes = true): string {
  const s = lit.trim();
  if (!(s.startsWith("'") && s.endsWith("'"))) return s;
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else if (backslashEscapes && ch === '\\' && i + 1 < body.length) {
      const n = body[++i]!;
      out +=
        n === '0'
          ? '\0'
          : n === 'n'
            ? '\n'
            : n === 'r'
              ? '\r'
              : n === 't'
                ? '\t'
                : n === 'Z'
                  ? '\x1a'
                  : n === 'b'
                    ? '\b'
                    : n;
    } else out += ch;
  }
  return out;
}

export const num = (s: string | undefined): number | undefined => {
  if (s === undefined || s === '' || s === '*') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};
