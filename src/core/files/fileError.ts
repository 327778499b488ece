/**
 * Turning a failed file operation into a HisopsError that names the path: a path that cannot be
 * written (read-only, missing folder, a file where a folder should be) is the user's to correct
 * (exit 2); a full or failing disk is the system's (exit 5). Anything else stays a bug.
 */
import { EXIT, HisopsError, isHisopsError } from '../errors.js';

/** errno codes that mean "this path cannot be written here": fix the path or the permissions. */
const NOT_WRITABLE = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'ENOENT',
  'EISDIR',
  'EEXIST',
  'ENAMETOOLONG',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
]);
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

/** The same reasons in Chinese. */
const REASON_ZH: Record<string, string> = {
  ENOSPC: '磁盘已满',
  EDQUOT: '磁盘配额已用完',
  EIO: '磁盘报告输入/输出错误',
  EFBIG: '文件将超过文件系统允许的大小',
  EACCES: '权限不足',
  EPERM: '操作不被允许',
  EROFS: '文件系统为只读',
  ENOENT: '文件夹不存在',
  ENOTDIR: '路径中有一部分不是文件夹',
  EISDIR: '该路径是文件夹',
};

/** The few `what` words callers pass, in Chinese. */
const WHAT_ZH: Record<string, string> = { 'the file': '文件', 'the report': '报告', 'the journal': '日志库' };

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
export function fileError(
  e: unknown,
  file: string,
  what = 'the file',
  action: 'write' | 'open' = 'write',
): HisopsError | undefined {
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
    }).zh(
      `无法${action === 'write' ? '写入' : '打开'}${WHAT_ZH[what] ?? what} ${file}：${REASON_ZH[code] ?? '磁盘已满或出现故障'}（${code}）`,
      `请释放 ${file} 所在磁盘的空间（或修复磁盘），然后再次运行命令；没有留下写了一半的内容。`,
    );
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
    }).zh(
      `无法${action === 'write' ? '写入' : '打开'}${WHAT_ZH[what] ?? what} ${file}${REASON_ZH[code] ? `：${REASON_ZH[code]}` : ''}（${code}）`,
      action === 'open'
        ? `请确认 ${file} 存在，且当前用户可读写（不是只读挂载）。`
        : code === 'EISDIR'
          ? `请给出文件名，而不是文件夹（例如 ${file}/${file.split(/[\\/]/).pop() ?? 'out'}.out）。`
          : `请确认 ${file} 所在文件夹存在、确是文件夹且当前用户可写（不是只读挂载），或换一个路径。`,
    );
  }
  return undefined;
}
