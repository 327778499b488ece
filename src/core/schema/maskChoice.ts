/**
 * Which columns of a table a clone masks, and why each text column is masked or left alone:
 * by a rule from the rules file, by name (mask.ts's patterns), by comment (Chinese or English:
 * 姓名, 身份证, 电话, 地址, 出生日期, 医保号 …), or by the values of a sample of rows (ID numbers
 * with a valid check character, mainland mobiles, e-mails; ID numbers and mobiles inside free
 * text). Columns that look personal by name but hold flags ('YES'/'NO'), IP addresses or codes
 * are left alone, with the reason.
 *
 * Pure: the caller reads the sample.
 */
import { isValidIdCard, type CompiledRules, type MaskKind } from './mask.js';
import type { Column, Table } from './model.js';

export type ChoiceBy = 'rule' | 'name' | 'comment' | 'values';
export type SkipWhy = 'flag' | 'ip' | 'not-personal' | 'too-short' | 'none';
type ValueWhat = 'id' | 'embedded-id' | 'mobile' | 'email' | 'in-text' | 'original';
const WHAT_WORDS: Record<ValueWhat, string> = {
  id: 'are ID numbers',
  'embedded-id': 'embed an ID number',
  mobile: 'are mobile numbers',
  email: 'are e-mail addresses',
  'in-text': 'hold ID numbers, mobiles or e-mails in their text',
  original: 'are original values of masked columns',
};

export interface ColumnChoice {
  column: string;
  /** Set when the column is masked. */
  kind?: MaskKind;
  by?: ChoiceBy;
  skip?: SkipWhy;
  /** The pattern, comment word, or flag values behind the decision. */
  detail?: string;
  /** By values: what the sampled values are, and how many of how many. */
  what?: ValueWhat;
  hits?: number;
  sampled?: number;
  /** The decision in English (the JSON's words; the command renders its own language from by/skip/detail). */
  reason: string;
}

const TEXT_BASES = ['char', 'varchar', 'text'];
const DATE_BASES = ['date', 'datetime', 'timestamp'];

export function isTextColumn(c: Column): boolean {
  return TEXT_BASES.includes(c.type.base);
}

/** Comment words per kind, tried in this order (电话 before 联系人: 联系人电话 is a phone). */
const COMMENT_WORDS: Array<{ kind: MaskKind; re: RegExp }> = [
  {
    kind: 'idcard',
    re: /身份证|证件号|證件號|公民身份|社会保障号|社保卡号|医保号|医保卡号|医保编号|个人编号|人员编号|参保人编号|\bID ?(card|number)\b|social security/i,
  },
  { kind: 'phone', re: /电话|手机|联系方式|\bphone\b|\bmobile\b|\btelephone\b/i },
  { kind: 'email', re: /邮箱|电子邮件|邮件地址|\be-?mail\b/i },
  { kind: 'birthdate', re: /出生日期|出生年月|生日|出生时间|date of birth|\bbirth ?date\b|\bbirthday\b|\bDOB\b/i },
  { kind: 'address', re: /地址|住址|住所|居住地|户籍地|\baddress\b/i },
  {
    kind: 'name',
    re: /姓名|联系人|监护人|家属|患者名|病人名|父亲|母亲|配偶|patient'?s? name|full name|first name|last name|surname/i,
  },
];
/** Comments that name an address or a name but not a person's: IP/MAC addresses, web addresses. */
const COMMENT_NOT_PERSONAL = /IP ?地址|MAC ?地址|网址|网络地址|\bIP address\b|\bURL\b/i;

const FLAG = /^(y|n|yes|no|true|false|t|f|0|1|on|off|是|否|有|无)$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$/i;
const MOBILE = /^(\+?86[- ]?)?1[3-9]\d{9}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;
const EMBEDDED_ID = /^\d{1,12}(\d{17}[\dXx])$/;
const ID_IN_TEXT = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** A sample share at or above this decides by values (a third: a column of mostly IDs). */
const VALUE_SHARE = 0.3;

interface Evidence {
  sampled: number;
  ids: number;
  embeddedIds: number;
  mobiles: number;
  emails: number;
  inText: number;
  flags: string[] | undefined;
  ips: boolean;
}

