/**
 * Validation of envelopes and transaction inputs against the field tables — what a strict
 * center checks. Pure: returns every problem found (never throws), each with the JSON path, so
 * that the sandbox can answer with a precise err_msg and the client can refuse to send rubbish.
 */
import { isCode, type CodeTableName } from './codes.js';
import type { FieldSpec, NodeSpec } from './fieldSpec.js';
import { REQUEST_ENVELOPE_FIELDS } from './envelope.js';
import { MSGID_RE } from './msgid.js';
import { isDate, isDateTime } from './time.js';
import { transactionSpec } from './transactions.js';

export interface Problem {
  /** JSON path, e.g. `input.data.psn_no` or `input.selinfoDetail[2].drugtracinfo[0].drug_trac_codg`. */
  path: string;
  kind: 'missing' | 'type' | 'length' | 'format' | 'code' | 'shape' | 'unknown';
  message: string;
}

export interface ValidateOptions {
  /** Local codes a province adds, per table (e.g. `{ clr_type: ['9902'] }`). */
  extraCodes?: Partial<Record<CodeTableName, readonly string[]>>;
  /** Skip code-table checks entirely (a province with many local codes). */
  skipCodes?: boolean;
  /** Accept an object where an array is expected and the reverse (real clients do both). */
  lenientShapes?: boolean;
  /** Check each item's own fields only, not its child nodes (a caller that checks those itself). */
  fieldsOnly?: boolean;
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || v === '';

/** Digits before and after the point of a decimal given as number or string. */
function numParts(v: unknown): { int: number; frac: number } | undefined {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    s = String(v);
    if (/e/i.test(s)) s = v.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
  } else if (typeof v === 'string') s = v.trim();
  else return undefined;
  const m = /^[+-]?(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
  const int = m[1]!.replace(/^0+(?=\d)/, '');
  return { int: int === '0' ? 0 : int.length, frac: (m[2] ?? '').replace(/0+$/, '').length };
}

/**
 * Check one value against its spec; returns the problem or undefined. The path is `base.name`
 * (`name` alone when base is empty), made only for a problem: a batch checks every field of
 * thousands of items, nearly all fine.
 */
function checkField(spec: FieldSpec, v: unknown, base: string, opts: ValidateOptions = {}): Problem | undefined {
  const problem = fieldProblem(spec, v, opts);
  return problem && { path: base === '' ? spec.name : `${base}.${spec.name}`, ...problem };
}

function fieldProblem(spec: FieldSpec, v: unknown, opts: ValidateOptions): Omit<Problem, 'path'> | undefined {
  if (isBlank(v)) {
    return spec.req === 'Y' ? { kind: 'missing', message: `${spec.name} is required` } : undefined;
  }
  switch (spec.type) {
    case 'str': {
      if (typeof v !== 'string' && typeof v !== 'number')
        return { kind: 'type', message: `${spec.name} must be a string` };
      const s = String(v);
      // Characters, not UTF-16 units; a string no longer in units is no longer in characters.
      if (spec.len !== undefined && s.length > spec.len && [...s].length > spec.len)
        return { kind: 'length', message: `${spec.name} is longer than ${spec.len} characters` };
      if (spec.code && !opts.skipCodes && !isCode(spec.code, s, opts.extraCodes?.[spec.code])) {
        return { kind: 'code', message: `${spec.name} "${s}" is not a known ${spec.code} code` };
      }
      return undefined;
    }
    case 'num': {
      const parts = numParts(v);
      if (!parts) return { kind: 'type', message: `${spec.name} must be a number` };
      const scale = spec.scale ?? 0;
      if (spec.len !== undefined) {
        if (parts.frac > scale) return { kind: 'format', message: `${spec.name} has more than ${scale} decimals` };
        if (parts.int > spec.len - scale)
          return { kind: 'length', message: `${spec.name} has more than ${spec.len - scale} integer digits` };
      }
      return undefined;
    }
    case 'date':
      return typeof v === 'string' && isDate(v)
        ? undefined
        : { kind: 'format', message: `${spec.name} must be a date yyyy-MM-dd` };
    case 'dt':
      return typeof v === 'string' && isDateTime(v)
        ? undefined
        : { kind: 'format', message: `${spec.name} must be a date-time yyyy-MM-dd HH:mm:ss` };
  }
}

function checkItem(node: NodeSpec, item: unknown, path: string, opts: ValidateOptions, out: Problem[]): void {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    out.push({ path, kind: 'shape', message: `${path} must be an object` });
    return;
  }
  const o = item as Record<string, unknown>;
  for (const f of node.fields) {
    const p = checkField(f, o[f.name], path, opts);
    if (p) out.push(p);
  }
  if (opts.fieldsOnly) return;
  for (const child of node.children ?? []) checkNode(child, o[child.node!], `${path}.${child.node}`, opts, out);
}

