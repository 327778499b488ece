/**
 * The interface test running inside a sandbox: every request body the server hands over is
 * checked (checkMessage), collected, and the report files are rewritten atomically — at most
 * every `everyMs` while messages arrive, and once more on stop — so that an engineer clicking
 * through the cashier flow can reload the page at any time and never sees a half-written file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../../../files/index.js';
import { formatDateTime, type ValidateOptions } from '../../protocol/index.js';
import { checkMessage, newConformanceState, noteMessage, transportViolation } from './checkMessage.js';
import {
  ConformanceCollector,
  conformanceHtml,
  type ConformanceReport,
  type ReportLabels,
} from './conformanceReport.js';

export interface ConformanceOptions {
  /** The HTML report. */
  htmlFile: string;
  /** The JSON report (default: the HTML file's name with .json). */
  jsonFile?: string;
  lang: 'en' | 'zh-CN';
  labels: ReportLabels;
  /** Rewrite at most this often while messages arrive (default 2000 ms). */
  everyMs?: number;
  utcOffsetMinutes?: number;
  /** Accepted distance of inf_time from the center's clock (default 300 s). */
  maxSkewSeconds?: number;
  validate?: ValidateOptions;
  /** Offending messages kept whole per transaction (default 50). */
  keep?: number;
}

export interface ConformanceRecorder {
  /** Check and record one request body with the sandbox's answer (the SandboxOptions.onMessage hook). */
  onMessage(body: unknown, answer: { infcode?: unknown; output?: unknown } | undefined, received: Date): void;
  /** Record a request the sandbox refused before it was an envelope (the SandboxOptions.onTransportRefusal hook). */
  onTransportRefusal(err_msg: string, received: Date): void;
  /** Write both files now. */
  flush(): void;
  /** Stop the timer and write the final files. */
  stop(): void;
  report(): ConformanceReport;
  readonly htmlFile: string;
  readonly jsonFile: string;
}

/** The JSON file that goes with an HTML report: report.html → report.json. */
export function jsonFileFor(htmlFile: string): string {
  const ext = path.extname(htmlFile);
  return `${ext ? htmlFile.slice(0, -ext.length) : htmlFile}.json`;
}

export function startConformance(o: ConformanceOptions, now: Date): ConformanceRecorder {
  const state = newConformanceState();
  const collector = new ConformanceCollector(formatDateTime(now, o.utcOffsetMinutes ?? 480), o.keep);
  const jsonFile = o.jsonFile ?? jsonFileFor(o.htmlFile);
  const every = o.everyMs ?? 2000;
  let dirty = true;
  let timer: NodeJS.Timeout | undefined;
  /** A failed background write: kept and thrown by stop(), never allowed to take the sandbox down. */
  let failure: unknown;

  const flush = () => {
    const r = collector.report();
    fs.mkdirSync(path.dirname(o.htmlFile), { recursive: true });
    writeFileAtomicSync(jsonFile, JSON.stringify(r, null, 2) + '\n', 'the interface test report');
    writeFileAtomicSync(o.htmlFile, conformanceHtml(r, o.labels, o.lang), 'the interface test report');
    dirty = false;
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      try {
        if (dirty) flush();
      } catch (e) {
        failure ??= e;
      }
    }, every);
    timer.unref();
  };
  flush();

  return {
    htmlFile: o.htmlFile,
    jsonFile,
    onMessage(body, answer, received) {
      const receivedAt = formatDateTime(received, o.utcOffsetMinutes ?? 480);
      const violations = checkMessage(body, state, {
        receivedAt,
        maxSkewSeconds: o.maxSkewSeconds,
        validate: o.validate,
      });
      noteMessage(state, body, answer);
      const env = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const infno = typeof env.infno === 'string' || typeof env.infno === 'number' ? String(env.infno) : null;
      const infcode =
        answer && (typeof answer.infcode === 'number' || typeof answer.infcode === 'string')
          ? Number(answer.infcode)
          : null;
      collector.add(infno, {
        msgid: typeof env.msgid === 'string' ? env.msgid : null,
        at: receivedAt,
        infcode,
        violations,
        message: body,
      });
      dirty = true;
      schedule();
    },
    onTransportRefusal(err_msg, received) {
      const at = formatDateTime(received, o.utcOffsetMinutes ?? 480);
      collector.add(null, { msgid: null, at, infcode: -1, violations: [transportViolation(err_msg)], message: null });
      dirty = true;
      schedule();
    },
    flush,
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      flush();
      if (failure) throw failure;
    },
    report: () => collector.report(),
  };
}
