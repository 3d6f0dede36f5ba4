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

  it('a tick whose lock service is unreachable (Redis down: locks fail closed) is skipped and the job shows degraded until the lock answers; a run asked for fails', async () => {
    let reachable = false;
    let heldElsewhere = false;
    class FlakyLock extends InProcessJobLock {
      override tryAcquire(job: string): Promise<HeldLock | null> {
        if (!reachable) return Promise.reject(new LockUnavailableError('Redis is unreachable'));
        return heldElsewhere ? Promise.resolve(null) : super.tryAcquire(job);
      }
    }
    const runner = new JobRunner(new FlakyLock(), clock(), metrics);
    runner.track('job');
    let ran = false;
    const outcome = await runner.run('job', 'cron', () => Promise.resolve((ran = true)));
    expect(outcome.status).toBe('skipped');
    expect(ran).toBe(false);
    expect(runner.status()['job']!.status).toBe('degraded');
    // Asked for from the command line or the admin UI: a failure with the reason, not "someone else runs it".
    const asked = await runner.run('job', 'cli', () => Promise.resolve((ran = true)));
    expect(asked.status).toBe('failed');
    expect((asked as { error: unknown }).error).toBeInstanceOf(LockUnavailableError);
    expect(ran).toBe(false);
    // The lock answers again, and another instance holds it: not degraded here any more.
    reachable = true;
    heldElsewhere = true;
    expect((await runner.run('job', 'cron', () => Promise.resolve((ran = true)))).status).toBe('skipped');
    expect(runner.status()['job']!.status).toBe('up');
    expect(runs).toEqual(['job:tracked', 'job:skipped', 'job:failed', 'job:skipped']);
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
