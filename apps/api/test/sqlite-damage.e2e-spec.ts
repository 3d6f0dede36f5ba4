import { copyFileSync, mkdtempSync, openSync, closeSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { ChatMessage, ChatSession, SQLITE_CACHE_KIB, createDataSource, insertRows } from '@holibot/database';
import { type RunningApp, STACK_FRAME, chatClient, runToExit, startApp, testEnv, JOBS_UP } from './support/app.js';

const SESSIONS = 400;
const MESSAGES_PER_SESSION = 20;
const UNAVAILABLE = { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } };

/**
 * A real HoliBot file: the server's migrations, then 400 conversations of 20 messages of ~1 KB —
 * about 8 MB of tables, four times the server's page cache, so most of it is read from disk.
 */
async function buildDatabase(file: string): Promise<string[]> {
  const dataSource = await (await createDataSource({ type: 'sqlite', sqlitePath: file })).initialize();
  await dataSource.runMigrations();
  const now = Date.now();
  const ids = Array.from({ length: SESSIONS }, () => randomUUID());
  await dataSource.transaction(async (manager) => {
    for (const id of ids) {
      const at = new Date(now);
      await insertRows(manager, ChatSession, [
        manager.create(ChatSession, {
          id,
          userId: null,
          createdAt: at,
          updatedAt: at,
          expiresAt: new Date(now + 86_400_000),
          language: 'en',
          lastIntent: null,
          lastResultIds: null,
          focusPoiId: null,
          messageCount: MESSAGES_PER_SESSION,
        }),
      ]);
      await insertRows(
        manager,
        ChatMessage,
        Array.from({ length: MESSAGES_PER_SESSION }, (_, i) =>
          manager.create(ChatMessage, {
            sessionId: id,
            role: i % 2 ? 'assistant' : 'user',
            content: `turn ${i} of ${id}: ${'the beach is lovely today. '.repeat(36)}`,
            poiIds: null,
            language: 'en',
            intent: null,
            engine: null,
            latencyMs: null,
            createdAt: new Date(now + i),
          }),
        ),
      );
    }
  });
  // Closing the last connection checkpoints the WAL into the file.
  await dataSource.destroy();
  return ids;
}

/**
 * Overwrites every third data page of the conversation tables (none of the file's first pages,
 * so the header and the schema stay intact) with bytes that are no SQLite page.
 */
function damage(file: string): number {
  const reader = new Database(file, { readonly: true });
  const pages = reader
    .prepare(`SELECT pageno, pgsize FROM dbstat WHERE name IN ('ChatSession', 'ChatMessage') AND pagetype = 'leaf' ORDER BY pageno`)
    .all() as Array<{ pageno: number; pgsize: number }>;
  reader.close();
  const damaged = pages.filter((_, i) => i % 3 === 1);
  const fd = openSync(file, 'r+');
  for (const { pageno, pgsize } of damaged) writeSync(fd, Buffer.alloc(pgsize, 0xa5), 0, pgsize, (pageno - 1) * pgsize);
  closeSync(fd);
  return damaged.length;
}

describe('a damaged SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'holibot-damage-'));
  const good = join(dir, 'good.sqlite');
  let sessionIds: string[] = [];
  beforeAll(async () => {
    sessionIds = await buildDatabase(good);
    const reader = new Database(good, { readonly: true });
    const tableBytes = (reader.prepare(`SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name IN ('ChatSession', 'ChatMessage')`).get() as { bytes: number })
      .bytes;
    reader.close();
    expect(tableBytes).toBeGreaterThan(3 * SQLITE_CACHE_KIB * 1024);
  }, 60_000);

  it('is refused at start, in one line naming DB_SQLITE_PATH and the file and saying what to do', async () => {
    const file = join(dir, 'damaged-before-start.sqlite');
    copyFileSync(good, file);
    expect(damage(file)).toBeGreaterThan(10);
    const { code, output } = await runToExit(testEnv({ type: 'sqlite', sqlitePath: file }, { LOG_LEVEL: 'info' }));
    expect(code).toBe(1);
    const lines = output.split('\n').filter((line) => line.includes(file));
    expect(lines).toEqual([
      expect.stringMatching(/^HoliBot could not start: the SQLite database DB_SQLITE_PATH=.* is damaged \(PRAGMA quick_check: .+\): restore it from a backup/),
    ]);
    expect(output).not.toMatch(STACK_FRAME);
  });

  describe('damaged on disk while the server runs', () => {
    const file = join(dir, 'damaged-while-running.sqlite');
    let running: RunningApp;
    beforeAll(async () => {
      copyFileSync(good, file);
      running = await startApp(testEnv({ type: 'sqlite', sqlitePath: file }, { RATE_LIMIT_ENABLED: 'false' }));
      expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
      // The server has read none of the conversations yet: the damage hits pages it has not cached.
      damage(file);
    }, 60_000);
    afterAll(() => running?.close());

    it('answers the reads that hit the damage with 503 (never 500), logs it once without a stack, and readiness goes down', async () => {
      const statuses: number[] = [];
      const sample = sessionIds.filter((_, i) => i % 11 === 5);
      expect(sample.length).toBeGreaterThanOrEqual(36);
      for (const id of sample) {
        const response = await fetch(`${running.url}/api/v1/chat/session/${id}`);
        const body = await response.json();
        statuses.push(response.status);
        if (response.status === 503) expect(body).toEqual(UNAVAILABLE);
        else expect(response.status).toBe(200);
      }
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(sample.length / 4);
      for (const id of sample.slice(0, 6)) expect([200, 503]).toContain((await chatClient(running.url).ask('beaches', id)).status);

      for (let probe = 0; probe < 3; probe += 1) {
        const ready = await fetch(`${running.url}/health/ready`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toEqual({
          success: false,
          error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), checks: { database: { status: 'down' }, ...JOBS_UP } },
        });
      }
      const output = running.output();
      const reports = output.split('\n').filter((line) => line.includes(`SQLite database ${file} (DB_SQLITE_PATH) is damaged`));
      expect(reports).toEqual([expect.stringMatching(/ERROR .*restore it from a backup/)]);
      expect(output).not.toMatch(STACK_FRAME);
    });
  });
});
