import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { LogFilesHealth } from '../observability/log-files.js';

export const LOG_FILES_HEALTH = Symbol('LOG_FILES_HEALTH');

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    @Inject(LOG_FILES_HEALTH) private readonly logFiles: LogFilesHealth | null,
  ) {}

  /** The process answers. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * The process can serve: the database answers a ping (503 otherwise). Log files that cannot be
   * written are `degraded` — the chat still works, so the instance stays in service (200).
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      ...(this.logFiles ? [() => this.logsCheck(this.logFiles!)] : []),
    ]);
  }

  private logsCheck(logFiles: LogFilesHealth): HealthIndicatorResult {
    const check = this.indicators.check('logs');
    const { failing, error, droppedLines } = logFiles.state;
    // Only the error code: the message names paths, and /health is public.
    return failing ? check.degraded({ files: 'failing', error, droppedLines }) : check.up();
  }
}
