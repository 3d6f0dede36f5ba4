import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Mistral's chat completion API: a real HTTP server on 127.0.0.1 that
 * speaks the real wire format, so the official SDK (and the HoliBot server, with
 * MISTRAL_API_URL=fake.url) talk to it as to api.mistral.ai.
 *
 *   const fake = await startFakeMistral();
 *   fake.script({ text: 'Try **Taberna El Tapeo**.', usage: { promptTokens: 900, completionTokens: 12 } }, { status: 500 });
 *   … // the next two POST /v1/chat/completions get these replies, in order
 *   fake.requests[0].body.messages  // what was sent
 *   await fake.close();
 *
 * A request with `"stream": true` is answered with server-sent events (`data: {chunk}` lines,
 * usage in the last chunk, then `data: [DONE]`), any other with one JSON chat.completion.
 * A request beyond the script gets a 500 whose message says so.
 */

export interface FakeUsage {
  promptTokens: number;
  completionTokens: number;
}

export type FakeReply =
  /** An answer. `chunks` splits a streamed answer (default: word by word); `delayMs` waits first. */
  | { text: string; chunks?: string[]; chunkDelayMs?: number; delayMs?: number; usage?: FakeUsage; finishReason?: string }
  /** An assistant message with tool calls and no text. */
  | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }>; usage?: FakeUsage; delayMs?: number }
  /** An error status with Mistral's error body (or the given one). */
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** No answer: never (until the client gives up or the fake closes), or after `afterMs` the `then` reply. */
  | { hang: true; afterMs?: number; then?: FakeReply }
  /** A 200 that is not Mistral's format: broken JSON, or broken server-sent events for a stream. */
  | { garbage: true; delayMs?: number }
  /** Decides from the request (e.g. echo the system prompt back). */
  | ((request: RecordedRequest) => FakeReply);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or null if it was not JSON. */
  body: ChatBody | null;
  rawBody: string;
  stream: boolean;
  receivedAt: number;
}

/** The parts of a chat completion request the tests read. */
export interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  max_tokens?: number;
  temperature?: number;
  [key: string]: unknown;
}

export interface FakeMistral {
  /** Base URL, for MISTRAL_API_URL or the SDK's serverURL. */
  url: string;
  requests: RecordedRequest[];
  /** Adds replies for the next requests, in order. */
  script(...replies: FakeReply[]): void;
  /** Replies not yet used. */
  pending(): number;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'unauthorized',
  404: 'not_found',
  422: 'invalid_request_error',
  429: 'rate_limited',
  500: 'internal_server_error',
  503: 'service_unavailable',
};

export async function startFakeMistral(): Promise<FakeMistral> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let counter = 0;

  /** Waits `ms`; false when the client left meanwhile. */
  const wait = (ms: number, res: ServerResponse) =>
    new Promise<boolean>((resolve) => {
      if (ms <= 0) return resolve(!res.destroyed);
      const onClose = () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.off('close', onClose);
        resolve(!res.destroyed);
      }, ms);
      timers.add(timer);
      res.once('close', onClose);
    });

  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const usageBody = (usage: FakeUsage | undefined) => {
    const u = usage ?? { promptTokens: 100, completionTokens: 20 };
    return { prompt_tokens: u.promptTokens, completion_tokens: u.completionTokens, total_tokens: u.promptTokens + u.completionTokens };
  };

  async function answer(reply: FakeReply, request: RecordedRequest, res: ServerResponse): Promise<void> {
    if (typeof reply === 'function') return answer(reply(request), request, res);
    if ('hang' in reply) {
      if (reply.afterMs === undefined) return; // the socket stays open until the client leaves
      if (!(await wait(reply.afterMs, res))) return;
      return answer(reply.then ?? { text: 'Late answer.' }, request, res);
    }
    if (reply.delayMs && !(await wait(reply.delayMs, res))) return;
    const id = `cmpl-fake-${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    const model = request.body?.model ?? 'mistral-small-latest';
    if ('status' in reply) {
      const body = reply.body ?? {
        object: 'error',
        message: `fake error ${reply.status}`,
        type: ERROR_TYPES[reply.status] ?? 'error',
        param: null,
        code: String(reply.status),
      };
      return sendJson(res, reply.status, body, reply.headers);
    }
    if ('garbage' in reply) {
      if (request.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.end('data: {"id": "broken", "choices": [{"index": 0, "delta": {"content": "Hel\n\n');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "broken", "choices": [ not json');
      }
      return;
    }
    const usage = usageBody(reply.usage);
    if ('toolCalls' in reply) {
      const toolCalls = reply.toolCalls.map((call, index) => ({
        id: `call${index}x${counter}`,
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        index,
      }));
      if (!request.stream) {
        return sendJson(res, 200, {
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: '', tool_calls: toolCalls }, finish_reason: 'tool_calls' }],
          usage,
        });
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta: { role: 'assistant', content: '', tool_calls: toolCalls }, finish_reason: 'tool_calls' }], usage })}\n\n`,
      );
      res.end('data: [DONE]\n\n');
      return;
    }
    const finishReason = reply.finishReason ?? 'stop';
    if (!request.stream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply.text, tool_calls: null }, finish_reason: finishReason }],
        usage,
      });
    }
    const chunks = reply.chunks ?? reply.text.match(/\S+\s*|\s+/g) ?? [];
    const event = (delta: Record<string, unknown>, finish: string | null, withUsage = false) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...(withUsage ? { usage } : {}) })}\n\n`;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(event({ role: 'assistant', content: '' }, null));
    for (const chunk of chunks) {
      if (reply.chunkDelayMs && !(await wait(reply.chunkDelayMs, res))) return;
      if (res.destroyed) return;
      res.write(event({ content: chunk }, null));
    }
    if (res.destroyed) return;
    res.write(event({ content: '' }, finishReason, true));
    res.end('data: [DONE]\n\n');
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const rawBody = Buffer.concat(parts).toString('utf8');
      let body: ChatBody | null;
      try {
        body = JSON.parse(rawBody) as ChatBody;
      } catch {
        body = null;
      }
      const path = (req.url ?? '/').split('?')[0]!;
      const request: RecordedRequest = {
        method: req.method ?? '',
        path,
        headers: req.headers,
        body,
        rawBody,
        stream: body?.stream === true,
        receivedAt: Date.now(),
      };
      requests.push(request);
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        return sendJson(res, 404, { object: 'error', message: `fake Mistral: no route ${req.method} ${path}`, type: 'not_found', param: null, code: '404' });
      }
      const reply = queue.shift();
      if (!reply) {
        return sendJson(res, 500, {
          object: 'error',
          message: `fake Mistral: no scripted reply for request #${requests.length}`,
          type: 'unscripted',
          param: null,
          code: '500',
        });
      }
      answer(reply, request, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { object: 'error', message: `fake Mistral failed: ${String(error)}`, type: 'fake', param: null, code: '500' });
        else res.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => void queue.push(...replies),
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
