/**
 * The two reconciliation steps of `hisops demo`: the first finds what the seed planted (and hands
 * the one-sided settlements to the stuck step); the second, after the repairs, finds only what
 * needs a person.
 */
import { defineMessages } from '../cli/i18n.js';
import type { Center } from '../core/center/index.js';
import type { DemoReconcileResult, ReconcileResult } from '../core/reconcile/index.js';
import type { DemoContext, DemoStep } from './demoContext.js';

defineMessages({
  'demo.reconcile.did': {
    en: 'sent 3201 for {groups} groups over {from} … {to}; 3202 detail files for the {unbalanced} unbalanced ones',
    zh: '对 {from} … {to} 的 {groups} 个分组发送 3201 总额对账；对其中 {unbalanced} 个不平的分组下载 3202 明细文件',
  },
  'demo.reconcile.found': {
    en: '{n} findings ({kinds}); {missing} planted not found, {unexpected} unexpected',
    zh: '发现 {n} 项（{kinds}）；预埋未发现 {missing} 项，意外 {unexpected} 项',
  },
  'demo.again.did': { en: 'reconciled {from} … {to} again after the repairs', zh: '处理后再次对账 {from} … {to}' },
  'demo.again.didToday': { en: ', and {today} (the day of the repairs)', zh: '，以及 {today}（处理当日）' },
  'demo.again.found': {
    en: "{left} finding(s) left, each needing a person's decision or a timing difference ({kinds}); {undone} certain repair(s) left undone, {ours} about hisops's own repairs, {stray} unexpected; {refused} suggested command(s) refused",
    zh: '剩余 {left} 项发现，均需人工决定或属时间差（{kinds}）；未执行的确定处理 {undone} 项，涉及 hisops 自身处理的 {ours} 项，意外 {stray} 项；被拒绝执行的建议命令 {refused} 条',
  },
  'demo.again.foundToday': { en: '; {today}: {n} finding(s)', zh: '；{today}：{n} 项发现' },
});

type Rec = typeof import('../core/reconcile/index.js');

/**
 * One step's center (closed after it) and a reconciliation of the demo's days through it, as the
 * journal run `runId` (each reconciliation is its own run: the latest covering a day answers for it).
 */
async function withDemoReconcile<T>(
  d: DemoContext,
  step: (
    reconcile: (runId: string, days?: { from: string; to: string }) => ReturnType<Rec['demoReconcile']>,
    center: Center,
    rec: Rec,
  ) => Promise<T>,
): Promise<T> {
  const rec = await import('../core/reconcile/index.js');
  const { openCenter } = await import('../core/center/index.js');
  const center = openCenter(d.center, { journal: d.journal, runId: d.ctx.runId });
  try {
    const reconcile = (runId: string, days?: { from: string; to: string }) =>
      rec.demoReconcile({ hisDb: d.his, center, journal: d.journal, manifest: d.manifest, runId, ...days });
    return await step(reconcile, center, rec);
  } finally {
    await center.close();
  }
}

export const reconcileStep: DemoStep = {
  name: 'reconcile',
  run: (d) =>
    withDemoReconcile(d, async (reconcile) => {
      const r = await reconcile(d.ctx.runId);
      const unbalanced = r.result.groups.filter((g) => !g.balanced).length;
      d.oneSided = r.result.findings
        .filter((f) => f.kind === 'center_only' || f.kind === 'his_only')
        .flatMap((f) => [f.setl_id, f.msgid].filter((k): k is string => !!k));
      const kinds = [...new Set(r.result.findings.map((f) => f.kind))];
      return {
        did: d.ctx.t('demo.reconcile.did', {
          groups: r.result.groups.length,
          from: r.result.begndate,
          to: r.result.enddate,
          unbalanced,
        }),
        found: d.ctx.t('demo.reconcile.found', {
          n: r.result.findings.length,
          kinds: kinds.join(', '),
          missing: r.missing.length,
          unexpected: r.unexpected.length,
        }),
        ok: r.ok,
      };
    }),
};

/** Planted differences that stay after the repairs: each needs a person, or is a timing difference. */
const LEFT_FOR_PEOPLE = new Set(['amount_mismatch', 'center_duplicate', 'cross_midnight']);

type Finding = ReconcileResult['findings'][number];

