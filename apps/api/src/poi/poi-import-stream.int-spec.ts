import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, FindOptionsWhere } from 'typeorm';
import { Poi, createDataSource } from '@holibot/database';
import { eachDatabase } from '@holibot/database/testing';
import { FixedClock } from '../common/clock.js';
import { FileSystem } from '../common/effects/index.js';
import { AppConfig } from '../config/app-config.js';
import { ImportFileError } from './poi.errors.js';
import { PoiImportService } from './poi-import.service.js';

/** A file of `count` OSM-like features, one per line, so that a line number names a feature. */
function generated(count: number, change: (properties: Record<string, unknown>, i: number) => void = () => {}): string {
  const kinds = [
    ['amenity', 'restaurant'],
    ['amenity', 'cafe'],
    ['tourism', 'museum'],
    ['natural', 'beach'],
    ['shop', 'supermarket'],
  ] as const;
  const hours = ['Mo-Su 12:00-23:00', 'Mo-Fr 09:00-14:00,17:00-20:30; Sa 09:00-14:00', '24/7', 'Tu-Su 10:00-19:00; Mo off'];
  const lines = Array.from({ length: count }, (_, i) => {
    const [key, value] = kinds[i % kinds.length]!;
    const properties: Record<string, unknown> = {
      name: `Lloc ${i} — “${value}”`,
      'name:es': `Lugar ${i}`,
      [key]: value,
      opening_hours: hours[i % hours.length],
      'addr:street': 'Avinguda Gabriel Miró',
      'addr:housenumber': String(i % 90),
      'addr:city': 'Calp',
      rating: (i % 5) + 0.5,
    };
    change(properties, i);
    return JSON.stringify({
      type: 'Feature',
      id: `node/${7_000_000 + i}`,
      geometry: { type: 'Point', coordinates: [0.04 + (i % 100) / 1e4, 38.63 + i / 1e6] },
      properties,
    });
  });
  return `{"type": "FeatureCollection", "features": [\n${lines.join(',\n')}\n]}\n`;
}

const COUNT = 4000;

