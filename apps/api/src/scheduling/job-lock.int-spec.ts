import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteFileJobLock } from './job-lock.js';

/** The SQLite job lock on a real file, two instances standing for two processes on one database. */
describe('SqliteFileJobLock', () => {
  const database = () => join(mkdtempSync(join(tmpdir(), 'holibot-lock-')), 'holibot.sqlite');

  it('excludes another process while held, with a 0600 file holding the pid; released, it can be taken again', async () => {
    const path = database();
    const [server, cli] = [new SqliteFileJobLock(path), new SqliteFileJobLock(path)];
    const held = await server.tryAcquire('session-cleanup');
    expect(held).not.toBeNull();
    expect(readFileSync(`${path}.session-cleanup.lock`, 'utf8')).toBe(`${process.pid}\n`);
    expect(await cli.tryAcquire('session-cleanup')).toBeNull();
    // Another job has its own lock.
    expect(await cli.tryAcquire('backup')).not.toBeNull();
    await held!.release();
    await held!.release(); // twice: nothing more happens
    expect(existsSync(`${path}.session-cleanup.lock`)).toBe(false);
    expect(await cli.tryAcquire('session-cleanup')).not.toBeNull();
  });

  it('takes over a lock file whose process is gone, not one whose process runs', async () => {
    const path = database();
    writeFileSync(`${path}.backup.lock`, '2147483646\n'); // no such process
    expect(await new SqliteFileJobLock(path).tryAcquire('backup')).not.toBeNull();
    writeFileSync(`${path}.session-cleanup.lock`, `${process.ppid}\n`); // Jest's parent: running
    expect(await new SqliteFileJobLock(path).tryAcquire('session-cleanup')).toBeNull();
  });
});
