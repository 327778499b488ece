/**
 * The compound settings of the `reconcile:` section (rules.ts): the clearing-type map, the groups
 * always checked, and the columns of the 3202 result file. Pure.
 */
import { STMT_RESULT_COLUMNS } from '../center/protocol/index.js';
import type { GroupSpec } from './rules.js';
import { DETAIL_AMOUNTS } from './detailFigures.js';
import { ADMDVS, bad, code, stringList } from './rulesValues.js';

/** reconcile.clrTypeMap: HIS clearing type → the center's, both codes. */
export function parseClrTypeMap(file: string, m: unknown): Record<string, string> {
  if (typeof m !== 'object' || m === null || Array.isArray(m))
    bad(
      file,
      'clrTypeMap',
      "must be a map from the HIS clearing type to the center's",
      'Write e.g. clrTypeMap: { "13": "11", "14": "11" }.',
      m,
      ['必须是 HIS 清算类别到医保中心清算类别的映射', '例如 clrTypeMap: { "13": "11", "14": "11" }。'],
    );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
    code(file, `clrTypeMap.${k}`, k, 'a clearing-type code');
    const to = code(file, `clrTypeMap.${k}`, v, 'a clearing-type code');
    out[k] = to;
  }
  return out;
}

/** reconcile.groups: the groups always asked about, each { insutype, clr_type, setl_optins }. */
export function parseGroups(file: string, groups: unknown): GroupSpec[] {
  if (!Array.isArray(groups))
    bad(
      file,
      'groups',
      'must be a list of { insutype, clr_type, setl_optins }',
      'Write e.g. groups: [{ insutype: "310", clr_type: "11", setl_optins: "430100" }].',
      groups,
      [
        '必须是 { insutype, clr_type, setl_optins } 的列表',
        '例如 groups: [{ insutype: "310", clr_type: "11", setl_optins: "430100" }]。',
      ],
    );
  return groups.map((g, i) => {
    if (typeof g !== 'object' || g === null || Array.isArray(g))
      bad(
        file,
        `groups[${i}]`,
        'must be a map with insutype, clr_type and setl_optins',
        'Write e.g. { insutype: "310", clr_type: "11", setl_optins: "430100" }.',
        g,
        [
          '必须是含 insutype、clr_type 和 setl_optins 的映射',
          '例如 { insutype: "310", clr_type: "11", setl_optins: "430100" }。',
        ],
      );
    const r = g as Record<string, unknown>;
    for (const k of Object.keys(r))
      if (!['insutype', 'clr_type', 'setl_optins'].includes(k))
        bad(
          file,
          `groups[${i}].${k}`,
          'is not a group key',
          'A group has exactly insutype, clr_type and setl_optins.',
          undefined,
          ['不是分组的键', '分组只有 insutype、clr_type 和 setl_optins 三个键。'],
        );
    const setl = String(r.setl_optins ?? '');
    if (!ADMDVS.test(setl))
      bad(
        file,
        `groups[${i}].setl_optins`,
        'must be a 6-digit agency code',
        'Quote it, e.g. "430100".',
        r.setl_optins,
        ['必须是 6 位经办机构代码', '请加引号，例如 "430100"。'],
      );
    return {
      insutype: code(file, `groups[${i}].insutype`, r.insutype, 'an insurance-type code'),
      clr_type: code(file, `groups[${i}].clr_type`, r.clr_type, 'a clearing-type code'),
      setl_optins: setl,
    };
  });
}

/** reconcile.resultColumns: the province's 3202 result columns in order ("-": ignored), with every column classification needs. */
export function parseResultColumns(file: string, v: unknown): string[] {
  const cols = stringList(file, 'resultColumns', v);
  const known = new Set<string>(STMT_RESULT_COLUMNS);
  for (const [i, c] of cols.entries()) {
    if (!known.has(c) && c !== '-')
      bad(
        file,
        `resultColumns[${i}]`,
        `names "${c}", which is not a 3202 result column`,
        `Use ${STMT_RESULT_COLUMNS.join(', ')}, or "-" for a column to ignore.`,
        undefined,
        [`中的 "${c}" 不是 3202 结果文件的列`, `请使用 ${STMT_RESULT_COLUMNS.join('、')}，要忽略的列写 "-"。`],
      );
  }
  for (const need of ['setl_id', 'stmt_rslt', ...DETAIL_AMOUNTS]) {
    if (!cols.includes(need))
      bad(
        file,
        'resultColumns',
        `leaves out ${need}, which classification needs`,
        `List every column of the province's result file in order, including ${need}.`,
        undefined,
        [`缺少差异分类所需的 ${need}`, `请按顺序列出本省结果文件的每一列，包括 ${need}。`],
      );
  }
  if (new Set(cols.filter((c) => c !== '-')).size !== cols.filter((c) => c !== '-').length)
    bad(
      file,
      'resultColumns',
      'names a column twice',
      'Name each column once; use "-" for columns to ignore.',
      undefined,
      ['中有重复的列', '每列只写一次；要忽略的列写 "-"。'],
    );
  return cols;
}
