import { hostname } from 'node:os';
import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { ChatFeedback, ChatMessage, ChatSession, ChatSessionCleanupLog, createDataSource, type DatabaseConfig } from '@holibot/database';
import { SEED_CLEANUPS_SQL, SEED_STATS_SQL, connectMysql, databaseEnv, eachDatabase } from '@holibot/database/testing';
import { Clock, FixedClock } from '../common/clock.js';
import { CommonModule } from '../common/common.module.js';
import { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { MetricsModule } from '../observability/metrics/metrics.module.js';
import { JobRunner } from '../scheduling/index.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { CleanupFailedError } from './cleanup.errors.js';
import { CleanupModule } from './cleanup.module.js';
import { SessionCleanupService } from './session-cleanup.service.js';
import { SessionStatsService } from './session-stats.service.js';

const NOW = new Date('2026-06-02T11:00:00.000Z');
const HOUR = 3600_000;

/** One "process": its own pool on the database, CleanupModule and the job runner, the clock at NOW. */
async function cleanupContext(database: DatabaseConfig, env: Record<string, string> = {}) {
  const config = AppConfig.fromEnv({ NODE_ENV: 'test', ...databaseEnv(database), SESSION_CLEANUP_BATCH: '2', ...env });
  const dataSource: DataSource = await (await createDataSource(config.database)).initialize();
  await dataSource.runMigrations();
  const module: TestingModule = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      CommonModule,
      DatabaseModule.forRoot(dataSource),
      MetricsModule.forRoot({ serve: false }),
      CleanupModule,
      SchedulingModule,
    ],
  })
    .overrideProvider(Clock)
    .useValue(new FixedClock(NOW))
    .setLogger({ log() {}, error() {}, warn() {}, debug() {}, verbose() {} })
    .compile();
  await module.init();
  return {
    module,
    dataSource,
    cleanup: module.get(SessionCleanupService),
    async close() {
      await module.close();
      // DatabaseModule closes it with the module; a test that failed first may not have got there.
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** `count` sessions that expire `expiresInMs` after NOW (negative: expired), each with two messages. */
async function seedSessions(dataSource: DataSource, prefix: string, count: number, expiresInMs: number, userId: string | null = null): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`.slice(0, 36));
  for (const [i, id] of ids.entries()) {
    const createdAt = new Date(NOW.getTime() - 2 * HOUR);
    await dataSource.getRepository(ChatSession).insert({
      id,
      userId,
      createdAt,
      updatedAt: new Date(createdAt.getTime() + 60_000),
      // Distinct expiry times: the batches are taken oldest first.
      expiresAt: new Date(NOW.getTime() + expiresInMs + i * 1000),
      language: 'en',
      lastIntent: null,
      lastResultIds: null,
      focusPoiId: null,
      messageCount: 2,
    });
    for (const role of ['user', 'assistant'] as const) {
      await dataSource
        .getRepository(ChatMessage)
        .insert({ sessionId: id, role, content: `${role} ${i}`, poiIds: null, language: 'en', intent: null, engine: null, latencyMs: null, createdAt });
    }
  }
  return ids;
}

/** A "down" on the answer of each session. */
async function seedFeedback(dataSource: DataSource, sessionIds: string[]): Promise<void> {
  for (const sessionId of sessionIds) {
    const answer = await dataSource.getRepository(ChatMessage).findOneByOrFail({ sessionId, role: 'assistant' });
    await dataSource.getRepository(ChatFeedback).insert({
      sessionId,
      messageId: answer.id,
      rating: 'down',
      reason: 'closed',
      comment: null,
      poiId: null,
      language: 'en',
      createdAt: NOW,
      updatedAt: NOW,
    });
  }
}

async function clear(dataSource: DataSource): Promise<void> {
  await dataSource.createQueryBuilder().delete().from(ChatSession).execute();
  await dataSource.createQueryBuilder().delete().from(ChatSessionCleanupLog).execute();
}

eachDatabase('session cleanup', (database) => {
  let context: Awaited<ReturnType<typeof cleanupContext>>;
  beforeAll(async () => {
    context = await cleanupContext(database());
  });
  beforeEach(() => clear(context.dataSource));
  afterAll(() => context.close());

  it('deletes the expired sessions and their messages in batches, oldest first, and keeps the active ones', async () => {
    const expired = await seedSessions(context.dataSource, 'e', 5, -HOUR);
    const active = await seedSessions(context.dataSource, 'a', 3, HOUR);
    const progress: number[] = [];
    const report = await context.cleanup.run({ trigger: 'cli', onProgress: (p) => progress.push(p.sessionsDeleted) });
    expect(report).toMatchObject({ status: 'ok', dryRun: false, sessionsDeleted: 5, messagesDeleted: 10, batches: 3, error: null });
    expect(progress).toEqual([2, 4, 5]);
    const left = await context.dataSource.getRepository(ChatSession).find({ order: { id: 'ASC' } });
    expect(left.map((s) => s.id)).toEqual([...active].sort());
    expect(await context.dataSource.getRepository(ChatMessage).count()).toBe(6);
    expect(await context.dataSource.getRepository(ChatSession).countBy({ id: expired[0]! })).toBe(0);
  });

  it('deletes the feedback of the expired sessions with them, and keeps the feedback of the active ones', async () => {
    const expired = await seedSessions(context.dataSource, 'e', 3, -HOUR);
    const active = await seedSessions(context.dataSource, 'a', 2, HOUR);
    await seedFeedback(context.dataSource, [...expired, ...active]);
    expect(await context.cleanup.run({ trigger: 'cli' })).toMatchObject({ status: 'ok', sessionsDeleted: 3, messagesDeleted: 6 });
    const left = await context.dataSource.getRepository(ChatFeedback).find({ order: { sessionId: 'ASC' } });
    expect(left.map((feedback) => feedback.sessionId)).toEqual([...active].sort());
  });

  it('SQLite: deletes the feedback too on a connection that does not enforce foreign keys', async () => {
    if (database().type !== 'sqlite') return;
    const expired = await seedSessions(context.dataSource, 'e', 3, -HOUR);
    await seedFeedback(context.dataSource, expired);
    // Outside a transaction, on the data source's one connection (the pragma does nothing inside one).
    await context.dataSource.query('PRAGMA foreign_keys = OFF');
    try {
      expect(await context.cleanup.run({ trigger: 'cli' })).toMatchObject({ status: 'ok', sessionsDeleted: 3 });
      expect(await context.dataSource.getRepository(ChatFeedback).count()).toBe(0);
    } finally {
      await context.dataSource.query('PRAGMA foreign_keys = ON');
    }
  });

  it('writes one log row per run: the seed columns, and messages, status, trigger, host and duration', async () => {
    await seedSessions(context.dataSource, 'e', 3, -HOUR);
    await context.cleanup.run({ trigger: 'cron' });
    const [log, ...more] = await context.dataSource.getRepository(ChatSessionCleanupLog).find();
    expect(more).toEqual([]);
    expect(log).toMatchObject({ sessionsDeleted: 3, messagesDeleted: 6, status: 'ok', error: null, trigger: 'cron', host: hostname() });
    expect(log!.runAt.toISOString()).toBe(NOW.toISOString());
    expect(log!.durationMs).toEqual(expect.any(Number));
    // A run with nothing to do is logged too (the seed's monitoring lists runs, not only busy ones).
    await context.cleanup.run({ trigger: 'cli' });
    expect(await context.dataSource.getRepository(ChatSessionCleanupLog).findOneByOrFail({ trigger: 'cli' })).toMatchObject({
      sessionsDeleted: 0,
      status: 'ok',
    });
  });

  it('stops at a batch boundary: exactly one batch of expired sessions is one batch', async () => {
    await seedSessions(context.dataSource, 'e', 2, -HOUR);
    expect(await context.cleanup.run({ trigger: 'cli' })).toMatchObject({ sessionsDeleted: 2, batches: 1 });
  });

  it('--dry-run counts without deleting, and logs no run', async () => {
    await seedSessions(context.dataSource, 'e', 3, -HOUR);
    await seedSessions(context.dataSource, 'a', 1, HOUR);
    expect(await context.cleanup.run({ trigger: 'cli', dryRun: true })).toMatchObject({ dryRun: true, sessionsDeleted: 3, messagesDeleted: 6 });
    expect(await context.dataSource.getRepository(ChatSession).count()).toBe(4);
    expect(await context.dataSource.getRepository(ChatMessage).count()).toBe(8);
    expect(await context.dataSource.getRepository(ChatSessionCleanupLog).count()).toBe(0);
  });

  it('stops between batches when the process shuts down: partial, and what was deleted is logged', async () => {
    await seedSessions(context.dataSource, 'e', 5, -HOUR);
    const report = await context.cleanup.run({ trigger: 'cron', onProgress: () => void context.cleanup.beforeApplicationShutdown() });
    expect(report).toMatchObject({ status: 'partial', sessionsDeleted: 2, batches: 1, error: 'stopped: the process is shutting down' });
    expect(await context.dataSource.getRepository(ChatSession).count()).toBe(3);
    expect(await context.dataSource.getRepository(ChatSessionCleanupLog).findOneByOrFail({ status: 'partial' })).toMatchObject({
      sessionsDeleted: 2,
      messagesDeleted: 4,
    });
    // The service is done for this context: the next tests get a fresh one.
    await context.close();
    context = await cleanupContext(database());
  });

  it('the statistics: the seed script’s figures, "active" by the application’s clock, and the last 7 runs', async () => {
    await seedSessions(context.dataSource, 'e', 2, -HOUR);
    await seedSessions(context.dataSource, 'a', 3, HOUR, 'visitor-1');
    await context.cleanup.run({ trigger: 'cli' });
    await seedSessions(context.dataSource, 'x', 1, -HOUR);
    const stats = await context.module.get(SessionStatsService).stats();
    expect(stats).toMatchObject({ totalSessions: 4, activeSessions: 3, authenticatedSessions: 3, avgSessionDurationSeconds: 60 });
    expect(stats.recentCleanups).toEqual([{ runAt: NOW.toISOString(), sessionsDeleted: 2, messagesDeleted: 4, status: 'ok' }]);
  });

  it('the seed monitoring SQL runs unchanged after a cleanup (its statistics query on MySQL; its cleanup query on both)', async () => {
    await seedSessions(context.dataSource, 'e', 3, -HOUR);
    await seedSessions(context.dataSource, 'a', 1, HOUR);
    await context.cleanup.run({ trigger: 'cron' });
    const config = database();
    let cleanups: Array<{ sessions_deleted: number | string }>;
    if (config.type === 'mysql') {
      const connection = await connectMysql(config);
      try {
        const [stats] = await connection.query(SEED_STATS_SQL);
        expect(Number((stats as Array<{ total_sessions: number }>)[0]!.total_sessions)).toBe(1);
        cleanups = (await connection.query(SEED_CLEANUPS_SQL))[0] as typeof cleanups;
      } finally {
        await connection.end();
      }
    } else {
      cleanups = (await context.dataSource.query(SEED_CLEANUPS_SQL)) as typeof cleanups;
    }
    expect(cleanups.map((row) => Number(row.sessions_deleted))).toEqual([3]);
  });

  // Two contexts with their own connections and locks, as two processes have (MySQL: GET_LOCK; SQLite: the lock file).
  it('two processes start the cleanup at the same moment: one runs it, the other skips, one run is logged', async () => {
    const other = await cleanupContext(database());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    try {
      await seedSessions(context.dataSource, 'e', 3, -HOUR);
      const first = context.module.get(JobRunner).run('session-cleanup', 'cron', async () => {
        await gate;
        return context.cleanup.run({ trigger: 'cron' });
      });
      // The first holds the lock (taken before its work starts) while the second tries.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await other.module.get(JobRunner).run('session-cleanup', 'cron', () => other.cleanup.run({ trigger: 'cron' }));
      expect(second.status).toBe('skipped');
      release();
      expect((await first).status).toBe('done');
      expect(await context.dataSource.getRepository(ChatSessionCleanupLog).count()).toBe(1);
      // Released: the next run takes the lock again.
      expect((await other.module.get(JobRunner).run('session-cleanup', 'cron', () => other.cleanup.run({ trigger: 'cron' }))).status).toBe('done');
    } finally {
      release();
      await other.close();
    }
  });

  it('a failing run is logged as failed with its error, reported as JOB_FAILED, and the runner does not throw', async () => {
    await seedSessions(context.dataSource, 'e', 1, -HOUR);
    const q = database().type === 'mysql' ? '`' : '"';
    // The messages table gone: the first batch's delete fails.
    await context.dataSource.query(`ALTER TABLE ${q}ChatMessage${q} RENAME TO ${q}ChatMessageAway${q}`);
    try {
      const outcome = await context.module.get(JobRunner).run('session-cleanup', 'cli', () => context.cleanup.run({ trigger: 'cli' }));
      expect(outcome.status).toBe('failed');
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(CleanupFailedError);
      expect((error as CleanupFailedError).code).toBe('JOB_FAILED');
      const log = await context.dataSource.getRepository(ChatSessionCleanupLog).findOneByOrFail({ status: 'failed' });
      expect(log.error).toMatch(/ChatMessage/);
      expect(await context.dataSource.getRepository(ChatSession).count()).toBe(1);
    } finally {
      await context.dataSource.query(`ALTER TABLE ${q}ChatMessageAway${q} RENAME TO ${q}ChatMessage${q}`);
    }
  });
});
