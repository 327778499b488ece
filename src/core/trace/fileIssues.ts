/**
 * A problem in a file hisops imports for the trace job (the four-code library, package
 * relations): where it is (file, line, field), what is wrong and the fix, in English and Chinese.
 * An import with any problem writes nothing; the error carries every problem as
 * `details.issues`, which the CLI prints one per line (file:line field: message → fix). Pure.
 */
import { EXIT, HisopsError, type ErrorCode, type ExitCode } from '../errors.js';

export interface FileIssue {
  file: string;
  /** 1-based line (the header is line 1); 0 = the file as a whole. */
  line: number;
  /** The column as hisops names it (trac_prefix, med_list_codg …), when the problem is one cell. */
  field?: string;
  message: string;
  fix: string;
  zh: { message: string; fix: string };
}

export function issue(
  file: string,
  line: number,
  field: string | undefined,
  en: [message: string, fix: string],
  zh: [message: string, fix: string],
): FileIssue {
  return { file, line, ...(field ? { field } : {}), message: en[0], fix: en[1], zh: { message: zh[0], fix: zh[1] } };
}

/** The error that stops an import: the first problem in the summary, all of them in details.issues. */
export function issuesError(
  code: ErrorCode,
  what: { en: string; zh: string },
  issues: readonly FileIssue[],
  exit: ExitCode = EXIT.usage,
): HisopsError {
  const first = issues[0]!;
  const where = `${first.file}${first.line ? `:${first.line}` : ''}${first.field ? ` ${first.field}` : ''}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem(s))` : '';
  const moreZh = issues.length > 1 ? `（另有 ${issues.length - 1} 个问题）` : '';
  return new HisopsError({
    code,
    summary: `${what.en} was not imported: ${where}: ${first.message}${more}`,
    fix: `${first.fix} Nothing was written${exit === EXIT.usage ? '; correct the file and run again' : ''}.`,
    details: { issues },
    exit,
  }).zh(
    `${what.zh}未导入：${where}：${first.zh.message}${moreZh}`,
    `${first.zh.fix} 未写入任何内容${exit === EXIT.usage ? '；请更正文件后再次运行' : ''}。`,
  );
}

/** A header cell as compared with the known names: no spaces, brackets or case; full-width folded. */
export function headerKey(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000"'“”*]/g, '')
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .toLowerCase();
}

/**
 * Which column holds which field, from a header row and each field's accepted names. A field
 * whose name appears twice takes the first column.
 */
export function layoutOf<F extends string>(
  header: readonly string[],
  names: Readonly<Record<F, readonly string[]>>,
): Partial<Record<F, number>> {
  const keys = header.map(headerKey);
  const out: Partial<Record<F, number>> = {};
  for (const f of Object.keys(names) as F[]) {
    const accepted = new Set([f, ...names[f]].map(headerKey));
    const i = keys.findIndex((k) => accepted.has(k));
    if (i >= 0) out[f] = i;
  }
  return out;
}

/** A cell as trimmed text; an Excel-style `="…"` or a leading apostrophe (kept codes as text) is unwrapped. */
export function cellText(cells: readonly string[], i: number | undefined): string {
  if (i === undefined) return '';
  const v = (cells[i] ?? '').replace(/^[\s\u3000\uFEFF]+|[\s\u3000]+$/g, '');
  const m = /^="(.*)"$/.exec(v);
  if (m) return m[1]!;
  return v.startsWith("'") ? v.slice(1) : v;
}
