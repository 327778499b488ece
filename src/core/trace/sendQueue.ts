/**
 * Requests from several waves, parts and days in one stream, at most `concurrency` at once.
 *
 * A request that carries a code waits until every earlier request carrying the same code has
 * finished, so a code's movements still reach the center in the order they happened (what the
 * waves of planBatches.ts guarantee within one plan) — but nothing else waits: the next wave, the
 * next part of a day or the next day starts while the one before is still draining.
 *
 * Requests are taken in the order they were added. A request only ever waits for earlier ones,
 * and every earlier one has been taken already, so the earliest unfinished request can always go
 * on: no deadlock. The first error stops taking new requests; `drain` rethrows it.
 */
export class SendQueue<T> {
  private readonly queue: Array<{ item: T; after: Promise<void>[]; done: () => void }> = [];
  /** code → the last added request carrying it, until that one is finished. */
  private readonly lastByCode = new Map<string, Promise<void>>();
  private running = 0;
  private failed: { e: unknown } | undefined;
  private idle: Array<() => void> = [];
  private roomWaiters: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly fn: (item: T) => Promise<void>,
  ) {}

  /** True once a request failed: nothing more is taken, and adding more is pointless. */
  get broken(): boolean {
    return this.failed !== undefined;
  }

  /** Queue a request carrying `codes`. */
  add(item: T, codes: Iterable<string>): void {
    const after = new Set<Promise<void>>();
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const mine: string[] = [];
    for (const c of codes) {
      const prev = this.lastByCode.get(c);
      if (prev) after.add(prev);
      this.lastByCode.set(c, finished);
      mine.push(c);
    }
    this.queue.push({
      item,
      after: [...after],
      done: () => {
        // Forget the codes no later request has claimed, so the map holds only what is in flight.
        for (const c of mine) if (this.lastByCode.get(c) === finished) this.lastByCode.delete(c);
        done();
      },
    });
    this.pump();
  }

  /** Requests added and not finished. */
  get size(): number {
    return this.queue.length + this.running;
  }

  /**
   * Wait until at most `n` requests are added and not finished (or one failed): the producer's
   * back-pressure, so that records are not read and checked much faster than they can be sent.
   */
  async room(n: number): Promise<void> {
    while (!this.failed && this.size > n) await new Promise<void>((r) => this.roomWaiters.push(r));
  }

  /** Wait until everything added has finished; rethrows the first error. */
  async drain(): Promise<void> {
    if (this.running > 0 || (this.queue.length > 0 && !this.failed)) await new Promise<void>((r) => this.idle.push(r));
    if (this.failed) throw this.failed.e;
  }

  private pump(): void {
    while (!this.failed && this.running < Math.max(1, this.concurrency) && this.queue.length) {
      const next = this.queue.shift()!;
      this.running++;
      void this.run(next);
    }
  }

  private async run(job: { item: T; after: Promise<void>[]; done: () => void }): Promise<void> {
    try {
      if (job.after.length) await Promise.all(job.after);
      if (!this.failed) await this.fn(job.item);
    } catch (e) {
      this.failed ??= { e };
    } finally {
      job.done();
      this.running--;
      this.pump();
      const waiting = this.roomWaiters;
      this.roomWaiters = [];
      for (const r of waiting) r();
      if (this.running === 0 && (this.queue.length === 0 || this.failed)) {
        const waiting = this.idle;
        this.idle = [];
        for (const r of waiting) r();
      }
    }
  }
}
