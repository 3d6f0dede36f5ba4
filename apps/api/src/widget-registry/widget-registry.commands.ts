import { resolve } from 'node:path';
import { cliActor, defineCommands } from '../cli/cli-commands.js';
import { FileSystem } from '../common/effects/index.js';
import { textTable } from '../common/text-table.js';
import { AppConfig, WIDGET_BUILD_DIR } from '../config/app-config.js';
import { prepareSchema, requireSchema } from '../database/database.module.js';
import { WidgetRegistryModule } from './widget-registry.module.js';
import { readWidgetBuild, type WidgetVersionView, WidgetRegistryService } from './widget-registry.service.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** `holibot widget publish|list|deploy|rollback`. */
export const widgetRegistryCommands = defineCommands({
  imports: [WidgetRegistryModule],
  register(program, cli) {
    const widget = program.command('widget').description('the <holi-bot> versions: publish a build, list, deploy, roll back');
    widget
      .command('publish')
      .description('store a built widget as a new version (not deployed yet); the patch number goes up unless --version is given')
      .argument('[dir]', 'the build folder: dist/widget/ of `npm run build`, or a folder of holi-bot.js, holi-bot-element.js and chunk-*.js', WIDGET_BUILD_DIR)
      .option('--version <X.Y.Z>', 'the version number (semantic versioning)')
      .option('--notes <text>', 'what changed, shown in the list and the admin UI')
      .action(async (dir: string, options: { version?: string; notes?: string }) => {
        await cli.run(async (app, dataSource) => {
          await prepareSchema(dataSource, app.get(AppConfig));
          const files = await readWidgetBuild(app.get(FileSystem), resolve(dir));
          const published = await app.get(WidgetRegistryService).publish(files, { ...cliActor(), version: options.version, notes: options.notes });
          console.log(
            `Published widget ${published.version}: ${published.files.length} files, ${kb(published.sizeRaw)} (${kb(published.sizeBrotli)} brotli, ${kb(published.sizeGzip)} gzip). Deploy it with: holibot widget deploy ${published.version}`,
          );
        });
      });
    widget
      .command('list')
      .description('every version, highest first: state, sizes, and per file its SHA-256 and SRI hash')
      .option('--json', 'print them as JSON')
      .action(async (options: { json?: boolean }) => {
        await cli.run(async (app, dataSource) => {
          await requireSchema(dataSource);
          const versions = await app.get(WidgetRegistryService).list();
          if (options.json) return console.log(JSON.stringify(versions, null, 2));
          if (versions.length === 0)
            return console.log('No widget version is published yet (the server publishes the built widget at start; or: holibot widget publish).');
          console.log(describe(versions));
        });
      });
    widget
      .command('deploy')
      .description('make a version the one /widget/holi-bot.js serves (running servers switch within seconds)')
      .argument('<version>', 'a version of `holibot widget list`')
      .action(async (version: string) => {
        await cli.run(async (app, dataSource) => {
          await prepareSchema(dataSource, app.get(AppConfig));
          const result = await app.get(WidgetRegistryService).deploy(version, cliActor());
          console.log(
            result.changed
              ? `Widget ${result.version} is active (was ${result.previousVersion ?? 'none'}).`
              : `Widget ${result.version} is the active version already.`,
          );
        });
      });
    widget
      .command('rollback')
      .description('deploy the version that was active before the current one')
      .action(async () => {
        await cli.run(async (app, dataSource) => {
          await prepareSchema(dataSource, app.get(AppConfig));
          const result = await app.get(WidgetRegistryService).rollback(cliActor());
          console.log(`Rolled back: widget ${result.version} is active (was ${result.previousVersion ?? 'none'}).`);
        });
      });
  },
});

function describe(versions: readonly WidgetVersionView[]): string {
  const table = textTable(
    ['version', 'state', 'published', 'by', 'size', 'brotli', 'gzip'],
    versions.map((v) => [
      `${v.active ? '* ' : '  '}${v.version}`,
      v.state,
      v.createdAt.slice(0, 16).replace('T', ' '),
      v.uploadedBy,
      kb(v.sizeRaw),
      kb(v.sizeBrotli),
      kb(v.sizeGzip),
    ]),
    new Set([4, 5, 6]),
  );
  const files = versions.map(
    (v) =>
      `${v.version}${v.notes ? ` — ${v.notes}` : ''}\n` +
      v.files.map((file) => `  ${file.name}  ${file.size} B  sha256 ${file.sha256}\n    integrity ${file.integrity}`).join('\n'),
  );
  return `${table}\n(* active)\n\n${files.join('\n\n')}`;
}
