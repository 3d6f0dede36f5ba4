import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { HealthController, LOG_FILES_HEALTH } from './health.controller.js';
import type { LogFilesHealth } from './log-files.js';

/**
 * What an operator watches the process with: logging (created before Nest, in logging.ts, so
 * that start-up itself is logged), request ids (request-context.ts) and health (/health/live,
 * /health/ready). Metrics join it here.
 */
@Module({})
export class ObservabilityModule {
  /** `logFiles`: the process's log files, shown in /health/ready (null: LOG_FILES_ENABLED=false). */
  static forRoot(logFiles: LogFilesHealth | null): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ logger: false }), SchedulingModule],
      controllers: [HealthController],
      providers: [{ provide: LOG_FILES_HEALTH, useValue: logFiles }],
    };
  }
}
