/**
 * `settle stuck` and the first half of `settle reverse`: gather the candidates, ask the center,
 * classify; for reverse, pick the named ones first (refusing bad ids before anything is sent) and
 * plan their repair.
 */
import { CENTER_CALLS_TABLE, CenterCallJournal, REVERSIBLE_INFNOS, type CenterCallRecord } from '../center/index.js';
import { inputError } from '../errors.js';
import { StuckActionJournal } from './actionJournal.js';
import { assessCandidates, type AskStats, type CenterLike } from './askCenter.js';
import { isStuck } from './classifyStuck.js';
import { gatherCandidates, type GatherOptions, type SourceCounts, type StuckEnv } from './gatherCandidates.js';
import { planRepairs } from './planRepair.js';
import { selectCandidates, type IdHistory, type IdProblem } from './selectCandidates.js';
import type { StuckSettings } from './stuckConfig.js';
import { STUCK_CLASSES, type Finding, type PlanItem, type StuckClass } from './types.js';

export interface DetectOptions extends GatherOptions {
  settings: StuckSettings;
}

export interface StuckReport {
  period: { from: string | null; to: string | null };
  older_than_ms: number;
  concurrency: number;
  sources: SourceCounts;
  notes: string[];
  /** Everything that needs attention (consistent candidates left out). */
  findings: Finding[];
  counts: Record<StuckClass, number>;
  candidates: number;
  timings: {
    gather_ms: number;
    center_ms: number;
    center_queries: number;
    max_in_flight: number;
    his_ms: number;
    journal_ms: number;
    lookup_ms: number;
  };
}

function countBy(findings: readonly Finding[]): Record<StuckClass, number> {
  const out = Object.fromEntries(STUCK_CLASSES.map((c) => [c, 0])) as Record<StuckClass, number>;
  for (const f of findings) out[f.classification]++;
  return out;
}

function report(
  o: DetectOptions,
  g: Awaited<ReturnType<typeof gatherCandidates>>,
  all: Finding[],
  stats: AskStats,
  gatherMs: number,
): StuckReport {
  return {
    period: { from: o.from ?? null, to: o.to ?? null },
    older_than_ms: o.olderThanMs,
    concurrency: o.settings.concurrency,
    sources: g.sources,
    notes: g.notes,
    findings: all.filter(isStuck),
    counts: countBy(all),
    candidates: all.length,
    timings: {
      gather_ms: Math.round(gatherMs),
      center_ms: Math.round(stats.ms),
      center_queries: stats.asked,
      max_in_flight: stats.maxInFlight,
      his_ms: Math.round(g.timings.hisMs),
      journal_ms: Math.round(g.timings.journalMs),
      lookup_ms: Math.round(g.timings.lookupMs),
    },
  };
}

/** Find the stuck settlements (5203 for each one with a setl_id; `center` undefined: no center calls). */
export async function detectStuck(env: StuckEnv & { center?: CenterLike }, o: DetectOptions): Promise<StuckReport> {
  const t0 = performance.now();
  const g = await gatherCandidates(env, o);
  const gatherMs = performance.now() - t0;
  const { findings, stats } = await assessCandidates(env.center, g.candidates, {
    concurrency: o.settings.concurrency,
    patterns: o.settings.patterns,
  });
  return report(o, g, findings, stats, gatherMs);
}

export interface ReverseOptions extends DetectOptions {
  ids: string[];
  all: boolean;
  centerOnly: 'complete' | 'cancel';
  runId: string;
}

export interface ReversePlan {
  report: StuckReport;
  items: PlanItem[];
}

/** What is known of an id that names no candidate: repaired before, or a call that is not a settlement. */
async function historyOf(env: StuckEnv, id: string): Promise<IdHistory | undefined> {
  const actions = new StuckActionJournal(env.journal, 'lookup');
  const done = await actions.lastRepair(id);
  if (done)
    return {
      repaired: {
        at: done.finished_at ?? done.started_at,
        run_id: done.run_id,
        what: `${done.repair ?? 'repair'} of a ${done.classification ?? 'stuck'} settlement`,
      },
    };
  await env.journal.ensure(CENTER_CALLS_TABLE);
  const k = env.journal.knex;
  const rev = (await k(CENTER_CALLS_TABLE.name).where({ infno: '2601', ref_msgid: id, status: 'ok' }).first()) as
    | CenterCallRecord
    | undefined;
  if (rev)
    return {
      repaired: {
        at: rev.finished_at ?? rev.created_at,
        run_id: rev.run_id,
        what: `reversed by 2601 msgid ${rev.msgid}`,
      },
    };
  const call = await new CenterCallJournal(env.journal).get(id);
  if (call) {
    if (call.resolved_at)
      return { repaired: { at: call.resolved_at, run_id: call.run_id, what: call.resolution ?? 'resolved' } };
    return { call: { infno: call.infno, status: call.status } };
  }
  return undefined;
}

