/**
 * `hisops notify test [--channel NAME]`: send a test message on every configured channel (or one)
 * and show which arrived — the way to check a robot address, its signing secret or SMTP settings
 * before cron depends on them.
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import { defineMessages } from '../cli/i18n.js';
import { buildMessage } from './notifyMessage.js';
import { factsOf, notifySettingsOf, sendOne } from './notifyRun.js';
import { EXIT, inputError, externalError } from '../core/errors.js';

defineMessages({
  'notify.describe': {
    en: 'notifications (通知): test the channels of notify: in hisops.yaml',
    zh: '通知：测试 hisops.yaml 中 notify: 配置的渠道',
  },
  'notify.test.describe': {
    en: 'send a test message on every configured channel (or one)',
    zh: '在所有已配置渠道（或指定渠道）发送一条测试消息',
  },
  'notify.opt.channel': {
    en: 'only this channel: wecom, dingtalk, feishu, email or webhook',
    zh: '只测试此渠道：wecom、dingtalk、feishu、email 或 webhook',
  },
  'notify.col.channel': { en: 'channel', zh: '渠道' },
  'notify.col.result': { en: 'result', zh: '结果' },
  'notify.delivered': { en: 'delivered', zh: '已送达' },
  'notify.failedShort': { en: 'failed', zh: '失败' },
  'notify.allDelivered': { en: 'The test message reached {n} channel(s).', zh: '测试消息已送达 {n} 个渠道。' },
});

interface TestOpts {
  channel?: string;
}

export function registerNotify(program: Command, app: App): Command {
  const group = program.command('notify').description(app.t('notify.describe'));
  const test = group
    .command('test')
    .description(app.t('notify.test.describe'))
    .option('--channel <name>', app.t('notify.opt.channel'))
    .action(
      app.action(async (ctx, _a, o: TestOpts) => {
        const settings = await notifySettingsOf(ctx);
        const channels = settings.channels.filter((c) => !o.channel || c.name === o.channel);
        if (channels.length === 0) {
          throw inputError(
            'NOTIFY_NO_CHANNEL',
            o.channel
              ? `The channel "${String(o.channel)}" is not configured`
              : 'No notification channel is configured',
            'Set a channel under notify: in hisops.yaml and its secret in the environment (e.g. HISOPS_NOTIFY_WECOM_URL); see docs/notify.md.',
          ).zh(
            o.channel ? `渠道 "${String(o.channel)}" 未配置` : '未配置任何通知渠道',
            '请在 hisops.yaml 的 notify: 下配置渠道，并在环境变量中设置其密钥（如 HISOPS_NOTIFY_WECOM_URL）；见 docs/notify.md。',
          );
        }
        const message = buildMessage(
          { ...factsOf(ctx, 'notify test', { exit: 0, opts: {}, startedAt: ctx.now() }), event: 'test' },
          ctx.lang,
        );
        const results: Array<{ channel: string; delivered: boolean; error: string | null }> = [];
        for (const ch of channels) {
          const before = ctx.warnings.length;
          const ok = await sendOne(ctx, ch, message);
          results.push({ channel: ch.name, delivered: ok, error: ok ? null : (ctx.warnings[before] ?? null) });
        }
        const failed = results.filter((r) => !r.delivered);
        return {
          data: { channels: results },
          exit: failed.length ? EXIT.external : EXIT.ok,
          error: failed.length
            ? externalError(
                'NOTIFY_FAILED',
                `${failed.length} of ${results.length} channel(s) did not accept the test message: ${failed.map((f) => f.channel).join(', ')}`,
                'Read the warnings above for each channel, correct its settings and run hisops notify test again.',
              ).zh(
                `${results.length} 个渠道中有 ${failed.length} 个未接受测试消息：${failed.map((f) => f.channel).join(', ')}`,
                '请阅读上方每个渠道的警告，修正设置后再次运行 hisops notify test。',
              )
            : undefined,
          human: (out) => {
            out.table(
              [ctx.t('notify.col.channel'), ctx.t('notify.col.result')],
              results.map((r) => [r.channel, r.delivered ? ctx.t('notify.delivered') : ctx.t('notify.failedShort')]),
            );
            if (failed.length) out.bad(ctx.t('common.failed', { exit: EXIT.external }));
            else out.ok(ctx.t('notify.allDelivered', { n: results.length }));
          },
        };
      }),
    );
  app.examples(test, [
    'HISOPS_NOTIFY_WECOM_URL=https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… hisops notify test',
    'hisops notify test --channel dingtalk',
  ]);
  app.examples(group, [
    'hisops notify test',
    'hisops reconcile --date today --notify          # cron: tell the group when it does not balance',
  ]);
  return group;
}
