/**
 * The steps of `hisops demo`, loaded only when the demo runs. Each step runs one job on the seeded
 * data and says what it did, what it found, and whether that is exactly what the seed planted.
 * What they work on is in demoContext.ts; the two reconciliations in demoReconcileSteps.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { centerSettings } from '../cli/centerSettings.js';
import { defineMessages } from '../cli/i18n.js';
import { demoChannel, type DemoStep } from './demoContext.js';
import { reconcileAgainStep, reconcileStep } from './demoReconcileSteps.js';

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
});

const seedStep: DemoStep = {
  name: 'demo seed',
  async run(d) {
    const demo = await import('../core/demo/index.js');
    const { loadSandbox } = await import('../core/center/index.js');
    const sandboxMod = await loadSandbox();
    // Split with the shipped policies, as the sandbox and settle audit do.
    const seeded = await demo.seedHis({
      db: d.his,
      size: d.size,
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
