import { parseFeatureCollection } from './geojson-features.js';
import { BUILT_IN_TAXONOMY, Taxonomy, classify } from './taxonomy.js';

const feature = (id: string | number | undefined, properties: Record<string, unknown>, coordinates: unknown = [0.05, 38.64]) => ({
  type: 'Feature',
  ...(id === undefined ? {} : { id }),
  geometry: { type: 'Point', coordinates },
  properties,
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('OSM tags → taxonomy', () => {
  it.each([
    [{ amenity: 'restaurant' }, 'Food & Drinks', 'Restaurants'],
    [{ natural: 'beach' }, 'Beaches & Nature', 'Beaches'],
    [{ tourism: 'museum' }, 'Culture & History', 'Museums'],
    [{ leisure: 'pitch', sport: 'tennis' }, 'Active', 'Tennis'],
    [{ shop: 'supermarket' }, 'Shopping', 'Supermarkets'],
    [{ leisure: 'marina' }, 'Recreation', 'Marinas'],
    [{ tourism: 'hotel' }, 'Accommodation', 'Hotels'],
    [{ amenity: 'atm' }, 'Practical', 'Banks & ATMs'],
    [{ amenity: 'pharmacy' }, 'Health & Wellbeing', 'Pharmacies'],
    [{ historic: 'castle' }, 'Culture & History', 'Historic sites'],
    [{ man_made: 'lighthouse' }, 'Culture & History', 'Historic sites'],
  ])('%j', (tags, category, subcategory) => {
    expect(classify(tags as Record<string, string>)).toMatchObject({ category, label: subcategory });
  });

  it('gives every facet of a feature: each key, each ";" value; a generic tag is not the primary when a specific one follows', () => {
    const labels = (tags: Record<string, string>, taxonomy = BUILT_IN_TAXONOMY) => taxonomy.facets(tags).map((facet) => facet.label);
    expect(labels({ shop: 'sports', sport: 'scuba_diving;snorkelling' })).toEqual(['Diving', 'Shops']);
    expect(labels({ route: 'hiking', leisure: 'nature_reserve', tourism: 'attraction' })).toEqual(['Hiking', 'Attractions', 'Nature reserves']);
    expect(labels({ amenity: 'restaurant;bar', cuisine: 'tapas' })).toEqual(['Restaurants', 'Bars']);
    expect(labels({ craft: 'winery', shop: 'wine' })).toEqual(['Wine & delicatessen']);
    expect(labels({ historic: 'tower', tourism: 'viewpoint' })).toEqual(['Viewpoints', 'Historic sites']);
    expect(labels({ route: 'mtb' })).toEqual(['Cycling']);
    expect(labels({ leisure: 'swimming_area' })).toEqual(['Beaches']);
    expect(labels({ tourism: 'picnic_site' })).toEqual(['Parks']);
    expect(labels({ amenity: 'bench' })).toEqual([]);
    // A destination's table: new tags, and a tag the built-in table maps elsewhere.
    const extended = new Taxonomy({ Diving: ['sport=freediving'], Viewpoints: ['tourism=picnic_site'] });
    expect(labels({ sport: 'freediving' }, extended)).toEqual(['Diving']);
    expect(labels({ tourism: 'picnic_site' }, extended)).toEqual(['Viewpoints']);
    expect(() => new Taxonomy({ Divng: ['sport=freediving'] })).toThrow(/"Divng" is not a subcategory/);
  });

  it('knows nothing of unmapped values', () => {
    expect(classify({ amenity: 'bench' })).toBeNull();
  });
});

describe('parseFeatureCollection', () => {
  it('maps tags, translations, flags and numbers', () => {
    const { records, rejected, warnings } = parseFeatureCollection(
      collection(
        feature('node/1', {
          name: 'Trattoria Test',
          'name:es': 'Trattoria Prueba',
          description: 'Pasta.',
          'description:de': 'Nudeln.',
          amenity: 'restaurant',
          cuisine: 'italian;Pizza',
          outdoor_seating: 'yes',
          wheelchair: 'limited',
          'diet:vegan': 'only',
          dog: 'leashed',
          fee: 'no',
          opening_hours: 'Mo-Su 12:00-23:00',
          website: 'https://trattoria.example',
          phone: '+34 965 00 00 00',
          'addr:street': 'Carrer de la Mar',
          'addr:housenumber': '5',
          'addr:postcode': '03710',
          'addr:city': 'Calpe',
          rating: 4.5,
          review_count: 120,
          price_level: 2,
        }),
      ),
    );
    expect(rejected).toEqual([]);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      externalId: 'node/1',
      name: 'Trattoria Test',
      nameI18n: { es: 'Trattoria Prueba' },
      descriptionI18n: { de: 'Nudeln.' },
      category: 'Food & Drinks',
      subcategory: 'Restaurants',
      cuisine: ['italian', 'pizza'],
      outdoorSeating: true,
      wheelchair: false,
      vegan: true,
      vegetarian: true,
      dogs: true,
      free: true,
      kids: null,
      address: 'Carrer de la Mar 5, 03710 Calpe',
      city: 'Calpe',
      latitude: 38.64,
      longitude: 0.05,
      rating: 4.5,
      reviewCount: 120,
      priceLevel: 2,
    });
  });

  it('rejects bad features one by one with index and reason, and keeps the good ones', () => {
    const { records, rejected } = parseFeatureCollection(
      collection(
        feature('node/1', { name: 'Good', amenity: 'cafe' }),
        feature(undefined, { name: 'No id', amenity: 'cafe' }),
        feature('node/3', { amenity: 'cafe' }),
        feature('node/4', { name: 'Bench', amenity: 'bench' }),
        feature('node/5', { name: 'Far', amenity: 'cafe' }, [200, 10]),
        feature('node/6', { name: 'Bad rating', amenity: 'cafe', rating: 9 }),
        feature('node/7', { name: 'Bad price', amenity: 'cafe', price_level: 7 }),
        feature('node/1', { name: 'Duplicate', amenity: 'cafe' }),
        { type: 'Feature', id: 'way/9', geometry: { type: 'LineString', coordinates: [] }, properties: { name: 'Line', amenity: 'cafe' } },
        'not a feature',
      ),
    );
    expect(records.map((r) => r.externalId)).toEqual(['node/1']);
    expect(rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, expect.stringContaining('no id')],
      [2, 'feature has no name'],
      [3, 'no HoliBot category for amenity=bench'],
      [4, 'coordinates out of range'],
      [5, expect.stringContaining('rating')],
      [6, expect.stringContaining('price_level')],
      [7, expect.stringContaining('duplicate')],
      [8, 'geometry is not a Point'],
      [9, 'not a GeoJSON Feature'],
    ]);
  });

  it('keeps a feature with unreadable opening hours or a non-http website, with a warning', () => {
    const { records, warnings } = parseFeatureCollection(
      collection(feature('node/1', { name: 'Odd', amenity: 'bar', opening_hours: 'whenever we like', website: 'javascript:alert(1)' })),
    );
    expect(records[0]).toMatchObject({ openingHours: null, website: null });
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('opening_hours'), expect.stringContaining('website')]);
  });

  it('refuses what is not a FeatureCollection', () => {
    expect(() => parseFeatureCollection({ type: 'Feature' })).toThrow(/FeatureCollection/);
  });
});
