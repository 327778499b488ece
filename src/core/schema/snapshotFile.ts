/**
 * Snapshot files: the JSON a snapshot is carried in (from the vendor's test system to the
 * hospital, or kept beside an upgrade script). Reading checks that the file is one of ours and of
 * a format version this hisops understands, and says precisely what is wrong otherwise.
 */
import crypto from 'node:crypto';
import { inputError } from '../errors.js';
import { fingerprint, rememberFingerprint } from './fingerprint.js';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
  SNAPSHOT_READABLE_VERSIONS,
  type SchemaModel,
  type Snapshot,
} from './model.js';

/**
 * The seal (format version 2): sha256 of the file's text with the seal's own value written as 64
 * zeros. It is the file's last field, so a reader finds it without parsing and checks it in one
 * pass over the bytes (~40 ms for 12 MB), where recomputing the fingerprint takes ~0.3 s per side
 * at 5,000 tables. A file whose seal matches is exactly what hisops wrote, so its stored
 * fingerprint is trusted; an edited, reformatted or version-1 file has its fingerprint recomputed.
 */
const SEAL_BLANK = '0'.repeat(64);
const SEAL_AT_END = /"seal": ?"([0-9a-f]{64})"\s*\}\s*$/;
const sealOf = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

function sealIsValid(text: string): boolean {
  const tail = Math.max(0, text.length - 200);
  const m = SEAL_AT_END.exec(text.slice(tail));
  if (!m) return false;
  const at = tail + m.index + m[0].indexOf(m[1]!);
  return (
    crypto
      .createHash('sha256')
      .update(text.slice(0, at), 'utf8')
      .update(SEAL_BLANK)
      .update(text.slice(at + 64), 'utf8')
      .digest('hex') === m[1]
  );
}

interface SnapshotMeta {
  hisopsVersion: string;
  now: Date;
  filters?: { include: string[]; exclude: string[] };
  warnings?: string[];
}

export function toSnapshot(model: SchemaModel, meta: SnapshotMeta): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    hisopsVersion: meta.hisopsVersion,
    takenAt: meta.now.toISOString(),
    fingerprint: fingerprint(model),
    filters: meta.filters ?? { include: [], exclude: [] },
    warnings: meta.warnings ?? [],
    source: model.source,
    tables: model.tables,
    views: model.views,
    sequences: model.sequences,
    routines: model.routines,
    others: model.others,
  };
}

/**
 * Pretty for people and version control; `compact` for big schemas. Sealed with the fingerprint the
 * snapshot carries, which must be its content's (toSnapshot computes it; a snapshot changed in
 * memory goes through toSnapshot again before it is written).
 */
export function serializeSnapshot(s: Snapshot, compact = false): string {
  const { seal: _old, ...rest } = s as Snapshot & { seal?: string };
  const blank =
    JSON.stringify(
      { ...rest, formatVersion: SNAPSHOT_FORMAT_VERSION, seal: SEAL_BLANK },
      null,
      compact ? undefined : 1,
    ) + '\n';
  const at = blank.lastIndexOf(SEAL_BLANK);
  return blank.slice(0, at) + sealOf(blank) + blank.slice(at + 64);
}

type SnapshotDoc = Partial<Snapshot> & Record<string, unknown>;

/** Parse snapshot text. `file` is only used in messages. */
export function parseSnapshot(text: string, file: string): Snapshot {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const d = parseJson(text, file);
  checkIsSnapshot(d, file);
  checkVersion(d, file);
  checkShape(d, file);
  const snap = d as Snapshot;
  snap.filters ??= { include: [], exclude: [] };
  snap.warnings ??= [];
  const sealed =
    snap.formatVersion >= 2 &&
    typeof snap.fingerprint === 'string' &&
    /^[0-9a-f]{64}$/.test(snap.fingerprint) &&
    sealIsValid(text);
  delete (snap as Snapshot & { seal?: string }).seal;
  // A hand-edited file no longer matches its recorded fingerprint: recompute, so plans are made against what is really there.
  if (!sealed) snap.fingerprint = fingerprint(snap);
  snap.formatVersion = SNAPSHOT_FORMAT_VERSION;
  rememberFingerprint(snap, snap.fingerprint);
  return snap;
}

function parseJson(text: string, file: string): SnapshotDoc {
  try {
    return JSON.parse(text) as SnapshotDoc;
  } catch (e) {
    throw inputError(
      'SNAPSHOT_NOT_JSON',
      `${file} is not a JSON file`,
      'Give a file written by `hisops schema snapshot -o file.json`, or a database URL.',
      (e as Error).message,
      { file },
    ).zh(`${file} 不是 JSON 文件`, '请给出由 `hisops schema snapshot -o file.json` 生成的文件，或数据库 URL。');
  }
}

