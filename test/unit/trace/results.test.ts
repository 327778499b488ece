import { describe, expect, it } from 'vitest';
import { HisopsError, type ErrorCode } from '../../../src/core/errors.js';
import { failureClass, mayHaveArrived, recordResults, rejectionReason } from '../../../src/core/trace/index.js';

describe('recordResults', () => {
  it('reads per-record results by index', () => {
    const out = {
      result: { retRslt: '0', msgRslt: '2 条成功，1 条失败' },
      resultDetail: [
        { index: 2, retRslt: '1', msgRslt: '成功' },
        { index: 0, retRslt: '1', msgRslt: '成功' },
        { index: 1, retRslt: '0', msgRslt: '追溯码 X 已于 … 销售，不能重复销售' },
      ],
    };
    expect(recordResults(out, 3)).toEqual([
      { accepted: true, message: '成功' },
      { accepted: false, message: '追溯码 X 已于 … 销售，不能重复销售' },
      { accepted: true, message: '成功' },
    ]);
  });

  it('reads a result list in order, a single result, an output as JSON text, and no result node', () => {
    expect(recordResults({ result: [{ retRslt: 1 }, { retRslt: '0', msgRslt: 'no' }] }, 2)).toEqual([
      { accepted: true, message: null },
      { accepted: false, message: 'no' },
    ]);
    expect(recordResults({ result: { retRslt: '1', msgRslt: '成功' } }, 3)).toHaveLength(3);
    expect(recordResults(JSON.stringify({ result: { retRslt: '0', msgRslt: 'bad' } }), 1)).toEqual([
      { accepted: false, message: 'bad' },
    ]);
    expect(recordResults({}, 2)).toEqual([
      { accepted: true, message: null },
      { accepted: true, message: null },
    ]);
  });

  it('cannot tell which record of a batch was rejected without a per-record list', () => {
    expect(recordResults({ result: { retRslt: '0', msgRslt: 'one of them is wrong' } }, 3)).toBeUndefined();
  });
});

describe('reasons and failure classes', () => {
  it.each([
    ['追溯码 8302 已于 2025-03-03 10:00:00 销售（msgid …），不能重复销售', 'center_sold_before'],
    ['记录已上传且内容不同（msgid …）', 'center_changed'],
    ['输入参数校验失败：selinfo.prsc_dr_name is required', 'center_invalid'],
    ['something else', 'center_rejected'],
    [null, 'center_rejected'],
  ])('%s → %s', (msg, reason) => expect(rejectionReason(msg)).toBe(reason));

  const err = (code: ErrorCode, details: Record<string, unknown> = {}) =>
    new HisopsError({ code, summary: code, details });
  it.each([
    ['CENTER_TIMEOUT', { delivery: 'maybe' }, 'transient', true],
    ['CENTER_CONNECTION_RESET', { delivery: 'maybe' }, 'transient', true],
    ['CENTER_UNREACHABLE', { delivery: 'no' }, 'transient', false],
    ['CENTER_GATEWAY', { delivery: 'maybe' }, 'transient', true],
    ['CENTER_REFUSED', { err_msg: '系统繁忙，请稍后再试', delivery: 'yes' }, 'transient', true],
    ['CENTER_REFUSED', { err_msg: '输入参数校验失败：…', delivery: 'yes' }, 'final', true],
    ['CENTER_INPUT_INVALID', { delivery: 'no' }, 'final', false],
    ['CENTER_JOURNAL', { delivery: 'no' }, 'fatal', false],
    ['CENTER_CONFIG', {}, 'fatal', true],
  ] as Array<[ErrorCode, Record<string, unknown>, string, boolean]>)('%s %j is %s', (code, details, cls, arrived) => {
    expect(failureClass(err(code, details))).toBe(cls);
    expect(mayHaveArrived(err(code, details))).toBe(arrived);
  });
});
