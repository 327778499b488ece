/**
 * The reconciliation run (effectful): read the hospital's settlements of each period through the
 * HIS profile, send 3201 per group, run the 3202 detail flow (9101 → 3202 → 9102) for the scopes
 * of unbalanced groups, gather evidence for every difference (HIS rows, the HIS's write-ahead log,
 * hisops's call journal, 5203), classify, and record the run and its findings in the journal.
 *
 * Memory stays bounded by one day of settlements: rows are summed as they come from the database
 * and dropped; a one-day run keeps the day's rows for its details, a longer run reads the rows of a
 * scope again when it needs details. Reading, 3201 and 3202 overlap (see the periods below). 3201
 * and 5203 go out a few at a time (reconcile.concurrency). A center or database failure stops the
 * run; what was done so far is recorded and returned with the error (exit 5). Re-running any
 * period is safe: it only reads and asks.
 */
import { performance } from 'node:perf_hooks';
import { CenterCallJournal, parseFileInfo, readFileBody, STMT_UPLOAD_FILENAME, type Center } from '../center/index.js';
import { zipOne } from '../shared/index.js';
import type { Db } from '../db/index.js';
import { HisopsError, isHisopsError, externalError } from '../errors.js';
import { runStatement, type Profile, type Row } from '../his/index.js';
import type { Journal } from '../journal/index.js';
import { centerQueryOf, classify, evidenceNeeds, mergeFindings, problemFinding } from './classify.js';
import { detailRequest, parseResultLine, parseResultText } from './detailFile.js';
import { groupKey, groupOfKey, groupsToSend, GroupBook, knownGroupKeys, scopeKey, totalsRequest, totalsText, type AskReason, type FenTotals, type GroupFilter, groupAllowed } from './groups.js';
import { HisValueCensus } from './hisValues.js';
import { HisReader } from './hisReader.js';
import { matchDetail } from './match.js';
import { addDays, resolvePeriods, type Period } from './period.js';
import { handedOff } from './repair.js';
import type { DetailMode, ReconcileRules } from './rules.js';
import { groupsOfCalls, knownGroups, recordKnownGroups, recordRunEnd, recordRunStart, type GroupSighting } from './store.js';
import { daySummaries, settleGroupSums, type DaySummary, type GroupResult, type RunStatus } from './summary.js';
import type { DetailScope, Difference, Evidence, Finding, HisRowProblem, HisSettlement } from './types.js';
import { mapPool } from '../shared/index.js';

/** What the run needs of the center client. */
export type CenterPort = Pick<Center, 'config' | 'stmtTotal' | 'uploadFile' | 'request' | 'downloadFile' | 'querySettlement' | 'now'>;

export interface ReconcileDeps {
  db: Db;
  profile: Profile;
  center: CenterPort;
  journal: Journal;
  runId: string;
  fixmedins_code: string;
  now: () => Date;
  onProgress?: (p: ReconcileProgress) => void;
}

export interface ReconcileProgress {
  phase: 'read' | 'totals' | 'detail' | 'classify' | 'record';
  period: string;
  done: number;
  total: number;
}

export interface ReconcileOptions {
  rules: ReconcileRules;
  date?: string;
  from?: string;
  to?: string;
  /** Today in the center's clock (yyyy-MM-dd). */
  today: string;
  insutypes?: string[];
  clrTypes?: string[];
  /** Overrides reconcile.detail. */
  detail?: DetailMode;
  /** Hand the certain repairs to the stuck-settlement job (recorded as pending). */
  apply?: boolean;
}

