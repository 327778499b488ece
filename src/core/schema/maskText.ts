/**
 * The text maskers' parts: a deterministic byte stream per value (HMAC-SHA256 of the key), and
 * names, addresses, e-mail addresses and other text rewritten character by character from it,
 * keeping each character's class (digit, letter, CJK) and an address's administrative prefix.
 */
import crypto from 'node:crypto';

/** A deterministic stream of bytes for one value. */
export class Stream {
  private buf: Buffer;
  private pos = 0;
  private round = 0;
  constructor(
    private readonly key: string,
    private readonly seed: string,
  ) {
    this.buf = this.next();
  }
  private next(): Buffer {
    return crypto
      .createHmac('sha256', this.key)
      .update(`${this.round++}\u0000${this.seed}`)
      .digest();
  }
  byte(): number {
    if (this.pos >= this.buf.length) {
      this.buf = this.next();
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }
  int(n: number): number {
    return ((this.byte() << 8) | this.byte()) % n;
  }
}

// Common surnames and given-name characters: masked names look like names.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉玉萍红鹏飞云峰志成德海亮宁波斌宇浩凯健俊帆欣怡佳琳晨阳婷雪梅琴丹慧颖琪子轩涵瑞雨欣梓博文昊天宏毅晓东';
const ADDR_CHARS = '东西南北中新和平安康宁兴华光明长丰泰福盛永顺景阳春江河湖山林园路街巷里村';

const CJK = /[\u3400-\u9fff]/;

export function sameClass(ch: string, s: Stream): string {
  if (/[0-9]/.test(ch)) return String(s.int(10));
  if (/[a-z]/.test(ch)) return String.fromCharCode(97 + s.int(26));
  if (/[A-Z]/.test(ch)) return String.fromCharCode(65 + s.int(26));
  if (CJK.test(ch)) return GIVEN[s.int(GIVEN.length)]!;
  return ch;
}

export function maskName(v: string, s: Stream): string {
  const chars = [...v];
  if (chars.some((c) => CJK.test(c))) {
    return chars
      .map((c, i) => (CJK.test(c) ? (i === 0 ? SURNAMES[s.int(SURNAMES.length)]! : GIVEN[s.int(GIVEN.length)]!) : c))
      .join('');
  }
  return chars.map((c) => sameClass(c, s)).join('');
}

export function maskAddress(v: string, s: Stream): string {
  const chars = [...v];
  if (chars.some((c) => CJK.test(c))) {
    // keep the administrative prefix: up to the last 省/市/区/县/旗 within the first 12 characters
    let keep = 0;
    for (let i = 0; i < Math.min(chars.length, 12); i++) if (/[省市区县旗州盟]/.test(chars[i]!)) keep = i + 1;
    return chars
      .map((c, i) => (i < keep ? c : CJK.test(c) ? ADDR_CHARS[s.int(ADDR_CHARS.length)]! : sameClass(c, s)))
      .join('');
  }
  return chars.map((c) => sameClass(c, s)).join('');
}

export function maskEmail(v: string, s: Stream): string {
  const at = v.lastIndexOf('@');
  if (at <= 0) return [...v].map((c) => sameClass(c, s)).join('');
  return (
    [...v.slice(0, at)].map((c) => (/[a-zA-Z0-9]/.test(c) ? String.fromCharCode(97 + s.int(26)) : c)).join('') +
    v.slice(at)
  );
}
