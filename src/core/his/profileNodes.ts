/** Reading a profile's YAML nodes: the parse's shared state, keys and texts, and the file line of each character of a SQL text. */
import { isScalar, type Node, type Pair, type Scalar } from 'yaml';
import type { Fragment, SourceText } from './expandFragments.js';
import type { ProfileProblem } from './parseProfile.js';

export type LineOf = (n: Node | Pair | null | undefined) => number;

/** What the parse of one profile carries: where, the problems found so far, the fragments and binds declared. */
export interface ProfileCtx {
  file: string;
  problems: ProfileProblem[];
  lineOf: LineOf;
  lineAt: (offset: number | undefined) => number;
  fragments: Map<string, Fragment>;
  /** Declared institution binds (plus fixmedins_code). */
  institution: Set<string>;
}

export const keyOf = (p: Pair): string => String(isScalar(p.key) ? p.key.value : p.key);
export const textOf = (n: unknown): string => String(isScalar(n) ? n.value : '');

/** A scalar's text with the file line of each character (exact for literal blocks, see lineInScalar). */
export function sourceOf(node: Node, lineAt: (o: number | undefined) => number): SourceText {
  const text = String((node as Scalar).value);
  const lines: number[] = new Array<number>(text.length);
  const start = lineAt(node.range?.[0]);
  const literal = (node as Scalar).type === 'BLOCK_LITERAL';
  let line = literal ? start + 1 : start;
  for (let i = 0; i < text.length; i++) {
    lines[i] = line;
    if (literal && text[i] === '\n') line++;
  }
  return { text, lines };
}

/** A `|` or `>` block: its text starts on the line after its key. */
export function isBlock(node: Node): boolean {
  return isScalar(node) && ((node as Scalar).type === 'BLOCK_LITERAL' || (node as Scalar).type === 'BLOCK_FOLDED');
}
