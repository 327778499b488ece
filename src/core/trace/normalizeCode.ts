/**
 * One scanned traceability code, judged on its own. The 码上放心 codes are 20 digits (the first 7
 * the product-identification code); scanners add surrounding spaces, tabs and line ends, which are
 * removed. Anything else is not guessed at: a letter, an inner space, a full-width digit from an
 * input method or a symbol rejects the code with the reason, so that the pharmacy rescans it.
 */

export type CodeVerdict =
  | { ok: true; code: string; trimmed: boolean }
  | { ok: false; kind: 'no_code' | 'bad_length' | 'bad_chars'; code: string; reason: string };

export const CODE_LENGTH = 20;

/** Surrounding characters that a scanner or a copy adds and that can never be part of a code. */
const EDGES = /^[\s\u3000\uFEFF\u200B]+|[\s\u3000\uFEFF\u200B]+$/g;

/** Twenty ASCII digits and nothing else: the code as nearly every scan gives it. */
function isPlainCode(raw: string): boolean {
  if (raw.length !== CODE_LENGTH) return false;
  for (let i = 0; i < CODE_LENGTH; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function normalizeCode(raw: string | null | undefined): CodeVerdict {
  if (raw === null || raw === undefined) return { ok: false, kind: 'no_code', code: '', reason: 'no code was scanned' };
  // An upload judges every code several times (history, check, plan): the common case skips the regular expressions.
  if (isPlainCode(raw)) return { ok: true, code: raw, trimmed: false };
  const code = raw.replace(EDGES, '');
  if (code === '') return { ok: false, kind: 'no_code', code: raw, reason: 'the code is empty' };
  if (/^[0-9]+$/.test(code)) {
    if (code.length === CODE_LENGTH) return { ok: true, code, trimmed: code !== raw };
    const n = code.length;
    const hint =
      n === 19
        ? ' (a digit was lost in scanning)'
        : n === 13 && code.startsWith('69')
          ? ' (this is the 69… commodity barcode, not the traceability code)'
          : '';
    return { ok: false, kind: 'bad_length', code: raw, reason: `${n} digits, not ${CODE_LENGTH}${hint}` };
  }
  return { ok: false, kind: 'bad_chars', code: raw, reason: describeBadChars(code) };
}

/** Name what is wrong, with 1-based positions, the way a pharmacist can check it on the box. */
function describeBadChars(code: string): string {
  const chars = [...code];
  const at = (test: (c: string) => boolean) => chars.map((c, i) => (test(c) ? i + 1 : 0)).filter((i) => i > 0);
  const parts: string[] = [];
  const spaces = at((c) => /[\s\u3000]/.test(c));
  if (spaces.length) parts.push(`a space inside at position ${list(spaces)}`);
  const wide = at((c) => /[\uFF10-\uFF19]/.test(c));
  if (wide.length) parts.push(`full-width digits at position ${list(wide)} (typed through an input method)`);
  const letters = at((c) => /[A-Za-z\uFF21-\uFF3A\uFF41-\uFF5A]/.test(c));
  if (letters.length)
    parts.push(
      `letters ${chars.filter((c) => /[A-Za-z\uFF21-\uFF3A\uFF41-\uFF5A]/.test(c)).join('')} at position ${list(letters)}`,
    );
  const other = at((c) => !/[0-9A-Za-z\s\u3000\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/.test(c));
  if (other.length)
    parts.push(
      `symbol ${[...new Set(other.map((i) => chars[i - 1]!))].map((c) => JSON.stringify(c)).join(' ')} at position ${list(other)}`,
    );
  return `not all digits: ${parts.join('; ')} (${chars.length} characters)`;
}

function list(positions: number[]): string {
  if (positions.length <= 4) return positions.join(', ');
  return `${positions.slice(0, 4).join(', ')} …`;
}

/** The product-identification code of a valid 20-digit code. */
export function productPrefix(code: string): string {
  return code.slice(0, 7);
}
