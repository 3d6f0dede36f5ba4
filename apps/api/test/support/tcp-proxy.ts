import { type Server, type Socket, connect, createServer } from 'node:net';

type Mode = 'open' | 'paused' | 'blackhole';

interface Link {
  client: Socket;
  upstream: Socket | null;
  /** Bytes not forwarded yet, in order, while the proxy is paused or blackholed. */
  held: Array<{ to: 'client' | 'upstream'; chunk: Buffer }>;
}

/**
 * A TCP proxy in front of a database server that a test can use to make the database fail the
 * ways real ones do:
 * - cut(): the server goes away (connections closed, port closed; open() brings it back);
 * - pause(): the server stops answering but keeps its connections: bytes are held both ways,
 *   new connections are accepted and held too;
 * - blackhole(): as pause, but new connections are accepted and never answered, even later;
 * - resume(): held bytes flow again, in order; connections accepted by the blackhole are closed.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly links = new Set<Link>();
  private mode: Mode = 'open';
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(port = 0): Promise<void> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((done) => this.server!.listen(port, '127.0.0.1', done));
    this.port = (this.server.address() as { port: number }).port;
  }

  pause(): void {
    this.mode = 'paused';
  }

  blackhole(): void {
    this.mode = 'blackhole';
  }

  resume(): void {
    this.mode = 'open';
    for (const link of this.links) {
      if (!link.upstream) {
        link.client.destroy();
        continue;
      }
      for (const { to, chunk } of link.held.splice(0)) (to === 'client' ? link.client : link.upstream).write(chunk);
    }
  }

  /** Connections the proxy holds now (each a client socket and, unless blackholed, its upstream). */
  get connections(): number {
    return this.links.size;
  }

  async cut(): Promise<void> {
    for (const link of this.links) this.close(link);
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
    this.server = null;
  }

  private accept(client: Socket): void {
    const link: Link = { client, upstream: null, held: [] };
    this.links.add(link);
    client.on('error', () => this.close(link));
    client.on('close', () => this.close(link));
    client.on('data', (chunk) => this.forward(link, 'upstream', chunk));
    if (this.mode === 'blackhole') return;
    const upstream = connect(this.target.port, this.target.host);
    link.upstream = upstream;
    upstream.on('error', () => this.close(link));
    upstream.on('close', () => this.close(link));
    upstream.on('data', (chunk) => this.forward(link, 'client', chunk));
  }

  private forward(link: Link, to: 'client' | 'upstream', chunk: Buffer): void {
    if (this.mode !== 'open' || link.held.length > 0) link.held.push({ to, chunk });
    else if (to === 'client') link.client.write(chunk);
    else link.upstream?.write(chunk);
  }

  private close(link: Link): void {
    if (!this.links.delete(link)) return;
    link.client.destroy();
    link.upstream?.destroy();
  }
}
