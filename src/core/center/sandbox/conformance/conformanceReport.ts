/**
 * The interface test's report: per transaction, how many messages came and which broke the
 * interface reference, with the offending message (sensitive fields masked). Kept in memory as
 * plain data; rendered as JSON (both languages' texts in every violation) and as one HTML page in
 * the language of the run. Bounded: at most `keep` offending messages per transaction are kept
 * whole, the rest are counted.
 */
import { redactInput } from '../../client/redact.js';
import { transactionSpec } from '../../protocol/index.js';
import type { Violation } from './checkMessage.js';

export interface OffendingMessage {
  msgid: string | null;
  /** The center's receive time. */
  at: string;
  /** infcode of the sandbox's answer (null: no envelope, e.g. a fault). */
  infcode: number | null;
  violations: Violation[];
  /** The request, sensitive fields masked. */
  message: unknown;
}

export interface TransactionReport {
  infno: string;
  name: string | null;
  messages: number;
  violating: number;
  violations: number;
  /** violations per JSON path (a quick view of what to fix first). */
  by_path: Record<string, number>;
  offending: OffendingMessage[];
}

export interface ConformanceReport {
  started_at: string;
  updated_at: string;
  messages: number;
  violating: number;
  violations: number;
  transactions: TransactionReport[];
}

const MASK_MORE = new Set(['sign_no']);

/** The message with the journal's masks, and the sign-in number shortened. */
export function maskMessage(message: unknown): unknown {
  const m = redactInput(message);
  if (m && typeof m === 'object' && !Array.isArray(m)) {
    for (const k of MASK_MORE) {
      const s = (m as Record<string, unknown>)[k];
      if (typeof s === 'string' && s.length > 4)
        (m as Record<string, unknown>)[k] = `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
    }
  }
  return m;
}

export class ConformanceCollector {
  private readonly byInfno = new Map<string, TransactionReport>();
  private total = { messages: 0, violating: 0, violations: 0 };
  private updated: string;

  constructor(
    private readonly startedAt: string,
    private readonly keep = 50,
  ) {
    this.updated = startedAt;
  }

  add(infno: string | null, o: Omit<OffendingMessage, 'message'> & { message: unknown }): void {
    const key = infno || '?';
    let t = this.byInfno.get(key);
    if (!t)
      this.byInfno.set(
        key,
        (t = {
          infno: key,
          name: transactionSpec(key)?.name ?? null,
          messages: 0,
          violating: 0,
          violations: 0,
          by_path: {},
          offending: [],
        }),
      );
    t.messages++;
    this.total.messages++;
    this.updated = o.at;
    if (!o.violations.length) return;
    t.violating++;
    t.violations += o.violations.length;
    this.total.violating++;
    this.total.violations += o.violations.length;
    for (const x of o.violations) t.by_path[x.path] = (t.by_path[x.path] ?? 0) + 1;
    if (t.offending.length < this.keep) t.offending.push({ ...o, message: maskMessage(o.message) });
  }

  report(): ConformanceReport {
    const transactions = [...this.byInfno.values()]
      .sort((a, b) => a.infno.localeCompare(b.infno))
      .map((t) => structuredClone(t));
    return { started_at: this.startedAt, updated_at: this.updated, ...this.total, transactions };
  }
}

/** Labels of the HTML page, in the language of the run (the command supplies them). */
export interface ReportLabels {
  title: string;
  summary: string;
  infno: string;
  name: string;
  messages: string;
  violating: string;
  violations: string;
  path: string;
  kind: string;
  problem: string;
  message: string;
  none: string;
  more: string;
  started: string;
  updated: string;
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.bad{color:#b00020}.ok{color:#1b5e20}pre{background:#f7f7f7;padding:.6em;overflow:auto;max-height:30em}
code{font-size:90%}`;

/** One HTML page: the summary table, then each transaction's offending messages. */
export function conformanceHtml(r: ConformanceReport, l: ReportLabels, lang: 'en' | 'zh-CN'): string {
  const zh = lang === 'zh-CN';
  const rows = r.transactions
    .map(
      (t) =>
        `<tr><td><a href="#t${esc(t.infno)}">${esc(t.infno)}</a></td><td>${esc(t.name ?? '')}</td><td>${t.messages}</td><td class="${t.violating ? 'bad' : 'ok'}">${t.violating}</td><td>${t.violations}</td></tr>`,
    )
    .join('\n');
  const sections = r.transactions
    .filter((t) => t.violating)
    .map((t) => {
      const msgs = t.offending
        .map((o) => {
          const vrows = o.violations
            .map(
              (x) =>
                `<tr><td><code>${esc(x.path)}</code></td><td>${esc(x.kind)}</td><td>${esc(zh ? x.message_zh : x.message)}<br><small>${esc(zh ? x.message : x.message_zh)}</small></td></tr>`,
            )
            .join('\n');
          return `<h3>msgid ${esc(o.msgid ?? '?')} · ${esc(o.at)} · infcode ${esc(o.infcode ?? '—')}</h3>
<table><tr><th>${esc(l.path)}</th><th>${esc(l.kind)}</th><th>${esc(l.problem)}</th></tr>
${vrows}</table>
<details><summary>${esc(l.message)}</summary><pre>${esc(JSON.stringify(o.message, null, 2))}</pre></details>`;
        })
        .join('\n');
      const more =
        t.violating > t.offending.length
          ? `<p>${esc(l.more.replace('{n}', String(t.violating - t.offending.length)))}</p>`
          : '';
      return `<h2 id="t${esc(t.infno)}">${esc(t.infno)} ${esc(t.name ?? '')}</h2>\n${msgs}\n${more}`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(l.title)}</title><style>${STYLE}</style></head>
<body><h1>${esc(l.title)}</h1>
<p>${esc(l.started)} ${esc(r.started_at)} · ${esc(l.updated)} ${esc(r.updated_at)}</p>
<p>${esc(l.summary)}: ${esc(l.messages)} ${r.messages} · ${esc(l.violating)} <span class="${r.violating ? 'bad' : 'ok'}">${r.violating}</span> · ${esc(l.violations)} ${r.violations}</p>
${r.transactions.length ? `<table><tr><th>${esc(l.infno)}</th><th>${esc(l.name)}</th><th>${esc(l.messages)}</th><th>${esc(l.violating)}</th><th>${esc(l.violations)}</th></tr>\n${rows}</table>` : `<p>${esc(l.none)}</p>`}
${sections}
</body></html>
`;
}
