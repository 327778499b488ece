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
  const keys = Object.keys(o).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const x = o[k];
    if (x === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(x, memo);
    first = false;
  }
  out += '}';
  memo?.set(v, out);
  return out;
}
