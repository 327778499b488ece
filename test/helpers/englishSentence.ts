/**
 * Finds an English sentence in output meant to be Chinese: three or more lowercase English words in
 * a row, outside backticks, quotes and identifiers (snake_case names, codes, SQL keywords in capitals
 * file paths and hisops commands are not words here).
 */
export function englishSentences(text: string): string[] {
  const cleaned = text
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/"[^"\n]*"/g, ' ')
    .replace(/\bhisops( [a-z][a-z-]*)*/g, ' ')
    .replace(/\S*[/_.:=]\S*/g, ' ');
  const found: string[] = [];
  for (const line of cleaned.split('\n')) {
    const m = line.match(/\b[a-z][a-z'-]*(?:[ ,]+[a-z][a-z'-]*){2,}\b/g);
    if (m) found.push(...m.map((s) => `${s.trim()}  ← ${line.trim().slice(0, 120)}`));
  }
  return found;
}
