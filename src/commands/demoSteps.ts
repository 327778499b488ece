/**
 * The steps of `hisops demo`, loaded only when the demo runs. Each step runs one job on the seeded
 * data and says what it did, what it found, and whether that is exactly what the seed planted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../cli/context.js';
import { centerSettings, type CenterSettings } from '../cli/centerSettings.js';
import type { ChannelKeys } from '../core/center/index.js';
import { readText, shippedPolicyPaths } from '../cli/policyFiles.js';
import type { Db } from '../core/db/index.js';
import type { SeedManifest } from '../core/demo/index.js';
import type { Journal } from '../core/journal/index.js';
import type { Profile } from '../core/his/index.js';
import type { Policy } from '../core/rules/index.js';

type SandboxModule = Awaited<ReturnType<typeof import('../core/center/index.js').loadSandbox>>;

export interface DemoContext {
  ctx: Ctx;
  dir: string;
  size: string;
  seed: number;
  templates: string;
  his: Db;
  journal: Journal;
  /** The reference profile and the shipped policies, loaded once for every step. */
  profile: Profile;
  policies: Policy[];
  manifest: SeedManifest;
  /** The running sandbox and the client settings pointing at it (set by the first step). */
  centerUrl: string;
  center: CenterSettings;
  ledger: ReturnType<SandboxModule['openLedger']>;
  sandbox?: Awaited<ReturnType<SandboxModule['startSandbox']>>;
  /** Ids of the one-sided settlements the reconciliation step found (the stuck step repairs them). */
  oneSided: string[];
  /** Center settled, HIS pending: how the stuck step repairs it (`hisops demo --center-only`). */
  centerOnly: 'complete' | 'cancel';
  /** What the stuck step repaired (msgid and setl_id of each item done): no later finding may be about them. */
  repaired: string[];
  close(): Promise<void>;
}

export interface StepResult {
  did: string;
  found: string;
  ok: boolean;
  data?: unknown;
}

export interface DemoStep {
  name: string;
  run(d: DemoContext): Promise<StepResult>;
}

/** The port of `hisops center serve` (its default), written into the demo folder's hisops.yaml. */
export const DEMO_CENTER_PORT = 8700;

/**
 * The demo folder is a place to go on by hand: a hisops.yaml naming its HIS, journal and profile
 * and the sandbox at `hisops center serve`'s default port, so that
 * `hisops center serve --data center.db &` and `hisops reconcile --from … --to …` work there.
 */
export function writeDemoConfig(dir: string, templates: string): void {
  fs.mkdirSync(path.join(dir, 'profiles'), { recursive: true });
  fs.copyFileSync(path.join(templates, 'profiles', 'reference.yaml'), path.join(dir, 'profiles', 'reference.yaml'));
  const yaml = [
    '# The demo HIS, its journal and the center sandbox. Start the sandbox with',
    '#   hisops center serve --data center.db &',
    '# then run any job here, e.g. hisops reconcile --from <first day> --to <last day> (see seed.json).',
    'journal:',
    '  url: sqlite:journal.db',
    'institutions:',
    '  - name: demo',
    '    fixmedins_code: H43010000001',
    '    fixmedins_name: hisops demo hospital',
    '    his:',
    '      url: sqlite:his.db',
    '      profile: ./profiles/reference.yaml',
    '    center:',
    `      url: http://127.0.0.1:${DEMO_CENTER_PORT}`,
    '      mdtrtarea_admvs: "430100"',
    '      insuplc_admdvs: "430100"',
    '      setl_optins: "430100"',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'hisops.yaml'), yaml);
}

export async function openDemo(ctx: Ctx, o: { dir: string; size: string; seed: number; templates: string; centerOnly?: 'complete' | 'cancel' }): Promise<DemoContext> {
  const { connect } = await import('../core/db/index.js');
  const { openJournal } = await import('../core/journal/index.js');
  const { loadSandbox } = await import('../core/center/index.js');
  const hisMod = await import('../core/his/index.js');
  const rules = await import('../core/rules/index.js');
  const sandboxMod = await loadSandbox();
  const profile = await hisMod.loadProfile(hisMod.referenceProfilePath());
  const policies = await rules.loadPolicyFiles(shippedPolicyPaths(), readText);
  const his = await connect(`sqlite:${path.join(o.dir, 'his.db')}`, { create: true });
  const journal = await openJournal(`sqlite:${path.join(o.dir, 'journal.db')}`);
  const ledger = sandboxMod.openLedger(path.join(o.dir, 'center.db'), { fixmedins_code: 'H43010000001', admdvs: '430100' });
  const d: DemoContext = {
    ctx,
    ...o,
    his,
    journal,
    profile,
    policies,
    ledger,
    manifest: undefined as unknown as SeedManifest,
    centerUrl: '',
    oneSided: [],
    centerOnly: o.centerOnly ?? 'complete',
    repaired: [],
    center: undefined as unknown as CenterSettings,
    async close() {
      await d.sandbox?.close().catch(() => undefined);
      ledger.close();
      await journal.close().catch(() => undefined);
      await his.close().catch(() => undefined);
    },
  };
  return d;
}

