/**
 * Validation issues of policy and bill files. Every issue names the file, the line, the field path
 * ('inpatient.bands[1].from') and the fix; a failed validation throws one HisopsError (exit 2)
 * carrying all of them, so a clerk can fix a file in one pass.
 */
import { HisopsError, EXIT, type ErrorCode } from '../errors.js';
import { closest } from '../shared/closest.js';

export interface Issue {
  file: string;
  line: number | null;
  field: string;
  message: string;
  fix: string;
  /** The same in Simplified Chinese (shown under --lang zh-CN); the English stays in JSON. */
  zh?: { message: string; fix: string };
  /** The fix as edits a tool can apply (policy periods): set `field` of `file` to `value` (null = remove it). */
  edits?: Array<{ file: string; field: string; value: string | null }>;
}

/** The line of a field path, or of its nearest ancestor that has one. */
export function lineOf(lines: Map<string, number> | undefined, field: string): number | null {
  if (!lines) return null;
  let p = field;
  for (;;) {
    const l = lines.get(p);
    if (l !== undefined) return l;
    if (p === '') return null;
    const cut = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    p = cut === p ? '' : cut;
  }
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function where(i: Pick<Issue, 'file' | 'line' | 'field'>): string {
  return `${i.file}${i.line === null ? '' : `:${i.line}`}${i.field ? ` ${i.field}` : ''}`;
}

export class Issues {
  readonly list: Issue[] = [];
  constructor(
    readonly file: string,
    readonly lines: Map<string, number>,
  ) {}

  add(field: string, message: string, fix: string, zh: { message: string; fix: string }): void {
    this.list.push({ file: this.file, line: lineOf(this.lines, field), field, message, fix, ...(zh ? { zh } : {}) });
  }

  /** Throw one error listing every issue (does nothing when there is none). */
  throwIfAny(code: ErrorCode, what: string): void {
    if (this.list.length > 0) throw issuesError(code, what, this.list);
  }
}

export function issuesError(code: ErrorCode, what: string, unsorted: Issue[]): HisopsError {
  // In file order, so the summary names the first problem a reader meets.
  const issues = [...unsorted].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new HisopsError({
    code,
    summary: `${what}: ${where(first)}: ${first.message}${more}`,
    why: issues.map((i) => `${where(i)}: ${i.message} — fix: ${i.fix}`).join('\n'),
    fix: first.fix,
    details: { issues },
    exit: EXIT.usage,
  }).zh(
    `${whatZh(what)}：${where(first)}：${first.zh?.message ?? first.message}${issues.length > 1 ? `（另有 ${issues.length - 1} 个问题）` : ''}`,
    first.zh?.fix ?? first.fix,
    issues.map((i) => `${where(i)}：${i.zh?.message ?? i.message} — 处理：${i.zh?.fix ?? i.fix}`).join('\n'),
  );
}

/** The frame of an issues error in Chinese: "policy X is invalid" → "政策文件 X 校验不通过". */
function whatZh(what: string): string {
  if (what === 'policies overlap in time') return '政策文件的有效期重叠';
  const m = /^(policy|bill) (.+?) (is not valid YAML|is invalid|cannot be read|cannot be settled with (.+))$/.exec(
    what,
  );
  if (!m) return what;
  const thing = m[1] === 'policy' ? '政策文件' : '费用单';
  if (m[4]) return `${thing} ${m[2]} 无法按 ${m[4]} 试算`;
  if (m[3] === 'cannot be read') return `无法读取${thing} ${m[2]}`;
  return m[3] === 'is invalid' ? `${thing} ${m[2]} 校验不通过` : `${thing} ${m[2]} 不是有效的 YAML`;
}

/** The closest allowed word (edit distance ≤ 2), for "did you mean" fixes. */
export function didYouMean(word: string, options: readonly string[]): string | null {
  return closest(word, options, 2) ?? null;
}
