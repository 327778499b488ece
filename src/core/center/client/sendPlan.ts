/**
 * What every attempt of one call shares, made once before the first is sent: the transaction's
 * name and kind, its input in wire form, address, timeout and envelope fields. A call whose input
 * fails its field table, or a state change with no journal to record it, is refused here.
 */
import { inputError } from '../../errors.js';
import { dropNulls, type EnvelopeCommon, type Input } from '../protocol/envelope.js';
import { transactionSpec, type TransactionKind } from '../protocol/transactions.js';
import { describeProblems, validateInput } from '../protocol/validate.js';
import { toWireInput } from '../protocol/wire.js';
import { redactUrl, timeoutFor, urlFor, type ResolvedCenterConfig } from './config.js';
import type { CallOptions } from './types.js';

/** What every attempt of one call shares. */
export interface SendPlan {
  infno: string;
  name: string;
  wire: Input;
  url: string;
  /** The address as errors show it (credentials hidden). */
  shownUrl: string;
  stateChanging: boolean;
  mode: 'json' | 'file';
  timeoutMs: number;
  common: EnvelopeCommon;
  retRslt: boolean;
  /** The input's JSON text once written (wireText). */
  text?: WireText;
}

/** The JSON of dropNulls(wire); `whole` when that is the wire input itself (nothing dropped). */
interface WireText {
  text: string;
  whole: boolean;
}

/** The input as the envelope carries it, written once per call. */
export function wireText(plan: SendPlan): WireText {
  if (!plan.text) {
    const sent = dropNulls(plan.wire);
    plan.text = { text: JSON.stringify(sent), whole: sent === plan.wire };
  }
  return plan.text;
}

/** What every attempt of the call shares; refused here when the input or the journal is wanting. */
export function planCall(
  config: ResolvedCenterConfig,
  common: EnvelopeCommon,
  call: { infno: string; input: Input; opts: CallOptions; mode: 'json' | 'file' },
  canJournal: boolean,
): SendPlan {
  const { infno, input, opts, mode } = call;
  const spec = transactionSpec(infno);
  const kind: TransactionKind = opts.kind ?? spec?.kind ?? 'change';
  const stateChanging = kind === 'change';
  const name = spec?.name ?? `transaction ${infno}`;
  const wire = opts.wireReady ? input : toWireInput(infno, input);
  checkBeforeSend(
    config,
    { infno, name, wire },
    config.validateRequests && spec !== undefined && !opts.skipValidation,
    stateChanging,
    canJournal,
  );
  const url = urlFor(config, infno);
  return {
    infno,
    name,
    wire,
    url,
    shownUrl: redactUrl(url),
    stateChanging,
    mode,
    timeoutMs: opts.timeoutMs ?? timeoutFor(config, infno),
    common: opts.recer_sys_code ? { ...common, recer_sys_code: opts.recer_sys_code } : common,
    retRslt: spec?.retRslt === true,
  };
}

/** Refuse before sending: an input that fails its field table, or a state change with no journal to record it. */
function checkBeforeSend(
  config: ResolvedCenterConfig,
  call: { infno: string; name: string; wire: Input },
  validate: boolean,
  stateChanging: boolean,
  canJournal: boolean,
): void {
  const { infno, name, wire } = call;
  if (validate) {
    const problems = validateInput(infno, wire, { extraCodes: config.extraCodes });
    if (problems.length) {
      throw inputError(
        'CENTER_INPUT_INVALID',
        `The ${infno} ${name} request was not sent: ${describeProblems(problems)}`,
        'Correct the record named above (or the HIS profile statement that produced it) and run again.',
        undefined,
        { infno, problems },
      ).zh(
        `${infno} ${name} 请求未发送：${describeProblems(problems)}`,
        '请更正上面指出的记录（或生成它的 HIS 接口配置语句）后再次运行。',
      );
    }
  }
  if (stateChanging && !canJournal) {
    throw inputError(
      'CENTER_NO_JOURNAL',
      `${infno} ${name} changes state at the center and needs the journal to record it first`,
      'Open the journal (journal.url) and pass it to the center client; hisops never sends a settlement it has not recorded.',
      undefined,
      { infno },
    ).zh(
      `${infno} ${name} 会改变医保中心的状态，须先记入日志`,
      '请打开日志库（journal.url）并传给中心客户端；hisops 不会发送未记入日志的结算。',
    );
  }
}
