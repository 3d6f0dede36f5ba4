import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { ChatSessionCleanupLog } from '@holibot/database';
import { type InProcessApp, startInProcess } from '../../test/support/in-process.js';

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
    expect([...registry.getCronJobs().keys()].sort()).toEqual(['session-cleanup', 'session-stats']);
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
    expect([...running.app.get(SchedulerRegistry).getCronJobs().keys()]).toEqual(['session-stats']);
  });
});
