/** The center client: configuration, transport, journal, typed transactions. */
export { Center, type HilistPage } from './center.js';
export { readFileBody, readFileBytes } from './fileBody.js';
export type { StmtDetailResult } from './stmtDetail.js';
export type { CatalogPage, CatalogDownloadOptions, CatalogDownloadResult } from './catalogDownload.js';
export { CenterClient, type CenterDeps, type CenterEvent } from './centerClient.js';
export { openCenter, withCenter } from './withCenter.js';
export {
  resolveCenterConfig,
  channelKeysOf,
  type ChannelKeyText,
  describeConfig,
  redactUrl,
  urlFor,
  timeoutFor,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type CenterConfig,
  type ResolvedCenterConfig,
  type GatewayConfig,
  type GatewayScheme,
  type RetryPolicy,
} from './config.js';
export {
  CenterCallJournal,
  CENTER_CALLS_TABLE,
  CENTER_SIGNINS_TABLE,
  CENTER_MSGID_BLOCKS_TABLE,
  isUniqueViolation,
  type CenterCallRecord,
  type CallStatus,
  type CallQuery,
  type CallOutcome,
  type JournalLike,
} from './callJournal.js';
export { CENTER_LATENCY_TABLE, LatencyJournal, loadLatency, type LatencyRow } from './latencyJournal.js';
export {
  leftOverCalls,
  resolveLeftOver,
  noteLeftOver,
  leftOverText,
  STALE_MARGIN_MS,
  type LeftOverCall,
  type LeftOverQuery,
  type LeftOverWhy,
} from './leftOverCalls.js';
export {
  MsgidAllocator,
  MSGID_BLOCK_SIZE,
  MSGID_BLOCKS_PER_SECOND,
  MSGID_FIRST_SEQ,
  MSGID_OWN_SEQS,
  type AllocatedMsgid,
  type MsgidAllocatorOptions,
} from './msgidAllocator.js';
export { makeSigner, randomNonce, type GatewaySigner } from './gateway.js';
export { Transport, classifyTransportError, type HttpReply } from './transport.js';
export { TransportFailure, type CallContext, type Delivery, type TransportKind } from './errors.js';
export { canonicalJson, requestDigest, redactInput } from './redact.js';
export type * from './types.js';