function evidence(values: string[]): Evidence {
  const e: Evidence = {
    sampled: values.length,
    ids: 0,
    embeddedIds: 0,
    mobiles: 0,
    emails: 0,
    inText: 0,
    flags: undefined,
    ips: values.length > 0,
  };
  const distinct = new Set<string>();
  for (const v of values) {
    distinct.add(v);
    if (isValidIdCard(v)) e.ids++;
    else if (EMBEDDED_ID.test(v) && isValidIdCard(EMBEDDED_ID.exec(v)![1]!)) e.embeddedIds++;
    else if (MOBILE.test(v)) e.mobiles++;
    else if (EMAIL.test(v)) e.emails++;
    else if (
      [...v.matchAll(ID_IN_TEXT)].some((m) => isValidIdCard(m[0])) ||
      MOBILE_IN_TEXT.test(v) ||
      EMAIL_IN_TEXT.test(v)
    )
      e.inText++;
    if (!(IPV4.test(v) || IPV6.test(v))) e.ips = false;
  }
  if (values.length >= 2 && distinct.size <= 4 && [...distinct].every((v) => FLAG.test(v)))
    e.flags = [...distinct].sort();
  return e;
}

function share(n: number, e: Evidence): boolean {
  return n > 0 && n / e.sampled >= VALUE_SHARE;
}

interface ByValues {
  kind: MaskKind;
  what: ValueWhat;
  hits: number;
}

function byValues(e: Evidence): ByValues | undefined {
  if (share(e.ids, e)) return { kind: 'idcard', what: 'id', hits: e.ids };
  if (share(e.embeddedIds, e)) return { kind: 'idcard', what: 'embedded-id', hits: e.embeddedIds };
  if (share(e.mobiles, e)) return { kind: 'phone', what: 'mobile', hits: e.mobiles };
  if (share(e.emails, e)) return { kind: 'email', what: 'email', hits: e.emails };
  return undefined;
}

function inText(e: Evidence): ByValues | undefined {
  return e.inText > 0 ? { kind: 'tokens', what: 'in-text', hits: e.inText } : undefined;
}

function byValuesChoice(column: string, v: ByValues, e: Evidence): ColumnChoice {
  return {
    column,
    kind: v.kind,
    by: 'values',
    what: v.what,
    hits: v.hits,
    sampled: e.sampled,
    reason: `${v.kind}: ${v.hits} of ${e.sampled} sampled values ${WHAT_WORDS[v.what]}`,
  };
}

/** Why a column chosen by name or comment is left alone after all (its values or size say it holds no identity). */
function contradicted(kind: MaskKind, c: Column, e: Evidence): { skip: SkipWhy; detail: string } | undefined {
  if (e.flags) return { skip: 'flag', detail: e.flags.join(', ') };
  if (e.ips && (kind === 'address' || kind === 'email' || kind === 'text')) return { skip: 'ip', detail: '' };
  const len = c.type.length;
  if (
    len !== undefined &&
    len <= 3 &&
    c.type.base !== 'text' &&
    (kind === 'email' || kind === 'address' || kind === 'phone' || kind === 'idcard')
  )
    return { skip: 'too-short', detail: c.type.native };
  return undefined;
}

const SKIP_WORDS: Record<SkipWhy, (d: string) => string> = {
  flag: (d) => `flag values (${d})`,
  ip: () => 'IP addresses, not a postal address',
  'not-personal': (d) => `not personal by name (${d})`,
  'too-short': (d) => `too short to hold it (${d})`,
  none: () => 'no personal name, comment or values',
};
const BY_WORDS: Record<ChoiceBy, (d: string) => string> = {
  rule: (d) => `rule ${d}`,
  name: (d) => `name matches ${d}`,
  comment: (d) => `comment says ${d}`,
  values: () => '',
};

function chosen(column: string, kind: MaskKind, by: ChoiceBy, detail: string): ColumnChoice {
  return { column, kind, by, detail, reason: `${kind}: ${BY_WORDS[by](detail)}` };
}
function skipped(column: string, skip: SkipWhy, detail = ''): ColumnChoice {
  return { column, skip, detail, reason: SKIP_WORDS[skip](detail) };
}

/**
 * Decide every text column of a table (and the date columns that hold a birth date). `sample`
 * holds up to a few hundred rows of the table (column name → value); an empty table decides by
 * names and comments alone.
 */
