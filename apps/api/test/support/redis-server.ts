import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { promisify } from 'node:util';

const REDIS_SERVER = process.env['REDIS_SERVER_PATH'] ?? 'redis-server';
const REDIS_CLI = process.env['REDIS_CLI_PATH'] ?? 'redis-cli';

/** A certificate authority and a server certificate it signed for 127.0.0.1 and localhost, as PEM files. */
export interface TestCertificates {
  /** The CA's certificate: what a client is told to trust. */
  ca: string;
  cert: string;
  key: string;
}

/** Makes a CA and a server certificate with openssl, in `dir` (valid for a day); `names`: its subjectAltName. */
export function testCertificates(dir: string, names = 'IP:127.0.0.1,DNS:localhost'): TestCertificates {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=HoliBot test CA', '-keyout', file('ca.key'), '-out', file('ca.pem'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('server.key'), '-out', file('server.csr'));
  writeFileSync(file('server.ext'), `subjectAltName=${names}\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.pem'),
  );
  return { ca: file('ca.pem'), cert: file('server.pem'), key: file('server.key') };
}

export interface TestRedisOptions {
  /** Serve TLS only (rediss://), with this certificate. */
  tls?: TestCertificates;
  /** The host name in url (default 127.0.0.1); the server listens on 127.0.0.1 and, when there is one, ::1. */
  host?: string;
  /** More redis-server arguments (cluster mode, say). */
  args?: string[];
}

/** What a test does with "Redis": one server or a whole cluster, started, stopped, frozen. */
export interface TestRedis {
  readonly url: string;
  start(): Promise<unknown>;
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
}

/**
 * A real redis-server of the test's own, on a free loopback port (never the machine's 6379),
 * that the test can stop and start again on the same port to play an outage.
 */
export class TestRedisServer implements TestRedis {
  port = 0;
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'holibot-redis-'));

  constructor(
    private readonly password: string | null = null,
    private readonly options: TestRedisOptions = {},
  ) {}

  get url(): string {
    const auth = this.password ? `:${encodeURIComponent(this.password)}@` : '';
    return `${this.options.tls ? 'rediss' : 'redis'}://${auth}${this.options.host ?? '127.0.0.1'}:${this.port}/0`;
  }

  /** Its folder (the cluster's nodes.conf is kept there across stop and start). */
  get directory(): string {
    return this.dir;
  }

  async start(): Promise<this> {
    if (this.child) return this;
    this.port ||= await freePort();
    const { tls } = this.options;
    const ports = tls
      ? [
          '--port',
          '0',
          '--tls-port',
          String(this.port),
          '--tls-cert-file',
          tls.cert,
          '--tls-key-file',
          tls.key,
          '--tls-ca-cert-file',
          tls.ca,
          '--tls-auth-clients',
          'no',
        ]
      : ['--port', String(this.port)];
    const args = [
      ...ports,
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.dir,
      '--loglevel',
      'warning',
      ...(this.options.args ?? []),
    ];
    if (this.password) args.push('--requirepass', this.password);
    const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start in 10 s:\n${output}`)), 10_000);
      const poll = setInterval(() => {
        void ping(this.port, Boolean(tls)).then((up) => {
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
function ping(port: number, tls: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = tls ? connectTls({ port, host: '127.0.0.1', rejectUnauthorized: false }) : connect(port, '127.0.0.1');
    let data = '';
    socket.on(tls ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
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

/**
 * A Redis Cluster of three primaries (no replicas), each a TestRedisServer of its own, formed with
 * `redis-cli --cluster create` at the first start. Stopped and started again, the nodes rejoin with
 * their nodes.conf and slots (empty, as a Redis without persistence comes back).
 */
export class TestRedisCluster implements TestRedis {
  readonly nodes: TestRedisServer[];
  private formed = false;
  /** redis-cli's arguments to reach the nodes (TLS: its CA). */
  private readonly cliArgs: string[];

  /** `tls`: the nodes serve TLS only, between themselves too; `host`: the name in their URLs; `args`: more redis-server arguments. */
  constructor(options: { tls?: TestCertificates; host?: string; args?: string[] } = {}) {
    const args = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '1000', ...(options.args ?? [])];
    if (options.tls) args.push('--tls-cluster', 'yes', '--tls-replication', 'yes');
    this.nodes = [0, 1, 2].map(() => new TestRedisServer(null, { ...options, args }));
    this.cliArgs = options.tls ? ['--tls', '--cacert', options.tls.ca] : [];
  }

  /** The URL of one node, as an operator would write REDIS_URL. */
  get url(): string {
    return this.nodes[0]!.url;
  }

  async start(): Promise<this> {
    await Promise.all(this.nodes.map((node) => node.start()));
    if (!this.formed) {
      const addresses = this.nodes.map((node) => `127.0.0.1:${node.port}`);
      await promisify(execFile)(REDIS_CLI, [...this.cliArgs, '--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']).catch(
        (error: Error) => {
          throw new Error(`redis-cli --cluster create failed (${error.message}); install Debian's redis-tools or set REDIS_CLI_PATH`);
        },
      );
      this.formed = true;
    }
    await this.untilOk();
    return this;
  }

  /** Waits until every node says `cluster_state:ok` (all slots served). */
  async untilOk(timeoutMs = 20_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      const states = await Promise.all(this.nodes.map((node) => redisCli(node.port, ...this.cliArgs, 'cluster', 'info').catch(() => '')));
      if (states.every((state) => state.includes('cluster_state:ok'))) return;
      if (Date.now() - started > timeoutMs) throw new Error(`the test Redis Cluster is not ok after ${timeoutMs} ms:\n${states.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Runs a redis-cli command on every node (ACL SETUSER, say: users are per node). */
  async everyNode(...args: string[]): Promise<string[]> {
    return Promise.all(this.nodes.map((node) => redisCli(node.port, ...this.cliArgs, ...args)));
  }

  /** How many keys each node holds. */
  async keysPerNode(): Promise<number[]> {
    return Promise.all(this.nodes.map(async (node) => Number((await redisCli(node.port, ...this.cliArgs, 'dbsize')).trim())));
  }

  pause(): void {
    for (const node of this.nodes) node.pause();
  }

  resume(): void {
    for (const node of this.nodes) node.resume();
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }
}

async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), ...args]);
  return stdout;
}
