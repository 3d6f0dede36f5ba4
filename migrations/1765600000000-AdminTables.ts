import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin sign-in: AdminUser (e-mail, argon2id hash, role) and AdminSession (one row per
 * signed-in browser, deleted with its user). SQL per dialect, as TypeORM's schema builder
 * generates it for the entities (the drift test keeps them in step).
 */
export class AdminTables1765600000000 implements MigrationInterface {
  name = 'AdminTables1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = isMysql(queryRunner) ? MYSQL_UP : SQLITE_UP;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = isMysql(queryRunner) ? '`' : '"';
    for (const table of ['AdminSession', 'AdminUser']) await queryRunner.query(`DROP TABLE ${q}${table}${q}`);
  }
}

function isMysql(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}

const MYSQL_TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

const MYSQL_UP = [
  `CREATE TABLE \`AdminUser\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(191) NOT NULL, \`password_hash\` varchar(255) NOT NULL, \`role\` varchar(16) NOT NULL, \`created_at\` datetime(3) NOT NULL, \`last_login_at\` datetime(3) NULL, \`disabled\` tinyint NOT NULL DEFAULT 0, UNIQUE INDEX \`UQ_AdminUser_email\` (\`email\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
  `CREATE TABLE \`AdminSession\` (\`id\` varchar(64) NOT NULL, \`user_id\` int NOT NULL, \`csrf_token\` varchar(64) NOT NULL, \`created_at\` datetime(3) NOT NULL, \`last_seen_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`ip\` varchar(45) NULL, INDEX \`IDX_AdminSession_user_id\` (\`user_id\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
  `ALTER TABLE \`AdminSession\` ADD CONSTRAINT \`FK_AdminSession_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`AdminUser\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
];

const SQLITE_UP = [
  `CREATE TABLE "AdminUser" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(191) NOT NULL, "password_hash" varchar(255) NOT NULL, "role" varchar(16) NOT NULL, "created_at" datetime(3) NOT NULL, "last_login_at" datetime(3), "disabled" boolean NOT NULL DEFAULT (0))`,
  `CREATE UNIQUE INDEX "UQ_AdminUser_email" ON "AdminUser" ("email")`,
  `CREATE TABLE "AdminSession" ("id" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" datetime(3) NOT NULL, "last_seen_at" datetime(3) NOT NULL, "expires_at" datetime(3) NOT NULL, "ip" varchar(45), CONSTRAINT "FK_AdminSession_user" FOREIGN KEY ("user_id") REFERENCES "AdminUser" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
  `CREATE INDEX "IDX_AdminSession_user_id" ON "AdminSession" ("user_id")`,
];
