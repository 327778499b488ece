/**
 * What a sandbox is started with, what it reports per request and in total, and the running
 * sandbox's handle (types only; `startSandbox` in server.ts).
 */
import type { ValidateOptions } from '../protocol/index.js';
import type { ChannelKeys } from '../protocol/channel.js';
import type { FaultKind, FaultRule, FaultSpecInput } from './faults.js';
import type { Ledger } from './ledger.js';
import type { CenterService, ResponseBody } from './service.js';
import type { SplitFn } from './simpleSplit.js';
import type { Policy } from '../../rules/index.js';
import type { CatalogOptions } from './catalogGen.js';

export interface TifCheck {
  paasid: string;
  /** The token issued with the paasid (what the client signs with). */
  secret: string;
  /** Accepted clock difference in seconds (default 300). */
  maxSkewSeconds?: number;
}

export interface SandboxOptions {
  /** The ledger's SQLite file (`:memory:` for a throwaway sandbox). Ignored when `ledger` is given. */
  dataFile?: string;
  /** An open ledger to serve (the caller keeps ownership: close() leaves it open). */
  ledger?: Ledger;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  faults?: FaultSpecInput;
  /** Seeds the fault draws and the generated catalogs (default 1). */
  seed?: number;
  /**
   * Settlement policies for the rules engine (templates/policies/*.yaml, parsed): a settlement
   * uses the one in force for its insurance type and date, else the simple split.
   */
  policies?: readonly Policy[];
  /** One policy or several (the same as `policies`; both may be given). */
  policy?: Policy | readonly Policy[];
  /** Replaces the split altogether (wins over `policies`). */
  split?: SplitFn;
  /** The center's clock (default: the host clock). */
  clock?: () => Date;
  /** The center's clock as minutes east of UTC (default 480, China time, whatever the host's zone). */
  utcOffsetMinutes?: number;
  /** The center's division: the only mdtrtarea_admvs it serves (default 430100). */
  admdvs?: string;
  /** Check x-tif-* gateway headers. */
  tif?: TifCheck;
  /**
   * Run the 国密 channel (protocol/channel.ts): sealed requests are opened (and their signature
   * checked when `peerPublicKey`, the institution's key, is given), successful answers sealed
   * and signed with `signKey`, the center's own key. Refusals stay plain.
   */
  crypto?: ChannelKeys;
  /**
   * Institution codes registered at this center. Also known, always: the demo's H43010000001,
   * the ledger's own institution and every institution the ledger holds rows of. Any other
   * fixmedins_code is refused (9001 included).
   */
  institutions?: readonly string[];
  /** Default true: business calls need a valid sign_no from 9001. */
  requireSignIn?: boolean;
  /** 'day' (default): a sign_no is valid until 23:59:59 of its day; a number: milliseconds. */
  signInValidity?: 'day' | number;
  /** Accept a second live settlement of the same visit and charge batch (reproduces center-side duplicates). */
  allowDuplicateSettlements?: boolean;
  /**
   * Default false: 2206/2207/2303/2304 need a visit registered with 2201/2401 and its uploaded fee
   * lines. true: a visit the sandbox never registered is settled from the request's own amounts
   * (registered visits are still checked against their lines).
   */
  lenientVisits?: boolean;
  /** Download deadline of files, in hours (default 24). */
  fileTtlHours?: number;
  catalog?: CatalogOptions;
  /** Province codes on top of the national tables. */
  validate?: ValidateOptions;
  /** Largest request body in bytes (default 32 MiB). */
  maxBodyBytes?: number;
  /** Called after every request (the serve command prints these). */
  onEvent?: (e: SandboxEvent) => void;
  /**
   * Called with every parsed request body the service answered and its answer envelope (undefined
   * for a file answer): the interface test (conformance/) checks what the HIS sends here.
   */
  onMessage?: (body: unknown, answer: ResponseBody | undefined, received: Date) => void;
  /** Called when a request is refused before its body is an envelope (bad path, method, content type, UTF-8, JSON). */
  onTransportRefusal?: (err_msg: string, received: Date) => void;
}

export interface SandboxEvent {
  at: Date;
  method: string;
  path: string;
  infno: string | null;
  msgid: string | null;
  status: number;
  /** null when no envelope was sent (file, dropped connection, gateway body). */
  infcode: number | null;
  err_msg: string | null;
  fault: FaultKind | null;
  replayed: boolean;
  /** The request came sealed (国密 channel). */
  sealed: boolean;
  ms: number;
}

export interface SandboxStats {
  requests: number;
  ok: number;
  refused: number;
  files: number;
  replayed: number;
  /** Requests that came sealed and were opened (国密 channel). */
  sealed: number;
  faults: Partial<Record<FaultKind, number>>;
  byInfno: Record<string, { requests: number; ok: number; refused: number }>;
}

export interface Sandbox {
  url: string;
  port: number;
  host: string;
  ledger: Ledger;
  service: CenterService;
  /** Replace the fault rules (and optionally the seed) while running. */
  setFaults(spec: FaultSpecInput, seed?: number): void;
  faults(): readonly FaultRule[];
  stats(): SandboxStats;
  close(): Promise<void>;
}
