import { type Conversation, CONVERSATIONS } from './conversations.js';
import type { ScenarioName } from './load-test-options.js';
import { answerSessionId, ChatSocket, httpStep, parseJson, successData, type Traffic, type Visitor } from './traffic.js';

/** A virtual user: it runs one scenario's visits one after the other until the run stops. */
export interface VirtualUser {
  readonly index: number;
  readonly scenario: ScenarioName;
  /** Visits finished so far. */
  visits: number;
}

/** What a visit may use besides the traffic. */
export interface VisitContext {
  readonly traffic: Traffic;
  readonly sessions: SessionPool;
  /** A new visitor (under --rate-limit-aware with an address of its own, as a new visitor has). */
  visitor(user: VirtualUser): Visitor;
  /** The pause between two steps (think time with jitter); resolves at once when the run stops. */
  think(): Promise<void>;
  /** Whether the run has reached its duration: a visit starts no further request. */
  stopping(): boolean;
}

/**
 * Sessions the chat and WebSocket visitors left, for the session readers (a returning visitor's
 * widget reads its history). Keeps the latest ones.
 */
export class SessionPool {
  private readonly ids: string[] = [];
  private next = 0;

  constructor(private readonly size = 500) {}

  add(id: string): void {
    if (this.ids.length < this.size) this.ids.push(id);
    else this.ids[this.next] = id;
    this.next = (this.next + 1) % this.size;
  }

  pick(): string | undefined {
    return this.ids.length ? this.ids[Math.floor(Math.random() * this.ids.length)] : undefined;
  }

  get count(): number {
    return this.ids.length;
  }
}

/** Each user starts at its own place in the catalogue and moves on by one per visit, so that users do not ask in lockstep. */
export function conversationFor(user: VirtualUser): Conversation {
  return CONVERSATIONS[(user.index * 7 + user.visits) % CONVERSATIONS.length]!;
}

const isChatAnswer = (body: string) => answerSessionId(parseJson(body)) !== undefined;
const isSuccess = (body: string) => successData(parseJson(body)) !== undefined;

/** A conversation over REST: the opening question, then its follow-ups in the same session, a think time apart. */
async function chatVisit(context: VisitContext, user: VirtualUser): Promise<void> {
  const visitor = context.visitor(user);
  const conversation = conversationFor(user);
  let sessionId: string | undefined;
  for (const [turn, query] of conversation.turns.entries()) {
    if (turn > 0) await context.think();
    if (context.stopping()) break;
    const answer = await httpStep(context.traffic, visitor, {
      operation: 'chat.message',
      method: 'POST',
      path: '/api/v1/chat/message',
      json: { query, language: conversation.language, ...(sessionId ? { sessionId } : {}) },
      valid: isChatAnswer,
    });
    const id = answer && answer.status < 300 ? answerSessionId(parseJson(answer.body)) : undefined;
    // No answer: the visitor gives up this conversation (the next visit starts a new one).
    if (!id) break;
    sessionId = id;
  }
  if (sessionId) context.sessions.add(sessionId);
}

/**
 * A returning visitor: the widget reads the conversation's history on a page load, once or twice
 * (a reload). The session is one a chat or WebSocket visitor left; before there is any, the
 * visitor asks one question of its own first.
 */
async function sessionVisit(context: VisitContext, user: VirtualUser): Promise<void> {
  const visitor = context.visitor(user);
  let sessionId = context.sessions.pick();
  if (!sessionId) {
    const conversation = conversationFor(user);
    const answer = await httpStep(context.traffic, visitor, {
      operation: 'chat.message',
      method: 'POST',
      path: '/api/v1/chat/message',
      json: { query: conversation.turns[0], language: conversation.language },
      valid: isChatAnswer,
    });
    sessionId = answer && answer.status < 300 ? answerSessionId(parseJson(answer.body)) : undefined;
    if (!sessionId) return;
    context.sessions.add(sessionId);
    await context.think();
  }
  const reads = 1 + (user.visits % 2);
  for (let read = 0; read < reads; read++) {
    if (read > 0) await context.think();
    if (context.stopping()) return;
    await httpStep(context.traffic, visitor, { operation: 'session.read', method: 'GET', path: `/api/v1/chat/session/${sessionId}`, valid: isSuccess });
  }
}

/** The element file the loader imports: `v/<version>/holi-bot-element.js`, relative to /widget/. */
export function elementPath(loader: string): string | null {
  const match = /\bv\/[A-Za-z0-9.+-]+\/holi-bot-element\.js/.exec(loader);
  return match ? `/widget/${match[0]}` : null;
}

/**
 * A page load with the widget, as a browser with an empty cache makes it, one request after the
 * other: the page (the demo page at /), the loader, the versioned element it imports (brotli),
 * and the widget's GET /chat/config.
 */
async function staticVisit(context: VisitContext, user: VirtualUser): Promise<void> {
  const visitor = context.visitor(user);
  const traffic = context.traffic;
  await httpStep(traffic, visitor, { operation: 'static.page', method: 'GET', path: '/', headers: { accept: 'text/html' } });
  if (context.stopping()) return;
  const loader = await httpStep(traffic, visitor, { operation: 'static.loader', method: 'GET', path: '/widget/holi-bot.js' });
  const element = loader && loader.status === 200 ? elementPath(loader.body) : null;
  if (element && !context.stopping()) {
    await httpStep(traffic, visitor, { operation: 'static.element', method: 'GET', path: element, headers: { 'accept-encoding': 'br, gzip' } });
  }
  if (context.stopping()) return;
  await httpStep(traffic, visitor, { operation: 'static.config', method: 'GET', path: '/api/v1/chat/config', valid: isSuccess });
}

/** A conversation over the WebSocket: connect, each question with the session id of the answer before, close. */
async function wsVisit(context: VisitContext, user: VirtualUser): Promise<void> {
  const socket = await ChatSocket.open(context.traffic, context.visitor(user));
  if (!socket) return;
  const conversation = conversationFor(user);
  let sessionId: string | undefined;
  try {
    for (const [turn, query] of conversation.turns.entries()) {
      if (turn > 0) await context.think();
      if (context.stopping()) break;
      const data = await socket.ask({ query, language: conversation.language, ...(sessionId ? { sessionId } : {}) });
      const id = answerSessionId(data);
      if (!id) break;
      sessionId = id;
    }
  } finally {
    socket.close();
  }
  if (sessionId) context.sessions.add(sessionId);
}

export const VISITS: Readonly<Record<ScenarioName, (context: VisitContext, user: VirtualUser) => Promise<void>>> = {
  chat: chatVisit,
  session: sessionVisit,
  static: staticVisit,
  ws: wsVisit,
};
