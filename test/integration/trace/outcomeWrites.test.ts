/**
 * An answer's outcomes are written without holding up the next request: the answer is committed
 * in the center client's write-ahead row first. Here the trace journal cannot write outcomes after
 * the third answer (as a journal that fails, or a run killed before their commit): the run stops
 * with that error, and the next run takes the answers from the write-ahead rows — nothing is sent
 * twice, and the center holds every code once.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUpload, TraceJournal } from '../../../src/core/trace/index.js';
import type { SeedManifest } from '../../../src/core/demo/manifest.js';
import { expectedAtCenter, ledgerCodes, openWorld, seededHisFile, tmpDir, worldUploadOptions } from './helpers.js';

let seed: { file: string; manifest: SeedManifest };
let seedDir: string;

beforeAll(async () => {
  seedDir = tmpDir('outcomes');
  seed = await seededHisFile(seedDir);
});

afterAll(() => fs.rmSync(seedDir, { recursive: true, force: true }));

describe('trace upload outcome writes', () => {
  it('stop the sending when one fails, and the next run settles the answered records from the write-ahead rows', async () => {
    const world = await openWorld(seed.file);
    const original = TraceJournal.prototype.outcomes;
    let answers = 0;
    try {
      TraceJournal.prototype.outcomes = function (this: TraceJournal, list, now) {
        if (list.some((o) => o.status === 'accepted') && ++answers > 3)
          return Promise.reject(new Error('journal gone'));
        return original.call(this, list, now);
      };
      await expect(runUpload(worldUploadOptions(world, seed.manifest, 'T1'))).rejects.toThrow('journal gone');
      TraceJournal.prototype.outcomes = original;
      // Left `sending`: records whose answer came (the write-ahead row holds it) and records whose
      // request was still queued when the run stopped.
      const sending = (await world.journal.knex('hisops_trace_uploads').where({ status: 'sending' })) as Array<{
        request_digest: string;
      }>;
      const ok = (await world.journal.knex('hisops_center_calls').where({ status: 'ok' })) as Array<{
        request_digest: string;
      }>;
      const answered = new Set(ok.map((c) => c.request_digest));
      const inAnswered = sending.filter((r) => answered.has(r.request_digest)).length;
      expect(inAnswered).toBeGreaterThan(0);
      const requests = world.sb.stats().requests;

      const second = await runUpload(worldUploadOptions(world, seed.manifest, 'T2'));
      // The answered ones are taken from the write-ahead rows (none sent again), the rest are sent.
      expect(second.resolved).toMatchObject({
        unresolved: sending.length,
        accepted: inAnswered,
        resend: sending.length - inAnswered,
      });
      expect(world.sb.stats().replayed).toBe(0);
      expect(world.sb.stats().requests).toBeGreaterThan(requests);
      expect(await new TraceJournal(world.journal, 'H43010000001').unresolved()).toEqual([]);
      expect(ledgerCodes(world.sb)).toEqual(await expectedAtCenter(world.db, seed.manifest));
    } finally {
      TraceJournal.prototype.outcomes = original;
      await world.close();
    }
  });
});
