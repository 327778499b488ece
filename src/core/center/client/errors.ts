/**
 * The client's failures, each a HisopsError (exit 5 unless it is the caller's input) that says
 * which call, which msgid, and what to do. What to do depends on whether the call changes state:
 * a query can simply be repeated; a settlement that may have reached the center must not be.
 */
import { HisopsError, EXIT, type ErrorCode, type ErrorText } from '../../errors.js';

export interface CallContext {
  infno: string;
  /** Transaction name, e.g. 门诊结算. */
  name: string;
  msgid: string;
  url: string;
  stateChanging: boolean;
  attempts?: number;
  /** The call has a journal row (state-changing, journal open): its answer is kept there. */
  journaled?: boolean;
}

/** Did the request possibly reach the center? `no` only when it certainly did not. */
export type Delivery = 'no' | 'maybe' | 'yes';

export type TransportKind = 'unreachable' | 'tls' | 'timeout' | 'reset';

/** Raised by the transport; turned into a HisopsError by `transportError`. */
export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportKind,
    readonly delivery: Delivery,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function label(c: CallContext): string {
  return `${c.infno} ${c.name} (msgid ${c.msgid})`;
}

/** What to do when the outcome at the center is unknown. */
function unknownFix(c: CallContext): string {
  return c.stateChanging
    ? `Do not repeat the call: the center may have carried it out. The journal keeps msgid ${c.msgid} as "unknown"; the stuck-settlement job (hisops settle) queries the center (5203) and resolves it, or reverses it with 2601.`
    : "Repeat the command; if it keeps failing, check the center's status with its help desk.";
}

function unknownFixZh(c: CallContext): string {
  return c.stateChanging
    ? `不要重复调用：医保中心可能已经执行。日志中 msgid ${c.msgid} 记为"结果未知"；单边账处理（hisops settle）会向医保中心查询（5203）并处理，或用 2601 冲正。`
    : '请重新运行命令；如持续失败，请向医保中心服务台确认其状态。';
}

function details(c: CallContext, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    infno: c.infno,
    msgid: c.msgid,
    url: c.url,
    state_changing: c.stateChanging,
    ...(c.attempts ? { attempts: c.attempts } : {}),
    ...extra,
  };
}

function err(
  code: ErrorCode,
  summary: string,
  fix: string,
  why: string | undefined,
  d: Record<string, unknown>,
  zh?: ErrorText,
  cause?: unknown,
): HisopsError {
  return new HisopsError({ code, summary, fix, why, details: d, exit: EXIT.external, cause, zh });
}

export function transportError(c: CallContext, f: TransportFailure, timeoutMs: number): HisopsError {
  const d = details(c, { transport: f.kind, delivery: f.delivery, reason: f.reason });
  switch (f.kind) {
    case 'unreachable':
      return err(
        'CENTER_UNREACHABLE',
        `Cannot reach the center at ${c.url} for ${label(c)}`,
        'The request was not sent. Check the network, the center URL (center.url) and any proxy, then run hisops doctor; the call can be repeated safely.',
        f.reason,
        d,
        {
          summary: `无法连接医保中心 ${c.url}（${label(c)}）`,
          fix: '请求未发送。请检查网络、医保中心 URL（center.url）和代理，然后运行 hisops doctor；该调用可以安全重发。',
        },
      );
    case 'tls':
      return err(
        'CENTER_TLS',
        `The center's TLS certificate was not accepted for ${label(c)}`,
        'The request was not sent. Check the center URL, the system clock, and — for a private gateway CA — center.tlsCa; verification stays on.',
        f.reason,
        d,
        {
          summary: `医保中心的 TLS 证书未被接受（${label(c)}）`,
          fix: '请求未发送。请检查医保中心 URL、系统时钟，以及私有网关 CA 的 center.tlsCa；证书校验始终开启。',
        },
      );
    case 'timeout':
      return err(
        'CENTER_TIMEOUT',
        `No answer from the center within ${Math.round(timeoutMs / 1000)} s for ${label(c)}`,
        unknownFix(c),
        f.reason,
        d,
        { summary: `医保中心 ${Math.round(timeoutMs / 1000)} 秒内未应答（${label(c)}）`, fix: unknownFixZh(c) },
      );
    case 'reset':
      return err(
        'CENTER_CONNECTION_RESET',
        `The connection to the center broke during ${label(c)}`,
        unknownFix(c),
        f.reason,
        d,
        { summary: `与医保中心的连接在 ${label(c)} 期间中断`, fix: unknownFixZh(c) },
      );
  }
}

/** How much of an unreadable answer an error quotes. */
const BODY_HEAD_CHARS = 200;

