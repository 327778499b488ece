/**
 * Who holds a run lock: its row, whether it is dead (its process gone on this host, or its lease
 * not renewed on another), and the LOCK_HELD error that names it.
 */
import fs from 'node:fs';
import { EXIT, HisopsError } from '../errors.js';

export interface LockHolder {
  lock_key: string;
  run_id: string;
  command: string;
  pid: number;
  host: string;
  started_at: string;
  heartbeat_at: string;
  lease_ms: number;
}

export const DEFAULT_LEASE_MS = 120_000;

type PidState = 'alive' | 'gone' | 'other';

/**
 * Whether the process with this pid on this host is still a hisops run: `gone` when no process
 * has the pid, `other` when the pid now belongs to another program (pids are reused; where
 * /proc shows the command line), `alive` otherwise (EPERM: it runs, as another user).
 */
export function pidState(pid: number): PidState {
  if (!Number.isInteger(pid) || pid <= 0) return 'gone';
  if (pid === process.pid) return 'alive';
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return 'alive'; // no /proc (or not readable): the pid is all there is to go by
  }
  // An empty command line is a zombie or a kernel thread: not a running hisops.
  return /hisops/i.test(cmdline) ? 'alive' : 'other';
}

/** Why a holder counts as dead, or undefined while it may still run. */
export function deadHolderReason(
  h: LockHolder,
  now: Date,
  me: { host: string },
  state: (pid: number) => PidState = pidState,
): string | undefined {
  if (h.host === me.host) {
    const s = state(Number(h.pid));
    if (s === 'gone') return `process ${h.pid} on ${h.host} is no longer running`;
    if (s === 'other')
      return `process ${h.pid} on ${h.host} is no longer hisops (the pid now belongs to another program)`;
    return undefined;
  }
  const lease = Number(h.lease_ms) || DEFAULT_LEASE_MS;
  const age = now.getTime() - Date.parse(h.heartbeat_at);
  return age > lease
    ? `its lease was last renewed at ${h.heartbeat_at} on ${h.host}, ${Math.round(age / 1000)} s ago (lease ${Math.round(lease / 1000)} s)`
    : undefined;
}

/** LOCK_HELD: another run holds the lock; names it and what to do. */
export function lockHeldError(
  key: string,
  holder: LockHolder | undefined,
  waitedMs: number,
  why?: string,
): HisopsError {
  const who = holder
    ? `run ${holder.run_id} (${holder.command}), pid ${holder.pid} on ${holder.host}, started ${holder.started_at}`
    : 'another run (it has not written its name yet)';
  return new HisopsError({
    code: 'LOCK_HELD',
    summary: `Another run holds the lock ${key}: ${who}`,
    why:
      why ??
      (waitedMs > 0
        ? `It was still running after ${Math.round(waitedMs / 1000)} s of waiting.`
        : 'Only one run at a time may write or send for a job and institution, so that nothing is sent twice.'),
    fix: 'Let it finish (this run can then be repeated: nothing it would send is lost), or wait for it with --wait [duration] (e.g. --wait 10m). A holder that died is taken over automatically.',
    details: { lock_key: key, holder: holder ?? null, waited_ms: waitedMs },
    exit: EXIT.external,
  }).zh(
    `另一次运行持有锁 ${key}：${who}`,
    '请等它结束（之后可重新运行本次，不会丢失要发送的内容），或用 --wait [时长] 等待（例如 --wait 10m）。已退出的持有者会被自动接管。',
    why ??
      (waitedMs > 0
        ? `等待 ${Math.round(waitedMs / 1000)} 秒后它仍在运行。`
        : '同一作业和机构同一时间只允许一次运行写入或发送，以免重复发送。'),
  );
}
