import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSystem } from './file-system.js';
import { ProcessRunner } from './process-runner.js';
import { Timers } from './timers.js';

describe('the real outside effects', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'holibot-effects-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('FileSystem writes atomically, leaves no temporary file, and passes errors through with their code', async () => {
    const files = new FileSystem();
    const path = join(dir, 'nested', 'state.json');
    await files.mkdir(join(dir, 'nested'));
    await files.writeFileAtomic(path, '{"a":1}');
    await files.writeFileAtomic(path, '{"a":2}');
    expect(readFileSync(path, 'utf8')).toBe('{"a":2}');
    expect(await files.readText(path)).toBe('{"a":2}');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['state.json']);
    expect(await files.stat(path)).toMatchObject({ size: 7, isDirectory: false });
    await expect(files.readFile(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    // Writing into a directory that does not exist fails and leaves nothing behind.
    await expect(files.writeFileAtomic(join(dir, 'absent', 'x'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    await files.remove(join(dir, 'nested'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('ProcessRunner runs without a shell, feeds stdin, reports exit codes, and kills what overruns', async () => {
    const runner = new ProcessRunner();
    const echo = await runner.run(process.execPath, ['-e', 'process.stdin.pipe(process.stdout); console.error(process.env.SECRET)'], {
      input: 'a $(dangerous) argument',
      env: { SECRET: 'from-env' },
    });
    expect(echo).toMatchObject({ code: 0, stdout: 'a $(dangerous) argument', stderr: 'from-env\n', timedOut: false });
    expect(await runner.run(process.execPath, ['-e', 'process.exit(3)'])).toMatchObject({ code: 3, timedOut: false });
    const slow = await runner.run(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 200 });
    expect(slow).toMatchObject({ code: null, signal: 'SIGTERM', timedOut: true });
    const chatty = await runner.run(process.execPath, ['-e', 'process.stdout.write("x".repeat(5000))'], { maxOutputBytes: 100 });
    expect(chatty.stdout).toBe(`${'x'.repeat(100)}\n… 4900 more bytes not kept`);
    await expect(runner.run(join(dir, 'no-such-program'), [])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('Timers fire and can be cancelled', async () => {
    const timers = new Timers();
    const fired: string[] = [];
    timers.after(10, () => fired.push('once'));
    timers.after(10, () => fired.push('cancelled')).cancel();
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const every = timers.every(5, () => {
        if (++ticks < 3) return;
        every.cancel();
        every.cancel();
        resolve();
      });
    });
    // The one-shot timer (10 ms) is due before the third tick (15 ms) is handled at the earliest.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toEqual(['once']);
    const after = ticks;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ticks).toBe(after);
  });
});
