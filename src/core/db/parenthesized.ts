/**
 * A SELECT in parentheses, to be a derived table or COPY's query: its trailing semicolons
 * dropped and the text between line breaks, so that a trailing `-- comment` stays inside.
 */
export function parenthesized(select: string): string {
  return `(\n${select.replace(/[\s;]+$/, '')}\n)`;
}
