import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { AuditLog, createDataSource, type DatabaseConfig, WidgetDeployment, WidgetVersion } from '@holibot/database';
import { databaseEnv, eachDatabase } from '@holibot/database/testing';
import { CommonModule } from '../common/common.module.js';
import { DomainError } from '../common/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { MetricsModule } from '../observability/metrics/metrics.module.js';
import type { WidgetFile } from './widget-files.js';
import { WidgetRegistryModule } from './widget-registry.module.js';
import { WidgetRegistryService } from './widget-registry.service.js';
import { WidgetServing } from './widget-serving.service.js';

const loader = (tag: string) => `(()=>{/*${tag}*/const u=new URL("holi-bot-element.js",document.currentScript.src);import(u.href)})();`;
const element = (tag: string) =>
  `import "./chunk-ES12AB34.js"; customElements.define("holi-bot", class extends HTMLElement {}); export const build = ${JSON.stringify(tag)};`;
/** A widget build whose files differ by `tag`. */
const build = (tag: string): WidgetFile[] => [
  { name: 'holi-bot.js', body: Buffer.from(loader(tag)) },
  { name: 'holi-bot-element.js', body: Buffer.from(element(tag)) },
  { name: 'chunk-ES12AB34.js', body: Buffer.from('export const es = { hello: "hola" };') },
];

/** The build in `npm run build`'s layout (dist/widget). */
function writeBuild(dir: string, tag: string): void {
  mkdirSync(join(dir, 'loader'), { recursive: true });
  mkdirSync(join(dir, 'element'), { recursive: true });
  writeFileSync(join(dir, 'loader/main.js'), loader(tag));
  writeFileSync(join(dir, 'element/main.js'), element(tag));
  writeFileSync(join(dir, 'element/chunk-ES12AB34.js'), 'export const es = { hello: "hola" };');
  writeFileSync(join(dir, 'element/stats.json'), '{}');
}

/** The registry module as the server has it, on its own connection to the database (closed with the module). */
async function registryContext(database: DatabaseConfig, env: Record<string, string> = {}) {
  const storeDir = mkdtempSync(join(tmpdir(), 'holibot-widgets-'));
  const config = AppConfig.fromEnv({ NODE_ENV: 'test', WIDGET_STORE_DIR: storeDir, ...databaseEnv(database), ...env });
  const dataSource = await (await createDataSource(config.database)).initialize();
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), CommonModule, DatabaseModule.forRoot(dataSource), MetricsModule.forRoot({ serve: false }), WidgetRegistryModule],
  })
    .setLogger({ log() {}, error() {}, warn() {}, debug() {}, verbose() {} })
    .compile();
  await module.init();
  return { module, storeDir, registry: module.get(WidgetRegistryService), serving: module.get(WidgetServing) };
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, message: (error as DomainError).message };
  }
  throw new Error('expected a refusal');
};

