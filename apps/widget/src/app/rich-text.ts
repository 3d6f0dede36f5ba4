import { httpUrl } from './links';

/**
 * The little formatting bot text may carry — paragraphs, `**bold**`, bullet and numbered lists,
 * http(s) links — as data the template renders with text bindings. No HTML from the server is
 * ever parsed or inserted: a `<b>` in an answer shows as the characters `<b>`.
 */
export interface Inline {
  text: string;
  bold?: boolean;
  href?: string;
}
/** A paragraph is a block of one item; lists are shown with list roles (one template for both). */
export interface Block {
  kind: 'p' | 'ul' | 'ol';
  items: Inline[][];
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,2}[.)]\s+(.*)$/;
// Bold spans, then bare links; a link ends before trailing punctuation.
const INLINE = /\*\*([^*\n]+)\*\*|(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])/g;

/**
 * Parses bot text into blocks. `cardNames`: the places the answer's cards show; a numbered list
 * whose every item starts with one of them only repeats the cards, and is left out.
 */
export function richText(text: string, cardNames: readonly string[] = []): Block[] {
  const blocks: Block[] = [];
  type List = { kind: 'ul' | 'ol'; items: Inline[][]; raw: string[] };
  let list = null as List | null;
  let paragraph: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'p', items: [inline(paragraph.join('\n'))] });
    paragraph = [];
  };
  const flushList = () => {
    if (list && !(list.kind === 'ol' && repeatsCards(list.raw, cardNames))) blocks.push({ kind: list.kind, items: list.items });
    list = null;
  };
  for (const line of text.split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const kind = bullet ? 'ul' : 'ol';
      flushParagraph();
      if (list?.kind !== kind) {
        flushList();
        list = { kind, items: [], raw: [] };
      }
      list!.items.push(inline(item[1]!));
      list!.raw.push(item[1]!);
    } else if (line.trim() === '') {
      flushParagraph();
      flushList();
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return blocks;
}

function repeatsCards(items: readonly string[], cardNames: readonly string[]): boolean {
  const names = cardNames.map(fold).filter(Boolean);
  return names.length > 0 && items.every((item) => names.some((name) => fold(item.replace(/\*\*/g, '')).startsWith(name)));
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

function inline(text: string): Inline[] {
  const parts: Inline[] = [];
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index) });
    const href = match[2] ? httpUrl(match[2]) : null;
    if (match[1]) parts.push({ text: match[1], bold: true });
    else if (href) parts.push({ text: match[2]!, href });
    else parts.push({ text: match[0] });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
