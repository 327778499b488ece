/**
 * Choosing msgid sequence numbers that no other call uses.
 *
 * The rule leaves 4 digits per institution per second: 10,000 msgids. The HIS sends its own
 * messages under the same fixmedins_code, and a HIS's counter typically starts each second at
 * 0000 or 0001 and counts up; a center that records msgids (and 2601, which reverses a call by its
 * msgid) must never see one of ours equal to one of the HIS's. So hisops takes its numbers from the
 * upper half only, 5000–9999: a HIS would have to send 5,000 messages in one second to reach them.
 *
 * Several hisops processes (a cron reconcile, an interactive repair, a trace uploader) can run on
 * the same day, even in the same second, so a per-process counter alone is not enough, and a
 * random suffix collides by the birthday bound. With a journal (the normal case) hisops's half of
 * each second is cut into 50 blocks of 100 numbers (blocks 50–99 of the whole space). A process
 * reserves a block by inserting (fixmedins_code, stamp, block) into `hisops_center_msgid_blocks` —
 * the primary key makes the reservation atomic on every database — then hands out the block's
 * numbers from memory. One insert per process per busy second (more only beyond 100 calls a
 * second); a random first block keeps concurrent processes from contending. If all 50 blocks of a
 * second are taken, it waits for the next second. Rows from before yesterday are pruned once per
 * process: stamps are in each process's clock offset (center.utcOffsetMinutes, or the host's zone
 * for a client without one), and a process whose day has already begun must not free the blocks
 * another process, hours behind, still holds for its current second.
 *
 * Without a journal (queries in a throwaway context) uniqueness is guaranteed within the process
 * only: each second starts at a random number of hisops's half and counts up through it, so two
 * processes collide with probability about 1/5,000 per shared second. State-changing calls always
 * have a journal.
 */
import crypto from 'node:crypto';
import { buildMsgid, MSGID_SEQ_SPACE } from '../protocol/msgid.js';
import { stamp14 } from '../protocol/time.js';
import { addDays } from '../../time/index.js';
import { CENTER_MSGID_BLOCKS_TABLE, isUniqueViolation, type JournalLike } from './callJournal.js';

/** The first sequence number hisops uses in a second; those below are left to the HIS's own counter. */
export const MSGID_FIRST_SEQ = 5000;
/** How many numbers hisops has per institution per second, across all its processes. */
export const MSGID_OWN_SEQS = MSGID_SEQ_SPACE - MSGID_FIRST_SEQ;
export const MSGID_BLOCK_SIZE = 100;
/** Blocks of hisops's half of a second (numbered in the table as blocks of the whole space: 50–99). */
export const MSGID_BLOCKS_PER_SECOND = MSGID_OWN_SEQS / MSGID_BLOCK_SIZE;
const FIRST_BLOCK = MSGID_FIRST_SEQ / MSGID_BLOCK_SIZE;

export interface AllocatedMsgid {
  msgid: string;
  /** The instant the msgid's stamp was taken from; use it for inf_time too. */
  now: Date;
}

export interface MsgidAllocatorOptions {
  fixmedins_code: string;
  clock: () => Date;
  utcOffsetMinutes?: number;
  journal?: JournalLike;
  sleep?: (ms: number) => Promise<void>;
  /** For tests: the first block to try (default random). */
  randomInt?: (maxExclusive: number) => number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class MsgidAllocator {
  /** The second's range: numbers MSGID_FIRST_SEQ + (offset + used) mod MSGID_OWN_SEQS, `size` of them. */
  private cur: { stamp: string; offset: number; used: number; size: number } | undefined;
  private localSeen = new Map<string, number>();
  private chain: Promise<unknown> = Promise.resolve();
  private pruned = false;
  private ensured = false;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly randomInt: (n: number) => number;
  /** Blocks reserved so far (for tests and the bench). */
  reservations = 0;

  constructor(private readonly o: MsgidAllocatorOptions) {
    this.sleep = o.sleep ?? defaultSleep;
    this.randomInt = o.randomInt ?? ((n) => crypto.randomInt(n));
  }

  /** The next msgid; calls are serialised so that concurrent callers never share a number. */
  next(): Promise<AllocatedMsgid> {
    const p = this.chain.then(() => this.take());
    this.chain = p.catch(() => undefined);
    return p;
  }

  private async take(): Promise<AllocatedMsgid> {
    for (;;) {
      const now = this.o.clock();
      const stamp = stamp14(now, this.o.utcOffsetMinutes);
      if (this.cur && this.cur.stamp === stamp && this.cur.used < this.cur.size) {
        const seq = MSGID_FIRST_SEQ + ((this.cur.offset + this.cur.used++) % MSGID_OWN_SEQS);
        return { msgid: buildMsgid(this.o.fixmedins_code, now, seq, this.o.utcOffsetMinutes), now };
      }
      const got = this.o.journal ? await this.reserveBlock(stamp, now) : this.localRange(stamp);
      if (got) {
        this.cur = { stamp, offset: got.offset, used: 0, size: got.size };
        continue;
      }
      // Every number of this second is taken: wait for the next second.
      await this.sleep(1000 - (now.getTime() % 1000) + 1);
    }
  }

  /** No journal: a random start per second, counting up through hisops's half once. */
  private localRange(stamp: string): { offset: number; size: number } | undefined {
    if (this.localSeen.has(stamp)) return undefined; // this second's numbers were used up
    this.localSeen.clear();
    this.localSeen.set(stamp, 1);
    return { offset: this.randomInt(MSGID_OWN_SEQS), size: MSGID_OWN_SEQS };
  }

  private async reserveBlock(stamp: string, now: Date): Promise<{ offset: number; size: number } | undefined> {
    const j = this.o.journal!;
    if (!this.ensured) {
      await j.ensure(CENTER_MSGID_BLOCKS_TABLE);
      this.ensured = true;
    }
    if (!this.pruned) {
      this.pruned = true;
      await j
        .knex(CENTER_MSGID_BLOCKS_TABLE.name)
        .where('fixmedins_code', this.o.fixmedins_code)
        .andWhere('stamp', '<', `${dayBefore(stamp)}000000`)
        .delete()
        .catch(() => undefined);
    }
    const start = this.randomInt(MSGID_BLOCKS_PER_SECOND);
    for (let i = 0; i < MSGID_BLOCKS_PER_SECOND; i++) {
      const own = (start + i) % MSGID_BLOCKS_PER_SECOND;
      const block = FIRST_BLOCK + own;
      try {
        await j
          .knex(CENTER_MSGID_BLOCKS_TABLE.name)
          .insert({ fixmedins_code: this.o.fixmedins_code, stamp, block, reserved_at: now.toISOString() });
        this.reservations++;
        return { offset: own * MSGID_BLOCK_SIZE, size: MSGID_BLOCK_SIZE };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
    return undefined;
  }
}

/** The day before a stamp's day (yyyyMMdd), by the calendar. */
function dayBefore(stamp: string): string {
  return addDays(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}`, -1).replaceAll('-', '');
}