/**
 * With center.crypto sm4 the demo's sandbox runs the 国密 channel too, with the institution's SM4
 * key. When the institution signs (center.sm2Key), the center checks it and signs its answers with
 * a fresh key pair whose public key the client verifies them with; otherwise neither side signs.
 */
async function demoChannel(crypto: CenterSettings['crypto']): Promise<{ center: ChannelKeys; client: CenterSettings['crypto'] } | undefined> {
  if (crypto.kind !== 'sm4') return undefined;
  const center = await import('../core/center/index.js');
  const keys = center.channelKeysOf(crypto.keyText);
  if (!keys.signKey) return { center: { sm4Key: keys.sm4Key, userId: keys.userId }, client: crypto };
  const pair = center.sm2KeyPair();
  return {
    center: { sm4Key: keys.sm4Key, userId: keys.userId, signKey: pair.privateKey, peerPublicKey: center.sm2PublicKeyOf(keys.signKey) },
    client: { kind: 'sm4', keyText: { ...crypto.keyText, centerPublicKey: pair.publicKey } },
  };
}

const seedStep: DemoStep = {
  name: 'demo seed',
  async run(d) {
    const demo = await import('../core/demo/index.js');
    const { loadSandbox } = await import('../core/center/index.js');
    const sandboxMod = await loadSandbox();
    const seeded = await demo.seedHis({ db: d.his, size: d.size as 'small', seed: d.seed, out: d.dir, fixmedins_code: 'H43010000001', admdvs: '430100' });
    const withCenter = await demo.seedCenter({ his: d.his, ledger: d.ledger, manifest: seeded.manifest, out: d.dir });
    d.manifest = withCenter.manifest;
    const settings = centerSettings(d.ctx);
    const channel = await demoChannel(settings.crypto);
    d.sandbox = await sandboxMod.startSandbox({ ledger: d.ledger, port: 0, seed: d.seed, policies: d.policies, admdvs: '430100', crypto: channel?.center });
    d.centerUrl = d.sandbox.url;
    d.center = { ...settings, baseUrl: d.sandbox.url, crypto: channel ? channel.client : settings.crypto, fixmedins_code: 'H43010000001', mdtrtarea_admvs: '430100', insuplc_admdvs: '430100', setl_optins: '430100' };
    const m = d.manifest;
    return {
      did: `HIS ${m.counts['his_settlement'] ?? m.totals.count} settlements, ${m.days} days; center ledger ${withCenter.settlements} rows; sandbox at ${d.sandbox.url}${channel ? ' on the 国密 channel (SM4)' : ''}`,
      found: `${m.anomalies.length} anomalies planted (seed.json)`,
      ok: m.anomalies.length > 0,
      data: { counts: m.counts, anomalies: m.anomalies.length },
    };
  },
};

const doctorStep: DemoStep = {
  name: 'doctor',
  async run(d) {
    const his = await import('../core/his/index.js');
    const { withCenter } = await import('../core/center/index.js');
    const probe = await his.probeProfile(d.his, d.profile);
    const bad = probe.filter((p) => !p.ok);
    const signIn = await withCenter(d.center, { journal: d.journal }, (c) => c.signIn());
    return {
      did: `ran ${probe.length} profile statements on the HIS; signed in to the center`,
      found: bad.length ? `${bad.length} statements fail: ${bad.map((b) => b.name).join(', ')}` : `all statements run; sign_no ${signIn.result.sign_no}`,
      ok: bad.length === 0 && !!signIn.result.sign_no,
    };
  },
};

