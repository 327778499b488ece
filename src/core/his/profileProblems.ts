/** The error a profile with problems throws (every problem listed, the first one leading), and the did-you-mean hints. */
import { EXIT, HisopsError } from '../errors.js';
import { closest } from '../shared/index.js';
import type { ProfileProblem } from './parseProfile.js';

/** The problems without repeats (the same code, line and message once). */
export function dedupe(problems: ProfileProblem[]): ProfileProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.code}\u0000${p.line}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function profileError(file: string, problems: ProfileProblem[]): HisopsError {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new HisopsError({
    code: first.code,
    summary: `${file}:${first.line}: ${first.message}${more}`,
    why: problems.map((p) => `${file}:${p.line}: ${p.message}`).join('\n'),
    fix:
      problems.length > 1
        ? `${first.fix} Then fix the other lines listed above and run hisops doctor.`
        : `${first.fix} Then run hisops doctor.`,
    details: { file, problems },
    exit: EXIT.usage,
  }).zh(
    `${file}:${first.line}：${first.zh.message}${problems.length > 1 ? `（另有 ${problems.length - 1} 个问题）` : ''}`,
    problems.length > 1
      ? `${first.zh.fix} 然后更正上面列出的其他行，并运行 hisops doctor。`
      : `${first.zh.fix} 然后运行 hisops doctor。`,
    problems.map((p) => `${file}:${p.line}：${p.zh.message}`).join('\n'),
  );
}

/** The same hint as `suggest`, in Chinese. */
export function suggestZh(word: string, known: string[], prefix = ''): string {
  return suggest(word, known, prefix).replace(/^ \(did you mean (.*)\?\)$/, '（是不是 $1？）');
}

/** " (did you mean X?)" when a known name is close to the unknown one. */
export function suggest(word: string, known: string[], prefix = ''): string {
  const best = closest(word, known);
  return best !== undefined ? ` (did you mean ${prefix}${best}?)` : '';
}
