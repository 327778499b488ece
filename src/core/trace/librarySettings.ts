/**
 * `trace.library` in hisops.yaml: how `trace library download` asks the center for the four-code
 * library (四码合一, ZSMCJ003). No specification of ZSMCJ003 was published, so everything about
 * the exchange can be set; the defaults are an assumption, documented in docs/trace.md:
 *
 *   trace:
 *     library:
 *       infno: ZSMCJ003        # the transaction
 *       inputNode: data        # the input node the paging fields go in
 *       pageSize: 500          # entries asked for per page
 *       pageNumField: page_num
 *       pageSizeField: page_size
 *       params: {}             # further fixed input fields (e.g. insu_admdvs: "430100")
 *       outputNode: data       # the answer's list of entries
 *       fields:                # hisops name: the answer's field name (default: the same name)
 *         trac_prefix: trac_prefix
 *         med_list_codg: med_list_codg
 *
 * Paging follows 1312's practice: page_num from 1, until a page comes back short, empty, or the
 * answer's `pages` is reached. Pure.
 */
import { inputError } from '../errors.js';
import { closest } from '../shared/index.js';
import { LIBRARY_FIELDS, type LibraryField } from './libraryRow.js';

export interface LibraryDownloadSettings {
  infno: string;
  inputNode: string;
  pageSize: number;
  pageNumField: string;
  pageSizeField: string;
  params: Record<string, string>;
  outputNode: string;
  /** hisops's name → the name in the answer. */
  fields: Record<LibraryField, string>;
}

export const DEFAULT_LIBRARY_DOWNLOAD: LibraryDownloadSettings = {
  infno: 'ZSMCJ003',
  inputNode: 'data',
  pageSize: 500,
  pageNumField: 'page_num',
  pageSizeField: 'page_size',
  params: {},
  outputNode: 'data',
  fields: Object.fromEntries(LIBRARY_FIELDS.map((f) => [f, f])) as Record<LibraryField, string>,
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const LIBRARY_KEYS = [
  'infno',
  'inputNode',
  'pageSize',
  'pageNumField',
  'pageSizeField',
  'params',
  'outputNode',
  'fields',
];

function bad(key: string, v: unknown, fix: string, fixZh: string): never {
  throw inputError(
    'TRACE_SETTING',
    `hisops.yaml trace.library.${key} is ${JSON.stringify(v)}`,
    `${fix} (see docs/trace.md, "The four-code library").`,
  ).zh(
    `hisops.yaml 中的 trace.library.${key} 为 ${JSON.stringify(v)}`,
    `${fixZh}（见 docs/trace.md 的“四码合一库”一节）。`,
  );
}

function name(key: string, v: unknown): string {
  if (typeof v !== 'string' || !NAME.test(v))
    bad(key, v, 'Give a field or node name (letters, digits, _)', '请给出字段名或节点名（字母、数字、下划线）');
  return v;
}

/** The download settings from `trace.library` (undefined: the defaults). */
export function librarySettings(section: unknown): LibraryDownloadSettings {
  const s: LibraryDownloadSettings = {
    ...DEFAULT_LIBRARY_DOWNLOAD,
    params: {},
    fields: { ...DEFAULT_LIBRARY_DOWNLOAD.fields },
  };
  if (section === undefined || section === null) return s;
  if (typeof section !== 'object' || Array.isArray(section))
    bad(
      '',
      section,
      'Write it as keys under trace.library (infno, pageSize, fields …)',
      '请在 trace.library 下写键（infno、pageSize、fields 等）',
    );
  for (const [k, v] of Object.entries(section as Record<string, unknown>)) {
    switch (k) {
      case 'infno':
        if (typeof v !== 'string' || !/^[A-Za-z0-9]{4,10}$/.test(v))
          bad(k, v, 'Give the transaction code, e.g. ZSMCJ003', '请给出交易编号，例如 ZSMCJ003');
        s.infno = v;
        break;
      case 'inputNode':
      case 'outputNode':
      case 'pageNumField':
      case 'pageSizeField':
        s[k] = name(k, v);
        break;
      case 'pageSize': {
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 10_000)
          bad(k, v, 'Give a whole number from 1 to 10000', '请给出 1 到 10000 之间的整数');
        s.pageSize = n;
        break;
      }
      case 'params':
        if (v === null || v === undefined) break;
        if (typeof v !== 'object' || Array.isArray(v))
          bad(k, v, 'Write field: value pairs under trace.library.params', '请在 trace.library.params 下写 字段: 值');
        for (const [f, x] of Object.entries(v as Record<string, unknown>))
          s.params[name(`params.${f}`, f)] = String(x ?? '');
        break;
      case 'fields':
        if (v === null || v === undefined) break;
        if (typeof v !== 'object' || Array.isArray(v))
          bad(
            k,
            v,
            `Write hisops name: answer name pairs under trace.library.fields (${LIBRARY_FIELDS.join(', ')})`,
            `请在 trace.library.fields 下写 hisops 字段名: 应答字段名（${LIBRARY_FIELDS.join('、')}）`,
          );
        for (const [f, x] of Object.entries(v as Record<string, unknown>)) {
          if (!(LIBRARY_FIELDS as readonly string[]).includes(f))
            bad(
              `fields.${f}`,
              x,
              `Name one of ${LIBRARY_FIELDS.join(', ')}`,
              `请使用 ${LIBRARY_FIELDS.join('、')} 之一`,
            );
          s.fields[f as LibraryField] = name(`fields.${f}`, x);
        }
        break;
      default: {
        // A mistyped key (pageSzie) would otherwise read as a bad value of a setting that exists.
        const near = closest(k, LIBRARY_KEYS);
        throw inputError(
          'TRACE_SETTING',
          `hisops.yaml trace.library.${k} is not a setting${near ? ` (did you mean ${near}?)` : ''}`,
          `Use ${LIBRARY_KEYS.join(', ')} (see docs/trace.md, "The four-code library").`,
        ).zh(
          `hisops.yaml 中的 trace.library.${k} 不是可用的设置${near ? `（是否应为 ${near}？）` : ''}`,
          `请使用 ${LIBRARY_KEYS.join('、')}（见 docs/trace.md 的“四码合一库”一节）。`,
        );
      }
    }
  }
  return s;
}
