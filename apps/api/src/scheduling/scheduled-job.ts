import type { Type } from '@nestjs/common';

/** A built-in cron job: `run` is a thin call of a service method the command line exposes too. */
export interface ScheduledJob {
  /** Also the name of its lock and of its log lines: `session-cleanup`. */
  readonly name: string;
  /** Cron expression, read in the destination time zone (TZ). */
  readonly cron: string;
  readonly enabled: boolean;
  run(): Promise<unknown>;
  /** When it last succeeded before this process started (shown in /health/ready), if the feature keeps that. */
  lastSuccessAt?(): Promise<Date | null>;
}

/** A feature's jobs (`<feature>.jobs.ts`): a provider of its module, listed in FEATURE_JOBS. */
export interface JobSource {
  jobs(): ScheduledJob[];
}

export type JobSourceType = Type<JobSource>;
