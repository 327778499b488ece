/**
 * Digests of view and routine sources. Two sources that differ only in layout, in the DEFINER
 * clause or in qualifying names with their own schema have the same digest, so a view re-created
 * from the target does not show up as changed again.
 */
import crypto from 'node:crypto';

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Remove `schema.` / `` `schema`. `` / `"schema".` qualifiers that name the object's own schema. */
export function stripOwnSchema(src: string, schema: string | undefined): string {
  if (!schema) return src;
  const e = escapeRe(schema);
  return src.replace(new RegExp(`(\`${e}\`|"${e}"|\\b${e}\\b)\\.(?=[\`"\\w])`, 'gi'), '');
}

/** Layout-insensitive form of a source: comments kept (they may matter to people), whitespace collapsed, DEFINER removed. */
export function normalizeSource(src: string, schema?: string): string {
  let s = src.replace(/\r\n?/g, '\n');
  s = s.replace(/\bDEFINER\s*=\s*(`[^`]*`|'[^']*'|"[^"]*"|\S+?)@(`[^`]*`|'[^']*'|"[^"]*"|\S+)\s*/gi, '');
  s = s.replace(/\bDEFINER\s*=\s*CURRENT_USER(\(\))?\s*/gi, '');
  s = stripOwnSchema(s, schema);
  s = s.replace(/\s+/g, ' ').trim();
  s = s.replace(/\s*;\s*$/, '');
  return s;
}

export function sourceDigest(src: string, schema?: string): string {
  return sha256(normalizeSource(src, schema).toLowerCase());
}
