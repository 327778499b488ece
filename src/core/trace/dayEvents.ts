import type { UploadEvent } from './uploadTypes.js';

/**
 * Days overlap on the wire (the next day's first requests leave while the last ones of the day
 * before are still out), but a listener sees them one after the other, as a progress bar per day
 * needs: a day's `day` event (sent once the whole day is checked, with its totals), then its
 * `sent` events, then the next day's. Events that come early wait their turn.
 */
interface DayState {
  day: string;
  head?: UploadEvent;
  shown: boolean;
  early: UploadEvent[];
  /** Requests queued and not finished. */
  open: number;
}

export class DayEvents {
  private readonly days: DayState[] = [];
  private cur = 0;

  constructor(private readonly listener: ((e: UploadEvent) => void) | undefined) {}

  private of(day: string): DayState {
    for (let i = this.days.length - 1; i >= this.cur; i--) if (this.days[i]!.day === day) return this.days[i]!;
    const d: DayState = { day, shown: false, early: [], open: 0 };
    this.days.push(d);
    return d;
  }

  /** A request of the day was queued. */
  added(day: string): void {
    this.of(day).open++;
  }

  /** A queued request of the day has its outcome (its `sent` events are out). */
  finished(day: string): void {
    this.of(day).open--;
    this.flush();
  }

  /** The day is fully checked and planned: every request of it has been queued. */
  day(e: UploadEvent & { type: 'day' }): void {
    this.of(e.day).head = e;
    this.flush();
  }

  sent(e: UploadEvent & { type: 'sent' }): void {
    const d = this.of(e.day);
    if (d.shown && this.days[this.cur] === d) this.listener?.(e);
    else d.early.push(e);
  }

  private flush(): void {
    for (;;) {
      const d = this.days[this.cur];
      if (!d?.head) return;
      if (!d.shown) {
        d.shown = true;
        this.listener?.(d.head);
        for (const e of d.early) this.listener?.(e);
        d.early = [];
      }
      if (d.open > 0) return;
      this.cur++;
    }
  }
}