export interface ReconcileResult {
  runId: string;
  begndate: string;
  enddate: string;
  period: ReconcileRules['period'];
  status: RunStatus;
  exit: 0 | 3 | 5;
  days: DaySummary[];
  groups: GroupResult[];
  findings: Finding[];
  counts: { his_rows: number; counted: number; excluded: Record<'status' | 'refund' | 'out_of_area', number>; problems: number; result_rows: number };
  calls: { '3201': number; '3202': number; '5203': number };
  apply: { requested: boolean; handed_off: number; note: string | null };
  error: HisopsError | null;
  /** Milliseconds: reading the HIS (rows and evidence), waiting for the center (in all and per transaction; 3202 includes 9101 and 9102), matching and classifying. */
  timings: { read_ms: number; center_ms: number; center_by: Record<'3201' | '3202' | '5203', number>; classify_ms: number; total_ms: number; classify_rows: number };
}

/** The stuck-settlement job's API is not part of this build: --apply records the hand-off for it to pick up. */
export const APPLY_NOTE =
  'Certain repairs are recorded as pending hand-offs in the journal (repair.status "pending"); the stuck-settlement job picks them up from the latest run (latestOneSidedFindings) — hisops settle stuck / reverse.';

interface PeriodRead {
  book: GroupBook;
  rows: HisSettlement[] | null;
  problems: HisRowProblem[];
}

