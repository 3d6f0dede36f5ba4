import { readdir, readFile, readlink } from 'node:fs/promises';
import { Pool } from 'undici';
import { isLoopbackHost, targetUrl } from './load-test-options.js';
import { USER_AGENT } from './traffic.js';

/** The server's CPU time and resident memory at one moment. */
export interface ResourceReading {
  cpuSeconds: number;
  rssBytes: number;
}

/** Where the readings come from, and how to take one (null when it failed). */
export interface ResourceSource {
  kind: 'metrics' | 'proc';
  /** For the report: which processes, or which endpoint. */
  description: string;
  processes: Array<{ pid: number; name: string }>;
  read(): Promise<ResourceReading | null>;
  close(): Promise<void>;
}

/** The settings of this machine's server that say where its metrics are (AppConfig.metrics). */
export interface MetricsSettings {
  token: string | null;
  port: number | null;
  host: string;
}

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 on every mainstream architecture). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * How to read the target server's CPU and memory, when the target is this machine (a loopback
 * address). First its own metrics — prom-client's `holibot_process_cpu_seconds_total` and
 * `holibot_process_resident_memory_bytes` — on the target with METRICS_TOKEN or on the
 * METRICS_PORT listener, as this machine's configuration gives them (the token is never sent
 * to another host); else /proc of the processes holding the target port's listening socket
 * (utime + stime of /proc/<pid>/stat, VmRSS of /proc/<pid>/status; summed when several share
 * it, as a cluster does). Null with the reason when neither works.
 */
export async function findResourceSource(target: URL, metrics: MetricsSettings, side: Pool): Promise<{ source: ResourceSource | null; note: string }> {
  if (!isLoopbackHost(target.hostname)) return { source: null, note: 'not read: the target is not this machine' };
  const tried: string[] = [];
  const fromMetrics = await metricsSource(target, metrics, side, tried);
  if (fromMetrics) return { source: fromMetrics, note: `read from ${fromMetrics.description}` };
  const fromProc = await procSource(Number(target.port || (target.protocol === 'https:' ? 443 : 80)), tried);
  if (fromProc) return { source: fromProc, note: `read from ${fromProc.description}` };
  return { source: null, note: `not read: ${tried.join('; ')}` };
}

async function metricsSource(target: URL, settings: MetricsSettings, side: Pool, tried: string[]): Promise<ResourceSource | null> {
  const candidates: Array<{ pool: Pool; owned: boolean; path: string; headers: Record<string, string>; description: string }> = [];
  if (settings.token) {
    candidates.push({
      pool: side,
      owned: false,
      path: targetUrl(target, '/metrics').pathname,
      headers: { authorization: `Bearer ${settings.token}` },
      description: `${targetUrl(target, '/metrics').href} (METRICS_TOKEN)`,
    });
  }
  if (settings.port) {
    const host = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
    const origin = `http://${host.includes(':') ? `[${host}]` : host}:${settings.port}`;
    if (isLoopbackHost(new URL(origin).hostname)) {
      candidates.push({
        pool: new Pool(origin, { connections: 1 }),
        owned: true,
        path: '/metrics',
        headers: {},
        description: `${origin}/metrics (METRICS_PORT)`,
      });
    }
  }
  if (candidates.length === 0) tried.push('no METRICS_TOKEN or METRICS_PORT in this configuration');
  for (const candidate of candidates) {
    const read = async (): Promise<ResourceReading | null> => {
      try {
        const response = await candidate.pool.request({
          method: 'GET',
          path: candidate.path,
          headers: { 'user-agent': USER_AGENT, ...candidate.headers },
          signal: AbortSignal.timeout(3000),
        });
        const text = await response.body.text();
        return response.statusCode === 200 ? parseProcessMetrics(text) : null;
      } catch {
        return null;
      }
    };
    if (await read()) {
      return {
        kind: 'metrics',
        description: candidate.description,
        processes: [],
        read,
        close: async () => (candidate.owned ? candidate.pool.destroy() : undefined),
      };
    }
    tried.push(`${candidate.description} gave no process metrics`);
    if (candidate.owned) await candidate.pool.destroy();
  }
  return null;
}

