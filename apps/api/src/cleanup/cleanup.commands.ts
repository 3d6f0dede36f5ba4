import { defineCommands } from '../cli/cli-commands.js';
import { AppConfig } from '../config/app-config.js';
import { prepareSchema } from '../database/database.module.js';
import { JobRunner } from '../scheduling/index.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { CleanupModule } from './cleanup.module.js';
import { CleanupFailedError } from './cleanup.errors.js';
import { type CleanupReport, SessionCleanupService } from './session-cleanup.service.js';
import { SessionStatsService, formatStats } from './session-stats.service.js';

/** `holibot cleanup [--dry-run]` and `holibot monitor [--json]`. */
export const cleanupCommands = defineCommands({
  imports: [CleanupModule, SchedulingModule],
  register(program, cli) {
    program
      .command('cleanup')
      .description('delete expired conversations and their messages now (the job SESSION_CLEANUP_CRON runs)')
      .option('--dry-run', 'count what would be deleted; delete nothing')
      .action(async (options: { dryRun?: boolean }) => {
        await cli.run(async (app, dataSource) => {
          await prepareSchema(dataSource, app.get(AppConfig));
          const cleanup = app.get(SessionCleanupService);
          if (options.dryRun) {
            const report = await cleanup.run({ trigger: 'cli', dryRun: true });
            console.log(`Dry run: ${report.sessionsDeleted} expired sessions and ${report.messagesDeleted} messages would be deleted; nothing was deleted.`);
            return;
          }
          // Ctrl-C or a stop signal: the batch under way finishes, then the run ends as partial.
          const stop = new AbortController();
          const onSignal = () => stop.abort();
          process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
          try {
            const outcome = await app
              .get(JobRunner)
              .run('session-cleanup', 'cli', () =>
                cleanup.run({ trigger: 'cli', signal: stop.signal, onProgress: progressPrinter(app.get(AppConfig).cleanup.batchSize) }),
              );
            if (outcome.status === 'skipped') console.log('Another instance is running the session cleanup; nothing done.');
            else if (outcome.status === 'failed')
              throw outcome.error instanceof CleanupFailedError ? outcome.error : new CleanupFailedError(emptyReport(), outcome.error);
            else console.log(summary(outcome.result));
          } finally {
            process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
          }
        });
      });

    program
      .command('monitor')
      .description('session statistics and the recent cleanups (the seed monitoring script)')
      .option('--json', 'print them as JSON')
      .action(async (options: { json?: boolean }) => {
        await cli.run(async (app) => {
          const stats = await app.get(SessionStatsService).stats();
          if (!options.json) return console.log(formatStats(stats));
          const { recentCleanups, ...figures } = stats;
          console.log(
            JSON.stringify(
              { ...figures, recentCleanups: recentCleanups.map(({ runAt, sessionsDeleted, status }) => ({ runAt, sessionsDeleted, status })) },
              null,
              2,
            ),
          );
        });
      });
  },
});

/** Progress on stderr once a run takes more than one batch: a line per batch, or one updated line on a terminal. */
function progressPrinter(batchSize: number) {
  const interactive = process.stderr.isTTY;
  return ({ sessionsDeleted, messagesDeleted, expiredAtStart }: { sessionsDeleted: number; messagesDeleted: number; expiredAtStart: number }) => {
    if (expiredAtStart <= batchSize) return;
    const percent = Math.min(100, Math.round((sessionsDeleted / expiredAtStart) * 100));
    const line = `Deleting expired sessions… ${sessionsDeleted}/${expiredAtStart} (${percent}%), ${messagesDeleted} messages`;
    process.stderr.write(interactive ? `\r${line}` : `${line}\n`);
    if (interactive && sessionsDeleted >= expiredAtStart) process.stderr.write('\n');
  };
}

function summary(report: CleanupReport): string {
  const what = `${report.sessionsDeleted} expired sessions and ${report.messagesDeleted} messages`;
  const stats = `in ${(report.durationMs / 1000).toFixed(1)} s (${report.batches} batch${report.batches === 1 ? '' : 'es'})`;
  if (report.status === 'partial') return `Stopped early (${report.error}): deleted ${what} ${stats}; the rest is left for the next run.`;
  return `Deleted ${what} ${stats}.`;
}

function emptyReport(): CleanupReport {
  return { status: 'failed', dryRun: false, sessionsDeleted: 0, messagesDeleted: 0, batches: 0, durationMs: 0, error: null };
}