export async function runReconcile(deps: ReconcileDeps, opts: ReconcileOptions): Promise<ReconcileResult> {
  const t0 = performance.now();
  const rules = opts.rules;
  const detail = opts.detail ?? rules.detail;
  const plan = resolvePeriods({ date: opts.date, from: opts.from, to: opts.to, today: opts.today, maxDays: rules.maxDays, mode: rules.period });
  const filter: GroupFilter = { insutypes: opts.insutypes, clrTypes: opts.clrTypes };
  // The institution's known groups — seen in the HIS, the center's answers or hisops's own
  // settlement calls within reconcile.knownGroupDays — are asked about every day of the run.
  const sightings: GroupSighting[] = [];
  let known: string[] = [];
  if (rules.knownGroupDays > 0) {
    const since = addDays(plan.begndate, -rules.knownGroupDays);
    const fromCalls = await groupsOfCalls(deps.journal, { fixmedins_code: deps.fixmedins_code, since });
    sightings.push(...fromCalls);
    known = knownGroupKeys([...(await knownGroups(deps.journal, { fixmedins_code: deps.fixmedins_code, since })), ...fromCalls], rules);
  }
  const started = deps.now();
  await recordRunStart(deps.journal, {
    run_id: deps.runId,
    fixmedins_code: deps.fixmedins_code,
    begndate: plan.begndate,
    enddate: plan.enddate,
    period_mode: rules.period,
    started_at: started,
    options: { detail, insutypes: opts.insutypes ?? [], clrTypes: opts.clrTypes ?? [], apply: !!opts.apply, rules },
  });

  const counts: ReconcileResult['counts'] = { his_rows: 0, counted: 0, excluded: { status: 0, refund: 0, out_of_area: 0 }, problems: 0, result_rows: 0 };
  const census = new HisValueCensus();
  const calls = { '3201': 0, '3202': 0, '5203': 0 };
  const timings = { read_ms: 0, center_ms: 0, center_by: { '3201': 0, '3202': 0, '5203': 0 }, classify_ms: 0, total_ms: 0, classify_rows: 0 };
  const groups: GroupResult[] = [];
  const hisTotals = new Map<GroupResult, FenTotals>();
  const findings: Finding[] = [];
  const problemFindings: Array<{ p: HisRowProblem; f: Finding }> = [];
  const consumedProblems = new Set<HisRowProblem>();
  const seen = new Set<string>();
  const sentPerPeriod: Array<Set<string>> = plan.periods.map(() => new Set());
  const books: GroupBook[] = [];
  let error: HisopsError | null = null;
  const progress = (phase: ReconcileProgress['phase'], period: Period, done: number, total: number) => deps.onProgress?.({ phase, period: period.begndate === period.enddate ? period.begndate : `${period.begndate}…${period.enddate}`, done, total });

  // ---- the HIS side --------------------------------------------------------------------------

  const his = new HisReader(deps.db, deps.profile, rules);
  const readPeriod = async (period: Period, keep: 'all' | 'none' | ReadonlySet<string>, first: boolean, quiet = false): Promise<PeriodRead> => {
    const book = new GroupBook();
    const rows: HisSettlement[] | null = keep === 'none' ? null : [];
    const problems: HisRowProblem[] = [];
    for (const [d, day] of period.days.entries()) {
      if (!quiet) progress('read', period, d, period.days.length);
      // Each row is counted as it comes and (unless kept) is garbage at once.
      const ms = await his.day(
        day,
        (res, n) => {
          if (first) {
            counts.his_rows += n;
            census.add(res, n, period);
          }
          if (res.kind === 'counted') {
            book.add(res.s, n);
            if (first) counts.counted += n;
            // (Kept rows are read one by one: a read that keeps rows is never lean.)
            if (rows && (keep === 'all' || (keep as ReadonlySet<string>).has(scopeKey(res.s)))) rows.push(res.s);
          } else if (res.kind === 'excluded') {
            if (first) counts.excluded[res.reason] += n;
          } else problems.push(res.problem);
        },
        // (A read for details keeps the rows of some scopes: the others need not be read.)
        { lean: keep === 'none', scopes: typeof keep === 'string' ? undefined : keep },
      );
      timings.read_ms += ms;
    }
    return { book, rows, problems };
  };

  // ---- the center side -----------------------------------------------------------------------

  const centerCall = async <T>(infno: '3201' | '3202' | '5203', fn: () => Promise<T>): Promise<T> => {
    const c0 = performance.now();
    try {
      return await fn();
    } finally {
      const ms = performance.now() - c0;
      timings.center_ms += ms;
      timings.center_by[infno] += ms;
    }
  };

  const sendTotals = async (pi: number, period: Period, asks: ReadonlyArray<{ key: string; because: AskReason[] }>, book: GroupBook): Promise<GroupResult[]> => {
    const out: GroupResult[] = asks.map(({ key: k, because }) => {
      const g = groupOfKey(k);
      const r: GroupResult = {
        begndate: period.begndate,
        enddate: period.enddate,
        ...g,
        his: totalsText(book.get(k)),
        center: null,
        diff: null,
        stmt_rslt: null,
        stmt_rslt_dscr: null,
        balanced: null,
        detail: 'not_reached',
        findings: 0,
        msgid: null,
        asked_because: because,
      };
      groups.push(r);
      hisTotals.set(r, book.get(k));
      sentPerPeriod[pi]!.add(k);
      return r;
    });
    let n = 0;
    // 3201 is a query: a few in flight at once hide the round trips (reconcile.concurrency).
    await mapPool(out, rules.concurrency, async (r) => {
      const reply = await centerCall('3201', () => deps.center.stmtTotal(totalsRequest(period, r, hisTotals.get(r)!, rules)));
      calls['3201']++;
      progress('totals', period, ++n, out.length);
      r.msgid = reply.msgid;
      r.stmt_rslt = reply.result.stmt_rslt;
      r.stmt_rslt_dscr = reply.result.stmt_rslt_dscr;
      r.balanced = reply.result.balanced;
      r.detail = r.balanced && detail !== 'always' ? 'not_needed' : detail === 'never' ? 'never' : 'not_reached';
    });
    return out;
  };

  let queries = 0;
  const journalCalls = new CenterCallJournal(deps.journal);
  const first = (rows: Row[]) => rows[0] ?? null;

  const gatherEvidence = async (d: Difference, problemsByKey: Map<string, HisRowProblem>): Promise<Evidence> => {
    const needs = evidenceNeeds(d);
    const ev: Evidence = {};
    if (d.type === 'bad_row') return ev;
    const problem = (needs.setl_id && problemsByKey.get(`s:${needs.setl_id}`)) || (needs.msgid && problemsByKey.get(`m:${needs.msgid}`)) || undefined;
    if (problem && (d.type === 'center_only' || d.type === 'duplicate')) {
      ev.problem = problem;
      consumedProblems.add(problem);
    }
    const r0 = performance.now();
    if (needs.setl_id) ev.hisBySetlId = first(await runStatement(deps.db, deps.profile, 'settlement_by_setl_id', { setl_id: needs.setl_id }));
    if ((d.type === 'center_only' || d.type === 'duplicate') && !ev.hisBySetlId && needs.msgid) {
      ev.hisByMsgid = first(await runStatement(deps.db, deps.profile, 'settlement_by_msgid', { msgid: needs.msgid }));
    }
    if (needs.msgid && (d.type !== 'mismatch')) {
      ev.hisLog = first(await runStatement(deps.db, deps.profile, 'center_log_by_msgid', { msgid: needs.msgid }));
      if (d.type === 'center_only' || d.type === 'duplicate') {
        const call = await journalCalls.get(needs.msgid);
        ev.call = call ? { ...call } : null;
      }
    }
    if (needs.visit && needs.mdtrt_id) ev.hisVisit = await runStatement(deps.db, deps.profile, 'settlements_by_mdtrt_id', { mdtrt_id: needs.mdtrt_id });
    timings.read_ms += performance.now() - r0;
    if (needs.query && needs.setl_id && needs.psn_no) {
      if (queries >= rules.queryLimit) ev.center = { ok: false, code: 'NOT_ASKED', err_msg: `reconcile.queryLimit (${rules.queryLimit}) reached` };
      else {
        queries++;
        calls['5203']++;
        try {
          const q = await centerCall('5203', () => deps.center.querySettlement({ psn_no: needs.psn_no!, setl_id: needs.setl_id!, mdtrt_id: needs.mdtrt_id ?? undefined }));
          ev.center = centerQueryOf(q.result.setlinfo as unknown as Record<string, unknown>);
        } catch (e) {
          // A refusal is the center's answer ("no such settlement", "reversed"); anything else is a failure.
          if (isHisopsError(e) && e.code === 'CENTER_REFUSED') ev.center = { ok: false, code: e.code, err_msg: (e.details.err_msg as string | null | undefined) ?? e.summary };
          else throw e;
        }
      }
    }
    return ev;
  };

  /** The 3202 flow of one scope (9101 → 3202 → 9102) and the differences its result shows. */
  const compareScope = async (period: Period, scope: DetailScope, his: HisSettlement[]): Promise<Difference[]> => {
    progress('detail', period, 0, 1);
    const req = detailRequest(scope, his, rules);
    const { text } = await centerCall('3202', async () => {
      const name = `${deps.fixmedins_code}_${scope.begndate.replace(/-/g, '')}_${scope.clr_type}_${scope.setl_optins}_3202.zip`;
      const up = await deps.center.uploadFile(name, zipOne(STMT_UPLOAD_FILENAME, req.text, deps.center.now()));
      const det = await deps.center.request('3202', { data: { ...req.data, file_qury_no: up.result.file_qury_no } }, (o) => parseFileInfo(o, '3202 医药机构费用结算对明细账'));
      const down = await deps.center.downloadFile({ file_qury_no: det.result.file_qury_no, filename: det.result.filename });
      try {
        return readFileBody(down.result, '.txt');
      } catch (e) {
        throw externalError(
          'RECONCILE_RESULT_UNREADABLE',
          `The center's 3202 result file ${det.result.filename} (file_qury_no ${det.result.file_qury_no}) cannot be read`,
          'The download was cut off or is not a ZIP: run the reconciliation again (it is safe to repeat); if it keeps failing, ask the center about the file.',
          e instanceof Error ? e.message : String(e),
          { file_qury_no: det.result.file_qury_no, filename: det.result.filename, bytes: down.result.length },
        ).zh(`无法读取医保中心的 3202 结果文件 ${det.result.filename}（file_qury_no ${det.result.file_qury_no}）`, '下载中断或不是 ZIP 文件：请再次对账（可安全重复）；如持续失败，请向医保中心询问该文件。');
      }
    });
    calls['3202']++;
    const c0 = performance.now();
    const parsed = parseResultText(text, rules.resultColumns);
    const lines = parsed.rows.length + parsed.balanced.length;
    counts.result_rows += lines;
    const m = matchDetail(his, parsed.rows, parsed.balanced, (b) => parseResultLine(b.raw, b.line, rules.resultColumns));
    timings.classify_ms += performance.now() - c0;
    timings.classify_rows += lines;
    return m.differences;
  };

  /** Each difference with its evidence (HIS rows, logs, 5203), classified. */
  const classifyScope = async (period: Period, scope: DetailScope, differences: Difference[], problemsByKey: Map<string, HisRowProblem>): Promise<Finding[]> => {
    let n = 0;
    const { results } = await mapPool(differences, rules.concurrency, async (d) => {
      const ev = await gatherEvidence(d, problemsByKey);
      progress('classify', period, ++n, differences.length);
      const c1 = performance.now();
      const f = classify(d, ev, { scope, rules });
      timings.classify_ms += performance.now() - c1;
      return f;
    });
    return results;
  };

  const detailScopesFor = (results: GroupResult[], book: GroupBook): string[] => {
    if (detail === 'never') return [];
    const scopes = new Set<string>();
    for (const r of results) {
      if (r.balanced === false || (detail === 'always' && book.get(groupKey(r)).count > 0)) scopes.add(scopeKey(r));
    }
    return [...scopes].sort();
  };

  /** The details of one period's unbalanced scopes: each scope's 3202, then its differences classified. */
  const detailPeriod = async (period: Period, results: GroupResult[], read: PeriodRead, scopes: string[]): Promise<void> => {
    if (scopes.length > 0) {
      const rows = read.rows ?? (await readPeriod(period, new Set(scopes), false)).rows!;
      const problemsByKey = new Map<string, HisRowProblem>();
      for (const p of read.problems) {
        const sid = p.row.setl_id;
        const mid = p.row.msgid;
        if (sid !== null && sid !== undefined && String(sid) !== '') problemsByKey.set(`s:${String(sid)}`, p);
        if (mid !== null && mid !== undefined && String(mid) !== '') problemsByKey.set(`m:${String(mid)}`, p);
      }
      for (const sk of scopes) {
        const [clr_type, setl_optins] = sk.split('|') as [string, string];
        const scope: DetailScope = { begndate: period.begndate, enddate: period.enddate, clr_type, setl_optins };
        const differences = await compareScope(period, scope, rows.filter((s) => s.clr_type === clr_type && s.setl_optins === setl_optins));
        const fs = await classifyScope(period, scope, differences, problemsByKey);
        findings.push(...fs.filter((f) => findingAllowed(f, filter)));
        for (const r of results) if (scopeKey(r) === sk) r.detail = 'done';
      }
    }
    for (const r of results) if (r.detail === 'not_reached' && r.balanced !== null) r.detail = r.balanced ? 'not_needed' : 'done';
  };

  // ---- the periods ---------------------------------------------------------------------------

  // Three stages overlap, so that the HIS and the center work at the same time instead of in
  // turn: periods are read (and summed) up to READ_AHEAD ahead of the one whose 3201 totals are
  // being asked, and the 3202 details of unbalanced periods run behind, one period at a time in
  // order, while later periods are read and totalled (the totals never wait for the details). A
  // run of several periods keeps only each period's sums; the rows of a scope that needs details
  // are read again then (memory stays that of one day). A failure anywhere stops the run at the
  // next step; nothing still running outlives it.
  const keepRows = plan.periods.length === 1 && plan.periods[0]!.days.length === 1 && detail !== 'never';
  const reads: Array<Promise<PeriodRead>> = [];
  const readUpTo = (last: number) => {
    for (let i = reads.length; i <= last && i < plan.periods.length; i++) {
      const p = plan.periods[i]!;
      // One read at a time, in order: each starts when the one before it has ended.
      const r = (reads[i - 1] ?? Promise.resolve()).then(() => readPeriod(p, keepRows ? 'all' : 'none', true, i > 0));
      r.catch(() => undefined);
      reads.push(r);
    }
  };
  /** The details given out so far, chained: ends when the last has ended (never rejects). */
  let details: Promise<void> = Promise.resolve();
  let detailFailure: unknown;
  const failed = () => {
    if (detailFailure !== undefined) throw detailFailure;
  };
  const detailsBehind = (period: Period, results: GroupResult[], read: PeriodRead, scopes: string[]) => {
    details = details.then(async () => {
      try {
        if (detailFailure === undefined) await detailPeriod(period, results, read, scopes);
      } catch (e) {
        detailFailure ??= e;
      } finally {
        read.rows = null;
      }
    });
  };
  try {
    for (const [pi, period] of plan.periods.entries()) {
      failed();
      readUpTo(pi + READ_AHEAD);
      const read = await reads[pi]!;
      books[pi] = read.book;
      for (const p of read.problems) {
        counts.problems++;
        problemFindings.push({ p, f: problemFinding(p, { begndate: period.begndate, enddate: period.enddate, clr_type: String(p.row.clr_type ?? ''), setl_optins: String(p.row.setl_optins ?? '') }) });
      }
      const asks = groupsToSend(read.book, seen, rules, filter, known);
      for (const k of read.book.keys()) seen.add(k);
      const results = await sendTotals(pi, period, asks, read.book);
      const scopes = detailScopesFor(results, read.book);
      if (scopes.length === 0) {
        await detailPeriod(period, results, read, scopes);
        read.rows = null;
        continue;
      }
      detailsBehind(period, results, read, scopes);
    }
    await details;
    failed();
    // Groups first met on a later day: ask about them for the earlier days too (the center may
    // hold settlements there the HIS does not).
    for (const [pi, period] of plan.periods.entries()) {
      const missing = [...seen].filter((k) => !sentPerPeriod[pi]!.has(k) && groupAllowed(groupOfKey(k), filter)).sort();
      if (missing.length === 0) continue;
      const results = await sendTotals(pi, period, missing.map((key) => ({ key, because: ['run' as const] })), books[pi]!);
      const scopes = detailScopesFor(results, books[pi]!);
      if (scopes.length) await detailPeriod(period, results, { book: books[pi]!, rows: null, problems: [] }, scopes);
    }
  } catch (e) {
    // A read or a detail still running must end before the caller closes the database.
    await Promise.allSettled([...reads, details]);
    if (!isHisopsError(e)) throw e;
    error = e;
  }

  // ---- findings, summary, journal -------------------------------------------------------------

  for (const { p, f } of problemFindings) if (!consumedProblems.has(p)) findings.push(f);
  // Rows read but all left out, or values outside the documented ones: never a silent zero.
  if (!error) findings.push(...census.findings(rules));
  let merged = mergeFindings(findings);
  let handed = 0;
  if (opts.apply) {
    merged = merged.map((f) => {
      if (!handedOff(f.kind, f.repair)) return f;
      handed++;
      return { ...f, repair: { ...f.repair, status: 'pending' as const } };
    });
  }
  for (const g of groups) g.findings = merged.filter((f) => f.effects.some((e) => e.begndate === g.begndate && e.enddate === g.enddate && e.insutype === g.insutype && e.clr_type === g.clr_type && e.setl_optins === g.setl_optins)).length;
  settleGroupSums(groups, hisTotals, merged);
  groups.sort((a, b) => (a.begndate + groupKey(a) < b.begndate + groupKey(b) ? -1 : 1));
  const days = daySummaries(plan.periods, groups, merged, error ? firstFailedPeriod(plan.periods, groups) : undefined);
  const unbalanced = groups.some((g) => g.balanced === false) || merged.some((f) => f.repair.action !== 'none');
  const status: RunStatus = error ? 'failed' : unbalanced ? 'unbalanced' : 'balanced';
  const errors = error ? [{ code: error.code, summary: error.summary, why: error.why }] : [];
  progress('record', plan.periods[plan.periods.length - 1]!, 0, 1);
  for (const [pi, period] of plan.periods.entries()) {
    for (const k of books[pi]?.keys() ?? []) {
      const g = groupOfKey(k);
      sightings.push({ ...g, day: period.begndate, source: 'his' }, { ...g, day: period.enddate, source: 'his' });
    }
  }
  sightings.push(...centerSightings(merged));
  await recordKnownGroups(deps.journal, deps.fixmedins_code, sightings, deps.now());
  await recordRunEnd(deps.journal, { run_id: deps.runId, finished_at: deps.now(), status, days, groups, findings: merged, errors });
  timings.total_ms = performance.now() - t0;
  for (const k of ['read_ms', 'center_ms', 'classify_ms', 'total_ms'] as const) timings[k] = Math.round(timings[k]);
  for (const k of ['3201', '3202', '5203'] as const) timings.center_by[k] = Math.round(timings.center_by[k]);
  return {
    runId: deps.runId,
    begndate: plan.begndate,
    enddate: plan.enddate,
    period: rules.period,
    status,
    exit: error ? 5 : status === 'unbalanced' ? 3 : 0,
    days,
    groups,
    findings: merged,
    counts,
    calls,
    apply: { requested: !!opts.apply, handed_off: handed, note: opts.apply ? APPLY_NOTE : null },
    error,
    timings,
  };
}

