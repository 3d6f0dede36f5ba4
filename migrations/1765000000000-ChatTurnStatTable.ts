import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ChatTurnStat: one row per answered turn for the gaps and usage reports, kept after the
 * conversation is deleted (REPORT_RETENTION_DAYS). SQL per dialect, as TypeORM's schema builder
 * generates it for the entity (the drift test keeps the two in step).
 */
export class ChatTurnStatTable1765000000000 implements MigrationInterface {
  name = 'ChatTurnStatTable1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = isMysql(queryRunner) ? MYSQL_UP : SQLITE_UP;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = isMysql(queryRunner) ? '`' : '"';
    // Its index goes with it.
    await queryRunner.query(`DROP TABLE ${q}ChatTurnStat${q}`);
  }
}

function isMysql(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}

const MYSQL_TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

const MYSQL_UP = [
  `CREATE TABLE \`ChatTurnStat\` (\`id\` int NOT NULL AUTO_INCREMENT, \`created_at\` datetime(3) NOT NULL, \`language\` varchar(5) NOT NULL, \`engine\` varchar(16) NOT NULL, \`intent\` varchar(32) NOT NULL, \`result_count\` int NOT NULL, \`topics\` varchar(255) NULL, \`attributes\` varchar(255) NULL, \`normalized_query\` varchar(200) NULL, \`model\` varchar(64) NULL, \`llm_outcome\` varchar(16) NULL, \`llm_calls\` int NOT NULL DEFAULT '0', \`prompt_tokens\` int NULL, \`completion_tokens\` int NULL, \`latency_ms\` int NOT NULL, INDEX \`IDX_ChatTurnStat_created_at\` (\`created_at\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
];

const SQLITE_UP = [
  `CREATE TABLE "ChatTurnStat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL, "language" varchar(5) NOT NULL, "engine" varchar(16) NOT NULL, "intent" varchar(32) NOT NULL, "result_count" integer NOT NULL, "topics" varchar(255), "attributes" varchar(255), "normalized_query" varchar(200), "model" varchar(64), "llm_outcome" varchar(16), "llm_calls" integer NOT NULL DEFAULT (0), "prompt_tokens" integer, "completion_tokens" integer, "latency_ms" integer NOT NULL)`,
  `CREATE INDEX "IDX_ChatTurnStat_created_at" ON "ChatTurnStat" ("created_at")`,
];
