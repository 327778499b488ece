/**
 * At most `rate` request starts per second, evenly spaced (no bursts: a center that throttles at
 * rush hours counts requests per second), and at most `concurrency` requests in flight. The clock
 * and the sleep are injectable for tests.
 */

export class RateLimiter {
  private next = 0;
  private lastSlot = 0;
  /** Running average of the time from a slot to the request actually leaving. */
  private delay: number | undefined;
  private readonly interval: number;

  constructor(
    rate: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.interval = rate > 0 ? 1000 / rate : 0;
  }

  /** Wait for the next slot. Slots are handed out in call order. */
  async take(): Promise<void> {
    if (this.interval === 0) return;
    const now = this.clock();
    const slot = Math.max(now, this.next);
    this.next = slot + this.interval;
    this.lastSlot = slot;
    const wait = slot - now;
    if (wait > 0.5) await this.sleep(wait);
  }

  /**
   * The request of the last slot has actually left now. When it left much later than requests
   * usually do (more than an interval late: it waited for the journal, say), the next slot
   * moves back by as much, so that the next request does not leave right behind it. Ordinary
   * variation changes nothing: correcting every late millisecond would cost the rate itself.
   */
  sent(): void {
    if (this.interval === 0) return;
    const now = this.clock();
    const d = now - this.lastSlot;
    const usual = this.delay ?? d;
    this.delay = this.delay === undefined ? d : this.delay * 0.8 + d * 0.2;
    if (d - usual > this.interval) this.next = Math.max(this.next, now + this.interval - usual);
  }
}

/**
 * One caller at a time through a critical stretch (FIFO). The upload passes each request through
 * it from the journal write to the moment the request is on the wire, so that the limiter's
 * spacing is what the center sees rather than spacing blurred by journal writes queueing behind
 * each other.
 */
export class Gate {
  private tail: Promise<void> = Promise.resolve();

  /** Wait for the turn; call the returned function to pass it on. */
  async enter(): Promise<() => void> {
    const prev = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await prev;
    let done = false;
    return () => {
      if (!done) {
        done = true;
        release();
      }
    };
  }
}
