import { ManualTimers, MemoryFileSystem, ScriptedProcessRunner } from './testing.js';

describe('the fakes of the outside effects', () => {
  it('ManualTimers fire in time order, repeat, and stop when cancelled', () => {
    const timers = new ManualTimers();
    const fired: string[] = [];
    timers.after(30, () => fired.push('after 30'));
    const every = timers.every(20, () => fired.push('every 20'));
    timers.advance(19);
    expect(fired).toEqual([]);
    timers.advance(41);
    expect(fired).toEqual(['every 20', 'after 30', 'every 20', 'every 20']);
    every.cancel();
    timers.advance(100);
    expect(fired).toHaveLength(4);
    expect(timers.size).toBe(0);
    expect(() => timers.every(0, () => undefined)).toThrow(RangeError);
  });

  it('MemoryFileSystem answers like the disk: ENOENT for what is not there, directories from paths', async () => {
    const files = new MemoryFileSystem({ '/data/a.json': '{}' });
    await files.writeFileAtomic('/data/sub/b.txt', 'hello');
    expect(await files.readText('/data/sub/b.txt')).toBe('hello');
    expect(await files.readdir('/data')).toEqual(['a.json', 'sub']);
    expect(await files.stat('/data/sub')).toMatchObject({ isDirectory: true });
    await expect(files.readFile('/data/none')).rejects.toMatchObject({ code: 'ENOENT' });
    await files.remove('/data/sub');
    await expect(files.readdir('/data/sub')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('ScriptedProcessRunner records each run and answers from its script', async () => {
    const runner = new ScriptedProcessRunner([{ stdout: 'dump' }, Object.assign(new Error('spawn mysqldump ENOENT'), { code: 'ENOENT' })]);
    expect(await runner.run('mysqldump', ['--single-transaction', 'holibot'], { timeoutMs: 1000 })).toMatchObject({ code: 0, stdout: 'dump' });
    await expect(runner.run('mysqldump', [])).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(runner.run('mysqldump', [])).rejects.toThrow('no answer scripted');
    expect(runner.runs.map((run) => run.args)).toEqual([['--single-transaction', 'holibot'], [], []]);
  });
});
