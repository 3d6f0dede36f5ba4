import { signal } from '@angular/core';
import type { ChatAnswer, FeedbackRating, FeedbackReason, Language, PoiView } from '@holibot/contracts';
import type { ChatMessageRequest, ChatMessageResponse } from '@holibot/contracts';
import { ApiError, type ApiFailure, type ChatApi } from './chat-api';
import { SocketUnavailable, type ChatSocket } from './chat-socket';
import type { SessionStore } from './session-store';

export interface Feedback {
  rating: FeedbackRating;
  reason?: FeedbackReason;
  poiId?: number;
  state: 'sending' | 'sent' | 'failed';
}

export interface ChatEntry {
  id: number;
  role: 'user' | 'bot';
  text: string;
  pois: readonly PoiView[];
  /** When it was written (ms since epoch). */
  at: number;
  /** The stored assistant message, for feedback; absent on failures and streamed text. */
  messageId?: number;
  /** The answer found more places than it shows ("Show more" can page on). */
  more?: boolean;
  /** Set on a bot entry that stands for a failed request; worded by the view. */
  failure?: ApiFailure;
  /** The question to send again from a failure entry's retry button. */
  retryQuery?: string;
  /** A visitor's message typed while offline, sent when the connection is back. */
  queued?: boolean;
  feedback?: Feedback;
}

/** What other tabs of the same site hear when this one changes the conversation. */
interface TabMessage {
  sessionId: string | null;
}

/**
 * One visitor's conversation: the entries on screen, the request in flight, the session id in
 * storage, the rate-limit wait. Plain signals, so the component only renders it.
 */
export class Conversation {
  readonly entries = signal<readonly ChatEntry[]>([]);
  readonly pending = signal(false);
  /** While the browser says it is offline; messages typed meanwhile wait. */
  readonly offline = signal(false);
  /** Until when (ms since epoch) the server asked us not to send (429 Retry-After). */
  readonly waitUntil = signal(0);
  private nextId = 1;
  private restoring: Promise<void> | null = null;
  /** The bot entry that streamed text is written into, while an answer streams. */
  private streaming: number | null = null;
  /** Counts "new conversation"s: work begun before one drops its result. */
  private epoch = 0;
  private readonly tabs: BroadcastChannel | null;

  constructor(
    private readonly api: ChatApi,
    private readonly sessions: SessionStore,
    private readonly onAnswer: (answer: ChatAnswer) => void,
    private readonly socket: ChatSocket | null = null,
    private readonly now: () => number = Date.now,
    /** Told after every change of the entries (the view re-renders and follows them). */
    private readonly changed: () => void = () => undefined,
  ) {
    this.tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel(sessions.key) : null;
    if (this.tabs) this.tabs.onmessage = (event: MessageEvent<TabMessage>) => this.changedElsewhere(event.data);
  }

  /** Brings back the stored session's history once; an expired session starts fresh, silently. */
  restore(): Promise<void> {
    this.restoring ??= this.loadHistory();
    return this.restoring;
  }

  async send(text: string, language: Language | undefined, echo = true): Promise<void> {
    const query = text.trim();
    if (!query || this.pending()) return;
    if (this.offline()) {
      // Kept on screen and sent by setOffline(false) when the connection is back.
      if (echo) this.append({ role: 'user', text: query, pois: [], queued: true });
      return;
    }
    this.pending.set(true);
    const epoch = this.epoch;
    let answer: ChatAnswer | undefined;
    try {
      await this.restore();
      if (echo) this.append({ role: 'user', text: query, pois: [] });
      const response = await this.request({ query, sessionId: this.sessions.get() ?? undefined, language }).catch((error) => {
        // A stored id the server refuses (damaged storage): forget it and start a new session.
        if (!(error instanceof ApiError && error.failure.kind === 'rejected' && error.failure.code === 'INVALID_SESSION_ID')) throw error;
        this.sessions.clear();
        return this.request({ query, language });
      });
      // "New conversation" meanwhile: this answer belongs to the conversation that was dropped.
      if (epoch !== this.epoch) return;
      // Written only now: a visitor who never asks anything leaves nothing in storage.
      this.sessions.set(response.data.sessionId);
      // The final payload is authoritative: it replaces whatever streamed.
      const { pois } = response.data;
      this.finish({
        role: 'bot',
        text: response.data.textResponse,
        pois,
        messageId: response.data.messageId,
        more: response.metadata?.totalResults > pois.length,
      });
      answer = response.data;
    } catch (error) {
      if (epoch === this.epoch) {
        const failure = failureOf(error);
        if (failure.kind === 'rate-limited') this.waitUntil.set(this.now() + failure.retryAfterSeconds * 1000);
        this.finish({ role: 'bot', text: '', pois: [], failure, retryQuery: query });
      }
    } finally {
      this.pending.set(false);
    }
    // Outside the try: a listener's exception is the page's problem, not a failed request.
    if (answer) {
      this.tellTabs();
      this.onAnswer(answer);
    }
  }

  /** Sends a failed question again, replacing its error bubble. */
  async retry(entry: ChatEntry, language: Language | undefined): Promise<void> {
    if (!entry.retryQuery || this.pending()) return;
    this.update((entries) => entries.filter((e) => e.id !== entry.id));
    await this.send(entry.retryQuery, language, false);
  }

