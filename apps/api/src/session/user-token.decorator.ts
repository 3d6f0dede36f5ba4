import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';

/**
 * The request's `Authorization` header, for UserTokenService. A param decorator of its own rather
 * than `@Headers('authorization')`, which OpenAPI would list as a required header parameter (and
 * OpenAPI ignores Authorization headers: the token is a security scheme, see OptionalUserToken).
 */
export const AuthorizationHeader = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['authorization'];
  return Array.isArray(value) ? value[0] : value;
});

/** OpenAPI: the host site's user token is optional — anonymous (`{}`) or bearer. */
export const OptionalUserToken = () => applyDecorators(ApiSecurity({}), ApiBearerAuth());
