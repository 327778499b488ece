/**
 * The sync script as a file: hospitals keep it as the record of the upgrade and run it (through
 * `hisops schema sync --script`, or by hand) on a test copy and then on production. A header
 * names both sides, their fingerprints, the time and the counts; `-- hisops:` lines let hisops
 * read the script back and apply exactly what it says, refusing a script whose safe statements
 * were changed after it was made. The needs-review part is commented out: a person decides.
 */
import type { Dialect } from '../db/index.js';
import { DIALECT_LABEL } from './labels.js';
import { inputError } from '../errors.js';
import { changeDirection, changeObject } from './changes.js';
import { sha256 } from './digest.js';
import { shortFingerprint } from './fingerprint.js';
import type { Plan, PlannedStatement } from './plan.js';
import { RENDERERS } from './sql/index.js';
import { SCRIPT_WORDS, noteZh, reasonZh, titleZh, type ScriptLang, type ScriptWords } from './scriptWords.js';

export const SCRIPT_FORMAT = 'hisops-schema-script';
const SCRIPT_FORMAT_VERSION = 1;

export interface ScriptHeader {
  format: typeof SCRIPT_FORMAT;
  version: number;
  planId: string;
  dialect: Dialect;
  current: string;
  target: string;
  statements: number;
  hisopsVersion: string;
  createdAt: string;
}

/** What `apply` needs from a saved script. */
export interface SavedScript {
  header: ScriptHeader;
  /** `objects`: what the statement changes (absent in scripts written before hisops recorded it). */
  statements: Array<{ seq: number; sql: string; objects?: string[] }>;
}

const RULE = '-- ' + '='.repeat(86);

function summaryLines(plan: Plan, W: ScriptWords): string[] {
  const objs = Object.entries(plan.diff.counts);
  const parts = objs.map(([o, c]) => `${o} +${c.missing} -${c.extra} ~${c.changed}`);
  return [
    `-- ${W.changes}${plan.counts.changes} (${parts.join('; ') || W.none})`,
    `-- ${W.safePart(plan.counts.safeStatements, plan.counts.safeItems)}`,
    `-- ${W.review(plan.counts.reviewItems)}`,
  ];
}

function commentBlock(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? '--' : `-- ${l}`))
    .join('\n');
}

/**
 * The script of a plan. `lang` chooses the words of the comments a DBA reads; the SQL and the
 * `-- hisops:` lines are the same in both languages.
 */
export function renderScript(plan: Plan, lang: ScriptLang = 'en'): string {
  const r = RENDERERS[plan.dialect];
  const W = SCRIPT_WORDS[lang];
  const zh = lang === 'zh-CN';
  const title = (t: string) => (zh ? titleZh(t) : t);
  const reason = (t: string) => (zh ? reasonZh(t) : t);
  const safe = plan.statements.filter((s) => s.section === 'safe');
  const review = plan.statements.filter((s) => s.section === 'review');
  const header: ScriptHeader = {
    format: SCRIPT_FORMAT,
    version: SCRIPT_FORMAT_VERSION,
    planId: plan.planId,
    dialect: plan.dialect,
    current: plan.current.fingerprint,
    target: plan.target.fingerprint,
    statements: safe.length,
    hisopsVersion: plan.hisopsVersion,
    createdAt: plan.createdAt,
  };
  const lines: string[] = [
    RULE,
    `-- ${W.title}`,
    `-- ${W.current}${plan.current.display} (${DIALECT_LABEL[plan.current.dialect]}), ${W.fingerprint} ${shortFingerprint(plan.current.fingerprint)}`,
    `-- ${W.target}${plan.target.display} (${DIALECT_LABEL[plan.target.dialect]}), ${W.fingerprint} ${shortFingerprint(plan.target.fingerprint)}`,
    `-- ${W.written(plan.createdAt, plan.hisopsVersion, DIALECT_LABEL[plan.dialect])}`,
    ...summaryLines(plan, W),
    ...W.runIt.map((l) => `-- ${l}`),
    ...plan.warnings.map((w) => `-- ${W.note}${zh ? noteZh(w) : w}`),
    `-- hisops:plan ${JSON.stringify(header)}`,
    RULE,
    '',
  ];
  if (safe.length) {
    lines.push(RULE, `-- ${W.safeHead}`, RULE, '');
    let lastTitles = '';
    for (const s of safe) {
      const titles = s.titles.map(title).join(zh ? '；' : '; ');
      if (titles !== lastTitles) lines.push(commentBlock(titles.length > 300 ? titles.slice(0, 297) + '…' : titles));
      lastTitles = titles;
      const text = r.terminate({ sql: s.sql, block: s.block });
      // The length lets the script be read back exactly, whatever the statement contains; the
      // objects it changes let an apply killed in the middle of it tell whether it took effect.
      lines.push(`-- hisops:stmt ${s.seq} ${text.length} ${JSON.stringify(s.objects)}`, text, '');
    }
  } else lines.push(`-- ${W.nothingSafe}`, '');
  if (review.length) {
    lines.push(RULE, `-- ${W.reviewHead}`, RULE, '');
    const seen = new Set<string>();
    for (const s of review) {
      const key = s.titles.join('; ') + '\u0000' + s.reasons.join('|');
      if (!seen.has(key)) {
        lines.push(commentBlock(`${W.reviewItem} ${s.titles.map(title).join(zh ? '；' : '; ')}`));
        for (const why of s.reasons) lines.push(commentBlock(`  ${W.why}${reason(why)}`));
        seen.add(key);
      }
      if (s.sql) lines.push(commentBlock(r.terminate({ sql: s.sql, block: s.block })));
      else lines.push(`--   ${W.noSql}`);
      lines.push('');
    }
  }
  lines.push(`-- ${W.end(safe.length, review.length)}`);
  return lines.join('\n') + '\n';
}

