/**
 * Snapshots and sync scripts are written whole or not at all: into a temporary file in the same
 * folder, flushed to disk, then renamed over the destination. A full or failing disk, a read-only
 * folder or a path that is not a file leaves no half-written or empty file behind and ends with a
 * message naming the path: exit 5 when the disk failed (full, quota, I/O), exit 2 when the path
 * is wrong (no such folder, not a folder, a folder where the file should be, no permission,
 * read-only file system).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { externalError, inputError, type HisopsError } from '../errors.js';

const DISK = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG']);

const WHY: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the disk reported an input/output error',
  EFBIG: 'the file would be larger than the file system allows',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'the path is a folder',
};

/** The errno code of writing onto a folder. */
const DIRECTORY = 'EISDIR';

/** The error for a failed write of `file` (`what` names it for people: "the snapshot"). */
export function writeError(e: unknown, file: string, what: string): HisopsError {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const why = `${WHY[code] ?? 'the write failed'} (${code || (e as Error).message})`;
  if (DISK.has(code)) return externalError('FILE_WRITE_FAILED', `Cannot write ${what} ${file}: ${WHY[code] ?? code}`, 'Free space on that disk (or fix it), or write the file elsewhere with -o; nothing was left behind.', why, { file, code });
  const fix = code === 'EISDIR' ? `Give a file name, e.g. -o ${path.join(file, path.basename(file) + '.out')}.` : code === 'ENOENT' || code === 'ENOTDIR' ? 'Create the folder first, or give a path in an existing folder.' : 'Write it to a folder you may write to, or fix the permissions.';
  return inputError('FILE_NOT_WRITABLE', `Cannot write ${what} ${file}: ${WHY[code] ?? code}`, fix, why, { file, code });
}

/** Write `text` to `file` atomically; creates the folder when `mkdir` is set. */
export function writeFileAtomic(file: string, text: string, opts: { what?: string; mkdir?: boolean } = {}): void {
  const what = opts.what ?? 'the file';
  const dir = path.dirname(file);
  try {
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw Object.assign(new Error(`${file} is a directory`), { code: DIRECTORY });
    if (opts.mkdir) fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeError(e, file, what);
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // the temporary file could not even be made (the path is wrong): nothing to remove
    }
    throw writeError(e, file, what);
  }
}
