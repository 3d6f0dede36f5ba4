import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../common/domain-error.js';

export class MetricsUnauthorizedError extends DomainError {
  constructor() {
    super('UNAUTHORIZED', 'Send Authorization: Bearer <METRICS_TOKEN> to read the metrics.');
  }
}

/** Whether an Authorization header carries METRICS_TOKEN (compared in constant time). */
export function carriesToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * `/metrics` on the main port: with METRICS_TOKEN, only for a caller that sends it (401
 * otherwise); without one it does not exist (404, as any unknown path), and METRICS_PORT, when
 * set, serves the metrics on a listener of their own (metrics-listener.ts).
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const { token } = this.config.metrics;
    if (!token) throw new NotFoundException();
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (!carriesToken(request.headers['authorization'], token)) throw new MetricsUnauthorizedError();
    return true;
  }
}
