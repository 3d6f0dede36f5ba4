import type { IncomingMessage } from 'node:http';
import { normalizeIp } from '@nestjs/throttler';
import proxyAddr from 'proxy-addr';
import type { TrustProxy } from '../config/app-config.js';

/**
 * The visitor's IP as the rate limit counts it: the address Express's `req.ip` gives under
 * TRUST_PROXY, normalised as ThrottlerGuard does (IPv4-mapped IPv6 → IPv4, IPv6 → its /64).
 * For requests that do not pass through Express (WebSocket upgrades).
 */
export function clientIpResolver(trustProxy: TrustProxy): (request: IncomingMessage) => string {
  const trust = compileTrust(trustProxy);
  return (request) => normalizeIp(proxyAddr(request, trust));
}

/** Express's reading of the `trust proxy` setting. */
function compileTrust(value: TrustProxy): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyAddr.compile(value.split(',').map((part) => part.trim()));
}
