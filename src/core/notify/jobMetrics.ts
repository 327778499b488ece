/**
 * The last result of every cron job per institution (when, how long, exit code, findings by kind),
 * kept in the journal so a metrics file can list all jobs, whichever ran last, and rendered in the
 * Prometheus text format for node_exporter's textfile collector.
 */
import type { Journal, JournalTable } from '../journal/index.js';
import type { PendingCount } from './pendingCounts.js';

export const JOB_METRICS_TABLE: JournalTable = {
  name: 'hisops_job_metrics',
  build: (t) => {
    t.string('institution', 100).notNullable();
    t.string('job', 100).notNullable();
    t.string('run_id', 40).notNullable();
    t.string('ended_at', 30).notNullable();
    t.integer('duration_ms').notNullable();
    t.integer('exit_code').notNullable();
    t.text('counts').notNullable();
    t.primary(['institution', 'job']);
  },
};

export interface JobMetric {
  institution: string;
  job: string;
  run_id: string;
  ended_at: string;
  duration_ms: number;
  exit_code: number;
  counts: Record<string, number>;
}

export async function saveJobMetric(j: Journal, m: JobMetric): Promise<void> {
  await j.ensure(JOB_METRICS_TABLE);
  const row = {
    run_id: m.run_id,
    ended_at: m.ended_at,
    duration_ms: m.duration_ms,
    exit_code: m.exit_code,
    counts: JSON.stringify(m.counts),
  };
  const n = await j.knex(JOB_METRICS_TABLE.name).where({ institution: m.institution, job: m.job }).update(row);
  if (n === 0) await j.knex(JOB_METRICS_TABLE.name).insert({ institution: m.institution, job: m.job, ...row });
}

export async function loadJobMetrics(j: Journal): Promise<JobMetric[]> {
  await j.ensure(JOB_METRICS_TABLE);
  const rows = (await j.knex(JOB_METRICS_TABLE.name).orderBy([{ column: 'institution' }, { column: 'job' }])) as Array<
    Omit<JobMetric, 'counts'> & { counts: string }
  >;
  return rows.map((r) => ({
    ...r,
    duration_ms: Number(r.duration_ms),
    exit_code: Number(r.exit_code),
    counts: JSON.parse(r.counts) as Record<string, number>,
  }));
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labels = (l: Record<string, string>) =>
  '{' +
  Object.entries(l)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(',') +
  '}';

/** Prometheus text exposition format (version 0.0.4): HELP/TYPE once per metric, then samples. */
export function renderPrometheus(ms: readonly JobMetric[], pending: readonly PendingCount[] = []): string {
  const families: Array<[string, string, (m: JobMetric) => Array<[Record<string, string>, number]>]> = [
    [
      'hisops_job_last_run_timestamp_seconds',
      'When the last run of the job ended (Unix time).',
      (m) => [[{}, Date.parse(m.ended_at) / 1000]],
    ],
    [
      'hisops_job_last_run_duration_seconds',
      'How long the last run of the job took.',
      (m) => [[{}, m.duration_ms / 1000]],
    ],
    [
      'hisops_job_last_exit_code',
      'Exit code of the last run (0 ok, 3 findings, 5 external failure).',
      (m) => [[{}, m.exit_code]],
    ],
    [
      'hisops_job_findings',
      'Findings of the last run by kind.',
      (m) => Object.entries(m.counts).map(([kind, n]) => [{ kind }, n]),
    ],
  ];
  const out: string[] = [];
  for (const [name, help, samples] of families) {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const m of ms)
      for (const [l, v] of samples(m))
        out.push(`${name}${labels({ institution: m.institution, job: m.job, ...l })} ${v}`);
  }
  if (pending.length) {
    out.push(
      '# HELP hisops_pending Work waiting by kind (trace_pending, trace_rejected, trace_held, stuck_open, mappings_expiring), as last counted.',
      '# TYPE hisops_pending gauge',
    );
    for (const p of pending)
      out.push(`hisops_pending${labels({ institution: p.institution, kind: p.kind })} ${p.count}`);
  }
  return out.join('\n') + '\n';
}
