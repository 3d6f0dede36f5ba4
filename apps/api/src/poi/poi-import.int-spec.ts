import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { Poi, createDataSource } from '@holibot/database';
import { SAMPLE_CATALOGUE } from '../../test/support/app.js';
import { eachDatabase } from '@holibot/database/testing';
import { FixedClock } from '../common/clock.js';
import { FileSystem } from '../common/effects/index.js';
import { AppConfig } from '../config/app-config.js';
import { ImportFileError } from './poi.errors.js';
import { PoiImportService } from './poi-import.service.js';

const sample = JSON.parse(readFileSync(SAMPLE_CATALOGUE, 'utf8'));

eachDatabase('poi-import', (database) => {
  let dataSource: DataSource;
  let importer: PoiImportService;
  beforeAll(async () => {
    dataSource = await (await createDataSource(database())).initialize();
    await dataSource.runMigrations();
    importer = new PoiImportService(dataSource, new FixedClock(new Date('2026-06-10T10:00:00Z')), AppConfig.fromEnv({}), new FileSystem());
  });
  afterAll(() => dataSource.destroy());

  it('loads the sample catalogue: at least 150 POIs over all nine categories', async () => {
    const report = await importer.importFile(SAMPLE_CATALOGUE, { source: 'sample' });
    expect(report.rejected).toEqual([]);
    expect(report.created).toBeGreaterThanOrEqual(150);
    const categories = await dataSource.getRepository(Poi).createQueryBuilder('p').select('DISTINCT p.category', 'category').getRawMany();
    expect(categories).toHaveLength(9);
  });

  it('a second import of the same file changes nothing; a changed feature is updated', async () => {
    const again = await importer.importCollection(sample, { source: 'sample' });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: sample.features.length });
    const changed = structuredClone(sample);
    changed.features[0].properties.name = 'Renamed Place';
    const report = await importer.importCollection(changed, { source: 'sample' });
    expect(report).toMatchObject({ created: 0, updated: 1 });
    expect(await dataSource.getRepository(Poi).countBy({ name: 'Renamed Place' })).toBe(1);
  });

  it('--replace takes out what the file no longer has; a rejected feature is reported, the rest imported', async () => {
    const subset = {
      type: 'FeatureCollection',
      features: [...sample.features.slice(0, 10), { type: 'Feature', id: 'x/1', geometry: null, properties: { name: 'Broken' } }],
    };
    const report = await importer.importCollection(subset, { source: 'sample', replace: true });
    expect(report.rejected).toEqual([{ index: 10, id: 'x/1', reason: 'geometry is not a Point' }]);
    expect(report.deactivated).toBe(sample.features.length - 10);
    expect(await dataSource.getRepository(Poi).countBy({ active: true })).toBe(10);
    const back = await importer.importCollection(sample, { source: 'sample' });
    expect(back.updated).toBe(sample.features.length - 10); // the others, reactivated
    expect(await dataSource.getRepository(Poi).countBy({ active: true })).toBe(sample.features.length);
  });

  it('--replace keeps a place whose feature is in the file but rejected this time, with its old data', async () => {
    const broken = structuredClone(sample);
    broken.features[3].properties.rating = 9;
    const report = await importer.importCollection(broken, { source: 'sample', replace: true });
    expect(report.rejected).toEqual([{ index: 3, id: sample.features[3].id, reason: 'rating must be a number from 0 to 5' }]);
    expect(report.deactivated).toBe(0);
    const kept = await dataSource.getRepository(Poi).findOneByOrFail({ source: 'sample', externalId: sample.features[3].id });
    expect(kept).toMatchObject({ active: true, rating: sample.features[3].properties.rating });

    // Closed for good: OpenStreetMap renames amenity to disused:amenity, and the place leaves.
    const closed = structuredClone(sample);
    const { amenity, ...rest } = closed.features[0].properties;
    closed.features[0].properties = { ...rest, 'disused:amenity': amenity };
    const after = await importer.importCollection(closed, { source: 'sample', replace: true });
    expect(after.rejected).toEqual([{ index: 0, id: sample.features[0].id, reason: expect.stringContaining('category'), unlisted: true }]);
    expect(after.deactivated).toBe(1);
    expect(await dataSource.getRepository(Poi).findOneByOrFail({ source: 'sample', externalId: sample.features[0].id })).toMatchObject({ active: false });
    await importer.importCollection(sample, { source: 'sample' });
  });

  it('--replace with no importable feature refuses, and the catalogue stays as it was', async () => {
    const before = await dataSource.getRepository(Poi).countBy({ active: true });
    await expect(importer.importCollection({ type: 'FeatureCollection', features: [] }, { replace: true })).rejects.toThrow(
      /--replace would empty the catalogue, so nothing was changed/,
    );
    const allBroken = { type: 'FeatureCollection', features: sample.features.slice(0, 3).map((f: any) => ({ ...f, geometry: null })) };
    await expect(importer.importCollection(allBroken, { source: 'sample', replace: true })).rejects.toThrow(ImportFileError);
    expect(await dataSource.getRepository(Poi).countBy({ active: true })).toBe(before);
  });

  it('values too large for their columns reject that feature alone, on MySQL as on SQLite', async () => {
    const big = structuredClone(sample.features.slice(0, 4));
    big.forEach((feature: any, i: number) => (feature.id = `big/${i}`));
    big[0].properties['addr:city'] = 'C'.repeat(101);
    big[1].properties.description = 'é'.repeat(40_000); // 80,000 bytes in UTF-8
    big[2].properties['addr:street'] = 'S'.repeat(300); // the address is cut to its column's 255 characters
    const report = await importer.importCollection({ type: 'FeatureCollection', features: big }, { source: 'big' });
    expect(report.rejected).toEqual([
      { index: 0, id: 'big/0', reason: 'addr:city is longer than 100 characters' },
      { index: 1, id: 'big/1', reason: 'too large for its column (over 65,535 bytes): description' },
    ]);
    expect(report.created).toBe(2);
    expect((await dataSource.getRepository(Poi).findOneByOrFail({ source: 'big', externalId: 'big/2' })).address).toHaveLength(255);
  });

  it('a file that is not JSON or not a FeatureCollection is refused whole, nothing stored changes', async () => {
    const before = await dataSource.getRepository(Poi).count();
    await expect(importer.importFile('package.json')).rejects.toThrow(ImportFileError);
    await expect(importer.importFile('/nonexistent/file.geojson')).rejects.toThrow(/cannot read/);
    expect(await dataSource.getRepository(Poi).count()).toBe(before);
  });
});
