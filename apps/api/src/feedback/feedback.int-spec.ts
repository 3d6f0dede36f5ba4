import type { DataSource } from 'typeorm';
import { ChatFeedback, ChatMessage, createDataSource } from '@holibot/database';
import { eachDatabase } from '@holibot/database/testing';
import { FixedClock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { SessionService } from '../session/session.service.js';
import { FeedbackService, cleanComment } from './feedback.service.js';

eachDatabase('feedback', (database) => {
  let dataSource: DataSource;
  const clock = new FixedClock(new Date('2026-06-10T10:00:00Z'));
  let sessions: SessionService;
  let feedback: FeedbackService;
  beforeAll(async () => {
    dataSource = await (await createDataSource(database())).initialize();
    await dataSource.runMigrations();
    sessions = new SessionService(dataSource, clock, AppConfig.fromEnv({ SESSION_EXPIRY_HOURS: '2' }));
    feedback = new FeedbackService(dataSource, sessions, clock);
  });
  afterAll(() => dataSource.destroy());

  /** A stored session with one turn whose answer showed places 11 and 12: its id and the answer's message id. */
  const conversation = async (userId: string | null = null) => {
    const session = sessions.start(userId);
    const [, answerId] = await sessions.recordTurn(session, true, [
      { role: 'user', content: 'restaurantes', poiIds: null, language: 'es', intent: null, engine: null, latencyMs: null },
      { role: 'assistant', content: 'Aquí tienes', poiIds: [11, 12], language: 'es', intent: 'search', engine: 'builtin', latencyMs: 3 },
    ]);
    return { sessionId: session.id, messageId: answerId! };
  };
  const rows = () => dataSource.getRepository(ChatFeedback).find({ order: { id: 'ASC' } });
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return { code: (error as DomainError).code, message: (error as DomainError).message };
    }
    throw new Error('expected the feedback to be refused');
  };

  it('stores a rating on an assistant message, with its reason, cleaned comment, place and the answer’s language', async () => {
    const { sessionId, messageId } = await conversation();
    const stored = await dataSource.getRepository(ChatMessage).findOneByOrFail({ id: messageId });
    expect([stored.role, stored.sessionId]).toEqual(['assistant', sessionId]);
    const id = await feedback.submit(
      { sessionId, messageId, rating: 'down', reason: 'closed', comment: ' \tIt was\u0007 closed!\r\nSorry 🙁 ', poiId: 12 },
      null,
    );
    const [row] = (await rows()).filter((r) => r.id === id);
    expect(row).toMatchObject({ sessionId, messageId, rating: 'down', reason: 'closed', comment: 'It was closed!\nSorry 🙁', poiId: 12, language: 'es' });
    expect(row!.createdAt.toISOString()).toBe('2026-06-10T10:00:00.000Z');
    expect(row!.updatedAt.toISOString()).toBe('2026-06-10T10:00:00.000Z');
  });

  it('a second feedback on the same answer replaces the first: same row, same id, created_at kept', async () => {
    const { sessionId, messageId } = await conversation();
    const first = await feedback.submit(
      { sessionId: sessionId.toUpperCase(), messageId, rating: 'down', reason: 'wrong_info', comment: 'bad', poiId: 11 },
      null,
    );
    clock.advance(60_000);
    const second = await feedback.submit({ sessionId, messageId, rating: 'up' }, null);
    expect(second).toBe(first);
    const mine = (await rows()).filter((r) => r.messageId === messageId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: first, rating: 'up', reason: null, comment: null, poiId: null });
    expect(mine[0]!.updatedAt.getTime() - mine[0]!.createdAt.getTime()).toBe(60_000);
    // Parallel feedback on one answer (a double click, two tabs): still one row, one id.
    const ids = await Promise.all((['up', 'down', 'up', 'down'] as const).map((rating) => feedback.submit({ sessionId, messageId, rating }, null)));
    expect(new Set(ids)).toEqual(new Set([first]));
    expect((await rows()).filter((r) => r.messageId === messageId)).toHaveLength(1);
  });

  it('each answer has its own feedback', async () => {
    const one = await conversation();
    const two = await conversation();
    const a = await feedback.submit({ ...one, rating: 'up' }, null);
    const b = await feedback.submit({ ...two, rating: 'up' }, null);
    expect(a).not.toBe(b);
  });

  it('refuses what is not an answer of that session: the question, another session’s answer, an unknown id; and an unknown or expired session', async () => {
    const mine = await conversation();
    const other = await conversation();
    const notFound = { code: 'MESSAGE_NOT_FOUND', message: 'No such answer in this session.' };
    expect(await failure(feedback.submit({ ...mine, messageId: mine.messageId - 1, rating: 'up' }, null))).toEqual(notFound);
    expect(await failure(feedback.submit({ sessionId: mine.sessionId, messageId: other.messageId, rating: 'up' }, null))).toEqual(notFound);
    expect(await failure(feedback.submit({ ...mine, messageId: 2_000_000_000, rating: 'up' }, null))).toEqual(notFound);
    expect((await failure(feedback.submit({ ...mine, sessionId: '00000000-0000-4000-8000-000000000000', rating: 'up' }, null))).code).toBe('SESSION_NOT_FOUND');
    clock.advance(2 * 3600_000 + 1);
    expect((await failure(feedback.submit({ ...mine, rating: 'up' }, null))).code).toBe('SESSION_NOT_FOUND');
    expect(await rows()).not.toContainEqual(expect.objectContaining({ messageId: mine.messageId }));
  });

  it('refuses a place the answer did not show, and a reason with "up"', async () => {
    const mine = await conversation();
    expect(await failure(feedback.submit({ ...mine, rating: 'down', reason: 'wrong_info', poiId: 13 }, null))).toEqual({
      code: 'INVALID_FEEDBACK',
      message: 'poiId must be one of the places of that answer.',
    });
    expect((await failure(feedback.submit({ ...mine, rating: 'up', reason: 'closed' }, null))).code).toBe('INVALID_FEEDBACK');
    expect(await rows()).not.toContainEqual(expect.objectContaining({ messageId: mine.messageId }));
  });

  it("a signed-in visitor's session takes feedback from that visitor only", async () => {
    const theirs = await conversation('user-1');
    expect((await failure(feedback.submit({ ...theirs, rating: 'up' }, null))).code).toBe('SESSION_NOT_FOUND');
    expect((await failure(feedback.submit({ ...theirs, rating: 'up' }, 'user-2'))).code).toBe('SESSION_NOT_FOUND');
    expect(await feedback.submit({ ...theirs, rating: 'up' }, 'user-1')).toEqual(expect.any(Number));
  });

  it('a session deleted while its feedback is on the way: MESSAGE_NOT_FOUND, not a database error', async () => {
    const mine = await conversation();
    const messages = dataSource.getRepository(ChatMessage);
    const findOne = messages.findOne.bind(messages);
    // The answer is found, then the visitor's "new conversation" deletes the session before the write.
    messages.findOne = async (options) => {
      const found = await findOne(options);
      await sessions.delete(mine.sessionId);
      return found;
    };
    try {
      expect((await failure(feedback.submit({ ...mine, rating: 'up' }, null))).code).toBe('MESSAGE_NOT_FOUND');
    } finally {
      // The repository's own method again (its prototype's).
      delete (messages as { findOne?: unknown }).findOne;
    }
  });

  it('deleting a session deletes its feedback', async () => {
    const mine = await conversation();
    const id = await feedback.submit({ ...mine, rating: 'up' }, null);
    await sessions.delete(mine.sessionId);
    expect(await dataSource.getRepository(ChatFeedback).countBy({ id })).toBe(0);
  });
});

describe('cleanComment', () => {
  it('trims, keeps line breaks and text in any script, drops control characters, and turns an empty comment into null', () => {
    expect(cleanComment('  Muy bien 👍\r\nDanke\tschön \u0000\u001b[31m ')).toBe('Muy bien 👍\nDanke schön [31m');
    expect(cleanComment('\u0085\u009f')).toBeNull();
    expect(cleanComment(' \n ')).toBeNull();
    expect(cleanComment(undefined)).toBeNull();
  });
});
