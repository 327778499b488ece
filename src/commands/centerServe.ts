/**
 * `hisops center serve`: run the local center sandbox — the published protocol over HTTP, its own
 * SQLite ledger, fault injection — until Ctrl-C (or for --for seconds), then print what it served.
 * What it reads from the command line is checked in centerServeInput.ts.
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages, hasMessage } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { EXIT, externalError, inputError, type ExitCode } from '../core/errors.js';
import { conformanceSummary, startConformanceFor } from './centerConformance.js';
import { serveCrypto, type ServeCryptoOptions } from './centerServeCrypto.js';
import {
  faultsText,
  policiesOf,
  serveSettings,
  tifOf,
  type ServeInputOptions,
  type ServeSettings,
} from './centerServeInput.js';

defineMessages({
  'center.serve.describe': {
    en: 'serve the center sandbox over HTTP until Ctrl-C (模拟医保中心)',
    zh: '启动模拟医保中心（HTTP），按 Ctrl-C 停止',
  },
  'center.listening': {
    en: 'center sandbox listening on {url} · data {data} · faults {faults} · seed {seed}',
    zh: '模拟医保中心已启动：{url} · 数据 {data} · 故障 {faults} · 种子 {seed}',
  },
  'center.stopHint': { en: 'Stop with Ctrl-C.', zh: '按 Ctrl-C 停止。' },
  'center.serve.lenientVisits': {
    en: 'settle visits never registered with 2201/2401 from the request alone (old clients; registered visits are still checked against their fee lines)',
    zh: '未经 2201/2401 登记的就诊也按请求金额结算（兼容旧客户端；已登记的就诊仍按上传的费用明细校验）',
  },
  'center.stopped': {
    en: 'stopped after {seconds} s ({by}); {requests} requests',
    zh: '已停止，运行 {seconds} 秒（{by}）；共 {requests} 个请求',
  },
  'center.col.infno': { en: 'infno', zh: '交易' },
  'center.col.requests': { en: 'requests', zh: '请求' },
  'center.col.ok': { en: 'ok', zh: '成功' },
  'center.col.refused': { en: 'refused (infcode -1)', zh: '拒绝（infcode -1）' },
  'center.url': { en: 'url', zh: '地址' },
  'center.data': { en: 'ledger', zh: '账本' },
  'center.faults': { en: 'faults', zh: '故障' },
  'center.t.settlements': { en: 'settlements', zh: '结算' },
  'center.t.messages': { en: 'messages', zh: '报文' },
  'center.t.signins': { en: 'signins', zh: '签到' },
  'center.t.files': { en: 'files', zh: '文件' },
  'center.t.mappings': { en: 'mappings', zh: '对照' },
  'center.t.trace_records': { en: 'trace_records', zh: '追溯码记录' },
  'center.t.trace_codes': { en: 'trace_codes', zh: '追溯码' },
  'center.t.persons': { en: 'persons', zh: '人员' },
  'center.t.visits': { en: 'visits', zh: '就诊' },
  'center.t.fee_lines': { en: 'fee_lines', zh: '费用明细' },
  'center.noFaults': { en: 'none', zh: '无' },
  'center.by.signal': { en: 'signal', zh: '收到停止信号' },
  'center.by.time': { en: 'time', zh: '到达 --for 时长' },
  'center.injected': { en: 'faults injected', zh: '已注入故障' },
  'center.ledgerRows': { en: 'ledger rows', zh: '账本记录' },
});

interface ServeOptions extends ServeCryptoOptions, ServeInputOptions {
  host?: string;
  faults?: string;
  signIn?: boolean;
  allowDuplicates?: boolean;
  conformance?: string;
  lenientVisits?: boolean;
}

type Sandbox = Awaited<ReturnType<typeof import('../core/center/index.js').loadSandbox>>;
type StartedSandbox = Awaited<ReturnType<Sandbox['startSandbox']>>;
type SandboxEventLog = NonNullable<NonNullable<Parameters<Sandbox['startSandbox']>[0]>['onEvent']>;
type SandboxStats = ReturnType<StartedSandbox['stats']>;
type Channel = Awaited<ReturnType<typeof serveCrypto>>;
type Conformance = ReturnType<typeof startConformanceFor>;
type ConformanceSummary = ReturnType<typeof conformanceSummary>;

export function registerCenterServe(center: Command, app: App): void {
  const serve = center
    .command('serve')
    .description(app.t('center.serve.describe'))
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8700')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <file>', 'the sandbox ledger (SQLite, created when missing)', '.hisops/center.db')
    .option(
      '--faults <spec>',
      'fault rules: "2207:timeout-after-commit@0.2,3505:latency=50ms,*:reset@0.05", or @file (JSON/YAML)',
    )
    .option('--seed <n>', 'seed for fault draws and generated catalogs', '1')
    .option('--policy <file...>', 'settlement policy files for 2207/2304 (default: the built-in simple split)')
    .option('--admdvs <code>', 'the division the sandbox serves (mdtrtarea_admvs)', '430100')
    .option(
      '--utc-offset <minutes>',
      "the center's clock as minutes east of UTC (default 480 = China time, whatever the host's zone)",
    )
    .option('--for <seconds>', 'stop after this many seconds (60 or 60s) instead of waiting for Ctrl-C')
    .option('--tif-paasid <id>', 'check x-tif gateway headers for this paasid (secret from HISOPS_CENTER_SECRET)')
    .option(
      '--institution <code>',
      'also accept this institution (fixmedins_code); repeatable. Always accepted: H43010000001 and the institutions the ledger holds',
    )
    .option('--no-sign-in', 'accept business calls without a 9001 sign-in')
    .option('--crypto <kind>', app.t('center.opt.crypto'))
    .option('--sm4-key-file <file>', app.t('center.opt.sm4KeyFile'))
    .option('--sm2-key-file <file>', app.t('center.opt.sm2KeyFile'))
    .option('--sm2-client-public-key <hex>', app.t('center.opt.sm2ClientPublicKey'))
    .option('--allow-duplicates', 'accept a second settlement of the same visit and charge batch')
    .option('--conformance <file>', app.t('center.conf.option'))
    .option('--lenient-visits', app.t('center.serve.lenientVisits'))
    .action(app.action<ServeOptions>((ctx, _a, o) => runServe(ctx, o, app.argv)));
  app.examples(serve, [
    'hisops center serve',
    'hisops center serve --port 8700 --data .hisops/center.db --faults "2207:timeout-after-commit@0.2" --seed 7',
    'hisops center serve --port 0 --for 60 --faults @faults.yaml --json',
    'hisops center serve --institution H43010000002 --institution H43010000003',
    'hisops center serve --crypto sm4 --sm4-key-file sm4.key --sm2-key-file center-sm2.key',
    'hisops center serve --policy templates/policies/employee.yaml templates/policies/resident.yaml -v',
    'hisops center serve --conformance 接口测试.html --institution H43010000002',
  ]);
}

async function runServe(ctx: Ctx, o: ServeOptions, argv: readonly string[]) {
  const s = serveSettings(ctx, o, argv);
  const { loadSandbox } = await import('../core/center/index.js');
  const sandbox = await loadSandbox();
  const faults = sandbox.parseFaults(faultsText(ctx, o.faults));
  const policies = await policiesOf(ctx, o);
  const tif = tifOf(ctx, o);
  const channel = await serveCrypto(ctx, o);
  const conformance = o.conformance ? startConformanceFor(ctx, sandbox, o.conformance, s.utcOffsetMinutes) : undefined;
  let sb: StartedSandbox;
  try {
    sb = await sandbox.startSandbox({
      dataFile: s.dataFile,
      port: s.port,
      host: o.host ?? '127.0.0.1',
      faults,
      seed: s.seed,
      admdvs: s.admdvs,
      utcOffsetMinutes: s.utcOffsetMinutes,
      institutions: s.institutions,
      policies,
      tif,
      crypto: channel?.keys,
      requireSignIn: o.signIn !== false,
      allowDuplicateSettlements: !!o.allowDuplicates,
      onMessage: conformance?.onMessage,
      onTransportRefusal: conformance?.onTransportRefusal,
      lenientVisits: !!o.lenientVisits,
      onEvent: ctx.verbose ? sandboxEventLog(ctx) : undefined,
    });
  } catch (e) {
    throw listenError(e, s.port, o.host ?? '127.0.0.1', s.dataFile);
  }
  const started = ctx.now();
  if (!ctx.quiet) announce(ctx, sandbox, sb, s, conformance, channel);
  const by = await untilStopped(s.seconds);
  const stats = sb.stats();
  const rows = sb.ledger.counts();
  const faultText = sandbox.formatFaults(sb.faults());
  await sb.close();
  conformance?.stop();
  const conf = conformance ? conformanceSummary(ctx, conformance) : undefined;
  const ranSeconds = Math.round((ctx.now().getTime() - started.getTime()) / 1000);
  return servedResult(ctx, s, channel, { url: sb.url, port: sb.port, faultText, stats, rows, ranSeconds, by, conf });
}

/** On stderr, while serving: where, with which ledger, faults and seed; the interface test and 国密 channel when on. */
function announce(
  ctx: Ctx,
  sandbox: Sandbox,
  sb: StartedSandbox,
  s: ServeSettings,
  conformance: Conformance | undefined,
  channel: Channel,
): void {
  ctx.io.stderr.write(
    ctx.t('center.listening', {
      url: sb.url,
      data: s.dataFile,
      faults: sandbox.formatFaults(sb.faults()) || ctx.t('center.noFaults'),
      seed: s.seed,
    }) + '\n',
  );
  if (conformance)
    ctx.io.stderr.write(
      ctx.t('center.conf.writing', { file: conformance.htmlFile, json: conformance.jsonFile }) + '\n',
    );
  if (channel)
    ctx.io.stderr.write(
      ctx.t('center.crypto.on', {
        mode: 'ECB/PKCS#7',
        publicKey: channel.publicKey,
        checked: ctx.t(channel.checked ? 'center.crypto.checked' : 'center.crypto.unchecked'),
      }) + '\n',
    );
  if (s.seconds === undefined) ctx.io.stderr.write(ctx.t('center.stopHint') + '\n');
}