function refuse(problems: IdProblem[]): never {
  throw inputError(
    'STUCK_IDS',
    problems.length === 1
      ? problems[0]!.message
      : `${problems.length} of the settlements named cannot be repaired; nothing was sent`,
    'Name stuck settlements as hisops settle stuck lists them (by msgid or setl_id), or use --all.',
    'Nothing was sent to the center and nothing was changed in the HIS.',
    {
      issues: problems.map((p) => ({
        field: p.id,
        message: p.message,
        reason: p.reason,
        ...(p.matches ? { matches: p.matches } : {}),
      })),
    },
  ).zh(
    problems.length === 1 ? problems[0]!.message : `所指定的结算中有 ${problems.length} 笔无法处理；未发送任何内容`,
    '请按 hisops settle stuck 列出的方式（msgid 或 setl_id）指定单边账，或使用 --all。',
    '未向医保中心发送任何内容，HIS 中也未做任何更改。',
  );
}

/**
 * Plan the repair of the named (or all) stuck settlements. Bad ids are refused before any call to
 * the center; named settlements that turn out to need a person (or nothing) are refused too.
 */
export async function planReverse(env: StuckEnv & { center?: CenterLike }, o: ReverseOptions): Promise<ReversePlan> {
  if (!o.all && o.ids.length === 0)
    throw inputError(
      'STUCK_NO_IDS',
      'Name the settlements to repair, or pass --all',
      'Run hisops settle stuck to list them, then hisops settle reverse <msgid|setl_id>… (or --all).',
    ).zh(
      '请指定要处理的结算，或加 --all',
      '请运行 hisops settle stuck 列出单边账，然后运行 hisops settle reverse <msgid|setl_id>…（或 --all）。',
    );
  const t0 = performance.now();
  const g = await gatherCandidates(env, o);
  const gatherMs = performance.now() - t0;
  let chosen = g.candidates;
  if (!o.all) {
    const histories = new Map<string, IdHistory | undefined>();
    for (const id of o.ids) histories.set(id, await historyOf(env, id));
    const sel = selectCandidates(g.candidates, o.ids, (id) => histories.get(id), REVERSIBLE_INFNOS);
    if (sel.problems.length) refuse(sel.problems);
    chosen = sel.selected;
  }
  const { findings, stats } = await assessCandidates(env.center, chosen, {
    concurrency: o.settings.concurrency,
    patterns: o.settings.patterns,
  });
  // A repair the profile cannot write (a statement it leaves out) must not send its center call.
  const items = planRepairs(findings, { centerOnly: o.centerOnly, runId: o.runId, named: !o.all }).map((it) => {
    const missing = [
      ...new Set(
        it.steps.flatMap((st) => (st.kind === 'his' && !env.profile.statements[st.statement] ? [st.statement] : [])),
      ),
    ];
    const unsupported = [
      ...new Set(
        it.steps.flatMap((st) =>
          st.kind === 'his' && env.profile.statements[st.statement]?.unsupported !== undefined ? [st.statement] : [],
        ),
      ),
    ];
    if (unsupported.length) {
      const why = unsupported.map((m) => `${m}: ${env.profile.statements[m]!.unsupported}`).join('; ');
      return {
        ...it,
        repair: 'manual' as const,
        steps: [],
        note: `this HIS does not provide ${why} (PROFILE_UNSUPPORTED in ${env.profile.file}): repair it in the HIS by hand; nothing was sent`,
        note_zh: `本院 HIS 不提供 ${why}（${env.profile.file} 中标为 PROFILE_UNSUPPORTED）：请在 HIS 中人工处理；未发送任何内容`,
      };
    }
    if (!missing.length) return it;
    return {
      ...it,
      repair: 'manual' as const,
      steps: [],
      note: `the HIS profile ${env.profile.file} has no statement ${missing.map((m) => `"${m}"`).join(', ')} (PROFILE_NO_STATEMENT): add it (copy it from templates/profiles/reference.yaml), then run again; nothing was sent`,
      note_zh: `HIS 接口配置 ${env.profile.file} 中没有语句 ${missing.map((m) => `"${m}"`).join('、')}（PROFILE_NO_STATEMENT）：请添加（可从 templates/profiles/reference.yaml 复制）后再次运行；未发送任何内容`,
    };
  });
  if (!o.all) {
    const bad: IdProblem[] = [];
    items.forEach((it, i) => {
      const f = findings[i]!;
      if (f.classification === 'consistent' && it.steps.length === 0)
        bad.push({ id: it.id, reason: 'already_repaired', message: `${it.id} needs no repair: ${f.why}` });
      else if (it.repair === 'manual')
        bad.push({
          id: it.id,
          reason: 'not_reversible',
          message: `${it.id} cannot be repaired by hisops: ${it.note ?? f.why}`,
        });
    });
    if (bad.length) refuse(bad);
  }
  const useful = items.filter(
    (it, i) => it.steps.length > 0 || it.repair === 'manual' || findings[i]!.classification !== 'consistent',
  );
  return { report: report(o, { ...g, candidates: chosen }, findings, stats, gatherMs), items: useful };
}
