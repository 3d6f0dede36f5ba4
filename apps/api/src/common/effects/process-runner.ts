import { spawn } from 'node:child_process';
import { Injectable } from '@nestjs/common';

export interface RunOptions {
  /** Extra environment for the child (merged over the parent's), e.g. a password that must not be an argument. */
  env?: Record<string, string>;
  /** Written to the child's standard input, then closed. */
  input?: string | Uint8Array;
  /** The child is killed (SIGTERM, then SIGKILL after 2 s) when it runs longer; the result says `timedOut`. */
  timeoutMs?: number;
  /** At most this many bytes of stdout and of stderr are kept (the rest is counted, not held). */
  maxOutputBytes?: number;
}

export interface RunResult {
  /** Exit code, or null when a signal ended the child. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
const KILL_GRACE_MS = 2000;

/**
 * Child processes (mysqldump, mysql) behind a service: no shell, arguments as a list, a time
 * limit, bounded output; tests give scripted answers (ScriptedProcessRunner). A program that
 * cannot be started (ENOENT, EACCES) rejects with that error; one that fails resolves with its code.
 */
@Injectable()
export class ProcessRunner {
  run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    return new Promise((resolve, reject) => {
      // The child inherits the environment (PATH, locale), as a shell would give it; that is not reading a setting.
      // eslint-disable-next-line no-restricted-properties
      const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      const out = collector(limit);
      const err = collector(limit);
      let timedOut = false;
      let killer: NodeJS.Timeout | undefined;
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              child.kill('SIGTERM');
              killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
            }, options.timeoutMs);
      child.stdout.on('data', out.add);
      child.stderr.on('data', err.add);
      // A child that exits before reading its input closes the pipe: that is its answer, not ours to throw.
      child.stdin.on('error', () => undefined);
      child.once('error', (error) => {
        clearTimeout(timer);
        clearTimeout(killer);
        reject(error);
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        clearTimeout(killer);
        resolve({ code, signal, stdout: out.text(), stderr: err.text(), timedOut });
      });
      child.stdin.end(options.input ?? '');
    });
  }
}

function collector(limit: number): { add: (chunk: Buffer) => void; text: () => string } {
  const chunks: Buffer[] = [];
  let kept = 0;
  let dropped = 0;
  return {
    add: (chunk) => {
      const room = Math.max(0, limit - kept);
      if (room > 0) chunks.push(chunk.subarray(0, room));
      kept += Math.min(room, chunk.length);
      dropped += Math.max(0, chunk.length - room);
    },
    text: () => Buffer.concat(chunks).toString('utf8') + (dropped ? `\n… ${dropped} more bytes not kept` : ''),
  };
}
