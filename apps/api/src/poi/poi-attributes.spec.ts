import { type AttributeColumns, poiAttribute, poiHasAttribute } from './poi-attributes.js';

const poi = (over: Partial<AttributeColumns>): AttributeColumns => ({
  outdoorSeating: null,
  wheelchair: null,
  vegetarian: null,
  vegan: null,
  dogs: null,
  kids: null,
  free: null,
  priceLevel: null,
  tags: {},
  ...over,
});

describe('poiAttribute: what the stored data says, yes, no or nothing', () => {
  it('reads the OSM tags tourists ask about: internet_access, air_conditioning, reservation, delivery, takeaway', () => {
    expect(poiAttribute(poi({ tags: { internet_access: 'wlan' } }), 'wifi')).toBe(true);
    expect(poiAttribute(poi({ tags: { internet_access: 'no' } }), 'wifi')).toBe(false);
    expect(poiAttribute(poi({ tags: { internet_access: 'terminal' } }), 'wifi')).toBeNull();
    expect(poiAttribute(poi({ tags: { air_conditioning: 'yes' } }), 'airConditioning')).toBe(true);
    expect(poiAttribute(poi({ tags: { reservation: 'recommended' } }), 'reservation')).toBe(true);
    expect(poiAttribute(poi({ tags: { delivery: 'no' } }), 'delivery')).toBe(false);
    expect(poiAttribute(poi({ tags: { takeaway: 'only' } }), 'takeaway')).toBe(true);
    expect(poiAttribute(poi({}), 'takeaway')).toBeNull();
  });

  it('a changing table, a high chair or a playground is family friendly unless kids_area says otherwise', () => {
    expect(poiHasAttribute(poi({ tags: { changing_table: 'yes' } }), 'kids')).toBe(true);
    expect(poiHasAttribute(poi({ tags: { highchair: 'yes' } }), 'kids')).toBe(true);
    expect(poiAttribute(poi({ kids: false, tags: { highchair: 'yes' } }), 'kids')).toBe(false);
    expect(poiAttribute(poi({ tags: { highchair: 'no' } }), 'kids')).toBeNull();
  });

  it('prices: cheap up to €€, expensive from €€€, unknown without a price', () => {
    expect([poiAttribute(poi({ priceLevel: 2 }), 'cheap'), poiAttribute(poi({ priceLevel: 3 }), 'cheap'), poiAttribute(poi({}), 'cheap')]).toEqual([
      true,
      false,
      null,
    ]);
    expect(poiHasAttribute(poi({ priceLevel: 4 }), 'expensive')).toBe(true);
  });
});
