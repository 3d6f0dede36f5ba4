import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Read permission for the file's group (0o040) or for everyone else (0o004). */
const READABLE_BY_OTHERS = 0o044;

/**
 * The warning for a `.env` that other users of the machine may read, or null (absent, not a
 * regular file, or readable by its owner only). `.env` holds the secrets (database password,
 * keys, tokens): the earlier system's guide said `chmod 600 .env`. The line names the file, its
 * mode in octal and the fix; never the contents. On Windows the mode bits mean nothing: null.
 */
export function envFileWarning(file = '.env', platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') return null;
  let mode: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return null;
    mode = stats.mode & 0o777;
  } catch {
    return null;
  }
  if ((mode & READABLE_BY_OTHERS) === 0) return null;
  const who = (mode & 0o040 ? ['its group'] : []).concat(mode & 0o004 ? ['every user of this machine'] : []).join(' and ');
  return `${resolve(file)} is readable by ${who} (mode ${mode.toString(8).padStart(4, '0')}), and it holds HoliBot's secrets: run chmod 600 ${file}`;
}

/** Logs the warning once, at start, when there is one (the server's logger, or the CLI's stderr). */
export function warnIfEnvFileReadable(warn: (message: string) => void, file = '.env'): void {
  const warning = envFileWarning(file);
  if (warning) warn(warning);
}
