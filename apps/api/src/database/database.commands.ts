import { MigrationExecutor, type DataSource } from 'typeorm';
import { pendingSchemaChanges, withoutQueryTimeout } from '@holibot/database';
import { defineCommands } from '../cli/cli-commands.js';
import { InvalidRequestError } from '../common/domain-error.js';
import { EXIT } from '../common/error-mapping.js';
import { migrate } from './database.module.js';

/** `holibot migrate [--revert | --check]`. */
export const databaseCommands = defineCommands({
  imports: [],
  register(program, cli) {
    program
      .command('migrate')
      .description('apply pending database migrations (DB_TYPE, DB_* or DB_SQLITE_PATH select the database)')
      .option('--revert', 'undo the most recent migration instead')
      .option('--check', 'change nothing: exit 1 if migrations are pending or the schema differs from the entities')
      .action(async (options: { revert?: boolean; check?: boolean }) => {
        if (options.revert && options.check) throw new InvalidRequestError('--revert and --check do not go together');
        await cli.run(async (_app, dataSource) => {
          if (options.check) process.exitCode = await checkSchema(dataSource);
          else if (options.revert) await revertLast(dataSource);
          else {
            const applied = await migrate(dataSource);
            console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date.');
          }
        });
      });
  },
});

async function revertLast(dataSource: DataSource): Promise<void> {
  const executed = await new MigrationExecutor(dataSource).getExecutedMigrations();
  if (executed.length === 0) {
    console.log('No migration has been applied: nothing to revert.');
    return;
  }
  // The list comes newest first (highest id), the one undoLastMigration reverts.
  await withoutQueryTimeout(dataSource, () => dataSource.undoLastMigration({ transaction: 'each' }));
  console.log(`Reverted ${executed[0]!.name}.`);
}

/**
 * `migrate --check`: read-only, so that a deploy pipeline or a monitor can ask without changing the
 * database. getPendingMigrations only reads (a missing migrations table means all are pending),
 * unlike showMigrations, which creates that table. Drift is only meaningful once nothing is pending.
 */
async function checkSchema(dataSource: DataSource): Promise<number> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length) {
    console.error(`Pending migrations, not applied: ${pending.map((migration) => migration.name).join(', ')} — run \`holibot migrate\` to apply them.`);
    return EXIT.failed;
  }
  const drift = await pendingSchemaChanges(dataSource);
  if (drift.length) {
    console.error(`Schema drift — the entities need:\n${drift.join(';\n')}`);
    return EXIT.failed;
  }
  console.log('Database schema is up to date.');
  return EXIT.ok;
}
