import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The widget registry: WidgetVersion (one row per published build, its files' checksums),
 * WidgetDeployment (the one-row pointer to the active version) and AuditLog (who deployed,
 * rolled back, signed in …). SQL per dialect, as TypeORM's schema builder generates it for the
 * entities (the drift test keeps them in step).
 */
export class WidgetRegistryTables1765400000000 implements MigrationInterface {
  name = 'WidgetRegistryTables1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = isMysql(queryRunner) ? MYSQL_UP : SQLITE_UP;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = isMysql(queryRunner) ? '`' : '"';
    for (const table of ['AuditLog', 'WidgetDeployment', 'WidgetVersion']) await queryRunner.query(`DROP TABLE ${q}${table}${q}`);
  }
}

function isMysql(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}

const MYSQL_TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

const MYSQL_UP = [
  `CREATE TABLE \`WidgetVersion\` (\`id\` int NOT NULL AUTO_INCREMENT, \`version\` varchar(64) NOT NULL, \`content_sha256\` varchar(64) NOT NULL, \`files\` text NOT NULL, \`size_raw\` int NOT NULL, \`size_gzip\` int NOT NULL, \`size_brotli\` int NOT NULL, \`notes\` text NULL, \`uploaded_by\` varchar(191) NOT NULL, \`created_at\` datetime(3) NOT NULL, \`deployed_at\` datetime(3) NULL, \`state\` varchar(16) NOT NULL, UNIQUE INDEX \`UQ_WidgetVersion_version\` (\`version\`), UNIQUE INDEX \`UQ_WidgetVersion_content_sha256\` (\`content_sha256\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
  `CREATE TABLE \`WidgetDeployment\` (\`id\` int NOT NULL, \`active_version\` varchar(64) NOT NULL, \`previous_version\` varchar(64) NULL, \`deployed_at\` datetime(3) NOT NULL, \`deployed_by\` varchar(191) NOT NULL, PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
  `CREATE TABLE \`AuditLog\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor\` varchar(191) NOT NULL, \`action\` varchar(64) NOT NULL, \`target\` varchar(191) NULL, \`detail\` text NULL, \`ip\` varchar(45) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`IDX_AuditLog_created_at\` (\`created_at\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
];

const SQLITE_UP = [
  `CREATE TABLE "WidgetVersion" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "version" varchar(64) NOT NULL, "content_sha256" varchar(64) NOT NULL, "files" text NOT NULL, "size_raw" integer NOT NULL, "size_gzip" integer NOT NULL, "size_brotli" integer NOT NULL, "notes" text, "uploaded_by" varchar(191) NOT NULL, "created_at" datetime(3) NOT NULL, "deployed_at" datetime(3), "state" varchar(16) NOT NULL)`,
  `CREATE UNIQUE INDEX "UQ_WidgetVersion_version" ON "WidgetVersion" ("version")`,
  `CREATE UNIQUE INDEX "UQ_WidgetVersion_content_sha256" ON "WidgetVersion" ("content_sha256")`,
  `CREATE TABLE "WidgetDeployment" ("id" integer PRIMARY KEY NOT NULL, "active_version" varchar(64) NOT NULL, "previous_version" varchar(64), "deployed_at" datetime(3) NOT NULL, "deployed_by" varchar(191) NOT NULL)`,
  `CREATE TABLE "AuditLog" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "actor" varchar(191) NOT NULL, "action" varchar(64) NOT NULL, "target" varchar(191), "detail" text, "ip" varchar(45), "created_at" datetime(3) NOT NULL)`,
  `CREATE INDEX "IDX_AuditLog_created_at" ON "AuditLog" ("created_at")`,
];
