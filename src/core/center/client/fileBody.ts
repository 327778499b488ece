/** What the typed calls share: an input without empty fields, a downloaded file's text or bytes. */
import type { Input } from '../protocol/envelope.js';
import { decodeText, isZip, unzipOne, unzipOneAsync } from '../../shared/index.js';

/** The fields of a record that have a value (the center's inputs leave the others out). */
export function noNulls<T extends object>(o: T): Input {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

/** A downloaded file's text: unzip when it is a ZIP (preferring `prefer`), decode UTF-8 or GBK. */
export function readFileBody(bytes: Buffer, prefer?: string): { name: string; text: string } {
  if (isZip(bytes)) {
    const e = unzipOne(bytes, prefer);
    return { name: e.name, text: decodeText(e.data) };
  }
  return { name: '', text: decodeText(bytes) };
}

/**
 * A downloaded file's bytes as sent, unzipped when it is a ZIP (preferring `prefer`): for a reader of
 * its own. The inflating runs on libuv's thread pool: a day's 3202 result is megabytes, and the
 * event loop goes on reading the other answers meanwhile.
 */
export async function readFileBytes(bytes: Buffer, prefer?: string): Promise<{ name: string; data: Uint8Array }> {
  if (isZip(bytes)) {
    const e = await unzipOneAsync(bytes, prefer);
    return { name: e.name, data: e.data };
  }
  return { name: '', data: bytes };
}
