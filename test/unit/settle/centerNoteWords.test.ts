/** The stuck job's states and center notes in Chinese (issue #17): every phrase the settle module writes. */
import { describe, expect, it } from 'vitest';
import { centerNoteWords, centerStateWord, hisStateWord } from '../../../src/core/settle/index.js';
import { englishSentences } from '../../helpers/englishSentence.js';

/** One note of each form centerView.ts, askCenter.ts and gatherCandidates.ts compose. */
const NOTES = [
  "reversed by hisops's 2601 msgid H430100202401010001",
  "cancelled by hisops's 2208 msgid H430100202401010002",
  '2601 msgid H430100202401010003 was answered: 未查询到该交易',
  'the 2207 call certainly failed: 参保人信息有误',
  'the 2304 call certainly failed',
  "the HIS log records the center's refusal (infcode -1)",
  '5203 by visit (mdtrt_id 4301000001) found setl_id 4301S0001 made by this call: the refund settlement is on record at the center',
  "the HIS row is a refund (refd_setl_flag 1), but 5203 answers setl_id 4301S0002 as a settlement that is not one; check the row's setl_id by hand",
  '5203: the center answers with a refund settlement (refd_setl_flag 1, medfee_sumamt -120.00)',
  "5203 still shows it, but hisops's 2305 (msgid H430100202401010004) cancelling it was answered",
  "5203 by visit still shows setl_id 4301S0003, but hisops's 2601 msgid H430100202401010005 reversing the call was answered",
  'no setl_id is known and 5203 by visit (mdtrt_id 4301000002) did not find this call: 未查询到结算信息',
  'no setl_id is known; 5203 by visit (mdtrt_id 4301000003) answers setl_id 4301S0004 of another call (medins_setl_id none)',
  '5203 was refused: 系统繁忙',
  'no psn_no is known (5203 needs one)',
  'neither a setl_id nor the visit (mdtrt_id) is known to ask 5203 by',
  'no setl_id is known, and without the msgid of the call an answer by visit cannot be told apart from other settlements of the visit',
  "hisops's journal already tells",
  'no setl_id is known, and the center was not asked by visit',
  'CENTER_NOT_ASKED: the center was not asked',
];

describe('center notes under zh-CN', () => {
  for (const note of NOTES) {
    it(note.slice(0, 60), () => {
      const zh = centerNoteWords('zh-CN', note)!;
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(englishSentences(zh), zh).toEqual([]);
      expect(centerNoteWords('en', note)).toBe(note);
    });
  }

  it('keeps ids and the center words', () => {
    expect(centerNoteWords('zh-CN', '5203 was refused: 系统繁忙')).toBe('5203 被拒绝：系统繁忙');
    expect(centerNoteWords('zh-CN', "cancelled by hisops's 2208 msgid M1")).toBe('已由 hisops 的 2208（msgid M1）撤销');
    expect(centerNoteWords('zh-CN', null)).toBeNull();
  });

  it('states in words, codes in English', () => {
    expect(hisStateWord('zh-CN', 'pending')).toBe('待确认');
    expect(hisStateWord('en', 'pending')).toBe('pending');
    expect(centerStateWord('zh-CN', 'settled', '5203')).toBe('已结算（5203）');
    expect(centerStateWord('zh-CN', 'reversed', 'journal')).toBe('已冲正（交易日志）');
    expect(centerStateWord('en', 'absent', 'none')).toBe('absent');
    expect(centerStateWord('en', 'settled', 'his_log')).toBe('settled (his_log)');
  });
});
