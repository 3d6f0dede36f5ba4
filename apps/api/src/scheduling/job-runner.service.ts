import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobTrigger } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { Metrics } from '../observability/metrics/metrics.service.js';
import { JobLock, LockUnavailableError } from './job-lock.js';

/** What the runner records of each run (holibot_job_* metrics). */
export type JobMetrics = Pick<Metrics, 'jobRun' | 'jobSucceeded' | 'jobTracked'>;

/** What /health/ready shows of a scheduled job: no error text (the endpoint is public). */
export interface JobStatus {
  /** `degraded`: its last run failed (the process still serves). */
  status: 'up' | 'degraded';
  lastRunAt: string | null;
  lastSuccessAt: string | null;
}

export type JobOutcome<T> =
  { status: 'done'; result: T; durationMs: number } | { status: 'skipped'; durationMs: 0 } | { status: 'failed'; error: unknown; durationMs: number };

/**
 * Runs a job once across every process on the database (JobLock), and says so: a log line at
 * its start and end with duration and outcome. Never throws: a failing job is an outcome, so a
 * cron tick cannot take the process down. The command line runs its jobs through this too, so a
 * manual run and the built-in job never overlap.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('Jobs');
  private readonly statuses = new Map<string, JobStatus>();
  /** Jobs whose last tick was skipped because the lock service was unreachable (degraded until it answers). */
  private readonly lockUnavailable = new Set<string>();

  constructor(
    private readonly lock: JobLock,
    private readonly clock: Clock,
    @Inject(Metrics) private readonly metrics: JobMetrics,
  ) {}

  /** A scheduled job's status from now on, starting from its last success before this process (from disk or the database). */
  track(job: string, lastSuccessAt: Date | null = null): void {
    const known = this.statuses.get(job);
    if (!known) this.metrics.jobTracked(job);
    this.statuses.set(job, {
      status: known?.status ?? 'up',
      lastRunAt: known?.lastRunAt ?? null,
      lastSuccessAt: known?.lastSuccessAt ?? lastSuccessAt?.toISOString() ?? null,
    });
    if (!known?.lastSuccessAt && lastSuccessAt) this.metrics.jobSucceeded(job, lastSuccessAt);
  }

  /** The tracked jobs' statuses, by name. */
  status(): Record<string, JobStatus> {
    return Object.fromEntries(this.statuses);
  }

  /**
   * `quiet`: start, end and skip at debug level (a job that runs every minute); a failure is an
   * error all the same. `holdAtLeastMs`: a scheduled tick's lock outlives a shorter run (JobLockOptions).
   */
  async run<T>(
    job: string,
    trigger: JobTrigger,
    work: () => Promise<T>,
    { quiet = false, holdAtLeastMs }: { quiet?: boolean; holdAtLeastMs?: number } = {},
  ): Promise<JobOutcome<T>> {
    const log = quiet ? (message: string) => this.logger.debug(message) : (message: string) => this.logger.log(message);
    const outcome = await this.runLocked(job, trigger, work, log, holdAtLeastMs);
    this.metrics.jobRun(job, outcome.status, outcome.durationMs / 1000);
    if (outcome.status === 'done') this.metrics.jobSucceeded(job, this.clock.now());
    if (outcome.status === 'done') this.lockUnavailable.delete(job);
    if (outcome.status !== 'skipped') {
      const now = this.clock.now().toISOString();
      const known = this.statuses.get(job);
      this.statuses.set(job, {
        status: outcome.status === 'done' ? 'up' : 'degraded',
        lastRunAt: now,
        lastSuccessAt: outcome.status === 'done' ? now : (known?.lastSuccessAt ?? null),
      });
    }
    return outcome;
  }

  private async runLocked<T>(
    job: string,
    trigger: JobTrigger,
    work: () => Promise<T>,
    log: (message: string) => void,
    holdAtLeastMs: number | undefined,
  ): Promise<JobOutcome<T>> {
    const started = this.clock.now().getTime();
    const elapsed = () => this.clock.now().getTime() - started;
    let held;
    try {
      held = await this.lock.tryAcquire(job, { holdAtLeastMs });
    } catch (error) {
      // Locks fail closed: no lock service (Redis down), no run. A scheduled tick is skipped and the
      // job shows degraded in /health/ready; a run someone asked for fails with the reason (503).
      if (error instanceof LockUnavailableError && trigger === 'cron') {
        log(`${job} (${trigger}): skipped: ${error.message}`);
        const known = this.statuses.get(job);
        this.statuses.set(job, { status: 'degraded', lastRunAt: known?.lastRunAt ?? null, lastSuccessAt: known?.lastSuccessAt ?? null });
        this.lockUnavailable.add(job);
        return { status: 'skipped', durationMs: 0 };
      }
      if (error instanceof LockUnavailableError) {
        this.lockUnavailable.add(job);
        this.logger.warn(`${job} (${trigger}): not started: ${error.message}`);
        return { status: 'failed', error, durationMs: elapsed() };
      }
      this.logger.error(`${job} (${trigger}): not started, its lock could not be taken: ${messageOf(error)}`);
      return { status: 'failed', error, durationMs: elapsed() };
    }
    if (!held) {
      // The lock service answers again: another instance runs the job, so it is not degraded here.
      if (this.lockUnavailable.delete(job)) this.statuses.set(job, { ...this.statuses.get(job)!, status: 'up' });
      log(`${job} (${trigger}): skipped, another instance is running it`);
      return { status: 'skipped', durationMs: 0 };
    }
    log(`${job} (${trigger}): started`);
    try {
      const result = await work();
      const durationMs = elapsed();
      log(`${job} (${trigger}): done in ${seconds(durationMs)}`);
      return { status: 'done', result, durationMs };
    } catch (error) {
      const durationMs = elapsed();
      this.logger.error(`${job} (${trigger}): failed after ${seconds(durationMs)}: ${messageOf(error)}`);
      return { status: 'failed', error, durationMs };
    } finally {
      await held.release().catch((error: unknown) => this.logger.warn(`${job}: releasing its lock failed: ${messageOf(error)}`));
    }
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
