import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidRequestError } from './domain-error.js';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * The API reads JSON bodies only: every other content type (text/plain, forms, XML, none with a
 * body) is answered 415 UNSUPPORTED_MEDIA_TYPE by Fastify itself, instead of reaching the
 * validation as an empty body. JSON must be UTF-8 (RFC 8259); an empty body is `{}` as it was
 * under Express, so that it fails validation with the field's own code (INVALID_QUERY).
 * Prototype-poisoning keys (`__proto__`, `constructor.prototype`) are refused by Fastify's parser.
 */
export function registerJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  // The callback form, as Fastify builds it: its type also admits the promise form, whose promise
  // nothing here would wait for.
  const parseJson = fastify.getDefaultJsonParser('error', 'error') as (
    request: FastifyRequest,
    body: string,
    done: (error: Error | null, body?: unknown) => void,
  ) => void;
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(new InvalidRequestError('Send the body as UTF-8 JSON.', 'UNSUPPORTED_MEDIA_TYPE'), undefined);
      return;
    }
    if (body === '') {
      done(null, {});
      return;
    }
    parseJson(request, body as string, done);
  });
}
