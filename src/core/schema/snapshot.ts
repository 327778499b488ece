/**
 * Snapshots of live databases and of files: the two kinds of "side" every schema command takes.
 */
import fs from 'node:fs';
import type { Db } from '../db/index.js';
import { inputError } from '../errors.js';
import type { NameFilter } from './filter.js';
import { introspect } from './introspect/index.js';
import type { Snapshot } from './model.js';
import { parseSnapshot, serializeSnapshot, toSnapshot } from './snapshotFile.js';
import { writeFileAtomic } from './writeAtomic.js';

export interface SnapshotOptions {
  schema?: string;
  filter?: Partial<NameFilter>;
  now: Date;
  hisopsVersion: string;
}

export async function snapshotDb(db: Db, opts: SnapshotOptions): Promise<Snapshot> {
  const { model, warnings } = await introspect(db, { schema: opts.schema, filter: opts.filter });
  return toSnapshot(model, {
    hisopsVersion: opts.hisopsVersion,
    now: opts.now,
    warnings,
    filters: { include: opts.filter?.include ?? [], exclude: opts.filter?.exclude ?? [] },
  });
}

export function readSnapshotFile(file: string): Snapshot {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError(
      'SNAPSHOT_UNREADABLE',
      `Cannot read the snapshot file ${file}`,
      code === 'ENOENT'
        ? 'Check the path; write a snapshot with hisops schema snapshot <db> -o file.json.'
        : "Check the file's permissions.",
      (e as Error).message,
      { file },
    ).zh(
      `无法读取快照文件 ${file}`,
      code === 'ENOENT' ? '请检查路径；快照可用 hisops schema snapshot <db> -o file.json 生成。' : '请检查文件权限。',
    );
  }
  return parseSnapshot(text, file);
}

/** Written whole or not at all (writeAtomic.ts); a bad path exits 2, a full disk 5, naming the file. */
export function writeSnapshotFile(file: string, snap: Snapshot, compact = false): void {
  writeFileAtomic(file, serializeSnapshot(snap, compact), { what: 'the snapshot' });
}

/** A side given on the command line is a snapshot file when it names a .json file (or an existing non-URL file). */
export function looksLikeSnapshotFile(spec: string): boolean {
  return (
    /\.json$/i.test(spec) || (!/^[a-z][a-z0-9+]*:/i.test(spec) && fs.existsSync(spec) && fs.statSync(spec).isFile())
  );
}
