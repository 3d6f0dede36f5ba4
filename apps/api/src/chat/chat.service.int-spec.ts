import { Test, type TestingModule } from '@nestjs/testing';
import { ThrottlerModule } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@holibot/database';
import { FIXED_NOW, OPEN_AT_FIXED_NOW } from '../../test/support/app.js';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { CommonModule } from '../common/common.module.js';
import { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { MetricsModule } from '../observability/metrics/metrics.module.js';
import { PoiCatalogue } from '../poi/poi-catalogue.service.js';
import { SessionService } from '../session/session.service.js';
import { ChatService } from './chat.service.js';
import { ChatModule } from './chat.module.js';

/**
 * ChatModule through Nest's injector, without HTTP: on a migrated SQLite file with the sample
 * catalogue, the clock at FIXED_NOW. (The HTTP and WebSocket edges: chat.gateway.int-spec.ts.)
 */
async function chatTestingModule(): Promise<{ module: TestingModule; close(): Promise<void> }> {
  const database = freshSqliteDatabase();
  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    HOLIBOT_FIXED_NOW: FIXED_NOW,
    DB_SQLITE_PATH: database.type === 'sqlite' ? database.sqlitePath : '',
    POI_RELOAD_INTERVAL_MS: '0',
  });
  const dataSource: DataSource = await (await createDataSource(config.database)).initialize();
  await dataSource.runMigrations();
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      CommonModule,
      DatabaseModule.forRoot(dataSource),
      MetricsModule.forRoot({ serve: false }),
      // The storage ChatRateLimit counts in (the limits are under test at the edges, not here).
      ThrottlerModule.forRoot([{ ttl: 60_000, limit: 1000 }]),
      ChatModule,
    ],
  })
    .setLogger({ log() {}, error() {}, warn() {}, debug() {}, verbose() {} })
    .compile();
  await module.init();
  // As the server's start does (http-app.ts): the sample catalogue into the empty database.
  await module.get(PoiCatalogue).start();
  return {
    module,
    async close() {
      await module.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

describe('ChatService in-process, on SQLite with the sample catalogue', () => {
  let module: TestingModule;
  let close: () => Promise<void>;
  let chat: ChatService;
  let sessions: SessionService;
  beforeAll(async () => {
    const testing = await chatTestingModule();
    module = testing.module;
    close = () => testing.close();
    chat = module.get(ChatService);
    sessions = module.get(SessionService);
  });
  afterAll(() => close());

  it('answers from the catalogue and stores the turn in a new session', async () => {
    const answer = await chat.handle({ query: 'Italian restaurants' }, null);
    expect(answer.success).toBe(true);
    const { sessionId, pois } = answer.data;
    expect(pois.length).toBeGreaterThan(0);
    // Every place named is an Italian place of the sample catalogue, with its hours at FIXED_NOW.
    for (const poi of pois) expect(poi.openNow).toBe(OPEN_AT_FIXED_NOW[poi.name]);
    const stored = await sessions.messages(sessionId);
    expect(stored.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Italian restaurants'],
      ['assistant', answer.data.textResponse],
    ]);
    expect(stored[1]!.poiIds).toEqual(pois.map((p) => p.id));
  });

  it('a follow-up reads the stored session: "the first one" is the first place of the list', async () => {
    const list = await chat.handle({ query: 'Italian restaurants' }, null);
    const first = list.data.pois[0]!;
    const follow = await chat.handle({ query: 'Is the first one open?', sessionId: list.data.sessionId.toUpperCase() }, null);
    expect(follow.data.sessionId).toBe(list.data.sessionId);
    expect(follow.data.isFollowUp).toBe(true);
    expect(follow.data.pois.map((p) => p.id)).toEqual([first.id]);
    expect(follow.data.textResponse).toContain(first.name);
    expect(await sessions.messages(list.data.sessionId)).toHaveLength(4);
  });

  it("a signed-in user's session is private: another user (or nobody) starts a new one", async () => {
    const mine = await chat.handle({ query: 'beaches' }, 'user-a');
    const other = await chat.handle({ query: 'the first one', sessionId: mine.data.sessionId }, 'user-b');
    expect(other.data.sessionId).not.toBe(mine.data.sessionId);
    expect(other.data.isFollowUp).toBe(false);
    const anonymous = await chat.handle({ query: 'the first one', sessionId: mine.data.sessionId }, null);
    expect(anonymous.data.sessionId).not.toBe(mine.data.sessionId);
    expect(await sessions.messages(mine.data.sessionId)).toHaveLength(2);
  });
});
