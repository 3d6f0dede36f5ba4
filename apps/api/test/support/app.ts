import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatabaseConfig } from '@holibot/database';
import { databaseEnv } from '@holibot/database/testing';

export const SAMPLE_CATALOGUE = resolve('tools/catalogues/calpe.sample.geojson');
/**
 * HOLIBOT_FIXED_NOW for the conversation suites: their server's clock starts: Tuesday 2 June 2026, 13:00 in Calpe. Trattoria Da Luca
 * (Tu-Su 12:30-15:30) is open, Ristorante Il Gabbiano (Tu off) and La Piccola Osteria (evenings) closed.
 */
export const FIXED_NOW = '2026-06-02T11:00:00Z';
/** Whether each Italian place of the sample catalogue is open at FIXED_NOW (null: no opening hours). */
export const OPEN_AT_FIXED_NOW: Record<string, boolean | null> = {
  'Trattoria Da Luca': true,
  'Pizzeria Bella Napoli': true,
  'Ristorante Il Gabbiano': false,
  'La Piccola Osteria': false,
  'Pasta e Basta': true,
  'Trattoria Sapori di Sicilia': null,
  'Pizza al Taglio Roma': true,
};
const MAIN = resolve('dist/apps/api/src/main.js');

/**
 * End-to-end tests run the built server (`npm test` builds first) as its own process, exactly
 * as `npm start` does, and talk to it over HTTP: for what only a process shows (start-up
 * failures, signals, log files). The application in the test's process: in-process.ts.
 */
export function testEnv(database: DatabaseConfig, env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    LOG_FILES_ENABLED: 'false',
    LOG_DIR: mkdtempSync(join(tmpdir(), 'holibot-logs-')),
    BACKUP_DIR: mkdtempSync(join(tmpdir(), 'holibot-backups-')),
    WIDGET_STORE_DIR: mkdtempSync(join(tmpdir(), 'holibot-widgets-')),
    POI_AUTOLOAD_FILE: SAMPLE_CATALOGUE,
    POI_RELOAD_INTERVAL_MS: '0',
    ...databaseEnv(database),
    ...env,
  };
}

export interface RunningApp {
  url: string;
  process: ChildProcess;
  output(): string;
  close(): Promise<void>;
}

export async function startApp(env: Record<string, string>, cwd?: string): Promise<RunningApp> {
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind a failed start.
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+):(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${match[2]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    close: () =>
      new Promise<void>((done) => {
        // A server stopped by SIGTERM ends by the signal: exitCode stays null.
        if (child.exitCode !== null || child.signalCode !== null) return done();
        // 'close': its output pipes are shut too, so a test worker has nothing of it left to wait for.
        child.once('close', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export interface ChatClient {
  url: string;
  ask(query: string, sessionId?: string, extra?: Record<string, unknown>): Promise<{ status: number; body: any; headers: Headers }>;
}

export function chatClient(url: string, headers: Record<string, string> = {}): ChatClient {
  return {
    url,
    async ask(query, sessionId, extra = {}) {
      const response = await fetch(`${url}/api/v1/chat/message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, ...(sessionId ? { sessionId } : {}), ...extra }),
      });
      return { status: response.status, body: await response.json(), headers: response.headers };
    },
  };
}

/**
 * Runs the built server (or `script`, e.g. the CLI) to its exit, for starts that must fail: its exit code and all it printed.
 * A server that starts listening is stopped at once (exit code null).
 */
export function runToExit(env: Record<string, string>, args: string[] = [], script = MAIN): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    // It started after all: no use waiting for an exit that will not come.
    if (/listening on http/.test(output)) child.kill('SIGTERM');
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`still running after 30 s:\n${output}`));
    }, 30_000);
    // 'close', not 'exit': the output has been read to its end.
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** A stack trace in any form: indented frames, or frames inside a JSON-escaped log field. */
export const STACK_FRAME = /^\s+at |\bat \S+ \(\S+:\d+:\d+\)/m;

/** The built-in jobs as /health/ready lists them on a server that has not run one yet. */
export const JOBS_UP = {
  backup: { status: 'up' },
  'report-retention': { status: 'up' },
  'session-cleanup': { status: 'up' },
  'session-stats': { status: 'up' },
} as const;