/** Validate one node value (object or array) against its spec, appending problems. */
function checkNode(node: NodeSpec, value: unknown, path: string, opts: ValidateOptions, out: Problem[]): void {
  if (value === undefined || value === null) {
    if (node.required !== false) out.push({ path, kind: 'missing', message: `node ${node.node} is required` });
    return;
  }
  if (node.shape === 'array') {
    let items: unknown[];
    if (Array.isArray(value)) items = value;
    else if (opts.lenientShapes && typeof value === 'object') items = [value];
    else {
      out.push({ path, kind: 'shape', message: `${node.node} must be a list` });
      return;
    }
    if (items.length === 0 && node.required !== false)
      out.push({ path, kind: 'missing', message: `${node.node} must not be empty` });
    items.forEach((it, i) => checkItem(node, it, `${path}[${i}]`, opts, out));
    return;
  }
  if (Array.isArray(value)) {
    if (opts.lenientShapes && value.length === 1) return checkItem(node, value[0], path, opts, out);
    out.push({ path, kind: 'shape', message: `${node.node} must be an object, not a list` });
    return;
  }
  checkItem(node, value, path, opts, out);
}

/** Validate the `input` of a transaction. Unknown infno → one problem. Unknown keys are allowed (provinces add fields). */
export function validateInput(infno: string, input: unknown, opts: ValidateOptions = {}): Problem[] {
  const spec = transactionSpec(infno);
  if (!spec) return [{ path: 'infno', kind: 'unknown', message: `unknown transaction ${infno}` }];
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return [{ path: 'input', kind: 'shape', message: 'input must be an object' }];
  const out: Problem[] = [];
  for (const node of spec.input)
    checkNode(node, (input as Record<string, unknown>)[node.node!], `input.${node.node}`, opts, out);
  if (out.length === 0 && spec.check) {
    for (const p of spec.check(input as Record<string, unknown>))
      out.push({ path: `input.${p.path}`, kind: 'missing', message: p.message });
  }
  return out;
}

/** Does the input carry a psn_no anywhere in its first-level nodes? (insuplc_admdvs then becomes required.) */
function inputHasPsnNo(input: unknown): boolean {
  if (input === null || typeof input !== 'object') return false;
  for (const v of Object.values(input as Record<string, unknown>)) {
    const items = Array.isArray(v) ? v : [v];
    for (const it of items)
      if (it && typeof it === 'object' && !isBlank((it as Record<string, unknown>).psn_no)) return true;
  }
  return false;
}

/**
 * Validate a request envelope: every common field, the msgid rule (and that its institution part
 * is the sender's), sign_no for everything but 9001, insuplc_admdvs when the input names a person.
 * Does not validate `input` (call validateInput).
 */
export function validateRequestEnvelope(env: unknown, opts: ValidateOptions = {}): Problem[] {
  if (env === null || typeof env !== 'object' || Array.isArray(env))
    return [{ path: '', kind: 'shape', message: 'the request body must be a JSON object' }];
  const e = env as Record<string, unknown>;
  const out: Problem[] = [];
  for (const f of REQUEST_ENVELOPE_FIELDS) {
    const p = checkField(f, e[f.name], '', opts);
    if (p) out.push(p);
  }
  if (typeof e.msgid === 'string' && e.msgid !== '') {
    const m = MSGID_RE.exec(e.msgid);
    if (!m)
      out.push({
        path: 'msgid',
        kind: 'format',
        message: 'msgid must be fixmedins_code (12) + yyyyMMddHHmmss (14) + a 4-digit sequence',
      });
    else if (typeof e.fixmedins_code === 'string' && m[1] !== e.fixmedins_code)
      out.push({ path: 'msgid', kind: 'format', message: "msgid must start with the sender's fixmedins_code" });
  }
  if (e.infno !== '9001' && isBlank(e.sign_no))
    out.push({ path: 'sign_no', kind: 'missing', message: 'sign_no is required: sign in with 9001 first' });
  if (isBlank(e.insuplc_admdvs) && inputHasPsnNo(e.input))
    out.push({
      path: 'insuplc_admdvs',
      kind: 'missing',
      message: 'insuplc_admdvs is required when the input carries a psn_no',
    });
  if (e.input === undefined || e.input === null || typeof e.input !== 'object' || Array.isArray(e.input))
    out.push({ path: 'input', kind: 'missing', message: 'input must be an object' });
  return out;
}

/** One line for an err_msg or an error's `why`: the first few problems. */
export function describeProblems(problems: readonly Problem[], max = 3): string {
  const head = problems.slice(0, max).map((p) => `${p.path}: ${p.message}`);
  if (problems.length > max) head.push(`and ${problems.length - max} more`);
  return head.join('; ');
}
