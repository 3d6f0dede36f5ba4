import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderReport } from './report-html.js';
import type { LoadTestResults } from './results.js';

/** `20261202-143005` (UTC) for a run's folder. */
export function runFolderName(startedAt: Date): string {
  const iso = startedAt.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/**
 * Writes `<out>/<timestamp>/results.json` and `report.html`; a second run in the same second gets
 * `<timestamp>-2`. Returns the folder.
 */
export async function writeResultFiles(outDir: string, results: LoadTestResults): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const base = join(outDir, runFolderName(new Date(results.startedAt)));
  let folder = base;
  for (let n = 2; ; n++) {
    try {
      // Not recursive: an existing folder is an error, so two runs never share one.
      await mkdir(folder);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 100) throw error;
      folder = `${base}-${n}`;
    }
  }
  await writeFile(join(folder, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(folder, 'report.html'), renderReport(results));
  return folder;
}
