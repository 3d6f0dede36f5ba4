import type { DataSource } from 'typeorm';
import { ChatMessage, createDataSource } from '@holibot/database';
import { eachDatabase } from '@holibot/database/testing';
import { FixedClock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { SessionService } from './session.service.js';

eachDatabase('sessions', (database) => {
  let dataSource: DataSource;
  const clock = new FixedClock(new Date('2026-06-10T10:00:00Z'));
  let sessions: SessionService;
  beforeAll(async () => {
    dataSource = await (await createDataSource(database())).initialize();
    await dataSource.runMigrations();
    sessions = new SessionService(dataSource, clock, AppConfig.fromEnv({ SESSION_EXPIRY_HOURS: '2' }));
  });
  afterAll(() => dataSource.destroy());

  const turn = (content: string) => [
    { role: 'user' as const, content, poiIds: null, language: 'en', intent: null, engine: null, latencyMs: null },
    { role: 'assistant' as const, content: `answer to ${content}`, poiIds: [1, 2], language: 'en', intent: 'search', engine: 'builtin', latencyMs: 3 },
  ];

  it('each turn slides expires_at; an expired session is not found', async () => {
    const session = sessions.start(null);
    await sessions.recordTurn(session, true, turn('one'));
    clock.advance(90 * 60_000);
    const found = await sessions.findActive(session.id, null);
    expect(found).not.toBeNull();
    await sessions.recordTurn(found!, false, turn('two'));
    const again = await sessions.findActive(session.id, null);
    expect(again!.expiresAt.toISOString()).toBe('2026-06-10T13:30:00.000Z');
    expect(again!.messageCount).toBe(4);
    expect((await sessions.messages(session.id)).map((m) => m.content)).toEqual(['one', 'answer to one', 'two', 'answer to two']);
    clock.advance(2 * 3600_000 + 1);
    expect(await sessions.findActive(session.id, null)).toBeNull();
  });

  it("a signed-in visitor's session is theirs only", async () => {
    const session = sessions.start('user-1');
    await sessions.recordTurn(session, true, turn('mine'));
    expect(await sessions.findActive(session.id, 'user-1')).not.toBeNull();
    expect(await sessions.findActive(session.id, null)).toBeNull();
    expect(await sessions.findActive(session.id, 'user-2')).toBeNull();
  });

  it('parallel turns of one session keep the count of every message', async () => {
    const session = sessions.start(null);
    await sessions.recordTurn(session, true, turn('first'));
    await Promise.all(Array.from({ length: 10 }, async (_, i) => sessions.recordTurn((await sessions.findActive(session.id, null))!, false, turn(`n${i}`))));
    const stored = await sessions.findActive(session.id, null);
    expect(stored!.messageCount).toBe(22);
    expect(await dataSource.getRepository(ChatMessage).countBy({ sessionId: session.id })).toBe(22);
  });

  it("recordTurn resolves to the stored messages' ids, parallel turns too (what answers give as messageId)", async () => {
    const session = sessions.start(null);
    await sessions.recordTurn(session, true, turn('first'));
    const found = (await sessions.findActive(session.id, null))!;
    const recorded = await Promise.all(Array.from({ length: 10 }, (_, i) => sessions.recordTurn({ ...found }, false, turn(`p${i}`))));
    const stored = await dataSource.getRepository(ChatMessage).findBy({ sessionId: session.id });
    const byId = new Map(stored.map((message) => [message.id, message.content]));
    recorded.forEach((ids, i) => expect(ids.map((id) => byId.get(id))).toEqual([`p${i}`, `answer to p${i}`]));
  });

  it('a turn for a session deleted meanwhile starts a new session instead of failing', async () => {
    const session = sessions.start(null);
    await sessions.recordTurn(session, true, turn('first'));
    const read = (await sessions.findActive(session.id, null))!;
    await sessions.delete(session.id);
    await sessions.recordTurn(read, false, turn('late'));
    expect(read.id).not.toBe(session.id);
    expect((await sessions.messages(read.id)).map((m) => m.content)).toEqual(['late', 'answer to late']);
  });

  it('delete removes the session and its messages', async () => {
    const session = sessions.start(null);
    await sessions.recordTurn(session, true, turn('bye'));
    await sessions.delete(session.id);
    expect(await sessions.findActive(session.id, null)).toBeNull();
    expect(await dataSource.getRepository(ChatMessage).countBy({ sessionId: session.id })).toBe(0);
  });
});
