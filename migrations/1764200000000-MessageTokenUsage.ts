import type { MigrationInterface, QueryRunner } from 'typeorm';

/** ChatMessage.prompt_tokens and completion_tokens: what each LLM answer cost. */
export class MessageTokenUsage1764200000000 implements MigrationInterface {
  name = 'MessageTokenUsage1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = quote(queryRunner);
    await queryRunner.query(`ALTER TABLE ${q}ChatMessage${q} ADD ${q}prompt_tokens${q} ${intType(queryRunner)} NULL`);
    await queryRunner.query(`ALTER TABLE ${q}ChatMessage${q} ADD ${q}completion_tokens${q} ${intType(queryRunner)} NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = quote(queryRunner);
    // SQLite ≥ 3.35 drops columns in place.
    await queryRunner.query(`ALTER TABLE ${q}ChatMessage${q} DROP COLUMN ${q}completion_tokens${q}`);
    await queryRunner.query(`ALTER TABLE ${q}ChatMessage${q} DROP COLUMN ${q}prompt_tokens${q}`);
  }
}

function isMysql(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}
const quote = (queryRunner: QueryRunner) => (isMysql(queryRunner) ? '`' : '"');
const intType = (queryRunner: QueryRunner) => (isMysql(queryRunner) ? 'int' : 'integer');
