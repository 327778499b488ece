/**
 * Fragments: named pieces of SQL a profile writes once (`fragments:`) and statements use as
 * `{{name}}`. Expansion is textual (also inside quotes) and may nest; an unknown name or a cycle
 * is a problem naming the file line. Every character of the expanded SQL keeps the file line it
 * came from, so a bad bind inside a fragment is reported where it is written.
 */
import type { ProfileProblem } from './parseProfile.js';

export interface SourceText {
  text: string;
  /** File line of each character of `text`. */
  lines: number[];
}

export interface Fragment extends SourceText {
  name: string;
  /** Line of the fragment's key. */
  line: number;
}

/** `{{ name }}`: letters, digits and underscores, spaces allowed inside the braces. */
export const FRAGMENT_REF = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** What holds the reference, in both languages (`statement "x"` / `语句 "x"`). */
export interface Where {
  en: string;
  zh: string;
}

export const fragmentWhere = (name: string): Where => ({ en: `fragment "${name}"`, zh: `片段 "${name}"` });

/** Replace every `{{name}}` in `src` (recursively); problems are appended, unknown refs stay as written. */
export function expandFragments(
  src: SourceText,
  fragments: ReadonlyMap<string, Fragment>,
  problems: ProfileProblem[],
  where: Where,
  stack: string[] = [],
): SourceText {
  let text = '';
  const lines: number[] = [];
  let last = 0;
  const append = (part: SourceText) => {
    text += part.text;
    for (const l of part.lines) lines.push(l);
  };
  for (const m of src.text.matchAll(FRAGMENT_REF)) {
    const at = m.index!;
    append(slice(src, last, at));
    last = at + m[0].length;
    const name = m[1]!;
    const line = src.lines[at] ?? 1;
    const frag = fragments.get(name);
    if (!frag) {
      problems.push({
        code: 'PROFILE_UNKNOWN_FRAGMENT',
        line,
        message: `${where.en} uses the unknown fragment {{${name}}}`,
        fix: `Define it under "fragments:" or correct the name${known(fragments)}.`,
        zh: {
          message: `${where.zh} 使用了未定义的片段 {{${name}}}`,
          fix: `请在 "fragments:" 下定义它，或改正名字${knownZh(fragments)}。`,
        },
      });
      append(slice(src, at, last));
      continue;
    }
    if (stack.includes(name)) {
      problems.push({
        code: 'PROFILE_FRAGMENT_CYCLE',
        line,
        message: `fragment {{${name}}} includes itself (${[...stack, name].join(' → ')})`,
        fix: 'Break the cycle: a fragment may use other fragments but never, directly or not, itself.',
        zh: {
          message: `片段 {{${name}}} 直接或间接引用了自身（${[...stack, name].join(' → ')}）`,
          fix: '打断循环：片段可以引用其他片段，但不能引用自身。',
        },
      });
      append(slice(src, at, last));
      continue;
    }
    append(expandFragments(frag, fragments, problems, fragmentWhere(name), [...stack, name]));
  }
  append(slice(src, last, src.text.length));
  return { text, lines };
}

function slice(src: SourceText, from: number, to: number): SourceText {
  return { text: src.text.slice(from, to), lines: src.lines.slice(from, to) };
}

function known(fragments: ReadonlyMap<string, Fragment>): string {
  return fragments.size ? ` (known: ${[...fragments.keys()].join(', ')})` : ' (the profile defines none)';
}

function knownZh(fragments: ReadonlyMap<string, Fragment>): string {
  return fragments.size ? `（已定义：${[...fragments.keys()].join('、')}）` : '（本接口配置未定义任何片段）';
}
