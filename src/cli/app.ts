/**
 * The command frame: parse → call core → render. `app.action()` wraps a command's handler with the
 * run context, the JSON envelope or human rendering, error rendering, exit codes and (for commands
 * that do work) a journaled run record.
 */
import type { Command } from 'commander';
import { EXIT, HisopsError, isHisopsError, type ExitCode } from '../core/errors.js';
import { fileError, isFileFailure } from '../core/files/fileError.js';
import { colorEnabled, makeChalk } from './color.js';
import { Ctx, type GlobalFlags } from './context.js';
import { exampleZh } from './helpZh.js';
import { defineMessages, translate, type Lang } from './i18n.js';
import type { Io } from './io.js';
import { resultEnvelope, type Envelope, type Findings, type Out } from './output.js';

export interface CommandResult<T = unknown> {
  data: T;
  /** Default 0. 3 for findings. */
  exit?: ExitCode;
  /** For a non-zero exit other than 3: what went wrong (--json puts it in `error`). */
  error?: HisopsError;
  /** For exit 3: what needs attention (--json puts it in `findings`). */
  findings?: Findings;
  human?: (out: Out, ctx: Ctx) => void;
  /** The command wrote its own output (NDJSON, one line per record): no envelope even with --json. */
  streamed?: boolean;
}

/** The options of a command that declares none: reading any option from it is a compile error. */
type NoOptions = Record<never, never>;

/**
 * A command's handler. `O` is the interface of the options its `.option()` calls declare (commander
 * names them in camelCase: `--dry-run` → `dryRun`); the frame hands the parsed values over as `O`.
 */
export type Handler<O extends object = NoOptions> = (ctx: Ctx, args: unknown[], opts: O) => Promise<CommandResult>;

interface ActionOptions<O extends object = NoOptions> {
  /** Record the run (id, command, args without secrets, outcome) in the journal. */
  record?: boolean;
  /** Map command options onto config keys (flag > env > file > default), e.g. o => ({ 'his.url': o.db }). */
  keyFlags?: (opts: O) => Record<string, string | number | boolean | undefined>;
  /** The job whose run lock this run takes (per institution) when it writes or sends; falsy for a dry run. */
  lock?: (opts: O, args: unknown[]) => string | false | undefined;
  /** A cron job: its result is notified by the rules of `notify:` (or --notify) once it is known. */
  notify?: boolean;
}

/** A run's result as the frame hands it to what runs after it (notifications). */
export interface RunOutcome {
  exit: number;
  data?: unknown;
  errorSummary?: string;
  errorCode?: string;
  opts: Record<string, unknown>;
  startedAt: Date;
}

/** Called by the frame after a cron job (ActionOptions.notify) with its result (metrics, notifications); main supplies it. */
type AfterRun = (ctx: Ctx, job: string, r: RunOutcome, notifyFlag: string | boolean | undefined) => Promise<void>;

/**
 * What runs around jobs, supplied by main (the notify commands implement it): `afterRun` after
 * every cron job, and for a job that reports several results in one run (center watch) the two
 * halves on their own. Commands reach them through `app.hooks`, never by importing another command.
 */
interface JobHooks {
  afterRun: AfterRun;
  notify: AfterRun;
  metrics: (ctx: Ctx, job: string, r: RunOutcome) => Promise<void>;
}

defineMessages({
  'app.afterRunFailed': { en: 'Notifications are off for this run: {why}', zh: '本次运行未发送通知：{why}' },
  'app.issuesMore': { en: '… and {n} more (--json lists them all)', zh: '… 另有 {n} 个（--json 列出全部）' },
});

export interface App {
  io: Io;
  lang: Lang;
  argv: string[];
  t(key: string, vars?: Record<string, unknown>): string;
  action<O extends object = NoOptions>(handler: Handler<O>, o?: ActionOptions<O>): (...a: unknown[]) => Promise<void>;
  /** Append "Examples:" to a command's help. */
  examples(cmd: Command, lines: string[]): Command;
  /** The exit code of the last action (read by main). */
  exitCode: number;
  /** Notifications and metrics around jobs (absent in a bare app). */
  hooks?: JobHooks;
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  let c: Command | null = cmd;
  while (c && c.parent) {
    names.unshift(c.name());
    c = c.parent;
  }
  return names.join(' ');
}

