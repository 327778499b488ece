/**
 * Kill -9 during a large schema apply, then --resume: the real CLI (bin/hisops.js, built) as a
 * child process on OpenEMR 5.0.2 → 8.2.0-dev, killed with SIGKILL at a random moment after a
 * seeded number of statements (the journal is polled; a random extra delay lands the kill inside
 * a statement as often as between two). The database after --resume must equal the database an
 * uninterrupted run leaves (same fingerprint, same remaining differences), and a database dropped
 * and recreated from the same source is applied afresh instead of being taken as synced.
 * Shared by resume.mysql.test.ts and resume.postgres.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { connect } from '../../../src/core/db/index.js';
import { fingerprint, introspect } from '../../../src/core/schema/index.js';
import { repoRoot } from './helpers.js';

export const BIN = path.join(repoRoot, 'bin', 'hisops.js');

export interface CliResult {
  code: number;
  json: {
    ok: boolean;
    data?: Record<string, unknown>;
    error?: { code: string; summary: string; why?: string; fix?: string };
  };
  stderr: string;
}

export function workDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-schema-resume-'));
}

const envFor = (dir: string) => ({
  PATH: process.env.PATH ?? '',
  HOME: dir,
  CI: '1',
  HISOPS_JOURNAL_URL: `sqlite:${path.join(dir, 'journal.db')}`,
});

export function hisops(dir: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, '--json', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...envFor(dir), ...env },
    timeout: 120_000,
  });
  let json: CliResult['json'];
  try {
    json = JSON.parse(r.stdout) as CliResult['json'];
  } catch {
    throw new Error(`hisops ${args.join(' ')} printed no JSON (exit ${String(r.status)}): ${r.stdout}\n${r.stderr}`);
  }
  return { code: r.status ?? -1, json, stderr: r.stderr };
}

/** Deterministic pseudo-random numbers for a seed (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Statements recorded done for the apply on database `db` (the journal serves several databases). */
function doneSteps(journalFile: string, db: string): number {
  if (!fs.existsSync(journalFile)) return 0;
  try {
    const j = new Database(journalFile, { readonly: true, fileMustExist: true, timeout: 50 });
    try {
      const row = j
        .prepare(
          "SELECT count(*) AS n FROM hisops_schema_apply_steps s JOIN hisops_schema_applies a ON a.apply_id = s.apply_id WHERE s.status = 'done' AND a.db = ?",
        )
        .get(db) as { n: number } | undefined;
      return row?.n ?? 0;
    } finally {
      j.close();
    }
  } catch {
    return 0; // the table is not there yet, or the writer holds the lock for a moment
  }
}

/** Start an apply, kill it with SIGKILL once `after` statements are done plus `delayMs`; returns how many were done when it died. */
export async function applyAndKill(
  dir: string,
  db: string,
  args: string[],
  after: number,
  delayMs: number,
): Promise<{ doneAtKill: number; exitedOnItsOwn: boolean; output: string }> {
  const child = spawn(process.execPath, [BIN, '--json', ...args], {
    cwd: dir,
    env: envFor(dir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let finished = false;
  void exited.then(() => (finished = true));
  const journal = path.join(dir, 'journal.db');
  while (!finished && doneSteps(journal, db) < after) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, delayMs));
  const exitedOnItsOwn = finished;
  if (!finished) child.kill('SIGKILL');
  await exited;
  return { doneAtKill: doneSteps(journal, db), exitedOnItsOwn, output };
}

export async function fingerprintOf(url: string): Promise<string> {
  const db = await connect(url);
  try {
    return fingerprint((await introspect(db)).model);
  } finally {
    await db.close();
  }
}

export interface Reference {
  fingerprint: string;
  leftovers: string[];
  statements: number;
}

/** The uninterrupted run: apply the script, remember what it leaves. */
export async function referenceRun(dir: string, url: string, target: string, script: string): Promise<Reference> {
  const r = hisops(dir, ['schema', 'sync', url, target, '--script', script, '--apply', '--yes']);
  // Done; exit 3 when review items are left (ok false, findings), never an error.
  expect(r.json.error, r.stderr + JSON.stringify(r.json.error)).toBeUndefined();
  expect([0, 3]).toContain(r.code);
  const d = r.json.data as {
    statements: number;
    appliedNow: number;
    leftovers: { changes: string[]; safeLeft: number };
  };
  expect(d.appliedNow).toBe(d.statements);
  expect(d.leftovers.safeLeft).toBe(0);
  return { fingerprint: await fingerprintOf(url), leftovers: d.leftovers.changes, statements: d.statements };
}

/** Kill after a seeded number of statements, resume, and compare with the reference. */
export async function killAndResume(
  dir: string,
  url: string,
  target: string,
  script: string,
  ref: Reference,
  seed: number,
): Promise<{ found: number[]; doneAtKill: number }> {
  const rnd = random(seed);
  const after = 3 + Math.floor(rnd() * (ref.statements - 10));
  const delay = Math.floor(rnd() * 40);
  const args = ['schema', 'sync', url, target, '--script', script, '--apply', '--yes'];
  const k = await applyAndKill(dir, url, args, after, delay);
  expect(
    k.exitedOnItsOwn,
    `seed ${seed}: the apply finished before the kill (${after} statements): ${k.output.slice(0, 600)}`,
  ).toBe(false);
  expect(k.doneAtKill).toBeGreaterThanOrEqual(after);
  expect(k.doneAtKill).toBeLessThan(ref.statements);
  // Without --resume the half-done apply is refused (exit 4), applying nothing.
  const refused = hisops(dir, args);
  expect(refused.code).toBe(4);
  expect(refused.json.error?.code).toBe('SCHEMA_APPLY_PARTIAL');
  const r = hisops(dir, [...args, '--resume']);
  expect(r.json.error, `seed ${seed}: ${JSON.stringify(r.json.error)}`).toBeUndefined();
  expect([0, 3]).toContain(r.code);
  expect(r.code).toBe(3); // only the needs-review differences are left
  const d = r.json.data as {
    status: string;
    appliedNow: number;
    appliedBefore: number;
    foundInEffect: number[];
    leftovers: { changes: string[]; safeLeft: number };
  };
  expect(d.status).toBe('done');
  expect(d.appliedBefore + d.foundInEffect.length + d.appliedNow).toBe(ref.statements);
  expect(d.leftovers.safeLeft).toBe(0);
  expect([...d.leftovers.changes].sort()).toEqual([...ref.leftovers].sort());
  expect(await fingerprintOf(url)).toBe(ref.fingerprint);
  process.stderr.write(
    `resume seed ${seed}: killed with ${k.doneAtKill} of ${ref.statements} statements recorded done; --resume found ${d.foundInEffect.length ? `statement ${d.foundInEffect.join(', ')} already in effect` : 'nothing in flight in effect'} and ran ${d.appliedNow}\n`,
  );
  return { found: d.foundInEffect, doneAtKill: k.doneAtKill };
}
