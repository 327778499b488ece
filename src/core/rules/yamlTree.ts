/**
 * Read YAML (or JSON, which is YAML) into a plain tree whose scalars stay text, with the line of
 * every field path. The failsafe schema keeps numbers as strings, so an amount never passes
 * through a float; plain `null`/`~`/empty become null and plain `true`/`false` booleans.
 */
import { parseDocument, LineCounter, isMap, isSeq, isScalar, isAlias } from 'yaml';
import type { Document, Node } from 'yaml';
import { childPath, type Issue } from './issues.js';

export type TreeValue = string | boolean | null | TreeValue[] | TreeMap;
export interface TreeMap {
  [key: string]: TreeValue;
}

export interface SourceTree {
  file: string;
  root: TreeValue;
  lines: Map<string, number>;
  issues: Issue[];
}

export function isTreeMap(v: TreeValue | undefined): v is TreeMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function readTree(text: string, file: string): SourceTree {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, schema: 'failsafe', prettyErrors: false });
  const lines = new Map<string, number>();
  const issues: Issue[] = [];
  for (const e of doc.errors) {
    const line = e.linePos?.[0]?.line ?? (e.pos ? lc.linePos(e.pos[0]).line : null);
    issues.push({
      file,
      line,
      field: '',
      message: e.message.split('\n')[0]!,
      fix: 'correct the YAML/JSON syntax at that line',
      zh: {
        message: `YAML/JSON 语法错误：${e.message.split('\n')[0]!}`,
        fix: '请更正该行的 YAML/JSON 语法（缩进、缺少 ":" 或引号未闭合）',
      },
    });
  }
  const lineAt = (n: Node | null | undefined): number | undefined =>
    n?.range ? lc.linePos(n.range[0]).line : undefined;
  const walk = (node: unknown, path: string, depth: number): TreeValue => {
    if (depth > 64) return null;
    if (isAlias(node)) return walk(node.resolve(doc as Document), path, depth + 1);
    if (isScalar(node)) {
      const l = lineAt(node);
      if (l !== undefined && !lines.has(path)) lines.set(path, l);
      const s = narrowText(node.value === null || node.value === undefined ? '' : String(node.value));
      if (node.type === 'PLAIN') {
        if (s === '' || s === 'null' || s === '~') return null;
        if (s === 'true') return true;
        if (s === 'false') return false;
      }
      return s;
    }
    if (isMap(node)) {
      const out: TreeMap = Object.create(null) as TreeMap;
      for (const pair of node.items) {
        const k = narrowText(isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
        const p = childPath(path, k);
        const l = lineAt(pair.key as Node);
        if (l !== undefined) lines.set(p, l);
        out[k] = pair.value === null ? null : walk(pair.value, p, depth + 1);
      }
      if (!lines.has(path)) {
        const l = lineAt(node);
        if (l !== undefined) lines.set(path, l);
      }
      return out;
    }
    if (isSeq(node)) {
      if (!lines.has(path)) {
        const l = lineAt(node);
        if (l !== undefined) lines.set(path, l);
      }
      return node.items.map((item, i) => {
        const p = childPath(path, i);
        const l = lineAt(item as Node);
        if (l !== undefined) lines.set(p, l);
        return walk(item, p, depth + 1);
      });
    }
    return null;
  };
  const root = issues.length > 0 ? null : walk(doc.contents, '', 0);
  return { file, root, lines, issues };
}

/**
 * The same text, held one byte per character when every character fits in one. A YAML file with
 * one Chinese comment is decoded as two-byte text, and V8 keeps every slice of it (a policy's
 * name, its accumulator and fund names) two-byte as well; one such name in a batch's output line
 * makes the whole line two-byte, so every line costs twice the copying and a slower UTF-8
 * encoding. String.fromCharCode builds a one-byte string when all its codes fit one byte. Long
 * texts (descriptions, notes) are left as they are: they are not what a batch writes.
 */
function narrowText(s: string): string {
  const n = s.length;
  if (n === 0 || n > 256) return s;
  const codes = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    codes[i] = c;
  }
  return String.fromCharCode.apply(null, codes);
}
