import type { Type } from '@nestjs/common';

interface JobBase {
  /** Also the name of its lock and of its log lines: `session-cleanup`. */
  readonly name: string;
  readonly enabled: boolean;
  /** Runs often (every minute): its start and end are logged at debug level; a failure is still an error. */
  readonly quiet?: boolean;
  run(): Promise<unknown>;
  /** Told of a run that failed, its lock included (the database down): for a job that reports its own failures (alert-check). */
  failed?(error: unknown): void;
  /** When it last succeeded before this process started (shown in /health/ready), if the feature keeps that. */
  lastSuccessAt?(): Promise<Date | null>;
}

/**
 * A built-in job: `run` is a thin call of a service method the command line exposes too. It runs
 * on a cron expression (read in the destination time zone, TZ) or every `everyMs` milliseconds
 * from start (a check, not a time of day).
 */
export type ScheduledJob = JobBase & ({ readonly cron: string; readonly everyMs?: never } | { readonly everyMs: number; readonly cron?: never });

/** A feature's jobs (`<feature>.jobs.ts`): a provider of its module, listed in FEATURE_JOBS. */
export interface JobSource {
  jobs(): ScheduledJob[];
}

export type JobSourceType = Type<JobSource>;
