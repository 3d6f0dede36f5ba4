import { Injectable } from '@nestjs/common';
import { errors, jwtVerify } from 'jose';
import { ApiError } from '../common/api-error.js';
import { AppConfig } from '../config/app-config.js';

/**
 * Host sites may send `Authorization: Bearer <HS256 JWT>` signed with USER_TOKEN_SECRET; its
 * `sub` becomes the session's user_id. Without a configured secret the header is ignored.
 */
@Injectable()
export class UserTokenService {
  private readonly key: Uint8Array | null;

  constructor(config: AppConfig) {
    this.key = config.userTokenSecret ? new TextEncoder().encode(config.userTokenSecret) : null;
  }

  async userId(authorization: string | undefined): Promise<string | null> {
    if (!this.key || !authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new ApiError(401, 'INVALID_TOKEN', 'The Authorization header must be "Bearer <token>".');
    try {
      // A token without an expiry would be valid forever: exp is required.
      const { payload } = await jwtVerify(match[1]!, this.key, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
      if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 255) {
        throw new ApiError(401, 'INVALID_TOKEN', 'The user token has no valid "sub" claim.');
      }
      return payload.sub;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof errors.JWTExpired) throw new ApiError(401, 'INVALID_TOKEN', 'The user token has expired.');
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw new ApiError(401, 'INVALID_TOKEN', `The user token lacks a valid "${error.claim}" claim.`);
      }
      throw new ApiError(401, 'INVALID_TOKEN', 'The user token is not valid.');
    }
  }
}
