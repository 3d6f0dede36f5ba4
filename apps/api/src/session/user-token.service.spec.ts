import { SignJWT } from 'jose';
import { DomainError } from '../common/domain-error.js';
import { httpStatusOf } from '../common/error-mapping.js';
import { FixedClock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { UserTokenService } from './user-token.service.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const NOW = new Date('2026-06-01T12:00:00Z');
const nowS = NOW.getTime() / 1000;

/** A real HS256 token, as a host site would sign it. */
function sign(claims: Record<string, unknown>, secret = SECRET, alg = 'HS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domain = error as DomainError;
    return { status: httpStatusOf(domain.code), code: domain.code, message: domain.message };
  }
  throw new Error('expected the token to be refused');
}

describe('UserTokenService', () => {
  const service = (env: Record<string, string> = {}) => new UserTokenService(AppConfig.fromEnv({ USER_TOKEN_SECRET: SECRET, ...env }), new FixedClock(NOW));

  it('reads sub from a valid token, in a Bearer header (REST) or as is (WebSocket)', async () => {
    const token = await sign({ sub: 'user-1', iat: nowS, exp: nowS + 3600 });
    expect(await service().userId(`Bearer ${token}`)).toBe('user-1');
    expect(await service().userIdFromToken(token)).toBe('user-1');
    // iat is optional.
    expect(await service().userIdFromToken(await sign({ sub: 'user-1', exp: nowS + 3600 }))).toBe('user-1');
  });

  it('treats no token as anonymous, and ignores tokens without a configured secret', async () => {
    for (const absent of [undefined, null, '']) expect(await service().userIdFromToken(absent)).toBeNull();
    expect(await service().userId(undefined)).toBeNull();
    const withoutSecret = new UserTokenService(AppConfig.fromEnv({}), new FixedClock(NOW));
    expect(await withoutSecret.userIdFromToken('anything')).toBeNull();
    expect(await withoutSecret.userId('Bearer anything')).toBeNull();
  });

  it('refuses malformed, foreign and unsigned tokens with INVALID_TOKEN (401)', async () => {
    const valid = { sub: 'u', exp: nowS + 60 };
    expect(await failure(service().userIdFromToken('nonsense'))).toEqual({ status: 401, code: 'INVALID_TOKEN', message: 'The user token is not valid.' });
    expect((await failure(service().userIdFromToken(42))).message).toMatch(/must be a string/);
    const foreign = await sign(valid, 'another-secret-that-is-also-long-enough');
    expect((await failure(service().userIdFromToken(foreign))).message).toBe('The user token is not valid.');
    expect((await failure(service().userIdFromToken(await sign(valid, SECRET, 'HS512')))).message).toBe('The user token is not valid.');
    expect((await failure(service().userId('Token abc'))).message).toMatch(/Bearer <token>/);
  });

  it('requires sub and exp', async () => {
    const messageOf = async (claims: Record<string, unknown>) => (await failure(service().userIdFromToken(await sign(claims)))).message;
    expect(await messageOf({ sub: 'u' })).toBe('The user token lacks a valid "exp" claim.');
    expect(await messageOf({ exp: nowS + 60 })).toBe('The user token lacks a valid "sub" claim.');
    expect(await messageOf({ sub: '', exp: nowS + 60 })).toBe('The user token has no valid "sub" claim.');
  });

  it('refuses an expired token, allowing 60 s of clock skew', async () => {
    expect(await failure(service().userIdFromToken(await sign({ sub: 'u', exp: nowS - 61 })))).toMatchObject({ message: 'The user token has expired.' });
    expect(await service().userIdFromToken(await sign({ sub: 'u', exp: nowS - 30 }))).toBe('u');
  });

  it('refuses an exp further ahead than USER_TOKEN_MAX_AGE_S (default 7 days)', async () => {
    const week = 7 * 86400;
    expect(await service().userIdFromToken(await sign({ sub: 'u', exp: nowS + week }))).toBe('u');
    for (const exp of [nowS + week + 61, 1e20]) {
      expect(await failure(service().userIdFromToken(await sign({ sub: 'u', exp })))).toEqual({
        status: 401,
        code: 'INVALID_TOKEN',
        message: 'The user token expires too far ahead: "exp" may be at most 604800 s from now.',
      });
    }
    const hourly = service({ USER_TOKEN_MAX_AGE_S: '3600' });
    expect(await hourly.userIdFromToken(await sign({ sub: 'u', exp: nowS + 3600 }))).toBe('u');
    expect((await failure(hourly.userIdFromToken(await sign({ sub: 'u', exp: nowS + 7200 })))).message).toMatch(/at most 3600 s/);
  });

  it('refuses an iat in the future beyond the skew, and an iat that is not a number', async () => {
    expect(await service().userIdFromToken(await sign({ sub: 'u', iat: nowS + 30, exp: nowS + 3600 }))).toBe('u');
    expect(await failure(service().userIdFromToken(await sign({ sub: 'u', iat: nowS + 61, exp: nowS + 3600 })))).toMatchObject({
      code: 'INVALID_TOKEN',
      message: 'The user token was issued in the future: its "iat" is ahead of the server\'s clock.',
    });
    expect((await failure(service().userIdFromToken(await sign({ sub: 'u', iat: 'yesterday', exp: nowS + 3600 })))).message).toBe(
      'The user token lacks a valid "iat" claim.',
    );
  });

  it('refuses a token not valid yet (nbf)', async () => {
    expect((await failure(service().userIdFromToken(await sign({ sub: 'u', nbf: nowS + 120, exp: nowS + 3600 })))).message).toMatch(/not valid yet/);
  });
});
