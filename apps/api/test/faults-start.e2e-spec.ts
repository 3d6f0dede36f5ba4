import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { STACK_FRAME, chatClient, startApp, testEnv } from './support/app.js';

const MAIN = resolve('dist/apps/api/src/main.js');
const CLI = resolve('dist/apps/api/src/cli.js');
/** The unprivileged user the read-only test runs the server as (nobody), when this process is root. */
const NOBODY = 65534;

/**
 * Start-up faults the built server meets on a real machine: a LOG_DIR it may not write (as an
 * unprivileged user: root ignores permission bits), and a `.env` other users may read.
 * A damaged or unusable SQLite file at start: sqlite-damage.e2e-spec.ts, database-open.e2e-spec.ts.
 */

/** How to run a command as a user for whom permission bits count: as is when not root, else through setpriv as nobody. */
function unprivileged(): { prefix: string[]; who: string } | null {
  if (process.getuid?.() !== 0) return { prefix: [], who: `uid ${process.getuid?.()}` };
  const setpriv = spawnSync('setpriv', ['--version'], { stdio: 'ignore' });
  if (setpriv.status !== 0) return null;
  return { prefix: ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--'], who: `nobody (uid ${NOBODY})` };
}

/** Runs node with `args` as the unprivileged user. */
function spawnAs(prefix: string[], args: string[], env: Record<string, string>, cwd: string): ChildProcess {
  const [command, ...rest] = [...prefix, process.execPath, ...args];
  return spawn(command!, rest, { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** startApp (support/app.ts), for a server run as another user. */
async function startAs(prefix: string[], env: Record<string, string>, cwd: string) {
  const child = spawnAs(prefix, [MAIN], env, cwd);
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server did not start in 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/\S+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('close', () => done());
        child.kill('SIGTERM');
      }),
  };
}

describe('a read-only LOG_DIR, for a server run as an unprivileged user', () => {
  const as = unprivileged();
  // Everything else the server writes is in a folder that user may write; LOG_DIR is an existing
  // folder owned by root (or by us), mode 0555: readable, not writable.
  const root = mkdtempSync(join(tmpdir(), 'holibot-ro-logs-'));
  chmodSync(root, 0o777);
  const folder = (name: string, mode: number) => {
    const path = join(root, name);
    mkdirSync(path);
    chmodSync(path, mode);
    return path;
  };
  const data = folder('data', 0o777);
  const logDir = folder('logs', 0o555);
  const env = testEnv(
    { type: 'sqlite', sqlitePath: join(data, 'holibot.sqlite') },
    { LOG_FILES_ENABLED: 'true', LOG_DIR: logDir, LOG_LEVEL: 'info', WIDGET_STORE_DIR: folder('widgets', 0o777), BACKUP_DIR: folder('backups', 0o777) },
  );
  /** Whether that user really cannot write LOG_DIR (and can write the data folder): else the test would prove nothing. */
  const probe = (dir: string) => {
    if (!as) return null;
    const [command, ...args] = [...as.prefix, process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(join(dir, 'probe'))}, '')`];
    return spawnSync(command!, args, { stdio: 'ignore' });
  };
  const logsWritable = probe(logDir)?.status === 0;
  const dataWritable = probe(data)?.status === 0;
  const usable = as !== null && !logsWritable && dataWritable;
  if (!usable) {
    console.warn(
      `faults-start.e2e: cannot run the server as a user without write access to a folder here (${as ? `as ${as.who}: LOG_DIR writable=${logsWritable}, data writable=${dataWritable}` : 'root without setpriv'}); the read-only LOG_DIR test is SKIPPED`,
    );
  }

  (usable ? it : it.skip)(
    'starts on console logging with one clear line naming LOG_DIR, the folder and the reason, and serves',
    async () => {
      const running = await startAs(as!.prefix, env, root);
      try {
        expect((await chatClient(running.url).ask('beaches')).status).toBe(200);
        const ready = await fetch(`${running.url}/health/ready`);
        expect(ready.status).toBe(200);
        expect(((await ready.json()) as any).details.logs).toMatchObject({ status: 'degraded', files: 'failing', error: 'EACCES' });
        const output = running.output();
        const lines = output.split('\n').filter((line) => line.includes(logDir));
        expect(lines).toEqual([
          expect.stringMatching(
            new RegExp(
              `^HoliBot: the log files in LOG_DIR=${logDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be written \\(EACCES.*\\)\\. Logging to the console only`,
            ),
          ),
        ]);
        expect(output).not.toMatch(STACK_FRAME);
        expect(output).not.toMatch(/Unhandled 'error' event/);
        // It logs to the console meanwhile; and it did run as that user (the database file it created is theirs).
        expect(output).toMatch(/LOG \[NestApplication\] Nest application successfully started/);
        expect(statSync(join(data, 'holibot.sqlite')).uid).toBe(as!.prefix.length ? NOBODY : process.getuid!());
      } finally {
        await running.close();
      }
    },
    60_000,
  );
});

describe('a .env that other users may read', () => {
  const USER_TOKEN_SECRET = 'a-user-token-secret-read-from-dotenv-0123456789';
  /** A working folder with a .env of this mode; the server reads USER_TOKEN_SECRET from it (proof the file was read). */
  const workDir = (mode: number) => {
    const cwd = mkdtempSync(join(tmpdir(), 'holibot-dotenv-'));
    writeFileSync(join(cwd, '.env'), `# test\nUSER_TOKEN_SECRET=${USER_TOKEN_SECRET}\n`);
    chmodSync(join(cwd, '.env'), mode);
    return cwd;
  };
  const warnings = (output: string) => output.split('\n').filter((line) => line.includes('.env is readable by'));
  /** A bad token gets 401 only when USER_TOKEN_SECRET is set, i.e. when the server read the .env. */
  const readTheFile = async (url: string) => (await chatClient(url, { authorization: 'Bearer not.a.jwt' }).ask('beaches')).status === 401;

  it('0644: the server warns once, naming the file, its mode and the fix, without the contents', async () => {
    const cwd = workDir(0o644);
    const running = await startApp(testEnv(freshSqliteDatabase()), cwd);
    try {
      expect(await readTheFile(running.url)).toBe(true);
      expect(warnings(running.output())).toEqual([
        expect.stringMatching(
          new RegExp(`WARN \\[Config\\] ${cwd}/\\.env is readable by its group and every user of this machine \\(mode 0644\\).*: run chmod 600 \\.env`),
        ),
      ]);
      expect(running.output()).not.toContain(USER_TOKEN_SECRET);
    } finally {
      await running.close();
    }
  });

  it('0600: no warning', async () => {
    const cwd = workDir(0o600);
    const running = await startApp(testEnv(freshSqliteDatabase()), cwd);
    try {
      expect(await readTheFile(running.url)).toBe(true);
      expect(warnings(running.output())).toEqual([]);
    } finally {
      await running.close();
    }
  });

  it('the command line warns the same way (0640), and not for 0600', () => {
    const run = (cwd: string) => {
      const result = spawnSync(process.execPath, [CLI, 'migrate'], {
        cwd,
        env: { PATH: process.env['PATH'] ?? '', DB_SQLITE_PATH: join(cwd, 'holibot.sqlite'), LOG_FILES_ENABLED: 'false' },
        encoding: 'utf8',
      });
      expect(result.status).toBe(0);
      return `${result.stdout}${result.stderr}`;
    };
    const open = workDir(0o640);
    const output = run(open);
    expect(warnings(output)).toEqual([
      `holibot: warning: ${open}/.env is readable by its group (mode 0640), and it holds HoliBot's secrets: run chmod 600 .env`,
    ]);
    expect(output).not.toContain(USER_TOKEN_SECRET);
    expect(warnings(run(workDir(0o600)))).toEqual([]);
  });
});
