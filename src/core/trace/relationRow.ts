/**
 * One package relation as the 码上放心 platform exports it (its 关联关系 query): a parent code
 * (a case or a medium package), one code packed directly inside it, and that code's package
 * level. No format was published; hisops assumes three columns — parent, child, level — under
 * these names or the Chinese headers below, and, when the first row holds codes rather than
 * names, that the file has no header and the columns come in that order. docs/trace.md lists
 * them. Pure.
 */
import { cellText, issue, layoutOf, type FileIssue } from './fileIssues.js';
import { packageLevel } from './libraryRow.js';
import { normalizeCode } from './normalizeCode.js';

export interface PackageEdge {
  /** The case or medium package. */
  parent_trac_codg: string;
  /** A code packed directly inside it. */
  drug_trac_codg: string;
  /** The child's package level: 1 small (the sales unit), 2 medium, 3 large; null when not given. */
  pac_lv: string | null;
}

export const RELATION_FIELDS = ['parent_trac_codg', 'drug_trac_codg', 'pac_lv'] as const;
export type RelationField = (typeof RELATION_FIELDS)[number];

export const RELATION_HEADERS: Readonly<Record<RelationField, readonly string[]>> = {
  parent_trac_codg: [
    '父码',
    '父级码',
    '上级码',
    '上级追溯码',
    '父追溯码',
    '包装码',
    '大码',
    'parent',
    'parent_code',
    'parent_codg',
  ],
  drug_trac_codg: ['子码', '子级码', '下级码', '下级追溯码', '子追溯码', '追溯码', 'child', 'child_code', 'code'],
  pac_lv: ['级别', '包装级别', '层级', '子码级别', '子码包装级别', 'level', 'child_level'],
};

export type RelationLayout = Partial<Record<RelationField, number>>;

/** The layout of a header row, or `headerless` when the first row already holds codes. */
export function relationLayout(first: readonly string[]): { layout: RelationLayout; headerless: boolean } {
  const looksLikeCodes = first.length >= 2 && normalizeCode(first[0]).ok && normalizeCode(first[1]).ok;
  if (looksLikeCodes)
    return {
      layout: { parent_trac_codg: 0, drug_trac_codg: 1, ...(first.length > 2 ? { pac_lv: 2 } : {}) },
      headerless: true,
    };
  return { layout: layoutOf(first, RELATION_HEADERS), headerless: false };
}

export function missingRelationColumns(layout: RelationLayout): RelationField[] {
  return (['parent_trac_codg', 'drug_trac_codg'] as const).filter((f) => layout[f] === undefined);
}

function codeIssue(file: string, line: number, field: RelationField, raw: string): FileIssue | undefined {
  const v = normalizeCode(raw);
  if (v.ok) return undefined;
  const which = field === 'parent_trac_codg' ? ['the parent code', '父码'] : ['the child code', '子码'];
  if (v.kind === 'no_code')
    return issue(
      file,
      line,
      field,
      [`${which[0]} is empty`, "Fill it in from the platform's export, or remove the row."],
      [`${which[1]}为空`, '请按平台导出的内容填写，或删除该行。'],
    );
  return issue(
    file,
    line,
    field,
    [
      `${which[0]} "${raw}" is not a 20-digit traceability code: ${v.reason}`,
      'Export the relations again from the 码上放心 platform, keeping the code columns as text.',
    ],
    [`${which[1]} "${raw}" 不是 20 位追溯码`, '请从码上放心平台重新导出关联关系，并把编码列保存为文本。'],
  );
}

/** Read one data row; returns the edge, or the row's problems. An empty row gives neither. */
export function relationEdge(
  cells: readonly string[],
  layout: RelationLayout,
  file: string,
  line: number,
): { edge?: PackageEdge; issues: FileIssue[] } {
  if (cells.every((c) => c.trim() === '')) return { issues: [] };
  const parent = cellText(cells, layout.parent_trac_codg);
  const child = cellText(cells, layout.drug_trac_codg);
  const issues = [
    codeIssue(file, line, 'parent_trac_codg', parent),
    codeIssue(file, line, 'drug_trac_codg', child),
  ].filter((x): x is FileIssue => x !== undefined);
  const lvRaw = cellText(cells, layout.pac_lv);
  const pac_lv = lvRaw === '' ? null : packageLevel(lvRaw);
  if (pac_lv === undefined)
    issues.push(
      issue(
        file,
        line,
        'pac_lv',
        [
          `"${lvRaw}" is not a package level`,
          "Write the child's level: 1 (small), 2 (medium) or 3 (large), or 小/中/大.",
        ],
        [`"${lvRaw}" 不是包装级别`, '请写子码的级别：1（小包装）、2（中包装）或 3（大包装），或 小/中/大。'],
      ),
    );
  if (!issues.length && parent === child)
    issues.push(
      issue(
        file,
        line,
        'drug_trac_codg',
        [`the code ${child} is its own parent`, 'Check the row: a package cannot contain itself.'],
        [`追溯码 ${child} 是它自己的父码`, '请核对该行：包装不能包含它自己。'],
      ),
    );
  if (issues.length) return { issues };
  return {
    edge: {
      parent_trac_codg: normalizeCode(parent).code,
      drug_trac_codg: normalizeCode(child).code,
      pac_lv: pac_lv ?? null,
    },
    issues,
  };
}
