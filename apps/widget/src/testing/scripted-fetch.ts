/**
 * A stand-in for window.fetch in component tests (jsdom has no network): each call is recorded
 * and answered by the next scripted reply. The browser tests use the real server instead.
 */
export interface ScriptedReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Reject like fetch does when the network is down. */
  networkError?: boolean;
  /** Resolve only when the test calls the returned release(). */
  hold?: boolean;
}

export interface RecordedCall {
  url: string;
  method: string;
  body: unknown;
}

export class ScriptedFetch {
  readonly calls: RecordedCall[] = [];
  private readonly replies: ScriptedReply[] = [];
  private held: (() => void)[] = [];

  reply(...replies: ScriptedReply[]): this {
    this.replies.push(...replies);
    return this;
  }

  /** Lets held replies through. */
  release(): void {
    const held = this.held;
    this.held = [];
    held.forEach((resume) => resume());
  }

  readonly fetch = async (url: string, init: RequestInit): Promise<Response> => {
    this.calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined });
    const reply = this.replies.shift();
    if (!reply) throw new Error(`Unexpected request ${init.method} ${url}`);
    if (reply.hold) await new Promise<void>((resume) => this.held.push(resume));
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

/** localStorage as a Map, optionally failing like Safari's private mode. */
export class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  constructor(private readonly failing = false) {}
  get length() {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    if (this.failing) throw new DOMException('denied', 'SecurityError');
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    if (this.failing) throw new DOMException('denied', 'SecurityError');
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    if (this.failing) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, value);
  }
}
