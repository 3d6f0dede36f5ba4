import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { ChatSessionCleanupLog } from '@holibot/database';
import { type InProcessApp, startInProcess } from '../../test/support/in-process.js';
import { JobRunner } from './job-runner.service.js';

/** The built-in jobs on the whole application in-process: scheduled at start, in TZ, run through the runner. */
describe('built-in cron jobs', () => {
  let running: InProcessApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('schedules the cleanup and the weekly statistics in the destination time zone', async () => {
    running = await startInProcess({ TZ: 'Europe/Madrid' });
    const registry = running.app.get(SchedulerRegistry);
    expect([...registry.getCronJobs().keys()].sort()).toEqual(['backup', 'report-retention', 'session-cleanup', 'session-stats']);
    // 03:00 daily and Monday 09:00 in Calpe, whatever the server's own zone.
    const cleanup = registry.getCronJob('session-cleanup').nextDate().setZone('Europe/Madrid');
    expect([cleanup.hour, cleanup.minute]).toEqual([3, 0]);
    const stats = registry.getCronJob('session-stats').nextDate().setZone('Europe/Madrid');
    expect([stats.weekday, stats.hour, stats.minute]).toEqual([1, 9, 0]);
  });

  it('runs the cleanup when its time comes, logged with trigger "cron"', async () => {
    running = await startInProcess({ SESSION_CLEANUP_CRON: '* * * * * *' });
    const logs = running.app.get(DataSource).getRepository(ChatSessionCleanupLog);
    const deadline = Date.now() + 5000;
    while ((await logs.countBy({ trigger: 'cron' })) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await logs.findOneBy({ trigger: 'cron' })).toMatchObject({ status: 'ok', sessionsDeleted: 0 });
  });

  it('SESSION_CLEANUP_ENABLED=false leaves the cleanup unscheduled (system cron runs `holibot cleanup` instead)', async () => {
    running = await startInProcess({ SESSION_CLEANUP_ENABLED: 'false' });
    expect([...running.app.get(SchedulerRegistry).getCronJobs().keys()].sort()).toEqual(['backup', 'report-retention', 'session-stats']);
  });
});

describe('/health/ready and the built-in jobs', () => {
  it('shows each job: up with its last success, degraded after a failed run, and readiness stays 200', async () => {
    const running = await startInProcess();
    try {
      // The app's own ticks stopped (the backup check runs at minute 30 of every hour): a tick between the runs below
      // would change the state under test (a CI run at hh:30 failed here before). The jobs stay tracked.
      for (const cronJob of running.app.get(SchedulerRegistry).getCronJobs().values()) await cronJob.stop();
      const ready = async () => {
        const response = await fetch(`${running.url}/health/ready`);
        return { status: response.status, body: (await response.json()) as { status: string; details: Record<string, unknown> } };
      };
      const fresh = await ready();
      expect(fresh.status).toBe(200);
      expect(fresh.body.details['backup']).toEqual({ status: 'up', lastRunAt: null, lastSuccessAt: null });
      expect(fresh.body.details['session-cleanup']).toMatchObject({ status: 'up' });

      const runner = running.app.get(JobRunner);
      await runner.run('backup', 'cron', () => Promise.reject(new Error('ENOSPC: no space left on device')));
      const failed = await ready();
      expect(failed.status).toBe(200);
      expect(failed.body.status).toBe('degraded');
      expect(failed.body.details['backup']).toEqual({ status: 'degraded', lastRunAt: expect.any(String), lastSuccessAt: null });
      // No error text: /health is public.
      expect(JSON.stringify(failed.body)).not.toContain('ENOSPC');

      await runner.run('backup', 'cli', () => Promise.resolve());
      expect((await ready()).body.details['backup']).toEqual({ status: 'up', lastRunAt: expect.any(String), lastSuccessAt: expect.any(String) });
    } finally {
      await running.close();
    }
  });
});
