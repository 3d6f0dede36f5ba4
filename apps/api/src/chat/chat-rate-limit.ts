import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { clientIpResolver } from '../common/client-ip.js';
import { AppConfig } from '../config/app-config.js';

/**
 * The throttler's storage key: one bucket per client IP for every chat endpoint (message,
 * session history, session deletion, WebSocket messages) — RATE_LIMIT_MAX_REQUESTS per window
 * is a visitor's whole budget, not one per route or transport. (ThrottlerGuard's own key would
 * count each route apart.)
 */
export function chatRateLimitKey(throttler: string, ip: string): string {
  return createHash('sha256').update(`chat-${throttler}-${ip}`).digest('hex');
}

/** The chat rate limit for WebSocket messages, in the same bucket as the HTTP chat endpoints. */
@Injectable()
export class ChatRateLimit {
  private readonly resolveIp: (request: IncomingMessage) => string;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {
    this.resolveIp = clientIpResolver(config.trustProxy);
  }

  /**
   * The throttler's tracker for this visitor: the IP as HTTP requests' `request.ip` sees it under
   * TRUST_PROXY, normalised as ThrottlerGuard does (IPv4-mapped IPv6 → IPv4, IPv6 → its /64).
   */
  clientIp(request: IncomingMessage): string {
    return this.resolveIp(request);
  }

  /** Counts one message; the seconds to wait when over the limit, else null. */
  async hit(ip: string): Promise<number | null> {
    const { enabled, windowMs, maxRequests } = this.config.rateLimit;
    if (!enabled) return null;
    const record = await this.storage.increment(chatRateLimitKey('default', ip), windowMs, maxRequests, windowMs, 'default');
    return record.isBlocked ? Math.max(1, record.timeToBlockExpire) : null;
  }
}
