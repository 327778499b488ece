/**
 * The run context every command receives: streams, TTY and interactivity, --json/--yes, the clock,
 * the language, lazily loaded configuration and journal, and the means to log, warn, show progress
 * and ask for confirmation. `interactive = TTY && !--json && !CI`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Colors } from './color.js';
import type { ResolvedConfig, SecretKey } from '../core/config/index.js';
import type { Db } from '../core/db/index.js';
import type { Profile } from '../core/his/index.js';
import { EXIT, HisopsError, inputError } from '../core/errors.js';
import { redactUrl } from '../core/shared/redactUrl.js';
import type { Journal } from '../core/journal/index.js';
import { loadConfig, readSecret } from './config.js';
import { defineMessages, translate, type Lang } from './i18n.js';
import type { Io } from './io.js';
import { makeOut, type Out } from './output.js';
// The progress labels and -v lines every job writes through ctx.progress and ctx.debug are declared
// with the -v hooks: loaded with the context, so a run that loads one command group alone (main.ts)
// has them whichever group used to import them.
import './verbose.js';

defineMessages({
  'lock.waiting': {
    en: 'Waiting for the run holding the {key} lock ({holder}) to end …',
    zh: '等待持有 {key} 锁的运行（{holder}）结束……',
  },
  'lock.takeover': {
    en: 'Took over the {key} lock of run {run} (pid {pid} on {host}, started {started}): {why}.',
    zh: '已接管运行 {run}（{host} 上的进程 {pid}，开始于 {started}）持有的 {key} 锁：{why}。',
  },
  'lock.lost': {
    en: 'This run no longer holds the {key} lock (its lease ran out while it was stalled, or the database session holding it ended; held now by: {run}).',
    zh: '本次运行已不再持有 {key} 锁（停顿期间租约过期，或持锁的数据库会话已结束；当前持有者：{run}）。',
  },
});

export interface GlobalFlags {
  config?: string;
  json?: boolean;
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  yes?: boolean;
  lang?: string;
  institution?: string;
  /** --wait [duration]: wait for a run holding this job's lock (true: as long as it runs). */
  wait?: string | boolean;
  /** --notify [channels]: notify this run's result (all channels, or those named). */
  notify?: string | boolean;
  /** --metrics-file PATH: after a cron job, write every job's last result there (Prometheus text format). */
  metricsFile?: string;
}

interface DbRef {
  url: string;
  password?: string;
  baseDir: string;
  /** What to show: the URL without password, or the connection name. */
  display: string;
}

export interface Progress {
  /** Add n to the count (for sources that report each piece). */
  tick(n?: number): void;
  /** Set the count (for sources that report a running total, such as rows read so far). */
  update(n: number): void;
  done(): void;
}

export class Ctx {
  readonly warnings: string[] = [];
  private cfg?: ResolvedConfig;
  private journalP?: Promise<Journal>;
  private journalMod?: typeof import('../core/journal/index.js');
  private hisP?: Promise<{ db: Db; profile: Profile }>;
  private cleanups: Array<() => Promise<void> | void> = [];
  /** The journal's SQLite file, when it is one (named in errors of the disk under it). */
  journalFile?: string;
  /** Flags mapped onto config keys by the command (e.g. --db → his.url). */
  readonly keyFlags: Record<string, string | number | boolean | undefined> = {};

  constructor(
    readonly io: Io,
    readonly flags: GlobalFlags,
    readonly lang: Lang,
    readonly c: Colors,
    readonly color: boolean,
    readonly runId: string,
    public command: string,
  ) {}

  get json(): boolean {
    return !!this.flags.json;
  }
  get yes(): boolean {
    return !!this.flags.yes;
  }
  get quiet(): boolean {
    return !!this.flags.quiet;
  }
  get verbose(): boolean {
    return !!this.flags.verbose;
  }
  get env(): Record<string, string | undefined> {
    return this.io.env;
  }
  get cwd(): string {
    return this.io.cwd;
  }
  get tty(): boolean {
    return !!this.io.stdout.isTTY && !!this.io.stdin?.isTTY;
  }
  get interactive(): boolean {
    const ci = this.env.CI !== undefined && this.env.CI !== '' && this.env.CI !== 'false';
    return this.tty && !this.json && !ci;
  }

  now(): Date {
    return this.io.now ? this.io.now() : new Date();
  }

  t(key: string, vars?: Record<string, unknown>): string {
    return translate(this.lang, key, vars);
  }

  /** Human output goes to stdout (results) through this. */
  out(): Out {
    return makeOut(this.io.stdout, this.c, this.color, { quiet: this.quiet });
  }

