/**
 * The center's side of 3202: compare the institution's detail rows with the center's rows of the
 * same period and produce the result file's rows (pure).
 *
 * - A row on both sides (same setl_id): stmt_rslt 0 and memo 平 when medfee_sumamt,
 *   fund_pay_sumamt, acct_pay and refd_setl_flag agree; otherwise 1 and "金额不符" with the
 *   institution's figures in the memo and the center's in the amount columns.
 * - Only at the institution: 1 and the reason the center knows — 中心无此结算, 中心已冲正,
 *   结算时间不在对账期内 (the center settled it on another day), or 清算类别/经办机构不符.
 * - Only at the center: 1 and 医药机构无此结算, with every key and the msgid (for a 2601).
 *   When the institution holds another settlement of the same visit and person, the extra one is
 *   a center-side duplicate: its setl_id and mdtrt_id come back empty, memo 中心端有多条明细, and
 *   the msgid says which call to reverse.
 * Result rows come in the institution's file order, then the center-only rows by setl_time.
 */
import { fenOfBytes, fenOfText, textOfFen } from '../../money.js';
import { Utf8Buffer } from '../../shared/index.js';
import { stmtResultLine, type StmtResultLine, type StmtUploadLine } from '../protocol/index.js';
import { isAscii } from 'node:buffer';
import type { BriefBytes, SettlementBrief, SettlementRow } from './ledger.js';
import { BRIEF_COLUMNS } from './ledgerRows.js';

/** An upload line with its amounts in fen (the comparison runs over a day's lines; see money.fenOfText). */
export type UploadLine = StmtUploadLine<number>;

/** What explaining a missing settlement needs of any center row. */
export type SettlementKeys = Pick<
  SettlementRow,
  | 'setl_id'
  | 'fixmedins_code'
  | 'medins_setl_id'
  | 'setl_time'
  | 'clr_type'
  | 'clr_optins'
  | 'reversed_by'
  | 'reversed_at'
>;

export const DETAIL_MEMO = {
  balanced: '平',
  amounts: '金额不符',
  centerMissing: '中心无此结算',
  centerReversed: '中心已冲正',
  outOfPeriod: '结算时间不在对账期内',
  otherGroup: '清算类别或经办机构不符',
  institutionMissing: '医药机构无此结算',
  duplicate: '中心端有多条明细',
} as const;

export interface DetailScope {
  from: string;
  to: string;
  setl_optins: string;
  /** Empty = every clearing type. */
  clr_type: string;
  fixmedins_code: string;
}

function centerRow(c: SettlementBrief, stmt_rslt: string, memo: string, keys = true): StmtResultLine {
  return {
    psn_no: c.psn_no,
    mdtrt_id: keys ? c.mdtrt_id : null,
    setl_id: keys ? c.setl_id : null,
    msgid: c.medins_setl_id,
    stmt_rslt,
    refd_setl_flag: c.refd_setl_flag,
    memo,
    medfee_sumamt: c.medfee_sumamt,
    fund_pay_sumamt: c.fund_pay_sumamt,
    acct_pay: c.acct_pay,
  };
}

function institutionRow(h: UploadLine, memo: string, msgid: string | null = null): StmtResultLine {
  return {
    psn_no: h.psn_no,
    mdtrt_id: h.mdtrt_id,
    setl_id: h.setl_id,
    msgid,
    stmt_rslt: '1',
    refd_setl_flag: h.refd_setl_flag,
    memo,
    medfee_sumamt: textOfFen(h.medfee_sumamt),
    fund_pay_sumamt: textOfFen(h.fund_pay_sumamt),
    acct_pay: textOfFen(h.acct_pay),
  };
}

/**
 * `center` holds the center's rows in scope (period, agency, clearing type, refund filter);
 * `lookup` finds any center row by setl_id (reversed or out of scope) to explain a missing one.
 */
