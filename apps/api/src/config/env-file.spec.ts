import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envFileWarning, warnIfEnvFileReadable } from './env-file.js';

describe('a .env readable by others', () => {
  const dir = mkdtempSync(join(tmpdir(), 'holibot-env-file-'));
  const SECRET = 'DB_PASSWORD=the-database-password-itself';
  const file = (name: string, mode: number) => {
    const path = join(dir, name);
    writeFileSync(path, `${SECRET}\n`);
    chmodSync(path, mode);
    return path;
  };

  it.each([
    [0o644, '0644', 'its group and every user of this machine'],
    [0o640, '0640', 'its group'],
    [0o604, '0604', 'every user of this machine'],
    [0o664, '0664', 'its group and every user of this machine'],
    [0o444, '0444', 'its group and every user of this machine'],
  ])('mode %s: one line naming the file, its mode in octal and the fix, without the contents', (mode, octal, who) => {
    const path = file(`env-${octal}`, mode);
    const warning = envFileWarning(path, 'linux');
    expect(warning).toBe(`${path} is readable by ${who} (mode ${octal}), and it holds HoliBot's secrets: run chmod 600 ${path}`);
    expect(warning).not.toContain('the-database-password-itself');
    expect(warning).not.toContain('\n');
  });

  it.each([0o600, 0o400, 0o700, 0o200])('mode %s (the owner only): no warning', (mode) => {
    expect(envFileWarning(file(`env-owner-${mode.toString(8)}`, mode), 'linux')).toBeNull();
  });

  it('no .env, a folder named .env, or Windows (no mode bits): no warning', () => {
    expect(envFileWarning(join(dir, 'absent'), 'linux')).toBeNull();
    const folder = join(dir, 'folder');
    mkdirSync(folder, { mode: 0o755 });
    expect(envFileWarning(folder, 'linux')).toBeNull();
    expect(envFileWarning(file('env-windows', 0o644), 'win32')).toBeNull();
  });

  it("a symbolic link is judged by its target's mode (what a reader gets)", () => {
    const link = join(dir, 'link');
    symlinkSync(file('target', 0o644), link);
    expect(envFileWarning(link, 'linux')).toMatch(/^.*link is readable by .* \(mode 0644\)/);
    chmodSync(join(dir, 'target'), 0o600);
    expect(envFileWarning(link, 'linux')).toBeNull();
  });

  it('warnIfEnvFileReadable: calls warn once with the line, or not at all', () => {
    const lines: string[] = [];
    warnIfEnvFileReadable((line) => lines.push(line), file('env-warn', 0o644));
    warnIfEnvFileReadable((line) => lines.push(line), file('env-quiet', 0o600));
    expect(lines).toEqual([expect.stringMatching(/env-warn is readable by .*\(mode 0644\).*chmod 600/)]);
  });
});