  log(msg: string): void {
    if (!this.quiet && !this.json) this.io.stderr.write(msg + '\n');
    else if (!this.quiet && this.json && this.verbose) this.io.stderr.write(msg + '\n');
  }

  debug(msg: string): void {
    if (this.verbose) this.io.stderr.write(this.c.dim(msg) + '\n');
  }

  warn(msg: string): void {
    this.warnings.push(msg);
    // A warning is a problem: --quiet keeps it (cron mails it); with --json it is in the envelope.
    if (!this.json || !this.quiet) this.io.stderr.write(`${this.c.yellow('!')} ${msg}\n`);
  }

  config(): ResolvedConfig {
    this.cfg ??= loadConfig({
      explicit: this.flags.config,
      cwd: this.cwd,
      env: this.env,
      flags: { institution: this.flags.institution, lang: this.flags.lang, ...this.keyFlags },
    });
    return this.cfg;
  }

  /** A config value for the selected institution (or a global key). */
  get<T = string>(key: string): T {
    return this.config().values[key]?.value as T;
  }

  secret(key: SecretKey): string | undefined {
    return readSecret(this.config(), key);
  }

  /** Resolve a database argument: a URL, a named connection, or (default) the HIS of the institution. */
  resolveDb(ref?: string): DbRef {
    const cfg = this.config();
    const r = ref ?? String(cfg.values['his.url']!.value);
    const isHisDefault = ref === undefined;
    const conn = cfg.connections[r];
    if (conn) {
      const password = conn.passwordEnv
        ? this.env[conn.passwordEnv]
        : conn.passwordFile
          ? readFileFirstLine(path.resolve(cfg.baseDir, conn.passwordFile))
          : undefined;
      return { url: conn.url, password, baseDir: cfg.baseDir, display: `${r} (${redactUrl(conn.url)})` };
    }
    if (!/^[a-z][a-z0-9+]*:/i.test(r)) {
      const known = Object.keys(cfg.connections);
      throw inputError(
        'DB_REF_UNKNOWN',
        `"${r}" is neither a database URL nor a connection named in ${cfg.file ?? 'hisops.yaml'}`,
        known.length
          ? `Use one of the connections (${known.join(', ')}) or a URL such as postgres://user@host:5432/db.`
          : 'Write a URL such as sqlite:his.db or postgres://user@host:5432/db, or add the connection under connections: in hisops.yaml.',
      ).zh(
        `"${r}" 既不是数据库 URL，也不是 ${cfg.file ?? 'hisops.yaml'} 中命名的连接`,
        known.length
          ? `请使用已有连接之一（${known.join('、')}）或 URL，例如 postgres://user@host:5432/db。`
          : '请写成 URL，例如 sqlite:his.db 或 postgres://user@host:5432/db，或在 hisops.yaml 的 connections: 下添加该连接。',
      );
    }
    if (/^[a-z]+:\/\/[^/@:]*:[^@/]+@/i.test(r))
      this.warn(
        'The database URL carries a password; prefer HISOPS_HIS_PASSWORD or a connection with passwordEnv so it stays out of shell history.',
      );
    return {
      url: r,
      password: isHisDefault ? this.secret('his.password') : undefined,
      baseDir: cfg.baseDir,
      display: redactUrl(r),
    };
  }

  /** The journal, opened on first use and closed when the run ends. */
  journal(): Promise<Journal> {
    if (!this.journalP) {
      this.journalP = (async () => {
        const mod = (this.journalMod = await import('../core/journal/index.js'));
        const cfg = this.config();
        const pwEnv = cfg.values['journal.passwordEnv']?.value as string | undefined;
        const url = String(cfg.values['journal.url']!.value);
        const file = await sqliteFileOf(url, cfg.baseDir);
        if (file) {
          // An unwritable .hisops/ fails here, naming the path (exit 2, or 5 for a full disk).
          const { checkWritableDir } = await import('../core/files/index.js');
          checkWritableDir(path.dirname(file), file, 'the journal');
          this.journalFile = file;
        }
        const busyTimeoutMs = cfg.values['journal.busyTimeoutMs']?.value as number | undefined;
        const j = await mod.openJournal(url, {
          baseDir: cfg.baseDir,
          password: pwEnv ? this.env[pwEnv] : undefined,
          busyTimeoutMs,
        });
        j.runId = this.runId;
        this.onClose(() => j.close());
        return j;
      })();
    }
    return this.journalP;
  }

