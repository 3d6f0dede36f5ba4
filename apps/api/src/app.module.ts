import { type DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';
import { AdminModule } from './admin/admin.module.js';
import { AlertsJobs } from './alerts/alerts.jobs.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { BackupJobs } from './backup/backup.jobs.js';
import { BackupModule } from './backup/backup.module.js';
import { chatRateLimitKey } from './chat/chat-rate-limit.js';
import { CleanupJobs } from './cleanup/cleanup.jobs.js';
import { CleanupModule } from './cleanup/cleanup.module.js';
import { ChatModule } from './chat/chat.module.js';
import { CommonModule } from './common/common.module.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import type { LogFilesHealth } from './observability/log-files.js';
import { MetricsModule } from './observability/metrics/metrics.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { Metrics } from './observability/metrics/metrics.service.js';
import { PoiModule } from './poi/poi.module.js';
import { REDIS_CONNECTION, type RedisConnection, RedisModule, RedisThrottlerStorage } from './redis/index.js';
import { ReportsJobs } from './reports/reports.jobs.js';
import { ReportsModule } from './reports/reports.module.js';
import { SchedulingModule } from './scheduling/scheduling.module.js';
import { SessionModule } from './session/session.module.js';
import { WidgetRegistryModule } from './widget-registry/widget-registry.module.js';

/** The HTTP application: every feature module. */
@Module({})
export class AppModule {
  /** `dataSource`: opened by openDatabase; `logFiles`: the log files' state, for /health/ready. */
  static forRoot(config: AppConfig, dataSource: DataSource, logFiles: LogFilesHealth | null = null): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        DatabaseModule.forRoot(dataSource),
        // METRICS_ENABLED=false: no /metrics, no listener, no default process metrics.
        MetricsModule.forRoot({ serve: config.metrics.enabled }),
        RedisModule.forRoot({ server: true }),
        ThrottlerModule.forRootAsync({
          inject: [REDIS_CONNECTION, Metrics],
          // With REDIS_URL every instance counts in Redis; otherwise the throttler's in-memory storage.
          useFactory: (redis: RedisConnection | null, metrics: Metrics) => ({
            throttlers: [{ name: 'default', ttl: config.rateLimit.windowMs, limit: config.rateLimit.maxRequests }],
            skipIf: () => !config.rateLimit.enabled,
            generateKey: (_context, tracker, throttler) => chatRateLimitKey(throttler, tracker),
            ...(redis ? { storage: new RedisThrottlerStorage(redis, metrics) } : {}),
          }),
        }),
        PoiModule,
        SessionModule,
        ChatModule,
        FeedbackModule,
        ObservabilityModule.forRoot(logFiles),
        WidgetRegistryModule,
        CleanupModule,
        BackupModule,
        AlertsModule,
        ReportsModule,
        AdminModule,
        // The built-in cron jobs, each feature's JobSource (scheduling/scheduled-job.ts).
        SchedulingModule.forRoot([CleanupJobs, BackupJobs, AlertsJobs, ReportsJobs]),
      ],
    };
  }
}
