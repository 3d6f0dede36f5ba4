import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT } from 'jose';
import { Clock } from '../../src/common/clock.js';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { AppConfig } from '../../src/config/app-config.js';
import { createHttpApp } from '../../src/http-app.js';
import { FIXED_NOW, testEnv } from './app.js';

export interface InProcessApp {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/**
 * The application exactly as main.ts builds it (createHttpApp), but in the test's own process:
 * on a fresh SQLite file with the sample catalogue, listening on a free loopback port, the clock
 * at FIXED_NOW. Quicker than a spawned server and its providers are at hand (`app.get(…)`);
 * what needs the built process (start-up failures, signals, log files) stays end to end.
 */
export async function startInProcess(env: Record<string, string> = {}): Promise<InProcessApp> {
  const config = AppConfig.fromEnv(testEnv(freshSqliteDatabase(), { HOLIBOT_FIXED_NOW: FIXED_NOW, LOG_LEVEL: 'error', ...env }));
  const app = await createHttpApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** The USER_TOKEN_SECRET of in-process apps that need one (32+ characters). */
export const TEST_TOKEN_SECRET = 'a-host-site-secret-of-at-least-32-characters';

/** A user token as the host site signs it, valid for an hour by the app's own clock (FIXED_NOW, not today). */
export async function signUserToken(app: InProcessApp, subject: string, secret = TEST_TOKEN_SECRET): Promise<string> {
  const now = Math.floor(app.app.get(Clock).now().getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(secret));
}
