import { chatClient } from './support/app.js';
import { type InProcessApp, startInProcess } from './support/in-process.js';

/** Tuesday 2 June 2026, 06:10 in Calpe: every museum and restaurant of the sample catalogue is closed. */
const EARLY = '2026-06-02T04:10:00Z';

describe('"which museum is open?" when nothing is', () => {
  let running: InProcessApp;
  beforeAll(async () => {
    running = await startInProcess({ HOLIBOT_FIXED_NOW: EARLY, RATE_LIMIT_ENABLED: 'false' });
  });
  afterAll(() => running?.close());

  it('says nothing is open and when the first opens, in each language, listing the places by opening time', async () => {
    const chat = chatClient(running.url);
    for (const [question, lead] of [
      ['museums open now', /^Nothing is open right now; the first to open is Museum of Collecting, at 10:00:\n1\. \*\*Museum of Collecting\*\*/],
      ['¿qué museos están abiertos ahora?', /^Ahora mismo no hay nada abierto; el primero en abrir es Museo del Coleccionismo, a las 10:00:/],
      ['Welche Museen haben jetzt geöffnet?', /^Gerade ist nichts geöffnet; als Erstes öffnet Sammlermuseum, um 10:00 Uhr:/],
      ['Welk museum is open?', /^Er is nu niets open; als eerste gaat Verzamelaarsmuseum open, om 10:00:/],
    ] as const) {
      const { body } = await chat.ask(question);
      expect(body.data.textResponse).toMatch(lead);
      expect(body.data.pois.length).toBeGreaterThan(1);
      expect(body.data.pois.every((poi: { openNow: boolean | null }) => poi.openNow !== true)).toBe(true);
      // By when they open: the first named is the first listed, and no later one opens sooner.
      const minutes = body.data.pois.map((poi: { nextChange: { time: string; inDays: number } | null }) =>
        poi.nextChange ? poi.nextChange.inDays * 1440 + Number(poi.nextChange.time.slice(0, 2)) * 60 + Number(poi.nextChange.time.slice(3)) : Infinity,
      );
      expect(minutes).toEqual([...minutes].sort((a: number, b: number) => a - b));
    }
  });

  it('a list narrowed to what is open now says the same, and "the first one" is then the first to open', async () => {
    const chat = chatClient(running.url);
    const list = await chat.ask('museums');
    const open = await chat.ask('which ones are open now?', list.body.data.sessionId);
    expect(open.body.data).toMatchObject({ intent: 'follow_up_filter', isFollowUp: true });
    expect(open.body.data.textResponse).toMatch(/^Nothing is open right now; the first to open is Museum of Collecting, at 10:00:/);
    const first = await chat.ask('the first one', list.body.data.sessionId);
    expect(first.body.data.pois.map((poi: { name: string }) => poi.name)).toEqual(['Museum of Collecting']);
  });
});
