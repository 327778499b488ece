/**
 * The client's sign-in (9001/9002): today's sign_no kept in memory and shared with every other
 * process through the journal (`hisops_center_signins`), so that one sign-in serves them all.
 */
import type { Input, Output } from '../protocol/envelope.js';
import { asObject, asStr, outputNode, parseSignIn, pick } from '../protocol/records.js';
import { formatDate } from '../protocol/time.js';
import { CENTER_SIGNINS_TABLE, isUniqueViolation, type JournalLike } from './callJournal.js';
import type { CenterEvent } from './centerClient.js';
import type { ResolvedCenterConfig } from './config.js';
import type { CenterReply } from './types.js';

/** The client's one path, as the sign-in calls it. */
interface Requester {
  request<T>(infno: string, input: Input, parse: (output: Output) => T): Promise<CenterReply<T>>;
}

export class SignIns {
  private sign: { day: string; sign_no: string } | undefined;
  private signing: Promise<string> | undefined;
  private signinsEnsured = false;

  constructor(
    private readonly config: ResolvedCenterConfig,
    private readonly client: Requester,
    private readonly clock: () => Date,
    private readonly journal: JournalLike | undefined,
    private readonly onEvent: ((e: CenterEvent) => void) | undefined,
  ) {}

  /** The sign_no to send: from memory, from the journal (another process signed in today), or a fresh 9001. */
  async signNo(): Promise<string> {
    if (this.config.signIn === 'off') return '';
    const day = this.today();
    if (this.sign && this.sign.day === day) return this.sign.sign_no;
    if (!this.signing) {
      this.signing = (async () => {
        const stored = await this.storedSignIn(day);
        if (stored) {
          this.sign = { day, sign_no: stored };
          return stored;
        }
        const r = (await this.signInCall()).result;
        const sign_no = await this.storeSignIn(day, r.sign_no, r.sign_time, false);
        this.sign = { day, sign_no };
        return sign_no;
      })().finally(() => {
        this.signing = undefined;
      });
    }
    return this.signing;
  }

  /** Sign in now with 9001 (even when today's sign_no is known) and share it through the journal. */
  async signIn(): Promise<CenterReply<{ sign_no: string; sign_time: string | null }>> {
    const reply = await this.request9001();
    const day = this.today();
    await this.storeSignIn(day, reply.result.sign_no, reply.result.sign_time, true);
    this.sign = { day, sign_no: reply.result.sign_no };
    this.onEvent?.({ type: 'signin', infno: '9001', msgid: reply.msgid, status: 'ok' });
    return reply;
  }

  /** Sign out (9002) and forget today's sign_no. Nothing to do when not signed in. */
  async signOut(): Promise<CenterReply<{ sign_time: string | null }> | undefined> {
    if (this.config.signIn === 'off') return undefined;
    const day = this.today();
    const sign_no = this.sign?.day === day ? this.sign.sign_no : await this.storedSignIn(day);
    if (!sign_no) return undefined;
    this.sign = { day, sign_no };
    const reply = await this.client.request('9002', { signOut: { sign_no, opter_no: this.config.opter } }, (o) => ({
      sign_time: asStr(pick(asObject(outputNode(o, 'signoutoutb', 'sign_time')) ?? {}, 'sign_time')),
    }));
    this.sign = undefined;
    if (this.journal) {
      await this.ensureSignins();
      await this.journal
        .knex(CENTER_SIGNINS_TABLE.name)
        .where(this.keyOf(day))
        .update({ signed_out_at: this.clock().toISOString() });
    }
    return reply;
  }

  private today(): string {
    return formatDate(this.clock(), this.config.utcOffsetMinutes);
  }

  private keyOf(day: string) {
    return { fixmedins_code: this.config.fixmedins_code, opter: this.config.opter, sign_day: day };
  }

  private request9001(): Promise<CenterReply<{ sign_no: string; sign_time: string | null }>> {
    return this.client.request(
      '9001',
      { signIn: { opter_no: this.config.opter, mac: this.config.mac ?? '', ip: this.config.ip ?? '127.0.0.1' } },
      parseSignIn,
    );
  }

  private async signInCall(): Promise<CenterReply<{ sign_no: string; sign_time: string | null }>> {
    const reply = await this.request9001();
    this.onEvent?.({ type: 'signin', infno: '9001', msgid: reply.msgid, status: 'ok' });
    return reply;
  }

  private async ensureSignins(): Promise<void> {
    if (this.signinsEnsured || !this.journal) return;
    await this.journal.ensure(CENTER_SIGNINS_TABLE);
    this.signinsEnsured = true;
  }

  private async storedSignIn(day: string): Promise<string | undefined> {
    if (!this.journal) return undefined;
    await this.ensureSignins();
    const row = await this.journal
      .knex(CENTER_SIGNINS_TABLE.name)
      .where(this.keyOf(day))
      .whereNull('signed_out_at')
      .first();
    return row ? String(row.sign_no) : undefined;
  }

  /**
   * Record a sign-in. When another process recorded one for today first, its sign_no is used
   * (unless `overwrite`), so that every process shares one; returns the sign_no to use.
   */
  private async storeSignIn(
    day: string,
    sign_no: string,
    sign_time: string | null,
    overwrite: boolean,
  ): Promise<string> {
    const j = this.journal;
    if (!j) return sign_no;
    await this.ensureSignins();
    const key = this.keyOf(day);
    const row = { sign_no, sign_time, signed_in_at: this.clock().toISOString(), signed_out_at: null };
    try {
      await j.knex(CENTER_SIGNINS_TABLE.name).insert({ ...key, ...row });
      return sign_no;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const q = j.knex(CENTER_SIGNINS_TABLE.name).where(key);
    if (!overwrite) q.whereNotNull('signed_out_at');
    await q.update(row);
    const current = await j.knex(CENTER_SIGNINS_TABLE.name).where(key).first();
    return current ? String(current.sign_no) : sign_no;
  }
}