/** The dialect's statement ending, removed when a script is read back. */
function stripTerminator(text: string, dialect: Dialect): string {
  if (dialect === 'mysql') {
    const m = /^DELIMITER ;;\n([\s\S]*);;\nDELIMITER ;$/.exec(text);
    if (m) return m[1]!;
  }
  if (dialect === 'oracle' && text.endsWith('\n/')) return text.slice(0, -2);
  if (dialect === 'mssql' && text.endsWith(';\nGO')) return text.slice(0, -4);
  return text.endsWith(';') ? text.slice(0, -1) : text;
}

function readObjects(json: string, file: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // reported below
  }
  throw inputError(
    'SCRIPT_DAMAGED',
    `A statement marker of ${file} is damaged`,
    'Write the script again with hisops schema sync -o; do not edit the "-- hisops:" lines.',
    `Expected a list of object names, found ${json.slice(0, 80)}`,
    { file },
  ).zh(
    `${file} 中有一个语句标记已损坏`,
    '请用 hisops schema sync -o 重新生成脚本；不要修改 "-- hisops:" 行。',
    `应为对象名列表，实际为 ${json.slice(0, 80)}`,
  );
}

/** Read back a script `renderScript` wrote; refuses one that is not ours, of another version, or edited. */
export function parseScript(text: string, file: string): SavedScript {
  const header = readHeader(text, file);
  const statements = readStatements(text, header.dialect, file);
  checkUnedited(header, statements, file);
  return { header, statements };
}

