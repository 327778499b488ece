/**
 * Before a run writes into a folder it did not create (the journal's `.hisops/`), find out whether
 * it can: a clear "cannot write /srv/hisops/.hisops (EROFS)" instead of an SQLite "unable to open
 * database file" halfway through the run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileError } from './fileError.js';

/** Create `dir` if needed and write (then remove) one byte in it; throws the mapped HisopsError for `file`. */
export function checkWritableDir(dir: string, file: string, what: string): void {
  const probe = path.join(dir, `.hisops-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(probe, 'wx');
    fs.writeSync(fd, 'x');
    fs.closeSync(fd);
    fd = undefined;
    fs.rmSync(probe, { force: true });
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    removeQuietly(probe);
    throw fileError(e, file, what) ?? e;
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
