/**
 * What every step of `hisops demo` works on: the demo folder with its hisops.yaml, the seeded HIS,
 * the journal, the sandbox ledger and (once the first step has started it) the sandbox itself, with
 * the 国密 channel it runs when the institution's center does.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CenterSettings } from '../cli/centerSettings.js';
import type { ChannelKeys } from '../core/center/index.js';
import type { Ctx } from '../cli/context.js';
import { readText, shippedPolicyPaths } from '../cli/policyFiles.js';
import type { Db } from '../core/db/index.js';
import type { SeedManifest, SeedSize } from '../core/demo/index.js';
import type { Profile } from '../core/his/index.js';
import type { Journal } from '../core/journal/index.js';
import type { Policy } from '../core/rules/index.js';

type SandboxModule = Awaited<ReturnType<typeof import('../core/center/index.js').loadSandbox>>;

export interface DemoContext {
  ctx: Ctx;
  dir: string;
  size: SeedSize;
  seed: number;
  templates: string;
  his: Db;
  journal: Journal;
  /** The reference profile and the shipped policies, loaded once for every step. */
  profile: Profile;
  policies: Policy[];
  manifest: SeedManifest;
  /** The running sandbox and the client settings pointing at it (set by the first step). */
  centerUrl: string;
  center: CenterSettings;
  ledger: ReturnType<SandboxModule['openLedger']>;
  sandbox?: Awaited<ReturnType<SandboxModule['startSandbox']>>;
  /** Ids of the one-sided settlements the reconciliation step found (the stuck step repairs them). */
  oneSided: string[];
  /** Center settled, HIS pending: how the stuck step repairs it (`hisops demo --center-only`). */
  centerOnly: 'complete' | 'cancel';
  /** What the stuck step repaired (msgid and setl_id of each item done): no later finding may be about them. */
  repaired: string[];
  close(): Promise<void>;
}

/** What a step says it did and found, and whether that is exactly what the seed planted. */
interface StepResult {
  did: string;
  found: string;
  ok: boolean;
  data?: unknown;
}

export interface DemoStep {
  name: string;
  run(d: DemoContext): Promise<StepResult>;
}

/** The port of `hisops center serve` (its default), written into the demo folder's hisops.yaml. */
const DEMO_CENTER_PORT = 8700;

/**
 * The demo folder is a place to go on by hand: a hisops.yaml naming its HIS, journal and profile
 * and the sandbox at `hisops center serve`'s default port, so that
 * `hisops center serve --data center.db &` and `hisops reconcile --from … --to …` work there.
 */
export function writeDemoConfig(dir: string, templates: string): void {
  fs.mkdirSync(path.join(dir, 'profiles'), { recursive: true });
  fs.copyFileSync(path.join(templates, 'profiles', 'reference.yaml'), path.join(dir, 'profiles', 'reference.yaml'));
  const yaml = [
    '# The demo HIS, its journal and the center sandbox. Start the sandbox with',
    '#   hisops center serve --data center.db &',
    '# then run any job here, e.g. hisops reconcile --from <first day> --to <last day> (see seed.json).',
    'journal:',
    '  url: sqlite:journal.db',
    'institutions:',
    '  - name: demo',
    '    fixmedins_code: H43010000001',
    '    fixmedins_name: hisops demo hospital',
    '    his:',
    '      url: sqlite:his.db',
    '      profile: ./profiles/reference.yaml',
    '    center:',
    `      url: http://127.0.0.1:${DEMO_CENTER_PORT}`,
    '      mdtrtarea_admvs: "430100"',
    '      insuplc_admdvs: "430100"',
    '      setl_optins: "430100"',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'hisops.yaml'), yaml);
}

export async function openDemo(
  ctx: Ctx,
  o: { dir: string; size: SeedSize; seed: number; templates: string; centerOnly?: 'complete' | 'cancel' },
): Promise<DemoContext> {
  const { connect } = await import('../core/db/index.js');
  const { openJournal } = await import('../core/journal/index.js');
  const { loadSandbox } = await import('../core/center/index.js');
  const hisMod = await import('../core/his/index.js');
  const rules = await import('../core/rules/index.js');
  const sandboxMod = await loadSandbox();
  const profile = await hisMod.loadProfile(hisMod.referenceProfilePath());
  const policies = await rules.loadPolicyFiles(shippedPolicyPaths(), readText);
  const his = await connect(`sqlite:${path.join(o.dir, 'his.db')}`, { create: true });
  const journal = await openJournal(`sqlite:${path.join(o.dir, 'journal.db')}`);
  const ledger = sandboxMod.openLedger(path.join(o.dir, 'center.db'), {
    fixmedins_code: 'H43010000001',
    admdvs: '430100',
  });
  const d: DemoContext = {
    ctx,
    ...o,
    his,
    journal,
    profile,
    policies,
    ledger,
    manifest: undefined as unknown as SeedManifest,
    centerUrl: '',
    oneSided: [],
    centerOnly: o.centerOnly ?? 'complete',
    repaired: [],
    center: undefined as unknown as CenterSettings,
    async close() {
      await d.sandbox?.close().catch(() => undefined);
      ledger.close();
      await journal.close().catch(() => undefined);
      await his.close().catch(() => undefined);
    },
  };
  return d;
}

/**
 * With center.crypto sm4 the demo's sandbox runs the 国密 channel too, with the institution's SM4
 * key. When the institution signs (center.sm2Key), the center checks it and signs its answers with
 * a fresh key pair whose public key the client verifies them with; otherwise neither side signs.
 */
export async function demoChannel(
  crypto: CenterSettings['crypto'],
): Promise<{ center: ChannelKeys; client: CenterSettings['crypto'] } | undefined> {
  if (crypto.kind !== 'sm4') return undefined;
  const center = await import('../core/center/index.js');
  const keys = center.channelKeysOf(crypto.keyText);
  if (!keys.signKey) return { center: { sm4Key: keys.sm4Key, userId: keys.userId }, client: crypto };
  const pair = center.sm2KeyPair();
  return {
    center: {
      sm4Key: keys.sm4Key,
      userId: keys.userId,
      signKey: pair.privateKey,
      peerPublicKey: center.sm2PublicKeyOf(keys.signKey),
    },
    client: { kind: 'sm4', keyText: { ...crypto.keyText, centerPublicKey: pair.publicKey } },
  };
}
