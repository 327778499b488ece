/** The streams and surroundings a run talks to; tests pass their own, the binary passes process's. */
export interface OutStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock; tests fix it. */
  now?: () => Date;
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Node makes process.stdin (a stream over the file, pipe or terminal) when it is first asked
    // for: a command that reads no input does not pay for it.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An Io that records what was written, for in-process tests. */
export function memoryIo(
  opts: { env?: Record<string, string | undefined>; cwd?: string; tty?: boolean; now?: () => Date } = {},
): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s), isTTY: !!opts.tty, columns: 120 },
    stderr: { write: (s: string) => (err += s), isTTY: !!opts.tty },
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    now: opts.now,
    out: () => out,
    err: () => err,
  };
}
