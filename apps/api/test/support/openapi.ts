import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Validates an OpenAPI document with @apidevtools/swagger-parser (schema and references). In a
 * child Node process: the library's CommonJS requires an ES module, which Node loads and Jest's
 * module loader cannot. Resolves to null when valid, else the validator's message.
 */
export function openApiProblems(document: unknown): string | null {
  const file = join(mkdtempSync(join(tmpdir(), 'holibot-openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const script = `import('@apidevtools/swagger-parser').then((m) => m.default.validate(process.argv[1])).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); })`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, file], { encoding: 'utf8' });
  return result.status === 0 ? null : result.stderr.trim() || `validator exited with ${result.status}`;
}
