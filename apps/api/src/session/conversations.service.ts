import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, Equal, In, LessThan } from 'typeorm';
import type { ConversationData, ConversationSummary } from '@holibot/contracts';
import { ChatFeedback, ChatMessage, ChatSession, onReadReplica, transaction } from '@holibot/database';
import { SessionNotFoundError } from './session.errors.js';

const FIRST_QUESTION_LENGTH = 120;

/**
 * The conversations as the admin UI reviews them (newest first, read one, delete one: a
 * visitor's right to erasure). Only what SESSION_EXPIRY_HOURS keeps: the cleanup deletes the rest.
 */
@Injectable()
export class ConversationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Newest activity first. `before`: the updatedAt and id of the last one of the previous page
   * (the id breaks ties between conversations of the same millisecond, so none is skipped or shown twice).
   */
  async list(limit: number, before?: { updatedAt: Date; id?: string }): Promise<ConversationSummary[]> {
    const where = !before
      ? {}
      : before.id
        ? [{ updatedAt: LessThan(before.updatedAt) }, { updatedAt: Equal(before.updatedAt), id: LessThan(before.id.toLowerCase()) }]
        : { updatedAt: LessThan(before.updatedAt) };
    // The admin's list tolerates a little replication lag: a read replica serves it when there is one.
    return onReadReplica(this.dataSource, async (manager) => {
      const sessions = await manager.getRepository(ChatSession).find({ where, order: { updatedAt: 'DESC', id: 'DESC' }, take: limit });
      const firsts = await firstQuestions(
        manager,
        sessions.map((session) => session.id),
      );
      return sessions.map((session) => summary(session, firsts.get(session.id) ?? null));
    });
  }

  async get(id: string): Promise<ConversationData> {
    const session = await this.dataSource.getRepository(ChatSession).findOneBy({ id: id.toLowerCase() });
    if (!session) throw new SessionNotFoundError();
    const [messages, feedback] = await Promise.all([
      this.dataSource.getRepository(ChatMessage).find({ where: { sessionId: session.id }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(ChatFeedback).find({ where: { sessionId: session.id } }),
    ]);
    const byMessage = new Map(feedback.map((row) => [row.messageId, row]));
    const first = messages.find((message) => message.role === 'user')?.content ?? null;
    return {
      ...summary(session, first),
      messages: messages.map((message) => {
        const rating = byMessage.get(message.id);
        return {
          id: message.id,
          role: message.role,
          content: message.content,
          createdAt: message.createdAt.toISOString(),
          language: message.language,
          poiIds: message.poiIds,
          feedback: rating ? { rating: rating.rating, reason: rating.reason, comment: rating.comment } : null,
        };
      }),
    };
  }

  /** The conversation, its messages and its feedback, in one transaction. */
  async delete(id: string): Promise<void> {
    const deleted = await transaction(this.dataSource, async (manager) => {
      await manager.getRepository(ChatFeedback).delete({ sessionId: id.toLowerCase() });
      await manager.getRepository(ChatMessage).delete({ sessionId: id.toLowerCase() });
      return (await manager.getRepository(ChatSession).delete({ id: id.toLowerCase() })).affected ?? 0;
    });
    if (!deleted) throw new SessionNotFoundError();
  }
}

/** Each conversation's first question, by session id. */
async function firstQuestions(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const firstIds = await manager
    .getRepository(ChatMessage)
    .createQueryBuilder('m')
    .select('MIN(m.id)', 'id')
    .where({ sessionId: In(ids), role: 'user' })
    .groupBy('m.session_id')
    .getRawMany<{ id: number | string }>();
  const rows = await manager.getRepository(ChatMessage).find({ where: { id: In(firstIds.map((row) => Number(row.id))) } });
  return new Map(rows.map((row) => [row.sessionId, row.content]));
}

function summary(session: ChatSession, firstQuestion: string | null): ConversationSummary {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    messageCount: session.messageCount,
    language: session.language ?? null,
    signedIn: session.userId !== null,
    firstQuestion:
      firstQuestion === null ? null : firstQuestion.length > FIRST_QUESTION_LENGTH ? `${firstQuestion.slice(0, FIRST_QUESTION_LENGTH - 1)}…` : firstQuestion,
  };
}