/** Keys whose values are credentials: masked wherever a quoted body shows them. */
const SECRET_KEYS =
  /((?:password|passwd|pwd|secret|token|access_?key|signature|cainfo|authorization)["']?\s*[:=]\s*["']?)([^"'&\s,;<>}]+)/gi;

/**
 * The first characters of a body the client could not read, fit to be shown and logged: control
 * characters and runs of white space become one space, credential-looking values and the given
 * secrets are masked, and at most BODY_HEAD_CHARS characters (never half a character) are kept.
 */
export function bodyHead(text: string, secrets: readonly (string | undefined)[] = []): string {
  let s = text.replace(/^\uFEFF/, '');
  for (const x of secrets) if (x && x.length >= 4) s = s.split(x).join('***');
  s = s.replace(SECRET_KEYS, '$1***');
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  const chars = Array.from(s);
  return chars.length > BODY_HEAD_CHARS ? `${chars.slice(0, BODY_HEAD_CHARS).join('')}…` : s;
}

/** What a body that is not an envelope looked like, for summaries and details. */
interface BodySeen {
  /** Sanitized head (see bodyHead); '' for an empty body. */
  head: string;
  bytes: number;
  contentType?: string;
}

function bodyWords(b: BodySeen): string {
  return b.bytes === 0 || b.head === ''
    ? 'the body is empty'
    : `the body (${b.bytes} bytes${b.contentType ? `, ${b.contentType}` : ''}) starts with: ${b.head}`;
}

function bodyWordsZh(b: BodySeen): string {
  return b.bytes === 0 || b.head === ''
    ? '应答内容为空'
    : `应答内容（${b.bytes} 字节${b.contentType ? `，${b.contentType}` : ''}）开头为：${b.head}`;
}

function bodyDetails(b: BodySeen): Record<string, unknown> {
  return { body_head: b.head, body_bytes: b.bytes, ...(b.contentType ? { content_type: b.contentType } : {}) };
}

export function httpError(c: CallContext, status: number, body: BodySeen): HisopsError {
  const definite =
    status === 400 ||
    status === 401 ||
    status === 403 ||
    status === 404 ||
    status === 405 ||
    status === 413 ||
    status === 415;
  const fix = definite
    ? `The gateway turned the request away (HTTP ${status}); it did not reach the center. Check center.url, center.appendInfno and the gateway credentials (center.paasid, the secret).`
    : unknownFix(c);
  const zh = {
    summary: `医保中心对 ${label(c)} 应答 HTTP ${status}；${bodyWordsZh(body)}`,
    fix: definite
      ? `网关拒绝了请求（HTTP ${status}），请求未到达医保中心。请检查 center.url、center.appendInfno 和网关凭据（center.paasid、密钥）。`
      : unknownFixZh(c),
  };
  return err(
    'CENTER_HTTP',
    `The center answered HTTP ${status} to ${label(c)}; ${bodyWords(body)}`,
    fix,
    body.head || undefined,
    details(c, { http_status: status, ...bodyDetails(body), delivery: definite ? 'no' : 'maybe' }),
    zh,
  );
}

export function notJsonError(c: CallContext, status: number, body: BodySeen): HisopsError {
  return err(
    'CENTER_NOT_JSON',
    `The center's answer to ${label(c)} is not JSON (HTTP ${status}); ${bodyWords(body)}`,
    unknownFix(c),
    body.head ? `The body starts with: ${body.head}` : 'The body is empty.',
    details(c, { http_status: status, ...bodyDetails(body), delivery: 'maybe' }),
    {
      summary: `医保中心对 ${label(c)} 的应答不是 JSON（HTTP ${status}）；${bodyWordsZh(body)}`,
      fix: unknownFixZh(c),
      why: body.head ? `应答内容开头为：${body.head}` : '应答内容为空。',
    },
  );
}

export function gatewayError(c: CallContext, status: number, message: string | null, code: string | null): HisopsError {
  return err(
    'CENTER_GATEWAY',
    `The gateway answered ${label(c)} with an error instead of the center's envelope${message ? `: ${message}` : ''}`,
    `${unknownFix(c)} If the message is about signatures or credentials, check center.gateway, center.paasid and the secret.`,
    message ?? undefined,
    details(c, { http_status: status, gateway_code: code, gateway_message: message, delivery: 'maybe' }),
    {
      summary: `网关对 ${label(c)} 返回了错误，而不是医保中心的应答${message ? `：${message}` : ''}`,
      fix: `${unknownFixZh(c)} 如消息涉及签名或凭据，请检查 center.gateway、center.paasid 和密钥。`,
    },
  );
}

