import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { AlertEvent, AlertRuleState, ChatSessionCleanupLog, createDataSource, type DatabaseConfig } from '@holibot/database';
import { databaseEnv, dropMysqlDatabase, freshMysqlDatabase, freshSqliteDatabase, mysqlAvailable } from '@holibot/database/testing';
import { type ReceivedMail, TestSmtpServer, TestWebhook, closedPort } from '../../test/support/alert-sinks.js';
import { startInProcess } from '../../test/support/in-process.js';
import { Clock, FixedClock } from '../common/clock.js';
import { CommonModule } from '../common/common.module.js';
import { Timers } from '../common/effects/index.js';
import { ManualTimers } from '../common/effects/testing.js';
import { BackupService } from '../backup/index.js';
import { CleanupJobs } from '../cleanup/index.js';
import { CleanupModule } from '../cleanup/cleanup.module.js';
import { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { MetricsModule } from '../observability/metrics/metrics.module.js';
import { Metrics } from '../observability/metrics/metrics.service.js';
import { type DiskReading, type MemoryReading, SystemReadings } from '../observability/metrics/system-readings.js';
import { JobRunner } from '../scheduling/index.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { AlertNotifier } from './alert-notifier.service.js';
import { AlertsModule } from './alerts.module.js';
import { ALERT_INSTANCE, AlertService } from './alerts.service.js';

const START = new Date('2026-06-02T11:00:00.000Z');
const MINUTE = 60_000;
const GB = 1e9;

/** The machine as the test says it is: memory, CPU time, cores and free disk space set by hand. */
class SetReadings extends SystemReadings {
  memoryUsed = 0.5;
  cpuMicrosSoFar = 0;
  diskFree = 0.5;
  override memory(): Promise<MemoryReading> {
    return Promise.resolve({ usedBytes: this.memoryUsed * 8 * GB, limitBytes: 8 * GB, basis: 'host' });
  }
  override cpuMicros(): number {
    return this.cpuMicrosSoFar;
  }
  override cores(): number {
    return 2;
  }
  override disk(): Promise<DiskReading> {
    return Promise.resolve({ freeBytes: this.diskFree * 100 * GB, totalBytes: 100 * GB });
  }
}

interface Sinks {
  smtp: TestSmtpServer;
  webhook: TestWebhook;
}

/** One "process": its own pool on the database, the alerts module with its mail, a clock, timers and readings the test moves. */
async function alertsContext(
  database: DatabaseConfig,
  sinks: { smtpPort: number; webhookUrl?: string },
  env: Record<string, string> = {},
  instance = 'web-1:100',
) {
  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    ...databaseEnv(database),
    ALERTS_ENABLED: 'true',
    ALERT_RECIPIENTS: 'ops@example.com, it@example.com',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sinks.smtpPort),
    SMTP_FROM: 'HoliBot Calpe <alerts@example.com>',
    ...(sinks.webhookUrl ? { ALERT_WEBHOOK_URL: sinks.webhookUrl } : {}),
    PUBLIC_URL: 'https://bot.example.com',
    BACKUP_DIR: mkdtempSync(join(tmpdir(), 'holibot-alert-backups-')),
    LOG_FILES_ENABLED: 'false',
    ...env,
  });
  const dataSource: DataSource = await (await createDataSource(config.database)).initialize();
  await dataSource.runMigrations();
  const clock = new FixedClock(START);
  const readings = new SetReadings();
  const timers = new ManualTimers();
  const errors: string[] = [];
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      CommonModule,
      DatabaseModule.forRoot(dataSource),
      MetricsModule.forRoot({ serve: false }),
      SchedulingModule,
      AlertsModule,
      CleanupModule,
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(SystemReadings)
    .useValue(readings)
    .overrideProvider(Timers)
    .useValue(timers)
    .overrideProvider(ALERT_INSTANCE)
    .useValue(instance)
    .setLogger({ log() {}, error: (message: string) => void errors.push(message), warn() {}, debug() {}, verbose() {} })
    .compile();
  await module.init();
  const notifier = module.get(AlertNotifier);
  return {
    module,
    errors,
    dataSource,
    clock,
    readings,
    timers,
    notifier,
    alerts: module.get(AlertService),
    metrics: module.get(Metrics),
    runner: module.get(JobRunner),
    /** One check, and every send it started (not the retries waiting on a timer). */
    async check() {
      const report = await module.get(AlertService).check();
      await notifier.settled();
      return report;
    },
    async close() {
      await module.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
type Context = Awaited<ReturnType<typeof alertsContext>>;

const subjects = (mails: ReceivedMail[]) => mails.map((mail) => mail.subject);

describe('alerts: one rule from firing to resolved, by e-mail (real SMTP server) and webhook (real HTTP server)', () => {
  let sinks: Sinks;
  let context: Context;
  beforeEach(async () => {
    sinks = { smtp: await new TestSmtpServer().start(), webhook: await new TestWebhook().start() };
    context = await alertsContext(freshSqliteDatabase(), { smtpPort: sinks.smtp.port, webhookUrl: sinks.webhook.url });
  });
  afterEach(async () => {
    await context.close();
    await sinks.smtp.stop();
    await sinks.webhook.stop();
  });

  it('fires once, repeats after ALERT_REPEAT_MINUTES only, and resolves once; state and history in the database', async () => {
    await context.check();
    expect(sinks.smtp.mails).toEqual([]);

    context.readings.memoryUsed = 0.95;
    context.clock.advance(MINUTE);
    const fired = await context.check();
    expect(fired.notices).toEqual([{ rule: 'memory', kind: 'firing', eventId: expect.any(Number) }]);
    const [mail] = await sinks.smtp.waitFor(1);
    expect(mail!.to).toEqual(['ops@example.com', 'it@example.com']);
    expect(mail!.from).toBe('alerts@example.com');
    expect(mail!.subject).toBe(`[HoliBot Calpe] FIRING: High memory use on ${hostname()} (95.0 %, threshold 90.0 %)`);
    // The host, the rule, the value, the threshold, since when, which memory, and a link to the admin UI.
    for (const part of [
      'The alert "High memory use" is firing.',
      'memory in use above ALERT_MEMORY_PERCENT (90 %)',
      "95.0 %: 95.0 % of the host's total memory (7.6 GB of 8.0 GB)",
      'Threshold: 90.0 %',
      'Since:',
      '2 Jun 2026, 13:01:00 CEST',
      `Host:      ${hostname()}`,
      'Admin:     https://bot.example.com/admin/alerts',
      'Health:    https://bot.example.com/health/ready',
    ]) {
      expect(mail!.text).toContain(part);
    }
    expect(mail!.html).toContain('<a href="https://bot.example.com/health/ready">');
    expect(mail!.html).toContain('<a href="https://bot.example.com/admin/alerts">');
    expect(sinks.webhook.posts).toHaveLength(1);
    expect(sinks.webhook.posts[0]!.text).toContain('FIRING: High memory use');

    // Inside the repeat window: nothing more, however often it is checked.
    for (let i = 0; i < 5; i++) {
      context.clock.advance(10 * MINUTE);
      expect((await context.check()).notices).toEqual([]);
    }
    context.clock.advance(10 * MINUTE); // 60 min after it fired
    expect((await context.check()).notices).toEqual([{ rule: 'memory', kind: 'repeat', eventId: fired.notices[0]!.eventId }]);
    expect(subjects(await sinks.smtp.waitFor(2))[1]).toMatch(/^\[HoliBot Calpe\] STILL FIRING: High memory use/);

    context.readings.memoryUsed = 0.4;
    context.clock.advance(MINUTE);
    expect((await context.check()).notices).toEqual([{ rule: 'memory', kind: 'resolved', eventId: fired.notices[0]!.eventId }]);
    const resolved = (await sinks.smtp.waitFor(3))[2]!;
    expect(resolved.subject).toBe(`[HoliBot Calpe] RESOLVED: High memory use on ${hostname()}`);
    expect(resolved.text).toContain('it held for 61 min');
    expect((await context.check()).notices).toEqual([]);
    expect(sinks.smtp.mails).toHaveLength(3);
    expect(sinks.webhook.posts).toHaveLength(3);

    const [event] = await context.dataSource.getRepository(AlertEvent).find();
    expect(event).toMatchObject({
      rule: 'memory',
      state: 'resolved',
      value: expect.closeTo(95, 6),
      threshold: 90,
      notifiedChannels: 'email,webhook',
      host: hostname(),
    });
    expect(event!.startedAt.toISOString()).toBe('2026-06-02T11:01:00.000Z');
    expect(event!.resolvedAt!.toISOString()).toBe('2026-06-02T12:02:00.000Z');
    const state = await context.dataSource.getRepository(AlertRuleState).findOneByOrFail({ rule: 'memory' });
    expect(state).toMatchObject({ holds: false, value: expect.closeTo(40, 6), threshold: 90, checkedBy: 'web-1:100' });

    const status = await context.alerts.status();
    // Unknown: nothing to judge (no requests, no Mistral).
    expect(status.map((rule) => [rule.rule, rule.state])).toEqual([
      ['response_time', 'unknown'],
      ['error_rate', 'unknown'],
      ['memory', 'ok'],
      ['cpu', 'ok'],
      ['disk', 'ok'],
      ['connections', 'ok'],
      ['cleanup_failed', 'ok'],
      ['backup_failed', 'ok'],
      ['mistral_circuit', 'unknown'],
    ]);
  });

  it('SMTP down: the webhook still gets it, the mail is retried with back-off and arrives once SMTP is back; the check is not held up', async () => {
    await sinks.smtp.stop();
    const port = sinks.smtp.port;
    const notifications = async (result: string) =>
      (await register.getSingleMetric('holibot_alert_notifications_total')!.get()).values.find(
        (value) => value.labels['channel'] === 'email' && value.labels['result'] === result,
      )?.value ?? 0;
    const [failedBefore, sentBefore] = [await notifications('failed'), await notifications('sent')];
    context.readings.diskFree = 0.05;
    const started = Date.now();
    const report = await context.alerts.check();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report.notices.map((notice) => notice.rule)).toEqual(['disk']);
    await context.notifier.settled();
    expect(sinks.webhook.posts).toHaveLength(1);
    expect(context.notifier.pendingRetries).toBe(1);

    // Still down at the first retry: tried again later.
    context.timers.advance(30_000);
    await context.notifier.settled();
    expect(context.notifier.pendingRetries).toBe(1);

    sinks.smtp = await new TestSmtpServer().start(port);
    context.timers.advance(60_000);
    await context.notifier.settled();
    const [mail] = await sinks.smtp.waitFor(1);
    expect(mail!.subject).toContain('FIRING: Low disk space');
    // Every volume reads 5 % here: the first of them (the SQLite file's) is named.
    expect(mail!.text).toMatch(/5\.0 % free on the volume of the database \(\/tmp\/holibot-test-\w+\)/);
    expect(context.notifier.pendingRetries).toBe(0);
    // Counted for Prometheus (holibot_alert_notifications_total), and firing for the dashboard.
    expect([(await notifications('failed')) - failedBefore, (await notifications('sent')) - sentBefore]).toEqual([2, 1]);
    expect(await register.getSingleMetricAsString('holibot_alert_firing')).toContain('holibot_alert_firing{rule="disk"} 1');
    const [event] = await context.dataSource.getRepository(AlertEvent).find();
    expect(event!.notifiedChannels).toBe('email,webhook');
  });

  it('a webhook that answers 500 is retried; the mail goes out meanwhile', async () => {
    sinks.webhook.status = 500;
    context.readings.memoryUsed = 0.99;
    await context.check();
    expect(await sinks.smtp.waitFor(1)).toHaveLength(1);
    expect(context.notifier.pendingRetries).toBe(1);
    sinks.webhook.status = 200;
    context.timers.advance(30_000);
    await context.notifier.settled();
    expect(sinks.webhook.posts).toHaveLength(1);
  });

  it('`alerts test` reports each channel: sent, or the reason it failed', async () => {
    expect(await context.notifier.sendTest()).toEqual([
      { channel: 'email', target: 'ops@example.com, it@example.com', error: null },
      { channel: 'webhook', target: `webhook at ${new URL(sinks.webhook.url).host}`, error: null },
    ]);
    expect(subjects(await sinks.smtp.waitFor(1))).toEqual([`[HoliBot Calpe] Test alert from ${hostname()}`]);
    await sinks.smtp.stop();
    sinks.webhook.status = 403;
    const [email, webhook] = await context.notifier.sendTest();
    expect(email!.error).toMatch(/ECONNREFUSED/);
    expect(webhook!.error).toMatch(/answered 403: invalid_token/);
    // The webhook's secret path is never shown.
    expect(JSON.stringify([email, webhook])).not.toContain('secret-part');
  });
});

describe('alerts: each rule over its threshold', () => {
  let smtp: TestSmtpServer;
  let context: Context;
  const open = async (env: Record<string, string> = {}) => {
    context = await alertsContext(freshSqliteDatabase(), { smtpPort: smtp.port }, env);
    return context;
  };
  beforeEach(async () => {
    smtp = await new TestSmtpServer().start();
  });
  afterEach(async () => {
    await context.close();
    await smtp.stop();
  });
  const firing = async () => (await context.check()).notices.filter((notice) => notice.kind === 'firing').map((notice) => notice.rule);

  it('response time: p95 over ALERT_RESPONSE_TIME_MS in the window, read exactly at the 2 s bucket', async () => {
    await open();
    // 95 % of the requests at or under 2 s: p95 is 2 s, not over it.
    for (let i = 0; i < 95; i++) context.metrics.httpRequest('GET', '/api/v1/chat/session/:id', 200, 1.5);
    for (let i = 0; i < 5; i++) context.metrics.httpRequest('GET', '/api/v1/chat/session/:id', 200, 4);
    context.clock.advance(MINUTE);
    expect(await firing()).toEqual([]);
    // One more slow request tips it over.
    context.metrics.httpRequest('POST', '/api/v1/chat/message', 200, 4);
    context.clock.advance(MINUTE);
    expect(await firing()).toEqual(['response_time']);
    expect((await smtp.waitFor(1))[0]!.text).toMatch(/p95 response time 2,\d{3} ms over the last 2 min \(101 requests\)/);
    // Once the slow requests are older than the window (5 min), it resolves.
    for (let i = 0; i < 3; i++) {
      context.clock.advance(2 * MINUTE);
      context.metrics.httpRequest('GET', '/health/live', 200, 0.01);
      await context.check();
    }
    expect(subjects(await smtp.waitFor(2))[1]).toMatch(/RESOLVED: High response time/);
  });

  it('error rate: more than ALERT_ERROR_RATE_PERCENT 5xx, judged only from ALERT_MIN_REQUESTS requests on', async () => {
    await open({ ALERT_MIN_REQUESTS: '20' });
    for (let i = 0; i < 10; i++) context.metrics.httpRequest('POST', '/api/v1/chat/message', 503, 0.01);
    context.clock.advance(MINUTE);
    expect(await firing()).toEqual([]); // 10 requests: too few to judge
    for (let i = 0; i < 10; i++) context.metrics.httpRequest('POST', '/api/v1/chat/message', 200, 0.01);
    context.clock.advance(MINUTE);
    expect(await firing()).toEqual(['error_rate']);
    expect((await smtp.waitFor(1))[0]!.text).toContain('50.0 %: 10 of 20 requests answered 5xx in the last 2 min');
  });

  it('CPU: the process CPU time over elapsed time × cores', async () => {
    await open();
    context.clock.advance(MINUTE);
    context.readings.cpuMicrosSoFar += 0.5 * 2 * 60e6; // half of two cores for a minute
    expect(await firing()).toEqual([]);
    context.clock.advance(4 * MINUTE);
    context.readings.cpuMicrosSoFar += 0.95 * 2 * 4 * 60e6; // then 95 % for four minutes: 86 % over the five
    expect(await firing()).toEqual(['cpu']);
    expect((await smtp.waitFor(1))[0]!.text).toContain('86.0 % of the cores HoliBot may use, over the last 5 min');
  });

  it('connections: open TCP connections on the HTTP listener over ALERT_MAX_CONNECTIONS', async () => {
    await open({ ALERT_MAX_CONNECTIONS: '1' });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    context.metrics.watchServer(server);
    const port = (server.address() as { port: number }).port;
    const sockets = [connect(port, '127.0.0.1'), connect(port, '127.0.0.1')];
    try {
      await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once('connect', resolve))));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await firing()).toEqual(['connections']);
      expect((await smtp.waitFor(1))[0]!.text).toContain('2 connections: 2 open connections (HTTP and WebSocket)');
    } finally {
      sockets.forEach((socket) => socket.destroy());
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a failed backup fires; a newer backup (holibot backup) resolves it; after a restart it stays open until the job runs again', async () => {
    await open();
    context.runner.track('backup');
    expect(await firing()).toEqual([]); // not run in this process yet: nothing to say
    await context.runner.run('backup', 'cron', () => Promise.reject(new Error('ENOSPC: no space left on device')));
    context.clock.advance(MINUTE);
    expect(await firing()).toEqual(['backup_failed']);
    expect((await smtp.waitFor(1))[0]!.subject).toContain('FIRING: Backup failed');
    // Another process starts (a restart): it has not run the backup job yet, so the alert stays open.
    const restarted = await alertsContext(
      { type: 'sqlite', sqlitePath: context.dataSource.options.database as string },
      { smtpPort: smtp.port },
      {},
      'web-1:200',
    );
    try {
      restarted.runner.track('backup');
      restarted.clock.advance(3 * MINUTE);
      expect((await restarted.check()).notices).toEqual([]);
      expect((await restarted.alerts.status()).find((rule) => rule.rule === 'backup_failed')).toMatchObject({ state: 'firing', holds: false, value: null });
    } finally {
      await restarted.close();
    }
    // A backup made meanwhile (by hand, `holibot backup`) resolves it.
    context.clock.advance(4 * MINUTE);
    await context.module.get(BackupService).create({ reason: 'manual' });
    context.clock.advance(MINUTE);
    await context.check();
    expect(subjects(await smtp.waitFor(2))[1]).toContain('RESOLVED: Backup failed');
  });

  it('a failed session cleanup fires from its log, whoever ran it; a later good run resolves it', async () => {
    await open();
    const log = context.dataSource.getRepository(ChatSessionCleanupLog);
    const row = { sessionsDeleted: 0, durationMs: 5, messagesDeleted: 0, trigger: 'cli' as const, host: 'web-2' };
    await log.insert({ ...row, runAt: new Date(START.getTime() - 60 * MINUTE), status: 'partial', error: 'stopped: the process is shutting down' });
    expect(await firing()).toEqual([]); // stopped by a shutdown: not a failure
    await log.insert({ ...row, runAt: new Date(START.getTime() - 30 * MINUTE), status: 'failed', error: 'Lock wait timeout exceeded' });
    context.clock.advance(MINUTE);
    expect(await firing()).toEqual(['cleanup_failed']);
    expect((await smtp.waitFor(1))[0]!.text).toContain('on web-2 failed: Lock wait timeout exceeded');
    await log.insert({ ...row, runAt: new Date(START.getTime()), status: 'ok', error: null });
    context.clock.advance(MINUTE);
    await context.check();
    expect(subjects(await smtp.waitFor(2))[1]).toContain('RESOLVED: Session cleanup failed');
  });

  it('Mistral: the circuit open for more than 5 minutes (the breaker trying in between does not reset it)', async () => {
    await open({ MISTRAL_API_KEY: 'test-key' });
    context.metrics.mistralCircuit(true);
    context.clock.advance(4 * MINUTE);
    context.metrics.mistralCircuit(true); // half-open trial failed: still open since the first break
    expect(await firing()).toEqual([]);
    context.clock.advance(2 * MINUTE);
    expect(await firing()).toEqual(['mistral_circuit']);
    context.metrics.mistralCircuit(false);
    context.clock.advance(MINUTE);
    await context.check();
    expect(subjects(await smtp.waitFor(2))).toEqual([
      expect.stringContaining('FIRING: Mistral AI unavailable'),
      expect.stringContaining('RESOLVED: Mistral AI unavailable'),
    ]);
  });

  it('an instance that does not see a rule hold leaves another instance’s firing alert open while that one keeps seeing it', async () => {
    await open();
    context.readings.memoryUsed = 0.95;
    await context.check();
    // Another host saw it hold a minute ago (and checks every minute): not resolved here.
    await context.dataSource.getRepository(AlertRuleState).update({ rule: 'memory' }, { heldBy: 'web-2:300', heldAt: new Date(START.getTime() + MINUTE) });
    context.readings.memoryUsed = 0.5;
    context.clock.advance(2 * MINUTE);
    expect((await context.check()).notices).toEqual([]);
    // web-2 has not seen it for more than two of its checks: gone, or no longer holding.
    context.clock.advance(2 * MINUTE);
    expect((await context.check()).notices.map((notice) => notice.kind)).toEqual(['resolved']);
  });
});

