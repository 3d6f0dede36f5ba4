import { listeningInodesIn, parseProcessMetrics, parseProcReading } from './server-resources.js';

describe("reading the server's CPU and memory", () => {
  it('from /metrics: prom-client’s process metrics, with or without the holibot_ prefix', () => {
    const metrics = [
      '# HELP holibot_process_cpu_seconds_total Total user and system CPU time spent in seconds.',
      '# TYPE holibot_process_cpu_seconds_total counter',
      'holibot_process_cpu_seconds_total 12.345',
      'holibot_process_cpu_user_seconds_total 10.1',
      '# TYPE holibot_process_resident_memory_bytes gauge',
      'holibot_process_resident_memory_bytes 151265280',
      'holibot_http_requests_total{method="GET",route="/health/live",status="200"} 3',
    ].join('\n');
    expect(parseProcessMetrics(metrics)).toEqual({ cpuSeconds: 12.345, rssBytes: 151265280 });
    expect(parseProcessMetrics('process_cpu_seconds_total 1.5e0\nprocess_resident_memory_bytes 1e8\n')).toEqual({ cpuSeconds: 1.5, rssBytes: 1e8 });
    expect(parseProcessMetrics('holibot_process_cpu_seconds_total 1\n')).toBeNull();
    expect(parseProcessMetrics('<html>not metrics</html>')).toBeNull();
  });

  it('from /proc: the listening sockets of a port in /proc/net/tcp and tcp6', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:0BBA 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 123456 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:0BBA 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000  1000        0 222222 1 0000000000000000 20 4 30 10 -1',
      '   2: 00000000:0BBB 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 333333 1 0000000000000000 100 0 0 10 0',
      '   3: 00000000000000000000000000000000:0BBA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 444444 1',
    ].join('\n');
    // 0x0BBA = 3002; the established connection (01) and the other port are not it.
    expect([...listeningInodesIn(tcp, 3002)]).toEqual(['123456', '444444']);
    expect([...listeningInodesIn(tcp, 3003)]).toEqual(['333333']);
    expect(listeningInodesIn(tcp, 80).size).toBe(0);
  });

  it('from /proc: utime + stime in clock ticks, and VmRSS', () => {
    // A command name with spaces and a parenthesis: the fields are counted after its last ")".
    const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 567 0 0 20 0 11 0 98765 1234567890 45678 18446744073709551615';
    const status = 'Name:\tnode\nVmPeak:\t 1300000 kB\nVmRSS:\t  182736 kB\nThreads:\t11\n';
    expect(parseProcReading(stat, status)).toEqual({ cpuSeconds: 18.01, rssBytes: 182736 * 1024 });
    expect(parseProcReading(stat, 'Name:\tnode\n')).toBeNull();
  });
});