/** infcode as the center sent it: a number, or the raw text when it is not one. */
function infcodeShown(infcode: number, raw: unknown): string {
  if (!Number.isNaN(infcode)) return String(infcode);
  return raw === undefined ? '(missing)' : raw === null ? 'null' : JSON.stringify(raw);
}

/**
 * A refusal says everything the center said: infcode, err_msg (or "(no message)" when it sent
 * none, null or blank) and inf_refmsgid, which its help desk asks for.
 */
export function refusedError(
  c: CallContext,
  infcode: number,
  errMsg: string | null,
  infRefmsgid: string | null,
  infcodeRaw?: unknown,
): HisopsError {
  const message = errMsg !== null && errMsg.trim() !== '' ? errMsg.trim() : null;
  const code = infcodeShown(infcode, infcodeRaw === undefined ? infcode : infcodeRaw);
  return err(
    'CENTER_REFUSED',
    `The center refused ${label(c)}: ${message ?? '(no message)'} — infcode ${code}, inf_refmsgid ${infRefmsgid || '(none)'}`,
    message
      ? "Read the center's message above, correct the data or the settings it names, and try again. Nothing was carried out at the center."
      : `The center gave no reason. Nothing was carried out at the center; ask its help desk about inf_refmsgid ${infRefmsgid || '(none)'} / msgid ${c.msgid}, or try again later.`,
    message ?? undefined,
    details(c, {
      infcode: Number.isNaN(infcode) ? null : infcode,
      ...(Number.isNaN(infcode) ? { infcode_raw: infcodeRaw === undefined ? null : infcodeRaw } : {}),
      err_msg: errMsg,
      inf_refmsgid: infRefmsgid,
      delivery: 'yes',
    }),
    {
      summary: `医保中心拒绝了 ${label(c)}：${message ?? '（无消息）'}——infcode ${code}，inf_refmsgid ${infRefmsgid || '（无）'}`,
      fix: message
        ? '请阅读上面医保中心的消息，更正其指出的数据或设置后重试。医保中心未执行任何操作。'
        : `医保中心未给出原因，也未执行任何操作；请向其服务台询问 inf_refmsgid ${infRefmsgid || '（无）'} / msgid ${c.msgid}，或稍后重试。`,
    },
  );
}

export function rejectedError(
  c: CallContext,
  retRslt: string,
  msgRslt: string | null,
  infRefmsgid: string | null,
): HisopsError {
  return err(
    'CENTER_REJECTED',
    `The center rejected ${label(c)}: ${msgRslt ?? `retRslt ${retRslt}`}`,
    'Correct the record the message names (drug code, batch, trace code) and upload it again.',
    msgRslt ?? undefined,
    details(c, { retRslt, msgRslt, inf_refmsgid: infRefmsgid, delivery: 'yes' }),
    {
      summary: `医保中心拒收了 ${label(c)}：${msgRslt ?? `retRslt ${retRslt}`}`,
      fix: '请更正消息所指的记录（药品编码、批号、追溯码）后重新上传。',
    },
  );
}

/** A parse failure of a successful answer: the center did carry it out. */
export function badResponseError(c: CallContext, cause: unknown): HisopsError {
  const inner = cause instanceof HisopsError ? cause : undefined;
  return err(
    inner?.code ?? 'CENTER_BAD_RESPONSE',
    `${inner?.summary ?? "The center's answer could not be read"} — ${label(c)}`,
    c.stateChanging
      ? `The center accepted the call; ${c.journaled ? `its answer is kept in the journal under msgid ${c.msgid}` : `its answer was not journaled (msgid ${c.msgid})`}. Report the answer to the center's help desk; do not repeat the call.`
      : (inner?.fix ?? "Report the answer to the center's help desk."),
    inner?.why ?? (cause instanceof Error ? cause.message : String(cause)),
    details(c, { ...(inner?.details ?? {}), delivery: 'yes' }),
    {
      summary: `${inner?.zhText?.summary ?? inner?.summary ?? '无法读取医保中心的应答'}——${label(c)}`,
      fix: c.stateChanging
        ? `医保中心已受理该调用；其原始应答保存在日志中 msgid ${c.msgid} 下。请将应答报告给医保中心服务台；不要重复调用。`
        : (inner?.zhText?.fix ?? '请将应答报告给医保中心服务台。'),
    },
    cause,
  );
}

/** Where the raw answer of a call can be read afterwards. */
function keptWhere(c: CallContext): { en: string; zh: string } {
  return c.journaled
    ? {
        en: `its raw answer is kept in the journal (hisops_center_calls.output) under msgid ${c.msgid}`,
        zh: `原始应答已保存在日志表 hisops_center_calls 的 output 列（msgid ${c.msgid}）`,
      }
    : {
        en: 'the raw answer was not kept (only state-changing calls are journaled)',
        zh: '原始应答未保存（只有改变中心状态的交易记入日志）',
      };
}