eachDatabase('poi-import-stream', (database) => {
  let dataSource: DataSource;
  let importer: PoiImportService;
  let dir: string;
  const count = (where: FindOptionsWhere<Poi> = {}) => dataSource.getRepository(Poi).countBy(where);
  const snapshot = async () =>
    (await dataSource.getRepository(Poi).find({ order: { id: 'ASC' } })).map(({ id, source, externalId, name, active, rating, updatedAt }) => ({
      id,
      source,
      externalId,
      name,
      active,
      rating,
      updatedAt: updatedAt.getTime(),
    }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'holibot-import-stream-'));
    dataSource = await (await createDataSource(database())).initialize();
    await dataSource.runMigrations();
    importer = new PoiImportService(dataSource, new FixedClock(new Date('2026-06-10T10:00:00Z')), AppConfig.fromEnv({}), new FileSystem());
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`streams a file of ${COUNT.toLocaleString('en')} features into the table, with progress for each phase, and again unchanged`, async () => {
    const file = write('catalogue.geojson', generated(COUNT));
    const progress: string[] = [];
    const report = await importer.importFile(file, { source: 'osm', onProgress: (phase, done, total) => progress.push(`${phase} ${done}/${total}`) });
    expect(report).toMatchObject({ file, source: 'osm', total: COUNT, created: COUNT, updated: 0, unchanged: 0, rejected: [], warnings: [] });
    expect(await count({ source: 'osm', active: true })).toBe(COUNT);
    expect(progress.filter((line) => line.startsWith('checking'))).toEqual([
      'checking 1000/4000',
      'checking 2000/4000',
      'checking 3000/4000',
      'checking 4000/4000',
    ]);
    expect(progress.filter((line) => line.startsWith('storing'))).toHaveLength(COUNT / 200);
    expect(progress.at(-1)).toBe('storing 4000/4000');
    const stored = await dataSource.getRepository(Poi).findOneByOrFail({ source: 'osm', externalId: 'node/7000007' });
    expect(stored).toMatchObject({ name: 'Lloc 7 — “museum”', nameI18n: { es: 'Lugar 7' }, city: 'Calp', rating: 2.5, category: 'Culture & History' });

    expect(await importer.importFile(file, { source: 'osm' })).toMatchObject({ created: 0, updated: 0, unchanged: COUNT });
  });

  it('a file cut short, or broken inside a feature halfway, is refused naming where, and nothing stored changes', async () => {
    const before = await snapshot();
    const changed = generated(COUNT, (properties) => (properties['name'] = 'Renamed'));

    const truncated = write('truncated.geojson', changed.slice(0, Math.floor(changed.length * 0.6)));
    const cut = importer.importFile(truncated, { source: 'osm', replace: true });
    await expect(cut).rejects.toThrow(ImportFileError);
    await expect(cut).rejects.toThrow(
      new RegExp(`^${truncated} is not valid JSON: .* at line \\d+, column \\d+, in feature #\\d+ — the file ends there: is it cut short\\?$`),
    );

    // Feature #2500 (line 2502 of the file: the first line opens the collection) loses a comma between two properties.
    const lines = changed.split('\n');
    lines[2501] = lines[2501]!.replace(',"name:es"', ' "name:es"');
    const broken = write('broken.geojson', lines.join('\n'));
    await expect(importer.importFile(broken, { source: 'osm' })).rejects.toThrow(
      new RegExp(`^${broken} is not valid JSON: expected ',' at line 2502, column \\d+, in feature #2500$`),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('a bad feature halfway is rejected alone (index and reason), the rest imported', async () => {
    const file = write(
      'one-bad.geojson',
      generated(COUNT, (properties, i) => {
        if (i === 2500) properties['rating'] = 'five stars';
        properties['name'] = `Renamed ${i}`;
      }),
    );
    const report = await importer.importFile(file, { source: 'osm' });
    expect(report.rejected).toEqual([{ index: 2500, id: 'node/7002500', reason: 'rating must be a number from 0 to 5' }]);
    expect(report).toMatchObject({ created: 0, updated: COUNT - 1, unchanged: 0 });
    expect((await dataSource.getRepository(Poi).findOneByOrFail({ source: 'osm', externalId: 'node/7002500' })).name).toBe('Lloc 2500 — “restaurant”');
    expect(await count({ name: 'Renamed 2501' })).toBe(1);
  });

  it('a file that changes between its check and its store is refused, and the store rolled back', async () => {
    const before = await snapshot();
    const file = write(
      'moving.geojson',
      generated(COUNT, (properties) => (properties['name'] = 'Moved')),
    );
    // The second stat (before the commit) sees another modification time, as after an editor's save.
    let stats = 0;
    const files = new (class extends FileSystem {
      override async stat(path: string) {
        const stat = await super.stat(path);
        return ++stats === 1 ? stat : { ...stat, modifiedAt: new Date(stat.modifiedAt.getTime() + 1000) };
      }
    })();
    const moving = new PoiImportService(dataSource, new FixedClock(new Date('2026-06-11T10:00:00Z')), AppConfig.fromEnv({}), files);
    await expect(moving.importFile(file, { source: 'osm', replace: true })).rejects.toThrow(
      `${file} changed while it was being imported: nothing was changed, run the import again`,
    );
    expect(stats).toBe(2);
    expect(await snapshot()).toEqual(before);
  });

  it('--replace streams the table by pages: everything the file does not list leaves, the rest stays', async () => {
    const file = write('half.geojson', generated(COUNT / 2));
    const report = await importer.importFile(file, { source: 'osm', replace: true });
    expect(report).toMatchObject({ total: COUNT / 2, deactivated: COUNT / 2 });
    expect(await count({ active: true })).toBe(COUNT / 2);
    expect(await count({ active: false })).toBe(COUNT / 2);
  });
});
