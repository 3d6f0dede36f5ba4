import WebSocket from 'ws';

/** A test client for /api/v1/chat/ws that keeps every frame it receives. */
export class ChatSocket {
  readonly frames: any[] = [];
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  static open(baseUrl: string, options: WebSocket.ClientOptions = {}): Promise<ChatSocket> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/chat/ws`, options);
    const client = new ChatSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  /** Sends a message and resolves with the deltas and the final frame (done or error). */
  async ask(query: string, extra: Record<string, unknown> = {}): Promise<{ deltas: string[]; end: any }> {
    const from = this.frames.length;
    this.send({ type: 'message', query, ...extra });
    const end = await this.until(() => this.frames.slice(from).find((f) => f.type === 'done' || f.type === 'error'));
    const frames = this.frames.slice(from);
    return { deltas: frames.filter((f) => f.type === 'delta').map((f) => f.text), end };
  }

  async nextFrame(): Promise<any> {
    const from = this.frames.length;
    return this.until(() => this.frames[from]);
  }

  async closedWith(): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closed ?? undefined);
  }

  close(): void {
    this.socket.close();
  }

  private until<T>(found: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`)), timeoutMs);
      const check = () => {
        const value = found();
        if (value !== undefined) {
          clearTimeout(timer);
          resolve(value);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }
}
