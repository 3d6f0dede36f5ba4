import { createInterface } from 'node:readline/promises';
import { InvalidArgumentError } from 'commander';
import { defineCommands } from '../cli/cli-commands.js';
import { InvalidRequestError } from '../common/domain-error.js';
import { EXIT } from '../common/error-mapping.js';
import { JobRunner } from '../scheduling/index.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { BackupFailedError } from './backup.errors.js';
import { BackupModule } from './backup.module.js';
import { type BackupManifest, BackupService, TIMESTAMP_PATTERN } from './backup.service.js';
import { RestoreService } from './restore.service.js';

const timestampOption = (value: string) => {
  if (!TIMESTAMP_PATTERN.test(value)) throw new InvalidArgumentError('use the YYYYMMDD-HHmmss of `holibot backup list`');
  return value;
};
const progress = (step: string) => process.stderr.write(`${step}\n`);
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `holibot backup [create]`, `backup list`, `backup verify`, `restore`. */
export const backupCommands = defineCommands({
  imports: [BackupModule, SchedulingModule],
  register(program, cli) {
    const backup = program.command('backup').description('backups of the database and configuration in BACKUP_DIR');
    backup
      .command('create', { isDefault: true })
      .description('make a backup now (what the built-in job does every BACKUP_INTERVAL_HOURS), then prune old ones')
      .action(async () => {
        await cli.run(async (app) => {
          const outcome = await app.get(JobRunner).run('backup', 'cli', () => app.get(BackupService).create({ reason: 'manual', onProgress: progress }));
          if (outcome.status === 'skipped') return console.log('Another instance is making a backup; nothing done.');
          if (outcome.status === 'failed') throw outcome.error instanceof BackupFailedError ? outcome.error : new BackupFailedError(String(outcome.error));
          console.log(describe(outcome.result, app.get(BackupService).dir));
        });
      });
    backup
      .command('list')
      .description('the backups, newest first: timestamp, size, database, verified')
      .option('--json', 'print them as JSON')
      .action(async (options: { json?: boolean }) => {
        await cli.run(async (app) => {
          const backups = await app.get(BackupService).list();
          if (options.json) return console.log(JSON.stringify(backups, null, 2));
          if (backups.length === 0) return console.log(`No backups in ${app.get(BackupService).dir}.`);
          console.log('timestamp         size        database  encrypted  reason          verified');
          for (const b of backups) {
            console.log(
              `${b.timestamp}   ${megabytes(b.size).padStart(9)}   ${b.databaseType.padEnd(8)}  ${(b.encrypted ? 'yes' : 'no').padEnd(9)}  ${b.reason.padEnd(14)}  ${b.verifiedAt ?? 'no'}`,
            );
          }
        });
      });
    backup
      .command('verify')
      .description('check every file of a backup against its checksums (and decrypt it when encrypted)')
      .requiredOption('--timestamp <YYYYMMDD-HHmmss>', 'which backup', timestampOption)
      .action(async (options: { timestamp: string }) => {
        await cli.run(async (app) => {
          const manifest = await app.get(BackupService).verify(options.timestamp);
          console.log(
            `Backup ${options.timestamp} is intact: ${manifest.files.length} files match their checksums${manifest.encryption ? ' and decrypt' : ''}.`,
          );
        });
      });

    program
      .command('restore')
      .description('restore a backup over the configured database (stop the server first)')
      .requiredOption('--timestamp <YYYYMMDD-HHmmss>', 'which backup (holibot backup list)', timestampOption)
      .option('--yes', 'do not ask for confirmation')
      .option('--force', 'restore even though a HoliBot server answers on HOST:PORT')
      .option('--with-config', "also put the backup's .env in place of the current one")
      .action(async (options: { timestamp: string; yes?: boolean; force?: boolean; withConfig?: boolean }) => {
        if (!options.yes && !process.stdin.isTTY) throw new InvalidRequestError('not a terminal, so nobody can confirm: pass --yes');
        await cli.run(async (app) => {
          const report = await app.get(RestoreService).restore(options.timestamp, {
            force: options.force ?? false,
            withConfig: options.withConfig ?? false,
            onProgress: progress,
            confirm: (manifest) => (options.yes ? Promise.resolve(true) : ask(manifest)),
          });
          console.log(`Restored backup ${options.timestamp} (safety backup of the state before: ${report.safetyBackup}).`);
          if (report.configRestored) console.log('.env restored from the backup.');
          console.log('table                      backup  restored');
          for (const { table, expected, actual } of report.tables) {
            console.log(`${table.padEnd(25)} ${String(expected).padStart(7)} ${String(actual).padStart(9)}${expected === actual ? '' : '   ← differs'}`);
          }
          if (report.tables.some((t) => t.expected !== t.actual)) {
            if (report.restored.rowCountsExact === false) {
              console.log('(The backup was made while the server wrote, so its counts are approximate: small differences are expected.)');
            } else {
              console.error('holibot: the row counts differ from the backup manifest: check the database before starting the server.');
              process.exitCode = EXIT.failed;
            }
          }
        });
      });
  },
});

function describe(manifest: BackupManifest, dir: string): string {
  const size = manifest.files.reduce((sum, file) => sum + file.size, 0);
  const rows = Object.entries(manifest.rowCounts)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  return `Backup ${manifest.timestamp} in ${dir}/${manifest.timestamp}: ${manifest.files.length} files, ${megabytes(size)}${manifest.encryption ? ', encrypted' : ''} (${rows}).`;
}

async function ask(manifest: BackupManifest): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(
      `Replace the current ${manifest.databaseType} database with backup ${manifest.timestamp} (${manifest.createdAt})? Type "yes": `,
    );
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    prompt.close();
  }
}
