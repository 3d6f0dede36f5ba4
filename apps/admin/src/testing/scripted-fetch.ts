/**
 * A stand-in for window.fetch in unit tests (jsdom has no network): each call is recorded with
 * its headers, and answered by the next scripted reply.
 */
export interface ScriptedReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Reject like fetch does when the network is down. */
  networkError?: boolean;
}

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

export class ScriptedFetch {
  readonly calls: RecordedCall[] = [];
  private readonly replies: ScriptedReply[] = [];

  reply(...replies: ScriptedReply[]): this {
    this.replies.push(...replies);
    return this;
  }

  /** Answers with `{success: true, data}`. */
  ok(data: unknown, status = 200): this {
    return this.reply({ status, body: { success: true, data } });
  }

  /** Answers with the API's error envelope. */
  fail(status: number, code: string, message: string, headers: Record<string, string> = {}): this {
    return this.reply({ status, body: { success: false, error: { code, message } }, headers });
  }

  readonly fetch = async (url: string, init: RequestInit): Promise<Response> => {
    this.calls.push({
      url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      credentials: init.credentials,
    });
    const reply = this.replies.shift();
    if (!reply) throw new Error(`Unexpected request ${init.method} ${url}`);
    if (reply.networkError) throw new TypeError('Failed to fetch');
    const status = reply.status ?? 200;
    const headers = new Map(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      json: async () => {
        if (typeof reply.body === 'string') throw new SyntaxError('Unexpected token');
        return reply.body;
      },
    } as unknown as Response;
  };
}