function afterAnswerFix(c: CallContext, en: string, zh: string): { en: string; zh: string } {
  const kept = keptWhere(c);
  if (!c.stateChanging)
    return {
      en: `${en} Then repeat the command; nothing was changed at the center.`,
      zh: `${zh}然后重新执行命令；中心未发生任何变更。`,
    };
  return {
    en: `${en} The center carried the call out and ${kept.en}: do not repeat it; once the settings are right, hisops settle stuck resolves msgid ${c.msgid} with the center.`,
    zh: `${zh}中心已办理该交易，${kept.zh}：不要重复提交；设置改正后，hisops settle stuck 会向中心查询并处理 msgid ${c.msgid}。`,
  };
}

/**
 * A success answer whose output is ciphertext (国密 channel) while this institution has no key:
 * never read as an empty success.
 */
export function encryptedNoKeyError(c: CallContext, channel: string, infRefmsgid: string | null): HisopsError {
  const fix = afterAnswerFix(
    c,
    "The center runs the 国密 (SM4/SM2) channel for this institution: set center.crypto: sm4 in hisops.yaml and the SM4 key in HISOPS_CENTER_SM4_KEY (or center.sm4KeyFile); for signatures also the SM2 private key (HISOPS_CENTER_SM2_KEY or center.sm2KeyFile) and the center's public key (center.sm2CenterPublicKey). See docs/center.md.",
    '中心对本机构使用国密（SM4/SM2）通道：在 hisops.yaml 中设置 center.crypto: sm4，并在 HISOPS_CENTER_SM4_KEY（或 center.sm4KeyFile）中提供 SM4 密钥；签名还需 SM2 私钥（HISOPS_CENTER_SM2_KEY 或 center.sm2KeyFile）和中心公钥（center.sm2CenterPublicKey）。',
  );
  return err(
    'CENTER_ENCRYPTED_NO_KEY',
    `The center answered ${label(c)} on the encrypted channel (${channel}) and no SM4 key is configured, so its output cannot be read`,
    fix.en,
    `infcode 0, inf_refmsgid ${infRefmsgid || '(none)'}; ${keptWhere(c).en}`,
    details(c, { infcode: 0, inf_refmsgid: infRefmsgid, channel, delivery: 'yes' }),
  ).zh(
    `中心以加密通道（${channel}）应答了 ${label(c)}，但未配置 SM4 密钥，无法读取输出`,
    fix.zh,
    `infcode 0，inf_refmsgid ${infRefmsgid || '（无）'}；${keptWhere(c).zh}`,
  );
}

/** An answer on the encrypted channel that does not decrypt, or whose signature does not verify. */
export function channelError(
  c: CallContext,
  kind: 'decrypt' | 'signature' | 'unsigned',
  reason: string,
  infRefmsgid: string | null,
): HisopsError {
  const decrypt = kind === 'decrypt';
  const fix = decrypt
    ? afterAnswerFix(
        c,
        'Check the SM4 key (HISOPS_CENTER_SM4_KEY or center.sm4KeyFile) against the one the center issued for this institution.',
        '请核对 SM4 密钥（HISOPS_CENTER_SM4_KEY 或 center.sm4KeyFile）是否为中心为本机构分配的密钥。',
      )
    : afterAnswerFix(
        c,
        'Check center.sm2CenterPublicKey against the public key the center published; an answer whose signature fails may not come from the center.',
        '请核对 center.sm2CenterPublicKey 是否为中心公布的公钥；验签失败的应答可能并非来自中心。',
      );
  const why = `${reason}; ${keptWhere(c).en}`;
  const d = details(c, { infcode: 0, inf_refmsgid: infRefmsgid, channel_problem: kind, delivery: 'yes' });
  const e = decrypt
    ? err(
        'CENTER_DECRYPT_FAILED',
        `The center's encrypted answer to ${label(c)} could not be decrypted`,
        fix.en,
        why,
        d,
      )
    : err(
        'CENTER_SIGNATURE_INVALID',
        `The center's answer to ${label(c)} failed the SM2 signature check`,
        fix.en,
        why,
        d,
      );
  return e.zh(
    decrypt ? `中心对 ${label(c)} 的加密应答无法解密` : `中心对 ${label(c)} 的应答未通过 SM2 验签`,
    fix.zh,
    `${decrypt ? 'SM4 解密失败或结果不是 JSON' : kind === 'unsigned' ? '应答没有签名（cainfo 为空）' : '签名与配置的中心公钥不符'}；${keptWhere(c).zh}`,
  );
}