export function compareDetails(
  institution: readonly UploadLine[],
  center: readonly SettlementBrief[],
  lookup: (setl_id: string) => SettlementKeys | undefined,
  scope: DetailScope,
): StmtResultLine[] {
  // Each center row by its index (setl_id is the ledger's key: one row per id), matched rows marked.
  const byId = new Map<string, number>();
  for (let i = 0; i < center.length; i++) byId.set(center[i]!.setl_id, i);
  const matched = new Uint8Array(center.length);
  const out: StmtResultLine[] = [];
  for (const h of institution) {
    const i = byId.get(h.setl_id);
    if (i !== undefined && !matched[i]) {
      matched[i] = 1;
      out.push(matchedRow(center[i]!, h));
      continue;
    }
    out.push(missingRow(h, lookup(h.setl_id), scope));
  }
  const extras = center.filter((_, i) => !matched[i]).sort(bySetlTime);
  const known = visitsMatched(center, matched, extras);
  for (const c of extras) {
    out.push(
      known.has(visitKey(c))
        ? centerRow(c, '1', DETAIL_MEMO.duplicate, false)
        : centerRow(c, '1', DETAIL_MEMO.institutionMissing),
    );
  }
  return out;
}

/**
 * compareDetails' result file as UTF-8, made from the center's rows as the ledger's `briefBytes`
 * gives them (one piece of bytes, not an object per row): a balanced row's line is copied from
 * the row's own bytes, and only the few other rows become briefs for compareDetails' own row
 * functions. The bytes are those of `writeStmtResultFile(compareDetails(…))`; null when the
 * center's rows cannot be read back exactly (a value that is not ASCII or holds a tab, a line
 * break or a separator, or a row left out for a null value): the caller compares through
 * `listBrief` then. A day of a large hospital is ~30,000 rows; as objects, the rows and the lines
 * made of them cost more in the collector than in the comparison.
 */
export function compareDetailsBytes(
  institution: readonly UploadLine[],
  center: BriefBytes,
  lookup: (setl_id: string) => SettlementKeys | undefined,
  scope: DetailScope,
): Buffer | null {
  const { count, bytes } = center;
  const cut = fieldStarts(center);
  if (cut === null) return null;
  const field = (k: number, f: number) => bytes.toString('latin1', cut[k * STRIDE + f]!, cut[k * STRIDE + f + 1]! - 1);
  const brief = (k: number): SettlementBrief => {
    const b: Record<string, string | null> = {};
    for (let f = 0; f < NF; f++) b[BRIEF_COLUMNS[f]!] = field(k, f);
    if (b['medins_setl_id'] === '') b['medins_setl_id'] = null;
    return b as SettlementBrief;
  };
  // Each institution line's center row: the first line of a setl_id takes it (as compareDetails).
  const firstLine = new Map<string, number>();
  for (let i = 0; i < institution.length; i++) {
    const id = institution[i]!.setl_id;
    if (!firstLine.has(id)) firstLine.set(id, i);
  }
  const rowOf = new Int32Array(institution.length).fill(-1);
  const matched = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    const i = firstLine.get(field(k, F.setl_id));
    if (i !== undefined) {
      rowOf[i] = k;
      matched[k] = 1;
    }
  }
  const out = new Utf8Buffer(bytes.length + count * 16 + 1024);
  for (let i = 0; i < institution.length; i++) {
    const h = institution[i]!;
    const k = rowOf[i]!;
    if (k === -1) writeLine(out, stmtResultLine(missingRow(h, lookup(h.setl_id), scope)));
    else if (agrees(bytes, cut, k, h)) writeBalanced(out, bytes, cut, k * STRIDE);
    else writeLine(out, stmtResultLine(matchedRow(brief(k), h)));
  }
  const extras: SettlementBrief[] = [];
  for (let k = 0; k < count; k++) if (!matched[k]) extras.push(brief(k));
  if (extras.length > 0) {
    extras.sort(bySetlTime);
    const visits = new Set(extras.map((c) => c.mdtrt_id));
    const known = new Set<string>();
    for (let k = 0; k < count; k++) if (matched[k] && visits.has(field(k, F.mdtrt_id))) known.add(visitKey(brief(k)));
    for (const c of extras)
      writeLine(
        out,
        stmtResultLine(
          known.has(visitKey(c))
            ? centerRow(c, '1', DETAIL_MEMO.duplicate, false)
            : centerRow(c, '1', DETAIL_MEMO.institutionMissing),
        ),
      );
  }
  return out.done();
}

