/**
 * The steps of `hisops demo`, loaded only when the demo runs. Each step runs one job on the seeded
 * data and says what it did, what it found, and whether that is exactly what the seed planted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../cli/context.js';
import { centerSettings, type CenterSettings } from '../cli/centerSettings.js';
import type { ChannelKeys } from '../core/center/index.js';
import { defineMessages } from '../cli/i18n.js';
import { readText, shippedPolicyPaths } from '../cli/policyFiles.js';
import type { Db } from '../core/db/index.js';
import type { SeedManifest } from '../core/demo/index.js';
import type { Journal } from '../core/journal/index.js';
import type { Profile } from '../core/his/index.js';
import type { Policy } from '../core/rules/index.js';

/** What each step says it did and found; JSON keeps the step's name as its stable id. */
defineMessages({
  'demo.seed.gm': { en: ' on the 国密 channel (SM4)', zh: '，国密通道（SM4）' },
  'demo.step.demo seed': { en: 'demo seed', zh: '生成演示数据' },
  'demo.step.doctor': { en: 'doctor', zh: '环境检查（doctor）' },
  'demo.step.schema diff / sync': { en: 'schema diff / sync', zh: '表结构比对 / 同步' },
  'demo.step.catalog / mapping import': { en: 'catalog / mapping import', zh: '目录 / 对照导入' },
  'demo.step.settle calc': { en: 'settle calc', zh: '试算/预结算' },
  'demo.step.reconcile': { en: 'reconcile', zh: '对账' },
  'demo.step.settle stuck / reverse': { en: 'settle stuck / reverse', zh: '单边账处理（冲正/撤销）' },
  'demo.step.reconcile again': { en: 'reconcile again', zh: '再次对账' },
  'demo.step.trace check / upload': { en: 'trace check / upload', zh: '追溯码校验 / 上传' },
  'demo.none': { en: 'none', zh: '无' },
  'demo.seed.did': {
    en: 'HIS {his} settlements, {days} days; center ledger {center} rows; sandbox at {url}',
    zh: 'HIS 结算 {his} 笔，共 {days} 天；医保中心账本 {center} 行；沙箱地址 {url}',
  },
  'demo.seed.found': { en: '{n} anomalies planted (seed.json)', zh: '预埋异常 {n} 个（seed.json）' },
  'demo.doctor.did': {
    en: 'ran {n} profile statements on the HIS; signed in to the center',
    zh: '在 HIS 上执行了 {n} 条接口配置语句；已签到医保中心',
  },
  'demo.doctor.bad': { en: '{n} statements fail: {names}', zh: '{n} 条语句执行失败：{names}' },
  'demo.doctor.found': {
    en: 'all statements run; sign_no {sign_no}',
    zh: '所有语句均可执行；签到编号 sign_no {sign_no}',
  },
  'demo.settle.did': {
    en: 'split a {n}-line inpatient bill under {policy}',
    zh: '按 {policy} 试算了一张 {n} 行明细的住院账单',
  },
  'demo.settle.found': {
    en: 'medfee {medfee} = fund {fund} + person {person} (account {acct}, cash {cash}); {n} amounts explained',
    zh: '医疗费总额 {medfee} = 基金支付 {fund} + 个人负担 {person}（个人账户 {acct}，现金 {cash}）；{n} 个金额附有说明',
  },
  'demo.centerOnly.complete': { en: 'complete', zh: '补记' },
  'demo.centerOnly.cancel': { en: 'cancel', zh: '撤销' },
  'demo.stuck.did': {
    en: 'settled {bills} bills through the client with a timeout-after-commit fault on {stuck}; asked the center; planned {planned} repairs (center-only: {centerOnly}) and applied them',
    zh: '经客户端结算 {bills} 张账单，其中 {stuck} 张注入“提交后超时”故障；向医保中心查询；计划并执行了 {planned} 项处理（中心单边：{centerOnly}）',
  },
  'demo.stuck.found': {
    en: '{n} one-sided settlements ({created} created + {planted} planted + {handed} from the reconciliation); {done} repaired; {left} left for a decision ({ids})',
    zh: '单边账 {n} 笔（新产生 {created} + 预埋 {planted} + 对账移交 {handed}）；已处理 {done} 笔；{left} 笔待人工决定（{ids}）',
  },
  'demo.schema.did': {
    en: 'diffed the HIS against a next version ({changes} changes), wrote sync.sql and applied its {safe} safe statements with the journal',
    zh: '将 HIS 与下一版本比对（{changes} 处变化），写出 sync.sql，并记日志执行了其中 {safe} 条安全语句',
  },
  'demo.schema.found': {
    en: '{safe} safe, {review} for review ({titles}); after apply {left} difference(s) left',
    zh: '安全 {safe} 项，待审核 {review} 项（{titles}）；执行后剩余 {left} 处差异',
  },
  'demo.catalog.did': {
    en: 'imported {added} national catalog entries ({kinds}) and {mappings} HIS mappings from files',
    zh: '从文件导入国家目录 {added} 条（{kinds}）和 HIS 对照 {mappings} 条',
  },
  'demo.catalog.found': { en: '{n} mapping rows rejected: {list}', zh: '对照行校验不通过 {n} 条：{list}' },
  'demo.trace.did': {
    en: 'checked {records} dispensing and stock records ({codes} codes) and uploaded the clean ones to the center in {requests} requests',
    zh: '校验了 {records} 条发药和出入库记录（{codes} 个追溯码），并分 {requests} 次请求将无误的记录上传医保中心',
  },
  'demo.trace.found': {
    en: '{found} of {planted} planted code problems held back ({kinds}); {unexpected} unexpected; {rejected} rejected, {pending} pending',
    zh: '预埋的 {planted} 个追溯码问题中拦下 {found} 个（{kinds}）；意外 {unexpected} 个；中心拒收 {rejected} 条，待确认 {pending} 条',
  },
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

interface StepResult {
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
const DEMO_CENTER_PORT = 8700;

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

export async function openDemo(
  ctx: Ctx,
  o: { dir: string; size: string; seed: number; templates: string; centerOnly?: 'complete' | 'cancel' },
): Promise<DemoContext> {
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
  const ledger = sandboxMod.openLedger(path.join(o.dir, 'center.db'), {
    fixmedins_code: 'H43010000001',
    admdvs: '430100',
  });
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
async function demoChannel(
  crypto: CenterSettings['crypto'],
): Promise<{ center: ChannelKeys; client: CenterSettings['crypto'] } | undefined> {
  if (crypto.kind !== 'sm4') return undefined;
  const center = await import('../core/center/index.js');
  const keys = center.channelKeysOf(crypto.keyText);
  if (!keys.signKey) return { center: { sm4Key: keys.sm4Key, userId: keys.userId }, client: crypto };
  const pair = center.sm2KeyPair();
  return {
    center: {
      sm4Key: keys.sm4Key,
      userId: keys.userId,
      signKey: pair.privateKey,
      peerPublicKey: center.sm2PublicKeyOf(keys.signKey),
    },
    client: { kind: 'sm4', keyText: { ...crypto.keyText, centerPublicKey: pair.publicKey } },
  };
}

const seedStep: DemoStep = {
  name: 'demo seed',
  async run(d) {
    const demo = await import('../core/demo/index.js');
    const { loadSandbox } = await import('../core/center/index.js');
    const sandboxMod = await loadSandbox();
    // Split with the shipped policies, as the sandbox and settle audit do.
    const seeded = await demo.seedHis({
      db: d.his,
      size: d.size as 'small',
      seed: d.seed,
      out: d.dir,
      fixmedins_code: 'H43010000001',
      admdvs: '430100',
      policies: d.policies,
    });
    const withCenter = await demo.seedCenter({ his: d.his, ledger: d.ledger, manifest: seeded.manifest, out: d.dir });
    d.manifest = withCenter.manifest;
    const settings = centerSettings(d.ctx);
    const channel = await demoChannel(settings.crypto);
    d.sandbox = await sandboxMod.startSandbox({
      ledger: d.ledger,
      port: 0,
      seed: d.seed,
      policies: d.policies,
      admdvs: '430100',
      crypto: channel?.center,
    });
    d.centerUrl = d.sandbox.url;
    d.center = {
      ...settings,
      baseUrl: d.sandbox.url,
      crypto: channel ? channel.client : settings.crypto,
      fixmedins_code: 'H43010000001',
      mdtrtarea_admvs: '430100',
      insuplc_admdvs: '430100',
      setl_optins: '430100',
    };
    const m = d.manifest;
    return {
      did:
        d.ctx.t('demo.seed.did', {
          his: m.counts['his_settlement'] ?? m.totals.count,
          days: m.days,
          center: withCenter.settlements,
          url: d.sandbox.url,
        }) + (channel ? d.ctx.t('demo.seed.gm') : ''),
      found: d.ctx.t('demo.seed.found', { n: m.anomalies.length }),
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
      did: d.ctx.t('demo.doctor.did', { n: probe.length }),
      found: bad.length
        ? d.ctx.t('demo.doctor.bad', { n: bad.length, names: bad.map((b) => b.name).join(', ') })
        : d.ctx.t('demo.doctor.found', { sign_no: signIn.result.sign_no }),
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
      did: d.ctx.t('demo.settle.did', {
        n: bill.lines.length,
        policy: `${result.policy.name} ${result.policy.version}`,
      }),
      found: d.ctx.t('demo.settle.found', {
        medfee: s.setlinfo['medfee_sumamt'],
        fund: s.setlinfo['fund_pay_sumamt'],
        person: s.setlinfo['psn_part_amt'],
        acct: s.setlinfo['acct_pay'],
        cash: s.setlinfo['psn_cash_pay'],
        n: rules.explainRows(result).length,
      }),
      ok: violations.length === 0,
    };
  },
};

const stuckStep: DemoStep = {
  name: 'settle stuck / reverse',
  async run(d) {
    const settle = await import('../core/settle/index.js');
    // The planted stuck settlements, and the one-sided ones the reconciliation step handed over.
    const plantedIds = d.manifest.anomalies
      .filter((a) => a.job === 'settle')
      .flatMap((a) => [a.keys['msgid'], a.keys['setl_id']]);
    const expect = [...plantedIds, ...d.oneSided].filter((k): k is string => typeof k === 'string' && k !== '');
    const r = await settle.demoStuck({
      hisDb: d.his,
      centerConfig: d.center,
      journal: d.journal,
      sandbox: d.sandbox!,
      expect,
      runId: d.ctx.runId,
      centerOnly: d.centerOnly,
    });
    const planted = d.manifest.anomalies.filter((a) => a.job === 'settle').length;
    const handed = r.found.findings.length - r.created.stuck.length - planted;
    const done = r.results.filter((x) => x.outcome === 'done');
    d.repaired = r.plan
      .filter((i) => done.some((x) => x.id === i.id))
      .flatMap((i) => [i.msgid, i.setl_id])
      .filter((x): x is string => !!x);
    return {
      did: d.ctx.t('demo.stuck.did', {
        bills: r.created.normal.length + r.created.stuck.length,
        stuck: r.created.stuck.length,
        planned: r.plan.length,
        centerOnly: d.ctx.t(`demo.centerOnly.${d.centerOnly}`),
      }),
      found: d.ctx.t('demo.stuck.found', {
        n: r.found.findings.length,
        created: r.created.stuck.length,
        planted,
        handed,
        done: done.length,
        left: r.decisions.length,
        ids: r.decisions.map((i) => i.setl_id ?? i.id).join(', ') || d.ctx.t('demo.none'),
      }),
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
  const widen = reference.replace(
    /(CREATE TABLE IF NOT EXISTS his_item \([\s\S]*?\n {2}spec\s+)varchar\(200\)/,
    '$1varchar(500)',
  );
  const narrow = widen.replace(
    /(CREATE TABLE IF NOT EXISTS his_item \([\s\S]*?\n {2}prcunt\s+)varchar\(100\)/,
    '$1varchar(50)',
  );
  const added = narrow.replace(
    /(CREATE TABLE IF NOT EXISTS his_item \([\s\S]*?\n)( {2}created_at )/,
    '$1  insu_grade            varchar(6),\n$2',
  );
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
      const plan = schema.makePlan(cur, tgt, { ...opts, dialect: 'sqlite' });
      const script = path.join(d.dir, 'sync.sql');
      schema.writeFileAtomic(script, schema.renderScript(plan, d.ctx.lang), { what: 'the sync script' });
      const safe = plan.statements.filter((st) => st.section === 'safe');
      const res = await schema.applyPlan(
        d.his,
        {
          planId: plan.planId,
          dialect: plan.dialect,
          currentFingerprint: plan.current.fingerprint,
          targetFingerprint: plan.target.fingerprint,
          targetDisplay: plan.target.display,
          statements: safe.map((st) => ({ seq: st.seq, sql: st.sql })),
        },
        tgt,
        { journal: d.journal, runId: d.ctx.runId, clock: () => d.ctx.now() },
      );
      const left = res.leftovers?.changes.length ?? -1;
      return {
        did: d.ctx.t('demo.schema.did', { changes: plan.counts.changes, safe: safe.length }),
        found: d.ctx.t('demo.schema.found', {
          safe: plan.counts.safeItems,
          review: plan.counts.reviewItems,
          titles: plan.items
            .filter((i) => i.section === 'review')
            .map((i) => (d.ctx.lang === 'zh-CN' ? schema.titleZh(i.title) : i.title))
            .join(d.ctx.lang === 'zh-CN' ? '；' : '; '),
          left,
        }),
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
    const planted = d.manifest.anomalies
      .filter((a) => a.job === 'mapping')
      .map((a) => key(a.kind, String(a.keys['fixmedins_hilist_id'])))
      .sort();
    const added = r.catalog.reduce((n, k) => n + k.added, 0);
    return {
      did: d.ctx.t('demo.catalog.did', {
        added,
        kinds: r.catalog.map((k) => k.kind).join(', '),
        mappings: r.mappings.counts.added,
      }),
      found: d.ctx.t('demo.catalog.found', {
        n: r.mappings.counts.rejected,
        list: found.join(', ') || d.ctx.t('demo.none'),
      }),
      ok: found.length > 0 && JSON.stringify(found) === JSON.stringify(planted),
    };
  },
};

const traceStep: DemoStep = {
  name: 'trace check / upload',
  async run(d) {
    const trace = await import('../core/trace/index.js');
    const r = await trace.demoTrace({
      db: d.his,
      profile: d.profile,
      journal: d.journal,
      center: d.center,
      fixmedins_code: d.center.fixmedins_code,
      manifest: d.manifest,
      runId: d.ctx.runId,
    });
    const found = r.planted.filter((p) => p.found).length;
    return {
      did: d.ctx.t('demo.trace.did', {
        records: r.upload.records,
        codes: r.upload.codes,
        requests: r.upload.requests.sent,
      }),
      found: d.ctx.t('demo.trace.found', {
        found,
        planted: r.planted.length,
        kinds: [...new Set(r.planted.map((p) => p.finding))].join(', '),
        unexpected: r.unexpected.length,
        rejected: r.upload.rejected.length,
        pending: r.upload.pending.length,
      }),
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
      const r = await rec.demoReconcile({
        hisDb: d.his,
        center,
        journal: d.journal,
        manifest: d.manifest,
        runId: d.ctx.runId,
      });
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
      const r = await rec.demoReconcile({
        hisDb: d.his,
        center,
        journal: d.journal,
        manifest: d.manifest,
        runId: `${d.ctx.runId}-again`,
      });
      const today = formatDate(d.ctx.now(), center.config.utcOffsetMinutes);
      const t =
        today > d.manifest.endDate
          ? await rec.demoReconcile({
              hisDb: d.his,
              center,
              journal: d.journal,
              manifest: d.manifest,
              runId: `${d.ctx.runId}-today`,
              from: today,
              to: today,
            })
          : null;
      const left = r.result.findings;
      const expected = rec.expectedFindings(d.manifest);
      const plantedLeft = (f: (typeof left)[number]) =>
        expected.some((e) => (LEFT_FOR_PEOPLE.has(e.kind) || e.cause === 'unknown_to_his') && rec.findingMatches(f, e));
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
      const todayOk = t === null || t.result.findings.length === 0;
      const kinds = [...new Set(left.map((f) => `${f.kind}·${f.cause}`))];
      return {
        did:
          d.ctx.t('demo.again.did', { from: r.result.begndate, to: r.result.enddate }) +
          (t ? d.ctx.t('demo.again.didToday', { today }) : ''),
        found:
          d.ctx.t('demo.again.found', {
            left: left.length,
            kinds: kinds.join(', ') || d.ctx.t('demo.none'),
            undone: undone.length,
            ours: ours.length,
            stray: stray.length,
            refused: refused.length,
          }) + (t ? d.ctx.t('demo.again.foundToday', { today, n: t.result.findings.length }) : ''),
        ok:
          r.result.error === null &&
          stray.length === 0 &&
          undone.length === 0 &&
          ours.length === 0 &&
          refused.length === 0 &&
          todayOk,
        data: {
          findings: left.map((f) => ({ kind: f.kind, cause: f.cause, setl_id: f.setl_id, repair: f.repair })),
          refused,
          today: t
            ? {
                day: today,
                findings: t.result.findings.map((f) => ({ kind: f.kind, cause: f.cause, setl_id: f.setl_id })),
              }
            : null,
        },
      };
    } finally {
      await center.close();
    }
  },
};

/** In the order the demo runs them. */
export const DEMO_STEPS: DemoStep[] = [
  seedStep,
  doctorStep,
  schemaStep,
  catalogStep,
  settleStep,
  reconcileStep,
  stuckStep,
  reconcileAgainStep,
  traceStep,
];
