import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage, normalizeIp } from '@nestjs/throttler';
import proxyAddr from 'proxy-addr';
import { AppConfig, type TrustProxy } from '../config/app-config.js';

/**
 * The chat rate limit for WebSocket messages, counted in the same bucket as
 * `POST /api/v1/chat/message` (the ThrottlerGuard's key for that route and client IP): switching
 * transports does not double a visitor's budget.
 */
@Injectable()
export class ChatRateLimit {
  private readonly trust: (address: string, hop: number) => boolean;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {
    this.trust = compileTrust(config.trustProxy);
  }

  /**
   * The throttler's tracker for this visitor: the IP as Express's `req.ip` sees it under
   * TRUST_PROXY, normalised as ThrottlerGuard does (IPv4-mapped IPv6 → IPv4, IPv6 → its /64).
   */
  clientIp(request: IncomingMessage): string {
    return normalizeIp(proxyAddr(request, this.trust));
  }

  /** Counts one message; the seconds to wait when over the limit, else null. */
  async hit(ip: string): Promise<number | null> {
    const { enabled, windowMs, maxRequests } = this.config.rateLimit;
    if (!enabled) return null;
    // ThrottlerGuard's key: `${class}-${handler}-${throttler}-${tracker}`, hashed.
    const key = createHash('sha256').update(`ChatController-message-default-${ip}`).digest('hex');
    const record = await this.storage.increment(key, windowMs, maxRequests, windowMs, 'default');
    return record.isBlocked ? Math.max(1, record.timeToBlockExpire) : null;
  }
}

/** Express's reading of the `trust proxy` setting. */
function compileTrust(value: TrustProxy): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyAddr.compile(value.split(',').map((part) => part.trim()));
}
