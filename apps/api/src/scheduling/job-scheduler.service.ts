import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config.js';
import { JobRunner } from './job-runner.service.js';
import type { JobSourceType, ScheduledJob } from './scheduled-job.js';

export const JOB_SOURCES = Symbol('JOB_SOURCES');

/**
 * Puts every enabled feature job on its cron schedule at start (in the destination time zone)
 * and runs each tick through the JobRunner: one instance runs it, and a failure is logged, never
 * thrown. @nestjs/schedule's registry holds the jobs and stops them on shutdown.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(
    @Inject(JOB_SOURCES) private readonly sources: readonly JobSourceType[],
    private readonly moduleRef: ModuleRef,
    private readonly registry: SchedulerRegistry,
    private readonly runner: JobRunner,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const source of this.sources) {
      for (const job of this.moduleRef.get(source, { strict: false }).jobs()) await this.schedule(job);
    }
  }

  private async schedule(job: ScheduledJob): Promise<void> {
    if (!job.enabled) {
      this.logger.log(`${job.name}: disabled`);
      return;
    }
    // Unknown rather than a failed start: the job itself will run and say what is wrong.
    const lastSuccess = await (job.lastSuccessAt?.() ?? Promise.resolve(null)).catch(() => null);
    this.runner.track(job.name, lastSuccess);
    // Half a period: long enough that a later-ticking instance finds the tick taken, short
    // enough to be free at the next one (see JobLockOptions).
    const holdAtLeastMs = Math.min(HOLD_TICK_MAX_MS, (job.everyMs ?? cronPeriodMs(job.cron!, this.config.timeZone)) / 2);
    // The runner never throws; `void` keeps a tick from holding the timer.
    const tick = () =>
      void this.runner
        .run(job.name, 'cron', () => job.run(), { quiet: job.quiet, holdAtLeastMs })
        .then((outcome) => {
          if (outcome.status === 'failed') job.failed?.(outcome.error);
        });
    if (job.everyMs !== undefined) {
      // Each tick a little late, by chance: instances started in step would otherwise meet at the
      // lock every time, and the one that always loses would never be checked.
      const jitterMs = Math.min(job.everyMs / 10, 5_000);
      const interval = setInterval(() => setTimeout(tick, Math.random() * jitterMs).unref(), job.everyMs);
      interval.unref();
      this.registry.addInterval(job.name, interval);
      this.logger.log(`${job.name}: every ${formatInterval(job.everyMs)}`);
      return;
    }
    const cronJob = CronJob.from({ cronTime: job.cron, timeZone: this.config.timeZone, onTick: tick, start: false });
    this.registry.addCronJob(job.name, cronJob);
    cronJob.start();
    this.logger.log(`${job.name}: scheduled "${job.cron}" (${this.config.timeZone}), next at ${cronJob.nextDate().toISO()}`);
  }
}

/** A scheduled tick holds its lock at most this long after it started. */
const HOLD_TICK_MAX_MS = 5 * 60_000;

/** The shortest gap between the cron expression's next few ticks. */
function cronPeriodMs(cron: string, timeZone: string): number {
  const next = CronJob.from({ cronTime: cron, timeZone, onTick: () => undefined, start: false })
    .nextDates(4)
    .map((date) => date.toMillis());
  return Math.min(...next.slice(1).map((at, index) => at - next[index]!));
}

/** 60000 → "1 min", 90000 → "90 s". */
function formatInterval(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}
