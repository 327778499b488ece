/** JSON with keys sorted at every level: the same input always gives the same text (for digests). */
export function canonicalJson(v: unknown, memo?: WeakMap<object, string>): string {
  // Loops rather than filter/sort/map chains: every 35xx batch is digested (thousands of items).
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + canonicalJson(v[i], memo);
    return out + ']';
  }
  // With a memo, each object's text is kept: a caller that digests a whole request and then each
  // of its records writes every record once. The objects must not change while the memo lives.
  const known = memo?.get(v);
  if (known !== undefined) return known;
  const o = v as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const [k, quoted] of sortedKeys(Object.keys(o))) {
    const x = o[k];
    if (x === undefined) continue;
    out += (first ? '' : ',') + quoted + ':' + (typeof x === 'string' ? JSON.stringify(x) : canonicalJson(x, memo));
    first = false;
  }
  out += '}';
  memo?.set(v, out);
  return out;
}

type SortedKeys = ReadonlyArray<readonly [string, string]>;

/**
 * Objects of one shape (the items of a batch, the entries of their code lists) list the same keys
 * in the same order: their sorted keys, each with its JSON text, are made once per shape. A shape
 * is found by its first key and then compared key by key, so two shapes never share an entry.
 */
const shapes = new Map<string, Array<{ keys: readonly string[]; sorted: SortedKeys }>>();
const MOST_SHAPES = 256;
let shapeCount = 0;

function sortedKeys(keys: readonly string[]): SortedKeys {
  const head = keys[0];
  if (head === undefined) return [];
  const list = shapes.get(head);
  if (list)
    for (const s of list) {
      if (s.keys.length !== keys.length) continue;
      let same = true;
      for (let i = 1; i < keys.length && same; i++) same = s.keys[i] === keys[i];
      if (same) return s.sorted;
    }
  const sorted = [...keys].sort().map((k) => [k, JSON.stringify(k)] as const);
  // Objects keyed by data (ids, codes) would each be a shape of their own: only so many are kept.
  if (shapeCount < MOST_SHAPES) {
    shapeCount++;
    if (list) list.push({ keys: [...keys], sorted });
    else shapes.set(head, [{ keys: [...keys], sorted }]);
  }
  return sorted;
}
