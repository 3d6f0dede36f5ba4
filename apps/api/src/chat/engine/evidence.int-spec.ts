import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { chatContext } from '../../../test/support/chat-context.js';

/** Places tagged as OpenStreetMap contributors often tag them: the attribute is in the description only. */
const FEATURES = [
  { name: 'Cala Clara', natural: 'beach', description: 'Rocky cove with very clear water, good snorkelling.' },
  { name: 'Platja Gran', natural: 'beach', description: 'Long sandy beach.' },
  { name: 'Bar Tagged', amenity: 'restaurant', outdoor_seating: 'yes', description: 'Tapas.' },
  { name: 'Casa Terraza', amenity: 'restaurant', description: 'Paella and a big terraza over the port.' },
  { name: 'Sin Terraza', amenity: 'restaurant', outdoor_seating: 'no', description: 'Nice terraza views, they say.' },
  { name: 'Casa Interior', amenity: 'restaurant', description: 'No terrace, a cosy dining room.' },
  { name: 'Café Conectado', amenity: 'cafe', internet_access: 'wlan', takeaway: 'yes', description: 'Coffee and cake.' },
  { name: 'Café Offline', amenity: 'cafe', internet_access: 'no', description: 'Free wifi? No: no wifi here, by choice.' },
];

async function chatOn() {
  const dir = mkdtempSync(join(tmpdir(), 'holibot-evidence-'));
  const file = join(dir, 'town.geojson');
  const features = FEATURES.map((properties, i) => ({
    type: 'Feature',
    id: `node/${900 + i}`,
    geometry: { type: 'Point', coordinates: [0.05 + i * 0.001, 38.64] },
    properties: { 'addr:city': 'Calp', ...properties },
  }));
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  const context = await chatContext({ database: freshSqliteDatabase(), now: new Date('2026-06-02T11:00:00Z'), env: { POI_AUTOLOAD_FILE: file } });
  return {
    ask: async (query: string) => (await context.chat.handle({ query, language: 'en' }, null)).data,
    close: () => context.close(),
  };
}

describe('attribute evidence and widening, on a catalogue whose descriptions carry what its tags do not', () => {
  let town: Awaited<ReturnType<typeof chatOn>>;
  beforeAll(async () => {
    town = await chatOn();
  });
  afterAll(() => town?.close());

  it('a tag first, then a description that says it (said so); never a place whose tag says no or whose description denies it', async () => {
    const answer = await town.ask('restaurants with a terrace');
    expect(answer.pois.map((p) => p.name)).toEqual(['Bar Tagged', 'Casa Terraza']);
    expect(answer.textResponse.split('\n').slice(1)).toEqual(['- **Bar Tagged**', '- **Casa Terraza** — its description says “terraza”']);
  });

  it('the tags tourists ask about: wifi, takeaway; a tag that says no is never overruled by the description', async () => {
    expect((await town.ask('café with wifi')).pois.map((p) => p.name)).toEqual(['Café Conectado']);
    expect((await town.ask('¿cafeterías para llevar?')).pois.map((p) => p.name)).toEqual(['Café Conectado']);
    const offline = await town.ask('does Café Offline have wifi?');
    expect(offline.textResponse).toMatch(/^No — according to our information, Café Offline does not offer this \(Wi-Fi\)\./);
  });

  it('when only descriptions say it, the answer says so before naming the places', async () => {
    const answer = await town.ask('paella with outdoor seating');
    expect(answer.pois.map((p) => p.name)).toEqual(['Casa Terraza']);
    expect(answer.textResponse).toMatch(/^No place is listed with “outdoor seating”; these say so in their description\. I found one place/);
  });

  it('no place of the asked kind: places whose text uses its words, and the answer says it widened', async () => {
    const answer = await town.ask('where can I go snorkelling?');
    expect(answer.pois.map((p) => p.name)).toEqual(['Cala Clara']);
    expect(answer.textResponse).toMatch(/^Nothing is listed as “snorkelling”, but these places mention it\. I found one place: \*\*Cala Clara\*\*\./);
    // Said with the visitor's own word, accents included.
    expect((await town.ask('où faire de la plongée ?')).textResponse).toMatch(/^Rien n’est répertorié comme « plongée »/);
    // Nothing uses the words: nothing is found, rather than everything.
    expect((await town.ask('golf courses')).intent).toBe('no_results');
  });
});