describe('the weekly session statistics by mail', () => {
  it('go to ALERT_RECIPIENTS through the same mail', async () => {
    const smtp = await new TestSmtpServer({ user: 'alerts@example.com', password: 's3cret' }).start();
    const context = await alertsContext(freshSqliteDatabase(), { smtpPort: smtp.port }, { SMTP_USER: 'alerts@example.com', SMTP_PASSWORD: 's3cret' });
    try {
      await context.module.get(CleanupJobs).reportStats();
      await context.notifier.settled();
      const [mail] = await smtp.waitFor(1);
      expect(mail!.subject).toBe('[HoliBot Calpe] Weekly session statistics');
      expect(mail!.text).toContain('Chat Session Statistics');
      expect(mail!.text).toContain('Total sessions: 0');
      expect(smtp.logins).toEqual(['alerts@example.com:s3cret']);
    } finally {
      await context.close();
      await smtp.stop();
    }
  });
});

const withMysql = await mysqlAvailable();
(withMysql ? describe : describe.skip)('alerts: two instances on one MariaDB', () => {
  let database: DatabaseConfig;
  beforeAll(async () => {
    database = await freshMysqlDatabase('alerts');
  });
  afterAll(() => dropMysqlDatabase(database));

  it('with the same rule firing on both, send one mail (the job lock and the shared state), and one when it resolves', async () => {
    const smtp = await new TestSmtpServer().start();
    const first = await alertsContext(database, { smtpPort: smtp.port }, {}, 'web-1:100');
    const second = await alertsContext(database, { smtpPort: smtp.port }, {}, 'web-2:100');
    try {
      for (const instance of [first, second]) instance.readings.memoryUsed = 0.97;
      // Both at the same tick, as their timers would, through the job runner and its lock…
      await Promise.all([first, second].map((instance) => instance.runner.run('alert-check', 'cron', () => instance.check())));
      // …and one after the other.
      second.clock.advance(MINUTE);
      await second.check();
      first.clock.advance(2 * MINUTE);
      await first.check();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(subjects(smtp.mails)).toEqual([expect.stringContaining('FIRING: High memory use')]);
      expect(await first.dataSource.getRepository(AlertEvent).count()).toBe(1);

      // Only the second still sees it: the first does not resolve what the second keeps seeing…
      first.readings.memoryUsed = 0.3;
      second.clock.advance(2 * MINUTE);
      await second.check();
      first.clock.advance(MINUTE);
      await first.check();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.mails).toHaveLength(1);
      // …until the second stops seeing it too.
      second.readings.memoryUsed = 0.3;
      second.clock.advance(MINUTE);
      await second.check();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(subjects(smtp.mails)).toEqual([expect.stringContaining('FIRING: High memory use'), expect.stringContaining('RESOLVED: High memory use')]);
      expect(await first.dataSource.getRepository(AlertRuleState).findOneByOrFail({ rule: 'memory' })).toMatchObject({
        checkedBy: 'web-2:100',
        heldBy: 'web-2:100',
      });
    } finally {
      await first.close();
      await second.close();
      await smtp.stop();
    }
  });
});

