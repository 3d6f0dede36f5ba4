import type { MigrationInterface, QueryRunner } from 'typeorm';

/** ChatSession.more_result_ids: the rest of the last search's result, which "show more" pages through. */
export class ChatSessionMoreResults1765200000000 implements MigrationInterface {
  name = 'ChatSessionMoreResults1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = quote(queryRunner);
    // simple-json is text on both databases; existing sessions have no more results (NULL).
    await queryRunner.query(`ALTER TABLE ${q}ChatSession${q} ADD ${q}more_result_ids${q} text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = quote(queryRunner);
    // SQLite ≥ 3.35 drops columns in place.
    await queryRunner.query(`ALTER TABLE ${q}ChatSession${q} DROP COLUMN ${q}more_result_ids${q}`);
  }
}

function isMysql(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}
const quote = (queryRunner: QueryRunner) => (isMysql(queryRunner) ? '`' : '"');
