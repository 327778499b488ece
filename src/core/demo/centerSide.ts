/**
 * The center's side of `seedHis`, written while the HIS is generated: each day's kept rows
 * (dayTee.ts) go to a CenterSeeder. When the ledger is a file the worker can open again (and the
 * build is there: the worker is compiled JavaScript), the CenterSeeder runs on a thread of its own
 * (centerSeedWorker.ts) with its own connection, so the center's rows are built and stored beside
 * the generator and the HIS writer on the two cores, instead of after them on this thread. Otherwise
 * (tests from the sources, an in-memory ledger, another split) it runs here. Both run the same
 * CenterSeeder over the same rows, so the ledger is the same either way.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LedgerOptions } from '../center/sandbox/index.js';
import { HisopsError, type HisopsErrorInit } from '../errors.js';
import type { PlantedAnomaly } from './anomalies.js';
import { DayRows, seedDay } from './dayTee.js';
import type { SeedManifest } from './manifest.js';
import { CenterSeeder, type CenterLedgerTarget } from './seedCenter.js';

type CenterSummary = NonNullable<SeedManifest['center']>;

/** What seedHis does with the center's side. */
export interface CenterSide {
  plan(anomalies: PlantedAnomaly[]): void;
  /** Kept his_settlement rows (DayTee's chunks), gathered until `day`. */
  rows(rows: unknown[][]): void;
  /** The day's rows are all given: write the day. Resolves when the next may follow (a thread keeps at most two days waiting, so memory stays flat). */
  day(day: string): Promise<void>;
  /** Every day given: indexes built, the summary of the manifest. */
  end(): Promise<CenterSummary>;
  /** Stop after a failure elsewhere (the indexes come back when the ledger is left on this thread). */
  abort(): Promise<void>;
}

const MAX_DAYS_WAITING = 2;

const WORKER_FILE = fileURLToPath(new URL('./centerSeedWorker.js', import.meta.url));

export function openCenterSide(ledger: CenterLedgerTarget, fixmedins_code: string): CenterSide {
  const reopen = ledger.reopenOptions?.();
  if (reopen && fs.existsSync(WORKER_FILE)) return new CenterThread(reopen, fixmedins_code);
  return new CenterHere(new CenterSeeder(ledger, fixmedins_code));
}

class CenterHere implements CenterSide {
  private readonly gathered = new DayRows();

  constructor(private readonly seeder: CenterSeeder) {
    seeder.begin();
  }

  plan(anomalies: PlantedAnomaly[]): void {
    this.seeder.plan(anomalies);
  }

  rows(rows: unknown[][]): void {
    this.gathered.push(rows);
  }

  async day(day: string): Promise<void> {
    seedDay(this.seeder, this.gathered, day);
  }

  async end(): Promise<CenterSummary> {
    this.seeder.end();
    return this.seeder.summary();
  }

  async abort(): Promise<void> {
    this.seeder.end();
  }
}

/** A failure on the center's thread, as the thread sends it (a HisopsError keeps its code and words). */
export type ThreadFailure = { hisops: HisopsErrorInit } | { message: string };

class CenterThread implements CenterSide {
  private readonly worker: Worker;
  private failure: Error | undefined;
  private waiting = 0;
  private wake: (() => void) | undefined;
  private readonly done: Promise<CenterSummary>;

  constructor(reopen: { file: string; options: LedgerOptions }, fixmedins_code: string) {
    // It holds the month's persons (compact) and a day's rows; a bounded heap makes it collect
    // the days it is done with instead of growing.
    const resourceLimits = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16 };
    this.worker = new Worker(WORKER_FILE, { resourceLimits, workerData: { ...reopen, fixmedins_code } });
    this.done = new Promise<CenterSummary>((resolve, reject) => {
      this.worker.on(
        'message',
        (m: { type: 'day' } | { type: 'done'; summary: CenterSummary } | { type: 'error'; failure: ThreadFailure }) => {
          if (m.type === 'day') this.waiting--;
          else if (m.type === 'done') resolve(m.summary);
          else reject((this.failure = errorOf(m.failure)));
          this.wakeUp();
        },
      );
      this.worker.on('error', (e) => {
        reject((this.failure = e));
        this.wakeUp();
      });
      this.worker.on('exit', (code) => {
        reject((this.failure ??= new Error(`the center's writer thread stopped (exit ${code})`)));
        this.wakeUp();
      });
    });
    // A failure is raised by the next call (or by end); until then it must not go unhandled.
    this.done.catch(() => undefined);
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private post(m: Record<string, unknown>): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage(m);
  }

  plan(anomalies: PlantedAnomaly[]): void {
    this.post({ type: 'plan', anomalies });
  }

  rows(rows: unknown[][]): void {
    this.post({ type: 'rows', rows });
  }

  async day(day: string): Promise<void> {
    this.post({ type: 'day', day });
    this.waiting++;
    while (this.waiting > MAX_DAYS_WAITING && !this.failure) await new Promise<void>((r) => (this.wake = r));
    if (this.failure) throw this.failure;
  }

  async end(): Promise<CenterSummary> {
    this.post({ type: 'end' });
    const summary = await this.done;
    await this.worker.terminate();
    return summary;
  }

  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}

function errorOf(f: ThreadFailure): Error {
  return 'hisops' in f ? new HisopsError({ ...f.hisops, zh: f.hisops.zh }) : new Error(f.message);
}