/** The "-- hisops:plan" header line: present, readable, and of the format version this hisops reads. */
function readHeader(text: string, file: string): ScriptHeader {
  const m = /^-- hisops:plan (\{.*\})$/m.exec(text);
  if (!m)
    throw inputError(
      'SCRIPT_FOREIGN',
      `${file} is not a hisops sync script`,
      'Give a script written by `hisops schema sync … -o script.sql`, or let sync plan afresh (leave out --script).',
      'It has no "-- hisops:plan" header line.',
      { file },
    ).zh(
      `${file} 不是 hisops 生成的同步脚本`,
      '请给出由 `hisops schema sync … -o script.sql` 生成的脚本，或让 sync 重新生成计划（去掉 --script）。',
      '它没有 "-- hisops:plan" 头部行。',
    );
  let header: ScriptHeader;
  try {
    header = JSON.parse(m[1]!) as ScriptHeader;
  } catch {
    throw inputError(
      'SCRIPT_DAMAGED',
      `The header of ${file} is damaged`,
      'Write the script again with hisops schema sync -o; do not edit the header lines.',
      undefined,
      { file },
    ).zh(`${file} 的头部已损坏`, '请用 hisops schema sync -o 重新生成脚本；不要修改头部行。');
  }
  if (header.format !== SCRIPT_FORMAT || header.version !== SCRIPT_FORMAT_VERSION) {
    throw inputError(
      'SCRIPT_VERSION',
      `${file} is a script of format ${String(header.format)} v${String(header.version)}; this hisops reads ${SCRIPT_FORMAT} v${SCRIPT_FORMAT_VERSION}`,
      'Plan the sync again with this hisops.',
      undefined,
      { file },
    ).zh(
      `${file} 是格式 ${String(header.format)} v${String(header.version)} 的脚本；本版 hisops 读取 ${SCRIPT_FORMAT} v${SCRIPT_FORMAT_VERSION}`,
      '请用本版 hisops 重新生成同步计划。',
    );
  }
  return header;
}

/** The statements after their "-- hisops:stmt <seq> <length> [objects]" markers, without their terminators. */
function readStatements(text: string, dialect: Dialect, file: string): SavedScript['statements'] {
  const statements: SavedScript['statements'] = [];
  const body = text.replace(/\r\n/g, '\n');
  const marker = /^-- hisops:stmt (\d+) (\d+)(?: (\[.*\]))?\n/gm;
  let mm: RegExpExecArray | null;
  while ((mm = marker.exec(body))) {
    const start = mm.index + mm[0].length;
    const len = Number(mm[2]);
    statements.push({
      seq: Number(mm[1]),
      sql: stripTerminator(body.slice(start, start + len), dialect),
      ...(mm[3] ? { objects: readObjects(mm[3], file) } : {}),
    });
    marker.lastIndex = start + len;
  }
  return statements;
}

/** The statement count and the plan id (a digest of the safe statements) as the header records them. */
function checkUnedited(header: ScriptHeader, statements: SavedScript['statements'], file: string): void {
  if (statements.length !== header.statements) {
    throw inputError(
      'SCRIPT_EDITED',
      `${file} has ${statements.length} statement(s) but was written with ${header.statements}`,
      'Plan the sync again (hisops schema sync … -o script.sql); move decisions into the decisions file instead of editing the script.',
      undefined,
      { file },
    ).zh(
      `${file} 有 ${statements.length} 条语句，但生成时为 ${header.statements} 条`,
      '请重新生成同步计划（hisops schema sync … -o script.sql）；请把决定写入决定文件，而不是修改脚本。',
    );
  }
  const planId = sha256(
    [header.dialect, header.current, header.target, ...statements.map((s) => s.sql)].join('\n'),
  ).slice(0, 32);
  if (planId !== header.planId) {
    throw inputError(
      'SCRIPT_EDITED',
      `The safe statements of ${file} were changed after it was written`,
      'Plan the sync again (hisops schema sync … -o script.sql). To run reviewed statements, apply them by hand or record the decision (renames) in the decisions file.',
      `Plan id ${header.planId} in the header, ${planId} for the statements as they are now.`,
      { file },
    ).zh(
      `${file} 中的安全语句在生成后被改动过`,
      '请重新生成同步计划（hisops schema sync … -o script.sql）。要执行审阅过的语句，请手工执行，或将决定（改名）记入决定文件。',
      `头部的计划编号为 ${header.planId}，按当前语句计算为 ${planId}。`,
    );
  }
}

/** Counts for reports: object kind → missing/extra/changed, from a plan's diff. */
export function planSummary(plan: Plan): Array<{ object: string; missing: number; extra: number; changed: number }> {
  const m = new Map<string, { missing: number; extra: number; changed: number }>();
  for (const c of plan.diff.changes) {
    const o = changeObject(c);
    const e = m.get(o) ?? { missing: 0, extra: 0, changed: 0 };
    e[changeDirection(c)]++;
    m.set(o, e);
  }
  return [...m.entries()].map(([object, c]) => ({ object, ...c }));
}

export type { PlannedStatement };
