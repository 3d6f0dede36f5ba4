import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { InvalidArgumentError } from 'commander';
import { defineCommands } from '../cli/cli-commands.js';
import { AppConfig } from '../config/app-config.js';
import { prepareSchema } from '../database/database.module.js';
import { DEFAULT_SOURCE, PoiImportService, SOURCE_PATTERN } from './poi-import.service.js';
import { PoiModule } from './poi.module.js';

/** How far V8 lets the heap grow past what is live before a full collection, during `poi import` (see there). */
const IMPORT_HEAP_GROWING_PERCENT = 50;

/**
 * One full collection now, so that the next limit follows the flag above: a limit V8 set during
 * the start-up, before the flag, can let the heap grow to ~170 MB once (seen on about half the
 * MariaDB runs of the benchmark: 270–310 MB of RSS instead of ~220). The command runs without
 * --expose-gc; V8 hands gc() to a new context once the flag is set.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** `holibot poi import <file> [--replace] [--source NAME]`. */
export const poiCommands = defineCommands({
  imports: [PoiModule],
  register(program, cli) {
    const poi = program.command('poi').description('the POI catalogue');
    poi
      .command('import')
      .description('load a GeoJSON FeatureCollection of Point features with OpenStreetMap tags (upsert by feature id)')
      .argument('<file>', 'GeoJSON file')
      .option('--replace', 'deactivate every POI that is not in this file')
      .option(
        '--source <name>',
        'namespace of the feature ids',
        (value: string) => {
          if (!SOURCE_PATTERN.test(value)) throw new InvalidArgumentError('use 1–50 letters, digits, dots, dashes or underscores');
          return value;
        },
        DEFAULT_SOURCE,
      )
      .action(async (file: string, options: { replace?: boolean; source: string }) => {
        // The import streams the file: what it keeps is the features' ids and one batch. But V8
        // lets the old generation grow to ~4 times what is live before it collects it whole,
        // and the command's live heap (Nest, TypeORM, the opening_hours tables: ~55 MB) made
        // that ~340 MB of RSS for 100,000 features. Growing by half instead holds it near
        // 220 MB, at no measurable cost in time (tools/bench/import-bench.mjs). The flag is read
        // at each full collection; set before the start-up's, it concerns this process only, which
        // ends with the command.
        setFlagsFromString(`--heap-growing-percent=${IMPORT_HEAP_GROWING_PERCENT}`);
        await cli.run(async (app, dataSource) => {
          const applied = await prepareSchema(dataSource, app.get(AppConfig));
          if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
          collectGarbage();
          const interactive = process.stderr.isTTY;
          const report = await app.get(PoiImportService).importFile(file, {
            source: options.source,
            replace: options.replace ?? false,
            onProgress: (phase, done, total) => {
              if (total < 1000) return;
              const line = `${phase === 'checking' ? 'Checking features' : 'Storing places  '}… ${done}/${total} (${Math.round((done / total) * 100)}%)`;
              process.stderr.write(interactive ? `\r${line}` : `${line}\n`);
              if (interactive && done === total) process.stderr.write('\n');
            },
          });
          for (const rejection of report.rejected) {
            console.error(`  rejected feature #${rejection.index}${rejection.id ? ` (${rejection.id})` : ''}: ${rejection.reason}`);
          }
          for (const warning of report.warnings) console.error(`  warning, feature #${warning.index} (${warning.id}): ${warning.message}`);
          console.log(
            `Imported ${file} (source "${report.source}"): ${report.total} features — ${report.created} created, ${report.updated} updated, ` +
              `${report.unchanged} unchanged, ${report.rejected.length} skipped${options.replace ? `, ${report.deactivated} removed from the catalogue` : ''}.`,
          );
        });
      });
  },
});
