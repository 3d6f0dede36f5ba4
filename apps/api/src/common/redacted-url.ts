/**
 * A URL fit for a log line or a settings page: its password (or a lone user part, the password to
 * some clients) and every query value (ioredis reads `?password=` too) as ***, no fragment:
 * `redis://:s3cret@cache:6379/0` → `redis://:***@cache:6379/0`. Null when it does not parse, or
 * when the password would still show (a password that is also the port, say).
 */
export function redactedUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const hidden = url.password ? url.password : url.username;
  const secrets = [hidden, safeDecode(hidden), ...url.searchParams.values()].filter((secret) => secret !== '');
  if (url.password) url.password = '***';
  else if (url.username) url.username = '***';
  for (const key of new Set(url.searchParams.keys())) url.searchParams.set(key, '***');
  url.hash = '';
  const masked = url.toString();
  return secrets.some((secret) => masked.includes(secret)) ? null : masked;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
