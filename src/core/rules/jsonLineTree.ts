/**
 * The source tree of one NDJSON line (one bill). JSON.parse is an order of magnitude faster than
 * the YAML reader, which matters when a batch holds thousands of bills; its numbers go back to
 * text with String(), which gives the same decimal for up to 15 significant digits. A line with a
 * longer number, or one JSON.parse refuses, goes through the YAML reader instead, so amounts never
 * lose a digit and syntax errors read as they do for bill files. Every field is on the same line.
 */
import type { Issue } from './issues.js';
import { readTree, type SourceTree, type TreeValue } from './yamlTree.js';

/** A line map in which every field path is on the one line of the record. */
class OneLine extends Map<string, number> {
  constructor(private readonly line: number) {
    super();
  }
  override get(): number {
    return this.line;
  }
}

/** A number token of 16 characters or more (after `:`, `,` or `[`): may hold more digits than a float keeps. */
const LONG_NUMBER = /[:,[]\s*-?\d[\d.eE+-]{15,}/;

export function jsonLineTree(text: string, file: string, line: number): SourceTree {
  const lines = new OneLine(line);
  if (!LONG_NUMBER.test(text)) {
    let parsed: unknown;
    let ok = true;
    try {
      parsed = JSON.parse(text);
    } catch {
      ok = false;
    }
    if (ok) return { file, root: toTree(parsed), lines, issues: [] };
  }
  const t = readTree(text, file);
  const issues: Issue[] = t.issues.map((i) => ({ ...i, line }));
  return { file, root: t.root, lines, issues };
}

/**
 * JSON.parse's value as a source tree: numbers become their text. The parsed objects and arrays are
 * fresh and nobody else holds them, so they are changed in place rather than copied (a batch
 * parses every bill).
 */
function toTree(v: unknown): TreeValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x !== 'string' && typeof x !== 'boolean') v[i] = toTree(x);
    }
    return v as TreeValue[];
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x !== null && typeof x !== 'string' && typeof x !== 'boolean') o[k] = toTree(x);
  }
  return o as Record<string, TreeValue>;
}
