/**
 * Turning a failed file operation into a HisopsError that names the path: a path that cannot be
 * written (read-only, missing folder, a file where a folder should be) is the user's to correct
 * (exit 2); a full or failing disk is the system's (exit 5). Anything else stays a bug.
 */
import { EXIT, HisopsError, isHisopsError } from '../errors.js';

/** errno codes that mean "this path cannot be written here": fix the path or the permissions. */
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOENT', 'EISDIR', 'EEXIST', 'ENAMETOOLONG', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']);
/** errno codes that mean the disk failed under us: free space or repair, then run again. */
const DISK_FAILED = new Set(['ENOSPC', 'EIO', 'EDQUOT', 'EFBIG', 'SQLITE_FULL', 'SQLITE_IOERR']);

/** What each errno means, in the words the summary uses. */
const REASON: Record<string, string> = {
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

function errnoOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  // better-sqlite3 reports extended codes such as SQLITE_IOERR_WRITE or SQLITE_READONLY_DIRECTORY.
  const base = /^SQLITE_[A-Z]+/.exec(code)?.[0];
  return base && (NOT_WRITABLE.has(base) || DISK_FAILED.has(base)) ? base : code;
}

/** Whether an error is one `fileError` maps (a file-system or SQLite file failure). */
export function isFileFailure(e: unknown): boolean {
  const c = errnoOf(e);
  return !isHisopsError(e) && c !== undefined && (NOT_WRITABLE.has(c) || DISK_FAILED.has(c));
}

/**
 * The HisopsError for a failed write of `file` (what: "the report", "the journal", …), or
 * undefined when the error is not a file failure. The path is always in the summary.
 */
export function fileError(e: unknown, file: string, what = 'the file', action: 'write' | 'open' = 'write'): HisopsError | undefined {
  if (isHisopsError(e)) return e;
  const code = errnoOf(e);
  if (!code) return undefined;
  const why = e instanceof Error ? e.message : String(e);
  if (DISK_FAILED.has(code)) {
    return new HisopsError({
      code: 'FILE_WRITE_FAILED',
      summary: `Cannot ${action} ${what} ${file}: ${REASON[code] ?? 'the disk is full or failing'} (${code})`,
      why,
      fix: `Free space on the disk that holds ${file} (or repair it), then run the command again; nothing was left half-written.`,
      details: { path: file, errno: code },
      exit: EXIT.external,
      cause: e,
    });
  }
  if (NOT_WRITABLE.has(code)) {
    return new HisopsError({
      code: action === 'write' ? 'FILE_NOT_WRITABLE' : 'FILE_INACCESSIBLE',
      summary: `Cannot ${action} ${what} ${file}${REASON[code] ? `: ${REASON[code]}` : ''} (${code})`,
      why,
      fix:
        action === 'open'
          ? `Check that ${file} exists and that this user may read and write it (not a read-only mount).`
          : code === 'EISDIR'
            ? `Give a file name, not a folder (e.g. ${file}/${file.split(/[\\/]/).pop() ?? 'out'}.out).`
            : `Check that the folder of ${file} exists, is a folder, and can be written by this user (not a read-only mount), or choose another path.`,
      details: { path: file, errno: code },
      exit: EXIT.usage,
      cause: e,
    });
  }
  return undefined;
}
