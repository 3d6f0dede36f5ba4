import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { LogFilesHealth, ResilientFileTransport } from './log-files.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Today's name of a `%DATE%` file, as winston-daily-rotate-file writes it (local time). */
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

function loggerIn(dir: string, retryMs: number) {
  const reports: string[] = [];
  const health = new LogFilesHealth(dir, (line) => reports.push(line));
  const transport = new ResilientFileTransport(
    { dirname: dir, filename: 'combined-%DATE%.log', datePattern: 'YYYY-MM-DD', maxSize: '20m', format: winston.format.json() },
    health,
    retryMs,
  );
  const logger = winston.createLogger({ transports: [transport] });
  return { logger, health, reports, close: () => transport.close() };
}

describe('ResilientFileTransport', () => {
  it('a full disk (ENOSPC) drops lines with one report, then the files are tried again and work again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'holibot-logs-'));
    const file = join(dir, `combined-${today()}.log`);
    symlinkSync('/dev/full', file); // every write fails with ENOSPC, as on a full disk
    const { logger, health, reports, close } = loggerIn(dir, 200);
    try {
      for (let i = 0; i < 20; i += 1) logger.info(`line ${i}`);
      await wait(100);
      expect(health.state).toMatchObject({ failing: true, error: 'ENOSPC' });
      expect(reports).toHaveLength(1);
      expect(reports[0]).toContain(`LOG_DIR=${dir} cannot be written (ENOSPC`);

      rmSync(file); // space again
      await wait(300); // past the retry
      logger.info('after the disk was freed');
      await wait(2300); // past the trial
      expect(health.state.failing).toBe(false);
      expect(reports).toHaveLength(2);
      expect(reports[1]).toMatch(/written again \(\d+ lines went to the console only\)/);
      logger.info('one more');
      await wait(100);
      expect(readFileSync(file, 'utf8')).toContain('one more');
    } finally {
      close();
    }
  });

  it('a LOG_DIR that cannot be created (a file in the way) fails once, keeps failing quietly, never throws', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'holibot-logs-'));
    const dir = join(parent, 'not-a-folder');
    writeFileSync(dir, 'a file where the folder should be');
    const { logger, health, reports, close } = loggerIn(dir, 50);
    try {
      for (let i = 0; i < 10; i += 1) {
        logger.error(`line ${i}`);
        await wait(20);
      }
      expect(health.state.failing).toBe(true);
      expect(health.state.droppedLines).toBeGreaterThanOrEqual(10);
      expect(reports).toHaveLength(1);
    } finally {
      close();
    }
  });

  it('a working folder: no report, lines in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'holibot-logs-'));
    const { logger, health, reports, close } = loggerIn(dir, 50);
    logger.info('hello file');
    // The file transport writes asynchronously: wait for the line (a fixed 100 ms was too short on a loaded CI machine).
    const file = join(dir, `combined-${today()}.log`);
    const written = () => existsSync(file) && readFileSync(file, 'utf8').includes('hello file');
    for (const deadline = Date.now() + 5000; !written() && Date.now() < deadline;) await wait(50);
    close();
    expect(reports).toEqual([]);
    expect(health.state).toEqual({ failing: false, error: null, droppedLines: 0 });
    expect(readFileSync(file, 'utf8')).toContain('hello file');
  });
});