eachDatabase('widget registry', (database) => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await (await createDataSource(database())).initialize();
    await dataSource.runMigrations();
  });
  beforeEach(async () => {
    for (const entity of [WidgetVersion, WidgetDeployment, AuditLog]) await dataSource.getRepository(entity).clear();
  });
  afterAll(() => dataSource.destroy());

  it('publishes: checksums and SRI of the exact bytes, brotli and gzip copies on disk, the patch number counted up, duplicates refused', async () => {
    const { module, registry, storeDir } = await registryContext(database());
    try {
      const first = await registry.publish(build('a'), { actor: 'ops@calpe.example', notes: '  first  ' });
      expect(first).toMatchObject({ version: '1.0.0', state: 'available', active: false, notes: 'first', uploadedBy: 'ops@calpe.example', deployedAt: null });
      const record = first.files.find((file) => file.name === 'holi-bot-element.js')!;
      const onDisk = readFileSync(join(storeDir, '1.0.0', 'holi-bot-element.js'));
      expect(onDisk.toString()).toBe(element('a'));
      expect(record.sha256).toBe(createHash('sha256').update(onDisk).digest('hex'));
      expect(record.integrity).toBe(`sha384-${createHash('sha384').update(onDisk).digest('base64')}`);
      expect(gunzipSync(readFileSync(join(storeDir, '1.0.0', 'holi-bot-element.js.gz'))).equals(onDisk)).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(storeDir, '1.0.0', 'holi-bot-element.js.br'))).equals(onDisk)).toBe(true);
      expect(first.sizeRaw).toBe(first.files.reduce((total, file) => total + file.size, 0));

      expect(await failure(registry.publish(build('a'), { actor: 'x' }))).toEqual({
        code: 'WIDGET_VERSION_CONFLICT',
        message: 'these files are published already, as version 1.0.0',
      });
      expect((await registry.publish(build('b'), { actor: 'x' })).version).toBe('1.0.1');
      expect(await failure(registry.publish(build('c'), { actor: 'x', version: '1.0.1' }))).toMatchObject({ code: 'WIDGET_VERSION_CONFLICT' });
      expect(await failure(registry.publish(build('c'), { actor: 'x', version: '../1.0' }))).toMatchObject({ code: 'WIDGET_VERSION_INVALID' });
      expect(await failure(registry.publish(build('c').slice(1), { actor: 'x' }))).toMatchObject({ code: 'WIDGET_FILES_INVALID' });
      expect((await registry.publish(build('c'), { actor: 'x', version: '2.0.0-rc.1' })).version).toBe('2.0.0-rc.1');
      expect((await registry.publish(build('d'), { actor: 'x' })).version).toBe('2.0.0');
      expect((await registry.list()).map((v) => v.version)).toEqual(['2.0.0', '2.0.0-rc.1', '1.0.1', '1.0.0']);
      // Nothing half-written is left behind by the refusals.
      expect(existsSync(join(storeDir, '1.0.2'))).toBe(false);
      const audit = await dataSource.getRepository(AuditLog).find({ order: { id: 'ASC' } });
      expect(audit.map((row) => [row.action, row.target])).toEqual([
        ['widget.publish', '1.0.0'],
        ['widget.publish', '1.0.1'],
        ['widget.publish', '2.0.0-rc.1'],
        ['widget.publish', '2.0.0'],
      ]);
    } finally {
      await module.close();
    }
  });

  it('deploys by switching the pointer; rollback goes to the previous version; every switch is audited', async () => {
    const { module, registry } = await registryContext(database());
    try {
      for (const tag of ['a', 'b', 'c']) await registry.publish(build(tag), { actor: 'x' });
      expect(await failure(registry.rollback({ actor: 'x' }))).toMatchObject({ code: 'WIDGET_VERSION_CONFLICT' });
      expect(await failure(registry.deploy('9.9.9', { actor: 'x' }))).toMatchObject({ code: 'WIDGET_VERSION_NOT_FOUND' });
      expect(await registry.deploy('1.0.0', { actor: 'ops@calpe.example', ip: '192.0.2.7' })).toEqual({
        version: '1.0.0',
        previousVersion: null,
        changed: true,
      });
      expect(await registry.deploy('1.0.2', { actor: 'ops@calpe.example' })).toEqual({ version: '1.0.2', previousVersion: '1.0.0', changed: true });
      expect(await registry.deploy('1.0.2', { actor: 'ops@calpe.example' })).toMatchObject({ changed: false });
      const states = async () => Object.fromEntries((await registry.list()).map((v) => [v.version, `${v.state}${v.active ? '*' : ''}`]));
      expect(await states()).toEqual({ '1.0.2': 'active*', '1.0.1': 'available', '1.0.0': 'previous' });
      expect(await registry.rollback({ actor: 'cli:root' })).toEqual({ version: '1.0.0', previousVersion: '1.0.2', changed: true });
      expect(await states()).toEqual({ '1.0.2': 'previous', '1.0.1': 'available', '1.0.0': 'active*' });
      expect(await registry.active()).toMatchObject({ version: '1.0.0', previousVersion: '1.0.2', deployedBy: 'cli:root' });
      const audit = await dataSource
        .getRepository(AuditLog)
        .find({ where: [{ action: 'widget.deploy' }, { action: 'widget.rollback' }], order: { id: 'ASC' } });
      expect(audit.map((row) => [row.actor, row.action, row.detail, row.ip])).toEqual([
        ['ops@calpe.example', 'widget.deploy', 'none → 1.0.0', '192.0.2.7'],
        ['ops@calpe.example', 'widget.deploy', '1.0.0 → 1.0.2', null],
        ['cli:root', 'widget.rollback', '1.0.2 → 1.0.0', null],
      ]);
    } finally {
      await module.close();
    }
  });

  it('concurrent deploys, from two registries on the one database, leave exactly one active version, the one the pointer names', async () => {
    const one = await registryContext(database());
    const two = await registryContext(database(), { WIDGET_STORE_DIR: one.storeDir });
    try {
      for (const tag of ['a', 'b', 'c', 'd']) await one.registry.publish(build(tag), { actor: 'x' });
      const versions = ['1.0.0', '1.0.1', '1.0.2', '1.0.3'];
      await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? one : two).registry.deploy(versions[i % 4]!, { actor: `deployer-${i}` })));
      const rows = await dataSource.getRepository(WidgetVersion).find();
      const active = rows.filter((row) => row.state === 'active');
      expect(active).toHaveLength(1);
      expect(rows.filter((row) => row.state === 'previous')).toHaveLength(1);
      expect((await one.registry.active())!.version).toBe(active[0]!.version);
    } finally {
      await one.module.close();
      await two.module.close();
    }
  });

  it("serves the active version's loader pinned to its own element, any version's files as published, and follows deploys", async () => {
    const { module, registry, serving, storeDir } = await registryContext(database());
    const elsewhere = await registryContext(database(), { WIDGET_STORE_DIR: storeDir });
    try {
      await serving.start();
      expect(await serving.activeFile('holi-bot.js')).toBeNull();
      for (const tag of ['a', 'b']) await registry.publish(build(tag), { actor: 'x' });
      await registry.deploy('1.0.0', { actor: 'x' });
      // In this process: at once.
      expect(serving.activeVersion()).toBe('1.0.0');
      const pinned = (await serving.activeFile('holi-bot.js'))!;
      expect(pinned.body.toString()).toBe(loader('a').replace('"holi-bot-element.js"', '"v/1.0.0/holi-bot-element.js"'));
      expect(brotliDecompressSync(pinned.brotli).equals(pinned.body)).toBe(true);
      expect((await serving.activeFile('holi-bot-element.js'))!.body.toString()).toBe(element('a'));
      const asPublished = (await serving.versionFile('1.0.1', 'holi-bot.js'))!;
      expect(asPublished.body.toString()).toBe(loader('b'));
      for (const [version, name] of [
        ['1.0.9', 'holi-bot.js'],
        ['1.0.0', 'stats.json'],
        ['..', 'holi-bot.js'],
        ['1.0.0', '../1.0.1/holi-bot.js'],
      ] as const) {
        expect(await serving.versionFile(version, name)).toBeNull();
      }
      // Deployed by another process (the CLI, another instance): seen at the next look at the pointer.
      await elsewhere.registry.deploy('1.0.1', { actor: 'cli:root' });
      expect(serving.activeVersion()).toBe('1.0.0');
      await serving.refresh();
      expect(serving.activeVersion()).toBe('1.0.1');
      expect((await serving.activeFile('holi-bot.js'))!.body.toString()).toContain('"v/1.0.1/holi-bot-element.js"');
    } finally {
      await module.close();
      await elsewhere.module.close();
    }
  });

  it('at start: publishes and deploys a new build, leaves a known one alone, and honours WIDGET_VERSION', async () => {
    const buildDir = mkdtempSync(join(tmpdir(), 'holibot-build-'));
    writeBuild(buildDir, 'a');
    const { module, registry, storeDir } = await registryContext(database());
    try {
      await registry.startUp(buildDir);
      expect(await registry.active()).toMatchObject({ version: '1.0.0', deployedBy: 'system' });
      expect((await registry.get('1.0.0')).files.map((file) => file.name)).toEqual(['holi-bot.js', 'holi-bot-element.js', 'chunk-ES12AB34.js']);
      // A rollback to an operator's choice survives a restart with the same build.
      await registry.publish(build('z'), { actor: 'x' });
      await registry.deploy('1.0.1', { actor: 'x' });
      await registry.startUp(buildDir);
      expect((await registry.active())!.version).toBe('1.0.1');
      // An upgrade (a new build) ships its widget.
      writeBuild(buildDir, 'b');
      await registry.startUp(buildDir);
      expect(await registry.active()).toMatchObject({ version: '1.0.2', previousVersion: '1.0.1' });

      const pinned = await registryContext(database(), { WIDGET_STORE_DIR: storeDir, WIDGET_VERSION: '1.0.0' });
      await pinned.registry.startUp(buildDir);
      expect((await registry.active())!.version).toBe('1.0.0');
      await pinned.module.close();
      // A pin that names no version is logged; the active version stays.
      const unknown = await registryContext(database(), { WIDGET_STORE_DIR: storeDir, WIDGET_VERSION: '7.0.0' });
      await unknown.registry.startUp(buildDir);
      expect((await registry.active())!.version).toBe('1.0.0');
      await unknown.module.close();
      // No build at all: nothing changes, nothing throws.
      await registry.startUp(join(buildDir, 'nowhere'));
      expect((await registry.list()).length).toBe(3);
    } finally {
      await module.close();
      rmSync(buildDir, { recursive: true, force: true });
    }
  });

  it('refuses to deploy a version whose files are incomplete, and a start repairs a version whose folder the store lost', async () => {
    const buildDir = mkdtempSync(join(tmpdir(), 'holibot-build-'));
    writeBuild(buildDir, 'a');
    const { module, registry, storeDir } = await registryContext(database());
    try {
      await registry.startUp(buildDir);
      await registry.publish(build('b'), { actor: 'x' });
      rmSync(join(storeDir, '1.0.1', 'holi-bot-element.js.br'));
      expect(await failure(registry.deploy('1.0.1', { actor: 'x' }))).toMatchObject({
        code: 'WIDGET_VERSION_CONFLICT',
        message: expect.stringContaining('missing or incomplete'),
      });
      // A container recreated without its volume: the database remembers 1.0.0, the disk does not.
      rmSync(join(storeDir, '1.0.0'), { recursive: true });
      await registry.startUp(buildDir);
      expect(readFileSync(join(storeDir, '1.0.0', 'holi-bot-element.js'), 'utf8')).toBe(element('a'));
      expect(existsSync(join(storeDir, '1.0.0', 'holi-bot-element.js.br'))).toBe(true);
      expect((await registry.list()).map((v) => v.version)).toEqual(['1.0.1', '1.0.0']);
    } finally {
      await module.close();
      rmSync(buildDir, { recursive: true, force: true });
    }
  });
});