const settleStep: DemoStep = {
  name: 'settle calc',
  async run(d) {
    const rules = await import('../core/rules/index.js');
    const file = path.join(d.templates, 'demo', 'bill-employee-inpatient.json');
    const bill = rules.parseBill(fs.readFileSync(file, 'utf8'), path.basename(file), { policies: d.policies });
    const result = rules.settleBill(bill, d.policies, { explain: true });
    const violations = rules.checkInvariants(result).filter((v) => v.severity !== 'warning');
    const s = rules.resultToJson(result) as { setlinfo: Record<string, string> };
    return {
      did: `split a ${bill.lines.length}-line inpatient bill under ${result.policy.name} ${result.policy.version}`,
      found: `medfee ${s.setlinfo['medfee_sumamt']} = fund ${s.setlinfo['fund_pay_sumamt']} + person ${s.setlinfo['psn_part_amt']} (account ${s.setlinfo['acct_pay']}, cash ${s.setlinfo['psn_cash_pay']}); ${rules.explainRows(result).length} amounts explained`,
      ok: violations.length === 0,
    };
  },
};

const stuckStep: DemoStep = {
  name: 'settle stuck / reverse',
  async run(d) {
    const settle = await import('../core/settle/index.js');
    // The planted stuck settlements, and the one-sided ones the reconciliation step handed over.
    const plantedIds = d.manifest.anomalies.filter((a) => a.job === 'settle').flatMap((a) => [a.keys['msgid'], a.keys['setl_id']]);
    const expect = [...plantedIds, ...d.oneSided].filter((k): k is string => typeof k === 'string' && k !== '');
    const r = await settle.demoStuck({ hisDb: d.his, centerConfig: d.center, journal: d.journal, sandbox: d.sandbox!, expect, runId: d.ctx.runId, centerOnly: d.centerOnly });
    const planted = d.manifest.anomalies.filter((a) => a.job === 'settle').length;
    const handed = r.found.findings.length - r.created.stuck.length - planted;
    const done = r.results.filter((x) => x.outcome === 'done');
    d.repaired = r.plan.filter((i) => done.some((x) => x.id === i.id)).flatMap((i) => [i.msgid, i.setl_id]).filter((x): x is string => !!x);
    return {
      did: `settled ${r.created.normal.length + r.created.stuck.length} bills through the client with a timeout-after-commit fault on ${r.created.stuck.length}; asked the center; planned ${r.plan.length} repairs (center-only: ${d.centerOnly}) and applied them`,
      found: `${r.found.findings.length} one-sided settlements (${r.created.stuck.length} created + ${planted} planted + ${handed} from the reconciliation); ${done.length} repaired; ${r.decisions.length} left for a decision (${r.decisions.map((i) => i.setl_id ?? i.id).join(', ') || 'none'})`,
      ok: r.ok,
      data: { decisions: r.decisions.map((i) => ({ id: i.id, setl_id: i.setl_id, decision: i.decision })) },
    };
  },
};

/**
 * The "next HIS version" of the demo: the reference schema with a widened column, a narrowed one
 * (which must land in the review section), a new column and a new table.
 */
