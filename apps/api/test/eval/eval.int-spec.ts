import { formatEvalResult, formatTurn, inventedPlaces, readCatalogue, runEval } from './run-eval.js';

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
  });
});
