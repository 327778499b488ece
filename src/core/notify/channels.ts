/**
 * Delivering one message on one channel. The chat robots (企业微信, 钉钉, 飞书) take a JSON POST to
 * their webhook and answer errcode/code 0 when they accepted it; the generic webhook gets the
 * documented JSON event; e-mail goes through SMTP with TLS (nodemailer). Bodies are built by pure
 * functions so tests and docs can show them.
 */
import crypto from 'node:crypto';
import { externalError } from '../errors.js';
import { redactUrlPath } from '../shared/index.js';
import type { Channel, EmailChannel, HttpChannel } from './settings.js';

/** What every channel carries; `event` is the generic webhook's body. */
export interface NotifyMessage {
  title: string;
  /** Plain text: the title, then one line per fact. */
  text: string;
  event: WebhookEvent;
}

/** The generic webhook body (docs/notify.md). Amounts are 2-decimal strings. */
export interface WebhookEvent {
  source: 'hisops';
  version: 1;
  event: 'findings' | 'failure' | 'recovered' | 'test';
  institution: string;
  fixmedins_code: string;
  job: string;
  period: string | null;
  verdict: 'ok' | 'findings' | 'failure';
  exit_code: number;
  summary: string;
  counts: Record<string, number>;
  top_findings: string[];
  report: string | null;
  run_id: string;
  at: string;
  lang: string;
  text: string;
}

/** DingTalk 加签: base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  const mac = crypto.createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  return encodeURIComponent(mac);
}

/** Feishu 签名校验: base64(HMAC-SHA256 keyed by timestamp + "\n" + secret over nothing), seconds. */
export function feishuSign(secret: string, timestampS: number): string {
  return crypto.createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

export function httpRequest(ch: HttpChannel, m: NotifyMessage, now: Date): { url: string; body: unknown } {
  switch (ch.kind) {
    case 'wecom':
      return { url: ch.url, body: { msgtype: 'text', text: { content: m.text } } };
    case 'dingtalk': {
      if (!ch.secret) return { url: ch.url, body: { msgtype: 'text', text: { content: m.text } } };
      const ts = now.getTime();
      const sep = ch.url.includes('?') ? '&' : '?';
      return {
        url: `${ch.url}${sep}timestamp=${ts}&sign=${dingtalkSign(ch.secret, ts)}`,
        body: { msgtype: 'text', text: { content: m.text } },
      };
    }
    case 'feishu': {
      const body: Record<string, unknown> = { msg_type: 'text', content: { text: m.text } };
      if (ch.secret) {
        const ts = Math.floor(now.getTime() / 1000);
        Object.assign(body, { timestamp: String(ts), sign: feishuSign(ch.secret, ts) });
      }
      return { url: ch.url, body };
    }
    case 'webhook':
      return { url: ch.url, body: m.event };
  }
}

/** The URL without its query and path secrets, for messages (a robot's key sits in its URL). */
export const safeUrl = redactUrlPath;

async function postJson(ch: HttpChannel, m: NotifyMessage, now: Date, timeoutMs: number): Promise<void> {
  const req = httpRequest(ch, m, now);
  const fail = (why: string) =>
    externalError(
      'NOTIFY_FAILED',
      `The ${ch.kind} notification to ${safeUrl(ch.url)} failed: ${why}`,
      'Check the robot address and its security settings (keywords, signing secret, IP list); it is retried on the next run.',
    ).zh(
      `发往 ${safeUrl(ch.url)} 的 ${ch.kind} 通知失败：${why}`,
      '请检查机器人地址及其安全设置（关键词、加签密钥、IP 白名单）；下次运行时会重试。',
    );
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw fail(e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e));
  }
  const text = await res.text();
  if (!res.ok) throw fail(`HTTP ${res.status}`);
  if (ch.kind === 'webhook') return;
  let answer: Record<string, unknown> = {};
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw fail('the answer is not JSON');
  }
  const code = answer['errcode'] ?? answer['code'] ?? answer['StatusCode'] ?? 0;
  if (Number(code) !== 0) throw fail(`${String(code)} ${String(answer['errmsg'] ?? answer['msg'] ?? '')}`.trim());
}

async function sendMail(ch: EmailChannel, m: NotifyMessage, timeoutMs: number): Promise<void> {
  const nodemailer = (await import('nodemailer')).default;
  const transport = nodemailer.createTransport({
    host: ch.host,
    port: ch.port,
    secure: ch.secure,
    requireTLS: !ch.secure,
    auth: ch.user ? { user: ch.user, pass: ch.password ?? '' } : undefined,
    tls: ch.tlsCa ? { ca: ch.tlsCa } : undefined,
    connectionTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ from: ch.from, to: ch.to, subject: m.title, text: m.text });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw externalError(
      'NOTIFY_FAILED',
      `The e-mail notification through ${ch.host}:${ch.port} failed: ${why}`,
      'Check notify.email (host, port, user) and HISOPS_NOTIFY_EMAIL_PASSWORD; it is retried on the next run.',
    ).zh(
      `通过 ${ch.host}:${ch.port} 发送邮件通知失败：${why}`,
      '请检查 notify.email（host、port、user）和 HISOPS_NOTIFY_EMAIL_PASSWORD；下次运行时会重试。',
    );
  } finally {
    transport.close();
  }
}

export async function deliver(ch: Channel, m: NotifyMessage, now: Date, timeoutMs = 10000): Promise<void> {
  if (ch.kind === 'email') return sendMail(ch, m, timeoutMs);
  return postJson(ch, m, now, timeoutMs);
}