describe('alerts without a reachable SMTP server at start', () => {
  it('the SMTP check at start fails with the setting named, and nothing else is affected', async () => {
    const context = await alertsContext(freshSqliteDatabase(), { smtpPort: await closedPort() });
    try {
      expect(await context.notifier.verifyMail()).toBe(false);
      expect(context.errors).toEqual([
        expect.stringMatching(/^alert mail: SMTP_HOST=127\.0\.0\.1 SMTP_PORT=\d+: ESOCKET: connect ECONNREFUSED .*holibot alerts test/),
      ]);
    } finally {
      await context.close();
    }
  });
});

describe('alerts in the running server', () => {
  it('checks that fail (the database failing) are a notice of their own after three, and say when they work again', async () => {
    const webhook = await new TestWebhook().start();
    const running = await startInProcess({ ALERTS_ENABLED: 'true', ALERT_CHECK_INTERVAL: '1000', ALERT_MEMORY_PERCENT: '0', ALERT_WEBHOOK_URL: webhook.url });
    const firstLines = () => webhook.posts.map((post) => post.text.split('\n')[0]);
    const waitFor = async (count: number) => {
      const deadline = Date.now() + 15_000;
      while (webhook.posts.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    try {
      await waitFor(1);
      expect(firstLines()).toEqual([expect.stringContaining('FIRING: High memory use')]);
      const database = running.app.get(DataSource);
      await database.query('ALTER TABLE "AlertRuleState" RENAME TO "AlertRuleStateAway"');
      await waitFor(2);
      expect(firstLines()[1]).toBe(`*[HoliBot Calpe] FIRING: alert checks failing on ${hostname()}*`);
      expect(webhook.posts[1]!.text).toContain('Holding now: High memory use');
      expect(webhook.posts[1]!.text).toMatch(/Reason: +.*AlertRuleState/);
      await database.query('ALTER TABLE "AlertRuleStateAway" RENAME TO "AlertRuleState"');
      await waitFor(3);
      expect(firstLines()[2]).toBe(`*[HoliBot Calpe] RESOLVED: alert checks failing on ${hostname()}*`);
      // Only one notice while it lasted (not one per failed check).
      expect(firstLines().filter((line) => line?.includes('alert checks failing'))).toHaveLength(2);
    } finally {
      await running.close();
      await webhook.stop();
    }
  });

  it('are checked every ALERT_CHECK_INTERVAL ms; an SMTP server that is down costs visitors nothing', async () => {
    const webhook = await new TestWebhook().start();
    // The start-up check of SMTP (http-app.ts) is asked for, without holding the start up.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back, and called with its own `this`
    const verifyMail = AlertNotifier.prototype.verifyMail;
    let verified = 0;
    AlertNotifier.prototype.verifyMail = function (this: AlertNotifier) {
      verified += 1;
      return verifyMail.call(this);
    };
    const running = await startInProcess({
      ALERTS_ENABLED: 'true',
      ALERT_CHECK_INTERVAL: '1000',
      ALERT_MEMORY_PERCENT: '0',
      ALERT_WEBHOOK_URL: webhook.url,
      ALERT_RECIPIENTS: 'ops@example.com',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(await closedPort()),
    });
    AlertNotifier.prototype.verifyMail = verifyMail;
    try {
      expect(verified).toBe(1);
      expect(running.app.get(SchedulerRegistry).getIntervals()).toContain('alert-check');
      const deadline = Date.now() + 10_000;
      while (webhook.posts.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(webhook.posts[0]!.text).toContain('FIRING: High memory use');
      // The mail failed and waits for its retry; visitors are answered as ever.
      expect(running.app.get(AlertNotifier).pendingRetries).toBe(1);
      const answer = await fetch(`${running.url}/api/v1/chat/message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'beaches' }),
      });
      expect(answer.status).toBe(200);
      const ready = (await (await fetch(`${running.url}/health/ready`)).json()) as { details: Record<string, { status: string }> };
      expect(ready.details['alert-check']).toMatchObject({ status: 'up' });
    } finally {
      await running.close();
      await webhook.stop();
    }
  });
});
