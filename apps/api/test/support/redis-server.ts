import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REDIS_SERVER = process.env['REDIS_SERVER_PATH'] ?? 'redis-server';

/**
 * A real redis-server of the test's own, on a free loopback port (never the machine's 6379),
 * that the test can stop and start again on the same port to play an outage.
 */
export class TestRedisServer {
  port = 0;
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'holibot-redis-'));

  constructor(private readonly password: string | null = null) {}

  get url(): string {
    return `redis://${this.password ? `:${encodeURIComponent(this.password)}@` : ''}127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<this> {
    if (this.child) return this;
    this.port ||= await freePort();
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--loglevel', 'warning'];
    if (this.password) args.push('--requirepass', this.password);
    const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start in 10 s:\n${output}`)), 10_000);
      const poll = setInterval(() => {
        void ping(this.port).then((up) => {
          if (!up) return;
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        });
      }, 50);
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', (error) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`redis-server could not run (${error.message}); install Debian's redis-server or set REDIS_SERVER_PATH`));
      });
    });
    return this;
  }

  /** Freezes it (SIGSTOP): connections stay open, nothing answers — a hung Redis. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Stops it (the port is refused until start() again). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    });
  }
}

/** True when something answers +PONG on the port (a password-protected server answers NOAUTH: also up). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      socket.destroy();
      resolve(data.startsWith('+PONG') || data.startsWith('-NOAUTH'));
    });
    socket.on('error', () => resolve(false));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
