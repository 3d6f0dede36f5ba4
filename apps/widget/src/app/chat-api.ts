import type {
  ChatConfigResponse,
  ChatFeedbackRequest,
  ChatFeedbackResponse,
  ChatMessageRequest,
  ChatMessageResponse,
  ErrorResponse,
  SessionMessageView,
  SessionResponse,
} from '@holibot/contracts';

/** Why a call to the chat API did not give an answer; the widget words each case for visitors. */
export type ApiFailure =
  | { kind: 'network' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'server'; status: number }
  | { kind: 'not-found' }
  | { kind: 'rejected'; status: number; code: string; message: string };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(`HoliBot API: ${failure.kind}`);
  }
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Used when a 429 comes without a readable Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** The chat API of the HoliBot server, over fetch (HttpClient would add kilobytes for nothing). */
export class ChatApi {
  private readonly base: string;

  constructor(
    apiUrl: string,
    private readonly fetchFn: FetchLike,
  ) {
    this.base = apiUrl.replace(/\/+$/, '');
  }

  async sendMessage(request: ChatMessageRequest): Promise<ChatMessageResponse> {
    return this.call<ChatMessageResponse>('POST', '/chat/message', request);
  }

  async getSession(sessionId: string): Promise<SessionMessageView[]> {
    const response = await this.call<SessionResponse>('GET', `/chat/session/${encodeURIComponent(sessionId)}`);
    return response.data.messages;
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.call<unknown>('DELETE', `/chat/session/${encodeURIComponent(sessionId)}`);
  }

  async sendFeedback(feedback: ChatFeedbackRequest): Promise<number> {
    const response = await this.call<ChatFeedbackResponse>('POST', '/chat/feedback', feedback);
    return response.data.feedbackId;
  }

  async getConfig(): Promise<ChatConfigResponse['data']> {
    const response = await this.call<ChatConfigResponse>('GET', '/chat/config');
    return response.data;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(this.base + path, {
        method,
        headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        // The widget never sends the host site's cookies to the API.
        credentials: 'omit',
      });
    } catch {
      throw new ApiError({ kind: 'network' });
    }
    if (response.ok) {
      try {
        return (await response.json()) as T;
      } catch {
        throw new ApiError({ kind: 'server', status: response.status });
      }
    }
    throw new ApiError(await failureOf(response));
  }
}

async function failureOf(response: Response): Promise<ApiFailure> {
  const { status } = response;
  if (status === 429) return { kind: 'rate-limited', retryAfterSeconds: retryAfterSeconds(response.headers.get('Retry-After')) };
  if (status === 404) return { kind: 'not-found' };
  if (status >= 500) return { kind: 'server', status };
  let error: Partial<ErrorResponse['error']> = {};
  try {
    error = ((await response.json()) as ErrorResponse).error ?? {};
  } catch {
    // A proxy's HTML error page: the status alone is enough.
  }
  return { kind: 'rejected', status, code: error.code ?? 'UNKNOWN', message: error.message ?? '' };
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (header) {
    const value = header.trim();
    if (/^\d+$/.test(value)) return Math.max(1, Number(value));
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(1, Math.ceil((date - now) / 1000));
  }
  return DEFAULT_RETRY_AFTER_SECONDS;
}
