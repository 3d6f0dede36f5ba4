import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { LogFilesHealth } from '../observability/log-files.js';
import { HealthController, LOG_FILES_HEALTH } from './health.controller.js';

@Module({})
export class HealthModule {
  /** `logFiles`: the process's log files, shown in /health/ready (null: LOG_FILES_ENABLED=false). */
  static forRoot(logFiles: LogFilesHealth | null): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [{ provide: LOG_FILES_HEALTH, useValue: logFiles }],
    };
  }
}
