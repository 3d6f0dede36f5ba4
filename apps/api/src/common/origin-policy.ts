import type { AppConfig } from '../config/app-config.js';

/**
 * The one origin rule, for CORS and the chat WebSocket alike: may a page at `origin` talk to
 * this API? Yes when
 * - there is no Origin header (not a browser, or a same-origin GET: CORS does not apply),
 * - CORS_ORIGIN is `*` or lists the origin (compared as URL origins: `https://A.example:443`
 *   is `https://a.example`),
 * - the origin is the request's own host (the page HoliBot itself serves, e.g. the demo page).
 * `null` (sandboxed frames, file: pages) and anything that is not an http(s) origin are refused
 * unless CORS_ORIGIN is `*`.
 * `requestHost` is the request's Host header; the scheme is not compared with it, because
 * behind a TLS-terminating proxy the server cannot see it.
 */
export function isOriginAllowed(origin: string | undefined, requestHost: string | undefined, config: Pick<AppConfig, 'corsOrigins'>): boolean {
  if (origin === undefined) return true;
  if (config.corsOrigins.includes('*')) return true;
  const page = parseOrigin(origin);
  if (!page) return false;
  if (config.corsOrigins.some((listed) => parseOrigin(listed)?.origin === page.origin)) return true;
  return requestHost !== undefined && sameHost(page, requestHost);
}

function parseOrigin(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The Host header read with the page's scheme, so that a default port (`:443`) written out still matches. */
function sameHost(page: URL, requestHost: string): boolean {
  // A Host header is a host and maybe a port: anything URL would read past (`a.example/x`, `u@a.example`) is not one.
  if (!/^[^\s/?#@\\]+$/.test(requestHost)) return false;
  try {
    return new URL(`${page.protocol}//${requestHost}`).host === page.host;
  } catch {
    return false;
  }
}
