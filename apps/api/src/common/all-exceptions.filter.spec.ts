import { BadRequestException, HttpException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { SchemaOutOfDateError } from '../database/database.errors.js';
import { SessionNotFoundError } from '../session/session.errors.js';
import { describeError } from './all-exceptions.filter.js';
import { ConfigError } from '../config/app-config.js';

const GENERIC_500 = { status: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. Please try again.' };

describe('describeError: one status, code and message for every error, HTTP and WebSocket alike', () => {
  it('tells a client fault as it is: the domain error’s code, its status and its message', () => {
    expect(describeError(new SessionNotFoundError())).toEqual({ status: 404, code: 'SESSION_NOT_FOUND', message: new SessionNotFoundError().message });
  });

  it('finds a domain error that Nest wrapped in an HttpException (errors raised before a route runs)', () => {
    const wrapped = new HttpException('wrapped', 500, { cause: new SessionNotFoundError() });
    expect(describeError(wrapped)).toMatchObject({ status: 404, code: 'SESSION_NOT_FOUND' });
  });

  it('never shows an operator’s error to a visitor: a schema out of date is a 503, a bad configuration a generic 500', () => {
    expect(describeError(new SchemaOutOfDateError())).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    const config = describeError(new ConfigError(['DB_PASSWORD is wrong for root@db']));
    expect(config).toEqual(GENERIC_500);
  });

  it('maps the throttler’s exception to RATE_LIMIT_EXCEEDED', () => {
    expect(describeError(new ThrottlerException())).toEqual({
      status: 429,
      code: 'RATE_LIMIT_EXCEEDED',
      message: 'Too many requests, please try again later.',
    });
  });

  it('maps Fastify’s body errors by their code', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    expect(describeError(tooLarge)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const other = Object.assign(new Error('something about the body'), { code: 'FST_ERR_SOMETHING_NEW', statusCode: 400 });
    expect(describeError(other)).toEqual({ status: 400, code: 'INVALID_REQUEST', message: 'The request is not valid.' });
  });

  it('maps Nest’s own HTTP exceptions by status', () => {
    expect(describeError(new NotFoundException())).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(describeError(new ServiceUnavailableException())).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(describeError(new BadRequestException('query must be a string'))).toEqual({
      status: 400,
      code: 'INVALID_REQUEST',
      message: 'query must be a string',
    });
  });

  it('answers anything else with a generic INTERNAL_ERROR: no message, no stack of the cause', () => {
    expect(describeError(new Error('ECONNRESET at 10.0.0.5:3306 for user holibot'))).toEqual(GENERIC_500);
    expect(describeError('a string thrown')).toEqual(GENERIC_500);
    expect(describeError(undefined)).toEqual(GENERIC_500);
  });
});
