/**
 * Writing a file so that readers see either the old content or the whole new one, never a
 * truncated or empty file: write a temporary file in the same folder, fsync it, rename it over the
 * target, fsync the folder. On any failure the temporary file is removed and the error names the
 * path (exit 2 when the path cannot be written, exit 5 when the disk is full or failing).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileError } from './fileError.js';

/** The errno of writing onto a folder. */
const IS_FOLDER = 'EISDIR';

function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function fail(e: unknown, file: string, what: string): never {
  throw fileError(e, file, what) ?? e;
}

/** fsync a folder so that the rename survives a power cut; not every platform allows it. */
async function syncDir(dir: string): Promise<void> {
  let h: fs.promises.FileHandle | undefined;
  try {
    h = await fs.promises.open(dir, 'r');
    await h.sync();
  } catch {
    // Windows cannot open a folder; the rename is then as durable as the platform makes it.
  } finally {
    await h?.close().catch(() => undefined);
  }
}

export interface AtomicWriter {
  readonly file: string;
  write(chunk: string | Uint8Array): Promise<void>;
  /** Sync and rename into place. */
  commit(): Promise<void>;
  /** Remove the temporary file; the target is left as it was. */
  abort(): Promise<void>;
}

/**
 * A writer for content produced piece by piece (a reject file of a million rows). Nothing appears
 * at `file` until `commit`. `what` names the file in errors ("the reject file").
 */
export async function openAtomicWriter(file: string, what = 'the file'): Promise<AtomicWriter> {
  const abs = path.resolve(file);
  try {
    await fs.promises.mkdir(path.dirname(abs), { recursive: true });
  } catch (e) {
    fail(e, abs, what);
  }
  const tmp = tempNameFor(abs);
  let h: fs.promises.FileHandle;
  try {
    h = await fs.promises.open(tmp, 'wx');
  } catch (e) {
    fail(e, abs, what);
  }
  let open = true;
  const abort = async () => {
    if (open) {
      open = false;
      await h.close().catch(() => undefined);
    }
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
  };
  return {
    file: abs,
    async write(chunk) {
      try {
        // write() may write less than asked (a disk filling up): loop until every byte is down,
        // so that a short write surfaces as ENOSPC instead of a silently truncated file.
        const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        for (let off = 0; off < buf.length; ) off += (await h.write(buf, off, buf.length - off)).bytesWritten;
      } catch (e) {
        await abort();
        fail(e, abs, what);
      }
    },
    async commit() {
      try {
        await h.sync();
        open = false;
        await h.close();
        await fs.promises.rename(tmp, abs);
      } catch (e) {
        await abort();
        fail(e, abs, what);
      }
      await syncDir(path.dirname(abs));
    },
    abort,
  };
}

/** Write `data` to `file` atomically (see the module comment). */
export async function writeFileAtomic(file: string, data: string | Uint8Array, what = 'the file'): Promise<void> {
  const w = await openAtomicWriter(file, what);
  await w.write(data);
  await w.commit();
}

/**
 * The same, synchronously, for callers that cannot await. `mkdir: false` refuses a folder that is
 * not there (a mistyped -o path is the user's to correct, not to create).
 */
export function writeFileAtomicSync(
  file: string,
  data: string | Uint8Array,
  what = 'the file',
  o: { mkdir?: boolean } = {},
): void {
  const abs = path.resolve(file);
  const tmp = tempNameFor(abs);
  let fd: number | undefined;
  try {
    // Renaming onto a folder would fail late and obscurely: say so first.
    if (fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory())
      throw Object.assign(new Error(`${abs} is a folder`), { code: IS_FOLDER });
    if (o.mkdir !== false) fs.mkdirSync(path.dirname(abs), { recursive: true });
    fd = fs.openSync(tmp, 'wx');
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, abs);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the original error is the one to report
      }
    }
    removeQuietly(tmp);
    fail(e, abs, what);
  }
}

/** Remove a temporary file after a failure; the failure is what gets reported. */
function removeQuietly(p: string): void {
  try {
    fs.rmSync(p, { force: true });
  } catch {
    // the folder itself is unusable: there is nothing to remove
  }
}
