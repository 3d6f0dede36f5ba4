#!/usr/bin/env node
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { type DataSource, MigrationExecutor } from 'typeorm';
import { pendingSchemaChanges, withoutQueryTimeout } from '@holibot/database';
import { CliModule } from './app.module.js';
import { AppConfig, ConfigError } from './config/app-config.js';
import { migrate, prepareSchema } from './database/database.module.js';
import { openDatabase } from './database/open-database.js';
import { DEFAULT_SOURCE, ImportFileError, PoiImportService, SOURCE_PATTERN } from './poi/poi-import.service.js';

/**
 * `holibot <command>`: operator tasks with the same modules and configuration as the server,
 * without an HTTP listener. Exit codes: 0 done, 1 failed, 2 bad usage.
 */
async function withContext<T>(work: (get: <S>(token: new (...args: never[]) => S) => S, dataSource: DataSource) => Promise<T>): Promise<T> {
  const config = AppConfig.fromProcess();
  const dataSource = await openDatabase(config, {
    warn: (message) => console.error(`holibot: ${message}`),
    debug: (message) => config.log.level === 'debug' && console.error(message),
  });
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, dataSource), { logger: ['error', 'warn'], abortOnError: false });
  try {
    return await work((token) => app.get(token), dataSource);
  } finally {
    await app.close();
  }
}

const program = new Command('holibot')
  .description('HoliBot command line: database migrations and the POI catalogue')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

program
  .command('migrate')
  .description('apply pending database migrations (DB_TYPE, DB_* or DB_SQLITE_PATH select the database)')
  .option('--revert', 'undo the most recent migration instead')
  .option('--check', 'change nothing: exit 1 if migrations are pending or the schema differs from the entities')
  .action(async (options: { revert?: boolean; check?: boolean }) => {
    if (options.revert && options.check) {
      console.error('holibot: --revert and --check do not go together');
      process.exitCode = 2;
      return;
    }
    await withContext(async (_get, dataSource) => {
      if (options.check) {
        process.exitCode = await checkSchema(dataSource);
        return;
      }
      if (options.revert) {
        const executed = await new MigrationExecutor(dataSource).getExecutedMigrations();
        if (executed.length === 0) {
          console.log('No migration has been applied: nothing to revert.');
          return;
        }
        // The list comes newest first (highest id), the one undoLastMigration reverts.
        await withoutQueryTimeout(dataSource, () => dataSource.undoLastMigration({ transaction: 'each' }));
        console.log(`Reverted ${executed[0]!.name}.`);
        return;
      }
      const applied = await migrate(dataSource);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date.');
    });
  });

/**
 * `migrate --check`: read-only, so that a deploy pipeline or a monitor can ask without changing the
 * database. getPendingMigrations only reads (a missing migrations table means all are pending),
 * unlike showMigrations, which creates that table. Drift is only meaningful once nothing is pending.
 */
async function checkSchema(dataSource: DataSource): Promise<number> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length) {
    console.error(`Pending migrations, not applied: ${pending.map((migration) => migration.name).join(', ')} — run \`holibot migrate\` to apply them.`);
    return 1;
  }
  const drift = await pendingSchemaChanges(dataSource);
  if (drift.length) {
    console.error(`Schema drift — the entities need:\n${drift.join(';\n')}`);
    return 1;
  }
  console.log('Database schema is up to date.');
  return 0;
}

const poi = program.command('poi').description('the POI catalogue');
poi
  .command('import')
  .description('load a GeoJSON FeatureCollection of Point features with OpenStreetMap tags (upsert by feature id)')
  .argument('<file>', 'GeoJSON file')
  .option('--replace', 'deactivate every POI that is not in this file')
  .option('--source <name>', 'namespace of the feature ids', (value: string) => {
    if (!SOURCE_PATTERN.test(value)) throw new InvalidArgumentError('use 1–50 letters, digits, dots, dashes or underscores');
    return value;
  }, DEFAULT_SOURCE)
  .action(async (file: string, options: { replace?: boolean; source: string }) => {
    await withContext(async (get, dataSource) => {
      const applied = await prepareSchema(dataSource, get(AppConfig));
      if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
      const interactive = process.stderr.isTTY;
      const report = await get(PoiImportService).importFile(file, {
        source: options.source,
        replace: options.replace ?? false,
        onProgress: (phase, done, total) => {
          if (total < 1000) return;
          const line = `${phase === 'checking' ? 'Checking features' : 'Storing places  '}… ${done}/${total} (${Math.round((done / total) * 100)}%)`;
          process.stderr.write(interactive ? `\r${line}` : `${line}\n`);
          if (interactive && done === total) process.stderr.write('\n');
        },
      });
      for (const rejection of report.rejected) {
        console.error(`  rejected feature #${rejection.index}${rejection.id ? ` (${rejection.id})` : ''}: ${rejection.reason}`);
      }
      for (const warning of report.warnings) console.error(`  warning, feature #${warning.index} (${warning.id}): ${warning.message}`);
      console.log(
        `Imported ${file} (source "${report.source}"): ${report.total} features — ${report.created} created, ${report.updated} updated, ` +
          `${report.unchanged} unchanged, ${report.rejected.length} skipped${options.replace ? `, ${report.deactivated} removed from the catalogue` : ''}.`,
      );
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  if (error instanceof ConfigError || error instanceof ImportFileError) console.error(error.message);
  else console.error(`holibot: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