/** prom-client's process metrics from a /metrics text, with or without the holibot_ prefix; null when either is missing. */
export function parseProcessMetrics(text: string): ResourceReading | null {
  const value = (name: string) => {
    const match = new RegExp(`^(?:holibot_)?${name}(?:\\{[^}]*\\})?\\s+([-+0-9.eE]+)\\s*$`, 'm').exec(text);
    return match ? Number(match[1]) : Number.NaN;
  };
  const cpuSeconds = value('process_cpu_seconds_total');
  const rssBytes = value('process_resident_memory_bytes');
  return Number.isFinite(cpuSeconds) && Number.isFinite(rssBytes) ? { cpuSeconds, rssBytes } : null;
}

async function procSource(port: number, tried: string[]): Promise<ResourceSource | null> {
  const inodes = await listeningInodes(port);
  if (inodes === null) {
    tried.push('no /proc (not Linux)');
    return null;
  }
  if (inodes.size === 0) {
    tried.push(`no socket listens on port ${port} in this network namespace (a container?)`);
    return null;
  }
  const pids = await pidsHolding(inodes);
  if (pids.length === 0) {
    tried.push(`the process listening on port ${port} is not readable (another user's?)`);
    return null;
  }
  const processes = await Promise.all(pids.map(async (pid) => ({ pid, name: (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')).trim() })));
  const read = async (): Promise<ResourceReading | null> => {
    const readings = await Promise.all(pids.map((pid) => procReading(pid)));
    if (readings.some((reading) => reading === null)) return null;
    return readings.reduce<ResourceReading>((sum, r) => ({ cpuSeconds: sum.cpuSeconds + r!.cpuSeconds, rssBytes: sum.rssBytes + r!.rssBytes }), {
      cpuSeconds: 0,
      rssBytes: 0,
    });
  };
  const names = processes.map((p) => `${p.pid} ${p.name}`).join(', ');
  return {
    kind: 'proc',
    description: `/proc of the process${pids.length > 1 ? 'es' : ''} listening on port ${port} (pid ${names})`,
    processes,
    read,
    close: async () => undefined,
  };
}

/** Inodes of the sockets listening on `port` (/proc/net/tcp and tcp6, state 0A); null without /proc. */
async function listeningInodes(port: number): Promise<Set<string> | null> {
  const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFile(file, 'utf8').catch(() => null)));
  if (tables.every((table) => table === null)) return null;
  return listeningInodesIn(tables.filter((table): table is string => table !== null).join('\n'), port);
}

/** The inodes of listening sockets on `port` in /proc/net/tcp(6) text. */
export function listeningInodesIn(table: string, port: number): Set<string> {
  const inodes = new Set<string>();
  for (const line of table.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    if (fields.length < 10 || fields[3] !== '0A') continue;
    const localPort = parseInt(fields[1]!.split(':').pop()!, 16);
    if (localPort === port && fields[9] !== '0') inodes.add(fields[9]!);
  }
  return inodes;
}

async function pidsHolding(inodes: Set<string>): Promise<number[]> {
  const wanted = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  const pids: number[] = [];
  const entries = await readdir('/proc').catch(() => [] as string[]);
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      if (wanted.has(link)) {
        pids.push(Number(entry));
        break;
      }
    }
  }
  return pids;
}

async function procReading(pid: number): Promise<ResourceReading | null> {
  try {
    const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
    return parseProcReading(stat, status);
  } catch {
    return null;
  }
}

/** CPU seconds (utime + stime) from /proc/<pid>/stat and VmRSS from /proc/<pid>/status. */
export function parseProcReading(stat: string, status: string): ResourceReading | null {
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of the line are the 12th and 13th after the name.
  const utime = Number(after[11]);
  const stime = Number(after[12]);
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!Number.isFinite(utime) || !Number.isFinite(stime) || !rss) return null;
  return { cpuSeconds: (utime + stime) / CLOCK_TICKS_PER_SECOND, rssBytes: Number(rss[1]) * 1024 };
}
