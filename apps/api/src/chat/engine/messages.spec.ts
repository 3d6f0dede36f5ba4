import { LANGUAGES } from '@holibot/contracts';
import { MESSAGES } from './messages.js';

describe('MESSAGES: opening hours, times and distances in each language', () => {
  const tonight = { day: 'today', part: 'evening' } as const;
  const closesLate = { time: '23:30', inDays: 0, weekday: 2 };
  const opensTomorrow = { time: '13:00', inDays: 1, weekday: 3 };

  it.each([
    [
      'en',
      'Yes, Casa Nerea is open now, until 23:30.',
      'No, Casa Nerea is closed right now; it opens tomorrow at 13:00.',
      'tonight',
      'on Sunday evening',
      'tomorrow morning',
    ],
    [
      'es',
      'Sí, Casa Nerea está abierto ahora, hasta las 23:30.',
      'No, Casa Nerea está cerrado en este momento; abre mañana a las 13:00.',
      'esta noche',
      'el domingo por la noche',
      'mañana por la mañana',
    ],
    [
      'de',
      'Ja, Casa Nerea ist jetzt geöffnet, bis 23:30 Uhr.',
      'Nein, Casa Nerea ist gerade geschlossen; es öffnet morgen um 13:00 Uhr.',
      'heute Abend',
      'am Sonntagabend',
      'morgen früh',
    ],
    [
      'nl',
      'Ja, Casa Nerea is nu open, tot 23:30.',
      'Nee, Casa Nerea is nu gesloten; het gaat morgen om 13:00 open.',
      'vanavond',
      'op zondagavond',
      'morgenochtend',
    ],
    [
      'fr',
      'Oui, Casa Nerea est ouvert en ce moment, jusqu’à 23:30.',
      'Non, Casa Nerea est fermé en ce moment ; il ouvre demain à 13:00.',
      'ce soir',
      'dimanche soir',
      'demain matin',
    ],
  ] as const)('%s', (language, open, closed, evening, sundayEvening, tomorrowMorning) => {
    const m = MESSAGES[language];
    expect(m.openYes('Casa Nerea', m.until(closesLate))).toBe(open);
    expect(m.openNo('Casa Nerea', m.opensAt(opensTomorrow))).toBe(closed);
    expect(m.when(tonight)).toBe(evening);
    expect(m.when({ day: 0, part: 'evening' })).toBe(sundayEvening);
    expect(m.when({ day: 'tomorrow', part: 'morning' })).toBe(tomorrowMorning);
  });

  it('"until" a later day, one more, a narrowed list at a time', () => {
    const monday = { time: '09:30', inDays: 3, weekday: 1 };
    expect([MESSAGES.en.until(monday), MESSAGES.es.until(monday), MESSAGES.de.until(monday), MESSAGES.nl.until(monday), MESSAGES.fr.until(monday)]).toEqual([
      'until Monday at 09:30',
      'hasta el lunes a las 09:30',
      'bis Montag um 09:30 Uhr',
      'tot maandag om 09:30',
      'jusqu’à lundi 09:30',
    ]);
    expect([MESSAGES.en.more(1, 0), MESSAGES.de.more(1, 2), MESSAGES.nl.more(3, 0)]).toEqual([
      'Here is one more:',
      'Hier ist ein weiterer (danach noch 2):',
      'Hier zijn er nog 3:',
    ]);
    expect(MESSAGES.en.filtered(2, MESSAGES.en.openAt('tomorrow'))).toBe('2 of them — open tomorrow:');
    expect(MESSAGES.nl.lead(3, 3, null, 'vanavond', 'X')).toBe('Ik heb 3 plekken gevonden die vanavond open zijn; mijn eerste tip is **X**.');
  });

  it('time ranges and distances as each language writes lists and numbers', () => {
    expect(MESSAGES.en.ranges(['12:30–16:30', '19:30–23:00'])).toBe('12:30–16:30 and 19:30–23:00');
    expect(MESSAGES.es.ranges(['12:30–16:30', '19:30–23:00'])).toBe('12:30–16:30 y 19:30–23:00');
    expect(MESSAGES.de.ranges(['12:30–16:30', '19:30–23:00'])).toBe('12:30–16:30 und 19:30–23:00');
    expect(MESSAGES.en.distance(12)).toBe('50 m');
    expect(MESSAGES.en.distance(826)).toBe('850 m');
    expect(MESSAGES.en.distance(1234)).toBe('1.2 km');
    expect(MESSAGES.de.distance(1234)).toBe('1,2 km');
    expect(MESSAGES.fr.fromYou(MESSAGES.fr.distance(1234))).toBe('à 1,2 km de vous');
  });

  it('every language has every sentence (the fifth, French, too)', () => {
    const keys = Object.keys(MESSAGES.en).sort();
    for (const language of LANGUAGES) expect([language, Object.keys(MESSAGES[language]).sort()]).toEqual([language, keys]);
  });

  it('a lead names the top pick in bold and agrees with the count', () => {
    expect(MESSAGES.en.lead(1, 1, 'Calpe', null, 'Casa Nerea')).toBe('I found one place in Calpe: **Casa Nerea**.');
    expect(MESSAGES.en.lead(12, 5, null, 'tonight', 'Casa Nerea')).toBe('I found 12 places open tonight; here are the 5 best, starting with **Casa Nerea**.');
    expect(MESSAGES.es.lead(1, 1, null, 'esta noche', 'Casa Nerea')).toBe('He encontrado un lugar abierto esta noche: **Casa Nerea**.');
    expect(MESSAGES.de.lead(3, 3, 'Calpe', 'heute Abend', 'Casa Nerea')).toBe(
      'Ich habe 3 Orte in Calpe gefunden, die heute Abend geöffnet sind; meine erste Empfehlung ist **Casa Nerea**.',
    );
    expect(MESSAGES.fr.lead(1200, 5, null, null, 'Casa Nerea')).toBe('J’ai trouvé 1\u202f200 lieux ; voici les 5 meilleurs, à commencer par **Casa Nerea**.');
  });
});
