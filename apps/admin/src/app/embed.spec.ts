import type { WidgetFileInfo } from '@holibot/contracts';
import { embedSnippet } from './embed';

function file(name: string, integrity: string): WidgetFileInfo {
  return { name, integrity, sha256: 'ab'.repeat(32), size: 1000, gzipSize: 500, brotliSize: 400 };
}

describe('embedSnippet', () => {
  const files = [file('holi-bot-element.js', 'sha384-ELEMENT'), file('holi-bot.js', 'sha384-LOADER'), file('chunk-ABCD1234.js', 'sha384-CHUNK')];

  it("pins the version's loader with its own integrity", () => {
    expect(embedSnippet('https://bot.calpe.example', '1.3.0-rc.1', files)).toBe(
      '<script src="https://bot.calpe.example/widget/v/1.3.0-rc.1/holi-bot.js" integrity="sha384-LOADER" crossorigin="anonymous" async></script>\n' +
        '<holi-bot></holi-bot>',
    );
  });

  it('ignores a trailing slash of the origin', () => {
    expect(embedSnippet('http://localhost:3000/', '1.0.0', files)).toContain('src="http://localhost:3000/widget/v/1.0.0/holi-bot.js"');
  });

  it('has no snippet for a version without a loader', () => {
    expect(embedSnippet('https://x.example', '1.0.0', [files[0]!])).toBeNull();
  });
});