export function createApp(io: Io, lang: Lang, argv: string[], newRunId: (now: Date) => string, hooks?: JobHooks): App {
  const frame: Frame = { io, lang, argv, newRunId, afterRun: hooks?.afterRun };
  const app: App = {
    hooks,
    io,
    lang,
    argv,
    exitCode: 0,
    t: (key, vars) => translate(lang, key, vars),
    examples(cmd, lines) {
      const shown = lang === 'zh-CN' ? lines.map(exampleZh) : lines;
      return cmd.addHelpText(
        'after',
        `\n${translate(lang, 'help.examples')}\n${shown.map((l) => '  $ ' + l).join('\n')}\n`,
      );
    },
    action<O extends object>(handler: Handler<O>, o: ActionOptions<O> = {}) {
      return async (...a: unknown[]) => {
        app.exitCode = await runAction(frame, handler, o, a);
      };
    },
  };
  return app;
}

/** What every action of one app shares. */
interface Frame {
  io: Io;
  lang: Lang;
  argv: string[];
  newRunId: (now: Date) => string;
  afterRun: AfterRun | undefined;
}

/**
 * One command run: its context from commander's arguments, the run record and lock, the handler,
 * then the notification, the output (envelope, human text or nothing when streamed) and the
 * record's outcome — or, when anything throws, the error in the same places. Returns the exit code.
 */
async function runAction<O extends object>(
  f: Frame,
  handler: Handler<O>,
  o: ActionOptions<O>,
  a: unknown[],
): Promise<number> {
  const cmd = a[a.length - 1] as Command;
  // The one place where commander's parsed values meet the handler's declared options.
  const opts = a[a.length - 2] as O & Record<string, unknown>;
  const args = a.slice(0, a.length - 2);
  const flags = cmd.optsWithGlobals<GlobalFlags>();
  const color = colorEnabled({
    tty: !!f.io.stdout.isTTY,
    json: !!flags.json,
    noColorFlag: flags.color === false,
    env: f.io.env,
  });
  const now = f.io.now ? f.io.now() : new Date();
  const ctx = new Ctx(f.io, flags, f.lang, await makeChalk(color), color, f.newRunId(now), commandPath(cmd));
  if (o.keyFlags) Object.assign(ctx.keyFlags, o.keyFlags(opts));
  let recorded = false;
  try {
    if (o.record) {
      await startRecord(ctx, f.argv, now);
      recorded = true;
    }
    const job = o.lock?.(opts, args);
    if (job) await ctx.lockRun(job);
    const result = await handler(ctx, args, opts);
    const exit = result.exit ?? EXIT.ok;
    if (o.notify)
      await notifySafely(
        ctx,
        f.afterRun,
        {
          exit,
          data: result.data,
          errorSummary: result.error?.text(f.lang).summary,
          errorCode: result.error?.code,
          opts,
          startedAt: now,
        },
        flags.notify,
      );
    writeResult(ctx, result, exit, !!o.record);
    if (recorded)
      await (await ctx.journal()).finishRun(
        ctx.runId,
        exit === 0 ? 'ok' : exit === EXIT.findings ? 'attention' : 'failed',
        exit,
        ctx.now(),
        result.error?.toJSON(),
      );
    return exit;
  } catch (caught) {
    return await runFailed(ctx, f, caught, { notify: !!o.notify, recorded, opts, now, notifyFlag: flags.notify });
  } finally {
    await ctx.close();
  }
}

/** The run's record in the journal: id, command, arguments without secrets. */
async function startRecord(ctx: Ctx, argv: string[], now: Date): Promise<void> {
  const j = await ctx.journal();
  const { redactArgs } = await import('../core/journal/index.js');
  await j.startRun({
    runId: ctx.runId,
    command: ctx.command,
    args: redactArgs(argv),
    institution: ctx.config().institution,
    now,
  });
}

/** The handler's result for scripts (the JSON envelope) or people; a streamed result printed its own. */
function writeResult(ctx: Ctx, result: CommandResult, exit: number, recorded: boolean): void {
  if (result.streamed) return;
  if (ctx.json) {
    const env = resultEnvelope({
      command: ctx.command,
      runId: ctx.runId,
      exit,
      data: result.data,
      warnings: ctx.warnings,
      error: result.error,
      findings: result.findings,
    });
    ctx.io.stdout.write(JSON.stringify(env, null, 2) + '\n');
  } else if (result.human) {
    const out = ctx.out();
    result.human(out, ctx);
    if (recorded) out.note(ctx.t('common.run', { runId: ctx.runId }));
    // --quiet keeps only the verdict: a command that printed none gets a one-line one.
    if (ctx.quiet && out.verdicts() === 0) {
      if (exit === EXIT.ok) out.ok(ctx.t('common.done'));
      else out.bad(result.findings?.summary ?? result.error?.summary ?? ctx.t('common.failed', { exit }));
    }
  }
}

