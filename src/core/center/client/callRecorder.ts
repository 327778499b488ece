/**
 * The write-ahead rows of one state-changing call: `begin` before the request leaves (a journal
 * that cannot take it stops the call), then the answer (`answered`) or the failure (`failed`).
 */
import { EXIT, HisopsError } from '../../errors.js';
import type { Input, Output } from '../protocol/envelope.js';
import { asObject, asStr, outputNode, pick } from '../protocol/records.js';
import type { CallOutcome, CenterCallJournal } from './callJournal.js';
import type { CallContext } from './errors.js';
import type { Failed, Interpreted } from './interpretReply.js';
import { redactInput, requestDigest } from './redact.js';
import type { HttpReply } from './transport.js';

/** One attempt's outcome, timed. */
export interface Sent {
  ctx: CallContext;
  attempt: number;
  interpreted: Interpreted;
  http: HttpReply | undefined;
  durationMs: number;
  finishedAt: string;
}

/** Who the rows are written for. */
interface Caller {
  fixmedins_code: string;
  opter: string;
  runId: string | undefined;
}

function idsFrom(
  input: Input,
  output?: Output,
): { psn_no: string | null; mdtrt_id: string | null; setl_id: string | null; ref_msgid: string | null } {
  let psn_no: string | null = null;
  let mdtrt_id: string | null = null;
  let setl_id: string | null = null;
  let ref_msgid: string | null = null;
  for (const v of Object.values(input)) {
    const o = asObject(v);
    if (!o || Array.isArray(v)) continue;
    psn_no ??= asStr(o.psn_no);
    mdtrt_id ??= asStr(o.mdtrt_id) ?? asStr(o.mdtrt_sn);
    setl_id ??= asStr(o.setl_id);
    ref_msgid ??= asStr(o.omsgid);
  }
  if (output) {
    const s = asObject(outputNode(output, 'setlinfo'));
    if (s) {
      setl_id = asStr(pick(s, 'setl_id')) ?? setl_id;
      mdtrt_id ??= asStr(pick(s, 'mdtrt_id'));
      psn_no ??= asStr(pick(s, 'psn_no'));
    }
  }
  return { psn_no, mdtrt_id, setl_id, ref_msgid };
}

export class CallRecorder {
  constructor(
    private readonly calls: CenterCallJournal,
    private readonly caller: Caller,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /**
   * The pending row, written before the request is sent; failing to write it means not sending.
   * `wireText` is JSON.stringify(wire) when the caller has it: a request with nothing to mask is
   * recorded as that text, not written out again.
   */
  async begin(ctx: CallContext, wire: Input, now: Date, digest: string | undefined, wireText?: string): Promise<void> {
    const ids = idsFrom(wire);
    const redacted = redactInput(wire);
    try {
      await this.calls.begin({
        msgid: ctx.msgid,
        infno: ctx.infno,
        fixmedins_code: this.caller.fixmedins_code,
        opter: this.caller.opter,
        run_id: this.caller.runId ?? null,
        request_digest: digest ?? requestDigest(ctx.infno, wire),
        request: redacted === wire && wireText !== undefined ? wireText : JSON.stringify(redacted),
        ...ids,
        created_at: now.toISOString(),
      });
    } catch (e) {
      throw new HisopsError({
        code: 'CENTER_JOURNAL',
        summary: `Could not record ${ctx.infno} ${ctx.name} (msgid ${ctx.msgid}) in the journal, so it was not sent`,
        why: e instanceof Error ? e.message : String(e),
        fix: 'Check the journal database (journal.url) and run again; nothing was sent to the center.',
        details: { infno: ctx.infno, msgid: ctx.msgid, delivery: 'no' },
        exit: EXIT.external,
        cause: e,
      }).zh(
        `无法将 ${ctx.infno} ${ctx.name}（msgid ${ctx.msgid}）记入日志，因此未发送`,
        '请检查日志库（journal.url）后再次运行；没有向医保中心发送任何内容。',
      );
    }
  }

  /** A failed attempt's row (a journal that cannot be updated is noted on the error, not thrown). */
  async failed(sent: Sent, interpreted: Failed): Promise<void> {
    const { error } = interpreted;
    await this.finish(sent.ctx, {
      status: interpreted.status,
      finished_at: sent.finishedAt,
      duration_ms: sent.durationMs,
      http_status: sent.http?.status ?? null,
      error: JSON.stringify({ code: error.code, summary: error.summary, why: error.why ?? null }),
      infcode:
        (error.details.infcode as number | null | undefined) === undefined ? null : String(error.details.infcode),
      err_msg: (error.details.err_msg as string | undefined) ?? (error.details.msgRslt as string | undefined) ?? null,
      inf_refmsgid: (error.details.inf_refmsgid as string | undefined) ?? null,
      ...interpreted.extra,
    }).catch((je) => {
      error.details.journal = `not updated: ${je instanceof Error ? je.message : String(je)}`;
    });
  }

  /** An answered attempt's row, with the ids the answer names. */
  async answered(sent: Sent, inf_refmsgid: string | null, wire: Input, output: Output): Promise<void> {
    const ids = idsFrom(wire, output);
    await this.finish(sent.ctx, {
      status: 'ok',
      finished_at: sent.finishedAt,
      duration_ms: sent.durationMs,
      http_status: sent.http?.status ?? null,
      infcode: '0',
      output: JSON.stringify(output),
      inf_refmsgid,
      err_msg: null,
      setl_id: ids.setl_id,
      mdtrt_id: ids.mdtrt_id,
      psn_no: ids.psn_no,
    });
  }

  private async finish(ctx: CallContext, outcome: CallOutcome): Promise<void> {
    let last: unknown;
    for (let i = 0; i < 3; i++) {
      try {
        await this.calls.finish(ctx.msgid, outcome);
        return;
      } catch (e) {
        last = e;
        await this.sleep(50 * (i + 1));
      }
    }
    throw new HisopsError({
      code: 'CENTER_JOURNAL_UPDATE',
      summary: `The center answered ${ctx.infno} ${ctx.name} (msgid ${ctx.msgid}: ${outcome.status}) but the journal could not be updated`,
      why: last instanceof Error ? last.message : String(last),
      fix: `The journal still shows msgid ${ctx.msgid} as pending; the stuck-settlement job (hisops settle) will query the center and resolve it. Check the journal database.`,
      details: { infno: ctx.infno, msgid: ctx.msgid, outcome: outcome.status, delivery: 'yes' },
      exit: EXIT.external,
      cause: last,
    }).zh(
      `医保中心已应答 ${ctx.infno} ${ctx.name}（msgid ${ctx.msgid}：${outcome.status}），但日志未能更新`,
      `日志中 msgid ${ctx.msgid} 仍为待确认；单边账处理（hisops settle）会向医保中心查询并处理。请检查日志库。`,
    );
  }
}
