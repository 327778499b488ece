/**
 * What each channel was last told, per institution and job: the journal table the repeat limit
 * and the "recovered" message read.
 */
import type { Journal, JournalTable } from '../journal/index.js';
import type { ChannelState, Verdict } from './decide.js';

export const NOTIFY_STATE_TABLE: JournalTable = {
  name: 'hisops_notify_state',
  build: (t) => {
    t.string('institution', 100).notNullable();
    t.string('job', 100).notNullable();
    t.string('channel', 40).notNullable();
    t.string('sent_fingerprint', 64).nullable();
    t.string('last_verdict', 20).nullable();
    t.string('last_sent_at', 30).nullable();
    t.string('last_error', 500).nullable();
    t.string('updated_at', 30).notNullable();
    t.primary(['institution', 'job', 'channel']);
  },
};

export interface StoredState extends ChannelState {
  channel: string;
  last_sent_at: string | null;
  last_error: string | null;
}

export async function loadNotifyState(j: Journal, institution: string, job: string): Promise<Map<string, StoredState>> {
  await j.ensure(NOTIFY_STATE_TABLE);
  const rows = (await j.knex(NOTIFY_STATE_TABLE.name).where({ institution, job })) as Array<
    StoredState & { last_verdict: Verdict | null }
  >;
  return new Map(rows.map((r) => [r.channel, r]));
}

export async function saveNotifyState(
  j: Journal,
  key: { institution: string; job: string; channel: string },
  s: ChannelState,
  o: { now: Date; sent: boolean; error?: string },
): Promise<void> {
  await j.ensure(NOTIFY_STATE_TABLE);
  const row: Record<string, unknown> = {
    sent_fingerprint: s.sent_fingerprint,
    last_verdict: s.last_verdict,
    last_error: o.error ? o.error.slice(0, 500) : null,
    updated_at: o.now.toISOString(),
  };
  if (o.sent) row['last_sent_at'] = o.now.toISOString();
  const n = await j.knex(NOTIFY_STATE_TABLE.name).where(key).update(row);
  if (n === 0) await j.knex(NOTIFY_STATE_TABLE.name).insert({ ...key, last_sent_at: null, ...row });
}
