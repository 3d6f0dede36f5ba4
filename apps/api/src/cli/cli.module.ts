import { type DynamicModule, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { adminCommands } from '../admin/admin.commands.js';
import { alertsCommands } from '../alerts/alerts.commands.js';
import { backupCommands } from '../backup/backup.commands.js';
import { cleanupCommands } from '../cleanup/cleanup.commands.js';
import { CommonModule } from '../common/common.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { databaseCommands } from '../database/database.commands.js';
import { DatabaseModule } from '../database/database.module.js';
import { loadTestCommands } from '../load-test/load-test.commands.js';
import { MetricsModule } from '../observability/metrics/metrics.module.js';
import { poiCommands } from '../poi/poi.commands.js';
import { RedisModule } from '../redis/index.js';
import { reportsCommands } from '../reports/reports.commands.js';
import { widgetRegistryCommands } from '../widget-registry/widget-registry.commands.js';
import type { FeatureCommands } from './cli-commands.js';

/** Every feature's commands, in the order `holibot --help` lists them. A new feature with commands adds one line here. */
export const FEATURE_COMMANDS: readonly FeatureCommands[] = [
  databaseCommands,
  poiCommands,
  cleanupCommands,
  backupCommands,
  alertsCommands,
  reportsCommands,
  widgetRegistryCommands,
  adminCommands,
  loadTestCommands,
];

/** What the command line runs in: configuration, database and the modules the features' commands need; no HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, dataSource: DataSource, features: readonly FeatureCommands[] = FEATURE_COMMANDS): DynamicModule {
    const imports = [...new Set(features.flatMap((feature) => feature.imports))];
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        DatabaseModule.forRoot(dataSource),
        MetricsModule.forRoot({ serve: false }),
        RedisModule.forRoot({ server: false }),
        ...imports,
      ],
    };
  }
}