/**
 * The groups the center's answers name: where a center-side finding puts its settlement (its
 * effects on a group the HIS does not hold it in) and what 5203 said (setlinfo).
 */
function centerSightings(findings: readonly Finding[]): GroupSighting[] {
  const out: GroupSighting[] = [];
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
  for (const f of findings) {
    if (f.kind === 'center_only' || f.kind === 'center_duplicate' || f.kind === 'group_mismatch') {
      for (const e of f.effects) {
        if (e.count > 0 && e.insutype && e.clr_type && e.setl_optins) out.push({ insutype: e.insutype, clr_type: e.clr_type, setl_optins: e.setl_optins, day: e.begndate, source: 'center' });
      }
    }
    const q = f.evidence.center_query;
    if (q && q.ok) {
      const time = str(q.setlinfo.setl_time);
      out.push({ insutype: str(q.setlinfo.insutype), clr_type: str(q.setlinfo.clr_type), setl_optins: str(q.setlinfo.clr_optins), day: time.slice(0, 10) || f.begndate, source: 'center' });
    }
  }
  return out;
}

/** A finding passes the --insutype / --clr-type filters (one whose insurance type is unknown always does). */
function findingAllowed(f: Finding, filter: GroupFilter): boolean {
  if (filter.clrTypes?.length && f.clr_type !== null && !filter.clrTypes.includes(f.clr_type)) return false;
  if (filter.insutypes?.length && f.insutype !== null && !filter.insutypes.includes(f.insutype)) return false;
  return true;
}

/** Periods read ahead of the one being totalled (each keeps only its sums). */
const READ_AHEAD = 5;

/** The first period the failure left unfinished (for the day summary). */
function firstFailedPeriod(periods: readonly Period[], groups: readonly GroupResult[]): string | undefined {
  for (const p of periods) {
    const gs = groups.filter((g) => g.begndate === p.begndate);
    if (gs.length === 0 || gs.some((g) => g.balanced === null || g.detail === 'not_reached')) return p.begndate;
  }
  return undefined;
}
