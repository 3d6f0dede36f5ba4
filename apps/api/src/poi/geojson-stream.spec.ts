import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeatureChecker, InvalidCollectionError, parseFeatureCollection } from './geojson-features.js';
import { FileReadError, JsonSyntaxError, countFeatures, streamFeatures } from './geojson-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'holibot-geojson-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(text: string): string {
  const path = join(dir, `f${files++}.geojson`);
  writeFileSync(path, text);
  return path;
}

async function read(path: string): Promise<unknown[]> {
  const features: unknown[] = [];
  for await (const feature of streamFeatures(path)) features.push(feature);
  return features;
}

async function failure(path: string): Promise<Error> {
  try {
    await read(path);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${path} was read without an error`);
}

const feature = (i: number, properties: Record<string, unknown> = { name: `Café ${i}`, amenity: 'cafe' }) => ({
  type: 'Feature',
  id: `node/${i}`,
  geometry: { type: 'Point', coordinates: [0.05, 38.64] },
  properties,
});

describe('streamFeatures', () => {
  it('gives each feature as JSON.parse does, whatever the order of the root keys, skipping the others', async () => {
    const collection = {
      bbox: [0, 38, 1, 39],
      metadata: { features: ['not these'], nested: [[{ type: 'Feature' }]] },
      features: [
        feature(1, { name: 'Ünïcødé ☕ "quoted" \\ \u2028', amenity: 'cafe', rating: 4.5, n: -1.5e2, t: true, f: false, z: null }),
        'a string',
        42,
        null,
        [1, 2],
      ],
      type: 'FeatureCollection',
    };
    const text = JSON.stringify(collection, null, 2);
    expect(await read(file(text))).toEqual(JSON.parse(text).features);
    expect(await read(file(JSON.stringify({ type: 'FeatureCollection', features: [] })))).toEqual([]);
    // a byte-order mark is read past, as JSON editors on Windows write one
    expect(await read(file(`\uFEFF${JSON.stringify({ type: 'FeatureCollection', features: [feature(2)] })}`))).toEqual([feature(2)]);
  });

  it('refuses what is not a FeatureCollection, before reading on when the root says so', async () => {
    for (const text of [
      '[]',
      '"FeatureCollection"',
      JSON.stringify({ type: 'Feature', features: [] }),
      JSON.stringify({ features: [] }),
      JSON.stringify({ type: 'FeatureCollection' }),
      JSON.stringify({ type: 'FeatureCollection', features: {} }),
      JSON.stringify({ type: ['FeatureCollection'], features: [] }),
    ]) {
      const error = await failure(file(text));
      expect(error).toBeInstanceOf(InvalidCollectionError);
      expect(error.message).toMatch(/^not a GeoJSON FeatureCollection/);
    }
    expect((await failure(file('{"type":"FeatureCollection","features":[],"features":[]}'))).message).toMatch(/"features" appears twice/);
  });

  it('names the line, the column and the feature of a syntax error, and a file cut short', async () => {
    const lines = [feature(0), feature(1), feature(2)].map((f) => JSON.stringify(f));
    const broken = `{"type": "FeatureCollection", "features": [\n${lines[0]},\n${lines[1]!.replace('"Feature",', '"Feature",,')},\n${lines[2]}\n]}\n`;
    const error = await failure(file(broken));
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect(error.message).toBe(`expected an object key at line 3, column ${lines[1]!.indexOf('"Feature",') + 11}, in feature #1`);

    const whole = `{"type": "FeatureCollection", "features": [\n${lines.join(',\n')}\n]}\n`;
    const cut = await failure(file(whole.slice(0, whole.indexOf(lines[2]!) + 40)));
    expect(cut).toBeInstanceOf(JsonSyntaxError);
    expect(cut.message).toMatch(/^expected .* at line 4, column 41, in feature #2 — the file ends there: is it cut short\?$/);

    const trailingComma = await failure(file(`{"type": "FeatureCollection", "features": [${lines[0]},]}`));
    expect(trailingComma.message).toMatch(/^unexpected token ']' at line 1, column \d+, after feature #0$/);
    expect((await failure(file(''))).message).toMatch(/^expected a value at line 1, column 1/);
    expect((await failure(file('{"type": "FeatureCollection" "features": []}'))).message).toBe("expected ',' at line 1, column 30");
  });

  it('reports a file that cannot be read with its system code', async () => {
    const missing = await failure(join(dir, 'missing.geojson'));
    expect(missing).toBeInstanceOf(FileReadError);
    expect((missing as FileReadError).code).toBe('ENOENT');
    expect(((await failure(dir)) as FileReadError).code).toBe('EISDIR');
  });
});

describe('countFeatures', () => {
  it('counts the elements of the root "features" array only, strings with brackets and escapes included', async () => {
    const tricky = { name: 'a "]" and a "[" , {', 'x\\"': '\\' };
    const text = JSON.stringify(
      { metadata: { features: [1, 2, 3] }, features: [feature(1, tricky), 'x', [1, [2]], feature(2)], type: 'FeatureCollection' },
      null,
      1,
    );
    expect(await countFeatures(file(text))).toBe(4);
    expect(await countFeatures(file('{"type":"FeatureCollection","features":[]}'))).toBe(0);
    expect(await countFeatures(file('[1, 2, 3]'))).toBe(0);
    expect(await countFeatures(file('{"features": [1, 2'))).toBe(2);
  });
});

describe('FeatureChecker', () => {
  it('checks a stream of features as parseFeatureCollection checks an array, and rereads them', () => {
    const features = [
      feature(1),
      feature(2, { name: 'Bench', amenity: 'bench' }),
      feature(1, { name: 'Again', amenity: 'cafe' }),
      feature(3, { name: 'Odd hours', amenity: 'bar', opening_hours: 'whenever' }),
      feature(4, { name: 'Odd hours too', amenity: 'bar', opening_hours: 'whenever' }),
      feature(5, { name: 'Bad rating', amenity: 'bar', rating: 9 }),
    ];
    const checker = new FeatureChecker();
    const records = features.map((f) => checker.check(f));
    const parsed = parseFeatureCollection({ type: 'FeatureCollection', features });
    expect(records.filter(Boolean)).toEqual(parsed.records);
    expect(checker.rejected).toEqual(parsed.rejected);
    // the same warning for the same opening_hours, remembered or not
    expect(checker.warnings).toEqual(parsed.warnings);
    expect(checker.warnings.map((w) => w.index)).toEqual([3, 4]);
    expect(checker).toMatchObject({ total: 6, accepted: 3 });
    expect([...checker.keptIds()].sort()).toEqual(['node/1', 'node/3', 'node/4', 'node/5']);

    expect(features.map((f, i) => checker.recheck(f, i))).toEqual(records);
    expect(() => checker.recheck(feature(9, { name: 'Now broken', amenity: 'cafe', rating: 9 }), 0)).toThrow(/the file changed during the import/);
  });
});