/** A run that threw: notified, rendered, and recorded as failed; returns its exit code. */
async function runFailed(
  ctx: Ctx,
  f: Frame,
  caught: unknown,
  r: {
    notify: boolean;
    recorded: boolean;
    opts: Record<string, unknown>;
    now: Date;
    notifyFlag: string | boolean | undefined;
  },
): Promise<number> {
  const e = ctx.explainError(caught);
  if (r.notify) {
    const err = isHisopsError(e) ? e : undefined;
    await notifySafely(
      ctx,
      f.afterRun,
      {
        exit: err?.exit ?? EXIT.internal,
        errorSummary: err ? err.text(f.lang).summary : e instanceof Error ? e.message : String(e),
        errorCode: err?.code ?? 'INTERNAL',
        opts: r.opts,
        startedAt: r.now,
      },
      r.notifyFlag,
    );
  }
  const exit = renderError(ctx, e);
  if (r.recorded)
    await (await ctx.journal())
      .finishRun(ctx.runId, 'failed', exit, ctx.now(), isHisopsError(e) ? e.toJSON() : { code: 'INTERNAL' })
      .catch(() => undefined);
  return exit;
}

/** Notify the run's result; nothing that happens here changes the run's exit code. */
async function notifySafely(
  ctx: Ctx,
  afterRun: AfterRun | undefined,
  r: RunOutcome,
  flag: string | boolean | undefined,
): Promise<void> {
  if (!afterRun) return;
  try {
    await afterRun(ctx, ctx.command, r, flag);
  } catch (e) {
    ctx.warn(
      ctx.t('app.afterRunFailed', {
        why: isHisopsError(e) ? e.text(ctx.lang).summary : e instanceof Error ? e.message : String(e),
      }),
    );
  }
}

/** Print an error for people (stderr) or scripts (the JSON envelope on stdout); return the exit code. */
function renderError(ctx: Ctx, e: unknown): number {
  // A disk that is full or a path that cannot be written is not a bug: name the path (exit 2 or 5).
  const onDisk =
    !isHisopsError(e) && isFileFailure(e)
      ? fileError(e, String((e as { path?: unknown }).path ?? ctx.journalFile ?? 'a database file'), 'the file', 'open')
      : undefined;
  const known = isHisopsError(e) || onDisk !== undefined;
  const err = isHisopsError(e)
    ? e
    : (onDisk ??
      new HisopsError({
        code: 'INTERNAL',
        summary: e instanceof Error ? e.message : String(e),
        fix: ctx.t('common.bug'),
        exit: EXIT.internal,
        details: ctx.verbose && e instanceof Error ? { stack: e.stack } : {},
      }).zh(e instanceof Error ? e.message : String(e)));
  if (ctx.json) {
    const env: Envelope = {
      ok: false,
      command: ctx.command,
      runId: ctx.runId,
      error: err.toJSON(),
      warnings: ctx.warnings,
    };
    ctx.io.stdout.write(JSON.stringify(env, null, 2) + '\n');
  } else {
    const c = ctx.c;
    const words = err.text(ctx.lang);
    const lines = [`${c.red('✗')} ${c.bold(words.summary)} ${c.dim('[' + err.code + ']')}`];
    if (words.why) lines.push(`  ${ctx.t('common.why')}: ${words.why}`);
    lines.push(...issueLines(err.details['issues'], ctx));
    if (words.fix) lines.push(`  ${ctx.t('common.fix')}: ${words.fix}`);
    if (!known) {
      lines.push(ctx.verbose && e instanceof Error && e.stack ? e.stack : c.dim('  (--verbose shows the stack)'));
    }
    ctx.io.stderr.write(lines.join('\n') + '\n');
  }
  return err.exit;
}

/**
 * Input errors may carry `details.issues`: one entry per problem with file, line, field, message
 * and fix. People see the first 50 and a count of the rest; --json carries them all.
 */
function issueLines(issues: unknown, ctx: Ctx): string[] {
  if (!Array.isArray(issues)) return [];
  const shown = issues.slice(0, 50).map((i: Record<string, unknown>) => {
    const where = [i['file'], i['line'], i['column']]
      .filter((x) => x !== undefined && x !== null && x !== '')
      .join(':');
    const field = i['field'] ? ` ${String(i['field'])}:` : '';
    // An issue may carry its Chinese words (`zh: { message, fix }`); the English stays for JSON.
    const zh = ctx.lang === 'zh-CN' ? (i['zh'] as { message?: string; fix?: string } | undefined) : undefined;
    const message = zh?.message ?? i['message'];
    const fix = zh?.fix ?? i['fix'];
    return `  - ${where}${field} ${String(message ?? '')}${fix ? ` → ${String(fix)}` : ''}`;
  });
  if (issues.length > 50) shown.push(`  ${ctx.t('app.issuesMore', { n: issues.length - 50 })}`);
  return shown;
}
