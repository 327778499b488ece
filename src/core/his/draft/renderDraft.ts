/**
 * Write the proposed mapping as a profile (pure): every statement of the contract, its SQL built
 * from the matched tables and columns, `:fixmedins_code` wherever the HIS keeps a hospital code,
 * the status codes turned into the canonical words with CASE where the comment listed them, and
 * above each statement a YAML comment with the confidence and a TODO for whatever could not be
 * decided (the SQL then says NULL AS <column> /* TODO … * /, or the statement is `unsupported`).
 */
import type { Dialect } from '../../db/index.js';
import { STATEMENTS } from '../statements.js';
import { ROLES, type Role } from './dictionary.js';
import type { Confidence, ProposedMapping, TableMatch } from './matchSchema.js';
import { READ_BUILDERS } from './renderDraftReads.js';
import { Draft, type Piece } from './renderDraftSql.js';
import { WRITE_BUILDERS } from './renderDraftWrites.js';

const BUILDERS = { ...READ_BUILDERS, ...WRITE_BUILDERS };

/** Which roles a statement reads or writes (for its confidence note). */
const ROLES_OF: Record<string, Role[]> = {
  pending_settlements: ['settlement', 'log'],
  orphan_center_calls: ['log', 'settlement'],
  center_log_by_msgid: ['log'],
  fee_lines_of_settlement: ['fee', 'settlement'],
  fee_lines_of_visit: ['fee'],
  items_billed_since: ['item', 'fee'],
  his_items: ['item'],
  drug_trace_prefixes: ['trace_prefix'],
  dispensing_for_upload: ['dispense', 'dispense_trace', 'mapping'],
  stock_for_upload: ['stock', 'stock_trace', 'mapping'],
  mappings: ['mapping'],
  mappings_of_item: ['mapping'],
  insert_mapping: ['mapping'],
  end_mapping: ['mapping'],
};

const RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

function note(m: ProposedMapping, name: string, todos: string[]): string[] {
  const tables = (ROLES_OF[name] ?? ['settlement']).map((r) => m[r]).filter((t): t is TableMatch => !!t);
  const conf = tables.reduce<Confidence>((c, t) => (RANK[t.confidence] < RANK[c] ? t.confidence : c), 'high');
  const level = todos.length && conf === 'high' ? 'medium' : conf;
  return [
    `  # confidence: ${level} — ${tables.map((t) => `${t.table}${t.comment ? ` (${t.comment})` : ''}`).join(', ')}`,
    ...todos.map((t) => `  # TODO ${t}`),
  ];
}

/** A statement that cannot use a required bind (its key) cannot be drafted: it must be written by hand. */
function requiredBindsUsed(name: string, p: Piece): Piece | { unsupported: string } {
  const spec = STATEMENTS[name];
  const lost = Object.entries(spec?.binds ?? {})
    .filter(([b, bs]) => bs.required && !new RegExp(`:${b}\\b`).test(p.sql))
    .map(([b]) => b);
  return lost.length
    ? { unsupported: `no column found for ${lost.map((b) => `:${b}`).join(', ')} — write this statement by hand` }
    : p;
}

const indent = (s: string, n: number) =>
  s
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');

export interface RenderDraftOptions {
  dialect: Dialect;
  /** Where the schema came from (shown in the header, without secrets). */
  source: string;
  /** Statement names in the order the profile lists them. */
  statements: readonly string[];
}

/** The whole profile text. */
export function renderDraft(
  m: ProposedMapping,
  o: RenderDraftOptions,
): { text: string; todos: number; unsupported: string[] } {
  const d = new Draft(m, o.dialect);
  const out: string[] = [
    `# HIS profile drafted by hisops profile draft from ${o.source} (${o.dialect}).`,
    '# Every statement says how sure the draft is and what it could not decide (TODO). Read each one,',
    '# fix the TODOs, then run hisops profile check (or hisops doctor) before any job uses it.',
    '#',
    '# Tables found:',
    ...(Object.entries(m) as Array<[Role, TableMatch]>).map(
      ([r, t]) =>
        `#   ${r}: ${t.table}${t.comment ? ` (${t.comment})` : ''} — ${t.confidence}: ${t.why}${t.tenant ? `; hospital code ${t.tenant.column}` : ''}`,
    ),
    ...(Object.keys(ROLES) as Role[])
      .filter((r) => !m[r])
      .map((r) => `#   ${r}: TODO no table found for ${ROLES[r].what}`),
  ];
  if (Object.values(m).some((t) => t?.tenant))
    out.push(
      '#',
      '# The hospital-code columns are bound to :fixmedins_code (the institution in hisops.yaml). If they',
      "# hold the HIS's own hospital code instead, declare it under binds: and use that bind.",
    );
  out.push(`name: drafted`, `description: drafted from ${o.source}`, 'statements:');
  let todos = 0;
  const unsupported: string[] = [];
  for (const name of o.statements) {
    const b = BUILDERS[name];
    // Optional statements over tables the draft does not look for (stock-takes, invoice numbers of
    // stock-ins) are left out: the jobs work without them, and a guess would only mislead.
    if (!b && STATEMENTS[name]?.optional) continue;
    const built = b ? b(d) : { unsupported: 'hisops profile draft does not know this statement yet' };
    const r = 'unsupported' in built ? built : requiredBindsUsed(name, built);
    if ('unsupported' in r) {
      unsupported.push(name);
      todos++;
      out.push('', `  # TODO ${r.unsupported}`, `  ${name}:`, `    unsupported: ${r.unsupported}`);
      continue;
    }
    todos += r.todos.length;
    out.push('', ...note(m, name, r.todos), `  ${name}:`, '    sql: |', indent(r.sql, 6));
  }
  return { text: out.join('\n') + '\n', todos, unsupported };
}
