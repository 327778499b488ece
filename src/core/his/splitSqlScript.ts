/**
 * Split a SQL script the simple way the reference schema files are written: a statement ends at
 * a line whose last non-blank character is ";". Lines starting with "--" are comments. The
 * trailing ";" is dropped (Oracle refuses it through a driver).
 */
export function splitSqlScript(text: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (cur.length === 0 && (line.trim() === '' || line.trim().startsWith('--'))) continue;
    if (line.trim().startsWith('--')) continue;
    if (line.endsWith(';')) {
      cur.push(line.slice(0, -1));
      const stmt = cur.join('\n').trim();
      if (stmt) out.push(stmt);
      cur = [];
    } else cur.push(line);
  }
  const rest = cur.join('\n').trim();
  if (rest) out.push(rest);
  return out;
}
