import { InvalidArgumentError } from 'commander';
import { defineCommands } from '../cli/cli-commands.js';
import { AppConfig } from '../config/app-config.js';
import { prepareSchema } from '../database/database.module.js';
import { DEFAULT_SOURCE, PoiImportService, SOURCE_PATTERN } from './poi-import.service.js';
import { PoiModule } from './poi.module.js';

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
        await cli.run(async (app, dataSource) => {
          const applied = await prepareSchema(dataSource, app.get(AppConfig));
          if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
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