/** A JSON object saying it is a hisops snapshot, or SNAPSHOT_FOREIGN. */
function checkIsSnapshot(d: SnapshotDoc, file: string): void {
  if (!d || typeof d !== 'object' || Array.isArray(d) || d.format !== SNAPSHOT_FORMAT) {
    const what =
      d && typeof d === 'object' && !Array.isArray(d)
        ? typeof d.format === 'string'
          ? `its format is "${d.format}"`
          : 'it has no "format" field'
        : 'it is not a JSON object';
    throw inputError(
      'SNAPSHOT_FOREIGN',
      `${file} is not a hisops schema snapshot`,
      "Give a file written by `hisops schema snapshot -o file.json`; other tools' schema dumps cannot be read.",
      `Expected "format": "${SNAPSHOT_FORMAT}", but ${what}.`,
      { file },
    ).zh(
      `${file} 不是 hisops 结构快照`,
      '请给出由 `hisops schema snapshot -o file.json` 生成的文件；其他工具导出的结构无法读取。',
      `应为 "format": "${SNAPSHOT_FORMAT}"，但${what}。`,
    );
  }
}

/** A format version this hisops reads, or SNAPSHOT_VERSION. */
function checkVersion(d: SnapshotDoc, file: string): void {
  if (!SNAPSHOT_READABLE_VERSIONS.includes(d.formatVersion as number)) {
    const newer = typeof d.formatVersion === 'number' && d.formatVersion > SNAPSHOT_FORMAT_VERSION;
    throw inputError(
      'SNAPSHOT_VERSION',
      `${file} is a snapshot of format version ${String(d.formatVersion)}, this hisops reads versions ${SNAPSHOT_READABLE_VERSIONS.join(' and ')}`,
      newer
        ? `Upgrade hisops to ${String(d.hisopsVersion ?? 'the version that wrote it')} or newer, or take the snapshot again with this hisops.`
        : 'Take the snapshot again with this version of hisops (hisops schema snapshot <db> -o file.json).',
      `The file was written by hisops ${String(d.hisopsVersion ?? 'of unknown version')}.`,
      { file, formatVersion: d.formatVersion, hisopsVersion: d.hisopsVersion },
    ).zh(
      `${file} 是格式版本 ${String(d.formatVersion)} 的快照，本版 hisops 读取版本 ${SNAPSHOT_READABLE_VERSIONS.join('、')}`,
      newer
        ? `请将 hisops 升级到 ${String(d.hisopsVersion ?? '写入它的版本')} 或更新版本，或用本版 hisops 重新做快照。`
        : '请用本版 hisops 重新做快照（hisops schema snapshot <db> -o file.json）。',
      `该文件由 hisops ${String(d.hisopsVersion ?? '（版本未知）')} 写入。`,
    );
  }
}

/** The lists every snapshot has, or SNAPSHOT_DAMAGED naming the first problems. */
function checkShape(d: SnapshotDoc, file: string): void {
  const problems: string[] = [];
  if (!d.source || typeof d.source !== 'object' || typeof (d.source as { dialect?: unknown }).dialect !== 'string')
    problems.push('source.dialect is missing');
  for (const k of ['tables', 'views', 'sequences', 'routines', 'others'] as const)
    if (!Array.isArray(d[k])) problems.push(`"${k}" is not a list`);
  if (Array.isArray(d.tables)) {
    d.tables.forEach((t, i) => {
      if (!t || typeof t.name !== 'string' || !Array.isArray(t.columns))
        problems.push(`tables[${i}] has no name or columns`);
      else if (!Array.isArray(t.indexes) || !Array.isArray(t.foreignKeys) || !Array.isArray(t.checks))
        problems.push(`table ${t.name} lacks indexes/foreignKeys/checks lists`);
      else
        t.columns.forEach((c, j) => {
          if (!c || typeof c.name !== 'string' || !c.type || typeof c.type.base !== 'string')
            problems.push(`table ${t.name} column ${j} has no name or type`);
        });
    });
  }
  if (problems.length) {
    throw inputError(
      'SNAPSHOT_DAMAGED',
      `${file} is a hisops snapshot but it is damaged`,
      'Take the snapshot again; do not edit snapshot files by hand.',
      problems.slice(0, 5).join('; ') + (problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''),
      { file },
    ).zh(`${file} 是 hisops 快照，但已损坏`, '请重新做快照；不要手工修改快照文件。');
  }
}