  /** Online again: the messages typed meanwhile go out, in order. */
  async setOffline(offline: boolean, language: Language | undefined): Promise<void> {
    this.offline.set(offline);
    if (offline) return;
    for (const entry of this.entries().filter((e) => e.queued)) {
      if (this.offline()) return;
      this.update((entries) => entries.map((e) => (e.id === entry.id ? { ...e, queued: false } : e)));
      await this.send(entry.text, language, false);
    }
  }

  /** "New conversation": forget the session here and on the server. */
  async reset(): Promise<void> {
    const sessionId = this.sessions.get();
    this.clear();
    this.sessions.clear();
    this.tellTabs();
    if (sessionId) {
      // Already gone or unreachable: the visitor still gets a fresh conversation.
      await this.api.deleteSession(sessionId).catch(() => undefined);
    }
  }

  /** Thumbs up or down on an answer, or "wrong info" about one of its places; a second one replaces the first. */
  async rate(entry: ChatEntry, rating: FeedbackRating, details: { reason?: FeedbackReason; comment?: string; poiId?: number } = {}): Promise<void> {
    const sessionId = this.sessions.get();
    if (entry.messageId === undefined || !sessionId) return;
    const update = (feedback: Feedback) => this.update((entries) => entries.map((e) => (e.id === entry.id ? { ...e, feedback } : e)));
    const feedback: Feedback = { rating, reason: details.reason, poiId: details.poiId, state: 'sending' };
    update(feedback);
    try {
      await this.api.sendFeedback({ sessionId, messageId: entry.messageId, rating, ...details });
      update({ ...feedback, state: 'sent' });
    } catch {
      update({ ...feedback, state: 'failed' });
    }
  }

  /** The page goes away: stop listening to other tabs. */
  close(): void {
    this.tabs?.close();
  }

  private clear(): void {
    this.epoch++;
    this.streaming = null;
    this.update(() => []);
    this.restoring = Promise.resolve();
  }

  /** Another tab answered a question or started over: show what the server now holds. */
  private changedElsewhere(message: TabMessage): void {
    if (this.pending()) return;
    const sessionId = message?.sessionId ?? null;
    this.clear();
    if (sessionId) this.sessions.set(sessionId);
    else this.sessions.clear();
    this.restoring = null;
    void this.restore();
  }

  private tellTabs(): void {
    try {
      this.tabs?.postMessage({ sessionId: this.sessions.get() } satisfies TabMessage);
    } catch {
      // A closed channel: no other tab to tell.
    }
  }

  private async loadHistory(): Promise<void> {
    const sessionId = this.sessions.get();
    if (!sessionId) return;
    const epoch = this.epoch;
    try {
      const messages = await this.api.getSession(sessionId);
      if (epoch !== this.epoch) return;
      const restored: ChatEntry[] = messages.map((m) => ({
        id: this.nextId++,
        role: m.role === 'user' ? 'user' : 'bot',
        text: m.content,
        pois: m.pois,
        at: Date.parse(m.createdAt) || this.now(),
        messageId: m.role === 'assistant' ? m.messageId : undefined,
      }));
      this.update((entries) => [...restored, ...entries]);
    } catch (error) {
      // Expired, deleted or unreadable: start fresh. Other failures (network, 429) keep the id
      // and let the next open try again.
      const failure = error instanceof ApiError ? error.failure : null;
      if (failure?.kind === 'not-found' || (failure?.kind === 'rejected' && failure.code === 'INVALID_SESSION_ID')) this.sessions.clear();
      else this.restoring = null;
    }
  }

  /** Over the socket when there is one (streamed), else, or when it cannot carry it, over REST. */
  private async request(request: ChatMessageRequest): Promise<ChatMessageResponse> {
    if (this.socket) {
      try {
        return await this.socket.send(request, (text) => this.stream(text));
      } catch (error) {
        if (!(error instanceof SocketUnavailable)) throw error;
      }
    }
    return this.api.sendMessage(request);
  }

  private stream(text: string): void {
    if (this.streaming === null) {
      this.append({ role: 'bot', text, pois: [] });
      this.streaming = this.nextId - 1;
    } else {
      const id = this.streaming;
      this.update((entries) => entries.map((e) => (e.id === id ? { ...e, text: e.text + text } : e)));
    }
  }

  /** Ends a turn: the answer (or failure) takes the place of the streamed entry, if any. */
  private finish(entry: Omit<ChatEntry, 'id' | 'at'>): void {
    const id = this.streaming;
    this.streaming = null;
    if (id === null) this.append(entry);
    else this.update((entries) => entries.map((e) => (e.id === id ? { ...entry, id, at: e.at } : e)));
  }

  private update(change: (entries: readonly ChatEntry[]) => readonly ChatEntry[]): void {
    this.entries.update(change);
    this.changed();
  }

  private append(entry: Omit<ChatEntry, 'id' | 'at'>): void {
    this.update((entries) => [...entries, { ...entry, id: this.nextId++, at: this.now() }]);
  }
}

function failureOf(error: unknown): ApiFailure {
  return error instanceof ApiError ? error.failure : { kind: 'network' };
}
