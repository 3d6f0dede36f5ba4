import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { REDIS_CONNECTION, type RedisConnection, RedisJobLock } from '../redis/index.js';
import { JobLock, MysqlJobLock, SqliteFileJobLock } from './job-lock.js';
import { JobRunner } from './job-runner.service.js';
import { JOB_SOURCES, JobScheduler } from './job-scheduler.service.js';
import type { JobSourceType } from './scheduled-job.js';

/**
 * The job lock and runner, for the server's cron jobs and the command line's runs of the same
 * jobs. `forRoot(sources)`, in the server only, adds the schedule itself: @nestjs/schedule is
 * registered here and nowhere else.
 */
@Module({
  providers: [
    {
      provide: JobLock,
      inject: [AppConfig, getDataSourceToken(), { token: REDIS_CONNECTION, optional: true }],
      useFactory: (config: AppConfig, dataSource: DataSource, redis: RedisConnection | null): JobLock => {
        // Several instances share Redis: a lease there. Otherwise the database's own lock.
        if (redis) return new RedisJobLock(redis);
        return config.database.type === 'mysql' ? new MysqlJobLock(dataSource, config.database.name) : new SqliteFileJobLock(config.database.sqlitePath);
      },
    },
    JobRunner,
  ],
  exports: [JobLock, JobRunner],
})
export class SchedulingModule {
  static forRoot(sources: readonly JobSourceType[]): DynamicModule {
    // A module of its own around the one SchedulingModule: the server has one lock and one runner.
    return {
      module: CronScheduleModule,
      imports: [ScheduleModule.forRoot({ cronJobs: true, intervals: false, timeouts: false }), SchedulingModule],
      providers: [{ provide: JOB_SOURCES, useValue: sources }, JobScheduler],
    };
  }
}

@Module({})
class CronScheduleModule {}