export function chooseMaskColumns(
  t: Table,
  rules: CompiledRules,
  sample: Array<Record<string, unknown>> = [],
): ColumnChoice[] {
  const out: ColumnChoice[] = [];
  for (const c of t.columns) {
    if (c.generated) continue;
    const text = isTextColumn(c);
    const date = DATE_BASES.includes(c.type.base);
    if (!text && !date) continue;
    const custom = rules.customKindFor(t.name, c.name);
    const comment =
      c.comment && !COMMENT_NOT_PERSONAL.test(c.comment) ? COMMENT_WORDS.find((w) => w.re.test(c.comment!)) : undefined;
    const commentWord = comment ? comment.re.exec(c.comment!)![0] : '';
    if (date) {
      // a date column is masked only as a birth date
      if (custom === 'birthdate') out.push(chosen(c.name, 'birthdate', 'rule', c.name));
      else if (!custom && rules.kindFor(t.name, c.name) === 'birthdate')
        out.push(chosen(c.name, 'birthdate', 'name', rules.patternFor(t.name, c.name) ?? c.name));
      else if (!custom && comment?.kind === 'birthdate') out.push(chosen(c.name, 'birthdate', 'comment', commentWord));
      continue;
    }
    if (custom) {
      out.push(chosen(c.name, custom, 'rule', c.name));
      continue;
    }
    const values: string[] = [];
    for (const row of sample) {
      const v = row[c.name];
      if (v === null || v === undefined) continue;
      const s = (Buffer.isBuffer(v) ? v.toString('utf8') : v instanceof Date ? v.toISOString() : String(v)).trim();
      if (s) values.push(s);
    }
    const e = evidence(values);
    const strong = byValues(e);
    if (strong) {
      out.push(byValuesChoice(c.name, strong, e));
      continue;
    }
    // only where a name rule would have picked the column: ip_address, email_subject, hipaa_allowemail
    const np = rules.patternFor(t.name, c.name) ? rules.notPersonal(c.name) : undefined;
    if (np) {
      const t2 = inText(e);
      out.push(t2 ? byValuesChoice(c.name, t2, e) : skipped(c.name, 'not-personal', np));
      continue;
    }
    const named = rules.kindFor(t.name, c.name);
    if (named && named !== 'birthdate') {
      const no = contradicted(named, c, e);
      out.push(
        no
          ? skipped(c.name, no.skip, no.detail)
          : chosen(c.name, named, 'name', rules.patternFor(t.name, c.name) ?? c.name),
      );
      continue;
    }
    if (named === 'birthdate' || comment) {
      const kind = named ?? comment!.kind;
      const no = contradicted(kind, c, e);
      out.push(
        no
          ? skipped(c.name, no.skip, no.detail)
          : named
            ? chosen(c.name, kind, 'name', rules.patternFor(t.name, c.name) ?? c.name)
            : chosen(c.name, kind, 'comment', commentWord),
      );
      continue;
    }
    const t2 = inText(e);
    out.push(t2 ? byValuesChoice(c.name, t2, e) : e.ips ? skipped(c.name, 'ip') : skipped(c.name, 'none'));
  }
  return out;
}

/**
 * Columns left alone whose sampled values include original values of the masked columns (a
 * pharmacist who shares a patient's name, a contact's phone kept in a free-text column): masked
 * too, as the kind of the originals found, so the same value is masked the same way everywhere.
 */
export function addOverlaps(
  choices: ColumnChoice[],
  sample: Array<Record<string, unknown>>,
  kindOf: (v: string) => MaskKind | undefined,
): ColumnChoice[] {
  return choices.map((c) => {
    if (c.kind || (c.skip !== 'none' && c.skip !== 'not-personal')) return c;
    const counts = new Map<MaskKind, number>();
    let sampled = 0;
    for (const row of sample) {
      const v = row[c.column];
      if (v === null || v === undefined || v instanceof Date) continue;
      const s = (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)).trim();
      if (!s) continue;
      sampled++;
      const k = kindOf(s);
      if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    if (!counts.size) return c;
    const [kind, hits] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    return {
      column: c.column,
      kind,
      by: 'values',
      what: 'original',
      hits,
      sampled,
      reason: `${kind}: ${hits} of ${sampled} sampled values ${WHAT_WORDS.original}`,
    } satisfies ColumnChoice;
  });
}
