/**
 * A CSV bill → the same tree as a JSON bill. The bill's context comes first as comment lines
 * `# key: value` (dotted paths: `# person.age: 4`, `# visit.type: inpatient`; structured values in
 * YAML flow form: `# person.ytd: {ip_hifp_pay: 1200.00}`), then a header row of fee-line columns
 * and one row per line. Every field keeps the line number it came from.
 */
import { parseCsv } from '../shared/csvRecords.js';
import { childPath, type Issue } from './issues.js';
import { isTreeMap, readTree, type TreeMap, type TreeValue } from './yamlTree.js';

interface CsvTree {
  root: TreeMap;
  lines: Map<string, number>;
  issues: Issue[];
}

export function csvTree(text: string, file: string): CsvTree {
  const root: TreeMap = Object.create(null) as TreeMap;
  const lines = new Map<string, number>();
  const issues: Issue[] = [];
  const all = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let k = 0;
  // Leading comment lines carry the bill's context; they are read before CSV parsing so quotes
  // or commas in them cannot disturb the table.
  for (; k < all.length; k++) {
    const t = all[k]!.trim();
    if (t === '') continue;
    if (!t.startsWith('#')) break;
    const raw = t.slice(1);
    const colon = raw.indexOf(':');
    if (colon < 0) {
      if (raw.trim() !== '')
        issues.push({
          file,
          line: k + 1,
          field: '',
          message: "comment line without 'key: value'",
          fix: 'write context lines as `# key: value`, e.g. `# hosp_lv: 3`',
          zh: { message: "注释行不是 'key: value' 形式", fix: '上下文行请写成 `# key: value`，如 `# hosp_lv: 3`' },
        });
      continue;
    }
    const path = raw.slice(0, colon).trim();
    setPath(root, path, parseValue(raw.slice(colon + 1).trim(), file, k + 1, path, lines, issues), lines, k + 1);
  }
  const records = parseCsv(all.slice(k).join('\n'), k);
  let header: string[] | null = null;
  const rows: TreeValue[] = [];
  for (const rec of records) {
    if (rec.cells.every((c) => c.trim() === '') || (rec.cells[0] ?? '').trimStart().startsWith('#')) continue;
    if (header === null) {
      header = rec.cells.map((c) => c.trim());
      lines.set('lines', rec.line);
      continue;
    }
    const i = rows.length;
    const row: TreeMap = Object.create(null) as TreeMap;
    const p = childPath('lines', i);
    lines.set(p, rec.line);
    if (rec.cells.length > header.length)
      issues.push({
        file,
        line: rec.line,
        field: p,
        message: `${rec.cells.length} cells but the header has ${header.length} columns`,
        fix: 'quote cells that contain commas, or add the missing header column',
        zh: {
          message: `该行有 ${rec.cells.length} 个单元格，但表头只有 ${header.length} 列`,
          fix: '含逗号的单元格请加引号，或补上缺少的表头列',
        },
      });
    header.forEach((h, j) => {
      const c = (rec.cells[j] ?? '').trim();
      row[h] = c === '' ? null : c;
      lines.set(childPath(p, h), rec.line);
    });
    rows.push(row);
  }
  if (header === null)
    issues.push({
      file,
      line: null,
      field: 'lines',
      message: 'no header row and no fee lines',
      fix: 'add a header row (feedetl_sn,med_list_codg,chrgitm_lv,cnt,pric,fee_ocur_time,…) and one row per fee line',
      zh: {
        message: '没有表头行，也没有费用明细',
        fix: '请添加表头行（feedetl_sn,med_list_codg,chrgitm_lv,cnt,pric,fee_ocur_time,…），每条费用明细一行',
      },
    });
  root.lines = rows;
  return { root, lines, issues };
}

function parseValue(
  value: string,
  file: string,
  line: number,
  path: string,
  lines: Map<string, number>,
  issues: Issue[],
): TreeValue {
  if (!/^[{[]/.test(value)) {
    if (value === '' || value === 'null') return null;
    if (value === 'true' || value === 'false') return value === 'true';
    return value.replace(/^"(.*)"$/, '$1');
  }
  const t = readTree(value, file);
  for (const i of t.issues) issues.push({ ...i, line, field: path });
  for (const k of t.lines.keys()) lines.set(k === '' ? path : `${path}${k.startsWith('[') ? '' : '.'}${k}`, line);
  return t.root;
}

function setPath(root: TreeMap, path: string, value: TreeValue, lines: Map<string, number>, line: number): void {
  const keys = path.split('.');
  let cur = root;
  let p = '';
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    p = childPath(p, k);
    if (!isTreeMap(cur[k])) cur[k] = Object.create(null) as TreeMap;
    if (!lines.has(p)) lines.set(p, line);
    cur = cur[k] as TreeMap;
  }
  cur[keys[keys.length - 1]!] = value;
  lines.set(path, line);
}
