/**
 * Local fakes of the outside effects, for unit tests: files without a disk, child processes
 * that answer from a script, time that moves only when told. (FixedClock is in clock.ts.)
 */
import { FileSystem } from './file-system.js';
import { ProcessRunner, type RunOptions, type RunResult } from './process-runner.js';
import { type TimerHandle, Timers } from './timers.js';

function notFound(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT', path });
}

/** Files in a Map, path → bytes; directories are implied by the paths below them. */
export class MemoryFileSystem extends FileSystem {
  readonly files = new Map<string, { data: Buffer; modifiedAt: Date }>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    super();
    for (const [path, data] of Object.entries(files)) this.files.set(path, { data: Buffer.from(data), modifiedAt: new Date(0) });
  }

  override async readFile(path: string): Promise<Buffer> {
    const file = this.files.get(path);
    if (!file) throw notFound(path);
    return Buffer.from(file.data);
  }

  override async writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
    this.files.set(path, { data: Buffer.from(data), modifiedAt: new Date() });
  }

  override async mkdir(): Promise<void> {}

  override async readdir(path: string): Promise<string[]> {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const names = new Set([...this.files.keys()].filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length).split('/')[0]!));
    if (names.size === 0) throw notFound(path);
    return [...names].sort();
  }

  override async stat(path: string): Promise<{ size: number; modifiedAt: Date; isDirectory: boolean }> {
    const file = this.files.get(path);
    if (file) return { size: file.data.length, modifiedAt: file.modifiedAt, isDirectory: false };
    await this.readdir(path);
    return { size: 0, modifiedAt: new Date(0), isDirectory: true };
  }

  override async rename(from: string, to: string): Promise<void> {
    const moved = [...this.files.entries()].filter(([file]) => file === from || file.startsWith(`${from}/`));
    if (moved.length === 0) throw notFound(from);
    if ([...this.files.keys()].some((file) => file === to || file.startsWith(`${to}/`)))
      throw Object.assign(new Error(`ENOTEMPTY: ${to}`), { code: 'ENOTEMPTY' });
    for (const [file, entry] of moved) {
      this.files.delete(file);
      this.files.set(to + file.slice(from.length), entry);
    }
  }

  override async remove(path: string): Promise<void> {
    for (const file of [...this.files.keys()]) if (file === path || file.startsWith(`${path}/`)) this.files.delete(file);
  }
}

export interface ScriptedRun {
  command: string;
  args: readonly string[];
  options: RunOptions;
}

/** Answers each run with the next scripted result (or error), and records what was asked. */
export class ScriptedProcessRunner extends ProcessRunner {
  readonly runs: ScriptedRun[] = [];

  constructor(private readonly script: Array<Partial<RunResult> | Error>) {
    super();
  }

  override async run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    this.runs.push({ command, args, options });
    const next = this.script.shift();
    if (next === undefined) throw new Error(`ScriptedProcessRunner: no answer scripted for ${command} ${args.join(' ')}`);
    if (next instanceof Error) throw next;
    return { code: 0, signal: null, stdout: '', stderr: '', timedOut: false, ...next };
  }
}

/** Timers that fire only when `advance` moves time past them, in order. */
export class ManualTimers extends Timers {
  private now = 0;
  private readonly pending = new Set<{ at: number; every: number | null; fire: () => void }>();

  override every(ms: number, tick: () => void): TimerHandle {
    return this.schedule(ms, ms, tick);
  }

  override after(ms: number, fire: () => void): TimerHandle {
    return this.schedule(ms, null, fire);
  }

  /** How many timers wait to fire. */
  get size(): number {
    return this.pending.size;
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const next = [...this.pending].filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.now = next.at;
      if (next.every === null) this.pending.delete(next);
      else next.at += next.every;
      next.fire();
    }
    this.now = until;
  }

  private schedule(ms: number, every: number | null, fire: () => void): TimerHandle {
    if (every !== null && every <= 0) throw new RangeError('ManualTimers.every needs a period above 0 ms');
    const timer = { at: this.now + ms, every, fire };
    this.pending.add(timer);
    return { cancel: () => this.pending.delete(timer) };
  }
}