/** The fields of briefBytes' rows, by their place in BRIEF_COLUMNS. */
const F = Object.fromEntries(BRIEF_COLUMNS.map((c, i) => [c, i])) as Record<(typeof BRIEF_COLUMNS)[number], number>;
const NF = BRIEF_COLUMNS.length;
/** Per row: where each field starts, then one past the row's end (as if a separator followed). */
const STRIDE = NF + 1;
const RS = 0x1e;
const FS = 0x1f;

/**
 * Where every field of briefBytes' rows starts; null unless the bytes are ASCII without a tab or a
 * line break and every row has exactly its fields (then a line can be copied from a row's bytes).
 */
function fieldStarts({ count, bytes }: BriefBytes): Int32Array | null {
  if (!isAscii(bytes) || bytes.indexOf(9) !== -1 || bytes.indexOf(10) !== -1 || bytes.indexOf(13) !== -1) return null;
  const cut = new Int32Array(count * STRIDE);
  let at = 0;
  for (let k = 0; k < count; k++) {
    cut[k * STRIDE] = at;
    for (let f = 1; f <= NF; f++) {
      while (at < bytes.length && bytes[at] !== FS && bytes[at] !== RS) at++;
      const sep = at < bytes.length ? bytes[at] : RS;
      // Fields end in FS, the last one in RS (or the end): anything else is a value holding one.
      if (f < NF !== (sep === FS)) return null;
      cut[k * STRIDE + f] = ++at;
    }
  }
  return at >= bytes.length ? cut : null;
}

/** The row's figures and refund flag are the institution line's (compareDetails' `matchedRow` test). */
function agrees(bytes: Buffer, cut: Int32Array, k: number, h: UploadLine): boolean {
  const at = k * STRIDE;
  return (
    fenAt(bytes, cut[at + F.medfee_sumamt]!, cut[at + F.medfee_sumamt + 1]! - 1) === h.medfee_sumamt &&
    fenAt(bytes, cut[at + F.fund_pay_sumamt]!, cut[at + F.fund_pay_sumamt + 1]! - 1) === h.fund_pay_sumamt &&
    fenAt(bytes, cut[at + F.acct_pay]!, cut[at + F.acct_pay + 1]! - 1) === h.acct_pay &&
    sameText(bytes, cut[at + F.refd_setl_flag]!, cut[at + F.refd_setl_flag + 1]! - 1, h.refd_setl_flag)
  );
}

/** bytes[s, e) (ASCII) is the text `t`. */
function sameText(bytes: Buffer, s: number, e: number, t: string): boolean {
  if (e - s !== t.length) return false;
  for (let j = 0; j < t.length; j++) if (bytes[s + j] !== t.charCodeAt(j)) return false;
  return true;
}

/** fenOfText of bytes[s, e): the ledger's own form read in place, any other through fenOfText. */
const fenAt = (bytes: Buffer, s: number, e: number): number | undefined =>
  fenOfBytes(bytes, s, e) ?? fenOfText(bytes.toString('latin1', s, e));

const BALANCED_MID = Buffer.from(`\t${DETAIL_MEMO.balanced}\t`);

/**
 * centerRow(c, '0', 平)'s line, copied from the row's fields (`f`: the row's field starts in
 * `cut`), then its line break.
 */
