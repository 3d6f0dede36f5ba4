import proxyAddr from 'proxy-addr';
import type { TrustProxy } from '../config/app-config.js';

/**
 * TRUST_PROXY as one function, (address, hop) → trusted, for Fastify's `trustProxy` (the
 * client IP of HTTP requests) and for the WebSocket's client IP, so that both read the same
 * address: true, false, a hop count, or addresses/subnets as proxy-addr understands them.
 */
export function compileTrustProxy(value: TrustProxy): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyAddr.compile(value.split(',').map((part) => part.trim()));
}
