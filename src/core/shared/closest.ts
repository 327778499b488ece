/** "Did you mean …?": the known word closest to a mistyped one (pure), by Levenshtein distance. */
import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `word` ignoring case (the first of equals), when it is close enough to
 * be a typo: within `maxDistance` edits (insertions, deletions, substitutions), by default 2 or a
 * third of the word's length, whichever is more.
 */
export function closest(
  word: string,
  candidates: Iterable<string>,
  maxDistance = Math.max(2, Math.floor(word.length / 3)),
): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= maxDistance ? best : undefined;
}
