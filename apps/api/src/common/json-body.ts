import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidRequestError } from './domain-error.js';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * The API reads JSON bodies only: every other content type (text/plain, forms, XML, none with a
 * body) is answered 415 UNSUPPORTED_MEDIA_TYPE by Fastify itself, instead of reaching the
 * validation as an empty body. JSON must be UTF-8 (RFC 8259), in its label and in its bytes; an
 * empty body is `{}` as it was under Express, so that it fails validation with the field's own
 * code (INVALID_QUERY).
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
  // Read as bytes: a string would have turned bytes that are not UTF-8 into U+FFFD unseen.
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(new InvalidRequestError('Send the body as UTF-8 JSON.', 'UNSUPPORTED_MEDIA_TYPE'), undefined);
      return;
    }
    const bytes = body as Buffer;
    if (bytes.length === 0) {
      done(null, {});
      return;
    }
    if (!isUtf8(bytes)) {
      done(new InvalidRequestError('The request body is not valid UTF-8.', 'INVALID_JSON'), undefined);
      return;
    }
    parseJson(request, bytes.toString('utf8'), done);
  });
}
