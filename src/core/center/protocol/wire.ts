/**
 * Turning a caller's input into what goes on the wire: Decimal amounts become JSON numbers
 * rounded to the field's scale, codes given as numbers become strings, null/undefined keys are
 * dropped. Walks the transaction's field table; fields it does not know pass through (Decimal
 * → number unchanged).
 */
import { Decimal } from 'decimal.js';
import type { FieldSpec, NodeSpec } from './fieldSpec.js';
import { dropNulls, type Input } from './envelope.js';
import { transactionSpec } from './transactions.js';

/** A plain decimal numeral; anything else is left as it is for validation to report. */
const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/;

function isDecimal(v: unknown): v is Decimal {
  return Decimal.isDecimal(v);
}

/** A node's fields and child nodes by name, made once per node (a batch walks the node per item). */
const lookups = new WeakMap<
  NodeSpec,
  { specs: Map<string, NodeSpec['fields'][number]>; children: Map<string, NodeSpec> }
>();
function lookupOf(node: NodeSpec) {
  let l = lookups.get(node);
  if (!l) {
    l = {
      specs: new Map(node.fields.map((f) => [f.name, f])),
      children: new Map((node.children ?? []).map((c) => [c.node!, c])),
    };
    lookups.set(node, l);
  }
  return l;
}

/** An unsigned numeral: when it has no more decimals than the field's scale, rounding leaves its value as it is. */
const PLAIN = /^\d+(?:\.(\d+))?$/;

/** A numeral as the number it is on the wire: rounded half-up to the field's scale. */
function wireNumber(v: string | Decimal, scale: number): number {
  // The common case without Decimal: the rounded text has the same value (zeros added at most),
  // so it reads as the same double.
  const m = typeof v === 'string' ? PLAIN.exec(v) : null;
  if (m && (m[1] ?? '').length <= scale) return Number(v);
  const d = isDecimal(v) ? v : new Decimal((v as string).trim());
  return Number(d.toDecimalPlaces(scale, Decimal.ROUND_HALF_UP).toFixed(scale));
}

function wireItem(node: NodeSpec, item: unknown): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item) || isDecimal(item)) return item;
  const out: Record<string, unknown> = {};
  const { specs, children } = lookupOf(node);
  const o = item as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === null || v === undefined) continue;
    const f = specs.get(k);
    const child = children.get(k);
    out[k] = child ? wireNode(child, v) : wireValue(f, v);
  }
  return out;
}

/** One field's value (not null, not a child node) as it goes on the wire; a field the table does not know passes through. */
export function wireValue(f: FieldSpec | undefined, v: unknown): unknown {
  if (f?.type === 'num' && (isDecimal(v) || (typeof v === 'string' && NUMERIC.test(v))))
    return wireNumber(v, f.scale ?? 0);
  if (f?.type === 'str' && typeof v === 'number') return String(v);
  return isDecimal(v) ? v.toNumber() : v;
}

function wireNode(node: NodeSpec, v: unknown): unknown {
  return Array.isArray(v) ? v.map((x) => wireItem(node, x)) : wireItem(node, v);
}

export function toWireInput(infno: string, input: Input): Input {
  const spec = transactionSpec(infno);
  const out: Input = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === null || v === undefined) continue;
    const node = spec?.input.find((n) => n.node === k);
    out[k] = node ? wireNode(node, v) : dropNulls(replaceDecimals(v));
  }
  return out;
}

function replaceDecimals(v: unknown): unknown {
  if (isDecimal(v)) return v.toNumber();
  if (Array.isArray(v)) return v.map(replaceDecimals);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, replaceDecimals(x)]));
  return v;
}
