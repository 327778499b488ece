/**
 * Notifications over real HTTP and SMTP: a local receiver plays the 企业微信/钉钉/飞书 robots and a
 * generic webhook (checking body shapes and the DingTalk signature), smtp-server receives mail over
 * TLS. A cron job (trace check of a scanned file) notifies by the rules, once per distinct result,
 * and once when it recovers; a failing channel is a warning and never changes the exit code.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { main } from '../../src/main.js';

const fixtures = path.resolve(__dirname, '../fixtures/notify');
const DING_SECRET = 'SECtest-signing-secret';
let dir: string;
let receiver: http.Server;
let base: string;
let smtp: SMTPServer;
let smtpPort: number;
const got: Array<{ path: string; query: URLSearchParams; body: any }> = [];
const mails: Array<{ from: string; to: string[]; raw: string; user?: string }> = [];
let failWecom = false;

function checkDingSign(q: URLSearchParams): boolean {
  const ts = q.get('timestamp');
  const sign = q.get('sign');
  if (!ts || !sign || Math.abs(Date.now() - Number(ts)) > 3600_000) return false;
  const want = crypto.createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
  return sign === want; // URLSearchParams decoded the urlencoding once
}

function robotAnswer(p: string, q: URLSearchParams, body: any): { status: number; json: unknown } {
  if (p === '/wecom') {
    if (failWecom) return { status: 502, json: {} };
    return body?.msgtype === 'text' && typeof body.text?.content === 'string'
      ? { status: 200, json: { errcode: 0, errmsg: 'ok' } }
      : { status: 200, json: { errcode: 40008, errmsg: 'invalid message type' } };
  }
  if (p === '/dingtalk') {
    if (!checkDingSign(q)) return { status: 200, json: { errcode: 310000, errmsg: 'sign not match' } };
    return body?.msgtype === 'text' && typeof body.text?.content === 'string'
      ? { status: 200, json: { errcode: 0, errmsg: 'ok' } }
      : { status: 200, json: { errcode: 40035, errmsg: 'bad body' } };
  }
  if (p === '/feishu')
    return body?.msg_type === 'text' && typeof body.content?.text === 'string'
      ? { status: 200, json: { code: 0, msg: 'success' } }
      : { status: 200, json: { code: 9499, msg: 'Bad Request' } };
  if (p === '/webhook') return { status: 204, json: '' };
  return { status: 404, json: {} };
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const body = text ? JSON.parse(text) : undefined;
      got.push({ path: u.pathname, query: u.searchParams, body });
      const a = robotAnswer(u.pathname, u.searchParams, body);
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(a.status === 204 ? undefined : JSON.stringify(a.json));
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    secure: true,
    key: fs.readFileSync(path.join(fixtures, 'server.key')),
    cert: fs.readFileSync(path.join(fixtures, 'server.pem')),
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth: (auth, _s, cb) =>
      auth.username === 'robot@hospital.example' && auth.password === 'smtp-pw'
        ? cb(null, { user: auth.username })
        : cb(new Error('bad credentials')),
    onData: (stream, session, cb) => {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({
          from: String(session.envelope.mailFrom && session.envelope.mailFrom.address),
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          user: session.user as string | undefined,
        });
        cb();
      });
    },
    logger: false,
    disableReverseLookup: true,
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-notify-'));
  fs.copyFileSync(path.join(fixtures, 'ca.pem'), path.join(dir, 'ca.pem'));
  fs.writeFileSync(path.join(dir, 'ding.secret'), DING_SECRET + '\n');
  fs.writeFileSync(path.join(dir, 'bad.txt'), '83025403161264649612\n83025403161264649612\n8302540316AB64649612\n');
  fs.writeFileSync(path.join(dir, 'ok.txt'), '83025403161264649612\n');
});

afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await new Promise<void>((r) => smtp.close(() => r()));
});

beforeEach(() => {
  got.length = 0;
  mails.length = 0;
  failWecom = false;
});

function yaml(extra = ''): string {
  return `journal:
  url: sqlite:journal-${crypto.randomBytes(3).toString('hex')}.db
institutions:
  - name: east
    fixmedins_code: H43010000001
    fixmedins_name: 东院
notify:
  quietHours: "00:00-00:00"
  dingtalk:
    secretFile: ding.secret
  email:
    host: 127.0.0.1
    port: ${smtpPort}
    secure: true
    user: robot@hospital.example
    from: robot@hospital.example
    to: [it@hospital.example, finance@hospital.example]
    tlsCa: ca.pem
  rules:
    trace check:
      on: [findings, failure, recovered]
${extra}`;
}

const ENV = () => ({
  CI: 'true',
  HISOPS_NOTIFY_WECOM_URL: `${base}/wecom?key=wecom-key-123`,
  HISOPS_NOTIFY_DINGTALK_URL: `${base}/dingtalk?access_token=ding-token-456`,
  HISOPS_NOTIFY_FEISHU_URL: `${base}/feishu`,
  HISOPS_NOTIFY_WEBHOOK_URL: `${base}/webhook`,
  HISOPS_NOTIFY_EMAIL_PASSWORD: 'smtp-pw',
});

async function hisops(argv: string[], env: Record<string, string> = ENV()) {
  const io = memoryIo({ cwd: dir, env });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('hisops notify test', () => {
  it('reaches every channel: robots accept the bodies, the DingTalk signature checks, mail arrives over TLS', async () => {
    fs.writeFileSync(path.join(dir, 'hisops.yaml'), yaml());
    const r = await hisops(['notify', 'test', '--json']);
    expect(r.code, r.out + r.err).toBe(0);
    const data = JSON.parse(r.out).data;
    expect(data.channels.map((c: any) => [c.channel, c.delivered])).toEqual([
      ['wecom', true],
      ['dingtalk', true],
      ['feishu', true],
      ['email', true],
      ['webhook', true],
    ]);
    expect(got.map((g) => g.path).sort()).toEqual(['/dingtalk', '/feishu', '/webhook', '/wecom']);
    const hook = got.find((g) => g.path === '/webhook')!.body;
    expect(hook).toMatchObject({
      source: 'hisops',
      version: 1,
      event: 'test',
      institution: 'east',
      fixmedins_code: 'H43010000001',
      verdict: 'ok',
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['it@hospital.example', 'finance@hospital.example']);
    expect(mails[0]!.user).toBe('robot@hospital.example');
    // Secrets never printed.
    expect(r.out + r.err).not.toMatch(/wecom-key-123|ding-token-456|smtp-pw|SECtest/);
  });

  it('a wrong signing secret is refused by the robot: exit 5 naming the channel, the secret not shown', async () => {
    fs.writeFileSync(path.join(dir, 'hisops.yaml'), yaml());
    fs.writeFileSync(path.join(dir, 'wrong.secret'), 'SECwrong\n');
    fs.writeFileSync(
      path.join(dir, 'hisops.yaml'),
      yaml().replace('secretFile: ding.secret', 'secretFile: wrong.secret'),
    );
    const r = await hisops(['notify', 'test', '--channel', 'dingtalk']);
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/dingtalk.*310000 sign not match/);
    expect(r.out + r.err).not.toMatch(/SECwrong|ding-token-456/);
  });

  it('a webhook URL written in hisops.yaml is refused (exit 2, naming the variable to use)', async () => {
    fs.writeFileSync(
      path.join(dir, 'hisops.yaml'),
      yaml().replace('  dingtalk:\n', '  wecom:\n    url: https://qyapi.weixin.qq.com/x?key=abc\n  dingtalk:\n'),
    );
    const r = await hisops(['notify', 'test']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('HISOPS_NOTIFY_WECOM_URL');
  });
});

describe('a cron job notifies by the rules', () => {
  it('findings once (not again for the same result), once more when it recovers; Chinese when the run is', async () => {
    fs.writeFileSync(path.join(dir, 'hisops.yaml'), yaml());
    const first = await hisops(['--lang', 'zh-CN', 'trace', 'check', 'bad.txt']);
    expect(first.code).toBe(3);
    const robots = got.filter((g) => g.path === '/wecom');
    expect(robots).toHaveLength(1);
    const text: string = robots[0]!.body.text.content;
    expect(text).toContain('东院');
    expect(text).toContain('trace check');
    expect(text).toContain('结论：需处理');
    expect(text).toMatch(/运行编号：\d{8}-/);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toMatch(/Subject: =\?UTF-8\?/);

    got.length = 0;
    const again = await hisops(['--lang', 'zh-CN', 'trace', 'check', 'bad.txt']);
    expect(again.code).toBe(3);
    expect(got).toHaveLength(0); // repeat limit

    const ok = await hisops(['trace', 'check', 'ok.txt']);
    expect(ok.code).toBe(0);
    const hook = got.find((g) => g.path === '/webhook')!.body;
    expect(hook).toMatchObject({ event: 'recovered', verdict: 'ok', exit_code: 0, job: 'trace check' });
    expect(got.find((g) => g.path === '/wecom')!.body.text.content).toContain('recovered');

    got.length = 0;
    await hisops(['trace', 'check', 'ok.txt']);
    expect(got).toHaveLength(0); // recovered only once
  });

  it('a failing channel is a warning, the exit code stays; it is retried on the next run', async () => {
    fs.writeFileSync(path.join(dir, 'hisops.yaml'), yaml());
    failWecom = true;
    const r = await hisops(['trace', 'check', 'bad.txt', '--json']);
    expect(r.code).toBe(3);
    const env = JSON.parse(r.out);
    expect(env.warnings.join('\n')).toMatch(/wecom notification failed.*HTTP 502/);
    expect(env.warnings.join('\n')).not.toContain('wecom-key-123');
    expect(got.filter((g) => g.path === '/dingtalk')).toHaveLength(1);

    failWecom = false;
    got.length = 0;
    const next = await hisops(['trace', 'check', 'bad.txt']);
    expect(next.code).toBe(3);
    expect(got.map((g) => g.path)).toEqual(['/wecom']); // only the channel that still owed it
  });

  it('--notify with a channel list works without a rule; quiet hours hold it back', async () => {
    fs.writeFileSync(path.join(dir, 'hisops.yaml'), yaml().replace(/ {2}rules:[\s\S]*$/, ''));
    await hisops(['trace', 'check', 'bad.txt']);
    expect(got).toHaveLength(0); // no rule, no --notify
    await hisops(['trace', 'check', 'bad.txt', '--notify', 'webhook']);
    expect(got.map((g) => g.path)).toEqual(['/webhook']);
    expect(got[0]!.body).toMatchObject({ event: 'findings', verdict: 'findings', exit_code: 3, job: 'trace check' });
    expect(got[0]!.body.top_findings.length).toBeGreaterThan(0);

    got.length = 0;
    fs.writeFileSync(
      path.join(dir, 'hisops.yaml'),
      yaml()
        .replace('"00:00-00:00"', '"00:00-24:00"')
        .replace(/ {2}rules:[\s\S]*$/, ''),
    );
    await hisops(['trace', 'check', 'bad.txt', '--notify']);
    expect(got).toHaveLength(0);
  });

  it('a center clock offset that is no offset holds notifications back with a warning naming the key', async () => {
    fs.writeFileSync(
      path.join(dir, 'hisops.yaml'),
      yaml()
        .replace('    fixmedins_name: 东院\n', '    fixmedins_name: 东院\n    center:\n      utcOffsetMinutes: 5000\n')
        .replace(/ {2}rules:[\s\S]*$/, ''),
    );
    const r = await hisops(['trace', 'check', 'bad.txt', '--notify', 'webhook']);
    expect(r.code).toBe(3);
    expect(got).toHaveLength(0);
    expect(r.err).toContain('center.utcOffsetMinutes 5000');
  });
});

/** A small parser of the Prometheus text format: HELP/TYPE before samples, labels, float values. */
function parseProm(text: string): {
  types: Map<string, string>;
  samples: Array<{ name: string; labels: Record<string, string>; value: number }>;
} {
  const types = new Map<string, string>();
  const samples: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') types.set(meta[2]!, meta[3]!);
      continue;
    }
    const m =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$/.exec(
        line,
      );
    if (!m) throw new Error(`not a sample line: ${line}`);
    if (!types.has(m[1]!)) throw new Error(`sample before its TYPE: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!.replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { types, samples };
}

describe('metrics file and hisops status', () => {
  it('every cron job leaves its last result; the file parses as Prometheus text and lists all jobs', async () => {
    fs.writeFileSync(
      path.join(dir, 'hisops.yaml'),
      yaml().replace(/ {2}rules:[\s\S]*$/, '') + 'metrics:\n  file: node_exporter/hisops.prom\n',
    );
    fs.mkdirSync(path.join(dir, 'node_exporter'), { recursive: true });
    const before = Date.now() / 1000;
    expect((await hisops(['trace', 'check', 'bad.txt'])).code).toBe(3);
    const other = await hisops(['trace', 'upload', '--metrics-file', 'elsewhere.prom']);
    const p = parseProm(fs.readFileSync(path.join(dir, 'elsewhere.prom'), 'utf8'));
    const exitOf = (job: string) =>
      p.samples.find((s) => s.name === 'hisops_job_last_exit_code' && s.labels['job'] === job)?.value;
    expect(exitOf('trace check')).toBe(3);
    expect(exitOf('trace upload')).toBe(other.code);
    expect(p.types.get('hisops_job_findings')).toBe('gauge');
    const findings = p.samples.filter((s) => s.name === 'hisops_job_findings' && s.labels['job'] === 'trace check');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((s) => s.labels['institution'] === 'east' && s.labels['kind'] && s.value > 0)).toBe(true);
    const ts = p.samples.find(
      (s) => s.name === 'hisops_job_last_run_timestamp_seconds' && s.labels['job'] === 'trace check',
    )!.value;
    expect(ts).toBeGreaterThanOrEqual(Math.floor(before));
    expect(ts).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    // metrics.file from hisops.yaml, written by the first run
    expect(
      parseProm(fs.readFileSync(path.join(dir, 'node_exporter/hisops.prom'), 'utf8')).samples.length,
    ).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(dir, 'node_exporter'))).toEqual(['hisops.prom']); // no temporary file left

    const st = await hisops(['status', '--json']);
    expect(st.code).toBe(0);
    const jobs = JSON.parse(st.out).data.jobs;
    expect(jobs.find((j: any) => j.job === 'trace check')).toMatchObject({
      institution: 'east',
      verdict: 'findings',
      exit_code: 3,
    });
    expect(JSON.parse(st.out).data.pending).toEqual({
      institution: 'east',
      trace_pending: 0,
      trace_rejected: 0,
      trace_held: 0,
      stuck_open: 0,
      mappings_expiring: null,
    });
    const human = await hisops(['--lang', 'zh-CN', 'status']);
    expect(human.out).toContain('需处理');
  });
});

describe('--institution all / -i a,b', () => {
  it('runs the job for each institution in turn: one notification each, the worst exit code, one JSON document', async () => {
    fs.writeFileSync(
      path.join(dir, 'hisops.yaml'),
      yaml()
        .replace(/ {2}rules:[\s\S]*$/, '')
        .replace(
          'institutions:\n',
          'institutions:\n  - name: west\n    fixmedins_code: H43010000002\n    fixmedins_name: 西院\n',
        ),
    );
    const r = await hisops(['trace', 'check', 'bad.txt', '-i', 'all', '--json', '--notify', 'webhook']);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.out);
    expect(doc.data.institutions.map((i: any) => [i.institution, i.exit, i.envelope.findings.count > 0])).toEqual([
      ['west', 3, true],
      ['east', 3, true],
    ]);
    expect(got.filter((g) => g.path === '/webhook').map((g) => g.body.institution)).toEqual(['west', 'east']);

    const mixed = await hisops(['trace', 'check', 'ok.txt', '-i', 'east,nowhere']);
    expect(mixed.code).toBe(2); // the unknown one is worse than the clean one, which still ran
    expect(mixed.out).toContain('== institution east ==');
    expect(mixed.err).toContain('nowhere');
  });
});
