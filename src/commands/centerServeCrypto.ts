/**
 * The 国密 channel of `hisops center serve`: which keys the sandbox uses. The SM4 key is shared
 * with the institution (--sm4-key-file, else the institution's own center.sm4Key setting); the
 * center signs its answers with its own SM2 key (--sm2-key-file, else a fresh pair whose public
 * key is printed for center.sm2CenterPublicKey); it checks requests' signatures when it knows the
 * institution's public key (--sm2-client-public-key, else derived from center.sm2Key).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { ChannelKeys } from '../core/center/index.js';
import { inputError } from '../core/errors.js';

defineMessages({
  'center.opt.crypto': {
    en: 'run the 国密 channel: sm4 (SM4-encrypted input/output, SM2-signed answers) or none (default none)',
    zh: '国密通道：sm4（输入输出 SM4 加密、应答 SM2 签名）或 none（默认）',
  },
  'center.opt.sm4KeyFile': {
    en: "file holding the SM4 key (32 hex digits; default: the institution's HISOPS_CENTER_SM4_KEY / center.sm4KeyFile)",
    zh: 'SM4 密钥文件（32 位十六进制；默认取本机构的 HISOPS_CENTER_SM4_KEY / center.sm4KeyFile）',
  },
  'center.opt.sm2KeyFile': {
    en: "file holding the center's SM2 private key that signs answers (default: a fresh key pair)",
    zh: '中心签名应答用的 SM2 私钥文件（默认：新生成一对密钥）',
  },
  'center.opt.sm2ClientPublicKey': {
    en: "the institution's SM2 public key: requests' signatures are checked (default: from center.sm2Key)",
    zh: '机构的 SM2 公钥：校验请求签名（默认由 center.sm2Key 推出）',
  },
  'center.crypto.on': {
    en: "国密 channel on: SM4 {mode}; answers signed with the center's SM2 key {publicKey}; requests' signatures {checked}",
    zh: '国密通道已启用：SM4 {mode}；应答以中心 SM2 密钥签名，公钥 {publicKey}；请求签名{checked}',
  },
  'center.crypto.checked': { en: 'checked', zh: '校验' },
  'center.crypto.unchecked': { en: 'not checked (no institution public key)', zh: '不校验（未提供机构公钥）' },
});

export interface ServeCryptoOptions {
  crypto?: string;
  sm4KeyFile?: string;
  sm2KeyFile?: string;
  sm2ClientPublicKey?: string;
}

function readKeyFile(ctx: Ctx, flag: string, file: string): string {
  const p = path.resolve(ctx.cwd, file);
  try {
    return fs.readFileSync(p, 'utf8').split(/\r?\n/)[0]!;
  } catch (e) {
    throw inputError(
      'CENTER_SERVE_OPTION',
      `Cannot read ${flag} ${p}`,
      `Point ${flag} at a readable file holding the key on its first line.`,
      (e as Error).message,
    ).zh(`无法读取 ${flag} ${p}`, `请让 ${flag} 指向首行为密钥的可读文件。`);
  }
}

function keyOption<T>(flag: string, parse: (t: string) => T, text: string): T {
  try {
    return parse(text);
  } catch (e) {
    throw inputError(
      'CENTER_SERVE_OPTION',
      `${flag}: ${(e as Error).message}`,
      `Give ${flag} in that form (docs/sandbox.md).`,
    ).zh(`${flag} 格式不正确：${(e as Error).message}`, `请按要求的格式提供 ${flag}（见 docs/sandbox.md）。`);
  }
}

/** The sandbox's channel keys, or undefined for plain JSON; `publicKey` is the center's, to print. */
export async function serveCrypto(
  ctx: Ctx,
  o: ServeCryptoOptions,
): Promise<{ keys: ChannelKeys; publicKey: string; checked: boolean } | undefined> {
  // Plain unless asked: serve's own --institution flags are not hisops.yaml's, so the
  // configuration is read only for keys the flags do not give.
  const kind = o.crypto ?? 'none';
  if (kind === 'none') return undefined;
  if (kind !== 'sm4')
    throw inputError(
      'CENTER_SERVE_OPTION',
      `--crypto ${kind} is not a channel the sandbox runs`,
      'Give --crypto sm4 or --crypto none.',
    ).zh(`--crypto ${kind} 不是沙箱支持的通道`, '请使用 --crypto sm4 或 --crypto none。');
  const gm = await import('../core/center/index.js');
  const sm4Text = o.sm4KeyFile ? readKeyFile(ctx, '--sm4-key-file', o.sm4KeyFile) : ctx.secret('center.sm4Key');
  if (!sm4Text) {
    throw inputError(
      'CENTER_SERVE_OPTION',
      'The 国密 channel needs the SM4 key',
      'Give --sm4-key-file FILE, or set HISOPS_CENTER_SM4_KEY (or center.sm4KeyFile); keys are never taken from a flag.',
    ).zh(
      '国密通道需要 SM4 密钥',
      '请使用 --sm4-key-file FILE，或设置 HISOPS_CENTER_SM4_KEY（或 center.sm4KeyFile）；密钥不从命令行参数读取。',
    );
  }
  const sm4Key = keyOption('--sm4-key-file', gm.parseSm4Key, sm4Text);
  const signKey = o.sm2KeyFile
    ? keyOption('--sm2-key-file', gm.parseSm2PrivateKey, readKeyFile(ctx, '--sm2-key-file', o.sm2KeyFile))
    : gm.sm2KeyPair().privateKey;
  const clientPrivate = o.sm2ClientPublicKey ? undefined : ctx.secret('center.sm2Key');
  const peerPublicKey = o.sm2ClientPublicKey
    ? keyOption('--sm2-client-public-key', gm.parseSm2PublicKey, o.sm2ClientPublicKey)
    : clientPrivate
      ? gm.sm2PublicKeyOf(keyOption('center.sm2Key', gm.parseSm2PrivateKey, clientPrivate))
      : undefined;
  // The Z_A user id is the standard's default unless the institution's settings name another.
  const userId = o.sm2ClientPublicKey && o.sm4KeyFile ? undefined : ctx.get<string>('center.sm2UserId') || undefined;
  return {
    keys: { sm4Key, signKey, peerPublicKey, userId },
    publicKey: gm.sm2PublicKeyOf(signKey),
    checked: !!peerPublicKey,
  };
}
