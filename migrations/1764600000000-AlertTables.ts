import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AlertEvent (each time an alert rule held: firing, then resolved) and AlertRuleState (each
 * rule's latest reading). SQL per dialect, as TypeORM's schema builder generates it for the
 * entities (the drift test keeps the two in step).
 */
export class AlertTables1764600000000 implements MigrationInterface {
  name = 'AlertTables1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = isMysql(queryRunner) ? MYSQL_UP : SQLITE_UP;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = isMysql(queryRunner) ? '`' : '"';
    // Their indexes go with them.
    for (const table of ['AlertRuleState', 'AlertEvent']) await queryRunner.query(`DROP TABLE ${q}${table}${q}`);
  }
}

function isMysql(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}

const MYSQL_TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

const MYSQL_UP = [
  `CREATE TABLE \`AlertEvent\` (\`id\` int NOT NULL AUTO_INCREMENT, \`rule\` varchar(32) NOT NULL, \`state\` varchar(16) NOT NULL, \`value\` double NOT NULL, \`threshold\` double NOT NULL, \`summary\` varchar(500) NOT NULL, \`started_at\` datetime(3) NOT NULL, \`resolved_at\` datetime(3) NULL, \`last_notified_at\` datetime(3) NULL, \`notified_channels\` varchar(64) NOT NULL DEFAULT '', \`host\` varchar(255) NULL, INDEX \`IDX_AlertEvent_started_at\` (\`started_at\`), INDEX \`IDX_AlertEvent_rule_state\` (\`rule\`, \`state\`), PRIMARY KEY (\`id\`)) ${MYSQL_TABLE_OPTIONS}`,
  `CREATE TABLE \`AlertRuleState\` (\`rule\` varchar(32) NOT NULL, \`value\` double NULL, \`threshold\` double NOT NULL, \`holds\` tinyint NOT NULL, \`summary\` varchar(500) NOT NULL, \`checked_at\` datetime(3) NOT NULL, \`checked_by\` varchar(255) NOT NULL, \`held_at\` datetime(3) NULL, \`held_by\` varchar(255) NULL, PRIMARY KEY (\`rule\`)) ${MYSQL_TABLE_OPTIONS}`,
];

const SQLITE_UP = [
  `CREATE TABLE "AlertEvent" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "rule" varchar(32) NOT NULL, "state" varchar(16) NOT NULL, "value" double NOT NULL, "threshold" double NOT NULL, "summary" varchar(500) NOT NULL, "started_at" datetime(3) NOT NULL, "resolved_at" datetime(3), "last_notified_at" datetime(3), "notified_channels" varchar(64) NOT NULL DEFAULT (''), "host" varchar(255))`,
  `CREATE INDEX "IDX_AlertEvent_started_at" ON "AlertEvent" ("started_at")`,
  `CREATE INDEX "IDX_AlertEvent_rule_state" ON "AlertEvent" ("rule", "state")`,
  `CREATE TABLE "AlertRuleState" ("rule" varchar(32) PRIMARY KEY NOT NULL, "value" double, "threshold" double NOT NULL, "holds" boolean NOT NULL, "summary" varchar(500) NOT NULL, "checked_at" datetime(3) NOT NULL, "checked_by" varchar(255) NOT NULL, "held_at" datetime(3), "held_by" varchar(255))`,
];
