import { exitCodeOf, httpStatusOf } from './error-mapping.js';

// How the HTTP and WebSocket edges answer each error: all-exceptions.filter.spec.ts.
describe('domain error codes', () => {
  it('map one code to one HTTP status and one exit code', () => {
    expect(httpStatusOf('SESSION_NOT_FOUND')).toBe(404);
    expect(httpStatusOf('UNSUPPORTED_MEDIA_TYPE')).toBe(415);
    expect(exitCodeOf('INVALID_REQUEST')).toBe(2);
    expect(exitCodeOf('IMPORT_FILE_INVALID')).toBe(1);
    expect(exitCodeOf('CONFIG_INVALID')).toBe(1);
  });

  it('never make an operator error look like a client error', () => {
    for (const code of ['CONFIG_INVALID', 'SCHEMA_OUT_OF_DATE', 'IMPORT_FILE_INVALID'] as const) expect(httpStatusOf(code)).toBeGreaterThanOrEqual(500);
  });
});
