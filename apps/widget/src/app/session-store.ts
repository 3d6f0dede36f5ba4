/**
 * Remembers the visitor's session id in localStorage, one entry per API and `session-key`
 * attribute (two widgets talking to two servers, or told apart by the page, must not share a
 * session). Storage can be missing or throw (private modes,
 * sandboxed iframes, full quota): then the conversation simply lasts as long as the page.
 */
export class SessionStore {
  /** Also the name of the channel other tabs hear this conversation's changes on. */
  readonly key: string;
  private memory: string | null = null;

  constructor(
    apiUrl: string,
    private readonly storage: Storage | null,
    sessionKey = '',
  ) {
    // Without a session-key the key is the one earlier versions wrote: stored sessions carry on.
    this.key = `holibot:session:${apiUrl}${sessionKey ? `#${sessionKey}` : ''}`;
  }

  get(): string | null {
    try {
      return this.storage?.getItem(this.key) ?? this.memory;
    } catch {
      return this.memory;
    }
  }

  set(sessionId: string): void {
    this.memory = sessionId;
    try {
      this.storage?.setItem(this.key, sessionId);
    } catch {
      // Kept in memory only.
    }
  }

  clear(): void {
    this.memory = null;
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Nothing stored.
    }
  }
}
