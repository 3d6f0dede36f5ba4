import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SqliteIntegrity } from '../database/sqlite-integrity.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The process answers. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * The process can serve: the database answers a ping, and a SQLite file that answered with
   * corruption errors has passed PRAGMA quick_check again since (503 otherwise).
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
    ]);
  }
}
