import { defineCommands } from '../cli/cli-commands.js';
import { textTable } from '../common/text-table.js';
import { AppConfig } from '../config/app-config.js';
import { prepareSchema } from '../database/database.module.js';
import { formatValue } from './alert-messages.js';
import { AlertNotifier } from './alert-notifier.service.js';
import { AlertDeliveryError, AlertsNotConfiguredError } from './alerts.errors.js';
import { AlertsModule } from './alerts.module.js';
import { type AlertRuleStatus, AlertService } from './alerts.service.js';

/** `holibot alerts test` and `holibot alerts status [--json]`. */
export const alertsCommands = defineCommands({
  imports: [AlertsModule],
  register(program, cli) {
    const alerts = program.command('alerts').description('threshold alerts by e-mail and webhook (ALERTS_ENABLED, ALERT_*, SMTP_*)');
    alerts
      .command('test')
      .description('send a test message through every configured channel (e-mail, webhook) and say how each went')
      .action(async () => {
        await cli.run(async (app) => {
          const notifier = app.get(AlertNotifier);
          if (notifier.channels.length === 0) throw new AlertsNotConfiguredError();
          const results = await notifier.sendTest();
          for (const { channel, target, error } of results) console.log(`${channel.padEnd(8)} ${target}: ${error === null ? 'sent' : `FAILED: ${error}`}`);
          const failures = results.filter((result) => result.error !== null).map((result) => `${result.channel}: ${result.error}`);
          if (failures.length) throw new AlertDeliveryError(failures);
        });
      });
    alerts
      .command('status')
      .description("each rule's latest value, threshold and state, as the server's last check recorded them")
      .option('--json', 'print them as JSON')
      .action(async (options: { json?: boolean }) => {
        await cli.run(async (app, dataSource) => {
          const config = app.get(AppConfig);
          await prepareSchema(dataSource, config);
          const rules = await app.get(AlertService).status();
          if (options.json) return console.log(JSON.stringify({ enabled: config.alerts.enabled, rules }, null, 2));
          console.log(statusTable(rules, config));
        });
      });
  },
});

function statusTable(rules: AlertRuleStatus[], config: AppConfig): string {
  const rows = rules.map((rule) => [
    rule.rule,
    rule.state === 'firing' ? `FIRING since ${rule.since}` : rule.state,
    formatValue(rule.value, rule.unit),
    rule.unit === 'failed runs' ? 'any failure' : formatValue(rule.threshold, rule.unit),
    rule.checkedAt ? `${rule.checkedAt} by ${rule.checkedBy}${rule.stale ? ' (stale)' : ''}` : 'never',
  ]);
  const notes: string[] = [];
  if (!config.alerts.enabled) notes.push('ALERTS_ENABLED is false in this configuration: the server does not check the rules.');
  if (rules.some((rule) => rule.stale)) notes.push('Some readings are stale: no instance has checked for three check intervals.');
  const firing = rules.filter((rule) => rule.state === 'firing');
  for (const rule of firing) notes.push(`${rule.rule}: ${rule.summary}`);
  return [textTable(['rule', 'state', 'value', 'threshold', 'checked'], rows), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
