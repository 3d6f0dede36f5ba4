import { Logger } from '@nestjs/common';

/** A line a Nest Logger wrote while captureNestLogs() was in force. */
export interface LoggedLine {
  level: 'log' | 'warn' | 'error';
  message: string;
}

/**
 * Sends every Nest Logger line of the test's process into the returned array (debug and verbose
 * are dropped), for tests that check what an operator would read; empty it with `length = 0`.
 */
export function captureNestLogs(): LoggedLine[] {
  const logged: LoggedLine[] = [];
  const keep = (level: LoggedLine['level']) => (message: unknown) => void logged.push({ level, message: String(message) });
  Logger.overrideLogger({ log: keep('log'), warn: keep('warn'), error: keep('error'), debug: () => undefined, verbose: () => undefined });
  return logged;
}