/** Wait for Ctrl-C / SIGTERM, or for `seconds` when given. */
function untilStopped(seconds: number | undefined): Promise<'signal' | 'time'> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = (by: 'signal' | 'time') => {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(by);
    };
    const onSignal = () => stop('signal');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    if (seconds !== undefined) timer = setTimeout(() => stop('time'), seconds * 1000);
  });
}

interface ServeSummary {
  url: string;
  port: number;
  faultText: string;
  stats: SandboxStats;
  rows: Record<string, number>;
  ranSeconds: number;
  by: 'signal' | 'time';
  conf: ConformanceSummary | undefined;
}

/** What was served: the JSON document, and the interface test's violations as findings (exit 3). */
function servedResult(ctx: Ctx, s: ServeSettings, channel: Channel, r: ServeSummary) {
  const { conf } = r;
  return {
    data: {
      url: r.url,
      port: r.port,
      dataFile: s.dataFile,
      seed: s.seed,
      faults: r.faultText,
      institutions: s.institutions,
      stoppedBy: r.by,
      seconds: r.ranSeconds,
      crypto: channel
        ? { kind: 'sm4', centerPublicKey: channel.publicKey, requestsChecked: channel.checked }
        : { kind: 'none' },
      stats: r.stats,
      ledger: r.rows,
      ...(conf ? { conformance: conf.data } : {}),
    },
    // The interface test's violations are findings (exit 3), like any check that found something.
    ...(conf?.violating
      ? {
          exit: EXIT.findings as ExitCode,
          findings: {
            summary: ctx.t('center.conf.result', {
              messages: conf.data.messages,
              violating: conf.data.violating,
              violations: conf.data.violations,
              file: conf.data.report,
            }),
            count: conf.data.violating,
          },
        }
      : {}),
    human: (out: Out) => serveHuman(ctx, out, s.dataFile, r),
  };
}

