import { formatEvalResult, formatTurn, inventedPlaces, openDuring, readCatalogue, runEval, timeSpan } from './run-eval.js';

/**
 * `npm run eval`, and part of `npm test`: the conversation suite of eval-turns.ts must pass at
 * 95 % or more, and no answer may name a catalogue place it did not return. The tables go to
 * stderr so that a run shows them; EVAL_VERBOSE=1 prints every turn with its answer.
 */
const MIN_PASS_RATE = 0.95;

describe('evaluation suite', () => {
  it(`passes at least ${MIN_PASS_RATE * 100} % of the turns and never names a place it did not return`, async () => {
    const result = await runEval();
    process.stderr.write(`${formatEvalResult(result, { all: process.env['EVAL_VERBOSE'] === '1' })}\n\n`);
    const ok = result.passRate >= MIN_PASS_RATE && result.invented === 0;
    const failing = result.turns.filter((t) => !t.passed).map(formatTurn);
    // On failure the message lists every failing turn and why.
    expect(
      ok
        ? 'ok'
        : `pass rate ${(result.passRate * 100).toFixed(1)} % (minimum ${MIN_PASS_RATE * 100} %), ${result.invented} answers naming places they did not return:\n${failing.join('\n')}`,
    ).toBe('ok');
  }, 60_000);

  // A check that never finds anything would keep the count at 0: it must catch a planted name.
  it('counts a catalogue place the text names without returning it, in any of its languages', () => {
    const calpe = readCatalogue('calpe');
    const named = (name: string) => calpe.places.filter((place) => place.names.includes(name));
    const fossa = named('Playa de la Fossa (Levante)');
    expect(inventedPlaces(calpe, 'Try **La Fossa Beach (Levante)**, or the Arenal-Bol-Strand.', fossa, 'beaches')).toEqual(['Arenal-Bol-Strand']);
    expect(inventedPlaces(calpe, 'La Fossa Beach (Levante) — 4.7★', fossa, 'beaches')).toEqual([]);
    // The visitor's own words quoted back, and a returned place's description, are not the engine's.
    expect(inventedPlaces(calpe, 'Nothing for “Cala Mallaeta dogs”.', [], 'Cala Mallaeta dogs')).toEqual([]);
    const museum = named('Museo Histórico Municipal de Calpe');
    const description = museum[0]!.tags['description']!;
    expect(inventedPlaces(calpe, `Calpe Municipal History Museum (Museums):\n${description}`, museum, 'the second one')).toEqual([]);
    expect(inventedPlaces(calpe, 'Calpe Municipal History Museum; then see the Baños de la Reina.', museum, 'the second one')).toEqual(['Baños de la Reina']);
    // A name written twice in a row is still the returned place's, not a shorter one inside it.
    const park = named("Parque Natural del Penyal d'Ifac");
    expect(
      inventedPlaces(calpe, 'starting with **Peñón de Ifach Natural Park**.\n- **Peñón de Ifach Natural Park** — open 08:00–20:00', park, 'what to do'),
    ).toEqual([]);
  });

  // The time turns are only as good as the hours they read: checked here against the tags themselves.
  it('reads the catalogue’s opening hours at the time words’ spans, from Tuesday 2 June 2026 13:00 in Calpe', () => {
    const calpe = readCatalogue('calpe');
    const place = (name: string) => calpe.places.find((p) => p.names.includes(name));
    const hhmm = (intervals: Array<[Date, Date]> | null) => intervals?.map(([a, b]) => `${a.toTimeString().slice(0, 5)}–${b.toTimeString().slice(0, 5)}`);
    const tonight = timeSpan({ part: 'evening' });
    expect([tonight.from.getDate(), tonight.from.getHours(), tonight.to.getDate(), tonight.to.getHours()]).toEqual([2, 19, 3, 0]);
    // Lunch has begun: its span starts now. Sunday is the 7th; "tomorrow morning" the 3rd, 08:00–12:00.
    expect(timeSpan({ part: 'lunch' }).from.getHours()).toBe(13);
    expect(timeSpan({ day: 0 }).from.getDate()).toBe(7);
    expect([timeSpan({ day: 'tomorrow', part: 'morning' }).from.getDate(), timeSpan({ day: 'tomorrow', part: 'morning' }).from.getHours()]).toEqual([3, 8]);
    // "Tu-Su 12:30-15:30,19:00-23:00; Mo off", "We-Mo 19:00-23:00; Tu off", no opening_hours at all.
    expect(hhmm(openDuring(place('Trattoria Da Luca'), tonight))).toEqual(['19:00–23:00']);
    expect(hhmm(openDuring(place('Ristorante Il Gabbiano'), tonight))).toEqual([]);
    expect(openDuring(place('Trattoria Sapori di Sicilia'), tonight)).toBeNull();
    expect(hhmm(openDuring(place('Museo del Coleccionismo'), timeSpan({ day: 0 })))).toEqual([]);
    // A bar open past midnight is one interval, as the answers write it.
    expect(hhmm(openDuring(place('The Salty Anchor'), tonight))).toEqual(['11:00–01:00']);
  });
});
