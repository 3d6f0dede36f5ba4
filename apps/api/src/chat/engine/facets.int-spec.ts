import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Poi } from '@holibot/database';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { chatContext } from '../../../test/support/chat-context.js';

/** A catalogue of Xàbia tagged as OpenStreetMap contributors tag: several keys, `;` lists, route=*, craft=*. */
const XABIA = resolve('apps/api/test/fixtures/xabia-osm.geojson');

async function chatOn(env: Record<string, string>) {
  const context = await chatContext({ database: freshSqliteDatabase(), now: new Date('2026-06-02T09:00:00Z'), env: { POI_AUTOLOAD_FILE: XABIA, ...env } });
  return {
    dataSource: context.dataSource,
    /** The names of the places the answer shows. */
    async names(query: string): Promise<string[]> {
      const { data } = await context.chat.handle({ query, language: 'en' }, null);
      return data.pois.map((poi) => poi.name);
    },
    close: () => context.close(),
  };
}

describe('places have every facet their OpenStreetMap tags give', () => {
  let xabia: Awaited<ReturnType<typeof chatOn>>;
  beforeAll(async () => {
    xabia = await chatOn({});
  });
  afterAll(() => xabia?.close());

  it('a dive centre tagged shop=sports + sport=scuba_diving;snorkelling is a dive centre (its primary kind) and is found for diving in every language', async () => {
    const diveCentre = await xabia.dataSource.getRepository(Poi).findOneByOrFail({ name: 'Blue Xàbia Dive Centre' });
    expect(diveCentre).toMatchObject({ category: 'Active', subcategory: 'Diving' });
    for (const question of ['where can I go snorkeling or diving?', '¿dónde puedo bucear?', 'Wo kann man tauchen?', 'waar kan ik duiken?']) {
      expect(await xabia.names(question)).toContain('Blue Xàbia Dive Centre');
    }
  });

  it('a trail tagged route=hiking + leisure=nature_reserve + tourism=attraction is found for hiking and for nature', async () => {
    expect(await xabia.names('hiking trails')).toContain('Ruta del Montgó');
    expect(await xabia.names('is there a nature reserve?')).toEqual(expect.arrayContaining(['Ruta del Montgó', 'Parc Natural del Montgó']));
  });

  it('route=mtb is cycling, craft=winery and craft=brewery are wine and beer places, a picnic site is a park, a watch tower with a view is a viewpoint', async () => {
    expect(await xabia.names('mountain bike routes')).toContain('Ruta BTT Les Planes');
    expect(await xabia.names('wineries')).toEqual(expect.arrayContaining(['Celler Les Freses', 'Cervesa Artesana del Port']));
    expect(await xabia.names('a place for a picnic')).toContain('Merendero del Cap de Sant Antoni');
    expect(await xabia.names('viewpoints')).toContain('Torre de Cap Prim');
    expect(await xabia.names('historic monuments and heritage')).toEqual(expect.arrayContaining(['Torre de Cap Prim', 'Molins de la Plana']));
    // The brewery's bar is a bar as well.
    expect(await xabia.names('bars')).toContain('Cervesa Artesana del Port');
  });

  it('POI_TAXONOMY_FILE: a destination adds tags without code; they count at import and at search', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'holibot-taxonomy-'));
    const file = join(dir, 'taxonomy.json');
    writeFileSync(file, JSON.stringify({ 'Spas & wellness': ['natural=spring'], Viewpoints: ['tourism=picnic_site'] }));
    const extended = await chatOn({ POI_TAXONOMY_FILE: file });
    try {
      // The spring was a nature reserve by the built-in table; the destination maps it to wellness.
      expect(await extended.dataSource.getRepository(Poi).findOneByOrFail({ name: 'Font de la Fontana' })).toMatchObject({ subcategory: 'Spas & wellness' });
      expect(await xabia.dataSource.getRepository(Poi).findOneByOrFail({ name: 'Font de la Fontana' })).toMatchObject({ subcategory: 'Nature reserves' });
      expect(await extended.names('spa and wellness')).toContain('Font de la Fontana');
      // A tag the built-in table maps elsewhere (picnic site → park) follows the destination's table.
      expect(await extended.names('viewpoints')).toContain('Merendero del Cap de Sant Antoni');
      expect(await extended.names('a place for a picnic')).not.toContain('Merendero del Cap de Sant Antoni');
    } finally {
      await extended.close();
    }
  });
});

describe('town names as visitors write them', () => {
  it('one town however the catalogue writes it: accents and case folded, a bilingual value, spellings sharing a postcode', async () => {
    const plain = await chatOn({});
    try {
      // addr:city "Xàbia", "Xàbia/Jávea" and "Jávea" (both 03730) are one town, shown as most places write it.
      const restaurants = await plain.names('restaurants in Xabia');
      expect(restaurants).toEqual(expect.arrayContaining(['Restaurant El Moll', 'Restaurante El Rebost']));
      expect(await plain.names('restaurants in Jávea')).toEqual(restaurants);
      expect(await plain.names('Restaurants in JAVEA')).toEqual(restaurants);
      const pharmacies = await plain.names('pharmacies in Xàbia');
      expect(pharmacies).toEqual(expect.arrayContaining(['Farmàcia Bertomeu', 'Farmàcia Arenal']));
      expect(await plain.names('supermarkets in Javea')).toEqual(expect.arrayContaining(['Mercadona', 'Masymas Arenal']));
      // A name the catalogue never writes is a town it does not have.
      expect(await plain.names('restaurants in Poble Nou')).toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('DESTINATION_ALIASES: another name of a town the catalogue has ("Poble Nou" for Benitatxell) asks for that town', async () => {
    const aliased = await chatOn({ DESTINATION_ALIASES: 'Poble Nou=Benitatxell' });
    try {
      const restaurants = await aliased.names('restaurants in Benitatxell');
      expect(restaurants).toEqual(expect.arrayContaining(['Restaurant Cumbre Sunset', 'Tasca El Poble']));
      expect(await aliased.names('restaurants in Poble Nou')).toEqual(restaurants);
    } finally {
      await aliased.close();
    }
  });
});
