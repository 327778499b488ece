/**
 * Turning a caller's input into what goes on the wire: Decimal amounts become JSON numbers
 * rounded to the field's scale, codes given as numbers become strings, null/undefined keys are
 * dropped. Walks the transaction's field table; fields it does not know pass through (Decimal
 * → number unchanged).
 */
import { Decimal } from 'decimal.js';
import type { NodeSpec } from './fieldSpec.js';
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

function wireItem(node: NodeSpec, item: unknown): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item) || isDecimal(item)) return item;
  const out: Record<string, unknown> = {};
  const { specs, children } = lookupOf(node);
  for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    const f = specs.get(k);
    const child = children.get(k);
    if (child) out[k] = wireNode(child, v);
    else if (f?.type === 'num' && (isDecimal(v) || (typeof v === 'string' && NUMERIC.test(v)))) {
      const d = isDecimal(v) ? v : new Decimal(v.trim());
      out[k] = Number(d.toDecimalPlaces(f.scale ?? 0, Decimal.ROUND_HALF_UP).toFixed(f.scale ?? 0));
    } else if (f?.type === 'str' && typeof v === 'number') out[k] = String(v);
    else if (isDecimal(v)) out[k] = v.toNumber();
    else out[k] = v;
  }
  return out;
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
