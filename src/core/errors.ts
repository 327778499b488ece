/**
 * The one error class of hisops. Every failure a user can meet carries a stable `code`, a one-line
 * `summary`, the `why` behind it and the `fix` to try next; `exit` is the process exit code
 * (see docs/exit-codes.md). Anything thrown that is not a HisopsError is a bug (exit 1).
 */
import type { ErrorCode } from './errorCodes.js';

export type { ErrorCode };

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  findings: 3,
  needsConfirmation: 4,
  external: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface HisopsErrorInit {
  /** A catalogued code (errorCodes.ts); the catalogue test checks the literals written here. */
  code: ErrorCode;
  summary: string;
  why?: string;
  fix?: string;
  details?: Record<string, unknown>;
  exit?: ExitCode;
  cause?: unknown;
  /** The same summary, why and fix in Simplified Chinese, shown under `--lang zh-CN`. */
  zh?: ErrorText;
}

/** An error's words in one language; placeholders are already filled. */
export interface ErrorText {
  summary: string;
  why?: string;
  fix?: string;
}

export class HisopsError extends Error {
  readonly code: ErrorCode;
  readonly summary: string;
  readonly why: string | undefined;
  readonly fix: string | undefined;
  readonly details: Record<string, unknown>;
  readonly exit: ExitCode;
  /** Simplified Chinese words of this error (`--lang zh-CN`); English is summary/why/fix. */
  zhText: ErrorText | undefined;

  constructor(init: HisopsErrorInit) {
    super(init.summary, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'HisopsError';
    this.code = init.code;
    this.summary = init.summary;
    this.why = init.why;
    this.fix = init.fix;
    this.details = init.details ?? {};
    this.exit = init.exit ?? EXIT.usage;
    this.zhText = init.zh;
  }

  /**
   * Give the error its Chinese words, in the order of `inputError`'s arguments:
   * `throw inputError(code, 'No files given', 'Name a file').zh('未指定文件', '请指定一个文件')`.
   */
  zh(summary: string, fix?: string, why?: string): this {
    this.zhText = { summary, fix, why };
    return this;
  }

  /** The words to show in a language: Chinese where given, English otherwise (never empty). */
  text(lang: 'en' | 'zh-CN'): ErrorText {
    if (lang === 'zh-CN' && this.zhText) {
      return { summary: this.zhText.summary, why: this.zhText.why ?? this.why, fix: this.zhText.fix ?? this.fix };
    }
    return { summary: this.summary, why: this.why, fix: this.fix };
  }

  toJSON(): { code: string; summary: string; why?: string; fix?: string; details: Record<string, unknown> } {
    return { code: this.code, summary: this.summary, why: this.why, fix: this.fix, details: this.details };
  }
}

export function isHisopsError(e: unknown): e is HisopsError {
  return e instanceof HisopsError;
}

/** Usage, configuration or input error (exit 2). */
export function inputError(
  code: ErrorCode,
  summary: string,
  fix: string,
  why?: string,
  details?: Record<string, unknown>,
): HisopsError {
  return new HisopsError({ code, summary, fix, why, details, exit: EXIT.usage });
}

/** An external system (database, center) failed (exit 5). */
export function externalError(
  code: ErrorCode,
  summary: string,
  fix: string,
  why?: string,
  details?: Record<string, unknown>,
): HisopsError {
  return new HisopsError({ code, summary, fix, why, details, exit: EXIT.external });
}