/** --verbose: one line per request the sandbox answers. */
function sandboxEventLog(ctx: Ctx): SandboxEventLog {
  return (e) => {
    const what =
      e.fault && e.infcode === null
        ? `fault ${e.fault}`
        : e.infcode === null
          ? `HTTP ${e.status}`
          : e.infcode === 0
            ? '0'
            : `-1 ${e.err_msg ?? ''}`;
    ctx.io.stderr.write(
      `${e.at.toISOString().slice(11, 19)} ${e.infno ?? '----'} ${e.msgid ?? ''} → ${what}${e.fault && e.infcode !== null ? ` [${e.fault}]` : ''}${e.replayed ? ' (replayed)' : ''} ${e.ms} ms\n`,
    );
  };
}

/** Why the sandbox could not start, for people: a port taken or refused, a ledger that cannot be opened. */
function listenError(e: unknown, port: number, host: string, dataFile: string): unknown {
  const code = (e as { code?: string }).code;
  if (code === 'EADDRINUSE')
    return inputError(
      'CENTER_PORT_IN_USE',
      `Port ${port} on ${host} is already in use`,
      'Stop the other process, or choose another --port (0 picks a free one).',
    ).zh(`${host} 上的端口 ${port} 已被占用`, '请停止占用该端口的进程，或换一个 --port（0 表示自动选择空闲端口）。');
  if (code === 'EACCES')
    return inputError(
      'CENTER_PORT_DENIED',
      `Not allowed to listen on port ${port}`,
      'Choose a port above 1024, e.g. --port 8700.',
    ).zh(`无权监听端口 ${port}`, '请选择 1024 以上的端口，例如 --port 8700。');
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_NOTADB')
    return externalError(
      'CENTER_LEDGER',
      `Cannot open the sandbox ledger ${dataFile}`,
      'Check the --data path (a SQLite file hisops may create and write).',
      (e as Error).message,
    ).zh(`无法打开沙箱账本 ${dataFile}`, '请检查 --data 路径（hisops 可创建并写入的 SQLite 文件）。');
  return e;
}

