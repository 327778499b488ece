export {
  parseNotifySettings,
  notifyEnvName,
  CHANNEL_KINDS,
  EVENT_KINDS,
  NOTIFY_JOBS,
  type NotifySettings,
  type Channel,
  type Rule,
  type EventKind,
  type ChannelKind,
} from './settings.js';
export { decide, inQuietHours, type Verdict, type ChannelState, type Decision } from './decide.js';
export {
  deliver,
  httpRequest,
  dingtalkSign,
  feishuSign,
  safeUrl,
  type NotifyMessage,
  type WebhookEvent,
} from './channels.js';
export { NOTIFY_STATE_TABLE, loadNotifyState, saveNotifyState, type StoredState } from './state.js';
export { JOB_METRICS_TABLE, saveJobMetric, loadJobMetrics, renderPrometheus, type JobMetric } from './jobMetrics.js';
export { PENDING_COUNTS_TABLE, savePendingCounts, loadPendingCounts, type PendingCount } from './pendingCounts.js';
