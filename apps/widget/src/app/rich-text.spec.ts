import { loadStrings, uiStrings } from './i18n';
import { openLabel } from './poi-card';
import { richText } from './rich-text';
import { quickReplies } from './thread';

beforeAll(() => loadStrings('en'));

describe('richText', () => {
  it('paragraphs, **bold**, bullet and numbered lists, and http(s) links only', () => {
    const blocks = richText(
      '**Casa Nerea** is the best pick.\nSee https://casanerea.example/menu.\n\n- terrace\n- sea view\n1. first\n2. second\nLast javascript:alert(1) line',
    );
    expect(blocks).toEqual([
      {
        kind: 'p',
        items: [
          [
            { text: 'Casa Nerea', bold: true },
            { text: ' is the best pick.\nSee ' },
            { text: 'https://casanerea.example/menu', href: 'https://casanerea.example/menu' },
            { text: '.' },
          ],
        ],
      },
      { kind: 'ul', items: [[{ text: 'terrace' }], [{ text: 'sea view' }]] },
      { kind: 'ol', items: [[{ text: 'first' }], [{ text: 'second' }]] },
      { kind: 'p', items: [[{ text: 'Last javascript:alert(1) line' }]] },
    ]);
  });

  it('keeps HTML as text and never makes links of other schemes', () => {
    expect(richText('<b>x</b> data:text/html,<script>')).toEqual([{ kind: 'p', items: [[{ text: '<b>x</b> data:text/html,<script>' }]] }]);
  });

  it('leaves out a numbered list that only repeats the cards, and keeps one that does not', () => {
    const text = 'Here are 2 restaurants in Calpe:\n1. Restaurante El Puerto — 4.8★ · €€\n2. La Piccola — 4.5★';
    expect(richText(text, ['Restaurante El Puerto', 'La Piccola'])).toEqual([{ kind: 'p', items: [[{ text: 'Here are 2 restaurants in Calpe:' }]] }]);
    expect(richText(text, ['Restaurante El Puerto'])).toHaveLength(2);
    expect(richText(text)).toHaveLength(2);
  });
});

describe('openLabel', () => {
  it('words the next change in the visitor language and clock', () => {
    const en = uiStrings('en');
    expect(openLabel(true, { time: '23:30', inDays: 0, weekday: 3 }, en)!.label).toMatch(/^Open · until (23:30|11:30 PM)$/);
    expect(openLabel(false, { time: '13:00', inDays: 0, weekday: 3 }, en)!.label).toMatch(/^Closed · opens at (13:00|1:00 PM)$/);
    expect(openLabel(false, { time: '13:00', inDays: 1, weekday: 4 }, en)!.label).toMatch(/^Closed · opens tomorrow at/);
    expect(openLabel(false, { time: '10:00', inDays: 3, weekday: 1 }, en)!.label).toMatch(/^Closed · opens Monday at/);
    expect(openLabel(true, null, en)).toEqual({ className: 'badge open', label: 'Open now' });
    expect(openLabel(null, null, en)).toBeNull();
    expect(openLabel(true, { time: 'bogus', inDays: 0, weekday: 0 }, en)!.label).toBe('Open now');
  });
});

describe('quickReplies', () => {
  const place = (over: object) => ({ openNow: true, category: 'Food & Drinks', phone: '+34 1', ...over }) as never;
  it('offers follow-ups that fit the list, none for one place', () => {
    const en = uiStrings('en');
    expect(quickReplies({ pois: [place({}), place({})] }, en)).toEqual([en.quickOpenNow, en.quickOutdoor, en.quickPhone]);
    expect(quickReplies({ pois: [place({ openNow: null, category: 'Beaches & Nature', phone: null }), place({ openNow: null })] }, en)).toEqual([
      en.quickOutdoor,
    ]);
    expect(quickReplies({ pois: [place({})] }, en)).toEqual([]);
    expect(quickReplies(null, en)).toEqual([]);
  });
});
