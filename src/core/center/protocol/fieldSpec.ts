/**
 * Field specifications, written as one line each in the reference's own notation so that the
 * tables stay easy to compare with the interface document:
 *
 *   'psn_no str 30 Y'            string of at most 30 characters, required
 *   'medfee_sumamt num 16,2 Y'   number, 16 digits of which 2 decimals, required
 *   'insutype str 6 Y @insutype' string whose value must come from the insutype code table
 *   'begntime dt'                `yyyy-MM-dd HH:mm:ss`, optional; `date` is `yyyy-MM-dd`
 *
 * Required: Y required, C conditional (checked by the transaction's own rule), absent optional.
 */
import type { CodeTableName } from './codes.js';

type FieldType = 'str' | 'num' | 'date' | 'dt';
type Requirement = 'Y' | 'C' | 'N';

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** str: max characters; num: total digits (precision). */
  len?: number;
  /** num: digits after the point. */
  scale?: number;
  req: Requirement;
  code?: CodeTableName;
}

export interface NodeSpec {
  /** The key under `input` / `output`; null = the fields sit directly in `output` (9101, 13xx). */
  node: string | null;
  shape: 'object' | 'array';
  fields: readonly FieldSpec[];
  /** Nested lists inside each item (e.g. `drugtracinfo` inside `selinfo`). */
  children?: readonly NodeSpec[];
  /** Whether the node itself must be present (default true for input nodes). */
  required?: boolean;
}

const LINE = /^([a-z_][a-z0-9_]*) (str|num|date|dt)(?: (\d+)(?:,(\d+))?)?(?: ([YC]))?(?: @([a-z_]+))?$/i;

/** Parse one spec line; throws on a typo so a broken table fails at load, in every test. */
export function field(line: string): FieldSpec {
  const m = LINE.exec(line.trim());
  if (!m) throw new Error(`bad field spec: "${line}"`);
  const spec: FieldSpec = { name: m[1]!, type: m[2] as FieldType, req: (m[5] as Requirement | undefined) ?? 'N' };
  if (m[3] !== undefined) spec.len = Number(m[3]);
  if (m[4] !== undefined) spec.scale = Number(m[4]);
  if (spec.type === 'num' && spec.scale === undefined && spec.len !== undefined) spec.scale = 0;
  if (m[6] !== undefined) spec.code = m[6] as CodeTableName;
  return spec;
}

export function fields(...lines: string[]): FieldSpec[] {
  return lines.map(field);
}

export function objectNode(node: string | null, f: readonly FieldSpec[], extra: Partial<NodeSpec> = {}): NodeSpec {
  return { node, shape: 'object', fields: f, ...extra };
}

export function arrayNode(node: string, f: readonly FieldSpec[], extra: Partial<NodeSpec> = {}): NodeSpec {
  return { node, shape: 'array', fields: f, ...extra };
}