function writeBalanced(out: Utf8Buffer, src: Buffer, cut: Int32Array, f: number): void {
  const field = (k: number, end: number) => {
    out.bytes(src, cut[f + k]!, cut[f + k + 1]! - 1);
    out.byte(end);
  };
  field(F.psn_no, TAB);
  field(F.mdtrt_id, TAB);
  field(F.setl_id, TAB);
  field(F.medins_setl_id, TAB);
  out.byte(48);
  out.byte(TAB);
  out.bytes(src, cut[f + F.refd_setl_flag]!, cut[f + F.refd_setl_flag + 1]! - 1);
  out.bytes(BALANCED_MID, 0, BALANCED_MID.length);
  field(F.medfee_sumamt, TAB);
  field(F.fund_pay_sumamt, TAB);
  field(F.acct_pay, LF);
}

/** A line made as text, then its line break. */
function writeLine(out: Utf8Buffer, line: string): void {
  out.text(line);
  out.byte(LF);
}
const TAB = 9;
const LF = 10;

const bySetlTime = (a: SettlementBrief, b: SettlementBrief) =>
  a.setl_time === b.setl_time ? a.setl_id.localeCompare(b.setl_id) : a.setl_time.localeCompare(b.setl_time);

const visitKey = (c: { mdtrt_id: string; psn_no: string; refd_setl_flag: string }) =>
  `${c.mdtrt_id}\u0000${c.psn_no}\u0000${c.refd_setl_flag}`;

/**
 * The visits (visit, person, refund flag) of the center-only rows that a matched row also has: only
 * the few matched rows of their visits are keyed, not every matched row of the day.
 */
function visitsMatched(
  center: readonly SettlementBrief[],
  matched: Uint8Array,
  extras: readonly SettlementBrief[],
): Set<string> {
  const known = new Set<string>();
  if (extras.length === 0) return known;
  const visits = new Set(extras.map((c) => c.mdtrt_id));
  for (let i = 0; i < center.length; i++) {
    const c = center[i]!;
    if (matched[i] && visits.has(c.mdtrt_id)) known.add(visitKey(c));
  }
  return known;
}

/** A row on both sides: balanced when the figures and the refund flag agree. */
function matchedRow(c: SettlementBrief, h: UploadLine): StmtResultLine {
  const same =
    fenOfText(c.medfee_sumamt) === h.medfee_sumamt &&
    fenOfText(c.fund_pay_sumamt) === h.fund_pay_sumamt &&
    fenOfText(c.acct_pay) === h.acct_pay &&
    c.refd_setl_flag === h.refd_setl_flag;
  return same
    ? centerRow(c, '0', DETAIL_MEMO.balanced)
    : centerRow(
        c,
        '1',
        `${DETAIL_MEMO.amounts}：机构 medfee_sumamt=${textOfFen(h.medfee_sumamt)} fund_pay_sumamt=${textOfFen(h.fund_pay_sumamt)} acct_pay=${textOfFen(h.acct_pay)} refd_setl_flag=${h.refd_setl_flag}`,
      );
}

/** A row only at the institution, with the reason the center knows (`any`: its row of that id, if any). */
function missingRow(h: UploadLine, any: SettlementKeys | undefined, scope: DetailScope): StmtResultLine {
  if (!any || any.fixmedins_code !== scope.fixmedins_code) return institutionRow(h, DETAIL_MEMO.centerMissing);
  if (any.reversed_by)
    return institutionRow(
      h,
      `${DETAIL_MEMO.centerReversed}：msgid ${any.reversed_by} ${any.reversed_at}`,
      any.medins_setl_id,
    );
  if (any.setl_time.slice(0, 10) < scope.from || any.setl_time.slice(0, 10) > scope.to)
    return institutionRow(h, `${DETAIL_MEMO.outOfPeriod}：中心结算时间 ${any.setl_time}`, any.medins_setl_id);
  return institutionRow(
    h,
    `${DETAIL_MEMO.otherGroup}：中心 clr_type=${any.clr_type} clr_optins=${any.clr_optins}`,
    any.medins_setl_id,
  );
}
