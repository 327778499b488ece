/**
 * Snapshots and sync scripts are written whole or not at all, through the one atomic writer
 * (core/files): a temporary file in the same folder, flushed, renamed. A full or failing disk ends
 * with exit 5, a wrong path (no such folder, not a folder, a folder where the file should be, no
 * permission, read-only) with exit 2, both naming the path; nothing half-written is left.
 */
import { writeFileAtomicSync } from '../files/index.js';

/** Write `text` to `file` atomically; creates the folder only when `mkdir` is set. */
export function writeFileAtomic(file: string, text: string, opts: { what?: string; mkdir?: boolean } = {}): void {
  writeFileAtomicSync(file, text, opts.what ?? 'the file', { mkdir: !!opts.mkdir });
}
