import { Test, type TestingModule } from '@nestjs/testing';
import { ThrottlerModule } from '@nestjs/throttler';
import type { DynamicModule, Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createDataSource, type DatabaseConfig } from '@holibot/database';
import { databaseEnv } from '@holibot/database/testing';
import { ChatModule } from '../../src/chat/chat.module.js';
import { ChatService } from '../../src/chat/chat.service.js';
import { Clock, FixedClock } from '../../src/common/clock.js';
import { CommonModule } from '../../src/common/common.module.js';
import { AppConfig } from '../../src/config/app-config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { MetricsModule } from '../../src/observability/metrics/metrics.module.js';
import { PoiCatalogue } from '../../src/poi/index.js';

/**
 * ChatModule (and `imports`, a feature under test) through Nest's injector, without HTTP: on a
 * migrated database, the catalogue loaded as the server's start loads it (the sample one unless
 * `env` names another), the clock fixed at `now` (the test may move it).
 */
export async function chatContext(options: { database: DatabaseConfig; now: Date; env?: Record<string, string>; imports?: Array<Type | DynamicModule> }) {
  const config = AppConfig.fromEnv({ NODE_ENV: 'test', POI_RELOAD_INTERVAL_MS: '0', ...databaseEnv(options.database), ...options.env });
  const dataSource: DataSource = await (await createDataSource(config.database)).initialize();
  await dataSource.runMigrations();
  const clock = new FixedClock(options.now);
  const module: TestingModule = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      CommonModule,
      DatabaseModule.forRoot(dataSource),
      MetricsModule.forRoot({ serve: false }),
      // The storage ChatRateLimit counts in (the limits are under test at the edges, not here).
      ThrottlerModule.forRoot([{ ttl: 60_000, limit: 1000 }]),
      ChatModule,
      ...(options.imports ?? []),
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .setLogger({ log() {}, error() {}, warn() {}, debug() {}, verbose() {} })
    .compile();
  await module.init();
  await module.get(PoiCatalogue).start();
  return {
    module,
    dataSource,
    clock,
    config,
    chat: module.get(ChatService),
    async close() {
      await module.close();
      // DatabaseModule closes it with the module; a test that failed first may not have got there.
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
