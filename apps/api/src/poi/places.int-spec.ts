import type { DataSource } from 'typeorm';
import { createDataSource, Poi } from '@holibot/database';
import { eachDatabase } from '@holibot/database/testing';
import { FixedClock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { PlacesService } from './places.service.js';

eachDatabase('places (admin catalogue)', (database) => {
  let dataSource: DataSource;
  let places: PlacesService;
  const clock = new FixedClock(new Date('2026-06-10T10:00:00Z'));

  beforeAll(async () => {
    dataSource = await (await createDataSource(database())).initialize();
    await dataSource.runMigrations();
    places = new PlacesService(dataSource, clock);
    const at = new Date('2026-06-01T00:00:00Z');
    const base = { source: 'test', latitude: 38.64, longitude: 0.05, tags: {}, active: true, createdAt: at, updatedAt: at };
    await dataSource.getRepository(Poi).insert([
      { ...base, externalId: '1', name: 'Bar 100% Natural', category: 'food', subcategory: 'bar', city: 'Calpe' },
      { ...base, externalId: '2', name: 'Bar_Central', category: 'food', subcategory: 'bar', city: 'Calp' },
      { ...base, externalId: '3', name: "Playa d'Ifach!", category: 'beach', subcategory: 'beach', city: 'Calpe', active: false },
    ]);
  });
  afterAll(() => dataSource.destroy());

  it('searches names, towns and kinds word by word; %, _ and ! are letters, not wildcards', async () => {
    const names = async (q: string, active?: boolean) => (await places.search({ q, active, limit: 10, offset: 0 })).places.map((p) => p.name);
    expect(await names('bar')).toEqual(['Bar 100% Natural', 'Bar_Central']);
    expect(await names('BAR calpe')).toEqual(['Bar 100% Natural']);
    expect(await names('100%')).toEqual(['Bar 100% Natural']);
    expect(await names('%')).toEqual(['Bar 100% Natural']);
    expect(await names('_')).toEqual(['Bar_Central']);
    expect(await names('ifach!')).toEqual(["Playa d'Ifach!"]);
    expect(await names("d'ifach")).toEqual(["Playa d'Ifach!"]);
    expect(await names('beach', true)).toEqual([]);
    expect(await names('', false)).toEqual(["Playa d'Ifach!"]);
    expect((await places.search({ limit: 2, offset: 2 })).total).toBe(3);
  });

  it('deactivates and reactivates a place; an unknown id is a 404', async () => {
    const [bar] = (await places.search({ q: 'central', limit: 1, offset: 0 })).places;
    expect((await places.setActive(bar!.id, false)).active).toBe(false);
    expect((await places.get(bar!.id)).active).toBe(false);
    expect((await places.setActive(bar!.id, true)).active).toBe(true);
    await expect(places.get(999_999)).rejects.toBeInstanceOf(DomainError);
  });
});
