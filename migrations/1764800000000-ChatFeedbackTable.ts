import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ChatFeedback: a visitor's rating of an assistant message (one per message), deleted with its
 * session or message. SQL per dialect, as TypeORM's schema builder generates it for the entity
 * (the drift test keeps the two in step).
 */
export class ChatFeedbackTable1764800000000 implements MigrationInterface {
  name = 'ChatFeedbackTable1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = isMysql(queryRunner) ? MYSQL_UP : SQLITE_UP;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = isMysql(queryRunner) ? '`' : '"';
    // Its indexes and foreign keys go with it.
    await queryRunner.query(`DROP TABLE ${q}ChatFeedback${q}`);
  }
}

function isMysql(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}

const MYSQL_TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

const MYSQL_UP = [
  `CREATE TABLE \`ChatFeedback\` (\`id\` int NOT NULL AUTO_INCREMENT, \`session_id\` varchar(36) NOT NULL, \`message_id\` int NOT NULL, \`rating\` varchar(8) NOT NULL, \`reason\` varchar(16) NULL, \`comment\` text NULL, \`poi_id\` int NULL, \`language\` varchar(5) NULL, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`IDX_ChatFeedback_session_id\` (\`session_id\`), INDEX \`IDX_ChatFeedback_created_at\` (\`created_at\`), UNIQUE INDEX \`UQ_ChatFeedback_message_id\` (\`message_id\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
  `ALTER TABLE \`ChatFeedback\` ADD CONSTRAINT \`FK_ChatFeedback_session\` FOREIGN KEY (\`session_id\`) REFERENCES \`ChatSession\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE \`ChatFeedback\` ADD CONSTRAINT \`FK_ChatFeedback_message\` FOREIGN KEY (\`message_id\`) REFERENCES \`ChatMessage\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
];

const SQLITE_UP = [
  `CREATE TABLE "ChatFeedback" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "session_id" varchar(36) NOT NULL, "message_id" integer NOT NULL, "rating" varchar(8) NOT NULL, "reason" varchar(16), "comment" text, "poi_id" integer, "language" varchar(5), "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL, CONSTRAINT "FK_ChatFeedback_session" FOREIGN KEY ("session_id") REFERENCES "ChatSession" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ChatFeedback_message" FOREIGN KEY ("message_id") REFERENCES "ChatMessage" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
  `CREATE INDEX "IDX_ChatFeedback_session_id" ON "ChatFeedback" ("session_id")`,
  `CREATE INDEX "IDX_ChatFeedback_created_at" ON "ChatFeedback" ("created_at")`,
  `CREATE UNIQUE INDEX "UQ_ChatFeedback_message_id" ON "ChatFeedback" ("message_id")`,
];
