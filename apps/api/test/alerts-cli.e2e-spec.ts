import { execFile } from 'node:child_process';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { TestSmtpServer, TestWebhook, closedPort } from './support/alert-sinks.js';

const CLI = resolve('dist/apps/api/src/cli.js');

/** The built CLI as its own process; asynchronous, so that this process's SMTP and webhook servers keep answering. */
function holibot(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env['PATH'] ?? '', LOG_FILES_ENABLED: 'false', ...env } },
      (_error, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('holibot alerts', () => {
  let smtp: TestSmtpServer;
  let webhook: TestWebhook;
  let env: Record<string, string>;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    webhook = await new TestWebhook().start();
    const database = freshSqliteDatabase();
    env = {
      DB_SQLITE_PATH: database.type === 'sqlite' ? database.sqlitePath : '',
      ALERT_RECIPIENTS: 'ops@example.com',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      ALERT_WEBHOOK_URL: webhook.url,
    };
  });
  afterAll(async () => {
    await smtp.stop();
    await webhook.stop();
  });

  it('alerts test sends a test message through every channel and says so', async () => {
    const result = await holibot(['alerts', 'test'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`email    ops@example.com: sent\nwebhook  webhook at ${new URL(webhook.url).host}: sent\n`);
    expect((await smtp.waitFor(1)).map((mail) => mail.subject)).toEqual([`[HoliBot Calpe] Test alert from ${hostname()}`]);
    expect(webhook.posts).toHaveLength(1);
  });

  it('alerts test exits 1 naming the channel that failed; ALERTS_NOT_CONFIGURED without any channel', async () => {
    const down = await holibot(['alerts', 'test'], { ...env, SMTP_PORT: String(await closedPort()) });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^email {4}ops@example\.com: FAILED: .*ECONNREFUSED/m);
    expect(down.stderr).toMatch(/^holibot: ALERT_DELIVERY_FAILED: the test message did not go through: email: .*ECONNREFUSED/);
    expect(down.stderr).not.toContain('secret-part');
    const none = await holibot(['alerts', 'test'], { DB_SQLITE_PATH: env['DB_SQLITE_PATH']! });
    expect(none).toMatchObject({ code: 1, stderr: expect.stringContaining('holibot: ALERTS_NOT_CONFIGURED: no alert channel is configured') });
    // A half-done configuration is refused at start, naming what is missing.
    const half = await holibot(['alerts', 'test'], { DB_SQLITE_PATH: env['DB_SQLITE_PATH']!, ALERT_RECIPIENTS: 'ops@example.com' });
    expect(half).toMatchObject({ code: 1, stderr: expect.stringContaining('ALERT_RECIPIENTS is set but SMTP_HOST is not') });
  });

  it('alerts status lists every rule; unknown before any check, with a note that the server does not check', async () => {
    const table = await holibot(['alerts', 'status'], env);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^rule +state +value +threshold +checked$/);
    expect(lines[1]).toMatch(/^response_time +unknown +unknown +2,000 ms +never$/);
    expect(table.stdout).toMatch(/^disk +unknown +unknown +10\.0 % +never$/m);
    expect(table.stdout).toContain('ALERTS_ENABLED is false in this configuration');
    const json = await holibot(['alerts', 'status', '--json'], { ...env, ALERT_CPU_PERCENT: '70' });
    const parsed = JSON.parse(json.stdout) as { enabled: boolean; rules: Array<{ rule: string; state: string; threshold: number }> };
    expect(parsed.enabled).toBe(false);
    expect(parsed.rules).toHaveLength(9);
    expect(parsed.rules.find((rule) => rule.rule === 'cpu')).toMatchObject({ state: 'unknown', threshold: 70 });
  });
});
