import { Injectable } from '@nestjs/common';
import { errors, jwtVerify } from 'jose';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { InvalidTokenError } from './session.errors.js';

/** How far the host site's clock may be off ours, in seconds, for `exp`, `nbf` and `iat`. */
export const USER_TOKEN_CLOCK_SKEW_S = 60;

/**
 * Host sites may send `Authorization: Bearer <HS256 JWT>` (REST) or `token` (a WebSocket
 * message frame) signed with USER_TOKEN_SECRET; its `sub` becomes the session's user_id.
 * Without a configured secret the token is ignored.
 */
@Injectable()
export class UserTokenService {
  private readonly key: Uint8Array | null;
  private readonly maxAgeS: number;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = config.userTokenSecret ? new TextEncoder().encode(config.userTokenSecret) : null;
    this.maxAgeS = config.userTokenMaxAgeS;
  }

  /** The user of a REST request's Authorization header; null without one (or without a secret). */
  async userId(authorization: string | undefined): Promise<string | null> {
    if (!this.key || !authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new InvalidTokenError('The Authorization header must be "Bearer <token>".');
    return this.verify(this.key, match[1]!);
  }

  /** The user of a WebSocket frame's `token` field: the same rules, absent (or null, or empty) like a missing header. */
  async userIdFromToken(token: unknown): Promise<string | null> {
    if (!this.key || token === undefined || token === null || token === '') return null;
    if (typeof token !== 'string') throw new InvalidTokenError('The token must be a string (the JWT itself, without "Bearer").');
    return this.verify(this.key, token.trim());
  }

  private async verify(key: Uint8Array, token: string): Promise<string> {
    const now = this.clock.now();
    try {
      // A token without an expiry would be valid forever: exp is required. jose checks exp and
      // nbf (with the skew) and that iat is a number, but not that iat is in the past unless
      // maxTokenAge is given — which would make iat required; host sites may leave it out.
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp'],
        clockTolerance: USER_TOKEN_CLOCK_SKEW_S,
        currentDate: now,
      });
      if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 255) {
        throw new InvalidTokenError('The user token has no valid "sub" claim.');
      }
      const nowS = Math.floor(now.getTime() / 1000);
      // A far-away exp (1e20) is a token that never expires in practice.
      if (payload.exp! > nowS + this.maxAgeS + USER_TOKEN_CLOCK_SKEW_S) {
        throw new InvalidTokenError(`The user token expires too far ahead: "exp" may be at most ${this.maxAgeS} s from now.`);
      }
      if (payload.iat !== undefined && payload.iat > nowS + USER_TOKEN_CLOCK_SKEW_S) {
        throw new InvalidTokenError('The user token was issued in the future: its "iat" is ahead of the server\'s clock.');
      }
      return payload.sub;
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('The user token has expired.');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf' && error.reason === 'check_failed') {
        throw new InvalidTokenError('The user token is not valid yet (its "nbf" is in the future).');
      }
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw new InvalidTokenError(`The user token lacks a valid "${error.claim}" claim.`);
      }
      throw new InvalidTokenError('The user token is not valid.');
    }
  }
}
