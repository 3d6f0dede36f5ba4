import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { DatabaseConfig } from '@holibot/database';
import { type RunningApp, chatClient, startApp, testEnv } from './support/app.js';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { type FakeMistral, type RecordedRequest, startFakeMistral } from './support/fake-mistral.js';
import { ChatSocket } from './support/ws-client.js';

const TIMEOUT_MS = 1000;

/** The places the server gave the model, read back from the system prompt it sent. */
function placesIn(request: RecordedRequest): string[] {
  const system = request.body?.messages[0]?.content ?? '';
  const block = system.split('PLACES (one JSON object per line):\n')[1]?.split('\n\n')[0] ?? '';
  return block
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { name: string }).name);
}

/** A well-behaved model: presents every place it was given, names in bold. */
const presentsPlaces = (request: RecordedRequest) => ({
  text: `Here is what I found. ${placesIn(request)
    .map((name) => `**${name}** is a good choice.`)
    .join(' ')}`,
  usage: { promptTokens: 812, completionTokens: 41 },
});

/** The whole server with MISTRAL_API_KEY set, talking to a local fake of Mistral's API. */
describe('chat with the Mistral engine (fake Mistral server)', () => {
  let fake: FakeMistral;
  let running: RunningApp;
  let database: DatabaseConfig & { type: 'sqlite' };

  beforeAll(async () => {
    fake = await startFakeMistral();
    database = freshSqliteDatabase() as DatabaseConfig & { type: 'sqlite' };
    running = await startApp(
      testEnv(database, {
        RATE_LIMIT_ENABLED: 'false',
        LOG_LEVEL: 'info',
        MISTRAL_API_KEY: 'test-key',
        MISTRAL_API_URL: fake.url,
        MISTRAL_TIMEOUT_MS: String(TIMEOUT_MS),
      }),
    );
  });
  afterAll(async () => {
    await running?.close();
    await fake?.close();
  });

  it('REST: Mistral words the answer about the catalogue places; tokens are stored and logged', async () => {
    fake.script(presentsPlaces);
    const response = await chatClient(running.url).ask('best restaurants in Calpe');
    expect(response.status).toBe(200);
    const { data } = response.body;
    expect(data.engine).toBe('mistral');
    const request = fake.requests.at(-1)!;
    expect(request.headers.authorization).toBe('Bearer test-key');
    expect(request.body?.model).toBe('mistral-small-latest');
    expect(data.pois.map((p: { name: string }) => p.name)).toEqual(placesIn(request));
    expect(data.textResponse).toContain(data.pois[0].name);
    expect(data.textResponse).not.toContain('**');

    const db = new Database(database.sqlitePath, { readonly: true });
    try {
      const row = db.prepare(`SELECT engine, prompt_tokens, completion_tokens FROM ChatMessage WHERE role = 'assistant' ORDER BY id DESC LIMIT 1`).get();
      expect(row).toEqual({ engine: 'mistral', prompt_tokens: 812, completion_tokens: 41 });
    } finally {
      db.close();
    }
    expect(running.output()).toMatch(/Mistral AI.*outcome=ok.*prompt_tokens=812/);
    expect(running.output()).not.toContain('best restaurants in Calpe');
  });

  it('WebSocket: the model text streams in order and the final payload is the REST one', async () => {
    fake.script((request) => ({ ...presentsPlaces(request), chunks: undefined }));
    const socket = await ChatSocket.open(running.url);
    try {
      const { deltas, end } = await socket.ask('museums in Calpe');
      expect(end.type).toBe('done');
      expect(end.data.success).toBe(true);
      expect(end.data.data.engine).toBe('mistral');
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join('').replace(/\s+/g, ' ').trim()).toBe(end.data.data.textResponse.replace(/\s+/g, ' ').trim());
      expect(fake.requests.at(-1)!.stream).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('an invented place never reaches the visitor', async () => {
    fake.script({ text: 'For beaches, go to **Sushi Kaze**, the best beach in town.' });
    const { body } = await chatClient(running.url).ask('beaches');
    expect(body.data.textResponse).not.toContain('Sushi Kaze');
    expect(body.data.pois.every((p: { subcategory: string }) => p.subcategory !== 'Restaurants')).toBe(true);
  });

  it('Mistral failing or hanging: the built-in answer, in time', async () => {
    fake.script({ status: 500 }, { status: 500 });
    const failed = await chatClient(running.url).ask('hotels');
    expect(failed.status).toBe(200);
    expect(failed.body.data.engine).toBe('builtin');

    fake.script({ hang: true });
    const started = performance.now();
    const hung = await chatClient(running.url).ask('hotels');
    const elapsed = performance.now() - started;
    expect(hung.body.data.engine).toBe('builtin');
    expect(hung.body.data.pois.length).toBeGreaterThan(0);
    // The deadline ended the wait, not the hang (mistral-engine.int-spec.ts prints the engine's own
    // figure); over HTTP on a CI machine that also runs Chromium, with room for the round trip.
    expect(elapsed).toBeLessThan(TIMEOUT_MS * 1.5);
    expect(running.output()).toMatch(/Mistral AI.*outcome=timeout/);
  });

  it('holibot report usage: the turns above by outcome, with their calls, fallbacks, tokens and estimated cost', () => {
    const result = spawnSync(process.execPath, [resolve('dist/apps/api/src/cli.js'), 'report', 'usage', '--json'], {
      env: { PATH: process.env['PATH'] ?? '', LOG_FILES_ENABLED: 'false', DB_TYPE: 'sqlite', DB_SQLITE_PATH: database.sqlitePath },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    const usage = JSON.parse(result.stdout);
    expect(usage.rows).toHaveLength(1);
    // Two answers worded by the model; an invented place (ungrounded), two HTTP 500s (one retry) and a hang fell back.
    expect(usage.total).toMatchObject({ turns: 5, calls: 6, fallbacks: 3, outcomes: { ok: 2, ungrounded: 1, http_500: 1, timeout: 1 } });
    expect(usage.total.promptTokens).toBeGreaterThanOrEqual(2 * 812);
    const { inputPerM, outputPerM } = usage.prices;
    expect(usage.total.estimatedCost).toBeCloseTo((usage.total.promptTokens * inputPerM + usage.total.completionTokens * outputPerM) / 1e6, 6);
  });
});
