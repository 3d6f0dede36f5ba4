import { InvalidArgumentError } from 'commander';
import { defineCommands } from '../cli/cli-commands.js';
import { withoutQueryTimeout } from '@holibot/database';
import { requireSchema } from '../database/database.module.js';
import { formatGaps, formatUsage } from './report-format.js';
import { ReportsModule } from './reports.module.js';
import { ReportsService } from './reports.service.js';

/** The longest period a report covers: what REPORT_RETENTION_DAYS can keep. */
const MAX_DAYS = 3650;

/** `holibot report gaps|usage [--days 30] [--json]`. */
export const reportsCommands = defineCommands({
  imports: [ReportsModule],
  register(program, cli) {
    const report = program.command('report').description('what visitors asked that the catalogue could not answer, and what the LLM cost');
    report
      .command('gaps')
      .description('questions with no results, topics by result rate, attributes asked that few places have: what to add to the catalogue')
      .option('--days <n>', 'the last n days, today included (UTC)', days, 30)
      .option('--limit <n>', 'lines per list in the text output', positive, 20)
      .option('--json', 'the whole report as JSON')
      .action(async (options: { days: number; limit: number; json?: boolean }) => {
        await cli.run(async (app, dataSource) => {
          await requireSchema(dataSource);
          // One grouped read of every turn of the period: on a large table it may take longer than DB_QUERY_TIMEOUT_MS, which guards the chat.
          const gaps = await withoutQueryTimeout(dataSource, () => app.get(ReportsService).gaps(options.days));
          console.log(options.json ? JSON.stringify(gaps, null, 2) : formatGaps(gaps, options.limit));
        });
      });
    report
      .command('usage')
      .description('LLM calls, outcomes, fallbacks, tokens and estimated cost per day and model')
      .option('--days <n>', 'the last n days, today included (UTC)', days, 30)
      .option('--json', 'the whole report as JSON')
      .action(async (options: { days: number; json?: boolean }) => {
        await cli.run(async (app, dataSource) => {
          await requireSchema(dataSource);
          const usage = await withoutQueryTimeout(dataSource, () => app.get(ReportsService).usage(options.days));
          console.log(options.json ? JSON.stringify(usage, null, 2) : formatUsage(usage));
        });
      });
  },
});

function positive(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return Number(value);
}

function days(value: string): number {
  const n = positive(value);
  if (n > MAX_DAYS) throw new InvalidArgumentError(`must be at most ${MAX_DAYS}`);
  return n;
}
