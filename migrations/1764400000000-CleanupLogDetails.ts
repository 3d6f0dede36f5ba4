import type { MigrationInterface, QueryRunner } from 'typeorm';

/** ChatSessionCleanupLog: messages deleted, outcome, error, what started the run and where it ran. */
export class CleanupLogDetails1764400000000 implements MigrationInterface {
  name = 'CleanupLogDetails1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = quote(queryRunner);
    const table = `${q}ChatSessionCleanupLog${q}`;
    const int = isMysql(queryRunner) ? 'int' : 'integer';
    const text = (length: number) => `varchar(${length})`;
    // Written as TypeORM's schema builder writes defaults for each dialect (the drift test compares).
    const dflt = (value: string) => (isMysql(queryRunner) ? `DEFAULT ${value}` : `DEFAULT (${value})`);
    await queryRunner.query(`ALTER TABLE ${table} ADD ${q}messages_deleted${q} ${int} NOT NULL ${dflt('0')}`);
    await queryRunner.query(`ALTER TABLE ${table} ADD ${q}status${q} ${text(16)} NOT NULL ${dflt("'ok'")}`);
    await queryRunner.query(`ALTER TABLE ${table} ADD ${q}error${q} ${text(1000)} NULL`);
    await queryRunner.query(`ALTER TABLE ${table} ADD ${q}trigger${q} ${text(8)} NOT NULL ${dflt("'cron'")}`);
    await queryRunner.query(`ALTER TABLE ${table} ADD ${q}host${q} ${text(255)} NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = quote(queryRunner);
    // SQLite ≥ 3.35 drops columns in place.
    for (const column of ['host', 'trigger', 'error', 'status', 'messages_deleted']) {
      await queryRunner.query(`ALTER TABLE ${q}ChatSessionCleanupLog${q} DROP COLUMN ${q}${column}${q}`);
    }
  }
}

function isMysql(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}
const quote = (queryRunner: QueryRunner) => (isMysql(queryRunner) ? '`' : '"');
