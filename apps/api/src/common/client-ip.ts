import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { normalizeIp } from '@nestjs/throttler';
import proxyAddr from 'proxy-addr';
import type { TrustProxy } from '../config/app-config.js';

/**
 * TRUST_PROXY as one function, (address, hop) → trusted: Fastify's `trustProxy` (the client IP
 * of HTTP requests) and clientIpResolver below (the WebSocket's) read the same address from it:
 * true, false, a hop count, or addresses/subnets as proxy-addr understands them.
 */
export function compileTrustProxy(value: TrustProxy): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyAddr.compile(value.split(',').map((part) => part.trim()));
}

/**
 * The visitor's IP as the rate limit counts it: the address HTTP requests' `request.ip` gives
 * under TRUST_PROXY, normalised as ThrottlerGuard does (IPv4-mapped IPv6 → IPv4, IPv6 → its /64).
 * For requests that do not pass through Fastify's routing (WebSocket upgrades).
 */
export function clientIpResolver(trustProxy: TrustProxy): (request: IncomingMessage) => string {
  const trust = compileTrustProxy(trustProxy);
  return (request) => normalizeIp(proxyAddr(request, trust));
}

/** A request's address as the audit log and the admin sessions keep it: an IP address, or null (never a forged header's text). */
export function auditIp(ip: string | undefined): string | null {
  return ip && isIP(ip) ? ip.slice(0, 45) : null;
}
