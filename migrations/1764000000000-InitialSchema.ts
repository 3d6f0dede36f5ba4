import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ChatSession, ChatMessage, ChatSessionCleanupLog and Poi. SQL per dialect, as TypeORM's
 * schema builder generates it for the entities (the drift test keeps the two in step).
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = isMysql(queryRunner) ? MYSQL_UP : SQLITE_UP;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = isMysql(queryRunner) ? '`' : '"';
    for (const table of ['ChatMessage', 'ChatSessionCleanupLog', 'Poi', 'ChatSession']) {
      await queryRunner.query(`DROP TABLE ${q}${table}${q}`);
    }
  }
}

function isMysql(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}

const MYSQL_TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

const MYSQL_UP = [
  `CREATE TABLE \`ChatSession\` (\`id\` varchar(36) NOT NULL, \`user_id\` varchar(255) NULL, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`language\` varchar(5) NOT NULL DEFAULT 'en', \`last_intent\` varchar(32) NULL, \`last_result_ids\` text NULL, \`focus_poi_id\` int NULL, \`message_count\` int NOT NULL DEFAULT '0', INDEX \`IDX_ChatSession_user_id\` (\`user_id\`), INDEX \`IDX_ChatSession_expires_at\` (\`expires_at\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
  `CREATE TABLE \`ChatMessage\` (\`id\` int NOT NULL AUTO_INCREMENT, \`session_id\` varchar(36) NOT NULL, \`role\` varchar(16) NOT NULL, \`content\` text NOT NULL, \`poi_ids\` text NULL, \`language\` varchar(5) NOT NULL, \`intent\` varchar(32) NULL, \`engine\` varchar(16) NULL, \`latency_ms\` int NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`IDX_ChatMessage_session_created\` (\`session_id\`, \`created_at\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
  `CREATE TABLE \`ChatSessionCleanupLog\` (\`id\` int NOT NULL AUTO_INCREMENT, \`sessions_deleted\` int NOT NULL, \`run_at\` datetime(3) NOT NULL, \`duration_ms\` int NULL, INDEX \`IDX_ChatSessionCleanupLog_run_at\` (\`run_at\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
  `CREATE TABLE \`Poi\` (\`id\` int NOT NULL AUTO_INCREMENT, \`source\` varchar(50) NOT NULL, \`external_id\` varchar(100) NOT NULL, \`name\` varchar(255) NOT NULL, \`name_i18n\` text NULL, \`description\` text NULL, \`description_i18n\` text NULL, \`category\` varchar(50) NOT NULL, \`subcategory\` varchar(50) NOT NULL, \`address\` varchar(255) NULL, \`city\` varchar(100) NULL, \`latitude\` double NOT NULL, \`longitude\` double NOT NULL, \`rating\` double NULL, \`review_count\` int NULL, \`price_level\` int NULL, \`opening_hours\` varchar(500) NULL, \`outdoor_seating\` tinyint NULL, \`wheelchair\` tinyint NULL, \`vegetarian\` tinyint NULL, \`vegan\` tinyint NULL, \`dogs\` tinyint NULL, \`kids\` tinyint NULL, \`free\` tinyint NULL, \`cuisine\` text NULL, \`website\` varchar(500) NULL, \`phone\` varchar(50) NULL, \`tags\` text NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`IDX_Poi_category\` (\`category\`, \`subcategory\`), UNIQUE INDEX \`UQ_Poi_source_external_id\` (\`source\`, \`external_id\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
  `ALTER TABLE \`ChatMessage\` ADD CONSTRAINT \`FK_ChatMessage_session\` FOREIGN KEY (\`session_id\`) REFERENCES \`ChatSession\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
];

const SQLITE_UP = [
  `CREATE TABLE "ChatSession" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(255), "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL, "expires_at" datetime(3) NOT NULL, "language" varchar(5) NOT NULL DEFAULT ('en'), "last_intent" varchar(32), "last_result_ids" text, "focus_poi_id" integer, "message_count" integer NOT NULL DEFAULT (0))`,
  `CREATE INDEX "IDX_ChatSession_user_id" ON "ChatSession" ("user_id")`,
  `CREATE INDEX "IDX_ChatSession_expires_at" ON "ChatSession" ("expires_at")`,
  `CREATE TABLE "ChatMessage" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "session_id" varchar(36) NOT NULL, "role" varchar(16) NOT NULL, "content" text NOT NULL, "poi_ids" text, "language" varchar(5) NOT NULL, "intent" varchar(32), "engine" varchar(16), "latency_ms" integer, "created_at" datetime(3) NOT NULL, CONSTRAINT "FK_ChatMessage_session" FOREIGN KEY ("session_id") REFERENCES "ChatSession" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
  `CREATE INDEX "IDX_ChatMessage_session_created" ON "ChatMessage" ("session_id", "created_at")`,
  `CREATE TABLE "ChatSessionCleanupLog" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sessions_deleted" integer NOT NULL, "run_at" datetime(3) NOT NULL, "duration_ms" integer)`,
  `CREATE INDEX "IDX_ChatSessionCleanupLog_run_at" ON "ChatSessionCleanupLog" ("run_at")`,
  `CREATE TABLE "Poi" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "source" varchar(50) NOT NULL, "external_id" varchar(100) NOT NULL, "name" varchar(255) NOT NULL, "name_i18n" text, "description" text, "description_i18n" text, "category" varchar(50) NOT NULL, "subcategory" varchar(50) NOT NULL, "address" varchar(255), "city" varchar(100), "latitude" double NOT NULL, "longitude" double NOT NULL, "rating" double, "review_count" integer, "price_level" integer, "opening_hours" varchar(500), "outdoor_seating" boolean, "wheelchair" boolean, "vegetarian" boolean, "vegan" boolean, "dogs" boolean, "kids" boolean, "free" boolean, "cuisine" text, "website" varchar(500), "phone" varchar(50), "tags" text NOT NULL, "active" boolean NOT NULL DEFAULT (1), "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL)`,
  `CREATE INDEX "IDX_Poi_category" ON "Poi" ("category", "subcategory")`,
  `CREATE UNIQUE INDEX "UQ_Poi_source_external_id" ON "Poi" ("source", "external_id")`,
];