  /**
   * Take the run lock of a job for this institution, released when the run ends. A run holding it
   * makes this one wait (--wait) or fail with LOCK_HELD (exit 5); a dead holder is taken over.
   */
  async lockRun(job: string): Promise<void> {
    const j = await this.journal();
    const mod = this.journalMod!;
    const code = this.get<string | undefined>('fixmedins_code');
    const lock = await mod.acquireRunLock(j, {
      key: mod.runLockKey(job, code ? String(code) : this.config().institution),
      runId: this.runId,
      command: `hisops ${this.command}`,
      waitMs: mod.parseWait(this.flags.wait),
      leaseMs: this.get<number | undefined>('journal.lockLeaseMs'),
      onWait: (h) =>
        this.log(this.t('lock.waiting', { key: job, holder: h ? `${h.run_id}, pid ${h.pid} on ${h.host}` : '?' })),
      onTakeover: (p, why) =>
        this.warn(
          this.t('lock.takeover', { key: job, run: p.run_id, pid: p.pid, host: p.host, started: p.started_at, why }),
        ),
      onLost: (h) => this.warn(this.t('lock.lost', { key: job, run: h?.run_id ?? 'none' })),
    });
    this.onClose(() => lock.release());
  }

  /** A failure of the journal itself (a locked SQLite file) as an error that names the journal. */
  explainError(e: unknown): unknown {
    return this.journalMod?.journalErrorOf(e) ?? e;
  }

  /** The values of the HIS profile's institution binds: `:fixmedins_code` and `institutions[].binds`. */
  hisBinds(): Record<string, string | undefined> {
    const own = Object.fromEntries(
      Object.entries(this.config().binds ?? {}).map(([k, v]) => [
        k,
        v.value === undefined ? undefined : String(v.value),
      ]),
    );
    const code = this.get<string | undefined>('fixmedins_code');
    return { ...own, fixmedins_code: code === undefined ? undefined : String(code) };
  }

  /** The institution's HIS database with its profile, opened on first use and closed when the run ends. */
  his(): Promise<{ db: Db; profile: Profile }> {
    this.hisP ??= (async () => {
      const { openHis } = await import('../core/his/index.js');
      const h = await openHis({
        ...this.resolveDb(),
        profile: String(this.get('his.profile')),
        binds: this.hisBinds(),
      });
      this.onClose(() => h.db.close());
      return h;
    })();
    return this.hisP;
  }

  onClose(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  async close(): Promise<void> {
    for (const fn of this.cleanups.reverse()) await Promise.resolve(fn()).catch(() => undefined);
    this.cleanups = [];
  }

  /**
   * Consent for a step that writes: --yes gives it; a person at a terminal is asked; otherwise
   * the run stops with exit 4 naming --yes.
   */
  async confirm(question: string, fallback = false): Promise<boolean> {
    if (this.yes) return true;
    if (!this.interactive) {
      throw new HisopsError({
        code: 'NEEDS_CONFIRMATION',
        summary: this.t('common.needsYes'),
        why: question,
        fix: this.t('common.needsYesFix'),
        exit: EXIT.needsConfirmation,
      }).zh(this.t('common.needsYes'));
    }
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message: question, default: fallback });
  }

  /**
   * A progress line on a TTY (never with --json or --quiet); silent otherwise. It reads
   * "label n/total unit pct", e.g. "seeding 1200/3000 settlements 40%".
   */
  progress(label: string, total?: number, unit = ''): Progress {
    const stream = this.io.stderr;
    if (!stream.isTTY || this.json || this.quiet)
      return { tick: () => undefined, update: () => undefined, done: () => undefined };
    let n = 0;
    let last = 0;
    const draw = () => {
      const pct = total ? ` ${Math.floor((n / total) * 100)}%` : '';
      stream.write(`\r${label} ${n}${total ? '/' + total : ''}${unit ? ' ' + unit : ''}${pct}   `);
    };
    const moved = () => {
      const t = Date.now();
      if (t - last > 100) {
        last = t;
        draw();
      }
    };
    return {
      tick: (k = 1) => {
        n += k;
        moved();
      },
      update: (k) => {
        n = k;
        moved();
      },
      done: () => {
        draw();
        stream.write('\n');
      },
    };
  }
}

/** The file of a sqlite: URL, resolved against the configuration's folder; undefined for a server. */
async function sqliteFileOf(url: string, baseDir: string): Promise<string | undefined> {
  if (!/^sqlite:/i.test(url)) return undefined;
  const { parseDbUrl } = await import('../core/db/index.js');
  const t = parseDbUrl(url);
  return t.file && t.file !== ':memory:' ? path.resolve(baseDir, t.file) : undefined;
}

function readFileFirstLine(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8').split(/\r?\n/)[0];
  } catch {
    throw inputError(
      'SECRET_FILE',
      `Cannot read the password file ${p}`,
      'Check the passwordFile path in hisops.yaml and its permissions.',
    ).zh(`无法读取密码文件 ${p}`, '请检查 hisops.yaml 中的 passwordFile 路径及其权限。');
  }
}