function serveHuman(
  ctx: Ctx,
  out: Out,
  dataFile: string,
  { url, faultText, stats, rows, ranSeconds, by, conf }: ServeSummary,
): void {
  out.kv([
    [ctx.t('center.url'), url],
    [ctx.t('center.data'), dataFile],
    [ctx.t('center.faults'), faultText || ctx.t('center.noFaults')],
    [
      ctx.t('center.injected'),
      Object.entries(stats.faults)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || '0',
    ],
    [
      ctx.t('center.ledgerRows'),
      Object.entries(rows)
        .map(([k, v]) => `${ledgerTable(ctx, k)} ${v}`)
        .join(ctx.lang === 'zh-CN' ? '，' : ', '),
    ],
  ]);
  const byInfno = Object.entries(stats.byInfno).sort(([a], [b]) => a.localeCompare(b));
  if (byInfno.length)
    out.table(
      [ctx.t('center.col.infno'), ctx.t('center.col.requests'), ctx.t('center.col.ok'), ctx.t('center.col.refused')],
      byInfno.map(([k, s]) => [k, s.requests, s.ok, s.refused]),
    );
  out.line(ctx.t('center.stopped', { seconds: ranSeconds, by: ctx.t(`center.by.${by}`), requests: stats.requests }));
  conf?.line(out);
}

/** A ledger table's name in the run's language (a table the catalogue does not know keeps its name). */
function ledgerTable(ctx: Ctx, table: string): string {
  return hasMessage(`center.t.${table}`) ? ctx.t(`center.t.${table}`) : table;
}
