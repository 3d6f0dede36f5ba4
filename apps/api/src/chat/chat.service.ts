import { Injectable, Logger } from '@nestjs/common';
import type { ChatIntent, ChatMessageResponse, Language } from '@holibot/contracts';
import type { ChatSession } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { Metrics } from '../observability/metrics/metrics.service.js';
import { SessionService } from '../session/index.js';
import { AnswerEngine, HISTORY_LIMIT } from './engine/answer-engine.js';
import type { ChatMessageDto } from './chat-message.dto.js';
import { turnStat } from './turn-stat.js';

/** One chat turn: find or start the session, let the engine answer, store the turn once. */
@Injectable()
export class ChatService {
  private readonly logger = new Logger(ChatService.name);

  constructor(
    private readonly sessions: SessionService,
    private readonly engine: AnswerEngine,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Answers `request`; `onDelta` (WebSocket) receives the answer's text as it is produced. The
   * returned payload is the same with or without it.
   */
  async handle(request: ChatMessageDto, userId: string | null, onDelta?: (text: string) => void): Promise<ChatMessageResponse> {
    const started = performance.now();
    // Only the WebSocket streams: its turns are the ones with onDelta.
    const channel = onDelta ? 'ws' : 'rest';
    try {
      const response = await this.answer(request, userId, started, onDelta);
      const { engine, language, intent } = response.data;
      const outcome = intent === 'no_results' ? 'no_results' : 'answered';
      this.metrics.chatTurn({ engine, language, channel, outcome, seconds: (performance.now() - started) / 1000 });
      return response;
    } catch (error) {
      this.metrics.chatTurn({ engine: 'none', language: request.language ?? 'unknown', channel, outcome: 'error', seconds: 0 });
      throw error;
    }
  }

  private async answer(request: ChatMessageDto, userId: string | null, started: number, onDelta?: (text: string) => void): Promise<ChatMessageResponse> {
    const existing = request.sessionId ? await this.sessions.findActive(request.sessionId.toLowerCase(), userId) : null;
    const session: ChatSession = existing ?? this.sessions.start(userId);
    // A visitor who signs in mid-conversation takes the conversation with them: it becomes private.
    if (existing && existing.userId === null && userId) existing.userId = userId;
    const query = request.query.trim();
    const answer = await this.engine.answer({
      query,
      languageHint: request.language ?? null,
      context: {
        language: existing ? (session.language as Language) : null,
        lastIntent: session.lastIntent as ChatIntent | null,
        lastResultIds: session.lastResultIds ?? [],
        moreResultIds: session.moreResultIds ?? [],
        focusPoiId: session.focusPoiId,
      },
      position: request.latitude !== undefined && request.longitude !== undefined ? { latitude: request.latitude, longitude: request.longitude } : null,
      now: this.clock.now(),
      history: async () => {
        if (!existing) return [];
        const messages = await this.sessions.recentMessages(session.id, HISTORY_LIMIT);
        return messages.map(({ role, content }) => ({ role, content }));
      },
      onDelta,
    });
    session.language = answer.context.language ?? answer.language;
    session.lastIntent = answer.context.lastIntent;
    session.lastResultIds = answer.context.lastResultIds;
    session.moreResultIds = answer.context.moreResultIds;
    session.focusPoiId = answer.context.focusPoiId;
    const latencyMs = Math.round(performance.now() - started);
    const [, messageId] = await this.sessions.recordTurn(
      session,
      !existing,
      [
        { role: 'user', content: query, poiIds: null, language: answer.language, intent: null, engine: null, latencyMs: null },
        {
          role: 'assistant',
          content: answer.text,
          poiIds: answer.pois.map((p) => p.id),
          language: answer.language,
          intent: answer.intent,
          engine: answer.engine,
          latencyMs,
          promptTokens: answer.usage?.promptTokens ?? null,
          completionTokens: answer.usage?.completionTokens ?? null,
        },
      ],
      turnStat(answer, query, latencyMs),
    );
    this.logger.debug(`session ${session.id}: ${answer.intent} by ${answer.engine}, ${answer.pois.length} POIs, ${latencyMs} ms`);
    return {
      success: true,
      data: {
        sessionId: session.id,
        messageId: messageId!,
        textResponse: answer.text,
        pois: answer.pois,
        intent: answer.intent,
        isFollowUp: answer.isFollowUp,
        language: answer.language,
        engine: answer.engine,
      },
      metadata: { totalResults: answer.totalResults },
    };
  }
}