/**
 * Reconcile the same days again after the repairs: everything hisops could repair is gone, and no
 * finding is about hisops's own repairs; what is left are the planted differences that need a
 * person's decision (or a timing difference), each with its decision, and every command a finding
 * suggests plans without refusal (as `hisops settle reverse <id>` would print it). The day of the
 * repairs (today, where the cancellations' refund rows are booked) must balance too.
 */
export const reconcileAgainStep: DemoStep = {
  name: 'reconcile again',
  run: (d) =>
    withDemoReconcile(d, async (reconcile, center, rec) => {
      const { formatDate } = await import('../core/center/index.js');
      const r = await reconcile(`${d.ctx.runId}-again`);
      const today = formatDate(d.ctx.now(), center.config.utcOffsetMinutes);
      const t = today > d.manifest.endDate ? await reconcile(`${d.ctx.runId}-today`, { from: today, to: today }) : null;
      const left = leftOver(d, rec, r.result.findings);
      const refused = await refusedCommands(d, center, r.result.findings);
      return againResult(d, { r, t, today, left, refused });
    }),
};

/** The findings left, sorted by what they say about the repairs. */
interface LeftOver {
  all: Finding[];
  /** Not a planted difference that needs a person. */
  stray: Finding[];
  /** A certain repair that was not carried out. */
  undone: Finding[];
  /** About a settlement hisops repaired itself. */
  ours: Finding[];
}

function leftOver(d: DemoContext, rec: Rec, left: Finding[]): LeftOver {
  const expected = rec.expectedFindings(d.manifest);
  const plantedLeft = (f: Finding) =>
    expected.some((e) => (LEFT_FOR_PEOPLE.has(e.kind) || e.cause === 'unknown_to_his') && rec.findingMatches(f, e));
  return {
    all: left,
    stray: left.filter((f) => !plantedLeft(f)),
    undone: left.filter((f) => f.repair.certain && f.repair.action !== 'none'),
    ours: left.filter((f) => [f.setl_id, f.msgid, f.related_setl_id].some((x) => x && d.repaired.includes(x))),
  };
}

/** Each suggested command as printed: `hisops settle reverse <id>` plans without refusal. */
async function refusedCommands(d: DemoContext, center: Center, left: Finding[]): Promise<string[]> {
  const settle = await import('../core/settle/index.js');
  const refused: string[] = [];
  const env = { db: d.his, profile: d.profile, journal: d.journal, now: d.ctx.now(), center };
  for (const f of left) {
    const m = f.repair.command ? /^hisops settle reverse (\S+)$/.exec(f.repair.command) : null;
    if (f.repair.command && !m) refused.push(`${f.repair.command} (not a command hisops knows)`);
    if (!m) continue;
    try {
      await settle.planReverse(env, {
        olderThanMs: 0,
        settings: settle.parseStuckSettings(undefined),
        ids: [m[1]!],
        all: false,
        centerOnly: d.centerOnly,
        runId: d.ctx.runId,
      });
    } catch (e) {
      refused.push(`${f.repair.command}: ${(e as { summary?: string }).summary ?? String(e)}`);
    }
  }
  return refused;
}

function againResult(
  d: DemoContext,
  a: { r: DemoReconcileResult; t: DemoReconcileResult | null; today: string; left: LeftOver; refused: string[] },
) {
  const { r, t, today, left, refused } = a;
  const todayOk = t === null || t.result.findings.length === 0;
  const kinds = [...new Set(left.all.map((f) => `${f.kind}·${f.cause}`))];
  return {
    did:
      d.ctx.t('demo.again.did', { from: r.result.begndate, to: r.result.enddate }) +
      (t ? d.ctx.t('demo.again.didToday', { today }) : ''),
    found:
      d.ctx.t('demo.again.found', {
        left: left.all.length,
        kinds: kinds.join(', ') || d.ctx.t('demo.none'),
        undone: left.undone.length,
        ours: left.ours.length,
        stray: left.stray.length,
        refused: refused.length,
      }) + (t ? d.ctx.t('demo.again.foundToday', { today, n: t.result.findings.length }) : ''),
    ok:
      r.result.error === null &&
      left.stray.length === 0 &&
      left.undone.length === 0 &&
      left.ours.length === 0 &&
      refused.length === 0 &&
      todayOk,
    data: {
      findings: left.all.map((f) => ({ kind: f.kind, cause: f.cause, setl_id: f.setl_id, repair: f.repair })),
      refused,
      today: t
        ? {
            day: today,
            findings: t.result.findings.map((f) => ({ kind: f.kind, cause: f.cause, setl_id: f.setl_id })),
          }
        : null,
    },
  };
}
