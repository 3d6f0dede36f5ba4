import { existsSync, readFileSync, statSync } from 'node:fs';
import type { RunOptions, RunResult } from '../common/effects/index.js';
import { ScriptedProcessRunner } from '../common/effects/testing.js';
import { dumpMysql, loadMysql } from './database-dump.js';

const CONFIG = {
  type: 'mysql' as const,
  host: 'db.internal',
  port: 3307,
  user: 'holibot',
  password: 'p@ss "word" #1 = x',
  name: 'holibot',
  poolSize: 5,
  queryTimeoutMs: 5000,
};

/** Keeps what the option file held, and its mode, at the moment each program ran. */
class RecordingRunner extends ScriptedProcessRunner {
  readonly optionFiles: Array<{ path: string; text: string; mode: number }> = [];
  override run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult> {
    const path = args.find((arg) => arg.startsWith('--defaults-extra-file='))?.slice('--defaults-extra-file='.length);
    if (path) this.optionFiles.push({ path, text: readFileSync(path, 'utf8'), mode: statSync(path).mode & 0o777 });
    return super.run(command, args, options);
  }
}

describe('mysqldump and mysql invocations', () => {
  it('pass the credentials in a 0600 option file only, never as arguments, and delete it afterwards', async () => {
    const runner = new RecordingRunner([{ code: 0 }]);
    await dumpMysql(runner, CONFIG, '/backups/x/database.sql');
    const [run] = runner.runs;
    expect(run!.command).toBe('mysqldump');
    expect(run!.args).toEqual([
      expect.stringMatching(/^--defaults-extra-file=\/.+client\.cnf$/),
      '--single-transaction',
      '--quick',
      '--no-tablespaces',
      '--routines',
      '--skip-comments',
      '--result-file=/backups/x/database.sql',
      'holibot',
    ]);
    expect(run!.args.join(' ')).not.toContain(CONFIG.password);
    expect(run!.options.env).toBeUndefined();
    const [file] = runner.optionFiles;
    expect(file!.mode).toBe(0o600);
    expect(file!.text).toBe('[client]\nhost="db.internal"\nport=3307\nuser="holibot"\npassword="p@ss \\"word\\" #1 = x"\n');
    expect(existsSync(file!.path)).toBe(false);
  });

  it('falls back to mariadb-dump and mariadb where only those exist', async () => {
    const enoent = Object.assign(new Error('spawn mysqldump ENOENT'), { code: 'ENOENT' });
    const runner = new RecordingRunner([enoent, { code: 0 }, enoent, { code: 0 }]);
    await dumpMysql(runner, CONFIG, '/tmp/d.sql');
    await loadMysql(runner, CONFIG, '/tmp/d.sql');
    expect(runner.runs.map((run) => run.command)).toEqual(['mysqldump', 'mariadb-dump', 'mysql', 'mariadb']);
    const [, batch, database, e, script] = runner.runs[3]!.args;
    expect([batch, database, e]).toEqual(['--batch', 'holibot', '-e']);
    // Every table dropped first (foreign keys off), then the dump read by the client from its file.
    expect(script).toMatch(
      /^SET SESSION group_concat_max_len[\s\S]*SET FOREIGN_KEY_CHECKS = 0; PREPARE dropping FROM @drop; EXECUTE dropping;[\s\S]*;\nsource \/tmp\/d\.sql$/,
    );
  });

  it('report a failing program with its exit code and stderr; a missing client names what to install', async () => {
    await expect(dumpMysql(new RecordingRunner([{ code: 2, stderr: 'Access denied for user' }]), CONFIG, '/tmp/d.sql')).rejects.toThrow(
      'mysqldump exited with 2: Access denied for user',
    );
    const enoent = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    await expect(loadMysql(new RecordingRunner([enoent, enoent]), CONFIG, '/tmp/d.sql')).rejects.toThrow(/install the MySQL or MariaDB client/);
  });
});
