import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SqliteIntegrity } from '../database/sqlite-integrity.js';
import { REDIS_CONNECTION, type RedisConnection } from '../redis/index.js';
import { JobRunner } from '../scheduling/index.js';
import type { LogFilesHealth } from './log-files.js';

export const LOG_FILES_HEALTH = Symbol('LOG_FILES_HEALTH');

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOG_FILES_HEALTH) private readonly logFiles: LogFilesHealth | null,
    // Explicit token: the type `JobRunner | null` is emitted as Object, which Nest cannot resolve.
    @Optional() @Inject(JobRunner) private readonly jobs: JobRunner | null,
    @Optional() @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection | null,
  ) {}

  /** The process answers. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * The process can serve: the database answers a ping, and a SQLite file that answered with
   * corruption errors has passed PRAGMA quick_check again since (503 otherwise). Log files that
   * cannot be written are `degraded`: the chat still works, so the instance stays in service (200).
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const ping = await this.database.pingCheck('database', { timeout: 2000 });
        if (ping.database.status !== 'up' || !(await SqliteIntegrity.of(this.dataSource)?.isDamaged())) return ping;
        return this.indicators.check('database').down({ message: 'the SQLite file is damaged' });
      },
      ...(this.logFiles ? [() => this.logsCheck(this.logFiles!)] : []),
      // Redis down is `degraded`, never a failed check: the instance still serves (rate limit open, jobs skipped).
      ...(this.redis ? [() => this.redisCheck(this.redis!)] : []),
      // Each built-in job (backup, session-cleanup, …): a failed last run is `degraded`, never a failed check.
      ...Object.entries(this.jobs?.status() ?? {}).map(([name, { status, lastRunAt, lastSuccessAt }]) => () => {
        const check = this.indicators.check(name);
        return status === 'up' ? check.up({ lastRunAt, lastSuccessAt }) : check.degraded({ lastRunAt, lastSuccessAt });
      }),
    ]);
  }

  /** A PING now (at most REDIS_COMMAND_TIMEOUT_MS): a hung Redis shows as down too, not only a closed connection. */
  private async redisCheck(redis: RedisConnection): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('redis');
    return (await redis.ping()) ? check.up() : check.degraded({ connection: 'down' });
  }

  private logsCheck(logFiles: LogFilesHealth): HealthIndicatorResult {
    const check = this.indicators.check('logs');
    const { failing, error, droppedLines } = logFiles.state;
    // Only the error code: the message names paths, and /health is public.
    return failing ? check.degraded({ files: 'failing', error, droppedLines }) : check.up();
  }
}