function nextVersionSql(reference: string): string {
  const widen = reference.replace(/(CREATE TABLE IF NOT EXISTS his_item \([\s\S]*?\n  spec\s+)varchar\(200\)/, '$1varchar(500)');
  const narrow = widen.replace(/(CREATE TABLE IF NOT EXISTS his_item \([\s\S]*?\n  prcunt\s+)varchar\(100\)/, '$1varchar(50)');
  const added = narrow.replace(/(CREATE TABLE IF NOT EXISTS his_item \([\s\S]*?\n)(  created_at )/, '$1  insu_grade            varchar(6),\n$2');
  return `${added}\nCREATE TABLE IF NOT EXISTS his_ward (\n  ward_code varchar(20) NOT NULL,\n  ward_name varchar(100) NOT NULL,\n  beds integer,\n  CONSTRAINT his_ward_pk PRIMARY KEY (ward_code)\n);\n`;
}

const schemaStep: DemoStep = {
  name: 'schema diff / sync',
  async run(d) {
    const schema = await import('../core/schema/index.js');
    const his = await import('../core/his/index.js');
    const { connect } = await import('../core/db/index.js');
    const next = await connect(`sqlite:${path.join(d.dir, 'his-next.db')}`, { create: true });
    try {
      const sql = nextVersionSql(fs.readFileSync(his.referenceSchemaPath('sqlite'), 'utf8'));
      for (const st of his.splitSqlScript(sql)) await next.knex.raw(st);
      const opts = { now: d.ctx.now(), hisopsVersion: 'demo' };
      const cur = await schema.snapshotDb(d.his, opts);
      const tgt = await schema.snapshotDb(next, opts);
      const plan = schema.makePlan(cur, tgt, { ...opts, dialect: "sqlite" });
      const script = path.join(d.dir, 'sync.sql');
      schema.writeFileAtomic(script, schema.renderScript(plan), { what: 'the sync script' });
      const safe = plan.statements.filter((st) => st.section === 'safe');
      const res = await schema.applyPlan(
        d.his,
        { planId: plan.planId, dialect: plan.dialect, currentFingerprint: plan.current.fingerprint, targetFingerprint: plan.target.fingerprint, targetDisplay: plan.target.display, statements: safe.map((st) => ({ seq: st.seq, sql: st.sql })) },
        tgt,
        { journal: d.journal, runId: d.ctx.runId, clock: () => d.ctx.now() },
      );
      const left = res.leftovers?.changes.length ?? -1;
      return {
        did: `diffed the HIS against a next version (${plan.counts.changes} changes), wrote sync.sql and applied its ${safe.length} safe statements with the journal`,
        found: `${plan.counts.safeItems} safe, ${plan.counts.reviewItems} for review (${plan.items.filter((i) => i.section === 'review').map((i) => i.title).join('; ')}); after apply ${left} difference(s) left`,
        ok: res.status !== 'failed' && plan.counts.reviewItems === 1 && left === plan.counts.reviewItems,
      };
    } finally {
      await next.close();
    }
  },
};

const catalogStep: DemoStep = {
  name: 'catalog / mapping import',
  async run(d) {
    const cat = await import('../core/catalog/index.js');
    const demo = await import('../core/demo/index.js');
    const r = await cat.demoCatalogStep({
      db: d.his,
      dir: path.join(d.dir, 'catalog'),
      now: new Date(`${d.manifest.endDate}T02:00:00Z`),
      national: demo.demoNationalCatalog(),
      hisMappings: await cat.hisMappingRows(d.his, d.profile),
      his: cat.profileItemSource(d.his, d.profile),
    });
    const key = (kind: string, id: string) => `${kind}:${id}`;
    const found = r.found.map((f) => key(f.kind, f.fixmedins_hilist_id)).sort();
    const planted = d.manifest.anomalies.filter((a) => a.job === 'mapping').map((a) => key(a.kind, String(a.keys['fixmedins_hilist_id']))).sort();
    const added = r.catalog.reduce((n, k) => n + k.added, 0);
    return {
      did: `imported ${added} national catalog entries (${r.catalog.map((k) => k.kind).join(', ')}) and ${r.mappings.counts.added} HIS mappings from files`,
      found: `${r.mappings.counts.rejected} mapping rows rejected: ${found.join(', ') || 'none'}`,
      ok: found.length > 0 && JSON.stringify(found) === JSON.stringify(planted),
    };
  },
};

const traceStep: DemoStep = {
  name: 'trace check / upload',
  async run(d) {
    const trace = await import('../core/trace/index.js');
    const r = await trace.demoTrace({ db: d.his, profile: d.profile, journal: d.journal, center: d.center, fixmedins_code: d.center.fixmedins_code, manifest: d.manifest, runId: d.ctx.runId });
    const found = r.planted.filter((p) => p.found).length;
    return {
      did: `checked ${r.upload.records} dispensing and stock records (${r.upload.codes} codes) and uploaded the clean ones to the center in ${r.upload.requests.sent} requests`,
      found: `${found} of ${r.planted.length} planted code problems held back (${[...new Set(r.planted.map((p) => p.finding))].join(', ')}); ${r.unexpected.length} unexpected; ${r.upload.rejected.length} rejected, ${r.upload.pending.length} pending`,
      ok: r.ok,
    };
  },
};

const reconcileStep: DemoStep = {
  name: 'reconcile',
  async run(d) {
    const rec = await import('../core/reconcile/index.js');
    const { openCenter } = await import('../core/center/index.js');
    const center = openCenter(d.center, { journal: d.journal, runId: d.ctx.runId });
    try {
      const r = await rec.demoReconcile({ hisDb: d.his, center, journal: d.journal, manifest: d.manifest, runId: d.ctx.runId });
      const unbalanced = r.result.groups.filter((g) => !g.balanced).length;
      d.oneSided = r.result.findings.filter((f) => f.kind === 'center_only' || f.kind === 'his_only').flatMap((f) => [f.setl_id, f.msgid].filter((k): k is string => !!k));
      const kinds = [...new Set(r.result.findings.map((f) => f.kind))];
      return {
        did: `sent 3201 for ${r.result.groups.length} groups over ${r.result.begndate} … ${r.result.enddate}; 3202 detail files for the ${unbalanced} unbalanced ones`,
        found: `${r.result.findings.length} findings (${kinds.join(', ')}); ${r.missing.length} planted not found, ${r.unexpected.length} unexpected`,
        ok: r.ok,
      };
    } finally {
      await center.close();
    }
  },
};

/** Planted differences that stay after the repairs: each needs a person, or is a timing difference. */
const LEFT_FOR_PEOPLE = new Set(['amount_mismatch', 'center_duplicate', 'cross_midnight']);

/**
 * Reconcile the same days again after the repairs: everything hisops could repair is gone, and no
 * finding is about hisops's own repairs; what is left are the planted differences that need a
 * person's decision (or a timing difference), each with its decision, and every command a finding
 * suggests plans without refusal (as `hisops settle reverse <id>` would print it). The day of the
 * repairs (today, where the cancellations' refund rows are booked) must balance too.
 */
const reconcileAgainStep: DemoStep = {
  name: 'reconcile again',
  async run(d) {
    const rec = await import('../core/reconcile/index.js');
    const settle = await import('../core/settle/index.js');
    const { openCenter, formatDate } = await import('../core/center/index.js');
    const center = openCenter(d.center, { journal: d.journal, runId: d.ctx.runId });
    try {
      // Each reconciliation is its own run in the journal (the latest run covering a day answers for it).
      const r = await rec.demoReconcile({ hisDb: d.his, center, journal: d.journal, manifest: d.manifest, runId: `${d.ctx.runId}-again` });
      const today = formatDate(d.ctx.now(), center.config.utcOffsetMinutes);
      const t = today > d.manifest.endDate ? await rec.demoReconcile({ hisDb: d.his, center, journal: d.journal, manifest: d.manifest, runId: `${d.ctx.runId}-today`, from: today, to: today }) : null;
      const left = r.result.findings;
      const expected = rec.expectedFindings(d.manifest);
      const plantedLeft = (f: (typeof left)[number]) => expected.some((e) => (LEFT_FOR_PEOPLE.has(e.kind) || e.cause === 'unknown_to_his') && rec.findingMatches(f, e));
      const stray = left.filter((f) => !plantedLeft(f));
      const undone = left.filter((f) => f.repair.certain && f.repair.action !== 'none');
      const ours = left.filter((f) => [f.setl_id, f.msgid, f.related_setl_id].some((x) => x && d.repaired.includes(x)));
      // Each suggested command as printed: `hisops settle reverse <id>` plans without refusal.
      const refused: string[] = [];
      const env = { db: d.his, profile: d.profile, journal: d.journal, now: d.ctx.now(), center };
      for (const f of left) {
        const m = f.repair.command ? /^hisops settle reverse (\S+)$/.exec(f.repair.command) : null;
        if (f.repair.command && !m) refused.push(`${f.repair.command} (not a command hisops knows)`);
        if (!m) continue;
        try {
          await settle.planReverse(env, { olderThanMs: 0, settings: settle.parseStuckSettings(undefined), ids: [m[1]!], all: false, centerOnly: d.centerOnly, runId: d.ctx.runId });
        } catch (e) {
          refused.push(`${f.repair.command}: ${(e as { summary?: string }).summary ?? String(e)}`);
        }
      }
      const todayOk = t === null || t.result.findings.length === 0;
      const kinds = [...new Set(left.map((f) => `${f.kind}·${f.cause}`))];
      return {
        did: `reconciled ${r.result.begndate} … ${r.result.enddate} again after the repairs${t ? `, and ${today} (the day of the repairs)` : ''}`,
        found: `${left.length} finding(s) left, each needing a person's decision or a timing difference (${kinds.join(', ') || 'none'}); ${undone.length} certain repair(s) left undone, ${ours.length} about hisops's own repairs, ${stray.length} unexpected; ${refused.length} suggested command(s) refused${t ? `; ${today}: ${t.result.findings.length} finding(s)` : ''}`,
        ok: r.result.error === null && stray.length === 0 && undone.length === 0 && ours.length === 0 && refused.length === 0 && todayOk,
        data: { findings: left.map((f) => ({ kind: f.kind, cause: f.cause, setl_id: f.setl_id, repair: f.repair })), refused, today: t ? { day: today, findings: t.result.findings.map((f) => ({ kind: f.kind, cause: f.cause, setl_id: f.setl_id })) } : null },
      };
    } finally {
      await center.close();
    }
  },
};

/** In the order the demo runs them. */
export const DEMO_STEPS: DemoStep[] = [seedStep, doctorStep, schemaStep, catalogStep, settleStep, reconcileStep, stuckStep, reconcileAgainStep, traceStep];
