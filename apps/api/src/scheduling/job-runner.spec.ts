import { FixedClock } from '../common/clock.js';
import { type HeldLock, InProcessJobLock, JobLock, type JobLockOptions, LockUnavailableError } from './job-lock.js';
import { type JobMetrics, JobRunner } from './job-runner.service.js';

const clock = () => new FixedClock(new Date('2026-06-02T11:00:00Z'));
/** The runs the runner reported to its metrics. */
const runs: string[] = [];
const metrics: JobMetrics = {
  jobRun: (job, outcome) => runs.push(`${job}:${outcome}`),
  jobSucceeded: (job, at) => runs.push(`${job}:success@${at.toISOString()}`),
  jobTracked: (job) => runs.push(`${job}:tracked`),
};
beforeEach(() => (runs.length = 0));

describe('JobRunner', () => {
  it('runs the work under the lock and gives its result', async () => {
    const runner = new JobRunner(new InProcessJobLock(), clock(), metrics);
    expect(await runner.run('job', 'cli', () => Promise.resolve(42))).toEqual({ status: 'done', result: 42, durationMs: 0 });
  });

  it('skips a job whose lock is held, and runs it again once released', async () => {
    const lock = new InProcessJobLock();
    const runner = new JobRunner(lock, clock(), metrics);
    let release!: () => void;
    const first = runner.run('job', 'cron', () => new Promise<void>((resolve) => (release = resolve)));
    await Promise.resolve();
    let ran = false;
    expect(await runner.run('job', 'cli', () => Promise.resolve((ran = true)))).toEqual({ status: 'skipped', durationMs: 0 });
    expect(ran).toBe(false);
    // Another job's lock is its own.
    expect((await runner.run('other-job', 'cli', () => Promise.resolve(1))).status).toBe('done');
    release();
    expect((await first).status).toBe('done');
    expect((await runner.run('job', 'cli', () => Promise.resolve(2))).status).toBe('done');
  });

  it('turns a failure into an outcome, never a rejection, and releases the lock', async () => {
    const lock = new InProcessJobLock();
    const runner = new JobRunner(lock, clock(), metrics);
    const failure = new Error('disk full');
    expect(await runner.run('job', 'cron', () => Promise.reject(failure))).toEqual({ status: 'failed', error: failure, durationMs: 0 });
    expect((await runner.run('job', 'cron', () => Promise.resolve(1))).status).toBe('done');
    expect(runs).toEqual(['job:failed', 'job:done', 'job:success@2026-06-02T11:00:00.000Z']);
  });

  it("starts a tracked job's run counters once (a first failure is then an increase), keeping a known last success", () => {
    const runner = new JobRunner(new InProcessJobLock(), clock(), metrics);
    runner.track('backup', new Date('2026-06-01T00:30:00Z'));
    runner.track('backup');
    expect(runs).toEqual(['backup:tracked', 'backup:success@2026-06-01T00:30:00.000Z']);
    expect(runner.status()['backup']).toEqual({ status: 'up', lastRunAt: null, lastSuccessAt: '2026-06-01T00:30:00.000Z' });
  });

  it('reports a lock that cannot be taken (the database is down) as a failure, not a skip', async () => {
    class BrokenLock extends JobLock {
      tryAcquire(): Promise<HeldLock | null> {
        return Promise.reject(new Error('connect ECONNREFUSED'));
      }
    }
    let ran = false;
    const outcome = await new JobRunner(new BrokenLock(), clock(), metrics).run('job', 'cron', () => Promise.resolve((ran = true)));
    expect(outcome.status).toBe('failed');
    expect(ran).toBe(false);
    expect(runs).toEqual(['job:failed']);
  });

  it('skips a job whose lock service is unreachable (Redis down: locks fail closed), without marking it failed', async () => {
    class UnreachableLock extends JobLock {
      tryAcquire(): Promise<HeldLock | null> {
        return Promise.reject(new LockUnavailableError('Redis is unreachable'));
      }
    }
    const runner = new JobRunner(new UnreachableLock(), clock(), metrics);
    let ran = false;
    const outcome = await runner.run('job', 'cron', () => Promise.resolve((ran = true)));
    expect(outcome.status).toBe('skipped');
    expect(ran).toBe(false);
    expect(runs).toEqual(['job:skipped']);
  });

  it("passes a scheduled tick's holdAtLeastMs to the lock", async () => {
    const seen: Array<JobLockOptions | undefined> = [];
    class RecordingLock extends InProcessJobLock {
      override tryAcquire(job: string, options?: JobLockOptions): Promise<HeldLock | null> {
        seen.push(options);
        return super.tryAcquire(job);
      }
    }
    await new JobRunner(new RecordingLock(), clock(), metrics).run('job', 'cron', () => Promise.resolve(1), { holdAtLeastMs: 30_000 });
    expect(seen).toEqual([{ holdAtLeastMs: 30_000 }]);
  });
});
